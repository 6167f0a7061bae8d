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
        match self {
            Parameter::DiscountRate => "discount_rate".to_owned(),
            Parameter::Inputs => "inputs".to_owned(),
            Parameter::Outcome(index, assumption) => {
                format!("{}.{}", model.outcomes[index].id, assumption.key())
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
    let mut rows: Vec<Row> = Vec::with_capacity(model.outcomes.len() * 7 + 2);
    let mut notes = Vec::new();
    if model.conventions.schedule == Schedule::Flat {
        let overflow = || {
            let what = "varying the discount rate takes the present value beyond";
            overflow_at(largest_outcome_span(model, results), what)
        };
        let swing =
            tornado::discount_rate(model, results, &base, steps.rate).ok_or_else(overflow)?;
        let switch = switching::discount_rate(model, results, &base).ok_or_else(overflow)?;
        rows.push((swing, Some(switch)));
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
    rows.push((inputs, Some(switching::inputs(&base))));
    // Outcomes are independent, so they are analysed on every core; the
    // rows come back in the model's order whatever the threads did. The
    // results are gathered before any error is taken, so the error reported
    // is the first outcome's in the file, not the first a thread met.
    let analysed: Vec<Result<(Vec<Row>, Profile), _>> = model
        .outcomes
        .par_iter()
        .enumerate()
        .map(|(index, outcome)| analyse_outcome(&base, index, outcome, &factors, steps))
        .collect();
    let per_outcome: Vec<(Vec<Row>, Profile)> = analysed.into_iter().collect::<Result<_, _>>()?;
    let mut profiles = Vec::with_capacity(per_outcome.len());
    for (outcome_rows, profile) in per_outcome {
        rows.extend(outcome_rows);
        profiles.push(profile);
    }
    let (groups, overflowed) = groups::all(model, &base, &mut profiles, &factors);
    notes.extend(overflowed);
    let (tornado, switching) = widest_first(rows);
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

/// One parameter's swing and, for all but the discount rate, its switching value.
type Row = (Swing, Option<Switching>);

/// The seven rows of one outcome, and its profile for the group switching values.
fn analyse_outcome(
    base: &Base,
    index: usize,
    outcome: &Outcome,
    factors: &[Decimal],
    steps: &Steps,
) -> Result<(Vec<Row>, Profile), Diagnostic> {
    let overflow = |assumption| overflow_in(outcome, assumption);
    // The profile is the outcome's value as a share of the ratio.
    let mut profile = Profile::new(
        outcome,
        base.deductions,
        factors,
        base.inverse_inputs,
        steps.duration,
    )
    .ok_or_else(|| overflow(Assumption::Quantity))?;
    let swings = tornado::outcome(base, index, outcome, &profile, steps).map_err(overflow)?;
    let switches =
        switching::outcome(base, index, outcome, &mut profile, factors).map_err(overflow)?;
    let rows = swings
        .into_iter()
        .zip(switches.into_iter().map(Some))
        .collect();
    Ok((rows, profile))
}

/// The rows ordered by the width of their swing, widest first, the model's
/// order kept among widths equal to 18 places. Indices are sorted on an
/// integer key, then each row moved once: a large model sorts in moments.
fn widest_first(rows: Vec<Row>) -> (Vec<Swing>, Vec<Switching>) {
    let mut order: Vec<((i128, i128), usize)> = rows
        .iter()
        .enumerate()
        .map(|(index, (swing, _))| (width_key(swing.width()), index))
        .collect();
    order.par_sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut rows: Vec<Option<Row>> = rows.into_iter().map(Some).collect();
    let mut tornado = Vec::with_capacity(rows.len());
    let mut switching = Vec::with_capacity(rows.len());
    for (_, index) in order {
        if let Some((swing, switch)) = rows[index].take() {
            tornado.push(swing);
            switching.extend(switch);
        }
    }
    (tornado, switching)
}

/// A width as its whole part and its fraction in units of 10⁻¹⁸, truncated:
/// comparing these is comparing the widths to 18 places, without rescaling
/// decimals at every comparison. Both parts fit in an i128 for any width,
/// up to the largest decimal.
fn width_key(width: Decimal) -> (i128, i128) {
    const PLACES: u32 = 18;
    let whole = width.trunc();
    let fraction = (width - whole) * Decimal::from(10_i64.pow(PLACES));
    let part = |d: Decimal| i128::try_from(d.trunc()).unwrap_or(i128::MAX);
    (part(whole), part(fraction))
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
