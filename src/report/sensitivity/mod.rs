//! The output of `sroi sensitivity` in every format: a page of tables for the
//! terminal and Markdown, JSON with the keys the issue fixes, and CSV with one
//! row per parameter and per scenario.

mod csv;
mod json;
pub(crate) mod view;
pub mod words;

use rust_decimal::Decimal;

use super::{Format, page};
use crate::calc::Results;
use crate::diagnostic::{Diagnostic, checked};
use crate::model::Model;
use crate::sensitivity::Analysis;

/// Every scenario of the model computed, in file order, beside the model's
/// own `base` figures; the first that cannot be computed is the error.
pub fn scenarios<'m>(model: &'m Model, base: &Results) -> Result<Vec<Scenario<'m>>, Diagnostic> {
    crate::scenario::evaluate_all(model)
        .map(|(s, results)| {
            let results = results?;
            // Figures of opposite signs near the largest decimal can each fit
            // while their difference does not.
            let difference = |figure: &str, of: Decimal, from: Decimal| {
                checked(
                    of.checked_sub(from),
                    || s.spans.table.clone(),
                    || format!("the change in the {figure} under scenario {:?}", s.name),
                )
            };
            let difference = Difference {
                present_value: difference(
                    "present value",
                    results.present_value,
                    base.present_value,
                )?,
                inputs: difference("inputs", results.inputs_total, base.inputs_total)?,
                ratio: difference("ratio", results.ratio, base.ratio)?,
            };
            Ok(Scenario {
                scenario: s,
                present_value: results.present_value,
                inputs: results.inputs_total,
                ratio: results.ratio,
                difference,
                results,
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
    /// Every figure of the model under the scenario, as `calc --scenario` has them.
    pub results: crate::calc::Results,
    pub present_value: Decimal,
    pub inputs: Decimal,
    pub ratio: Decimal,
    pub difference: Difference,
}

/// A scenario's figures less the model's own.
pub struct Difference {
    pub present_value: Decimal,
    pub inputs: Decimal,
    pub ratio: Decimal,
}

/// Write the report in `format` to `out`: JSON and CSV as they are produced.
pub fn write(
    format: Format,
    report: &Report<'_>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Json => json::write(report, out),
        Format::Csv => Ok(csv::write(report, out)?),
        Format::Table | Format::Markdown => out.write_all(
            render(format, report)
                .map_err(std::io::Error::from)?
                .as_bytes(),
        ),
    }
}

pub fn render(format: Format, report: &Report<'_>) -> Result<String, ::csv::Error> {
    Ok(match format {
        Format::Table => page::terminal(&view::page(report)),
        Format::Markdown => page::markdown(&view::page(report)),
        Format::Json => json::render(report),
        Format::Csv => csv::render(report)?,
    })
}
