//! The impact map as the program may rely on it: every field present, typed,
//! in range and cross-referenced. A `Model` only exists once the file it came
//! from has passed every rule of the spec (section 1), so the calculation never
//! has to ask whether a value makes sense.
//!
//! Each entity keeps the byte spans of its fields so that checks made later
//! (published figures, lints) can still point at the exact line.

mod allowances;
pub mod assumption;
pub mod field_table;
mod fields;
pub(crate) use fields::{is_valid_id, suggested_id};
mod file;
mod load;
mod parse;
#[cfg(test)]
mod parse_equivalence;
mod scenarios;
pub(crate) mod schema;
mod sections;
mod uncertainty;

use rust_decimal::Decimal;

use crate::diagnostic::Span;

pub use allowances::{Allowance, CheckSettings};
pub use assumption::Assumption;
pub use file::{LoadError, load_file};
pub use load::parse_model;
pub use scenarios::{Action, Override, Scenario, Target, Value};
pub use schema::{Limits, TOML_NESTING_LIMIT};
pub use uncertainty::{Distribution, Uncertain};

impl std::fmt::Display for LoadError {
    /// One line; commands show an invalid model's problems located and
    /// quoted instead, through [`crate::diagnostic::Diagnostics::render`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Unreadable { path, error } => write!(f, "cannot read {path}: {error}"),
            LoadError::TooLarge { path, limit } => write!(
                f,
                "{path}: the file is larger than the limit of {} MiB for a model",
                limit / (1024 * 1024)
            ),
            LoadError::Invalid {
                source,
                diagnostics,
            } => {
                let count = diagnostics.items.len();
                let s = if count == 1 { "" } else { "s" };
                write!(f, "{}: not a valid model ({count} problem{s})", source.name)
            }
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Unreadable { error, .. } => Some(error),
            LoadError::TooLarge { .. } | LoadError::Invalid { .. } => None,
        }
    }
}

/// The whole impact map.
#[derive(Debug, Clone)]
pub struct Model {
    pub analysis: Analysis,
    pub conventions: Conventions,
    pub stakeholders: Vec<Stakeholder>,
    pub inputs: Vec<Input>,
    pub outcomes: Vec<Outcome>,
    pub published: Option<Published>,
    /// Named sets of overrides, in file order.
    pub scenarios: Vec<Scenario>,
    /// The `[check]` table: lints accepted for this model, each with a reason.
    pub check: CheckSettings,
    /// Where each top-level table (`analysis`, `published`, …) was written.
    pub spans: Spans,
}

impl Model {
    /// The input with the largest amounts at face value: where a figure taken
    /// from the inputs as a whole (the ratio, the net present value) points
    /// when it cannot be computed.
    pub fn largest_input(&self) -> Option<&Input> {
        self.inputs.iter().max_by_key(|input| input.total())
    }

    /// Where the largest input's amounts were written, or the inputs as a
    /// whole when there are none.
    pub fn largest_input_span(&self) -> Span {
        self.largest_input()
            .map_or_else(|| self.spans.of("inputs"), |input| input.spans.of("amount"))
    }

    /// The first outcome whose years, added to those of the outcomes before
    /// it, take the model beyond `limit` year cells, with the count there.
    pub fn beyond_year_cells(&self, limit: u64) -> Option<(&Outcome, u64)> {
        let mut cells = 0_u64;
        self.outcomes.iter().find_map(|outcome| {
            cells += u64::from(outcome.last_year());
            (cells > limit).then_some((outcome, cells))
        })
    }

    /// How many years the inputs run over: the longest list of amounts.
    pub fn input_years(&self) -> usize {
        self.inputs
            .iter()
            .map(|input| input.amounts.len())
            .max()
            // A model with no inputs puts nothing in, in no year.
            .unwrap_or(0)
    }
}

#[derive(Debug, Clone)]
pub struct Analysis {
    pub name: String,
    pub organisation: Option<String>,
    pub kind: Kind,
    pub period: Option<String>,
    /// ISO 4217 code, upper case.
    pub currency: String,
    /// `reconstruction`: set when the model is not the analysis it describes
    /// but rebuilt from what was published about it, saying from what. Every
    /// output of such a model says so, so that its figures are never taken
    /// for the assured analysis (nor `organisation` for its author).
    pub reconstruction: Option<String>,
    /// The scenario the figures are computed under (`--scenario`), or `None`
    /// for the model as written. Never read from the file: the command that
    /// applies a scenario sets it, so that every output names it.
    pub scenario: Option<ShownScenario>,
}

/// The name and description of the scenario an output shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownScenario {
    pub name: String,
    pub description: Option<String>,
}

impl Analysis {
    /// The name as every title shows it: with the scenario, when one is
    /// applied (`Local Area Coordination in Derby, scenario "cautious"`).
    pub fn title(&self) -> String {
        match &self.scenario {
            Some(scenario) => format!("{}, scenario {:?}", self.name, scenario.name),
            None => self.name.clone(),
        }
    }
}

/// Whether the analysis predicts value or measures value already created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Forecast,
    Evaluative,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Forecast => "forecast",
            Kind::Evaluative => "evaluative",
        }
    }
}

/// How the figures are computed: each is a point on which published SROI
/// analyses differ, so each is named and printed with every result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conventions {
    pub discount_rate: Decimal,
    pub schedule: Schedule,
    pub discount_first_year: bool,
    pub inputs_discounted: bool,
    pub deductions: Deductions,
}

impl Default for Conventions {
    /// The SROI Guide (2012) value map with the Green Book's 3.5% rate.
    fn default() -> Self {
        Conventions {
            discount_rate: Decimal::new(35, 3),
            schedule: Schedule::Flat,
            discount_first_year: true,
            inputs_discounted: false,
            deductions: Deductions::Multiplicative,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schedule {
    /// One rate for every year.
    Flat,
    /// HM Treasury Green Book declining long-term rates (3.5% to 1.0%).
    GreenBook,
    /// The Green Book's health rates (1.5% to 0.43%).
    GreenBookHealth,
}

impl Schedule {
    pub const NAMES: [&'static str; 3] = field_table::SCHEDULES;

    pub fn as_str(self) -> &'static str {
        match self {
            Schedule::Flat => "flat",
            Schedule::GreenBook => "green-book",
            Schedule::GreenBookHealth => "green-book-health",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deductions {
    /// (1 − deadweight)(1 − displacement)(1 − attribution), as the SROI Guide.
    Multiplicative,
    /// 1 − deadweight − displacement − attribution.
    Additive,
}

impl Deductions {
    pub const NAMES: [&'static str; 2] = field_table::DEDUCTIONS;

    pub fn as_str(self) -> &'static str {
        match self {
            Deductions::Multiplicative => "multiplicative",
            Deductions::Additive => "additive",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Stakeholder {
    pub id: String,
    pub name: String,
    /// How many people are in the group, when the analyst said.
    pub size: Option<Decimal>,
    pub spans: Spans,
}

#[derive(Debug, Clone)]
pub struct Input {
    /// Index into `Model::stakeholders`.
    pub stakeholder: usize,
    pub description: Option<String>,
    /// One amount per year from year 1.
    pub amounts: Vec<Decimal>,
    pub in_kind: bool,
    pub spans: Spans,
}

impl Input {
    /// The amounts added up. Loading (and applying a scenario) checks that
    /// they add up within a decimal, so the sum cannot overflow.
    pub fn total(&self) -> Decimal {
        self.amounts.iter().copied().sum()
    }
}

#[derive(Debug, Clone)]
pub struct Outcome {
    pub id: String,
    /// Index into `Model::stakeholders`.
    pub stakeholder: usize,
    pub description: Option<String>,
    pub indicator: Option<String>,
    /// One cohort per activity year; cohort k starts in year `start_year + k`.
    pub quantities: Vec<Decimal>,
    /// Value of the change per unit per year; negative for a negative outcome.
    pub proxy: Decimal,
    pub proxy_description: Option<String>,
    pub proxy_source: Option<String>,
    pub deadweight: Decimal,
    pub displacement: Decimal,
    pub attribution: Decimal,
    pub drop_off: Decimal,
    /// Years in which the change has value, counted from each cohort's start.
    pub duration: u32,
    pub start_year: u32,
    /// Distributions for `sroi simulate`; `None` when the outcome has no
    /// `uncertainty` table (an empty table declares every field certain).
    pub uncertainty: Option<Vec<Uncertain>>,
    pub spans: Spans,
}

impl Outcome {
    /// The last year in which any cohort of this outcome has value.
    pub fn last_year(&self) -> u32 {
        let cohorts = self.quantities.len() as u32;
        self.start_year + cohorts.saturating_sub(1) + self.duration - 1
    }
}

/// The figures of an assured report, to be reproduced within `tolerance`.
#[derive(Debug, Clone)]
pub struct Published {
    pub present_value: Option<Decimal>,
    pub inputs: Option<Decimal>,
    pub ratio: Option<Decimal>,
    pub tolerance: Decimal,
    pub source: Option<String>,
    pub spans: Spans,
}

/// Where each field of an entity was written, plus the entity's own header.
#[derive(Debug, Clone, Default)]
pub struct Spans {
    /// The table as a whole (its header line for `[[...]]` entries).
    pub table: Span,
    fields: Vec<(&'static str, Span)>,
}

impl Spans {
    pub(crate) fn new(table: Span) -> Self {
        Spans {
            table,
            fields: Vec::new(),
        }
    }

    pub(crate) fn record(&mut self, field: &'static str, span: Span) {
        self.fields.push((field, span));
    }

    /// The span of a field's value, or of the table when the field was defaulted.
    pub fn of(&self, field: &str) -> Span {
        self.fields
            .iter()
            .find(|(name, _)| *name == field)
            .map_or_else(|| self.table.clone(), |(_, span)| span.clone())
    }

    /// The span of a field's value, only when the field was written.
    pub fn recorded(&self, field: &str) -> Option<Span> {
        self.fields
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, span)| span.clone())
    }
}
