//! `sroi check DIR` finds every model and hides nothing it could not
//! check: a subdirectory that cannot be read, a `*.toml` link to nothing or
//! a FIFO named `*.toml` is reported by its own path (exit 2), and every
//! other model is still checked and reported. A FIFO is never opened: with
//! no writer, reading it would wait for ever.
//!
//! Each directory holds copies of `tests/fixtures/check/clean.toml`, which
//! passes every check with the ratio 92,800 / 50,000 = 1.856 worked out in
//! its header, reported as `ok (ratio 1.86, …)`.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::check::CLEAN;
use crate::support::{root, stderr, stdout};

/// What `sroi check` says of a clean model.
const OK: &str = ": ok (ratio 1.86,";

fn clean_model_at(path: &Path) {
    std::fs::copy(root().join(CLEAN), path).expect("the clean model is copied");
}

/// `sroi check DIRECTORY`, stopped (and the test failed) if it is still
/// running after 20 seconds, as it would be if it opened a FIFO.
fn check(directory: &Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sroi"))
        .arg("check")
        .arg(directory)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sroi runs");
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().expect("sroi can be waited for").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("sroi check {} did not finish", directory.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("sroi's output")
}

/// `a.toml` and `z.toml`, clean, around whatever a test adds between them.
fn two_clean_models() -> tempfile::TempDir {
    let directory = tempfile::tempdir().expect("a temporary directory");
    clean_model_at(&directory.path().join("a.toml"));
    clean_model_at(&directory.path().join("z.toml"));
    directory
}

/// Both clean models were checked and passed, whatever else went wrong.
fn assert_both_checked(output: &Output, directory: &Path) {
    for name in ["a.toml", "z.toml"] {
        let line = format!("{}{OK}", directory.join(name).display());
        assert!(stdout(output).contains(&line), "{}", stdout(output));
    }
}

fn assert_reported(output: &Output, path: &Path, reason: &str) {
    let line = format!("sroi: cannot read {}: {reason}", path.display());
    assert!(stderr(output).contains(&line), "{}", stderr(output));
}

#[test]
fn a_subdirectory_without_permission_is_reported_and_the_walk_goes_on() {
    let directory = two_clean_models();
    let locked = directory.path().join("m-locked");
    std::fs::create_dir(&locked).expect("m-locked/");
    clean_model_at(&locked.join("inside.toml"));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000))
        .expect("m-locked/ is locked");
    if std::fs::read_dir(&locked).is_ok() {
        // Straight to standard error: the harness captures `eprintln!` of a
        // passing test, and this notice must be seen.
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"notice: skipping the unreadable-directory check by permission: this user \
              (root) reads a directory with mode 000; the test of a directory too deep \
              to name covers the same walk\n",
        );
        return;
    }
    let output = check(directory.path());
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755))
        .expect("m-locked/ is unlocked for removal");

    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_reported(&output, &locked, "Permission denied (os error 13)");
    assert_both_checked(&output, directory.path());
}

/// Make `directory/deep/` a chain of nested directories whose innermost
/// path is longer than any path the system accepts (4,096 bytes on Linux),
/// so that reading it fails for every user, root included. Each level is
/// added by renames of short paths, so no call names the long one.
fn too_deep_to_name(directory: &Path) -> std::path::PathBuf {
    let level = "d".repeat(200);
    let chain = directory.join("deep");
    let outer = directory.join("outer");
    std::fs::create_dir(&chain).expect("deep/");
    for _ in 0..24 {
        std::fs::create_dir(&outer).expect("outer/");
        std::fs::rename(&chain, outer.join(&level)).expect("deep/ moves into outer/");
        std::fs::rename(&outer, &chain).expect("outer/ becomes deep/");
    }
    chain
}

#[test]
fn a_subdirectory_too_deep_to_name_is_reported_and_the_walk_goes_on() {
    let directory = two_clean_models();
    let chain = too_deep_to_name(directory.path());

    let output = check(directory.path());

    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    // Reported by its own path, somewhere inside `deep/`, not as the
    // directory the walk began with.
    let inside = format!("sroi: cannot read {}/d", chain.display());
    assert!(stderr(&output).contains(&inside), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(": File name too long (os error 36)"),
        "{}",
        stderr(&output)
    );
    let whole = format!("sroi: cannot read {}:", directory.path().display());
    assert!(!stderr(&output).contains(&whole), "{}", stderr(&output));
    assert_both_checked(&output, directory.path());
}

#[test]
fn a_model_is_found_whatever_the_case_of_its_extension() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    for name in ["upper.TOML", "mixed.Toml"] {
        clean_model_at(&directory.path().join(name));
    }
    std::fs::write(directory.path().join("notes.txt"), "not a model").expect("notes.txt");

    let output = check(directory.path());

    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let expected = format!(
        "{mixed}{OK} 0 warnings, 0 allowed)\n{upper}{OK} 0 warnings, 0 allowed)\n",
        mixed = directory.path().join("mixed.Toml").display(),
        upper = directory.path().join("upper.TOML").display(),
    );
    assert_eq!(stdout(&output), expected);
}

#[test]
fn a_link_named_toml_that_leads_nowhere_is_reported() {
    let directory = two_clean_models();
    let link = directory.path().join("m-gone.toml");
    std::os::unix::fs::symlink("removed.toml", &link).expect("a dangling link");

    let output = check(directory.path());

    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_reported(
        &output,
        &link,
        "it is a symbolic link to removed.toml, which does not exist",
    );
    assert_both_checked(&output, directory.path());
}

#[test]
fn a_fifo_named_toml_is_reported_and_never_opened() {
    let directory = two_clean_models();
    let fifo = directory.path().join("m-pipe.toml");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());

    let output = check(directory.path());

    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_reported(&output, &fifo, "it is a FIFO, not a model file");
    assert_both_checked(&output, directory.path());
}
