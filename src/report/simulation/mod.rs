//! The output of `sroi simulate` in every format: a page of tables for the
//! terminal and Markdown, JSON with the keys the issue fixes, and CSV as one
//! row per figure.

mod csv;
mod json;
mod view;

use super::{Format, page};
use crate::model::Model;
use crate::simulate::Simulation;
use crate::simulate::stats::Summary;

pub fn render(
    format: Format,
    model: &Model,
    simulation: &Simulation,
) -> Result<String, ::csv::Error> {
    Ok(match format {
        Format::Table => page::terminal(&view::page(model, simulation)),
        Format::Markdown => page::markdown(&view::page(model, simulation)),
        Format::Json => json::render(model, simulation),
        Format::Csv => csv::render(model, simulation)?,
    })
}

/// An estimate to `places` decimals, as JSON and CSV write it; `null` for a
/// figure that is not finite (which the simulation never produces).
fn fixed(value: f64, places: usize) -> String {
    if value.is_finite() {
        // -0.0000 reads as a sign where there is none.
        let text = format!("{value:.places$}");
        if text.trim_start_matches(['-', '0', '.']).is_empty() {
            text.trim_start_matches('-').to_owned()
        } else {
            text
        }
    } else {
        "null".to_owned()
    }
}

/// Each statistic of a summary with the key JSON and CSV write it under, in
/// the order they write them.
fn statistics(summary: &Summary) -> [(&'static str, f64); 8] {
    [
        ("mean", summary.mean),
        ("sd", summary.sd),
        ("p5", summary.p5),
        ("p50", summary.p50),
        ("p95", summary.p95),
        ("min", summary.min),
        ("max", summary.max),
        ("standard_error", summary.standard_error),
    ]
}
