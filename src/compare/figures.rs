//! The figures a comparison puts side by side: the six headline figures of
//! each model, the difference of each from the first model's, and the
//! value-weighted average of each deduction.

use rust_decimal::Decimal;

use crate::calc::Results;
use crate::model::{Model, Outcome};

/// A headline figure of `sroi calc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Inputs,
    PresentValue,
    NetPresentValue,
    Ratio,
    NetRatio,
    PaybackMonths,
}

/// How a figure is shown: as money, as a ratio, or as a number of months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureKind {
    Money,
    Ratio,
    Months,
}

impl Figure {
    pub const ALL: [Figure; 6] = [
        Figure::Inputs,
        Figure::PresentValue,
        Figure::NetPresentValue,
        Figure::Ratio,
        Figure::NetRatio,
        Figure::PaybackMonths,
    ];

    /// The key used in JSON and CSV, the same as `sroi calc --format json`.
    pub fn key(self) -> &'static str {
        match self {
            Figure::Inputs => "inputs",
            Figure::PresentValue => "present_value",
            Figure::NetPresentValue => "net_present_value",
            Figure::Ratio => "ratio",
            Figure::NetRatio => "net_ratio",
            Figure::PaybackMonths => "payback_months",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Figure::Inputs => "Inputs",
            Figure::PresentValue => "Present value",
            Figure::NetPresentValue => "Net present value",
            Figure::Ratio => "SROI ratio",
            Figure::NetRatio => "Net SROI ratio",
            Figure::PaybackMonths => "Payback (months)",
        }
    }

    pub fn kind(self) -> FigureKind {
        match self {
            Figure::Inputs | Figure::PresentValue | Figure::NetPresentValue => FigureKind::Money,
            Figure::Ratio | Figure::NetRatio => FigureKind::Ratio,
            Figure::PaybackMonths => FigureKind::Months,
        }
    }
}

/// The headline figures of one model, unrounded.
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    /// As counted in the ratio (discounted when the conventions say so).
    pub inputs: Decimal,
    pub present_value: Decimal,
    pub net_present_value: Decimal,
    pub ratio: Option<Decimal>,
    pub net_ratio: Option<Decimal>,
    pub payback_months: Option<Decimal>,
}

impl Headline {
    pub fn of(results: &Results) -> Self {
        Headline {
            inputs: results.inputs_total,
            present_value: results.present_value,
            net_present_value: results.net_present_value,
            ratio: Some(results.ratio),
            net_ratio: Some(results.net_ratio),
            payback_months: results.payback_months,
        }
    }

    /// A figure, or `None` where the model has none (no payback, no ratio).
    pub fn get(&self, figure: Figure) -> Option<Decimal> {
        match figure {
            Figure::Inputs => Some(self.inputs),
            Figure::PresentValue => Some(self.present_value),
            Figure::NetPresentValue => Some(self.net_present_value),
            Figure::Ratio => self.ratio,
            Figure::NetRatio => self.net_ratio,
            Figure::PaybackMonths => self.payback_months,
        }
    }
}

/// How far one figure lies from the base model's: `other − base`, and that
/// change as a fraction of the base's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Difference {
    pub change: Decimal,
    /// `None` when the base is zero, where no relative change exists.
    pub relative: Option<Decimal>,
}

impl Difference {
    /// `None` only when the subtraction would overflow.
    pub fn between(base: Decimal, other: Decimal) -> Option<Difference> {
        let change = other.checked_sub(base)?;
        Some(Difference {
            change,
            // Divided by |base| so that a rise reads as positive even from a
            // negative base (a net present value moving from −10 to −5 is +50%).
            relative: change.checked_div(base.abs()),
        })
    }
}

/// A deduction whose average across a model's outcomes is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deduction {
    Deadweight,
    Displacement,
    Attribution,
    DropOff,
}

impl Deduction {
    pub const ALL: [Deduction; 4] = [
        Deduction::Deadweight,
        Deduction::Displacement,
        Deduction::Attribution,
        Deduction::DropOff,
    ];

    /// The model field it comes from, also its JSON and CSV key.
    pub fn key(self) -> &'static str {
        match self {
            Deduction::Deadweight => "deadweight",
            Deduction::Displacement => "displacement",
            Deduction::Attribution => "attribution",
            Deduction::DropOff => "drop_off",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Deduction::Deadweight => "Deadweight",
            Deduction::Displacement => "Displacement",
            Deduction::Attribution => "Attribution",
            Deduction::DropOff => "Drop-off",
        }
    }

    /// The rate as a comparison holds it for one model's outcome.
    pub fn of_figures(self, figures: &super::matching::OutcomeFigures) -> Decimal {
        match self {
            Deduction::Deadweight => figures.deadweight,
            Deduction::Displacement => figures.displacement,
            Deduction::Attribution => figures.attribution,
            Deduction::DropOff => figures.drop_off,
        }
    }

    pub fn of(self, outcome: &Outcome) -> Decimal {
        match self {
            Deduction::Deadweight => outcome.deadweight,
            Deduction::Displacement => outcome.displacement,
            Deduction::Attribution => outcome.attribution,
            Deduction::DropOff => outcome.drop_off,
        }
    }
}

/// Each deduction averaged over a model's outcomes, each outcome weighted by
/// the absolute value of its present value: a deduction on an outcome that
/// carries most of the value says more about the ratio than one on a small
/// outcome. Absolute, so that a negative outcome weighs by its size.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightedDeductions {
    /// In the order of `Deduction::ALL`; `None` when no outcome has any value.
    pub averages: [Option<Decimal>; 4],
}

impl WeightedDeductions {
    pub fn of(model: &Model, results: &Results) -> Self {
        let weights: Vec<Decimal> = results
            .outcomes
            .iter()
            .map(|o| o.present_value.abs())
            .collect();
        let averages = Deduction::ALL.map(|deduction| {
            let rates = model.outcomes.iter().map(|o| deduction.of(o));
            weighted_average(rates, &weights)
        });
        WeightedDeductions { averages }
    }

    pub fn get(&self, deduction: Deduction) -> Option<Decimal> {
        let index = Deduction::ALL.iter().position(|d| *d == deduction)?;
        self.averages[index]
    }
}

/// Σ wᵢ·rᵢ / Σ wᵢ, or `None` when the weights are all zero or too large to add.
fn weighted_average(rates: impl Iterator<Item = Decimal>, weights: &[Decimal]) -> Option<Decimal> {
    let mut weighted = Decimal::ZERO;
    let mut total = Decimal::ZERO;
    for (rate, weight) in rates.zip(weights) {
        // A rate lies in [0, 1], so rate × weight never exceeds the weight.
        weighted = weighted.checked_add(rate.checked_mul(*weight)?)?;
        total = total.checked_add(*weight)?;
    }
    weighted.checked_div(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap_or_default()
    }

    #[test]
    fn relative_change_is_measured_against_the_size_of_the_base() {
        // 120 − 100 = 20, 20 / 100 = 0.2; −5 − (−10) = 5, 5 / |−10| = 0.5.
        let rise = Difference::between(dec("100"), dec("120"));
        assert_eq!(rise.map(|d| d.relative), Some(Some(dec("0.2"))));
        let less_negative = Difference::between(dec("-10"), dec("-5"));
        assert_eq!(less_negative.map(|d| d.relative), Some(Some(dec("0.5"))));
        let from_zero = Difference::between(Decimal::ZERO, dec("7"));
        assert_eq!(
            from_zero.map(|d| (d.change, d.relative)),
            Some((dec("7"), None))
        );
    }

    #[test]
    fn a_weighted_average_weighs_each_rate_by_its_weight() {
        // (0.25 × 300 + 0.10 × 100) / 400 = (75 + 10) / 400 = 0.2125.
        let rates = [dec("0.25"), dec("0.10")].into_iter();
        assert_eq!(
            weighted_average(rates, &[dec("300"), dec("100")]),
            Some(dec("0.2125"))
        );
        assert_eq!(
            weighted_average([dec("0.5")].into_iter(), &[Decimal::ZERO]),
            None
        );
    }
}
