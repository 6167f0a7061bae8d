//! The one way a figure too large for an exact decimal is reported: located
//! at what the analyst wrote that made it so, naming the figure. Every
//! checked operation that can overflow turns its `None` into one of these,
//! so the words and the hint are the same wherever the overflow happens.

use std::fmt::Display;

use super::{Diagnostic, ErrorCode, Span};

/// The largest exact decimal, in the words every overflow message uses.
pub const LARGEST: &str = "the largest supported amount (about 7.9e28)";

const HINT: &str = "check quantities, proxies and amounts for a misplaced exponent or extra digits";

/// "`what` exceeds the largest supported amount (about 7.9e28)", at `span`.
pub fn too_large(span: Span, what: impl Display) -> Diagnostic {
    Diagnostic::new(
        ErrorCode::TooLarge,
        span,
        format!("{what} exceeds {LARGEST}"),
    )
    .with_hint(HINT)
}

/// A checked operation's result, or the located error naming the figure.
/// `what` is only worked out when the operation overflowed.
pub fn checked<D: Display>(
    value: Option<rust_decimal::Decimal>,
    span: impl FnOnce() -> Span,
    what: impl FnOnce() -> D,
) -> Result<rust_decimal::Decimal, Diagnostic> {
    value.ok_or_else(|| too_large(span(), what()))
}
