//! One small model per validation rule, each with its exact expected message
//! beside it (`NAME.toml` and `NAME.stderr` in `tests/fixtures/invalid/`).
//! Every one must exit 1, print nothing on standard output, and never panic.

use crate::support::{assert_matches_file, files_with_extension, root, sroi, stderr, stdout};

#[test]
fn every_invalid_model_exits_one_with_its_exact_message() {
    let directory = root().join("tests/fixtures/invalid");
    let models = files_with_extension(&directory, "toml");
    assert!(
        models.len() >= 40,
        "the rule fixtures are missing: found {}",
        models.len()
    );
    for model in models {
        let relative = model
            .strip_prefix(root())
            .expect("fixture under the crate root");
        let relative = relative.to_str().expect("fixture paths are UTF-8");
        let output = sroi(&["calc", relative]);
        let message = stderr(&output);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{relative} should be invalid:\n{message}"
        );
        assert!(
            stdout(&output).is_empty(),
            "{relative} printed results despite being invalid"
        );
        assert!(
            !message.contains("panicked"),
            "{relative} panicked:\n{message}"
        );
        assert_matches_file(&message, &model.with_extension("stderr"));
    }
}

#[test]
fn every_message_names_the_file_line_and_column() {
    let output = sroi(&[
        "calc",
        "tests/fixtures/invalid/every_problem_in_one_run.toml",
    ]);
    let message = stderr(&output);
    let prefix = "tests/fixtures/invalid/every_problem_in_one_run.toml:";
    let located: Vec<&str> = message
        .lines()
        .filter_map(|line| line.strip_prefix(prefix))
        .filter(|rest| {
            let mut parts = rest.splitn(3, ':');
            let is_number = |part: Option<&str>| part.is_some_and(|p| p.parse::<usize>().is_ok());
            is_number(parts.next()) && is_number(parts.next())
        })
        .collect();
    // Seven distinct mistakes, all reported in a single run.
    assert_eq!(located.len(), 7, "{message}");
    assert!(
        message.ends_with("every_problem_in_one_run.toml: 7 problems found\n"),
        "{message}"
    );
}

#[test]
fn a_bare_percentage_number_suggests_the_percent_string() {
    let output = sroi(&[
        "calc",
        "tests/fixtures/invalid/rate_written_as_bare_percentage_number.toml",
    ]);
    let message = stderr(&output);
    assert!(
        message.contains("`deadweight` must be between 0% and 100%, found 25"),
        "{message}"
    );
    assert!(message.contains("write \"25%\""), "{message}");
}

#[test]
fn an_unknown_key_suggests_the_nearest_valid_one() {
    let output = sroi(&["calc", "tests/fixtures/invalid/unknown_key_in_outcome.toml"]);
    assert!(stderr(&output).contains("did you mean `deadweight`?"));
}

#[test]
fn an_unknown_stakeholder_lists_the_declared_ids() {
    let output = sroi(&["calc", "tests/fixtures/invalid/unknown_stakeholder.toml"]);
    assert!(stderr(&output).contains("declared stakeholders: council, individuals"));
}
