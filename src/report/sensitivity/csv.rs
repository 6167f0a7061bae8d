//! `sroi sensitivity --format csv`: one header, a `base` row, one `group`
//! row per group switching value (its change in `switch`, its `unit`), one
//! `parameter` row per varied assumption (its swing and its switching value
//! side by side, widest swing first), and one `scenario` row per scenario.
//! Cells that do not apply to a row are empty.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::Report;
use crate::number::round;
use crate::report::csv::text_cell;
use crate::sensitivity::{Parameter, Switching};

const HEADER: [&str; 14] = [
    "kind",
    "name",
    "base",
    "low_value",
    "low_ratio",
    "high_value",
    "high_ratio",
    "swing",
    "switch",
    "switch_ratio",
    "present_value",
    "inputs",
    "ratio",
    "unit",
];

fn value(v: Decimal) -> String {
    round(v, 10).normalize().to_string()
}

fn ratio(v: Decimal) -> String {
    round(v, 4).to_string()
}

fn money(v: Decimal) -> String {
    round(v, 2).to_string()
}

pub fn render(report: &Report<'_>) -> Result<String, csv::Error> {
    let analysis = report.analysis;
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(HEADER)?;
    let empty = String::new;
    let mut base = vec![String::new(); HEADER.len()];
    base[0] = "base".to_owned();
    // Under `--scenario` the base is that scenario, and the row says so.
    base[1] = report
        .model
        .analysis
        .scenario
        .as_ref()
        .map_or_else(|| "base".to_owned(), |s| text_cell(&s.name));
    base[10] = money(analysis.present_value);
    base[11] = money(analysis.inputs);
    base[12] = ratio(analysis.ratio);
    writer.write_record(&base)?;
    let switching: HashMap<Parameter, &Switching> = analysis
        .switching
        .iter()
        .map(|s| (s.parameter, s))
        .collect();
    for group in &analysis.groups {
        let mut row = vec![String::new(); HEADER.len()];
        row[0] = "group".to_owned();
        row[1] = text_cell(&group.address(report.model));
        if let Some(change) = &group.switch {
            row[8] = value(change.change);
            row[9] = ratio(change.ratio);
        }
        row[13] = group.unit.as_str().to_owned();
        writer.write_record(&row)?;
    }
    for swing in &analysis.tornado {
        let switch = switching
            .get(&swing.parameter)
            .and_then(|s| s.switch.as_ref());
        writer.write_record([
            "parameter".to_owned(),
            text_cell(&swing.parameter.name(report.model)),
            value(swing.base),
            value(swing.low.value),
            ratio(swing.low.ratio),
            value(swing.high.value),
            ratio(swing.high.ratio),
            ratio(swing.width()),
            switch.map_or_else(empty, |p| value(p.value)),
            switch.map_or_else(empty, |p| ratio(p.ratio)),
            empty(),
            empty(),
            empty(),
            empty(),
        ])?;
    }
    for s in &report.scenarios {
        let mut row = vec![String::new(); HEADER.len()];
        row[0] = "scenario".to_owned();
        row[1] = text_cell(&s.scenario.name);
        row[10] = money(s.present_value);
        row[11] = money(s.inputs);
        row[12] = ratio(s.ratio);
        writer.write_record(&row)?;
    }
    let bytes = writer.into_inner().map_err(|error| error.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
