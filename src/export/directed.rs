//! The two directed graphs of the header fields, in their own files and
//! never in the undirected co-occurrence tables:
//!
//! - **citations** (`references.gexf`): cable → cited cable, one edge per
//!   citing pair; every node carries the cable's `subject` and `created`
//!   date when the run read that cable (cited cables outside the run have
//!   empty attributes). The table behind it is `references.csv`
//!   (`cable,letter,reference,text,kind`, one row per reference, the
//!   non-cable ones included).
//! - **routing** (`routing.gexf`, `routing_nodes.csv`, `routing_edges.csv`):
//!   sending post → addressee, weighted by cables, with the `TO` and `INFO`
//!   counts apart. Post nodes have ids such as `post-embassy-mexico`;
//!   an addressee that names a gazetteer entity (`DEA HQS WASHINGTON DC` →
//!   `us-dea`) takes the entity's id, any other `addr-…` from its words.
//!   The table behind it is `recipients.csv` (`cable,route,addressee,entity`).

use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};
use std::sync::{Arc, Mutex};

use rustc_hash::{FxHashMap, FxHashSet};

use super::tables::{push_field, text_cell};
use super::xml::escape;
use crate::cable::Cable;
use crate::gazetteer::Gazetteer;
use crate::matcher::Matcher;

/// Header of `references.csv`.
pub const REFERENCES_HEADER: [&str; 5] = ["cable", "letter", "reference", "text", "kind"];
/// Header of `recipients.csv`.
pub const RECIPIENTS_HEADER: [&str; 4] = ["cable", "route", "addressee", "entity"];

/// A lower-case slug of words: `Embassy Mexico` → `embassy-mexico`.
pub(crate) fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        // (ASCII, as almost all are, without the Unicode tables)
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !c.is_ascii() && c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The gazetteer entity an addressee names, if any: its abbreviations
/// spelled out (`DEPT` → `DEPARTMENT`) and matched like cable text, the
/// first agency (else the first organisation) found.
pub(crate) fn addressee_entity(
    gaz: &Gazetteer,
    matcher: &Matcher,
    addressee: &str,
) -> Option<String> {
    let spelled: Vec<&str> = addressee
        .split_whitespace()
        .map(|w| match w {
            "DEPT" => "DEPARTMENT",
            "HQS" | "HQ" => "HEADQUARTERS",
            "SECDEF" => "SECRETARY OF DEFENSE",
            w => w,
        })
        .collect();
    let text = spelled.join(" ");
    let found = matcher.find(&text);
    let ents = gaz.entities();
    // an agency, else an organisation; a place named in an addressee
    // (`ALL US CONSULATES IN MEXICO COLLECTIVE`) is not the addressee
    let pick = found
        .iter()
        .find(|m| ents[m.entity as usize].kind == "agency")
        .or_else(|| {
            found
                .iter()
                .find(|m| ents[m.entity as usize].kind == "organization")
        })?;
    Some(ents[pick.entity as usize].id.clone())
}

/// Append the `references.csv` rows of a cable.
pub fn reference_rows(out: &mut Vec<u8>, c: &Cable) {
    // the rows' room made at once (but for quoting), not grown by doubling
    let opt = |s: &Option<String>| s.as_deref().map_or(0, str::len);
    out.reserve(
        c.cited
            .iter()
            .map(|r| c.id.len() + opt(&r.letter) + opt(&r.id) + r.text.len() + r.kind.len() + 5)
            .sum(),
    );
    for r in &c.cited {
        push_field(out, &c.id);
        out.push(b',');
        push_field(out, r.letter.as_deref().unwrap_or(""));
        out.push(b',');
        push_field(out, r.id.as_deref().unwrap_or(""));
        out.push(b',');
        push_field(out, &text_cell(&r.text));
        out.push(b',');
        push_field(out, &r.kind);
        out.push(b'\n');
    }
}

/// A cable's addressees, `TO` (true) first then `INFO`, each once per
/// route: the header keeps an addressee as often as the routing writes it.
///
/// Run twice for each cable (its recipients' rows, its routes): a cable
/// has a few addressees, which are compared with the ones kept so far, not
/// put in a set (a set is built for a long list only).
fn addressees(c: &Cable) -> Vec<(bool, &str)> {
    let all = c
        .recipients
        .iter()
        .map(|a| (true, a.as_str()))
        .chain(c.info.iter().map(|a| (false, a.as_str())));
    let n = c.recipients.len() + c.info.len();
    let mut out = Vec::with_capacity(n);
    if n <= 64 {
        for x in all {
            if !out.contains(&x) {
                out.push(x);
            }
        }
    } else {
        let mut seen = BTreeSet::new();
        out.extend(all.filter(|x| seen.insert(*x)));
    }
    out
}

/// The gazetteer entity of each addressee (as `addressee_entity` finds it), looked
/// up once per run: a few addressees (`SECSTATE WASHDC`) head almost every
/// cable. Shared by the threads that render cables; each entity id is
/// shared too (`Arc`), so a look-up copies no text.
pub struct AddresseeEntities<'a> {
    gaz: &'a Gazetteer,
    matcher: &'a Matcher,
    known: Mutex<HashMap<String, Option<Arc<str>>>>,
}

impl<'a> AddresseeEntities<'a> {
    /// An empty memory of lookups in `gaz`, compiled into `matcher`.
    pub fn new(gaz: &'a Gazetteer, matcher: &'a Matcher) -> Self {
        AddresseeEntities {
            gaz,
            matcher,
            known: Mutex::new(HashMap::new()),
        }
    }

    /// The entity `addressee` names, if any.
    pub fn get(&self, addressee: &str) -> Option<Arc<str>> {
        let known = || {
            self.known
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if let Some(e) = known().get(addressee) {
            return e.clone();
        }
        let e: Option<Arc<str>> =
            addressee_entity(self.gaz, self.matcher, addressee).map(Arc::from);
        known().insert(addressee.to_string(), e.clone());
        e
    }
}

/// Append the `recipients.csv` rows of a cable; returns the entity of
/// each addressee, `TO` first then `INFO`, for [`Directed::add_cable`].
pub fn recipient_rows(
    out: &mut Vec<u8>,
    c: &Cable,
    known: &AddresseeEntities<'_>,
) -> Vec<Option<Arc<str>>> {
    let list = addressees(c);
    let mut entities = Vec::with_capacity(list.len());
    // the rows' room made at once (an entity's id is most often short)
    out.reserve(list.iter().map(|(_, a)| c.id.len() + a.len() + 32).sum());
    for (to, a) in list {
        let route = if to { "to" } else { "info" };
        let e = known.get(a);
        push_field(out, &c.id);
        out.push(b',');
        push_field(out, route);
        out.push(b',');
        push_field(out, &text_cell(a));
        out.push(b',');
        push_field(out, e.as_deref().unwrap_or(""));
        out.push(b'\n');
        entities.push(e);
    }
    entities
}

#[derive(Default)]
struct RouteEdge {
    to: u64,
    info: u64,
    cables: u64,
    /// The number ([`Directed::current`]) of the last cable counted in
    /// `cables`: a cable that names an addressee twice counts once.
    last_cable: Option<u64>,
}

/// Both directed graphs, added up cable by cable.
#[derive(Default)]
pub struct Directed {
    /// Every cable id the citation graph names, numbered (a run of the
    /// whole release names some 250,000: each is kept once).
    ids: FxHashMap<Box<str>, u32>,
    /// id number → (subject, created) of every cable read.
    cables: FxHashMap<u32, (Box<str>, Box<str>)>,
    /// (citing, cited) id numbers.
    citations: FxHashSet<(u32, u32)>,
    /// node id → (label, kind, entity) (hashed as they come, sorted by id
    /// when written: [`Directed::nodes`]).
    route_nodes: FxHashMap<String, (String, &'static str, String)>,
    /// post node id → addressee node id → counts (likewise:
    /// [`Directed::edges`]); looked up by `&str`, so a known pair costs no
    /// allocation.
    route_edges: FxHashMap<String, FxHashMap<String, RouteEdge>>,
    /// The last sending post and its node id (a cable's addressees, and
    /// most cables of a run, share it).
    post: (String, String),
    /// The cable whose addressees are being added, and its number (one
    /// more for each new cable: an edge keeps the number of the last cable
    /// it counted, so no set of a cable's addressees is built).
    current: (String, u64),
    /// Each addressee's node id (`addr-…`), made the first time it is
    /// seen (a run names a few thousand addressees, each many times).
    addressee_ids: crate::hash::TextMap<String, String>,
}

impl Directed {
    /// Add one cable: its citations and its routing (with the entity of
    /// each addressee as [`recipient_rows`] returned them).
    pub fn add_cable(&mut self, c: &Cable, entities: &[Option<Arc<str>>]) {
        self.add_node(
            &c.id,
            c.subject.as_deref().unwrap_or(""),
            c.created.as_deref().unwrap_or(""),
        );
        for r in &c.cited {
            if let Some(id) = &r.id {
                self.add_citation(&c.id, id);
            }
        }
        let origin = c.origin.as_deref().unwrap_or("");
        let all = addressees(c);
        for ((to, a), e) in all
            .into_iter()
            .zip(entities.iter().chain(std::iter::repeat(&None)))
        {
            self.add_route(&c.id, origin, to, a, e.as_deref());
        }
    }

    /// A cable read in the run, with its subject and creation date.
    pub fn add_node(&mut self, id: &str, subject: &str, created: &str) {
        let n = self.id(id);
        self.cables.insert(n, (subject.into(), created.into()));
    }

    /// The number of cable id `id`.
    fn id(&mut self, id: &str) -> u32 {
        if let Some(&n) = self.ids.get(id) {
            return n;
        }
        let n = u32::try_from(self.ids.len()).expect("fewer than 2^32 cable ids");
        self.ids.insert(id.into(), n);
        n
    }

    /// `cable` cites `cited`.
    pub fn add_citation(&mut self, cable: &str, cited: &str) {
        if cable != cited && !cited.is_empty() {
            let pair = (self.id(cable), self.id(cited));
            self.citations.insert(pair);
        }
    }

    /// One addressee of `cable`, sent from `origin` (`to`: a `TO`
    /// addressee, else `INFO`); a cable's addressees come one after another.
    pub fn add_route(
        &mut self,
        cable: &str,
        origin: &str,
        to: bool,
        addressee: &str,
        entity: Option<&str>,
    ) {
        if origin.is_empty() {
            return;
        }
        if self.post.0 != origin {
            // a new sending post (its node, made the first time its id is
            // seen, is never removed: the same post again needs no look)
            self.post = (origin.to_string(), format!("post-{}", slug(origin)));
            if !self.route_nodes.contains_key(&self.post.1) {
                let node = (origin.to_string(), "post", String::new());
                self.route_nodes.insert(self.post.1.clone(), node);
            }
        }
        // (every look-up by `&str`: a known addressee, node and edge cost
        // no allocation; this runs for each addressee of each cable)
        let post = self.post.1.as_str();
        let id: &str = match entity.filter(|e| !e.is_empty()) {
            Some(e) => e,
            // (a known addressee looked up once)
            None => match self.addressee_ids.get(addressee) {
                Some(id) => id,
                None => {
                    let id = format!("addr-{}", slug(addressee));
                    self.addressee_ids.insert(addressee.to_string(), id);
                    &self.addressee_ids[addressee]
                }
            },
        };
        if !self.route_nodes.contains_key(id) {
            let node = (
                addressee.to_string(),
                "addressee",
                entity.unwrap_or_default().to_string(),
            );
            self.route_nodes.insert(id.to_string(), node);
        }
        if !self.route_edges.contains_key(post) {
            self.route_edges
                .insert(post.to_string(), FxHashMap::default());
        }
        let edges = self.route_edges.get_mut(post).expect("added above");
        if !edges.contains_key(id) {
            edges.insert(id.to_string(), RouteEdge::default());
        }
        let edge = edges.get_mut(id).expect("added above");
        if to {
            edge.to += 1;
        } else {
            edge.info += 1;
        }
        if self.current.0 != cable {
            self.current.0.clear();
            self.current.0.push_str(cable);
            self.current.1 += 1;
        }
        if edge.last_cable != Some(self.current.1) {
            edge.last_cable = Some(self.current.1);
            edge.cables += 1;
        }
    }

    /// `references.gexf`: the citation graph.
    pub fn write_citations_gexf<W: Write>(&self, w: &mut W) -> io::Result<()> {
        let mut name = vec![""; self.ids.len()];
        for (id, &n) in &self.ids {
            name[n as usize] = id;
        }
        // in the order of the ids' text
        let mut citations: Vec<(&str, &str)> = self
            .citations
            .iter()
            .map(|&(a, b)| (name[a as usize], name[b as usize]))
            .collect();
        citations.sort_unstable();
        // the cables in a citation, each once, in the order of their ids'
        // text (marked by number, then sorted once: a sorted set built one
        // insertion at a time was half of this file's time on a large dump,
        // written while the other core waits)
        let mut cited = vec![false; self.ids.len()];
        for &(a, b) in &self.citations {
            cited[a as usize] = true;
            cited[b as usize] = true;
        }
        // (each with its number, for the look-up of its subject and date)
        let mut nodes: Vec<(&str, u32)> = (0u32..)
            .zip(name.iter().zip(&cited))
            .filter_map(|(k, (&n, &c))| c.then_some((n, k)))
            .collect();
        nodes.sort_unstable();
        gexf_head(
            w,
            "cable citations: citing cable -> cited cable (REF lines)",
        )?;
        w.write_all(
            b"    <attributes class=\"node\">\n      <attribute id=\"subject\" title=\"subject\" type=\"string\"/>\n      <attribute id=\"created\" title=\"created\" type=\"string\"/>\n      <attribute id=\"in_run\" title=\"in_run\" type=\"boolean\"/>\n    </attributes>\n    <nodes>\n",
        )?;
        // each node and edge put together in `line` and written at once
        // (a reference graph of the whole release has millions of lines)
        let mut line: Vec<u8> = Vec::with_capacity(512);
        for &(n, k) in &nodes {
            let (subject, created, in_run) = match self.cables.get(&k) {
                Some((s, d)) => (&**s, &**d, true),
                None => ("", "", false),
            };
            let id = escape(n);
            write_line(
                w,
                &mut line,
                &[
                    "      <node id=\"",
                    &id,
                    "\" label=\"",
                    &id,
                    "\">\n        <attvalues>\n          <attvalue for=\"subject\" value=\"",
                    &escape(subject),
                    "\"/>\n          <attvalue for=\"created\" value=\"",
                    &escape(created),
                    "\"/>\n          <attvalue for=\"in_run\" value=\"",
                    if in_run { "true" } else { "false" },
                    "\"/>\n        </attvalues>\n      </node>\n",
                ],
            )?;
        }
        w.write_all(b"    </nodes>\n    <edges>\n")?;
        let mut number = itoa::Buffer::new();
        for (k, (a, b)) in citations.iter().enumerate() {
            write_line(
                w,
                &mut line,
                &[
                    "      <edge id=\"",
                    number.format(k),
                    "\" source=\"",
                    &escape(a),
                    "\" target=\"",
                    &escape(b),
                    "\" weight=\"1\"/>\n",
                ],
            )?;
        }
        w.write_all(b"    </edges>\n  </graph>\n</gexf>\n")
    }

    /// The routing graph's nodes, sorted by id.
    fn nodes(&self) -> Vec<(&str, &(String, &'static str, String))> {
        let mut v: Vec<_> = self
            .route_nodes
            .iter()
            .map(|(k, n)| (k.as_str(), n))
            .collect();
        v.sort_unstable_by(|a, b| a.0.cmp(b.0));
        v
    }

    /// The routing graph's edges, sorted by (post, addressee).
    fn edges(&self) -> Vec<((&str, &str), &RouteEdge)> {
        let mut v: Vec<_> = self
            .route_edges
            .iter()
            .flat_map(|(a, m)| m.iter().map(move |(b, e)| ((a.as_str(), b.as_str()), e)))
            .collect();
        v.sort_unstable_by(|x, y| x.0.cmp(&y.0));
        v
    }

    /// `routing.gexf`: the routing graph.
    pub fn write_routing_gexf<W: Write>(&self, w: &mut W) -> io::Result<()> {
        gexf_head(
            w,
            "routing: sending post -> addressee (FM/TO/INFO lines); weight = cables",
        )?;
        w.write_all(
            b"    <attributes class=\"node\">\n      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n      <attribute id=\"entity\" title=\"entity\" type=\"string\"/>\n    </attributes>\n    <attributes class=\"edge\">\n      <attribute id=\"to\" title=\"to\" type=\"long\"/>\n      <attribute id=\"info\" title=\"info\" type=\"long\"/>\n    </attributes>\n    <nodes>\n",
        )?;
        for (id, (label, kind, entity)) in self.nodes() {
            writeln!(
                w,
                "      <node id=\"{}\" label=\"{}\">\n        <attvalues>\n          <attvalue for=\"kind\" value=\"{kind}\"/>\n          <attvalue for=\"entity\" value=\"{}\"/>\n        </attvalues>\n      </node>",
                escape(id),
                escape(label),
                escape(entity)
            )?;
        }
        w.write_all(b"    </nodes>\n    <edges>\n")?;
        for (k, ((a, b), e)) in self.edges().into_iter().enumerate() {
            writeln!(
                w,
                "      <edge id=\"{k}\" source=\"{}\" target=\"{}\" weight=\"{}\">\n        <attvalues>\n          <attvalue for=\"to\" value=\"{}\"/>\n          <attvalue for=\"info\" value=\"{}\"/>\n        </attvalues>\n      </edge>",
                escape(a),
                escape(b),
                e.cables,
                e.to,
                e.info
            )?;
        }
        w.write_all(b"    </edges>\n  </graph>\n</gexf>\n")
    }

    /// `routing_nodes.csv`: `Id,Label,Kind,Entity` (a Gephi node table).
    pub fn write_routing_nodes<W: Write>(&self, w: &mut csv::Writer<W>) -> csv::Result<()> {
        w.write_record(["Id", "Label", "Kind", "Entity"])?;
        for (id, (label, kind, entity)) in self.nodes() {
            w.write_record([id, &text_cell(label), kind, entity])?;
        }
        Ok(())
    }

    /// `routing_edges.csv`: `Source,Target,Type,Weight,To,Info` (a Gephi
    /// edge table, `Type` `Directed`).
    pub fn write_routing_edges<W: Write>(&self, w: &mut csv::Writer<W>) -> csv::Result<()> {
        w.write_record(["Source", "Target", "Type", "Weight", "To", "Info"])?;
        for ((a, b), e) in self.edges() {
            w.write_record([
                a,
                b,
                "Directed",
                &e.cables.to_string(),
                &e.to.to_string(),
                &e.info.to_string(),
            ])?;
        }
        Ok(())
    }
}

fn gexf_head<W: Write>(w: &mut W, description: &str) -> io::Result<()> {
    w.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<gexf xmlns=\"http://gexf.net/1.3\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n",
    )?;
    writeln!(
        w,
        "  <meta>\n    <creator>cablegraph {}</creator>\n    <description>{}</description>\n  </meta>",
        env!("CARGO_PKG_VERSION"),
        escape(description)
    )?;
    w.write_all(b"  <graph mode=\"static\" defaultedgetype=\"directed\">\n")
}

/// Write `parts` as one piece, put together in `line` (a line of a large
/// graph file: one write, not one per part).
fn write_line<W: Write>(w: &mut W, line: &mut Vec<u8>, parts: &[&str]) -> io::Result<()> {
    line.clear();
    for p in parts {
        line.extend_from_slice(p.as_bytes());
    }
    w.write_all(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The short lists' comparisons keep what a set keeps: each
        /// (TO or INFO, addressee) once, first come first.
        #[test]
        fn addressees_are_each_route_once(
            to in proptest::collection::vec(0u8..12, 0..80),
            info in proptest::collection::vec(0u8..12, 0..80),
        ) {
            let name = |k: &u8| format!("AMEMBASSY {k}");
            let c = Cable {
                recipients: to.iter().map(name).collect(),
                info: info.iter().map(name).collect(),
                ..Cable::default()
            };
            let mut seen = BTreeSet::new();
            let want: Vec<(bool, &str)> = c
                .recipients
                .iter()
                .map(|a| (true, a.as_str()))
                .chain(c.info.iter().map(|a| (false, a.as_str())))
                .filter(|x| seen.insert(*x))
                .collect();
            proptest::prop_assert_eq!(addressees(&c), want);
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Embassy Mexico"), "embassy-mexico");
        assert_eq!(
            slug("ALL US CONSULATES IN MEXICO COLLECTIVE"),
            "all-us-consulates-in-mexico-collective"
        );
        assert_eq!(
            slug("JOINT STAFF WASHINGTON DC//J3//"),
            "joint-staff-washington-dc-j3"
        );
        assert_eq!(slug("Embajada en Bogotá ÅLAND"), "embajada-en-bogotá-åland");
    }

    #[test]
    fn citations_are_written_in_the_ids_order_once() {
        let mut d = Directed::default();
        d.add_node("09B", "Second", "2009-01-02");
        d.add_citation("09B", "08Z");
        d.add_citation("09B", "08A");
        d.add_node("09A", "First", "2009-01-01");
        d.add_citation("09A", "08Z");
        d.add_citation("09A", "08Z");
        d.add_citation("09A", "09A");
        let mut out = Vec::new();
        d.write_citations_gexf(&mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let edges: Vec<&str> = out.lines().filter(|l| l.contains("<edge ")).collect();
        assert_eq!(
            edges,
            [
                r#"      <edge id="0" source="09A" target="08Z" weight="1"/>"#,
                r#"      <edge id="1" source="09B" target="08A" weight="1"/>"#,
                r#"      <edge id="2" source="09B" target="08Z" weight="1"/>"#,
            ]
        );
        let nodes: Vec<&str> = out
            .lines()
            .filter_map(|l| l.trim().strip_prefix("<node id=\""))
            .map(|l| &l[..3])
            .collect();
        assert_eq!(nodes, ["08A", "08Z", "09A", "09B"]);
        assert!(out.contains(r#"<attvalue for="subject" value="First"/>"#));
        // a cited cable the run did not read
        let z = out.find(r#"<node id="08Z""#).unwrap();
        assert!(out[z..].contains(r#"<attvalue for="in_run" value="false"/>"#));
    }

    #[test]
    fn routing_edges_count_cables_once() {
        let c = Cable {
            id: "09MEXICO1".into(),
            origin: Some("Embassy Mexico".into()),
            recipients: vec!["SECSTATE WASHDC".into()],
            info: vec!["DEA HQS WASHINGTON DC".into(), "SECSTATE WASHDC".into()],
            ..Cable::default()
        };
        let mut d = Directed::default();
        d.add_cable(&c, &[None, Some("us-dea".into()), None]);
        d.add_cable(
            &Cable {
                id: "09MEXICO2".into(),
                ..c.clone()
            },
            &[None, Some("us-dea".into()), None],
        );
        let e = &d.route_edges["post-embassy-mexico"]["addr-secstate-washdc"];
        assert_eq!((e.cables, e.to, e.info), (2, 2, 2));
        let e = &d.route_edges["post-embassy-mexico"]["us-dea"];
        assert_eq!((e.cables, e.to, e.info), (2, 0, 2));
    }

    #[test]
    fn routing_edges_count_each_run_of_a_cable_and_a_cable_without_an_id() {
        let mut d = Directed::default();
        // the first cable read has no id: its addressee still counts
        for cable in ["", "", "09A", "09B", "09A"] {
            d.add_route(cable, "Embassy Mexico", true, "SECSTATE WASHDC", None);
        }
        let e = &d.route_edges["post-embassy-mexico"]["addr-secstate-washdc"];
        // ("" twice in a row is one cable; 09A again after 09B is another)
        assert_eq!((e.cables, e.to, e.info), (4, 5, 0));
    }
}
