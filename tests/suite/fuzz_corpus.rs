//! Replays, on the stable toolchain, every input the fuzzer has kept
//! (`fuzz/corpus/load_and_calc/`) and every model shipped in the repository,
//! through the same path the fuzz target exercises. None may panic.

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
    ] {
        inputs.extend(files_with_extension(&root().join(directory), "toml"));
    }
    assert!(
        inputs.len() > 100,
        "expected the corpus and fixtures, found {}",
        inputs.len()
    );
    for input in inputs {
        let bytes = std::fs::read(&input).unwrap_or_default();
        let outcome = std::panic::catch_unwind(|| sroi::fuzz::exercise(&bytes));
        assert!(outcome.is_ok(), "{} panicked", input.display());
    }
}
