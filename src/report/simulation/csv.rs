//! `sroi simulate --format csv`: one row per figure, as `measure`,
//! `statistic`, `value`; the histogram's rows are `ratio_histogram`, the bin
//! as `FROM to TO`, and its count.

use super::{fixed, statistics};
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
    let bytes = writer.into_inner().map_err(|error| error.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
