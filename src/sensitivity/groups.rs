//! Group switching values: the one change to a field of many outcomes at
//! once (every outcome, or every outcome of one stakeholder) at which the
//! ratio reaches the target, everything else held. One-at-a-time switching
//! values rarely bite when no single outcome carries the ratio; "every
//! proxy would have to fall 72.5%" does.
//!
//! Proxies and quantities move by a share of themselves (`relative`): the
//! ratio is linear in that share, so the change is solved in closed form,
//! gap / Σ shares. Deductions move by points (`points`), each kept within 0%
//! and its ceiling: the ratio is piecewise linear in the shift, with a kink
//! where an outcome's rate meets a bound, so each piece is solved exactly in
//! turn, walking out from no shift. Drop-off (points) is a polynomial,
//! found by a bracketing search to within 10⁻¹⁰ of the target; durations
//! move in whole years (`years`), walked one at a time, the first that
//! reaches the target.

use rayon::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

use super::profile::Profile;
use super::search::{RATIO_TOLERANCE, illinois};
use super::tornado::NetLine;
use super::{Base, MAX_DURATION};
use crate::model::{Assumption, Model};
use crate::scenario::rate_ceiling;

/// How a group's change is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A share of each value: −0.725 is "72.5% lower".
    Relative,
    /// Percentage points as a fraction: 0.41 is "41 points more".
    Points,
    /// Whole years.
    Years,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Relative => "relative",
            Unit::Points => "points",
            Unit::Years => "years",
        }
    }
}

/// Which outcomes a group moves together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Members {
    Every,
    /// The outcomes of the stakeholder at this index of `Model::stakeholders`.
    Stakeholder(usize),
}

/// Where the ratio reaches the target when a field of a group of outcomes
/// moves together.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSwitching {
    pub members: Members,
    pub field: Assumption,
    pub unit: Unit,
    /// How many outcomes move.
    pub outcomes: usize,
    /// The change and the ratio there, or `None` when no change within the
    /// fields' valid ranges gets there.
    pub switch: Option<Change>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// A fraction for relative changes and points, whole years for durations.
    pub change: Decimal,
    pub ratio: Decimal,
}

impl GroupSwitching {
    /// `*.proxy` or `stakeholder:ID.proxy`.
    pub fn address(&self, model: &Model) -> String {
        match self.members {
            Members::Every => format!("*.{}", self.field.key()),
            Members::Stakeholder(index) => format!(
                "stakeholder:{}.{}",
                model.stakeholders[index].id,
                self.field.key()
            ),
        }
    }
}

/// The fields a group moves, in the order the tables show them.
const FIELDS: [Assumption; 7] = [
    Assumption::Proxy,
    Assumption::Quantity,
    Assumption::Deadweight,
    Assumption::Displacement,
    Assumption::Attribution,
    Assumption::DropOff,
    Assumption::Duration,
];

/// Every group of the model: each field over every outcome, then over each
/// stakeholder's outcomes (stakeholders with at least one). A group whose
/// search goes beyond the largest decimal has no switching value, and a note
/// says which.
pub(super) fn all(
    model: &Model,
    base: &Base,
    profiles: &mut [Profile],
    factors: &[Decimal],
) -> (Vec<GroupSwitching>, Vec<String>) {
    let mut groups = vec![(
        Members::Every,
        (0..model.outcomes.len()).collect::<Vec<_>>(),
    )];
    for (index, _) in model.stakeholders.iter().enumerate() {
        let members: Vec<usize> = (0..model.outcomes.len())
            .filter(|&o| model.outcomes[o].stakeholder == index)
            .collect();
        if !members.is_empty() {
            groups.push((Members::Stakeholder(index), members));
        }
    }
    // Every field but duration reads the profiles only: those groups are
    // solved on every core. Durations extend the profiles, one at a time.
    let shared: &[Profile] = profiles;
    let tasks: Vec<(usize, Assumption)> = (0..groups.len())
        .flat_map(|g| FIELDS.into_iter().map(move |field| (g, field)))
        .filter(|(_, field)| *field != Assumption::Duration)
        .collect();
    let solved: Vec<Option<Option<Change>>> = tasks
        .par_iter()
        .map(|&(g, field)| {
            let outcomes = &groups[g].1;
            match field {
                Assumption::Proxy | Assumption::Quantity => relative(base, shared, outcomes),
                Assumption::DropOff => drop_off(model, base, shared, outcomes),
                deduction => points(model, base, shared, outcomes, deduction),
            }
        })
        .collect();
    let mut solved = solved.into_iter();
    let mut found = Vec::with_capacity(groups.len() * FIELDS.len());
    let mut notes = Vec::new();
    for (members, outcomes) in &groups {
        for field in FIELDS {
            let (unit, switch) = match field {
                Assumption::Duration => (
                    Unit::Years,
                    duration(model, base, profiles, outcomes, factors),
                ),
                Assumption::Proxy | Assumption::Quantity => {
                    (Unit::Relative, solved.next().flatten())
                }
                _ => (Unit::Points, solved.next().flatten()),
            };
            let mut group = GroupSwitching {
                members: members.clone(),
                field,
                unit,
                outcomes: outcomes.len(),
                switch: None,
            };
            match switch {
                Some(switch) => group.switch = switch,
                None => notes.push(format!(
                    "moving `{}` together takes the ratio beyond the largest supported amount, so it has no switching value",
                    group.address(model)
                )),
            }
            found.push(group);
        }
    }
    (found, notes)
}

/// Every proxy (or quantity) times (1 + c): the ratio moves by c × Σ shares,
/// so c = gap / Σ shares, if no value has to change sign (c ≥ −1).
fn relative(base: &Base, profiles: &[Profile], outcomes: &[usize]) -> Option<Option<Change>> {
    let share = outcomes
        .iter()
        .try_fold(Decimal::ZERO, |sum, &o| sum.checked_add(profiles[o].share))?;
    if share.is_zero() {
        return Some(None);
    }
    let change = base.gap.checked_div(share)?;
    if change < -Decimal::ONE {
        return Some(None);
    }
    Some(Some(Change {
        change,
        ratio: base.ratio.checked_add(change.checked_mul(share)?)?,
    }))
}

/// Every rate of one deduction shifted by d points, each kept within 0% and
/// its ceiling. The change in the ratio, Σ perᵢ × (clamp(rᵢ + d) − rᵢ) with
/// perᵢ = −grossᵢ × slopeᵢ, is linear between the shifts at which some rate
/// meets a bound. Walking out from no shift, one bound at a time in each
/// direction, the slope is the sum over the rates still free to move, so
/// the root on the piece where the change crosses the gap is exact, and the
/// walk costs a sort of the bounds however many outcomes move.
fn points(
    model: &Model,
    base: &Base,
    profiles: &[Profile],
    outcomes: &[usize],
    deduction: Assumption,
) -> Option<Option<Change>> {
    if base.gap.is_zero() {
        return Some(Some(Change {
            change: Decimal::ZERO,
            ratio: base.ratio,
        }));
    }
    // For each rate: how far it may rise, how far it may fall, the ratio per point.
    let mut up = Vec::with_capacity(outcomes.len());
    let mut down = Vec::with_capacity(outcomes.len());
    for &o in outcomes {
        let outcome = &model.outcomes[o];
        let rate = deduction.rate_of(outcome)?;
        let net = NetLine::of(outcome, base.deductions, deduction);
        let ceiling = rate_ceiling(outcome, deduction, base.deductions).max(rate);
        let per_point = -profiles[o].gross.checked_mul(net.slope)?;
        up.push((ceiling.checked_sub(rate)?, per_point));
        // Falling by t points changes the ratio by −per × t: the same walk
        // with each slope's sign turned.
        down.push((rate, -per_point));
    }
    let rise = walk(up, base.gap)?;
    let fall = walk(down, base.gap)?.map(|t| -t);
    let found = match (rise, fall) {
        (Some(r), Some(f)) => Some(if r.abs() <= f.abs() { r } else { f }),
        (r, f) => r.or(f),
    };
    Some(found.map(|change| Change {
        change,
        ratio: base.target,
    }))
}

/// The smallest distance t ≥ 0 at which Σ slopeᵢ × min(t, roomᵢ) equals
/// `gap`; `Some(None)` when none does, `None` on overflow. `lines` are
/// (roomᵢ, slopeᵢ).
fn walk(mut lines: Vec<(Decimal, Decimal)>, gap: Decimal) -> Option<Option<Decimal>> {
    lines.retain(|(room, slope)| *room > Decimal::ZERO && !slope.is_zero());
    lines.sort_by_key(|a| a.0);
    let mut slope = lines
        .iter()
        .try_fold(Decimal::ZERO, |sum, (_, s)| sum.checked_add(*s))?;
    let (mut at, mut change) = (Decimal::ZERO, Decimal::ZERO);
    let mut i = 0;
    while i < lines.len() {
        let next = lines[i].0;
        let end = change.checked_add(slope.checked_mul(next.checked_sub(at)?)?)?;
        let crosses = (change < gap && gap <= end) || (change > gap && gap >= end);
        if crosses && !slope.is_zero() {
            return Some(Some(
                at.checked_add(gap.checked_sub(change)?.checked_div(slope)?)?,
            ));
        }
        (at, change) = (next, end);
        while i < lines.len() && lines[i].0 == next {
            slope = slope.checked_sub(lines[i].1)?;
            i += 1;
        }
    }
    Some(None)
}

/// Every drop-off shifted by d points (kept within 0% and 100%): each
/// outcome's value is a polynomial in its (1 − drop-off), so the root is
/// bracketed between no shift and the end of the range, and searched.
fn drop_off(
    model: &Model,
    base: &Base,
    profiles: &[Profile],
    outcomes: &[usize],
) -> Option<Option<Change>> {
    let change_at = |d: Decimal| -> Option<Decimal> {
        outcomes.iter().try_fold(Decimal::ZERO, |sum, &o| {
            let profile = &profiles[o];
            let drop_off = model.outcomes[o].drop_off;
            let moved = drop_off.checked_add(d)?.clamp(Decimal::ZERO, Decimal::ONE);
            let annuity = profile.annuity_at(Decimal::ONE - moved, profile.duration)?;
            sum.checked_add(profile.ratio_change(annuity)?)
        })
    };
    let miss = |d: Decimal| change_at(d)?.checked_sub(base.gap);
    let at_zero = miss(Decimal::ZERO)?;
    let at = |d: Decimal| -> Option<Option<Change>> {
        Some(Some(Change {
            change: d,
            ratio: base.ratio.checked_add(change_at(d)?)?,
        }))
    };
    if at_zero.abs() <= RATIO_TOLERANCE {
        return at(Decimal::ZERO);
    }
    let lowest = outcomes
        .iter()
        .map(|&o| model.outcomes[o].drop_off)
        .min()
        .unwrap_or_default();
    let highest = outcomes
        .iter()
        .map(|&o| model.outcomes[o].drop_off)
        .max()
        .unwrap_or_default();
    // Beyond these shifts every drop-off sits at a bound.
    let ends = [Decimal::ONE - lowest, -highest];
    let approximate = Approximate::new(model, base, profiles, outcomes);
    let mut best: Option<Decimal> = None;
    for end in ends {
        if end.is_zero() {
            continue;
        }
        let at_end = miss(end)?;
        let root = if at_end.abs() <= RATIO_TOLERANCE {
            Some(end)
        } else if (at_end > Decimal::ZERO) != (at_zero > Decimal::ZERO) {
            // Close in with binary floating point first (a few operations per
            // outcome and year), then finish exactly from a bracket a
            // billionth wide around it; the full bracket if that misses.
            let near = approximate
                .root(end.as_f64())
                .and_then(|x| tight_bracket(&miss, x, end))
                .unwrap_or(((Decimal::ZERO, at_zero), (end, at_end)));
            Some(illinois(miss, near.0, near.1)?)
        } else {
            None
        };
        if let Some(root) = root {
            if best.is_none_or(|b| root.abs() < b.abs()) {
                best = Some(root);
            }
        }
    }
    match best {
        Some(d) => at(d),
        None => Some(None),
    }
}

/// A group's change in the ratio with every drop-off shifted, in f64: a
/// guide for the exact search, never a result.
struct Approximate {
    /// (drop-off, ratio per unit of annuity, annuity, units by year).
    outcomes: Vec<(f64, f64, f64, Vec<f64>)>,
    gap: f64,
}

impl Approximate {
    fn new(model: &Model, base: &Base, profiles: &[Profile], outcomes: &[usize]) -> Self {
        let outcomes = outcomes
            .iter()
            .map(|&o| {
                let profile = &profiles[o];
                let units = (0..profile.duration as usize)
                    .map(|j| profile.units(j).unwrap_or_default().as_f64())
                    .collect();
                (
                    model.outcomes[o].drop_off.as_f64(),
                    profile.per_annuity.as_f64(),
                    profile.annuity.as_f64(),
                    units,
                )
            })
            .collect();
        Approximate {
            outcomes,
            gap: base.gap.as_f64(),
        }
    }

    fn miss(&self, d: f64) -> f64 {
        let change: f64 = self
            .outcomes
            .iter()
            .map(|(drop_off, per_annuity, annuity, units)| {
                let keep = 1.0 - (drop_off + d).clamp(0.0, 1.0);
                let moved = units.iter().rev().fold(0.0, |total, u| total * keep + u);
                per_annuity * (moved - annuity)
            })
            .sum();
        change - self.gap
    }

    /// The root between 0 and `end` by bisection, if the signs bracket one.
    fn root(&self, end: f64) -> Option<f64> {
        let (mut a, mut b) = (0.0, end);
        let (fa, fb) = (self.miss(a), self.miss(b));
        if !(fa.is_finite() && fb.is_finite()) || (fa > 0.0) == (fb > 0.0) {
            return None;
        }
        for _ in 0..80 {
            let c = (a + b) / 2.0;
            if (self.miss(c) > 0.0) == (fa > 0.0) {
                a = c;
            } else {
                b = c;
            }
        }
        Some((a + b) / 2.0)
    }
}

/// A bracket [x − ε, x + ε] (within 0 and `end`) on which `miss` changes
/// sign, with its values; `None` if it does not.
#[allow(clippy::type_complexity)]
fn tight_bracket(
    miss: &impl Fn(Decimal) -> Option<Decimal>,
    x: f64,
    end: Decimal,
) -> Option<((Decimal, Decimal), (Decimal, Decimal))> {
    let (low, high) = (Decimal::ZERO.min(end), Decimal::ZERO.max(end));
    let at = |v: f64| Decimal::from_f64(v).map(|d| d.clamp(low, high));
    let (a, b) = (at(x - 1e-9)?, at(x + 1e-9)?);
    let (fa, fb) = (miss(a)?, miss(b)?);
    ((fa > Decimal::ZERO) != (fb > Decimal::ZERO)).then_some(((a, fa), (b, fb)))
}

/// Every duration moved by the same whole number of years (never below 1
/// nor above the longest the model allows), walked a year at a time from
/// the model's in the direction that moves the ratio towards the target;
/// the first that reaches it. Walking up stops once even every remaining
/// year, fading at least as fast as its discount factors and drop-off allow,
/// could not close the gap.
fn duration(
    model: &Model,
    base: &Base,
    profiles: &mut [Profile],
    outcomes: &[usize],
    factors: &[Decimal],
) -> Option<Option<Change>> {
    if base.gap.is_zero() {
        return Some(Some(Change {
            change: Decimal::ZERO,
            ratio: base.ratio,
        }));
    }
    let falling = base.falls();
    let found = |years: i64, change: Decimal| -> Option<Option<Change>> {
        Some(Some(Change {
            change: Decimal::from(years),
            ratio: base.ratio.checked_add(change)?,
        }))
    };
    // One term of an outcome's annuity: its ratio's worth of year j.
    let term = |profile: &Profile, j: usize| -> Option<Decimal> {
        let power = power(profile.keep, j)?;
        profile
            .per_annuity
            .checked_mul(profile.units(j)?.checked_mul(power)?)
    };
    // Longer lives raise a positive outcome's value and lower a negative
    // one's: when the group's outcomes share a sign, only one way can work.
    let rising = outcomes
        .iter()
        .all(|&o| profiles[o].per_annuity >= Decimal::ZERO);
    let falling_value = outcomes
        .iter()
        .all(|&o| profiles[o].per_annuity <= Decimal::ZERO);
    let (try_down, try_up) = match (rising, falling_value) {
        (true, _) => (falling, !falling),
        (_, true) => (!falling, falling),
        _ => (true, true),
    };
    // Down: each step removes the last year of every outcome still longer than one.
    let longest = outcomes
        .iter()
        .map(|&o| profiles[o].duration)
        .max()
        .unwrap_or(1);
    let mut change = Decimal::ZERO;
    for years in (1..longest).filter(|_| try_down) {
        for &o in outcomes {
            let profile = &profiles[o];
            if profile.duration > years {
                let removed = (profile.duration - years) as usize;
                change = change.checked_sub(term(profile, removed)?)?;
            }
        }
        if base.reached_by(change) {
            return found(-i64::from(years), change);
        }
    }
    // Up: each step adds the next year of every outcome not at the limit.
    let mut change = Decimal::ZERO;
    for years in (1..=MAX_DURATION).filter(|_| try_up) {
        let mut added = Decimal::ZERO;
        let mut tail = Decimal::ZERO;
        let mut unbounded = false;
        let mut growing = false;
        for &o in outcomes {
            let profile = &mut profiles[o];
            let Some(last) = profile
                .duration
                .checked_add(years)
                .filter(|d| *d <= MAX_DURATION)
            else {
                continue;
            };
            growing = true;
            profile.ensure_years(last as usize, &model.outcomes[o].quantities, factors)?;
            let worth = term(profile, last as usize - 1)?;
            added = added.checked_add(worth)?;
            let fade = profile.keep.checked_mul(base.decay)?;
            if fade < Decimal::ONE {
                let rest = worth
                    .abs()
                    .checked_mul(fade)?
                    .checked_div(Decimal::ONE - fade)?;
                tail = tail.checked_add(rest)?;
            } else if !worth.is_zero() {
                unbounded = true;
            }
        }
        if !growing {
            break;
        }
        change = change.checked_add(added)?;
        if base.reached_by(change) {
            return found(i64::from(years), change);
        }
        if !unbounded && base.gap.checked_sub(change)?.abs() > tail {
            break;
        }
    }
    Some(None)
}

/// keep^j by squaring: a rate of at most 1 to a power never overflows.
fn power(keep: Decimal, mut j: usize) -> Option<Decimal> {
    let (mut result, mut square) = (Decimal::ONE, keep);
    while j > 0 {
        if j & 1 == 1 {
            result = result.checked_mul(square)?;
        }
        j >>= 1;
        if j > 0 {
            square = square.checked_mul(square)?;
        }
    }
    Some(result)
}
