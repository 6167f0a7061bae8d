//! Problems found while importing, each placed where the analyst can fix it:
//! a cell of a CSV file (row = its line, column = its 1-based position), a
//! line of a CSV file, a file as a whole, or a table kept from the base model.

use std::fmt::Write as _;

use crate::diagnostic::{Diagnostic, ErrorCode, SourceFile, Span};
use crate::printable::{escape_control, escape_path};

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
pub fn render(problems: &mut [Problem], files: &[String], base: Option<&SourceFile>) -> String {
    problems.sort_by_key(Problem::order);
    let mut out = String::new();
    for problem in problems.iter() {
        render_one(&mut out, problem, files, base);
        out.push('\n');
    }
    let count = problems.len();
    let noun = if count == 1 { "problem" } else { "problems" };
    let _ = writeln!(out, "{}: {count} {noun} found", escape_path(&files[0]));
    out
}

fn render_one(out: &mut String, problem: &Problem, files: &[String], base: Option<&SourceFile>) {
    // Messages quote the cells they are about, and file names are the
    // user's: neither may reach a terminal or a CI log with a control character.
    let message = format!(
        "error[{}]: {}",
        problem.code,
        escape_control(&problem.message)
    );
    let file_name = |file: usize| escape_path(&files[file]);
    match &problem.at {
        At::Cell {
            file,
            line,
            column,
            header,
            cell,
        } => {
            let _ = writeln!(out, "{}:{line}:{column}: {message}", file_name(*file));
            let header = escape_control(header);
            let _ = writeln!(out, "  = column {column} `{header}`: {}", quote(cell));
        }
        At::Line { file, line, column } => {
            let _ = writeln!(out, "{}:{line}:{column}: {message}", file_name(*file));
        }
        At::File { file } => {
            let _ = writeln!(out, "{}: {message}", file_name(*file));
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
        let text = render(&mut problems, &["v.csv".to_owned()], None);
        assert_eq!(
            text,
            "v.csv:1:2: error[SROI001]: unknown column\n\n\
             v.csv:3:10: error[SROI005]: `deadweight` must be between 0% and 100%, found 25\n  \
             = column 10 `Deadweight`: \"25\"\n  = hint: write \"25%\"\n\n\
             v.csv: 2 problems found\n"
        );
    }
}
