//! Stakeholders and outcomes matched across models by id: one row per id
//! that any model declares, in order of first appearance, holding each
//! model's figures or nothing where the model does not have it.

use std::borrow::Cow;
use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::calc::Results;
use crate::model::Model;

/// One id across every model of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Matched<T> {
    pub id: String,
    /// One entry per model, in the comparison's order; `None` where absent.
    pub per_model: Vec<Option<T>>,
}

/// Which models hold an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Presence {
    /// Every model.
    All,
    /// Just this one.
    Only(usize),
    /// All but these.
    MissingFrom(Vec<usize>),
}

impl<T> Matched<T> {
    pub fn presence(&self) -> Presence {
        let present: Vec<usize> = (0..self.per_model.len())
            .filter(|&i| self.per_model[i].is_some())
            .collect();
        match present.as_slice() {
            [only] if self.per_model.len() > 1 => Presence::Only(*only),
            _ if present.len() == self.per_model.len() => Presence::All,
            _ => Presence::MissingFrom(
                (0..self.per_model.len())
                    .filter(|i| !present.contains(i))
                    .collect(),
            ),
        }
    }

    /// The first model's entry that exists, for names and labels.
    pub fn first(&self) -> Option<&T> {
        self.per_model.iter().flatten().next()
    }
}

/// A stakeholder's place in one model.
#[derive(Debug, Clone, PartialEq)]
pub struct StakeholderFigures {
    pub name: String,
    pub present_value: Decimal,
    /// Of the model's total present value.
    pub share: Decimal,
    /// What the stakeholder puts in, counted as the model's inputs are.
    pub inputs: Decimal,
}

/// An outcome's place in one model.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeFigures {
    /// The id of the stakeholder who experiences it (it may differ between models).
    pub stakeholder: String,
    /// That stakeholder's name, and the outcome's description, as this
    /// model writes them: what a person reads.
    pub stakeholder_name: String,
    pub description: Option<String>,
    pub present_value: Decimal,
    /// Of the model's total present value.
    pub share: Decimal,
    /// The share of value left after deadweight, displacement and attribution.
    pub net_of_deductions: Decimal,
    pub deadweight: Decimal,
    pub displacement: Decimal,
    pub attribution: Decimal,
    pub drop_off: Decimal,
    pub duration: u32,
    /// One cohort, or one per activity year, as the model gives them.
    pub quantities: Vec<Decimal>,
    pub proxy: Decimal,
    pub start_year: u32,
}

pub fn stakeholders(models: &[(Cow<'_, Model>, Results)]) -> Vec<Matched<StakeholderFigures>> {
    match_by_id(models, |model, results| {
        model
            .stakeholders
            .iter()
            .zip(&results.stakeholders)
            .map(|(stakeholder, result)| {
                let figures = StakeholderFigures {
                    name: stakeholder.name.clone(),
                    present_value: result.present_value,
                    share: result.share,
                    inputs: result.inputs,
                };
                (stakeholder.id.clone(), figures)
            })
            .collect()
    })
}

pub fn outcomes(models: &[(Cow<'_, Model>, Results)]) -> Vec<Matched<OutcomeFigures>> {
    match_by_id(models, |model, results| {
        model
            .outcomes
            .iter()
            .zip(&results.outcomes)
            .map(|(outcome, result)| {
                let figures = OutcomeFigures {
                    stakeholder: model.stakeholders[outcome.stakeholder].id.clone(),
                    stakeholder_name: model.stakeholders[outcome.stakeholder].name.clone(),
                    description: outcome.description.clone(),
                    present_value: result.present_value,
                    share: result
                        .present_value
                        .checked_div(results.present_value)
                        // As calc's shares: zero of a total of zero.
                        .unwrap_or(Decimal::ZERO),
                    net_of_deductions: result.net,
                    deadweight: outcome.deadweight,
                    displacement: outcome.displacement,
                    attribution: outcome.attribution,
                    drop_off: outcome.drop_off,
                    duration: outcome.duration,
                    quantities: outcome.quantities.clone(),
                    proxy: outcome.proxy,
                    start_year: outcome.start_year,
                };
                (outcome.id.clone(), figures)
            })
            .collect()
    })
}

/// Gather each model's (id, figures) pairs into one row per id. Ids are
/// unique within a model (the loader refuses duplicates).
fn match_by_id<T>(
    models: &[(Cow<'_, Model>, Results)],
    entries: impl Fn(&Model, &Results) -> Vec<(String, T)>,
) -> Vec<Matched<T>> {
    let mut rows: Vec<Matched<T>> = Vec::new();
    // Models may hold many thousands of outcomes; look ids up, never scan.
    let mut positions: HashMap<String, usize> = HashMap::new();
    for (index, (model, results)) in models.iter().enumerate() {
        for (id, figures) in entries(model, results) {
            let position = *positions.entry(id.clone()).or_insert_with(|| {
                let per_model = (0..models.len()).map(|_| None).collect();
                rows.push(Matched { id, per_model });
                rows.len() - 1
            });
            rows[position].per_model[index] = Some(figures);
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(present: &[bool]) -> Matched<()> {
        Matched {
            id: "x".to_owned(),
            per_model: present.iter().map(|p| p.then_some(())).collect(),
        }
    }

    #[test]
    fn presence_says_who_holds_an_id() {
        assert_eq!(row(&[true, true]).presence(), Presence::All);
        assert_eq!(row(&[false, true]).presence(), Presence::Only(1));
        assert_eq!(
            row(&[true, true, false]).presence(),
            Presence::MissingFrom(vec![2])
        );
    }
}
