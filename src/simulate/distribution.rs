//! Drawing one value of an uncertain field: the declared distribution, or
//! the documented default, turned into f64 constants once so that each draw
//! is a uniform number and a few operations. Normal draws are truncated to
//! the field's valid range by inversion (see `normal`); a distribution of no
//! width is a fixed value and draws nothing.

use rand_distr::{Distribution as _, Open01, Pert, StandardUniform};
use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::Rng as _;
use rust_decimal::Decimal;

use super::normal;
use crate::model::{Assumption, Distribution};

/// 2⁻³²: a 32-bit integer as a fraction of one.
const HALF_WORD: f64 = 1.0 / 4_294_967_296.0;

/// Generators drawn from in turn, so that several independent streams are in
/// flight at once instead of each draw waiting on the one before.
pub const LANES: usize = 4;
pub type Lanes = [Xoshiro256PlusPlus; LANES];

/// One field's draw.
#[derive(Debug, Clone)]
pub enum Sampler {
    Fixed(f64),
    Uniform {
        low: f64,
        width: f64,
    },
    /// min + range × T, T triangular on [0, 1] with its mode at `split`:
    /// with probability `split`, T = split × max(u₁, u₂) (density rising to
    /// the mode), otherwise split + (1 − split) × min(u₁, u₂) (falling from
    /// it). Two 64-bit draws and no square root, chosen without a branch.
    Triangular {
        min: f64,
        range: f64,
        split: f64,
    },
    Pert {
        pert: Pert<f64>,
        min: f64,
        mode: f64,
        max: f64,
    },
    /// x = mean + sd × Φ⁻¹(low + u × (high − low)), kept within [min, max].
    Normal {
        mean: f64,
        sd: f64,
        low: f64,
        high: f64,
        min: f64,
        max: f64,
    },
}

impl Sampler {
    /// Fill `out` with draws, the lanes taking turns.
    pub fn fill(&self, lanes: &mut Lanes, out: &mut [f64]) {
        // One match per block, not per draw: each arm is its own tight loop.
        match *self {
            Sampler::Fixed(value) => out.fill(value),
            Sampler::Uniform { low, width } => fill_with(lanes, out, |rng| {
                let u: f64 = Open01.sample(rng);
                low + u * width
            }),
            Sampler::Triangular { min, range, split } => {
                fill_with(lanes, out, |rng| min + range * unit_triangular(split, rng))
            }
            Sampler::Pert { ref pert, .. } => fill_with(lanes, out, |rng| pert.sample(rng)),
            Sampler::Normal {
                mean,
                sd,
                low,
                high,
                min,
                max,
            } => fill_with(lanes, out, |rng| {
                let u: f64 = Open01.sample(rng);
                let x = mean + sd * normal::inverse_cdf(low + u * (high - low));
                x.clamp(min, max)
            }),
        }
    }

    pub fn is_fixed(&self) -> bool {
        matches!(self, Sampler::Fixed(_))
    }

    /// The mean of the distribution before any truncation: what a draw
    /// averages when its range does not cut it off.
    pub fn centre(&self) -> f64 {
        match *self {
            Sampler::Fixed(value) => value,
            Sampler::Uniform { low, width } => low + width / 2.0,
            Sampler::Triangular { min, range, split } => min + range * (1.0 + split) / 3.0,
            Sampler::Pert { min, mode, max, .. } => (min + 4.0 * mode + max) / 6.0,
            Sampler::Normal { mean, .. } => mean,
        }
    }

    /// The smallest and largest values a draw can take.
    pub fn range(&self) -> (f64, f64) {
        match *self {
            Sampler::Fixed(value) => (value, value),
            Sampler::Uniform { low, width } => (low, low + width),
            Sampler::Triangular { min, range, .. } => (min, min + range),
            Sampler::Pert { min, max, .. } => (min, max),
            Sampler::Normal { min, max, .. } => (min, max),
        }
    }

    /// Whether the field's valid range cuts off a noticeable part of the
    /// distribution (a normal truncated at 0% or 100%), moving its mean.
    pub fn is_truncated(&self) -> bool {
        match *self {
            // Less than one draw in a million lost is not worth a word.
            Sampler::Normal { low, high, .. } => low > 1e-6 || high < 1.0 - 1e-6,
            _ => false,
        }
    }

    /// The sampler for a declared distribution of `assumption`.
    pub fn new(assumption: Assumption, distribution: &Distribution) -> Sampler {
        let f = |d: Decimal| d.as_f64();
        let (min, max) = valid_range(assumption);
        match *distribution {
            Distribution::Uniform { min: a, max: b } if a < b => Sampler::Uniform {
                low: f(a),
                width: f(b) - f(a),
            },
            Distribution::Triangular {
                min: a,
                mode,
                max: b,
            } if a < b => triangular(f(a), f(mode), f(b)),
            Distribution::Pert {
                min: a,
                mode,
                max: b,
            } if a < b => match Pert::new(f(a), f(b)).with_mode(f(mode)) {
                Ok(pert) => Sampler::Pert {
                    pert,
                    min: f(a),
                    mode: f(mode),
                    max: f(b),
                },
                Err(_) => triangular(f(a), f(mode), f(b)),
            },
            Distribution::Normal { mean, sd } if sd > Decimal::ZERO => {
                let (mean, sd) = (f(mean), f(sd));
                Sampler::Normal {
                    mean,
                    sd,
                    low: normal::cdf((min - mean) / sd),
                    high: normal::cdf((max - mean) / sd),
                    min,
                    max,
                }
            }
            Distribution::Uniform { min: a, .. }
            | Distribution::Triangular { min: a, .. }
            | Distribution::Pert { min: a, .. } => Sampler::Fixed(f(a)),
            Distribution::Normal { mean, .. } => Sampler::Fixed(f(mean)),
        }
    }

    /// The default when a model declares no uncertainty: triangular and
    /// symmetric around the model's value, so that every field's mean is the
    /// value the model states. A proxy or a quantity moves ±20% of itself; a
    /// rate ±10 points, narrowed near 0% and 100% so that it never leaves
    /// them and stays the centre: 5% moves ±5 points, and 0% or 100% not at
    /// all (a deduction the model rules out stays ruled out).
    pub fn default_for(assumption: Assumption, value: Decimal) -> Sampler {
        let value = value.as_f64();
        let half_width = match assumption {
            Assumption::Proxy | Assumption::Quantity => 0.2 * value.abs(),
            _ => DEFAULT_POINTS.min(value).min(1.0 - value).max(0.0),
        };
        if half_width == 0.0 {
            return Sampler::Fixed(value);
        }
        triangular(value - half_width, value, value + half_width)
    }
}

/// How far the default moves a rate either way, at most: 10 points.
pub const DEFAULT_POINTS: f64 = 0.1;

/// A draw from the triangular distribution on [0, 1] with its mode at `split`.
#[inline(always)]
fn unit_triangular(split: f64, rng: &mut Xoshiro256PlusPlus) -> f64 {
    let side: f64 = StandardUniform.sample(rng);
    // a and b from the two halves of one 64-bit draw: 32 bits each is ample
    // for where within its side a value falls.
    let bits = rng.next_u64();
    let a = (bits >> 32) as f64 * HALF_WORD;
    let b = (bits & 0xFFFF_FFFF) as f64 * HALF_WORD;
    // Which side of the mode is a coin toss, so a branch would mispredict
    // half the time; select arithmetically instead.
    let rising = f64::from(u8::from(side < split));
    rising * (split * a.max(b)) + (1.0 - rising) * (split + (1.0 - split) * a.min(b))
}

#[inline(always)]
fn fill_with(lanes: &mut Lanes, out: &mut [f64], draw: impl Fn(&mut Xoshiro256PlusPlus) -> f64) {
    let mut blocks = out.chunks_exact_mut(LANES);
    for block in &mut blocks {
        for (value, rng) in block.iter_mut().zip(lanes.iter_mut()) {
            *value = draw(rng);
        }
    }
    for (value, rng) in blocks.into_remainder().iter_mut().zip(lanes.iter_mut()) {
        *value = draw(rng);
    }
}

fn triangular(min: f64, mode: f64, max: f64) -> Sampler {
    // Also catches a NaN, which the model's exact decimals cannot produce.
    if min.partial_cmp(&max) != Some(std::cmp::Ordering::Less) {
        return Sampler::Fixed(mode);
    }
    let range = max - min;
    Sampler::Triangular {
        min,
        range,
        split: (mode.clamp(min, max) - min) / range,
    }
}

/// Where a field's values may lie: rates from 0 to 1, quantities from zero.
fn valid_range(assumption: Assumption) -> (f64, f64) {
    match assumption {
        Assumption::Proxy => (f64::NEG_INFINITY, f64::INFINITY),
        Assumption::Quantity => (0.0, f64::INFINITY),
        _ => (0.0, 1.0),
    }
}
