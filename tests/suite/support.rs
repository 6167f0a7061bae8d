//! Running the binary and comparing its output with files kept beside the tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The crate root: tests run with it as the working directory, and fixture
/// paths in expected messages are written relative to it.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run `sroi` with `args` from the crate root, with no standard input.
pub fn sroi(args: &[&str]) -> Output {
    sroi_with_stdin(args, "")
}

pub fn sroi_with_stdin(args: &[&str], stdin: &str) -> Output {
    sroi_in(args, stdin, None)
}

/// Run `sroi` as at a screen `width` columns wide (`COLUMNS`).
pub fn sroi_at_width(args: &[&str], width: usize) -> Output {
    sroi_in(args, "", Some(width))
}

fn sroi_in(args: &[&str], stdin: &str, width: Option<usize>) -> Output {
    use std::io::Write;
    let mut command = Command::new(env!("CARGO_BIN_EXE_sroi"));
    // Output keeps its natural width unless a test sets one.
    command.env_remove("COLUMNS");
    if let Some(width) = width {
        command.env("COLUMNS", width.to_string());
    }
    let mut child = command
        .args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the sroi binary runs");
    if let Some(mut input) = child.stdin.take() {
        // A command that exits before reading its input closes the pipe; that is fine.
        let _ = input.write_all(stdin.as_bytes());
    }
    child.wait_with_output().expect("sroi finishes")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Compare `actual` with the file at `expected`. With `SROI_BLESS=1` the file
/// is (re)written instead, for reviewing changes to expected output in a diff.
pub fn assert_matches_file(actual: &str, expected: &Path) {
    if std::env::var_os("SROI_BLESS").is_some() {
        std::fs::write(expected, actual).expect("expected file is writable");
        return;
    }
    let wanted = std::fs::read_to_string(expected).unwrap_or_else(|error| {
        panic!(
            "cannot read {}: {error} (run with SROI_BLESS=1 to create it)",
            expected.display()
        )
    });
    assert!(
        actual == wanted,
        "output differs from {}\n--- expected\n{wanted}\n--- actual\n{actual}",
        expected.display()
    );
}

/// Every file in `directory` with the extension `ext`, sorted by name.
pub fn files_with_extension(directory: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(directory)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", directory.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}
