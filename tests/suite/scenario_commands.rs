//! `--scenario NAME` through every command, and the bundled models'
//! scenarios side by side. A scenario is the model with its overrides
//! written in, so every figure here is worked by hand from the overrides.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::compare::compare_json;
use crate::support::{root, sroi, sroi_with_stdin, stderr, stdout};

const DERBY: &str = "models/derby.toml";
const THURROCK: &str = "models/thurrock.toml";

/// The spec's section 3 example (100 × £800, deadweight 25%, drop-off 10%,
/// 2 years; inputs £100,000) with one scenario.
const EXAMPLE: &str = r#"
[analysis]
name = "Example"

[[stakeholders]]
id = "individuals"

[[stakeholders]]
id = "council"

[[inputs]]
stakeholder = "council"
amount = 100_000

[[outcomes]]
id = "isolation"
stakeholder = "individuals"
quantity = 100
proxy = 800
deadweight = "25%"
drop_off = "10%"
duration = 2

[[scenarios]]
name = "cautious"
description = "More deadweight, dearer inputs"
set = { "isolation.deadweight" = "40%" }
change = { inputs = "+10%" }

[[scenarios]]
name = "as-is"
"#;

fn json_of(output: &std::process::Output) -> Value {
    assert_eq!(output.status.code(), Some(0), "{}", stderr(output));
    serde_json::from_str(&stdout(output)).expect("valid JSON")
}

fn calc_scenario(model: &str, scenario: &str) -> Value {
    json_of(&sroi(&[
        "calc",
        model,
        "--scenario",
        scenario,
        "-f",
        "json",
    ]))
}

/// The scenario names a bundled model declares, read from its file.
fn declared(model: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join(model)).expect("the model exists");
    let document: toml::Table = text.parse().expect("the model is TOML");
    document["scenarios"]
        .as_array()
        .expect("the model declares scenarios")
        .iter()
        .filter_map(|s| s["name"].as_str().map(str::to_owned))
        .collect()
}

fn shared_scenarios() -> Vec<String> {
    declared(DERBY)
        .intersection(&declared(THURROCK))
        .cloned()
        .collect()
}

#[test]
fn calc_computes_a_scenario_in_full_and_its_json_names_it() {
    // Deadweight 40%: 100 × £800 × 0.6 = £48,000 in year 1, × 0.9 = £43,200
    // in year 2. PV = 48,000 / 1.035 + 43,200 / 1.035² = 46,376.81 + 40,327.66
    // = 86,704.47. Inputs 100,000 × 1.1 = 110,000; NPV −23,295.53; ratio
    // 86,704.47 / 110,000 = 0.78822… → 0.7882; payback 110,000 / (48,000 / 12)
    // = 27.5 months.
    let output = sroi_with_stdin(
        &["calc", "-", "--scenario", "cautious", "-f", "json"],
        EXAMPLE,
    );
    let json = json_of(&output);
    assert_eq!(
        json["scenario"],
        json!({ "name": "cautious", "description": "More deadweight, dearer inputs" })
    );
    assert_eq!(json["analysis"]["name"], "Example");
    assert_eq!(json["outcomes"][0]["values"], json!([48000.0, 43200.0]));
    assert_eq!(json["present_value"], json!(86704.47));
    assert_eq!(json["inputs"]["total"], json!(110000.0));
    assert_eq!(json["net_present_value"], json!(-23295.53));
    assert_eq!(json["ratio"], json!(0.7882));
    assert_eq!(json["payback_months"], json!(27.5));
    // The model as written has no "scenario" key at all.
    let base = json_of(&sroi_with_stdin(&["calc", "-", "-f", "json"], EXAMPLE));
    assert_eq!(base["scenario"], Value::Null);
    assert_eq!(base["present_value"], json!(108380.59));
}

#[test]
fn every_format_of_calc_names_the_scenario_it_shows() {
    for format in ["table", "markdown"] {
        let output = sroi_with_stdin(
            &["calc", "-", "--scenario", "cautious", "-f", format],
            EXAMPLE,
        );
        let text = stdout(&output);
        assert!(
            text.contains("Example, scenario \"cautious\""),
            "{format}: {text}"
        );
        assert!(text.contains("More deadweight, dearer inputs"), "{format}");
    }
    let csv = stdout(&sroi_with_stdin(
        &["calc", "-", "--scenario", "cautious", "-f", "csv"],
        EXAMPLE,
    ));
    let mut lines = csv.lines();
    assert!(
        lines.next().is_some_and(|h| h.ends_with(",scenario")),
        "{csv}"
    );
    assert!(
        lines.next().is_some_and(|r| r.ends_with(",cautious")),
        "{csv}"
    );
}

#[test]
fn an_unknown_scenario_is_a_usage_error_that_lists_the_declared_ones() {
    let output = sroi_with_stdin(&["calc", "-", "--scenario", "cautios"], EXAMPLE);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("has no scenario \"cautios\"; its scenarios: cautious, as-is"),
        "{}",
        stderr(&output)
    );
    assert_eq!(stdout(&output), "");
    for command in ["report", "sensitivity", "simulate"] {
        let output = sroi(&[command, THURROCK, "--scenario", "optimistic"]);
        assert_eq!(output.status.code(), Some(2), "{command}");
    }
    let output = sroi(&["compare", DERBY, &format!("{THURROCK}#optimistic")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("low-costs, high-costs, cautious, full-area"));
}

#[test]
fn each_bundled_model_declares_at_least_three_scenarios_with_names_the_other_shares() {
    let shared = shared_scenarios();
    assert!(shared.len() >= 3, "shared scenarios: {shared:?}");
    for name in ["low-costs", "high-costs", "cautious", "full-area"] {
        assert!(shared.iter().any(|s| s == name), "{name}");
    }
}

#[test]
fn calc_of_each_scenario_equals_its_row_in_sensitivity() {
    for model in [DERBY, THURROCK] {
        let sensitivity = json_of(&sroi(&["sensitivity", model, "-f", "json"]));
        let rows = sensitivity["scenarios"].as_array().expect("scenario rows");
        assert_eq!(rows.len(), declared(model).len(), "{model}");
        for row in rows {
            let name = row["name"].as_str().expect("a name");
            let calc = calc_scenario(model, name);
            assert_eq!(calc["scenario"]["name"], row["name"], "{model} {name}");
            assert_eq!(
                calc["present_value"], row["present_value"],
                "{model} {name}"
            );
            assert_eq!(calc["inputs"]["total"], row["inputs"], "{model} {name}");
            assert_eq!(calc["ratio"], row["ratio"], "{model} {name}");
        }
    }
}

#[test]
fn thurrocks_low_costs_scenario_moves_only_the_hospital_delays_as_worked_by_hand() {
    // low-costs sets nhs_delays' proxy from 3 × £2,189.50 = £6,568.50 to
    // 3 × £1,220 = £3,660. Each year's cohort is 40 × proxy × (1 − 30%) ×
    // (1 − 50%) = 14 × proxy, for one year, in years 1, 2 and 3. The change is
    // 14 × (3,660 − 6,568.50) = −40,719 a year, discounted by 1/1.035 +
    // 1/1.035² + 1/1.035³ = 2.8016370: −114,079.86.
    let base = json_of(&sroi(&["calc", THURROCK, "-f", "json"]));
    let low = calc_scenario(THURROCK, "low-costs");
    let sensitivity = json_of(&sroi(&["sensitivity", THURROCK, "-f", "json"]));
    let row = &sensitivity["scenarios"][0];
    assert_eq!(row["name"], "low-costs");
    assert_eq!(row["difference"]["present_value"], json!(-114079.86));
    assert_eq!(row["difference"]["inputs"], json!(0.0));
    let delays = |json: &Value| {
        json["outcomes"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|o| o["id"] == "nhs_delays")
            .map(|o| o["values"].clone())
    };
    // 14 × 3,660 = 51,240 in each of the three years.
    assert_eq!(delays(&low), Some(json!([51240.0, 51240.0, 51240.0])));
    // 14 × 6,568.50 = 91,959 in each year of the model as written.
    assert_eq!(delays(&base), Some(json!([91959.0, 91959.0, 91959.0])));
}

#[test]
fn compare_lines_up_the_same_scenario_of_derby_and_thurrock() {
    let selected = compare_json(&[
        &format!("{DERBY}#cautious"),
        &format!("{THURROCK}#cautious"),
    ]);
    let every = compare_json(&["--scenario", "cautious", DERBY, THURROCK]);
    for json in [&selected, &every] {
        for (index, model) in [DERBY, THURROCK].into_iter().enumerate() {
            let compared = &json["models"][index];
            assert_eq!(compared["path"], format!("{model}#cautious"));
            assert_eq!(compared["scenario"]["name"], "cautious");
            let calc = calc_scenario(model, "cautious");
            assert_eq!(compared["present_value"], calc["present_value"], "{model}");
            assert_eq!(compared["ratio"], calc["ratio"], "{model}");
        }
        assert_eq!(json["comparable"], json!(false));
    }
    assert_eq!(selected["models"], every["models"]);
}

#[test]
fn compare_sets_a_model_beside_its_own_scenario() {
    let json = compare_json(&[THURROCK, &format!("{THURROCK}#cautious")]);
    assert_eq!(json["models"][0]["path"], THURROCK);
    assert_eq!(json["models"][0]["scenario"], Value::Null);
    assert_eq!(json["models"][1]["path"], format!("{THURROCK}#cautious"));
    let calc = calc_scenario(THURROCK, "cautious");
    assert_eq!(json["models"][1]["present_value"], calc["present_value"]);
    // The same outcomes, so nothing is unshared; cautious raises the two
    // coordinator outcomes' attribution (20% to 25.5%) and drop-off (20% to
    // 21.5%), so those two are revalued and the weighted attribution differs
    // through their rates. No deadweight or displacement changes, yet their
    // weighted averages move, because the two outcomes now carry less of the value: that is
    // the mix alone.
    let assumptions = &json["assumptions"];
    assert_eq!(assumptions["unshared_outcomes"], json!([]));
    assert_eq!(
        assumptions["revalued_outcomes"],
        json!(["lac_own_community", "lac_dependent_time"])
    );
    let gaps = &assumptions["deduction_differences"][0];
    assert_eq!(
        [&gaps["attribution"], &gaps["drop_off"]],
        [&json!("rates"), &json!("rates")]
    );
    assert_eq!(
        [&gaps["deadweight"], &gaps["displacement"]],
        [&json!("mix_only"), &json!("mix_only")]
    );
    assert_eq!(json["comparable"], json!(false));
    let table = stdout(&sroi(&[
        "compare",
        THURROCK,
        &format!("{THURROCK}#cautious"),
    ]));
    assert!(
        table.contains("│ B     ┆ models/thurrock.toml#cautious"),
        "{table}"
    );
}

#[test]
fn a_weighted_deduction_that_differs_only_through_the_mix_of_outcomes_is_said_to() {
    // The small models share one outcome, jobs, with deadweight 20% in both.
    // A weights it by £6,000 of £12,000 (savings has none): 10%. B weights it
    // by £12,000 of £15,000, beside admissions at 50% on £3,000: (2,400 +
    // 1,500) / 15,000 = 26%. jobs has the same rate in both: the mix differs.
    let a = "tests/fixtures/compare/a.toml";
    let b = "tests/fixtures/compare/b.toml";
    let json = compare_json(&[a, b]);
    assert_eq!(
        json["models"][0]["weighted_deductions"]["deadweight"],
        json!(0.1)
    );
    assert_eq!(
        json["models"][1]["weighted_deductions"]["deadweight"],
        json!(0.26)
    );
    let gaps = &json["assumptions"]["deduction_differences"][0];
    assert_eq!(gaps["deadweight"], "mix_only");
    assert_eq!(gaps["displacement"], Value::Null);
    let table = stdout(&sroi(&["compare", a, b]));
    assert!(
        table.contains("only the mix of outcomes differs: each shared outcome has the same rate"),
        "{table}"
    );
}

#[test]
fn compare_of_the_bundled_models_never_calls_them_comparable_for_their_conventions() {
    let output = sroi(&["compare", DERBY, THURROCK]);
    let table = stdout(&output);
    assert!(!table.contains("their figures are comparable"), "{table}");
    assert!(
        table.contains("the arithmetic is comparable"),
        "the matching conventions are said for what they are: {table}"
    );
    assert!(table.contains("not comparable like for like"), "{table}");
    assert!(table.contains("Attribution is the share of an outcome deducted because others"));
    for letter in ["A", "B"] {
        assert!(
            table.contains(&format!(
                "{letter} is a reconstruction, not the assured analysis"
            )),
            "{letter}: {table}"
        );
    }
    let json = compare_json(&[DERBY, THURROCK]);
    assert_eq!(json["comparable"], json!(false));
    for model in json["models"].as_array().into_iter().flatten() {
        assert!(model["reconstruction"].is_string(), "{model}");
    }
}

#[test]
fn every_output_of_a_bundled_model_says_it_is_a_reconstruction() {
    for model in [DERBY, THURROCK] {
        let table = stdout(&sroi(&["calc", model]));
        let heading: Vec<&str> = table.lines().take(3).collect();
        assert!(
            heading[2].starts_with(
                "A reconstruction, not the assured analysis: rebuilt from the published totals"
            ),
            "{model}: {heading:?}"
        );
        let json = json_of(&sroi(&["calc", model, "-f", "json"]));
        assert!(json["analysis"]["reconstruction"].is_string(), "{model}");
        let html = stdout(&sroi(&["report", model]));
        assert!(
            html.contains("<p class=\"about\">A reconstruction, not the assured analysis"),
            "{model}"
        );
        let sensitivity = json_of(&sroi(&["sensitivity", model, "-f", "json"]));
        assert!(sensitivity["reconstruction"].is_string(), "{model}");
    }
}

#[test]
fn report_shows_each_scenarios_headline_and_stakeholders_beside_the_base() {
    let html = stdout(&sroi(&["report", THURROCK]));
    assert!(html.contains("<h3>Headline of each scenario</h3>"));
    assert!(html.contains("<h3>Social value by stakeholder in each scenario</h3>"));
    // The headline table's header: the base, then each scenario in file order.
    assert!(html.contains(
        "<th>Figure</th><th class=\"num\">As written</th><th class=\"num\">low-costs</th><th class=\"num\">high-costs</th><th class=\"num\">cautious</th><th class=\"num\">full-area</th>"
    ));
    // full-area moves every cohort and input by +122.22%: inputs £1,340,000 ×
    // 2.2222 = £2,977,748.00.
    assert!(
        html.contains("<td class=\"num\">£2,977,748.00</td>"),
        "full-area inputs"
    );
}

#[test]
fn report_sensitivity_simulate_and_check_name_the_scenario_they_show() {
    let html = stdout(&sroi(&["report", THURROCK, "--scenario", "cautious"]));
    assert!(
        html.contains(
            "<h1>Local Area Coordination in Thurrock, scenario &quot;cautious&quot;</h1>"
        )
    );
    assert!(html.contains("Every figure on this page is of the scenario &quot;cautious&quot;."));
    assert!(!html.contains("The model declares no scenarios."));
    let sensitivity = json_of(&sroi(&[
        "sensitivity",
        THURROCK,
        "--scenario",
        "cautious",
        "-f",
        "json",
    ]));
    assert_eq!(sensitivity["scenario"]["name"], "cautious");
    assert_eq!(
        sensitivity["scenarios"],
        json!([]),
        "one scenario is not applied on another"
    );
    let calc = calc_scenario(THURROCK, "cautious");
    assert_eq!(sensitivity["base"]["present_value"], calc["present_value"]);
    let simulation = json_of(&sroi(&[
        "simulate",
        THURROCK,
        "--scenario",
        "cautious",
        "--draws",
        "10",
        "-f",
        "json",
    ]));
    assert_eq!(simulation["scenario"]["name"], "cautious");
    let table = stdout(&sroi(&[
        "simulate",
        THURROCK,
        "--scenario",
        "cautious",
        "--draws",
        "10",
    ]));
    assert!(
        table.starts_with(
            "Simulation of Local Area Coordination in Thurrock, scenario \"cautious\"\n"
        )
    );
    let csv = stdout(&sroi(&[
        "sensitivity",
        THURROCK,
        "--scenario",
        "cautious",
        "-f",
        "csv",
    ]));
    assert!(
        csv.lines()
            .nth(1)
            .is_some_and(|row| row.starts_with("base,cautious,")),
        "{csv}"
    );
    let csv = stdout(&sroi(&[
        "simulate",
        THURROCK,
        "--scenario",
        "cautious",
        "--draws",
        "10",
        "-f",
        "csv",
    ]));
    assert!(csv.lines().nth(1) == Some("run,scenario,cautious"), "{csv}");
    let check = sroi(&[
        "check",
        "--deny",
        "warnings",
        "--scenario",
        "cautious",
        "models/",
    ]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let text = stdout(&check);
    assert!(
        text.contains("models/thurrock.toml scenario \"cautious\": ok"),
        "{text}"
    );
    assert!(
        text.contains("models/derby.toml scenario \"cautious\": ok"),
        "{text}"
    );
    // The lints see the scenario, not the model as written: full-area's
    // cohorts (x 20/9) outgrow the Level 2 group's declared size, which a
    // scenario cannot change. A warning, so the check still passes.
    let check = sroi(&["check", "--scenario", "full-area", THURROCK]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(stderr(&check).contains("warning[SROI302]: outcome `l2_isolation` counts"));
    let unknown = sroi(&["check", "--scenario", "optimistic", THURROCK]);
    assert_eq!(unknown.status.code(), Some(2));
}
