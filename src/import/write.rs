//! Writing the model text from a value map: onto a base model, or standalone
//! with inputs from their own CSV, each value remembering the cell it came from.

use std::collections::{HashMap, HashSet};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::cells::{self, Kind};
use super::checks::Stakeholder;
use super::document::{Document, Origin};
use super::table::{Row, Table};
use super::{CsvFile, INPUT_COLUMNS, OUTCOME_COLUMNS, document};
use crate::diagnostic::SourceFile;
use crate::model::{Conventions, schema};

fn cell_origin((file, row, column): (usize, usize, usize)) -> Origin {
    Origin::Cell { file, row, column }
}

/// The base model with its outcomes replaced by the rows of the CSV.
pub(super) fn write_onto(
    document: &mut Document,
    outcomes: &Table,
    reported: &HashSet<(usize, usize, usize)>,
    base: &SourceFile,
    values: &CsvFile,
) {
    let Ok(parsed) = DeTable::parse(&base.text) else {
        // The base model was loaded before, so it parses.
        return;
    };
    let root = parsed.get_ref();
    for line in [
        "Imported by `sroi import`, the outcomes from".to_owned(),
        format!("  {}", printable(&values.name)),
        "and everything else (analysis, conventions, stakeholders, inputs, published".to_owned(),
        "figures, scenarios, [check], and each outcome's uncertainty, by id) from".to_owned(),
        format!("  {}", printable(&base.name)),
    ] {
        document.comment(&line);
    }
    let uncertainty = base_uncertainty(root);
    for key in schema::TOP_LEVEL {
        if *key == "outcomes" {
            write_outcomes(document, outcomes, reported, &uncertainty);
            continue;
        }
        let Some(value) = root.get(*key) else {
            continue;
        };
        let order = key_order(key);
        match value.get_ref() {
            DeValue::Table(table) => document.base_table(key, false, table, order),
            DeValue::Array(items) => {
                for item in items {
                    if let Some(table) = item.get_ref().as_table() {
                        document.base_table(key, true, table, order);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The order the format lists a table's keys in.
fn key_order(table: &str) -> &'static [&'static str] {
    match table {
        "analysis" => schema::ANALYSIS,
        "conventions" => schema::CONVENTIONS,
        "stakeholders" => schema::STAKEHOLDER,
        "inputs" => schema::INPUT,
        "published" => schema::PUBLISHED,
        "scenarios" => schema::SCENARIO,
        "check" => schema::CHECK,
        _ => &[],
    }
}

/// Each base outcome's `uncertainty` table, by outcome id.
fn base_uncertainty<'t, 'i>(root: &'t DeTable<'i>) -> HashMap<&'t str, &'t Spanned<DeValue<'i>>> {
    let mut found = HashMap::new();
    let outcomes = root.get("outcomes").and_then(|v| v.get_ref().as_array());
    for item in outcomes.into_iter().flatten() {
        let Some(table) = item.get_ref().as_table() else {
            continue;
        };
        let id = table.get("id").and_then(|v| v.get_ref().as_str());
        if let (Some(id), Some(uncertainty)) = (id, table.get("uncertainty")) {
            found.insert(id, uncertainty);
        }
    }
    found
}

/// Everything a standalone import writes.
pub(super) struct Standalone<'a> {
    pub(super) name: &'a str,
    pub(super) outcomes: &'a Table,
    pub(super) inputs: &'a Table,
    pub(super) stakeholders: &'a [Stakeholder],
    pub(super) files: [&'a str; 2],
}

pub(super) fn write_standalone(
    document: &mut Document,
    parts: Standalone<'_>,
    reported: &HashSet<(usize, usize, usize)>,
) {
    let [values, inputs] = parts.files.map(printable);
    for line in [
        "Imported by `sroi import` from".to_owned(),
        format!("  outcomes: {values}"),
        format!("  inputs:   {inputs}"),
        "The conventions are the format's defaults, written out so that each can be".to_owned(),
        "changed; set the currency if the values are not in pounds sterling.".to_owned(),
    ] {
        document.comment(&line);
    }
    document.header("analysis", false);
    document.entry("name", &cells::string(parts.name), None);
    document.entry("currency", "\"GBP\"", None);

    let defaults = Conventions::default();
    document.header("conventions", false);
    let rate = crate::format::text::rate(defaults.discount_rate);
    document.entry("discount_rate", &cells::string(&rate), None);
    document.entry("schedule", &cells::string(defaults.schedule.as_str()), None);
    document.entry(
        "discount_first_year",
        &defaults.discount_first_year.to_string(),
        None,
    );
    document.entry(
        "inputs_discounted",
        &defaults.inputs_discounted.to_string(),
        None,
    );
    document.entry(
        "deductions",
        &cells::string(defaults.deductions.as_str()),
        None,
    );

    for stakeholder in parts.stakeholders {
        document.header("stakeholders", true);
        document.entry(
            "id",
            &cells::string(&stakeholder.id),
            Some(cell_origin(stakeholder.first)),
        );
        if let Some((name, at)) = &stakeholder.name {
            document.entry("name", &cells::string(name), Some(cell_origin(*at)));
        }
    }
    write_rows(document, parts.inputs, "inputs", &INPUT_COLUMNS, reported);
    write_outcomes(document, parts.outcomes, reported, &HashMap::new());
}

fn write_outcomes(
    document: &mut Document,
    outcomes: &Table,
    reported: &HashSet<(usize, usize, usize)>,
    uncertainty: &HashMap<&str, &Spanned<DeValue<'_>>>,
) {
    for (index, row) in outcomes.rows.iter().enumerate() {
        let start = document.text.len() + 1;
        write_row(
            document,
            outcomes,
            index,
            row,
            "outcomes",
            &OUTCOME_COLUMNS,
            reported,
        );
        let id = outcomes.cell(row, "id").map(|(_, id)| cells::id(id));
        if let Some(DeValue::Table(table)) =
            id.and_then(|id| uncertainty.get(id)).map(|v| v.get_ref())
        {
            document.header("outcomes.uncertainty", false);
            for (key, value) in document::ordered(table, schema::UNCERTAIN) {
                document.base_entry(key, value);
            }
        }
        document.mark(
            start,
            Origin::Row {
                file: outcomes.file,
                row: index,
            },
        );
    }
}

fn write_rows(
    document: &mut Document,
    table: &Table,
    name: &str,
    columns: &[(&str, Kind)],
    reported: &HashSet<(usize, usize, usize)>,
) {
    for (index, row) in table.rows.iter().enumerate() {
        let start = document.text.len() + 1;
        write_row(document, table, index, row, name, columns, reported);
        document.mark(
            start,
            Origin::Row {
                file: table.file,
                row: index,
            },
        );
    }
}

/// One row as a `[[name]]` entry: every non-empty cell that had no problem.
fn write_row(
    document: &mut Document,
    table: &Table,
    index: usize,
    row: &Row,
    name: &str,
    columns: &[(&str, Kind)],
    reported: &HashSet<(usize, usize, usize)>,
) {
    document.header(name, true);
    for (field, kind) in columns {
        if *field == "stakeholder_name" {
            continue;
        }
        let Some((column, cell)) = table.cell(row, field) else {
            continue;
        };
        if cell.trim().is_empty() || reported.contains(&(table.file, index, column)) {
            continue;
        }
        let origin = Origin::Cell {
            file: table.file,
            row: index,
            column,
        };
        if *field == "quantity" && !row.cohorts.is_empty() {
            write_cohorts(document, table.file, index, row, cell, origin);
            continue;
        }
        document.entry(field, &cells::value(*kind, cell), Some(origin));
    }
}

/// The quantity of an outcome whose cohorts have rows of their own: one
/// item per cohort, each traced to its own row's cell.
fn write_cohorts(
    document: &mut Document,
    file: usize,
    index: usize,
    row: &Row,
    first: &str,
    origin: Origin,
) {
    let mut items = vec![(cells::value(Kind::Number, first), origin)];
    for (cohort, (_, cell)) in row.cohorts.iter().enumerate() {
        let later = Origin::Cohort {
            file,
            row: index,
            cohort,
        };
        items.push((cells::value(Kind::Number, cell), later));
    }
    document.list_entry("quantity", &items, origin);
}

/// A file name fit for a comment line: no line breaks or other control characters.
fn printable(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}
