//! Header fields of a cable, read the way the messiest real cables need:
//! TAGS, SUBJECT, `Classified By`, references and routing.
//!
//! [`super::text`] finds the lines; the rules for what they hold live here,
//! each a pure function with its table of cases in the tests below.
//!
//! # TAGS
//!
//! - **Label**: `TAGS`, `TAG`, `TAS`, `TGS` in any case (`tAgs`, `Tags`),
//!   with or without a colon; without one the next word must look like a
//!   tag. An `E.O. 12958: … TAGS: …` line gives what follows its `TAGS`,
//!   and so does a flattened header line (`C O N F I D E N T I A L BOGOTA
//!   000456 SIPDIS E.O. 12958: … TAGS: PREL, CO SUBJECT: …`).
//! - **Continuation**: the next line belongs to the list when the list
//!   ends with a comma, or when every word of it is a tag-like word (a code
//!   of the table, or 2–8 capitals). A blank line, `SUBJECT`, `E.O.`,
//!   `REF`, `Classified By` or a paragraph marker ends it. Page-break lines
//!   (`UNCLASSIFIED PAGE 02 VATICA 00283 01 OF 02 121530Z`, a lone
//!   classification) are stepped over, never read as tags. A 1990s page
//!   break after a blank line (blank lines, a lone classification line,
//!   `PAGE 02 VATICA 00283 01 OF 02 151422Z`) inside a list that ends with
//!   a comma is stepped over too, and the list goes on below it; so is a
//!   2000s page line (`ADDIS ABABA 00001391 001.2 OF 002`).
//! - **Items**: with commas (or semicolons) the list is split there, and an
//!   item of several words that are not all codes is one entry
//!   (`ITALY NATIONAL ELECTIONS`, `FOREIGN POL`, `USEU BRUSSELS`). Without
//!   commas, each code is an entry and a run of non-code words is one
//!   entry. Codes joined by slashes (`PREL/KDEM/PGOV/CO`) are split there.
//!   `POL MIL` is one keyword (`KEYWORDS`: short words that would each read
//!   as a code).
//! - **Kinds**: the entry after `OVIP` (`OVIP STEINBERG JAMES`; a short
//!   unknown word opens it when a non-code word follows: `OVIP RICE
//!   CONDOLEEZZA`), and a
//!   parenthesised `SURNAME, GIVEN` (`OVIP (CLINTON, HILLARY)`), or one
//!   written in the comma list (`OVIP, OKAFOR, CHIDI, PREL`: the given name a
//!   word that is no code), is a
//!   *person tag*; any other multi-word or unknown long entry is a *subject
//!   tag*; the rest are codes.
//! - **Codes**: upper-cased when the lower-case word is a code of the table
//!   (`prel` → `PREL`); a long word that is not a code but splits wholly
//!   into codes of the table, one of them a four-letter subject code, is
//!   split (`ETRDEINVECINPGOVCS` → `ETRD EINV ECIN PGOV CS`). The table is
//!   `data/tags-codes.csv` (code, kind, meaning), compiled in.
//! - Numbers and repeated entries are dropped; the first occurrence wins.
//! - A bar standing alone (` | `, OCR's reading of specks in the page
//!   margin) ends the list.
//!
//! # SUBJECT
//!
//! - **Label**: `SUBJECT`, `SUBJ`, `UBJECT` (a cut-off `S`) in any case,
//!   spaces allowed before the colon, or a dash for it (`SUBJECT - …`);
//!   `SUBJECT` in capitals may stand without a colon, and so may `Subject`
//!   in any case before two words or more that are not `subject to …`.
//! - **Continuation** lines are joined until a blank line, `REF`,
//!   `Classified By`, `TAGS`, `E.O.`, a paragraph marker or `¶`, a
//!   `SUMMARY` heading (not `SUMMARY OF …`), a rule of dashes, a handling or action line (`SENSITIVE BUT
//!   UNCLASSIFIED …`, `NOFORN`, `EXDIS`, `DECL:`, `ACTION REQUEST`, `DEPT
//!   PASS TO …`), a line that opens with a marking (`(C/NF) …`, `1 (C) …`),
//!   or (for a subject in capitals) a line with lower-case
//!   letters before any `Classified By` run onto it (`DIET VOTE Classified
//!   By: …` goes on the subject, the clause is cut), which is the body's first sentence. A word broken by the line
//!   end is mended: the next line opens with a word ending (`DEVOLU` /
//!   `TION`, `TERROR` / `ISM`), or the two halves, in one case, make a
//!   word of five letters or more of the English word list and one of them
//!   is none (`SHI` / `FT`, `SE` / `CRETLY`,
//!   `PROCEE` / `DINGS`; two words such as `ANY` / `ONE` stay two). A page break inside the
//!   subject is stepped over and what follows its time group
//!   (`PAGE 02 HARARE 06677 01 OF 03 291400Z OPPOSITION LEADER`) is kept.
//!   Such a break after a blank line (blank lines, a lone classification
//!   line, a `PAGE 02 LUSAKA 02210 01 OF 02 101422Z` line) is stepped over
//!   when the subject does not end with a full stop and the line below the
//!   break has a blank line or a stop under it: that one line is joined.
//! - **Cleaning**: a `REF:`/`Ref:`/`ref:`/`REF (A)`/`REFTEL`/`Reftel:`/`Classified By`,
//!   a `SUMMARY:`, an `E.O. 12958` or a `TAGS:` run onto the
//!   same line is cut off, with the `;` or `,` before it; HTML entities left in (`&#8217;`, `&amp;`) are
//!   decoded; the page's backslash line joins (`CONCERNS \ REGARDING`) are
//!   removed; white space is collapsed.
//!
//! # Classified By
//!
//! The clause is split at its reasons (`REASON(S)`, `FOR REASONS`, `PER`,
//! `1.4`/`1.5` …): the reasons become [`ClassifiedBy::reasons`]
//! (`1.4(b) and (d)`). What is before is the authority: leading title words
//! (`DCM`, `POLCOUNS`, `Acting Political Counselor`, `A/DCM`, `CDA a.i.`)
//! are the title, a part after a comma made of title words
//! (`Bodde Peter, Ambassador`) is the title too, and the rest is the name,
//! as written. The line may follow a paragraph marking (`(U) Classified
//! by …`, also as paragraph 1); `… FOR REASONS` at a line's end takes the
//! reasons from the next line, over a blank one. A comma typed for the
//! apostrophe of a title (`Charge d,Affaires`) does not split the clause,
//! and a title word broken by the line end (`Charge d'Affai` / `res`) is
//! joined first.
//! Title words are whole words: an officer word is an office and `off`
//! (`Poloff`, `EconOff`, `MsnOff`), so a name ending in `off` (`Geoff`)
//! stays a name. A title that goes on past a joining word (`U.S.
//! Permanent Representative to the Conference on Disarmament Laura
//! Kennedy`, `SPECIAL COORDINATOR FOR THE … PROJECT NOAH PELLETIER`) keeps
//! at least the word after its last joining word, and the name is the last
//! run of name words: a given name, initials, the surname, a suffix.
//!
//! # References
//!
//! The `REF`/`REFS`/`REFTEL` block (to the next blank line; a line opening
//! with the list's next letter goes on it even where it reads as a
//! paragraph marker, `k. …` then `l. …`) is cut at its
//! letters in sequence (`A.`, `(B)`, `C)`), or, without letters, at each
//! cable it names. A cable is `[YY|YYYY] PLACE 000123` with one to four
//! place words: its id is `YY` + the place words run together + the number
//! without leading zeros, the year taken from the citing cable when the
//! reference has none, `SECSTATE` read as `STATE` (`07 MOSCOW 3054` →
//! `07MOSCOW3054`). A year run onto the place (`09DHAHRAN 201`) and a
//! date run onto the number with `--` (`08 KIGALI 00830--05/DEC/2008`)
//! are split off; a four-digit year after a number is that cable's only
//! when no place follows it (`BRASILIA 709 2008 SAO PAULO 542`: the year
//! is São Paulo's). A lettered line that only goes on from the item above
//! (`D. AND PREVIOUS`) is no reference; a REF blacked out over two lines
//! is one. A letter written twice (`A. A. …`, `B. B) …`, `A. A)STATE …`)
//! is read once and left out of the text. Anything else is kept as text, with a kind: `septel`,
//! `email`, `phone`, `meeting`, `other`.
//!
//! # Routing
//!
//! After the `FM` line, `TO` and `INFO` start their lists (without an `FM`
//! line, as in a partial extract, only a `TO`/`INFO` line that ends in a
//! precedence: `INFO EUROPEAN POLITICAL COLLECTIVE PRIORITY`), and each
//! following line without a keyword adds to the current list until a
//! blank line, `BT`, a classification line or another header field. Each
//! addressee loses its routing indicator (`RUEHC/`, `ZEN/`), its serial
//! number and precedence (`4895`, `IMMEDIATE`), and is kept as often as
//! the block writes it; a second copy of the block (a page printed twice:
//! a `TO` line after addressees were read) adds nothing already read. A
//! 1990s page-top line (`CONFIDENTIAL     PTQ8680`) is page furniture,
//! like a lone classification line. The precedence of the cable
//! is the date-time group's letter (`R 041708Z FEB 09` → `ROUTINE`), or the
//! first addressee's precedence word. Once addressees are read, the
//! cable's classification line or `SIPDIS` ends the routing (a `TO THE
//! PRESIDENT FROM …` line below it is text). A database print above the
//! cable (`TELEGRAM …`, `To:`, `TAGS:`, `Captions:`, `Ref:`, then a rule of
//! underscores) is set aside: the cable's own TAGS, SUBJECT, REF and
//! routing below it are read, the print's only where the cable has none.

use crate::hash::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashSet;
use serde::Serialize;

use super::fast_str::FastStr;

/// The standard TAGS codes: `code,kind,meaning`.
pub(crate) const TAGS_CODES_CSV: &str = include_str!("../../data/tags-codes.csv");

/// A code of the TAGS table: its kind (`subject`, `country`, `region`,
/// `organization`) and meaning.
pub(crate) fn tag_code(code: &str) -> Option<(&'static str, &'static str)> {
    static CODES: LazyLock<HashMap<&'static str, (&'static str, &'static str)>> =
        LazyLock::new(|| {
            TAGS_CODES_CSV
                .lines()
                .skip(1)
                .filter_map(|l| {
                    let mut it = l.splitn(3, ',');
                    Some((it.next()?, (it.next()?, it.next().unwrap_or(""))))
                })
                .collect()
        });
    CODES.get(code).copied()
}

fn is_code(w: &str) -> bool {
    tag_code(w).is_some()
}

/// Is `w`, upper-cased (ASCII), a code of the TAGS table? Upper-cased on the
/// stack, not in a new string: this runs on every word of every TAGS list.
fn is_code_ci(w: &str) -> bool {
    let mut buf = [0u8; 16];
    match buf.get_mut(..w.len()) {
        Some(b) => {
            b.copy_from_slice(w.as_bytes());
            // (ASCII upper-casing keeps UTF-8 valid)
            b.make_ascii_uppercase();
            std::str::from_utf8(b).is_ok_and(is_code)
        }
        None => is_code(&w.to_ascii_uppercase()),
    }
}

/// The tags of a cable, by kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tags {
    /// Every entry in order: codes, person tags and subject tags.
    pub all: Vec<String>,
    /// Person tags (`STEINBERG JAMES`).
    pub persons: Vec<String>,
    /// Multi-word or free subject tags (`ITALY NATIONAL ELECTIONS`).
    pub subjects: Vec<String>,
}

impl Tags {
    fn push(&mut self, entry: String, kind: Kind) {
        if entry.is_empty() || self.all.contains(&entry) {
            return;
        }
        match kind {
            Kind::Person => self.persons.push(entry.clone()),
            Kind::Subject => self.subjects.push(entry.clone()),
            Kind::Code => {}
        }
        self.all.push(entry);
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Code,
    Person,
    Subject,
}

/// `TAGS: …` in its variants: what follows the label.
pub(crate) fn tags_label(line: &str) -> Option<&str> {
    let t = line.trim_start_ws();
    let t = match t.as_bytes().first() {
        Some(b'E') if t.starts_with("E.O.") || t.starts_with("EO ") => {
            let at = t.find_str("TAGS")?;
            &t[at..]
        }
        // a flattened header, one line: `C O N F I D E N T I A L MONTERREY
        // 000288 SIPDIS E.O. 12958: DECL: … TAGS: PGOV, MX SUBJECT: …`
        _ if t.len() > 40 && t.has(" E.O. ") => {
            let eo = t.find_str(" E.O. ")?;
            let at = eo + t[eo..].find_str(" TAGS")? + 1;
            &t[at..]
        }
        _ => t,
    };
    let end = t
        .bytes()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(t.len());
    if !(3..=4).contains(&end) || !matches!(t.as_bytes()[0], b'T' | b't') {
        return None;
    }
    let word = &t[..end];
    if !["TAGS", "TAG", "TAS", "TGS"]
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w))
    {
        return None;
    }
    let rest = &t[end..];
    let after = rest.trim_start_ws();
    if let Some(r) = after.strip_prefix(':') {
        return Some(r.trim_start_ws());
    }
    // no colon: white space, then a tag-like word
    if after.len() == rest.len() {
        return None;
    }
    let first = after.split([' ', ',', '\t']).next().unwrap_or("");
    (is_code_ci(first)
        || (first.len() >= 2 && first.len() <= 8 && first.bytes().all(|b| b.is_ascii_uppercase())))
    .then_some(after)
}

/// Does `next` continue a TAGS list that reads `so_far`?
pub(crate) fn tags_continue(so_far: &str, next: &str) -> bool {
    let n = next.trim_ws();
    if n.is_empty()
        || subject_label(n).is_some()
        || n.starts_with("E.O")
        || n.starts_with("EO ")
        || ref_label(n).is_some()
        || is_classified_by(n)
        || super::markers::candidate(n).is_some()
        || n.starts_with('¶')
    {
        return false;
    }
    if so_far.trim_end_ws().ends_with(',') {
        return true;
    }
    n.split([' ', ',', ';']).filter(|w| !w.is_empty()).all(|w| {
        let w = w.trim_end_matches('.');
        is_code(&w.to_ascii_uppercase())
            || (w.len() >= 2
                && w.len() <= 8
                && w.bytes().all(|b| b.is_ascii_uppercase() || b == b'-')
                && !is_handling_word(w))
    })
}

fn is_handling_word(w: &str) -> bool {
    matches!(
        w,
        "SIPDIS" | "NOFORN" | "NODIS" | "EXDIS" | "LIMDIS" | "STADIS" | "SENSITIVE" | "BT"
    )
}

/// A page header of an old cable (`UNCLASSIFIED PAGE 02 VATICA 00283 01 OF
/// 02 121530Z …`) or a lone classification line: `Some(rest)`, the text
/// after the header's time group (often empty).
pub(crate) fn page_header(line: &str) -> Option<&str> {
    static PAGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)\s+)?PAGE\s+\d{1,3}\s+[A-Z][A-Z .'-]*?\s+\d{3,6}(?:\s+\d{1,2}\s+OF\s+\d{1,2})?(?:\s+\d{6}Z)?\s*").unwrap()
    });
    static CLASS: LazyLock<Regex> = LazyLock::new(|| {
        // with the page-top serial of a 1990s telegram: `CONFIDENTIAL     PTQ8680`
        Regex::new(r"^\s*(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|C O N F I D E N T I A L|S E C R E T)(?:\s+PTQ\d{3,6})?\s*$").unwrap()
    });
    let t = line.trim_start_ws();
    if t.has("PAGE") {
        if let Some(m) = PAGE.find(line) {
            return Some(line[m.end()..].trim_ws());
        }
    }
    // (the pattern's words first: many a line of prose starts with one of
    // their letters)
    const CLASS_STARTS: [&str; 6] = [
        "UNCLAS",
        "CONFIDENTIAL",
        "SECRET",
        "LIMITED OFFICIAL USE",
        "C O N",
        "S E C",
    ];
    if CLASS_STARTS.iter().any(|w| t.starts_with(w)) && CLASS.is_match(line) {
        return Some("");
    }
    None
}

/// Read the entries of a TAGS list (label removed, continuation lines
/// joined with spaces).
pub(crate) fn parse_tags(text: &str) -> Tags {
    // OCR'd specks of the page margin after the list (`PREL MX | | Sy %`):
    // a bar standing alone ends it
    let text = text
        .find_str(" | ")
        .or_else(|| text.ends_with(" |").then(|| text.len() - 2))
        .map_or(text, |i| &text[..i]);
    let mut tags = Tags::default();
    // person tags in parentheses first, in their place: the pieces
    // between parentheses and inside them, one after another (made as they
    // are read, not collected)
    let mut rest = Some(text);
    let mut inside: Option<&str> = None;
    let pieces = std::iter::from_fn(|| {
        if let Some(p) = inside.take() {
            return Some((p, true));
        }
        let r = rest?;
        match r.find('(') {
            Some(open) => {
                let close = r[open..].find(')').map_or(r.len(), |c| open + c);
                inside = Some(&r[open + 1..close]);
                rest = Some(r.get(close + 1..).unwrap_or(""));
                Some((&r[..open], false))
            }
            None => {
                rest = None;
                Some((r, false))
            }
        }
    });
    let comma_mode = text.contains([',', ';']);
    let mut after_ovip = false;
    // (one vector for the words of every piece)
    let mut words = Vec::new();
    for (piece, paren) in pieces {
        if paren {
            let p = collapse_ws(piece).into_owned();
            if p.is_empty() {
                continue;
            }
            let person = after_ovip || p.contains(',');
            tags.push(p, if person { Kind::Person } else { Kind::Subject });
            after_ovip = false;
            continue;
        }
        if comma_mode {
            let mut items = piece.split([',', ';']).peekable();
            while let Some(item) = items.next() {
                let person_next = after_ovip;
                read_words(item, true, &mut after_ovip, &mut tags, &mut words);
                // `OVIP, LANGSTON, MARGARET`: a person tag written surname,
                // comma, given name; the given name (one word, no code of
                // the table) joins it
                let surname = item.trim_ws();
                if let Some(given) = items.peek().map(|g| g.trim_ws()) {
                    if person_next
                        && is_name_word(surname)
                        && is_name_word(given)
                        && !is_code_ci(given)
                        && tags.persons.last().is_some_and(|p| p == surname)
                    {
                        tags.persons.pop();
                        tags.all.pop();
                        tags.push(format!("{surname}, {given}"), Kind::Person);
                        items.next();
                    }
                }
            }
        } else {
            read_words(piece, false, &mut after_ovip, &mut tags, &mut words);
        }
    }
    tags
}

/// One word of letters (a hyphen or apostrophe inside): a name part.
fn is_name_word(w: &str) -> bool {
    w.len() >= 2
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && w.starts_with(char::is_alphabetic)
}

/// Keywords written as short words that would each read as a code: one
/// subject tag (`POL MIL`, 04BRASILIA3154). Longer words (`COUNTER
/// TERRORISM`) join by the phrase rule without a list.
const KEYWORDS: &[&str] = &["POL MIL"];

/// One item (comma mode) or the whole list (space mode); `words` is a
/// vector to read its words into (the caller's, for every item).
fn read_words<'t>(
    item: &'t str,
    one_item: bool,
    after_ovip: &mut bool,
    tags: &mut Tags,
    words: &mut Vec<&'t str>,
) {
    words.clear();
    words.extend(
        item.split_whitespace()
            // codes joined by slashes: `PREL/KDEM/PGOV/CO`
            .flat_map(|w| {
                let slashed =
                    w.contains('/') && w.split('/').all(|p| !p.is_empty() && is_code_ci(p));
                w.split(if slashed { '/' } else { '\0' })
            })
            .map(|w| w.trim_matches(|c: char| matches!(c, '.' | ':' | '"' | '\'')))
            .filter(|w| !w.is_empty() && !w.bytes().all(|b| b.is_ascii_digit())),
    );
    let words = &words[..];
    let mut phrase: Vec<&str> = Vec::new();
    let flush = |phrase: &mut Vec<&str>, after_ovip: &mut bool, tags: &mut Tags| {
        if phrase.is_empty() {
            return;
        }
        let p = phrase.join(" ");
        let kind = if *after_ovip {
            Kind::Person
        } else {
            Kind::Subject
        };
        tags.push(p, kind);
        phrase.clear();
        *after_ovip = false;
    };
    if one_item
        && words.len() > 1
        && !words
            .iter()
            .all(|w| code_shape(w).is_some() || split_run(w).is_some())
    {
        let (lead, rest) = if words[0] == "OVIP" {
            (Some("OVIP"), &words[1..])
        } else {
            (None, words)
        };
        if let Some(l) = lead {
            tags.push(l.to_string(), Kind::Code);
            *after_ovip = true;
        }
        phrase.extend(rest);
        flush(&mut phrase, after_ovip, tags);
        return;
    }
    let mut skip = 0;
    for (i, w) in words.iter().enumerate() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        // a keyword of short words that are no codes (`POL MIL`)
        if let Some(k) = KEYWORDS.iter().find(|k| {
            let n = k.split(' ').count();
            words.len() >= i + n
                && words[i..i + n]
                    .iter()
                    .zip(k.split(' '))
                    .all(|(a, b)| a.eq_ignore_ascii_case(b))
        }) {
            flush(&mut phrase, after_ovip, tags);
            tags.push((*k).to_string(), Kind::Subject);
            skip = k.split(' ').count() - 1;
            continue;
        }
        if !phrase.is_empty() && one_item {
            // inside a comma item, a phrase runs to the item's end
            phrase.push(w);
            continue;
        }
        if let Some(in_table) = code_shape(w) {
            // a short unknown word inside a phrase (`FOREIGN POL`), or
            // opening a person tag after OVIP when a word that is no code
            // of the table follows (`OVIP RICE CONDOLEEZZA`; elsewhere two
            // unknown short words are two codes: `OTR TC`, `CTM SCCC`)
            let opens_person = *after_ovip
                && words
                    .get(i + 1)
                    .is_some_and(|n| code_shape(n) != Some(true));
            if (!phrase.is_empty() || opens_person) && !in_table {
                phrase.push(w);
                continue;
            }
            flush(&mut phrase, after_ovip, tags);
            // (the code, upper-cased, only for a word that is one)
            let code = w.to_ascii_uppercase();
            *after_ovip = code == "OVIP";
            tags.push(code, Kind::Code);
            continue;
        }
        if let Some(parts) = split_run(w) {
            flush(&mut phrase, after_ovip, tags);
            for p in parts {
                *after_ovip = p == "OVIP";
                tags.push(p, Kind::Code);
            }
            continue;
        }
        phrase.push(w);
    }
    flush(&mut phrase, after_ovip, tags);
}

/// Is `w` read as a code: a code of the table in any case (`Some(true)`),
/// or an unknown word of two to four capitals (`Some(false)`)? The code
/// is `w` upper-cased; it is not made here, as most words are no code.
fn code_shape(w: &str) -> Option<bool> {
    // (`w` is its upper-case form when it has no lower-case letter)
    if is_code_ci(w)
        && (!w.bytes().any(|b| b.is_ascii_lowercase())
            || w.bytes().all(|b| !b.is_ascii_uppercase()))
    {
        return Some(true);
    }
    // (a word of capitals in the table was taken above)
    (w.len() >= 2 && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_uppercase())).then_some(false)
}

/// A run of codes written together (`ETRDEINVECINPGOVCS`), split into the
/// fewest codes of the table, one of them a four-letter subject code.
fn split_run(w: &str) -> Option<Vec<String>> {
    if w.len() < 6 || w.len() > 60 || !w.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    if !(w.bytes().all(|b| b.is_ascii_uppercase()) || w.bytes().all(|b| b.is_ascii_lowercase())) {
        return None;
    }
    let up = w.to_ascii_uppercase();
    let n = up.len();
    // best[i]: fewest codes covering up[..i], with the last code's length
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0));
    for i in 1..=n {
        for len in [5usize, 4, 2] {
            if len > i {
                continue;
            }
            let Some((count, _)) = best[i - len] else {
                continue;
            };
            if is_code(&up[i - len..i]) && best[i].is_none_or(|(c, _)| count + 1 < c) {
                best[i] = Some((count + 1, len));
            }
        }
    }
    let mut parts = Vec::new();
    let mut i = n;
    while i > 0 {
        let (_, len) = best[i]?;
        parts.push(up[i - len..i].to_string());
        i -= len;
    }
    parts.reverse();
    (parts.len() >= 2 && parts.iter().any(|p| p.len() >= 4)).then_some(parts)
}

/// `SUBJECT: …` in its variants: the text after the label.
pub(crate) fn subject_label(line: &str) -> Option<&str> {
    let t = line.trim_start_ws();
    let end = t
        .bytes()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(t.len());
    let word = &t[..end];
    // a cheap no first: this runs on every header line
    if !(4..=7).contains(&end) || !matches!(t.as_bytes()[0], b'S' | b's' | b'U' | b'u') {
        return None;
    }
    if !["SUBJECT", "SUBJ", "UBJECT"]
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w))
    {
        return None;
    }
    let rest = &t[end..];
    let after = rest.trim_start_ws();
    if let Some(r) = after.strip_prefix(':') {
        return Some(r.trim_start_ws());
    }
    // `SUBJECT - FOO`, `SUBJ -- FOO`: a dash for the colon
    if let Some(r) = after.strip_prefix("--").or_else(|| after.strip_prefix('-')) {
        if r.starts_with([' ', '\t']) {
            return Some(r.trim_start_ws());
        }
    }
    // `SUBJECT FOO`: capitals, no colon, text after a space; in any case
    // (`Subject estonian defense …`, a lower-case header) when the text is
    // not the English `subject to …`
    let first = after.split_whitespace().next().unwrap_or("");
    (word.eq_ignore_ascii_case("SUBJECT")
        && after.len() < rest.len()
        && (word == "SUBJECT"
            && after.starts_with(|c: char| c.is_ascii_uppercase() || c == '(' || c == '"')
            || (after.split_whitespace().count() >= 2
                && first.starts_with(|c: char| c.is_alphabetic() || c == '(')
                && !["to", "of", "matter", "and", "or"]
                    .iter()
                    .any(|w| first.eq_ignore_ascii_case(w)))))
    .then_some(after)
}

/// Does `next` end a subject that reads `so_far`? (The body's page
/// furniture ends it too: `text::subject_ends`.)
pub(crate) fn subject_stops(so_far: &str, next: &str) -> bool {
    let n = next.trim_ws();
    n.is_empty()
        || ref_label(n).is_some()
        || is_classified_by(n)
        || tags_label(n).is_some()
        || n.starts_with("E.O")
        || n.starts_with("EO 1")
        || n.starts_with('¶')
        || super::markers::candidate(n).is_some()
        || is_summary_heading(n)
        || starts_with_ci(n, "begin summary")
        || opens_with_marking(n)
        || is_handling_line(n)
        || (!so_far.bytes().any(|b| b.is_ascii_lowercase())
            && before_classified_by(n)
                .bytes()
                .filter(|b| b.is_ascii_lowercase())
                .count()
                > 3)
}

/// The part of a line before a `Classified By` run onto it (`DISTRIBUTION
/// Classified By: Ambassador …`: `DISTRIBUTION`, which the subject goes on
/// with; the clause is cut off when the subject is cleaned).
fn before_classified_by(n: &str) -> &str {
    let b = n.as_bytes();
    (1..=b.len().saturating_sub(13))
        .find(|&i| b[i - 1] == b' ' && b[i..i + 13].eq_ignore_ascii_case(b"classified by"))
        .map_or(n, |i| &n[..i])
}

/// `Summary`, `SUMMARY:`, `Summary and Comment`: a heading, not a subject
/// line that goes on `SUMMARY OF EVENTS`.
fn is_summary_heading(n: &str) -> bool {
    if !starts_with_ci(n, "summary") {
        return false;
    }
    let rest = n[7..].trim_start_ws();
    rest.is_empty()
        || rest.starts_with([':', '.', '-', ';'])
        || starts_with_ci(rest, "and ")
        || rest.starts_with('(')
}

/// An action or distribution line that may follow the SUBJECT line:
/// `SENSITIVE BUT UNCLASSIFIED - PLEASE PROTECT ACCORDINGLY`, `DECL: OADR`,
/// `ACTION REQUEST: …`, `THIS IS AN ACTION REQUEST`, `DEPT PASS TO USTR`,
/// `DEPARTMENT FOR WHA/AND`, `THIS CABLE CONTAINS BUSINESS CONFIDENTIAL
/// INFORMATION …` (lines of handling words alone, `NOFORN`, `EXDIS`, are
/// the body's furniture: `text::is_dropped`).
fn is_handling_line(n: &str) -> bool {
    const STARTS: &[&str] = &[
        "SENSITIVE BUT UNCLASSIFIED",
        "DECL:",
        "ACTION REQUEST",
        "THIS IS AN ACTION REQUEST",
        "DEPT PASS ",
        "DEPARTMENT PASS ",
        "DEPT FOR ",
        "DEPARTMENT FOR ",
        "PASS TO ",
        "THIS CABLE ",
        "THIS MESSAGE ",
        "NOT FOR INTERNET",
    ];
    STARTS.iter().any(|p| starts_with_ci(n, p))
}

/// A body line that opens with a marking, perhaps behind a number without
/// its dot: `(C) …`, `(C/NF) THE MINISTER …`, `(S//NF) …`, `1 (C) …`.
fn opens_with_marking(n: &str) -> bool {
    static MARKED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\d{1,2}\.?\s+)?\((?:U|C|S|SBU|TS)(?:\s*/{1,2}\s*[A-Z]+)*\)").unwrap()
    });
    n.starts_with(['(', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']) && MARKED.is_match(n)
}

/// Clean a joined subject: cut what ran onto it, decode entities, drop
/// backslash joins, collapse white space.
pub(crate) fn clean_subject(s: &str) -> String {
    // the label written twice: `SUBJECT: SUBJECT: …`
    let s = subject_label(s).filter(|r| r.len() < s.len()).unwrap_or(s);
    static RUN_ON: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:\s|^)(?:(?i:refs?|reftels?|references?)\s*:|REF\s+\(?[A-Z][.)]|REFTELS?(?-u:\b)|(?i:classified\s+by)(?-u:\b)|¶\s*1\.|1\.\s+(?:\((?:C|U|S|SBU)\)|SUMMARY|Summary)|(?:BEGIN\s+)?(?:SUMMARY|Summary)\s*:|E\.\s?O\.\s?1\d{4}|TAGS\s*:)")
            .unwrap()
    });
    let s = match RUN_ON.find(s) {
        // and the `;` or `,` that led to what ran on
        Some(m) if m.start() > 0 => s[..m.start()].trim_end_ws().trim_end_matches([';', ',']),
        _ => s,
    };
    let s = decode_entities(s);
    // (the copies only where there is a backslash)
    let s = if s.contains('\\') {
        std::borrow::Cow::Owned(
            s.replace(" \\ ", " ")
                .replace("\\ ", " ")
                .replace(" \\", " "),
        )
    } else {
        s
    };
    collapse_ws(&s).into_owned()
}

/// Decode HTML character references left in text (`&#8217;`, `&#x2019;`,
/// `&amp;`, `&quot;`, `&lt;`, `&gt;`, `&apos;`, `&nbsp;`); text without
/// an `&` comes back as it is, uncopied.
pub(crate) fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        // `;` within the next 12 bytes (at a char boundary: any text)
        let semi = tail
            .char_indices()
            .take_while(|&(i, _)| i < 12)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        let decoded = semi.and_then(|e| {
            let name = &tail[1..e];
            let c = match name {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let v = match num.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(v)
                }
            }?;
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// The `Classified By` clause, split.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClassifiedBy {
    /// The person, as written (`CHARLES V. BARCLAY`).
    pub name: Option<String>,
    /// The title before or after the name (`POLCOUNS`, `Ambassador`).
    pub title: Option<String>,
    /// The reasons (`1.4(b) and (d)`).
    pub reasons: Option<String>,
}

/// Words of a title; a leading run of them (or of words with a `/`, or
/// of these abbreviations) is the title, not the name.
const TITLE_WORDS: &[&str] = &[
    "a.i.",
    "a.i",
    "a/dcm",
    "acting",
    "administrative",
    "adviser",
    "advisor",
    "affairs",
    "amb",
    "amb.",
    "ambassador",
    "and",
    "assistant",
    "attache",
    "cda",
    "cg",
    "charge",
    // `Charg d’Affaires`: the é lost
    "charg",
    "chargé",
    "chief",
    "commercial",
    "consul",
    "coordinator",
    "counsel",
    "counselor",
    "counsellor",
    "d'affaires",
    "das",
    "dcm",
    "defense",
    "deputy",
    "director",
    "econ",
    "econcouns",
    "econoff",
    "economic",
    "embassy",
    "for",
    "general",
    "head",
    "interim",
    "management",
    "minister",
    "minister-counselor",
    "mission",
    "of",
    "office",
    "officer",
    "pao",
    "po",
    "pol",
    "pol-econ",
    "polcouns",
    "polchief",
    "polcounselor",
    "econcounselor",
    "political",
    "poloff",
    "polmincouns",
    "principal",
    "public",
    "regional",
    "rso",
    "section",
    "secretary",
    "senior",
    "the",
    "u.s.",
    "us",
    "under",
    "unit",
    "usun",
    "representative",
    "permanent",
    "d'affairs",
    "d'",
    "affaires",
    "d'affaires,",
    "a.i.",
    "a.i.,",
    "pol/econ",
    "econ/pol",
    "minister-counsellor",
    "ad",
    "interim,",
    "isn",
    "eur",
    "nea",
    "wha",
    "eap",
    "sca",
    "inr",
    "drl",
    "eeb",
    "oes",
    "inl",
    "prm",
    "srap",
    "pm",
];

/// The offices of an officer word (`Poloff`, `EconOff`, `MsnOff`,
/// `Pol/Econoff`): the whole word is one of these and `off`, so a name
/// that only ends in `off` (`Geoff`, `Kasoff`) is no title.
const OFFICER_STEMS: &[&str] = &[
    "pol", "econ", "eco", "ec", "msn", "con", "cons", "emb", "est", "prt", "ref", "mgt", "mgmt",
    "pm", "rso", "lab", "sci", "pa", "pd", "mil", "polec", "poleco", "polecon", "pol/econ",
    "econ/pol", "pol-econ", "polmil", "pol/mil", "pol-mil", "dep", "esth", "fcs", "ag",
];

fn is_title_word(w: &str) -> bool {
    static TITLES: LazyLock<FxHashSet<&'static str>> =
        LazyLock::new(|| TITLE_WORDS.iter().copied().collect());
    static STEMS: LazyLock<FxHashSet<&'static str>> =
        LazyLock::new(|| OFFICER_STEMS.iter().copied().collect());
    // a short ASCII word (most are) is lower-cased on the stack, as
    // `lower_word` would: this runs on every word of every `Classified By`
    let mut buf = [0u8; 32];
    let lowered = crate::normalize::lower_word_in(w, &mut buf);
    let full = lowered.trim_end_matches([',', ':']);
    // `Charge’ d’Affaires`: an apostrophe after the word
    let l = full.trim_end_matches('\'');
    // `PolCouns`, `EconMC`, `PolMC`: an office prefix, then a capital
    let camel = ["Pol", "Econ", "Mgmt", "Cons", "Pub"].iter().any(|p| {
        w.strip_prefix(p)
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_uppercase() || c == '/'))
    });
    // (each look-up once: `full` is `l` unless it ends in a mark, and `l`
    // split at hyphens is `l` itself unless it has one)
    !l.is_empty()
        && (camel
            || l.strip_suffix("off")
                .is_some_and(|stem| STEMS.contains(stem))
            || TITLES.contains(l)
            || (full != l && TITLES.contains(full))
            || (l.contains('/') && l.len() > 2)
            || (l.contains('-') && l.split('-').all(|p| TITLES.contains(p))))
}

/// A title word broken by the line end (`Charge d'Affai` / `res`): two
/// words that are no title words but make one when joined are joined.
/// (Most clauses have none: they are returned as they are, uncopied.)
fn mend_title_words(s: &str) -> std::borrow::Cow<'_, str> {
    let mut out: Option<String> = None;
    // (the words read in place, and a pair joined on the stack: this runs
    // on every clause)
    let mut buf = [0u8; 24];
    let mut words = s.split(' ').peekable();
    // where the next word starts
    let mut at = 0;
    while let Some(w) = words.next() {
        let w_at = at;
        at += w.len() + 1;
        // (title words are short: longer pairs are not joined, and the
        // joined word is looked up first, as it is rarely a title)
        if let Some(&next) = words
            .peek()
            .filter(|n| !n.is_empty() && !w.is_empty() && w.len() + n.len() <= 24)
        {
            let pair = &mut buf[..w.len() + next.len()];
            pair[..w.len()].copy_from_slice(w.as_bytes());
            pair[w.len()..].copy_from_slice(next.as_bytes());
            let joined = std::str::from_utf8(pair).expect("two strings joined are UTF-8");
            if is_title_word(joined) && !is_title_word(w) && !is_title_word(next) {
                // the words before, as written: one space between them
                let o = out.get_or_insert_with(|| s[..w_at.saturating_sub(1)].to_string());
                if !o.is_empty() {
                    o.push(' ');
                }
                o.push_str(joined);
                words.next();
                at += next.len() + 1;
                continue;
            }
        }
        if let Some(o) = out.as_mut() {
            o.push(' ');
            o.push_str(w);
        }
    }
    out.map_or(std::borrow::Cow::Borrowed(s), std::borrow::Cow::Owned)
}

/// Does `next` continue a `Classified By` clause that reads `so_far`? Only
/// while the reasons are missing or the clause ends mid-list.
pub(crate) fn classified_by_continues(so_far: &str, next: &str, read: &mut ReadReasons) -> bool {
    let n = next.trim_ws();
    if n.starts_with(['-', '=', '_', '¶'])
        || starts_with_ci(n, "summary")
        || n.starts_with("(")
            && n.len() > 8
            && n[1..].starts_with(['C', 'S', 'U'])
            && n.contains(')')
            && !n.contains(',')
            && n.len() > 12
    {
        return false;
    }
    let s = so_far.trim_end_ws();
    let lower = s.to_ascii_lowercase();
    read.reasons(s).is_none_or(reasons_cut)
        || lower.ends_with(" and")
        || lower.ends_with(',')
        || lower.ends_with('&')
        || lower.ends_with('(')
        || starts_with_ci(n, "and ")
        || n.starts_with(['(', '&'])
}

/// Reasons cut short by a line end: `1` or `1.` (of `1.4`), a parenthesis
/// left open (`1.4 (b/d`), `and` broken (`1.4(b) a`, `(b) an`).
pub(crate) fn reasons_cut(r: &str) -> bool {
    let r = r.trim_end_ws();
    let open = r.bytes().filter(|&b| b == b'(').count();
    let close = r.bytes().filter(|&b| b == b')').count();
    open > close
        || r == "1"
        || r == "1."
        || r.ends_with(" 1")
        || r.ends_with(" 1.")
        || r.ends_with(" a")
        || r.ends_with(" an")
}

/// Reasons as written but mended where a line end broke them: `1. 4` and
/// `1 .4` are `1.4`, `( d)` is `(d)`, `a nd` and `an d` are `and`.
fn mend_reasons(r: &str) -> String {
    // (nothing to mend without a blank beside a dot or a parenthesis, or a
    // broken `and`: the look-up runs on every clause's reasons)
    let broken_and = || contains_ci(r, "a nd") || contains_ci(r, "an d");
    if !(r.has(". ") || r.has(" .") || r.has("( ") || r.has(" )") || broken_and()) {
        return r.to_string();
    }
    static BROKEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(\d) ?\. ?(\d)|\( (\w)|(\w) \)|(?-u:\b)(?i:(a) (nd))(?-u:\b)|(?-u:\b)(?i:(an) (d))(?-u:\b)",
        )
        .unwrap()
    });
    BROKEN
        .replace_all(r, |c: &regex::Captures<'_>| {
            if let (Some(a), Some(b)) = (c.get(1), c.get(2)) {
                format!("{}.{}", a.as_str(), b.as_str())
            } else if let Some(a) = c.get(3) {
                format!("({}", a.as_str())
            } else if let Some(a) = c.get(4) {
                format!("{})", a.as_str())
            } else if let (Some(a), Some(b)) = (c.get(5), c.get(6)) {
                format!("{}{}", a.as_str(), b.as_str())
            } else {
                format!("{}{}", &c[7], &c[8])
            }
        })
        .into_owned()
}

/// A `Classified By` clause split at its reasons: where they start, the
/// reasons read, and the clause (white space collapsed, title words mended).
type ReasonSplit = (usize, Option<String>, String);

/// A `Classified By` clause (what follows the label), its white space
/// collapsed and broken title words mended; where its reasons start, and
/// the reasons read.
fn split_reasons(s: &str) -> ReasonSplit {
    static REASON: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:[.,;:]\s*|\s+|^)(?:-+\s*)?(?:(?:f ?o ?r|per|under)\s+)?(?:rea ?s ?o ?n ?s?(?-u:\b)|reaons?(?-u:\b)|e\.\s?o\.\s*1[23]\d{3}|(?:e\.?o\.?\s*(?:12958|13526)?[,:]?\s*)?1\.[456](?-u:\b))|\s*[:;]\s*\(?[a-h]\)")
            .unwrap()
    });
    static EO_LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^e\.\s?o\.\s*1[23]\d{3}[\s,;:]+(?:(?:for\s+)?reasons?(?-u:\b)[\s,;:]*)?")
            .unwrap()
    });
    static PARA_ONE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s+¶?1\.\s+\((?:U|SBU|C|S)(?:/\w+)*\)").unwrap());
    // a comma typed for the apostrophe of a title (`Charge d,Affaires`):
    // the clause is not split there
    static COMMA_APOSTROPHE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)(d), ?(affaire?s)(?-u:\b)").unwrap());
    let s = collapse_ws(s).into_owned();
    // (the regex only where its word is: it runs on every clause)
    let s = if contains_ci(&s, "affair") {
        COMMA_APOSTROPHE.replace_all(&s, "$1'$2").into_owned()
    } else {
        s
    };
    let s = match mend_title_words(&s) {
        std::borrow::Cow::Owned(mended) => mended,
        std::borrow::Cow::Borrowed(_) => s,
    };
    let (auth, reasons) = match REASON.find(&s) {
        Some(m) => (&s[..m.start()], Some(&s[m.start()..])),
        None => (s.as_str(), None),
    };
    let reasons = reasons.and_then(|r| {
        let r = r.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '-')
        });
        let mut r = r;
        for lead in ["for ", "per ", "under "] {
            if starts_with_ci(r, lead) {
                r = &r[lead.len()..];
                break;
            }
        }
        // do the first nine characters, spaces dropped, lower-cased, start
        // with `word`? (read in place, no lower-case copy)
        let compact_starts = |word: &str| {
            let mut compact = r
                .chars()
                .take(9)
                .filter(|c| *c != ' ')
                .map(|c| c.to_ascii_lowercase());
            word.chars().all(|w| compact.next() == Some(w))
        };
        if compact_starts("reason") {
            // `reasons`, `reas ons`: skip the word, its spaces included
            let mut seen = 0;
            let want = if compact_starts("reasons") { 7 } else { 6 };
            let mut cut = 0;
            for (k, c) in r.char_indices() {
                if c != ' ' {
                    seen += 1;
                }
                if seen == want {
                    cut = k + c.len_utf8();
                    break;
                }
            }
            r = &r[cut..];
        }
        let r = r.trim_start_matches([' ', ':', '.', ',']).trim_ws();
        // `E.O. 12958, reasons 1.4 (b)`: the order named, then the reasons
        // (each look-up only where its first letters are: the clause is
        // collapsed, one space between words)
        let r = match r.starts_with(['e', 'E']).then(|| EO_LEAD.find(r)).flatten() {
            Some(m) => &r[m.end()..],
            None => r,
        };
        // paragraph 1 run onto the line: `1.4 (b), (d) 1. (C/NF) Summary: …`
        let r = match r.has("1. (").then(|| PARA_ONE.find(r)).flatten() {
            Some(m) => &r[..m.start()],
            None => r,
        };
        let r = r.trim_end_matches(['.', ',', ';', ':', ' ']);
        (!r.is_empty()).then(|| mend_reasons(r))
    });
    (auth.len(), reasons, s)
}

/// The reasons of `Classified By` clauses, as [`parse_classified_by`]
/// reads them, without reading their names and titles; the last clause
/// read is kept, so that a clause read line by line (is it cut short? does
/// the next line go on with it?) has its reasons read once per line, and
/// not again when it is parsed whole ([`ReadReasons::parse`]).
#[derive(Default)]
pub(crate) struct ReadReasons {
    /// The last clause read (white space at its end aside) and its split.
    last: Option<(String, ReasonSplit)>,
}

impl ReadReasons {
    fn split(&mut self, s: &str) -> &ReasonSplit {
        // (white space at the end changes nothing: the clause is collapsed
        // and trimmed first)
        let s = s.trim_end_ws();
        match &mut self.last {
            // (the last clause's string is reused for the new one)
            Some((k, split)) if k != s => {
                k.clear();
                k.push_str(s);
                *split = split_reasons(s);
            }
            Some(_) => {}
            None => self.last = Some((s.to_string(), split_reasons(s))),
        }
        &self.last.as_ref().expect("just set").1
    }

    /// The reasons of the clause `s`.
    pub(crate) fn reasons(&mut self, s: &str) -> Option<&str> {
        self.split(s).1.as_deref()
    }

    /// The clause `s` parsed, as [`parse_classified_by`] would.
    pub(crate) fn parse(&mut self, s: &str) -> ClassifiedBy {
        self.split(s);
        let (_, split) = self.last.take().expect("just read");
        classified_by_from(split)
    }
}

/// Split a `Classified By` clause (what follows the label): its name,
/// title and reasons.
pub(crate) fn parse_classified_by(s: &str) -> ClassifiedBy {
    classified_by_from(split_reasons(s))
}

/// A `Classified By` clause read: its name and title from the part before
/// its reasons (`(where the reasons start, the reasons, the clause)`, as
/// [`split_reasons`] gives them).
///
/// Long by design: one grammar for the clause's name, title and agency.
#[allow(clippy::too_many_lines)]
fn classified_by_from((auth_len, reasons, s): ReasonSplit) -> ClassifiedBy {
    let auth = &s[..auth_len];
    let auth = auth
        .trim_ws()
        .trim_end_matches([',', ';', ':', '-', ' '])
        .trim_ws();
    // `CLASSIFIED CONFIDENTIAL BY ACTING DCM …`: the label written twice
    let auth = match starts_with_ci(auth, "classified ")
        .then(|| auth.find_str(" BY ").or_else(|| auth.find_str(" by ")))
        .flatten()
    {
        Some(at) => auth[at + 4..].trim_ws(),
        None => auth,
    };
    let mut title_parts: Vec<String> = Vec::new();
    let mut name: Option<String> = None;
    if starts_with_ci(auth, "derived from") {
        // not a person: `Derived from Multiple Sources`
        return ClassifiedBy {
            name: None,
            title: None,
            reasons,
        };
    }
    // in a mixed-case clause, a leading word in capitals is an office
    // (`USEU EconMinCouns Peter Chase`, `SCA Richard A. Boucher`)
    let mixed = auth.bytes().any(|b| b.is_ascii_lowercase());
    let office = |w: &&str| {
        mixed
            && w.len() >= 2
            && w.len() <= 6
            && w.bytes().all(|b| b.is_ascii_uppercase() || b == b'/')
    };
    // (one vector for every part's words)
    let mut words: Vec<&str> = Vec::new();
    for part in auth.split([',', ';']) {
        words.clear();
        words.extend(part.split_whitespace());
        if words.is_empty() {
            continue;
        }
        let lead = words
            .iter()
            .take_while(|w| is_title_word(w) || office(w))
            .count();
        // an office word only before a mixed-case name
        let lead = if words[lead..]
            .iter()
            .any(|w| w.bytes().any(|b| b.is_ascii_lowercase()))
        {
            lead
        } else {
            words.iter().take_while(|w| is_title_word(w)).count()
        };
        // a title ends at its last title word (`Somalia Unit Counselor Bob
        // Patterson`), when a name follows
        let last_title = words.iter().rposition(|w| is_title_word(w));
        let lead = match last_title {
            Some(k)
                if k + 1 < words.len()
                    && k >= lead
                    && words[k + 1..].iter().all(|w| !is_title_word(w))
                    && words[k].chars().next().is_some_and(char::is_uppercase) =>
            {
                k + 1
            }
            _ => lead,
        };
        let lead = long_title_end(&words, lead);
        if lead == words.len() {
            title_parts.push(words.join(" "));
            continue;
        }
        if words[0].eq_ignore_ascii_case("for") {
            // `FOR REAS ONS` broken by a line end: not a title
            continue;
        }
        if let (Some(n), [suffix]) = (name.as_mut(), &words[..]) {
            // `CLARK T. RANDT, JR.`: the suffix is part of the name
            if matches!(
                suffix.trim_end_matches('.').to_ascii_uppercase().as_str(),
                "JR" | "SR" | "II" | "III" | "IV"
            ) {
                n.push_str(", ");
                n.push_str(suffix);
                // `Jr. Reasons 1.4`: the period went with the reasons
                if matches!(*suffix, "JR" | "SR" | "Jr" | "Sr") {
                    n.push('.');
                }
                continue;
            }
        }
        if name.is_some() {
            // a further part that is not a title (`Embassy Paris`)
            title_parts.push(words.join(" "));
            continue;
        }
        if lead > 0 {
            title_parts.push(words[..lead].join(" "));
        }
        name = Some(words[lead..].join(" "));
    }
    let name = name.map(|n| {
        // stray marks before the name (`? IAN KELLY`), an office in
        // parentheses after it (`Maria Otero (G)`)
        let n = n.trim_start_matches(|c: char| !c.is_alphanumeric());
        let n = match n.rfind(" (") {
            Some(at) if n.ends_with(')') && n.len() - at <= 8 => &n[..at],
            _ => n,
        };
        let n = n.trim_end_matches([',', ';', ':', ' ']);
        let suffix = [
            ", JR.", ", SR.", ", Jr.", ", Sr.", " JR.", " SR.", " Jr.", " Sr.",
        ]
        .iter()
        .any(|s| n.ends_with(s));
        if n.ends_with('.') && !ends_with_initial(n) && !suffix {
            n[..n.len() - 1].to_string()
        } else if [" Jr", " JR", " Sr", " SR"].iter().any(|s| n.ends_with(s)) {
            // `Mills Jr. for reasons`: the period went with the reasons
            format!("{n}.")
        } else {
            n.to_string()
        }
    });
    ClassifiedBy {
        name: name.filter(|n| !n.is_empty()),
        title: (!title_parts.is_empty()).then(|| title_parts.join(", ")),
        reasons,
    }
}

/// A title that goes on past a joining word (`U.S. Permanent
/// Representative to the Conference on Disarmament Laura Kennedy`): when
/// the words after the title words open with `to`, `on`, `at`, `in`,
/// `with` or `from` (or the title words end in a joining word, or, in a
/// mixed-case clause, a small joining word stands among them), the title runs to the last joining word (`the`,
/// `of`, `and`, `for` count there too) and at least one capitalised word
/// after it (what the title names); the name is the last run of name
/// words: a given name, initials, the surname and a suffix (`Jr.`).
/// Returns where the name starts (`lead` when the rule does not apply).
fn long_title_end(words: &[&str], lead: usize) -> usize {
    const OPENS: &[&str] = &["to", "on", "at", "in", "with", "from"];
    const JOINS: &[&str] = &[
        "to", "on", "at", "in", "with", "from", "the", "of", "and", "for",
    ];
    // a joining word in lower case, or in capitals in a clause in capitals
    let caps = !words
        .iter()
        .any(|w| w.bytes().any(|b| b.is_ascii_lowercase()));
    let joining = |w: &str, set: &[&str]| {
        (w.bytes().all(|b| b.is_ascii_lowercase()) || caps)
            && set.contains(&w.to_ascii_lowercase().as_str())
    };
    let rest = &words[lead..];
    // a title left open: the words after it open with a joining word, or
    // the title words end in one (`Special Envoy for the`), or (in mixed
    // case, where no name holds a small `to` or `of`) one stands among them
    let open = rest.first().is_some_and(|w| joining(w, OPENS))
        || lead > 0 && joining(words[lead - 1], JOINS)
        || !caps && rest.iter().any(|w| joining(w, JOINS));
    if !open {
        return lead;
    }
    let after = rest
        .iter()
        .rposition(|w| joining(w, JOINS))
        .map_or(0, |j| j + 1);
    let run = &rest[after..];
    if run.len() < 2
        || !run
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        return lead;
    }
    let initial = |w: &str| {
        let t = w.trim_end_matches('.');
        t.len() == 1 && w.len() <= 2
    };
    let suffix = |w: &str| {
        matches!(
            w.trim_end_matches(['.', ',']).to_ascii_uppercase().as_str(),
            "JR" | "SR" | "II" | "III" | "IV"
        )
    };
    // from the end: a suffix, the surname, initials, a given name, initials
    let mut k = run.len();
    if k > 2 && suffix(run[k - 1]) {
        k -= 1;
    }
    k -= 1;
    while k > 0 && initial(run[k - 1]) {
        k -= 1;
    }
    if k > 0 {
        k -= 1;
        while k > 0 && initial(run[k - 1]) {
            k -= 1;
        }
    }
    // the title names something: one word at least stays with it
    lead + after + k.max(1)
}

fn ends_with_initial(s: &str) -> bool {
    let w = s.rsplit(' ').next().unwrap_or("");
    w.len() == 2 && w.as_bytes()[0].is_ascii_uppercase()
}

/// One reference of a cable.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Reference {
    /// The letter it is listed under (`A`), if any.
    pub letter: Option<String>,
    /// The canonical id of the cited cable (`07MOSCOW3054`), if it is one.
    pub id: Option<String>,
    /// The reference as written.
    pub text: String,
    /// `cable`, `septel`, `email`, `phone`, `meeting` or `other`.
    pub kind: String,
}

/// `REF: …` in its variants: what follows the label.
pub(crate) fn ref_label(line: &str) -> Option<&str> {
    let t = line.trim_start_ws();
    let end = t
        .bytes()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(t.len());
    if !(3..=10).contains(&end) || !matches!(t.as_bytes()[0], b'R' | b'r') {
        return None;
    }
    let word = &t[..end];
    if ![
        "REF",
        "REFS",
        "REFTEL",
        "REFTELS",
        "REFERENCE",
        "REFERENCES",
    ]
    .iter()
    .any(|w| word.eq_ignore_ascii_case(w))
    {
        return None;
    }
    let rest = &t[end..];
    let after = rest.trim_start_ws();
    if let Some(r) = after.strip_prefix(':') {
        return Some(r.trim_start_ws());
    }
    // `REF A. …`, `REF (A) …`, `REF STATE 123`: capitals only
    // (the word is its upper-case form: no lower-case letter)
    (!word.bytes().any(|b| b.is_ascii_lowercase())
        && after.len() < rest.len()
        && after.starts_with(|c: char| c.is_ascii_uppercase() || c == '(' || c.is_ascii_digit()))
    .then_some(after)
}

/// Read the references of a REF block (label removed, lines joined);
/// `year` is the citing cable's two-digit year.
pub(crate) fn parse_references(text: &str, year: Option<&str>) -> Vec<Reference> {
    // WikiLeaks made paragraph anchors of the letters (`¶B. PARIS 1714`),
    // and OCR reads that pilcrow as `1`, `1.` or `I.` (`1B.`, `I. B.`)
    static DAMAGED_LETTER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(^|\s)(?:1\.?|I\.\s?)([B-Z][.)])\s").unwrap());
    // (each copy only where it changes something: most blocks need none)
    let spaced = if text.contains('¶') {
        std::borrow::Cow::Owned(text.replace('¶', " "))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let collapsed = collapse_ws(&spaced);
    let text = if DAMAGED_LETTER.is_match(&collapsed) {
        DAMAGED_LETTER.replace_all(&collapsed, "$1$2 ")
    } else {
        std::borrow::Cow::Borrowed(&*collapsed)
    };
    let t = text.trim_end_matches(['.', ' ']);
    if t.is_empty() || t.eq_ignore_ascii_case("none") || t.eq_ignore_ascii_case("n/a") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let text: &str = &text;
    let (lettered_text, items) = lettered(text);
    if items.is_empty() {
        split_unlettered(text, year, &mut out);
    } else {
        for (letter, s, e) in items {
            let item = lettered_text[s..e]
                .trim_ws()
                .trim_end_matches([';', ',', ' '])
                .trim_ws();
            // a line WikiLeaks made a letter of that only goes on from the
            // item above (`D. AND PREVIOUS`) names no document
            if starts_with_ci(item, "and ") && !item.contains(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let ids = if not_a_cable(item) {
                Vec::new()
            } else {
                cable_ids(item, year)
            };
            if ids.len() == 1 && kind_of(item) == "other" {
                out.push(Reference {
                    letter: Some(letter.to_string()),
                    id: Some(ids[0].0.clone()),
                    text: item.to_string(),
                    kind: "cable".into(),
                });
            } else if ids.len() > 1 && kind_of(item) == "other" {
                for (id, s) in ids {
                    out.push(Reference {
                        letter: Some(letter.to_string()),
                        id: Some(id),
                        text: s,
                        kind: "cable".into(),
                    });
                }
            } else {
                out.push(Reference {
                    letter: Some(letter.to_string()),
                    id: None,
                    text: item.to_string(),
                    kind: kind_of(item).into(),
                });
            }
        }
    }
    out
}

fn split_unlettered(text: &str, year: Option<&str>, out: &mut Vec<Reference>) {
    // `ABUJA 207; FEB 24 A/S CARSON-AMB SANDERS TELCON`: parts of
    // different kinds, each on its own
    let parts: Vec<&str> = text
        .split(';')
        .filter(|p| !p.trim_ws().is_empty())
        .collect();
    // and so do parts that name no cable (`BRASILIA 1124; IIR 6 809 0156
    // 10`, `STATE 106206 CIRCULAR; STATE CA-3400 NOV 2, 1966`)
    if parts.len() > 1
        && parts.iter().any(|p| {
            kind_of(p) != "other"
                || not_a_cable(p)
                || (p.contains(|c: char| c.is_ascii_digit()) && cable_ids(p, year).is_empty())
        })
    {
        for p in parts {
            split_unlettered(p, year, out);
        }
        return;
    }
    let ids = if not_a_cable(text) {
        Vec::new()
    } else {
        cable_ids(text, year)
    };
    if ids.is_empty() || kind_of(text) != "other" {
        // `REF: EMAIL:` with nothing after the colon
        let t = text
            .trim_ws()
            .trim_end_matches(['.', ';', ',', ':'])
            .trim_ws();
        if !t.is_empty() {
            out.push(Reference {
                letter: None,
                id: None,
                text: t.to_string(),
                kind: kind_of(t).into(),
            });
        }
        return;
    }
    for (id, s) in ids {
        out.push(Reference {
            letter: None,
            id: Some(id),
            text: s,
            kind: "cable".into(),
        });
    }
}

/// An intelligence report or a message address (`IIR 6 832 0617 08`,
/// `HOTR WASHINGTON DC//USDAO PARIS`): never a cable id, whatever numbers
/// it has.
fn not_a_cable(s: &str) -> bool {
    s.has("//")
        || s.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w == "IIR")
}

/// What kind of non-cable reference `s` is.
fn kind_of(s: &str) -> &'static str {
    // the words (runs of ASCII letters, digits and hyphens) read once,
    // each compared in any case (every word asked for is in capitals)
    let (mut email, mut phone, mut meeting) = (false, false, false);
    for w in s
        .as_bytes()
        .split(|&b| !b.is_ascii_alphanumeric() && b != b'-')
    {
        // (the words asked for have 4 to 12 bytes)
        if !(4..=12).contains(&w.len()) {
            continue;
        }
        let is = |words: &[&str]| words.iter().any(|x| w.eq_ignore_ascii_case(x.as_bytes()));
        if is(&["SEPTEL", "SEPTELS"]) {
            return "septel";
        }
        email |= is(&["E-MAIL", "EMAIL", "E-MAILS", "EMAILS"]);
        phone |= is(&[
            "TELCON",
            "TELECON",
            "PHONE",
            "TELEPHONE",
            "CALL",
            "PHONECALL",
        ]);
        meeting |= is(&["MEMCON", "MEETING", "CONVERSATION"]);
    }
    if email || contains_ci(s, "UNCLASSIFIED E-MAIL") {
        "email"
    } else if phone {
        "phone"
    } else if meeting {
        "meeting"
    } else {
        "other"
    }
}

/// Split a REF block at its letters, `A.` `B.` … in sequence (also `(A)`,
/// `A)`, `A:`, and `c.` in lower case after `A`); empty when it has no `A`.
/// When the list's own letters are in parentheses after the letters
/// WikiLeaks added (`A. (A) PARIS 1817 ¶B. (B) … ¶C. 2007`), the added
/// letters are dropped and the list is cut at its own: a line end inside
/// an item made a letter of its own there (`C. 2007` goes on `(B)`).
/// The items are byte ranges of the text returned (`text` itself unless
/// letters were dropped).
fn lettered(text: &str) -> (std::borrow::Cow<'_, str>, Vec<(char, usize, usize)>) {
    let outer = lettered_at(text);
    let doubled = outer
        .first()
        .is_some_and(|&(_, m, s)| text[s..].trim_start_ws().starts_with("(A) ") && m < s);
    if doubled {
        let mut kept = String::with_capacity(text.len());
        let mut from = 0;
        for &(_, m, s) in &outer {
            kept.push_str(&text[from..m]);
            from = s;
        }
        kept.push_str(&text[from..]);
        let kept = collapse_ws(&kept).into_owned();
        let items = cut_at(kept.len(), lettered_at(&kept));
        return (std::borrow::Cow::Owned(kept), items);
    }
    (std::borrow::Cow::Borrowed(text), cut_at(text.len(), outer))
}

/// The items of a text of `len` bytes with these letters: (letter, start,
/// end), each running to the next letter's marker (made of `starts` in
/// place).
fn cut_at(len: usize, mut starts: Vec<(char, usize, usize)>) -> Vec<(char, usize, usize)> {
    for k in 0..starts.len() {
        let e = starts.get(k + 1).map_or(len, |n| n.1);
        starts[k] = (starts[k].0, starts[k].2, e);
    }
    starts
}

/// The letters of a REF block: (letter, marker start, text start).
fn lettered_at(text: &str) -> Vec<(char, usize, usize)> {
    let b = text.as_bytes();
    let mut starts: Vec<(char, usize, usize)> = Vec::new(); // letter, marker start, text start
    let mut want = b'A';
    let mut i = 0;
    while i < b.len() && want <= b'Z' {
        let boundary = i == 0 || matches!(b[i - 1], b' ' | b';' | b',');
        if boundary {
            let (paren, j) = if b[i] == b'(' {
                (true, i + 1)
            } else {
                (false, i)
            };
            // lower-case letters go on a sequence, or open the list (`a. 07
            // state 75839`)
            let lower = !paren && (want > b'A' || i == 0) && b[j] == want.to_ascii_lowercase();
            if j + 1 < b.len() && (b[j] == want || lower) {
                let close = b[j + 1];
                let ok = if paren {
                    close == b')'
                } else {
                    matches!(close, b'.' | b')' | b':')
                };
                let after = j + 2;
                // `(A)STATE 071143`: no space after a letter in parentheses
                let glued = paren && after < b.len() && b[after].is_ascii_alphanumeric();
                if ok && (after == b.len() || b[after] == b' ' || glued) {
                    // a letter written twice (`A. A. 07 BAGHDAD 3668`)
                    let mut text_start = after;
                    let rest = &b[after..];
                    let skip = rest.iter().take_while(|&&c| c == b' ').count();
                    // also closed otherwise the second time (`B. B) HALL`, `A. A)STATE`)
                    if rest.len() >= skip + 3
                        && rest[skip] == b[j]
                        && matches!(rest[skip + 1], b'.' | b')' | b':')
                        && (rest[skip + 2] == b' '
                            || rest[skip + 1] == b')' && rest[skip + 2].is_ascii_alphanumeric())
                    {
                        text_start = after + skip + 2;
                    }
                    starts.push((want as char, i, text_start));
                    want += 1;
                    i = text_start;
                    continue;
                }
            }
        }
        i += 1;
    }
    starts
}

/// Words that are never part of a place name in a reference.
const NOT_PLACE: &[&str] = &[
    "AND",
    "OF",
    "THE",
    "ON",
    "IN",
    "TO",
    "FROM",
    "DATED",
    "NOTAL",
    "PARA",
    "PARAS",
    "PARAGRAPH",
    "JAN",
    "FEB",
    "MAR",
    "APR",
    "MAY",
    "JUN",
    "JUL",
    "AUG",
    "SEP",
    "SEPT",
    "OCT",
    "NOV",
    "DEC",
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
    "ALSO",
    "AS",
    "SEE",
    "PREVIOUS",
    "REF",
    "REFS",
    "REFTEL",
    "REFTELS",
    "NO",
    "NUMBER",
    "AT",
    "BY",
    "FOR",
    "WITH",
    "PAGE",
    "SECTION",
    "TAGS",
    "CABLE",
    "TELEGRAM",
    "E.O",
    "EO",
    "UNCLAS",
    "MESSAGE",
    "MSG",
];

/// The cable ids a reference names, with the text of each.
fn cable_ids(item: &str, year: Option<&str>) -> Vec<(String, String)> {
    // a year run onto the place (`09DHAHRAN 201`) and a date run onto the
    // number with `--` (`08 KIGALI 00830--05/DEC/2008`) stand apart
    static GLUED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?-u:\b)(\d\d)([A-Z]{3,})(?-u:\b)|(\d)--").unwrap());
    // (the search for captures only on an item it finds something in: it
    // costs allocations even where it finds nothing)
    let item = if GLUED.is_match(item) {
        GLUED.replace_all(item, |c: &regex::Captures<'_>| match (c.get(1), c.get(2)) {
            (Some(y), Some(p)) => format!("{} {}", y.as_str(), p.as_str()),
            _ => format!("{} --", &c[3]),
        })
    } else {
        std::borrow::Cow::Borrowed(item)
    };
    let words: Vec<&str> = item.split_whitespace().collect();
    let mut out = Vec::new();
    /// A word without the punctuation around it (in place: the words are
    /// read many times over).
    fn clean(w: &str) -> &str {
        w.trim_matches(|c: char| matches!(c, ',' | ';' | '.' | ':' | '(' | ')'))
    }
    let mut used_to = 0usize;
    // the place words of an id run together (one string for every id)
    let mut place_words = String::new();
    for (k, w) in words.iter().enumerate() {
        let c = clean(w);
        // an id written whole: 07MOSCOW3054
        if let Some(id) = whole_id(c) {
            out.push((id, c.to_string()));
            used_to = k + 1;
            continue;
        }
        if c.is_empty() || c.len() > 6 || !c.bytes().all(|b| b.is_ascii_digit()) || k == 0 {
            continue;
        }
        // the place: up to four place words right before the number
        let mut p = k;
        while p > used_to && k - p < 4 {
            let pw = clean(words[p - 1]);
            let placey = pw.len() >= 2
                && pw
                    .bytes()
                    .all(|b| b.is_ascii_alphabetic() || b == b'\'' || b == b'-')
                && (pw.starts_with(|c: char| c.is_ascii_uppercase())
                    // `06 kuwait 4664`: a lower-case place when the item
                    // is nothing else
                    || (words.len() <= 3 && pw.bytes().all(|b| b.is_ascii_lowercase())))
                // (in any case, no upper-case copy: the list is in capitals)
                && !NOT_PLACE.iter().any(|n| pw.eq_ignore_ascii_case(n))
                && !(p < k && words[p - 1].ends_with([',', ';', ')']));
            if !placey {
                break;
            }
            p -= 1;
        }
        if p == k {
            continue;
        }
        // an explicit year right before the place
        let mut yy: Option<&str> = None;
        let mut from = p;
        if p > used_to {
            let y = clean(words[p - 1]);
            if y.len() == 2 && y.bytes().all(|b| b.is_ascii_digit()) {
                yy = Some(y);
                from = p - 1;
            } else if y.len() == 4
                && (y.starts_with("19") || y.starts_with("20"))
                && y.bytes().all(|b| b.is_ascii_digit())
            {
                yy = Some(&y[2..]);
                from = p - 1;
            }
        }
        // a year written after the number: `MOSCOW 03242 2008`; not when
        // a place follows the year, whose year it is (`BRASILIA 709 2008
        // SAO PAULO 542`)
        let after = words.get(k + 1).map(|w| clean(w));
        let place_next = words.get(k + 2).is_some_and(|w| {
            let w = clean(w);
            w.len() >= 2 && w.bytes().all(|b| b.is_ascii_uppercase()) && !NOT_PLACE.contains(&w)
        });
        let yy = yy.or_else(|| {
            after
                .filter(|y| {
                    !place_next
                        && y.len() == 4
                        && (y.starts_with("19") || y.starts_with("20"))
                        && y.bytes().all(|b| b.is_ascii_digit())
                })
                .map(|y| &y[2..])
        });
        // or in parentheses: `DOHA 152 (08)`
        let yy = yy.or_else(|| {
            words.get(k + 1).and_then(|w| {
                let y = w.trim_end_matches([',', ';', '.']);
                let y = y.strip_prefix('(')?.strip_suffix(')')?;
                (y.len() == 2 && y.bytes().all(|b| b.is_ascii_digit())).then_some(y)
            })
        });
        let Some(yy) = yy.or(year) else {
            continue;
        };
        // upper-cased (the words together, not one string per word)
        place_words.clear();
        for w in &words[p..k] {
            place_words.push_str(clean(w));
        }
        place_words.make_ascii_uppercase();
        let place = canonical_place(&place_words);
        let num = c.trim_start_matches('0');
        // a place blacked out (`09 XXXXXXXXXXXX 167`) names no cable
        if num.is_empty() || place.bytes().all(|b| b == b'X') {
            continue;
        }
        // (its size known first: one allocation)
        let mut text = String::with_capacity(words[from..=k].iter().map(|w| w.len() + 1).sum());
        for (j, w) in words[from..=k].iter().enumerate() {
            if j > 0 {
                text.push(' ');
            }
            text.push_str(clean(w));
        }
        // (pushed, not `format!`ted: a reference list names many ids)
        let mut id = String::with_capacity(yy.len() + place.len() + num.len());
        id.push_str(yy);
        id.push_str(place);
        id.push_str(num);
        out.push((id, text));
        used_to = k + 1;
    }
    out
}

/// The place part of an id as the Cablegate ids spell it: `SECSTATE` is
/// `STATE`, the missions' short names are long (`UNVIE` → `UNVIEVIENNA`,
/// `USEU` → `USEUBRUSSELS`, `USUN` → `USUNNEWYORK`), and a leading
/// `AMEMBASSY`/`AMCONSUL`/`USMISSION` is dropped.
fn canonical_place(place: &str) -> &str {
    let mut p = place;
    for lead in ["AMEMBASSY", "AMCONSUL", "USMISSION"] {
        if let Some(r) = p.strip_prefix(lead).filter(|r| !r.is_empty()) {
            p = r;
        }
    }
    match p {
        "SECSTATE" => "STATE",
        "UNVIE" => "UNVIEVIENNA",
        "USEU" => "USEUBRUSSELS",
        "USUN" => "USUNNEWYORK",
        _ => p,
    }
}

/// `07MOSCOW3054` written as one word.
fn whole_id(w: &str) -> Option<String> {
    let b = w.as_bytes();
    if b.len() < 5 || !b[0].is_ascii_digit() || !b[1].is_ascii_digit() {
        return None;
    }
    let letters = b[2..].iter().take_while(|c| c.is_ascii_uppercase()).count();
    let digits = &b[2 + letters..];
    (letters >= 2
        && !digits.is_empty()
        && digits.len() <= 6
        && digits.iter().all(u8::is_ascii_digit))
    .then(|| w.to_string())
}

/// Addressees of the routing lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Routing {
    /// The `TO` addressees.
    pub to: Vec<String>,
    /// The `INFO` addressees.
    pub info: Vec<String>,
    /// The first precedence word after an addressee (`IMMEDIATE`).
    pub precedence: Option<String>,
    /// In a second copy of the block (a page printed twice, a `TO` line
    /// after addressees were read): addressees already read are not added
    /// again.
    repeat: bool,
}

/// Where a routing line puts what follows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// `TO`.
    To,
    /// `INFO`.
    Info,
}

const PRECEDENCES: &[&str] = &["IMMEDIATE", "PRIORITY", "ROUTINE", "FLASH", "NIACT"];

impl Routing {
    /// Read one line inside the routing block; `section` is the list the
    /// previous line added to. Returns the list this line added to, or
    /// `None` when the line ends the block.
    pub fn line(&mut self, line: &str, section: Option<Route>) -> Option<Route> {
        let t = line.trim_ws();
        if t.is_empty() || t.bytes().any(|b| b.is_ascii_lowercase()) {
            return None;
        }
        let (route, rest) = if let Some(r) = t.strip_prefix("TO ") {
            self.repeat |= !self.to.is_empty();
            (Route::To, r)
        } else if let Some(r) = t.strip_prefix("INFO ") {
            // the old action-office distribution (`INFO LOG-00 NP-00`)
            if r.words().all(|w| {
                w.starts_with('/')
                    || w.rsplit_once('-')
                        .is_some_and(|(_, n)| n.bytes().all(|b| b.is_ascii_digit()))
            }) {
                return None;
            }
            (Route::Info, r)
        } else {
            let section = section?;
            if t == "BT"
                || t.starts_with("E.O")
                || page_header(t).is_some()
                || subject_label(t).is_some()
                || tags_label(t).is_some()
                || t.starts_with("SIPDIS")
                || t.has("SECTION ")
                || (t.starts_with("FM ") || t.starts_with("XMT "))
                || is_classification_line(t)
            {
                return None;
            }
            (section, t)
        };
        if let Some(a) = self.addressee(rest) {
            // as often as the block writes it (`HQ USCENTCOM` twice; the
            // exports count an addressee once per cable), but a repeated
            // block adds nothing it already gave
            if !(self.repeat && (self.to.contains(&a) || self.info.contains(&a))) {
                let list = match route {
                    Route::To => &mut self.to,
                    Route::Info => &mut self.info,
                };
                list.push(a);
            }
        }
        Some(route)
    }

    /// The addressee a routing line's text names: its words, one space
    /// between them, without a routing indicator before the first or the
    /// serials and precedences after the last (the first precedence is
    /// kept). The words are read in place, twice, not collected: this runs
    /// on every routing line.
    fn addressee(&mut self, s: &str) -> Option<String> {
        // routing indicators: `RUEHC/SECSTATE`, `ZEN/AMCONSUL …`
        fn first_word(w: &str) -> &str {
            match w.split_once('/') {
                Some((ri, rest))
                    if ri.len() <= 8
                        && ri
                            .bytes()
                            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                        && !rest.is_empty() =>
                {
                    rest
                }
                _ => w,
            }
        }
        let n = s.words().count();
        // the words kept: all but the serials and precedences at the end
        let mut keep = n;
        for (k, w) in s.words().rev().enumerate() {
            let w = if k + 1 == n { first_word(w) } else { w };
            if w.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
                keep -= 1;
            } else if PRECEDENCES.contains(&w) {
                if self.precedence.is_none() {
                    self.precedence = Some(w.to_string());
                }
                keep -= 1;
            } else {
                break;
            }
        }
        if keep == 0 {
            return None;
        }
        let mut out = String::with_capacity(s.len());
        for (k, w) in s.words().take(keep).enumerate() {
            if k == 0 {
                out.push_str(first_word(w));
            } else {
                out.push(' ');
                out.push_str(w);
            }
        }
        Some(out)
    }
}

/// Does a routing line end in a precedence (`AMEMBASSY BOGOTA PRIORITY`)?
pub(crate) fn ends_in_precedence(t: &str) -> bool {
    t.split_whitespace()
        .next_back()
        .is_some_and(|w| PRECEDENCES.contains(&w))
}

/// The cable's own classification line, `CONFIDENTIAL PARIS 001007` or
/// `UNCLAS BOGOTA 001339`: a classification word, then the place and the
/// serial of six digits. It ends a routing block that has no blank line
/// after it.
pub(crate) fn is_classification_line(t: &str) -> bool {
    const WORDS: &[&str] = &[
        "UNCLAS ",
        "UNCLASSIFIED ",
        "CONFIDENTIAL ",
        "SECRET ",
        "TOP SECRET ",
        "LIMITED OFFICIAL USE ",
        "C O N F I D E N T I A L ",
        "S E C R E T ",
    ];
    let last = t.rsplit(' ').next().unwrap_or("");
    WORDS.iter().any(|w| t.starts_with(w))
        && last.len() == 6
        && last.bytes().all(|b| b.is_ascii_digit())
}

/// The precedence of a date-time group line's first letter.
pub(crate) fn precedence_of(letter: char) -> Option<&'static str> {
    match letter {
        'Z' => Some("FLASH"),
        'O' => Some("IMMEDIATE"),
        'P' => Some("PRIORITY"),
        'R' => Some("ROUTINE"),
        _ => None,
    }
}

/// A page break of a newer cable: `RIYADH 00001415 001.2 OF 002`.
pub(crate) fn is_page_break(n: &str) -> bool {
    static BREAK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*[A-Z][A-Z .'-]*\s+\d{5,8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\s*$").unwrap()
    });
    n.ends_with(|c: char| c.is_ascii_digit()) && n.has(" OF ") && BREAK.is_match(n)
}

pub(crate) fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// Does `s` hold `needle`, ASCII case aside (no lower-case copy of `s`)?
pub(crate) fn contains_ci(s: &str, needle: &str) -> bool {
    s.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Collapse every run of white space to one space and trim: `s` itself,
/// uncopied, when it is so already (most lines and fields are).
pub(crate) fn collapse_ws(s: &str) -> std::borrow::Cow<'_, str> {
    if is_collapsed(s) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(collapsed(s))
    }
}

/// Is `s` collapsed: no white space but single spaces between words?
fn is_collapsed(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut prev = 0u8;
    for &c in b {
        if matches!(c, b'\t'..=b'\r') || (c == b' ' && prev == b' ') {
            return false;
        }
        prev = c;
    }
    s.is_ascii() || !s.chars().any(|c| c.is_whitespace() && c != ' ')
}

/// [`collapse_ws`]'s copy, for text that is not collapsed: its words
/// ([`FastStr::words`], on bytes when the text is ASCII) with one space
/// between them.
fn collapsed(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.words() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Is the line a `Classified By` line?
pub(crate) fn is_classified_by(line: &str) -> bool {
    classified_by_line(line).is_some()
}

/// A `Classified By` line after a paragraph marking (`(U) Classified by
/// …`, as a paragraph 1 or above it): the rest.
pub(crate) fn marked_classified_by_line(line: &str) -> Option<&str> {
    let t = line.trim_start_ws();
    let t = match t.strip_prefix('(').and_then(|r| r.split_once(')')) {
        Some((m, rest)) if matches!(m.trim_ws(), "U" | "C" | "S" | "SBU") => rest,
        _ => t,
    };
    classified_by_line(t)
}

/// `Classified By: …` in any case, the colon optional: the rest.
pub(crate) fn classified_by_line(line: &str) -> Option<&str> {
    let t = line.trim_start_ws();
    if !starts_with_ignore_case(t, "classified") {
        return None;
    }
    let rest = &t["classified".len()..];
    let after = rest.trim_start_ws();
    if after.len() == rest.len() || !starts_with_ignore_case(after, "by") {
        return None;
    }
    let rest = after[2..].trim_start_ws();
    let rest = rest.strip_prefix(':').unwrap_or(rest).trim_start_ws();
    // the label written twice: `Classified By: Classified By: …`
    Some(match starts_with_ignore_case(rest, "classified by") {
        true => classified_by_line(rest).unwrap_or(rest),
        false => rest,
    })
}

/// Does `s` start with `prefix`, ASCII case aside? (A literal test before
/// a pattern: most lines of a cable are prose and fail it at once.)
pub(crate) fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

#[cfg(test)]
mod kind_tests {
    use super::*;
    use proptest::prelude::*;

    /// The words of `s` split at every character that is no ASCII letter,
    /// digit or hyphen, each asked for apart: what `kind_of` reads in one
    /// pass.
    fn kind_word_by_word(s: &str) -> &'static str {
        let has = |w: &str| {
            s.split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
                .any(|x| x.eq_ignore_ascii_case(w))
        };
        if has("SEPTEL") || has("SEPTELS") {
            "septel"
        } else if has("E-MAIL")
            || has("EMAIL")
            || has("E-MAILS")
            || has("EMAILS")
            || contains_ci(s, "UNCLASSIFIED E-MAIL")
        {
            "email"
        } else if has("TELCON")
            || has("TELECON")
            || has("PHONE")
            || has("TELEPHONE")
            || has("CALL")
            || has("PHONECALL")
        {
            "phone"
        } else if has("MEMCON") || has("MEETING") || has("CONVERSATION") {
            "meeting"
        } else {
            "other"
        }
    }

    #[test]
    fn kinds() {
        assert_eq!(kind_of("STATE 12345 AND SEPTEL"), "septel");
        assert_eq!(kind_of("Embassy e-mail of May 3; septels"), "septel");
        assert_eq!(kind_of("Unclassified E-mail 2/3"), "email");
        assert_eq!(kind_of("TELCON WITH DCM, MEETING"), "phone");
        assert_eq!(kind_of("memcon 5/6"), "meeting");
        assert_eq!(kind_of("PHONES, CALLS, MEETINGS"), "other");
        assert_eq!(kind_of("Ébauche «CALL»"), "phone");
    }

    proptest! {
        #[test]
        fn one_pass_reads_as_word_by_word(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("SEPTEL"), Just("septels"), Just("E-MAIL"), Just("emails"),
                    Just("UNCLASSIFIED"), Just("TELCON"), Just("Call"), Just("PHONECALL"),
                    Just("MEMCON"), Just("meeting"), Just("CONVERSATION"), Just("X"),
                    Just(" "), Just("-"), Just("/"), Just("é"), Just("1"), Just("’"),
                ],
                0..12,
            )
        ) {
            let s = parts.concat();
            prop_assert_eq!(kind_of(&s), kind_word_by_word(&s), "{:?}", s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_codes_table_is_well_formed() {
        let mut seen = std::collections::BTreeSet::new();
        for l in TAGS_CODES_CSV.lines().skip(1) {
            let f: Vec<&str> = l.split(',').collect();
            assert!(f.len() >= 3, "{l}");
            assert!(
                matches!(f[1], "subject" | "country" | "region" | "organization"),
                "{l}"
            );
            assert!(seen.insert(f[0]), "duplicate code {}", f[0]);
        }
        assert_eq!(tag_code("MX"), Some(("country", "Mexico")));
        assert_eq!(tag_code("PGOV").map(|c| c.0), Some("subject"));
    }

    #[test]
    fn runs_split_into_the_fewest_codes() {
        assert_eq!(
            split_run("ETRDEINVECINPGOVCS").unwrap(),
            ["ETRD", "EINV", "ECIN", "PGOV", "CS"]
        );
        assert_eq!(split_run("pgovprel").unwrap(), ["PGOV", "PREL"]);
        // words, not runs
        assert_eq!(split_run("ITALY"), None);
        assert_eq!(split_run("MOSCOW"), None);
        assert_eq!(split_run("IRAN"), None);
    }

    #[test]
    fn tag_kinds() {
        let t = parse_tags("PREL OVIP STEINBERG JAMES RS");
        assert_eq!(t.all, ["PREL", "OVIP", "STEINBERG JAMES", "RS"]);
        assert_eq!(t.persons, ["STEINBERG JAMES"]);
        let t = parse_tags("PGOV, PREL, IT, ITALY NATIONAL ELECTIONS, PGOV");
        assert_eq!(t.subjects, ["ITALY NATIONAL ELECTIONS"]);
        assert_eq!(t.all.len(), 4, "repeated code dropped");
        // a short unknown word after OVIP opens the person tag when a word
        // that is no code follows it; otherwise it stays a code
        let t = parse_tags("OVIP RICE CONDOLEEZZA PREL CO");
        assert_eq!(t.all, ["OVIP", "RICE CONDOLEEZZA", "PREL", "CO"]);
        let t = parse_tags("OVIP PGOF PREL");
        assert_eq!(t.all, ["OVIP", "PGOF", "PREL"]);
        // codes joined by slashes; other slashed words stay whole
        let t = parse_tags("PREL/KDEM/PGOV/CO");
        assert_eq!(t.all, ["PREL", "KDEM", "PGOV", "CO"]);
        assert_eq!(parse_tags("PREL, POL/MIL").all, ["PREL", "POL/MIL"]);
        // a keyword of short words, with and without commas; other unknown
        // short words stay codes
        let t = parse_tags("MARR PREL POL MIL PE");
        assert_eq!(t.all, ["MARR", "PREL", "POL MIL", "PE"]);
        assert_eq!(t.subjects, ["POL MIL"]);
        assert_eq!(
            parse_tags("MARR, POL MIL, BR").all,
            ["MARR", "POL MIL", "BR"]
        );
        assert_eq!(parse_tags("ENRG OTR TC").all, ["ENRG", "OTR", "TC"]);
        // a person tag written SURNAME, GIVEN in a comma list
        let t = parse_tags("OVIP, OKAFOR, CHIDI, PREL, CO");
        assert_eq!(t.all, ["OVIP", "OKAFOR, CHIDI", "PREL", "CO"]);
        assert_eq!(t.persons, ["OKAFOR, CHIDI"]);
        assert_eq!(parse_tags("OVIP, RICE, PREL").all, ["OVIP", "RICE", "PREL"]);
    }

    #[test]
    fn subject_label_without_a_colon_in_any_case() {
        assert_eq!(
            subject_label("Subject estonian defense minister visits"),
            Some("estonian defense minister visits")
        );
        assert_eq!(subject_label("Subject to approval by the ministry"), None);
        assert_eq!(subject_label("SUBJECT FOO BAR"), Some("FOO BAR"));
    }

    #[test]
    fn a_lone_bar_ends_the_tags() {
        assert_eq!(
            parse_tags("PREL PGOV ECON MX | | Sy %").all,
            ["PREL", "PGOV", "ECON", "MX"]
        );
        assert_eq!(parse_tags("PREL, MX |").all, ["PREL", "MX"]);
    }

    #[test]
    fn subject_goes_on_before_a_classified_by_run_onto_its_line() {
        assert!(!subject_stops(
            "JAPAN: CABINET AWAITS",
            "DIET VOTE Classified By: Ambassador X, reasons 1.4 (b)"
        ));
        assert!(subject_stops(
            "JAPAN: CABINET AWAITS",
            "The Diet voted today. Classified By: X"
        ));
        assert!(subject_stops(
            "JAPAN: CABINET AWAITS",
            "Classified By: Ambassador X"
        ));
        assert_eq!(
            before_classified_by("DIET VOTE classified by: X"),
            "DIET VOTE "
        );
        assert_eq!(before_classified_by("classified"), "classified");
    }

    #[test]
    fn tags_of_a_flattened_header_line() {
        assert_eq!(
            tags_label("C O N F I D E N T I A L BOGOTA 000456 SIPDIS E.O. 12958: DECL: 02/14/2019 TAGS: PREL, CO SUBJECT: X"),
            Some("PREL, CO SUBJECT: X")
        );
    }

    #[test]
    fn labels() {
        for l in [
            "TAGS: PREL",
            "TAG: PREL",
            "TAS PREL",
            "tAgs: PREL",
            "Tags: prel",
            "TAGS PREL",
        ] {
            assert!(tags_label(l).is_some(), "{l}");
        }
        for l in ["Tags are", "TAGSX: PREL", "STAGS: PREL"] {
            assert!(tags_label(l).is_none(), "{l}");
        }
        for l in [
            "SUBJECT: X",
            "UBJECT: X",
            "SUBJ: X",
            "Subject : X",
            "SUBJECT X",
            "SUBJECT - X",
            "SUBJ -- X",
        ] {
            assert_eq!(subject_label(l), Some("X"), "{l}");
        }
        assert_eq!(subject_label("Subject matter"), None);
        assert_eq!(clean_subject("TALKS END; REF: LIMA 700"), "TALKS END");
        assert_eq!(clean_subject("Talks End Ref: A. Lima 700"), "Talks End");
        assert_eq!(
            clean_subject("Referendum: Talks End"),
            "Referendum: Talks End"
        );
        assert_eq!(subject_label("SUBJECT-MATTER X"), None);
        assert_eq!(ref_label("REFTEL: STATE 1"), Some("STATE 1"));
        assert_eq!(ref_label("Reference points"), None);
    }

    #[test]
    fn reasons_read_once_per_clause_are_the_reasons_read_afresh() {
        // a clause read line by line, as `read_classified_by` grows it
        // (white space at its end too), then parsed whole
        let lines = [
            "Ambassador Charge d'Affai",
            "res John Smith, for reas",
            "ons 1.4 (b",
            ") and (d)  ",
        ];
        let mut read = ReadReasons::default();
        let mut text = String::new();
        for l in lines {
            text.push_str(l);
            for t in [text.as_str(), text.trim_end(), &format!("{text} ")] {
                assert_eq!(
                    read.reasons(t),
                    classified_by_reasons(t).as_deref(),
                    "{t:?}"
                );
                // asked twice: the same answer
                assert_eq!(
                    read.reasons(t),
                    classified_by_reasons(t).as_deref(),
                    "{t:?}"
                );
            }
        }
        assert_eq!(read.parse(&text), parse_classified_by(&text));
        // after a parse nothing is kept: another clause reads afresh
        let other = "Deputy Chief of Mission Ann Jones, reasons 1.4 (c)";
        assert_eq!(read.reasons(other), Some("1.4 (c)"));
        assert_eq!(read.parse(other), parse_classified_by(other));
    }

    /// The reasons of a clause read afresh (what [`ReadReasons`] keeps).
    fn classified_by_reasons(s: &str) -> Option<String> {
        split_reasons(s).1
    }

    #[test]
    fn classified_by_forms() {
        let c = parse_classified_by("DCM THEODORE KATTOUF - 1.5 B,D.");
        assert_eq!(c.name.as_deref(), Some("THEODORE KATTOUF"));
        assert_eq!(c.title.as_deref(), Some("DCM"));
        assert_eq!(c.reasons.as_deref(), Some("1.5 B,D"));
        let c = parse_classified_by("Bodde Peter, Ambassador; REASON: 1.4(B)");
        assert_eq!(c.name.as_deref(), Some("Bodde Peter"));
        assert_eq!(c.title.as_deref(), Some("Ambassador"));
        assert_eq!(c.reasons.as_deref(), Some("1.4(B)"));
        let c = parse_classified_by("Derived from Multiple Sources");
        assert_eq!(c.name, None);
    }

    #[test]
    fn a_long_title_ends_before_the_last_name_words() {
        for (clause, name, title) in [
            (
                "U.S. Permanent Representative to the Conference on Disarmament Laura Kennedy, for reasons 1.4 (b) and (d)",
                "Laura Kennedy",
                "U.S. Permanent Representative to the Conference on Disarmament",
            ),
            (
                "Ambassador to the Organization for Security and Cooperation in Europe Julie T. Finley, reasons 1.4 (b)",
                "Julie T. Finley",
                "Ambassador to the Organization for Security and Cooperation in Europe",
            ),
            (
                "Special Envoy for the Great Lakes Region Howard Wolpe. Reason: 1.4 (d)",
                "Howard Wolpe",
                "Special Envoy for the Great Lakes Region",
            ),
            (
                "US REPRESENTATIVE TO THE UN HUMAN RIGHTS COUNCIL WARREN W. TICHENOR JR. REASON 1.4 (B)",
                "WARREN W. TICHENOR JR.",
                "US REPRESENTATIVE TO THE UN HUMAN RIGHTS COUNCIL",
            ),
        ] {
            let c = parse_classified_by(clause);
            assert_eq!(c.name.as_deref(), Some(name), "{clause}");
            assert_eq!(c.title.as_deref(), Some(title), "{clause}");
        }
        // names keep their particles and a title without a joining word
        // is cut as before
        for (clause, name) in [
            (
                "Ambassador Jose de la Fuente, reasons 1.4 (b)",
                "Jose de la Fuente",
            ),
            (
                "Political Counselor Mary Beth Leonard, reasons 1.4 (d)",
                "Mary Beth Leonard",
            ),
            ("DCM ROBERT VAN VOORST, REASON 1.5 (D)", "ROBERT VAN VOORST"),
            // one word after the joining word: the title names it, no name
            // is taken from it
            ("Ambassador to Kennedy, reasons 1.4 (b)", "to Kennedy"),
        ] {
            let c = parse_classified_by(clause);
            assert_eq!(c.name.as_deref(), Some(name), "{clause}");
        }
    }

    #[test]
    fn references_canonical_ids() {
        let refs = parse_references(
            "A. MOSCOW 816 B. 07 MOSCOW 3054 C. STATE 12345 D. SEPTEL",
            Some("09"),
        );
        let got: Vec<(Option<&str>, Option<&str>, &str)> = refs
            .iter()
            .map(|r| (r.letter.as_deref(), r.id.as_deref(), r.kind.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (Some("A"), Some("09MOSCOW816"), "cable"),
                (Some("B"), Some("07MOSCOW3054"), "cable"),
                (Some("C"), Some("09STATE12345"), "cable"),
                (Some("D"), None, "septel"),
            ]
        );
        assert!(parse_references("None", Some("09")).is_empty());
    }

    proptest::proptest! {
        /// White space collapsed on bytes as `split_whitespace` reads it.
        #[test]
        fn collapsed_as_words_joined(s in "[a \t\n\x0b\x0c\r\x1c\x1f\u{85}\u{a0}é.-]{0,40}") {
            proptest::prop_assert_eq!(collapse_ws(&s), s.split_whitespace().collect::<Vec<_>>().join(" "));
        }

        /// Collapsed in place exactly when collapsing changes nothing.
        #[test]
        fn collapse_ws_borrows_only_collapsed_text(s in "[a \t\n\x0b\x0c\r\x1c\x1f\u{85}\u{a0}\u{2003}é.-]{0,40}") {
            let (got, want) = (collapse_ws(&s), collapsed(&s));
            proptest::prop_assert_eq!(got.as_ref(), want.as_str());
            proptest::prop_assert_eq!(matches!(got, std::borrow::Cow::Borrowed(_)), want == s);
        }

        /// The addressee read in place is the one its words, collected,
        /// give (and so is the precedence kept).
        #[test]
        fn addressee_read_in_place_is_read_on_words(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "RUEHC/", "SECSTATE", "ZEN/", "/", "AMEMBASSY", "PARIS", "PRIORITY", "ROUTINE",
                    "IMMEDIATE", "1234", "-", "12-3", "r/x", "é", " ", "  ", "\t", "\u{a0}",
                ]),
                0..10,
            ),
            first in proptest::option::of(proptest::sample::select(vec!["NIACT", "FLASH"])),
        ) {
            let s = parts.concat();
            let mut r = Routing { precedence: first.map(str::to_string), ..Routing::default() };
            let got = r.addressee(&s);
            // the addressee on a vector of the words, as it was written first
            let mut words: Vec<&str> = s.split_whitespace().collect();
            let mut precedence = first.map(str::to_string);
            if let Some(w) = words.first_mut() {
                if let Some((ri, rest)) = w.split_once('/') {
                    if ri.len() <= 8
                        && ri.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                        && !rest.is_empty()
                    {
                        *w = rest;
                    }
                }
            }
            while let Some(last) = words.last() {
                if last.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
                    words.pop();
                } else if PRECEDENCES.contains(last) {
                    if precedence.is_none() {
                        precedence = Some(last.to_string());
                    }
                    words.pop();
                } else {
                    break;
                }
            }
            proptest::prop_assert_eq!(got, (!words.is_empty()).then(|| words.join(" ")));
            proptest::prop_assert_eq!(r.precedence, precedence);
        }

        /// No header rule panics, whatever the text.
        #[test]
        fn never_panics(s in "\\PC{0,80}", t in "[A-Z0-9&#;¶().,:/ \\n-]{0,80}") {
            for x in [&s, &t] {
                let _ = parse_tags(x);
                let _ = parse_classified_by(x);
                let _ = parse_references(x, Some("09"));
                let _ = parse_references(x, None);
                let _ = clean_subject(x);
                let _ = decode_entities(x);
                let _ = (tags_label(x), subject_label(x), ref_label(x), page_header(x));
                let mut r = Routing::default();
                let _ = r.line(x, Some(Route::To));
            }
        }
    }

    proptest::proptest! {
        /// Title words mended in place, the pair joined on the stack, as
        /// on a vector of the words with a string for the pair.
        #[test]
        fn title_words_mended_in_place_as_on_words(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Charge", "d'Affai", "res", "Ambas", "sador", "Pol", "Couns", "Deputy", "é",
                    "", "x", "Political", "Counselor", "Ambassadoooooooooooor", "s",
                ]),
                0..8,
            )
        ) {
            let s = parts.join(" ");
            let words: Vec<&str> = s.split(' ').collect();
            let mut out: Option<String> = None;
            let mut i = 0;
            while i < words.len() {
                if let Some(next) = words
                    .get(i + 1)
                    .filter(|n| !n.is_empty() && !words[i].is_empty() && words[i].len() + n.len() <= 24)
                {
                    let joined = format!("{}{next}", words[i]);
                    if is_title_word(&joined) && !is_title_word(words[i]) && !is_title_word(next) {
                        let o = out.get_or_insert_with(|| words[..i].join(" "));
                        if !o.is_empty() {
                            o.push(' ');
                        }
                        o.push_str(&joined);
                        i += 2;
                        continue;
                    }
                }
                if let Some(o) = out.as_mut() {
                    o.push(' ');
                    o.push_str(words[i]);
                }
                i += 1;
            }
            let got = mend_title_words(&s);
            proptest::prop_assert_eq!(matches!(got, std::borrow::Cow::Owned(_)), out.is_some());
            proptest::prop_assert_eq!(got.as_ref(), out.as_deref().unwrap_or(&s));
        }
    }

    /// A word upper-cased on the stack is looked up as its upper-case
    /// copy is, in every case and length (and on non-ASCII).
    #[test]
    fn code_in_any_case_is_its_upper_case_copy() {
        let mut words: Vec<String> = TAGS_CODES_CSV
            .lines()
            .skip(1)
            .filter_map(|l| l.split(',').next())
            .flat_map(|c| {
                [
                    c.to_string(),
                    c.to_ascii_lowercase(),
                    format!("{c}x"),
                    format!("é{c}"),
                ]
            })
            .collect();
        words.extend(
            [
                "",
                "a",
                "pGoV",
                "PGOVPGOVPGOVPGOV",
                "PGOVPGOVPGOVPGOVX",
                "ÉTAT",
            ]
            .map(String::from),
        );
        for w in &words {
            assert_eq!(is_code_ci(w), is_code(&w.to_ascii_uppercase()), "{w}");
        }
        assert!(is_code_ci("pgov") && is_code_ci("PGov"));
    }

    #[test]
    fn reasons_broken_by_a_line_end() {
        for (cut, r) in [
            (true, "1"),
            (true, "1.4 (b/d"),
            (true, "1.4(b) a"),
            (true, "1.4 (b) an"),
            (false, "1.4 (b) and (d)"),
            (false, "1.4 b/d"),
        ] {
            assert_eq!(reasons_cut(r), cut, "{r}");
        }
        for (r, want) in [
            ("1. 4 (b/d)", "1.4 (b/d)"),
            ("1 .4 (b) and (d)", "1.4 (b) and (d)"),
            ("1.4 (b) and ( d)", "1.4 (b) and (d)"),
            ("1.4 (B) AND (D )", "1.4 (B) AND (D)"),
            ("1.4 (b) a nd (d)", "1.4 (b) and (d)"),
            ("1.4 (b) an d (d)", "1.4 (b) and (d)"),
            ("1.4 (b) and (d)", "1.4 (b) and (d)"),
            ("1.4 B A ND D", "1.4 B AND D"),
        ] {
            assert_eq!(mend_reasons(r), want, "{r}");
        }
    }

    #[test]
    fn classified_by_clauses_from_the_fifth_sample() {
        for (clause, name, title) in [
            // a comma typed for the apostrophe of the title
            (
                "Charge d,Affaires Jane Q. Roe, reasons 1.4 (b) and (d).",
                Some("Jane Q. Roe"),
                Some("Charge d'Affaires"),
            ),
            (
                "CHARGE D, AFFAIRES JOHN ROE, REASONS 1.4 (B)",
                Some("JOHN ROE"),
                Some("CHARGE D'AFFAIRES"),
            ),
            // officer words are whole words; a name ending in `off` is a name
            (
                "DCM Yusoff Kamal for reasons 1.4 (b)",
                Some("Yusoff Kamal"),
                Some("DCM"),
            ),
            (
                "Ivan Orloff, Poloff, for reasons 1.4 (d)",
                Some("Ivan Orloff"),
                Some("Poloff"),
            ),
            (
                "MsnOff Jane Roe for reasons 1.4 (b)",
                Some("Jane Roe"),
                Some("MsnOff"),
            ),
            (
                "Pol/Econoff Jane Roe for reasons 1.4 (b)",
                Some("Jane Roe"),
                Some("Pol/Econoff"),
            ),
        ] {
            let c = parse_classified_by(clause);
            assert_eq!(c.name.as_deref(), name, "{clause}");
            assert_eq!(c.title.as_deref(), title, "{clause}");
        }
        assert!(is_title_word("Econoff") && is_title_word("POLOFF"));
        assert!(!is_title_word("Geoff") && !is_title_word("Kasoff"));
        assert_eq!(
            mend_title_words("Charge d'Affai res Irene M. Castellano"),
            "Charge d'Affaires Irene M. Castellano"
        );
        assert_eq!(
            mend_title_words("Am bassador Jo Ann Smith"),
            "Ambassador Jo Ann Smith"
        );
        assert_eq!(mend_title_words("Jo Ann Smith"), "Jo Ann Smith");
    }

    #[test]
    fn classified_by_clauses_from_the_third_sample() {
        for (clause, name, reasons) in [
            (
                "PolCouns Jane Roe, E.O. 12958, reasons",
                Some("Jane Roe"),
                None,
            ),
            (
                "PolCouns Jane Roe, E.O. 12958, reasons 1.4 (b) and (d).",
                Some("Jane Roe"),
                Some("1.4 (b) and (d)"),
            ),
            (
                "Jane Roe, Ambassador. REASON: 1.4 (b), (d) 1. (C/NF) Summary: words.",
                Some("Jane Roe"),
                Some("1.4 (b), (d)"),
            ),
            (
                "Econoff John Roe for reasons 1.4 (d) and (e):",
                Some("John Roe"),
                Some("1.4 (d) and (e)"),
            ),
            (
                "Political Counselor Richard M. Roe Jr. for reasons 1.4 (b) and (d)",
                Some("Richard M. Roe Jr."),
                Some("1.4 (b) and (d)"),
            ),
        ] {
            let c = parse_classified_by(clause);
            assert_eq!(c.name.as_deref(), name, "{clause}");
            assert_eq!(c.reasons.as_deref(), reasons, "{clause}");
        }
    }

    #[test]
    fn reference_lists_from_the_third_sample() {
        let refs = |t: &str| -> Vec<String> {
            parse_references(t, Some("09"))
                .iter()
                .map(|r| {
                    let l = r.letter.clone().unwrap_or_else(|| "-".into());
                    match &r.id {
                        Some(id) => format!("{l}:{id}"),
                        None => format!("{l}:{}:{}", r.kind, r.text),
                    }
                })
                .collect()
        };
        assert_eq!(
            refs("(A)STATE 071143, (B)STATE 073601"),
            ["A:09STATE71143", "B:09STATE73601"]
        );
        assert_eq!(
            refs("a. 07 state 75839 b. State 15220"),
            ["A:07STATE75839", "B:09STATE15220"]
        );
        assert_eq!(
            refs("MOSCOW 1124; IIR 6 809 0156 10"),
            ["-:09MOSCOW1124", "-:other:IIR 6 809 0156 10"]
        );
        assert_eq!(
            refs("STATE 106206 CIRCULAR; STATE CA-3400 NOV 2, 1966"),
            ["-:09STATE106206", "-:other:STATE CA-3400 NOV 2, 1966"]
        );
        // a part with no number is no reference
        assert_eq!(
            refs("FRANKFURT 2808; not for Internet Distribution"),
            ["-:09FRANKFURT2808"]
        );
    }

    #[test]
    fn reference_letters_written_twice() {
        let refs = |s: &str| {
            parse_references(s, Some("05"))
                .into_iter()
                .map(|r| (r.letter.unwrap_or_default(), r.id, r.text))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            refs("A. A) STATE 1234 B. B) ROE - DOE E-MAIL OF 3/2"),
            vec![
                ("A".into(), Some("05STATE1234".into()), "STATE 1234".into()),
                ("B".into(), None, "ROE - DOE E-MAIL OF 3/2".into()),
            ]
        );
        assert_eq!(
            refs("A. A)STATE 1234 B. B. PARIS 88"),
            vec![
                ("A".into(), Some("05STATE1234".into()), "STATE 1234".into()),
                ("B".into(), Some("05PARIS88".into()), "PARIS 88".into()),
            ]
        );
        // a different letter is the next item, not a doubled one
        let next = refs("A. B) STATE 1234");
        assert_eq!(next.last().map(|r| r.0.as_str()), Some("B"));
    }

    #[test]
    fn reference_letters_and_years() {
        let ids = |t: &str| -> Vec<String> {
            parse_references(t, Some("09"))
                .into_iter()
                .map(|r| {
                    format!(
                        "{}:{}",
                        r.letter.unwrap_or_default(),
                        r.id.unwrap_or(r.text)
                    )
                })
                .collect()
        };
        // the list's own letters in parentheses after WikiLeaks' letters
        assert_eq!(
            ids("A. (A) PARIS 1 ¶B. (B) DAILY REPORT FOR MAY 18 ¶C. 2009"),
            ["A:09PARIS1", "B:DAILY REPORT FOR MAY 18 2009"]
        );
        // lower-case letters go on the sequence
        assert_eq!(
            ids("A. KUWAIT 79 b. KUWAIT 90"),
            ["A:09KUWAIT79", "B:09KUWAIT90"]
        );
        assert_eq!(ids("A. DOHA 152 (08)"), ["A:08DOHA152"]);
        assert_eq!(ids("09 XXXXXXXXXXXX 167"), [":09 XXXXXXXXXXXX 167"]);
        assert_eq!(
            ids("ABUJA 207; FEB 24 TELCON"),
            [":09ABUJA207", ":FEB 24 TELCON"]
        );
    }

    #[test]
    fn routing_lines() {
        let mut r = Routing::default();
        let s = r.line("TO RUEHC/SECSTATE WASHDC IMMEDIATE 4895", None);
        assert_eq!(s, Some(Route::To));
        let s = r.line("INFO RUEAHLA/DEA HQS WASHINGTON DC", s);
        let s = r.line("ZEN/AMCONSUL MONTERREY 2593-2599", s);
        assert_eq!(s, Some(Route::Info));
        assert_eq!(
            r.line("CONFIDENTIAL SECTION 01 OF 02 MEXICO 000100", s),
            None
        );
        // a classification line without SECTION right after the list
        assert_eq!(
            r.line("CONFIDENTIAL MEXICO 000283", Some(Route::Info)),
            None
        );
        assert_eq!(r.line("UNCLAS MEXICO 000283", Some(Route::Info)), None);
        assert_eq!(r.to, ["SECSTATE WASHDC"]);
        assert_eq!(r.info, ["DEA HQS WASHINGTON DC", "AMCONSUL MONTERREY"]);
        assert_eq!(r.precedence.as_deref(), Some("IMMEDIATE"));
        // the old action-office distribution is not an addressee list
        assert_eq!(
            Routing::default().line("INFO LOG-00 NP-00 AID-00", None),
            None
        );
    }

    #[test]
    fn routing_keeps_addressees_as_written_but_not_a_repeated_block() {
        let mut r = Routing::default();
        let s = r.line("TO RUEHC/SECSTATE WASHDC 1", None);
        let s = r.line("INFO RUEHQT/AMEMBASSY QUITO 2", s);
        let s = r.line("RUEHLP/AMEMBASSY LA PAZ 3", s);
        r.line("RUEHQT/AMEMBASSY QUITO 4", s);
        assert_eq!(
            r.info,
            ["AMEMBASSY QUITO", "AMEMBASSY LA PAZ", "AMEMBASSY QUITO"]
        );
        // the page printed twice: its block again adds nothing
        let s = r.line("TO RUEHC/SECSTATE WASHDC 1", None);
        r.line("INFO RUEHQT/AMEMBASSY QUITO 2", s);
        assert_eq!(r.to, ["SECSTATE WASHDC"]);
        assert_eq!(r.info.len(), 3);
    }

    #[test]
    fn page_top_line_with_its_serial() {
        assert_eq!(page_header("   CONFIDENTIAL     PTQ8680"), Some(""));
        // every lone classification line the pattern knows, and prose that
        // starts with one of their letters
        for l in [
            "UNCLASSIFIED",
            "  UNCLAS ",
            "SECRET",
            "LIMITED OFFICIAL USE",
            "C O N F I D E N T I A L",
            "S E C R E T  PTQ123",
        ] {
            assert_eq!(page_header(l), Some(""), "{l:?}");
        }
        for l in [
            "Congress met",
            "SECRETARY RICE",
            "Under the plan",
            "LIMITED USE",
        ] {
            assert_eq!(page_header(l), None, "{l:?}");
        }
        assert_eq!(page_header("CONFIDENTIAL PTQ"), None);
        assert_eq!(page_header("CONFIDENTIAL LIMA 004102"), None);
    }
}
