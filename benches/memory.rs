//! Peak memory of every command on a generated model of 100,000 outcomes
//! (44 MB), against the file's size: `calc` and `check` at most 6 times it,
//! `sensitivity` at most 10 times, `compare` of two such models at most 12.
//!
//! Run with `cargo bench --bench memory` (Linux: the peak is the kernel's
//! high-water mark of resident memory, `VmHWM`). Each command runs in a fresh
//! process of this binary, so one command's memory never counts for another.
//! Prints a table and exits non-zero when a bar is missed.

#[path = "generate.rs"]
mod generate;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::Path;
use std::process::{Command, Stdio};

/// The marker before the peak a child reports on its last line of stderr.
const PEAK: &str = "peak-kib ";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--child") {
        return child(&args[2..]);
    }
    let outcomes = 100_000;
    let directory = std::env::temp_dir().join(format!("sroi-memory-{}", std::process::id()));
    std::fs::create_dir_all(&directory).expect("temporary directory");
    let model = directory.join("model.toml");
    let other = directory.join("other.toml");
    let text = generate::model(outcomes);
    std::fs::write(&model, &text).expect("model written");
    std::fs::write(&other, &text).expect("model written");
    let csv = directory.join("model.csv");
    let file_kib = text.len() as f64 / 1024.0;
    drop(text);
    let m = model.to_str().expect("a UTF-8 path");
    let o = other.to_str().expect("a UTF-8 path");
    let c = csv.to_str().expect("a UTF-8 path");
    let out = |name: &str| directory.join(name).display().to_string();
    let commands: Vec<(Vec<String>, Option<f64>)> = vec![
        (words(&["calc", m]), Some(6.0)),
        (words(&["calc", m, "--format", "json"]), Some(6.0)),
        (words(&["calc", m, "--format", "csv", "-o", c]), Some(6.0)),
        (words(&["calc", m, "--format", "markdown"]), Some(6.0)),
        (words(&["check", m]), Some(6.0)),
        (words(&["sensitivity", m]), Some(10.0)),
        (words(&["sensitivity", m, "--format", "json"]), Some(10.0)),
        (words(&["sensitivity", m, "--format", "csv"]), Some(10.0)),
        (words(&["compare", m, o]), Some(12.0)),
        (words(&["compare", m, o, "--format", "json"]), Some(12.0)),
        (words(&["simulate", m, "--draws", "1000"]), None),
        (words(&["report", m, "-o", &out("report.html")]), None),
        (words(&["chart", "--kind", "years", m]), None),
        (words(&["export", m, "-o", &out("model.xlsx")]), None),
        (
            words(&["import", c, "--onto", m, "-o", &out("imported.toml")]),
            None,
        ),
    ];
    println!(
        "model: {outcomes} outcomes, {:.1} MB",
        file_kib * 1024.0 / 1e6
    );
    println!(
        "{:<60} {:>9} {:>7} {:>5}",
        "command", "peak MB", "× file", "bar"
    );
    let mut missed = Vec::new();
    for (command, bar) in &commands {
        let shown = command
            .join(" ")
            .replace(&*directory.to_string_lossy(), "…");
        let Some(peak_kib) = peak_of(command) else {
            println!("{shown:<60} {:>9}", "failed");
            missed.push(format!("{shown}: did not run"));
            continue;
        };
        let times = peak_kib / file_kib;
        let bar_text = bar.map_or("-".to_owned(), |b| format!("{b}"));
        println!(
            "{shown:<60} {:>9.0} {times:>7.1} {bar_text:>5}",
            peak_kib * 1024.0 / 1e6
        );
        if bar.is_some_and(|bar| times > bar) {
            missed.push(format!("{shown}: {times:.1}× the file"));
        }
    }
    let _ = std::fs::remove_dir_all(&directory);
    if !missed.is_empty() {
        eprintln!("missed: {}", missed.join("; "));
        std::process::exit(1);
    }
}

fn words(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// Run one command in a fresh process and read the peak it reports.
fn peak_of(command: &[String]) -> Option<f64> {
    let exe = std::env::current_exe().expect("this benchmark's own path");
    let output = Command::new(exe)
        .arg("--child")
        .args(command)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("the benchmark runs itself");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let line = stderr.lines().rev().find_map(|l| l.strip_prefix(PEAK))?;
    line.trim().parse().ok()
}

/// In the child: run the command as `sroi` would, then report the peak.
fn child(args: &[String]) {
    use clap::Parser as _;
    let cli = sroi::cli::Cli::try_parse_from(
        std::iter::once("sroi").chain(args.iter().map(String::as_str)),
    )
    .unwrap_or_else(|error| panic!("{error}"));
    // The exit code is the parent's to ignore: a refusal (such as export's
    // size limit) is a measured run like any other.
    let _exit = sroi::commands::run(cli);
    let peak = peak_kib(Path::new("/proc/self/status"));
    eprintln!("{PEAK}{}", peak.unwrap_or(f64::NAN));
}

/// `VmHWM`, the most resident memory the process has had, in KiB.
fn peak_kib(status: &Path) -> Option<f64> {
    let text = std::fs::read_to_string(status).ok()?;
    let line = text.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    line.trim().trim_end_matches("kB").trim().parse().ok()
}
