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
    /// Check models for CI: validation, lints tied to the SROI principles, published figures
    #[command(after_long_help = crate::check::codes::help_table())]
    Check(CheckArgs),
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

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Model files, or directories: a directory means every *.toml file under it
    #[arg(value_name = "MODEL|DIR", required = true)]
    pub paths: Vec<PathBuf>,

    /// Fail on every warning (`warnings`) or on one lint (a code such as SROI104); repeatable
    #[arg(long, value_name = "warnings|CODE")]
    pub deny: Vec<crate::check::Denial>,

    /// Accept a lint (a warning code such as SROI201) in every model; repeatable
    #[arg(long, value_name = "CODE")]
    pub allow: Vec<crate::check::Code>,

    /// Fail a model whose SROI ratio is below X
    #[arg(long, value_name = "X", value_parser = crate::check::parse_min_ratio)]
    pub min_ratio: Option<rust_decimal::Decimal>,

    /// Print only what fails the check: no summary lines, no warnings that pass
    #[arg(short, long)]
    pub quiet: bool,

    /// How to write the findings
    #[arg(short, long, value_enum, default_value_t = crate::report::check::CheckFormat::Text)]
    pub format: crate::report::check::CheckFormat,
}
