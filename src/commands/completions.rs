//! `sroi completions SHELL`: a completion script generated from the same clap
//! definition that parses the command line, so it can never fall out of date.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::exit::Exit;

pub fn run(args: &CompletionsArgs) -> Exit {
    let mut script = Vec::new();
    // Generated into memory first: clap_complete panics on a broken pipe.
    clap_complete::generate(args.shell, &mut Cli::command(), "sroi", &mut script);
    super::deliver(&script, None)
}
