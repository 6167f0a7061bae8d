//! Reading the numbers of one uncertainty declaration: bounds as rates, or
//! for money and quantities as values or percentage changes to the model's
//! value, checked for order and range, and turned into values of the field.

use rust_decimal::Decimal;
use toml::Spanned;
use toml::de::DeValue;

use super::Distribution;
use crate::diagnostic::{Diagnostic, ErrorCode, Span, too_large};
use crate::model::assumption::{Assumption, Kind};
use crate::model::fields::{TableReader, describe, percentage, unknown_key};

/// How one declaration's numbers are read and turned into values of the field.
pub(super) struct Reading<'l> {
    pub assumption: Assumption,
    pub label: &'l str,
    /// The model's value of the field (a quantity's total over cohorts).
    pub base: Decimal,
    pub cohorts: usize,
}

/// A number as written: the value itself, or a change to the model's value.
#[derive(Clone, Copy, PartialEq)]
enum Written {
    Value(Decimal),
    Change(Decimal),
}

impl Reading<'_> {
    /// `[min, max]` or `[min, mode, max]`, in order, as values of the field.
    pub fn bounds<const N: usize>(
        &self,
        r: &mut TableReader<'_, '_, '_>,
        spec: &Spanned<DeValue<'_>>,
    ) -> Option<[Decimal; N]> {
        let names = if N == 2 {
            "[min, max]"
        } else {
            "[min, mode, max]"
        };
        let items = spec.get_ref().as_array().filter(|items| items.len() == N);
        let Some(items) = items else {
            let found = match spec.get_ref().as_array() {
                Some(items) => format!("a list of {}", items.len()),
                None => describe(spec.get_ref()),
            };
            let message = format!("`{}` must be a list {names}, found {found}", self.label);
            r.report(Diagnostic::new(
                if spec.get_ref().as_array().is_some() {
                    ErrorCode::Inconsistent
                } else {
                    ErrorCode::WrongType
                },
                spec.span(),
                message,
            ));
            return None;
        };
        let written: Vec<Option<Written>> = items.iter().map(|item| self.number(r, item)).collect();
        let written: Vec<Written> = written.into_iter().collect::<Option<_>>()?;
        let declared: Vec<Decimal> = written
            .iter()
            .map(|w| match w {
                Written::Value(v) | Written::Change(v) => *v,
            })
            .collect();
        let mixed = written.windows(2).any(|pair| {
            matches!(pair[0], Written::Value(_)) != matches!(pair[1], Written::Value(_))
        });
        let problem = if mixed {
            Some("written all as values or all as percentage changes")
        } else if declared.windows(2).any(|pair| pair[0] > pair[1]) {
            Some("in increasing order")
        } else {
            None
        };
        if let Some(problem) = problem {
            let message = format!("`{}` must be {names} {problem}", self.label);
            r.report(Diagnostic::new(
                ErrorCode::Inconsistent,
                spec.span(),
                message,
            ));
            return None;
        }
        let mut values: Vec<Decimal> = Vec::with_capacity(N);
        for w in written {
            values.push(self.value(r, w, spec.span())?);
        }
        // A change to a negative proxy turns the order round: -20% of -1,000 is -800.
        if values.first() > values.last() {
            values.reverse();
        }
        values.try_into().ok()
    }

    /// `{ mean = …, sd = … }`, the mean defaulting to the model's value.
    pub fn normal(
        &self,
        r: &mut TableReader<'_, '_, '_>,
        spec: &Spanned<DeValue<'_>>,
    ) -> Option<Distribution> {
        let Some(table) = spec.get_ref().as_table() else {
            let message = format!(
                "`{}` must be a table {{ mean = …, sd = … }}, found {}",
                self.label,
                describe(spec.get_ref())
            );
            r.report(Diagnostic::new(ErrorCode::WrongType, spec.span(), message));
            return None;
        };
        let mut complete = true;
        for key in table
            .keys()
            .filter(|k| !["mean", "sd"].contains(&k.get_ref().as_ref()))
        {
            r.report(unknown_key(
                key,
                &format!("`{}`", self.label),
                &["mean", "sd"],
            ));
            complete = false;
        }
        let mean = match table.get("mean") {
            Some(mean) => self
                .number(r, mean)
                .and_then(|w| self.value(r, w, mean.span())),
            None => Some(self.base),
        };
        let Some(sd_value) = table.get("sd") else {
            let message = format!("`{}` is missing `sd`", self.label);
            r.report(
                Diagnostic::new(ErrorCode::MissingField, spec.span(), message)
                    .with_hint("add sd = … (the standard deviation)"),
            );
            return None;
        };
        let sd = match self.number(r, sd_value)? {
            Written::Value(sd) | Written::Change(sd) if sd < Decimal::ZERO => {
                let message = format!("`{}.sd` must be zero or more, found {sd}", self.label);
                r.report(Diagnostic::new(
                    ErrorCode::OutOfRange,
                    sd_value.span(),
                    message,
                ));
                None
            }
            Written::Value(sd) => Some(sd),
            // A standard deviation "10%" of a proxy is a tenth of its size.
            Written::Change(share) => match self.base.abs().checked_mul(share) {
                Some(sd) => Some(sd),
                None => {
                    let what = format!(
                        "`{}.sd`, {} of the model's value,",
                        self.label,
                        text_of(sd_value)
                    );
                    r.report(too_large(sd_value.span(), what));
                    None
                }
            },
        };
        let (mean, sd) = (mean?, sd?);
        complete.then_some(Distribution::Normal { mean, sd })
    }

    /// One number: a rate as the model writes rates; for money and quantities a
    /// number, or a percentage string meaning a change to the model's value.
    fn number(
        &self,
        r: &mut TableReader<'_, '_, '_>,
        item: &Spanned<DeValue<'_>>,
    ) -> Option<Written> {
        if self.assumption.kind() == Kind::Rate {
            return r.expect_rate(self.label, item).map(Written::Value);
        }
        if let DeValue::String(text) = item.get_ref() {
            if let Some(change) = percentage(text) {
                return match change {
                    Ok(change) => Some(Written::Change(change)),
                    Err(_) => {
                        r.wrong_type(
                            self.label,
                            item,
                            "a number or a percentage change such as \"-20%\"",
                        );
                        None
                    }
                };
            }
        }
        r.expect_decimal(self.label, item).map(Written::Value)
    }

    /// The value of the field a written number stands for, if valid for it.
    fn value(
        &self,
        r: &mut TableReader<'_, '_, '_>,
        written: Written,
        span: Span,
    ) -> Option<Decimal> {
        let quantity = self.assumption == Assumption::Quantity;
        let value = match written {
            Written::Value(value) if quantity && self.cohorts > 1 => {
                let message = format!(
                    "`{}` must be given as percentage changes, as the quantity is given per year, found {value}",
                    self.label
                );
                r.report(Diagnostic::new(ErrorCode::Inconsistent, span, message).with_hint(
                    "for example [\"-20%\", \"0%\", \"+20%\"]: every cohort moves in proportion",
                ));
                return None;
            }
            Written::Value(value) => value,
            Written::Change(change) => match (Decimal::ONE + change).checked_mul(self.base) {
                Some(value) => value,
                None => {
                    r.report(Diagnostic::new(
                        ErrorCode::TooLarge,
                        span,
                        format!("`{}` is too large", self.label),
                    ));
                    return None;
                }
            },
        };
        if quantity && value < Decimal::ZERO {
            let message = format!("`{}` must not take the quantity below zero", self.label);
            r.report(Diagnostic::new(ErrorCode::OutOfRange, span, message));
            return None;
        }
        Some(value)
    }
}

/// A number as the analyst wrote it, for quoting in a message.
fn text_of(value: &Spanned<DeValue<'_>>) -> String {
    match value.get_ref() {
        DeValue::String(text) => text.to_string(),
        other => describe(other),
    }
}
