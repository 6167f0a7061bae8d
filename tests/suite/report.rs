//! `sroi report` and `sroi chart`: where they write, the golden SVG of each
//! chart of `examples/minimal.toml`, and that no text in a model, however
//! hostile, becomes markup in the page or a chart.
//!
//! Figures: examples/minimal.toml is the spec's worked example, whose
//! `sroi calc` gives inputs £100,000.00, present value £108,380.59, net
//! present value £8,380.59, ratio 1.0838 (its header works them by hand), and
//! year 1 £57,971.01, year 2 £50,409.58 of present value.

use std::collections::BTreeSet;

use crate::support::{assert_matches_file, root, sroi, sroi_with_stdin, stderr, stdout};

const MINIMAL: &str = "examples/minimal.toml";

#[test]
fn each_chart_of_the_minimal_model_matches_its_golden_svg() {
    for kind in ["distribution", "years", "tornado"] {
        let output = sroi(&["chart", MINIMAL, "--kind", kind]);
        assert_eq!(output.status.code(), Some(0), "{kind}: {}", stderr(&output));
        let svg = stdout(&output);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert_only_known_markup(&svg);
        assert_matches_file(
            &svg,
            &root().join(format!("tests/golden/minimal-{kind}.svg")),
        );
    }
}

#[test]
fn the_distribution_chart_carries_the_figures_of_calc() {
    let svg = stdout(&sroi(&["chart", MINIMAL, "--kind", "distribution"]));
    for (attribute, text) in [
        (
            "data-figure=\"inputs\" data-value=\"100000.00\"",
            "£100,000.00",
        ),
        (
            "data-figure=\"present_value\" data-value=\"108380.59\"",
            "£108,380.59",
        ),
        ("data-figure=\"ratio\" data-value=\"1.0838\"", "1.08 : 1"),
        (
            "data-figure=\"net_present_value\" data-value=\"8380.59\"",
            "net present value £8,380.59",
        ),
        (
            "data-stakeholder=\"individuals\" data-value=\"108380.59\" data-share=\"1.0000\"",
            "£108,380.59 · 100.00%",
        ),
        // The council puts in the inputs and receives no value: its bar is empty.
        (
            "data-stakeholder=\"council\" data-value=\"0.00\" data-share=\"0.0000\"",
            "puts in £100,000.00",
        ),
    ] {
        assert!(svg.contains(attribute), "missing {attribute}");
        assert!(svg.contains(text), "missing {text}");
    }
    let years = stdout(&sroi(&["chart", MINIMAL, "--kind", "years"]));
    assert!(years.contains("data-year=\"1\" data-value=\"57971.01\" data-inputs=\"100000.00\""));
    assert!(years.contains("data-year=\"2\" data-value=\"50409.58\" data-inputs=\"0.00\""));
}

#[test]
fn the_report_has_every_section_and_chart() -> Result<(), Box<dyn std::error::Error>> {
    let directory = tempfile::tempdir()?;
    let path = directory.path().join("report.html");
    let output = sroi(&["report", "models/thurrock.toml", "-o", path_str(&path)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).is_empty(),
        "with -o nothing goes to standard output"
    );
    let html = std::fs::read_to_string(&path)?;
    assert!(html.starts_with("<!DOCTYPE html>"));
    for id in [
        "distribution",
        "years",
        "sensitivity",
        "switching",
        "group-switching",
        "simulation",
        "sobol",
        "scenarios",
        "impact-map",
        "conventions",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "no section {id}");
    }
    for chart in ["distribution", "years", "tornado", "histogram", "sobol"] {
        assert_eq!(
            html.matches(&format!("data-chart=\"{chart}\"")).count(),
            1,
            "{chart}"
        );
    }
    // Self-contained: nothing to fetch, no script to run.
    for forbidden in ["<script", "<link", "src=", "href=", "@import", "url("] {
        assert!(!html.contains(forbidden), "the page has {forbidden}");
    }
    // Every outcome of the impact map, with its proxy source.
    assert_eq!(html.matches("<tr data-outcome=").count(), 33);
    assert!(html.contains("Thurrock Health and Wellbeing Board, July 2014"));
    // The same figure as `sroi calc models/thurrock.toml`.
    assert!(html.contains("£4,879,963.01"));
    // The assured report's own figures, quoted as [published] writes them
    // (4_880_000 for the report's £4.88m): no pence the report never stated,
    // and no ratio, which the report never states.
    assert!(html.contains("): inputs £1,340,000, present value £4,880,000.</p>"));
    assert_only_known_markup(&html);
    Ok(())
}

#[test]
fn without_output_the_report_goes_to_standard_output_and_reads_standard_input() {
    let model = std::fs::read_to_string(root().join(MINIMAL)).expect("the example exists");
    let output = sroi_with_stdin(&["report", "-"], &model);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let html = stdout(&output);
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    assert!(html.contains("£108,380.59"));
}

#[test]
fn report_and_chart_refuse_to_overwrite_the_model() -> Result<(), Box<dyn std::error::Error>> {
    let directory = tempfile::tempdir()?;
    let model = directory.path().join("model.toml");
    std::fs::copy(root().join(MINIMAL), &model)?;
    let before = std::fs::read_to_string(&model)?;
    for args in [
        vec!["report", path_str(&model), "-o", path_str(&model)],
        vec![
            "chart",
            path_str(&model),
            "--kind",
            "years",
            "-o",
            path_str(&model),
        ],
    ] {
        let output = sroi(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains("refusing to overwrite the model"));
        assert_eq!(std::fs::read_to_string(&model)?, before);
    }
    Ok(())
}

#[test]
fn an_invalid_model_writes_no_file_and_exits_1() -> Result<(), Box<dyn std::error::Error>> {
    let directory = tempfile::tempdir()?;
    let model = directory.path().join("bad.toml");
    std::fs::write(&model, "[analysis]\nname = \"x\"\n")?;
    let out = directory.path().join("report.html");
    let output = sroi(&["report", path_str(&model), "-o", path_str(&out)]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(!out.exists());
    let output = sroi(&["chart", path_str(&model), "--kind", "tornado"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).is_empty());
    Ok(())
}

#[test]
fn a_chart_needs_a_known_kind() {
    let output = sroi(&["chart", MINIMAL, "--kind", "pie"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("distribution"));
}

/// Text meant to break out of an element or an attribute, end a CDATA
/// section, or overrun a layout.
const HOSTILE: [&str; 6] = [
    "<script>alert(1)</script>",
    "\" onload=\"alert(2)",
    "' onmouseover='alert(3)",
    "Fish & Chips ]]> <![CDATA[ x",
    "<img src=x onerror=alert(4)>",
    "Niños · 社会的価値 · Ærø 🙂",
];

fn hostile_model() -> String {
    let long = format!("{}<b>end</b>", "Very long name ".repeat(600));
    let text = |i: usize| toml_string(HOSTILE[i % HOSTILE.len()]);
    format!(
        r#"[analysis]
name = {name}
organisation = {organisation}
period = {period}

[[stakeholders]]
id = "people"
name = {stakeholder}

[[stakeholders]]
id = "funder"
name = {long}

[[inputs]]
stakeholder = "funder"
description = {input}
amount = 1_000

[[outcomes]]
id = "wellbeing"
stakeholder = "people"
description = {description}
indicator = {indicator}
quantity = 10
proxy = 500
proxy_description = {proxy_description}
proxy_source = {proxy_source}
duration = 2

[[outcomes]]
id = "harm"
stakeholder = "funder"
description = {long}
quantity = 1
proxy = -100
proxy_source = {non_ascii}
duration = 1

[published]
ratio = 9
source = {published}

[[scenarios]]
name = {scenario}
description = {scenario_description}
change = {{ "*.proxy" = "-20%" }}
"#,
        name = text(0),
        organisation = text(1),
        period = text(2),
        stakeholder = text(0),
        long = toml_string(&long),
        input = text(3),
        description = text(4),
        indicator = text(1),
        proxy_description = text(2),
        proxy_source = text(3),
        non_ascii = text(5),
        published = text(4),
        scenario = text(0),
        scenario_description = text(1),
    )
}

fn toml_string(text: &str) -> String {
    format!(
        "\"{}\"",
        text.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\u{1b}', "\\u001B")
    )
}

#[test]
fn hostile_text_in_a_model_never_becomes_markup() {
    let model = hostile_model();
    let html = {
        let output = sroi_with_stdin(&["report", "-"], &model);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        stdout(&output)
    };
    let mut outputs = vec![html.clone()];
    for kind in ["distribution", "years", "tornado"] {
        let output = sroi_with_stdin(&["chart", "-", "--kind", kind], &model);
        assert_eq!(output.status.code(), Some(0), "{kind}: {}", stderr(&output));
        outputs.push(stdout(&output));
    }
    // `onerror=` may stay as text (`&lt;img src=x onerror=…`); what matters is
    // that no tag or attribute came from the model, which the allowlist checks.
    for output in &outputs {
        assert_only_known_markup(output);
        for raw in [
            "<script",
            "<img",
            "<b>",
            "<![CDATA[",
            "]]>",
            "onload=\"",
            "onmouseover='",
        ] {
            assert!(!output.contains(raw), "{raw} reached the output unescaped");
        }
    }
    // The text itself is all there, escaped, in the page.
    for escaped in [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&quot; onload=&quot;alert(2)",
        "&#39; onmouseover=&#39;alert(3)",
        "Fish &amp; Chips ]]&gt; &lt;![CDATA[ x",
        "&lt;img src=x onerror=alert(4)&gt;",
        "Niños · 社会的価値 · Ærø 🙂",
        "Very long name Very long name",
    ] {
        assert!(html.contains(escaped), "{escaped} is not in the page");
    }
    // The 9,000-character name is given whole in the tables and shortened in the charts.
    assert!(html.contains(&format!(
        "{}&lt;b&gt;end&lt;/b&gt;",
        "Very long name ".repeat(600)
    )));
    let label = outputs[1]
        .split("font-weight=\"600\">")
        .find(|rest| rest.starts_with("Very long name"))
        .and_then(|rest| rest.split('<').next())
        .expect("the funder's name labels its bar");
    assert!(
        label.ends_with('…') && label.chars().count() < 140,
        "{label}"
    );
}

/// Every tag and attribute in `markup` is one the report writes itself: none
/// came from a model. A model string that escaped escaping would show up as
/// an unknown tag (`<script>`, `<img>`) or an unknown attribute (`onload`).
fn assert_only_known_markup(markup: &str) {
    const TAGS: [&str; 37] = [
        "!DOCTYPE",
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "header",
        "p",
        "h1",
        "h2",
        "h3",
        "section",
        "figure",
        "figcaption",
        "div",
        "table",
        "colgroup",
        "col",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "span",
        "strong",
        "code",
        "footer",
        "svg",
        "desc",
        "g",
        "rect",
        "text",
        "tspan",
        "line",
        "path",
    ];
    const ATTRIBUTES: [&str; 50] = [
        "lang",
        "charset",
        "name",
        "content",
        "class",
        "id",
        "xmlns",
        "viewBox",
        "width",
        "height",
        "role",
        "aria-labelledby",
        "aria-hidden",
        "font-family",
        "font-size",
        "font-weight",
        "fill",
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "rx",
        "d",
        "stroke",
        "stroke-width",
        "stroke-dasharray",
        "text-anchor",
        "letter-spacing",
        "data-chart",
        "data-figure",
        "data-value",
        "data-stakeholder",
        "data-share",
        "data-others",
        "data-bar",
        "data-year",
        "data-inputs",
        "data-inputs-bar",
        "data-parameter",
        "data-low",
        "data-high",
        "data-outcome",
        "data-from",
        "data-to",
        "data-count",
        "data-first-order",
        "data-total",
        "html",
    ];
    let tags: BTreeSet<&str> = TAGS.into_iter().collect();
    let attributes: BTreeSet<&str> = ATTRIBUTES.into_iter().collect();
    // Skip the style sheet: CSS is ours and has `>` selectors.
    let body = match (markup.find("<style>"), markup.find("</style>")) {
        (Some(start), Some(end)) => format!("{}{}", &markup[..start], &markup[end..]),
        _ => markup.to_owned(),
    };
    let mut rest = body.as_str();
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let close = after.find('>').expect("every tag is closed");
        let tag = after[..close].trim_end_matches('/');
        rest = &after[close + 1..];
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let mut parts = tag.split_whitespace();
        let name = parts.next().unwrap_or_default();
        assert!(tags.contains(name), "unexpected tag <{name}> in <{tag}>");
        // Attribute values never hold a raw quote, so splitting on them is exact.
        for (index, piece) in tag[name.len()..].split('"').enumerate() {
            if index % 2 == 0 {
                for attribute in piece.split_whitespace() {
                    let attribute = attribute.trim_end_matches('=');
                    if !attribute.is_empty() {
                        assert!(
                            attributes.contains(attribute),
                            "unexpected attribute {attribute} in <{tag}>"
                        );
                    }
                }
            }
        }
    }
}

fn path_str(path: &std::path::Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}
