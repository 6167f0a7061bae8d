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
mod document;
mod problem;
mod table;

use std::collections::{HashMap, HashSet};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use self::cells::Kind;
use self::document::{Document, Origin};
use self::problem::{At, Problem};
use self::table::{Columns, Row, Table};
use crate::diagnostic::{Diagnostic, ErrorCode, SourceFile};
use crate::model::{self, Conventions, Limits, Model, schema};
use crate::model::{is_valid_id, suggested_id};
use crate::report::csv::restore_text;

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
    fields: &crate::report::csv::OUTCOME_COLUMNS,
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
pub fn import(values: &CsvFile, rest: &Rest<'_>, limits: Limits) -> Result<String, Rejected> {
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
    for diagnostic in reload(&document.text, limits) {
        if let Some(problem) = trace(&document, &tables, &follow_on, diagnostic) {
            problems.push(problem);
        }
    }
    if problems.is_empty() {
        Ok(document.text)
    } else {
        Err(reject(problems))
    }
}

/// Load and compute the written text as `sroi calc` would: the problems, if any.
fn reload(text: &str, limits: Limits) -> Vec<Diagnostic> {
    let source = SourceFile::new("<imported model>", text);
    match model::parse_model(&source, limits) {
        Ok(model) => match crate::calc::calculate(&model) {
            Ok(_) => Vec::new(),
            Err(diagnostic) => vec![diagnostic],
        },
        Err(diagnostics) => diagnostics.items,
    }
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

/// The checks only a CSV needs, with every problem and the cells they are in.
struct Checks {
    problems: Vec<Problem>,
    /// (file, row, column) of every cell with a problem: left out of the model.
    reported: HashSet<(usize, usize, usize)>,
    /// The names of the files, for messages that point from one to the other.
    files: Vec<String>,
}

impl Checks {
    fn report(&mut self, table: &mut Table, row: usize, column: usize, problem: Problem) {
        self.problems.push(problem);
        self.reported.insert((table.file, row, column));
        table.rows[row].flawed = true;
    }

    fn rows_present(&mut self, table: &Table, what: &str) {
        if table.rows.is_empty() && table.unreadable_rows == 0 {
            self.problems.push(
                Problem::new(
                    ErrorCode::NothingToValue,
                    At::File { file: table.file },
                    format!("the file has no {what} rows"),
                )
                .with_hint(format!("add one row per {what} below the header")),
            );
        }
    }

    fn required_cells(&mut self, table: &mut Table, required: &[&str]) {
        for row in 0..table.rows.len() {
            for field in required {
                let Some((column, cell)) = table.cell(&table.rows[row], field) else {
                    continue;
                };
                if cell.trim().is_empty() {
                    let problem = Problem::new(
                        ErrorCode::MissingField,
                        table.at(&table.rows[row], column),
                        format!("`{field}` is required, found an empty cell"),
                    );
                    self.report(table, row, column, problem);
                }
            }
        }
    }

    fn unique_ids(&mut self, table: &mut Table) {
        let Some(column) = table.column("id") else {
            return;
        };
        let mut first: HashMap<String, u64> = HashMap::new();
        for row in 0..table.rows.len() {
            let id = table.rows[row].cells[column].trim().to_owned();
            if id.is_empty() {
                continue;
            }
            match first.get(&id) {
                Some(line) => {
                    let problem = Problem::new(
                        ErrorCode::Duplicate,
                        table.at(&table.rows[row], column),
                        format!("duplicate outcome id `{id}`"),
                    )
                    .with_hint(format!(
                        "ids must be unique; `{id}` is first used on line {line}"
                    ));
                    self.report(table, row, column, problem);
                }
                None => {
                    first.insert(id, table.rows[row].line);
                }
            }
        }
    }

    /// With `--onto`, a stakeholder's name comes from the base model: a row
    /// that names it differently would be an edit silently lost.
    fn names_match_the_base(&mut self, table: &mut Table, model: &Model) {
        let (Some(id_column), Some(name_column)) = (
            table.column("stakeholder"),
            table.column("stakeholder_name"),
        ) else {
            return;
        };
        for row in 0..table.rows.len() {
            let id = cells::id(&table.rows[row].cells[id_column]);
            let name = restore_text(&table.rows[row].cells[name_column]).to_owned();
            let Some(stakeholder) = model.stakeholders.iter().find(|s| s.id == id) else {
                continue;
            };
            if name.is_empty() || name == stakeholder.name {
                continue;
            }
            let message = format!(
                "`stakeholder_name` {name:?} differs from the base model's name {:?} for `{id}`",
                stakeholder.name
            );
            let hint = "the base model's stakeholders are kept: rename the stakeholder there, or leave the cell empty";
            let at = table.at(&table.rows[row], name_column);
            let problem = Problem::new(ErrorCode::Inconsistent, at, message).with_hint(hint);
            self.report(table, row, name_column, problem);
        }
    }

    /// The stakeholders named by the rows of both files, in order of first
    /// mention, each with the name the rows give it.
    fn stakeholders(&mut self, outcomes: &mut Table, inputs: &mut Table) -> Vec<Stakeholder> {
        let lines: [Vec<u64>; 2] = [
            outcomes.rows.iter().map(|r| r.line).collect(),
            inputs.rows.iter().map(|r| r.line).collect(),
        ];
        let mut found: Vec<Stakeholder> = Vec::new();
        for table in [outcomes, inputs] {
            let Some(id_column) = table.column("stakeholder") else {
                continue;
            };
            let name_column = table.column("stakeholder_name");
            for row in 0..table.rows.len() {
                let id = cells::id(&table.rows[row].cells[id_column]).to_owned();
                if id.is_empty() || self.reported.contains(&(table.file, row, id_column)) {
                    continue;
                }
                if let Some(problem) = invalid_id(table, row, id_column, &id) {
                    self.report(table, row, id_column, problem);
                    continue;
                }
                let position = match found.iter().position(|s| s.id == id) {
                    Some(position) => position,
                    None => {
                        found.push(Stakeholder {
                            id: id.clone(),
                            first: (table.file, row, id_column),
                            name: None,
                        });
                        found.len() - 1
                    }
                };
                let Some(name_column) = name_column else {
                    continue;
                };
                let name = restore_text(&table.rows[row].cells[name_column]).to_owned();
                if name.is_empty() {
                    continue;
                }
                let stakeholder = &mut found[position];
                match &stakeholder.name {
                    None => stakeholder.name = Some((name, (table.file, row, name_column))),
                    Some((first, _)) if *first == name => {}
                    Some((first, (file, at_row, _))) => {
                        let line = if *file == table.file {
                            format!("line {}", table.rows[*at_row].line)
                        } else {
                            format!("line {} of {}", lines[*file][*at_row], self.files[*file])
                        };
                        let message = format!(
                            "`stakeholder_name` {name:?} differs from {first:?}, given for `{id}` on {line}"
                        );
                        let hint = "a stakeholder has one name: make the rows agree, or leave the cell empty";
                        let at = table.at(&table.rows[row], name_column);
                        let problem =
                            Problem::new(ErrorCode::Inconsistent, at, message).with_hint(hint);
                        self.report(table, row, name_column, problem);
                    }
                }
            }
        }
        found
    }
}

/// A stakeholder id must be an id of the model format; said as the loader says it.
fn invalid_id(table: &Table, row: usize, column: usize, id: &str) -> Option<Problem> {
    if is_valid_id(id) {
        return None;
    }
    let problem = Problem::new(
        ErrorCode::BadIdentifier,
        table.at(&table.rows[row], column),
        format!("`stakeholder` must use only a-z, 0-9, `_` and `-`, found {id:?}"),
    );
    Some(match suggested_id(id) {
        Some(suggestion) => problem.with_hint(format!("try {suggestion:?}")),
        None => problem,
    })
}

/// A stakeholder declared from the rows: where its id and its name were first given.
struct Stakeholder {
    id: String,
    first: (usize, usize, usize),
    name: Option<(String, (usize, usize, usize))>,
}

fn cell_origin((file, row, column): (usize, usize, usize)) -> Origin {
    Origin::Cell { file, row, column }
}

/// The base model with its outcomes replaced by the rows of the CSV.
fn write_onto(
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
struct Standalone<'a> {
    name: &'a str,
    outcomes: &'a Table,
    inputs: &'a Table,
    stakeholders: &'a [Stakeholder],
    files: [&'a str; 2],
}

fn write_standalone(
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
    let rate = crate::report::text::rate(defaults.discount_rate);
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
        document.entry(field, &cells::value(*kind, cell), Some(origin));
    }
}

/// A file name fit for a comment line: no line breaks or other control characters.
fn printable(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}
