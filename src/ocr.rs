//! The external programs behind PDFs and scans: Poppler's `pdftotext`
//! (a page's text layer, line layout kept) and `pdftoppm` (a page rendered
//! to an image), and Tesseract's `tesseract` (an image's text).
//!
//! They are run as commands, not linked, so the binary starts and reads
//! text inputs on a machine that lacks them; a missing program is one clear
//! line naming the Debian package to install ([`Tool::missing_message`]).
//! Each run has a time limit ([`PAGE_SECONDS`]), and Tesseract is held to
//! one thread per page because pages are OCR'd side by side on the rayon
//! pool ([`crate::cable::pdf`]).

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Hide the OCR page progress bar (`--quiet`).
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, std::sync::atomic::Ordering::Relaxed);
}

/// Is the OCR page progress bar hidden?
pub fn quiet() -> bool {
    QUIET.load(std::sync::atomic::Ordering::Relaxed)
}

/// Shows the progress of OCR, page by page. The library draws nothing
/// itself: a program that wants a bar sets one with [`set_progress`] (the
/// `cablegraph` binary draws one on a terminal).
pub trait OcrProgress: Send + Sync {
    /// OCR of `pages` pages of `source` starts; the returned bar counts
    /// them and is dropped when they are done.
    fn start(&self, source: &str, pages: u64) -> Box<dyn PageBar>;
}

/// The bar of one OCR'd input: see [`OcrProgress`].
pub trait PageBar: Send + Sync {
    /// One more page is done.
    fn page_done(&self);
}

static PROGRESS: std::sync::OnceLock<Box<dyn OcrProgress>> = std::sync::OnceLock::new();

/// Show OCR progress with `progress` (once per process; later calls are
/// ignored).
pub fn set_progress(progress: Box<dyn OcrProgress>) {
    let _ = PROGRESS.set(progress);
}

/// The bar for `pages` pages of `source`: none when hidden (`--quiet`) or
/// when no [`OcrProgress`] is set.
pub(crate) fn page_bar(pages: u64, source: &str) -> Option<Box<dyn PageBar>> {
    if quiet() {
        return None;
    }
    PROGRESS.get().map(|p| p.start(source, pages))
}

/// Resolution PDF pages are rendered at for OCR (dots per inch): a 10-point
/// typewriter face then has an x-height of about 27 pixels, where Tesseract
/// reads best, whether the page was scanned at 150 or at 300 dpi (the
/// page's route is in `src/ocr_page.rs`).
pub const RENDER_DPI: u32 = 450;
/// The largest rendered page, in pixels each way: 22 inches (tabloid's long
/// side) at [`RENDER_DPI`]; whatever of a larger page lies beyond is cut off.
pub const MAX_PAGE_PIXELS_SIDE: u32 = 9900;
/// The most pixels an image input's page may have (width × height): about
/// a 33 × 47 inch poster at 300 dpi. Larger images are reported, not read.
pub const MAX_IMAGE_PIXELS: u64 = 150_000_000;
/// The largest image file read (a PDF has no size limit: it is read page by
/// page by Poppler, never whole).
pub const MAX_IMAGE_BYTES: u64 = 512 * 1024 * 1024;
/// The time one program may take on one page before it is stopped and the
/// page reported.
pub const PAGE_SECONDS: u64 = 180;

/// One of the external programs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    /// `pdftotext` (Poppler).
    PdfToText,
    /// `pdftoppm` (Poppler).
    PdfToPpm,
    /// `tesseract`.
    Tesseract,
}

impl Tool {
    /// The command's name.
    pub fn command(self) -> &'static str {
        match self {
            Tool::PdfToText => "pdftotext",
            Tool::PdfToPpm => "pdftoppm",
            Tool::Tesseract => "tesseract",
        }
    }

    /// The Debian packages that provide it.
    pub fn packages(self) -> &'static str {
        match self {
            Tool::PdfToText | Tool::PdfToPpm => "poppler-utils",
            Tool::Tesseract => "tesseract-ocr tesseract-ocr-eng",
        }
    }

    /// The one-line message for a missing program.
    pub fn missing_message(self) -> String {
        format!(
            "{} not found: install it to read PDFs and scans (Debian/Ubuntu: apt-get install {}); text inputs do not need it",
            self.command(),
            self.packages()
        )
    }
}

/// Run `tool` with `args`, returning its standard output, or a one-line
/// message (the program missing, failing, or over its time limit).
pub fn run(tool: Tool, args: &[&std::ffi::OsStr]) -> Result<Vec<u8>, String> {
    let mut cmd = Command::new(tool.command());
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if tool == Tool::Tesseract {
        // pages run side by side; one thread each
        cmd.env("OMP_THREAD_LIMIT", "1");
    }
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(tool.missing_message()),
        Err(e) => return Err(format!("cannot run {}: {e}", tool.command())),
    };
    // read both pipes on their own threads so neither fills up
    let mut out = child.stdout.take().expect("piped");
    let mut err = child.stderr.take().expect("piped");
    let out_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let err_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if started.elapsed() > Duration::from_secs(PAGE_SECONDS) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{} took over {PAGE_SECONDS} s on one page; stopped",
                    tool.command()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("{} failed: {e}", tool.command())),
        }
    };
    let stdout = out_t.join().unwrap_or_default();
    let stderr = err_t.join().unwrap_or_default();
    if !status.success() {
        let msg = String::from_utf8_lossy(&stderr);
        let first = msg
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("no message");
        return Err(format!("{} failed: {first}", tool.command()));
    }
    Ok(stdout)
}

/// The text layer of every page of a PDF, in page order, each page's line
/// layout kept (`pdftotext -layout`).
pub(crate) fn pdf_pages_text(pdf: &Path) -> Result<Vec<String>, String> {
    let out = run(
        Tool::PdfToText,
        &[
            "-layout".as_ref(),
            "-enc".as_ref(),
            "UTF-8".as_ref(),
            pdf.as_os_str(),
            "-".as_ref(),
        ],
    )?;
    let text = String::from_utf8_lossy(&out);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    // pdftotext ends every page with a form feed: the last piece is empty
    if pages.len() > 1 && pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Ok(pages)
}

/// OCR one page of a PDF: render it (grey, [`RENDER_DPI`]) into `dir`,
/// despeckle it, and read it with Tesseract as one block of text, margin
/// noise dropped (`src/ocr_page.rs`).
///
/// `cache` is the file's key in the word-table cache ([`cache_key`]), if
/// one is set.
pub(crate) fn ocr_pdf_page(
    pdf: &Path,
    page: usize,
    dir: &Path,
    cache: Option<&Path>,
) -> Result<String, String> {
    let cached = cache.map(|k| {
        let mut name = k.as_os_str().to_owned();
        name.push(format!("-{page}.tsv"));
        std::path::PathBuf::from(name)
    });
    let tsv = match cached.as_ref().and_then(|c| std::fs::read(c).ok()) {
        Some(tsv) => tsv,
        None => page_tsv(pdf, page, dir)?,
    };
    let text = crate::ocr_page::lines_from_tsv(&String::from_utf8_lossy(&tsv));
    if let Some(c) = cached {
        // a cache is a measuring aid: failing to fill it changes nothing;
        // the page's text as the parser sees it is kept beside it
        let tmp = c.with_extension("part");
        if std::fs::write(&tmp, &tsv).is_ok() {
            let _ = std::fs::rename(&tmp, &c);
        }
        let _ = std::fs::write(c.with_extension("txt"), &text);
    }
    Ok(text)
}

/// The environment variable naming a folder where Tesseract's word table
/// (TSV) of each scanned PDF page is kept and reused: for measuring the
/// text rules on scans without running OCR again (`scripts/eval_printouts.py`
/// sets it), with the page's text as the parser sees it beside it (`.txt`).
/// A page is keyed by the file's bytes and the page number.
pub(crate) const OCR_CACHE_ENV: &str = "CABLEGRAPH_OCR_CACHE";

/// Where the word tables of `pdf`'s pages are cached (`DIR/KEY`, each page
/// `DIR/KEY-PAGE.tsv`), if a cache is set. Read once per file.
pub(crate) fn cache_key(pdf: &Path) -> Option<std::path::PathBuf> {
    let dir = std::env::var_os(OCR_CACHE_ENV)?;
    let bytes = std::fs::read(pdf).ok()?;
    // FNV-1a over the bytes, and the route's settings, so a changed file or
    // route never reuses a stale page
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes
        .iter()
        .chain(format!("{RENDER_DPI}/{MAX_PAGE_PIXELS_SIDE}/median5/psm6").as_bytes())
    {
        h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
    }
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir.join(format!("{h:016x}")))
}

/// Render one page, despeckle it and read it with Tesseract: its word table.
fn page_tsv(pdf: &Path, page: usize, dir: &Path) -> Result<Vec<u8>, String> {
    let page_s = page.to_string();
    let dpi = RENDER_DPI.to_string();
    let side = MAX_PAGE_PIXELS_SIDE.to_string();
    let prefix = dir.join(format!("page-{page}"));
    run(
        Tool::PdfToPpm,
        &[
            "-r".as_ref(),
            dpi.as_ref(),
            "-x".as_ref(),
            "0".as_ref(),
            "-y".as_ref(),
            "0".as_ref(),
            "-W".as_ref(),
            side.as_ref(),
            "-H".as_ref(),
            side.as_ref(),
            "-f".as_ref(),
            page_s.as_ref(),
            "-l".as_ref(),
            page_s.as_ref(),
            "-gray".as_ref(),
            "-singlefile".as_ref(),
            pdf.as_os_str(),
            prefix.as_os_str(),
        ],
    )?;
    let rendered = prefix.with_extension("pgm");
    let read = std::fs::read(&rendered)
        .map_err(|e| format!("cannot read the rendered page: {e}"))
        .and_then(|b| crate::ocr_page::Gray::from_pgm(&b));
    let _ = std::fs::remove_file(&rendered);
    let clean = crate::ocr_page::median5(&read?);
    let cleaned = dir.join(format!("page-{page}-clean.pgm"));
    std::fs::write(&cleaned, clean.to_pgm())
        .map_err(|e| format!("cannot write the rendered page: {e}"))?;
    let out = run(
        Tool::Tesseract,
        &[
            cleaned.as_os_str(),
            "stdout".as_ref(),
            "-l".as_ref(),
            "eng".as_ref(),
            "--psm".as_ref(),
            "6".as_ref(),
            "tsv".as_ref(),
        ],
    );
    let _ = std::fs::remove_file(&cleaned);
    out
}

/// OCR an image file (PNG, TIFF, JPEG; a multi-page TIFF gives its pages
/// separated by form feeds).
pub(crate) fn ocr_image(image: &Path) -> Result<String, String> {
    // psm 4: one column of text of variable sizes — a printed cable; the
    // default page segmentation reorders indented header blocks, and psm 6
    // reads specks in the margins as letters. (Adaptive Otsu thresholding,
    // `-c thresholding_method=1`, was tried: it kept a noisy 150 dpi page
    // in one column but moved whole blocks of a 300 dpi one out of order,
    // paragraph numbers 36/76 against 73/76 on the corpus scans.)
    let out = run(
        Tool::Tesseract,
        &[
            image.as_os_str(),
            "stdout".as_ref(),
            "-l".as_ref(),
            "eng".as_ref(),
            "--psm".as_ref(),
            "4".as_ref(),
        ],
    )?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Is `tool` installed? (Runs it with `-v`.)
pub fn available(tool: Tool) -> bool {
    Command::new(tool.command())
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_program_is_one_line_naming_the_package() {
        let m = Tool::Tesseract.missing_message();
        assert!(!m.contains('\n'));
        assert!(m.contains("tesseract-ocr"), "{m}");
        assert!(Tool::PdfToPpm.missing_message().contains("poppler-utils"));
    }
}
