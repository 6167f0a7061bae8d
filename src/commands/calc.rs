//! `sroi calc MODEL`: load, validate, compute, and write the results.

use crate::calc::calculate;
use crate::cli::CalcArgs;
use crate::diagnostic::Diagnostics;
use crate::exit::Exit;
use crate::report;

pub fn run(args: &CalcArgs) -> Exit {
    let destination = args.output.as_deref();
    if let Err(exit) = super::refuse_to_overwrite(destination, &[&args.model]) {
        return exit;
    }
    let (source, model) = match super::load(&args.model) {
        Ok(loaded) => loaded,
        Err(exit) => return exit,
    };
    let results = match calculate(&model) {
        Ok(results) => results,
        Err(diagnostic) => {
            return super::report_invalid(&source, &Diagnostics::sorted(vec![diagnostic]));
        }
    };
    match report::render(args.format, &model, &results) {
        Ok(text) => super::deliver(&text, destination),
        Err(error) => {
            eprintln!("sroi: cannot write CSV: {error}");
            Exit::Error
        }
    }
}
