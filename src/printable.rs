//! Text from a model made safe to print. A name, a description or a file
//! name may hold control characters: ESC starts the sequences that recolour
//! a terminal, move its cursor or set its title, BEL rings it, a carriage
//! return goes back over what was printed, and a line feed starts a line a
//! CI runner reads as a command. Every output that shows model text to a
//! person passes it through [`escape_control`] (or [`escape_control_except`],
//! where the format itself gives a character its meaning), so the text shows
//! as Rust writes it in a string literal: `\u{1b}[31m`, never a red screen.
//!
//! The bidirectional controls (U+202A to U+202E, U+2066 to U+2069, the
//! marks U+200E, U+200F and U+061C) are escaped too: they print nothing
//! but reorder what follows, so a name holding U+202E could make a line of
//! output read backwards from the characters it holds.
//!
//! A CSV cell of model text is also neutralised ([`text_cell`]): a cell a
//! spreadsheet would run as a formula gets an apostrophe before it, which
//! [`restore_text`] takes off again when `sroi import` reads the cell back.
//!
//! The escape is for reading, not for reading back: a model whose text
//! holds a backslash followed by `u{1b}` shows the same. Formats with an
//! escape of their own keep it (JSON's `\u001b`).

use std::borrow::Cow;

/// `text` with every control character (C0, DEL, C1 and the bidirectional
/// controls) written as Rust writes it: `\u{1b}`, `\u{7}`, `\0`, `\t`,
/// `\n`, `\r`, `\u{9b}`, `\u{202e}`.
pub fn escape_control(text: &str) -> Cow<'_, str> {
    escape_control_except(text, &[])
}

/// Like [`escape_control`], but the characters in `kept` stay as they are:
/// a CSV cell keeps its line feeds and tabs, which its quoting carries.
pub fn escape_control_except<'a>(text: &'a str, kept: &[char]) -> Cow<'a, str> {
    let escaped = |c: char| !kept.contains(&c) && is_unprintable(c);
    if !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match escape(c) {
            Some(escape) if escaped(c) => out.extend(escape),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A path as messages show it, at the start of a line: its control
/// characters escaped, and `./` before a relative path that starts with
/// `::` (the same file), so that no line a CI log shows can be read as a
/// workflow command (`::warning::…`) because of a file's name.
pub fn escape_path(path: &str) -> Cow<'_, str> {
    let escaped = escape_control(path);
    if escaped.trim_start().starts_with("::") {
        Cow::Owned(format!("./{escaped}"))
    } else {
        escaped
    }
}

/// How a control character is shown, or `None` for any other character.
/// Quoting a line with a caret under one of its characters needs each
/// character's width as shown.
pub fn escape(c: char) -> Option<std::char::EscapeDebug> {
    is_unprintable(c).then(|| c.escape_debug())
}

/// Whether `c` must not reach a terminal raw: a control character, or one
/// that reorders the text around it.
pub fn is_unprintable(c: char) -> bool {
    c.is_control() || is_bidirectional_control(c)
}

fn is_bidirectional_control(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The first characters that make a spreadsheet read a cell as a formula,
/// and the apostrophe that marks a neutralised cell.
const NEUTRALISED: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// A cell of model text in any CSV `sroi` writes: control characters but
/// line feeds and tabs escaped, then neutralised as a formula would be.
pub fn text_cell(text: &str) -> String {
    safe_text(&escape_control_except(text, &['\n', '\t']))
}

/// Neutralise text a spreadsheet would otherwise evaluate as a formula.
pub fn safe_text(text: &str) -> String {
    if text.starts_with(NEUTRALISED) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The text `safe_text` neutralised: the apostrophe it added is taken off.
/// A cell that starts with an apostrophe `safe_text` would not have added
/// (written by hand: `'hello`) is kept as it is.
pub fn restore_text(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(NEUTRALISED) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_show_as_rust_writes_them() {
        assert_eq!(
            escape_control("\u{1b}[31mred\u{1b}[0m \u{7}"),
            "\\u{1b}[31mred\\u{1b}[0m \\u{7}"
        );
        assert_eq!(escape_control("a\0b\u{8}c\u{7f}"), "a\\0b\\u{8}c\\u{7f}");
        assert_eq!(
            escape_control("tab\tline\nreturn\r"),
            "tab\\tline\\nreturn\\r"
        );
        // C1 controls, which some terminals obey as ESC sequences do.
        assert_eq!(escape_control("\u{9b}6n\u{85}"), "\\u{9b}6n\\u{85}");
    }

    #[test]
    fn bidirectional_controls_are_escaped() {
        // U+202E (right-to-left override) would show "exe.txt" as "txt.exe".
        assert_eq!(escape_control("a\u{202e}txt.exe"), "a\\u{202e}txt.exe");
        assert_eq!(
            escape_control("\u{2066}x\u{2069}\u{200f}\u{61c}"),
            "\\u{2066}x\\u{2069}\\u{200f}\\u{61c}"
        );
        // Letters of right-to-left scripts are text, not controls.
        assert_eq!(escape_control("שלום"), "שלום");
    }

    #[test]
    fn other_text_is_borrowed_unchanged() {
        for text in [
            "Level 2 individuals",
            "Café – £1,200 · 50% 社会的価値 🙂",
            "back\\slash",
            "",
        ] {
            assert!(matches!(escape_control(text), Cow::Borrowed(t) if t == text));
        }
    }

    #[test]
    fn kept_characters_stay_and_the_rest_are_escaped() {
        assert_eq!(
            escape_control_except("a\nb\tc\r\u{1b}", &['\n', '\t']),
            "a\nb\tc\\r\\u{1b}"
        );
        assert!(matches!(
            escape_control_except("a\nb", &['\n']),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn a_path_cannot_start_a_line_with_a_workflow_command() {
        assert_eq!(escape_path("::warning::x.toml"), "./::warning::x.toml");
        assert_eq!(escape_path(" ::error::x.toml"), "./ ::error::x.toml");
        assert_eq!(escape_path("a\n::error::x.toml"), "a\\n::error::x.toml");
        assert!(matches!(
            escape_path("models/a::b.toml"),
            Cow::Borrowed("models/a::b.toml")
        ));
    }

    #[test]
    fn each_character_knows_how_it_is_shown() {
        assert_eq!(escape('\u{1b}').map(Iterator::count), Some(6));
        assert_eq!(escape('\t').map(|e| e.to_string()), Some("\\t".to_owned()));
        assert!(escape('é').is_none());
    }

    #[test]
    fn formula_like_text_is_neutralised_and_plain_text_is_not() {
        assert_eq!(
            safe_text("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(safe_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_text("-2+3"), "'-2+3");
        assert_eq!(safe_text("Less isolated"), "Less isolated");
        assert_eq!(safe_text("'quoted'"), "''quoted'");
    }

    #[test]
    fn a_text_cell_escapes_control_characters_but_line_feeds_and_tabs() {
        assert_eq!(
            text_cell("a\u{1b}[31m\r\nb\tc\u{7}\u{9b}"),
            "a\\u{1b}[31m\\r\nb\tc\\u{7}\\u{9b}"
        );
        // A carriage return no longer leads the cell once it is escaped.
        assert_eq!(text_cell("\r=1+1"), "\\r=1+1");
        assert_eq!(text_cell("\t=1+1"), "'\t=1+1");
    }

    #[test]
    fn restoring_gives_back_exactly_the_text_that_was_neutralised() {
        for text in [
            "=cmd|' /C calc'!A0",
            "'=already quoted",
            "''",
            "'",
            "-3",
            "+",
            "@",
            "\tindented",
            "plain",
            "it's",
            "",
        ] {
            assert_eq!(restore_text(&safe_text(text)), text, "{text:?}");
        }
        // An apostrophe typed in a spreadsheet before ordinary text stays.
        assert_eq!(restore_text("'hello"), "'hello");
    }
}
