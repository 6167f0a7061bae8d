//! `sroi import`: a value map saved as CSV (one row per outcome, the columns
//! `sroi calc --format csv` writes) turned back into a model file.
//!
//! Each cell is written as the TOML value the model format takes for its
//! field, and the text is loaded back through the real loader and computed
//! before anyone sees it. Every problem the loader finds is traced back to
//! the cell it came from, so each rule lives once, in `model`, and a CSV gets
//! the same messages and hints as a model file, placed by row and column.
//! What only a CSV can get wrong (its header, its rows, ids given twice,
//! rows that disagree on a stakeholder's name) is checked here.
//!
//! A CSV holds outcomes only. The rest of the model comes either from a base
//! model (`--onto`: the analyst's loop of export, edit in a spreadsheet,
//! re-import) or from an inputs CSV, with the format's default conventions.

mod cells;
mod checks;
mod document;
mod problem;
mod table;
mod write;

use std::collections::HashSet;

use self::cells::Kind;
use self::checks::Checks;
use self::document::{Document, Origin};
use self::problem::{At, Problem};
use self::table::{Columns, Table};
use self::write::{Standalone, write_onto, write_standalone};
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::model::{Limits, Model};

/// A CSV file as read, with the name it is reported under.
pub struct CsvFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Where the parts of a model that a value map does not hold come from.
pub enum Rest<'a> {
    /// Everything but the outcomes is kept from a valid base model.
    Onto {
        source: &'a SourceFile,
        model: &'a Model,
    },
    /// Inputs from a CSV, stakeholders from the rows, the default conventions.
    Standalone { inputs: &'a CsvFile, name: &'a str },
}

/// A model imported: its text, and how many outcomes and inputs it holds,
/// for the summary on standard error.
#[derive(Debug)]
pub struct Imported {
    pub text: String,
    pub outcomes: usize,
    pub inputs: usize,
}

/// Why nothing was imported: every problem, rendered for standard error.
#[derive(Debug)]
pub struct Rejected {
    pub report: String,
}

/// The columns of a value map, as `sroi calc --format csv` writes them, with
/// how each cell is read. `stakeholder_name` names the stakeholder; every
/// other column is a field of the outcome.
const OUTCOME_COLUMNS: [(&str, Kind); 15] = [
    ("id", Kind::Id),
    ("stakeholder", Kind::Id),
    ("stakeholder_name", Kind::Text),
    ("description", Kind::Text),
    ("indicator", Kind::Text),
    ("quantity", Kind::Numbers),
    ("proxy", Kind::Number),
    ("proxy_description", Kind::Text),
    ("proxy_source", Kind::Text),
    ("deadweight", Kind::Rate),
    ("displacement", Kind::Rate),
    ("attribution", Kind::Rate),
    ("drop_off", Kind::Rate),
    ("duration", Kind::Whole),
    ("start_year", Kind::Whole),
];

const OUTCOMES: Columns = Columns {
    // The columns `sroi calc --format csv` writes, so that its CSV comes back.
    fields: &crate::model::schema::OUTCOME_COLUMNS,
    required: &["id", "stakeholder", "quantity", "proxy", "duration"],
    computed: is_computed,
};

/// The columns of an inputs CSV.
const INPUT_COLUMNS: [(&str, Kind); 5] = [
    ("stakeholder", Kind::Id),
    ("stakeholder_name", Kind::Text),
    ("description", Kind::Text),
    ("amount", Kind::Numbers),
    ("in_kind", Kind::Boolean),
];

const INPUTS: Columns = Columns {
    fields: &[
        "stakeholder",
        "stakeholder_name",
        "description",
        "amount",
        "in_kind",
    ],
    required: &["stakeholder", "amount"],
    computed: |_| false,
};

/// The figures `sroi calc --format csv` adds after the fields: recomputed, so ignored.
fn is_computed(name: &str) -> bool {
    matches!(name, "net_of_deductions" | "present_value" | "share")
        || name
            .strip_prefix("value_year_")
            .is_some_and(|year| !year.is_empty() && year.bytes().all(|b| b.is_ascii_digit()))
}

/// Import a value map: the text of a model that loads and computes, or every problem.
pub fn import(values: &CsvFile, rest: &Rest<'_>, limits: Limits) -> Result<Imported, Rejected> {
    let mut files = vec![values.name.clone()];
    let mut problems = Vec::new();
    let outcomes = table::read(0, &values.bytes, &OUTCOMES, &mut problems);
    let inputs = match rest {
        Rest::Standalone { inputs, .. } => {
            files.push(inputs.name.clone());
            Some(table::read(1, &inputs.bytes, &INPUTS, &mut problems))
        }
        Rest::Onto { .. } => None,
    };
    let base = match rest {
        Rest::Onto { source, .. } => Some(*source),
        Rest::Standalone { .. } => None,
    };
    let reject = |mut problems: Vec<Problem>| Rejected {
        report: problem::render(&mut problems, &files, base),
    };
    let Some(mut outcomes) = outcomes else {
        return Err(reject(problems));
    };
    let mut inputs = match inputs {
        Some(None) => return Err(reject(problems)),
        Some(Some(table)) => Some(table),
        None => None,
    };
    let mut checks = Checks {
        problems,
        reported: HashSet::new(),
        files: files.clone(),
    };
    checks.rows_present(&outcomes, "outcome");
    checks.required_cells(&mut outcomes, OUTCOMES.required);
    checks.unique_ids(&mut outcomes);
    let mut document = Document::default();
    match rest {
        Rest::Onto { source, model } => {
            checks.names_match_the_base(&mut outcomes, model);
            write_onto(&mut document, &outcomes, &checks.reported, source, values);
        }
        Rest::Standalone { name, inputs: file } => {
            let Some(inputs) = inputs.as_mut() else {
                return Err(reject(checks.problems));
            };
            checks.rows_present(inputs, "input");
            checks.required_cells(inputs, INPUTS.required);
            let stakeholders = checks.stakeholders(&mut outcomes, inputs);
            write_standalone(
                &mut document,
                Standalone {
                    name,
                    outcomes: &outcomes,
                    inputs,
                    stakeholders: &stakeholders,
                    files: [&values.name, &file.name],
                },
                &checks.reported,
            );
        }
    }
    let tables: Vec<&Table> = std::iter::once(&outcomes).chain(inputs.as_ref()).collect();
    let Checks {
        mut problems,
        reported,
        ..
    } = checks;
    let follow_on = FollowOn {
        reported: &reported,
        found_before: !problems.is_empty(),
        rows_missing: outcomes.rows.is_empty() || outcomes.unreadable_rows > 0,
    };
    let counts = match reload(&document.text, limits) {
        Ok(model) => Some((model.outcomes.len(), model.inputs.len())),
        Err(diagnostics) => {
            for diagnostic in diagnostics {
                if let Some(problem) = trace(&document, &tables, &follow_on, diagnostic) {
                    problems.push(problem);
                }
            }
            None
        }
    };
    match counts {
        Some((outcomes, inputs)) if problems.is_empty() => Ok(Imported {
            text: document.text,
            outcomes,
            inputs,
        }),
        _ => Err(reject(problems)),
    }
}

/// Load and compute the written text as `sroi calc` would: the model, or
/// its problems.
fn reload(text: &str, limits: Limits) -> Result<Model, Vec<Diagnostic>> {
    let source = SourceFile::new("<imported model>", text);
    let model = crate::scenario::parse_validated(&source, limits).map_err(|d| d.items)?;
    crate::calc::calculate(&model).map_err(|diagnostic| vec![diagnostic])?;
    Ok(model)
}

/// What the import's own checks found, by which the loader's findings that
/// only follow from them are recognised.
struct FollowOn<'a> {
    /// Cells already reported, and so left out of the model.
    reported: &'a HashSet<(usize, usize, usize)>,
    /// Whether the import's own checks found anything.
    found_before: bool,
    /// Whether outcome rows were left out: a scenario of the base model may
    /// name one of them.
    rows_missing: bool,
}

/// Place a problem the loader found in the written text where it came from.
/// A problem that follows from one already reported (a field left out
/// because its cell was wrong) is dropped, as `None`.
fn trace(
    document: &Document,
    tables: &[&Table],
    follow_on: &FollowOn<'_>,
    diagnostic: Diagnostic,
) -> Option<Problem> {
    let at = match document.origin(&diagnostic.span) {
        Some(Origin::Cell { file, row, column }) => {
            if follow_on.reported.contains(&(file, row, column)) {
                return None;
            }
            let table = tables[file];
            table.at(&table.rows[row], column)
        }
        Some(Origin::Row { file, row }) => {
            let row = &tables[file].rows[row];
            if row.flawed {
                return None;
            }
            At::Line {
                file,
                line: row.line,
                column: 1,
            }
        }
        Some(Origin::Base { .. }) if follow_on.rows_missing => return None,
        Some(Origin::Base { start, end }) => At::Base { span: start..end },
        None if follow_on.found_before => return None,
        None => At::File { file: 0 },
    };
    Some(Problem {
        code: diagnostic.code,
        at,
        message: diagnostic.message,
        hint: diagnostic.hint,
    })
}
