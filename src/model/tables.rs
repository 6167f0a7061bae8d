//! A loaded model's top-level tables, read again one at a time: what a tool
//! that copies the model's own text (such as `import --onto`) needs, without
//! holding the whole file's tree. Spans are as in the whole file.

use toml::de::{DeTable, DeValue};

use super::parse::parse_section;
use super::sections::{self, Section, Split};

/// The model text, divided as the loader divides it.
pub(crate) struct Tables<'i> {
    text: &'i str,
    read: Read<'i>,
}

enum Read<'i> {
    /// A file the loader parses whole (at most the limit of one table).
    Whole(DeTable<'i>),
    /// Sections parsed when asked for and dropped after.
    Sections(Vec<Section<'i>>),
}

impl<'i> Tables<'i> {
    /// The tables of `text`, or `None` when it does not parse.
    pub(crate) fn new(text: &'i str) -> Option<Tables<'i>> {
        let read = match sections::split(text) {
            Split::Sections { sections, .. } => Read::Sections(sections),
            Split::Whole { .. } => Read::Whole(DeTable::parse(text).ok()?.into_inner()),
        };
        Some(Tables { text, read })
    }

    /// Show `visit` each table named `name`: `[name]` once (not an entry),
    /// or each `[[name]]` entry, in file order, with a place that `at` finds
    /// it by again.
    pub(crate) fn each(&self, name: &str, mut visit: impl FnMut(Place, &DeTable<'_>)) {
        match &self.read {
            Read::Whole(root) => {
                if let Some(value) = root.get(name) {
                    each_in(value.get_ref(), |index, entry, table| {
                        visit(Place { index, entry }, table);
                    });
                }
            }
            Read::Sections(sections) => {
                for (index, section) in sections.iter().enumerate() {
                    if section.name != name {
                        continue;
                    }
                    if let Ok(value) = parse_section(self.text, section) {
                        each_in(value.get_ref(), |_, entry, table| {
                            visit(Place { index, entry }, table);
                        });
                    }
                }
            }
        }
    }

    /// Show `visit` the table of `name` that `each` showed at `place`.
    pub(crate) fn at(&self, name: &str, place: Place, visit: impl FnOnce(&DeTable<'_>)) {
        let mut visit = Some(visit);
        let mut found = |index: usize, entry: bool, table: &DeTable<'_>| {
            if index != place.index || entry != place.entry {
                return;
            }
            if let Some(visit) = visit.take() {
                visit(table);
            }
        };
        match &self.read {
            Read::Whole(root) => {
                if let Some(value) = root.get(name) {
                    each_in(value.get_ref(), found);
                }
            }
            Read::Sections(sections) => {
                let Some(section) = sections.get(place.index).filter(|s| s.name == name) else {
                    return;
                };
                if let Ok(value) = parse_section(self.text, section) {
                    each_in(value.get_ref(), |_, entry, table| {
                        found(place.index, entry, table);
                    });
                }
            }
        }
    }
}

/// Where `Tables::each` found a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    index: usize,
    /// An entry of a list of tables (`[[name]]`).
    pub entry: bool,
}

/// A top-level value's tables: itself, or each table of its list.
fn each_in(value: &DeValue<'_>, mut visit: impl FnMut(usize, bool, &DeTable<'_>)) {
    match value {
        DeValue::Table(table) => visit(0, false, table),
        DeValue::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                if let Some(table) = item.get_ref().as_table() {
                    visit(index, true, table);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema;

    /// Every table `tables` shows, by name, with its spans: `Debug` of a
    /// spanned value prints each span beside each value.
    fn shown(tables: &Tables<'_>) -> Vec<String> {
        let mut seen = Vec::new();
        for name in schema::TOP_LEVEL {
            tables.each(name, |place, table| {
                let mut again = String::new();
                tables.at(name, place, |table| again = format!("{table:?}"));
                seen.push(format!("{name} {} {table:?}", place.entry));
                // `at` finds each table again where `each` showed it.
                assert_eq!(again, format!("{table:?}"), "{name} at {place:?}");
            });
        }
        seen
    }

    /// The bundled models (Derby has every kind of table: stakeholders,
    /// inputs, outcomes with uncertainty, scenarios with `set`, published
    /// figures and `[check]`) read by section give the very tables, spans
    /// and all, that a parse of the whole file gives.
    #[test]
    fn sections_show_what_the_whole_file_holds() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for model in ["derby", "thurrock"] {
            let path = root.join(format!("models/{model}.toml"));
            let text = std::fs::read_to_string(&path).expect("a bundled model");
            let by_section = Tables::new(&text).expect("the model parses");
            assert!(matches!(by_section.read, Read::Sections(_)), "{model}");
            let whole = Tables {
                text: &text,
                read: Read::Whole(DeTable::parse(&text).expect("parses").into_inner()),
            };
            let (sections, whole) = (shown(&by_section), shown(&whole));
            assert!(sections.len() > 20, "{model}: {} tables", sections.len());
            assert_eq!(sections, whole, "{model}");
        }
    }
}
