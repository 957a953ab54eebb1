//! An English word list, to mend words broken by a line end.
//!
//! `data/words-en.txt` is the lower-case, letters-only part of Debian's
//! `wamerican` list (SCOWL size 50, Kevin Atkinson; licence in
//! `data/words-en.LICENSE`): 63,875 words, sorted bytewise. Proper names
//! are not in it (they are capitalised there), so a surname is no word.

use std::sync::LazyLock;

const WORDS: &str = include_str!("../../data/words-en.txt");

/// The list as a hash set, made straight from its lines: a look-up reads
/// one slot and one word, where a binary search of the sorted list read
/// sixteen words spread over its 600 KB, most of them cache misses (a
/// fixed table, so the Fx hasher, as [`crate::hash`] says).
static SET: LazyLock<crate::hash::HashSet<&'static [u8]>> =
    LazyLock::new(|| WORDS.lines().map(str::as_bytes).collect());

/// Is `w` (any case; ASCII letters only) an English word?
pub(crate) fn is_word(w: &str) -> bool {
    is_word_of(&[w])
}

/// Are `parts`, joined, an English word? (No allocation: the list is
/// searched with the parts' bytes folded to lower case.)
fn is_word_of(parts: &[&str]) -> bool {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    if len == 0
        || len > 40
        || !parts
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        return false;
    }
    // the parts folded into one buffer on the stack, looked up as one key
    let mut buf = [0u8; 40];
    let mut n = 0;
    for p in parts {
        buf[n..n + p.len()].copy_from_slice(p.as_bytes());
        n += p.len();
    }
    let folded = &mut buf[..n];
    folded.make_ascii_lowercase();
    SET.contains(&*folded)
}

/// `head` + `tail` is one word broken by the line end: the two joined are
/// a word of five letters or more, and one of the halves is no word
/// (`SHI` / `FT`, `SE` / `CRETLY`, `PROCEE` / `DINGS`, `NEGOTIA` / `TORS`), so two words
/// that happen to make a third (`ANY` / `ONE`) stay two.
pub(crate) fn joins_into_word(head: &str, tail: &str) -> bool {
    head.len() >= 2
        && tail.len() >= 2
        && head.len() + tail.len() >= 5
        && is_word_of(&[head, tail])
        && (!is_word(head) || !is_word(tail))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_and_lower_case() {
        let list: Vec<&str> = WORDS.lines().collect();
        assert!(list.len() > 60_000);
        assert!(list.windows(2).all(|w| w[0] < w[1]));
        assert!(list
            .iter()
            .all(|w| w.bytes().all(|b| b.is_ascii_lowercase())));
        // every word is in the set the look-ups read
        assert_eq!(SET.len(), list.len());
    }

    #[test]
    fn words_and_names() {
        assert!(is_word("SECRETLY"));
        assert!(is_word("proceedings"));
        assert!(!is_word("BROWNFIELD"));
        assert!(!is_word("chavez"));
        assert!(!is_word(""));
        assert!(!is_word("co-op"));
    }

    #[test]
    fn broken_words_join_and_word_pairs_do_not() {
        assert!(joins_into_word("SE", "CRETLY"));
        assert!(joins_into_word("PROCEE", "DINGS"));
        assert!(joins_into_word("NEGOTIA", "TORS"));
        assert!(joins_into_word("Govern", "ment"));
        assert!(joins_into_word("SHI", "FT"));
        assert!(!joins_into_word("ANY", "ONE"));
        assert!(!joins_into_word("IN", "FORMATION"));
        assert!(!joins_into_word("EU", "ROPE"));
        assert!(!joins_into_word("URIBE", "MEETS"));
    }
}
