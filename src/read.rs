//! Stage 1, read: from command-line inputs to documents.
//!
//! `INPUT...` are files, directories (recursed, in sorted order) or `-` for
//! standard input. The list is expanded, sorted and de-duplicated, so the
//! same set of inputs gives the same output whatever order it was given
//! in. Gzip files (recognised by their magic bytes, not their name) are
//! decompressed on the fly.
//!
//! A file becomes [`Job`]s: a whole document for most inputs, or one job
//! per row for a Cablegate CSV dump, which is streamed row by row so a
//! 1.7 GB dump never sits in memory. Problems (a missing path, an
//! unreadable directory) are reported as [`DocProblem`]s and the other
//! inputs go on.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::cable::{table, DocProblem, KnownMeta};

/// The largest document read whole (a CSV dump is streamed instead).
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// One input to read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum InputPath {
    /// A file on disk.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

impl InputPath {
    /// The name used in `source` fields and messages.
    pub fn name(&self) -> String {
        match self {
            InputPath::File(p) => p.display().to_string(),
            InputPath::Stdin => "-".to_string(),
        }
    }
}

/// A unit of work for the parsing stage.
#[derive(Debug)]
pub enum Job {
    /// A whole document: bytes to decode and parse.
    Document {
        /// The input's name.
        source: String,
        /// Its bytes, decompressed.
        bytes: Vec<u8>,
    },
    /// One cable of a dump, already split into metadata and text.
    Row {
        /// `FILE:row N`.
        source: String,
        /// Metadata from the dump's columns.
        meta: KnownMeta,
        /// The header cell, as the dump's bytes: decoded (UTF-8 or
        /// Windows-1252) by the worker that parses the row, so the reading
        /// thread only splits rows.
        header: Vec<u8>,
        /// The content cell (the cable text after the header), likewise.
        content: Vec<u8>,
    },
    /// A PDF or an image, read page by page through Poppler and Tesseract
    /// ([`crate::cable::pdf`]); not held in memory, so not subject to
    /// [`MAX_DOCUMENT_BYTES`].
    Scan {
        /// The input's name.
        source: String,
        /// What it is.
        kind: crate::cable::pdf::ScanKind,
        /// The file to read: the input itself, or a temporary copy of
        /// standard input or of a gzipped file (removed with the job).
        file: ScanFile,
        /// Its size in bytes (for progress).
        bytes: u64,
    },
}

impl Job {
    /// The input (or dump row) the job came from.
    pub fn source(&self) -> &str {
        match self {
            Job::Document { source, .. } | Job::Row { source, .. } | Job::Scan { source, .. } => {
                source
            }
        }
    }

    /// Size of the job's text in bytes (for progress).
    pub fn len(&self) -> usize {
        match self {
            Job::Document { bytes, .. } => bytes.len(),
            Job::Row {
                header, content, ..
            } => header.len() + content.len(),
            Job::Scan { bytes, .. } => *bytes as usize,
        }
    }

    /// True when the job holds no text.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Where a [`Job::Scan`]'s file is.
#[derive(Debug)]
pub enum ScanFile {
    /// The input file itself.
    Input(PathBuf),
    /// A temporary copy, removed when the job is dropped.
    Temp(tempfile::TempPath),
}

impl ScanFile {
    /// The path to hand to Poppler or Tesseract.
    pub fn path(&self) -> &Path {
        match self {
            ScanFile::Input(p) => p,
            ScanFile::Temp(t) => t,
        }
    }
}

/// Expand the command-line inputs into a sorted, de-duplicated list of
/// files, reporting paths that do not exist or cannot be listed.
pub fn expand(inputs: &[PathBuf]) -> (Vec<InputPath>, Vec<DocProblem>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for p in inputs {
        if p.as_os_str() == "-" {
            out.push(InputPath::Stdin);
            continue;
        }
        match std::fs::metadata(p) {
            Err(e) => problems.push(DocProblem {
                location: p.display().to_string(),
                message: io_message(&e),
            }),
            Ok(m) if m.is_dir() => walk(p, &mut out, &mut problems),
            Ok(_) => out.push(InputPath::File(p.clone())),
        }
    }
    out.sort();
    out.dedup();
    (out, problems)
}

fn walk(dir: &Path, out: &mut Vec<InputPath>, problems: &mut Vec<DocProblem>) {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            problems.push(DocProblem {
                location: dir.display().to_string(),
                message: format!("cannot read directory: {}", io_message(&e)),
            });
            return;
        }
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue; // hidden files and our own temporary files
        }
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk(&p, out, problems),
            Ok(m) if m.is_file() => out.push(InputPath::File(p)),
            Ok(_) => {}
            Err(e) => problems.push(DocProblem {
                location: p.display().to_string(),
                message: io_message(&e),
            }),
        }
    }
}

/// A short, lowercase description of an I/O error.
pub fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            // drop the " (os error N)" tail
            let s = s.split(" (os error").next().unwrap_or(&s).to_string();
            let mut c = s.chars();
            match c.next() {
                Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
                None => s,
            }
        }
    }
}

/// Open an input, transparently decompressing gzip.
pub fn open(input: &InputPath) -> io::Result<Box<dyn Read + Send>> {
    let raw: Box<dyn Read + Send> = match input {
        InputPath::File(p) => Box::new(File::open(p)?),
        InputPath::Stdin => Box::new(io::stdin()),
    };
    let mut r = BufReader::with_capacity(256 * 1024, raw);
    let head = io::BufRead::fill_buf(&mut r)?;
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(BufReader::with_capacity(
            256 * 1024,
            flate2::read::MultiGzDecoder::new(r),
        )))
    } else {
        Ok(Box::new(r))
    }
}

/// Read one input into jobs, handing each to `emit` as soon as it is ready.
pub fn jobs(input: &InputPath, emit: &mut dyn FnMut(Result<Job, DocProblem>)) {
    let source = input.name();
    let fail = |m: String| DocProblem {
        location: source.clone(),
        message: m,
    };
    let mut r = match open(input) {
        Ok(r) => r,
        Err(e) => return emit(Err(fail(io_message(&e)))),
    };
    // sniff the head to spot a dump, which is streamed
    let mut head = Vec::with_capacity(64 * 1024);
    if let Err(e) = (&mut r).take(64 * 1024).read_to_end(&mut head) {
        return emit(Err(fail(format!("read error: {}", io_message(&e)))));
    }
    if let Some(kind) = crate::cable::pdf::ScanKind::sniff(&head) {
        return emit(scan_job(input, source, kind, head, r));
    }
    let head_text = String::from_utf8_lossy(&head);
    if table::looks_like_dump(&head_text) {
        let chained = io::Cursor::new(head).chain(r);
        table::rows(Box::new(chained), &source, emit);
        return;
    }
    let mut bytes = head;
    if let Err(e) = r
        .take(MAX_DOCUMENT_BYTES + 1 - bytes.len() as u64)
        .read_to_end(&mut bytes)
    {
        return emit(Err(fail(format!("read error: {}", io_message(&e)))));
    }
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return emit(Err(fail(format!(
            "larger than {} MiB and not a cables.csv dump; split it or convert it",
            MAX_DOCUMENT_BYTES / (1024 * 1024)
        ))));
    }
    emit(Ok(Job::Document { source, bytes }))
}

/// A PDF or image input as a [`Job::Scan`]: a plain file is read where it
/// is; standard input or a gzipped file is copied (decompressed) to a
/// temporary file first, with no size limit (pages are read one by one).
fn scan_job(
    input: &InputPath,
    source: String,
    kind: crate::cable::pdf::ScanKind,
    head: Vec<u8>,
    rest: Box<dyn Read + Send>,
) -> Result<Job, DocProblem> {
    let fail = |m: String| DocProblem {
        location: source.clone(),
        message: m,
    };
    if let InputPath::File(p) = input {
        let mut raw = [0u8; 2];
        let plain = File::open(p)
            .and_then(|mut f| f.read_exact(&mut raw))
            .is_ok_and(|()| raw != [0x1f, 0x8b]);
        if plain {
            let bytes = std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
            return Ok(Job::Scan {
                source,
                kind,
                file: ScanFile::Input(p.clone()),
                bytes,
            });
        }
    }
    let mut tmp = tempfile::NamedTempFile::new()
        .map_err(|e| fail(format!("cannot make a temporary file: {}", io_message(&e))))?;
    let copied = io::copy(&mut io::Cursor::new(head).chain(rest), tmp.as_file_mut())
        .map_err(|e| fail(format!("read error: {}", io_message(&e))))?;
    Ok(Job::Scan {
        source,
        kind,
        file: ScanFile::Temp(tmp.into_temp_path()),
        bytes: copied,
    })
}
