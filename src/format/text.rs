//! How figures read to a person: money with its currency symbol and thousands
//! separators, percentages, ratios. Every function rounds half away from zero
//! first, then formats, so a table never disagrees with the JSON.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::number::{round, round_money};

/// The symbol placed before amounts, or the ISO code and a space when the
/// currency has no widely understood symbol.
pub fn currency_prefix(code: &str) -> String {
    match code {
        "GBP" => "£".to_owned(),
        "EUR" => "€".to_owned(),
        "USD" => "$".to_owned(),
        "JPY" => "¥".to_owned(),
        "INR" => "₹".to_owned(),
        _ => format!("{code} "),
    }
}

/// `£1,234,567.89`, `-£12.00`, `¥1,235`: to the currency's minor units.
pub fn money(value: Decimal, currency: &str) -> String {
    let rounded = money_rounded(value, currency);
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    format!(
        "{sign}{}{}",
        currency_prefix(currency),
        grouped(rounded.abs())
    )
}

/// An amount rounded as `money` shows it: to the penny, or to the
/// currency's own minor units (none for the yen).
pub fn money_rounded(value: Decimal, currency: &str) -> Decimal {
    match super::currency::minor_units(currency) {
        2 => round_money(value),
        places => round(value, places),
    }
}

/// Money shortened for a chart's large figures, as a board paper writes
/// them: `£4.88m`, `£755k`, `£850`, `£1.20bn`. Rounded half away from zero
/// like every figure; a value that rounds up to the next unit moves to it
/// (£999,999 is `£1.00m`, not `£1000k`).
pub fn money_short(value: Decimal, currency: &str) -> String {
    // Each unit as (size, decimals, suffix): a figure takes the first unit in
    // which, rounded, it is below a thousand.
    const UNITS: [(i64, u32, &str); 4] = [
        (1, 0, ""),
        (1_000, 0, "k"),
        (1_000_000, 2, "m"),
        (1_000_000_000, 2, "bn"),
    ];
    let magnitude = value.abs();
    let sign = if value.is_sign_negative() && !round(value, 0).is_zero() {
        "-"
    } else {
        ""
    };
    let prefix = currency_prefix(currency);
    let mut shown = String::new();
    for (size, places, suffix) in UNITS {
        let scaled = round(magnitude / Decimal::from(size), places);
        shown = format!("{}{suffix}", grouped(scaled));
        if scaled < Decimal::ONE_THOUSAND {
            break;
        }
    }
    format!("{sign}{prefix}{shown}")
}

/// `1,234,567.89`: thousands separated, decimals as given.
pub fn grouped(value: Decimal) -> String {
    let text = value.to_string();
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let mut out = String::with_capacity(text.len() + whole.len() / 3);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    match fraction {
        Some(fraction) => format!("{sign}{out}.{fraction}"),
        None => format!("{sign}{out}"),
    }
}

/// A fraction as a percentage with `places` decimals: 0.255 → `25.5%`.
/// A share of a total near zero can be too large to show as a percentage
/// (beyond about 7.9e26); it reads `n/a` rather than overflowing.
pub fn percent(fraction: Decimal, places: u32) -> String {
    match fraction.checked_mul(Decimal::ONE_HUNDRED) {
        Some(percentage) => format!("{}%", round(percentage, places)),
        None => "n/a".to_owned(),
    }
}

/// A rate as the analyst would write it, without needless zeros: 0.25 → `25%`.
pub fn rate(fraction: Decimal) -> String {
    format!("{}%", (fraction * Decimal::ONE_HUNDRED).normalize())
}

/// A ratio to two places, as tables show it.
pub fn ratio(value: Option<Decimal>) -> String {
    value.map_or_else(|| "n/a".to_owned(), |r| round(r, 2).to_string())
}

/// A plain exact number without trailing zeros: 40, 12.5.
pub fn number(value: Decimal) -> String {
    grouped(value.normalize())
}

/// "£3.64 of social value for every £1 invested".
pub fn headline(ratio: Decimal, currency: &str) -> String {
    let prefix = currency_prefix(currency);
    format!(
        "{prefix}{} of social value for every {prefix}1 invested",
        round(ratio, 2)
    )
}

/// The ratio said shortly, for a chart: "£3.64 for every £1 invested".
pub fn for_every_unit(ratio: Decimal, currency: &str) -> String {
    let prefix = currency_prefix(currency);
    format!("{prefix}{} for every {prefix}1 invested", round(ratio, 2))
}

/// A horizontal bar of `width` cells for a share between 0 and 1, drawn with
/// eighth blocks so small differences still show.
pub fn bar(share: Decimal, width: usize) -> String {
    const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let clamped = share.clamp(Decimal::ZERO, Decimal::ONE);
    let eighths = (clamped * Decimal::from(width * 8))
        .round()
        .to_usize()
        .unwrap_or(0);
    let mut out = "█".repeat(eighths / 8);
    if eighths % 8 > 0 {
        out.push(EIGHTHS[eighths % 8]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap_or_default()
    }

    #[test]
    fn money_has_symbol_separators_and_pence() {
        assert_eq!(money(dec("4880000"), "GBP"), "£4,880,000.00");
        assert_eq!(money(dec("-168339.465"), "GBP"), "-£168,339.47");
        assert_eq!(money(dec("999.995"), "EUR"), "€1,000.00");
        assert_eq!(money(dec("12"), "CHF"), "CHF 12.00");
        assert_eq!(money(dec("-0.001"), "GBP"), "£0.00");
        // ISO 4217: the yen has no minor unit, the Kuwaiti dinar three.
        assert_eq!(money(dec("1234.5"), "JPY"), "¥1,235");
        assert_eq!(money(dec("1.2345"), "KWD"), "KWD 1.235");
    }

    #[test]
    fn short_money_reads_like_a_board_paper() {
        assert_eq!(money_short(dec("1340000"), "GBP"), "£1.34m");
        assert_eq!(money_short(dec("4880114.01"), "GBP"), "£4.88m");
        assert_eq!(money_short(dec("754985.13"), "GBP"), "£755k");
        assert_eq!(money_short(dec("999999"), "GBP"), "£1.00m");
        assert_eq!(money_short(dec("999.6"), "GBP"), "£1k");
        assert_eq!(money_short(dec("850.49"), "EUR"), "€850");
        assert_eq!(money_short(dec("-18911.05"), "GBP"), "-£19k");
        assert_eq!(money_short(dec("1200000000"), "CHF"), "CHF 1.20bn");
        assert_eq!(money_short(dec("2500000000000"), "GBP"), "£2,500.00bn");
        assert_eq!(money_short(dec("-0.2"), "GBP"), "£0");
    }

    #[test]
    fn percentages_and_rates_read_naturally() {
        assert_eq!(percent(dec("0.41005"), 2), "41.01%");
        assert_eq!(percent(Decimal::MAX, 2), "n/a");
        assert_eq!(rate(dec("0.125")), "12.5%");
        assert_eq!(rate(dec("0.035")), "3.5%");
    }

    #[test]
    fn the_headline_sentence_uses_the_currency_symbol() {
        assert_eq!(
            headline(dec("3.6418"), "GBP"),
            "£3.64 of social value for every £1 invested"
        );
    }

    #[test]
    fn bars_grow_with_the_share_in_eighths() {
        assert_eq!(bar(dec("1"), 4), "████");
        assert_eq!(bar(dec("0.5"), 4), "██");
        assert_eq!(bar(dec("0.03125"), 4), "▏");
        assert_eq!(bar(dec("-0.2"), 4), "");
    }
}
