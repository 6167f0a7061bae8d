//! The section-by-section reader held to the whole-file parser: every
//! model in the repository, and each rule that spans tables, reads the same
//! both ways. A file of its own because it drives both `load` (which uses
//! `parse`) and `parse` itself.

use std::path::{Path, PathBuf};

use toml::de::DeTable;

use super::parse::Parsing;
use super::sections::Split;
use crate::diagnostic::SourceFile;
use crate::model::Limits;
use crate::model::load::parse_model_as;

/// Every model the repository holds, valid and invalid.
fn models() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    let mut folders = vec![
        root.join("tests/fixtures"),
        root.join("models"),
        root.join("examples"),
    ];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("a folder of models") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// What a parse gives, as a user sees it: the problems as printed, or the model.
fn outcome(source: &SourceFile, parsing: Parsing) -> String {
    match parse_model_as(source, Limits::DEFAULT, parsing) {
        Ok(model) => format!("{model:?}"),
        Err(diagnostics) => diagnostics.render(source),
    }
}

fn assert_same(name: &str, text: &str) {
    let source = SourceFile::new(name.to_owned(), text.to_owned());
    let whole = outcome(&source, Parsing::Whole);
    assert_eq!(
        outcome(&source, Parsing::BySection),
        whole,
        "{name} reads differently by section"
    );
    assert_eq!(
        outcome(&source, Parsing::AsAllowed),
        whole,
        "{name} reads differently as allowed"
    );
}

#[test]
fn every_model_reads_the_same_by_section_as_whole() {
    let models = models();
    // The fixtures number in the hundreds; a handful would mean the walk broke.
    assert!(models.len() > 100, "found only {} models", models.len());
    let mut split = 0;
    for path in &models {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue; // not UTF-8: rejected before parsing, the same either way
        };
        if matches!(super::sections::split(&text), Split::Sections { .. }) {
            split += 1;
        }
        assert_same(&path.display().to_string(), &text);
    }
    // Most are written a table at a time, so most test the section reader.
    assert!(split * 10 > models.len() * 9, "only {split} models split");
}

#[test]
fn models_with_a_bracket_quote_or_header_slipped_in_read_the_same_both_ways() {
    // Every fixture with each of these written in at six places spread
    // through it: what could open or close a table, a string or a value.
    let inserts = [
        "[",
        "]",
        "[[",
        "\"",
        "\"\"\"",
        "'''",
        "{",
        "}",
        "=",
        "#",
        "\n[x]\n",
        "\n[[outcomes]]\n",
        "\n[analysis]\n",
        "\n[outcomes.uncertainty]\n",
        "\na.b = 1\n",
    ];
    let mut by_section_differs = Vec::new();
    for path in models() {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let places: Vec<usize> = (1..=6)
            .map(|k| text.len() * k / 7)
            .map(|at| {
                (0..=at)
                    .rev()
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(0)
            })
            .collect();
        for at in places {
            for insert in inserts {
                let mutated = format!("{}{insert}{}", &text[..at], &text[at..]);
                let source = SourceFile::new("m.toml".to_owned(), mutated);
                let whole = outcome(&source, Parsing::Whole);
                assert_eq!(
                    outcome(&source, Parsing::AsAllowed),
                    whole,
                    "{} with {insert:?} at {at}",
                    path.display()
                );
                // Parsed by section regardless of size, as a file over the
                // table limit is, only the parser's recovery after a
                // syntax error may word what follows it differently.
                let is_syntax_error = !DeTable::parse_recoverable(&source.text).1.is_empty();
                if !is_syntax_error && outcome(&source, Parsing::BySection) != whole {
                    by_section_differs.push(format!("{} {insert:?} at {at}", path.display()));
                }
            }
        }
    }
    assert!(by_section_differs.is_empty(), "{by_section_differs:#?}");
}

/// The minimal example, to which each case adds the rule it tests.
const BASE: &str = "[analysis]\nname = \"Example\"\n\n[[stakeholders]]\nid = \"council\"\n\n[[inputs]]\nstakeholder = \"council\"\namount = 100\n\n[[outcomes]]\nid = \"isolation\"\nstakeholder = \"council\"\nquantity = 100\nproxy = 800\nduration = 2\n";

#[test]
fn rules_that_span_tables_are_diagnosed_as_when_parsed_whole() {
    let cases = [
        ("table defined twice", "\n[analysis]\nname = \"Again\"\n"),
        (
            "sub-table after another table",
            "\n[check]\n[analysis.extra]\nx = 1\n",
        ),
        (
            "sub-table of the last outcome",
            "[outcomes.uncertainty]\nproxy = { low = 700, high = 900 }\n",
        ),
        (
            "sub-table away from its entry",
            "\n[check]\n[outcomes.uncertainty]\nproxy = 1\n",
        ),
        (
            "array of tables after a table",
            "\n[[analysis]]\nname = \"x\"\n",
        ),
        (
            "table after an array of tables",
            "\n[outcomes]\nid = \"x\"\n",
        ),
        (
            "header inside a multi-line string",
            "description = \"\"\"\n[[outcomes]]\nid = \"hidden\"\n\"\"\"\n",
        ),
        (
            "header inside a literal string",
            "description = '''\n[analysis]\n'''\n",
        ),
        (
            "dotted key defining a table",
            "uncertainty.proxy = { low = 1, high = 2 }\n[outcomes.uncertainty]\nproxy = 3\n",
        ),
        (
            "unknown top-level tables",
            "\n[colour]\nx = 1\n[[shapes]]\n[[shapes]]\n",
        ),
        ("quoted header key", "\n[\"check\"]\n"),
        (
            "syntax error in an entry",
            "\n[[outcomes]]\nid = \"broken\"\nquantity = [1, 2\n",
        ),
        ("syntax error in a comment", "# bell \u{7}\n"),
        ("an unclosed header", "\n[[outcomes]\nid = \"x\"\n"),
        ("a duplicate key in an entry", "duration = 3\n"),
        (
            "a second outcome with its sub-table",
            "\n[[outcomes]]\nid = \"second\"\nstakeholder = \"council\"\nquantity = 1\nproxy = 1\nduration = 1\n[outcomes.uncertainty.proxy]\nlow = 0\nhigh = 2\n",
        ),
    ];
    for (name, addition) in cases {
        assert_same(name, &format!("{BASE}{addition}"));
        assert_same(&format!("{name}, first"), &format!("{addition}\n{BASE}"));
    }
}
