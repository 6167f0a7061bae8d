//! Which layout a value map file has, and reading it into tables: a
//! workbook's sheet (the one named by `--sheet`, or the first with a value
//! map header row), a CSV laid out as analysts lay out a value map, or a
//! CSV in `sroi`'s own layout (its first heading `id`, as `sroi calc
//! --format csv` writes it), read strictly.

use super::headings;
use super::problem::{At, Problem, Source};
use super::table::{self, Table};
use super::value_map::{self, SheetFigure};
use super::{CsvFile, OUTCOMES, workbook};
use crate::diagnostic::ErrorCode;
use crate::model::Model;

/// The value map read into its tables, before the rest of the model is added.
pub(super) struct Read {
    pub outcomes: Table,
    /// The inputs on the value map's own rows.
    pub inputs: Option<Table>,
    pub figures: Vec<SheetFigure>,
    /// Whether the layout is the analysts' (not `sroi calc --format csv`'s).
    pub value_map: bool,
}

/// Whether a file is a workbook rather than text: a zip archive (xlsx,
/// xlsb, ods) or an OLE compound file (xls).
fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Read the value map into its tables: a workbook's sheet, or a CSV in
/// either layout. `None` when nothing can be read (reported).
pub(super) fn read_values(
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

/// Whether a row of a CSV read as one column would be a header row if its
/// cell were split at `;`, as spreadsheets in some locales save CSV.
fn separated_by_semicolons(rows: &[(u64, Vec<String>)]) -> bool {
    rows.iter().any(|(_, cells)| {
        cells.iter().any(|cell| {
            let parts: Vec<String> = cell.split(';').map(str::to_owned).collect();
            parts.len() > 2 && headings::fields_named(&headings::resolve(&parts)) >= 3
        })
    })
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
        let problem = no_header(String::new());
        problems.push(if separated_by_semicolons(rows) {
            problem.with_hint(
                "the file seems to separate its columns with `;`; save it with commas between columns",
            )
        } else {
            problem
        });
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
