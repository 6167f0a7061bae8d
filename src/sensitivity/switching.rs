//! Switching values: the value of one assumption at which the ratio equals
//! the target, everything else held fixed.
//!
//! The present value of an outcome is linear in its proxy, in its quantity,
//! and in each deduction (under either convention), and the ratio is linear
//! in the reciprocal of the inputs, so those switching values are solved in
//! closed form. Drop-off and duration are not linear; `search` finds them.
//! A value outside the field's valid range is "not reachable": deductions and
//! drop-off within 0% to 100% (additive deductions within what the others
//! leave), quantities and inputs above zero, a proxy keeping its sign.

use rust_decimal::Decimal;

use super::profile::Profile;
use super::search;
use super::tornado::{self, NetLine};
use super::{Base, Parameter, Point, Switching};
use crate::calc::Results;
use crate::model::{Assumption, Deductions, Model, Outcome};
use crate::scenario::rate_ceiling;

/// The inputs total at which the ratio equals the target.
pub(super) fn inputs(base: &Base) -> Switching {
    let switch = base
        .present_value
        .checked_div(base.target)
        .filter(|inputs| *inputs > Decimal::ZERO)
        .and_then(|inputs| {
            Some(Point {
                value: inputs,
                ratio: base.present_value.checked_div(inputs)?,
            })
        });
    Switching {
        parameter: Parameter::Inputs,
        base: base.inputs,
        switch,
    }
}

/// The flat discount rate at which the ratio reaches the target: a
/// bracketing search between the model's rate and 0% or 100%, whichever
/// side the target lies on (to within 10⁻¹⁰ of it). `None` on overflow.
pub(super) fn discount_rate(model: &Model, results: &Results, base: &Base) -> Option<Switching> {
    let current = model.conventions.discount_rate;
    let miss = |rate: Decimal| {
        tornado::ratio_at_rate(model, results, base, rate)?.checked_sub(base.target)
    };
    let at_current = -base.gap;
    let mut found = None;
    if at_current.abs() <= search::RATIO_TOLERANCE {
        found = Some(current);
    }
    for end in [Decimal::ZERO, Decimal::ONE] {
        if found.is_some() || end == current {
            continue;
        }
        // A ratio beyond a decimal at one end is a side that cannot be searched.
        let Some(at_end) = miss(end) else { continue };
        if at_end.abs() <= search::RATIO_TOLERANCE {
            found = Some(end);
        } else if (at_end > Decimal::ZERO) != (at_current > Decimal::ZERO) {
            found = search::illinois(miss, (current, at_current), (end, at_end));
        }
    }
    let switch = match found {
        Some(rate) => Some(Point {
            value: rate,
            ratio: tornado::ratio_at_rate(model, results, base, rate)?,
        }),
        None => None,
    };
    Some(Switching {
        parameter: Parameter::DiscountRate,
        base: current,
        switch,
    })
}

/// The switching values of one outcome, in the order of its tornado swings,
/// or the assumption whose search goes beyond the largest decimal.
pub(super) fn outcome(
    base: &Base,
    index: usize,
    outcome: &Outcome,
    profile: &mut Profile,
    factors: &[Decimal],
) -> Result<Vec<Switching>, Assumption> {
    let gap = base.gap;
    let at = |found: Option<(Decimal, Decimal)>| -> Option<Option<Point>> {
        match found {
            Some((value, change)) => Some(Some(Point {
                value,
                ratio: base.ratio.checked_add(change)?,
            })),
            None => Some(None),
        }
    };
    let quantity = crate::model::assumption::total_quantity(outcome);
    let mut switches = Vec::with_capacity(7);
    let mut push = |assumption: Assumption, base_value: Decimal, switch: Option<Point>| {
        switches.push(Switching {
            parameter: Parameter::Outcome(index, assumption),
            base: base_value,
            switch,
        });
    };
    let quantity_switch = scaled(quantity, profile.share, gap).and_then(at);
    push(
        Assumption::Quantity,
        quantity,
        quantity_switch.ok_or(Assumption::Quantity)?,
    );
    let proxy_switch = proxy(outcome.proxy, profile, gap).and_then(at);
    push(
        Assumption::Proxy,
        outcome.proxy,
        proxy_switch.ok_or(Assumption::Proxy)?,
    );
    for assumption in Assumption::DEDUCTIONS {
        let found = deduction(base.deductions, gap, outcome, assumption, profile).and_then(at);
        let rate = assumption.rate_of(outcome).unwrap_or_default();
        push(assumption, rate, found.ok_or(assumption)?);
    }
    let drop_off = search::drop_off(base, profile).ok_or(Assumption::DropOff)?;
    push(Assumption::DropOff, outcome.drop_off, drop_off);
    let duration = search::duration(base, profile, &outcome.quantities, factors)
        .ok_or(Assumption::Duration)?;
    push(Assumption::Duration, outcome.duration.into(), duration);
    Ok(switches)
}

/// A value the outcome is proportional to (a quantity, or a non-zero proxy):
/// the ratio moves by `share` for each 100% it moves, so it reaches the
/// target at (1 + gap / share) times itself, if that keeps its sign.
fn scaled(value: Decimal, share: Decimal, gap: Decimal) -> Option<Option<(Decimal, Decimal)>> {
    let after = share.checked_add(gap)?;
    let same_sign = (after >= Decimal::ZERO) == (share >= Decimal::ZERO) || after.is_zero();
    if share.is_zero() || !same_sign {
        return Some(None);
    }
    let factor = after.checked_div(share)?;
    Some(Some((value.checked_mul(factor)?, gap)))
}

/// A proxy keeps its sign; a proxy of zero may become anything.
fn proxy(proxy: Decimal, profile: &Profile, gap: Decimal) -> Option<Option<(Decimal, Decimal)>> {
    if !proxy.is_zero() {
        return scaled(proxy, profile.share, gap);
    }
    if profile.per_proxy.is_zero() {
        return Some(None);
    }
    Some(Some((gap.checked_div(profile.per_proxy)?, gap)))
}

/// The ratio moves by `gross × Δnet`, and the net is linear in each deduction.
fn deduction(
    deductions: Deductions,
    gap: Decimal,
    outcome: &Outcome,
    assumption: Assumption,
    profile: &Profile,
) -> Option<Option<(Decimal, Decimal)>> {
    let ceiling = rate_ceiling(outcome, assumption, deductions);
    let line = NetLine::of(outcome, deductions, assumption);
    // Whether any rate from 0 to the ceiling gets there, before dividing.
    let wanted = profile.share.checked_add(gap)?;
    let ends = [
        profile.gross.checked_mul(line.net0)?,
        profile.gross.checked_mul(line.net(ceiling))?,
    ];
    let (lowest, highest) = (ends[0].min(ends[1]), ends[0].max(ends[1]));
    if wanted < lowest || wanted > highest || profile.gross.is_zero() || line.slope.is_zero() {
        return Some(None);
    }
    let net = wanted.checked_div(profile.gross)?;
    let found = line.net0.checked_sub(net)?.checked_div(line.slope)?;
    let rate = found.clamp(Decimal::ZERO, ceiling);
    let current = assumption.rate_of(outcome)?;
    Some(Some((
        rate,
        profile.gross.checked_mul(line.change(current, rate))?,
    )))
}
