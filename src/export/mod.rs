//! Stage 7, export: the result files, written all-or-nothing.
//!
//! Every file of a run is first written into a hidden staging directory
//! inside the output directory (`DIR/.cablegraph-XXXXXX/`) and moved into
//! place, all or nothing, only when the whole run has succeeded
//! ([`Staging::commit`]; the folder's lock, its manifest and the undo on a
//! failed rename are described in [`staging`]). A run that fails or is
//! interrupted (Ctrl-C, SIGTERM: see [`pending`]) leaves the
//! previous results as they were, and its staging directory is removed
//! (only a SIGKILL can leave one behind; the next run into the folder
//! removes it).
//!
//! The tables ([`tables`]) are CSV with a header row, UTF-8, RFC 4180
//! quoting, sorted rows; the picture ([`dot`]) is Graphviz DOT; the graph
//! files for other tools are [`graphml`] (Gephi, yEd, networkx, igraph),
//! [`gexf`] (Gephi's own format, 1.3) and [`json`] (networkx node-link).
//!
//! Every graph format writes the same [`Network`]: the same nodes in id
//! order and the same edges in (source, target) order as `nodes.csv` and
//! `edges.csv`, with the same attributes, named once here
//! ([`NODE_ATTRS`], [`edge_attrs`]):
//!
//! | node attribute | type | `nodes.csv` column |
//! | --- | --- | --- |
//! | `label` | string | `Label` |
//! | `type` | string | `Type` |
//! | `mentions`, `paragraphs`, `cables` | long | `Mentions`, `Paragraphs`, `Cables` |
//! | `degree`, `weighted_degree` | long | `Degree`, `WeightedDegree` |
//! | `pagerank` | double | `PageRank` |
//! | `component` | long | `Component` |
//!
//! | edge attribute | type | `edges.csv` column |
//! | --- | --- | --- |
//! | `weight` | double (an integer) | `Weight` |
//! | `cables` | long | `Cables` |
//! | `pmi`, `npmi`, `dice`, `jaccard` (with `--measure`) | double | `PMI`, `NPMI`, `Dice`, `Jaccard` |
//!
//! Floating-point values are written with 6 decimals.

pub mod cable_json;
pub mod directed;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod json;
pub mod pending;
pub mod report;
pub mod results;
pub mod staged_file;
pub mod staging;
pub mod tables;
pub mod xlsx;
pub mod xml;

use crate::graph::{fixed, Edge, Measure, Network, Node};

use std::io::Write;

use crate::error::{bail, Result};

pub use staged_file::StagedFile;
pub use staging::{Owner, Staging, MANIFEST};

/// A graph file format.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// nodes.csv and edges.csv (on standard output: edges.csv).
    Csv,
    /// Graphviz graph.dot.
    Dot,
    /// graph.graphml (Gephi, yEd, networkx, igraph).
    Graphml,
    /// graph.gexf, GEXF 1.3 (Gephi).
    Gexf,
    /// graph.json, node-link JSON (networkx, d3).
    Json,
    /// report.html, the interactive evidence report (extract only; see
    /// `cablegraph report`).
    Html,
    /// cablegraph.xlsx, one workbook: sheets Cables, Entities, Links and
    /// Evidence (the paragraph text behind every link) (extract only).
    Xlsx,
    /// evidence.csv, one row per evidence paragraph with its text
    /// (extract only).
    Evidence,
}

impl Format {
    /// The file name in the output directory (`None` for csv, which is
    /// several files).
    pub fn file_name(self) -> Option<&'static str> {
        match self {
            Format::Csv => None,
            Format::Dot => Some("graph.dot"),
            Format::Graphml => Some("graph.graphml"),
            Format::Gexf => Some("graph.gexf"),
            Format::Json => Some("graph.json"),
            Format::Html | Format::Xlsx | Format::Evidence => None,
        }
    }

    /// Is this a format of the graph alone (one that `cablegraph graph`
    /// can print)? The others need the cables and their text.
    pub fn is_graph(self) -> bool {
        !matches!(self, Format::Html | Format::Xlsx | Format::Evidence)
    }

    /// Write the network in this format (for csv: the edge table).
    pub fn write<W: Write>(self, w: &mut W, net: &Network<'_>, measures: &[Measure]) -> Result<()> {
        match self {
            Format::Csv => {
                let mut c = tables::writer(w);
                tables::write_edges(&mut c, net, measures)?;
                c.flush()?;
            }
            Format::Dot => dot::write(w, net)?,
            Format::Graphml => graphml::write(w, net, measures)?,
            Format::Gexf => gexf::write(w, net, measures)?,
            Format::Json => json::write(w, net, measures)?,
            Format::Html => bail!("html is a page, not a graph: use `cablegraph report`"),
            Format::Xlsx | Format::Evidence => {
                bail!("{self:?} needs the cables' text: use `cablegraph extract --format`")
            }
        }
        Ok(())
    }
}

/// The type of an attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Text.
    String,
    /// A whole number.
    Long,
    /// A floating-point number.
    Double,
}

impl Kind {
    /// The type's name in GraphML and GEXF (`string`, `long`, `double`).
    pub fn xml_name(self) -> &'static str {
        match self {
            Kind::String => "string",
            Kind::Long => "long",
            Kind::Double => "double",
        }
    }
}

/// An attribute value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value<'a> {
    /// Text.
    Str(&'a str),
    /// A whole number.
    Int(u64),
    /// A floating-point number.
    Float(f64),
}

impl Value<'_> {
    /// The value as text (floats with 6 decimals).
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Value::Str(s) => std::borrow::Cow::Borrowed(s),
            Value::Int(n) => n.to_string().into(),
            Value::Float(x) => fixed(*x).into(),
        }
    }
}

/// Node attribute names and types, in order.
pub const NODE_ATTRS: [(&str, Kind); 10] = [
    ("label", Kind::String),
    ("type", Kind::String),
    ("mentions", Kind::Long),
    ("paragraphs", Kind::Long),
    ("cables", Kind::Long),
    ("degree", Kind::Long),
    ("weighted_degree", Kind::Long),
    ("pagerank", Kind::Double),
    ("component", Kind::Long),
    ("provenance", Kind::String),
];

/// A node's attribute values, in [`NODE_ATTRS`] order.
pub(crate) fn node_values<'a>(n: &'a Node<'_>) -> [Value<'a>; 10] {
    [
        Value::Str(&n.entity.name),
        Value::Str(&n.entity.kind),
        Value::Int(n.stats.mentions),
        Value::Int(n.stats.paragraphs),
        Value::Int(n.stats.cables),
        Value::Int(n.degree),
        Value::Int(n.weighted_degree),
        Value::Float(n.pagerank),
        Value::Int(n.component as u64),
        Value::Str(n.entity.provenance()),
    ]
}

/// Edge attribute names and types, in order: `weight`, `cables`, then
/// the requested measures.
pub fn edge_attrs(measures: &[Measure]) -> Vec<(&'static str, Kind)> {
    let mut v = vec![("weight", Kind::Double), ("cables", Kind::Long)];
    v.extend(measures.iter().map(|m| (m.key(), Kind::Double)));
    v
}

/// An edge's attribute values, in [`edge_attrs`] order.
pub(crate) fn edge_values(e: &Edge, measures: &[Measure]) -> Vec<Value<'static>> {
    let mut v = vec![Value::Int(e.stats.weight), Value::Int(e.stats.cables)];
    v.extend(measures.iter().map(|m| Value::Float(e.assoc.get(*m))));
    v
}

/// Write out and sync a staged file, turning errors into messages.
pub fn finish(w: StagedFile) -> Result<()> {
    w.finish()?;
    Ok(())
}
