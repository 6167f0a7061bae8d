//! Text for people, as bean-check and compilers write it: each finding on
//! standard error as `path:line:col: warning[CODE]: message` with the line
//! quoted and a hint, then on standard output one summary line per file
//! (`models/thurrock.toml: ok (ratio 3.64, 0 warnings, 1 allowed)`) and the
//! reason for each lint the model accepts. Paths and the model's text are
//! shown with their control characters escaped, so each stays on its line.

use std::fmt::Write as _;

use super::{Counts, Rendered, count, shown};
use crate::check::{FileCheck, Finding};
use crate::diagnostic::SourceFile;
use crate::printable::{escape_control, escape_path};

pub fn file(check: &FileCheck, quiet: bool) -> Rendered {
    match check {
        FileCheck::Unreadable { path, error } => Rendered {
            stdout: String::new(),
            stderr: format!(
                "sroi: cannot read {}: {}\n",
                escape_path(path),
                escape_control(error)
            ),
        },
        FileCheck::Invalid {
            source,
            diagnostics,
        } => Rendered {
            // Exactly what `sroi calc` prints for the same model.
            stderr: diagnostics.render(source),
            stdout: summary_line(quiet, || {
                let problems = count(diagnostics.items.len(), "problem");
                format!("{}: invalid ({problems})", source.shown_name())
            }),
        },
        FileCheck::Linted {
            source,
            scenario,
            ratio,
            findings,
        } => {
            let mut stderr = String::new();
            for finding in findings.iter().filter(|f| shown(f, quiet)) {
                stderr.push_str(&finding_text(source, finding));
                stderr.push('\n');
            }
            let mut stdout = summary_line(quiet, || {
                summary(source, scenario.as_deref(), *ratio, findings)
            });
            if !quiet {
                stdout.push_str(&allowed_lines(source, findings));
            }
            Rendered { stdout, stderr }
        }
    }
}

/// One finding in full: location, severity and code, quoted line, hint.
fn finding_text(source: &SourceFile, finding: &Finding) -> String {
    let message = format!(
        "{}[{}]: {}",
        finding.severity.as_str(),
        finding.code,
        finding.message
    );
    let mut text = source.render_located(&finding.span, &message, finding.hint.as_deref());
    if let Some(denied_by) = &finding.denied_by {
        let _ = writeln!(
            text,
            "  = note: a warning, denied by {}",
            escape_control(denied_by)
        );
    }
    text
}

fn summary_line(quiet: bool, line: impl FnOnce() -> String) -> String {
    if quiet {
        String::new()
    } else {
        format!("{}\n", line())
    }
}

/// `path: ok (ratio 3.64, 0 warnings, 1 allowed)`, or `path scenario
/// "cautious": ok (…)` for a scenario; any error fails the file.
fn summary(
    source: &SourceFile,
    scenario: Option<&str>,
    ratio: Option<rust_decimal::Decimal>,
    findings: &[Finding],
) -> String {
    let counts = Counts::of(findings);
    let verdict = if counts.errors == 0 { "ok" } else { "failed" };
    let mut parts = vec![format!("ratio {}", crate::report::text::ratio(ratio))];
    if counts.errors > 0 {
        parts.push(count(counts.errors, "error"));
    }
    parts.push(count(counts.warnings, "warning"));
    parts.push(format!("{} allowed", counts.allowed));
    let under = scenario.map_or_else(String::new, |name| {
        format!(" scenario {:?}", escape_control(name))
    });
    format!(
        "{}{under}: {verdict} ({})",
        source.shown_name(),
        parts.join(", ")
    )
}

/// `  allowed: SROI304 on line 130 (reason)`, one line per accepted code.
fn allowed_lines(source: &SourceFile, findings: &[Finding]) -> String {
    let mut out = String::new();
    let mut codes: Vec<_> = findings
        .iter()
        .filter(|f| f.allowed.is_some())
        .map(|f| f.code)
        .collect();
    codes.sort();
    codes.dedup();
    for code in codes {
        let accepted: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.code == code && f.allowed.is_some())
            .collect();
        let mut lines: Vec<usize> = accepted
            .iter()
            .map(|f| source.position(f.span.start).line)
            .collect();
        lines.dedup();
        let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
        let noun = if lines.len() == 1 { "line" } else { "lines" };
        let reason = accepted
            .first()
            .and_then(|f| f.allowed.as_ref())
            .map_or("", |a| a.reason());
        // The reason is prose, wrapped to the screen under the code; the
        // diagnostics themselves stay one line each.
        let line = format!(
            "  allowed: {code} on {noun} {} ({reason})",
            lines.join(", "),
            reason = escape_control(reason)
        );
        let _ = writeln!(
            out,
            "{}",
            crate::report::width::wrap(&line, crate::report::width::get(), "    ")
        );
    }
    out
}
