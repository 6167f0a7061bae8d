//! Control characters from a model never reach a terminal raw. The model
//! `tests/fixtures/hostile/control-characters.toml` holds ESC sequences,
//! BEL, NUL, backspace, carriage returns, DEL and C1 controls in every text
//! field the format has; every command writes it in every format, and
//! nothing printed holds a control character but the line feeds and tabs of
//! our own layout. The text shows them as Rust writes them (`\u{1b}`), or
//! escaped as the format escapes them (`\u001b` in JSON).

use std::process::Output;

use crate::support::{sroi, stdout};

const HOSTILE: &str = "tests/fixtures/hostile/control-characters.toml";
const HOSTILE_INVALID: &str = "tests/fixtures/hostile/control-characters-invalid.toml";

/// The control characters in `text` that a terminal could act on: all but
/// line feed and tab.
fn raw_controls(text: &str) -> Vec<(usize, char)> {
    text.char_indices()
        .filter(|(_, c)| c.is_control() && !matches!(c, '\n' | '\t'))
        .collect()
}

/// Fail with the first raw control character of either stream, in context.
fn assert_printable(args: &[&str], output: &Output) {
    for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        let text = String::from_utf8(bytes.clone())
            .unwrap_or_else(|error| panic!("{args:?} wrote {stream} that is not UTF-8: {error}"));
        if let Some(&(at, c)) = raw_controls(&text).first() {
            let mut before: Vec<char> = text[..at].chars().rev().take(60).collect();
            before.reverse();
            let context: String = before
                .into_iter()
                .chain(text[at..].chars().take(60))
                .collect();
            panic!(
                "{args:?} wrote {c:?} raw to {stream} (and {} more): …{context:?}…",
                raw_controls(&text).len() - 1,
            );
        }
    }
}

/// Run `sroi`, expect `code`, and check both streams.
fn run(args: &[&str], code: i32) -> Output {
    let output = sroi(args);
    assert_eq!(output.status.code(), Some(code), "{args:?}: {output:?}");
    assert!(
        !output.stdout.is_empty() || !output.stderr.is_empty(),
        "{args:?} printed nothing"
    );
    assert_printable(args, &output);
    output
}

#[test]
fn the_checker_finds_a_raw_control_character() {
    for hostile in ["\u{1b}[31m", "\u{7}", "\r", "\u{0}", "\u{7f}", "\u{9b}"] {
        assert_eq!(raw_controls(&format!("a\n\tb{hostile}")).len(), 1);
    }
    assert!(raw_controls("table │ £1,000 \\u{1b}\n\t").is_empty());
}

/// Run `sroi` like [`run`], and check that the model's text did reach the
/// output, escaped as Rust (`\u{1b}`) or JSON (`\u001b`) writes it.
fn run_showing_the_model(args: &[&str], code: i32) {
    let output = run(args, code);
    let text = [output.stdout, output.stderr].concat();
    let text = String::from_utf8_lossy(&text);
    assert!(
        text.contains("\\u{") || text.contains("\\u00"),
        "{args:?} showed none of the model's control characters"
    );
}

#[test]
fn no_command_writes_a_control_character_of_the_model_raw() {
    let formats = ["table", "json", "csv", "markdown"];
    for format in formats {
        run_showing_the_model(&["calc", HOSTILE, "--format", format], 0);
        run_showing_the_model(&["sensitivity", HOSTILE, "--format", format], 0);
        let simulate = ["simulate", HOSTILE, "--draws", "200", "--format", format];
        if format == "csv" {
            // Figures only: the CSV of a simulation holds no text of the model.
            run(&simulate, 0);
        } else {
            run_showing_the_model(&simulate, 0);
        }
        run_showing_the_model(&["compare", HOSTILE, HOSTILE, "--format", format], 0);
        run_showing_the_model(
            &[
                "compare",
                "examples/minimal.toml",
                HOSTILE,
                "--format",
                format,
            ],
            0,
        );
    }
    // The published ratio is not reproduced: the check fails, and says so.
    for format in ["text", "json", "github"] {
        run_showing_the_model(&["check", HOSTILE, "--format", format], 1);
    }
    run_showing_the_model(&["report", HOSTILE], 0);
    for kind in ["distribution", "years", "tornado"] {
        run_showing_the_model(&["chart", HOSTILE, "--kind", kind], 0);
    }
}

#[test]
fn a_workbook_of_the_model_is_written() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let workbook = directory.path().join("hostile.xlsx");
    let path = workbook.display().to_string();
    let output = sroi(&["export", HOSTILE, "-o", &path]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_printable(&["export"], &output);
    assert!(std::fs::metadata(&workbook).is_ok_and(|m| m.len() > 0));
}

#[test]
fn diagnostics_that_quote_the_model_hold_no_control_character() {
    run_showing_the_model(&["calc", HOSTILE_INVALID], 1);
    for format in ["text", "json", "github"] {
        run_showing_the_model(&["check", HOSTILE_INVALID, "--format", format], 1);
    }
}

/// A TOML file with a raw ESC in a string, which TOML forbids: the
/// diagnostic quotes the line that holds it.
#[test]
fn a_raw_control_character_in_the_file_is_quoted_escaped_with_the_caret_under_it() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let model = directory.path().join("raw-escape.toml");
    std::fs::write(&model, "[analysis]\nname = \"a\u{1b}[31mb\"\n").expect("written");
    let path = model.display().to_string();
    let output = run(&["calc", &path], 1);
    let message = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        message.contains(":2:10: error[SROI000]: invalid TOML"),
        "{message}"
    );
    // Column 10 is the ESC, which shows as the five characters `\u{1b}`:
    // the caret sits under its first and spans all five.
    assert!(
        message.contains("2 | name = \"a\\u{1b}[31mb\"\n  |          ^^^^^^\n"),
        "{message}"
    );
    for format in ["text", "json", "github"] {
        run(&["check", &path, "--format", format], 1);
    }
}

#[test]
fn control_characters_show_as_rust_escapes_them() {
    let table = stdout(&run(&["calc", HOSTILE], 0));
    assert!(table.contains("Council \\u{1b}[2J\\u{9b}6n"), "{table}");
    assert!(
        table.starts_with("Hostile \\u{1b}[31mred\\u{1b}[0m \\u{7} model\\n::error::forged\n"),
        "{table}"
    );
    let markdown = stdout(&run(&["calc", HOSTILE, "--format", "markdown"], 0));
    // Markdown's own backslash escape keeps the backslash visible.
    assert!(
        markdown.contains("Council \\\\u{1b}\\[2J\\\\u{9b}6n"),
        "{markdown}"
    );
    let csv = stdout(&run(&["calc", HOSTILE, "--format", "csv"], 0));
    assert!(
        csv.contains("\"Confidence \\u{1b}[32mgreen\\u{1b}[0m\n::error::forged\""),
        "{csv}"
    );
}

#[test]
fn json_escapes_every_control_character_and_keeps_the_text_exactly() {
    let json = stdout(&run(&["calc", HOSTILE, "--format", "json"], 0));
    assert!(json.contains(r#""Council \u001b[2J\u009b6n""#), "{json}");
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        parsed["analysis"]["period"],
        "2024\rOVERWRITTEN \u{8}\u{7f}"
    );
}

#[test]
fn a_path_given_on_the_command_line_is_shown_escaped() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let missing = directory.path().join("gone\u{1b}[2J\n::error::forged.toml");
    let missing = missing.to_str().expect("UTF-8 path");
    let output = run(&["calc", missing], 2);
    assert!(
        crate::support::stderr(&output).contains("gone\\u{1b}[2J\\n::error::forged.toml"),
        "{output:?}"
    );
    let written = directory.path().join("new\u{7}.toml");
    let output = run(&["init", "-o", written.to_str().expect("UTF-8 path")], 0);
    assert!(
        crate::support::stderr(&output).contains("new\\u{7}.toml; next: sroi calc"),
        "{output:?}"
    );
}

#[test]
fn an_import_problem_quotes_the_cell_and_names_the_file_escaped() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let values = directory.path().join("values\u{1b}.csv");
    std::fs::write(
        &values,
        "id,stakeholder,description,quantity,proxy,deadweight,displacement,attribution,drop_off,duration\n\
         a,p\u{1b}[31m,x,1,2,0,0,0,0,1\n",
    )
    .expect("the value map is written");
    let values = values.to_str().expect("UTF-8 path");
    let output = run(&["import", values, "--onto", "models/thurrock.toml"], 1);
    let stderr = crate::support::stderr(&output);
    assert!(
        stderr
            .contains("values\\u{1b}.csv:2:2: error[SROI008]: unknown stakeholder `p\\u{1b}[31m`"),
        "{stderr}"
    );
}
