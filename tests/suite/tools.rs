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
