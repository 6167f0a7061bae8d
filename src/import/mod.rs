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
mod document;
mod headings;
mod problem;
mod table;
mod value_map;
mod workbook;
mod write;

use std::collections::HashSet;

use rust_decimal::Decimal;

use self::cells::Kind;
use self::checks::Checks;
use self::document::{Document, Origin};
use self::headings::Heading;
use self::problem::{At, Problem, Source};
use self::table::{Columns, Table};
use self::value_map::SheetFigure;
use self::write::{Standalone, write_onto, write_standalone};
use crate::diagnostic::{Diagnostic, ErrorCode, SourceFile};
use crate::model::{self, Limits, Model};

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

/// What `--onto` and `--inputs` leave out of a CSV in `sroi`'s own layout.
pub const NO_INPUTS: &str = "a value map holds outcomes only; give --onto BASE.toml to keep everything else from a model (the usual loop: export, edit, re-import), or --inputs INPUTS.csv (columns stakeholder, description, amount, in_kind) to build a model with the default conventions";

/// The value map read into its tables, before the rest of the model is added.
struct Read {
    outcomes: Table,
    /// The inputs on the value map's own rows.
    inputs: Option<Table>,
    figures: Vec<SheetFigure>,
    /// Whether the layout is the analysts' (not `sroi calc --format csv`'s).
    value_map: bool,
}

/// Import a value map: the text of a model that loads and computes, or every problem.
pub fn import(
    values: &CsvFile,
    sheet: Option<&str>,
    rest: &Rest<'_>,
    limits: Limits,
) -> Result<Imported, Rejected> {
    let base_model = match rest {
        Rest::Onto { model, .. } => Some(*model),
        Rest::Standalone { .. } => None,
    };
    let base = match rest {
        Rest::Onto { source, .. } => Some(*source),
        Rest::Standalone { .. } => None,
    };
    let mut files = vec![Source::csv(&values.name)];
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    let read = read_values(
        values,
        sheet,
        base_model,
        &mut files,
        &mut problems,
        &mut notes,
    );
    let place = files[0].clone();
    let with_notes = |notes: &[String], report: String| {
        let mut out = String::new();
        for note in notes {
            out.push_str(&note_line(&place, note));
            out.push('\n');
        }
        out.push_str(&report);
        out
    };
    let Some(Read {
        mut outcomes,
        inputs: sheet_inputs,
        figures,
        value_map,
    }) = read
    else {
        let report = problem::render(&mut problems, &files, base);
        return Err(Rejected {
            report: with_notes(&notes, report),
            usage: false,
        });
    };
    let inputs_from_the_value_map = matches!(rest, Rest::Standalone { inputs: None, .. });
    let mut inputs = match rest {
        Rest::Standalone {
            inputs: Some(file), ..
        } => {
            if sheet_inputs.is_some() {
                notes.push(format!(
                    "the value map's inputs are not imported: the inputs come from {}",
                    crate::printable::escape_path(&file.name)
                ));
            }
            files.push(Source::csv(&file.name));
            let table = table::read(1, &file.bytes, &INPUTS, &mut problems);
            if table.is_none() {
                let report = problem::render(&mut problems, &files, base);
                return Err(Rejected {
                    report: with_notes(&notes, report),
                    usage: false,
                });
            }
            table
        }
        Rest::Standalone { inputs: None, .. } => match sheet_inputs {
            Some(table) => {
                files.push(files[0].clone());
                Some(table)
            }
            None => {
                let report = if value_map {
                    format!(
                        "sroi: {} holds no inputs (no input on any stakeholder's row); give --onto BASE.toml to keep everything but the outcomes from a model, or --inputs INPUTS.csv (columns stakeholder, description, amount, in_kind)\n",
                        crate::printable::escape_path(&values.name)
                    )
                } else {
                    format!("sroi: {NO_INPUTS}\n")
                };
                return Err(Rejected {
                    report: with_notes(&notes, report),
                    usage: true,
                });
            }
        },
        Rest::Onto { source, .. } => {
            if sheet_inputs.is_some() {
                notes.push(format!(
                    "the value map's inputs are not imported: the inputs are kept from {}",
                    crate::printable::escape_path(&source.name)
                ));
            }
            None
        }
    };
    let mut checks = Checks {
        problems,
        reported: HashSet::new(),
        files: files.iter().map(|f| f.name.clone()).collect(),
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
                let report = problem::render(&mut checks.problems, &files, base);
                return Err(Rejected {
                    report: with_notes(&notes, report),
                    usage: false,
                });
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
                    files: [&values.name, &files[1].name],
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
    let loaded = match reload(&document.text, limits) {
        Ok(loaded) => Some(loaded),
        Err(diagnostics) => {
            for diagnostic in diagnostics {
                if let Some(problem) = trace(&document, &tables, &follow_on, diagnostic) {
                    problems.push(problem);
                }
            }
            None
        }
    };
    match loaded {
        Some((model, results)) if problems.is_empty() => {
            for figure in &figures {
                let currency = &model.analysis.currency;
                if let Some(warning) = compare(figure, &outcomes, &results, currency) {
                    notes.push(format!(
                        "{}: warning: {warning}",
                        files[0].place(outcomes.rows[figure.row].line, figure.column + 1)
                    ));
                }
            }
            let place = files[0].clone();
            Ok(Imported {
                text: document.text,
                outcomes: model.outcomes.len(),
                inputs: model.inputs.len(),
                inputs_from_the_value_map,
                notes: notes
                    .iter()
                    .map(|note| {
                        if note.contains(": warning: ") {
                            note.clone()
                        } else {
                            note_line(&place, note)
                        }
                    })
                    .collect(),
            })
        }
        _ => {
            let report = problem::render(&mut problems, &files, base);
            Err(Rejected {
                report: with_notes(&notes, report),
                usage: false,
            })
        }
    }
}

/// A note about the file as a whole, for standard error.
fn note_line(source: &Source, note: &str) -> String {
    format!("{}: note: {note}", source.whole())
}

/// Whether a file is a workbook rather than text: a zip archive (xlsx,
/// xlsb, ods) or an OLE compound file (xls).
fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Read the value map into its tables: a workbook's sheet, or a CSV in
/// either layout. `None` when nothing can be read (reported).
fn read_values(
    values: &CsvFile,
    sheet: Option<&str>,
    base: Option<&Model>,
    files: &mut [Source],
    problems: &mut Vec<Problem>,
    notes: &mut Vec<String>,
) -> Option<Read> {
    if is_workbook(&values.bytes) {
        return read_workbook(values, sheet, base, files, problems, notes);
    }
    if let Some(name) = sheet {
        problems.push(
            Problem::new(
                ErrorCode::NotCsv,
                At::File { file: 0 },
                format!("--sheet {name:?} was given, but the file is a CSV, which has no sheets"),
            )
            .with_hint("leave out --sheet, or give the workbook itself"),
        );
        return None;
    }
    // Read once to tell the layout; the problems found are those of
    // whichever reading follows.
    let mut found = Vec::new();
    let records = table::records(0, &values.bytes, &mut found);
    let own_layout = records.as_ref().is_none_or(|records| {
        records.first().is_none_or(|(_, cells)| {
            cells.as_ref().and_then(|c| c.first()).is_some_and(|first| {
                let first = first.trim();
                first == "id" || first.starts_with("id;")
            })
        })
    });
    if own_layout {
        let outcomes = table::read(0, &values.bytes, &OUTCOMES, problems)?;
        return Some(Read {
            outcomes,
            inputs: None,
            figures: Vec::new(),
            value_map: false,
        });
    }
    problems.extend(found);
    let records = records?;
    let unreadable = records.iter().filter(|(_, cells)| cells.is_none()).count();
    let rows: Vec<(u64, Vec<String>)> = records
        .into_iter()
        .filter_map(|(line, cells)| cells.map(|cells| (line, cells)))
        .collect();
    let read = read_value_map(0, &rows, base, |c| (c + 1).to_string(), problems, notes)?;
    (unreadable == 0).then_some(read)
}

fn read_workbook(
    values: &CsvFile,
    sheet: Option<&str>,
    base: Option<&Model>,
    files: &mut [Source],
    problems: &mut Vec<Problem>,
    notes: &mut Vec<String>,
) -> Option<Read> {
    let sheets = match workbook::read(&values.bytes) {
        Ok(sheets) => sheets,
        Err(why) => {
            problems.push(Problem::new(ErrorCode::NotCsv, At::File { file: 0 }, why));
            return None;
        }
    };
    let names = || {
        sheets
            .iter()
            .map(|s| format!("{:?}", s.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let chosen = match sheet {
        Some(name) => match sheets.iter().find(|s| s.name == name) {
            Some(found) => found,
            None => {
                problems.push(
                    Problem::new(
                        ErrorCode::UnknownReference,
                        At::File { file: 0 },
                        format!("the workbook has no sheet named {name:?}"),
                    )
                    .with_hint(format!("its sheets are {}", names())),
                );
                return None;
            }
        },
        None => match sheets
            .iter()
            .find(|s| value_map::header_row(&s.rows).is_some())
        {
            Some(found) => found,
            None => {
                problems.push(no_header(names()));
                return None;
            }
        },
    };
    files[0].sheet = Some(chosen.name.clone());
    read_value_map(
        0,
        &chosen.rows,
        base,
        workbook::column_letters,
        problems,
        notes,
    )
}

fn no_header(sheets: String) -> Problem {
    let problem = Problem::new(
        ErrorCode::MissingField,
        At::File { file: 0 },
        "no value map header row found: no row has the headings of a value map",
    )
    .with_hint(
        "the header row names at least three of: Stakeholder, Outcome (or Description), Quantity, Duration, Financial proxy, Value £, Deadweight, Displacement, Attribution, Drop off",
    );
    if sheets.is_empty() {
        problem
    } else {
        let hint = problem.hint.clone().unwrap_or_default();
        problem.with_hint(format!("{hint}; the sheets read were {sheets}"))
    }
}

fn read_value_map(
    file: usize,
    rows: &[(u64, Vec<String>)],
    base: Option<&Model>,
    column_name: value_map::ColumnName,
    problems: &mut Vec<Problem>,
    notes: &mut Vec<String>,
) -> Option<Read> {
    let Some(header) = value_map::header_row(rows) else {
        problems.push(no_header(String::new()));
        return None;
    };
    let map = value_map::read(file, rows, header, base, column_name, problems)?;
    notes.extend(map.notes);
    Some(Read {
        outcomes: map.outcomes,
        inputs: map.inputs,
        figures: map.figures,
        value_map: true,
    })
}

/// A figure of the sheet that differs from `sroi`'s by more than a penny,
/// as a warning; `None` when they agree (or the cell is not a number).
fn compare(
    figure: &SheetFigure,
    outcomes: &Table,
    results: &crate::calc::Results,
    currency: &str,
) -> Option<String> {
    let sheet = cells::analyst_number(&figure.text)?;
    let result = results.outcomes.get(figure.row)?;
    let (what, ours, how) = match figure.kind {
        Heading::Impact => (
            "Impact",
            *result.impacts.get(figure.cohort)?,
            "quantity × proxy × net of deductions",
        ),
        Heading::PresentValue if result.impacts.len() == 1 => (
            "present value",
            result.present_value,
            "the outcome's value in each year, discounted",
        ),
        _ => return None,
    };
    let penny = Decimal::new(1, 2);
    if (sheet - ours).abs() <= penny {
        return None;
    }
    let header = outcomes.headers.get(figure.column).map_or("", |h| h.trim());
    Some(format!(
        "the sheet's {what} ({header:?}) is {}, but sroi's is {} ({how}); is the cell's formula the row's own?",
        figure.text,
        crate::report::text::money(ours, currency)
    ))
}

/// Load and compute the written text as `sroi calc` would: the model, or
/// its problems.
fn reload(text: &str, limits: Limits) -> Result<(Model, crate::calc::Results), Vec<Diagnostic>> {
    let source = SourceFile::new("<imported model>", text);
    let model = model::parse_model(&source, limits).map_err(|d| d.items)?;
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
