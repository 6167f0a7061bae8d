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

use std::io::{self, Write};

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

/// The whole document as text.
pub fn render(report: &Report<'_>) -> String {
    let mut out = Vec::with_capacity(200 * (report.analysis.tornado.len() + 10));
    write(report, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("the document is UTF-8")
}

/// Write the document to `out` as it is produced, one entry at a time: a
/// model of 100,000 outcomes has 700,000 parameters, whose lines together
/// are larger than the analysis itself.
pub fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let model = report.model;
    let analysis = report.analysis;
    let steps = &analysis.steps;
    let conventions = serde_json::to_string(&ConventionsJson::new(&model.conventions))
        .expect("the conventions serialise to JSON");
    write!(
        out,
        "{{\n  \"analysis\": {{\"name\": {}, \"currency\": {}}},\n  \"conventions\": {conventions},\n  \"target\": {},\n",
        string(&model.analysis.name),
        string(&model.analysis.currency),
        analysis.target.normalize()
    )?;
    out.write_all(crate::report::json::about_lines(model).as_bytes())?;
    writeln!(
        out,
        "  \"steps\": {{\"deduction\": {}, \"proxy\": {}, \"quantity\": {}, \"duration\": {}, \"discount_rate\": {}, \"inputs\": {}}},",
        steps.deduction.normalize(),
        steps.proxy.normalize(),
        steps.quantity.normalize(),
        steps.duration,
        steps.rate.normalize(),
        steps.inputs.normalize()
    )?;
    writeln!(
        out,
        "  \"base\": {{\"present_value\": {}, \"inputs\": {}, \"ratio\": {}}},",
        money(analysis.present_value),
        money(analysis.inputs),
        ratio(analysis.ratio)
    )?;
    array(out, "one_at_a_time", &analysis.tornado, |out, s| {
        swing(out, report, s)
    })?;
    let switching_values = analysis
        .groups
        .iter()
        .map(Entry::Group)
        .chain(analysis.switching.iter().map(Entry::Parameter));
    array(
        out,
        "switching_values",
        switching_values,
        |out, entry| match entry {
            Entry::Group(g) => group(out, report, g),
            Entry::Parameter(s) => switching(out, report, s),
        },
    )?;
    array(out, "scenarios", &report.scenarios, scenario)?;
    let notes: Vec<String> = analysis.notes.iter().map(|n| string(n)).collect();
    write!(out, "  \"notes\": [{}]\n}}\n", notes.join(", "))
}

/// An entry of `switching_values`.
enum Entry<'a> {
    Group(&'a GroupSwitching),
    Parameter(&'a Switching),
}

/// `"key": [...]`, one entry to a line, or `[]` when there are none.
fn array<T>(
    out: &mut dyn Write,
    key: &str,
    items: impl IntoIterator<Item = T>,
    mut entry: impl FnMut(&mut dyn Write, T) -> io::Result<()>,
) -> io::Result<()> {
    let mut items = items.into_iter().peekable();
    if items.peek().is_none() {
        return writeln!(out, "  \"{key}\": [],");
    }
    write!(out, "  \"{key}\": [\n    ")?;
    for (index, item) in items.enumerate() {
        if index > 0 {
            out.write_all(b",\n    ")?;
        }
        entry(out, item)?;
    }
    out.write_all(b"\n  ],\n")
}

fn point(out: &mut dyn Write, point: &Point) -> io::Result<()> {
    write!(
        out,
        "{{\"value\": {}, \"ratio\": {}}}",
        value(point.value),
        ratio(point.ratio)
    )
}

fn swing(out: &mut dyn Write, report: &Report<'_>, swing: &Swing) -> io::Result<()> {
    write!(
        out,
        "{{\"parameter\": \"{}\", \"base\": {}, \"low\": ",
        swing.parameter.shown(report.model),
        value(swing.base),
    )?;
    point(out, &swing.low)?;
    out.write_all(b", \"high\": ")?;
    point(out, &swing.high)?;
    write!(out, ", \"swing\": {}}}", ratio(swing.width()))
}

fn switching(out: &mut dyn Write, report: &Report<'_>, switching: &Switching) -> io::Result<()> {
    write!(
        out,
        "{{\"parameter\": \"{}\", \"base\": {}, \"switch\": ",
        switching.parameter.shown(report.model),
        value(switching.base)
    )?;
    match &switching.switch {
        Some(p) => write!(out, "{}, \"ratio\": {}}}", value(p.value), ratio(p.ratio)),
        None => out.write_all(b"null, \"ratio\": null}"),
    }
}

/// A group's entry: its address, no base (its members' values differ), the
/// change, its unit and the ratio there.
fn group(out: &mut dyn Write, report: &Report<'_>, group: &GroupSwitching) -> io::Result<()> {
    let (switch, at) = match &group.switch {
        Some(c) => (value(c.change).to_string(), ratio(c.ratio).to_string()),
        None => ("null".to_owned(), "null".to_owned()),
    };
    write!(
        out,
        "{{\"parameter\": {}, \"base\": null, \"switch\": {switch}, \"unit\": \"{}\", \"ratio\": {at}, \"outcomes\": {}}}",
        string(&group.address(report.model)),
        group.unit.as_str(),
        group.outcomes
    )
}

fn scenario(out: &mut dyn Write, s: &super::Scenario<'_>) -> io::Result<()> {
    let description = s
        .scenario
        .description
        .as_deref()
        .map_or_else(String::new, |d| format!("\"description\": {}, ", string(d)));
    write!(
        out,
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
