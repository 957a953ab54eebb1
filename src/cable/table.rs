//! The Cablegate `cables.csv` dump, streamed row by row.
//!
//! The dump has no header row and eight columns:
//!
//! ```text
//! row,date,refid,origin,classification,references,header,content
//! "1","12/28/1966 18:48","66BUENOSAIRES2481","Embassy Buenos Aires","UNCLASSIFIED","66STATE106206","P R 281848Z DEC 66
//! FM AMEMBASSY BUENOS AIRES …","UNCLASSIFIED BUENOS AIRES 2481 …"
//! ```
//!
//! Fields are quoted and hold line breaks. Quotes inside a field are
//! escaped with a backslash (`\"`), and so is anything else (`\'`): a
//! backslash stands for the character after it, and a `"` after a
//! backslash does not end the field. A doubled quote (`""`) inside a quoted
//! field is read as one quote too, as in RFC 4180. Cells may be UTF-8 or
//! Windows-1252 (¶ as byte 0xB6); each cell is decoded on its own with
//! [`crate::decode`].
//!
//! The reader never holds more than one row: a 1.7 GB dump streams through
//! in constant memory. Each good row becomes a [`DumpRow`] whose `source`
//! is `FILE:row N`, where **N is the dump's own `row` column** (the first
//! field), so it points into the original dump even for an excerpt of it;
//! when that field is not a number, N is the row's 1-based position in the
//! file. A bad row (a quote that never closes, text after a closing quote,
//! a column count other than eight, a row larger than [`MAX_ROW_BYTES`]) is
//! reported as a [`DocProblem`] at `FILE:row N` with the line it starts on,
//! and reading goes on with the next row: a line that starts like a row
//! (`"123","4/5/2006 7:08","`) inside an unclosed quote starts a new row.

use std::io::{BufRead, BufReader, Read};
use std::sync::LazyLock;

use regex::bytes::Regex as BytesRegex;
use regex::Regex;

use super::{normalize_datetime, DocProblem, KnownMeta};
use crate::decode::decode;
use crate::problem::Location;

/// The dump's column count.
pub const COLUMNS: usize = 8;

/// The largest row read; a larger one is reported and skipped.
pub const MAX_ROW_BYTES: usize = 64 * 1024 * 1024;

/// The start of a dump row: row number, date and the opening of the id.
static ROW_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"^"?\d{1,9}"?,"\d{1,2}/\d{1,2}/(?:\d{4}|\d{2}) \d{1,2}:\d{2}(?::\d{2})?","[^"\n]*",""#,
    )
    .expect("valid regex")
});
static ROW_START_BYTES: LazyLock<BytesRegex> = LazyLock::new(|| {
    BytesRegex::new(r#"^"?\d{1,9}"?,"\d{1,2}/\d{1,2}/(?:\d{4}|\d{2}) \d{1,2}:\d{2}(?::\d{2})?",""#)
        .expect("valid regex")
});

/// Does this look like rows of the dump? True when the first non-blank
/// line starts like a dump row (a row number, an `M/D/YYYY H:MM` date —
/// or `M/D/YY` — and the opening of the reference id, all quoted) or is
/// the dump's column names (`row,date,refid,…`), or when any later line of
/// `head` starts like a row (a piece of a split dump, which begins in the
/// middle of a row).
pub fn looks_like_dump(head: &str) -> bool {
    let head = head.trim_start_matches('\u{feff}');
    let mut lines = head.lines().filter(|l| !l.trim().is_empty());
    let Some(first) = lines.next() else {
        return false;
    };
    if ROW_START.is_match(first.trim_start()) || is_header_row(first.as_bytes()) {
        return true;
    }
    // a piece of a split dump: at least one whole row start further on
    lines.any(starts_like_row)
}

/// Does this one line start like a dump row (see [`looks_like_dump`])? No
/// allocation: for scanning every line of a document.
pub fn starts_like_row(line: &str) -> bool {
    digit_first(line.as_bytes()) && ROW_START.is_match(line)
}

/// Is this line the dump's column names (`row,date,refid,…`, quoted or
/// not, any case)?
fn is_header_row(line: &[u8]) -> bool {
    let names: Vec<u8> = line
        .iter()
        .filter(|b| !matches!(b, b'"' | b' ' | b'\t' | b'\r' | b'\n'))
        .map(u8::to_ascii_lowercase)
        .take(64)
        .collect();
    names.starts_with(b"row,date,refid,")
}

/// Where the byte-level reader is within a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// At the start of a field.
    FieldStart,
    /// Inside an unquoted field.
    Unquoted,
    /// Right after a backslash in an unquoted field.
    UnquotedEscape,
    /// Inside a quoted field.
    Quoted,
    /// Right after a backslash in a quoted field.
    QuotedEscape,
    /// Right after the closing quote of a field.
    AfterQuote,
}

/// One row being read.
#[derive(Default)]
struct Row {
    fields: Vec<Vec<u8>>,
    field: Vec<u8>,
    /// 1-based line the row starts on.
    line: u64,
    /// Bytes held so far.
    size: usize,
    /// The first thing found wrong with it.
    fault: Option<String>,
    /// Any byte seen since the row began.
    started: bool,
    /// Each field's length in the rows before (this row's, for the fields
    /// ended so far), the largest of the last few: a field's buffer is made
    /// that size at once, not grown by doubling from nothing (the reader
    /// thread's reallocations were a fifth of its time on a dump).
    sizes: [usize; COLUMNS],
}

/// The most a field's buffer is made ahead of its bytes.
const MAX_SIZE_HINT: usize = 1024 * 1024;

impl Row {
    fn end_field(&mut self) {
        let i = self.fields.len();
        let next = self.sizes.get(i + 1).map_or(0, |&n| n.min(MAX_SIZE_HINT));
        if let Some(n) = self.sizes.get_mut(i) {
            // the largest of the last rows', an eighth less for each row
            // since: a row a little longer than the one before still fits
            *n = self.field.len().max(*n - *n / 8);
        }
        let field = std::mem::replace(&mut self.field, Vec::with_capacity(next));
        self.fields.push(field);
    }

    /// The row read so far, leaving an empty one that keeps the field
    /// sizes.
    fn take(&mut self) -> Row {
        let next = Row {
            fields: Vec::with_capacity(COLUMNS),
            field: Vec::with_capacity(self.sizes[0].min(MAX_SIZE_HINT)),
            sizes: self.sizes,
            ..Row::default()
        };
        std::mem::replace(self, next)
    }

    fn fault(&mut self, m: String) {
        if self.fault.is_none() {
            self.fault = Some(m);
        }
    }
}

/// One cable of a dump, split into its columns' metadata and its text
/// cells; the reader makes it a [`crate::read::Job::Row`].
#[derive(Debug)]
pub struct DumpRow {
    /// `FILE:row N`.
    pub source: String,
    /// The same, as a [`Location`] (for a problem with the row's text).
    pub location: Location,
    /// Metadata from the dump's columns.
    pub meta: KnownMeta,
    /// The header cell, as the dump's bytes: decoded (UTF-8 or
    /// Windows-1252) by the worker that parses the row, so the reading
    /// thread only splits rows.
    pub header: Vec<u8>,
    /// The content cell (the cable text after the header), likewise.
    pub content: Vec<u8>,
}

/// The row reader's buffer: 1 MiB, larger than the stream's under it (see
/// [`rows`]; `read` holds the two to that).
pub(crate) const READ_BUFFER: usize = 1 << 20;

/// Stream the rows of a dump as jobs (see the module docs).
pub fn rows(
    reader: Box<dyn Read + Send>,
    source: &str,
    emit: &mut dyn FnMut(Result<DumpRow, DocProblem>),
) {
    // larger than the stream's own buffer (`read::STREAM_BUFFER`): once
    // that one is empty, each refill of this one asks for more than it
    // holds and so reads straight from the file, and the dump is not
    // copied from one buffer to the other
    let mut r = BufReader::with_capacity(READ_BUFFER, reader);
    let mut long_line = Vec::new();
    let mut split = Splitter::default();
    let limit = MAX_ROW_BYTES + 1;
    loop {
        // a line is taken from the read buffer where it holds a whole one,
        // and copied together only when it does not
        let avail = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return split.read_error(&e, source, emit),
        };
        if avail.is_empty() {
            break;
        }
        let taken = split.bulk(avail);
        if taken > 0 {
            r.consume(taken);
            continue;
        }
        if let Some(i) = memchr::memchr(b'\n', &avail[..avail.len().min(limit)]) {
            split.line(&avail[..=i], source, emit);
            r.consume(i + 1);
            continue;
        }
        long_line.clear();
        match read_line(&mut r, &mut long_line, limit as u64) {
            Ok(_) => split.line(&long_line, source, emit),
            Err(e) => return split.read_error(&e, source, emit),
        }
    }
    split.end(source, emit);
}

/// The row reader's state between lines.
struct Splitter {
    row: Row,
    state: State,
    line_no: u64,
    index: u64,
    /// Skipping an oversized row until the next row start.
    skipping: bool,
    /// Whether the next chunk read starts a line (a chunk is a line, or
    /// part of one longer than a row may be).
    at_line_start: bool,
    /// Before the first row: a header row is skipped, and so are the lines
    /// of a row cut off at the start of a piece of a split dump.
    seeking: bool,
    /// Non-blank lines skipped while seeking.
    cut_lines: u64,
}

impl Default for Splitter {
    fn default() -> Splitter {
        Splitter {
            row: Row::default(),
            state: State::FieldStart,
            line_no: 0,
            index: 0,
            skipping: false,
            at_line_start: true,
            seeking: true,
            cut_lines: 0,
        }
    }
}

impl Splitter {
    fn read_error(
        &self,
        e: &std::io::Error,
        source: &str,
        emit: &mut dyn FnMut(Result<DumpRow, DocProblem>),
    ) {
        emit(Err(DocProblem {
            location: Location::file(source).line(self.line_no + 1),
            message: format!("read error: {}", crate::problem::io_message(e)),
        }));
    }

    /// Inside a quoted field, at the start of a line: take the whole lines
    /// at the start of `avail` that hold no quote or backslash, as
    /// [`Splitter::line`] would one by one (most of a cable's text). None
    /// of them can start a row: a row start has quotes. Returns the bytes
    /// taken (0: use `line`).
    fn bulk(&mut self, avail: &[u8]) -> usize {
        if self.state != State::Quoted || self.skipping || !self.at_line_start || !self.row.started
        {
            return 0;
        }
        let run = &avail[..memchr::memchr2(b'"', b'\\', avail).unwrap_or(avail.len())];
        let end = memchr::memrchr(b'\n', run).map_or(0, |nl| nl + 1);
        if end == 0 || self.row.size + end > MAX_ROW_BYTES {
            return 0;
        }
        // (the iterator's `count` is memchr's vectorised count)
        let lines = memchr::memchr_iter(b'\n', &run[..end]).count() as u64;
        self.row.field.extend_from_slice(&avail[..end]);
        self.row.size += end;
        self.line_no += lines;
        end
    }

    /// Feed one line (or a piece of a line longer than a row may be).
    fn line(
        &mut self,
        line: &[u8],
        source: &str,
        emit: &mut dyn FnMut(Result<DumpRow, DocProblem>),
    ) {
        let line_start = self.at_line_start;
        self.at_line_start = line.last() == Some(&b'\n');
        if line_start {
            self.line_no += 1;
        }
        let starts_row = line_start && digit_first(line) && ROW_START_BYTES.is_match(line);
        if self.seeking {
            let blank = line.iter().all(u8::is_ascii_whitespace);
            let header = line_start && self.cut_lines == 0 && is_header_row(line);
            // the first line starts a row when it opens like one (a quoted
            // or numeric first field), else lines are cut up to a row start
            let opens_row = line_start && self.cut_lines == 0 && digit_or_quote(line);
            if !starts_row && !opens_row {
                if !blank && !header && line_start {
                    self.cut_lines += 1;
                }
                return;
            }
            self.seeking = false;
            self.report_cut(source, emit);
        }
        if self.skipping {
            if !starts_row {
                return;
            }
            self.skipping = false;
        }
        if starts_row
            && matches!(self.state, State::Quoted | State::QuotedEscape)
            && self.row.started
        {
            // a quote never closed: the row ran into the next one
            self.index += 1;
            self.row.fault(format!(
                "line {}: unbalanced quotes: a field is still open where the next row starts at line {}",
                self.row.line, self.line_no
            ));
            finish(self.row.take(), self.index, source, emit);
            self.state = State::FieldStart;
        }
        if !self.row.started {
            self.row.line = self.line_no;
        }
        let mut k = 0;
        while k < line.len() {
            if self.state == State::Quoted {
                // inside a quoted field only a quote or a backslash matters:
                // copy the run before the next one whole
                let rest = &line[k..];
                let n = memchr::memchr2(b'"', b'\\', rest).unwrap_or(rest.len());
                if n > 0 {
                    self.row.started = true;
                    self.row.field.extend_from_slice(&rest[..n]);
                    k += n;
                    continue;
                }
            }
            let b = line[k];
            k += 1;
            self.row.started = true;
            self.state = step(&mut self.row, self.state, b);
            if self.state == State::FieldStart && b == b'\n' && self.row.fields.is_empty() {
                // a blank line between rows
                self.row.started = false;
                continue;
            }
            if b == b'\n' && self.state == State::FieldStart && !self.row.fields.is_empty() {
                self.index += 1;
                finish(self.row.take(), self.index, source, emit);
            }
        }
        self.row.size += line.len();
        if self.row.size > MAX_ROW_BYTES {
            self.index += 1;
            self.row.fault(format!(
                "line {}: self.row larger than {} MiB",
                self.row.line,
                MAX_ROW_BYTES / (1024 * 1024)
            ));
            finish(self.row.take(), self.index, source, emit);
            self.state = State::FieldStart;
            self.skipping = true;
        }
    }

    /// Report the lines skipped before the first row, if any.
    fn report_cut(&mut self, source: &str, emit: &mut dyn FnMut(Result<DumpRow, DocProblem>)) {
        if self.cut_lines == 0 {
            return;
        }
        let n = std::mem::take(&mut self.cut_lines);
        emit(Err(DocProblem {
            location: Location::file(source).line(1),
            message: format!(
                "{n} line{} before the first dump row (the end of a row cut off in a split dump?); skipped",
                if n == 1 { "" } else { "s" }
            ),
        }));
    }

    /// The end of the input: the last row, if one is open.
    fn end(mut self, source: &str, emit: &mut dyn FnMut(Result<DumpRow, DocProblem>)) {
        self.report_cut(source, emit);
        let Splitter {
            mut row,
            state,
            mut index,
            ..
        } = self;
        if row.started && !(row.fields.is_empty() && row.field.iter().all(u8::is_ascii_whitespace))
        {
            if matches!(state, State::Quoted | State::QuotedEscape) {
                row.fault(format!(
                    "line {}: unbalanced quotes: a field is still open at the end of the file",
                    row.line
                ));
            }
            row.end_field();
            index += 1;
            finish(row, index, source, emit);
        }
    }
}

/// Does the line open like a row: a quote or a digit first?
fn digit_or_quote(line: &[u8]) -> bool {
    matches!(line.first(), Some(b'"' | b'0'..=b'9'))
}

/// Does the line start like a row (a row number, `"12",` or `12,`)? The
/// test before the pattern, which most lines (cable text) fail.
fn digit_first(line: &[u8]) -> bool {
    match line.first() {
        Some(b'"') => line.get(1).is_some_and(u8::is_ascii_digit),
        Some(b) => b.is_ascii_digit(),
        None => false,
    }
}

/// Append the next line of `r` (with its `\n`) to `buf`, at most `limit`
/// bytes of it: `BufRead::read_until` on a `take`, but with `memchr`'s
/// vectorised search (the dump is read a line at a time).
fn read_line(r: &mut impl BufRead, buf: &mut Vec<u8>, limit: u64) -> std::io::Result<usize> {
    let mut read = 0usize;
    loop {
        let avail = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let room = (limit as usize).saturating_sub(read).min(avail.len());
        let (used, done) = match memchr::memchr(b'\n', &avail[..room]) {
            Some(i) => (i + 1, true),
            None => (room, room == 0 || read + room >= limit as usize),
        };
        buf.extend_from_slice(&avail[..used]);
        r.consume(used);
        read += used;
        if done {
            return Ok(read);
        }
    }
}

/// Feed one byte to the row; a `\n` that ends the row leaves the state at
/// [`State::FieldStart`] with the fields complete.
fn step(row: &mut Row, state: State, b: u8) -> State {
    match state {
        State::FieldStart => match b {
            b'"' => State::Quoted,
            b',' => {
                row.end_field();
                State::FieldStart
            }
            b'\n' => {
                if !row.fields.is_empty() {
                    row.end_field();
                }
                State::FieldStart
            }
            b'\r' => State::FieldStart,
            b'\\' => State::UnquotedEscape,
            _ => {
                row.field.push(b);
                State::Unquoted
            }
        },
        State::Unquoted => match b {
            b',' => {
                row.end_field();
                State::FieldStart
            }
            b'\n' => {
                trim_cr(&mut row.field);
                row.end_field();
                State::FieldStart
            }
            b'\\' => State::UnquotedEscape,
            _ => {
                row.field.push(b);
                State::Unquoted
            }
        },
        State::UnquotedEscape => {
            row.field.push(b);
            State::Unquoted
        }
        State::Quoted => match b {
            b'\\' => State::QuotedEscape,
            b'"' => State::AfterQuote,
            _ => {
                row.field.push(b);
                State::Quoted
            }
        },
        State::QuotedEscape => {
            row.field.push(b);
            State::Quoted
        }
        State::AfterQuote => match b {
            b',' => {
                row.end_field();
                State::FieldStart
            }
            b'\n' => {
                row.end_field();
                State::FieldStart
            }
            b'\r' | b' ' | b'\t' => State::AfterQuote,
            b'"' => {
                // a doubled quote inside a quoted field
                row.field.push(b'"');
                State::Quoted
            }
            _ => {
                let line = row.line;
                row.fault(format!(
                    "line {line}: text after the closing quote of column {}",
                    row.fields.len() + 1
                ));
                row.field.push(b);
                State::Unquoted
            }
        },
    }
}

fn trim_cr(v: &mut Vec<u8>) {
    if v.last() == Some(&b'\r') {
        v.pop();
    }
}

/// Turn a complete row into a job, or into a problem.
fn finish(row: Row, index: u64, source: &str, emit: &mut dyn FnMut(Result<DumpRow, DocProblem>)) {
    let Row {
        fields,
        line,
        fault,
        ..
    } = row;
    let number = fields
        .first()
        .and_then(|f| std::str::from_utf8(f).ok())
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or(index);
    let location = Location::file(source).row(number);
    if let Some(message) = fault {
        return emit(Err(DocProblem { location, message }));
    }
    if fields.len() != COLUMNS {
        return emit(Err(DocProblem {
            location,
            message: format!(
                "line {line}: expected {COLUMNS} columns (row,date,refid,origin,classification,references,header,content), found {}",
                fields.len()
            ),
        }));
    }
    let cell = |i: usize| decode(&fields[i]).0;
    // (the decoded cell itself when it has no blanks to trim: no copy)
    let opt = |s: String| {
        let t = s.trim();
        if t.len() == s.len() {
            (!s.is_empty()).then_some(s)
        } else {
            (!t.is_empty()).then(|| t.to_string())
        }
    };
    let date = opt(cell(1));
    let meta = KnownMeta {
        id: opt(cell(2)),
        created: date.map(|d| normalize_datetime(&d).unwrap_or(d)),
        released: None,
        classification: opt(cell(4)),
        origin: opt(cell(3)),
        references: cell(5)
            .split(['|', ','])
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string)
            .collect(),
    };
    let mut fields = fields;
    let content = std::mem::take(&mut fields[7]);
    let header = std::mem::take(&mut fields[6]);
    emit(Ok(DumpRow {
        source: location.to_string(),
        location,
        meta,
        header,
        content,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &[u8]) -> Vec<Result<(String, KnownMeta, String), DocProblem>> {
        run_from(Box::new(std::io::Cursor::new(input.to_vec())))
    }

    /// A reader that hands out one byte per read: the read buffer then never
    /// holds two bytes, so [`Splitter::bulk`] never applies and every line
    /// goes through [`Splitter::line`].
    struct Trickle(std::io::Cursor<Vec<u8>>);

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(1);
            self.0.read(&mut buf[..n])
        }
    }

    proptest::proptest! {
        /// Whole lines taken in bulk give what line-by-line reading gives:
        /// rows, their numbers, and every fault with its line.
        #[test]
        fn bulk_lines_read_as_lines_do(parts in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::strategy::Just("\"1\",\"1/2/2009 10:00\",\"09A1\",\"O\",\"C\",\"\",\"H\",\""),
                proptest::strategy::Just("\"2\",\"1/3/2009 10:00\",\"09A2\",\"O\",\"U\",\"\",\"H\n"),
                proptest::strategy::Just("text of a cable\n"),
                proptest::strategy::Just("1. (C) PGR and SSP.\n"),
                proptest::strategy::Just("\n"),
                proptest::strategy::Just("\\\"quoted\\\" "),
                proptest::strategy::Just("\"\"twice\"\" "),
                proptest::strategy::Just("\"\n"),
                proptest::strategy::Just("\",\""),
                proptest::strategy::Just("9"),
                proptest::strategy::Just("\r\n"),
            ],
            0..24,
        )) {
            let input = parts.concat().into_bytes();
            let by_lines = run_from(Box::new(Trickle(std::io::Cursor::new(input.clone()))));
            proptest::prop_assert_eq!(format!("{:?}", run(&input)), format!("{by_lines:?}"));
        }
    }

    fn run_from(
        reader: Box<dyn Read + Send>,
    ) -> Vec<Result<(String, KnownMeta, String), DocProblem>> {
        let mut out = Vec::new();
        rows(reader, "d.csv", &mut |j| {
            out.push(j.map(|j| {
                let (header, content) = (decode(&j.header).0, decode(&j.content).0);
                (j.source, j.meta, format!("{header}\n\n{content}"))
            }))
        });
        out
    }

    const THREE: &[u8] = b"\"1\",\"12/28/1966 18:48\",\"66BUENOSAIRES1\",\"Embassy Buenos Aires\",\"UNCLASSIFIED\",\"66STATE1|66STATE2\",\"P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES\",\"UNCLASSIFIED\n\n1. SAID \\\"NO\\\" TO SHAH\\'S PLAN.\n\"
\"2\",\"2/5/1972 9:30\",\"72TEHRAN9\",\"Embassy Tehran\",\"CONFIDENTIAL\",\"\",\"H\",\"\xB61. (C) Mexico\x92s.\"\r
\"3\",\"2/5/1972 9:31\",\"72TEHRAN10\",\"Embassy Tehran\",\"SECRET\",\"\",\"H\",\"C\"";

    #[test]
    fn detects_the_dump() {
        assert!(looks_like_dump(&String::from_utf8_lossy(THREE)));
        assert!(!looks_like_dump("row,date,refid\n"));
        assert!(!looks_like_dump("\"a\",\"b\"\n"));
        assert!(!looks_like_dump("SUBJECT: X"));
    }

    #[test]
    fn three_rows_with_escapes_newlines_and_latin1() {
        let out = run(THREE);
        assert_eq!(out.len(), 3);
        let (src, meta, text) = out[0].as_ref().unwrap();
        assert_eq!(src, "d.csv:row 1");
        assert_eq!(meta.id.as_deref(), Some("66BUENOSAIRES1"));
        assert_eq!(meta.created.as_deref(), Some("1966-12-28 18:48"));
        assert_eq!(meta.origin.as_deref(), Some("Embassy Buenos Aires"));
        assert_eq!(meta.classification.as_deref(), Some("UNCLASSIFIED"));
        assert_eq!(meta.references, ["66STATE1", "66STATE2"]);
        assert_eq!(
            text,
            "P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES\n\nUNCLASSIFIED\n\n1. SAID \"NO\" TO SHAH'S PLAN.\n"
        );
        let (src, meta, text) = out[1].as_ref().unwrap();
        assert_eq!(src, "d.csv:row 2");
        assert_eq!(meta.created.as_deref(), Some("1972-02-05 09:30"));
        assert_eq!(text, "H\n\n¶1. (C) Mexico’s.");
        let (src, _, text) = out[2].as_ref().unwrap();
        assert_eq!(src, "d.csv:row 3");
        assert_eq!(text, "H\n\nC");
    }

    #[test]
    fn bad_rows_are_reported_and_the_others_come_out() {
        let mut input = THREE.to_vec();
        input.extend_from_slice(
            b"\n\"4\",\"2/5/1972 9:31\",\"X\",\"O\"\n\
\"5\",\"2/5/1972 9:31\",\"72X5\",\"O\",\"S\",\"\",\"H\",\"never closed\n\
\"6\",\"2/5/1972 9:31\",\"72X6\",\"O\",\"S\",\"\",\"H\",\"a\"b\"\n\
\"7\",\"2/5/1972 9:31\",\"72X7\",\"O\",\"S\",\"\",\"H\",\"fine\"\n\
\"8\",\"2/5/1972 9:31\",\"72X8\",\"O\",\"S\",\"\",\"H\",\"open at the end\n",
        );
        let out = run(&input);
        let summary: Vec<String> = out
            .iter()
            .map(|r| match r {
                Ok((s, ..)) => s.clone(),
                Err(p) => format!("ERR {p}"),
            })
            .collect();
        assert_eq!(summary.len(), 8, "{summary:#?}");
        assert!(summary[3].starts_with("ERR d.csv:row 4: line 8: expected 8 columns"));
        assert!(summary[4].starts_with("ERR d.csv:row 5: line 9: unbalanced quotes"));
        assert!(summary[5].starts_with("ERR d.csv:row 6: line 10: text after the closing quote"));
        assert_eq!(summary[6], "d.csv:row 7");
        assert!(summary[7].starts_with("ERR d.csv:row 8: line 12: unbalanced quotes"));
    }

    #[test]
    fn row_number_falls_back_to_position() {
        let out = run(b"\"x\",\"1/1/2000 0:00\",\"00A1\",\"O\",\"U\",\"\",\"H\",\"C\"\n");
        assert_eq!(out[0].as_ref().unwrap().0, "d.csv:row 1");
    }

    #[test]
    fn garbage_does_not_panic() {
        for input in [
            &b""[..],
            b"\n\n",
            b"\"",
            b"\\",
            b"\"1\",\"\\",
            b",,,,,,,\n",
            b"\xff\xfe\"\x00,\n\r\r",
        ] {
            let _ = run(input);
        }
    }
}
