//! From model text to a validated `Model`: parse the TOML keeping every
//! span, read each table, then check what no single table can see alone
//! (references, unique ids, totals). Reading the file is `file.rs`'s.

use std::borrow::Cow;
use std::collections::HashMap;

use rust_decimal::Decimal;
use toml::de::{DeTable, DeValue};

use super::field_table;
use super::fields::{FieldValues, TableReader, too_many_entries};
use super::parse::{Document, Parsing};
use super::schema::{self, Limits, nearest};
use super::{
    Analysis, Conventions, Deductions, Input, Kind, Model, Outcome, Published, Scenario, Schedule,
    Stakeholder, scenarios, uncertainty,
};
use crate::diagnostic::{Diagnostic, Diagnostics, ErrorCode, SourceFile, Span, too_large};

/// Parse and validate model text, reporting every problem found.
pub fn parse_model(source: &SourceFile, limits: Limits) -> Result<Model, Diagnostics> {
    parse_model_as(source, limits, Parsing::AsAllowed)
}

pub(crate) fn parse_model_as(
    source: &SourceFile,
    limits: Limits,
    parsing: Parsing,
) -> Result<Model, Diagnostics> {
    let document = match Document::parse(source, limits, parsing) {
        Ok(document) => document,
        Err(problems) => return Err(syntax_problems(source, problems)),
    };
    let mut diagnostics = Vec::new();
    let model = ModelReader {
        source,
        limits,
        diagnostics: &mut diagnostics,
    }
    .read(&document);
    let problems = document.into_problems(limits);
    if !problems.is_empty() {
        return Err(syntax_problems(source, problems));
    }
    match model {
        Some(model) if diagnostics.is_empty() => Ok(model),
        _ => Err(Diagnostics::sorted(diagnostics)),
    }
}

/// A file that does not parse is reported by its syntax errors alone: reading
/// a half-parsed document would only add confusing follow-on errors.
fn syntax_problems(source: &SourceFile, mut diagnostics: Vec<Diagnostic>) -> Diagnostics {
    // The parser's recovery can report one mistake several times on its
    // line; the first report of each line is the one that names the cause.
    diagnostics.sort_by_key(|d| d.span.start);
    diagnostics.dedup_by_key(|d| source.position(d.span.start).line);
    Diagnostics::sorted(diagnostics)
}

/// Reads each table of the document in turn, then the rules that span tables.
struct ModelReader<'d> {
    source: &'d SourceFile,
    limits: Limits,
    diagnostics: &'d mut Vec<Diagnostic>,
}

/// A reference to a stakeholder, resolved once every stakeholder is known.
struct StakeholderRef {
    id: String,
    span: Span,
}

impl ModelReader<'_> {
    fn read(mut self, document: &Document<'_>) -> Option<Model> {
        let mut root = self.reader(
            &document.root,
            0..0,
            "the model".to_owned(),
            schema::TOP_LEVEL,
        );
        let analysis = root.table("analysis");
        let conventions = root.table("conventions");
        let published = root.table("published");
        let stakeholders = Entries::of(&mut root, document, "stakeholders");
        let inputs = Entries::of(&mut root, document, "inputs");
        let outcomes = Entries::of(&mut root, document, "outcomes");
        let scenarios = Entries::of(&mut root, document, "scenarios");
        let check = root.table("check");
        let top_level_spans = root.spans.clone();
        let analysis_missing = document.root.get("analysis").is_none();

        let analysis = analysis.and_then(|table| self.analysis(table));
        if analysis_missing {
            self.diagnostics.push(
                Diagnostic::new(
                    ErrorCode::MissingField,
                    0..0,
                    "the model has no [analysis] table",
                )
                .with_hint("start the file with [analysis] and name = \"…\""),
            );
        }
        let conventions = match conventions {
            Some(table) => self.conventions(table),
            None => Some(Conventions::default()),
        };
        let mut read_stakeholders: Vec<Option<Stakeholder>> = Vec::new();
        stakeholders.each(document, |span, table| {
            read_stakeholders.push(self.stakeholder(span, table));
        });
        let stakeholders = read_stakeholders;
        let stakeholder_index = self.index_stakeholders(&stakeholders);
        let mut read_inputs: Vec<Option<Input>> = Vec::new();
        inputs.each(document, |span, table| {
            read_inputs.push(self.input(span, table, &stakeholder_index));
        });
        let inputs = read_inputs;
        let mut read_outcomes: Vec<Option<Outcome>> = Vec::new();
        let mut written_ids = Vec::new();
        outcomes.visit(document, |span, table, within_limit| {
            written_ids.push(written_id(table));
            if within_limit {
                let outcome = self.outcome(span, table, &stakeholder_index, conventions.as_ref());
                read_outcomes.push(outcome);
            }
        });
        let outcomes = read_outcomes;
        if !document.is_sectioned() {
            written_ids = outcome_tables(&document.root);
        }
        let published = published.map(|table| self.published(table));
        let written_ids: Vec<Option<&str>> = written_ids.iter().map(|id| id.as_deref()).collect();
        let scenarios = self.scenarios(&scenarios, document, &written_ids);
        let check = check
            .map(|table| super::allowances::read(table, self.source, self.limits, self.diagnostics))
            .unwrap_or_default();
        self.check_unique_outcome_ids(&outcomes);
        self.check_something_to_compute(document.has_entries("outcomes"), &inputs);

        let model = Model {
            analysis: analysis?,
            conventions: conventions?,
            stakeholders: stakeholders.into_iter().collect::<Option<_>>()?,
            inputs: inputs.into_iter().collect::<Option<_>>()?,
            outcomes: outcomes.into_iter().collect::<Option<_>>()?,
            published: published.flatten(),
            scenarios: scenarios?,
            check,
            spans: top_level_spans,
        };
        if let Some(diagnostic) = year_cells_beyond_the_limit(&model, self.limits) {
            // Scenarios are applied to the model's years; there is no point.
            self.diagnostics.push(diagnostic);
            return Some(model);
        }
        Some(model)
    }

    fn scenarios(
        &mut self,
        tables: &Entries<'_, '_>,
        document: &Document<'_>,
        outcome_ids: &[Option<&str>],
    ) -> Option<Vec<Scenario>> {
        let ids = scenarios::OutcomeIds::new(outcome_ids.iter().copied());
        let mut read: Vec<Option<Scenario>> = Vec::new();
        tables.each(document, |span, table| {
            read.push(scenarios::read(
                table,
                span.clone(),
                &ids,
                self.limits,
                self.diagnostics,
            ));
        });
        let mut first_of: HashMap<&str, Span> = HashMap::new();
        for scenario in read.iter().flatten() {
            let span = scenario.spans.of("name");
            if let Some(first) = first_of.insert(&scenario.name, span.clone()) {
                let line = self.source.position(first.start).line;
                self.diagnostics.push(
                    Diagnostic::new(
                        ErrorCode::Duplicate,
                        span,
                        format!("duplicate scenario name {:?}", scenario.name),
                    )
                    .with_hint(format!(
                        "scenario names must be unique; {:?} is first used on line {line}",
                        scenario.name
                    )),
                );
            }
        }
        read.into_iter().collect()
    }

    fn reader<'t, 's, 'i>(
        &'s mut self,
        table: &'t DeTable<'i>,
        span: Span,
        what: String,
        allowed: &[&str],
    ) -> TableReader<'t, 's, 'i> {
        TableReader::new(table, span, what, allowed, self.limits, self.diagnostics)
    }

    fn analysis(&mut self, value: &toml::Spanned<DeValue<'_>>) -> Option<Analysis> {
        let table = value.get_ref().as_table()?;
        let mut r = self.reader(
            table,
            value.span(),
            "[analysis]".to_owned(),
            schema::ANALYSIS,
        );
        let mut read = r.read_fields(field_table::ANALYSIS);
        let kind = read
            .choice("kind")
            .map(|i| [Kind::Forecast, Kind::Evaluative][i]);
        Some(Analysis {
            name: read.text("name")?,
            organisation: read.text("organisation"),
            kind: kind?,
            period: read.text("period"),
            currency: read.text("currency")?,
            reconstruction: read.text("reconstruction"),
            scenario: None,
        })
    }

    fn conventions(&mut self, value: &toml::Spanned<DeValue<'_>>) -> Option<Conventions> {
        let table = value.get_ref().as_table()?;
        let mut r = self.reader(
            table,
            value.span(),
            "[conventions]".to_owned(),
            schema::CONVENTIONS,
        );
        let mut read = r.read_fields(field_table::CONVENTIONS);
        let schedule = read.choice("schedule").map(|i| {
            [
                Schedule::Flat,
                Schedule::GreenBook,
                Schedule::GreenBookHealth,
            ][i]
        });
        let deductions = read
            .choice("deductions")
            .map(|i| [Deductions::Multiplicative, Deductions::Additive][i]);
        Some(Conventions {
            discount_rate: read.decimal("discount_rate")?,
            schedule: schedule?,
            discount_first_year: read.flag("discount_first_year")?,
            inputs_discounted: read.flag("inputs_discounted")?,
            deductions: deductions?,
        })
    }

    fn stakeholder(&mut self, span: &Span, table: &DeTable<'_>) -> Option<Stakeholder> {
        let what = entry_name("stakeholder", table, "id");
        let mut r = self.reader(table, span.clone(), what, schema::STAKEHOLDER);
        let mut read = r.read_fields(field_table::STAKEHOLDER);
        let size = read.optional_decimal("size");
        let id = read.text("id")?;
        Some(Stakeholder {
            name: read.text("name").unwrap_or_else(|| id.clone()),
            id,
            size: size?,
            spans: r.spans,
        })
    }

    fn index_stakeholders(
        &mut self,
        stakeholders: &[Option<Stakeholder>],
    ) -> HashMap<String, usize> {
        let mut index = HashMap::with_capacity(stakeholders.len());
        for (position, stakeholder) in stakeholders.iter().enumerate() {
            let Some(stakeholder) = stakeholder else {
                continue;
            };
            if let Some(&first) = index.get(&stakeholder.id) {
                let first: &Option<Stakeholder> = &stakeholders[first];
                let first_span = first.as_ref().map(|s| s.spans.of("id")).unwrap_or(0..0);
                self.duplicate(
                    "stakeholder",
                    &stakeholder.id,
                    stakeholder.spans.of("id"),
                    first_span,
                );
            } else {
                index.insert(stakeholder.id.clone(), position);
            }
        }
        index
    }

    fn input(
        &mut self,
        span: &Span,
        table: &DeTable<'_>,
        stakeholders: &HashMap<String, usize>,
    ) -> Option<Input> {
        let mut r = self.reader(
            table,
            span.clone(),
            "[[inputs]] entry".to_owned(),
            schema::INPUT,
        );
        let mut read = r.read_fields(field_table::INPUT);
        let stakeholder = stakeholder_ref(&mut r, &mut read);
        let description = read.text("description");
        let amounts = read.decimals("amount").filter(|amounts| {
            let whose = match &stakeholder {
                Some(s) => format!("the input from stakeholder `{}`", s.id),
                None => "this input".to_owned(),
            };
            fits_when_added(&mut r, "amount", amounts, &whose)
        });
        let in_kind = read.flag("in_kind");
        if let Some(amounts) = &amounts {
            if amounts.iter().any(|a| a.is_sign_negative() && !a.is_zero()) {
                let span = r.spans.of("amount");
                r.report(
                    Diagnostic::new(
                        ErrorCode::OutOfRange,
                        span,
                        "`amount` must be zero or more in every year",
                    )
                    .with_hint("inputs are what stakeholders put in; record savings as outcomes"),
                );
            }
        }
        let spans = r.spans;
        let stakeholder = self.resolve(stakeholder?, stakeholders)?;
        Some(Input {
            stakeholder,
            description,
            amounts: amounts?,
            in_kind: in_kind?,
            spans,
        })
    }

    fn outcome(
        &mut self,
        span: &Span,
        table: &DeTable<'_>,
        stakeholders: &HashMap<String, usize>,
        conventions: Option<&Conventions>,
    ) -> Option<Outcome> {
        let what = entry_name("outcome", table, "id");
        let mut r = self.reader(table, span.clone(), what, schema::OUTCOME);
        let mut read = r.read_fields(field_table::OUTCOME);
        let id = read.text("id");
        let stakeholder = stakeholder_ref(&mut r, &mut read);
        let quantities = read.decimals("quantity").filter(|quantities| {
            let whose = r.what.clone();
            fits_when_added(&mut r, "quantity", quantities, &whose)
        });
        if let Some(quantities) = &quantities {
            if let Some(negative) = quantities
                .iter()
                .find(|q| q.is_sign_negative() && !q.is_zero())
            {
                let span = r.spans.of("quantity");
                r.report(
                    Diagnostic::new(ErrorCode::OutOfRange, span, format!("`quantity` must be zero or more, found {negative}"))
                        .with_hint("for a change for the worse, keep the quantity positive and make `proxy` negative"),
                );
            }
        }
        let proxy = read.decimal("proxy");
        let deadweight = read.decimal("deadweight");
        let displacement = read.decimal("displacement");
        let attribution = read.decimal("attribution");
        let drop_off = read.decimal("drop_off");
        if let (Some(dw), Some(dp), Some(at), Some(c)) =
            (deadweight, displacement, attribution, conventions)
        {
            check_additive_sum(&mut r, c, [dw, dp, at]);
        }
        let uncertainty = match (r.contains("uncertainty"), &quantities) {
            (false, _) => Some(None),
            (true, Some(quantities)) => {
                let base = (proxy, deadweight, displacement, attribution, drop_off);
                match (r.table("uncertainty"), base) {
                    (Some(table), (Some(proxy), Some(dw), Some(dp), Some(at), Some(d))) => {
                        let base = uncertainty::Base {
                            proxy,
                            quantities,
                            rates: [dw, dp, at, d],
                        };
                        uncertainty::read(&mut r, table, &base).map(Some)
                    }
                    _ => None,
                }
            }
            (true, None) => None,
        };
        let spans = r.spans;
        let stakeholder = self.resolve(stakeholder?, stakeholders)?;
        Some(Outcome {
            id: id?,
            stakeholder,
            description: read.text("description"),
            indicator: read.text("indicator"),
            quantities: quantities?,
            proxy: proxy?,
            proxy_description: read.text("proxy_description"),
            proxy_source: read.text("proxy_source"),
            deadweight: deadweight?,
            displacement: displacement?,
            attribution: attribution?,
            drop_off: drop_off?,
            duration: read.whole("duration")?,
            start_year: read.whole("start_year")?,
            uncertainty: uncertainty?,
            spans,
        })
    }

    fn published(&mut self, value: &toml::Spanned<DeValue<'_>>) -> Option<Published> {
        let table = value.get_ref().as_table()?;
        let mut r = self.reader(
            table,
            value.span(),
            "[published]".to_owned(),
            schema::PUBLISHED,
        );
        let mut read = r.read_fields(field_table::PUBLISHED);
        Some(Published {
            present_value: read.optional_decimal("present_value")?,
            inputs: read.optional_decimal("inputs")?,
            ratio: read.optional_decimal("ratio")?,
            tolerance: read.decimal("tolerance")?,
            source: read.text("source"),
            spans: r.spans,
        })
    }

    fn resolve(
        &mut self,
        reference: StakeholderRef,
        stakeholders: &HashMap<String, usize>,
    ) -> Option<usize> {
        if let Some(&index) = stakeholders.get(&reference.id) {
            return Some(index);
        }
        let mut declared: Vec<&str> = stakeholders.keys().map(String::as_str).collect();
        declared.sort_unstable();
        let message = format!("unknown stakeholder `{}`", reference.id);
        let hint = match (
            nearest(&reference.id, declared.iter().copied()),
            declared.is_empty(),
        ) {
            (_, true) => {
                "no stakeholders are declared; add a [[stakeholders]] table with this id".to_owned()
            }
            (Some(near), false) => format!(
                "did you mean `{near}`? declared stakeholders: {}",
                declared.join(", ")
            ),
            (None, false) => format!("declared stakeholders: {}", declared.join(", ")),
        };
        self.diagnostics.push(
            Diagnostic::new(ErrorCode::UnknownReference, reference.span, message).with_hint(hint),
        );
        None
    }

    fn duplicate(&mut self, kind: &str, id: &str, span: Span, first: Span) {
        self.diagnostics.push(
            Diagnostic::new(
                ErrorCode::Duplicate,
                span,
                format!("duplicate {kind} id `{id}`"),
            )
            .with_hint(format!(
                "ids must be unique; `{id}` is first declared on line {}",
                self.source.position(first.start).line
            )),
        );
    }

    fn check_unique_outcome_ids(&mut self, outcomes: &[Option<Outcome>]) {
        let mut seen: HashMap<&str, Span> = HashMap::with_capacity(outcomes.len());
        for outcome in outcomes.iter().flatten() {
            let span = outcome.spans.of("id");
            if let Some(first) = seen.insert(&outcome.id, span.clone()) {
                self.duplicate("outcome", &outcome.id, span, first);
            }
        }
    }

    /// A model needs outcomes to value and inputs to divide by.
    fn check_something_to_compute(&mut self, has_outcomes: bool, inputs: &[Option<Input>]) {
        if !has_outcomes {
            self.diagnostics.push(
                Diagnostic::new(ErrorCode::NothingToValue, 0..0, "the model has no outcomes")
                    .with_hint(
                        "add an [[outcomes]] table for each change a stakeholder experiences",
                    ),
            );
        }
        // Amounts are never negative, so one above zero is a total above zero.
        let any_input = inputs
            .iter()
            .flatten()
            .flat_map(|i| &i.amounts)
            .any(|amount| *amount > Decimal::ZERO);
        let unreadable_inputs = inputs.iter().any(Option::is_none);
        if !any_input && !unreadable_inputs {
            self.diagnostics.push(
                Diagnostic::new(
                    ErrorCode::NothingToValue,
                    0..0,
                    "the model has no inputs above zero, so it has no ratio",
                )
                .with_hint("add an [[inputs]] table with the amount each stakeholder puts in"),
            );
        }
    }
}

/// More year cells than the limit allows, reported at the outcome that
/// crosses it. Checked on the whole model, as no outcome alone is too long.
pub(crate) fn year_cells_beyond_the_limit(model: &Model, limits: Limits) -> Option<Diagnostic> {
    let (outcome, cells) = model.beyond_year_cells(limits.max_year_cells)?;
    let message = format!(
        "the outcomes up to `{}` run over {cells} year cells (each outcome's years from year 1 to its last), more than the limit of {}",
        outcome.id, limits.max_year_cells
    );
    Some(
        Diagnostic::new(ErrorCode::OverLimit, outcome.spans.of("duration"), message).with_hint(
            "shorten durations or bring start years earlier; a year of value far in the future discounts to almost nothing",
        ),
    )
}

/// Whether a list of amounts or cohorts adds up within the largest decimal,
/// reporting it at the list when it does not: every figure after loading
/// (totals, impacts, the workbook's sums) adds the list up.
fn fits_when_added(
    r: &mut TableReader<'_, '_, '_>,
    key: &'static str,
    values: &[Decimal],
    whose: &str,
) -> bool {
    let total = values
        .iter()
        .try_fold(Decimal::ZERO, |total, value| total.checked_add(*value));
    if total.is_none() {
        let over = if key == "quantity" {
            "cohorts"
        } else {
            "years"
        };
        let what = format!(
            "the `{key}` of {whose}, added up over its {} {over},",
            values.len()
        );
        let span = r.spans.of(key);
        r.report(too_large(span, what));
    }
    total.is_some()
}

fn stakeholder_ref(
    r: &mut TableReader<'_, '_, '_>,
    read: &mut FieldValues,
) -> Option<StakeholderRef> {
    let id = read.text("stakeholder")?;
    Some(StakeholderRef {
        id,
        span: r.spans.of("stakeholder"),
    })
}

fn check_additive_sum(
    r: &mut TableReader<'_, '_, '_>,
    conventions: &Conventions,
    rates: [Decimal; 3],
) {
    let sum: Decimal = rates.iter().sum();
    if conventions.deductions != Deductions::Additive || sum <= Decimal::ONE {
        return;
    }
    let percent = |d: Decimal| format!("{}%", (d * Decimal::ONE_HUNDRED).normalize());
    let message = format!(
        "deadweight, displacement and attribution add up to {} ({} + {} + {}), more than 100% under additive deductions",
        percent(sum),
        percent(rates[0]),
        percent(rates[1]),
        percent(rates[2])
    );
    let span = r.spans.table.clone();
    r.report(
        Diagnostic::new(ErrorCode::OverDeducted, span, message).with_hint(
            "lower one of them, or set deductions = \"multiplicative\" in [conventions]",
        ),
    );
}

/// The entries of one array of tables, as the reader visits them: already
/// parsed with the whole file, or parsed one at a time from their sections.
enum Entries<'t, 'i> {
    Parsed(Vec<(Span, &'t DeTable<'i>)>),
    Sections {
        key: &'static str,
        /// Within the entries limit: beyond it, as when parsed whole, none is read.
        within_limit: bool,
    },
}

impl<'t, 'i> Entries<'t, 'i> {
    fn of(root: &mut TableReader<'t, '_, 'i>, document: &Document<'i>, key: &'static str) -> Self {
        let parsed = root.tables(key);
        if !document.is_sectioned() {
            return Entries::Parsed(parsed);
        }
        let count = document.count(key);
        let within_limit = count <= root.limits.max_entries;
        if !within_limit {
            let span = root.spans.of(key);
            let limit = root.limits.max_entries;
            root.report(too_many_entries(key, count, span, limit));
        }
        Entries::Sections { key, within_limit }
    }

    /// Each entry to be read, with its header's span.
    fn each(&self, document: &Document<'i>, mut read: impl FnMut(&Span, &DeTable<'i>)) {
        self.visit(document, |span, table, within_limit| {
            if within_limit {
                read(span, table);
            }
        });
    }

    /// Each entry written, and whether it is to be read.
    fn visit(&self, document: &Document<'i>, mut visit: impl FnMut(&Span, &DeTable<'i>, bool)) {
        match self {
            Entries::Parsed(tables) => {
                for (span, table) in tables {
                    visit(span, table, true);
                }
            }
            Entries::Sections { key, within_limit } => {
                document.each_entry(key, |span, table| visit(span, table, *within_limit));
            }
        }
    }
}

/// An entry's `id` as written, valid or not, kept past the entry's table.
fn written_id<'i>(table: &DeTable<'i>) -> Option<Cow<'i, str>> {
    match table.get("id")?.get_ref() {
        DeValue::String(id) => Some(id.clone()),
        _ => None,
    }
}

/// The id of each `[[outcomes]]` entry as written, valid or not.
fn outcome_tables<'d>(document: &'d DeTable<'_>) -> Vec<Option<Cow<'d, str>>> {
    let Some(outcomes) = document
        .get("outcomes")
        .and_then(|v| v.get_ref().as_array())
    else {
        return Vec::new();
    };
    outcomes
        .iter()
        .map(|item| {
            let table = item.get_ref().as_table()?;
            table.get("id")?.get_ref().as_str().map(Cow::Borrowed)
        })
        .collect()
}

/// "outcome `isolation`", or "an [[outcomes]] entry" when the id is unusable.
fn entry_name(kind: &str, table: &DeTable<'_>, id_key: &str) -> String {
    match table.get(id_key).and_then(|v| v.get_ref().as_str()) {
        Some(id) if id.len() <= 64 => format!("{kind} `{id}`"),
        _ => format!("a [[{kind}s]] entry"),
    }
}
