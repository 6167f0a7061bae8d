//! The comparison as a person reads it: notes on comparability first, then
//! titled tables whose columns grow with the number of models. Every figure
//! is formatted here, once, for both the terminal table and Markdown.

use super::sections::{self, Grid};
use crate::compare::Comparison;

#[derive(Debug, Clone)]
pub struct CompareView {
    pub title: String,
    /// Comparability, stated before any figure: warnings come first.
    pub notes: Vec<String>,
    pub sections: Vec<Grid>,
}

impl CompareView {
    pub fn new(c: &Comparison) -> Self {
        let mut notes = warnings(c);
        if c.same_conventions {
            notes.push(recomputed_note(c));
        } else if notes.is_empty() {
            notes.push(
                "The models use the same conventions: their figures are comparable.".to_owned(),
            );
        }
        CompareView {
            title: format!("Comparison of {} models", c.models.len()),
            notes,
            sections: vec![
                sections::models(c),
                sections::headline(c),
                sections::stakeholders(c),
                sections::outcomes(c),
                sections::deductions(c),
                sections::conventions(c),
            ],
        }
    }
}

/// What makes the figures side by side unlike each other, loudly.
pub fn warnings(c: &Comparison) -> Vec<String> {
    let mut warnings = Vec::new();
    if !c.convention_differences.is_empty() && !c.same_conventions {
        warnings.push(format!(
            "WARNING: the models' conventions differ ({}), so their ratios are not comparable as they stand; rerun with --same-conventions to recompute every model under the conventions of A.",
            convention_names(c)
        ));
    }
    if c.currencies_differ {
        let currencies: Vec<&str> = c.models.iter().map(|m| m.currency.as_str()).collect();
        warnings.push(format!(
            "WARNING: the models are valued in different currencies ({}), so their money figures and differences are not comparable.",
            currencies.join(", ")
        ));
    }
    warnings
}

fn recomputed_note(c: &Comparison) -> String {
    let base = c.models.first().map_or("", |m| m.path.as_str());
    let mut note = format!(
        "Recomputed: every figure below uses the conventions of A ({base}), as --same-conventions asks"
    );
    if c.convention_differences.is_empty() {
        note.push_str("; the models already shared them.");
    } else {
        note.push_str(&format!(
            "; the models' own conventions differ in {}.",
            convention_names(c)
        ));
    }
    note
}

fn convention_names(c: &Comparison) -> String {
    c.convention_differences
        .iter()
        .map(|d| d.label().to_lowercase())
        .collect::<Vec<_>>()
        .join(", ")
}
