//! Over-claiming (SROI Guide principle 5, "do not over-claim"): outcomes
//! claimed in full, claimed for too long or without fading, a ratio resting
//! on one outcome, and deductions or a ratio beyond what assured reports use.
//!
//! The benchmarks come from a study of 383 reports assured by Social Value
//! UK: deadweight median 20% (90th percentile 50%), attribution 25.5% (53%),
//! drop-off 21.5% (50%), SROI ratio 3.56 (10.2). A value above the 90th
//! percentile is not wrong, but it is rarer than one report in ten and needs
//! its evidence stated.

use rust_decimal::Decimal;

use super::codes::Code;
use super::{Finding, model_span};
use crate::calc::Results;
use crate::format::text;
use crate::model::{Model, Outcome};

/// A distribution's median and 90th percentile across assured reports.
struct Benchmark {
    median: Decimal,
    p90: Decimal,
}

/// `n / 10^scale`, usable in a constant.
const fn decimal(n: u32, scale: u32) -> Decimal {
    Decimal::from_parts(n, 0, 0, false, scale)
}

const DEADWEIGHT: Benchmark = Benchmark {
    median: decimal(20, 2),
    p90: decimal(50, 2),
};
const ATTRIBUTION: Benchmark = Benchmark {
    median: decimal(255, 3),
    p90: decimal(53, 2),
};
const DROP_OFF: Benchmark = Benchmark {
    median: decimal(215, 3),
    p90: decimal(50, 2),
};
const RATIO: Benchmark = Benchmark {
    median: decimal(356, 2),
    p90: decimal(102, 1),
};

/// Beyond this, a claim that a change lasts is rarely evidenced.
const MAX_YEARS: u32 = 5;

pub(super) fn lint(model: &Model, results: &Results, findings: &mut Vec<Finding>) {
    for (outcome, result) in model.outcomes.iter().zip(&results.outcomes) {
        no_deductions(outcome, findings);
        duration(outcome, findings);
        beyond_assured(outcome, findings);
        dominant(
            outcome,
            result.present_value,
            results.present_value,
            findings,
        );
    }
    ratio(model, results, findings);
}

fn no_deductions(outcome: &Outcome, findings: &mut Vec<Finding>) {
    if [
        outcome.deadweight,
        outcome.displacement,
        outcome.attribution,
    ]
    .iter()
    .all(Decimal::is_zero)
    {
        findings.push(Finding::new(
            Code::NoDeductions,
            outcome.spans.of("id"),
            format!("outcome `{}` has no deadweight, displacement or attribution: all of the change is claimed for the activity", outcome.id),
            "estimate what would have happened anyway (deadweight) and who else contributed (attribution); assured reports' medians are 20% and 25.5%",
        ));
    }
}

fn duration(outcome: &Outcome, findings: &mut Vec<Finding>) {
    if outcome.duration > MAX_YEARS {
        findings.push(Finding::new(
            Code::LongDuration,
            outcome.spans.of("duration"),
            format!("outcome `{}` lasts {} years; a change is rarely evidenced beyond {MAX_YEARS}", outcome.id, outcome.duration),
            "shorten `duration`, or allow SROI102 in [check] citing the evidence that the change lasts",
        ));
    }
    if outcome.duration > 1 && outcome.drop_off.is_zero() {
        let span = outcome
            .spans
            .recorded("drop_off")
            .unwrap_or_else(|| outcome.spans.of("duration"));
        findings.push(Finding::new(
            Code::NoDropOff,
            span,
            format!(
                "outcome `{}` lasts {} years with no drop-off: it keeps its full value every year",
                outcome.id, outcome.duration
            ),
            format!(
                "set `drop_off` for how the change fades (assured reports' median is {})",
                text::rate(DROP_OFF.median)
            ),
        ));
    }
}

fn beyond_assured(outcome: &Outcome, findings: &mut Vec<Finding>) {
    let checks = [
        (
            Code::HighDeadweight,
            "deadweight",
            outcome.deadweight,
            &DEADWEIGHT,
        ),
        (
            Code::HighAttribution,
            "attribution",
            outcome.attribution,
            &ATTRIBUTION,
        ),
        (Code::HighDropOff, "drop_off", outcome.drop_off, &DROP_OFF),
    ];
    for (code, field, rate, benchmark) in checks {
        if rate > benchmark.p90 {
            findings.push(Finding::new(
                code,
                outcome.spans.of(field),
                format!(
                    "outcome `{}` has {} {}, above the 90th percentile of assured reports ({}; median {})",
                    outcome.id,
                    field.replace('_', "-"),
                    text::rate(rate),
                    text::rate(benchmark.p90),
                    text::rate(benchmark.median)
                ),
                format!("check the evidence for `{field}`; if it holds, allow {code} in [check] and say what it is"),
            ));
        }
    }
}

fn dominant(outcome: &Outcome, value: Decimal, total: Decimal, findings: &mut Vec<Finding>) {
    if total <= Decimal::ZERO {
        return;
    }
    let Some(share) = value.checked_div(total) else {
        return;
    };
    if share > Decimal::new(5, 1) {
        findings.push(Finding::new(
            Code::DominantOutcome,
            outcome.spans.of("id"),
            format!("outcome `{}` carries {} of the present value: the ratio rests on one claim", outcome.id, text::percent(share, 2)),
            "test how the ratio moves with this outcome's quantity, proxy and deductions, and state its evidence",
        ));
    }
}

fn ratio(model: &Model, results: &Results, findings: &mut Vec<Finding>) {
    let ratio = results.ratio;
    if ratio > RATIO.p90 {
        let span = model
            .published
            .as_ref()
            .and_then(|p| p.spans.recorded("ratio"))
            .unwrap_or_else(|| model_span(model));
        findings.push(Finding::new(
            Code::HighRatio,
            span,
            format!(
                "the SROI ratio {} : 1 is above the 90th percentile of assured reports ({}; median {})",
                text::ratio(Some(ratio)),
                RATIO.p90.normalize(),
                RATIO.median.normalize()
            ),
            "look again for over-claiming: deadweight, attribution, drop-off and durations",
        ));
    }
}
