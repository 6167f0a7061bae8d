//! Parsers for the command line's numeric values: exact decimals, as in the
//! model, so `--target 1.1` is exactly 1.1 and a step of `10` or `10%` is ten
//! percentage points. Each error reads as clap prints it (exit 2).

use rust_decimal::Decimal;

use crate::number::parse_decimal;

/// A ratio: any finite decimal.
pub(crate) fn ratio(text: &str) -> Result<Decimal, String> {
    parse_decimal(text).map_err(|_| format!("expected a number such as 1 or 1.5, found {text:?}"))
}

/// A step in percent (or percentage points) from 0 to 100, as a fraction.
pub(crate) fn share(text: &str) -> Result<Decimal, String> {
    let number = text.trim().strip_suffix('%').unwrap_or(text);
    match parse_decimal(number) {
        Ok(percent) if percent >= Decimal::ZERO && percent <= Decimal::ONE_HUNDRED => {
            Ok(percent / Decimal::ONE_HUNDRED)
        }
        _ => Err(format!(
            "expected a percentage from 0 to 100 such as 10, found {text:?}"
        )),
    }
}

/// A step for the inputs: below 100%, so the inputs stay above zero.
pub(crate) fn inputs_share(text: &str) -> Result<Decimal, String> {
    match share(text) {
        Ok(step) if step < Decimal::ONE => Ok(step),
        _ => Err(format!(
            "expected a percentage from 0 to below 100 such as 20, found {text:?}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_percentages_with_or_without_the_sign() {
        assert_eq!(share("10"), Ok(Decimal::new(10, 2)));
        assert_eq!(share("12.5%"), Ok(Decimal::new(125, 3)));
        assert!(share("101").is_err());
        assert!(share("-1").is_err());
        assert!(inputs_share("100").is_err());
        assert_eq!(ratio("1.5"), Ok(Decimal::new(15, 1)));
        assert!(ratio("nan").is_err());
    }
}
