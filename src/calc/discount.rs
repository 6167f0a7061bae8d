//! Discount factors: flat, and HM Treasury's declining long-term schedules.
//!
//! Factors are built year on year, `DF(e) = DF(e − 1) / (1 + r_e)`, because
//! that is how the Green Book's declining rates compound (the year-31 factor is
//! the year-30 factor divided by 1.03, not 1 / 1.03^31), and because dividing
//! never overflows where a growing power of (1 + r) would, on a long horizon.

use rust_decimal::Decimal;

use crate::model::{Conventions, Schedule};

/// The Green Book's long-term rates: (last year the rate applies, rate in basis points / 10000).
pub(crate) const GREEN_BOOK: [(u32, i64); 6] = [
    (30, 350),
    (75, 300),
    (125, 250),
    (200, 200),
    (300, 150),
    (u32::MAX, 100),
];
pub(crate) const GREEN_BOOK_HEALTH: [(u32, i64); 6] = [
    (30, 150),
    (75, 129),
    (125, 107),
    (200, 86),
    (300, 64),
    (u32::MAX, 43),
];

/// The rate applied in the i-th year of discounting (i ≥ 1).
pub(crate) fn rate_in_year(conventions: &Conventions, i: u32) -> Decimal {
    let table = match conventions.schedule {
        Schedule::Flat => return conventions.discount_rate,
        Schedule::GreenBook => &GREEN_BOOK,
        Schedule::GreenBookHealth => &GREEN_BOOK_HEALTH,
    };
    let basis_points = table
        .iter()
        .find(|(last, _)| i <= *last)
        .map_or(100, |(_, rate)| *rate);
    Decimal::new(basis_points, 4)
}

/// How many times year `t` (numbered from 1) is discounted.
pub(crate) fn exponent(conventions: &Conventions, year: u32) -> u32 {
    if conventions.discount_first_year {
        year
    } else {
        year - 1
    }
}

/// Discount factors for years 1..=`years`, indexed from 0.
pub fn factors(conventions: &Conventions, years: u32) -> Vec<Decimal> {
    // by_exponent[e] is the factor after discounting e times.
    let max_exponent = exponent(conventions, years.max(1));
    let mut by_exponent = Vec::with_capacity(max_exponent as usize + 1);
    by_exponent.push(Decimal::ONE);
    for i in 1..=max_exponent {
        let previous = by_exponent[i as usize - 1];
        let growth = Decimal::ONE + rate_in_year(conventions, i);
        // growth ≥ 1 and previous ≤ 1, so the division cannot overflow.
        by_exponent.push(previous.checked_div(growth).unwrap_or(Decimal::ZERO));
    }
    (1..=years)
        .map(|year| by_exponent[exponent(conventions, year) as usize])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::round;
    use std::str::FromStr;

    fn conventions(schedule: Schedule) -> Conventions {
        Conventions {
            schedule,
            ..Conventions::default()
        }
    }

    fn factor(conventions: &Conventions, year: u32) -> String {
        round(factors(conventions, year)[year as usize - 1], 6).to_string()
    }

    #[test]
    fn flat_rate_discounts_year_one_once_by_default() {
        // 1 / 1.035 = 0.966183574…, 1 / 1.035^2 = 0.933510700…
        let flat = conventions(Schedule::Flat);
        assert_eq!(factor(&flat, 1), "0.966184");
        assert_eq!(factor(&flat, 2), "0.933511");
    }

    #[test]
    fn year_one_is_year_zero_under_the_green_book_timing() {
        let green_book_timing = Conventions {
            discount_first_year: false,
            ..Conventions::default()
        };
        assert_eq!(factors(&green_book_timing, 1)[0], Decimal::ONE);
        assert_eq!(factor(&green_book_timing, 2), "0.966184");
    }

    #[test]
    fn green_book_declining_rates_compound_year_by_year() {
        // Field notes: year 30 0.356278, year 31 0.345901, year 76 0.091916.
        let green_book = conventions(Schedule::GreenBook);
        assert_eq!(factor(&green_book, 30), "0.356278");
        assert_eq!(factor(&green_book, 31), "0.345901");
        assert_eq!(factor(&green_book, 76), "0.091916");
    }

    #[test]
    fn green_book_health_rates_start_at_one_and_a_half_percent() {
        // Field notes: health schedule year 30 0.639762.
        assert_eq!(
            factor(&conventions(Schedule::GreenBookHealth), 30),
            "0.639762"
        );
    }

    #[test]
    fn a_zero_rate_leaves_values_undiscounted() {
        let zero = Conventions {
            discount_rate: Decimal::ZERO,
            ..Conventions::default()
        };
        assert!(factors(&zero, 5).iter().all(|f| *f == Decimal::ONE));
    }

    #[test]
    fn very_long_horizons_fade_to_zero_without_overflow() {
        let steep = Conventions {
            discount_rate: Decimal::from_str("1").unwrap_or_default(),
            ..Conventions::default()
        };
        let all = factors(&steep, 3000);
        assert_eq!(all.len(), 3000);
        assert_eq!(all[2999], Decimal::ZERO);
    }
}
