//! One CSV cell written as the TOML value the model format takes for its
//! field. A cell that reads as the field's type becomes that value, written
//! the way a person would write it (`446_000`, `"25%"`, `[40, 45, 50]`); a
//! cell that does not is written as a string, so that the loader reports it
//! with the message and hint it gives for the same mistake in a model file.

use rust_decimal::Decimal;

use crate::model::field_table::{self, Field};
use crate::number::parse_decimal;
use crate::printable::restore_text;

/// How a column's cells become TOML values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// An id or a stakeholder reference: the text without surrounding spaces.
    Id,
    /// Free text, exactly as written, less the apostrophe `sroi calc` adds
    /// before text a spreadsheet would run as a formula.
    Text,
    /// Money: an exact decimal.
    Number,
    /// A number, or one per year separated by `;` (`40;45;50`), as
    /// `sroi calc --format csv` writes cohorts.
    Numbers,
    /// A rate: `25%`, or a fraction from 0 to 1 (`0.25`).
    Rate,
    /// A whole number of years.
    Whole,
    /// `true` or `false`, in any case.
    Boolean,
}

/// A table's columns with how each cell is read, from the kinds of its
/// fields: a choice or a currency is a name, read as an id is.
pub(super) const fn columns<const N: usize>(fields: &[Field]) -> [(&'static str, Kind); N] {
    let named: [(&str, field_table::Kind); N] = field_table::columns(fields);
    let mut columns = [("", Kind::Text); N];
    let mut i = 0;
    while i < N {
        let kind = match named[i].1 {
            field_table::Kind::Id
            | field_table::Kind::Stakeholder
            | field_table::Kind::Choice(_)
            | field_table::Kind::Currency => Kind::Id,
            field_table::Kind::Text | field_table::Kind::Table => Kind::Text,
            field_table::Kind::Number | field_table::Kind::NonNegative => Kind::Number,
            field_table::Kind::PerYear => Kind::Numbers,
            field_table::Kind::Rate => Kind::Rate,
            field_table::Kind::Years => Kind::Whole,
            field_table::Kind::Flag => Kind::Boolean,
        };
        columns[i] = (named[i].0, kind);
        i += 1;
    }
    columns
}

/// An id as written in a cell: without surrounding spaces, and without the
/// apostrophe `sroi calc` puts before an id that starts with `-`.
pub(super) fn id(cell: &str) -> &str {
    restore_text(cell.trim())
}

/// The TOML text of a cell's value.
pub(super) fn value(kind: Kind, cell: &str) -> String {
    let trimmed = cell.trim();
    match kind {
        Kind::Id => string(id(cell)),
        Kind::Text => string(restore_text(cell)),
        Kind::Number => number(trimmed),
        Kind::Numbers if trimmed.contains(';') => {
            let items: Vec<String> = trimmed.split(';').map(|i| number(i.trim())).collect();
            format!("[{}]", items.join(", "))
        }
        Kind::Numbers => number(trimmed),
        Kind::Rate => rate(trimmed),
        Kind::Whole => whole(trimmed),
        Kind::Boolean => match trimmed.to_lowercase().as_str() {
            "true" | "yes" | "y" => "true".to_owned(),
            "false" | "no" | "n" => "false".to_owned(),
            _ => string(trimmed),
        },
    }
}

/// A TOML basic string, with every character escaped as TOML requires.
pub(super) fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An exact decimal as a TOML number; anything else as a string.
fn number(text: &str) -> String {
    match analyst_number(text) {
        Some(number) => decimal(number),
        None => string(text),
    }
}

/// A number as analysts write money and counts in a spreadsheet: with a
/// currency symbol (`£1,850.00`, `-£300.00`, `£-300`), thousands separated
/// by commas or spaces (`1,200`, `1 200`), a minus sign `−`, or in
/// brackets for a negative amount (`(300.00)`). Commas must group digits
/// in threes, so a decimal comma (`1,5`) is not mistaken for a thousands
/// separator. `None` when the text is not a number.
pub(super) fn analyst_number(text: &str) -> Option<Decimal> {
    let text = text.trim();
    if let Ok(number) = parse_decimal(text) {
        return Some(number);
    }
    let (negative, text) = match text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        Some(inner) => (true, inner.trim()),
        None => (false, text),
    };
    let mut clean = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '£' | '$' | '€' => {}
            ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' => {}
            '−' => clean.push('-'),
            c => clean.push(c),
        }
    }
    if clean.contains(',') {
        clean = ungrouped(&clean)?;
    }
    let number = parse_decimal(&clean).ok()?;
    Some(if negative { -number } else { number })
}

/// `1,234,567.89` without its commas, when they group the digits in threes.
fn ungrouped(text: &str) -> Option<String> {
    let unsigned = text.trim_start_matches(['-', '+']);
    let whole = unsigned.split('.').next().unwrap_or("");
    let mut groups = whole.split(',');
    let first = groups.next()?;
    let valid = (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    valid.then(|| text.replace(',', ""))
}

/// Whether a cell holds a number (money, a count, a percentage): how a
/// totals row is told from a note.
pub(super) fn reads_as_number(cell: &str) -> bool {
    let cell = cell.trim();
    !cell.is_empty() && analyst_number(cell.strip_suffix('%').unwrap_or(cell).trim()).is_some()
}

/// A hint for a cell that would be a number but for a letter typed for a
/// digit: `£1,2OO` has a letter O where a zero belongs.
pub fn typo_hint(cell: &str) -> Option<String> {
    let cell = cell.trim();
    if reads_as_number(cell) {
        return None;
    }
    for (letters, digit, what) in [
        (['O', 'o'], '0', "a letter O where a zero belongs"),
        (['l', 'I'], '1', "a letter l or I where a one belongs"),
    ] {
        if !cell.contains(letters) {
            continue;
        }
        let fixed: String = cell
            .chars()
            .map(|c| if letters.contains(&c) { digit } else { c })
            .collect();
        if reads_as_number(&fixed) {
            return Some(format!("{cell:?} has {what}: {fixed:?}"));
        }
    }
    None
}

/// A decimal as a TOML literal: an integer with its thousands grouped, a
/// float with the digits as given, or a decimal string beyond TOML's 64-bit
/// integers.
pub(super) fn decimal(number: Decimal) -> String {
    if number.scale() > 0 {
        return number.to_string();
    }
    match i64::try_from(number) {
        Ok(integer) => grouped(integer),
        Err(_) => string(&number.to_string()),
    }
}

/// `446000` as `446_000`: grouped from five digits on, as the bundled models write money.
fn grouped(integer: i64) -> String {
    let digits = integer.unsigned_abs().to_string();
    if digits.len() < 5 {
        return integer.to_string();
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if integer < 0 {
        out.push('-');
    }
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push('_');
        }
        out.push(digit);
    }
    out
}

/// A rate as the model writes it: `"25%"` for a percentage or a fraction
/// from 0 to 1; a bare number otherwise, which the loader refuses with the
/// hint that suggests the percentage.
fn rate(text: &str) -> String {
    if let Some(percent) = text.strip_suffix('%') {
        // `25 %`, as some spreadsheets and locales write it, is `25%`.
        return string(&format!("{}%", percent.trim_end()));
    }
    match parse_decimal(text) {
        Ok(fraction) if fraction >= Decimal::ZERO && fraction <= Decimal::ONE => string(&format!(
            "{}%",
            (fraction * Decimal::ONE_HUNDRED).normalize()
        )),
        Ok(number) => decimal(number),
        Err(_) => string(text),
    }
}

/// A whole number as a TOML integer; `3.0` as a float (the loader asks for
/// it without the decimal point); anything else as a string.
fn whole(text: &str) -> String {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(integer) = text.parse::<i64>() {
            return integer.to_string();
        }
    }
    match parse_decimal(text) {
        Ok(number) if number.scale() > 0 => number.to_string(),
        _ => string(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parses_back_to(toml_value: &str) -> toml::Value {
        let table: toml::Table = toml::from_str(&format!("v = {toml_value}"))
            .unwrap_or_else(|e| panic!("{toml_value} is not TOML: {e}"));
        table["v"].clone()
    }

    #[test]
    fn numbers_are_exact_and_grouped_like_the_bundled_models() {
        assert_eq!(value(Kind::Number, " 446000 "), "446_000");
        assert_eq!(value(Kind::Number, "-1234567"), "-1_234_567");
        assert_eq!(value(Kind::Number, "1200"), "1200");
        assert_eq!(value(Kind::Number, "1200.50"), "1200.50");
        // An exponent states no decimals here: 1.5e3 is the whole number 1500.
        assert_eq!(value(Kind::Number, "1.5e3"), "1500");
        assert_eq!(value(Kind::Number, "£1,200"), "1200");
        assert_eq!(value(Kind::Number, "£1,850.00"), "1850.00");
        assert_eq!(value(Kind::Number, "-£300.00"), "-300.00");
        assert_eq!(value(Kind::Number, "£-300"), "-300");
        assert_eq!(value(Kind::Number, "(£300.00)"), "-300.00");
        assert_eq!(value(Kind::Number, "1 200"), "1200");
        assert_eq!(value(Kind::Number, "12 345 678"), "12_345_678");
        // A decimal comma is not a thousands separator: the loader reports it.
        assert_eq!(value(Kind::Number, "1,5"), "\"1,5\"");
        assert_eq!(value(Kind::Number, "1,2345"), "\"1,2345\"");
        // Beyond a TOML integer: kept exact as a decimal string.
        assert_eq!(
            value(Kind::Number, "12345678901234567890123"),
            "\"12345678901234567890123\""
        );
    }

    #[test]
    fn cohorts_separated_by_semicolons_become_a_list() {
        assert_eq!(value(Kind::Numbers, "40;45; 50"), "[40, 45, 50]");
        assert_eq!(value(Kind::Numbers, "100"), "100");
        assert_eq!(value(Kind::Numbers, "100;"), "[100, \"\"]");
    }

    #[test]
    fn rates_become_percentages_and_a_bare_percentage_number_stays_bare() {
        assert_eq!(value(Kind::Rate, "25%"), "\"25%\"");
        assert_eq!(value(Kind::Rate, "25 %"), "\"25%\"");
        assert_eq!(value(Kind::Rate, "0.125"), "\"12.5%\"");
        assert_eq!(value(Kind::Rate, "0"), "\"0%\"");
        assert_eq!(value(Kind::Rate, "25"), "25");
        assert_eq!(value(Kind::Rate, "a quarter"), "\"a quarter\"");
    }

    #[test]
    fn whole_numbers_and_what_is_not_one() {
        assert_eq!(value(Kind::Whole, " 3 "), "3");
        assert_eq!(value(Kind::Whole, "007"), "7");
        assert_eq!(value(Kind::Whole, "3.0"), "3.0");
        assert_eq!(
            value(Kind::Whole, "99999999999999999999"),
            "\"99999999999999999999\""
        );
        assert_eq!(value(Kind::Whole, "three"), "\"three\"");
        assert_eq!(value(Kind::Boolean, "TRUE"), "true");
        assert_eq!(value(Kind::Boolean, "Yes"), "true");
        assert_eq!(value(Kind::Boolean, "no"), "false");
        assert_eq!(value(Kind::Boolean, "maybe"), "\"maybe\"");
    }

    #[test]
    fn a_letter_typed_for_a_digit_is_named() {
        assert_eq!(
            typo_hint("£1,2OO").as_deref(),
            Some("\"£1,2OO\" has a letter O where a zero belongs: \"£1,200\"")
        );
        assert_eq!(
            typo_hint("l5%").as_deref(),
            Some("\"l5%\" has a letter l or I where a one belongs: \"15%\"")
        );
        assert_eq!(typo_hint("1200"), None);
        assert_eq!(typo_hint("Course fees"), None);
    }

    #[test]
    fn any_text_survives_as_a_toml_string() {
        for text in [
            "plain",
            "quote \" and \"\"\" triple",
            "back\\slash \\n not a newline",
            "new\nline and\r\ncrlf",
            "tab\tand bell\u{7} and delete\u{7f} and nul\u{0}",
            "non-ASCII: £ € é 日本 🙂",
            "'=cmd|' /C calc'!A0",
            "",
        ] {
            let toml_text = string(text);
            assert_eq!(
                parses_back_to(&toml_text).as_str(),
                Some(text),
                "{toml_text}"
            );
        }
        // The apostrophe `sroi calc` adds before a formula is taken off.
        assert_eq!(value(Kind::Text, "'=SUM(A1)"), "\"=SUM(A1)\"");
        assert_eq!(value(Kind::Text, " spaced "), "\" spaced \"");
    }

    #[test]
    fn every_literal_written_is_valid_toml() {
        for (kind, cell) in [
            (Kind::Number, "-0.5"),
            (Kind::Number, "0.000"),
            (Kind::Numbers, "1_200;3e2;-4"),
            (Kind::Rate, "-0.1"),
            (Kind::Rate, "150"),
            (Kind::Whole, "-2"),
            (Kind::Whole, "1e1"),
        ] {
            parses_back_to(&value(kind, cell));
        }
    }
}
