//! `sroi sensitivity --format csv`: one header, a `base` row, one `group`
//! row per group switching value (its change in `switch`, its `unit`), one
//! `parameter` row per varied assumption (its swing and its switching value
//! side by side, widest swing first), and one `scenario` row per scenario.
//! Cells that do not apply to a row are empty.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write;

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

/// The whole document as text.
pub fn render(report: &Report<'_>) -> Result<String, csv::Error> {
    let mut out = Vec::new();
    write(report, &mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Write the document to `out` a row at a time.
pub fn write(report: &Report<'_>, out: &mut dyn Write) -> Result<(), csv::Error> {
    let analysis = report.analysis;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(HEADER)?;
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
    // One cell buffer for every parameter row: 700,000 rows of a large
    // model, each cell written in place rather than built as its own string.
    let mut cell = String::new();
    for swing in &analysis.tornado {
        let switch = switching
            .get(&swing.parameter)
            .and_then(|s| s.switch.as_ref());
        writer.write_field("parameter")?;
        cell.clear();
        let _ = write!(cell, "{}", swing.parameter.shown(report.model));
        writer.write_field(text_cell(&cell))?;
        for figure in [
            Figure::Value(swing.base),
            Figure::Value(swing.low.value),
            Figure::Ratio(swing.low.ratio),
            Figure::Value(swing.high.value),
            Figure::Ratio(swing.high.ratio),
            Figure::Ratio(swing.width()),
        ] {
            cell.clear();
            figure.write(&mut cell);
            writer.write_field(&cell)?;
        }
        match switch {
            Some(p) => {
                writer.write_field(value(p.value))?;
                writer.write_field(ratio(p.ratio))?;
            }
            None => {
                writer.write_field("")?;
                writer.write_field("")?;
            }
        }
        for _ in 0..4 {
            writer.write_field("")?;
        }
        writer.write_record(None::<&[u8]>)?;
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
    writer.flush()?;
    Ok(())
}

/// A figure of a parameter row, written as `value` or `ratio` writes it.
enum Figure {
    Value(Decimal),
    Ratio(Decimal),
}

impl Figure {
    fn write(&self, cell: &mut String) {
        let _ = match self {
            Figure::Value(v) => write!(cell, "{}", round(*v, 10).normalize()),
            Figure::Ratio(v) => write!(cell, "{}", round(*v, 4)),
        };
    }
}
