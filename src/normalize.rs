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
//! | letters with a stroke or without a dot, which do not decompose | `Kılıç`, `Wałęsa` | `Kilic`, `Walesa` |
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
//! Hot path: runs of ASCII that need no folding are copied whole, and the
//! map back to the original is sparse — a mark only where the normalised
//! text stops running in step with the original (after a collapsed run of
//! spaces, a dropped hyphen, a folded accent or quote) — so clean text
//! costs a copy. The buffer is reused across paragraphs, so a run allocates
//! only when a paragraph is larger than any before it.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::byte_classes::{equal_high, HI, LO};

/// Normalised text plus a map back to the original's byte offsets.
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    /// The folded text.
    pub text: String,
    /// Sorted `(normalised offset, original offset)` marks: from a mark to
    /// the next, bytes of the two texts correspond one to one. Every byte
    /// that a non-ASCII original character produced has a mark of its own,
    /// pointing at the start of that character.
    marks: Vec<(u32, u32)>,
    /// Length of the original text.
    src_len: u32,
}

impl Normalized {
    /// An empty buffer.
    pub fn new() -> Normalized {
        Normalized::default()
    }

    /// The span of the original text that produced `start..end` of the
    /// normalised text (`start < end`, both on character boundaries): from
    /// the original character of the first byte to the original character
    /// of the byte after the span (so characters dropped in between, such
    /// as a combining accent, stay in the span).
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        debug_assert!(start < end && end <= self.text.len());
        let s = self.map(start);
        let last = self.map(end - 1);
        let mut e = if end >= self.text.len() {
            self.src_len as usize
        } else {
            self.map(end)
        };
        if e <= last {
            // `end` is inside what one original character produced: the
            // span ends where the next original character starts
            let k = self.marks.partition_point(|m| (m.0 as usize) < end);
            e = self.marks[k..]
                .iter()
                .find(|m| m.1 as usize > last)
                .map_or(self.src_len as usize, |m| m.1 as usize);
        }
        (s, e)
    }

    /// The original offset of normalised byte `n`.
    fn map(&self, n: usize) -> usize {
        let k = self.marks.partition_point(|m| m.0 as usize <= n);
        let (nm, om) = if k == 0 { (0, 0) } else { self.marks[k - 1] };
        om as usize + (n - nm as usize)
    }

    fn clear(&mut self) {
        self.text.clear();
        self.marks.clear();
    }

    /// Note that the next byte pushed comes from original offset `at`.
    #[inline]
    fn from(&mut self, at: usize) {
        let n = self.text.len();
        let (nm, om) = self.marks.last().copied().unwrap_or((0, 0));
        if om as usize + (n - nm as usize) != at {
            self.marks.push((n as u32, at as u32));
        }
    }

    #[inline]
    fn push_ascii(&mut self, b: u8, at: usize) {
        self.from(at);
        // pushing an ASCII byte keeps the String valid UTF-8
        self.text.push(b as char);
    }

    #[inline]
    fn push_char(&mut self, c: char, at: usize) {
        let n = self.text.len();
        self.text.push(c);
        // every byte points at the start of the original character
        for k in 0..c.len_utf8() {
            let (nm, om) = self.marks.last().copied().unwrap_or((0, 0));
            if om as usize + (n + k - nm as usize) != at {
                self.marks.push(((n + k) as u32, at as u32));
            }
        }
    }

    fn last_char(&self) -> Option<char> {
        self.text.chars().next_back()
    }
}

/// ASCII that is copied as it is (not white space, `-` or `` ` ``).
#[inline]
const fn is_plain_ascii(b: u8) -> bool {
    b < 0x80 && !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | b'-' | b'`')
}

/// The end of the run from `i` (a plain byte) that normalising leaves as
/// it is: plain bytes, plus a single space or a hyphen when no white space
/// follows it (a second space collapses, a hyphen before a line break may
/// join words).
///
/// Eight bytes at a time ([`stops`]), then one table look-up per byte for
/// the tail; no data-dependent branch inside a run (prose has a space
/// every six bytes or so, and a branch on each cost more than the copy).
#[inline]
fn plain_run(bytes: &[u8], i: usize) -> usize {
    let n = bytes.len();
    let mut j = i;
    #[cfg(target_arch = "x86_64")]
    while j + 17 <= n {
        let stop = stops16(&bytes[j..j + 17]);
        if stop != 0 {
            return j + stop.trailing_zeros() as usize;
        }
        j += 16;
    }
    while j + 9 <= n {
        let word = |k: usize| u64::from_le_bytes(bytes[k..k + 8].try_into().expect("8 bytes"));
        let stop = stops(word(j), word(j + 1));
        if stop != 0 {
            return j + (stop.trailing_zeros() / 8) as usize;
        }
        j += 8;
    }
    plain_run_bytes(bytes, j)
}

/// [`plain_run`] a byte at a time.
#[inline]
fn plain_run_bytes(bytes: &[u8], i: usize) -> usize {
    let n = bytes.len();
    let mut j = i;
    while j + 1 < n {
        let (c, next) = (CLASS[bytes[j] as usize], CLASS[bytes[j + 1] as usize]);
        // plain, or a space or hyphen with no white space after it
        let keep = (c & PLAIN) | (c & SEP & !(next >> 1));
        if keep == 0 {
            return j;
        }
        j += 1;
    }
    if j < n && CLASS[bytes[j] as usize] & (PLAIN | SEP) != 0 {
        j += 1;
    }
    j
}

/// The high bit of each byte of `w` that is ASCII white space
/// (`\t \n \x0b \x0c \r` or space).
#[inline]
fn ws_bytes(w: u64) -> u64 {
    let low = w & !HI;
    // low + (0x80 - k) sets the high bit exactly when low >= k
    let ge = |k: u8| (low + LO * (0x80 - k) as u64) & HI;
    ((ge(0x09) & !ge(0x0e)) | equal_high(w, b' ')) & !(w & HI)
}

/// For the eight bytes `w` (and `next`, the same eight shifted by one):
/// the high bit of each byte where a plain run stops, as
/// [`plain_run_bytes`] decides it.
#[inline]
fn stops(w: u64, next: u64) -> u64 {
    let (ws, hyphen) = (ws_bytes(w), equal_high(w, b'-'));
    let plain = !(w & HI) & !ws & !hyphen & !equal_high(w, b'`') & HI;
    let sep = equal_high(w, b' ') | hyphen;
    let keep = plain | (sep & !ws_bytes(next));
    !keep & HI
}

/// [`stops`] for sixteen bytes at once with SSE2 (every x86-64 has it):
/// bit `k` is set where a plain run stops at `b[k]` (`b` holds the sixteen
/// bytes and the one after them).
#[cfg(target_arch = "x86_64")]
#[inline]
fn stops16(b: &[u8]) -> u32 {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8,
        _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    assert!(b.len() >= 17);
    // SAFETY: SSE2 is part of every x86-64 target, so its intrinsics can
    // be called; both loads read sixteen bytes within `b` (checked above),
    // and `_mm_loadu_si128` takes any alignment
    let keep = unsafe {
        let w = _mm_loadu_si128(b.as_ptr().cast::<__m128i>());
        let next = _mm_loadu_si128(b.as_ptr().add(1).cast::<__m128i>());
        let space = _mm_set1_epi8(b' ' as i8);
        // white space: a space, or `\t` to `\r` (bytes of 0x80 and up are
        // negative as signed bytes, so never in that range)
        let (tab, cr) = (_mm_set1_epi8(0x08), _mm_set1_epi8(0x0e));
        let ws_w = _mm_or_si128(
            _mm_and_si128(_mm_cmpgt_epi8(w, tab), _mm_cmplt_epi8(w, cr)),
            _mm_cmpeq_epi8(w, space),
        );
        let ws_next = _mm_or_si128(
            _mm_and_si128(_mm_cmpgt_epi8(next, tab), _mm_cmplt_epi8(next, cr)),
            _mm_cmpeq_epi8(next, space),
        );
        let hyphen = _mm_cmpeq_epi8(w, _mm_set1_epi8(b'-' as i8));
        let backtick = _mm_cmpeq_epi8(w, _mm_set1_epi8(b'`' as i8));
        // ASCII (the sign bit clear) that is no white space, hyphen or
        // backtick
        let ascii = _mm_cmpgt_epi8(w, _mm_set1_epi8(-1));
        let plain = _mm_andnot_si128(_mm_or_si128(_mm_or_si128(ws_w, hyphen), backtick), ascii);
        let sep = _mm_or_si128(_mm_cmpeq_epi8(w, space), hyphen);
        _mm_movemask_epi8(_mm_or_si128(plain, _mm_andnot_si128(ws_next, sep)))
    };
    !(keep as u32) & 0xffff
}

/// [`CLASS`] bits: ASCII copied as it is ([`is_plain_ascii`]).
const PLAIN: u8 = 1;
/// [`CLASS`] bits: a space or a hyphen, kept when no white space follows.
const SEP: u8 = 2;
/// [`CLASS`] bits: ASCII white space (`SEP << 1`, so `next >> 1` lines it
/// up with `SEP`).
const WS: u8 = 4;

/// Byte classes for [`plain_run`].
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let x = b as u8;
        if is_plain_ascii(x) {
            t[b] |= PLAIN;
        }
        if x == b' ' || x == b'-' {
            t[b] |= SEP;
        }
        if matches!(x, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            t[b] |= WS;
        }
        b += 1;
    }
    t
};

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

/// Letters Unicode does not decompose into a base letter and a mark, as
/// cables write them without it: the Turkish dotless `ı` (`Kılıçdaroğlu`,
/// written `Kilicdaroglu`), the Polish `ł` (`Wałęsa`, `Walesa`) and the
/// South Slavic `đ` (`Đukanović`, `Djukanovic` or `Dukanovic`).
#[inline]
fn fold_stroke(c: char) -> Option<char> {
    match c {
        'ı' => Some('i'),
        'ł' => Some('l'),
        'Ł' => Some('L'),
        'đ' => Some('d'),
        'Đ' => Some('D'),
        _ => None,
    }
}

/// Normalise `src` into `out` (cleared first).
pub fn normalize_into(src: &str, out: &mut Normalized) {
    assert!(src.len() < u32::MAX as usize, "text over 4 GiB");
    out.clear();
    out.src_len = src.len() as u32;
    out.text.reserve(src.len());
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
                        out.push_ascii(b' ', i);
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
                            out.push_ascii(b'-', i);
                        }
                        in_space = false;
                        i = next;
                    } else {
                        out.push_ascii(b'-', i);
                        in_space = false;
                        i += 1;
                    }
                }
                b'`' => {
                    out.push_ascii(b'\'', i);
                    in_space = false;
                    i += 1;
                }
                _ => {
                    // a run of ASCII that needs no folding — single spaces
                    // and hyphens inside a line included — copied whole
                    let end = plain_run(bytes, i);
                    out.from(i);
                    out.text.push_str(&src[i..end]);
                    in_space = bytes[end - 1] == b' ';
                    i = end;
                }
            }
            continue;
        }
        let c = src[i..].chars().next().expect("char at boundary");
        let w = c.len_utf8() as u8;
        if c.is_whitespace() {
            if !in_space {
                out.push_ascii(b' ', i);
                in_space = true;
            }
        } else if is_invisible(c) || is_combining_mark(c) {
            // nothing
        } else if let Some(q) = fold_quote(c) {
            out.push_ascii(q as u8, i);
            in_space = false;
        } else if let Some(l) = fold_stroke(c) {
            out.push_char(l, i);
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
                    out.push_char(d, i);
                } else {
                    let mut low = d.to_lowercase();
                    match (low.next(), low.next()) {
                        (Some(l), None) => out.push_char(l, i),
                        _ => out.push_char(d, i),
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

/// A word as word lists hold it: lower case, the typographic apostrophe
/// as `'`; copied only when it has a capital or a non-ASCII character.
pub(crate) fn lower_word(w: &str) -> std::borrow::Cow<'_, str> {
    if w.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        w.to_lowercase().replace('’', "'").into()
    } else {
        w.into()
    }
}

/// [`lower_word`], lower-casing a short ASCII word into `buf` instead of
/// copying it (for words looked up by the thousand).
pub(crate) fn lower_word_in<'a>(w: &'a str, buf: &'a mut [u8; 32]) -> std::borrow::Cow<'a, str> {
    if w.is_ascii() && w.len() <= buf.len() {
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        std::str::from_utf8(b)
            .expect("ASCII lower-cased is ASCII")
            .into()
    } else {
        lower_word(w)
    }
}

/// The key two aliases are compared by: normalised, trimmed, lower-cased.
pub fn alias_key(alias: &str) -> String {
    if let Some(trimmed) = normal_ascii(alias) {
        // most aliases and words: normalising leaves them as they are
        return trimmed.to_ascii_lowercase();
    }
    normalize(alias).trim().to_lowercase()
}

/// [`alias_key`], a short key lower-cased into `buf` instead of a new
/// string (for keys looked up, not kept).
pub(crate) fn alias_key_in<'a>(alias: &'a str, buf: &'a mut [u8; 32]) -> std::borrow::Cow<'a, str> {
    match normal_ascii(alias) {
        // (plain ASCII: `lower_word_in` lower-cases it as `alias_key` does)
        Some(trimmed) => lower_word_in(trimmed, buf),
        None => std::borrow::Cow::Owned(alias_key(alias)),
    }
}

/// `s` trimmed, when it is text that normalising leaves as it is, seen
/// cheaply: ASCII copied as it is ([`is_plain_ascii`]), hyphens and single
/// spaces (no other white space, so no line break for a hyphen to join
/// words across).
fn normal_ascii(s: &str) -> Option<&str> {
    let mut prev = 0u8;
    for &c in s.as_bytes() {
        let kept = is_plain_ascii(c) || c == b'-' || (c == b' ' && prev != b' ');
        if !kept {
            return None;
        }
        prev = c;
    }
    // single spaces: at most one at either end
    let t = s.strip_prefix(' ').unwrap_or(s);
    Some(t.strip_suffix(' ').unwrap_or(t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The key's shortcut on every ASCII byte, alone, doubled, at either
    /// end and inside.
    #[test]
    fn alias_key_shortcut_on_every_ascii_byte() {
        for c in (0u8..0x80).map(char::from) {
            for s in [
                format!("{c}"),
                format!("a{c}"),
                format!("{c}b"),
                format!("A {c} B"),
                format!("{c}{c}"),
            ] {
                assert_eq!(alias_key(&s), normalize(&s).trim().to_lowercase(), "{s:?}");
            }
        }
    }

    proptest! {
        /// The key's shortcut for plain ASCII is the key, made on the
        /// stack or not.
        #[test]
        fn alias_key_shortcut_is_the_key(
            s in proptest::collection::vec(
                prop_oneof![
                    Just(' '), Just('-'), Just('`'), Just('\n'), Just('\t'), Just('\r'),
                    Just('A'), Just('z'), Just('\''), Just('’'), Just('é'), Just('\u{0}'),
                    Just('\u{7f}'), Just('\u{a0}'), any::<char>(), (0x20u8..=0x7e).prop_map(char::from)
                ],
                0..16,
            ).prop_map(|v| v.into_iter().collect::<String>())
        ) {
            prop_assert_eq!(alias_key(&s), normalize(&s).trim().to_lowercase());
            // and the key made on the stack is the key
            let mut buf = [0u8; 32];
            let (on_stack, key) = (alias_key_in(&s, &mut buf), alias_key(&s));
            prop_assert_eq!(on_stack.as_ref(), key.as_str());
        }

        /// Eight bytes at a time stops exactly where one at a time does.
        #[test]
        fn plain_run_words_agree_with_bytes(
            bytes in proptest::collection::vec(
                prop_oneof![
                    Just(b' '), Just(b'-'), Just(b'`'), Just(b'\n'), Just(b'\t'), Just(b'\r'),
                    0x08u8..=0x0f, 0x1fu8..=0x21, 0x2cu8..=0x2e, 0x5fu8..=0x61, b'a'..=b'z',
                    0x7eu8..=0x82, 0xfeu8..=0xff, any::<u8>()
                ],
                0..40,
            ),
            start in 0usize..40,
        ) {
            let start = start.min(bytes.len());
            prop_assert_eq!(plain_run(&bytes, start), plain_run_bytes(&bytes, start));
        }
    }

    #[test]
    fn folds() {
        for (input, want) in [
            ("Merida\nInitiative", "Merida Initiative"),
            ("Merida  \n  Initiative", "Merida Initiative"),
            ("Calderón", "Calderon"),
            ("Kılıçdaroğlu", "Kilicdaroglu"),
            ("Wałęsa, ŁÓDŹ", "Walesa, LODZ"),
            ("Đukanović", "Dukanovic"),
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
    fn spans_inside_an_expanded_character_cover_all_of_it() {
        // U+AC00 decomposes into two jamo (3 bytes each)
        let src = "x\u{AC00}y";
        let mut n = Normalized::new();
        normalize_into(src, &mut n);
        assert_eq!(n.text, "x\u{1100}\u{1161}y");
        assert_eq!(n.original_span(1, 4), (1, 4));
        assert_eq!(n.original_span(4, 7), (1, 4));
        assert_eq!(n.original_span(1, 7), (1, 4));
        assert_eq!(n.original_span(7, 8), (4, 5));
        assert_eq!(n.original_span(0, 8), (0, 5));
    }

    #[test]
    fn clean_text_needs_no_marks() {
        let mut n = Normalized::new();
        normalize_into("The PGR met\nthe SSP.", &mut n);
        assert!(n.marks.is_empty());
        assert_eq!(n.original_span(4, 7), (4, 7));
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
