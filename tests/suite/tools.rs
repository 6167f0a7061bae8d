//! The helpers around the model: `init`, shell completions, the manual page.

use crate::support::{sroi, sroi_with_stdin, stderr, stdout};

#[test]
fn init_writes_a_starter_model_that_calc_accepts() {
    let model = stdout(&sroi(&["init", "Befriending in Anytown"]));
    assert!(
        model.contains("name = \"Befriending in Anytown\""),
        "{model}"
    );
    let output = sroi_with_stdin(&["calc", "-", "--format", "json"], &model);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn init_escapes_the_name_it_is_given() {
    let model = stdout(&sroi(&["init", "A \"quoted\" name\\"]));
    let output = sroi_with_stdin(&["calc", "-", "--format", "json"], &model);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    assert_eq!(json["analysis"]["name"], "A \"quoted\" name\\");
}

#[test]
fn init_never_overwrites_an_existing_file() -> std::io::Result<()> {
    let directory = tempfile::tempdir()?;
    let path = directory.path().join("model.toml");
    let path_text = path.to_str().unwrap_or_default();
    assert_eq!(sroi(&["init", "-o", path_text]).status.code(), Some(0));
    std::fs::write(&path, "# my work")?;
    let again = sroi(&["init", "-o", path_text]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path)?, "# my work");
    Ok(())
}

#[test]
fn completions_and_the_manual_page_cover_the_commands() {
    let bash = stdout(&sroi(&["completions", "bash"]));
    assert!(bash.contains("calc") && bash.contains("--format"), "{bash}");
    let man = stdout(&sroi(&["man"]));
    assert!(man.starts_with(".ie") && man.contains("calc"), "{man}");
}

#[test]
fn the_starter_model_computes_and_passes_every_check_when_written_to_a_file() -> std::io::Result<()>
{
    let directory = tempfile::tempdir()?;
    let path = directory.path().join("starter.toml");
    let path_text = path.to_str().expect("a UTF-8 temporary path");
    let init = sroi(&["init", "Befriending in Anytown", "-o", path_text]);
    assert_eq!(init.status.code(), Some(0), "{}", stderr(&init));
    let calc = sroi(&["calc", path_text]);
    assert_eq!(calc.status.code(), Some(0), "{}", stderr(&calc));
    assert_eq!(stderr(&calc), "");
    // Every lint passes with warnings denied: an analyst's first `sroi check`
    // must not fail on the template itself.
    let check = sroi(&["check", "--deny", "warnings", path_text]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert_eq!(stderr(&check), "");
    Ok(())
}

#[test]
fn each_command_has_a_manual_page_and_its_help_ends_with_examples() -> std::io::Result<()> {
    let calc = stdout(&sroi(&["man", "calc"]));
    // clap_mangen titles a subcommand's page by its full name, sroi-calc(1).
    assert!(calc.contains(".TH sroi-calc 1"), "{calc}");
    assert!(
        calc.contains("\\-\\-scenario") && calc.contains("\\-\\-format"),
        "{calc}"
    );
    assert!(calc.contains("sroi calc models/thurrock.toml"), "{calc}");
    let sroi_page = stdout(&sroi(&["man"]));
    assert!(sroi_page.contains("Exit codes:"), "{sroi_page}");
    let unknown = sroi(&["man", "nope"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("the commands are calc, sensitivity"));

    let directory = tempfile::tempdir()?;
    let pages = directory.path().join("man1");
    let written = sroi(&["man", "--dir", pages.to_str().unwrap_or_default()]);
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    // sroi.1 and one page for each of the 13 commands.
    assert_eq!(std::fs::read_dir(&pages)?.count(), 14);
    assert!(pages.join("sroi-compare.1").is_file());

    for command in [
        "calc",
        "sensitivity",
        "simulate",
        "compare",
        "check",
        "report",
        "chart",
        "export",
        "import",
        "init",
        "schema",
        "completions",
        "man",
    ] {
        let help = stdout(&sroi(&[command, "--help"]));
        let examples = help
            .split_once("Examples:\n")
            .map(|(_, rest)| rest)
            .unwrap_or_default();
        let shown = examples
            .lines()
            .take_while(|line| line.starts_with("  sroi "))
            .count();
        assert!((2..=3).contains(&shown), "{command}: {help}");
    }
    Ok(())
}
