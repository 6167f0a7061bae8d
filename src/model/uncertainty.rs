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

mod values;

use rust_decimal::Decimal;
use toml::Spanned;
use toml::de::DeValue;

use self::values::Reading;
use super::assumption::Assumption;
use super::fields::{TableReader, describe, unknown_key};
use super::schema::{SHAPES, UNCERTAIN, nearest};
use crate::diagnostic::{Diagnostic, ErrorCode, Span};

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
            // Loading has checked that the cohorts add up within a decimal.
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
        r.report(Diagnostic::new(ErrorCode::WrongType, value.span(), message).with_hint(hint));
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
        other => {
            let message = format!("unknown distribution `{other}` in `uncertainty.{field}`");
            let hint = match nearest(other, SHAPES.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "distributions are `triangular`, `uniform`, `pert` and `normal`".to_owned(),
            };
            r.report(
                Diagnostic::new(ErrorCode::UnknownChoice, shape.span(), message).with_hint(hint),
            );
            None
        }
    }
}
