//! Reading typed fields out of one parsed TOML table, turning every wrong type,
//! bad value and unknown key into a located diagnostic instead of stopping at
//! the first. A field that is wrong reads as `None`, so the caller can go on
//! collecting problems elsewhere in the file.

use rust_decimal::Decimal;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::Spans;
use super::field_table::{Field, Kind, Presence, Value};
use super::schema::{Limits, nearest};
use crate::diagnostic::{Diagnostic, ErrorCode, Span};
use crate::number::{NumberError, parse_decimal};

/// A table being read, the name it is reported under, and where problems go.
pub(crate) struct TableReader<'t, 'd, 'i> {
    table: &'t DeTable<'i>,
    /// How the table is named in messages: "[analysis]", "outcome `isolation`".
    pub what: String,
    pub spans: Spans,
    pub limits: Limits,
    diagnostics: &'d mut Vec<Diagnostic>,
}

impl<'t, 'd, 'i> TableReader<'t, 'd, 'i> {
    /// Start reading a table, reporting every key not in `allowed` at once.
    pub fn new(
        table: &'t DeTable<'i>,
        span: Span,
        what: String,
        allowed: &[&str],
        limits: Limits,
        diagnostics: &'d mut Vec<Diagnostic>,
    ) -> Self {
        for key in table.keys() {
            if !allowed.contains(&key.get_ref().as_ref()) {
                diagnostics.push(unknown_key(key, &what, allowed));
            }
        }
        TableReader {
            table,
            what,
            spans: Spans::new(span),
            limits,
            diagnostics,
        }
    }

    pub fn contains(&self, key: &str) -> bool {
        self.table.contains_key(key)
    }

    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// The raw value of a key, recording its span for later checks.
    pub fn value(&mut self, key: &'static str) -> Option<&'t Spanned<DeValue<'i>>> {
        let value = self.table.get(key)?;
        self.spans.record(key, value.span());
        Some(value)
    }

    /// The raw value of a key that must be present.
    fn required_value(&mut self, key: &'static str) -> Option<&'t Spanned<DeValue<'i>>> {
        let value = self.value(key);
        if value.is_none() {
            let message = format!("{} is missing `{key}`", self.what);
            let hint = format!("`{key}` is required; add `{key} = …` to this table");
            self.report(
                Diagnostic::new(ErrorCode::MissingField, self.spans.table.clone(), message)
                    .with_hint(hint),
            );
        }
        value
    }

    pub fn string(&mut self, key: &'static str) -> Option<String> {
        let value = self.value(key)?;
        self.expect_string(key, value)
    }

    pub fn required_string(&mut self, key: &'static str) -> Option<String> {
        let value = self.required_value(key)?;
        self.expect_string(key, value)
    }

    fn expect_string(&mut self, key: &str, value: &Spanned<DeValue<'_>>) -> Option<String> {
        let Some(text) = value.get_ref().as_str() else {
            self.wrong_type(key, value, "a string");
            return None;
        };
        let chars = text.chars().count();
        if chars > self.limits.max_text_chars {
            self.report(Diagnostic::new(
                ErrorCode::OverLimit,
                value.span(),
                format!(
                    "`{key}` is {chars} characters long, more than the limit of {}",
                    self.limits.max_text_chars
                ),
            ));
            return None;
        }
        Some(text.to_owned())
    }

    /// An identifier: `[a-z0-9_-]+`.
    pub fn required_id(&mut self, key: &'static str) -> Option<String> {
        let value = self.required_value(key)?;
        let id = self.expect_string(key, value)?;
        if is_valid_id(&id) {
            return Some(id);
        }
        let mut diagnostic = Diagnostic::new(
            ErrorCode::BadIdentifier,
            value.span(),
            format!("`{key}` must use only a-z, 0-9, `_` and `-`, found {id:?}"),
        );
        if let Some(suggestion) = suggested_id(&id) {
            diagnostic = diagnostic.with_hint(format!("try {suggestion:?}"));
        }
        self.report(diagnostic);
        None
    }

    pub fn boolean(&mut self, key: &'static str) -> Option<bool> {
        let value = self.value(key)?;
        let flag = value.get_ref().as_bool();
        if flag.is_none() {
            self.wrong_type(key, value, "true or false");
        }
        flag
    }

    /// One of a fixed set of names, as an index into `names`.
    pub fn choice(&mut self, key: &'static str, names: &[&str]) -> Option<usize> {
        let value = self.value(key)?;
        let text = self.expect_string(key, value)?;
        if let Some(index) = names.iter().position(|name| *name == text) {
            return Some(index);
        }
        let valid = quoted_list(names);
        let mut diagnostic = Diagnostic::new(
            ErrorCode::UnknownChoice,
            value.span(),
            format!("`{key}` must be one of {valid}, found {text:?}"),
        );
        if let Some(near) = nearest(&text, names.iter().copied()) {
            diagnostic = diagnostic.with_hint(format!("did you mean \"{near}\"?"));
        }
        self.report(diagnostic);
        None
    }

    /// A whole number in `min..=max`.
    pub fn integer(&mut self, key: &'static str, min: u32, max: u32, unit: &str) -> Option<u32> {
        let value = self.value(key)?;
        self.expect_integer(key, value, min, max, unit)
    }

    pub(crate) fn expect_integer(
        &mut self,
        key: &str,
        value: &Spanned<DeValue<'_>>,
        min: u32,
        max: u32,
        unit: &str,
    ) -> Option<u32> {
        let expected = format!("a whole number of {unit} from {min} to {max}");
        let number = match value.get_ref() {
            DeValue::Integer(integer) => {
                i64::from_str_radix(integer.as_str(), integer.radix()).ok()
            }
            DeValue::Float(float) => {
                let hint = parse_decimal(float.as_str())
                    .ok()
                    .filter(|d| d.fract().is_zero())
                    .map(|d| format!("write {} without a decimal point", d.trunc()));
                let mut diagnostic = Diagnostic::new(
                    ErrorCode::WrongType,
                    value.span(),
                    format!("`{key}` must be {expected}, found {}", float.as_str()),
                );
                if let Some(hint) = hint {
                    diagnostic = diagnostic.with_hint(hint);
                }
                self.report(diagnostic);
                return None;
            }
            _ => {
                self.wrong_type(key, value, &expected);
                return None;
            }
        };
        match number {
            Some(n) if n >= i64::from(min) && n <= i64::from(max) => Some(n as u32),
            _ => {
                let found = value
                    .get_ref()
                    .as_integer()
                    .map(|i| i.to_string())
                    .unwrap_or_default();
                self.report(Diagnostic::new(
                    ErrorCode::OutOfRange,
                    value.span(),
                    format!("`{key}` must be {expected}, found {found}"),
                ));
                None
            }
        }
    }

    /// An exact decimal: a TOML integer, float, or decimal string.
    pub fn decimal(&mut self, key: &'static str) -> Option<Decimal> {
        let value = self.value(key)?;
        self.expect_decimal(key, value)
    }

    pub(crate) fn expect_decimal(
        &mut self,
        key: &str,
        value: &Spanned<DeValue<'_>>,
    ) -> Option<Decimal> {
        let (text, quoted) = match value.get_ref() {
            DeValue::Integer(integer) if integer.radix() != 10 => {
                return i64::from_str_radix(integer.as_str(), integer.radix())
                    .ok()
                    .map(Decimal::from)
                    .or_else(|| self.number_error(key, value, NumberError::TooLarge));
            }
            DeValue::Integer(integer) => (integer.as_str(), false),
            DeValue::Float(float) => (float.as_str(), false),
            DeValue::String(text) => (text.as_ref(), true),
            _ => {
                self.wrong_type(key, value, "a number");
                return None;
            }
        };
        match parse_decimal(text) {
            Ok(number) => Some(number),
            Err(NumberError::Invalid) if quoted => {
                self.wrong_type(key, value, "a number");
                None
            }
            Err(error) => self.number_error(key, value, error),
        }
    }

    /// A number, or a non-empty list of numbers (one per year).
    pub fn required_decimals(&mut self, key: &'static str) -> Option<Vec<Decimal>> {
        let value = self.required_value(key)?;
        let DeValue::Array(items) = value.get_ref() else {
            return self.expect_decimal(key, value).map(|d| vec![d]);
        };
        let max = self.limits.max_years as usize;
        if items.is_empty() || items.len() > max {
            let code = if items.is_empty() {
                ErrorCode::OutOfRange
            } else {
                ErrorCode::OverLimit
            };
            self.report(Diagnostic::new(
                code,
                value.span(),
                format!(
                    "`{key}` must be a number or a list of 1 to {max} numbers (one per year), found a list of {}",
                    items.len()
                ),
            ));
            return None;
        }
        let numbers: Vec<Option<Decimal>> = items
            .iter()
            .map(|item| self.expect_decimal(key, item))
            .collect();
        numbers.into_iter().collect()
    }

    /// A rate or share: `"25%"`, or a number from 0 to 1.
    pub fn rate(&mut self, key: &'static str) -> Option<Decimal> {
        let value = self.value(key)?;
        self.expect_rate(key, value)
    }

    /// A rate or share read from a value found elsewhere (a scenario's override).
    pub(crate) fn expect_rate(
        &mut self,
        key: &str,
        value: &Spanned<DeValue<'_>>,
    ) -> Option<Decimal> {
        let expected = "a percentage such as \"25%\" or a number from 0 to 1";
        let rate = match value.get_ref() {
            DeValue::String(text) => {
                // A fraction written as a string is a plain number ("0.25"),
                // as the schema has it: no exponent or underscores.
                let parsed = percentage(text).unwrap_or_else(|| crate::number::parse_plain(text));
                match parsed {
                    Ok(rate) => rate,
                    Err(NumberError::NotFinite) => {
                        return self.number_error(key, value, NumberError::NotFinite);
                    }
                    Err(_) => {
                        self.wrong_type(key, value, expected);
                        return None;
                    }
                }
            }
            DeValue::Integer(_) | DeValue::Float(_) => self.expect_decimal(key, value)?,
            _ => {
                self.wrong_type(key, value, expected);
                return None;
            }
        };
        // A minus sign says negative even on zero ("-0%"): a rate cannot be.
        let signed_negative = match value.get_ref() {
            DeValue::String(text) => text.trim_start().starts_with('-'),
            _ => false,
        };
        if rate >= Decimal::ZERO && rate <= Decimal::ONE && !signed_negative {
            return Some(rate);
        }
        let written = match value.get_ref() {
            DeValue::String(text) => format!("{text:?}"),
            _ => rate.normalize().to_string(),
        };
        let mut diagnostic = Diagnostic::new(
            ErrorCode::OutOfRange,
            value.span(),
            format!("`{key}` must be between 0% and 100%, found {written}"),
        );
        let is_bare_number = match value.get_ref() {
            DeValue::String(text) => !text.contains('%'),
            _ => true,
        };
        if is_bare_number && rate > Decimal::ONE && rate <= Decimal::ONE_HUNDRED {
            let percent = rate.normalize();
            diagnostic = diagnostic.with_hint(format!(
                "a bare number is a fraction of one; for {percent} percent write \"{percent}%\" or {}",
                (rate / Decimal::ONE_HUNDRED).normalize()
            ));
        }
        self.report(diagnostic);
        None
    }

    /// A nested table, or `None` (with a diagnostic) when the key holds something else.
    pub fn table(&mut self, key: &'static str) -> Option<&'t Spanned<DeValue<'i>>> {
        let value = self.value(key)?;
        if value.get_ref().is_table() {
            Some(value)
        } else {
            self.wrong_type(key, value, &format!("a table ([{key}])"));
            None
        }
    }

    /// An array of tables (`[[key]]`), as (span, table) pairs.
    pub fn tables(&mut self, key: &'static str) -> Vec<(Span, &'t DeTable<'i>)> {
        let Some(value) = self.value(key) else {
            return Vec::new();
        };
        let expected = format!("an array of tables ([[{key}]])");
        let Some(items) = value.get_ref().as_array() else {
            self.wrong_type(key, value, &expected);
            return Vec::new();
        };
        if items.len() > self.limits.max_entries {
            let limit = self.limits.max_entries;
            self.report(too_many_entries(key, items.len(), value.span(), limit));
            return Vec::new();
        }
        let mut tables = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref().as_table() {
                Some(table) => tables.push((item.span(), table)),
                None => self.wrong_type(key, item, &expected),
            }
        }
        tables
    }

    pub(crate) fn wrong_type(&mut self, key: &str, value: &Spanned<DeValue<'_>>, expected: &str) {
        let found = describe(value.get_ref());
        self.report(Diagnostic::new(
            ErrorCode::WrongType,
            value.span(),
            format!("`{key}` must be {expected}, found {found}"),
        ));
    }

    fn number_error<T>(
        &mut self,
        key: &str,
        value: &Spanned<DeValue<'_>>,
        error: NumberError,
    ) -> Option<T> {
        let found = describe(value.get_ref());
        let (code, message) = match error {
            NumberError::NotFinite => (
                ErrorCode::WrongType,
                format!("`{key}` must be a finite number, found {found}"),
            ),
            NumberError::TooLarge => (
                ErrorCode::TooLarge,
                format!(
                    "`{key}` is too large or too precise: numbers are exact decimals of at most 28 digits (up to about 7.9e28), found {found}"
                ),
            ),
            NumberError::Invalid => (
                ErrorCode::WrongType,
                format!("`{key}` must be a number, found {found}"),
            ),
        };
        self.report(Diagnostic::new(code, value.span(), message));
        None
    }
}

/// More `[[key]]` entries than the limit, reported at the first.
pub(crate) fn too_many_entries(key: &str, count: usize, span: Span, limit: usize) -> Diagnostic {
    Diagnostic::new(
        ErrorCode::OverLimit,
        span,
        format!("the model has {count} entries in `{key}`, more than the limit of {limit}"),
    )
}

/// Parse `"25%"` or `"12.5 %"`; `None` when the text has no `%`.
pub(crate) fn percentage(text: &str) -> Option<Result<Decimal, NumberError>> {
    crate::number::parse_percentage(text)
}

pub(crate) fn unknown_key(
    key: &Spanned<std::borrow::Cow<'_, str>>,
    what: &str,
    allowed: &[&str],
) -> Diagnostic {
    let name = key.get_ref();
    let diagnostic = Diagnostic::new(
        ErrorCode::UnknownField,
        key.span(),
        format!("unknown field `{name}` in {what}"),
    );
    match nearest(name, allowed.iter().copied()) {
        Some(near) => diagnostic.with_hint(format!("did you mean `{near}`?")),
        None => diagnostic.with_hint(format!("valid fields are {}", backticked_list(allowed))),
    }
}

/// How a value is named in "found …": its type, and for scalars the value itself.
pub(crate) fn describe(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(text) => {
            let short: String = text.chars().take(40).collect();
            let ellipsis = if text.chars().count() > 40 { "…" } else { "" };
            format!("the string {short:?}{ellipsis}")
        }
        DeValue::Integer(integer) => integer.to_string(),
        DeValue::Float(float) => float.as_str().to_owned(),
        DeValue::Boolean(flag) => flag.to_string(),
        DeValue::Datetime(_) => "a date".to_owned(),
        DeValue::Array(_) => "a list".to_owned(),
        DeValue::Table(_) => "a table".to_owned(),
    }
}

pub(crate) fn quoted_list(names: &[&str]) -> String {
    join_or(names.iter().map(|n| format!("\"{n}\"")).collect())
}

pub(crate) fn backticked_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn join_or(mut items: Vec<String>) -> String {
    match items.len() {
        0 => String::new(),
        1 => items.remove(0),
        _ => {
            let last = items.pop().unwrap_or_default();
            format!("{} or {last}", items.join(", "))
        }
    }
}

/// Whether text is an id of the model format: `[a-z0-9_-]+`.
pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// The id an analyst most likely meant by an invalid one: lower case, with
/// every other character a `-`; `None` when nothing is left.
pub(crate) fn suggested_id(id: &str) -> Option<String> {
    let suggestion: String = id
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let suggestion = suggestion.trim_matches('-');
    (!suggestion.is_empty()).then(|| suggestion.to_owned())
}

/// What a table's fields read as, one slot per field of the table of fields,
/// defaults filled in. Taken out by name and type as the model is built.
pub(crate) struct FieldValues {
    fields: &'static [Field],
    slots: Vec<Slot>,
}

/// One field as read.
enum Slot {
    /// Left out, with no default.
    Absent,
    /// Given but wrong (or required and missing): already reported.
    Invalid,
    Text(String),
    Decimal(Decimal),
    Decimals(Vec<Decimal>),
    Whole(u32),
    Flag(bool),
    Choice(usize),
}

impl<'t> TableReader<'t, '_, '_> {
    /// Read and check every field of `fields` (but tables, which their own
    /// modules read), in order, by its kind, range and default.
    pub fn read_fields(&mut self, fields: &'static [Field]) -> FieldValues {
        let slots = fields.iter().map(|field| self.slot(field)).collect();
        FieldValues { fields, slots }
    }

    fn slot(&mut self, field: &Field) -> Slot {
        let name = field.name;
        if field.kind == Kind::Table {
            return Slot::Absent;
        }
        if !self.contains(name) {
            return match field.presence {
                Presence::Required => {
                    self.required_value(name);
                    Slot::Invalid
                }
                Presence::Default(value) => match value {
                    Value::Rate(rate) => Slot::Decimal(rate),
                    Value::Whole(number) => Slot::Whole(number),
                    Value::Flag(flag) => Slot::Flag(flag),
                    Value::Choice(index) => Slot::Choice(index),
                    Value::Text(text) => Slot::Text(text.to_owned()),
                },
                Presence::Optional | Presence::Derived(_) => Slot::Absent,
            };
        }
        let max_years = self.limits.max_years;
        let slot = match field.kind {
            Kind::Text | Kind::Stakeholder => self.string(name).map(Slot::Text),
            Kind::Id => self.required_id(name).map(Slot::Text),
            Kind::Currency => self.currency(name).map(Slot::Text),
            Kind::Choice(names) => self.choice(name, names).map(Slot::Choice),
            Kind::Flag => self.boolean(name).map(Slot::Flag),
            Kind::Number => self.decimal(name).map(Slot::Decimal),
            Kind::NonNegative => self.non_negative(name).map(Slot::Decimal),
            Kind::PerYear => self.required_decimals(name).map(Slot::Decimals),
            Kind::Rate => self.rate(name).map(Slot::Decimal),
            Kind::Years => self.integer(name, 1, max_years, "years").map(Slot::Whole),
            Kind::Table => None,
        };
        slot.unwrap_or(Slot::Invalid)
    }

    /// An active ISO 4217 code; a mistyped one is named with the nearest.
    fn currency(&mut self, key: &'static str) -> Option<String> {
        let code = self.string(key)?;
        if crate::format::currency::is_known(&code) {
            return Some(code);
        }
        let span = self.spans.of(key);
        let hint = match crate::format::currency::nearest(&code) {
            Some(near) => format!("did you mean \"{near}\"?"),
            None => "for example \"GBP\", \"EUR\" or \"USD\"".to_owned(),
        };
        self.report(
            Diagnostic::new(
                ErrorCode::BadIdentifier,
                span,
                format!("`{key}` must be a three-letter ISO 4217 code in capitals, found {code:?}"),
            )
            .with_hint(hint),
        );
        None
    }

    /// A number, zero or more.
    fn non_negative(&mut self, key: &'static str) -> Option<Decimal> {
        let number = self.decimal(key)?;
        if number >= Decimal::ZERO {
            return Some(number);
        }
        let span = self.spans.of(key);
        self.report(Diagnostic::new(
            ErrorCode::OutOfRange,
            span,
            format!("`{key}` must be zero or more, found {number}"),
        ));
        None
    }
}

impl FieldValues {
    fn take(&mut self, name: &str) -> Slot {
        let index = self.fields.iter().position(|field| field.name == name);
        // A name not in the table is a mistake in this crate, caught by every
        // test that loads a model; it reads as invalid, never as a panic.
        debug_assert!(index.is_some(), "`{name}` is not in the table of fields");
        match index.and_then(|index| self.slots.get_mut(index)) {
            Some(slot) => std::mem::replace(slot, Slot::Invalid),
            None => Slot::Invalid,
        }
    }

    /// A text field; `None` when left out or wrong.
    pub fn text(&mut self, name: &str) -> Option<String> {
        match self.take(name) {
            Slot::Text(text) => Some(text),
            _ => None,
        }
    }

    /// A number or rate, its default filled in; `None` when wrong.
    pub fn decimal(&mut self, name: &str) -> Option<Decimal> {
        match self.take(name) {
            Slot::Decimal(number) => Some(number),
            _ => None,
        }
    }

    /// An optional number: `Some(None)` when left out, `None` when wrong.
    pub fn optional_decimal(&mut self, name: &str) -> Option<Option<Decimal>> {
        match self.take(name) {
            Slot::Absent => Some(None),
            Slot::Decimal(number) => Some(Some(number)),
            _ => None,
        }
    }

    pub fn decimals(&mut self, name: &str) -> Option<Vec<Decimal>> {
        match self.take(name) {
            Slot::Decimals(numbers) => Some(numbers),
            _ => None,
        }
    }

    pub fn whole(&mut self, name: &str) -> Option<u32> {
        match self.take(name) {
            Slot::Whole(number) => Some(number),
            _ => None,
        }
    }

    pub fn flag(&mut self, name: &str) -> Option<bool> {
        match self.take(name) {
            Slot::Flag(flag) => Some(flag),
            _ => None,
        }
    }

    /// One of the field's choices, as an index into them.
    pub fn choice(&mut self, name: &str) -> Option<usize> {
        match self.take(name) {
            Slot::Choice(index) => Some(index),
            _ => None,
        }
    }
}
