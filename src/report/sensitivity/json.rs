//! `sroi sensitivity --format json`. The keys the issue fixes are
//! `one_at_a_time[]` (`parameter`, `low`, `high`, each with `value` and
//! `ratio`), `switching_values[]` (`parameter`, `base`, `switch`, null when not
//! reachable; the groups first, with `base` null and the `unit` of `switch`) and `scenarios[]` (`name`, `present_value`, `ratio`); the rest
//! is added context. Rates are fractions, as in `calc`; a quantity is the
//! total over cohorts; parameter values keep up to 10 decimal places, so a
//! switching value put back into the model gives the target ratio.
//!
//! A model of 10,000 outcomes has 70,000 parameters, so the document is
//! written directly, one array entry to a line, numbers from the rounded
//! decimal's own text: small, fast, and still one pretty JSON object.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::Report;
use crate::number::round;
use crate::report::json::{ConventionsJson, string};
use crate::sensitivity::groups::GroupSwitching;
use crate::sensitivity::{Point, Swing, Switching};

/// A parameter value, exact to 10 decimal places.
fn value(v: Decimal) -> Decimal {
    round(v, 10).normalize()
}

fn ratio(v: Decimal) -> Decimal {
    round(v, 4)
}

fn money(v: Decimal) -> Decimal {
    round(v, 2)
}

pub fn render(report: &Report<'_>) -> String {
    let model = report.model;
    let analysis = report.analysis;
    let steps = &analysis.steps;
    let conventions = serde_json::to_string(&ConventionsJson::new(&model.conventions))
        .expect("the conventions serialise to JSON");
    let mut out = String::with_capacity(200 * (analysis.tornado.len() + 10));
    let _ = write!(
        out,
        "{{\n  \"analysis\": {{\"name\": {}, \"currency\": {}}},\n  \"conventions\": {conventions},\n  \"target\": {},\n",
        string(&model.analysis.name),
        string(&model.analysis.currency),
        analysis.target.normalize()
    );
    out.push_str(&crate::report::json::about_lines(model));
    let _ = writeln!(
        out,
        "  \"steps\": {{\"deduction\": {}, \"proxy\": {}, \"quantity\": {}, \"duration\": {}, \"discount_rate\": {}, \"inputs\": {}}},",
        steps.deduction.normalize(),
        steps.proxy.normalize(),
        steps.quantity.normalize(),
        steps.duration,
        steps.rate.normalize(),
        steps.inputs.normalize()
    );
    let _ = writeln!(
        out,
        "  \"base\": {{\"present_value\": {}, \"inputs\": {}, \"ratio\": {}}},",
        money(analysis.present_value),
        money(analysis.inputs),
        ratio(analysis.ratio)
    );
    let lines: Vec<String> = analysis.tornado.iter().map(|s| swing(report, s)).collect();
    array(&mut out, "one_at_a_time", &lines);
    let lines: Vec<String> = analysis
        .groups
        .iter()
        .map(|g| group(report, g))
        .chain(analysis.switching.iter().map(|s| switching(report, s)))
        .collect();
    array(&mut out, "switching_values", &lines);
    let lines: Vec<String> = report.scenarios.iter().map(|s| scenario(s)).collect();
    array(&mut out, "scenarios", &lines);
    let notes: Vec<String> = analysis.notes.iter().map(|n| string(n)).collect();
    let _ = write!(out, "  \"notes\": [{}]\n}}\n", notes.join(", "));
    out
}

fn array(out: &mut String, key: &str, lines: &[String]) {
    if lines.is_empty() {
        let _ = writeln!(out, "  \"{key}\": [],");
        return;
    }
    let _ = writeln!(out, "  \"{key}\": [\n    {}\n  ],", lines.join(",\n    "));
}

fn point(point: &Point) -> String {
    format!(
        "{{\"value\": {}, \"ratio\": {}}}",
        value(point.value),
        ratio(point.ratio)
    )
}

fn swing(report: &Report<'_>, swing: &Swing) -> String {
    format!(
        "{{\"parameter\": \"{}\", \"base\": {}, \"low\": {}, \"high\": {}, \"swing\": {}}}",
        swing.parameter.name(report.model),
        value(swing.base),
        point(&swing.low),
        point(&swing.high),
        ratio(swing.width())
    )
}

fn switching(report: &Report<'_>, switching: &Switching) -> String {
    let (switch, at) = match &switching.switch {
        Some(p) => (value(p.value).to_string(), ratio(p.ratio).to_string()),
        None => ("null".to_owned(), "null".to_owned()),
    };
    format!(
        "{{\"parameter\": \"{}\", \"base\": {}, \"switch\": {switch}, \"ratio\": {at}}}",
        switching.parameter.name(report.model),
        value(switching.base)
    )
}

/// A group's entry: its address, no base (its members' values differ), the
/// change, its unit and the ratio there.
fn group(report: &Report<'_>, group: &GroupSwitching) -> String {
    let (switch, at) = match &group.switch {
        Some(c) => (value(c.change).to_string(), ratio(c.ratio).to_string()),
        None => ("null".to_owned(), "null".to_owned()),
    };
    format!(
        "{{\"parameter\": {}, \"base\": null, \"switch\": {switch}, \"unit\": \"{}\", \"ratio\": {at}, \"outcomes\": {}}}",
        string(&group.address(report.model)),
        group.unit.as_str(),
        group.outcomes
    )
}

fn scenario(s: &super::Scenario<'_>) -> String {
    let description = s
        .scenario
        .description
        .as_deref()
        .map_or_else(String::new, |d| format!("\"description\": {}, ", string(d)));
    format!(
        "{{\"name\": {}, {description}\"present_value\": {}, \"inputs\": {}, \"ratio\": {}, \"difference\": {{\"present_value\": {}, \"inputs\": {}, \"ratio\": {}}}}}",
        string(&s.scenario.name),
        money(s.present_value),
        money(s.inputs),
        ratio(s.ratio),
        money(s.difference.present_value),
        money(s.difference.inputs),
        ratio(s.difference.ratio)
    )
}
