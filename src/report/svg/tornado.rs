//! The sensitivity tornado: for the assumptions that move the ratio most, a
//! bar from the ratio with the assumption moved one way to the ratio with it
//! moved the other, either side of the base ratio. Each end is labelled with
//! the ratio and the value that gives it, so the chart reads without colour.

use rust_decimal::Decimal;

use super::scale::{Linear, ticks};
use super::{Chart, MUTED, RULE, WIDTH, line, rect, text, to_f64, tooltip};
use crate::model::Model;
use crate::number::round;
use crate::report::markup::{escape, shorten};
use crate::report::sensitivity::words;
use crate::sensitivity::{Analysis, Swing};

/// The widest swings drawn; the switching table and `sroi sensitivity` have the rest.
pub const MAX_BARS: usize = 15;

const NAME_WIDTH: f64 = 230.0;
/// Room either side of the bars for the end labels.
const LABEL_ROOM: f64 = 150.0;
const TOP: f64 = 58.0;
const ROW_HEIGHT: f64 = 30.0;
const BAR_HEIGHT: f64 = 16.0;

/// Below the base ratio, and above it: two colours of the colour-blind-safe palette.
const LOWER: &str = "#D55E00";
const HIGHER: &str = "#0072B2";

pub fn render(model: &Model, analysis: &Analysis) -> String {
    let shown = &analysis.tornado[..analysis.tornado.len().min(MAX_BARS)];
    let mut chart = Chart::new(
        "tornado",
        &format!("Sensitivity of the ratio: {}", model.analysis.name),
        &description(model, analysis, shown),
    );
    let base = to_f64(analysis.ratio);
    let low = shown
        .iter()
        .map(|s| to_f64(s.low.ratio.min(s.high.ratio)))
        .fold(base, f64::min);
    let high = shown
        .iter()
        .map(|s| to_f64(s.low.ratio.max(s.high.ratio)))
        .fold(base, f64::max);
    let (tick_values, domain) = ticks(low, high, 6);
    let left = NAME_WIDTH + LABEL_ROOM;
    let right = WIDTH - LABEL_ROOM;
    let x = Linear::new(domain, (left, right));
    let bottom = TOP + shown.len().max(1) as f64 * ROW_HEIGHT;

    for &tick in &tick_values {
        chart.push(&line(
            x.at(tick),
            TOP - 6.0,
            x.at(tick),
            bottom,
            &format!("stroke=\"{RULE}\" stroke-width=\"0.5\""),
        ));
        chart.push(&text(
            x.at(tick),
            bottom + 18.0,
            "middle",
            &format!("font-size=\"12\" fill=\"{MUTED}\""),
            &trim_tick(tick),
        ));
    }
    chart.push(&text(
        (left + right) / 2.0,
        bottom + 38.0,
        "middle",
        &format!("fill=\"{MUTED}\""),
        "SROI ratio",
    ));
    let target = to_f64(analysis.target);
    if target >= domain.0 && target <= domain.1 {
        chart.push(&line(
            x.at(target),
            TOP - 6.0,
            x.at(target),
            bottom,
            &format!("stroke=\"{MUTED}\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\""),
        ));
        chart.push(&text(
            x.at(target),
            TOP - 34.0,
            "middle",
            &format!("font-size=\"12\" fill=\"{MUTED}\""),
            &format!("target {}", analysis.target.normalize()),
        ));
    }

    for (row, swing) in shown.iter().enumerate() {
        draw_swing(
            &mut chart,
            model,
            swing,
            TOP + row as f64 * ROW_HEIGHT,
            &x,
            base,
        );
    }
    chart.push(&line(
        x.at(base),
        TOP - 10.0,
        x.at(base),
        bottom + 2.0,
        "stroke=\"#1a1a1a\" stroke-width=\"2\"",
    ));
    chart.push(&format!(
        "<g data-figure=\"ratio\" data-value=\"{}\">{}</g>\n",
        round(analysis.ratio, 4),
        text(
            x.at(base),
            TOP - 14.0,
            "middle",
            "font-size=\"12\" font-weight=\"700\"",
            &format!("base {}", words::ratio(analysis.ratio))
        )
        .trim_end()
    ));
    if shown.is_empty() {
        chart.push(&text(
            WIDTH / 2.0,
            TOP + 20.0,
            "middle",
            "",
            "No assumption to vary.",
        ));
    }
    chart.finish(bottom + 48.0)
}

fn draw_swing(chart: &mut Chart, model: &Model, swing: &Swing, top: f64, x: &Linear, base: f64) {
    let (lower, higher) = if swing.low.ratio <= swing.high.ratio {
        (&swing.low, &swing.high)
    } else {
        (&swing.high, &swing.low)
    };
    // The id stays in the data attribute, for programs; people read the name.
    let id = swing.parameter.name(model);
    let name = words::parameter(model, swing.parameter);
    let show = |value| words::value(model, swing.parameter, value);
    let (lower_x, higher_x) = (x.at(to_f64(lower.ratio)), x.at(to_f64(higher.ratio)));
    let base_x = x.at(base);
    chart.push(&format!(
        "<g data-parameter=\"{}\" data-low=\"{}\" data-high=\"{}\">{}\n",
        escape(&id),
        round(lower.ratio, 4),
        round(higher.ratio, 4),
        tooltip(&format!(
            "{name} at {} (base): ratio {} at {}, {} at {}",
            show(swing.base),
            words::ratio(lower.ratio),
            show(lower.value),
            words::ratio(higher.ratio),
            show(higher.value)
        ))
    ));
    let middle = top + ROW_HEIGHT / 2.0;
    chart.push(&text(
        0.0,
        middle + 4.0,
        "start",
        "",
        &label(&name, super::characters_that_fit(NAME_WIDTH - 8.0, 13.0)),
    ));
    let bar_top = middle - BAR_HEIGHT / 2.0;
    chart.push(&rect(
        lower_x,
        bar_top,
        base_x - lower_x,
        BAR_HEIGHT,
        &format!("fill=\"{LOWER}\" data-bar=\"true\""),
    ));
    chart.push(&rect(
        base_x,
        bar_top,
        higher_x - base_x,
        BAR_HEIGHT,
        &format!("fill=\"{HIGHER}\" data-bar=\"true\""),
    ));
    let label = |point: &crate::sensitivity::Point| {
        format!("{} at {}", words::ratio(point.ratio), show(point.value))
    };
    chart.push(&text(
        lower_x.min(base_x) - 6.0,
        middle + 4.0,
        "end",
        "font-size=\"12\"",
        &label(lower),
    ));
    chart.push(&text(
        higher_x.max(base_x) + 6.0,
        middle + 4.0,
        "start",
        "font-size=\"12\"",
        &label(higher),
    ));
    chart.push("</g>\n");
}

/// A tick value as a ratio is written: `3`, `3.5`, `3.25`.
fn trim_tick(tick: f64) -> String {
    Decimal::from_f64_retain(tick)
        .map(|d| round(d, 2).normalize().to_string())
        .unwrap_or_default()
}

/// A parameter's name in the room beside its bar: the outcome's name is
/// shortened, never the field after it ("Less socially is… · duration"),
/// so two bars of one outcome still say which field each moves.
fn label(name: &str, fits: usize) -> String {
    match name.rsplit_once(" · ") {
        Some((outcome, field)) if name.chars().count() > fits => {
            let room = fits.saturating_sub(field.chars().count() + 3);
            format!("{} · {field}", shorten(outcome, room.max(4)))
        }
        _ => shorten(name, fits).into_owned(),
    }
}

fn description(model: &Model, analysis: &Analysis, shown: &[Swing]) -> String {
    let rows: Vec<String> = shown
        .iter()
        .map(|swing| {
            let (a, b) = (swing.low.ratio, swing.high.ratio);
            format!(
                "{} from {} to {}",
                words::parameter(model, swing.parameter),
                words::ratio(a.min(b)),
                words::ratio(a.max(b))
            )
        })
        .collect();
    format!(
        "The ratio ({} : 1 as modelled) with each assumption moved down and up by its step, widest swing first: {}.",
        words::ratio(analysis.ratio),
        rows.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_read_as_ratios() {
        assert_eq!(trim_tick(3.0), "3");
        assert_eq!(trim_tick(3.5), "3.5");
        assert_eq!(trim_tick(0.30000000000000004), "0.3");
    }
}
