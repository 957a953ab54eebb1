//! PDFs, scans and photographs of cables, read directly.
//!
//! A PDF is read page by page. A page with a text layer gives its text
//! through Poppler's `pdftotext -layout`, which keeps the page's line
//! layout, so the structure parser ([`super::text`]) sees the lines it
//! would see in a text file. A page without one (a scan) is rendered with
//! `pdftoppm` and read by Tesseract; so is every page of a PNG, TIFF or
//! JPEG image. OCR pages run side by side on the rayon pool, with a progress
//! bar on a terminal. The pages' text then goes, in order, through the same
//! OCR-tolerant structure parser as the seed cable.
//!
//! One file may hold several cables: a page that opens with a cable's
//! header (a routing line such as `P 091253Z NOV 00`, `VZCZC…`, a
//! WikiLeaks `Reference ID` or `2000HANOI00686 - CONFIDENTIAL`) whose id is
//! not the current cable's starts a new one.
//!
//! Every cable records its [`Provenance`]: the file, its pages, and
//! whether the text came from a text layer or OCR.
//!
//! Limits: a PDF has none as a whole (Poppler reads it page by page); a
//! page is rendered at most [`ocr::MAX_PAGE_PIXELS_SIDE`] pixels each way; an
//! image file at most [`MAX_IMAGE_BYTES`] and [`MAX_IMAGE_PIXELS`] pixels;
//! each program has [`crate::ocr::PAGE_SECONDS`] per page.

use std::path::Path;
use std::sync::LazyLock;

use rayon::prelude::*;

use super::{text, Cable, DocProblem, KnownMeta, Provenance, TextFrom};
use crate::ocr::{self, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS};

/// A page with fewer letters and digits than this in its text layer is
/// taken for a scan and OCR'd.
const MIN_TEXT_LAYER_CHARS: usize = 16;

/// The kinds of file read through Poppler or Tesseract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScanKind {
    /// A PDF (text layer, scanned pages, or both).
    Pdf,
    /// A PNG image.
    Png,
    /// A TIFF image (one page or several).
    Tiff,
    /// A JPEG image.
    Jpeg,
}

impl ScanKind {
    /// Recognise a PDF or an image from the first bytes of a file.
    pub fn sniff(head: &[u8]) -> Option<ScanKind> {
        // a PDF may have a few bytes of junk before its header
        let pdf_at = head.windows(5).take(1024).position(|w| w == b"%PDF-");
        if pdf_at.is_some() {
            Some(ScanKind::Pdf)
        } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ScanKind::Png)
        } else if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
            Some(ScanKind::Tiff)
        } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ScanKind::Jpeg)
        } else {
            None
        }
    }

    /// A short name for messages.
    pub fn name(self) -> &'static str {
        match self {
            ScanKind::Pdf => "PDF",
            ScanKind::Png => "PNG image",
            ScanKind::Tiff => "TIFF image",
            ScanKind::Jpeg => "JPEG image",
        }
    }
}

/// One page's text and where it came from.
#[derive(Clone, Debug)]
struct Page {
    /// Page number, from 1.
    number: u32,
    text: String,
    from: TextFrom,
}

/// Read a PDF or an image at `path` into cables; `source` names the input.
pub fn read_scan(path: &Path, kind: ScanKind, source: &str) -> Vec<Result<Cable, DocProblem>> {
    let fail = |message: String| {
        vec![Err(DocProblem {
            location: crate::problem::Location::file(source.to_string()),
            message,
        })]
    };
    let pages = match kind {
        ScanKind::Pdf => pdf_pages(path, source),
        _ => image_pages(path, kind, source),
    };
    let (pages, problems) = match pages {
        Ok(p) => p,
        Err(m) => return fail(format!("cannot read the {}: {m}", kind.name())),
    };
    let mut out: Vec<Result<Cable, DocProblem>> = problems.into_iter().map(Err).collect();
    if pages.iter().all(|p| p.text.trim().is_empty()) {
        if out.is_empty() {
            out.extend(fail(format!("{}: no text found on any page", kind.name())));
        }
        return out;
    }
    for group in split_cables(&pages) {
        out.push(parse_pages(&group, source));
    }
    out
}

/// The pages of a PDF: the text layer where there is one, OCR elsewhere;
/// pages that could not be read are reported by page.
fn pdf_pages(path: &Path, source: &str) -> Result<(Vec<Page>, Vec<DocProblem>), String> {
    let layer = ocr::pdf_pages_text(path)?;
    let mut pages: Vec<Page> = layer
        .into_iter()
        .zip(1u32..)
        .map(|(text, number)| Page {
            number,
            text,
            from: TextFrom::TextLayer,
        })
        .collect();
    let scanned: Vec<usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.text.chars().filter(|c| c.is_alphanumeric()).count() < MIN_TEXT_LAYER_CHARS
        })
        .map(|(i, _)| i)
        .collect();
    if scanned.is_empty() {
        return Ok((pages, Vec::new()));
    }
    let dir = tempfile::tempdir().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    let cache = ocr::cache_key(path);
    let bar = ocr::page_bar(scanned.len() as u64, source);
    let results: Vec<(usize, Result<String, String>)> = scanned
        .par_iter()
        .map(|&i| {
            let r = ocr::ocr_pdf_page(path, i + 1, dir.path(), cache.as_deref());
            if let Some(b) = &bar {
                b.page_done();
            }
            (i, r)
        })
        .collect();
    drop(bar);
    let mut problems = Vec::new();
    for (i, r) in results {
        match r {
            Ok(text) => {
                pages[i].text = text;
                pages[i].from = TextFrom::Ocr;
            }
            // a missing program is the same for every page: said once
            Err(m) if m.contains(" not found: ") => return Err(m),
            Err(m) => problems.push(DocProblem {
                location: crate::problem::Location::file(source).page(i as u64 + 1),
                message: m,
            }),
        }
    }
    Ok((pages, problems))
}

/// The pages of an image file, OCR'd (a multi-page TIFF gives several).
fn image_pages(
    path: &Path,
    kind: ScanKind,
    source: &str,
) -> Result<(Vec<Page>, Vec<DocProblem>), String> {
    let size = std::fs::metadata(path)
        .map_err(|e| crate::problem::io_message(&e))?
        .len();
    if size > MAX_IMAGE_BYTES {
        return Err(format!(
            "{} of {} MiB, over the {} MiB an image page may have; skipped",
            kind.name(),
            size >> 20,
            MAX_IMAGE_BYTES >> 20
        ));
    }
    if let Some((w, h)) = image_size(path, kind) {
        if w * h > MAX_IMAGE_PIXELS {
            return Err(format!(
                "{} of {w}×{h} pixels, over the {} megapixels a page may have; skipped",
                kind.name(),
                MAX_IMAGE_PIXELS / 1_000_000
            ));
        }
    }
    let bar = ocr::page_bar(1, source);
    let text = ocr::ocr_image(path);
    drop(bar);
    let text = text?;
    let mut pieces: Vec<&str> = text.split('\u{c}').collect();
    if pieces.len() > 1 && pieces.last().is_some_and(|p| p.trim().is_empty()) {
        pieces.pop();
    }
    let pages = pieces
        .into_iter()
        .zip(1u32..)
        .map(|(t, number)| Page {
            number,
            text: t.to_string(),
            from: TextFrom::Ocr,
        })
        .collect();
    Ok((pages, Vec::new()))
}

/// Width and height of a PNG or JPEG from its header (TIFF: `None`; its
/// file size limit holds).
fn image_size(path: &Path, kind: ScanKind) -> Option<(u64, u64)> {
    use std::io::Read;
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(256 * 1024)
        .read_to_end(&mut head)
        .ok()?;
    let be16 = |b: &[u8]| u64::from(u16::from_be_bytes([b[0], b[1]]));
    let be32 = |b: &[u8]| u64::from(u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
    match kind {
        ScanKind::Png if head.len() >= 24 => Some((be32(&head[16..20]), be32(&head[20..24]))),
        ScanKind::Jpeg => {
            // walk the segments to the first start-of-frame
            let mut i = 2;
            while i + 9 < head.len() {
                if head[i] != 0xFF {
                    return None;
                }
                let marker = head[i + 1];
                let len = be16(&head[i + 2..]) as usize;
                if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
                    return Some((be16(&head[i + 7..]), be16(&head[i + 5..])));
                }
                i += 2 + len;
            }
            None
        }
        _ => None,
    }
}

/// Does the page open with a cable's header? (Within its first lines.)
fn opens_a_cable(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(6)
        .any(|l| {
            l.starts_with("VZCZC")
                || l.starts_with("Reference ID")
                || routing_dtg(l)
                || long_id_heading(l)
        })
}

/// `P 091253Z NOV 00`: precedence, date-time group.
fn routing_dtg(l: &str) -> bool {
    let b = l.as_bytes();
    b.len() >= 16
        && matches!(b[0], b'O' | b'P' | b'R' | b'Z')
        && b[1] == b' '
        && b[2..8].iter().all(u8::is_ascii_digit)
        && b[8] == b'Z'
        && b[9] == b' '
        && b[10..13].iter().all(u8::is_ascii_uppercase)
}

/// `2000HANOI00686 - CONFIDENTIAL`: the heading of a WikiLeaks PDF export.
fn long_id_heading(l: &str) -> bool {
    let Some((id, _)) = l.split_once(" - ") else {
        return false;
    };
    let b = id.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[b.len() - 5..].iter().all(u8::is_ascii_digit)
        && b[4..b.len() - 5].iter().all(u8::is_ascii_uppercase)
}

/// Group the pages into cables: a new cable starts at a page that opens
/// with a cable header whose id differs from the current cable's.
fn split_cables(pages: &[Page]) -> Vec<Vec<Page>> {
    let mut groups: Vec<Vec<Page>> = Vec::new();
    let mut current_id: Option<String> = None;
    let header_id = |t: &str| {
        text::parse_text(t, "", &KnownMeta::default())
            .ok()
            .map(|c| c.id)
            .filter(|id| !id.is_empty())
    };
    for p in pages {
        let starts = !groups.is_empty() && opens_a_cable(&p.text);
        let id = if starts || groups.is_empty() {
            header_id(&p.text)
        } else {
            None
        };
        if groups.is_empty() || (starts && id.is_some() && id != current_id) {
            groups.push(Vec::new());
            current_id = id;
        }
        groups.last_mut().expect("one group").push(p.clone());
    }
    groups
}

/// A routing date-time group, as OCR reads it too: `0 101719Z JUN 00 ee`,
/// `R 2116452 Nov 08` (precedence `O` read as zero, digits read as letters,
/// `Z` as `2`, the month in small letters, stray marks or a `ZDS` after it).
static PAGE_DTG: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"^\s*([0OPRZ])[\s.,_-]{1,3}([0-9OolI|]{6})\s?[Z2z][\s.,]{1,3}([A-Z][A-Za-z]{2})[\s.,]{1,3}([0-9OolI|]{2}(?:[0-9OolI|]{2})?)(?:\s.*)?$",
    )
    .expect("valid pattern")
});
/// `FM.`, `TO:`, `INFO,` : routing keywords with a stray mark after them.
static PAGE_ROUTING: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"^\s*(FM|TO|INFO)[.,:;]+\s+").expect("valid pattern"));
/// `(U) CLASSIFIED BY …`: the authority line behind its own marking.
static MARKED_CLASSIFIED_BY: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"^\s*\([A-Z/]{1,5}\)\s+(?i:classified\s+by)").expect("valid pattern")
});
/// `PAGE 03        HANOI 00686 04 OF 07 050823Z`: the page head a
/// telegram printout repeats on every page.
static PRINTOUT_PAGE_HEAD: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"^\s*PAGE\s+\d{1,3}\s+[A-Z][A-Z .'-]*\s+\d{3,6}\s+\d{1,3}\s+OF\s+\d{1,3}\s+\d{6}[Z2z]?\s*$")
        .expect("valid pattern")
});

/// A paragraph marker as OCR reads it: the pilcrow read as `$`, `§`, `{`,
/// `S`, `q`, `£`, `&`, `%`, `#`, `@` (or a digit, left to the parser's
/// recovery), or lost behind a stray quote, a doubled dot, a space inside (`‘$14.`,
/// `411..(C)`, `415. .(U)`, `i (C)` for `1.`), always followed by a marking
/// in parentheses.
static OCR_MARKER: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"^(\s*)[‘’'`\x22,.]*(?:[$§{¶Sq£&%#@])?([0-9IlOi]{1,3})(?:\s?[.,:;]\s?[.,'’‘]*\s*|\s+)[({]([A-Z]{1,3}(?:/[A-Z]{1,3})?)[)}][’'`]?\s*",
    )
    .expect("valid pattern")
});
/// The classification words a spaced-out heading line may spell.
const SPACED_CLASSIFICATIONS: &[&str] = &["UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "UNCLAS"];

/// `S EC RET SECTION 01 OF 06 ANKARA 008112`: a spaced-out classification
/// (`S E C R E T`) that OCR spaced unevenly, written whole.
fn join_spaced_classification(line: &str) -> Option<String> {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let mut joined = String::new();
    for (k, t) in tokens.iter().enumerate() {
        joined.push_str(t);
        if !SPACED_CLASSIFICATIONS
            .iter()
            .any(|w| w.starts_with(joined.as_str()))
        {
            return None;
        }
        if k >= 1 && SPACED_CLASSIFICATIONS.contains(&joined.as_str()) {
            let rest = tokens[k + 1..].join(" ");
            return Some(format!("{joined} {rest}"));
        }
    }
    None
}

/// A line of dashes as OCR reads it (em and en dashes, underscores, tildes).
fn is_ocr_dash_line(l: &str) -> bool {
    let t = l.trim();
    t.chars().count() >= 5
        && t.chars()
            .all(|c| matches!(c, '-' | '—' | '–' | '_' | '~' | '=' | ' '))
}

/// Repairs for OCR'd pages only: paragraph markers the structure parser
/// cannot read ([`OCR_MARKER`]: written `N. (X)` with the digits as read and
/// no pilcrow, so its recovery rule still decides the number), unevenly spaced
/// classification lines in the header, and dash lines read as other dashes.
fn repair_ocr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        if let Some(c) = OCR_MARKER.captures(body) {
            let whole = c.get(0).expect("match");
            let canonical = format!("{}. ({}) ", &c[2], &c[3]);
            let t = body.trim_start().trim_start_matches('¶');
            if !t.starts_with(&canonical) {
                // no pilcrow written: "¶411." would be read as exactly 411
                out.push_str(&format!("{}{canonical}{}\n", &c[1], &body[whole.end()..]));
                continue;
            }
        }
        if is_ocr_dash_line(body) {
            out.push_str("-----\n");
            continue;
        }
        if i < 40 {
            if let Some(joined) = join_spaced_classification(body) {
                out.push_str(&joined);
                out.push('\n');
                continue;
            }
            // specks read as marks after a header line (`FM AMCONSUL TIJUANA —`)
            let kept = body.trim_end_matches([' ', '-', '—', '–', '_', '|', '~', '•', '·']);
            if kept.len() < body.len() && !kept.is_empty() {
                out.push_str(kept);
                out.push('\n');
                continue;
            }
        }
        out.push_str(line);
    }
    out
}

/// Header lines in the forms printouts and OCR give them, rewritten to the
/// forms the structure parser knows, and printout furniture dropped. The
/// parser's own marker recovery handles the paragraph markers.
///
/// In a page's first lines: a routing date-time group keeps only itself
/// (OCR's digit confusions undone, `ZDS` or stray marks after it dropped);
/// `FM.`/`TO:` lose the stray mark; `(U) CLASSIFIED BY` its marking.
/// Anywhere: telegram page heads (`PAGE 03 HANOI 00686 04 OF 07 050823Z`),
/// the WikiLeaks PDF export's banner and its `2000HANOI00686 -
/// CONFIDENTIAL` heading and footer lines are dropped (the heading's id is
/// returned: the export states it, as an HTML page's reference table does).
fn clean_page(text: &str) -> (String, Option<String>) {
    let digits = |s: &str| -> String {
        s.chars()
            .map(|c| match c {
                'O' | 'o' => '0',
                'l' | 'I' | '|' => '1',
                c => c,
            })
            .collect()
    };
    let mut out = String::with_capacity(text.len());
    let mut id = None;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        let t = body.trim().trim_start_matches('>').trim_start();
        if long_id_heading(t) {
            id = id.or_else(|| long_id(t));
            continue;
        }
        if t.starts_with("This record is a partial extract of the original cable")
            || PRINTOUT_PAGE_HEAD.is_match(t)
        {
            continue;
        }
        if i < 80 {
            if let Some(c) = PAGE_DTG.captures(body) {
                let prec = if &c[1] == "0" { "O" } else { &c[1] };
                out.push_str(&format!(
                    "{prec} {}Z {} {}\n",
                    digits(&c[2]),
                    c[3].to_ascii_uppercase(),
                    digits(&c[4])
                ));
                continue;
            }
            if let Some(m) = PAGE_ROUTING.captures(body) {
                let whole = m.get(0).expect("match");
                out.push_str(&m[1]);
                out.push(' ');
                out.push_str(&body[whole.end()..]);
                out.push('\n');
                continue;
            }
            if MARKED_CLASSIFIED_BY.is_match(body) {
                let at = body.find(')').expect("a marking") + 1;
                out.push_str(body[at..].trim_start());
                out.push('\n');
                continue;
            }
        }
        if body.trim() == ">" {
            continue; // the export's footer mark
        }
        out.push_str(line);
    }
    (set_off_headings(&out), id)
}

/// Is this a line of dashes (`-------`, `------ ----`)?
fn is_dash_line(l: &str) -> bool {
    let t = l.trim();
    t.len() >= 3 && t.bytes().all(|b| b == b'-' || b == b' ') && t.starts_with("---")
}

/// A heading framed by dash lines (`-----`, one to three lines of title,
/// `-----`) that follows a paragraph's last line directly, as printouts
/// and their PDFs set it, gets the blank line before it that the text
/// parser needs to see it as a heading and not as the paragraph's end.
fn set_off_headings(text: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = String::with_capacity(text.len() + 16);
    for (i, line) in lines.iter().enumerate() {
        let opens = is_dash_line(line)
            && i > 0
            && !lines[i - 1].trim().is_empty()
            && !is_dash_line(lines[i - 1])
            && (2..=4).any(|k| {
                lines.get(i + k).is_some_and(|l| is_dash_line(l))
                    && lines[i + 1..i + k]
                        .iter()
                        .all(|l| !l.trim().is_empty() && !is_dash_line(l) && l.len() < 90)
            });
        if opens {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

/// `2000HANOI00686 - CONFIDENTIAL` → `00HANOI686`.
fn long_id(l: &str) -> Option<String> {
    let (id, _) = l.split_once(" - ")?;
    let n = id.len();
    let number = id[n - 5..].trim_start_matches('0');
    Some(format!(
        "{}{}{}",
        &id[2..4],
        &id[4..n - 5],
        if number.is_empty() { "0" } else { number }
    ))
}

/// Parse a cable's pages as one text, and record where it came from.
fn parse_pages(pages: &[Page], source: &str) -> Result<Cable, DocProblem> {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(pages.len());
    let mut known = KnownMeta::default();
    for p in pages {
        starts.push(text.len());
        let (clean, id) = if p.from == TextFrom::Ocr {
            clean_page(&repair_ocr(&p.text))
        } else {
            clean_page(&p.text)
        };
        text.push_str(&clean);
        known.id = known.id.take().or(id);
        if !text.ends_with('\n') {
            text.push('\n');
        }
    }
    let mut cable = text::parse_text(&text, source, &known)?;
    let first = pages.first().map_or(1, |p| p.number);
    let last = pages.last().map_or(1, |p| p.number);
    let from = if pages.iter().all(|p| p.from == TextFrom::Ocr) {
        TextFrom::Ocr
    } else if pages.iter().all(|p| p.from == TextFrom::TextLayer) {
        TextFrom::TextLayer
    } else {
        TextFrom::Mixed
    };
    // the page each paragraph starts on: its first words found in order
    let mut at = 0;
    let paragraph_pages = cable
        .paragraphs
        .iter()
        .map(|para| {
            let probe: String = para
                .text
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string();
            if !probe.is_empty() {
                if let Some(i) = text[at..].find(&probe) {
                    at += i;
                }
            }
            let k = starts.partition_point(|&s| s <= at).max(1) - 1;
            pages[k].number
        })
        .collect();
    cable.provenance = Some(Provenance {
        pages: if first == last {
            first.to_string()
        } else {
            format!("{first}-{last}")
        },
        text_from: from,
        paragraph_pages,
    });
    Ok(cable)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(number: u32, text: &str) -> Page {
        Page {
            number,
            text: text.to_string(),
            from: TextFrom::TextLayer,
        }
    }

    #[test]
    fn sniffs_pdfs_and_images() {
        assert_eq!(ScanKind::sniff(b"%PDF-1.4\n"), Some(ScanKind::Pdf));
        assert_eq!(ScanKind::sniff(b"\x89PNG\r\n\x1a\n\0"), Some(ScanKind::Png));
        assert_eq!(ScanKind::sniff(b"II*\0abc"), Some(ScanKind::Tiff));
        assert_eq!(ScanKind::sniff(b"MM\0*abc"), Some(ScanKind::Tiff));
        assert_eq!(
            ScanKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(ScanKind::Jpeg)
        );
        assert_eq!(ScanKind::sniff(b"SUBJECT: PDF-1.4"), None);
        assert_eq!(ScanKind::sniff(b"P 091253Z NOV 00\n"), None);
    }

    #[test]
    fn cable_openings() {
        assert!(routing_dtg("P 091253Z NOV 00"));
        assert!(routing_dtg("O 101719Z JUN 00"));
        assert!(!routing_dtg("PAGE 01 HANOI 00686"));
        assert!(long_id_heading("2000HANOI00686 - CONFIDENTIAL"));
        assert!(!long_id_heading("SUBJECT - HANOI"));
        assert!(opens_a_cable("\n\nVZCZCXYZ0000\nRR RUEHWEB\n"));
        assert!(!opens_a_cable("A\nB\nC\nD\nE\nF\nP 091253Z NOV 00\n"));
    }

    const CABLE_A: &str = "P 091253Z NOV 00\nFM AMEMBASSY GABORONE\nTO SECSTATE WASHDC\nUNCLAS GABORONE 005064\n\nSUBJECT: FIRST\n\n1. FIRST PARAGRAPH ON PAGE ONE.\n";
    const CABLE_B: &str = "R 231510Z SEP 00\nFM AMEMBASSY ATHENS\nTO SECSTATE WASHDC\nUNCLAS ATHENS 001501\n\nSUBJECT: SECOND\n\n1. ANOTHER CABLE.\n";

    #[test]
    fn a_new_header_with_a_new_id_starts_a_new_cable() {
        let pages = vec![
            page(1, CABLE_A),
            page(2, "2. CONTINUED ON PAGE TWO.\n"),
            page(3, CABLE_B),
        ];
        let groups = split_cables(&pages);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].len(), 2);
        let a = parse_pages(&groups[0], "x.pdf").unwrap();
        assert_eq!(a.id, "00GABORONE5064");
        let p = a.provenance.unwrap();
        assert_eq!(p.pages, "1-2");
        assert_eq!(p.paragraph_pages, vec![1, 2]);
        let b = parse_pages(&groups[1], "x.pdf").unwrap();
        assert_eq!(b.id, "00ATHENS1501");
        assert_eq!(b.provenance.unwrap().pages, "3");
    }

    #[test]
    fn a_repeated_heading_of_the_same_cable_does_not_split() {
        let pages = vec![page(1, CABLE_A), page(2, CABLE_A)];
        assert_eq!(split_cables(&pages).len(), 1);
    }

    #[test]
    fn printout_and_ocr_header_repairs() {
        let clean = |t: &str| clean_page(t).0;
        assert_eq!(
            clean("0 1O1719Z JUN 00 ee\nFM. AMEMBASSY DAMASCUS :\nTO: SECSTATE\n1. TO. BE\n"),
            "O 101719Z JUN 00\nFM AMEMBASSY DAMASCUS :\nTO SECSTATE\n1. TO. BE\n"
        );
        assert_eq!(clean("R 231510Z SEP 00 ZDS\n"), "R 231510Z SEP 00\n");
        assert_eq!(clean("R 2116452 Nov 08\n"), "R 211645Z NOV 08\n");
        assert_eq!(clean("R-131530Z MAR 09\n"), "R 131530Z MAR 09\n");
        assert_eq!(clean("R_ 211645Z NOV 08\n"), "R 211645Z NOV 08\n");
        // a clean line is left alone
        assert_eq!(clean("P 091253Z NOV 00\n"), "P 091253Z NOV 00\n");
        assert_eq!(clean("THE 0 101719Z\n"), "THE 0 101719Z\n");
        assert_eq!(
            clean("(U) CLASSIFIED BY DCM JAMES F. JEFFREY FOR REASONS: 1.5\n"),
            "CLASSIFIED BY DCM JAMES F. JEFFREY FOR REASONS: 1.5\n"
        );
        assert_eq!(
            clean("A LINE\nPAGE 03        HANOI 00686 04 OF 07 050823Z\nGOES ON\n"),
            "A LINE\nGOES ON\n"
        );
        let (t, id) = clean_page("This record is a partial extract of the original cable. The full text of the original cable is not available.\n\n2000HANOI00686 - CONFIDENTIAL\nX\n>\n    2000HANOI00686 - CONFIDENTIAL\n");
        assert_eq!(id.as_deref(), Some("00HANOI686"));
        assert_eq!(t, "\nX\n");
        assert_eq!(
            set_off_headings("A LAST LINE.\n-----\nCOMMENT\n-----\n1. NEXT\n"),
            "A LAST LINE.\n\n-----\nCOMMENT\n-----\n1. NEXT\n"
        );
        // a lone dash line (a list, a signature rule) is left alone
        assert_eq!(
            set_off_headings("TEXT\n-----\nMORE TEXT\n"),
            "TEXT\n-----\nMORE TEXT\n"
        );
    }

    #[test]
    fn ocr_repairs() {
        assert_eq!(
            repair_ocr("‘$14. (U) OVER THE COURSE\n"),
            "14. (U) OVER THE COURSE\n"
        );
        assert_eq!(repair_ocr("411..(C) DESPITE\n"), "411. (C) DESPITE\n");
        assert_eq!(repair_ocr("415. .(U) THOUGH\n"), "415. (U) THOUGH\n");
        assert_eq!(repair_ocr("S1. (C) SYRIAN\n"), "1. (C) SYRIAN\n");
        assert_eq!(repair_ocr("4: (C) Comment:\n"), "4. (C) Comment:\n");
        assert_eq!(repair_ocr("i (C) Summary:\n"), "i. (C) Summary:\n");
        assert_eq!(
            repair_ocr("‘1. (SBU) DepEconCouns\n"),
            "1. (SBU) DepEconCouns\n"
        );
        assert_eq!(repair_ocr("1. {SBU) Nuevo Leon\n"), "1. (SBU) Nuevo Leon\n");
        // clean markers stay as they are
        assert_eq!(repair_ocr("¶14. (U) TEXT\n"), "¶14. (U) TEXT\n");
        assert_eq!(repair_ocr("41. (U) TEXT\n"), "41. (U) TEXT\n");
        // no marking: left to the parser
        assert_eq!(repair_ocr("12. THE TEXT\n"), "12. THE TEXT\n");
        assert_eq!(
            repair_ocr("S EC RET SECTION 01 OF 06 ANKARA 008112\n"),
            "SECRET SECTION 01 OF 06 ANKARA 008112\n"
        );
        assert_eq!(repair_ocr("SECRET SECTION 01\n"), "SECRET SECTION 01\n");
        assert_eq!(repair_ocr("SECRETARY RICE\n"), "SECRETARY RICE\n");
        assert_eq!(repair_ocr("————————\nTEXT\n"), "-----\nTEXT\n");
        assert_eq!(
            repair_ocr("FM AMCONSUL TIJUANA —\n"),
            "FM AMCONSUL TIJUANA\n"
        );
    }

    #[test]
    fn text_from_mixed_pages() {
        let mut p2 = page(2, "2. SCANNED PAGE.\n");
        p2.from = TextFrom::Ocr;
        let c = parse_pages(&[page(1, CABLE_A), p2], "x.pdf").unwrap();
        assert_eq!(c.provenance.unwrap().text_from, TextFrom::Mixed);
    }
}
