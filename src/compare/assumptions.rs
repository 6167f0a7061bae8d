//! Where the models' assumptions differ, once their arithmetic is alike:
//! which outcomes they share (matched by id) and which only some value, which
//! shared outcomes are valued differently, and for each weighted deduction
//! whether its difference comes from the shared outcomes' own rates or only
//! from the mix of outcomes that carry the value.
//!
//! Conventions that match say only that each figure is computed the same
//! way; two analyses with different quantities and assumptions are still
//! not directly comparable, and this is what says how far they are not.

use super::figures::{Deduction, WeightedDeductions};
use super::matching::{Matched, OutcomeFigures, Presence};

/// How the models' assumptions differ from the first model's.
#[derive(Debug, Clone, PartialEq)]
pub struct Assumptions {
    /// Ids of the outcomes every model values.
    pub shared: Vec<String>,
    /// Ids of the outcomes some model does not value.
    pub unshared: Vec<String>,
    /// Ids of shared outcomes that some model values with another quantity,
    /// proxy, deduction, drop-off, duration or start year than the first.
    pub revalued: Vec<String>,
    /// For each later model (index 1, 2, …), why each weighted deduction
    /// differs from the first model's, in the order of `Deduction::ALL`.
    pub deductions: Vec<[DeductionGap; 4]>,
}

/// Why one weighted deduction of a model differs from the first model's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeductionGap {
    /// The two averages are equal (or neither model has one).
    None,
    /// Every shared outcome has the same rate in both: the averages differ
    /// only because different outcomes, or the same ones in other
    /// proportions, carry the value.
    MixOnly,
    /// At least one shared outcome has a different rate in the two models.
    Rates,
}

impl Assumptions {
    pub fn of(outcomes: &[Matched<OutcomeFigures>], deductions: &[&WeightedDeductions]) -> Self {
        let (shared, unshared): (Vec<_>, Vec<_>) = outcomes
            .iter()
            .partition(|row| row.presence() == Presence::All);
        let revalued = shared
            .iter()
            .filter(|row| {
                let mut models = row.per_model.iter().flatten();
                let first = models.next();
                models.any(|other| first.is_some_and(|first| !same_assumptions(first, other)))
            })
            .map(|row| row.id.clone())
            .collect();
        let gaps = (1..deductions.len())
            .map(|later| {
                Deduction::ALL.map(|deduction| gap(outcomes, deductions, later, deduction))
            })
            .collect();
        Assumptions {
            shared: shared.iter().map(|row| row.id.clone()).collect(),
            unshared: unshared.iter().map(|row| row.id.clone()).collect(),
            revalued,
            deductions: gaps,
        }
    }

    /// Whether the models value anything differently: an outcome only some
    /// hold, a shared outcome valued differently.
    pub fn differ(&self) -> bool {
        !self.unshared.is_empty() || !self.revalued.is_empty()
    }

    /// Why model `later`'s weighted `deduction` differs from the first's.
    pub fn gap(&self, later: usize, deduction: Deduction) -> DeductionGap {
        let index = Deduction::ALL.iter().position(|d| *d == deduction);
        later
            .checked_sub(1)
            .and_then(|i| self.deductions.get(i))
            .zip(index)
            .map_or(DeductionGap::None, |(gaps, index)| gaps[index])
    }
}

fn same_assumptions(a: &OutcomeFigures, b: &OutcomeFigures) -> bool {
    a.quantities == b.quantities
        && a.proxy == b.proxy
        && a.start_year == b.start_year
        && a.duration == b.duration
        && Deduction::ALL
            .iter()
            .all(|d| d.of_figures(a) == d.of_figures(b))
}

fn gap(
    outcomes: &[Matched<OutcomeFigures>],
    deductions: &[&WeightedDeductions],
    later: usize,
    deduction: Deduction,
) -> DeductionGap {
    if deductions[0].get(deduction) == deductions[later].get(deduction) {
        return DeductionGap::None;
    }
    let rates_differ =
        outcomes
            .iter()
            .any(|row| match (&row.per_model[0], &row.per_model[later]) {
                (Some(a), Some(b)) => deduction.of_figures(a) != deduction.of_figures(b),
                _ => false,
            });
    if rates_differ {
        DeductionGap::Rates
    } else {
        DeductionGap::MixOnly
    }
}
