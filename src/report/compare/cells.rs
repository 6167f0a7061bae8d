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

/// A figure as shown: money with its symbol to the penny, months to 2
/// places, ratios to 3 (two models' ratios are often close, and 3.68 against
/// 3.64 would hide whether they differ by 0.03 or 0.04).
pub fn value(kind: FigureKind, value: Option<Decimal>, currency: &str) -> String {
    match value.map(|v| shown(kind, v, currency)) {
        None => "n/a".to_owned(),
        Some(v) if kind == FigureKind::Money => text::money(v, currency),
        Some(v) => v.to_string(),
    }
}

/// A figure rounded as `value` shows it.
fn shown(kind: FigureKind, value: Decimal, currency: &str) -> Decimal {
    match kind {
        FigureKind::Money => text::money_rounded(value, currency),
        FigureKind::Ratio => round(value, 3),
        FigureKind::Months => round(value, 2),
    }
}

/// The change from the first model's figure `a` to `b`, signed, in the
/// unit of its figure: the difference of the figures as shown, so a reader
/// who subtracts the two cells gets the third.
pub fn change(kind: FigureKind, a: Option<Decimal>, b: Option<Decimal>, currency: &str) -> String {
    let (Some(a), Some(b)) = (a, b) else {
        return NONE.to_owned();
    };
    match shown(kind, b, currency).checked_sub(shown(kind, a, currency)) {
        Some(change) => signed(change, value(kind, Some(change.abs()), currency)),
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
    fn a_change_is_the_difference_of_the_figures_shown() {
        // The bundled models' ratios: Derby £6,469,887.51 / £1,760,000 =
        // 3.676072…, Thurrock £4,879,963.01 / £1,340,000 = 3.641763…; shown
        // to 3 places as 3.676 and 3.642, 0.034 apart (to 2 places, 3.68 and
        // 3.64 would have read as -0.03 from the exact gap of 0.0343).
        let (a, b) = (Decimal::new(3_676_072, 6), Decimal::new(3_641_763, 6));
        assert_eq!(value(FigureKind::Ratio, Some(a), "GBP"), "3.676");
        assert_eq!(change(FigureKind::Ratio, Some(a), Some(b), "GBP"), "-0.034");
        // Two made-up values, £1,037,878.824 and £648,674.266, show as
        // £1,037,878.82 and £648,674.27: £389,204.55 apart as shown, where the
        // exact gap of £389,204.558 would round to £389,204.56.
        let (a, b) = (Decimal::new(1_037_878_824, 3), Decimal::new(648_674_266, 3));
        assert_eq!(
            change(FigureKind::Money, Some(a), Some(b), "GBP"),
            "-£389,204.55"
        );
        assert_eq!(change(FigureKind::Money, None, Some(b), "GBP"), NONE);
    }

    #[test]
    fn changes_carry_their_sign_unless_they_round_to_nothing() {
        assert_eq!(signed(Decimal::new(5, 2), "0.05".to_owned()), "+0.05");
        assert_eq!(signed(Decimal::new(-5, 2), "£0.05".to_owned()), "-£0.05");
        assert_eq!(signed(Decimal::new(-1, 4), "0.00".to_owned()), "0.00");
    }
}
