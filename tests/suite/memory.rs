//! Memory is bounded by the limits, not by luck: what the parser would hold
//! at once (one table, or a file it must read whole), how many entries a model
//! may have, and how large a workbook `export` builds are each refused by a
//! named limit before the memory is spent. Each figure below is counted from
//! the text the test builds.

use sroi::diagnostic::{Diagnostics, ErrorCode, SourceFile};
use sroi::model::{Limits, parse_model};

use crate::support::{sroi_with_stdin, stderr};

/// A valid model of one outcome, seven lines before the outcome's header.
const MODEL: &str = "[analysis]\nname = \"Memory\"\n\n[[stakeholders]]\nid = \"people\"\n\n[[inputs]]\nstakeholder = \"people\"\namount = 100\n\n[[outcomes]]\nid = \"a\"\nstakeholder = \"people\"\nquantity = 1\nproxy = 10\nduration = 1\n";

/// The default limit on one table, and on a file read whole: 2 MiB.
const TABLE_LIMIT: usize = 2 * 1024 * 1024;

fn problems(text: &str) -> (SourceFile, Diagnostics) {
    let source = SourceFile::new("memory.toml", text);
    match parse_model(&source, Limits::DEFAULT) {
        Ok(_) => panic!("the model loaded"),
        Err(diagnostics) => (source, diagnostics),
    }
}

#[test]
fn the_limits_are_the_ones_the_readme_states() {
    let limits = Limits::DEFAULT;
    assert_eq!(limits.max_file_bytes, 64 * 1024 * 1024);
    assert_eq!(limits.max_entries, 100_000);
    assert_eq!(limits.max_table_bytes, TABLE_LIMIT as u64);
    assert_eq!(limits.max_year_cells, 2_000_000);
}

#[test]
fn a_table_too_long_to_parse_in_bounded_memory_is_refused_naming_the_limit() {
    // A list of a million ones is 2 MB of text, and would be some hundred
    // bytes of parsed tree for each byte; it is refused before it is parsed.
    let table = format!(
        "[[outcomes]]\nid = \"long\"\nstakeholder = \"people\"\nproxy = 1\nduration = 1\nquantity = [{}1]\n",
        "1,".repeat(TABLE_LIMIT / 2)
    );
    let text = format!("{MODEL}\n{table}");
    let (source, diagnostics) = problems(&text);
    let rendered = diagnostics.render(&source);
    // The table starts on line 18: 16 lines of MODEL, then a blank one.
    let expected = format!(
        "memory.toml:18:1: error[SROI011]: the table [[outcomes]] that starts here runs to {} bytes, more than the limit of {TABLE_LIMIT} bytes for one table",
        table.len()
    );
    assert!(rendered.starts_with(&expected), "{rendered}");
    assert_eq!(diagnostics.items.len(), 1, "{rendered}");
}

#[test]
fn a_large_file_that_must_be_read_whole_is_refused_naming_the_limit() {
    // A key before the first header belongs to the root table, which a later
    // table could extend: such a file is parsed whole, so only up to the limit.
    let padding = format!("# {}\n", "x".repeat(TABLE_LIMIT));
    let text = format!("note = 1\n{MODEL}{padding}");
    let (_, diagnostics) = problems(&text);
    assert_eq!(diagnostics.items.len(), 1, "{diagnostics:?}");
    let only = &diagnostics.items[0];
    assert_eq!(only.code, ErrorCode::OverLimit);
    assert_eq!(only.span, 0..4, "at the key that joins the tables");
    assert_eq!(
        only.message,
        format!(
            "the model is {} bytes and cannot be read one table at a time from here, more than the limit of {TABLE_LIMIT} bytes for a model read whole",
            text.len()
        )
    );
}

#[test]
fn a_syntax_error_in_a_large_file_is_reported_as_in_a_small_one() {
    // The same unclosed list after a small model and after a large one: the
    // large one is never parsed whole, but its error reads the same.
    let broken = "[[outcomes]]\nid = \"b\"\nquantity = [1, 2\n";
    let padding = format!("# {}\n", "x".repeat(TABLE_LIMIT));
    let (_, small) = problems(&format!("{MODEL}#\n{broken}"));
    let (_, large) = problems(&format!("{MODEL}{padding}{broken}"));
    let messages = |d: &Diagnostics| -> Vec<(ErrorCode, String)> {
        d.items
            .iter()
            .map(|i| (i.code, i.message.clone()))
            .collect()
    };
    assert_eq!(messages(&large), messages(&small));
    assert_eq!(small.items[0].code, ErrorCode::NotToml, "{small:?}");
    // The padding is one line long, as the `#` line is in the small file.
    let line = |d: &Diagnostics, source: &str| {
        SourceFile::new("m.toml", source)
            .position(d.items[0].span.start)
            .line
    };
    assert_eq!(
        line(&large, &format!("{MODEL}{padding}{broken}")),
        line(&small, &format!("{MODEL}#\n{broken}"))
    );
}

#[test]
fn more_than_a_hundred_thousand_stakeholders_are_refused_naming_the_limit() {
    let mut text = MODEL.to_owned();
    for i in 0..100_000 {
        text.push_str(&format!("[[stakeholders]]\nid = \"s{i}\"\n"));
    }
    // With the model's own, 100,001. None is read beyond the limit, so the
    // input's and the outcome's stakeholder are unknown, as they always were.
    let (_, diagnostics) = problems(&text);
    let messages: Vec<&str> = diagnostics
        .items
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "the model has 100001 entries in `stakeholders`, more than the limit of 100000",
            "unknown stakeholder `people`",
            "unknown stakeholder `people`"
        ]
    );
}

#[test]
fn a_workbook_quadratic_in_cohorts_and_years_is_refused_naming_the_limit() {
    // 826 cohorts starting in years 1 to 826, each lasting 2 years, run to
    // year 827: 826 × 827 = 683,102 year cells, over the limit of 500,000
    // (the workbook took 2.7 s and 390 MB to build).
    let quantities = vec!["1"; 826].join(",");
    let model = format!(
        "[analysis]\nname = \"wide\"\n[[stakeholders]]\nid = \"a\"\n[[inputs]]\nstakeholder = \"a\"\namount = 1\n\
         [[outcomes]]\nid = \"o\"\nstakeholder = \"a\"\nquantity = [{quantities}]\nproxy = 1\nduration = 2\n"
    );
    let output = sroi_with_stdin(&["export", "-"], &model);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(
            "would need 683102 year cells (826 outcome cohorts over 827 years), more than the 500000"
        ),
        "{}",
        stderr(&output)
    );
    assert!(output.stdout.is_empty());
}
