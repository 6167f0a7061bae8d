//! Markdown for reports and pull requests: a page's tables as
//! GitHub-flavoured pipe tables, and the escaping of model text.

use super::table::Align;
use crate::printable::escape_control_except;

/// One pipe table.
pub fn grid<S: AsRef<str>>(columns: &[(S, Align)], rows: &[Vec<String>]) -> String {
    let header: Vec<String> = columns
        .iter()
        .map(|(name, _)| escape(name.as_ref()))
        .collect();
    let rule: Vec<&str> = columns
        .iter()
        .map(|(_, align)| match align {
            Align::Left => ":---",
            Align::Right => "---:",
        })
        .collect();
    let mut out = format!("| {} |\n| {} |\n", header.join(" | "), rule.join(" | "));
    for row in rows {
        let cells: Vec<String> = row.iter().map(|cell| escape(cell)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// Model text may hold characters that Markdown would read as markup or that
/// would break a table row; escape them so the text shows as written. A line
/// ending becomes a space, as Markdown itself reads one inside a paragraph;
/// any other control character shows as Rust writes it, with Markdown's
/// escape before the backslash so that it is shown too (`\u{1b}`).
pub fn escape(text: &str) -> String {
    let text = escape_control_except(text, &['\n', '\r']);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_text_cannot_break_a_table_row_or_inject_markup() {
        assert_eq!(escape("a|b\nc"), "a\\|b c");
        assert_eq!(escape("<script>"), "\\<script\\>");
        assert_eq!(escape("drop_off"), "drop\\_off");
        assert_eq!(escape("a\u{1b}[2J\tb\r\n"), "a\\\\u{1b}\\[2J\\\\tb  ");
    }
}
