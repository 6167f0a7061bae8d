//! Where the calculation's exact decimals stop being exact enough for the
//! figures shown. A decimal carries 28 significant digits (29 below about
//! 7.9e28), so every product, quotient and discount factor is rounded there.
//! That is invisible in any real model, but not at the edges:
//!
//! - a figure of 10^20 or more keeps at most 8 digits below the pound, and the
//!   many roundings of discounting and summing can then reach the pennies
//!   shown (at 10^25, a present value of …622.98 came out as …623.00);
//! - a value below 10^-28, the smallest step a decimal carries, becomes zero.
//!
//! Each is said in a note beside the results and as a warning on standard
//! error, so a figure that is not what the arithmetic would give never passes
//! as exact.

use rust_decimal::Decimal;

use crate::calc::Results;
use crate::model::Model;

/// Money is shown to the penny: from 10^20 the pennies are no longer assured.
const MONEY_LIMIT: u32 = 20;
/// Ratios are shown to four places (in JSON), two fewer digits of headroom.
const RATIO_LIMIT: u32 = 18;

/// What the results should say about their precision; empty for any model
/// whose figures are as exact as they are shown.
pub fn notes(model: &Model, results: &Results) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(power) = largest_power(money_figures(results)).filter(|p| *p >= MONEY_LIMIT) {
        notes.push(format!(
            "figures here reach 10^{power}: decimals carry 28 significant digits, which from 10^{MONEY_LIMIT} no longer assures the pennies shown, so their last digits may be off"
        ));
    }
    let ratios = [results.ratio, results.net_ratio].into_iter();
    if let Some(power) = largest_power(ratios).filter(|p| *p >= RATIO_LIMIT) {
        notes.push(format!(
            "the ratio reaches 10^{power}: decimals carry 28 significant digits, which from 10^{RATIO_LIMIT} no longer assures the places shown, so its last digits may be off"
        ));
    }
    for (outcome, result) in model.outcomes.iter().zip(&results.outcomes) {
        let has_value = outcome.quantities.iter().any(|q| !q.is_zero())
            && !outcome.proxy.is_zero()
            && !result.net.is_zero();
        if has_value && result.present_value.is_zero() {
            notes.push(format!(
                "outcome `{}` is worth less than 10^-28, the smallest step a decimal carries, and counts as zero",
                outcome.id
            ));
        }
    }
    if !results.present_value.is_zero() && results.ratio.is_zero() {
        notes.push(
            "the ratio is less than 10^-28, the smallest step a decimal carries, and counts as zero"
                .to_owned(),
        );
    }
    notes
}

/// Each note as a warning line for standard error, naming the model; the
/// command prints them.
pub fn warnings(name: &str, model: &Model, results: &Results) -> Vec<String> {
    notes(model, results)
        .into_iter()
        .map(|note| format!("sroi: warning: {name}: {note}"))
        .collect()
}

/// Every money figure the results hold, intermediate ones included: a large
/// term can lose its pennies even when the total it cancels into is small.
fn money_figures(results: &Results) -> impl Iterator<Item = Decimal> + '_ {
    let outcomes = results.outcomes.iter().flat_map(|o| {
        o.impacts
            .iter()
            .chain(&o.values)
            .copied()
            .chain([o.present_value])
    });
    let years = results
        .years
        .iter()
        .flat_map(|y| [y.value, y.present_value]);
    let stakeholders = results
        .stakeholders
        .iter()
        .flat_map(|s| [s.present_value, s.inputs]);
    let totals = [
        results.inputs_total,
        results.inputs_face_value,
        results.present_value,
        results.net_present_value,
    ];
    outcomes
        .chain(years)
        .chain(stakeholders)
        .chain(results.inputs_by_year.iter().copied())
        .chain(totals)
        .chain(results.payback_months)
}

/// The power of ten of the largest magnitude: 2 for 100 to 999.99…; `None`
/// when every figure is below 1.
fn largest_power(figures: impl Iterator<Item = Decimal>) -> Option<u32> {
    figures
        .map(|figure| figure.abs().trunc())
        .filter(|whole| !whole.is_zero())
        .max()
        .map(|whole| whole.normalize().to_string().len() as u32 - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().expect("a decimal")
    }

    #[test]
    fn the_power_of_ten_counts_the_whole_digits() {
        // 999.99 has three whole digits: 10^2. 1e20 has twenty-one: 10^20.
        let figures = ["999.99", "-12", "0.5"].map(dec);
        assert_eq!(largest_power(figures.into_iter()), Some(2));
        let large = [
            dec("100000000000000000000"),
            dec("-99999999999999999999.99"),
        ];
        assert_eq!(largest_power(large.into_iter()), Some(20));
        assert_eq!(largest_power([dec("0.999")].into_iter()), None);
    }
}
