//! The comparison as one JSON object. Figures are JSON numbers rounded as in
//! `sroi calc --format json` (money to the penny, ratios, shares and averages
//! to 4 places) and keyed the same way, so a program that reads one reads
//! the other. A figure a model does not have (no payback) is `null`.

use serde::Serialize;

use crate::compare::{
    ComparedModel, Comparison, Convention, Deduction, DeductionGap, Figure, FigureKind, Matched,
    OutcomeFigures, Presence, StakeholderFigures,
};
use crate::model::Conventions;
use crate::report::json::{ConventionsJson, Number, ScenarioJson};

#[derive(Serialize)]
struct Document<'c, Outcomes: Serialize> {
    models: Vec<ModelJson<'c>>,
    /// Like for like: the arithmetic is comparable and the assumptions are
    /// the same. Matching conventions alone never make this true.
    comparable: bool,
    /// The same conventions (or `--same-conventions`) and one currency.
    arithmetic_comparable: bool,
    assumptions_differ: bool,
    assumptions: AssumptionsJson<'c>,
    convention_differences: Vec<ConventionDifference>,
    currencies_differ: bool,
    /// The path of the model whose conventions every figure uses, when
    /// `--same-conventions` asked for one set; otherwise `null`.
    recomputed_under: Option<&'c str>,
    differences: Vec<DifferencesJson<'c>>,
    stakeholders: Vec<RowJson<'c, StakeholderJson<'c>>>,
    /// Serialised as it is produced: a model may have 100,000 outcomes.
    outcomes: Outcomes,
}

/// A list serialised one item at a time, as `make` produces them, rather
/// than collected first.
struct Each<F>(F);

impl<F, I> Serialize for Each<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

#[derive(Serialize)]
struct ModelJson<'c> {
    path: &'c str,
    name: &'c str,
    /// The scenario shown, or `null` for the model as written.
    scenario: Option<ScenarioJson<'c>>,
    /// What the model was rebuilt from, when it is a reconstruction rather
    /// than the assured analysis; `null` otherwise.
    reconstruction: Option<&'c str>,
    currency: &'c str,
    conventions: ConventionsJson,
    inputs: Option<Number>,
    present_value: Option<Number>,
    net_present_value: Option<Number>,
    ratio: Option<Number>,
    net_ratio: Option<Number>,
    payback_months: Option<Number>,
    weighted_deductions: DeductionsJson,
}

#[derive(Serialize)]
struct AssumptionsJson<'c> {
    /// Outcome ids every model values.
    shared_outcomes: &'c [String],
    /// Outcome ids some model does not value.
    unshared_outcomes: &'c [String],
    /// Shared outcome ids valued with other quantities, proxies, deductions,
    /// drop-off, duration or start year than in the first model.
    revalued_outcomes: &'c [String],
    /// For each later model, why each weighted deduction differs from the
    /// first's: `null` (it does not), "mix_only" (every shared outcome has the
    /// same rate) or "rates".
    deduction_differences: Vec<GapsJson<'c>>,
}

#[derive(Serialize)]
struct GapsJson<'c> {
    path: &'c str,
    deadweight: Option<&'static str>,
    displacement: Option<&'static str>,
    attribution: Option<&'static str>,
    drop_off: Option<&'static str>,
}

#[derive(Serialize)]
struct DeductionsJson {
    deadweight: Option<Number>,
    displacement: Option<Number>,
    attribution: Option<Number>,
    drop_off: Option<Number>,
}

#[derive(Serialize)]
struct ConventionDifference {
    convention: &'static str,
    /// Each model's value, in model order.
    values: Vec<ConventionValue>,
}

/// A convention's value as `sroi calc` writes it: a number, a name or a flag.
#[derive(Serialize)]
#[serde(untagged)]
enum ConventionValue {
    Number(Number),
    Name(String),
    Flag(bool),
}

/// Model `path` against the first model, `base`: each figure's change and
/// relative change, or `null` where either model lacks the figure.
#[derive(Serialize)]
struct DifferencesJson<'c> {
    path: &'c str,
    base: &'c str,
    inputs: Option<ChangeJson>,
    present_value: Option<ChangeJson>,
    net_present_value: Option<ChangeJson>,
    ratio: Option<ChangeJson>,
    net_ratio: Option<ChangeJson>,
    payback_months: Option<ChangeJson>,
}

#[derive(Serialize)]
struct ChangeJson {
    change: Number,
    relative: Option<Number>,
}

#[derive(Serialize)]
struct RowJson<'c, T> {
    id: &'c str,
    only_in: Option<&'c str>,
    missing_from: Vec<&'c str>,
    models: Vec<Option<T>>,
}

#[derive(Serialize)]
struct StakeholderJson<'c> {
    name: &'c str,
    present_value: Number,
    share: Number,
    inputs: Number,
}

#[derive(Serialize)]
struct OutcomeJson<'c> {
    stakeholder: &'c str,
    present_value: Number,
    share: Number,
    net_of_deductions: Number,
    deadweight: Number,
    displacement: Number,
    attribution: Number,
    drop_off: Number,
    duration: u32,
}

/// The whole document as text.
pub fn render(c: &Comparison) -> String {
    let mut out = Vec::new();
    write(c, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Write the document to `out` as it is produced.
pub fn write(c: &Comparison, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let base = c.models.first().map_or("", |m| m.path.as_str());
    let document = Document {
        models: c.models.iter().map(model).collect(),
        comparable: c.like_for_like(),
        arithmetic_comparable: c.comparable(),
        assumptions_differ: c.assumptions.differ(),
        assumptions: assumptions(c),
        convention_differences: c
            .convention_differences
            .iter()
            .map(|&convention| ConventionDifference {
                convention: convention.key(),
                values: c
                    .models
                    .iter()
                    .map(|m| convention_value(convention, &m.conventions))
                    .collect(),
            })
            .collect(),
        currencies_differ: c.currencies_differ,
        recomputed_under: c.same_conventions.then_some(base),
        differences: (1..c.models.len())
            .map(|i| differences(c, i, base))
            .collect(),
        stakeholders: c
            .stakeholders
            .iter()
            .map(|row| matched(c, row, stakeholder))
            .collect(),
        outcomes: Each(|| c.outcomes.iter().map(|row| matched(c, row, outcome))),
    };
    crate::report::json::write_pretty(&document, out)
}

fn model(m: &ComparedModel) -> ModelJson<'_> {
    let figure = |f: Figure| m.headline.get(f).map(|v| rounded(f.kind(), v));
    let average = |d: Deduction| m.deductions.get(d).map(Number::ratio);
    ModelJson {
        path: &m.path,
        name: &m.name,
        scenario: ScenarioJson::of(m.scenario.as_ref()),
        reconstruction: m.reconstruction.as_deref(),
        currency: &m.currency,
        conventions: ConventionsJson::new(&m.conventions),
        inputs: figure(Figure::Inputs),
        present_value: figure(Figure::PresentValue),
        net_present_value: figure(Figure::NetPresentValue),
        ratio: figure(Figure::Ratio),
        net_ratio: figure(Figure::NetRatio),
        payback_months: figure(Figure::PaybackMonths),
        weighted_deductions: DeductionsJson {
            deadweight: average(Deduction::Deadweight),
            displacement: average(Deduction::Displacement),
            attribution: average(Deduction::Attribution),
            drop_off: average(Deduction::DropOff),
        },
    }
}

fn assumptions(c: &Comparison) -> AssumptionsJson<'_> {
    let a = &c.assumptions;
    let gap = |i: usize, d: Deduction| match a.gap(i, d) {
        DeductionGap::None => None,
        DeductionGap::MixOnly => Some("mix_only"),
        DeductionGap::Rates => Some("rates"),
    };
    AssumptionsJson {
        shared_outcomes: &a.shared,
        unshared_outcomes: &a.unshared,
        revalued_outcomes: &a.revalued,
        deduction_differences: (1..c.models.len())
            .map(|i| GapsJson {
                path: &c.models[i].path,
                deadweight: gap(i, Deduction::Deadweight),
                displacement: gap(i, Deduction::Displacement),
                attribution: gap(i, Deduction::Attribution),
                drop_off: gap(i, Deduction::DropOff),
            })
            .collect(),
    }
}

fn differences<'c>(c: &'c Comparison, i: usize, base: &'c str) -> DifferencesJson<'c> {
    let change = |f: Figure| {
        c.difference(i, f).map(|d| ChangeJson {
            change: rounded(f.kind(), d.change),
            relative: d.relative.map(Number::ratio),
        })
    };
    DifferencesJson {
        path: &c.models[i].path,
        base,
        inputs: change(Figure::Inputs),
        present_value: change(Figure::PresentValue),
        net_present_value: change(Figure::NetPresentValue),
        ratio: change(Figure::Ratio),
        net_ratio: change(Figure::NetRatio),
        payback_months: change(Figure::PaybackMonths),
    }
}

fn matched<'c, T, J>(
    c: &'c Comparison,
    row: &'c Matched<T>,
    to_json: impl Fn(&'c T) -> J,
) -> RowJson<'c, J> {
    let path = |i: usize| c.models[i].path.as_str();
    let presence = row.presence();
    RowJson {
        id: &row.id,
        only_in: match presence {
            Presence::Only(i) => Some(path(i)),
            _ => None,
        },
        missing_from: match presence {
            Presence::All => Vec::new(),
            Presence::Only(only) => (0..c.models.len())
                .filter(|&i| i != only)
                .map(path)
                .collect(),
            Presence::MissingFrom(missing) => missing.into_iter().map(path).collect(),
        },
        models: row
            .per_model
            .iter()
            .map(|f| f.as_ref().map(&to_json))
            .collect(),
    }
}

fn stakeholder(f: &StakeholderFigures) -> StakeholderJson<'_> {
    StakeholderJson {
        name: &f.name,
        present_value: Number::money(f.present_value),
        share: Number::ratio(f.share),
        inputs: Number::money(f.inputs),
    }
}

fn outcome(f: &OutcomeFigures) -> OutcomeJson<'_> {
    OutcomeJson {
        stakeholder: &f.stakeholder,
        present_value: Number::money(f.present_value),
        share: Number::ratio(f.share),
        net_of_deductions: Number::ratio(f.net_of_deductions),
        deadweight: Number::exact(f.deadweight),
        displacement: Number::exact(f.displacement),
        attribution: Number::exact(f.attribution),
        drop_off: Number::exact(f.drop_off),
        duration: f.duration,
    }
}

fn convention_value(convention: Convention, conventions: &Conventions) -> ConventionValue {
    match convention {
        Convention::DiscountRate => {
            ConventionValue::Number(Number::exact(conventions.discount_rate))
        }
        Convention::DiscountFirstYear => ConventionValue::Flag(conventions.discount_first_year),
        Convention::InputsDiscounted => ConventionValue::Flag(conventions.inputs_discounted),
        Convention::Schedule | Convention::Deductions => {
            ConventionValue::Name(convention.value(conventions))
        }
    }
}

/// Money and months to the penny, ratios to 4 places, as `sroi calc` rounds them.
fn rounded(kind: FigureKind, value: rust_decimal::Decimal) -> Number {
    match kind {
        FigureKind::Ratio => Number::ratio(value),
        FigureKind::Money | FigureKind::Months => Number::money(value),
    }
}
