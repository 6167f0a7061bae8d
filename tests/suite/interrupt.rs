//! Ctrl-C in the middle of a run: the run ends at once with the shell's code
//! for an interrupt (130), and leaves no file behind, finished or not.

#![cfg(unix)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::root;

#[test]
fn an_interrupted_run_exits_130_and_leaves_no_file_behind() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let output = directory.path().join("simulation.json");
    let mut child = Command::new(env!("CARGO_BIN_EXE_sroi"))
        .args([
            "simulate",
            "models/derby.toml",
            "--draws",
            "10000000",
            "--format",
            "json",
            "-o",
        ])
        .arg(&output)
        .current_dir(root())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("sroi starts");
    // Long enough for the handler to be installed and the draws to begin;
    // ten million draws take far longer than this in a debug build.
    std::thread::sleep(Duration::from_millis(500));
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child can be waited for") {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "sroi did not stop on Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(130));
    let left: Vec<_> = std::fs::read_dir(directory.path())
        .expect("the directory is readable")
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}
