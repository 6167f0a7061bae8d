//! The values a scenario's `set` and `change` may hold for each kind of
//! field, with a located message for anything else. `set` takes what the model
//! file takes for that field; `change` takes a signed percentage (of the value
//! for money, quantities and inputs; in points for rates) or whole years.

use rust_decimal::Decimal;
use toml::Spanned;
use toml::de::DeValue;

use super::{Action, Target, Value};
use crate::diagnostic::{Diagnostic, ErrorCode};
use crate::model::assumption::{Assumption, Kind};
use crate::model::fields::{TableReader, describe, percentage};

/// The kind of value a target holds.
fn kind(target: Target) -> Kind {
    match target {
        Target::Outcome(_, a) | Target::EveryOutcome(a) => a.kind(),
        Target::Inputs => Kind::Amount,
        Target::DiscountRate => Kind::Rate,
    }
}

/// The new value of a `set` entry, checked as the model file checks it.
pub(super) fn set(
    r: &mut TableReader<'_, '_, '_>,
    address: &str,
    target: Target,
    value: &Spanned<DeValue<'_>>,
) -> Option<Action> {
    let max_years = r.limits.max_years;
    let read = match target {
        Target::Outcome(_, Assumption::Quantity) | Target::EveryOutcome(Assumption::Quantity) => {
            Value::Quantities(quantities(r, address, value)?)
        }
        Target::Inputs => {
            let total = r.expect_decimal(address, value)?;
            if total <= Decimal::ZERO {
                let message = format!("`{address}` must be above zero, found {total}");
                r.report(
                    Diagnostic::new(ErrorCode::OutOfRange, value.span(), message).with_hint(
                        "`inputs` sets the inputs total; a ratio needs inputs above zero",
                    ),
                );
                return None;
            }
            Value::Number(total)
        }
        _ => match kind(target) {
            Kind::Amount => Value::Number(r.expect_decimal(address, value)?),
            Kind::Rate => Value::Number(r.expect_rate(address, value)?),
            Kind::Years => Value::Years(r.expect_integer(address, value, 1, max_years, "years")?),
        },
    };
    Some(Action::Set(read))
}

/// A quantity: a number, or a list of numbers (one cohort per year), none negative.
fn quantities(
    r: &mut TableReader<'_, '_, '_>,
    address: &str,
    value: &Spanned<DeValue<'_>>,
) -> Option<Vec<Decimal>> {
    let numbers: Vec<Decimal> = match value.get_ref() {
        DeValue::Array(items) => {
            let max = r.limits.max_years as usize;
            if items.is_empty() || items.len() > max {
                let message = format!(
                    "`{address}` must be a number or a list of 1 to {max} numbers (one per year), found a list of {}",
                    items.len()
                );
                r.report(Diagnostic::new(
                    if items.is_empty() {
                        ErrorCode::OutOfRange
                    } else {
                        ErrorCode::OverLimit
                    },
                    value.span(),
                    message,
                ));
                return None;
            }
            let read: Vec<Option<Decimal>> = items
                .iter()
                .map(|item| r.expect_decimal(address, item))
                .collect();
            read.into_iter().collect::<Option<_>>()?
        }
        _ => vec![r.expect_decimal(address, value)?],
    };
    if let Some(negative) = numbers
        .iter()
        .find(|q| q.is_sign_negative() && !q.is_zero())
    {
        let message = format!("`{address}` must be zero or more, found {negative}");
        r.report(Diagnostic::new(
            ErrorCode::OutOfRange,
            value.span(),
            message,
        ));
        return None;
    }
    Some(numbers)
}

/// The move of a `change` entry.
pub(super) fn change(
    r: &mut TableReader<'_, '_, '_>,
    address: &str,
    target: Target,
    value: &Spanned<DeValue<'_>>,
) -> Option<Action> {
    match kind(target) {
        Kind::Years => years(r, address, value),
        Kind::Rate => {
            let Some(points) = signed_percentage(value) else {
                let found = describe(value.get_ref());
                let message = format!(
                    "`{address}` in `change` must be a change in percentage points such as \"+10%\" or \"-5%\", found {found}"
                );
                let hint =
                    "\"+10%\" takes 25% to 35%; to give the new rate itself, put it under `set`";
                r.report(
                    Diagnostic::new(ErrorCode::WrongType, value.span(), message).with_hint(hint),
                );
                return None;
            };
            Some(Action::Points(points))
        }
        Kind::Amount => relative(r, address, target, value),
    }
}

fn relative(
    r: &mut TableReader<'_, '_, '_>,
    address: &str,
    target: Target,
    value: &Spanned<DeValue<'_>>,
) -> Option<Action> {
    let Some(change) = signed_percentage(value) else {
        let found = describe(value.get_ref());
        let message = format!(
            "`{address}` in `change` must be a percentage change such as \"-20%\" or \"+10%\", found {found}"
        );
        let hint = "to give the new value itself, put it under `set`";
        r.report(Diagnostic::new(ErrorCode::WrongType, value.span(), message).with_hint(hint));
        return None;
    };
    let floor = -Decimal::ONE;
    let too_low = if target == Target::Inputs {
        change <= floor
    } else {
        change < floor
    };
    if too_low {
        let limit = if target == Target::Inputs {
            "above -100%, as the ratio needs inputs"
        } else {
            "-100% or more"
        };
        let message = format!(
            "`{address}` in `change` must be {limit}, found {}",
            written(value)
        );
        r.report(Diagnostic::new(
            ErrorCode::OutOfRange,
            value.span(),
            message,
        ));
        return None;
    }
    Some(Action::Relative(change))
}

fn years(
    r: &mut TableReader<'_, '_, '_>,
    address: &str,
    value: &Spanned<DeValue<'_>>,
) -> Option<Action> {
    let max = i64::from(r.limits.max_years);
    let years = match value.get_ref() {
        DeValue::Integer(integer) => i64::from_str_radix(integer.as_str(), integer.radix()).ok(),
        _ => None,
    };
    match years {
        Some(years) if years.abs() <= max => Some(Action::Years(years)),
        _ => {
            let found = describe(value.get_ref());
            let message = format!(
                "`{address}` in `change` must be a whole number of years from -{max} to {max} such as +1 or -1, found {found}"
            );
            r.report(Diagnostic::new(ErrorCode::WrongType, value.span(), message));
            None
        }
    }
}

/// `"+10%"`, `"-20%"` or `"10%"` as a fraction; `None` for anything else.
fn signed_percentage(value: &Spanned<DeValue<'_>>) -> Option<Decimal> {
    match value.get_ref() {
        DeValue::String(text) => percentage(text)?.ok(),
        _ => None,
    }
}

fn written(value: &Spanned<DeValue<'_>>) -> String {
    match value.get_ref() {
        DeValue::String(text) => format!("{text:?}"),
        other => describe(other),
    }
}
