//! Stage 5, match: find every gazetteer alias in a paragraph.
//!
//! One Aho–Corasick automaton holds every alias of every entity, built
//! once, normalised the same way as the text ([`crate::normalize`]), and
//! searched over the normalised paragraph. The semantics are the
//! contract's:
//!
//! - **Whole words.** A match must not start right after, or end right
//!   before, a word character (alphanumeric or `_`), so `PGR` is not found
//!   in `PGRX` and `Iran` not in `Iranian`; `SEDENA's` does contain
//!   `SEDENA`.
//! - **Case.** The automaton is ASCII case-insensitive; an alias with no
//!   lower-case letter (`PGR`, `NORTHCOM J2`) must also match the exact
//!   case of the text, so `pgr` is not PGR.
//! - **Overlaps: leftmost, then longest.** `MatchKind::LeftmostLongest` is
//!   the kind the crate recommends for dictionaries. Because the crate has
//!   no word-boundary option, a longest match can fail the whole-word or
//!   case test while a shorter alias at the same start would pass
//!   (`Embassy London` inside `AMEMBASSY LONDON` must not hide `LONDON`).
//!   On a rejected match the search retries, anchored at the same start,
//!   with ever shorter limits, and otherwise moves on by one character.
//!   This is the exact whole-word leftmost-longest of the peer benchmark's
//!   reference program.
//!
//! - **Definitions count once.** An acronym in parentheses right after its
//!   own long form (`Secretariat of National Defense's (SEDENA)`) is the
//!   cable defining the acronym, not a second mention: the parenthesised
//!   copy is dropped and the long form stands for both.
//!
//! **Where the search looks.** A match is a whole word, so it covers
//! whole tokens of the text (runs of word characters) and its first token,
//! or its first two, are an alias's. The matcher hashes every alias's first
//! token (aliases of one token) or first two (`src/matcher/starts.rs`), and searches
//! only the word starts whose token, or token and next token, are in that
//! set: about one word start in twenty on cable text with the shipped
//! gazetteer. There it walks the automaton anchored, keeps every alias
//! that ends on the way, and takes the longest that passes the rules; a
//! mention found, the next search starts after it. The walk begins after
//! the word's token: the state each alias's first token leads to is
//! looked up by the token (`src/matcher/first.rs`), a token that is no
//! alias's first token (a collision of the filter's hashes) is not walked,
//! and a walk whose next byte leads nowhere never reads the automaton. This finds exactly
//! what the crate's own unanchored leftmost-longest search with the
//! retries above finds (a property test holds it to that), and it walks
//! the automaton over a small part of the text. The automaton is the
//! crate's contiguous NFA: compact (the walks stay on a few hot states),
//! quick to build, and the one `explain`'s candidates use too. Until
//! session 39 the matcher walked every byte of the text through a 30–40 MB
//! DFA, four paragraphs side by side so the memory waits overlapped: the
//! matcher alone was 20% slower on the benchmark dump, every run paid
//! 0.3 s of CPU to build the DFA, and it took 39 MB.
//!
//! **Case.** The automaton holds its aliases in lower case and reads the
//! text's ASCII letters in lower case as it goes; the case rules then look
//! at the text itself.
//!
//! **Candidates, on request.** For `explain`, the matcher can also record
//! every occurrence of every alias in a normalised text, with the verdict
//! of its own rules on each ([`Matcher::candidates_into`], [`Candidate`]):
//! found with the anchored automaton the search uses, so no second
//! automaton is built, and only when asked (extract never pays for it).

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::{contiguous, noncontiguous};
use aho_corasick::{Anchored, MatchKind};

/// Why the gazetteer's automaton could not be built (too many states for
/// its identifiers): aho-corasick's error, lowercase, with the values.
pub use aho_corasick::BuildError;

use crate::hash::HashMap;
use std::collections::hash_map::Entry;
use std::sync::OnceLock;

use crate::gazetteer::Gazetteer;
use crate::normalize::{normalize, normalize_into, Normalized};
use crate::rule::Rule;

mod first;
mod starts;
use first::{FirstTokens, PartTokens};
use starts::{Starts, Token, WordMask};

/// One alias as the automaton knows it.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// Index of the entity in the gazetteer.
    pub entity: u32,
    /// The alias as written in the gazetteer.
    pub alias: String,
    /// The normalised alias the automaton searches for.
    pub normalized: String,
    /// True when the alias has no lower-case letter: case must match.
    pub exact_case: bool,
}

/// One mention of an entity in a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Index of the entity in the gazetteer.
    pub entity: u32,
    /// Index of the pattern (alias) that matched.
    pub pattern: u32,
    /// Byte offset of the mention in the paragraph's original text.
    pub start: usize,
    /// Byte offset just past the mention.
    pub end: usize,
    /// The rule that accepted it (see [`crate::resolve`]); the matcher
    /// sets [`Rule::Match`].
    pub rule: Rule,
}

/// What the matcher's own rules say of one occurrence of an alias.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A whole word, in the right case: a mention unless an overlapping
    /// match or a later stage takes its place.
    Fits,
    /// Starts right after or ends right before a word character.
    NotWholeWord,
    /// The alias needs exact case (it has no lower-case letter) and the
    /// text's case differs.
    Case,
}

/// One occurrence of an alias in a text, as the matcher judged it (see
/// [`Matcher::candidates_into`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The pattern (alias) found.
    pub pattern: u32,
    /// Byte offset in the original text.
    pub start: usize,
    /// Byte offset just past it, in the original text.
    pub end: usize,
    /// What the whole-word and case rules say.
    pub verdict: Verdict,
}

/// The compiled gazetteer.
#[derive(Clone, Debug)]
pub struct Matcher {
    scanner: Option<Scanner>,
    /// The searched aliases, then one "defined in the cable" pattern per
    /// entity.
    patterns: Vec<Pattern>,
    /// How many patterns the automaton searches.
    searched: usize,
    /// Where the later owners' patterns of shared generic names begin.
    shared_from: usize,
    /// (searched pattern, later owner) → that owner's pattern of the same
    /// generic name (after the "defined" ones, not searched).
    shared_of: HashMap<(u32, u32), u32>,
    /// The searched patterns that are a person's bare surname (the
    /// gazetteer's `surname` column), sorted.
    surnames: Vec<u32>,
    /// What recording candidates needs, made at the first request.
    twins: OnceLock<Twins>,
}

/// The searched patterns grouped by their text up to ASCII case (the
/// anchored walk reports one pattern of such a group): made only when
/// candidates are recorded.
#[derive(Clone, Debug)]
struct Twins {
    /// Per searched pattern: every pattern with the same text up to ASCII
    /// case, in pattern order (itself included).
    group: Vec<u32>,
    groups: Vec<Vec<u32>>,
}

/// The automaton and where to search with it.
#[derive(Clone, Debug)]
struct Scanner {
    /// Every searched alias in lower case, walked anchored from a word
    /// start: in parts, the aliases split by their first byte (a walk from
    /// `s` can only follow aliases that begin with the byte at `s`), so
    /// that the parts are built at once on two threads.
    parts: Vec<Part>,
    /// The part of the aliases that begin with each byte (a byte no alias
    /// begins with: any part, whose walk dies on it).
    part_of: [u8; 256],
    /// The word starts an alias can begin at.
    starts: Starts,
    /// The state each alias's first token leads to, so that a walk from a
    /// word start begins after its token.
    firsts: FirstTokens,
}

/// One part of [`Scanner`]'s automaton.
#[derive(Clone, Debug)]
struct Part {
    nfa: contiguous::NFA,
    /// Each of its patterns' number among all the searched aliases.
    ids: Vec<u32>,
}

impl Scanner {
    /// The part of the automaton an alias starting with byte `first` of a
    /// text is in.
    #[inline]
    fn part(&self, first: u8) -> &Part {
        &self.parts[usize::from(self.part_of[usize::from(fold(first))])]
    }

    /// Every alias that starts at byte `s` of `hay`, as `(pattern, end)`
    /// in `ends`, shortest first (see [`ends_at`]).
    #[inline]
    fn ends_at(&self, hay: &str, s: usize, ends: &mut Vec<(u32, usize)>) {
        let Some(&first) = hay.as_bytes().get(s) else {
            ends.clear();
            return;
        };
        let part = self.part(first);
        ends_at(&part.nfa, hay, s, ends);
        for (p, _) in ends.iter_mut() {
            *p = part.ids[*p as usize];
        }
    }

    /// [`Scanner::ends_at`] for a word start, its token `t`, but without
    /// the aliases that end inside the token (they end before a word
    /// character, so none is a mention): the walk starts after the token,
    /// whose state [`FirstTokens`] knows; a token that is no alias's first
    /// token starts no alias.
    #[inline]
    fn ends_after_token(&self, hay: &str, t: &Token, ends: &mut Vec<(u32, usize)>) {
        ends.clear();
        let Some(after) = self.firsts.get(hay.as_bytes(), t) else {
            return;
        };
        let part = self.part(hay.as_bytes()[t.start]);
        if let Some(p) = after.whole {
            ends.push((p, t.end));
        }
        if hay
            .as_bytes()
            .get(t.end)
            .is_some_and(|&c| after.goes_on_with(c))
        {
            walk(&part.nfa, hay, t.start, t.end, after.state, ends);
        }
        for (p, _) in ends.iter_mut() {
            *p = part.ids[*p as usize];
        }
    }
}

/// A byte of text as the automaton reads it: ASCII letters in lower case
/// (its aliases are; the case rules look at the text itself).
#[inline]
fn fold(b: u8) -> u8 {
    b.to_ascii_lowercase()
}

/// The alias of mentions made by an acronym the cable defines
/// ([`crate::acronyms`]).
pub const DEFINED_ALIAS: &str = "(acronym defined in the cable)";

/// Reusable scratch buffers for matching, one set per thread: the
/// normalised texts of one call, their mentions and the ends of one walk.
#[derive(Default, Debug)]
pub struct Scratch {
    norms: Vec<Normalized>,
    found: Vec<Vec<Mention>>,
    /// The matches of one anchored walk: (pattern, end).
    ends: Vec<(u32, usize)>,
    /// The word bytes of the text being searched.
    mask: WordMask,
}

impl Scratch {
    /// New, empty scratch buffers.
    pub fn new() -> Scratch {
        Scratch::default()
    }

    /// Room for `n` texts, emptied.
    fn reset(&mut self, n: usize) {
        if self.norms.len() < n {
            self.norms.resize_with(n, Normalized::new);
            self.found.resize_with(n, Vec::new);
        }
        for f in &mut self.found[..n] {
            f.clear();
        }
    }
}

/// The one word-character rule: a letter, a digit or `_` (a name never
/// starts or ends inside a word).
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// [`is_word_char`] of an ASCII byte.
#[inline]
pub(crate) fn is_ascii_word(b: u8) -> bool {
    b == b'_' || b.is_ascii_alphanumeric()
}

/// Is the character that ends right before byte `i` a word character?
#[inline]
pub(crate) fn word_before(hay: &str, i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let b = hay.as_bytes()[i - 1];
    if b < 0x80 {
        return is_ascii_word(b);
    }
    hay[..i].chars().next_back().is_some_and(is_word_char)
}

/// Is the character that starts at byte `i` a word character?
#[inline]
pub(crate) fn word_at(hay: &str, i: usize) -> bool {
    match hay.as_bytes().get(i) {
        None => false,
        Some(&b) if b < 0x80 => is_ascii_word(b),
        Some(_) => hay[i..].chars().next().is_some_and(is_word_char),
    }
}

impl Matcher {
    /// Compile every alias of every entity, or say why the automaton
    /// cannot be built (a gazetteer too large for its state identifiers:
    /// the automaton crate's `BuildError`, returned, never a panic).
    pub fn new(gazetteer: &Gazetteer) -> Result<Matcher, BuildError> {
        let (mut m, aliases) = Matcher::tables(gazetteer);
        m.scanner = build_scanner(&aliases)?;
        Ok(m)
    }

    /// [`Matcher::new`] in two halves: the pattern tables now, the
    /// automaton (most of the work) on a thread of its own, so that what
    /// needs only the tables (the resolve stage's, the acronym linker's)
    /// is built meanwhile. [`Building::finish`] waits for it.
    pub fn start(gazetteer: &Gazetteer) -> Building {
        let (matcher, aliases) = Matcher::tables(gazetteer);
        let aliases = std::sync::Arc::new(aliases);
        let theirs = std::sync::Arc::clone(&aliases);
        let build = std::thread::Builder::new()
            .name("automaton".into())
            .spawn(move || build_scanner(&theirs));
        Building {
            matcher,
            build: match build {
                Ok(handle) => Pending::Thread(handle),
                // no thread to be had: built at `finish`, in this one
                Err(_) => Pending::Here(aliases),
            },
        }
    }

    /// The pattern tables of [`Matcher::new`], with no automaton, and the
    /// searched aliases in the automaton's lower case.
    fn tables(gazetteer: &Gazetteer) -> (Matcher, Vec<String>) {
        let mut patterns = Vec::new();
        // a generic name several countries' bodies share is searched once,
        // for its first owner; the resolve stage picks the cable's country's
        // (its later owners' patterns come after the "defined" ones, not
        // searched: a mention re-linked to one of them keeps its alias)
        let mut searched_forms = HashMap::default();
        let mut shared = Vec::new();
        let mut shared_of = HashMap::default();
        let mut surnames = Vec::new();
        for (i, e) in gazetteer.entities().iter().enumerate() {
            // a person's bare surnames are searched like aliases; the
            // resolve stage decides where they name the person
            let own = gazetteer.surnames(i as u32);
            let forms = e.aliases.iter().map(|a| (a, false));
            for (a, surname) in forms.chain(own.iter().map(|a| (a, true))) {
                let normalized = normalize(a).trim().to_string();
                if normalized.is_empty() {
                    continue;
                }
                let exact_case = !a.chars().any(char::is_lowercase);
                let pattern = Pattern {
                    entity: i as u32,
                    alias: a.clone(),
                    exact_case,
                    normalized,
                };
                match searched_forms.entry((pattern.normalized.clone(), exact_case)) {
                    Entry::Vacant(v) => {
                        v.insert((i, patterns.len() as u32));
                        if surname {
                            surnames.push(patterns.len() as u32);
                        }
                        patterns.push(pattern);
                    }
                    Entry::Occupied(o) if o.get().0 != i => {
                        shared_of.insert((o.get().1, i as u32), shared.len());
                        shared.push(pattern);
                    }
                    Entry::Occupied(_) => {}
                }
            }
        }
        let searched = patterns.len();
        let defined = |patterns: &mut Vec<Pattern>| {
            for i in 0..gazetteer.len() {
                patterns.push(Pattern {
                    entity: i as u32,
                    alias: DEFINED_ALIAS.to_string(),
                    normalized: String::new(),
                    exact_case: true,
                });
            }
        };
        // case is folded on the text's bytes as the search reads them
        // (`fold`), so the automaton holds lower-case aliases only (see the
        // module docs)
        let aliases: Vec<String> = patterns
            .iter()
            .map(|p| p.normalized.to_ascii_lowercase())
            .collect();
        defined(&mut patterns);
        let shared_from = patterns.len();
        patterns.extend(shared);
        let shared_of = shared_of
            .into_iter()
            .map(|(k, n)| (k, (shared_from + n) as u32))
            .collect();
        let m = Matcher {
            scanner: None,
            patterns,
            searched,
            shared_from,
            shared_of,
            surnames,
            twins: OnceLock::new(),
        };
        (m, aliases)
    }

    /// Is pattern `p` a person's bare surname (the gazetteer's `surname`
    /// column): searched like an alias, but never one, only ever judged
    /// by the resolve stage?
    pub fn is_surname(&self, p: u32) -> bool {
        self.surnames.binary_search(&p).is_ok()
    }

    /// The pattern of entity `entity`'s acronyms defined in a cable
    /// ([`crate::acronyms`]): not searched for, its alias is
    /// [`DEFINED_ALIAS`].
    pub fn defined_pattern(&self, entity: u32) -> u32 {
        (self.searched + entity as usize) as u32
    }

    /// The patterns the automaton searches (the aliases), without the
    /// "defined in the cable" ones; pattern `i` here is pattern `i` of
    /// [`Matcher::patterns`].
    pub fn searched_patterns(&self) -> &[Pattern] {
        &self.patterns[..self.searched]
    }

    /// Is pattern `p` one of the "defined in the cable" patterns?
    pub fn is_defined_pattern(&self, p: u32) -> bool {
        (self.searched..self.shared_from).contains(&(p as usize))
    }

    /// (searched pattern `p`, entity) → that entity's own pattern of the
    /// generic name `p` searches, when it shares that name with `p`'s
    /// entity.
    pub(crate) fn shared_patterns(&self) -> &HashMap<(u32, u32), u32> {
        &self.shared_of
    }

    /// The compiled patterns, indexed by [`Mention::pattern`]: the
    /// searched aliases, then one "defined in the cable" pattern per
    /// entity ([`Matcher::defined_pattern`]), then the later owners of a
    /// generic name several entities share (not searched: the resolve stage
    /// re-links a mention of the first owner's to them).
    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    /// Does the match of pattern `p` at `s..e` of `hay` pass the rules?
    #[inline]
    fn accept(&self, hay: &str, p: usize, s: usize, e: usize) -> bool {
        !word_at(hay, e)
            && (!self.patterns[p].exact_case || hay[s..e] == self.patterns[p].normalized)
    }

    /// Find the mentions in `text`, appending them to `out` in text order.
    pub fn find_into(&self, text: &str, scratch: &mut Scratch, out: &mut Vec<Mention>) {
        self.find_each(
            1,
            |_| text,
            scratch,
            |_, _, found| out.extend_from_slice(found),
        );
    }

    /// Find the mentions in each of `count` texts (a cable's paragraphs):
    /// `each(i, normalised text i, its mentions in text order)` is called
    /// for every text, in order.
    pub fn find_each<'t>(
        &self,
        count: usize,
        text: impl Fn(usize) -> &'t str,
        scratch: &mut Scratch,
        mut each: impl FnMut(usize, &Normalized, &[Mention]),
    ) {
        scratch.reset(count);
        for i in 0..count {
            normalize_into(text(i), &mut scratch.norms[i]);
        }
        let (norms, found) = (&scratch.norms[..count], &mut scratch.found[..count]);
        if let Some(scanner) = &self.scanner {
            for (norm, out) in norms.iter().zip(found.iter_mut()) {
                self.scan_words(scanner, norm, out, &mut scratch.ends, &mut scratch.mask);
            }
        }
        for i in 0..count {
            collapse_definitions(text(i), &mut found[i], 0);
            each(i, &norms[i], &found[i]);
        }
    }

    /// Every whole-word leftmost-longest match in `norm`: the word starts
    /// the filter lets through ([`Starts`]), each searched with the anchored
    /// automaton for its longest alias that passes the rules.
    fn scan_words(
        &self,
        scanner: &Scanner,
        norm: &Normalized,
        out: &mut Vec<Mention>,
        ends: &mut Vec<(u32, usize)>,
        mask: &mut WordMask,
    ) {
        let hay = norm.text.as_str();
        let starts = &scanner.starts;
        mask.fill(hay);
        // no match starts before `pos` (the end of the last one)
        let mut pos = 0;
        // the next place an alias that starts with no word character may
        // begin (`#YoSoy132`): rare, found with `memchr`
        let mut other = starts.next_other(hay, 0);
        let mut tokens = mask.tokens();
        let mut cur = tokens.next(hay.as_bytes());
        while let Some(t) = cur {
            while let Some(o) = other.filter(|&o| o < t.start) {
                pos = self.other_at(scanner, norm, o, pos, out, ends);
                other = starts.next_other(hay, o + 1);
            }
            let next = tokens.next(hay.as_bytes());
            if t.start >= pos && starts.candidate(&t, next.as_ref()) {
                scanner.ends_after_token(hay, &t, ends);
                if let Some((p, e)) = self.longest_of(hay, t.start, ends) {
                    self.push(norm, p, t.start, e, out);
                    pos = e;
                }
            }
            cur = next;
        }
        while let Some(o) = other {
            pos = self.other_at(scanner, norm, o, pos, out, ends);
            other = starts.next_other(hay, o + 1);
        }
    }

    /// Search at `o`, a byte an alias that starts with no word character
    /// starts with; returns the new `pos`.
    #[cold]
    fn other_at(
        &self,
        scanner: &Scanner,
        norm: &Normalized,
        o: usize,
        pos: usize,
        out: &mut Vec<Mention>,
        ends: &mut Vec<(u32, usize)>,
    ) -> usize {
        let hay = norm.text.as_str();
        if o < pos || !hay.is_char_boundary(o) || word_before(hay, o) {
            return pos;
        }
        match self.longest_at(scanner, hay, o, ends) {
            Some((p, e)) => {
                self.push(norm, p, o, e, out);
                e
            }
            None => pos,
        }
    }

    /// The longest alias at `s` that passes the rules: every alias that
    /// starts there ([`ends_at`]), tried longest first.
    #[inline]
    fn longest_at(
        &self,
        scanner: &Scanner,
        hay: &str,
        s: usize,
        ends: &mut Vec<(u32, usize)>,
    ) -> Option<(usize, usize)> {
        scanner.ends_at(hay, s, ends);
        self.longest_of(hay, s, ends)
    }

    /// The longest of the aliases in `ends` (starting at `s`, shortest
    /// first) that passes the rules.
    #[inline]
    fn longest_of(&self, hay: &str, s: usize, ends: &[(u32, usize)]) -> Option<(usize, usize)> {
        ends.iter()
            .rev()
            .map(|&(p, e)| (p as usize, e))
            .find(|&(p, e)| self.accept(hay, p, s, e))
    }

    #[inline]
    fn push(&self, norm: &Normalized, p: usize, s: usize, e: usize, out: &mut Vec<Mention>) {
        let (os, oe) = norm.original_span(s, e);
        out.push(Mention {
            entity: self.patterns[p].entity,
            pattern: p as u32,
            start: os,
            end: oe,
            rule: Rule::Match,
        });
    }

    /// Record every occurrence of every alias in `norm` (a normalised
    /// text, e.g. the one [`Matcher::find_each`] hands on), each with the
    /// verdict of the whole-word and case rules, appending to `out`: by
    /// start; at one start longest first; occurrences of aliases with the
    /// same text up to ASCII case in pattern order. Spans are in the
    /// original text.
    ///
    /// Every character is a start the anchored automaton is walked from,
    /// so this costs a walk per character: for `explain`, never for
    /// `extract`.
    pub fn candidates_into(&self, norm: &Normalized, out: &mut Vec<Candidate>) {
        let Some(scanner) = &self.scanner else {
            return;
        };
        let twins = self.twins.get_or_init(|| self.twins());
        let hay = norm.text.as_str();
        let mut ends = Vec::new();
        for (s, _) in hay.char_indices() {
            scanner.ends_at(hay, s, &mut ends);
            for &(p, e) in ends.iter().rev() {
                let (os, oe) = norm.original_span(s, e);
                for &p in &twins.groups[twins.group[p as usize] as usize] {
                    let pat = &self.patterns[p as usize];
                    let verdict = if word_before(hay, s) || word_at(hay, e) {
                        Verdict::NotWholeWord
                    } else if pat.exact_case && hay[s..e] != pat.normalized {
                        Verdict::Case
                    } else {
                        Verdict::Fits
                    };
                    out.push(Candidate {
                        pattern: p,
                        start: os,
                        end: oe,
                        verdict,
                    });
                }
            }
        }
    }

    /// The groups of patterns with one text up to ASCII case (see
    /// [`Twins`]).
    fn twins(&self) -> Twins {
        let mut by_text: std::collections::HashMap<String, u32> = Default::default();
        let mut groups: Vec<Vec<u32>> = Vec::new();
        let mut group = Vec::with_capacity(self.searched);
        for (i, p) in self.searched_patterns().iter().enumerate() {
            let g = *by_text
                .entry(p.normalized.to_ascii_lowercase())
                .or_insert_with(|| {
                    groups.push(Vec::new());
                    (groups.len() - 1) as u32
                });
            groups[g as usize].push(i as u32);
            group.push(g);
        }
        Twins { group, groups }
    }

    /// Find the mentions in `text` (allocating; see [`Matcher::find_into`]).
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let mut out = Vec::new();
        self.find_into(text, &mut Scratch::new(), &mut out);
        out
    }
}

/// Every alias that starts at byte `s` of `hay`, as `(pattern, end)` in
/// `ends`, shortest first: the anchored automaton walked from `s`, reading
/// ASCII letters in lower case, until it dies. (A state also carries the
/// matches of its suffixes, "public" those of "blic": only an alias that
/// starts at `s` counts.)
#[inline]
fn ends_at(nfa: &contiguous::NFA, hay: &str, s: usize, ends: &mut Vec<(u32, usize)>) {
    ends.clear();
    if let Ok(sid) = nfa.start_state(Anchored::Yes) {
        walk(nfa, hay, s, s, sid, ends);
    }
}

/// Walk `nfa` on from state `sid` at byte `from` of `hay` (the walk
/// started at `s`), pushing every alias that starts at `s` and ends on
/// the way, as [`ends_at`] does.
#[inline]
fn walk(
    nfa: &contiguous::NFA,
    hay: &str,
    s: usize,
    from: usize,
    mut sid: aho_corasick::automaton::StateID,
    ends: &mut Vec<(u32, usize)>,
) {
    for (i, &c) in hay.as_bytes().iter().enumerate().skip(from) {
        sid = nfa.next_state(Anchored::Yes, sid, fold(c));
        if nfa.is_special(sid) {
            if nfa.is_dead(sid) {
                break;
            }
            if nfa.is_match(sid) {
                let e = i + 1;
                if let Some(p) = (0..nfa.match_len(sid))
                    .map(|k| nfa.match_pattern(sid, k))
                    .find(|&p| nfa.pattern_len(p) == e - s)
                {
                    ends.push((p.as_u32(), e));
                }
            }
        }
    }
}

/// The automaton of these lower-case aliases and the filter of where they
/// can start (none for no aliases): what `AhoCorasick::builder()` would
/// build with these options, built directly so that the search can walk
/// it. Its two parts ([`Scanner::parts`]) are built at once, one on a
/// thread of its own.
fn build_scanner(aliases: &[String]) -> Result<Option<Scanner>, BuildError> {
    if aliases.is_empty() {
        return Ok(None);
    }
    let part_of = halves(aliases);
    let (first, second) = std::thread::scope(|scope| {
        let other = std::thread::Builder::new()
            .name("automaton-2".into())
            .spawn_scoped(scope, || build_part(aliases, &part_of, 1));
        let first = build_part(aliases, &part_of, 0);
        let second = match other {
            Ok(h) => h
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // no thread to be had: built here, after the first
            Err(_) => build_part(aliases, &part_of, 1),
        };
        (first, second)
    });
    let starts = Starts::new(aliases.iter().map(String::as_str));
    let ((first, first_tokens), (second, second_tokens)) = (first?, second?);
    let parts = vec![first, second];
    let firsts = FirstTokens::join(vec![first_tokens, second_tokens]);
    Ok(Some(Scanner {
        parts,
        part_of,
        starts,
        firsts,
    }))
}

/// Split the aliases' first bytes in two (the bytes in order, cut where
/// half the aliases' bytes are on each side): the part of each byte.
fn halves(aliases: &[String]) -> [u8; 256] {
    let mut weight = [0usize; 256];
    for a in aliases {
        if let Some(&b) = a.as_bytes().first() {
            weight[usize::from(b)] += a.len();
        }
    }
    let total: usize = weight.iter().sum();
    let mut part_of = [0u8; 256];
    let mut before = 0;
    for (b, w) in weight.iter().enumerate() {
        if before >= total / 2 {
            part_of[b] = 1;
        }
        before += w;
    }
    part_of
}

/// The automaton of the aliases whose first byte is in part `k`, and
/// where their first tokens lead in it.
fn build_part(
    aliases: &[String],
    part_of: &[u8; 256],
    k: u8,
) -> Result<(Part, PartTokens), BuildError> {
    let (ids, mine): (Vec<u32>, Vec<&str>) = aliases
        .iter()
        .enumerate()
        .filter(|(_, a)| {
            a.as_bytes()
                .first()
                .is_some_and(|&b| part_of[usize::from(b)] == k)
        })
        .map(|(i, a)| (i as u32, a.as_str()))
        .unzip();
    let trie = noncontiguous::Builder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&mine)?;
    let nfa = contiguous::Builder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build_from_noncontiguous(&trie)?;
    let tokens = PartTokens::new(mine.iter().copied(), &nfa);
    Ok((Part { nfa, ids }, tokens))
}

/// A matcher whose automaton is being built ([`Matcher::start`]).
#[derive(Debug)]
pub struct Building {
    /// The pattern tables; no automaton yet.
    matcher: Matcher,
    build: Pending,
}

#[derive(Debug)]
enum Pending {
    Thread(std::thread::JoinHandle<Result<Option<Scanner>, BuildError>>),
    /// The aliases, to build from when no thread could be started.
    Here(std::sync::Arc<Vec<String>>),
}

impl Building {
    /// The pattern tables ([`Matcher::patterns`] and the like), ready now;
    /// the automaton is not, so this matcher finds nothing.
    pub fn tables(&self) -> &Matcher {
        &self.matcher
    }

    /// Wait for the automaton: the whole [`Matcher`], or why it could not
    /// be built.
    pub fn finish(self) -> Result<Matcher, BuildError> {
        let mut m = self.matcher;
        m.scanner = match self.build {
            Pending::Thread(h) => h
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?,
            Pending::Here(aliases) => build_scanner(&aliases)?,
        };
        Ok(m)
    }
}

/// Drop a mention that repeats the previous one's entity in parentheses
/// right after it: `Long Form (ACR)`, `Long Form's (ACR)`.
fn collapse_definitions(text: &str, out: &mut Vec<Mention>, first: usize) {
    let mut i = first + 1;
    while i < out.len() {
        let (a, b) = (out[i - 1], out[i]);
        if a.entity == b.entity
            && is_definition_gap(&text[a.end..b.start])
            && text[b.end..].starts_with(')')
        {
            out.remove(i);
        } else {
            i += 1;
        }
    }
}

/// Is `gap` an optional possessive, white space and one opening parenthesis?
pub(crate) fn is_definition_gap(gap: &str) -> bool {
    let g = gap
        .strip_prefix("'s")
        .or_else(|| gap.strip_prefix("’s"))
        .unwrap_or(gap);
    g.trim_start()
        .strip_prefix('(')
        .is_some_and(|rest| rest.trim().is_empty())
}

/// A mention located in a cable: paragraph index and the match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Located {
    /// Index into `cable.paragraphs`.
    pub paragraph: usize,
    /// The mention.
    pub mention: Mention,
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, Input};

    const GAZ: &str = "id,type,name,aliases,notes
mx-pgr,agency,Attorney General's Office,PGR|Procuraduría General de la República,
mx-sedena,agency,SEDENA,Secretariat of National Defense,
prog-merida,program,Merida Initiative,Merida,
person-calderon,person,Felipe Calderón,Calderon,
us-northcom,agency,NORTHCOM,NORTHCOM J2,
us-embassy-london,agency,Embassy London,,
place-london,place,London,,
";

    /// More aliases for the search's property test: one that a longer
    /// alias's state carries as a suffix (`Blic` in `Public Ministry`'s
    /// "public"), one that starts with no word character, punctuation
    /// inside aliases, and (with a merged gazetteer's `Pan`) two aliases one
    /// up to case, one of them exact.
    const MORE: &str = "media-blic,organization,Blic,,
mx-mp,agency,Public Ministry,Publica,
mx-yosoy,organization,#YoSoy132,,
us-usg,agency,U.S. Government,U.S.|USG,
int-g20,organization,G-20,G20,
mx-pan,organization,PAN,,
";

    fn matcher() -> (Gazetteer, Matcher) {
        let g = Gazetteer::from_sources(&[("t.csv".into(), GAZ.as_bytes())]).unwrap();
        let m = Matcher::new(&g).unwrap();
        (g, m)
    }

    /// The automaton's two parts: aliases split by their first byte, so
    /// that one part may hold them all and the other none.
    #[test]
    fn the_automaton_in_parts_finds_every_alias() {
        let lower = |v: &[&str]| v.iter().map(|a| a.to_string()).collect::<Vec<_>>();
        // one first byte: every alias in part 0, part 1 empty
        let one = halves(&lower(&["pgr", "pemex"]));
        assert_eq!(one[usize::from(b'p')], 0);
        assert!(one[usize::from(b'q')..].iter().all(|&k| k == 1));
        // many: the cut falls where half the aliases' bytes are on each side
        let many = halves(&lower(&["abc", "bcd", "xyz", "yza"]));
        assert_eq!((many[usize::from(b'a')], many[usize::from(b'b')]), (0, 0));
        assert_eq!((many[usize::from(b'x')], many[usize::from(b'y')]), (1, 1));
        for csv in [
            "id,type,name,aliases,notes\nmx-pgr,agency,PGR,Pemex,\n",
            "id,type,name,aliases,notes\nmx-pgr,agency,PGR,,\nmx-ssp,agency,SSP,Sedena|Zeta Group,\n",
        ] {
            let g = Gazetteer::from_sources(&[("t.csv".into(), csv.as_bytes())]).unwrap();
            let m = Matcher::new(&g).unwrap();
            let text = "PGR, Pemex, SSP, Sedena and the Zeta Group met.";
            let got: Vec<(&str, &str)> = m
                .find(text)
                .iter()
                .map(|x| {
                    let id = g.entities()[x.entity as usize].id.as_str();
                    (&text[x.start..x.end], id)
                })
                .collect();
            let want: Vec<(&str, &str)> = [
                ("PGR", "mx-pgr"),
                ("Pemex", "mx-pgr"),
                ("SSP", "mx-ssp"),
                ("Sedena", "mx-ssp"),
                ("Zeta Group", "mx-ssp"),
            ]
            .into_iter()
            .filter(|(w, _)| csv.contains(w))
            .collect();
            assert_eq!(got, want);
        }
    }

    /// (entity id, surface) for every mention.
    fn found(text: &str) -> Vec<(String, String)> {
        let (g, m) = matcher();
        m.find(text)
            .into_iter()
            .map(|x| {
                (
                    g.entities()[x.entity as usize].id.clone(),
                    text[x.start..x.end].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn a_matcher_started_in_two_halves_is_the_same_matcher() {
        let (g, whole) = matcher();
        let building = Matcher::start(&g);
        // the tables are ready at once, the same as the whole matcher's
        let tables = building.tables();
        assert_eq!(tables.patterns().len(), whole.patterns().len());
        assert_eq!(tables.defined_pattern(3), whole.defined_pattern(3));
        assert!(tables.find("PGR and SEDENA").is_empty());
        let m = building.finish().unwrap();
        let text = "PGR, SEDENA's Merida Initiative; Embassy London, AMEMBASSY LONDON.";
        assert_eq!(m.find(text), whole.find(text));
        assert_eq!(m.find(text).len(), 5);
    }

    /// The search as it once was, on the crate's own iterator: an
    /// unanchored leftmost-longest search, and on a rejected match a retry
    /// anchored at the same start with ever shorter limits, else one
    /// character on. The oracle the word-start search must agree with.
    fn oracle(m: &Matcher, text: &str) -> Vec<Mention> {
        let mut norm = Normalized::new();
        normalize_into(text, &mut norm);
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(m.searched_patterns().iter().map(|p| p.normalized.as_str()))
            .unwrap();
        // the retries on an automaton of the crate's own, searched only
        // anchored (the matcher uses its scanner's NFA)
        let anchored = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(m.searched_patterns().iter().map(|p| p.normalized.as_str()))
            .unwrap();
        let hay = norm.text.as_str();
        let mut out = Vec::new();
        let mut pos = 0;
        'search: while pos < hay.len() {
            for x in ac.find_iter(Input::new(hay).span(pos..hay.len())) {
                let (s, e, p) = (x.start(), x.end(), x.pattern().as_usize());
                if !word_before(hay, s) && m.accept(hay, p, s, e) {
                    m.push(&norm, p, s, e, &mut out);
                    continue;
                }
                let mut found = None;
                if !word_before(hay, s) {
                    let mut lim = e - 1;
                    while lim > s {
                        match anchored.find(Input::new(hay).span(s..lim).anchored(Anchored::Yes)) {
                            Some(m2) => {
                                if m.accept(hay, m2.pattern().as_usize(), s, m2.end()) {
                                    found = Some((m2.pattern().as_usize(), m2.end()));
                                    break;
                                }
                                lim = m2.end() - 1;
                            }
                            None => break,
                        }
                    }
                }
                pos = match found {
                    Some((p2, e2)) => {
                        m.push(&norm, p2, s, e2, &mut out);
                        e2
                    }
                    None => next_char(hay, s),
                };
                continue 'search;
            }
            break;
        }
        collapse_definitions(text, &mut out, 0);
        out
    }

    fn next_char(s: &str, i: usize) -> usize {
        let mut j = i + 1;
        while j < s.len() && !s.is_char_boundary(j) {
            j += 1;
        }
        j
    }

    mod search {
        use super::*;
        use proptest::prelude::*;

        fn words() -> impl Strategy<Value = String> {
            let word = prop_oneof![
                Just("PGR"),
                Just("pgr"),
                Just("SEDENA"),
                Just("Merida"),
                Just("Initiative"),
                Just("Embassy"),
                Just("London"),
                Just("LONDON"),
                Just("NORTHCOM"),
                Just("J2"),
                Just("Calderón"),
                Just("(SEDENA)"),
                Just("the"),
                Just("x"),
                Just("Procuraduría"),
                Just("General"),
                Just("de"),
                Just("la"),
                Just("República"),
                Just("'s"),
                Just("Public"),
                Just("Publica"),
                Just("Ministry"),
                Just("Blic"),
                Just("#YoSoy132"),
                Just("#"),
                Just("U.S."),
                Just("U.S"),
                Just("USG"),
                Just("G-20"),
                Just("G"),
                Just("20"),
                Just("Pan"),
                Just("PAN"),
                Just("pan"),
            ];
            let sep = prop_oneof![
                Just(" "),
                Just("  "),
                Just("\n"),
                Just(""),
                Just("-"),
                Just(", ")
            ];
            proptest::collection::vec((word, sep), 0..14)
                .prop_map(|v| v.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
        }

        /// Every occurrence of every alias, as an overlapping search of
        /// the crate finds them (what `explain` once built a second
        /// automaton for): (pattern, start, end) in the original text.
        fn overlapping(m: &Matcher, text: &str) -> Vec<(u32, usize, usize)> {
            let mut norm = Normalized::new();
            normalize_into(text, &mut norm);
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(true)
                .build(m.searched_patterns().iter().map(|p| p.normalized.as_str()))
                .unwrap();
            let mut v: Vec<(u32, usize, usize)> = ac
                .find_overlapping_iter(norm.text.as_str())
                .map(|c| {
                    let (s, e) = norm.original_span(c.start(), c.end());
                    (c.pattern().as_u32(), s, e)
                })
                .collect();
            // by start, longest first; one span's patterns in pattern order
            v.sort_by_key(|&(p, s, e)| (s, std::cmp::Reverse(e), p));
            v
        }

        proptest! {
            /// The recorded candidates are exactly the occurrences an
            /// overlapping search finds, in order, and the ones that fit
            /// the rules include every mention.
            #[test]
            fn candidates_are_every_occurrence(text in words()) {
                // with aliases that are one text up to case (one of them
                // needing exact case): the anchored search sees one of each
                // (a gazetteer file may not hold them; a merged one may)
                let (g, _) = matcher();
                let mut all = g.entities().to_vec();
                all.push(crate::gazetteer::Entity {
                    id: "place-merida".into(),
                    kind: "place".into(),
                    name: "Merida City".into(),
                    aliases: vec!["MERIDA".into(), "merida".into(), "Initiative".into()],
                    notes: String::new(),
                    origin: "t.csv:9".into(),
                });
                let m = Matcher::new(&Gazetteer::from_entities(all)).unwrap();
                let mut norm = Normalized::new();
                normalize_into(&text, &mut norm);
                let mut found = Vec::new();
                m.candidates_into(&norm, &mut found);
                let got: Vec<(u32, usize, usize)> =
                    found.iter().map(|c| (c.pattern, c.start, c.end)).collect();
                prop_assert_eq!(&got, &overlapping(&m, &text));
                for x in m.find(&text) {
                    prop_assert!(found.iter().any(|c| c.pattern == x.pattern
                        && c.start == x.start
                        && c.end == x.end
                        && c.verdict == Verdict::Fits));
                }
            }

            /// Several texts searched in one call find what each finds
            /// alone, and what the crate's own iterator finds.
            #[test]
            fn the_search_is_the_crates(texts in proptest::collection::vec(words(), 0..9)) {
                let gaz = format!("{GAZ}{MORE}");
                let g = Gazetteer::from_sources(&[("t.csv".into(), gaz.as_bytes())]).unwrap();
                let mut all = g.entities().to_vec();
                all.push(crate::gazetteer::Entity {
                    id: "place-pan".into(),
                    kind: "place".into(),
                    name: "Pan".into(),
                    aliases: vec!["Pan".into()],
                    notes: String::new(),
                    origin: "u.csv:2".into(),
                });
                let m = Matcher::new(&Gazetteer::from_entities(all)).unwrap();
                let mut each = Vec::new();
                m.find_each(texts.len(), |i| &texts[i], &mut Scratch::new(), |i, _, found| {
                    each.push((i, found.to_vec()));
                });
                prop_assert_eq!(each.len(), texts.len());
                for (i, found) in each {
                    prop_assert_eq!(&found, &m.find(&texts[i]), "text {} alone", i);
                    prop_assert_eq!(&found, &oracle(&m, &texts[i]), "text {} by the crate", i);
                }
            }
        }
    }

    macro_rules! t {
        ($name:ident, $text:expr, [$(($id:expr, $surface:expr)),* $(,)?]) => {
            #[test]
            fn $name() {
                let want: Vec<(String, String)> = vec![$(($id.to_string(), $surface.to_string())),*];
                assert_eq!(found($text), want);
            }
        };
    }

    t!(
        across_line_break,
        "the Merida\nInitiative funds",
        [("prog-merida", "Merida\nInitiative")]
    );
    t!(
        doubled_spaces,
        "The  Merida  Initiative  provides",
        [("prog-merida", "Merida  Initiative")]
    );
    t!(possessive, "SEDENA's interest", [("mx-sedena", "SEDENA")]);
    t!(
        diacritics_in_text,
        "President Calderón said",
        [("person-calderon", "Calderón")]
    );
    t!(
        diacritics_in_alias,
        "the Procuraduria General de la Republica",
        [("mx-pgr", "Procuraduria General de la Republica")]
    );
    t!(
        typographic_apostrophe,
        "the Attorney General’s Office, PGR",
        [("mx-pgr", "Attorney General’s Office"), ("mx-pgr", "PGR")]
    );
    t!(
        definition_counts_once,
        "the Secretariat of National Defense's (SEDENA) and SEDENA",
        [
            ("mx-sedena", "Secretariat of National Defense"),
            ("mx-sedena", "SEDENA")
        ]
    );
    t!(
        definition_across_break,
        "the Attorney\nGeneral's  Office  (PGR)",
        [("mx-pgr", "Attorney\nGeneral's  Office")]
    );
    t!(
        parenthesis_of_other_entity_stays,
        "SEDENA (PGR)",
        [("mx-sedena", "SEDENA"), ("mx-pgr", "PGR")]
    );
    t!(
        end_of_line_hyphen,
        "the Procura-\nduría General de la República",
        [("mx-pgr", "Procura-\nduría General de la República")]
    );
    t!(exact_case_acronym, "PGRX pgr Pgr PGR", [("mx-pgr", "PGR")]);
    t!(
        any_case_for_mixed_alias,
        "MERIDA INITIATIVE and merida",
        [
            ("prog-merida", "MERIDA INITIATIVE"),
            ("prog-merida", "merida")
        ]
    );
    t!(
        longest_wins,
        "NORTHCOM J2 visited; NORTHCOM too",
        [("us-northcom", "NORTHCOM J2"), ("us-northcom", "NORTHCOM")]
    );
    t!(
        longest_across_break,
        "NORTHCOM\nJ2 visited",
        [("us-northcom", "NORTHCOM\nJ2")]
    );
    t!(
        rejected_longest_does_not_hide_shorter,
        "RUEHLO/AMEMBASSY LONDON PRIORITY",
        [("place-london", "LONDON")]
    );
    t!(not_inside_words, "Meridas Calderonistas", []);
    t!(
        exact_case_needs_exact_case_only_for_caps_alias,
        "northcom j2",
        []
    );

    #[test]
    fn surfaces_are_exact_slices() {
        let text = "¶3. “Calderón’s”  Attorney\n General’s  office and PGR's SEDENA.";
        let (_, m) = matcher();
        let ms = m.find(text);
        assert_eq!(ms.len(), 4, "{ms:?}");
        for x in ms {
            assert!(text.is_char_boundary(x.start) && text.is_char_boundary(x.end));
        }
    }
}
