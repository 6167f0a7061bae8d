//! Transparency (SROI Guide principle 6, "be transparent"): a reader of the
//! model must be able to see how each change is measured, where each value
//! comes from and what each input is.

use super::Finding;
use super::codes::Code;
use crate::model::Model;

pub(super) fn lint(model: &Model, findings: &mut Vec<Finding>) {
    for outcome in &model.outcomes {
        let at = outcome.spans.of("id");
        if is_blank(&outcome.indicator) {
            findings.push(Finding::new(
                Code::NoIndicator,
                at.clone(),
                format!(
                    "outcome `{}` has no indicator: nothing says how the change is measured",
                    outcome.id
                ),
                "add `indicator = \"…\"`: what is counted to show the change happened",
            ));
        }
        if is_blank(&outcome.proxy_source) {
            findings.push(Finding::new(
                Code::ProxyWithoutSource,
                outcome.spans.of("proxy"),
                format!("the proxy of outcome `{}` has no source", outcome.id),
                "add `proxy_source = \"…\"` naming where the value comes from (a unit cost database, a survey, a price)",
            ));
        }
        if is_blank(&outcome.proxy_description) {
            findings.push(Finding::new(
                Code::ProxyWithoutDescription,
                outcome.spans.of("proxy"),
                format!("the proxy of outcome `{}` has no description", outcome.id),
                "add `proxy_description = \"…\"` saying what the value is the price of",
            ));
        }
    }
    for input in &model.inputs {
        if is_blank(&input.description) {
            let stakeholder = &model.stakeholders[input.stakeholder].id;
            findings.push(Finding::new(
                Code::InputWithoutDescription,
                input.spans.of("amount"),
                format!("an input from stakeholder `{stakeholder}` has no description"),
                "add `description = \"…\"` saying what is put in (staff, money, time, premises)",
            ));
        }
    }
}

/// Absent, or present but saying nothing.
fn is_blank(text: &Option<String>) -> bool {
    text.as_deref().is_none_or(|t| t.trim().is_empty())
}
