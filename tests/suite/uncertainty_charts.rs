//! The simulation in the board report and as charts alone: the histogram
//! counts every draw the page says were made, the Sobol chart has a bar
//! pair per uncertain assumption, and the page puts the model's ratio
//! beside the simulated mean and median.

use crate::support::{sroi, stderr, stdout};

const MINIMAL: &str = "examples/minimal.toml";

/// The numbers in every `name="…"` attribute of `svg`.
fn attributes(svg: &str, name: &str) -> Vec<f64> {
    let key = format!("{name}=\"");
    svg.match_indices(&key)
        .filter_map(|(at, _)| {
            let rest = &svg[at + key.len()..];
            rest[..rest.find('"')?].parse().ok()
        })
        .collect()
}

#[test]
fn the_histogram_counts_every_draw_and_marks_the_models_ratio() {
    let output = sroi(&["chart", MINIMAL, "--kind", "histogram"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let svg = stdout(&output);
    assert!(svg.contains("data-chart=\"histogram\""));
    // The minimal model has 4 uncertain fields (quantity, proxy, deadweight,
    // drop-off), so the report's budget of 20,000,000 / (6 + 2) allows the
    // full 20,000 draws; 20 bins hold them all.
    let counts = attributes(&svg, "data-count");
    assert_eq!(counts.len(), 20);
    assert_eq!(counts.iter().sum::<f64>(), 20_000.0);
    // The model's ratio, 108,380.59 / 100,000, is labelled.
    assert!(svg.contains(">model 1.08<"), "{svg}");
}

#[test]
fn the_sobol_chart_has_two_bars_for_each_uncertain_assumption() {
    let output = sroi(&["chart", MINIMAL, "--kind", "sobol"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let svg = stdout(&output);
    let first = attributes(&svg, "data-first-order");
    let total = attributes(&svg, "data-total");
    assert_eq!((first.len(), total.len()), (4, 4));
    // Largest total first, and every index a share of the variance.
    assert!(total.windows(2).all(|pair| pair[0] >= pair[1]), "{total:?}");
    assert!(total.iter().all(|t| (0.0..=1.05).contains(t)), "{total:?}");
    assert_eq!(svg.matches("data-bar=\"true\"").count(), 8);
}

#[test]
fn the_report_shows_the_simulation_beside_the_models_ratio() {
    let output = sroi(&["report", MINIMAL]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let html = stdout(&output);
    assert!(
        html.contains("20,000 draws of the 4 uncertain assumptions"),
        "{html}"
    );
    assert!(html.contains("The model&#39;s ratio is 1.08 : 1; over the draws the mean is"));
    // The Sobol run: 2,000 base draws × (4 + 2).
    assert!(html.contains("= 12,000 model evaluations"), "{html}");
    // The group switching values in words, the model-wide ones first.
    let groups = html.find("id=\"group-switching\"").expect("the groups");
    let singles = html
        .find("id=\"switching\"")
        .expect("the one-at-a-time values");
    assert!(groups < singles);
    assert!(html.contains("every proxy would have to fall 7.73%"));
}
