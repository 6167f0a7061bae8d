//! `sroi compare` in every format: a terminal table and Markdown drawn from
//! one formatted view (so they never disagree), JSON for machines and CSV for
//! spreadsheets. Models are lettered A, B, C… in the order given; every
//! difference is measured from A.

mod cells;
mod csv;
mod json;
mod sections;
mod view;

use super::Format;
use super::view::Align;
use crate::compare::Comparison;

pub use cells::letter;
pub use sections::Grid;
pub use view::CompareView;

/// The whole output of `sroi compare` in the chosen format.
pub fn render(format: Format, comparison: &Comparison) -> Result<String, ::csv::Error> {
    Ok(match format {
        Format::Table => table(&CompareView::new(comparison)),
        Format::Markdown => markdown(&CompareView::new(comparison)),
        Format::Json => json::render(comparison),
        Format::Csv => csv::render(comparison)?,
    })
}

/// The one-line verdict on comparability, for standard error when the
/// ratios cannot be compared as they stand.
pub fn warnings(comparison: &Comparison) -> Vec<String> {
    view::warnings(comparison)
}

fn table(view: &CompareView) -> String {
    // A note names the first model's path, which may hold control characters.
    let mut out = super::table::prose(&view.title);
    for note in &view.notes {
        out.push('\n');
        out.push_str(&super::table::prose(note));
    }
    for grid in &view.sections {
        let drawn = super::table::grid(&columns(grid), &grid.rows);
        out.push('\n');
        out.push_str(&super::table::prose(&grid.title));
        out.push_str(&format!("{drawn}\n"));
    }
    out
}

fn markdown(view: &CompareView) -> String {
    let escape = super::markdown::escape;
    let mut out = format!("# {}\n", escape(&view.title));
    for note in &view.notes {
        out.push_str(&format!("\n**{}**\n", escape(note)));
    }
    for grid in &view.sections {
        let drawn = super::markdown::grid(&columns(grid), &grid.rows);
        out.push_str(&format!("\n## {}\n\n{drawn}", escape(&grid.title)));
    }
    out
}

fn columns(grid: &Grid) -> Vec<(&str, Align)> {
    grid.columns
        .iter()
        .map(|(name, align)| (name.as_str(), *align))
        .collect()
}
