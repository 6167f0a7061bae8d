//! Writing cells: model text always as a neutralised string, exact decimals
//! as numbers, and formulas with the figure `sroi` computed as their cached
//! result.

use rust_decimal::Decimal;
use rust_xlsxwriter::{ColNum, Format, Formula, RowNum, Worksheet, XlsxError};

use super::CachedResults;
use crate::report::csv::safe_text;

/// The most characters a cell may hold.
const MAX_CELL_TEXT: usize = 32_767;

/// Model text as a cell shows it: neutralised as the CSV neutralises it (a
/// leading `=`, `+`, `-`, `@`, tab or carriage return gets an apostrophe),
/// and cut to what a cell can hold.
pub fn neutralised(text: &str) -> String {
    let safe = safe_text(text);
    if safe.chars().count() <= MAX_CELL_TEXT {
        return safe;
    }
    let mut cut: String = safe.chars().take(MAX_CELL_TEXT - 1).collect();
    cut.push('…');
    cut
}

/// A decimal as the binary float every spreadsheet number is. Parsing the
/// decimal's own text gives the float nearest to it, as a spreadsheet reading
/// the same digits would.
pub fn float(value: Decimal) -> f64 {
    // A decimal's text is always a valid float literal; a 0 in its place
    // would be a wrong figure in the workbook.
    value
        .to_string()
        .parse()
        .expect("a decimal's text is a float literal")
}

/// A decimal as the text of a formula's cached result.
pub fn exact(value: Decimal) -> String {
    value.normalize().to_string()
}

/// One worksheet being written, with the rule for cached results.
pub struct Cells<'a> {
    pub sheet: &'a mut Worksheet,
    cache: CachedResults,
}

type Written = Result<(), XlsxError>;

impl<'a> Cells<'a> {
    pub fn new(sheet: &'a mut Worksheet, cache: CachedResults) -> Self {
        Cells { sheet, cache }
    }

    /// Text from the model: a string cell, never a formula.
    pub fn text(&mut self, row: RowNum, col: ColNum, text: &str, format: &Format) -> Written {
        self.sheet
            .write_string_with_format(row, col, neutralised(text), format)?;
        Ok(())
    }

    /// The workbook's own words: headers, labels, notes.
    pub fn label(&mut self, row: RowNum, col: ColNum, text: &str, format: &Format) -> Written {
        self.sheet
            .write_string_with_format(row, col, text, format)?;
        Ok(())
    }

    pub fn number(&mut self, row: RowNum, col: ColNum, value: Decimal, format: &Format) -> Written {
        self.sheet
            .write_number_with_format(row, col, float(value), format)?;
        Ok(())
    }

    pub fn whole(&mut self, row: RowNum, col: ColNum, value: u32, format: &Format) -> Written {
        self.sheet
            .write_number_with_format(row, col, f64::from(value), format)?;
        Ok(())
    }

    /// A formula whose cached result is `result` (`None` when the formula
    /// divides by zero, as `calc` finds it does).
    pub fn formula(
        &mut self,
        row: RowNum,
        col: ColNum,
        formula: &str,
        result: Option<Decimal>,
        format: &Format,
    ) -> Written {
        let cached = match (self.cache, result) {
            (CachedResults::Zero, _) => "0".to_owned(),
            (CachedResults::Computed, Some(value)) => exact(value),
            (CachedResults::Computed, None) => "#DIV/0!".to_owned(),
        };
        self.sheet.write_formula_with_format(
            row,
            col,
            Formula::new(formula).set_result(cached),
            format,
        )?;
        Ok(())
    }
}

/// `$A$1`-style reference.
pub fn absolute(row: RowNum, col: ColNum) -> String {
    rust_xlsxwriter::utility::row_col_to_cell_absolute(row, col)
}

/// `A1`-style reference.
pub fn relative(row: RowNum, col: ColNum) -> String {
    rust_xlsxwriter::utility::row_col_to_cell(row, col)
}

/// A column's letters: `S`.
pub fn column(col: ColNum) -> String {
    rust_xlsxwriter::utility::column_number_to_name(col)
}

/// `S$7`: the column moves with the formula, the row does not.
pub fn fixed_row(row: RowNum, col: ColNum) -> String {
    format!("{}${}", column(col), row + 1)
}

/// `$I8`: the row moves with the formula, the column does not.
pub fn fixed_column(row: RowNum, col: ColNum) -> String {
    format!("${}{}", column(col), row + 1)
}
