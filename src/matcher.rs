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
//! The automaton kind is chosen on purpose: a DFA is fastest for the
//! default gazetteer and up to about ten thousand aliases; beyond that its
//! memory grows past what it gains (659 MB for 100,000 aliases in the peer
//! benchmark, and slower than the contiguous NFA there), so larger
//! gazetteers get a contiguous NFA.

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

use crate::gazetteer::Gazetteer;
use crate::normalize::{normalize, normalize_into, Normalized};

/// Above this many aliases the matcher uses a contiguous NFA, not a DFA.
pub const DFA_ALIAS_LIMIT: usize = 10_000;

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
}

/// The compiled gazetteer.
#[derive(Clone, Debug)]
pub struct Matcher {
    ac: Option<AhoCorasick>,
    /// The same aliases, searched only anchored (the retries after a
    /// rejected match): a contiguous NFA, small and quick to build, since
    /// retries are rare.
    anchored: Option<AhoCorasick>,
    /// The searched aliases, then one "defined in the cable" pattern per
    /// entity.
    patterns: Vec<Pattern>,
    /// How many patterns the automaton searches.
    searched: usize,
}

/// The alias of mentions made by an acronym the cable defines
/// ([`crate::acronyms`]).
pub const DEFINED_ALIAS: &str = "(acronym defined in the cable)";

/// A reusable scratch buffer for matching, one per thread.
#[derive(Default, Debug)]
pub struct Scratch {
    norm: Normalized,
}

impl Scratch {
    /// A new, empty scratch buffer.
    pub fn new() -> Scratch {
        Scratch::default()
    }

    /// The text of the last [`Matcher::find_into`] call, normalised.
    pub fn normalized(&self) -> &Normalized {
        &self.norm
    }
}

#[inline]
fn is_word_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// Is the character that ends right before byte `i` a word character?
#[inline]
pub(crate) fn word_before(hay: &str, i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let b = hay.as_bytes()[i - 1];
    if b < 0x80 {
        return b == b'_' || b.is_ascii_alphanumeric();
    }
    hay[..i].chars().next_back().is_some_and(is_word_char)
}

/// Is the character that starts at byte `i` a word character?
#[inline]
pub(crate) fn word_at(hay: &str, i: usize) -> bool {
    match hay.as_bytes().get(i) {
        None => false,
        Some(&b) if b < 0x80 => b == b'_' || b.is_ascii_alphanumeric(),
        Some(_) => hay[i..].chars().next().is_some_and(is_word_char),
    }
}

impl Matcher {
    /// Compile every alias of every entity.
    pub fn new(gazetteer: &Gazetteer) -> Matcher {
        let mut patterns = Vec::new();
        for (i, e) in gazetteer.entities().iter().enumerate() {
            for a in &e.aliases {
                let normalized = normalize(a).trim().to_string();
                if normalized.is_empty() {
                    continue;
                }
                patterns.push(Pattern {
                    entity: i as u32,
                    alias: a.clone(),
                    exact_case: !a.chars().any(char::is_lowercase),
                    normalized,
                });
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
        if patterns.is_empty() {
            defined(&mut patterns);
            return Matcher {
                ac: None,
                anchored: None,
                patterns,
                searched,
            };
        }
        let kind = if patterns.len() <= DFA_ALIAS_LIMIT {
            AhoCorasickKind::DFA
        } else {
            AhoCorasickKind::ContiguousNFA
        };
        let build = |start, kind| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                .prefilter(false)
                .start_kind(start)
                .kind(Some(kind))
                .build(patterns.iter().map(|p| p.normalized.as_str()))
                .expect("gazetteer automaton fits in memory")
        };
        // two automata built side by side: the unanchored scanner and the
        // anchored one for retries (a DFA with both start kinds would take
        // twice as long to build)
        let (ac, anchored) = std::thread::scope(|s| {
            let a = s.spawn(|| build(StartKind::Anchored, AhoCorasickKind::ContiguousNFA));
            let ac = build(StartKind::Unanchored, kind);
            (ac, a.join().expect("automaton build"))
        });
        defined(&mut patterns);
        Matcher {
            ac: Some(ac),
            anchored: Some(anchored),
            patterns,
            searched,
        }
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
        p as usize >= self.searched
    }

    /// The compiled patterns, indexed by [`Mention::pattern`]: the
    /// searched aliases, then one "defined in the cable" pattern per
    /// entity ([`Matcher::defined_pattern`]).
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
        let first = out.len();
        self.scan(text, scratch, out);
        collapse_definitions(text, out, first);
    }

    /// The raw scan: every whole-word leftmost-longest match.
    fn scan(&self, text: &str, scratch: &mut Scratch, out: &mut Vec<Mention>) {
        normalize_into(text, &mut scratch.norm);
        let (Some(ac), Some(anchored)) = (&self.ac, &self.anchored) else {
            return;
        };
        let norm = &scratch.norm;
        let hay = norm.text.as_str();
        // Most matches pass: take them from one iterator, and start a new
        // search only after a rejection (which resumes one character on,
        // or after a shorter alias that passed).
        let mut pos = 0;
        'search: while pos < hay.len() {
            for m in ac.find_iter(Input::new(hay).span(pos..hay.len())) {
                let (s, e) = (m.start(), m.end());
                let p = m.pattern().as_usize();
                if !word_before(hay, s) && self.accept(hay, p, s, e) {
                    self.push(norm, p, s, e, out);
                    continue;
                }
                // rejected: try shorter aliases anchored at the same start
                let mut found = None;
                if !word_before(hay, s) {
                    let mut lim = e - 1;
                    while lim > s {
                        match anchored.find(Input::new(hay).span(s..lim).anchored(Anchored::Yes)) {
                            Some(m2) => {
                                if self.accept(hay, m2.pattern().as_usize(), s, m2.end()) {
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
                        self.push(norm, p2, s, e2, out);
                        e2
                    }
                    None => next_char(hay, s),
                };
                continue 'search;
            }
            break;
        }
    }

    #[inline]
    fn push(&self, norm: &Normalized, p: usize, s: usize, e: usize, out: &mut Vec<Mention>) {
        let (os, oe) = norm.original_span(s, e);
        out.push(Mention {
            entity: self.patterns[p].entity,
            pattern: p as u32,
            start: os,
            end: oe,
        });
    }

    /// Find the mentions in `text` (allocating; see [`Matcher::find_into`]).
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let mut out = Vec::new();
        self.find_into(text, &mut Scratch::new(), &mut out);
        out
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

fn next_char(s: &str, i: usize) -> usize {
    let mut j = i + 1;
    while j < s.len() && !s.is_char_boundary(j) {
        j += 1;
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    const GAZ: &str = "id,type,name,aliases,notes
mx-pgr,agency,Attorney General's Office,PGR|Procuraduría General de la República,
mx-sedena,agency,SEDENA,Secretariat of National Defense,
prog-merida,program,Merida Initiative,Merida,
person-calderon,person,Felipe Calderón,Calderon,
us-northcom,agency,NORTHCOM,NORTHCOM J2,
us-embassy-london,agency,Embassy London,,
place-london,place,London,,
";

    fn matcher() -> (Gazetteer, Matcher) {
        let g = Gazetteer::from_sources(&[("t.csv".into(), GAZ.as_bytes())]).unwrap();
        let m = Matcher::new(&g);
        (g, m)
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
