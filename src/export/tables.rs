//! The CSV tables: `cables.csv`, `mentions.csv`, `nodes.csv`, `edges.csv`
//! and `cooccurrences.csv`, with the contract's columns in order (extra
//! columns come after them).
//!
//! `nodes.csv` and `edges.csv` are Gephi's node and edge tables (`Id`,
//! `Label`, `Type`; `Source`, `Target`, `Type`, `Weight`), sorted by id.

use std::io::Write;

use petgraph::graphmap::UnGraphMap;
use serde::Serialize;

use crate::cable::Cable;
use crate::gazetteer::Gazetteer;
use crate::graph::{Aggregate, EdgeStats, Evidence, Located};
use crate::matcher::Matcher;

/// A row of `cables.csv`.
#[derive(Debug, Serialize)]
pub struct CableRow<'a> {
    /// Reference id.
    pub id: &'a str,
    /// Creation date.
    pub created: Option<&'a str>,
    /// Release date.
    pub released: Option<&'a str>,
    /// Classification.
    pub classification: Option<&'a str>,
    /// Origin.
    pub origin: Option<&'a str>,
    /// Subject.
    pub subject: Option<&'a str>,
    /// Tags, space-separated.
    pub tags: String,
    /// Number of paragraphs.
    pub paragraphs: usize,
    /// Input file (and row).
    pub source: &'a str,
}

impl<'a> CableRow<'a> {
    /// The row for a cable.
    pub fn new(c: &'a Cable) -> CableRow<'a> {
        CableRow {
            id: &c.id,
            created: c.created.as_deref(),
            released: c.released.as_deref(),
            classification: c.classification.as_deref(),
            origin: c.origin.as_deref(),
            subject: c.subject.as_deref(),
            tags: c.tags.join(" "),
            paragraphs: c.paragraphs.len(),
            source: &c.source,
        }
    }
}

/// A row of `mentions.csv`.
#[derive(Debug, Serialize)]
pub struct MentionRow<'a> {
    /// Cable id.
    pub cable: &'a str,
    /// Paragraph number.
    pub paragraph: u32,
    /// Entity id.
    pub entity: &'a str,
    /// Entity label.
    pub label: &'a str,
    /// Entity type.
    #[serde(rename = "type")]
    pub kind: &'a str,
    /// `text[start..end]` of the paragraph.
    pub surface: &'a str,
    /// Byte offset in the paragraph text.
    pub start: usize,
    /// Byte offset just past the mention.
    pub end: usize,
    /// The gazetteer alias that matched (extra column).
    pub alias: &'a str,
}

/// A row of `nodes.csv`.
#[derive(Debug, Serialize)]
#[allow(non_snake_case)]
pub struct NodeRow<'a> {
    /// Entity id.
    pub Id: &'a str,
    /// Entity label.
    pub Label: &'a str,
    /// Entity type.
    pub Type: &'a str,
    /// Mentions.
    pub Mentions: u64,
    /// Distinct paragraphs.
    pub Paragraphs: u64,
    /// Distinct cables.
    pub Cables: u64,
}

/// A row of `edges.csv`.
#[derive(Debug, Serialize)]
#[allow(non_snake_case)]
pub struct EdgeRow<'a> {
    /// Entity id (the smaller).
    pub Source: &'a str,
    /// Entity id (the larger).
    pub Target: &'a str,
    /// Always `Undirected`.
    pub Type: &'static str,
    /// Units in which both occur.
    pub Weight: u64,
    /// Distinct cables.
    pub Cables: u64,
}

/// A row of `cooccurrences.csv`.
#[derive(Debug, Serialize)]
pub struct CooccurrenceRow<'a> {
    /// Entity id.
    pub source: &'a str,
    /// Entity id.
    pub target: &'a str,
    /// Cable id.
    pub cable: &'a str,
    /// Paragraph number (empty with `--unit cable`).
    pub paragraph: Option<u32>,
}

/// A CSV writer with the project's settings.
pub fn writer<W: Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .buffer_capacity(64 * 1024)
        .from_writer(w)
}

/// Write the `mentions.csv` rows of one cable.
pub fn write_mentions<W: Write>(
    w: &mut csv::Writer<W>,
    gazetteer: &Gazetteer,
    matcher: &Matcher,
    cable: &Cable,
    mentions: &[Located],
) -> csv::Result<()> {
    let ents = gazetteer.entities();
    for m in mentions {
        let p = &cable.paragraphs[m.paragraph];
        let e = &ents[m.mention.entity as usize];
        w.serialize(MentionRow {
            cable: &cable.id,
            paragraph: p.number,
            entity: &e.id,
            label: &e.name,
            kind: &e.kind,
            surface: &p.text[m.mention.start..m.mention.end],
            start: m.mention.start,
            end: m.mention.end,
            alias: &matcher.patterns()[m.mention.pattern as usize].alias,
        })?;
    }
    Ok(())
}

/// Write one evidence row.
pub fn write_evidence<W: Write>(
    w: &mut csv::Writer<W>,
    gazetteer: &Gazetteer,
    ev: &Evidence<'_>,
) -> csv::Result<()> {
    let ents = gazetteer.entities();
    w.serialize(CooccurrenceRow {
        source: &ents[ev.source as usize].id,
        target: &ents[ev.target as usize].id,
        cable: ev.cable,
        paragraph: ev.paragraph,
    })
}

/// Write `nodes.csv` (sorted by id).
pub fn write_nodes<W: Write>(
    w: &mut csv::Writer<W>,
    gazetteer: &Gazetteer,
    agg: &Aggregate,
    graph: &UnGraphMap<u32, EdgeStats>,
) -> csv::Result<()> {
    let ents = gazetteer.entities();
    for n in graph.nodes() {
        let e = &ents[n as usize];
        let s = agg.node(n);
        w.serialize(NodeRow {
            Id: &e.id,
            Label: &e.name,
            Type: &e.kind,
            Mentions: s.mentions,
            Paragraphs: s.paragraphs,
            Cables: s.cables,
        })?;
    }
    Ok(())
}

/// Write `edges.csv` (sorted by source, then target).
pub fn write_edges<W: Write>(
    w: &mut csv::Writer<W>,
    gazetteer: &Gazetteer,
    graph: &UnGraphMap<u32, EdgeStats>,
) -> csv::Result<()> {
    let ents = gazetteer.entities();
    for (a, b, s) in graph.all_edges() {
        w.serialize(EdgeRow {
            Source: &ents[a as usize].id,
            Target: &ents[b as usize].id,
            Type: "Undirected",
            Weight: s.weight,
            Cables: s.cables,
        })?;
    }
    Ok(())
}
