//! `sroi simulate --sobol`: variance-based indices that match the analytic
//! shares of a linear model, identical on any number of threads, and in
//! every output format; `--samples` writes every draw.

use std::sync::atomic::AtomicU64;

use sroi::calc::calculate;
use sroi::model::Model;
use sroi::simulate::sobol::{Index, Kind, Sobol};
use sroi::simulate::{Settings, Simulation, simulate};

use crate::sensitivity::{EXAMPLE, dec, model};
use crate::support::{sroi_with_stdin, stderr, stdout};

/// Three outcomes whose present values are quantity × proxy / 1.035, with
/// only the proxies uncertain and uniform, so the ratio is Σ aᵢ pᵢ with
/// aᵢ = quantityᵢ / (1.035 × 1,000). var(U[a, b]) = (b − a)² / 12:
/// - `a`: quantity 1, proxy U[0, 600]: 1² × 600² / 12 = 30,000;
/// - `b`: quantity 2, proxy U[200, 400]: 2² × 200² / 12 = 13,333.33;
/// - `c`: quantity 1, proxy U[100, 300]: 1² × 200² / 12 = 3,333.33;
///
/// (the common 1 / 1,035 cancels), so the shares aᵢ² var(pᵢ) / Σ are
/// 9/14, 4/14 and 1/14, first-order and total alike.
const LINEAR: &str = r#"
[analysis]
name = "Linear"

[[stakeholders]]
id = "people"

[[inputs]]
stakeholder = "people"
amount = 1_000

[[outcomes]]
id = "a"
stakeholder = "people"
quantity = 1
proxy = 300
deadweight = "0%"
drop_off = "0%"
duration = 1
uncertainty = { proxy = { uniform = [0, 600] } }

[[outcomes]]
id = "b"
stakeholder = "people"
quantity = 2
proxy = 300
deadweight = "0%"
drop_off = "0%"
duration = 1
uncertainty = { proxy = { uniform = [200, 400] } }

[[outcomes]]
id = "c"
stakeholder = "people"
quantity = 1
proxy = 200
deadweight = "0%"
drop_off = "0%"
duration = 1
uncertainty = { proxy = { uniform = [100, 300] } }
"#;

fn run(model: &Model, draws: u64, threads: usize) -> Simulation {
    let results = calculate(model).expect("computes");
    let settings = Settings {
        draws,
        seed: 11,
        target: dec("1"),
        sobol: true,
        samples: false,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    pool.install(|| simulate(model, &results, &settings, &AtomicU64::new(0)))
        .expect("simulates")
}

fn find<'s>(sobol: &'s Sobol, parameter: &str) -> &'s Index {
    sobol
        .indices
        .iter()
        .find(|i| i.parameter == parameter)
        .unwrap_or_else(|| panic!("no index for {parameter}"))
}

#[test]
fn indices_of_a_linear_model_are_its_analytic_variance_shares() {
    let simulation = run(&model(LINEAR), 20_000, 2);
    let sobol = simulation.sobol.as_ref().expect("indices");
    // N(k + 2) with k = 3.
    assert_eq!(sobol.evaluations, 20_000 * 5);
    for (parameter, share) in [
        ("a.proxy", 9.0 / 14.0),
        ("b.proxy", 4.0 / 14.0),
        ("c.proxy", 1.0 / 14.0),
    ] {
        let index = find(sobol, parameter);
        assert_eq!(index.kind, Kind::Assumption);
        assert!(
            (index.first_order - share).abs() < 0.03,
            "{parameter} first-order {} against {share}",
            index.first_order
        );
        assert!(
            (index.total - share).abs() < 0.03,
            "{parameter} total {} against {share}",
            index.total
        );
        // The interval brackets the estimate.
        assert!(index.total_ci[0] <= index.total && index.total <= index.total_ci[1]);
    }
    // Summed over the field, the proxies are all of the variance; each
    // outcome is its own proxy's share.
    assert!((find(sobol, "*.proxy").total - 1.0).abs() < 0.03);
    assert!((find(sobol, "b.*").first_order - 4.0 / 14.0).abs() < 0.03);
    // Largest total first.
    assert_eq!(sobol.indices[0].parameter, "a.proxy");
}

#[test]
fn indices_are_identical_on_one_and_two_threads() {
    // 10,000 draws are three chunks of 4,096 rows.
    let model = model(EXAMPLE);
    let one = run(&model, 10_000, 1);
    let two = run(&model, 10_000, 2);
    assert_eq!(one.sobol, two.sobol);
    assert!(one.sobol.is_some_and(|s| !s.indices.is_empty()));
}

#[test]
fn every_format_shows_the_indices_and_the_evaluations() {
    let json = sroi_with_stdin(
        &[
            "simulate", "-", "--draws", "2000", "--sobol", "--format", "json",
        ],
        EXAMPLE,
    );
    assert_eq!(json.status.code(), Some(0), "{}", stderr(&json));
    let json: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("valid JSON");
    // The example has 4 uncertain assumptions by default: 2,000 × 6.
    assert_eq!(json["sobol_run"]["evaluations"], 12_000);
    let first = &json["sobol"][0];
    for key in ["first_order", "total"] {
        assert!(first[key].is_number(), "{key}");
    }
    for key in ["first_order_ci", "total_ci"] {
        assert_eq!(first[key].as_array().map(Vec::len), Some(2), "{key}");
    }
    assert!(
        first["parameter"]
            .as_str()
            .is_some_and(|p| p.starts_with("isolation."))
    );
    let csv = stdout(&sroi_with_stdin(
        &[
            "simulate", "-", "--draws", "2000", "--sobol", "--format", "csv",
        ],
        EXAMPLE,
    ));
    assert!(csv.contains("run,sobol_evaluations,12000"), "{csv}");
    assert!(csv.contains("sobol_total,isolation.proxy,"), "{csv}");
    for format in ["table", "markdown"] {
        let text = stdout(&sroi_with_stdin(
            &[
                "simulate", "-", "--draws", "2000", "--sobol", "--format", format,
            ],
            EXAMPLE,
        ));
        assert!(
            text.contains("12,000 model evaluations"),
            "{format}: {text}"
        );
        assert!(text.contains("*.deadweight"), "{format}: {text}");
    }
}

#[test]
fn samples_write_one_row_per_draw_with_its_present_value_and_ratio() {
    let directory = tempfile::tempdir().expect("a directory");
    let path = directory.path().join("draws.csv");
    let output = sroi_with_stdin(
        &[
            "simulate",
            "-",
            "--draws",
            "3000",
            "--format",
            "json",
            "--samples",
            path.to_str().expect("a UTF-8 path"),
        ],
        EXAMPLE,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let text = std::fs::read_to_string(&path).expect("the samples are written");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "draw,isolation.quantity,isolation.proxy,isolation.deadweight,isolation.drop_off,present_value,ratio"
        )
    );
    let rows: Vec<Vec<f64>> = lines
        .map(|line| {
            line.split(',')
                .map(|c| c.parse().expect("a number"))
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 3000);
    // Each row's ratio is its present value over the inputs of £100,000,
    // and the mean of the written ratios is the simulation's mean.
    for row in &rows {
        assert!((row[5] / 100_000.0 - row[6]).abs() < 1e-12);
    }
    let mean = rows.iter().map(|r| r[6]).sum::<f64>() / 3000.0;
    let reported = json["ratio"]["mean"].as_f64().expect("a mean");
    assert!((mean - reported).abs() < 5e-5, "{mean} against {reported}");
}
