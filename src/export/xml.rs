//! XML text escaping shared by the GraphML and GEXF writers.
//!
//! One escaper for element text and attribute values alike: `&`, `<`,
//! `>`, `"` and `'` become entities, and tab, line feed and carriage
//! return become character references (`&#9;`, `&#10;`, `&#13;`) so that
//! an attribute value keeps them instead of having them normalised to
//! spaces by the reader. Characters XML 1.0 cannot carry at all (other
//! C0 controls, U+FFFE, U+FFFF, lone surrogates cannot occur in a `str`)
//! are replaced by U+FFFD. Everything else, including non-ASCII letters,
//! is written as is: the files are UTF-8.

use std::borrow::Cow;

/// Is `c` allowed in an XML 1.0 document?
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escape `s` for XML element text or a double-quoted attribute value.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| matches!(c, '&' | '<' | '>' | '"' | '\'' | '\t' | '\n' | '\r') || !allowed(c))
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if !allowed(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes() {
        for (input, want) in [
            ("plain", "plain"),
            ("Calderón", "Calderón"),
            (
                r#"A & B <"x"> 'y'"#,
                "A &amp; B &lt;&quot;x&quot;&gt; &apos;y&apos;",
            ),
            ("a\nb\tc\r", "a&#10;b&#9;c&#13;"),
            ("bell\u{7}", "bell\u{FFFD}"),
            ("\u{FFFF}\u{1F600}", "\u{FFFD}\u{1F600}"),
        ] {
            assert_eq!(escape(input), want, "{input:?}");
        }
    }
}
