//! Stage 3, cable structure: turn one decoded document into [`Cable`]s.
//!
//! This module owns the data model of a cable (metadata and numbered
//! paragraphs); the table of input formats, how each is recognised and
//! which parser understands it, is [`mod@format`]. Every format ends in the same place: the plain-text parser
//! in [`text`], which finds the header fields, the paragraph markers (with
//! OCR repair, see [`markers`]) and the body's boundaries. The HTML, CSV and
//! JSON Lines readers only peel their container off and hand over text plus
//! whatever metadata the container states outright.
//!
//! It does not decode bytes (see [`crate::decode`]) and knows nothing about
//! gazetteers or matching.

pub(crate) mod fast_str;
pub mod format;
pub mod header;
pub mod html;
pub mod jsonl;
pub mod markers;
pub mod meta;
pub mod pdf;
pub mod table;
pub mod text;
pub(crate) mod words;

use serde::Serialize;

pub use crate::problem::DocProblem;
pub use meta::KnownMeta;

/// One numbered paragraph of a cable body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// The cable's own paragraph number (1, 2, …), recovered from the
    /// marker even when OCR damaged it.
    pub number: u32,
    /// The classification marking in parentheses (`C`, `SBU`, `S/NF`), if any.
    pub classification: Option<String>,
    /// A section heading that stands right before this paragraph, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// The paragraph's original text, marker and marking excluded.
    pub text: String,
}

/// One cable: metadata plus its paragraphs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Cable {
    /// Canonical reference id, e.g. `09MEXICO283`.
    pub id: String,
    /// Creation date and time, `YYYY-MM-DD HH:MM`.
    pub created: Option<String>,
    /// Release date and time, `YYYY-MM-DD HH:MM`.
    pub released: Option<String>,
    /// Classification of the whole cable, e.g. `CONFIDENTIAL`.
    pub classification: Option<String>,
    /// Sending post, e.g. `Embassy Mexico`.
    pub origin: Option<String>,
    /// TAGS line, one entry per tag.
    pub tags: Vec<String>,
    /// SUBJECT line, continuation lines joined, whitespace collapsed.
    pub subject: Option<String>,
    /// The `Classified By:` authority, reasons cut off.
    pub classified_by: Option<String>,
    /// The signature at the end of the cable.
    pub signer: Option<String>,
    /// Ids of the cables this one refers to, when the input lists them
    /// (the dump's `references` column); merged into [`Cable::cited`],
    /// which is what `references` means in the output.
    #[serde(skip)]
    pub references: Vec<String>,
    /// The input this cable came from (`FILE`, or `FILE:ROW` for CSV dumps).
    pub source: String,
    /// Numbered paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
    /// Things the reader noticed but worked around (NUL bytes dropped, a
    /// page cut short); printed as `FILE: warning: …`, not in any output.
    #[serde(skip)]
    pub warnings: Vec<String>,
    /// Every signature name at the end, in order (`signer` is the first).
    pub signers: Vec<String>,
    /// The title of the `Classified By` authority (`POLCOUNS`).
    pub classified_by_title: Option<String>,
    /// The classification reasons (`1.4(b) and (d)`).
    pub classification_reasons: Option<String>,
    /// The references of the REF block (and of the dump's column), as
    /// `references` in the output.
    #[serde(rename = "references")]
    pub cited: Vec<header::Reference>,
    /// Addressees of the `TO` routing lines (`SECSTATE WASHDC`).
    pub recipients: Vec<String>,
    /// Addressees of the `INFO` routing lines.
    pub info: Vec<String>,
    /// `FLASH`, `IMMEDIATE`, `PRIORITY` or `ROUTINE`.
    pub precedence: Option<String>,
    /// Only some of the cable's sections are in the text.
    pub partial: bool,
    /// The person tags among `tags` (`STEINBERG JAMES`).
    pub person_tags: Vec<String>,
    /// The free subject tags among `tags` (`ITALY NATIONAL ELECTIONS`).
    pub subject_tags: Vec<String>,
    /// Where the text came from, for PDFs and images (`None` for text
    /// inputs): the pages and whether a text layer or OCR gave them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
}

/// Where a cable read from a PDF or an image came from ([`pdf`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// The file's pages the cable is on: `3`, or `1-7`.
    pub pages: String,
    /// How the text was obtained.
    pub text_from: TextFrom,
    /// The page each paragraph starts on, in paragraph order.
    pub paragraph_pages: Vec<u32>,
}

/// How a cable's text was obtained.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextFrom {
    /// The PDF's text layer.
    TextLayer,
    /// Tesseract, on a scanned page or an image.
    Ocr,
    /// Some pages from the text layer, some from OCR.
    Mixed,
}

impl TextFrom {
    /// The value of `cables.csv`'s `text_from` column.
    pub fn as_str(self) -> &'static str {
        match self {
            TextFrom::TextLayer => "text-layer",
            TextFrom::Ocr => "ocr",
            TextFrom::Mixed => "text-layer+ocr",
        }
    }
}

impl Cable {
    /// Is (some of) the cable's text from OCR? Only such cables get the
    /// OCR-tolerant matching ([`crate::ocr_match`]).
    pub fn is_ocr(&self) -> bool {
        self.provenance
            .as_ref()
            .is_some_and(|p| p.text_from != TextFrom::TextLayer)
    }
}

/// The formats a cable can be parsed from (what [`crate::dedup`] ranks);
/// [`format::FORMATS`] says how each is recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A WikiLeaks cable page.
    Html,
    /// Rows of the Cablegate `cables.csv` dump.
    CablegateCsv,
    /// One JSON object per line with a `text` field.
    JsonLines,
    /// One cable as plain or OCR'd text.
    Text,
}

/// Parse one decoded document into cables, reporting each part that could
/// not be read: HTML, JSON Lines or text, as [`format::document`]
/// recognises it (the dump, a PDF or an image never reach this point:
/// they are recognised on their first bytes, see [`crate::read`]).
///
/// `source` names the input in the `source` field and in problems.
pub fn parse_document(text: &str, source: &str, emit: &mut dyn FnMut(Result<Cable, DocProblem>)) {
    let (_, parse) = format::document(text, source);
    parse(text, source, emit);
}

/// A short cable written for [`warm_up`]: a routing header, a section
/// line, E.O., TAGS, SUBJECT, REF, a classification reason, numbered
/// paragraphs over a page break and a signer.
const WARM_UP_CABLE: &str = "\
C O N F I D E N T I A L

PAGE 01        LIMA 01234  121530Z
ACTION ARA-00

P 121500Z MAR 09
FM AMEMBASSY LIMA
TO SECSTATE WASHDC PRIORITY 1234
INFO AMEMBASSY QUITO
AMEMBASSY BOGOTA

C O N F I D E N T I A L SECTION 01 OF 02 LIMA 001234

SIPDIS

E.O. 12958: DECL: 03/12/2019
TAGS: PGOV PREL PE
SUBJECT: A CABLE WRITTEN TO WARM THE PARSER UP

REF: A. STATE 12345 B. LIMA 1111

Classified By: Ambassador A. Example for reasons 1.4 (b) and (d).

1. (C) Summary: the first paragraph names the Ministry of the
Interior and the National Police. End summary.

2. (U) The second paragraph runs on the next page.
CONFIDENTIAL

PAGE 02        LIMA 01234  121530Z
3. (SBU) The third paragraph: ``a quotation'' and 25 percent.
EXAMPLE
";

/// Compile the structure stage's patterns before the first cable needs
/// them: parse a short cable written for the purpose (a routing header,
/// E.O., TAGS, SUBJECT, REF, numbered paragraphs over a page break), as a
/// document and as a dump row's text, and drop what comes out. A command
/// that builds an automaton at start calls this on a thread of its own, on
/// the core that would otherwise wait (every pattern is compiled once a run
/// either way, and a compiled pattern finds the same whichever thread
/// compiled it).
pub fn warm_up() {
    parse_document(WARM_UP_CABLE, "warm-up", &mut |_| {});
    let known = KnownMeta {
        id: Some("09LIMA1234".into()),
        ..KnownMeta::default()
    };
    let _ = text::parse_row("", WARM_UP_CABLE, "warm-up", &known);
}

/// Does a document read as text hold many lines that look like records of
/// another format (dump rows, JSON objects)? Then it was probably
/// misdetected, and the reader says so instead of silently making one
/// giant cable of it. One pass over the line starts.
pub(crate) fn many_records(text: &str) -> Option<String> {
    const MANY: usize = 3;
    let (mut rows, mut objects) = (0usize, 0usize);
    let mut start = 0;
    let b = text.as_bytes();
    for end in memchr::memchr_iter(b'\n', b).chain([b.len()]) {
        let line = &text[start..end];
        start = end + 1;
        match line.as_bytes().first() {
            Some(b'{') if line[1..].trim_start().starts_with('"') => objects += 1,
            Some(b'"' | b'0'..=b'9') if table::starts_like_row(line) => rows += 1,
            _ => {}
        }
    }
    if rows >= MANY {
        Some(format!(
            "{rows} lines start like rows of the cables.csv dump"
        ))
    } else if objects >= MANY {
        Some(format!("{objects} lines are JSON objects"))
    } else {
        None
    }
}

/// Normalise a date and time to `YYYY-MM-DD HH:MM`.
///
/// Accepts `2009-02-04 17:08`, `2009-02-04 17:08:00`, `2009-02-04T17:08:00Z`
/// and the dump's `2/4/2009 17:08`; a date alone comes back as `YYYY-MM-DD`.
/// Anything else (or an impossible date) gives `None`.
pub fn normalize_datetime(s: &str) -> Option<String> {
    let s = s.trim();
    let (date, time) = match s.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (s, None),
    };
    // the numbers between `sep`s, at most three of them (no pattern below
    // takes more), each of one to four digits; read into place, not
    // collected: this runs once for every cable of a dump
    let nums = |s: &str, sep: char| -> Option<([u32; 3], usize)> {
        let mut v = [0u32; 3];
        let mut n = 0;
        for p in s.split(sep) {
            if n == 3 || p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            // (all digits, at most four: no overflow, no `parse`)
            v[n] = p.bytes().fold(0, |v, b| v * 10 + u32::from(b - b'0'));
            n += 1;
        }
        Some((v, n))
    };
    let (y, m, d) = if date.contains('-') {
        match nums(date, '-')? {
            ([y, m, d], 3) if date.len() == 10 => (y, m, d),
            _ => return None,
        }
    } else {
        match nums(date, '/')? {
            ([m, d, y], 3) if y >= 1000 => (y, m, d),
            _ => return None,
        }
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1000..=9999).contains(&y) {
        return None;
    }
    // (every number is known to fit its width here: written digit by digit,
    // not through `format!`)
    let digits = |out: &mut String, n: u32, width: u32| {
        for k in (0..width).rev() {
            out.push(char::from(b'0' + (n / 10u32.pow(k) % 10) as u8));
        }
    };
    let mut out = String::with_capacity(16);
    digits(&mut out, y, 4);
    out.push('-');
    digits(&mut out, m, 2);
    out.push('-');
    digits(&mut out, d, 2);
    let Some(time) = time else {
        return Some(out);
    };
    let time = time.trim_end_matches('Z');
    let (h, min) = match nums(time, ':')? {
        ([h, min, _], 2 | 3) => (h, min),
        _ => return None,
    };
    if h > 23 || min > 59 {
        return None;
    }
    out.push(' ');
    digits(&mut out, h, 2);
    out.push(':');
    digits(&mut out, min, 2);
    Some(out)
}

/// Parse a dump row job (a [`crate::read::Job::Row`]): its header and
/// content cells decoded each on its own (without a copy when they are
/// UTF-8 already) and parsed as one text, the columns' metadata winning.
pub fn parse_job_row(job: crate::read::Job) -> Result<Cable, DocProblem> {
    match job {
        crate::read::Job::Row {
            source,
            location,
            meta,
            header,
            content,
        } => {
            let header = crate::decode::decode_owned(header).0;
            let content = crate::decode::decode_owned(content).0;
            text::parse_row(&header, &content, &source, &meta).map_err(|p| p.at(*location))
        }
        crate::read::Job::Document { source, .. } | crate::read::Job::Scan { source, .. } => {
            Err(DocProblem {
                location: crate::problem::Location::file(source),
                message: "a dump row was expected".into(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_warm_up_cable_reads_as_a_cable() {
        // the warm-up compiles the patterns its lines reach: it must read as
        // a whole cable, header and paragraphs, for them to be reached
        let mut cables = Vec::new();
        parse_document(WARM_UP_CABLE, "warm-up", &mut |c| cables.push(c));
        let cable = cables.pop().expect("one cable").expect("no problem");
        assert!(cables.is_empty());
        assert_eq!(cable.id, "09LIMA1234");
        assert_eq!(cable.tags, ["PGOV", "PREL", "PE"]);
        assert_eq!(
            cable.subject.as_deref(),
            Some("A CABLE WRITTEN TO WARM THE PARSER UP")
        );
        assert_eq!(cable.origin.as_deref(), Some("Embassy Lima"));
        assert_eq!(cable.created.as_deref(), Some("2009-03-12 15:00"));
        assert!(cable.paragraphs.len() >= 3, "{:?}", cable.paragraphs);
        warm_up();
    }

    #[test]
    fn datetimes() {
        for (input, want) in [
            ("12/28/1966 18:48", Some("1966-12-28 18:48")),
            ("2/25/1972 9:30", Some("1972-02-25 09:30")),
            ("2009-02-04 17:08", Some("2009-02-04 17:08")),
            ("2009-02-04 17:08:59", Some("2009-02-04 17:08")),
            ("2009-02-04T17:08:00Z", Some("2009-02-04 17:08")),
            ("2009-02-04", Some("2009-02-04")),
            ("13/28/1966 18:48", None),
            ("1966-12-28 25:00", None),
            ("yesterday", None),
            ("", None),
            ("1/2/3 4:5", None),
            ("2009-02-04 17:08:00:00", None),
            ("2/4/2009/1 17:08", None),
            ("2/4/2009 17", None),
            ("2/4/2009 7:5", Some("2009-02-04 07:05")),
            ("2/4/2009 17:08:", None),
            ("9999-12-31 23:59", Some("9999-12-31 23:59")),
            ("1000-01-01", Some("1000-01-01")),
            ("0999-01-01", None),
        ] {
            assert_eq!(normalize_datetime(input).as_deref(), want, "{input}");
        }
    }

    #[test]
    fn detect_formats() {
        let doc = |t: &str, name: &str| format::document(t, name).0;
        assert_eq!(doc("<!DOCTYPE html><html>", "a"), Format::Html);
        assert_eq!(doc("{\"text\": \"x\"}\n", "a"), Format::JsonLines);
        assert_eq!(doc("SUBJECT: X\n", "a.csv"), Format::Text);
        // a dump with a header row, a piece of a split dump, a 2-digit year
        let row = "\"7\",\"1/1/01 0:00\",\"01X1\",\"E\",\"U\",\"\",\"h\",\"c\"\n";
        for d in [
            format!("row,date,refid,origin,classification,references,header,content\n{row}"),
            format!("the end of a cut row\n\nmore of it\",\"\n{row}{row}"),
            row.to_string(),
        ] {
            let f = format::sniff_head(d.as_bytes()).map(|f| f.name);
            assert_eq!(f, Some("Cablegate CSV dump"), "{d}");
        }
        assert_eq!(
            doc("# exported\n{\"text\": \"x\"}\n", "a"),
            Format::JsonLines
        );
        let objects = "SUBJECT: X\n{\"a\": 1}\n{\"a\": 1}\n{\"a\": 1}\n";
        assert!(many_records(objects).is_some());
        assert!(many_records("SUBJECT: X\n\n1. (C) Text.\n").is_none());
    }
}
