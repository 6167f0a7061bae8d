//! How `sroi calc --format json` compares with the `toml` crate parsing the
//! same file, on generated models of 10,000 and 100,000 outcomes.
//!
//! The targets: the whole calc (read, parse, validate, compute, write JSON)
//! on 10,000 outcomes takes no longer than `toml::from_str` into a
//! `toml::Table` on the same text, and 100,000 outcomes cost at most 10.5
//! times 10,000. Peak memory is `benches/memory.rs`'s.
//!
//! Run with `cargo bench --bench calc`. Prints the median of several runs of
//! each and exits non-zero when a target is missed.

#[path = "generate.rs"]
mod generate;

/// The allocator the `sroi` binary uses, so both sides are timed as shipped.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::Path;
use std::time::{Duration, Instant};

use sroi::model::{Limits, load_file};

fn main() {
    let directory = std::env::temp_dir().join(format!("sroi-bench-{}", std::process::id()));
    std::fs::create_dir_all(&directory).expect("temporary directory");
    let mut failures = Vec::new();
    let mut sroi_times = Vec::new();
    println!(
        "{:>9} {:>9} {:>11} {:>11} {:>7}",
        "outcomes", "MB", "toml (ms)", "sroi (ms)", "ratio"
    );
    for (outcomes, runs) in [(10_000, 11), (100_000, 5)] {
        let path = directory.join(format!("model-{outcomes}.toml"));
        std::fs::write(&path, generate::model(outcomes)).expect("model written");
        let megabytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
        let toml = median(runs, || toml_alone(&path));
        let sroi = median(runs, || calc_json(&path));
        let ratio = sroi.as_secs_f64() / toml.as_secs_f64();
        println!(
            "{outcomes:>9} {megabytes:>9.1} {:>11.1} {:>11.1} {ratio:>7.2}",
            toml.as_secs_f64() * 1e3,
            sroi.as_secs_f64() * 1e3
        );
        if outcomes == 10_000 && ratio > 1.0 {
            failures.push(format!(
                "{outcomes} outcomes: calc took {ratio:.2}× the toml parse (target ≤ 1)"
            ));
        }
        sroi_times.push(sroi);
    }
    let scaling = sroi_times[1].as_secs_f64() / sroi_times[0].as_secs_f64();
    println!("100,000 outcomes cost {scaling:.2}× 10,000 (target ≤ 10.5)");
    if scaling > 10.5 {
        failures.push(format!("scaling {scaling:.2}× (target ≤ 10.5)"));
    }
    let _ = std::fs::remove_dir_all(&directory);
    if !failures.is_empty() {
        eprintln!("missed: {}", failures.join("; "));
        std::process::exit(1);
    }
}

/// What the `toml` crate alone does with the file: read it and parse it.
fn toml_alone(path: &Path) {
    let text = std::fs::read_to_string(path).expect("model readable");
    let table: toml::Table = toml::from_str(&text).expect("model is TOML");
    std::hint::black_box(table);
}

/// What `sroi calc --format json` does, writing the JSON into nothing.
fn calc_json(path: &Path) {
    let (_, model) = load_file(path, Limits::DEFAULT).unwrap_or_else(|_| panic!("model is valid"));
    let results = sroi::calc::calculate(&model).unwrap_or_else(|d| panic!("{}", d.message));
    let mut out = std::io::BufWriter::new(std::io::sink());
    sroi::report::json::write(&model, &results, &mut out).expect("JSON written");
}

fn median(runs: usize, mut work: impl FnMut()) -> Duration {
    work(); // warm the page cache and allocator
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}
