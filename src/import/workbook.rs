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

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};

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
        let range = workbook
            .worksheet_range(&name)
            .map_err(|error| format!("sheet {name:?} cannot be read: {error}"))?;
        let Some((first_row, first_column)) = range.start() else {
            sheets.push(Sheet {
                name,
                rows: Vec::new(),
            });
            continue;
        };
        let lead = first_column as usize;
        let rows = range
            .rows()
            .enumerate()
            .map(|(index, cells)| {
                let mut texts = vec![String::new(); lead];
                texts.extend(cells.iter().map(text));
                (u64::from(first_row) + index as u64 + 1, texts)
            })
            .collect();
        sheets.push(Sheet { name, rows });
    }
    Ok(sheets)
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
