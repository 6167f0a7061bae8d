//! `sroi import`: a value map exported by `sroi calc --format csv` comes back
//! as a model with the same figures, and every problem of a CSV is reported
//! by file, row and column (one fixture per problem in
//! `tests/fixtures/import/invalid/`, its exact message beside it).

use std::path::Path;

use serde_json::Value;

use crate::support::{assert_matches_file, files_with_extension, root, sroi, stderr, stdout};

/// `sroi calc MODEL --format FORMAT`, which must succeed.
fn calc(model: &str, format: &str) -> String {
    let output = sroi(&["calc", model, "--format", format]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{model}: {}",
        stderr(&output)
    );
    stdout(&output)
}

/// Import `csv` with `args`, write the model to a temporary file and return its path.
fn import_to_file(directory: &Path, csv: &str, args: &[&str]) -> String {
    let model = directory.join("imported.toml");
    let _ = std::fs::remove_file(&model);
    let model = model.to_str().expect("UTF-8 path").to_owned();
    let mut all = vec!["import", csv, "-o", &model];
    all.extend_from_slice(args);
    let output = sroi(&all);
    assert_eq!(
        output.status.code(),
        Some(0),
        "import of {csv} failed:\n{}",
        stderr(&output)
    );
    assert!(stdout(&output).is_empty());
    model
}

fn write_csv_of(model: &str, directory: &Path) -> String {
    let csv = directory.join("value-map.csv");
    std::fs::write(&csv, calc(model, "csv")).expect("temporary file");
    csv.to_str().expect("UTF-8 path").to_owned()
}

#[test]
fn calc_csv_imported_onto_the_same_model_gives_identical_json() {
    for model in [
        "models/thurrock.toml",
        "models/derby.toml",
        "examples/minimal.toml",
        "tests/fixtures/import/cohorts.toml",
        // Ids starting with `-`, which the CSV neutralises, and formulas in every text.
        "tests/fixtures/hostile/formulas.toml",
    ] {
        let directory = tempfile::tempdir().expect("temporary directory");
        let csv = write_csv_of(model, directory.path());
        let imported = import_to_file(directory.path(), &csv, &["--onto", model]);
        assert_eq!(
            calc(&imported, "json"),
            calc(model, "json"),
            "{model}: the figures changed on the way through the CSV"
        );
    }
}

#[test]
fn awkward_text_survives_the_round_trip_exactly() {
    // cohorts.toml holds quotes, `"""`, a backslash, a newline, a tab,
    // non-ASCII, text starting with `=`, `-`, `@` and an apostrophe: the CSV
    // of the imported model (which has every text field) is the same CSV.
    let model = "tests/fixtures/import/cohorts.toml";
    let directory = tempfile::tempdir().expect("temporary directory");
    let csv = write_csv_of(model, directory.path());
    let imported = import_to_file(directory.path(), &csv, &["--onto", model]);
    assert_eq!(calc(&imported, "csv"), calc(model, "csv"));
    let text = std::fs::read_to_string(&imported).expect("written");
    assert!(
        text.contains(r#"proxy_source = "'=cmd|' /C calc'!A0""#),
        "{text}"
    );
    assert!(text.contains(r#"triple \"\"\" quotes, a back\\slash,\na second line, a tab\there"#));
}

/// The headline and per-outcome figures of `sroi calc --format json`.
fn figures(json: &str) -> Vec<(String, Value)> {
    let parsed: Value = serde_json::from_str(json).expect("JSON");
    let mut figures: Vec<(String, Value)> = [
        "present_value",
        "net_present_value",
        "ratio",
        "net_ratio",
        "payback_months",
        "outcomes",
        "years",
        "conventions",
    ]
    .iter()
    .map(|key| ((*key).to_owned(), parsed[*key].clone()))
    .collect();
    figures.push(("inputs.total".to_owned(), parsed["inputs"]["total"].clone()));
    figures.push((
        "inputs.by_year".to_owned(),
        parsed["inputs"]["by_year"].clone(),
    ));
    figures
}

#[test]
fn standalone_import_with_inputs_gives_the_figures_of_the_source_model() {
    // The bundled models use the default conventions, which a standalone
    // import writes out; the figures compared are those of `sroi calc` of the
    // source model. The inputs CSVs were written from each model's [[inputs]].
    for (model, inputs) in [
        (
            "models/thurrock.toml",
            "tests/fixtures/import/thurrock-inputs.csv",
        ),
        (
            "models/derby.toml",
            "tests/fixtures/import/derby-inputs.csv",
        ),
        (
            "examples/minimal.toml",
            "tests/fixtures/import/minimal-inputs.csv",
        ),
    ] {
        let directory = tempfile::tempdir().expect("temporary directory");
        let csv = write_csv_of(model, directory.path());
        let imported = import_to_file(directory.path(), &csv, &["--inputs", inputs]);
        assert_eq!(
            figures(&calc(&imported, "json")),
            figures(&calc(model, "json")),
            "{model}"
        );
    }
}

#[test]
fn a_standalone_model_names_the_csv_and_writes_out_the_default_conventions() {
    let output = sroi(&[
        "import",
        "tests/fixtures/import/minimal-values.csv",
        "--inputs",
        "tests/fixtures/import/minimal-inputs.csv",
        "--name",
        "A \"quoted\" name",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_matches_file(
        &stdout(&output),
        &root().join("tests/fixtures/import/minimal-standalone.toml"),
    );
}

#[test]
fn the_summary_on_standard_error_names_every_file_the_model_came_from() {
    // One outcome row in minimal-values.csv, one input row in minimal-inputs.csv;
    // base.toml keeps its one input.
    let values = "tests/fixtures/import/minimal-values.csv";
    let inputs = "tests/fixtures/import/minimal-inputs.csv";
    let base = "tests/fixtures/import/base.toml";
    let standalone = sroi(&["import", values, "--inputs", inputs]);
    assert_eq!(standalone.status.code(), Some(0), "{}", stderr(&standalone));
    assert_eq!(
        stderr(&standalone),
        format!("imported 1 outcome from {values} and 1 input from {inputs}\n")
    );
    let onto = sroi(&["import", values, "--onto", base]);
    assert_eq!(onto.status.code(), Some(0), "{}", stderr(&onto));
    assert_eq!(
        stderr(&onto),
        format!("imported 1 outcome from {values} onto {base}\n")
    );
    // Written to a file, the summary comes before what to run next.
    let directory = tempfile::tempdir().expect("temporary directory");
    let model = directory.path().join("model.toml");
    let model = model.to_str().expect("UTF-8 path");
    let written = sroi(&["import", values, "--inputs", inputs, "-o", model]);
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    assert_eq!(
        stderr(&written),
        format!(
            "imported 1 outcome from {values} and 1 input from {inputs}\nwrote {model}; next: sroi calc {model}\n"
        )
    );
}

#[test]
fn every_invalid_value_map_exits_one_with_its_exact_message() {
    let cases = [
        (
            "tests/fixtures/import/invalid",
            "--onto",
            "tests/fixtures/import/base.toml",
        ),
        (
            "tests/fixtures/import/invalid-standalone",
            "--inputs",
            "tests/fixtures/import/minimal-inputs.csv",
        ),
    ];
    let mut count = 0;
    for (directory, option, rest) in cases {
        for csv in files_with_extension(&root().join(directory), "csv") {
            let relative = csv.strip_prefix(root()).expect("under the crate root");
            let relative = relative.to_str().expect("UTF-8 path");
            let output = sroi(&["import", relative, option, rest]);
            let message = stderr(&output);
            assert_eq!(output.status.code(), Some(1), "{relative}:\n{message}");
            assert!(stdout(&output).is_empty(), "{relative} wrote a model");
            assert!(!message.contains("panicked"), "{relative}:\n{message}");
            assert_matches_file(&message, &csv.with_extension("stderr"));
            count += 1;
        }
    }
    assert!(
        count >= 25,
        "the import fixtures are missing: found {count}"
    );
}

#[test]
fn a_problem_in_the_inputs_csv_is_placed_in_that_file() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let inputs = directory.path().join("inputs.csv");
    std::fs::write(
        &inputs,
        "stakeholder,description,amount,in_kind\ncouncil,Grant,-5,maybe\n",
    )
    .expect("temporary file");
    let inputs = inputs.to_str().expect("UTF-8 path");
    let output = sroi(&[
        "import",
        "tests/fixtures/import/minimal-values.csv",
        "--inputs",
        inputs,
    ]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains(&format!(
            "{inputs}:2:3: error[SROI005]: `amount` must be zero or more in every year\n  = column 3 `amount`: \"-5\"\n"
        )),
        "{message}"
    );
    assert!(
        message.contains(&format!(
            "{inputs}:2:4: error[SROI003]: `in_kind` must be true or false, found the string \"maybe\"\n"
        )),
        "{message}"
    );
}

#[test]
fn without_onto_or_inputs_import_says_which_to_give() {
    let output = sroi(&["import", "tests/fixtures/import/minimal-values.csv"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("--onto BASE.toml"), "{message}");
    assert!(message.contains("--inputs INPUTS.csv"), "{message}");
}

#[test]
fn import_never_replaces_a_file_and_never_writes_over_what_it_reads() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let existing = directory.path().join("model.toml");
    std::fs::write(&existing, "keep me").expect("temporary file");
    let existing = existing.to_str().expect("UTF-8 path");
    let output = sroi(&[
        "import",
        "tests/fixtures/import/minimal-values.csv",
        "--onto",
        "examples/minimal.toml",
        "-o",
        existing,
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("already exists; import never replaces a file"));
    assert_eq!(std::fs::read_to_string(existing).expect("kept"), "keep me");

    let output = sroi(&[
        "import",
        "tests/fixtures/import/minimal-values.csv",
        "--onto",
        "examples/minimal.toml",
        "-o",
        "examples/minimal.toml",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("refusing to overwrite the model examples/minimal.toml"));
}

#[test]
fn an_unreadable_csv_exits_two() {
    let output = sroi(&[
        "import",
        "tests/fixtures/import/no-such-file.csv",
        "--onto",
        "examples/minimal.toml",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("sroi: cannot read tests/fixtures/import/no-such-file.csv")
    );
}

#[test]
fn an_invalid_base_model_is_reported_as_calc_reports_it() {
    let output = sroi(&[
        "import",
        "tests/fixtures/import/minimal-values.csv",
        "--onto",
        "tests/fixtures/invalid/unknown_key_in_outcome.toml",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let calc = sroi(&["calc", "tests/fixtures/invalid/unknown_key_in_outcome.toml"]);
    assert_eq!(stderr(&output), stderr(&calc));
}
