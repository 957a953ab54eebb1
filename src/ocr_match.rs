//! OCR-tolerant matching: the aliases the exact matcher ([`crate::matcher`])
//! misses in OCR text because of the usual OCR confusions.
//!
//! Run only on cables whose text came from OCR ([`crate::cable::Cable::is_ocr`]),
//! after the exact matcher, never on clean text, so the hot path of text
//! inputs is untouched. Its mentions are marked (`ocr` in `mentions.csv`)
//! so its precision can be judged on its own.
//!
//! Text and aliases are both folded to a key where the confusable shapes
//! are one:
//!
//! | OCR confusion | folded to |
//! | --- | --- |
//! | `O`, `0`, `Q` (any case) | `o` |
//! | `l`, `I`, `1`, `\|`, `!` (and so `L`, `i`) | `i` |
//! | `rn` | `m` |
//! | white space and hyphens | dropped, but remembered as a gap |
//! | a `.` `,` `:` `;` before white space | dropped, the gap marked as specked |
//!
//! A folded alias found in the folded text is a mention when:
//! - it is at least [`MIN_KEY_LEN`] folded characters long;
//! - it stands as whole words in the original text;
//! - every gap matches: where the alias has a space, the text has white
//!   space or a hyphen, or nothing at all when the words on both sides have
//!   three letters or more (words *joined* at a line end); where the alias
//!   has none, the text has none, or a line break (a word *broken* at a line
//!   end, with or without a hyphen); a speck OCR leaves before a space
//!   (`United. Nations Security Council`, `Mohammed: bin Rashid`) is taken
//!   only in an alias of three words or more, where a sentence or a list
//!   can hardly end between two of its words, and in a person's alias only
//!   before a lower-case word: a sentence may end at a title or a name
//!   ("succeeded him as Prime Minister. Brown had served");
//! - an alias with no lower-case letter (`CISEN`) finds no lower-case
//!   letter in the text but the `l` OCR makes of `I`;
//! - a one-word alias with lower-case letters (`Goni`) finds no word in
//!   capitals in a paragraph that has lower-case letters (there it is an
//!   acronym: `GONL`);
//! - the exact matcher did not already find it, nor anything overlapping
//!   it, and the text is not the alias itself (that the exact matcher
//!   rejected on purpose, e.g. for case);
//!
//! overlaps among candidates: leftmost, then longest.

use aho_corasick::{AhoCorasick, MatchKind};

use crate::cable::Cable;
use crate::gazetteer::Gazetteer;
use crate::matcher::{Located, Matcher, Mention};
use crate::normalize::alias_key;

/// Aliases shorter than this, folded, are not matched loosely (`PGR`,
/// `DEA`: too many words are three letters away from them).
pub const MIN_KEY_LEN: usize = 4;

/// No gap before this folded character.
const NO_GAP: u8 = 0;
/// White space (or a hyphen) on one line before this folded character.
const SPACE_GAP: u8 = 1;
/// A line break before this folded character.
const LINE_GAP: u8 = 2;
/// Added to a gap when a speck (`.`, `,`, `:`, `;`) came before its white
/// space.
const SPECK: u8 = 4;

/// Text folded for OCR-tolerant matching.
#[derive(Debug, Default)]
struct Folded {
    /// The folded bytes (ASCII; `?` for a character with no ASCII base).
    key: Vec<u8>,
    /// For each folded byte, the original span `(start, end)` it came from.
    src: Vec<(u32, u32)>,
    /// For each folded byte, the gap before it.
    gap: Vec<u8>,
}

fn fold_char(c: char) -> u8 {
    let c = if c.is_ascii() {
        c
    } else {
        match c {
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            _ => {
                let mut base = None;
                unicode_normalization::char::decompose_canonical(c, |d| {
                    if base.is_none() {
                        base = Some(d);
                    }
                });
                match base {
                    Some(b) if b.is_ascii() => b,
                    _ => return b'?',
                }
            }
        }
    };
    match c {
        'o' | 'O' | '0' | 'q' | 'Q' => b'o',
        'l' | 'L' | 'I' | 'i' | '1' | '|' | '!' => b'i',
        _ => c.to_ascii_lowercase() as u8,
    }
}

fn fold(text: &str) -> Folded {
    let mut f = Folded {
        key: Vec::with_capacity(text.len()),
        src: Vec::with_capacity(text.len()),
        gap: Vec::with_capacity(text.len()),
    };
    let mut pending = NO_GAP;
    // the current word has a full stop (`U.S`)
    let mut dotted = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() || c == '-' || c == '\u{ad}' {
            let g = if c == '\n' { LINE_GAP } else { SPACE_GAP };
            pending = (pending & SPECK) | (pending & !SPECK).max(g);
            continue;
        }
        // a speck before white space, not the last stop of `U.S.`
        if matches!(c, '.' | ',' | ':' | ';')
            && !f.key.is_empty()
            && pending == NO_GAP
            && !dotted
            && chars.peek().is_some_and(|&(_, n)| n.is_whitespace())
        {
            pending = SPECK;
            continue;
        }
        if pending != NO_GAP {
            dotted = false;
        }
        dotted |= c == '.';
        let mut end = i + c.len_utf8();
        let mut b = fold_char(c);
        if (c == 'r' || c == 'R') && chars.peek().is_some_and(|&(_, n)| n == 'n' || n == 'N') {
            let (j, n) = chars.next().expect("peeked");
            end = j + n.len_utf8();
            b = b'm';
        }
        f.key.push(b);
        f.src.push((i as u32, end as u32));
        f.gap.push(pending);
        pending = NO_GAP;
    }
    f
}

/// One alias, folded.
#[derive(Clone, Debug)]
struct Loose {
    /// The matcher's pattern index.
    pattern: u32,
    entity: u32,
    exact_case: bool,
    /// Gap before each folded character of the alias (the first one's is
    /// ignored).
    gap: Vec<u8>,
    /// Whether the alias's words may be found joined at each gap (both
    /// neighbouring words three folded characters or more).
    joinable: Vec<bool>,
    /// Whether the alias has three words or more, so that a speck may sit
    /// in one of its gaps.
    specks: bool,
    /// Whether the alias names a person (a speck only before a lower-case
    /// word).
    person: bool,
    /// `alias_key` of the alias, to skip text that is the alias itself.
    key: String,
}

/// The OCR-tolerant matcher of one gazetteer.
#[derive(Clone, Debug)]
pub struct OcrMatcher {
    ac: Option<AhoCorasick>,
    loose: Vec<Loose>,
}

impl OcrMatcher {
    /// Fold every alias the exact matcher searches (`gazetteer`: the one
    /// `matcher` was built from, for its entities' types).
    pub fn new(matcher: &Matcher, gazetteer: &Gazetteer) -> OcrMatcher {
        let mut keys: Vec<Vec<u8>> = Vec::new();
        let mut loose = Vec::new();
        for (i, p) in matcher.searched_patterns().iter().enumerate() {
            let f = fold(&p.alias);
            if f.key.len() < MIN_KEY_LEN {
                continue;
            }
            // word lengths between gaps, for `joinable`
            let mut word_len = vec![0usize; f.key.len()];
            let mut start = 0;
            for k in 1..=f.key.len() {
                if k == f.key.len() || f.gap[k] != NO_GAP {
                    for w in &mut word_len[start..k] {
                        *w = k - start;
                    }
                    start = k;
                }
            }
            let joinable = (0..f.key.len())
                .map(|k| k > 0 && word_len[k - 1] >= 3 && word_len[k] >= 3)
                .collect();
            let words = 1 + f.gap.iter().skip(1).filter(|&&g| g != NO_GAP).count();
            keys.push(f.key);
            loose.push(Loose {
                pattern: i as u32,
                entity: p.entity,
                exact_case: p.exact_case,
                gap: f.gap,
                joinable,
                specks: words >= 3,
                person: gazetteer
                    .entities()
                    .get(p.entity as usize)
                    .is_some_and(|e| e.kind == "person"),
                key: alias_key(&p.alias),
            });
        }
        let ac = (!keys.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&keys)
                .expect("folded aliases build an automaton")
        });
        OcrMatcher { ac, loose }
    }

    /// The mentions of `text` (one paragraph) the exact matcher missed;
    /// `exact` are the ones it found (any order).
    pub fn find(&self, text: &str, exact: &[Mention]) -> Vec<Mention> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let f = fold(text);
        let mut cands: Vec<Mention> = Vec::new();
        for m in ac.find_overlapping_iter(&f.key[..]) {
            let l = &self.loose[m.pattern().as_usize()];
            let (s, e) = (m.start(), m.end());
            let gaps_fit = (s + 1..e).all(|i| {
                let (tg, ag) = (f.gap[i], l.gap[i - s]);
                if tg & SPECK != 0 && ag & SPECK == 0 {
                    // a speck the alias lacks: in a long alias, between words
                    let lower = text[f.src[i].0 as usize..]
                        .chars()
                        .next()
                        .is_some_and(char::is_lowercase);
                    return ag != NO_GAP && l.specks && (lower || !l.person);
                }
                match (ag != NO_GAP, tg & !SPECK) {
                    (true, NO_GAP) => l.joinable[i - s],
                    (true, _) => true,
                    (false, NO_GAP) | (false, LINE_GAP) => true,
                    (false, _) => false,
                }
            });
            if !gaps_fit {
                continue;
            }
            let (start, end) = (f.src[s].0 as usize, f.src[e - 1].1 as usize);
            let span = &text[start..end];
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            if word(text[..start].chars().next_back()) || word(text[end..].chars().next()) {
                continue;
            }
            if l.exact_case && span.chars().any(|c| c.is_lowercase() && c != 'l') {
                continue;
            }
            // one word in capitals amid lower-case prose is an acronym, not
            // a one-word name (`GONL`, the Netherlands' government, is not
            // `Goni`)
            if !l.exact_case
                && l.gap.iter().all(|&g| g == NO_GAP)
                && !span.chars().any(char::is_lowercase)
                && text.chars().any(char::is_lowercase)
            {
                continue;
            }
            if alias_key(span) == l.key {
                continue;
            }
            cands.push(Mention {
                entity: l.entity,
                pattern: l.pattern,
                start,
                end,
                rule: Default::default(),
            });
        }
        // leftmost, then longest; never over an exact mention
        cands.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end), m.pattern));
        let mut out: Vec<Mention> = Vec::new();
        for c in cands {
            let clash = |m: &Mention| m.start < c.end && c.start < m.end;
            if exact.iter().any(clash) || out.iter().any(clash) {
                continue;
            }
            out.push(c);
        }
        out
    }

    /// Add the OCR-tolerant mentions of every paragraph of `cable` to
    /// `mentions` (kept in paragraph, then text order); returns the
    /// `(paragraph, start)` of those added, sorted.
    pub fn extend(&self, cable: &Cable, mentions: &mut Vec<Located>) -> Vec<(usize, usize)> {
        let mut added = Vec::new();
        let mut exact = Vec::new();
        for (i, p) in cable.paragraphs.iter().enumerate() {
            exact.clear();
            exact.extend(
                mentions
                    .iter()
                    .filter(|l| l.paragraph == i)
                    .map(|l| l.mention),
            );
            for mention in self.find(&p.text, &exact) {
                added.push((i, mention.start));
                mentions.push(Located {
                    paragraph: i,
                    mention,
                });
            }
        }
        if !added.is_empty() {
            mentions.sort_by_key(|l| (l.paragraph, l.mention.start));
            added.sort_unstable();
        }
        added
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(rows: &str) -> (Gazetteer, Matcher) {
        let text = format!("id,type,name,aliases,notes\n{rows}");
        let g = Gazetteer::from_sources(&[("g.csv".into(), text.as_bytes())]).unwrap();
        let m = Matcher::new(&g).unwrap();
        (g, m)
    }

    fn found(text: &str) -> Vec<String> {
        let (_g, m) = matcher(
            "mx-cisen,agency,CISEN,,\n\
             mx-pgr,agency,PGR,,\n\
             mx-gov,agency,Mexican Government,,\n\
             mx-sedena,agency,Secretariat of National Defense,SEDENA,\n\
             mx-calderon,person,Felipe Calderon,Calderon,\n\
             ae-mbr,person,Mohammed bin Rashid,,\n\
             x-interpol,organization,INTERPOL,,\n",
        );
        let exact = m.find(text);
        OcrMatcher::new(&m, &_g)
            .find(text, &exact)
            .iter()
            .map(|x| text[x.start..x.end].to_string())
            .collect()
    }

    #[test]
    fn confusions_are_matched() {
        assert_eq!(found("THE ClSEN AND THE C1SEN"), vec!["ClSEN", "C1SEN"]);
        assert_eq!(found("THE SEDENA AND SEDENA."), Vec::<String>::new());
        assert_eq!(
            found("the Mexican Govemment said"),
            vec!["Mexican Govemment"]
        );
        assert_eq!(found("the Mexican Goverment"), Vec::<String>::new());
        assert_eq!(found("INTERP0L and lNTERPOL"), vec!["INTERP0L", "lNTERPOL"]);
        assert_eq!(found("President Ca1deron"), vec!["Ca1deron"]);
        assert_eq!(found("the lNTERPOLE office"), Vec::<String>::new());
    }

    #[test]
    fn words_broken_or_joined_at_line_ends() {
        assert_eq!(
            found("the SEC-\nRETARIAT OF NATIONAL DEFENSE"),
            vec!["SEC-\nRETARIAT OF NATIONAL DEFENSE"]
        );
        assert_eq!(
            found("the SECRE\nTARIAT OF NATIONAL DEFENSE"),
            vec!["SECRE\nTARIAT OF NATIONAL DEFENSE"]
        );
        assert_eq!(
            found("the SECRETARIAT OFNATIONAL DEFENSE"),
            Vec::<String>::new()
        );
        assert_eq!(found("the MEXICANGOVERNMENT"), vec!["MEXICANGOVERNMENT"]);
        // a space inside a word on one line is not a line-end break
        assert_eq!(found("the CI SEN"), Vec::<String>::new());
    }

    #[test]
    fn specks_between_the_words_of_long_aliases() {
        assert_eq!(
            found("the Secretariat of. National Defense"),
            vec!["Secretariat of. National Defense"]
        );
        assert_eq!(
            found("the Secretariat: of National\nDefense"),
            vec!["Secretariat: of National\nDefense"]
        );
        // not in an alias of two words: a sentence may end between them
        assert_eq!(found("the Mexican. Government"), Vec::<String>::new());
        // nor inside a word
        assert_eq!(
            found("the Secre. tariat of National Defense"),
            Vec::<String>::new()
        );
        // a person's: only before a lower-case word
        assert_eq!(found("said Mohammed. Bin Rashid"), Vec::<String>::new());
        assert_eq!(found("Mohammed: bin Rashid"), vec!["Mohammed: bin Rashid"]);
        // an alias's own full stops still match
        assert_eq!(found("President Calderon. Then"), Vec::<String>::new());
        let f = fold("the U.S. and a.m. Mexico");
        assert_eq!(f.key, b"theu.s.anda.m.mexico");
    }

    #[test]
    fn case_rule_and_short_aliases() {
        // an all-caps alias does not match lower-case text
        assert_eq!(found("the cisen and the c1sen"), Vec::<String>::new());
        // PGR is too short to be matched loosely
        assert_eq!(found("the P6R and PCR"), Vec::<String>::new());
        // what the exact matcher found is not found again
        assert_eq!(found("CISEN and Calderon"), Vec::<String>::new());
        // a one-word name in capitals: an acronym amid prose, the name in
        // an all-caps cable
        assert_eq!(found("the CALDER0N said"), Vec::<String>::new());
        assert_eq!(found("THE PRESIDENT CALDER0N SAID"), vec!["CALDER0N"]);
    }
}
