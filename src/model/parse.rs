//! From model text to the TOML tables the reader reads, holding as little of
//! the parsed tree at once as the file allows.
//!
//! A file whose sections stand alone (see `sections`) is parsed one section
//! at a time: the few single tables (`[analysis]`, `[conventions]`,
//! `[published]`, `[check]`) are kept, and each entry of `[[stakeholders]]`,
//! `[[inputs]]`, `[[outcomes]]` and `[[scenarios]]` is parsed when the reader
//! comes to it and dropped once read. Spans are moved by each section's offset,
//! so every diagnostic points where it would had the file been parsed whole.
//! Any other file, and any file with a syntax error that is small enough, is
//! parsed whole, as the parser has always diagnosed it.

use std::borrow::Cow;
use std::cell::RefCell;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use super::schema::{Limits, TOML_NESTING_LIMIT};
use super::sections::{self, Section, Split};
use crate::diagnostic::{Diagnostic, ErrorCode, SourceFile, Span};

/// The arrays of tables read one entry at a time: the ones a model may hold
/// by the hundred thousand.
const STREAMED: &[&str] = &["stakeholders", "inputs", "outcomes", "scenarios"];

/// The single tables kept whole; any other `[name]` is only named in its error.
const KEPT: &[&str] = &["analysis", "conventions", "published", "check"];

/// A parsed model: its top-level tables, and where to find each entry.
pub(crate) struct Document<'i> {
    /// The top level. Parsed whole, it is everything; parsed by section, the
    /// entries' arrays are empty and spanned at their first header, and
    /// tables the reader only names are empty.
    pub root: DeTable<'i>,
    text: &'i str,
    /// The entries' sections, in file order; `None` when parsed whole.
    entries: Option<Vec<Section<'i>>>,
    /// Problems met while parsing entries as they were read.
    problems: RefCell<Vec<Diagnostic>>,
    parsing: Parsing,
}

/// How a file is parsed: as it allows, or, so that a test can hold the two
/// equal, whole or by section whatever its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Parsing {
    AsAllowed,
    #[cfg(test)]
    Whole,
    #[cfg(test)]
    BySection,
}

impl<'i> Document<'i> {
    /// Parse `source`, or give every syntax error (and table beyond the size
    /// limit) in it.
    pub fn parse(
        source: &'i SourceFile,
        limits: Limits,
        parsing: Parsing,
    ) -> Result<Self, Vec<Diagnostic>> {
        let text = source.text.as_str();
        let max = limits.max_table_bytes;
        let small = fits(text.len(), max);
        #[cfg(test)]
        if parsing == Parsing::Whole {
            return whole(text, parsing);
        }
        match sections::split(text) {
            Split::Whole { .. } if small => whole(text, parsing),
            Split::Whole { reason, section } => {
                Err(too_large_to_read_whole(text, reason, section, max))
            }
            Split::Sections { preamble, sections } => {
                let parsed = by_section(text, preamble, sections, max, parsing);
                match parsed {
                    Err(_) if small && parsing == Parsing::AsAllowed => whole(text, parsing),
                    parsed => parsed,
                }
            }
        }
    }

    /// Whether the entries of `key` are read from sections (so that the reader
    /// counts and visits them here rather than in `root`).
    pub fn is_sectioned(&self) -> bool {
        self.entries.is_some()
    }

    /// How many `[[key]]` entries there are, when parsed by section.
    pub fn count(&self, key: &str) -> usize {
        self.entries
            .iter()
            .flatten()
            .filter(|section| section.name == key)
            .count()
    }

    /// Whether `key` holds at least one entry.
    pub fn has_entries(&self, key: &str) -> bool {
        if self.is_sectioned() {
            return self.count(key) > 0;
        }
        self.root
            .get(key)
            .and_then(|value| value.get_ref().as_array())
            .is_some_and(|items| !items.is_empty())
    }

    /// Visit each `[[key]]` entry parsed by section, in file order, with its
    /// header's span and its table. Once an entry fails to parse, none is
    /// visited: the model is reported by its syntax errors alone.
    pub fn each_entry(&self, key: &str, mut visit: impl FnMut(&Span, &DeTable<'i>)) {
        for section in self.entries.iter().flatten().filter(|s| s.name == key) {
            let entry = match parse_section(self.text, section) {
                Ok(entry) => entry,
                Err(mut problems) => {
                    self.problems.borrow_mut().append(&mut problems);
                    continue;
                }
            };
            if !self.problems.borrow().is_empty() {
                continue;
            }
            let entry = entry.into_inner();
            let Some(item) = entry.as_array().and_then(|a| a.first()) else {
                continue;
            };
            if let Some(table) = item.get_ref().as_table() {
                visit(&item.span(), table);
            }
        }
    }

    /// The problems met while visiting entries: when there are any, they are
    /// the model's whole report. A file small enough is parsed again whole so
    /// that they read exactly as the parser gives them for the whole file.
    pub fn into_problems(self, limits: Limits) -> Vec<Diagnostic> {
        let problems = self.problems.into_inner();
        if problems.is_empty()
            || !fits(self.text.len(), limits.max_table_bytes)
            || self.parsing != Parsing::AsAllowed
        {
            return problems;
        }
        whole(self.text, self.parsing).err().unwrap_or(problems)
    }
}

fn fits(bytes: usize, max: u64) -> bool {
    bytes as u64 <= max
}

fn whole(text: &str, parsing: Parsing) -> Result<Document<'_>, Vec<Diagnostic>> {
    let (document, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors.iter().map(|e| syntax_diagnostic(e, 0)).collect());
    }
    Ok(Document {
        root: document.into_inner(),
        text,
        entries: None,
        problems: RefCell::new(Vec::new()),
        parsing,
    })
}

fn by_section<'i>(
    text: &'i str,
    preamble: usize,
    sections: Vec<Section<'i>>,
    max: u64,
    parsing: Parsing,
) -> Result<Document<'i>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    // The preamble holds only comments, but the parser still checks them.
    let (_, errors) = DeTable::parse_recoverable(&text[..preamble]);
    problems.extend(errors.iter().map(|e| syntax_diagnostic(e, 0)));
    let mut root = DeTable::new();
    let mut entries = Vec::new();
    for section in sections {
        if !fits(section.range.len(), max) {
            problems.push(table_beyond_the_limit(&section, max));
            continue;
        }
        let streamed = section.array && STREAMED.contains(&section.name);
        if !root.contains_key(section.name) {
            root.insert(
                Spanned::new(section.name_span.clone(), Cow::Borrowed(section.name)),
                placeholder(&section),
            );
        }
        if streamed {
            entries.push(section);
            continue;
        }
        match parse_section(text, &section) {
            Ok(value) if !section.array && KEPT.contains(&section.name) => {
                root.insert(
                    Spanned::new(section.name_span.clone(), Cow::Borrowed(section.name)),
                    value,
                );
            }
            Ok(_) => {}
            Err(mut errors) => problems.append(&mut errors),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Document {
        root,
        text,
        entries: Some(entries),
        problems: RefCell::new(Vec::new()),
        parsing,
    })
}

/// What the reader needs of a table it does not read: its type and header.
fn placeholder<'i>(section: &Section<'_>) -> Spanned<DeValue<'i>> {
    let value = if section.array {
        DeValue::Array(DeArray::new())
    } else {
        DeValue::Table(DeTable::new())
    };
    Spanned::new(section.header.clone(), value)
}

/// Parse one section alone: the value of its one top-level key, with every
/// span as in the whole file.
fn parse_section<'i>(
    text: &'i str,
    section: &Section<'i>,
) -> Result<Spanned<DeValue<'i>>, Vec<Diagnostic>> {
    let offset = section.range.start;
    let (mut table, errors) = DeTable::parse_recoverable(&text[section.range.clone()]);
    if !errors.is_empty() {
        return Err(errors
            .iter()
            .map(|e| syntax_diagnostic(e, offset))
            .collect());
    }
    let value = table
        .get_mut()
        .remove(section.name)
        .map(|value| shifted(value, offset));
    // The scan found one header at the top of the section; the parser agrees.
    Ok(value.expect("a section holds the table its header names"))
}

/// A parsed value with every span inside it moved `by` bytes on.
fn shifted(value: Spanned<DeValue<'_>>, by: usize) -> Spanned<DeValue<'_>> {
    let span = value.span();
    let moved = match value.into_inner() {
        DeValue::Table(table) => DeValue::Table(shifted_table(table, by)),
        DeValue::Array(array) => {
            DeValue::Array(array.into_iter().map(|item| shifted(item, by)).collect())
        }
        scalar => scalar,
    };
    Spanned::new(span.start + by..span.end + by, moved)
}

fn shifted_table(table: DeTable<'_>, by: usize) -> DeTable<'_> {
    // The keys come out in order, so the new map is built in one pass.
    table
        .into_iter()
        .map(|(key, value)| {
            let span = key.span();
            (
                Spanned::new(span.start + by..span.end + by, key.into_inner()),
                shifted(value, by),
            )
        })
        .collect()
}

fn table_beyond_the_limit(section: &Section<'_>, max: u64) -> Diagnostic {
    let brackets = if section.array {
        ("[[", "]]")
    } else {
        ("[", "]")
    };
    Diagnostic::new(
        ErrorCode::OverLimit,
        section.header.clone(),
        format!(
            "the table {}{}{} that starts here runs to {} bytes, more than the limit of {max} bytes for one table",
            brackets.0,
            section.name,
            brackets.1,
            section.range.len()
        ),
    )
    .with_hint("a table this long holds far more than a model needs; look for a list or string that runs on")
}

/// Why a file too large to parse whole cannot be read: most often a syntax
/// error that stopped the scan, which parsing from the section it is in
/// finds; else the limit itself, at the place that joins two tables.
fn too_large_to_read_whole(text: &str, reason: Span, section: usize, max: u64) -> Vec<Diagnostic> {
    let rest = &text[section..];
    if fits(rest.len(), max) {
        let (_, errors) = DeTable::parse_recoverable(rest);
        if !errors.is_empty() {
            return errors
                .iter()
                .map(|e| syntax_diagnostic(e, section))
                .collect();
        }
    }
    vec![whole_beyond_the_limit(reason, text.len(), max)]
}

fn whole_beyond_the_limit(reason: Span, bytes: usize, max: u64) -> Diagnostic {
    Diagnostic::new(
        ErrorCode::OverLimit,
        reason,
        format!(
            "the model is {bytes} bytes and cannot be read one table at a time from here, more than the limit of {max} bytes for a model read whole"
        ),
    )
    .with_hint("write each table under its own [name] or [[name]] header, define each [name] once, and put a sub-table such as [outcomes.uncertainty] right after its table")
}

pub(crate) fn syntax_diagnostic(error: &toml::de::Error, offset: usize) -> Diagnostic {
    let span = error.span().map_or(offset..offset, |span| {
        span.start + offset..span.end + offset
    });
    let mut message = error.message().trim().replace('\n', "; ");
    if let Some(nesting) = nesting_beyond_the_limit(&message) {
        return nesting.located(span);
    }
    if let Some(first) = message.get(..1) {
        message.replace_range(..1, &first.to_lowercase());
    }
    Diagnostic::new(ErrorCode::NotToml, span, format!("invalid TOML: {message}"))
}

/// The parser's own words for its nesting limit, which name no number.
struct Nesting(&'static str);

impl Nesting {
    fn located(self, span: Span) -> Diagnostic {
        let message = format!(
            "{} nested more than {TOML_NESTING_LIMIT} levels deep, beyond the limit",
            self.0
        );
        Diagnostic::new(ErrorCode::OverLimit, span, message)
            .with_hint("a model nests at most four levels; look for a bracket that is never closed")
    }
}

fn nesting_beyond_the_limit(message: &str) -> Option<Nesting> {
    match message {
        "cannot recurse further; max recursion depth met" => {
            Some(Nesting("arrays and inline tables are"))
        }
        "recursion limit" => Some(Nesting("a dotted key's parts are")),
        _ => None,
    }
}
