//! Paragraph markers, and how their numbers survive OCR damage.
//!
//! A cable numbers its paragraphs `1.`, `2.`, … at the start of a line, in
//! newer cables behind a pilcrow (`¶2.`) and followed by a classification
//! marking in parentheses (`(C)`, `(SBU)`, `(S/NF)`). Printed, scanned and
//! OCR'd, the seed cable shows what becomes of them: `¶2.` reads `12.`, `¶5.`
//! reads `1.5.`, `¶11.` reads `I. 11.`, `¶12.` reads `II. 12.`, `¶3.` reads
//! `13 .` and `¶1.` reads `IQ.`.
//!
//! # The recovery rule
//!
//! 1. **Shape.** A line is a marker *candidate* when it starts with a short
//!    run of digit-like characters (`0-9`, `I l | ! i` for one, `O o Q D` for
//!    zero, and `¶`), optionally split by dots and single spaces, that ends in
//!    a dot followed by white space or `(`. An optional marking `(X)` follows.
//! 2. **Readings.** The digit-like characters are read as digits, giving a
//!    string `D` (`I. 11.` → `111`). Since the pilcrow in front may have been
//!    read as one or two extra characters (`1`, `I`, `I.`, `II.`) or lost, the
//!    candidate numbers are the numbers of every suffix of `D`
//!    (`111` → 111, 11, 1).
//! 3. **Sequence.** Paragraphs count up from one. With `expected` the number
//!    after the last accepted marker (1 at first), a candidate is accepted as
//!    - `expected` when that is one of its readings;
//!    - else, *only if it carries a marking*, the smallest reading in
//!      `expected+1 ..= expected+2` (a marker was lost entirely);
//!    - else, *only if it carries a marking* and reads as plain digits
//!      (`25.`), that number when it is larger than `expected` (the author
//!      skipped numbers), and nothing when it is smaller;
//!    - else, *only if it carries a marking* and is damaged, `expected`
//!      itself: the marker is unreadable (`IQ.`) but the marking shows it
//!      is one.
//!
//!    Anything else is ordinary text: a line that happens to start with
//!    `60-80` or `1.4(b)` is not a marker, and neither is `7.` where `3` is
//!    expected without a marking.
//!
//! The rule never invents a paragraph without a candidate line, and never
//! lets numbers go backwards, so a run of clean markers comes back unchanged.

/// A marker candidate found at the start of a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The digits as read (`111` for `I. 11.`), at most 6 of them.
    pub digits: String,
    /// The classification marking without parentheses, if any.
    pub marking: Option<String>,
    /// Byte offset in the line where the paragraph text starts.
    pub text_start: usize,
    /// True when the marker reads as plain digits in one group (`¶14.`,
    /// `14.`): no OCR substitutions, no split, no space before the dot.
    pub clean: bool,
}

/// Read a digit-like character as a digit.
fn digit_of(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        'I' | 'l' | '|' | '!' | 'i' => Some('1'),
        'O' | 'o' | 'Q' | 'D' => Some('0'),
        _ => None,
    }
}

/// Known classification markings (without parentheses), for telling a
/// marking from an ordinary parenthesis such as `(a)`.
fn is_marking(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() || s.len() > 12 {
        return false;
    }
    let upper = s.to_ascii_uppercase();
    // normalise OCR's stray spaces and dashes around the slash
    let compact: String = upper.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(
        compact.as_str(),
        "U" | "C"
            | "S"
            | "TS"
            | "SBU"
            | "FOUO"
            | "U/FOUO"
            | "SBU/NF"
            | "C/NF"
            | "S/NF"
            | "TS/NF"
            | "NF"
            | "C/REL"
            | "S/REL"
            | "LOU"
            | "U/LOU"
            | "U//FOUO"
            | "C//NF"
            | "S//NF"
            | "SBU//NF"
            | "CNF"
            | "SNF"
            | "S/RELNATO"
            | "C/RELNATO"
    ) || compact.starts_with("S//REL")
        || compact.starts_with("C//REL")
        || compact.starts_with("S/REL")
        || compact.starts_with("C/REL")
}

/// Normalise a marking as found (`( SBU )`, `(s/nf)`) to its canonical form.
fn canonical_marking(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase()
}

/// Look for a marker candidate at the start of `line`.
pub fn candidate(line: &str) -> Option<Candidate> {
    let bytes = line.as_bytes();
    let mut i = 0;
    // leading white space
    while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
        i += 1;
    }
    let start = i;
    let mut digits = String::new();
    let mut last_was_dot = false;
    let mut end_of_marker = None;
    let mut chars = line[start..].char_indices().peekable();
    let mut groups = 0usize;
    let mut in_group = false;
    let mut clean = true;
    while let Some((off, c)) = chars.next() {
        let pos = start + off;
        if c == '¶' {
            if !digits.is_empty() || in_group {
                return None;
            }
            continue;
        }
        if let Some(d) = digit_of(c) {
            if !in_group {
                groups += 1;
                in_group = true;
            }
            if d != c {
                clean = false;
            }
            digits.push(d);
            last_was_dot = false;
            if digits.len() > 6 {
                return None;
            }
            continue;
        }
        if c == '.' {
            if !in_group && !last_was_dot {
                // "1 . 5." style: a dot after a space that followed digits
                if digits.is_empty() {
                    return None;
                }
            }
            if last_was_dot {
                return None;
            }
            in_group = false;
            last_was_dot = true;
            // what follows the dot decides whether the marker ends here
            match chars.peek() {
                None => {
                    end_of_marker = Some(pos + 1);
                    break;
                }
                Some(&(_, n)) if n == '(' => {
                    end_of_marker = Some(pos + 1);
                    break;
                }
                Some(&(noff, n)) if n == ' ' || n == '\t' => {
                    // a space after the dot: either the end, or OCR split
                    // ("I. 11.", "1.9 ."): peek past the spaces
                    let rest = &line[start + noff..];
                    let after = rest.trim_start_matches([' ', '\t']);
                    let next_group: String = after
                        .chars()
                        .take_while(|&c| digit_of(c).is_some())
                        .collect();
                    let rest_after_group = &after[next_group.len()..];
                    let continues = !next_group.is_empty()
                        && next_group.len() <= 3
                        && rest_after_group.trim_start_matches(' ').starts_with('.')
                        && groups < 3
                        && rest.len() - after.len() <= 2;
                    if continues {
                        clean = false;
                        continue;
                    }
                    end_of_marker = Some(pos + 1);
                    break;
                }
                _ => {
                    // "1.5." continues; "1.4(b)" is not a marker
                    clean = false;
                    continue;
                }
            }
        }
        if c == ' ' || c == '\t' {
            // "13 ." or "1.9 .": one space before the closing dot
            if in_group {
                let rest = &line[pos..];
                let after = rest.trim_start_matches([' ', '\t']);
                if rest.len() - after.len() <= 1 && after.starts_with('.') {
                    in_group = false;
                    clean = false;
                    continue;
                }
            }
            if last_was_dot {
                continue;
            }
            return None;
        }
        return None;
    }
    let end = end_of_marker?;
    if digits.is_empty() {
        return None;
    }
    // the marking
    let rest = &line[end..];
    let after_ws = rest.trim_start_matches([' ', '\t']);
    let mut text_start = end + (rest.len() - after_ws.len());
    let mut marking = None;
    if let Some(inner) = after_ws.strip_prefix('(') {
        if let Some(close) = inner.find(')') {
            let m = &inner[..close];
            if is_marking(m) {
                marking = Some(canonical_marking(m));
                let consumed = 1 + close + 1;
                let after_mark = &after_ws[consumed..];
                let trimmed = after_mark.trim_start_matches([' ', '\t']);
                text_start += consumed + (after_mark.len() - trimmed.len());
            }
        }
    }
    // A bare number with nothing after it is not a paragraph
    if marking.is_none() && line[text_start..].trim().is_empty() {
        return None;
    }
    Some(Candidate {
        digits,
        marking,
        text_start,
        clean,
    })
}

/// The numbers a digit string can stand for: every suffix read as a number.
pub fn readings(digits: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for k in 0..digits.len() {
        if let Ok(n) = digits[k..].parse::<u32>() {
            if n > 0 && !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

/// Decide which paragraph number a candidate stands for, given the number
/// the sequence expects next; `None` when it is not a marker (see the
/// module docs for the rule).
pub fn resolve(c: &Candidate, expected: u32) -> Option<u32> {
    let r = readings(&c.digits);
    if r.contains(&expected) {
        return Some(expected);
    }
    c.marking.as_ref()?;
    if let Some(n) = r
        .iter()
        .copied()
        .filter(|&n| n > expected && n <= expected + 2)
        .min()
    {
        return Some(n);
    }
    if c.clean {
        // plain digits: the author skipped numbers, or this is a numbered
        // list inside a paragraph (when it goes backwards)
        let n = r.first().copied()?;
        return (n > expected).then_some(n);
    }
    Some(expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Walk a sequence of marker lines as the parser would.
    fn recover(lines: &[&str]) -> Vec<Option<(u32, Option<String>)>> {
        let mut expected = 1;
        lines
            .iter()
            .map(|l| {
                let c = candidate(l)?;
                let n = resolve(&c, expected)?;
                expected = n + 1;
                Some((n, c.marking))
            })
            .collect()
    }

    #[test]
    fn seed_markers_come_back() {
        let lines = [
            "IQ.  (C)  Summary.  Mexico's",
            "12.  (SBU)  The  Mexican  public",
            "13 . (U)  The  major  institutions",
            "14.  (SBU)  Ongoing  U.S.  funded",
            "1.5.  (C)  Mexico's  current",
            "1.6.  (C)  We  now  want",
            "1.7.  (SBU)  The  U.S.-  Mexico",
            "18.  (SBU)  Putting  in  place",
            "1.9 . (C)  The  judicial  reform",
            "1.10.  (SBU)  Legislative  efforts",
            "I. 11.  (SBU)  A robust  asset",
            "II. 12.  (C)  Comment:  Failure",
        ];
        let got = recover(&lines);
        let nums: Vec<u32> = got.iter().map(|g| g.as_ref().unwrap().0).collect();
        assert_eq!(nums, (1..=12).collect::<Vec<_>>());
        let marks: Vec<String> = got
            .iter()
            .map(|g| g.as_ref().unwrap().1.clone().unwrap())
            .collect();
        assert_eq!(
            marks,
            ["C", "SBU", "U", "SBU", "C", "C", "SBU", "SBU", "C", "SBU", "SBU", "C"]
        );
    }

    #[test]
    fn text_start_skips_marker_and_marking() {
        let l = "1.9 . (C)  The  judicial";
        let c = candidate(l).unwrap();
        assert_eq!(&l[c.text_start..], "The  judicial");
        let l = "¶3. (S) General Petraeus";
        let c = candidate(l).unwrap();
        assert_eq!(&l[c.text_start..], "General Petraeus");
        assert_eq!(c.digits, "3");
    }

    #[test]
    fn not_markers() {
        for l in [
            "60-80  percent  of  the  cocaine",
            "1.4(b) and (d)",
            "2009-02-04  17:08:00",
            "190450",
            "INFO  RUEHXC/ALL",
            "12958: DECL",
            "Investigative  Agency  (AFI)",
            "3.",
        ] {
            let c = candidate(l);
            assert!(
                c.is_none() || resolve(c.as_ref().unwrap(), 1).is_none(),
                "{l:?} -> {c:?}"
            );
        }
    }

    #[test]
    fn unmarked_numbers_need_the_expected_value() {
        let c = candidate("7. THE MINISTER SAID").unwrap();
        assert_eq!(resolve(&c, 3), None);
        assert_eq!(resolve(&c, 7), Some(7));
        let c = candidate("7. (C) THE MINISTER SAID").unwrap();
        assert_eq!(resolve(&c, 3), Some(7), "clean jump is kept");
        assert_eq!(resolve(&c, 9), None, "clean step back is a list item");
        let c = candidate("IQ. (C) THE MINISTER SAID").unwrap();
        assert_eq!(resolve(&c, 3), Some(3), "unreadable but marked");
        let c = candidate("5. (C) lost one").unwrap();
        assert_eq!(resolve(&c, 4), Some(5));
    }
}
