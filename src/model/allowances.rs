//! The `[check]` table: the lints an analyst accepts for a model, each with
//! the reason a reviewer will read beside it.
//!
//! ```toml
//! [check]
//! allow = [{ code = "SROI304", reason = "the assured value map counts inputs at face value" }]
//! ```
//!
//! Every entry must name a known lint and give a reason; only warnings can
//! be accepted, since an error (a published figure no longer reproduced)
//! must be fixed rather than accepted.

use toml::Spanned;
use toml::de::DeValue;

use super::Spans;
use super::fields::TableReader;
use super::schema::{self, Limits};
use crate::diagnostic::lint::Code;
use crate::diagnostic::{Diagnostic, ErrorCode, SourceFile};

/// What the `[check]` table says; empty when the model has none.
#[derive(Debug, Clone, Default)]
pub struct CheckSettings {
    pub allow: Vec<Allowance>,
}

impl CheckSettings {
    /// The entry accepting `code`, if any.
    pub fn allowance(&self, code: Code) -> Option<&Allowance> {
        self.allow.iter().find(|a| a.code == code)
    }
}

/// One accepted lint.
#[derive(Debug, Clone)]
pub struct Allowance {
    pub code: Code,
    pub reason: String,
    pub spans: Spans,
}

/// Read `[check]`, reporting every problem; valid entries are kept so that
/// other tables can still be read, but any problem makes the model invalid.
pub(super) fn read(
    value: &Spanned<DeValue<'_>>,
    source: &SourceFile,
    limits: Limits,
    diagnostics: &mut Vec<Diagnostic>,
) -> CheckSettings {
    let Some(table) = value.get_ref().as_table() else {
        return CheckSettings::default();
    };
    let entries = TableReader::new(
        table,
        value.span(),
        "[check]".to_owned(),
        schema::CHECK,
        limits,
        diagnostics,
    )
    .tables("allow");
    let mut allow: Vec<Allowance> = Vec::with_capacity(entries.len());
    for (span, entry) in entries {
        let mut r = TableReader::new(
            entry,
            span,
            "an `allow` entry of [check]".to_owned(),
            schema::ALLOWANCE,
            limits,
            diagnostics,
        );
        let code = r.required_string("code").and_then(|text| {
            let span = r.spans.of("code");
            parse_code(&text, span).map_err(|d| r.report(d)).ok()
        });
        let reason = r.required_string("reason");
        if reason
            .as_deref()
            .is_some_and(|reason| reason.trim().is_empty())
        {
            let span = r.spans.of("reason");
            r.report(
                Diagnostic::new(ErrorCode::RefusedAllowance, span, "`reason` is empty")
                    .with_hint("say why the lint does not apply to this model; reviewers read it"),
            );
        }
        let spans = r.spans;
        if let (Some(code), Some(reason)) = (code, reason) {
            if let Some(first) = allow.iter().find(|a| a.code == code) {
                diagnostics.push(duplicate(code, &spans, first, source));
                continue;
            }
            allow.push(Allowance {
                code,
                reason,
                spans,
            });
        }
    }
    CheckSettings { allow }
}

fn parse_code(text: &str, span: crate::diagnostic::Span) -> Result<Code, Diagnostic> {
    let code: Code = text
        .parse()
        .map_err(|error: crate::diagnostic::lint::UnknownCode| {
            let diagnostic = Diagnostic::new(
                ErrorCode::UnknownReference,
                span.clone(),
                format!("unknown lint code `{text}`"),
            );
            match error.suggestion {
                Some(near) => diagnostic.with_hint(format!("did you mean `{near}`?")),
                None => diagnostic.with_hint(
                    "lint codes run from SROI101 to SROI402; `sroi check --help` lists them",
                ),
            }
        })?;
    if code.can_be_allowed() {
        return Ok(code);
    }
    Err(Diagnostic::new(
        ErrorCode::RefusedAllowance,
        span,
        format!("`{code}` cannot be allowed: it is an error, not a warning"),
    )
    .with_hint("fix the model or its [published] figures instead"))
}

fn duplicate(code: Code, spans: &Spans, first: &Allowance, source: &SourceFile) -> Diagnostic {
    let line = source.position(first.spans.of("code").start).line;
    Diagnostic::new(
        ErrorCode::Duplicate,
        spans.of("code"),
        format!("`{code}` is allowed twice"),
    )
    .with_hint(format!(
        "it is first allowed on line {line}; keep one entry with one reason"
    ))
}
