//! The command line, declared with clap. Parsing only: each subcommand's work
//! lives in `commands`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::report::Format;

/// Social Return on Investment from an impact map: exact figures, every
/// convention named, every problem located.
#[derive(Debug, Parser)]
#[command(name = "sroi", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate an impact map and compute its present value, ratio and distribution
    Calc(CalcArgs),
    /// Write a commented starter model with every field
    Init(InitArgs),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print the manual page (roff), for `man -l` or a man directory
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct CalcArgs {
    /// The model file (TOML); `-` reads standard input
    #[arg(value_name = "MODEL")]
    pub model: PathBuf,

    /// How to write the results
    #[arg(short, long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Write to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The analysis name to put in the model
    #[arg(value_name = "NAME", default_value = "My SROI analysis")]
    pub name: String,

    /// Write the model to FILE, which must not exist yet, instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write the page to FILE instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}
