//! Stage 6, aggregate: mentions become a co-occurrence graph.
//!
//! Two entities are linked when they occur in the same *unit* (by default
//! a paragraph). An edge's weight is the number of units in which both
//! occur — once per unit however often they repeat there — and its
//! `cables` the number of distinct cables. A node counts its mentions, the
//! paragraphs and the cables it occurs in.
//!
//! Aggregation is incremental and order-independent in its totals: each
//! cable is added once ([`Aggregate::add_cable`]), partial aggregates from
//! several threads or shards can be merged ([`Aggregate::merge`]), and
//! [`Aggregate::graph`] builds the final `petgraph` graph, whose nodes and
//! edges the exporters write in sorted order.
//!
//! The evidence behind every edge (which cable and paragraph) is not kept
//! here but handed to a callback as each unit is added, so memory holds
//! only the counts, never the corpus.

use std::collections::HashMap;

use petgraph::graphmap::UnGraphMap;

use crate::cable::Cable;
use crate::gazetteer::Gazetteer;
use crate::matcher::Mention;

/// What counts as "together".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Unit {
    /// The same paragraph (the default).
    #[default]
    Paragraph,
    /// The same cable.
    Cable,
}

/// A mention located in a cable: paragraph index and the match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Located {
    /// Index into `cable.paragraphs`.
    pub paragraph: usize,
    /// The mention.
    pub mention: Mention,
}

/// Counts for one entity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NodeStats {
    /// Mentions.
    pub mentions: u64,
    /// Distinct paragraphs with a mention.
    pub paragraphs: u64,
    /// Distinct cables with a mention.
    pub cables: u64,
}

/// Counts for one pair of entities.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EdgeStats {
    /// Units in which both occur.
    pub weight: u64,
    /// Distinct cables in which both occur in one unit.
    pub cables: u64,
}

/// One unit of evidence for an edge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence<'a> {
    /// Entity index with the smaller id.
    pub source: u32,
    /// Entity index with the larger id.
    pub target: u32,
    /// The cable.
    pub cable: &'a str,
    /// The paragraph number (for `Unit::Cable`, `None`).
    pub paragraph: Option<u32>,
}

/// Running totals over the cables added so far.
#[derive(Clone, Debug, Default)]
pub struct Aggregate {
    nodes: HashMap<u32, NodeStats>,
    edges: HashMap<(u32, u32), EdgeStats>,
    /// Cables added.
    pub cables: u64,
    /// Paragraphs seen.
    pub paragraphs: u64,
    /// Mentions seen.
    pub mentions: u64,
}

impl Aggregate {
    /// An empty aggregate.
    pub fn new() -> Aggregate {
        Aggregate::default()
    }

    /// Add one cable's mentions (in paragraph order). `order` sorts a pair
    /// (by entity id) so that sources and targets are stable.
    pub fn add_cable(
        &mut self,
        gazetteer: &Gazetteer,
        cable: &Cable,
        mentions: &[Located],
        unit: Unit,
        mut evidence: impl FnMut(Evidence<'_>),
    ) {
        self.cables += 1;
        self.paragraphs += cable.paragraphs.len() as u64;
        self.mentions += mentions.len() as u64;
        let ents = gazetteer.entities();

        // node counts
        let mut in_cable: Vec<u32> = Vec::new();
        let mut last_para: HashMap<u32, usize> = HashMap::new();
        for m in mentions {
            let e = m.mention.entity;
            let st = self.nodes.entry(e).or_default();
            st.mentions += 1;
            if last_para.insert(e, m.paragraph) != Some(m.paragraph) {
                st.paragraphs += 1;
            }
            if !in_cable.contains(&e) {
                in_cable.push(e);
            }
        }
        for e in &in_cable {
            self.nodes.get_mut(e).expect("counted above").cables += 1;
        }

        // units: sorted distinct entities per unit
        let mut units: Vec<(Option<u32>, Vec<u32>)> = Vec::new();
        match unit {
            Unit::Paragraph => {
                let mut i = 0;
                while i < mentions.len() {
                    let p = mentions[i].paragraph;
                    let mut set: Vec<u32> = Vec::new();
                    while i < mentions.len() && mentions[i].paragraph == p {
                        set.push(mentions[i].mention.entity);
                        i += 1;
                    }
                    units.push((Some(cable.paragraphs[p].number), set));
                }
            }
            Unit::Cable => units.push((None, in_cable.clone())),
        }
        let mut pairs_in_cable: Vec<(u32, u32)> = Vec::new();
        for (label, mut set) in units {
            set.sort_by(|a, b| ents[*a as usize].id.cmp(&ents[*b as usize].id));
            set.dedup();
            for i in 0..set.len() {
                for j in i + 1..set.len() {
                    let key = (set[i], set[j]);
                    self.edges.entry(key).or_default().weight += 1;
                    if !pairs_in_cable.contains(&key) {
                        pairs_in_cable.push(key);
                    }
                    evidence(Evidence {
                        source: set[i],
                        target: set[j],
                        cable: &cable.id,
                        paragraph: label,
                    });
                }
            }
        }
        for k in pairs_in_cable {
            self.edges.get_mut(&k).expect("counted above").cables += 1;
        }
    }

    /// Add another aggregate's counts to this one.
    pub fn merge(&mut self, other: Aggregate) {
        for (k, v) in other.nodes {
            let s = self.nodes.entry(k).or_default();
            s.mentions += v.mentions;
            s.paragraphs += v.paragraphs;
            s.cables += v.cables;
        }
        for (k, v) in other.edges {
            let s = self.edges.entry(k).or_default();
            s.weight += v.weight;
            s.cables += v.cables;
        }
        self.cables += other.cables;
        self.paragraphs += other.paragraphs;
        self.mentions += other.mentions;
    }

    /// Node counts for an entity (zero when never mentioned).
    pub fn node(&self, entity: u32) -> NodeStats {
        self.nodes.get(&entity).copied().unwrap_or_default()
    }

    /// The co-occurrence graph: one node per mentioned entity, one edge per
    /// co-occurring pair. Nodes are added in entity-id order, so node
    /// indices and iteration order are deterministic.
    pub fn graph(&self, gazetteer: &Gazetteer) -> UnGraphMap<u32, EdgeStats> {
        let ents = gazetteer.entities();
        let mut nodes: Vec<u32> = self.nodes.keys().copied().collect();
        nodes.sort_by(|a, b| ents[*a as usize].id.cmp(&ents[*b as usize].id));
        let mut edges: Vec<((u32, u32), EdgeStats)> =
            self.edges.iter().map(|(k, v)| (*k, *v)).collect();
        edges.sort_by(|a, b| {
            let ka = (&ents[a.0 .0 as usize].id, &ents[a.0 .1 as usize].id);
            let kb = (&ents[b.0 .0 as usize].id, &ents[b.0 .1 as usize].id);
            ka.cmp(&kb)
        });
        let mut g = UnGraphMap::with_capacity(nodes.len(), edges.len());
        for n in nodes {
            g.add_node(n);
        }
        for ((a, b), s) in edges {
            g.add_edge(a, b, s);
        }
        g
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cable::Paragraph;

    fn gaz() -> Gazetteer {
        let text =
            "id,type,name,aliases,notes\nb,agency,Bravo,,\na,agency,Alpha,,\nc,agency,Charlie,,\n";
        Gazetteer::from_sources(&[("g.csv".into(), text.as_bytes())]).unwrap()
    }

    fn cable(id: &str, n: usize) -> Cable {
        Cable {
            id: id.into(),
            paragraphs: (1..=n)
                .map(|i| Paragraph {
                    number: i as u32,
                    classification: None,
                    heading: None,
                    text: String::new(),
                })
                .collect(),
            ..Cable::default()
        }
    }

    fn at(paragraph: usize, entity: u32) -> Located {
        Located {
            paragraph,
            mention: Mention {
                entity,
                pattern: 0,
                start: 0,
                end: 0,
            },
        }
    }

    #[test]
    fn weights_count_units_once_and_pairs_are_sorted_by_id() {
        let g = gaz();
        let mut agg = Aggregate::new();
        let mut ev = Vec::new();
        // entity 0 = b, 1 = a, 2 = c
        let ms = [at(0, 0), at(0, 1), at(0, 0), at(1, 1), at(1, 0), at(2, 2)];
        agg.add_cable(&g, &cable("X", 3), &ms, Unit::Paragraph, |e| {
            ev.push((e.source, e.target, e.paragraph))
        });
        assert_eq!(
            ev,
            [(1, 0, Some(1)), (1, 0, Some(2))],
            "a–b twice, source is 'a'"
        );
        let gr = agg.graph(&g);
        assert_eq!(
            gr.edge_weight(1, 0).unwrap(),
            &EdgeStats {
                weight: 2,
                cables: 1
            }
        );
        assert_eq!(
            agg.node(0),
            NodeStats {
                mentions: 3,
                paragraphs: 2,
                cables: 1
            }
        );
        assert_eq!(
            agg.node(2),
            NodeStats {
                mentions: 1,
                paragraphs: 1,
                cables: 1
            }
        );
        assert_eq!(gr.node_count(), 3);
        assert_eq!(gr.edge_count(), 1);
    }

    #[test]
    fn merge_equals_one_pass() {
        let g = gaz();
        let c1 = (cable("X", 2), vec![at(0, 0), at(0, 1), at(1, 2), at(1, 1)]);
        let c2 = (cable("Y", 1), vec![at(0, 0), at(0, 1), at(0, 2)]);
        let mut one = Aggregate::new();
        one.add_cable(&g, &c1.0, &c1.1, Unit::Paragraph, |_| {});
        one.add_cable(&g, &c2.0, &c2.1, Unit::Paragraph, |_| {});
        let mut a = Aggregate::new();
        a.add_cable(&g, &c1.0, &c1.1, Unit::Paragraph, |_| {});
        let mut b = Aggregate::new();
        b.add_cable(&g, &c2.0, &c2.1, Unit::Paragraph, |_| {});
        b.merge(a);
        let (g1, g2) = (one.graph(&g), b.graph(&g));
        let e1: Vec<_> = g1.all_edges().map(|(x, y, s)| (x, y, *s)).collect();
        let e2: Vec<_> = g2.all_edges().map(|(x, y, s)| (x, y, *s)).collect();
        assert_eq!(e1, e2);
        assert_eq!(one.node(1), b.node(1));
    }

    #[test]
    fn cable_unit_links_across_paragraphs() {
        let g = gaz();
        let mut agg = Aggregate::new();
        agg.add_cable(
            &g,
            &cable("X", 2),
            &[at(0, 0), at(1, 2)],
            Unit::Cable,
            |_| {},
        );
        assert_eq!(agg.graph(&g).edge_weight(0, 2).unwrap().weight, 1);
    }
}
