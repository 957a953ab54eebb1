//! Which hasher a hash map uses, decided in one place.
//!
//! Tables keyed by the gazetteer's own aliases and names, by entity
//! numbers or by fixed data tables use rustc-hash's Fx hasher
//! ([`HashMap`], [`HashSet`]): with the harness's 97,771-alias gazetteer,
//! SipHash was 4.6% of `extract`'s instructions. Fx is not
//! collision-resistant, so tables keyed by text read from the cables (names
//! discovery finds, a cable's acronyms, `suggest`'s long forms) use the
//! standard library's randomly keyed hasher ([`TextMap`], [`TextSet`]):
//! text crafted to collide cannot slow them down. Neither kind is ever
//! iterated into an output in its own order.

pub(crate) use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// A map keyed by text read from the cables (see the module docs).
pub(crate) type TextMap<K, V> = std::collections::HashMap<K, V>;

/// A set of text read from the cables (see the module docs).
pub(crate) type TextSet<K> = std::collections::HashSet<K>;
