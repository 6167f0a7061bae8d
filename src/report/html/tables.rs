//! The formatted sections that the terminal and Markdown draw, as HTML
//! tables: the same rows, so the page never shows a figure the table doesn't.

use std::fmt::Write;

use crate::report::markup::escape;
use crate::report::view::{Align, Section};

/// A section as a `<table>` with a header row that repeats on every printed
/// page. Columns without a title (the terminal's text bars) are left out:
/// the page has real charts.
pub fn table(section: &Section, class: &str) -> String {
    grid(&section.columns, &section.rows, class)
}

/// `table` for columns named only once the model is known (a scenario's).
pub fn grid<S: AsRef<str>>(columns: &[(S, Align)], rows: &[Vec<String>], class: &str) -> String {
    let kept: Vec<usize> = columns
        .iter()
        .enumerate()
        .filter(|(_, (title, _))| !title.as_ref().is_empty())
        .map(|(index, _)| index)
        .collect();
    let mut out = format!("<table class=\"{class}\">\n<thead><tr>");
    for &index in &kept {
        let (title, align) = &columns[index];
        let _ = write!(
            out,
            "<th{}>{}</th>",
            align_class(*align),
            escape(title.as_ref())
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for &index in &kept {
            let cell = row.get(index).map_or("", String::as_str);
            let (_, align) = columns[index];
            let _ = write!(out, "<td{}>{}</td>", align_class(align), escape(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

fn align_class(align: Align) -> &'static str {
    match align {
        Align::Left => "",
        Align::Right => " class=\"num\"",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_escaped_and_untitled_columns_dropped() {
        let section = Section {
            title: "Test",
            columns: vec![
                ("Name", Align::Left),
                ("", Align::Left),
                ("Value", Align::Right),
            ],
            rows: vec![vec!["<b>A&B</b>".into(), "███".into(), "£1.00".into()]],
        };
        let html = table(&section, "data");
        assert!(html.contains("<td>&lt;b&gt;A&amp;B&lt;/b&gt;</td><td class=\"num\">£1.00</td>"));
        assert!(!html.contains('█'));
        assert!(html.contains("<thead><tr><th>Name</th><th class=\"num\">Value</th></tr></thead>"));
    }
}
