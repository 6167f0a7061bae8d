//! A workbook (xlsx, xls, xlsb or ods) read with calamine into sheets of
//! text cells, each row with its row number on the sheet.
//!
//! A number cell arrives from calamine as a binary float (the file stores
//! its decimal text, which calamine parses). It is written back as the
//! shortest text that reads as the same float, which is the text the
//! spreadsheet shows at full precision: `750.5` stays `750.5`, `0.1` stays
//! `0.1`, never `0.1000000000000000055511151231257827`. A text cell is read
//! as its text, exactly. A formula cell is read as the result the
//! spreadsheet saved with it.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader, Sheets, Xlsx, open_workbook_auto_from_rs};

/// The most cells a sheet is read into (its rows, each as wide as its last
/// filled cell). A value map has hundreds; this refuses a sheet that would
/// take gigabytes, such as one with a cell in A1 and another in XFD1048576.
const MAX_CELLS: usize = 4_000_000;

/// One sheet: its name and its rows, each with its row number (from 1).
pub(super) struct Sheet {
    pub name: String,
    pub rows: Vec<(u64, Vec<String>)>,
}

/// Every sheet of the workbook, in the workbook's order; or why the file
/// cannot be read as one.
pub(super) fn read(bytes: &[u8]) -> Result<Vec<Sheet>, String> {
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|error| format!("the file cannot be read as a workbook: {error}"))?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let rows = match &mut workbook {
            Sheets::Xlsx(xlsx) => xlsx_rows(xlsx, &name)?,
            other => {
                let range = other
                    .worksheet_range(&name)
                    .map_err(|error| format!("sheet {name:?} cannot be read: {error}"))?;
                range_rows(&range)
            }
        };
        sheets.push(Sheet { name, rows });
    }
    Ok(sheets)
}

/// The rows of an xlsx sheet read cell by cell, only the rows that hold
/// something, so that the size of the sheet is known before it is laid out.
fn xlsx_rows(
    xlsx: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
) -> Result<Vec<(u64, Vec<String>)>, String> {
    let cannot = |error: calamine::XlsxError| format!("sheet {name:?} cannot be read: {error}");
    let too_large = || {
        format!(
            "sheet {name:?} spreads over more than {MAX_CELLS} cells, far more than a value map"
        )
    };
    let mut reader = xlsx.worksheet_cells_reader(name).map_err(cannot)?;
    let mut filled: BTreeMap<u32, Vec<(u32, String)>> = BTreeMap::new();
    let mut count = 0usize;
    while let Some(cell) = reader.next_cell().map_err(cannot)? {
        let value = Data::from(cell.get_value().clone());
        if matches!(value, Data::Empty) {
            continue;
        }
        count += 1;
        if count > MAX_CELLS {
            return Err(too_large());
        }
        let (row, column) = cell.get_position();
        filled.entry(row).or_default().push((column, text(&value)));
    }
    let mut laid_out = 0usize;
    let mut rows = Vec::with_capacity(filled.len());
    for (row, cells) in filled {
        let width = cells
            .iter()
            .map(|(c, _)| *c as usize + 1)
            .max()
            .unwrap_or(0);
        laid_out = laid_out.saturating_add(width);
        if laid_out > MAX_CELLS {
            return Err(too_large());
        }
        let mut texts = vec![String::new(); width];
        for (column, text) in cells {
            texts[column as usize] = text;
        }
        rows.push((u64::from(row) + 1, texts));
    }
    Ok(rows)
}

/// The rows of a sheet read whole (ods, xls, xlsb), each with its row number.
fn range_rows(range: &calamine::Range<Data>) -> Vec<(u64, Vec<String>)> {
    let Some((first_row, first_column)) = range.start() else {
        return Vec::new();
    };
    let lead = first_column as usize;
    range
        .rows()
        .enumerate()
        .map(|(index, cells)| {
            let mut texts = vec![String::new(); lead];
            texts.extend(cells.iter().map(text));
            (u64::from(first_row) + index as u64 + 1, texts)
        })
        .collect()
}

/// A cell as text: what a person reads in it.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) => text.clone(),
        Data::Int(integer) => integer.to_string(),
        // Rust writes the shortest text that parses back to the same float.
        Data::Float(float) => float.to_string(),
        Data::Bool(flag) => if *flag { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(datetime) => datetime.as_f64().to_string(),
        Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Error(error) => error.to_string(),
    }
}

/// The spreadsheet name of a column (0 → `A`, 27 → `AB`).
pub fn column_letters(column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(b'A' + rest as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A sheet's name as a cell reference writes it: quoted when it holds
/// anything but letters, digits and `_` (`'Value map'!M7`).
pub fn sheet_reference(name: &str) -> String {
    if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        name.to_owned()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_and_sheets_are_named_as_spreadsheets_name_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(16_383), "XFD");
        assert_eq!(sheet_reference("Sheet1"), "Sheet1");
        assert_eq!(sheet_reference("Value map"), "'Value map'");
        assert_eq!(sheet_reference("Bob's"), "'Bob''s'");
    }

    #[test]
    fn a_float_is_read_as_its_shortest_decimal_text() {
        assert_eq!(text(&Data::Float(750.5)), "750.5");
        assert_eq!(text(&Data::Float(0.1)), "0.1");
        assert_eq!(text(&Data::Float(1850.0)), "1850");
        assert_eq!(text(&Data::Float(0.035)), "0.035");
        assert_eq!(text(&Data::String("£1,850.00".into())), "£1,850.00");
    }
}
