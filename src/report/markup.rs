//! Text from a model made safe to place in HTML or SVG. Every string a model
//! supplies (names, descriptions, proxy sources, scenario names) goes through
//! [`escape`] before it reaches the page or a chart, whether it lands in
//! element text or in a double- or single-quoted attribute.

use std::borrow::Cow;

use crate::printable::escape_control_except;

/// Escape `text` for element content and for quoted attributes alike, in
/// HTML and in XML (a chart saved alone is an SVG file, which is XML).
///
/// `&`, `<`, `>`, `"` and `'` become character references, so nothing a model
/// says can open a tag, close an attribute or end a CDATA section (`]]>`
/// loses its `>`). Control characters other than tab and line feed show as
/// text, as Rust writes them (`\u{1b}`), as in every other output: XML
/// forbids most of C0 even as references, and the page or chart may be
/// printed to a terminal. The noncharacters U+FFFE and U+FFFF, which XML
/// forbids too, become U+FFFD, so a saved chart always parses.
pub fn escape(text: &str) -> Cow<'_, str> {
    // Tab and line feed are white space in HTML and XML alike; they stay.
    let text = escape_control_except(text, &['\t', '\n']);
    if !text.chars().any(needs_escaping) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8 + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escaping(c: char) -> bool {
    matches!(c, '&' | '<' | '>' | '"' | '\'' | '\u{FFFE}' | '\u{FFFF}')
}

/// At most `max` characters of `text`, ending in "…" when it was cut, so a
/// long name fits the space a chart gives it. The cut is made on characters,
/// never inside one, and the result still needs [`escape`].
pub fn shorten(text: &str, max: usize) -> Cow<'_, str> {
    if text.chars().count() <= max {
        return Cow::Borrowed(text);
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    Cow::Owned(format!("{}…", kept.trim_end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(escape("Level 2 individuals"), Cow::Borrowed(_)));
        assert_eq!(escape("Café – £1,200 · 50%"), "Café – £1,200 · 50%");
    }

    #[test]
    fn markup_cannot_open_a_tag() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            escape("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
    }

    #[test]
    fn quotes_cannot_close_an_attribute() {
        assert_eq!(
            escape(r#"" onload="alert(1)"#),
            "&quot; onload=&quot;alert(1)"
        );
        assert_eq!(escape("' onmouseover='x"), "&#39; onmouseover=&#39;x");
    }

    #[test]
    fn ampersands_and_cdata_ends_are_neutralised() {
        assert_eq!(escape("Fish & Chips"), "Fish &amp; Chips");
        assert_eq!(escape("&amp;"), "&amp;amp;");
        assert_eq!(escape("]]>"), "]]&gt;");
    }

    #[test]
    fn control_characters_show_escaped_and_characters_xml_forbids_are_replaced() {
        assert_eq!(escape("a\u{0}b\u{1b}c"), "a\\0b\\u{1b}c");
        assert_eq!(escape("\u{7f}\u{9b}\u{85}"), "\\u{7f}\\u{9b}\\u{85}");
        assert_eq!(escape("tab\tline\nreturn\r"), "tab\tline\nreturn\\r");
        assert_eq!(escape("\u{FFFF}"), "\u{FFFD}");
    }

    #[test]
    fn non_ascii_text_is_kept() {
        let text = "Niños y niñas · 社会的価値 · Ærø · emoji 🙂";
        assert_eq!(escape(text), text);
    }

    #[test]
    fn very_long_text_is_escaped_whole() {
        let hostile = "<b>&\"".repeat(2_500);
        let escaped = escape(&hostile);
        assert_eq!(escaped.matches("&lt;b&gt;&amp;&quot;").count(), 2_500);
        assert!(!escaped.contains('<') && !escaped.contains('"'));
    }

    #[test]
    fn shortening_counts_characters_not_bytes() {
        assert_eq!(shorten("Council", 10), "Council");
        assert_eq!(
            shorten("Thurrock Council Adult Social Care", 12),
            "Thurrock Co…"
        );
        assert_eq!(shorten("ÆØÅÆØÅ", 4), "ÆØÅ…");
        assert_eq!(shorten(&"é".repeat(10_000), 5).chars().count(), 5);
    }
}
