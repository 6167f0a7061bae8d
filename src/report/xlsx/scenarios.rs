//! The Scenarios sheet: each named scenario, its overrides, and the figures
//! `sroi` computed for it, beside the base. These are values, not formulas: a
//! scenario rewrites the model, and the value map is where to explore live.

use rust_decimal::Decimal;
use rust_xlsxwriter::{ColNum, RowNum, Worksheet, XlsxError};

use super::CachedResults;
use super::ExportError;
use super::cells::Cells;
use super::styles::Styles;
use crate::calc::Results;
use crate::model::assumption::Kind;
use crate::model::{Action, Model, Override, Scenario, Target, Value};
use crate::scenario;

pub const SHEET: &str = "Scenarios";
const HEADER_ROW: RowNum = 3;

/// A scenario's headline figures, as `sroi sensitivity` reports them.
pub struct Computed {
    pub present_value: Decimal,
    pub inputs: Decimal,
    pub net_present_value: Decimal,
    pub ratio: Decimal,
}

impl Computed {
    fn of(results: &Results) -> Computed {
        Computed {
            present_value: results.present_value,
            inputs: results.inputs_total,
            net_present_value: results.net_present_value,
            ratio: results.ratio,
        }
    }
}

/// Every scenario of the model, computed as `calc` computes a model.
pub fn compute(model: &Model) -> Result<Vec<Computed>, ExportError> {
    scenario::evaluate_all(model)
        .map(|(_, results)| {
            results
                .map(|results| Computed::of(&results))
                .map_err(ExportError::Scenario)
        })
        .collect()
}

const COLUMNS: [(&str, f64); 8] = [
    ("Scenario", 24.0),
    ("Description", 40.0),
    ("Overrides", 50.0),
    ("Present value", 16.0),
    ("Inputs", 16.0),
    ("Net present value", 16.0),
    ("SROI ratio", 11.0),
    ("Change in ratio", 11.0),
];

pub fn sheet(
    model: &Model,
    results: &Results,
    computed: &[Computed],
    styles: &Styles,
) -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(SHEET)?;
    // Values only: no formula, so no cached result to choose.
    let mut cells = Cells::new(&mut sheet, CachedResults::Computed);
    cells.label(0, 0, "Scenarios", &styles.title)?;
    cells.label(
        1,
        0,
        "Each scenario is the model with its overrides written in, computed by sroi. These figures \
         are values: to explore a change live, edit the assumptions on the Value map.",
        &styles.note,
    )?;
    for (col, (header, width)) in COLUMNS.iter().enumerate() {
        cells.label(HEADER_ROW, col as ColNum, header, &styles.header)?;
        cells.sheet.set_column_width(col as ColNum, *width)?;
    }
    let base = Computed::of(results);
    let mut row = HEADER_ROW + 1;
    cells.label(row, 0, "Base", &styles.label_headline)?;
    cells.label(row, 1, "The model as written", &styles.text)?;
    figures(&mut cells, row, &base, base.ratio, styles)?;
    for (scenario, figures_of) in model.scenarios.iter().zip(computed) {
        row += 1;
        cells.text(row, 0, &scenario.name, &styles.text)?;
        let description = scenario.description.as_deref().unwrap_or_default();
        let overrides = overrides(model, scenario);
        cells.text(row, 1, description, &styles.text_wrapped)?;
        cells.text(row, 2, &overrides, &styles.text_wrapped)?;
        // Spreadsheets do not size a row to its wrapped text on opening.
        let lines = lines_of(description, COLUMNS[1].1).max(lines_of(&overrides, COLUMNS[2].1));
        if lines > 1 {
            cells.sheet.set_row_height(row, 15.0 * lines as f64)?;
        }
        figures(&mut cells, row, figures_of, base.ratio, styles)?;
    }
    if model.scenarios.is_empty() {
        cells.label(
            row + 2,
            0,
            "The model has no scenarios: add [[scenarios]] entries to it to see them here.",
            &styles.note,
        )?;
    }
    sheet.set_row_height(HEADER_ROW, 30)?;
    sheet.set_freeze_panes(HEADER_ROW + 1, 1)?;
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    Ok(sheet)
}

/// About how many lines `text` takes wrapped in a column `width` characters
/// wide, up to the 27 that fit the tallest row a spreadsheet allows.
fn lines_of(text: &str, width: f64) -> u32 {
    let per_line = (width as usize).saturating_sub(2).max(1);
    text.chars().count().div_ceil(per_line).clamp(1, 27) as u32
}

fn figures(
    cells: &mut Cells<'_>,
    row: RowNum,
    figures: &Computed,
    base_ratio: Decimal,
    styles: &Styles,
) -> Result<(), XlsxError> {
    cells.number(row, 3, figures.present_value, &styles.money)?;
    cells.number(row, 4, figures.inputs, &styles.money)?;
    cells.number(row, 5, figures.net_present_value, &styles.money)?;
    cells.number(row, 6, figures.ratio, &styles.net_ratio_headline)?;
    // Ratios of opposite signs near the largest decimal have no difference to show.
    if let Some(change) = figures.ratio.checked_sub(base_ratio) {
        cells.number(row, 7, change, &styles.net_ratio_headline)?;
    }
    Ok(())
}

/// The overrides as the model file writes them: `set *.deadweight = 40%;
/// change *.proxy by -20%`.
pub fn overrides(model: &Model, scenario: &Scenario) -> String {
    if scenario.overrides.is_empty() {
        return "none: the base".to_owned();
    }
    scenario
        .overrides
        .iter()
        .map(|o| describe(model, o))
        .collect::<Vec<_>>()
        .join("; ")
}

fn describe(model: &Model, o: &Override) -> String {
    let (address, kind) = match o.target {
        Target::Outcome(index, assumption) => (
            format!("{}.{}", model.outcomes[index].id, assumption.key()),
            assumption.kind(),
        ),
        Target::EveryOutcome(assumption) => (format!("*.{}", assumption.key()), assumption.kind()),
        Target::Inputs => ("inputs".to_owned(), Kind::Amount),
        Target::DiscountRate => ("discount_rate".to_owned(), Kind::Rate),
    };
    match &o.action {
        Action::Set(value) => format!("set {address} = {}", value_text(value, kind)),
        Action::Relative(change) => format!("change {address} by {}", signed_percent(*change)),
        Action::Points(points) => format!(
            "change {address} by {} points",
            signed_percent(*points).trim_end_matches('%')
        ),
        Action::Years(years) => {
            let unit = if years.abs() == 1 { "year" } else { "years" };
            format!("change {address} by {years:+} {unit}")
        }
    }
}

fn value_text(value: &Value, kind: Kind) -> String {
    match value {
        Value::Quantities(quantities) => quantities
            .iter()
            .map(|q| q.normalize().to_string())
            .collect::<Vec<_>>()
            .join(";"),
        Value::Number(number) if kind == Kind::Rate => percent(*number),
        Value::Number(number) => number.normalize().to_string(),
        Value::Years(years) => years.to_string(),
    }
}

/// `+10%`, `-20%`.
fn signed_percent(fraction: Decimal) -> String {
    let sign = if fraction.is_sign_negative() { "" } else { "+" };
    format!("{sign}{}", percent(fraction))
}

/// `25%`, `12.5%`: a fraction as the model file writes a percentage.
fn percent(fraction: Decimal) -> String {
    match fraction.checked_mul(Decimal::ONE_HUNDRED) {
        Some(percentage) => format!("{}%", percentage.normalize()),
        // Too large to show as a percentage: the fraction itself is exact.
        None => fraction.normalize().to_string(),
    }
}
