//! The assumptions of an outcome that an analyst can vary: in scenarios, in
//! the sensitivity analysis and in the simulation. One list, so every place
//! that names them (`isolation.proxy`) spells them the same way.

use rust_decimal::Decimal;

use super::Outcome;

/// One varying assumption of an outcome, named as in the model file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Assumption {
    Quantity,
    Proxy,
    Deadweight,
    Displacement,
    Attribution,
    DropOff,
    Duration,
    StartYear,
}

/// What kind of value an assumption holds, which decides how it may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A quantity or an amount of money: changes are relative (`"-20%"`).
    Amount,
    /// A share from 0% to 100%: changes are in percentage points (`"+10%"`).
    Rate,
    /// A whole number of years: changes are in years (`+1`).
    Years,
}

impl Assumption {
    pub const ALL: [Assumption; 8] = [
        Assumption::Quantity,
        Assumption::Proxy,
        Assumption::Deadweight,
        Assumption::Displacement,
        Assumption::Attribution,
        Assumption::DropOff,
        Assumption::Duration,
        Assumption::StartYear,
    ];

    /// The three deductions, in the order the spec multiplies them.
    pub const DEDUCTIONS: [Assumption; 3] = [
        Assumption::Deadweight,
        Assumption::Displacement,
        Assumption::Attribution,
    ];

    /// The key in the model file.
    pub fn key(self) -> &'static str {
        match self {
            Assumption::Quantity => "quantity",
            Assumption::Proxy => "proxy",
            Assumption::Deadweight => "deadweight",
            Assumption::Displacement => "displacement",
            Assumption::Attribution => "attribution",
            Assumption::DropOff => "drop_off",
            Assumption::Duration => "duration",
            Assumption::StartYear => "start_year",
        }
    }

    /// How the assumption reads in a sentence: "drop-off", "start year".
    pub fn words(self) -> &'static str {
        match self {
            Assumption::DropOff => "drop-off",
            Assumption::StartYear => "start year",
            other => other.key(),
        }
    }

    pub fn from_key(key: &str) -> Option<Assumption> {
        Assumption::ALL.into_iter().find(|a| a.key() == key)
    }

    pub fn kind(self) -> Kind {
        match self {
            Assumption::Quantity | Assumption::Proxy => Kind::Amount,
            Assumption::Duration | Assumption::StartYear => Kind::Years,
            _ => Kind::Rate,
        }
    }

    /// The current value of a rate assumption of `outcome`.
    pub fn rate_of(self, outcome: &Outcome) -> Option<Decimal> {
        match self {
            Assumption::Deadweight => Some(outcome.deadweight),
            Assumption::Displacement => Some(outcome.displacement),
            Assumption::Attribution => Some(outcome.attribution),
            Assumption::DropOff => Some(outcome.drop_off),
            _ => None,
        }
    }

    /// Set a rate assumption of `outcome`; other assumptions are left alone.
    pub fn set_rate(self, outcome: &mut Outcome, rate: Decimal) {
        match self {
            Assumption::Deadweight => outcome.deadweight = rate,
            Assumption::Displacement => outcome.displacement = rate,
            Assumption::Attribution => outcome.attribution = rate,
            Assumption::DropOff => outcome.drop_off = rate,
            _ => {}
        }
    }
}

/// The total quantity of an outcome over its cohorts: how a quantity given
/// per year is reported and varied (every cohort moves in proportion).
pub fn total_quantity(outcome: &Outcome) -> Decimal {
    outcome
        .quantities
        .iter()
        .try_fold(Decimal::ZERO, |total, q| total.checked_add(*q))
        .unwrap_or(Decimal::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_assumption_reads_back_from_its_key() {
        for assumption in Assumption::ALL {
            assert_eq!(Assumption::from_key(assumption.key()), Some(assumption));
        }
        assert_eq!(Assumption::from_key("dropoff"), None);
    }
}
