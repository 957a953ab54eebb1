//! `graph.graphml`: the graph as GraphML, typed attributes declared as
//! `<key>`s.
//!
//! Node ids are the gazetteer ids; every node and edge attribute of
//! [`super::NODE_ATTRS`] and [`super::edge_attrs`] is declared with its
//! type (`string`, `long`, `double`), so Gephi, networkx
//! (`networkx.read_graphml`) and igraph read numbers as numbers. Graph
//! data `unit` and `units` say how the weights were counted. Key ids are
//! prefixed (`n_`, `e_`, `g_`) because a key id must be unique across
//! nodes and edges; readers name attributes by `attr.name`.

use std::io::{self, Write};

use super::xml::escape;
use super::{edge_attrs, edge_values, node_values, NODE_ATTRS};
use crate::graph::{Measure, Network};

/// Write the network as GraphML.
pub fn write<W: Write>(w: &mut W, net: &Network<'_>, measures: &[Measure]) -> io::Result<()> {
    let eattrs = edge_attrs(measures);
    w.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    )?;
    writeln!(
        w,
        "  <key id=\"g_unit\" for=\"graph\" attr.name=\"unit\" attr.type=\"string\"/>\n  \
<key id=\"g_units\" for=\"graph\" attr.name=\"units\" attr.type=\"long\"/>"
    )?;
    for (prefix, target, attrs) in [("n", "node", &NODE_ATTRS[..]), ("e", "edge", &eattrs[..])] {
        for (name, kind) in attrs {
            writeln!(
                w,
                "  <key id=\"{prefix}_{name}\" for=\"{target}\" attr.name=\"{name}\" attr.type=\"{}\"/>",
                kind.xml_name()
            )?;
        }
    }
    writeln!(
        w,
        "  <graph id=\"cablegraph\" edgedefault=\"undirected\">\n    \
<data key=\"g_unit\">{}</data>\n    <data key=\"g_units\">{}</data>",
        net.unit, net.units
    )?;
    for n in &net.nodes {
        writeln!(w, "    <node id=\"{}\">", escape(&n.entity.id))?;
        for ((name, _), v) in NODE_ATTRS.iter().zip(node_values(n)) {
            writeln!(
                w,
                "      <data key=\"n_{name}\">{}</data>",
                escape(&v.text())
            )?;
        }
        w.write_all(b"    </node>\n")?;
    }
    for e in &net.edges {
        writeln!(
            w,
            "    <edge source=\"{}\" target=\"{}\">",
            escape(&net.nodes[e.source].entity.id),
            escape(&net.nodes[e.target].entity.id)
        )?;
        for ((name, _), v) in eattrs.iter().zip(edge_values(e, measures)) {
            writeln!(w, "      <data key=\"e_{name}\">{}</data>", v.text())?;
        }
        w.write_all(b"    </edge>\n")?;
    }
    w.write_all(b"  </graph>\n</graphml>\n")
}
