//! Stage 4, normalise: fold paragraph text (and aliases) into the form the
//! matcher searches, with a map back to the original byte offsets.
//!
//! The contract's matching rules are all folds, applied the same way to
//! the text and to every alias:
//!
//! | rule | text | becomes |
//! | --- | --- | --- |
//! | any run of white space, line breaks included | `Merida⏎  Initiative` | `Merida Initiative` |
//! | end-of-line hyphen before a lower-case letter | `Procura-⏎duría` | `Procuraduria` |
//! | end-of-line hyphen before a capital | `Inter-⏎Institutional` | `Inter-Institutional` |
//! | diacritics (canonical decomposition, marks dropped) | `Calderón` | `Calderon` |
//! | typographic quotes | `General’s`, `“x”` | `General's`, `"x"` |
//! | soft hyphens, zero-width characters | `SE\u{AD}DENA` | `SEDENA` |
//! | non-ASCII capitals | `ØRSTED` | `øRSTED` |
//!
//! ASCII case is kept: the matcher compares ASCII case-insensitively and
//! needs the real case for all-caps aliases (`PGR` must not match `pgr`).
//!
//! Normalising is idempotent (`normalize(normalize(x)) == normalize(x)`),
//! and [`Normalized::original_span`] turns a span of the normalised text
//! back into the exact span of the original it came from.
//!
//! Hot path: ASCII bytes that need no folding are copied one by one with
//! their offset; the buffer is reused across paragraphs, so a run
//! allocates only when a paragraph is larger than any before it.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Normalised text plus, for every byte of it, the offset of the original
/// character it came from.
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    /// The folded text.
    pub text: String,
    /// `map[i]` is the byte offset in the original text of the character
    /// that produced byte `i` of [`Normalized::text`].
    map: Vec<u32>,
    /// Byte length of the original character at each `map` entry.
    width: Vec<u8>,
}

impl Normalized {
    /// An empty buffer.
    pub fn new() -> Normalized {
        Normalized::default()
    }

    /// The span of the original text that produced `start..end` of the
    /// normalised text (`start < end`).
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        debug_assert!(start < end && end <= self.text.len());
        let s = self.map[start] as usize;
        let e = self.map[end - 1] as usize + self.width[end - 1] as usize;
        (s, e)
    }

    fn clear(&mut self) {
        self.text.clear();
        self.map.clear();
        self.width.clear();
    }

    #[inline]
    fn push_ascii(&mut self, b: u8, at: usize, w: u8) {
        // SAFETY-free: pushing an ASCII byte keeps the String valid UTF-8
        self.text.push(b as char);
        self.map.push(at as u32);
        self.width.push(w);
    }

    #[inline]
    fn push_char(&mut self, c: char, at: usize, w: u8) {
        let n = c.len_utf8();
        self.text.push(c);
        for _ in 0..n {
            self.map.push(at as u32);
            self.width.push(w);
        }
    }

    fn last_char(&self) -> Option<char> {
        self.text.chars().next_back()
    }
}

/// ASCII that is copied as it is (not white space, `-` or `` ` ``).
#[inline]
fn is_plain_ascii(b: u8) -> bool {
    b < 0x80 && !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | b'-' | b'`')
}

/// Characters that vanish: soft hyphen, zero-width space/joiners, BOM.
#[inline]
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

#[inline]
fn fold_quote(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}'
        | '\u{0060}' | '\u{02BC}' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => Some('"'),
        _ => None,
    }
}

/// Normalise `src` into `out` (cleared first).
pub fn normalize_into(src: &str, out: &mut Normalized) {
    assert!(src.len() < u32::MAX as usize, "text over 4 GiB");
    out.clear();
    out.text.reserve(src.len());
    out.map.reserve(src.len());
    out.width.reserve(src.len());
    let bytes = src.as_bytes();
    let mut i = 0;
    // true when the last thing pushed was a single space from white space
    let mut in_space = false;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => {
                    if !in_space {
                        out.push_ascii(b' ', i, 1);
                        in_space = true;
                    }
                    i += 1;
                }
                b'-' => {
                    if let Some(next) = eol_hyphen(bytes, i, out) {
                        // drop the hyphen when a lower-case letter follows,
                        // keep it before a capital; drop the line break
                        let after = src[next..].chars().next().unwrap_or(' ');
                        if !after.is_lowercase() {
                            out.push_ascii(b'-', i, 1);
                        }
                        in_space = false;
                        i = next;
                    } else {
                        out.push_ascii(b'-', i, 1);
                        in_space = false;
                        i += 1;
                    }
                }
                b'`' => {
                    out.push_ascii(b'\'', i, 1);
                    in_space = false;
                    i += 1;
                }
                _ => {
                    // a run of ASCII that needs no folding: copy it whole
                    let end = bytes[i..]
                        .iter()
                        .position(|&b| !is_plain_ascii(b))
                        .map_or(bytes.len(), |p| i + p);
                    out.text.push_str(&src[i..end]);
                    out.map.extend(i as u32..end as u32);
                    out.width.resize(out.width.len() + (end - i), 1);
                    in_space = false;
                    i = end;
                }
            }
            continue;
        }
        let c = src[i..].chars().next().expect("char at boundary");
        let w = c.len_utf8() as u8;
        if c.is_whitespace() {
            if !in_space {
                out.push_ascii(b' ', i, w);
                in_space = true;
            }
        } else if is_invisible(c) || is_combining_mark(c) {
            // nothing
        } else if let Some(q) = fold_quote(c) {
            out.push_ascii(q as u8, i, w);
            in_space = false;
        } else {
            let mut pushed = false;
            decompose_canonical(c, |d| {
                if is_combining_mark(d) || is_invisible(d) {
                    return;
                }
                // a decomposition may yield a quote (U+1FFD → U+00B4)
                let d = fold_quote(d).unwrap_or(d);
                if d.is_ascii() {
                    out.push_ascii(d as u8, i, w);
                } else {
                    let mut low = d.to_lowercase();
                    match (low.next(), low.next()) {
                        (Some(l), None) => out.push_char(l, i, w),
                        _ => out.push_char(d, i, w),
                    }
                }
                pushed = true;
            });
            if pushed {
                in_space = false;
            }
        }
        i += w as usize;
    }
}

/// If the hyphen at `i` ends a line (letters on both sides, only spaces
/// and at least one line break between), the index of the next letter.
fn eol_hyphen(bytes: &[u8], i: usize, out: &Normalized) -> Option<usize> {
    if !out.last_char().is_some_and(char::is_alphabetic) {
        return None;
    }
    let mut j = i + 1;
    let mut newline = false;
    while j < bytes.len() {
        match bytes[j] {
            b'\n' | b'\r' => newline = true,
            b' ' | b'\t' => {}
            _ => break,
        }
        j += 1;
    }
    if !newline || j >= bytes.len() {
        return None;
    }
    // j is a char boundary (bytes come from a str): decode one char
    let rest = &bytes[j..(j + 4).min(bytes.len())];
    let valid = match std::str::from_utf8(rest) {
        Ok(v) => v,
        Err(e) => std::str::from_utf8(&rest[..e.valid_up_to()]).ok()?,
    };
    let next = valid.chars().next()?;
    next.is_alphabetic().then_some(j)
}

/// Normalise a string on its own (aliases, tests).
pub fn normalize(src: &str) -> String {
    let mut n = Normalized::new();
    normalize_into(src, &mut n);
    n.text
}

/// The key two aliases are compared by: normalised, trimmed, lower-cased.
pub fn alias_key(alias: &str) -> String {
    normalize(alias).trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds() {
        for (input, want) in [
            ("Merida\nInitiative", "Merida Initiative"),
            ("Merida  \n  Initiative", "Merida Initiative"),
            ("Calderón", "Calderon"),
            (
                "Procuraduría General de la República",
                "Procuraduria General de la Republica",
            ),
            ("General’s", "General's"),
            ("“surge”", "\"surge\""),
            ("Procura-\nduría", "Procuraduria"),
            ("Inter-\n  Institutional", "Inter-Institutional"),
            ("U.S. -Mexico", "U.S. -Mexico"),
            ("well -\n known", "well - known"),
            ("SE\u{AD}DENA", "SEDENA"),
            ("ØRSTED", "øRSTED"),
            ("a\u{00A0}b", "a b"),
            ("\u{1FFD}", "'"),
        ] {
            assert_eq!(normalize(input), want, "{input:?}");
        }
    }

    #[test]
    fn idempotent_on_samples() {
        for s in [
            "Procura-\nduría  x",
            "a - \n b",
            "“Calderón’s”\t\tSEDENA",
            "x-\n-y",
        ] {
            let once = normalize(s);
            assert_eq!(normalize(&once), once, "{s:?}");
        }
    }

    #[test]
    fn spans_map_back() {
        let src = "the  Attorney\nGeneral’s  Office and Calderón.";
        let mut n = Normalized::new();
        normalize_into(src, &mut n);
        let s = n.text.find("Attorney General's Office").unwrap();
        let e = s + "Attorney General's Office".len();
        let (os, oe) = n.original_span(s, e);
        assert_eq!(&src[os..oe], "Attorney\nGeneral’s  Office");
        let s = n.text.find("Calderon").unwrap();
        let (os, oe) = n.original_span(s, s + 8);
        assert_eq!(&src[os..oe], "Calderón");
    }
}
