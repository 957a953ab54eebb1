//! Stage 2, decode: raw bytes to text.
//!
//! Cables come as UTF-8 (WikiLeaks pages, most text) or as Windows-1252 /
//! Latin-1 (the Cablegate dump writes `¶` as byte 0xB6, and Windows
//! apostrophes as 0x92). A document is decoded as UTF-8 when it is valid
//! UTF-8, and as Windows-1252 otherwise — never rejected for its encoding.
//! Windows-1252 is a superset of the printable Latin-1 range, so a Latin-1
//! file comes out right too, and a 0x92 apostrophe becomes `’`, not a
//! replacement character. A UTF-8 byte-order mark is dropped and CRLF/CR
//! line ends become LF, so later stages see one kind of text.

use std::borrow::Cow;

/// The encoding a document was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// Valid UTF-8.
    Utf8,
    /// Anything else, read as Windows-1252.
    Windows1252,
}

/// Decode bytes to text with LF line ends.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (text, enc): (Cow<'_, str>, Encoding) = match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), Encoding::Utf8),
        Err(_) => {
            let (cow, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (cow, Encoding::Windows1252)
        }
    };
    (normalize_newlines(&text), enc)
}

/// Turn CRLF and lone CR into LF; drop NUL bytes.
pub fn normalize_newlines(s: &str) -> String {
    if !s.contains(['\r', '\0']) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\0' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let (t, e) = decode("Calderón ¶1.".as_bytes());
        assert_eq!(t, "Calderón ¶1.");
        assert_eq!(e, Encoding::Utf8);
    }

    #[test]
    fn windows_1252_pilcrow_apostrophe_and_crlf() {
        let (t, e) = decode(b"\xB61. (C) Mexico\x92s Calder\xF3n\r\nnext\r\n");
        assert_eq!(t, "¶1. (C) Mexico’s Calderón\nnext\n");
        assert_eq!(e, Encoding::Windows1252);
        assert!(!t.contains('\u{FFFD}'));
    }

    #[test]
    fn bom_and_lone_cr() {
        let (t, _) = decode(b"\xEF\xBB\xBFa\rb");
        assert_eq!(t, "a\nb");
    }
}
