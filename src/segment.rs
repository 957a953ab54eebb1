//! Text segmentation, in one place: where sentences start and where words
//! are, for the stages that need them.
//!
//! Two sentence rules live here, each for its own reader, and are kept
//! apart on purpose (merging them would change outputs):
//!
//! - [`sentence_starts`] splits a paragraph forwards into the sentences
//!   `--unit sentence` counts (the rule is in [`crate::graph`]'s docs; the
//!   abbreviations a period does not end a sentence after are
//!   [`ABBREVIATIONS`]).
//! - `sentence_start` looks backwards from an acronym definition for where
//!   its sentence began (a clause boundary `;`, `:`, a bracket or a quote
//!   ends the search too), bounding the long form's words.
//!
//! Likewise two word rules: [`words`] (runs of letters and digits: what
//! `window:N` counts) and `word_spans` (white-space separated: the words
//! of a long form or a name).

/// Words that a period does not end a sentence after (compared without
/// case and without the period).
pub const ABBREVIATIONS: &[&str] = &[
    "adm", "amb", "approx", "apr", "aug", "brig", "capt", "cdr", "cmdr", "co", "col", "corp",
    "dec", "dept", "dr", "feb", "gen", "gov", "govt", "hon", "inc", "jan", "jr", "jul", "jun",
    "lt", "ltd", "maj", "mar", "messrs", "mr", "mrs", "ms", "mt", "no", "nos", "nov", "oct",
    "pres", "prof", "rep", "rev", "sen", "sep", "sept", "sgt", "sr", "st", "vs",
];

fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if w.is_empty() {
        return false;
    }
    // initials and dotted initials: V, U.S, e.g, U.S.A
    if w.split('.')
        .all(|seg| seg.chars().count() == 1 && seg.chars().all(char::is_alphabetic))
    {
        return true;
    }
    let lower = w.to_lowercase();
    ABBREVIATIONS.binary_search(&lower.as_str()).is_ok()
}

/// Byte offsets at which the sentences of `text` start (the first is 0).
/// See the module docs for the rule.
pub fn sentence_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if !matches!(c, b'.' | b'!' | b'?') {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        // closing quotes and brackets stay with the sentence
        loop {
            let rest = &text[end..];
            match rest.chars().next() {
                Some(ch @ ('"' | '\'' | ')' | ']' | '\u{201d}' | '\u{2019}')) => {
                    end += ch.len_utf8()
                }
                _ => break,
            }
        }
        let after = &text[end..];
        let trimmed = after.trim_start();
        let has_space = trimmed.len() < after.len();
        let next_ok = trimmed.chars().next().is_some_and(|ch| {
            ch.is_uppercase() || matches!(ch, '"' | '\'' | '\u{201c}' | '\u{2018}')
        });
        if has_space && next_ok {
            let abbreviated = c == b'.' && {
                let word_start = text[..i].rfind(char::is_whitespace).map_or(0, |p| {
                    p + text[p..].chars().next().map_or(1, char::len_utf8)
                });
                is_abbreviation(&text[word_start..i])
            };
            if !abbreviated {
                starts.push(text.len() - trimmed.len());
            }
        }
        i = end;
    }
    starts
}

/// Byte ranges of the words (runs of letters and digits) of `text`.
pub fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Byte spans of the words of `s` (split at any white space).
pub(crate) fn word_spans(s: &str) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                v.push((st, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        v.push((st, s.len()));
    }
    v
}

/// The words of `s` as [`word_spans`] reads them, last first, without
/// collecting them (the acronym finder looks back from a parenthesis on
/// every parenthesis of every paragraph).
pub(crate) fn word_spans_rev(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    // `s[..end]` is what is left to read; `trim_end` trims exactly the
    // `char::is_whitespace` characters `word_spans` splits at
    let mut end = s.len();
    std::iter::from_fn(move || {
        let head = s[..end].trim_end();
        let start = match head.char_indices().rev().find(|&(_, c)| c.is_whitespace()) {
            Some((k, c)) => k + c.len_utf8(),
            None => 0,
        };
        end = start;
        (start < head.len()).then_some((start, head.len()))
    })
}

/// Where the sentence holding byte `end` of `hay` starts: after `;`, `:`,
/// a parenthesis, a quote, or a `.` that ends a sentence (not `U.S.` or
/// `Mr.`).
pub(crate) fn sentence_start(hay: &str, end: usize) -> usize {
    let b = hay.as_bytes();
    let mut i = end;
    while i > 0 {
        let c = b[i - 1];
        match c {
            b';' | b':' | b'(' | b')' | b'"' => return i,
            b'.' | b'!' | b'?' if b.get(i) == Some(&b' ') => {
                // the word ending here
                let ws = hay[..i - 1].rfind(' ').map_or(0, |k| k + 1);
                let word = &hay[ws..i - 1];
                let abbrev = word.contains('.')
                    || (word.len() <= 2 && word.chars().next().is_some_and(char::is_uppercase))
                    || [
                        "Mr", "Ms", "Mrs", "Dr", "St", "Gen", "Amb", "Sen", "Rep", "No",
                    ]
                    .contains(&word);
                if !abbrev {
                    return i;
                }
            }
            _ => {}
        }
        i -= 1;
    }
    0
}

/// The names of the months and the days of the week: capitalised words
/// that are never a name of their own (shared by the resolve stage's
/// name-tail rule and `suggest`'s titled-name rule).
pub const CALENDAR_WORDS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Is `w` a month or a weekday name ([`CALENDAR_WORDS`])?
pub fn is_calendar_word(w: &str) -> bool {
    CALENDAR_WORDS.contains(&w)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The backward walk gives `word_spans`'s words, last first, on
        /// any white space (Unicode's included).
        #[test]
        fn word_spans_rev_is_word_spans_reversed(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "Bc", " ", "  ", "\t", "\n", "\u{a0}", "\u{2003}", "é", "(", ".", "\u{3000}x",
                ]),
                0..16,
            )
        ) {
            let s = parts.concat();
            let mut want = word_spans(&s);
            want.reverse();
            proptest::prop_assert_eq!(word_spans_rev(&s).collect::<Vec<_>>(), want);
        }
    }
}
