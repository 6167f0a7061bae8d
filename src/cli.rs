//! The command line, declared with clap. Parsing only: each subcommand's work
//! lives in `commands`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use rust_decimal::Decimal;

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
    /// Vary every assumption one at a time, find switching values, compare scenarios
    Sensitivity(SensitivityArgs),
    /// Monte Carlo simulation of the ratio over the uncertain assumptions
    Simulate(SimulateArgs),
    /// Put two or more models side by side: headline figures, differences, who gets the value
    Compare(CompareArgs),
    /// Check models for CI: validation, lints tied to the SROI principles, published figures
    #[command(after_long_help = crate::check::codes::help_table())]
    Check(CheckArgs),
    /// Write a self-contained HTML report: charts, sensitivity, scenarios, the impact map
    Report(ReportArgs),
    /// Draw one chart of the report as SVG
    Chart(ChartArgs),
    /// Write the value map as a spreadsheet whose formulas recompute every figure
    Export(ExportArgs),
    /// Turn a value map (xlsx, ods or CSV, one row per outcome) into a model file
    Import(ImportArgs),
    /// Write a commented starter model with every field
    Init(InitArgs),
    /// Print the JSON Schema of the model format, for editors such as taplo
    Schema(SchemaArgs),
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

    /// Compute the scenario NAME of the model (a `[[scenarios]]` entry) instead of the model as written
    #[arg(long, value_name = "NAME")]
    pub scenario: Option<String>,
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
    /// Two or more model files (TOML), each as it is written or as FILE#NAME,
    /// its scenario NAME; differences are measured from the first
    #[arg(value_name = "MODEL[#SCENARIO]", num_args = 2.., required = true)]
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

    /// Compare the scenario NAME of every model (a model named as FILE#NAME
    /// shows that scenario instead); a model without it is an error
    #[arg(long, value_name = "NAME")]
    pub scenario: Option<String>,
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

    /// Check the scenario NAME of every model instead of the model as written
    /// (its published figures, which are of the model as written, are not compared)
    #[arg(long, value_name = "NAME")]
    pub scenario: Option<String>,
}

#[derive(Debug, Args)]
pub struct SensitivityArgs {
    /// The model file (TOML); `-` reads standard input
    #[arg(value_name = "MODEL")]
    pub model: PathBuf,

    /// How to write the results
    #[arg(short, long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Write to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The ratio the switching values aim for
    #[arg(long, value_name = "R", default_value = "1", value_parser = crate::cli_values::ratio)]
    pub target: Decimal,

    /// Move deductions and drop-off by this many percentage points
    #[arg(long, value_name = "POINTS", default_value = "10", value_parser = crate::cli_values::share)]
    pub deduction_step: Decimal,

    /// Move proxies by this percentage of themselves
    #[arg(long, value_name = "PERCENT", default_value = "20", value_parser = crate::cli_values::share)]
    pub proxy_step: Decimal,

    /// Move quantities by this percentage of themselves
    #[arg(long, value_name = "PERCENT", default_value = "20", value_parser = crate::cli_values::share)]
    pub quantity_step: Decimal,

    /// Move durations by this many years (never below 1)
    #[arg(long, value_name = "YEARS", default_value_t = 1, value_parser = clap::value_parser!(u32).range(0..=1000))]
    pub duration_step: u32,

    /// Move the flat discount rate by this many percentage points
    #[arg(long, value_name = "POINTS", default_value = "1", value_parser = crate::cli_values::share)]
    pub rate_step: Decimal,

    /// Move the inputs by this percentage of themselves (below 100)
    #[arg(long, value_name = "PERCENT", default_value = "20", value_parser = crate::cli_values::inputs_share)]
    pub inputs_step: Decimal,

    /// Rows of the tornado and switching tables in table and Markdown output; 0 shows all
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub top: usize,

    /// Compute the scenario NAME of the model (a `[[scenarios]]` entry) instead of the model as written
    #[arg(long, value_name = "NAME")]
    pub scenario: Option<String>,
}

#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// The model file (TOML); `-` reads standard input
    #[arg(value_name = "MODEL")]
    pub model: PathBuf,

    /// How many draws (1 to 10,000,000)
    #[arg(long, value_name = "N", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub draws: u64,

    /// Seed of the random draws: the same seed gives the same results on any number of threads
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,

    /// Report the probability that the ratio falls below R
    #[arg(long, value_name = "R", default_value = "1", value_parser = crate::cli_values::ratio)]
    pub target: Decimal,

    /// Worker threads (default: one per core)
    #[arg(long, value_name = "T", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub threads: Option<u16>,

    /// Also rank the assumptions by their share of the ratio's variance
    /// (Sobol indices, Saltelli's design, --draws as the base sample)
    #[arg(long)]
    pub sobol: bool,

    /// Write every draw (its uncertain values, present value and ratio) to FILE.csv, atomically
    #[arg(long, value_name = "FILE.csv")]
    pub samples: Option<PathBuf>,

    /// How to write the results
    #[arg(short, long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Write to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Compute the scenario NAME of the model (a `[[scenarios]]` entry) instead of the model as written
    #[arg(long, value_name = "NAME")]
    pub scenario: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The model file (TOML); `-` reads standard input
    #[arg(value_name = "MODEL")]
    pub model: PathBuf,

    /// Write the HTML to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Compute the scenario NAME of the model (a `[[scenarios]]` entry) instead of the model as written
    #[arg(long, value_name = "NAME")]
    pub scenario: Option<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The value map: a workbook (xlsx, xls, ods) or a CSV, laid out like the
    /// Social Value UK value map, or with the columns `sroi calc --format csv` writes
    #[arg(value_name = "FILE.xlsx|FILE.ods|FILE.csv")]
    pub csv: PathBuf,

    /// The sheet of the workbook to read (default: the first with a value map header row)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// Keep everything but the outcomes (analysis, conventions, stakeholders,
    /// inputs, published figures, scenarios, [check]) from this model
    #[arg(long, value_name = "BASE.toml", conflicts_with_all = ["inputs", "name"])]
    pub onto: Option<PathBuf>,

    /// Inputs from a CSV with the columns stakeholder, description, amount,
    /// in_kind (needed only when the value map has no inputs on its rows)
    #[arg(long, value_name = "INPUTS.csv")]
    pub inputs: Option<PathBuf>,

    /// The analysis name, with --inputs (default: the CSV's file name without its extension)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// Write the model to FILE, which must not exist yet, instead of standard output
    #[arg(short, long, value_name = "MODEL.toml")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ChartArgs {
    /// The model file (TOML); `-` reads standard input
    #[arg(value_name = "MODEL")]
    pub model: PathBuf,

    /// Which chart to draw
    #[arg(short, long, value_enum)]
    pub kind: crate::report::svg::Kind,

    /// Write the SVG to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write the schema to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The model file (TOML); `-` reads standard input
    #[arg(value_name = "MODEL")]
    pub model: PathBuf,

    /// The kind of file to write
    #[arg(short, long, value_enum, default_value_t = crate::report::export::ExportFormat::Xlsx)]
    pub format: crate::report::export::ExportFormat,

    /// Write to FILE (atomically); required unless standard output is redirected
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Compute the scenario NAME of the model (a `[[scenarios]]` entry) instead of the model as written
    #[arg(long, value_name = "NAME")]
    pub scenario: Option<String>,
}
