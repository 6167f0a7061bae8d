//! The schema against the parser's own lists of keys.

use serde_json::Value;

use super::*;
use crate::model::{Deductions, Schedule};

/// The table schema at a path such as `outcomes[].uncertainty`; `*` stands
/// for every property of the table before it.
fn tables_at<'s>(schema: &'s Value, path: &str) -> Vec<&'s Value> {
    let mut found = vec![schema];
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (name, list) = match part.strip_suffix("[]") {
            Some(name) => (name, true),
            None => (part, false),
        };
        found = found
            .into_iter()
            .flat_map(|table| -> Vec<&Value> {
                let properties = &table["properties"];
                if name == "*" {
                    properties
                        .as_object()
                        .map(|o| o.values().collect())
                        .unwrap_or_default()
                } else {
                    vec![&properties[name]]
                }
            })
            .map(|value| if list { &value["items"] } else { value })
            .collect();
    }
    found
}

#[test]
fn every_key_the_parser_accepts_is_in_the_schema_and_no_other() {
    let schema = schema(Limits::DEFAULT);
    for (path, keys) in tables() {
        let found = tables_at(&schema, path);
        assert!(!found.is_empty(), "no table at {path:?}");
        for table in found {
            let mut properties: Vec<&str> = table["properties"]
                .as_object()
                .unwrap_or_else(|| panic!("{path:?} has no properties"))
                .keys()
                .map(String::as_str)
                .collect();
            let mut expected: Vec<&str> = keys.to_vec();
            properties.sort_unstable();
            expected.sort_unstable();
            assert_eq!(properties, expected, "keys of {path:?}");
            assert_eq!(
                table["additionalProperties"],
                Value::Bool(false),
                "{path:?}"
            );
            for key in keys {
                let property = &table["properties"][*key];
                assert!(
                    property["description"]
                        .as_str()
                        .is_some_and(|d| !d.is_empty()),
                    "{path}.{key} has no description for editors to show"
                );
            }
        }
    }
}

#[test]
fn enums_and_limits_come_from_the_code() {
    let schema = schema(Limits::DEFAULT);
    let conventions = &schema["properties"]["conventions"]["properties"];
    assert_eq!(
        conventions["schedule"]["enum"],
        serde_json::json!(Schedule::NAMES)
    );
    assert_eq!(
        conventions["deductions"]["enum"],
        serde_json::json!(Deductions::NAMES)
    );
    let outcome = &schema["properties"]["outcomes"]["items"]["properties"];
    assert_eq!(outcome["duration"]["maximum"], serde_json::json!(1000));
    assert_eq!(
        outcome["description"]["maxLength"],
        serde_json::json!(10_000)
    );
    let allowed = &schema["properties"]["check"]["properties"]["allow"]["items"]["properties"]["code"]
        ["enum"];
    // Warnings only: SROI000, SROI401 and SROI402 are errors.
    let codes: Vec<&str> = allowed
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(codes.len(), 16);
    assert!(codes.contains(&"SROI304") && !codes.contains(&"SROI401"));
}

#[test]
fn the_text_is_pretty_json_ending_in_a_newline() {
    let text = json_text();
    assert!(text.starts_with("{\n  \"$schema\": \"http://json-schema.org/draft-07/schema#\""));
    assert!(text.ends_with("}\n"));
    let parsed: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(parsed, schema(Limits::DEFAULT));
}
