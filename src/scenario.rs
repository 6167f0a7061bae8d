//! Applying a named scenario to a model: the model as it would be with the
//! scenario's overrides written into it, which `calc` then computes exactly as
//! it computes any model.
//!
//! The rules, in the order they apply:
//! - The discount rate first (flat schedules only), then the inputs, whose
//!   total is counted as the ratio counts it; every amount moves in proportion.
//! - For each outcome and field, an override naming the outcome wins over a
//!   `*` override; fields are set first, then changed.
//! - A change to a rate is clamped to 0% to 100%, and under additive
//!   deductions to what the other two deductions leave; a change in years
//!   keeps at least 1 year. A `set` is taken as written, so a scenario that
//!   sets additive deductions above 100% is an error in the model.

use std::collections::HashMap;
use std::path::Path;

use rust_decimal::Decimal;

use crate::calc::{Results, calculate, counted_inputs};
use crate::diagnostic::{Diagnostic, Diagnostics, ErrorCode, SourceFile};
use crate::model::{
    self, Action, Assumption, Deductions, Limits, LoadError, Model, Outcome, Override, Scenario,
    Schedule, Target, Value,
};

/// Read and validate the model at `path`, then check that every scenario
/// applies to it: what a scenario does to each outcome can only be checked
/// once the model is whole, so this is the stage after reading, and every
/// command that loads a model loads it here.
pub fn load_validated(path: &Path, limits: Limits) -> Result<(SourceFile, Model), LoadError> {
    let (source, model) = model::load_file(path, limits)?;
    match validate(&model) {
        Ok(()) => Ok((source, model)),
        Err(diagnostics) => Err(LoadError::Invalid {
            source,
            diagnostics,
        }),
    }
}

/// [`load_validated`] for model text already in hand.
pub fn parse_validated(source: &SourceFile, limits: Limits) -> Result<Model, Diagnostics> {
    let model = model::parse_model(source, limits)?;
    validate(&model).map(|()| model)
}

fn validate(model: &Model) -> Result<(), Diagnostics> {
    let problems = problems(model);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics::sorted(problems))
    }
}

/// The model with the scenario's overrides applied.
pub fn apply(model: &Model, scenario: &Scenario) -> Result<Model, Diagnostic> {
    let mut applied = model.clone();
    let fail = |o: &Override, (code, what): Refusal| {
        Diagnostic::new(
            code,
            o.span.clone(),
            format!("scenario {:?} {what}", scenario.name),
        )
    };
    for o in &scenario.overrides {
        if o.target == Target::DiscountRate {
            apply_discount_rate(&mut applied, &o.action).map_err(|why| fail(o, why))?;
        }
    }
    for o in &scenario.overrides {
        if o.target == Target::Inputs {
            apply_inputs(&mut applied, &o.action).map_err(|why| fail(o, why))?;
        }
    }
    let overrides = OutcomeOverrides::new(&scenario.overrides);
    let deductions = applied.conventions.deductions;
    for (index, outcome) in applied.outcomes.iter_mut().enumerate() {
        for set_pass in [true, false] {
            for assumption in Assumption::ALL {
                let Some(o) = overrides.effective(index, assumption) else {
                    continue;
                };
                if matches!(o.action, Action::Set(_)) == set_pass {
                    apply_to_outcome(outcome, assumption, &o.action, deductions)
                        .map_err(|why| fail(o, why))?;
                }
            }
        }
        check_additive_sum(outcome, deductions, &overrides, index)
            .map_err(|(o, why)| fail(o, why))?;
    }
    // Longer durations and later starts ask for more year cells.
    let limit = Limits::DEFAULT.max_year_cells;
    if let Some((outcome, cells)) = applied.beyond_year_cells(limit) {
        let message = format!(
            "scenario {:?} makes the outcomes up to `{}` run over {cells} year cells (each outcome's years from year 1 to its last), more than the limit of {limit}",
            scenario.name, outcome.id
        );
        return Err(Diagnostic::new(
            ErrorCode::OverLimit,
            scenario.spans.table.clone(),
            message,
        ));
    }
    Ok(applied)
}

/// Why an override cannot be applied: the code and the words that finish
/// "scenario \"…\" …".
type Refusal = (ErrorCode, String);

/// Every figure of the model under the scenario. A figure that cannot be
/// computed under it is reported at the scenario, naming it: the model's own
/// values compute, so the scenario is what to look at.
pub fn evaluate(model: &Model, scenario: &Scenario) -> Result<Results, Diagnostic> {
    calculate(&apply(model, scenario)?).map_err(|problem| Diagnostic {
        span: scenario.spans.table.clone(),
        message: format!("under scenario {:?}, {}", scenario.name, problem.message),
        ..problem
    })
}

/// Every scenario of the model computed, in file order, each with its
/// figures or why they cannot be computed. One at a time: a caller keeps
/// what it needs of each, not every scenario's figures at once.
pub fn evaluate_all(
    model: &Model,
) -> impl Iterator<Item = (&Scenario, Result<Results, Diagnostic>)> {
    model
        .scenarios
        .iter()
        .map(move |scenario| (scenario, evaluate(model, scenario)))
}

/// Why any of the model's scenarios cannot be applied, located in the file.
fn problems(model: &Model) -> Vec<Diagnostic> {
    model
        .scenarios
        .iter()
        .filter_map(|scenario| apply(model, scenario).err())
        .collect()
}

/// Each outcome's own overrides, and those for every outcome.
struct OutcomeOverrides<'s> {
    own: HashMap<(usize, Assumption), &'s Override>,
    every: HashMap<Assumption, &'s Override>,
}

impl<'s> OutcomeOverrides<'s> {
    fn new(overrides: &'s [Override]) -> Self {
        let mut own = HashMap::new();
        let mut every = HashMap::new();
        for o in overrides {
            match o.target {
                Target::Outcome(index, assumption) => {
                    own.insert((index, assumption), o);
                }
                Target::EveryOutcome(assumption) => {
                    every.insert(assumption, o);
                }
                Target::Inputs | Target::DiscountRate => {}
            }
        }
        OutcomeOverrides { own, every }
    }

    fn effective(&self, index: usize, assumption: Assumption) -> Option<&'s Override> {
        if self.own.is_empty() && self.every.is_empty() {
            return None;
        }
        self.own
            .get(&(index, assumption))
            .or_else(|| self.every.get(&assumption))
            .copied()
    }
}

fn apply_discount_rate(model: &mut Model, action: &Action) -> Result<(), Refusal> {
    let conventions = &mut model.conventions;
    if conventions.schedule != Schedule::Flat {
        return Err((
            ErrorCode::Inconsistent,
            format!(
                "changes the discount rate, which the \"{}\" schedule does not use",
                conventions.schedule.as_str()
            ),
        ));
    }
    conventions.discount_rate = match action {
        Action::Set(Value::Number(rate)) => *rate,
        Action::Points(points) => {
            (conventions.discount_rate + points).clamp(Decimal::ZERO, Decimal::ONE)
        }
        _ => conventions.discount_rate,
    };
    Ok(())
}

fn apply_inputs(model: &mut Model, action: &Action) -> Result<(), Refusal> {
    let too_large = || {
        (
            ErrorCode::TooLarge,
            "makes the inputs too large to compute".to_owned(),
        )
    };
    let factor = match action {
        // Inputs that count as nothing cannot be scaled to a total; the
        // model's own figures give the verdict on them (`calc::no_ratio`).
        Action::Set(Value::Number(total)) => match counted_inputs(model).ok_or_else(too_large)? {
            counted if counted.is_zero() => Decimal::ONE,
            counted => total.checked_div(counted).ok_or_else(too_large)?,
        },
        Action::Relative(change) => Decimal::ONE + change,
        _ => Decimal::ONE,
    };
    for input in &mut model.inputs {
        for amount in &mut input.amounts {
            *amount = amount.checked_mul(factor).ok_or_else(too_large)?;
        }
        // What loading checks of the model's inputs holds of the scenario's.
        if !adds_up(&input.amounts) {
            return Err(too_large());
        }
    }
    Ok(())
}

fn apply_to_outcome(
    outcome: &mut Outcome,
    assumption: Assumption,
    action: &Action,
    deductions: Deductions,
) -> Result<(), Refusal> {
    let id = outcome.id.clone();
    let too_large = || {
        let what = format!(
            "makes the {} of outcome `{id}` too large to compute",
            assumption.words(),
        );
        (ErrorCode::TooLarge, what)
    };
    match (action, assumption) {
        (Action::Set(Value::Quantities(quantities)), _) => outcome.quantities = quantities.clone(),
        (Action::Set(Value::Number(proxy)), Assumption::Proxy) => outcome.proxy = *proxy,
        (Action::Set(Value::Number(rate)), _) => assumption.set_rate(outcome, *rate),
        (Action::Set(Value::Years(years)), _) => set_years(outcome, assumption, *years),
        (Action::Relative(change), Assumption::Proxy) => {
            outcome.proxy = outcome
                .proxy
                .checked_mul(Decimal::ONE + change)
                .ok_or_else(too_large)?;
        }
        (Action::Relative(change), _) => {
            for quantity in &mut outcome.quantities {
                *quantity = quantity
                    .checked_mul(Decimal::ONE + change)
                    .ok_or_else(too_large)?;
            }
        }
        (Action::Points(points), _) => {
            let current = assumption.rate_of(outcome).unwrap_or_default();
            let ceiling = rate_ceiling(outcome, assumption, deductions);
            assumption.set_rate(outcome, (current + points).clamp(Decimal::ZERO, ceiling));
        }
        (Action::Years(years), _) => {
            let current = match assumption {
                Assumption::Duration => outcome.duration,
                _ => outcome.start_year,
            };
            let max = i64::from(Limits::DEFAULT.max_years);
            let moved = (i64::from(current) + years).clamp(1, max);
            set_years(outcome, assumption, u32::try_from(moved).unwrap_or(1));
        }
    }
    // What loading checks of the model's cohorts holds of the scenario's.
    if !adds_up(&outcome.quantities) {
        return Err(too_large());
    }
    Ok(())
}

/// Whether a list of amounts or cohorts adds up within a decimal.
fn adds_up(values: &[Decimal]) -> bool {
    values
        .iter()
        .try_fold(Decimal::ZERO, |total, value| total.checked_add(*value))
        .is_some()
}

fn set_years(outcome: &mut Outcome, assumption: Assumption, years: u32) {
    match assumption {
        Assumption::Duration => outcome.duration = years,
        _ => outcome.start_year = years,
    }
}

/// The highest value a rate may take: 100%, or under additive deductions what
/// the other two deductions leave.
pub(crate) fn rate_ceiling(
    outcome: &Outcome,
    assumption: Assumption,
    deductions: Deductions,
) -> Decimal {
    if deductions == Deductions::Multiplicative || !Assumption::DEDUCTIONS.contains(&assumption) {
        return Decimal::ONE;
    }
    let others: Decimal = Assumption::DEDUCTIONS
        .iter()
        .filter(|a| **a != assumption)
        .filter_map(|a| a.rate_of(outcome))
        .sum();
    (Decimal::ONE - others).max(Decimal::ZERO)
}

fn check_additive_sum<'s>(
    outcome: &Outcome,
    deductions: Deductions,
    overrides: &OutcomeOverrides<'s>,
    index: usize,
) -> Result<(), (&'s Override, Refusal)> {
    let sum: Decimal = Assumption::DEDUCTIONS
        .iter()
        .filter_map(|a| a.rate_of(outcome))
        .sum();
    if deductions != Deductions::Additive || sum <= Decimal::ONE {
        return Ok(());
    }
    let culprit = Assumption::DEDUCTIONS
        .iter()
        .filter_map(|a| overrides.effective(index, *a))
        .find(|o| matches!(o.action, Action::Set(_)));
    match culprit {
        Some(o) => Err((
            o,
            (
                ErrorCode::OverDeducted,
                format!(
                    "makes the deductions of outcome `{}` add up to {}%, more than 100% under additive deductions",
                    outcome.id,
                    (sum * Decimal::ONE_HUNDRED).normalize()
                ),
            ),
        )),
        None => Ok(()),
    }
}

/// Why a scenario named on the command line cannot be shown.
#[derive(Debug, Clone)]
pub enum Unshown {
    /// The model declares no scenario of that name: these are the names it does.
    Unknown { name: String, declared: Vec<String> },
    /// The scenario's overrides cannot be applied to the model.
    Invalid(Diagnostic),
}

impl Unshown {
    /// "has no scenario \"x\"; its scenarios: a, b" (or "it declares none").
    pub fn unknown_message(name: &str, declared: &[String]) -> String {
        if declared.is_empty() {
            format!("has no scenario {name:?}; it declares none (add a [[scenarios]] entry)")
        } else {
            let names: Vec<_> = declared
                .iter()
                .map(|n| crate::printable::escape_control(n))
                .collect();
            format!(
                "has no scenario {name:?}; its scenarios: {}",
                names.join(", ")
            )
        }
    }
}

/// The model as every command shows it under the scenario named `name`: its
/// overrides applied, the scenario named in `analysis.scenario` so that every
/// output says which it shows, and nothing left that belongs to the model as
/// written: its other scenarios (one scenario is not applied on top of
/// another) and its `[published]` figures (a report's figures are of the
/// model it assured, not of a scenario of it).
pub fn shown(model: &Model, name: &str) -> Result<Model, Unshown> {
    let Some(scenario) = model.scenarios.iter().find(|s| s.name == name) else {
        return Err(Unshown::Unknown {
            name: name.to_owned(),
            declared: model.scenarios.iter().map(|s| s.name.clone()).collect(),
        });
    };
    let mut applied = apply(model, scenario).map_err(Unshown::Invalid)?;
    applied.analysis.scenario = Some(crate::model::ShownScenario {
        name: scenario.name.clone(),
        description: scenario.description.clone(),
    });
    applied.scenarios.clear();
    applied.published = None;
    Ok(applied)
}
