//! How wide the reader's screen is, and prose wrapped to it.
//!
//! The width is a fact about where the output goes (the terminal's columns,
//! or `COLUMNS`), found once by the command layer, which alone may look at
//! the terminal. It is held here for the whole run, like the terminal itself,
//! rather than passed through every report: no report chooses it. With no
//! width (output to a pipe or file, no `COLUMNS`) every table and paragraph
//! keeps its natural width, so piped output and golden files are stable.

use std::sync::OnceLock;

use unicode_width::UnicodeWidthStr;

/// Narrower than this, no table can show a row of figures: treated as this.
pub const NARROWEST: usize = 40;

static WIDTH: OnceLock<Option<usize>> = OnceLock::new();

/// Fix the width for this run; the first call wins.
pub fn set(width: Option<usize>) {
    let _ = WIDTH.set(width.map(|width| width.max(NARROWEST)));
}

/// The width output must fit, or `None` for the natural width.
pub fn get() -> Option<usize> {
    WIDTH.get().copied().flatten()
}

/// How many terminal cells `text` takes.
pub fn cells(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` as lines no wider than `width` (when one is set), broken between
/// words; a word wider than the line stays whole on its own line, so a figure
/// or a path is never split. Continuation lines start with `indent`.
pub fn wrap(text: &str, width: Option<usize>, indent: &str) -> String {
    let Some(width) = width else {
        return text.to_owned();
    };
    if cells(text) <= width {
        return text.to_owned();
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|word| !word.is_empty()) {
        let start = if lines.is_empty() { "" } else { indent };
        if line.is_empty() {
            line = format!("{start}{word}");
        } else if cells(&line) + 1 + cells(word) <= width {
            line.push(' ');
            line.push_str(word);
        } else {
            lines.push(std::mem::take(&mut line));
            line = format!("{indent}{word}");
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_breaks_between_words_and_keeps_a_long_word_whole() {
        // 31 characters in all; at 12 each line holds what fits before a space.
        let text = "reproduces £4,880,000 within 2%";
        assert_eq!(
            wrap(text, Some(12), ""),
            "reproduces\n£4,880,000\nwithin 2%"
        );
        assert_eq!(
            wrap(text, Some(8), "  "),
            "reproduces\n  £4,880,000\n  within\n  2%"
        );
        assert_eq!(wrap(text, None, ""), text);
        assert_eq!(wrap(text, Some(31), ""), text);
    }
}
