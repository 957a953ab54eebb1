//! `graph.dot`: the co-occurrence graph as a Graphviz `graph`.
//!
//! One node per entity (id as the node name, label and type as
//! attributes; colour and shape by type), one `--` edge per pair with its
//! weight (pen width grows with it). Written by hand rather than with
//! `petgraph::dot`, whose output its docs call "mostly intended for
//! debugging" and which names nodes by index. Nodes and edges come out in
//! id order, so the file is deterministic.

use std::fmt::Write as _;

use petgraph::graphmap::UnGraphMap;

use crate::gazetteer::Gazetteer;
use crate::graph::{Aggregate, EdgeStats};

/// Quote a string for DOT: `"` and `\` escaped, line breaks as `\n`.
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

/// Fill colour and shape for an entity type.
pub fn style(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "agency" => ("#8dd3c7", "box"),
        "program" => ("#ffffb3", "note"),
        "person" => ("#fb8072", "ellipse"),
        "organization" => ("#bebada", "hexagon"),
        "group" => ("#fdb462", "octagon"),
        "place" => ("#b3de69", "house"),
        _ => ("#d9d9d9", "ellipse"),
    }
}

/// Render the graph as DOT.
pub fn render(
    gazetteer: &Gazetteer,
    agg: &Aggregate,
    graph: &UnGraphMap<u32, EdgeStats>,
) -> String {
    let ents = gazetteer.entities();
    let mut s = String::new();
    s.push_str("graph cablegraph {\n");
    s.push_str("  graph [layout=neato, overlap=false, splines=true, sep=\"+8\", fontname=\"Helvetica\"];\n");
    s.push_str("  node [style=filled, fontname=\"Helvetica\", fontsize=11];\n");
    s.push_str("  edge [color=\"#55555588\", fontname=\"Helvetica\", fontsize=9];\n");
    for n in graph.nodes() {
        let e = &ents[n as usize];
        let (fill, shape) = style(&e.kind);
        let st = agg.node(n);
        let _ = writeln!(
            s,
            "  {} [label={}, type={}, mentions={}, shape={}, fillcolor={}];",
            quote(&e.id),
            quote(&e.name),
            quote(&e.kind),
            st.mentions,
            shape,
            quote(fill)
        );
    }
    for (a, b, st) in graph.all_edges() {
        let pen = 1.0 + (st.weight as f64).ln_1p() * 1.5;
        let _ = writeln!(
            s,
            "  {} -- {} [weight={}, label=\"{}\", cables={}, penwidth={:.2}];",
            quote(&ents[a as usize].id),
            quote(&ents[b as usize].id),
            st.weight,
            st.weight,
            st.cables,
            pen
        );
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
    }
}
