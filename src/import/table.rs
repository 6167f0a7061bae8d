//! A CSV file read into a header and rows of text cells, each row with the
//! line it starts on, and the header matched against the columns the file
//! may have. Header names match case-insensitively, ignoring spaces around
//! them; an unknown column is a problem with the nearest valid name.

use super::problem::{At, Problem};
use crate::diagnostic::ErrorCode;

/// The columns a kind of CSV file may have.
pub(super) struct Columns {
    /// Every column read, in the order the model writes the fields.
    pub fields: &'static [&'static str],
    /// The columns that must be present.
    pub required: &'static [&'static str],
    /// Columns written by `sroi calc --format csv` from the figures: accepted, ignored.
    pub computed: fn(&str) -> bool,
}

/// A CSV file or a sheet as rows of text.
pub(super) struct Table {
    /// Index of the file in the import's list of files.
    pub file: usize,
    /// The header cells as written.
    pub headers: Vec<String>,
    /// For each of `Columns::fields`, the index of its column, when present.
    positions: Vec<Option<usize>>,
    fields: &'static [&'static str],
    pub rows: Vec<Row>,
    /// How many rows could not be read (reported, and left out of `rows`).
    pub unreadable_rows: usize,
}

pub(super) struct Row {
    /// The line the row starts on (a quoted cell may run over several
    /// lines), or the row of its sheet, from 1.
    pub line: u64,
    /// The cells as written, quoted in problems.
    pub cells: Vec<String>,
    /// For each field, the text read in place of its cell (a stakeholder's
    /// id made from its name, a name carried down from the row above), or
    /// `None` where the cell is read as it is.
    values: Vec<Option<String>>,
    /// The quantity of each later cohort of the outcome, with the line of
    /// its own row (a sheet from `sroi export` gives each cohort a row).
    pub cohorts: Vec<(u64, String)>,
    /// Whether a problem was found in this row while reading it.
    pub flawed: bool,
}

impl Row {
    pub fn new(line: u64, cells: Vec<String>) -> Self {
        Row {
            line,
            cells,
            values: Vec::new(),
            cohorts: Vec::new(),
            flawed: false,
        }
    }
}

impl Table {
    /// A table of rows already matched to `fields` (a value map's sheet):
    /// `positions` gives each field's column.
    pub fn new(
        file: usize,
        headers: Vec<String>,
        fields: &'static [&'static str],
        positions: Vec<Option<usize>>,
    ) -> Self {
        Table {
            file,
            headers,
            positions,
            fields,
            rows: Vec::new(),
            unreadable_rows: 0,
        }
    }

    /// Add a row, with the text read for some fields in place of their cells.
    pub fn push(&mut self, mut row: Row, values: &[(&str, String)]) {
        row.values = vec![None; self.fields.len()];
        for (field, value) in values {
            if let Some(index) = self.fields.iter().position(|f| f == field) {
                row.values[index] = Some(value.clone());
            }
        }
        self.rows.push(row);
    }

    /// The 0-based column index of a field, when the file has that column.
    pub fn column(&self, field: &str) -> Option<usize> {
        let index = self.fields.iter().position(|f| *f == field)?;
        self.positions[index]
    }

    /// The text of `field` in `row` and its column, when the file has that column.
    pub fn cell<'r>(&self, row: &'r Row, field: &str) -> Option<(usize, &'r str)> {
        let index = self.fields.iter().position(|f| *f == field)?;
        let column = self.positions[index]?;
        let value = match row.values.get(index) {
            Some(Some(value)) => value.as_str(),
            _ => row.cells.get(column).map_or("", String::as_str),
        };
        Some((column, value))
    }

    /// Where a cell is, for a problem about it.
    pub fn at(&self, row: &Row, column: usize) -> At {
        At::Cell {
            file: self.file,
            line: row.line,
            column: column + 1,
            header: self.headers.get(column).cloned().unwrap_or_default(),
            cell: row.cells.get(column).cloned().unwrap_or_default(),
        }
    }
}

/// Read `bytes` as CSV with a header row. Rows that cannot be read are
/// reported and left out; `None` when there is no usable header.
pub(super) fn read(
    file: usize,
    bytes: &[u8],
    columns: &Columns,
    problems: &mut Vec<Problem>,
) -> Option<Table> {
    let records = records(file, bytes, problems)?;
    let mut records = records.into_iter();
    let Some((header_line, headers)) = records.next() else {
        problems.push(
            Problem::new(ErrorCode::NotCsv, At::File { file }, "the file is empty").with_hint(
                format!(
                    "a CSV starts with a header row naming its columns: {}",
                    columns.fields.join(",")
                ),
            ),
        );
        return None;
    };
    let headers = headers?;
    let positions = match_header(file, header_line, &headers, columns, problems)?;
    let mut rows = Vec::new();
    let mut unreadable_rows = 0;
    for (line, cells) in records {
        let Some(cells) = cells else {
            unreadable_rows += 1;
            continue;
        };
        // Spreadsheets save trailing empty rows as a line of commas.
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if cells.len() != headers.len() {
            problems.push(Problem::new(
                ErrorCode::NotCsv,
                At::Line {
                    file,
                    line,
                    column: cells.len().min(headers.len()) + 1,
                },
                format!(
                    "the row has {} cells, but the header has {} columns",
                    cells.len(),
                    headers.len()
                ),
            ));
            unreadable_rows += 1;
            continue;
        }
        rows.push(Row::new(line, cells));
    }
    Some(Table {
        file,
        headers,
        positions,
        fields: columns.fields,
        rows,
        unreadable_rows,
    })
}

/// Every record of a CSV file with the line it starts on, its cells as
/// text (`None` for a record with a cell that is not UTF-8, reported). A
/// byte-order mark is skipped; `None` when the file is not CSV.
pub(super) fn records(
    file: usize,
    bytes: &[u8],
    problems: &mut Vec<Problem>,
) -> Option<Vec<(u64, Option<Vec<String>>)>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut lines = Lines::new(bytes);
    let mut records = Vec::new();
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {
                let line = record
                    .position()
                    .map_or(0, |position| lines.at(position.byte()));
                let cells = text_cells(file, line, &record, problems);
                records.push((line, cells));
            }
            Ok(false) => break,
            Err(error) => {
                let line = error
                    .position()
                    .map_or(0, |position| lines.at(position.byte()));
                problems.push(Problem::new(
                    ErrorCode::NotCsv,
                    At::Line {
                        file,
                        line,
                        column: 1,
                    },
                    format!("the file cannot be read as CSV: {error}"),
                ));
                return None;
            }
        }
    }
    Some(records)
}

/// Line numbers by byte offset, counted the way an editor counts them: a
/// line ends at `\n`, at `\r\n` (as spreadsheets save on Windows) or at a
/// lone `\r`, so a CRLF file is numbered like any other.
struct Lines<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Lines {
            bytes,
            offset: 0,
            line: 1,
        }
    }

    /// The line of byte `offset`; offsets are asked for in increasing order.
    fn at(&mut self, offset: u64) -> u64 {
        let mut offset =
            usize::try_from(offset).map_or(self.bytes.len(), |o| o.min(self.bytes.len()));
        // The CSV reader ends a record at the `\r` of a CRLF and starts the
        // next at its `\n`: that record is on the line after the `\n`.
        if offset > 0 && self.bytes.get(offset) == Some(&b'\n') && self.bytes[offset - 1] == b'\r' {
            offset += 1;
        }
        while self.offset < offset {
            match self.bytes[self.offset] {
                b'\n' => self.line += 1,
                b'\r' if self.bytes.get(self.offset + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
            self.offset += 1;
        }
        self.line
    }
}

/// The cells of a record as text; a cell that is not UTF-8 is a problem.
fn text_cells(
    file: usize,
    line: u64,
    record: &csv::ByteRecord,
    problems: &mut Vec<Problem>,
) -> Option<Vec<String>> {
    let mut cells = Vec::with_capacity(record.len());
    for (index, bytes) in record.iter().enumerate() {
        match std::str::from_utf8(bytes) {
            Ok(text) => cells.push(text.to_owned()),
            Err(error) => {
                let bad = bytes[error.valid_up_to()];
                problems.push(
                    Problem::new(
                        ErrorCode::NotCsv,
                        At::Line {
                            file,
                            line,
                            column: index + 1,
                        },
                        format!("the cell is not UTF-8 text (byte 0x{bad:02X})"),
                    )
                    .with_hint("save the file as \"CSV UTF-8\""),
                );
                return None;
            }
        }
    }
    Some(cells)
}

/// For each field, the index of its column; every problem of the header reported.
fn match_header(
    file: usize,
    line: u64,
    headers: &[String],
    columns: &Columns,
    problems: &mut Vec<Problem>,
) -> Option<Vec<Option<usize>>> {
    let mut positions: Vec<Option<usize>> = vec![None; columns.fields.len()];
    let mut complete = true;
    let at = |column: usize| At::Line {
        file,
        line,
        column: column + 1,
    };
    for (index, header) in headers.iter().enumerate() {
        let name = header.trim().to_lowercase();
        if let Some(field) = columns.fields.iter().position(|f| *f == name) {
            if let Some(first) = positions[field] {
                problems.push(Problem::new(
                    ErrorCode::Duplicate,
                    at(index),
                    format!(
                        "column `{name}` appears twice, as columns {} and {}",
                        first + 1,
                        index + 1
                    ),
                ));
                complete = false;
            } else {
                positions[field] = Some(index);
            }
        } else if !(columns.computed)(&name) {
            problems.push(unknown_column(at(index), header, &name, columns));
            complete = false;
        }
    }
    for required in columns.required {
        let field = columns.fields.iter().position(|f| f == required);
        if field.is_some_and(|field| positions[field].is_none()) {
            problems.push(
                Problem::new(
                    ErrorCode::MissingField,
                    at(headers.len()),
                    format!("the header has no `{required}` column"),
                )
                .with_hint(format!(
                    "the required columns are {}",
                    columns.required.join(", ")
                )),
            );
            complete = false;
        }
    }
    complete.then_some(positions)
}

fn unknown_column(at: At, header: &str, name: &str, columns: &Columns) -> Problem {
    let problem = Problem::new(
        ErrorCode::UnknownField,
        at,
        format!("unknown column {header:?}"),
    );
    if name.contains(';') {
        return problem.with_hint(
            "the file seems to separate its columns with `;`; save it with commas between columns",
        );
    }
    match crate::model::schema::nearest(name, columns.fields.iter().copied()) {
        Some(near) => problem.with_hint(format!("did you mean `{near}`?")),
        None => problem.with_hint(format!("the columns are {}", columns.fields.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: Columns = Columns {
        fields: &["id", "amount", "drop_off"],
        required: &["id", "amount"],
        computed: |name| name == "share",
    };

    fn read_text(text: &str) -> (Option<Table>, Vec<Problem>) {
        let mut problems = Vec::new();
        let table = read(0, text.as_bytes(), &COLUMNS, &mut problems);
        (table, problems)
    }

    #[test]
    fn headers_match_ignoring_case_and_spaces_and_computed_columns_are_ignored() {
        let (table, problems) = read_text("\u{feff} ID ,Amount,share\na,1,0.5\n,,\nb,2,0.5\n");
        assert!(problems.is_empty(), "{problems:?}");
        let table = table.expect("a table");
        assert_eq!(table.column("id"), Some(0));
        assert_eq!(table.column("drop_off"), None);
        let lines: Vec<u64> = table.rows.iter().map(|r| r.line).collect();
        // The row of empty cells on line 3 is skipped.
        assert_eq!(lines, [2, 4]);
    }

    #[test]
    fn an_unknown_column_suggests_the_nearest_and_a_missing_one_is_named() {
        let (table, problems) = read_text("id,dropoff\n");
        assert!(table.is_none());
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].message, "unknown column \"dropoff\"");
        assert_eq!(
            problems[0].hint.as_deref(),
            Some("did you mean `drop_off`?")
        );
        assert_eq!(problems[1].message, "the header has no `amount` column");
    }

    #[test]
    fn a_row_of_the_wrong_width_and_a_cell_that_is_not_utf8_are_located() {
        let mut problems = Vec::new();
        let table = read(0, b"id,amount\na,1,2\nb,\xA3\n", &COLUMNS, &mut problems);
        assert_eq!(table.map(|t| t.rows.len()), Some(0));
        // Every cell is checked as the file is read, before the rows are measured.
        assert_eq!(
            problems[0].message,
            "the cell is not UTF-8 text (byte 0xA3)"
        );
        assert_eq!(
            problems[1].at,
            At::Line {
                file: 0,
                line: 2,
                column: 3
            }
        );
    }

    #[test]
    fn lines_are_counted_alike_whatever_ends_them() {
        // Line 3 holds a quoted cell over two lines; the record after it
        // starts on line 5, whether lines end in LF, CRLF or CR.
        for ending in ["\n", "\r\n", "\r"] {
            let text = ["id,amount", "a,1", "\"b", "c\",2", "d,3", ""].join(ending);
            let (table, problems) = read_text(&text);
            assert!(problems.is_empty(), "{problems:?}");
            let lines: Vec<u64> = table
                .expect("a table")
                .rows
                .iter()
                .map(|r| r.line)
                .collect();
            assert_eq!(lines, [2, 3, 5], "{ending:?}");
        }
    }
}
