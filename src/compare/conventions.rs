//! Which conventions the models disagree on. A ratio computed at 3.5% with
//! inputs at face value is not the same measure as one at 1.5% with inputs
//! discounted, so any disagreement here makes the ratios incomparable as they
//! stand.

use crate::model::{Conventions, Schedule};

/// One of the named conventions of spec section 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Convention {
    DiscountRate,
    Schedule,
    DiscountFirstYear,
    InputsDiscounted,
    Deductions,
}

impl Convention {
    pub const ALL: [Convention; 5] = [
        Convention::DiscountRate,
        Convention::Schedule,
        Convention::DiscountFirstYear,
        Convention::InputsDiscounted,
        Convention::Deductions,
    ];

    /// The key in `[conventions]`, also used in JSON and CSV.
    pub fn key(self) -> &'static str {
        match self {
            Convention::DiscountRate => "discount_rate",
            Convention::Schedule => "schedule",
            Convention::DiscountFirstYear => "discount_first_year",
            Convention::InputsDiscounted => "inputs_discounted",
            Convention::Deductions => "deductions",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Convention::DiscountRate => "Discount rate",
            Convention::Schedule => "Schedule",
            Convention::DiscountFirstYear => "Year 1 discounted",
            Convention::InputsDiscounted => "Inputs discounted",
            Convention::Deductions => "Deductions",
        }
    }

    /// The value as written in a model file: `3.5%`, `flat`, `true`.
    pub fn value(self, conventions: &Conventions) -> String {
        match self {
            Convention::DiscountRate => {
                format!(
                    "{}%",
                    (conventions.discount_rate * rust_decimal::Decimal::ONE_HUNDRED).normalize()
                )
            }
            Convention::Schedule => conventions.schedule.as_str().to_owned(),
            Convention::DiscountFirstYear => conventions.discount_first_year.to_string(),
            Convention::InputsDiscounted => conventions.inputs_discounted.to_string(),
            Convention::Deductions => conventions.deductions.as_str().to_owned(),
        }
    }

    /// Whether two models differ on this convention in a way that changes
    /// their figures. The flat rate is ignored under the Green Book
    /// schedules, which fix their own rates.
    fn differs(self, a: &Conventions, b: &Conventions) -> bool {
        match self {
            Convention::DiscountRate => {
                a.schedule == Schedule::Flat
                    && b.schedule == Schedule::Flat
                    && a.discount_rate != b.discount_rate
            }
            Convention::Schedule => a.schedule != b.schedule,
            Convention::DiscountFirstYear => a.discount_first_year != b.discount_first_year,
            Convention::InputsDiscounted => a.inputs_discounted != b.inputs_discounted,
            Convention::Deductions => a.deductions != b.deductions,
        }
    }
}

/// The conventions on which any model differs from the first.
pub fn differences(models: &[&Conventions]) -> Vec<Convention> {
    let Some((first, rest)) = models.split_first() else {
        return Vec::new();
    };
    Convention::ALL
        .into_iter()
        .filter(|convention| rest.iter().any(|other| convention.differs(first, other)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn finds_each_convention_that_differs_and_only_those() {
        let guide = Conventions::default();
        let green_book_timing = Conventions {
            discount_first_year: false,
            inputs_discounted: true,
            ..Conventions::default()
        };
        assert_eq!(
            differences(&[&guide, &guide, &green_book_timing]),
            vec![Convention::DiscountFirstYear, Convention::InputsDiscounted]
        );
        assert!(differences(&[&guide, &guide]).is_empty());
    }

    #[test]
    fn a_flat_rate_left_beside_a_green_book_schedule_is_no_difference() {
        let a = Conventions {
            schedule: Schedule::GreenBook,
            ..Conventions::default()
        };
        let b = Conventions {
            discount_rate: Decimal::new(3, 2),
            ..a.clone()
        };
        assert!(differences(&[&a, &b]).is_empty());
        assert_eq!(Convention::DiscountRate.value(&b), "3%");
    }
}
