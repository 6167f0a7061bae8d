//! `sroi compare` as a user runs it. The two small models in
//! `tests/fixtures/compare/` use a 0% discount rate so that every figure
//! below is worked by hand:
//!
//! A (`a.toml`): inputs £10,000 (year 1).
//!   jobs (people): 10 × £1,000 × (1 − 20%) × (1 − 50%) = £4,000 in year 1,
//!     then × (1 − 50%) drop-off = £2,000 in year 2: PV £6,000
//!   savings (council): 1 × £6,000 = £6,000: PV £6,000
//!   PV 12,000; NPV 12,000 − 10,000 = 2,000; ratio 1.2; net ratio 0.2;
//!   payback 10,000 / (10,000 / 12) = 12 months.
//! B (`b.toml`): inputs £12,000 (year 1).
//!   jobs (people): 20 × £1,000 × 0.4 = £8,000, then £4,000: PV £12,000
//!   admissions (nhs): 2 × £3,000 × (1 − 50%) = £3,000: PV £3,000
//!   PV 15,000; NPV 3,000; ratio 1.25; net ratio 0.25;
//!   payback 12,000 / (11,000 / 12) = 144,000 / 11,000 = 13.0909… → 13.09.

use serde_json::{Value, json};

use crate::support::{assert_matches_file, root, sroi, stderr, stdout};

const A: &str = "tests/fixtures/compare/a.toml";
const B: &str = "tests/fixtures/compare/b.toml";
const A_AT_TEN: &str = "tests/fixtures/compare/a-at-ten-percent.toml";

pub fn compare_json(args: &[&str]) -> Value {
    let mut all = vec!["compare", "--format", "json"];
    all.extend_from_slice(args);
    let output = sroi(&all);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    serde_json::from_str(&stdout(&output)).expect("compare writes valid JSON")
}

#[test]
fn json_gives_each_models_headline_figures_as_worked_by_hand() {
    let json = compare_json(&[A, B]);
    let a = &json["models"][0];
    assert_eq!(a["path"], A);
    assert_eq!(a["name"], "Small scheme A");
    assert_eq!(a["inputs"], json!(10000.0));
    assert_eq!(a["present_value"], json!(12000.0));
    assert_eq!(a["net_present_value"], json!(2000.0));
    assert_eq!(a["ratio"], json!(1.2));
    assert_eq!(a["net_ratio"], json!(0.2));
    assert_eq!(a["payback_months"], json!(12.0));
    assert_eq!(a["conventions"]["discount_rate"], json!(0));
    let b = &json["models"][1];
    assert_eq!(b["present_value"], json!(15000.0));
    assert_eq!(b["ratio"], json!(1.25));
    assert_eq!(b["payback_months"], json!(13.09));
    // The conventions match, so the arithmetic is comparable; the models
    // value different outcomes (savings only in A, admissions only in B) and
    // jobs with 10 people in A, 20 in B, so they are not like for like.
    assert_eq!(json["arithmetic_comparable"], json!(true));
    assert_eq!(json["assumptions_differ"], json!(true));
    assert_eq!(json["comparable"], json!(false));
    assert_eq!(json["assumptions"]["shared_outcomes"], json!(["jobs"]));
    assert_eq!(
        json["assumptions"]["unshared_outcomes"],
        json!(["savings", "admissions"])
    );
    assert_eq!(json["assumptions"]["revalued_outcomes"], json!(["jobs"]));
    assert_eq!(json["convention_differences"], json!([]));
    assert_eq!(json["recomputed_under"], Value::Null);
}

#[test]
fn json_differences_are_b_minus_a_and_relative_to_a() {
    let json = compare_json(&[A, B]);
    let d = &json["differences"][0];
    assert_eq!((d["path"].as_str(), d["base"].as_str()), (Some(B), Some(A)));
    // 12,000 − 10,000 = 2,000; 2,000 / 10,000 = 0.2.
    assert_eq!(d["inputs"], json!({ "change": 2000.0, "relative": 0.2 }));
    // 15,000 − 12,000 = 3,000; 3,000 / 12,000 = 0.25.
    assert_eq!(
        d["present_value"],
        json!({ "change": 3000.0, "relative": 0.25 })
    );
    // 3,000 − 2,000 = 1,000; 1,000 / 2,000 = 0.5.
    assert_eq!(
        d["net_present_value"],
        json!({ "change": 1000.0, "relative": 0.5 })
    );
    // 1.25 − 1.2 = 0.05; 0.05 / 1.2 = 0.041666… → 0.0417.
    assert_eq!(d["ratio"], json!({ "change": 0.05, "relative": 0.0417 }));
    // 13.0909… − 12 = 1.0909… → 1.09; 1.0909… / 12 = 0.0909…
    assert_eq!(
        d["payback_months"],
        json!({ "change": 1.09, "relative": 0.0909 })
    );
}

#[test]
fn json_money_keeps_its_pence_as_written() {
    let text = stdout(&sroi(&["compare", "--format", "json", A, B]));
    for expected in [
        "\"present_value\": 12000.00",
        "\"ratio\": 1.2000",
        "\"change\": 2000.00",
    ] {
        assert!(text.contains(expected), "missing {expected} in\n{text}");
    }
}

#[test]
fn json_matches_stakeholders_and_outcomes_by_id_and_says_who_has_only_one() {
    let json = compare_json(&[A, B]);
    let ids: Vec<&str> = json["stakeholders"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(ids, ["council", "people", "nhs"]);
    // People: £6,000 of £12,000 in A = 50%; £12,000 of £15,000 in B = 80%.
    let people = &json["stakeholders"][1];
    assert_eq!(people["models"][0]["share"], json!(0.5));
    assert_eq!(people["models"][1]["present_value"], json!(12000.0));
    assert_eq!(people["models"][1]["share"], json!(0.8));
    let nhs = &json["stakeholders"][2];
    assert_eq!(nhs["only_in"], B);
    assert_eq!(nhs["missing_from"], json!([A]));
    assert_eq!(nhs["models"][0], Value::Null);
    let savings = &json["outcomes"][1];
    assert_eq!(
        (savings["id"].as_str(), savings["only_in"].as_str()),
        (Some("savings"), Some(A))
    );
    assert_eq!(
        json["outcomes"][2]["models"][1]["present_value"],
        json!(3000.0)
    );
}

#[test]
fn json_weights_the_average_deductions_by_present_value() {
    let json = compare_json(&[A, B]);
    // A: deadweight (20% × 6,000 + 0% × 6,000) / 12,000 = 10%,
    //    attribution and drop-off (50% × 6,000) / 12,000 = 25%.
    let a = &json["models"][0]["weighted_deductions"];
    assert_eq!(
        *a,
        json!({ "deadweight": 0.1, "displacement": 0.0, "attribution": 0.25, "drop_off": 0.25 })
    );
    // B: deadweight (20% × 12,000 + 50% × 3,000) / 15,000 = 3,900 / 15,000 = 26%,
    //    attribution and drop-off (50% × 12,000) / 15,000 = 40%.
    let b = &json["models"][1]["weighted_deductions"];
    assert_eq!(
        *b,
        json!({ "deadweight": 0.26, "displacement": 0.0, "attribution": 0.4, "drop_off": 0.4 })
    );
}

#[test]
fn different_conventions_are_declared_not_comparable_in_every_format() {
    let json = compare_json(&[A, A_AT_TEN]);
    assert_eq!(json["comparable"], json!(false));
    assert_eq!(
        json["convention_differences"],
        json!([{ "convention": "discount_rate", "values": [0, 0.1] }])
    );
    // Each model under its own rate: at 10%, jobs 4,000 / 1.1 + 2,000 / 1.21
    // = 3,636.36 + 1,652.89 and savings 6,000 / 1.1 = 5,454.55: PV 10,743.80.
    assert_eq!(json["models"][1]["present_value"], json!(10743.8));
    for format in ["table", "markdown"] {
        let output = sroi(&["compare", "--format", format, A, A_AT_TEN]);
        let text = stdout(&output);
        assert!(
            text.contains("WARNING: the models' conventions differ (discount rate), so their ratios are not comparable as they stand"),
            "{format}:\n{text}"
        );
        assert!(stderr(&output).contains("sroi: warning: the models' conventions differ"));
    }
    let csv = stdout(&sroi(&["compare", "--format", "csv", A, A_AT_TEN]));
    assert!(csv.contains("comparison,,comparable,false"), "{csv}");
    assert!(
        csv.contains("comparison,,convention_differences,discount_rate"),
        "{csv}"
    );
}

#[test]
fn same_conventions_recomputes_every_model_under_the_first_ones_and_says_so() {
    // A at 10% recomputed at A's 0% is A again: PV 12,000 and ratio 1.2.
    let json = compare_json(&["--same-conventions", A, A_AT_TEN]);
    assert_eq!(json["comparable"], json!(true));
    assert_eq!(json["recomputed_under"], A);
    assert_eq!(json["models"][1]["present_value"], json!(12000.0));
    assert_eq!(json["models"][1]["ratio"], json!(1.2));
    // The model's own conventions are still reported as written.
    assert_eq!(
        json["models"][1]["conventions"]["discount_rate"],
        json!(0.1)
    );
    assert_eq!(
        json["differences"][0]["present_value"]["change"],
        json!(0.0)
    );
    // The other way round, A is discounted at 10%: PV 10,743.80 as above,
    // ratio 10,743.80 / 10,000 = 1.0744.
    let json = compare_json(&["--same-conventions", A_AT_TEN, A]);
    assert_eq!(json["models"][1]["present_value"], json!(10743.8));
    assert_eq!(json["models"][1]["ratio"], json!(1.0744));
    let table = stdout(&sroi(&["compare", "--same-conventions", A_AT_TEN, A]));
    assert!(
        table.contains("Recomputed: every figure below uses the conventions of A (tests/fixtures/compare/a-at-ten-percent.toml), as --same-conventions asks; the models' own conventions differ in discount rate."),
        "{table}"
    );
}

#[test]
fn three_models_are_each_measured_from_the_first() {
    let json = compare_json(&[A, B, A_AT_TEN]);
    assert_eq!(json["differences"].as_array().map(Vec::len), Some(2));
    // A at 10% against A: 10,743.80 − 12,000 = −1,256.20.
    assert_eq!(
        json["differences"][1]["present_value"]["change"],
        json!(-1256.2)
    );
    let nhs = &json["stakeholders"][2];
    assert_eq!(nhs["missing_from"], json!([A, A_AT_TEN]));
}

#[test]
fn the_table_shows_every_section_with_signed_differences() {
    let output = sroi(&["compare", A, B]);
    assert_eq!(output.status.code(), Some(0));
    let table = stdout(&output);
    assert_matches_file(&table, &root().join("tests/golden/compare-small.txt"));
}

#[test]
fn fewer_than_two_models_is_a_usage_error() {
    let output = sroi(&["compare", A]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn an_unreadable_model_exits_two_and_an_invalid_one_exits_one() {
    let output = sroi(&["compare", A, "no/such/model.toml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("sroi: cannot read no/such/model.toml"));
    let invalid = "tests/fixtures/invalid/negative_rate.toml";
    let output = sroi(&["compare", invalid, A]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with(invalid), "{}", stderr(&output));
    assert!(stdout(&output).is_empty());
}

#[test]
fn output_goes_to_a_file_but_never_over_a_model_being_compared() -> std::io::Result<()> {
    let directory = tempfile::tempdir()?;
    let target = directory.path().join("comparison.md");
    let target = target.to_str().unwrap_or_default();
    let output = sroi(&["compare", "-f", "markdown", "-o", target, A, B]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(std::fs::read_to_string(target)?.starts_with("# Comparison of 2 models\n"));
    let output = sroi(&["compare", "-o", B, A, B]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("refusing to overwrite the model"));
    Ok(())
}

#[test]
fn standard_input_can_be_compared_only_once() {
    let output = sroi(&["compare", "-", "-"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("can be read only once"));
}
