//! `cablegraph report`: the graph and its evidence as one self-contained
//! HTML page (see [`cablegraph::export::report`]).

use std::io::Write;
use std::path::Path;

use anyhow::{bail, Result};

use super::{matching_pipeline, Session, Status};
use crate::cli::ReportArgs;
use crate::progress;
use cablegraph::export::report::{human_size, title, Collector, Limits};
use cablegraph::export::{Owner, Staging};
use cablegraph::graph::Aggregate;

/// Run `report`.
pub fn run(args: ReportArgs) -> Result<Status> {
    let session = Session::start(&args.matching.input, Some(&args.matching))?;
    let to_stdout = args.output.as_os_str() == "-";
    if !to_stdout && args.output.is_dir() {
        bail!("{}: output path is a directory", args.output.display());
    }
    // staged beside the output and moved into place only at the end, like
    // every other result file (checked before any work)
    let mut staging = if to_stdout {
        None
    } else {
        let dir = match args.output.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let name = args
            .output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        let Some(name) = name else {
            bail!("{}: not a file name", args.output.display());
        };
        Some((Staging::with_owner(dir, Owner::File)?, name))
    };
    let (gaz, mut problems, inputs) = session.with_inputs(&args.matching.input);
    if let Some((staging, name)) = staging.as_mut() {
        super::protect_inputs(staging, &inputs, std::slice::from_ref(name))?;
    }
    let pipeline = matching_pipeline(&gaz, &args.matching)?;
    // discovered entities, numbered after the gazetteer's in input order
    // (as in extract, so the page and extract's report agree)
    let mut registry = cablegraph::discover::Registry::new(&gaz);
    let mut gaz_ext = gaz.clone();
    let unit = args.unit;
    let limits = Limits {
        per_edge: args.evidence,
        per_node: args.evidence,
        text_bytes: args.max_text.saturating_mul(1 << 20),
        edges: args.max_links,
    };
    let mut agg = Aggregate::new();
    let mut collector = Collector::new(unit, limits);
    let pb = progress::bar(&inputs, args.matching.input.quiet);
    pipeline.run(
        &inputs,
        &mut |r| match r {
            Ok(mut m) => {
                for e in registry.absorb(&m.discovered, &mut m.mentions) {
                    gaz_ext.push_discovered(e);
                }
                // the page shows the evidence units the graph counts
                let mut pairs = Vec::new();
                agg.add_cable(&gaz_ext, &m.cable, &m.mentions, unit, |ev| {
                    pairs.push((ev.paragraph, ev.source, ev.target))
                });
                collector.add_cable(&m.cable, &m.mentions, &pairs);
            }
            Err(p) => pb.suspend(|| problems.report(&p)),
        },
        &mut |bytes, _| pb.inc(bytes),
    );
    pb.finish_and_clear();
    super::nothing_read(
        agg.cables,
        &inputs,
        &problems,
        (!to_stdout).then_some(args.output.as_path()),
    )?;
    let gaz = gaz_ext;
    let graph = agg.graph(&gaz);
    let title = match &args.title {
        Some(t) => t.clone(),
        None if agg.cables == 0 => title(&args.matching.input.inputs),
        None => collector.default_title(),
    };
    let (html, stats) = collector.render(&gaz, &agg, &graph, &title);

    if to_stdout {
        let mut out = std::io::stdout().lock();
        out.write_all(html.as_bytes())?;
        out.flush()?;
    } else if let Some((mut staging, name)) = staging.take() {
        staging.write(&name, html.as_bytes())?;
        staging.commit()?;
    }
    if !args.matching.input.quiet {
        let capped = if stats.omitted > 0 {
            format!(" ({} left out by --max-text)", stats.omitted)
        } else {
            String::new()
        };
        cablegraph::note!(
            "cablegraph: {}, {}, {}, {}, {}, {}{} -> {} ({})",
            super::counted(agg.cables, "cable", "cables"),
            super::counted(agg.paragraphs, "paragraph", "paragraphs"),
            super::counted(agg.mentions, "mention", "mentions"),
            super::counted(graph.node_count() as u64, "entity", "entities"),
            super::counted(graph.edge_count() as u64, "link", "links"),
            super::counted(
                stats.paragraphs as u64,
                "evidence paragraph",
                "evidence paragraphs"
            ),
            capped,
            args.output.display(),
            human_size(html.len() as u64)
        );
    }
    Ok(problems.finish("cables", agg.cables))
}
