//! Stage 6, aggregate: mentions become a co-occurrence graph.
//!
//! Two entities are linked when they occur in the same *unit*. An edge's
//! weight is the number of units in which both occur — once per unit
//! however often they repeat there — and its `cables` the number of
//! distinct cables. A node counts its mentions, the paragraphs and the
//! cables it occurs in, and the units it occurs in.
//!
//! # Units
//!
//! | `--unit` | two entities co-occur when … | `unit` column of `cooccurrences.csv` |
//! | --- | --- | --- |
//! | `paragraph` (default) | they are mentioned in the same numbered paragraph | empty |
//! | `sentence` | they are mentioned in the same sentence of a paragraph | sentence number in the paragraph, from 1 |
//! | `cable` | they are mentioned anywhere in the same cable | empty (and `paragraph` empty) |
//! | `window:N` | in the same paragraph, at most `N` words lie between a mention of one and a mention of the other | the smallest number of words between them |
//!
//! **Sentences** ([`sentence_starts`]): a paragraph is split after `.`, `!`
//! or `?` (and any closing quotes or brackets right after it) when
//! whitespace follows and then an upper-case letter or an opening quote.
//! A period does not end a sentence after a single letter (initials:
//! `CHARLES V. BARCLAY`), after dotted initials (`U.S.`, `U.N.`, `e.g.`)
//! or after a common abbreviation (`Mr.`, `Gen.`, `No.`, `Amb.` … see
//! [`ABBREVIATIONS`], any case). The rule is deliberately simple: an
//! abbreviation that really ends a sentence (`… Inc. The`) does not split.
//! A mention belongs to the sentence in which it starts.
//!
//! **Words** (for `window:N`) are maximal runs of letters and digits, so
//! `U.S.-Mexican` is three words. The distance between two mentions is the
//! number of words strictly between them: adjacent names are 0 apart, so
//! `window:0` links only neighbours. A window unit is still a paragraph:
//! the weight of a pair is the number of paragraphs in which the two are
//! at least once that close, and windows never cross paragraphs.
//!
//! # Association measures
//!
//! From unit counts: `N` units in the run (every paragraph, sentence or
//! cable read, with or without mentions; for `window:N`, paragraphs), `a`
//! and `b` the units in which each entity occurs, and `ab` the edge weight.
//!
//! | measure | formula | range |
//! | --- | --- | --- |
//! | `pmi` | `log2(ab · N / (a · b))` | (−∞, log2 N]; 0 = independent |
//! | `npmi` | `pmi / −log2(ab / N)`, 1 when `ab = N` | (−1, 1]; 1 = always together |
//! | `dice` | `2 · ab / (a + b)` | (0, 1] |
//! | `jaccard` | `ab / (a + b − ab)` | (0, 1] |
//!
//! # Filters and node measures
//!
//! [`Aggregate::network`] applies the edge filters — `--min-weight N`
//! drops edges with a smaller weight; `--top N` keeps the `N` strongest
//! edges (by weight, then cables, ties broken by ids so the cut is
//! deterministic) — and, with `--drop-isolated`, removes the nodes left
//! without an edge (otherwise every mentioned entity stays a node). Node
//! measures are computed on the graph that is written:
//!
//! - `Degree`: number of neighbours; `WeightedDegree`: sum of the weights
//!   of its edges.
//! - `PageRank`: weighted PageRank (damping 0.85, teleport and dangling
//!   mass spread uniformly), the same definition as
//!   `networkx.pagerank(G, weight="weight")`; iterated until the L1 change
//!   is below 1e-12 per node, rounded to 6 decimals. Not petgraph's
//!   `page_rank`, which ignores weights and costs O(V²·E) per iteration.
//! - `Component`: connected component (petgraph's union-find), numbered
//!   1, 2, … in the order of each component's smallest node id.
//!
//! Aggregation is incremental and order-independent in its totals: each
//! cable is added once ([`Aggregate::add_cable`]), partial aggregates from
//! several threads or shards can be merged ([`Aggregate::merge`]).
//!
//! The evidence behind every edge (which cable, paragraph and unit) is not
//! kept here but handed to a callback as each unit is added, so memory
//! holds only the counts, never the corpus.

// FxHash: the maps are keyed by small integers we make ourselves, and
// hashing them is a hot path when a dense gazetteer links millions of pairs
use crate::hash::HashMap;
use std::fmt;
use std::str::FromStr;

use petgraph::graphmap::UnGraphMap;
use petgraph::unionfind::UnionFind;

use crate::cable::Cable;
use crate::gazetteer::{Entity, Gazetteer};

/// What counts as "together".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Unit {
    /// The same paragraph (the default).
    #[default]
    Paragraph,
    /// The same sentence.
    Sentence,
    /// The same cable.
    Cable,
    /// At most this many words apart within a paragraph.
    Window(u32),
}

impl FromStr for Unit {
    type Err = String;

    /// `paragraph`, `sentence`, `cable` or `window:N`.
    fn from_str(s: &str) -> Result<Unit, String> {
        let t = s.trim().to_ascii_lowercase();
        match t.as_str() {
            "paragraph" => Ok(Unit::Paragraph),
            "sentence" => Ok(Unit::Sentence),
            "cable" => Ok(Unit::Cable),
            _ => match t.strip_prefix("window:") {
                Some(n) => n.trim().parse::<u32>().map(Unit::Window).map_err(|_| {
                    format!(
                        "window size must be a whole number of words, e.g. window:10 (got {s:?})"
                    )
                }),
                None => Err(format!(
                    "unknown unit {s:?}: use paragraph, sentence, cable or window:N"
                )),
            },
        }
    }
}

impl serde::Serialize for Unit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Unit {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Unit, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unit::Paragraph => f.write_str("paragraph"),
            Unit::Sentence => f.write_str("sentence"),
            Unit::Cable => f.write_str("cable"),
            Unit::Window(n) => write!(f, "window:{n}"),
        }
    }
}

pub use crate::matcher::Located;
pub use crate::segment::{sentence_starts, words, ABBREVIATIONS};

/// Counts for one entity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NodeStats {
    /// Mentions.
    pub mentions: u64,
    /// Distinct paragraphs with a mention.
    pub paragraphs: u64,
    /// Distinct cables with a mention.
    pub cables: u64,
    /// Units (of the run's unit) with a mention.
    pub units: u64,
}

/// Counts for one pair of entities.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
    /// The sentence number (`Unit::Sentence`) or the word distance
    /// (`Unit::Window`); `None` otherwise.
    pub detail: Option<u32>,
}

/// One unit of a cable: its label, its distinct entities and its pairs.
struct UnitSet {
    paragraph: Option<u32>,
    entities: Vec<u32>,
    pairs: UnitPairs,
}

/// The linked pairs of a unit, each `(a, b, detail)` with `a`'s id < `b`'s.
enum UnitPairs {
    /// Every pair of the unit's entities (in id order), with one detail:
    /// read off the entities, not listed (most units are cliques).
    Clique(Option<u32>),
    /// These pairs only (a window's, each with its own distance).
    Listed(Vec<(u32, u32, Option<u32>)>),
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
    /// Units seen (paragraphs, sentences or cables).
    pub units: u64,
    /// Mentions seen.
    pub mentions: u64,
    /// The per-cable maps of [`Aggregate::add_cable`], kept between cables
    /// so that their memory is reused (no counts live here).
    scratch: CableScratch,
}

/// The maps [`Aggregate::add_cable`] fills for one cable and empties again.
#[derive(Clone, Debug, Default)]
struct CableScratch {
    /// Each entity's last paragraph in the cable.
    last_para: HashMap<u32, usize>,
    /// Each pair's weight in the cable.
    pairs: HashMap<(u32, u32), u64>,
}

/// The counts of an [`Aggregate`] as plain sorted lists, for saving a
/// shard's partial result and merging it later.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AggregateState {
    /// Cables added.
    pub cables: u64,
    /// Paragraphs seen.
    pub paragraphs: u64,
    /// Units seen.
    pub units: u64,
    /// Mentions seen.
    pub mentions: u64,
    /// Node counts by entity index, sorted.
    pub nodes: Vec<(u32, NodeStats)>,
    /// Edge counts by entity-index pair, sorted.
    pub edges: Vec<(u32, u32, EdgeStats)>,
}

impl Aggregate {
    /// An empty aggregate.
    pub fn new() -> Aggregate {
        Aggregate::default()
    }

    /// The counts as sorted lists.
    pub fn state(&self) -> AggregateState {
        let mut nodes: Vec<(u32, NodeStats)> = self.nodes.iter().map(|(k, v)| (*k, *v)).collect();
        nodes.sort_unstable_by_key(|n| n.0);
        let mut edges: Vec<(u32, u32, EdgeStats)> =
            self.edges.iter().map(|((a, b), v)| (*a, *b, *v)).collect();
        edges.sort_unstable_by_key(|e| (e.0, e.1));
        AggregateState {
            cables: self.cables,
            paragraphs: self.paragraphs,
            units: self.units,
            mentions: self.mentions,
            nodes,
            edges,
        }
    }

    /// An aggregate holding saved counts.
    pub fn from_state(s: AggregateState) -> Aggregate {
        Aggregate {
            nodes: s.nodes.into_iter().collect(),
            edges: s.edges.into_iter().map(|(a, b, v)| ((a, b), v)).collect(),
            cables: s.cables,
            paragraphs: s.paragraphs,
            units: s.units,
            mentions: s.mentions,
            scratch: CableScratch::default(),
        }
    }

    /// Add one cable's mentions (in paragraph, then text order). Pairs are
    /// ordered by entity id so that sources and targets are stable.
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
        let by_id = |a: &u32, b: &u32| gazetteer.cmp_ids(*a, *b);

        // node counts: an entity's first mention in the cable counts the
        // cable, its first in each paragraph the paragraph
        let mut scratch = std::mem::take(&mut self.scratch);
        let last_para = &mut scratch.last_para;
        last_para.clear();
        for m in mentions {
            let e = m.mention.entity;
            let st = self.nodes.entry(e).or_default();
            st.mentions += 1;
            match last_para.insert(e, m.paragraph) {
                None => {
                    st.paragraphs += 1;
                    st.cables += 1;
                }
                Some(p) if p != m.paragraph => st.paragraphs += 1,
                Some(_) => {}
            }
        }

        let units = self.units_of(cable, mentions, unit, &by_id);
        // the cable's pairs counted in a small map first, then added to
        // the corpus-wide one once each: with a dense gazetteer the big map's
        // probes (cache misses) were the cost
        // (left empty by the drain below, cable after cable)
        let in_this_cable = &mut scratch.pairs;
        for u in units {
            for e in &u.entities {
                self.nodes.get_mut(e).expect("counted above").units += 1;
            }
            let mut pair = |a: u32, b: u32, detail: Option<u32>| {
                *in_this_cable.entry((a, b)).or_default() += 1;
                evidence(Evidence {
                    source: a,
                    target: b,
                    cable: &cable.id,
                    paragraph: u.paragraph,
                    detail,
                });
            };
            match u.pairs {
                UnitPairs::Clique(detail) => {
                    let set = &u.entities;
                    for (i, &a) in set.iter().enumerate() {
                        for &b in &set[i + 1..] {
                            pair(a, b, detail);
                        }
                    }
                }
                UnitPairs::Listed(pairs) => {
                    for (a, b, detail) in pairs {
                        pair(a, b, detail);
                    }
                }
            }
        }
        for (pair, weight) in in_this_cable.drain() {
            let stats = self.edges.entry(pair).or_default();
            stats.weight += weight;
            stats.cables += 1;
        }
        self.scratch = scratch;
    }

    /// Split a cable's mentions into units, counting every unit of the
    /// cable (with or without mentions) into `self.units`.
    fn units_of(
        &mut self,
        cable: &Cable,
        mentions: &[Located],
        unit: Unit,
        by_id: &dyn Fn(&u32, &u32) -> std::cmp::Ordering,
    ) -> Vec<UnitSet> {
        let clique = |paragraph, mut set: Vec<u32>, detail| {
            set.sort_by(by_id);
            set.dedup();
            UnitSet {
                paragraph,
                entities: set,
                pairs: UnitPairs::Clique(detail),
            }
        };
        // mentions grouped by paragraph
        let mut groups: Vec<(usize, &[Located])> = Vec::new();
        let mut i = 0;
        while i < mentions.len() {
            let p = mentions[i].paragraph;
            let j = i + mentions[i..]
                .iter()
                .take_while(|m| m.paragraph == p)
                .count();
            groups.push((p, &mentions[i..j]));
            i = j;
        }
        let mut out = Vec::new();
        match unit {
            Unit::Cable => {
                self.units += 1;
                let all = mentions.iter().map(|m| m.mention.entity).collect();
                out.push(clique(None, all, None));
            }
            Unit::Paragraph => {
                self.units += cable.paragraphs.len() as u64;
                for (p, ms) in groups {
                    let set = ms.iter().map(|m| m.mention.entity).collect();
                    out.push(clique(Some(cable.paragraphs[p].number), set, None));
                }
            }
            Unit::Sentence => {
                let mut g = groups.iter().peekable();
                for (p, para) in cable.paragraphs.iter().enumerate() {
                    let starts = sentence_starts(&para.text);
                    self.units += starts.len() as u64;
                    let Some((_, ms)) = g.next_if(|(q, _)| *q == p) else {
                        continue;
                    };
                    let mut by_sentence: Vec<Vec<u32>> = vec![Vec::new(); starts.len()];
                    for m in ms.iter() {
                        let k = starts.partition_point(|&s| s <= m.mention.start) - 1;
                        by_sentence[k].push(m.mention.entity);
                    }
                    for (k, set) in by_sentence.into_iter().enumerate() {
                        if !set.is_empty() {
                            out.push(clique(Some(para.number), set, Some(k as u32 + 1)));
                        }
                    }
                }
            }
            Unit::Window(n) => {
                self.units += cable.paragraphs.len() as u64;
                for (p, ms) in groups {
                    let para = &cable.paragraphs[p];
                    out.push(window_unit(&para.text, para.number, ms, n, by_id));
                }
            }
        }
        out
    }

    /// Add another aggregate's counts to this one.
    pub fn merge(&mut self, mut other: Aggregate) {
        if other.edges.len() > self.edges.len() {
            // sums do not care which side is which: the larger map is kept
            // and the smaller one added into it (no rehash of a large map
            // into a new one, and one large map in memory, not two)
            std::mem::swap(self, &mut other);
        }
        for (k, v) in other.nodes {
            let s = self.nodes.entry(k).or_default();
            s.mentions += v.mentions;
            s.paragraphs += v.paragraphs;
            s.cables += v.cables;
            s.units += v.units;
        }
        for (k, v) in other.edges {
            let s = self.edges.entry(k).or_default();
            s.weight += v.weight;
            s.cables += v.cables;
        }
        self.cables += other.cables;
        self.paragraphs += other.paragraphs;
        self.units += other.units;
        self.mentions += other.mentions;
    }

    /// Node counts for an entity (zero when never mentioned).
    pub fn node(&self, entity: u32) -> NodeStats {
        self.nodes.get(&entity).copied().unwrap_or_default()
    }

    /// Mentions per entity type, sorted by type.
    pub fn mentions_by_type(&self, gazetteer: &Gazetteer) -> Vec<(String, u64)> {
        let mut m: std::collections::BTreeMap<&str, u64> = Default::default();
        for (e, s) in &self.nodes {
            *m.entry(&gazetteer.entities()[*e as usize].kind)
                .or_default() += s.mentions;
        }
        m.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }

    /// The co-occurrence graph: one node per mentioned entity, one edge per
    /// co-occurring pair. Nodes are added in entity-id order, so node
    /// indices and iteration order are deterministic.
    pub fn graph(&self, gazetteer: &Gazetteer) -> UnGraphMap<u32, EdgeStats> {
        self.graph_with(gazetteer, &Filter::default())
    }

    /// [`Aggregate::graph`] with edge (and isolated node) filters applied.
    pub fn graph_with(&self, gazetteer: &Gazetteer, filter: &Filter) -> UnGraphMap<u32, EdgeStats> {
        // ids are unique, so their ranks order them as the ids do, without
        // a string comparison (with the harness's large gazetteer, sorting
        // 350,000 edges by id strings was most of the graph's cost)
        let rank = |e: u32| gazetteer.id_rank(e);
        let mut edges: Vec<((u32, u32), EdgeStats)> = self
            .edges
            .iter()
            .filter(|(_, s)| s.weight >= filter.min_weight)
            .map(|(k, v)| (*k, *v))
            .collect();
        if let Some(top) = filter.top {
            edges.sort_by(|a, b| {
                (b.1.weight, b.1.cables)
                    .cmp(&(a.1.weight, a.1.cables))
                    .then_with(|| (rank(a.0 .0), rank(a.0 .1)).cmp(&(rank(b.0 .0), rank(b.0 .1))))
            });
            edges.truncate(top);
        }
        // no two edges have one pair: an unstable sort is as good
        edges.sort_unstable_by_key(|((a, b), _)| (rank(*a), rank(*b)));
        let mut nodes: Vec<u32> = if filter.drop_isolated {
            let mut v: Vec<u32> = edges.iter().flat_map(|((a, b), _)| [*a, *b]).collect();
            v.sort_unstable();
            v.dedup();
            v
        } else {
            self.nodes.keys().copied().collect()
        };
        nodes.sort_unstable_by_key(|n| rank(*n));
        let mut g = UnGraphMap::with_capacity(nodes.len(), edges.len());
        for n in nodes {
            g.add_node(n);
        }
        for ((a, b), s) in edges {
            g.add_edge(a, b, s);
        }
        g
    }

    /// The graph that is exported, with its node and edge measures.
    pub fn network<'g>(
        &self,
        gazetteer: &'g Gazetteer,
        unit: Unit,
        filter: &Filter,
    ) -> Network<'g> {
        let g = self.graph_with(gazetteer, filter);
        let ents = gazetteer.entities();
        let index: HashMap<u32, usize> = g.nodes().enumerate().map(|(i, n)| (n, i)).collect();
        let mut nodes: Vec<Node<'g>> = g
            .nodes()
            .map(|n| Node {
                index: n,
                entity: &ents[n as usize],
                stats: self.node(n),
                degree: 0,
                weighted_degree: 0,
                pagerank: 0.0,
                component: 0,
            })
            .collect();
        let total = self.units as f64;
        // graphmap orders an edge's ends by entity index; nodes are in id
        // order, so the smaller node index is the smaller id
        let mut edges: Vec<Edge> = g
            .all_edges()
            .map(|(a, b, s)| {
                let (ia, ib) = (index[&a].min(index[&b]), index[&a].max(index[&b]));
                let assoc = Association::new(
                    s.weight as f64,
                    nodes[ia].stats.units as f64,
                    nodes[ib].stats.units as f64,
                    total,
                );
                Edge {
                    source: ia,
                    target: ib,
                    stats: *s,
                    assoc,
                }
            })
            .collect();
        edges.sort_by_key(|e| (e.source, e.target));
        let mut uf = UnionFind::<usize>::new(nodes.len());
        for e in &edges {
            for i in [e.source, e.target] {
                nodes[i].degree += 1;
                nodes[i].weighted_degree += e.stats.weight;
            }
            uf.union(e.source, e.target);
        }
        let ranks = pagerank(nodes.len(), &edges, 0.85);
        let mut label: HashMap<usize, u32> = HashMap::default();
        for (i, n) in nodes.iter_mut().enumerate() {
            let next = label.len() as u32 + 1;
            n.component = *label.entry(uf.find(i)).or_insert(next);
            n.pagerank = (ranks[i] * 1e6).round() / 1e6;
        }
        Network {
            unit,
            units: self.units,
            components: label.len() as u32,
            nodes,
            edges,
        }
    }
}

/// The pairs of one paragraph whose mentions come within `n` words.
fn window_unit(
    text: &str,
    number: u32,
    ms: &[Located],
    n: u32,
    by_id: &dyn Fn(&u32, &u32) -> std::cmp::Ordering,
) -> UnitSet {
    let w = words(text);
    // word span of each mention, in text order
    let mut spans: Vec<(usize, usize, u32)> = ms
        .iter()
        .map(|m| {
            let first = w.partition_point(|&(_, e)| e <= m.mention.start);
            let last = w
                .partition_point(|&(s, _)| s < m.mention.end)
                .max(first + 1)
                - 1;
            (first, last, m.mention.entity)
        })
        .collect();
    spans.sort_unstable();
    let mut best: HashMap<(u32, u32), u32> = HashMap::default();
    for (i, &(_, last_a, a)) in spans.iter().enumerate() {
        for &(first_b, _, b) in &spans[i + 1..] {
            let gap = first_b.saturating_sub(last_a + 1);
            if gap > n as usize {
                break;
            }
            if a == b {
                continue;
            }
            let key = if by_id(&a, &b).is_lt() {
                (a, b)
            } else {
                (b, a)
            };
            let d = best.entry(key).or_insert(u32::MAX);
            *d = (*d).min(gap as u32);
        }
    }
    let mut pairs: Vec<(u32, u32, Option<u32>)> = best
        .into_iter()
        .map(|((a, b), d)| (a, b, Some(d)))
        .collect();
    pairs.sort_by(|x, y| by_id(&x.0, &y.0).then_with(|| by_id(&x.1, &y.1)));
    let mut entities: Vec<u32> = ms.iter().map(|m| m.mention.entity).collect();
    entities.sort_by(by_id);
    entities.dedup();
    UnitSet {
        paragraph: Some(number),
        entities,
        pairs: UnitPairs::Listed(pairs),
    }
}

/// Weighted PageRank by power iteration, as `networkx.pagerank`.
fn pagerank(n: usize, edges: &[Edge], damping: f64) -> Vec<f64> {
    if n == 0 {
        return Vec::new();
    }
    let mut strength = vec![0.0f64; n];
    for e in edges {
        strength[e.source] += e.stats.weight as f64;
        strength[e.target] += e.stats.weight as f64;
    }
    let nf = n as f64;
    let mut x = vec![1.0 / nf; n];
    let mut next = vec![0.0f64; n];
    for _ in 0..1000 {
        let dangling: f64 = (0..n).filter(|&i| strength[i] == 0.0).map(|i| x[i]).sum();
        let base = (1.0 - damping) / nf + damping * dangling / nf;
        next.iter_mut().for_each(|v| *v = base);
        for e in edges {
            let w = e.stats.weight as f64;
            next[e.target] += damping * x[e.source] * w / strength[e.source];
            next[e.source] += damping * x[e.target] * w / strength[e.target];
        }
        let change: f64 = x.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if change < nf * 1e-12 {
            break;
        }
    }
    x
}

/// How a graph is counted and filtered: what `--unit`, `--measure`,
/// `--min-weight`, `--top`, `--drop-isolated`, `--from` and `--to` ask for,
/// as plain data. The command line converts its arguments into this, and
/// the shard file (`shard.json`) stores it: never the argument struct.
/// Its serialised form (field names included) is part of the shard file
/// format.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GraphSpec {
    /// Unit of co-occurrence.
    pub unit: Unit,
    /// Association measures added to every edge.
    pub measure: Vec<Measure>,
    /// Edges with a smaller weight are dropped.
    pub min_weight: u64,
    /// Only the N strongest edges are kept (by weight, then cables, then ids).
    pub top: Option<usize>,
    /// Entities left without an edge are dropped.
    pub drop_isolated: bool,
    /// Only cables created on or after this day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Only cables created on or before this day, `YYYY-MM-DD`.
    pub to: Option<String>,
}

impl GraphSpec {
    /// The edge filters this spec asks for.
    pub fn filter(&self) -> Filter {
        Filter {
            min_weight: self.min_weight,
            top: self.top,
            drop_isolated: self.drop_isolated,
        }
    }
}

/// Edge and node filters for the exported graph.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Drop edges with a smaller weight (0 and 1 keep all).
    pub min_weight: u64,
    /// Keep only this many of the strongest edges.
    pub top: Option<usize>,
    /// Drop nodes without an edge.
    pub drop_isolated: bool,
}

/// Association measures of an edge (see the module docs).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Association {
    /// Pointwise mutual information, base 2.
    pub pmi: f64,
    /// Normalised PMI.
    pub npmi: f64,
    /// Dice coefficient.
    pub dice: f64,
    /// Jaccard index.
    pub jaccard: f64,
}

impl Association {
    /// From the pair's units `ab`, each entity's units `a` and `b`, and
    /// the total units `n`.
    pub fn new(ab: f64, a: f64, b: f64, n: f64) -> Association {
        let pmi = (ab * n / (a * b)).log2();
        let h = -(ab / n).log2();
        Association {
            pmi,
            npmi: if h > 0.0 { pmi / h } else { 1.0 },
            dice: 2.0 * ab / (a + b),
            jaccard: ab / (a + b - ab),
        }
    }

    /// The value of one measure.
    pub fn get(&self, m: Measure) -> f64 {
        match m {
            Measure::Pmi => self.pmi,
            Measure::Npmi => self.npmi,
            Measure::Dice => self.dice,
            Measure::Jaccard => self.jaccard,
        }
    }
}

/// An association measure that can be written on edges.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// Pointwise mutual information.
    Pmi,
    /// Normalised pointwise mutual information.
    Npmi,
    /// Dice coefficient.
    Dice,
    /// Jaccard index.
    Jaccard,
}

impl Measure {
    /// The column / attribute name (`PMI`, `NPMI`, `Dice`, `Jaccard`).
    pub fn column(self) -> &'static str {
        match self {
            Measure::Pmi => "PMI",
            Measure::Npmi => "NPMI",
            Measure::Dice => "Dice",
            Measure::Jaccard => "Jaccard",
        }
    }

    /// The lower-case attribute key (`pmi`, …).
    pub fn key(self) -> &'static str {
        match self {
            Measure::Pmi => "pmi",
            Measure::Npmi => "npmi",
            Measure::Dice => "dice",
            Measure::Jaccard => "jaccard",
        }
    }
}

/// Format a measure with fixed precision (6 decimals).
pub fn fixed(x: f64) -> String {
    format!("{x:.6}")
}

/// A node of the exported graph.
#[derive(Clone, Debug)]
pub struct Node<'g> {
    /// Entity index in the gazetteer.
    pub index: u32,
    /// The gazetteer entity.
    pub entity: &'g Entity,
    /// Counts.
    pub stats: NodeStats,
    /// Number of neighbours.
    pub degree: u64,
    /// Sum of the weights of its edges.
    pub weighted_degree: u64,
    /// Weighted PageRank, rounded to 6 decimals.
    pub pagerank: f64,
    /// Connected component, from 1.
    pub component: u32,
}

/// An edge of the exported graph.
#[derive(Clone, Debug)]
pub struct Edge {
    /// Index into [`Network::nodes`] (the smaller id).
    pub source: usize,
    /// Index into [`Network::nodes`] (the larger id).
    pub target: usize,
    /// Counts.
    pub stats: EdgeStats,
    /// Association measures.
    pub assoc: Association,
}

/// The graph every export writes: nodes sorted by id, edges by
/// (source id, target id).
#[derive(Clone, Debug)]
pub struct Network<'g> {
    /// The unit of co-occurrence.
    pub unit: Unit,
    /// Units in the run.
    pub units: u64,
    /// Number of connected components.
    pub components: u32,
    /// Nodes.
    pub nodes: Vec<Node<'g>>,
    /// Edges.
    pub edges: Vec<Edge>,
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::cable::Paragraph;
    use crate::matcher::Mention;

    /// The sentences of `text` (whitespace between them dropped).
    fn sentences(text: &str) -> Vec<&str> {
        let starts = sentence_starts(text);
        starts
            .iter()
            .enumerate()
            .map(|(k, &s)| {
                let e = starts.get(k + 1).copied().unwrap_or(text.len());
                text[s..e].trim_end()
            })
            .collect()
    }

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
                rule: Default::default(),
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
                cables: 1,
                units: 2,
            }
        );
        assert_eq!(
            agg.node(2),
            NodeStats {
                mentions: 1,
                paragraphs: 1,
                cables: 1,
                units: 1,
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
    fn merge_is_the_same_whichever_side_is_larger() {
        // `merge` keeps the larger side's maps and adds the smaller into
        // them: an empty, a small and a large aggregate, merged either way
        let g = gaz();
        let c1 = (cable("X", 2), vec![at(0, 0), at(0, 1), at(1, 2), at(1, 1)]);
        let c2 = (cable("Y", 1), vec![at(0, 0), at(0, 1), at(0, 2)]);
        let c3 = (cable("Z", 1), vec![at(0, 1), at(0, 2)]);
        let mut one = Aggregate::new();
        for c in [&c1, &c2, &c3] {
            one.add_cable(&g, &c.0, &c.1, Unit::Paragraph, |_| {});
        }
        let small = || {
            let mut a = Aggregate::new();
            a.add_cable(&g, &c3.0, &c3.1, Unit::Paragraph, |_| {});
            a
        };
        let large = || {
            let mut a = Aggregate::new();
            a.add_cable(&g, &c1.0, &c1.1, Unit::Paragraph, |_| {});
            a.add_cable(&g, &c2.0, &c2.1, Unit::Paragraph, |_| {});
            a
        };
        assert!(small().edges.len() < large().edges.len());
        let mut into_small = small();
        into_small.merge(large());
        let mut into_large = large();
        into_large.merge(small());
        let mut into_empty = Aggregate::new();
        into_empty.merge(small());
        into_empty.merge(large());
        for merged in [into_small, into_large, into_empty] {
            assert_eq!(merged.state(), one.state());
        }
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

    /// A cable with one paragraph of `text`, mentions at the byte offsets
    /// of each `(needle, entity)`.
    fn text_cable(text: &str, needles: &[(&str, u32)]) -> (Cable, Vec<Located>) {
        let mut c = cable("T", 1);
        c.paragraphs[0].text = text.to_string();
        let mut ms: Vec<Located> = Vec::new();
        for &(needle, entity) in needles {
            for (start, _) in text.match_indices(needle) {
                ms.push(Located {
                    paragraph: 0,
                    mention: Mention {
                        entity,
                        pattern: 0,
                        start,
                        end: start + needle.len(),
                        rule: Default::default(),
                    },
                });
            }
        }
        ms.sort_by_key(|m| m.mention.start);
        (c, ms)
    }

    #[test]
    fn sentence_rule() {
        for (text, want) in [
            (
                "One. Two! Three? four.",
                vec!["One.", "Two!", "Three? four."],
            ),
            (
                "THE U.S. EMBASSY MET GEN. GALVAN. HE AGREED.",
                vec!["THE U.S. EMBASSY MET GEN. GALVAN.", "HE AGREED."],
            ),
            (
                "Mr. Smith and Charles V. Barclay met No. 5. \"Yes,\" he said.",
                vec![
                    "Mr. Smith and Charles V. Barclay met No. 5.",
                    "\"Yes,\" he said.",
                ],
            ),
            (
                "He said \"stop.\" Then left.",
                vec!["He said \"stop.\"", "Then left."],
            ),
            (
                "Reasons 1.4(b) and (d).\nNext line.",
                vec!["Reasons 1.4(b) and (d).", "Next line."],
            ),
            (
                "e.g. Mexico. Then Brazil.",
                vec!["e.g. Mexico.", "Then Brazil."],
            ),
            (
                "Calderón habló. Él dijo.",
                vec!["Calderón habló.", "Él dijo."],
            ),
            ("", vec![""]),
        ] {
            assert_eq!(sentences(text), want, "{text:?}");
        }
        let mut sorted = ABBREVIATIONS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, ABBREVIATIONS, "binary search needs sorted list");
    }

    #[test]
    fn unit_parses_and_prints() {
        for (s, u) in [
            ("paragraph", Unit::Paragraph),
            ("Sentence", Unit::Sentence),
            ("cable", Unit::Cable),
            ("window:12", Unit::Window(12)),
            ("window:0", Unit::Window(0)),
        ] {
            assert_eq!(s.parse::<Unit>(), Ok(u));
            assert_eq!(u.to_string().parse::<Unit>(), Ok(u));
        }
        assert!("window:".parse::<Unit>().is_err());
        assert!("window:-3".parse::<Unit>().is_err());
        assert!("page".parse::<Unit>().unwrap_err().contains("window:N"));
    }

    #[test]
    fn sentence_unit_counts_each_sentence_once() {
        let g = gaz();
        // b=0, a=1, c=2
        let (c, ms) = text_cable(
            "Bravo met Alpha. Alpha and Bravo and Bravo again. Charlie alone.",
            &[("Bravo", 0), ("Alpha", 1), ("Charlie", 2)],
        );
        let mut agg = Aggregate::new();
        let mut ev = Vec::new();
        agg.add_cable(&g, &c, &ms, Unit::Sentence, |e| {
            ev.push((e.source, e.target, e.detail))
        });
        assert_eq!(ev, [(1, 0, Some(1)), (1, 0, Some(2))]);
        assert_eq!(agg.units, 3);
        assert_eq!(agg.node(0).units, 2);
        assert_eq!(agg.node(0).mentions, 3);
        assert_eq!(agg.graph(&g).edge_weight(1, 0).unwrap().weight, 2);
    }

    #[test]
    fn window_unit_uses_smallest_word_gap() {
        let g = gaz();
        let text = "Alpha one two three Bravo, then Charlie x Alpha Bravo.";
        let (c, ms) = text_cable(text, &[("Bravo", 0), ("Alpha", 1), ("Charlie", 2)]);
        let run = |n| {
            let mut agg = Aggregate::new();
            let mut ev = Vec::new();
            agg.add_cable(&g, &c, &ms, Unit::Window(n), |e| {
                ev.push((e.source, e.target, e.detail))
            });
            ev
        };
        // a–b adjacent at the end (gap 0); a–c one word apart; b–c "then" (1)
        assert_eq!(run(0), [(1, 0, Some(0))]);
        assert_eq!(run(1), [(1, 0, Some(0)), (1, 2, Some(1)), (0, 2, Some(1))]);
    }

    #[test]
    fn association_formulas() {
        // ab=2 of N=8 units, a=4, b=2
        let m = Association::new(2.0, 4.0, 2.0, 8.0);
        assert!((m.pmi - 1.0).abs() < 1e-12);
        assert!((m.npmi - 0.5).abs() < 1e-12);
        assert!((m.dice - 2.0 / 3.0).abs() < 1e-12);
        assert!((m.jaccard - 0.5).abs() < 1e-12);
        assert_eq!(Association::new(3.0, 3.0, 3.0, 3.0).npmi, 1.0);
    }

    #[test]
    fn network_measures_filters_and_components() {
        let g = gaz();
        let mut agg = Aggregate::new();
        // a–b in two paragraphs, a–c in one; b=0, a=1, c=2
        let ms = [at(0, 0), at(0, 1), at(1, 1), at(1, 0), at(2, 1), at(2, 2)];
        agg.add_cable(&g, &cable("X", 3), &ms, Unit::Paragraph, |_| {});
        let net = agg.network(&g, Unit::Paragraph, &Filter::default());
        let ids: Vec<&str> = net.nodes.iter().map(|n| n.entity.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        let pairs: Vec<(&str, &str)> = net
            .edges
            .iter()
            .map(|e| (ids[e.source], ids[e.target]))
            .collect();
        assert_eq!(pairs, [("a", "b"), ("a", "c")], "source is the smaller id");
        let deg: Vec<(u64, u64, u32)> = net
            .nodes
            .iter()
            .map(|n| (n.degree, n.weighted_degree, n.component))
            .collect();
        assert_eq!(deg, [(2, 3, 1), (1, 2, 1), (1, 1, 1)]);
        let pr: f64 = net.nodes.iter().map(|n| n.pagerank).sum();
        assert!((pr - 1.0).abs() < 1e-5);
        assert!(net.nodes[0].pagerank > net.nodes[1].pagerank);

        let top = agg.network(
            &g,
            Unit::Paragraph,
            &Filter {
                top: Some(1),
                ..Filter::default()
            },
        );
        assert_eq!(top.edges.len(), 1);
        assert_eq!(top.edges[0].stats.weight, 2);
        assert_eq!(top.nodes.len(), 3, "nodes stay without --drop-isolated");
        assert_eq!(top.components, 2);
        assert_eq!(top.nodes[2].component, 2);
        let min = agg.network(
            &g,
            Unit::Paragraph,
            &Filter {
                min_weight: 2,
                drop_isolated: true,
                ..Filter::default()
            },
        );
        assert_eq!(min.nodes.len(), 2);
        assert_eq!(min.edges.len(), 1);
    }
}
