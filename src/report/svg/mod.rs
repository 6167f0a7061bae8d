//! Charts as hand-written SVG: the social value distribution, value by year
//! stacked by stakeholder, the sensitivity tornado, the simulated ratio's
//! histogram and the Sobol indices. Each chart is one
//! self-contained `<svg>` element with a `viewBox` (so it scales), a `<title>`
//! and `<desc>` for screen readers, text labels on its bars (so it reads in
//! greyscale), and the exact figures it draws in `data-` attributes. The same
//! text is a standalone `.svg` file and the chart inlined in the HTML report.
//!
//! Money stays exact decimal until the last step: only pixel positions are
//! computed in `f64`, and every label is formatted from the decimal itself.

pub mod distribution;
pub mod histogram;
pub mod palette;
pub mod sobol;
pub mod tornado;
pub mod years;

mod scale;

use std::fmt::Write;

use rust_decimal::Decimal;

use super::markup::escape;

/// The charts `sroi chart` draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// Social value and share by stakeholder, with inputs, present value and ratio.
    Distribution,
    /// Present value by year, stacked by stakeholder, beside the inputs of each year.
    Years,
    /// The sensitivity tornado: the ratio with each assumption moved either way.
    Tornado,
    /// The simulated ratio: a histogram of the draws beside the model's ratio and the target.
    Histogram,
    /// What drives the spread: Sobol indices of the assumptions, first-order and total.
    Sobol,
}

/// Width of every chart in user units; heights follow the content.
pub const WIDTH: f64 = 960.0;

/// The fonts every chart asks for: the system's sans-serif, never a web font.
const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";

/// Colours of text and rules, dark enough to print.
pub const INK: &str = "#1a1a1a";
pub const MUTED: &str = "#555555";
pub const RULE: &str = "#b3b3b3";

/// A chart under construction: its elements are appended to `body`, and
/// `finish` wraps them in the `<svg>` element once the height is known.
pub struct Chart {
    /// Names this chart's ids apart from any other chart on the same page.
    id: &'static str,
    title: String,
    description: String,
    pub body: String,
}

impl Chart {
    pub fn new(id: &'static str, title: &str, description: &str) -> Self {
        Chart {
            id,
            title: title.to_owned(),
            description: description.to_owned(),
            body: String::new(),
        }
    }

    /// Append raw markup: only ever markup this module built, never model text.
    pub fn push(&mut self, markup: &str) {
        self.body.push_str(markup);
    }

    /// The `<svg>` element, `height` units tall.
    pub fn finish(self, height: f64) -> String {
        let id = self.id;
        let mut out = String::with_capacity(self.body.len() + 1024);
        let _ = write!(
            out,
            concat!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sroi-chart\" ",
                "data-chart=\"{id}\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" ",
                "role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" ",
                "font-family=\"{font}\" font-size=\"13\" fill=\"{ink}\">\n",
                "<title id=\"{id}-title\">{title}</title>\n",
                "<desc id=\"{id}-desc\">{desc}</desc>\n",
            ),
            id = id,
            w = num(WIDTH),
            h = num(height.ceil()),
            font = FONT,
            ink = INK,
            title = escape(&self.title),
            desc = escape(&self.description),
        );
        out.push_str(&self.body);
        out.push_str("</svg>\n");
        out
    }
}

/// A coordinate or length to one decimal place, without a needless `.0`, so
/// the same chart is always the same text.
pub fn num(value: f64) -> String {
    let value = if value.is_finite() { value } else { 0.0 };
    let text = format!("{:.1}", value);
    let text = text.strip_suffix(".0").unwrap_or(&text);
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// A decimal as a pixel-scale number (every decimal has a nearest float).
pub fn to_f64(value: Decimal) -> f64 {
    value.as_f64()
}

/// `<text>` with escaped content; `anchor` is `start`, `middle` or `end`.
pub fn text(x: f64, y: f64, anchor: &str, attributes: &str, content: &str) -> String {
    format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\"{}{}>{}</text>\n",
        num(x),
        num(y),
        if attributes.is_empty() { "" } else { " " },
        attributes,
        escape(content)
    )
}

/// `<rect>`; a negative width or height is drawn from the other edge.
pub fn rect(x: f64, y: f64, width: f64, height: f64, attributes: &str) -> String {
    let (x, width) = if width < 0.0 {
        (x + width, -width)
    } else {
        (x, width)
    };
    let (y, height) = if height < 0.0 {
        (y + height, -height)
    } else {
        (y, height)
    };
    format!(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {attributes}/>\n",
        num(x),
        num(y),
        num(width),
        num(height)
    )
}

/// `<line>` from (x1, y1) to (x2, y2).
pub fn line(x1: f64, y1: f64, x2: f64, y2: f64, attributes: &str) -> String {
    format!(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" {attributes}/>\n",
        num(x1),
        num(y1),
        num(x2),
        num(y2)
    )
}

/// A `<title>` child: the tooltip and accessible name of the element it is in.
pub fn tooltip(content: &str) -> String {
    format!("<title>{}</title>", escape(content))
}

/// Roughly how many characters of 13-unit text fit in `width` units, so long
/// names are shortened before they run into a bar. A conservative average
/// character width: the fonts differ between machines.
pub fn characters_that_fit(width: f64, font_size: f64) -> usize {
    let fits = width / (font_size * 0.56);
    if fits.is_finite() && fits > 1.0 {
        fits as usize
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_the_same_way_every_time() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.3");
        assert_eq!(num(-0.04), "0");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(-3.26), "-3.3");
    }

    #[test]
    fn rectangles_with_negative_extent_are_drawn_from_the_other_edge() {
        assert_eq!(
            rect(100.0, 10.0, -40.0, 5.0, "fill=\"red\""),
            "<rect x=\"60\" y=\"10\" width=\"40\" height=\"5\" fill=\"red\"/>\n"
        );
    }

    #[test]
    fn text_content_is_escaped() {
        assert_eq!(
            text(1.0, 2.0, "start", "", "<b>&"),
            "<text x=\"1\" y=\"2\" text-anchor=\"start\">&lt;b&gt;&amp;</text>\n"
        );
    }
}
