//! How the sensitivity figures read to a person: each parameter's values in
//! its own unit (money, a plain number, a percentage, years) and each
//! switching value said as a sentence ("the proxy for isolation would have to
//! fall 62.5%, to £450.00").

use rust_decimal::Decimal;

use crate::model::{Assumption, Model, assumption::Kind};
use crate::number::{round, scientific};
use crate::report::{names, text};
use crate::sensitivity::groups::{GroupSwitching, Members, Unit};
use crate::sensitivity::{Parameter, Switching};

/// A value of `parameter` as a person writes it.
/// A parameter as a reader names it: "Less socially isolated · drop-off",
/// "Inputs", "Discount rate". JSON and CSV keep `l2_isolation.drop_off`.
pub fn parameter(model: &Model, parameter: Parameter) -> String {
    match parameter {
        Parameter::DiscountRate => "Discount rate".to_owned(),
        Parameter::Inputs => "Inputs".to_owned(),
        Parameter::Outcome(index, assumption) => {
            let outcome = &model.outcomes[index];
            format!(
                "{} · {}",
                names::outcome(outcome.description.as_deref(), &outcome.id),
                assumption.words()
            )
        }
    }
}

/// A group of outcomes as a reader names it: "Every outcome · proxy",
/// "Level 2 individuals · proxy".
pub fn group(model: &Model, group: &GroupSwitching) -> String {
    let members = match group.members {
        Members::Every => "Every outcome",
        Members::Stakeholder(index) => model.stakeholders[index].name.as_str(),
    };
    format!("{members} · {}", group.field.words())
}

pub fn value(model: &Model, parameter: Parameter, value: Decimal) -> String {
    let currency = &model.analysis.currency;
    match parameter {
        Parameter::Inputs => text::money(value, currency),
        Parameter::DiscountRate => rate(value),
        Parameter::Outcome(_, Assumption::Proxy) => text::money(value, currency),
        Parameter::Outcome(_, assumption) => match assumption.kind() {
            Kind::Amount => text::number(round(value, 2)),
            Kind::Rate => rate(value),
            Kind::Years => years(value),
        },
    }
}

/// A rate to two places of a percent, without needless zeros: `25%`, `72.35%`.
pub fn rate(fraction: Decimal) -> String {
    match fraction.checked_mul(Decimal::ONE_HUNDRED) {
        Some(percent) => format!("{}%", round(percent, 2).normalize()),
        // A change of more than 7.9e26 times a value (of one as small as
        // 1e-28) has no percentage a decimal can hold.
        None => format!("more than {}%", scientific(Decimal::MAX)),
    }
}

fn years(value: Decimal) -> String {
    if value == Decimal::ONE {
        "1 year".to_owned()
    } else {
        format!("{} years", value.normalize())
    }
}

/// A ratio as the sentences and tables give it: `1`, `1.5`, `3.64`.
pub fn ratio(value: Decimal) -> String {
    round(value, 2).to_string()
}

/// The switching value said plainly.
pub fn sentence(model: &Model, target: Decimal, switching: &Switching) -> String {
    let target = target.normalize();
    let Some(switch) = &switching.switch else {
        return format!(
            "not reachable: no {} brings the ratio to {target}",
            valid_range(model, switching.parameter)
        );
    };
    let (base, new) = (switching.base, switch.value);
    let subject = subject(model, switching.parameter);
    if new == base {
        return format!("the ratio is already at {target}");
    }
    let direction = if new < base { "fall" } else { "rise" };
    let show = |v| value(model, switching.parameter, v);
    match switching.parameter {
        Parameter::Outcome(_, Assumption::Duration) => format!(
            "{subject} would have to {direction} from {} to {} (ratio {})",
            show(base),
            show(new),
            ratio(switch.ratio)
        ),
        Parameter::Outcome(_, assumption) if assumption.kind() == Kind::Rate => {
            format!(
                "{subject} would have to {direction} from {} to {}",
                show(base),
                show(new)
            )
        }
        _ => {
            // A switching value keeps the sign of the value it moves, so
            // the difference fits.
            let change = match new
                .checked_sub(base)
                .and_then(|d| d.checked_div(base.abs()))
            {
                Some(change) => format!(" {}", rate(change.abs())),
                None => String::new(),
            };
            format!(
                "{subject} would have to {direction}{change}, to {}",
                show(new)
            )
        }
    }
}

/// "the proxy for isolation", "the deadweight of isolation", "the inputs".
fn subject(model: &Model, parameter: Parameter) -> String {
    match parameter {
        Parameter::Inputs => "the inputs".to_owned(),
        Parameter::DiscountRate => "the discount rate".to_owned(),
        Parameter::Outcome(index, assumption) => {
            let id = &model.outcomes[index].id;
            let preposition = if assumption == Assumption::Proxy {
                "for"
            } else {
                "of"
            };
            format!("the {} {preposition} {id}", assumption.words())
        }
    }
}

/// What the search covered, for "not reachable: no … brings the ratio to 1".
fn valid_range(model: &Model, parameter: Parameter) -> String {
    match parameter {
        Parameter::Inputs => "inputs above zero".to_owned(),
        Parameter::DiscountRate => "discount rate from 0% to 100%".to_owned(),
        Parameter::Outcome(index, assumption) => {
            let outcome = &model.outcomes[index];
            match assumption {
                Assumption::Proxy => "proxy of the same sign".to_owned(),
                Assumption::Quantity => "quantity of zero or more".to_owned(),
                Assumption::Duration => format!(
                    "duration from 1 to {} years",
                    text::grouped(crate::sensitivity::MAX_DURATION.into())
                ),
                _ => {
                    let ceiling = crate::scenario::rate_ceiling(
                        outcome,
                        assumption,
                        model.conventions.deductions,
                    );
                    format!("{} from 0% to {}", assumption.words(), rate(ceiling))
                }
            }
        }
    }
}

/// A group's change as the tables show it: `-72.5%`, `+41 points`, `-2 years`.
pub fn change(group: &GroupSwitching) -> String {
    let Some(switch) = &group.switch else {
        return "not reachable".to_owned();
    };
    let sign = if switch.change > Decimal::ZERO {
        "+"
    } else {
        ""
    };
    match group.unit {
        Unit::Relative => format!("{sign}{}", rate(switch.change)),
        Unit::Points => {
            let points = round(switch.change * Decimal::ONE_HUNDRED, 2).normalize();
            let unit = if points.abs() == Decimal::ONE {
                "point"
            } else {
                "points"
            };
            format!("{sign}{points} {unit}")
        }
        Unit::Years => {
            let unit = if switch.change.abs() == Decimal::ONE {
                "year"
            } else {
                "years"
            };
            format!("{sign}{} {unit}", switch.change.normalize())
        }
    }
}

/// "every proxy would have to fall 72.5%", "every deadweight of the council's
/// outcomes would need 41 more points".
pub fn group_sentence(model: &Model, target: Decimal, group: &GroupSwitching) -> String {
    let target = target.normalize();
    let field = group.field.words();
    let whose = match group.members {
        Members::Every => String::new(),
        Members::Stakeholder(index) => {
            let stakeholder = &model.stakeholders[index];
            let name = if stakeholder.name.is_empty() {
                &stakeholder.id
            } else {
                &stakeholder.name
            };
            let outcomes = if group.outcomes == 1 {
                "outcome"
            } else {
                "outcomes"
            };
            format!(" of the {outcomes} for {name}")
        }
    };
    let subject = if group.outcomes == 1 && group.members != Members::Every {
        format!("the {field}{whose}")
    } else {
        format!("every {field}{whose}")
    };
    let Some(switch) = &group.switch else {
        let range = match group.unit {
            Unit::Relative => "keeping its sign",
            Unit::Points => "within 0% to 100%",
            Unit::Years => "of at least 1 year",
        };
        return format!("not reachable: no {field} {range} brings the ratio to {target}");
    };
    if switch.change.is_zero() {
        return format!("the ratio is already at {target}");
    }
    let (rise, amount) = (switch.change > Decimal::ZERO, switch.change.abs());
    match group.unit {
        Unit::Relative => format!(
            "{subject} would have to {} {}",
            if rise { "rise" } else { "fall" },
            rate(amount)
        ),
        Unit::Points => {
            let points = round(amount * Decimal::ONE_HUNDRED, 2).normalize();
            format!(
                "{subject} would need {points} {} {} (each kept within 0% to 100%)",
                if points == Decimal::ONE {
                    "point"
                } else {
                    "points"
                },
                if rise { "more" } else { "less" }
            )
        }
        Unit::Years => format!(
            "{subject} would have to be {} {} {} (ratio {})",
            amount.normalize(),
            if amount == Decimal::ONE {
                "year"
            } else {
                "years"
            },
            if rise { "longer" } else { "shorter" },
            ratio(switch.ratio)
        ),
    }
}
