//! The JSON Schema of each kind of value a model holds: exact numbers, rates,
//! whole years, ids, text, and the overrides of scenarios. Numbers may be
//! written as TOML numbers or as decimal strings, as the loader reads them.

use serde_json::{Value, json};

use crate::model::Limits;

// The patterns say what `crate::number` reads, so an editor accepts exactly
// what the loader does. Digits come in groups joined by single underscores
// (`[0-9]+(_[0-9]+)*`, as TOML writes them), a point has digits after it,
// and a percentage is a plain number: digits, no underscores, no exponent.

/// A decimal written as a string: sign, digits with underscores, a fraction,
/// an exponent, with spaces around it (`"1234.5678"`, `"1_200"`, `"1.5e3"`).
const DECIMAL: &str = r"^\s*[+-]?([0-9]+(_[0-9]+)*(\.[0-9]+(_[0-9]+)*)?|\.[0-9]+(_[0-9]+)*)([eE][+-]?[0-9]+(_[0-9]+)*)?\s*$";

/// The same without a minus sign, for what may not be negative.
const UNSIGNED: &str = r"^\s*\+?([0-9]+(_[0-9]+)*(\.[0-9]+(_[0-9]+)*)?|\.[0-9]+(_[0-9]+)*)([eE][+-]?[0-9]+(_[0-9]+)*)?\s*$";

/// A rate as a string: a percentage from 0% to 100%, or a fraction from 0 to
/// 1, each a plain number (leading zeros allowed, as the loader reads them).
const RATE: &str = r"^\s*(\+?0*(100(\.0+)?|[0-9]{1,2}(\.[0-9]+)?|\.[0-9]+)\s*%|\+?(0+(\.[0-9]+)?|0*\.[0-9]+|0*1(\.0+)?))\s*$";

/// A signed percentage: a change to a value, or in points to a rate.
const CHANGE: &str = r"^\s*[+-]?([0-9]+(\.[0-9]+)?|\.[0-9]+)\s*%\s*$";

/// An id: `[a-z0-9_-]+`.
pub const ID: &str = "^[a-z0-9_-]+$";

pub fn described(mut schema: Value, description: &str) -> Value {
    if let Some(object) = schema.as_object_mut() {
        object.insert("description".to_owned(), Value::from(description));
    }
    schema
}

pub fn text(limits: Limits) -> Value {
    json!({ "type": "string", "maxLength": limits.max_text_chars })
}

pub fn id(limits: Limits) -> Value {
    json!({ "type": "string", "pattern": ID, "maxLength": limits.max_text_chars })
}

pub fn boolean() -> Value {
    json!({ "type": "boolean" })
}

pub fn one_of_names(names: &[&str]) -> Value {
    json!({ "type": "string", "enum": names })
}

/// An exact decimal of either sign.
pub fn number() -> Value {
    json!({ "anyOf": [
        { "type": "number" },
        { "type": "string", "pattern": DECIMAL },
    ] })
}

/// An exact decimal, zero or more.
pub fn non_negative() -> Value {
    json!({ "anyOf": [
        { "type": "number", "minimum": 0 },
        { "type": "string", "pattern": UNSIGNED },
    ] })
}

/// An exact decimal above zero.
pub fn positive() -> Value {
    json!({ "anyOf": [
        { "type": "number", "exclusiveMinimum": 0 },
        { "type": "string", "pattern": UNSIGNED },
    ] })
}

/// A number zero or more, or one per year from year 1.
pub fn per_year(limits: Limits) -> Value {
    json!({ "anyOf": [
        non_negative(),
        { "type": "array", "items": non_negative(), "minItems": 1, "maxItems": limits.max_years },
    ] })
}

/// A rate or share: `"25%"`, or a number from 0 to 1.
pub fn rate() -> Value {
    json!({ "anyOf": [
        { "type": "number", "minimum": 0, "maximum": 1 },
        { "type": "string", "pattern": RATE },
    ] })
}

/// A whole number of years from 1 to the limit.
pub fn years(limits: Limits) -> Value {
    json!({ "type": "integer", "minimum": 1, "maximum": limits.max_years })
}

/// A signed percentage string (`"-20%"`, `"+10%"`).
pub fn change() -> Value {
    json!({ "type": "string", "pattern": CHANGE })
}

/// A change of whole years (`+1`, `-2`).
pub fn years_change() -> Value {
    json!({ "type": "integer" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, text: &str) -> bool {
        // The patterns use only what both ECMA 262 and Rust's regex agree on.
        regex_lite_match(pattern, text)
    }

    /// A tiny check through the JSON Schema validator itself, so the test
    /// exercises the same regex engine editors and the suite use.
    fn regex_lite_match(pattern: &str, text: &str) -> bool {
        let schema = json!({ "type": "string", "pattern": pattern });
        jsonschema::validator_for(&schema)
            .map(|v| v.is_valid(&Value::from(text)))
            .unwrap_or(false)
    }

    #[test]
    fn decimal_strings_match_what_the_loader_reads() {
        for text in ["1234.5678", "1_200", "-3", "+.5", "1.5e3", " 7 "] {
            assert!(matches(DECIMAL, text), "{text}");
            assert!(crate::number::parse_decimal(text).is_ok(), "{text}");
        }
        for text in ["", "abc", "1,200", "£5", "1.2.3", "nan", "1.", "1__0"] {
            assert!(!matches(DECIMAL, text), "{text}");
            assert!(crate::number::parse_decimal(text).is_err(), "{text}");
        }
        assert!(!matches(UNSIGNED, "-3"));
    }

    #[test]
    fn rate_strings_are_percentages_to_one_hundred_or_fractions_to_one() {
        for text in [
            "25%", "12.5%", "0%", "100%", " 3.5 % ", "0.25", "1", "0", ".5",
        ] {
            assert!(matches(RATE, text), "{text}");
        }
        for text in ["101%", "150%", "-5%", "25", "1.5", "a quarter", "%"] {
            assert!(!matches(RATE, text), "{text}");
        }
        for text in ["-20%", "+10%", "5%"] {
            assert!(matches(CHANGE, text), "{text}");
        }
        assert!(!matches(CHANGE, "10"));
    }
}
