//! What a person reads: the results laid out as titled sections of rows, with
//! every figure already formatted. The terminal table and Markdown draw this
//! same view as a page (`View::page`), so the two can never show different
//! figures; HTML draws the view its own way.

use rust_decimal::Decimal;

pub use super::table::Align;

use super::page::{Block, Page, Table};
use super::text;
use crate::calc::{Results, net_of_deductions};
use crate::model::{Model, Outcome};

/// Width of the distribution bar, in terminal cells.
const BAR_WIDTH: usize = 24;

#[derive(Debug, Clone)]
pub struct Section {
    pub title: &'static str,
    pub columns: Vec<(&'static str, Align)>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct View {
    pub title: String,
    /// Organisation, kind and period, when given.
    pub subtitle: String,
    /// What the figures are of, when it is not simply the model as written
    /// by its authors: a scenario of it, a reconstruction of an analysis.
    pub about: Vec<String>,
    /// "£3.64 of social value for every £1 invested".
    pub headline: String,
    pub sections: Vec<Section>,
}

impl View {
    pub fn new(model: &Model, results: &Results) -> Self {
        let analysis = &model.analysis;
        let subtitle = [
            analysis.organisation.clone(),
            Some(analysis.kind.as_str().to_owned()),
            analysis.period.clone(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
        let mut sections = vec![headline(model, results)];
        sections.extend(published(model, results));
        sections.extend([
            distribution(model, results),
            outcomes(model, results),
            years(model, results),
            conventions(model),
        ]);
        sections.extend(precision(model, results));
        View {
            title: analysis.title(),
            subtitle,
            about: about(model),
            headline: text::headline(results.ratio, &analysis.currency),
            sections,
        }
    }
}

/// The lines that say what the figures are of: the scenario applied, and
/// whether the model is a reconstruction rather than the assured analysis.
/// Every output of a model carries them under its title.
pub fn about(model: &Model) -> Vec<String> {
    let analysis = &model.analysis;
    let mut lines = Vec::new();
    if let Some(scenario) = &analysis.scenario {
        let mut line = format!(
            "Scenario {:?}: the model's figures with the scenario's overrides applied",
            scenario.name
        );
        if let Some(description) = &scenario.description {
            line.push_str(&format!(" ({description})"));
        }
        lines.push(line);
    }
    if let Some(from) = &analysis.reconstruction {
        lines.push(format!(
            "A reconstruction, not the assured analysis: {from}"
        ));
    }
    lines
}

impl View {
    /// The view as a page, for the terminal and Markdown.
    pub fn page(&self) -> Page {
        let mut blocks = Vec::new();
        if !self.subtitle.is_empty() {
            blocks.push(Block::Subtitle(self.subtitle.clone()));
        }
        blocks.extend(self.about.iter().cloned().map(Block::Aside));
        blocks.push(Block::Headline(self.headline.clone()));
        blocks.extend(self.sections.iter().cloned().map(Block::table));
        Page {
            title: self.title.clone(),
            blocks,
        }
    }
}

impl From<Section> for Table {
    fn from(section: Section) -> Table {
        Table {
            title: section.title.to_owned(),
            columns: section
                .columns
                .into_iter()
                .map(|(name, align)| (name.to_owned(), align))
                .collect(),
            rows: section.rows,
        }
    }
}

/// Whether the model still reproduces each figure of its assured report
/// (`[published]`), by how much and against the report's tolerance: the
/// comparison `check` holds the model to, shown to every reader.
pub(crate) fn published(model: &Model, results: &Results) -> Option<Section> {
    let published = model.published.as_ref()?;
    let currency = &model.analysis.currency;
    let tolerance = text::rate(published.tolerance);
    let rows: Vec<Vec<String>> = crate::check::published::figures(model, results)
        .into_iter()
        .map(|figure| {
            let label = match figure.field {
                "present_value" => "Present value",
                "inputs" => "Inputs",
                _ => "SROI ratio",
            };
            let off = figure
                .relative_gap
                .map_or_else(|| "n/a".to_owned(), |gap| text::percent(gap, 3));
            let verdict = if figure.within {
                format!("reproduced, within {tolerance}")
            } else {
                format!("not reproduced: beyond {tolerance}")
            };
            vec![
                label.to_owned(),
                figure.stated_text(currency),
                figure.computed_text(currency),
                off,
                verdict,
            ]
        })
        .collect();
    (!rows.is_empty()).then(|| Section {
        title: "Published figures",
        columns: vec![
            ("Figure", Align::Left),
            ("Published", Align::Right),
            ("This model", Align::Right),
            ("Off by", Align::Right),
            ("Verdict", Align::Left),
        ],
        rows,
    })
}

/// Figures that are not as exact as they are shown, when there are any.
fn precision(model: &Model, results: &Results) -> Option<Section> {
    let notes = super::precision::notes(model, results);
    (!notes.is_empty()).then(|| Section {
        title: "Precision",
        columns: vec![("Note", Align::Left)],
        rows: notes.into_iter().map(|note| vec![note]).collect(),
    })
}

pub(crate) fn headline(model: &Model, results: &Results) -> Section {
    let money = |value| text::money(value, &model.analysis.currency);
    let inputs_label = if model.conventions.inputs_discounted {
        "Inputs (discounted)"
    } else {
        "Inputs"
    };
    let payback = results.payback_months.map_or_else(
        || "none: no value in year 1".to_owned(),
        |months| format!("{} months", crate::number::round(months, 2)),
    );
    let rows = [
        (inputs_label, money(results.inputs_total)),
        ("Present value", money(results.present_value)),
        ("Net present value", money(results.net_present_value)),
        (
            "SROI ratio",
            format!("{} : 1", text::ratio(Some(results.ratio))),
        ),
        ("Net SROI ratio", text::ratio(Some(results.net_ratio))),
        ("Payback", payback),
    ];
    Section {
        title: "Headline",
        columns: vec![("Figure", Align::Left), ("Value", Align::Right)],
        rows: rows
            .into_iter()
            .map(|(label, value)| vec![label.to_owned(), value])
            .collect(),
    }
}

/// The social value distribution: who receives the value, largest first.
pub(crate) fn distribution(model: &Model, results: &Results) -> Section {
    let mut order: Vec<usize> = (0..model.stakeholders.len()).collect();
    order.sort_by(|&a, &b| {
        let (a_value, b_value) = (
            results.stakeholders[a].present_value,
            results.stakeholders[b].present_value,
        );
        b_value.cmp(&a_value).then(a.cmp(&b))
    });
    let rows = order
        .into_iter()
        .map(|index| {
            let stakeholder = &model.stakeholders[index];
            let result = &results.stakeholders[index];
            vec![
                stakeholder.name.clone(),
                text::money(result.inputs, &model.analysis.currency),
                text::money(result.present_value, &model.analysis.currency),
                per(
                    result.present_value,
                    stakeholder.size,
                    &model.analysis.currency,
                ),
                text::percent(result.share, 2),
                text::bar(result.share, BAR_WIDTH),
            ]
        })
        .collect();
    Section {
        title: "Social value by stakeholder",
        columns: vec![
            ("Stakeholder", Align::Left),
            ("Inputs", Align::Right),
            ("Present value", Align::Right),
            ("Per person", Align::Right),
            ("Share", Align::Right),
            ("Share, drawn", Align::Left),
        ],
        rows,
    }
}

fn outcomes(model: &Model, results: &Results) -> Section {
    let rows = model
        .outcomes
        .iter()
        .zip(&results.outcomes)
        .map(|(outcome, result)| {
            let share = result
                .present_value
                .checked_div(results.present_value)
                .unwrap_or(Decimal::ZERO);
            vec![
                super::names::outcome(outcome.description.as_deref(), &outcome.id),
                model.stakeholders[outcome.stakeholder].name.clone(),
                quantities(outcome),
                text::money(outcome.proxy, &model.analysis.currency),
                text::percent(net_of_deductions(outcome, model.conventions.deductions), 2),
                text::rate(outcome.drop_off),
                years_active(outcome),
                text::money(result.present_value, &model.analysis.currency),
                per(
                    result.present_value,
                    Some(outcome.quantities.iter().sum()),
                    &model.analysis.currency,
                ),
                text::percent(share, 2),
            ]
        })
        .collect();
    Section {
        title: "Value by outcome",
        columns: vec![
            ("Outcome", Align::Left),
            ("Stakeholder", Align::Left),
            ("Quantity", Align::Right),
            ("Proxy", Align::Right),
            ("Net of deductions", Align::Right),
            ("Drop-off", Align::Right),
            ("Years", Align::Right),
            ("Present value", Align::Right),
            ("Per unit", Align::Right),
            ("Share", Align::Right),
        ],
        rows,
    }
}

/// A value shared over `count` people or units, to the penny; "—" when the
/// model does not say how many there are (or says none).
fn per(value: Decimal, count: Option<Decimal>, currency: &str) -> String {
    count
        .filter(|count| !count.is_zero())
        .and_then(|count| value.checked_div(count))
        .map_or_else(|| "—".to_owned(), |each| text::money(each, currency))
}

/// "40" for one cohort, "40, 45, 50" for one per year.
pub(crate) fn quantities(outcome: &Outcome) -> String {
    outcome
        .quantities
        .iter()
        .map(|q| text::number(*q))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The span of years in which the outcome has value: "1–3".
pub(crate) fn years_active(outcome: &Outcome) -> String {
    if outcome.start_year == outcome.last_year() {
        outcome.start_year.to_string()
    } else {
        format!("{}–{}", outcome.start_year, outcome.last_year())
    }
}

pub(crate) fn years(model: &Model, results: &Results) -> Section {
    let currency = &model.analysis.currency;
    let rows = results
        .years
        .iter()
        .map(|year| {
            let inputs = results
                .inputs_by_year
                .get(year.year as usize - 1)
                .copied()
                .unwrap_or(Decimal::ZERO);
            vec![
                year.year.to_string(),
                text::money(inputs, currency),
                text::money(year.value, currency),
                crate::number::round(year.discount_factor, 6).to_string(),
                text::money(year.present_value, currency),
            ]
        })
        .collect();
    Section {
        title: "Value by year",
        columns: vec![
            ("Year", Align::Right),
            ("Inputs", Align::Right),
            ("Value", Align::Right),
            ("Discount factor", Align::Right),
            ("Present value", Align::Right),
        ],
        rows,
    }
}

pub(crate) fn conventions(model: &Model) -> Section {
    let c = &model.conventions;
    let rate = match c.schedule {
        crate::model::Schedule::Flat => format!("{} a year, flat", text::rate(c.discount_rate)),
        crate::model::Schedule::GreenBook => {
            "Green Book declining schedule (3.5% to 1.0%)".to_owned()
        }
        crate::model::Schedule::GreenBookHealth => {
            "Green Book health schedule (1.5% to 0.43%)".to_owned()
        }
    };
    let first_year = if c.discount_first_year {
        "discounted once (SROI Guide)"
    } else {
        "not discounted: year 1 is year 0 (Green Book)"
    };
    let inputs = if c.inputs_discounted {
        "discounted like benefits"
    } else {
        "at face value (value map)"
    };
    let deductions = match c.deductions {
        crate::model::Deductions::Multiplicative => {
            "multiplicative: (1 − deadweight)(1 − displacement)(1 − attribution)"
        }
        crate::model::Deductions::Additive => {
            "additive: 1 − deadweight − displacement − attribution"
        }
    };
    let rows = [
        ("Discount rate", rate),
        ("Year 1", first_year.to_owned()),
        ("Inputs", inputs.to_owned()),
        ("Deductions", deductions.to_owned()),
        ("Drop-off", "from the second year of each cohort".to_owned()),
    ];
    Section {
        title: "Conventions",
        columns: vec![("Convention", Align::Left), ("Used", Align::Left)],
        rows: rows
            .into_iter()
            .map(|(k, v)| vec![k.to_owned(), v])
            .collect(),
    }
}
