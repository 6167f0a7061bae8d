//! The headings of a value map as analysts write them, matched to the
//! fields of the model (spec section 7). A heading is compared without
//! regard to case, spaces, punctuation, `%`, currency symbols and units in
//! brackets, so `Deadweight %`, `Value £ (of the proxy)` and `Duration
//! (years)` are `deadweight`, `value` and `duration`.
//!
//! Two headings of the Social Value UK value map appear twice: `Value £`
//! (the inputs' value, the proxy's value) and `Source` (the indicator's
//! source, the proxy's source). Each is told apart by the heading before it.

/// What a column of a value map holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Heading {
    /// A field `sroi` imports: the name of the outcome or input field, as
    /// the rest of the import names it.
    Field(&'static str),
    /// The sheet's own impact of the row (quantity × proxy × net of
    /// deductions), compared with `sroi`'s.
    Impact,
    /// The sheet's own present value of the row, compared with `sroi`'s.
    PresentValue,
    /// A column `sroi` does not use, and why.
    Unused(&'static str),
}

/// The input fields, under their names in an inputs table.
pub(super) const INPUT_DESCRIPTION: &str = "input_description";
pub(super) const INPUT_AMOUNT: &str = "input_amount";
pub(super) const IN_KIND: &str = "in_kind";

/// Normalised headings and the field each names. `value` and `source` are
/// resolved by position; `outcome` by the other headings (see `resolve`).
const NAMES: &[(&str, &str)] = &[
    ("stakeholder", "stakeholder"),
    ("stakeholders", "stakeholder"),
    ("whodowehaveaneffecton", "stakeholder"),
    ("whodowehaveaneffectonwhohasaneffectonus", "stakeholder"),
    ("inputs", INPUT_DESCRIPTION),
    ("input", INPUT_DESCRIPTION),
    ("inputsdescription", INPUT_DESCRIPTION),
    ("inputdescription", INPUT_DESCRIPTION),
    ("whatdotheyinvest", INPUT_DESCRIPTION),
    ("inputsvalue", INPUT_AMOUNT),
    ("inputvalue", INPUT_AMOUNT),
    ("valueofinputs", INPUT_AMOUNT),
    ("investment", INPUT_AMOUNT),
    ("inkind", IN_KIND),
    ("outcomedescription", "description"),
    ("theoutcome", "description"),
    ("theoutcomes", "description"),
    ("whatchanges", "description"),
    ("description", "description"),
    ("id", "id"),
    ("outcomeid", "id"),
    ("indicator", "indicator"),
    ("indicators", "indicator"),
    ("quantity", "quantity"),
    ("howmuchchangewasthere", "quantity"),
    ("numberofpeople", "quantity"),
    ("duration", "duration"),
    ("howlongdoesitlast", "duration"),
    ("outcomesstart", "start_year"),
    ("outcomestarts", "start_year"),
    ("outcomestart", "start_year"),
    ("startyear", "start_year"),
    ("financialproxyvalue", "proxy"),
    ("valueofproxy", "proxy"),
    ("valueoftheproxy", "proxy"),
    ("proxyvalue", "proxy"),
    ("financialproxy", "proxy_description"),
    ("proxy", "proxy_description"),
    ("proxydescription", "proxy_description"),
    ("proxysource", "proxy_source"),
    ("deadweight", "deadweight"),
    ("displacement", "displacement"),
    ("attribution", "attribution"),
    ("dropoff", "drop_off"),
];

/// A heading as compared: lower case, letters and digits only, without
/// anything in brackets.
pub(super) fn normalise(heading: &str) -> String {
    let mut out = String::with_capacity(heading.len());
    let mut depth = 0usize;
    for c in heading.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 && c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

/// What each heading of a row names, `None` for an empty cell.
pub(super) fn resolve(headings: &[String]) -> Vec<Option<Heading>> {
    let names: Vec<String> = headings.iter().map(|h| normalise(h)).collect();
    // `Outcome` is the description unless another heading is (as in the
    // workbook `sroi export` writes, where `Outcome` holds the outcome's id).
    let has_description = names
        .iter()
        .any(|n| lookup(n) == Some("description") && n != "outcome");
    let mut resolved: Vec<Option<Heading>> = Vec::with_capacity(names.len());
    for (index, name) in names.iter().enumerate() {
        if name.is_empty() {
            resolved.push(None);
            continue;
        }
        let before = resolved[..index].iter().rev().find_map(|h| match h {
            Some(Heading::Field(field)) => Some(*field),
            _ => None,
        });
        let heading = match name.as_str() {
            "outcome" | "outcomes" if has_description => Heading::Field("id"),
            "outcome" | "outcomes" => Heading::Field("description"),
            // After the inputs (or before any outcome column) the inputs'
            // value; after the proxy, or among the outcome's columns, the proxy's.
            "value" => match before {
                Some(INPUT_DESCRIPTION | "stakeholder") | None => Heading::Field(INPUT_AMOUNT),
                Some(INPUT_AMOUNT | IN_KIND) => {
                    Heading::Unused("a second value column after the inputs' value")
                }
                Some(_) => Heading::Field("proxy"),
            },
            "source" => match before {
                Some("proxy" | "proxy_description") => Heading::Field("proxy_source"),
                _ => Heading::Unused("the indicator's source has no field in the model"),
            },
            "impact" => Heading::Impact,
            "presentvalue" => Heading::PresentValue,
            other => match lookup(other) {
                Some(field) => Heading::Field(field),
                None => Heading::Unused(unused_reason(other)),
            },
        };
        resolved.push(Some(heading));
    }
    resolved
}

fn lookup(name: &str) -> Option<&'static str> {
    NAMES.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

fn unused_reason(name: &str) -> &'static str {
    if name.bytes().all(|b| b.is_ascii_digit()) || name.starts_with("year") {
        "sroi computes the value of each year"
    } else if name.starts_with("total") {
        "sroi computes the totals"
    } else if name == "netofdeductions" {
        "sroi computes the deductions"
    } else if name == "outputs" || name.starts_with("output") {
        "outputs are not part of the calculation"
    } else {
        "not a heading of the value map"
    }
}

/// How many fields a row of headings names: a header row names several.
pub(super) fn fields_named(resolved: &[Option<Heading>]) -> usize {
    let mut seen: Vec<&str> = Vec::new();
    for heading in resolved.iter().flatten() {
        if let Heading::Field(field) = heading {
            if !seen.contains(field) {
                seen.push(field);
            }
        }
    }
    seen.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(headings: &[&str]) -> Vec<Option<Heading>> {
        resolve(&headings.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn headings_match_without_case_spaces_punctuation_symbols_or_units() {
        assert_eq!(normalise("Deadweight %"), "deadweight");
        assert_eq!(normalise(" Value £ (of the proxy)"), "value");
        assert_eq!(normalise("Duration (years)"), "duration");
        assert_eq!(
            normalise("Who do we have an effect on?"),
            "whodowehaveaneffecton"
        );
        assert_eq!(normalise("Drop-off"), "dropoff");
        assert_eq!(
            fields(&["Drop off", "DISPLACEMENT %", "Outcomes start"]),
            [
                Some(Heading::Field("drop_off")),
                Some(Heading::Field("displacement")),
                Some(Heading::Field("start_year")),
            ]
        );
    }

    #[test]
    fn the_two_values_and_the_two_sources_are_told_apart_by_the_heading_before() {
        let resolved = fields(&[
            "Stakeholders",
            "What do they invest?",
            "Value £",
            "Outputs",
            "Description",
            "Indicator",
            "Source",
            "Quantity",
            "Financial proxy",
            "Value £",
            "Source",
            "Impact",
            "",
        ]);
        let field = |index: usize| match resolved[index] {
            Some(Heading::Field(field)) => field,
            other => panic!("column {index}: {other:?}"),
        };
        assert_eq!(field(2), INPUT_AMOUNT);
        // A value map without a Financial proxy column: the value after the
        // outcome's columns is the proxy's.
        let short = fields(&["Stakeholder", "Outcome", "Quantity", "Value £"]);
        assert_eq!(short[3], Some(Heading::Field("proxy")));
        assert_eq!(field(9), "proxy");
        assert_eq!(field(10), "proxy_source");
        assert!(matches!(resolved[3], Some(Heading::Unused(_))));
        assert!(matches!(resolved[6], Some(Heading::Unused(_))));
        assert_eq!(resolved[11], Some(Heading::Impact));
        assert_eq!(resolved[12], None);
    }

    #[test]
    fn outcome_is_the_description_unless_another_heading_is() {
        assert_eq!(fields(&["Outcome"]), [Some(Heading::Field("description"))]);
        assert_eq!(
            fields(&["Outcome", "Description"]),
            [
                Some(Heading::Field("id")),
                Some(Heading::Field("description"))
            ]
        );
    }
}
