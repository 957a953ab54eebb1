//! The results folder: the tables' headers, the staged CSV writers and the
//! graph files that `extract` and `merge` both write, so both write the
//! same bytes. The folder itself (staging, manifest, commit) is
//! [`Staging`].

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;

use crate::error::{Context, Result};

use super::{directed, finish, tables, Format, StagedFile, Staging};
use crate::gazetteer::Gazetteer;
use crate::graph::{Aggregate, Filter, Measure, Unit};

/// The columns of `cables.csv`.
pub const CABLES_HEADER: [&str; 22] = [
    "id",
    "created",
    "released",
    "classification",
    "origin",
    "subject",
    "tags",
    "paragraphs",
    "source",
    "signers",
    "recipients",
    "info",
    "person_tags",
    "subject_tags",
    "classified_by",
    "classified_by_title",
    "classification_reasons",
    "precedence",
    "partial",
    "references",
    "source_page",
    "text_from",
];

/// The columns of `mentions.csv`.
pub const MENTIONS_HEADER: [&str; 11] = [
    "cable",
    "paragraph",
    "entity",
    "label",
    "type",
    "surface",
    "start",
    "end",
    "alias",
    "rule",
    "ocr",
];

/// A staged CSV file, with a byte-order mark first when asked.
pub fn csv_file(staging: &mut Staging, name: &str, bom: bool) -> Result<csv::Writer<StagedFile>> {
    let mut f = staging.create(name)?;
    if bom {
        f.write_all("\u{feff}".as_bytes())?;
    }
    Ok(tables::writer(f))
}

/// Flush a CSV writer and hand back its buffered file.
pub fn close<W: Write>(w: csv::Writer<W>) -> Result<W> {
    Ok(w.into_inner().map_err(|e| e.into_error())?)
}

/// Flush, sync and close a staged CSV file.
pub fn finish_csv(w: csv::Writer<StagedFile>) -> Result<()> {
    finish(close(w)?)
}

/// Write the graph files of a run: `cooccurrences.csv` filtered to the kept
/// edges (when the evidence went to a scratch file first), `nodes.csv`,
/// `edges.csv` and every graph format. Returns the node and edge counts,
/// and [`dot::hint`](crate::export::dot::hint) for a crowded picture.
/// Shared by `extract` and `merge`, so both write the same bytes.
#[allow(clippy::too_many_arguments)]
pub fn write_graph(
    staging: &mut Staging,
    gaz: &Gazetteer,
    agg: &Aggregate,
    unit: Unit,
    measures: &[Measure],
    filter: &Filter,
    formats: &[Format],
    bom: bool,
    scratch_path: Option<PathBuf>,
) -> Result<(usize, usize, Option<String>)> {
    let net = agg.network(gaz, unit, filter);
    if let Some(path) = scratch_path {
        let keep: HashSet<(&str, &str)> = net
            .edges
            .iter()
            .map(|e| {
                (
                    net.nodes[e.source].entity.id.as_str(),
                    net.nodes[e.target].entity.id.as_str(),
                )
            })
            .collect();
        let mut out = csv_file(staging, "cooccurrences.csv", bom)?;
        let mut rdr = csv::Reader::from_path(&path)
            .with_context(|| format!("{}: cannot read back", path.display()))?;
        out.write_record(rdr.headers()?)?;
        let mut rec = csv::StringRecord::new();
        while rdr.read_record(&mut rec)? {
            if keep.contains(&(&rec[0], &rec[1])) {
                out.write_record(&rec)?;
            }
        }
        finish(close(out)?)?;
        let _ = std::fs::remove_file(&path);
    }
    let mut nodes = csv_file(staging, "nodes.csv", bom)?;
    let mut edges = csv_file(staging, "edges.csv", bom)?;
    let mut formats = formats.to_vec();
    formats.push(Format::Dot);
    formats.sort_unstable();
    formats.dedup();
    let mut graphs = Vec::new();
    for f in formats {
        if let Some(name) = f.file_name() {
            graphs.push((f, staging.create(name)?));
        }
    }
    // the files only read the network: the two tables are written beside
    // the graph formats (with the harness's large gazetteer, graph.dot took
    // 0.18 s after the tables' 0.09 s, all on one thread)
    let net = &net;
    std::thread::scope(|s| -> Result<()> {
        let tables = s.spawn(move || -> Result<()> {
            tables::write_nodes(&mut nodes, net)?;
            finish(close(nodes)?)?;
            tables::write_edges(&mut edges, net, measures)?;
            finish(close(edges)?)
        });
        for (f, mut w) in graphs {
            f.write(&mut w, net, measures)?;
            finish(w)?;
        }
        tables
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })?;
    Ok((
        net.nodes.len(),
        net.edges.len(),
        crate::export::dot::hint(net),
    ))
}

/// Write the directed graphs of the header fields (citations, routing).
pub fn write_directed(staging: &mut Staging, d: &directed::Directed, bom: bool) -> Result<()> {
    directed_files(staging, bom)?.write(d)
}

/// The four files of [`write_directed`], created (in `staging`'s order)
/// but not yet written: a command writes them on a thread of its own while
/// it makes the co-occurrence graph.
pub struct DirectedFiles {
    citations: StagedFile,
    routing: StagedFile,
    nodes: csv::Writer<StagedFile>,
    edges: csv::Writer<StagedFile>,
}

/// Create the files of [`write_directed`].
pub fn directed_files(staging: &mut Staging, bom: bool) -> Result<DirectedFiles> {
    Ok(DirectedFiles {
        citations: staging.create("references.gexf")?,
        routing: staging.create("routing.gexf")?,
        nodes: csv_file(staging, "routing_nodes.csv", bom)?,
        edges: csv_file(staging, "routing_edges.csv", bom)?,
    })
}

impl DirectedFiles {
    /// Write the directed graphs `d` into the files, each synced.
    pub fn write(self, d: &directed::Directed) -> Result<()> {
        let DirectedFiles {
            mut citations,
            mut routing,
            mut nodes,
            mut edges,
        } = self;
        d.write_citations_gexf(&mut citations)?;
        finish(citations)?;
        d.write_routing_gexf(&mut routing)?;
        finish(routing)?;
        d.write_routing_nodes(&mut nodes)?;
        finish_csv(nodes)?;
        d.write_routing_edges(&mut edges)?;
        finish_csv(edges)?;
        Ok(())
    }
}
