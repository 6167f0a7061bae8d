//! Named scenarios: applied to the model as if its file said so, then
//! computed exactly as `calc` computes a model. Figures are worked from the
//! spec's section 3 example (PV £108,380.59, inputs £100,000, ratio 1.0838)
//! and a second outcome added to it.

use rust_decimal::Decimal;
use sroi::calc::calculate;
use sroi::number::round;
use sroi::scenario;

use crate::sensitivity::{EXAMPLE, dec, model};
use crate::support::{sroi_with_stdin, stderr, stdout};

/// The example plus an outcome of 10 × £5,000, attribution 30%, for 3 years.
fn two_outcomes(scenarios: &str) -> String {
    format!(
        "{EXAMPLE}
[[outcomes]]
id = \"employment\"
stakeholder = \"individuals\"
quantity = 10
proxy = 5_000
attribution = \"30%\"
duration = 3
{scenarios}"
    )
}

fn money(value: Decimal) -> String {
    round(value, 2).to_string()
}

#[test]
fn a_scenario_with_no_overrides_equals_the_base() {
    let model = model(&two_outcomes("[[scenarios]]\nname = \"as is\"\n"));
    let base = calculate(&model).expect("computes");
    let as_is = scenario::evaluate(&model, &model.scenarios[0]).expect("applies");
    assert_eq!(as_is, base);
}

#[test]
fn a_star_override_applies_to_every_outcome() {
    // Every proxy 20% lower: every value, and so the total, is 80% of the base.
    let model = model(&two_outcomes(
        "[[scenarios]]\nname = \"cheaper\"\nchange = { \"*.proxy\" = \"-20%\" }\n",
    ));
    let base = calculate(&model).expect("computes");
    let applied = scenario::apply(&model, &model.scenarios[0]).expect("applies");
    assert_eq!(applied.outcomes[0].proxy, dec("640"));
    assert_eq!(applied.outcomes[1].proxy, dec("4000"));
    let cheaper = calculate(&applied).expect("computes");
    assert_eq!(
        money(cheaper.present_value),
        money(base.present_value * dec("0.8"))
    );
}

#[test]
fn an_outcome_s_own_override_wins_over_the_star() {
    let model = model(&two_outcomes(
        "[[scenarios]]\nname = \"mixed\"\nset = { \"*.deadweight\" = \"40%\", \"employment.deadweight\" = \"10%\" }\n",
    ));
    let applied = scenario::apply(&model, &model.scenarios[0]).expect("applies");
    assert_eq!(applied.outcomes[0].deadweight, dec("0.4"));
    assert_eq!(applied.outcomes[1].deadweight, dec("0.1"));
}

#[test]
fn changes_move_rates_in_points_within_their_range_and_durations_in_years() {
    // Deadweight 25% + 60 points would be 85%; + 90 points stops at 100%.
    // Duration 2 − 5 years stops at 1; quantity +50% of 100 is 150.
    let model = model(&two_outcomes(
        "[[scenarios]]\nname = \"moved\"\nchange = { \"isolation.deadweight\" = \"+90%\", \"*.duration\" = -5, \"isolation.quantity\" = \"+50%\", \"employment.attribution\" = \"-50%\" }\n",
    ));
    let applied = scenario::apply(&model, &model.scenarios[0]).expect("applies");
    assert_eq!(applied.outcomes[0].deadweight, Decimal::ONE);
    assert_eq!(applied.outcomes[0].duration, 1);
    assert_eq!(applied.outcomes[1].duration, 1);
    assert_eq!(applied.outcomes[0].quantities, vec![dec("150")]);
    assert_eq!(applied.outcomes[1].attribution, Decimal::ZERO);
}

#[test]
fn inputs_and_the_discount_rate_can_be_set_or_changed() {
    // Inputs set to £150,000: ratio 108,380.59 / 150,000 = 0.7225.
    // A flat rate of 0%: PV 60,000 + 54,000 = 114,000, ratio 1.14.
    let model = model(&format!(
        "{EXAMPLE}\n[[scenarios]]\nname = \"dear\"\nset = {{ inputs = 150_000 }}\n\n[[scenarios]]\nname = \"undiscounted\"\nset = {{ discount_rate = 0 }}\n"
    ));
    let dear = scenario::evaluate(&model, &model.scenarios[0]).expect("applies");
    assert_eq!(round(dear.ratio, 4).to_string(), "0.7225");
    let undiscounted = scenario::evaluate(&model, &model.scenarios[1]).expect("applies");
    assert_eq!(money(undiscounted.present_value), "114000.00");
}

#[test]
fn sensitivity_shows_the_scenarios_beside_the_base() {
    let text = two_outcomes(
        "[[scenarios]]\nname = \"cautious\"\ndescription = \"Everything 20% dearer to achieve\"\nchange = { inputs = \"+20%\" }\n\n[[scenarios]]\nname = \"as is\"\n",
    );
    let output = sroi_with_stdin(&["sensitivity", "-", "--format", "json"], &text);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let scenarios = json["scenarios"].as_array().expect("scenarios");
    assert_eq!(scenarios.len(), 2);
    assert_eq!(scenarios[0]["name"], "cautious");
    assert_eq!(scenarios[1]["present_value"], json["base"]["present_value"]);
    assert_eq!(scenarios[1]["ratio"], json["base"]["ratio"]);
    // Inputs 20% higher: the same value over 120,000.
    let ratio = json["base"]["present_value"].as_f64().unwrap_or_default() / 120_000.0;
    let cautious = scenarios[0]["ratio"].as_f64().unwrap_or_default();
    assert!(
        (cautious - ratio).abs() < 0.00005,
        "{cautious} against {ratio}"
    );
    let table = stdout(&sroi_with_stdin(&["sensitivity", "-"], &text));
    assert!(table.contains("Scenarios beside the base"), "{table}");
    assert!(
        table.contains("Everything 20% dearer to achieve"),
        "{table}"
    );
}
