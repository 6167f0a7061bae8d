//! `sroi check` in each format: text for people (findings located and quoted
//! like compiler errors, then one summary line per file), JSON for programs,
//! and GitHub Actions workflow commands that annotate the pull request.
//!
//! Every format shows the same findings and none decides anything: the
//! verdict is settled before rendering, so `--format` and `--quiet` change
//! what is printed, never the exit code.

mod github;
mod json;
mod text;

use crate::check::{FileCheck, Finding, Verdict};
use crate::diagnostic::SourceFile;

/// How `sroi check` writes its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Located messages with the line quoted, and a summary line per file.
    Text,
    /// One JSON object for programs.
    Json,
    /// GitHub Actions annotations (`::warning file=…::…`).
    Github,
}

/// What one file's report writes to each stream.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub stdout: String,
    pub stderr: String,
}

/// One file's report as it is checked. JSON is written whole at the end
/// (see [`json`]); only a path that cannot be read is also told on standard
/// error at once, as in every format.
pub fn file(format: CheckFormat, check: &FileCheck, quiet: bool) -> Rendered {
    match (format, check) {
        (CheckFormat::Text, _) => text::file(check, quiet),
        (CheckFormat::Github, _) => github::file(check, quiet),
        (CheckFormat::Json, FileCheck::Unreadable { .. }) => Rendered {
            stdout: String::new(),
            stderr: text::file(check, quiet).stderr,
        },
        (CheckFormat::Json, _) => Rendered::default(),
    }
}

/// The whole run as one JSON document.
pub fn json(checks: &[FileCheck], quiet: bool, verdict: Verdict, exit_code: u8) -> String {
    json::render(checks, quiet, verdict, exit_code)
}

/// Whether a finding is shown: accepted ones are summarised instead, and
/// `--quiet` shows only what fails the check.
fn shown(finding: &Finding, quiet: bool) -> bool {
    finding.allowed.is_none() && (!quiet || finding.fails())
}

/// Findings that count, by severity after the policy, and those accepted.
struct Counts {
    errors: usize,
    warnings: usize,
    allowed: usize,
}

impl Counts {
    fn of(findings: &[Finding]) -> Self {
        let counting = |f: &&Finding| f.allowed.is_none();
        Counts {
            errors: findings
                .iter()
                .filter(counting)
                .filter(|f| f.fails())
                .count(),
            warnings: findings
                .iter()
                .filter(counting)
                .filter(|f| !f.fails())
                .count(),
            allowed: findings.iter().filter(|f| f.allowed.is_some()).count(),
        }
    }
}

/// "1 error", "2 warnings".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The 1-based line and column where a span starts and ends.
fn location(source: &SourceFile, span: &crate::diagnostic::Span) -> [usize; 4] {
    let start = source.position(span.start);
    let end = source.position(span.end.max(span.start));
    [start.line, start.column, end.line, end.column]
}
