//! Hand-worked checks of the arithmetic. Each test shows its working; figures
//! come from the spec's own examples or are computed by hand as written.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::*;
use crate::diagnostic::SourceFile;
use crate::model::{Limits, parse_model};
use crate::number::{round, round_money};

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap_or_else(|_| panic!("bad decimal {text}"))
}

/// A model with stakeholders `a` (puts in the inputs) and `b` (receives the outcomes).
fn compute(conventions: &str, inputs: &str, outcomes: &str) -> Results {
    let text = format!(
        "[analysis]\nname = \"t\"\n[conventions]\n{conventions}\n\
         [[stakeholders]]\nid = \"a\"\n[[stakeholders]]\nid = \"b\"\n\
         [[inputs]]\nstakeholder = \"a\"\namount = {inputs}\n{outcomes}"
    );
    let source = SourceFile::new("test.toml", text);
    let model = parse_model(&source, Limits::DEFAULT)
        .unwrap_or_else(|d| panic!("invalid test model:\n{}", d.render(&source)));
    calculate(&model).unwrap_or_else(|d| panic!("calculation failed: {}", d.message))
}

fn outcome(id: &str, fields: &str) -> String {
    format!("[[outcomes]]\nid = \"{id}\"\nstakeholder = \"b\"\n{fields}\n")
}

fn money(value: Decimal) -> String {
    round_money(value).to_string()
}

#[test]
fn the_spec_section_three_example() {
    // 100 × £800 × (1 − 25%) = £60,000 in year 1; × (1 − 10%) = £54,000 in year 2.
    // PV = 60,000 / 1.035 + 54,000 / 1.035² = 57,971.01 + 50,409.58 = 108,380.59.
    let results = compute(
        "",
        "100_000",
        &outcome(
            "isolation",
            "quantity = 100\nproxy = 800\ndeadweight = \"25%\"\ndrop_off = \"10%\"\nduration = 2",
        ),
    );
    assert_eq!(results.outcomes[0].values, vec![dec("60000"), dec("54000")]);
    assert_eq!(money(results.years[0].present_value), "57971.01");
    assert_eq!(money(results.years[1].present_value), "50409.58");
    assert_eq!(money(results.present_value), "108380.59");
    assert_eq!(money(results.net_present_value), "8380.59");
    assert_eq!(round(results.ratio, 4).to_string(), "1.0838");
    assert_eq!(round(results.net_ratio, 4).to_string(), "0.0838");
    // 100,000 / (60,000 / 12) = 20 months.
    assert_eq!(results.payback_months.map(money), Some("20.00".to_owned()));
}

#[test]
fn each_cohort_starts_a_year_later_and_drops_off_from_its_own_second_year() {
    // Cohort 1: 10 × £100 = £1,000 in year 1, £500 in year 2 (50% drop-off).
    // Cohort 2: 20 × £100 = £2,000 in year 2, £1,000 in year 3.
    let results = compute(
        "discount_rate = \"0%\"",
        "1_000",
        &outcome(
            "o",
            "quantity = [10, 20]\nproxy = 100\ndrop_off = \"50%\"\nduration = 2",
        ),
    );
    assert_eq!(
        results.outcomes[0].values,
        vec![dec("1000"), dec("2500"), dec("1000")]
    );
    assert_eq!(results.outcomes[0].impacts, vec![dec("1000"), dec("2000")]);
    assert_eq!(money(results.present_value), "4500.00");
}

#[test]
fn an_outcome_starting_in_year_two_is_discounted_twice() {
    // 10 × £100 = £1,000 in year 2 only; PV = 1,000 / 1.1² = 826.446… → 826.45.
    let results = compute(
        "discount_rate = \"10%\"",
        "1_000",
        &outcome(
            "o",
            "quantity = 10\nproxy = 100\nduration = 1\nstart_year = 2",
        ),
    );
    assert_eq!(results.outcomes[0].values, vec![dec("0"), dec("1000")]);
    assert_eq!(money(results.present_value), "826.45");
    // Nothing in year 1, so nothing is paid back.
    assert_eq!(results.payback_months, None);
}

#[test]
fn the_green_book_timing_leaves_year_one_undiscounted() {
    // Year 1 at factor 1, year 2 at 1 / 1.1: 1,000 + 1,000 / 1.1 = 1,909.09.
    let results = compute(
        "discount_rate = \"10%\"\ndiscount_first_year = false",
        "1_000",
        &outcome("o", "quantity = 10\nproxy = 100\nduration = 2"),
    );
    assert_eq!(money(results.present_value), "1909.09");
}

#[test]
fn deductions_multiply_by_default_and_subtract_when_additive() {
    let fields = "quantity = 1\nproxy = 1000\ndeadweight = \"20%\"\ndisplacement = \"10%\"\nattribution = \"30%\"\nduration = 1";
    // 0.8 × 0.9 × 0.7 = 0.504 of £1,000.
    let multiplicative = compute("discount_rate = 0", "1", &outcome("o", fields));
    assert_eq!(multiplicative.outcomes[0].net, dec("0.504"));
    assert_eq!(money(multiplicative.present_value), "504.00");
    // 1 − 0.2 − 0.1 − 0.3 = 0.4 of £1,000.
    let additive = compute(
        "discount_rate = 0\ndeductions = \"additive\"",
        "1",
        &outcome("o", fields),
    );
    assert_eq!(additive.outcomes[0].net, dec("0.4"));
    assert_eq!(money(additive.present_value), "400.00");
}

#[test]
fn a_negative_outcome_takes_value_away() {
    // +20 × £100 − 10 × £100 = £1,000 at a zero rate.
    let outcomes = outcome("good", "quantity = 20\nproxy = 100\nduration = 1")
        + &outcome("dependency", "quantity = 10\nproxy = -100\nduration = 1");
    let results = compute("discount_rate = 0", "500", &outcomes);
    assert_eq!(money(results.outcomes[1].present_value), "-1000.00");
    assert_eq!(money(results.present_value), "1000.00");
    assert_eq!(results.ratio, dec("2"));
}

#[test]
fn inputs_count_at_face_value_unless_discounted() {
    let outcome = outcome("o", "quantity = 1\nproxy = 100\nduration = 1");
    let face = compute("discount_rate = \"10%\"", "[1_000, 1_000]", &outcome);
    assert_eq!(money(face.inputs_total), "2000.00");
    // 1,000 / 1.1 + 1,000 / 1.21 = 909.0909… + 826.4463… = 1,735.54.
    let discounted = compute(
        "discount_rate = \"10%\"\ninputs_discounted = true",
        "[1_000, 1_000]",
        &outcome,
    );
    assert_eq!(money(discounted.inputs_total), "1735.54");
    assert_eq!(money(discounted.inputs_face_value), "2000.00");
}

#[test]
fn green_book_box_fifteen_net_present_values() {
    // HM Treasury Green Book (2003) Box 15: a cost of 1,000,000 in year 0 and
    // savings from year 1 for ten years at 3.5%. Year 0 is our year 1.
    let conventions = "discount_first_year = false\ninputs_discounted = true";
    for (saving, npv) in [(150_000, "247490.80"), (100_000, "-168339.47")] {
        let savings = outcome(
            "saving",
            &format!("quantity = 1\nproxy = {saving}\nduration = 10\nstart_year = 2"),
        );
        let results = compute(conventions, "1_000_000", &savings);
        assert_eq!(money(results.net_present_value), npv, "saving {saving}");
    }
}

#[test]
fn shares_divide_each_stakeholders_value_by_the_total() {
    // a receives 300, b receives 100 (rate 0): shares 0.75 and 0.25.
    let outcomes =
        "[[outcomes]]\nid = \"x\"\nstakeholder = \"a\"\nquantity = 3\nproxy = 100\nduration = 1\n"
            .to_owned()
            + &outcome("y", "quantity = 1\nproxy = 100\nduration = 1");
    let results = compute("discount_rate = 0", "100", &outcomes);
    let shares: Vec<Decimal> = results.stakeholders.iter().map(|s| s.share).collect();
    assert_eq!(shares, vec![dec("0.75"), dec("0.25")]);
    assert_eq!(results.stakeholders[0].inputs, dec("100"));
}

#[test]
fn years_run_to_the_last_year_of_the_longest_outcome() {
    let outcomes = outcome("short", "quantity = 1\nproxy = 10\nduration = 1")
        + &outcome(
            "long",
            "quantity = [1, 1]\nproxy = 10\nduration = 3\nstart_year = 2",
        );
    let results = compute("discount_rate = 0", "100", &outcomes);
    // long: cohorts start in years 2 and 3 and last 3 years each: last year 5.
    assert_eq!(results.years.len(), 5);
    let values: Vec<Decimal> = results.years.iter().map(|y| y.value).collect();
    assert_eq!(
        values,
        vec![dec("10"), dec("10"), dec("20"), dec("20"), dec("10")]
    );
}

#[test]
fn an_overflowing_outcome_is_an_error_naming_it() {
    let source = SourceFile::new(
        "t.toml",
        "[analysis]\nname = \"t\"\n[[stakeholders]]\nid = \"a\"\n[[inputs]]\nstakeholder = \"a\"\namount = 1\n\
         [[outcomes]]\nid = \"huge\"\nstakeholder = \"a\"\nquantity = 1e27\nproxy = 1000\nduration = 1\n",
    );
    let model =
        parse_model(&source, Limits::DEFAULT).unwrap_or_else(|d| panic!("{}", d.render(&source)));
    let error = calculate(&model).err().map(|d| d.message);
    assert!(error.is_some_and(|m| m.contains("outcome `huge` is too large")));
}

#[test]
fn the_exported_pieces_are_the_ones_calculate_adds_up() {
    // Inputs £1,100 in year 1 and £1,210 in year 2, discounted at 10% (year 1
    // too, by default): 1,100 / 1.1 + 1,210 / 1.21 = 2,000 counted.
    let text = "[analysis]\nname = \"t\"\n[conventions]\ndiscount_rate = \"10%\"\n\
                inputs_discounted = true\n[[stakeholders]]\nid = \"a\"\n\
                [[inputs]]\nstakeholder = \"a\"\namount = [1_100, 1_210]\n\
                [[outcomes]]\nid = \"o\"\nstakeholder = \"a\"\nquantity = [10, 20]\n\
                proxy = 100\ndrop_off = \"50%\"\nduration = 2\n";
    let source = SourceFile::new("test.toml", text);
    let model = parse_model(&source, Limits::DEFAULT)
        .unwrap_or_else(|d| panic!("invalid test model:\n{}", d.render(&source)));
    let results = calculate(&model).unwrap_or_else(|d| panic!("{}", d.message));
    assert_eq!(counted_inputs(&model), Some(dec("2000")));
    assert_eq!(results.inputs_total, dec("2000"));
    // Cohort 2 (k = 1): 20 × £100 = £2,000 in year 2, half that in year 3.
    let outcome = &model.outcomes[0];
    let second = cohort_values(outcome, results.outcomes[0].impacts[1], 1, 3);
    assert_eq!(second, Some(vec![dec("0"), dec("2000"), dec("1000")]));
    // Cohort 1 is £1,000 then £500; with cohort 2, years of 1,000, 2,500, 1,000.
    assert_eq!(
        results.outcomes[0].values,
        vec![dec("1000"), dec("2500"), dec("1000")]
    );
    // Its present value at 10%: 1,000 / 1.1 + 2,500 / 1.21 + 1,000 / 1.331
    // = 909.0909… + 2,066.1157… + 751.3148… = 3,726.52.
    let factors = discount::factors(&model.conventions, 3);
    let present_value = discounted_sum(&results.outcomes[0].values, &factors);
    assert_eq!(present_value.map(money), Some("3726.52".to_owned()));
    assert_eq!(money(results.outcomes[0].present_value), "3726.52");
}
