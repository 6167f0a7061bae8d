//! `sroi calc MODEL`: load, validate, compute, and write the results.

use crate::cli::CalcArgs;
use crate::exit::Exit;
use crate::report;

pub fn run(args: &CalcArgs) -> Exit {
    let destination = args.output.as_deref();
    let (source, model, results) =
        match super::load_and_calculate_under(&args.model, destination, args.scenario.as_deref()) {
            Ok(loaded) => loaded,
            Err(exit) => return exit,
        };
    super::warn_about_precision(&source.name, &model, &results);
    super::deliver_with(destination, &mut |out| {
        report::write(args.format, &model, &results, out)
    })
}
