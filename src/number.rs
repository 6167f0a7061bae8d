//! Exact decimals from the text an analyst wrote, and the one rounding rule
//! used for every figure shown.
//!
//! A TOML float such as `0.035` is read from its literal text, never through a
//! binary float, so it is exactly 0.035. Rounding is half away from zero (the
//! spec's rule), not rust_decimal's default banker's rounding.

use std::borrow::Cow;

use rust_decimal::{Decimal, RoundingStrategy};

/// Why a piece of text is not an exact decimal we can work with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// `nan`, `inf` or `-inf`: TOML allows them, money cannot be them.
    NotFinite,
    /// Larger than the largest decimal (about 7.9 × 10^28), or too many digits.
    TooLarge,
    /// Not a number at all.
    Invalid,
}

impl std::fmt::Display for NumberError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NumberError::NotFinite => "not a finite number",
            NumberError::TooLarge => "too large or too precise for an exact decimal",
            NumberError::Invalid => "not a number",
        })
    }
}

impl std::error::Error for NumberError {}

/// Parse a decimal from TOML integer or float text, or from a decimal string.
///
/// Accepts a sign, digits in groups joined by single underscores (`1_200`,
/// as TOML writes them), a fraction (`.5`, `1.25`, never `1.` with nothing
/// after the point) and an exponent (`1.5e3`), with spaces around.
pub fn parse_decimal(text: &str) -> Result<Decimal, NumberError> {
    let text = text.trim();
    // Most numbers need no cleaning; only allocate for underscores or capitals.
    let lower: Cow<'_, str> = if text.bytes().any(|b| b == b'_' || b.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    };
    if lower.ends_with("inf") || lower.ends_with("nan") {
        return Err(NumberError::NotFinite);
    }
    if !is_well_formed(&lower, Digits::Grouped) {
        return Err(NumberError::Invalid);
    }
    let clean: Cow<'_, str> = if lower.contains('_') {
        Cow::Owned(lower.replace('_', ""))
    } else {
        lower
    };
    let unsigned = clean.strip_prefix('+').unwrap_or(&clean);
    if unsigned.contains('e') {
        return parse_scientific(unsigned);
    }
    // The text is a well-formed decimal, so it can only fail by having more
    // digits than a decimal carries.
    Decimal::from_str_exact(unsigned).map_err(|_| NumberError::TooLarge)
}

/// A percentage string as a fraction of one: `"25%"` is 0.25. `None` when
/// the text does not end in `%`; an error when what comes before the `%` is
/// not a plain number: a sign, digits and a fraction (`"12.5%"`, `" -5 %"`,
/// `".5%"`), with no underscores or exponent (`"_10%"`, `"1e2%"` and `"5.%"`
/// are nobody's way of writing a percentage, and more likely a typing slip).
pub fn parse_percentage(text: &str) -> Option<Result<Decimal, NumberError>> {
    let number = text.trim().strip_suffix('%')?.trim_end();
    Some(parse_plain(number).map(|n| n / Decimal::ONE_HUNDRED))
}

/// A plain number: a sign, digits and a fraction, with no underscores or
/// exponent, as a rate is written when it is not a percentage (`"0.25"`).
pub fn parse_plain(text: &str) -> Result<Decimal, NumberError> {
    let lower = text.trim().to_ascii_lowercase();
    if lower.ends_with("inf") || lower.ends_with("nan") {
        return Err(NumberError::NotFinite);
    }
    if !is_well_formed(&lower, Digits::Plain) {
        return Err(NumberError::Invalid);
    }
    parse_decimal(&lower)
}

/// How the digits of a number may be written.
#[derive(Clone, Copy, PartialEq)]
enum Digits {
    /// `1_000`: groups of digits joined by single underscores; an exponent allowed.
    Grouped,
    /// `1000`: digits only, and no exponent.
    Plain,
}

impl Digits {
    fn allow(self, text: &str) -> bool {
        let is_digits =
            |group: &str| !group.is_empty() && group.bytes().all(|b| b.is_ascii_digit());
        match self {
            Digits::Grouped => text.split('_').all(is_digits),
            Digits::Plain => is_digits(text),
        }
    }
}

/// Whether lower-case `text` has the shape of a decimal: one optional sign,
/// digits with an optional fraction (or a fraction alone), an optional exponent.
fn is_well_formed(text: &str, digits: Digits) -> bool {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match unsigned.split_once('e') {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (unsigned, None),
    };
    let exponent_ok = match exponent {
        None => true,
        Some(_) if digits == Digits::Plain => false,
        Some(exponent) => digits.allow(exponent.strip_prefix(['+', '-']).unwrap_or(exponent)),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some(("", fraction)) => digits.allow(fraction),
        Some((whole, fraction)) => digits.allow(whole) && digits.allow(fraction),
        None => digits.allow(mantissa),
    };
    exponent_ok && mantissa_ok
}

fn parse_scientific(unsigned: &str) -> Result<Decimal, NumberError> {
    let (mantissa, exponent) = unsigned.split_once('e').ok_or(NumberError::Invalid)?;
    let exponent: i64 = exponent
        .trim_start_matches('+')
        .parse()
        .map_err(|_| NumberError::TooLarge)?;
    let mantissa = Decimal::from_str_exact(mantissa).map_err(|_| NumberError::TooLarge)?;
    if mantissa.is_zero() {
        return Ok(Decimal::ZERO);
    }
    // Decimals span 10^-28 to 10^28; anything outside cannot be represented.
    if exponent > 28 {
        return Err(NumberError::TooLarge);
    }
    if exponent < -28 {
        return Err(NumberError::Invalid);
    }
    let power = Decimal::from_i128_with_scale(10_i128.pow(exponent.unsigned_abs() as u32), 0);
    if exponent < 0 {
        return mantissa.checked_div(power).ok_or(NumberError::TooLarge);
    }
    let mut value = mantissa.checked_mul(power).ok_or(NumberError::TooLarge)?;
    // Keep the decimals the text states: `4.88e6` is 4880000, not
    // 4880000.00, so a figure quoted back reads as it was written.
    value.rescale(mantissa.scale().saturating_sub(exponent as u32));
    Ok(value)
}

/// Round half away from zero to `places` decimal places, keeping trailing zeros
/// so that money always shows pence (`60000.00`).
pub fn round(value: Decimal, places: u32) -> Decimal {
    let mut rounded = value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(places);
    // A tiny negative figure rounds to zero, and zero has no sign to show.
    if rounded.is_zero() {
        rounded.set_sign_positive(true);
    }
    rounded
}

/// A figure to four significant digits in scientific notation, which shows
/// 1e-28 and 7.9e28 alike in a few characters: `9.662e2`, `1e-28`.
pub fn scientific(value: Decimal) -> String {
    // Rounding the largest decimals up would overflow; they are cut instead.
    let rounded = value
        .round_sf(4)
        .or_else(|| value.round_sf_with_strategy(4, RoundingStrategy::ToZero))
        .unwrap_or(value);
    let shown = format!("{rounded:e}");
    match shown.split_once('e') {
        Some((mantissa, exponent)) if mantissa.contains('.') => {
            let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
            format!("{mantissa}e{exponent}")
        }
        _ => shown,
    }
}

/// Money is shown to the penny.
pub fn round_money(value: Decimal) -> Decimal {
    round(value, 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap_or_default()
    }

    #[test]
    fn float_text_is_read_exactly() {
        assert_eq!(parse_decimal("0.035"), Ok(dec("0.035")));
        assert_eq!(parse_decimal("1_200"), Ok(dec("1200")));
        assert_eq!(parse_decimal("-12.50"), Ok(dec("-12.50")));
        assert_eq!(parse_decimal("+3"), Ok(dec("3")));
    }

    #[test]
    fn exponents_are_exact_and_bounded() {
        assert_eq!(parse_decimal("1.5e3"), Ok(dec("1500")));
        assert_eq!(parse_decimal("25E-2"), Ok(dec("0.25")));
        assert_eq!(
            parse_decimal("1e27"),
            Ok(dec("1000000000000000000000000000"))
        );
        assert_eq!(parse_decimal("1e29"), Err(NumberError::TooLarge));
        // The decimals stated, no more: 4.88e6 has none, 4.885e2 one.
        assert_eq!(
            parse_decimal("4.88e6").map(|d| d.to_string()),
            Ok("4880000".to_owned())
        );
        assert_eq!(
            parse_decimal("4.885e2").map(|d| d.to_string()),
            Ok("488.5".to_owned())
        );
        assert_eq!(parse_decimal("1e400"), Err(NumberError::TooLarge));
    }

    #[test]
    fn non_finite_and_junk_are_refused() {
        assert_eq!(parse_decimal("nan"), Err(NumberError::NotFinite));
        assert_eq!(parse_decimal("-inf"), Err(NumberError::NotFinite));
        assert_eq!(parse_decimal("twelve"), Err(NumberError::Invalid));
        assert_eq!(parse_decimal("1.2.3"), Err(NumberError::Invalid));
        assert_eq!(parse_decimal(""), Err(NumberError::Invalid));
        assert_eq!(
            parse_decimal("123456789012345678901234567890"),
            Err(NumberError::TooLarge)
        );
        // Underscores only between digits, as TOML has them; a point needs
        // digits after it; one sign at most.
        for text in ["_1", "1_", "1__0", "1_.5", "1.", "+-5", "--5", "1e", "1e_2"] {
            assert_eq!(parse_decimal(text), Err(NumberError::Invalid), "{text}");
        }
        assert_eq!(parse_decimal("1_000.000_5"), Ok(dec("1000.0005")));
    }

    #[test]
    fn a_percentage_is_a_plain_number_before_its_sign() {
        assert_eq!(parse_percentage("25%"), Some(Ok(dec("0.25"))));
        assert_eq!(parse_percentage(" -5 %"), Some(Ok(dec("-0.05"))));
        assert_eq!(parse_percentage(".5%"), Some(Ok(dec("0.005"))));
        assert_eq!(parse_percentage("25"), None);
        for text in ["_10%", "5.%", "1e2%", "1_0%", "- 5%", "%", "5%%"] {
            assert_eq!(
                parse_percentage(text),
                Some(Err(NumberError::Invalid)),
                "{text}"
            );
        }
        assert_eq!(parse_plain("2.5e-1"), Err(NumberError::Invalid));
        assert_eq!(parse_plain("nan"), Err(NumberError::NotFinite));
    }

    #[test]
    fn scientific_notation_keeps_four_significant_digits() {
        // 966.1835… to four digits is 966.2; 67,632,850,241,545,893,719,806,763,288 is 6.763e28.
        assert_eq!(scientific(dec("966.18357487922705314")), "9.662e2");
        assert_eq!(scientific(dec("67632850241545893719806763288")), "6.763e28");
        assert_eq!(scientific(dec("0.0000000000000000000000000001")), "1e-28");
        assert_eq!(scientific(dec("-2.5")), "-2.5e0");
        // 7.9228… rounds up to 7.923e28, beyond the largest decimal: it is cut.
        assert_eq!(scientific(Decimal::MAX), "7.922e28");
    }

    #[test]
    fn rounding_is_half_away_from_zero_not_bankers() {
        // Banker's rounding would give 2.34 and -2.34.
        assert_eq!(round_money(dec("2.345")).to_string(), "2.35");
        assert_eq!(round_money(dec("-2.345")).to_string(), "-2.35");
        // format!("{:.2}") would truncate 2.355 to 2.35.
        assert_eq!(round_money(dec("2.355")).to_string(), "2.36");
        assert_eq!(round_money(dec("60000")).to_string(), "60000.00");
        assert_eq!(round(dec("1.08380585"), 4).to_string(), "1.0838");
        assert_eq!(round(dec("-0.00001"), 4).to_string(), "0.0000");
    }
}
