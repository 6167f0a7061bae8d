//! `sroi simulate` against the same simulation in vectorised NumPy
//! (benches/simulate_numpy.py), on models/derby.toml with 1,000,000 draws.
//!
//! `cargo bench --bench simulate` times `sroi simulate` on every core and on
//! one thread, and the NumPy script with the interpreter named by
//! `SROI_BENCH_PYTHON` (default `python3`; it needs numpy). Each figure is the
//! median wall time of a few runs, process start to finish, model reading
//! included on both sides. The bar: sroi at least 3 times faster, with
//! both cores in use. `--draws N` and `--model FILE` change the run.
//!
//! It then times `sroi simulate --sobol --draws 10000` (Sobol indices from a
//! base sample of 10,000, N(k + 2) model evaluations and the bootstrap)
//! against the plain simulation of 1,000,000 draws, both on every core. The
//! bar: the Sobol run costs at most 4 times the simulation.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 5;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let draws = flag("--draws")
        .cloned()
        .unwrap_or_else(|| "1000000".to_owned());
    let root = env!("CARGO_MANIFEST_DIR");
    let model = flag("--model")
        .cloned()
        .unwrap_or_else(|| format!("{root}/models/derby.toml"));
    let sroi = |threads: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_sroi"));
        command.args([
            "simulate", &model, "--draws", &draws, "--seed", "1", "--format", "json",
        ]);
        if let Some(threads) = threads {
            command.args(["--threads", threads]);
        }
        command
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("simulate {model} with {draws} draws, median of {RUNS} runs ({cores} cores):");
    let all = median(|| sroi(None));
    let one = median(|| sroi(Some("1")));
    println!("  sroi, every core        {:>8.3} s", all.as_secs_f64());
    let sobol = median(|| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_sroi"));
        command.args([
            "simulate", &model, "--sobol", "--draws", "10000", "--seed", "1", "--format", "json",
        ]);
        command
    });
    println!(
        "  sroi --sobol, 10,000    {:>8.3} s   ({:.2} times the simulation of {draws} draws; the bar is 4)",
        sobol.as_secs_f64(),
        sobol.as_secs_f64() / all.as_secs_f64()
    );
    println!(
        "  sroi, one thread        {:>8.3} s   ({:.2}x from the second core)",
        one.as_secs_f64(),
        one.as_secs_f64() / all.as_secs_f64()
    );
    let python = std::env::var("SROI_BENCH_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let script = format!("{root}/benches/simulate_numpy.py");
    let numpy = || {
        let mut command = Command::new(&python);
        command.args([&script, &model, "--draws", &draws, "--seed", "1"]);
        command
    };
    let works = numpy().stdout(Stdio::null()).stderr(Stdio::null()).status();
    if !works.is_ok_and(|s| s.success()) {
        println!(
            "  NumPy: {python} cannot run {script}; set SROI_BENCH_PYTHON to an interpreter with numpy"
        );
        return;
    }
    let numpy = median(numpy);
    println!("  NumPy, vectorised       {:>8.3} s", numpy.as_secs_f64());
    println!(
        "  sroi is {:.2} times as fast",
        numpy.as_secs_f64() / all.as_secs_f64()
    );
}

fn median(command: impl Fn() -> Command) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let status = command()
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .expect("the command runs");
            assert!(status.success(), "{:?} failed", command());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}
