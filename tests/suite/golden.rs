//! Golden output of `sroi calc` on the bundled models, in every format, kept
//! in `tests/golden/`. A change to any figure or layout shows up as a diff to
//! review; `SROI_BLESS=1 cargo test` rewrites the files after such a review.

use crate::support::{assert_matches_file, root, sroi, stderr, stdout};

const MODELS: [&str; 2] = ["thurrock", "derby"];
const FORMATS: [(&str, &str); 4] = [
    ("table", "txt"),
    ("json", "json"),
    ("csv", "csv"),
    ("markdown", "md"),
];

#[test]
fn calc_output_of_the_bundled_models_matches_the_golden_files() {
    for model in MODELS {
        for (format, extension) in FORMATS {
            let path = format!("models/{model}.toml");
            let output = sroi(&["calc", &path, "--format", format]);
            assert_eq!(
                output.status.code(),
                Some(0),
                "{path} {format}: {}",
                stderr(&output)
            );
            let golden = root().join(format!("tests/golden/{model}.{extension}"));
            assert_matches_file(&stdout(&output), &golden);
        }
    }
}
