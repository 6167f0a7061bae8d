//! Which assumptions drive the spread: for the assumptions with the largest
//! total Sobol index, two bars each, the first-order index (what the
//! assumption causes alone) and the total (with its interactions), on a
//! scale from 0 to 1, each labelled with its figure.

use super::{Chart, MUTED, RULE, WIDTH, line, rect, text, tooltip};
use crate::model::Model;
use crate::report::markup::{escape, shorten};
use crate::simulate::sobol::{Kind, Sobol};

/// The assumptions drawn; `sroi simulate --sobol` lists every one.
pub const MAX_BARS: usize = 15;

const NAME_WIDTH: f64 = 260.0;
const RIGHT: f64 = WIDTH - 70.0;
const TOP: f64 = 50.0;
const ROW_HEIGHT: f64 = 34.0;
const FIRST: &str = "#009E73";
const TOTAL: &str = "#0072B2";

pub fn render(model: &Model, sobol: &Sobol) -> String {
    let shown: Vec<_> = sobol
        .indices
        .iter()
        .filter(|i| i.kind == Kind::Assumption)
        .take(MAX_BARS)
        .collect();
    let listed: Vec<String> = shown
        .iter()
        .map(|i| {
            format!(
                "{} {:.2} alone, {:.2} in total",
                i.parameter, i.first_order, i.total
            )
        })
        .collect();
    let mut chart = Chart::new(
        "sobol",
        &format!(
            "What drives the spread of the ratio: {}",
            model.analysis.name
        ),
        &format!(
            "Sobol indices, the share of the ratio's variance each assumption causes alone and with its interactions, largest first: {}.",
            listed.join("; ")
        ),
    );
    let x = |share: f64| NAME_WIDTH + (RIGHT - NAME_WIDTH) * share.clamp(0.0, 1.0);
    let bottom = TOP + shown.len().max(1) as f64 * ROW_HEIGHT;
    for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
        chart.push(&line(
            x(tick),
            TOP - 6.0,
            x(tick),
            bottom,
            &format!("stroke=\"{RULE}\" stroke-width=\"0.5\""),
        ));
        chart.push(&text(
            x(tick),
            bottom + 18.0,
            "middle",
            &format!("font-size=\"12\" fill=\"{MUTED}\""),
            &format!("{}", tick),
        ));
    }
    chart.push(&text(
        (NAME_WIDTH + RIGHT) / 2.0,
        bottom + 38.0,
        "middle",
        &format!("fill=\"{MUTED}\""),
        "share of the ratio's variance",
    ));
    chart.push(&rect(
        NAME_WIDTH,
        14.0,
        12.0,
        10.0,
        &format!("fill=\"{FIRST}\""),
    ));
    chart.push(&text(
        NAME_WIDTH + 18.0,
        23.0,
        "start",
        "font-size=\"12\"",
        "first-order (alone)",
    ));
    chart.push(&rect(
        NAME_WIDTH + 170.0,
        14.0,
        12.0,
        10.0,
        &format!("fill=\"{TOTAL}\""),
    ));
    chart.push(&text(
        NAME_WIDTH + 188.0,
        23.0,
        "start",
        "font-size=\"12\"",
        "total (with interactions)",
    ));
    for (row, index) in shown.iter().enumerate() {
        let top = TOP + row as f64 * ROW_HEIGHT;
        chart.push(&format!(
            "<g data-parameter=\"{}\" data-first-order=\"{:.4}\" data-total=\"{:.4}\">{}\n",
            escape(&index.parameter),
            index.first_order,
            index.total,
            tooltip(&format!(
                "{}: first-order {:.3} ({:.3} to {:.3}), total {:.3} ({:.3} to {:.3})",
                index.parameter,
                index.first_order,
                index.first_order_ci[0],
                index.first_order_ci[1],
                index.total,
                index.total_ci[0],
                index.total_ci[1]
            ))
        ));
        chart.push(&text(
            0.0,
            top + 19.0,
            "start",
            "",
            &shorten(
                &index.parameter,
                super::characters_that_fit(NAME_WIDTH - 8.0, 13.0),
            ),
        ));
        for (offset, value, colour) in [(4.0, index.first_order, FIRST), (17.0, index.total, TOTAL)]
        {
            chart.push(&rect(
                x(0.0),
                top + offset,
                x(value) - x(0.0),
                12.0,
                &format!("fill=\"{colour}\" data-bar=\"true\""),
            ));
            chart.push(&text(
                x(value) + 5.0,
                top + offset + 10.0,
                "start",
                "font-size=\"11\"",
                &format!("{value:.2}"),
            ));
        }
        chart.push("</g>\n");
    }
    if shown.is_empty() {
        chart.push(&text(
            WIDTH / 2.0,
            TOP + 20.0,
            "middle",
            "",
            "No assumption is uncertain.",
        ));
    }
    chart.finish(bottom + 48.0)
}
