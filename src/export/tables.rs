//! The CSV tables: `cables.csv`, `mentions.csv`, `nodes.csv`, `edges.csv`
//! and `cooccurrences.csv`, with the contract's columns in order (extra
//! columns come after them).
//!
//! `nodes.csv` and `edges.csv` are Gephi's node and edge tables (`Id`,
//! `Label`, `Type`; `Source`, `Target`, `Type`, `Weight`), sorted by id.
//! Extra columns: `nodes.csv` adds `Degree,WeightedDegree,PageRank,Component`
//! (see [`crate::graph`]); `edges.csv` adds one column per `--measure`
//! (`PMI`, `NPMI`, `Dice`, `Jaccard`); `mentions.csv` adds `alias`, the
//! gazetteer alias that matched, and `rule`, the rule of the resolve stage
//! that accepted the mention ([`crate::rule::Rule::name`]); `cooccurrences.csv` adds `unit` (the
//! sentence number or word distance, see [`crate::graph`]).
//!
//! # Spreadsheets
//!
//! Every table is UTF-8 without a byte-order mark (`--csv-bom` adds one
//! for Excel's double-click open), with a header row, RFC 4180 quoting
//! (a field with a comma, quote or line break is quoted, quotes doubled),
//! `\n` line ends, dates as ISO `YYYY-MM-DD HH:MM`, floats with 6
//! decimals. No cell exceeds Excel's limit of 32,767 characters: a longer
//! text (a run-away subject, label or surface — only broken input gets
//! there) is cut and ends in [`TRUNCATED`]; lengths are counted in UTF-16
//! units, as Excel counts them. A truncated `surface` then no longer
//! equals `text[start..end]`, but `start` and `end` stay exact.
//!
//! # Formulas
//!
//! A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (or a tab
//! or carriage return) as a formula, and cable text is untrusted. So every
//! free-text cell — `subject`, `origin`, `classification`, `tags`,
//! `source` in `cables.csv`; `label`, `type`, `alias` in `mentions.csv`;
//! `Label`, `Type` in `nodes.csv` — that begins with one of them gets an
//! apostrophe in front (`'=1+1`), which spreadsheets show as text
//! ([`text_cell`]); a cell that is just `-` (standard input's name) is
//! left alone. Ids, numbers and dates are never changed, and neither is
//! `mentions.csv`'s `surface`, which stays exactly `text[start..end]`: no
//! gazetteer alias may begin with those characters (`gazetteer check`
//! refuses one), so no surface does.

use std::io::Write;

use std::borrow::Cow;

use crate::cable::Cable;
use crate::gazetteer::Gazetteer;
use crate::graph::{fixed, Evidence, Located, Measure, Network};
use crate::matcher::Matcher;

/// Excel's limit on the characters in one cell.
pub(crate) const MAX_CELL: usize = 32_767;

/// The marker that ends a cut cell.
pub const TRUNCATED: &str = "…[truncated]";

/// `s`, cut to fit a spreadsheet cell (see the module docs).
pub fn cell(s: &str) -> Cow<'_, str> {
    // cheap test first: UTF-16 units <= bytes
    if s.len() <= MAX_CELL || s.encode_utf16().count() <= MAX_CELL {
        return Cow::Borrowed(s);
    }
    let budget = MAX_CELL - TRUNCATED.encode_utf16().count();
    let mut used = 0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        if used + c.len_utf16() > budget {
            break;
        }
        used += c.len_utf16();
        end = i + c.len_utf8();
    }
    Cow::Owned(format!("{}{TRUNCATED}", &s[..end]))
}

/// Does `s` begin like a spreadsheet formula (see the module docs)?
pub(crate) fn formula_like(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s != "-"
}

/// A free-text cell: an apostrophe in front when it begins like a formula
/// (see the module docs), then cut like [`cell`].
pub fn text_cell(s: &str) -> Cow<'_, str> {
    if formula_like(s) {
        Cow::Owned(cell(&format!("'{s}")).into_owned())
    } else {
        cell(s)
    }
}

/// The header of `cooccurrences.csv`.
pub const COOCCURRENCES_HEADER: [&str; 5] = ["source", "target", "cable", "paragraph", "unit"];

/// A CSV writer with the project's settings.
pub fn writer<W: Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .buffer_capacity(64 * 1024)
        .from_writer(w)
}

/// Write `nodes.csv` with its header (rows sorted by id).
pub(crate) fn write_nodes<W: Write>(w: &mut csv::Writer<W>, net: &Network<'_>) -> csv::Result<()> {
    w.write_record([
        "Id",
        "Label",
        "Type",
        "Mentions",
        "Paragraphs",
        "Cables",
        "Degree",
        "WeightedDegree",
        "PageRank",
        "Component",
        "Provenance",
    ])?;
    for n in &net.nodes {
        let e = n.entity;
        w.write_record([
            cell(&e.id).as_ref(),
            &text_cell(&e.name),
            &text_cell(&e.kind),
            &n.stats.mentions.to_string(),
            &n.stats.paragraphs.to_string(),
            &n.stats.cables.to_string(),
            &n.degree.to_string(),
            &n.weighted_degree.to_string(),
            &fixed(n.pagerank),
            &n.component.to_string(),
            e.provenance(),
        ])?;
    }
    Ok(())
}

/// Write `edges.csv` with its header (rows sorted by source, then target).
pub(crate) fn write_edges<W: Write>(
    w: &mut csv::Writer<W>,
    net: &Network<'_>,
    measures: &[Measure],
) -> csv::Result<()> {
    let mut header = vec!["Source", "Target", "Type", "Weight", "Cables"];
    header.extend(measures.iter().map(|m| m.column()));
    w.write_record(&header)?;
    // field by field, each node's id cell made once (with the harness's
    // large gazetteer the table has 350,000 rows)
    let ids: Vec<_> = net.nodes.iter().map(|n| cell(&n.entity.id)).collect();
    let mut num = itoa::Buffer::new();
    for e in &net.edges {
        w.write_field(ids[e.source].as_bytes())?;
        w.write_field(ids[e.target].as_bytes())?;
        w.write_field("Undirected")?;
        w.write_field(num.format(e.stats.weight))?;
        w.write_field(num.format(e.stats.cables))?;
        for m in measures {
            w.write_field(fixed(e.assoc.get(*m)))?;
        }
        w.write_record(None::<&[u8]>)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_fit_excel() {
        assert_eq!(cell("short"), "short");
        let long = "é".repeat(40_000);
        let c = cell(&long);
        assert!(c.ends_with(TRUNCATED));
        assert_eq!(c.encode_utf16().count(), MAX_CELL);
        // astral characters count twice and are never split
        let astral = "😀".repeat(20_000);
        let c = cell(&astral);
        assert!(c.encode_utf16().count() <= MAX_CELL);
        assert!(c.starts_with("😀😀"));
        let exact = "x".repeat(MAX_CELL);
        assert_eq!(cell(&exact).len(), MAX_CELL);
    }

    #[test]
    fn formula_like_text_is_neutralised() {
        for (raw, want) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("-", "-"),
            ("MEXICO: = SIGN", "MEXICO: = SIGN"),
            ("", ""),
        ] {
            assert_eq!(text_cell(raw), want, "{raw:?}");
        }
        // still within Excel's limit when the apostrophe is added
        let long = format!("={}", "x".repeat(MAX_CELL));
        assert!(text_cell(&long).encode_utf16().count() <= MAX_CELL);
        assert!(text_cell(&long).starts_with("'="));
    }
}

/// Append `s` as one CSV field, quoted only when it must be (a comma, a
/// quote or a line break in it), with quotes doubled: byte for byte what
/// the `csv` crate writes with its default settings (a test checks).
pub fn push_field(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    // (a short field is read byte by byte; a longer one with `memchr`,
    // which reads many bytes at a time)
    let plain = if b.len() < 16 {
        !b.iter().any(|&c| matches!(c, b',' | b'"' | b'\n' | b'\r'))
    } else {
        memchr::memchr3(b',', b'"', b'\n', b).is_none() && memchr::memchr(b'\r', b).is_none()
    };
    if plain {
        out.extend_from_slice(b);
        return;
    }
    out.reserve(b.len() + 2);
    out.push(b'"');
    // each quote doubled: the runs up to and with each quote copied whole
    let mut rest = b;
    while let Some(i) = memchr::memchr(b'"', rest) {
        out.extend_from_slice(&rest[..=i]);
        out.push(b'"');
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// Row writing for the per-cable tables (`cables.csv`, `mentions.csv`,
/// `cooccurrences.csv`): every entity's and alias's fields quoted once, rows
/// appended as bytes to a buffer a worker thread owns. The one place these
/// rows are made, for `extract` and `mentions` alike.
#[derive(Clone)]
pub struct RowWriter {
    /// Every entity's `id,label,type` fields, quoted, one after another
    /// (one place to read for a mention row, not three).
    entities: Vec<u8>,
    /// Per entity: where its fields start in `entities`, and where its id
    /// ends; the next entity's start ends them.
    entity_at: Vec<(u32, u32)>,
    /// Every alias's field, quoted, one after another.
    aliases: Vec<u8>,
    /// Per alias: where its field starts in `aliases` (and one more, the
    /// end of the last).
    alias_at: Vec<u32>,
}

/// An offset into one of [`RowWriter`]'s byte tables (they stay far below
/// 4 GB: the harness's 97,771 aliases take a few MB).
fn offset(v: &[u8]) -> u32 {
    u32::try_from(v.len()).expect("a row writer's tables stay under 4 GB")
}

impl RowWriter {
    /// Quote every field of the gazetteer and the matcher's aliases.
    pub fn new(gazetteer: &Gazetteer, matcher: &Matcher) -> RowWriter {
        let mut w = RowWriter {
            entities: Vec::new(),
            entity_at: Vec::new(),
            aliases: Vec::new(),
            alias_at: vec![0],
        };
        for e in gazetteer.entities() {
            w.push_fields(&e.id, &text_cell(&e.name), &text_cell(&e.kind));
        }
        for p in matcher.patterns() {
            push_field(&mut w.aliases, &text_cell(&p.alias));
            w.alias_at.push(offset(&w.aliases));
        }
        w
    }

    fn push_fields(&mut self, id: &str, label: &str, kind: &str) {
        let start = offset(&self.entities);
        push_field(&mut self.entities, id);
        let id_end = offset(&self.entities);
        self.entities.push(b',');
        push_field(&mut self.entities, label);
        self.entities.push(b',');
        push_field(&mut self.entities, kind);
        self.entity_at.push((start, id_end));
    }

    /// Entity `e`'s fields: `id,label,type`.
    fn entity_fields(&self, e: usize) -> &[u8] {
        let start = self.entity_at[e].0 as usize;
        let end = self
            .entity_at
            .get(e + 1)
            .map_or(self.entities.len(), |n| n.0 as usize);
        &self.entities[start..end]
    }

    /// Entity `e`'s id field.
    fn entity_id(&self, e: usize) -> &[u8] {
        let (start, end) = self.entity_at[e];
        &self.entities[start as usize..end as usize]
    }

    /// Quote the fields of an entity found after the writer was made (a
    /// discovered one, numbered next).
    pub fn push_entity(&mut self, e: &crate::gazetteer::Entity) {
        self.push_fields(&e.id, &cell(&e.name), &e.kind);
    }

    /// Append the `cables.csv` row of a cable.
    pub fn cable(&self, out: &mut Vec<u8>, c: &Cable) {
        let opt = |out: &mut Vec<u8>, s: Option<&str>| {
            if let Some(s) = s {
                push_field(out, &text_cell(s));
            }
            out.push(b',');
        };
        // the row's room made at once (but for quoting), not grown by doubling
        let texts = [
            &c.created,
            &c.released,
            &c.classification,
            &c.origin,
            &c.subject,
            &c.classified_by,
            &c.classified_by_title,
            &c.classification_reasons,
            &c.precedence,
        ];
        let lists = [
            &c.tags,
            &c.signers,
            &c.recipients,
            &c.info,
            &c.person_tags,
            &c.subject_tags,
        ];
        out.reserve(
            c.id.len()
                + c.source.len()
                + texts
                    .iter()
                    .map(|s| s.as_deref().map_or(0, str::len))
                    .sum::<usize>()
                + lists
                    .iter()
                    .flat_map(|l| l.iter())
                    .map(|s| s.len() + 1)
                    .sum::<usize>()
                + 64,
        );
        push_field(out, &c.id);
        out.push(b',');
        opt(out, c.created.as_deref());
        opt(out, c.released.as_deref());
        opt(out, c.classification.as_deref());
        opt(out, c.origin.as_deref());
        opt(out, c.subject.as_deref());
        push_field(out, &text_cell(&c.tags.join("|")));
        out.push(b',');
        out.extend_from_slice(itoa::Buffer::new().format(c.paragraphs.len()).as_bytes());
        out.push(b',');
        push_field(out, &text_cell(&c.source));
        // extra columns (issue 13): the rest of the header
        for list in [
            &c.signers,
            &c.recipients,
            &c.info,
            &c.person_tags,
            &c.subject_tags,
        ] {
            out.push(b',');
            push_field(out, &text_cell(&list.join("|")));
        }
        for v in [
            &c.classified_by,
            &c.classified_by_title,
            &c.classification_reasons,
            &c.precedence,
        ] {
            out.push(b',');
            push_field(out, &text_cell(v.as_deref().unwrap_or("")));
        }
        out.push(b',');
        push_field(out, if c.partial { "true" } else { "false" });
        out.push(b',');
        out.extend_from_slice(itoa::Buffer::new().format(c.cited.len()).as_bytes());
        out.push(b',');
        match &c.provenance {
            Some(p) => {
                push_field(out, &p.pages);
                out.push(b',');
                out.extend_from_slice(p.text_from.as_str().as_bytes());
            }
            None => out.extend_from_slice(b",text"),
        }
        out.push(b'\n');
    }

    /// Append the `mentions.csv` rows of one cable.
    /// `ocr` holds the `(paragraph, start)` of mentions found by the
    /// OCR-tolerant matching (the `ocr` column says `ocr` for them).
    pub fn mentions(
        &self,
        out: &mut Vec<u8>,
        cable: &Cable,
        mentions: &[Located],
        ocr: &[(usize, usize)],
    ) {
        let mut id = Vec::new();
        push_field(&mut id, &cable.id);
        // the rows' room made at once (their text but the three numbers and
        // the quoting of surface forms), not grown by doubling row by row
        let room: usize = mentions
            .iter()
            .map(|m| {
                let a = m.mention.pattern as usize;
                let alias = match (self.alias_at.get(a), self.alias_at.get(a + 1)) {
                    (Some(&s), Some(&e)) => (e - s) as usize,
                    _ => "(discovered)".len(),
                };
                id.len()
                    + self.entity_fields(m.mention.entity as usize).len()
                    + (m.mention.end - m.mention.start)
                    + alias
                    + 48
            })
            .sum();
        out.reserve(room);
        let mut num = itoa::Buffer::new();
        for m in mentions {
            let p = &cable.paragraphs[m.paragraph];
            let e = m.mention.entity as usize;
            out.extend_from_slice(&id);
            out.push(b',');
            out.extend_from_slice(num.format(p.number).as_bytes());
            out.push(b',');
            out.extend_from_slice(self.entity_fields(e));
            out.push(b',');
            push_field(out, &cell(&p.text[m.mention.start..m.mention.end]));
            out.push(b',');
            out.extend_from_slice(num.format(m.mention.start).as_bytes());
            out.push(b',');
            out.extend_from_slice(num.format(m.mention.end).as_bytes());
            out.push(b',');
            let a = m.mention.pattern as usize;
            match (self.alias_at.get(a), self.alias_at.get(a + 1)) {
                (Some(&s), Some(&e)) => {
                    out.extend_from_slice(&self.aliases[s as usize..e as usize])
                }
                _ => out.extend_from_slice(b"(discovered)"),
            }
            out.push(b',');
            out.extend_from_slice(m.mention.rule.name().as_bytes());
            out.push(b',');
            if !ocr.is_empty() && ocr.binary_search(&(m.paragraph, m.mention.start)).is_ok() {
                out.extend_from_slice(b"ocr");
            }
            out.push(b'\n');
        }
    }

    /// Append one `cooccurrences.csv` row; `cable` is the cable id already
    /// quoted with [`push_field`].
    pub fn evidence(&self, out: &mut Vec<u8>, cable: &[u8], ev: &Evidence<'_>) {
        let mut num = itoa::Buffer::new();
        out.extend_from_slice(self.entity_id(ev.source as usize));
        out.push(b',');
        out.extend_from_slice(self.entity_id(ev.target as usize));
        out.push(b',');
        out.extend_from_slice(cable);
        out.push(b',');
        if let Some(p) = ev.paragraph {
            out.extend_from_slice(num.format(p).as_bytes());
        }
        out.push(b',');
        if let Some(u) = ev.detail {
            out.extend_from_slice(num.format(u).as_bytes());
        }
        out.push(b'\n');
    }
}

#[cfg(test)]
mod row_writer_tests {
    use super::*;
    use proptest::prelude::*;

    fn with_csv(fields: &[&str]) -> Vec<u8> {
        let mut w = writer(Vec::new());
        w.write_record(fields).unwrap();
        w.into_inner().unwrap()
    }

    #[test]
    fn long_fields_are_quoted_as_short_ones_are() {
        for special in [",", "\"", "\n", "\r"] {
            for at in [0, 7, 15, 16, 40] {
                let mut s = "x".repeat(40);
                s.insert_str(at, special);
                let mut ours = Vec::new();
                push_field(&mut ours, &s);
                ours.push(b'\n');
                assert_eq!(ours, with_csv(&[&s]), "{s:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn push_field_quotes_as_the_csv_crate_does(
            a in "\\PC{0,12}",
            b in "[a-z,\"\r\n ]{0,6}",
            // (fields of 16 bytes or more are searched another way)
            c in "[a-z\"]{0,40}[,\r\n]?[a-z\" ]{0,40}",
        ) {
            let mut ours = Vec::new();
            push_field(&mut ours, &a);
            ours.push(b',');
            push_field(&mut ours, &b);
            ours.push(b',');
            push_field(&mut ours, &c);
            ours.push(b'\n');
            prop_assert_eq!(ours, with_csv(&[&a, &b, &c]));
        }
    }
}
