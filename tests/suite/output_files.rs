//! `-o` writes where the user pointed it: into a character device or a FIFO,
//! through a symbolic link to the file it names, and never over the model
//! it reads, even when that model arrives on standard input. Only a regular
//! file (or a path where nothing exists yet) is replaced by a temporary file
//! renamed into place.
//!
//! The model is `tests/fixtures/check/clean.toml`, whose header works its
//! figures by hand: present value £92,800 for inputs of £50,000, so the
//! ratio is 92,800 / 50,000 = 1.856, written in JSON as `"ratio": 1.8560`.

#![cfg(unix)]

use std::fs::File;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::check::CLEAN;
use crate::support::{root, stderr};

/// What the JSON results of the clean model say about its ratio.
const RATIO: &str = "\"ratio\": 1.8560,";

/// Run `sroi` from the crate root with standard input from `stdin`.
fn sroi_reading(args: &[&str], output: &Path, stdin: Stdio) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sroi"))
        .args(args)
        .arg("-o")
        .arg(output)
        .current_dir(root())
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("the sroi binary runs")
}

fn sroi_to(args: &[&str], output: &Path) -> Output {
    sroi_reading(args, output, Stdio::null())
}

/// Every name in `directory`, sorted: what a run left behind.
fn entries(directory: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(directory)
        .expect("the directory can be listed")
        .map(|entry| {
            let entry = entry.expect("a directory entry");
            entry.file_name().to_string_lossy().into_owned()
        })
        .collect();
    names.sort();
    names
}

/// A character device of this test's own: a copy of /dev/null (major 1,
/// minor 3) made with mknod where that is allowed (as root), so that a
/// regression replaces this copy rather than the system's /dev/null; else
/// /dev/null itself, which a user who is not root cannot replace.
fn character_device(directory: &Path) -> PathBuf {
    let own = directory.join("null");
    let made = Command::new("mknod")
        .arg(&own)
        .args(["c", "1", "3"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if made {
        own
    } else {
        PathBuf::from("/dev/null")
    }
}

fn is_character_device(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_char_device())
}

#[test]
fn output_onto_a_character_device_is_written_into_it_and_it_stays_a_device() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let device = character_device(directory.path());
    assert!(is_character_device(&device), "{}", device.display());

    let calc = sroi_to(&["calc", CLEAN], &device);
    assert_eq!(calc.status.code(), Some(0), "{}", stderr(&calc));
    assert!(calc.stdout.is_empty());
    assert!(
        is_character_device(&device),
        "calc replaced {} with a file",
        device.display()
    );

    // `init` never replaces a file, but a device is not one to replace.
    let init = sroi_to(&["init", "A model"], &device);
    assert_eq!(init.status.code(), Some(0), "{}", stderr(&init));
    assert!(
        is_character_device(&device),
        "init replaced {} with a file",
        device.display()
    );
    assert!(is_character_device(Path::new("/dev/null")));
    // Nothing was left beside the device: only the test's own node, if made.
    if device.starts_with(directory.path()) {
        assert_eq!(entries(directory.path()), ["null"]);
    }
}

/// `cat FIFO` in the background, its output captured: a reader the test
/// can stop if nothing ever writes to the FIFO.
fn read_in_background(fifo: &Path) -> Child {
    Command::new("cat")
        .arg(fifo)
        .stdout(Stdio::piped())
        .spawn()
        .expect("cat starts")
}

/// What the reader read, once it has seen the end of the FIFO; `None` when
/// it is still waiting after 20 seconds (it is then stopped).
fn finish_reading(mut reader: Child) -> Option<String> {
    let deadline = Instant::now() + Duration::from_secs(20);
    while reader.try_wait().expect("cat can be waited for").is_none() {
        if Instant::now() > deadline {
            let _ = reader.kill();
            let _ = reader.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = reader.wait_with_output().expect("cat's output");
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn output_onto_a_fifo_goes_to_its_reader() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let fifo = directory.path().join("results.json");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let reader = read_in_background(&fifo);

    let calc = sroi_to(&["calc", CLEAN, "--format", "json"], &fifo);
    let read = finish_reading(reader);

    assert_eq!(calc.status.code(), Some(0), "{}", stderr(&calc));
    let read = read.expect("the reader of the FIFO got to the end of the output");
    assert!(read.contains(RATIO), "the reader got: {read}");
    let kind = std::fs::symlink_metadata(&fifo).expect("the FIFO is there");
    assert!(kind.file_type().is_fifo(), "the FIFO was replaced");
    assert_eq!(entries(directory.path()), ["results.json"]);
}

#[test]
fn output_through_a_symbolic_link_replaces_the_file_it_names() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let links = directory.path().join("links");
    let targets = directory.path().join("targets");
    std::fs::create_dir(&links).expect("links/");
    std::fs::create_dir(&targets).expect("targets/");
    let target = targets.join("results.json");
    std::fs::write(&target, "old").expect("the target is written");
    // A chain: latest.json -> results.json -> ../targets/results.json.
    let link = links.join("results.json");
    std::os::unix::fs::symlink("../targets/results.json", &link).expect("a link");
    let latest = links.join("latest.json");
    std::os::unix::fs::symlink("results.json", &latest).expect("a link to the link");

    for written in [&link, &latest] {
        std::fs::write(&target, "old").expect("the target is reset");
        let calc = sroi_to(&["calc", CLEAN, "--format", "json"], written);
        assert_eq!(calc.status.code(), Some(0), "{}", stderr(&calc));
        let text = std::fs::read_to_string(&target).expect("the target is readable");
        assert!(text.contains(RATIO), "{} holds: {text}", target.display());
        for kept in [&link, &latest] {
            let kind = std::fs::symlink_metadata(kept).expect("the link is there");
            assert!(
                kind.file_type().is_symlink(),
                "{} was replaced",
                kept.display()
            );
        }
        assert_eq!(
            std::fs::read_link(&link).expect("the link"),
            Path::new("../targets/results.json")
        );
        // No temporary file left beside the link or the target.
        assert_eq!(entries(&links), ["latest.json", "results.json"]);
        assert_eq!(entries(&targets), ["results.json"]);
    }
}

#[test]
fn a_model_on_standard_input_is_not_overwritten_by_the_output() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let model = directory.path().join("m.toml");
    std::fs::copy(root().join(CLEAN), &model).expect("the model is copied");
    let before = std::fs::read(&model).expect("the model is readable");

    let stdin = File::open(&model).expect("the model opens");
    let calc = sroi_reading(&["calc", "-"], &model, Stdio::from(stdin));

    assert_eq!(calc.status.code(), Some(2), "{}", stderr(&calc));
    assert!(
        stderr(&calc).contains("refusing to overwrite the model"),
        "{}",
        stderr(&calc)
    );
    assert_eq!(
        std::fs::read(&model).expect("the model is readable"),
        before
    );
    assert_eq!(entries(directory.path()), ["m.toml"]);
}

#[test]
fn a_new_model_is_not_created_through_a_dangling_link() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let link = directory.path().join("model.toml");
    std::os::unix::fs::symlink("elsewhere/new.toml", &link).expect("a link");
    std::fs::create_dir(directory.path().join("elsewhere")).expect("elsewhere/");

    let init = sroi_to(&["init", "A model"], &link);

    assert_eq!(init.status.code(), Some(2), "{}", stderr(&init));
    let message = stderr(&init);
    let target = directory.path().join("elsewhere/new.toml");
    assert!(
        message.contains(&format!(
            "cannot write {}: it is a symbolic link to {}, which does not exist",
            link.display(),
            target.display()
        )),
        "{message}"
    );
    assert!(entries(&directory.path().join("elsewhere")).is_empty());
    let kind = std::fs::symlink_metadata(&link).expect("the link is there");
    assert!(kind.file_type().is_symlink());
}
