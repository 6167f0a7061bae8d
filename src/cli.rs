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
    /// Put two or more models side by side: headline figures, differences, who gets the value
    Compare(CompareArgs),
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
pub struct CompareArgs {
    /// Two or more model files (TOML); differences are measured from the first
    #[arg(value_name = "MODEL", num_args = 2.., required = true)]
    pub models: Vec<PathBuf>,

    /// Recompute every model under the first model's conventions, so that
    /// their ratios can be compared
    #[arg(long)]
    pub same_conventions: bool,

    /// How to write the comparison
    #[arg(short, long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Write to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}
