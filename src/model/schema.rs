//! The shape of a model file: which tables exist, which keys each may hold,
//! and the limits that keep any input, however large, from exhausting memory
//! or time. One place, so the parser, the error hints and the README agree.
//! The fields of the tables of the impact map are named from `field_table`.

use super::field_table;

pub(crate) const TOP_LEVEL: &[&str] = &[
    "analysis",
    "conventions",
    "stakeholders",
    "inputs",
    "outcomes",
    "published",
    "scenarios",
    "check",
];

pub(crate) const ANALYSIS: &[&str] =
    &field_table::names::<{ field_table::ANALYSIS.len() }>(field_table::ANALYSIS);

pub(crate) const CONVENTIONS: &[&str] =
    &field_table::names::<{ field_table::CONVENTIONS.len() }>(field_table::CONVENTIONS);

pub(crate) const STAKEHOLDER: &[&str] =
    &field_table::names::<{ field_table::STAKEHOLDER.len() }>(field_table::STAKEHOLDER);

pub(crate) const INPUT: &[&str] =
    &field_table::names::<{ field_table::INPUT.len() }>(field_table::INPUT);

pub(crate) const OUTCOME: &[&str] =
    &field_table::names::<{ field_table::OUTCOME.len() }>(field_table::OUTCOME);

/// The columns of the CSV output that carry the impact map itself, which
/// `sroi import` reads back; the computed figures follow them.
pub const OUTCOME_COLUMNS: [&str; field_table::column_count(field_table::OUTCOME)] =
    field_table::column_names(field_table::OUTCOME);

/// The columns of an inputs CSV, which `sroi import` reads.
pub const INPUT_COLUMNS: [&str; field_table::column_count(field_table::INPUT)] =
    field_table::column_names(field_table::INPUT);

pub(crate) const PUBLISHED: &[&str] =
    &field_table::names::<{ field_table::PUBLISHED.len() }>(field_table::PUBLISHED);

pub(crate) const CHECK: &[&str] = &["allow"];

pub(crate) const ALLOWANCE: &[&str] = &["code", "reason"];

/// How deeply arrays, inline tables and dotted keys may nest: the `toml`
/// crate's own limit, which keeps its recursive parser off the end of the
/// stack. Named here so that the error can say it; a test holds the two equal.
pub const TOML_NESTING_LIMIT: u32 = 80;

pub(crate) const SCENARIO: &[&str] = &["name", "description", "set", "change"];

/// The fields that may be uncertain: those the value of an outcome is linear
/// or smooth in. Duration and start year are whole years; vary them in scenarios.
pub(crate) const UNCERTAIN: &[&str] = &[
    "quantity",
    "proxy",
    "deadweight",
    "displacement",
    "attribution",
    "drop_off",
];

pub(crate) const SHAPES: &[&str] = &["triangular", "uniform", "pert", "normal"];

/// The keys of a `normal` distribution's table.
pub(crate) const NORMAL: &[&str] = &["mean", "sd"];

/// Bounds on what a model may ask of the program. Each is far beyond any real
/// SROI analysis (which runs to tens of outcomes over a handful of years) and
/// each is named in the error that enforces it. Together they keep `calc` of
/// the largest model they allow to a few hundred megabytes (README, "Limits").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_entries: usize,
    pub max_years: u32,
    /// Year cells over all outcomes: each outcome's years from year 1 to its
    /// last, the values the calculation holds (and JSON writes) for it.
    /// Durations and start years of up to 1,000 years on many outcomes would
    /// otherwise ask for billions.
    pub max_year_cells: u64,
    pub max_text_chars: usize,
    /// Bytes in one top-level table (a header, its keys and sub-tables, up
    /// to the next header), and in a whole file that cannot be read a table
    /// at a time: what the parser holds in memory at once, at some twenty to
    /// seventy bytes for each byte of text.
    pub max_table_bytes: u64,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        max_file_bytes: 64 * 1024 * 1024,
        max_entries: 100_000,
        max_years: 1_000,
        max_year_cells: 2_000_000,
        max_text_chars: 10_000,
        max_table_bytes: 2 * 1024 * 1024,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// The closest valid name to a misspelt one, when it is close enough to be a
/// plausible typo rather than a different word.
pub(crate) fn nearest<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::damerau_levenshtein(wrong, candidate), candidate))
        .filter(|(distance, candidate)| *distance <= (candidate.len() / 3).max(2))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_close_key_and_nothing_for_a_distant_one() {
        assert_eq!(
            nearest("dedweight", OUTCOME.iter().copied()),
            Some("deadweight")
        );
        assert_eq!(
            nearest("dropoff", OUTCOME.iter().copied()),
            Some("drop_off")
        );
        assert_eq!(nearest("colour", OUTCOME.iter().copied()), None);
    }
}
