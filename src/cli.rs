//! The command line, declared with clap. Parsing only: each subcommand's work
//! lives in `commands`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use rust_decimal::Decimal;

use crate::report::Format;

/// Social Return on Investment from an impact map: exact figures, every
/// convention named, every problem located.
#[derive(Debug, Parser)]
#[command(name = "sroi", version, about, long_about = None, after_long_help = SROI_LONG_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The end of `sroi --help` and of sroi(1): the model format in brief, the
/// exit codes and where to start.
const SROI_LONG_HELP: &str = "\
The model:
  A model is a TOML file: [analysis] (name, organisation, period, currency),
  [conventions] (discount_rate, schedule, deductions), [[stakeholders]] (id,
  name, size), [[inputs]] (stakeholder, amount by year), [[outcomes]] (id, stakeholder,
  description, quantity, proxy, deadweight, displacement, attribution,
  drop_off, duration), and optionally [published], [[scenarios]] and [check].
  `sroi init` writes one with every field commented; `sroi schema` gives its
  JSON Schema.

Exit codes:
  0  done
  1  the model is invalid, or a check failed (published figures not
     reproduced, a threshold not met, a denied warning)
  2  sroi could not do its job: bad arguments, or a file that cannot be read
     or written

Examples:
  sroi init \"Befriending in Anytown\" -o befriending.toml
  sroi calc befriending.toml
  sroi check --deny warnings befriending.toml";

// Two or three examples end each command's help and its manual page.
const CALC_EXAMPLES: &str = "Examples:\n  sroi calc models/thurrock.toml\n  sroi calc models/thurrock.toml --scenario low-costs\n  sroi calc models/thurrock.toml --format json -o thurrock.json";
const SENSITIVITY_EXAMPLES: &str = "Examples:\n  sroi sensitivity models/thurrock.toml\n  sroi sensitivity models/thurrock.toml --top 0 --format csv -o swings.csv";
const SIMULATE_EXAMPLES: &str = "Examples:\n  sroi simulate models/thurrock.toml\n  sroi simulate models/thurrock.toml --format json";
const COMPARE_EXAMPLES: &str = "Examples:\n  sroi compare models/derby.toml models/thurrock.toml\n  sroi compare models/thurrock.toml models/thurrock.toml#low-costs\n  sroi compare models/derby.toml models/thurrock.toml --format markdown";
const CHECK_EXAMPLES: &str = "Examples:\n  sroi check models/\n  sroi check --deny warnings models/thurrock.toml\n  sroi check --format github models/";
const REPORT_EXAMPLES: &str = "Examples:\n  sroi report models/thurrock.toml -o thurrock.html\n  sroi report models/thurrock.toml --scenario low-costs -o low-costs.html";
const CHART_EXAMPLES: &str = "Examples:\n  sroi chart models/thurrock.toml -o distribution.svg\n  sroi chart models/thurrock.toml --kind tornado -o tornado.svg";
const EXPORT_EXAMPLES: &str = "Examples:\n  sroi export models/thurrock.toml -o thurrock.xlsx\n  sroi export models/thurrock.toml --scenario low-costs -o low-costs.xlsx";
const IMPORT_EXAMPLES: &str = "Examples:\n  sroi import examples/value-map.xlsx -o model.toml\n  sroi import value-map.xlsx --onto models/thurrock.toml -o updated.toml";
const INIT_EXAMPLES: &str = "Examples:\n  sroi init \"Befriending in Anytown\" -o befriending.toml\n  sroi init \"Befriending in Anytown\"";
const SCHEMA_EXAMPLES: &str =
    "Examples:\n  sroi schema -o sroi.schema.json\n  sroi schema | jq .properties.outcomes";
const COMPLETIONS_EXAMPLES: &str = "Examples:\n  sroi completions bash > ~/.local/share/bash-completion/completions/sroi\n  sroi completions zsh > ~/.zfunc/_sroi";
const MAN_EXAMPLES: &str =
    "Examples:\n  sroi man calc | man -l -\n  sroi man --dir man/man1\n  sroi man -o sroi.1";

/// Check's long help: its examples, then every code it can report.
fn check_long_help() -> String {
    format!("{CHECK_EXAMPLES}\n\n{}", crate::check::codes::help_table())
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate an impact map and compute its present value, ratio and distribution
    #[command(after_help = CALC_EXAMPLES)]
    Calc(CalcArgs),
    /// Vary every assumption one at a time, find switching values, compare scenarios
    #[command(after_help = SENSITIVITY_EXAMPLES)]
    Sensitivity(SensitivityArgs),
    /// Monte Carlo simulation of the ratio over the uncertain assumptions
    #[command(after_help = SIMULATE_EXAMPLES)]
    Simulate(SimulateArgs),
    /// Put two or more models side by side: headline figures, differences, who gets the value
    #[command(after_help = COMPARE_EXAMPLES)]
    Compare(CompareArgs),
    /// Check models for CI: validation, lints tied to the SROI principles, published figures
    #[command(after_help = CHECK_EXAMPLES, after_long_help = check_long_help())]
    Check(CheckArgs),
    /// Write a self-contained HTML report: charts, sensitivity, scenarios, the impact map
    #[command(after_help = REPORT_EXAMPLES)]
    Report(ReportArgs),
    /// Draw one chart of the report as SVG
    #[command(after_help = CHART_EXAMPLES)]
    Chart(ChartArgs),
    /// Write the value map as a spreadsheet whose formulas recompute every figure
    #[command(after_help = EXPORT_EXAMPLES)]
    Export(ExportArgs),
    /// Turn a value map (xlsx, ods or CSV, one row per outcome) into a model file
    #[command(after_help = IMPORT_EXAMPLES)]
    Import(ImportArgs),
    /// Write a commented starter model with every field
    #[command(after_help = INIT_EXAMPLES)]
    Init(InitArgs),
    /// Print the JSON Schema of the model format, for editors such as taplo
    #[command(after_help = SCHEMA_EXAMPLES)]
    Schema(SchemaArgs),
    /// Print a shell completion script
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
    /// Print a manual page (roff) of sroi or one command, or write them all to a directory
    #[command(after_help = MAN_EXAMPLES)]
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
    /// The command whose page to print (`calc` prints sroi-calc(1)); without
    /// one, the page of sroi itself
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
    /// Write the page to FILE instead of standard output
    #[arg(short, long, value_name = "FILE", conflicts_with = "dir")]
    pub output: Option<PathBuf>,
    /// Write every page (sroi.1, sroi-calc.1, …) into the directory DIR
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub dir: Option<PathBuf>,
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
