//! A `[published]` figure as the report states it. The section holds the
//! report's own numbers, so they are quoted exactly as the model writes them:
//! never rounded (a stated £99,999.995 is not £100,000.00) and never given
//! decimals the report did not state (its "£4.88m", written `4_880_000`, is
//! £4,880,000, not £4,880,000.00 as if stated to the penny). Figures the model
//! computes are shown as every output shows them, beside these.

use rust_decimal::Decimal;

use super::text::{currency_prefix, grouped};

/// `£4,880,000`, `£4,880,000.5`, `-£12.50`: the figure's digits as written,
/// with the currency symbol and thousands separators.
pub fn money(stated: Decimal, currency: &str) -> String {
    format!(
        "{}{}{}",
        sign(stated),
        currency_prefix(currency),
        grouped(stated.abs())
    )
}

/// `3.64`, `3.6`, `3.64159`: the ratio's digits as written.
pub fn ratio(stated: Decimal) -> String {
    format!("{}{}", sign(stated), grouped(stated.abs()))
}

/// A minus sign for a negative figure; zero has no sign to show.
fn sign(stated: Decimal) -> &'static str {
    if stated.is_sign_negative() && !stated.is_zero() {
        "-"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).expect("a decimal")
    }

    #[test]
    fn a_stated_figure_keeps_the_digits_it_was_written_with() {
        assert_eq!(money(dec("4880000"), "GBP"), "£4,880,000");
        assert_eq!(money(dec("4880000.5"), "GBP"), "£4,880,000.5");
        assert_eq!(money(dec("4880000.50"), "GBP"), "£4,880,000.50");
        assert_eq!(money(dec("99999.995"), "EUR"), "€99,999.995");
        assert_eq!(money(dec("-12.5"), "CHF"), "-CHF 12.5");
        assert_eq!(money(dec("-0"), "GBP"), "£0");
        assert_eq!(ratio(dec("3.60")), "3.60");
        assert_eq!(ratio(dec("3.64159")), "3.64159");
        assert_eq!(ratio(dec("1250.5")), "1,250.5");
    }
}
