//! Two small models worked by hand, at a 0% discount rate so that every
//! figure can be checked on paper.
//!
//! Model A: inputs £10,000 in year 1 (council).
//!   jobs (people): 10 × £1,000 × (1 − 20%)(1 − 50%) = £4,000 in year 1,
//!                  × (1 − 50%) = £2,000 in year 2: PV £6,000
//!   savings (council): 1 × £6,000 in year 1: PV £6,000
//!   PV £12,000, NPV £2,000, ratio 1.2, net ratio 0.2,
//!   payback 10,000 / (10,000 / 12) = 12 months.
//! Model B: inputs £12,000 in year 1 (council).
//!   jobs (people): 20 × £1,000 × 0.4 = £8,000, then £4,000: PV £12,000
//!   admissions (nhs): 2 × £3,000 × (1 − 50%) = £3,000: PV £3,000
//!   PV £15,000, NPV £3,000, ratio 1.25, net ratio 0.25,
//!   payback 12,000 / (11,000 / 12) = 13.0909… months.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::*;
use crate::diagnostic::SourceFile;
use crate::model::{Limits, parse_model};
use crate::number::round;

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap_or_else(|_| panic!("bad decimal {text}"))
}

const A: &str = r#"
[analysis]
name = "A"
[conventions]
discount_rate = "0%"
[[stakeholders]]
id = "council"
[[stakeholders]]
id = "people"
[[inputs]]
stakeholder = "council"
amount = 10_000
[[outcomes]]
id = "jobs"
stakeholder = "people"
quantity = 10
proxy = 1_000
deadweight = "20%"
attribution = "50%"
drop_off = "50%"
duration = 2
[[outcomes]]
id = "savings"
stakeholder = "council"
quantity = 1
proxy = 6_000
duration = 1
"#;

const B: &str = r#"
[analysis]
name = "B"
[conventions]
discount_rate = "0%"
[[stakeholders]]
id = "council"
[[stakeholders]]
id = "people"
[[stakeholders]]
id = "nhs"
[[inputs]]
stakeholder = "council"
amount = 12_000
[[outcomes]]
id = "jobs"
stakeholder = "people"
quantity = 20
proxy = 1_000
deadweight = "20%"
attribution = "50%"
drop_off = "50%"
duration = 2
[[outcomes]]
id = "admissions"
stakeholder = "nhs"
quantity = 2
proxy = 3_000
deadweight = "50%"
duration = 1
"#;

fn subject(path: &str, text: &str) -> Subject {
    let source = SourceFile::new(path, text);
    let model = parse_model(&source, Limits::DEFAULT)
        .unwrap_or_else(|d| panic!("invalid test model:\n{}", d.render(&source)));
    Subject {
        path: path.to_owned(),
        model,
    }
}

fn compared(models: &[(&str, &str)], same_conventions: bool) -> Comparison {
    let subjects: Vec<Subject> = models.iter().map(|(p, t)| subject(p, t)).collect();
    compare(&subjects, same_conventions)
        .unwrap_or_else(|failure| panic!("comparison failed: {}", failure.diagnostic.message))
}

fn figure(comparison: &Comparison, model: usize, figure: Figure) -> Option<Decimal> {
    comparison.models[model].headline.get(figure)
}

#[test]
fn headline_figures_of_each_model_are_those_worked_by_hand() {
    let c = compared(&[("a.toml", A), ("b.toml", B)], false);
    assert_eq!(figure(&c, 0, Figure::PresentValue), Some(dec("12000")));
    assert_eq!(figure(&c, 0, Figure::Ratio), Some(dec("1.2")));
    assert_eq!(figure(&c, 0, Figure::PaybackMonths), Some(dec("12")));
    assert_eq!(figure(&c, 1, Figure::Inputs), Some(dec("12000")));
    assert_eq!(figure(&c, 1, Figure::NetPresentValue), Some(dec("3000")));
    assert_eq!(figure(&c, 1, Figure::NetRatio), Some(dec("0.25")));
    let payback = figure(&c, 1, Figure::PaybackMonths).map(|m| round(m, 2));
    assert_eq!(payback, Some(dec("13.09")));
    assert!(c.comparable());
}

#[test]
fn differences_are_b_minus_a_and_relative_to_a() {
    let c = compared(&[("a.toml", A), ("b.toml", B)], false);
    let diff = |f| {
        c.difference(1, f)
            .map(|d| (d.change, d.relative.map(|r| round(r, 4))))
    };
    // 12,000 − 10,000 = 2,000, 2,000 / 10,000 = 20%.
    assert_eq!(
        diff(Figure::Inputs),
        Some((dec("2000"), Some(dec("0.2000"))))
    );
    // 3,000 − 2,000 = 1,000, 1,000 / 2,000 = 50%.
    assert_eq!(
        diff(Figure::NetPresentValue),
        Some((dec("1000"), Some(dec("0.5000"))))
    );
    // 1.25 − 1.2 = 0.05, 0.05 / 1.2 = 0.041666…
    assert_eq!(
        diff(Figure::Ratio),
        Some((dec("0.05"), Some(dec("0.0417"))))
    );
}

#[test]
fn stakeholders_and_outcomes_are_matched_by_id() {
    let c = compared(&[("a.toml", A), ("b.toml", B)], false);
    let ids: Vec<&str> = c.stakeholders.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["council", "people", "nhs"]);
    // People: £6,000 of £12,000 in A (50%), £12,000 of £15,000 in B (80%).
    let people = &c.stakeholders[1];
    let shares: Vec<Option<Decimal>> = people
        .per_model
        .iter()
        .map(|f| f.as_ref().map(|f| f.share))
        .collect();
    assert_eq!(shares, [Some(dec("0.5")), Some(dec("0.8"))]);
    assert_eq!(c.stakeholders[2].presence(), Presence::Only(1));
    let outcomes: Vec<(&str, Presence)> = c
        .outcomes
        .iter()
        .map(|o| (o.id.as_str(), o.presence()))
        .collect();
    assert_eq!(
        outcomes,
        [
            ("jobs", Presence::All),
            ("savings", Presence::Only(0)),
            ("admissions", Presence::Only(1))
        ]
    );
}

#[test]
fn deductions_are_averaged_with_present_value_as_the_weight() {
    let c = compared(&[("a.toml", A), ("b.toml", B)], false);
    // A: deadweight (20% × 6,000 + 0% × 6,000) / 12,000 = 10%;
    //    attribution (50% × 6,000) / 12,000 = 25%.
    let a = &c.models[0].deductions;
    assert_eq!(a.get(Deduction::Deadweight), Some(dec("0.1")));
    assert_eq!(a.get(Deduction::Attribution), Some(dec("0.25")));
    // B: deadweight (20% × 12,000 + 50% × 3,000) / 15,000 = 3,900 / 15,000 = 26%;
    //    drop-off (50% × 12,000) / 15,000 = 40%.
    let b = &c.models[1].deductions;
    assert_eq!(b.get(Deduction::Deadweight), Some(dec("0.26")));
    assert_eq!(b.get(Deduction::DropOff), Some(dec("0.4")));
    assert_eq!(b.get(Deduction::Displacement), Some(Decimal::ZERO));
}

#[test]
fn a_different_discount_rate_makes_the_ratios_incomparable() {
    let at_ten_percent = A.replace("\"0%\"", "\"10%\"");
    let c = compared(&[("a.toml", A), ("a10.toml", &at_ten_percent)], false);
    assert_eq!(c.convention_differences, [Convention::DiscountRate]);
    assert!(!c.comparable());
    // At 10%: jobs 4,000 / 1.1 + 2,000 / 1.1² = 3,636.36 + 1,652.89;
    // savings 6,000 / 1.1 = 5,454.55; PV 10,743.80.
    let pv = figure(&c, 1, Figure::PresentValue).map(|v| round(v, 2));
    assert_eq!(pv, Some(dec("10743.80")));
}

#[test]
fn same_conventions_recomputes_every_model_under_the_first_ones() {
    let at_ten_percent = A.replace("\"0%\"", "\"10%\"");
    // Under A's 0%, the 10% copy of A has exactly A's figures again.
    let c = compared(&[("a.toml", A), ("a10.toml", &at_ten_percent)], true);
    assert!(c.same_conventions && c.comparable());
    assert_eq!(c.models[1].headline, c.models[0].headline);
    // Each model still reports its own conventions.
    assert_eq!(c.models[1].conventions.discount_rate, dec("0.10"));
    // The other way round, A is discounted at 10%: PV 10,743.80 as above.
    let c = compared(&[("a10.toml", &at_ten_percent), ("a.toml", A)], true);
    let pv = figure(&c, 1, Figure::PresentValue).map(|v| round(v, 2));
    assert_eq!(pv, Some(dec("10743.80")));
}

#[test]
fn borrowed_additive_deductions_above_one_hundred_percent_are_refused() {
    let additive = A.replace(
        "discount_rate = \"0%\"",
        "discount_rate = \"0%\"\ndeductions = \"additive\"",
    );
    let heavy = B.replace(
        "deadweight = \"50%\"",
        "deadweight = \"60%\"\nattribution = \"50%\"",
    );
    let subjects = [
        subject("add.toml", &additive),
        subject("heavy.toml", &heavy),
    ];
    let failure = compare(&subjects, true).err();
    assert_eq!(failure.as_ref().map(|f| f.model), Some(1));
    let message = failure.map(|f| f.diagnostic.message).unwrap_or_default();
    assert!(
        message.contains("`admissions` would deduct 110%"),
        "{message}"
    );
}
