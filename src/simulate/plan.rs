//! What one draw computes, worked out once before the first: outcomes whose
//! assumptions are all certain add a constant, and each uncertain outcome
//! becomes a few samplers and its discounted units per year of a cohort's
//! life, so that its present value in a draw is
//!
//! ```text
//! PV = Q × proxy × net × Σ_{j < duration} w_j × (1 − drop_off)^j,
//! w_j = Σ_k (q_k / Q) × DF(s_k + j),  Q = Σ_k q_k
//! ```
//!
//! with the sum over j done once when the drop-off is certain: a handful of
//! f64 operations per outcome.

use rand_xoshiro::Xoshiro256PlusPlus;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::distribution::Sampler;
use crate::calc::{Results, discount};
use crate::model::{Assumption, Deductions, Model, Outcome, assumption::total_quantity};

/// The fields a simulation varies, in the order of a draw.
const VARIED: [Assumption; 6] = [
    Assumption::Quantity,
    Assumption::Proxy,
    Assumption::Deadweight,
    Assumption::Displacement,
    Assumption::Attribution,
    Assumption::DropOff,
];

pub struct Plan {
    /// The present value of the outcomes with nothing uncertain.
    pub fixed: f64,
    pub outcomes: Vec<OutcomeDraw>,
    /// How many fields are uncertain, over all outcomes.
    pub uncertain: usize,
    /// Whether the model declared none, so the default applies.
    pub by_default: bool,
}

pub struct OutcomeDraw {
    /// Quantity, proxy, deadweight, displacement, attribution, drop-off.
    samplers: [Sampler; 6],
    /// `w_j` for each year of a cohort's life.
    units: Vec<f64>,
    /// Σ w_j (1 − drop_off)^j when the drop-off is certain.
    annuity: Option<f64>,
    additive: bool,
}

impl Plan {
    pub fn new(model: &Model, results: &Results) -> Plan {
        let by_default = model.outcomes.iter().all(|o| o.uncertainty.is_none());
        let last_year = model
            .outcomes
            .iter()
            .map(Outcome::last_year)
            .max()
            .unwrap_or(1);
        let factors = discount::factors(&model.conventions, last_year);
        let additive = model.conventions.deductions == Deductions::Additive;
        let mut plan = Plan {
            fixed: 0.0,
            outcomes: Vec::new(),
            uncertain: 0,
            by_default,
        };
        for (outcome, result) in model.outcomes.iter().zip(&results.outcomes) {
            let samplers = VARIED.map(|a| sampler(outcome, a, by_default));
            let uncertain = samplers.iter().filter(|s| !s.is_fixed()).count();
            if uncertain == 0 {
                plan.fixed += result.present_value.to_f64().unwrap_or(0.0);
                continue;
            }
            plan.uncertain += uncertain;
            plan.outcomes
                .push(OutcomeDraw::new(outcome, samplers, &factors, additive));
        }
        plan
    }

    /// One draw of the total present value.
    pub fn present_value(&self, rng: &mut Xoshiro256PlusPlus) -> f64 {
        self.outcomes.iter().fold(self.fixed, |total, outcome| {
            total + outcome.present_value(rng)
        })
    }
}

/// The declared distribution of a field, the default, or its fixed value.
fn sampler(outcome: &Outcome, assumption: Assumption, by_default: bool) -> Sampler {
    let declared = outcome
        .uncertainty
        .iter()
        .flatten()
        .find(|u| u.assumption == assumption);
    let value = match assumption {
        Assumption::Quantity => total_quantity(outcome),
        Assumption::Proxy => outcome.proxy,
        other => other.rate_of(outcome).unwrap_or_default(),
    };
    match declared {
        Some(u) => Sampler::new(assumption, &u.distribution),
        None if by_default => Sampler::default_for(assumption, value),
        None => Sampler::Fixed(value.to_f64().unwrap_or(0.0)),
    }
}

impl OutcomeDraw {
    fn new(outcome: &Outcome, samplers: [Sampler; 6], factors: &[Decimal], additive: bool) -> Self {
        let total = total_quantity(outcome);
        let cohorts = Decimal::from(outcome.quantities.len());
        let units: Vec<f64> = (0..outcome.duration as usize)
            .map(|j| {
                let mut sum = 0.0;
                for (k, quantity) in outcome.quantities.iter().enumerate() {
                    // A quantity of zero has nothing to weigh by: cohorts count equally.
                    let weight = quantity
                        .checked_div(total)
                        .unwrap_or(Decimal::ONE / cohorts);
                    let year = (outcome.start_year - 1) as usize + k + j;
                    let factor = factors.get(year).copied().unwrap_or(Decimal::ZERO);
                    sum += weight.to_f64().unwrap_or(0.0) * factor.to_f64().unwrap_or(0.0);
                }
                sum
            })
            .collect();
        let annuity = match &samplers[5] {
            Sampler::Fixed(drop_off) => Some(horner(&units, 1.0 - drop_off)),
            _ => None,
        };
        OutcomeDraw {
            samplers,
            units,
            annuity,
            additive,
        }
    }

    fn present_value(&self, rng: &mut Xoshiro256PlusPlus) -> f64 {
        let [
            quantity,
            proxy,
            deadweight,
            displacement,
            attribution,
            drop_off,
        ] = &self.samplers;
        let quantity = quantity.sample(rng);
        let proxy = proxy.sample(rng);
        let rates = [
            deadweight.sample(rng),
            displacement.sample(rng),
            attribution.sample(rng),
        ];
        let net = if self.additive {
            // Drawn deductions may add up past 100%; nothing is left then.
            (1.0 - rates[0] - rates[1] - rates[2]).max(0.0)
        } else {
            (1.0 - rates[0]) * (1.0 - rates[1]) * (1.0 - rates[2])
        };
        let annuity = match self.annuity {
            Some(annuity) => annuity,
            None => horner(&self.units, 1.0 - drop_off.sample(rng)),
        };
        quantity * proxy * net * annuity
    }
}

fn horner(units: &[f64], keep: f64) -> f64 {
    units.iter().rev().fold(0.0, |total, w| total * keep + w)
}
