//! The output of `sroi sensitivity` in every format: a page of tables for the
//! terminal and Markdown, JSON with the keys the issue fixes, and CSV with one
//! row per parameter and per scenario.

mod csv;
mod json;
pub(crate) mod view;
pub mod words;

use rust_decimal::Decimal;

use super::{Format, page};
use crate::diagnostic::Diagnostic;
use crate::model::Model;
use crate::sensitivity::Analysis;

/// Every scenario of the model computed, in file order; the first that
/// cannot be applied is the error.
pub fn scenarios(model: &Model) -> Result<Vec<Scenario<'_>>, Diagnostic> {
    model
        .scenarios
        .iter()
        .map(|s| {
            crate::scenario::evaluate(model, s).map(|results| Scenario {
                scenario: s,
                present_value: results.present_value,
                inputs: results.inputs_total,
                ratio: results.ratio,
            })
        })
        .collect()
}

/// Everything the report shows.
pub struct Report<'a> {
    pub model: &'a Model,
    pub analysis: &'a Analysis,
    /// The model's scenarios, in file order, as computed.
    pub scenarios: Vec<Scenario<'a>>,
    /// How many parameters the terminal and Markdown tables show; 0 for all.
    pub top: usize,
}

/// One scenario's headline figures.
pub struct Scenario<'a> {
    pub scenario: &'a crate::model::Scenario,
    pub present_value: Decimal,
    pub inputs: Decimal,
    pub ratio: Option<Decimal>,
}

pub fn render(format: Format, report: &Report<'_>) -> Result<String, ::csv::Error> {
    Ok(match format {
        Format::Table => page::terminal(&view::page(report)),
        Format::Markdown => page::markdown(&view::page(report)),
        Format::Json => json::render(report),
        Format::Csv => csv::render(report)?,
    })
}
