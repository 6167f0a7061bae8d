//! The one document model for what people read: a page with a title, then
//! blocks in order (a subtitle, asides on what the figures are of, lines of
//! headline, the headline itself, tables, notes and warnings). Every report
//! for a person (`calc`'s view, a comparison, sensitivity and simulation) is
//! laid out as a page, and every page is drawn by [`terminal`] or by
//! [`markdown`], so every command looks alike. HTML draws its own.

use super::markdown;
use super::table::{self, Align};

#[derive(Debug, Clone)]
pub struct Page {
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone)]
pub enum Block {
    /// Under the title: who, what kind of analysis, when.
    Subtitle(String),
    /// What the figures are of, when it is not simply the model as written
    /// (a scenario of it, a reconstruction): set apart, in italics.
    Aside(String),
    /// Short lines read together: what was analysed and the headline result.
    Lines(Vec<String>),
    /// The one result a reader takes away, in bold.
    Headline(String),
    Table(Table),
    /// A sentence or two of explanation under the table before it.
    Note(String),
    /// What a reader must know before any figure: set apart, in bold.
    Warning(String),
}

impl Block {
    pub fn table(table: impl Into<Table>) -> Block {
        Block::Table(table.into())
    }
}

/// A titled table of rows under headed, aligned columns, every figure
/// already formatted.
#[derive(Debug, Clone)]
pub struct Table {
    pub title: String,
    pub columns: Vec<(String, Align)>,
    pub rows: Vec<Vec<String>>,
}

/// The page as terminal tables; the text may quote the model (its name, a
/// scenario's, a path), so control characters show escaped.
pub fn terminal(page: &Page) -> String {
    // Prose wraps to the screen's width when one is set (`width`).
    let prose = table::prose;
    let mut out = prose(&page.title);
    for block in &page.blocks {
        match block {
            Block::Subtitle(line) | Block::Aside(line) | Block::Note(line) => {
                out.push_str(&prose(line));
            }
            Block::Lines(lines) => {
                for line in lines {
                    out.push_str(&prose(line));
                }
            }
            Block::Headline(line) | Block::Warning(line) => {
                out.push('\n');
                out.push_str(&prose(line));
            }
            Block::Table(t) => {
                out.push('\n');
                out.push_str(&prose(&t.title));
                out.push_str(&format!("{}\n", table::grid(&t.columns, &t.rows)));
            }
        }
    }
    out
}

/// The page as GitHub-flavoured Markdown. Each block but a run of lines is
/// a paragraph of its own, so each starts with a blank line.
pub fn markdown(page: &Page) -> String {
    let escape = markdown::escape;
    let mut out = format!("# {}\n", escape(&page.title));
    for block in &page.blocks {
        match block {
            Block::Subtitle(line) | Block::Note(line) => {
                out.push_str(&format!("\n{}\n", escape(line)));
            }
            Block::Aside(line) => out.push_str(&format!("\n*{}*\n", escape(line))),
            Block::Lines(lines) => {
                // One paragraph, a hard line break after each line.
                out.push('\n');
                for line in lines {
                    out.push_str(&format!("{}  \n", escape(line)));
                }
            }
            Block::Headline(line) | Block::Warning(line) => {
                out.push_str(&format!("\n**{}**\n", escape(line)));
            }
            Block::Table(t) => out.push_str(&format!(
                "\n## {}\n\n{}",
                escape(&t.title),
                markdown::grid(&t.columns, &t.rows)
            )),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page with one block of each kind, worked out by hand from the rules
    /// above: in the terminal, headlines, warnings and tables stand off with
    /// a blank line before them; in Markdown, every block but a run of lines
    /// is its own paragraph.
    fn page() -> Page {
        Page {
            title: "T_1".to_owned(),
            blocks: vec![
                Block::Subtitle("S".to_owned()),
                Block::Aside("A".to_owned()),
                Block::Lines(vec!["L1".to_owned(), "L2".to_owned()]),
                Block::Headline("H".to_owned()),
                Block::Warning("W".to_owned()),
                Block::Table(Table {
                    title: "Tab".to_owned(),
                    columns: vec![("C".to_owned(), Align::Right)],
                    rows: vec![vec!["1".to_owned()]],
                }),
                Block::Note("N\u{1b}".to_owned()),
            ],
        }
    }

    #[test]
    fn each_block_is_drawn_one_way_in_the_terminal() {
        let grid = table::grid(&[("C", Align::Right)], &[vec!["1".to_owned()]]);
        assert_eq!(
            terminal(&page()),
            format!("T_1\nS\nA\nL1\nL2\n\nH\n\nW\n\nTab\n{grid}\nN\\u{{1b}}\n")
        );
    }

    #[test]
    fn each_block_is_drawn_one_way_in_markdown() {
        assert_eq!(
            markdown(&page()),
            "# T\\_1\n\nS\n\n*A*\n\nL1  \nL2  \n\n**H**\n\n**W**\n\n## Tab\n\n| C |\n| ---: |\n| 1 |\n\nN\\\\u{1b}\n"
        );
    }
}
