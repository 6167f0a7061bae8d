//! Where everything goes, worked out before anything is written, so that each
//! sheet can refer to cells on the others. Also where a model too large for a
//! worksheet is refused, before any memory is spent on it.

use rust_decimal::Decimal;
use rust_xlsxwriter::{ColNum, RowNum};

use super::ExportError;
use super::cells::absolute;
use crate::calc::{Results, discount};
use crate::model::Model;

/// The value map sheet's name as formulas on other sheets write it.
pub const VALUE_MAP: &str = "'Value map'";

/// A worksheet's last row and column, as Excel and LibreOffice define them.
const MAX_ROWS: u64 = 1_048_576;
const MAX_COLUMNS: u64 = 16_384;
/// Year cells of the value map (one formula each). The workbook is built in
/// memory at about 600 bytes a cell, so this keeps it under 300 MB; beyond it
/// a spreadsheet also takes minutes to open.
pub const MAX_YEAR_CELLS: u64 = 500_000;

/// One row of the value map's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapRow {
    /// A cohort of an outcome: its own quantity and start year; everything else
    /// follows the outcome's first row.
    Cohort {
        outcome: usize,
        cohort: usize,
        /// The row of this outcome's first cohort, which holds its assumptions.
        outcome_row: RowNum,
    },
    /// A stakeholder with no outcome, listed for its inputs.
    Idle,
}

/// A stakeholder's run of rows in the value map.
#[derive(Debug, Clone, Copy)]
pub struct Block {
    pub first: RowNum,
    pub last: RowNum,
}

#[derive(Debug)]
pub struct Layout {
    /// Year columns: from year 1 to the last year with value or inputs.
    pub years: u32,
    /// The value map's rows in order, each with its stakeholder.
    pub rows: Vec<(usize, MapRow)>,
    /// One per stakeholder, in file order.
    pub blocks: Vec<Block>,
    /// How many inputs the Inputs sheet lists.
    pub inputs: u32,
    /// The discount factor of each year column, as `calc` computes them: the
    /// cached results of both sheets' formulas start from these.
    pub factors: Vec<Decimal>,
}

impl Layout {
    pub fn new(model: &Model, results: &Results) -> Result<Layout, ExportError> {
        let input_years = model.input_years();
        let years = results.years.len().max(input_years).max(1);
        let cohorts: usize = model.outcomes.iter().map(|o| o.quantities.len()).sum();
        refuse_too_large(model, years, cohorts)?;

        let mut by_stakeholder = vec![Vec::new(); model.stakeholders.len()];
        for (index, outcome) in model.outcomes.iter().enumerate() {
            by_stakeholder[outcome.stakeholder].push(index);
        }
        let mut rows = Vec::with_capacity(cohorts + model.stakeholders.len());
        let mut blocks = Vec::with_capacity(model.stakeholders.len());
        for (stakeholder, outcomes) in by_stakeholder.iter().enumerate() {
            let first = value_map_row(rows.len());
            if outcomes.is_empty() {
                rows.push((stakeholder, MapRow::Idle));
            }
            for &outcome in outcomes {
                let outcome_row = value_map_row(rows.len());
                for cohort in 0..model.outcomes[outcome].quantities.len() {
                    rows.push((
                        stakeholder,
                        MapRow::Cohort {
                            outcome,
                            cohort,
                            outcome_row,
                        },
                    ));
                }
            }
            blocks.push(Block {
                first,
                last: value_map_row(rows.len() - 1),
            });
        }
        Ok(Layout {
            years: years as u32,
            rows,
            blocks,
            inputs: model.inputs.len() as u32,
            factors: discount::factors(&model.conventions, years as u32),
        })
    }

    /// The value map's discount factor of year `year`, as another sheet
    /// refers to it.
    pub fn factor_cell(&self, year: u32) -> String {
        format!(
            "{VALUE_MAP}!{}",
            absolute(self.factor_row(), self.year_column(year))
        )
    }

    /// The value map's column of year `year` (from 1).
    pub fn year_column(&self, year: u32) -> ColNum {
        FIRST_YEAR_COLUMN + (year - 1) as ColNum
    }

    pub fn last_year_column(&self) -> ColNum {
        self.year_column(self.years)
    }

    pub fn present_value_column(&self) -> ColNum {
        self.last_year_column() + 1
    }

    /// The row after the table: value of each year and the total present value.
    pub fn total_row(&self) -> RowNum {
        value_map_row(self.rows.len()) + 1
    }

    /// How many times each year is discounted.
    pub fn exponent_row(&self) -> RowNum {
        self.total_row() + 1
    }

    /// The rate by which each year is discounted once more than the last.
    pub fn rate_row(&self) -> RowNum {
        self.total_row() + 2
    }

    pub fn factor_row(&self) -> RowNum {
        self.total_row() + 3
    }

    pub fn year_present_value_row(&self) -> RowNum {
        self.total_row() + 4
    }

    /// The first of the headline rows: inputs, PV, NPV, ratio, net ratio.
    pub fn headline_row(&self) -> RowNum {
        self.total_row() + 6
    }

    /// The header of the table of value by stakeholder.
    pub fn stakeholder_header_row(&self) -> RowNum {
        self.headline_row() + 7
    }

    /// The Inputs sheet's row of input `index`.
    pub fn input_row(&self, index: usize) -> RowNum {
        INPUTS_FIRST_ROW + index as RowNum
    }

    pub fn inputs_total_row(&self) -> RowNum {
        INPUTS_FIRST_ROW + self.inputs
    }

    /// The Inputs sheet's column of year `year` (from 1).
    pub fn input_year_column(&self, year: u32) -> ColNum {
        INPUTS_FIRST_YEAR_COLUMN + (year - 1) as ColNum
    }

    pub fn input_face_value_column(&self) -> ColNum {
        self.input_year_column(self.years) + 1
    }

    pub fn input_counted_column(&self) -> ColNum {
        self.input_year_column(self.years) + 2
    }
}

/// The value map's header row, and the first row of its table.
pub const HEADER_ROW: RowNum = 5;
pub const FIRST_ROW: RowNum = 6;
/// Columns before the years: stakeholder to impact.
pub const FIRST_YEAR_COLUMN: ColNum = 18;
/// The Inputs sheet's header row and first input.
pub const INPUTS_HEADER_ROW: RowNum = 3;
pub const INPUTS_FIRST_ROW: RowNum = 4;
pub const INPUTS_FIRST_YEAR_COLUMN: ColNum = 4;

fn value_map_row(index: usize) -> RowNum {
    FIRST_ROW + index as RowNum
}

/// Refuse a model whose workbook would not fit a worksheet, or would be too
/// large to open, with the figure that is too large and the limit.
fn refuse_too_large(model: &Model, years: usize, cohorts: usize) -> Result<(), ExportError> {
    let years = years as u64;
    let columns = u64::from(FIRST_YEAR_COLUMN) + years + 1;
    if columns > MAX_COLUMNS {
        return Err(ExportError::TooLarge(format!(
            "the model runs to year {years}, but a worksheet holds at most {} year columns",
            MAX_COLUMNS - u64::from(FIRST_YEAR_COLUMN) - 1
        )));
    }
    // Rows: the table (cohorts, and stakeholders with no outcome), the totals
    // and headline below it, and one row per stakeholder in the summary.
    let rows = u64::from(FIRST_ROW) + cohorts as u64 + 2 * model.stakeholders.len() as u64 + 20;
    let input_rows = u64::from(INPUTS_FIRST_ROW) + model.inputs.len() as u64 + 3;
    if rows.max(input_rows) > MAX_ROWS {
        return Err(ExportError::TooLarge(format!(
            "the model has {cohorts} outcome cohorts and {} inputs, but a worksheet holds at most {MAX_ROWS} rows",
            model.inputs.len()
        )));
    }
    let cells = cohorts as u64 * years;
    if cells > MAX_YEAR_CELLS {
        return Err(ExportError::TooLarge(format!(
            "the value map would need {cells} year cells ({cohorts} outcome cohorts over {years} years), \
             more than the {MAX_YEAR_CELLS} a spreadsheet opens in reasonable time; \
             `sroi calc --format csv` writes a model of this size"
        )));
    }
    Ok(())
}
