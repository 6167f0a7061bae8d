//! `sroi check`: does a model still hold up? First the model must load and
//! compute, exactly as for `sroi calc`; then lints tied to the SROI
//! principles look for over-claiming, missing evidence, gaps in the map and
//! published figures the model no longer reproduces.
//!
//! Lints report at their default severity; a [`Policy`] (the command line's
//! `--deny`, `--allow` and `--min-ratio`, and the model's own `[check]`
//! table) then decides what each finding means. The verdict comes from the
//! findings alone, never from how they are displayed.

pub mod codes;
mod completeness;
pub mod files;
mod overclaiming;
mod policy;
mod published;
mod transparency;

use std::path::Path;

use rust_decimal::Decimal;

use crate::calc::{self, Results};
use crate::diagnostic::{Diagnostic, Diagnostics, ErrorCode, SourceFile, Span};
use crate::exit::Exit;
use crate::model::{self, LoadError, Model};

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

impl FileCheck {
    /// The exit code this file alone calls for (spec section 4).
    pub fn exit(&self) -> Exit {
        match self {
            FileCheck::Unreadable { .. } => Exit::Error,
            FileCheck::Invalid { .. } => Exit::Failure,
            FileCheck::Linted { findings, .. } if findings.iter().any(Finding::fails) => {
                Exit::Failure
            }
            FileCheck::Linted { .. } => Exit::Success,
        }
    }
}

/// Load, compute and lint the model at `path` under `policy`, or its
/// scenario `scenario` when one is named: a model without it cannot be
/// checked as asked (like an unreadable path, exit 2), and the scenario's
/// model has no `[published]` figures to reproduce (`scenario::shown`).
pub fn check_file(path: &Path, policy: &Policy, scenario: Option<&str>) -> FileCheck {
    let (source, model) = match model::load_file(path, model::Limits::default()) {
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
    match calc::calculate(&model) {
        Ok(results) => FileCheck::Linted {
            scenario: model.analysis.scenario.as_ref().map(|s| s.name.clone()),
            ratio: Some(results.ratio),
            findings: policy.apply(&model, lint(&model, &results, policy.min_ratio)),
            source,
        },
        Err(diagnostic) => invalid(source, diagnostic),
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
