//! JSON exactly as spec section 3. Money and ratios are JSON numbers written
//! from the rounded decimal's own text (`108380.59`, `0.00`), never through a
//! binary float, so what a machine reads is what a person sees in the table.

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::value::RawValue;

use crate::calc::Results;
use crate::model::Model;
use crate::number::round;

/// A decimal rounded half away from zero to a fixed number of places and
/// serialised as a JSON number.
#[derive(Debug, Clone)]
pub struct Number(Box<RawValue>);

impl Number {
    pub fn rounded(value: Decimal, places: u32) -> Self {
        let text = round(value, places).to_string();
        // A rounded decimal's text is always a valid JSON number; the null
        // fallback is unreachable but keeps this path free of panics.
        Number(RawValue::from_string(text).unwrap_or_default())
    }

    /// The decimal as it is, without rounding (rates as the analyst wrote them).
    pub fn exact(value: Decimal) -> Self {
        Number(RawValue::from_string(value.normalize().to_string()).unwrap_or_default())
    }

    pub fn money(value: Decimal) -> Self {
        Self::rounded(value, 2)
    }

    pub fn ratio(value: Decimal) -> Self {
        Self::rounded(value, 4)
    }
}

impl Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

#[derive(Serialize)]
pub struct Document<'m> {
    analysis: AnalysisJson<'m>,
    conventions: ConventionsJson,
    inputs: InputsJson<'m>,
    outcomes: Vec<OutcomeJson<'m>>,
    stakeholders: Vec<StakeholderJson<'m>>,
    years: Vec<YearJson>,
    present_value: Number,
    net_present_value: Number,
    ratio: Option<Number>,
    net_ratio: Option<Number>,
    payback_months: Option<Number>,
}

#[derive(Serialize)]
struct AnalysisJson<'m> {
    name: &'m str,
    #[serde(skip_serializing_if = "Option::is_none")]
    organisation: Option<&'m str>,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<&'m str>,
    currency: &'m str,
}

#[derive(Serialize)]
pub(crate) struct ConventionsJson {
    discount_rate: Number,
    schedule: &'static str,
    discount_first_year: bool,
    inputs_discounted: bool,
    deductions: &'static str,
}

#[derive(Serialize)]
struct InputsJson<'m> {
    total: Number,
    face_value: Number,
    by_stakeholder: Vec<StakeholderTotal<'m>>,
    by_year: Vec<Number>,
}

#[derive(Serialize)]
struct StakeholderTotal<'m> {
    id: &'m str,
    total: Number,
}

#[derive(Serialize)]
struct OutcomeJson<'m> {
    id: &'m str,
    stakeholder: &'m str,
    values: Vec<Number>,
    present_value: Number,
}

#[derive(Serialize)]
struct StakeholderJson<'m> {
    id: &'m str,
    name: &'m str,
    present_value: Number,
    share: Number,
}

#[derive(Serialize)]
struct YearJson {
    year: u32,
    value: Number,
    present_value: Number,
}

impl<'m> Document<'m> {
    pub fn new(model: &'m Model, results: &Results) -> Self {
        let analysis = &model.analysis;
        Document {
            analysis: AnalysisJson {
                name: &analysis.name,
                organisation: analysis.organisation.as_deref(),
                kind: analysis.kind.as_str(),
                period: analysis.period.as_deref(),
                currency: &analysis.currency,
            },
            conventions: ConventionsJson::new(&model.conventions),
            inputs: inputs(model, results),
            outcomes: model
                .outcomes
                .iter()
                .zip(&results.outcomes)
                .map(|(outcome, result)| OutcomeJson {
                    id: &outcome.id,
                    stakeholder: &model.stakeholders[outcome.stakeholder].id,
                    values: result.values.iter().copied().map(Number::money).collect(),
                    present_value: Number::money(result.present_value),
                })
                .collect(),
            stakeholders: model
                .stakeholders
                .iter()
                .zip(&results.stakeholders)
                .map(|(stakeholder, result)| StakeholderJson {
                    id: &stakeholder.id,
                    name: &stakeholder.name,
                    present_value: Number::money(result.present_value),
                    share: Number::ratio(result.share),
                })
                .collect(),
            years: results
                .years
                .iter()
                .map(|year| YearJson {
                    year: year.year,
                    value: Number::money(year.value),
                    present_value: Number::money(year.present_value),
                })
                .collect(),
            present_value: Number::money(results.present_value),
            net_present_value: Number::money(results.net_present_value),
            ratio: Some(Number::ratio(results.ratio)),
            net_ratio: Some(Number::ratio(results.net_ratio)),
            payback_months: results.payback_months.map(Number::money),
        }
    }
}

impl ConventionsJson {
    pub(crate) fn new(conventions: &crate::model::Conventions) -> Self {
        ConventionsJson {
            // The rate as written: 3.5% is 0.035, with no rounding.
            discount_rate: Number::exact(conventions.discount_rate),
            schedule: conventions.schedule.as_str(),
            discount_first_year: conventions.discount_first_year,
            inputs_discounted: conventions.inputs_discounted,
            deductions: conventions.deductions.as_str(),
        }
    }
}

fn inputs<'m>(model: &'m Model, results: &Results) -> InputsJson<'m> {
    let by_stakeholder = model
        .stakeholders
        .iter()
        .zip(&results.stakeholders)
        .enumerate()
        .filter(|(index, _)| model.inputs.iter().any(|input| input.stakeholder == *index))
        .map(|(_, (stakeholder, result))| StakeholderTotal {
            id: &stakeholder.id,
            total: Number::money(result.inputs),
        })
        .collect();
    InputsJson {
        total: Number::money(results.inputs_total),
        face_value: Number::money(results.inputs_face_value),
        by_stakeholder,
        by_year: results
            .inputs_by_year
            .iter()
            .copied()
            .map(Number::money)
            .collect(),
    }
}

/// The whole document, pretty-printed, with a final newline.
pub fn render(model: &Model, results: &Results) -> String {
    let mut text = serde_json::to_string_pretty(&Document::new(model, results))
        .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"));
    text.push('\n');
    text
}
