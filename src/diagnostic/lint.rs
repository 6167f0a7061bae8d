//! Every lint `sroi check` knows, in one table: its stable code, a short
//! name, its default severity and what it means. Codes are grouped by the
//! SROI principle they serve: SROI1xx over-claiming, SROI2xx transparency,
//! SROI3xx completeness, SROI4xx published figures and thresholds. A model
//! that does not load is reported under the codes of its problems, SROI000 to
//! SROI099 (`diagnostic::code`). A code never changes meaning once published:
//! CI configurations and `[check]` tables name them.

use std::fmt;
use std::str::FromStr;

/// How serious a finding is. Errors always fail the check; warnings fail it
/// only when denied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A lint, by the code it is reported under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    NoDeductions,
    LongDuration,
    NoDropOff,
    DominantOutcome,
    HighDeadweight,
    HighAttribution,
    HighDropOff,
    HighRatio,
    NoIndicator,
    ProxyWithoutSource,
    ProxyWithoutDescription,
    InputWithoutDescription,
    IdleStakeholder,
    QuantityAboveSize,
    NoNegativeOutcome,
    InputsUndiscounted,
    PublishedNotReproduced,
    RatioBelowMinimum,
}

/// What is known about a lint; `LINTS` holds one per `Code`, in the same order.
#[derive(Debug)]
pub struct Lint {
    pub code: Code,
    pub id: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
}

const fn lint(
    code: Code,
    id: &'static str,
    name: &'static str,
    severity: Severity,
    summary: &'static str,
) -> Lint {
    Lint {
        code,
        id,
        name,
        severity,
        summary,
    }
}

use Severity::{Error, Warning};

#[rustfmt::skip]
pub const LINTS: [Lint; 18] = [
    lint(Code::NoDeductions, "SROI101", "no-deductions", Warning, "an outcome with no deadweight, displacement or attribution"),
    lint(Code::LongDuration, "SROI102", "long-duration", Warning, "an outcome lasting more than 5 years"),
    lint(Code::NoDropOff, "SROI103", "no-drop-off", Warning, "an outcome lasting more than 1 year with no drop-off"),
    lint(Code::DominantOutcome, "SROI104", "dominant-outcome", Warning, "one outcome carries more than half of the present value"),
    lint(Code::HighDeadweight, "SROI105", "deadweight-beyond-assured", Warning, "deadweight above 50%, beyond 9 in 10 assured reports"),
    lint(Code::HighAttribution, "SROI106", "attribution-beyond-assured", Warning, "attribution above 53%, beyond 9 in 10 assured reports"),
    lint(Code::HighDropOff, "SROI107", "drop-off-beyond-assured", Warning, "drop-off above 50%, beyond 9 in 10 assured reports"),
    lint(Code::HighRatio, "SROI108", "ratio-beyond-assured", Warning, "a ratio above 10.2, beyond 9 in 10 assured reports"),
    lint(Code::NoIndicator, "SROI201", "no-indicator", Warning, "an outcome with no indicator"),
    lint(Code::ProxyWithoutSource, "SROI202", "proxy-without-source", Warning, "a financial proxy with no source"),
    lint(Code::ProxyWithoutDescription, "SROI203", "proxy-without-description", Warning, "a financial proxy with no description"),
    lint(Code::InputWithoutDescription, "SROI204", "input-without-description", Warning, "an input with no description"),
    lint(Code::IdleStakeholder, "SROI301", "idle-stakeholder", Warning, "a stakeholder with neither inputs nor outcomes"),
    lint(Code::QuantityAboveSize, "SROI302", "quantity-above-size", Warning, "an outcome's cohorts add up to more than its stakeholder's size"),
    lint(Code::NoNegativeOutcome, "SROI303", "no-negative-outcome", Warning, "no outcome with a negative proxy"),
    lint(Code::InputsUndiscounted, "SROI304", "multi-year-inputs-undiscounted", Warning, "inputs over several years counted at face value"),
    lint(Code::PublishedNotReproduced, "SROI401", "published-not-reproduced", Error, "a [published] figure not reproduced within its tolerance"),
    lint(Code::RatioBelowMinimum, "SROI402", "ratio-below-minimum", Error, "an SROI ratio below --min-ratio"),
];

impl Code {
    pub fn lint(self) -> &'static Lint {
        // `LINTS` is in declaration order, which a test holds.
        &LINTS[self as usize]
    }

    /// `SROI104`.
    pub fn id(self) -> &'static str {
        self.lint().id
    }

    pub fn severity(self) -> Severity {
        self.lint().severity
    }

    /// Only warnings can be accepted: an error (a model that does not load,
    /// a published figure not reproduced) must be fixed.
    pub fn can_be_allowed(self) -> bool {
        self.severity() == Severity::Warning
    }
}

/// The lint table for `sroi check --help`.
pub fn help_table() -> String {
    let mut out = String::from("Lints (code, default severity, name: what it finds):\n");
    for lint in &LINTS {
        out.push_str(&format!(
            "  {}  {:<7}  {}: {}\n",
            lint.id,
            lint.severity.as_str(),
            lint.name,
            lint.summary
        ));
    }
    let load_errors = &crate::diagnostic::code::CATALOGUE;
    out.push_str(&format!(
        "\nA model that does not load fails with the codes of its problems, {} to\n{} (the README's table of errors has each one with an example and the fix).\n",
        load_errors[0].id,
        load_errors[load_errors.len() - 1].id
    ));
    out.push_str("\nA model accepts a warning with a reason in its [check] table:\n");
    out.push_str("  [check]\n  allow = [{ code = \"SROI304\", reason = \"…\" }]\n");
    out.push_str("\nExit codes: 0 every check passed; 1 a model is invalid, a published figure is not\nreproduced, or an error or denied warning was found; 2 a path cannot be read or\nthe arguments are wrong.");
    out
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Why text is not a lint code, with a suggestion when one is near.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode {
    pub found: String,
    pub suggestion: Option<&'static str>,
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown lint code `{}`", self.found)?;
        match self.suggestion {
            Some(near) => write!(f, "; did you mean `{near}`?"),
            None => write!(
                f,
                "; codes run from SROI101 to SROI402 (see `sroi check --help`)"
            ),
        }
    }
}

impl std::error::Error for UnknownCode {}

impl FromStr for Code {
    type Err = UnknownCode;

    fn from_str(text: &str) -> Result<Code, UnknownCode> {
        if let Some(lint) = LINTS.iter().find(|lint| lint.id == text) {
            return Ok(lint.code);
        }
        Err(UnknownCode {
            found: text.to_owned(),
            suggestion: suggest(text),
        })
    }
}

/// The code someone most likely meant: the same code in other case, the
/// code of a lint named by its name, or a code one or two keystrokes away.
fn suggest(text: &str) -> Option<&'static str> {
    let upper = text.trim().to_uppercase();
    let lower = text.trim().to_lowercase();
    LINTS
        .iter()
        .find(|lint| lint.id == upper || lint.name == lower)
        .or_else(|| {
            LINTS
                .iter()
                .map(|lint| (strsim::damerau_levenshtein(&upper, lint.id), lint))
                .filter(|(distance, _)| *distance <= 2)
                .min_by_key(|(distance, _)| *distance)
                .map(|(_, lint)| lint)
        })
        .map(|lint| lint.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_code_order_with_unique_ids() {
        for (index, lint) in LINTS.iter().enumerate() {
            assert_eq!(lint.code as usize, index, "{} is out of place", lint.id);
            assert_eq!(lint.id.parse::<Code>(), Ok(lint.code));
        }
        let mut ids: Vec<&str> = LINTS.iter().map(|l| l.id).collect();
        ids.dedup();
        assert_eq!(ids.len(), LINTS.len());
    }

    #[test]
    fn an_unknown_code_suggests_the_one_meant() {
        let suggestion = |text: &str| text.parse::<Code>().err().and_then(|e| e.suggestion);
        assert_eq!(suggestion("sroi104"), Some("SROI104"));
        assert_eq!(suggestion("SROI14"), Some("SROI104"));
        assert_eq!(suggestion("no-indicator"), Some("SROI201"));
        assert_eq!(suggestion("colour"), None);
    }

    #[test]
    fn only_warnings_can_be_allowed() {
        assert!(Code::NoIndicator.can_be_allowed());
        assert!(!Code::PublishedNotReproduced.can_be_allowed());
    }
}
