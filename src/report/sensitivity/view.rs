//! The sensitivity report as a page: the base figures, the tornado drawn with
//! bars either side of the base ratio, the switching values as sentences, and
//! the scenarios beside the base. Long models show their most influential
//! parameters first and the rest on request (`--top 0`).

use std::collections::HashMap;

use super::words;
use super::{Report, Scenario};
use crate::report::page::{Block, Page};
use crate::report::text;
use crate::report::view::{Align, Section};
use crate::sensitivity::groups::{GroupSwitching, Members};
use crate::sensitivity::{Parameter, Swing, Switching};
use rust_decimal::Decimal;

/// Cells on each side of the tornado's centre line.
const HALF_WIDTH: usize = 12;

pub fn page(report: &Report<'_>) -> Page {
    let model = report.model;
    let analysis = report.analysis;
    let currency = &model.analysis.currency;
    let lines = vec![
        format!(
            "Present value {}, inputs {}, ratio {} : 1; target {} : 1",
            text::money(analysis.present_value, currency),
            text::money(analysis.inputs, currency),
            words::ratio(analysis.ratio),
            analysis.target.normalize()
        ),
        steps_line(report),
    ];
    let shown = match report.top {
        0 => analysis.tornado.len(),
        top => top.min(analysis.tornado.len()),
    };
    let mut blocks = vec![Block::table(tornado(report, shown))];
    if shown < analysis.tornado.len() {
        blocks.push(Block::Note(format!(
            "The {shown} widest of {} swings; --top 0 shows every one, and JSON and CSV always do.",
            analysis.tornado.len()
        )));
    }
    blocks.push(Block::table(groups(report)));
    if let Some(note) = unreachable_groups(report) {
        blocks.push(Block::Note(note));
    }
    blocks.push(Block::table(switching(report, shown)));
    if !report.scenarios.is_empty() {
        blocks.push(Block::table(scenarios(report)));
    }
    blocks.extend(
        analysis
            .notes
            .iter()
            .map(|note| Block::Note(format!("Note: {note}."))),
    );
    let lines = crate::report::view::about(model).into_iter().chain(lines);
    Page {
        title: format!("Sensitivity of {}", model.analysis.title()),
        blocks: std::iter::once(Block::Lines(lines.collect()))
            .chain(blocks)
            .collect(),
    }
}

pub(crate) fn steps_line(report: &Report<'_>) -> String {
    let steps = &report.analysis.steps;
    let points = |d: Decimal| {
        let points = (d * Decimal::ONE_HUNDRED).normalize();
        format!(
            "{points} {}",
            if points == Decimal::ONE {
                "point"
            } else {
                "points"
            }
        )
    };
    let share = |d: Decimal| format!("{}%", (d * Decimal::ONE_HUNDRED).normalize());
    format!(
        "Each assumption moved either way: deductions and drop-off {}, proxies {}, quantities {}, duration {} {}, discount rate {}, inputs {}",
        points(steps.deduction),
        share(steps.proxy),
        share(steps.quantity),
        steps.duration,
        if steps.duration == 1 { "year" } else { "years" },
        points(steps.rate),
        share(steps.inputs)
    )
}

fn tornado(report: &Report<'_>, shown: usize) -> Section {
    let analysis = report.analysis;
    let widest = analysis.tornado.first().map_or(Decimal::ZERO, Swing::width);
    let show = |parameter, value| words::value(report.model, parameter, value);
    let rows = analysis.tornado[..shown]
        .iter()
        .map(|swing| {
            let (left, right) = ordered(swing);
            vec![
                words::parameter(report.model, swing.parameter),
                show(swing.parameter, swing.base),
                format!(
                    "{} → {}",
                    show(swing.parameter, left.0),
                    words::ratio(left.1)
                ),
                bar(analysis.ratio, left.1, right.1, widest),
                format!(
                    "{} ← {}",
                    words::ratio(right.1),
                    show(swing.parameter, right.0)
                ),
                words::ratio(swing.width()),
            ]
        })
        .collect();
    Section {
        title: "One at a time: the ratio with each assumption moved (widest swing first)",
        columns: vec![
            ("Parameter", Align::Left),
            ("Base", Align::Right),
            ("Lower ratio", Align::Right),
            ("Ratio, drawn", Align::Left),
            ("Higher ratio", Align::Left),
            ("Swing", Align::Right),
        ],
        rows,
    }
}

/// The two ends of a swing as (value, ratio), the one with the lower ratio first.
fn ordered(swing: &Swing) -> ((Decimal, Decimal), (Decimal, Decimal)) {
    let low = (swing.low.value, swing.low.ratio);
    let high = (swing.high.value, swing.high.ratio);
    if low.1 <= high.1 {
        (low, high)
    } else {
        (high, low)
    }
}

/// `    ▐████│██████      `: how far below and above the base ratio the swing
/// reaches, in half cells, on the scale of the widest swing.
fn bar(base: Decimal, lower: Decimal, higher: Decimal, widest: Decimal) -> String {
    let halves = |reach: Decimal| -> usize {
        let cells = Decimal::from(HALF_WIDTH * 2);
        // Divided first: a reach is at most the widest, so the share is at
        // most 1 and its cells cannot overflow, however large the ratios.
        let scaled = reach
            .max(Decimal::ZERO)
            .checked_div(widest)
            .and_then(|share| share.checked_mul(cells));
        scaled
            .map_or(0, |s| s.round().try_into().unwrap_or(0usize))
            .min(HALF_WIDTH * 2)
    };
    // A reach beyond the largest decimal is beyond the widest swing too.
    let reach = |from: Decimal, to: Decimal| to.checked_sub(from).unwrap_or(Decimal::MAX);
    let (left, right) = (halves(reach(lower, base)), halves(reach(base, higher)));
    let left_bar = format!(
        "{}{}",
        if left % 2 == 1 { "▐" } else { "" },
        "█".repeat(left / 2)
    );
    let right_bar = format!(
        "{}{}",
        "█".repeat(right / 2),
        if right % 2 == 1 { "▌" } else { "" }
    );
    format!(
        "{}{left_bar}│{right_bar}{}",
        " ".repeat(HALF_WIDTH - left.div_ceil(2)),
        " ".repeat(HALF_WIDTH - right.div_ceil(2))
    )
}

pub(crate) fn switching(report: &Report<'_>, shown: usize) -> Section {
    let by_parameter: HashMap<Parameter, &Switching> = report
        .analysis
        .switching
        .iter()
        .map(|s| (s.parameter, s))
        .collect();
    let rows = report.analysis.tornado[..shown]
        .iter()
        .filter_map(|swing| by_parameter.get(&swing.parameter))
        .map(|s| {
            let value = s.switch.as_ref().map_or_else(
                || "not reachable".to_owned(),
                |p| words::value(report.model, s.parameter, p.value),
            );
            vec![
                words::parameter(report.model, s.parameter),
                words::value(report.model, s.parameter, s.base),
                value,
                words::sentence(report.model, report.analysis.target, s),
            ]
        })
        .collect();
    Section {
        title: "Switching values: where the ratio reaches the target, the rest held fixed",
        columns: vec![
            ("Parameter", Align::Left),
            ("Base", Align::Right),
            ("Switching value", Align::Right),
            ("In words", Align::Left),
        ],
        rows,
    }
}

pub(crate) fn scenarios(report: &Report<'_>) -> Section {
    let currency = &report.model.analysis.currency;
    let analysis = report.analysis;
    let mut rows = vec![vec![
        "base".to_owned(),
        "the model as written".to_owned(),
        text::money(analysis.present_value, currency),
        String::new(),
        words::ratio(analysis.ratio),
        String::new(),
    ]];
    rows.extend(report.scenarios.iter().map(|s: &Scenario<'_>| {
        let ratio = words::ratio(s.ratio);
        let ratio_change = signed(round2(s.difference.ratio));
        vec![
            s.scenario.name.clone(),
            s.scenario.description.clone().unwrap_or_default(),
            text::money(s.present_value, currency),
            signed_money(s.difference.present_value, currency),
            ratio,
            ratio_change,
        ]
    }));
    Section {
        title: "Scenarios beside the base",
        columns: vec![
            ("Scenario", Align::Left),
            ("Description", Align::Left),
            ("Present value", Align::Right),
            ("Difference", Align::Right),
            ("Ratio", Align::Right),
            ("Difference", Align::Right),
        ],
        rows,
    }
}

fn round2(value: Decimal) -> Decimal {
    crate::number::round(value, 2)
}

fn signed(value: Decimal) -> String {
    if value > Decimal::ZERO {
        format!("+{value}")
    } else {
        value.to_string()
    }
}

fn signed_money(value: Decimal, currency: &str) -> String {
    let money = text::money(value, currency);
    if crate::number::round_money(value) > Decimal::ZERO {
        format!("+{money}")
    } else {
        money
    }
}

/// The group switching values: each field of every outcome, then of each
/// stakeholder's outcomes, moved together.
pub(crate) fn groups(report: &Report<'_>) -> Section {
    let model = report.model;
    let target = report.analysis.target;
    let rows = shown_groups(report)
        .map(|group| {
            vec![
                words::group(model, group),
                group.outcomes.to_string(),
                words::change(group),
                words::group_sentence(model, target, group),
            ]
        })
        .collect();
    Section {
        title: "Switching values for groups: one field of many outcomes moved together, the rest held fixed",
        columns: vec![
            ("Group", Align::Left),
            ("Outcomes", Align::Right),
            ("Change", Align::Right),
            ("In words", Align::Left),
        ],
        rows,
    }
}

/// The groups the tables show: every field over every outcome, and the
/// stakeholders' groups that can reach the target (JSON and CSV have all).
pub(crate) fn shown_groups<'r>(report: &'r Report<'_>) -> impl Iterator<Item = &'r GroupSwitching> {
    report
        .analysis
        .groups
        .iter()
        .filter(|g| g.members == Members::Every || g.switch.is_some())
}

/// How many stakeholders' groups cannot reach the target, when some cannot.
pub(crate) fn unreachable_groups(report: &Report<'_>) -> Option<String> {
    let groups = &report.analysis.groups;
    let stakeholder = groups.iter().filter(|g| g.members != Members::Every);
    let hidden = stakeholder.clone().filter(|g| g.switch.is_none()).count();
    if hidden == 0 {
        return None;
    }
    Some(format!(
        "{hidden} of {} stakeholder groups cannot bring the ratio to {} by any change to one field of their outcomes, and are left out; JSON and CSV list every one.",
        stakeholder.count(),
        report.analysis.target.normalize()
    ))
}
