//! One-at-a-time variation: each assumption moved down and up by its step,
//! clamped to its valid range, everything else held at the model's values.
//! Deductions and drop-off move in percentage points (and, under additive
//! deductions, no further than the other two deductions leave), proxies,
//! quantities and inputs by a share of themselves, duration in whole years
//! (never below 1), the flat discount rate in points.

use rust_decimal::Decimal;

use super::profile::Profile;
use super::{Base, MAX_DURATION, Parameter, Point, Steps, Swing};
use crate::calc::{Results, discount};
use crate::model::{Assumption, Deductions, Model, Outcome, Schedule};
use crate::scenario::rate_ceiling;

/// The seven swings of one outcome, in the order of `Assumption::ALL`, or
/// the assumption whose swing goes beyond the largest decimal.
pub(super) fn outcome(
    base: &Base,
    index: usize,
    outcome: &Outcome,
    profile: &Profile,
    steps: &Steps,
) -> Result<Vec<Swing>, Assumption> {
    let point = |value: Decimal, change: Decimal| -> Option<Point> {
        Some(Point {
            value,
            ratio: base.ratio.checked_add(change)?,
        })
    };
    let swing = |assumption, base: Decimal, low: Point, high: Point| {
        Swing::new(Parameter::Outcome(index, assumption), base, low, high)
    };
    let mut swings = Vec::with_capacity(7);
    let quantity = crate::model::assumption::total_quantity(outcome);
    for (assumption, value, step) in [
        (Assumption::Quantity, quantity, steps.quantity),
        (Assumption::Proxy, outcome.proxy, steps.proxy),
    ] {
        // The value is proportional to both, so the ratio moves by step × share.
        let moved = || {
            let change = step.checked_mul(profile.share)?;
            let low = point(value.checked_mul(Decimal::ONE - step)?, -change)?;
            let high = point(value.checked_mul(Decimal::ONE + step)?, change)?;
            swing(assumption, value, low, high)
        };
        swings.push(moved().ok_or(assumption)?);
    }
    for assumption in Assumption::DEDUCTIONS {
        let rate = assumption.rate_of(outcome).unwrap_or_default();
        let ceiling = rate_ceiling(outcome, assumption, base.deductions);
        let [low, high] = rates(rate, steps.deduction, ceiling);
        let line = NetLine::of(outcome, base.deductions, assumption);
        let at = |moved: Decimal| -> Option<Point> {
            point(moved, profile.gross.checked_mul(line.change(rate, moved))?)
        };
        let moved = || swing(assumption, rate, at(low)?, at(high)?);
        swings.push(moved().ok_or(assumption)?);
    }
    let [low, high] = rates(outcome.drop_off, steps.deduction, Decimal::ONE);
    let at = |drop_off: Decimal| -> Option<Point> {
        let annuity = profile.annuity_at(Decimal::ONE - drop_off, profile.duration)?;
        point(drop_off, profile.ratio_change(annuity)?)
    };
    let moved = || swing(Assumption::DropOff, outcome.drop_off, at(low)?, at(high)?);
    swings.push(moved().ok_or(Assumption::DropOff)?);
    let duration = outcome.duration;
    let at = |years: u32| -> Option<Point> {
        let annuity = profile.annuity_at(profile.keep, years)?;
        point(years.into(), profile.ratio_change(annuity)?)
    };
    let moved = || {
        let low = at(duration.saturating_sub(steps.duration).max(1))?;
        let high = at(duration.saturating_add(steps.duration).min(MAX_DURATION))?;
        swing(Assumption::Duration, duration.into(), low, high)
    };
    swings.push(moved().ok_or(Assumption::Duration)?);
    Ok(swings)
}

/// A rate moved down and up by `step`, kept within 0 and `ceiling`.
fn rates(rate: Decimal, step: Decimal, ceiling: Decimal) -> [Decimal; 2] {
    let ceiling = ceiling.max(rate);
    [
        (rate - step).clamp(Decimal::ZERO, ceiling),
        (rate + step).clamp(Decimal::ZERO, ceiling),
    ]
}

/// How the share left after deductions moves with one deduction, the others
/// held: `net(rate) = net0 − slope × rate`, where `net0` is the net with this
/// deduction at zero. Multiplied, the slope is the product of the others'
/// (1 − rate); added, it is 1.
pub(super) struct NetLine {
    pub net0: Decimal,
    pub slope: Decimal,
}

impl NetLine {
    pub fn of(outcome: &Outcome, deductions: Deductions, assumption: Assumption) -> NetLine {
        let others = Assumption::DEDUCTIONS
            .into_iter()
            .filter(|a| *a != assumption)
            .filter_map(|a| a.rate_of(outcome));
        match deductions {
            Deductions::Multiplicative => {
                let net0 = others.fold(Decimal::ONE, |net, rate| net * (Decimal::ONE - rate));
                NetLine { net0, slope: net0 }
            }
            Deductions::Additive => NetLine {
                net0: Decimal::ONE - others.sum::<Decimal>(),
                slope: Decimal::ONE,
            },
        }
    }

    pub fn net(&self, rate: Decimal) -> Decimal {
        self.net0 - self.slope * rate
    }

    /// net(to) − net(from).
    pub fn change(&self, from: Decimal, to: Decimal) -> Decimal {
        self.slope * (from - to)
    }
}

/// The inputs moved by a share of themselves.
pub(super) fn inputs(base: &Base, step: Decimal) -> Option<Swing> {
    let point = |factor: Decimal| -> Option<Point> {
        let inputs = base.inputs.checked_mul(factor)?;
        Some(Point {
            value: inputs,
            ratio: base.present_value.checked_div(inputs)?,
        })
    };
    Swing::new(
        Parameter::Inputs,
        base.inputs,
        point(Decimal::ONE - step)?,
        point(Decimal::ONE + step)?,
    )
}

/// The flat discount rate moved by `step` points: every year's value (and the
/// inputs, when discounted) rediscounted. `None` under a declining schedule.
pub(super) fn discount_rate(
    model: &Model,
    results: &Results,
    base: &Base,
    step: Decimal,
) -> Option<Swing> {
    let conventions = &model.conventions;
    if conventions.schedule != Schedule::Flat {
        return None;
    }
    let point = |rate: Decimal| -> Option<Point> {
        Some(Point {
            value: rate,
            ratio: ratio_at_rate(model, results, base, rate)?,
        })
    };
    let [low, high] = rates(conventions.discount_rate, step, Decimal::ONE);
    Swing::new(
        Parameter::DiscountRate,
        conventions.discount_rate,
        point(low)?,
        point(high)?,
    )
}

/// The ratio with the flat discount rate at `rate`: every year's value (and
/// the inputs, when discounted) rediscounted.
pub(super) fn ratio_at_rate(
    model: &Model,
    results: &Results,
    base: &Base,
    rate: Decimal,
) -> Option<Decimal> {
    let conventions = &model.conventions;
    let varied = crate::model::Conventions {
        discount_rate: rate,
        ..conventions.clone()
    };
    let years = results.years.len().max(results.inputs_by_year.len());
    let factors = discount::factors(&varied, years as u32);
    let present_value = discounted(results.years.iter().map(|y| y.value), &factors)?;
    let inputs = if conventions.inputs_discounted {
        discounted(results.inputs_by_year.iter().copied(), &factors)?
    } else {
        base.inputs
    };
    present_value.checked_div(inputs)
}

fn discounted(values: impl Iterator<Item = Decimal>, factors: &[Decimal]) -> Option<Decimal> {
    values
        .zip(factors)
        .try_fold(Decimal::ZERO, |total, (value, factor)| {
            total.checked_add(value.checked_mul(*factor)?)
        })
}
