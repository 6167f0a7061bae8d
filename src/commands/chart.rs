//! `sroi chart MODEL --kind distribution|years|tornado`: one chart of the
//! report, alone, as an SVG file.

use rust_decimal::Decimal;

use crate::calc::Results;
use crate::cli::ChartArgs;
use crate::diagnostic::{Diagnostics, SourceFile};
use crate::exit::Exit;
use crate::model::Model;
use crate::report::svg::{Kind, distribution, tornado, years};
use crate::sensitivity::{Analysis, Steps};

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
