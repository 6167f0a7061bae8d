//! The exit code is the run's verdict whatever becomes of its messages:
//! standard error full (`2>/dev/full`), closed (`2>&-`) or a pipe nobody
//! reads any more (`2>&1 | head -1`) leaves 0, 1 or 2 as it would have been,
//! never the 101 of a panic. Help and version text that cannot be written
//! is a failure to do the job (2); a reader that went away is not.

#![cfg(unix)]

use std::fs::File;
use std::process::{Command, Stdio};

use crate::check::{CLEAN, WARNED};
use crate::support::root;

/// The ways standard error can refuse what it is given.
#[derive(Debug, Clone, Copy)]
enum Refusal {
    /// `/dev/full`: every write fails with "no space left on device".
    Full,
    /// Closed before the run starts, as by `2>&-`.
    Closed,
    /// A pipe whose reader has gone: every write fails with a broken pipe.
    Abandoned,
}

const REFUSALS: [Refusal; 3] = [Refusal::Full, Refusal::Closed, Refusal::Abandoned];

/// The write end of a pipe whose read end is already closed: the reader
/// is a process that exits at once, so the first write fails, every time.
fn abandoned_pipe() -> Stdio {
    let mut reader = Command::new("true")
        .stdin(Stdio::piped())
        .spawn()
        .expect("true starts");
    let write_end = reader.stdin.take().expect("the pipe to true");
    reader.wait().expect("true exits");
    Stdio::from(write_end)
}

fn dev_full() -> Stdio {
    let full = File::options()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full opens");
    Stdio::from(full)
}

/// Run `sroi` from the crate root with standard error refused as `refusal` says.
fn exit_code(args: &[&str], refusal: Refusal) -> Option<i32> {
    let mut command = match refusal {
        Refusal::Closed => {
            // The shell closes descriptor 2, then becomes sroi.
            let mut shell = Command::new("sh");
            shell
                .arg("-c")
                .arg("exec 2>&- \"$0\" \"$@\"")
                .arg(env!("CARGO_BIN_EXE_sroi"));
            shell
        }
        Refusal::Full | Refusal::Abandoned => Command::new(env!("CARGO_BIN_EXE_sroi")),
    };
    command
        .args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    match refusal {
        Refusal::Full => command.stderr(dev_full()),
        Refusal::Abandoned => command.stderr(abandoned_pipe()),
        Refusal::Closed => &mut command,
    };
    command.status().expect("sroi runs").code()
}

#[test]
fn an_invalid_model_exits_one_whatever_becomes_of_its_diagnostics() {
    for refusal in REFUSALS {
        let code = exit_code(
            &["calc", "tests/fixtures/invalid/no_outcomes.toml"],
            refusal,
        );
        assert_eq!(code, Some(1), "standard error {refusal:?}");
    }
}

#[test]
fn a_file_that_cannot_be_read_exits_two_whatever_becomes_of_the_message() {
    for refusal in REFUSALS {
        let code = exit_code(&["calc", "tests/fixtures/no-such-model.toml"], refusal);
        assert_eq!(code, Some(2), "standard error {refusal:?}");
    }
}

#[test]
fn a_passing_run_with_warnings_exits_zero_whatever_becomes_of_the_warnings() {
    // Eight warnings and no error: see `check::WARNED`.
    let check = ["check", WARNED];
    // Conventions that differ: a warning on standard error, the comparison on standard output.
    let compare = [
        "compare",
        "tests/fixtures/compare/a.toml",
        "tests/fixtures/compare/a-at-ten-percent.toml",
    ];
    for refusal in REFUSALS {
        assert_eq!(exit_code(&check, refusal), Some(0), "check, {refusal:?}");
        assert_eq!(
            exit_code(&compare, refusal),
            Some(0),
            "compare, {refusal:?}"
        );
    }
}

#[test]
fn a_run_that_warns_of_its_precision_exits_zero_whatever_becomes_of_the_warnings() {
    // Figures of 10^28: two precision warnings on standard error before the
    // results (`precision.rs` works out where they start).
    let model = "tests/fixtures/hostile/ratio_at_the_edge_of_a_decimal.toml";
    for refusal in REFUSALS {
        for command in [&["calc", model][..], &["chart", "--kind", "years", model]] {
            let code = exit_code(command, refusal);
            assert_eq!(code, Some(0), "{command:?}, standard error {refusal:?}");
        }
    }
}

#[test]
fn a_new_model_is_written_whatever_becomes_of_the_note_saying_so() {
    for refusal in REFUSALS {
        let directory = tempfile::tempdir().expect("a temporary directory");
        let model = directory.path().join("new.toml");
        let path = model.to_str().expect("a UTF-8 path");
        let code = exit_code(&["init", "A model", "-o", path], refusal);
        assert_eq!(code, Some(0), "standard error {refusal:?}");
        assert!(model.is_file(), "standard error {refusal:?}");
    }
}

#[test]
fn a_usage_error_exits_two_whatever_becomes_of_its_message() {
    for refusal in REFUSALS {
        let code = exit_code(&["calc", CLEAN, "--no-such-option"], refusal);
        assert_eq!(code, Some(2), "standard error {refusal:?}");
    }
}

/// Run `sroi` with standard output `stdout` and standard error discarded.
fn exit_code_writing_to(args: &[&str], stdout: Stdio) -> Option<i32> {
    Command::new(env!("CARGO_BIN_EXE_sroi"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::null())
        .status()
        .expect("sroi runs")
        .code()
}

#[test]
fn help_or_version_that_cannot_be_written_exits_two() {
    for args in [&["--help"][..], &["--version"], &["calc", "--help"]] {
        assert_eq!(exit_code_writing_to(args, dev_full()), Some(2), "{args:?}");
    }
}

#[test]
fn help_read_by_a_program_that_stops_early_exits_zero() {
    // `sroi --help | head -1`: the rest of the text is not wanted, which is no failure.
    assert_eq!(exit_code_writing_to(&["--help"], abandoned_pipe()), Some(0));
    assert_eq!(
        exit_code_writing_to(&["--help"], Stdio::null()),
        Some(0),
        "help written in full"
    );
}

#[test]
fn an_imported_model_is_written_whatever_becomes_of_the_summary() {
    for refusal in REFUSALS {
        let directory = tempfile::tempdir().expect("a temporary directory");
        let model = directory.path().join("imported.toml");
        let path = model.to_str().expect("a UTF-8 path");
        let args = [
            "import",
            "tests/fixtures/import/minimal-values.csv",
            "--inputs",
            "tests/fixtures/import/minimal-inputs.csv",
            "-o",
            path,
        ];
        assert_eq!(
            exit_code(&args, refusal),
            Some(0),
            "standard error {refusal:?}"
        );
        assert!(model.is_file(), "standard error {refusal:?}");
    }
}
