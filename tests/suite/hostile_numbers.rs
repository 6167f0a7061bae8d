//! Numbers at the edge of exact decimals never crash a command. The models
//! under `tests/fixtures/hostile/` each push one figure past the largest
//! decimal (about 7.9e28) or down to the smallest (1e-28); every command runs
//! over every one of them and must exit 0, 1 or 2 with a message, never with
//! a panic (exit 101). Each fault then has its own test of the exact message:
//! where it points and what it names.

use std::process::Output;

use crate::support::{files_with_extension, root, sroi, stderr, stdout};

/// Every command and output format a model can go through; `MODEL` stands
/// for the model's path and `OUT` for a file in a temporary directory.
const COMMANDS: &[&[&str]] = &[
    &["calc", "MODEL"],
    &["calc", "MODEL", "--format", "json"],
    &["calc", "MODEL", "--format", "csv"],
    &["calc", "MODEL", "--format", "markdown"],
    &["sensitivity", "MODEL"],
    &["sensitivity", "MODEL", "--format", "json"],
    &["sensitivity", "MODEL", "--format", "csv"],
    &["sensitivity", "MODEL", "--format", "markdown"],
    &["simulate", "MODEL", "--draws", "20"],
    &["simulate", "MODEL", "--draws", "20", "--format", "json"],
    &["simulate", "MODEL", "--draws", "20", "--format", "csv"],
    &["compare", "MODEL", "examples/minimal.toml"],
    &[
        "compare",
        "examples/minimal.toml",
        "MODEL",
        "--format",
        "json",
    ],
    &["check", "MODEL"],
    &["check", "MODEL", "--format", "json"],
    &["report", "MODEL"],
    &["chart", "MODEL", "--kind", "distribution"],
    &["chart", "MODEL", "--kind", "years"],
    &["chart", "MODEL", "--kind", "tornado"],
    &["export", "MODEL", "--output", "OUT"],
];

/// Run every command over `model`, each output with the arguments that made it.
fn every_command(model: &str) -> Vec<(String, Output)> {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let out = directory.path().join("model.xlsx");
    let out = out.to_str().expect("temporary paths are UTF-8");
    COMMANDS
        .iter()
        .map(|command| {
            let args: Vec<&str> = command
                .iter()
                .map(|arg| match *arg {
                    "MODEL" => model,
                    "OUT" => out,
                    other => other,
                })
                .collect();
            (args.join(" "), sroi(&args))
        })
        .collect()
}

fn hostile_models() -> Vec<String> {
    let directory = root().join("tests/fixtures/hostile");
    let models: Vec<String> = files_with_extension(&directory, "toml")
        .iter()
        .map(|path| {
            let relative = path.strip_prefix(root()).expect("under the crate root");
            relative.to_str().expect("UTF-8 paths").to_owned()
        })
        .collect();
    assert!(models.len() >= 4, "the hostile fixtures are missing");
    models
}

#[test]
fn no_command_panics_on_any_hostile_model() {
    for model in hostile_models() {
        for (command, output) in every_command(&model) {
            let message = stderr(&output);
            let code = output.status.code();
            assert!(
                matches!(code, Some(0..=2)),
                "`sroi {command}` exited {code:?}:\n{message}"
            );
            assert!(
                !message.contains("panicked") && !message.contains("RUST_BACKTRACE"),
                "`sroi {command}` panicked:\n{message}"
            );
            if code == Some(1) {
                // A model that fails says where: `path:line:column:` at the
                // start of a line, or in `check`'s JSON, its path and line.
                let located = message.lines().any(|line| {
                    line.strip_prefix(model.as_str())
                        .is_some_and(|rest| rest.starts_with(':'))
                }) || stdout(&output).contains("\"line\": ");
                assert!(
                    located,
                    "`sroi {command}` failed without a location:\n{message}"
                );
            }
        }
    }
}

/// The first line of what `sroi calc` says about a hostile fixture, after
/// checking that every command exits 1 with the same message (`check
/// --format json` puts it in its JSON).
fn error_in_every_command(fixture: &str) -> String {
    same_error_in_every_command(&format!("tests/fixtures/hostile/{fixture}"))
}

/// `error_in_every_command` for a model at any path.
fn same_error_in_every_command(model: &str) -> String {
    let outputs = every_command(model);
    let headline = stderr(&outputs[0].1)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    let message = headline
        .split_once("]: ")
        .map_or("", |(_, message)| message);
    assert!(!message.is_empty(), "no error message: {headline}");
    let in_json = serde_json::to_string(message).expect("a string");
    for (command, output) in &outputs {
        let said = stderr(output);
        assert_eq!(output.status.code(), Some(1), "`sroi {command}`:\n{said}");
        let agrees =
            said.lines().next() == Some(headline.as_str()) || stdout(output).contains(&in_json);
        assert!(agrees, "`sroi {command}` says otherwise:\n{said}");
    }
    headline
}

#[test]
fn inputs_whose_amounts_overflow_when_added_are_refused_at_the_amounts() {
    // 5e28 + 5e28 = 1e29, above the largest decimal (79,228,162,514,264,337,593,543,950,335).
    assert_eq!(
        error_in_every_command("inputs_that_overflow_when_added.toml"),
        "tests/fixtures/hostile/inputs_that_overflow_when_added.toml:15:10: error[SROI012]: the `amount` of the input from stakeholder `council`, added up over its 2 years, exceeds the largest supported amount (about 7.9e28)"
    );
}

#[test]
fn cohorts_that_overflow_when_added_are_refused_at_the_quantity() {
    // As for the inputs: two cohorts of 5e28 add up to 1e29.
    assert_eq!(
        error_in_every_command("cohorts_that_overflow_when_added.toml"),
        "tests/fixtures/hostile/cohorts_that_overflow_when_added.toml:20:12: error[SROI012]: the `quantity` of outcome `a`, added up over its 2 cohorts, exceeds the largest supported amount (about 7.9e28)"
    );
}

#[test]
fn a_standard_deviation_that_overflows_is_refused_where_it_is_written() {
    // 1000% of 7e28 is 7e29.
    assert_eq!(
        error_in_every_command("uncertainty_sd_that_overflows.toml"),
        "tests/fixtures/hostile/uncertainty_sd_that_overflows.toml:25:27: error[SROI012]: `uncertainty.proxy.normal.sd`, 1000% of the model's value, exceeds the largest supported amount (about 7.9e28)"
    );
}

/// `error_in_every_command` for the fixture, with the fixture's path before
/// the expected `line:column: error[…]: message`.
fn assert_error_in_every_command(fixture: &str, located_message: &str) {
    assert_eq!(
        error_in_every_command(fixture),
        format!("tests/fixtures/hostile/{fixture}:{located_message}")
    );
}

#[test]
fn a_year_whose_value_overflows_is_named_at_the_outcome_that_tips_it() {
    // 4e28 + 4e28 = 8e28 in year 1; line 26 is outcome `b`'s [[outcomes]].
    assert_error_in_every_command(
        "year_value_that_overflows.toml",
        "26:1: error[SROI012]: the value of year 1, once outcome `b` is added, exceeds the largest supported amount (about 7.9e28)",
    );
}

#[test]
fn a_total_present_value_that_overflows_is_named_at_the_outcome_that_tips_it() {
    // 5e28 in year 1 + 5e28 in year 2, undiscounted, = 1e29; line 28 is `b`.
    assert_error_in_every_command(
        "total_present_value_that_overflows.toml",
        "28:1: error[SROI012]: the total present value, once outcome `b` is added, exceeds the largest supported amount (about 7.9e28)",
    );
}

#[test]
fn a_stakeholder_value_that_overflows_names_the_stakeholder() {
    // `people` holds a (5e28) and c (5e28): 1e29; the total is 5e28.
    assert_error_in_every_command(
        "stakeholder_value_that_overflows.toml",
        "36:1: error[SROI012]: the present value of stakeholder `people`, once outcome `c` is added, exceeds the largest supported amount (about 7.9e28)",
    );
}

#[test]
fn a_net_present_value_that_overflows_is_named_at_the_inputs() {
    // -7.5e28 / 1.035 - 7e28 = -1.42e29; line 15 holds the amount.
    assert_error_in_every_command(
        "net_present_value_that_overflows.toml",
        "15:10: error[SROI012]: the net present value, the present value less the inputs, exceeds the largest supported amount (about 7.9e28)",
    );
}

#[test]
fn inputs_that_overflow_by_year_or_at_face_value_name_the_input_that_tips_them() {
    // 5e28 + 5e28 in year 1; the second input's amount is on line 18.
    assert_error_in_every_command(
        "inputs_of_a_year_that_overflow.toml",
        "18:10: error[SROI012]: the total inputs of year 1, once this input is added, exceeds the largest supported amount (about 7.9e28)",
    );
    // 4e28 in year 1 + 4e28 in year 2 = 8e28 at face value (7.6e28 discounted).
    assert_error_in_every_command(
        "inputs_at_face_value_that_overflow.toml",
        "22:10: error[SROI012]: the total inputs at face value, once this input is added, exceeds the largest supported amount (about 7.9e28)",
    );
}

#[test]
fn a_ratio_too_large_for_a_decimal_names_the_ratio_not_the_discounting() {
    // 1,000 / 1.035 = 966.18 (9.662e2 to four figures) over 1e-28 is 9.66e30.
    assert_error_in_every_command(
        "ratio_too_large_for_a_decimal.toml",
        "15:10: error[SROI012]: the SROI ratio, a present value of 9.662e2 over inputs of 1e-28, exceeds the largest supported amount (about 7.9e28)",
    );
}

#[test]
fn a_payback_period_too_long_for_a_decimal_is_an_error() {
    // 12 × 1e10 / 1e-27 = 1.2e38 months.
    assert_error_in_every_command(
        "payback_too_long_for_a_decimal.toml",
        "15:10: error[SROI012]: the payback period in months exceeds the largest supported amount (about 7.9e28)",
    );
}

#[test]
fn inputs_that_discount_to_nothing_get_one_verdict_in_every_command() {
    // 100 / 2^120 ≈ 7.5e-35 rounds to 0; line 8 is [conventions].
    assert_error_in_every_command(
        "inputs_that_discount_to_nothing.toml",
        "8:1: error[SROI009]: the inputs discount to nothing: with inputs_discounted = true every amount is worth less than 1e-28 today, so the model has no ratio",
    );
}

#[test]
fn a_scenario_that_overflows_is_named_where_it_is_declared() {
    let model = "tests/fixtures/hostile/scenario_whose_year_overflows.toml";
    // The model itself computes; only the commands that compute its scenarios fail.
    assert_eq!(sroi(&["calc", model]).status.code(), Some(0));
    let expected = format!(
        "{model}:32:1: error[SROI012]: under scenario \"boom\", the value of year 1, once outcome `b` is added, exceeds the largest supported amount (about 7.9e28)"
    );
    let directory = tempfile::tempdir().expect("a temporary directory");
    let workbook = directory.path().join("boom.xlsx");
    let workbook = workbook.to_str().expect("UTF-8 path");
    for args in [
        vec!["sensitivity", model],
        vec!["report", model],
        vec!["export", model, "--output", workbook],
        // A gate on `check` fails where the later commands would.
        vec!["check", model],
    ] {
        let output = sroi(&args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        // A precision warning about the base model's figures may come first.
        assert!(
            stderr(&output).lines().any(|line| line == expected),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn a_scenario_that_cannot_be_applied_without_overflowing_is_refused_at_its_override() {
    // 1e-20 scaled to 7e28 is a factor of 7e48; [5e28, 5e28] adds up to 1e29.
    assert_error_in_every_command(
        "scenario_inputs_that_overflow.toml",
        "26:9: error[SROI012]: scenario \"boom\" makes the inputs too large to compute",
    );
    assert_error_in_every_command(
        "scenario_cohorts_that_overflow.toml",
        "26:9: error[SROI012]: scenario \"boom\" makes the quantity of outcome `a` too large to compute",
    );
}

#[test]
fn switching_values_of_tiny_figures_say_their_change_is_beyond_a_percentage() {
    // Quantity 1e-28 reaches the target at 1: a rise of 1e28 times, 1e30%,
    // beyond the largest decimal (7.9228e28, cut to 7.922e28).
    let output = sroi(&["sensitivity", "tests/fixtures/hostile/tiny_values.toml"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let page = stdout(&output);
    assert!(
        page.contains("the quantity of a would have to rise more than 7.922e28%, to 1"),
        "{page}"
    );
}

#[test]
fn swings_are_ranked_by_width_however_wide() {
    // b.duration swings from 0 to -7.6e28 (a second year of -7.6e28), wider
    // than a.quantity's ±1.52e28 or a.duration's ±1.9e28; widths beyond
    // 1.7e20 used to tie at the largest sort key and keep the model's order.
    let output = sroi(&[
        "sensitivity",
        "tests/fixtures/hostile/swings_wider_than_a_decimal.toml",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let order: Vec<&str> = json["one_at_a_time"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|row| row["parameter"].as_str())
        .take(2)
        .collect();
    assert_eq!(order, ["b.duration", "a.duration"]);
}

#[test]
fn a_swing_wider_than_a_decimal_names_the_outcome_and_the_field() {
    // a.duration moved 3 years: ratios -5.7e28 and +5.7e28, 1.14e29 apart.
    let model = "tests/fixtures/hostile/swings_wider_than_a_decimal.toml";
    let output = sroi(&["sensitivity", model, "--duration-step", "3"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output).lines().next(),
        Some(format!("{model}:27:12: error[SROI012]: varying the duration of outcome `a` takes the ratio or the duration beyond the largest supported amount (about 7.9e28)").as_str())
    );
}

#[test]
fn varying_inputs_beyond_a_decimal_points_at_the_inputs() {
    // A ratio of 7.9e28 / 1.035 / 1 = 7.6e28; inputs 20% lower make it 9.5e28.
    let model = "tests/fixtures/hostile/ratio_at_the_edge_of_a_decimal.toml";
    let output = sroi(&["sensitivity", model]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output).lines().next(),
        Some(format!("{model}:16:10: error[SROI012]: varying the inputs takes the ratio beyond the largest supported amount (about 7.9e28)").as_str())
    );
}

/// `outcomes` outcomes of `duration` years from `start_year`, and a scenario.
fn long_model(outcomes: usize, duration: u32, start_year: u32, scenario: &str) -> String {
    let mut text = String::from(
        "[analysis]\nname = \"Long\"\n\n[[stakeholders]]\nid = \"people\"\n\n[[inputs]]\nstakeholder = \"people\"\namount = 100\n",
    );
    for index in 0..outcomes {
        text.push_str(&format!(
            "\n[[outcomes]]\nid = \"o{index}\"\nstakeholder = \"people\"\nquantity = 1\nproxy = 10\nduration = {duration}\nstart_year = {start_year}\n"
        ));
    }
    text.push_str(scenario);
    text
}

#[test]
fn year_cells_beyond_the_limit_are_refused_naming_the_limit() {
    // Each outcome runs from year 1 to year 1,000 + 1,000 - 1 = 1,999: 1,000
    // outcomes hold 1,999,000 cells, the 1,001st takes them to 2,000,999.
    let directory = tempfile::tempdir().expect("a temporary directory");
    let path = directory.path().join("long.toml");
    std::fs::write(&path, long_model(1_001, 1_000, 1_000, "")).expect("written");
    let path = path.to_str().expect("UTF-8 path");
    // Nine lines of header, then eight a outcome: o1000's duration is on
    // line 9 + 8 × 1,000 + 7 = 8,016.
    assert_eq!(
        same_error_in_every_command(path),
        format!(
            "{path}:8016:12: error[SROI011]: the outcomes up to `o1000` run over 2000999 year cells (each outcome's years from year 1 to its last), more than the limit of 2000000"
        )
    );
}

#[test]
fn a_scenario_that_takes_year_cells_beyond_the_limit_is_refused() {
    // 1,001 outcomes of 1,000 years hold 1,001,000 cells; starting 999 years
    // later, each runs to year 1,999 and the 1,001st crosses 2,000,000.
    let directory = tempfile::tempdir().expect("a temporary directory");
    let path = directory.path().join("later.toml");
    let scenario = "\n[[scenarios]]\nname = \"later\"\nchange = { \"*.start_year\" = 999 }\n";
    std::fs::write(&path, long_model(1_001, 1_000, 1, scenario)).expect("written");
    let path = path.to_str().expect("UTF-8 path");
    let output = sroi(&["calc", path]);
    assert_eq!(output.status.code(), Some(1));
    // The scenario's [[scenarios]] header is on line 9 + 8 × 1,001 + 2 = 8,019.
    assert_eq!(
        stderr(&output).lines().next(),
        Some(format!("{path}:8019:1: error[SROI011]: scenario \"later\" makes the outcomes up to `o1000` run over 2000999 year cells (each outcome's years from year 1 to its last), more than the limit of 2000000").as_str())
    );
}

#[test]
fn a_first_year_worth_the_smallest_decimal_still_has_its_payback() {
    // Undiscounted, 3e28 - 3e28 + 1e-28 = 1e-28 in year 1 against inputs of
    // 1e-28: 12 × 1e-28 / 1e-28 = 12 months, though a month's value (8.3e-30)
    // is below the smallest decimal.
    let output = sroi(&[
        "calc",
        "tests/fixtures/hostile/payback_of_a_tiny_first_year.toml",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(json["payback_months"], serde_json::json!(12.0));
    assert_eq!(json["ratio"], serde_json::json!(1.0));
}

#[test]
fn distributions_of_no_width_are_their_constants_and_say_why_the_mean_moves() {
    // Outcome `a` pinned: quantity 12, proxy 120, deadweight 0%, attribution
    // 50%, drop-off 0%: 12 × 120 × 0.5 = 720 a year for 3 years, discounted
    // at 3.5%: 720 × (1/1.035 + 1/1.035² + 1/1.035³) = 720 × 2.8016370 =
    // 2,017.18; `b` is 1e-28, nothing at two places. Inputs 1,000: ratio
    // 2.0172 in every draw, against the model's 1.1941 (720, 360, 180
    // discounted: 695.65 + 336.07 + 162.35 = 1,194.06).
    let output = sroi(&[
        "simulate",
        "tests/fixtures/hostile/degenerate_distributions.toml",
        "--draws",
        "500",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    for statistic in ["mean", "min", "max", "p50"] {
        assert_eq!(json["ratio"][statistic], 2.0172, "{statistic}");
        assert_eq!(json["present_value"][statistic], 2017.18, "{statistic}");
    }
    assert_eq!(json["base"]["ratio"], 1.1941);
    let why = json["beside_model"]["why"].as_str().expect("a reason");
    assert!(why.contains("of no width"), "{why}");
}
