//! `sroi sensitivity`: the tornado and the switching values, checked by hand
//! on the spec's section 3 example, and every switching value put back into
//! the model and recomputed with `calculate`, which must give the target
//! ratio to 4 places.
//!
//! The example: one outcome of quantity 100, proxy £800, deadweight 25%,
//! drop-off 10%, duration 2, inputs £100,000, default conventions. Its value
//! is £60,000 in year 1 and £54,000 in year 2, so PV = 60,000 / 1.035 +
//! 54,000 / 1.035² = £108,380.59 and the ratio is 1.0838.

use std::str::FromStr;

use rust_decimal::Decimal;
use sroi::calc::calculate;
use sroi::diagnostic::SourceFile;
use sroi::model::{Assumption, Limits, Model, parse_model};
use sroi::number::round;
use sroi::sensitivity::{Analysis, Parameter, Steps, Swing, Switching, analyse};

use crate::support::{sroi, sroi_with_stdin, stderr, stdout};

pub const EXAMPLE: &str = r#"
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
"#;

pub fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap_or_else(|_| panic!("bad decimal {text}"))
}

pub fn model(text: &str) -> Model {
    let source = SourceFile::new("test.toml", text);
    parse_model(&source, Limits::DEFAULT)
        .unwrap_or_else(|d| panic!("invalid test model:\n{}", d.render(&source)))
}

fn analysis(model: &Model, target: &str) -> Analysis {
    let results = calculate(model).expect("the model computes");
    analyse(model, &results, &Steps::default(), dec(target)).expect("the analysis runs")
}

fn swing<'a>(analysis: &'a Analysis, model: &Model, name: &str) -> &'a Swing {
    analysis
        .tornado
        .iter()
        .find(|s| s.parameter.name(model) == name)
        .unwrap_or_else(|| panic!("no swing for {name}"))
}

fn switching<'a>(analysis: &'a Analysis, model: &Model, name: &str) -> &'a Switching {
    analysis
        .switching
        .iter()
        .find(|s| s.parameter.name(model) == name)
        .unwrap_or_else(|| panic!("no switching value for {name}"))
}

pub(crate) fn four(value: Decimal) -> String {
    round(value, 4).to_string()
}

/// (low value, low ratio, high value, high ratio), ratios to 4 places.
fn ends(swing: &Swing) -> (String, String, String, String) {
    (
        swing.low.value.normalize().to_string(),
        four(swing.low.ratio),
        swing.high.value.normalize().to_string(),
        four(swing.high.ratio),
    )
}

fn strings(a: &str, b: &str, c: &str, d: &str) -> (String, String, String, String) {
    (a.into(), b.into(), c.into(), d.into())
}

#[test]
fn the_tornado_of_the_spec_example_matches_the_hand_worked_figures() {
    let model = model(EXAMPLE);
    let analysis = analysis(&model, "1");
    let at = |name| ends(swing(&analysis, &model, name));
    // Proxy and quantity ±20%: the ratio scales, 1.0838 × 0.8 and × 1.2.
    assert_eq!(
        at("isolation.proxy"),
        strings("640", "0.8670", "960", "1.3006")
    );
    assert_eq!(
        at("isolation.quantity"),
        strings("80", "0.8670", "120", "1.3006")
    );
    // Deadweight 15% and 35%: the net 0.85 or 0.65 instead of 0.75.
    assert_eq!(
        at("isolation.deadweight"),
        strings("0.15", "1.2283", "0.35", "0.9393")
    );
    // Displacement 0% cannot go lower; at 10% the net is 0.75 × 0.9.
    assert_eq!(
        at("isolation.displacement"),
        strings("0", "1.0838", "0.1", "0.9754")
    );
    // Drop-off 0%: (60,000/1.035 + 60,000/1.035²) / 100,000; 20%: 48,000 in year 2.
    assert_eq!(
        at("isolation.drop_off"),
        strings("0", "1.1398", "0.2", "1.0278")
    );
    // Duration 1: 60,000/1.035; duration 3 adds 48,600/1.035³.
    assert_eq!(
        at("isolation.duration"),
        strings("1", "0.5797", "3", "1.5222")
    );
    // Inputs ±20%: 108,380.59 / 80,000 and / 120,000.
    assert_eq!(at("inputs"), strings("80000", "1.3548", "120000", "0.9032"));
    // The discount rate ±1 point: 2.5% and 4.5%, both years rediscounted.
    assert_eq!(
        at("discount_rate"),
        strings("0.025", "1.0993", "0.045", "1.0687")
    );
    // Widest first: duration (0.9425), inputs (0.4516), then quantity and proxy
    // (0.4335 each) in the model's order.
    let order: Vec<String> = analysis
        .tornado
        .iter()
        .map(|s| s.parameter.name(&model))
        .collect();
    assert_eq!(
        order[..4],
        [
            "isolation.duration",
            "inputs",
            "isolation.quantity",
            "isolation.proxy"
        ]
    );
}

#[test]
fn the_switching_values_of_the_spec_example_match_the_hand_worked_figures() {
    let model = model(EXAMPLE);
    let analysis = analysis(&model, "1");
    let value = |name| {
        let s = switching(&analysis, &model, name);
        s.switch
            .as_ref()
            .map(|p| round(p.value, 6).normalize().to_string())
    };
    // The outcome must lose 1 − 100,000 / 108,380.59 = 7.73% of its value.
    assert_eq!(value("isolation.proxy").as_deref(), Some("738.139535"));
    assert_eq!(value("isolation.quantity").as_deref(), Some("92.267442"));
    // Net 0.75 × 0.9227 = 0.6920: deadweight 30.80%, or displacement 7.73%.
    assert_eq!(value("isolation.deadweight").as_deref(), Some("0.307994"));
    assert_eq!(value("isolation.displacement").as_deref(), Some("0.077326"));
    assert_eq!(value("isolation.attribution").as_deref(), Some("0.077326"));
    // 60,000/1.035 + 60,000 (1 − d)/1.035² = 100,000 gives d = 24.9625% exactly.
    assert_eq!(value("isolation.drop_off").as_deref(), Some("0.249625"));
    // One year is worth 57,971.01: ratio 0.5797, the first duration at or below 1.
    assert_eq!(value("isolation.duration").as_deref(), Some("1"));
    assert_eq!(value("inputs").as_deref(), Some("108380.592313"));
    // With x = 1 / (1 + r): 54,000 x² + 60,000 x = 100,000, so
    // x = (−60,000 + √(60,000² + 4 × 54,000 × 100,000)) / 108,000 = 0.914306
    // and r = 1 / x − 1 = 9.3725%.
    assert_eq!(value("discount_rate").as_deref(), Some("0.093725"));
}

/// The model with one parameter set to `value`, as a user would edit it.
pub(crate) fn with(model: &Model, parameter: Parameter, value: Decimal, base: Decimal) -> Model {
    let mut changed = model.clone();
    match parameter {
        Parameter::Inputs => {
            for input in &mut changed.inputs {
                for amount in &mut input.amounts {
                    *amount = *amount * value / base;
                }
            }
        }
        Parameter::DiscountRate => changed.conventions.discount_rate = value,
        Parameter::Outcome(index, assumption) => {
            let outcome = &mut changed.outcomes[index];
            match assumption {
                Assumption::Proxy => outcome.proxy = value,
                // Every cohort moves in proportion to the total.
                Assumption::Quantity => {
                    for quantity in &mut outcome.quantities {
                        *quantity = *quantity * value / base;
                    }
                }
                Assumption::Duration => outcome.duration = u32::try_from(value).expect("years"),
                rate => rate.set_rate(outcome, value),
            }
        }
    }
    changed
}

pub(crate) fn ratio_of(model: &Model) -> Decimal {
    calculate(model).expect("computes").ratio
}

/// Put every reachable switching value back into the model and recompute it;
/// the fields checked (`proxy`, `drop_off`, `inputs` …).
fn assert_switching_values_give_the_target(text: &str, target: &str) -> Vec<String> {
    let model = model(text);
    let analysis = analysis(&model, target);
    let mut checked = Vec::new();
    for s in &analysis.switching {
        let Some(switch) = &s.switch else { continue };
        let changed = with(&model, s.parameter, switch.value, s.base);
        let ratio = ratio_of(&changed);
        let name = s.parameter.name(&model);
        if let Parameter::Outcome(_, Assumption::Duration) = s.parameter {
            // Whole years: the ratio reaches the target there, and not a year before.
            assert_eq!(four(ratio), four(switch.ratio), "{name}");
            let falling = analysis.ratio > dec(target);
            assert!(
                if falling {
                    ratio <= dec(target)
                } else {
                    ratio >= dec(target)
                },
                "{name}: {ratio}"
            );
        } else {
            assert_eq!(
                four(ratio),
                four(dec(target)),
                "{name} = {} gives {ratio}",
                switch.value
            );
        }
        checked.push(name.rsplit('.').next().unwrap_or_default().to_owned());
    }
    checked.sort();
    checked.dedup();
    checked
}

#[test]
fn every_switching_value_of_the_example_recomputes_to_the_target() {
    // Proxy, quantity, three deductions, drop-off, duration, inputs and the
    // discount rate (searched between the model's 3.5% and 100%).
    let checked = assert_switching_values_give_the_target(EXAMPLE, "1");
    assert_eq!(checked.len(), 9, "{checked:?}");
}

/// Two outcomes, cohorts per year, a negative outcome, a later start.
const MIXED: &str = r#"
[analysis]
name = "Mixed"

[conventions]
deductions = "DEDUCTIONS"

[[stakeholders]]
id = "people"

[[inputs]]
stakeholder = "people"
amount = [40_000, 30_000]

[[outcomes]]
id = "wellbeing"
stakeholder = "people"
quantity = [30, 45, 50]
proxy = 1_200
deadweight = "20%"
displacement = "10%"
attribution = "30%"
drop_off = "25%"
duration = 4

[[outcomes]]
id = "employment"
stakeholder = "people"
quantity = 12
proxy = 6_500
deadweight = "35%"
attribution = "15%"
drop_off = "40%"
duration = 3
start_year = 2

[[outcomes]]
id = "strain"
stakeholder = "people"
quantity = 20
proxy = -400
duration = 2
"#;

#[test]
fn switching_values_recompute_to_the_target_under_both_deduction_conventions() {
    // Targets below and above the base ratio (3.52 multiplied, 2.87 added), so every kind of
    // switching value is reached, falling and rising, in each convention.
    for deductions in ["multiplicative", "additive"] {
        let text = MIXED.replace("DEDUCTIONS", deductions);
        let mut checked = Vec::new();
        for target in ["2.5", "3.2", "4"] {
            checked.extend(assert_switching_values_give_the_target(&text, target));
        }
        checked.sort();
        checked.dedup();
        // The eight fields and the discount rate.
        assert_eq!(checked.len(), 9, "{deductions}: {checked:?}");
    }
}

#[test]
fn a_rise_towards_a_higher_target_is_found_and_an_impossible_one_is_not_reachable() {
    // Ratio 1.0838; for 1.5 the proxy must rise by 1.5 / 1.0838 to £1,107.21, while no
    // deadweight can help: even 0% gives only 1.0838 / 0.75 = 1.4451.
    let model = model(EXAMPLE);
    let analysis = analysis(&model, "1.5");
    let proxy = switching(&analysis, &model, "isolation.proxy");
    assert_eq!(
        proxy.switch.as_ref().map(|p| round(p.value, 2).to_string()),
        Some("1107.21".into())
    );
    assert_eq!(
        switching(&analysis, &model, "isolation.deadweight").switch,
        None
    );
    // A longer duration gets there: 3 years give 1.5222.
    let duration = switching(&analysis, &model, "isolation.duration");
    assert_eq!(
        duration.switch.as_ref().map(|p| p.value),
        Some(Decimal::from(3))
    );
    let checked = assert_switching_values_give_the_target(EXAMPLE, "1.5");
    assert_eq!(checked, ["duration", "inputs", "proxy", "quantity"]);
}

#[test]
fn a_proxy_keeps_its_sign() {
    // The ratio is 3.52; without the negative outcome `strain` (proxy 0) it
    // would be about 3.74, so reaching 5 would take a positive proxy: a
    // different outcome, not a switching value.
    let text = MIXED.replace("DEDUCTIONS", "multiplicative");
    let model = model(&text);
    let analysis = analysis(&model, "5");
    assert_eq!(switching(&analysis, &model, "strain.proxy").switch, None);
    // Towards a lower target it grows more negative, as it may.
    let analysis = self::analysis(&model, "2.5");
    let switch = switching(&analysis, &model, "strain.proxy").switch.clone();
    assert!(switch.is_some_and(|p| p.value < dec("-400")));
}

#[test]
fn additive_deductions_never_move_past_what_the_others_leave() {
    // wellbeing: 20% + 10% + 30% = 60%, so deadweight may rise to 60% at most.
    let text = MIXED
        .replace("DEDUCTIONS", "additive")
        .replace("deadweight = \"20%\"", "deadweight = \"55%\"");
    let model = model(&text);
    let analysis = analysis(&model, "1");
    let s = swing(&analysis, &model, "wellbeing.deadweight");
    assert_eq!(s.high.value, dec("0.6"));
    assert_eq!(s.low.value, dec("0.45"));
}

#[test]
fn the_json_has_the_keys_the_issue_fixes() {
    let output = sroi_with_stdin(&["sensitivity", "-", "--format", "json"], EXAMPLE);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let first = &json["one_at_a_time"][0];
    assert_eq!(first["parameter"], "isolation.duration");
    assert_eq!(first["low"]["value"], 1);
    assert_eq!(first["low"]["ratio"].as_f64(), Some(0.5797));
    assert_eq!(first["high"]["ratio"].as_f64(), Some(1.5222));
    let proxy = json["switching_values"]
        .as_array()
        .and_then(|all| all.iter().find(|s| s["parameter"] == "isolation.proxy"))
        .expect("a switching value for the proxy");
    assert_eq!(proxy["base"], 800);
    assert_eq!(proxy["switch"].as_f64(), Some(738.1395348837));
    assert!(json["scenarios"].as_array().is_some_and(Vec::is_empty));
    // Put back as written in the JSON, the proxy still gives 1.0000.
    let mut changed = model(EXAMPLE);
    changed.outcomes[0].proxy = dec("738.1395348837");
    assert_eq!(four(ratio_of(&changed)), "1.0000");
}

#[test]
fn a_switching_value_out_of_reach_is_null_in_json_and_said_plainly_in_the_table() {
    let json = sroi_with_stdin(
        &["sensitivity", "-", "--format", "json", "--target", "5"],
        EXAMPLE,
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("valid JSON");
    let deadweight = json["switching_values"]
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|s| s["parameter"] == "isolation.deadweight")
        })
        .expect("a switching value for the deadweight");
    assert!(deadweight["switch"].is_null());
    let table = stdout(&sroi_with_stdin(&["sensitivity", "-"], EXAMPLE));
    assert!(
        table.contains("the proxy for isolation would have to fall 7.73%, to £738.14"),
        "{table}"
    );
    assert!(
        table.contains("the drop-off of isolation would have to rise from 10% to 24.96%"),
        "{table}"
    );
    let table = stdout(&sroi_with_stdin(
        &["sensitivity", "-", "--target", "5"],
        EXAMPLE,
    ));
    assert!(
        table.contains("not reachable: no deadweight from 0% to 100% brings the ratio to 5"),
        "{table}"
    );
}

#[test]
fn every_format_writes_the_analysis() {
    for format in ["table", "csv", "markdown"] {
        let output = sroi_with_stdin(&["sensitivity", "-", "--format", format], EXAMPLE);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{format}: {}",
            stderr(&output)
        );
        // People read the outcome and the field; programs keep the id.
        let name = if format == "csv" {
            "isolation.proxy"
        } else {
            "isolation · proxy"
        };
        assert!(stdout(&output).contains(name), "{format}");
    }
    let csv = stdout(&sroi_with_stdin(
        &["sensitivity", "-", "--format", "csv"],
        EXAMPLE,
    ));
    assert!(
        csv.starts_with("kind,name,base,low_value,low_ratio,high_value,high_ratio,swing,switch")
    );
    assert!(csv.contains("\nparameter,isolation.proxy,800,640,0.8670,960,1.3006,0.4335,738.1395348837,1.0000,,,,\n"), "{csv}");
}

#[test]
fn the_tornado_and_switching_tables_name_outcomes_by_their_descriptions() {
    // Thurrock's l2_isolation is described "Less socially isolated: connected
    // with local people" (51 characters, so named by its first clause);
    // l2_control "Empowered to make their own decisions: feel more in control
    // of life" (68, likewise).
    let table = stdout(&sroi(&["sensitivity", "models/thurrock.toml"]));
    let (tornado, switching) = table
        .split_once("Switching values: where")
        .unwrap_or_default();
    for rows in [tornado, switching] {
        assert!(
            rows.contains("│ Less socially isolated · drop-off "),
            "{rows}"
        );
        assert!(
            rows.contains("│ Empowered to make their own decisions · quantity "),
            "{rows}"
        );
        assert!(rows.contains("│ Inputs "), "{rows}");
        assert!(!rows.contains("l2_isolation"), "{rows}");
    }
    assert!(table.contains("│ Every outcome · proxy "), "{table}");
    let json = stdout(&sroi(&[
        "sensitivity",
        "models/thurrock.toml",
        "--format",
        "json",
    ]));
    assert!(json.contains("\"l2_isolation.drop_off\""), "{json}");
}
