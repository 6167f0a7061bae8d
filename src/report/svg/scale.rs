//! Mapping figures to positions, and round numbers for the axis ticks.

/// A linear map from a domain of figures to a range of positions.
#[derive(Debug, Clone, Copy)]
pub struct Linear {
    domain: (f64, f64),
    range: (f64, f64),
}

impl Linear {
    /// A domain of zero width (every figure the same) is widened by one
    /// either way, so positions stay finite.
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Self {
        let (low, high) = domain;
        let domain = if (high - low).abs() < f64::EPSILON * low.abs().max(1.0) {
            (low - 1.0, high + 1.0)
        } else {
            domain
        };
        Linear { domain, range }
    }

    pub fn at(&self, value: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        r0 + (value - d0) / (d1 - d0) * (r1 - r0)
    }
}

/// About `count` round tick values (steps of 1, 2 or 5 times a power of ten)
/// covering `low` to `high`, and the domain widened to the outermost ticks.
pub fn ticks(low: f64, high: f64, count: usize) -> (Vec<f64>, (f64, f64)) {
    let (low, high) = if high - low > 0.0 {
        (low, high)
    } else {
        (low - 1.0, high + 1.0)
    };
    let rough = (high - low) / count.max(1) as f64;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|step| *step >= rough)
        .unwrap_or(10.0 * power);
    let first = (low / step).floor();
    let last = (high / step).ceil();
    // A figure near f64's limits would ask for absurdly many ticks; never more than a few dozen.
    let steps = ((last - first) as usize).min(50);
    let values: Vec<f64> = (0..=steps).map(|i| (first + i as f64) * step).collect();
    let domain = (first * step, (first + steps as f64) * step);
    (values, domain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_figures() {
        let (values, domain) = ticks(0.0, 1_727_602.65, 5);
        assert_eq!(
            values,
            vec![0.0, 500_000.0, 1_000_000.0, 1_500_000.0, 2_000_000.0]
        );
        assert_eq!(domain, (0.0, 2_000_000.0));
        let (values, _) = ticks(-18_911.0, 60_000.0, 4);
        assert_eq!(values, vec![-20_000.0, 0.0, 20_000.0, 40_000.0, 60_000.0]);
    }

    #[test]
    fn an_empty_range_still_has_ticks() {
        let (values, domain) = ticks(0.0, 0.0, 4);
        assert!(values.len() >= 2);
        assert!(domain.0 < domain.1);
    }

    #[test]
    fn the_linear_map_is_proportional() {
        let scale = Linear::new((0.0, 10.0), (100.0, 200.0));
        assert_eq!(scale.at(5.0), 150.0);
        let flat = Linear::new((3.0, 3.0), (0.0, 100.0));
        assert_eq!(flat.at(3.0), 50.0);
    }
}
