//! `sroi schema`: the JSON Schema of the model format. The committed
//! `sroi.schema.json` is what the command prints; every valid model of the
//! repository, read from TOML into JSON as an editor reads it, validates; the
//! invalid fixtures that break a rule of keys or types do not; and the
//! schema's keys are the parser's, shown with a model that uses every key.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{assert_matches_file, files_with_extension, root, sroi, stderr, stdout};

fn printed_schema() -> String {
    let output = sroi(&["schema"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    stdout(&output)
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&printed_schema()).expect("the schema is JSON");
    jsonschema::draft7::meta::validate(&schema).expect("a valid draft-07 schema");
    jsonschema::draft7::new(&schema).expect("the schema compiles")
}

/// A TOML model as the JSON an editor validates.
fn as_json(path: &Path) -> Option<Value> {
    let text = std::fs::read_to_string(path).ok()?;
    let table: toml::Table = toml::from_str(&text).ok()?;
    Some(serde_json::to_value(table).expect("TOML values convert to JSON"))
}

fn problems(validator: &jsonschema::Validator, model: &Value) -> Vec<String> {
    validator
        .iter_errors(model)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect()
}

#[test]
fn the_committed_schema_is_what_sroi_schema_prints() {
    assert_matches_file(&printed_schema(), &root().join("sroi.schema.json"));
}

#[test]
fn schema_output_option_writes_the_same_text() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let file = directory.path().join("schema.json");
    let output = sroi(&["schema", "-o", file.to_str().expect("UTF-8 path")]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(&file).expect("written"),
        printed_schema()
    );
}

fn valid_models() -> Vec<PathBuf> {
    let mut models = Vec::new();
    for directory in [
        "models",
        "examples",
        "tests/fixtures/crosscheck",
        "tests/fixtures/check",
        "tests/fixtures/compare",
        "tests/fixtures/import",
        "tests/fixtures/schema",
    ] {
        models.extend(files_with_extension(&root().join(directory), "toml"));
    }
    models
}

#[test]
fn every_valid_model_in_the_repository_validates() {
    let validator = validator();
    let models = valid_models();
    assert!(models.len() >= 75, "found only {} models", models.len());
    let mut not_toml = Vec::new();
    for model in models {
        let relative = model.strip_prefix(root()).expect("under the root");
        let relative = relative.to_str().expect("UTF-8 path");
        // Each is a model `sroi calc` accepts, so the schema must accept it too.
        assert_eq!(
            sroi(&["calc", relative]).status.code(),
            Some(0),
            "{relative}"
        );
        let Some(json) = as_json(&model) else {
            not_toml.push(relative.to_owned());
            continue;
        };
        let found = problems(&validator, &json);
        assert!(found.is_empty(), "{relative}: {found:#?}");
    }
    // This one writes an integer beyond TOML's 64-bit integers, which `sroi`
    // reads as an exact decimal but an editor's TOML parser refuses.
    assert_eq!(
        not_toml,
        ["tests/fixtures/check/a_share_of_a_total_near_zero.toml"]
    );
}

#[test]
fn invalid_fixtures_about_a_key_or_a_type_do_not_validate() {
    let validator = validator();
    for name in [
        "unknown_key_in_outcome",
        "unknown_key_without_a_near_match",
        "missing_required_field",
        "missing_analysis_name",
        "missing_analysis_table",
        "rate_written_as_bare_percentage_number",
        "discount_rate_written_as_bare_number",
        "rate_above_one_hundred_percent",
        "rate_that_is_not_a_percentage",
        "negative_rate",
        "boolean_convention_as_string",
        "currency_not_an_iso_code",
        "unknown_analysis_kind",
        "id_with_invalid_characters",
        "duration_of_zero",
        "duration_beyond_the_limit",
        "start_year_of_zero",
        "negative_quantity",
        "negative_quantity_in_a_cohort",
        "negative_input_amount",
        "empty_quantity_list",
        "stakeholders_not_an_array_of_tables",
        "text_longer_than_the_limit",
        "no_outcomes",
        "no_inputs",
        "check_table_with_an_unknown_key",
        "check_allow_of_an_unknown_code",
        "check_allow_of_an_error",
        "check_allow_without_a_reason",
        "check_allow_with_an_empty_reason",
        "scenario_with_an_unknown_key",
        "scenario_without_a_name",
        "scenario_naming_an_unknown_field",
        "scenario_address_without_a_field",
        "scenario_change_of_a_rate_as_a_bare_number",
        "scenario_change_that_is_not_a_percentage",
        "scenario_changing_duration_by_a_fraction",
        "scenario_setting_a_rate_above_one_hundred_percent",
        "uncertainty_that_is_not_a_table",
        "uncertainty_with_a_list_of_the_wrong_length",
        "uncertainty_with_an_unknown_distribution",
        "uncertainty_of_duration",
        "uncertainty_normal_without_sd",
        "uncertainty_of_a_rate_above_one_hundred_percent",
    ] {
        let path = root().join(format!("tests/fixtures/invalid/{name}.toml"));
        let json = as_json(&path).unwrap_or_else(|| panic!("{name} is not TOML"));
        assert!(
            !validator.is_valid(&json),
            "{name} is invalid for the parser but passes the schema"
        );
    }
}

/// Every key path in a JSON value, with `[]` for list items and `*` for the
/// fields of an uncertainty table, as `sroi::json_schema::tables` names them.
fn keys_by_table(value: &Value, path: &str, found: &mut Vec<(String, String)>) {
    match value {
        Value::Object(object) => {
            for (key, item) in object {
                found.push((path.to_owned(), key.clone()));
                let inner = if path == "outcomes[].uncertainty" {
                    "outcomes[].uncertainty.*".to_owned()
                } else if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                keys_by_table(item, &inner, found);
            }
        }
        Value::Array(items) => {
            for item in items {
                keys_by_table(item, &format!("{path}[]"), found);
            }
        }
        _ => {}
    }
}

#[test]
fn a_model_with_every_key_loads_validates_and_uses_exactly_the_parsers_keys() {
    let model = root().join("tests/fixtures/schema/every_key.toml");
    let output = sroi(&["calc", "tests/fixtures/schema/every_key.toml"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json = as_json(&model).expect("TOML");
    let validator = validator();
    assert!(problems(&validator, &json).is_empty());
    let mut found = Vec::new();
    keys_by_table(&json, "", &mut found);
    for (table, keys) in sroi::json_schema::tables() {
        let mut used: Vec<&str> = found
            .iter()
            .filter(|(path, _)| path == table)
            .map(|(_, key)| key.as_str())
            .collect();
        used.sort_unstable();
        used.dedup();
        let mut listed = keys.to_vec();
        listed.sort_unstable();
        assert_eq!(used, listed, "keys of {table:?} in every_key.toml");
    }
}

#[test]
fn an_unknown_key_in_any_table_does_not_validate() {
    let validator = validator();
    let model = as_json(&root().join("tests/fixtures/schema/every_key.toml")).expect("TOML");
    let mut tables = Vec::new();
    collect_tables(&model, &mut Vec::new(), &mut tables);
    assert!(tables.len() >= 14, "{}", tables.len());
    for pointer in tables {
        let mut broken = model.clone();
        let table = broken
            .pointer_mut(&pointer)
            .and_then(Value::as_object_mut)
            .expect("a table");
        table.insert("colour".to_owned(), Value::from("blue"));
        assert!(
            !validator.is_valid(&broken),
            "an unknown key at {pointer:?} passes the schema"
        );
    }
}

/// The JSON pointer of every table (object) in a value, below the root too.
fn collect_tables(value: &Value, path: &mut Vec<String>, found: &mut Vec<String>) {
    let pointer = || {
        path.iter()
            .map(|part| format!("/{part}"))
            .collect::<String>()
    };
    match value {
        Value::Object(object) => {
            // The overrides of a scenario take addresses, not fixed keys.
            if !matches!(path.last().map(String::as_str), Some("set" | "change")) {
                found.push(pointer());
            }
            for (key, item) in object {
                path.push(key.replace('~', "~0").replace('/', "~1"));
                collect_tables(item, path, found);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                path.push(index.to_string());
                collect_tables(item, path, found);
                path.pop();
            }
        }
        _ => {}
    }
}

/// A one-outcome model with `field` written as `value` (a TOML string) in
/// the place `slot` names.
fn model_with(slot: &str, value: &str) -> String {
    let quoted = toml::Value::String(value.to_owned()).to_string();
    let (deadweight, proxy, change) = match slot {
        "rate" => (quoted.as_str(), "800", "\"-20%\""),
        "decimal" => ("\"25%\"", quoted.as_str(), "\"-20%\""),
        _ => ("\"25%\"", "800", quoted.as_str()),
    };
    format!(
        "[analysis]\nname = \"Spellings\"\n\n[[stakeholders]]\nid = \"people\"\n\n\
         [[inputs]]\nstakeholder = \"people\"\namount = 1000\n\n\
         [[outcomes]]\nid = \"help\"\nstakeholder = \"people\"\nquantity = 10\n\
         proxy = {proxy}\ndeadweight = {deadweight}\nduration = 1\n\n\
         [[scenarios]]\nname = \"cautious\"\nchange = {{ \"help.proxy\" = {change} }}\n"
    )
}

#[test]
fn the_schema_accepts_exactly_the_number_and_percent_spellings_the_parser_accepts() {
    let validator = validator();
    // (slot, spelling, accepted): a rate (`deadweight`), a change to a value
    // (`change` in a scenario), an exact decimal string (`proxy`). Each is
    // decided once and both the parser and the schema must agree with it.
    let spellings = [
        ("rate", "25%", true),
        ("rate", " 3.5 % ", true),
        ("rate", ".5%", true),
        ("rate", "+10%", true),
        ("rate", "005%", true),
        ("rate", "100.000%", true),
        ("rate", "0.25", true),
        // A leading underscore, a point with no digits after it, an exponent
        // or underscores inside a percentage: not how anyone writes a rate.
        ("rate", "_10%", false),
        ("rate", "5.%", false),
        ("rate", "1e2%", false),
        ("rate", "1E1%", false),
        ("rate", "1_0%", false),
        ("rate", "-0%", false),
        ("rate", "-5%", false),
        ("rate", "100.001%", false),
        ("rate", "%", false),
        ("rate", "5%%", false),
        ("rate", "+-5%", false),
        ("rate", "2.5e-1", false),
        ("change", "-20%", true),
        ("change", "+12.5%", true),
        ("change", " -5 %", true),
        ("change", "-.5%", true),
        ("change", "_10%", false),
        ("change", "5.%", false),
        ("change", "1e2%", false),
        ("change", "1_000%", false),
        ("change", "--5%", false),
        ("change", "+-5%", false),
        ("change", "- 5%", false),
        ("decimal", "1_200", true),
        ("decimal", "1234.5678", true),
        ("decimal", "+.5", true),
        ("decimal", "1.5e3", true),
        ("decimal", "1e1_0", true),
        ("decimal", " 7 ", true),
        ("decimal", "1.", false),
        ("decimal", "_1200", false),
        ("decimal", "1200_", false),
        ("decimal", "1__200", false),
        ("decimal", "1_.5", false),
        ("decimal", "+-5", false),
        ("decimal", "--5", false),
        ("decimal", "1e", false),
    ];
    let mut disagreements = Vec::new();
    for (slot, spelling, accepted) in spellings {
        let text = model_with(slot, spelling);
        let source = sroi::diagnostic::SourceFile::new("spelling.toml", &text);
        let parsed = sroi::model::parse_model(&source, sroi::model::Limits::DEFAULT).is_ok();
        let json: Value = serde_json::to_value(
            toml::from_str::<toml::Table>(&text).expect("the test model is TOML"),
        )
        .expect("TOML converts to JSON");
        let valid = validator.is_valid(&json);
        if parsed != accepted || valid != accepted {
            disagreements.push(format!(
                "{slot} {spelling:?}: decided {accepted}, parser {parsed}, schema {valid}"
            ));
        }
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}");
}
