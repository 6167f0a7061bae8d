//! The stable code of every problem that keeps a model from loading or
//! computing, with what it means and how to fix it: the catalogue behind the
//! `error[SROI005]` in a message and the README's table of errors.
//!
//! Load errors take SROI000 to SROI099; the lints of `sroi check` start at
//! SROI101 (see `check::codes`). A code never changes meaning once published,
//! and a code is never reused: new problems get new codes.

use std::fmt;

/// Why a model does not load or compute, by the code it is reported under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorCode {
    NotToml,
    UnknownField,
    MissingField,
    WrongType,
    UnknownChoice,
    OutOfRange,
    BadIdentifier,
    Duplicate,
    UnknownReference,
    NothingToValue,
    OverDeducted,
    OverLimit,
    TooLarge,
    Inconsistent,
    RefusedAllowance,
    NotCsv,
}

/// What is known about a code; `CATALOGUE` holds one per `ErrorCode`, in order.
#[derive(Debug)]
pub struct Entry {
    pub code: ErrorCode,
    pub id: &'static str,
    pub name: &'static str,
    /// What the problem is, in a phrase.
    pub summary: &'static str,
    /// How to fix it.
    pub fix: &'static str,
    /// A fixture under `tests/fixtures/` (without its extension) that shows
    /// it; the README's example is its report in that fixture's expected message.
    pub example: &'static str,
}

const fn entry(
    code: ErrorCode,
    id: &'static str,
    name: &'static str,
    summary: &'static str,
    fix: &'static str,
    example: &'static str,
) -> Entry {
    Entry {
        code,
        id,
        name,
        summary,
        fix,
        example,
    }
}

use ErrorCode::*;

#[rustfmt::skip]
pub const CATALOGUE: [Entry; 16] = [
    entry(NotToml, "SROI000", "not-toml",
        "the file is not a TOML document: a syntax error, or text that is not UTF-8",
        "correct the syntax at the caret (strings in double quotes, one key per line, tables in [brackets]); save the file as UTF-8",
        "invalid/toml_syntax_error"),
    entry(UnknownField, "SROI001", "unknown-field",
        "a table or field that the model format does not have",
        "correct the spelling (the hint names the nearest valid field) or remove it",
        "invalid/unknown_key_in_outcome"),
    entry(MissingField, "SROI002", "missing-field",
        "a required table or field is missing",
        "add it; the hint names it, and `sroi init` writes a model with every field",
        "invalid/missing_required_field"),
    entry(WrongType, "SROI003", "wrong-type",
        "a value of the wrong type: text where a number belongs, a decimal where a whole number belongs, a table where a list belongs",
        "write the value as the message says (a number without quotes, a percentage as \"25%\", true or false without quotes)",
        "invalid/wrong_value_types"),
    entry(UnknownChoice, "SROI004", "unknown-choice",
        "a word that is not one of the choices a field allows (schedule, deductions, kind, distribution)",
        "use one of the choices the message lists",
        "invalid/unknown_schedule"),
    entry(OutOfRange, "SROI005", "out-of-range",
        "a number outside its valid range: a negative quantity or amount, a rate above 100%, a duration of 0 years",
        "bring it into the range the message gives; for a rate, a bare 25 is read as 2500%, so write \"25%\"",
        "invalid/rate_written_as_bare_percentage_number"),
    entry(BadIdentifier, "SROI006", "bad-identifier",
        "an id with characters other than a-z, 0-9, `_` and `-`, or a currency that is not an ISO 4217 code",
        "use the suggested id, or a currency code such as \"GBP\"",
        "invalid/id_with_invalid_characters"),
    entry(Duplicate, "SROI007", "duplicate",
        "an id, a scenario name or an allowed lint given twice",
        "rename or remove one; the hint gives the line of the first",
        "invalid/duplicate_outcome_id"),
    entry(UnknownReference, "SROI008", "unknown-reference",
        "a reference to a stakeholder, an outcome or a lint code that is not declared",
        "use one of the ids the hint lists, or declare the one you meant",
        "invalid/unknown_stakeholder"),
    entry(NothingToValue, "SROI009", "nothing-to-value",
        "no outcomes, or no inputs above zero, so there is no present value or no ratio",
        "add [[outcomes]] and [[inputs]] tables with amounts above zero",
        "invalid/no_inputs"),
    entry(OverDeducted, "SROI010", "over-deducted",
        "additive deductions (deadweight, displacement and attribution added) of more than 100%",
        "lower one of them, or use multiplicative deductions",
        "invalid/additive_deductions_over_one_hundred_percent"),
    entry(OverLimit, "SROI011", "over-limit",
        "a file, list, text or nesting beyond the limits that keep any input from exhausting memory or time",
        "shorten it to within the limit the message names; no real analysis comes near them",
        "invalid/text_longer_than_the_limit"),
    entry(TooLarge, "SROI012", "too-large",
        "a number, or a figure computed from the numbers, beyond the largest exact decimal (about 7.9e28)",
        "look for a misplaced exponent or extra digits in quantities, proxies and amounts",
        "invalid/outcome_value_that_overflows"),
    entry(Inconsistent, "SROI013", "inconsistent",
        "fields that contradict each other: a scenario that both sets and changes a field, uncertainty bounds out of order, a list of the wrong length",
        "keep one of the two, or put the values in order; the hint shows a valid form",
        "invalid/uncertainty_bounds_out_of_order"),
    entry(RefusedAllowance, "SROI014", "refused-allowance",
        "a [check] allowance that cannot be accepted: an error rather than a warning, or an empty reason",
        "fix the model for an error; for a warning, say why it does not apply",
        "invalid/check_allow_of_an_error"),
    entry(NotCsv, "SROI015", "not-csv",
        "a value map given to `sroi import` that is not a readable CSV: a CSV syntax error, text that is not UTF-8, no header row, or a row with more or fewer cells than the header",
        "save the sheet as \"CSV UTF-8\" with commas between columns and the header row first",
        "import/invalid/row_with_too_many_cells"),
];

impl ErrorCode {
    pub fn entry(self) -> &'static Entry {
        // `CATALOGUE` is in declaration order, which a test holds.
        &CATALOGUE[self as usize]
    }

    /// `SROI005`.
    pub fn id(self) -> &'static str {
        self.entry().id
    }

    /// `out-of-range`.
    pub fn name(self) -> &'static str {
        self.entry().name
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_is_in_code_order_with_unique_ids_below_the_lints() {
        for (index, entry) in CATALOGUE.iter().enumerate() {
            assert_eq!(entry.code as usize, index, "{} is out of order", entry.id);
            assert_eq!(entry.id, format!("SROI{index:03}"));
        }
        let mut names: Vec<_> = CATALOGUE.iter().map(|e| e.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), CATALOGUE.len(), "names must be unique");
    }
}
