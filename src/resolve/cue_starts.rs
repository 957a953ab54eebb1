//! Where a country cue can start: a filter of a text's capitals.
//!
//! Every cue of `data/countries.csv` (a name, another name, a demonym, a
//! government abbreviation, each also in capitals) starts with an ASCII
//! capital, and a cue is a whole word: no word character comes before it.
//! So a cue can only start at a capital that starts a word, and only where
//! the text's first three bytes there begin some cue (a hashed set of
//! every cue's first three bytes; the two-byte cues, `US` and `UK`, in a
//! set of their own). Sixteen bytes of the text are classed at a time
//! (SSE2), so most of the text costs no branch per byte, where an
//! unanchored search of the automaton walks every byte.
//!
//! False starts (two prefixes hashing alike, a prefix no whole cue
//! follows) cost one anchored search each, never a wrong cue; there are no
//! missed starts.

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
        WordSearch { dfa, start, starts }
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

    /// Every match of a leftmost-longest search of `text`, as (start, end,
    /// pattern), less those that start after a word character: each the
    /// longest word at a place [`CueStarts`] lets through, and a search
    /// resumes after each match. (Of a match that starts inside a word,
    /// which the callers drop, only its end mattered: no match was found
    /// before it. A word whose letters run on across a space, "NEW ZEALAND"
    /// in "RENEW ZEALAND", could once hide a word after it; now it cannot.)
    pub(super) fn find_iter<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        let mut places = match &self.starts {
            Some(f) => Places::Filtered(f.starts(text)),
            None => Places::Every(text.char_indices()),
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

/// The places [`WordSearch::find_iter`] searches.
enum Places<'s, 't> {
    Filtered(Starts<'s, 't>),
    Every(std::str::CharIndices<'t>),
}

impl Iterator for Places<'_, '_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        match self {
            Places::Filtered(s) => s.next(),
            Places::Every(c) => c.next().map(|(i, _)| i),
        }
    }
}

/// The first bytes of a set of cues, hashed.
#[derive(Clone, Debug)]
pub(super) struct CueStarts {
    /// One bit per hash of a cue's first three bytes.
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

#[cfg(any(test, not(target_arch = "x86_64")))]
const LO: u64 = 0x0101_0101_0101_0101;
#[cfg(any(test, not(target_arch = "x86_64")))]
const HI: u64 = 0x8080_8080_8080_8080;

/// Bytes of `v` (each below 0x80) in `lo..=hi`: the high bit of each such
/// byte (no carry crosses a byte: every sum stays below 0x100).
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline]
fn in_range(v: u64, lo: u8, hi: u8) -> u64 {
    (v + LO * u64::from(0x80 - lo)) & !(v + LO * u64::from(0x7f - hi)) & HI
}

/// The high bit of each byte of `m`, gathered into the low eight bits
/// (bit `j` for byte `j`, little end first).
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline]
fn gather(m: u64) -> u64 {
    ((m >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// For the eight bytes of `x` (little end first): which are ASCII
/// capitals, which are ASCII word bytes (letters, digits, `_`) and which
/// are not ASCII, one bit per byte.
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline]
fn classes(x: u64) -> (u64, u64, u64) {
    let ascii = !x & HI;
    let low = x & !HI;
    let caps = in_range(low, b'A', b'Z') & ascii;
    let t = low ^ (LO * u64::from(b'_'));
    let underscore = !(((t & !HI) + !HI) | t) & HI;
    let word = (caps | in_range(low, b'a', b'z') | in_range(low, b'0', b'9') | underscore) & ascii;
    (gather(caps), gather(word), gather(x & HI))
}

/// [`classes`] of 64 bytes, eight at a time (where there is no SSE2).
#[cfg(any(test, not(target_arch = "x86_64")))]
fn chunk_classes_swar(chunk: &[u8; 64]) -> (u64, u64, u64) {
    let (mut caps, mut word, mut other) = (0, 0, 0);
    for (j, w) in chunk.chunks_exact(8).enumerate() {
        let (c, w, o) = classes(u64::from_le_bytes(w.try_into().unwrap_or_default()));
        caps |= c << (8 * j);
        word |= w << (8 * j);
        other |= o << (8 * j);
    }
    (caps, word, other)
}

#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn chunk_classes(chunk: &[u8; 64]) -> (u64, u64, u64) {
    chunk_classes_swar(chunk)
}

/// For 64 bytes: which are ASCII capitals, which ASCII word bytes
/// (letters, digits, `_`), which not ASCII; bit `j` for byte `j`. Sixteen
/// bytes at a time with SSE2 (every x86-64 has it).
#[cfg(target_arch = "x86_64")]
#[inline]
fn chunk_classes(chunk: &[u8; 64]) -> (u64, u64, u64) {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
        _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    let (mut caps, mut word, mut other) = (0u64, 0u64, 0u64);
    for k in 0..4 {
        // SAFETY: SSE2 is part of every x86-64 target, so its intrinsics
        // can be called; the load reads bytes 16k..16k+16 of the 64, and
        // `_mm_loadu_si128` takes any alignment
        let (c, w, o) = unsafe {
            let v = _mm_loadu_si128(chunk.as_ptr().add(16 * k).cast::<__m128i>());
            // in a range, on signed bytes: 0x80 and up are negative, so in
            // none of these ASCII ranges
            let within = |v: __m128i, lo: u8, hi: u8| {
                _mm_and_si128(
                    _mm_cmpgt_epi8(v, _mm_set1_epi8(lo as i8 - 1)),
                    _mm_cmplt_epi8(v, _mm_set1_epi8(hi as i8 + 1)),
                )
            };
            let cap = within(v, b'A', b'Z');
            let letter = within(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', b'z');
            let digit = within(v, b'0', b'9');
            let underscore = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'_' as i8));
            let w = _mm_or_si128(_mm_or_si128(letter, digit), underscore);
            (
                _mm_movemask_epi8(cap),
                _mm_movemask_epi8(w),
                _mm_movemask_epi8(v),
            )
        };
        caps |= u64::from(c as u32 & 0xffff) << (16 * k);
        word |= u64::from(w as u32 & 0xffff) << (16 * k);
        other |= u64::from(o as u32 & 0xffff) << (16 * k);
    }
    (caps, word, other)
}

/// Is `c` a word character (what a cue may not touch)?
#[inline]
pub(super) fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl CueStarts {
    /// The filter of `cues`, or `None` when some cue does not start with an
    /// ASCII capital (the filter would miss it).
    pub(super) fn new<'a>(cues: impl IntoIterator<Item = &'a str>) -> Option<CueStarts> {
        let mut three = vec![0u64; 1 << (THREE_BITS - 6)].into_boxed_slice();
        let mut two = Vec::new();
        for c in cues {
            let b = c.as_bytes();
            if !b.first().is_some_and(u8::is_ascii_uppercase) || b.len() < 2 {
                return None;
            }
            if b.len() == 2 {
                two.push(u16::from_le_bytes([b[0], b[1]]));
            } else {
                let h = three_hash(b[0], b[1], b[2]);
                three[h / 64] |= 1 << (h % 64);
            }
        }
        two.sort_unstable();
        two.dedup();
        Some(CueStarts { three, two })
    }

    /// May a cue start at `s`, a capital of `b`?
    #[inline]
    fn may_start(&self, b: &[u8], s: usize) -> bool {
        let b1 = b.get(s + 1).copied().unwrap_or(0);
        if let Some(&b2) = b.get(s + 2) {
            let h = three_hash(b[s], b1, b2);
            if self.three[h / 64] >> (h % 64) & 1 == 1 {
                return true;
            }
        }
        self.two.contains(&u16::from_le_bytes([b[s], b1]))
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
                    && self.text[..s].chars().next_back().is_some_and(is_word)
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
            let (caps, word, other) = match b.get(at..at + 64) {
                Some(c) => chunk_classes(c.try_into().unwrap_or(&[0; 64])),
                None => {
                    // the last bytes, padded with NULs (no capital, no word)
                    let mut buf = [0u8; 64];
                    buf[..b.len() - at].copy_from_slice(&b[at..]);
                    chunk_classes(&buf)
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
                !text[..i].chars().next_back().is_some_and(is_word)
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
    fn sixteen_bytes_at_a_time_as_eight() {
        let mut chunk = [0u8; 64];
        for seed in 0..200u32 {
            for (i, b) in chunk.iter_mut().enumerate() {
                *b = (seed.wrapping_mul(2_654_435_761).rotate_left(i as u32) >> 7) as u8
                    ^ (i as u8).wrapping_mul(37);
            }
            assert_eq!(chunk_classes(&chunk), chunk_classes_swar(&chunk));
        }
        let all: Vec<u8> = (0..=255).collect();
        for c in all.chunks_exact(64) {
            let c: &[u8; 64] = c.try_into().unwrap();
            let (caps, word, other) = chunk_classes(c);
            for (j, &b) in c.iter().enumerate() {
                assert_eq!(caps >> j & 1 == 1, b.is_ascii_uppercase(), "{b}");
                assert_eq!(
                    word >> j & 1 == 1,
                    b.is_ascii_alphanumeric() || b == b'_',
                    "{b}"
                );
                assert_eq!(other >> j & 1 == 1, b >= 0x80, "{b}");
            }
        }
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
                !text[..s].chars().next_back().is_some_and(is_word)
                    && !text[e..].chars().next().is_some_and(is_word)
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
                prop_assert!(!text[..s].chars().next_back().is_some_and(is_word));
            }
            prop_assert!(got.windows(2).all(|w| w[0] < w[1]));
        }
    }
}
