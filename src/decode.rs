//! Stage 2, decode: raw bytes to text.
//!
//! Cables come as UTF-8 (WikiLeaks pages, most text) or as Windows-1252 /
//! Latin-1 (the Cablegate dump writes `¶` as byte 0xB6, and Windows
//! apostrophes as 0x92). A document is decoded as UTF-8 when it is valid
//! UTF-8, and as Windows-1252 otherwise — never rejected for its encoding.
//! Windows-1252 is a superset of the printable Latin-1 range, so a Latin-1
//! file comes out right too, and a 0x92 apostrophe becomes `’`, not a
//! replacement character. A UTF-8 byte-order mark is dropped and CRLF/CR
//! line ends become LF, so later stages see one kind of text.

use std::borrow::Cow;

/// The encoding a document was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// Valid UTF-8.
    Utf8,
    /// Anything else, read as Windows-1252.
    Windows1252,
    /// UTF-8 with this many stray bytes that are not UTF-8: each was read
    /// as the Windows-1252 character it stands for, and the rest of the
    /// text as UTF-8 (a stray byte costs one character, not the file's
    /// accents).
    Mixed(usize),
    /// UTF-16 (little- or big-endian, with or without a byte-order mark).
    Utf16,
}

/// Is this UTF-16 text? True with a UTF-16 byte-order mark, or when the
/// first 8 KiB look like UTF-16 of mostly-ASCII text: NUL in at least
/// 40% of the odd (little-endian) or even (big-endian) positions and
/// almost never in the others.
pub fn utf16_kind(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.starts_with(b"\xFF\xFE") {
        return Some(encoding_rs::UTF_16LE);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some(encoding_rs::UTF_16BE);
    }
    let head = &bytes[..bytes.len().min(8192) & !1];
    // no NUL at all (every Windows-1252 dump cell): not UTF-16, at once
    if head.len() < 8 || memchr::memchr(0, head).is_none() {
        return None;
    }
    let pairs = head.len() / 2;
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd * 10 >= pairs * 4 && even * 20 <= pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= pairs * 4 && odd * 20 <= pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// What a file that is not text at all is, when it can tell: the known
/// magic numbers of images, PDF, archives, executables and office files,
/// else `binary data` when its first 8 KiB hold NUL bytes (more than 1%)
/// or control characters (more than 10%).
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "PNG image"),
        (
            b"%PDF",
            "PDF document; convert it to text first, e.g. with pdftotext",
        ),
        (b"GIF8", "GIF image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"II*\0", "TIFF image"),
        (b"MM\0*", "TIFF image"),
        (b"PK\x03\x04", "ZIP archive or office document"),
        (b"\xD0\xCF\x11\xE0", "old Microsoft Office document"),
        (b"\x7FELF", "executable"),
        (b"Rar!", "RAR archive"),
        (b"7z\xBC\xAF", "7-Zip archive"),
        (b"BZh", "bzip2 archive"),
        (b"\xFD7zXZ", "xz archive"),
        (b"\x28\xB5\x2F\xFD", "zstd archive"),
    ];
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(what);
        }
    }
    if utf16_kind(bytes).is_some() {
        return None; // text, decoded as UTF-16
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() {
        return None;
    }
    let nul = head.iter().filter(|&&b| b == 0).count();
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0x1b))
        .count();
    // small files need more than a stray byte or two to count as binary
    let base = head.len().max(4096);
    (nul * 100 > base || control * 10 > base).then_some("binary data")
}

/// The longest line a text document may have. Cable lines are short; a
/// longer one means the file is not cable text (or is one huge line), and
/// it is refused rather than read as one giant paragraph.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

/// The first line longer than [`MAX_LINE_BYTES`]: (line number, length).
pub fn overlong_line(text: &str) -> Option<(usize, usize)> {
    let mut start = 0;
    for (n, end) in text
        .match_indices('\n')
        .map(|(i, _)| i)
        .chain([text.len()])
        .enumerate()
    {
        if end - start > MAX_LINE_BYTES {
            return Some((n + 1, end - start));
        }
        start = end + 1;
    }
    None
}

/// Decode bytes to text with LF line ends.
///
/// Valid UTF-8 is read as UTF-8; UTF-16 (see [`utf16_kind`]) as UTF-16;
/// text with no valid multi-byte UTF-8 sequence at all as Windows-1252;
/// and UTF-8 with a few stray bytes ([`Encoding::Mixed`]) as UTF-8, each
/// stray byte read as its Windows-1252 character.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (text, enc): (Cow<'_, str>, Encoding) = match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), Encoding::Utf8),
        Err(e) => {
            let (s, e) = decode_not_utf8(bytes, e.valid_up_to());
            (Cow::Owned(s), e)
        }
    };
    let text = if has_cr_or_nul(text.as_bytes()) {
        normalize_newlines(&text)
    } else {
        // no copy when Windows-1252 decoding already made a new string
        text.into_owned()
    };
    (text, enc)
}

/// Decode bytes the caller owns: as [`decode`], without a copy when the
/// bytes are already UTF-8 with LF line ends (most of a corpus).
pub fn decode_owned(bytes: Vec<u8>) -> (String, Encoding) {
    if bytes.starts_with(b"\xEF\xBB\xBF") || has_cr_or_nul(&bytes) {
        return decode(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(s) => (s, Encoding::Utf8),
        Err(e) => {
            // not UTF-8 (and no BOM): as `decode` would
            decode_not_utf8(e.as_bytes(), e.utf8_error().valid_up_to())
        }
    }
}

/// Bytes that are not valid UTF-8: UTF-16, Windows-1252, or UTF-8 with
/// stray bytes. The first `valid_prefix` bytes were found valid UTF-8 by
/// the caller's own check (`Utf8Error::valid_up_to`).
fn decode_not_utf8(bytes: &[u8], valid_prefix: usize) -> (String, Encoding) {
    if let Some(enc) = utf16_kind(bytes) {
        let (text, _, _) = enc.decode(bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
        return (text, Encoding::Utf16);
    }
    // one pass: runs of ASCII found sixty-four bytes at a time
    // (`byte_classes::ascii_len`) and copied whole; at each other byte,
    // one character: valid UTF-8, or a stray sequence whose bytes are read
    // as Windows-1252 (where `from_utf8` would stop, and as long as it says
    // the bad sequence is)
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut stray = 0usize;
    let valid_prefix = valid_prefix.min(bytes.len());
    let prefix = &bytes[..valid_prefix];
    debug_assert!(std::str::from_utf8(prefix).is_ok());
    // SAFETY: the caller's `from_utf8` found `bytes[..valid_prefix]` valid
    // UTF-8 (it ends where that check's error began, a character boundary)
    out.push_str(unsafe { std::str::from_utf8_unchecked(prefix) });
    let mut multibyte = !prefix.is_ascii();
    let mut i = valid_prefix;
    while i < bytes.len() {
        let end = i + crate::byte_classes::ascii_len(&bytes[i..]);
        // SAFETY: ASCII bytes are valid UTF-8
        out.push_str(unsafe { std::str::from_utf8_unchecked(&bytes[i..end]) });
        i = end;
        if i == bytes.len() {
            break;
        }
        // (a character is at most four bytes: the window holds it whole,
        // and `from_utf8` judges its first bytes as it would in place)
        let window = &bytes[i..(i + 4).min(bytes.len())];
        let first = match std::str::from_utf8(window) {
            Ok(s) => s.chars().next(),
            Err(e) if e.valid_up_to() > 0 => {
                // SAFETY: `from_utf8` found `window[..valid_up_to]` valid
                let s = unsafe { std::str::from_utf8_unchecked(&window[..e.valid_up_to()]) };
                s.chars().next()
            }
            Err(e) => {
                let bad = e.error_len().unwrap_or(window.len());
                for &b in &window[..bad] {
                    stray += 1;
                    out.push(windows_1252_char(b));
                }
                i += bad;
                continue;
            }
        };
        let c = first.expect("a valid window holds a character");
        multibyte = true;
        out.push(c);
        i += c.len_utf8();
    }
    if multibyte {
        (out, Encoding::Mixed(stray))
    } else {
        // no UTF-8 sequence at all: a Windows-1252 / Latin-1 file, which
        // the loop above decoded byte by byte already
        (out, Encoding::Windows1252)
    }
}

/// The Windows-1252 character of one byte (bytes it leaves undefined are
/// read as the C1 control of the same number, as `encoding_rs` does).
fn windows_1252_char(b: u8) -> char {
    static HIGH: std::sync::LazyLock<[char; 128]> = std::sync::LazyLock::new(|| {
        std::array::from_fn(|i| {
            let buf = [0x80 + i as u8];
            let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&buf);
            s.chars().next().unwrap_or('\u{FFFD}')
        })
    });
    if b < 0x80 {
        b as char
    } else {
        HIGH[(b - 0x80) as usize]
    }
}

#[inline]
fn has_cr_or_nul(b: &[u8]) -> bool {
    memchr::memchr2(b'\r', 0, b).is_some()
}

/// Turn CRLF and lone CR into LF; drop NUL bytes.
pub fn normalize_newlines(s: &str) -> String {
    if !has_cr_or_nul(s.as_bytes()) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\0' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_files_are_recognised() {
        assert_eq!(binary_kind(b"\x89PNG\r\n\x1a\n\0\0"), Some("PNG image"));
        assert!(binary_kind(b"%PDF-1.4\n")
            .unwrap()
            .starts_with("PDF document"));
        assert_eq!(binary_kind(&[0u8; 5000]), Some("binary data"));
        assert_eq!(binary_kind(b"SUBJECT: X\n\n1. (C) A stray \0 NUL.\n"), None);
        assert_eq!(binary_kind("¶1. (C) Calderón".as_bytes()), None);
        assert_eq!(binary_kind(b""), None);
    }

    #[test]
    fn overlong_lines() {
        assert_eq!(overlong_line("short\nlines\n"), None);
        let long = format!("a\n{}\nb", "x".repeat(MAX_LINE_BYTES + 1));
        assert_eq!(overlong_line(&long), Some((2, MAX_LINE_BYTES + 1)));
    }

    /// `decode` as it was before each byte was checked once: every valid
    /// run through `utf8_chunks`, every stray byte as Windows-1252.
    fn decode_by_chunks(bytes: &[u8]) -> (String, Encoding) {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if let Ok(s) = std::str::from_utf8(bytes) {
            return (normalize_newlines(s), Encoding::Utf8);
        }
        if utf16_kind(bytes).is_some() {
            return decode(bytes);
        }
        let (mut out, mut stray, mut multibyte) = (String::new(), 0, false);
        for chunk in bytes.utf8_chunks() {
            multibyte |= !chunk.valid().is_ascii();
            out.push_str(chunk.valid());
            for &b in chunk.invalid() {
                stray += 1;
                out.push(windows_1252_char(b));
            }
        }
        let enc = if multibyte {
            Encoding::Mixed(stray)
        } else {
            Encoding::Windows1252
        };
        (normalize_newlines(&out), enc)
    }

    proptest::proptest! {
        #[test]
        fn stray_bytes_decode_as_by_chunks(parts in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::strategy::Just(b"PGR and SSP ".to_vec()),
                proptest::strategy::Just("Calder\u{f3}n \u{b6}2. ".as_bytes().to_vec()),
                proptest::strategy::Just(b"\xe9\x92\xb6".to_vec()),
                proptest::strategy::Just(b"\xc3".to_vec()),
                proptest::strategy::Just(b"\xa9\x80".to_vec()),
                proptest::strategy::Just(b"\xf0\x9f\x98".to_vec()),
                proptest::strategy::Just(b"\r\n".to_vec()),
                proptest::strategy::Just(b"\0".to_vec()),
            ],
            0..24,
        )) {
            let bytes = parts.concat();
            let want = decode_by_chunks(&bytes);
            proptest::prop_assert_eq!(&decode(&bytes), &want);
            proptest::prop_assert_eq!(&decode_owned(bytes), &want);
        }
    }

    #[test]
    fn utf8_passes_through() {
        let (t, e) = decode("Calderón ¶1.".as_bytes());
        assert_eq!(t, "Calderón ¶1.");
        assert_eq!(e, Encoding::Utf8);
    }

    #[test]
    fn windows_1252_pilcrow_apostrophe_and_crlf() {
        let (t, e) = decode(b"\xB61. (C) Mexico\x92s Calder\xF3n\r\nnext\r\n");
        assert_eq!(t, "¶1. (C) Mexico’s Calderón\nnext\n");
        assert_eq!(e, Encoding::Windows1252);
        assert!(!t.contains('\u{FFFD}'));
    }

    #[test]
    fn owned_decoding_agrees() {
        for b in [
            &b"plain\ntext"[..],
            b"\xEF\xBB\xBFbom",
            b"cr\r\nlf",
            b"latin \xB6 \x92",
            b"nul\0",
        ] {
            assert_eq!(decode_owned(b.to_vec()), decode(b), "{b:?}");
        }
    }

    #[test]
    fn a_stray_byte_costs_one_character_not_the_accents() {
        let (t, e) = decode("Calderón met Pérez \x00".as_bytes());
        assert_eq!(e, Encoding::Utf8);
        assert!(t.contains("Calderón"));
        let mut b = "Calderón met Pérez; ".as_bytes().to_vec();
        b.push(0x92); // a stray Windows apostrophe
        b.extend_from_slice("s office in Querétaro".as_bytes());
        let (t, e) = decode(&b);
        assert_eq!(e, Encoding::Mixed(1));
        assert_eq!(t, "Calderón met Pérez; ’s office in Querétaro");
        assert_eq!(decode_owned(b).0, t);
    }

    #[test]
    fn utf16_is_text() {
        let text = "SUBJECT: Calderón\n\n1. (C) Text.\n";
        for (enc, bom) in [
            (encoding_rs::UTF_16LE, &b"\xFF\xFE"[..]),
            (encoding_rs::UTF_16BE, b"\xFE\xFF"),
        ] {
            let mut with_bom = bom.to_vec();
            let body: Vec<u8> = text
                .encode_utf16()
                .flat_map(|u| {
                    if enc == encoding_rs::UTF_16LE {
                        u.to_le_bytes()
                    } else {
                        u.to_be_bytes()
                    }
                })
                .collect();
            with_bom.extend_from_slice(&body);
            for bytes in [with_bom.clone(), body.clone()] {
                assert_eq!(binary_kind(&bytes), None);
                let (t, e) = decode(&bytes);
                assert_eq!((t.as_str(), e), (text, Encoding::Utf16));
            }
        }
    }

    #[test]
    fn bom_and_lone_cr() {
        let (t, _) = decode(b"\xEF\xBB\xBFa\rb");
        assert_eq!(t, "a\nb");
    }
}
