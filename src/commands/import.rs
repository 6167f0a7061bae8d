//! `sroi import FILE.csv`: a value map saved as CSV back into a model file,
//! onto a base model (`--onto`) or with inputs from a second CSV (`--inputs`).

use std::io::Read;
use std::path::Path;

use crate::cli::ImportArgs;
use crate::exit::Exit;
use crate::import::{self, CsvFile, Imported, Rest};
use crate::model::Limits;

pub fn run(args: &ImportArgs) -> Exit {
    if args.onto.is_none() && args.inputs.is_none() {
        message!(
            "sroi: a value map holds outcomes only; give --onto BASE.toml to keep everything else from a model (the usual loop: export, edit, re-import), or --inputs INPUTS.csv (columns stakeholder, description, amount, in_kind) to build a model with the default conventions"
        );
        return Exit::Error;
    }
    let destination = args.output.as_deref();
    let read_paths: Vec<&Path> = [
        Some(args.csv.as_path()),
        args.onto.as_deref(),
        args.inputs.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let Err(exit) = super::refuse_to_overwrite(destination, &read_paths) {
        return exit;
    }
    let limits = Limits::default();
    let values = match read_csv(&args.csv, limits) {
        Ok(file) => file,
        Err(exit) => return exit,
    };
    let imported = match (&args.onto, &args.inputs) {
        (Some(base), _) => {
            let (source, model) = match super::load(base) {
                Ok(loaded) => loaded,
                Err(exit) => return exit,
            };
            import::import(
                &values,
                &Rest::Onto {
                    source: &source,
                    model: &model,
                },
                limits,
            )
        }
        (None, Some(inputs)) => {
            let inputs = match read_csv(inputs, limits) {
                Ok(file) => file,
                Err(exit) => return exit,
            };
            let name = args.name.clone().unwrap_or_else(|| {
                args.csv.file_stem().map_or_else(
                    || "Imported value map".to_owned(),
                    |s| s.to_string_lossy().into_owned(),
                )
            });
            import::import(
                &values,
                &Rest::Standalone {
                    inputs: &inputs,
                    name: &name,
                },
                limits,
            )
        }
        (None, None) => return Exit::Error,
    };
    match imported {
        Ok(imported) => {
            message!("{}", summary(args, &imported));
            match destination {
                None => super::deliver(&imported.text, None),
                Some(path) => super::create_new_model(
                    path,
                    &imported.text,
                    "import never replaces a file: give a new name, or remove it first",
                ),
            }
        }
        Err(rejected) => {
            crate::output::write_stderr(&rejected.report);
            Exit::Failure
        }
    }
}

/// What was imported from where: every file the model came from, named.
fn summary(args: &ImportArgs, imported: &Imported) -> String {
    let outcomes = format!(
        "imported {} from {}",
        count(imported.outcomes, "outcome"),
        super::shown(&args.csv)
    );
    match (&args.onto, &args.inputs) {
        (Some(base), _) => format!("{outcomes} onto {}", super::shown(base)),
        (None, Some(inputs)) => format!(
            "{outcomes} and {} from {}",
            count(imported.inputs, "input"),
            super::shown(inputs)
        ),
        (None, None) => outcomes,
    }
}

/// `1 outcome`, `3 outcomes`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Read a CSV file within the size limit a model has.
fn read_csv(path: &Path, limits: Limits) -> Result<CsvFile, Exit> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).and_then(|file| {
        if file.metadata()?.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "is a directory",
            ));
        }
        Ok(file)
    });
    let mut bytes = Vec::new();
    let read = file.and_then(|file| file.take(limits.max_file_bytes + 1).read_to_end(&mut bytes));
    if let Err(error) = read {
        message!("sroi: cannot read {}: {error}", super::shown(path));
        return Err(Exit::Error);
    }
    if bytes.len() as u64 > limits.max_file_bytes {
        message!(
            "{}: the file is larger than the limit of {} MiB",
            super::shown(path),
            limits.max_file_bytes / (1024 * 1024)
        );
        return Err(Exit::Failure);
    }
    Ok(CsvFile { name, bytes })
}
