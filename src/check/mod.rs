//! `sroi check`: does a model still hold up? First the model must load and
//! compute, exactly as for `sroi calc`; then lints tied to the SROI
//! principles look for over-claiming, missing evidence, gaps in the map and
//! published figures the model no longer reproduces.
//!
//! Lints report at their default severity; a [`Policy`] (the command line's
//! `--deny`, `--allow` and `--min-ratio`, and the model's own `[check]`
//! table) then decides what each finding means. The verdict comes from the
//! findings alone, never from how they are displayed.

mod completeness;
pub mod files;
mod overclaiming;
mod policy;
pub mod published;
mod transparency;

use std::path::Path;

use rust_decimal::Decimal;

use crate::calc::{self, Results};
use crate::diagnostic::{Diagnostic, Diagnostics, ErrorCode, SourceFile, Span};
use crate::model::{self, LoadError, Model};
use crate::scenario;

/// The lint table lives beside the error codes, so the model can read a
/// `[check]` table without reaching up into the checks.
pub use crate::diagnostic::lint as codes;
pub use codes::{Code, Severity};
pub use policy::{Allowed, Denial, Policy, PolicyError, parse_min_ratio};

/// One thing a lint found, located in the model file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    /// After the policy: a denied warning is an error.
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    pub hint: Option<String>,
    /// Why a warning was escalated, when it was (`--deny warnings`).
    pub denied_by: Option<String>,
    /// Set when the finding is accepted and does not count against the model.
    pub allowed: Option<Allowed>,
}

impl Finding {
    pub fn new(
        code: Code,
        span: Span,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Finding {
            code,
            severity: code.severity(),
            span,
            message: message.into(),
            hint: Some(hint.into()),
            denied_by: None,
            allowed: None,
        }
    }

    /// Whether this finding fails the check.
    pub fn fails(&self) -> bool {
        self.allowed.is_none() && self.severity == Severity::Error
    }
}

/// What checking one path came to.
#[derive(Debug, Clone)]
pub enum FileCheck {
    /// The path could not be read at all.
    Unreadable { path: String, error: String },
    /// The model does not load or compute: the diagnostics of `sroi calc`.
    Invalid {
        source: SourceFile,
        diagnostics: Diagnostics,
    },
    /// The model loads; these are the lints' findings, policy applied.
    Linted {
        source: SourceFile,
        /// The scenario checked (`--scenario`), or `None` for the model as written.
        scenario: Option<String>,
        ratio: Option<Decimal>,
        findings: Vec<Finding>,
    },
}

/// What a check comes to, from best to worst, so that the verdict over
/// several files is the greatest of theirs. Which exit code each calls for
/// is the command's business (spec section 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// The model loads and every check passed.
    Passed,
    /// The model is invalid, or a check failed.
    Failed,
    /// The path could not be read as a model at all.
    Unreadable,
}

impl FileCheck {
    /// What this file's check alone comes to.
    pub fn verdict(&self) -> Verdict {
        match self {
            FileCheck::Unreadable { .. } => Verdict::Unreadable,
            FileCheck::Invalid { .. } => Verdict::Failed,
            FileCheck::Linted { findings, .. } if findings.iter().any(Finding::fails) => {
                Verdict::Failed
            }
            FileCheck::Linted { .. } => Verdict::Passed,
        }
    }
}

/// Load, compute and lint the model at `path` under `policy`, or its
/// scenario `scenario` when one is named: a model without it cannot be
/// checked as asked (like an unreadable path, exit 2), and the scenario's
/// model has no `[published]` figures to reproduce (`scenario::shown`).
pub fn check_file(path: &Path, policy: &Policy, scenario: Option<&str>) -> FileCheck {
    let (source, model) = match scenario::load_validated(path, model::Limits::default()) {
        Ok(loaded) => loaded,
        Err(LoadError::Unreadable { path, error }) => {
            return FileCheck::Unreadable {
                path,
                error: error.to_string(),
            };
        }
        Err(LoadError::TooLarge { path, limit }) => {
            let message = format!(
                "the file is larger than the limit of {} MiB for a model",
                limit / (1024 * 1024)
            );
            return invalid(
                SourceFile::new(path, ""),
                Diagnostic::new(ErrorCode::OverLimit, 0..0, message),
            );
        }
        Err(LoadError::Invalid {
            source,
            diagnostics,
        }) => {
            return FileCheck::Invalid {
                source,
                diagnostics,
            };
        }
    };
    let model = match scenario {
        None => model,
        Some(name) => match crate::scenario::shown(&model, name) {
            Ok(shown) => shown,
            Err(crate::scenario::Unshown::Unknown { name, declared }) => {
                return FileCheck::Unreadable {
                    path: source.name,
                    error: crate::scenario::Unshown::unknown_message(&name, &declared),
                };
            }
            Err(crate::scenario::Unshown::Invalid(diagnostic)) => {
                return invalid(source, diagnostic);
            }
        },
    };
    let results = match calc::calculate(&model) {
        Ok(results) => results,
        Err(diagnostic) => return invalid(source, diagnostic),
    };
    // A scenario the model declares but no command could compute would fail
    // `report`, `sensitivity` and `export` later: the check fails it now, at
    // the scenario, so that a gate on `sroi check` covers every figure.
    let unworkable: Vec<Diagnostic> = scenario::evaluate_all(&model)
        .filter_map(|(_, evaluated)| evaluated.err())
        .collect();
    if !unworkable.is_empty() {
        return FileCheck::Invalid {
            source,
            diagnostics: Diagnostics::sorted(unworkable),
        };
    }
    FileCheck::Linted {
        scenario: model.analysis.scenario.as_ref().map(|s| s.name.clone()),
        ratio: Some(results.ratio),
        findings: policy.apply(&model, lint(&model, &results, policy.min_ratio)),
        source,
    }
}

fn invalid(source: SourceFile, diagnostic: Diagnostic) -> FileCheck {
    FileCheck::Invalid {
        source,
        diagnostics: Diagnostics::sorted(vec![diagnostic]),
    }
}

/// Every lint's findings at default severity, in the order they appear in the file.
pub fn lint(model: &Model, results: &Results, min_ratio: Option<Decimal>) -> Vec<Finding> {
    let mut findings = Vec::new();
    overclaiming::lint(model, results, &mut findings);
    transparency::lint(model, &mut findings);
    completeness::lint(model, &mut findings);
    published::lint(model, results, min_ratio, &mut findings);
    findings.sort_by_key(|f| (f.span.start, f.code));
    findings
}

/// Where a finding about the model as a whole points: its `[analysis]` table.
fn model_span(model: &Model) -> Span {
    model.spans.of("analysis")
}

#[cfg(test)]
mod tests;
