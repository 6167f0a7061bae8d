//! Present value by year, stacked by stakeholder, with each year's inputs as
//! an unfilled bar beside it: when the value arrives, and for whom. The
//! largest stakeholders keep the colours they have in the distribution chart;
//! the rest share one grey segment. A negative value is stacked below zero.

use rust_decimal::Decimal;

use super::scale::{Linear, ticks};
use super::{Chart, MUTED, RULE, WIDTH, line, palette, rect, text, to_f64, tooltip};
use crate::calc::Results;
use crate::model::Model;
use crate::number::round;
use crate::report::markup::{escape, shorten};
use crate::report::text as words;

const LEFT: f64 = 84.0;
const RIGHT: f64 = WIDTH - 8.0;
const TOP: f64 = 34.0;
const PLOT_HEIGHT: f64 = 300.0;
const LEGEND_COLUMNS: usize = 3;
const LEGEND_ROW: f64 = 22.0;

/// One layer of the stack: a stakeholder, or every smaller one together.
struct Series {
    /// The stakeholder's id; `None` for the others together.
    id: Option<String>,
    name: String,
    fill: &'static str,
    /// Present value in each year, from year 1.
    values: Vec<Decimal>,
}

pub fn render(model: &Model, results: &Results) -> String {
    let currency = &model.analysis.currency;
    let series = series(model, results);
    let year_count = results.years.len().max(results.inputs_by_year.len()).max(1);
    let inputs_of = |year: usize| {
        results
            .inputs_by_year
            .get(year)
            .copied()
            .unwrap_or(Decimal::ZERO)
    };
    let has_inputs = results.inputs_by_year.iter().any(|i| !i.is_zero());
    let mut chart = Chart::new(
        "years",
        &format!(
            "Present value by year and stakeholder: {}",
            model.analysis.name
        ),
        &description(model, results, year_count),
    );

    // The scale covers the tallest stack above zero, the deepest below, and the inputs.
    let (mut low, mut high) = (0.0_f64, 0.0_f64);
    for year in 0..year_count {
        let (below, above) = stack_extent(&series, year);
        low = low.min(below);
        high = high.max(above).max(to_f64(inputs_of(year)));
    }
    let (tick_values, domain) = ticks(low, high, 5);
    let y = Linear::new(domain, (TOP + PLOT_HEIGHT, TOP));
    axis(&mut chart, &tick_values, &y, currency);

    let slot = (RIGHT - LEFT) / year_count as f64;
    let (inputs_width, value_width) = if has_inputs {
        ((slot * 0.26).min(34.0), (slot * 0.46).min(64.0))
    } else {
        (0.0, (slot * 0.6).min(80.0))
    };
    let label_every = (52.0 / slot).ceil().max(1.0) as usize;
    for year in 0..year_count {
        let centre = LEFT + slot * (year as f64 + 0.5);
        let group_width = inputs_width + value_width + if has_inputs { 2.0 } else { 0.0 };
        let inputs_x = centre - group_width / 2.0;
        let value_x = inputs_x + group_width - value_width;
        let total = results
            .years
            .get(year)
            .map_or(Decimal::ZERO, |y| y.present_value);
        chart.push(&format!(
            "<g data-year=\"{}\" data-value=\"{}\" data-inputs=\"{}\">\n",
            year + 1,
            round(total, 2),
            round(inputs_of(year), 2)
        ));
        if has_inputs {
            let inputs = inputs_of(year);
            chart.push(&format!(
                "<g>{}\n",
                tooltip(&format!(
                    "Year {}: inputs {}",
                    year + 1,
                    words::money(inputs, currency)
                ))
            ));
            chart.push(&rect(
                inputs_x,
                y.at(0.0),
                inputs_width,
                y.at(to_f64(inputs)) - y.at(0.0),
                &format!(
                    "fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"1.5\" stroke-dasharray=\"4 2\" data-inputs-bar=\"true\"",
                    palette::INPUTS
                ),
            ));
            chart.push("</g>\n");
        }
        stack(
            &mut chart,
            &series,
            year,
            value_x,
            value_width,
            &y,
            currency,
        );
        if slot >= 40.0 && !total.is_zero() {
            let label = if slot >= 118.0 {
                words::money(total, currency)
            } else {
                words::money_short(total, currency)
            };
            let (_, above) = stack_extent(&series, year);
            chart.push(&text(
                value_x + value_width / 2.0,
                y.at(above) - 6.0,
                "middle",
                "font-size=\"12\" font-weight=\"600\"",
                &label,
            ));
        }
        if year % label_every == 0 {
            let label = if slot >= 60.0 {
                format!("Year {}", year + 1)
            } else {
                (year + 1).to_string()
            };
            chart.push(&text(
                centre,
                TOP + PLOT_HEIGHT + 20.0,
                "middle",
                "",
                &label,
            ));
        }
        chart.push("</g>\n");
    }
    chart.push(&line(
        LEFT,
        y.at(0.0),
        RIGHT,
        y.at(0.0),
        &format!("stroke=\"{MUTED}\" stroke-width=\"1\""),
    ));
    let bottom = legend(&mut chart, &series, has_inputs);
    chart.finish(bottom)
}

/// The largest stakeholders with value, each its own layer, and the rest as one.
fn series(model: &Model, results: &Results) -> Vec<Series> {
    let years = results.years.len();
    let by_stakeholder = present_value_by_stakeholder_and_year(model, results);
    let mut series = Vec::new();
    let mut others = vec![Decimal::ZERO; years];
    let mut other_count = 0;
    for (rank, index) in palette::ranked(results).into_iter().enumerate() {
        if results.stakeholders[index].present_value.is_zero()
            && by_stakeholder[index].iter().all(Decimal::is_zero)
        {
            continue;
        }
        if rank < palette::COLOURS.len() {
            let stakeholder = &model.stakeholders[index];
            series.push(Series {
                id: Some(stakeholder.id.clone()),
                name: stakeholder.name.clone(),
                fill: palette::colour(rank),
                values: by_stakeholder[index].clone(),
            });
        } else {
            other_count += 1;
            for (total, value) in others.iter_mut().zip(&by_stakeholder[index]) {
                *total = total.saturating_add(*value);
            }
        }
    }
    if other_count > 0 {
        series.push(Series {
            id: None,
            name: format!("{other_count} other stakeholders"),
            fill: palette::OTHER,
            values: others,
        });
    }
    series
}

/// Each stakeholder's present value in each year: its outcomes' values, each
/// discounted by that year's factor, as `calc` discounts them.
fn present_value_by_stakeholder_and_year(model: &Model, results: &Results) -> Vec<Vec<Decimal>> {
    let mut table = vec![vec![Decimal::ZERO; results.years.len()]; model.stakeholders.len()];
    for (outcome, result) in model.outcomes.iter().zip(&results.outcomes) {
        let row = &mut table[outcome.stakeholder];
        for ((cell, value), year) in row.iter_mut().zip(&result.values).zip(&results.years) {
            // calc has already formed each of these products without
            // overflow; a zero here would draw a year's value as nothing.
            let present = value
                .checked_mul(year.discount_factor)
                .expect("calc formed this product");
            *cell = cell.saturating_add(present);
        }
    }
    table
}

/// How far the year's stack reaches below and above zero.
fn stack_extent(series: &[Series], year: usize) -> (f64, f64) {
    series
        .iter()
        .filter_map(|s| s.values.get(year))
        .map(|v| to_f64(*v))
        .fold((0.0, 0.0), |(below, above), v| {
            if v < 0.0 {
                (below + v, above)
            } else {
                (below, above + v)
            }
        })
}

fn stack(
    chart: &mut Chart,
    series: &[Series],
    year: usize,
    x: f64,
    width: f64,
    y: &Linear,
    currency: &str,
) {
    let (mut below, mut above) = (0.0_f64, 0.0_f64);
    for layer in series {
        let Some(value) = layer.values.get(year).copied() else {
            continue;
        };
        if value.is_zero() {
            continue;
        }
        let amount = to_f64(value);
        let base = if amount < 0.0 { below } else { above };
        let top = base + amount;
        let identity = match &layer.id {
            Some(id) => format!("data-stakeholder=\"{}\"", escape(id)),
            None => "data-others=\"true\"".to_owned(),
        };
        chart.push(&format!(
            "<g {identity} data-value=\"{}\">{}\n",
            round(value, 2),
            tooltip(&format!(
                "Year {}, {}: {}",
                year + 1,
                layer.name,
                words::money(value, currency)
            ))
        ));
        chart.push(&rect(
            x,
            y.at(base),
            width,
            y.at(top) - y.at(base),
            &format!(
                "fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"0.75\" data-bar=\"true\"",
                layer.fill
            ),
        ));
        chart.push("</g>\n");
        if amount < 0.0 {
            below = top;
        } else {
            above = top;
        }
    }
}

/// Gridlines at round figures, labelled in short money.
fn axis(chart: &mut Chart, ticks: &[f64], y: &Linear, currency: &str) {
    for &tick in ticks {
        let at = y.at(tick);
        chart.push(&line(
            LEFT,
            at,
            RIGHT,
            at,
            &format!("stroke=\"{RULE}\" stroke-width=\"0.5\""),
        ));
        let label = Decimal::from_f64_retain(tick)
            .map_or_else(String::new, |d| words::money_short(d, currency));
        chart.push(&text(
            LEFT - 8.0,
            at + 4.0,
            "end",
            &format!("font-size=\"12\" fill=\"{MUTED}\""),
            &label,
        ));
    }
}

/// The legend under the plot, in the order the layers stack (bottom first);
/// returns the chart's height.
fn legend(chart: &mut Chart, series: &[Series], has_inputs: bool) -> f64 {
    let top = TOP + PLOT_HEIGHT + 44.0;
    let column_width = (WIDTH - LEFT) / LEGEND_COLUMNS as f64;
    let mut entries: Vec<(&str, String, bool)> = series
        .iter()
        .map(|s| (s.fill, s.name.clone(), false))
        .collect();
    if has_inputs {
        entries.push((
            palette::INPUTS,
            "Inputs of the year (face value)".to_owned(),
            true,
        ));
    }
    let fits = super::characters_that_fit(column_width - 26.0, 12.0);
    for (index, (fill, name, unfilled)) in entries.iter().enumerate() {
        let x = LEFT + (index % LEGEND_COLUMNS) as f64 * column_width;
        let y = top + (index / LEGEND_COLUMNS) as f64 * LEGEND_ROW;
        let swatch = if *unfilled {
            format!(
                "fill=\"#ffffff\" stroke=\"{fill}\" stroke-width=\"1.5\" stroke-dasharray=\"4 2\""
            )
        } else {
            format!("fill=\"{fill}\"")
        };
        chart.push(&rect(x, y - 11.0, 14.0, 14.0, &swatch));
        chart.push(&text(
            x + 20.0,
            y,
            "start",
            "font-size=\"12\"",
            &shorten(name, fits),
        ));
    }
    let rows = entries.len().div_ceil(LEGEND_COLUMNS);
    top + rows as f64 * LEGEND_ROW
}

fn description(model: &Model, results: &Results, year_count: usize) -> String {
    let currency = &model.analysis.currency;
    let years: Vec<String> = (0..year_count)
        .map(|year| {
            let value = results
                .years
                .get(year)
                .map_or(Decimal::ZERO, |y| y.present_value);
            let inputs = results
                .inputs_by_year
                .get(year)
                .copied()
                .unwrap_or(Decimal::ZERO);
            format!(
                "year {}: present value {}, inputs {}",
                year + 1,
                words::money(value, currency),
                words::money(inputs, currency)
            )
        })
        .collect();
    format!(
        "Present value created in each year, stacked by stakeholder, beside the inputs of that year. {}.",
        years.join("; ")
    )
}
