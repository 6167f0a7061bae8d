//! Output formats, as peers behind one function: a terminal table and
//! Markdown (both drawn from one formatted view), JSON for machines (spec
//! section 3), and CSV for spreadsheets.

pub mod check;
pub mod compare;
pub mod csv;
pub mod export;
pub mod html;
pub mod json;
pub mod markdown;
pub mod markup;
pub mod page;
pub mod precision;
pub mod sensitivity;
pub mod simulation;
pub mod svg;
pub mod table;
pub mod view;
pub mod width;
pub mod xlsx;

/// Figures are worded below the reports, where the checks can word them too.
pub use crate::format::{names, published, text};

use crate::calc::Results;
use crate::model::Model;

/// The formats every command's results can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Tables for a person at a terminal.
    Table,
    /// JSON as the spec fixes it, for programs.
    Json,
    /// One row per outcome, for spreadsheets.
    Csv,
    /// Markdown tables, for reports and pull requests.
    Markdown,
}

/// The whole output of `sroi calc` in the chosen format.
pub fn render(format: Format, model: &Model, results: &Results) -> Result<String, ::csv::Error> {
    Ok(match format {
        Format::Table => table::render(&view::View::new(model, results)),
        Format::Markdown => markdown::render(&view::View::new(model, results)),
        Format::Json => json::render(model, results),
        Format::Csv => csv::render(model, results)?,
    })
}
