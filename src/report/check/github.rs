//! GitHub Actions workflow commands, which the runner turns into
//! annotations on the pull request's changed lines:
//! `::warning file=models/x.toml,line=12,col=5,endLine=12,endColumn=9,title=SROI104::message`.
//!
//! Escaping follows the runner's rules: in the message, `%`, CR and LF are
//! percent-encoded; in a property, `:` and `,` are too, since they would
//! otherwise end the property. Other control characters, which the runner
//! passes on, are shown escaped as everywhere else (`\u{1b}`). The summary
//! lines are printed as they are in text, as plain log lines: their paths
//! and model text are escaped there, so none of them can start with `::`
//! and be read as a command.

use super::{Rendered, location, shown, text};
use crate::check::{FileCheck, Finding, Severity};
use crate::diagnostic::{SourceFile, Span};
use crate::printable::escape_control_except;

pub fn file(check: &FileCheck, quiet: bool) -> Rendered {
    let mut stdout = String::new();
    match check {
        FileCheck::Unreadable { path, error } => {
            stdout.push_str(&command(
                Severity::Error,
                &[("title", "unreadable")],
                &format!("cannot read {path}: {error}"),
            ));
        }
        FileCheck::Invalid {
            source,
            diagnostics,
        } => {
            for diagnostic in &diagnostics.items {
                let mut message = diagnostic.message.clone();
                append_hint(&mut message, diagnostic.hint.as_deref());
                stdout.push_str(&located(
                    source,
                    &diagnostic.span,
                    Severity::Error,
                    diagnostic.code.id(),
                    &message,
                ));
            }
        }
        FileCheck::Linted {
            source, findings, ..
        } => {
            for finding in findings.iter().filter(|f| shown(f, quiet)) {
                stdout.push_str(&annotation(source, finding));
            }
        }
    }
    // The text summary (and, for an unreadable path, the message) as log lines.
    let plain = text::file(check, quiet);
    stdout.push_str(&plain.stdout);
    Rendered {
        stdout,
        stderr: match check {
            FileCheck::Unreadable { .. } => plain.stderr,
            _ => String::new(),
        },
    }
}

fn annotation(source: &SourceFile, finding: &Finding) -> String {
    let mut message = finding.message.clone();
    append_hint(&mut message, finding.hint.as_deref());
    if let Some(denied_by) = &finding.denied_by {
        message.push_str(&format!("\n(a warning, denied by {denied_by})"));
    }
    located(
        source,
        &finding.span,
        finding.severity,
        finding.code.id(),
        &message,
    )
}

fn append_hint(message: &mut String, hint: Option<&str>) {
    if let Some(hint) = hint {
        message.push_str(&format!("\nhint: {hint}"));
    }
}

/// An annotation on the span of a file, titled with its code.
fn located(
    source: &SourceFile,
    span: &Span,
    severity: Severity,
    code: &str,
    message: &str,
) -> String {
    let [line, column, end_line, end_column] = location(source, span);
    let numbers = [line, column, end_line, end_column].map(|n| n.to_string());
    command(
        severity,
        &[
            ("file", source.name.as_str()),
            ("line", &numbers[0]),
            ("col", &numbers[1]),
            ("endLine", &numbers[2]),
            ("endColumn", &numbers[3]),
            ("title", code),
        ],
        message,
    )
}

/// `::severity key=value,…::message`, every part escaped.
fn command(severity: Severity, properties: &[(&str, &str)], message: &str) -> String {
    let properties: Vec<String> = properties
        .iter()
        .map(|(key, value)| format!("{key}={}", escape_property(value)))
        .collect();
    format!(
        "::{} {}::{}\n",
        severity.as_str(),
        properties.join(","),
        escape_data(message)
    )
}

fn escape_data(text: &str) -> String {
    // CR and LF are the runner's to encode; it decodes them in the annotation.
    escape_control_except(text, &['\r', '\n'])
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_properties_are_escaped_as_the_runner_expects() {
        assert_eq!(escape_data("50% off\r\nnext"), "50%25 off%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(
            escape_property("m\n::warning::\u{1b}[31m.toml"),
            "m%0A%3A%3Awarning%3A%3A\\u{1b}[31m.toml"
        );
        assert_eq!(escape_data("\u{7}\u{9b}%"), "\\u{7}\\u{9b}%25");
        let line = command(
            Severity::Warning,
            &[("file", "m,1.toml"), ("title", "SROI101")],
            "x: y",
        );
        assert_eq!(line, "::warning file=m%2C1.toml,title=SROI101::x: y\n");
    }
}
