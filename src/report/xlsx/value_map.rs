//! The Value map sheet: the impact map in the stage order of the Social Value
//! UK value map, one row per outcome cohort, every figure a formula.
//!
//! Cohort k of an outcome gets its own row, with its own quantity and a start
//! year one after the previous cohort's; its other assumptions follow the
//! outcome's first row, so an analyst changes an outcome in one place.

use rust_decimal::Decimal;
use rust_xlsxwriter::{ColNum, Format, RowNum, Worksheet, XlsxError};

use super::CachedResults;
use super::cells::{Cells, absolute, fixed_column, fixed_row, relative};
use super::conventions as named;
use super::inputs;
use super::layout::{
    FIRST_ROW, FIRST_YEAR_COLUMN, HEADER_ROW, Layout, MapRow, VALUE_MAP as QUOTED,
};
use super::styles::Styles;
use crate::calc::{self, Results};
use crate::model::{Model, Outcome};
use crate::report::text::currency_prefix;

mod summary;

pub const SHEET: &str = "Value map";

pub const PRESENT_VALUE: &str = "PresentValue";
pub const NET_PRESENT_VALUE: &str = "NetPresentValue";
pub const RATIO: &str = "SroiRatio";
pub const NET_RATIO: &str = "NetSroiRatio";

const STAKEHOLDER: ColNum = 0;
const INPUTS_DESCRIPTION: ColNum = 1;
const INPUTS_VALUE: ColNum = 2;
const OUTCOME: ColNum = 3;
const DESCRIPTION: ColNum = 4;
const INDICATOR: ColNum = 5;
const QUANTITY: ColNum = 6;
const DURATION: ColNum = 7;
const START: ColNum = 8;
const PROXY_DESCRIPTION: ColNum = 9;
const PROXY: ColNum = 10;
const SOURCE: ColNum = 11;
const DEADWEIGHT: ColNum = 12;
const DISPLACEMENT: ColNum = 13;
const ATTRIBUTION: ColNum = 14;
const DROP_OFF: ColNum = 15;
const NET: ColNum = 16;
const IMPACT: ColNum = 17;

/// Headers and widths of the columns before the years.
const COLUMNS: [(&str, f64); FIRST_YEAR_COLUMN as usize] = [
    ("Stakeholder", 26.0),
    ("Inputs", 30.0),
    ("Value of inputs", 15.0),
    ("Outcome", 22.0),
    ("Description", 36.0),
    ("Indicator", 30.0),
    ("Quantity", 11.0),
    ("Duration (years)", 10.0),
    ("Outcome starts (year)", 10.0),
    ("Financial proxy", 30.0),
    ("Value of proxy", 14.0),
    ("Source", 28.0),
    ("Deadweight", 12.0),
    ("Displacement", 12.0),
    ("Attribution", 12.0),
    ("Drop-off", 12.0),
    ("Net of deductions", 12.0),
    ("Impact", 15.0),
];

/// The stages of the value map and the columns each spans (the last is the
/// years and present value, whose end depends on the model).
const STAGES: [(&str, ColNum, ColNum); 4] = [
    ("Stage 1: Stakeholders", STAKEHOLDER, STAKEHOLDER),
    ("Stage 2: Inputs", INPUTS_DESCRIPTION, INPUTS_VALUE),
    ("Stage 3: Outcomes and their value", OUTCOME, SOURCE),
    ("Stage 4: Impact", DEADWEIGHT, IMPACT),
];

pub fn defined_names(layout: &Layout) -> Vec<(&'static str, String)> {
    let headline = |offset: RowNum| {
        format!(
            "={QUOTED}!{}",
            absolute(layout.headline_row() + offset, INPUTS_VALUE)
        )
    };
    vec![
        (PRESENT_VALUE, headline(1)),
        (NET_PRESENT_VALUE, headline(2)),
        (RATIO, headline(3)),
        (NET_RATIO, headline(4)),
    ]
}

pub fn sheet(
    model: &Model,
    results: &Results,
    layout: &Layout,
    styles: &Styles,
    cache: CachedResults,
) -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(SHEET)?;
    let mut map = Map {
        cells: Cells::new(&mut sheet, cache),
        model,
        results,
        layout,
        styles,
        factors: &layout.factors,
    };
    map.title()?;
    map.headers()?;
    for (index, &(stakeholder, row)) in layout.rows.iter().enumerate() {
        map.row(FIRST_ROW + index as RowNum, stakeholder, row)?;
    }
    map.totals()?;
    map.discounting()?;
    map.headline()?;
    map.by_stakeholder()?;

    for (col, (_, width)) in COLUMNS.iter().enumerate() {
        sheet.set_column_width(col as ColNum, *width)?;
    }
    for year in 1..=layout.years {
        sheet.set_column_width(layout.year_column(year), 14)?;
    }
    sheet.set_column_width(layout.present_value_column(), 16)?;
    sheet.set_row_height(HEADER_ROW, 45)?;
    sheet.set_freeze_panes(FIRST_ROW, 1)?;
    sheet.autofilter(
        HEADER_ROW,
        STAKEHOLDER,
        FIRST_ROW + layout.rows.len() as RowNum - 1,
        layout.present_value_column(),
    )?;
    sheet.set_landscape();
    // Printed, the value map is one page wide, as the template is.
    sheet.set_print_fit_to_pages(1, 0);
    Ok(sheet)
}

struct Map<'a> {
    cells: Cells<'a>,
    model: &'a Model,
    results: &'a Results,
    layout: &'a Layout,
    styles: &'a Styles,
    /// Discount factors of every year column, as `calc` computes them.
    factors: &'a [Decimal],
}

type Written = Result<(), XlsxError>;

impl Map<'_> {
    fn title(&mut self) -> Written {
        let analysis = &self.model.analysis;
        let styles = self.styles;
        self.cells.text(0, 0, &analysis.title(), &styles.title)?;
        let mut about: Vec<String> = Vec::new();
        about.extend(analysis.organisation.clone());
        about.push(analysis.kind.as_str().to_owned());
        about.extend(analysis.period.clone());
        about.push(format!(
            "amounts in {} ({})",
            analysis.currency,
            currency_prefix(&analysis.currency).trim()
        ));
        about.extend(crate::report::view::about(self.model));
        self.cells
            .text(1, 0, &about.join(" · "), &styles.subtitle)?;
        self.cells.label(
            2,
            0,
            "Pale yellow cells are the model's assumptions; every other figure is a formula. \
             Change an assumption here, on the Inputs sheet, or a convention on the Conventions \
             sheet, and the workbook recomputes.",
            &styles.note,
        )
    }

    fn headers(&mut self) -> Written {
        let styles = self.styles;
        for (index, (label, first, last)) in STAGES.iter().enumerate() {
            self.band(label, *first, *last, &styles.stages[index])?;
        }
        self.band(
            "Stage 5: Social value by year and present value",
            FIRST_YEAR_COLUMN,
            self.layout.present_value_column(),
            &styles.stages[4],
        )?;
        for (col, (header, _)) in COLUMNS.iter().enumerate() {
            self.cells
                .label(HEADER_ROW, col as ColNum, header, &styles.header)?;
        }
        for year in 1..=self.layout.years {
            self.cells.whole(
                HEADER_ROW,
                self.layout.year_column(year),
                year,
                &styles.year_header,
            )?;
        }
        self.cells.label(
            HEADER_ROW,
            self.layout.present_value_column(),
            "Present value",
            &styles.header,
        )
    }

    fn band(&mut self, label: &str, first: ColNum, last: ColNum, format: &Format) -> Written {
        if first == last {
            return self.cells.label(HEADER_ROW - 1, first, label, format);
        }
        self.cells
            .sheet
            .merge_range(HEADER_ROW - 1, first, HEADER_ROW - 1, last, label, format)?;
        Ok(())
    }

    fn row(&mut self, row: RowNum, stakeholder: usize, kind: MapRow) -> Written {
        let block = self.layout.blocks[stakeholder];
        let name = &self.model.stakeholders[stakeholder].name;
        if row == block.first {
            self.cells.text(row, STAKEHOLDER, name, &self.styles.text)?;
            self.stakeholder_inputs(row, stakeholder)?;
        } else {
            self.cells
                .text(row, STAKEHOLDER, name, &self.styles.text_follows)?;
        }
        match kind {
            MapRow::Idle => Ok(()),
            MapRow::Cohort {
                outcome,
                cohort,
                outcome_row,
            } => self.cohort(row, outcome, cohort, outcome_row),
        }
    }

    /// What the stakeholder puts in: the inputs' descriptions, and their value
    /// as counted, summed from the Inputs sheet.
    fn stakeholder_inputs(&mut self, row: RowNum, stakeholder: usize) -> Written {
        let descriptions: Vec<&str> = self
            .model
            .inputs
            .iter()
            .filter(|input| input.stakeholder == stakeholder)
            .filter_map(|input| input.description.as_deref())
            .collect();
        if !descriptions.is_empty() {
            self.cells.text(
                row,
                INPUTS_DESCRIPTION,
                &descriptions.join("; "),
                &self.styles.text,
            )?;
        }
        let id = &self.model.stakeholders[stakeholder].id;
        let formula = inputs::of_stakeholder(self.layout, id);
        self.cells.formula(
            row,
            INPUTS_VALUE,
            &formula,
            Some(self.results.stakeholders[stakeholder].inputs),
            &self.styles.money_or_dash,
        )
    }

    fn cohort(&mut self, row: RowNum, index: usize, cohort: usize, outcome_row: RowNum) -> Written {
        let outcome = &self.model.outcomes[index];
        let styles = self.styles;
        let label = if outcome.quantities.len() > 1 {
            format!("{}, cohort {}", outcome.id, cohort + 1)
        } else {
            outcome.id.clone()
        };
        self.cells.text(row, OUTCOME, &label, &styles.text)?;
        self.cells.number(
            row,
            QUANTITY,
            outcome.quantities[cohort],
            &styles.quantity_assumption,
        )?;
        if cohort == 0 {
            self.assumptions(row, outcome)?;
        } else {
            self.follow_first_cohort(row, outcome, outcome_row)?;
        }
        self.impact(row, index, cohort)?;
        self.values_by_year(row, outcome, index, cohort)
    }

    /// The outcome's own assumptions, on its first cohort's row.
    fn assumptions(&mut self, row: RowNum, outcome: &Outcome) -> Written {
        let styles = self.styles;
        let optional = |text: &Option<String>| text.clone().unwrap_or_default();
        for (col, text) in [
            (DESCRIPTION, optional(&outcome.description)),
            (INDICATOR, optional(&outcome.indicator)),
            (PROXY_DESCRIPTION, optional(&outcome.proxy_description)),
            (SOURCE, optional(&outcome.proxy_source)),
        ] {
            if !text.is_empty() {
                self.cells.text(row, col, &text, &styles.text_assumption)?;
            }
        }
        self.cells
            .whole(row, DURATION, outcome.duration, &styles.whole_assumption)?;
        self.cells
            .whole(row, START, outcome.start_year, &styles.whole_assumption)?;
        self.cells
            .number(row, PROXY, outcome.proxy, &styles.money_assumption)?;
        for (col, rate) in [
            (DEADWEIGHT, outcome.deadweight),
            (DISPLACEMENT, outcome.displacement),
            (ATTRIBUTION, outcome.attribution),
            (DROP_OFF, outcome.drop_off),
        ] {
            self.cells.number(row, col, rate, &styles.rate_assumption)?;
        }
        Ok(())
    }

    /// A later cohort: its start is the previous cohort's plus one year, and
    /// everything else is the first cohort's.
    fn follow_first_cohort(&mut self, row: RowNum, outcome: &Outcome, first: RowNum) -> Written {
        let styles = self.styles;
        let cohort = row - first;
        let same = |col| format!("={}", fixed_column(first, col));
        self.cells.formula(
            row,
            DURATION,
            &same(DURATION),
            Some(outcome.duration.into()),
            &styles.whole_follows,
        )?;
        self.cells.formula(
            row,
            START,
            &format!("={}+1", fixed_column(row - 1, START)),
            Some((outcome.start_year + cohort).into()),
            &styles.whole_follows,
        )?;
        self.cells.formula(
            row,
            PROXY,
            &same(PROXY),
            Some(outcome.proxy),
            &styles.money_follows,
        )?;
        for (col, rate) in [
            (DEADWEIGHT, outcome.deadweight),
            (DISPLACEMENT, outcome.displacement),
            (ATTRIBUTION, outcome.attribution),
            (DROP_OFF, outcome.drop_off),
        ] {
            self.cells
                .formula(row, col, &same(col), Some(rate), &styles.rate_follows)?;
        }
        Ok(())
    }

    /// Net of deductions under the chosen rule, and the cohort's impact:
    /// quantity × proxy × net.
    fn impact(&mut self, row: RowNum, outcome: usize, cohort: usize) -> Written {
        let result = &self.results.outcomes[outcome];
        let [dw, ds, at] = [DEADWEIGHT, DISPLACEMENT, ATTRIBUTION].map(|col| relative(row, col));
        let net = format!(
            "=IF({}=\"additive\",1-{dw}-{ds}-{at},(1-{dw})*(1-{ds})*(1-{at}))",
            named::DEDUCTIONS
        );
        self.cells
            .formula(row, NET, &net, Some(result.net), &self.styles.rate)?;
        let impact = format!(
            "={}*{}*{}",
            relative(row, QUANTITY),
            relative(row, PROXY),
            relative(row, NET)
        );
        self.cells.formula(
            row,
            IMPACT,
            &impact,
            Some(result.impacts[cohort]),
            &self.styles.money,
        )
    }

    /// The cohort's value in each year, and its present value.
    ///
    /// value(t) = impact × (1 − drop-off)^(t − start) for start ≤ t ≤ start +
    /// duration − 1. The first year is written apart so that a drop-off of
    /// 100% never asks for 0^0, which Excel and LibreOffice disagree on.
    fn values_by_year(
        &mut self,
        row: RowNum,
        outcome: &Outcome,
        index: usize,
        cohort: usize,
    ) -> Written {
        let impact = self.results.outcomes[index].impacts[cohort];
        let values = calc::cohort_values(outcome, impact, cohort, self.layout.years)
            .ok_or_else(|| beyond_a_decimal(outcome, cohort))?;
        let start = fixed_column(row, START);
        let duration = fixed_column(row, DURATION);
        let impact = fixed_column(row, IMPACT);
        let drop_off = fixed_column(row, DROP_OFF);
        for year in 1..=self.layout.years {
            let col = self.layout.year_column(year);
            let t = fixed_row(HEADER_ROW, col);
            let formula = format!(
                "=IF(AND({t}>={start},{t}<={start}+{duration}-1),\
                 {impact}*IF({t}={start},1,(1-{drop_off})^({t}-{start})),0)"
            );
            self.cells.formula(
                row,
                col,
                &formula,
                Some(values[year as usize - 1]),
                &self.styles.money_or_dash,
            )?;
        }
        let present_value = calc::discounted_sum(&values, self.factors)
            .ok_or_else(|| beyond_a_decimal(outcome, cohort))?;
        let formula = format!(
            "=SUMPRODUCT({}:{},{}:{})",
            relative(row, FIRST_YEAR_COLUMN),
            relative(row, self.layout.last_year_column()),
            fixed_row(self.layout.factor_row(), FIRST_YEAR_COLUMN),
            fixed_row(self.layout.factor_row(), self.layout.last_year_column()),
        );
        self.cells.formula(
            row,
            self.layout.present_value_column(),
            &formula,
            Some(present_value),
            &self.styles.money,
        )
    }
}

/// A figure `calc` computed and the workbook works out again cohort by
/// cohort (a cohort's values share the sign of the outcome's and are no
/// larger), which the arithmetic found beyond the largest decimal after all:
/// refused as the workbook's error rather than written as a wrong figure.
fn beyond_a_decimal(outcome: &Outcome, cohort: usize) -> XlsxError {
    XlsxError::ParameterError(format!(
        "cohort {} of outcome `{}` is beyond the largest decimal",
        cohort + 1,
        outcome.id
    ))
}
