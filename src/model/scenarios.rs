//! Named scenarios declared in the model (`[[scenarios]]`): what they may say
//! and how it is read. A scenario is a name, a description and overrides, each
//! addressed as `OUTCOME_ID.FIELD` (`*.FIELD` for every outcome), `inputs` or
//! `discount_rate`:
//!
//! ```toml
//! [[scenarios]]
//! name = "cautious"
//! description = "Higher deadweight everywhere, smaller cohort"
//! set = { "*.deadweight" = "40%", "isolation.quantity" = 30 }
//! change = { "*.proxy" = "-20%", "employment.attribution" = "+10%" }
//! ```
//!
//! `set` gives the new value, written as the model file writes that field;
//! `change` moves the model's value: money, quantities and inputs by a
//! percentage of themselves, rates by percentage points, years by whole years.
//! Applying them is `crate::scenario`'s business; this module only reads.

mod values;

use std::collections::HashMap;

use rust_decimal::Decimal;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::Spans;
use super::assumption::Assumption;
use super::fields::TableReader;
use super::schema::{Limits, SCENARIO, nearest};
use crate::diagnostic::{Diagnostic, ErrorCode, Span};

#[derive(Debug, Clone)]
pub struct Scenario {
    pub name: String,
    pub description: Option<String>,
    /// In the order written: every `set`, then every `change`.
    pub overrides: Vec<Override>,
    pub spans: Spans,
}

/// One override: what it addresses, what it does, and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    pub target: Target,
    pub action: Action,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// One outcome's assumption (index into `Model::outcomes`).
    Outcome(usize, Assumption),
    /// The same assumption of every outcome (`*.FIELD`), unless that outcome
    /// has an override of its own for it.
    EveryOutcome(Assumption),
    /// The inputs total as counted in the ratio; every amount moves in proportion.
    Inputs,
    /// The flat discount rate.
    DiscountRate,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Replace the value.
    Set(Value),
    /// Multiply by (1 + change): quantities, proxies and inputs.
    Relative(Decimal),
    /// Add percentage points, kept within 0% to 100%: rates.
    Points(Decimal),
    /// Add whole years, kept at 1 or more: duration and start year.
    Years(i64),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A quantity: one cohort, or one per activity year.
    Quantities(Vec<Decimal>),
    /// A proxy, a rate, or the inputs total.
    Number(Decimal),
    Years(u32),
}

/// Outcome ids as written in the file, so a scenario can name an outcome even
/// when that outcome has problems of its own.
pub(super) struct OutcomeIds<'a> {
    index: HashMap<&'a str, usize>,
}

impl<'a> OutcomeIds<'a> {
    pub fn new(ids: impl IntoIterator<Item = Option<&'a str>>) -> Self {
        let mut index = HashMap::new();
        for (position, id) in ids.into_iter().enumerate() {
            if let Some(id) = id {
                index.entry(id).or_insert(position);
            }
        }
        OutcomeIds { index }
    }

    fn unknown(&self, id: &str, span: Span) -> Diagnostic {
        let mut known: Vec<&str> = self.index.keys().copied().collect();
        known.sort_unstable();
        let listed = if known.len() > 8 {
            format!("{}, … ({} in all)", known[..8].join(", "), known.len())
        } else {
            known.join(", ")
        };
        let hint = match nearest(id, known.iter().copied()) {
            Some(near) => format!("did you mean `{near}`? outcomes: {listed}"),
            None => format!("outcomes: {listed}; `*` addresses every outcome"),
        };
        Diagnostic::new(
            ErrorCode::UnknownReference,
            span,
            format!("unknown outcome `{id}`"),
        )
        .with_hint(hint)
    }
}

/// Read one `[[scenarios]]` entry, reporting every problem in it.
pub(super) fn read(
    table: &DeTable<'_>,
    span: Span,
    ids: &OutcomeIds<'_>,
    limits: Limits,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Scenario> {
    let what = match table.get("name").and_then(|v| v.get_ref().as_str()) {
        Some(name) if name.chars().count() <= 64 => format!("scenario {name:?}"),
        _ => "a [[scenarios]] entry".to_owned(),
    };
    let mut r = TableReader::new(table, span, what, SCENARIO, limits, diagnostics);
    let name = r.required_string("name");
    if name.as_deref().is_some_and(|n| n.trim().is_empty()) {
        let span = r.spans.of("name");
        r.report(Diagnostic::new(
            ErrorCode::MissingField,
            span,
            "`name` of a scenario must not be empty",
        ));
    }
    let description = r.string("description");
    let mut overrides = Vec::new();
    let mut complete = true;
    for (key, mode) in [("set", Mode::Set), ("change", Mode::Change)] {
        if !r.contains(key) {
            continue;
        }
        let Some(value) = r.table(key) else {
            complete = false;
            continue;
        };
        for entry in entries(value) {
            match read_override(&mut r, ids, &entry, mode) {
                Some(read) => overrides.push(read),
                None => complete = false,
            }
        }
    }
    complete &= check_each_target_once(&mut r, &overrides);
    let name = name.filter(|n| !n.trim().is_empty())?;
    complete.then_some(Scenario {
        name,
        description,
        overrides,
        spans: r.spans,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Set,
    Change,
}

/// One `ADDRESS = VALUE` line of `set` or `change`.
struct Entry<'t, 'i> {
    /// The address as the analyst wrote it, joined with a dot when nested.
    address: String,
    /// The part naming the outcome (or the whole key).
    outcome_span: Span,
    /// The part naming the field (or the whole key).
    field_span: Span,
    value: &'t Spanned<DeValue<'i>>,
}

/// The entries of `set` or `change`, accepting both `"isolation.proxy" = …`
/// and TOML's dotted or nested form `isolation.proxy = …`.
fn entries<'t, 'i>(value: &'t Spanned<DeValue<'i>>) -> Vec<Entry<'t, 'i>> {
    let Some(table) = value.get_ref().as_table() else {
        return Vec::new();
    };
    let mut entries = Vec::new();
    for (key, value) in table.iter() {
        match value.get_ref().as_table() {
            Some(inner) => entries.extend(inner.iter().map(|(field, value)| Entry {
                address: format!("{}.{}", key.get_ref(), field.get_ref()),
                outcome_span: key.span(),
                field_span: field.span(),
                value,
            })),
            None => entries.push(Entry {
                address: key.get_ref().to_string(),
                outcome_span: key.span(),
                field_span: key.span(),
                value,
            }),
        }
    }
    entries
}

fn read_override(
    r: &mut TableReader<'_, '_, '_>,
    ids: &OutcomeIds<'_>,
    entry: &Entry<'_, '_>,
    mode: Mode,
) -> Option<Override> {
    let target = target(r, ids, entry)?;
    let action = match mode {
        Mode::Set => values::set(r, &entry.address, target, entry.value)?,
        Mode::Change => values::change(r, &entry.address, target, entry.value)?,
    };
    Some(Override {
        target,
        action,
        span: entry.outcome_span.start..entry.value.span().end,
    })
}

/// Resolve an address: `inputs`, `discount_rate`, `*.FIELD` or `OUTCOME_ID.FIELD`.
fn target(
    r: &mut TableReader<'_, '_, '_>,
    ids: &OutcomeIds<'_>,
    entry: &Entry<'_, '_>,
) -> Option<Target> {
    let address = entry.address.as_str();
    match address {
        "inputs" => return Some(Target::Inputs),
        "discount_rate" => return Some(Target::DiscountRate),
        _ => {}
    }
    let Some((outcome, field)) = address.split_once('.') else {
        let message = format!("unknown address `{address}` in {}", r.what);
        let hint = "write OUTCOME_ID.FIELD (\"isolation.proxy\"), \"*.FIELD\" for every outcome, \"inputs\" or \"discount_rate\"";
        r.report(
            Diagnostic::new(
                ErrorCode::UnknownReference,
                entry.outcome_span.clone(),
                message,
            )
            .with_hint(hint),
        );
        return None;
    };
    let index = match outcome {
        "*" => None,
        id => match ids.index.get(id) {
            Some(&index) => Some(index),
            None => {
                r.report(ids.unknown(id, entry.outcome_span.clone()));
                return None;
            }
        },
    };
    let Some(assumption) = Assumption::from_key(field) else {
        let keys: Vec<&str> = Assumption::ALL.iter().map(|a| a.key()).collect();
        let message = format!("unknown field `{field}` in `{address}`");
        let hint = match nearest(field, keys.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("a scenario can change {}", keys.join(", ")),
        };
        r.report(
            Diagnostic::new(ErrorCode::UnknownField, entry.field_span.clone(), message)
                .with_hint(hint),
        );
        return None;
    };
    Some(match index {
        Some(index) => Target::Outcome(index, assumption),
        None => Target::EveryOutcome(assumption),
    })
}

/// An address may appear once per scenario: set or changed, not both.
fn check_each_target_once(r: &mut TableReader<'_, '_, '_>, overrides: &[Override]) -> bool {
    let mut seen: HashMap<Target, &Override> = HashMap::new();
    let mut once = true;
    for item in overrides {
        if let Some(first) = seen.insert(item.target, item) {
            let both =
                matches!(first.action, Action::Set(_)) != matches!(item.action, Action::Set(_));
            let message = if both {
                format!("{} both sets and changes the same field", r.what)
            } else {
                format!("{} gives the same field twice", r.what)
            };
            r.report(
                Diagnostic::new(ErrorCode::Inconsistent, item.span.clone(), message).with_hint(
                    "keep one: `set` gives the new value, `change` moves the model's value",
                ),
            );
            once = false;
        }
    }
    once
}
