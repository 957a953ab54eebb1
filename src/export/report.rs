//! `report.html`: one self-contained page to explore the graph and read
//! the evidence behind every node and edge.
//!
//! The page is a template (`assets/report/`) with three things inlined:
//! the stylesheet, the vendored Cytoscape.js (`assets/vendor/cytoscape/`)
//! and its fCoSE layout with that layout's two dependencies
//! (`assets/vendor/fcose/`; see each README for the versions and how they
//! were fetched) plus the page's own script, and the data as one JSON blob in a
//! `<script type="application/json">` element. Nothing is fetched when the
//! page is opened: no script, style, font or image comes from elsewhere.
//!
//! # The data
//!
//! [`Collector`] sees every cable as it streams past with the evidence
//! units the graph counted for it ([`Collector::add_cable`] takes the
//! pairs [`Aggregate::add_cable`] reported, the rows of `cooccurrences.csv`,
//! so the page shows the same evidence under every `--unit`) and keeps,
//! for each entity and each co-occurring pair, the earliest
//! [`Limits::per_node`] / [`Limits::per_edge`] paragraphs by cable date
//! that back it (shown oldest first, a few at a time; the page gives the
//! count of the rest), and for each pair its weight per month (the page's
//! date filter),
//! storing each kept paragraph's text once, already split into plain and
//! highlighted segments (byte offsets never reach the browser, so
//! non-ASCII text cannot shift a highlight). [`Collector::render`] then
//! joins that with the final counts of the [`Aggregate`] and writes the
//! page. Memory is bounded by those limits, not by the corpus.
//!
//! The total paragraph text in the page is capped at
//! [`Limits::text_bytes`]. When the evidence is larger, paragraphs are
//! taken round-robin — the first paragraph of every edge (heaviest edge
//! first), then of every entity (most mentioned first), then the second
//! of each, and so on — until the budget is spent; the page says that it
//! was capped and how much was left out (`cooccurrences.csv` always has
//! all of it).
//!
//! At most [`Limits::edges`] links go into the page (the heaviest; the
//! page says how many lighter ones were left out). The size budget: about
//! 0.8 MB of code (Cytoscape.js, fCoSE, the page script) plus at most
//! [`Limits::text_bytes`] of paragraph text plus the graph (about 100
//! bytes a link); with the defaults, at most 0.8 + 6 + 3 ≈ 10 MB whatever
//! the corpus.
//!
//! The output is deterministic: nodes and edges in id order, paragraphs in
//! date, cable-id and paragraph order, no timestamps.

use std::collections::HashMap;

use petgraph::graphmap::UnGraphMap;
use serde::Serialize;

use crate::cable::Cable;
use crate::gazetteer::Gazetteer;
use crate::graph::{Aggregate, EdgeStats, Located, Unit};

/// The vendored Cytoscape.js version.
pub(crate) const CYTOSCAPE_VERSION: &str = "3.35.0";
/// The vendored cytoscape-fcose version (with cose-base 2.2.0 and
/// layout-base 2.0.1).
pub(crate) const FCOSE_VERSION: &str = "2.2.0";
const LAYOUT_BASE_JS: &str = include_str!("../../assets/vendor/fcose/layout-base.js");
const COSE_BASE_JS: &str = include_str!("../../assets/vendor/fcose/cose-base.js");
const FCOSE_JS: &str = include_str!("../../assets/vendor/fcose/cytoscape-fcose.js");
const CYTOSCAPE_JS: &str = include_str!("../../assets/vendor/cytoscape/cytoscape.min.js");
const CYTOSCAPE_LICENSE: &str = include_str!("../../assets/vendor/cytoscape/LICENSE");
const TEMPLATE: &str = include_str!("../../assets/report/report.html");
const STYLE: &str = include_str!("../../assets/report/report.css");
const SCRIPT: &str = include_str!("../../assets/report/report.js");

/// How much evidence goes into a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Paragraphs kept per edge.
    pub per_edge: usize,
    /// Paragraphs kept per entity.
    pub per_node: usize,
    /// Total bytes of paragraph text in the page.
    pub text_bytes: usize,
    /// Links in the page (the heaviest).
    pub edges: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            per_edge: 20,
            per_node: 20,
            text_bytes: 6 * 1024 * 1024,
            edges: 30_000,
        }
    }
}

/// One kept paragraph, as collected.
#[derive(Debug)]
struct Para {
    cable: u32,
    index: u32,
    number: u32,
    marking: Option<String>,
    text: String,
    /// `(start, end, entity)`, byte offsets into `text`, in text order.
    spans: Vec<(usize, usize, u32)>,
    /// The page of a PDF or scan it starts on.
    page: Option<u32>,
}

/// Cable metadata shown with its paragraphs.
#[derive(Debug, Serialize)]
struct CableOut {
    id: String,
    date: Option<String>,
    classification: Option<String>,
    origin: Option<String>,
    subject: Option<String>,
    source: String,
    /// A link to the source file (`file://…`), when it is a file.
    #[serde(skip_serializing_if = "Option::is_none")]
    href: Option<String>,
    /// The cable's page on WikiLeaks, for a Cablegate id.
    #[serde(skip_serializing_if = "Option::is_none")]
    web: Option<String>,
    /// For PDFs and scans: the file and how its text was read
    /// (`scan.pdf (OCR)`), shown with each paragraph and its page.
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<String>,
}

/// What the page says about all the cables read (for its default title).
#[derive(Debug, Default)]
struct Tally {
    cables: u64,
    first: Option<String>,
    last: Option<String>,
    origins: HashMap<String, u64>,
    /// The first cable's id and subject.
    one: Option<(String, Option<String>)>,
}

/// A paragraph's place in date order: the cable date (undated last), the
/// cable id, the paragraph index.
type DateKey = (String, String, u32);

/// Up to `cap` paragraph ids, the earliest by [`DateKey`].
fn offer(list: &mut Vec<(DateKey, u32)>, cap: usize, key: &DateKey) -> Option<usize> {
    if list.iter().any(|(k, _)| k == key) {
        return None;
    }
    if list.len() < cap {
        list.push((key.clone(), u32::MAX));
        return Some(list.len() - 1);
    }
    let (latest, _) = list.iter().enumerate().max_by(|a, b| a.1 .0.cmp(&b.1 .0))?;
    if list[latest].0 > *key {
        list[latest] = (key.clone(), u32::MAX);
        Some(latest)
    } else {
        None
    }
}

/// A month as a number: `year · 12 + month − 1`, from `YYYY-MM…`.
fn month_of(date: Option<&str>) -> Option<u32> {
    let d = date?;
    let y: u32 = d.get(0..4)?.parse().ok()?;
    let m: u32 = d.get(5..7)?.parse().ok()?;
    (1..=12).contains(&m).then_some(y * 12 + m - 1)
}

/// Gathers the evidence for a report while cables stream past.
#[derive(Debug)]
pub struct Collector {
    unit: Unit,
    limits: Limits,
    cables: Vec<CableOut>,
    paras: Vec<Para>,
    para_at: HashMap<(u32, u32), u32>,
    node_ev: HashMap<u32, Vec<(DateKey, u32)>>,
    edge_ev: HashMap<(u32, u32), Vec<(DateKey, u32)>>,
    /// Units per month of every pair: `(month, count)`, months ascending.
    edge_months: HashMap<(u32, u32), Vec<(u32, u32)>>,
    tally: Tally,
}

/// What a rendered report holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReportStats {
    /// Evidence paragraphs in the page.
    pub paragraphs: usize,
    /// Evidence paragraphs collected but left out by the text budget.
    pub omitted: usize,
}

fn key(a: u32, b: u32) -> (u32, u32) {
    (a.min(b), a.max(b))
}

impl Collector {
    /// A collector for graphs built with `unit`.
    pub fn new(unit: Unit, limits: Limits) -> Collector {
        Collector {
            unit,
            limits,
            cables: Vec::new(),
            paras: Vec::new(),
            para_at: HashMap::new(),
            node_ev: HashMap::new(),
            edge_ev: HashMap::new(),
            edge_months: HashMap::new(),
            tally: Tally::default(),
        }
    }

    /// Look at one cable, its mentions (in paragraph order, as the
    /// pipeline hands them over) and the evidence units the graph counted
    /// for it: `(paragraph number, or None for a whole cable; source;
    /// target)`, as [`Aggregate::add_cable`] reports them.
    pub fn add_cable(
        &mut self,
        cable: &Cable,
        mentions: &[Located],
        pairs: &[(Option<u32>, u32, u32)],
    ) {
        self.tally(cable);
        if mentions.is_empty() {
            return;
        }
        let date = cable.created.clone().unwrap_or_else(|| "~".into());
        let at = |p: usize| (date.clone(), cable.id.clone(), p as u32);
        // paragraph index -> distinct entities (sorted by index)
        let mut by_para: Vec<(usize, Vec<u32>)> = Vec::new();
        for m in mentions {
            if by_para.last().map(|(p, _)| *p) != Some(m.paragraph) {
                by_para.push((m.paragraph, Vec::new()));
            }
            by_para.last_mut().expect("pushed").1.push(m.mention.entity);
        }
        for (_, set) in &mut by_para {
            set.sort_unstable();
            set.dedup();
        }
        let mut ctx = Ctx {
            cable_slot: None,
            cable,
            mentions,
        };

        for (p, set) in &by_para {
            for &e in set {
                let list = self.node_ev.entry(e).or_default();
                if let Some(slot) = offer(list, self.limits.per_node, &at(*p)) {
                    let id = self.para(&mut ctx, *p);
                    self.node_ev.get_mut(&e).expect("entry above")[slot].1 = id;
                }
            }
        }

        // the units per month, for the date filter
        if let Some(month) = month_of(cable.created.as_deref()) {
            for &(_, a, b) in pairs {
                let hist = self.edge_months.entry(key(a, b)).or_default();
                match hist.last_mut() {
                    Some((m, n)) if *m == month => *n += 1,
                    _ => match hist.binary_search_by_key(&month, |&(m, _)| m) {
                        Ok(i) => hist[i].1 += 1,
                        Err(i) => hist.insert(i, (month, 1)),
                    },
                }
            }
        }

        // the paragraphs behind each pair: the units' own paragraphs, or
        // for whole-cable links the paragraphs with both entities first,
        // then those with either
        let mut wanted: Vec<((u32, u32), usize)> = Vec::new();
        for &(q, a, b) in pairs {
            let k = key(a, b);
            match q {
                Some(number) => {
                    if let Some((p, _)) = by_para
                        .iter()
                        .find(|(p, _)| cable.paragraphs[*p].number == number)
                    {
                        wanted.push((k, *p));
                    }
                }
                None => {
                    let both = by_para
                        .iter()
                        .filter(|(_, s)| s.contains(&a) && s.contains(&b));
                    let either = by_para
                        .iter()
                        .filter(|(_, s)| s.contains(&a) != s.contains(&b));
                    wanted.extend(both.chain(either).map(|(p, _)| (k, *p)));
                }
            }
        }
        for (k, p) in wanted {
            let list = self.edge_ev.entry(k).or_default();
            if let Some(slot) = offer(list, self.limits.per_edge, &at(p)) {
                let id = self.para(&mut ctx, p);
                self.edge_ev.get_mut(&k).expect("entry above")[slot].1 = id;
            }
        }
    }

    /// Count a cable into the tally behind the default title.
    fn tally(&mut self, cable: &Cable) {
        let t = &mut self.tally;
        t.cables += 1;
        if t.one.is_none() {
            t.one = Some((cable.id.clone(), cable.subject.clone()));
        }
        if let Some(d) = cable.created.as_deref().and_then(|d| d.get(0..10)) {
            if t.first.as_deref().is_none_or(|f| d < f) {
                t.first = Some(d.to_string());
            }
            if t.last.as_deref().is_none_or(|l| d > l) {
                t.last = Some(d.to_string());
            }
        }
        if let Some(o) = &cable.origin {
            *t.origins.entry(o.clone()).or_default() += 1;
        }
    }

    /// The page title these inputs deserve when none is given: the cable
    /// (`09MEXICO283: SUBJECT`) or the corpus (`426 cables from 12 posts,
    /// 2004-01-05 to 2010-02-24`).
    pub fn default_title(&self) -> String {
        let t = &self.tally;
        if t.cables == 1 {
            if let Some((id, subject)) = &t.one {
                return match subject {
                    Some(s) => format!("{id}: {s}"),
                    None => id.clone(),
                };
            }
        }
        if t.cables == 0 {
            return "cablegraph report".into();
        }
        let mut title = format!("{} cables", t.cables);
        let mut origins: Vec<(&String, &u64)> = t.origins.iter().collect();
        origins.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        match origins.as_slice() {
            [] => {}
            [(o, _)] => title.push_str(&format!(" from {o}")),
            [(o, n), ..] if **n * 2 > t.cables => {
                title.push_str(&format!(" mostly from {o}"));
            }
            more => title.push_str(&format!(" from {} posts", more.len())),
        }
        match (&t.first, &t.last) {
            (Some(a), Some(b)) if a == b => title.push_str(&format!(", {a}")),
            (Some(a), Some(b)) => title.push_str(&format!(", {a} to {b}")),
            _ => {}
        }
        title
    }

    /// The id of paragraph `p` of the current cable, storing it on first use.
    fn para(&mut self, ctx: &mut Ctx<'_>, p: usize) -> u32 {
        let cable = match ctx.cable_slot {
            Some(c) => c,
            None => {
                let c = ctx.cable;
                self.cables.push(CableOut {
                    id: c.id.clone(),
                    date: c.created.clone(),
                    classification: c.classification.clone(),
                    origin: c.origin.clone(),
                    subject: c.subject.clone(),
                    source: c.source.clone(),
                    href: file_url(&c.source),
                    web: web_url(&c.id),
                    from: c.provenance.as_ref().map(|p| {
                        let how = match p.text_from {
                            crate::cable::TextFrom::TextLayer => "text layer",
                            crate::cable::TextFrom::Ocr => "OCR",
                            crate::cable::TextFrom::Mixed => "text layer and OCR",
                        };
                        format!("{} ({how})", c.source)
                    }),
                });
                let slot = (self.cables.len() - 1) as u32;
                ctx.cable_slot = Some(slot);
                slot
            }
        };
        if let Some(&id) = self.para_at.get(&(cable, p as u32)) {
            return id;
        }
        let para = &ctx.cable.paragraphs[p];
        let spans = ctx
            .mentions
            .iter()
            .filter(|m| m.paragraph == p)
            .map(|m| (m.mention.start, m.mention.end, m.mention.entity))
            .collect();
        self.paras.push(Para {
            cable,
            index: p as u32,
            number: para.number,
            marking: para.classification.clone(),
            text: para.text.clone(),
            spans,
            page: ctx
                .cable
                .provenance
                .as_ref()
                .and_then(|v| v.paragraph_pages.get(p).copied()),
        });
        let id = (self.paras.len() - 1) as u32;
        self.para_at.insert((cable, p as u32), id);
        id
    }

    /// Write the page for the final graph.
    ///
    /// Long by design: builds the page's data in one pass over nodes, edges and kept
    /// paragraphs, then fills the template.
    #[allow(clippy::too_many_lines)]
    pub fn render(
        &self,
        gazetteer: &Gazetteer,
        agg: &Aggregate,
        graph: &UnGraphMap<u32, EdgeStats>,
        title: &str,
    ) -> (String, ReportStats) {
        let ents = gazetteer.entities();
        let node_ids: Vec<u32> = graph.nodes().collect();
        let slot: HashMap<u32, u32> = node_ids
            .iter()
            .enumerate()
            .map(|(i, &n)| (n, i as u32))
            .collect();
        let mut edges: Vec<(u32, u32, EdgeStats)> =
            graph.all_edges().map(|(a, b, s)| (a, b, *s)).collect();
        // the heaviest links only, in their original (id) order
        let edges_left_out = edges.len().saturating_sub(self.limits.edges);
        if edges_left_out > 0 {
            let mut by_weight: Vec<usize> = (0..edges.len()).collect();
            by_weight.sort_by_key(|&i| (std::cmp::Reverse(edges[i].2.weight), i));
            let mut keep = vec![false; edges.len()];
            for &i in &by_weight[..self.limits.edges] {
                keep[i] = true;
            }
            let mut i = 0;
            edges.retain(|_| {
                i += 1;
                keep[i - 1]
            });
        }
        // each kept list in date order, as paragraph ids
        let ids = |list: &Vec<(DateKey, u32)>| -> Vec<u32> {
            let mut v: Vec<&(DateKey, u32)> = list.iter().collect();
            v.sort();
            v.into_iter().map(|(_, id)| *id).collect()
        };
        let node_lists: Vec<Vec<u32>> = node_ids
            .iter()
            .map(|n| self.node_ev.get(n).map(ids).unwrap_or_default())
            .collect();
        let edge_lists: Vec<Vec<u32>> = edges
            .iter()
            .map(|(a, b, _)| self.edge_ev.get(&key(*a, *b)).map(ids).unwrap_or_default())
            .collect();
        let node_refs: Vec<&Vec<u32>> = node_lists.iter().collect();
        let edge_refs: Vec<&Vec<u32>> = edge_lists.iter().collect();

        // the text budget: round-robin over edges (heaviest first), then nodes
        let mut edge_rank: Vec<usize> = (0..edges.len()).collect();
        edge_rank.sort_by_key(|&i| std::cmp::Reverse(edges[i].2.weight));
        let mut node_rank: Vec<usize> = (0..node_ids.len()).collect();
        node_rank.sort_by_key(|&i| std::cmp::Reverse(agg.node(node_ids[i]).mentions));
        let mut keep = vec![false; self.paras.len()];
        let mut used = 0usize;
        let mut capped = false;
        let depth = self.limits.per_edge.max(self.limits.per_node);
        'fill: for r in 0..depth {
            let lists = edge_rank
                .iter()
                .map(|&i| edge_refs[i])
                .chain(node_rank.iter().map(|&i| node_refs[i]));
            for list in lists {
                if let Some(&p) = list.get(r) {
                    if !keep[p as usize] {
                        let len = self.paras[p as usize].text.len();
                        if used + len > self.limits.text_bytes {
                            capped = true;
                            break 'fill;
                        }
                        used += len;
                        keep[p as usize] = true;
                    }
                }
            }
        }
        let referenced: Vec<bool> = {
            let mut v = vec![false; self.paras.len()];
            for list in node_refs.iter().chain(edge_refs.iter()) {
                for &p in list.iter() {
                    v[p as usize] = true;
                }
            }
            v
        };
        let omitted = (0..self.paras.len())
            .filter(|&i| referenced[i] && !keep[i])
            .count();

        // cables in date order (undated last), then id; paragraphs in cable order
        let mut cable_order: Vec<u32> = (0..self.cables.len() as u32).collect();
        cable_order.sort_by(|&a, &b| {
            let (x, y) = (&self.cables[a as usize], &self.cables[b as usize]);
            let undated = |c: &CableOut| c.date.is_none();
            (undated(x), &x.date, &x.id, &x.source, a).cmp(&(
                undated(y),
                &y.date,
                &y.id,
                &y.source,
                b,
            ))
        });
        let mut cable_pos = vec![0u32; self.cables.len()];
        for (i, &c) in cable_order.iter().enumerate() {
            cable_pos[c as usize] = i as u32;
        }
        let mut para_order: Vec<u32> = (0..self.paras.len() as u32)
            .filter(|&p| keep[p as usize])
            .collect();
        para_order.sort_by_key(|&p| {
            let q = &self.paras[p as usize];
            (cable_pos[q.cable as usize], q.index)
        });
        let mut para_pos = vec![u32::MAX; self.paras.len()];
        for (i, &p) in para_order.iter().enumerate() {
            para_pos[p as usize] = i as u32;
        }
        let remap = |list: &Vec<u32>| -> Vec<u32> {
            // page positions follow date order, so sorting keeps it
            let mut v: Vec<u32> = list
                .iter()
                .map(|&p| para_pos[p as usize])
                .filter(|&p| p != u32::MAX)
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        // only cables that still have a paragraph
        let mut cable_used = vec![false; self.cables.len()];
        for &p in &para_order {
            cable_used[self.paras[p as usize].cable as usize] = true;
        }
        let mut cable_final = vec![u32::MAX; self.cables.len()];
        let mut cables_out: Vec<&CableOut> = Vec::new();
        for &c in &cable_order {
            if cable_used[c as usize] {
                cable_final[c as usize] = cables_out.len() as u32;
                cables_out.push(&self.cables[c as usize]);
            }
        }

        let mut degree = vec![0u32; node_ids.len()];
        for (a, b, _) in &edges {
            degree[slot[a] as usize] += 1;
            degree[slot[b] as usize] += 1;
        }
        let mut types: Vec<&str> = node_ids
            .iter()
            .map(|&n| ents[n as usize].kind.as_str())
            .collect();
        types.sort_unstable();
        types.dedup();

        let data = Data {
            meta: Meta {
                title,
                generator: concat!("cablegraph ", env!("CARGO_PKG_VERSION")),
                cytoscape: CYTOSCAPE_VERSION,
                fcose: FCOSE_VERSION,
                edges_total: graph.edge_count(),
                edges_left_out,
                unit: match self.unit {
                    Unit::Paragraph => "paragraph",
                    Unit::Sentence => "sentence",
                    Unit::Cable => "cable",
                    Unit::Window(_) => "window",
                },
                cables: agg.cables,
                paragraphs: agg.paragraphs,
                mentions: agg.mentions,
                per_edge: self.limits.per_edge,
                per_node: self.limits.per_node,
                text_limit: self.limits.text_bytes,
                capped,
                omitted,
            },
            types,
            nodes: node_ids
                .iter()
                .enumerate()
                .map(|(i, &n)| {
                    let e = &ents[n as usize];
                    let s = agg.node(n);
                    NodeOut {
                        id: &e.id,
                        label: &e.name,
                        kind: &e.kind,
                        mentions: s.mentions,
                        paragraphs: s.paragraphs,
                        cables: s.cables,
                        degree: degree[i],
                        ev: remap(node_refs[i]),
                    }
                })
                .collect(),
            edges: edges
                .iter()
                .enumerate()
                .map(|(i, (a, b, s))| EdgeOut {
                    s: slot[a],
                    t: slot[b],
                    w: s.weight,
                    c: s.cables,
                    ev: remap(edge_refs[i]),
                    d: self
                        .edge_months
                        .get(&key(*a, *b))
                        .map(|h| h.iter().flat_map(|&(m, n)| [m, n]).collect())
                        .unwrap_or_default(),
                })
                .collect(),
            cables: cables_out,
            paras: para_order
                .iter()
                .map(|&p| {
                    let q = &self.paras[p as usize];
                    ParaOut {
                        c: cable_final[q.cable as usize],
                        n: q.number,
                        m: q.marking.as_deref(),
                        t: segments(&q.text, &q.spans, &slot),
                        pg: q.page,
                    }
                })
                .collect(),
        };
        let json = serde_json::to_string(&data).expect("report data serialises");
        let stats = ReportStats {
            paragraphs: para_order.len(),
            omitted,
        };
        (page(title, &json), stats)
    }
}

/// The cable being added, for [`Collector::para`].
struct Ctx<'a> {
    cable_slot: Option<u32>,
    cable: &'a Cable,
    mentions: &'a [Located],
}

#[derive(Serialize)]
struct Data<'a> {
    meta: Meta<'a>,
    types: Vec<&'a str>,
    nodes: Vec<NodeOut<'a>>,
    edges: Vec<EdgeOut>,
    cables: Vec<&'a CableOut>,
    paras: Vec<ParaOut<'a>>,
}

#[derive(Serialize)]
struct Meta<'a> {
    title: &'a str,
    generator: &'static str,
    cytoscape: &'static str,
    fcose: &'static str,
    edges_total: usize,
    edges_left_out: usize,
    unit: &'static str,
    cables: u64,
    paragraphs: u64,
    mentions: u64,
    per_edge: usize,
    per_node: usize,
    text_limit: usize,
    capped: bool,
    omitted: usize,
}

#[derive(Serialize)]
struct NodeOut<'a> {
    id: &'a str,
    label: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    mentions: u64,
    paragraphs: u64,
    cables: u64,
    degree: u32,
    ev: Vec<u32>,
}

#[derive(Serialize)]
struct EdgeOut {
    s: u32,
    t: u32,
    w: u64,
    c: u64,
    ev: Vec<u32>,
    /// Units per month: `[month, count, month, count, …]`, month =
    /// `year · 12 + month − 1` (dated cables only).
    d: Vec<u32>,
}

#[derive(Serialize)]
struct ParaOut<'a> {
    c: u32,
    n: u32,
    m: Option<&'a str>,
    t: Vec<Segment<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pg: Option<u32>,
}

/// A piece of paragraph text: plain, or a mention of a node.
#[derive(Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
enum Segment<'a> {
    Plain(&'a str),
    Mention(u32, &'a str),
}

/// Split `text` at the mention spans. Spans that overlap an earlier one,
/// fall outside the text or off a character boundary, or name an entity
/// that is not a node, stay plain text.
fn segments<'a>(
    text: &'a str,
    spans: &[(usize, usize, u32)],
    slot: &HashMap<u32, u32>,
) -> Vec<Segment<'a>> {
    let mut out = Vec::new();
    let mut at = 0;
    for &(s, e, ent) in spans {
        let (Some(node), Some(surface), Some(before)) =
            (slot.get(&ent), text.get(s..e), text.get(at..s.max(at)))
        else {
            continue;
        };
        if s < at || s >= e {
            continue;
        }
        if !before.is_empty() {
            out.push(Segment::Plain(before));
        }
        out.push(Segment::Mention(*node, surface));
        at = e;
    }
    if at < text.len() {
        out.push(Segment::Plain(&text[at..]));
    }
    out
}

/// Make JSON safe inside a `<script>` element: no `<`, `>` or `&` (so no
/// `</script>` or `<!--`), and no U+2028/U+2029.
pub(crate) fn script_safe_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Make JavaScript source safe inside a `<script>` element.
fn script_safe_js(js: &str) -> String {
    // the vendored file contains neither today; be sure anyway
    js.replace("</script", "<\\/script")
        .replace("</SCRIPT", "<\\/SCRIPT")
        .replace("<!--", "<\\!--")
}

/// Escape text for HTML.
fn html_text(s: &str) -> String {
    html_escape::encode_safe(s).into_owned()
}

/// Fill the template.
fn page(title: &str, json: &str) -> String {
    let license = CYTOSCAPE_LICENSE.replace("*/", "* /");
    let mut vendor = format!(
        "/*! Cytoscape.js {CYTOSCAPE_VERSION} (vendored, unmodified)\n{license}*/\n{}",
        script_safe_js(CYTOSCAPE_JS)
    );
    // fCoSE and its dependencies, in the order their globals are needed;
    // each bundle carries its own licence header
    for (name, js) in [
        ("layout-base 2.0.1", LAYOUT_BASE_JS),
        ("cose-base 2.2.0", COSE_BASE_JS),
        ("cytoscape-fcose 2.2.0", FCOSE_JS),
    ] {
        vendor.push_str(&format!(
            "\n;/*! {name} (vendored, unmodified; MIT, iVis@Bilkent) */\n{}",
            script_safe_js(js)
        ));
    }
    let mut out = String::with_capacity(TEMPLATE.len() + vendor.len() + json.len() + 64 * 1024);
    let mut rest = TEMPLATE;
    while let Some(i) = rest.find("{{") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let Some(j) = after.find("}}") else {
            out.push_str(&rest[i..]);
            rest = "";
            break;
        };
        match &after[..j] {
            "TITLE" => out.push_str(&html_text(title)),
            "STYLE" => out.push_str(&STYLE.replace("</style", "<\\/style")),
            "VENDOR" => out.push_str(&vendor),
            "SCRIPT" => out.push_str(&script_safe_js(SCRIPT)),
            "DATA" => out.push_str(&script_safe_json(json)),
            other => {
                out.push_str("{{");
                out.push_str(other);
                out.push_str("}}");
            }
        }
        rest = &after[j + 2..];
    }
    out.push_str(rest);
    out
}

/// A page title from the input names (the fallback for an empty run).
pub fn title(inputs: &[std::path::PathBuf]) -> String {
    let name = |p: &std::path::PathBuf| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.display().to_string())
    };
    // the same inputs in any order give the same page
    let mut inputs = inputs.to_vec();
    inputs.sort();
    inputs.dedup();
    match inputs.as_slice() {
        [] => "cablegraph report".to_string(),
        [one] => format!("cablegraph report: {}", name(one)),
        [first, rest @ ..] => format!(
            "cablegraph report: {} and {} more input{}",
            name(first),
            rest.len(),
            if rest.len() == 1 { "" } else { "s" }
        ),
    }
}

/// A `file://` URL for a source that is a readable file (`dump.csv:row 4`
/// links the dump), absolute, with the characters URLs reserve escaped.
fn file_url(source: &str) -> Option<String> {
    let path = source.split(":row ").next().unwrap_or(source);
    if path == "-" || path.is_empty() {
        return None;
    }
    let abs = std::fs::canonicalize(path).ok()?;
    let s = abs.to_str()?;
    let mut out = String::from("file://");
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    Some(out)
}

/// The WikiLeaks page of a Cablegate cable id (`09MEXICO283`).
fn web_url(id: &str) -> Option<String> {
    let b = id.as_bytes();
    let ok = b.len() > 3
        && b[..2].iter().all(u8::is_ascii_digit)
        && b[2].is_ascii_uppercase()
        && b[b.len() - 1].is_ascii_digit()
        && b.iter().all(u8::is_ascii_alphanumeric);
    ok.then(|| format!("https://wikileaks.org/plusd/cables/{id}_a.html"))
}

/// A byte count for people: `812 B`, `1.4 MB`.
pub fn human_size(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_cannot_close_the_script() {
        let s = script_safe_json(r#"{"t":"</script><!-- & \u2028"}"#);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["t"], "</script><!-- & \u{2028}");
    }

    #[test]
    fn segments_split_at_char_boundaries() {
        let text = "El Presidente Calderón habló con la PGR.";
        let s = text.find("Calderón").unwrap();
        let p = text.find("PGR").unwrap();
        let slot: HashMap<u32, u32> = [(7, 0), (9, 1)].into_iter().collect();
        let segs = segments(
            text,
            &[(s, s + "Calderón".len(), 7), (p, p + 3, 9), (p, p + 1, 9)],
            &slot,
        );
        assert_eq!(
            segs,
            [
                Segment::Plain("El Presidente "),
                Segment::Mention(0, "Calderón"),
                Segment::Plain(" habló con la "),
                Segment::Mention(1, "PGR"),
                Segment::Plain("."),
            ]
        );
        // a span off a character boundary stays plain
        let segs = segments(text, &[(s + 7, s + 9, 7)], &slot);
        assert_eq!(segs, [Segment::Plain(text)]);
    }

    #[test]
    fn template_placeholders_are_filled() {
        let html = page("a <b> & c", r#"{"x":"</script>"}"#);
        assert!(html.contains("a &lt;b&gt; &amp; c"));
        assert!(!html.contains("{{DATA}}") && !html.contains("{{VENDOR}}"));
        assert!(html.contains(r#"{"x":"\u003c/script\u003e"}"#));
        assert_eq!(
            html.matches("</script>").count(),
            html.matches("<script").count()
        );
    }

    #[test]
    fn sizes() {
        assert_eq!(human_size(812), "812 B");
        assert_eq!(human_size(1536), "1.5 KB");
        assert_eq!(human_size(3 * 1024 * 1024), "3.0 MB");
    }
}
