//! Large impact maps for benchmarks: `model(n)` writes a valid model with `n`
//! outcomes shaped like the bundled ones (every field filled, three cohorts,
//! durations of one to five years), deterministic for a given `n`.

use std::fmt::Write as _;

const STAKEHOLDERS: usize = 20;

pub fn model(outcomes: usize) -> String {
    let mut text = String::with_capacity(outcomes * 520 + 4096);
    text.push_str(
        "[analysis]\nname = \"Generated benchmark model\"\norganisation = \"Benchmark Council\"\n\
         period = \"April 2016 to March 2019\"\n\n[conventions]\ndiscount_rate = \"3.5%\"\n\n",
    );
    for s in 0..STAKEHOLDERS {
        let _ = write!(
            text,
            "[[stakeholders]]\nid = \"group-{s}\"\nname = \"Stakeholder group {s}\"\nsize = 100000\n\n"
        );
    }
    let _ = write!(
        text,
        "[[inputs]]\nstakeholder = \"group-0\"\ndescription = \"Coordinators, salaries and on-costs\"\n\
         amount = [{}, {}, {}]\n\n",
        outcomes * 40,
        outcomes * 41,
        outcomes * 42
    );
    for i in 0..outcomes {
        write_outcome(&mut text, i);
    }
    text
}

fn write_outcome(text: &mut String, i: usize) {
    // Small co-prime cycles give every combination of fields without randomness.
    let _ = write!(
        text,
        "[[outcomes]]\nid = \"outcome-{i}\"\nstakeholder = \"group-{}\"\n\
         description = \"Outcome number {i}: a change a stakeholder experiences\"\n\
         indicator = \"People reporting the change at follow-up\"\n\
         quantity = [{}, {}, {}]\nproxy = {}.{:02}\n\
         proxy_description = \"Cost of an equivalent service for a year\"\n\
         proxy_source = \"Unit cost database, line {i}\"\n\
         deadweight = \"{}%\"\ndisplacement = \"{}%\"\nattribution = \"{}%\"\ndrop_off = \"{}%\"\n\
         duration = {}\nstart_year = {}\n\n",
        i % STAKEHOLDERS,
        10 + i % 17,
        12 + i % 13,
        14 + i % 11,
        100 + (i * 37) % 4900,
        i % 100,
        10 + i % 31,
        i % 7,
        15 + i % 29,
        5 + i % 41,
        1 + i % 5,
        1 + i % 2,
    );
}
