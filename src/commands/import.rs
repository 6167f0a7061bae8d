//! `sroi import FILE.xlsx|FILE.ods|FILE.csv`: a value map back into a model
//! file, with the inputs on its rows, onto a base model (`--onto`) or with
//! inputs from a CSV (`--inputs`).

use std::io::Read;
use std::path::Path;

use crate::cli::ImportArgs;
use crate::exit::Exit;
use crate::import::{self, CsvFile, Imported, Rest};
use crate::model::Limits;

pub fn run(args: &ImportArgs) -> Exit {
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
                args.sheet.as_deref(),
                &Rest::Onto {
                    source: &source,
                    model: &model,
                },
                limits,
            )
        }
        (None, inputs) => {
            let inputs = match inputs.as_deref().map(|path| read_csv(path, limits)) {
                Some(Ok(file)) => Some(file),
                Some(Err(exit)) => return exit,
                None => None,
            };
            let name = args.name.clone().unwrap_or_else(|| {
                args.csv.file_stem().map_or_else(
                    || "Imported value map".to_owned(),
                    |s| s.to_string_lossy().into_owned(),
                )
            });
            import::import(
                &values,
                args.sheet.as_deref(),
                &Rest::Standalone {
                    inputs: inputs.as_ref(),
                    name: &name,
                },
                limits,
            )
        }
    };
    match imported {
        Ok(imported) => {
            for note in &imported.notes {
                message!("{note}");
            }
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
            if rejected.usage {
                Exit::Error
            } else {
                Exit::Failure
            }
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
        (None, None) => format!(
            "{outcomes} and {} from its stakeholders' rows",
            count(imported.inputs, "input")
        ),
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

/// Read a value map or inputs file within the size limit a model has.
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
