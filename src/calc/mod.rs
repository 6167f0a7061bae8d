//! The arithmetic of spec section 2 on a valid model: impact after
//! deductions, value by year with drop-off, discounting, and the headline
//! figures. Exact decimals throughout; nothing here rounds. Every operation
//! that could overflow is checked and reported against the outcome it belongs
//! to, so an absurd quantity is a message, never a crash.

pub mod discount;

use rust_decimal::Decimal;

use crate::diagnostic::{Diagnostic, ErrorCode};
use crate::model::{Conventions, Deductions, Model, Outcome};

/// Every figure the calculation produces, unrounded.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// One per model outcome, in file order.
    pub outcomes: Vec<OutcomeResult>,
    /// One per declared stakeholder, in file order.
    pub stakeholders: Vec<StakeholderResult>,
    /// Years 1 to the last year in which any outcome has value.
    pub years: Vec<YearResult>,
    /// Inputs as counted in the ratio: at face value, or discounted when the
    /// model's conventions say so.
    pub inputs_total: Decimal,
    /// Inputs at face value, whatever the convention.
    pub inputs_face_value: Decimal,
    /// Face-value inputs by year, from year 1.
    pub inputs_by_year: Vec<Decimal>,
    pub present_value: Decimal,
    pub net_present_value: Decimal,
    /// `None` only when discounting has brought the inputs to nothing.
    pub ratio: Option<Decimal>,
    pub net_ratio: Option<Decimal>,
    /// `None` when the first year creates no value (nothing is paid back).
    pub payback_months: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeResult {
    /// The share of each unit's value left after deductions.
    pub net: Decimal,
    /// Impact of each cohort in its first year: quantity × proxy × net.
    pub impacts: Vec<Decimal>,
    /// Undiscounted value of each year from year 1 to the outcome's last year.
    pub values: Vec<Decimal>,
    pub present_value: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StakeholderResult {
    pub present_value: Decimal,
    /// Stakeholder present value over total present value; zero when the total is.
    pub share: Decimal,
    /// What the stakeholder puts in, counted as `Results::inputs_total` is.
    pub inputs: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct YearResult {
    pub year: u32,
    pub value: Decimal,
    pub discount_factor: Decimal,
    pub present_value: Decimal,
}

/// Compute every figure of the model.
pub fn calculate(model: &Model) -> Result<Results, Diagnostic> {
    let last_year = model
        .outcomes
        .iter()
        .map(Outcome::last_year)
        .max()
        .unwrap_or(0);
    let input_years = model.input_years() as u32;
    let factors = discount::factors(&model.conventions, last_year.max(input_years));

    let outcomes = model
        .outcomes
        .iter()
        .map(|outcome| outcome_result(outcome, &model.conventions, &factors))
        .collect::<Result<Vec<_>, _>>()?;
    let years = year_results(&outcomes, &factors, last_year)?;
    let present_value = sum(
        outcomes.iter().map(|o| o.present_value),
        "the total present value",
    )?;

    let inputs = Inputs::count(model, &factors)?;
    let stakeholders = stakeholder_results(model, &outcomes, &inputs, present_value)?;
    let net_present_value = present_value
        .checked_sub(inputs.total)
        .ok_or_else(|| overflow_of("the net present value"))?;
    let first_year_value = years.first().map_or(Decimal::ZERO, |y| y.value);

    Ok(Results {
        ratio: present_value.checked_div(inputs.total),
        net_ratio: net_present_value.checked_div(inputs.total),
        payback_months: payback_months(inputs.total, first_year_value),
        outcomes,
        stakeholders,
        years,
        inputs_total: inputs.total,
        inputs_face_value: inputs.face_value,
        inputs_by_year: inputs.by_year,
        present_value,
        net_present_value,
    })
}

/// The share of value left once deadweight, displacement and attribution are taken out.
pub fn net_of_deductions(outcome: &Outcome, deductions: Deductions) -> Decimal {
    let rates = [
        outcome.deadweight,
        outcome.displacement,
        outcome.attribution,
    ];
    match deductions {
        Deductions::Multiplicative => rates.iter().map(|r| Decimal::ONE - r).product(),
        Deductions::Additive => Decimal::ONE - rates.iter().sum::<Decimal>(),
    }
}

fn outcome_result(
    outcome: &Outcome,
    conventions: &Conventions,
    factors: &[Decimal],
) -> Result<OutcomeResult, Diagnostic> {
    let overflow = || outcome_overflow(outcome);
    let net = net_of_deductions(outcome, conventions.deductions);
    let remaining = remaining_after_drop_off(outcome);
    let mut values = vec![Decimal::ZERO; outcome.last_year() as usize];
    let mut impacts = Vec::with_capacity(outcome.quantities.len());
    for (cohort, quantity) in outcome.quantities.iter().enumerate() {
        let impact = quantity
            .checked_mul(outcome.proxy)
            .and_then(|v| v.checked_mul(net))
            .ok_or_else(overflow)?;
        // Cohort k starts in year start_year + k; index 0 is year 1.
        let first = (outcome.start_year - 1) as usize + cohort;
        for (value, fraction) in values[first..].iter_mut().zip(&remaining) {
            *value = impact
                .checked_mul(*fraction)
                .and_then(|v| value.checked_add(v))
                .ok_or_else(overflow)?;
        }
        impacts.push(impact);
    }
    let present_value = discounted_sum(&values, factors).ok_or_else(overflow)?;
    Ok(OutcomeResult {
        net,
        impacts,
        values,
        present_value,
    })
}

/// (1 − drop_off)^j for each year j = 0, 1, … of a cohort's duration:
/// drop-off starts in the cohort's second year.
pub(crate) fn remaining_after_drop_off(outcome: &Outcome) -> Vec<Decimal> {
    let keep = Decimal::ONE - outcome.drop_off;
    let mut remaining = Vec::with_capacity(outcome.duration as usize);
    let mut fraction = Decimal::ONE;
    for _ in 0..outcome.duration {
        remaining.push(fraction);
        // Both factors lie in [0, 1], so the product only ever shrinks.
        fraction = fraction.checked_mul(keep).unwrap_or(Decimal::ZERO);
    }
    remaining
}

fn discounted_sum(values: &[Decimal], factors: &[Decimal]) -> Option<Decimal> {
    values
        .iter()
        .zip(factors)
        .try_fold(Decimal::ZERO, |total, (value, factor)| {
            total.checked_add(value.checked_mul(*factor)?)
        })
}

fn year_results(
    outcomes: &[OutcomeResult],
    factors: &[Decimal],
    last_year: u32,
) -> Result<Vec<YearResult>, Diagnostic> {
    let mut values = vec![Decimal::ZERO; last_year as usize];
    for outcome in outcomes {
        for (total, value) in values.iter_mut().zip(&outcome.values) {
            *total = total
                .checked_add(*value)
                .ok_or_else(|| overflow_of("the value of a year"))?;
        }
    }
    values
        .into_iter()
        .zip(factors)
        .enumerate()
        .map(|(index, (value, &discount_factor))| {
            Ok(YearResult {
                year: index as u32 + 1,
                value,
                discount_factor,
                present_value: value
                    .checked_mul(discount_factor)
                    .ok_or_else(|| overflow_of("the present value of a year"))?,
            })
        })
        .collect()
}

/// The inputs, at face value and as counted in the ratio.
struct Inputs {
    total: Decimal,
    face_value: Decimal,
    by_year: Vec<Decimal>,
    /// As counted, one per model input.
    counted: Vec<Decimal>,
}

impl Inputs {
    fn count(model: &Model, factors: &[Decimal]) -> Result<Inputs, Diagnostic> {
        let years = model.input_years();
        let mut by_year = vec![Decimal::ZERO; years];
        let mut counted = Vec::with_capacity(model.inputs.len());
        for input in &model.inputs {
            for (total, amount) in by_year.iter_mut().zip(&input.amounts) {
                *total = total
                    .checked_add(*amount)
                    .ok_or_else(|| overflow_of("the inputs"))?;
            }
            let amount = if model.conventions.inputs_discounted {
                discounted_sum(&input.amounts, factors)
            } else {
                sum(input.amounts.iter().copied(), "the inputs").ok()
            };
            counted.push(amount.ok_or_else(|| overflow_of("the inputs"))?);
        }
        Ok(Inputs {
            total: sum(counted.iter().copied(), "the inputs")?,
            face_value: sum(by_year.iter().copied(), "the inputs")?,
            by_year,
            counted,
        })
    }
}

fn stakeholder_results(
    model: &Model,
    outcomes: &[OutcomeResult],
    inputs: &Inputs,
    present_value: Decimal,
) -> Result<Vec<StakeholderResult>, Diagnostic> {
    let mut values = vec![Decimal::ZERO; model.stakeholders.len()];
    let mut put_in = vec![Decimal::ZERO; model.stakeholders.len()];
    for (outcome, result) in model.outcomes.iter().zip(outcomes) {
        let total = &mut values[outcome.stakeholder];
        *total = total
            .checked_add(result.present_value)
            .ok_or_else(|| overflow_of("a stakeholder's value"))?;
    }
    for (input, amount) in model.inputs.iter().zip(&inputs.counted) {
        let total = &mut put_in[input.stakeholder];
        *total = total
            .checked_add(*amount)
            .ok_or_else(|| overflow_of("a stakeholder's inputs"))?;
    }
    Ok(values
        .into_iter()
        .zip(put_in)
        .map(|(value, inputs)| StakeholderResult {
            present_value: value,
            share: value.checked_div(present_value).unwrap_or(Decimal::ZERO),
            inputs,
        })
        .collect())
}

/// Months for the first year's value to repay the inputs.
fn payback_months(inputs_total: Decimal, first_year_value: Decimal) -> Option<Decimal> {
    if first_year_value <= Decimal::ZERO {
        return None;
    }
    let monthly = first_year_value.checked_div(Decimal::from(12))?;
    inputs_total.checked_div(monthly)
}

fn sum(values: impl IntoIterator<Item = Decimal>, what: &str) -> Result<Decimal, Diagnostic> {
    values
        .into_iter()
        .try_fold(Decimal::ZERO, Decimal::checked_add)
        .ok_or_else(|| overflow_of(what))
}

fn outcome_overflow(outcome: &Outcome) -> Diagnostic {
    Diagnostic::new(ErrorCode::TooLarge,
        outcome.spans.of("quantity"),
        format!(
            "outcome `{}` is too large to compute: its value exceeds the largest supported amount (about 7.9e28)",
            outcome.id
        ),
    )
    .with_hint("check `quantity` and `proxy` for a misplaced exponent or extra digits")
}

fn overflow_of(what: &str) -> Diagnostic {
    Diagnostic::new(
        ErrorCode::TooLarge,
        0..0,
        format!("{what} exceeds the largest supported amount (about 7.9e28)"),
    )
    .with_hint("check quantities, proxies and amounts for a misplaced exponent or extra digits")
}

#[cfg(test)]
mod tests;
