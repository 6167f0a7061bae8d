//! How things are named where a person reads: by the words the analyst
//! wrote, not by the ids that tie the model together. Ids stay in JSON and
//! CSV, where programs match on them.

/// Longest name, in characters, a table shows before shortening it.
const LONGEST: usize = 48;

/// A description as a table names it. A short one is itself; a long one is
/// its first clause when that reads as a name on its own ("Less socially
/// isolated: connected with local people" is "Less socially isolated"),
/// else its first words up to a word boundary, with an ellipsis.
pub fn short(description: &str) -> String {
    let description = description.trim();
    if description.chars().count() <= LONGEST {
        return description.to_owned();
    }
    let clause = description
        .find([':', ';', '(', '—'])
        .map(|at| description[..at].trim_end());
    if let Some(clause) = clause {
        let words = clause.split_whitespace().count();
        if words >= 2 && clause.chars().count() <= LONGEST {
            return clause.to_owned();
        }
    }
    let mut shortened = String::new();
    for word in description.split_whitespace() {
        if shortened.chars().count() + 1 + word.chars().count() > LONGEST - 1 {
            break;
        }
        if !shortened.is_empty() {
            shortened.push(' ');
        }
        shortened.push_str(word);
    }
    let shortened = shortened.trim_end_matches([',', ';', ':']);
    format!("{shortened}…")
}

/// An outcome named for a reader: its description shortened, or its id
/// when it has none.
pub fn outcome(description: Option<&str>, id: &str) -> String {
    match description.map(str::trim) {
        Some(description) if !description.is_empty() => short(description),
        _ => id.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_description_is_named_by_its_first_clause_or_first_words() {
        // Thurrock's descriptions, as the model writes them: 51 characters,
        // over the 48 a table shows, so the clause before the colon.
        assert_eq!(
            short("Less socially isolated: connected with local people"),
            "Less socially isolated"
        );
        assert_eq!(short("Family members"), "Family members");
        assert_eq!(
            short(
                "Supported through crisis: relief from depression, managing mental health better"
            ),
            "Supported through crisis"
        );
        assert_eq!(
            short(
                "Delays in hospital and interim residential beds avoided through circles of support"
            ),
            "Delays in hospital and interim residential beds…"
        );
        assert!(short(&"word ".repeat(40)).chars().count() <= LONGEST);
        assert_eq!(outcome(None, "l2_isolation"), "l2_isolation");
        assert_eq!(outcome(Some("  "), "l2_isolation"), "l2_isolation");
    }
}
