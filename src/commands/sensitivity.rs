//! `sroi sensitivity MODEL`: compute the model, vary each assumption, find the
//! switching values, compute each scenario, and write them all.

use crate::calc::Results;
use crate::cli::SensitivityArgs;
use crate::diagnostic::{Diagnostics, SourceFile};
use crate::exit::Exit;
use crate::model::Model;
use crate::report::sensitivity::{self, Report, Scenario};
use crate::sensitivity::{Steps, analyse};

pub fn run(args: &SensitivityArgs) -> Exit {
    let destination = args.output.as_deref();
    let (source, model, results) =
        match super::load_and_calculate_under(&args.model, destination, args.scenario.as_deref()) {
            Ok(loaded) => loaded,
            Err(exit) => return exit,
        };
    let invalid =
        |diagnostic| super::report_invalid(&source, &Diagnostics::sorted(vec![diagnostic]));
    let steps = Steps {
        deduction: args.deduction_step,
        proxy: args.proxy_step,
        quantity: args.quantity_step,
        inputs: args.inputs_step,
        rate: args.rate_step,
        duration: args.duration_step,
    };
    let analysis = match analyse(&model, &results, &steps, args.target) {
        Ok(analysis) => analysis,
        Err(diagnostic) => return invalid(diagnostic),
    };
    let scenarios = match scenarios(&source, &model, &results) {
        Ok(scenarios) => scenarios,
        Err(exit) => return exit,
    };
    let report = Report {
        model: &model,
        analysis: &analysis,
        scenarios,
        top: args.top,
    };
    super::deliver_with(destination, &mut |out| {
        sensitivity::write(args.format, &report, out)
    })
}

/// Every scenario of the model, computed as `calc` computes a model.
pub(super) fn scenarios<'m>(
    source: &SourceFile,
    model: &'m Model,
    results: &Results,
) -> Result<Vec<Scenario<'m>>, Exit> {
    sensitivity::scenarios(model, results)
        .map_err(|diagnostic| super::report_invalid(source, &Diagnostics::sorted(vec![diagnostic])))
}
