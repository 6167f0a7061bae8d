//! `sroi compare A B [C…]`: load every model (reporting all that fail, not
//! just the first), compare them, and write the comparison. When the ratios
//! cannot be compared as they stand, standard error says so too, so the
//! warning is seen even when the output goes to a file or a program.
//!
//! A model is named as its file, or as `FILE#NAME` for its scenario NAME;
//! `--scenario NAME` shows that scenario of every model named without one.
//! A path that exists as written is a file even when it holds a `#`.

use std::path::{Path, PathBuf};

use crate::cli::CompareArgs;
use crate::compare::{Subject, compare};
use crate::diagnostic::{Diagnostics, SourceFile};
use crate::exit::Exit;
use crate::report;

pub fn run(args: &CompareArgs) -> Exit {
    let destination = args.output.as_deref();
    let selections: Vec<Selection> = args
        .models
        .iter()
        .map(|named| Selection::of(named, args.scenario.as_deref()))
        .collect();
    let inputs: Vec<&Path> = selections.iter().map(|s| s.path.as_path()).collect();
    if let Err(exit) = super::refuse_to_overwrite(destination, &inputs) {
        return exit;
    }
    if inputs.iter().filter(|p| **p == Path::new("-")).count() > 1 {
        message!("sroi: standard input (`-`) can be read only once; give at most one `-`");
        return Exit::Error;
    }
    let (sources, subjects) = match load_all(&selections) {
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
    super::deliver_with(destination, &mut |out| {
        report::compare::write(args.format, &comparison, out)
    })
}

/// One model as the command line names it: a file, and the scenario of it
/// to show, if any.
struct Selection {
    path: PathBuf,
    scenario: Option<String>,
}

impl Selection {
    /// `FILE#NAME` names a scenario of FILE, unless the whole is a file;
    /// otherwise the file under `--scenario`, when it is given.
    fn of(named: &Path, every: Option<&str>) -> Selection {
        let text = named.to_string_lossy();
        if !named.exists() {
            if let Some((file, scenario)) = text.rsplit_once('#') {
                if !file.is_empty() && !scenario.is_empty() {
                    return Selection {
                        path: PathBuf::from(file),
                        scenario: Some(scenario.to_owned()),
                    };
                }
            }
        }
        Selection {
            path: named.to_path_buf(),
            scenario: every.map(str::to_owned),
        }
    }
}

/// Load every model, reporting each one that fails; the worst failure wins.
/// A model shown under a scenario is reported as `FILE#NAME`, so that a
/// model beside its own scenario is told apart.
fn load_all(selections: &[Selection]) -> Result<(Vec<SourceFile>, Vec<Subject>), Exit> {
    let mut sources = Vec::with_capacity(selections.len());
    let mut subjects = Vec::with_capacity(selections.len());
    let mut verdict = Exit::Success;
    for selection in selections {
        let loaded =
            super::load(&selection.path).and_then(|(source, model)| match &selection.scenario {
                Some(name) => {
                    super::under_scenario(&source, &model, name).map(|shown| (source, shown))
                }
                None => Ok((source, model)),
            });
        match loaded {
            Ok((source, model)) => {
                let path = match &model.analysis.scenario {
                    Some(scenario) => format!("{}#{}", source.name, scenario.name),
                    None => source.name.clone(),
                };
                subjects.push(Subject { path, model });
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
