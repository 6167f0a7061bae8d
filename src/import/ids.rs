//! Ids made from what analysts write: a stakeholder's name, an outcome's
//! description. They are readable (the words of the text), and the same
//! text always gives the same id.

/// The most words an id made from a description keeps.
const ID_WORDS: usize = 6;

/// An id made from a name or description: lower-case ASCII words joined by
/// `-`, at most six words (`Young people` → `young-people`; `Less socially
/// isolated: connected with local people` → `less-socially-isolated-connected-with-local`).
pub(super) fn made_id(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .map(|word| {
            word.chars()
                .filter_map(|c| {
                    let c = fold_accent(c).to_ascii_lowercase();
                    c.is_ascii_alphanumeric().then_some(c)
                })
                .collect::<String>()
        })
        .filter(|word| !word.is_empty())
        .take(ID_WORDS)
        .collect();
    (!words.is_empty()).then(|| words.join("-"))
}

/// A Latin letter with an accent as the letter without it, so that
/// `Café users` gives `cafe-users`.
fn fold_accent(c: char) -> char {
    match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò'..='ö' | 'Ò'..='Ö' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_made_readable_from_names_and_descriptions() {
        assert_eq!(made_id("Young people").as_deref(), Some("young-people"));
        assert_eq!(
            made_id("Less socially isolated: connected with local people").as_deref(),
            Some("less-socially-isolated-connected-with-local")
        );
        assert_eq!(made_id("Café users (£)").as_deref(), Some("cafe-users"));
        assert_eq!(made_id("  -- ").as_deref(), None);
    }
}
