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

/// Parse a decimal from TOML integer or float text, or from a decimal string.
///
/// Accepts signs, underscores between digits, and exponents (`1.5e3`).
pub fn parse_decimal(text: &str) -> Result<Decimal, NumberError> {
    let text = text.trim();
    // Most numbers need no cleaning; only allocate for underscores or capitals.
    let lower: Cow<'_, str> = if text.bytes().any(|b| b == b'_' || b.is_ascii_uppercase()) {
        Cow::Owned(
            text.chars()
                .filter(|&c| c != '_')
                .collect::<String>()
                .to_ascii_lowercase(),
        )
    } else {
        Cow::Borrowed(text)
    };
    if lower.ends_with("inf") || lower.ends_with("nan") {
        return Err(NumberError::NotFinite);
    }
    let digits = lower.trim_start_matches(['+', '-']);
    if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return Err(NumberError::Invalid);
    }
    if lower.contains('e') {
        return parse_scientific(&lower);
    }
    let unsigned = lower.trim_start_matches('+');
    if !unsigned
        .trim_start_matches('-')
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.')
    {
        return Err(NumberError::Invalid);
    }
    Decimal::from_str_exact(unsigned).map_err(|_| classify_failure(unsigned))
}

fn parse_scientific(lower: &str) -> Result<Decimal, NumberError> {
    let unsigned = lower.trim_start_matches('+');
    let (mantissa, exponent) = unsigned.split_once('e').ok_or(NumberError::Invalid)?;
    let exponent: i64 = exponent
        .trim_start_matches('+')
        .parse()
        .map_err(|_| NumberError::Invalid)?;
    let mantissa = Decimal::from_str_exact(mantissa).map_err(|_| classify_failure(mantissa))?;
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
    let value = if exponent >= 0 {
        mantissa.checked_mul(power)
    } else {
        mantissa.checked_div(power)
    };
    value.ok_or(NumberError::TooLarge)
}

fn classify_failure(text: &str) -> NumberError {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let well_formed = text.chars().filter(|&c| c == '.').count() <= 1
        && text
            .trim_start_matches('-')
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.');
    if well_formed && digits > 0 {
        NumberError::TooLarge
    } else {
        NumberError::Invalid
    }
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
