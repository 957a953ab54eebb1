//! One cable, counted once.
//!
//! The same cable can reach a run more than once: a file given twice (or
//! under two names, `a.txt` and `./a.txt`, a symlink, a hard link — these
//! [`crate::read::expand`] already reads once), or the same reference id
//! in several inputs (a dump row, its WikiLeaks page, an OCR'd copy). Each
//! id is read **once**, in its richest form:
//!
//! | rank | form |
//! | --- | --- |
//! | 3 | a row of the `cables.csv` dump, or a WikiLeaks HTML page |
//! | 2 | plain text or a JSON Lines record |
//! | 1 | OCR'd text (see [`looks_ocr`]) |
//!
//! and among equals the first in reading order. Every other copy is
//! skipped with a warning naming both sources, `FILE: warning: cable ID
//! also read from OTHER (…); this copy skipped`.
//!
//! The choice is made **before any row is written**, without a second
//! pass over the dumps:
//!
//! 1. a first pass reads the *documents* (every input that is not a dump:
//!    pages, text, JSON Lines), in parallel, and notes each cable's id and
//!    rank ([`Plan`]);
//! 2. the main pass reads the dumps first, then the documents. A dump row
//!    is the top rank, so the first row of an id wins and later rows of it
//!    are dropped as they are read; a document cable is kept when it is the
//!    best document copy of its id *and* no dump row had that id.
//!
//! Standard input cannot be read twice, so it has no first pass: it is
//! read last, and a cable there whose id a file already gave is skipped,
//! even when the copy on standard input is the richer one. Within one
//! document (a JSON Lines file, say) the first copy of an id wins.
//!
//! Every decision depends only on the inputs, never on timing, so each
//! shard of a sharded run (which reads all inputs and numbers all jobs)
//! drops exactly the same copies, and `merge` stays exact without further
//! data in the shards.
//!
//! **Memory:** one entry per distinct id: a 64-bit hash of the id and
//! where it was read (input number and row or line, 4 bytes each) — 16
//! bytes, about 18 with the hash table's control byte, and at most twice
//! that while the table grows. Rows and documents themselves are never
//! kept.

use crate::hash::HashMap;
use std::hash::Hasher;

use crate::cable::{Cable, Format};

/// Which form of a cable is richest (higher wins).
pub type Rank = u8;

/// A dump row or a WikiLeaks page.
pub(crate) const RANK_STRUCTURED: Rank = 3;
/// Plain text or a JSON Lines record.
pub(crate) const RANK_TEXT: Rank = 2;
/// OCR'd text.
pub(crate) const RANK_OCR: Rank = 1;

/// The 64-bit key of a cable id (trimmed, ASCII upper case): ids are
/// compared by this hash, never stored.
pub fn id_key(id: &str) -> u64 {
    // (fixed keys: deterministic)
    let mut h = std::hash::DefaultHasher::new();
    // the bytes in capitals, handed over 32 at a time (SipHash reads a
    // stream of bytes: the same key as byte by byte, for fewer calls)
    for chunk in id.trim().as_bytes().chunks(32) {
        let mut buf = [0u8; 32];
        let upper = &mut buf[..chunk.len()];
        upper.copy_from_slice(chunk);
        upper.make_ascii_uppercase();
        h.write(upper);
    }
    h.finish()
}

/// Where a copy was read: the input's number in the run's input list and
/// the dump row (its `row` column) or line (JSON Lines), 0 for a whole file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    /// Index into the run's inputs.
    pub input: u32,
    /// Row (dumps) or line (JSON Lines); 0 when the input is one cable.
    pub at: u32,
}

/// The rank of a parsed cable read from a document of `format`.
pub(crate) fn rank(format: Format, cable: &Cable) -> Rank {
    match format {
        Format::Html | Format::CablegateCsv => RANK_STRUCTURED,
        Format::JsonLines => RANK_TEXT,
        Format::Text if looks_ocr(cable) => RANK_OCR,
        Format::Text => RANK_TEXT,
    }
}

/// Does the cable read like an OCR'd scan? OCR output doubles the spaces
/// between words: true when more than one space in ten, inside
/// paragraphs, is part of a run of two or more.
pub fn looks_ocr(cable: &Cable) -> bool {
    let (mut spaces, mut doubled) = (0usize, 0usize);
    for p in &cable.paragraphs {
        let b = p.text.as_bytes();
        for (i, &c) in b.iter().enumerate() {
            if c == b' ' {
                spaces += 1;
                if b.get(i + 1) == Some(&b' ') || (i > 0 && b[i - 1] == b' ') {
                    doubled += 1;
                }
            }
        }
    }
    spaces >= 20 && doubled * 10 > spaces
}

/// One cable of a document, as the first pass saw it.
#[derive(Clone, Copy, Debug)]
pub struct Seen {
    /// [`id_key`] of its id.
    pub key: u64,
    /// Its rank.
    pub rank: Rank,
    /// Its place among the document's results (cables and problems).
    pub index: u32,
    /// Where it was read.
    pub origin: Origin,
}

/// The documents' decisions, made by the first pass.
#[derive(Debug, Default)]
pub struct Plan {
    /// Per id: the best document copy (rank, then reading order).
    best: HashMap<u64, (Rank, Origin, u32)>,
}

impl Plan {
    /// Build the plan from every document cable, given in reading order.
    pub fn new(seen: impl IntoIterator<Item = Seen>) -> Plan {
        let mut plan = Plan::default();
        plan.extend(seen);
        plan
    }

    /// Add more document cables, in reading order after those added so far.
    pub fn extend(&mut self, seen: impl IntoIterator<Item = Seen>) {
        for s in seen {
            match self.best.get(&s.key) {
                Some(&(r, _, _)) if r >= s.rank => {}
                _ => {
                    self.best.insert(s.key, (s.rank, s.origin, s.index));
                }
            }
        }
    }

    /// The copy of an id that is kept among the documents, if any.
    pub fn winner(&self, key: u64) -> Option<(Rank, Origin, u32)> {
        self.best.get(&key).copied()
    }

    /// Distinct ids among the documents.
    pub fn len(&self) -> usize {
        self.best.len()
    }

    /// True when no document has a cable.
    pub fn is_empty(&self) -> bool {
        self.best.is_empty()
    }
}

/// The ids the main pass has taken from dump rows, in reading order.
#[derive(Debug, Default)]
pub struct Taken {
    ids: HashMap<u64, Origin>,
}

impl Taken {
    /// Take `key` for `origin`; when an earlier row has it, its origin.
    pub fn take(&mut self, key: u64, origin: Origin) -> Option<Origin> {
        match self.ids.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(origin);
                None
            }
        }
    }

    /// Who took `key`, if anyone.
    pub fn get(&self, key: u64) -> Option<Origin> {
        self.ids.get(&key).copied()
    }
}

/// The name of the form a rank stands for, for warnings.
pub(crate) fn rank_name(rank: Rank) -> &'static str {
    match rank {
        RANK_STRUCTURED => "a dump row or cable page",
        RANK_TEXT => "text",
        _ => "OCR'd text",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cable::Paragraph;
    use std::hash::Hash;

    fn para(text: &str) -> Cable {
        Cable {
            paragraphs: vec![Paragraph {
                number: 1,
                classification: None,
                heading: None,
                text: text.into(),
            }],
            ..Cable::default()
        }
    }

    #[test]
    fn ids_compare_trimmed_and_in_any_case() {
        assert_eq!(id_key("09MEXICO283"), id_key(" 09mexico283 "));
        // the key of the bytes byte by byte, whatever the id's length
        for id in [
            "09MEXICO283",
            "",
            &"x".repeat(31),
            &"y".repeat(32),
            &"Zé".repeat(40),
        ] {
            let mut h = std::hash::DefaultHasher::new();
            for b in id.bytes() {
                b.to_ascii_uppercase().hash(&mut h);
            }
            assert_eq!(id_key(id), h.finish(), "{id:?}");
        }
        assert_ne!(id_key("09MEXICO283"), id_key("09MEXICO284"));
    }

    #[test]
    fn ocr_is_doubled_spaces() {
        let clean = "The  minister met the ambassador on Tuesday to discuss the plan and the budget for next year in the capital city.";
        assert!(!looks_ocr(&para(clean)));
        let ocr = clean.replace(' ', "  ");
        assert!(looks_ocr(&para(&ocr)));
    }

    #[test]
    fn the_richest_then_the_first_wins() {
        let o = |input| Origin { input, at: 0 };
        let s = |key, rank, input| Seen {
            key,
            rank,
            index: 0,
            origin: o(input),
        };
        let plan = Plan::new([
            s(1, RANK_OCR, 0),
            s(1, RANK_TEXT, 1),
            s(1, RANK_TEXT, 2),
            s(1, RANK_STRUCTURED, 3),
            s(2, RANK_TEXT, 4),
            s(2, RANK_OCR, 5),
        ]);
        assert_eq!(plan.winner(1).map(|w| w.1), Some(o(3)));
        assert_eq!(plan.winner(2).map(|w| w.1), Some(o(4)));
        let mut t = Taken::default();
        assert_eq!(t.take(7, o(0)), None);
        assert_eq!(t.take(7, o(1)), Some(o(0)));
    }
}
