//! The JSON Schema (draft-07) of the model format, for editors: taplo and
//! Even Better TOML complete keys, check types and show each key's meaning.
//!
//! Every table's keys come from the lists the parser itself checks keys
//! against (`model::schema`), so the schema cannot offer a key the parser
//! refuses or miss one it accepts. The impact map's own tables are described
//! from the table of fields (`model::field_table`): each field's kind gives
//! its type, range and pattern, its presence whether it is required, and its
//! help the description; the limits come from `Limits`.

mod values;

use serde_json::{Map, Value, json};

use self::values::described;
use crate::diagnostic::lint::{LINTS, Severity};
use crate::model::field_table::{self, Field, Kind};
use crate::model::schema::{
    self, ALLOWANCE, ANALYSIS, CHECK, CONVENTIONS, INPUT, NORMAL, OUTCOME, PUBLISHED, SCENARIO,
    SHAPES, STAKEHOLDER, TOP_LEVEL, UNCERTAIN,
};
use crate::model::{Limits, assumption::Assumption};

/// The schema as pretty-printed JSON, ending with a newline.
pub fn json_text() -> String {
    // A `serde_json::Value` always serialises; `{}` in its place would be a
    // schema that accepts anything.
    let mut text =
        serde_json::to_string_pretty(&schema(Limits::DEFAULT)).expect("a JSON value serialises");
    text.push('\n');
    text
}

/// The schema of a model file under `limits`.
pub fn schema(limits: Limits) -> Value {
    let mut root = table(
        TOP_LEVEL,
        &["analysis", "stakeholders", "inputs", "outcomes"],
        |key| top_level(key, limits),
    );
    let object = root.as_object_mut().expect("a table schema is an object");
    let mut head = Map::new();
    head.insert(
        "$schema".to_owned(),
        Value::from("http://json-schema.org/draft-07/schema#"),
    );
    head.insert("title".to_owned(), Value::from("sroi impact map"));
    head.insert(
        "description".to_owned(),
        Value::from(
            "A Social Return on Investment model for `sroi`: an impact map in TOML. Every key is listed; an unknown key is an error.",
        ),
    );
    head.append(object);
    Value::Object(head)
}

/// A table: exactly `keys`, `required` among them, each key's schema from `property`.
fn table(keys: &[&str], required: &[&str], property: impl Fn(&str) -> Value) -> Value {
    let properties: Map<String, Value> = keys
        .iter()
        .map(|key| ((*key).to_owned(), property(key)))
        .collect();
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

/// A list of tables (`[[key]]`) of at most the limit's entries.
fn entries(item: Value, limits: Limits, at_least_one: bool) -> Value {
    json!({
        "type": "array",
        "items": item,
        "minItems": u32::from(at_least_one),
        "maxItems": limits.max_entries,
    })
}

fn top_level(key: &str, limits: Limits) -> Value {
    match key {
        "analysis" => described(
            fields(field_table::ANALYSIS, limits),
            "What is analysed, by whom, over what period, in which currency.",
        ),
        "conventions" => described(
            fields(field_table::CONVENTIONS, limits),
            "How the figures are computed; every key is optional and defaults to the SROI Guide's value map with the Green Book's 3.5% rate.",
        ),
        "stakeholders" => described(
            entries(fields(field_table::STAKEHOLDER, limits), limits, false),
            "The groups who put something in or experience a change.",
        ),
        "inputs" => described(
            entries(fields(field_table::INPUT, limits), limits, true),
            "What each stakeholder puts in; the inputs must total more than zero.",
        ),
        "outcomes" => described(
            entries(fields(field_table::OUTCOME, limits), limits, true),
            "The changes stakeholders experience, each valued with a financial proxy; a model needs at least one.",
        ),
        "published" => described(
            fields(field_table::PUBLISHED, limits),
            "The figures of an assured report, which `sroi check` must reproduce within `tolerance`.",
        ),
        "scenarios" => described(
            entries(
                table(SCENARIO, &["name"], |key| scenario(key, limits)),
                limits,
                false,
            ),
            "Named sets of overrides, shown beside the base by `sroi sensitivity` and `sroi report`, and in full by every command's `--scenario NAME`.",
        ),
        "check" => described(
            table(CHECK, &[], |_| allow_list(limits)),
            "Lints of `sroi check` this model accepts, each with a reason.",
        ),
        _ => json!({}),
    }
}

/// A table of the impact map, from its fields.
fn fields(fields: &[Field], limits: Limits) -> Value {
    let names: Vec<&str> = fields.iter().map(|field| field.name).collect();
    table(&names, &field_table::required(fields), |name| {
        fields.iter().find(|field| field.name == name).map_or_else(
            || json!({}),
            |field| described(value(field, limits), field.help),
        )
    })
}

/// The schema of a field's value, by its kind.
fn value(field: &Field, limits: Limits) -> Value {
    match field.kind {
        Kind::Text => values::text(limits),
        Kind::Id | Kind::Stakeholder => values::id(limits),
        Kind::Choice(names) => values::one_of_names(names),
        Kind::Currency => json!({ "type": "string", "pattern": "^[A-Z]{3}$" }),
        Kind::Flag => values::boolean(),
        Kind::Number => values::number(),
        Kind::NonNegative => values::non_negative(),
        Kind::PerYear => values::per_year(limits),
        Kind::Rate => values::rate(),
        Kind::Years => values::years(limits),
        // The one table among the fields: an outcome's uncertainty.
        Kind::Table => table(UNCERTAIN, &[], uncertain_field),
    }
}

/// One distribution: a table with exactly one of the shapes.
fn uncertain_field(field: &str) -> Value {
    // Rates are written as the model writes rates; proxies and quantities as
    // values, or as percentage changes to the model's value.
    let is_rate = Assumption::from_key(field)
        .is_some_and(|a| a.kind() == crate::model::assumption::Kind::Rate);
    let number = if is_rate {
        values::rate()
    } else {
        json!({ "anyOf": [values::number(), values::change()] })
    };
    let bounds = |count: usize, names: &str| {
        described(
            json!({ "type": "array", "items": number, "minItems": count, "maxItems": count }),
            &format!(
                "{names}: values of the field, or percentage changes to the model's value (rates as rates)."
            ),
        )
    };
    let shape = |name: &str| match name {
        "triangular" => bounds(3, "[min, mode, max]"),
        "uniform" => bounds(2, "[min, max]"),
        "pert" => bounds(3, "[min, mode, max]"),
        "normal" => described(
            table(NORMAL, &["sd"], |key| match key {
                "mean" => described(number.clone(), "The mean; defaults to the model's value."),
                "sd" => described(
                    number.clone(),
                    "The standard deviation, zero or more (required).",
                ),
                _ => json!({}),
            }),
            "A normal distribution, truncated to the field's valid range.",
        ),
        _ => json!({}),
    };
    let mut distribution = table(SHAPES, &[], shape);
    if let Some(object) = distribution.as_object_mut() {
        object.insert("minProperties".to_owned(), json!(1));
        object.insert("maxProperties".to_owned(), json!(1));
    }
    described(
        distribution,
        &format!("The distribution of `{field}`: one of triangular, uniform, pert or normal."),
    )
}

fn scenario(key: &str, limits: Limits) -> Value {
    match key {
        "name" => described(
            json!({ "type": "string", "pattern": "\\S", "maxLength": limits.max_text_chars }),
            "The scenario's name, unique among scenarios (required).",
        ),
        "description" => described(values::text(limits), "What the scenario supposes."),
        "set" => described(
            overrides(limits, Mode::Set),
            "New values: \"OUTCOME_ID.FIELD\", \"*.FIELD\" (every outcome), \"inputs\" (the new total) or \"discount_rate\", each written as the model writes that field.",
        ),
        "change" => described(
            overrides(limits, Mode::Change),
            "Moves of the model's values: proxies, quantities and inputs by a percentage of themselves (\"-20%\"), rates by percentage points (\"+10%\"), years by whole years.",
        ),
        _ => json!({}),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Set,
    Change,
}

/// The overrides of a scenario, addressed `OUTCOME_ID.FIELD` or `*.FIELD`,
/// or nested (`isolation.proxy = …` in TOML is `{ isolation = { proxy = … } }`).
fn overrides(limits: Limits, mode: Mode) -> Value {
    let value = |assumption: Assumption| override_value(assumption, limits, mode);
    let fields: Vec<&str> = Assumption::ALL.iter().map(|a| a.key()).collect();
    let mut patterns = Map::new();
    for assumption in Assumption::ALL {
        patterns.insert(
            format!("^(\\*|[a-z0-9_-]+)\\.{}$", assumption.key()),
            value(assumption),
        );
    }
    // An outcome's own table of fields (the nested form): every key that is
    // neither `inputs`, `discount_rate` nor a dotted address.
    let nested = table(&fields, &[], |key| {
        Assumption::from_key(key).map_or_else(|| json!({}), value)
    });
    let names = format!(
        "^(inputs|discount_rate|(\\*|[a-z0-9_-]+)(\\.({}))?)$",
        fields.join("|")
    );
    let (inputs, discount_rate) = match mode {
        Mode::Set => (values::positive(), values::rate()),
        Mode::Change => (values::change(), values::change()),
    };
    json!({
        "type": "object",
        "properties": { "inputs": inputs, "discount_rate": discount_rate },
        "patternProperties": patterns,
        "propertyNames": { "pattern": names },
        "additionalProperties": nested,
    })
}

fn override_value(assumption: Assumption, limits: Limits, mode: Mode) -> Value {
    use crate::model::assumption::Kind;
    match (mode, assumption.kind()) {
        (Mode::Set, Kind::Amount) if assumption == Assumption::Quantity => values::per_year(limits),
        (Mode::Set, Kind::Amount) => values::number(),
        (Mode::Set, Kind::Rate) => values::rate(),
        (Mode::Set, Kind::Years) => values::years(limits),
        (Mode::Change, Kind::Years) => values::years_change(),
        (Mode::Change, _) => values::change(),
    }
}

/// `allow = [{ code = "SROI304", reason = "…" }]`: warnings only, each with a reason.
fn allow_list(limits: Limits) -> Value {
    let warnings: Vec<&str> = LINTS
        .iter()
        .filter(|lint| lint.severity == Severity::Warning)
        .map(|lint| lint.id)
        .collect();
    let entry = table(ALLOWANCE, &["code", "reason"], |key| match key {
        "code" => described(
            values::one_of_names(&warnings),
            "The code of a warning, such as \"SROI304\".",
        ),
        "reason" => described(
            json!({ "type": "string", "pattern": "\\S", "maxLength": limits.max_text_chars }),
            "Why the lint does not apply to this model; shown whenever it is suppressed.",
        ),
        _ => json!({}),
    });
    described(
        json!({ "type": "array", "items": entry, "maxItems": limits.max_entries }),
        "The lints accepted, each once.",
    )
}

/// Every table of the format with the parser's list of its keys, for the
/// test that holds the schema to the parser.
pub fn tables() -> Vec<(&'static str, &'static [&'static str])> {
    vec![
        ("", schema::TOP_LEVEL),
        ("analysis", ANALYSIS),
        ("conventions", CONVENTIONS),
        ("stakeholders[]", STAKEHOLDER),
        ("inputs[]", INPUT),
        ("outcomes[]", OUTCOME),
        ("outcomes[].uncertainty", UNCERTAIN),
        ("outcomes[].uncertainty.*", SHAPES),
        ("outcomes[].uncertainty.*.normal", NORMAL),
        ("published", PUBLISHED),
        ("scenarios[]", SCENARIO),
        ("check", CHECK),
        ("check.allow[]", ALLOWANCE),
    ]
}

#[cfg(test)]
mod tests;
