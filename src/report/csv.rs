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
use crate::printable::escape_control_except;

/// The columns that carry the impact map itself, which `sroi import` reads
/// back; the computed figures follow them.
pub const OUTCOME_COLUMNS: [&str; 15] = [
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
];

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

/// The first characters that make a spreadsheet read a cell as a formula,
/// and the apostrophe that marks a neutralised cell.
const NEUTRALISED: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// A cell of model text in any CSV `sroi` writes: control characters but
/// line feeds and tabs escaped, then neutralised as a formula would be.
pub fn text_cell(text: &str) -> String {
    safe_text(&escape_control_except(text, &['\n', '\t']))
}

/// Neutralise text a spreadsheet would otherwise evaluate as a formula.
pub fn safe_text(text: &str) -> String {
    if text.starts_with(NEUTRALISED) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The text `safe_text` neutralised: the apostrophe it added is taken off.
/// A cell that starts with an apostrophe `safe_text` would not have added
/// (written by hand: `'hello`) is kept as it is.
pub fn restore_text(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(NEUTRALISED) => rest,
        _ => cell,
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
        assert_eq!(safe_text("'quoted'"), "''quoted'");
    }

    #[test]
    fn a_text_cell_escapes_control_characters_but_line_feeds_and_tabs() {
        assert_eq!(
            text_cell("a\u{1b}[31m\r\nb\tc\u{7}\u{9b}"),
            "a\\u{1b}[31m\\r\nb\tc\\u{7}\\u{9b}"
        );
        // A carriage return no longer leads the cell once it is escaped.
        assert_eq!(text_cell("\r=1+1"), "\\r=1+1");
        assert_eq!(text_cell("\t=1+1"), "'\t=1+1");
    }

    #[test]
    fn restoring_gives_back_exactly_the_text_that_was_neutralised() {
        for text in [
            "=cmd|' /C calc'!A0",
            "'=already quoted",
            "''",
            "'",
            "-3",
            "+",
            "@",
            "\tindented",
            "plain",
            "it's",
            "",
        ] {
            assert_eq!(restore_text(&safe_text(text)), text, "{text:?}");
        }
        // An apostrophe typed in a spreadsheet before ordinary text stays.
        assert_eq!(restore_text("'hello"), "'hello");
    }
}
