//! Where a model's top-level tables begin and end, found without parsing it.
//!
//! A model is a run of sections, each a top-level header (`[analysis]`,
//! `[[outcomes]]`) with its keys and sub-tables (`[outcomes.uncertainty]`).
//! When the sections cannot affect one another, each can be parsed on its own
//! and its tree dropped once read, so memory follows the largest section rather
//! than the whole file. The scan walks the `toml` crate's own lexer, so strings,
//! multi-line strings and comments hide a `[` exactly as they do for the parser.
//! Whatever it is not sure of (keys before the first header, quoted header keys,
//! a table defined twice, a sub-table away from its table) makes the file one
//! whole to parse, which diagnoses it exactly as the parser always has.

use std::collections::HashMap;
use std::ops::Range;

use toml_parser::Source;
use toml_parser::lexer::{Token, TokenKind};

use crate::diagnostic::Span;

/// One top-level table and everything up to the next: `text[range]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section<'i> {
    pub name: &'i str,
    /// Where the name is written in the header.
    pub name_span: Span,
    /// The header from its first bracket to its last, as the parser spans it.
    pub header: Span,
    /// `[[name]]` rather than `[name]`.
    pub array: bool,
    pub range: Range<usize>,
}

/// How a file divides for parsing.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Split<'i> {
    /// Independent sections, after a preamble (`0..preamble`) of nothing but
    /// whitespace and comments.
    Sections {
        preamble: usize,
        sections: Vec<Section<'i>>,
    },
    /// The file must be parsed whole; `reason` shows why, in the section
    /// that starts at `section` (0 when before any header).
    Whole { reason: Span, section: usize },
}

/// Divide `text` into sections, or say why it must be parsed whole.
pub(crate) fn split(text: &str) -> Split<'_> {
    let mut scan = Scan::new(text);
    match scan.run() {
        Ok(()) => Split::Sections {
            preamble: scan.sections.first().map_or(text.len(), |s| s.range.start),
            sections: scan.sections,
        },
        Err(reason) => Split::Whole {
            reason,
            section: scan.sections.last().map_or(0, |s| s.range.start),
        },
    }
}

/// A header as written: its first key, how many keys, and where it is.
struct Header<'i> {
    name: &'i str,
    name_span: Span,
    parts: usize,
    array: bool,
    span: Span,
}

struct Scan<'i> {
    text: &'i str,
    tokens: std::iter::Peekable<toml_parser::lexer::Lexer<'i>>,
    sections: Vec<Section<'i>>,
    /// Each top-level name seen, and whether it was an array of tables.
    seen: HashMap<&'i str, bool>,
}

impl<'i> Scan<'i> {
    fn new(text: &'i str) -> Self {
        Scan {
            text,
            tokens: Source::new(text).lex().peekable(),
            sections: Vec::new(),
            seen: HashMap::new(),
        }
    }

    fn run(&mut self) -> Result<(), Span> {
        while let Some(token) = self.tokens.next() {
            match token.kind() {
                TokenKind::Whitespace | TokenKind::Newline | TokenKind::Comment => {}
                TokenKind::Eof => break,
                TokenKind::LeftSquareBracket => {
                    let header = self.header(&token)?;
                    self.begin(header)?;
                }
                _ => {
                    // A key at the top of the file belongs to the root table,
                    // which any section could extend with a dotted key.
                    if self.sections.is_empty() {
                        return Err(span(&token));
                    }
                    self.key_value(&token)?;
                }
            }
        }
        if let Some(last) = self.sections.last_mut() {
            last.range.end = self.text.len();
        }
        Ok(())
    }

    /// Record a header: a new section, or a sub-table of the current one.
    fn begin(&mut self, header: Header<'i>) -> Result<(), Span> {
        if header.parts > 1 {
            return match self.sections.last() {
                Some(current) if current.name == header.name => Ok(()),
                _ => Err(header.name_span),
            };
        }
        // A table defined twice, or both a table and an array of tables, is
        // the parser's to diagnose: only it knows which definition it keeps.
        match self.seen.insert(header.name, header.array) {
            Some(was_array) if !(was_array && header.array) => return Err(header.name_span),
            _ => {}
        }
        let start = header.span.start;
        if let Some(last) = self.sections.last_mut() {
            last.range.end = start;
        }
        self.sections.push(Section {
            name: header.name,
            name_span: header.name_span,
            header: header.span,
            array: header.array,
            range: start..self.text.len(),
        });
        Ok(())
    }

    /// `[a.b]` or `[[a]]`, its keys bare, then nothing but a comment on the line.
    fn header(&mut self, open: &Token) -> Result<Header<'i>, Span> {
        let start = open.span().start();
        let array = match self.tokens.peek() {
            Some(next)
                if next.kind() == TokenKind::LeftSquareBracket
                    && next.span().start() == open.span().end() =>
            {
                self.tokens.next();
                true
            }
            _ => false,
        };
        let mut name = None;
        let mut parts = 0;
        let mut expect_key = true;
        let close = loop {
            let token = self.next_token()?;
            match token.kind() {
                TokenKind::Whitespace => {}
                TokenKind::Atom if expect_key && is_bare_key(self.slice(&token)) => {
                    parts += 1;
                    expect_key = false;
                    if name.is_none() {
                        name = Some((self.slice(&token), span(&token)));
                    }
                }
                TokenKind::Dot if !expect_key => expect_key = true,
                TokenKind::RightSquareBracket if !expect_key => break token,
                _ => return Err(span(&token)),
            }
        };
        let mut end = close.span().end();
        if array {
            let second = self.next_token()?;
            if second.kind() != TokenKind::RightSquareBracket || second.span().start() != end {
                return Err(span(&second));
            }
            end = second.span().end();
        }
        self.end_of_line()?;
        let (name, name_span) = name.ok_or(start..start + 1)?;
        Ok(Header {
            name,
            name_span,
            parts,
            array,
            span: start..end,
        })
    }

    /// `key = value`: the key up to `=`, then the value up to the newline
    /// that is outside every bracket.
    fn key_value(&mut self, first: &Token) -> Result<(), Span> {
        let mut token = *first;
        while token.kind() != TokenKind::Equals {
            match token.kind() {
                TokenKind::Atom
                | TokenKind::Dot
                | TokenKind::Whitespace
                | TokenKind::BasicString
                | TokenKind::LiteralString => {}
                _ => return Err(span(&token)),
            }
            token = self.next_token()?;
        }
        let mut depth = 0usize;
        loop {
            let token = self.next_token()?;
            match token.kind() {
                TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => depth += 1,
                TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                    depth = depth.checked_sub(1).ok_or_else(|| span(&token))?;
                }
                TokenKind::Newline if depth == 0 => return Ok(()),
                TokenKind::Eof if depth == 0 => return Ok(()),
                TokenKind::Eof => return Err(span(&token)),
                _ => {}
            }
        }
    }

    fn end_of_line(&mut self) -> Result<(), Span> {
        loop {
            let token = self.next_token()?;
            match token.kind() {
                TokenKind::Whitespace | TokenKind::Comment => {}
                TokenKind::Newline | TokenKind::Eof => return Ok(()),
                _ => return Err(span(&token)),
            }
        }
    }

    fn next_token(&mut self) -> Result<Token, Span> {
        let end = self.text.len();
        self.tokens.next().ok_or(end..end)
    }

    fn slice(&self, token: &Token) -> &'i str {
        &self.text[span(token)]
    }
}

fn span(token: &Token) -> Span {
    token.span().start()..token.span().end()
}

fn is_bare_key(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, bool, String)> {
        match split(text) {
            Split::Sections { sections, .. } => sections
                .into_iter()
                .map(|s| (s.name.to_owned(), s.array, text[s.range].to_owned()))
                .collect(),
            Split::Whole { reason, .. } => panic!("whole at {reason:?}"),
        }
    }

    fn whole_at(text: &str) -> Span {
        match split(text) {
            Split::Whole { reason, .. } => reason,
            Split::Sections { sections, .. } => panic!("split into {sections:?}"),
        }
    }

    #[test]
    fn splits_at_each_top_level_header_keeping_sub_tables_with_their_table() {
        let text = "# a model\n[analysis]\nname = \"x\"\n\n[[outcomes]]\nid = \"a\"\n[outcomes.uncertainty]\nproxy = 1\n  [[outcomes]] # second\nid = \"b\"\n";
        assert_eq!(
            names(text),
            vec![
                (
                    "analysis".to_owned(),
                    false,
                    "[analysis]\nname = \"x\"\n\n".to_owned()
                ),
                (
                    "outcomes".to_owned(),
                    true,
                    "[[outcomes]]\nid = \"a\"\n[outcomes.uncertainty]\nproxy = 1\n  ".to_owned()
                ),
                (
                    "outcomes".to_owned(),
                    true,
                    "[[outcomes]] # second\nid = \"b\"\n".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn a_bracket_inside_a_string_a_comment_or_a_value_starts_nothing() {
        let text = "[analysis]\nname = \"\"\"\n[outcomes]\n\"\"\"\nlist = [\n  [1],\n]\n# [check]\nquoted = '[x]'\n";
        assert_eq!(names(text).len(), 1);
    }

    #[test]
    fn whatever_could_join_two_sections_makes_the_file_whole() {
        // Each span is where the scan stopped: the key, header or token at fault.
        assert_eq!(whole_at("name = 1\n[analysis]\n"), 0..4);
        assert_eq!(whole_at("[analysis]\n[check]\n[analysis]\n"), 20..28);
        assert_eq!(whole_at("[[outcomes]]\n[outcomes]\n"), 14..22);
        assert_eq!(
            whole_at("[[outcomes]]\n[check]\n[outcomes.uncertainty]\n"),
            22..30
        );
        assert_eq!(whole_at("[\"analysis\"]\n"), 1..11);
        assert_eq!(whole_at("[analysis] name = 1\n"), 11..15);
        assert_eq!(whole_at("[analysis]\nlist = [1]]\n"), 21..22);
    }
}
