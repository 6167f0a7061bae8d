//! The README's reference table of the model file's fields is generated from
//! the table of fields the reader, the JSON Schema and the CSV columns are
//! driven by, so it cannot drift: the test fails when the README's copy
//! differs, and `SROI_BLESS=1 cargo test` rewrites it.

use sroi::model::Limits;
use sroi::model::field_table;

use crate::support::root;

const START: &str = "<!-- fields: generated from src/model/field_table.rs by tests/suite/field_reference.rs; `SROI_BLESS=1 cargo test` rewrites it -->";
const END: &str = "<!-- end of fields -->";

#[test]
fn the_readme_lists_every_field_as_the_table_of_fields_declares_it() {
    let generated = format!(
        "{START}\n\n{}\n{END}",
        field_table::markdown(Limits::DEFAULT.max_years)
    );
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md is readable");
    let start = readme
        .find(START)
        .expect("README.md has the field reference's start marker");
    let end = readme
        .find(END)
        .expect("README.md has the field reference's end marker")
        + END.len();
    let current = &readme[start..end];
    if std::env::var_os("SROI_BLESS").is_some() {
        let updated = format!("{}{generated}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).expect("README.md is writable");
        return;
    }
    assert!(
        current == generated,
        "the README's field reference is out of date; run SROI_BLESS=1 cargo test and review the diff\n--- README\n{current}\n--- generated\n{generated}"
    );
}

/// The rows of fields that share a rule and a default are one row, as the
/// README has always written the four deductions; a field with a note of its
/// own stands alone.
#[test]
fn fields_sharing_a_rule_and_a_default_share_a_row() {
    let table = field_table::markdown(1_000);
    // deadweight, displacement, attribution and drop_off are consecutive
    // rates defaulting to 0% (src/model/field_table.rs, OUTCOME).
    assert!(
        table.contains(
            "| | `deadweight`, `displacement`, `attribution`, `drop_off` | rate from 0% to 100% | `0%` |\n"
        ),
        "{table}"
    );
    // The years limit comes from the argument: 1,000 is Limits::DEFAULT's.
    assert!(
        table.contains("| | `duration` | whole number of years, 1 to 1000 | required |\n"),
        "{table}"
    );
    assert!(
        table.contains("| | `proxy` | number (negative for a change for the worse) | required |\n"),
        "{table}"
    );
}
