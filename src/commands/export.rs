//! `sroi export MODEL -o FILE.xlsx`: the model as a workbook for the tools
//! analysts already use.

use std::io::IsTerminal;

use crate::cli::ExportArgs;
use crate::diagnostic::Diagnostics;
use crate::exit::Exit;
use crate::report::export::{self, ExportError};

pub fn run(args: &ExportArgs) -> Exit {
    let destination = args.output.as_deref();
    if destination.is_none() && std::io::stdout().is_terminal() {
        message!(
            "sroi: a workbook is a binary file and would garble the terminal; \
             write it with -o FILE.xlsx, or redirect standard output to a file"
        );
        return Exit::Error;
    }
    let (source, model, results) =
        match super::load_and_calculate_under(&args.model, destination, args.scenario.as_deref()) {
            Ok(loaded) => loaded,
            Err(exit) => return exit,
        };
    super::warn_about_precision(&source.name, &model, &results);
    match export::render(args.format, &model, &results) {
        Ok(bytes) => super::deliver(bytes, destination),
        Err(ExportError::Scenario(diagnostic)) => {
            super::report_invalid(&source, &Diagnostics::sorted(vec![diagnostic]))
        }
        Err(error) => {
            message!("sroi: cannot export {}: {error}", super::shown(&args.model));
            Exit::Error
        }
    }
}
