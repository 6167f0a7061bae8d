//! The terminal table: the view's sections drawn with comfy-table. This is
//! the only module that knows about the table library.

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};

use super::view::{Align, Section, View};

pub fn render(view: &View) -> String {
    let mut out = format!("{}\n", view.title);
    if !view.subtitle.is_empty() {
        out.push_str(&format!("{}\n", view.subtitle));
    }
    out.push_str(&format!("\n{}\n", view.headline));
    for section in &view.sections {
        out.push_str(&format!("\n{}\n{}\n", section.title, table(section)));
    }
    out
}

fn table(section: &Section) -> String {
    grid(&section.columns, &section.rows)
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
        .set_header(columns.iter().map(|(name, _)| name.as_ref()))
        .add_rows(rows.iter().cloned());
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
