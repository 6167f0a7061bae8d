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
        for (field, stated, computed, unit) in figures {
            if let Some(stated) = stated {
                reproduced(published, field, stated, computed, unit, model, findings);
            }
        }
    }
    if let Some(minimum) = min_ratio {
        below_minimum(model, results.ratio, minimum, findings);
    }
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
    field: &str,
    stated: Decimal,
    computed: Decimal,
    unit: Unit,
    model: &Model,
    findings: &mut Vec<Finding>,
) {
    let currency = &model.analysis.currency;
    let tolerance = text::rate(published.tolerance);
    let span = published.spans.of(field);
    // Figures of opposite sign near the largest decimal could overflow a
    // plain subtraction; such a gap is far beyond any tolerance anyway.
    let gap = computed.checked_sub(stated).map(|gap| gap.abs());
    if gap.is_some_and(|gap| gap <= published.tolerance * stated.abs()) {
        return;
    }
    let off = match gap.and_then(|gap| gap.checked_div(stated.abs())) {
        Some(relative) => format!("{} away", text::percent(relative, 2)),
        None => "the report states zero".to_owned(),
    };
    findings.push(Finding::new(
        Code::PublishedNotReproduced,
        span,
        format!(
            "[published] {field} is {} but the model gives {} ({off}, beyond the tolerance of {tolerance})",
            unit.stated(stated, currency),
            unit.computed(computed, currency)
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
