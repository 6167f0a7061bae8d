//! What the findings mean for this run. A lint reports at its default
//! severity; then, in this order:
//!
//! 1. a reasoned allow in the model's `[check]` table accepts it;
//! 2. `--allow CODE` on the command line accepts it;
//! 3. `--deny CODE` or `--deny warnings` turns a remaining warning into an error.
//!
//! An accepted finding is kept (and shown with its reason) but never fails
//! the check. Errors cannot be accepted at all.

use rust_decimal::Decimal;

use super::Finding;
use super::codes::{Code, Severity};
use crate::diagnostic::Span;
use crate::model::Model;

/// The command line's say over the lints.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    /// `--deny warnings`: every warning fails the check.
    pub deny_warnings: bool,
    /// `--deny CODE`: these warnings fail the check.
    pub deny: Vec<Code>,
    /// `--allow CODE`: these warnings are accepted in every model.
    pub allow: Vec<Code>,
    /// `--min-ratio X`: a ratio below X is an error.
    pub min_ratio: Option<Decimal>,
}

/// What `--deny` names: every warning, or one lint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denial {
    Warnings,
    Code(Code),
}

impl std::str::FromStr for Denial {
    type Err = String;

    fn from_str(text: &str) -> Result<Denial, String> {
        if text == "warnings" {
            return Ok(Denial::Warnings);
        }
        text.parse()
            .map(Denial::Code)
            .map_err(|error: super::codes::UnknownCode| {
                format!("{error}; or `warnings` to deny every warning")
            })
    }
}

/// `--min-ratio`: an exact decimal, such as 3 or 2.5.
pub fn parse_min_ratio(text: &str) -> Result<Decimal, String> {
    crate::number::parse_decimal(text)
        .map_err(|_| format!("expected a number such as 3 or 2.5, found {text:?}"))
}

/// Why a finding does not count against the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Allowed {
    /// By the model's `[check]` table, with the reason written there.
    ByModel { reason: String, span: Span },
    /// By `--allow` on the command line.
    ByCommandLine,
}

impl Allowed {
    pub fn reason(&self) -> &str {
        match self {
            Allowed::ByModel { reason, .. } => reason,
            Allowed::ByCommandLine => "--allow on the command line",
        }
    }
}

/// A command line that asks for something contradictory or impossible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyError {
    AllowedAndDenied(Code),
    ErrorAllowed(Code),
}

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PolicyError::AllowedAndDenied(code) => {
                write!(
                    f,
                    "{code} is both allowed and denied; give one of --allow {code} and --deny {code}"
                )
            }
            PolicyError::ErrorAllowed(code) => {
                write!(f, "{code} cannot be allowed: it is an error, not a warning")
            }
        }
    }
}

impl std::error::Error for PolicyError {}

impl Policy {
    /// The policy the command line asks for.
    pub fn new(denials: &[Denial], allow: &[Code], min_ratio: Option<Decimal>) -> Policy {
        Policy {
            deny_warnings: denials.contains(&Denial::Warnings),
            deny: denials
                .iter()
                .filter_map(|d| match d {
                    Denial::Code(code) => Some(*code),
                    Denial::Warnings => None,
                })
                .collect(),
            allow: allow.to_vec(),
            min_ratio,
        }
    }

    /// Refuse a policy that contradicts itself or accepts an error.
    pub fn validate(&self) -> Result<(), PolicyError> {
        if let Some(code) = self.allow.iter().find(|code| !code.can_be_allowed()) {
            return Err(PolicyError::ErrorAllowed(*code));
        }
        match self.allow.iter().find(|code| self.deny.contains(code)) {
            Some(code) => Err(PolicyError::AllowedAndDenied(*code)),
            None => Ok(()),
        }
    }

    /// Settle each finding's severity and whether it is accepted.
    pub fn apply(&self, model: &Model, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .map(|finding| self.settle(model, finding))
            .collect()
    }

    fn settle(&self, model: &Model, mut finding: Finding) -> Finding {
        if !finding.code.can_be_allowed() {
            return finding;
        }
        if let Some(allowance) = model.check.allowance(finding.code) {
            finding.allowed = Some(Allowed::ByModel {
                reason: allowance.reason.clone(),
                span: allowance.spans.of("code"),
            });
        } else if self.allow.contains(&finding.code) {
            finding.allowed = Some(Allowed::ByCommandLine);
        } else if self.deny.contains(&finding.code) {
            finding.severity = Severity::Error;
            finding.denied_by = Some(format!("--deny {}", finding.code));
        } else if self.deny_warnings {
            finding.severity = Severity::Error;
            finding.denied_by = Some("--deny warnings".to_owned());
        }
        finding
    }
}
