//! The whole run as one JSON object for programs:
//!
//! ```json
//! { "passed": false, "exit_code": 1,
//!   "files": [ { "path": "models/x.toml", "status": "failed", "ratio": 3.6419,
//!                "errors": 1, "warnings": 0, "allowed": 1,
//!                "findings": [ { "code": "SROI401", "name": "published-not-reproduced",
//!                                "severity": "error", "path": "models/x.toml",
//!                                "line": 12, "column": 17, "end_line": 12, "end_column": 26,
//!                                "message": "…", "hint": "…", "denied_by": null,
//!                                "allowed": null } ] } ] }
//! ```
//!
//! `status` is `ok`, `failed`, `invalid` (the model does not load; its
//! problems are findings with code SROI000) or `unreadable`. An accepted
//! finding carries `allowed: { "by": "model" | "command line", "reason" }`.
//! With `--quiet`, only findings that fail the check are listed; the counts
//! and statuses are always complete.

use serde::Serialize;

use super::{Counts, location};
use crate::check::{Allowed, FileCheck, Finding, Severity, Verdict};
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::report::json::Number;

#[derive(Serialize)]
struct Document<'a> {
    passed: bool,
    exit_code: u8,
    files: Vec<FileJson<'a>>,
}

#[derive(Serialize)]
struct FileJson<'a> {
    path: &'a str,
    /// The scenario checked, when `--scenario` named one.
    #[serde(skip_serializing_if = "Option::is_none")]
    scenario: Option<&'a str>,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    ratio: Option<Number>,
    errors: usize,
    warnings: usize,
    allowed: usize,
    findings: Vec<FindingJson<'a>>,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    hint: Option<&'a str>,
    denied_by: Option<&'a str>,
    allowed: Option<AllowedJson<'a>>,
}

#[derive(Serialize)]
struct AllowedJson<'a> {
    by: &'static str,
    reason: &'a str,
}

/// The document for every file checked: `verdict` is theirs together, and
/// `exit_code` the one the command exits with for it.
pub fn render(checks: &[FileCheck], quiet: bool, verdict: Verdict, exit_code: u8) -> String {
    let document = Document {
        passed: verdict == Verdict::Passed,
        exit_code,
        files: checks.iter().map(|check| file(check, quiet)).collect(),
    };
    crate::report::json::pretty(&document)
}

fn file(check: &FileCheck, quiet: bool) -> FileJson<'_> {
    match check {
        FileCheck::Unreadable { path, error } => FileJson {
            path,
            scenario: None,
            status: "unreadable",
            error: Some(error),
            ratio: None,
            errors: 0,
            warnings: 0,
            allowed: 0,
            findings: Vec::new(),
        },
        FileCheck::Invalid {
            source,
            diagnostics,
        } => FileJson {
            path: &source.name,
            scenario: None,
            status: "invalid",
            error: None,
            ratio: None,
            errors: diagnostics.items.len(),
            warnings: 0,
            allowed: 0,
            findings: diagnostics
                .items
                .iter()
                .map(|d| problem(source, d))
                .collect(),
        },
        FileCheck::Linted {
            source,
            scenario,
            ratio,
            findings,
        } => {
            let counts = Counts::of(findings);
            FileJson {
                path: &source.name,
                scenario: scenario.as_deref(),
                status: if check.verdict() == Verdict::Passed {
                    "ok"
                } else {
                    "failed"
                },
                error: None,
                ratio: ratio.map(Number::ratio),
                errors: counts.errors,
                warnings: counts.warnings,
                allowed: counts.allowed,
                findings: findings
                    .iter()
                    .filter(|f| !quiet || f.fails())
                    .map(|f| finding(source, f))
                    .collect(),
            }
        }
    }
}

fn finding<'a>(source: &'a SourceFile, f: &'a Finding) -> FindingJson<'a> {
    let [line, column, end_line, end_column] = location(source, &f.span);
    FindingJson {
        code: f.code.id(),
        name: f.code.lint().name,
        severity: f.severity.as_str(),
        path: &source.name,
        line,
        column,
        end_line,
        end_column,
        message: &f.message,
        hint: f.hint.as_deref(),
        denied_by: f.denied_by.as_deref(),
        allowed: f.allowed.as_ref().map(|a| AllowedJson {
            by: match a {
                Allowed::ByModel { .. } => "model",
                Allowed::ByCommandLine => "command line",
            },
            reason: a.reason(),
        }),
    }
}

/// A problem that keeps the model from loading, as a finding under its own code.
fn problem<'a>(source: &'a SourceFile, d: &'a Diagnostic) -> FindingJson<'a> {
    let [line, column, end_line, end_column] = location(source, &d.span);
    FindingJson {
        code: d.code.id(),
        name: d.code.name(),
        severity: Severity::Error.as_str(),
        path: &source.name,
        line,
        column,
        end_line,
        end_column,
        message: &d.message,
        hint: d.hint.as_deref(),
        denied_by: None,
        allowed: None,
    }
}
