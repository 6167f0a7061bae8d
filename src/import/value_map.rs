//! A value map laid out as analysts lay it out (the Social Value UK value
//! map, or a sheet like it): the header row found by its headings below any
//! title and stage rows, then one row per outcome, a stakeholder's inputs on
//! their rows. The rows become the same tables of outcomes and inputs that
//! an `sroi` CSV gives, so every later check and message is shared.
//!
//! - A blank (or merged) stakeholder cell under a filled one is the same
//!   stakeholder; an input cell is never carried down, so nothing is
//!   counted twice.
//! - Stakeholders are named, and their ids made from the names
//!   (`Young people` → `young-people`); with a base model, a name or id of
//!   one of its stakeholders is that stakeholder.
//! - Without an id column, each outcome's id is made from its description:
//!   readable, unique (`-2`, `-3` on repeats) and the same on every import.
//! - A row whose first cell reads `Total` or `Totals` ends the table; a row
//!   with figures but neither an outcome nor an input, and a row of text
//!   alone (a note), are skipped. Both are listed on standard error, as are
//!   the columns `sroi` does not read.

use std::collections::HashSet;

use super::headings::{self, Heading, IN_KIND, INPUT_AMOUNT, INPUT_DESCRIPTION};
use super::ids::made_id;
use super::problem::{At, Problem};
use super::table::{Row, Table};
use crate::diagnostic::ErrorCode;
use crate::model::{Model, is_valid_id};
use crate::printable::restore_text;

/// The fields of an outcome row, in the order the model writes them.
const OUTCOME_FIELDS: &[&str] = &crate::model::schema::OUTCOME_COLUMNS;
/// The fields of an input row, as an inputs CSV names them.
const INPUT_FIELDS: &[&str] = &crate::model::schema::INPUT_COLUMNS;

/// The fields a value map must have a column for, with the headings that
/// name each, for the hint.
const REQUIRED: [(&str, &str); 4] = [
    (
        "stakeholder",
        "Stakeholder, Stakeholders, Who do we have an effect on?",
    ),
    (
        "quantity",
        "Quantity, How much change was there?, Number of people",
    ),
    (
        "proxy",
        "Financial proxy value, Value of proxy, Value £ (after Financial proxy), Proxy value",
    ),
    (
        "duration",
        "Duration, How long does it last?, Duration (years)",
    ),
];

/// A value map read: its outcomes and inputs, what was left out, and the
/// sheet's own figures to compare with `sroi`'s.
pub(super) struct ValueMap {
    pub outcomes: Table,
    /// The inputs on the stakeholders' rows; `None` when the sheet has no
    /// inputs columns or no input in them.
    pub inputs: Option<Table>,
    /// The columns not read and the rows skipped, for standard error.
    pub notes: Vec<String>,
    /// The sheet's own impact and present value cells of each outcome row.
    pub figures: Vec<SheetFigure>,
}

/// A figure of the sheet's own arithmetic, to be compared with `sroi`'s.
pub(super) struct SheetFigure {
    /// The outcome row (index into `ValueMap::outcomes.rows`).
    pub row: usize,
    /// Which of the outcome's cohorts the figure is of (from 0).
    pub cohort: usize,
    pub column: usize,
    pub kind: Heading,
    pub text: String,
}

/// The index of the header row: the first that names at least three fields,
/// among them the quantity, the proxy's value or the description.
pub(super) fn header_row(rows: &[(u64, Vec<String>)]) -> Option<usize> {
    rows.iter().position(|(_, cells)| {
        let resolved = headings::resolve(cells);
        headings::fields_named(&resolved) >= 3
            && resolved
                .iter()
                .flatten()
                .any(|h| matches!(h, Heading::Field("quantity" | "proxy" | "description")))
    })
}

/// The headings of the value map, its header's line, and the index of its
/// first row. The Social Value UK value map heads its columns twice: a row
/// of headings (`Stakeholders`, `Inputs`, `Deadweight %`) and below it a
/// row of questions (`Who do we have an effect on?`, `What do they
/// invest?`, `Value £`). When the header and the row below (or above) it
/// name more fields together than the header alone, each column is headed
/// by its lower cell, or by its upper one where the lower is blank.
fn heading_rows(rows: &[(u64, Vec<String>)], header: usize) -> (u64, Vec<String>, usize) {
    let named = |cells: &[String]| headings::fields_named(&headings::resolve(cells));
    let alone = (rows[header].0, rows[header].1.clone(), header + 1);
    // The pair of rows, the header and the row below or above it, that
    // names more fields together than the header alone; a first row of
    // data names none of its own, and would only hide headings.
    let pairs = [
        Some((header, header + 1)).filter(|(_, lower)| *lower < rows.len()),
        header.checked_sub(1).map(|upper| (upper, header)),
    ];
    for (upper, lower) in pairs.into_iter().flatten() {
        let combined = combine(&rows[upper].1, &rows[lower].1);
        if named(&combined) > named(&alone.1) {
            return (rows[lower].0, combined, lower + 1);
        }
    }
    alone
}

/// Each column headed by its cell in `lower`, or in `upper` where that is blank.
fn combine(upper: &[String], lower: &[String]) -> Vec<String> {
    let cell = |cells: &[String], index: usize| cells.get(index).cloned().unwrap_or_default();
    (0..upper.len().max(lower.len()))
        .map(|index| {
            let below = cell(lower, index);
            if below.trim().is_empty() {
                cell(upper, index)
            } else {
                below
            }
        })
        .collect()
}

/// How the columns are named in messages: by number in a CSV, by letter on a sheet.
pub(super) type ColumnName = fn(usize) -> String;

/// Read the value map whose header is `rows[header]`. `file` numbers the
/// outcomes; the inputs are numbered `file + 1`. `None` when the header
/// lacks a required column (reported).
pub(super) fn read(
    file: usize,
    rows: &[(u64, Vec<String>)],
    header: usize,
    base: Option<&Model>,
    column_name: ColumnName,
    problems: &mut Vec<Problem>,
) -> Option<ValueMap> {
    let (header_line, headers, first_row) = heading_rows(rows, header);
    let headers = &headers;
    let resolved = headings::resolve(headers);
    let columns = columns(file, header_line, headers, &resolved, problems)?;
    let mut notes = Vec::new();
    let unused = unused_columns(headers, &resolved, column_name);
    if !unused.is_empty() {
        notes.push(format!("columns not imported: {}", unused.join("; ")));
    }

    let outcome_positions = OUTCOME_FIELDS
        .iter()
        .map(|field| match *field {
            "stakeholder" | "stakeholder_name" => columns.field("stakeholder"),
            "id" => columns.field("id").or(columns.field("description")),
            other => columns.field(other),
        })
        .collect();
    let mut outcomes = Table::new(file, headers.clone(), OUTCOME_FIELDS, outcome_positions);
    let input_positions = INPUT_FIELDS
        .iter()
        .map(|field| match *field {
            "stakeholder" | "stakeholder_name" => columns.field("stakeholder"),
            "description" => columns.field(INPUT_DESCRIPTION),
            "amount" => columns.field(INPUT_AMOUNT),
            _ => columns.field(IN_KIND),
        })
        .collect();
    let mut inputs = Table::new(file + 1, headers.clone(), INPUT_FIELDS, input_positions);

    let mut reader = Rows {
        columns: &columns,
        base,
        stakeholder: None,
        ids: HashSet::new(),
        skipped: Vec::new(),
        figures: Vec::new(),
        cohorts: Vec::new(),
    };
    for (position, (line, cells)) in rows.iter().enumerate().skip(first_row) {
        let mut cells = cells.clone();
        cells.resize(headers.len().max(cells.len()), String::new());
        cells.truncate(headers.len());
        if ends_the_table(&cells) {
            reader.skipped.push((*line, *line, "totals"));
            if let Some((last, _)) = rows.get(position + 1..).and_then(<[_]>::last) {
                reader
                    .skipped
                    .push((line + 1, *last, "below the totals row"));
            }
            break;
        }
        reader.row(*line, cells, &mut outcomes, &mut inputs, problems);
    }
    if !reader.skipped.is_empty() {
        notes.push(format!("rows not imported: {}", ranges(&reader.skipped)));
    }
    for cohorts in reader.cohorts {
        outcomes.rows[cohorts.row].cohorts = cohorts.later;
    }
    let mut figures = reader.figures;
    if let Some(model) = base {
        in_the_base_order(&mut outcomes, &mut figures, model);
    }
    let inputs = (!inputs.rows.is_empty()).then_some(inputs);
    Some(ValueMap {
        outcomes,
        inputs,
        notes,
        figures,
    })
}

/// Onto a base model, its outcomes keep their order (the sheet lists them
/// by stakeholder), so that the model written differs only by the edits;
/// outcomes new to the model follow, in the sheet's order.
fn in_the_base_order(outcomes: &mut Table, figures: &mut [SheetFigure], model: &Model) {
    let rank = |row: &Row| {
        let id = outcomes.cell(row, "id").map_or("", |(_, id)| id);
        model
            .outcomes
            .iter()
            .position(|o| o.id == id)
            .unwrap_or(usize::MAX)
    };
    let mut order: Vec<usize> = (0..outcomes.rows.len()).collect();
    order.sort_by_key(|&index| rank(&outcomes.rows[index]));
    let mut moved_to = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        moved_to[old] = new;
    }
    let mut rows: Vec<Option<Row>> = outcomes.rows.drain(..).map(Some).collect();
    outcomes.rows = order.iter().filter_map(|&old| rows[old].take()).collect();
    for figure in figures {
        figure.row = moved_to[figure.row];
    }
}

/// The columns not read, each with why; neighbours with the same reason
/// (the year columns) as one run: `1–10 (columns S–AB: …)`.
fn unused_columns(
    headers: &[String],
    resolved: &[Option<Heading>],
    column_name: ColumnName,
) -> Vec<String> {
    let mut runs: Vec<(usize, usize, &str)> = Vec::new();
    for (index, heading) in resolved.iter().enumerate() {
        let Some(Heading::Unused(why)) = heading else {
            continue;
        };
        match runs.last_mut() {
            Some((_, last, reason)) if *last + 1 == index && reason == why => *last = index,
            _ => runs.push((index, index, why)),
        }
    }
    runs.iter()
        .map(|&(first, last, why)| {
            let heading = |i: usize| headers[i].trim().to_owned();
            if first == last {
                format!("{} (column {}: {why})", heading(first), column_name(first))
            } else {
                format!(
                    "{}–{} (columns {}–{}: {why})",
                    heading(first),
                    heading(last),
                    column_name(first),
                    column_name(last)
                )
            }
        })
        .collect()
}

/// The header's columns, each field with its column.
struct Columns {
    fields: Vec<(&'static str, usize)>,
    impact: Option<usize>,
    present_value: Option<usize>,
}

impl Columns {
    fn field(&self, name: &str) -> Option<usize> {
        self.fields
            .iter()
            .find(|(f, _)| *f == name)
            .map(|(_, c)| *c)
    }
}

/// Match the header's fields to columns; a field named twice, or a required
/// field not named, is a problem.
fn columns(
    file: usize,
    line: u64,
    headers: &[String],
    resolved: &[Option<Heading>],
    problems: &mut Vec<Problem>,
) -> Option<Columns> {
    let mut columns = Columns {
        fields: Vec::new(),
        impact: None,
        present_value: None,
    };
    let mut complete = true;
    let at = |column: usize| At::Line {
        file,
        line,
        column: column + 1,
    };
    for (index, heading) in resolved.iter().enumerate() {
        match heading {
            Some(Heading::Field(field)) => {
                if let Some(first) = columns.field(field) {
                    problems.push(
                        Problem::new(
                            ErrorCode::Duplicate,
                            at(index),
                            format!(
                                "headings {:?} and {:?} both name the {}",
                                headers[first].trim(),
                                headers[index].trim(),
                                field.replace('_', " ")
                            ),
                        )
                        .with_hint("keep one of the two columns, or rename the other"),
                    );
                    complete = false;
                } else {
                    columns.fields.push((field, index));
                }
            }
            Some(Heading::Impact) => {
                columns.impact.get_or_insert(index);
            }
            Some(Heading::PresentValue) => {
                columns.present_value.get_or_insert(index);
            }
            _ => {}
        }
    }
    for (field, accepted) in REQUIRED {
        if columns.field(field).is_none() {
            problems.push(
                Problem::new(
                    ErrorCode::MissingField,
                    at(headers.len()),
                    format!(
                        "the value map has no column for the {}",
                        match field {
                            "proxy" => "proxy's value",
                            other => other,
                        }
                    ),
                )
                .with_hint(format!("headings accepted: {accepted}")),
            );
            complete = false;
        }
    }
    if columns.field("description").is_none() && columns.field("id").is_none() {
        problems.push(
            Problem::new(
                ErrorCode::MissingField,
                at(headers.len()),
                "the value map has no column for the outcome",
            )
            .with_hint(
                "headings accepted: Outcome, Outcome description, Description, What changes?, Id",
            ),
        );
        complete = false;
    }
    complete.then_some(columns)
}

/// Whether a row ends the table: its first cell reads `Total` or `Totals`.
fn ends_the_table(cells: &[String]) -> bool {
    cells
        .iter()
        .find(|cell| !cell.trim().is_empty())
        .is_some_and(|cell| matches!(headings::normalise(cell).as_str(), "total" | "totals"))
}

/// The rows below the header, read one by one.
struct Rows<'a> {
    columns: &'a Columns,
    base: Option<&'a Model>,
    /// The stakeholder of the last row that named one: (id, name).
    stakeholder: Option<(String, String)>,
    /// The outcome ids given so far.
    ids: HashSet<String>,
    /// Rows skipped (first, last), and why.
    skipped: Vec<(u64, u64, &'static str)>,
    figures: Vec<SheetFigure>,
    /// Outcomes written one row per cohort, as `sroi export` writes them.
    cohorts: Vec<Cohorts>,
}

/// An outcome whose cohorts have rows of their own (`isolation, cohort 2`).
struct Cohorts {
    id: String,
    /// The outcome's row in the outcomes table: its first cohort's.
    row: usize,
    /// The line and quantity cell of each later cohort's row.
    later: Vec<(u64, String)>,
}

/// `isolation, cohort 2` as (`isolation`, 2): the label `sroi export` gives
/// each cohort's row of an outcome with more than one.
fn cohort_label(cell: &str) -> Option<(&str, usize)> {
    let (id, number) = cell.rsplit_once(", cohort ")?;
    let number: usize = number.trim().parse().ok()?;
    (is_valid_id(id) && number >= 1).then_some((id, number))
}

impl Rows<'_> {
    fn cell<'c>(&self, cells: &'c [String], field: &str) -> &'c str {
        self.columns
            .field(field)
            .and_then(|column| cells.get(column))
            .map_or("", |cell| cell.trim())
    }

    fn row(
        &mut self,
        line: u64,
        cells: Vec<String>,
        outcomes: &mut Table,
        inputs: &mut Table,
        problems: &mut Vec<Problem>,
    ) {
        let description = self.cell(&cells, "description").to_owned();
        let id_cell = restore_text(self.cell(&cells, "id")).to_owned();
        let is_outcome = !description.is_empty() || !id_cell.is_empty();
        let is_input = !self.cell(&cells, INPUT_DESCRIPTION).is_empty()
            || (is_outcome && !self.cell(&cells, INPUT_AMOUNT).is_empty());
        if !is_outcome && !is_input {
            let blank = cells.iter().all(|cell| cell.trim().is_empty());
            let figures = cells
                .iter()
                .any(|cell| crate::import::cells::reads_as_number(cell));
            let why = if blank {
                "blank"
            } else if figures {
                "totals"
            } else {
                "a note"
            };
            self.skipped.push((line, line, why));
            return;
        }
        let Some((id, name)) = self.stakeholder(&cells) else {
            let column = self.columns.field("stakeholder").unwrap_or(0);
            let row = Row::new(line, cells);
            problems.push(
                Problem::new(
                    ErrorCode::MissingField,
                    outcomes.at(&row, column),
                    "the first row of the value map names no stakeholder",
                )
                .with_hint("a blank stakeholder cell means the stakeholder of the row above"),
            );
            return;
        };
        if is_input {
            inputs.push(
                Row::new(line, cells.clone()),
                &[
                    ("stakeholder", id.clone()),
                    ("stakeholder_name", name.clone()),
                ],
            );
        }
        if is_outcome {
            // A later cohort of the outcome above, as `sroi export` writes
            // one row per cohort: its quantity joins that outcome's.
            let cohort = cohort_label(&id_cell);
            if let Some((outcome, number)) = cohort.filter(|(_, number)| *number > 1) {
                let quantity = self.cell(&cells, "quantity").to_owned();
                if let Some(last) = self
                    .cohorts
                    .last_mut()
                    .filter(|c| c.id == outcome && c.later.len() + 2 == number)
                {
                    last.later.push((line, quantity));
                    let row = last.row;
                    self.sheet_figures(&cells, row, number - 1);
                    return;
                }
            }
            let outcome_id = match cohort {
                Some((outcome, 1)) => self.outcome_id(outcome, &description),
                _ => self.outcome_id(&id_cell, &description),
            };
            let row = outcomes.rows.len();
            if cohort.is_some_and(|(_, number)| number == 1) {
                self.cohorts.push(Cohorts {
                    id: outcome_id.clone(),
                    row,
                    later: Vec::new(),
                });
            }
            self.sheet_figures(&cells, row, 0);
            outcomes.push(
                Row::new(line, cells),
                &[
                    ("id", outcome_id),
                    ("stakeholder", id),
                    ("stakeholder_name", name),
                ],
            );
        }
    }

    /// The sheet's own Impact and present value of cohort `cohort` of an outcome row.
    fn sheet_figures(&mut self, cells: &[String], row: usize, cohort: usize) {
        for (column, kind) in [
            (self.columns.impact, Heading::Impact),
            (self.columns.present_value, Heading::PresentValue),
        ] {
            let Some(column) = column else {
                continue;
            };
            let text = cells[column].trim().to_owned();
            if !text.is_empty() {
                self.figures.push(SheetFigure {
                    row,
                    cohort,
                    column,
                    kind,
                    text,
                });
            }
        }
    }

    /// The row's stakeholder as (id, name): its own cell, or the one above.
    /// With a base model, the name of one of its stakeholders is that
    /// stakeholder (its name then comes from the base, so is left empty).
    fn stakeholder(&mut self, cells: &[String]) -> Option<(String, String)> {
        // Text a spreadsheet would run as a formula gets an apostrophe from
        // `sroi export`, as in its CSV: the name is the text without it.
        let cell = restore_text(self.cell(cells, "stakeholder"));
        if cell.is_empty() {
            return self.stakeholder.clone();
        }
        let found = match self.base {
            Some(model) => model
                .stakeholders
                .iter()
                .find(|s| s.name.trim().eq_ignore_ascii_case(cell) || s.id == cell)
                .map(|s| (s.id.clone(), String::new())),
            None => None,
        };
        let stakeholder = found.unwrap_or_else(|| {
            let id = made_id(cell).unwrap_or_else(|| "stakeholder".to_owned());
            let name = if self.base.is_some() {
                String::new()
            } else {
                cell.to_owned()
            };
            (id, name)
        });
        self.stakeholder = Some(stakeholder.clone());
        Some(stakeholder)
    }

    /// The outcome's id: the id cell as written when it is a valid id, else
    /// one made from it or from the description, unique among the outcomes.
    fn outcome_id(&mut self, id_cell: &str, description: &str) -> String {
        if is_valid_id(id_cell) {
            self.ids.insert(id_cell.to_owned());
            return id_cell.to_owned();
        }
        let source = if id_cell.is_empty() {
            description
        } else {
            id_cell
        };
        let stem = made_id(source).unwrap_or_else(|| "outcome".to_owned());
        let mut id = stem.clone();
        let mut n = 2;
        while self.ids.contains(&id) {
            id = format!("{stem}-{n}");
            n += 1;
        }
        self.ids.insert(id.clone());
        id
    }
}

/// Skipped rows as runs: `5 (blank), 12–13 (totals), 20 (a note)`.
fn ranges(skipped: &[(u64, u64, &str)]) -> String {
    let mut runs: Vec<(u64, u64, &str)> = Vec::new();
    for &(first, last, why) in skipped {
        match runs.last_mut() {
            Some((_, end, reason)) if *end + 1 == first && *reason == why => *end = last,
            _ => runs.push((first, last, why)),
        }
    }
    runs.iter()
        .map(|(first, last, why)| {
            if first == last {
                format!("{first} ({why})")
            } else {
                format!("{first}–{last} ({why})")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_rows_are_listed_as_runs() {
        assert_eq!(
            ranges(&[
                (5, 5, "blank"),
                (12, 12, "totals"),
                (13, 13, "totals"),
                (14, 14, "a note")
            ]),
            "5 (blank), 12–13 (totals), 14 (a note)"
        );
    }

    fn rows(lines: &[&str]) -> Vec<(u64, Vec<String>)> {
        lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                (
                    i as u64 + 1,
                    line.split('|').map(|c| c.to_owned()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn stakeholders_carry_down_inputs_do_not_and_ids_are_unique() {
        let rows = rows(&[
            "Value map of a project",
            "Stage 1|Stage 2",
            "Stakeholder|Inputs|Value £|Outcome|Quantity|Financial proxy|Value £|Duration|Impact",
            "Young people|Time|£1,000|More confident|10|Course|£100|1|1000",
            "|||More confident|5|Course|£100|1|500",
            "Council|Grant|£2,000|||||",
            "Total||£3,000||||||1500",
            "Note: figures from the survey",
        ]);
        let header = header_row(&rows).expect("a header row");
        assert_eq!(header, 2);
        let mut problems = Vec::new();
        let map = read(0, &rows, header, None, |c| c.to_string(), &mut problems).expect("read");
        assert!(problems.is_empty(), "{problems:?}");
        let outcomes = &map.outcomes;
        let ids: Vec<&str> = outcomes
            .rows
            .iter()
            .map(|row| outcomes.cell(row, "id").expect("an id").1)
            .collect();
        assert_eq!(ids, ["more-confident", "more-confident-2"]);
        let stakeholder = outcomes
            .cell(&outcomes.rows[1], "stakeholder")
            .expect("a cell");
        assert_eq!(stakeholder.1, "young-people");
        let inputs = map.inputs.expect("inputs");
        // One input per row that holds one: none carried to the second outcome.
        assert_eq!(inputs.rows.len(), 2);
        assert_eq!(
            inputs.cell(&inputs.rows[1], "stakeholder").map(|c| c.1),
            Some("council")
        );
        assert_eq!(map.figures.len(), 2);
        assert_eq!(
            map.notes,
            ["rows not imported: 7 (totals), 8 (below the totals row)"]
        );
    }

    #[test]
    fn the_rows_of_an_outcome_s_cohorts_are_one_outcome() {
        let rows = rows(&[
            "Stakeholder|Outcome|Description|Quantity|Value of proxy|Duration|Impact",
            "Tenants|isolation, cohort 1|Less isolated|40|100|2|4000",
            "Tenants|isolation, cohort 2||45|100|2|4500",
            "Tenants|isolation, cohort 3||50|100|2|5000",
            "Tenants|other, cohort 2|Out of order|5|100|2|500",
        ]);
        let mut problems = Vec::new();
        let map = read(0, &rows, 0, None, |c| c.to_string(), &mut problems).expect("read");
        assert!(problems.is_empty(), "{problems:?}");
        let outcomes = &map.outcomes;
        type Read<'t> = (&'t str, &'t str, Vec<(u64, String)>);
        let read: Vec<Read<'_>> = outcomes
            .rows
            .iter()
            .map(|row| {
                let field = |name| outcomes.cell(row, name).expect("a column").1;
                (field("id"), field("quantity"), row.cohorts.clone())
            })
            .collect();
        // Each later cohort's quantity keeps the line of its own row. A
        // second cohort with no first is an outcome of its own.
        let later = vec![(3, "45".to_owned()), (4, "50".to_owned())];
        assert_eq!(
            read,
            [
                ("isolation", "40", later),
                ("other-cohort-2", "5", Vec::new())
            ]
        );
        let cohorts: Vec<(usize, usize)> = map.figures.iter().map(|f| (f.row, f.cohort)).collect();
        assert_eq!(cohorts, [(0, 0), (0, 1), (0, 2), (1, 0)]);
    }

    #[test]
    fn a_header_of_headings_over_questions_is_read_as_one() {
        let rows = rows(&[
            "Stage 1|Stage 2|||Stage 3||||Stage 4",
            "Stakeholders|Inputs||Outputs|The Outcomes (what changes)|||||Deadweight %|Impact",
            "Who do we have an effect on? Who has an effect on us?|What do they invest?|Value £|Summary of activity in numbers|Description|Quantity|Duration|Financial proxy|Value £",
            "Tenants|Staff time|£500|10 sessions|Less isolated|10|1|Befriending|£100|25%|750",
        ]);
        // The question row heads the columns; Deadweight % and Impact head
        // the columns whose question cell is blank. Here the last `Value £`
        // follows `Financial proxy` only once the rows are combined.
        let mut problems = Vec::new();
        let header = header_row(&rows).expect("a header row");
        let map = read(0, &rows, header, None, |c| c.to_string(), &mut problems).expect("read");
        assert!(problems.is_empty(), "{problems:?}");
        let outcomes = &map.outcomes;
        let row = &outcomes.rows[0];
        assert_eq!(row.line, 4);
        let field = |name| outcomes.cell(row, name).map(|(_, text)| text);
        assert_eq!(field("stakeholder"), Some("tenants"));
        assert_eq!(field("description"), Some("Less isolated"));
        assert_eq!(field("proxy"), Some("£100"));
        assert_eq!(field("deadweight"), Some("25%"));
        assert_eq!(map.figures[0].text, "750");
        let inputs = map.inputs.expect("inputs");
        assert_eq!(
            inputs.cell(&inputs.rows[0], "amount").map(|c| c.1),
            Some("£500")
        );
    }
}
