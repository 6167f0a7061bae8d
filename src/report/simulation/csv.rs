//! `sroi simulate --format csv`: one row per figure, as `measure`,
//! `statistic`, `value`; the histogram's rows are `ratio_histogram`, the bin
//! as `FROM to TO`, and its count. With `--sobol`, each index is a row
//! `sobol_first_order`, `sobol_total` (and their `_low` and `_high` bounds)
//! with the parameter as the statistic.

use super::{fixed, statistics};
use crate::report::csv::text_cell;
use crate::simulate::Simulation;

pub fn render(model: &crate::model::Model, simulation: &Simulation) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["measure", "statistic", "value"])?;
    // The scenario simulated, under `--scenario`: every output names it.
    if let Some(scenario) = &model.analysis.scenario {
        let name = crate::report::csv::text_cell(&scenario.name);
        writer.write_record(["run", "scenario", name.as_str()])?;
    }
    let run = [
        ("draws", simulation.draws.to_string()),
        ("seed", simulation.seed.to_string()),
        ("target", simulation.target.normalize().to_string()),
        ("uncertain_assumptions", simulation.uncertain.to_string()),
    ];
    for (statistic, value) in run {
        writer.write_record(["run", statistic, &value])?;
    }
    for (measure, summary, places) in [
        ("ratio", &simulation.ratio, 4),
        ("present_value", &simulation.present_value, 2),
    ] {
        for (statistic, value) in statistics(summary) {
            writer.write_record([measure, statistic, &fixed(value, places)])?;
        }
    }
    // The model's own ratio, beside the simulated mean and median above.
    writer.write_record([
        "ratio",
        "model",
        &crate::number::round(simulation.base_ratio, 4).to_string(),
    ])?;
    writer.write_record([
        "ratio",
        "probability_below_target",
        &fixed(simulation.probability_below_target, 4),
    ])?;
    writer.write_record([
        "ratio",
        "probability_standard_error",
        &fixed(simulation.probability_standard_error, 4),
    ])?;
    for (from, to, count) in &simulation.histogram.bins {
        let bin = format!("{} to {}", fixed(*from, 4), fixed(*to, 4));
        writer.write_record(["ratio_histogram", &bin, &count.to_string()])?;
    }
    if let Some(sobol) = &simulation.sobol {
        writer.write_record(["run", "sobol_evaluations", &sobol.evaluations.to_string()])?;
        for index in &sobol.indices {
            let name = text_cell(&index.parameter);
            for (measure, value) in [
                ("sobol_first_order", index.first_order),
                ("sobol_first_order_low", index.first_order_ci[0]),
                ("sobol_first_order_high", index.first_order_ci[1]),
                ("sobol_total", index.total),
                ("sobol_total_low", index.total_ci[0]),
                ("sobol_total_high", index.total_ci[1]),
            ] {
                writer.write_record([measure, &name, &fixed(value, 4)])?;
            }
        }
    }
    let bytes = writer.into_inner().map_err(|error| error.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
