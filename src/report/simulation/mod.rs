//! The output of `sroi simulate` in every format: a page of tables for the
//! terminal and Markdown, JSON with the keys the issue fixes, and CSV as one
//! row per figure.

mod csv;
mod json;
mod view;
pub(crate) use view::summary;
pub mod words;

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

/// Every draw as CSV: `draw`, each uncertain value (`OUTCOME_ID.FIELD`),
/// `present_value` and `ratio`, one row per draw in the order drawn. Values
/// are written in full (the shortest text that reads back as the same
/// binary number), for analysis elsewhere.
pub fn samples_csv(
    samples: &crate::simulate::Samples,
    inputs: rust_decimal::Decimal,
) -> Result<String, ::csv::Error> {
    let inputs = inputs.as_f64();
    let k = samples.columns.len();
    let mut writer = ::csv::Writer::from_writer(Vec::with_capacity(
        samples.present_values.len() * (k + 3) * 12,
    ));
    let mut header = vec!["draw".to_owned()];
    header.extend(samples.columns.iter().map(|c| super::csv::text_cell(c)));
    header.extend(["present_value".to_owned(), "ratio".to_owned()]);
    writer.write_record(&header)?;
    let mut row: Vec<String> = Vec::with_capacity(k + 3);
    for (draw, present_value) in samples.present_values.iter().enumerate() {
        row.clear();
        row.push((draw + 1).to_string());
        row.extend(
            samples.values[draw * k..draw * k + k]
                .iter()
                .map(f64::to_string),
        );
        row.push(present_value.to_string());
        row.push((present_value / inputs).to_string());
        writer.write_record(&row)?;
    }
    let bytes = writer.into_inner().map_err(|error| error.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
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

/// A probability as a percentage to two places: `29.10`.
pub(crate) fn percent(probability: f64) -> String {
    fixed(probability * 100.0, 2)
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
