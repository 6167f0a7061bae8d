//! The checks only a value map needs, beyond what the loader finds in the
//! model written from it: the file's shape, required cells, duplicate ids,
//! and stakeholders whose names disagree.

use std::collections::{HashMap, HashSet};

use super::cells;
use super::problem::{At, Problem};
use super::table::Table;
use crate::diagnostic::ErrorCode;
use crate::model::Model;
use crate::model::{is_valid_id, suggested_id};
use crate::printable::restore_text;

/// The checks only a CSV needs, with every problem and the cells they are in.
pub(super) struct Checks {
    pub(super) problems: Vec<Problem>,
    /// (file, row, column) of every cell with a problem: left out of the model.
    pub(super) reported: HashSet<(usize, usize, usize)>,
    /// The names of the files, for messages that point from one to the other.
    pub(super) files: Vec<String>,
}

impl Checks {
    pub(super) fn report(
        &mut self,
        table: &mut Table,
        row: usize,
        column: usize,
        problem: Problem,
    ) {
        self.problems.push(problem);
        self.reported.insert((table.file, row, column));
        table.rows[row].flawed = true;
    }

    pub(super) fn rows_present(&mut self, table: &Table, what: &str) {
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

    pub(super) fn required_cells(&mut self, table: &mut Table, required: &[&str]) {
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

    pub(super) fn unique_ids(&mut self, table: &mut Table) {
        if table.column("id").is_none() {
            return;
        }
        let mut first: HashMap<String, u64> = HashMap::new();
        for row in 0..table.rows.len() {
            let Some((column, id)) = table.cell(&table.rows[row], "id") else {
                continue;
            };
            let id = id.trim().to_owned();
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
    pub(super) fn names_match_the_base(&mut self, table: &mut Table, model: &Model) {
        let (Some(_), Some(name_column)) = (
            table.column("stakeholder"),
            table.column("stakeholder_name"),
        ) else {
            return;
        };
        for row in 0..table.rows.len() {
            let row_cells = &table.rows[row];
            let id = table
                .cell(row_cells, "stakeholder")
                .map_or("", |(_, cell)| cells::id(cell));
            let name = table
                .cell(row_cells, "stakeholder_name")
                .map_or(String::new(), |(_, cell)| restore_text(cell).to_owned());
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
    pub(super) fn stakeholders(
        &mut self,
        outcomes: &mut Table,
        inputs: &mut Table,
    ) -> Vec<Stakeholder> {
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
                let id = table
                    .cell(&table.rows[row], "stakeholder")
                    .map_or("", |(_, cell)| cells::id(cell))
                    .to_owned();
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
                let name = table
                    .cell(&table.rows[row], "stakeholder_name")
                    .map_or(String::new(), |(_, cell)| restore_text(cell).to_owned());
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
        // Inputs read from the value map's own rows: the stakeholders in the
        // order the sheet lists them.
        if self.files.len() == 2 && self.files[0] == self.files[1] {
            found.sort_by_key(|s| lines[s.first.0][s.first.1]);
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
pub(super) struct Stakeholder {
    pub(super) id: String,
    pub(super) first: (usize, usize, usize),
    pub(super) name: Option<(String, (usize, usize, usize))>,
}
