//! Every limit that keeps an input from exhausting memory or time is named in
//! its error: file size, entries (outcomes, inputs, stakeholders), cohorts
//! and durations in years, text length, and nesting. The limits are set small
//! here through the library, so the tests need no huge files; the default
//! limits have their own fixtures under tests/fixtures/invalid/.

use std::io::Write as _;

use sroi::diagnostic::{Diagnostics, ErrorCode, SourceFile};
use sroi::model::{Limits, LoadError, TOML_NESTING_LIMIT, load_file, parse_model};

const MODEL: &str = r#"[analysis]
name = "Limits"

[[stakeholders]]
id = "people"

[[inputs]]
stakeholder = "people"
amount = 100

[[outcomes]]
id = "a"
stakeholder = "people"
quantity = [1, 2, 3]
proxy = 10
duration = 3
description = "twelve chars"

[[outcomes]]
id = "b"
stakeholder = "people"
quantity = 1
proxy = 10
duration = 1
"#;

fn problems(text: &str, limits: Limits) -> Diagnostics {
    let source = SourceFile::new("limits.toml", text);
    match parse_model(&source, limits) {
        Ok(_) => panic!("the model loaded within {limits:?}"),
        Err(diagnostics) => diagnostics,
    }
}

/// The one message, with its code.
fn only_message(diagnostics: &Diagnostics) -> (ErrorCode, &str) {
    assert_eq!(diagnostics.items.len(), 1, "{diagnostics:?}");
    (
        diagnostics.items[0].code,
        diagnostics.items[0].message.as_str(),
    )
}

#[test]
fn the_model_loads_within_the_default_limits() {
    let source = SourceFile::new("limits.toml", MODEL);
    assert!(parse_model(&source, Limits::DEFAULT).is_ok());
}

#[test]
fn a_file_larger_than_the_limit_is_refused_before_it_is_read_whole() {
    let mut file = tempfile::NamedTempFile::new().expect("a temporary file");
    file.write_all(MODEL.as_bytes()).expect("written");
    let limits = Limits {
        max_file_bytes: 100,
        ..Limits::DEFAULT
    };
    match load_file(file.path(), limits) {
        Err(LoadError::TooLarge { limit, .. }) => assert_eq!(limit, 100),
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[test]
fn a_load_error_is_a_standard_error_that_reads_as_one_line() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let unreadable = load_file(directory.path(), Limits::DEFAULT).expect_err("a directory");
    let error: &dyn std::error::Error = &unreadable;
    assert!(error.to_string().starts_with("cannot read "), "{error}");
    assert!(error.source().is_some(), "the I/O error is its source");
    let mut file = tempfile::NamedTempFile::new().expect("a temporary file");
    file.write_all(b"[analysis]\nname = 1\n").expect("written");
    let invalid = load_file(file.path(), Limits::DEFAULT).expect_err("a number is no name");
    // Three problems, as `sroi calc` lists them: no outcomes, no inputs,
    // and a name that is not text.
    let shown = invalid.to_string();
    assert!(
        shown.ends_with(": not a valid model (3 problems)"),
        "{shown}"
    );
}

#[test]
fn more_outcomes_than_the_limit_are_refused_naming_it() {
    let limits = Limits {
        max_entries: 1,
        ..Limits::DEFAULT
    };
    assert_eq!(
        only_message(&problems(MODEL, limits)),
        (
            ErrorCode::OverLimit,
            "the model has 2 entries in `outcomes`, more than the limit of 1"
        )
    );
}

#[test]
fn more_cohorts_or_years_than_the_limit_are_refused_naming_it() {
    let limits = Limits {
        max_years: 2,
        ..Limits::DEFAULT
    };
    let diagnostics = problems(MODEL, limits);
    let messages: Vec<(ErrorCode, &str)> = diagnostics
        .items
        .iter()
        .map(|d| (d.code, d.message.as_str()))
        .collect();
    assert_eq!(
        messages,
        [
            (
                ErrorCode::OverLimit,
                "`quantity` must be a number or a list of 1 to 2 numbers (one per year), found a list of 3"
            ),
            (
                ErrorCode::OutOfRange,
                "`duration` must be a whole number of years from 1 to 2, found 3"
            ),
        ]
    );
}

#[test]
fn text_longer_than_the_limit_is_refused_naming_it() {
    let limits = Limits {
        max_text_chars: 11,
        ..Limits::DEFAULT
    };
    assert_eq!(
        only_message(&problems(MODEL, limits)),
        (
            ErrorCode::OverLimit,
            "`description` is 12 characters long, more than the limit of 11"
        )
    );
}

fn nested(depth: u32) -> String {
    let depth = depth as usize;
    MODEL.replace(
        "description = \"twelve chars\"",
        &format!("indicator = {}{}", "[".repeat(depth), "]".repeat(depth)),
    )
}

#[test]
fn nesting_is_allowed_to_the_parsers_limit_and_refused_beyond_it_naming_it() {
    // At the limit the parser reads the value, which is then the wrong type.
    let at = problems(&nested(TOML_NESTING_LIMIT), Limits::DEFAULT);
    assert_eq!(only_message(&at).0, ErrorCode::WrongType);
    let beyond = problems(&nested(TOML_NESTING_LIMIT + 1), Limits::DEFAULT);
    assert_eq!(
        only_message(&beyond),
        (
            ErrorCode::OverLimit,
            "arrays and inline tables are nested more than 80 levels deep, beyond the limit"
        )
    );
}
