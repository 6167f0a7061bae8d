//! An Excel workbook of the model, laid out like the Social Value UK value
//! map, whose formulas recompute every figure when an analyst edits a cell.
//!
//! Sheets:
//! - **Value map**: one row per outcome cohort in stage order (stakeholder,
//!   inputs, outcome, indicator, quantity, duration, proxy and source, the four
//!   deductions, impact, a column per year, present value), then the totals,
//!   the discount factors, the net present value and the ratio.
//! - **Inputs**: every input by year, at face value and as counted.
//! - **Conventions**: the conventions as named cells (`DiscountRate`,
//!   `DiscountSchedule`, …) that every formula refers to, and the Green Book's
//!   declining rates.
//! - **Scenarios**: each scenario's overrides and the figures `sroi` computed
//!   for it.
//!
//! The formulas are spec section 2 written for a spreadsheet, in the order
//! `calc` computes: net of deductions, impact per cohort, value by year with
//! drop-off, discount factors built year on year, present value. Nothing is
//! rounded, as in `calc`. Each formula carries the value `sroi` computed as its
//! cached result, because LibreOffice shows cached results without
//! recalculating; the formulas themselves are proved by a test that leaves the
//! cached results at zero and has LibreOffice recalculate.
//!
//! Text from the model is always written as a string, never a formula, and is
//! neutralised as the CSV output neutralises it.

mod cells;
mod conventions;
mod inputs;
mod layout;
mod scenarios;
mod styles;
mod value_map;

use std::fmt;

use rust_xlsxwriter::{DocProperties, Workbook, XlsxError};

use crate::calc::Results;
use crate::diagnostic::Diagnostic;
use crate::model::Model;

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

impl std::error::Error for ExportError {}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Scenario(diagnostic) => write!(f, "{}", diagnostic.message),
            ExportError::TooLarge(why) | ExportError::Writer(why) => f.write_str(why),
        }
    }
}

/// What each formula cell holds as its cached result: the figure a reader
/// sees until the spreadsheet recalculates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CachedResults {
    /// The exact figure `sroi` computed: what an analyst should receive.
    Computed,
    /// Zero everywhere, so that only a recalculation of the formulas can show
    /// the right figures: for proving the formulas, never for delivery.
    Zero,
}

/// The workbook of a computed model, as the bytes of an `.xlsx` file.
pub fn workbook(
    model: &Model,
    results: &Results,
    cache: CachedResults,
) -> Result<Vec<u8>, ExportError> {
    let layout = layout::Layout::new(model, results)?;
    let scenarios = scenarios::compute(model)?;
    build(model, results, &layout, &scenarios, cache)
        .and_then(|mut workbook| workbook.save_to_buffer())
        .map_err(|error| ExportError::Writer(format!("cannot build the workbook: {error}")))
}

fn build(
    model: &Model,
    results: &Results,
    layout: &layout::Layout,
    scenarios: &[scenarios::Computed],
    cache: CachedResults,
) -> Result<Workbook, XlsxError> {
    let styles = styles::Styles::new(&model.analysis.currency);
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(cells::neutralised(&model.analysis.title()))
            .set_subject("Social Return on Investment value map")
            .set_comment(concat!("Written by sroi ", env!("CARGO_PKG_VERSION"))),
    );
    workbook.push_worksheet(value_map::sheet(model, results, layout, &styles, cache)?);
    workbook.push_worksheet(inputs::sheet(model, results, layout, &styles, cache)?);
    workbook.push_worksheet(conventions::sheet(model, &styles)?);
    workbook.push_worksheet(scenarios::sheet(model, results, scenarios, &styles)?);
    for (name, target) in value_map::defined_names(layout)
        .into_iter()
        .chain(inputs::defined_names(layout))
        .chain(conventions::defined_names())
    {
        workbook.define_name(name, &target)?;
    }
    Ok(workbook)
}

#[cfg(test)]
mod tests;
