//! The simulation said in words: the model's ratio beside the simulated mean
//! and median, and why they differ when they do. Every default distribution
//! is centred on the model's value, so a difference has a cause worth naming.

use super::fixed;
use crate::simulate::sobol::Sobol;
use crate::simulate::{Simulation, Skew};

/// "The model's ratio is 1.08 : 1; over the draws the mean is 1.08 and the median 1.07."
pub fn beside(simulation: &Simulation) -> String {
    format!(
        "The model's ratio is {} : 1; over the draws the mean is {} and the median {}.",
        crate::report::text::ratio(Some(simulation.base_ratio)),
        fixed(simulation.ratio.mean, 2),
        fixed(simulation.ratio.p50, 2)
    )
}

/// Why the mean and the median are where they are, relative to the model's ratio.
pub fn why(simulation: &Simulation) -> String {
    let base = simulation.base_ratio.as_f64();
    let (mean, median) = (simulation.ratio.mean, simulation.ratio.p50);
    let noise = 2.0 * simulation.ratio.standard_error;
    let mut sentences = Vec::new();
    if (mean - base).abs() <= noise {
        sentences.push(
            "The mean is the model's ratio within sampling error: every uncertain assumption is centred on the model's value.".to_owned(),
        );
    } else {
        let side = if mean > base { "above" } else { "below" };
        let how = format!("{:.2}% {side}", (mean / base - 1.0).abs() * 100.0);
        let reasons: Vec<&str> = simulation.skews.iter().map(|s| reason(*s)).collect();
        if reasons.is_empty() {
            sentences.push(format!(
                "The mean lies {how} the model's ratio, by more than two standard errors; more draws would show whether it is chance."
            ));
        } else {
            sentences.push(format!(
                "The mean lies {how} the model's ratio because {}.",
                reasons.join("; and ")
            ));
        }
    }
    if (median - mean).abs() > noise {
        let side = if median < mean { "below" } else { "above" };
        let lean = if median < mean { "right" } else { "left" };
        sentences.push(format!(
            "The median is {side} the mean: the value is a product of uncertain factors (quantity, proxy, what the deductions leave), so the draws lean to the {lean}."
        ));
    }
    sentences.join(" ")
}

fn reason(skew: Skew) -> &'static str {
    match skew {
        Skew::DropOffCompounds => {
            "drop-off compounds: a year's value moves with (1 − drop-off) to the power of the year, gaining more when the drop-off is lower than it loses when it is higher"
        }
        Skew::Bounds => {
            "of bounds: draws cut off at 0% or 100% (a normal truncated there, or additive deductions adding up past 100%, which leave nothing) are not balanced about the model's value"
        }
        Skew::OffCentre => "a declared distribution does not have the model's value as its mean",
        Skew::Pinned => {
            "a declared distribution of no width (an sd of 0, or equal bounds) fixes an assumption at another value than the model's, in every draw"
        }
    }
}

/// "N(k + 2) = 10,000 × (60 + 2) = 620,000 model evaluations".
pub fn evaluations(sobol: &Sobol, uncertain: usize) -> String {
    let grouped = |n: u64| crate::report::text::grouped(rust_decimal::Decimal::from(n));
    format!(
        "Sobol indices from a base sample of {} draws: {} × ({uncertain} uncertain assumptions + 2) = {} model evaluations, with {} bootstrap resamples for the 95% intervals.",
        grouped(sobol.draws),
        grouped(sobol.draws),
        grouped(sobol.evaluations),
        sobol.resamples
    )
}
