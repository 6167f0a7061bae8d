//! The simulation as a page: what was drawn, the summary of the ratio and
//! the present value side by side, the probability of falling below the
//! target, the histogram drawn in the terminal, and whether N was enough.

use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

use super::{fixed, words};
use crate::model::Model;
use crate::report::page::{Block, Page};
use crate::report::text;
use crate::report::view::{Align, Section};
use crate::simulate::Simulation;
use crate::simulate::sobol::{Index, Kind, Sobol};

const BAR_WIDTH: usize = 30;

pub fn page(model: &Model, simulation: &Simulation) -> Page {
    let source = if simulation.by_default {
        "the default uncertainty, as the model declares none: triangular and centred on the model's values, ±20% around each proxy and quantity, ±10 points around each deduction and drop-off (narrowed near 0% and 100%, so a deduction at 0% stays 0%)"
    } else {
        "as declared in the model"
    };
    let lines = vec![
        format!(
            "{} draws, seed {}; {} assumptions uncertain, {source}",
            text::grouped(Decimal::from(simulation.draws)),
            simulation.seed,
            simulation.uncertain
        ),
        words::beside(simulation),
    ];
    let target = simulation.target.normalize();
    let blocks = vec![
        Block::table(summary(model, simulation)),
        Block::Note(words::why(simulation)),
        Block::Note(format!(
            "Probability that the ratio is below {target}: {}% (standard error {} points).",
            fixed(simulation.probability_below_target * 100.0, 2),
            fixed(simulation.probability_standard_error * 100.0, 2)
        )),
        Block::Note(format!(
            "The mean ratio is known to about ±{} (two standard errors); more draws narrow it by √N.",
            fixed(2.0 * simulation.ratio.standard_error, 4)
        )),
        Block::table(histogram(simulation)),
    ];
    let mut blocks = blocks;
    if let Some(sobol) = &simulation.sobol {
        blocks.extend(sobol_blocks(sobol, simulation.uncertain));
    }
    let lines = crate::report::view::about(model).into_iter().chain(lines);
    Page {
        title: format!("Simulation of {}", model.analysis.title()),
        blocks: std::iter::once(Block::Lines(lines.collect()))
            .chain(blocks)
            .collect(),
    }
}

pub(crate) fn summary(model: &Model, simulation: &Simulation) -> Section {
    let money = |value: f64| {
        Decimal::from_f64(value).map_or_else(
            || fixed(value, 2),
            |d| text::money(d, &model.analysis.currency),
        )
    };
    let (ratio, pv) = (&simulation.ratio, &simulation.present_value);
    let rows = [
        ("Mean", ratio.mean, pv.mean),
        ("Standard deviation", ratio.sd, pv.sd),
        ("5th percentile", ratio.p5, pv.p5),
        ("Median", ratio.p50, pv.p50),
        ("95th percentile", ratio.p95, pv.p95),
        ("Smallest", ratio.min, pv.min),
        ("Largest", ratio.max, pv.max),
        (
            "Standard error of the mean",
            ratio.standard_error,
            pv.standard_error,
        ),
    ];
    Section {
        title: "Ratio and present value over the draws",
        columns: vec![
            ("Statistic", Align::Left),
            ("Ratio", Align::Right),
            ("Present value", Align::Right),
        ],
        rows: rows
            .into_iter()
            .map(|(label, r, v)| {
                let places = if label.starts_with("Standard error") {
                    4
                } else {
                    2
                };
                vec![label.to_owned(), fixed(r, places), money(v)]
            })
            .collect(),
    }
}

fn histogram(simulation: &Simulation) -> Section {
    let bins = &simulation.histogram.bins;
    let largest = bins
        .iter()
        .map(|(_, _, count)| *count)
        .max()
        .unwrap_or(1)
        .max(1);
    let draws = simulation.draws.max(1) as f64;
    let rows = bins
        .iter()
        .map(|(from, to, count)| {
            let share = Decimal::from(*count) / Decimal::from(largest);
            vec![
                format!("{} to {}", fixed(*from, 2), fixed(*to, 2)),
                text::grouped(Decimal::from(*count)),
                format!("{}%", fixed(*count as f64 / draws * 100.0, 1)),
                text::bar(share, BAR_WIDTH),
            ]
        })
        .collect();
    Section {
        title: "Distribution of the ratio",
        columns: vec![
            ("Ratio", Align::Right),
            ("Draws", Align::Right),
            ("Share", Align::Right),
            ("", Align::Left),
        ],
        rows,
    }
}

/// Assumptions shown in the Sobol table; JSON and CSV have every one.
const SOBOL_ROWS: usize = 20;

fn sobol_blocks(sobol: &Sobol, uncertain: usize) -> Vec<Block> {
    let mut blocks = vec![Block::Note(words::evaluations(sobol, uncertain))];
    if sobol.indices.is_empty() {
        blocks.push(Block::Note(
            "The ratio is the same in every draw, so there is no variance to share out.".to_owned(),
        ));
        return blocks;
    }
    let of =
        |kind: Kind| -> Vec<&Index> { sobol.indices.iter().filter(|i| i.kind == kind).collect() };
    let assumptions = of(Kind::Assumption);
    let shown = assumptions.len().min(SOBOL_ROWS);
    blocks.push(Block::table(sobol_table(
        "Which assumptions drive the spread: Sobol indices (largest total first)",
        &assumptions[..shown],
    )));
    if shown < assumptions.len() {
        blocks.push(Block::Note(format!(
            "The {shown} largest of {} assumptions; JSON and CSV have every one.",
            assumptions.len()
        )));
    }
    blocks.push(Block::Note(
        "First-order: the share of the ratio's variance that the assumption causes alone. Total: with its interactions with the others. A total near zero means the assumption could be fixed at any value in its range without changing the spread.".to_owned(),
    ));
    blocks.push(Block::table(sobol_table(
        "Sobol indices summed by field",
        &of(Kind::Field),
    )));
    blocks.push(Block::table(sobol_table(
        "Sobol indices summed by outcome",
        &of(Kind::Outcome),
    )));
    blocks
}

fn sobol_table(title: &'static str, indices: &[&Index]) -> Section {
    let interval = |ci: [f64; 2]| format!("{} to {}", fixed(ci[0], 3), fixed(ci[1], 3));
    let rows = indices
        .iter()
        .map(|index| {
            let share = Decimal::from_f64(index.total.clamp(0.0, 1.0)).unwrap_or_default();
            vec![
                index.parameter.clone(),
                fixed(index.first_order, 3),
                interval(index.first_order_ci),
                fixed(index.total, 3),
                interval(index.total_ci),
                text::bar(share, BAR_WIDTH),
            ]
        })
        .collect();
    Section {
        title,
        columns: vec![
            ("Parameter", Align::Left),
            ("First-order", Align::Right),
            ("95% interval", Align::Right),
            ("Total", Align::Right),
            ("95% interval", Align::Right),
            ("", Align::Left),
        ],
        rows,
    }
}
