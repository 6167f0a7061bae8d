//! How `sroi check` reports, whatever it finds: text, JSON and GitHub
//! annotations, `--quiet`, directories, bad arguments and unreadable paths,
//! and the one rule over them all: the exit code never depends on the format.

use crate::check::{CLEAN, FAILING, WARNED, check_json, code};
use crate::support::{sroi, stderr, stdout};

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
            problem["name"].as_str(),
            problem["line"].as_u64(),
            problem["column"].as_u64()
        ),
        // The fixture's expected message: a negative rate is out of range.
        (Some("SROI005"), Some("out-of-range"), Some(20), Some(12))
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
