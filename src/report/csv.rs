//! CSV for spreadsheets: one row per outcome with every field of the impact
//! map and every computed figure, including one column per year.
//!
//! Text from the model that a spreadsheet would run as a formula (it starts
//! with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with an
//! apostrophe, so opening the file can never execute anything. Text that
//! already starts with an apostrophe gets one more, so that `restore_text`
//! (used by `sroi import`) gives back exactly the text of the model.
//!
//! A quoted cell holds line feeds and tabs, which `sroi import` reads back;
//! any other control character (ESC, BEL, a carriage return) is shown
//! escaped (`\u{1b}`), since a CSV printed to a terminal would obey it.

use std::io::Write;

use rust_decimal::Decimal;

use super::text;
use crate::calc::Results;
use crate::model::{Model, Outcome};
use crate::number::round_money;

// The columns and the cell safety are shared with `sroi import`, which reads
// them back, so they live below both.
pub use crate::model::schema::OUTCOME_COLUMNS;
pub use crate::printable::{restore_text, safe_text, text_cell};

pub fn render(model: &Model, results: &Results) -> Result<String, csv::Error> {
    let mut bytes = Vec::new();
    write(model, results, &mut bytes)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The CSV written to `out` a row at a time, as `render` gives it.
pub fn write(model: &Model, results: &Results, out: &mut dyn Write) -> Result<(), csv::Error> {
    let mut writer = csv::Writer::from_writer(out);
    let years = results.years.len();
    let mut header: Vec<String> = OUTCOME_COLUMNS.iter().map(|c| (*c).to_owned()).collect();
    header.push("net_of_deductions".to_owned());
    header.extend((1..=years).map(|year| format!("value_year_{year}")));
    header.extend(["present_value".to_owned(), "share".to_owned()]);
    // The scenario shown, on every row, only under `--scenario`: a
    // spreadsheet keeps no title. The model as written keeps the columns
    // `sroi import` reads back.
    let scenario = model.analysis.scenario.as_ref().map(|s| s.name.as_str());
    header.extend(scenario.map(|_| "scenario".to_owned()));
    writer.write_record(&header)?;
    for (outcome, result) in model.outcomes.iter().zip(&results.outcomes) {
        let mut record = fixed_cells(model, outcome);
        record.push(result.net.normalize().to_string());
        record.extend((0..years).map(|i| {
            let value = result.values.get(i).copied().unwrap_or(Decimal::ZERO);
            round_money(value).to_string()
        }));
        record.push(round_money(result.present_value).to_string());
        let share = result
            .present_value
            .checked_div(results.present_value)
            .unwrap_or(Decimal::ZERO);
        record.push(crate::number::round(share, 4).to_string());
        record.extend(scenario.map(text_cell));
        writer.write_record(&record)?;
    }
    writer.flush()?;
    Ok(())
}

fn fixed_cells(model: &Model, outcome: &Outcome) -> Vec<String> {
    let stakeholder = &model.stakeholders[outcome.stakeholder];
    let optional = |text: &Option<String>| text_cell(text.as_deref().unwrap_or(""));
    let quantity = outcome
        .quantities
        .iter()
        .map(|q| q.normalize().to_string())
        .collect::<Vec<_>>()
        .join(";");
    vec![
        // An id may start with `-`, which a spreadsheet reads as a formula.
        text_cell(&outcome.id),
        text_cell(&stakeholder.id),
        text_cell(&stakeholder.name),
        optional(&outcome.description),
        optional(&outcome.indicator),
        quantity,
        outcome.proxy.normalize().to_string(),
        optional(&outcome.proxy_description),
        optional(&outcome.proxy_source),
        text::rate(outcome.deadweight),
        text::rate(outcome.displacement),
        text::rate(outcome.attribution),
        text::rate(outcome.drop_off),
        outcome.duration.to_string(),
        outcome.start_year.to_string(),
    ]
}
