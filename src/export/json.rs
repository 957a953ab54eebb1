//! `graph.json`: node-link JSON, the form `networkx.node_link_graph` reads.
//!
//! ```text
//! {"directed": false, "multigraph": false,
//!  "graph": {"name": "cablegraph", "unit": "paragraph", "units": 42},
//!  "nodes": [{"id": "mx-pgr", "label": "…", "type": "agency", …}, …],
//!  "edges": [{"source": "mx-pgr", "target": "mx-sedena", "weight": 3, "cables": 2}, …],
//!  "links": [… the same edges …]}
//! ```
//!
//! The edge list is written under both keys: networkx 3.6 reads `edges` by
//! default, networkx 2.x–3.5 and d3's force layout read `links` (3.4–3.5
//! also take `edges="edges"`). Load it with
//! `networkx.node_link_graph(json.load(f))` on any version. Keys within an
//! object keep a fixed order; one node or edge per line; floats are
//! rounded to 6 decimals; text is escaped by `serde_json` (UTF-8 as is).

use std::io::{self, Write};

use serde_json::{Map, Value as Json};

use super::{edge_attrs, edge_values, node_values, Value, NODE_ATTRS};
use crate::graph::{Measure, Network};

fn json(v: &Value<'_>) -> Json {
    match v {
        Value::Str(s) => Json::String(s.to_string()),
        Value::Int(n) => Json::from(*n),
        Value::Float(x) => Json::from((x * 1e6).round() / 1e6),
    }
}

fn line<W: Write>(w: &mut W, obj: &[(&str, Json)], last: bool) -> io::Result<()> {
    // serde_json's Map sorts keys; write the object by hand to keep order
    w.write_all(b"  {")?;
    for (i, (k, v)) in obj.iter().enumerate() {
        if i > 0 {
            w.write_all(b", ")?;
        }
        serde_json::to_writer(&mut *w, k)?;
        w.write_all(b": ")?;
        serde_json::to_writer(&mut *w, v)?;
    }
    w.write_all(if last { b"}\n" } else { b"},\n" })
}

/// Write the network as node-link JSON.
pub fn write<W: Write>(w: &mut W, net: &Network<'_>, measures: &[Measure]) -> io::Result<()> {
    let mut graph = Map::new();
    graph.insert("name".into(), "cablegraph".into());
    graph.insert("unit".into(), net.unit.to_string().into());
    graph.insert("units".into(), net.units.into());
    w.write_all(b"{\"directed\": false, \"multigraph\": false, \"graph\": ")?;
    serde_json::to_writer(&mut *w, &graph)?;
    w.write_all(b",\n\"nodes\": [\n")?;
    for (i, n) in net.nodes.iter().enumerate() {
        let mut obj = vec![("id", Json::String(n.entity.id.clone()))];
        obj.extend(
            NODE_ATTRS
                .iter()
                .zip(node_values(n))
                .map(|((k, _), v)| (*k, json(&v))),
        );
        line(w, &obj, i + 1 == net.nodes.len())?;
    }
    let eattrs = edge_attrs(measures);
    for key in ["edges", "links"] {
        write!(w, "],\n\"{key}\": [\n")?;
        for (i, e) in net.edges.iter().enumerate() {
            let mut obj = vec![
                (
                    "source",
                    Json::String(net.nodes[e.source].entity.id.clone()),
                ),
                (
                    "target",
                    Json::String(net.nodes[e.target].entity.id.clone()),
                ),
            ];
            obj.extend(
                eattrs
                    .iter()
                    .zip(edge_values(e, measures))
                    .map(|((k, _), v)| (*k, json(&v))),
            );
            line(w, &obj, i + 1 == net.edges.len())?;
        }
    }
    w.write_all(b"]}\n")
}
