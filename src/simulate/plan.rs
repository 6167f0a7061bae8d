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

use rust_decimal::Decimal;

use super::distribution::{Lanes, Sampler};
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
            if uncertain == 0 && !declares_a_distribution(outcome) {
                // Every field at the model's value: the exact figure.
                plan.fixed += result.present_value.as_f64();
                continue;
            }
            let draw = OutcomeDraw::new(outcome, samplers, &factors, additive);
            if let Some(constant) = draw.constant() {
                // A distribution of no width pins its field at the constant it
                // states, which may differ from the model's value: the outcome
                // is worth the same in every draw, but not its calculated value.
                plan.fixed += constant;
                continue;
            }
            plan.uncertain += uncertain;
            plan.outcomes.push(draw);
        }
        plan
    }

    /// Fill `out` with draws of the total present value, a block at a time:
    /// for each uncertain outcome, each field's draws for the block, then the
    /// values, in loops the compiler can vectorise. The block's draws live on
    /// the stack, so threads never wait on the allocator.
    pub fn present_values(&self, lanes: &mut Lanes, out: &mut [f64]) {
        const BLOCK: usize = 256;
        let mut draws = [0.0_f64; VARIED.len() * BLOCK];
        for block in out.chunks_mut(BLOCK) {
            block.fill(self.fixed);
            let n = block.len();
            for outcome in &self.outcomes {
                for (sampler, field) in outcome.samplers.iter().zip(draws.chunks_exact_mut(BLOCK)) {
                    sampler.fill(lanes, &mut field[..n]);
                }
                outcome.add_values(&draws, BLOCK, block);
            }
        }
    }
}

/// Whether the outcome's `uncertainty` table declares any distribution,
/// even one of no width.
fn declares_a_distribution(outcome: &Outcome) -> bool {
    outcome.uncertainty.as_ref().is_some_and(|u| !u.is_empty())
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
        other => other
            .rate_of(outcome)
            .expect("every varied field but quantity and proxy is a rate"),
    };
    match declared {
        Some(u) => Sampler::new(assumption, &u.distribution),
        None if by_default => Sampler::default_for(assumption, value),
        None => Sampler::Fixed(value.as_f64()),
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
                    // A missing factor would silently drop a year's value.
                    let factor = factors
                        .get(year)
                        .expect("the factors run to the last year of every outcome");
                    sum += weight.as_f64() * factor.as_f64();
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

    /// The outcome's value when every field is fixed (the one value it takes
    /// in any draw), or `None` when a field varies.
    fn constant(&self) -> Option<f64> {
        let mut draws = [0.0; VARIED.len()];
        for (draw, sampler) in draws.iter_mut().zip(&self.samplers) {
            match sampler {
                Sampler::Fixed(value) => *draw = *value,
                _ => return None,
            }
        }
        let mut out = [0.0];
        self.add_values(&draws, 1, &mut out);
        Some(out[0])
    }

    /// Add this outcome's value in each draw to `out`, given its fields'
    /// draws laid out one after another, `stride` apart.
    fn add_values(&self, draws: &[f64], stride: usize, out: &mut [f64]) {
        let n = out.len();
        let field = |k: usize| &draws[k * stride..k * stride + n];
        let (quantity, proxy) = (field(0), field(1));
        let (deadweight, displacement, attribution, drop_off) =
            (field(2), field(3), field(4), field(5));
        for i in 0..n {
            let net = if self.additive {
                // Drawn deductions may add up past 100%; nothing is left then.
                (1.0 - deadweight[i] - displacement[i] - attribution[i]).max(0.0)
            } else {
                (1.0 - deadweight[i]) * (1.0 - displacement[i]) * (1.0 - attribution[i])
            };
            let annuity = match self.annuity {
                Some(annuity) => annuity,
                None => horner(&self.units, 1.0 - drop_off[i]),
            };
            out[i] += quantity[i] * proxy[i] * net * annuity;
        }
    }
}

fn horner(units: &[f64], keep: f64) -> f64 {
    units.iter().rev().fold(0.0, |total, w| total * keep + w)
}
