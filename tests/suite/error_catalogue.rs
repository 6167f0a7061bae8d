//! The README's catalogue of every diagnostic: each load error (SROI000 to
//! SROI099) with a real example and its fix, and each lint with the message
//! and hint `sroi check` gives. The catalogue is generated here from the code
//! and the fixtures, so it cannot drift: the test fails when the README's copy
//! differs, and `SROI_BLESS=1 cargo test` rewrites it.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use sroi::check::codes::LINTS;
use sroi::diagnostic::code::CATALOGUE;

use crate::support::{root, sroi, stdout};

const START: &str = "<!-- error catalogue: generated from the code and tests/fixtures by tests/suite/error_catalogue.rs; `SROI_BLESS=1 cargo test` rewrites it -->";
const END: &str = "<!-- end of error catalogue -->";
const FIXTURES: &str = "tests/fixtures/";

fn expected_stderr(fixture: &str) -> String {
    let path = root().join(FIXTURES).join(format!("{fixture}.stderr"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

/// The first report under `code` in a fixture's expected message: its
/// location line through its hint, with the fixture's directory left out.
fn example(fixture: &str, code: &str) -> String {
    let tag = format!("error[{code}]");
    let directory = match fixture.rsplit_once('/') {
        Some((directory, _)) => format!("{FIXTURES}{directory}/"),
        None => FIXTURES.to_owned(),
    };
    let stderr = expected_stderr(fixture).replace(&directory, "");
    stderr
        .split("\n\n")
        .find(|block| block.lines().next().is_some_and(|l| l.contains(&tag)))
        .unwrap_or_else(|| panic!("{fixture}.stderr shows no {tag}"))
        .trim_end()
        .to_owned()
}

fn load_errors() -> String {
    let mut out = String::from("### Errors that keep a model from loading\n\n");
    for entry in &CATALOGUE {
        let _ = writeln!(out, "#### {} {}\n", entry.id, entry.name);
        let _ = writeln!(out, "{}.\n", capitalised(entry.summary));
        let _ = writeln!(out, "```text\n{}\n```\n", example(entry.example, entry.id));
        let _ = writeln!(out, "Fix: {}.\n", entry.fix);
    }
    out
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The first finding of each lint in the model that fails every lint; a
/// minimum ratio above its ratio makes SROI402 fire too.
fn lint_examples() -> Vec<(String, String, String)> {
    let output = sroi(&[
        "check",
        "examples/failing-every-lint.toml",
        "--min-ratio",
        "1000",
        "--format",
        "json",
    ]);
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&output)).expect("check writes JSON");
    let findings = json["files"][0]["findings"]
        .as_array()
        .expect("findings are a list")
        .clone();
    findings
        .iter()
        .map(|f| {
            let text = |key: &str| f[key].as_str().unwrap_or_default().to_owned();
            (text("code"), text("message"), text("hint"))
        })
        .collect()
}

fn lints() -> String {
    let examples = lint_examples();
    let mut out = String::from(
        "### Lints of `sroi check`\n\n\
         Each example is what `sroi check examples/failing-every-lint.toml --min-ratio 1000` reports.\n\n\
         | code | name | severity | example | fix |\n|---|---|---|---|---|\n",
    );
    for lint in &LINTS {
        let (_, message, hint) = examples
            .iter()
            .find(|(code, _, _)| code == lint.id)
            .unwrap_or_else(|| panic!("examples/failing-every-lint.toml never fires {}", lint.id));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            lint.id,
            lint.name,
            lint.severity.as_str(),
            cell(message),
            cell(hint)
        );
    }
    out
}

/// Text in a Markdown table cell: a `|` would end the cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

#[test]
fn the_readme_holds_the_catalogue_of_every_diagnostic() {
    let generated = format!("{START}\n\n{}\n{}\n{END}", load_errors(), lints());
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md is readable");
    let start = readme
        .find(START)
        .expect("README.md has the catalogue's start marker");
    let end = readme
        .find(END)
        .expect("README.md has the catalogue's end marker")
        + END.len();
    let current = &readme[start..end];
    if std::env::var_os("SROI_BLESS").is_some() {
        let updated = format!("{}{generated}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).expect("README.md is writable");
        return;
    }
    assert!(
        current == generated,
        "the README's error catalogue is out of date; run SROI_BLESS=1 cargo test and review the diff\n--- README\n{current}\n--- generated\n{generated}"
    );
}

#[test]
fn every_load_error_code_is_shown_by_a_fixture_and_every_fixture_code_is_catalogued() {
    let known: BTreeSet<&str> = CATALOGUE.iter().map(|e| e.id).collect();
    let mut shown = BTreeSet::new();
    for path in stderr_files(&root().join(FIXTURES)) {
        let text = std::fs::read_to_string(&path).expect("a fixture is readable");
        for code in codes_in(&text) {
            assert!(
                known.contains(code.as_str()),
                "{} shows {code}, which the catalogue lacks",
                path.display()
            );
            shown.insert(code);
        }
    }
    let missing: Vec<&&str> = known.iter().filter(|id| !shown.contains(**id)).collect();
    assert!(missing.is_empty(), "no fixture shows {missing:?}");
}

/// Every expected message under `directory`, however deep.
fn stderr_files(directory: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(directory).expect("a fixtures directory is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            found.extend(stderr_files(&path));
        } else if path.extension().and_then(|e| e.to_str()) == Some("stderr") {
            found.push(path);
        }
    }
    found
}

/// The codes of `error[SROI…]` tags in a rendered report.
fn codes_in(text: &str) -> Vec<String> {
    text.match_indices("error[")
        .filter_map(|(at, _)| {
            let rest = &text[at + "error[".len()..];
            rest.find(']').map(|close| rest[..close].to_owned())
        })
        .collect()
}
