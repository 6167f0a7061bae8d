//! The `sroi` binary: parse the command line, run it, exit with its code.

use std::io::Write;

use clap::Parser;
use sroi::exit::Exit;

/// Most of a run is building and dropping the parsed TOML tree, a great many
/// small allocations; mimalloc does that about twice as fast as the system
/// allocator on large models and keeps the cost linear in their size.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    sroi::output::remove_unfinished_files_on_interrupt();
    match sroi::cli::Cli::try_parse() {
        Ok(cli) => sroi::commands::run(cli).into(),
        Err(stop) => print_and_stop(&stop).into(),
    }
}

/// Print what ended the parsing and say how to exit: help and version text
/// (on standard output) is a finished job unless it cannot be written; a
/// usage error (on standard error) is a job the tool could not do, however
/// its message fares. Parsing with `Cli::parse` would exit 0 even when the
/// help could not be written.
fn print_and_stop(stop: &clap::Error) -> Exit {
    // clap writes without flushing; the flush reports what the write left.
    let printed = stop.print().and_then(|()| std::io::stdout().flush());
    if stop.exit_code() != 0 {
        return Exit::Error;
    }
    match printed {
        // A reader that stopped early (`sroi --help | head -1`) is no failure.
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            sroi::output::write_stderr(format!("sroi: cannot write to standard output: {error}\n"));
            Exit::Error
        }
        _ => Exit::Success,
    }
}
