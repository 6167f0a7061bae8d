//! The Inputs sheet: every input by year, its face value, and its value as
//! the ratio counts it (discounted with the value map's factors when
//! `InputsDiscounted` is TRUE).

use rust_decimal::Decimal;
use rust_xlsxwriter::{ColNum, RowNum, Worksheet, XlsxError};

use super::CachedResults;
use super::cells::{Cells, absolute, fixed_row, neutralised, relative};
use super::conventions as named;
use super::layout::{INPUTS_FIRST_ROW, INPUTS_FIRST_YEAR_COLUMN, INPUTS_HEADER_ROW, Layout};
use super::styles::Styles;
use crate::calc::Results;
use crate::model::{Input, Model};

pub const SHEET: &str = "Inputs";
/// The inputs as the ratio counts them.
pub const TOTAL: &str = "InputsTotal";

const STAKEHOLDER: ColNum = 0;
const STAKEHOLDER_ID: ColNum = 1;
const DESCRIPTION: ColNum = 2;
const IN_KIND: ColNum = 3;

pub fn defined_names(layout: &Layout) -> Vec<(&'static str, String)> {
    vec![(
        TOTAL,
        format!(
            "={SHEET}!{}",
            absolute(layout.inputs_total_row(), layout.input_counted_column())
        ),
    )]
}

/// The value map's formula for what one stakeholder puts in: the inputs of
/// that stakeholder as counted. Ids are `[a-z0-9_-]+` (neutralised as the
/// Inputs sheet writes them), so one can stand in a formula's string literal
/// with no quote to escape; an exact comparison, unlike SUMIF's criteria,
/// never reads an id as a pattern or a number.
pub fn of_stakeholder(layout: &Layout, id: &str) -> String {
    if layout.inputs == 0 {
        return "=0".to_owned();
    }
    let first = INPUTS_FIRST_ROW;
    let last = layout.inputs_total_row() - 1;
    let range = |col| format!("{SHEET}!{}:{}", absolute(first, col), absolute(last, col));
    format!(
        "=SUMPRODUCT(({}=\"{}\")*{})",
        range(STAKEHOLDER_ID),
        neutralised(id),
        range(layout.input_counted_column())
    )
}

pub fn sheet(
    model: &Model,
    results: &Results,
    layout: &Layout,
    styles: &Styles,
    cache: CachedResults,
) -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(SHEET)?;
    let factors = &layout.factors;
    let mut cells = Cells::new(&mut sheet, cache);
    cells.label(0, 0, "Inputs", &styles.title)?;
    cells.label(
        1,
        0,
        "Amounts by year at face value. The ratio counts them at face value, or discounted by the \
         value map's factors when InputsDiscounted is TRUE (Conventions sheet).",
        &styles.note,
    )?;
    for (col, header) in [
        (STAKEHOLDER, "Stakeholder"),
        (STAKEHOLDER_ID, "Stakeholder id"),
        (DESCRIPTION, "Description"),
        (IN_KIND, "In kind"),
        (layout.input_face_value_column(), "Face value"),
        (layout.input_counted_column(), "As counted"),
    ] {
        cells.label(INPUTS_HEADER_ROW, col, header, &styles.header)?;
    }
    for year in 1..=layout.years {
        cells.whole(
            INPUTS_HEADER_ROW,
            layout.input_year_column(year),
            year,
            &styles.year_header,
        )?;
    }
    for (index, input) in model.inputs.iter().enumerate() {
        input_row(&mut cells, model, layout, styles, factors, index, input)?;
    }
    totals(&mut cells, model, results, layout, styles)?;
    factor_row(&mut cells, layout, styles, factors)?;

    sheet.set_column_width(STAKEHOLDER, 26)?;
    sheet.set_column_width(STAKEHOLDER_ID, 16)?;
    sheet.set_column_width(DESCRIPTION, 40)?;
    sheet.set_column_width(IN_KIND, 9)?;
    for year in 1..=layout.years {
        sheet.set_column_width(layout.input_year_column(year), 14)?;
    }
    sheet.set_column_width(layout.input_face_value_column(), 16)?;
    sheet.set_column_width(layout.input_counted_column(), 16)?;
    sheet.set_row_height(INPUTS_HEADER_ROW, 30)?;
    sheet.set_freeze_panes(INPUTS_FIRST_ROW, 1)?;
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    Ok(sheet)
}

fn input_row(
    cells: &mut Cells<'_>,
    model: &Model,
    layout: &Layout,
    styles: &Styles,
    factors: &[Decimal],
    index: usize,
    input: &Input,
) -> Result<(), XlsxError> {
    let row = layout.input_row(index);
    let stakeholder = &model.stakeholders[input.stakeholder];
    cells.text(row, STAKEHOLDER, &stakeholder.name, &styles.text)?;
    cells.text(
        row,
        STAKEHOLDER_ID,
        &stakeholder.id,
        &styles.text_assumption,
    )?;
    if let Some(description) = &input.description {
        cells.text(row, DESCRIPTION, description, &styles.text_assumption)?;
    }
    cells.label(
        row,
        IN_KIND,
        if input.in_kind { "yes" } else { "no" },
        &styles.text,
    )?;
    for year in 1..=layout.years {
        // An input given for fewer years puts nothing in the later ones.
        let amount = input
            .amounts
            .get(year as usize - 1)
            .copied()
            .unwrap_or_default();
        cells.number(
            row,
            layout.input_year_column(year),
            amount,
            &styles.money_assumption,
        )?;
    }
    let amounts = format!(
        "{}:{}",
        relative(row, INPUTS_FIRST_YEAR_COLUMN),
        relative(row, layout.input_year_column(layout.years))
    );
    let face_value = input.total();
    let counted = if model.conventions.inputs_discounted {
        // Amounts and factors are both as `calc` discounts them, and `calc`
        // formed this very sum without overflow: a 0 or a clamped total in
        // the workbook would be a wrong figure, so a failure is a bug.
        input
            .amounts
            .iter()
            .zip(factors)
            .map(|(amount, factor)| {
                amount
                    .checked_mul(*factor)
                    .expect("calc formed this product")
            })
            .try_fold(Decimal::ZERO, Decimal::checked_add)
            .expect("calc formed this sum")
    } else {
        face_value
    };
    cells.formula(
        row,
        layout.input_face_value_column(),
        &format!("=SUM({amounts})"),
        Some(face_value),
        &styles.money,
    )?;
    cells.formula(
        row,
        layout.input_counted_column(),
        &format!(
            "=IF({},SUMPRODUCT({amounts},{}:{}),{})",
            named::INPUTS_DISCOUNTED,
            fixed_row(layout.inputs_total_row() + 1, INPUTS_FIRST_YEAR_COLUMN),
            fixed_row(
                layout.inputs_total_row() + 1,
                layout.input_year_column(layout.years)
            ),
            relative(row, layout.input_face_value_column()),
        ),
        Some(counted),
        &styles.money,
    )
}

fn totals(
    cells: &mut Cells<'_>,
    model: &Model,
    results: &Results,
    layout: &Layout,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let row = layout.inputs_total_row();
    let last = row - 1;
    for col in 0..=layout.input_counted_column() {
        cells.label(row, col, "", &styles.label_total)?;
    }
    cells.label(row, STAKEHOLDER, "Total", &styles.label_total)?;
    let sum = |col| {
        if model.inputs.is_empty() {
            "=0".to_owned()
        } else {
            format!(
                "=SUM({}:{})",
                relative(INPUTS_FIRST_ROW, col),
                relative(last, col)
            )
        }
    };
    for year in 1..=layout.years {
        let col = layout.input_year_column(year);
        // The layout's years run past the inputs' when outcomes last longer:
        // nothing is put in then.
        let amount = results
            .inputs_by_year
            .get(year as usize - 1)
            .copied()
            .unwrap_or_default();
        cells.formula(row, col, &sum(col), Some(amount), &styles.money_total)?;
    }
    let face = layout.input_face_value_column();
    cells.formula(
        row,
        face,
        &sum(face),
        Some(results.inputs_face_value),
        &styles.money_total,
    )?;
    let counted = layout.input_counted_column();
    cells.formula(
        row,
        counted,
        &sum(counted),
        Some(results.inputs_total),
        &styles.money_total,
    )
}

/// The value map's discount factors, repeated under the inputs they discount.
fn factor_row(
    cells: &mut Cells<'_>,
    layout: &Layout,
    styles: &Styles,
    factors: &[Decimal],
) -> Result<(), XlsxError> {
    let row: RowNum = layout.inputs_total_row() + 1;
    cells.label(row, STAKEHOLDER, "Discount factor", &styles.text)?;
    for year in 1..=layout.years {
        cells.formula(
            row,
            layout.input_year_column(year),
            &format!("={}", layout.factor_cell(year)),
            Some(factors[year as usize - 1]),
            &styles.factor,
        )?;
    }
    Ok(())
}
