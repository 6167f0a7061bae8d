//! How uncertain an outcome's assumptions are, for `sroi simulate`: an
//! `uncertainty` table in the outcome, one distribution per field.
//!
//! ```toml
//! [outcomes.uncertainty]
//! proxy = { triangular = [900, 1200, 1500] }      # min, mode, max
//! quantity = { uniform = ["-10%", "+10%"] }       # changes to the model's value
//! deadweight = { pert = ["10%", "25%", "40%"] }
//! drop_off = { normal = { sd = "5%" } }           # mean defaults to the model's value
//! ```
//!
//! Rates are written as the model writes rates. Proxies and quantities take
//! numbers (the value itself) or percentage strings (a change to the model's
//! value); a quantity given per year takes changes only, and every cohort
//! moves in proportion. Everything is stored as the value of the field (for a
//! quantity, its total over cohorts), so the simulation never re-reads text.

use rust_decimal::Decimal;
use toml::Spanned;
use toml::de::DeValue;

use super::assumption::{Assumption, Kind};
use super::fields::{TableReader, describe, percentage, unknown_key};
use crate::diagnostic::{Diagnostic, Span};

/// The fields that may be uncertain: those the value of an outcome is linear
/// or smooth in. Duration and start year are whole years; vary them in scenarios.
pub(crate) const UNCERTAIN: &[&str] = &[
    "quantity",
    "proxy",
    "deadweight",
    "displacement",
    "attribution",
    "drop_off",
];

const SHAPES: &[&str] = &["triangular", "uniform", "pert", "normal"];

#[derive(Debug, Clone, PartialEq)]
pub struct Uncertain {
    pub assumption: Assumption,
    pub distribution: Distribution,
    pub span: Span,
}

/// A distribution over the value of a field. Normal draws are truncated to
/// the field's valid range (rates 0% to 100%, quantities zero or more).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Distribution {
    Uniform {
        min: Decimal,
        max: Decimal,
    },
    Triangular {
        min: Decimal,
        mode: Decimal,
        max: Decimal,
    },
    Pert {
        min: Decimal,
        mode: Decimal,
        max: Decimal,
    },
    Normal {
        mean: Decimal,
        sd: Decimal,
    },
}

/// The outcome's own values, which relative declarations move.
pub(super) struct Base<'a> {
    pub proxy: Decimal,
    pub quantities: &'a [Decimal],
    /// Deadweight, displacement, attribution, drop-off.
    pub rates: [Decimal; 4],
}

impl Base<'_> {
    fn value(&self, assumption: Assumption) -> Decimal {
        match assumption {
            Assumption::Proxy => self.proxy,
            Assumption::Quantity => self.quantities.iter().copied().sum(),
            Assumption::Deadweight => self.rates[0],
            Assumption::Displacement => self.rates[1],
            Assumption::Attribution => self.rates[2],
            _ => self.rates[3],
        }
    }
}

/// Read an outcome's `uncertainty` table.
pub(super) fn read(
    r: &mut TableReader<'_, '_, '_>,
    value: &Spanned<DeValue<'_>>,
    base: &Base<'_>,
) -> Option<Vec<Uncertain>> {
    let table = value.get_ref().as_table()?;
    let what = format!("the uncertainty of {}", r.what);
    let mut declared = Vec::with_capacity(table.len());
    let mut complete = true;
    for (key, value) in table.iter() {
        let assumption =
            Assumption::from_key(key.get_ref()).filter(|a| UNCERTAIN.contains(&a.key()));
        let Some(assumption) = assumption else {
            let mut diagnostic = unknown_key(key, &what, UNCERTAIN);
            if Assumption::from_key(key.get_ref()).is_some() {
                diagnostic = diagnostic.with_hint(format!(
                    "`{}` is a whole number of years and cannot be uncertain in a simulation; vary it in a [[scenarios]] entry",
                    key.get_ref()
                ));
            }
            r.report(diagnostic);
            complete = false;
            continue;
        };
        match distribution(r, assumption, value, base) {
            Some(distribution) => declared.push(Uncertain {
                assumption,
                distribution,
                span: key.span().start..value.span().end,
            }),
            None => complete = false,
        }
    }
    complete.then_some(declared)
}

fn distribution(
    r: &mut TableReader<'_, '_, '_>,
    assumption: Assumption,
    value: &Spanned<DeValue<'_>>,
    base: &Base<'_>,
) -> Option<Distribution> {
    let field = assumption.key();
    let shape = value.get_ref().as_table().filter(|t| t.len() == 1);
    let Some((shape, spec)) = shape.and_then(|t| t.iter().next()) else {
        let message = format!(
            "`uncertainty.{field}` must be a table with one distribution, found {}",
            describe(value.get_ref())
        );
        let hint = "for example { triangular = [min, mode, max] }, { uniform = [min, max] }, { pert = [min, mode, max] } or { normal = { sd = … } }";
        r.report(Diagnostic::new(value.span(), message).with_hint(hint));
        return None;
    };
    let label = format!("uncertainty.{field}.{}", shape.get_ref());
    let reading = Reading {
        assumption,
        label: &label,
        base: base.value(assumption),
        cohorts: base.quantities.len(),
    };
    match shape.get_ref().as_ref() {
        "uniform" => {
            let [min, max] = reading.bounds::<2>(r, spec)?;
            Some(Distribution::Uniform { min, max })
        }
        "triangular" => {
            let [min, mode, max] = reading.bounds::<3>(r, spec)?;
            Some(Distribution::Triangular { min, mode, max })
        }
        "pert" => {
            let [min, mode, max] = reading.bounds::<3>(r, spec)?;
            Some(Distribution::Pert { min, mode, max })
        }
        "normal" => reading.normal(r, spec),
        _ => {
            r.report(unknown_key(
                shape,
                &format!("`uncertainty.{field}`"),
                SHAPES,
            ));
            None
        }
    }
}

/// How one declaration's numbers are read and turned into values of the field.
struct Reading<'l> {
    assumption: Assumption,
    label: &'l str,
    /// The model's value of the field (a quantity's total over cohorts).
    base: Decimal,
    cohorts: usize,
}

/// A number as written: the value itself, or a change to the model's value.
#[derive(Clone, Copy, PartialEq)]
enum Written {
    Value(Decimal),
    Change(Decimal),
}

impl Reading<'_> {
    /// `[min, max]` or `[min, mode, max]`, in order, as values of the field.
    fn bounds<const N: usize>(
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
            let message = format!(
                "`{}` must be a list {names}, found {}",
                self.label,
                describe(spec.get_ref())
            );
            r.report(Diagnostic::new(spec.span(), message));
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
        if mixed || declared.windows(2).any(|pair| pair[0] > pair[1]) {
            let problem = if mixed {
                "all values or all percentage changes, "
            } else {
                ""
            };
            let message = format!(
                "`{}` must be {names} {problem}in increasing order",
                self.label
            );
            r.report(Diagnostic::new(spec.span(), message));
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
    fn normal(
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
            r.report(Diagnostic::new(spec.span(), message));
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
                Diagnostic::new(spec.span(), message)
                    .with_hint("add sd = … (the standard deviation)"),
            );
            return None;
        };
        let sd = match self.number(r, sd_value)? {
            Written::Value(sd) | Written::Change(sd) if sd < Decimal::ZERO => {
                let message = format!("`{}.sd` must be zero or more, found {sd}", self.label);
                r.report(Diagnostic::new(sd_value.span(), message));
                None
            }
            Written::Value(sd) => Some(sd),
            // A standard deviation "10%" of a proxy is a tenth of its size.
            Written::Change(share) => Some(self.base.abs() * share),
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
                r.report(Diagnostic::new(span, message).with_hint(
                    "for example [\"-20%\", \"0%\", \"+20%\"]: every cohort moves in proportion",
                ));
                return None;
            }
            Written::Value(value) => value,
            Written::Change(change) => match (Decimal::ONE + change).checked_mul(self.base) {
                Some(value) => value,
                None => {
                    r.report(Diagnostic::new(
                        span,
                        format!("`{}` is too large", self.label),
                    ));
                    return None;
                }
            },
        };
        if quantity && value < Decimal::ZERO {
            let message = format!("`{}` must not take the quantity below zero", self.label);
            r.report(Diagnostic::new(span, message));
            return None;
        }
        Some(value)
    }
}
