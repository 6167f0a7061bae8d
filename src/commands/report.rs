//! `sroi report MODEL`: compute the model, its sensitivity analysis (default
//! steps, target 1), its scenarios and a simulation with Sobol indices, and
//! write them as one HTML page.

use crate::cli::ReportArgs;
use crate::exit::Exit;
use crate::report::{html, sensitivity};

pub fn run(args: &ReportArgs) -> Exit {
    let destination = args.output.as_deref();
    let (source, model, results) =
        match super::load_and_calculate_under(&args.model, destination, args.scenario.as_deref()) {
            Ok(loaded) => loaded,
            Err(exit) => return exit,
        };
    super::warn_about_precision(&source.name, &model, &results);
    let analysis = match super::chart::analyse(&source, &model, &results) {
        Ok(analysis) => analysis,
        Err(exit) => return exit,
    };
    let scenarios = match super::sensitivity::scenarios(&source, &model, &results) {
        Ok(scenarios) => scenarios,
        Err(exit) => return exit,
    };
    let report = sensitivity::Report {
        model: &model,
        analysis: &analysis,
        scenarios,
        top: 0,
    };
    let uncertainty = match super::chart::simulate(&model, &results) {
        Ok(uncertainty) => uncertainty,
        Err(exit) => return exit,
    };
    let simulated = html::Simulated {
        simulation: &uncertainty.simulation,
        sobol: uncertainty.sobol.as_ref(),
    };
    super::deliver(
        html::render_with(&results, &report, Some(&simulated)),
        destination,
    )
}
