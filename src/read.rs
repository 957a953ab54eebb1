//! Stage 1, read: from command-line inputs to documents.
//!
//! `INPUT...` are files, directories (recursed, in sorted order) or `-` for
//! standard input. The list is expanded, sorted and de-duplicated, so the
//! same set of inputs gives the same output whatever order it was given
//! in. Gzip files (recognised by their magic bytes, not their name) are
//! decompressed on the fly.
//!
//! A file becomes [`Job`]s: a whole document for most inputs, one job per
//! row for a Cablegate CSV dump, which is streamed row by row so a 1.7 GB
//! dump never sits in memory, or a file to read page by page for a PDF or
//! an image. What an input is, is told once, by its first bytes, from the
//! table of input formats ([`crate::cable::format`]). Problems (a missing path, an
//! unreadable directory) are reported as [`DocProblem`]s and the other
//! inputs go on.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use crate::cable::format::{self, Reader};
use crate::cable::meta::KnownMeta;
use crate::cable::table::{self, DumpRow};
use crate::problem::DocProblem;

thread_local! {
    /// Where this thread's reading warnings go while [`collect_notes`]
    /// runs (`None`: to standard error at once).
    static NOTES: std::cell::RefCell<Option<Vec<String>>> = const { std::cell::RefCell::new(None) };
}

/// Run `f` and keep the warnings reading gives on this thread (the bytes
/// after a gzip stream) instead of writing them to standard error: they
/// are returned with `f`'s result, in the order they came. The pipeline
/// delivers them with the cables read beside them, so they take their
/// place among the other warnings whatever the threads' timing, and its
/// first pass, which reads documents a second time, drops its own copy.
pub(crate) fn collect_notes<R>(f: impl FnOnce() -> R) -> (R, Vec<String>) {
    let outer = NOTES.with(|n| n.borrow_mut().replace(Vec::new()));
    let r = f();
    let notes = NOTES.with(|n| std::mem::replace(&mut *n.borrow_mut(), outer));
    (r, notes.unwrap_or_default())
}

/// A warning about reading: kept by [`collect_notes`] when it runs on this
/// thread, else written to standard error.
fn reading_note(message: String) {
    let unkept = NOTES.with(|n| match n.borrow_mut().as_mut() {
        Some(notes) => {
            notes.push(message);
            None
        }
        None => Some(message),
    });
    if let Some(message) = unkept {
        crate::note!("{message}");
    }
}

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
        /// The same, as a [`crate::problem::Location`].
        location: Box<crate::problem::Location>,
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

impl From<DumpRow> for Job {
    fn from(r: DumpRow) -> Job {
        Job::Row {
            source: r.source,
            location: Box::new(r.location),
            meta: r.meta,
            header: r.header,
            content: r.content,
        }
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

/// The file a run writes into every results folder it commits, listing the
/// files it wrote there. A directory that holds it is a cablegraph results
/// folder: the files it lists (and every known output name) are never read
/// back as input; other files in the folder, such as the cables a user ran
/// `extract . -o .` on, still are.
pub const RESULTS_MANIFEST: &str = ".cablegraph-manifest";

/// The prefix of the hidden staging (and lock) entries a run makes inside
/// its output folder; never read as input.
pub const STAGING_PREFIX: &str = ".cablegraph-";

/// File names cablegraph writes into a results folder. Such a file is
/// skipped only when it sits in a results folder (one holding
/// [`RESULTS_MANIFEST`]): a dump called `cables.csv` elsewhere is read.
pub const OUTPUT_NAMES: &[&str] = &[
    "cables.csv",
    "mentions.csv",
    "nodes.csv",
    "edges.csv",
    "cooccurrences.csv",
    "graph.dot",
    "graph.graphml",
    "graph.gexf",
    "graph.json",
    "report.html",
    "shard.json",
    "references.csv",
    "references.gexf",
    "recipients.csv",
    "routing.gexf",
    "routing_nodes.csv",
    "routing_edges.csv",
    "evidence.csv",
    "cablegraph.xlsx",
];

/// Is `dir` a cablegraph results folder (it holds [`RESULTS_MANIFEST`])?
pub fn is_results_folder(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join(RESULTS_MANIFEST)).is_ok()
}

/// The names of the files cablegraph wrote into `dir`, when it is a results
/// folder: those its manifest lists (entry lines are tab-separated, the
/// name last; at most 1 MiB of it is read) and every known output name.
/// `None` when `dir` is not a results folder.
fn results_in(dir: &Path) -> Option<std::collections::HashSet<String>> {
    if !is_results_folder(dir) {
        return None;
    }
    let mut names: std::collections::HashSet<String> =
        OUTPUT_NAMES.iter().map(|n| n.to_string()).collect();
    if let Ok(f) = std::fs::File::open(dir.join(RESULTS_MANIFEST)) {
        let mut text = String::new();
        let _ = f.take(1 << 20).read_to_string(&mut text);
        names.extend(
            text.lines()
                .filter(|l| !l.starts_with('#') && l.split('\t').count() >= 4)
                .filter_map(|l| l.rsplit('\t').next())
                .map(str::to_string),
        );
    }
    Some(names)
}

/// The identity of a file: its device and inode where the platform has
/// them (so hard links and symlinks to one file are one input), else its
/// real path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum FileId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[allow(dead_code)]
    Path(PathBuf),
}

fn file_id(path: &Path, meta: &std::fs::Metadata) -> FileId {
    #[cfg(unix)]
    {
        let _ = path;
        use std::os::unix::fs::MetadataExt;
        FileId::Inode(meta.dev(), meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        FileId::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

/// What [`expand`] found: files in sorted order, each real file once.
struct Walk {
    files: Vec<(InputPath, Option<FileId>)>,
    problems: Vec<DocProblem>,
    notes: Vec<String>,
    /// Real directories already walked (symlink loops and a directory
    /// reached twice are walked once).
    dirs: std::collections::HashSet<FileId>,
}

/// Expand the command-line inputs into a sorted list of files, each real
/// file once, reporting paths that do not exist or cannot be listed.
///
/// Directories are walked in sorted order, following symbolic links, but
/// each real directory is walked once (a link back to an ancestor, `ln -s
/// . loop`, is not followed again), and each real file (by device and
/// inode: a hard link, a symlink, `a.txt` and `./a.txt` are one file) is
/// read once, under the first name in sorted order; a note says which names
/// were dropped. Hidden entries, cablegraph's staging folders
/// (`.cablegraph-*`) and the files a results folder's [`RESULTS_MANIFEST`]
/// lists are not read.
pub fn expand(inputs: &[PathBuf]) -> (Vec<InputPath>, Vec<DocProblem>) {
    let (files, problems, notes) = expand_with_notes(inputs);
    let mut err = io::stderr().lock();
    for n in notes {
        let _ = writeln!(err, "{n}");
    }
    (files, problems)
}

/// [`expand`], with its notes (`NAME: warning: …`) returned instead of
/// printed.
pub fn expand_with_notes(inputs: &[PathBuf]) -> (Vec<InputPath>, Vec<DocProblem>, Vec<String>) {
    let mut w = Walk {
        files: Vec::new(),
        problems: Vec::new(),
        notes: Vec::new(),
        dirs: Default::default(),
    };
    let mut sorted: Vec<&PathBuf> = inputs.iter().collect();
    sorted.sort();
    for p in sorted {
        if p.as_os_str() == "-" {
            w.files.push((InputPath::Stdin, None));
            continue;
        }
        match std::fs::metadata(p) {
            Err(e) => w.problems.push(DocProblem {
                location: crate::problem::Location::file(p.display().to_string()),
                message: io_message(&e),
            }),
            Ok(m) if m.is_dir() => {
                if skipped_dir(p, &mut w.notes) {
                    continue;
                }
                if w.dirs.insert(file_id(p, &m)) {
                    walk(p, &mut w);
                }
            }
            Ok(m) => {
                if skipped_output(p, &mut w.notes) {
                    continue;
                }
                let id = file_id(p, &m);
                w.files.push((InputPath::File(p.clone()), Some(id)));
            }
        }
    }
    // sorted by name; then each real file once, under its first name
    w.files.sort_by(|a, b| a.0.cmp(&b.0));
    w.files.dedup_by(|b, a| a.0 == b.0);
    let mut seen: std::collections::HashMap<FileId, usize> = Default::default();
    let mut out = Vec::with_capacity(w.files.len());
    for (input, id) in w.files {
        if let Some(id) = id {
            if let Some(&first) = seen.get(&id) {
                let first: &InputPath = &out[first];
                w.notes.push(format!(
                    "{}: warning: the same file as {} (a link or another name for it); read once",
                    input.name(),
                    first.name()
                ));
                continue;
            }
            seen.insert(id, out.len());
        }
        out.push(input);
    }
    (out, w.problems, w.notes)
}

/// Is `dir` one of cablegraph's own folders (a results or staging folder)?
/// Says so in `notes` when it is.
fn skipped_dir(dir: &Path, notes: &mut Vec<String>) -> bool {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    if name.starts_with(STAGING_PREFIX) {
        notes.push(format!(
            "{}: warning: a cablegraph staging folder; not read as input",
            dir.display()
        ));
        return true;
    }
    false
}

/// The note for a result file left out of the inputs.
fn result_note(file: &Path) -> String {
    format!(
        "{}: warning: a cablegraph result, not a cable; not read as input",
        file.display()
    )
}

/// Is `file` one of cablegraph's own results (a known output name in a
/// results folder, or a file in a staging folder)?
fn skipped_output(file: &Path, notes: &mut Vec<String>) -> bool {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let parent = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let in_staging = parent
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with(STAGING_PREFIX));
    let ours = in_staging
        || name == RESULTS_MANIFEST
        || results_in(&parent).is_some_and(|r| r.contains(&name));
    if ours {
        notes.push(result_note(file));
    }
    ours
}

fn walk(dir: &Path, w: &mut Walk) {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            w.problems.push(DocProblem {
                location: crate::problem::Location::file(dir.display().to_string()),
                message: format!("cannot read directory: {}", io_message(&e)),
            });
            return;
        }
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    let results = results_in(dir);
    for p in entries {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue; // hidden files, our staging folders and manifest
        }
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => {
                if skipped_dir(&p, &mut w.notes) {
                    continue;
                }
                if w.dirs.insert(file_id(&p, &m)) {
                    walk(&p, w);
                } else if std::fs::symlink_metadata(&p).is_ok_and(|l| l.file_type().is_symlink()) {
                    w.notes.push(format!(
                        "{}: warning: a link to a folder already read (a symlink loop?); not followed",
                        p.display()
                    ));
                }
            }
            Ok(m) if m.is_file() => {
                if results.as_ref().is_some_and(|r| r.contains(&name)) {
                    w.notes.push(result_note(&p));
                    continue;
                }
                let id = file_id(&p, &m);
                w.files.push((InputPath::File(p), Some(id)));
            }
            Ok(_) => {}
            Err(e) => w.problems.push(DocProblem {
                location: crate::problem::Location::file(p.display().to_string()),
                message: io_message(&e),
            }),
        }
    }
}

pub use crate::problem::io_message;

/// Open an input, transparently decompressing gzip.
///
/// Gzip is recognised by its magic bytes, however the first bytes arrive
/// (a pipe may deliver them one at a time); a gzip file inside a gzip
/// file is unpacked too (up to [`MAX_GZIP_LAYERS`] layers); every member
/// of a multi-member file is read; bytes after the last member that are
/// not another member (padding, a truncated copy) are ignored with a
/// warning rather than losing the file.
pub fn open(input: &InputPath) -> io::Result<Box<dyn Read + Send>> {
    let raw: Box<dyn Read + Send> = match input {
        InputPath::File(p) => Box::new(File::open(p)?),
        InputPath::Stdin => Box::new(io::stdin()),
    };
    open_stream(raw, &input.name())
}

/// [`open`] on a stream already open; `name` is used in warnings.
pub fn open_stream(raw: Box<dyn Read + Send>, name: &str) -> io::Result<Box<dyn Read + Send>> {
    let name = name.to_string();
    let mut r = raw;
    for _ in 0..=MAX_GZIP_LAYERS {
        let (gz, buffered) = sniff_gzip(r)?;
        if !gz {
            return Ok(Box::new(buffered));
        }
        r = Box::new(GzMembers {
            decoder: Some(flate2::bufread::GzDecoder::new(buffered)),
            name: name.clone(),
        });
    }
    Ok(r)
}

/// Gzip layers unpacked at most (a gzip inside a gzip is two).
pub const MAX_GZIP_LAYERS: usize = 3;

/// The buffer of an input stream as [`open`] reads it: 256 KiB. The dump's
/// row reader buffers more (`cable::table`), so that once this buffer is
/// empty it reads straight from the file, not copied through this one.
const STREAM_BUFFER: usize = 256 * 1024;
const _: () = assert!(table::READ_BUFFER > STREAM_BUFFER);

type Buffered = BufReader<io::Chain<io::Cursor<Vec<u8>>, Box<dyn Read + Send>>>;

/// Read the first two bytes (however many reads that takes) and tell
/// whether they are gzip's magic; the bytes stay in the returned reader.
fn sniff_gzip(mut r: Box<dyn Read + Send>) -> io::Result<(bool, Buffered)> {
    let mut head = [0u8; 2];
    let mut n = 0;
    while n < 2 {
        match r.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let gz = format::is_wrapped(&head[..n]);
    let chained = io::Cursor::new(head[..n].to_vec()).chain(r);
    Ok((gz, BufReader::with_capacity(STREAM_BUFFER, chained)))
}

/// The members of a gzip stream, one after another; what follows the last
/// member and is not gzip is dropped with a warning.
struct GzMembers {
    decoder: Option<flate2::bufread::GzDecoder<Buffered>>,
    name: String,
}

impl Read for GzMembers {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let Some(d) = self.decoder.as_mut() else {
                return Ok(0);
            };
            let n = d.read(buf)?;
            if n > 0 || buf.is_empty() {
                return Ok(n);
            }
            // this member is done: another one, trailing bytes, or the end
            let mut inner = self.decoder.take().expect("checked above").into_inner();
            let next = inner.fill_buf()?;
            if next.is_empty() {
                return Ok(0);
            }
            if next[0] == 0x1f && next.get(1).is_none_or(|&b| b == 0x8b) {
                self.decoder = Some(flate2::bufread::GzDecoder::new(inner));
                continue;
            }
            let trailing = io::copy(&mut inner, &mut io::sink()).unwrap_or(0);
            reading_note(format!(
                "{}: warning: {trailing} byte{} after the end of the gzip stream ignored",
                self.name,
                if trailing == 1 { "" } else { "s" }
            ));
            return Ok(0);
        }
    }
}

/// An input once its head is seen: a dump to stream, or a whole document.
enum Sniffed {
    Dump(Box<dyn Read + Send>),
    Document(Vec<u8>),
    /// A PDF or an image: its head, and the rest of the stream.
    Scan(crate::cable::pdf::ScanKind, Vec<u8>, Box<dyn Read + Send>),
}

fn sniff(input: &InputPath) -> Result<Sniffed, DocProblem> {
    let source = input.name();
    let r = open(input).map_err(|e| DocProblem {
        location: crate::problem::Location::file(source.clone()),
        message: io_message(&e),
    })?;
    sniff_stream(r, &source)
}

fn sniff_stream(mut r: Box<dyn Read + Send>, source: &str) -> Result<Sniffed, DocProblem> {
    let fail = |m: String| DocProblem {
        location: crate::problem::Location::file(source.to_string()),
        message: m,
    };
    // sniff the head to spot a dump, which is streamed
    let mut head = Vec::with_capacity(64 * 1024);
    if let Err(e) = (&mut r).take(64 * 1024).read_to_end(&mut head) {
        return Err(fail(format!("read error: {}", io_message(&e))));
    }
    // what the input is, told once, by its first bytes
    let mut utf16_dump = false;
    match format::sniff_head(&head).map(|f| f.reader) {
        Some(Reader::Pages(kind)) => return Ok(Sniffed::Scan(kind, head, r)),
        // a UTF-16 dump is read whole and decoded, then split into rows
        Some(Reader::Rows) if crate::decode::utf16_kind(&head).is_some() => utf16_dump = true,
        Some(Reader::Rows) => {
            return Ok(Sniffed::Dump(Box::new(io::Cursor::new(head).chain(r))));
        }
        // a document, recognised once decoded (`cable::format::document`)
        Some(Reader::Unwrap | Reader::Document(..)) | None => {}
    }
    let mut bytes = head;
    if let Err(e) = r
        .take(MAX_DOCUMENT_BYTES + 1 - bytes.len() as u64)
        .read_to_end(&mut bytes)
    {
        return Err(fail(format!("read error: {}", io_message(&e))));
    }
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(fail(format!(
            "larger than {} MiB and not a cables.csv dump; split it or convert it",
            MAX_DOCUMENT_BYTES / (1024 * 1024)
        )));
    }
    if utf16_dump {
        let text = crate::decode::decode_owned(bytes).0;
        return Ok(Sniffed::Dump(Box::new(io::Cursor::new(text.into_bytes()))));
    }
    Ok(Sniffed::Document(bytes))
}

/// Read one input into jobs, handing each to `emit` as soon as it is ready.
pub fn jobs(input: &InputPath, emit: &mut dyn FnMut(Result<Job, DocProblem>)) {
    let source = input.name();
    match sniff(input) {
        Err(p) => emit(Err(p)),
        Ok(Sniffed::Dump(r)) => table::rows(r, &source, &mut |row| emit(row.map(Job::from))),
        Ok(Sniffed::Document(bytes)) => emit(Ok(Job::Document { source, bytes })),
        Ok(Sniffed::Scan(kind, head, r)) => emit(scan_job(input, source, kind, head, r)),
    }
}

/// [`jobs`] for a stream (gzip, a dump or a document), named `source`:
/// what the fuzz target of the reading stage runs.
pub fn stream_jobs(
    raw: Box<dyn Read + Send>,
    source: &str,
    emit: &mut dyn FnMut(Result<Job, DocProblem>),
) {
    let sniffed = open_stream(raw, source)
        .map_err(|e| DocProblem {
            location: crate::problem::Location::file(source.to_string()),
            message: io_message(&e),
        })
        .and_then(|r| sniff_stream(r, source));
    match sniffed {
        Err(p) => emit(Err(p)),
        Ok(Sniffed::Dump(r)) => table::rows(r, source, &mut |row| emit(row.map(Job::from))),
        Ok(Sniffed::Document(bytes)) => emit(Ok(Job::Document {
            source: source.to_string(),
            bytes,
        })),
        // a stream has no file to hand over: copied to a temporary file
        Ok(Sniffed::Scan(kind, head, r)) => emit(scan_job(
            &InputPath::Stdin,
            source.to_string(),
            kind,
            head,
            r,
        )),
    }
}

/// The whole-document job of an input, or `None` when it is a dump (which
/// is not read past its head). For the first pass of de-duplication.
pub fn document(input: &InputPath) -> Option<Result<Job, DocProblem>> {
    match sniff(input) {
        Err(p) => Some(Err(p)),
        Ok(Sniffed::Dump(_)) => None,
        Ok(Sniffed::Document(bytes)) => Some(Ok(Job::Document {
            source: input.name(),
            bytes,
        })),
        // a scan is not OCR'd twice: its cables are compared in the second
        // pass, where a document copy of the same id wins over them
        Ok(Sniffed::Scan(..)) => Some(Err(DocProblem {
            location: crate::problem::Location::file(input.name()),
            message: "a PDF or an image: read in the second pass".into(),
        })),
    }
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
        location: crate::problem::Location::file(source.clone()),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn names(inputs: &[InputPath]) -> Vec<String> {
        inputs.iter().map(InputPath::name).collect()
    }

    #[cfg(unix)]
    #[test]
    fn each_real_file_once_and_loops_not_followed() {
        let t = tempfile::tempdir().unwrap();
        let d = t.path().join("d");
        std::fs::create_dir_all(d.join("sub")).unwrap();
        std::fs::write(d.join("a.txt"), "a").unwrap();
        std::fs::write(d.join("sub/b.txt"), "b").unwrap();
        std::os::unix::fs::symlink(".", d.join("loop")).unwrap();
        std::os::unix::fs::symlink("..", d.join("sub/up")).unwrap();
        std::fs::hard_link(d.join("a.txt"), d.join("z.txt")).unwrap();
        let (files, problems, notes) = expand_with_notes(&[d.clone(), d.join("a.txt")]);
        assert!(problems.is_empty());
        let d = d.display().to_string();
        assert_eq!(
            names(&files),
            [format!("{d}/a.txt"), format!("{d}/sub/b.txt")]
        );
        assert_eq!(
            notes.iter().filter(|n| n.contains("symlink loop")).count(),
            2
        );
        // a.txt named twice is one name; z.txt, a hard link to it, is noted
        assert_eq!(
            notes.iter().filter(|n| n.contains("the same file")).count(),
            1
        );
    }

    /// Issue 15: the dump is recognised once, on its first bytes, and
    /// always read as rows, also in UTF-16 (which used to reach the
    /// parser as one document, to be told a dump a second time there).
    #[test]
    fn a_dump_is_rows_in_every_encoding() {
        let row =
            |n: u32| format!("\"{n}\",\"1/1/2001 0:00\",\"01X{n}\",\"E\",\"U\",\"\",\"h\",\"c\"\n");
        let dump = format!("{}{}", row(1), row(2));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(dump.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        for bytes in [dump.clone().into_bytes(), utf16] {
            let mut sources = Vec::new();
            stream_jobs(
                Box::new(io::Cursor::new(bytes)),
                "d.csv",
                &mut |j| match j.unwrap() {
                    Job::Row { source, .. } => sources.push(source),
                    other => panic!("not a row: {other:?}"),
                },
            );
            assert_eq!(sources, ["d.csv:row 1", "d.csv:row 2"]);
        }
    }

    #[test]
    fn results_folders_are_not_inputs() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(t.path().join("cables.csv"), "a dump").unwrap();
        std::fs::write(out.join("cables.csv"), "id").unwrap();
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        std::fs::write(out.join(RESULTS_MANIFEST), "").unwrap();
        let inputs = [
            t.path().to_path_buf(),
            out.clone(),
            out.join("cables.csv"),
            out.join("notes.txt"),
        ];
        let (files, _, notes) = expand_with_notes(&inputs);
        let base = t.path().display().to_string();
        // the dump outside is read; inside, only a file that is not ours
        // (whether the folder is walked or the file named)
        assert_eq!(
            names(&files),
            [
                format!("{base}/cables.csv"),
                format!("{base}/out/notes.txt")
            ]
        );
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes.iter().all(|n| n.contains("out/cables.csv: warning")));
        // a file the manifest lists is ours too, whatever its name
        std::fs::write(
            out.join(RESULTS_MANIFEST),
            "cablegraph-manifest 1\nfolder\t3\t0\tmy-graph.txt\n",
        )
        .unwrap();
        std::fs::write(out.join("my-graph.txt"), "abc").unwrap();
        let (files, _, _) = expand_with_notes(std::slice::from_ref(&out));
        assert_eq!(names(&files), [format!("{base}/out/notes.txt")]);
    }
}
