//! Several models side by side, as an evaluator reads them: the headline
//! figures of each and how far each later model lies from the first, the
//! value each stakeholder and each outcome receives (matched by id), the
//! value-weighted deductions, and whether the conventions allow the ratios to
//! be compared at all.
//!
//! This module returns plain, unrounded data; `report::compare` lays it out.
//! With `same_conventions`, every model is recomputed under the first model's
//! conventions, so that what remains of the difference is in the models
//! themselves rather than in how they were discounted and deducted.

mod assumptions;
mod conventions;
mod figures;
mod matching;

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::calc::{self, Results};
use crate::diagnostic::{Diagnostic, ErrorCode};
use crate::model::{Conventions, Model, ShownScenario};

pub use assumptions::{Assumptions, DeductionGap};
pub use conventions::{Convention, differences as convention_differences};
pub use figures::{Deduction, Difference, Figure, FigureKind, Headline, WeightedDeductions};
pub use matching::{Matched, OutcomeFigures, Presence, StakeholderFigures};

/// A model to compare, with the path it is reported under.
#[derive(Debug, Clone)]
pub struct Subject {
    pub path: String,
    pub model: Model,
}

/// Everything `sroi compare` shows, unrounded.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// In the order given; the first is the base every difference is measured from.
    pub models: Vec<ComparedModel>,
    /// Conventions on which the models' own files disagree.
    pub convention_differences: Vec<Convention>,
    /// Whether the models are valued in more than one currency.
    pub currencies_differ: bool,
    /// Whether every model's figures were computed under the first model's
    /// conventions (`--same-conventions`) rather than each under its own.
    pub same_conventions: bool,
    /// Every stakeholder id of any model, in order of first appearance.
    pub stakeholders: Vec<Matched<StakeholderFigures>>,
    /// Every outcome id of any model, in order of first appearance.
    pub outcomes: Vec<Matched<OutcomeFigures>>,
    /// Where the models' assumptions differ, whatever their conventions.
    pub assumptions: Assumptions,
}

/// One model's side of the comparison.
#[derive(Debug, Clone)]
pub struct ComparedModel {
    pub path: String,
    pub name: String,
    pub currency: String,
    /// The conventions written in the model's own file.
    pub conventions: Conventions,
    pub headline: Headline,
    pub deductions: WeightedDeductions,
    /// The scenario shown, when one was applied to the model.
    pub scenario: Option<ShownScenario>,
    /// The model's `reconstruction`: what it was rebuilt from, when it is not
    /// the analysis it describes.
    pub reconstruction: Option<String>,
}

/// A model that cannot be computed as the comparison asks.
#[derive(Debug, Clone)]
pub struct Failure {
    /// Index of the model in the comparison.
    pub model: usize,
    pub diagnostic: Diagnostic,
}

impl Comparison {
    /// Whether the figures side by side were computed the same way, in the
    /// same currency, so that their ratios mean the same thing: the
    /// arithmetic is comparable. It says nothing of the assumptions, which
    /// `like_for_like` adds.
    pub fn comparable(&self) -> bool {
        (self.convention_differences.is_empty() || self.same_conventions) && !self.currencies_differ
    }

    /// Whether the figures are comparable as like for like: the arithmetic
    /// is, and every model values the same outcomes with the same assumptions.
    pub fn like_for_like(&self) -> bool {
        self.comparable() && !self.assumptions.differ()
    }

    /// How far model `model` lies from the first on one headline figure.
    pub fn difference(&self, model: usize, figure: Figure) -> Option<Difference> {
        let base = self.models.first()?.headline.get(figure)?;
        let other = self.models.get(model)?.headline.get(figure)?;
        Difference::between(base, other)
    }
}

/// Compute and match every model. With `same_conventions`, each is computed
/// under the conventions of the first.
pub fn compare(subjects: &[Subject], same_conventions: bool) -> Result<Comparison, Failure> {
    let base_conventions = subjects
        .first()
        .map(|s| s.model.conventions.clone())
        .unwrap_or_default();
    let mut computed = Vec::with_capacity(subjects.len());
    for (index, subject) in subjects.iter().enumerate() {
        // Only a model recomputed under other conventions needs a copy.
        let model = if same_conventions {
            Cow::Owned(
                under_conventions(subject, &base_conventions).map_err(|diagnostic| Failure {
                    model: index,
                    diagnostic,
                })?,
            )
        } else {
            Cow::Borrowed(&subject.model)
        };
        let results = calc::calculate(&model).map_err(|diagnostic| Failure {
            model: index,
            diagnostic,
        })?;
        computed.push((model, results));
    }
    let own: Vec<&Conventions> = subjects.iter().map(|s| &s.model.conventions).collect();
    let convention_differences = conventions::differences(&own);
    let models: Vec<ComparedModel> = subjects
        .iter()
        .zip(&computed)
        .map(|(subject, (model, results))| compared_model(subject, model, results))
        .collect();
    let outcomes = matching::outcomes(&computed);
    let weighted: Vec<&WeightedDeductions> = models.iter().map(|m| &m.deductions).collect();
    let assumptions = Assumptions::of(&outcomes, &weighted);
    Ok(Comparison {
        models,
        currencies_differ: subjects
            .windows(2)
            .any(|pair| pair[0].model.analysis.currency != pair[1].model.analysis.currency),
        same_conventions,
        convention_differences,
        stakeholders: matching::stakeholders(&computed),
        outcomes,
        assumptions,
    })
}

fn compared_model(subject: &Subject, model: &Model, results: &Results) -> ComparedModel {
    ComparedModel {
        path: subject.path.clone(),
        name: subject.model.analysis.name.clone(),
        currency: subject.model.analysis.currency.clone(),
        conventions: subject.model.conventions.clone(),
        headline: Headline::of(results),
        deductions: WeightedDeductions::of(model, results),
        scenario: subject.model.analysis.scenario.clone(),
        reconstruction: subject.model.analysis.reconstruction.clone(),
    }
}

/// The model with the base's conventions in place of its own. Additive
/// deductions above 100% were refused when the model was loaded under its own
/// conventions; under borrowed ones they must be refused here.
fn under_conventions(subject: &Subject, base: &Conventions) -> Result<Model, Diagnostic> {
    let mut model = subject.model.clone();
    model.conventions = base.clone();
    if base.deductions == crate::model::Deductions::Additive {
        for outcome in &model.outcomes {
            let sum = outcome.deadweight + outcome.displacement + outcome.attribution;
            if sum > Decimal::ONE {
                return Err(Diagnostic::new(ErrorCode::OverDeducted,
                    outcome.spans.table.clone(),
                    format!(
                        "under the first model's additive deductions, outcome `{}` would deduct {}% (deadweight, displacement and attribution added), more than 100%",
                        outcome.id,
                        (sum * Decimal::ONE_HUNDRED).normalize()
                    ),
                )
                .with_hint("compare without --same-conventions, or put the model with multiplicative deductions first"));
            }
        }
    }
    Ok(model)
}

#[cfg(test)]
mod tests;
