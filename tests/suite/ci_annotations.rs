//! `sroi check --format github` in a CI log: the runner reads every line that
//! starts with `::` as a workflow command, so a model (or its file name) that
//! holds a newline followed by `::warning::` must not be able to add an
//! annotation, hide one or end a property early. Every line that starts with
//! `::` must be one of our annotations, with every property and message
//! escaped as the runner expects, and every file property must decode to
//! the path of a file that was checked (the runner encodes CR and LF; other
//! control characters are shown escaped, `\u{1b}`, as everywhere).

use std::path::Path;

use crate::support::sroi;

const HOSTILE: &str = "tests/fixtures/hostile/control-characters.toml";
const HOSTILE_INVALID: &str = "tests/fixtures/hostile/control-characters-invalid.toml";
const WARNED: &str = "tests/fixtures/compare/a.toml";
const ACCEPTED: &str = "tests/fixtures/check/accepted.toml";

/// The properties our annotations carry.
const PROPERTIES: [&str; 6] = ["file", "line", "col", "endLine", "endColumn", "title"];

/// What the runner decodes in a property or a message.
fn unescape(text: &str) -> String {
    text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

/// Check that `line` is an annotation of ours, escaped for the runner, and
/// give back the file it annotates.
fn annotated_file(line: &str) -> Result<Option<String>, String> {
    let rest = line
        .strip_prefix("::error ")
        .or_else(|| line.strip_prefix("::warning "))
        .ok_or("not an error or warning annotation with properties")?;
    let (properties, message) = rest
        .split_once("::")
        .ok_or("no `::` between the properties and the message")?;
    if message.chars().any(char::is_control) {
        return Err("a raw control character in the message".to_owned());
    }
    let mut file = None;
    for property in properties.split(',') {
        let (key, value) = property
            .split_once('=')
            .ok_or_else(|| format!("property {property:?} is not key=value"))?;
        if !PROPERTIES.contains(&key) {
            return Err(format!("unknown property {key:?}"));
        }
        if value.contains(':') || value.chars().any(char::is_control) {
            return Err(format!("property {key} is not escaped: {value:?}"));
        }
        if key == "file" {
            file = Some(unescape(value));
        }
    }
    Ok(file)
}

/// Run `sroi check --format github` and check every line it prints: the
/// runner reads standard error for commands too.
fn assert_no_forged_commands(args: &[&str], checked: &[String]) {
    let output = sroi(args);
    let mut text = String::from_utf8(output.stdout).expect("UTF-8 output");
    text.push_str(&String::from_utf8(output.stderr).expect("UTF-8 output"));
    assert!(!text.is_empty(), "{args:?} printed nothing");
    for line in text
        .lines()
        .filter(|line| line.trim_start().starts_with("::"))
    {
        match annotated_file(line) {
            Ok(Some(file)) => assert!(
                checked.iter().any(|path| as_annotated(path) == file),
                "{args:?}: an annotation of {file:?}, which was not checked:\n{line}"
            ),
            Ok(None) => {}
            Err(problem) => panic!("{args:?}: {problem}:\n{line}\n--- whole output\n{text}"),
        }
    }
}

/// A path as its annotation names it: only CR and LF can be percent-encoded.
fn as_annotated(path: &str) -> String {
    path.chars()
        .map(|c| match c {
            '\r' | '\n' => c.to_string(),
            c if c.is_control() => c.escape_debug().to_string(),
            c => c.to_string(),
        })
        .collect()
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

#[test]
fn a_file_name_cannot_inject_a_workflow_command() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let mut checked = Vec::new();
    for (model, name) in [
        (WARNED, "warned\n::warning::forged, title=x.toml"),
        (ACCEPTED, "accepted\r\n::error file=a.toml::forged.toml"),
        (HOSTILE_INVALID, "invalid\n::error::forged\u{1b}[31m.toml"),
    ] {
        let path = directory.path().join(name);
        std::fs::copy(model, &path).expect("the model is copied");
        checked.push(shown(&path));
    }
    let dir = shown(directory.path());
    assert_no_forged_commands(&["check", &dir, "--format", "github"], &checked);
    // The same file names given one by one, and with only what fails.
    let mut args = vec!["check", "--format", "github", "--quiet"];
    args.extend(checked.iter().map(String::as_str));
    assert_no_forged_commands(&args, &checked);
}

#[test]
fn a_relative_path_that_starts_with_a_workflow_command_is_shown_as_the_same_file_under_dot() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let name = "::warning::forged.toml";
    std::fs::copy(ACCEPTED, directory.path().join(name)).expect("the model is copied");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_sroi"))
        .args(["check", "--format", "github", name])
        .current_dir(directory.path())
        .output()
        .expect("sroi runs");
    let text = String::from_utf8(output.stdout).expect("UTF-8 output");
    assert_eq!(
        text.lines().next(),
        Some("./::warning::forged.toml: ok (ratio 1.86, 0 warnings, 1 allowed)"),
        "{text}"
    );
}

#[test]
fn a_path_that_cannot_be_read_cannot_inject_a_workflow_command() {
    let missing = "missing\n::error::forged.toml";
    assert_no_forged_commands(
        &["check", missing, "--format", "github"],
        &[missing.to_owned()],
    );
}

#[test]
fn model_text_cannot_inject_a_workflow_command() {
    for model in [HOSTILE, HOSTILE_INVALID] {
        assert_no_forged_commands(&["check", model, "--format", "github"], &[model.to_owned()]);
    }
}

#[test]
fn the_checker_of_annotations_finds_a_forged_one() {
    assert!(annotated_file("::warning::forged").is_err());
    assert!(annotated_file("::error title=a:b::m").is_err());
    assert!(annotated_file("::error file=a,evil=1::m").is_err());
    assert_eq!(
        annotated_file("::error file=a%0A%3Ab.toml,line=1::m"),
        Ok(Some("a\n:b.toml".to_owned()))
    );
}
