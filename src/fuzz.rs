//! The entry point shared by the fuzz target (`fuzz/`) and the test that
//! replays its corpus on the stable toolchain, so both agree on what "the
//! whole path a model file takes" means.

use crate::calc::{Results, calculate};
use crate::diagnostic::SourceFile;
use crate::model::{Limits, Model};
use crate::report::check::CheckFormat;
use crate::scenario::parse_validated;
use crate::{check, compare, report};

/// Run bytes through everything a model file goes through, discarding the
/// results: for the fuzz target and the test that replays its corpus, which
/// must agree on what "everything" is.
pub fn exercise(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let source = SourceFile::new("fuzz.toml", text);
    let model = match parse_validated(&source, Limits::DEFAULT) {
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
        std::hint::black_box(report::svg::distribution::render(&model, &results));
        std::hint::black_box(report::svg::years::render(&model, &results));
        let _ = std::hint::black_box(report::export::render(
            report::export::ExportFormat::Xlsx,
            &model,
            &results,
        ));
        exercise_check(&source, &model, &results);
        exercise_compare(&source, &model);
        exercise_uncertainty(&model, &results);
    }
}

/// Lint the model under the strictest policy and render the findings in
/// every format.
fn exercise_check(source: &SourceFile, model: &Model, results: &Results) {
    let policy = check::Policy {
        deny_warnings: true,
        min_ratio: Some(rust_decimal::Decimal::ONE),
        ..check::Policy::default()
    };
    let findings = policy.apply(model, check::lint(model, results, policy.min_ratio));
    let checked = check::FileCheck::Linted {
        source: source.clone(),
        scenario: None,
        ratio: Some(results.ratio),
        findings,
    };
    for format in [CheckFormat::Text, CheckFormat::Github] {
        std::hint::black_box(report::check::file(format, &checked, false));
    }
    std::hint::black_box(report::check::json(
        std::slice::from_ref(&checked),
        false,
        checked.verdict(),
        1,
    ));
}

/// Compare the model with itself, as it is and under its own conventions,
/// in every format.
fn exercise_compare(source: &SourceFile, model: &Model) {
    let subject = compare::Subject {
        path: source.name.clone(),
        model: model.clone(),
    };
    let subjects = [subject.clone(), subject];
    for same_conventions in [false, true] {
        if let Ok(comparison) = compare::compare(&subjects, same_conventions) {
            for format in [
                report::Format::Table,
                report::Format::Json,
                report::Format::Csv,
                report::Format::Markdown,
            ] {
                let _ = std::hint::black_box(report::compare::render(format, &comparison));
            }
        }
    }
}

/// Vary every assumption, find every switching value, and run a short
/// simulation: the arithmetic most likely to meet an extreme value.
fn exercise_uncertainty(model: &Model, results: &Results) {
    let target = rust_decimal::Decimal::ONE;
    let analysis = crate::sensitivity::analyse(
        model,
        results,
        &crate::sensitivity::Steps::default(),
        target,
    );
    if let (Ok(analysis), Ok(scenarios)) =
        (&analysis, report::sensitivity::scenarios(model, results))
    {
        let report = report::sensitivity::Report {
            model,
            analysis,
            scenarios,
            top: 0,
        };
        for format in [
            report::Format::Table,
            report::Format::Json,
            report::Format::Csv,
            report::Format::Markdown,
        ] {
            let _ = std::hint::black_box(report::sensitivity::render(format, &report));
        }
        std::hint::black_box(report::html::render(results, &report));
        std::hint::black_box(report::svg::tornado::render(model, analysis));
    }
    let settings = crate::simulate::Settings {
        draws: 64,
        seed: 1,
        target,
        sobol: true,
        samples: true,
    };
    let progress = std::sync::atomic::AtomicU64::new(0);
    std::hint::black_box(crate::simulate::simulate(
        model, results, &settings, &progress,
    ))
    .ok();
}
