//! Problems found while importing, each placed where the analyst can fix it:
//! a cell of a CSV file (row = its line, column = its 1-based position) or
//! of a sheet (`FILE:SHEET!H12`), a line of a CSV file or a row of a sheet,
//! a file as a whole, or a table kept from the base model.

use std::fmt::Write as _;

use super::workbook::{column_letters, sheet_reference};
use crate::diagnostic::{Diagnostic, ErrorCode, SourceFile, Span};
use crate::printable::{escape_control, escape_path};

/// A file read by the import, as problems name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub name: String,
    /// The sheet read, for a workbook: places are then cells such as `H12`.
    pub sheet: Option<String>,
}

impl Source {
    pub fn csv(name: &str) -> Self {
        Source {
            name: name.to_owned(),
            sheet: None,
        }
    }

    /// A place in the file: `FILE:LINE:COLUMN`, or `FILE:SHEET!CELL`.
    pub fn place(&self, line: u64, column: usize) -> String {
        let name = escape_path(&self.name);
        match &self.sheet {
            None => format!("{name}:{line}:{column}"),
            Some(sheet) => format!(
                "{name}:{}!{}{line}",
                escape_control(&sheet_reference(sheet)),
                column_letters(column.saturating_sub(1))
            ),
        }
    }

    /// The file, or the sheet read from it: `FILE`, `FILE:SHEET`.
    pub fn whole(&self) -> String {
        let name = escape_path(&self.name);
        match &self.sheet {
            None => name.into_owned(),
            Some(sheet) => format!("{name}:{}", escape_control(&sheet_reference(sheet))),
        }
    }

    /// A column as the file names it: its number in a CSV, its letter on a sheet.
    pub fn column(&self, column: usize) -> String {
        match &self.sheet {
            None => column.to_string(),
            Some(_) => column_letters(column.saturating_sub(1)),
        }
    }
}

/// One problem, with what would be valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What kind of problem it is, by the codes model files use.
    pub code: ErrorCode,
    pub at: At,
    pub message: String,
    pub hint: Option<String>,
}

/// Where a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    /// One cell: the header as written and the cell as written are quoted.
    Cell {
        file: usize,
        line: u64,
        column: usize,
        header: String,
        cell: String,
    },
    /// A place in a CSV file that is not one cell: the header row, a whole row.
    Line {
        file: usize,
        line: u64,
        column: usize,
    },
    /// A file as a whole.
    File { file: usize },
    /// A table kept from the base model (`--onto`) that no longer fits the
    /// imported outcomes, such as a scenario naming an outcome the CSV dropped.
    Base { span: Span },
}

impl Problem {
    pub fn new(code: ErrorCode, at: At, message: impl Into<String>) -> Self {
        Problem {
            code,
            at,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Reading order: file by file, top to bottom, left to right; the base model last.
    fn order(&self) -> (usize, u64, usize, usize) {
        match &self.at {
            At::File { file } => (*file, 0, 0, 0),
            At::Cell {
                file, line, column, ..
            }
            | At::Line { file, line, column } => (*file, *line, *column, 0),
            At::Base { span } => (usize::MAX, 0, 0, span.start),
        }
    }
}

/// Every problem of an import, sorted, rendered for standard error.
pub fn render(problems: &mut [Problem], files: &[Source], base: Option<&SourceFile>) -> String {
    problems.sort_by_key(Problem::order);
    let mut out = String::new();
    for problem in problems.iter() {
        render_one(&mut out, problem, files, base);
        out.push('\n');
    }
    let count = problems.len();
    let noun = if count == 1 { "problem" } else { "problems" };
    let _ = writeln!(out, "{}: {count} {noun} found", escape_path(&files[0].name));
    out
}

fn render_one(out: &mut String, problem: &Problem, files: &[Source], base: Option<&SourceFile>) {
    // Messages quote the cells they are about, and file names are the
    // user's: neither may reach a terminal or a CI log with a control character.
    let message = format!(
        "error[{}]: {}",
        problem.code,
        escape_control(&problem.message)
    );
    match &problem.at {
        At::Cell {
            file,
            line,
            column,
            header,
            cell,
        } => {
            let source = &files[*file];
            let _ = writeln!(out, "{}: {message}", source.place(*line, *column));
            let header = escape_control(header);
            let _ = writeln!(
                out,
                "  = column {} `{header}`: {}",
                source.column(*column),
                quote(cell)
            );
        }
        At::Line { file, line, column } => {
            let _ = writeln!(out, "{}: {message}", files[*file].place(*line, *column));
        }
        At::File { file } => {
            let _ = writeln!(out, "{}: {message}", files[*file].whole());
        }
        At::Base { span } => {
            if let Some(base) = base {
                let diagnostic =
                    Diagnostic::new(problem.code, span.clone(), problem.message.clone());
                // The snippet without the hint; the hint is added below like the others.
                out.push_str(&base.render(&diagnostic));
            }
        }
    }
    if let Some(hint) = &problem.hint {
        let _ = writeln!(out, "  = hint: {}", escape_control(hint));
    }
}

/// A cell quoted for a message: escaped, and cut when it is long.
fn quote(cell: &str) -> String {
    const MAX: usize = 60;
    let short: String = cell.chars().take(MAX).collect();
    let ellipsis = if cell.chars().count() > MAX {
        "…"
    } else {
        ""
    };
    format!("{short:?}{ellipsis}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_problem_names_file_row_column_header_and_cell() {
        let mut problems = vec![
            Problem::new(
                ErrorCode::OutOfRange,
                At::Cell {
                    file: 0,
                    line: 3,
                    column: 10,
                    header: "Deadweight".to_owned(),
                    cell: "25".to_owned(),
                },
                "`deadweight` must be between 0% and 100%, found 25",
            )
            .with_hint("write \"25%\""),
            Problem::new(
                ErrorCode::UnknownField,
                At::Line {
                    file: 0,
                    line: 1,
                    column: 2,
                },
                "unknown column",
            ),
        ];
        let text = render(&mut problems, &[Source::csv("v.csv")], None);
        assert_eq!(
            text,
            "v.csv:1:2: error[SROI001]: unknown column\n\n\
             v.csv:3:10: error[SROI005]: `deadweight` must be between 0% and 100%, found 25\n  \
             = column 10 `Deadweight`: \"25\"\n  = hint: write \"25%\"\n\n\
             v.csv: 2 problems found\n"
        );
        let sheet = Source {
            name: "map.xlsx".to_owned(),
            sheet: Some("Value map".to_owned()),
        };
        let text = render(&mut problems[1..], &[sheet], None);
        assert_eq!(
            text,
            "map.xlsx:'Value map'!J3: error[SROI005]: `deadweight` must be between 0% and 100%, found 25\n  \
             = column J `Deadweight`: \"25\"\n  = hint: write \"25%\"\n\n\
             map.xlsx: 1 problem found\n"
        );
    }
}
