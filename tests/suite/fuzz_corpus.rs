//! Replays, on the stable toolchain, every input the fuzzer has kept
//! (`fuzz/corpus/load_and_calc/`) and every model shipped in the repository,
//! through the same path the fuzz target exercises. None may panic.

use rayon::prelude::*;

use crate::support::{files_with_extension, root};

#[test]
fn every_fuzz_corpus_input_and_shipped_model_runs_without_panicking() {
    let corpus = root().join("fuzz/corpus/load_and_calc");
    let mut inputs: Vec<std::path::PathBuf> = std::fs::read_dir(&corpus)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    for directory in [
        "models",
        "examples",
        "tests/fixtures/invalid",
        "tests/fixtures/crosscheck",
        "tests/fixtures/check",
        "tests/fixtures/compare",
        "tests/fixtures/hostile",
        "tests/fixtures/import",
    ] {
        inputs.extend(files_with_extension(&root().join(directory), "toml"));
    }
    assert!(
        inputs.len() > 100,
        "expected the corpus and fixtures, found {}",
        inputs.len()
    );
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
