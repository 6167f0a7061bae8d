//! Sensitivity against calc on a large generated model.
//!
//! `cargo bench --bench sensitivity` times, on a 10,000-outcome model, (1) the
//! computation alone: `calc::calculate` against `calculate` followed by
//! `sensitivity::analyse`; and (2) the whole command as a user runs it:
//! `sroi calc --format json` against `sroi sensitivity --format json`. Each
//! figure is the median of several runs. The bar is a ratio of at
//! most 3. `--outcomes N` changes the model's size; `--computation-only`
//! skips (2). The models come from benches/generate.rs, as for
//! `cargo bench --bench calc` and `cargo run --example generate_model`.

#[path = "generate.rs"]
mod generate;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use sroi::calc::calculate;
use sroi::diagnostic::SourceFile;
use sroi::model::{Limits, parse_model};
use sroi::sensitivity::{Steps, analyse};

const RUNS: usize = 15;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let outcomes: usize = flag("--outcomes")
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let text = generate::model(outcomes);
    let source = SourceFile::new("generated.toml", text.clone());
    let model = parse_model(&source, Limits::DEFAULT).expect("the generated model is valid");
    let target = rust_decimal::Decimal::ONE;
    let calc = median(|| {
        calculate(&model).expect("calc");
    });
    let sensitivity = median(|| {
        let results = calculate(&model).expect("calc");
        analyse(&model, &results, &Steps::default(), target).expect("analysis");
    });
    println!("{outcomes} outcomes, computation only (median of {RUNS}):");
    report("calculate", calc, "calculate + analyse", sensitivity);
    if args.iter().any(|a| a == "--computation-only") {
        return;
    }

    let directory = std::env::temp_dir().join(format!("sroi-bench-{}", std::process::id()));
    std::fs::create_dir_all(&directory).expect("a temporary directory");
    let path = directory.join("generated.toml");
    std::fs::write(&path, &text).expect("the model file can be written");
    let calc = median(|| run(&["calc", "--format", "json"], &path));
    let sensitivity = median(|| run(&["sensitivity", "--format", "json"], &path));
    println!("{outcomes} outcomes, the command end to end (median of {RUNS}):");
    report("sroi calc", calc, "sroi sensitivity", sensitivity);
    let _ = std::fs::remove_dir_all(&directory);
}

fn run(args: &[&str], model: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_sroi"))
        .args(args)
        .arg(model)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("sroi runs");
    assert!(status.success(), "sroi {args:?} failed");
}

fn median(mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn report(a: &str, a_time: Duration, b: &str, b_time: Duration) {
    println!("  {a:<22} {:>9.1} ms", a_time.as_secs_f64() * 1e3);
    println!("  {b:<22} {:>9.1} ms", b_time.as_secs_f64() * 1e3);
    println!(
        "  ratio                  {:>9.2}",
        b_time.as_secs_f64() / a_time.as_secs_f64()
    );
}
