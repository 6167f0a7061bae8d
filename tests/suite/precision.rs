//! Figures at the edge of what a decimal carries (28 significant digits)
//! say so: a note beside the results and a warning on standard error.

use crate::support::{sroi_with_stdin, stderr, stdout};

/// One outcome of 1,000 × £123,456,789,012,345,678,901,234.5679 × 0.67
/// = £82,716,048,638,271,604,863,827,160.493 a year for three years (8.3 ×
/// 10^25) against £1 of inputs. Worked at 80 digits, the present value is
/// 82,716,048,638,271,604,863,827,160.493 × (1/1.035 + 1/1.035² + 1/1.035³)
/// = £231,740,340,780,034,069,368,766,622.98; with 28 digits the calculation
/// gives …623.00. The pennies are not exact, and the output must say so.
const LARGE: &str = r#"
[analysis]
name = "Large"

[[stakeholders]]
id = "people"

[[inputs]]
stakeholder = "people"
amount = 1

[[outcomes]]
id = "large"
stakeholder = "people"
quantity = 1000
proxy = "123456789012345678901234.5679"
deadweight = "33%"
duration = 3
"#;

const LARGE_NOTE: &str = "figures here reach 10^26: decimals carry 28 significant digits, which from 10^20 no longer assures the pennies shown, so their last digits may be off";
const RATIO_NOTE: &str = "the ratio reaches 10^26: decimals carry 28 significant digits, which from 10^18 no longer assures the places shown, so its last digits may be off";

/// 10^-14 people × £10^-15 = 10^-29, below the smallest step of 10^-28.
fn tiny() -> String {
    LARGE
        .replace("quantity = 1000", "quantity = \"0.00000000000001\"")
        .replace(
            "proxy = \"123456789012345678901234.5679\"",
            "proxy = \"0.000000000000001\"",
        )
}

const TINY_NOTE: &str = "outcome `large` is worth less than 10^-28, the smallest step a decimal carries, and counts as zero";

#[test]
fn figures_beyond_the_pennies_a_decimal_carries_say_so_in_every_output() {
    // The largest figure, the present value 2.3 × 10^26, has 27 whole digits.
    for format in ["table", "markdown", "json", "csv"] {
        let output = sroi_with_stdin(&["calc", "-", "--format", format], LARGE);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let warnings = stderr(&output);
        for note in [LARGE_NOTE, RATIO_NOTE] {
            assert!(
                warnings.contains(&format!("sroi: warning: <stdin>: {note}\n")),
                "{format}: {warnings}"
            );
            if format != "csv" {
                assert!(stdout(&output).contains(note), "{format}");
            }
        }
    }
    let json = stdout(&sroi_with_stdin(&["calc", "-", "--format", "json"], LARGE));
    let json: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(json["precision_notes"][0], LARGE_NOTE);
    assert_eq!(json["precision_notes"][1], RATIO_NOTE);
}

#[test]
fn a_value_too_small_to_carry_says_it_counts_as_zero() {
    let output = sroi_with_stdin(&["calc", "-"], &tiny());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains(TINY_NOTE), "{}", stdout(&output));
    assert_eq!(
        stderr(&output),
        format!("sroi: warning: <stdin>: {TINY_NOTE}\n")
    );
}

#[test]
fn an_ordinary_model_has_no_note() {
    let output = sroi_with_stdin(
        &["calc", "-", "--format", "json"],
        crate::sensitivity::EXAMPLE,
    );
    assert_eq!(stderr(&output), "");
    assert!(!stdout(&output).contains("precision"));
}
