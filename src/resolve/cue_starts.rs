//! Where a country cue can start: a filter of a text's capitals.
//!
//! Every cue of `data/countries.csv` (a name, another name, a demonym, a
//! government abbreviation, each also in capitals) starts with an ASCII
//! capital, and a cue is a whole word: no word character comes before it.
//! So a cue can only start at a capital that starts a word, and only where
//! the text's first three bytes there begin some cue (a hashed set of
//! every cue's first three bytes; the two-byte cues, `US` and `UK`, in a
//! set of their own). The text's bytes are classed 64 at a time
//! ([`crate::byte_classes`]), so most of the text costs no branch per
//! byte, where an unanchored search of the automaton walks every byte.
//!
//! False starts (two prefixes hashing alike, a prefix no whole cue
//! follows) cost one anchored search each, never a wrong cue; there are no
//! missed starts.

use crate::byte_classes::{classes, Classes};
use crate::matcher::is_word_char;
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};

/// A leftmost-longest search for a set of words that each start with an
/// ASCII capital (the country cues, the government abbreviations): an
/// anchored automaton, searched only where [`CueStarts`] lets it.
#[derive(Clone, Debug)]
pub(super) struct WordSearch {
    /// The words' automaton, walked by hand from `start` (no call through
    /// the crate's search API per place: most places end in a byte or two).
    dfa: DFA,
    start: StateID,
    /// `None` when some word does not start with a capital (then every
    /// character is a place to search).
    starts: Option<CueStarts>,
    /// The words' last bytes ([`WordSearch::may_end_at`]); `None` when
    /// some word is shorter than two bytes.
    ends: Option<CueEnds>,
}

impl WordSearch {
    /// The search for `words`; `what` names them in the message of a
    /// build that fails (a bug in the compiled-in tables).
    pub(super) fn new(words: &[String], what: &str) -> WordSearch {
        // a DFA: the search runs at many places of every paragraph
        let dfa = DFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(words)
            .unwrap_or_else(|e| panic!("{what} compile: {e}"));
        let start = dfa
            .start_state(Anchored::Yes)
            .unwrap_or_else(|e| panic!("{what}: no anchored start: {e}"));
        let starts = CueStarts::new(words.iter().map(String::as_str));
        let ends = CueEnds::new(words.iter().map(String::as_str));
        WordSearch {
            dfa,
            start,
            starts,
            ends,
        }
    }

    /// May one of the words end at `e` of `text`, as far as its last
    /// bytes tell? Never `false` where one does (a word found by
    /// [`WordSearch::find_iter`] is one of the words, so it ends in one
    /// of their last bytes); `true` at some places none does.
    #[inline]
    pub(super) fn may_end_at(&self, text: &str, e: usize) -> bool {
        self.ends
            .as_ref()
            .is_none_or(|f| f.may_end(&text.as_bytes()[..e]))
    }

    /// The longest word that starts at `s` of `text`: (end, pattern).
    #[inline]
    pub(super) fn longest_at(&self, text: &str, s: usize) -> Option<(usize, usize)> {
        let dfa = &self.dfa;
        let mut sid = self.start;
        let mut longest = None;
        // leftmost-longest: past a match, the walk goes on only while a
        // longer word may follow, and dies where none can
        for (i, &b) in text.as_bytes()[s..].iter().enumerate() {
            sid = dfa.next_state(Anchored::Yes, sid, b);
            if dfa.is_special(sid) {
                if dfa.is_dead(sid) {
                    break;
                }
                if dfa.is_match(sid) {
                    longest = Some((s + i + 1, dfa.match_pattern(sid, 0).as_usize()));
                }
            }
        }
        longest
    }

    /// The matches of a leftmost-longest search of `text` that start a
    /// word (no word character before them), as (start, end, pattern):
    /// at each place a word starts ([`CueStarts`] lets through only those
    /// where one of these words may), the longest word there; a search
    /// resumes after each match. (A search of every byte also finds
    /// matches inside words, which were dropped, but one of them could
    /// hide a word after it: "NEW ZEALAND" in "RENEW ZEALAND".)
    pub(super) fn find_iter<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        let mut places = match &self.starts {
            Some(f) => Places::Filtered(f.starts(text)),
            None => Places::Every(text, text.char_indices()),
        };
        let mut pos = 0;
        std::iter::from_fn(move || {
            for s in places.by_ref() {
                if s < pos {
                    continue;
                }
                if let Some((e, p)) = self.longest_at(text, s) {
                    pos = e;
                    return Some((s, e, p));
                }
            }
            None
        })
    }
}

/// The places [`WordSearch::find_iter`] searches: where a word starts.
enum Places<'s, 't> {
    /// Only where one of the words may start.
    Filtered(Starts<'s, 't>),
    /// Every word start of the text.
    Every(&'t str, std::str::CharIndices<'t>),
}

impl Iterator for Places<'_, '_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        match self {
            Places::Filtered(s) => s.next(),
            Places::Every(text, c) => c
                .by_ref()
                .map(|(i, _)| i)
                .find(|&i| !text[..i].chars().next_back().is_some_and(is_word_char)),
        }
    }
}

/// The first bytes of a set of cues, hashed.
#[derive(Clone, Debug)]
pub(super) struct CueStarts(CueBytes);

/// Three bytes of each cue of a set (its first or its last), hashed into
/// a bit set, and the cues of two bytes whole: what [`CueStarts`] and
/// [`CueEnds`] test a place by.
#[derive(Clone, Debug)]
struct CueBytes {
    /// One bit per hash of three bytes of a cue.
    three: Box<[u64]>,
    /// The cues of two bytes (`US`, `UK`), as little-endian `u16`s.
    two: Vec<u16>,
}

/// Bits of the three-byte set: 2^15 (4 KiB), about one bit in a hundred
/// set for the shipped table's 365 prefixes.
const THREE_BITS: u32 = 15;

#[inline]
fn three_hash(b0: u8, b1: u8, b2: u8) -> usize {
    let k = u32::from(b0) | u32::from(b1) << 8 | u32::from(b2) << 16;
    (k.wrapping_mul(0x9e37_79b1) >> (32 - THREE_BITS)) as usize
}

impl CueBytes {
    /// The set of `keys`: three bytes of a cue each, or a cue of two.
    fn new<'a>(keys: impl IntoIterator<Item = &'a [u8]>) -> CueBytes {
        let mut three = vec![0u64; 1 << (THREE_BITS - 6)].into_boxed_slice();
        let mut two = Vec::new();
        for k in keys {
            match *k {
                [b0, b1] => two.push(u16::from_le_bytes([b0, b1])),
                [b0, b1, b2] => {
                    let h = three_hash(b0, b1, b2);
                    three[h / 64] |= 1 << (h % 64);
                }
                _ => unreachable!("a key of two or three bytes, not {k:?}"),
            }
        }
        two.sort_unstable();
        two.dedup();
        CueBytes { three, two }
    }

    /// Are these three bytes of a cue, as far as their hash tells?
    #[inline]
    fn has_three(&self, b0: u8, b1: u8, b2: u8) -> bool {
        let h = three_hash(b0, b1, b2);
        self.three[h / 64] >> (h % 64) & 1 == 1
    }

    /// Are these two bytes a cue?
    #[inline]
    fn has_two(&self, b0: u8, b1: u8) -> bool {
        self.two.contains(&u16::from_le_bytes([b0, b1]))
    }
}

impl CueStarts {
    /// The filter of `cues`, or `None` when some cue does not start with an
    /// ASCII capital (the filter would miss it).
    pub(super) fn new<'a>(cues: impl IntoIterator<Item = &'a str>) -> Option<CueStarts> {
        let mut keys = Vec::new();
        for c in cues {
            let b = c.as_bytes();
            if !b.first().is_some_and(u8::is_ascii_uppercase) || b.len() < 2 {
                return None;
            }
            keys.push(&b[..b.len().min(3)]);
        }
        Some(CueStarts(CueBytes::new(keys)))
    }

    /// May a cue start at `s`, a capital of `b`?
    #[inline]
    fn may_start(&self, b: &[u8], s: usize) -> bool {
        let b1 = b.get(s + 1).copied().unwrap_or(0);
        b.get(s + 2)
            .is_some_and(|&b2| self.0.has_three(b[s], b1, b2))
            || self.0.has_two(b[s], b1)
    }

    /// The places in `text`, in order, where a cue may start.
    pub(super) fn starts<'s, 't>(&'s self, text: &'t str) -> Starts<'s, 't> {
        Starts {
            filter: self,
            text,
            next: 0,
            base: 0,
            bits: 0,
            after_other: 0,
            last_word: false,
            last_other: false,
        }
    }
}

/// The last bytes of a set of cues, hashed as [`CueStarts`] hashes their
/// first: a test of the place a cue must end at, before the search for it
/// (the country word right before a mention, [`super::Resolver::qualifier`]:
/// most capitalised words there are names and titles, whose last bytes end
/// no cue).
#[derive(Clone, Debug)]
pub(super) struct CueEnds(CueBytes);

impl CueEnds {
    /// The filter of `cues`, or `None` when some cue is shorter than two
    /// bytes (the filter would miss it).
    pub(super) fn new<'a>(cues: impl IntoIterator<Item = &'a str>) -> Option<CueEnds> {
        let mut keys = Vec::new();
        for c in cues {
            let b = c.as_bytes();
            if b.len() < 2 {
                return None;
            }
            keys.push(&b[b.len().saturating_sub(3)..]);
        }
        Some(CueEnds(CueBytes::new(keys)))
    }

    /// May a cue end `b` (as far as its last bytes tell)?
    #[inline]
    fn may_end(&self, b: &[u8]) -> bool {
        match *b {
            [.., b0, b1, b2] if self.0.has_three(b0, b1, b2) => true,
            [.., b1, b2] => self.0.has_two(b1, b2),
            _ => false,
        }
    }
}

/// The iterator of [`CueStarts::starts`].
pub(super) struct Starts<'s, 't> {
    filter: &'s CueStarts,
    text: &'t str,
    /// The first byte not yet classed (a multiple of 64).
    next: usize,
    /// The first byte of the chunk `bits` is about.
    base: usize,
    /// Capitals of the chunk with no ASCII word byte before them, not yet
    /// handed out.
    bits: u64,
    /// Those of `bits` with a byte that is not ASCII before them.
    after_other: u64,
    /// Was the last byte classed an ASCII word byte; not ASCII?
    last_word: bool,
    last_other: bool,
}

impl Iterator for Starts<'_, '_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        let b = self.text.as_bytes();
        loop {
            while self.bits != 0 {
                let j = self.bits.trailing_zeros();
                let bit = 1u64 << j;
                self.bits &= !bit;
                let s = self.base + j as usize;
                if self.after_other & bit != 0
                    && self.text[..s].chars().next_back().is_some_and(is_word_char)
                {
                    continue;
                }
                if self.filter.may_start(b, s) {
                    return Some(s);
                }
            }
            if self.next >= b.len() {
                return None;
            }
            let at = self.next;
            let Classes { caps, word, other } = match b[at..].first_chunk::<64>() {
                Some(c) => classes::<true>(c),
                None => {
                    // the last bytes, padded with NULs (no capital, no word)
                    let mut buf = [0u8; 64];
                    buf[..b.len() - at].copy_from_slice(&b[at..]);
                    classes::<true>(&buf)
                }
            };
            self.bits = caps & !((word << 1) | u64::from(self.last_word));
            self.after_other = (other << 1) | u64::from(self.last_other);
            self.last_word = word >> 63 == 1;
            self.last_other = other >> 63 == 1;
            self.base = at;
            self.next = at + 64;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;
    use proptest::prelude::*;

    /// The starts the filter must let through, found one byte at a time.
    fn slow(cues: &[&str], text: &str) -> Vec<usize> {
        text.char_indices()
            .map(|(i, _)| i)
            .filter(|&i| {
                !text[..i].chars().next_back().is_some_and(is_word_char)
                    && cues.iter().any(|c| text[i..].starts_with(c))
            })
            .collect()
    }

    const CUES: &[&str] = &[
        "Mexico",
        "MEXICO",
        "US",
        "U.S.",
        "GOM",
        "Chad",
        "New Zealand",
    ];

    #[test]
    fn capitals_that_start_words_and_cues() {
        let f = CueStarts::new(CUES.iter().copied()).unwrap();
        let text = "The GOM and US-Mexico talks; XMEXICO, éMexico, ’Mexico, _Chad 9GOM US";
        let got: Vec<usize> = f.starts(text).collect();
        let want = slow(CUES, text);
        for s in &want {
            assert!(got.contains(s), "missed {s} in {got:?}");
        }
        let at = |w: &str| text.find(w).unwrap();
        // GOM, US, Mexico after a hyphen and after a curly quote (no word
        // character), the final US
        assert_eq!(
            want,
            vec![
                at("GOM"),
                at("US-"),
                at("Mexico talks"),
                at("’Mexico") + '’'.len_utf8(),
                text.len() - 2
            ]
        );
        // a capital after a letter (ASCII or not), a digit or an
        // underscore starts no cue, nor a capital that begins none
        assert!(!got.contains(&(at("éMexico") + 'é'.len_utf8())));
        assert!(!got.contains(&(at("XMEXICO") + 1)));
        assert!(!got.contains(&(at("_Chad") + 1)));
        assert!(!got.contains(&(at("9GOM") + 1)));
        assert!(!got.contains(&0));
    }

    #[test]
    fn a_cue_must_start_with_a_capital() {
        assert!(CueStarts::new(["Mexico", "al-Qaida"]).is_none());
        assert!(CueStarts::new(["M"]).is_none());
        assert!(CueStarts::new(["Mexico", "US"]).is_some());
        // without the filter, every character is searched
        let s = WordSearch::new(&["al-Qaida".into(), "Mexico".into()], "test words");
        assert!(s.starts.is_none());
        let found: Vec<usize> = s
            .find_iter("the al-Qaida and Mexico")
            .map(|x| x.0)
            .collect();
        assert_eq!(found, [4, 17]);
    }

    proptest! {
        /// The search finds the whole words an unanchored leftmost-longest
        /// search finds (no word of the set runs on across a space or a dot
        /// into another word of it: see [`WordSearch::find_iter`]).
        #[test]
        fn whole_words_as_one_unanchored_search(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Mexico", "MEXICO", "Mexican", "US", "U.S.", "GOM", "GO", "Chad",
                    "New Zealand", "New", "Zealand", " ", "X", "x", "é", ".", "-", "’", "_", "9",
                ]),
                0..16,
            )
        ) {
            let words: Vec<String> = CUES.iter().chain(&["Mexican"]).map(|w| w.to_string()).collect();
            let search = WordSearch::new(&words, "test words");
            let text = parts.concat();
            let one = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&words)
                .unwrap();
            let whole = |&(s, e, _): &(usize, usize, usize)| {
                !text[..s].chars().next_back().is_some_and(is_word_char)
                    && !text[e..].chars().next().is_some_and(is_word_char)
            };
            let want: Vec<_> = one
                .find_iter(&text)
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .filter(whole)
                .collect();
            let got: Vec<_> = search.find_iter(&text).filter(whole).collect();
            prop_assert_eq!(got, want, "{:?}", text);
        }

        /// No start is missed, whatever the text: every place some cue
        /// starts a word is let through.
        #[test]
        fn no_start_is_missed(text in "([A-Za-z0-9_ .,’é]|Mexico|MEXICO|US|U\\.S\\.|GOM|Chad|New Zealand){0,90}") {
            let f = CueStarts::new(CUES.iter().copied()).unwrap();
            let got: Vec<usize> = f.starts(&text).collect();
            for s in slow(CUES, &text) {
                prop_assert!(got.contains(&s), "missed {} in {:?}", s, text);
            }
            // and every start is a capital with no word character before it
            for &s in &got {
                prop_assert!(text.as_bytes()[s].is_ascii_uppercase());
                prop_assert!(!text[..s].chars().next_back().is_some_and(is_word_char));
            }
            prop_assert!(got.windows(2).all(|w| w[0] < w[1]));
        }
    }
}
