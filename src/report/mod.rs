//! Output formats, as peers behind one function: a terminal table and
//! Markdown (both drawn from one document model, `page`), JSON for machines
//! (spec section 3), and CSV for spreadsheets.

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
    /// CSV for spreadsheets, one row per figure the command lists (calc:
    /// per outcome; sensitivity: per swing; compare: per row of its tables).
    Csv,
    /// Markdown tables, for reports and pull requests.
    Markdown,
}

/// The whole output of `sroi calc` in the chosen format.
pub fn render(format: Format, model: &Model, results: &Results) -> Result<String, ::csv::Error> {
    let mut bytes = Vec::new();
    write(format, model, results, &mut bytes)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The error a write met, as the writer gave it: a closed pipe stays one.
fn io_error(error: ::csv::Error) -> std::io::Error {
    match error.into_kind() {
        ::csv::ErrorKind::Io(error) => error,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// The output of `sroi calc` written to `out`: JSON and CSV as they are
/// produced, so that a large model's results are never held whole as text.
pub fn write(
    format: Format,
    model: &Model,
    results: &Results,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Table => {
            out.write_all(page::terminal(&view::View::new(model, results).page()).as_bytes())
        }
        Format::Markdown => {
            out.write_all(page::markdown(&view::View::new(model, results).page()).as_bytes())
        }
        Format::Json => json::write(model, results, out),
        Format::Csv => csv::write(model, results, out).map_err(io_error),
    }
}
