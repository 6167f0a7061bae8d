//! CSV for spreadsheets: one row per outcome with every field of the impact
//! map and every computed figure, including one column per year.
//!
//! Text from the model that a spreadsheet would run as a formula (it starts
//! with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with an
//! apostrophe, so opening the file can never execute anything.

use rust_decimal::Decimal;

use super::text;
use crate::calc::Results;
use crate::model::{Model, Outcome};
use crate::number::round_money;

const FIXED_COLUMNS: [&str; 16] = [
    "id",
    "stakeholder",
    "stakeholder_name",
    "description",
    "indicator",
    "quantity",
    "proxy",
    "proxy_description",
    "proxy_source",
    "deadweight",
    "displacement",
    "attribution",
    "drop_off",
    "duration",
    "start_year",
    "net_of_deductions",
];

pub fn render(model: &Model, results: &Results) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let years = results.years.len();
    let mut header: Vec<String> = FIXED_COLUMNS.iter().map(|c| (*c).to_owned()).collect();
    header.extend((1..=years).map(|year| format!("value_year_{year}")));
    header.extend(["present_value".to_owned(), "share".to_owned()]);
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
        writer.write_record(&record)?;
    }
    let bytes = writer.into_inner().map_err(|error| error.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn fixed_cells(model: &Model, outcome: &Outcome) -> Vec<String> {
    let stakeholder = &model.stakeholders[outcome.stakeholder];
    let optional = |text: &Option<String>| safe_text(text.as_deref().unwrap_or(""));
    let quantity = outcome
        .quantities
        .iter()
        .map(|q| q.normalize().to_string())
        .collect::<Vec<_>>()
        .join(";");
    vec![
        // Ids may start with `-`, which a spreadsheet reads as a formula.
        safe_text(&outcome.id),
        safe_text(&stakeholder.id),
        safe_text(&stakeholder.name),
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

/// Neutralise text a spreadsheet would otherwise evaluate as a formula.
pub fn safe_text(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_is_neutralised_and_plain_text_is_not() {
        assert_eq!(
            safe_text("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(safe_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_text("-2+3"), "'-2+3");
        assert_eq!(safe_text("Less isolated"), "Less isolated");
    }
}
