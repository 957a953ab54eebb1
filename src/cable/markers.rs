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
//!    run of digit-like characters (`0-9`, `I l | ! i` for one, `O o Q` for
//!    zero, and `¶`), optionally split by dots and single spaces, that ends in
//!    a dot followed by white space or `(`. An optional marking `(X)` follows.
//!    (`D` is not read as zero: `¶D. (S)` is a lettered sub-paragraph.)
//! 2. **Readings.** The digit-like characters are read as digits, giving a
//!    string `D` (`I. 11.` → `111`). Since the pilcrow in front may have been
//!    read as one or two extra characters (`1`, `I`, `I.`, `II.`) or lost, the
//!    candidate numbers are the numbers of every suffix of `D`
//!    (`111` → 111, 11, 1).
//! 3. **Exact markers.** A pilcrow followed by plain digits (`¶14.`) was not
//!    damaged: its one reading is the number. With `expected` the number
//!    after the last accepted marker (1 at first), it is accepted when it is
//!    `expected`; when it carries a marking, whatever its number (the author
//!    skipped or repeated a number, or the cable is a part starting at
//!    `¶23.`); without a marking, only as `expected + 1` (one number lost).
//! 4. **Sequence.** Any other candidate is accepted as
//!    - `expected` when that is one of its readings;
//!    - else, *only if it carries a marking*, the smallest reading in
//!      `expected+1 ..= expected+2` (a marker was lost entirely);
//!    - else, *only if it carries a marking*, `expected - 1` when that is
//!      one of its readings: the author repeated a number (`¶6.` twice,
//!      the second damaged to `16.`);
//!    - else, *only if it carries a marking* and reads as plain digits
//!      (`25.`), that number when it is larger than `expected` (the author
//!      skipped numbers), and nothing when it is smaller (a numbered list
//!      inside a paragraph);
//!    - else, *only if it carries a marking* and is damaged, `expected`
//!      itself: the marker is unreadable (`IQ.`) but the marking shows it
//!      is one.
//!
//!    A marker behind specks of the page margin that OCR read as text (at
//!    most 12 bytes of tokens of one or two characters, the last ending in
//!    a sign or a misread pilcrow: `a 2 ; (1. (C) The …`, `-@2. (C). When
//!    …`) needs a marking and is taken only as `expected` or `expected + 1`.
//!
//!    A marker whose punctuation OCR damaged is read once repaired, in
//!    its first 24 bytes and only with a marking: a comma for the dot
//!    (`$1, (U)`, `49+ (U)`), a doubled dot (`G@2..(C)`), a dash or a sign between the dot and the marking
//!    (`G11.-(C)`, `$13. °(U)`, `G4. «(C)`; any run of up to four signs:
//!    `q2.°-(S/NF)`), a brace for the parenthesis (`18.-{U)`),
//!    a colon for the dot (`q10: (C)`, `Gi: (C)`), an `S` for a 5 (`4S.
//!    (C)`), a stray dot (`(33. .(SBU)`); `(VU)` and `(0)` are read as `(U)`, `(Ss)` as `(S)`, `(S/NEF)` as `(S/NF)`, `(@)`, `(¢)` and `CC)`
//!    as `(C)`, and a marking that lost its opening parenthesis (`C)
//!    Summary`) before a capital as that marking. A misread pilcrow (`G`, `T`, `#`, `(`, `@` …) may stand
//!    before a letter read as a digit (`Gl. (C)`).
//!
//!    A marking whose number was lost, behind one or two specks (`fa (C)
//!    Summary.`, `eR (C). Georgian …`, `15 (SBU) He also …`), is taken as
//!    `expected` only when the next marker reads as `expected + 1` (two or
//!    three such in a row when the one after them follows: `qs. (C)`,
//!    `Fo: (U)`, then `10. (C)`), or when it is the last marker, its speck
//!    reads as a damaged number (`MT. (C)`, not `A. (S)`) and the marker
//!    before it was no exact `¶N.`; a line that opens with its marking is
//!    the author's unnumbered paragraph.
//!
//!    A lone letter (`I.`, `l.`, `O.`) is taken only as `expected` and only
//!    with a marking; elsewhere it is a lettered item (`REF: … ¶I. USDEL 7`,
//!    `¶I. (S) Safa Naveed`).
//!
//!    Anything else is ordinary text: a line that happens to start with
//!    `60-80` or `1.4(b)` is not a marker, and neither is `7.` where `3` is
//!    expected without a marking, nor a year (`2008.`) wrapped to the start
//!    of a line.
//!
//! Three more rules look at the whole cable ([`number_lines`]):
//!
//! - a jump ahead (a number above `expected + 2` that is not an exact
//!   `¶N.`) must be followed: when the next candidate does not read as
//!   the number after it, the jump is no paragraph if the next reads as
//!   `expected`, and, when marked, the paragraph before the next one if
//!   that reads as `expected + 1` or `+ 2` (`24. (U)` where 13 is due,
//!   then `$15. (U)`: 14; `4124.`, `4125.` … where 24 is due follow
//!   each other and are read through their suffixes anyway), and a
//!   smaller reading that the next candidate does follow is taken before
//!   that (`474. (C)` then `45. (C)`: a pilcrow read as `47`, so 4); when
//!   the next reads as `expected + 1` to `+ 3`, a number between with the
//!   jump's last digit is taken first (`20. (U)` where 9 is due, then
//!   `12. (U)`: 10, the pilcrow read as `2`);
//! - the first marker of a cable that starts late (a partial extract's
//!   `¶23.` read `423.` or `(#23.`) is the number after one misread
//!   pilcrow when the next marker follows it, not a reading near ¶1;
//! - a marked candidate no reading of which fits, whose last digit is
//!   `expected`'s and which the next candidate follows, is `expected` (the
//!   tens lost with the pilcrow: `$6. (U)` where 16 is due, then `117.`);
//!   an unmarked one reading `expected + 1` that the next follows is that
//!   paragraph, one marker lost before it (`14.` where 3 is due, then
//!   `45.`), and a misread pilcrow before a number may stand unmarked
//!   before capitals (`Sl. IN THE PAST`: an old unmarked cable's ¶1);
//! - an unmarked candidate inside a `REF:` block (up to the next blank
//!   line, the `Classified By` line, a marked paragraph, a heading such as
//!   `SUMMARY` or a line of prose, as OCR keeps no blank lines) is a
//!   reference list item
//!   (`¶I. USDEL 7`, read as `II.`);
//! - a damaged marker line repeating the previous marker line word for word
//!   (a page glitch: `¶10.  (S/NF) CSIS is far…` then `Q10.  (S/NF) CSIS
//!   is far…`) is text, unless it reads as the expected number.
//!
//! The rule never invents a paragraph without a candidate line, and only an
//! exact, marked marker moves numbers backwards, so a run of clean markers
//! comes back unchanged.

use super::fast_str::FastStr;

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
    /// True when a pilcrow (`¶`) stands before the digits, so none of them
    /// is a misread pilcrow.
    pub pilcrow: bool,
    /// True when a digit was read from a letter (`I.`, `l1.`, `O.`): a
    /// lone one may be a lettered item rather than a number.
    pub from_letter: bool,
    /// True when OCR'd margin specks stand before the marker (`a 2 ; (1.
    /// (C) The …`): it counts only where one of its readings is due.
    pub margin: bool,
}

/// A marker's digits as read (at most six ASCII digits), kept in place: a
/// candidate is read on every marker line, and the parser's own walk
/// ([`mark_lines`]) never hands one out as a [`Candidate`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Digits {
    buf: [u8; 6],
    len: u8,
}

impl Digits {
    /// The digits of `d` (ASCII digits, at most six).
    fn new(d: &[u8]) -> Digits {
        let mut buf = [0u8; 6];
        buf[..d.len()].copy_from_slice(d);
        Digits {
            buf,
            len: d.len() as u8,
        }
    }
}

impl std::ops::Deref for Digits {
    type Target = str;

    /// The digits as text.
    fn deref(&self) -> &str {
        std::str::from_utf8(&self.buf[..usize::from(self.len)]).expect("ASCII digits")
    }
}

/// A marker candidate as the module reads it: a [`Candidate`] with its
/// digits in place (see [`Candidate`] for the fields).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    digits: Digits,
    /// The classification marking without parentheses, if any.
    pub(crate) marking: Option<String>,
    /// Byte offset in the line where the paragraph text starts.
    pub(crate) text_start: usize,
    clean: bool,
    pilcrow: bool,
    from_letter: bool,
    margin: bool,
}

impl From<Found> for Candidate {
    /// The public form: the digits copied out.
    fn from(f: Found) -> Candidate {
        Candidate {
            digits: f.digits.to_string(),
            marking: f.marking,
            text_start: f.text_start,
            clean: f.clean,
            pilcrow: f.pilcrow,
            from_letter: f.from_letter,
            margin: f.margin,
        }
    }
}

/// What [`resolve`] reads of a candidate (a [`Candidate`] or a [`Found`]):
/// its digits, whether it is marked, and its flags.
#[derive(Clone, Copy)]
struct Reading<'a> {
    digits: &'a str,
    marked: bool,
    clean: bool,
    pilcrow: bool,
    from_letter: bool,
    margin: bool,
}

impl Candidate {
    /// What [`resolve`] reads of it.
    fn reading(&self) -> Reading<'_> {
        Reading {
            digits: &self.digits,
            marked: self.marking.is_some(),
            clean: self.clean,
            pilcrow: self.pilcrow,
            from_letter: self.from_letter,
            margin: self.margin,
        }
    }
}

impl Found {
    /// What [`resolve`] reads of it.
    fn reading(&self) -> Reading<'_> {
        Reading {
            digits: &self.digits,
            marked: self.marking.is_some(),
            clean: self.clean,
            pilcrow: self.pilcrow,
            from_letter: self.from_letter,
            margin: self.margin,
        }
    }
}

/// Read a digit-like character as a digit.
pub(super) fn digit_of(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        'I' | 'l' | '|' | '!' | 'i' => Some('1'),
        'O' | 'o' | 'Q' => Some('0'),
        _ => None,
    }
}

/// Is this (the inside of a parenthesis) a classification marking, as
/// opposed to an ordinary parenthesis such as `(a)`? A level (`U`, `C`,
/// `S`, `TS`, `SBU`, `FOUO`, `LOU`), then any `/`-separated caveats
/// (`NF`, `NOFORN`, `FOUO`, `REL GERMANY`, `ORCON` …): `S/NF`,
/// `C//REL GERMANY`, `U//FOUO`, and OCR's `( SBU )`, `CNF`.
pub(crate) fn is_marking(s: &str) -> bool {
    let s = s.trim_ws();
    if s.is_empty() || s.len() > MARKING_MAX {
        return false;
    }
    if s.is_ascii() {
        // (its canonical form on the stack: most parentheses read here
        // are none, `(a)`, `(see ref)`)
        let mut buf = [0u8; MARKING_MAX];
        return is_canonical_marking(canonical_ascii(s, &mut buf));
    }
    is_canonical_marking(&canonical_marking(s))
}

/// The longest text [`is_marking`] reads.
const MARKING_MAX: usize = 80;

/// [`canonical_marking`] of an ASCII `s` (of at most [`MARKING_MAX`]
/// bytes), written into `buf`: its words upper-cased, one space between
/// two, none next to a `/`, as the collapse and the two replacements
/// leave it.
fn canonical_ascii<'b>(s: &str, buf: &'b mut [u8; MARKING_MAX]) -> &'b str {
    let mut n = 0;
    let mut last = b'/';
    for w in s.split_whitespace() {
        let w = w.as_bytes();
        if n > 0 && last != b'/' && w[0] != b'/' {
            buf[n] = b' ';
            n += 1;
        }
        for &b in w {
            buf[n] = b.to_ascii_uppercase();
            n += 1;
        }
        last = w[w.len() - 1];
    }
    std::str::from_utf8(&buf[..n]).expect("ASCII")
}

/// Is `upper`, a canonical form ([`canonical_marking`]), a marking (the
/// rule of [`is_marking`])?
fn is_canonical_marking(upper: &str) -> bool {
    if matches!(upper, "CNF" | "SNF") {
        return true;
    }
    let mut parts = upper.split('/').filter(|p| !p.is_empty());
    let level_ok = parts
        .next()
        .is_some_and(|l| matches!(l, "U" | "C" | "S" | "TS" | "SBU" | "FOUO" | "LOU" | "LES"));
    level_ok
        && parts.all(|p| {
            matches!(
                p,
                "NF" | "NOFORN"
                    | "FOUO"
                    | "LOU"
                    | "SBU"
                    | "LES"
                    | "ORCON"
                    | "OC"
                    | "PROPIN"
                    | "FGI"
                    | "NODIS"
                    | "EXDIS"
                    | "SI"
                    | "TK"
            ) || (p.starts_with("REL")
                && p.len() <= 76
                && p.chars()
                    .all(|c| c.is_ascii_uppercase() || c == ' ' || c == ','))
        })
}

/// Normalise a marking as found (`( SBU )`, `(s/nf)`, `C / REL  GERMANY`)
/// to its canonical form (`SBU`, `S/NF`, `C/REL GERMANY`).
fn canonical_marking(s: &str) -> String {
    if s.bytes().all(|b| b.is_ascii_uppercase() || b == b'/') {
        return s.to_string(); // already canonical, as most are (`C`, `S/NF`)
    }
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .replace(" /", "/")
        .replace("/ ", "/")
        .to_ascii_uppercase()
}

/// Characters OCR has read a pilcrow as, before the digits of a marker
/// (`a5. (C)`, `s6. (C)`, `$12. (U)`, `«3. (S)`, `“21. (U)` on scans of
/// `¶5.`, `¶6.`, …).
const PILCROW_MISREADS: &[char] = &[
    'a', 's', 'S', '$', '§', '%', '€', 'g', 'q', '«', '“', '"', '\'', '‘', '*', '+', 'G', '@', 'T',
    '#', '(', 'M', 'f',
];

/// `line` without its leading spaces and tabs (on bytes: this runs on
/// every line).
fn trim_blanks(line: &str) -> &str {
    let n = line
        .bytes()
        .take_while(|&b| b == b' ' || b == b'\t')
        .count();
    &line[n..]
}

/// The ASCII characters of [`PILCROW_MISREADS`], one bit each.
const PILCROW_MISREADS_ASCII: u128 = {
    let mut bits = 0u128;
    let mut i = 0;
    while i < PILCROW_MISREADS.len() {
        let c = PILCROW_MISREADS[i] as u32;
        if c < 128 {
            bits |= 1 << c;
        }
        i += 1;
    }
    bits
};

/// Is `c` one of [`PILCROW_MISREADS`]? (An ASCII character by a bit test:
/// this runs on every line.)
fn is_pilcrow_misread(c: char) -> bool {
    if c.is_ascii() {
        PILCROW_MISREADS_ASCII >> (c as u32) & 1 == 1
    } else {
        PILCROW_MISREADS.contains(&c)
    }
}

/// Look for a marker candidate at the start of `line`: the plain grammar
/// (`plain_candidate`), or else one character OCR made of a pilcrow
/// (`PILCROW_MISREADS`) before a marker that carries a marking. The
/// marking is required there, so a word such as `a5.` in running text is
/// never a marker.
pub fn candidate(line: &str) -> Option<Candidate> {
    find(line).map(Candidate::from)
}

/// [`candidate`] as the module reads it (its digits in place).
pub(crate) fn find(line: &str) -> Option<Found> {
    if !may_be_candidate(line) {
        return None;
    }
    read_candidate(line)
        .or_else(|| repaired_candidate(line))
        .or_else(|| numberless_candidate(line))
}

/// How far into a line [`repaired_candidate`] looks for the parenthesis
/// of a marking it can repair.
const REPAIR_WINDOW: usize = 24;
/// How far into a line's text (after its blanks) [`margin_candidate`]
/// looks for a marking's parenthesis.
const MARGIN_WINDOW: usize = 16;
/// How far into a line's text [`numberless_candidate`] looks for a
/// marking's closing parenthesis.
const NUMBERLESS_WINDOW: usize = 12;

/// Could [`candidate`] find a marker on `line`? A cheap no for most lines
/// of prose, from what every kind of candidate needs: a parenthesis or a
/// brace near the start (a marking, a repair, a margin speck, a lost
/// number), or else a marker's own start: a pilcrow, or digits (or
/// characters read as digits) then a dot or a blank, perhaps behind a
/// digit and `§` or one or two misread pilcrows. This runs on every line
/// of every cable (the kinds' own checks, one after the other, were a
/// fifth of `parse`'s instructions).
fn may_be_candidate(line: &str) -> bool {
    let bytes = line.as_bytes();
    let blanks = bytes
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    // every kind's look for a parenthesis or brace stays within this
    let window = REPAIR_WINDOW.max(MARGIN_WINDOW).max(NUMBERLESS_WINDOW);
    let head = &bytes[..bytes.len().min(blanks + window)];
    if crate::byte_classes::any_of(head, [b'(', b'{', b')']) {
        return true;
    }
    let body = &line[blanks..];
    // `plain_candidate`: what it reads before it gives up
    let marker_start = |s: &str| {
        let rest = s.trim_start_matches(|c| digit_of(c).is_some());
        s.starts_with('¶') || (rest.len() < s.len() && rest.starts_with(['.', ' ', '\t']))
    };
    if marker_start(body) {
        return true;
    }
    // `read_candidate`: a digit and `§` (`4§6.`), or one or two misread
    // pilcrows (`%§13.`, `Sl.`), before a marker
    let mut chars = body.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if first.is_ascii_digit() && body[1..].starts_with('§') {
        return marker_start(&body[1 + '§'.len_utf8()..]);
    }
    if !is_pilcrow_misread(first) {
        return false;
    }
    let after = &body[first.len_utf8()..];
    match chars.next() {
        Some(second) if is_pilcrow_misread(second) => marker_start(&after[second.len_utf8()..]),
        _ => marker_start(after),
    }
}

/// A marker whose number OCR lost, its marking left (`fa (C) Summary.`,
/// `eR (C). Georgian …`, `15 (SBU) He also …`): one or two specks of one
/// or two characters, a marking, then a capital. It has no digits, and
/// [`number_lines`] takes it only as the expected paragraph, and only when
/// the next marker reads as the one after it.
fn numberless_candidate(line: &str) -> Option<Found> {
    let body = trim_blanks(line);
    // (a cheap no first: this runs on every line that is no marker)
    memchr::memchr(b')', &body.as_bytes()[..body.len().min(NUMBERLESS_WINDOW)])?;
    // a line that opens with its marking is mostly the author's
    // unnumbered paragraph (`(SBU) This is the second in a series …`), so
    // [`number_lines`] takes it only between two markers that skip its
    // number (`(SBU) ‘The PS faces`, its `¶6.` lost between 5 and 7)
    let mut rest = body;
    for specks in 0..=3 {
        if specks > 0 || body.starts_with('(') {
            if let Some((marking, consumed)) = marking_at(rest) {
                let after = &rest[consumed..];
                let text = after.trim_start_matches(['.', ' ']);
                if !text
                    .trim_start_matches(['‘', '’', '“', '"', '\''])
                    .starts_with(|c: char| c.is_ascii_uppercase())
                    || after.len() - text.len() > 3
                {
                    return None;
                }
                return Some(Found {
                    digits: Digits::default(),
                    marking: Some(marking),
                    text_start: line.len() - text.len(),
                    clean: false,
                    pilcrow: false,
                    from_letter: false,
                    margin: true,
                });
            }
        }
        let (speck, after) = rest.split_once(' ')?;
        // the first may be three (`“Ss (S) Ricard …`); a third only
        // when none is longer than two (`oo © i (U) This message`)
        if speck.chars().count() > if specks == 0 { 3 } else { 2 }
            || (specks == 2 && body.split(' ').take(3).any(|w| w.chars().count() > 2))
        {
            return None;
        }
        rest = after.trim_start_matches(' ');
    }
    None
}

/// [`candidate`] without the repairs of [`repaired_candidate`].
fn read_candidate(line: &str) -> Option<Found> {
    if let Some(c) = plain_candidate(line) {
        return Some(c);
    }
    let body = trim_blanks(line);
    // one or two such characters (`%§13.`), or a digit and a `§`
    // (`4§6.`), then a digit
    let misread: usize =
        if body.starts_with(|c: char| c.is_ascii_digit()) && body[1..].starts_with('§') {
            1 + '§'.len_utf8()
        } else {
            body.chars()
                .take(2)
                .take_while(|&c| is_pilcrow_misread(c))
                .map(char::len_utf8)
                .sum()
        };
    if misread > 0 && body[misread..].starts_with(|c: char| digit_of(c).is_some()) {
        let skip = line.len() - body.len() + misread;
        if let Some(mut c) = plain_candidate(&line[skip..]) {
            // unmarked only before capitals (`Sl. IN THE PAST`, an old
            // cable's ¶1): the misread pilcrow says it is no lettered item
            let capitals = || {
                let t = &line.as_bytes()[skip + c.text_start..];
                t.len() > 2 && t[..2].iter().all(u8::is_ascii_uppercase)
            };
            if c.marking.is_some() || (c.digits.len() <= 2 && capitals()) {
                c.from_letter &= c.marking.is_some();
                c.text_start += skip;
                c.clean = false;
                return Some(c);
            }
        }
    }
    margin_candidate(line, body)
}

/// The repair of the character `c` at byte `i` of `line` (followed by
/// `next`), same length: see [`repaired_candidate`].
fn repair(line: &str, i: usize, c: char, next: Option<char>) -> Option<&'static str> {
    let before = &line[..i];
    let prev = before.chars().next_back();
    let marking_next = matches!(next, Some('(' | '{'));
    match c {
        // `1, (U)`, `10: (C)`, `49+ (U)`: a comma, colon or plus after
        // digits, before a marking
        ',' | ':' | '+'
            if prev.is_some_and(|p| digit_of(p).is_some() || p == 'S')
                && line[i + 1..].trim_start_ws().starts_with(['(', '{']) =>
        {
            Some(".")
        }
        // `11.-(C)`: a dash between the dot and the marking
        '-' if prev == Some('.') && marking_next => Some(" "),
        // `13. °(U)`: a sign right before the marking
        '°' | '·' if marking_next => Some("  "),
        '‘' | '’' | '“' | '”' | '•' if marking_next => Some("   "),
        // `@4. «~(C)`: signs before the marking
        '«' | '»' if signs_then_marking(&line[i..]) => Some("  "),
        '~' if signs_then_marking(&line[i..]) => Some(" "),
        '*' if marking_next => Some(" "),
        // `5.<"(C)`: signs before the marking
        '<' | '"'
            if line[i + 1..]
                .trim_start_matches(['<', '"', ' '])
                .starts_with('(') =>
        {
            Some(" ")
        }
        // `4S. (C)`, `qS. (S)`, `-@S, (C)`: a 5 read as S between digits,
        // or after a misread pilcrow at the start, and the dot or comma
        'S' if matches!(next, Some('.' | ','))
            && prev.is_some_and(|p| {
                p.is_ascii_digit()
                    || (is_pilcrow_misread(p) && before.trim_start_ws().chars().count() <= 2)
            }) =>
        {
            Some("5")
        }
        // `33. .(SBU)`: a stray dot before the marking
        '.' if marking_next && before.ends_with(". ") => Some(" "),
        // `2..(C)`, `2... (U)`: the dot doubled or tripled
        '.' if before.ends_with('.')
            && before
                .trim_end_matches('.')
                .ends_with(|d: char| d.is_ascii_digit()) =>
        {
            Some(" ")
        }
        // `{U)`: a brace for the parenthesis
        '{' if next.is_some_and(|n| n.is_ascii_uppercase()) => Some("("),
        // `2.°-(S/NF)`, `9. -(C)`: any short run of signs between the dot
        // and the marking
        c if !c.is_alphanumeric()
            && !c.is_whitespace()
            && !matches!(c, '(' | '{')
            && signs_between(before, &line[i..]) =>
        {
            Some(&"    "[..c.len_utf8()])
        }
        _ => None,
    }
}

/// Is `rest` a run of at most four signs and spaces before a marking's
/// parenthesis, right after a number's dot (`before` ends with a digit and
/// a dot, then signs)?
fn signs_between(before: &str, rest: &str) -> bool {
    let sign = |c: char| !c.is_alphanumeric() && !matches!(c, '(' | '{' | '.');
    let head = before.trim_end_matches(sign);
    let dotted = head
        .strip_suffix('.')
        .and_then(|h| h.chars().next_back())
        .is_some_and(|d| digit_of(d).is_some());
    // the run of signs, its length in characters and in bytes (not copied)
    let (chars, bytes) = rest
        .chars()
        .take_while(|&c| sign(c))
        .fold((0usize, 0usize), |(n, b), c| (n + 1, b + c.len_utf8()));
    dotted && chars <= 4 && rest[bytes..].starts_with(['(', '{'])
}

/// Does `s` hold only signs OCR reads around a marker (`«`, `»`, `~`,
/// spaces) before a parenthesis?
fn signs_then_marking(s: &str) -> bool {
    s.trim_start_matches(['«', '»', '~', ' ']).starts_with('(')
}

/// A marker whose punctuation OCR damaged, read again once repaired: a
/// comma for the dot (`$1, (U)`), a doubled dot (`2..(C)`), a dash or a
/// sign between the dot and the marking (`G11.-(C)`, `$13. °(U)`), a brace
/// for its parenthesis (`18.-{U)`). Only in the first 24 bytes, only with
/// a marking, each repair the same length so offsets stay those of the
/// line; the line is copied only when one applies.
fn repaired_candidate(line: &str) -> Option<Found> {
    let head = line.len().min(REPAIR_WINDOW);
    // (a cheap no first, on bytes: this runs on every line that is no
    // marker; the bytes up to the next char boundary continue a character,
    // so no parenthesis hides there)
    memchr::memchr2(b'(', b'{', &line.as_bytes()[..head])?;
    let head = (head..=line.len()).find(|&i| line.is_char_boundary(i))?;
    let repairs = || {
        let mut chars = line[..head].char_indices().peekable();
        std::iter::from_fn(move || {
            let (i, c) = chars.next()?;
            let next = chars.peek().map(|&(_, n)| n);
            Some((i, c, repair(line, i, c, next)))
        })
    };
    if !any_repair(line, head) {
        return None;
    }
    let mut fixed = String::with_capacity(line.len());
    for (_, c, r) in repairs() {
        match r {
            Some(r) => fixed.push_str(r),
            None => fixed.push(c),
        }
    }
    fixed.push_str(&line[head..]);
    let mut c = read_candidate(&fixed)?;
    c.marking.as_ref()?;
    c.clean = false;
    Some(c)
}

/// Does [`repair`] apply anywhere in `line[..head]`? Asked only at the
/// characters it can apply at: not at an ASCII letter or digit (but `S`),
/// a space, a tab or `(`, the most of a line, where its every case says no
/// (a test holds this to asking at every character).
fn any_repair(line: &str, head: usize) -> bool {
    let never =
        |b: u8| (b.is_ascii_alphanumeric() && b != b'S') || matches!(b, b' ' | b'\t' | b'(');
    let b = line.as_bytes();
    (0..head)
        .filter(|&i| !never(b[i]) && line.is_char_boundary(i))
        .any(|i| {
            let mut chars = line[i..head].chars();
            let c = chars
                .next()
                .expect("a character starts at a boundary before head");
            repair(line, i, c, chars.next()).is_some()
        })
}

/// A marker behind specks of the page margin that OCR read as text (`a 2 ;
/// (1. (C) The …`, `-@2. (C). When …`): at most 12 bytes of tokens no
/// longer than two characters, the last ending in a sign or a misread
/// pilcrow, then a marker that carries a marking.
fn margin_candidate(line: &str, body: &str) -> Option<Found> {
    // (a cheap no first: this runs on every line without a marker)
    if memchr::memchr(b'(', &body.as_bytes()[..body.len().min(MARGIN_WINDOW)]).is_none()
        || body.len() < 8
    {
        return None;
    }
    for (p, ch) in body.char_indices().take_while(|&(p, _)| p <= 12) {
        if p == 0 || digit_of(ch).is_none() {
            continue;
        }
        let prefix = &body[..p];
        let before = prefix.chars().next_back()?;
        // a letter read for a digit only right after a misread pilcrow
        // (`. Gl. (S) After …`)
        if !ch.is_ascii_digit() && !is_pilcrow_misread(before) {
            continue;
        }
        if (before.is_alphanumeric() && !is_pilcrow_misread(before)) || !specks_only(prefix) {
            continue;
        }
        let skip = line.len() - body.len() + p;
        let Some(mut c) = plain_candidate(&line[skip..]) else {
            continue;
        };
        c.marking.as_ref()?;
        c.text_start += skip;
        c.clean = false;
        c.margin = true;
        return Some(c);
    }
    None
}

/// Tokens of one or two characters; the last may be three when it ends in
/// a misread pilcrow (`. -q€2. (C)`).
fn specks_only(prefix: &str) -> bool {
    let mut tokens = prefix.split_whitespace().peekable();
    while let Some(t) = tokens.next() {
        let n = t.chars().count();
        let last = tokens.peek().is_none();
        if n > 3 || (n == 3 && !(last && t.ends_with(PILCROW_MISREADS))) {
            return false;
        }
    }
    true
}

/// A marking as OCR damages it on a scan, where the usual reading fails:
/// the closing parenthesis read as `y`, `}`, `]` or `|` (`(Uy`, `(C}`), a
/// `C` read as `©`, an `S` followed by a `$` (`(S$)`). The marking and the
/// bytes it takes.
fn ocr_marking(s: &str) -> Option<(&'static str, usize)> {
    // the opening parenthesis read as a C: `2. CC) The Center …`
    for (form, marking) in [("CC) ", "C"), ("CU) ", "U"), ("CS) ", "S")] {
        if s.starts_with(form) {
            return Some((marking, form.len() - 1));
        }
    }
    // the opening parenthesis lost (by OCR, or by the author: `¶1. C)
    // Summary`), before a capital
    for (form, marking) in [
        ("SBU) ", "SBU"),
        ("S/NF) ", "S/NF"),
        ("C/NF) ", "C/NF"),
        ("U) ", "U"),
        ("C) ", "C"),
        ("S) ", "S"),
    ] {
        if s.strip_prefix(form).is_some_and(|t| {
            t.trim_start_matches(['‘', '“', '"', '\''])
                .starts_with(|c: char| c.is_ascii_uppercase())
        }) {
            return Some((marking, form.len() - 1));
        }
    }
    let inner = s.strip_prefix('(')?;
    for (form, marking) in [
        ("©)", "C"),
        ("S$)", "S"),
        ("VU)", "U"),
        ("Cc)", "C"),
        ("CC)", "C"),
        ("8)", "S"),
        ("0)", "U"),
        ("@)", "C"),
        ("S/NEF)", "S/NF"),
        ("Ss)", "S"),
        ("¢)", "C"),
    ] {
        if inner.starts_with(form) {
            return Some((marking, 1 + form.len()));
        }
    }
    for level in ["SBU", "U", "C", "S"] {
        let Some(rest) = inner.strip_prefix(level) else {
            continue;
        };
        let mut r = rest.chars();
        if r.next().is_some_and(|c| matches!(c, 'y' | '}' | ']' | '|'))
            && r.next().is_some_and(|c| c == ' ')
        {
            let marking = match level {
                "SBU" => "SBU",
                "U" => "U",
                "C" => "C",
                _ => "S",
            };
            return Some((marking, 1 + level.len() + 1));
        }
    }
    None
}

/// The classification marking at the start of `s` and the bytes it takes:
/// `(C)`, `(S/NF)`, OCR's forms ([`ocr_marking`]), or a long caveat list
/// that runs onto the next line (`(S/REL FRANCE,`).
fn marking_at(s: &str) -> Option<(String, usize)> {
    // the markings most paragraphs open with, written exactly: read as
    // the general path below reads them (no OCR form starts so), without
    // its copies and look-ups (a test holds the two together)
    match exact_marking(s) {
        Some(m) => Some((m.to_string(), m.len() + 2)),
        None => read_marking(s),
    }
}

/// [`marking_at`] the general way: OCR's forms, then any marking in
/// parentheses.
fn read_marking(s: &str) -> Option<(String, usize)> {
    if let Some((m, consumed)) = ocr_marking(s) {
        return Some((m.to_string(), consumed));
    }
    let inner = s.strip_prefix('(')?;
    let (m, consumed) = match inner.find(')') {
        Some(close) => (&inner[..close], 1 + close + 1),
        None => (inner, 1 + inner.len()),
    };
    let m = m.trim_end_matches([',', ' ']);
    is_marking(m).then(|| (canonical_marking(m), consumed))
}

/// The markings [`marking_at`] reads the quick way: canonical as written.
const EXACT_MARKINGS: &[&str] = &[
    "C", "U", "S", "SBU", "S/NF", "C/NF", "TS", "U//FOUO", "C//NF", "S//NF", "TS/NF", "S/NOFORN",
    "C/NOFORN",
];

/// `(C)`, `(SBU)`, `(S/NF)` … (one of [`EXACT_MARKINGS`] in parentheses)
/// at the start of `s`: the marking.
fn exact_marking(s: &str) -> Option<&str> {
    let inner = s.strip_prefix('(')?;
    let head = &inner.as_bytes()[..inner.len().min(10)];
    let close = memchr::memchr(b')', head)?;
    let m = &inner[..close];
    EXACT_MARKINGS.contains(&m).then_some(m)
}

/// Look for a marker candidate at the start of `line` (the grammar of the
/// module docs).
///
/// Long by design: one scanner over the marker grammar, a case per marker form.
#[allow(clippy::too_many_lines)]
fn plain_candidate(line: &str) -> Option<Found> {
    let bytes = line.as_bytes();
    let mut i = 0;
    // leading white space
    while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
        i += 1;
    }
    let start = i;
    // the digits read, at most six (no allocation for the many lines that
    // start like a marker and are not one)
    let (mut digits, mut n_digits) = ([0u8; 6], 0usize);
    let mut last_was_dot = false;
    let mut end_of_marker = None;
    let mut chars = line[start..].char_indices().peekable();
    let mut groups = 0usize;
    let mut in_group = false;
    let mut clean = true;
    let mut pilcrow = false;
    let mut from_letter = false;
    while let Some((off, c)) = chars.next() {
        let pos = start + off;
        if c == '¶' {
            if n_digits > 0 || in_group || pilcrow {
                return None;
            }
            pilcrow = true;
            // "¶ 3." : spaces after the pilcrow
            while chars.peek().is_some_and(|&(_, n)| n == ' ' || n == '\t') {
                chars.next();
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
                from_letter = true;
            }
            if n_digits == digits.len() {
                return None;
            }
            digits[n_digits] = d as u8;
            n_digits += 1;
            last_was_dot = false;
            continue;
        }
        if c == '.' {
            if !in_group && !last_was_dot {
                // "1 . 5." style: a dot after a space that followed digits
                if n_digits == 0 {
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
                Some(&(_, '(')) => {
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
            // "13 ." or "1.9 .": a space (two, in double-spaced OCR)
            // before the closing dot
            if in_group {
                let rest = &line[pos..];
                let after = rest.trim_start_matches([' ', '\t']);
                if rest.len() - after.len() <= 2 && after.starts_with('.') {
                    in_group = false;
                    clean = false;
                    while chars.peek().is_some_and(|&(_, n)| n == ' ' || n == '\t') {
                        chars.next();
                    }
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
    if n_digits == 0 {
        return None;
    }
    // the marking
    let rest = &line[end..];
    let after_ws = rest.trim_start_matches([' ', '\t']);
    let mut text_start = end + (rest.len() - after_ws.len());
    let mut marking = None;
    if let Some((m, consumed)) = marking_at(after_ws) {
        marking = Some(m);
        let after_mark = &after_ws[consumed..];
        let trimmed = after_mark.trim_start_matches([' ', '\t']);
        text_start += consumed + (after_mark.len() - trimmed.len());
    }
    // A bare number with nothing after it is not a paragraph, and a damaged
    // unmarked one followed by a number is a reference list item
    // (`II.  2008  STATE  115233`)
    let text = line[text_start..].trim_ws();
    if marking.is_none()
        && (text.is_empty() || (!clean && text.starts_with(|c: char| c.is_ascii_digit())))
    {
        return None;
    }
    Some(Found {
        digits: Digits::new(&digits[..n_digits]),
        marking,
        text_start,
        clean,
        pilcrow,
        from_letter,
        margin: false,
    })
}

/// Walk `lines` from `start`, numbering every marker line with the
/// recovery rule: `(line index, number, candidate)` in order.
pub fn number_lines(lines: &[&str], start: usize) -> Vec<(usize, u32, Candidate)> {
    mark_lines(lines, start)
        .into_iter()
        .map(|(i, n, c)| (i, n, c.into()))
        .collect()
}

/// [`number_lines`] as the parser reads it: the candidates' digits in place.
pub(crate) fn mark_lines(lines: &[&str], start: usize) -> Vec<(usize, u32, Found)> {
    // each candidate is taken out of the list as the walk reaches it (it
    // moves into the marks, not copied); the rules look only ahead in it
    // (room for the markers of most cables at once, not grown 4, 8, 16)
    let mut found: Vec<(usize, Option<Found>)> = Vec::with_capacity(16);
    found.extend(
        lines
            .iter()
            .enumerate()
            .skip(start)
            .filter_map(|(i, l)| find(l).map(|c| (i, Some(c)))),
    );
    let mut marks: Vec<(usize, u32, Found)> = Vec::with_capacity(found.len());
    let mut expected = 1u32;
    for k in 0..found.len() {
        let i = found[k].0;
        let c = found[k].1.take().expect("each candidate is taken once");
        // a candidate further on (not taken yet)
        let ahead = |j: usize| {
            found
                .get(j)
                .map(|(_, c)| c.as_ref().expect("a candidate ahead"))
        };
        if c.marking.is_none() && in_ref_block(lines, i) {
            continue; // `REF: A. …` then `¶I. USDEL 7` read as `II.`
        }
        if !c.clean {
            if let Some((j, _, prev)) = marks.last() {
                let (text, last_text) = (&lines[i][c.text_start..], &lines[*j][prev.text_start..]);
                if same_words(text, last_text) && !readings(&c.digits).contains(&expected) {
                    continue; // the same line again, under a damaged marker
                }
            }
        }
        if c.digits.is_empty() {
            // a marking whose number was lost: the expected paragraph, when
            // the next marker is the one after it (or is lost too, and the
            // one after that follows), or when it is the last marker and
            // an OCR-damaged paragraph marker came before it
            let mut lost = 1u32;
            let mut after = ahead(k + 1);
            while lost < 3 && after.is_some_and(|n| n.digits.is_empty()) {
                lost += 1;
                after = ahead(k + lost as usize);
            }
            let due = if lines[i].trim_start_ws().starts_with('(') {
                // opening with its marking: only between skipping markers
                lost == 1
                    && !marks.is_empty()
                    && after.is_some_and(|next| readings(&next.digits).contains(&(expected + 1)))
            } else if let Some(next) = after {
                readings(&next.digits).contains(&(expected + lost))
            } else {
                // the last: after exact `¶N.` markers it is a lettered
                // item (`¶A. (S) Jamal Allavi.`)
                lost == 1
                    && damaged_number(lines[i])
                    && marks
                        .last()
                        .is_some_and(|(_, _, prev)| !(prev.pilcrow && prev.clean))
            };
            if due {
                marks.push((i, expected, c));
                expected += 1;
            }
            continue;
        }
        // the readings of the next candidate, where a rule looks ahead
        let next = || ahead(k + 1).map(|c| readings(&c.digits));
        let mut n = resolve_reading(c.reading(), expected);
        if marks.is_empty() && !c.pilcrow && c.marking.is_some() {
            // the first marker of a cable that starts late (a partial
            // extract's `¶23.` read `423.` or `(#23.`): the number after
            // one misread pilcrow, when the next marker follows it
            let raw = lines[i].trim_start_ws();
            let signs = raw.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '¶');
            let lead = raw.len() - signs.len();
            let late = match (raw[..lead].chars().count(), c.digits.len()) {
                _ if !signs.starts_with(&format!("{}.", &*c.digits)) => None,
                (0, 3) => c.digits[1..].parse().ok(),
                (1..=2, 2) => c.digits.parse().ok(),
                _ => None,
            };
            if let Some(late) = late.filter(|&l: &u32| l > expected + 2) {
                if next().is_some_and(|r| r.contains(&(late + 1))) {
                    n = Some(late);
                }
            }
        }
        if let Some(m) = n.filter(|&m| m > expected + 2 && !(c.pilcrow && c.clean)) {
            // a jump the next marker does not follow (`$24.` then `$15.`
            // where ¶13 is due; `4124.` then `4125.` does follow): no
            // paragraph when the next one reads as the due one, else, when
            // marked, the one before the next when that is one or two on
            if let Some(next) = next() {
                if !next.contains(&(m + 1)) {
                    // another reading that the next marker follows: a
                    // pilcrow read as digits (`474. (C)`, then `45. (C)`)
                    let followed = readings(&c.digits)
                        .into_iter()
                        .filter(|&r| r >= expected && r < m)
                        .find(|&r| next.contains(&(r + 1)));
                    if next.contains(&expected) {
                        n = None;
                    } else if followed.is_some() {
                        n = followed;
                    } else if c.marking.is_some() {
                        if let Some(after) =
                            (expected + 1..=expected + 3).find(|x| next.contains(x))
                        {
                            // the one before the next, or a number
                            // between with the last digit read (`20.`
                            // for ¶10 where ¶9 is due and `12.` follows)
                            n = (expected..after)
                                .find(|x| last_digit(&c.digits) == Some(x % 10))
                                .or((after <= expected + 2).then(|| after - 1));
                        }
                    }
                }
            }
        }
        if n.is_none() && !(c.pilcrow && c.clean) {
            let next = next();
            let followed_by = |x: u32| next.as_ref().is_some_and(|r| r.contains(&x));
            if c.marking.is_some()
                && last_digit(&c.digits) == Some(expected % 10)
                && followed_by(expected + 1)
            {
                // the tens lost with the pilcrow (`$6. (U)` for ¶16,
                // then `117. (U)`): the due paragraph
                n = Some(expected);
            } else if c.marking.is_none()
                && readings(&c.digits).contains(&(expected + 1))
                && followed_by(expected + 2)
            {
                // unmarked, one marker lost before it (`14.` where ¶3 is
                // due, then `45.`)
                n = Some(expected + 1);
            }
        }
        if let Some(n) = n {
            marks.push((i, n, c));
            expected = n.saturating_add(1);
        }
    }
    marks
}

/// Does the line open with a speck that reads as a damaged number
/// (misread pilcrows and digits, `MT.`, `qs.`), not a lettered item (`A.`)?
fn damaged_number(line: &str) -> bool {
    let speck = line.trim_start_ws().split(' ').next().unwrap_or("");
    let speck = speck.trim_end_matches(['.', ',', ':']);
    !speck.is_empty()
        && speck
            .chars()
            .all(|c| is_pilcrow_misread(c) || digit_of(c).is_some())
}

/// The last digit of a marker's digits, as a number.
fn last_digit(digits: &str) -> Option<u32> {
    digits.chars().last().and_then(|c| c.to_digit(10))
}

/// Are `a` and `b` the same text of at least 20 bytes once white space is
/// removed (a line repeated by a page glitch, spacing aside)?
fn same_words(a: &str, b: &str) -> bool {
    // the bytes of the words, read in place (not copied out)
    let strip = |s| str::split_whitespace(s).flat_map(str::bytes);
    strip(a).count() >= 20 && strip(a).eq(strip(b))
}

/// Is line `i` part of a `REF:` block (the `REF` line, in any case, and
/// the lines after it, up to a blank line; a lettered item such as
/// `¶B. BEIJING 1454` may stand after one blank line)?
fn in_ref_block(lines: &[&str], i: usize) -> bool {
    let is_ref = |l: &&str| {
        let t = l.trim_start_ws().as_bytes();
        t.len() >= 4
            && t[..3].eq_ignore_ascii_case(b"REF")
            && matches!(t[3], b':' | b' ' | b'S' | b's' | b'T' | b't')
    };
    let lettered = |l: &str| {
        // what follows the marker: `B. …`, `B) …`
        let t = l
            .trim_start_ws()
            .trim_start_matches(['¶', '1', 'I', 'l', '.', ' ']);
        let b = t.as_bytes();
        b.len() > 3 && b[0].is_ascii_uppercase() && matches!(b[1], b'.' | b')') && b[2] == b' '
    };
    let mut gap = false;
    // OCR keeps no blank lines: the block also ends at the `Classified By`
    // line or at a marked paragraph
    let ends_block = |l: &str| {
        let t = l.trim_start_ws();
        t.get(..13)
            .is_some_and(|h| h.eq_ignore_ascii_case("classified by"))
            || (l.as_bytes().iter().take(32).any(|&b| b == b')')
                && find(l).is_some_and(|c| c.marking.is_some()))
            || is_section_heading(t)
            || is_prose(t)
    };
    // a REF block is never long: the look back is bounded (a run of
    // thousands of marker lines must not make this quadratic)
    for l in lines[..=i].iter().rev().take(60) {
        if l.trim_ws().is_empty() {
            if gap || !lettered(lines[i]) {
                return false;
            }
            gap = true;
            continue;
        }
        if is_ref(l) {
            return true;
        }
        if ends_block(l) {
            return false;
        }
    }
    false
}

/// A line of running prose (at least 8 words, 5 of them in lower case:
/// `resettling Cubans in Brazil, and she said she would report`), which
/// no list of references holds.
fn is_prose(t: &str) -> bool {
    let (mut words, mut lower) = (0, 0);
    for w in t.split_ascii_whitespace() {
        words += 1;
        lower += usize::from(w.starts_with(|c: char| c.is_ascii_lowercase()));
    }
    words >= 8 && lower >= 5
}

/// A heading line that opens the text after the header (`SUMMARY`,
/// `BACKGROUND`, `SUMMARY AND COMMENT:`): no reference runs onto it.
fn is_section_heading(t: &str) -> bool {
    const HEADINGS: [&str; 7] = [
        "SUMMARY",
        "BACKGROUND",
        "COMMENT",
        "SUMMARY AND COMMENT",
        "SUMMARY AND ACTION REQUEST",
        "ACTION REQUEST",
        "INTRODUCTION",
    ];
    let t = t
        .trim_end_ws()
        .trim_end_matches([':', '.', '-'])
        .trim_end_ws();
    HEADINGS.iter().any(|h| h.eq_ignore_ascii_case(t))
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
    resolve_reading(c.reading(), expected)
}

/// [`resolve`] on what it reads of a candidate.
fn resolve_reading(c: Reading<'_>, expected: u32) -> Option<u32> {
    if c.pilcrow && c.clean {
        // `¶14.`: no digit can be a misread pilcrow, the number is exact
        let n: u32 = c.digits.parse().ok().filter(|&n| n > 0)?;
        return match (n, c.marked) {
            (n, _) if n == expected => Some(n),
            // a marked paragraph numbered out of sequence: skipped
            // numbers, a repeated number, a cable that starts at ¶23
            (n, true) => Some(n),
            // unmarked: one lost number at most
            (n, false) => (n == expected + 1).then_some(n),
        };
    }
    let r = readings(c.digits);
    if c.margin {
        // behind margin specks: only where a reading is due
        return r
            .iter()
            .copied()
            .filter(|&n| n >= expected && n <= expected + 1)
            .min();
    }
    if c.digits.len() == 1 && c.from_letter {
        // a lone letter (`I.`, `O.`): a damaged `1.` only where ¶1 is
        // due and marked, else a lettered item (`REF: ... ¶I. USDEL 7`);
        // a real digit behind a misread pilcrow (`G2. (U)`) reads on
        return (c.marked && r.contains(&expected)).then_some(expected);
    }
    if r.contains(&expected) {
        return Some(expected);
    }
    if !c.marked {
        return None;
    }
    if let Some(n) = r
        .iter()
        .copied()
        .filter(|&n| n > expected && n <= expected + 2)
        .min()
    {
        return Some(n);
    }
    if expected > 1 && r.contains(&(expected - 1)) {
        // the number just taken, again: the author repeated it (`¶6.`
        // twice, the second damaged to `16.`)
        return Some(expected - 1);
    }
    if c.clean {
        // plain digits: the author skipped numbers, or this is a numbered
        // list inside a paragraph (when it goes backwards)
        let n = r.first().copied()?;
        return (n > expected).then_some(n);
    }
    // damaged beyond reading, but marked: the expected paragraph
    Some(expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The digits kept in place read back as written; the public
    /// candidate and its numbering are the module's own, digits copied out.
    #[test]
    fn found_digits_and_the_public_candidate() {
        for d in ["", "1", "12", "012", "9999", "12345", "123456"] {
            assert_eq!(&*Digits::new(d.as_bytes()), d);
        }
        let lines = [
            "¶1. (C) Summary.",
            "$2. (U) Text follows here.",
            "Sl. IN THE PAST",
            "fa (C) Summary.",
            "I. 11. (S) Damaged.",
            "13 . (SBU) Spaced.",
            "plain prose",
        ];
        for l in lines {
            let (found, public) = (find(l), candidate(l));
            assert_eq!(found.clone().map(Candidate::from), public, "{l:?}");
            if let (Some(f), Some(c)) = (found, public) {
                assert_eq!(&*f.digits, c.digits, "{l:?}");
                for expected in 1..14 {
                    assert_eq!(
                        resolve_reading(f.reading(), expected),
                        resolve(&c, expected),
                        "{l:?}"
                    );
                }
            }
        }
        let marks: Vec<(usize, u32, Candidate)> = mark_lines(&lines, 0)
            .into_iter()
            .map(|(i, n, f)| (i, n, f.into()))
            .collect();
        assert_eq!(number_lines(&lines, 0), marks);
    }

    /// `same_words` and `signs_between` read in place as their former
    /// forms did on copies (kept here as the specification).
    mod in_place {
        use super::super::{
            canonical_marking, digit_of, is_canonical_marking, is_marking, same_words,
            signs_between,
        };
        use proptest::prelude::*;

        /// The former `is_marking`, on the canonical form as a String (the
        /// rule on that form is the one [`is_canonical_marking`] keeps).
        fn old_is_marking(s: &str) -> bool {
            let s = s.trim();
            if s.is_empty() || s.len() > 80 {
                return false;
            }
            is_canonical_marking(&canonical_marking(s))
        }

        #[test]
        fn known_markings() {
            for m in [
                "C",
                "s/nf",
                " ( SBU ",
                "C / REL  GERMANY",
                "C//REL GERMANY, FRANCE",
                "//C",
                "c\u{a0}/ nf",
                "S\x0b/NF",
                "CNF",
                "cnf",
                "a",
                "see ref",
                "U / / FOUO",
                "",
                " ",
                "TS/ NF/",
                "REL",
                "C/REL Germany",
            ] {
                assert_eq!(is_marking(m), old_is_marking(m), "{m:?}");
            }
            let long = format!("C/REL {}", "A".repeat(74));
            assert_eq!(is_marking(&long), old_is_marking(&long));
        }

        /// The former `same_words`, on the copied bytes.
        fn old_same_words(a: &str, b: &str) -> bool {
            let strip = |s: &str| {
                s.split_whitespace()
                    .flat_map(str::bytes)
                    .collect::<Vec<u8>>()
            };
            let a = strip(a);
            a.len() >= 20 && a == strip(b)
        }

        /// The former `signs_between`, on the copied run of signs.
        fn old_signs_between(before: &str, rest: &str) -> bool {
            let sign = |c: char| !c.is_alphanumeric() && !matches!(c, '(' | '{' | '.');
            let head = before.trim_end_matches(sign);
            let dotted = head
                .strip_suffix('.')
                .and_then(|h| h.chars().next_back())
                .is_some_and(|d| digit_of(d).is_some());
            let run: String = rest.chars().take_while(|&c| sign(c)).collect();
            dotted && run.chars().count() <= 4 && rest[run.len()..].starts_with(['(', '{'])
        }

        proptest! {
            #[test]
            fn same_words_as_before(
                a in "[a-c \t\u{a0}]{0,30}",
                b in "[a-c \t\u{2003}]{0,30}",
            ) {
                prop_assert_eq!(same_words(&a, &b), old_same_words(&a, &b));
                prop_assert_eq!(same_words(&a, &a), old_same_words(&a, &a));
            }

            #[test]
            fn is_marking_as_before(
                s in "[CSUTNFOBLREGMAYcsunf/ ,\t\x0b\u{a0}\u{2003}é]{0,12}",
            ) {
                prop_assert_eq!(is_marking(&s), old_is_marking(&s));
            }

            #[test]
            fn is_marking_as_before_words(
                s in "( ?(C|S|U|TS|SBU|s|c|u)( ?/{1,2} ?(NF|noforn|FOUO|REL [A-Z, ]{0,8}|rel x|OC|XX)){0,3} ?)",
            ) {
                prop_assert_eq!(is_marking(&s), old_is_marking(&s));
            }

            #[test]
            fn signs_between_as_before(
                before in "[0-9Il]{0,2}[.,]?[-°·~ «]{0,3}",
                rest in "[-°·~ «»“x]{0,6}[({C]?",
            ) {
                prop_assert_eq!(signs_between(&before, &rest), old_signs_between(&before, &rest));
            }
        }
    }

    #[test]
    fn exact_markings_read_as_the_general_way_reads_them() {
        for m in EXACT_MARKINGS {
            for after in ["", " The", ". (C)", ")", " (", "y ", ",", "\u{a0}x"] {
                let s = format!("({m}){after}");
                assert_eq!(exact_marking(&s), Some(*m), "{s:?}");
                assert_eq!(
                    read_marking(&s),
                    Some((m.to_string(), m.len() + 2)),
                    "{s:?}"
                );
                assert_eq!(marking_at(&s), read_marking(&s), "{s:?}");
            }
        }
        // the others go the general way
        for s in [
            "(c) The",
            "( C) x",
            "(C ) x",
            "(S/REL FRANCE) x",
            "(S/REL FRANCE, GERMANY",
            "CC) The",
            "(©) x",
            "(a) x",
            "(C",
        ] {
            assert_eq!(exact_marking(s), None, "{s:?}");
            assert_eq!(marking_at(s), read_marking(s), "{s:?}");
        }
    }

    #[test]
    fn pilcrow_misread_test_is_the_list() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            assert_eq!(
                is_pilcrow_misread(c),
                PILCROW_MISREADS.contains(&c),
                "{c:?}"
            );
        }
    }

    /// The paragraph numbers [`number_lines`] gives `lines`.
    fn numbers(lines: &[&str]) -> Vec<u32> {
        number_lines(lines, 0)
            .into_iter()
            .map(|(_, n, _)| n)
            .collect()
    }

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
    fn markers_with_damaged_punctuation() {
        for (line, digits, marking) in [
            ("$13. °(U) ‘TURKISH HIZBULLAH (HIZBULLAH), WHICH", "13", "U"),
            ("G11.-(C) DESPITE TURKEY'S MILITARY SUCCESS", "11", "C"),
            ("- 18.-{U) ON THE DOMESTIC FRONT, THE ARMY", "18", "U"),
            ("$1, (U) COMBATTING TERRORISM IS A PRIORITY", "1", "U"),
            ("$6. (VU) DURING 2000, THE GOT CONTINUED", "6", "U"),
            ("G@2..(C) Ambassador called on President Zardari", "2", "C"),
            ("G4. «(C) UNIFIL's January 25 meeting", "4", "C"),
            ("4S. (C) The next meeting between UNIFIL", "45", "C"),
            ("--q10: (C) Many contacts, including", "10", "C"),
            ("Gi: (C) This cable is the third update", "1", "C"),
            ("Gl. (C) The strains between Russia", "1", "C"),
            ("T7.. (C) Under Amorim's most recent tenure", "7", "C"),
            ("(33. .(SBU) GMO Moratorium: When Sarkozy", "33", "SBU"),
            ("qS. (S) Prior to revaluation, one dollar", "5", "S"),
            ("G12. (Cc) CICIR’s Zhang said that", "12", "C"),
            ("M1. (C) Less than two weeks. after her party", "1", "C"),
            (". Gl. (S) After reviewing the time line", "1", "S"),
            ("fll. (U) General Petraeus has cleared", "11", "U"),
            ("g8. (CC) DSK agreed that the PS", "8", "C"),
            ("q5.<\"(C) The Secretary said she", "5", "C"),
            ("(2... (U) NOTE: This is the second", "2", "U"),
        ] {
            let c = candidate(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(c.digits, digits, "{line}");
            assert_eq!(c.marking.as_deref(), Some(marking), "{line}");
            assert!(!c.clean);
            assert!(
                line[c.text_start..].starts_with(|ch: char| ch.is_alphabetic() || ch == '‘'),
                "{line}"
            );
        }
        // without a marking, no repair makes a marker
        assert_eq!(candidate("1, 2 and 3 were named"), None);
        assert_eq!(candidate("G11.-THE SUMMIT"), None);
    }

    #[test]
    fn printout_damage_of_session_29() {
        // a partial extract's first marker, `¶23.` read `423.`
        let lines = [
            "423. (C) On bilateral relations, Zapatero said",
            "124. (C) Zapatero regretted",
            "425. (C) Zapatero said",
        ];
        assert_eq!(numbers(&lines[..]), [23, 24, 25]);
        let lines = [
            "(#23. (C) On bilateral",
            "124. (C) Zapatero",
            "425. (C) Zapatero",
        ];
        assert_eq!(numbers(&lines[..]), [23, 24, 25]);
        // `423.` where the next marker does not follow 23 reads as before
        assert_eq!(numbers(&["423. (C) One.", "2. (C) Two."][..]), [3]);
        // signs between the dot and the marking; specks before a lost one
        let lines = [
            "ee oo (S/NF) Summary. Canadian Security",
            "q2.°-(S/NF) Counselor of the Department",
            "43.  (S/NF) Responding to",
            "-q4. -(C) Turning to Pakistan",
        ];
        assert_eq!(numbers(&lines[..]), [1, 2, 3, 4]);
        // the marking's opening parenthesis lost; a cent sign for C
        let r = recover(&["41. C) Summary: The Ambassador", "«2. (¢) Rubalcaba told"]);
        assert_eq!(
            r,
            [Some((1, Some("C".into()))), Some((2, Some("C".into())))]
        );
        // not before lower case (a lettered item's text)
        assert_eq!(
            candidate("1. C) the third option").and_then(|c| c.marking),
            None
        );
    }

    #[test]
    fn a_jump_the_next_marker_does_not_follow() {
        // `24.` where 13 is due and `$15.` follows: 14, not 24 (nor then
        // `116.` as 116)
        let lines = [
            "¶11. (U) THE GROUP IS ACTIVE.",
            "$12. (U) DURING 2000, THE POLICE CONTINUED.",
            "24. (U) OVER THE COURSE OF 1999, THE GROUP GREW.",
            "$15. (U) THOUGH SUCH RAIDS INFLICTED DAMAGE.",
            "116. (U) THE GROUP HAS NOT YET ACTED.",
        ];
        assert_eq!(numbers(&lines[..]), [11, 12, 14, 15, 16]);
        // a jump the next marker follows is the author's: kept
        let lines = [
            "1. (C) One.",
            "2. (C) Two.",
            "7. (C) Seven.",
            "8. (C) Eight.",
        ];
        assert_eq!(numbers(&lines[..]), [1, 2, 7, 8]);
        // a jump followed by the due number: no paragraph
        let lines = [
            "1. (C) One.",
            "2. (C) Two.",
            "97. (C) Noise.",
            "3. (C) Three.",
        ];
        assert_eq!(numbers(&lines[..]), [1, 2, 3]);
        // a pilcrow read as digits (`474.` for ¶4): the reading the next
        // marker follows
        let lines = [
            "474. (C) After a 20-minute one-on-one meeting",
            "45. (C) Uribe recounted his attempts",
            "\"{6.. (C) Uribe concluded that",
        ];
        assert_eq!(numbers(&lines[..]), [4, 5, 6]);
        // a real digit behind a misread pilcrow is no lettered item
        let lines = ["G2. (U) Participants:", "@3. (C) SUMMARY: The Deputy"];
        assert_eq!(numbers(&lines[..]), [2, 3]);
    }

    #[test]
    fn a_marking_whose_number_was_lost() {
        // taken as the due paragraph when the next marker follows it
        let lines = [
            "fa (C) Summary. During a February 8 meeting",
            "2. (C) The President said",
            "eR (C). Georgian officials in Tbilisi",
            "4. (C) It is especially difficult",
        ];
        assert_eq!(numbers(&lines[..]), [1, 2, 3, 4]);
        // a first speck of three characters, `(8)` for `(S)`
        let lines = [
            "1. (S) Summary.",
            "“Ss (S) Ricard criticized many",
            "3. (S) Three.",
            " ESa (8) ATT directly linked revenues",
            "5. (S) The",
        ];
        assert_eq!(numbers(&lines[..]), [1, 2, 3, 4, 5]);
        // not otherwise: a cable marked without numbers, or a lost one
        // before a gap
        let lines = ["a (C) One.", "a (C) Two.", "a (C) Three."];
        assert!(numbers(&lines[..]).is_empty());
        // a paragraph that opens with its marking is unnumbered
        let lines = ["(SBU) This is the second.", "2. (U) The FSLN."];
        assert_eq!(numbers(&lines[..]), [2]);
        let lines = ["1. (C) One.", "a Co (C) Security is", "4. (C) Four."];
        assert_eq!(numbers(&lines[..]), [1, 4]);
        // OCR keeps no blank line after the REF block: an unmarked
        // paragraph below a marked one is no reference item
        let lines = [
            "REF: A. MEXICO 601",
            "-. B, TIJUANA 388",
            "Classified By: Consul General Alan Porter",
            "1. (C) Summary: The Baja California State",
            "2. CC) The Center for Investigation",
            "3. The Federal Police will take over",
        ];
        assert_eq!(numbers(&lines[..]), [1, 2, 3]);
        // still a reference item inside the block
        let lines = [
            "REF: A. STATE 1",
            "B. STATE 2",
            "2. STATE 3",
            "1. (C) Text.",
        ];
        assert_eq!(numbers(&lines[..]), [1]);
        // specks of more than two characters, or no capital after: text
        assert_eq!(candidate("the Ministry (C) Security"), None);
        assert_eq!(candidate("a (C) security"), None);
    }

    #[test]
    fn markers_behind_margin_specks() {
        let lines = [
            "a 2 ; (1. (C) The minister who arrives in Washington",
            "-@2. (C). When the minister agreed to serve",
            "_ 3. (S) Even in comparison with",
        ];
        let got: Vec<Option<u32>> = recover(&lines)
            .into_iter()
            .map(|r| r.map(|(n, _)| n))
            .collect();
        assert_eq!(got, [Some(1), Some(2), Some(3)]);
        // only where a reading is due
        let c = candidate("a ; 7. (C) Text").unwrap();
        assert!(c.margin);
        assert_eq!(resolve(&c, 2), None);
        assert_eq!(resolve(&c, 7), Some(7));
        // a last speck of three characters ending in a misread pilcrow
        let c = candidate(". -q€2. (C) Ambassador and Polcouns met").unwrap();
        assert!(c.margin);
        assert_eq!(resolve(&c, 2), Some(2));
        assert_eq!(candidate("The end2. (C) text"), None);
        // words before it, or no marking: no marker
        assert_eq!(candidate("The 2. (C) paragraph says"), None);
        assert_eq!(candidate("a ; 2. The paragraph"), None);
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
    fn double_spaced_ocr() {
        let got = recover(&[
            "11  .  (C)  SUMMARY:  At  midnight",
            "I2  .  (SBU)  The",
            "¶  3.  (C/REL  GERMANY)  The",
        ]);
        let got: Vec<(u32, String)> = got
            .into_iter()
            .map(|g| {
                g.map(|(n, m)| (n, m.unwrap_or_default()))
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(
            got,
            [
                (1, "C".to_string()),
                (2, "SBU".to_string()),
                (3, "C/REL GERMANY".to_string())
            ]
        );
    }

    #[test]
    fn a_pilcrow_read_as_another_character_before_a_marked_marker() {
        // scans of `¶5.`, `¶6.`, `¶12.`, `¶3.`, `¶21.` at 150 and 300 dpi
        for (line, expected) in [
            ("a5. (C) FROM THEIR OWN PERSPECTIVE", 5),
            ("s6. (C) IN HIS SPEECH", 6),
            ("$12. (U) DURING 2000, TURKISH", 12),
            ("«3. (S) IN THE LAST MONTHS", 3),
            ("“21. (U) THE TRIAL OF", 21),
            ("%§13. (C) REINFORCING THE NEED", 13),
            ("€19. (C) COMMENT: IT IS", 19),
        ] {
            let c = candidate(line).unwrap_or_else(|| panic!("{line:?}"));
            assert_eq!(resolve(&c, expected), Some(expected), "{line:?}");
            assert!(line[c.text_start..].starts_with(|ch: char| ch.is_ascii_uppercase()));
        }
        // the marking damaged too
        for (line, expected, marking) in [
            ("99. (Uy TURKEY'S SOUTHEASTERN", 9, "U"),
            ("$12. (Uy DURING 2000", 12, "U"),
            ("S11. (©) DESPITE", 11, "C"),
            ("«3. (S$) -IN THE LAST", 3, "S"),
            ("7. (C} THE MINISTER", 7, "C"),
        ] {
            let c = candidate(line).unwrap_or_else(|| panic!("{line:?}"));
            assert_eq!(c.marking.as_deref(), Some(marking), "{line:?}");
            assert_eq!(resolve(&c, expected), Some(expected), "{line:?}");
        }
        // without a marking it is text: `a5.` may be a word
        for line in ["a5. is the form", "s6. and then", "$12. per share"] {
            assert_eq!(candidate(line), None, "{line:?}");
        }
    }

    #[test]
    fn lettered_items_are_not_numbers() {
        // REF lists and lettered sub-paragraphs
        for (line, expected) in [
            ("     ¶I. USDEL 00007", 1),
            ("¶D.  (S) Kamal Darvishi.", 5),
            ("¶I.  (S) Safa Naveed.", 9),
            ("O. (C) Other", 3),
        ] {
            let c = candidate(line);
            assert!(
                c.is_none() || resolve(c.as_ref().unwrap(), expected).is_none(),
                "{line:?} -> {c:?}"
            );
        }
        // but a damaged ¶1 that is due and marked is taken
        assert_eq!(resolve(&candidate("I. (C) Summary").unwrap(), 1), Some(1));
    }

    #[test]
    fn tens_lost_with_the_pilcrow() {
        // 150 dpi OCR of a long cable, as the PDF reader repairs it (`$20.`
        // to `20.`): `20.` for ¶10 where ¶9 (`49+`) is due and `12.`
        // follows; `6.` for ¶16 before `117.`
        let lines = [
            "8. (U) ON THE DOMESTIC FRONT",
            "20. (U) IN ADDITION TO CONDUCTING",
            "SAL. (C) DESPITE TURKEY'S MILITARY",
            "12. (U) DURING 2000, TURKISH",
            "13. (U) TURKISH HIZBULLAH",
            "314. (U) OVER THE COURSE OF 1999",
            "415. (U) THOUGH SUCH RAIDS",
            "6. (U) TURKISH HIZBULLAH HAS NOT",
            "117. (U) THE JERUSALEM WARRIORS",
        ];
        let mut with_start = vec!["1. (U) A.", "2. (U) B.", "3. (U) C.", "4. (U) D."];
        with_start.extend(["5. (U) E.", "6. (U) F.", "7. (U) G."]);
        with_start.extend(lines);
        assert_eq!(
            numbers(&with_start),
            [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 13, 14, 15, 16, 17]
        );
        // no next marker to follow: no guess
        assert_eq!(
            numbers(&["14. (U) A.", "15. (U) B.", "6. (U) C."]),
            [14, 15]
        );
    }

    #[test]
    fn lost_numbers_in_a_row_and_at_the_end() {
        // two markers lost in a row, then one that reads: both taken
        let lines = [
            "6. (C) A.",
            "7. (C) B.",
            "qs. (C) Post contacts were reluctant to comment",
            "Fo: (U) Saudi soul-searching about the root causes",
            "10. (C) C.",
            "MT. (C) Patriotic sentiment, especially among students,",
        ];
        let mut all = vec![
            "1. (C) A.",
            "2. (C) A.",
            "3. (C) A.",
            "4. (C) A.",
            "5. (C) A.",
        ];
        all.extend(lines);
        assert_eq!(numbers(&all), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        // the last marker lost: taken after an OCR-damaged one, as the
        // next paragraph
        assert_eq!(
            numbers(&["$1. (C) A.", "2. (C) B.", "MT. (C) C."]),
            [1, 2, 3]
        );
        // a lettered item after exact markers is no paragraph
        assert_eq!(
            numbers(&["\u{b6}1. (C) A.", "\u{b6}2. (C) B.", "\u{b6}A. (S) Jamal"]),
            [1, 2]
        );
        assert_eq!(
            numbers(&["$1. (C) A.", "2. (C) B.", "A. (S) Jamal Allavi."]),
            [1, 2]
        );
        // `(@)` for `(C)`
        let c = candidate("a7 (@) Nationalistic-Driven Commercial Considerations").unwrap();
        assert_eq!(c.marking.as_deref(), Some("C"));
    }

    #[test]
    fn a_marking_opening_the_line_between_skipping_markers() {
        // `¶6.` lost between 5 and 7: the marked line is ¶6
        let lines = [
            "5. (SBU) A.",
            "(SBU) \u{2018}The PS faces a real challenge",
            "7. (SBU) C.",
        ];
        assert_eq!(numbers(&lines), [5, 6, 7]);
        // the author's unnumbered paragraph, the numbers not skipping
        let lines = [
            "5. (SBU) A.",
            "(SBU) This is the second in a series",
            "6. (SBU) C.",
        ];
        assert_eq!(numbers(&lines), [5, 6]);
        // `4§6. (S/NEF)`: a digit and a section sign for the pilcrow, NF
        // read NEF
        let c = candidate("4\u{a7}6. (S/NEF) The Ambassador said").unwrap();
        assert_eq!(
            (c.digits.as_str(), c.marking.as_deref()),
            ("6", Some("S/NF"))
        );
        // `@4. «~(C)`: signs before the marking; `(Ss)` for `(S)`
        let c = candidate("@4. \u{ab}~(C) Aznar said he fears that the GOS").unwrap();
        assert_eq!((c.digits.as_str(), c.marking.as_deref()), ("4", Some("C")));
        let c = candidate("_ G17. (Ss) Israeli officials have major concerns").unwrap();
        assert_eq!((c.digits.as_str(), c.marking.as_deref()), ("17", Some("S")));
        // `-@S, (C)`: a 5 read as S behind margin specks, a comma for the dot
        let lines = [
            "4. (C) A.",
            " -@S, (C) Massari (as did virtually all",
            "6. (C) B.",
        ];
        assert_eq!(numbers(&lines), [4, 5, 6]);
        // three specks of two characters at most before the marking
        let c = candidate("oo \u{a9} i (U) This message has been cleared").unwrap();
        assert_eq!((c.digits.as_str(), c.marking.as_deref()), ("", Some("U")));
        assert_eq!(candidate("one of us (U) This"), None);
        // a REF block ends at a line of prose: the unmarked `442.` after
        // it is ¶2
        let lines = [
            "REF: A. A. SECSTATE 1035850",
            ".(B..B.. 2008 BRASILIA 775",
            "1. On October 16, Poloff delivered reftel demarche and left nonpapers",
            "English and Portuguese with Gilda Mattos Santos Neves, head of the",
            "442. Neves did not raise any political or diplomatic issues with regard to",
            "3. On October 28, Poloff revisited Neves to check on progress",
        ];
        assert_eq!(numbers(&lines), [1, 2, 3]);
    }

    #[test]
    fn unmarked_old_cable_at_150_dpi() {
        // an UNCLAS cable: `Sl.` for ¶1 under a REF line and a heading,
        // ¶3's marker lost, `14.` for ¶4 then `45.`
        let lines = [
            "REF: A) STATE 119706, B) GABORONE 1355, C) GABORONE 5057",
            "SUMMARY",
            "Sl. IN THE PAST YEAR SOUTHERN AFRICA HAS WITNESSED A",
            "SERIES OF ELECTIONS.",
            "42. OUR REQUEST FOLLOWS THE SUCCESSFUL OUTCOME OF THE",
            "__USAID'S REGIONAL CENTER FOR SOUTHERN AFRICA (RCSA)",
            "14. OF THIS AMOUNT, WE PROPOSE THAT APPROXIMATELY",
            "45. THE UNAM/UWC/NDI GROUP'S INITIATIVE COMES AT AN",
        ];
        assert_eq!(numbers(&lines), [1, 2, 4, 5]);
        // a lettered reference item is still no paragraph
        assert_eq!(
            numbers(&["REF: A. STATE 1", "\u{b6}B. BEIJING 1454", "1. (C) X."]),
            [1]
        );
        // unmarked, not followed: a list number inside a paragraph
        assert_eq!(numbers(&["1. A.", "2. B.", "4. IN A LIST"]), [1, 2]);
        // `49+ (U)`: a plus for the dot; `(0)` for `(U)`
        let c = candidate("49+ (U) TURKEY'S SOUTHEASTERN EFFORTS").unwrap();
        assert_eq!((c.digits.as_str(), c.marking.as_deref()), ("49", Some("U")));
        let c = candidate("$21. (0) THE TRIAL OF THE JERUSALEM").unwrap();
        assert_eq!((c.digits.as_str(), c.marking.as_deref()), ("21", Some("U")));
    }

    #[test]
    fn exact_pilcrow_markers() {
        let c = candidate("¶23. (C) On bilateral relations").unwrap();
        assert_eq!(resolve(&c, 1), Some(23), "a cable part starting at 23");
        let c = candidate("¶10. (C) The main activity").unwrap();
        assert_eq!(resolve(&c, 12), Some(10), "a repeated number");
        let c = candidate("¶11. COMMENT: USFS").unwrap();
        assert_eq!(resolve(&c, 10), Some(11), "one number lost");
        let c = candidate("¶16. President Aznar offered").unwrap();
        assert_eq!(resolve(&c, 2), None, "a wrapped date");
        let lines = [
            "¶10.  (S/NF) CSIS is far from being \"high-five mode\" on",
            "Q10.  (S/NF) CSIS is far from being \"high-five mode\" on",
            "¶11.  (S/NF) Judd added",
        ];
        let got: Vec<(usize, u32)> = number_lines(&lines, 0)
            .into_iter()
            .map(|(i, n, _)| (i, n))
            .collect();
        assert_eq!(got, [(0, 10), (2, 11)], "a repeated line is text");
        let c = candidate("16.  (C) Bouteflika").unwrap();
        assert_eq!(resolve(&c, 7), Some(6), "a repeated number, damaged");
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]

        /// The cheap no is never wrong: where it says no, the full check
        /// finds nothing either.
        #[test]
        fn the_cheap_no_is_never_wrong(
            line in proptest::prop_oneof![
                "[ \t]{0,3}[aslSIiO0-9¶§$(){}.,: ]{0,6}[ a-zA-Z0-9().§¶]{0,30}",
                // misread pilcrows before a number (`Sl. IN THE PAST`)
                "[ \t]{0,1}[aSsg$%§«“#MfT]{1,2}[0-9Il|!O]{1,3}[ .]{1,2}[A-Z]{0,2}[A-Z a-z()]{0,10}",
            ]
        ) {
            if !may_be_candidate(&line) {
                proptest::prop_assert_eq!(
                    read_candidate(&line)
                        .or_else(|| repaired_candidate(&line))
                        .or_else(|| numberless_candidate(&line)),
                    None
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// [`any_repair`] asks [`repair`] at fewer characters and answers
        /// as asking at every one does.
        #[test]
        fn a_repair_is_found_where_asking_at_every_character_finds_one(
            line in proptest::prop_oneof![
                "[ \t]{0,2}[0-9SsIl¶$%§«»~“”‘’•°·*<\"{}(),:;+.\\-]{0,8}[ a-zA-Z0-9(){}.,:;+*<\"~«»°·-]{0,24}",
                "[ \t]{0,1}[0-9]{1,2}[.,:+S]{1,3}[ .°·~«»*<\"-]{0,4}[({][A-Z]{1,3}[)}]?[ a-z]{0,8}",
                "[a-zA-Zé ]{0,20}\\([A-Z]{1,4}\\)[ a-z.,]{0,10}",
            ]
        ) {
            let head = line.len().min(REPAIR_WINDOW);
            if let Some(head) = (head..=line.len()).find(|&i| line.is_char_boundary(i)) {
                let mut chars = line[..head].char_indices().peekable();
                let mut every = false;
                while let Some((i, c)) = chars.next() {
                    let next = chars.peek().map(|&(_, n)| n);
                    every |= repair(&line, i, c, next).is_some();
                }
                proptest::prop_assert_eq!(any_repair(&line, head), every, "{:?}", line);
            }
        }
    }

    #[test]
    fn repairs_are_found_in_damaged_markers_and_not_in_prose() {
        for line in [
            "1, (U) Text",
            "10: (C) Text",
            "11.-(C) Text",
            "13. °(U) Text",
            "2..(C)",
            "{U) Text",
            "4S. (C) Text",
            "@4. «~(C) Text",
        ] {
            assert!(any_repair(line, line.len().min(REPAIR_WINDOW)), "{line:?}");
        }
        for line in [
            "Mexico's PGR (the office) said",
            "the (C) marking",
            "12. (C) Text",
        ] {
            assert!(!any_repair(line, line.len().min(REPAIR_WINDOW)), "{line:?}");
        }
    }

    #[test]
    fn the_cheap_no_says_no_to_prose_and_yes_to_markers() {
        for line in [
            "the Minister said that",
            "  Mexico's PGR and SSP",
            "",
            "   ",
        ] {
            assert!(!may_be_candidate(line), "{line:?}");
        }
        for line in [
            "¶2. (C) Text",
            "IQ. (C) THE",
            "12. The",
            "  a5. (C) x",
            "fa (C) Summary.",
            "s6. (C) x",
            "%§13. (C) x",
            "4§6. IN THE PAST",
            "Sl. IN THE PAST",
            "%§13. IN THE PAST",
        ] {
            assert!(may_be_candidate(line), "{line:?}");
            assert!(candidate(line).is_some(), "{line:?}");
        }
    }

    mod damaged_sequences {
        use super::super::number_lines;
        use proptest::prelude::*;

        const MARKINGS: &[&str] = &["C", "SBU", "U", "S", "S/NF", "C/NF", "SBU/NF"];

        /// Text lines between markers, some of them marker-like.
        const FILLER: &[&str] = &[
            "the Minister said that the program would go on.",
            "60-80  percent  of  the  cocaine  entering  the  U.S.",
            "2009 was a hard year for the reform.",
            "1.4(b) and (d) apply to this paragraph.",
            "(a) the first item of a list;",
            "",
        ];

        /// Damage the marker of paragraph `n` the way the seed shows.
        fn damage(n: u32, kind: u8, sub: u8) -> String {
            let digits = n.to_string();
            // a `1` read as `I` or `l` (sometimes)
            let digits = match sub % 3 {
                1 => digits.replace('1', "I"),
                2 => digits.replace('1', "l"),
                _ => digits,
            };
            match kind % 10 {
                0 => format!("¶{n}."),
                1 => format!("1{digits}."),       // ¶ read as 1
                2 => format!("I{digits}."),       // ¶ read as I
                3 => format!("I. {digits}."),     // ¶ read as `I.`
                4 => format!("II. {digits}."),    // ¶ read as `II.`
                5 => format!("{digits}."),        // ¶ lost
                6 => format!("1{digits} ."),      // and a space before the dot
                7 => format!("1.{digits}."),      // digits split by a dot
                8 => format!("{digits}  ."),      // double-spaced OCR
                _ if n == 1 => "IQ.".to_string(), // the seed's ¶1
                _ => format!("¶{digits}."),
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            #[test]
            fn numbers_come_back(
                paras in proptest::collection::vec(
                    (any::<u8>(), any::<u8>(), 0..MARKINGS.len(), 0..FILLER.len(), any::<bool>()),
                    1..=30,
                ),
            ) {
                let mut lines: Vec<String> = vec![
                    "SUBJECT: A TEST".into(),
                    String::new(),
                    "Classified By: DCM A. B. Smith, reasons 1.4 (b) and (d)".into(),
                    String::new(),
                ];
                let mut want = Vec::new();
                for (k, &(kind, sub, m, f, double)) in paras.iter().enumerate() {
                    let n = k as u32 + 1;
                    let sep = if double { "  " } else { " " };
                    lines.push(format!(
                        "{}{sep}({}){sep}Paragraph{sep}{n} text begins here",
                        damage(n, kind, sub),
                        MARKINGS[m]
                    ));
                    lines.push(FILLER[f].to_string());
                    lines.push(String::new());
                    want.push((n, MARKINGS[m].to_string()));
                }
                let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
                let got: Vec<(u32, String)> = number_lines(&refs, 0)
                    .into_iter()
                    .map(|(_, n, c)| (n, c.marking.unwrap_or_default()))
                    .collect();
                prop_assert_eq!(got, want, "lines: {:#?}", lines);
            }

            #[test]
            fn clean_markers_come_back_unchanged(n in 1u32..=60, unmarked in any::<bool>()) {
                let lines: Vec<String> = (1..=n)
                    .map(|k| if unmarked {
                        format!("{k}.  TEXT OF PARAGRAPH {k}.")
                    } else {
                        format!("¶{k}. (C) Text of paragraph {k}.")
                    })
                    .collect();
                let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
                let got: Vec<u32> = number_lines(&refs, 0).into_iter().map(|m| m.1).collect();
                prop_assert_eq!(got, (1..=n).collect::<Vec<_>>());
            }
        }
    }
}
