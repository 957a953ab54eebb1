//! The input formats cablegraph reads, in one table: how each is
//! recognised (its sniff), how it is read (its reader) and whether it is
//! streamed. Each input is recognised once, by the first row of
//! [`FORMATS`] whose sniff says yes:
//!
//! - on the **first bytes** ([`Sniff::Bytes`], by [`sniff_head`], in
//!   [`crate::read`], before an input is read whole): a gzip wrapping,
//!   unpacked and sniffed again; a PDF or an image, handed over as a file
//!   and read page by page; the Cablegate dump, streamed row by row;
//! - else, the input is a **document**, read whole, decoded, and
//!   recognised on its decoded text ([`Sniff::Text`], by [`document`]):
//!   HTML, JSON Lines, or (always) plain text, each with its parser.
//!
//! A new input format is one row here and its reader (a `cable/<new>.rs`
//! for a document format).

use super::pdf::ScanKind;
use super::{html, jsonl, table, text, Cable, DocProblem, Format, KnownMeta};

/// How a format is recognised.
#[derive(Clone, Copy, Debug)]
pub enum Sniff {
    /// From the first bytes of the input (up to 64 KiB, after any gzip
    /// layer), before it is read whole.
    Bytes(fn(&[u8]) -> bool),
    /// From the decoded text of a whole document (its first 4 KiB) and
    /// its name.
    Text(fn(&Head<'_>) -> bool),
}

/// The start of a decoded document, as the text sniffs see it.
#[derive(Debug)]
pub struct Head<'a> {
    /// The first 4 KiB of text, without a byte-order mark or leading white
    /// space.
    pub text: &'a str,
    /// The same, in ASCII lower case.
    pub lower: String,
    /// The input's name, in ASCII lower case (a tie-breaker only).
    pub name: String,
}

/// A document parser: decoded text and its source name to cables.
pub type ParseFn = fn(&str, &str, &mut dyn FnMut(Result<Cable, DocProblem>));

/// How a recognised input is read.
#[derive(Clone, Copy, Debug)]
pub enum Reader {
    /// A wrapping (gzip): unpacked on the fly, and what it holds sniffed
    /// again ([`crate::read::open`]).
    Unwrap,
    /// A PDF or an image, read page by page from a file through Poppler
    /// and Tesseract ([`super::pdf::read_scan`]).
    Pages(ScanKind),
    /// The Cablegate dump: streamed row by row ([`table::rows`]), each row
    /// a [`table::DumpRow`].
    Rows,
    /// A whole document, decoded, parsed by the function.
    Document(Format, ParseFn),
}

/// One input format.
#[derive(Clone, Copy, Debug)]
pub struct InputFormat {
    /// Its name in documentation and messages.
    pub name: &'static str,
    /// How it is recognised.
    pub sniff: Sniff,
    /// How it is read.
    pub reader: Reader,
    /// Is it streamed (never held whole in memory)? A document is read
    /// whole, up to [`crate::read::MAX_DOCUMENT_BYTES`].
    pub streams: bool,
}

/// Every input format, in the order they are tried: the byte sniffs first
/// (a dump that also looks like HTML is a dump), then the text sniffs,
/// plain text last (it takes anything).
pub const FORMATS: &[InputFormat] = &[
    InputFormat {
        name: "gzip",
        sniff: Sniff::Bytes(is_gzip),
        reader: Reader::Unwrap,
        streams: true,
    },
    InputFormat {
        name: "PDF",
        sniff: Sniff::Bytes(|h| ScanKind::sniff(h) == Some(ScanKind::Pdf)),
        reader: Reader::Pages(ScanKind::Pdf),
        streams: true,
    },
    InputFormat {
        name: "PNG image",
        sniff: Sniff::Bytes(|h| ScanKind::sniff(h) == Some(ScanKind::Png)),
        reader: Reader::Pages(ScanKind::Png),
        streams: true,
    },
    InputFormat {
        name: "TIFF image",
        sniff: Sniff::Bytes(|h| ScanKind::sniff(h) == Some(ScanKind::Tiff)),
        reader: Reader::Pages(ScanKind::Tiff),
        streams: true,
    },
    InputFormat {
        name: "JPEG image",
        sniff: Sniff::Bytes(|h| ScanKind::sniff(h) == Some(ScanKind::Jpeg)),
        reader: Reader::Pages(ScanKind::Jpeg),
        streams: true,
    },
    InputFormat {
        name: "Cablegate CSV dump",
        sniff: Sniff::Bytes(is_dump),
        reader: Reader::Rows,
        streams: true,
    },
    InputFormat {
        name: "HTML",
        sniff: Sniff::Text(is_html),
        reader: Reader::Document(Format::Html, parse_html),
        streams: false,
    },
    InputFormat {
        name: "JSON Lines",
        sniff: Sniff::Text(|h| jsonl::looks_like_jsonl(h.text)),
        reader: Reader::Document(Format::JsonLines, jsonl::parse_jsonl),
        streams: false,
    },
    InputFormat {
        name: "HTML (by its name)",
        sniff: Sniff::Text(|h| {
            (h.name.ends_with(".html") || h.name.ends_with(".htm")) && h.lower.contains('<')
        }),
        reader: Reader::Document(Format::Html, parse_html),
        streams: false,
    },
    InputFormat {
        name: "text",
        sniff: Sniff::Text(|_| true),
        reader: Reader::Document(Format::Text, parse_text),
        streams: false,
    },
];

/// Is this the start of a gzip stream (its magic bytes)?
fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&[0x1f, 0x8b])
}

/// Do the first bytes look like the dump ([`table::looks_like_dump`])?
/// UTF-16 is decoded first; other bytes are read as UTF-8 (a stray byte
/// cannot make or break a row start).
fn is_dump(head: &[u8]) -> bool {
    if crate::decode::utf16_kind(head).is_some() {
        return table::looks_like_dump(&crate::decode::decode(head).0);
    }
    table::looks_like_dump(&String::from_utf8_lossy(head))
}

fn is_html(h: &Head<'_>) -> bool {
    let l = &h.lower;
    l.starts_with("<!doctype html")
        || l.starts_with("<html")
        || (l.starts_with("<?xml") && l.contains("<html"))
        || (l.contains("<pre") && l.contains("</"))
}

fn parse_html(text: &str, source: &str, emit: &mut dyn FnMut(Result<Cable, DocProblem>)) {
    emit(html::parse_html(text, source));
}

fn parse_text(text: &str, source: &str, emit: &mut dyn FnMut(Result<Cable, DocProblem>)) {
    let mut cable = text::parse_text(text, source, &KnownMeta::default());
    if let (Ok(c), Some(why)) = (&mut cable, super::many_records(text)) {
        c.warnings.push(format!(
            "read as one cable of text, but {why}; if it is a dump or JSON Lines, check its first lines"
        ));
    }
    emit(cable);
}

/// Is this the start of a wrapping to unpack (gzip)?
pub fn is_wrapped(head: &[u8]) -> bool {
    FORMATS
        .iter()
        .any(|f| matches!((f.sniff, f.reader), (Sniff::Bytes(s), Reader::Unwrap) if s(head)))
}

/// The format the first bytes of an (unwrapped) input show, when a byte
/// sniff knows it; `None`: a document, recognised by [`document`] once
/// decoded.
pub fn sniff_head(head: &[u8]) -> Option<&'static InputFormat> {
    FORMATS.iter().find(|f| match (f.sniff, f.reader) {
        (_, Reader::Unwrap) => false, // unwrapped already
        (Sniff::Bytes(s), _) => s(head),
        (Sniff::Text(_), _) => false,
    })
}

/// The format of a decoded document named `name` (never a byte-sniffed
/// one: those were recognised before the document was read): its
/// [`Format`] and parser.
pub fn document(text: &str, name: &str) -> (Format, ParseFn) {
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let trimmed = text[..end].trim_start_matches('\u{feff}').trim_start();
    let head = Head {
        text: trimmed,
        lower: trimmed.to_ascii_lowercase(),
        name: name.to_ascii_lowercase(),
    };
    FORMATS
        .iter()
        .find_map(|f| match (f.sniff, f.reader) {
            (Sniff::Text(s), Reader::Document(format, parse)) if s(&head) => Some((format, parse)),
            _ => None,
        })
        .unwrap_or((Format::Text, parse_text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_input_is_recognised_once() {
        let row = b"\"1\",\"12/28/1966 18:48\",\"66X1\",\"E\",\"U\",\"\",\"h\",\"c\"\n";
        assert!(is_wrapped(&[0x1f, 0x8b, 8]));
        assert!(matches!(
            sniff_head(b"%PDF-1.4\n").map(|f| f.reader),
            Some(Reader::Pages(ScanKind::Pdf))
        ));
        assert!(matches!(
            sniff_head(row).map(|f| f.reader),
            Some(Reader::Rows)
        ));
        // a UTF-16 dump is a dump too
        let utf16: Vec<u8> = String::from_utf8_lossy(row)
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(matches!(
            sniff_head(&utf16).map(|f| f.reader),
            Some(Reader::Rows)
        ));
        assert!(sniff_head(b"<html><pre>x</pre></html>").is_none());
        assert_eq!(document("<!DOCTYPE html><html>", "a").0, Format::Html);
        assert_eq!(document("{\"text\": \"x\"}\n", "a").0, Format::JsonLines);
        assert_eq!(document("<p>x", "a.HTM").0, Format::Html);
        assert_eq!(document("SUBJECT: X\n", "a.csv").0, Format::Text);
        // every row is reachable: a streamed row sniffs bytes
        for f in FORMATS {
            assert_eq!(
                f.streams,
                matches!(f.sniff, Sniff::Bytes(_)),
                "{}: streamed formats are the byte-sniffed ones",
                f.name
            );
        }
    }
}
