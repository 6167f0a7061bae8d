//! The check no spreadsheet does: the sheet's own Impact and present value
//! of each outcome row, compared with `sroi`'s. A value map whose
//! arithmetic a dragged formula broke differs by more than a penny.

use rust_decimal::Decimal;

use super::cells;
use super::headings::Heading;
use super::table::Table;
use super::value_map::SheetFigure;
use crate::calc::Results;

/// A figure of the sheet that differs from `sroi`'s by more than a penny,
/// as a warning; `None` when they agree (or the cell is not a number).
pub(super) fn compare(
    figure: &SheetFigure,
    outcomes: &Table,
    results: &Results,
    currency: &str,
) -> Option<String> {
    let sheet = cells::analyst_number(&figure.text)?;
    let result = results.outcomes.get(figure.row)?;
    let (what, ours, how) = match figure.kind {
        Heading::Impact => (
            "Impact",
            *result.impacts.get(figure.cohort)?,
            "quantity × proxy × net of deductions",
        ),
        Heading::PresentValue if result.impacts.len() == 1 => (
            "present value",
            result.present_value,
            "the outcome's value in each year, discounted",
        ),
        _ => return None,
    };
    let penny = Decimal::new(1, 2);
    if (sheet - ours).abs() <= penny {
        return None;
    }
    let header = outcomes.headers.get(figure.column).map_or("", |h| h.trim());
    Some(format!(
        "the sheet's {what} ({header:?}) is {}, but sroi's is {} ({how}); is the cell's formula the row's own?",
        figure.text,
        crate::format::text::money(ours, currency)
    ))
}
