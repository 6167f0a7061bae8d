//! Unit tests of the lints and the policy, on small models written inline.
//! The base model passes every lint; each test changes one thing and names
//! the code it expects, with the arithmetic that makes it fire.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::*;
use crate::diagnostic::SourceFile;
use crate::model::{Limits, parse_model};

/// At 0%: good 10 × £100 × (1 − 20%)(1 − 25%) = £600, then £480 after 20%
/// drop-off: £1,080. other: 10 × £100 × 0.6 = £600 once. bad: 1 × −£100 ×
/// (1 − 10%) = −£90. PV 1,080 + 600 − 90 = £1,590 for £1,000: ratio 1.59.
/// Largest share 1,080 / 1,590 = 67.9%, so SROI104 is allowed in the base.
const BASE: &str = r#"
[analysis]
name = "t"
[conventions]
discount_rate = "0%"
[[stakeholders]]
id = "funder"
[[stakeholders]]
id = "people"
size = 100
[[inputs]]
stakeholder = "funder"
description = "Money"
amount = 1_000
[[outcomes]]
id = "good"
stakeholder = "people"
indicator = "i"
quantity = 10
proxy = 100
proxy_description = "d"
proxy_source = "s"
deadweight = "20%"
attribution = "25%"
drop_off = "20%"
duration = 2
[[outcomes]]
id = "other"
stakeholder = "people"
indicator = "i"
quantity = 10
proxy = 100
proxy_description = "d"
proxy_source = "s"
deadweight = "20%"
attribution = "25%"
duration = 1
[[outcomes]]
id = "bad"
stakeholder = "people"
indicator = "i"
quantity = 1
proxy = -100
proxy_description = "d"
proxy_source = "s"
deadweight = "10%"
duration = 1
"#;

const ACCEPT_DOMINANCE: &str =
    "\n[check]\nallow = [{ code = \"SROI104\", reason = \"the base leans on one outcome\" }]\n";

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap_or_else(|_| panic!("bad decimal {text}"))
}

fn model(text: &str) -> Model {
    let source = SourceFile::new("t.toml", text);
    parse_model(&source, Limits::DEFAULT)
        .unwrap_or_else(|d| panic!("invalid test model:\n{}", d.render(&source)))
}

/// The codes that count against the model (not accepted), in file order.
fn failing_codes(text: &str, policy: &Policy) -> Vec<Code> {
    let model = model(text);
    let results = calc::calculate(&model).unwrap_or_else(|d| panic!("{}", d.message));
    policy
        .apply(&model, lint(&model, &results, policy.min_ratio))
        .into_iter()
        .filter(|f| f.allowed.is_none())
        .map(|f| f.code)
        .collect()
}

fn codes(text: &str) -> Vec<Code> {
    failing_codes(&format!("{text}{ACCEPT_DOMINANCE}"), &Policy::default())
}

#[test]
fn the_base_model_passes_every_lint() {
    assert_eq!(codes(BASE), []);
    assert_eq!(
        failing_codes(BASE, &Policy::default()),
        [Code::DominantOutcome]
    );
}

#[test]
fn over_claiming_lints_fire_on_the_change_that_trips_them() {
    let no_deductions = BASE.replacen(
        "deadweight = \"20%\"\nattribution = \"25%\"\ndrop_off",
        "drop_off",
        1,
    );
    assert_eq!(codes(&no_deductions), [Code::NoDeductions]);
    let long = BASE.replacen("duration = 2", "duration = 6", 1);
    assert_eq!(codes(&long), [Code::LongDuration]);
    let no_drop_off = BASE.replacen("drop_off = \"20%\"", "drop_off = \"0%\"", 1);
    assert_eq!(codes(&no_drop_off), [Code::NoDropOff]);
    // 50% is the 90th percentile and passes; 50.5% is above it.
    assert_eq!(codes(&BASE.replacen("\"20%\"", "\"50%\"", 1)), []);
    assert_eq!(
        codes(&BASE.replacen("\"20%\"", "\"50.5%\"", 1)),
        [Code::HighDeadweight]
    );
    assert_eq!(
        codes(&BASE.replacen("\"25%\"", "\"54%\"", 1)),
        [Code::HighAttribution]
    );
    assert_eq!(
        codes(&BASE.replacen("drop_off = \"20%\"", "drop_off = \"51%\"", 1)),
        [Code::HighDropOff]
    );
}

#[test]
fn one_outcome_above_half_of_the_value_is_flagged_and_half_is_not() {
    // A third outcome of q × £100 × 0.6 makes the PV 1,590 + 60q. `good`
    // carries exactly half when 1,080 = (1,590 + 60q) / 2, at q = 9.5;
    // at q = 9.4 it carries 1,080 / 2,154 = 50.14%.
    let third = |quantity: &str| {
        format!(
            "{BASE}[[outcomes]]\nid = \"third\"\nstakeholder = \"people\"\nindicator = \"i\"\n\
             quantity = {quantity}\nproxy = 100\nproxy_description = \"d\"\nproxy_source = \"s\"\n\
             deadweight = \"20%\"\nattribution = \"25%\"\nduration = 1\n"
        )
    };
    assert_eq!(failing_codes(&third("9.5"), &Policy::default()), []);
    assert_eq!(
        failing_codes(&third("9.4"), &Policy::default()),
        [Code::DominantOutcome]
    );
}

#[test]
fn a_ratio_above_the_90th_percentile_is_flagged() {
    // Inputs of £150: 1,590 / 150 = 10.6 > 10.2. Inputs of £160: 9.94.
    assert_eq!(
        codes(&BASE.replacen("amount = 1_000", "amount = 150", 1)),
        [Code::HighRatio]
    );
    assert_eq!(
        codes(&BASE.replacen("amount = 1_000", "amount = 160", 1)),
        []
    );
}

#[test]
fn transparency_lints_fire_on_missing_text() {
    assert_eq!(
        codes(&BASE.replacen("indicator = \"i\"\n", "", 1)),
        [Code::NoIndicator]
    );
    assert_eq!(
        codes(&BASE.replacen("proxy_source = \"s\"\n", "", 1)),
        [Code::ProxyWithoutSource]
    );
    assert_eq!(
        codes(&BASE.replacen("proxy_description = \"d\"", "proxy_description = \" \"", 1)),
        [Code::ProxyWithoutDescription]
    );
    assert_eq!(
        codes(&BASE.replacen("description = \"Money\"\n", "", 1)),
        [Code::InputWithoutDescription]
    );
}

#[test]
fn completeness_lints_fire_on_gaps_in_the_map() {
    let idle = BASE.replacen(
        "[[inputs]]",
        "[[stakeholders]]\nid = \"idle\"\n[[inputs]]",
        1,
    );
    assert_eq!(codes(&idle), [Code::IdleStakeholder]);
    // In a group of 10, cohorts of 5 and 6 are 11 people; 5 and 5 fit.
    let small_group = BASE.replacen("size = 100", "size = 10", 1);
    let crowded = small_group.replacen("quantity = 10", "quantity = [5, 6]", 1);
    assert_eq!(codes(&crowded), [Code::QuantityAboveSize]);
    let fitting = small_group.replacen("quantity = 10", "quantity = [5, 5]", 1);
    assert_eq!(codes(&fitting), []);
    assert_eq!(
        codes(&BASE.replacen("proxy = -100", "proxy = 100", 1)),
        [Code::NoNegativeOutcome]
    );
    let spread = BASE.replacen("amount = 1_000", "amount = [500, 500]", 1);
    assert_eq!(codes(&spread), [Code::InputsUndiscounted]);
    let discounted = spread.replacen(
        "[conventions]",
        "[conventions]\ninputs_discounted = true",
        1,
    );
    assert_eq!(codes(&discounted), []);
}

#[test]
fn published_figures_must_be_reproduced_within_the_tolerance() {
    // PV 1,590. Stated 1,597: |1,590 − 1,597| = 7 ≤ 0.5% × 1,597 = 7.985.
    // Stated 1,599: 9 > 0.5% × 1,599 = 7.995.
    let published =
        |pv: &str| format!("{BASE}[published]\npresent_value = {pv}\ntolerance = \"0.5%\"\n");
    assert_eq!(codes(&published("1_597")), []);
    assert_eq!(codes(&published("1_599")), [Code::PublishedNotReproduced]);
    let drifted = model(&published("1_599"));
    let results = calc::calculate(&drifted).unwrap_or_else(|d| panic!("{}", d.message));
    let message = lint(&drifted, &results, None)
        .into_iter()
        .find(|f| f.code == Code::PublishedNotReproduced)
        .map(|f| f.message);
    assert_eq!(
        message.as_deref(),
        Some(
            "[published] present_value is £1,599 but the model gives £1,590.00 (0.56% away, beyond the tolerance of 0.5%)"
        )
    );
}

#[test]
fn a_minimum_ratio_fails_a_model_below_it() {
    // Ratio 1.59: a minimum of 1.6 fails it, 1.59 does not.
    let policy = |x: &str| Policy {
        min_ratio: Some(dec(x)),
        ..Policy::default()
    };
    let text = format!("{BASE}{ACCEPT_DOMINANCE}");
    assert_eq!(
        failing_codes(&text, &policy("1.6")),
        [Code::RatioBelowMinimum]
    );
    assert_eq!(failing_codes(&text, &policy("1.59")), []);
}

#[test]
fn the_policy_accepts_with_a_reason_or_denies_but_never_accepts_an_error() {
    let accepting = model(&format!("{BASE}{ACCEPT_DOMINANCE}"));
    let results = calc::calculate(&accepting).unwrap_or_else(|d| panic!("{}", d.message));
    let raw = lint(&accepting, &results, None);
    let deny_all = Policy {
        deny_warnings: true,
        ..Policy::default()
    };
    let settled = deny_all.apply(&accepting, raw);
    // The model's reasoned allow beats --deny warnings.
    assert_eq!(settled.len(), 1);
    assert!(!settled[0].fails());
    assert_eq!(
        settled[0].allowed.as_ref().map(Allowed::reason),
        Some("the base leans on one outcome")
    );
    let bare = model(BASE);
    let denied = deny_all.apply(&bare, lint(&bare, &results, None));
    assert_eq!(denied[0].severity, Severity::Error);
    assert_eq!(denied[0].denied_by.as_deref(), Some("--deny warnings"));
    let allowed = Policy {
        allow: vec![Code::DominantOutcome],
        ..deny_all.clone()
    };
    assert!(
        allowed
            .apply(&bare, lint(&bare, &results, None))
            .iter()
            .all(|f| !f.fails())
    );
    let contradictory = Policy {
        deny: vec![Code::NoIndicator],
        allow: vec![Code::NoIndicator],
        ..Policy::default()
    };
    assert_eq!(
        contradictory.validate(),
        Err(PolicyError::AllowedAndDenied(Code::NoIndicator))
    );
    let accepts_an_error = Policy {
        allow: vec![Code::PublishedNotReproduced],
        ..Policy::default()
    };
    assert_eq!(
        accepts_an_error.validate(),
        Err(PolicyError::ErrorAllowed(Code::PublishedNotReproduced))
    );
}
