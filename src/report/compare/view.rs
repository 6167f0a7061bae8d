//! The comparison as a person reads it: notes on comparability first, then
//! titled tables whose columns grow with the number of models. Every figure
//! is formatted here, once, for both the terminal table and Markdown.

use super::cells::letter;
use super::sections::{self, Grid};
use crate::compare::{Comparison, DeductionGap};
use crate::report::page::{Block, Page};

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
        }
        notes.extend(comparability_note(c));
        notes.extend(reconstruction_notes(c));
        notes.push(ATTRIBUTION.to_owned());
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

impl CompareView {
    /// The comparison as a page: comparability first, as warnings, then the tables.
    pub fn page(&self) -> Page {
        let notes = self.notes.iter().cloned().map(Block::Warning);
        Page {
            title: self.title.clone(),
            blocks: notes
                .chain(self.sections.iter().cloned().map(Block::Table))
                .collect(),
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

/// What attribution measures, so that a source's "attribution to the
/// coordinators was higher" and a lower attribution figure here are read as
/// the same statement, not a contradiction.
pub const ATTRIBUTION: &str = "Attribution is the share of an outcome deducted because others (other services, family, volunteers) helped bring it about: the more of a change a model credits to the activity itself, the lower its attribution.";

/// What the conventions do and do not settle. Matching conventions make the
/// arithmetic alike, never the analyses: the assumptions are said apart.
fn comparability_note(c: &Comparison) -> Option<String> {
    if !c.comparable() {
        return None;
    }
    let a = &c.assumptions;
    let arithmetic = if c.same_conventions {
        "Every figure is computed under one set of conventions, so the arithmetic is comparable"
    } else {
        "The models use the same conventions, so the arithmetic is comparable: each figure is computed the same way"
    };
    if !a.differ() {
        return Some(format!(
            "{arithmetic}, and every model values the same {} outcomes with the same quantities, proxies and deductions: the figures are comparable like for like.",
            a.shared.len()
        ));
    }
    let mut how = Vec::new();
    how.push(format!(
        "{} outcome{} valued in every model, {} in only some (see \"Value by outcome\")",
        a.shared.len(),
        plural(a.shared.len()),
        a.unshared.len()
    ));
    if !a.revalued.is_empty() {
        how.push(format!(
            "{} shared outcome{} with other quantities, proxies, deductions or durations ({})",
            a.revalued.len(),
            plural(a.revalued.len()),
            listed(&a.revalued)
        ));
    }
    let deductions: Vec<String> = crate::compare::Deduction::ALL
        .into_iter()
        .filter(|d| (1..c.models.len()).any(|i| a.gap(i, *d) != DeductionGap::None))
        .map(|d| d.label().to_lowercase())
        .collect();
    if let Some((last, rest)) = deductions.split_last() {
        let named = if rest.is_empty() {
            last.clone()
        } else {
            format!("{} and {last}", rest.join(", "))
        };
        how.push(format!("a different weighted {named} (see \"Deductions\")"));
    }
    Some(format!(
        "{arithmetic}. The assumptions are not the same, so the figures are not comparable like for like: {}.",
        how.join("; ")
    ))
}

/// Each model that is a reconstruction says so, with what it was rebuilt from.
fn reconstruction_notes(c: &Comparison) -> Vec<String> {
    c.models
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            m.reconstruction.as_ref().map(|from| {
                format!(
                    "{} is a reconstruction, not the assured analysis: {from}",
                    letter(i)
                )
            })
        })
        .collect()
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// Up to five ids, then how many more.
fn listed(ids: &[String]) -> String {
    match ids.len() {
        0..=5 => ids.join(", "),
        n => format!("{}, and {} more", ids[..5].join(", "), n - 5),
    }
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
