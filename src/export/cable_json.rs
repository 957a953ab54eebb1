//! `parse --json`: one cable as one line of JSON, the bytes
//! `serde_json::to_writer` writes for a [`Cable`], made faster.
//!
//! Almost all of a cable's JSON is its paragraphs' text, and serde_json
//! escapes a string a byte at a time (13% of the instructions of `parse
//! --json` on a dump). Here the paragraph text is escaped sixteen bytes at
//! a time with SSE2, eight at a time without it ([`escape_into`]); the
//! cable's other fields, short, still go
//! through serde_json one by one, so only the field names and their order
//! are written here. A unit test holds the result to serde_json's own on
//! cables with every field set.

use serde::Serialize;

use crate::cable::{Cable, Paragraph};

/// [`field`] for each binding, under its own name (so a field's name is
/// written once, in the destructuring of [`write_cable`]).
macro_rules! fields {
    ($out:ident; $($name:ident),+) => {
        $(field($out, stringify!($name), $name)?;)+
    };
}

/// Append the JSON of `cable` (no line end) to `out`: byte for byte what
/// `serde_json::to_writer(out, cable)` writes.
pub fn write_cable(out: &mut Vec<u8>, cable: &Cable) -> serde_json::Result<()> {
    let Cable {
        id,
        created,
        released,
        classification,
        origin,
        tags,
        subject,
        classified_by,
        signer,
        references: _,
        source,
        paragraphs,
        warnings: _,
        signers,
        classified_by_title,
        classification_reasons,
        cited,
        recipients,
        info,
        precedence,
        partial,
        person_tags,
        subject_tags,
        provenance,
    } = cable;
    out.extend_from_slice(b"{\"id\":");
    serde_json::to_writer(&mut *out, id)?;
    fields!(out; created, released, classification, origin, tags, subject, classified_by, signer, source);
    out.extend_from_slice(b",\"paragraphs\":[");
    for (k, p) in paragraphs.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        paragraph(out, p)?;
    }
    out.push(b']');
    fields!(out; signers, classified_by_title, classification_reasons);
    field(out, "references", cited)?;
    fields!(out; recipients, info, precedence, partial, person_tags, subject_tags);
    if let Some(p) = provenance {
        field(out, "provenance", p)?;
    }
    out.push(b'}');
    Ok(())
}

/// `,"name":value`: a field after the first.
fn field<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    name: &str,
    value: &T,
) -> serde_json::Result<()> {
    out.extend_from_slice(b",\"");
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"\":");
    serde_json::to_writer(&mut *out, value)
}

/// One paragraph, its text escaped here.
fn paragraph(out: &mut Vec<u8>, p: &Paragraph) -> serde_json::Result<()> {
    let Paragraph {
        number,
        classification,
        heading,
        text,
    } = p;
    out.extend_from_slice(b"{\"number\":");
    out.extend_from_slice(itoa::Buffer::new().format(*number).as_bytes());
    out.extend_from_slice(b",\"classification\":");
    serde_json::to_writer(&mut *out, classification)?;
    if let Some(h) = heading {
        out.extend_from_slice(b",\"heading\":");
        serde_json::to_writer(&mut *out, h)?;
    }
    out.extend_from_slice(b",\"text\":");
    escape_into(out, text);
    out.push(b'}');
    Ok(())
}

/// Where the first byte JSON escapes (`"`, `\\` or below 0x20) is in
/// sixteen bytes, if any: one SSE2 comparison of each kind (every x86-64
/// has SSE2), their bits gathered into one mask.
#[cfg(target_arch = "x86_64")]
#[inline]
fn first_escape_16(chunk: &[u8; 16]) -> Option<usize> {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };
    // SAFETY: SSE2 is part of every x86-64 target, so its intrinsics can be
    // called; the load reads the chunk's sixteen bytes, and
    // `_mm_loadu_si128` takes any alignment
    let mask = unsafe {
        let v = _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>());
        let quote = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
        let backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
        // below 0x20, unsigned: the byte is its own minimum with 0x1f
        let control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
        _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control))
    };
    (mask != 0).then(|| mask.trailing_zeros() as usize)
}

/// Where the first byte JSON escapes is in eight bytes (read as one
/// little-endian word), if any: the zero-byte test of each kind, whose
/// lowest flag is exact (a flag above it may be false: the test's borrow
/// runs upward).
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline]
fn first_escape_8(chunk: &[u8; 8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let w = u64::from_le_bytes(*chunk);
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    let q = w ^ (ONES * u64::from(b'"'));
    let quote = q.wrapping_sub(ONES) & !q & HIGH;
    let b = w ^ (ONES * u64::from(b'\\'));
    let backslash = b.wrapping_sub(ONES) & !b & HIGH;
    let mask = below_space | quote | backslash;
    (mask != 0).then(|| mask.trailing_zeros() as usize / 8)
}

/// Append the escape of byte `c` (one JSON escapes) to `out`.
fn push_escape(out: &mut Vec<u8>, c: u8) {
    let short: &[u8] = match c {
        b'"' => b"\\\"",
        b'\\' => b"\\\\",
        b'\n' => b"\\n",
        b'\r' => b"\\r",
        b'\t' => b"\\t",
        0x08 => b"\\b",
        0x0c => b"\\f",
        _ => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(c >> 4)]);
            out.push(HEX[usize::from(c & 0xf)]);
            return;
        }
    };
    out.extend_from_slice(short);
}

/// Append `s` as a JSON string, escaped as serde_json escapes it: `\"`,
/// `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other control characters as
/// `\u00XX` (lower-case hex); everything else (DEL and non-ASCII
/// included) as it is.
pub fn escape_into(out: &mut Vec<u8>, s: &str) {
    #[cfg(target_arch = "x86_64")]
    escape_with(out, s, first_escape_16);
    #[cfg(not(target_arch = "x86_64"))]
    escape_with(out, s, first_escape_8);
}

/// [`escape_into`], finding the next byte to escape `N` bytes at a time
/// with `first_escape`.
#[inline]
fn escape_with<const N: usize>(
    out: &mut Vec<u8>,
    s: &str,
    first_escape: impl Fn(&[u8; N]) -> Option<usize>,
) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0; // the first byte not yet copied
    let mut i = 0;
    // straight to the next byte to escape, N bytes at a time
    while let Some(chunk) = bytes.get(i..).and_then(<[u8]>::first_chunk::<N>) {
        let Some(k) = first_escape(chunk) else {
            i += N;
            continue;
        };
        let at = i + k;
        out.extend_from_slice(&bytes[start..at]);
        push_escape(out, bytes[at]);
        start = at + 1;
        i = at + 1;
    }
    // the last few bytes one at a time (read as one space-padded word
    // instead, escaping took a fifth more instructions on the dump)
    for (k, &c) in bytes.iter().enumerate().skip(i) {
        if c == b'"' || c == b'\\' || c < 0x20 {
            out.extend_from_slice(&bytes[start..k]);
            push_escape(out, c);
            start = k + 1;
        }
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cable::header::Reference;
    use crate::cable::{Provenance, TextFrom};

    fn json(c: &Cable) -> String {
        let mut out = Vec::new();
        write_cable(&mut out, c).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_character_escapes_as_serde_json_escapes_it() {
        let all: String = (0u32..0x2100).filter_map(char::from_u32).collect();
        for s in [
            all.as_str(),
            "",
            "a",
            "\"",
            "plain text, longer than a word",
            "1234567\n",
        ] {
            let mut out = Vec::new();
            escape_into(&mut out, s);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(s).unwrap()
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_escapes_as_serde_json_escapes_it(s in "[a\"\\\\\n\t\u{1}\u{1f} é¶—\u{7f}]{0,40}") {
            let mut out = Vec::new();
            escape_into(&mut out, &s);
            proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&s).unwrap());
            // the eight-byte finder too (the one without SSE2)
            let mut by_eight = Vec::new();
            escape_with(&mut by_eight, &s, first_escape_8);
            proptest::prop_assert_eq!(String::from_utf8(by_eight).unwrap(), serde_json::to_string(&s).unwrap());
        }
    }

    #[test]
    fn each_finder_finds_the_first_byte_to_escape_at_every_place() {
        let escapes = |b: u8| b == b'"' || b == b'\\' || b < 0x20;
        for b in 0..=255u8 {
            for at in 0..16 {
                let mut chunk = [b'a'; 16];
                chunk[at] = b;
                // a byte to escape after it never hides it
                if at < 15 {
                    chunk[15] = b'"';
                }
                let want = if escapes(b) {
                    Some(at)
                } else {
                    (at < 15).then_some(15)
                };
                #[cfg(target_arch = "x86_64")]
                assert_eq!(first_escape_16(&chunk), want, "byte {b:#04x} at {at}");
                let eight = chunk.first_chunk::<8>().unwrap();
                let want8 = if at < 8 && escapes(b) { Some(at) } else { None };
                assert_eq!(first_escape_8(eight), want8, "byte {b:#04x} at {at}");
            }
        }
    }

    #[test]
    fn a_cable_with_every_field_set_is_serde_jsons_bytes() {
        let p = |n: u32, heading: Option<&str>, text: &str| Paragraph {
            number: n,
            classification: (n % 2 == 0).then(|| "C".to_string()),
            heading: heading.map(str::to_string),
            text: text.to_string(),
        };
        let full = Cable {
            id: "09MEXICO283".into(),
            created: Some("2009-01-23 18:11".into()),
            released: Some("2011-02-01 00:00".into()),
            classification: Some("CONFIDENTIAL".into()),
            origin: Some("Embassy Mexico".into()),
            tags: vec!["PGOV".into(), "SNAR".into()],
            subject: Some("PGR \"and\" SSP\\SEDENA".into()),
            classified_by: Some("Charge d'Affaires".into()),
            signer: Some("FEELEY".into()),
            references: vec!["08MEXICO1".into()],
            source: "seed.txt".into(),
            paragraphs: vec![
                p(
                    1,
                    Some("Summary"),
                    "PGR and SSP.\n\tSecond line — Calderón ¶ \u{1}\u{7f}",
                ),
                p(2, None, ""),
                p(14, None, "x"),
            ],
            warnings: vec!["not written".into()],
            signers: vec!["FEELEY".into(), "PASCUAL".into()],
            classified_by_title: Some("POLCOUNS".into()),
            classification_reasons: Some("1.4(b) and (d)".into()),
            cited: vec![Reference {
                letter: Some("A".into()),
                id: Some("07MOSCOW3054".into()),
                text: "07 MOSCOW 3054".into(),
                kind: "cable".into(),
            }],
            recipients: vec!["SECSTATE WASHDC".into()],
            info: vec!["DEA HQS".into()],
            precedence: Some("IMMEDIATE".into()),
            partial: true,
            person_tags: vec!["STEINBERG JAMES".into()],
            subject_tags: vec!["ITALY NATIONAL ELECTIONS".into()],
            provenance: Some(Provenance {
                pages: "1-7".into(),
                text_from: TextFrom::Mixed,
                paragraph_pages: vec![1, 1, 3],
            }),
        };
        assert_eq!(json(&full), serde_json::to_string(&full).unwrap());
        let empty = Cable::default();
        assert_eq!(json(&empty), serde_json::to_string(&empty).unwrap());
    }
}
