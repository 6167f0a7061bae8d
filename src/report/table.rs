//! The terminal table: a page's tables drawn with comfy-table. This is
//! the only module that knows about the table library. Every line and cell
//! of model text is shown with its control characters escaped (`\u{1b}`,
//! `\n`, `\t`): a cell stays on one line and a name cannot drive the terminal.

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};

use crate::printable::escape_control;

/// How a column's cells are aligned: text to the left, figures to the right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One table of rows under headed, aligned columns. Other reports (such as a
/// comparison, whose columns depend on how many models it holds) draw their
/// tables through this too, so every table looks the same.
pub fn grid<S: AsRef<str>>(columns: &[(S, Align)], rows: &[Vec<String>]) -> String {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        // Output must not depend on the terminal it happens to run in: golden
        // tests, pipes and CI logs all see the same table.
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(
            columns
                .iter()
                .map(|(name, _)| escape_control(name.as_ref())),
        )
        .add_rows(
            rows.iter()
                .map(|row| row.iter().map(|cell| escape_control(cell).into_owned())),
        );
    for (index, (_, align)) in columns.iter().enumerate() {
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(match align {
                Align::Left => CellAlignment::Left,
                Align::Right => CellAlignment::Right,
            });
        }
    }
    table.trim_fmt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_text_in_a_cell_shows_its_control_characters_escaped_on_one_line() {
        let rows = vec![vec!["Council \u{1b}[2J\n::warning::x\tz".to_owned()]];
        let drawn = grid(&[("Name\u{7}", Align::Left)], &rows);
        assert!(
            drawn.contains("Council \\u{1b}[2J\\n::warning::x\\tz"),
            "{drawn}"
        );
        assert!(drawn.contains("Name\\u{7}"), "{drawn}");
        assert!(!drawn.contains(|c: char| c.is_control() && c != '\n'));
        // Every line of the table is the table's (borders, header, one row).
        assert_eq!(drawn.lines().count(), 5, "{drawn}");
    }
}
