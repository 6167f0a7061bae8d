//! `sroi compare` in every format: a terminal table and Markdown drawn from
//! one page (so they never disagree), JSON for machines and CSV for
//! spreadsheets. Models are lettered A, B, C… in the order given; every
//! difference is measured from A.

mod cells;
mod csv;
mod json;
mod sections;
mod view;

use super::{Format, page};
use crate::compare::Comparison;

pub use cells::letter;
pub use sections::Grid;
pub use view::CompareView;

/// The whole output of `sroi compare` in the chosen format.
pub fn render(format: Format, comparison: &Comparison) -> Result<String, ::csv::Error> {
    Ok(match format {
        Format::Table => page::terminal(&CompareView::new(comparison).page()),
        Format::Markdown => page::markdown(&CompareView::new(comparison).page()),
        Format::Json => json::render(comparison),
        Format::Csv => csv::render(comparison)?,
    })
}

/// Write the output in `format` to `out`: JSON and CSV as they are produced.
pub fn write(
    format: Format,
    comparison: &Comparison,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Json => json::write(comparison, out),
        Format::Csv => Ok(csv::write(comparison, out)?),
        Format::Table | Format::Markdown => out.write_all(
            render(format, comparison)
                .map_err(std::io::Error::from)?
                .as_bytes(),
        ),
    }
}

/// The one-line verdict on comparability, for standard error when the
/// ratios cannot be compared as they stand.
pub fn warnings(comparison: &Comparison) -> Vec<String> {
    view::warnings(comparison)
}
