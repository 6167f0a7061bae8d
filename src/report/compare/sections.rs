//! The tables of a comparison, one function each: which model is which, the
//! headline figures with their differences from A, value by stakeholder and
//! by outcome, the weighted deductions, and the conventions.

use rust_decimal::Decimal;

use super::cells::{NONE, change, letter, relative, signed, value};
use crate::compare::{
    Comparison, Convention, Deduction, DeductionGap, Figure, FigureKind, Matched, Presence,
};
use crate::number::round;
use crate::report::view::Align;
use crate::report::{names, text};

/// A table whose columns are only known once the models are: a page's table.
pub use crate::report::page::Table as Grid;

pub fn models(c: &Comparison) -> Grid {
    let rows = c
        .models
        .iter()
        .enumerate()
        .map(|(i, m)| {
            vec![
                letter(i),
                m.path.clone(),
                m.name.clone(),
                m.scenario
                    .as_ref()
                    .map_or_else(|| "as written".to_owned(), |s| s.name.clone()),
                if m.reconstruction.is_some() {
                    "reconstruction, not the assured analysis"
                } else {
                    ""
                }
                .to_owned(),
                m.currency.clone(),
            ]
        })
        .collect();
    Grid {
        title: "Models".to_owned(),
        columns: left(&["Model", "File", "Name", "Scenario", "Basis", "Currency"]),
        rows,
    }
}

pub fn headline(c: &Comparison) -> Grid {
    let mut columns = left(&["Figure"]);
    columns.extend(per_model(c, &[""]));
    for i in later(c) {
        columns.push((format!("{} − A", letter(i)), Align::Right));
        columns.push((format!("{} − A (%)", letter(i)), Align::Right));
    }
    let base_currency = currency(c, 0);
    let rows = Figure::ALL
        .into_iter()
        .map(|figure| {
            let mut row = vec![figure.label().to_owned()];
            for (i, model) in c.models.iter().enumerate() {
                row.push(value(
                    figure.kind(),
                    model.headline.get(figure),
                    currency(c, i),
                ));
            }
            for i in later(c) {
                let difference = c.difference(i, figure);
                row.push(change(
                    figure.kind(),
                    c.models[0].headline.get(figure),
                    c.models[i].headline.get(figure),
                    base_currency,
                ));
                row.push(relative(difference));
            }
            row
        })
        .collect();
    Grid {
        title: "Headline".to_owned(),
        columns,
        rows,
    }
}

pub fn stakeholders(c: &Comparison) -> Grid {
    let rows = c
        .stakeholders
        .iter()
        .map(|s| {
            let name = s.first().map_or("", |f| f.name.as_str());
            let mut row = value_share_row(c, s, vec![s.id.clone(), name.to_owned()], |f| {
                (f.present_value, f.share)
            });
            // The same id may carry each council's own name; the note says
            // each other name, as its model writes it.
            let renamed: Vec<String> = (0..s.per_model.len())
                .filter_map(|i| {
                    let other = s.per_model[i].as_ref().filter(|f| f.name != name)?;
                    Some(format!("named “{}” in {}", other.name, letter(i)))
                })
                .collect();
            if !renamed.is_empty() {
                add_note(&mut row, &renamed.join("; "));
            }
            row
        })
        .collect();
    Grid {
        title: "Social value by stakeholder".to_owned(),
        columns: value_share_columns(c, &["Stakeholder", "Name"]),
        rows,
    }
}

pub fn outcomes(c: &Comparison) -> Grid {
    let rows = c
        .outcomes
        .iter()
        .map(|o| {
            let mut stakeholders: Vec<&str> = Vec::new();
            for figures in o.per_model.iter().flatten() {
                if !stakeholders.contains(&figures.stakeholder_name.as_str()) {
                    stakeholders.push(&figures.stakeholder_name);
                }
            }
            let name = o.first().map_or_else(
                || o.id.clone(),
                |f| names::outcome(f.description.as_deref(), &o.id),
            );
            let leading = vec![name, stakeholders.join(" / ")];
            value_share_row(c, o, leading, |f| (f.present_value, f.share))
        })
        .collect();
    Grid {
        title: "Value by outcome".to_owned(),
        columns: value_share_columns(c, &["Outcome", "Stakeholder"]),
        rows,
    }
}

pub fn deductions(c: &Comparison) -> Grid {
    let mut columns = left(&["Deduction"]);
    columns.extend(per_model(c, &[""]));
    columns.extend(later(c).map(|i| (format!("{} − A", letter(i)), Align::Right)));
    columns.push(("Note".to_owned(), Align::Left));
    let rows = Deduction::ALL
        .into_iter()
        .map(|deduction| {
            let averages: Vec<Option<Decimal>> = c
                .models
                .iter()
                .map(|m| m.deductions.get(deduction))
                .collect();
            let mut row = vec![deduction.label().to_owned()];
            row.extend(
                averages
                    .iter()
                    .map(|a| a.map_or(NONE.to_owned(), |a| text::percent(a, 2))),
            );
            for i in later(c) {
                row.push(match (averages[0], averages[i]) {
                    // The difference of the percentages as shown, to 2 places.
                    (Some(a), Some(b)) => {
                        let points = |share: Decimal| round(share * Decimal::ONE_HUNDRED, 2);
                        let gap = points(b) - points(a);
                        signed(gap, format!("{} pp", gap.abs()))
                    }
                    _ => NONE.to_owned(),
                });
            }
            row.push(gap_note(c, deduction));
            row
        })
        .collect();
    Grid {
        title: "Deductions, averaged over outcomes weighted by absolute present value".to_owned(),
        columns,
        rows,
    }
}

pub fn conventions(c: &Comparison) -> Grid {
    let mut columns = left(&["Convention"]);
    columns.extend(
        c.models
            .iter()
            .enumerate()
            .map(|(i, _)| (letter(i), Align::Left)),
    );
    columns.push(("Note".to_owned(), Align::Left));
    let rows = Convention::ALL
        .into_iter()
        .map(|convention| {
            let mut row = vec![convention.label().to_owned()];
            row.extend(c.models.iter().map(|m| convention.value(&m.conventions)));
            let differs = c.convention_differences.contains(&convention);
            row.push(if differs { "differs" } else { "" }.to_owned());
            row
        })
        .collect();
    Grid {
        title: "Conventions (as written in each model)".to_owned(),
        columns,
        rows,
    }
}

/// Why a weighted deduction differs from A's, for each later model whose does.
fn gap_note(c: &Comparison, deduction: Deduction) -> String {
    let notes: Vec<String> = later(c)
        .filter_map(|i| {
            let why = match c.assumptions.gap(i, deduction) {
                DeductionGap::None => return None,
                DeductionGap::MixOnly => {
                    "only the mix of outcomes differs: each shared outcome has the same rate"
                }
                DeductionGap::Rates => "shared outcomes have different rates",
            };
            Some(if c.models.len() > 2 {
                format!("{}: {why}", letter(i))
            } else {
                why.to_owned()
            })
        })
        .collect();
    notes.join("; ")
}

/// Leading columns, then value and share per model, a difference from A
/// per later model, and a note on who holds the row.
fn value_share_columns(c: &Comparison, leading: &[&str]) -> Vec<(String, Align)> {
    let mut columns = left(leading);
    columns.extend(per_model(c, &[" value", " share"]));
    columns.extend(later(c).map(|i| (format!("{} − A", letter(i)), Align::Right)));
    columns.push(("Note".to_owned(), Align::Left));
    columns
}

fn value_share_row<T>(
    c: &Comparison,
    matched: &Matched<T>,
    mut row: Vec<String>,
    figures: impl Fn(&T) -> (Decimal, Decimal),
) -> Vec<String> {
    let pairs: Vec<Option<(Decimal, Decimal)>> = matched
        .per_model
        .iter()
        .map(|f| f.as_ref().map(&figures))
        .collect();
    for (i, pair) in pairs.iter().enumerate() {
        match pair {
            Some((value, share)) => {
                row.push(text::money(*value, currency(c, i)));
                row.push(text::percent(*share, 2));
            }
            None => row.extend([NONE.to_owned(), NONE.to_owned()]),
        }
    }
    for i in later(c) {
        row.push(change(
            FigureKind::Money,
            pairs[0].map(|(a, _)| a),
            pairs[i].map(|(b, _)| b),
            currency(c, 0),
        ));
    }
    row.push(presence_note(&matched.presence()));
    row
}

/// Append to the row's last cell, the note.
fn add_note(row: &mut [String], note: &str) {
    if let Some(cell) = row.last_mut() {
        if !cell.is_empty() {
            cell.push_str("; ");
        }
        cell.push_str(note);
    }
}

fn presence_note(presence: &Presence) -> String {
    match presence {
        Presence::All => String::new(),
        Presence::Only(i) => format!("only in {}", letter(*i)),
        Presence::MissingFrom(missing) => {
            let letters: Vec<String> = missing.iter().map(|&i| letter(i)).collect();
            format!("not in {}", letters.join(", "))
        }
    }
}

fn per_model(c: &Comparison, suffixes: &[&str]) -> Vec<(String, Align)> {
    (0..c.models.len())
        .flat_map(|i| {
            suffixes
                .iter()
                .map(move |s| (format!("{}{s}", letter(i)), Align::Right))
        })
        .collect()
}

fn later(c: &Comparison) -> std::ops::Range<usize> {
    1..c.models.len()
}

fn currency(c: &Comparison, index: usize) -> &str {
    c.models.get(index).map_or("GBP", |m| m.currency.as_str())
}

fn left(names: &[&str]) -> Vec<(String, Align)> {
    names
        .iter()
        .map(|n| ((*n).to_owned(), Align::Left))
        .collect()
}
