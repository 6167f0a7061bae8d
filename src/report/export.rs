//! The formats `sroi export` writes: files for the tools analysts already
//! use, as opposed to the reports of `sroi calc`.

use std::fmt;

use crate::calc::Results;
use crate::diagnostic::Diagnostic;
use crate::model::Model;

use super::xlsx;

/// The formats a model can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// An Excel workbook laid out like the value map, with live formulas.
    Xlsx,
}

/// Why an export could not be written.
#[derive(Debug)]
pub enum ExportError {
    /// A scenario of the model cannot be computed (its figures overflow).
    Scenario(Diagnostic),
    /// The model is larger than the format can hold.
    TooLarge(String),
    /// The writer itself failed.
    Writer(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Scenario(diagnostic) => write!(f, "{}", diagnostic.message),
            ExportError::TooLarge(why) | ExportError::Writer(why) => f.write_str(why),
        }
    }
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
