//! `graph.gexf`: the graph as GEXF 1.3, Gephi's own format.
//!
//! Node `id` is the gazetteer id and `label` its name; the other node
//! attributes are declared in `<attributes class="node">` with their types
//! and given per node as `<attvalues>`. Each edge has GEXF's own `weight`
//! attribute, plus `cables` and any `--measure` as declared edge
//! attributes. Nodes carry a `<viz:color>` of their type (the colours of
//! `graph.dot`), so Gephi shows types without a partition step. Edge ids
//! are `0, 1, …` in edge order.

use std::io::{self, Write};

use super::xml::escape;
use super::{dot, edge_attrs, edge_values, node_values, NODE_ATTRS};
use crate::graph::{Measure, Network};

/// `#rrggbb` → `(r, g, b)`.
fn rgb(hex: &str) -> (u8, u8, u8) {
    let h = hex.trim_start_matches('#');
    let c = |i: usize| u8::from_str_radix(h.get(i..i + 2).unwrap_or("cc"), 16).unwrap_or(0xcc);
    (c(0), c(2), c(4))
}

/// Write the network as GEXF 1.3.
pub fn write<W: Write>(w: &mut W, net: &Network<'_>, measures: &[Measure]) -> io::Result<()> {
    // label and weight are GEXF's own attributes, not declared ones
    let nattrs = &NODE_ATTRS[1..];
    let eattrs = &edge_attrs(measures)[1..];
    w.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n",
    )?;
    writeln!(
        w,
        "  <meta>\n    <creator>cablegraph {}</creator>\n    \
<description>entity co-occurrence; weight = {}s in which both occur ({} {}s)</description>\n  </meta>",
        env!("CARGO_PKG_VERSION"),
        escape(&net.unit.to_string()),
        net.units,
        escape(&net.unit.to_string()),
    )?;
    w.write_all(b"  <graph mode=\"static\" defaultedgetype=\"undirected\">\n")?;
    for (class, attrs) in [("node", nattrs), ("edge", eattrs)] {
        writeln!(w, "    <attributes class=\"{class}\">")?;
        for (name, kind) in attrs {
            writeln!(
                w,
                "      <attribute id=\"{name}\" title=\"{name}\" type=\"{}\"/>",
                kind.xml_name()
            )?;
        }
        w.write_all(b"    </attributes>\n")?;
    }
    w.write_all(b"    <nodes>\n")?;
    for n in &net.nodes {
        writeln!(
            w,
            "      <node id=\"{}\" label=\"{}\">\n        <attvalues>",
            escape(&n.entity.id),
            escape(&n.entity.name)
        )?;
        for ((name, _), v) in nattrs.iter().zip(&node_values(n)[1..]) {
            writeln!(
                w,
                "          <attvalue for=\"{name}\" value=\"{}\"/>",
                escape(&v.text())
            )?;
        }
        let (r, g, b) = rgb(dot::style(&n.entity.kind).0);
        writeln!(
            w,
            "        </attvalues>\n        <viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/>\n      </node>"
        )?;
    }
    w.write_all(b"    </nodes>\n    <edges>\n")?;
    for (i, e) in net.edges.iter().enumerate() {
        writeln!(
            w,
            "      <edge id=\"{i}\" source=\"{}\" target=\"{}\" weight=\"{}\">\n        <attvalues>",
            escape(&net.nodes[e.source].entity.id),
            escape(&net.nodes[e.target].entity.id),
            e.stats.weight
        )?;
        for ((name, _), v) in eattrs.iter().zip(&edge_values(e, measures)[1..]) {
            writeln!(
                w,
                "          <attvalue for=\"{name}\" value=\"{}\"/>",
                v.text()
            )?;
        }
        w.write_all(b"        </attvalues>\n      </edge>\n")?;
    }
    w.write_all(b"    </edges>\n  </graph>\n</gexf>\n")
}
