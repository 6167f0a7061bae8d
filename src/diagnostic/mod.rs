//! Problems found in a model file, located by byte span and rendered the way
//! compilers and bean-check render them: `path:line:column: message`, the
//! offending line quoted with a caret under the value, then a hint.
//!
//! The library collects every problem of a file before giving up, so an
//! analyst fixes them all in one pass instead of one run per typo. Each
//! problem carries a stable code (`error[SROI005]`) from the catalogue in
//! [`code`].

pub mod code;
pub mod lint;
mod too_large;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;

use crate::printable::{escape_control, escape_path};

pub use code::ErrorCode;
pub use too_large::{LARGEST, checked, too_large};

/// A byte range into the model's text.
pub type Span = Range<usize>;

/// One problem in a model file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What kind of problem it is, by its stable code.
    pub code: ErrorCode,
    /// Where the problem is; an empty span points between two characters.
    pub span: Span,
    /// What is wrong: lower case, no trailing period, what was found and what is valid.
    pub message: String,
    /// A short remedy, shown on its own line after the quoted source.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(code: ErrorCode, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            span,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Unlocated, as one line: `error[SROI005]: deadweight must be …`. Where the
/// model's text is at hand, [`SourceFile::render`] locates and quotes it.
impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "error[{}]: {}", self.code, self.message)
    }
}

impl std::error::Error for Diagnostic {}

/// The text of a model together with the name it is reported under.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user wrote it (or `<stdin>`), used verbatim in messages.
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
}

/// A 1-based line and column (counted in characters, as editors count them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// The line and column of a byte offset; offsets past the end clamp to it.
    pub fn position(&self, offset: usize) -> Position {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line_index = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.line_starts[line_index];
        Position {
            line: line_index + 1,
            column: self.text[line_start..offset].chars().count() + 1,
        }
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        self.text[start..end].trim_end_matches('\r')
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// Render one diagnostic in full: location, code and message, quoted
    /// source, caret, hint.
    pub fn render(&self, diagnostic: &Diagnostic) -> String {
        let headline = format!("error[{}]: {}", diagnostic.code, diagnostic.message);
        self.render_located(&diagnostic.span, &headline, diagnostic.hint.as_deref())
    }

    /// Render any located message the way diagnostics are rendered: the lints
    /// of `sroi check` share this layout with their own severity and code.
    ///
    /// The path, the message and the hint may quote the model's text, and
    /// are shown with its control characters escaped, each on its one line.
    pub fn render_located(&self, span: &Span, headline: &str, hint: Option<&str>) -> String {
        let start = self.position(span.start);
        let mut out = format!(
            "{}:{}:{}: {}\n",
            self.shown_name(),
            start.line,
            start.column,
            escape_control(headline)
        );
        self.render_snippet(&mut out, span, start);
        if let Some(hint) = hint {
            let _ = writeln!(out, "  = hint: {}", escape_control(hint));
        }
        out
    }

    /// The name as messages show it, at the start of a line: a file name
    /// may hold control characters, or start with `::`.
    pub fn shown_name(&self) -> Cow<'_, str> {
        escape_path(&self.name)
    }

    /// The line quoted with a caret under the span. A control character in
    /// the line shows escaped, several characters wide, so the caret is
    /// placed by the width of what is shown, not by counting characters.
    fn render_snippet(&self, out: &mut String, span: &Span, start: Position) {
        let line = self.line_text(start.line);
        // Long lines (minified or binary junk) are cut so a message stays readable.
        const MAX_QUOTED: usize = 120;
        let quoted: Vec<char> = line.chars().take(MAX_QUOTED).collect();
        let ellipsis = if line.chars().count() > MAX_QUOTED {
            " …"
        } else {
            ""
        };
        let gutter = start.line.to_string().len();
        let end = self.position(span.end.max(span.start));
        let width = if end.line == start.line {
            end.column.saturating_sub(start.column).max(1)
        } else {
            line.chars().count().saturating_sub(start.column - 1).max(1)
        };
        let caret_start = (start.column - 1).min(MAX_QUOTED);
        let width = width.min(MAX_QUOTED + 1 - caret_start).max(1);
        let shown: String = quoted.iter().map(|&c| shown_char(c)).collect();
        // A tab is quoted as it is, and padded with a tab to stay aligned.
        let pad: String = quoted[..caret_start.min(quoted.len())]
            .iter()
            .map(|&c| match c {
                '\t' => "\t".to_owned(),
                c => " ".repeat(display_width(c)),
            })
            .collect();
        // Past the end of the line (a missing value) the caret is one wide.
        let carets: usize = (caret_start..caret_start + width)
            .map(|i| quoted.get(i).map_or(1, |&c| display_width(c).max(1)))
            .sum();
        let _ = writeln!(out, "{:gutter$} |", "");
        let _ = writeln!(out, "{} | {shown}{ellipsis}", start.line);
        let _ = writeln!(out, "{:gutter$} | {pad}{}", "", "^".repeat(carets));
    }
}

/// How many terminal columns a character of a quoted line takes as shown:
/// two for a CJK character or an emoji, none for a combining mark, so the
/// caret lands under it whatever script the line is in.
fn display_width(c: char) -> usize {
    unicode_width::UnicodeWidthStr::width(shown_char(c).as_str())
}

/// One character of a quoted line as it is shown: a tab stays a tab.
fn shown_char(c: char) -> String {
    match crate::printable::escape(c) {
        Some(escape) if c != '\t' => escape.to_string(),
        _ => c.to_string(),
    }
}

/// Every problem of one file, in the order they appear in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Sort by position so the report reads top to bottom like the file.
    pub fn sorted(mut items: Vec<Diagnostic>) -> Self {
        items.sort_by_key(|d| (d.span.start, d.span.end));
        items.dedup();
        Diagnostics { items }
    }

    pub fn render(&self, source: &SourceFile) -> String {
        let mut out = String::new();
        for diagnostic in &self.items {
            out.push_str(&source.render(diagnostic));
            out.push('\n');
        }
        let count = self.items.len();
        let noun = if count == 1 { "problem" } else { "problems" };
        let _ = writeln!(out, "{}: {count} {noun} found", source.shown_name());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diagnostic_is_an_error_that_reads_as_one_line() {
        let diagnostic = Diagnostic::new(
            ErrorCode::OutOfRange,
            4..7,
            "deadweight must be between 0% and 100%",
        );
        let error: &dyn std::error::Error = &diagnostic;
        assert_eq!(
            error.to_string(),
            "error[SROI005]: deadweight must be between 0% and 100%"
        );
    }

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        let source = SourceFile::new("m.toml", "a = 1\nname = \"£x\"\n");
        assert_eq!(source.position(0), Position { line: 1, column: 1 });
        // "£" is two bytes but one column.
        let x = source.text.find('x').unwrap_or_default();
        assert_eq!(
            source.position(x),
            Position {
                line: 2,
                column: 10
            }
        );
    }

    #[test]
    fn renders_location_quoted_line_caret_and_hint() {
        let source = SourceFile::new("m.toml", "[[outcomes]]\ndeadweight = 25\n");
        let diagnostic = Diagnostic::new(
            ErrorCode::OutOfRange,
            26..28,
            "deadweight must be between 0% and 100%",
        )
        .with_hint("write \"25%\"");
        let expected = "m.toml:2:14: error[SROI005]: deadweight must be between 0% and 100%\n  |\n2 | deadweight = 25\n  |              ^^\n  = hint: write \"25%\"\n";
        assert_eq!(source.render(&diagnostic), expected);
    }

    #[test]
    fn a_control_character_in_the_quoted_line_is_escaped_and_the_caret_still_points_at_it() {
        let source = SourceFile::new("m.toml", "x = \"\u{1b}[31m\" y\n");
        let rendered = |span: Span| source.render(&Diagnostic::new(ErrorCode::NotToml, span, "m"));
        let y = source.text.find('y').unwrap_or_default();
        let quoted = "1 | x = \"\\u{1b}[31m\" y\n";
        let under_y = format!("  | {}^\n", " ".repeat("x = \"\\u{1b}[31m\" ".len()));
        assert!(rendered(y..y + 1).contains(&format!("{quoted}{under_y}")));
        // A span over the ESC spans all of its escape.
        let under_escape = "  |      ^^^^^^\n";
        assert!(rendered(5..6).contains(&format!("{quoted}{under_escape}")));
    }

    #[test]
    fn the_caret_is_placed_by_display_width_under_wide_characters() {
        // 日本 and 😀 take two terminal columns each, é (e and a combining
        // acute) one: in `name = "日本😀é" x` a terminal shows 17 columns
        // before x (`name = "` 8, 日本😀 6, é 1, `" ` 2), not 15 characters.
        let source = SourceFile::new("m.toml", "name = \"日本😀e\u{301}\" x\n");
        let x = source.text.find(" x").unwrap_or_default() + 1;
        let rendered = source.render(&Diagnostic::new(ErrorCode::NotToml, x..x + 1, "m"));
        assert!(
            rendered.contains(&format!("  | {}^\n", " ".repeat(17))),
            "{rendered}"
        );
        // A span over a wide character has a caret for each of its columns.
        let wide = source.text.find('日').unwrap_or_default();
        let rendered = source.render(&Diagnostic::new(ErrorCode::NotToml, wide..wide + 3, "m"));
        assert!(
            rendered.contains(&format!("  | {}^^\n", " ".repeat(8))),
            "{rendered}"
        );
    }

    #[test]
    fn the_name_message_and_hint_show_control_characters_escaped() {
        let source = SourceFile::new("bad\n::warning::name.toml", "a = 1\n");
        let diagnostic = Diagnostic::new(ErrorCode::UnknownField, 0..1, "unknown `a\u{1b}[2J`")
            .with_hint("did you mean `b\r`?");
        let rendered = source.render(&diagnostic);
        assert!(
            rendered.starts_with(
                "bad\\n::warning::name.toml:1:1: error[SROI001]: unknown `a\\u{1b}[2J`\n"
            ),
            "{rendered}"
        );
        assert!(
            rendered.ends_with("  = hint: did you mean `b\\r`?\n"),
            "{rendered}"
        );
        let all = Diagnostics::sorted(vec![diagnostic]).render(&source);
        assert!(
            all.ends_with("bad\\n::warning::name.toml: 1 problem found\n"),
            "{all}"
        );
    }

    #[test]
    fn a_span_at_the_very_end_of_the_file_is_still_rendered() {
        let source = SourceFile::new("m.toml", "");
        let rendered = source.render(&Diagnostic::new(ErrorCode::MissingField, 0..0, "empty"));
        assert!(
            rendered.starts_with("m.toml:1:1: error[SROI002]: empty\n"),
            "{rendered}"
        );
    }
}
