//! Below the Value map's table: its totals, the discounting rows, the
//! headline figures and each stakeholder's share, every one a formula over
//! the rows above it.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, RowNum};

use super::super::cells::{column, fixed_row, relative};
use super::super::conventions as named;
use super::super::inputs;
use super::super::layout::{FIRST_ROW, HEADER_ROW};
use super::{
    DESCRIPTION, INPUTS_DESCRIPTION, INPUTS_VALUE, Map, NET_PRESENT_VALUE, OUTCOME, PRESENT_VALUE,
    STAKEHOLDER, Written,
};
use crate::calc::discount;

impl Map<'_> {
    /// The table's total row: inputs, the value of each year, present value.
    pub(super) fn totals(&mut self) -> Written {
        let row = self.layout.total_row();
        let styles = self.styles;
        let last = FIRST_ROW + self.layout.rows.len() as RowNum - 1;
        let sum = |col| format!("=SUM({}:{})", relative(FIRST_ROW, col), relative(last, col));
        for col in 0..self.layout.present_value_column() {
            self.cells.label(row, col, "", &styles.label_total)?;
        }
        self.cells
            .label(row, STAKEHOLDER, "Total", &styles.label_total)?;
        self.cells.formula(
            row,
            INPUTS_VALUE,
            &sum(INPUTS_VALUE),
            Some(self.results.inputs_total),
            &styles.money_total,
        )?;
        for year in 1..=self.layout.years {
            let col = self.layout.year_column(year);
            self.cells.formula(
                row,
                col,
                &sum(col),
                Some(self.year_value(year)),
                &styles.money_total,
            )?;
        }
        let col = self.layout.present_value_column();
        self.cells.formula(
            row,
            col,
            &sum(col),
            Some(self.results.present_value),
            &styles.money_total,
        )
    }

    /// How many times each year is discounted, the rate of that discounting,
    /// the factor (built year on year, as `calc::discount` builds it), and the
    /// present value of each year's total.
    pub(super) fn discounting(&mut self) -> Written {
        let layout = self.layout;
        let styles = self.styles;
        let conventions = &self.model.conventions;
        for (row, label) in [
            (layout.exponent_row(), "Years of discounting"),
            (layout.rate_row(), "Discount rate"),
            (layout.factor_row(), "Discount factor"),
            (layout.year_present_value_row(), "Present value of the year"),
        ] {
            self.cells.label(row, STAKEHOLDER, label, &styles.text)?;
        }
        self.cells.label(
            layout.rate_row(),
            OUTCOME,
            "flat: the discount rate; green-book and green-book-health: the rate of the band (Conventions sheet)",
            &styles.note,
        )?;
        for year in 1..=layout.years {
            let col = layout.year_column(year);
            let exponent = discount::exponent(conventions, year);
            let exponent_cell = fixed_row(layout.exponent_row(), col);
            self.cells.formula(
                layout.exponent_row(),
                col,
                &format!(
                    "={}-IF({},0,1)",
                    fixed_row(HEADER_ROW, col),
                    named::DISCOUNT_FIRST_YEAR
                ),
                Some(exponent.into()),
                &styles.whole,
            )?;
            let rate = if exponent == 0 {
                Decimal::ZERO
            } else {
                discount::rate_in_year(conventions, exponent)
            };
            let band = |rates| {
                format!(
                    "INDEX({rates},MATCH({exponent_cell},{},1))",
                    named::BAND_FROM
                )
            };
            self.cells.formula(
                layout.rate_row(),
                col,
                &format!(
                    "=IF({exponent_cell}<1,0,IF({schedule}=\"green-book\",{},IF({schedule}=\"green-book-health\",{},{})))",
                    band(named::GREEN_BOOK_RATES),
                    band(named::GREEN_BOOK_HEALTH_RATES),
                    named::DISCOUNT_RATE,
                    schedule = named::SCHEDULE,
                ),
                Some(rate),
                &styles.rate,
            )?;
            let previous = if year == 1 {
                "1".to_owned()
            } else {
                fixed_row(layout.factor_row(), col - 1)
            };
            let factor = self.factors[year as usize - 1];
            self.cells.formula(
                layout.factor_row(),
                col,
                &format!("={previous}/(1+{})", fixed_row(layout.rate_row(), col)),
                Some(factor),
                &styles.factor,
            )?;
            self.cells.formula(
                layout.year_present_value_row(),
                col,
                &format!(
                    "={}*{}",
                    fixed_row(layout.total_row(), col),
                    fixed_row(layout.factor_row(), col)
                ),
                Some(self.year_present_value(year)),
                &styles.money,
            )?;
        }
        Ok(())
    }

    /// The headline: inputs, present value, net present value and the ratios.
    pub(super) fn headline(&mut self) -> Written {
        let row = self.layout.headline_row();
        let styles = self.styles;
        let results = self.results;
        let pv_column = column(self.layout.present_value_column());
        let total = self.layout.total_row() + 1;
        let lines: [(&str, String, Option<Decimal>, &Format, &str); 5] = [
            (
                "Inputs",
                format!("={}", inputs::TOTAL),
                Some(results.inputs_total),
                &styles.money_headline,
                "as the ratio counts them: at face value, or discounted when InputsDiscounted is TRUE (Inputs sheet)",
            ),
            (
                "Present value",
                format!("={pv_column}{total}"),
                Some(results.present_value),
                &styles.money_headline,
                "the sum of the outcomes' present values",
            ),
            (
                "Net present value",
                format!("={PRESENT_VALUE}-{}", inputs::TOTAL),
                Some(results.net_present_value),
                &styles.money_headline,
                "present value less inputs",
            ),
            (
                "SROI ratio",
                format!("={PRESENT_VALUE}/{}", inputs::TOTAL),
                Some(results.ratio),
                &styles.ratio_headline,
                "social value for every unit of currency invested",
            ),
            (
                "Net SROI ratio",
                format!("={NET_PRESENT_VALUE}/{}", inputs::TOTAL),
                Some(results.net_ratio),
                &styles.net_ratio_headline,
                "net present value over inputs",
            ),
        ];
        for (offset, (label, formula, result, format, note)) in lines.into_iter().enumerate() {
            let row = row + offset as RowNum;
            self.cells
                .label(row, STAKEHOLDER, label, &styles.label_headline)?;
            self.cells
                .formula(row, INPUTS_VALUE, &formula, result, format)?;
            self.cells.label(row, OUTCOME, note, &styles.note)?;
        }
        Ok(())
    }

    /// Inputs, present value and share of each stakeholder.
    pub(super) fn by_stakeholder(&mut self) -> Written {
        let header = self.layout.stakeholder_header_row();
        let styles = self.styles;
        let pv_column = self.layout.present_value_column();
        self.cells.label(
            header - 1,
            STAKEHOLDER,
            "Value by stakeholder",
            &styles.section,
        )?;
        for (col, label) in [
            (STAKEHOLDER, "Stakeholder"),
            (INPUTS_DESCRIPTION, ""),
            (INPUTS_VALUE, "Inputs"),
            (OUTCOME, "Present value"),
            (DESCRIPTION, "Share of present value"),
        ] {
            self.cells.label(header, col, label, &styles.header)?;
        }
        for (index, (stakeholder, result)) in self
            .model
            .stakeholders
            .iter()
            .zip(&self.results.stakeholders)
            .enumerate()
        {
            let row = header + 1 + index as RowNum;
            let block = self.layout.blocks[index];
            self.cells
                .text(row, STAKEHOLDER, &stakeholder.name, &styles.text)?;
            self.cells.formula(
                row,
                INPUTS_VALUE,
                &format!("={}", relative(block.first, INPUTS_VALUE)),
                Some(result.inputs),
                &styles.money,
            )?;
            self.cells.formula(
                row,
                OUTCOME,
                &format!(
                    "=SUM({}:{})",
                    relative(block.first, pv_column),
                    relative(block.last, pv_column)
                ),
                Some(result.present_value),
                &styles.money,
            )?;
            self.cells.formula(
                row,
                DESCRIPTION,
                &format!(
                    "=IF({PRESENT_VALUE}=0,0,{}/{PRESENT_VALUE})",
                    relative(row, OUTCOME)
                ),
                Some(result.share),
                &styles.share,
            )?;
        }
        Ok(())
    }

    /// The total value of a year, as `calc` computed it (zero past the last
    /// year with value, where only inputs remain).
    fn year_value(&self, year: u32) -> Decimal {
        // A year after the outcomes' last (inputs only) has no value.
        self.results
            .years
            .get(year as usize - 1)
            .map_or(Decimal::ZERO, |y| y.value)
    }

    /// The year's value discounted, as `calc` computed it.
    fn year_present_value(&self, year: u32) -> Decimal {
        // A year after the outcomes' last (inputs only) has no value.
        self.results
            .years
            .get(year as usize - 1)
            .map_or(Decimal::ZERO, |y| y.present_value)
    }
}
