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

/// The one-line verdict on comparability, for standard error when the
/// ratios cannot be compared as they stand.
pub fn warnings(comparison: &Comparison) -> Vec<String> {
    view::warnings(comparison)
}
