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
//! a word character, which no mention does. A token that is not in the
//! table is walked from its start, as before.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous;
use aho_corasick::Anchored;

use super::starts::{Token, WordMask};
use super::{fold, is_word_char};

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
}

impl FirstTokens {
    /// The table of these aliases' first tokens, walked through the
    /// automaton part that `part` gives for a first byte.
    pub(super) fn new<'n>(
        aliases: &[String],
        part: impl Fn(u8) -> &'n contiguous::NFA,
    ) -> FirstTokens {
        let mut table = FirstTokens {
            slots: Box::new([]),
            mask: 0,
            after: Vec::new(),
            bytes: Vec::new(),
        };
        let mut mask = WordMask::default();
        let mut found: Vec<After> = Vec::new();
        let mut bytes = Vec::new();
        let mut seen = crate::hash::HashSet::default();
        for a in aliases {
            if !a.chars().next().is_some_and(is_word_char) {
                continue; // searched from its own starts (`#YoSoy132`)
            }
            mask.fill(a);
            let Some(t) = mask.token(a, 0) else { continue };
            let key = &a.as_bytes()[t.start..t.end];
            if !seen.insert(key) {
                continue;
            }
            let nfa = part(fold(key[0]));
            let Some((state, whole)) = walk_token(nfa, key) else {
                continue;
            };
            found.push(After {
                hash: t.hash,
                at: bytes.len() as u32,
                len: key.len() as u32,
                state,
                whole,
            });
            bytes.extend_from_slice(key);
        }
        let size = (found.len() * 2).next_power_of_two().max(16);
        table.slots = vec![0u32; size].into_boxed_slice();
        table.mask = size - 1;
        table.bytes = bytes;
        for (k, after) in found.iter().enumerate() {
            let mut i = after.hash as usize & table.mask;
            while table.slots[i] != 0 {
                i = (i + 1) & table.mask;
            }
            table.slots[i] = k as u32 + 1;
        }
        table.after = found;
        table
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
        let table = FirstTokens::new(&owned, |_| &n);
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
        // tokens that are no alias's first token
        assert!(table.get(text.as_bytes(), &at("The")).is_none());
        assert!(table.get(text.as_bytes(), &at("PGRX")).is_none());
        assert!(table.get(text.as_bytes(), &at("Embassy")).is_none());
    }

    #[test]
    fn an_empty_table_finds_nothing() {
        let n = nfa(&["#x"]);
        let table = FirstTokens::new(&["#x".to_string()], |_| &n);
        assert!(table.get(b"pgr", &token("pgr", 0)).is_none());
    }
}
