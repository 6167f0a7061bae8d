//! The whole path a model file takes: bytes → UTF-8 → TOML → validated model
//! → figures → every output format. Any panic, hang or overflow is a bug.
//!
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run load_and_calc fuzz/corpus/load_and_calc`
//! from the repository root. Inputs that find new paths are kept in the corpus,
//! which `cargo test` replays on the stable toolchain.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    sroi::fuzz::exercise(data);
});
