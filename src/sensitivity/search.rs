//! The switching values that need a search, on exact decimals.
//!
//! Drop-off: an outcome's value is a polynomial in (1 − drop_off) with
//! coefficients of one sign, so it is monotone from 0% to 100% drop-off. If
//! the target lies between the two ends, a bracketing search (regula falsi
//! with the Illinois step, falling back to bisection) closes in on it until
//! the ratio is within 10⁻¹⁰ of the target, far below the 4 places shown.
//!
//! Duration: whole years, walked one at a time from the model's duration in
//! the direction that moves the ratio towards the target. The switching value
//! is the first duration at which the ratio reaches the target (at or below
//! it when falling). Walking up stops as soon as even every remaining year
//! could not get there, bounded by the fastest the discount factors and the
//! drop-off let value fade.

use rust_decimal::Decimal;

use super::profile::Profile;
use super::{Base, MAX_DURATION, Point};

/// How close to the target the ratio must come, as a ratio.
pub(super) const RATIO_TOLERANCE: Decimal = Decimal::from_parts(1, 0, 0, false, 10);
const MAX_STEPS: usize = 200;

pub(super) fn drop_off(base: &Base, profile: &Profile) -> Option<Option<Point>> {
    let duration = profile.duration;
    // How far the ratio is from the target with `keep` = 1 − drop_off.
    let miss = |keep: Decimal| -> Option<Decimal> {
        let annuity = profile.annuity_at(keep, duration)?;
        profile.ratio_change(annuity)?.checked_sub(base.gap)
    };
    let found = if base.gap.abs() <= RATIO_TOLERANCE {
        Some(profile.keep)
    } else {
        // keep runs from 0 (drop-off 100%) to 1 (none).
        let (low, high) = (Decimal::ZERO, Decimal::ONE);
        // At the ends the annuity is the first year's units, or all of them.
        let first = profile.units(0)?;
        let all = profile.annuity_at(Decimal::ONE, duration)?;
        let miss_at = |annuity: Decimal| profile.ratio_change(annuity)?.checked_sub(base.gap);
        let (at_low, at_high) = (miss_at(first)?, miss_at(all)?);
        if at_low.abs() <= RATIO_TOLERANCE {
            Some(low)
        } else if at_high.abs() <= RATIO_TOLERANCE {
            Some(high)
        } else if (at_low > Decimal::ZERO) == (at_high > Decimal::ZERO) {
            None
        } else {
            Some(illinois(miss, (low, at_low), (high, at_high))?)
        }
    };
    let Some(keep) = found else {
        return Some(None);
    };
    let change = profile.ratio_change(profile.annuity_at(keep, duration)?)?;
    Some(Some(Point {
        value: Decimal::ONE - keep,
        ratio: base.ratio.checked_add(change)?,
    }))
}

/// A root of `f` between `a` and `b`, where `f` has opposite signs.
pub(super) fn illinois(
    f: impl Fn(Decimal) -> Option<Decimal>,
    (mut a, mut fa): (Decimal, Decimal),
    (mut b, mut fb): (Decimal, Decimal),
) -> Option<Decimal> {
    let mut best = if fa.abs() < fb.abs() {
        (a, fa)
    } else {
        (b, fb)
    };
    let mut kept = 0_i8;
    for _ in 0..MAX_STEPS {
        let secant = a
            .checked_mul(fb)
            .zip(b.checked_mul(fa))
            .and_then(|(x, y)| x.checked_sub(y))
            .and_then(|n| n.checked_div(fb.checked_sub(fa)?));
        let c = match secant {
            Some(c) if c > a.min(b) && c < a.max(b) => c,
            _ => (a + b) / Decimal::TWO,
        };
        if c == a || c == b {
            break;
        }
        let fc = f(c)?;
        if fc.abs() < best.1.abs() {
            best = (c, fc);
        }
        if fc.abs() <= RATIO_TOLERANCE {
            break;
        }
        // Keep the bracket; halve the value at an end kept twice running, so
        // the secant cannot stall on one side (the Illinois step).
        if (fc > Decimal::ZERO) == (fb > Decimal::ZERO) {
            (b, fb) = (c, fc);
            if kept == -1 {
                fa /= Decimal::TWO;
            }
            kept = -1;
        } else {
            (a, fa) = (c, fc);
            if kept == 1 {
                fb /= Decimal::TWO;
            }
            kept = 1;
        }
    }
    Some(best.0)
}

pub(super) fn duration(
    base: &Base,
    profile: &mut Profile,
    quantities: &[Decimal],
    factors: &[Decimal],
) -> Option<Option<Point>> {
    let current = profile.duration;
    let point = |years: u32, change: Decimal| -> Option<Option<Point>> {
        Some(Some(Point {
            value: years.into(),
            ratio: base.ratio.checked_add(change)?,
        }))
    };
    if base.gap.is_zero() {
        return point(current, Decimal::ZERO);
    }
    if profile.per_annuity.is_zero() {
        return Some(None);
    }
    let falling = base.falls();
    let keep = profile.keep;
    // Fewer years lower the value of a positive outcome and raise a negative one.
    if falling == (profile.per_annuity > Decimal::ZERO) {
        if !base.reached_by(profile.ratio_change(profile.units(0)?)?) {
            return Some(None);
        }
        let mut terms = Vec::with_capacity(current as usize);
        let mut power = Decimal::ONE;
        for j in 0..current as usize {
            terms.push(profile.units(j)?.checked_mul(power)?);
            power = power.checked_mul(keep)?;
        }
        let mut annuity = profile.annuity;
        for years in (1..current).rev() {
            annuity = annuity.checked_sub(terms[years as usize])?;
            let change = profile.ratio_change(annuity)?;
            if base.reached_by(change) {
                return point(years, change);
            }
        }
        return Some(None);
    }
    let fade = keep.checked_mul(base.decay)?;
    let mut annuity = profile.annuity;
    let mut power = Decimal::ONE;
    for _ in 0..current {
        power = power.checked_mul(keep)?;
    }
    for years in current + 1..=MAX_DURATION {
        profile.ensure_years(years as usize, quantities, factors)?;
        let term = profile.units(years as usize - 1)?.checked_mul(power)?;
        power = power.checked_mul(keep)?;
        annuity = annuity.checked_add(term)?;
        let change = profile.ratio_change(annuity)?;
        if base.reached_by(change) {
            return point(years, change);
        }
        if term.is_zero() {
            return Some(None);
        }
        if fade < Decimal::ONE {
            // Every later year is worth at most `fade` times the one before.
            let tail = term.checked_mul(fade)?.checked_div(Decimal::ONE - fade)?;
            if !base.reached_by(profile.ratio_change(annuity.checked_add(tail)?)?) {
                return Some(None);
            }
        }
    }
    Some(None)
}
