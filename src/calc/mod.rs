//! The arithmetic of spec section 2 on a valid model: impact after
//! deductions, value by year with drop-off, discounting, and the headline
//! figures. Exact decimals throughout; nothing here rounds. Every operation
//! that could overflow is checked and reported against the outcome it belongs
//! to, so an absurd quantity is a message, never a crash.

pub mod discount;

use rust_decimal::Decimal;

use crate::diagnostic::{Diagnostic, ErrorCode, LARGEST, checked, too_large};
use crate::model::{Conventions, Deductions, Input, Model, Outcome};
use crate::number::scientific;

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
    /// Present value over inputs: a model whose inputs count as nothing has
    /// no results at all (`no_ratio`).
    pub ratio: Decimal,
    pub net_ratio: Decimal,
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
    let years = year_results(model, &outcomes, &factors, last_year)?;
    let present_value = added_up(
        model.outcomes.iter().zip(&outcomes),
        |(_, result)| result.present_value,
        |(outcome, _)| {
            let what = format!(
                "the total present value, once outcome `{}` is added,",
                outcome.id
            );
            too_large(outcome.spans.table.clone(), what)
        },
    )?;

    let inputs = Inputs::count(model, &factors)?;
    let stakeholders = stakeholder_results(model, &outcomes, &inputs, present_value)?;
    let net_present_value = checked(
        present_value.checked_sub(inputs.total),
        || model.largest_input_span(),
        || "the net present value, the present value less the inputs,",
    )?;
    let first_year_value = years.first().map_or(Decimal::ZERO, |y| y.value);
    let ratio = ratio_of(
        model,
        &inputs,
        ("present value", present_value),
        "SROI ratio",
    )?;
    let net_ratio = ratio_of(
        model,
        &inputs,
        ("net present value", net_present_value),
        "net SROI ratio",
    )?;
    let payback_months = payback_months(inputs.total, first_year_value)
        .map_err(|()| too_large(model.largest_input_span(), "the payback period in months"))?;

    Ok(Results {
        ratio,
        net_ratio,
        payback_months,
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

/// A figure divided by the inputs as the ratio counts them. Inputs that
/// count as nothing are the model's verdict (`no_ratio`); a quotient beyond
/// the largest decimal is an error naming the ratio, at the largest input.
fn ratio_of(
    model: &Model,
    inputs: &Inputs,
    (figure_name, figure): (&str, Decimal),
    name: &str,
) -> Result<Decimal, Diagnostic> {
    if inputs.total.is_zero() {
        return Err(no_ratio(model));
    }
    checked(
        figure.checked_div(inputs.total),
        || model.largest_input_span(),
        || {
            format!(
                "the {name}, a {figure_name} of {} over inputs of {},",
                scientific(figure),
                scientific(inputs.total)
            )
        },
    )
}

/// Why a model whose inputs are above zero at face value has no ratio: the
/// inputs are discounted and every amount discounts below the smallest
/// decimal (1e-28). The one place that says so, so that every command
/// gives the same verdict in the same words.
pub fn no_ratio(model: &Model) -> Diagnostic {
    Diagnostic::new(
        ErrorCode::NothingToValue,
        model.spans.of("conventions"),
        "the inputs discount to nothing: with inputs_discounted = true every amount is worth less than 1e-28 today, so the model has no ratio",
    )
    .with_hint("count the inputs at face value (inputs_discounted = false), or lower the discount rate")
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
        add_cohort(&mut values, outcome, cohort, impact, &remaining).ok_or_else(overflow)?;
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

/// The value of one cohort of `outcome` in each year 1..=`years`: its first
/// year's `impact`, reduced by drop-off from its second year. `None` when a
/// value is beyond the largest decimal.
pub fn cohort_values(
    outcome: &Outcome,
    impact: Decimal,
    cohort: usize,
    years: u32,
) -> Option<Vec<Decimal>> {
    let mut values = vec![Decimal::ZERO; years as usize];
    add_cohort(
        &mut values,
        outcome,
        cohort,
        impact,
        &remaining_after_drop_off(outcome),
    )?;
    Some(values)
}

/// Add one cohort's value of each year to `values` (index 0 is year 1),
/// `remaining` being the outcome's [`remaining_after_drop_off`].
fn add_cohort(
    values: &mut [Decimal],
    outcome: &Outcome,
    cohort: usize,
    impact: Decimal,
    remaining: &[Decimal],
) -> Option<()> {
    // Cohort k starts in year start_year + k.
    let first = (outcome.start_year - 1) as usize + cohort;
    for (value, fraction) in values.get_mut(first..)?.iter_mut().zip(remaining) {
        *value = value.checked_add(impact.checked_mul(*fraction)?)?;
    }
    Some(())
}

/// (1 − drop_off)^j for each year j = 0, 1, … of a cohort's duration:
/// drop-off starts in the cohort's second year.
pub fn remaining_after_drop_off(outcome: &Outcome) -> Vec<Decimal> {
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

/// Σ value × factor over the years both cover: a present value, with
/// `factors` from [`discount::factors`]. `None` beyond the largest decimal.
pub fn discounted_sum(values: &[Decimal], factors: &[Decimal]) -> Option<Decimal> {
    values
        .iter()
        .zip(factors)
        .try_fold(Decimal::ZERO, |total, (value, factor)| {
            total.checked_add(value.checked_mul(*factor)?)
        })
}

fn year_results(
    model: &Model,
    outcomes: &[OutcomeResult],
    factors: &[Decimal],
    last_year: u32,
) -> Result<Vec<YearResult>, Diagnostic> {
    let mut values = vec![Decimal::ZERO; last_year as usize];
    for (outcome, result) in model.outcomes.iter().zip(outcomes) {
        for (index, (total, value)) in values.iter_mut().zip(&result.values).enumerate() {
            *total = checked(
                total.checked_add(*value),
                || outcome.spans.table.clone(),
                || {
                    let year = index + 1;
                    format!(
                        "the value of year {year}, once outcome `{}` is added,",
                        outcome.id
                    )
                },
            )?;
        }
    }
    Ok(values
        .into_iter()
        .zip(factors)
        .enumerate()
        .map(|(index, (value, &discount_factor))| YearResult {
            year: index as u32 + 1,
            value,
            discount_factor,
            // A factor lies in [0, 1], so the product is no larger than the value.
            present_value: value.checked_mul(discount_factor).unwrap_or(value),
        })
        .collect())
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
            let span = || input.spans.of("amount");
            for (index, (total, amount)) in by_year.iter_mut().zip(&input.amounts).enumerate() {
                *total = checked(total.checked_add(*amount), span, || {
                    format!(
                        "the total inputs of year {}, once this input is added,",
                        index + 1
                    )
                })?;
            }
            let amount = counted_input(input, &model.conventions, factors);
            counted.push(checked(amount, span, || "this input")?);
        }
        let total = added_up(
            model.inputs.iter().zip(&counted),
            |(_, amount)| **amount,
            |(input, _)| {
                too_large(
                    input.spans.of("amount"),
                    "the total inputs, once this input is added,",
                )
            },
        )?;
        // Discounted inputs may add up within a decimal while their face value does not.
        let face_value = added_up(
            &model.inputs,
            |input| input.total(),
            |input| {
                let what = "the total inputs at face value, once this input is added,";
                too_large(input.spans.of("amount"), what)
            },
        )?;
        Ok(Inputs {
            total,
            face_value,
            by_year,
            counted,
        })
    }
}

/// What one input counts for in the ratio: its amounts at face value, or
/// discounted by `factors` when the conventions say so. `None` beyond the
/// largest decimal.
pub fn counted_input(
    input: &Input,
    conventions: &Conventions,
    factors: &[Decimal],
) -> Option<Decimal> {
    if conventions.inputs_discounted {
        // Loading has checked that each input's amounts add up; a
        // discounted sum is no larger.
        discounted_sum(&input.amounts, factors)
    } else {
        Some(input.total())
    }
}

/// The inputs total as the ratio counts it, input by input as
/// [`calculate`] counts it; `None` beyond the largest decimal.
pub fn counted_inputs(model: &Model) -> Option<Decimal> {
    let factors = discount::factors(&model.conventions, model.input_years() as u32);
    model.inputs.iter().try_fold(Decimal::ZERO, |total, input| {
        total.checked_add(counted_input(input, &model.conventions, &factors)?)
    })
}

fn stakeholder_results(
    model: &Model,
    outcomes: &[OutcomeResult],
    inputs: &Inputs,
    present_value: Decimal,
) -> Result<Vec<StakeholderResult>, Diagnostic> {
    let mut values = vec![Decimal::ZERO; model.stakeholders.len()];
    let mut put_in = vec![Decimal::ZERO; model.stakeholders.len()];
    // Outcomes of opposite signs can keep the total within a decimal while
    // one stakeholder's share of them is not.
    for (outcome, result) in model.outcomes.iter().zip(outcomes) {
        let total = &mut values[outcome.stakeholder];
        *total = checked(
            total.checked_add(result.present_value),
            || outcome.spans.table.clone(),
            || {
                let stakeholder = &model.stakeholders[outcome.stakeholder].id;
                format!(
                    "the present value of stakeholder `{stakeholder}`, once outcome `{}` is added,",
                    outcome.id
                )
            },
        )?;
    }
    // Amounts are never negative, so no stakeholder puts in more than the total.
    for (input, amount) in model.inputs.iter().zip(&inputs.counted) {
        let total = &mut put_in[input.stakeholder];
        *total = total.checked_add(*amount).unwrap_or(inputs.total);
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

/// Months for the first year's value to repay the inputs; `Err` when that
/// is too many months for a decimal.
fn payback_months(inputs_total: Decimal, first_year_value: Decimal) -> Result<Option<Decimal>, ()> {
    if first_year_value <= Decimal::ZERO {
        return Ok(None);
    }
    let months = Decimal::from(12);
    // Twelve times the inputs first, so a tiny first year (1e-28) is not
    // lost to a monthly value below the smallest decimal; dividing first
    // when the inputs are too large to be multiplied.
    let multiplied_first = || {
        inputs_total
            .checked_mul(months)?
            .checked_div(first_year_value)
    };
    let divided_first = || {
        let monthly = first_year_value
            .checked_div(months)
            .filter(|m| !m.is_zero())?;
        inputs_total.checked_div(monthly)
    };
    multiplied_first()
        .or_else(divided_first)
        .map(Some)
        .ok_or(())
}

/// The sum of a figure over `items`, or the error that `overflow` gives for
/// the item whose figure took the sum beyond the largest decimal.
fn added_up<T>(
    items: impl IntoIterator<Item = T>,
    figure: impl Fn(&T) -> Decimal,
    overflow: impl FnOnce(&T) -> Diagnostic,
) -> Result<Decimal, Diagnostic> {
    let mut total = Decimal::ZERO;
    for item in items {
        match total.checked_add(figure(&item)) {
            Some(sum) => total = sum,
            None => return Err(overflow(&item)),
        }
    }
    Ok(total)
}

fn outcome_overflow(outcome: &Outcome) -> Diagnostic {
    Diagnostic::new(
        ErrorCode::TooLarge,
        outcome.spans.of("quantity"),
        format!(
            "outcome `{}` is too large to compute: its value exceeds {LARGEST}",
            outcome.id
        ),
    )
    .with_hint("check `quantity` and `proxy` for a misplaced exponent or extra digits")
}

#[cfg(test)]
mod tests;
