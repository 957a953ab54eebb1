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
//! in constant memory. Each good row becomes a [`Job::Row`] whose `source`
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
use crate::read::Job;

/// The dump's column count.
pub const COLUMNS: usize = 8;

/// The largest row read; a larger one is reported and skipped.
pub const MAX_ROW_BYTES: usize = 64 * 1024 * 1024;

/// The start of a dump row: row number, date and the opening of the id.
static ROW_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^"?\d{1,9}"?,"\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}(?::\d{2})?","[^"\n]*",""#)
        .expect("valid regex")
});
static ROW_START_BYTES: LazyLock<BytesRegex> = LazyLock::new(|| {
    BytesRegex::new(r#"^"?\d{1,9}"?,"\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}(?::\d{2})?",""#)
        .expect("valid regex")
});

/// Does this look like rows of the dump? True when the first non-blank
/// line starts like a dump row: a row number, an `M/D/YYYY H:MM` date and
/// the opening of the reference id, all quoted.
pub fn looks_like_dump(head: &str) -> bool {
    let head = head.trim_start_matches('\u{feff}');
    head.lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| ROW_START.is_match(l.trim_start()))
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
}

impl Row {
    fn end_field(&mut self) {
        self.fields.push(std::mem::take(&mut self.field));
    }

    fn fault(&mut self, m: String) {
        if self.fault.is_none() {
            self.fault = Some(m);
        }
    }
}

/// Stream the rows of a dump as jobs (see the module docs).
pub fn rows(
    reader: Box<dyn Read + Send>,
    source: &str,
    emit: &mut dyn FnMut(Result<crate::read::Job, DocProblem>),
) {
    let mut r = BufReader::with_capacity(256 * 1024, reader);
    let mut line = Vec::with_capacity(64 * 1024);
    let mut row = Row::default();
    let mut state = State::FieldStart;
    let mut line_no = 0u64;
    let mut index = 0u64;
    // skipping an oversized row until the next row start
    let mut skipping = false;
    // whether the next chunk read starts a line (a chunk is a line, or
    // part of one longer than a row may be)
    let mut at_line_start = true;
    loop {
        line.clear();
        let limit = MAX_ROW_BYTES as u64 + 1;
        match (&mut r).take(limit).read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                emit(Err(DocProblem {
                    location: format!("{source}:{}", line_no + 1),
                    message: format!("read error: {}", crate::read::io_message(&e)),
                }));
                return;
            }
        }
        let line_start = at_line_start;
        at_line_start = line.last() == Some(&b'\n');
        if line_start {
            line_no += 1;
        }
        let starts_row = line_start && ROW_START_BYTES.is_match(&line);
        if skipping {
            if !starts_row {
                continue;
            }
            skipping = false;
        }
        if starts_row && matches!(state, State::Quoted | State::QuotedEscape) && row.started {
            // a quote never closed: the row ran into the next one
            index += 1;
            row.fault(format!(
                "line {}: unbalanced quotes: a field is still open where the next row starts at line {line_no}",
                row.line
            ));
            finish(std::mem::take(&mut row), index, source, emit);
            state = State::FieldStart;
        }
        if !row.started {
            row.line = line_no;
        }
        let mut k = 0;
        while k < line.len() {
            if state == State::Quoted {
                // inside a quoted field only a quote or a backslash matters:
                // copy the run before the next one whole
                let rest = &line[k..];
                let n = rest
                    .iter()
                    .position(|&c| c == b'"' || c == b'\\')
                    .unwrap_or(rest.len());
                if n > 0 {
                    row.started = true;
                    row.field.extend_from_slice(&rest[..n]);
                    k += n;
                    continue;
                }
            }
            let b = line[k];
            k += 1;
            row.started = true;
            state = step(&mut row, state, b);
            if state == State::FieldStart && b == b'\n' && row.fields.is_empty() {
                // a blank line between rows
                row.started = false;
                continue;
            }
            if b == b'\n' && state == State::FieldStart && !row.fields.is_empty() {
                index += 1;
                finish(std::mem::take(&mut row), index, source, emit);
            }
        }
        row.size += line.len();
        if row.size > MAX_ROW_BYTES {
            index += 1;
            row.fault(format!(
                "line {}: row larger than {} MiB",
                row.line,
                MAX_ROW_BYTES / (1024 * 1024)
            ));
            finish(std::mem::take(&mut row), index, source, emit);
            state = State::FieldStart;
            skipping = true;
        }
    }
    if row.started && !(row.fields.is_empty() && row.field.iter().all(u8::is_ascii_whitespace)) {
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
fn finish(row: Row, index: u64, source: &str, emit: &mut dyn FnMut(Result<Job, DocProblem>)) {
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
    let location = format!("{source}:row {number}");
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
    let opt = |s: String| {
        let t = s.trim();
        (!t.is_empty()).then(|| t.to_string())
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
    let mut bytes = std::mem::take(&mut fields[6]);
    bytes.extend_from_slice(b"\n\n");
    bytes.extend_from_slice(&content);
    emit(Ok(Job::Row {
        source: location,
        meta,
        bytes,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &[u8]) -> Vec<Result<(String, KnownMeta, String), DocProblem>> {
        let mut out = Vec::new();
        rows(
            Box::new(std::io::Cursor::new(input.to_vec())),
            "d.csv",
            &mut |j| {
                out.push(j.map(|j| match j {
                    Job::Row {
                        source,
                        meta,
                        bytes,
                    } => (source, meta, crate::decode::decode(&bytes).0),
                    Job::Document { .. } => unreachable!(),
                }))
            },
        );
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
