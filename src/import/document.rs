//! The model text being written, and where each part of it came from: a
//! cell of a CSV file, a row, or a value of the base model. When the loader
//! finds a problem in the text, its span leads back to the cell or the line
//! of the base model that the analyst can fix.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::cells;
use crate::diagnostic::Span;

/// What a piece of the written text was made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Origin {
    /// A cell: file, row index, column index.
    Cell {
        file: usize,
        row: usize,
        column: usize,
    },
    /// The quantity of a later cohort of an outcome, from its own row: file,
    /// the outcome's row index, the cohort (from 0 for the second).
    Cohort {
        file: usize,
        row: usize,
        cohort: usize,
    },
    /// A whole row, written as one `[[outcomes]]` or `[[inputs]]` entry.
    Row { file: usize, row: usize },
    /// A value or key of the base model, by its span there.
    Base { start: usize, end: usize },
}

/// Model text under construction.
#[derive(Default)]
pub(super) struct Document {
    pub text: String,
    origins: Vec<(Range<usize>, Origin)>,
}

impl Document {
    pub fn comment(&mut self, line: &str) {
        if line.is_empty() {
            self.text.push_str("#\n");
        } else {
            self.text.push_str("# ");
            self.text.push_str(line);
            self.text.push('\n');
        }
    }

    /// A table header (`[name]`, or `[[name]]` for an entry of a list),
    /// after a blank line.
    pub fn header(&mut self, name: &str, entry: bool) {
        self.text.push('\n');
        if entry {
            self.text.push_str(&format!("[[{name}]]\n"));
        } else {
            self.text.push_str(&format!("[{name}]\n"));
        }
    }

    /// `key = value` with the value's origin recorded.
    pub fn entry(&mut self, key: &str, value: &str, origin: Option<Origin>) {
        self.text.push_str(&bare_or_quoted(key));
        self.text.push_str(" = ");
        let start = self.text.len();
        self.text.push_str(value);
        if let Some(origin) = origin {
            self.origins.push((start..self.text.len(), origin));
        }
        self.text.push('\n');
    }

    /// `key = [a, b, …]`, each item with its own origin and the list with `origin`.
    pub fn list_entry(&mut self, key: &str, items: &[(String, Origin)], origin: Origin) {
        self.text.push_str(&bare_or_quoted(key));
        self.text.push_str(" = ");
        let start = self.text.len();
        self.text.push('[');
        for (index, (item, item_origin)) in items.iter().enumerate() {
            if index > 0 {
                self.text.push_str(", ");
            }
            let item_start = self.text.len();
            self.text.push_str(item);
            self.mark(item_start, *item_origin);
        }
        self.text.push(']');
        self.mark(start, origin);
        self.text.push('\n');
    }

    /// Record that the text from `start` to here came from `origin`.
    pub fn mark(&mut self, start: usize, origin: Origin) {
        self.origins.push((start..self.text.len(), origin));
    }

    /// The origin of the smallest recorded piece of text holding `span`'s start.
    pub fn origin(&self, span: &Span) -> Option<Origin> {
        self.origins
            .iter()
            .filter(|(range, _)| {
                range.start <= span.start && (span.start < range.end || span.start == range.start)
            })
            .min_by_key(|(range, _)| range.len())
            .map(|(_, origin)| *origin)
    }

    /// A table kept from the base model, its keys in `order` (the order the
    /// format lists them), every value written exactly as the base has it.
    pub fn base_table(&mut self, name: &str, entry: bool, table: &DeTable<'_>, order: &[&str]) {
        self.header(name, entry);
        for (key, value) in ordered(table, order) {
            self.base_entry(key, value);
        }
    }

    pub fn base_entry(
        &mut self,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        value: &Spanned<DeValue<'_>>,
    ) {
        let start = self.text.len();
        self.text.push_str(&bare_or_quoted(key.get_ref()));
        self.mark(start, base(key.span()));
        self.text.push_str(" = ");
        self.inline(value);
        self.text.push('\n');
    }

    /// A value of the base model written inline, exactly as it was written.
    fn inline(&mut self, value: &Spanned<DeValue<'_>>) {
        let start = self.text.len();
        match value.get_ref() {
            DeValue::String(text) => self.text.push_str(&cells::string(text)),
            DeValue::Integer(integer) => {
                let prefix = match integer.radix() {
                    16 => "0x",
                    8 => "0o",
                    2 => "0b",
                    _ => "",
                };
                self.text.push_str(prefix);
                // Money reads best grouped, as the bundled models write it.
                match integer.as_str().parse::<i64>() {
                    Ok(number) if integer.radix() == 10 => {
                        self.text.push_str(&cells::decimal(number.into()));
                    }
                    _ => self.text.push_str(integer.as_str()),
                }
            }
            DeValue::Float(float) => self.text.push_str(float.as_str()),
            DeValue::Boolean(flag) => self.text.push_str(if *flag { "true" } else { "false" }),
            DeValue::Datetime(datetime) => self.text.push_str(&datetime.to_string()),
            DeValue::Array(items) => {
                self.text.push('[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        self.text.push_str(", ");
                    }
                    self.inline(item);
                }
                self.text.push(']');
            }
            DeValue::Table(table) => {
                if table.is_empty() {
                    self.text.push_str("{}");
                } else {
                    self.text.push_str("{ ");
                    for (index, (key, item)) in table.iter().enumerate() {
                        if index > 0 {
                            self.text.push_str(", ");
                        }
                        let key_start = self.text.len();
                        self.text.push_str(&bare_or_quoted(key.get_ref()));
                        self.mark(key_start, base(key.span()));
                        self.text.push_str(" = ");
                        self.inline(item);
                    }
                    self.text.push_str(" }");
                }
            }
        }
        self.mark(start, base(value.span()));
    }
}

fn base(span: Span) -> Origin {
    Origin::Base {
        start: span.start,
        end: span.end,
    }
}

/// The entries of a table: those named in `order` first, in that order, then any others.
pub(super) fn ordered<'t, 'i>(
    table: &'t DeTable<'i>,
    order: &[&str],
) -> Vec<(
    &'t Spanned<std::borrow::Cow<'i, str>>,
    &'t Spanned<DeValue<'i>>,
)> {
    let rank = |key: &str| order.iter().position(|k| *k == key).unwrap_or(order.len());
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| rank(key.get_ref()));
    entries
}

/// A key as TOML needs it: bare when it can be, quoted otherwise.
fn bare_or_quoted(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if bare {
        key.to_owned()
    } else {
        cells::string(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_values_are_written_exactly_and_traced_back() {
        let base = "[s]\nb = { \"*.proxy\" = \"-20%\", x = { y = 0x1F } }\na = [1_200, 0.035, 1e3, true]\nc = 1979-05-27\n";
        let parsed = DeTable::parse(base).expect("valid TOML");
        let table = parsed.get_ref()["s"].get_ref().as_table().expect("a table");
        let mut document = Document::default();
        document.base_table("s", false, table, &["a", "b"]);
        assert_eq!(
            document.text,
            "\n[s]\na = [1200, 0.035, 1e3, true]\nb = { \"*.proxy\" = \"-20%\", x = { y = 0x1F } }\nc = 1979-05-27\n"
        );
        let reparsed: toml::Table = toml::from_str(&document.text).expect("valid TOML");
        let original: toml::Table = toml::from_str(base).expect("valid TOML");
        assert_eq!(reparsed, original);
        // "0.035" in the written text leads back to "0.035" in the base.
        let at = document.text.find("0.035").expect("written");
        let Some(Origin::Base { start, end }) = document.origin(&(at..at + 5)) else {
            panic!("no origin");
        };
        assert_eq!(&base[start..end], "0.035");
        let key = document.text.find("\"*.proxy\"").expect("written");
        let Some(Origin::Base { start, end }) = document.origin(&(key..key)) else {
            panic!("no origin");
        };
        assert_eq!(&base[start..end], "\"*.proxy\"");
    }
}
