//! One formatted cell of a comparison: a figure as its kind is shown, and a
//! change from the first model with its sign.

use rust_decimal::Decimal;

use crate::compare::{Difference, FigureKind};
use crate::number::round;
use crate::report::text;

/// A cell with nothing to show: the model lacks the row, or there is no base.
pub const NONE: &str = "—";

/// The label of the model at `index`: A to Z, then M27, M28…
pub fn letter(index: usize) -> String {
    match u8::try_from(index) {
        Ok(i) if i < 26 => char::from(b'A' + i).to_string(),
        _ => format!("M{}", index + 1),
    }
}

/// A figure as shown: money with its symbol, ratios and months to 2 places.
pub fn value(kind: FigureKind, value: Option<Decimal>, currency: &str) -> String {
    match (kind, value) {
        (_, None) => "n/a".to_owned(),
        (FigureKind::Money, Some(v)) => text::money(v, currency),
        (FigureKind::Ratio, Some(v)) => text::ratio(Some(v)),
        (FigureKind::Months, Some(v)) => round(v, 2).to_string(),
    }
}

/// A change from the first model, signed, in the unit of its figure.
pub fn change(kind: FigureKind, difference: Option<Difference>, currency: &str) -> String {
    match difference {
        Some(d) => signed(d.change, value(kind, Some(d.change.abs()), currency)),
        None => NONE.to_owned(),
    }
}

/// A change as a signed percentage of the first model's figure.
pub fn relative(difference: Option<Difference>) -> String {
    match difference.and_then(|d| d.relative) {
        Some(r) => signed(r, text::percent(r.abs(), 2)),
        None => NONE.to_owned(),
    }
}

/// `+` or `-` before a magnitude, by the sign of `value` as it will show
/// (a change that rounds to nothing gets no sign).
pub fn signed(value: Decimal, magnitude: String) -> String {
    let shown_as_zero = magnitude.chars().all(|c| !c.is_ascii_digit() || c == '0');
    match value.is_sign_negative() {
        _ if shown_as_zero || value.is_zero() => magnitude,
        true => format!("-{magnitude}"),
        false => format!("+{magnitude}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_carry_their_sign_unless_they_round_to_nothing() {
        assert_eq!(signed(Decimal::new(5, 2), "0.05".to_owned()), "+0.05");
        assert_eq!(signed(Decimal::new(-5, 2), "£0.05".to_owned()), "-£0.05");
        assert_eq!(signed(Decimal::new(-1, 4), "0.00".to_owned()), "0.00");
    }
}
