//! `sroi compare A B [C…]`: load every model (reporting all that fail, not
//! just the first), compare them, and write the comparison. When the ratios
//! cannot be compared as they stand, standard error says so too, so the
//! warning is seen even when the output goes to a file or a program.

use std::path::{Path, PathBuf};

use crate::cli::CompareArgs;
use crate::compare::{Subject, compare};
use crate::diagnostic::{Diagnostics, SourceFile};
use crate::exit::Exit;
use crate::report;

pub fn run(args: &CompareArgs) -> Exit {
    let destination = args.output.as_deref();
    let inputs: Vec<&Path> = args.models.iter().map(PathBuf::as_path).collect();
    if let Err(exit) = super::refuse_to_overwrite(destination, &inputs) {
        return exit;
    }
    if inputs.iter().filter(|p| **p == Path::new("-")).count() > 1 {
        message!("sroi: standard input (`-`) can be read only once; give at most one `-`");
        return Exit::Error;
    }
    let (sources, subjects) = match load_all(&args.models) {
        Ok(loaded) => loaded,
        Err(exit) => return exit,
    };
    let comparison = match compare(&subjects, args.same_conventions) {
        Ok(comparison) => comparison,
        Err(failure) => {
            let diagnostics = Diagnostics::sorted(vec![failure.diagnostic]);
            return super::report_invalid(&sources[failure.model], &diagnostics);
        }
    };
    for warning in report::compare::warnings(&comparison) {
        message!("sroi: {}", warning.replacen("WARNING: ", "warning: ", 1));
    }
    match report::compare::render(args.format, &comparison) {
        Ok(text) => super::deliver(&text, destination),
        Err(error) => {
            message!("sroi: cannot write CSV: {error}");
            Exit::Error
        }
    }
}

/// Load every model, reporting each one that fails; the worst failure wins.
fn load_all(paths: &[PathBuf]) -> Result<(Vec<SourceFile>, Vec<Subject>), Exit> {
    let mut sources = Vec::with_capacity(paths.len());
    let mut subjects = Vec::with_capacity(paths.len());
    let mut verdict = Exit::Success;
    for path in paths {
        match super::load(path) {
            Ok((source, model)) => {
                subjects.push(Subject {
                    path: source.name.clone(),
                    model,
                });
                sources.push(source);
            }
            Err(exit) => verdict = verdict.worst(exit),
        }
    }
    match verdict {
        Exit::Success => Ok((sources, subjects)),
        failed => Err(failed),
    }
}
