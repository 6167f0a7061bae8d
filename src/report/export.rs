//! The formats `sroi export` writes: files for the tools analysts already
//! use, as opposed to the reports of `sroi calc`.

use crate::calc::Results;
use crate::model::Model;

use super::xlsx;
pub use super::xlsx::ExportError;

/// The formats a model can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// An Excel workbook laid out like the value map, with live formulas.
    Xlsx,
}

/// The whole export of a computed model, as the bytes of a file.
pub fn render(
    format: ExportFormat,
    model: &Model,
    results: &Results,
) -> Result<Vec<u8>, ExportError> {
    match format {
        ExportFormat::Xlsx => xlsx::workbook(model, results, xlsx::CachedResults::Computed),
    }
}
