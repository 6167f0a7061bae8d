//! `sroi schema`: the JSON Schema of the model format, for editors.

use crate::cli::SchemaArgs;
use crate::exit::Exit;

pub fn run(args: &SchemaArgs) -> Exit {
    super::deliver(crate::json_schema::json_text(), args.output.as_deref())
}
