//! Where each alias's first token leads: the automaton's state after it.
//!
//! A candidate word start ([`super::starts`]) is searched by walking the
//! anchored automaton from it, byte by byte. Its first token is, but for
//! a rare collision of the filter's hashes, the first token of some
//! alias, and the walk through a given token always takes the same
//! states: so the state at the token's end, and the alias that is the
//! token itself (if there is one), are looked up by the token's hash and
//! text, and the walk goes on from the token's end. Only the states
//! after the first token are read from memory, where each state of the
//! walk is a wait on memory for most candidates.
//!
//! Nothing is lost: an alias that ends inside the token ends right before
//! a word character, which no mention does. And a token that is not in
//! the table (a collision of the filter's hashes: about two candidates in
//! five on cable text) starts no alias at all, so it is not walked: a
//! match covers whole tokens, and its first token is the alias's first
//! token (word characters are the same in the alias and the text, and
//! ASCII case does not change them).
//!
//! Most walks die on the byte right after the token (`PGR` then a space,
//! where no alias goes on with `pgr `): the bytes the state after the
//! token goes on with are kept beside it, so that such a walk never reads
//! the automaton.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous;
use aho_corasick::Anchored;

use super::starts::{Token, WordMask};
use super::{fold, is_ascii_word, is_word_char};

/// The state after each alias's first token, by the token (ASCII letters
/// in lower case, as the automaton reads them).
#[derive(Clone, Debug)]
pub(super) struct FirstTokens {
    /// Open addressing on the token's hash: an index into `after` plus
    /// one, or 0 for an empty slot.
    slots: Box<[u32]>,
    mask: usize,
    after: Vec<After>,
    /// The tokens' bytes, one after another ([`After::at`]).
    bytes: Vec<u8>,
}

/// Where one first token leads.
#[derive(Clone, Copy, Debug)]
pub(super) struct After {
    /// The token's hash, as the filter hashes it ([`Token::hash`]).
    hash: u64,
    /// Where its bytes are in [`FirstTokens::bytes`], and how many.
    at: u32,
    len: u32,
    /// The state of its automaton part after the token.
    pub state: StateID,
    /// The alias that is the token itself, if any: its number in its
    /// part's automaton, as the walk reports it.
    pub whole: Option<u32>,
    /// The bytes the walk goes on with from [`After::state`] (as the
    /// automaton reads them: ASCII letters in lower case), the first
    /// `next_len` of them; [`MANY`] when there are more than fit.
    next: [u8; NEXT],
    next_len: u8,
}

/// How many bytes that go on from a token's state are kept.
const NEXT: usize = 6;
/// `After::next_len` of a state that goes on with more than [`NEXT`]
/// bytes: always walked on.
const MANY: u8 = u8::MAX;

impl After {
    /// Can the walk go on from the token's end with byte `c` of the text,
    /// the byte right after the token? (`false` only when its next state
    /// is dead.)
    #[inline]
    pub(super) fn goes_on_with(&self, c: u8) -> bool {
        debug_assert!(can_follow_token(c), "byte {c:#x} after a token");
        self.next_len == MANY || self.next[..usize::from(self.next_len)].contains(&fold(c))
    }
}

/// The first tokens of one automaton part's aliases, found on the thread
/// that built the part ([`FirstTokens::join`] makes the table of them all).
#[derive(Debug, Default)]
pub(super) struct PartTokens {
    after: Vec<After>,
    bytes: Vec<u8>,
}

impl PartTokens {
    /// The first tokens of `aliases` (one part's, as its automaton `nfa`
    /// holds them), walked through `nfa`.
    pub(super) fn new<'a>(aliases: impl Iterator<Item = &'a str>, nfa: &contiguous::NFA) -> Self {
        let mut out = PartTokens::default();
        let mut mask = WordMask::default();
        let mut seen = crate::hash::HashSet::default();
        for a in aliases {
            if !a.chars().next().is_some_and(is_word_char) {
                continue; // searched from its own starts (`#YoSoy132`)
            }
            mask.fill(a);
            let Some(t) = mask.tokens().next(a.as_bytes()) else {
                continue;
            };
            let key = &a.as_bytes()[t.start..t.end];
            if !seen.insert(key) {
                continue;
            }
            let Some((state, whole)) = walk_token(nfa, key) else {
                continue;
            };
            let (next, next_len) = going_on(nfa, state);
            out.after.push(After {
                hash: t.hash,
                at: out.bytes.len() as u32,
                len: key.len() as u32,
                state,
                whole,
                next,
                next_len,
            });
            out.bytes.extend_from_slice(key);
        }
        out
    }
}

impl FirstTokens {
    /// The table of the parts' first tokens (a token is in one part only:
    /// the parts split the aliases by their first byte).
    pub(super) fn join(parts: Vec<PartTokens>) -> FirstTokens {
        let mut after: Vec<After> = Vec::new();
        let mut bytes = Vec::new();
        for part in parts {
            let base = bytes.len() as u32;
            after.extend(part.after.into_iter().map(|a| After {
                at: a.at + base,
                ..a
            }));
            bytes.extend_from_slice(&part.bytes);
        }
        let size = (after.len() * 2).next_power_of_two().max(16);
        let mask = size - 1;
        let mut slots = vec![0u32; size].into_boxed_slice();
        for (k, a) in after.iter().enumerate() {
            let mut i = a.hash as usize & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = k as u32 + 1;
        }
        FirstTokens {
            slots,
            mask,
            after,
            bytes,
        }
    }

    /// Where token `t` of `hay` leads, if it is an alias's first token.
    #[inline]
    pub(super) fn get(&self, hay: &[u8], t: &Token) -> Option<&After> {
        let text = &hay[t.start..t.end];
        let mut i = t.hash as usize & self.mask;
        loop {
            let k = *self.slots.get(i)?;
            if k == 0 {
                return None;
            }
            let after = &self.after[k as usize - 1];
            if after.hash == t.hash && after.len as usize == text.len() {
                let key = &self.bytes[after.at as usize..][..text.len()];
                if key.iter().zip(text).all(|(&k, &c)| k == fold(c)) {
                    return Some(after);
                }
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// Can byte `c` follow a token: no ASCII word byte (a token is a whole
/// run of them) and no byte inside a UTF-8 character (a token ends at a
/// character's start).
fn can_follow_token(c: u8) -> bool {
    if c < 0x80 {
        !is_ascii_word(c)
    } else {
        c >= 0xc0
    }
}

/// The bytes that can follow a token ([`can_follow_token`]) whose
/// transition from `sid` is not dead, and how many ([`MANY`] for more
/// than [`NEXT`]).
fn going_on(nfa: &contiguous::NFA, sid: StateID) -> ([u8; NEXT], u8) {
    let mut next = [0u8; NEXT];
    let mut n = 0;
    for c in (0..=u8::MAX).filter(|&c| can_follow_token(c)) {
        if !nfa.is_dead(nfa.next_state(Anchored::Yes, sid, c)) {
            if n == NEXT {
                return (next, MANY);
            }
            next[n] = c;
            n += 1;
        }
    }
    (next, n as u8)
}

/// Walk `key` (an alias's first token) through `nfa` from its anchored
/// start: the state after it and the alias that is the token itself, as
/// [`super::ends_at`] would report it; `None` if the walk dies.
fn walk_token(nfa: &contiguous::NFA, key: &[u8]) -> Option<(StateID, Option<u32>)> {
    let mut sid = nfa.start_state(Anchored::Yes).ok()?;
    for &c in key {
        sid = nfa.next_state(Anchored::Yes, sid, fold(c));
        if nfa.is_dead(sid) {
            return None;
        }
    }
    let whole = nfa
        .is_match(sid)
        .then(|| {
            (0..nfa.match_len(sid))
                .map(|k| nfa.match_pattern(sid, k))
                .find(|&p| nfa.pattern_len(p) == key.len())
                .map(|p| p.as_u32())
        })
        .flatten();
    Some((sid, whole))
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::nfa::noncontiguous;
    use aho_corasick::MatchKind;

    fn nfa(aliases: &[&str]) -> contiguous::NFA {
        let trie = noncontiguous::Builder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(aliases)
            .unwrap();
        contiguous::Builder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build_from_noncontiguous(&trie)
            .unwrap()
    }

    /// The table of one part holding every alias.
    fn table(aliases: &[String], n: &contiguous::NFA) -> FirstTokens {
        FirstTokens::join(vec![PartTokens::new(aliases.iter().map(String::as_str), n)])
    }

    fn token(text: &str, at: usize) -> Token {
        let mut m = WordMask::default();
        m.fill(text);
        m.token(text, at).unwrap()
    }

    #[test]
    fn first_tokens_lead_where_their_walk_does() {
        let aliases = [
            "pgr",
            "merida initiative",
            "merida",
            "u.s. embassy",
            "#yosoy132",
        ];
        let n = nfa(&aliases);
        let owned: Vec<String> = aliases.iter().map(|a| a.to_string()).collect();
        let table = table(&owned, &n);
        // one entry per first token, none for an alias with no word start
        assert_eq!(table.after.len(), 3);
        let text = "The PGR and Merida's MERIDA Initiative at the U.S. Embassy, PGRX";
        let at = |word: &str| token(text, text.find(word).unwrap());
        let pgr = table.get(text.as_bytes(), &at("PGR ")).unwrap();
        assert_eq!(pgr.whole, Some(0));
        let merida = table.get(text.as_bytes(), &at("MERIDA")).unwrap();
        assert_eq!(merida.whole, Some(2));
        // the state is the walk's: going on with " initiative" ends the
        // longer alias
        let mut sid = merida.state;
        for &c in b" initiative" {
            sid = n.next_state(Anchored::Yes, sid, c);
        }
        assert!(n.is_match(sid));
        assert_eq!(n.match_pattern(sid, 0).as_u32(), 1);
        let u = table.get(text.as_bytes(), &at("U.S.")).unwrap();
        assert_eq!(u.whole, None);
        // the bytes each state goes on with: `merida ` and `u.`, not `pgr `
        assert!(merida.goes_on_with(b' '));
        assert!(!merida.goes_on_with(b'\''));
        assert!(u.goes_on_with(b'.'));
        assert!(!pgr.goes_on_with(b' '));
        // tokens that are no alias's first token
        assert!(table.get(text.as_bytes(), &at("The")).is_none());
        assert!(table.get(text.as_bytes(), &at("PGRX")).is_none());
        assert!(table.get(text.as_bytes(), &at("Embassy")).is_none());
    }

    #[test]
    fn a_state_going_on_with_many_bytes_is_always_walked() {
        // `x` goes on with seven bytes (more than are kept), `y` with two
        let aliases: Vec<String> = ["-", ".", "/", "'", "&", "+", ":"]
            .iter()
            .map(|p| format!("x{p}a"))
            .chain(["y z".to_string(), "y-z".to_string()])
            .collect();
        let refs: Vec<&str> = aliases.iter().map(String::as_str).collect();
        let n = nfa(&refs);
        let table = table(&aliases, &n);
        let x = table.get(b"x", &token("x", 0)).unwrap();
        assert_eq!(x.next_len, MANY);
        assert!(x.goes_on_with(b'-') && x.goes_on_with(b' ') && x.goes_on_with(0xe2));
        let y = table.get(b"Y", &token("Y", 0)).unwrap();
        assert_eq!(&y.next[..usize::from(y.next_len)], b" -");
        assert!(y.goes_on_with(b' ') && y.goes_on_with(b'-') && !y.goes_on_with(b'.'));
        assert!(!y.goes_on_with(0xc3));
    }

    /// Only the bytes that can follow a token are asked about: no word
    /// byte, no byte inside a UTF-8 character.
    #[test]
    fn the_bytes_after_a_token() {
        let text = "a b-c.d\u{a0}e\u{2014}f’g«h»i_j9 ";
        let mut m = WordMask::default();
        m.fill(text);
        let mut i = 0;
        let mut after = Vec::new();
        while let Some(t) = m.token(text, i) {
            if let Some(&c) = text.as_bytes().get(t.end) {
                assert!(
                    can_follow_token(c),
                    "{c:#x} after {:?}",
                    &text[t.start..t.end]
                );
                after.push(c);
            }
            i = t.end;
        }
        assert_eq!(after.len(), 9);
        let follow: Vec<u8> = (0..=u8::MAX).filter(|&c| can_follow_token(c)).collect();
        assert!(follow.contains(&b' ') && follow.contains(&b'-') && follow.contains(&0xc2));
        assert!(!follow
            .iter()
            .any(|&c| c.is_ascii_alphanumeric() || c == b'_'));
        assert!(!follow.iter().any(|&c| (0x80..0xc0).contains(&c)));
    }

    #[test]
    fn an_empty_table_finds_nothing() {
        let n = nfa(&["#x"]);
        let table = table(&["#x".to_string()], &n);
        assert!(table.get(b"pgr", &token("pgr", 0)).is_none());
    }
}
