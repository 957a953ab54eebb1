//! The gazetteer: which entities exist and the surface forms that name them.
//!
//! A gazetteer is one or more CSV files with the header
//! `id,type,name,aliases,notes`: `id` a unique slug, `type` a word
//! (`agency`, `program`, `person`, `organization`, `group`, `place`, …),
//! `name` the display label, `aliases` further forms separated by `|`,
//! `notes` free text. The name is itself an alias.
//!
//! The default gazetteer (`gazetteers/*.csv` in the repository) is compiled
//! into the binary; `-g PATH` replaces it with files or directories of
//! `*.csv`.
//!
//! Two optional columns say where an entity belongs (the resolve
//! stage, `src/resolve.rs`, uses them):
//!
//! - `country`: the country code(s) cables use in their TAGS (`MX`, `BR`,
//!   `MO` for Morocco, `US`), several separated by `|`; empty means
//!   international (no scope).
//! - `scope`: how much the cable must say about that country before a
//!   mention is accepted: `country` (the default when `country` is set:
//!   the cable's origin post, its TAGS or its text names the country),
//!   `local` (origin post or TAGS, or the country named in the same
//!   paragraph or right before the mention) or `any` (accepted in every
//!   cable; the country only describes the entity; without a country: an
//!   international entity whose short or common-word aliases have been
//!   reviewed, which silences `gazetteer check`'s warning).
//!
//! Loading validates every row and reports each problem as
//! `FILE:LINE: what is wrong`; a gazetteer with any problem is refused
//! whole, before any output is written.

use crate::hash::{HashMap, HashSet};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::normalize::alias_key;
use crate::problem::{DocProblem, Location};

/// One entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// Stable id, e.g. `mx-sedena`.
    pub id: String,
    /// Type word, e.g. `agency`.
    pub kind: String,
    /// Display label.
    pub name: String,
    /// Every surface form, the name first, without duplicates.
    pub aliases: Vec<String>,
    /// Free text.
    pub notes: String,
    /// Where the row was read (`FILE:LINE`).
    pub origin: String,
}

/// How much a cable must say about an entity's country (the `scope`
/// column).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ScopeLevel {
    /// The cable is about the country: origin post, TAGS or its text
    /// names it (the default).
    #[default]
    Country,
    /// Origin post or TAGS, or the country named in the same paragraph or
    /// right before the mention.
    Local,
    /// Any cable: the country only describes the entity.
    Any,
}

impl ScopeLevel {
    /// The column value.
    pub fn name(self) -> &'static str {
        match self {
            ScopeLevel::Country => "country",
            ScopeLevel::Local => "local",
            ScopeLevel::Any => "any",
        }
    }

    fn parse(s: &str) -> Option<ScopeLevel> {
        match s {
            "" | "country" => Some(ScopeLevel::Country),
            "local" => Some(ScopeLevel::Local),
            "any" => Some(ScopeLevel::Any),
            _ => None,
        }
    }
}

/// Where an entity belongs: its `country` and `scope` columns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// TAGS-style country codes; empty = international.
    pub countries: Vec<String>,
    /// How much the cable must say about them.
    pub level: ScopeLevel,
}

impl Scope {
    /// True for an international entity (no country).
    pub fn is_international(&self) -> bool {
        self.countries.is_empty()
    }
}

impl Entity {
    /// `gazetteer` for a gazetteer row, `discovered` for an entity found
    /// by [`crate::discover`] (the `Provenance` column of `nodes.csv`).
    pub fn provenance(&self) -> &'static str {
        if self.origin.starts_with(DISCOVERED_ORIGIN) {
            "discovered"
        } else {
            "gazetteer"
        }
    }
}

/// All problems found while loading, in file and line order.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", render(.0))]
pub struct GazetteerError(pub Vec<DocProblem>);

fn render(p: &[DocProblem]) -> String {
    p.iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Each entity's place when the entities are sorted by id.
fn ranks(entities: &[Entity]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..entities.len() as u32).collect();
    order.sort_by(|a, b| entities[*a as usize].id.cmp(&entities[*b as usize].id));
    let mut rank = vec![0; entities.len()];
    for (r, e) in order.into_iter().enumerate() {
        rank[e as usize] = r as u32;
    }
    rank
}

/// A validated set of entities.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    /// Each entity's place in id order, for sorting by id without
    /// comparing strings: for the entities there were before any was
    /// discovered ([`Gazetteer::push_discovered`] ranks none, so that a
    /// run that discovers thousands does not renumber every entity each
    /// time).
    rank: Vec<u32>,
    /// Every entity's place in id order, discovered ones included: made
    /// when asked ([`Gazetteer::id_rank`]), dropped when one is pushed.
    all_ranks: std::sync::OnceLock<Vec<u32>>,
    /// Rows that load but are likely mistakes (an alias made only of stop
    /// words); `gazetteer check` reports them as problems.
    warnings: Vec<DocProblem>,
    /// Each entity's scope (same order as `entities`; shorter when built
    /// from entities alone: the rest are international).
    scopes: Vec<Scope>,
    /// Each person's bare surnames (the `surname` column; same order as
    /// `entities`, shorter when the rest have none).
    surnames: Vec<Vec<String>>,
}

/// The largest gazetteer file read (a bigger one is refused, unread).
pub(crate) const MAX_GAZETTEER_BYTES: u64 = 64 * 1024 * 1024;

/// English function words: an alias made only of these (`of`, `the`,
/// `of the`) would match almost every sentence. Two-letter aliases in
/// capitals (`US`, `IT`, `OR`) are abbreviations, matched only in capitals,
/// and are not counted as stop words.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "both", "but", "by", "can", "could", "did", "do", "does", "down", "each", "for",
    "from", "had", "has", "have", "he", "her", "here", "his", "how", "i", "if", "in", "into", "is",
    "it", "its", "may", "me", "might", "must", "my", "no", "nor", "not", "of", "off", "on", "only",
    "or", "other", "our", "out", "over", "per", "she", "should", "so", "some", "such", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "too",
    "under", "up", "us", "very", "via", "was", "we", "were", "what", "when", "where", "which",
    "who", "whom", "why", "will", "with", "would", "you", "your",
];

/// Is `alias` made only of stop words (see `STOP_WORDS`)?
pub(crate) fn is_stop_phrase(alias: &str) -> bool {
    let letters = alias.chars().filter(|c| c.is_alphabetic()).count();
    if letters <= 2 && !alias.chars().any(char::is_lowercase) {
        return false; // US, IT: an abbreviation in capitals
    }
    let folded = alias_key(alias).to_lowercase();
    let mut words = folded
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .peekable();
    // (every alias of the gazetteer is tested when it loads: a set)
    static STOP: std::sync::LazyLock<HashSet<&'static str>> =
        std::sync::LazyLock::new(|| STOP_WORDS.iter().copied().collect());
    words.peek().is_some() && words.all(|w| STOP.contains(w))
}

/// The characters a spreadsheet reads as the start of a formula.
pub(crate) const FORMULA_START: [char; 4] = ['=', '+', '-', '@'];

/// The CSV files of the default gazetteer, compiled in by `build.rs`.
const DEFAULT_FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/default_gazetteers.rs"));

const COLUMNS: [&str; 8] = [
    "id", "type", "name", "aliases", "notes", "country", "scope", "surname",
];

impl Gazetteer {
    /// The default gazetteer compiled into the binary.
    pub fn builtin() -> Gazetteer {
        let files: Vec<(String, &[u8])> = DEFAULT_FILES
            .iter()
            .map(|(name, text)| (format!("gazetteers/{name}"), text.as_bytes()))
            .collect();
        Gazetteer::from_sources(&files)
            .expect("the built-in gazetteer is valid (a test keeps it so)")
    }

    /// The alias keys ([`alias_key`]) of every entity's aliases: the forms
    /// the gazetteer claims (shared by acronym linking and `suggest`).
    pub fn alias_keys(&self) -> HashSet<String> {
        self.entities()
            .iter()
            .flat_map(|e| e.aliases.iter().map(|a| alias_key(a)))
            .collect()
    }

    /// Load gazetteer files or directories of `*.csv` (sorted).
    pub fn load(paths: &[PathBuf]) -> Result<Gazetteer, GazetteerError> {
        Gazetteer::load_with(paths, false)
    }

    /// Load as `gazetteer check` does: likely mistakes (the
    /// [`Gazetteer::warnings`]) are problems too.
    pub fn load_strict(paths: &[PathBuf]) -> Result<Gazetteer, GazetteerError> {
        Gazetteer::load_with(paths, true)
    }

    fn load_with(paths: &[PathBuf], strict: bool) -> Result<Gazetteer, GazetteerError> {
        let mut files: Vec<PathBuf> = Vec::new();
        let mut problems = Vec::new();
        for p in paths {
            if p.is_dir() {
                match csv_files_in(p) {
                    Ok(mut v) if !v.is_empty() => files.append(&mut v),
                    Ok(_) => problems.push(DocProblem {
                        location: Location::file(p.display().to_string()),
                        message: "directory holds no *.csv gazetteer".into(),
                    }),
                    Err(e) => problems.push(DocProblem {
                        location: Location::file(p.display().to_string()),
                        message: format!("cannot read directory: {e}"),
                    }),
                }
            } else {
                files.push(p.clone());
            }
        }
        let mut sources: Vec<(String, Vec<u8>)> = Vec::new();
        for f in files {
            match read_capped(&f) {
                Ok(b) => sources.push((f.display().to_string(), b)),
                Err(message) => problems.push(DocProblem {
                    location: Location::file(f.display().to_string()),
                    message,
                }),
            }
        }
        let refs: Vec<(String, &[u8])> = sources
            .iter()
            .map(|(n, b)| (n.clone(), b.as_slice()))
            .collect();
        let loaded = Gazetteer::from_sources(&refs).and_then(|g| {
            if strict && !g.warnings.is_empty() {
                Err(GazetteerError(g.warnings))
            } else {
                Ok(g)
            }
        });
        match loaded {
            Ok(g) if problems.is_empty() => Ok(g),
            Ok(_) => Err(GazetteerError(problems)),
            Err(GazetteerError(mut more)) => {
                problems.append(&mut more);
                Err(GazetteerError(problems))
            }
        }
    }

    /// Parse and validate gazetteer files given as (name, bytes).
    pub fn from_sources(files: &[(String, &[u8])]) -> Result<Gazetteer, GazetteerError> {
        let mut load = Load::default();
        for (name, bytes) in files {
            read_file(name, bytes, &mut load);
        }
        let Load {
            entities,
            scopes,
            surnames,
            problems,
            rows,
            ..
        } = load;
        if problems.is_empty() {
            let warnings = stop_word_aliases(&entities, &rows);
            let mut g = Gazetteer::from_entities(entities);
            g.warnings = warnings;
            g.scopes = scopes;
            g.surnames = surnames;
            Ok(g)
        } else {
            Err(GazetteerError(problems))
        }
    }

    /// A gazetteer of already validated entities (e.g. the entity table a
    /// shard saved), in this order.
    pub fn from_entities(entities: Vec<Entity>) -> Gazetteer {
        let rank = ranks(&entities);
        Gazetteer {
            entities,
            rank,
            all_ranks: Default::default(),
            warnings: Vec::new(),
            scopes: Vec::new(),
            surnames: Vec::new(),
        }
    }

    /// This gazetteer and then `other`'s entities, each keeping its scope
    /// and surnames (`suggest --append` reads the target file beside the
    /// gazetteer it runs with).
    pub fn append(self, other: Gazetteer) -> Gazetteer {
        let n = self.entities.len();
        let mut scopes = self.scopes;
        let mut surnames = self.surnames;
        let mut warnings = self.warnings;
        if !other.scopes.is_empty() {
            scopes.resize(n, Scope::default());
            scopes.extend(other.scopes);
        }
        if !other.surnames.is_empty() {
            surnames.resize(n, Vec::new());
            surnames.extend(other.surnames);
        }
        warnings.extend(other.warnings);
        let mut entities = self.entities;
        entities.extend(other.entities);
        let mut g = Gazetteer::from_entities(entities);
        g.scopes = scopes;
        g.surnames = surnames;
        g.warnings = warnings;
        g
    }

    /// Rows that loaded but are likely mistakes, as `FILE:LINE` problems
    /// (print them as warnings; `gazetteer check` refuses them).
    pub fn warnings(&self) -> &[DocProblem] {
        &self.warnings
    }

    /// Add a discovered entity after the others (its number is the old
    /// length). It costs the same however many entities there are: no
    /// entity is re-ranked ([`Gazetteer::cmp_ids`] compares a discovered
    /// entity's id as a string).
    pub fn push_discovered(&mut self, e: Entity) -> u32 {
        if self.entities.len() == self.entities.capacity() {
            // a little room, not double: a large gazetteer's entities are
            // tens of megabytes, and a run discovers a few hundred more
            let room = (self.entities.len() / 16).max(64);
            self.entities.reserve_exact(room);
        }
        self.entities.push(e);
        self.all_ranks = Default::default();
        self.entities.len() as u32 - 1
    }

    /// Entities `a` and `b` in id order: by their ranks when both were
    /// there before any was discovered, else by their ids.
    #[inline]
    pub fn cmp_ids(&self, a: u32, b: u32) -> std::cmp::Ordering {
        match (self.rank.get(a as usize), self.rank.get(b as usize)) {
            (Some(x), Some(y)) => x.cmp(y),
            _ => self.entities[a as usize]
                .id
                .cmp(&self.entities[b as usize].id),
        }
    }

    /// Person `e`'s bare surnames (the `surname` column): each names the
    /// person, on its own, in a cable about the person's country where no
    /// one else of that surname appears (the resolve stage judges that).
    pub fn surnames(&self, e: u32) -> &[String] {
        self.surnames.get(e as usize).map_or(&[], Vec::as_slice)
    }

    /// Entity `e`'s scope (`country` and `scope` columns).
    pub fn scope(&self, e: u32) -> &Scope {
        static INTERNATIONAL: Scope = Scope {
            countries: Vec::new(),
            level: ScopeLevel::Country,
        };
        self.scopes.get(e as usize).unwrap_or(&INTERNATIONAL)
    }

    /// Entities in load order; an entity's index is its number in
    /// [`crate::matcher::Mention::entity`].
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Entity `e`'s place when entities are sorted by id (ids are unique,
    /// so comparing ranks compares ids).
    pub fn id_rank(&self, e: u32) -> u32 {
        if self.rank.len() == self.entities.len() {
            return self.rank[e as usize];
        }
        self.all_ranks.get_or_init(|| ranks(&self.entities))[e as usize]
    }

    /// The number of entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// True when there are no entities.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// Entities and aliases per type, sorted by type.
    pub fn summary(&self) -> BTreeMap<String, (usize, usize)> {
        let mut m: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for e in &self.entities {
            let v = m.entry(e.kind.clone()).or_default();
            v.0 += 1;
            v.1 += e.aliases.len();
        }
        m
    }
}

/// Read a gazetteer file, at most [`MAX_GAZETTEER_BYTES`] of it (so
/// `-g /dev/zero` ends with a message, not out of memory).
fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let f = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let mut bytes = Vec::new();
    f.take(MAX_GAZETTEER_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_GAZETTEER_BYTES {
        return Err(format!(
            "larger than {} MiB, the most a gazetteer file may hold; not read",
            MAX_GAZETTEER_BYTES >> 20
        ));
    }
    Ok(bytes)
}

/// A warning for every alias made only of stop words (`rows`: each
/// entity's row).
fn stop_word_aliases(entities: &[Entity], rows: &[Location]) -> Vec<DocProblem> {
    let mut v = Vec::new();
    for (e, row) in entities.iter().zip(rows) {
        for a in &e.aliases {
            if is_stop_phrase(a) {
                v.push(DocProblem {
                    location: row.clone(),
                    message: format!(
                        "alias {a:?} of {:?} is only stop words: it would match almost every \
                         sentence",
                        e.id
                    ),
                });
            }
        }
    }
    v
}

fn csv_files_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
        .collect();
    v.sort();
    Ok(v)
}

/// The problem with an alias that begins like a spreadsheet formula: its
/// mentions' `surface` cells are written exactly, so it must not.
fn formula_start(a: &str) -> Option<String> {
    let c = a.chars().next().filter(|c| FORMULA_START.contains(c))?;
    Some(format!(
        "{a:?} begins with {c:?}, which a spreadsheet reads as a formula (mentions.csv writes \
         every surface exactly): drop the {c:?}"
    ))
}

fn is_only_punctuation(s: &str) -> bool {
    !s.chars().any(char::is_alphanumeric)
}

/// A quoting mistake in the raw record starting `raw` (up to its
/// unquoted line end): a quote inside an unquoted field, or text after
/// a quoted field's closing quote. The CSV reader accepts both silently.
fn quoting_problem(raw: &str) -> Option<String> {
    let b = raw.as_bytes();
    let mut i = 0;
    let mut field = 1;
    loop {
        if b.get(i) == Some(&b'"') {
            // quoted field: runs to a quote not followed by a quote
            i += 1;
            loop {
                match b.get(i) {
                    None => return None, // unterminated: the reader reports it
                    Some(b'"') if b.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(_) => i += 1,
                }
            }
            match b.get(i) {
                None | Some(b',') | Some(b'\n') | Some(b'\r') => {}
                Some(_) => {
                    return Some(format!(
                        "bad quoting in field {field}: text after the closing quote \
                         (double a quote inside a quoted field: \"\")"
                    ))
                }
            }
        } else {
            while let Some(&c) = b.get(i) {
                match c {
                    b',' | b'\n' | b'\r' => break,
                    b'"' => {
                        return Some(format!(
                            "bad quoting in field {field}: a quote inside an unquoted field \
                             (quote the whole field and double the quote: \"\")"
                        ))
                    }
                    _ => i += 1,
                }
            }
        }
        match b.get(i) {
            Some(b',') => {
                i += 1;
                field += 1;
            }
            _ => return None,
        }
    }
}

/// Words a weak name is made of: a name made only of these (and
/// connectors) names a body many countries have.
pub const COMMON_WORDS: &[&str] = &[
    "federal",
    "police",
    "national",
    "security",
    "council",
    "attorney",
    "general",
    "general's",
    "office",
    "chamber",
    "deputies",
    "supreme",
    "court",
    "white",
    "house",
    "ministry",
    "interior",
    "foreign",
    "affairs",
    "defense",
    "defence",
    "public",
    "prosecutor",
    "prosecutor's",
    "congress",
    "senate",
    "army",
    "navy",
    "air",
    "force",
    "forces",
    "intelligence",
    "agency",
    "service",
    "central",
    "bank",
    "party",
    "labor",
    "labour",
    "workers",
    "workers'",
    "worker's",
    "green",
    "liberal",
    "conservative",
    "democratic",
    "republican",
    "socialist",
    "communist",
    "people's",
    "popular",
    "justice",
    "finance",
    "treasury",
    "economy",
    "health",
    "education",
    "commerce",
    "trade",
    "department",
    "secretariat",
    "secretary",
    "customs",
    "immigration",
    "institute",
    "commission",
    "election",
    "electoral",
    "human",
    "rights",
    "investigation",
    "investigations",
    "investigative",
    "judicial",
    "state",
    "government",
    "presidency",
    "cabinet",
    "parliament",
    "assembly",
    "revolutionary",
    "union",
    "front",
    "movement",
    "action",
    "development",
    "border",
    "coast",
    "guard",
    "marine",
    "marines",
    "military",
    "armed",
    "special",
    "operations",
    "command",
    "unit",
    "organized",
    "crime",
    "drug",
    "narcotics",
    "money",
    "laundering",
    "financial",
    "senators",
    "representatives",
    "institutional",
    "federation",
    "preventive",
    "ministerial",
    "criminal",
    "new",
    "alliance",
    "convergence",
    "green",
    "ecologist",
    "social",
    "solidarity",
    "agriculture",
    "energy",
    "environment",
    "labor",
    "tax",
    "administration",
    "procurement",
    "migration",
    "civil",
    "protection",
    "tribunal",
    "constitutional",
    "legislative",
    "relations",
    "mines",
    "tourism",
    "transport",
    "works",
    "presidential",
    "palace",
    "ombudsman",
    "comptroller",
    "comptroller's",
    // the Spanish forms of a country's generic bodies
    "corte",
    "suprema",
    "supremo",
    "justicia",
    "congreso",
    "nacional",
    "asamblea",
    "legislativa",
    "camara",
    "cámara",
    "diputados",
    "policia",
    "policía",
    "fiscalia",
    "fiscalía",
    "ministerio",
    "publico",
    "público",
    "fuerzas",
    "armadas",
    "cancilleria",
    "cancillería",
    "casa",
    "presidencial",
];

/// Lower-case connectors allowed inside a weak name.
pub const CONNECTORS: &[&str] = &["of", "the", "for", "and", "on", "de", "la", "del", "y"];

/// Is `alias` weak: an acronym of up to three letters, or made only of
/// common words?
pub fn weak_alias(alias: &str) -> bool {
    short_acronym(alias) || common_words_only(alias)
}

/// Is `alias` an acronym of up to three letters (`PT`, `G.O.M.`): no
/// lower-case letter, and nothing but letters, dots and white space?
fn short_acronym(alias: &str) -> bool {
    if alias.is_ascii() {
        // (the same test on bytes: most aliases are ASCII)
        let (mut letters, mut other) = (0, 0);
        for &b in alias.as_bytes() {
            if b.is_ascii_lowercase() {
                return false;
            }
            if b.is_ascii_uppercase() {
                letters += 1;
            } else if !matches!(b, b'.' | b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
                other += 1;
            }
        }
        return letters <= 3 && other == 0;
    }
    let letters = alias.chars().filter(|c| c.is_alphabetic()).count();
    !alias.chars().any(char::is_lowercase)
        && letters <= 3
        && letters
            == alias
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '.')
                .count()
}

/// Is `w` (lower case) one of [`COMMON_WORDS`]? A set: every alias of the
/// gazetteer is tested when it loads, and the resolve stage asks for each
/// word of an acronym's long form.
pub(crate) fn is_common_word(w: &str) -> bool {
    static COMMON: std::sync::LazyLock<HashSet<&'static str>> =
        std::sync::LazyLock::new(|| COMMON_WORDS.iter().copied().collect());
    COMMON.contains(w)
}

/// Is `name` made only of common words (`Federal Police`)?
pub fn common_words_only(name: &str) -> bool {
    let mut content = 0;
    // a short ASCII word is lower-cased here, not copied
    let mut buf = [0u8; 32];
    for w in name.split_whitespace() {
        let w = crate::normalize::lower_word_in(w, &mut buf);
        let w: &str = &w;
        if CONNECTORS.contains(&w) {
            continue;
        }
        if !is_common_word(w) {
            return false;
        }
        content += 1;
    }
    content > 0
}

/// May `alias`, already an alias of the entity scoped `other`, also be an
/// alias of an entity scoped `this`? Only a generic name ([`weak_alias`]:
/// `Supreme Court`, `National Police`, `PT`) of bodies of different
/// countries, each scoped to its country (`country` or `local`): the
/// matcher finds the first owner and the resolve stage gives the mention to
/// the owner of the cable's country (its origin post, a country word before
/// it, its TAGS).
fn shareable(alias: &str, this: &Scope, other: &Scope) -> bool {
    let scoped = |s: &Scope| !s.is_international() && s.level != ScopeLevel::Any;
    weak_alias(alias)
        && scoped(this)
        && scoped(other)
        && !this.countries.iter().any(|c| other.countries.contains(c))
}

/// What loading gazetteer files gathers, file after file.
#[derive(Default)]
struct Load {
    entities: Vec<Entity>,
    scopes: Vec<Scope>,
    /// Each id's first row, `FILE:LINE`.
    ids: HashMap<String, String>,
    /// Each alias key's entities and rows (several only for a shared
    /// generic name: see [`shareable`]).
    alias_owner: HashMap<String, Vec<(usize, String)>>,
    /// Each entity's surnames, and each surname key's entity and row.
    surnames: Vec<Vec<String>>,
    surname_owner: HashMap<String, (usize, String)>,
    problems: Vec<DocProblem>,
    /// Each entity's row.
    rows: Vec<Location>,
}

/// Read one gazetteer file's rows into the entity, scope, id and alias tables,
/// reporting each bad row as a problem at `FILE:LINE`.
///
/// Long by design: one loop over a file's rows checking each column in order; later checks read
/// earlier columns.
#[allow(clippy::too_many_lines)]
fn read_file(name: &str, bytes: &[u8], load: &mut Load) {
    let Load {
        entities,
        scopes,
        ids,
        alias_owner,
        surnames,
        surname_owner,
        problems,
        rows,
    } = load;
    let at = |line: u64| format!("{name}:{line}");
    let row_at = |line: u64| Location::file(name).line(line);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            problems.push(DocProblem {
                location: row_at(line as u64),
                message: "not UTF-8".into(),
            });
            return;
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = rdr.records();
    let header = match records.next() {
        None => {
            problems.push(DocProblem {
                location: Location::file(name),
                message: "empty file, expected header id,type,name,aliases,notes".into(),
            });
            return;
        }
        Some(Err(e)) => {
            problems.push(DocProblem {
                location: row_at(1),
                message: format!("bad CSV: {e}"),
            });
            return;
        }
        Some(Ok(h)) => h,
    };
    // column positions
    let mut pos: HashMap<&str, usize> = HashMap::default();
    let mut header_ok = true;
    for (i, col) in header.iter().enumerate() {
        let col = col.trim();
        if COLUMNS.contains(&col) {
            if pos
                .insert(COLUMNS.iter().find(|c| **c == col).unwrap(), i)
                .is_some()
            {
                problems.push(DocProblem {
                    location: row_at(1),
                    message: format!("column {col:?} appears twice"),
                });
                header_ok = false;
            }
        } else {
            problems.push(DocProblem {
                location: row_at(1),
                message: format!(
                    "unknown column {col:?} (expected id,type,name,aliases,notes); \
                     optional: country,scope"
                ),
            });
            header_ok = false;
        }
    }
    for need in ["id", "type", "name"] {
        if !pos.contains_key(need) {
            problems.push(DocProblem {
                location: row_at(1),
                message: format!("missing column {need:?}"),
            });
            header_ok = false;
        }
    }
    if !header_ok {
        return;
    }
    let ncols = header.len();
    for rec in records {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(DocProblem {
                    location: row_at(line),
                    message: format!("bad CSV: {e}"),
                });
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| p.line());
        let byte = rec.position().map_or(0, |p| p.byte() as usize);
        if let Some(msg) = text.get(byte..).and_then(quoting_problem) {
            problems.push(DocProblem {
                location: row_at(line),
                message: msg,
            });
            continue;
        }
        if rec.len() == 1 && rec.get(0).is_some_and(|f| f.trim().is_empty()) {
            continue; // blank line
        }
        if rec.len() != ncols {
            problems.push(DocProblem {
                location: row_at(line),
                message: format!(
                    "{} fields, header has {ncols} (unbalanced quotes or a stray comma?)",
                    rec.len()
                ),
            });
            continue;
        }
        if rec.iter().any(|f| f.contains('\n')) {
            problems.push(DocProblem {
                location: row_at(line),
                message: "a field runs across lines (unbalanced quotes?)".into(),
            });
            continue;
        }
        let get = |c: &str| {
            pos.get(c)
                .and_then(|&i| rec.get(i))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let id = get("id");
        let kind = get("type");
        let ename = get("name");
        let mut row_ok = true;
        if id.is_empty() {
            problems.push(DocProblem {
                location: row_at(line),
                message: "missing id".into(),
            });
            row_ok = false;
        } else if let Some(first) = ids.get(&id) {
            problems.push(DocProblem {
                location: row_at(line),
                message: format!("duplicate id {id:?} (first at {first})"),
            });
            row_ok = false;
        }
        if kind.is_empty() {
            problems.push(DocProblem {
                location: row_at(line),
                message: "missing type".into(),
            });
            row_ok = false;
        } else if kind.chars().any(|c| c.is_whitespace() || c == ',') {
            problems.push(DocProblem {
                location: row_at(line),
                message: format!("type {kind:?} must be one word"),
            });
            row_ok = false;
        }
        if ename.is_empty() {
            problems.push(DocProblem {
                location: row_at(line),
                message: "missing name".into(),
            });
            row_ok = false;
        }
        let raw_aliases = get("aliases");
        let mut aliases = vec![ename.clone()];
        if !raw_aliases.is_empty() {
            for (k, a) in raw_aliases.split('|').enumerate() {
                let a = a.trim();
                if a.is_empty() {
                    problems.push(DocProblem {
                        location: row_at(line),
                        message: format!("empty alias (item {} of aliases)", k + 1),
                    });
                    row_ok = false;
                } else if is_only_punctuation(a) {
                    problems.push(DocProblem {
                        location: row_at(line),
                        message: format!("alias {a:?} has no letter or digit"),
                    });
                    row_ok = false;
                } else if let Some(msg) = formula_start(a) {
                    problems.push(DocProblem {
                        location: row_at(line),
                        message: format!("alias {msg}"),
                    });
                    row_ok = false;
                } else {
                    aliases.push(a.to_string());
                }
            }
        }
        if !ename.is_empty() && is_only_punctuation(&ename) {
            problems.push(DocProblem {
                location: row_at(line),
                message: format!("name {ename:?} has no letter or digit"),
            });
            row_ok = false;
        } else if let Some(msg) = formula_start(&ename) {
            problems.push(DocProblem {
                location: row_at(line),
                message: format!("name {msg}"),
            });
            row_ok = false;
        }
        let countries: Vec<String> = get("country")
            .split('|')
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect();
        for c in &countries {
            if c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
                problems.push(DocProblem {
                    location: row_at(line),
                    message: format!(
                        "country {c:?} is not a TAGS country code (two capitals, e.g. MX)"
                    ),
                });
                row_ok = false;
            }
        }
        let raw_scope = get("scope");
        let level = match ScopeLevel::parse(&raw_scope) {
            Some(l) => l,
            None => {
                problems.push(DocProblem {
                    location: row_at(line),
                    message: format!("scope {raw_scope:?} is not one of country, local, any"),
                });
                row_ok = false;
                ScopeLevel::Country
            }
        };
        if !raw_scope.is_empty() && level != ScopeLevel::Any && countries.is_empty() {
            problems.push(DocProblem {
                location: row_at(line),
                message: format!("scope {raw_scope:?} without a country"),
            });
            row_ok = false;
        }
        let mut own_surnames: Vec<String> = Vec::new();
        for w in get("surname")
            .split('|')
            .map(str::trim)
            .filter(|w| !w.is_empty())
        {
            let why = if kind != "person" {
                Some("a surname is a person's (type person)".to_string())
            } else if countries.is_empty() {
                Some("a surname needs the person's country (the country column)".to_string())
            } else if w.contains(char::is_whitespace) || !w.chars().any(char::is_alphabetic) {
                Some(format!("surname {w:?} must be one word"))
            } else if let Some(msg) = formula_start(w) {
                Some(format!("surname {msg}"))
            } else {
                let key = alias_key(w);
                if let Some((o, where_)) = alias_owner.get(&key).and_then(|v| v.first()) {
                    Some(format!(
                        "surname {w:?} is also an alias of {:?} ({where_})",
                        entities[*o].id
                    ))
                } else if let Some((o, where_)) = surname_owner.get(&key) {
                    Some(format!(
                        "surname {w:?} is also claimed by {:?} ({where_})",
                        entities[*o].id
                    ))
                } else {
                    None
                }
            };
            match why {
                Some(message) => {
                    problems.push(DocProblem {
                        location: row_at(line),
                        message,
                    });
                    row_ok = false;
                }
                None => own_surnames.push(w.to_string()),
            }
        }
        if !row_ok {
            if !id.is_empty() {
                ids.entry(id).or_insert_with(|| at(line));
            }
            continue;
        }
        // dedupe within the entity, check across entities
        let index = entities.len();
        let this = Scope { countries, level };
        let mut kept: Vec<String> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        for a in aliases {
            let key = alias_key(&a);
            if keys.contains(&key) {
                continue;
            }
            let owners = alias_owner.get(&key).map_or(&[][..], Vec::as_slice);
            if let Some((other, where_)) = owners
                .iter()
                .find(|(o, _)| *o != index && !shareable(&a, &this, &scopes[*o]))
            {
                problems.push(DocProblem {
                    location: row_at(line),
                    message: format!(
                        "alias {a:?} is also claimed by {:?} ({where_}){}",
                        entities[*other].id,
                        if weak_alias(&a) {
                            " (a generic name may be shared only by entities of different \
                             countries, each with scope country or local)"
                        } else {
                            ""
                        }
                    ),
                });
                row_ok = false;
                continue;
            }
            if let Some((o, where_)) = surname_owner.get(&key) {
                problems.push(DocProblem {
                    location: row_at(line),
                    message: format!(
                        "alias {a:?} is also the surname of {:?} ({where_})",
                        entities[*o].id
                    ),
                });
                row_ok = false;
                continue;
            }
            if own_surnames.iter().any(|w| alias_key(w) == key) {
                problems.push(DocProblem {
                    location: row_at(line),
                    message: format!("{a:?} is both an alias and a surname of this row"),
                });
                row_ok = false;
                continue;
            }
            keys.push(key);
            kept.push(a);
        }
        if !row_ok {
            ids.insert(id, at(line));
            continue;
        }
        // the row's `FILE:LINE`, made once for its every use
        let here = at(line);
        for k in keys {
            alias_owner
                .entry(k)
                .or_default()
                .push((index, here.clone()));
        }
        ids.insert(id.clone(), here.clone());
        rows.push(row_at(line));
        scopes.push(this);
        if !own_surnames.is_empty() {
            surnames.resize(index, Vec::new());
            for w in &own_surnames {
                surname_owner.insert(alias_key(w), (index, here.clone()));
            }
            surnames.push(own_surnames);
        }
        entities.push(Entity {
            id,
            kind,
            name: ename,
            aliases: kept,
            notes: get("notes"),
            origin: here,
        });
    }
}

/// The `origin` of a discovered entity starts with this; see
/// [`Entity::provenance`].
pub const DISCOVERED_ORIGIN: &str = "discovered";

/// Which entity types are kept after matching.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeFilter {
    /// Every type but `place` (the default: places are context, not actors).
    NotPlaces,
    /// Every type.
    All,
    /// Only these types.
    Only(Vec<String>),
}

impl TypeFilter {
    /// Parse a `--types` value: `all`, or a comma-separated list of types.
    pub fn parse(s: &str) -> TypeFilter {
        let s = s.trim();
        if s.eq_ignore_ascii_case("all") {
            TypeFilter::All
        } else {
            TypeFilter::Only(
                s.split(',')
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect(),
            )
        }
    }

    /// The types this filter names that no entity of `gazetteer` has (a
    /// typo such as `persons` would otherwise give an empty graph), or
    /// `None` when it names no type at all (`--types ,`).
    pub fn unknown<'a>(&'a self, gazetteer: &Gazetteer) -> Option<Vec<&'a str>> {
        let TypeFilter::Only(v) = self else {
            return Some(Vec::new());
        };
        if v.is_empty() {
            return None;
        }
        let ents = gazetteer.entities();
        Some(
            v.iter()
                .map(String::as_str)
                .filter(|t| !ents.iter().any(|e| e.kind == *t))
                .collect(),
        )
    }

    /// Is this type kept?
    pub fn keeps(&self, kind: &str) -> bool {
        match self {
            TypeFilter::NotPlaces => kind != "place",
            TypeFilter::All => true,
            TypeFilter::Only(v) => v.iter().any(|t| t == kind),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The short-word shortcut decides as lower-casing each word did.
        #[test]
        fn common_words_shortcut_is_lower_word(
            words in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("Federal".to_string()),
                    proptest::strategy::Just("POLICE".to_string()),
                    proptest::strategy::Just("of".to_string()),
                    proptest::strategy::Just("Ministry’s".to_string()),
                    proptest::strategy::Just("NATIONALCOMMISSIONFORHUMANRIGHTS".to_string()),
                    "[A-Za-z’'é]{0,30}",
                ],
                0..5,
            ),
            sep in "[ \t]{1,2}",
        ) {
            let name = words.join(&sep);
            let by_lower_word = {
                let mut content = 0;
                let mut all = true;
                for w in name.split_whitespace() {
                    let w = crate::normalize::lower_word(w);
                    if CONNECTORS.contains(&w.as_ref()) {
                        continue;
                    }
                    if !COMMON_WORDS.contains(&w.as_ref()) {
                        all = false;
                        break;
                    }
                    content += 1;
                }
                all && content > 0
            };
            proptest::prop_assert_eq!(common_words_only(&name), by_lower_word);
        }

        /// The acronym test on bytes decides as the one on characters.
        #[test]
        fn short_acronym_on_bytes_is_on_chars(s in "[A-Za-z0-9. \t\n\x0b\x0c\r_'-]{0,8}") {
            let letters = s.chars().filter(|c| c.is_alphabetic()).count();
            let by_chars = !s.chars().any(char::is_lowercase)
                && letters <= 3
                && letters == s.chars().filter(|c| !c.is_whitespace() && *c != '.').count();
            proptest::prop_assert_eq!(short_acronym(&s), by_chars);
        }
    }

    fn load(text: &str) -> Result<Gazetteer, GazetteerError> {
        Gazetteer::from_sources(&[("g.csv".to_string(), text.as_bytes())])
    }

    fn messages(text: &str) -> Vec<String> {
        load(text)
            .unwrap_err()
            .0
            .iter()
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn builtin_gazetteer_is_valid() {
        let g = Gazetteer::builtin();
        assert!(g.len() > 10);
    }

    #[test]
    fn good_rows_load() {
        let g = load("id,type,name,aliases,notes\nmx-pgr,agency,Attorney General's Office,PGR|Procuraduría General de la República,note\n").unwrap();
        assert_eq!(
            g.entities()[0].aliases,
            [
                "Attorney General's Office",
                "PGR",
                "Procuraduría General de la República"
            ]
        );
    }

    #[test]
    fn every_kind_of_bad_row_is_reported_with_its_line() {
        let text = "id,type,name,aliases,notes\n\
                    a,agency,Alpha,AL,\n\
                    a,agency,Alpha Two,,\n\
                    ,agency,Nameless,,\n\
                    b,,Beta,,\n\
                    c,agency,,,\n\
                    d,agency,Delta,D1||D2,\n\
                    e,agency,Echo,AL,\n\
                    f,agency,Foxtrot,--,\n";
        let m = messages(text);
        assert_eq!(
            m,
            [
                "g.csv:3: duplicate id \"a\" (first at g.csv:2)",
                "g.csv:4: missing id",
                "g.csv:5: missing type",
                "g.csv:6: missing name",
                "g.csv:7: empty alias (item 2 of aliases)",
                "g.csv:8: alias \"AL\" is also claimed by \"a\" (g.csv:2) (a generic name may be \
                 shared only by entities of different countries, each with scope country or \
                 local)",
                "g.csv:9: alias \"--\" has no letter or digit",
            ]
        );
    }

    #[test]
    fn unknown_column_and_bad_quoting() {
        assert_eq!(
            messages("id,type,name,colour\n"),
            ["g.csv:1: unknown column \"colour\" (expected id,type,name,aliases,notes); optional: country,scope"]
        );
        let m = messages("id,type,name,aliases,notes\na,agency,\"Alpha,,\nb,agency,Beta,,\n");
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].starts_with("g.csv:2: "), "{m:?}");
    }

    #[test]
    fn stray_quotes_are_bad_quoting() {
        assert_eq!(
            messages("id,type,name,aliases,notes\na,agency,\"Beta\"x,,\nb,agency,Al\"pha,,\n"),
            [
                "g.csv:2: bad quoting in field 3: text after the closing quote (double a quote inside a quoted field: \"\")",
                "g.csv:3: bad quoting in field 3: a quote inside an unquoted field (quote the whole field and double the quote: \"\")",
            ]
        );
        // well-formed quoting passes, commas and doubled quotes included
        load("id,type,name,aliases,notes\na,agency,\"Alpha, Inc.\",\"the \"\"A\"\"\",\r\n")
            .unwrap();
    }

    #[test]
    fn formula_like_aliases_are_refused() {
        let m = messages(
            "id,type,name,aliases,notes\na,agency,=HYPERLINK(1),,\nb,agency,Bravo,+1|ok,\n\
             c,agency,Charlie,-x,\nd,agency,Delta,@cmd,\ne,agency,Echo,E-1|A+B,\n",
        );
        assert_eq!(m.len(), 4, "{m:?}");
        assert!(
            m[0].starts_with("g.csv:2: name \"=HYPERLINK(1)\" begins with '='"),
            "{m:?}"
        );
        assert!(
            m[1].starts_with("g.csv:3: alias \"+1\" begins with '+'"),
            "{m:?}"
        );
        assert!(m[2].starts_with("g.csv:4: alias \"-x\""), "{m:?}");
        assert!(m[3].starts_with("g.csv:5: alias \"@cmd\""), "{m:?}");
    }

    #[test]
    fn stop_word_aliases_are_warnings() {
        let g = load(
            "id,type,name,aliases,notes\na,agency,Office,of|The|of the|Of The Americas|US|IT,\n",
        )
        .unwrap();
        let w: Vec<String> = g.warnings().iter().map(|p| p.to_string()).collect();
        assert_eq!(w.len(), 3, "{w:?}");
        assert!(
            w[0].starts_with("g.csv:2: alias \"of\" of \"a\" is only stop words"),
            "{w:?}"
        );
        assert!(w[1].contains("\"The\""), "{w:?}");
        assert!(w[2].contains("\"of the\""), "{w:?}");
        assert!(is_stop_phrase("THE") && !is_stop_phrase("US") && is_stop_phrase("us"));
    }

    /// Discovered entities are ordered by id with the others, however
    /// many come and in whatever order, without re-ranking the others.
    #[test]
    fn discovered_entities_take_their_place_in_id_order() {
        let ent = |id: &str| Entity {
            id: id.into(),
            kind: "organization".into(),
            name: id.into(),
            aliases: vec![id.into()],
            notes: String::new(),
            origin: String::new(),
        };
        let mut g = Gazetteer::from_entities(vec![ent("d"), ent("b"), ent("f")]);
        assert_eq!((0..3).map(|e| g.id_rank(e)).collect::<Vec<_>>(), [1, 0, 2]);
        for id in ["e", "a", "c"] {
            g.push_discovered(ent(id));
        }
        // d b f e a c, ranked as a b c d e f
        let ranks: Vec<u32> = (0..6).map(|e| g.id_rank(e)).collect();
        assert_eq!(ranks, [3, 1, 5, 4, 0, 2]);
        for a in 0..6 {
            for b in 0..6 {
                assert_eq!(
                    g.cmp_ids(a, b),
                    ranks[a as usize].cmp(&ranks[b as usize]),
                    "{a} {b}"
                );
            }
        }
        // one more after the ranks were asked for
        g.push_discovered(ent("bb"));
        assert_eq!(g.id_rank(6), 2);
        assert_eq!(g.id_rank(5), 3);
        assert_eq!(g.cmp_ids(6, 1), std::cmp::Ordering::Greater);
    }

    #[test]
    fn gazetteer_files_are_read_with_a_cap() {
        // /dev/zero never ends: the cap stops it
        let zero = PathBuf::from("/dev/zero");
        if zero.exists() {
            let e = Gazetteer::load(&[zero]).unwrap_err();
            assert!(e.0[0].message.contains("larger than 64 MiB"), "{e}");
        }
    }

    #[test]
    fn country_and_scope_columns() {
        let g = load(
            "id,type,name,aliases,notes,country,scope\n\
             a,agency,Alpha,,,MX,\n\
             b,agency,Bravo,,,MX|US,local\n\
             c,agency,Charlie,,,,\n\
             d,group,Delta,,,MX,any\n",
        )
        .unwrap();
        assert_eq!(g.scope(0).countries, ["MX"]);
        assert_eq!(g.scope(0).level, ScopeLevel::Country);
        assert_eq!(g.scope(1).countries, ["MX", "US"]);
        assert_eq!(g.scope(1).level, ScopeLevel::Local);
        assert!(g.scope(2).is_international());
        assert_eq!(g.scope(3).level, ScopeLevel::Any);
        // the columns are optional, in any order
        let g = load("scope,id,country,type,name\nlocal,a,BR,agency,Alpha\n").unwrap();
        assert_eq!(g.scope(0).countries, ["BR"]);
        assert_eq!(
            messages(
                "id,type,name,country,scope\na,agency,Alpha,Mexico,\nb,agency,Bravo,MX,near\n\
                 c,agency,Charlie,,local\n"
            ),
            [
                "g.csv:2: country \"Mexico\" is not a TAGS country code (two capitals, e.g. MX)",
                "g.csv:3: scope \"near\" is not one of country, local, any",
                "g.csv:4: scope \"local\" without a country",
            ]
        );
    }

    #[test]
    fn a_surname_is_one_word_of_a_person_with_a_country_claimed_once() {
        let g = load(
            "id,type,name,aliases,country,surname\n\
             ve,person,Hugo Chávez,President Chávez,VE,Chávez\n\
             bl,person,Evo Morales,,BL,\n",
        )
        .unwrap();
        assert_eq!(g.surnames(0), ["Chávez"]);
        assert!(g.surnames(1).is_empty());
        // a surname is no alias: it is searched, but not claimed as one
        assert!(!g.alias_keys().contains(&alias_key("Chávez")));
        assert_eq!(
            messages(
                "id,type,name,aliases,country,surname\n\
                 a,agency,Alpha Agency,,VE,Alpha\n\
                 b,person,Bravo Bravo,,,Bravo\n\
                 c,person,Carla Ruiz,,CO,Ruiz Diaz\n\
                 d,person,Delta Perez,Perez,PE,\n\
                 e,person,Eva Perez,,AR,PEREZ\n\
                 f,person,Fidel Castro,,CU,Castro\n\
                 g,person,Raul Castro,,CU,Castro\n\
                 h,person,Hugo Castro,Castro,VE,\n\
                 i,person,Ines Soto,Soto,CL,Soto\n"
            ),
            [
                "g.csv:2: a surname is a person's (type person)",
                "g.csv:3: a surname needs the person's country (the country column)",
                "g.csv:4: surname \"Ruiz Diaz\" must be one word",
                "g.csv:6: surname \"PEREZ\" is also an alias of \"d\" (g.csv:5)",
                "g.csv:8: surname \"Castro\" is also claimed by \"f\" (g.csv:7)",
                "g.csv:9: alias \"Castro\" is also the surname of \"f\" (g.csv:7)",
                "g.csv:10: \"Soto\" is both an alias and a surname of this row",
            ]
        );
    }

    #[test]
    fn alias_clash_is_found_across_accents_and_case() {
        let m = messages("id,type,name,aliases,notes\na,person,Calderón,,\nb,person,CALDERON,,\n");
        assert_eq!(
            m,
            ["g.csv:3: alias \"CALDERON\" is also claimed by \"a\" (g.csv:2)"]
        );
    }

    #[test]
    fn a_generic_name_is_shared_only_by_scoped_bodies_of_different_countries() {
        // each country's Supreme Court, and Brazil's and Mexico's PT
        let g = load(
            "id,type,name,aliases,notes,country,scope\n\
             hn,agency,Supreme Court of Honduras,Supreme Court|Honduran Supreme Court,,HO,local\n\
             gt,agency,Supreme Court of Guatemala,Supreme Court|Guatemalan Supreme Court,,GT,\n\
             br,organization,Workers' Party,PT,,BR,local\n\
             mx,organization,Labor Party,PT,,MX,local\n",
        )
        .unwrap();
        assert_eq!(g.len(), 4);
        assert_eq!(
            g.entities()[1].aliases,
            [
                "Supreme Court of Guatemala",
                "Supreme Court",
                "Guatemalan Supreme Court"
            ]
        );
        // not a distinctive name, not the same country, not an unscoped or
        // scope-any entity
        assert_eq!(
            messages(
                "id,type,name,aliases,notes,country,scope\n\
                 a,agency,Alpha,Sinaloa Cartel|National Police,,MX,local\n\
                 b,agency,Bravo,Sinaloa Cartel,,GT,local\n\
                 c,agency,Charlie,National Police,,MX|CO,local\n\
                 d,agency,Delta,National Police,,,\n\
                 e,agency,Echo,National Police,,HO,any\n\
                 f,agency,Foxtrot,National Police,,HO,country\n"
            ),
            [
                "g.csv:3: alias \"Sinaloa Cartel\" is also claimed by \"a\" (g.csv:2)",
                "g.csv:4: alias \"National Police\" is also claimed by \"a\" (g.csv:2) (a generic \
                 name may be shared only by entities of different countries, each with scope \
                 country or local)",
                "g.csv:5: alias \"National Police\" is also claimed by \"a\" (g.csv:2) (a generic \
                 name may be shared only by entities of different countries, each with scope \
                 country or local)",
                "g.csv:6: alias \"National Police\" is also claimed by \"a\" (g.csv:2) (a generic \
                 name may be shared only by entities of different countries, each with scope \
                 country or local)",
            ]
        );
    }
}
