//! `--format xlsx` (`cablegraph.xlsx`, one workbook) and `--format evidence`
//! (`evidence.csv`): the paragraph text behind every link, for people who
//! read the evidence in a spreadsheet.
//!
//! The workbook has four sheets — Cables, Entities, Links, Evidence — each
//! with a bold header row that stays in view (frozen), a filter on every
//! column, set column widths, dates as real spreadsheet dates and numbers
//! as numbers. Every text cell is written as a plain string (never a
//! formula, whatever it starts with) and cut like the CSV cells to
//! Excel's 32,767 characters ([`super::tables::cell`]). A sheet holds at most
//! Excel's 1,048,576 rows; rows beyond that are left out and counted.
//!
//! An evidence paragraph is a paragraph that backs at least one kept link:
//! for `--unit paragraph`, `sentence` and `window:N`, the paragraph that
//! holds the unit; for `--unit cable`, every paragraph of the cable that
//! mentions either entity. Its row: `cable,paragraph,marking,date,subject,
//! text,entities` — `entities` the labels of the entities mentioned in it,
//! in text order, joined with `; `.
//!
//! The rows are made by the worker threads ([`evidence_rows`]) while the
//! cables stream past, into a scratch CSV with one more column (the
//! entity pairs the paragraph backs); once the graph is filtered
//! ([`keep_set`]) the rows of kept links are copied out ([`EvidenceReader`]).
//! Memory stays bounded by one cable, not by the corpus; the workbook's
//! sheets are written row by row (rust_xlsxwriter's constant-memory mode).
//! None of this runs unless asked for, so the default `extract` pays nothing.

use std::collections::HashSet;
use std::path::Path;

use crate::error::{Context, Result};
use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, FormatAlign, Workbook, Worksheet};

use super::tables::{cell, push_field};
use crate::cable::Cable;
use crate::gazetteer::Gazetteer;
use crate::graph::{fixed, Evidence, Located, Measure, Network};

/// The workbook's file name.
pub const FILE_NAME: &str = "cablegraph.xlsx";
/// `evidence.csv`'s header.
pub const EVIDENCE_HEADER: [&str; 7] = [
    "cable",
    "paragraph",
    "marking",
    "date",
    "subject",
    "text",
    "entities",
];
/// Rows in an Excel sheet, header included.
pub(crate) const MAX_ROWS: u32 = 1_048_576;

/// The pairs a cable's units link, as [`Aggregate::add_cable`] reports
/// them: `(paragraph number or None for a whole cable, source, target)`.
///
/// [`Aggregate::add_cable`]: crate::graph::Aggregate::add_cable
pub type CablePairs = Vec<(Option<u32>, u32, u32)>;

/// Remember one evidence unit of the cable being added.
pub fn note_pair(pairs: &mut CablePairs, ev: &Evidence<'_>) {
    pairs.push((ev.paragraph, ev.source, ev.target));
}

/// Append the scratch rows of one cable's evidence paragraphs: the
/// [`EVIDENCE_HEADER`] columns and the pairs (`a:b a:b`, entity indices).
pub fn evidence_rows(
    out: &mut Vec<u8>,
    gaz: &Gazetteer,
    cable: &Cable,
    mentions: &[Located],
    pairs: &[(Option<u32>, u32, u32)],
) {
    if pairs.is_empty() {
        return;
    }
    let ents = gaz.entities();
    let mut row_head = Vec::new();
    push_field(&mut row_head, &cell(&cable.id));
    let mut tail = Vec::new();
    tail.push(b',');
    if let Some(d) = &cable.created {
        push_field(&mut tail, &cell(d));
    }
    tail.push(b',');
    if let Some(s) = &cable.subject {
        push_field(&mut tail, &cell(s));
    }
    let mut num = itoa::Buffer::new();
    let mut i = 0;
    while i < mentions.len() {
        let p = mentions[i].paragraph;
        let n = mentions[i..]
            .iter()
            .take_while(|m| m.paragraph == p)
            .count();
        let group = &mentions[i..i + n];
        i += n;
        let para = &cable.paragraphs[p];
        // distinct entities in text order
        let mut seen: Vec<u32> = Vec::new();
        for m in group {
            if !seen.contains(&m.mention.entity) {
                seen.push(m.mention.entity);
            }
        }
        let mut backs: Vec<(u32, u32)> = pairs
            .iter()
            .filter(|(q, a, b)| match q {
                Some(q) => *q == para.number,
                None => seen.contains(a) || seen.contains(b),
            })
            .map(|&(_, a, b)| (a, b))
            .collect();
        if backs.is_empty() {
            continue;
        }
        backs.sort_unstable();
        backs.dedup();
        out.extend_from_slice(&row_head);
        out.push(b',');
        out.extend_from_slice(num.format(para.number).as_bytes());
        out.push(b',');
        if let Some(m) = &para.classification {
            push_field(out, m);
        }
        out.extend_from_slice(&tail);
        out.push(b',');
        push_field(out, &cell(&para.text));
        out.push(b',');
        let labels: Vec<&str> = seen
            .iter()
            .map(|&e| ents[e as usize].name.as_str())
            .collect();
        push_field(out, &cell(&labels.join("; ")));
        out.push(b',');
        for (k, (a, b)) in backs.iter().enumerate() {
            if k > 0 {
                out.push(b' ');
            }
            out.extend_from_slice(num.format(*a).as_bytes());
            out.push(b':');
            out.extend_from_slice(num.format(*b).as_bytes());
        }
        out.push(b'\n');
    }
}

/// The kept links of the final graph, as entity-index pairs.
pub fn keep_set(net: &Network<'_>) -> HashSet<(u32, u32)> {
    net.edges
        .iter()
        .map(|e| {
            let (a, b) = (net.nodes[e.source].index, net.nodes[e.target].index);
            (a.min(b), a.max(b))
        })
        .collect()
}

/// Reads the scratch evidence rows back, yielding those that back a kept
/// link (without the pairs column).
pub struct EvidenceReader<'a> {
    rdr: csv::Reader<std::fs::File>,
    keep: &'a HashSet<(u32, u32)>,
    rec: csv::StringRecord,
}

impl<'a> EvidenceReader<'a> {
    /// Open the scratch file.
    pub fn open(path: &Path, keep: &'a HashSet<(u32, u32)>) -> Result<EvidenceReader<'a>> {
        let rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(path)
            .with_context(|| format!("{}: cannot read back", path.display()))?;
        Ok(EvidenceReader {
            rdr,
            keep,
            rec: csv::StringRecord::new(),
        })
    }

    /// The next kept row, or `None` at the end.
    pub fn next_row(&mut self) -> Result<Option<&csv::StringRecord>> {
        loop {
            if !self.rdr.read_record(&mut self.rec)? {
                return Ok(None);
            }
            let pairs = self.rec.get(EVIDENCE_HEADER.len()).unwrap_or("");
            let kept = pairs.split(' ').any(|p| {
                let Some((a, b)) = p.split_once(':') else {
                    return false;
                };
                match (a.parse::<u32>(), b.parse::<u32>()) {
                    (Ok(a), Ok(b)) => self.keep.contains(&(a.min(b), a.max(b))),
                    _ => false,
                }
            });
            if kept {
                self.rec.truncate(EVIDENCE_HEADER.len());
                return Ok(Some(&self.rec));
            }
        }
    }
}

/// Copy the kept evidence rows into `evidence.csv`'s writer (header
/// first). Returns the rows written.
pub fn write_evidence_csv<W: std::io::Write>(
    w: &mut csv::Writer<W>,
    scratch: &Path,
    keep: &HashSet<(u32, u32)>,
) -> Result<u64> {
    w.write_record(EVIDENCE_HEADER)?;
    let mut rdr = EvidenceReader::open(scratch, keep)?;
    let mut n = 0;
    while let Some(rec) = rdr.next_row()? {
        w.write_record(rec)?;
        n += 1;
    }
    Ok(n)
}

/// A spreadsheet date from `YYYY-MM-DD` or `YYYY-MM-DD HH:MM[:SS]`.
pub(crate) fn excel_date(s: &str) -> Option<ExcelDateTime> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u16> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let date = ExcelDateTime::from_ymd(num(0..4)?, num(5..7)? as u8, num(8..10)? as u8).ok()?;
    if b.len() == 10 {
        return Some(date);
    }
    if b.len() < 16 || b[10] != b' ' || b[13] != b':' {
        return None;
    }
    let sec = if b.len() >= 19 && b[16] == b':' {
        num(17..19)?
    } else {
        0
    };
    let (hour, min) = (num(11..13)?, num(14..16)?);
    if hour > 23 {
        return None;
    }
    date.and_hms(hour, u8::try_from(min).ok()?, sec).ok()
}

/// What a workbook holds, for the summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WorkbookStats {
    /// Evidence rows written.
    pub evidence: u64,
    /// Rows of any sheet left out at Excel's row limit.
    pub left_out: u64,
}

/// One sheet being written row by row.
struct Sheet<'w> {
    ws: &'w mut Worksheet,
    row: u32,
    cols: u16,
    left_out: u64,
}

impl<'w> Sheet<'w> {
    fn new(
        wb: &'w mut Workbook,
        name: &str,
        header: &[(&str, f64)],
        bold: &CellFormat,
    ) -> Result<Sheet<'w>> {
        let ws = wb.add_worksheet_with_constant_memory();
        ws.set_name(name)?;
        for (c, (h, width)) in header.iter().enumerate() {
            ws.set_column_width(c as u16, *width)?;
            ws.write_string_with_format(0, c as u16, *h, bold)?;
        }
        ws.set_freeze_panes(1, 0)?;
        Ok(Sheet {
            ws,
            row: 0,
            cols: header.len() as u16,
            left_out: 0,
        })
    }

    /// Start the next row; `false` when the sheet is full.
    fn next(&mut self) -> bool {
        if self.row + 1 >= MAX_ROWS {
            self.left_out += 1;
            return false;
        }
        self.row += 1;
        true
    }

    fn text(&mut self, col: u16, s: &str) -> Result<()> {
        if !s.is_empty() {
            self.ws.write_string(self.row, col, cell(s).as_ref())?;
        }
        Ok(())
    }

    fn number(&mut self, col: u16, x: f64) -> Result<()> {
        self.ws.write_number(self.row, col, x)?;
        Ok(())
    }

    /// A date cell, or the text as it is when it is not a date.
    fn date(&mut self, col: u16, s: &str, fmt: &CellFormat) -> Result<()> {
        match excel_date(s) {
            Some(d) => {
                self.ws.write_datetime_with_format(self.row, col, &d, fmt)?;
            }
            None => self.text(col, s)?,
        }
        Ok(())
    }

    /// A whole number, or the text when it is not one.
    fn count(&mut self, col: u16, s: &str) -> Result<()> {
        match s.parse::<u64>() {
            Ok(n) => self.number(col, n as f64),
            Err(_) => self.text(col, s),
        }
    }

    fn finish(self) -> Result<u64> {
        self.ws.autofilter(0, 0, self.row, self.cols - 1)?;
        Ok(self.left_out)
    }
}

/// Write the workbook: cables from `cables_scratch` (rows as in
/// `cables.csv`, no header), the network, and the kept evidence rows.
///
/// Long by design: the workbook's sheets one after another, in the order they appear.
#[allow(clippy::too_many_lines)]
pub fn workbook(
    cables_scratch: &Path,
    net: &Network<'_>,
    measures: &[Measure],
    evidence_scratch: &Path,
    keep: &HashSet<(u32, u32)>,
) -> Result<(Vec<u8>, WorkbookStats)> {
    let mut wb = Workbook::new();
    let bold = CellFormat::new().set_bold();
    let datetime = CellFormat::new()
        .set_num_format("yyyy-mm-dd hh:mm")
        .set_align(FormatAlign::Left);
    let mut stats = WorkbookStats::default();

    // Cables
    {
        let mut s = Sheet::new(
            &mut wb,
            "Cables",
            &[
                ("id", 22.0),
                ("created", 17.0),
                ("released", 17.0),
                ("classification", 16.0),
                ("origin", 26.0),
                ("subject", 60.0),
                ("tags", 24.0),
                ("paragraphs", 11.0),
                ("source", 40.0),
            ],
            &bold,
        )?;
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(cables_scratch)
            .with_context(|| format!("{}: cannot read back", cables_scratch.display()))?;
        let mut rec = csv::StringRecord::new();
        while rdr.read_record(&mut rec)? {
            if !s.next() {
                continue;
            }
            for (c, v) in rec.iter().enumerate() {
                match c {
                    1 | 2 => s.date(c as u16, v, &datetime)?,
                    7 => s.count(7, v)?,
                    _ => s.text(c as u16, v)?,
                }
            }
        }
        stats.left_out += s.finish()?;
    }

    // Entities
    {
        let mut s = Sheet::new(
            &mut wb,
            "Entities",
            &[
                ("Id", 28.0),
                ("Label", 40.0),
                ("Type", 14.0),
                ("Mentions", 10.0),
                ("Paragraphs", 11.0),
                ("Cables", 9.0),
                ("Degree", 9.0),
                ("WeightedDegree", 15.0),
                ("PageRank", 10.0),
                ("Component", 11.0),
            ],
            &bold,
        )?;
        for n in &net.nodes {
            if !s.next() {
                continue;
            }
            s.text(0, &n.entity.id)?;
            s.text(1, &n.entity.name)?;
            s.text(2, &n.entity.kind)?;
            for (c, v) in [
                n.stats.mentions,
                n.stats.paragraphs,
                n.stats.cables,
                n.degree,
                n.weighted_degree,
            ]
            .into_iter()
            .enumerate()
            {
                s.number(3 + c as u16, v as f64)?;
            }
            s.number(8, fixed(n.pagerank).parse().unwrap_or(n.pagerank))?;
            s.number(9, n.component as f64)?;
        }
        stats.left_out += s.finish()?;
    }

    // Links
    {
        let mut header: Vec<(&str, f64)> = vec![
            ("Source", 28.0),
            ("Target", 28.0),
            ("Type", 11.0),
            ("Weight", 9.0),
            ("Cables", 9.0),
        ];
        header.extend(measures.iter().map(|m| (m.column(), 10.0)));
        header.push(("SourceLabel", 40.0));
        header.push(("TargetLabel", 40.0));
        let mut s = Sheet::new(&mut wb, "Links", &header, &bold)?;
        let extra = 5 + measures.len() as u16;
        for e in &net.edges {
            if !s.next() {
                continue;
            }
            let (a, b) = (&net.nodes[e.source].entity, &net.nodes[e.target].entity);
            s.text(0, &a.id)?;
            s.text(1, &b.id)?;
            s.text(2, "Undirected")?;
            s.number(3, e.stats.weight as f64)?;
            s.number(4, e.stats.cables as f64)?;
            for (k, m) in measures.iter().enumerate() {
                let x = e.assoc.get(*m);
                s.number(5 + k as u16, fixed(x).parse().unwrap_or(x))?;
            }
            s.text(extra, &a.name)?;
            s.text(extra + 1, &b.name)?;
        }
        stats.left_out += s.finish()?;
    }

    // Evidence
    {
        let mut s = Sheet::new(
            &mut wb,
            "Evidence",
            &[
                ("cable", 22.0),
                ("paragraph", 10.0),
                ("marking", 9.0),
                ("date", 17.0),
                ("subject", 40.0),
                ("text", 100.0),
                ("entities", 40.0),
            ],
            &bold,
        )?;
        let mut rdr = EvidenceReader::open(evidence_scratch, keep)?;
        while let Some(rec) = rdr.next_row()? {
            if !s.next() {
                continue;
            }
            stats.evidence += 1;
            for (c, v) in rec.iter().enumerate() {
                match c {
                    1 => s.count(1, v)?,
                    3 => s.date(3, v, &datetime)?,
                    _ => s.text(c as u16, v)?,
                }
            }
        }
        stats.left_out += s.finish()?;
    }

    let buf = wb.save_to_buffer().context("writing the workbook")?;
    Ok((buf, stats))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(excel_date("2009-02-04 17:08").is_some());
        assert!(excel_date("2009-02-04").is_some());
        assert!(excel_date("2009-02-04 17:08:30").is_some());
        for bad in [
            "",
            "2009-02",
            "2009-13-01",
            "2009-02-04T17:08",
            "20090204",
            "2009-02-31",
        ] {
            assert!(excel_date(bad).is_none(), "{bad}");
        }
    }
}
