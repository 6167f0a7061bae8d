//! The bundled models reproduce the figures published for them: the March
//! 2016 report comparing the Thurrock and Derby SROI analyses gives inputs of
//! £1.34m and a present value of £4.88m for Thurrock, and £1.76m and £6.47m
//! for Derby. Each model records them in its `[published]` table.

use rust_decimal::Decimal;
use serde_json::Value;

use crate::support::{sroi, stdout};

/// The published figures as the report states them, independent of the model files.
const PUBLISHED: [(&str, i64, i64); 2] = [
    ("thurrock", 1_340_000, 4_880_000),
    ("derby", 1_760_000, 6_470_000),
];

fn calc_json(model: &str) -> Value {
    let output = sroi(&["calc", &format!("models/{model}.toml"), "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    serde_json::from_str(&stdout(&output)).expect("calc writes JSON")
}

/// |computed − published| / published, from the JSON number's exact text.
fn relative_deviation(computed: &Value, published: i64) -> Decimal {
    let computed: Decimal = computed.to_string().parse().expect("a decimal number");
    let published = Decimal::from(published);
    ((computed - published) / published).abs()
}

#[test]
fn each_bundled_model_reproduces_its_published_inputs_and_present_value_within_half_a_percent() {
    let tolerance = Decimal::new(5, 3);
    for (model, inputs, present_value) in PUBLISHED {
        let json = calc_json(model);
        let inputs_deviation = relative_deviation(&json["inputs"]["total"], inputs);
        let value_deviation = relative_deviation(&json["present_value"], present_value);
        assert!(
            inputs_deviation <= tolerance,
            "{model}: inputs off by {inputs_deviation}"
        );
        assert!(
            value_deviation <= tolerance,
            "{model}: present value off by {value_deviation}"
        );
    }
}

#[test]
fn each_bundled_model_records_the_published_figures_it_is_checked_against() {
    for (model, inputs, present_value) in PUBLISHED {
        let text = std::fs::read_to_string(format!(
            "{}/models/{model}.toml",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("the bundled model exists");
        let document: toml::Table = text.parse().expect("the model is TOML");
        let published = &document["published"];
        assert_eq!(published["inputs"].as_integer(), Some(inputs), "{model}");
        assert_eq!(
            published["present_value"].as_integer(),
            Some(present_value),
            "{model}"
        );
        // The report states no ratio ("up to £4 ... for every £1 invested"):
        // one derived from the two totals is not a published figure.
        assert!(published.get("ratio").is_none(), "{model}");
    }
}

#[test]
fn each_bundled_model_cites_the_seeds_by_their_file_names_beside_the_repository() {
    for (model, _, _) in PUBLISHED {
        let text = std::fs::read_to_string(format!(
            "{}/models/{model}.toml",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("the bundled model exists");
        for seed in [
            "000_36ceb91eaf1e39f2.txt",
            "002_a53e1f2843d02ef0.txt",
            "003_1b2add304f5b5cad.txt",
            "004_e9426e8f71d0ae19.txt",
        ] {
            assert!(
                text.contains(&format!("../shared/seeds/{seed}")),
                "{model} cites {seed}"
            );
        }
        assert!(!text.contains("/work/"), "{model} names an absolute path");
        assert!(text.contains("reached by CALIBRATION"), "{model}");
    }
}

#[test]
fn derby_puts_more_of_its_value_with_individuals_than_thurrock() {
    // The 2016 report: Derby's distribution leans to individuals, Thurrock's to
    // health, fire and police services.
    let individuals_share = |model: &str| -> f64 {
        calc_json(model)["stakeholders"]
            .as_array()
            .expect("stakeholders")
            .iter()
            .filter(|s| {
                s["name"]
                    .as_str()
                    .is_some_and(|name| name.contains("individuals"))
            })
            .filter_map(|s| s["share"].as_f64())
            .sum()
    };
    assert!(individuals_share("derby") > individuals_share("thurrock"));
}
