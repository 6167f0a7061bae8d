//! `sroi simulate MODEL`: compute the model, draw, summarise, and write;
//! with `--sobol`, rank the assumptions by their share of the variance, and
//! with `--samples FILE.csv`, write every draw too. A progress bar appears on standard error when a run takes more than a moment
//! and standard error is a terminal; standard output carries only results.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use crate::calc::Results;
use crate::cli::SimulateArgs;
use crate::exit::Exit;
use crate::model::Model;
use crate::output;
use crate::report::simulation;
use crate::simulate::{self, Error, MAX_DRAWS, Settings, Simulation, sobol};

/// How long a run may take before it shows its progress.
const QUIET_FOR: Duration = Duration::from_millis(500);

pub fn run(args: &SimulateArgs) -> Exit {
    let destination = args.output.as_deref();
    if let Err(exit) = super::refuse_to_overwrite(args.samples.as_deref(), &[&args.model]) {
        return exit;
    }
    let (_, model, results) =
        match super::load_and_calculate_under(&args.model, destination, args.scenario.as_deref()) {
            Ok(loaded) => loaded,
            Err(exit) => return exit,
        };
    let settings = Settings {
        draws: args.draws,
        seed: args.seed,
        target: args.target,
        sobol: args.sobol,
        samples: args.samples.is_some(),
    };
    let simulation = match on_threads(args.threads, || with_progress(&model, &results, &settings)) {
        Ok(Ok(simulation)) => simulation,
        Ok(Err(Error::Draws(draws))) => {
            message!("sroi: --draws must be from 1 to {MAX_DRAWS}, found {draws}");
            return Exit::Error;
        }
        Ok(Err(Error::Sobol(sobol::Error::TooManyEvaluations { draws, most }))) => {
            message!(
                "sroi: --sobol with {draws} draws makes more than {} model evaluations; use --draws {most} or fewer",
                sobol::MAX_EVALUATIONS
            );
            return Exit::Error;
        }
        Ok(Err(Error::Samples { most })) => {
            message!(
                "sroi: --samples writes at most {} values; use --draws {most} or fewer",
                simulate::MAX_SAMPLE_CELLS
            );
            return Exit::Error;
        }
        Err(error) => {
            message!(
                "sroi: cannot start {} threads: {error}",
                args.threads.unwrap_or_default()
            );
            return Exit::Error;
        }
    };
    if let (Some(path), Some(samples)) = (args.samples.as_deref(), &simulation.samples) {
        let written = simulation::samples_csv(samples, simulation.inputs)
            .map_err(|error| error.to_string())
            .and_then(|text| output::write_atomic(path, text).map_err(|error| error.to_string()));
        if let Err(error) = written {
            message!("sroi: cannot write {}: {error}", super::shown(path));
            return Exit::Error;
        }
    }
    match simulation::render(args.format, &model, &simulation) {
        Ok(text) => super::deliver(&text, destination),
        Err(error) => {
            message!("sroi: cannot write CSV: {error}");
            Exit::Error
        }
    }
}

/// Run `work` on `threads` threads, or on one per core.
fn on_threads<T: Send>(
    threads: Option<u16>,
    work: impl FnOnce() -> T + Send,
) -> Result<T, rayon::ThreadPoolBuildError> {
    match threads {
        None => Ok(work()),
        Some(threads) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads.into())
                .build()?;
            Ok(pool.install(work))
        }
    }
}

/// Simulate, drawing a progress bar on a terminal once the run outlasts `QUIET_FOR`.
fn with_progress(
    model: &Model,
    results: &Results,
    settings: &Settings,
) -> Result<Simulation, Error> {
    let done = AtomicU64::new(0);
    if !std::io::stderr().is_terminal() {
        return simulate::simulate(model, results, settings, &done);
    }
    let finished = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| show_progress(&done, &finished, settings.draws));
        let simulation = simulate::simulate(model, results, settings, &done);
        finished.store(true, Ordering::Release);
        simulation
    })
}

fn show_progress(done: &AtomicU64, finished: &AtomicBool, draws: u64) {
    let tick = Duration::from_millis(50);
    let mut waited = Duration::ZERO;
    while waited < QUIET_FOR {
        if finished.load(Ordering::Acquire) {
            return;
        }
        std::thread::sleep(tick);
        waited += tick;
    }
    let bar = indicatif::ProgressBar::new(draws);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {human_pos}/{human_len} draws, {eta} left",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    while !finished.load(Ordering::Acquire) {
        bar.set_position(done.load(Ordering::Relaxed));
        std::thread::sleep(Duration::from_millis(100));
    }
    bar.finish_and_clear();
}
