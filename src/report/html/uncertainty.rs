//! The report's account of uncertainty: the simulation (its histogram, the
//! chance of a ratio below the target, the mean and percentiles beside the
//! model's ratio), the Sobol ranking of what drives the spread, and the
//! group switching values in words.

use std::fmt::Write;

use super::tables;
use crate::model::Model;
use crate::report::markup::escape;
use crate::report::sensitivity::{self, view as sensitivity_view};
use crate::report::simulation::{self as simulation_report, words};
use crate::report::svg::{histogram, sobol};
use crate::simulate::Simulation;

/// The simulations the report shows.
pub struct Simulated<'a> {
    pub simulation: &'a Simulation,
    /// A run with Sobol indices, when the model is small enough for one.
    pub sobol: Option<&'a Simulation>,
}

pub(super) fn section_simulation(out: &mut String, model: &Model, simulated: &Simulated<'_>) {
    let simulation = simulated.simulation;
    let source = if simulation.by_default {
        "the default uncertainty, centred on the model's values (the README gives the ranges)"
    } else {
        "the distributions the model declares"
    };
    let _ = write!(
        out,
        concat!(
            "<section id=\"simulation\">\n<h2>Simulation</h2>\n",
            "<p>{draws} draws of the {uncertain} uncertain assumptions, from {source} (seed 1). {beside} {why}</p>\n",
            "<figure class=\"chart\">\n{chart}<figcaption>How often each ratio occurs over the draws, with the model's ",
            "own ratio (solid), the simulated mean (dotted) and the target (dashed).</figcaption>\n</figure>\n",
            "<p>The probability that the ratio is below {target} is {below}% (standard error {error} points).</p>\n{table}"
        ),
        draws = crate::report::text::grouped(simulation.draws.into()),
        uncertain = simulation.uncertain,
        source = source,
        beside = escape(&words::beside(simulation)),
        why = escape(&words::why(simulation)),
        chart = histogram::render(model, simulation),
        target = escape(&simulation.target.normalize().to_string()),
        below = simulation_report::percent(simulation.probability_below_target),
        error = simulation_report::percent(simulation.probability_standard_error),
        table = tables::table(&simulation_report::summary(model, simulation), "figures"),
    );
    match simulated.sobol.and_then(|s| s.sobol.as_ref().map(|indices| (s, indices))) {
        Some((run, indices)) => {
            let _ = write!(
                out,
                concat!(
                    "<h3 id=\"sobol\">What drives the spread</h3>\n<p>{evaluations}</p>\n",
                    "<figure class=\"chart\">\n{chart}<figcaption>For each assumption, the share of the ratio's variance ",
                    "it causes alone (first-order) and together with its interactions (total). An assumption with a ",
                    "small total could be fixed anywhere in its range without changing the spread.</figcaption>\n</figure>\n"
                ),
                evaluations = escape(&words::evaluations(indices, run.uncertain)),
                chart = sobol::render(model, indices),
            );
        }
        None => out.push_str(
            "<p class=\"note\">The model has too many uncertain assumptions for Sobol indices in a report; <code>sroi simulate --sobol</code> computes them.</p>\n",
        ),
    }
    out.push_str("</section>\n");
}

/// The group switching values as sentences, before the one-at-a-time table.
pub(super) fn groups(out: &mut String, report: &sensitivity::Report<'_>) {
    let target = report.analysis.target;
    let _ = write!(
        out,
        "<h3 id=\"group-switching\">Switching values for groups</h3>\n<p>One field of many outcomes moved together, the rest held fixed, until the ratio is {} : 1.</p>\n{}",
        escape(&target.normalize().to_string()),
        tables::table(&sensitivity_view::groups(report), "switching")
    );
    if let Some(note) = sensitivity_view::unreachable_groups(report) {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(&note));
    }
}
