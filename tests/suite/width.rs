//! Output fits the screen: with `COLUMNS` set, no line of a command's output
//! on the bundled models is wider, and every figure the natural-width output
//! shows is still shown whole (cut into continuation tables, never split).

use crate::support::{sroi, sroi_at_width, stdout};

const COMMANDS: &[&[&str]] = &[
    &["calc", "models/thurrock.toml"],
    &["calc", "models/derby.toml"],
    &["compare", "models/derby.toml", "models/thurrock.toml"],
    &["sensitivity", "models/thurrock.toml"],
    &["simulate", "models/thurrock.toml"],
    &["check", "models/thurrock.toml"],
];

/// Terminal cells of a line: every character here is one cell wide (box
/// drawing, £, blocks, dashes), which the assertion below also holds.
fn cells(line: &str) -> usize {
    line.chars().count()
}

/// The figures of an output: each word with a digit and no letter in it,
/// stripped of the table's borders and of prose punctuation, so
/// `£4,879,963.01` and `45.00%` are found whole wherever they stand (words
/// of prose and names may wrap; figures may not).
fn figures(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .split(|c: char| c.is_whitespace() || "│┆┌┐└┘├┤┬┴┼─╞╡╪═".contains(c))
        .map(|word| word.trim_matches(|c: char| "(),;:".contains(c)))
        .filter(|word| word.chars().any(|c| c.is_ascii_digit()))
        .filter(|word| !word.chars().any(char::is_alphabetic))
        .map(str::to_owned)
        .collect();
    found.sort();
    found.dedup();
    found
}

#[test]
fn no_line_is_wider_than_the_screen_and_no_figure_is_split() {
    for args in COMMANDS {
        let natural = stdout(&sroi(args));
        // The natural tables are far wider than any screen tried here.
        assert!(natural.lines().any(|line| cells(line) > 120), "{args:?}");
        for width in [60, 80, 100, 120] {
            let fitted = stdout(&sroi_at_width(args, width));
            for line in fitted.lines() {
                assert!(
                    cells(line) <= width,
                    "{args:?} at {width}: {} cells: {line}",
                    cells(line)
                );
            }
            let shown = figures(&fitted);
            for figure in figures(&natural) {
                assert!(
                    shown.contains(&figure),
                    "{args:?} at {width}: {figure} is not shown whole"
                );
            }
        }
    }
}

#[test]
fn without_a_width_output_keeps_its_natural_width() {
    // The widest line of calc on Thurrock is its outcome table's rule, as
    // the golden file holds it; the same run at no width is that file.
    let natural = stdout(&sroi(&["calc", "models/thurrock.toml"]));
    let golden = std::fs::read_to_string(crate::support::root().join("tests/golden/thurrock.txt"))
        .unwrap_or_default();
    assert_eq!(natural, golden);
}

#[test]
fn a_file_written_with_output_keeps_its_natural_width() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let path = directory.path().join("thurrock.txt");
    let shown = path.display().to_string();
    let written = sroi_at_width(&["calc", "models/thurrock.toml", "--output", &shown], 80);
    assert!(written.status.success());
    let saved = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(saved.lines().any(|line| cells(line) > 80), "{saved}");
}
