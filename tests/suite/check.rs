//! What `sroi check` finds: every lint fires on the failing example and none
//! on a clean model; published figures hold a model to its report; and
//! `--deny`, `--allow`, `--min-ratio` and `[check]` decide what fails. How
//! the findings are reported is in `check_output`.
//!
//! `tests/fixtures/check/clean.toml` works its figures by hand in its header:
//! present value £92,800 for inputs of £50,000, ratio 1.856.

use std::path::Path;

use serde_json::Value;

use crate::support::{sroi, stderr, stdout};

pub const CLEAN: &str = "tests/fixtures/check/clean.toml";
pub const ACCEPTED: &str = "tests/fixtures/check/accepted.toml";
pub const FAILING: &str = "examples/failing-every-lint.toml";
/// Valid, but with no indicators, proxy sources or negative outcome: warnings only.
pub const WARNED: &str = "tests/fixtures/compare/a.toml";

pub fn code(args: &[&str]) -> Option<i32> {
    sroi(args).status.code()
}

pub fn check_json(args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&stdout(&sroi(&all))).expect("check writes valid JSON")
}

/// A copy of `model` in a temporary directory, with `from` replaced by `to`.
fn edited(model: &str, from: &str, to: &str) -> (tempfile::TempDir, String) {
    let text = std::fs::read_to_string(crate::support::root().join(model)).expect("model exists");
    assert!(text.contains(from), "{model} has no {from:?}");
    let directory = tempfile::tempdir().expect("a temporary directory");
    let name = Path::new(model).file_name().expect("a file name");
    let path = directory.path().join(name);
    std::fs::write(&path, text.replacen(from, to, 1)).expect("the copy is written");
    let path = path.display().to_string();
    (directory, path)
}

#[test]
fn every_lint_fires_on_the_failing_example() {
    let json = check_json(&[FAILING, "--min-ratio", "1000"]);
    let mut codes: Vec<&str> = json["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let expected = [
        "SROI101", "SROI102", "SROI103", "SROI104", "SROI105", "SROI106", "SROI107", "SROI108",
        "SROI201", "SROI202", "SROI203", "SROI204", "SROI301", "SROI302", "SROI303", "SROI304",
        "SROI401", "SROI402",
    ];
    assert_eq!(codes, expected);
    assert_eq!(json["files"][0]["status"], "failed");
    assert_eq!(json["exit_code"], 1);
}

#[test]
fn the_failing_example_is_a_valid_model() {
    assert_eq!(code(&["calc", FAILING]), Some(0));
}

#[test]
fn no_lint_fires_on_a_clean_model() {
    for extra in [&[][..], &["--deny", "warnings"][..]] {
        let mut args = vec!["check", CLEAN];
        args.extend_from_slice(extra);
        let output = sroi(&args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert_eq!(
            stdout(&output),
            "tests/fixtures/check/clean.toml: ok (ratio 1.86, 0 warnings, 0 allowed)\n"
        );
        assert_eq!(stderr(&output), "");
    }
}

#[test]
fn a_published_figure_no_longer_reproduced_exits_one_naming_it() {
    // 41 people instead of 40 gain confidence: 41 × 1,000 × 0.6 = 24,600 and
    // 19,680, so the PV rises by 1,080 to 93,880: 1,080 / 92,800 = 1.16% off.
    // The ratio 93,880 / 50,000 = 1.8776 is 0.0176 / 1.86 = 0.95% off 1.86.
    let (_dir, path) = edited(CLEAN, "quantity = 40", "quantity = 41");
    let output = sroi(&["check", &path]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(errors.contains("error[SROI401]: [published] present_value is £92,800 but the model gives £93,880.00 (1.16% away, beyond the tolerance of 0.5%)"), "{errors}");
    assert!(errors.contains("error[SROI401]: [published] ratio is 1.86 but the model gives 1.8776 (0.95% away, beyond the tolerance of 0.5%)"), "{errors}");
    assert!(stdout(&output).ends_with("failed (ratio 1.88, 2 errors, 0 warnings, 0 allowed)\n"));
}

#[test]
fn a_published_figure_is_quoted_as_the_model_writes_it() {
    // The clean model gives PV £92,800, inputs £50,000, ratio 1.856. Each
    // stated figure below is off, and its message quotes it digit for digit:
    //   99,999.995 is never rounded to £100,000.00: 7,199.995 / 99,999.995
    //     = 7.20% away;
    //   4.88e6 (a report's "£4.88m") is £4,880,000, not £4,880,000.00 as if
    //     stated to the penny: 4,830,000 / 4,880,000 = 98.98% away;
    //   a ratio of 3.64159 is not cut to 3.6416: 1.78559 / 3.64159 = 49.03% away.
    let published = "present_value = 92_800\ninputs = 50_000\nratio = 1.86";
    let stated = "present_value = 99_999.995\ninputs = 4.88e6\nratio = 3.64159";
    let (_dir, path) = edited(CLEAN, published, stated);
    let output = sroi(&["check", &path]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    for message in [
        "[published] present_value is £99,999.995 but the model gives £92,800.00 (7.20% away, beyond the tolerance of 0.5%)",
        "[published] inputs is £4,880,000 but the model gives £50,000.00 (98.98% away, beyond the tolerance of 0.5%)",
        "[published] ratio is 3.64159 but the model gives 1.856 (49.03% away, beyond the tolerance of 0.5%)",
    ] {
        assert!(errors.contains(message), "{message}\nnot in\n{errors}");
    }
}

#[test]
fn editing_a_number_in_a_bundled_model_exits_one_naming_published() {
    // Thurrock's isolation proxy from £2,340 to £2,840 adds 140 × £500 × 0.75
    // × 0.6 = £31,500 to each cohort's first year, far beyond 0.5% of £4.88m
    // once its four years and three cohorts are summed.
    let (_dir, path) = edited("models/thurrock.toml", "proxy = 2340", "proxy = 2840");
    let output = sroi(&["check", "--deny", "warnings", &path]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(
            "error[SROI401]: [published] present_value is £4,880,000 but the model gives"
        )
    );
}

#[test]
fn deny_warnings_turns_a_warning_into_a_failure() {
    assert_eq!(code(&["check", WARNED]), Some(0));
    let output = sroi(&["check", "--deny", "warnings", WARNED]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("error[SROI201]: outcome `jobs` has no indicator"));
    assert!(stderr(&output).contains("  = note: a warning, denied by --deny warnings\n"));
    assert!(stdout(&output).contains(": failed (ratio 1.20, 8 errors, 0 warnings, 0 allowed)"));
    // Denying one code fails on that code alone.
    let output = sroi(&["check", "--deny", "SROI303", WARNED]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains(": failed (ratio 1.20, 1 error, 7 warnings, 0 allowed)"));
}

#[test]
fn allow_on_the_command_line_accepts_a_lint_and_says_so() {
    let output = sroi(&[
        "check", "--deny", "warnings", "--allow", "SROI303", "--deny", "SROI201", WARNED,
    ]);
    let text = stdout(&output);
    assert!(
        text.contains(": failed (ratio 1.20, 7 errors, 0 warnings, 1 allowed)"),
        "{text}"
    );
    assert!(
        text.contains("  allowed: SROI303 on line 22 (--allow on the command line)"),
        "{text}"
    );
    assert!(!stderr(&output).contains("SROI303"));
}

#[test]
fn a_reasoned_allow_in_the_model_passes_deny_warnings_and_shows_the_reason() {
    let output = sroi(&["check", "--deny", "warnings", ACCEPTED]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "tests/fixtures/check/accepted.toml: ok (ratio 1.86, 0 warnings, 1 allowed)\n  \
         allowed: SROI201 on line 38 (confidence is measured by the Outcomes Star, described in the report)\n"
    );
    let json = check_json(&[ACCEPTED]);
    let finding = &json["files"][0]["findings"][0];
    assert_eq!(finding["code"], "SROI201");
    assert_eq!(finding["allowed"]["by"], "model");
    assert_eq!(
        finding["allowed"]["reason"],
        "confidence is measured by the Outcomes Star, described in the report"
    );
}

#[test]
fn a_minimum_ratio_fails_a_model_below_it() {
    // The clean model's ratio is 1.856.
    let output = sroi(&["check", "--min-ratio", "2", CLEAN]);
    assert!(stderr(&output).contains(
        "error[SROI402]: the SROI ratio 1.86 : 1 is below the minimum of 2 set by --min-ratio"
    ));
    assert_eq!(code(&["check", "--min-ratio", "1.85", CLEAN]), Some(0));
}

#[test]
fn the_ci_example_checks_every_model_with_warnings_denied() {
    let workflow =
        std::fs::read_to_string(crate::support::root().join("examples/github-workflow.yml"))
            .expect("the workflow example exists");
    assert!(workflow.contains("on:\n  push:"), "{workflow}");
    assert!(workflow.contains("run: cargo build --release --locked"));
    assert!(workflow.contains("sroi check --deny warnings --format github models/"));
}

#[test]
fn the_bundled_models_pass_with_warnings_denied_and_say_what_they_accept() {
    let output = sroi(&["check", "--deny", "warnings", "models/"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with("models/derby.toml: ok (ratio 3.68, 0 warnings, 1 allowed)\n  allowed: SROI304 on line 203 (inputs at face value are the SROI Guide's value-map convention"), "{text}");
    assert!(text.contains("models/thurrock.toml: ok (ratio 3.64, 0 warnings, 1 allowed)\n  allowed: SROI304 on line 183 ("), "{text}");
}
