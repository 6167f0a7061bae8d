//! Group switching values: one field of many outcomes moved together. Each
//! change is put back into the model as a scenario (the same `change`
//! entries a user would write) and the model recomputed: the ratio is the
//! target to 4 places, or for durations the ratio the analysis reports.

use rust_decimal::Decimal;
use sroi::calc::calculate;
use sroi::model::Model;
use sroi::number::round;
use sroi::sensitivity::groups::{GroupSwitching, Members, Unit};
use sroi::sensitivity::{Steps, analyse};

use crate::sensitivity::{EXAMPLE, dec, model};
use crate::support::{root, sroi, stderr, stdout};

/// The model with one more scenario, `group`, making `change`.
fn with_change(text: &str, change: &str) -> Model {
    model(&format!(
        "{text}\n[[scenarios]]\nname = \"put back\"\nchange = {{ {change} }}\n"
    ))
}

/// The `change` entries that make the group's move: its `*` address, or
/// each of the stakeholder's outcomes by id. Changes as JSON writes them
/// (10 places), as percentages or whole years.
fn change_entries(model: &Model, group: &GroupSwitching, change: Decimal) -> String {
    let field = group.field.key();
    let amount = match group.unit {
        Unit::Years => format!("{:+}", change.normalize()),
        Unit::Relative | Unit::Points => {
            let percent = round(round(change, 10) * Decimal::ONE_HUNDRED, 8).normalize();
            let sign = if percent >= Decimal::ZERO { "+" } else { "" };
            format!("\"{sign}{percent}%\"")
        }
    };
    match group.members {
        Members::Every => format!("\"*.{field}\" = {amount}"),
        Members::Stakeholder(index) => model
            .outcomes
            .iter()
            .filter(|o| o.stakeholder == index)
            .map(|o| format!("\"{}.{field}\" = {amount}", o.id))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// Check every reachable group of the model at `target`; how many there were.
fn put_back(text: &str, target: &str) -> usize {
    let model = model(text);
    let results = calculate(&model).expect("computes");
    let target = dec(target);
    let analysis = analyse(&model, &results, &Steps::default(), target).expect("analyses");
    let mut checked = 0;
    for group in &analysis.groups {
        let Some(switch) = &group.switch else {
            continue;
        };
        let entries = change_entries(&model, group, switch.change);
        let varied = with_change(text, &entries);
        let scenario = varied.scenarios.last().expect("the scenario");
        let ratio = sroi::scenario::evaluate(&varied, scenario)
            .expect("the scenario computes")
            .ratio;
        let address = group.address(&model);
        if group.unit == Unit::Years {
            assert_eq!(round(ratio, 4), round(switch.ratio, 4), "{address}");
            let reached = if results.ratio > target {
                ratio <= target
            } else {
                ratio >= target
            };
            assert!(reached, "{address}: {ratio} does not reach {target}");
        } else {
            assert_eq!(round(ratio, 4), round(target, 4), "{address}: {entries}");
        }
        checked += 1;
    }
    checked
}

#[test]
fn every_proxy_together_is_one_over_the_ratio_less_one_on_the_bundled_models() {
    // Every proxy times (1 + c) scales the present value by (1 + c), so the
    // ratio reaches 1 at c = 1 / ratio − 1. The ratio is read from the model
    // at test time, as the bundled figures may be revised.
    for name in ["derby", "thurrock"] {
        let text = std::fs::read_to_string(root().join(format!("models/{name}.toml")))
            .expect("the bundled model");
        let model = model(&text);
        let results = calculate(&model).expect("computes");
        let analysis = analyse(&model, &results, &Steps::default(), dec("1")).expect("analyses");
        let every_proxy = analysis
            .groups
            .iter()
            .find(|g| g.members == Members::Every && g.address(&model) == "*.proxy")
            .and_then(|g| g.switch.as_ref())
            .expect("every proxy reaches 1");
        let expected = Decimal::ONE / results.ratio - Decimal::ONE;
        assert_eq!(round(every_proxy.change, 10), round(expected, 10), "{name}");
        // Quantities scale the value the same way.
        let every_quantity = analysis
            .groups
            .iter()
            .find(|g| g.address(&model) == "*.quantity")
            .and_then(|g| g.switch.as_ref())
            .expect("every quantity reaches 1");
        assert_eq!(
            round(every_quantity.change, 10),
            round(expected, 10),
            "{name}"
        );
    }
}

#[test]
fn group_switching_values_put_back_into_the_model_give_the_target() {
    for name in ["derby", "thurrock"] {
        let text = std::fs::read_to_string(root().join(format!("models/{name}.toml")))
            .expect("the bundled model");
        // At 1 only the model-wide groups reach; at 3 the stakeholders' do too.
        assert!(put_back(&text, "1") >= 5, "{name} at 1");
        assert!(put_back(&text, "3") >= 14, "{name} at 3");
    }
    // The example (ratio 1.0838) reaches 1 by drop-off and by duration too:
    // all seven fields, for every outcome and for its one stakeholder.
    assert_eq!(put_back(EXAMPLE, "1"), 14);
}

#[test]
fn the_example_by_hand() {
    // One outcome: PV = 100 × 800 × (1 − d) × (1/1.035 + 0.9/1.035²) with
    // d = 25%, ratio 1.0838. The ratio is 1 when 1 − d = 0.75 / 1.0838, that
    // is at d = 1 − 0.692003 = 30.7997%: 5.7997 points more. One year
    // instead of two leaves 57,971.01 / 100,000 = 0.5797.
    let model = model(EXAMPLE);
    let results = calculate(&model).expect("computes");
    let analysis = analyse(&model, &results, &Steps::default(), dec("1")).expect("analyses");
    let find = |address: &str| {
        analysis
            .groups
            .iter()
            .find(|g| g.members == Members::Every && g.address(&model) == address)
            .and_then(|g| g.switch.clone())
            .expect("reachable")
    };
    let deadweight = find("*.deadweight");
    let expected = Decimal::ONE - dec("0.75") / results.ratio - dec("0.25");
    assert_eq!(round(deadweight.change, 8), round(expected, 8));
    assert_eq!(round(deadweight.change, 4), dec("0.0580"));
    let duration = find("*.duration");
    assert_eq!(duration.change, dec("-1"));
    assert_eq!(round(duration.ratio, 4), dec("0.5797"));
}

#[test]
fn json_lists_the_groups_first_with_no_base_and_their_unit() {
    let output = sroi(&["sensitivity", "models/derby.toml", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let first = &json["switching_values"][0];
    assert_eq!(first["parameter"], "*.proxy");
    assert!(first["base"].is_null());
    assert_eq!(first["unit"], "relative");
    assert!(
        first["switch"]
            .as_f64()
            .is_some_and(|c| c < 0.0 && c > -1.0)
    );
    let units: Vec<&str> = json["switching_values"]
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|entry| entry["unit"].as_str())
        .collect();
    for unit in ["relative", "points", "years"] {
        assert!(units.contains(&unit), "{unit}");
    }
    let table = stdout(&sroi(&["sensitivity", "models/derby.toml"]));
    let groups = table
        .find("Switching values for groups")
        .expect("the groups");
    let singles = table
        .find("Switching values: where")
        .expect("the one-at-a-time values");
    assert!(groups < singles, "groups first");
    assert!(table.contains("every proxy would have to fall"));
}
