//! Whole-word occurrences of a few short words (the government
//! abbreviations: `GOC`, `HMG`, `GIRoA`), found from a letter they share.
//!
//! Each word is one to eight ASCII letters, and a whole-word occurrence
//! is a whole token of the text (a maximal run of word characters). So
//! every occurrence holds one of a few **key** bytes: at most three,
//! each the byte in the most words not yet covered, so that every word
//! holds one (`G` for sixty-one of the sixty-three abbreviations, `R` for
//! the other two). `memchr` finds the keys, and at each one the token
//! around it is read and looked up. Text without a key byte costs a SIMD
//! scan and nothing more, where an unanchored automaton search paid for
//! its prefilter's many false hits (capitals are common in cables).

use crate::matcher::{is_ascii_word as word, word_at, word_before};

/// The most keys the search takes (`memchr3`).
const MAX_KEYS: usize = 3;

/// The longest word, in bytes (a token is packed into a `u64`).
const MAX_LEN: usize = 8;

/// A set of short words, searched as whole words ([`ShortWords::find_iter`]).
#[derive(Clone, Debug)]
pub(super) struct ShortWords {
    /// The bytes searched for: every word holds one.
    keys: Vec<u8>,
    /// Every word packed ([`pack`]), sorted.
    words: Vec<u64>,
    /// The shortest and longest word's length.
    min_len: usize,
    max_len: usize,
}

/// A token of up to [`MAX_LEN`] bytes as one number: its bytes, little
/// endian (a word of letters has no zero byte, so lengths never collide).
#[inline]
fn pack(b: &[u8]) -> u64 {
    let mut buf = [0u8; MAX_LEN];
    buf[..b.len()].copy_from_slice(b);
    u64::from_le_bytes(buf)
}

impl ShortWords {
    /// The search for `words`, or `None` when some word is not one to
    /// eight ASCII letters or the words need more than three keys.
    pub(super) fn new(words: &[String]) -> Option<ShortWords> {
        let short = |w: &String| {
            !w.is_empty() && w.len() <= MAX_LEN && w.bytes().all(|b| b.is_ascii_alphabetic())
        };
        if words.is_empty() || !words.iter().all(short) {
            return None;
        }
        // keys picked greedily: the byte in the most words not yet covered
        // (ties: the smaller byte), until every word has one
        let mut uncovered: Vec<&[u8]> = words.iter().map(String::as_bytes).collect();
        let mut keys = Vec::new();
        while !uncovered.is_empty() {
            if keys.len() == MAX_KEYS {
                return None;
            }
            let holding = |b: u8| uncovered.iter().filter(|w| w.contains(&b)).count();
            let key = (0..=255u8)
                .max_by_key(|&b| (holding(b), std::cmp::Reverse(b)))
                .filter(|&b| holding(b) > 0)?;
            keys.push(key);
            uncovered.retain(|w| !w.contains(&key));
        }
        let mut packed: Vec<u64> = words.iter().map(|w| pack(w.as_bytes())).collect();
        packed.sort_unstable();
        packed.dedup();
        Some(ShortWords {
            keys,
            words: packed,
            min_len: words.iter().map(String::len).min().unwrap_or(0),
            max_len: words.iter().map(String::len).max().unwrap_or(0),
        })
    }

    /// The first key byte of `h`.
    #[inline]
    fn next_key(&self, h: &[u8]) -> Option<usize> {
        match *self.keys.as_slice() {
            [a] => memchr::memchr(a, h),
            [a, b] => memchr::memchr2(a, b, h),
            [a, b, c] => memchr::memchr3(a, b, c, h),
            _ => None,
        }
    }

    /// Every whole-word occurrence of a word in `t`, in text order:
    /// (start, end).
    pub(super) fn find_iter<'t>(&'t self, t: &'t str) -> impl Iterator<Item = (usize, usize)> + 't {
        let b = t.as_bytes();
        let mut pos = 0;
        std::iter::from_fn(move || loop {
            let i = pos + self.next_key(b.get(pos..)?)?;
            // the run of ASCII word bytes around `i`, read no further than
            // the longest word from it
            let mut s = i;
            while s > 0 && i - s < self.max_len && word(b[s - 1]) {
                s -= 1;
            }
            let mut e = i + 1;
            while e < b.len() && e - s <= self.max_len && word(b[e]) {
                e += 1;
            }
            if (s > 0 && word(b[s - 1])) || e - s > self.max_len {
                // a longer token: none of its keys is in a word
                while e < b.len() && word(b[e]) {
                    e += 1;
                }
                pos = e;
                continue;
            }
            pos = e;
            if e - s >= self.min_len
                && self.words.binary_search(&pack(&b[s..e])).is_ok()
                && !word_before(t, s)
                && !word_at(t, e)
            {
                return Some((s, e));
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, MatchKind};
    use proptest::prelude::*;

    /// What the search replaces: the words' leftmost-longest automaton,
    /// its matches kept when whole words.
    fn reference(words: &[String], t: &str) -> Vec<(usize, usize)> {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(words)
            .unwrap();
        ac.find_iter(t)
            .map(|m| (m.start(), m.end()))
            .filter(|&(s, e)| !word_before(t, s) && !word_at(t, e))
            .collect()
    }

    fn words(w: &[&str]) -> Vec<String> {
        w.iter().map(|s| (*s).to_string()).collect()
    }

    #[test]
    fn government_abbreviations_are_found_from_a_g_and_few_more_keys() {
        let w = super::super::government_abbreviations();
        let s = ShortWords::new(&w).expect("the abbreviations are short words");
        assert_eq!(s.keys[0], b'G', "most abbreviations hold a G");
        assert!(s.keys.len() <= MAX_KEYS);
        assert!(w.iter().all(|w| w.bytes().any(|b| s.keys.contains(&b))));
        assert_eq!(s.words.len(), w.len(), "each word once");
    }

    #[test]
    fn finds_whole_tokens_only() {
        let w = words(&["GOC", "GOCR", "HMG", "GIRoA", "ROC", "BRV"]);
        let s = ShortWords::new(&w).unwrap();
        let t = "The GOC's GOCR, XGOC, GOCX, HMG-led; GIRoA GIROA (ROC) BRV_ GOCé «GOC» GOC";
        let found: Vec<&str> = s.find_iter(t).map(|(a, b)| &t[a..b]).collect();
        assert_eq!(found, ["GOC", "GOCR", "HMG", "GIRoA", "ROC", "GOC", "GOC"]);
        assert_eq!(s.find_iter(t).collect::<Vec<_>>(), reference(&w, t));
    }

    #[test]
    fn declines_what_it_cannot_search() {
        assert!(ShortWords::new(&words(&["G1C"])).is_none());
        assert!(ShortWords::new(&words(&["GOVERNMENTS"])).is_none());
        assert!(ShortWords::new(&[]).is_none());
        // four words with no letter in common need four keys
        assert!(ShortWords::new(&words(&["AB", "CD", "EF", "HI"])).is_none());
        assert_eq!(
            ShortWords::new(&words(&["AB", "CD", "EF"]))
                .unwrap()
                .keys
                .len(),
            3
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn same_as_the_automaton(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("GOC"), Just("GOCR"), Just("HMG"), Just("GIRoA"), Just("ROC"),
                    Just("GOG"), Just("BRV"), Just("G"), Just("O"), Just("C"), Just("V"),
                    Just("x"), Just(" "), Just("-"), Just("_"), Just("é"), Just("’"),
                    Just("1"), Just("GOVERNMENT"),
                ],
                0..40,
            )
        ) {
            let w = words(&["GOC", "GOCR", "HMG", "GIRoA", "ROC", "GOG", "BRV"]);
            let s = ShortWords::new(&w).unwrap();
            let t: String = parts.concat();
            prop_assert_eq!(s.find_iter(&t).collect::<Vec<_>>(), reference(&w, &t));
        }
    }
}
