//! `graph.dot`: the co-occurrence graph as a styled Graphviz `graph`.
//!
//! One node per entity (gazetteer id as the node name; label, type,
//! counts and measures as attributes), filled and shaped by type; one `--`
//! edge per pair with its `weight` and `cables`, pen width growing with
//! the weight (`1 + 1.5 · ln(1 + weight)`). A legend of the types present
//! is the graph's label, an HTML-like table at the bottom, rather than a
//! cluster of legend nodes: so the file has exactly the nodes and edges of
//! `nodes.csv`/`edges.csv`, and the legend survives `neato`, which ignores
//! clusters.
//!
//! Layout settings are picked by size so that `dot -Tsvg graph.dot` ends in
//! seconds however large the graph (every node and edge is always kept):
//! curved edges routed around the nodes (`splines=true`) only up to
//! [`SPLINE_EDGES`] edges — spline routing is what made `neato` take
//! ~18 s on the 426 dev-corpus pages' 126 nodes and 478 edges, and 0.13 s
//! with straight edges; above [`SFDP_NODES`] nodes the multilevel `sfdp`
//! layout instead of `neato`'s stress majorisation (quadratic in nodes).
//! A picture of hundreds of entities is not legible whatever the layout:
//! [`hint`] says so and names the filters that make it so.
//!
//! Written by hand rather than with `petgraph::dot`, whose output its docs
//! call "mostly intended for debugging" and which names nodes by index.
//! Nodes and edges come out in id order, so the file is deterministic.

use std::io;

use crate::graph::{fixed, Network};

/// Quote a string for DOT: `"` and `\` escaped, line breaks as `\n`
/// (a centred line break in a label), carriage returns dropped.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Escape text for an HTML-like label.
fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Colours for types outside the known list, picked by a stable hash of
/// the type name (the same in every run and on every machine).
const SPARE: [&str; 6] = [
    "#80b1d3", "#fccde5", "#bc80bd", "#ccebc5", "#ffed6f", "#e5d8bd",
];

/// Fill colour (`#rrggbb`) and shape for an entity type.
pub fn style(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "agency" => ("#8dd3c7", "box"),
        "program" => ("#ffffb3", "note"),
        "person" => ("#fb8072", "ellipse"),
        "organization" => ("#bebada", "hexagon"),
        "group" => ("#fdb462", "octagon"),
        "place" => ("#b3de69", "house"),
        other => {
            // FNV-1a
            let h = other.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
            });
            (SPARE[(h % SPARE.len() as u64) as usize], "ellipse")
        }
    }
}

/// Above this many edges, edges are drawn straight (`splines=false`).
pub const SPLINE_EDGES: usize = 150;
/// Above this many nodes, the layout is `sfdp` rather than `neato`.
pub const SFDP_NODES: usize = 1000;
/// Above this many nodes or edges, [`hint`] suggests a filter.
pub(crate) const LEGIBLE_NODES: usize = 150;
/// See [`LEGIBLE_NODES`].
pub(crate) const LEGIBLE_EDGES: usize = 300;

/// The `graph [...]` layout attributes for a graph of this size.
pub fn layout(nodes: usize, edges: usize) -> &'static str {
    match (nodes > SFDP_NODES, edges > SPLINE_EDGES) {
        (false, false) => "layout=neato, overlap=false, splines=true, sep=\"+8\"",
        (false, true) => {
            "layout=neato, overlap=false, splines=false, sep=\"+8\", outputorder=edgesfirst"
        }
        (true, _) => {
            "layout=sfdp, overlap=prism, splines=false, sep=\"+4\", outputorder=edgesfirst"
        }
    }
}

/// A note for standard error when the picture would be too crowded to
/// read: how to draw a legible one. `None` for a small graph.
pub fn hint(net: &Network<'_>) -> Option<String> {
    let (n, e) = (net.nodes.len(), net.edges.len());
    if n <= LEGIBLE_NODES && e <= LEGIBLE_EDGES {
        return None;
    }
    // the smallest minimum weight that leaves at most LEGIBLE_EDGES edges
    let mut weights: Vec<u64> = net.edges.iter().map(|e| e.stats.weight).collect();
    weights.sort_unstable_by(|a, b| b.cmp(a));
    let min_weight = weights.get(LEGIBLE_EDGES).map_or(1, |w| w + 1).max(2);
    Some(format!(
        "cablegraph: the DOT graph has {n} entities and {e} links, too many for a legible \
picture (it keeps them all, as the other files do). For one: \
`cablegraph graph INPUT... --format dot --top {LEGIBLE_NODES} --drop-isolated | dot -Tsvg > graph.svg`, \
or --min-weight {min_weight}"
    ))
}

/// Render the network as DOT.
pub fn render(net: &Network<'_>) -> String {
    let mut s = Vec::new();
    write(&mut s, net).expect("writing to memory");
    String::from_utf8(s).expect("DOT is written from strings")
}

/// Write the network as DOT to `s`, a line at a time (a large graph's
/// file is tens of megabytes: it is not held in memory whole).
pub fn write<W: io::Write>(s: &mut W, net: &Network<'_>) -> io::Result<()> {
    s.write_all("graph cablegraph {\n".as_bytes())?;
    writeln!(
        s,
        "  graph [{}, fontname=\"Helvetica\", labelloc=b, labeljust=l];",
        layout(net.nodes.len(), net.edges.len())
    )?;
    s.write_all("  node [style=filled, fontname=\"Helvetica\", fontsize=11];\n".as_bytes())?;
    s.write_all("  edge [color=\"#55555588\"];\n".as_bytes())?;
    writeln!(
        s,
        "  // weight = {}s in which both occur; {} {}s read",
        net.unit, net.units, net.unit
    )?;
    for n in &net.nodes {
        let e = n.entity;
        let (fill, shape) = style(&e.kind);
        writeln!(
            s,
            "  {} [label={}, type={}, mentions={}, paragraphs={}, cables={}, degree={}, \
weighted_degree={}, pagerank={}, component={}, provenance={}, shape={shape}, fillcolor=\"{fill}\"];",
            quote(&e.id),
            quote(&e.name),
            quote(&e.kind),
            n.stats.mentions,
            n.stats.paragraphs,
            n.stats.cables,
            n.degree,
            n.weighted_degree,
            fixed(n.pagerank),
            n.component,
            e.provenance(),
        )?;
    }
    // each node's quoted id made once, and each weight's pen width once
    // (most weights are small and repeat): with the harness's large
    // gazetteer the graph has 350,000 edges
    let ids: Vec<String> = net.nodes.iter().map(|n| quote(&n.entity.id)).collect();
    let mut pens: crate::hash::HashMap<u64, String> = Default::default();
    for e in &net.edges {
        let w = e.stats.weight;
        let pen = pens
            .entry(w)
            .or_insert_with(|| format!("{:.2}", 1.0 + (w as f64).ln_1p() * 1.5));
        writeln!(
            s,
            "  {} -- {} [weight={w}, cables={}, penwidth={pen}, tooltip=\"weight {w}\"];",
            ids[e.source], ids[e.target], e.stats.cables,
        )?;
    }
    // legend: the types present, sorted
    let mut kinds: Vec<&str> = net.nodes.iter().map(|n| n.entity.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    if !kinds.is_empty() {
        s.write_all(
            "  label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"3\">\
<tr><td colspan=\"2\"><b>entity type</b></td></tr>"
                .as_bytes(),
        )?;
        for k in kinds {
            let (fill, shape) = style(k);
            write!(
                s,
                "<tr><td bgcolor=\"{fill}\" width=\"16\"></td><td align=\"left\">{} ({shape})</td></tr>",
                html(k)
            )?;
        }
        s.write_all("</table>>;\n".as_bytes())?;
    }
    s.write_all(b"}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quote(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(quote("x\ny"), r#""x\ny""#);
        assert_eq!(quote("Calderón & <Co>"), "\"Calderón & <Co>\"");
        assert_eq!(html("a<b> & \"c\""), "a&lt;b&gt; &amp; &quot;c&quot;");
    }

    #[test]
    fn layout_by_size() {
        // small: curved edges around the nodes
        assert!(layout(21, 47).contains("splines=true"));
        assert!(layout(21, 47).contains("layout=neato"));
        // the dev corpus (126 nodes, 478 edges): straight edges, still neato
        assert!(layout(126, 478).contains("splines=false"));
        assert!(layout(126, 478).contains("layout=neato"));
        // thousands of nodes: the multilevel layout
        assert!(layout(2000, 20000).contains("layout=sfdp"));
        assert!(layout(2000, 20000).contains("splines=false"));
    }

    #[test]
    fn styles_are_stable() {
        assert_eq!(style("agency"), ("#8dd3c7", "box"));
        assert_eq!(style("militia"), style("militia"));
        assert!(SPARE.contains(&style("militia").0));
    }
}
