//! The bundled models side by side: `sroi compare models/derby.toml
//! models/thurrock.toml` shows every figure (a golden table), and its JSON
//! holds figures worked by hand and agrees with `sroi calc` on the rest.

use serde_json::{Value, json};

use crate::compare::compare_json;
use crate::support::{assert_matches_file, root, sroi, stderr, stdout};

const DERBY: &str = "models/derby.toml";
const THURROCK: &str = "models/thurrock.toml";

#[test]
fn the_bundled_models_side_by_side_match_the_golden_table() {
    let output = sroi(&["compare", DERBY, THURROCK]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "", "the two share their conventions");
    assert_matches_file(
        &stdout(&output),
        &root().join("tests/golden/compare-derby-thurrock.txt"),
    );
}

#[test]
fn json_of_the_bundled_models_holds_figures_worked_by_hand() {
    let json = compare_json(&[DERBY, THURROCK]);
    // Inputs at face value. Derby: (300,000 + 100,000) × 3 + 33,000 + 33,000
    // + 34,000 + 153,000 + 153,000 + 154,000 = 1,200,000 + 100,000 + 460,000
    // = 1,760,000. Thurrock: (240,000 + 100,000 + 20,000) × 3 + 86,000 +
    // 87,000 + 87,000 = 1,080,000 + 260,000 = 1,340,000.
    assert_eq!(json["models"][0]["inputs"], json!(1760000.0));
    assert_eq!(json["models"][1]["inputs"], json!(1340000.0));
    // 1,340,000 − 1,760,000 = −420,000; −420,000 / 1,760,000 = −0.238636… → −0.2386.
    assert_eq!(
        json["differences"][0]["inputs"],
        json!({ "change": -420000.0, "relative": -0.2386 })
    );
    // The dependency outcome is the same in both: 10 × −£1,000 × (1 − 25%) ×
    // (1 − 10%) = −£6,750 for each of three cohorts, in years 1, 2 and 3:
    // −6,750 × (1/1.035 + 1/1.035² + 1/1.035³) = −6,750 × 2.801637 = −18,911.05.
    let dependency = json["outcomes"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|o| o["id"] == "l2_dependency")
        .expect("both models value dependency");
    assert_eq!(dependency["models"][0]["present_value"], json!(-18911.05));
    assert_eq!(dependency["models"][1]["present_value"], json!(-18911.05));
    let only_in = |id: &str| {
        json["stakeholders"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|s| s["id"] == id)
            .map(|s| s["only_in"].clone())
    };
    assert_eq!(only_in("derby_homes"), Some(json!(DERBY)));
    assert_eq!(only_in("dwp"), Some(json!(THURROCK)));
    assert_eq!(only_in("level2"), Some(Value::Null));
    // The conventions match, which makes the arithmetic comparable and no
    // more: the 2016 report calls the analyses "not directly comparable due
    // to the different quantities and assumptions made in each".
    assert_eq!(json["arithmetic_comparable"], json!(true));
    assert_eq!(json["assumptions_differ"], json!(true));
    assert_eq!(json["comparable"], json!(false));
}

#[test]
fn each_bundled_models_figures_in_compare_are_those_of_calc() {
    let json = compare_json(&[DERBY, THURROCK]);
    for (index, model) in [DERBY, THURROCK].into_iter().enumerate() {
        let calc: Value = serde_json::from_str(&stdout(&sroi(&["calc", model, "-f", "json"])))
            .expect("calc writes JSON");
        let compared = &json["models"][index];
        assert_eq!(compared["inputs"], calc["inputs"]["total"], "{model}");
        for key in [
            "present_value",
            "net_present_value",
            "ratio",
            "net_ratio",
            "payback_months",
        ] {
            assert_eq!(compared[key], calc[key], "{model} {key}");
        }
        assert_eq!(compared["conventions"], calc["conventions"], "{model}");
    }
}
