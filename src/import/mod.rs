//! `sroi import`: a value map turned back into a model file. The value map
//! is a workbook (xlsx, xls, xlsb, ods) or a CSV, laid out either as
//! analysts lay out the Social Value UK value map (`value_map`: headings
//! found wherever they are, stakeholders by name, inputs on their rows), or
//! as `sroi calc --format csv` writes it (a first heading `id`: its own
//! columns, strictly).
//!
//! Each cell is written as the TOML value the model format takes for its
//! field, and the text is loaded back through the real loader and computed
//! before anyone sees it. Every problem the loader finds is traced back to
//! the cell it came from, so each rule lives once, in `model`, and a value
//! map gets the same messages and hints as a model file, placed by row and
//! column (or cell). What only a value map can get wrong (its header, its
//! rows, ids given twice, rows that disagree on a stakeholder's name) is
//! checked here.
//!
//! The rest of the model comes from the sheet's own inputs, from a base
//! model (`--onto`: the analyst's loop of export, edit in a spreadsheet,
//! re-import) or from an inputs CSV, with the format's default conventions.

mod cells;
mod checks;
mod crosscheck;
mod document;
mod headings;
mod ids;
mod layout;
mod problem;
mod table;
mod value_map;
mod workbook;
mod write;

use std::collections::HashSet;

use self::cells::Kind;
use self::checks::Checks;
use self::document::{Document, Origin};
use self::problem::{At, Problem, Source};
use self::table::{Columns, Table};
use self::write::{Standalone, write_onto, write_standalone};
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::model::{Limits, Model, field_table};

/// A value map or inputs file as read, with the name it is reported under.
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
    /// Inputs from the value map's own rows, or else from an inputs CSV;
    /// stakeholders from the rows; the default conventions.
    Standalone {
        inputs: Option<&'a CsvFile>,
        name: &'a str,
    },
}

/// A model imported: its text, how many outcomes and inputs it holds, and
/// whether the inputs came from the value map itself, for the summary on
/// standard error, with what was left out and the sheet's figures that
/// disagree with `sroi`'s.
#[derive(Debug)]
pub struct Imported {
    pub text: String,
    pub outcomes: usize,
    pub inputs: usize,
    pub inputs_from_the_value_map: bool,
    /// Lines for standard error: columns and rows not imported, warnings.
    pub notes: Vec<String>,
}

/// Why nothing was imported: every problem, rendered for standard error.
#[derive(Debug)]
pub struct Rejected {
    pub report: String,
    /// Whether the command was given too little to work with (no inputs
    /// anywhere), rather than a value map with problems.
    pub usage: bool,
}

/// The columns of a value map, as `sroi calc --format csv` writes them, with
/// how each cell is read: the outcome's fields, from the table of fields.
/// `stakeholder_name` names the stakeholder; every other column is a field
/// of the outcome.
const OUTCOME_COLUMNS: [(&str, Kind); field_table::column_count(field_table::OUTCOME)] =
    cells::columns(field_table::OUTCOME);

const OUTCOMES: Columns = Columns {
    // The columns `sroi calc --format csv` writes, so that its CSV comes back.
    fields: &crate::model::schema::OUTCOME_COLUMNS,
    required: &field_table::required_names::<{ field_table::required_count(field_table::OUTCOME) }>(
        field_table::OUTCOME,
    ),
    computed: is_computed,
};

/// The columns of an inputs CSV: the input's fields.
const INPUT_COLUMNS: [(&str, Kind); field_table::column_count(field_table::INPUT)] =
    cells::columns(field_table::INPUT);

const INPUTS: Columns = Columns {
    fields: &crate::model::schema::INPUT_COLUMNS,
    required: &field_table::required_names::<{ field_table::required_count(field_table::INPUT) }>(
        field_table::INPUT,
    ),
    computed: |_| false,
};

/// The figures `sroi calc --format csv` adds after the fields: recomputed, so ignored.
fn is_computed(name: &str) -> bool {
    matches!(name, "net_of_deductions" | "present_value" | "share")
        || name
            .strip_prefix("value_year_")
            .is_some_and(|year| !year.is_empty() && year.bytes().all(|b| b.is_ascii_digit()))
}

/// What `--onto` and `--inputs` leave out of a CSV in `sroi`'s own layout.
const NO_INPUTS: &str = "a value map holds outcomes only; give --onto BASE.toml to keep everything else from a model (the usual loop: export, edit, re-import), or --inputs INPUTS.csv (columns stakeholder, description, amount, in_kind) to build a model with the default conventions";

/// Import a value map: the text of a model that loads and computes, or every problem.
pub fn import(
    values: &CsvFile,
    sheet: Option<&str>,
    rest: &Rest<'_>,
    limits: Limits,
) -> Result<Imported, Rejected> {
    let (base_source, base_model) = match rest {
        Rest::Onto { source, model } => (Some(*source), Some(*model)),
        Rest::Standalone { .. } => (None, None),
    };
    let mut run = Run {
        files: vec![Source::csv(&values.name)],
        problems: Vec::new(),
        notes: Vec::new(),
        base: base_source,
    };
    let read = layout::read_values(
        values,
        sheet,
        base_model,
        &mut run.files,
        &mut run.problems,
        &mut run.notes,
    );
    let Some(read) = read else {
        return Err(run.reject());
    };
    let layout::Read {
        mut outcomes,
        inputs: sheet_inputs,
        figures,
        value_map,
    } = read;
    let mut inputs = run.inputs(values, rest, sheet_inputs, value_map)?;
    let mut checks = Checks {
        problems: std::mem::take(&mut run.problems),
        reported: HashSet::new(),
        files: run.files.iter().map(|f| f.name.clone()).collect(),
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
        Rest::Standalone { name, .. } => {
            let Some(inputs) = inputs.as_mut() else {
                run.problems = checks.problems;
                return Err(run.reject());
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
                    files: [&values.name, &run.files[1].name],
                },
                &checks.reported,
            );
        }
    }
    let tables: Vec<&Table> = std::iter::once(&outcomes).chain(inputs.as_ref()).collect();
    let Checks {
        problems, reported, ..
    } = checks;
    run.problems = problems;
    let follow_on = FollowOn {
        reported: &reported,
        found_before: !run.problems.is_empty(),
        rows_missing: outcomes.rows.is_empty() || outcomes.unreadable_rows > 0,
    };
    let loaded = match reload(&document.text, limits) {
        Ok(loaded) => Some(loaded),
        Err(diagnostics) => {
            for diagnostic in diagnostics {
                if let Some(problem) = trace(&document, &tables, &follow_on, diagnostic) {
                    run.problems.push(problem);
                }
            }
            None
        }
    };
    match loaded {
        Some((model, results)) if run.problems.is_empty() => {
            let warnings = run.warnings(&figures, &outcomes, &model, &results);
            let mut notes: Vec<String> = run.notes.iter().map(|n| run.note_line(n)).collect();
            notes.extend(warnings);
            Ok(Imported {
                text: document.text,
                outcomes: model.outcomes.len(),
                inputs: model.inputs.len(),
                inputs_from_the_value_map: matches!(rest, Rest::Standalone { inputs: None, .. }),
                notes,
            })
        }
        _ => Err(run.reject()),
    }
}

/// What an import has found so far: the files read, the problems, and the
/// notes for standard error.
struct Run<'a> {
    files: Vec<Source>,
    problems: Vec<Problem>,
    notes: Vec<String>,
    base: Option<&'a SourceFile>,
}

impl Run<'_> {
    /// Nothing imported: the notes, then every problem.
    fn reject(&mut self) -> Rejected {
        let report = problem::render(&mut self.problems, &self.files, self.base);
        Rejected {
            report: self.with_notes(report),
            usage: false,
        }
    }

    fn with_notes(&self, report: String) -> String {
        let mut out = String::new();
        for note in &self.notes {
            out.push_str(&self.note_line(note));
            out.push('\n');
        }
        out.push_str(&report);
        out
    }

    /// A note about the value map as a whole, for standard error.
    fn note_line(&self, note: &str) -> String {
        // Notes quote the file's headings: no control character may reach a terminal.
        let note = crate::printable::escape_control(note);
        format!("{}: note: {note}", self.files[0].whole())
    }

    /// The inputs table, from wherever the inputs come: an inputs CSV, the
    /// value map's own rows, or (onto a base model) nowhere.
    fn inputs(
        &mut self,
        values: &CsvFile,
        rest: &Rest<'_>,
        sheet_inputs: Option<Table>,
        value_map: bool,
    ) -> Result<Option<Table>, Rejected> {
        let elsewhere = |from: &str| {
            format!(
                "the value map's inputs are not imported: the inputs {from} {}",
                match rest {
                    Rest::Standalone {
                        inputs: Some(file), ..
                    } => crate::printable::escape_path(&file.name),
                    Rest::Onto { source, .. } => crate::printable::escape_path(&source.name),
                    Rest::Standalone { .. } => "".into(),
                }
            )
        };
        match rest {
            Rest::Standalone {
                inputs: Some(file), ..
            } => {
                if sheet_inputs.is_some() {
                    self.notes.push(elsewhere("come from"));
                }
                self.files.push(Source::csv(&file.name));
                match table::read(1, &file.bytes, &INPUTS, &mut self.problems) {
                    Some(table) => Ok(Some(table)),
                    None => Err(self.reject()),
                }
            }
            Rest::Standalone { inputs: None, .. } => {
                let Some(table) = sheet_inputs else {
                    return Err(self.no_inputs(values, value_map));
                };
                self.files.push(self.files[0].clone());
                Ok(Some(table))
            }
            Rest::Onto { .. } => {
                if sheet_inputs.is_some() {
                    self.notes.push(elsewhere("are kept from"));
                }
                Ok(None)
            }
        }
    }

    /// A standalone import of a value map without inputs: which option to give.
    fn no_inputs(&self, values: &CsvFile, value_map: bool) -> Rejected {
        let report = if value_map {
            format!(
                "sroi: {} holds no inputs (no input on any stakeholder's row); give --onto BASE.toml to keep everything but the outcomes from a model, or --inputs INPUTS.csv (columns stakeholder, description, amount, in_kind)\n",
                crate::printable::escape_path(&values.name)
            )
        } else {
            format!("sroi: {NO_INPUTS}\n")
        };
        Rejected {
            report: self.with_notes(report),
            usage: true,
        }
    }

    /// The sheet's Impact and present value cells that disagree with `sroi`'s.
    fn warnings(
        &self,
        figures: &[value_map::SheetFigure],
        outcomes: &Table,
        model: &Model,
        results: &crate::calc::Results,
    ) -> Vec<String> {
        let currency = &model.analysis.currency;
        figures
            .iter()
            .filter_map(|figure| {
                let warning = crosscheck::compare(figure, outcomes, results, currency)?;
                let line = outcomes.rows[figure.row].line;
                let place = self.files[0].place(line, figure.column + 1);
                let warning = crate::printable::escape_control(&warning);
                Some(format!("{place}: warning: {warning}"))
            })
            .collect()
    }
}

/// Load and compute the written text as `sroi calc` would: the model, or
/// its problems.
fn reload(text: &str, limits: Limits) -> Result<(Model, crate::calc::Results), Vec<Diagnostic>> {
    let source = SourceFile::new("<imported model>", text);
    let model = crate::scenario::parse_validated(&source, limits).map_err(|d| d.items)?;
    let results = crate::calc::calculate(&model).map_err(|diagnostic| vec![diagnostic])?;
    Ok((model, results))
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
        Some(Origin::Cohort { file, row, cohort }) => {
            let table = tables[file];
            let column = table.column("quantity")?;
            let (line, cell) = table.rows[row].cohorts.get(cohort)?;
            At::Cell {
                file,
                line: *line,
                column: column + 1,
                header: table.headers.get(column).cloned().unwrap_or_default(),
                cell: cell.clone(),
            }
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
    // A letter typed for a digit is easy to miss in a spreadsheet: say so.
    let hint = match &at {
        At::Cell { cell, .. } => cells::typo_hint(cell).or(diagnostic.hint),
        _ => diagnostic.hint,
    };
    Some(Problem {
        code: diagnostic.code,
        at,
        message: diagnostic.message,
        hint,
    })
}
