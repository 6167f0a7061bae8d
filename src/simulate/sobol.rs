//! Which assumptions drive the spread of the ratio: variance-based (Sobol)
//! indices by Saltelli's design, Jansen's estimator of the total index and
//! Saltelli's (2010) of the first-order one.
//!
//! Two independent samples A and B of N rows each draw every uncertain
//! field; A_B^i is A with field i taken from B. With V the variance and m
//! the mean of f over A and B together,
//!
//! ```text
//! total  ST_i = E[(f(A) − f(A_B^i))²] / 2V
//! first  S_i  = E[(f(B) − m) (f(A_B^i) − f(A))] / V
//! ```
//!
//! Jansen's first-order form, (V − E[(f(B) − f(A_B^i))²] / 2) / V, carries
//! the noise of the whole of f in every index: with a hundred small
//! assumptions the errors, all of one sign in a given sample, add up to
//! first-order sums well above 1. Saltelli's form is as exact in
//! expectation, and its noise scales with the assumption's own effect.
//!
//! N(k + 2) model evaluations for k uncertain fields, but f(A_B^i) differs
//! from f(A) only in the outcome that owns field i, so only that outcome is
//! recomputed. Confidence intervals are the 2.5th and 97.5th percentiles of
//! the indices over bootstrap resamples of the N rows. Like the simulation,
//! rows are drawn in fixed-size chunks and each resample has its own
//! generator, so the figures depend on the seed alone, never on the threads.

use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::{Rng as _, SeedableRng};
use rayon::prelude::*;

use super::distribution::Lanes;
use super::plan::{BLOCK, Plan};
use super::{CHUNK, chunk_seed};
use crate::model::{Assumption, Model};

/// Bootstrap resamples behind each confidence interval.
pub const RESAMPLES: usize = 200;
/// The most model evaluations a run may make: N(k + 2) values are held.
pub const MAX_EVALUATIONS: u64 = 20_000_000;
/// Mixed into the seed so that the Sobol draws are not the simulation's.
const SOBOL_STREAM: u64 = 0x50B0_1D1C_E5A1_7E11;
const RESAMPLE_STREAM: u64 = 0xB007_57A9_0000_0001;

/// The indices of one assumption, or of a group summed.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    /// `OUTCOME_ID.FIELD`, `OUTCOME_ID.*` (an outcome's fields summed) or
    /// `*.FIELD` (a field summed over outcomes).
    pub parameter: String,
    pub kind: Kind,
    pub first_order: f64,
    pub total: f64,
    /// 95% bootstrap percentile intervals, [low, high].
    pub first_order_ci: [f64; 2],
    pub total_ci: [f64; 2],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Assumption,
    Outcome,
    Field,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Assumption => "assumption",
            Kind::Outcome => "outcome",
            Kind::Field => "field",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sobol {
    /// The base sample N.
    pub draws: u64,
    /// N(k + 2).
    pub evaluations: u64,
    pub resamples: usize,
    /// The variance of the ratio the indices share out.
    pub variance: f64,
    /// Each assumption, largest total index first; then each outcome and
    /// each field summed, largest total first.
    pub indices: Vec<Index>,
}

impl Sobol {
    /// A run whose ratio never varies: there is no variance to share out,
    /// so no index.
    fn without_variance(draws: u64, evaluations: u64) -> Self {
        Sobol {
            draws,
            evaluations,
            resamples: RESAMPLES,
            variance: 0.0,
            indices: Vec::new(),
        }
    }
}

/// Why the indices cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// N(k + 2) beyond `MAX_EVALUATIONS`: the draws asked for, and the most allowed.
    TooManyEvaluations { draws: u64, most: u64 },
}

/// How many evaluations N draws make for this plan.
pub fn evaluations(draws: u64, uncertain: usize) -> u64 {
    draws.saturating_mul(uncertain as u64 + 2)
}

pub(super) fn indices(
    model: &Model,
    plan: &Plan,
    draws: u64,
    seed: u64,
    inputs: f64,
) -> Result<Sobol, Error> {
    let k = plan.uncertain;
    let evaluations = evaluations(draws, k);
    if evaluations > MAX_EVALUATIONS {
        return Err(Error::TooManyEvaluations {
            draws,
            most: MAX_EVALUATIONS / (k as u64 + 2),
        });
    }
    if k == 0 {
        return Ok(Sobol::without_variance(draws, evaluations));
    }
    let n = draws as usize;
    let (mut f_a, mut f_b) = (vec![0.0; n], vec![0.0; n]);
    let mut deltas = vec![0.0; n * k];
    let seed = seed ^ SOBOL_STREAM;
    f_a.par_chunks_mut(CHUNK)
        .zip(f_b.par_chunks_mut(CHUNK))
        .zip(deltas.par_chunks_mut(CHUNK * k))
        .enumerate()
        .for_each(|(chunk, ((f_a, f_b), deltas))| {
            let chunk = chunk_seed(seed, chunk as u64);
            let mut lanes: Lanes = std::array::from_fn(|lane| {
                Xoshiro256PlusPlus::seed_from_u64(chunk_seed(chunk, lane as u64))
            });
            for ((f_a, f_b), deltas) in f_a
                .chunks_mut(BLOCK)
                .zip(f_b.chunks_mut(BLOCK))
                .zip(deltas.chunks_mut(BLOCK * k))
            {
                plan.saltelli_block(&mut lanes, f_a, f_b, deltas);
            }
        });
    // The ratio is the present value over fixed inputs: scaling by 1/inputs
    // leaves the indices as they are, and only the variance changes.
    let estimate = Estimate::of(&f_a, &f_b, &deltas, k, &all_rows(n));
    if !(estimate.variance > 0.0 && estimate.variance.is_finite()) {
        // Every draw the same: there is no variance to share out.
        return Ok(Sobol::without_variance(draws, evaluations));
    }
    let resampled: Vec<Estimate> = (0..RESAMPLES)
        .into_par_iter()
        .map(|r| {
            let mut rng =
                Xoshiro256PlusPlus::seed_from_u64(chunk_seed(seed ^ RESAMPLE_STREAM, r as u64));
            let rows: Vec<usize> = (0..n)
                .map(|_| ((u128::from(rng.next_u64()) * n as u128) >> 64) as usize)
                .collect();
            Estimate::of(&f_a, &f_b, &deltas, k, &rows)
        })
        .collect();
    let parameters = plan.parameters();
    let groups = Groups::of(model, &parameters);
    let mut indices = Vec::with_capacity(k + groups.names.len());
    let mut by_kind = |kind: Kind, names: &[String], members: &[Vec<usize>]| {
        let mut found: Vec<Index> = names
            .iter()
            .zip(members)
            .map(|(name, members)| index(name, kind, &estimate, &resampled, members))
            .collect();
        found.sort_by(|a, b| b.total.total_cmp(&a.total));
        indices.extend(found);
    };
    let names: Vec<String> = parameters
        .iter()
        .map(|(outcome, field)| format!("{}.{}", model.outcomes[*outcome].id, field.key()))
        .collect();
    let singles: Vec<Vec<usize>> = (0..k).map(|i| vec![i]).collect();
    by_kind(Kind::Assumption, &names, &singles);
    by_kind(Kind::Outcome, &groups.outcome_names, &groups.outcomes);
    by_kind(Kind::Field, &groups.names, &groups.fields);
    Ok(Sobol {
        draws,
        evaluations,
        resamples: RESAMPLES,
        variance: estimate.variance / (inputs * inputs),
        indices,
    })
}

fn all_rows(n: usize) -> Vec<usize> {
    (0..n).collect()
}

/// The indices of `members` summed, with their interval over the resamples.
fn index(
    name: &str,
    kind: Kind,
    estimate: &Estimate,
    resampled: &[Estimate],
    members: &[usize],
) -> Index {
    let sum = |values: &[f64]| members.iter().map(|&i| values[i]).sum::<f64>();
    let interval = |pick: fn(&Estimate) -> &[f64]| {
        let mut values: Vec<f64> = resampled.iter().map(|e| sum(pick(e))).collect();
        values.sort_by(f64::total_cmp);
        [percentile(&values, 0.025), percentile(&values, 0.975)]
    };
    Index {
        parameter: name.to_owned(),
        kind,
        first_order: sum(&estimate.first_order),
        total: sum(&estimate.total),
        first_order_ci: interval(|e| &e.first_order),
        total_ci: interval(|e| &e.total),
    }
}

fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let position = q * (sorted.len() - 1) as f64;
    let below = position.floor() as usize;
    let above = (below + 1).min(sorted.len() - 1);
    sorted[below] + (sorted[above] - sorted[below]) * (position - below as f64)
}

/// Jansen's estimators over the rows listed (all of them, or a resample).
struct Estimate {
    variance: f64,
    first_order: Vec<f64>,
    total: Vec<f64>,
}

impl Estimate {
    fn of(f_a: &[f64], f_b: &[f64], deltas: &[f64], k: usize, rows: &[usize]) -> Estimate {
        let n = rows.len() as f64;
        let mean = rows.iter().map(|&r| f_a[r] + f_b[r]).sum::<f64>() / (2.0 * n);
        let variance = rows
            .iter()
            .map(|&r| (f_a[r] - mean).powi(2) + (f_b[r] - mean).powi(2))
            .sum::<f64>()
            / (2.0 * n - 1.0);
        // Σ (f(A) − f(A_B^i))² = Σ δ²; Σ (f(B) − mean) (f(A_B^i) − f(A)) = Σ (f(B) − mean) δ.
        let mut total = vec![0.0; k];
        let mut first = vec![0.0; k];
        for &r in rows {
            let centred = f_b[r] - mean;
            let row = &deltas[r * k..r * k + k];
            for ((t, s), d) in total.iter_mut().zip(first.iter_mut()).zip(row) {
                *t += d * d;
                *s += centred * d;
            }
        }
        Estimate {
            variance,
            first_order: first.iter().map(|s| s / (n * variance)).collect(),
            total: total.iter().map(|t| t / (2.0 * n * variance)).collect(),
        }
    }
}

/// The assumptions of each outcome, and of each field, by their place in
/// the plan's parameters.
struct Groups {
    outcome_names: Vec<String>,
    outcomes: Vec<Vec<usize>>,
    names: Vec<String>,
    fields: Vec<Vec<usize>>,
}

impl Groups {
    fn of(model: &Model, parameters: &[(usize, Assumption)]) -> Groups {
        let mut groups = Groups {
            outcome_names: Vec::new(),
            outcomes: Vec::new(),
            names: Vec::new(),
            fields: Vec::new(),
        };
        let mut last_outcome = None;
        for (i, (outcome, _)) in parameters.iter().enumerate() {
            if last_outcome != Some(*outcome) {
                groups
                    .outcome_names
                    .push(format!("{}.*", model.outcomes[*outcome].id));
                groups.outcomes.push(Vec::new());
                last_outcome = Some(*outcome);
            }
            if let Some(members) = groups.outcomes.last_mut() {
                members.push(i);
            }
        }
        for field in Assumption::ALL {
            let members: Vec<usize> = parameters
                .iter()
                .enumerate()
                .filter(|(_, (_, f))| *f == field)
                .map(|(i, _)| i)
                .collect();
            if !members.is_empty() {
                groups.names.push(format!("*.{}", field.key()));
                groups.fields.push(members);
            }
        }
        groups
    }
}
