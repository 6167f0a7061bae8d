//! The terminal table: a page's tables drawn with comfy-table. This is
//! the only module that knows about the table library. Every line and cell
//! of model text is shown with its control characters escaped (`\u{1b}`,
//! `\n`, `\t`): a cell stays on one line and a name cannot drive the terminal.

use comfy_table::{
    CellAlignment, ColumnConstraint, ContentArrangement, Table, Width as ComfyWidth, presets,
};

use super::width;
use crate::printable::escape_control;

/// How a column's cells are aligned: text to the left, figures to the right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A line of prose, its control characters escaped, wrapped to the width
/// (when one is set) and ended with a newline.
pub fn prose(line: &str) -> String {
    format!("{}\n", width::wrap(&escape_control(line), width::get(), ""))
}

/// One table of rows under headed, aligned columns. Other reports (such as a
/// comparison, whose columns depend on how many models it holds) draw their
/// tables through this too, so every table looks the same.
///
/// At a set width (`width::get`) a table wider than the screen is fitted:
/// text columns wrap between words, figures (right-aligned columns) keep
/// their whole width, a bar beside a share is left out, and what still does
/// not fit continues in a second table that repeats the first column, so
/// nothing shown at the natural width is lost and no figure is split.
pub fn grid<S: AsRef<str>>(columns: &[(S, Align)], rows: &[Vec<String>]) -> String {
    let columns: Vec<(String, Align)> = columns
        .iter()
        .map(|(name, align)| (escape_control(name.as_ref()).into_owned(), *align))
        .collect();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| escape_control(cell).into_owned())
                .collect()
        })
        .collect();
    let natural = draw(&columns, &rows, None);
    let Some(width) = width::get() else {
        return natural;
    };
    if widest(&natural) <= width {
        return natural;
    }
    let kept: Vec<usize> = (0..columns.len())
        .filter(|&index| !is_bar(&rows, index))
        .collect();
    parts(&columns, &rows, &kept, width)
        .iter()
        .map(|part| {
            let (columns, rows) = select(&columns, &rows, part);
            draw(&columns, &rows, Some(width))
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The columns of each table a wide one is cut into at `width`: the first
/// column in every part, the others in order while their narrowest widths fit.
fn parts(
    columns: &[(String, Align)],
    rows: &[Vec<String>],
    kept: &[usize],
    width: usize,
) -> Vec<Vec<usize>> {
    let narrowest = |index: usize| narrowest(columns, rows, index) + 3;
    let Some((&first, rest)) = kept.split_first() else {
        return vec![kept.to_vec()];
    };
    let base = 1 + narrowest(first);
    let mut parts = vec![vec![first]];
    let mut used = base;
    for &index in rest {
        let needed = narrowest(index);
        let last = parts.len() - 1;
        if used + needed > width && parts[last].len() > 1 {
            parts.push(vec![first]);
            used = base;
        }
        let last = parts.len() - 1;
        parts[last].push(index);
        used += needed;
    }
    parts
}

/// The fewest cells a column can take: a figure's whole width, or for text
/// its longest word, at most a dozen cells (longer words break).
fn narrowest(columns: &[(String, Align)], rows: &[Vec<String>], index: usize) -> usize {
    let cells_of = |text: &str| -> usize { text.split(' ').map(width::cells).max().unwrap_or(0) };
    let header = cells_of(&columns[index].0);
    let content = rows
        .iter()
        .filter_map(|row| row.get(index))
        .map(|cell| match columns[index].1 {
            Align::Right => width::cells(cell),
            Align::Left => cells_of(cell).min(12),
        })
        .max()
        .unwrap_or(0);
    content.max(header.min(12))
}

/// A column of bars drawn beside a share (`text::bar`): the share says the
/// same in figures, so at a narrow width the bar is the first thing to go.
fn is_bar(rows: &[Vec<String>], index: usize) -> bool {
    const BLOCKS: &str = "█▏▎▍▌▋▊▉ ";
    !rows.is_empty()
        && rows.iter().all(|row| {
            row.get(index)
                .is_some_and(|cell| cell.chars().all(|c| BLOCKS.contains(c)))
        })
}

fn select(
    columns: &[(String, Align)],
    rows: &[Vec<String>],
    part: &[usize],
) -> (Vec<(String, Align)>, Vec<Vec<String>>) {
    let columns = part.iter().map(|&index| columns[index].clone()).collect();
    let rows = rows
        .iter()
        .map(|row| {
            part.iter()
                .map(|&index| row.get(index).cloned().unwrap_or_default())
                .collect()
        })
        .collect();
    (columns, rows)
}

fn widest(drawn: &str) -> usize {
    drawn.lines().map(width::cells).max().unwrap_or(0)
}

/// The table at its natural width, or arranged to fit `width` with every
/// figure column at least as wide as its widest figure.
fn draw(columns: &[(String, Align)], rows: &[Vec<String>], width: Option<usize>) -> String {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        // Output must not depend on the terminal it happens to run in: the
        // width, when there is one, is chosen once for the run (`width`).
        .force_no_tty()
        .set_header(columns.iter().map(|(name, _)| name.as_str()))
        .add_rows(rows.iter().map(|row| row.iter().map(String::as_str)));
    match width {
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
        Some(width) => {
            table
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(u16::try_from(width).unwrap_or(u16::MAX));
        }
    }
    for (index, (_, align)) in columns.iter().enumerate() {
        let figure = narrowest(columns, rows, index);
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(match align {
                Align::Left => CellAlignment::Left,
                Align::Right => CellAlignment::Right,
            });
            if width.is_some() && *align == Align::Right {
                // comfy-table's widths include the cell's padding of one a side.
                column.set_constraint(ColumnConstraint::LowerBoundary(ComfyWidth::Fixed(
                    u16::try_from(figure + 2).unwrap_or(u16::MAX),
                )));
            }
        }
    }
    table.trim_fmt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_text_in_a_cell_shows_its_control_characters_escaped_on_one_line() {
        let rows = vec![vec!["Council \u{1b}[2J\n::warning::x\tz".to_owned()]];
        let drawn = grid(&[("Name\u{7}", Align::Left)], &rows);
        assert!(
            drawn.contains("Council \\u{1b}[2J\\n::warning::x\\tz"),
            "{drawn}"
        );
        assert!(drawn.contains("Name\\u{7}"), "{drawn}");
        assert!(!drawn.contains(|c: char| c.is_control() && c != '\n'));
        // Every line of the table is the table's (borders, header, one row).
        assert_eq!(drawn.lines().count(), 5, "{drawn}");
    }
}
