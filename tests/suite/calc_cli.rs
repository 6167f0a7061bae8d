//! `sroi calc` as a user runs it: exit codes, standard input, output files.

use crate::support::{sroi, sroi_with_stdin, stderr, stdout};

/// The spec's section 3 example model, as shipped in `examples/`.
fn spec_example() -> String {
    std::fs::read_to_string(crate::support::root().join("examples/minimal.toml"))
        .expect("the example model exists")
}

#[test]
fn json_of_the_spec_example_has_the_spec_figures_as_numbers() {
    let output = sroi_with_stdin(&["calc", "-", "--format", "json"], &spec_example());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json = stdout(&output);
    // Money is written to the penny as a JSON number, never a string or a float artefact.
    for expected in [
        "\"present_value\": 108380.59",
        "\"net_present_value\": 8380.59",
        "\"ratio\": 1.0838",
        "\"net_ratio\": 0.0838",
        "\"payback_months\": 20.00",
        "\"share\": 1.0000",
        "\"discount_rate\": 0.035",
    ] {
        assert!(json.contains(expected), "missing {expected} in\n{json}");
    }
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(
        value["outcomes"][0]["values"],
        serde_json::json!([60000.0, 54000.0])
    );
    assert_eq!(
        value["stakeholders"][1]["present_value"].as_f64(),
        Some(0.0)
    );
    assert_eq!(value["years"][1]["present_value"].as_f64(), Some(50409.58));
}

#[test]
fn the_table_gives_the_headline_sentence() {
    let output = sroi_with_stdin(&["calc", "-"], &spec_example());
    let table = stdout(&output);
    assert!(
        table.contains("£1.08 of social value for every £1 invested"),
        "{table}"
    );
    assert!(table.contains("£108,380.59"), "{table}");
}

#[test]
fn a_missing_model_file_exits_two() {
    let output = sroi(&["calc", "no/such/model.toml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("sroi: cannot read no/such/model.toml:"));
}

#[test]
fn a_directory_is_not_a_model_and_exits_two() {
    let output = sroi(&["calc", "tests"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn bad_arguments_exit_two() {
    assert_eq!(sroi(&["calc"]).status.code(), Some(2));
    assert_eq!(
        sroi(&["calc", "m.toml", "--format", "xml"]).status.code(),
        Some(2)
    );
    assert_eq!(sroi(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn output_goes_to_the_named_file_and_not_to_stdout() -> std::io::Result<()> {
    let directory = tempfile::tempdir()?;
    let model = directory.path().join("example.toml");
    std::fs::write(&model, spec_example())?;
    let target = directory.path().join("result.json");
    let output = sroi(&[
        "calc",
        model.to_str().unwrap_or_default(),
        "-f",
        "json",
        "-o",
        target.to_str().unwrap_or_default(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).is_empty());
    assert!(std::fs::read_to_string(&target)?.contains("\"ratio\": 1.0838"));
    // Only the model and the result: no temporary file is left behind.
    assert_eq!(std::fs::read_dir(directory.path())?.count(), 2);
    Ok(())
}

#[test]
fn output_refuses_to_overwrite_the_model_it_read() -> std::io::Result<()> {
    let directory = tempfile::tempdir()?;
    let model = directory.path().join("example.toml");
    std::fs::write(&model, spec_example())?;
    let same_file = directory.path().join(".").join("example.toml");
    let output = sroi(&[
        "calc",
        model.to_str().unwrap_or_default(),
        "-o",
        same_file.to_str().unwrap_or_default(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("refusing to overwrite the model"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_to_string(&model)?, spec_example());
    Ok(())
}

#[test]
fn an_invalid_model_writes_no_output_file() -> std::io::Result<()> {
    let directory = tempfile::tempdir()?;
    let target = directory.path().join("result.json");
    let output = sroi(&[
        "calc",
        "tests/fixtures/invalid/negative_quantity.toml",
        "-o",
        target.to_str().unwrap_or_default(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!target.exists());
    assert_eq!(std::fs::read_dir(directory.path())?.count(), 0);
    Ok(())
}

#[test]
fn an_unwritable_output_exits_two_and_leaves_nothing() -> std::io::Result<()> {
    let directory = tempfile::tempdir()?;
    let target = directory
        .path()
        .join("missing-directory")
        .join("result.json");
    let output = sroi_with_stdin(
        &["calc", "-", "-o", target.to_str().unwrap_or_default()],
        &spec_example(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("sroi: cannot write"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_dir(directory.path())?.count(), 0);
    Ok(())
}

#[test]
fn hostile_inputs_never_panic_or_hang() -> std::io::Result<()> {
    let directory = tempfile::tempdir()?;
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("binary", (0..=255u8).cycle().take(4096).collect()),
        (
            "deep",
            format!("a = {}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
        ),
        ("fifty_megabytes", {
            let mut text = b"[analysis]\nname = \"x\"\n# ".to_vec();
            text.resize(50 * 1024 * 1024, b'x');
            text
        }),
        (
            "huge_integer",
            b"[analysis]\nname = 1e400\nx = 99999999999999999999999999999999\n".to_vec(),
        ),
    ];
    for (name, bytes) in cases {
        let path = directory.path().join(format!("{name}.toml"));
        std::fs::write(&path, bytes)?;
        let output = sroi(&["calc", path.to_str().unwrap_or_default()]);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{name}: {message}");
        assert!(!message.contains("panicked"), "{name}: {message}");
        assert!(
            message.contains(&format!("{name}.toml:")),
            "{name}: {message}"
        );
    }
    Ok(())
}

#[test]
fn the_minimal_example_computes_the_figures_its_header_works_out() {
    let output = sroi(&["calc", "examples/minimal.toml", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    assert_eq!(json["present_value"].as_f64(), Some(108_380.59));
    assert_eq!(json["ratio"].as_f64(), Some(1.0838));
}

#[test]
fn calc_says_whether_the_published_figures_are_reproduced() {
    let table = stdout(&sroi(&["calc", "models/thurrock.toml"]));
    // Present value £4,879,963.01 against the stated £4,880,000: 36.99 /
    // 4,880,000 = 0.0000076, 0.001% to three places, within the 0.5%
    // tolerance; inputs £1,340,000.00 exactly as stated.
    let present_value = table
        .lines()
        .find(|line| line.contains("£4,880,000"))
        .unwrap_or_default();
    for part in [
        "Present value",
        "£4,879,963.01",
        "0.001%",
        "reproduced, within 0.5%",
    ] {
        assert!(present_value.contains(part), "{present_value}");
    }
    assert!(
        table.contains("0.000% ┆ reproduced, within 0.5%"),
        "{table}"
    );

    // Stated as £5,000,000 instead: 120,036.99 / 5,000,000 = 2.401% away.
    let model = std::fs::read_to_string(crate::support::root().join("models/thurrock.toml"))
        .unwrap_or_default()
        .replace("present_value = 4_880_000", "present_value = 5_000_000");
    let table = stdout(&sroi_with_stdin(&["calc", "-"], &model));
    let present_value = table
        .lines()
        .find(|line| line.contains("£5,000,000"))
        .unwrap_or_default();
    for part in ["2.401%", "not reproduced: beyond 0.5%"] {
        assert!(present_value.contains(part), "{present_value}");
    }
}

#[test]
fn calc_shows_value_per_person_where_a_group_has_a_size_and_per_unit_of_each_outcome() {
    let table = stdout(&sroi(&["calc", "models/thurrock.toml"]));
    let row = |start: &str| {
        table
            .lines()
            .find(|line| line.starts_with(&format!("│ {start} ")))
            .unwrap_or_default()
            .to_owned()
    };
    // Level 2 individuals: £2,429,457.49 over the 450 the model declares,
    // £5,398.794…; the coordinators £16,473.87 over 9, £1,830.43; the
    // council declares no size, so it has no figure per person.
    assert!(
        row("Level 2 individuals").contains("┆  £5,398.79 ┆"),
        "{table}"
    );
    assert!(
        row("Local Area Coordinators").contains("┆  £1,830.43 ┆"),
        "{table}"
    );
    assert!(
        row("Thurrock Council Adult Social Care").contains("┆          — ┆"),
        "{table}"
    );
    // Less socially isolated: £648,674.27 over 90 + 90 + 90 = 270, £2,402.497….
    assert!(
        row("Less socially isolated").contains("┆  £2,402.50 ┆"),
        "{table}"
    );
}

#[test]
fn amounts_show_with_their_currency_s_minor_units() {
    // Thurrock's present value, 4,879,963.01…, in yen: ISO 4217 gives the
    // yen no minor unit, so it shows as ¥4,879,963; JSON keeps its figure.
    let model = std::fs::read_to_string(crate::support::root().join("models/thurrock.toml"))
        .unwrap_or_default()
        .replace("currency = \"GBP\"", "currency = \"JPY\"");
    let table = stdout(&sroi_with_stdin(&["calc", "-"], &model));
    assert!(
        table.contains("│ Present value     ┆   ¥4,879,963 │"),
        "{table}"
    );
    let json = stdout(&sroi_with_stdin(&["calc", "-", "--format", "json"], &model));
    assert!(json.contains("4879963.01"), "{json}");
}
