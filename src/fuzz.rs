//! The entry point shared by the fuzz target (`fuzz/`) and the test that
//! replays its corpus on the stable toolchain, so both agree on what "the
//! whole path a model file takes" means.

use crate::calc::calculate;
use crate::diagnostic::SourceFile;
use crate::model::{Limits, parse_model};
use crate::report;

/// Run bytes through everything a model file goes through, discarding the
/// results: for the fuzz target and the test that replays its corpus, which
/// must agree on what "everything" is.
pub fn exercise(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let source = SourceFile::new("fuzz.toml", text);
    let model = match parse_model(&source, Limits::DEFAULT) {
        Ok(model) => model,
        Err(diagnostics) => {
            std::hint::black_box(diagnostics.render(&source));
            return;
        }
    };
    if let Ok(results) = calculate(&model) {
        for format in [
            report::Format::Table,
            report::Format::Json,
            report::Format::Csv,
            report::Format::Markdown,
        ] {
            let _ = std::hint::black_box(report::render(format, &model, &results));
        }
    }
}
