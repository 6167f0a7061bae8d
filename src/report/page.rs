//! A page of results for a person: a title, a few lines of headline, then
//! tables and notes in order. The sensitivity and simulation reports are laid
//! out as pages, and each page is drawn as a terminal table or as Markdown by
//! the same code that draws `calc`'s sections, so every command looks alike.

use super::view::Section;
use super::{markdown, table};

#[derive(Debug, Clone)]
pub struct Page {
    pub title: String,
    /// Short lines under the title: what was analysed and the headline result.
    pub lines: Vec<String>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone)]
pub enum Block {
    Table(Section),
    /// A sentence or two of explanation under the table before it.
    Note(String),
}

/// The page as terminal tables; the title and lines may quote the model
/// (its name, a scenario's), so control characters show escaped.
pub fn terminal(page: &Page) -> String {
    let mut out = table::prose(&page.title);
    for line in &page.lines {
        out.push_str(&table::prose(line));
    }
    for block in &page.blocks {
        match block {
            Block::Table(section) => {
                out.push('\n');
                out.push_str(&table::prose(section.title));
                out.push_str(&format!(
                    "{}\n",
                    table::grid(&section.columns, &section.rows)
                ));
            }
            Block::Note(note) => out.push_str(&table::prose(note)),
        }
    }
    out
}

/// The page as GitHub-flavoured Markdown.
pub fn markdown(page: &Page) -> String {
    let mut out = format!("# {}\n\n", markdown::escape(&page.title));
    for line in &page.lines {
        out.push_str(&format!("{}  \n", markdown::escape(line)));
    }
    for block in &page.blocks {
        match block {
            Block::Table(section) => out.push_str(&format!(
                "\n## {}\n\n{}",
                section.title,
                markdown::grid(&section.columns, &section.rows)
            )),
            Block::Note(note) => out.push_str(&format!("\n{}\n", markdown::escape(note))),
        }
    }
    out
}
