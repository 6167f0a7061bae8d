//! `sroi init [NAME]`: a commented starter model with every field, valid as
//! written, so an analyst edits numbers rather than looks up key names.

use crate::cli::InitArgs;
use crate::exit::Exit;

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
        Some(path) => super::create_new_model(path, &text, "init never overwrites a file"),
    }
}
