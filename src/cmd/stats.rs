//! `cablegraph stats`: a short overview of a corpus on standard output —
//! what was read, mentions per entity type, the graph's size, and the top
//! entities and links. Same inputs, unit and filters as `extract`; the
//! entity and link counts are those of the filtered graph.

use std::io::Write;

use anyhow::Result;

use super::{aggregate, graph_filter, Status};
use crate::cli::StatsArgs;
use cablegraph::graph::fixed;

/// Run `stats`.
pub fn run(args: StatsArgs) -> Result<Status> {
    let spec = args.graph.spec();
    let g = aggregate(&args.matching, &spec)?;
    let agg = &g.aggregate;
    let net = agg.network(&g.gazetteer, spec.unit, &graph_filter(&spec));
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    writeln!(out, "cables      {}", agg.cables)?;
    if g.out_of_range > 0 {
        writeln!(
            out,
            "left out    {} (outside --from/--to or undated)",
            g.out_of_range
        )?;
    }
    writeln!(out, "paragraphs  {}", agg.paragraphs)?;
    writeln!(out, "units       {} ({})", agg.units, spec.unit)?;
    let by_type = agg.mentions_by_type(&g.gazetteer);
    let detail: Vec<String> = by_type.iter().map(|(t, n)| format!("{t} {n}")).collect();
    writeln!(out, "mentions    {} ({})", agg.mentions, detail.join(", "))?;
    writeln!(
        out,
        "entities    {} in {} component{}",
        net.nodes.len(),
        net.components,
        if net.components == 1 { "" } else { "s" }
    )?;
    writeln!(out, "links       {}", net.edges.len())?;

    let mut nodes: Vec<_> = net.nodes.iter().collect();
    nodes.sort_by(|a, b| {
        b.stats
            .mentions
            .cmp(&a.stats.mentions)
            .then_with(|| a.entity.id.cmp(&b.entity.id))
    });
    writeln!(out, "\ntop entities by mentions")?;
    writeln!(
        out,
        "  {:>8} {:>6} {:>6} {:>8}  entity",
        "mentions", "cables", "degree", "pagerank"
    )?;
    for n in nodes.iter().take(args.limit) {
        writeln!(
            out,
            "  {:>8} {:>6} {:>6} {:>8}  {} ({}, {})",
            n.stats.mentions,
            n.stats.cables,
            n.degree,
            fixed(n.pagerank),
            n.entity.name,
            n.entity.id,
            n.entity.kind
        )?;
    }
    let mut edges: Vec<_> = net.edges.iter().collect();
    edges.sort_by(|a, b| {
        (b.stats.weight, b.stats.cables)
            .cmp(&(a.stats.weight, a.stats.cables))
            .then_with(|| (a.source, a.target).cmp(&(b.source, b.target)))
    });
    writeln!(out, "\ntop links by weight")?;
    writeln!(out, "  {:>8} {:>6}  link", "weight", "cables")?;
    for e in edges.iter().take(args.limit) {
        writeln!(
            out,
            "  {:>8} {:>6}  {} -- {}",
            e.stats.weight,
            e.stats.cables,
            net.nodes[e.source].entity.id,
            net.nodes[e.target].entity.id
        )?;
    }
    out.flush()?;
    Ok(g.problems.finish("cables", agg.cables))
}
