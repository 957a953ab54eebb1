//! Acronym definitions the cables make, and the mentions they add.
//!
//! Cables define their acronyms as they go: "the Federal Investigative
//! Agency (AFI)", sometimes the other way round, "AFI (Federal
//! Investigative Agency)", and then use the bare acronym. When the long
//! form is a gazetteer alias of entity E, every later bare use of the
//! acronym in that cable names E too, even when the gazetteer does not
//! list the acronym. This module finds the definitions
//! ([`find_in`]) and the mentions they add ([`Linker`]).
//!
//! # Finding definitions: Schwartz–Hearst, plus two extensions
//!
//! The core is the algorithm of Schwartz & Hearst (2003), "A simple
//! algorithm for identifying abbreviation definitions in biomedical text":
//!
//! 1. **Short form (SF)**: the text in a pair of parentheses, cut at the
//!    first `,` or `;`, of at most two words and 2–10 characters, with at
//!    least one letter and an alphanumeric first character.
//! 2. **Long-form candidate**: the at most `min(|SF| + 5, 2·|SF|)` words
//!    right before the parenthesis, within the sentence (it stops at `.`
//!    ending a sentence, `;`, `:` and other parentheses).
//! 3. **Matching**: walk the SF's letters and digits right to left; for
//!    each, move left in the candidate to the nearest equal character
//!    (any case); the SF's first character must also start a word. The
//!    long form runs from the start of the word where the first SF
//!    character matched to the parenthesis. No match, no definition.
//! 4. **Reverse pattern**: when the parenthesis holds more than two words,
//!    it is the long form and the SF is the single word right before it
//!    (`AFI (Federal Investigative Agency)`).
//!
//! Cables need two extensions, because many acronyms are Spanish (or
//! French…) while the long form is an English translation: SEDENA is
//! *Secretaría de la Defensa Nacional*, written "Secretariat of National
//! Defense's (SEDENA)", and no letter walk can match it.
//!
//! - **Translated acronyms**: when the letter walk fails and the SF is an
//!   all-capitals acronym, the long form is the run of capitalised words
//!   (joined by lower-case `of`, `the`, `for`, `and`, `de`, `la`, …) that
//!   ends at the parenthesis: at least two capitalised words, within the
//!   same word limit, never across a comma. The same holds for the
//!   reverse pattern when the parenthesis holds only such a run. A
//!   translated acronym is letters only, and its long form must hold an
//!   institution word (`Agency`, `Office`, `Secretariat`, `Party`,
//!   `Partido`…): in cables a name before a parenthesised acronym is
//!   more often a party affiliation, `Wolfgang Schaeuble (CDU)`, than a
//!   definition.
//! - **One-word long forms** are refused: the letter walk would take
//!   "Partido Popular (PP)" as "Popular".
//! - **OCR text**: the search runs on the normalised text
//!   ([`crate::normalize`]), so double spaces, line breaks and
//!   end-of-line hyphens inside a long form do not matter, and a
//!   possessive right before the parenthesis ("Defense's (SEDENA)") is not
//!   part of the long form. Spans map back to the original text.
//!
//! Only acronym-shaped short forms are kept (at least two capitals, more
//! capitals than lower-case letters: `AFI`, `DoD`, `NORTHCOM`), and
//! never a classification marking (`SBU`, `S/NF`…) or a reference
//! (`REF A`).
//!
//! # Linking
//!
//! For each definition whose long form lies wholly in a gazetteer mention of
//! entity E that ends where it ends (a long form that merely ends with an
//! alias, "People's Republican Party (CHP)", links nothing), every later whole-word, exact-case use of the
//! acronym in the cable (in the same paragraph after the definition, and
//! in every later paragraph) becomes a mention of E, unless some
//! gazetteer entity already claims the acronym as an alias, or the spot is
//! already inside a mention. A translated definition never links a
//! person (`President Calderon (PAN)` is not a definition of Calderon).
//! A later definition of the same acronym takes over from there on. The
//! added mentions carry the matcher's "defined in the cable" pattern for
//! E ([`Matcher::defined_pattern`]).

use crate::hash::HashSet;
use memchr::memmem;

use crate::cable::Cable;
use crate::gazetteer::Gazetteer;
use crate::matcher::{is_word_char, Located, Matcher, Mention};
use crate::normalize::{alias_key_in, Normalized};
use crate::segment::{sentence_start, word_spans_rev};

/// Which way round a definition is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// `Long Form (SF)`.
    LongShort,
    /// `SF (Long Form)`.
    ShortLong,
}

/// How the long form was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// The Schwartz–Hearst letter walk matched.
    Letters,
    /// A translated acronym: a run of capitalised words.
    Capitalised,
}

/// One acronym definition in a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    /// The short form as written, e.g. `AFI`.
    pub short: String,
    /// Byte span of the short form in the paragraph's original text.
    pub short_span: (usize, usize),
    /// The long form, normalised (one space between words), possessive
    /// dropped, e.g. `Federal Investigative Agency`.
    pub long: String,
    /// Byte span of the long form in the original text.
    pub long_span: (usize, usize),
    /// Which way round.
    pub order: Order,
    /// How the long form was found.
    pub rule: Rule,
    /// Byte offset just past the closing parenthesis: uses count from
    /// here.
    pub end: usize,
}

impl Definition {
    /// A definition found in `norm`: the short form at `short` and the
    /// long form over `long` (normalised offsets), the closing parenthesis
    /// at `close`; spans are mapped back to the original text.
    fn new(
        norm: &Normalized,
        short: (usize, &str),
        long: (usize, usize),
        close: usize,
        order: Order,
        rule: Rule,
    ) -> Definition {
        let (ss, sf) = short;
        Definition {
            short: sf.to_string(),
            short_span: norm.original_span(ss, ss + sf.len()),
            long: norm.text[long.0..long.1].to_string(),
            long_span: norm.original_span(long.0, long.1),
            order,
            rule,
            end: norm.original_span(close, close + 1).1,
        }
    }

    /// A short description, e.g. `"Federal Investigative Agency (AFI)",
    /// letters match`.
    pub fn describe(&self) -> String {
        let shape = match self.order {
            Order::LongShort => format!("{} ({})", self.long, self.short),
            Order::ShortLong => format!("{} ({})", self.short, self.long),
        };
        let rule = match self.rule {
            Rule::Letters => "letters match",
            Rule::Capitalised => "capitalised long form",
        };
        format!("\"{shape}\", {rule}")
    }
}

/// Classification markings and other parenthesised capitals that are not
/// acronyms being defined.
const NOT_ACRONYMS: &[&str] = &[
    "SBU", "S/NF", "C/NF", "S/REL", "NF", "TS", "FOUO", "NOFORN", "LOU", "U/FOUO", "REL", "NOTE",
    "END", "REF", "REFS", "REFTEL", "SIPDIS", "PARA", "PARAS", "ID", "AM", "PM", "EST", "EDT",
    "GMT", "II", "III", "IV", "VI",
];

/// Lower-case words allowed inside a capitalised long form.
const CONNECTORS: &[&str] = &[
    "of", "the", "for", "and", "on", "in", "to", "de", "del", "la", "las", "los", "el", "y", "e",
    "du", "des", "et", "da", "do", "dos", "against",
];

/// Words that name a government body. With [`INSTITUTION_WORDS`], the
/// words a translated long form must hold one of (so `Wolfgang Schaeuble
/// (CDU)`, a party affiliation, is no definition); also the words by which
/// `suggest` calls a long form an agency.
pub(crate) const AGENCY_WORDS: &[&str] = &[
    "agency",
    "secretariat",
    "ministry",
    "office",
    "department",
    "bureau",
    "service",
    "services",
    "police",
    "command",
    "army",
    "navy",
    "force",
    "forces",
    "institute",
    "commission",
    "directorate",
    "center",
    "centre",
    "unit",
    "units",
    "administration",
    "court",
    "prosecutor",
    "council",
    "committee",
    "guard",
    "corps",
    "secretary",
    "tribunal",
    "division",
    "board",
    "authority",
];

/// Other words that name an institution, a program or a group (see
/// [`AGENCY_WORDS`]).
const INSTITUTION_WORDS: &[&str] = &[
    "party",
    "front",
    "movement",
    "union",
    "group",
    "cartel",
    "organization",
    "organisation",
    "association",
    "alliance",
    "coalition",
    "league",
    "federation",
    "confederation",
    "assembly",
    "congress",
    "senate",
    "chamber",
    "government",
    "bank",
    "company",
    "corporation",
    "program",
    "programme",
    "initiative",
    "plan",
    "agreement",
    "treaty",
    "law",
    "act",
    "fund",
    "system",
    "network",
    "foundation",
    "university",
    "school",
    "academy",
    "prosecutor's",
    "attorney",
    "secretaría",
    "secretaria",
    "procuraduría",
    "procuraduria",
    "agencia",
    "policía",
    "policia",
    "ejército",
    "ejercito",
    "frente",
    "movimiento",
    "partido",
    "parti",
    "instituto",
    "comisión",
    "comision",
    "consejo",
    "fiscalía",
    "fiscalia",
    "unidad",
    "centro",
    "dirección",
    "direccion",
    "sistema",
    "programa",
    "ley",
];

/// Does the long form hold an institution word?
pub fn institutional(long: &str) -> bool {
    long.split([' ', '-'])
        .map(|w| w.trim_end_matches("'s").to_lowercase())
        .any(|w| AGENCY_WORDS.contains(&w.as_str()) || INSTITUTION_WORDS.contains(&w.as_str()))
}

/// May `sf` be a translated acronym: all capitals, letters only (and `-`,
/// `/`, `&`)?
fn translatable(sf: &str) -> bool {
    all_caps(sf)
        && sf
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '/' | '&'))
}

/// Is `sf` a valid Schwartz–Hearst short form?
fn valid_short(sf: &str) -> bool {
    let n = sf.chars().count();
    (2..=10).contains(&n)
        && sf.chars().any(char::is_alphabetic)
        && sf.chars().next().is_some_and(char::is_alphanumeric)
        && sf.split_whitespace().count() <= 2
}

/// Does `sf` look like an acronym: two or more capitals, more capitals
/// than lower-case letters, a capital or digit first, one word?
pub fn acronym_shaped(sf: &str) -> bool {
    let upper = sf.chars().filter(|c| c.is_uppercase()).count();
    let lower = sf.chars().filter(|c| c.is_lowercase()).count();
    upper >= 2
        && upper > lower
        && sf
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !sf.chars().any(char::is_whitespace)
        && !NOT_ACRONYMS.contains(&sf)
        && !sf.starts_with("REF")
}

fn all_caps(sf: &str) -> bool {
    !sf.chars().any(char::is_lowercase)
}

/// The Schwartz–Hearst letter walk: the byte offset in `lf` where the long
/// form for `sf` starts, if the walk succeeds. A long form whose capitalised
/// words' initials spell the acronym, connectors aside, comes first: the
/// walk alone would take a letter inside a word ("Iraqi Islamic Party
/// (IIP)" would be "Islamic Party", the second `I` inside "Islamic").
pub fn best_long_form(sf: &str, lf: &str) -> Option<usize> {
    if let Some(start) = initials_long_form(sf, lf) {
        return Some(start);
    }
    // both walked from their ends in place, no vector of either's
    // characters (this runs on every parenthesis of every paragraph):
    // `sf` lower-cased in full, `lf` by each character's first lower-case
    // character
    let lower = |c: char| c.to_lowercase().next().unwrap_or(c);
    let n = sf.chars().flat_map(char::to_lowercase).count();
    // `lf[..at]` is what is left to walk: the match so far starts at `at`
    let mut at = lf.len();
    for (k, c) in sf.chars().flat_map(char::to_lowercase).rev().enumerate() {
        if !c.is_alphanumeric() {
            continue;
        }
        // the first character of the short form starts a word
        let first = k + 1 == n;
        loop {
            let mut back = lf[..at].chars().rev();
            let cur = back.next()?;
            at -= cur.len_utf8();
            if lower(cur) == c
                && !(first && back.next().is_some_and(|p| lower(p).is_alphanumeric()))
            {
                break;
            }
        }
    }
    // back to the start of the word holding the match (a lower-case space
    // is a space)
    Some(lf[..at].rfind(' ').map_or(0, |k| k + 1))
}

/// Where the long form for `sf` starts in `lf` when the initials of its
/// last capitalised words spell `sf`, letter by letter from the end, with
/// only connectors between them ("Football Federation of the Islamic
/// Republic of Iran (FFIRI)"); `None` for an acronym of anything but
/// letters.
fn initials_long_form(sf: &str, lf: &str) -> Option<usize> {
    if sf.is_empty() || !sf.chars().all(char::is_alphabetic) {
        return None;
    }
    // (the window's words from its end, no allocation: this runs on every
    // parenthesis of every paragraph)
    let mut words = lf.split_whitespace().rev();
    let mut start = None;
    for c in sf.chars().rev().flat_map(char::to_lowercase) {
        loop {
            let w = words.next()?;
            let first = w.chars().next()?;
            if first.is_uppercase() && first.to_lowercase().eq(std::iter::once(c)) {
                start = Some(w.as_ptr() as usize - lf.as_ptr() as usize);
                break;
            }
            if !CONNECTORS.contains(&w) {
                return None;
            }
        }
    }
    start
}

/// Is the word (with its trailing punctuation) a capitalised word of a
/// name: `Office`, `General's`, `Inter-Institutional`?
fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && !word.ends_with([',', ';', ':', '.', ')', '"'])
}

/// The byte offset where the run of capitalised words ending `window`
/// starts (at least two capitalised words), or `None`.
fn capitalised_run(window: &str) -> Option<usize> {
    let mut start = None;
    let mut caps = 0;
    for (s, e) in word_spans_rev(window) {
        let w = &window[s..e];
        if capitalised(w) {
            caps += 1;
            start = Some(s);
        } else if CONNECTORS.contains(&w) && start.is_some() {
            continue;
        } else {
            break;
        }
    }
    (caps >= 2).then_some(start?)
}

/// Strip a trailing possessive (`'s`, `s'`) and spaces from `s`.
fn strip_possessive(s: &str) -> &str {
    let s = s.trim_end();
    s.strip_suffix("'s").unwrap_or(s).trim_end()
}

/// Every acronym definition in a paragraph's normalised text, in text order.
pub fn find_in(norm: &Normalized) -> Vec<Definition> {
    let hay = norm.text.as_str();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = memchr::memchr(b'(', &hay.as_bytes()[from..]) {
        let open = from + k;
        from = open + 1;
        let Some(len) = memchr::memchr2(b')', b'(', &hay.as_bytes()[open + 1..]) else {
            break;
        };
        let close = open + 1 + len;
        if hay.as_bytes()[close] != b')' || len > 200 {
            continue;
        }
        let inner = &hay[open + 1..close];
        let inner_t = inner.trim();
        if inner_t.is_empty() {
            continue;
        }
        let inner_s = open + 1 + (inner.len() - inner.trim_start().len());
        let d = if inner_t.split_whitespace().count() <= 2 {
            long_short(norm, open, close, inner_t, inner_s)
        } else {
            short_long(norm, open, close, inner_t, inner_s)
        };
        if let Some(d) = d {
            out.push(d);
        }
    }
    out
}

fn long_short(
    norm: &Normalized,
    open: usize,
    close: usize,
    inner: &str,
    inner_s: usize,
) -> Option<Definition> {
    let hay = norm.text.as_str();
    let sf_len = inner.find([',', ';']).unwrap_or(inner.len());
    let sf = inner[..sf_len].trim_end();
    // a possessive acronym: "Government of Morocco's (GOM's)"
    let sf = sf.strip_suffix("'s").unwrap_or(sf);
    if !valid_short(sf) || !acronym_shaped(sf) {
        return None;
    }
    let n = sf.chars().count();
    let max_words = (n + 5).min(2 * n);
    // the window: at most max_words words before the parenthesis, within
    // the sentence, possessive dropped
    let before = strip_possessive(&hay[..open]);
    let sent = sentence_start(hay, before.len());
    // (the first of the last `max_words` words, read from the end)
    let (first, _) = word_spans_rev(&before[sent..]).take(max_words).last()?;
    let win_s = sent + first;
    let window = &before[win_s..];
    let (rel, rule) = match best_long_form(sf, window) {
        Some(r) if window.len() - r > sf.len() && window[r..].contains(' ') => (r, Rule::Letters),
        _ if translatable(sf) => {
            let r = capitalised_run(window)?;
            if !institutional(&window[r..]) {
                return None;
            }
            (r, Rule::Capitalised)
        }
        _ => return None,
    };
    let ls = win_s + rel;
    let le = before.len();
    if ls >= le {
        return None;
    }
    Some(Definition::new(
        norm,
        (inner_s, sf),
        (ls, le),
        close,
        Order::LongShort,
        rule,
    ))
}

fn short_long(
    norm: &Normalized,
    open: usize,
    close: usize,
    inner: &str,
    inner_s: usize,
) -> Option<Definition> {
    let hay = norm.text.as_str();
    let before = hay[..open].trim_end();
    let ws = before.rfind(' ').map_or(0, |k| k + 1);
    let sf = &before[ws..];
    if sf.is_empty() || !valid_short(sf) || !acronym_shaped(sf) {
        return None;
    }
    let lf = inner;
    let n = sf.chars().count();
    if lf.split_whitespace().count() > (n + 5).min(2 * n) {
        return None;
    }
    let rule = match best_long_form(sf, lf) {
        Some(0) => Rule::Letters,
        _ if translatable(sf)
            && capitalised_run(lf).is_some_and(|s| s <= 4)
            && institutional(lf) =>
        {
            Rule::Capitalised
        }
        _ => return None,
    };
    // a leading article is not part of the name
    let skip = if rule == Rule::Capitalised {
        capitalised_run(lf).unwrap_or(0)
    } else {
        0
    };
    let ls = inner_s + skip;
    let le = inner_s + lf.len();
    Some(Definition::new(
        norm,
        (ws, sf),
        (ls, le),
        close,
        Order::ShortLong,
        rule,
    ))
}

/// Every whole-word, exact-case occurrence of `word` in `text` at or after
/// byte `from`.
pub fn whole_word_uses(text: &str, word: &str, from: usize) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    push_whole_word_uses(&memmem::Finder::new(word), text, from, &mut v);
    v
}

/// [`whole_word_uses`] with the word's searcher made once (a definition's
/// uses are looked for in every later paragraph), appended to `out`.
fn push_whole_word_uses(
    word: &memmem::Finder<'_>,
    text: &str,
    from: usize,
    out: &mut Vec<(usize, usize)>,
) {
    let len = word.needle().len();
    if len == 0 || from > text.len() || !text.is_char_boundary(from) {
        return;
    }
    let mut at = from;
    while let Some(k) = word.find(&text.as_bytes()[at..]) {
        let s = at + k;
        let e = s + len;
        let before = text[..s].chars().next_back().is_some_and(is_word_char);
        let after = text[e..].chars().next().is_some_and(is_word_char);
        if !before && !after {
            out.push((s, e));
        }
        at = s + text[s..].chars().next().map_or(1, char::len_utf8);
    }
}

/// A mention added by a definition, with what produced it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Linked {
    /// The mention (its pattern is the entity's "defined in the cable"
    /// pattern).
    pub located: Located,
    /// The definition that made it.
    pub definition: Definition,
    /// Index into `cable.paragraphs` of the definition.
    pub defined_in: usize,
}

/// Links acronyms defined in a cable to the entities of their long forms.
#[derive(Clone, Debug)]
pub struct Linker {
    /// Alias keys the gazetteer claims.
    claimed: HashSet<String>,
    /// Entities that are people (no translated definitions).
    person: Vec<bool>,
    /// The matcher's "defined in the cable" pattern per entity.
    pattern: Vec<u32>,
}

impl Linker {
    /// A linker for `gazetteer`, compiled into `matcher`.
    pub fn new(gazetteer: &Gazetteer, matcher: &Matcher) -> Linker {
        let ents = gazetteer.entities();
        Linker {
            claimed: gazetteer.alias_keys(),
            person: ents.iter().map(|e| e.kind == "person").collect(),
            pattern: (0..ents.len())
                .map(|i| matcher.defined_pattern(i as u32))
                .collect(),
        }
    }

    /// Is `acronym` an alias of some gazetteer entity?
    pub fn claimed(&self, acronym: &str) -> bool {
        // (a short form's key made on the stack: every definition's is
        // looked up)
        let mut buf = [0u8; 32];
        self.claimed
            .contains(alias_key_in(acronym, &mut buf).as_ref())
    }

    /// The mentions that the cable's definitions add to `mentions` (sorted
    /// by paragraph, then start), in that order; `found` are the
    /// definitions of each paragraph (by [`find_in`] on the text the
    /// matcher normalised, so no paragraph is normalised twice).
    pub fn find_with(
        &self,
        cable: &Cable,
        mentions: &[Located],
        found: Vec<(usize, Vec<Definition>)>,
    ) -> Vec<Linked> {
        // the mentions of paragraph `p`: a range, as the pipeline hands
        // them in paragraph order (all of them otherwise; the tests below
        // still look at the paragraph), so a cable with thousands of
        // mentions is not searched whole for each use of each acronym
        let ordered = mentions.is_sorted_by_key(|m| m.paragraph);
        let in_paragraph = |p: usize| -> &[Located] {
            if ordered {
                let a = mentions.partition_point(|m| m.paragraph < p);
                let b = mentions.partition_point(|m| m.paragraph <= p);
                &mentions[a..b]
            } else {
                mentions
            }
        };
        // definitions anchored on a mention: (paragraph, definition, entity)
        let mut defs: Vec<(usize, Definition, u32)> = Vec::new();
        for (pi, ds) in found {
            for d in ds {
                if self.claimed(&d.short) {
                    continue;
                }
                // the mention must hold the whole long form, not be its tail
                // ("People's Republican Party (CHP)" is no Republican Party;
                // "Administrative Department of Security (DAS)", where the
                // letter walk found "Department of Security", still is)
                let anchor = in_paragraph(pi).iter().find(|m| {
                    m.paragraph == pi
                        && m.mention.end == d.long_span.1
                        && m.mention.start <= d.long_span.0
                });
                if let Some(m) = anchor {
                    let e = m.mention.entity;
                    if d.rule == Rule::Capitalised && self.person[e as usize] {
                        continue;
                    }
                    defs.push((pi, d, e));
                }
            }
        }
        let mut out = Vec::new();
        let mut uses = Vec::new();
        for (k, (pi, d, e)) in defs.iter().enumerate() {
            // until the next definition of the same acronym
            let until = defs[k + 1..]
                .iter()
                .find(|(_, d2, _)| d2.short == d.short)
                .map(|(p2, d2, _)| (*p2, d2.short_span.0));
            let short = memmem::Finder::new(d.short.as_str());
            for (qi, q) in cable.paragraphs.iter().enumerate().skip(*pi) {
                let from = if qi == *pi { d.end } else { 0 };
                uses.clear();
                push_whole_word_uses(&short, &q.text, from, &mut uses);
                for &(s, e2) in &uses {
                    if until.is_some_and(|u| (qi, s) >= u) {
                        break;
                    }
                    let taken = in_paragraph(qi)
                        .iter()
                        .any(|m| m.paragraph == qi && m.mention.start < e2 && s < m.mention.end);
                    if taken {
                        continue;
                    }
                    out.push(Linked {
                        located: Located {
                            paragraph: qi,
                            mention: Mention {
                                entity: *e,
                                pattern: self.pattern[*e as usize],
                                start: s,
                                end: e2,
                                rule: crate::rule::Rule::Defined,
                            },
                        },
                        definition: d.clone(),
                        defined_in: *pi,
                    });
                }
            }
        }
        out.sort_by_key(|l| (l.located.paragraph, l.located.mention.start));
        out.dedup_by_key(|l| (l.located.paragraph, l.located.mention.start));
        out
    }

    /// Add the mentions the cable's definitions (already found: see
    /// [`Linker::find_with`]) make to `mentions`, keeping them sorted by
    /// paragraph, then start. With `record`, the links made (each with its
    /// definition) are appended to it.
    pub fn link_with(
        &self,
        cable: &Cable,
        mentions: &mut Vec<Located>,
        found: Vec<(usize, Vec<Definition>)>,
        record: Option<&mut Vec<Linked>>,
    ) {
        let added = self.find_with(cable, mentions, found);
        if added.is_empty() {
            return;
        }
        mentions.extend(added.iter().map(|l| l.located));
        mentions.sort_by_key(|m| (m.paragraph, m.mention.start));
        if let Some(r) = record {
            r.extend(added);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize_into;

    /// Every acronym definition in `text` (one paragraph), in text order.
    fn find_definitions(text: &str) -> Vec<Definition> {
        let mut norm = Normalized::new();
        normalize_into(text, &mut norm);
        find_in(&norm)
    }

    /// (short, long, order, rule) of every definition in `text`.
    fn defs(text: &str) -> Vec<(String, String, Order, Rule)> {
        find_definitions(text)
            .into_iter()
            .map(|d| {
                assert_eq!(&text[d.short_span.0..d.short_span.1], d.short);
                (d.short, d.long, d.order, d.rule)
            })
            .collect()
    }

    macro_rules! t {
        ($name:ident, $text:expr, [$(($sf:expr, $lf:expr, $o:ident, $r:ident)),* $(,)?]) => {
            #[test]
            fn $name() {
                let want: Vec<(String, String, Order, Rule)> =
                    vec![$(($sf.to_string(), $lf.to_string(), Order::$o, Rule::$r)),*];
                assert_eq!(defs($text), want);
            }
        };
    }

    t!(
        letters,
        "signed a General  Security  of  Military\nInformation  Agreement  (GSOMIA)  and",
        [(
            "GSOMIA",
            "General Security of Military Information Agreement",
            LongShort,
            Letters
        )]
    );
    t!(
        letters_skip_inner_words,
        "the U.S. Immigration and Customs Enforcement (ICE) said",
        [(
            "ICE",
            "Immigration and Customs Enforcement",
            LongShort,
            Letters
        )]
    );
    t!(
        translated_with_possessive,
        "the  Secretariat  of\nNational  Defense's  (SEDENA)  expressed",
        [(
            "SEDENA",
            "Secretariat of National Defense",
            LongShort,
            Capitalised
        )]
    );
    t!(
        translated_drops_article_and_stops_at_comma,
        "level,  the  Attorney\nGeneral's  Office  (PGR)  is",
        [("PGR", "Attorney General's Office", LongShort, Capitalised)]
    );
    t!(
        reverse_letters,
        "said DHS (Department of Homeland Security) officers",
        [("DHS", "Department of Homeland Security", ShortLong, Letters)]
    );
    t!(
        reverse_translated_seed_style,
        "merging AFI (Federal Investigative Agency) officers",
        [(
            "AFI",
            "Federal Investigative Agency",
            ShortLong,
            Capitalised
        )]
    );
    t!(
        reverse_translated,
        "the SSP (the Secretariat of Public Security) said",
        [(
            "SSP",
            "Secretariat of Public Security",
            ShortLong,
            Capitalised
        )]
    );
    t!(
        possessive_acronym,
        "the Government of Morocco's (GOM's) services",
        [("GOM", "Government of Morocco", LongShort, Letters)]
    );
    t!(
        markings_years_and_refs_are_not_definitions,
        "Mexico City (SBU) in 2008 (2008) as Mexico City (REF A) (C) noted",
        []
    );
    t!(
        lower_case_words_are_not_short_forms,
        "the Merida Initiative (see below) and Merida Initiative (funds)",
        []
    );
    t!(
        one_capitalised_word_is_not_a_translation,
        "the Navy (SEMAR) said",
        []
    );
    t!(
        party_affiliations_are_not_definitions,
        "Interior Minister Wolfgang Schaeuble (CDU) and Ambassador Anne Smith (SRCC-1) met",
        []
    );
    t!(
        one_word_long_forms_are_refused,
        "the Partido Popular (PP) won",
        [("PP", "Partido Popular", LongShort, Letters)]
    );
    t!(
        sentence_boundary_stops_the_window,
        "He left Defense Ministry. National (XYZ) is",
        []
    );
    t!(
        unclosed_parenthesis_is_harmless,
        "the Federal Investigative Agency (AFI",
        []
    );

    /// The short form's key made on the stack is the alias key, and it
    /// is made on the stack for every short ASCII word.
    #[test]
    fn stack_key_is_the_alias_key() {
        let long = "A".repeat(33);
        for w in [
            "AFI",
            "GoM",
            "g8",
            "",
            "US-EU",
            "A B",
            " AFI",
            "É",
            "AFIé",
            "X".repeat(32).as_str(),
            &long,
        ] {
            let mut buf = [0u8; 32];
            let plain = w.bytes().all(|c| c.is_ascii_alphanumeric()) && w.len() <= 32;
            let key = alias_key_in(w, &mut buf);
            assert!(key == crate::normalize::alias_key(w), "{w:?}");
            if plain {
                assert!(matches!(key, std::borrow::Cow::Borrowed(_)), "{w:?}");
            }
        }
    }

    #[test]
    fn letter_walk_matches_the_paper() {
        assert_eq!(best_long_form("HSF", "Heat shock factor"), Some(0));
        assert_eq!(
            best_long_form("AFI", "the Federal Investigative Agency"),
            None
        );
        // the first character must start a word
        assert_eq!(best_long_form("TA", "beta alpha"), None);
        assert_eq!(best_long_form("BA", "beta alpha"), Some(0));
        // capitalised words' initials first, connectors aside
        assert_eq!(
            best_long_form("IIP", "to attain the Iraqi Islamic Party"),
            Some(14)
        );
        let lf = "corruption in the Football Federation of the Islamic Republic of Iran";
        assert_eq!(best_long_form("FFIRI", lf), lf.find("Football"));
        // letters inside words when the initials do not spell it
        assert_eq!(
            best_long_form("SEGOB", "la Secretaria de Gobernacion"),
            Some(3)
        );
    }

    /// The letter walk as it was written first, on vectors of characters:
    /// the reference the in-place walk is held to.
    fn letter_walk_on_vectors(sf: &str, lf: &str) -> Option<usize> {
        if let Some(start) = initials_long_form(sf, lf) {
            return Some(start);
        }
        let s: Vec<char> = sf.chars().flat_map(char::to_lowercase).collect();
        let l: Vec<(usize, char)> = lf
            .char_indices()
            .map(|(i, c)| (i, c.to_lowercase().next().unwrap_or(c)))
            .collect();
        let mut si = s.len() as isize - 1;
        let mut li = l.len() as isize - 1;
        while si >= 0 {
            let c = s[si as usize];
            if !c.is_alphanumeric() {
                si -= 1;
                continue;
            }
            while li >= 0
                && (l[li as usize].1 != c
                    || (si == 0 && li > 0 && l[li as usize - 1].1.is_alphanumeric()))
            {
                li -= 1;
            }
            if li < 0 {
                return None;
            }
            li -= 1;
            si -= 1;
        }
        let at = (li + 1) as usize;
        let start = l[..at]
            .iter()
            .rposition(|&(_, c)| c == ' ')
            .map_or(0, |k| k + 1);
        Some(l.get(start).map_or(lf.len(), |&(i, _)| i))
    }

    proptest::proptest! {
        /// The in-place letter walk finds what the walk on vectors finds,
        /// on any short and long form (case mappings of more than one
        /// character, non-ASCII, no letters at all).
        #[test]
        fn letter_walk_in_place_is_the_walk_on_vectors(
            sf in proptest::collection::vec(
                proptest::sample::select(vec![
                    "A", "b", "I", "İ", "ẞ", "ß", "é", "É", "1", "-", ".", " ", "Σ", "σ", "&",
                ]),
                0..6,
            ),
            lf in proptest::collection::vec(
                proptest::sample::select(vec![
                    "A", "b", "i", "I", "İ", "ß", "ẞ", "é", "É", "1", "-", " ", "  ", "σ", "Σ",
                    "of", "the", "Agency", "\u{a0}", "x",
                ]),
                0..20,
            ),
        ) {
            let (sf, lf) = (sf.concat(), lf.concat());
            proptest::prop_assert_eq!(best_long_form(&sf, &lf), letter_walk_on_vectors(&sf, &lf));
        }
    }

    #[test]
    fn uses_are_linked_whatever_the_order_of_the_mentions() {
        let csv =
            "id,type,name,aliases,notes\ndas,agency,Administrative Department of Security,,\n";
        let gaz = Gazetteer::from_sources(&[("g.csv".into(), csv.as_bytes())]).unwrap();
        let matcher = Matcher::new(&gaz).unwrap();
        let texts = [
            "the Administrative Department of Security (DAS) said",
            "DAS agents, DASH and the DAS",
            "the Administrative Department of Security again; DAS",
        ];
        let cable = Cable {
            paragraphs: texts
                .iter()
                .enumerate()
                .map(|(i, t)| crate::cable::Paragraph {
                    number: i as u32 + 1,
                    classification: None,
                    heading: None,
                    text: t.to_string(),
                })
                .collect(),
            ..Cable::default()
        };
        let mut mentions: Vec<Located> = Vec::new();
        let mut found = Vec::new();
        for (p, t) in texts.iter().enumerate() {
            let ms = matcher.find(t);
            mentions.extend(ms.into_iter().map(|mention| Located {
                paragraph: p,
                mention,
            }));
            let mut norm = Normalized::new();
            normalize_into(t, &mut norm);
            found.push((p, find_in(&norm)));
        }
        let linker = Linker::new(&gaz, &matcher);
        let spans = |links: Vec<Linked>| -> Vec<(usize, usize, usize)> {
            let mut v: Vec<_> = links
                .iter()
                .map(|l| {
                    (
                        l.located.paragraph,
                        l.located.mention.start,
                        l.located.mention.end,
                    )
                })
                .collect();
            v.sort_unstable();
            v
        };
        // the pipeline's order (by paragraph), then the reverse
        let ordered = spans(linker.find_with(&cable, &mentions, found.clone()));
        assert_eq!(ordered, [(1, 0, 3), (1, 25, 28), (2, 49, 52)]);
        mentions.reverse();
        assert_eq!(spans(linker.find_with(&cable, &mentions, found)), ordered);
    }

    #[test]
    fn whole_word_exact_case_uses() {
        assert_eq!(
            whole_word_uses("AFI, AFIS, afi, AFI's (AFI)", "AFI", 0),
            [(0, 3), (16, 19), (23, 26)]
        );
        assert_eq!(whole_word_uses("AFI AFI", "AFI", 1), [(4, 7)]);
        assert!(whole_word_uses("é", "x", 1).is_empty());
    }

    #[test]
    fn no_panic_on_odd_text() {
        for t in [
            "(",
            ")",
            "()",
            "( )",
            "((AFI))",
            "x (AB",
            "é (ÉÉ)",
            "(AB) (CD)",
            "A B (AB",
            "’s (AB)",
            "Foo’s  (AB)",
            "\n(\n)\n",
            "Ab Cd (AC) ((",
            "(a b c d e f g h)",
        ] {
            let _ = find_definitions(t);
        }
    }
}
