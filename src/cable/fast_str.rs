//! Faster forms of the `str` methods the structure stage calls on every
//! line: `trim` and its one-sided forms, and `contains` of a literal.
//!
//! The structure stage trims each line several times (once in each of its
//! passes); the standard `trim` decodes every character it looks at and
//! asks whether it is Unicode white space, about a twentieth of the
//! instructions of `parse` on a dump. Here the standard `trim_ascii`
//! (byte by byte) trims the ends first, and the standard `trim` finishes
//! the job only when an end is then a byte outside ASCII or a vertical
//! tab (white space to `char::is_whitespace`, not to `trim_ascii`), so
//! the result is always the standard one.
//!
//! The standard `contains` (and `find`) of a string sets up a two-way
//! search for each call, about a hundred instructions for a line that does
//! not hold the word; [`FastStr::has`] (and [`FastStr::find_str`]) finds
//! every place of the word's first byte in a line at once (sixteen bytes
//! at a time) and compares there, and in a longer text jumps (`memchr`)
//! from one such place to the next.

/// Does a text trimmed of ASCII white space by the standard
/// `trim_ascii` need the standard `trim` after all: does it start (or end)
/// with a byte outside ASCII, or with the vertical tab (0x0B), which
/// `char::is_whitespace` accepts and `u8::is_ascii_whitespace` does not?
#[inline]
fn needs_trim(b: Option<&u8>) -> bool {
    b.is_some_and(|&c| c >= 0x80 || c == 0x0b)
}

/// `trim`, `trim_start`, `trim_end` and `contains` of `str`, with the
/// same results.
pub(crate) trait FastStr {
    /// [`str::trim`].
    fn trim_ws(&self) -> &str;
    /// [`str::trim_start`].
    fn trim_start_ws(&self) -> &str;
    /// [`str::trim_end`].
    fn trim_end_ws(&self) -> &str;
    /// [`str::contains`] of a string.
    fn has(&self, needle: &str) -> bool;
    /// [`str::find`] of a string: where its first place is.
    fn find_str(&self, needle: &str) -> Option<usize>;
    /// The bytes of the text's words: `split_whitespace().map(str::len)`
    /// summed, the bytes that are no white space.
    fn word_bytes(&self) -> usize;
    /// [`str::split_whitespace`]: on bytes when the text is ASCII.
    fn words(&self) -> Words<'_>;
}

/// The words of a text ([`FastStr::words`]): `split_ascii_whitespace`
/// when that gives what `split_whitespace` gives (ASCII text without the
/// vertical tab, which only the latter splits at), which reads bytes
/// instead of decoding characters; else `split_whitespace` itself.
#[derive(Clone, Debug)]
pub(crate) enum Words<'a> {
    Ascii(std::str::SplitAsciiWhitespace<'a>),
    Any(std::str::SplitWhitespace<'a>),
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        match self {
            Words::Ascii(w) => w.next(),
            Words::Any(w) => w.next(),
        }
    }
}

impl DoubleEndedIterator for Words<'_> {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        match self {
            Words::Ascii(w) => w.next_back(),
            Words::Any(w) => w.next_back(),
        }
    }
}

impl FastStr for str {
    #[inline]
    fn trim_ws(&self) -> &str {
        self.trim_start_ws().trim_end_ws()
    }

    #[inline]
    fn trim_start_ws(&self) -> &str {
        let rest = self.trim_ascii_start();
        if needs_trim(rest.as_bytes().first()) {
            return rest.trim_start();
        }
        rest
    }

    #[inline]
    fn trim_end_ws(&self) -> &str {
        let rest = self.trim_ascii_end();
        if needs_trim(rest.as_bytes().last()) {
            return rest.trim_end();
        }
        rest
    }

    #[inline]
    fn has(&self, needle: &str) -> bool {
        self.find_str(needle).is_some()
    }

    #[inline]
    fn find_str(&self, needle: &str) -> Option<usize> {
        let (hay, needle) = (self.as_bytes(), needle.as_bytes());
        let Some((&first, rest)) = needle.split_first() else {
            return Some(0);
        };
        // (the rest compared byte by byte in place: a call of `memcmp` for
        // each place of the first byte cost more than the few bytes it reads)
        let rest_at = |i: usize| {
            hay.get(i + 1..i + 1 + rest.len())
                .is_some_and(|h| h.iter().zip(rest).all(|(a, b)| a == b))
        };
        if hay.len() <= 64 {
            // a line: the places of the first byte found at once (the
            // lowest first)
            let mut at = crate::byte_classes::places_of_any(hay, [first]);
            while at != 0 {
                let i = at.trailing_zeros() as usize;
                if rest_at(i) {
                    return Some(i);
                }
                at &= at - 1;
            }
            return None;
        }
        memchr::memchr_iter(first, hay).find(|&i| rest_at(i))
    }

    #[inline]
    fn word_bytes(&self) -> usize {
        let b = self.as_bytes();
        // ASCII text: its white space counted a byte at a time (a loop the
        // compiler makes SIMD), the vertical tab with it
        if b.is_ascii() {
            let ws = b
                .iter()
                .filter(|&&c| matches!(c, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r'))
                .count();
            return b.len() - ws;
        }
        self.split_whitespace().map(str::len).sum()
    }

    #[inline]
    fn words(&self) -> Words<'_> {
        let b = self.as_bytes();
        if b.is_ascii() && memchr::memchr(0x0b, b).is_none() {
            Words::Ascii(self.split_ascii_whitespace())
        } else {
            Words::Any(self.split_whitespace())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Strings of white space (ASCII and not), letters and other
    /// characters, the mixes where the fast path hands over.
    fn mixed() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            " ",
            "\t",
            "\n",
            "\r",
            "\u{b}",
            "\u{c}",
            "\u{85}",
            "\u{a0}",
            "\u{2003}",
            "\u{3000}",
            "\u{200b}",
            "a",
            "Z",
            "é",
            "ß",
            "-",
            "1",
            "\u{1f600}",
        ]);
        prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
    }

    /// Short texts over a small alphabet, so a needle is often found,
    /// partly found or found at the very end.
    fn small() -> impl Strategy<Value = String> {
        "[ABé ]{0,12}"
    }

    /// Texts of every length to past a line's 64 bytes, over a small
    /// alphabet.
    fn longer() -> impl Strategy<Value = String> {
        "[AB ]{0,90}"
    }

    proptest! {
        #[test]
        fn has_is_contains(hay in small(), needle in small()) {
            prop_assert_eq!(hay.has(&needle), hay.contains(needle.as_str()));
        }

        #[test]
        fn has_is_contains_at_any_length(hay in longer(), needle in "[AB ]{1,4}") {
            prop_assert_eq!(hay.has(&needle), hay.contains(needle.as_str()));
        }

        #[test]
        fn find_str_is_find(hay in small(), needle in small(), long in longer(), n in "[AB ]{1,4}") {
            prop_assert_eq!(hay.find_str(&needle), hay.find(needle.as_str()));
            prop_assert_eq!(long.find_str(&n), long.find(n.as_str()));
        }

        #[test]
        fn the_same_as_the_standard_trims(s in mixed()) {
            prop_assert_eq!(s.trim_ws(), s.trim());
            prop_assert_eq!(s.trim_start_ws(), s.trim_start());
            prop_assert_eq!(s.trim_end_ws(), s.trim_end());
        }

        #[test]
        fn word_bytes_are_the_words_lengths(s in mixed(), t in any::<String>()) {
            for x in [&s, &t] {
                prop_assert_eq!(x.word_bytes(), x.split_whitespace().map(str::len).sum::<usize>());
            }
        }

        #[test]
        fn words_are_split_whitespace(s in mixed(), t in any::<String>()) {
            for x in [&s, &t] {
                let want: Vec<&str> = x.split_whitespace().collect();
                prop_assert_eq!(x.words().collect::<Vec<_>>(), want.clone());
                let mut back: Vec<&str> = x.words().rev().collect();
                back.reverse();
                prop_assert_eq!(back, want);
            }
        }

        #[test]
        fn the_same_on_any_text(s in any::<String>()) {
            prop_assert_eq!(s.trim_ws(), s.trim());
            prop_assert_eq!(s.trim_start_ws(), s.trim_start());
            prop_assert_eq!(s.trim_end_ws(), s.trim_end());
        }
    }

    #[test]
    fn every_character_alone_and_around_a_word() {
        for c in (0u32..0x3100).filter_map(char::from_u32) {
            for s in [c.to_string(), format!("{c}x{c}"), format!(" {c} x {c} ")] {
                assert_eq!(s.trim_ws(), s.trim(), "{:?}", s);
                assert_eq!(s.trim_start_ws(), s.trim_start(), "{:?}", s);
                assert_eq!(s.trim_end_ws(), s.trim_end(), "{:?}", s);
            }
        }
    }
}
