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
//! Written by hand rather than with `petgraph::dot`, whose output its docs
//! call "mostly intended for debugging" and which names nodes by index.
//! Nodes and edges come out in id order, so the file is deterministic.

use std::fmt::Write as _;

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

/// Render the network as DOT.
pub fn render(net: &Network<'_>) -> String {
    let mut s = String::new();
    s.push_str("graph cablegraph {\n");
    s.push_str(
        "  graph [layout=neato, overlap=false, splines=true, sep=\"+8\", \
fontname=\"Helvetica\", labelloc=b, labeljust=l];\n",
    );
    s.push_str("  node [style=filled, fontname=\"Helvetica\", fontsize=11];\n");
    s.push_str("  edge [color=\"#55555588\"];\n");
    let _ = writeln!(
        s,
        "  // weight = {}s in which both occur; {} {}s read",
        net.unit, net.units, net.unit
    );
    for n in &net.nodes {
        let e = n.entity;
        let (fill, shape) = style(&e.kind);
        let _ = writeln!(
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
        );
    }
    for e in &net.edges {
        let w = e.stats.weight;
        let _ = writeln!(
            s,
            "  {} -- {} [weight={w}, cables={}, penwidth={:.2}, tooltip=\"weight {w}\"];",
            quote(&net.nodes[e.source].entity.id),
            quote(&net.nodes[e.target].entity.id),
            e.stats.cables,
            1.0 + (w as f64).ln_1p() * 1.5,
        );
    }
    // legend: the types present, sorted
    let mut kinds: Vec<&str> = net.nodes.iter().map(|n| n.entity.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    if !kinds.is_empty() {
        s.push_str(
            "  label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"3\">\
<tr><td colspan=\"2\"><b>entity type</b></td></tr>",
        );
        for k in kinds {
            let (fill, shape) = style(k);
            let _ = write!(
                s,
                "<tr><td bgcolor=\"{fill}\" width=\"16\"></td><td align=\"left\">{} ({shape})</td></tr>",
                html(k)
            );
        }
        s.push_str("</table>>;\n");
    }
    s.push_str("}\n");
    s
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
    fn styles_are_stable() {
        assert_eq!(style("agency"), ("#8dd3c7", "box"));
        assert_eq!(style("militia"), style("militia"));
        assert!(SPARE.contains(&style("militia").0));
    }
}
