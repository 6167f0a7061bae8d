//! The `sroi` binary: parse the command line, run it, exit with its code.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = sroi::cli::Cli::parse();
    sroi::commands::run(cli).into()
}
