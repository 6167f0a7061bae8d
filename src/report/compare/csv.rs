//! The comparison for spreadsheets: one row per figure, one column per model
//! (A, B, …), then the difference of each later model from A. A `section`
//! column says what a row is about (`model`, `comparison`, `headline`,
//! `conventions`, `deductions`, `stakeholder`, `outcome`) and `id` names the
//! stakeholder or outcome, so the sheet filters cleanly. Numbers are plain
//! rounded decimals; a figure a model lacks is an empty cell. Text from the
//! models is neutralised as in `sroi calc`'s CSV; numbers never need it.

use rust_decimal::Decimal;

use super::cells::letter;
use crate::compare::{Comparison, Convention, Deduction, Difference, Figure, FigureKind, Matched};
use crate::number::round;
use crate::report::csv::text_cell;

type Row = Vec<String>;

/// The whole document as text.
pub fn render(c: &Comparison) -> Result<String, csv::Error> {
    let mut out = Vec::new();
    write(c, &mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Write the document to `out` a row at a time: the rows of 100,000
/// outcomes are made as they are written, never held together.
pub fn write(c: &Comparison, out: &mut dyn std::io::Write) -> Result<(), csv::Error> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(header(c))?;
    let rows = [
        model_rows(c),
        headline_rows(c),
        convention_rows(c),
        deduction_rows(c),
    ]
    .into_iter()
    .flatten()
    .chain(matched_rows("stakeholder", &c.stakeholders, |f| {
        vec![
            ("present_value", money(f.present_value)),
            ("share", ratio(f.share)),
            ("inputs", money(f.inputs)),
        ]
    }))
    .chain(matched_rows("outcome", &c.outcomes, |f| {
        vec![
            ("stakeholder", text_cell(&f.stakeholder)),
            ("present_value", money(f.present_value)),
            ("share", ratio(f.share)),
            ("net_of_deductions", ratio(f.net_of_deductions)),
        ]
    }));
    let width = header(c).len();
    for mut row in rows {
        // Rows without differences are padded so every record is as wide as the header.
        row.resize(width, String::new());
        writer.write_record(&row)?;
    }
    writer.flush()?;
    Ok(())
}

fn header(c: &Comparison) -> Row {
    let mut header: Row = ["section", "id", "figure"].map(str::to_owned).to_vec();
    header.extend((0..c.models.len()).map(letter));
    for i in 1..c.models.len() {
        header.push(format!("{}-A", letter(i)));
        header.push(format!("{}-A relative", letter(i)));
    }
    header
}

/// A row with one cell per model and, when given, the differences from A.
fn row(section: &str, id: &str, figure: &str, cells: Row, differences: Row) -> Row {
    let mut row = vec![section.to_owned(), text_cell(id), figure.to_owned()];
    row.extend(cells);
    row.extend(differences);
    row
}

fn model_rows(c: &Comparison) -> Vec<Row> {
    let field = |name: &str, value: &dyn Fn(usize) -> String| {
        row(
            "model",
            "",
            name,
            (0..c.models.len()).map(value).collect(),
            Vec::new(),
        )
    };
    vec![
        field("path", &|i| text_cell(&c.models[i].path)),
        field("name", &|i| text_cell(&c.models[i].name)),
        field("scenario", &|i| {
            c.models[i]
                .scenario
                .as_ref()
                .map_or(String::new(), |s| text_cell(&s.name))
        }),
        field("reconstruction", &|i| {
            c.models[i]
                .reconstruction
                .as_deref()
                .map_or(String::new(), text_cell)
        }),
        field("currency", &|i| c.models[i].currency.clone()),
    ]
}

fn headline_rows(c: &Comparison) -> Vec<Row> {
    let differing: Vec<&str> = c.convention_differences.iter().map(|d| d.key()).collect();
    let mut rows = vec![
        row(
            "comparison",
            "",
            "comparable",
            vec![c.like_for_like().to_string()],
            Vec::new(),
        ),
        row(
            "comparison",
            "",
            "arithmetic_comparable",
            vec![c.comparable().to_string()],
            Vec::new(),
        ),
        row(
            "comparison",
            "",
            "assumptions_differ",
            vec![c.assumptions.differ().to_string()],
            Vec::new(),
        ),
        row(
            "comparison",
            "",
            "convention_differences",
            vec![differing.join(" ")],
            Vec::new(),
        ),
    ];
    if c.same_conventions {
        let base = c.models.first().map_or(String::new(), |m| m.path.clone());
        rows.push(row(
            "comparison",
            "",
            "recomputed_under",
            vec![base],
            Vec::new(),
        ));
    }
    for figure in Figure::ALL {
        let cells = c
            .models
            .iter()
            .map(|m| figure_cell(figure.kind(), m.headline.get(figure)))
            .collect();
        let differences = (1..c.models.len())
            .flat_map(|i| {
                let d = c.difference(i, figure);
                [
                    figure_cell(figure.kind(), d.map(|d| d.change)),
                    optional(d.and_then(|d| d.relative), ratio),
                ]
            })
            .collect();
        rows.push(row("headline", "", figure.key(), cells, differences));
    }
    rows
}

fn convention_rows(c: &Comparison) -> Vec<Row> {
    Convention::ALL
        .into_iter()
        .map(|convention| {
            let cells = c
                .models
                .iter()
                .map(|m| convention.value(&m.conventions))
                .collect();
            row("conventions", "", convention.key(), cells, Vec::new())
        })
        .collect()
}

fn deduction_rows(c: &Comparison) -> Vec<Row> {
    Deduction::ALL
        .into_iter()
        .map(|deduction| {
            let averages: Vec<Option<Decimal>> = c
                .models
                .iter()
                .map(|m| m.deductions.get(deduction))
                .collect();
            let differences = (1..c.models.len())
                .flat_map(|i| {
                    let d = averages[0]
                        .zip(averages[i])
                        .and_then(|(a, b)| Difference::between(a, b));
                    [optional(d.map(|d| d.change), ratio), String::new()]
                })
                .collect();
            let cells = averages.iter().map(|a| optional(*a, ratio)).collect();
            row("deductions", "", deduction.key(), cells, differences)
        })
        .collect()
}

/// One row per (id, figure), each model's value or an empty cell where the
/// model does not have the id.
fn matched_rows<'a, T>(
    section: &'static str,
    rows: &'a [Matched<T>],
    figures: impl Fn(&T) -> Vec<(&'static str, String)> + 'a,
) -> impl Iterator<Item = Row> + 'a {
    rows.iter().flat_map(move |matched| {
        let per_model: Vec<Option<Vec<(&str, String)>>> = matched
            .per_model
            .iter()
            .map(|f| f.as_ref().map(&figures))
            .collect();
        let Some(names) = per_model.iter().flatten().next() else {
            return Vec::new();
        };
        let names: Vec<&str> = names.iter().map(|(name, _)| *name).collect();
        names
            .iter()
            .enumerate()
            .map(|(k, name)| {
                let cells = per_model
                    .iter()
                    .map(|f| f.as_ref().map_or(String::new(), |f| f[k].1.clone()))
                    .collect();
                row(section, &matched.id, name, cells, Vec::new())
            })
            .collect()
    })
}

fn figure_cell(kind: FigureKind, value: Option<Decimal>) -> String {
    match kind {
        FigureKind::Ratio => optional(value, ratio),
        FigureKind::Money | FigureKind::Months => optional(value, money),
    }
}

fn optional(value: Option<Decimal>, format: fn(Decimal) -> String) -> String {
    value.map_or(String::new(), format)
}

fn money(value: Decimal) -> String {
    round(value, 2).to_string()
}

fn ratio(value: Decimal) -> String {
    round(value, 4).to_string()
}
