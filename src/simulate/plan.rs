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
    /// Why the mean of the draws may differ from the model's ratio.
    pub skews: Vec<Skew>,
}

/// A reason the simulated mean differs from the model's own ratio, although
/// each default distribution is centred on the model's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skew {
    /// An uncertain drop-off over more than one year: a year's value moves
    /// with (1 − drop-off)^year, which rises more for a lower drop-off than
    /// it falls for a higher one, so the mean is above the model's value.
    DropOffCompounds,
    /// A draw was cut off at a bound: a normal truncated to 0%–100%, or
    /// additive deductions that can add up past 100%, which leave nothing.
    Bounds,
    /// A declared distribution whose mean is not the model's value.
    OffCentre,
    /// A distribution of no width that fixes a field at another value than
    /// the model's: every draw has it, so the whole spread moves.
    Pinned,
}

pub struct OutcomeDraw {
    /// The outcome's place in `Model::outcomes`.
    pub index: usize,
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
            skews: Vec::new(),
        };
        for (index, (outcome, result)) in model.outcomes.iter().zip(&results.outcomes).enumerate() {
            let samplers = VARIED.map(|a| sampler(outcome, a, by_default));
            let uncertain = samplers.iter().filter(|s| !s.is_fixed()).count();
            if uncertain == 0 && !declares_a_distribution(outcome) {
                // Every field at the model's value: the exact figure.
                plan.fixed += result.present_value.as_f64();
                continue;
            }
            let draw = OutcomeDraw::new(index, outcome, samplers, &factors, additive);
            if let Some(constant) = draw.constant() {
                // A distribution of no width pins its field at the constant it
                // states, which may differ from the model's value: the outcome
                // is worth the same in every draw, but not its calculated value.
                plan.fixed += constant;
                let calculated = result.present_value.as_f64();
                if (constant - calculated).abs() > 1e-9 * calculated.abs().max(1.0)
                    && !plan.skews.contains(&Skew::Pinned)
                {
                    plan.skews.push(Skew::Pinned);
                }
                continue;
            }
            plan.uncertain += uncertain;
            for skew in draw.skews(outcome) {
                if !plan.skews.contains(&skew) {
                    plan.skews.push(skew);
                }
            }
            plan.outcomes.push(draw);
        }
        plan
    }

    /// The uncertain fields, in the order of a draw: (outcome index, field).
    pub fn parameters(&self) -> Vec<(usize, Assumption)> {
        self.outcomes
            .iter()
            .flat_map(|draw| {
                draw.samplers
                    .iter()
                    .zip(VARIED)
                    .filter(|(sampler, _)| !sampler.is_fixed())
                    .map(|(_, assumption)| (draw.index, assumption))
            })
            .collect()
    }

    /// Fill `out` with draws of the total present value, a block at a time:
    /// for each uncertain outcome, each field's draws for the block, then the
    /// values, in loops the compiler can vectorise. The block's draws live on
    /// the stack, so threads never wait on the allocator.
    ///
    /// With a `record`, every uncertain value of each draw is written there
    /// too (one row of `self.uncertain` values per draw, in the order of
    /// `parameters`); the draws are the same with or without one.
    pub fn present_values_recorded(
        &self,
        lanes: &mut Lanes,
        out: &mut [f64],
        mut record: Option<&mut [f64]>,
    ) {
        let k = self.uncertain;
        let mut draws = [0.0_f64; VARIED.len() * BLOCK];
        for (b, block) in out.chunks_mut(BLOCK).enumerate() {
            block.fill(self.fixed);
            let n = block.len();
            let mut column = 0;
            for outcome in &self.outcomes {
                for (sampler, field) in outcome.samplers.iter().zip(draws.chunks_exact_mut(BLOCK)) {
                    sampler.fill(lanes, &mut field[..n]);
                    if sampler.is_fixed() {
                        continue;
                    }
                    if let Some(record) = record.as_deref_mut() {
                        for (row, value) in field[..n].iter().enumerate() {
                            record[(b * BLOCK + row) * k + column] = *value;
                        }
                    }
                    column += 1;
                }
                outcome.add_values(&draws, BLOCK, block);
            }
        }
    }

    /// For Saltelli's design, one block of rows (at most `BLOCK`): f(A) and
    /// f(B) for two independent draws A and B, and for each uncertain field
    /// i the change f(A_B^i) − f(A) when field i alone is taken from B, in
    /// `deltas` (one row of `self.uncertain` per draw). Only the outcome
    /// that owns field i is recomputed for it: the rest of f(A) stands.
    pub fn saltelli_block(
        &self,
        lanes: &mut Lanes,
        f_a: &mut [f64],
        f_b: &mut [f64],
        deltas: &mut [f64],
    ) {
        let n = f_a.len();
        let k = self.uncertain;
        f_a.fill(self.fixed);
        f_b.fill(self.fixed);
        let mut a = [0.0_f64; VARIED.len() * BLOCK];
        let mut b = [0.0_f64; VARIED.len() * BLOCK];
        let mut mixed = [0.0_f64; VARIED.len() * BLOCK];
        let mut value_a = [0.0_f64; BLOCK];
        let mut value_mixed = [0.0_f64; BLOCK];
        let mut column = 0;
        for outcome in &self.outcomes {
            for (sampler, field) in outcome.samplers.iter().zip(a.chunks_exact_mut(BLOCK)) {
                sampler.fill(lanes, &mut field[..n]);
            }
            for (sampler, field) in outcome.samplers.iter().zip(b.chunks_exact_mut(BLOCK)) {
                sampler.fill(lanes, &mut field[..n]);
            }
            value_a[..n].fill(0.0);
            outcome.add_values(&a, BLOCK, &mut value_a[..n]);
            for (total, value) in f_a.iter_mut().zip(&value_a[..n]) {
                *total += value;
            }
            outcome.add_values(&b, BLOCK, f_b);
            for (field, sampler) in outcome.samplers.iter().enumerate() {
                if sampler.is_fixed() {
                    continue;
                }
                mixed.copy_from_slice(&a);
                let span = field * BLOCK..field * BLOCK + n;
                mixed[span.clone()].copy_from_slice(&b[span]);
                value_mixed[..n].fill(0.0);
                outcome.add_values(&mixed, BLOCK, &mut value_mixed[..n]);
                for row in 0..n {
                    deltas[row * k + column] = value_mixed[row] - value_a[row];
                }
                column += 1;
            }
        }
    }
}

/// Draws worked on at once: the fields' draws for a block live on the stack.
pub const BLOCK: usize = 256;

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
    let value = model_value(outcome, assumption);
    match declared {
        Some(u) => Sampler::new(assumption, &u.distribution),
        None if by_default => Sampler::default_for(assumption, value),
        None => Sampler::Fixed(value.as_f64()),
    }
}

/// The model's value of a varied field (a quantity's total over cohorts).
fn model_value(outcome: &Outcome, assumption: Assumption) -> Decimal {
    match assumption {
        Assumption::Quantity => total_quantity(outcome),
        Assumption::Proxy => outcome.proxy,
        other => other
            .rate_of(outcome)
            .expect("every varied field but quantity and proxy is a rate"),
    }
}

impl OutcomeDraw {
    fn new(
        index: usize,
        outcome: &Outcome,
        samplers: [Sampler; 6],
        factors: &[Decimal],
        additive: bool,
    ) -> Self {
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
            index,
            samplers,
            units,
            annuity,
            additive,
        }
    }

    /// Why this outcome's mean value may differ from its value in the model.
    fn skews(&self, outcome: &Outcome) -> Vec<Skew> {
        let mut skews = Vec::new();
        if !self.samplers[5].is_fixed() && self.units.len() > 1 {
            skews.push(Skew::DropOffCompounds);
        }
        let deductions_can_exceed_all =
            self.samplers[2..5].iter().map(|s| s.range().1).sum::<f64>() > 1.0;
        if self.samplers.iter().any(Sampler::is_truncated)
            || (self.additive && deductions_can_exceed_all)
        {
            skews.push(Skew::Bounds);
        }
        let off_centre = VARIED
            .iter()
            .zip(&self.samplers)
            .any(|(assumption, sampler)| {
                let value = model_value(outcome, *assumption).as_f64();
                (sampler.centre() - value).abs() > 1e-9 * value.abs().max(1.0)
            });
        if off_centre {
            skews.push(Skew::OffCentre);
        }
        skews
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
