//! Summary statistics of the draws, computed in one fixed order so that the
//! same draws always give the same figures, on any number of threads.
//! Percentiles interpolate linearly between order statistics (NumPy's
//! default), the standard deviation divides by n − 1, and the standard error
//! of the mean is sd / √n.

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub mean: f64,
    pub sd: f64,
    /// Of the mean: sd / √n.
    pub standard_error: f64,
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
    pub min: f64,
    pub max: f64,
}

impl Summary {
    /// Summarise `sorted`, which must be in increasing order and not empty.
    pub fn of(sorted: &[f64]) -> Summary {
        let n = sorted.len();
        let (min, max) = (sorted[0], sorted[n - 1]);
        if min == max {
            // Every draw the same: no spread, and no rounding noise from summing.
            return Summary {
                mean: min,
                sd: 0.0,
                standard_error: 0.0,
                p5: min,
                p50: min,
                p95: min,
                min,
                max,
            };
        }
        let mean = compensated_sum(sorted.iter().copied()) / n as f64;
        let squares = compensated_sum(sorted.iter().map(|x| (x - mean) * (x - mean)));
        let sd = if n > 1 {
            (squares / (n - 1) as f64).sqrt()
        } else {
            0.0
        };
        Summary {
            mean,
            sd,
            standard_error: sd / (n as f64).sqrt(),
            p5: percentile(sorted, 0.05),
            p50: percentile(sorted, 0.50),
            p95: percentile(sorted, 0.95),
            min,
            max,
        }
    }

    /// Every figure multiplied by `factor` (> 0): the ratio from the present value.
    pub fn scaled(&self, factor: f64) -> Summary {
        Summary {
            mean: self.mean * factor,
            sd: self.sd * factor,
            standard_error: self.standard_error * factor,
            p5: self.p5 * factor,
            p50: self.p50 * factor,
            p95: self.p95 * factor,
            min: self.min * factor,
            max: self.max * factor,
        }
    }
}

/// The `q`-th quantile, interpolating between the two nearest draws.
fn percentile(sorted: &[f64], q: f64) -> f64 {
    let position = q * (sorted.len() - 1) as f64;
    let below = position.floor() as usize;
    let above = (below + 1).min(sorted.len() - 1);
    let fraction = position - below as f64;
    sorted[below] + (sorted[above] - sorted[below]) * fraction
}

/// Neumaier's compensated sum: a million draws add up without drift.
fn compensated_sum(values: impl Iterator<Item = f64>) -> f64 {
    let (mut sum, mut compensation) = (0.0_f64, 0.0_f64);
    for value in values {
        let t = sum + value;
        compensation += if sum.abs() >= value.abs() {
            (sum - t) + value
        } else {
            (value - t) + sum
        };
        sum = t;
    }
    sum + compensation
}

/// Counts of draws in equal bins from the smallest to the largest.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    /// (lower edge, upper edge, count); the last bin includes its upper edge.
    pub bins: Vec<(f64, f64, u64)>,
}

impl Histogram {
    pub fn of(sorted: &[f64], bins: usize) -> Histogram {
        let (min, max) = (sorted[0], sorted[sorted.len() - 1]);
        if min == max || bins == 0 {
            return Histogram {
                bins: vec![(min, max, sorted.len() as u64)],
            };
        }
        let width = (max - min) / bins as f64;
        let mut counts = vec![0_u64; bins];
        for value in sorted {
            let bin = (((value - min) / width) as usize).min(bins - 1);
            counts[bin] += 1;
        }
        Histogram {
            bins: counts
                .into_iter()
                .enumerate()
                .map(|(i, count)| (min + width * i as f64, min + width * (i + 1) as f64, count))
                .collect(),
        }
    }

    pub fn scaled(&self, factor: f64) -> Histogram {
        Histogram {
            bins: self
                .bins
                .iter()
                .map(|(low, high, count)| (low * factor, high * factor, *count))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate_as_numpy_does() {
        // numpy.percentile([1, 2, 3, 4, 5], [5, 50, 95]) = [1.2, 3.0, 4.8].
        let summary = Summary::of(&[1.0, 2.0, 3.0, 4.0, 5.0]);
        assert!((summary.p5 - 1.2).abs() < 1e-12);
        assert_eq!(summary.p50, 3.0);
        assert!((summary.p95 - 4.8).abs() < 1e-12);
        // Sample sd of 1..5 is √2.5; its standard error √2.5 / √5 = √0.5.
        assert!((summary.sd - 2.5_f64.sqrt()).abs() < 1e-12);
        assert!((summary.standard_error - 0.5_f64.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn identical_draws_have_no_spread() {
        let summary = Summary::of(&[0.1 + 0.2; 1000]);
        assert_eq!(summary.sd, 0.0);
        assert_eq!(summary.mean, 0.1 + 0.2);
        assert_eq!(summary.p5, summary.p95);
    }

    #[test]
    fn the_histogram_counts_every_draw_once() {
        let draws: Vec<f64> = (0..100).map(f64::from).collect();
        let histogram = Histogram::of(&draws, 10);
        assert_eq!(histogram.bins.len(), 10);
        assert!(histogram.bins.iter().all(|(_, _, count)| *count == 10));
    }
}
