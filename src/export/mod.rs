//! Stage 7, export: the result files, written all-or-nothing.
//!
//! Every file of a run is first written into a hidden staging directory
//! inside the output directory (`DIR/.cablegraph-XXXXXX/`) and moved into
//! place only when the whole run has succeeded ([`Staging::commit`]). A
//! run that fails or is interrupted (Ctrl-C, SIGTERM: see
//! [`crate::interrupt`]) leaves the previous results as they were, and its
//! staging directory is removed (only a SIGKILL can leave one behind,
//! hidden, and ignored by the next run's input walk).
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

pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod json;
pub mod report;
pub mod tables;
pub mod xml;

use crate::graph::{fixed, Edge, Measure, Network, Node};

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// A graph file format.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    clap::ValueEnum,
    serde::Serialize,
    serde::Deserialize,
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
            Format::Html => None,
        }
    }

    /// Write the network in this format (for csv: the edge table).
    pub fn write<W: Write>(self, w: &mut W, net: &Network<'_>, measures: &[Measure]) -> Result<()> {
        match self {
            Format::Csv => {
                let mut c = tables::writer(w);
                tables::write_edges(&mut c, net, measures)?;
                c.flush()?;
            }
            Format::Dot => w.write_all(dot::render(net).as_bytes())?,
            Format::Graphml => graphml::write(w, net, measures)?,
            Format::Gexf => gexf::write(w, net, measures)?,
            Format::Json => json::write(w, net, measures)?,
            Format::Html => bail!("html is a page, not a graph: use `cablegraph report`"),
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
pub fn node_values<'a>(n: &'a Node<'_>) -> [Value<'a>; 10] {
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
pub fn edge_values(e: &Edge, measures: &[Measure]) -> Vec<Value<'static>> {
    let mut v = vec![Value::Int(e.stats.weight), Value::Int(e.stats.cables)];
    v.extend(measures.iter().map(|m| Value::Float(e.assoc.get(*m))));
    v
}

/// A staging directory for one run's output files.
pub struct Staging {
    dir: PathBuf,
    tmp: tempfile::TempDir,
    files: Vec<String>,
}

impl Staging {
    /// Prepare `dir` (created if missing) for a run's output.
    pub fn new(dir: &Path) -> Result<Staging> {
        if dir.exists() && !dir.is_dir() {
            bail!(
                "{}: output path exists and is not a directory",
                dir.display()
            );
        }
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create output directory", dir.display()))?;
        let tmp = tempfile::Builder::new()
            .prefix(".cablegraph-")
            .tempdir_in(dir)
            .with_context(|| format!("{}: output directory is not writable", dir.display()))?;
        crate::interrupt::register(tmp.path());
        Ok(Staging {
            dir: dir.to_path_buf(),
            tmp,
            files: Vec::new(),
        })
    }

    /// Create a staged file named `name`, buffered.
    pub fn create(&mut self, name: &str) -> Result<BufWriter<File>> {
        let path = self.tmp.path().join(name);
        let f = File::create(&path).with_context(|| format!("{}: cannot write", path.display()))?;
        if !self.files.iter().any(|n| n == name) {
            self.files.push(name.to_string());
        }
        Ok(BufWriter::with_capacity(128 * 1024, f))
    }

    /// Create a file in the staging directory that is *not* moved into
    /// place on commit (a scratch file for a later pass).
    pub fn scratch(&mut self, name: &str) -> Result<(PathBuf, BufWriter<File>)> {
        let path = self.tmp.path().join(name);
        let f = File::create(&path).with_context(|| format!("{}: cannot write", path.display()))?;
        Ok((path, BufWriter::with_capacity(128 * 1024, f)))
    }

    /// Write a whole staged file at once.
    pub fn write(&mut self, name: &str, contents: &[u8]) -> Result<()> {
        let mut w = self.create(name)?;
        w.write_all(contents)?;
        finish(w)
    }

    /// Move every staged file into the output directory.
    pub fn commit(self) -> Result<Vec<PathBuf>> {
        let guard = crate::interrupt::commit_guard();
        let mut out = Vec::new();
        for name in &self.files {
            let from = self.tmp.path().join(name);
            let to = self.dir.join(name);
            std::fs::rename(&from, &to)
                .with_context(|| format!("{}: cannot move result into place", to.display()))?;
            out.push(to);
        }
        guard.done(self.tmp.path());
        Ok(out)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        crate::interrupt::unregister(self.tmp.path());
    }
}

/// Flush and sync a staged file, turning errors into messages.
pub fn finish(mut w: BufWriter<File>) -> Result<()> {
    w.flush()?;
    let f = w.into_inner().map_err(|e| e.into_error())?;
    f.sync_all().or_else(|e| {
        if e.kind() == io::ErrorKind::InvalidInput {
            Ok(())
        } else {
            Err(e)
        }
    })?;
    Ok(())
}
