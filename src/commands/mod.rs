//! The command layer: the only code that prints, writes files and chooses an
//! exit code. Each subcommand has its own module; what they share (reporting a
//! model that failed to load, delivering output) lives here.

/// `eprintln!` for the command layer, which never panics: the line goes
/// through `output::write_stderr`, so what becomes of standard error cannot
/// change the exit code.
macro_rules! message {
    ($($arg:tt)*) => {
        $crate::output::write_stderr(format!("{}\n", format_args!($($arg)*)))
    };
}

mod calc;
mod chart;
mod check;
mod compare;
mod completions;
mod export;
mod import;
mod init;
mod man;
mod report;
mod schema;
mod sensitivity;
mod simulate;

use std::path::Path;

use crate::cli::{Cli, Command};
use crate::diagnostic::{Diagnostics, SourceFile};
use crate::exit::Exit;
use crate::model::{self, LoadError, Model};
use crate::output;

/// Run the parsed command line to completion.
pub fn run(cli: Cli) -> Exit {
    crate::report::width::set(screen_width(&cli.command));
    match cli.command {
        Command::Calc(args) => calc::run(&args),
        Command::Compare(args) => compare::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Completions(args) => completions::run(&args),
        Command::Man(args) => man::run(&args),
        Command::Sensitivity(args) => sensitivity::run(&args),
        Command::Simulate(args) => simulate::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Chart(args) => chart::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Export(args) => export::run(&args),
    }
}

/// The width the output must fit: `COLUMNS` when it is a positive number,
/// else the terminal's when standard output is one. Output to a file keeps
/// its natural width, whatever the terminal, so a saved table is the same
/// wherever it was made.
fn screen_width(command: &Command) -> Option<usize> {
    if writes_a_file(command) {
        return None;
    }
    let columns = std::env::var("COLUMNS").ok();
    match columns.as_deref().map(str::trim).map(str::parse::<usize>) {
        Some(Ok(columns)) if columns > 0 => Some(columns),
        _ => output::terminal_width(),
    }
}

fn writes_a_file(command: &Command) -> bool {
    let output = match command {
        Command::Calc(args) => &args.output,
        Command::Compare(args) => &args.output,
        Command::Sensitivity(args) => &args.output,
        Command::Simulate(args) => &args.output,
        Command::Report(args) => &args.output,
        _ => &None,
    };
    output.is_some()
}

/// A path as a message shows it: a file's name may hold control characters
/// or start like a CI workflow command, and must not act as either.
pub(crate) fn shown(path: impl AsRef<Path>) -> String {
    crate::printable::escape_path(&path.as_ref().display().to_string()).into_owned()
}

/// Say on standard error where the figures are less exact than they are shown.
pub(crate) fn warn_about_precision(name: &str, model: &Model, results: &crate::calc::Results) {
    for warning in crate::report::precision::warnings(name, model, results) {
        message!("{warning}");
    }
}

/// Load a model, or report why not on standard error and say how to exit.
pub(crate) fn load(path: &Path) -> Result<(SourceFile, Model), Exit> {
    crate::scenario::load_validated(path, model::Limits::default()).map_err(|error| match error {
        LoadError::Unreadable { path, error } => {
            message!("sroi: cannot read {}: {error}", shown(&path));
            Exit::Error
        }
        LoadError::TooLarge { path, limit } => {
            message!(
                "{}: error[{}]: the file is larger than the limit of {} MiB for a model",
                shown(&path),
                crate::diagnostic::ErrorCode::OverLimit,
                limit / (1024 * 1024)
            );
            Exit::Failure
        }
        LoadError::Invalid {
            source,
            diagnostics,
        } => report_invalid(&source, &diagnostics),
    })
}

/// What every command that works on one model starts with: refuse an output
/// that is the model, load it, and compute its figures, reporting any failure.
pub(crate) fn load_and_calculate(
    path: &Path,
    destination: Option<&Path>,
) -> Result<(SourceFile, Model, crate::calc::Results), Exit> {
    load_and_calculate_under(path, destination, None)
}

/// `load_and_calculate`, under the scenario `--scenario` names when it names
/// one: the model returned is the scenario's (`scenario::shown`), so every
/// output made from it names the scenario.
pub(crate) fn load_and_calculate_under(
    path: &Path,
    destination: Option<&Path>,
    scenario: Option<&str>,
) -> Result<(SourceFile, Model, crate::calc::Results), Exit> {
    refuse_to_overwrite(destination, &[path])?;
    let (source, model) = load(path)?;
    let model = match scenario {
        Some(name) => under_scenario(&source, &model, name)?,
        None => model,
    };
    match crate::calc::calculate(&model) {
        Ok(results) => Ok((source, model, results)),
        Err(diagnostic) => Err(report_invalid(
            &source,
            &Diagnostics::sorted(vec![diagnostic]),
        )),
    }
}

/// The model under the scenario `name`: a name the model does not declare
/// is a bad argument (exit 2, the declared names listed); a scenario that
/// cannot be applied makes the model invalid (exit 1).
pub(crate) fn under_scenario(
    source: &SourceFile,
    model: &Model,
    name: &str,
) -> Result<Model, Exit> {
    crate::scenario::shown(model, name).map_err(|unshown| match unshown {
        crate::scenario::Unshown::Unknown { name, declared } => {
            message!(
                "sroi: {} {}",
                shown(&source.name),
                crate::scenario::Unshown::unknown_message(&name, &declared)
            );
            Exit::Error
        }
        crate::scenario::Unshown::Invalid(diagnostic) => {
            report_invalid(source, &Diagnostics::sorted(vec![diagnostic]))
        }
    })
}

/// Print every problem of a model; an invalid model exits 1.
pub(crate) fn report_invalid(source: &SourceFile, diagnostics: &Diagnostics) -> Exit {
    output::write_stderr(diagnostics.render(source));
    Exit::Failure
}

/// Deliver a command's output (text, or the bytes of a binary format) to a
/// file or standard output.
pub(crate) fn deliver(content: impl AsRef<[u8]>, destination: Option<&Path>) -> Exit {
    let Some(path) = destination else {
        return match output::write_stdout(&content) {
            Ok(()) => Exit::Success,
            Err(error) => {
                message!("sroi: cannot write to standard output: {error}");
                Exit::Error
            }
        };
    };
    match output::write_atomic(path, content) {
        Ok(()) => Exit::Success,
        Err(error) => {
            message!("sroi: cannot write {}: {error}", shown(path));
            Exit::Error
        }
    }
}

/// Deliver what `write` produces as it produces it, as `deliver` does text.
pub(crate) fn deliver_with(destination: Option<&Path>, write: output::Writing<'_>) -> Exit {
    let (written, place) = match destination {
        None => (
            output::write_stdout_with(write),
            "to standard output".to_owned(),
        ),
        Some(path) => (output::write_atomic_with(path, write), shown(path)),
    };
    match written {
        Ok(()) => Exit::Success,
        Err(error) => {
            message!("sroi: cannot write {place}: {error}");
            Exit::Error
        }
    }
}

/// Write a model to a new file, never replacing one (`refusal` says so when
/// the file exists), and say what to run next.
pub(crate) fn create_new_model(path: &Path, text: &str, refusal: &str) -> Exit {
    match output::write_new(path, text) {
        Ok(()) => {
            let shown = shown(path);
            message!("wrote {shown}; next: sroi calc {shown}");
            Exit::Success
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            message!("sroi: {} already exists; {refusal}", shown(path));
            Exit::Error
        }
        Err(error) => {
            message!("sroi: cannot write {}: {error}", shown(path));
            Exit::Error
        }
    }
}

/// Refuse an output path that is one of the models being read.
pub(crate) fn refuse_to_overwrite(
    destination: Option<&Path>,
    inputs: &[&Path],
) -> Result<(), Exit> {
    let Some(destination) = destination else {
        return Ok(());
    };
    match inputs.iter().find(|input| is_read_from(input, destination)) {
        Some(input) => {
            let model = if *input == Path::new("-") {
                format!("read from standard input ({})", shown(destination))
            } else {
                shown(input)
            };
            message!(
                "sroi: refusing to overwrite the model {model} with the output; choose another --output file"
            );
            Err(Exit::Error)
        }
        None => Ok(()),
    }
}

/// Whether the model read from `input` (`-` for standard input) is the file
/// that writing to `destination` would replace.
fn is_read_from(input: &Path, destination: &Path) -> bool {
    if input == Path::new("-") {
        output::standard_input_is(destination)
    } else {
        output::same_file(destination, input)
    }
}
