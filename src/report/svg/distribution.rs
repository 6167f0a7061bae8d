//! The social value distribution, drawn as the 2016 Local Area Coordination
//! report drew it: the inputs, the present value they create and the ratio
//! across the top, then who receives the value, one labelled bar per
//! stakeholder, largest first, with what each stakeholder puts in beside it.

use rust_decimal::Decimal;

use super::scale::Linear;
use super::{Chart, MUTED, RULE, WIDTH, line, num, palette, rect, text, to_f64, tooltip};
use crate::calc::Results;
use crate::model::Model;
use crate::number::round;
use crate::report::markup::escape;
use crate::report::text as words;

/// At most this many stakeholders get a bar of their own; the rest share one.
pub const MAX_BARS: usize = 20;

const TILE_TOP: f64 = 8.0;
const TILE_HEIGHT: f64 = 124.0;
const TILE_WIDTH: f64 = 276.0;
const BARS_TOP: f64 = 210.0;
const ROW_HEIGHT: f64 = 42.0;
const BAR_HEIGHT: f64 = 15.0;
/// Room right of the longest bar for its value and share.
const LABEL_ROOM: f64 = 230.0;

/// One bar: a stakeholder, or the stakeholders beyond `MAX_BARS` together.
struct Bar<'a> {
    id: Option<&'a str>,
    name: String,
    value: Decimal,
    share: Decimal,
    inputs: Decimal,
    fill: &'static str,
}

pub fn render(model: &Model, results: &Results) -> String {
    let currency = &model.analysis.currency;
    let bars = bars(model, results);
    let mut chart = Chart::new(
        "distribution",
        &format!("Social value distribution: {}", model.analysis.name),
        &description(model, results, &bars),
    );
    tiles(&mut chart, model, results);
    chart.push(&text(
        0.0,
        BARS_TOP - 22.0,
        "start",
        "font-size=\"16\" font-weight=\"700\"",
        "Who receives the value",
    ));
    chart.push(&text(
        WIDTH,
        BARS_TOP - 22.0,
        "end",
        &format!("fill=\"{MUTED}\""),
        "present value and share of the total, by stakeholder",
    ));
    let low = bars.iter().map(|b| to_f64(b.value)).fold(0.0, f64::min);
    let high = bars.iter().map(|b| to_f64(b.value)).fold(0.0, f64::max);
    let scale = Linear::new((low, high), (0.0, WIDTH - LABEL_ROOM));
    let zero = scale.at(0.0);
    for (row, bar) in bars.iter().enumerate() {
        let top = BARS_TOP + row as f64 * ROW_HEIGHT;
        draw_bar(&mut chart, bar, top, &scale, currency);
    }
    let bottom = BARS_TOP + bars.len() as f64 * ROW_HEIGHT;
    // The zero line, so that a negative bar reads as one.
    chart.push(&line(
        zero,
        BARS_TOP - 4.0,
        zero,
        bottom - 6.0,
        &format!("stroke=\"{RULE}\" stroke-width=\"1\""),
    ));
    chart.finish(bottom + 4.0)
}

/// Every stakeholder with value or inputs, largest value first; beyond
/// `MAX_BARS`, the rest are summed into one grey bar.
fn bars<'a>(model: &'a Model, results: &Results) -> Vec<Bar<'a>> {
    let ranked = palette::ranked(results);
    let own = if ranked.len() > MAX_BARS {
        MAX_BARS - 1
    } else {
        ranked.len()
    };
    let mut bars: Vec<Bar<'a>> = ranked[..own]
        .iter()
        .enumerate()
        .map(|(rank, &index)| {
            let stakeholder = &model.stakeholders[index];
            let result = &results.stakeholders[index];
            Bar {
                id: Some(&stakeholder.id),
                name: stakeholder.name.clone(),
                value: result.present_value,
                share: result.share,
                inputs: result.inputs,
                fill: palette::colour(rank),
            }
        })
        .collect();
    let rest = &ranked[own..];
    if !rest.is_empty() {
        let sum = |field: fn(&crate::calc::StakeholderResult) -> Decimal| {
            rest.iter().fold(Decimal::ZERO, |total, &i| {
                total.saturating_add(field(&results.stakeholders[i]))
            })
        };
        bars.push(Bar {
            id: None,
            name: format!("{} other stakeholders", rest.len()),
            value: sum(|s| s.present_value),
            share: sum(|s| s.share),
            inputs: sum(|s| s.inputs),
            fill: palette::OTHER,
        });
    }
    bars
}

/// The three figures across the top: inputs → present value = ratio.
fn tiles(chart: &mut Chart, model: &Model, results: &Results) {
    let currency = &model.analysis.currency;
    let inputs_label = if model.conventions.inputs_discounted {
        "INPUTS (DISCOUNTED)"
    } else {
        "INPUTS"
    };
    let npv = format!(
        "net present value {}",
        words::money(results.net_present_value, currency)
    );
    let tiles = [
        Tile {
            figure: "inputs",
            value: Some(round(results.inputs_total, 2)),
            label: inputs_label,
            big: words::money_short(results.inputs_total, currency),
            exact: words::money(results.inputs_total, currency),
            note: String::new(),
        },
        Tile {
            figure: "present_value",
            value: Some(round(results.present_value, 2)),
            label: "SOCIAL VALUE (PRESENT VALUE)",
            big: words::money_short(results.present_value, currency),
            exact: words::money(results.present_value, currency),
            note: npv,
        },
        Tile {
            figure: "ratio",
            value: Some(round(results.ratio, 4)),
            label: "SROI RATIO",
            big: format!("{} : 1", words::ratio(Some(results.ratio))),
            exact: words::for_every_unit(results.ratio, currency),
            note: String::new(),
        },
    ];
    let gap = (WIDTH - 3.0 * TILE_WIDTH) / 2.0;
    for (index, tile) in tiles.iter().enumerate() {
        let x = index as f64 * (TILE_WIDTH + gap);
        draw_tile(chart, tile, x);
        if index == 2 {
            break;
        }
        // An arrow from inputs to value, and "=" from value to the ratio.
        let middle = x + TILE_WIDTH + gap / 2.0;
        let y = TILE_TOP + TILE_HEIGHT / 2.0;
        if index == 0 {
            chart.push(&format!(
                "<path d=\"M{} {}h{}m-8 -7l8 7l-8 7\" fill=\"none\" stroke=\"{MUTED}\" stroke-width=\"3\" aria-hidden=\"true\"/>\n",
                num(middle - 16.0),
                num(y),
                num(30.0)
            ));
        } else {
            chart.push(&text(
                middle,
                y + 11.0,
                "middle",
                &format!("font-size=\"32\" fill=\"{MUTED}\" aria-hidden=\"true\""),
                "=",
            ));
        }
    }
    // The net present value sits under the middle tile.
    let npv_value = round(results.net_present_value, 2);
    let x = TILE_WIDTH + gap + TILE_WIDTH / 2.0;
    chart.push(&format!(
        "<g data-figure=\"net_present_value\" data-value=\"{npv_value}\">\n"
    ));
    chart.push(&text(
        x,
        TILE_TOP + TILE_HEIGHT + 22.0,
        "middle",
        &format!("fill=\"{MUTED}\""),
        &tiles[1].note,
    ));
    chart.push("</g>\n");
}

struct Tile {
    /// The name of the figure in `sroi calc --format json`.
    figure: &'static str,
    /// The figure as the JSON rounds it, for anyone checking the chart.
    value: Option<Decimal>,
    label: &'static str,
    big: String,
    exact: String,
    note: String,
}

fn draw_tile(chart: &mut Chart, tile: &Tile, x: f64) {
    let value = tile
        .value
        .map_or_else(String::new, |v| format!(" data-value=\"{v}\""));
    chart.push(&format!(
        "<g data-figure=\"{}\"{value}>\n",
        escape(tile.figure)
    ));
    chart.push(&format!(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"#f3f5f7\" stroke=\"{RULE}\"/>\n",
        num(x),
        num(TILE_TOP),
        num(TILE_WIDTH),
        num(TILE_HEIGHT)
    ));
    let middle = x + TILE_WIDTH / 2.0;
    chart.push(&text(
        middle,
        TILE_TOP + 26.0,
        "middle",
        &format!("font-size=\"12\" font-weight=\"600\" letter-spacing=\"1\" fill=\"{MUTED}\""),
        tile.label,
    ));
    chart.push(&text(
        middle,
        TILE_TOP + 72.0,
        "middle",
        "font-size=\"38\" font-weight=\"700\"",
        &tile.big,
    ));
    chart.push(&text(
        middle,
        TILE_TOP + 102.0,
        "middle",
        &format!("font-size=\"13\" fill=\"{MUTED}\""),
        &tile.exact,
    ));
    chart.push("</g>\n");
}

fn draw_bar(chart: &mut Chart, bar: &Bar<'_>, top: f64, scale: &Linear, currency: &str) {
    let zero = scale.at(0.0);
    let end = scale.at(to_f64(bar.value));
    let value = words::money(bar.value, currency);
    let share = words::percent(bar.share, 2);
    let inputs = if bar.inputs.is_zero() {
        String::new()
    } else {
        format!("puts in {}", words::money(bar.inputs, currency))
    };
    let identity = match bar.id {
        Some(id) => format!("data-stakeholder=\"{}\"", escape(id)),
        None => "data-others=\"true\"".to_owned(),
    };
    chart.push(&format!(
        "<g {identity} data-value=\"{}\" data-share=\"{}\">",
        round(bar.value, 2),
        round(bar.share, 4)
    ));
    chart.push(&tooltip(&format!(
        "{}: {value}, {share} of the present value{}",
        bar.name,
        if inputs.is_empty() {
            String::new()
        } else {
            format!("; {inputs}")
        }
    )));
    chart.push("\n");
    // The name, shortened to leave room for the inputs after it.
    let inputs_room = if inputs.is_empty() {
        0.0
    } else {
        inputs.chars().count() as f64 * 7.6 + 24.0
    };
    // Names are bold, a little wider than the average the helper assumes.
    let name_fits = super::characters_that_fit(WIDTH - inputs_room, 14.5);
    let name = crate::report::markup::shorten(&bar.name, name_fits);
    chart.push(&format!(
        "<text x=\"0\" y=\"{}\" font-weight=\"600\">{}{}</text>\n",
        num(top + 12.0),
        escape(&name),
        if inputs.is_empty() {
            String::new()
        } else {
            format!(
                "<tspan font-weight=\"400\" fill=\"{MUTED}\"> · {}</tspan>",
                escape(&inputs)
            )
        }
    ));
    chart.push(&rect(
        zero,
        top + 18.0,
        end - zero,
        BAR_HEIGHT,
        &format!("fill=\"{}\" data-bar=\"true\"", bar.fill),
    ));
    // The label starts right of the bar, or right of the zero line for a
    // negative bar, so it never covers the name of the row below.
    chart.push(&text(
        end.max(zero) + 8.0,
        top + 30.0,
        "start",
        "",
        &format!("{value} · {share}"),
    ));
    chart.push("</g>\n");
}

/// What a screen reader says for the chart: the headline, then each bar.
fn description(model: &Model, results: &Results, bars: &[Bar<'_>]) -> String {
    let currency = &model.analysis.currency;
    let mut out = format!(
        "Inputs {}; present value {}; net present value {}; SROI ratio {} : 1. ",
        words::money(results.inputs_total, currency),
        words::money(results.present_value, currency),
        words::money(results.net_present_value, currency),
        words::ratio(Some(results.ratio))
    );
    let parts: Vec<String> = bars
        .iter()
        .map(|bar| {
            format!(
                "{} {} ({})",
                bar.name,
                words::money(bar.value, currency),
                words::percent(bar.share, 2)
            )
        })
        .collect();
    out.push_str("Present value by stakeholder: ");
    out.push_str(&parts.join("; "));
    out.push('.');
    out
}
