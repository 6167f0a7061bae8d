//! An outcome reduced to what the sensitivity analysis needs to move its
//! assumptions without recomputing the model. Its present value is
//!
//! ```text
//! PV = proxy × net × A,   A = Σ_{j < duration} units_j × (1 − drop_off)^j,
//! units_j = Σ_k quantity_k × DF(s_k + j)
//! ```
//!
//! (the spec's calculation with the sums taken in another order), and every
//! figure is kept as its share of the ratio, already divided by the inputs, so
//! that moving one assumption changes the base ratio by a product or two.

use rust_decimal::Decimal;

use crate::calc::net_of_deductions;
use crate::model::{Deductions, Outcome};

pub(crate) struct Profile {
    /// `units_j` for j = 0 … `duration + extra − 1`, more on demand.
    units: Vec<Decimal>,
    /// Where each cohort starts, as an index into the discount factors.
    starts: Vec<usize>,
    pub keep: Decimal,
    pub duration: u32,
    pub net: Decimal,
    /// `A` at the model's drop-off and duration.
    pub annuity: Decimal,
    /// The ratio per unit of net at the model's annuity: proxy × A / inputs.
    pub gross: Decimal,
    /// The outcome's share of the ratio: gross × net.
    pub share: Decimal,
    /// The ratio per unit of annuity: proxy × net / inputs.
    pub per_annuity: Decimal,
    /// The ratio per unit of proxy: net × A / inputs.
    pub per_proxy: Decimal,
}

impl Profile {
    /// Profile `outcome` with `extra` years beyond its duration ready; `None`
    /// when a figure overflows.
    pub fn new(
        outcome: &Outcome,
        deductions: Deductions,
        factors: &[Decimal],
        inverse_inputs: Decimal,
        extra: u32,
    ) -> Option<Profile> {
        let starts = (0..outcome.quantities.len())
            .map(|k| (outcome.start_year - 1) as usize + k)
            .collect();
        let mut profile = Profile {
            units: Vec::with_capacity((outcome.duration + extra) as usize),
            starts,
            keep: Decimal::ONE - outcome.drop_off,
            duration: outcome.duration,
            net: net_of_deductions(outcome, deductions),
            annuity: Decimal::ZERO,
            gross: Decimal::ZERO,
            share: Decimal::ZERO,
            per_annuity: Decimal::ZERO,
            per_proxy: Decimal::ZERO,
        };
        profile.ensure_years(
            (outcome.duration + extra) as usize,
            &outcome.quantities,
            factors,
        )?;
        profile.annuity = profile.annuity_at(profile.keep, profile.duration)?;
        let proxy_share = outcome.proxy.checked_mul(inverse_inputs)?;
        profile.gross = proxy_share.checked_mul(profile.annuity)?;
        profile.share = profile.gross.checked_mul(profile.net)?;
        profile.per_annuity = proxy_share.checked_mul(profile.net)?;
        profile.per_proxy = profile
            .annuity
            .checked_mul(profile.net)?
            .checked_mul(inverse_inputs)?;
        Some(profile)
    }

    /// Make `units_j` ready for every j below `years`.
    pub fn ensure_years(
        &mut self,
        years: usize,
        quantities: &[Decimal],
        factors: &[Decimal],
    ) -> Option<()> {
        while self.units.len() < years {
            let j = self.units.len();
            let units = self.starts.iter().zip(quantities).try_fold(
                Decimal::ZERO,
                |total, (start, quantity)| {
                    let factor = factors.get(start + j).copied().unwrap_or(Decimal::ZERO);
                    total.checked_add(quantity.checked_mul(factor)?)
                },
            )?;
            self.units.push(units);
        }
        Some(())
    }

    /// `A` with another drop-off (as `keep` = 1 − drop_off) or duration,
    /// by Horner's rule, over the years that are ready.
    pub fn annuity_at(&self, keep: Decimal, duration: u32) -> Option<Decimal> {
        let years = (duration as usize).min(self.units.len());
        self.units[..years]
            .iter()
            .rev()
            .try_fold(Decimal::ZERO, |total, units| {
                total.checked_mul(keep)?.checked_add(*units)
            })
    }

    /// The change in the ratio when `A` moves to `annuity`.
    pub fn ratio_change(&self, annuity: Decimal) -> Option<Decimal> {
        self.per_annuity
            .checked_mul(annuity.checked_sub(self.annuity)?)
    }

    /// `units_j`, if ready.
    pub fn units(&self, j: usize) -> Option<Decimal> {
        self.units.get(j).copied()
    }
}
