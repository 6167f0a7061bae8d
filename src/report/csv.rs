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

/// The cells of the impact map's own columns, in the order of the table of
/// fields.
fn fixed_cells(model: &Model, outcome: &Outcome) -> Vec<String> {
    OUTCOME_COLUMNS
        .iter()
        .map(|column| cell(model, outcome, column).unwrap_or_default())
        .collect()
}

/// One column's cell of an outcome; `None` for a column no outcome has.
fn cell(model: &Model, outcome: &Outcome, column: &str) -> Option<String> {
    let stakeholder = &model.stakeholders[outcome.stakeholder];
    let optional = |text: &Option<String>| text_cell(text.as_deref().unwrap_or(""));
    let cell = match column {
        // An id may start with `-`, which a spreadsheet reads as a formula.
        "id" => text_cell(&outcome.id),
        "stakeholder" => text_cell(&stakeholder.id),
        "stakeholder_name" => text_cell(&stakeholder.name),
        "description" => optional(&outcome.description),
        "indicator" => optional(&outcome.indicator),
        "quantity" => outcome
            .quantities
            .iter()
            .map(|q| q.normalize().to_string())
            .collect::<Vec<_>>()
            .join(";"),
        "proxy" => outcome.proxy.normalize().to_string(),
        "proxy_description" => optional(&outcome.proxy_description),
        "proxy_source" => optional(&outcome.proxy_source),
        "deadweight" => text::rate(outcome.deadweight),
        "displacement" => text::rate(outcome.displacement),
        "attribution" => text::rate(outcome.attribution),
        "drop_off" => text::rate(outcome.drop_off),
        "duration" => outcome.duration.to_string(),
        "start_year" => outcome.start_year.to_string(),
        _ => return None,
    };
    Some(cell)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceFile;

    /// A field added to the table of fields is a column of the CSV; this
    /// fails until the column has its cell, rather than writing it empty.
    #[test]
    fn every_column_of_the_table_of_fields_has_a_cell() {
        let text = "[analysis]\nname = \"a\"\n[[stakeholders]]\nid = \"s\"\n[[inputs]]\nstakeholder = \"s\"\namount = 1\n[[outcomes]]\nid = \"o\"\nstakeholder = \"s\"\nquantity = 1\nproxy = 1\nduration = 1\n";
        let model = crate::model::parse_model(&SourceFile::new("m.toml", text), Default::default())
            .expect("the model loads");
        let outcome = &model.outcomes[0];
        for column in OUTCOME_COLUMNS {
            assert!(cell(&model, outcome, column).is_some(), "{column}");
        }
        assert_eq!(cell(&model, outcome, "colour"), None);
    }
}
