//! Where an alias can start: a filter of the text's word starts.
//!
//! A mention is a whole word: it starts where no word character comes
//! before and ends where none comes after. So an alias that is found
//! covers whole tokens of the text (maximal runs of word characters),
//! and its first token, or its first two, are the text's. The filter
//! keeps a hashed set of every alias's first token (aliases of one token)
//! and of every alias's first two tokens (the others); a word start whose
//! token, or token and next token, is in the set is a **candidate**, and
//! only candidates are searched with the automaton. False positives (two
//! hashes colliding) cost a search, never a wrong match; there are no
//! false negatives.
//!
//! On the shipped gazetteer and cable text about one word start in twenty
//! is a candidate (measured on 16 MB of the benchmark dump: 4.9% of 2.5
//! million words): most of the text is never walked through the
//! automaton, where an unanchored search walks every byte.

use super::is_word_char;
use crate::byte_classes::HI;

/// The hashed first tokens of a set of aliases.
#[derive(Clone, Debug)]
pub(super) struct Starts {
    /// One bit per hash value (`mask + 1` bits).
    bits: Box<[u64]>,
    mask: u64,
    /// Bytes an alias that starts with no word character starts with
    /// (`#YoSoy132`): such positions are candidates too.
    other_first: [bool; 256],
    /// The same bytes, listed.
    other_bytes: Vec<u8>,
}

/// One token of a text: `start..end`, and its hash (ASCII letters folded
/// to lower case, as the automaton reads them).
#[derive(Clone, Copy, Debug)]
pub(super) struct Token {
    pub start: usize,
    pub end: usize,
    pub hash: u64,
}

const K: u64 = 0x9e37_79b9_7f4a_7c15;

/// One multiplication, and the high half folded onto the low one (the
/// filter and the first-token table index by the low bits, which a
/// product alone takes from the low bits of its factor only).
#[inline]
fn mix(x: u64) -> u64 {
    let x = x.wrapping_mul(K);
    x ^ (x >> 32)
}

/// The key of a one-token alias's token. (A token's hash is mixed
/// already: its bits are as good as a second mix would make them, so the
/// two keys of every token cost no more mixing.)
#[inline]
fn single(h: u64) -> u64 {
    h ^ 0x5151_5151_5151_5151
}

/// The key of an alias's first two tokens.
#[inline]
fn pair(h1: u64, h2: u64) -> u64 {
    h1.rotate_left(23) ^ h2
}

/// A token's hash: its first sixteen bytes with ASCII letters in lower
/// case (every byte's bit 5 set, so `É` and `é` collide too: a false
/// candidate, never a missed one), and its length.
#[inline(always)]
fn hash_token(b: &[u8], s: usize, e: usize) -> u64 {
    let len = e - s;
    // `n` (1..=8) bytes from `at`, the rest zero
    let word = |at: usize, n: usize| -> u64 {
        let v = match b.get(at..at + 8) {
            Some(w) => u64::from_le_bytes(w.try_into().unwrap_or_default()),
            None => {
                let mut buf = [0u8; 8];
                let tail = &b[at..];
                buf[..tail.len()].copy_from_slice(tail);
                u64::from_le_bytes(buf)
            }
        };
        // the low `n` bytes (a token is never empty: `n` is 1 to 8)
        let keep = u64::MAX >> (64 - 8 * n);
        (v | 0x2020_2020_2020_2020) & keep
    };
    let first = word(s, len.min(8));
    let h = if len <= 8 {
        first
    } else {
        first ^ word(s + 8, (len - 8).min(8)).rotate_left(29)
    };
    mix(h ^ ((len as u64) << 58))
}

/// Which bytes of a text are in words, one bit per byte: its tokens are
/// found with bit operations, so the search never branches on each byte.
#[derive(Default, Debug)]
pub(crate) struct WordMask {
    bits: Vec<u64>,
    /// The bits of the bytes that start a token (a word byte after none).
    starts: Vec<u64>,
    len: usize,
}

/// The mask bits of 64 bytes (bit `j` set when byte `j` is an ASCII word
/// byte or any byte of a multi-byte character), and a word whose high bit
/// is set when any byte is 0x80 or more.
#[inline]
fn chunk_bits(chunk: &[u8]) -> (u64, u64) {
    let chunk: &[u8; 64] = chunk.try_into().expect("a chunk of 64 bytes");
    let c = crate::byte_classes::classes::<false>(chunk);
    (c.word | c.other, if c.other != 0 { HI } else { 0 })
}

impl WordMask {
    /// The mask of `hay`.
    pub(super) fn fill(&mut self, hay: &str) {
        let b = hay.as_bytes();
        self.len = b.len();
        self.bits.clear();
        let mut high = 0u64;
        let mut chunks = b.chunks_exact(64);
        for chunk in &mut chunks {
            let (m, h) = chunk_bits(chunk);
            high |= h;
            self.bits.push(m);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // the last bytes read as a whole chunk, padded with bytes of no
            // word (their bits are then clear)
            let mut last = [b' '; 64];
            last[..rest.len()].copy_from_slice(rest);
            let (m, h) = chunk_bits(&last);
            high |= h;
            self.bits.push(m);
        }
        if high & HI != 0 {
            // the multi-byte characters that are no word characters
            for (i, ch) in hay.char_indices().filter(|(_, c)| !c.is_ascii()) {
                if !is_word_char(ch) {
                    for k in i..i + ch.len_utf8() {
                        self.bits[k / 64] &= !(1 << (k % 64));
                    }
                }
            }
        }
        // a token starts at a word byte whose byte before is none
        self.starts.clear();
        let mut carry = 0u64;
        for &w in &self.bits {
            self.starts.push(w & !((w << 1) | carry));
            carry = w >> 63;
        }
    }

    /// The tokens of the text of the last [`WordMask::fill`], in order:
    /// read from the bits of their starts, one after the other.
    #[inline]
    pub(super) fn tokens(&self) -> Tokens<'_> {
        Tokens {
            mask: self,
            k: 0,
            w: self.starts.first().copied().unwrap_or(0),
        }
    }

    /// The first byte at or after `i` in a word ([`WordMask::token`]'s
    /// search: the tests' reference for the reader).
    #[cfg(test)]
    fn next_set(&self, i: usize) -> Option<usize> {
        let mut k = i / 64;
        let mut w = *self.bits.get(k)? & (!0u64 << (i % 64));
        loop {
            if w != 0 {
                return Some(k * 64 + w.trailing_zeros() as usize);
            }
            k += 1;
            w = *self.bits.get(k)?;
        }
    }

    /// The end of the token byte `i` is in (a word byte): the first byte
    /// after it in no word, or the text's end. Read from the word of bits
    /// `i` is in, shifted down to it, then the next ones (the bits above
    /// the text's last byte are clear: a token ends there).
    #[inline(always)]
    fn end_of_token(&self, i: usize) -> usize {
        debug_assert!(i < self.len, "byte {i} of {}", self.len);
        let mut k = i / 64;
        let mut out = !self.bits[k] >> (i % 64);
        let mut base = i;
        loop {
            if out != 0 {
                return base + out.trailing_zeros() as usize;
            }
            k += 1;
            base = k * 64;
            match self.bits.get(k) {
                Some(&x) => out = !x,
                None => return self.len,
            }
        }
    }

    /// The next token of `hay` (the text of the last [`WordMask::fill`])
    /// at or after byte `i`, if any, searched from there: what the tests
    /// hold [`WordMask::tokens`] to (the matcher reads tokens in order).
    #[cfg(test)]
    pub(super) fn token(&self, hay: &str, i: usize) -> Option<Token> {
        let start = self.next_set(i)?;
        let end = self.end_of_token(start);
        Some(Token {
            start,
            end,
            hash: hash_token(hay.as_bytes(), start, end),
        })
    }
}

/// The tokens of a text in order ([`WordMask::tokens`]).
pub(super) struct Tokens<'m> {
    mask: &'m WordMask,
    /// The word of start bits being read, and its bits not yet read.
    k: usize,
    w: u64,
}

impl Tokens<'_> {
    /// The next token of `hay` (the text the mask was filled with).
    #[inline(always)]
    pub(super) fn next(&mut self, hay: &[u8]) -> Option<Token> {
        while self.w == 0 {
            self.k += 1;
            self.w = *self.mask.starts.get(self.k)?;
        }
        let j = self.w.trailing_zeros();
        self.w &= self.w - 1;
        let start = self.k * 64 + j as usize;
        let end = self.mask.end_of_token(start);
        Some(Token {
            start,
            end,
            hash: hash_token(hay, start, end),
        })
    }
}

impl Starts {
    /// The filter of these (normalised) aliases.
    pub(super) fn new<'a>(aliases: impl Iterator<Item = &'a str> + Clone) -> Starts {
        let n = aliases.clone().count().max(1);
        // about 32 bits per alias: one candidate in thirty or so is a collision
        let bits_len = (n * 32).next_power_of_two().max(1 << 16);
        let mut s = Starts {
            bits: vec![0u64; bits_len / 64].into_boxed_slice(),
            mask: bits_len as u64 - 1,
            other_first: [false; 256],
            other_bytes: Vec::new(),
        };
        let mut mask = WordMask::default();
        for a in aliases {
            let starts_in_word = a.chars().next().is_some_and(is_word_char);
            if !starts_in_word {
                if let Some(&b) = a.as_bytes().first() {
                    for c in [b.to_ascii_lowercase(), b.to_ascii_uppercase()] {
                        if !s.other_first[usize::from(c)] {
                            s.other_first[usize::from(c)] = true;
                            s.other_bytes.push(c);
                        }
                    }
                }
                continue;
            }
            mask.fill(a);
            let mut tokens = mask.tokens();
            let Some(t1) = tokens.next(a.as_bytes()) else {
                continue;
            };
            let key = match tokens.next(a.as_bytes()) {
                Some(t2) => pair(t1.hash, t2.hash),
                None => single(t1.hash),
            };
            s.set(key);
        }
        s
    }

    #[inline]
    fn set(&mut self, key: u64) {
        let i = key & self.mask;
        self.bits[(i >> 6) as usize] |= 1 << (i & 63);
    }

    #[inline]
    fn has(&self, key: u64) -> bool {
        let i = key & self.mask;
        self.bits[(i >> 6) as usize] & (1 << (i & 63)) != 0
    }

    /// Can an alias start at token `t`, followed by `next` (if any)?
    #[inline]
    pub(super) fn candidate(&self, t: &Token, next: Option<&Token>) -> bool {
        self.has(single(t.hash)) || next.is_some_and(|n| self.has(pair(t.hash, n.hash)))
    }

    /// The first byte at or after `from` that an alias starting with no
    /// word character starts with, if any.
    #[inline]
    pub(super) fn next_other(&self, hay: &str, from: usize) -> Option<usize> {
        let h = hay.as_bytes().get(from..)?;
        let at = match *self.other_bytes.as_slice() {
            [] => None,
            [a] => memchr::memchr(a, h),
            [a, b] => memchr::memchr2(a, b, h),
            [a, b, c] => memchr::memchr3(a, b, c, h),
            _ => h.iter().position(|&b| self.other_first[usize::from(b)]),
        };
        at.map(|i| from + i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::is_ascii_word;

    fn tokens(s: &str) -> Vec<&str> {
        let mut m = WordMask::default();
        m.fill(s);
        let mut v = Vec::new();
        let mut i = 0;
        while let Some(t) = m.token(s, i) {
            v.push(&s[t.start..t.end]);
            i = t.end;
        }
        v
    }

    /// The tokens as [`WordMask::tokens`] reads them, with their hashes
    /// checked against [`WordMask::token`]'s.
    fn streamed(s: &str) -> Vec<&str> {
        let mut m = WordMask::default();
        m.fill(s);
        let mut it = m.tokens();
        let mut v = Vec::new();
        let mut i = 0;
        while let Some(t) = it.next(s.as_bytes()) {
            let by_place = m.token(s, i).expect("the same token searched from a place");
            assert_eq!(
                (t.start, t.end, t.hash),
                (by_place.start, by_place.end, by_place.hash)
            );
            v.push(&s[t.start..t.end]);
            i = t.end;
        }
        assert!(m.token(s, i).is_none(), "{s:?}: a token left after {i}");
        v
    }

    fn hash(s: &str) -> u64 {
        hash_token(s.as_bytes(), 0, s.len())
    }

    #[test]
    fn tokens_are_runs_of_word_characters() {
        assert_eq!(
            tokens("U.S. Embassy's (PGR)"),
            ["U", "S", "Embassy", "s", "PGR"]
        );
        assert_eq!(
            tokens("  al-Qaida, Ñandú_x 12 "),
            ["al", "Qaida", "Ñandú_x", "12"]
        );
        assert_eq!(tokens("a\u{2014}b \u{a0}c«d»"), ["a", "b", "c", "d"]);
        assert!(tokens(" .,- ").is_empty());
        assert!(tokens("").is_empty());
        // across the mask's 64-byte words
        let long = format!("{} {}", "x".repeat(70), "y".repeat(63));
        assert_eq!(tokens(&long), ["x".repeat(70), "y".repeat(63)]);
        assert_eq!(streamed(&long), ["x".repeat(70), "y".repeat(63)]);
        // tokens that end at a 64-byte boundary, at the text's end, or run
        // over several words
        for n in [63, 64, 65, 127, 128, 129, 200] {
            let t = format!("{} ab", "z".repeat(n));
            assert_eq!(streamed(&t), ["z".repeat(n), "ab".to_string()], "{n}");
            let t = format!("ab {}", "z".repeat(n));
            assert_eq!(streamed(&t), ["ab".to_string(), "z".repeat(n)], "{n}");
            let t = format!("{}-", "z".repeat(n));
            assert_eq!(streamed(&t), ["z".repeat(n)], "{n}");
        }
    }

    #[test]
    fn tokens_are_the_word_character_runs_of_any_text() {
        // every text of these characters, cut at every place
        let chars = ['a', 'Z', '_', '9', ' ', '-', 'é', '—', '\u{a0}', 'Ж'];
        let mut state = 7u64;
        for _ in 0..2000 {
            let n = (state % 150) as usize;
            let text: String = (0..n)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    chars[(state >> 33) as usize % chars.len()]
                })
                .collect();
            let want: Vec<&str> = text
                .split(|c: char| !is_word_char(c))
                .filter(|t| !t.is_empty())
                .collect();
            assert_eq!(tokens(&text), want, "{text:?}");
            assert_eq!(streamed(&text), want, "{text:?}");
        }
    }

    #[test]
    fn sixty_four_bytes_at_once_are_each_byte_alone() {
        for chunk in crate::byte_classes::test_chunks() {
            let want: u64 = (0..64)
                .map(|j| u64::from(is_ascii_word(chunk[j]) || chunk[j] >= 0x80) << j)
                .sum();
            let (m, high) = chunk_bits(&chunk);
            assert_eq!(m, want, "{chunk:?}");
            assert_eq!(high != 0, chunk.iter().any(|&b| b >= 0x80), "{chunk:?}");
        }
        // every byte value at every place
        for x in 0u8..=255 {
            for at in [0, 15, 16, 31, 47, 63] {
                let mut chunk = [b' '; 64];
                chunk[at] = x;
                let want = u64::from(is_ascii_word(x) || x >= 0x80) << at;
                assert_eq!(chunk_bits(&chunk).0, want, "byte {x:#x} at {at}");
            }
        }
    }

    #[test]
    fn hashes_fold_ascii_case_and_tell_tokens_apart() {
        assert_eq!(hash("SEDENA"), hash("sedena"));
        assert_ne!(hash("sedena"), hash("sedenas"));
        assert_ne!(hash("abcdefgh"), hash("abcdefghi"));
        assert_ne!(hash("abcdefghijklmnop"), hash("abcdefghijklmnoq"));
        // a token at the end of its text, shorter than a word
        let t = "the PGR";
        assert_eq!(hash_token(t.as_bytes(), 4, 7), hash("pgr"));
    }

    /// The keys are spread well enough that the filter lets few tokens
    /// through that start no alias: with 20,000 aliases (ten thousand of
    /// one token, ten thousand of two), under one word start in ten of
    /// made-up text that shares none of their tokens.
    #[test]
    fn few_word_starts_pass_the_filter_by_collision() {
        let mut state = 5u64;
        let mut word = |prefix: &str| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            format!("{prefix}{}", state >> 40)
        };
        let mut aliases: Vec<String> = (0..10_000).map(|_| word("a")).collect();
        for _ in 0..10_000 {
            let pair = format!("{} {}", word("b"), word("c"));
            aliases.push(pair);
        }
        let s = Starts::new(aliases.iter().map(String::as_str));
        let text: String = (0..50_000).map(|_| word("z") + " ").collect();
        let mut m = WordMask::default();
        m.fill(&text);
        let (mut words, mut passed) = (0, 0);
        let mut cur = m.token(&text, 0);
        while let Some(t) = cur {
            let next = m.token(&text, t.end);
            words += 1;
            passed += usize::from(s.candidate(&t, next.as_ref()));
            cur = next;
        }
        assert_eq!(words, 50_000);
        assert!(passed < words / 10, "{passed} of {words} passed");
    }

    #[test]
    fn first_tokens_make_candidates() {
        let s = Starts::new(["merida initiative", "pgr", "#yosoy132", "u.s. embassy"].into_iter());
        let at = |text: &'static str| {
            let mut m = WordMask::default();
            m.fill(text);
            let t = m.token(text, 0).unwrap();
            let n = m.token(text, t.end);
            s.candidate(&t, n.as_ref())
        };
        assert!(at("Merida Initiative funds"));
        assert!(at("MERIDA-INITIATIVE"));
        assert!(at("PGR's"));
        assert!(at("U.S. Embassy"));
        assert!(!at("Merida city"));
        assert!(!at("the PGR"));
        assert_eq!(s.next_other("a #b #c", 0), Some(2));
        assert_eq!(s.next_other("a #b #c", 3), Some(5));
        assert_eq!(s.next_other("a (b)", 0), None);
        assert_eq!(s.next_other("a", 5), None);
    }
}
