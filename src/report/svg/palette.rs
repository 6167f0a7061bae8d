//! Colours for stakeholders: the Okabe–Ito palette, which people with any
//! common colour-vision deficiency can tell apart, ordered so that neighbours
//! in a stack also differ in lightness when printed in greyscale. Colour is
//! never the only cue: every bar carries a text label or a legend entry.

use crate::calc::Results;

/// The colours given to the largest stakeholders, largest first.
pub const COLOURS: [&str; 7] = [
    "#0072B2", // blue
    "#E69F00", // orange
    "#009E73", // bluish green
    "#F0E442", // yellow
    "#CC79A7", // reddish purple
    "#56B4E9", // sky blue
    "#D55E00", // vermilion
];

/// Every stakeholder beyond the palette shares this grey.
pub const OTHER: &str = "#8C8C8C";

/// Inputs are drawn unfilled, in the text colour.
pub const INPUTS: &str = "#1a1a1a";

/// Stakeholder indices (into `Model::stakeholders`) with their value or
/// inputs, largest present value first, ties in file order: the order of the
/// distribution chart and the colour each stakeholder gets in every chart.
pub fn ranked(results: &Results) -> Vec<usize> {
    let mut order: Vec<usize> = (0..results.stakeholders.len())
        .filter(|&i| {
            let s = &results.stakeholders[i];
            !s.present_value.is_zero() || !s.inputs.is_zero()
        })
        .collect();
    order.sort_by(|&a, &b| {
        let value = |i: usize| results.stakeholders[i].present_value;
        value(b).cmp(&value(a)).then(a.cmp(&b))
    });
    order
}

/// The colour of the stakeholder at `rank` in [`ranked`] order.
pub fn colour(rank: usize) -> &'static str {
    COLOURS.get(rank).copied().unwrap_or(OTHER)
}

/// Text on a bar of `fill` is dark on the light colours and white on the dark.
pub fn text_on(fill: &str) -> &'static str {
    match fill {
        "#0072B2" | "#009E73" | "#D55E00" => "#ffffff",
        _ => "#1a1a1a",
    }
}
