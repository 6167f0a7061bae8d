//! Numbers at the edge of exact decimals never crash a command. The models
//! under `tests/fixtures/hostile/` each push one figure past the largest
//! decimal (about 7.9e28) or down to the smallest (1e-28); every command runs
//! over every one of them and must exit 0, 1 or 2 with a message, never with
//! a panic (exit 101). Each fault then has its own test of the exact message:
//! where it points and what it names.

use std::process::Output;

use crate::support::{files_with_extension, root, sroi, stderr, stdout};

/// Every command and output format a model can go through; `MODEL` stands
/// for the model's path and `OUT` for a file in a temporary directory.
const COMMANDS: &[&[&str]] = &[
    &["calc", "MODEL"],
    &["calc", "MODEL", "--format", "json"],
    &["calc", "MODEL", "--format", "csv"],
    &["calc", "MODEL", "--format", "markdown"],
    &["sensitivity", "MODEL"],
    &["sensitivity", "MODEL", "--format", "json"],
    &["sensitivity", "MODEL", "--format", "csv"],
    &["sensitivity", "MODEL", "--format", "markdown"],
    &["simulate", "MODEL", "--draws", "20"],
    &["simulate", "MODEL", "--draws", "20", "--format", "json"],
    &["simulate", "MODEL", "--draws", "20", "--format", "csv"],
    &["compare", "MODEL", "examples/minimal.toml"],
    &[
        "compare",
        "examples/minimal.toml",
        "MODEL",
        "--format",
        "json",
    ],
    &["check", "MODEL"],
    &["check", "MODEL", "--format", "json"],
    &["report", "MODEL"],
    &["chart", "MODEL", "--kind", "distribution"],
    &["chart", "MODEL", "--kind", "years"],
    &["chart", "MODEL", "--kind", "tornado"],
    &["export", "MODEL", "--output", "OUT"],
];

/// Run every command over `model`, each output with the arguments that made it.
fn every_command(model: &str) -> Vec<(String, Output)> {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let out = directory.path().join("model.xlsx");
    let out = out.to_str().expect("temporary paths are UTF-8");
    COMMANDS
        .iter()
        .map(|command| {
            let args: Vec<&str> = command
                .iter()
                .map(|arg| match *arg {
                    "MODEL" => model,
                    "OUT" => out,
                    other => other,
                })
                .collect();
            (args.join(" "), sroi(&args))
        })
        .collect()
}

fn hostile_models() -> Vec<String> {
    let directory = root().join("tests/fixtures/hostile");
    let models: Vec<String> = files_with_extension(&directory, "toml")
        .iter()
        .map(|path| {
            let relative = path.strip_prefix(root()).expect("under the crate root");
            relative.to_str().expect("UTF-8 paths").to_owned()
        })
        .collect();
    assert!(models.len() >= 4, "the hostile fixtures are missing");
    models
}

#[test]
fn no_command_panics_on_any_hostile_model() {
    for model in hostile_models() {
        for (command, output) in every_command(&model) {
            let message = stderr(&output);
            let code = output.status.code();
            assert!(
                matches!(code, Some(0..=2)),
                "`sroi {command}` exited {code:?}:\n{message}"
            );
            assert!(
                !message.contains("panicked") && !message.contains("RUST_BACKTRACE"),
                "`sroi {command}` panicked:\n{message}"
            );
            if code == Some(1) {
                // A model that fails says where: `path:line:column:` at the
                // start of a line, or in `check`'s JSON, its path and line.
                let located = message.lines().any(|line| {
                    line.strip_prefix(model.as_str())
                        .is_some_and(|rest| rest.starts_with(':'))
                }) || stdout(&output).contains("\"line\": ");
                assert!(
                    located,
                    "`sroi {command}` failed without a location:\n{message}"
                );
            }
        }
    }
}

/// The first line of what `sroi calc` says about a hostile fixture, after
/// checking that every command exits 1 with the same message (`check
/// --format json` puts it in its JSON).
fn error_in_every_command(fixture: &str) -> String {
    let model = format!("tests/fixtures/hostile/{fixture}");
    let outputs = every_command(&model);
    let headline = stderr(&outputs[0].1)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    let message = headline
        .split_once("]: ")
        .map_or("", |(_, message)| message);
    assert!(!message.is_empty(), "no error message: {headline}");
    let in_json = serde_json::to_string(message).expect("a string");
    for (command, output) in &outputs {
        let said = stderr(output);
        assert_eq!(output.status.code(), Some(1), "`sroi {command}`:\n{said}");
        let agrees =
            said.lines().next() == Some(headline.as_str()) || stdout(output).contains(&in_json);
        assert!(agrees, "`sroi {command}` says otherwise:\n{said}");
    }
    headline
}

#[test]
fn inputs_whose_amounts_overflow_when_added_are_refused_at_the_amounts() {
    // 5e28 + 5e28 = 1e29, above the largest decimal (79,228,162,514,264,337,593,543,950,335).
    assert_eq!(
        error_in_every_command("inputs_that_overflow_when_added.toml"),
        "tests/fixtures/hostile/inputs_that_overflow_when_added.toml:15:10: error[SROI012]: the `amount` of the input from stakeholder `council`, added up over its 2 years, exceeds the largest supported amount (about 7.9e28)"
    );
}

#[test]
fn cohorts_that_overflow_when_added_are_refused_at_the_quantity() {
    // As for the inputs: two cohorts of 5e28 add up to 1e29.
    assert_eq!(
        error_in_every_command("cohorts_that_overflow_when_added.toml"),
        "tests/fixtures/hostile/cohorts_that_overflow_when_added.toml:20:12: error[SROI012]: the `quantity` of outcome `a`, added up over its 2 cohorts, exceeds the largest supported amount (about 7.9e28)"
    );
}

#[test]
fn a_standard_deviation_that_overflows_is_refused_where_it_is_written() {
    // 1000% of 7e28 is 7e29.
    assert_eq!(
        error_in_every_command("uncertainty_sd_that_overflows.toml"),
        "tests/fixtures/hostile/uncertainty_sd_that_overflows.toml:25:27: error[SROI012]: `uncertainty.proxy.normal.sd`, 1000% of the model's value, exceeds the largest supported amount (about 7.9e28)"
    );
}
