//! The simulated ratio as a histogram: one bar per bin of the draws, with
//! the model's own ratio as a solid line, the simulated mean as a dotted
//! one and the target dashed, each labelled, so the chart reads without
//! colour. The counts are in `data-` attributes.

use super::scale::{Linear, ticks};
use super::{Chart, MUTED, RULE, WIDTH, line, rect, text, tooltip};
use crate::model::Model;
use crate::report::simulation::words;
use crate::simulate::Simulation;

const LEFT: f64 = 70.0;
const RIGHT: f64 = WIDTH - 30.0;
const TOP: f64 = 56.0;
const PLOT_HEIGHT: f64 = 260.0;
const BAR: &str = "#0072B2";

pub fn render(model: &Model, simulation: &Simulation) -> String {
    let below = simulation.probability_below_target * 100.0;
    let target = simulation.target.as_f64();
    let base = simulation.base_ratio.as_f64();
    let mut chart = Chart::new(
        "histogram",
        &format!("Simulated ratio: {}", model.analysis.name),
        &format!(
            "The ratio over {} draws of the uncertain assumptions. {} {below:.1}% of the draws are below the target of {}.",
            simulation.draws,
            words::beside(simulation),
            simulation.target.normalize()
        ),
    );
    let bins = &simulation.histogram.bins;
    let low = bins.first().map_or(base, |b| b.0).min(base).min(target);
    let high = bins.last().map_or(base, |b| b.1).max(base).max(target);
    let (tick_values, domain) = ticks(low, high, 8);
    let x = Linear::new(domain, (LEFT, RIGHT));
    let most = bins.iter().map(|b| b.2).max().unwrap_or(1).max(1) as f64;
    let bottom = TOP + PLOT_HEIGHT;
    let y = |count: u64| bottom - PLOT_HEIGHT * count as f64 / most;
    for &tick in &tick_values {
        chart.push(&line(
            x.at(tick),
            bottom,
            x.at(tick),
            bottom + 5.0,
            &format!("stroke=\"{RULE}\""),
        ));
        chart.push(&text(
            x.at(tick),
            bottom + 20.0,
            "middle",
            &format!("font-size=\"12\" fill=\"{MUTED}\""),
            &trim(tick),
        ));
    }
    chart.push(&line(
        LEFT,
        bottom,
        RIGHT,
        bottom,
        &format!("stroke=\"{RULE}\""),
    ));
    chart.push(&text(
        (LEFT + RIGHT) / 2.0,
        bottom + 42.0,
        "middle",
        &format!("fill=\"{MUTED}\""),
        "SROI ratio",
    ));
    let draws = simulation.draws.max(1) as f64;
    for (from, to, count) in bins {
        chart.push(&format!(
            "<g data-from=\"{from:.4}\" data-to=\"{to:.4}\" data-count=\"{count}\">{}",
            tooltip(&format!(
                "ratio {from:.2} to {to:.2}: {count} draws ({:.1}%)",
                *count as f64 / draws * 100.0
            ))
        ));
        let (left, right) = (x.at(*from), x.at(*to));
        chart.push(&rect(
            left + 0.5,
            y(*count),
            (right - left - 1.0).max(0.5),
            bottom - y(*count),
            &format!("fill=\"{BAR}\" data-bar=\"true\""),
        ));
        chart.push("</g>\n");
    }
    let marker = |chart: &mut Chart, value: f64, dash: &str, label: &str, row: f64| {
        chart.push(&line(
            x.at(value),
            TOP - 8.0,
            x.at(value),
            bottom,
            &format!("stroke=\"#1a1a1a\" stroke-width=\"2\"{dash}"),
        ));
        chart.push(&text(
            x.at(value),
            TOP - 12.0 - row * 16.0,
            "middle",
            "font-size=\"12\"",
            label,
        ));
    };
    marker(&mut chart, base, "", &format!("model {}", trim(base)), 0.0);
    marker(
        &mut chart,
        simulation.ratio.mean,
        " stroke-dasharray=\"1 3\"",
        &format!("mean {}", trim(simulation.ratio.mean)),
        1.0,
    );
    if target >= domain.0 && target <= domain.1 {
        marker(
            &mut chart,
            target,
            " stroke-dasharray=\"5 3\"",
            &format!(
                "target {} ({below:.1}% below)",
                simulation.target.normalize()
            ),
            2.0,
        );
    }
    chart.finish(bottom + 56.0)
}

/// A ratio to two places, without needless zeros.
fn trim(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_are_labelled_to_two_places() {
        assert_eq!(trim(3.0), "3");
        assert_eq!(trim(3.456), "3.46");
        assert_eq!(trim(-0.001), "0");
    }
}
