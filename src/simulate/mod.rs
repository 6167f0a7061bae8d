//! Monte Carlo simulation of the ratio over the uncertain assumptions: the
//! one place the program computes in binary floating point, because its
//! results are estimates anyway and a million draws must take moments.
//!
//! Draws are made in fixed-size chunks. Chunk c has its own generators
//! (Xoshiro256++, a named, portable algorithm; four, taking turns, so their
//! work overlaps) seeded from the seed, c and the generator's place, and
//! writes its draws to its own slice of one buffer; statistics are then
//! computed over the buffer in order. The results therefore depend on the seed
//! alone, never on how many threads ran the chunks or in what order.

mod distribution;
mod normal;
mod plan;
pub mod sobol;
pub mod stats;

use std::sync::atomic::{AtomicU64, Ordering};

use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::SeedableRng;
use rayon::prelude::*;
use rust_decimal::Decimal;

use crate::calc::Results;
use crate::model::Model;
use distribution::Lanes;
use plan::Plan;
pub use plan::Skew;
use sobol::Sobol;
use stats::{Histogram, Summary};

/// Draws per chunk: one generator each.
pub const CHUNK: usize = 4096;
/// The most draws a run may ask for: 80 MB of draws held for the percentiles.
pub const MAX_DRAWS: u64 = 10_000_000;
/// Bins of the histogram.
const BINS: usize = 20;

#[derive(Debug, Clone)]
pub struct Settings {
    pub draws: u64,
    pub seed: u64,
    pub target: Decimal,
    /// Also compute Sobol indices, with `draws` as the base sample.
    pub sobol: bool,
    /// Keep every draw's uncertain values, present value and ratio.
    pub samples: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    pub draws: u64,
    pub seed: u64,
    pub target: Decimal,
    /// The model's own figures, for comparison.
    pub base_ratio: Decimal,
    pub inputs: Decimal,
    pub ratio: Summary,
    pub present_value: Summary,
    /// The share of draws whose ratio is below the target.
    pub probability_below_target: f64,
    /// Its standard error: √(p (1 − p) / n).
    pub probability_standard_error: f64,
    pub histogram: Histogram,
    /// How many assumptions were uncertain, and whether by the default.
    pub uncertain: usize,
    pub by_default: bool,
    /// Why the mean may differ from the model's ratio.
    pub skews: Vec<Skew>,
    pub sobol: Option<Sobol>,
    pub samples: Option<Samples>,
}

/// Every draw, in the order drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Samples {
    /// `OUTCOME_ID.FIELD` of each uncertain value.
    pub columns: Vec<String>,
    /// One row of `columns.len()` values per draw.
    pub values: Vec<f64>,
    pub present_values: Vec<f64>,
}

/// The most values `--samples` may write: about a gigabyte of text.
pub const MAX_SAMPLE_CELLS: u64 = 50_000_000;

/// Why a simulation cannot run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// No draws, or more than `MAX_DRAWS`.
    Draws(u64),
    Sobol(sobol::Error),
    /// Draws × (uncertain values + 2) beyond `MAX_SAMPLE_CELLS`: the most draws allowed.
    Samples {
        most: u64,
    },
}

/// Simulate `settings.draws` draws, counting finished draws in `progress`.
pub fn simulate(
    model: &Model,
    results: &Results,
    settings: &Settings,
    progress: &AtomicU64,
) -> Result<Simulation, Error> {
    if settings.draws == 0 || settings.draws > MAX_DRAWS {
        return Err(Error::Draws(settings.draws));
    }
    // A model has results only when its inputs count as more than nothing
    // (`calc::no_ratio`), and even 1e-28 is a positive f64.
    let inputs = results.inputs_total.as_f64();
    let plan = Plan::new(model, results);
    let k = plan.uncertain;
    let columns = k as u64 + 2;
    if settings.samples && settings.draws.saturating_mul(columns) > MAX_SAMPLE_CELLS {
        return Err(Error::Samples {
            most: MAX_SAMPLE_CELLS / columns,
        });
    }
    let sobol = if settings.sobol {
        Some(
            sobol::indices(model, &plan, settings.draws, settings.seed, inputs)
                .map_err(Error::Sobol)?,
        )
    } else {
        None
    };
    let mut values = vec![0.0_f64; settings.draws as usize];
    let mut record = vec![
        0.0_f64;
        if settings.samples {
            values.len() * k
        } else {
            0
        }
    ];
    let draw_chunk = |chunk: usize, slice: &mut [f64], record: Option<&mut [f64]>| {
        let chunk = chunk_seed(settings.seed, chunk as u64);
        let mut lanes: Lanes = std::array::from_fn(|lane| {
            Xoshiro256PlusPlus::seed_from_u64(chunk_seed(chunk, lane as u64))
        });
        plan.present_values_recorded(&mut lanes, slice, record);
        progress.fetch_add(slice.len() as u64, Ordering::Relaxed);
    };
    if settings.samples && k > 0 {
        values
            .par_chunks_mut(CHUNK)
            .zip(record.par_chunks_mut(CHUNK * k))
            .enumerate()
            .for_each(|(chunk, (slice, record))| draw_chunk(chunk, slice, Some(record)));
    } else {
        values
            .par_chunks_mut(CHUNK)
            .enumerate()
            .for_each(|(chunk, slice)| draw_chunk(chunk, slice, None));
    }
    let samples = settings.samples.then(|| Samples {
        columns: plan
            .parameters()
            .iter()
            .map(|(outcome, field)| format!("{}.{}", model.outcomes[*outcome].id, field.key()))
            .collect(),
        values: record,
        present_values: values.clone(),
    });
    values.par_sort_unstable_by(f64::total_cmp);
    let target = settings.target.as_f64() * inputs;
    let below = values.partition_point(|v| *v < target) as f64 / values.len() as f64;
    let present_value = Summary::of(&values);
    let histogram = Histogram::of(&values, BINS);
    Ok(Simulation {
        draws: settings.draws,
        seed: settings.seed,
        target: settings.target,
        base_ratio: results.ratio,
        inputs: results.inputs_total,
        ratio: present_value.scaled(1.0 / inputs),
        present_value,
        probability_below_target: below,
        probability_standard_error: (below * (1.0 - below) / values.len() as f64).sqrt(),
        histogram: histogram.scaled(1.0 / inputs),
        uncertain: plan.uncertain,
        by_default: plan.by_default,
        skews: plan.skews,
        sobol,
        samples,
    })
}

/// The seed of chunk `chunk`: the run's seed and the chunk's index mixed by
/// SplitMix64's finaliser, so neighbouring chunks start far apart.
pub(crate) fn chunk_seed(seed: u64, chunk: u64) -> u64 {
    let mut z = seed ^ chunk.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
