//! `sroi check` as CI runs it: every lint fires on the failing example and
//! none on a clean model; published figures hold the model to its report;
//! `--deny`, `--allow` and `[check]` decide what fails; and the exit code is
//! the same whatever the format or `--quiet`.
//!
//! `tests/fixtures/check/clean.toml` works its figures by hand in its header:
//! present value £92,800 for inputs of £50,000, ratio 1.856.

use std::path::Path;

use serde_json::Value;

use crate::support::{sroi, stderr, stdout};

const CLEAN: &str = "tests/fixtures/check/clean.toml";
const ACCEPTED: &str = "tests/fixtures/check/accepted.toml";
const FAILING: &str = "examples/failing-every-lint.toml";
/// Valid, but with no indicators, proxy sources or negative outcome: warnings only.
const WARNED: &str = "tests/fixtures/compare/a.toml";

fn code(args: &[&str]) -> Option<i32> {
    sroi(args).status.code()
}

fn check_json(args: &[&str]) -> Value {
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
    assert!(errors.contains("error[SROI401]: [published] present_value is £92,800.00 but the model gives £93,880.00 (1.16% away, beyond the tolerance of 0.5%)"), "{errors}");
    assert!(errors.contains("error[SROI401]: [published] ratio is 1.86 but the model gives 1.8776 (0.95% away, beyond the tolerance of 0.5%)"), "{errors}");
    assert!(stdout(&output).ends_with("failed (ratio 1.88, 2 errors, 0 warnings, 0 allowed)\n"));
}

#[test]
fn editing_a_number_in_a_bundled_model_exits_one_naming_published() {
    // Thurrock's isolation proxy from £2,340 to £2,840 adds 140 × £500 × 0.75
    // × 0.6 = £31,500 to each cohort's first year, far beyond 0.5% of £4.88m
    // once its four years and three cohorts are summed.
    let (_dir, path) = edited("models/thurrock.toml", "proxy = 2340", "proxy = 2840");
    let output = sroi(&["check", "--deny", "warnings", &path]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains(
        "error[SROI401]: [published] present_value is £4,880,000.00 but the model gives"
    ));
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
fn an_unreadable_path_exits_two_even_beside_a_failing_model() {
    let output = sroi(&["check", "no/such/model.toml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("sroi: cannot read no/such/model.toml:"));
    assert_eq!(code(&["check", FAILING, "no/such/model.toml"]), Some(2));
    let empty = tempfile::tempdir().expect("a temporary directory");
    let output = sroi(&["check", &empty.path().display().to_string()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no *.toml model files under it"));
}

#[test]
fn bad_arguments_exit_two() {
    let output = sroi(&["check", "--allow", "SROI401", CLEAN]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("SROI401 cannot be allowed"),
        "{}",
        stderr(&output)
    );
    let output = sroi(&["check", "--deny", "SROI1O1", CLEAN]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("did you mean `SROI101`?"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        code(&["check", "--allow", "SROI201", "--deny", "SROI201", CLEAN]),
        Some(2)
    );
    assert_eq!(code(&["check", "--min-ratio", "three", CLEAN]), Some(2));
}

#[test]
fn the_exit_code_is_the_same_in_every_format_and_with_quiet() {
    let cases: [(&[&str], i32); 6] = [
        (&[CLEAN], 0),
        (&[WARNED], 0),
        (&["--deny", "warnings", WARNED], 1),
        (&[FAILING], 1),
        (&["--min-ratio", "2", CLEAN], 1),
        (&["no/such/model.toml", CLEAN], 2),
    ];
    for (args, expected) in cases {
        for format in ["text", "json", "github"] {
            for quiet in [false, true] {
                let mut all = vec!["check", "--format", format];
                if quiet {
                    all.push("--quiet");
                }
                all.extend_from_slice(args);
                assert_eq!(code(&all), Some(expected), "{all:?}");
            }
        }
    }
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
fn quiet_prints_only_what_fails() {
    let output = sroi(&["check", "--quiet", CLEAN, WARNED]);
    assert_eq!(
        (stdout(&output), stderr(&output)),
        (String::new(), String::new())
    );
    let output = sroi(&["check", "--quiet", "--deny", "SROI303", WARNED]);
    assert_eq!(stdout(&output), "");
    assert_eq!(stderr(&output).matches("error[SROI303]").count(), 1);
    assert!(!stderr(&output).contains("warning["));
}

#[test]
fn an_invalid_model_gets_the_same_diagnostics_as_calc() {
    let model = "tests/fixtures/invalid/negative_rate.toml";
    let check = sroi(&["check", model]);
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(stderr(&check), stderr(&sroi(&["calc", model])));
    assert_eq!(stdout(&check), format!("{model}: invalid (1 problem)\n"));
    let json = check_json(&[model]);
    let problem = &json["files"][0]["findings"][0];
    assert_eq!(json["files"][0]["status"], "invalid");
    assert_eq!(
        (
            problem["code"].as_str(),
            problem["line"].as_u64(),
            problem["column"].as_u64()
        ),
        (Some("SROI000"), Some(20), Some(12))
    );
}

#[test]
fn json_findings_carry_code_severity_location_message_and_hint() {
    let json = check_json(&[FAILING]);
    let findings = json["files"][0]["findings"].as_array().expect("findings");
    let idle = findings
        .iter()
        .find(|f| f["code"] == "SROI301")
        .expect("SROI301 fires");
    assert_eq!(idle["severity"], "warning");
    assert_eq!(idle["name"], "idle-stakeholder");
    assert_eq!(idle["path"], FAILING);
    assert_eq!(
        (idle["line"].as_u64(), idle["column"].as_u64()),
        (Some(29), Some(6))
    );
    assert_eq!(
        idle["message"],
        "stakeholder `bystanders` has neither inputs nor outcomes"
    );
    assert!(
        idle["hint"]
            .as_str()
            .is_some_and(|h| h.starts_with("value what changes for it"))
    );
    assert_eq!(json["files"][0]["errors"], 2);
    assert_eq!(json["files"][0]["warnings"], 16);
}

#[test]
fn github_annotations_are_workflow_commands_escaped_for_the_runner() {
    let text = stdout(&sroi(&["check", "--format", "github", FAILING]));
    assert!(
        text.contains("::warning file=examples/failing-every-lint.toml,line=29,col=6,endLine=29,endColumn=18,title=SROI301::stakeholder `bystanders` has neither inputs nor outcomes%0Ahint: value what changes for it"),
        "{text}"
    );
    // "%" in a message is escaped as %25 so the runner does not decode it.
    assert!(
        text.contains("title=SROI105::outcome `confidence` has deadweight 60%25, above"),
        "{text}"
    );
    assert!(
        text.contains("::error file=examples/failing-every-lint.toml,line=64,col=17"),
        "{text}"
    );
    assert!(text.ends_with("examples/failing-every-lint.toml: failed (ratio 240.46, 2 errors, 16 warnings, 0 allowed)\n"));
}

#[test]
fn a_directory_means_every_model_under_it_in_sorted_order() {
    let text = stdout(&sroi(&["check", "tests/fixtures/compare"]));
    let files: Vec<&str> = text
        .lines()
        .filter_map(|line| line.split(": ").next())
        .collect();
    assert_eq!(
        files,
        [
            "tests/fixtures/compare/a-at-ten-percent.toml",
            "tests/fixtures/compare/a.toml",
            "tests/fixtures/compare/b.toml"
        ]
    );
}

#[test]
fn the_help_lists_every_lint_code() {
    let help = stdout(&sroi(&["check", "--help"]));
    for code in [
        "SROI000", "SROI101", "SROI108", "SROI204", "SROI304", "SROI401", "SROI402",
    ] {
        assert!(help.contains(code), "{code} missing from\n{help}");
    }
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
    assert!(text.starts_with("models/derby.toml: ok (ratio 3.68, 0 warnings, 1 allowed)\n  allowed: SROI304 on line 160 (inputs at face value are the SROI Guide's value-map convention"), "{text}");
    assert!(text.contains("models/thurrock.toml: ok (ratio 3.64, 0 warnings, 1 allowed)\n  allowed: SROI304 on line 146 ("), "{text}");
}
