//! Replays, on the stable toolchain, every input the fuzzer has kept
//! (`fuzz/corpus/load_and_calc/`) and every model shipped in the repository,
//! through the same path the fuzz target exercises. None may panic.
//!
//! The corpus and the fuzzer's dictionary are held in step with the
//! repository: every fixture seeds the corpus, and the dictionary names every
//! key and choice of the format, so that mutations start from valid models.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::support::{files_with_extension, root};

/// Far fewer kept inputs than this means the corpus is missing or was cut by
/// accident; `cargo fuzz cmin` kept 3,831 and every fixture seeds more.
const CORPUS_AT_LEAST: usize = 3_000;

/// Every directory of models shipped in the repository.
const MODEL_DIRECTORIES: [&str; 8] = [
    "models",
    "examples",
    "tests/fixtures/invalid",
    "tests/fixtures/crosscheck",
    "tests/fixtures/check",
    "tests/fixtures/compare",
    "tests/fixtures/hostile",
    "tests/fixtures/import",
];

fn corpus_directory() -> PathBuf {
    root().join("fuzz/corpus/load_and_calc")
}

fn corpus() -> Vec<PathBuf> {
    let directory = corpus_directory();
    let entries = std::fs::read_dir(&directory).unwrap_or_else(|error| {
        panic!(
            "the fuzz corpus {} cannot be listed: {error}",
            directory.display()
        )
    });
    entries
        .map(|entry| entry.expect("a readable corpus entry").path())
        .collect()
}

/// Every `.toml` file under `directory`, at any depth.
fn toml_files_below(directory: &Path) -> Vec<PathBuf> {
    let mut found = files_with_extension(directory, "toml");
    for entry in std::fs::read_dir(directory).expect("a readable fixture directory") {
        let path = entry.expect("a readable fixture entry").path();
        if path.is_dir() {
            found.extend(toml_files_below(&path));
        }
    }
    found
}

#[test]
fn the_fuzz_corpus_is_present() {
    let kept = corpus().len();
    assert!(
        kept >= CORPUS_AT_LEAST,
        "the fuzz corpus holds {kept} inputs, expected at least {CORPUS_AT_LEAST}"
    );
}

#[test]
fn every_fixture_seeds_the_fuzz_corpus() {
    let kept: HashSet<Vec<u8>> = corpus()
        .iter()
        .map(|input| std::fs::read(input).expect("a readable corpus input"))
        .collect();
    let missing: Vec<String> = toml_files_below(&root().join("tests/fixtures"))
        .into_iter()
        .filter(|fixture| !kept.contains(&std::fs::read(fixture).expect("a readable fixture")))
        .map(|fixture| fixture.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "fixtures missing from fuzz/corpus/load_and_calc (copy each in under its SHA-1, \
         as libFuzzer names inputs): {missing:?}"
    );
}

#[test]
fn the_fuzz_dictionary_names_every_key_and_choice_of_the_format() {
    let dictionary = std::fs::read_to_string(root().join("fuzz/load_and_calc.dict"))
        .expect("fuzz/load_and_calc.dict is readable");
    let entries: HashSet<&str> = dictionary
        .lines()
        .filter(|line| line.starts_with('"'))
        .collect();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("sroi.schema.json")).expect("the schema is readable"),
    )
    .expect("the schema is JSON");
    let (mut keys, mut choices) = (Vec::new(), Vec::new());
    collect_keys_and_choices(&schema, &mut keys, &mut choices);
    keys.sort();
    keys.dedup();
    choices.sort();
    choices.dedup();
    assert!(
        keys.len() > 40,
        "expected the format's keys, found {keys:?}"
    );
    let wanted = keys
        .iter()
        .map(|key| format!("\"{key} = \""))
        .chain(choices.iter().map(|choice| format!("\"\\\"{choice}\\\"\"")));
    let missing: Vec<String> = wanted
        .filter(|entry| !entries.contains(entry.as_str()))
        .collect();
    assert!(missing.is_empty(), "the fuzz dictionary lacks {missing:?}");
}

/// The property names and the enumerated string values anywhere in a JSON Schema.
fn collect_keys_and_choices(
    schema: &serde_json::Value,
    keys: &mut Vec<String>,
    choices: &mut Vec<String>,
) {
    match schema {
        serde_json::Value::Object(object) => {
            for (name, value) in object {
                match (name.as_str(), value) {
                    ("properties", serde_json::Value::Object(properties)) => {
                        keys.extend(properties.keys().cloned());
                    }
                    ("enum", serde_json::Value::Array(values)) => {
                        choices.extend(values.iter().filter_map(|v| v.as_str().map(String::from)));
                    }
                    ("const", serde_json::Value::String(value)) => choices.push(value.clone()),
                    _ => {}
                }
                collect_keys_and_choices(value, keys, choices);
            }
        }
        serde_json::Value::Array(values) => {
            for value in values {
                collect_keys_and_choices(value, keys, choices);
            }
        }
        _ => {}
    }
}

#[test]
fn every_fuzz_corpus_input_and_shipped_model_runs_without_panicking() {
    let mut inputs = corpus();
    for directory in MODEL_DIRECTORIES {
        inputs.extend(files_with_extension(&root().join(directory), "toml"));
    }
    // On every core: the inputs are independent, and there are thousands.
    let panicked: Vec<String> = inputs
        .par_iter()
        .filter(|input| {
            let bytes = std::fs::read(input).unwrap_or_default();
            std::panic::catch_unwind(|| sroi::fuzz::exercise(&bytes)).is_err()
        })
        .map(|input| input.display().to_string())
        .collect();
    assert!(panicked.is_empty(), "panicked on {panicked:?}");
}
