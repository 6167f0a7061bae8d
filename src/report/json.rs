//! JSON exactly as spec section 3. Money and ratios are JSON numbers written
//! from the rounded decimal's own text (`108380.59`, `0.00`), never through a
//! binary float, so what a machine reads is what a person sees in the table.
//!
//! Every JSON document `sroi` writes goes through [`pretty`] or [`string`],
//! which escape every control character in a string, DEL and C1 included.

use std::io::{self, Write};

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

/// The document of spec section 3, serialised as it is written: each outcome,
/// stakeholder and year becomes JSON when its turn comes, so a model of a
/// hundred thousand outcomes is never held twice, as figures and as text.
pub struct Document<'m> {
    model: &'m Model,
    results: &'m Results,
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
struct OutcomeJson<'m, V: Serialize> {
    id: &'m str,
    stakeholder: &'m str,
    values: V,
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
    pub fn new(model: &'m Model, results: &'m Results) -> Self {
        Document { model, results }
    }
}

impl Serialize for Document<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let Document { model, results } = *self;
        let analysis = &model.analysis;
        let notes = super::precision::notes(model, results);
        let scenario = ScenarioJson::of(analysis.scenario.as_ref());
        let fields = 11 + usize::from(!notes.is_empty()) + usize::from(scenario.is_some());
        let mut document = serializer.serialize_struct("Document", fields)?;
        document.serialize_field(
            "analysis",
            &AnalysisJson {
                name: &analysis.name,
                organisation: analysis.organisation.as_deref(),
                kind: analysis.kind.as_str(),
                period: analysis.period.as_deref(),
                currency: &analysis.currency,
                reconstruction: analysis.reconstruction.as_deref(),
            },
        )?;
        // The scenario the figures are of (spec section 6); absent for the
        // model as written.
        if let Some(scenario) = &scenario {
            document.serialize_field("scenario", scenario)?;
        }
        document.serialize_field("conventions", &ConventionsJson::new(&model.conventions))?;
        document.serialize_field("inputs", &inputs(model, results))?;
        document.serialize_field(
            "outcomes",
            &Lazy(|| {
                model
                    .outcomes
                    .iter()
                    .zip(&results.outcomes)
                    .map(|(outcome, result)| OutcomeJson {
                        id: &outcome.id,
                        stakeholder: &model.stakeholders[outcome.stakeholder].id,
                        values: Lazy(|| result.values.iter().copied().map(Number::money)),
                        present_value: Number::money(result.present_value),
                    })
            }),
        )?;
        document.serialize_field(
            "stakeholders",
            &Lazy(|| {
                model
                    .stakeholders
                    .iter()
                    .zip(&results.stakeholders)
                    .map(|(stakeholder, result)| StakeholderJson {
                        id: &stakeholder.id,
                        name: &stakeholder.name,
                        present_value: Number::money(result.present_value),
                        share: Number::ratio(result.share),
                    })
            }),
        )?;
        document.serialize_field(
            "years",
            &Lazy(|| {
                results.years.iter().map(|year| YearJson {
                    year: year.year,
                    value: Number::money(year.value),
                    present_value: Number::money(year.present_value),
                })
            }),
        )?;
        document.serialize_field("present_value", &Number::money(results.present_value))?;
        document.serialize_field(
            "net_present_value",
            &Number::money(results.net_present_value),
        )?;
        document.serialize_field("ratio", &Some(Number::ratio(results.ratio)))?;
        document.serialize_field("net_ratio", &Some(Number::ratio(results.net_ratio)))?;
        document.serialize_field("payback_months", &results.payback_months.map(Number::money))?;
        // A key added to the spec's, present only when there is something to say.
        if !notes.is_empty() {
            document.serialize_field("precision_notes", &notes)?;
        }
        document.end()
    }
}

/// A list serialised item by item as `items` yields them, never collected.
struct Lazy<F>(F);

impl<F, I> Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: IntoIterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
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
    // Marked in one pass over the inputs, not searched for each stakeholder.
    let mut puts_in = vec![false; model.stakeholders.len()];
    for input in &model.inputs {
        puts_in[input.stakeholder] = true;
    }
    let by_stakeholder = model
        .stakeholders
        .iter()
        .zip(&results.stakeholders)
        .zip(puts_in)
        .filter(|(_, puts_in)| *puts_in)
        .map(|((stakeholder, result), _)| StakeholderTotal {
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

/// The whole document, pretty-printed with a final newline, written to `out`
/// as it is serialised.
pub fn write(model: &Model, results: &Results, out: &mut dyn Write) -> io::Result<()> {
    write_pretty(&Document::new(model, results), out)
}

/// A document pretty-printed with a final newline, as every JSON output is.
pub fn pretty(document: &impl Serialize) -> String {
    let mut bytes = Vec::new();
    // Writing into memory fails only where serialising does, below.
    write_pretty(document, &mut bytes).expect("the document serialises to JSON");
    // serde_json writes UTF-8, and the escaping adds only ASCII.
    String::from_utf8(bytes).expect("JSON is UTF-8")
}

/// Write a document pretty-printed with a final newline, escaping as `pretty`.
pub fn write_pretty(document: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
    let mut escaped = EscapeRawControls::new(out);
    match serde_json::to_writer_pretty(&mut escaped, document) {
        Ok(()) => {}
        Err(error) if error.is_io() => return Err(error.into()),
        // Every field is a string, a bool, a number or a list of them: nothing
        // that JSON cannot hold, so serialising cannot fail. `{"error": …}` on
        // standard output with exit 0 would pass for a result.
        Err(error) => panic!("the document serialises to JSON: {error}"),
    }
    escaped.write_all(b"\n")?;
    escaped.finish()
}

/// Writes serde_json's text on, with the escapes of `escape_raw_controls`
/// made as it passes: DEL is one byte, a C1 control two (0xC2 then 0x80 to
/// 0x9F), and a write may end between the two.
struct EscapeRawControls<'w> {
    out: &'w mut dyn Write,
    /// A 0xC2 held back until the byte after it shows what it starts.
    pending: bool,
}

impl<'w> EscapeRawControls<'w> {
    fn new(out: &'w mut dyn Write) -> Self {
        EscapeRawControls {
            out,
            pending: false,
        }
    }

    fn finish(mut self) -> io::Result<()> {
        if self.pending {
            self.out.write_all(&[0xC2])?;
            self.pending = false;
        }
        self.out.flush()
    }
}

impl Write for EscapeRawControls<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let mut rest = bytes;
        if self.pending && !rest.is_empty() {
            self.pending = false;
            if (0x80..=0x9F).contains(&rest[0]) {
                write!(self.out, "\\u{:04x}", rest[0])?;
            } else {
                self.out.write_all(&[0xC2])?;
                // The byte is looked at again below, as the start of the rest.
                self.write_all(&rest[..1])?;
            }
            rest = &rest[1..];
        }
        while let Some(at) = rest.iter().position(|&b| b == 0x7F || b == 0xC2) {
            self.out.write_all(&rest[..at])?;
            match (rest[at], rest.get(at + 1)) {
                (0x7F, _) => {
                    self.out.write_all(b"\\u007f")?;
                    rest = &rest[at + 1..];
                }
                (_, Some(&next)) if (0x80..=0x9F).contains(&next) => {
                    write!(self.out, "\\u{next:04x}")?;
                    rest = &rest[at + 2..];
                }
                (_, Some(_)) => {
                    self.out.write_all(&rest[at..at + 1])?;
                    rest = &rest[at + 1..];
                }
                (_, None) => {
                    self.pending = true;
                    rest = &[];
                }
            }
        }
        self.out.write_all(rest)?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
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
    fn a_document_written_in_pieces_is_escaped_as_the_whole_text_would_be() {
        // £ and a no-break space start with 0xC2 as the C1 controls do, and
        // must pass unchanged; U+0085 and U+009B are C1 controls.
        let document =
            serde_json::json!({ "name": "£5\u{a0}a\u{1b}b\u{7f}c\u{9b}d\u{85}", "n": 1 });
        let text = serde_json::to_string_pretty(&document).expect("serialises");
        let whole = escape_raw_controls(text.clone());
        assert!(whole.contains("£5\u{a0}a\\u001bb\\u007fc\\u009bd\\u0085"));
        let mut bytes = Vec::new();
        let mut escaped = EscapeRawControls::new(&mut bytes);
        for byte in text.as_bytes() {
            escaped
                .write_all(std::slice::from_ref(byte))
                .expect("written");
        }
        escaped.finish().expect("flushed");
        assert_eq!(String::from_utf8(bytes).ok(), Some(whole.clone()));
        assert_eq!(pretty(&document), format!("{whole}\n"));
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
