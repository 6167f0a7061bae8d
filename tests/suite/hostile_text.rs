//! Text from a model is data, never code, in every file `sroi` writes. The
//! model `tests/fixtures/hostile/formulas.toml` fills every text field (and
//! ids that may start with `-`) with spreadsheet formulas and markup; every
//! CSV that any command writes from it must hold no text cell that a
//! spreadsheet would run: a cell starting with `=`, `+`, `-`, `@`, a tab or a
//! carriage return is either a number or neutralised with an apostrophe.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::support::sroi;

const HOSTILE: &str = "tests/fixtures/hostile/formulas.toml";

fn csv_cells(args: &[&str]) -> Vec<String> {
    let output = sroi(args);
    assert_eq!(output.status.code(), Some(0), "{args:?}");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(output.stdout.as_slice());
    reader
        .records()
        .flat_map(|record| {
            let record = record.expect("valid CSV");
            record.iter().map(str::to_owned).collect::<Vec<_>>()
        })
        .collect()
}

fn runs_as_a_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && Decimal::from_str(cell).is_err()
}

#[test]
fn no_csv_written_from_a_hostile_model_holds_a_formula() {
    let commands: [&[&str]; 3] = [
        &["calc", HOSTILE, "--format", "csv"],
        &["sensitivity", HOSTILE, "--format", "csv"],
        &[
            "compare",
            HOSTILE,
            "examples/minimal.toml",
            "--format",
            "csv",
        ],
    ];
    for args in commands {
        let cells = csv_cells(args);
        // The hostile text did reach the output, neutralised.
        assert!(
            cells.iter().any(|c| c.starts_with("'=")),
            "{args:?} wrote no neutralised formula: {cells:?}"
        );
        let raw: Vec<&String> = cells.iter().filter(|c| runs_as_a_formula(c)).collect();
        assert!(raw.is_empty(), "{args:?} wrote formulas: {raw:?}");
    }
}

#[test]
fn neutralising_keeps_the_text_after_the_apostrophe_exactly() {
    let cells = csv_cells(&["calc", HOSTILE, "--format", "csv"]);
    for expected in [
        "'-outcome",
        "'-people",
        "'=DDE(\"cmd\";\"/C calc\";\"!A0\")",
        "'+proxy \"quoted\" & <b>bold</b>",
    ] {
        assert!(
            cells.iter().any(|c| c == expected),
            "{expected} missing from {cells:?}"
        );
    }
    // Negative figures stay numbers.
    assert!(cells.iter().any(|c| c == "-50.00"));
}
