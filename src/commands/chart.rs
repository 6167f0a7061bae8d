//! `sroi chart MODEL --kind distribution|years|tornado|histogram|sobol`: one
//! chart of the report, alone, as an SVG file.

use std::sync::atomic::AtomicU64;

use rust_decimal::Decimal;

use crate::calc::Results;
use crate::cli::ChartArgs;
use crate::diagnostic::{Diagnostics, SourceFile};
use crate::exit::Exit;
use crate::model::Model;
use crate::report::svg::{Kind, distribution, histogram, sobol, tornado, years};
use crate::sensitivity::{Analysis, Steps};
use crate::simulate::{Settings, Simulation};

pub fn run(args: &ChartArgs) -> Exit {
    let destination = args.output.as_deref();
    let (source, model, results) = match super::load_and_calculate(&args.model, destination) {
        Ok(loaded) => loaded,
        Err(exit) => return exit,
    };
    super::warn_about_precision(&source.name, &model, &results);
    let svg = match args.kind {
        Kind::Distribution => distribution::render(&model, &results),
        Kind::Years => years::render(&model, &results),
        Kind::Tornado => match analyse(&source, &model, &results) {
            Ok(analysis) => tornado::render(&model, &analysis),
            Err(exit) => return exit,
        },
        Kind::Histogram | Kind::Sobol => {
            let uncertainty = match simulate(&model, &results) {
                Ok(uncertainty) => uncertainty,
                Err(exit) => return exit,
            };
            if args.kind == Kind::Histogram {
                histogram::render(&model, &uncertainty.simulation)
            } else {
                match uncertainty.sobol.as_ref().and_then(|s| s.sobol.as_ref()) {
                    Some(indices) => sobol::render(&model, indices),
                    None => {
                        message!(
                            "sroi: the model has too many uncertain assumptions for Sobol indices in a chart; sroi simulate --sobol computes them"
                        );
                        return Exit::Error;
                    }
                }
            }
        }
    };
    super::deliver(svg, destination)
}

/// The sensitivity analysis the report and the tornado show: the default
/// steps of `sroi sensitivity`, aiming for a ratio of 1.
pub(super) fn analyse(
    source: &SourceFile,
    model: &Model,
    results: &Results,
) -> Result<Analysis, Exit> {
    crate::sensitivity::analyse(model, results, &Steps::default(), Decimal::ONE)
        .map_err(|diagnostic| super::report_invalid(source, &Diagnostics::sorted(vec![diagnostic])))
}

/// The simulation the report and its charts show.
pub(super) struct Uncertainty {
    pub simulation: Simulation,
    /// A smaller run with Sobol indices; `None` when even the smallest base
    /// sample would make too many evaluations for a report.
    pub sobol: Option<Simulation>,
}

/// Draws for the report's histogram: as many as fit a few tenths of a
/// second, at most 20,000 (the mean to about ±0.5% of its spread).
const REPORT_DRAW_BUDGET: u64 = 20_000_000;
const REPORT_DRAWS: u64 = 20_000;
/// Evaluations for the report's Sobol indices, and their base sample at most.
const REPORT_SOBOL_BUDGET: u64 = 2_000_000;
const REPORT_SOBOL_DRAWS: u64 = 2_000;
/// Fewer rows than this would make the indices noise.
const REPORT_SOBOL_FEWEST: u64 = 200;

/// Simulate for the report, seed 1, target 1: draws chosen to keep the
/// report quick (the page says how many were made).
pub(super) fn simulate(model: &Model, results: &Results) -> Result<Uncertainty, Exit> {
    let run = |draws: u64, sobol: bool| {
        let settings = Settings {
            draws,
            seed: 1,
            target: Decimal::ONE,
            sobol,
            samples: false,
        };
        crate::simulate::simulate(model, results, &settings, &AtomicU64::new(0))
    };
    let uncertain = model.outcomes.len() as u64 * 6 + 2;
    let draws = (REPORT_DRAW_BUDGET / uncertain).clamp(1_000, REPORT_DRAWS);
    let simulation = run(draws, false).map_err(|error| {
        message!("sroi: cannot simulate the model for the report: {error:?}");
        Exit::Error
    })?;
    let uncertain = simulation.uncertain as u64 + 2;
    let sobol_draws = (REPORT_SOBOL_BUDGET / uncertain).min(REPORT_SOBOL_DRAWS);
    let sobol = (sobol_draws >= REPORT_SOBOL_FEWEST)
        .then(|| run(sobol_draws, true).ok())
        .flatten();
    Ok(Uncertainty { simulation, sobol })
}
