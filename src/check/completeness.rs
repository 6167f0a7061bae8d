//! Completeness (SROI Guide principles 1 and 4, "involve stakeholders" and
//! "only include what is material"): every stakeholder plays a part, no
//! outcome counts more people than there are, changes for the worse are
//! valued too, and inputs over several years are treated like the benefits.

use rust_decimal::Decimal;

use super::codes::Code;
use super::{Finding, model_span};
use crate::format::text;
use crate::model::Model;

pub(super) fn lint(model: &Model, findings: &mut Vec<Finding>) {
    idle_stakeholders(model, findings);
    quantities_within_size(model, findings);
    negative_outcome(model, findings);
    undiscounted_inputs(model, findings);
}

fn idle_stakeholders(model: &Model, findings: &mut Vec<Finding>) {
    // Mark who takes part in one pass, so large models stay linear.
    let mut takes_part = vec![false; model.stakeholders.len()];
    let references = model.inputs.iter().map(|i| i.stakeholder);
    for index in references.chain(model.outcomes.iter().map(|o| o.stakeholder)) {
        takes_part[index] = true;
    }
    for (stakeholder, _) in model
        .stakeholders
        .iter()
        .zip(&takes_part)
        .filter(|(_, part)| !**part)
    {
        findings.push(Finding::new(
            Code::IdleStakeholder,
            stakeholder.spans.of("id"),
            format!(
                "stakeholder `{}` has neither inputs nor outcomes",
                stakeholder.id
            ),
            "value what changes for it, or remove it and say in the report why it is not material",
        ));
    }
}

/// A cohort is a new group of people starting in its year, so an outcome's
/// cohorts together count distinct people, and together they cannot exceed
/// the stakeholder group they belong to.
fn quantities_within_size(model: &Model, findings: &mut Vec<Finding>) {
    for outcome in &model.outcomes {
        let stakeholder = &model.stakeholders[outcome.stakeholder];
        let Some(size) = stakeholder.size else {
            continue;
        };
        let counted = outcome
            .quantities
            .iter()
            .try_fold(Decimal::ZERO, |sum, q| sum.checked_add(*q));
        let Some(counted) = counted.filter(|counted| *counted > size) else {
            continue;
        };
        let across = match outcome.quantities.len() {
            1 => String::new(),
            n => format!(" across its {n} cohorts"),
        };
        findings.push(Finding::new(
            Code::QuantityAboveSize,
            outcome.spans.of("quantity"),
            format!(
                "outcome `{}` counts {}{across}, more than the size of stakeholder `{}` ({})",
                outcome.id,
                text::number(counted),
                stakeholder.id,
                text::number(size)
            ),
            "each cohort is a new group of people, so their sum must fit in the stakeholder's `size`; lower `quantity` or correct `size`",
        ));
    }
}

fn negative_outcome(model: &Model, findings: &mut Vec<Finding>) {
    if model.outcomes.iter().any(|o| o.proxy < Decimal::ZERO) {
        return;
    }
    let span = model
        .outcomes
        .first()
        .map_or_else(|| model_span(model), |o| o.spans.table.clone());
    findings.push(Finding::new(
        Code::NoNegativeOutcome,
        span,
        "no outcome is negative: the model values no change for the worse",
        "look for unintended negative changes (such as dependency on the service) and value them with a negative `proxy`",
    ));
}

/// Benefits are discounted year by year; inputs spread over several years
/// and left at face value make later costs look larger than later benefits.
fn undiscounted_inputs(model: &Model, findings: &mut Vec<Finding>) {
    if model.conventions.inputs_discounted {
        return;
    }
    let later = model
        .inputs
        .iter()
        .find(|input| input.amounts.iter().skip(1).any(|a| !a.is_zero()));
    let Some(input) = later else {
        return;
    };
    let years = input.amounts.len();
    findings.push(Finding::new(
        Code::InputsUndiscounted,
        input.spans.of("amount"),
        format!("inputs are spread over {years} years but counted at face value (`inputs_discounted = false`), while the benefits are discounted"),
        "set `inputs_discounted = true` in [conventions], or allow SROI304 in [check] if the value map's face-value convention is intended",
    ));
}
