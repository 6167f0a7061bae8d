//! The Conventions sheet: each convention in a named cell that every formula
//! of the workbook refers to, so changing the discount rate (or the schedule,
//! or the deductions) recomputes everything; and the Green Book's declining
//! rates, which the discount factors look up.

use rust_decimal::Decimal;
use rust_xlsxwriter::{DataValidation, RowNum, Worksheet, XlsxError};

use super::CachedResults;
use super::cells::{Cells, absolute};
use super::styles::Styles;
use crate::calc::discount::{GREEN_BOOK, GREEN_BOOK_HEALTH};
use crate::model::{Deductions, Model, Schedule};

pub const SHEET: &str = "Conventions";

/// The names formulas use, and the row of each on this sheet (column B).
pub const DISCOUNT_RATE: &str = "DiscountRate";
pub const SCHEDULE: &str = "DiscountSchedule";
pub const DISCOUNT_FIRST_YEAR: &str = "DiscountFirstYear";
pub const INPUTS_DISCOUNTED: &str = "InputsDiscounted";
pub const DEDUCTIONS: &str = "DeductionRule";
/// First year of discounting of each band of the declining schedules, and
/// the rates of each schedule in that band.
pub const BAND_FROM: &str = "GreenBookFrom";
pub const GREEN_BOOK_RATES: &str = "GreenBookRates";
pub const GREEN_BOOK_HEALTH_RATES: &str = "GreenBookHealthRates";

const FIRST_ROW: RowNum = 4;
const BANDS_HEADER_ROW: RowNum = 12;

pub fn defined_names() -> Vec<(&'static str, String)> {
    let cell = |row| format!("={SHEET}!{}", absolute(row, 1));
    let bands = |col| {
        format!(
            "={SHEET}!{}:{}",
            absolute(BANDS_HEADER_ROW + 1, col),
            absolute(BANDS_HEADER_ROW + GREEN_BOOK.len() as RowNum, col)
        )
    };
    vec![
        (DISCOUNT_RATE, cell(FIRST_ROW)),
        (SCHEDULE, cell(FIRST_ROW + 1)),
        (DISCOUNT_FIRST_YEAR, cell(FIRST_ROW + 2)),
        (INPUTS_DISCOUNTED, cell(FIRST_ROW + 3)),
        (DEDUCTIONS, cell(FIRST_ROW + 4)),
        (BAND_FROM, bands(0)),
        (GREEN_BOOK_RATES, bands(2)),
        (GREEN_BOOK_HEALTH_RATES, bands(3)),
    ]
}

pub fn sheet(model: &Model, styles: &Styles) -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(SHEET)?;
    // No formulas here: only assumptions and labels.
    let mut cells = Cells::new(&mut sheet, CachedResults::Computed);
    cells.label(0, 0, "Conventions", &styles.title)?;
    cells.label(
        1,
        0,
        "Every formula in the workbook reads these cells by name; change one and every figure recomputes.",
        &styles.note,
    )?;
    for (col, header) in ["Convention", "Value", "Name in formulas", "What it means"]
        .into_iter()
        .enumerate()
    {
        cells.label(FIRST_ROW - 1, col as u16, header, &styles.header)?;
    }
    let conventions = &model.conventions;
    let row = |offset: RowNum| FIRST_ROW + offset;

    cells.label(row(0), 0, "Discount rate", &styles.text)?;
    cells.number(
        row(0),
        1,
        conventions.discount_rate,
        &styles.rate_assumption,
    )?;
    cells.label(
        row(0),
        3,
        "The rate of the flat schedule, from 0% to 100% (the declining schedules use their own rates, below).",
        &styles.text,
    )?;

    cells.label(row(1), 0, "Schedule", &styles.text)?;
    cells.label(
        row(1),
        1,
        conventions.schedule.as_str(),
        &styles.choice_assumption,
    )?;
    cells.label(
        row(1),
        3,
        "flat: one rate every year; green-book: 3.5% to year 30, then declining; green-book-health: 1.5% to year 30, then declining.",
        &styles.text,
    )?;

    cells.label(row(2), 0, "Discount first year", &styles.text)?;
    cells.sheet.write_boolean_with_format(
        row(2),
        1,
        conventions.discount_first_year,
        &styles.boolean_assumption,
    )?;
    cells.label(
        row(2),
        3,
        "TRUE: year 1 is discounted once (SROI Guide); FALSE: year 1 is year 0, undiscounted (Green Book).",
        &styles.text,
    )?;

    cells.label(row(3), 0, "Inputs discounted", &styles.text)?;
    cells.sheet.write_boolean_with_format(
        row(3),
        1,
        conventions.inputs_discounted,
        &styles.boolean_assumption,
    )?;
    cells.label(
        row(3),
        3,
        "FALSE: inputs count at face value (value map); TRUE: inputs are discounted like benefits.",
        &styles.text,
    )?;

    cells.label(row(4), 0, "Deductions", &styles.text)?;
    cells.label(
        row(4),
        1,
        conventions.deductions.as_str(),
        &styles.choice_assumption,
    )?;
    cells.label(
        row(4),
        3,
        "multiplicative: (1 − deadweight)(1 − displacement)(1 − attribution), as the SROI Guide; additive: 1 − deadweight − displacement − attribution.",
        &styles.text,
    )?;

    for (offset, name) in [
        DISCOUNT_RATE,
        SCHEDULE,
        DISCOUNT_FIRST_YEAR,
        INPUTS_DISCOUNTED,
        DEDUCTIONS,
    ]
    .into_iter()
    .enumerate()
    {
        cells.label(row(offset as RowNum), 2, name, &styles.note)?;
    }
    validations(&mut sheet)?;
    bands(&mut sheet, styles)?;

    sheet.set_column_width(0, 24)?;
    sheet.set_column_width(1, 18)?;
    sheet.set_column_width(2, 22)?;
    // The explanations run on to the right over empty cells; a wide column
    // would stretch the rates table below.
    sheet.set_column_width(3, 20)?;
    sheet.set_freeze_panes(FIRST_ROW, 0)?;
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    Ok(sheet)
}

/// Drop-down lists, so a convention can only take a value the formulas know.
fn validations(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    let rate = DataValidation::new()
        .allow_decimal_number(rust_xlsxwriter::DataValidationRule::Between(0.0, 1.0))
        .set_error_message("A discount rate from 0% to 100%.")?;
    sheet.add_data_validation(FIRST_ROW, 1, FIRST_ROW, 1, &rate)?;
    let schedules = DataValidation::new().allow_list_strings(&Schedule::NAMES)?;
    sheet.add_data_validation(FIRST_ROW + 1, 1, FIRST_ROW + 1, 1, &schedules)?;
    let booleans = DataValidation::new().allow_list_strings(&["TRUE", "FALSE"])?;
    sheet.add_data_validation(FIRST_ROW + 2, 1, FIRST_ROW + 3, 1, &booleans)?;
    let deductions = DataValidation::new().allow_list_strings(&Deductions::NAMES)?;
    sheet.add_data_validation(FIRST_ROW + 4, 1, FIRST_ROW + 4, 1, &deductions)?;
    Ok(())
}

/// The declining schedules' rates by band of years of discounting, as
/// `calc::discount` holds them.
fn bands(sheet: &mut Worksheet, styles: &Styles) -> Result<(), XlsxError> {
    let mut cells = Cells::new(sheet, CachedResults::Computed);
    cells.label(
        BANDS_HEADER_ROW - 1,
        0,
        "Declining long-term discount rates (HM Treasury Green Book)",
        &styles.section,
    )?;
    for (col, header) in [
        "From (years discounted)",
        "To",
        "green-book",
        "green-book-health",
    ]
    .into_iter()
    .enumerate()
    {
        cells.label(BANDS_HEADER_ROW, col as u16, header, &styles.header)?;
    }
    let mut from = 1;
    for (index, ((last, rate), (_, health))) in
        GREEN_BOOK.iter().zip(&GREEN_BOOK_HEALTH).enumerate()
    {
        let row = BANDS_HEADER_ROW + 1 + index as RowNum;
        cells.whole(row, 0, from, &styles.whole)?;
        if *last == u32::MAX {
            cells.label(row, 1, "and beyond", &styles.text)?;
        } else {
            cells.whole(row, 1, *last, &styles.whole)?;
        }
        cells.number(row, 2, Decimal::new(*rate, 4), &styles.rate_assumption)?;
        cells.number(row, 3, Decimal::new(*health, 4), &styles.rate_assumption)?;
        from = last.saturating_add(1);
    }
    cells.label(
        BANDS_HEADER_ROW + 1 + GREEN_BOOK.len() as RowNum,
        0,
        "A year's factor is the previous year's divided by (1 + the rate of its band): the rates compound year by year.",
        &styles.note,
    )?;
    Ok(())
}
