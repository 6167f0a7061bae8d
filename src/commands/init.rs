//! `sroi init [NAME]`: a commented starter model with every field, valid as
//! written, so an analyst edits numbers rather than looks up key names.

use std::path::Path;

use crate::cli::InitArgs;
use crate::exit::Exit;
use crate::output;

const TEMPLATE: &str = include_str!("../templates/starter.toml");

/// The starter model with the analysis name filled in (quoted and escaped).
pub fn starter_model(name: &str) -> String {
    let quoted = toml::Value::String(name.to_owned()).to_string();
    TEMPLATE.replacen("__NAME__", &quoted, 1)
}

pub fn run(args: &InitArgs) -> Exit {
    let text = starter_model(&args.name);
    match &args.output {
        None => super::deliver(&text, None),
        Some(path) => create(path, &text),
    }
}

/// Write a new model file; an existing file is never replaced.
fn create(path: &Path, text: &str) -> Exit {
    match output::write_new(path, text) {
        Ok(()) => {
            eprintln!(
                "wrote {}; next: sroi calc {}",
                path.display(),
                path.display()
            );
            Exit::Success
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "sroi: {} already exists; init never overwrites a file",
                path.display()
            );
            Exit::Error
        }
        Err(error) => {
            eprintln!("sroi: cannot write {}: {error}", path.display());
            Exit::Error
        }
    }
}
