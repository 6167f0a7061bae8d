//! The impact map in full: every input, and every outcome with its indicator,
//! quantity, financial proxy and the proxy's source, the deductions and how
//! long it lasts. A reader can trace each figure in the charts to a line here.

use std::fmt::Write;

use crate::calc::Results;
use crate::model::Model;
use crate::report::markup::escape;
use crate::report::text;
use crate::report::view::{quantities, years_active};

/// Shown in a cell the model leaves empty.
const NOT_GIVEN: &str = "—";

pub fn outcomes(model: &Model, results: &Results) -> String {
    let currency = &model.analysis.currency;
    let mut out = String::from(concat!(
        "<table class=\"impact-map\">\n<colgroup>",
        "<col class=\"w-outcome\"><col class=\"w-stakeholder\"><col class=\"w-quantity\">",
        "<col class=\"w-proxy\"><col class=\"w-deductions\"><col class=\"w-years\"><col class=\"w-value\">",
        "</colgroup>\n<thead><tr>",
        "<th>Outcome and indicator</th><th>Stakeholder</th><th class=\"num\">Quantity</th>",
        "<th>Financial proxy and source</th><th>Deductions</th>",
        "<th class=\"num\">Years</th><th class=\"num\">Present value</th>",
        "</tr></thead>\n<tbody>\n"
    ));
    for (outcome, result) in model.outcomes.iter().zip(&results.outcomes) {
        let stakeholder = &model.stakeholders[outcome.stakeholder];
        let _ = write!(
            out,
            "<tr data-outcome=\"{}\"><td><span class=\"id\">{}</span>{}{}</td>",
            escape(&outcome.id),
            escape(&outcome.id),
            detail(None, outcome.description.as_deref()),
            detail(Some("Indicator"), outcome.indicator.as_deref()),
        );
        let _ = write!(
            out,
            "<td>{}</td><td class=\"num\">{}</td>",
            escape(&stakeholder.name),
            escape(&quantities(outcome))
        );
        let _ = write!(
            out,
            "<td><span class=\"figure\">{}</span>{}{}</td>",
            escape(&text::money(outcome.proxy, currency)),
            detail(None, outcome.proxy_description.as_deref()),
            detail(
                Some("Source"),
                Some(outcome.proxy_source.as_deref().unwrap_or(NOT_GIVEN))
            ),
        );
        out.push_str("<td class=\"deductions\">");
        for (name, rate) in [
            ("deadweight", outcome.deadweight),
            ("displacement", outcome.displacement),
            ("attribution", outcome.attribution),
            ("drop-off", outcome.drop_off),
        ] {
            let _ = write!(
                out,
                "<span>{name} <strong>{}</strong></span>",
                escape(&text::rate(rate))
            );
        }
        out.push_str("</td>");
        let _ = writeln!(
            out,
            "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&years_active(outcome)),
            escape(&text::money(result.present_value, currency))
        );
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

pub fn inputs(model: &Model) -> String {
    let currency = &model.analysis.currency;
    let mut out = String::from(concat!(
        "<table class=\"inputs\">\n<thead><tr>",
        "<th>Stakeholder</th><th>Description</th><th class=\"num\">By year</th>",
        "<th class=\"num\">Total</th><th>In kind</th>",
        "</tr></thead>\n<tbody>\n"
    ));
    for input in &model.inputs {
        let by_year: Vec<String> = input
            .amounts
            .iter()
            .map(|amount| text::money(*amount, currency))
            .collect();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            escape(&model.stakeholders[input.stakeholder].name),
            escape(input.description.as_deref().unwrap_or(NOT_GIVEN)),
            escape(&by_year.join(", ")),
            escape(&text::money(input.total(), currency)),
            if input.in_kind { "yes" } else { "no" }
        );
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// A line of detail under a cell's main text, with an optional label.
fn detail(label: Option<&str>, value: Option<&str>) -> String {
    match (label, value) {
        (_, None) => String::new(),
        (None, Some(value)) => format!("<span class=\"detail\">{}</span>", escape(value)),
        (Some(label), Some(value)) => format!(
            "<span class=\"detail\"><span class=\"label\">{}:</span> {}</span>",
            escape(label),
            escape(value)
        ),
    }
}
