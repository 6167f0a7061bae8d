//! Published figures and thresholds: the model must still reproduce the
//! figures of its assured report (`[published]`), within the report's
//! tolerance, and clear any minimum ratio the command line sets. Both are
//! errors: a model that has drifted from what was assured is not a style
//! question.

use rust_decimal::Decimal;

use super::codes::Code;
use super::{Finding, model_span};
use crate::calc::Results;
use crate::format::{published, text};
use crate::model::{Model, Published};

pub(super) fn lint(
    model: &Model,
    results: &Results,
    min_ratio: Option<Decimal>,
    findings: &mut Vec<Finding>,
) {
    if let Some(published) = &model.published {
        for figure in figures(model, results) {
            reproduced(published, &figure, model, findings);
        }
    }
    if let Some(minimum) = min_ratio {
        below_minimum(model, results.ratio, minimum, findings);
    }
}

/// One figure of `[published]` beside the model's own: what `check` holds
/// the model to, and what `calc` and `report` tell their readers.
#[derive(Debug, Clone)]
pub struct Reproduction {
    /// `present_value`, `inputs` or `ratio`, as `[published]` names it.
    pub field: &'static str,
    pub stated: Decimal,
    pub computed: Decimal,
    unit: Unit,
    /// |computed − stated| / |stated|; `None` when the report states zero
    /// (or the gap is beyond what a decimal holds).
    pub relative_gap: Option<Decimal>,
    /// Whether the gap is within the report's tolerance.
    pub within: bool,
}

impl Reproduction {
    /// The figure as the report states it: `£4,880,000`, `3.64`.
    pub fn stated_text(&self, currency: &str) -> String {
        self.unit.stated(self.stated, currency)
    }

    /// The model's figure as every output rounds it.
    pub fn computed_text(&self, currency: &str) -> String {
        self.unit.computed(self.computed, currency)
    }
}

/// Every figure `[published]` states, in the order the section lists them,
/// beside the model's; empty when the model has no `[published]`.
pub fn figures(model: &Model, results: &Results) -> Vec<Reproduction> {
    let Some(published) = &model.published else {
        return Vec::new();
    };
    let figures = [
        (
            "present_value",
            published.present_value,
            results.present_value,
            Unit::Money,
        ),
        (
            "inputs",
            published.inputs,
            results.inputs_total,
            Unit::Money,
        ),
        ("ratio", published.ratio, results.ratio, Unit::Ratio),
    ];
    figures
        .into_iter()
        .filter_map(|(field, stated, computed, unit)| {
            let stated = stated?;
            // Figures of opposite sign near the largest decimal could overflow
            // a plain subtraction; such a gap is far beyond any tolerance anyway.
            let gap = computed.checked_sub(stated).map(|gap| gap.abs());
            Some(Reproduction {
                field,
                stated,
                computed,
                unit,
                relative_gap: gap.and_then(|gap| gap.checked_div(stated.abs())),
                within: gap.is_some_and(|gap| gap <= published.tolerance * stated.abs()),
            })
        })
        .collect()
}

/// How a figure reads in a message.
#[derive(Debug, Clone, Copy)]
enum Unit {
    /// £4,880,114.01 computed; £4,880,000 stated as written.
    Money,
    /// 3.6419 computed (four places, as in JSON, so a small drift shows);
    /// 3.64 stated as written.
    Ratio,
}

impl Unit {
    /// A figure the model computed, rounded as every output rounds it.
    fn computed(self, value: Decimal, currency: &str) -> String {
        match self {
            Unit::Money => text::money(value, currency),
            Unit::Ratio => crate::number::round(value, 4).normalize().to_string(),
        }
    }

    /// A figure of the report, quoted exactly as `[published]` writes it.
    fn stated(self, value: Decimal, currency: &str) -> String {
        match self {
            Unit::Money => published::money(value, currency),
            Unit::Ratio => published::ratio(value),
        }
    }
}

/// Compare the unrounded figure with the stated one: reports round their
/// headline figures, which is what the tolerance is for.
fn reproduced(
    published: &Published,
    figure: &Reproduction,
    model: &Model,
    findings: &mut Vec<Finding>,
) {
    let currency = &model.analysis.currency;
    let tolerance = text::rate(published.tolerance);
    let field = figure.field;
    let span = published.spans.of(field);
    if figure.within {
        return;
    }
    let off = match figure.relative_gap {
        Some(relative) => format!("{} away", text::percent(relative, 2)),
        None => "the report states zero".to_owned(),
    };
    findings.push(Finding::new(
        Code::PublishedNotReproduced,
        span,
        format!(
            "[published] {field} is {} but the model gives {} ({off}, beyond the tolerance of {tolerance})",
            figure.stated_text(currency),
            figure.computed_text(currency)
        ),
        "the model no longer reproduces its assured report: undo the change that moved it, or update [published] if the report was reissued",
    ));
}

fn below_minimum(model: &Model, ratio: Decimal, minimum: Decimal, findings: &mut Vec<Finding>) {
    if ratio >= minimum {
        return;
    }
    let span = model
        .published
        .as_ref()
        .and_then(|p| p.spans.recorded("ratio"))
        .unwrap_or_else(|| model_span(model));
    findings.push(Finding::new(
        Code::RatioBelowMinimum,
        span,
        format!(
            "the SROI ratio {} : 1 is below the minimum of {} set by --min-ratio",
            text::ratio(Some(ratio)),
            minimum.normalize()
        ),
        "the threshold is the command line's; the model's figures are what they are",
    ));
}
