//! How far the ratio rests on each assumption: one-at-a-time variation (the
//! tornado) and switching values, the value at which an assumption would
//! bring the ratio to the target, holding the rest fixed.
//!
//! The model is computed once. Each outcome is then reduced to a `Profile`
//! from which its present value under any proxy, quantity, deduction,
//! drop-off or duration is a short sum, and a varied ratio is the base present
//! value with that one outcome's value replaced. The analysis of a model
//! therefore costs about what one `calc` of it costs, however many outcomes it
//! has. Exact decimals throughout, as in `calc`; outcomes are analysed on
//! every core.

pub mod groups;
mod order;
mod profile;
mod search;
mod switching;
mod tornado;

use rayon::prelude::*;
use rust_decimal::Decimal;

use crate::calc::{Results, discount};
use crate::diagnostic::{Diagnostic, ErrorCode, LARGEST};
use crate::model::{Assumption, Deductions, Limits, Model, Outcome, Schedule};
use groups::GroupSwitching;
use profile::Profile;

/// How far each assumption is moved either way.
#[derive(Debug, Clone, PartialEq)]
pub struct Steps {
    /// Deductions and drop-off, in percentage points as a fraction (0.10).
    pub deduction: Decimal,
    /// Proxies, as a fraction of themselves (0.20).
    pub proxy: Decimal,
    pub quantity: Decimal,
    pub inputs: Decimal,
    /// The flat discount rate, in percentage points as a fraction (0.01).
    pub rate: Decimal,
    pub duration: u32,
}

impl Default for Steps {
    fn default() -> Self {
        Steps {
            deduction: Decimal::new(10, 2),
            proxy: Decimal::new(20, 2),
            quantity: Decimal::new(20, 2),
            inputs: Decimal::new(20, 2),
            rate: Decimal::new(1, 2),
            duration: 1,
        }
    }
}

/// What is varied: one assumption of one outcome, or a model-wide figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Parameter {
    DiscountRate,
    Inputs,
    /// An assumption of the outcome at this index of `Model::outcomes`.
    Outcome(usize, Assumption),
}

impl Parameter {
    /// `isolation.proxy`, `inputs` or `discount_rate`.
    pub fn name(self, model: &Model) -> String {
        self.shown(model).to_string()
    }

    /// The name, written where it is needed rather than built first: a
    /// large model's outputs name hundreds of thousands of parameters.
    pub fn shown(self, model: &Model) -> Name<'_> {
        Name {
            parameter: self,
            model,
        }
    }
}

/// A parameter's name as `Parameter::name` spells it.
pub struct Name<'m> {
    parameter: Parameter,
    model: &'m Model,
}

impl std::fmt::Display for Name<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.parameter {
            Parameter::DiscountRate => f.write_str("discount_rate"),
            Parameter::Inputs => f.write_str("inputs"),
            Parameter::Outcome(index, assumption) => {
                let id = &self.model.outcomes[index].id;
                write!(f, "{id}.{}", assumption.key())
            }
        }
    }
}

/// A value of a parameter and the ratio the model has with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub value: Decimal,
    pub ratio: Decimal,
}

/// One bar of the tornado. Values are as the model writes them (rates as
/// fractions); a quantity is the total over cohorts, which move in proportion.
#[derive(Debug, Clone, PartialEq)]
pub struct Swing {
    pub parameter: Parameter,
    pub base: Decimal,
    /// The parameter moved down by its step (clamped to its valid range).
    pub low: Point,
    /// The parameter moved up by its step.
    pub high: Point,
}

impl Swing {
    /// A swing whose width fits in a decimal, or `None`: ratios either side
    /// of zero can each fit while the distance between them does not.
    pub(crate) fn new(
        parameter: Parameter,
        base: Decimal,
        low: Point,
        high: Point,
    ) -> Option<Swing> {
        high.ratio.checked_sub(low.ratio)?;
        Some(Swing {
            parameter,
            base,
            low,
            high,
        })
    }

    /// How far apart the two ratios are: what the tornado ranks by. `new`
    /// has checked that it fits.
    pub fn width(&self) -> Decimal {
        (self.high.ratio - self.low.ratio).abs()
    }
}

impl Swing {
    /// A stand-in for a row that failed, never shown.
    fn unused() -> Swing {
        Swing {
            parameter: Parameter::Inputs,
            base: Decimal::ZERO,
            low: Point::zero(),
            high: Point::zero(),
        }
    }
}

impl Point {
    fn zero() -> Point {
        Point {
            value: Decimal::ZERO,
            ratio: Decimal::ZERO,
        }
    }
}

impl Switching {
    /// A stand-in for a row that failed, never shown.
    fn unused() -> Switching {
        Switching {
            parameter: Parameter::Inputs,
            base: Decimal::ZERO,
            switch: None,
        }
    }
}

/// Where the ratio reaches the target, or `None` when no valid value does.
#[derive(Debug, Clone, PartialEq)]
pub struct Switching {
    pub parameter: Parameter,
    pub base: Decimal,
    /// The switching value and the ratio there (the target, except for a
    /// duration, which moves in whole years).
    pub switch: Option<Point>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub present_value: Decimal,
    pub inputs: Decimal,
    pub ratio: Decimal,
    pub target: Decimal,
    pub steps: Steps,
    /// Widest swing first.
    pub tornado: Vec<Swing>,
    /// In the order of the tornado.
    pub switching: Vec<Switching>,
    /// A field of every outcome, then of each stakeholder's outcomes, moved together.
    pub groups: Vec<GroupSwitching>,
    /// Why a parameter was left out.
    pub notes: Vec<String>,
}

/// The figures every variation starts from.
pub(crate) struct Base {
    pub present_value: Decimal,
    pub inputs: Decimal,
    pub ratio: Decimal,
    pub target: Decimal,
    pub deductions: Deductions,
    /// The largest ratio of one year's discount factor to the year before's.
    pub decay: Decimal,
    /// 1 / inputs, so that a present value becomes a share of the ratio by a product.
    pub inverse_inputs: Decimal,
    /// How far the ratio must move to reach the target: target − ratio.
    pub gap: Decimal,
}

impl Base {
    /// Whether the ratio must fall to reach the target.
    pub fn falls(&self) -> bool {
        self.gap < Decimal::ZERO
    }

    /// Whether a change of the ratio by `change` reaches the target: it
    /// covers the gap, in the gap's direction.
    pub fn reached_by(&self, change: Decimal) -> bool {
        if self.falls() {
            change <= self.gap
        } else {
            change >= self.gap
        }
    }
}

/// The longest duration a search may try: the model's own limit.
pub const MAX_DURATION: u32 = Limits::DEFAULT.max_years;

/// Vary every assumption of the model one at a time, and find each switching value.
pub fn analyse(
    model: &Model,
    results: &Results,
    steps: &Steps,
    target: Decimal,
) -> Result<Analysis, Diagnostic> {
    let ratio = results.ratio;
    let factors = long_factors(model, steps.duration);
    let base = Base {
        present_value: results.present_value,
        inputs: results.inputs_total,
        ratio,
        target,
        deductions: model.conventions.deductions,
        decay: decay(&factors),
        // Inputs are at least 1e-28, so their inverse is at most 1e28.
        inverse_inputs: Decimal::ONE
            .checked_div(results.inputs_total)
            .ok_or_else(|| {
                overflow_at(
                    model.largest_input_span(),
                    "the inverse of the inputs is beyond",
                )
            })?,
        gap: target.checked_sub(ratio).ok_or_else(|| {
            let what = format!("the distance from the ratio to the target {target} is beyond");
            overflow_at(model.largest_input_span(), &what)
        })?,
    };
    let mut model_wide: Vec<(Swing, Switching)> = Vec::with_capacity(2);
    let mut notes = Vec::new();
    if model.conventions.schedule == Schedule::Flat {
        let overflow = || {
            let what = "varying the discount rate takes the present value beyond";
            overflow_at(largest_outcome_span(model, results), what)
        };
        let swing =
            tornado::discount_rate(model, results, &base, steps.rate).ok_or_else(overflow)?;
        let switch = switching::discount_rate(model, results, &base).ok_or_else(overflow)?;
        model_wide.push((swing, switch));
    } else {
        notes.push(format!(
            "the discount rate is not varied: the \"{}\" schedule fixes the rate of every year",
            model.conventions.schedule.as_str()
        ));
    }
    let inputs = tornado::inputs(&base, steps.inputs).ok_or_else(|| {
        overflow_at(
            model.largest_input_span(),
            "varying the inputs takes the ratio beyond",
        )
    })?;
    model_wide.push((inputs, switching::inputs(&base)));
    let mut profiles = profiles(model, &base, &factors, steps)?;
    let (mut tornado, mut switching) =
        rows_of(&model.outcomes, &base, &mut profiles, &factors, steps)?;
    let (groups, overflowed) = groups::all(model, &base, &mut profiles, &factors);
    notes.extend(overflowed);
    // The model-wide rows come first among equal widths; they are stored
    // after the outcomes' rows so that those can be written in place.
    let outcome_count = tornado.len();
    for (swing, switch) in model_wide.iter().cloned() {
        tornado.push(swing);
        switching.push(switch);
    }
    let rank = |index: usize| {
        if index >= outcome_count {
            index - outcome_count
        } else {
            index + model_wide.len()
        }
    };
    order::widest_first(&mut tornado, &mut switching, rank);
    Ok(Analysis {
        present_value: base.present_value,
        inputs: base.inputs,
        ratio,
        target,
        steps: steps.clone(),
        tornado,
        switching,
        groups,
        notes,
    })
}

/// Each outcome's profile: its value as a share of the ratio. Outcomes are
/// independent, so they are analysed on every core, and come back in the
/// model's order whatever the threads did. The error is the first outcome's
/// in the file: an outcome before the first that cannot be profiled may
/// still fail in its rows.
fn profiles(
    model: &Model,
    base: &Base,
    factors: &[Decimal],
    steps: &Steps,
) -> Result<Vec<Profile>, Diagnostic> {
    let profile = |outcome: &Outcome| {
        Profile::new(
            outcome,
            base.deductions,
            factors,
            base.inverse_inputs,
            steps.duration,
        )
        .ok_or_else(|| overflow_in(outcome, Assumption::Quantity))
    };
    let profiled: Result<Vec<Profile>, Diagnostic> =
        model.outcomes.par_iter().map(profile).collect();
    if profiled.is_ok() {
        return profiled;
    }
    // Rarely met, so found again in order rather than kept per outcome.
    let mut earlier = Vec::new();
    for outcome in &model.outcomes {
        match profile(outcome) {
            Ok(profile) => earlier.push(profile),
            Err(failed) => {
                let before = &model.outcomes[..earlier.len()];
                return match rows_of(before, base, &mut earlier, factors, steps) {
                    Err(earlier) => Err(earlier),
                    Ok(_) => Err(failed),
                };
            }
        }
    }
    profiled
}

/// The seven swings and switching values of every outcome, in the model's
/// order, with room for the two model-wide rows after them. Each outcome
/// writes its seven in place in one vector of each: a model of 100,000
/// outcomes has 700,000 of them, and no second copy is made.
fn rows_of(
    outcomes: &[Outcome],
    base: &Base,
    profiles: &mut [Profile],
    factors: &[Decimal],
    steps: &Steps,
) -> Result<(Vec<Swing>, Vec<Switching>), Diagnostic> {
    // The first outcome (in the model's order) whose analysis overflows:
    // both passes run before it is taken, its swings before its switching
    // values, as one outcome's analysis would meet them.
    let failed = std::sync::Mutex::new(None::<(usize, Assumption)>);
    let fail = |index: usize, assumption: Assumption| {
        let mut failed = failed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if failed.is_none_or(|(first, _)| index < first) {
            *failed = Some((index, assumption));
        }
    };
    let first_failure = |failed: &std::sync::Mutex<Option<(usize, Assumption)>>| {
        let failed = failed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        failed.map(|(index, assumption)| overflow_in(&outcomes[index], assumption))
    };
    // One spare entry of seven leaves room for the model-wide rows. An
    // outcome that fails holds stand-ins until the error is returned:
    // vectors of options would need a copy of every row to unwrap.
    let mut swings: Vec<[Swing; 7]> = Vec::with_capacity(outcomes.len() + 1);
    outcomes
        .par_iter()
        .zip(profiles.par_iter())
        .enumerate()
        .map(|(index, (outcome, profile))| {
            match tornado::outcome(base, index, outcome, profile, steps) {
                Ok(swings) => seven(swings),
                Err(assumption) => {
                    fail(index, assumption);
                    [(); 7].map(|()| Swing::unused())
                }
            }
        })
        .collect_into_vec(&mut swings);
    let mut switches: Vec<[Switching; 7]> = Vec::with_capacity(outcomes.len() + 1);
    outcomes
        .par_iter()
        .zip(profiles.par_iter_mut())
        .enumerate()
        .map(|(index, (outcome, profile))| {
            match switching::outcome(base, index, outcome, profile, factors) {
                Ok(switches) => seven(switches),
                Err(assumption) => {
                    fail(index, assumption);
                    [(); 7].map(|()| Switching::unused())
                }
            }
        })
        .collect_into_vec(&mut switches);
    if let Some(error) = first_failure(&failed) {
        return Err(error);
    }
    Ok((swings.into_flattened(), switches.into_flattened()))
}

/// An outcome's rows, one for each of its seven assumptions.
fn seven<T>(rows: Vec<T>) -> [T; 7] {
    match rows.try_into() {
        Ok(seven) => seven,
        Err(_) => unreachable!("an outcome has one row for each of its seven assumptions"),
    }
}

/// Discount factors far enough out for the longest duration any search tries.
fn long_factors(model: &Model, duration_step: u32) -> Vec<Decimal> {
    let latest_start = model
        .outcomes
        .iter()
        .map(|o| o.start_year + o.quantities.len() as u32 - 1)
        .max()
        .unwrap_or(1);
    let longest = model.outcomes.iter().map(|o| o.duration).max().unwrap_or(1);
    let horizon = MAX_DURATION.max(longest.saturating_add(duration_step));
    discount::factors(&model.conventions, latest_start.saturating_add(horizon))
}

fn decay(factors: &[Decimal]) -> Decimal {
    factors
        .windows(2)
        .filter(|pair| !pair[0].is_zero())
        .filter_map(|pair| pair[1].checked_div(pair[0]))
        .max()
        .unwrap_or(Decimal::ONE)
        .min(Decimal::ONE)
}

/// Moving `assumption` of `outcome` by its step, or searching it for the
/// switching value, takes the ratio or the assumption itself beyond a decimal.
fn overflow_in(outcome: &Outcome, assumption: Assumption) -> Diagnostic {
    Diagnostic::new(
        ErrorCode::TooLarge,
        outcome.spans.of(assumption.key()),
        format!(
            "varying the {} of outcome `{}` takes the ratio or the {0} beyond {LARGEST}",
            assumption.words(),
            outcome.id
        ),
    )
}

/// "`what` the largest supported amount (about 7.9e28)", at `span`.
fn overflow_at(span: crate::diagnostic::Span, what: &str) -> Diagnostic {
    Diagnostic::new(ErrorCode::TooLarge, span, format!("{what} {LARGEST}"))
}

/// The outcome with the largest present value, either way: what moves most
/// when the discount rate does.
fn largest_outcome_span(model: &Model, results: &Results) -> crate::diagnostic::Span {
    model
        .outcomes
        .iter()
        .zip(&results.outcomes)
        .max_by_key(|(_, result)| result.present_value.abs())
        .map_or_else(
            || model.spans.of("outcomes"),
            |(outcome, _)| outcome.spans.table.clone(),
        )
}
