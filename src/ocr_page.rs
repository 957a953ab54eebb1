//! A scanned PDF page made ready for Tesseract, and Tesseract's words made
//! back into lines of cable text.
//!
//! A photocopied page scanned at 150 dpi defeated the plain route (render at
//! 300 dpi, Tesseract's own page segmentation): its specks split the page
//! into false columns, whole header blocks were dropped, and the paragraph
//! marks came out as `$3.`, `ga.` or `ii}`. The route now is:
//!
//! 1. the page is rendered at [`crate::ocr::RENDER_DPI`] (450 dpi: the
//!    x-height of a 10-point typewriter face is then about 27 pixels, where
//!    Tesseract reads best, whatever the scan's own resolution);
//! 2. a 5 × 5 median filter ([`median5`]) removes the specks a photocopier
//!    and a low-resolution scan leave, which are smaller than a stroke;
//! 3. Tesseract reads the page as one block of text (`--psm 6`: no column
//!    guessing) and gives every word with its box and confidence (TSV);
//! 4. [`lines_from_tsv`] rebuilds the lines and drops the margin noise psm 6
//!    reads as words: a run of low-confidence words, none of them a real
//!    word (three letters or digits read with confidence 60 or more), set
//!    apart from the line's text by a wide gap, words of no letter or digit at either end of a
//!    line, and lines with no real word at all.
//!
//! Measured on the five corpus PDFs scanned with `scripts/make_scans.sh`
//! (README, "PDFs and scans").

/// A grey image, one byte per pixel, rows top to bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Gray {
    /// Width in pixels.
    pub(crate) width: usize,
    /// Height in pixels.
    pub(crate) height: usize,
    /// `width × height` bytes, 0 black to 255 white.
    pub(crate) pixels: Vec<u8>,
}

impl Gray {
    /// Read a binary PGM (`P5`, 8 bits, as `pdftoppm -gray` writes it).
    pub(crate) fn from_pgm(bytes: &[u8]) -> Result<Gray, String> {
        let bad = |what: &str| format!("cannot read the rendered page: {what}");
        let mut fields = Vec::with_capacity(4);
        let mut i = 0;
        while fields.len() < 4 {
            // skip white space and comments
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'#') {
                if bytes[i] == b'#' {
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                } else {
                    i += 1;
                }
            }
            let start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if start == i {
                return Err(bad("header cut short"));
            }
            fields.push(&bytes[start..i]);
        }
        if fields[0] != b"P5" {
            return Err(bad("not a binary PGM"));
        }
        let num = |f: &[u8]| -> Result<usize, String> {
            std::str::from_utf8(f)
                .ok()
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| bad("bad header number"))
        };
        let (width, height, max) = (num(fields[1])?, num(fields[2])?, num(fields[3])?);
        if max != 255 {
            return Err(bad("not 8 bits per pixel"));
        }
        // one white-space byte ends the header
        let data = bytes.get(i + 1..).unwrap_or_default();
        let n = width.checked_mul(height).ok_or_else(|| bad("too large"))?;
        if data.len() < n {
            return Err(bad("pixels cut short"));
        }
        Ok(Gray {
            width,
            height,
            pixels: data[..n].to_vec(),
        })
    }

    /// The image as a binary PGM.
    pub(crate) fn to_pgm(&self) -> Vec<u8> {
        let mut out = format!("P5\n{} {}\n255\n", self.width, self.height).into_bytes();
        out.extend_from_slice(&self.pixels);
        out
    }
}

/// The 5 × 5 median of every pixel (the border repeats the edge pixels).
/// A speck smaller than about 3 × 3 pixels goes; a stroke 4 or more pixels
/// wide, as every stroke is at 450 dpi, stays.
pub(crate) fn median5(img: &Gray) -> Gray {
    let (w, h) = (img.width, img.height);
    let mut out = vec![0u8; img.pixels.len()];
    if w == 0 || h == 0 {
        return img.clone();
    }
    let at = |x: isize, y: isize| -> u8 {
        let x = x.clamp(0, w as isize - 1) as usize;
        let y = y.clamp(0, h as isize - 1) as usize;
        img.pixels[y * w + x]
    };
    let mut win = [0u8; 25];
    for y in 0..h {
        for x in 0..w {
            let (xi, yi) = (x as isize, y as isize);
            let mut k = 0;
            let mut all_white = true;
            for dy in -2..=2 {
                for dx in -2..=2 {
                    let v = at(xi + dx, yi + dy);
                    all_white &= v == 255;
                    win[k] = v;
                    k += 1;
                }
            }
            out[y * w + x] = if all_white {
                255
            } else {
                *win.select_nth_unstable(12).1
            };
        }
    }
    Gray {
        width: w,
        height: h,
        pixels: out,
    }
}

/// One word of Tesseract's TSV: its box's left edge and width, its
/// confidence (0–100) and its text.
#[derive(Debug, Clone, PartialEq)]
struct Word<'a> {
    left: i64,
    width: i64,
    conf: f64,
    text: &'a str,
}

fn has_alnum(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

/// A word the page surely holds: three letters or digits, read with some
/// confidence.
fn real(w: &Word) -> bool {
    (w.conf >= 60.0 && w.text.chars().filter(|c| c.is_alphanumeric()).count() >= 3)
        || header_word(w.text)
}

/// A word of the cable's header lines that noise does not make, whatever
/// Tesseract's confidence in it: a classification word, `SIPDIS`, `NOFORN`
/// or a date-time group's `101731Z` (or `1017312`, the `Z` read as a 2), also with specks before it (a noisy header line is read with
/// confidence near 0, and the id, the date and the classification are on
/// it).
fn header_word(text: &str) -> bool {
    let t = text.trim_matches(|c: char| !c.is_alphanumeric());
    let b = t.as_bytes();
    matches!(
        t,
        "CONFIDENTIAL" | "SECRET" | "UNCLASSIFIED" | "UNCLAS" | "NOFORN" | "SIPDIS" | "SECTION"
    ) || (b.len() >= 7
        && b[b.len() - 7..b.len() - 1].iter().all(u8::is_ascii_digit)
        && matches!(b[b.len() - 1], b'Z' | b'z' | b'2'))
}

/// A classification marking as one word: `(C)`, `(SBU)`, `(S/NF)`
/// ([`crate::cable::markers::is_marking`] inside the parentheses).
fn is_marking_word(text: &str) -> bool {
    text.strip_prefix(['(', '{'])
        .and_then(|t| t.strip_suffix(')'))
        .is_some_and(|inner| !inner.contains(' ') && crate::cable::markers::is_marking(inner))
}

/// Below this confidence a word set apart by a wide gap is margin noise.
const NOISE_CONF: f64 = 80.0;
/// A gap of this many character widths sets words apart.
const WIDE_GAP_CHARS: f64 = 3.0;

/// The text of Tesseract's TSV output (`tesseract IMAGE stdout --psm 6 tsv`):
/// the words of each line joined by one space, a blank line where Tesseract
/// starts a new paragraph, margin noise dropped (see the module docs).
pub(crate) fn lines_from_tsv(tsv: &str) -> String {
    // (block, paragraph, line) -> words, in reading order
    let mut lines: Vec<((u32, u32, u32), Vec<Word>)> = Vec::new();
    for row in tsv.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        if f.len() < 12 || f[0] != "5" || f[11].trim().is_empty() {
            continue;
        }
        let n = |s: &str| s.trim().parse::<u32>().unwrap_or(0);
        let key = (n(f[2]), n(f[3]), n(f[4]));
        let word = Word {
            left: f[6].trim().parse().unwrap_or(0),
            width: f[8].trim().parse().unwrap_or(0),
            conf: f[10].trim().parse().unwrap_or(0.0),
            text: f[11],
        };
        match lines.last_mut() {
            Some((k, ws)) if *k == key => ws.push(word),
            _ => lines.push((key, vec![word])),
        }
    }
    let mut out = String::new();
    let mut last_par = None;
    for (key, words) in &lines {
        let kept = clean_line(words);
        if kept.is_empty() {
            continue;
        }
        if last_par.is_some_and(|p| p != (key.0, key.1)) {
            out.push('\n');
        }
        last_par = Some((key.0, key.1));
        out.push_str(&kept.join(" "));
        out.push('\n');
    }
    out
}

/// The words of one line that are text, not margin noise.
fn clean_line<'a>(words: &[Word<'a>]) -> Vec<&'a str> {
    // the line's character width, from its surely-read words
    let mut widths: Vec<f64> = words
        .iter()
        .filter(|w| real(w))
        .map(|w| w.width as f64 / w.text.chars().count() as f64)
        .collect();
    widths.sort_by(f64::total_cmp);
    let char_w = widths.get(widths.len() / 2).copied().unwrap_or(20.0);
    let gap = |a: &Word, b: &Word| (b.left - (a.left + a.width)) as f64;
    let wide = WIDE_GAP_CHARS * char_w;
    let noise = |ws: &[Word]| ws.iter().all(|w| w.conf < NOISE_CONF && !real(w));

    let mut ws: &[Word] = words;
    // a trailing run of noise after a wide gap
    if let Some(i) = (1..ws.len()).find(|&i| gap(&ws[i - 1], &ws[i]) >= wide && noise(&ws[i..])) {
        ws = &ws[..i];
    }
    // words of no letter or digit at either end
    while ws.last().is_some_and(|w| !has_alnum(w.text)) {
        ws = &ws[..ws.len() - 1];
    }
    while ws.first().is_some_and(|w| !has_alnum(w.text)) {
        ws = &ws[1..];
    }
    // a leading run of noise before a wide gap, unless it ends with a
    // paragraph's marking (`G2... (C)   Postl said`: a printout that
    // spaces its marker from the text)
    if let Some(i) = (1..ws.len()).find(|&i| {
        gap(&ws[i - 1], &ws[i]) >= wide && noise(&ws[..i]) && !is_marking_word(ws[i - 1].text)
    }) {
        ws = &ws[i..];
    }
    if !ws.iter().any(real) {
        return Vec::new();
    }
    ws.iter().map(|w| w.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pgm_round_trips() {
        let g = Gray {
            width: 3,
            height: 2,
            pixels: vec![0, 1, 2, 253, 254, 255],
        };
        assert_eq!(Gray::from_pgm(&g.to_pgm()).unwrap(), g);
        // pdftoppm's header, with a comment
        let mut b = b"P5\n# made by pdftoppm\n3 2\n255\n".to_vec();
        b.extend_from_slice(&g.pixels);
        assert_eq!(Gray::from_pgm(&b).unwrap(), g);
        assert!(Gray::from_pgm(b"P6\n1 1\n255\n\0\0\0").is_err());
        assert!(Gray::from_pgm(b"P5\n4 4\n255\n\0").is_err());
        assert!(Gray::from_pgm(b"P5\n4").is_err());
    }

    #[test]
    fn the_median_removes_specks_and_keeps_strokes() {
        let (w, h) = (20, 20);
        let mut px = vec![255u8; w * h];
        // a 2 x 2 speck at (3, 3)
        for (x, y) in [(3, 3), (4, 3), (3, 4), (4, 4)] {
            px[y * w + x] = 0;
        }
        // a vertical stroke 4 pixels wide at x = 12..16, y = 2..18
        for y in 2..18 {
            for x in 12..16 {
                px[y * w + x] = 0;
            }
        }
        let out = median5(&Gray {
            width: w,
            height: h,
            pixels: px,
        });
        assert_eq!(out.pixels[3 * w + 3], 255, "the speck goes");
        assert_eq!(out.pixels[4 * w + 4], 255, "the speck goes");
        assert_eq!(out.pixels[10 * w + 13], 0, "the stroke stays");
        assert_eq!(out.pixels[10 * w + 14], 0, "the stroke stays");
    }

    fn tsv(rows: &[(u32, u32, u32, i64, i64, f64, &str)]) -> String {
        let mut s = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n".to_string();
        // a line row, which is not a word and is skipped
        s.push_str("4\t1\t1\t1\t1\t0\t10\t10\t500\t30\t-1\t\n");
        for (b, p, l, left, width, conf, text) in rows {
            s.push_str(&format!(
                "5\t1\t{b}\t{p}\t{l}\t1\t{left}\t10\t{width}\t30\t{conf}\t{text}\n"
            ));
        }
        s
    }

    #[test]
    fn margin_noise_is_dropped_and_text_kept() {
        // characters 20 px wide
        let t = tsv(&[
            // a header line, then specks far to the right
            (1, 1, 1, 100, 80, 93.0, "TAGS:"),
            (1, 1, 1, 200, 80, 92.0, "PTER"),
            (1, 1, 1, 300, 40, 97.0, "TU"),
            (1, 1, 1, 900, 20, 23.0, "a"),
            (1, 1, 1, 1000, 20, 70.0, "3"),
            // a paragraph whose marker has a stray bar before it
            (1, 1, 2, 60, 20, 74.0, "|"),
            (1, 1, 2, 100, 60, 58.0, "47."),
            (1, 1, 2, 180, 60, 85.0, "(C)"),
            (1, 1, 2, 260, 180, 96.0, "ACCORDING"),
            // a line of specks only
            (1, 1, 3, 100, 20, 37.0, "|"),
            (1, 1, 3, 200, 60, 23.0, "aE."),
            (1, 1, 3, 300, 20, 63.0, "7"),
            // a new paragraph
            (1, 2, 1, 100, 180, 96.0, "SUBJECT:"),
            (1, 2, 1, 300, 140, 96.0, "TURKEY"),
        ]);
        assert_eq!(
            lines_from_tsv(&t),
            "TAGS: PTER TU\n47. (C) ACCORDING\n\nSUBJECT: TURKEY\n"
        );
    }

    #[test]
    fn a_letter_spaced_classification_is_kept() {
        // `C O N F I D E N T I A L  DAMASCUS 002976`: the spaced word is
        // read with less confidence, and a wide gap follows it
        let t = tsv(&[
            (1, 1, 1, 226, 784, 71.6, "CONFIDENTIAL"),
            (1, 1, 1, 1126, 292, 96.2, "DAMASCUS"),
            (1, 1, 1, 1465, 213, 96.1, "002976"),
        ]);
        assert_eq!(lines_from_tsv(&t), "CONFIDENTIAL DAMASCUS 002976\n");
    }

    #[test]
    fn a_header_line_read_with_no_confidence_is_kept() {
        // a noisy scan's classification and date-time group lines, read
        // with confidence near 0: without them the id and date are lost
        let t = tsv(&[
            (1, 1, 1, 72, 540, 30.0, "CONFIDENTIAL"),
            (1, 1, 1, 640, 270, 12.0, "BERLIN"),
            (1, 1, 1, 950, 300, 0.0, "001387."),
            (1, 1, 2, 100, 330, 0.0, "9.101731Z"),
            (1, 1, 2, 460, 140, 54.0, "OcT"),
            (1, 1, 2, 620, 90, 20.0, "08)"),
            // specks of no header word stay out
            (1, 1, 3, 100, 90, 20.0, "ae"),
            (1, 1, 3, 200, 160, 30.0, "dgelim"),
            // the group's Z read as a 2
            (1, 1, 4, 100, 30, 92.0, "P"),
            (1, 1, 4, 150, 250, 8.6, "2115092"),
            (1, 1, 4, 420, 110, 35.0, "OCT"),
            (1, 1, 4, 560, 60, 95.0, "09"),
        ]);
        assert_eq!(
            lines_from_tsv(&t),
            "CONFIDENTIAL BERLIN 001387.\n9.101731Z OcT 08)\nP 2115092 OCT 09\n"
        );
    }

    #[test]
    fn a_marker_spaced_from_its_text_is_kept() {
        // `¶2.  (C)   Postl said`: a marker read with no confidence, its
        // marking with little, each set apart by a wide gap (36 px
        // letters); specks before a wide gap still go
        let (marker, marking) = (
            (1, 1, 1, 502, 95, 0.0, "G2..."),
            (1, 1, 1, 702, 79, 54.0, "(C)"),
        );
        let (speck, postl) = (
            (1, 1, 2, 300, 40, 20.0, "ae"),
            (1, 1, 2, 500, 178, 90.9, "Postl"),
        );
        let t = tsv(&[
            marker,
            marking,
            (1, 1, 1, 913, 178, 90.9, "Postl"),
            speck,
            postl,
        ]);
        assert_eq!(lines_from_tsv(&t), "G2... (C) Postl\nPostl\n");
    }

    #[test]
    fn a_confident_word_after_a_gap_is_kept() {
        // indented figures in a table row are text, not noise
        let t = tsv(&[
            (1, 1, 1, 100, 160, 95.0, "EXPORTS"),
            (1, 1, 1, 600, 80, 91.0, "1999"),
            (1, 1, 1, 900, 60, 90.0, "412"),
        ]);
        assert_eq!(lines_from_tsv(&t), "EXPORTS 1999 412\n");
    }
}
