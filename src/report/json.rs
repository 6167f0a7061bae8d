//! JSON exactly as spec section 3. Money and ratios are JSON numbers written
//! from the rounded decimal's own text (`108380.59`, `0.00`), never through a
//! binary float, so what a machine reads is what a person sees in the table.
//!
//! Every JSON document `sroi` writes goes through [`pretty`] or [`string`],
//! which escape every control character in a string, DEL and C1 included.

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
        Self::from_text(round(value, places).to_string())
    }

    /// The decimal as it is, without rounding (rates as the analyst wrote them).
    pub fn exact(value: Decimal) -> Self {
        Self::from_text(value.normalize().to_string())
    }

    /// A decimal's text is always a JSON number (digits, a point, a sign); a
    /// `null` in its place would pass for a missing figure, so a failure here
    /// is a bug to stop at, not to hide.
    fn from_text(text: String) -> Self {
        Number(RawValue::from_string(text).expect("a decimal's text is a valid JSON number"))
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
    /// The scenario the figures are of (spec section 6); absent for the
    /// model as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    scenario: Option<ScenarioJson<'m>>,
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
    /// Figures not as exact as they are shown (see `precision`); a key added
    /// to the spec's, present only when there is something to say.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    precision_notes: Vec<String>,
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
    /// What the model was rebuilt from, when it is a reconstruction rather
    /// than the assured analysis.
    #[serde(skip_serializing_if = "Option::is_none")]
    reconstruction: Option<&'m str>,
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
                reconstruction: analysis.reconstruction.as_deref(),
            },
            scenario: ScenarioJson::of(analysis.scenario.as_ref()),
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
            precision_notes: super::precision::notes(model, results),
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

/// `"scenario": {…},` and `"reconstruction": "…",` lines for documents
/// written a line at a time (sensitivity, simulation), each only when the
/// model has it, so that every JSON output names what its figures are of.
pub fn about_lines(model: &Model) -> String {
    let mut out = String::new();
    if let Some(scenario) = ScenarioJson::of(model.analysis.scenario.as_ref()) {
        let text = serde_json::to_string(&scenario).expect("a scenario serialises to JSON");
        out.push_str(&format!("  \"scenario\": {},\n", escape_raw_controls(text)));
    }
    if let Some(from) = &model.analysis.reconstruction {
        out.push_str(&format!("  \"reconstruction\": {},\n", string(from)));
    }
    out
}

/// The whole document, pretty-printed, with a final newline.
pub fn render(model: &Model, results: &Results) -> String {
    pretty(&Document::new(model, results))
}

/// A document pretty-printed with a final newline, as every JSON output is.
pub fn pretty(document: &impl Serialize) -> String {
    // Every field is a string, a bool, a number or a list of them: nothing
    // that JSON cannot hold, so serialising cannot fail. `{"error": …}` on
    // standard output with exit 0 would pass for a result.
    let text = serde_json::to_string_pretty(document).expect("the document serialises to JSON");
    let mut text = escape_raw_controls(text);
    text.push('\n');
    text
}

/// One JSON string, for documents written a line at a time.
pub fn string(text: &str) -> String {
    escape_raw_controls(serde_json::to_string(text).expect("a string serialises to JSON"))
}

/// serde_json escapes the C0 controls (`\u001b`) but writes DEL and the C1
/// controls raw: valid JSON, which a terminal showing it may still obey
/// (U+009B is ESC `[` to some). Written as `\u007f` they read back the same.
/// Outside its strings serde_json's text is ASCII with no control character
/// but the pretty layout's line feeds, so every other one is in a string.
fn escape_raw_controls(json: String) -> String {
    let raw = |c: char| c.is_control() && c != '\n';
    if !json.contains(raw) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if raw(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// The scenario a model is shown under, as `sroi calc --format json` writes it.
#[derive(Serialize)]
pub(crate) struct ScenarioJson<'m> {
    pub name: &'m str,
    pub description: Option<&'m str>,
}

impl<'m> ScenarioJson<'m> {
    pub(crate) fn of(scenario: Option<&'m crate::model::ShownScenario>) -> Option<Self> {
        scenario.map(|s| ScenarioJson {
            name: &s.name,
            description: s.description.as_deref(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_character_in_a_string_is_escaped_and_reads_back_the_same() {
        let text = "a\u{1b}b\u{7f}c\u{9b}d\u{85}\n";
        let json = string(text);
        assert_eq!(json, r#""a\u001bb\u007fc\u009bd\u0085\n""#);
        assert_eq!(
            serde_json::from_str::<String>(&json).ok().as_deref(),
            Some(text)
        );
        let document = pretty(&serde_json::json!({ "name": text }));
        assert!(!document.contains(|c: char| c.is_control() && c != '\n'));
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&document).ok(),
            Some(serde_json::json!({ "name": text }))
        );
    }

    #[test]
    fn every_decimal_rounds_to_a_json_number_so_the_expectation_holds() {
        // The extremes of the type: its largest and smallest values, its
        // smallest step (10^-28) and a negative zero. Each must come out as
        // a JSON number, never the `null` a fallback would have written.
        let tiny = Decimal::new(1, 28);
        for value in [
            Decimal::MAX,
            Decimal::MIN,
            tiny,
            -tiny,
            Decimal::NEGATIVE_ONE * Decimal::ZERO,
        ] {
            for number in [
                Number::money(value),
                Number::ratio(value),
                Number::exact(value),
            ] {
                let text = serde_json::to_string(&number).expect("serialises");
                let parsed: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
                assert!(parsed.is_number(), "{value}: {text}");
            }
        }
    }
}
