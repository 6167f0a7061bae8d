//! The fields of each table of a model file, declared once: name, kind (which
//! carries the range), default and help. The reader reads and checks every
//! field from here, the JSON Schema describes it from here, the CSV and
//! `sroi import` take their columns from here, and the README's reference
//! table is generated from here (a test holds the two equal). A new field is
//! one entry in one of these lists, in the order the format lists it.

//!
//! It imports nothing else of `model`, so every part of `model` may use it.

use rust_decimal::Decimal;

/// The kinds of analysis, the default first.
pub const KINDS: &[&str] = &["forecast", "evaluative"];

/// The discount schedules (`Schedule`), the default first.
pub const SCHEDULES: [&str; 3] = ["flat", "green-book", "green-book-health"];

/// The ways of combining deductions (`Deductions`), the default first.
pub const DEDUCTIONS: [&str; 2] = ["multiplicative", "additive"];

/// What a field holds: how it is read and checked, described to editors,
/// written in a CSV cell and summed up in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text of at most the length limit.
    Text,
    /// An id, `[a-z0-9_-]+`, unique among the table's entries.
    Id,
    /// The id of a declared stakeholder. A value map shows the stakeholder's
    /// name in the column after it.
    Stakeholder,
    /// One of a fixed set of names.
    Choice(&'static [&'static str]),
    /// An ISO 4217 currency code in capitals.
    Currency,
    /// `true` or `false`.
    Flag,
    /// An exact decimal of either sign.
    Number,
    /// An exact decimal, zero or more.
    NonNegative,
    /// An exact decimal zero or more, or a list of them, one per year.
    PerYear,
    /// A rate or share, from 0% to 100%.
    Rate,
    /// A whole number of years from 1 to the limit on years.
    Years,
    /// A table of its own, read by its own module (an outcome's uncertainty).
    Table,
}

/// A value a field takes when it is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    Rate(Decimal),
    Whole(u32),
    Flag(bool),
    /// An index into the field's choices.
    Choice(usize),
    Text(&'static str),
}

/// Whether a field must be given, and what it is when it is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Required,
    /// Left out, the field has no value.
    Optional,
    Default(Value),
    /// Left out, the field takes another's value, as the README says it.
    Derived(&'static str),
}

/// One field of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub presence: Presence,
    /// What the field means, as an editor shows it (the JSON Schema's
    /// description).
    pub help: &'static str,
    /// What the README adds to the kind's rule, or "".
    pub note: &'static str,
}

const fn field(name: &'static str, kind: Kind, presence: Presence, help: &'static str) -> Field {
    Field {
        name,
        kind,
        presence,
        help,
        note: "",
    }
}

impl Field {
    const fn note(self, note: &'static str) -> Field {
        Field { note, ..self }
    }

    /// Whether the field is a column of a value map: everything but tables.
    pub const fn is_column(&self) -> bool {
        !matches!(self.kind, Kind::Table)
    }
}

use Kind::*;
use Presence::{Default, Derived, Optional, Required};

const ZERO_RATE: Presence = Default(Value::Rate(Decimal::ZERO));

/// `[analysis]`.
pub const ANALYSIS: &[Field] = &[
    field(
        "name",
        Text,
        Required,
        "The name of the analysis (required).",
    ),
    field(
        "organisation",
        Text,
        Optional,
        "The organisation whose activity is analysed (not necessarily the model's author).",
    )
    .note("whose activity is analysed, not necessarily who wrote the model"),
    field(
        "kind",
        Choice(KINDS),
        Default(Value::Choice(0)),
        "\"forecast\" (the default) predicts value; \"evaluative\" measures value already created.",
    ),
    field(
        "period",
        Text,
        Optional,
        "The period of activity, such as \"April 2016 to March 2019\".",
    ),
    field(
        "currency",
        Currency,
        Default(Value::Text("GBP")),
        "ISO 4217 code in capitals (default \"GBP\"); sets the symbol in tables.",
    ),
    field(
        "reconstruction",
        Text,
        Optional,
        "Set when the model is not the analysis it describes but rebuilt from what was published about it: say from what. Every output then says the figures are a reconstruction, not the assured analysis.",
    )
    .note("set when the model is not the analysis it describes but rebuilt from what was published about it, saying from what; every output then says it is a reconstruction, not the assured analysis"),
];

/// `[conventions]`: every key optional, each defaulting to the SROI Guide's
/// value map with the Green Book's 3.5% rate (`Conventions::default`).
pub const CONVENTIONS: &[Field] = &[
    field(
        "discount_rate",
        Rate,
        Default(Value::Rate(Decimal::from_parts(35, 0, 0, false, 3))),
        "Flat discount rate, \"3.5%\" or 0.035 (default 3.5%, the Green Book's).",
    ),
    field(
        "schedule",
        Choice(&SCHEDULES),
        Default(Value::Choice(0)),
        "\"flat\" (default): one rate; \"green-book\": 3.5% to year 30, then declining; \"green-book-health\": 1.5% declining.",
    ),
    field(
        "discount_first_year",
        Flag,
        Default(Value::Flag(true)),
        "true (default): year 1 is discounted once (SROI Guide); false: year 1 is year 0 and undiscounted (Green Book).",
    ),
    field(
        "inputs_discounted",
        Flag,
        Default(Value::Flag(false)),
        "false (default): inputs count at face value (value map); true: discounted like benefits.",
    ),
    field(
        "deductions",
        Choice(&DEDUCTIONS),
        Default(Value::Choice(0)),
        "\"multiplicative\" (default, SROI Guide): (1 − deadweight)(1 − displacement)(1 − attribution); \"additive\": 1 − their sum.",
    ),
];

/// `[[stakeholders]]`.
pub const STAKEHOLDER: &[Field] = &[
    field(
        "id",
        Id,
        Required,
        "[a-z0-9_-]+, unique among stakeholders (required).",
    )
    .note("unique among stakeholders"),
    field(
        "name",
        Text,
        Derived("the id"),
        "The name shown in reports; defaults to the id.",
    ),
    field(
        "size",
        NonNegative,
        Optional,
        "How many people are in the group.",
    )
    .note("how many people are in the group"),
];

/// `[[inputs]]`.
pub const INPUT: &[Field] = &[
    field(
        "stakeholder",
        Stakeholder,
        Required,
        "The id of a declared stakeholder (required).",
    ),
    field("description", Text, Optional, "What is put in."),
    field(
        "amount",
        PerYear,
        Required,
        "A number (all in year 1) or one amount per year from year 1, each zero or more (required).",
    )
    .note("one per year from year 1"),
    field(
        "in_kind",
        Flag,
        Default(Value::Flag(false)),
        "Whether the input is in kind (default false).",
    ),
];

/// `[[outcomes]]`.
pub const OUTCOME: &[Field] = &[
    field(
        "id",
        Id,
        Required,
        "[a-z0-9_-]+, unique among outcomes (required).",
    )
    .note("unique among outcomes"),
    field(
        "stakeholder",
        Stakeholder,
        Required,
        "The id of the stakeholder who experiences the change (required).",
    ),
    field(
        "description",
        Text,
        Optional,
        "The change, in the stakeholder's words.",
    ),
    field("indicator", Text, Optional, "How the change is measured."),
    field(
        "quantity",
        PerYear,
        Required,
        "How many experience the change: a number (one cohort) or one cohort per activity year; cohort k starts in year start_year + k (required).",
    )
    .note("cohort k starts in year `start_year + k`"),
    field(
        "proxy",
        Number,
        Required,
        "The value of the change per unit per year; negative for a change for the worse (required).",
    )
    .note("negative for a change for the worse"),
    field(
        "proxy_description",
        Text,
        Optional,
        "What the financial proxy is.",
    ),
    field(
        "proxy_source",
        Text,
        Optional,
        "Where the proxy's value comes from.",
    ),
    field(
        "deadweight",
        Rate,
        ZERO_RATE,
        "The share that would have happened anyway: \"25%\" or a number from 0 to 1 (default 0%).",
    ),
    field(
        "displacement",
        Rate,
        ZERO_RATE,
        "The share moved from elsewhere: \"25%\" or a number from 0 to 1 (default 0%).",
    ),
    field(
        "attribution",
        Rate,
        ZERO_RATE,
        "The share owed to others: \"25%\" or a number from 0 to 1 (default 0%).",
    ),
    field(
        "drop_off",
        Rate,
        ZERO_RATE,
        "How much of the change fades each year after the first: \"25%\" or a number from 0 to 1 (default 0%).",
    ),
    field(
        "duration",
        Years,
        Required,
        "Years in which the change has value, counted from each cohort's start (required).",
    ),
    field(
        "start_year",
        Years,
        Default(Value::Whole(1)),
        "1 (default): starts in the year of activity; 2: the year after.",
    ),
    field(
        "uncertainty",
        Table,
        Optional,
        "Distributions for `sroi simulate`, one per field; `{}` marks the outcome as certain.",
    )
    .note("one distribution per field; see `sroi simulate`"),
];

/// `[published]`: the figures of an assured report.
pub const PUBLISHED: &[Field] = &[
    field(
        "present_value",
        Number,
        Optional,
        "The published present value.",
    ),
    field("inputs", Number, Optional, "The published inputs total."),
    field("ratio", Number, Optional, "The published SROI ratio."),
    field(
        "tolerance",
        Rate,
        Default(Value::Rate(Decimal::from_parts(5, 0, 0, false, 3))),
        "Relative tolerance for reproducing the figures (default 0.5%).",
    )
    .note("relative"),
    field(
        "source",
        Text,
        Optional,
        "The report the figures come from.",
    ),
];

/// The names of a table's fields, in order: the keys the reader accepts.
pub const fn names<const N: usize>(fields: &[Field]) -> [&'static str; N] {
    let mut names = [""; N];
    let mut i = 0;
    while i < N {
        names[i] = fields[i].name;
        i += 1;
    }
    names
}

/// How many columns a table's fields make in a value map: one each, and one
/// more for the name of each stakeholder referred to.
pub const fn column_count(fields: &[Field]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while i < fields.len() {
        if fields[i].is_column() {
            count += 1;
        }
        if matches!(fields[i].kind, Stakeholder) {
            count += 1;
        }
        i += 1;
    }
    count
}

/// The name of the column that follows a stakeholder reference.
pub const STAKEHOLDER_NAME: &str = "stakeholder_name";

/// A table's columns in a value map, with the field behind each; the
/// stakeholder's name is shown after its id and reads as text.
pub const fn columns<const N: usize>(fields: &[Field]) -> [(&'static str, Kind); N] {
    let mut columns = [("", Text); N];
    let (mut i, mut n) = (0, 0);
    while i < fields.len() {
        if fields[i].is_column() {
            columns[n] = (fields[i].name, fields[i].kind);
            n += 1;
        }
        if matches!(fields[i].kind, Stakeholder) {
            columns[n] = (STAKEHOLDER_NAME, Text);
            n += 1;
        }
        i += 1;
    }
    columns
}

/// The names of a table's columns in a value map.
pub const fn column_names<const N: usize>(fields: &[Field]) -> [&'static str; N] {
    let columns: [(&str, Kind); N] = columns(fields);
    let mut names = [""; N];
    let mut i = 0;
    while i < N {
        names[i] = columns[i].0;
        i += 1;
    }
    names
}

/// How many of a table's fields are required.
pub const fn required_count(fields: &[Field]) -> usize {
    let (mut count, mut i) = (0, 0);
    while i < fields.len() {
        if matches!(fields[i].presence, Required) {
            count += 1;
        }
        i += 1;
    }
    count
}

/// The names of a table's required fields, in order, as a constant.
pub const fn required_names<const N: usize>(fields: &[Field]) -> [&'static str; N] {
    let mut names = [""; N];
    let (mut i, mut n) = (0, 0);
    while i < fields.len() {
        if matches!(fields[i].presence, Required) {
            names[n] = fields[i].name;
            n += 1;
        }
        i += 1;
    }
    names
}

/// The field of a table by name.
pub fn find(fields: &'static [Field], name: &str) -> Option<&'static Field> {
    fields.iter().find(|field| field.name == name)
}

/// The names of the required fields, in order.
pub fn required(fields: &[Field]) -> Vec<&'static str> {
    fields
        .iter()
        .filter(|field| field.presence == Required)
        .map(|field| field.name)
        .collect()
}

/// The README's reference table of the model file's fields: a row per run
/// of fields that share their rule and default.
pub fn markdown(max_years: u32) -> String {
    let tables: [(&str, &[Field]); 6] = [
        ("`[analysis]`", ANALYSIS),
        ("`[conventions]`", CONVENTIONS),
        ("`[[stakeholders]]`", STAKEHOLDER),
        ("`[[inputs]]`", INPUT),
        ("`[[outcomes]]`", OUTCOME),
        ("`[published]`", PUBLISHED),
    ];
    let mut out = String::from("| table | field | type and rule | default |\n|---|---|---|---|\n");
    for (table, fields) in tables {
        let mut rows: Vec<(Vec<&str>, String, String)> = Vec::new();
        for field in fields {
            let rule = rule(field, max_years);
            let default = default(field);
            match rows.last_mut() {
                Some((names, r, d)) if *r == rule && *d == default => names.push(field.name),
                _ => rows.push((vec![field.name], rule, default)),
            }
        }
        for (index, (names, rule, default)) in rows.iter().enumerate() {
            let names: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
            let table = if index == 0 { table } else { "" };
            let row = format!("| {table} | {} | {rule} | {default} |\n", names.join(", "));
            // A row under its table's first leaves the table's cell empty.
            out.push_str(&row.replacen("|  |", "| |", 1));
        }
    }
    // Tables read by their own modules, each documented in its own section.
    out.push_str(
        "| `[[scenarios]]` | `name`, `description`, `set`, `change` | see Scenarios | none |\n",
    );
    out.push_str("| `[check]` | `allow` | list of `{ code, reason }`: lints this model accepts (see `sroi check`) | none |\n");
    out
}

/// The README's "type and rule" of a field: its kind's, then its note.
fn rule(field: &Field, max_years: u32) -> String {
    let kind = match field.kind {
        Text => "string".to_owned(),
        Id => "`[a-z0-9_-]+`".to_owned(),
        Stakeholder => "a declared stakeholder id".to_owned(),
        Choice(names) => {
            let quoted: Vec<String> = names.iter().map(|name| format!("`\"{name}\"`")).collect();
            match quoted.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                None => String::new(),
            }
        }
        Currency => {
            "an active ISO 4217 code in capitals (a mistyped one is named with the nearest)"
                .to_owned()
        }
        Flag => "boolean".to_owned(),
        Number => "number".to_owned(),
        NonNegative => "number ≥ 0".to_owned(),
        PerYear => "number ≥ 0, or a list of them".to_owned(),
        Rate => "rate from 0% to 100%".to_owned(),
        Years => format!("whole number of years, 1 to {max_years}"),
        Table => "table".to_owned(),
    };
    if field.note.is_empty() {
        kind
    } else {
        format!("{kind} ({})", field.note)
    }
}

/// The README's "default" of a field.
fn default(field: &Field) -> String {
    match field.presence {
        Required => "required".to_owned(),
        Optional => "none".to_owned(),
        Derived(what) => what.to_owned(),
        Default(value) => match value {
            Value::Rate(rate) => format!("`{}%`", (rate * Decimal::ONE_HUNDRED).normalize()),
            Value::Whole(number) => format!("`{number}`"),
            Value::Flag(flag) => format!("`{flag}`"),
            Value::Choice(index) => match field.kind {
                Choice(names) => format!("`\"{}\"`", names.get(index).unwrap_or(&"")),
                _ => String::new(),
            },
            Value::Text(text) => format!("`\"{text}\"`"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Conventions, Deductions, Schedule};

    #[test]
    fn the_defaults_of_the_conventions_are_the_types_own() {
        let rate = |name| find(CONVENTIONS, name).map(|field| field.presence);
        let defaults = Conventions::default();
        assert_eq!(
            rate("discount_rate"),
            Some(Default(Value::Rate(defaults.discount_rate)))
        );
        // Index 0 of each list of names is the default of its type.
        assert_eq!(rate("schedule"), Some(Default(Value::Choice(0))));
        assert_eq!(Schedule::NAMES[0], defaults.schedule.as_str());
        assert_eq!(rate("deductions"), Some(Default(Value::Choice(0))));
        assert_eq!(Deductions::NAMES[0], defaults.deductions.as_str());
        assert_eq!(
            rate("discount_first_year"),
            Some(Default(Value::Flag(defaults.discount_first_year)))
        );
        assert_eq!(
            rate("inputs_discounted"),
            Some(Default(Value::Flag(defaults.inputs_discounted)))
        );
    }

    #[test]
    fn a_stakeholder_reference_brings_the_stakeholders_name_after_it() {
        let columns: [(&str, Kind); column_count(INPUT)] = columns(INPUT);
        let names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
        assert_eq!(
            names,
            [
                "stakeholder",
                "stakeholder_name",
                "description",
                "amount",
                "in_kind"
            ]
        );
    }
}
