//! The report for a board paper: one self-contained HTML file with inline
//! CSS and SVG, which fetches nothing and runs no script, so it opens the
//! same offline, in a mail attachment, or printed on A4.
//!
//! Every figure comes from the shared formatted views (the same text `calc`
//! and `sensitivity` print) or from the charts, and every string from the
//! model passes through [`markup::escape`](crate::report::markup::escape).

mod impact_map;
mod tables;
mod uncertainty;

pub use uncertainty::Simulated;

use std::fmt::Write;

use crate::calc::Results;
use crate::report::markup::escape;
use crate::report::published as stated;
use crate::report::sensitivity::{self, view as sensitivity_view};
use crate::report::svg::{distribution, tornado, years};
use crate::report::view::{self, View};

/// Rows of the switching-value table; `sroi sensitivity --top 0` has every one.
const SWITCHING_ROWS: usize = 20;

const STYLE: &str = include_str!("style.css");

/// The whole page. `report` carries the model, its sensitivity analysis and
/// its scenarios; `results` are the model's figures from `calc`.
pub fn render(results: &Results, report: &sensitivity::Report<'_>) -> String {
    render_with(results, report, None)
}

/// The whole page, with the simulation and its Sobol ranking when given.
pub fn render_with(
    results: &Results,
    report: &sensitivity::Report<'_>,
    simulated: Option<&Simulated<'_>>,
) -> String {
    let model = report.model;
    let page = View::new(model, results);
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        concat!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
            "<meta name=\"generator\" content=\"sroi {version}\">\n",
            "<title>{title} · Social Return on Investment</title>\n",
            "<style>\n{style}</style>\n</head>\n<body>\n<main>\n"
        ),
        version = env!("CARGO_PKG_VERSION"),
        title = escape(&page.title),
        style = STYLE,
    );
    masthead(&mut out, &page, model.analysis.kind.as_str());
    section_distribution(&mut out, model, results);
    section_years(&mut out, model, results);
    section_sensitivity(&mut out, report);
    if let Some(simulated) = simulated {
        uncertainty::section_simulation(&mut out, model, simulated);
    }
    section_scenarios(&mut out, report, results);
    section_impact_map(&mut out, model, results);
    let _ = write!(
        out,
        "<section id=\"conventions\">\n<h2>Conventions</h2>\n<p>Published SROI analyses differ on each of these points, so every figure above states the ones it was computed under.</p>\n{}</section>\n",
        tables::table(&view::conventions(model), "compact")
    );
    footer(&mut out, model);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn masthead(out: &mut String, page: &View, kind: &str) {
    let _ = write!(
        out,
        concat!(
            "<header class=\"masthead\">\n",
            "<p class=\"eyebrow\">Social Return on Investment · {kind}</p>\n",
            "<h1>{title}</h1>\n"
        ),
        kind = escape(kind),
        title = escape(&page.title),
    );
    if !page.subtitle.is_empty() {
        let _ = writeln!(out, "<p class=\"subtitle\">{}</p>", escape(&page.subtitle));
    }
    for line in &page.about {
        let _ = writeln!(out, "<p class=\"about\">{}</p>", escape(line));
    }
    let _ = write!(
        out,
        "<p class=\"headline\">{}</p>\n</header>\n",
        escape(&page.headline)
    );
}

fn section_distribution(out: &mut String, model: &crate::model::Model, results: &Results) {
    let _ = write!(
        out,
        concat!(
            "<section id=\"distribution\">\n<h2>Social value distribution</h2>\n",
            "<figure class=\"chart\">\n{chart}<figcaption>Present value of the outcomes for each stakeholder, ",
            "discounted to today, beside the inputs that create it. Each bar is labelled with its value and its ",
            "share of the total.</figcaption>\n</figure>\n",
            "<div class=\"pair\">\n<div>\n<h3>Headline</h3>\n{headline}</div>\n",
            "<div>\n<h3>By stakeholder</h3>\n{by_stakeholder}</div>\n</div>\n{published}</section>\n"
        ),
        chart = distribution::render(model, results),
        headline = tables::table(&view::headline(model, results), "figures"),
        by_stakeholder = tables::table(
            &without_bars(view::distribution(model, results)),
            "by-stakeholder"
        ),
        published = published(model, results),
    );
}

/// The stakeholder table without its column of text bars: the chart above
/// draws the same shares, and a bar of block characters wraps in a browser.
fn without_bars(mut section: view::Section) -> view::Section {
    section.columns.pop();
    for row in &mut section.rows {
        row.pop();
    }
    section
}

/// The figures of the assured report beside the model's, when it states any.
fn published(model: &crate::model::Model, results: &Results) -> String {
    view::published(model, results).map_or_else(String::new, |section| {
        format!(
            "<h3>Published figures</h3>\n{}",
            tables::table(&section, "figures")
        )
    })
}

fn section_years(out: &mut String, model: &crate::model::Model, results: &Results) {
    let _ = write!(
        out,
        concat!(
            "<section id=\"years\">\n<h2>Value by year</h2>\n",
            "<figure class=\"chart\">\n{chart}<figcaption>Present value created in each year, stacked by ",
            "stakeholder (the largest in their own colour), with the inputs of the year as a dashed bar ",
            "beside it.</figcaption>\n</figure>\n{table}</section>\n"
        ),
        chart = years::render(model, results),
        table = tables::table(&view::years(model, results), "years"),
    );
}

fn section_sensitivity(out: &mut String, report: &sensitivity::Report<'_>) {
    let analysis = report.analysis;
    let shown = analysis.tornado.len().min(tornado::MAX_BARS);
    let _ = write!(
        out,
        concat!(
            "<section id=\"sensitivity\">\n<h2>Sensitivity</h2>\n",
            "<p>How far the ratio rests on each assumption (SROI principle 5, do not over-claim). {steps}.</p>\n",
            "<figure class=\"chart\">\n{chart}<figcaption>The {shown} assumptions that move the ratio most, ",
            "each moved down and up with everything else held. Each end is labelled with the ratio and the ",
            "value of the assumption that gives it; the thick line is the ratio as modelled.</figcaption>\n</figure>\n"
        ),
        steps = escape(&sensitivity_view::steps_line(report)),
        chart = tornado::render(report.model, analysis),
        shown = shown,
    );
    for note in &analysis.notes {
        let _ = writeln!(out, "<p class=\"note\">Note: {}.</p>", escape(note));
    }
    uncertainty::groups(out, report);
    let rows = analysis.tornado.len().min(SWITCHING_ROWS);
    let _ = write!(
        out,
        concat!(
            "<h3 id=\"switching\">Switching values</h3>\n",
            "<p>The value at which each assumption would bring the ratio to {target} : 1, the rest held fixed, ",
            "in the order of the tornado.</p>\n{table}"
        ),
        target = escape(&analysis.target.normalize().to_string()),
        table = tables::table(&sensitivity_view::switching(report, rows), "switching"),
    );
    if rows < analysis.tornado.len() {
        let _ = writeln!(
            out,
            "<p class=\"note\">The {rows} most influential of {} parameters; <code>sroi sensitivity --top 0</code> lists every one.</p>",
            analysis.tornado.len()
        );
    }
    out.push_str("</section>\n");
}

fn section_scenarios(out: &mut String, report: &sensitivity::Report<'_>, results: &Results) {
    out.push_str("<section id=\"scenarios\">\n<h2>Scenarios</h2>\n");
    if let Some(shown) = &report.model.analysis.scenario {
        // The page is one scenario in full; others are not applied on top of it.
        let _ = writeln!(
            out,
            "<p class=\"note\">Every figure on this page is of the scenario {}. The model's scenarios side by side are in the report of the model as written, without <code>--scenario</code>.</p>",
            escape(&format!("{:?}", shown.name))
        );
    } else if report.scenarios.is_empty() {
        out.push_str(
            "<p class=\"note\">The model declares no scenarios. Named cases (cautious, optimistic) are added as <code>[[scenarios]]</code> in the model and shown here beside the base.</p>\n",
        );
    } else {
        out.push_str(
            "<p>Each scenario of the model computed in full, beside the model as written.</p>\n",
        );
        out.push_str(&tables::table(
            &sensitivity_view::scenarios(report),
            "scenarios",
        ));
        let (columns, rows) = scenario_headlines(report, results);
        out.push_str("<h3>Headline of each scenario</h3>\n");
        out.push_str(&tables::grid(&columns, &rows, "figures"));
        let (columns, rows) = scenario_stakeholders(report, results);
        out.push_str(
            "<h3>Social value by stakeholder in each scenario</h3>\n<p>Present value, and in brackets its share of the scenario's total.</p>\n",
        );
        out.push_str(&tables::grid(&columns, &rows, "by-stakeholder"));
    }
    out.push_str("</section>\n");
}

type Columns = Vec<(String, view::Align)>;

/// The base and each scenario as columns: a figure's label, then one cell each.
fn scenario_columns(report: &sensitivity::Report<'_>, first: &str) -> Columns {
    let mut columns = vec![(first.to_owned(), view::Align::Left)];
    columns.push(("As written".to_owned(), view::Align::Right));
    columns.extend(
        report
            .scenarios
            .iter()
            .map(|s| (s.scenario.name.clone(), view::Align::Right)),
    );
    columns
}

/// Each declared scenario's headline beside the base: the rows of calc's
/// headline, one column per scenario.
fn scenario_headlines(
    report: &sensitivity::Report<'_>,
    base: &Results,
) -> (Columns, Vec<Vec<String>>) {
    let model = report.model;
    let mut each = vec![view::headline(model, base)];
    each.extend(
        report
            .scenarios
            .iter()
            .map(|s| view::headline(model, &s.results)),
    );
    let rows = each[0]
        .rows
        .iter()
        .enumerate()
        .map(|(index, row)| {
            let mut cells = vec![row.first().cloned().unwrap_or_default()];
            cells.extend(
                each.iter()
                    .map(|section| section.rows[index].get(1).cloned().unwrap_or_default()),
            );
            cells
        })
        .collect();
    (scenario_columns(report, "Figure"), rows)
}

/// Each stakeholder's present value (and share) in the base and each
/// scenario, in file order.
fn scenario_stakeholders(
    report: &sensitivity::Report<'_>,
    base: &Results,
) -> (Columns, Vec<Vec<String>>) {
    let model = report.model;
    let currency = &model.analysis.currency;
    let mut each = vec![base];
    each.extend(report.scenarios.iter().map(|s| &s.results));
    let rows = model
        .stakeholders
        .iter()
        .enumerate()
        .map(|(index, stakeholder)| {
            let mut cells = vec![stakeholder.name.clone()];
            cells.extend(each.iter().map(|results| {
                results
                    .stakeholders
                    .get(index)
                    .map_or_else(String::new, |r| {
                        format!(
                            "{} ({})",
                            crate::report::text::money(r.present_value, currency),
                            crate::report::text::percent(r.share, 1)
                        )
                    })
            }));
            cells
        })
        .collect();
    (scenario_columns(report, "Stakeholder"), rows)
}

fn section_impact_map(out: &mut String, model: &crate::model::Model, results: &Results) {
    let _ = write!(
        out,
        concat!(
            "<section id=\"impact-map\" class=\"impact\">\n<h2>Impact map</h2>\n",
            "<p>Every outcome as the model records it: who it is for, how many, the financial proxy for a ",
            "year of it and where that proxy comes from, what is deducted, and the years in which it has value.</p>\n",
            "<h3>Inputs</h3>\n{inputs}<h3>Outcomes</h3>\n{outcomes}</section>\n"
        ),
        inputs = impact_map::inputs(model),
        outcomes = impact_map::outcomes(model, results),
    );
}

fn footer(out: &mut String, model: &crate::model::Model) {
    out.push_str("<footer>\n");
    if let Some(published) = &model.published {
        let currency = &model.analysis.currency;
        let mut figures = Vec::new();
        // The report's own figures, quoted as the model writes them.
        if let Some(inputs) = published.inputs {
            figures.push(format!("inputs {}", stated::money(inputs, currency)));
        }
        if let Some(value) = published.present_value {
            figures.push(format!("present value {}", stated::money(value, currency)));
        }
        if let Some(ratio) = published.ratio {
            figures.push(format!("ratio {}", stated::ratio(ratio)));
        }
        let source = published
            .source
            .as_deref()
            .map_or_else(String::new, |s| format!(" ({s})"));
        let _ = writeln!(
            out,
            "<p>Published figures{}: {}.</p>",
            escape(&source),
            escape(&figures.join(", "))
        );
    }
    let _ = writeln!(
        out,
        "<p>Computed by sroi {} in exact decimal arithmetic; amounts are rounded to the penny, half away from zero, only for display.</p>",
        env!("CARGO_PKG_VERSION")
    );
    out.push_str("</footer>\n");
}
