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

pub(crate) fn table(section: &Section) -> String {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        // Output must not depend on the terminal it happens to run in: golden
        // tests, pipes and CI logs all see the same table.
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(section.columns.iter().map(|(name, _)| *name))
        .add_rows(section.rows.iter().cloned());
    for (index, (_, align)) in section.columns.iter().enumerate() {
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(match align {
                Align::Left => CellAlignment::Left,
                Align::Right => CellAlignment::Right,
            });
        }
    }
    table.trim_fmt()
}
