//! The resolve stage: every candidate mention the matcher found is
//! accepted, re-linked or rejected using the cable it stands in.
//!
//! ```text
//! match ─▶ resolve ─▶ acronym links ─▶ aggregate
//! ```
//!
//! The matcher decides from the alias alone; this stage reads the cable
//! around it. Its rules, in the order they are tried on each candidate
//! (the first that decides wins):
//!
//! 1. **Boundary** (`boundary`, rejects): the alias is part of a longer
//!    name — joined by a hyphen to another all-capitals word that is no
//!    known name (the `PF` of `ZANU-PF`), or right after a capitalised word
//!    that is not a sentence start, a title, a function word or a country
//!    (`Kata'ib Hizbollah`, `People's Republican Party`). People are
//!    exempt (`President Calderon`).
//!    A one-word name of a program or organization right after `in` or
//!    `near` is a place (`place`, rejects): `in Merida` is the city.
//! 2. **Title** (`title`, rejects): an acronym that is also a person's
//!    title (`NSA`, `FM`, `PM`, `DCM` …) used as one: before a capitalised
//!    name (`NSA Kim`) or after `Deputy`, `Vice`, `Acting`, `Former`.
//! 3. **The cable's own definition** (`defined`): when the cable defines
//!    the acronym (`Workers' Party (PT)`, `Government of Morocco's
//!    (GOM's)`), the use means that long form: it links to the entity whose
//!    name or alias *equals* the long form (accepted, or re-linked when that
//!    is another entity); when no entity has it, the mention is rejected if
//!    the long form names another country than the entity's, or the
//!    cable's origin and TAGS are not the entity's country; otherwise the
//!    rules below decide.
//! 4. **Qualifier** (`qualified` accepts, `qualifier` rejects): the words
//!    right before the mention name a country — a country name or
//!    demonym, possibly possessive, or a government abbreviation (`Russian
//!    White House`, `Brazil's PT`, `GOM's PF`, `ROK NSC`). A scoped entity
//!    is accepted when that is its country and rejected otherwise; an
//!    alias that itself names the entity's country (`Mexican Government`)
//!    is accepted too.
//! 5. **Scope**: an international entity (no `country`) or one with scope
//!    `any` is accepted on its alias (`alias`). A scoped entity is accepted
//!    when its country is the cable's origin post's (`origin`) or in the
//!    TAGS (`tags`); a U.S. entity is accepted by default in these U.S.
//!    cables (`default`) unless rule 1–4 pointed elsewhere; otherwise the
//!    text must name the country (`named`): anywhere in the cable for scope
//!    `country`, in the same paragraph for scope `local`. A weak alias — an
//!    acronym of up to three letters (`PT`, `PF`, `GOM`) or a name made
//!    only of common words (`Federal Police`, `Chamber of Deputies`) — is
//!    always held to `local`.
//!    A weak alias in a cable about another country (or qualified by
//!    one) is re-linked to that country's entity when one has the alias
//!    with the country word before it ("Colombian Attorney General's
//!    Office"). A cable that says nothing about any country
//!    (no origin post, no country in its TAGS, no country named) cannot
//!    rule out a scope-`country` entity: it is accepted on its alias
//!    (`alias`). Else the mention is rejected (`scope`).
//!
//! A government abbreviation is ambiguous (`GOM` is the government of
//! Mexico, Morocco, Malaysia, Macedonia, Mongolia …): it names a country
//! only when the cable defines it, when one of its countries is the
//! cable's origin or in its TAGS (it then names that one), or when it has
//! one country only.
//!
//! The tables (TAGS code → country with names, demonyms and government
//! abbreviations; post → country) are `data/countries.csv` and
//! `data/posts.csv`, compiled in. Every decision can be recorded with its
//! rule and evidence ([`Decision`]) for `explain`; extraction records only
//! the accepting rule of each kept mention ([`crate::matcher::Mention::rule`]).

use crate::hash::{HashMap, HashSet, TextMap};
use std::sync::LazyLock;

mod cue_starts;
mod short_words;
use cue_starts::WordSearch;
use short_words::ShortWords;

use crate::acronyms::Definition;
use crate::cable::fast_str::FastStr;
use crate::cable::Cable;
use crate::gazetteer::{
    common_words_only, is_common_word, weak_alias, Gazetteer, ScopeLevel, CONNECTORS,
};
use crate::matcher::{Located, Matcher};
use crate::normalize::{alias_key, alias_key_in, lower_word_in};
use crate::segment::is_calendar_word;

pub use crate::rule::Rule;

/// What the stage did with one candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Kept as it was.
    Accepted,
    /// Kept, as a mention of another entity (the new entity).
    Relinked(u32),
    /// Dropped.
    Rejected,
}

/// One decision, with its evidence (for `explain`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The candidate as the matcher found it.
    pub candidate: Located,
    /// What happened to it.
    pub outcome: Outcome,
    /// Which rule decided.
    pub rule: Rule,
    /// Why, in words: `cable about Morocco (origin Embassy Rabat, TAGS
    /// MO); Mexico not named`.
    pub evidence: String,
}

const COUNTRIES: &str = include_str!("../data/countries.csv");
const POSTS: &str = include_str!("../data/posts.csv");

/// TAGS codes cables use that are not the table's (misspelt or older).
const TAG_SYNONYMS: &[(&str, &str)] = &[("RU", "RS"), ("VZ", "VE"), ("YI", "SR")];

/// Acronyms that are also a person's title.
pub(crate) const TITLE_ACRONYMS: &[&str] = &[
    "NSA", "FM", "PM", "DPM", "DFM", "VFM", "DM", "MOD", "DCM", "DAS", "CDA", "AG", "SG", "DG",
    "VP",
];

/// Words before a title acronym that make it a title (`Deputy NSA`).
const TITLE_PREFIXES: &[&str] = &["Deputy", "Vice", "Acting", "Former", "former", "deputy"];

/// Capitalised words that may stand right before an alias without making
/// it the tail of a longer name: function words at a sentence start,
/// titles, and the like (and the calendar's words, [`is_calendar_word`]).
const FREE_BEFORE: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "By",
    "For",
    "From",
    "With",
    "As",
    "And",
    "But",
    "Of",
    "To",
    "Both",
    "Under",
    "Per",
    "Since",
    "After",
    "Before",
    "While",
    "When",
    "If",
    "That",
    "This",
    "These",
    "Those",
    "Its",
    "Their",
    "His",
    "Her",
    "Our",
    "Meanwhile",
    "However",
    "Also",
    "Then",
    "Now",
    "Other",
    "Many",
    "Some",
    "All",
    "Most",
    "Former",
    "Current",
    "New",
    "Deputy",
    "Acting",
    "President",
    "Secretary",
    "Minister",
    "Ambassador",
    "General",
    "Director",
    "Chairman",
    "Senator",
    "Governor",
    "Prime",
    "Foreign",
    "Under",
    "Assistant",
    "Special",
    "Embassy",
    "Post",
    "Mission",
    "Washington",
    "Department",
    "State",
    "Key",
    "Several",
    "Such",
    "Despite",
    "Although",
    "According",
    "Following",
    "During",
    "Without",
    "Within",
    "Through",
    "Including",
    "Against",
    "Between",
    "Among",
    "Like",
    "Unlike",
    "Senior",
    "Top",
    "Head",
    "Leader",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Comment",
    "Note",
    "Summary",
    "Subject",
    "Ref",
    "Pol",
    "Econ",
    "Polcouns",
    "Ambassador's",
    "Charge",
    "Not",
    "Only",
    "Even",
    "Yet",
    "So",
    "Because",
    "Why",
    "What",
    "Who",
    "How",
    "Where",
    "Which",
    "Until",
    "Over",
    "Into",
    "Upon",
    "Toward",
    "Towards",
    "About",
    "Via",
    "Each",
    "Every",
    "Any",
    "No",
    "Neither",
    "Either",
    "Nor",
    "Or",
    "Yes",
    "Sunni",
    "Shia",
    "Shi'a",
    "Islamist",
    "Islamic",
    "Arab",
    "Western",
    "European",
    "Latin",
    "Central",
    "Northern",
    "Southern",
    "Eastern",
    "Pro",
    "Anti",
    "Regional",
    "Local",
    "International",
    "Joint",
    "U.S.",
    "US",
    "USG",
    "Yesterday",
    "Today",
    "Tomorrow",
    "Later",
    "Earlier",
    "Recently",
    "Separately",
    "Similarly",
    "Additionally",
    "Furthermore",
    "Moreover",
    "Previously",
    "Currently",
    "Finally",
    "First",
    "Second",
    "Third",
    "Last",
    "Next",
    "Still",
    "Instead",
    "Thus",
    "Therefore",
    "Indeed",
    "Otherwise",
    "Overall",
    "Reportedly",
    "Clearly",
    "Perhaps",
    "Here",
    "There",
    "Again",
    "Already",
    "Nevertheless",
    "Nonetheless",
    "Ultimately",
    "Initially",
    "Specifically",
    "Notably",
    "Likewise",
    "Conversely",
    "Rather",
    "Given",
    "Once",
    "Unless",
    "Whether",
    "Asked",
    "Regarding",
    "Concerning",
    "Following",
    "Per",
    "Though",
    "Hence",
    "Such",
    "Only",
    "Both",
    "Neither",
    "Either",
    "Post",
    "Embassy",
    "Poloff",
    "Econoff",
    "Ambassador",
    "DCM",
    "Charge",
    "We",
    "They",
    "He",
    "She",
    "It",
    "I",
    "You",
    "Beyond",
    "Besides",
    "Except",
    "Around",
    "Across",
    "Behind",
    "Below",
    "Above",
    "Near",
    "Outside",
    "Inside",
    "Throughout",
    "Along",
    "Alongside",
];

/// A fixed word list as a set: the long lists below are looked up at
/// mentions, where going through a list of a hundred words or more was a
/// few thousand instructions a time.
type WordSet = std::sync::LazyLock<HashSet<&'static str>>;

/// Is `w` one of [`FREE_BEFORE`]?
fn is_free_before(w: &str) -> bool {
    static SET: WordSet = WordSet::new(|| FREE_BEFORE.iter().copied().collect());
    SET.contains(w)
}

/// Warnings for `gazetteer check`: an entity with no country whose alias is
/// an acronym of up to three letters or a name made only of common words
/// (such an alias is matched in every cable, whatever country it is
/// about), and country codes the table does not know. Each is
/// `FILE:LINE: warning: …`. An international entity the user has reviewed
/// says so with scope `any`.
pub fn check_warnings(gazetteer: &Gazetteer) -> Vec<String> {
    let mut known = HashSet::default();
    for rec in csv::Reader::from_reader(COUNTRIES.as_bytes())
        .records()
        .flatten()
    {
        known.insert(rec[0].to_string());
    }
    for (alias, _) in TAG_SYNONYMS {
        known.insert(alias.to_string());
    }
    let mut out = Vec::new();
    for (i, e) in gazetteer.entities().iter().enumerate() {
        let scope = gazetteer.scope(i as u32);
        for c in &scope.countries {
            if !known.contains(c) {
                out.push(format!(
                    "{}: warning: country {c:?} is not in the TAGS country table (data/countries.csv)",
                    e.origin
                ));
            }
        }
        if !scope.is_international() || scope.level == ScopeLevel::Any || e.kind == "place" {
            continue;
        }
        for a in &e.aliases {
            if weak_alias(a) {
                let what = if common_words_only(a) {
                    "a name made only of common words"
                } else {
                    "an acronym of up to three letters"
                };
                out.push(format!(
                    "{}: warning: {} alias {a:?} is {what} and has no country: it will be \
                     matched in cables about any country (set country, or scope any once \
                     reviewed)",
                    e.origin, e.id
                ));
            }
        }
    }
    out
}

/// A country of the table.
#[derive(Clone, Debug)]
struct Country {
    code: String,
    name: String,
    /// Its demonyms (`Cuban`, `Cubans`).
    demonyms: Vec<String>,
}

/// What a cue in the text names.
#[derive(Clone, Debug)]
struct Cue {
    /// Country indices.
    countries: Vec<u16>,
    /// A government abbreviation (ambiguous unless one country).
    government: bool,
}

/// The compiled resolve stage, shared by all workers.
#[derive(Clone, Debug)]
pub struct Resolver {
    countries: Vec<Country>,
    by_code: HashMap<String, u16>,
    posts: HashMap<String, u16>,
    /// The country cues (names, other names, demonyms, government
    /// abbreviations).
    cues: WordSearch,
    cue_of: Vec<Cue>,
    /// Per entity: country indices (empty = international), level, person.
    scope: Vec<(Vec<u16>, ScopeLevel, bool)>,
    /// Per entity of type `group` (an armed or criminal group): the
    /// countries its gazetteer notes name, its home ("Lebanese Shia
    /// militant group"); `None` for every other type.
    groups: Vec<Option<Vec<u16>>>,
    /// Per matcher pattern: weak alias, alias names its own country,
    /// title acronym.
    pattern: Vec<PatternInfo>,
    /// Alias key → entity (for long forms).
    alias_entity: HashMap<String, u32>,
    /// Alias keys of every entity (a hyphenated neighbour that is one is no
    /// longer name).
    known: HashSet<String>,
    /// The entity ids, for evidence.
    ids: Vec<String>,
    /// Each entity's names and aliases.
    aliases: Vec<Vec<String>>,
    /// Each entity's names and aliases as [`Resolver::shares_words`] reads
    /// them, made the first time it is asked about the entity: per alias,
    /// its words of three letters or more (connectors aside), each with
    /// whether it is distinctive (no common or scope word).
    alias_words: Vec<std::sync::OnceLock<AliasWords>>,
    us: Option<u16>,
    /// The matcher's "defined in the cable" pattern of each entity (a
    /// re-linked mention's alias).
    defined: Vec<u32>,
    /// Per matcher pattern: the countries where its alias is a generic
    /// name, with the entity it names there (country, entity), from
    /// aliases such as "Colombian Attorney General's Office" ("attorney
    /// general's office" in Colombia). Kept by pattern, not by alias key:
    /// a mention's lookup ([`Resolver::generic_in`]) then neither hashes
    /// nor copies the key.
    generic: Vec<Box<[(u16, u32)]>>,
    /// (searched pattern, entity) → the entity's own pattern of a generic
    /// name it shares ([`Matcher::patterns`]).
    shared: HashMap<(u32, u32), u32>,
    /// The government abbreviations (`GOC`, `HMG`; their countries are
    /// their cues'), for [`Resolver::governments`], which finds the word
    /// `Government` apart ([`government_words`]).
    gov_scan: ShortWords,
    /// Per country: the gazetteer entity of its government, when it has one
    /// (an alias `Government of Cuba`, `Cuban Government`…).
    gov_entity: Vec<Option<u32>>,
}

/// A government a cable names ([`Resolver::governments`]): paragraph index,
/// the span, and the country's index ([`Resolver::government_name`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GovernmentUse {
    /// Paragraph index.
    pub paragraph: usize,
    /// Byte span in the paragraph text.
    pub start: usize,
    /// End of the span.
    pub end: usize,
    /// The country (an index of the resolve stage's country table).
    pub country: u16,
    /// The gazetteer's entity for that government, when it has one.
    pub entity: Option<u32>,
}

/// Country names read with an article ("the United Kingdom").
const NAMES_WITH_THE: &[&str] = &[
    "United",
    "Democratic",
    "Czech",
    "Dominican",
    "Netherlands",
    "Philippines",
];

#[derive(Clone, Copy, Debug, Default)]
struct PatternInfo {
    /// The alias is a government abbreviation (`GOM`, Brazil's `GoB`).
    government: bool,
    /// A name (not an acronym) of an organization: a company's name may
    /// name its product.
    organization: bool,
    /// A one-word, not all-capitals alias of a program or organization.
    place_like: bool,
    weak: bool,
    self_qualified: bool,
    title: bool,
    /// A person's bare surname (the gazetteer's `surname` column).
    surname: bool,
}

fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split('|').map(str::trim).filter(|x| !x.is_empty())
}

impl Resolver {
    /// The stage for `gazetteer`, compiled into `matcher`.
    ///
    /// Long by design: compiles every table the rules use (countries, scopes, titles,
    /// boundaries) from the gazetteer in one place.
    #[allow(clippy::too_many_lines)]
    pub fn new(gazetteer: &Gazetteer, matcher: &Matcher) -> Resolver {
        let mut countries = Vec::new();
        let mut by_code = HashMap::default();
        let mut cue_words: Vec<String> = Vec::new();
        let mut cue_of: Vec<Cue> = Vec::new();
        let mut cue_index: HashMap<String, usize> = HashMap::default();
        let mut add_cue = |w: &str, c: u16, government: bool, cue_words: &mut Vec<String>| {
            let i = *cue_index.entry(w.to_string()).or_insert_with(|| {
                cue_words.push(w.to_string());
                cue_of.push(Cue {
                    countries: Vec::new(),
                    government,
                });
                cue_words.len() - 1
            });
            if !cue_of[i].countries.contains(&c) {
                cue_of[i].countries.push(c);
            }
        };
        let mut rdr = csv::Reader::from_reader(COUNTRIES.as_bytes());
        for rec in rdr.records() {
            let rec = rec.expect("data/countries.csv is valid (a test keeps it so)");
            let c = countries.len() as u16;
            let code = rec[0].to_string();
            by_code.insert(code.clone(), c);
            countries.push(Country {
                code,
                name: rec[1].to_string(),
                demonyms: split_list(&rec[3]).map(str::to_string).collect(),
            });
            let mut words: Vec<&str> = vec![&rec[1]];
            words.extend(split_list(&rec[2]));
            words.extend(split_list(&rec[3]));
            for w in words {
                add_cue(w, c, false, &mut cue_words);
                let upper = w.to_uppercase();
                if upper != w {
                    add_cue(&upper, c, false, &mut cue_words);
                }
            }
            for w in split_list(&rec[4]) {
                add_cue(w, c, true, &mut cue_words);
            }
        }
        for (alias, code) in TAG_SYNONYMS {
            if let Some(&c) = by_code.get(*code) {
                by_code.insert(alias.to_string(), c);
            }
        }
        let mut posts = HashMap::default();
        let mut rdr = csv::Reader::from_reader(POSTS.as_bytes());
        for rec in rdr.records() {
            let rec = rec.expect("data/posts.csv is valid (a test keeps it so)");
            if let Some(&c) = by_code.get(&rec[1]) {
                posts.insert(rec[0].to_lowercase(), c);
            }
        }
        // searched anchored at each capital that starts a word and begins
        // some cue: every paragraph of a cable may be searched for country
        // words, and an unanchored search of every byte (the crate's
        // contiguous NFA, then its DFA) was the stage's largest cost
        let cues = WordSearch::new(&cue_words, "the country cues");
        let us = by_code.get("US").copied();
        let scope = (0..gazetteer.len() as u32)
            .map(|e| {
                let s = gazetteer.scope(e);
                let cs = s
                    .countries
                    .iter()
                    .filter_map(|c| by_code.get(c).copied())
                    .collect();
                (
                    cs,
                    s.level,
                    gazetteer.entities()[e as usize].kind == "person",
                )
            })
            .collect();
        let mut r = Resolver {
            countries,
            by_code,
            posts,
            cues,
            cue_of,
            scope,
            groups: Vec::new(),
            pattern: Vec::new(),
            alias_entity: HashMap::default(),
            known: HashSet::default(),
            ids: gazetteer.entities().iter().map(|e| e.id.clone()).collect(),
            aliases: gazetteer
                .entities()
                .iter()
                .map(|e| e.aliases.clone())
                .collect(),
            alias_words: (0..gazetteer.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            us,
            defined: (0..gazetteer.len() as u32)
                .map(|e| matcher.defined_pattern(e))
                .collect(),
            generic: Vec::new(),
            shared: matcher.shared_patterns().clone(),
            gov_scan: ShortWords::new(&government_abbreviations())
                .expect("the government abbreviations are short words (a test keeps them so)"),
            gov_entity: Vec::new(),
        };
        // (alias key without the country word, country) → entity
        let mut generic: HashMap<(String, u16), u32> = HashMap::default();
        for (i, e) in gazetteer.entities().iter().enumerate() {
            let own = &r.scope[i].0;
            for a in &e.aliases {
                // a generic name of a scoped entity is its country's body of
                // that name (the gazetteer lets bodies of different countries
                // share it)
                if gazetteer.scope(i as u32).level != ScopeLevel::Any && weak_alias(a) {
                    for c in own {
                        generic.entry((alias_key(a), *c)).or_insert(i as u32);
                    }
                }
                let Some((0, end, cue)) = r.cue_spans(a).next() else {
                    continue;
                };
                let rest = a[end..].trim_start_matches("'s").trim_start();
                if cue.government || rest.is_empty() {
                    continue;
                }
                for c in cue.countries.iter().filter(|c| own.contains(c)) {
                    generic.entry((alias_key(rest), *c)).or_insert(i as u32);
                }
            }
        }
        let mut by_key: HashMap<String, Vec<(u16, u32)>> = HashMap::default();
        for ((key, c), f) in generic {
            by_key.entry(key).or_default().push((c, f));
        }
        r.generic = matcher
            .patterns()
            .iter()
            .map(|p| {
                by_key
                    .get(&alias_key(&p.alias))
                    .map_or_else(Box::default, |v| v.clone().into_boxed_slice())
            })
            .collect();
        r.groups = gazetteer
            .entities()
            .iter()
            .map(|x| {
                (x.kind == "group").then(|| {
                    r.cues_in(&x.notes)
                        .into_iter()
                        .filter(|(_, gov)| !gov)
                        .flat_map(|(c, _)| c)
                        .collect()
                })
            })
            .collect();
        for (i, e) in gazetteer.entities().iter().enumerate() {
            for a in &e.aliases {
                let k = alias_key(a);
                r.alias_entity.insert(k.clone(), i as u32);
                r.known.insert(k);
            }
        }
        // each country's government row: "Government of Cuba", "Cuban
        // Government", "Cuba Government"
        r.gov_entity = (0..r.countries.len() as u16)
            .map(|c| {
                let country = &r.countries[c as usize];
                let mut names = vec![
                    r.government_name(c),
                    format!("Government of {}", country.name),
                    format!("{} Government", country.name),
                ];
                names.extend(country.demonyms.iter().map(|d| format!("{d} Government")));
                names
                    .iter()
                    .find_map(|n| r.alias_entity.get(&alias_key(n)).copied())
            })
            .collect();
        r.pattern = (0u32..)
            .zip(matcher.patterns())
            .map(|(i, p)| {
                let own = &r.scope[p.entity as usize].0;
                let named = r.cues_in(&p.alias);
                let kind = gazetteer
                    .entities()
                    .get(p.entity as usize)
                    .map_or("", |e| e.kind.as_str());
                PatternInfo {
                    government: r
                        .cue_at(&p.alias.to_uppercase())
                        .is_some_and(|c| c.government),
                    // (a name, not an acronym: "ISAF J2", "UNFCCC COP-16" are
                    // parts of the body)
                    organization: kind == "organization" && p.alias.chars().any(char::is_lowercase),
                    place_like: matches!(kind, "program" | "organization")
                        && !p.alias.contains(char::is_whitespace)
                        && p.alias.chars().any(char::is_lowercase),
                    weak: weak_alias(&p.alias),
                    self_qualified: !own.is_empty()
                        && named
                            .iter()
                            .any(|(c, gov)| !gov && c.iter().any(|x| own.contains(x))),
                    title: TITLE_ACRONYMS.contains(&p.alias.as_str()),
                    surname: matcher.is_surname(i),
                }
            })
            .collect();
        r
    }

    /// The country with TAGS code `code`, by name.
    pub fn country_name(&self, code: &str) -> Option<&str> {
        self.by_code
            .get(code)
            .map(|&c| self.countries[c as usize].name.as_str())
    }

    /// The country of an origin post (`Embassy Rabat` → `MO`).
    pub fn post_country(&self, origin: &str) -> Option<&str> {
        self.post(origin)
            .map(|c| self.countries[c as usize].code.as_str())
    }

    /// The name of country `c`'s government: `Government of Uganda`,
    /// `Government of the United Kingdom`.
    pub fn government_name(&self, c: u16) -> String {
        let name = &self.countries[c as usize].name;
        let the = NAMES_WITH_THE.iter().any(|w| name.starts_with(w));
        format!("Government of {}{name}", if the { "the " } else { "" })
    }

    /// Every government the cable names, in paragraph and text order:
    /// "Government of Uganda", "the Ugandan government" (a country name or
    /// demonym before the word), and the abbreviations of
    /// `data/countries.csv` (`GOC`, `HMG`, `TFG`), whole words in their
    /// exact case, when the cable decides the country: its own definition
    /// ("Government of Morocco (GOM)"), else the one of the
    /// abbreviation's countries that is the cable's origin or in its TAGS
    /// (`GOC` in a Havana cable is Cuba's, in a Bogota cable Colombia's),
    /// else the abbreviation's only country, in mixed-case text (an
    /// all-capitals cable's `GOD` is a word). Nothing when that leaves
    /// two countries or none.
    pub fn governments(
        &self,
        cable: &Cable,
        definitions: &[(usize, Vec<Definition>)],
    ) -> Vec<GovernmentUse> {
        let mut out = Vec::new();
        let mut ctx: Option<Context<'_>> = None;
        for (pi, p) in cable.paragraphs.iter().enumerate() {
            let t = p.text.as_str();
            // (read at the paragraph's first abbreviation: most have none)
            let mut mixed = None;
            let mut found = |start: usize, end: usize, country: u16| {
                out.push(GovernmentUse {
                    paragraph: pi,
                    start,
                    end,
                    country,
                    entity: self.gov_entity[country as usize],
                })
            };
            for (s, e, abbreviation) in self.government_candidates(t) {
                if abbreviation {
                    let ctx = ctx.get_or_insert_with(|| Context::new(self, cable, definitions));
                    // (a capitalised heading in mixed text is no mixed text:
                    // "IN THE HANDS OF GOD AND IRAN:")
                    let mixed = || {
                        *mixed.get_or_insert_with(|| t.chars().any(char::is_lowercase))
                            && !in_capitals(t, s, e)
                    };
                    if let Some(c) = self.government_here(ctx, &t[s..e], mixed) {
                        found(s, e, c);
                    }
                    continue;
                }
                // "Government of [the] Uganda"
                let rest = &t[e..];
                let of = rest
                    .strip_prefix(" of the ")
                    .or_else(|| rest.strip_prefix(" of "));
                if let Some(name) = of.filter(|_| t[s..e].starts_with('G')) {
                    let at = t.len() - name.len();
                    if let Some((n, _, c)) = self.country_word_at(name) {
                        found(s, at + n, c);
                        continue;
                    }
                }
                // "the Ugandan government", "Uganda's Government"
                let before = t[..s].trim_end_matches(' ');
                if before.len() + 1 != s {
                    continue;
                }
                let ws = before
                    .rfind(|c: char| c.is_whitespace() || "(\"“".contains(c))
                    .map_or(0, |i| {
                        i + before[i..].chars().next().map_or(1, char::len_utf8)
                    });
                let w = &before[ws..];
                if let Some((_, _, c)) = self.country_word_at(w).filter(|x| x.1 == w.len()) {
                    found(ws, e, c);
                }
            }
        }
        out
    }

    /// The whole words `Government`, `government` and the government
    /// abbreviations in `t`, in text order: (start, end, abbreviation).
    fn government_candidates<'t>(
        &'t self,
        t: &'t str,
    ) -> impl Iterator<Item = (usize, usize, bool)> + 't {
        // (the abbreviations are whole words as found; the `Government`
        // words are kept when whole)
        let abbreviations = self.gov_scan.find_iter(t).map(|(s, e)| (s, e, true));
        let words = government_words(t)
            .filter(move |&(s, e)| {
                !crate::matcher::word_before(t, s) && !crate::matcher::word_at(t, e)
            })
            .map(|(s, e)| (s, e, false));
        merge_by_start(words, abbreviations)
    }

    /// The country whose government `word` names in this cable, when it is
    /// a government abbreviation the cable decides ([`Context::government_of`]);
    /// `mixed`: does the text have lower-case letters? (Asked only when
    /// the answer matters: an all-capitals paragraph is read to its end.)
    fn government_here(
        &self,
        ctx: &Context<'_>,
        word: &str,
        mixed: impl FnOnce() -> bool,
    ) -> Option<u16> {
        let cue = self.cue_at(word).filter(|c| c.government)?;
        ctx.government_of(word, &cue.countries, mixed)
    }

    /// A country name or demonym (one country, not an abbreviation) at the
    /// start of `text`, a whole word, possessive allowed: (its length,
    /// with the possessive, country).
    fn country_word_at(&self, text: &str) -> Option<(usize, usize, u16)> {
        let (end, p) = self.cues.longest_at(text, 0)?;
        let cue = &self.cue_of[p];
        if cue.government || cue.countries.len() != 1 {
            return None;
        }
        let mut n = end;
        for p in ["'s", "’s"] {
            if text[n..].starts_with(p) {
                n += p.len();
            }
        }
        if text[n..]
            .chars()
            .next()
            .is_some_and(crate::matcher::is_word_char)
        {
            return None;
        }
        Some((end, n, cue.countries[0]))
    }

    fn post(&self, origin: &str) -> Option<u16> {
        let o = origin.trim();
        // (an ASCII origin, as they are, lower-cased on the stack by the
        // normaliser's `lower_word_in`, which is `to_lowercase` for ASCII:
        // asked once per cable, twice with its governments)
        let mut buf = [0u8; 32];
        let o = if o.is_ascii() {
            lower_word_in(o, &mut buf)
        } else {
            o.to_lowercase().into()
        };
        self.post_lowered(&o)
    }

    /// [`Resolver::post`] of an origin trimmed and lower-cased.
    fn post_lowered(&self, o: &str) -> Option<u16> {
        if let Some(&c) = self.posts.get(o) {
            return Some(c);
        }
        let mut rest = o;
        for p in [
            "american embassy ",
            "amembassy ",
            "embassy ",
            "consulate general ",
            "amconsul ",
            "consulate ",
            "us mission ",
            "usmission ",
            "mission ",
        ] {
            if let Some(r) = rest.strip_prefix(p) {
                rest = r;
                break;
            }
        }
        self.posts.get(rest.trim()).copied()
    }

    /// Whole-word cues in `text`: (countries, government abbreviation),
    /// with their spans: the matches of a leftmost-longest search that
    /// start a word ([`WordSearch::find_iter`]), less those that run on
    /// into a word character or follow "New ".
    fn cue_spans<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, usize, &'a Cue)> + 'a {
        self.cues.find_iter(text).filter_map(move |(s, e, p)| {
            if text[e..]
                .chars()
                .next()
                .is_some_and(crate::matcher::is_word_char)
            {
                return None;
            }
            // "New Mexico" is no country
            if text[..s].ends_with("New ") || text[..s].ends_with("NEW ") {
                return None;
            }
            Some((s, e, &self.cue_of[p]))
        })
    }

    fn cues_in(&self, text: &str) -> Vec<(Vec<u16>, bool)> {
        self.cue_spans(text)
            .map(|(_, _, c)| (c.countries.clone(), c.government))
            .collect()
    }

    /// Resolve the candidates of one cable in place: rejected ones are
    /// removed, re-linked ones change entity, every kept one gets the rule
    /// that accepted it. `definitions` are the acronym definitions of each
    /// paragraph (index, definitions). With `decisions`, every decision is
    /// recorded with its evidence.
    pub fn resolve(
        &self,
        cable: &Cable,
        mentions: &mut Vec<Located>,
        definitions: &[(usize, Vec<Definition>)],
        mut decisions: Option<&mut Vec<Decision>>,
    ) {
        if mentions.is_empty() {
            return;
        }
        let mut ctx = Context::new(self, cable, definitions);
        ctx.surnames_taken = self.surnames_taken(cable, mentions);
        mentions.retain_mut(|m| {
            let text = cable.paragraphs[m.paragraph].text.as_str();
            let (outcome, rule, why) = self.decide(&mut ctx, m, text, decisions.is_some());
            if let Some(d) = decisions.as_deref_mut() {
                d.push(Decision {
                    candidate: *m,
                    outcome,
                    rule,
                    evidence: why,
                });
            }
            match outcome {
                Outcome::Accepted => {
                    m.mention.rule = rule;
                    true
                }
                Outcome::Relinked(e) => {
                    // the entity's own pattern of the same alias (a generic
                    // name it shares), else its "defined in the cable" one
                    m.mention.pattern = self
                        .shared
                        .get(&(m.mention.pattern, e))
                        .copied()
                        .unwrap_or(self.defined[e as usize]);
                    m.mention.entity = e;
                    m.mention.rule = rule;
                    true
                }
                Outcome::Rejected => false,
            }
        });
    }

    fn names(&self, cs: &[u16]) -> String {
        cs.iter()
            .map(|&c| self.countries[c as usize].name.as_str())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Judge one candidate mention in its cable: the outcome, the rule and its detail.
    ///
    /// Long by design: the resolve rules in the order they apply; the order is the rule, so it
    /// is kept in one place.
    #[allow(clippy::too_many_lines)]
    fn decide(
        &self,
        ctx: &mut Context<'_>,
        m: &Located,
        text: &str,
        explain: bool,
    ) -> (Outcome, Rule, String) {
        let mention = m.mention;
        let e = mention.entity;
        let (own, level, person) = &self.scope[e as usize];
        let info = self
            .pattern
            .get(mention.pattern as usize)
            .copied()
            .unwrap_or_default();
        let surface = &text[mention.start..mention.end];
        let say = |f: &dyn Fn() -> String| if explain { f() } else { String::new() };

        // 1. boundaries
        if let Some(why) = self.compound(text, mention.start, mention.end, surface) {
            return (Outcome::Rejected, Rule::Boundary, say(&|| why.clone()));
        }
        if info.surname {
            return self.surname_use(ctx, m, text, own, explain);
        }
        if *person && !surface.contains(' ') {
            // a bare surname after another capitalised name is someone
            // else's ("Ed Miliband" for David's alias "Miliband") or a
            // place ("Puerto Cabello"); after a title it is the person
            if let Some(w) = tail_of_name(text, mention.start, surface) {
                if !is_title_word(w) && self.cue_at(w).is_none() {
                    return (
                        Outcome::Rejected,
                        Rule::Boundary,
                        say(&|| format!("tail of the longer name \"{w} {surface}\"")),
                    );
                }
            }
        }
        if !person {
            if let Some(w) = tail_of_name(text, mention.start, surface) {
                if self.cue_at(w).is_none() {
                    return (
                        Outcome::Rejected,
                        Rule::Boundary,
                        say(&|| format!("tail of the longer name \"{w} {surface}\"")),
                    );
                }
            }
        }
        if info.place_like {
            if let Some(prep) = place_use(text, mention.start) {
                return (
                    Outcome::Rejected,
                    Rule::Place,
                    say(&|| format!("a place: \"{prep} {surface}\"")),
                );
            }
        }
        if info.organization {
            if let Some(model) = product_use(text, mention.end) {
                return (
                    Outcome::Rejected,
                    Rule::Place,
                    say(&|| format!("a product: \"{surface} {model}\"")),
                );
            }
        }
        // 2. titles
        if info.title {
            if let Some(why) = title_use(text, mention.start, mention.end) {
                return (Outcome::Rejected, Rule::Title, say(&|| why.clone()));
            }
        }
        // 3. the cable's own definition
        if let Some((pi, d, k)) = ctx.definition(surface, m.paragraph, mention.start) {
            let long = strip_article(&d.long);
            // (the paragraph's name made only for the evidence)
            let cable = ctx.cable;
            let at = || cable_paragraph(cable, pi);
            // (looked up at the definition's first use only: an acronym is
            // most often used again and again; a short long form's key
            // lower-cased on the stack)
            let entity = *ctx.long_forms[k].entity.get_or_insert_with(|| {
                let mut buf = [0u8; 32];
                let key = alias_key_in(long, &mut buf);
                self.alias_entity.get(key.as_ref()).copied()
            });
            match entity {
                Some(f) if f == e => {
                    return (
                        Outcome::Accepted,
                        Rule::Defined,
                        say(&|| format!("{} defines {} = {long}", at(), d.short)),
                    )
                }
                // a long form that is another country's body in a cable
                // not about that country ("People's Party", Spain's, read
                // by the definition finder out of "Pakistan People's Party
                // (PPP)"): the definition is not trusted, the other rules
                // decide
                Some(f) if !self.at_home(ctx, f) => {}
                Some(f) => {
                    return (
                        Outcome::Relinked(f),
                        Rule::Defined,
                        say(&|| {
                            format!(
                                "{} defines {} = {long}, an alias of {}",
                                at(),
                                d.short,
                                self.ids[f as usize]
                            )
                        }),
                    )
                }
                None => {
                    // (the answer for the last entity asked about kept:
                    // the acronym's next use most often has the same)
                    let no_name = match ctx.long_forms[k].no_name_of {
                        Some((x, no_name)) if x == e => no_name,
                        _ => {
                            let no_name = self.no_name_of(ctx, e, long);
                            ctx.long_forms[k].no_name_of = Some((e, no_name));
                            no_name
                        }
                    };
                    if no_name {
                        return (
                            Outcome::Rejected,
                            Rule::Defined,
                            say(&|| {
                                format!(
                                    "{} defines {} = {long}, which is no name of {}; {}",
                                    at(),
                                    d.short,
                                    self.ids[e as usize],
                                    ctx.about()
                                )
                            }),
                        );
                    }
                }
            }
        }
        // a government abbreviation the cable gives to another country
        // ("GOB" in a La Paz cable is Bolivia's, whatever else the
        // paragraph names; after the cable's own definition, which says so
        // first): not this entity (the government discovery rule
        // names the right one)
        if info.government && !own.is_empty() {
            let mixed = || text.chars().any(char::is_lowercase);
            if let Some(c) = self.government_here(ctx, surface, mixed) {
                if !own.contains(&c) {
                    return (
                        Outcome::Rejected,
                        Rule::Scope,
                        say(&|| {
                            format!(
                                "{surface} here is the {}; {}",
                                self.government_name(c),
                                ctx.about()
                            )
                        }),
                    );
                }
            }
        }
        if let (true, Some(home)) = (own.is_empty(), &self.groups[e as usize]) {
            // a country word right before an international group's name is
            // another country's group of that name ("Nigerian Taliban"),
            // unless it is the group's home ("Lebanese Hizballah", from its
            // notes) or a possessive ("Iran's Hizballah proxy")
            let other = |(q, w): &(Vec<u16>, &str)| {
                let possessive = ["'s", "’s", "'", "’"].iter().any(|p| w.ends_with(p));
                !possessive && !q.iter().any(|c| home.contains(c))
            };
            if let Some((_, w)) = self.qualifier(ctx, text, mention.start).filter(other) {
                return (
                    Outcome::Rejected,
                    Rule::Qualified,
                    say(&|| format!("qualified by \"{w}\": another country's group of that name")),
                );
            }
            // a cable from a country that has its own group of that name
            // ("Taliban" in an Islamabad cable is the TTP), unless the
            // paragraph names the group's home
            if let Some(o) = ctx.origin.filter(|o| !home.is_empty() && !home.contains(o)) {
                if let Some(f) = self.generic_in(mention.pattern, &[o], e) {
                    if !ctx.named_in(m.paragraph).iter().any(|c| home.contains(c)) {
                        return (
                            Outcome::Relinked(f),
                            Rule::Origin,
                            say(&|| {
                                format!(
                                    "{}; the paragraph names no {}: {}'s {}",
                                    ctx.about(),
                                    self.names(home),
                                    self.names(&[o]),
                                    self.ids[f as usize]
                                )
                            }),
                        );
                    }
                }
            }
        }
        if own.is_empty() {
            return (
                Outcome::Accepted,
                Rule::Alias,
                say(&|| "international entity".into()),
            );
        }
        // 4. qualifiers
        if info.self_qualified {
            return (
                Outcome::Accepted,
                Rule::Qualified,
                say(&|| format!("the alias names {}", self.names(own))),
            );
        }
        if let Some((q, w)) = self.qualifier(ctx, text, mention.start) {
            if q.iter().any(|c| own.contains(c)) {
                return (
                    Outcome::Accepted,
                    Rule::Qualified,
                    say(&|| format!("qualified by \"{w}\"")),
                );
            }
            if let Some(f) = self.generic_in(mention.pattern, &q, e) {
                return (
                    Outcome::Relinked(f),
                    Rule::Qualified,
                    say(&|| {
                        format!(
                            "qualified by \"{w}\": {}'s {}",
                            self.names(&q),
                            self.ids[f as usize]
                        )
                    }),
                );
            }
            return (
                Outcome::Rejected,
                Rule::Qualified,
                say(&|| {
                    format!(
                        "qualified by \"{w}\": {}, not {}",
                        self.names(&q),
                        self.names(own)
                    )
                }),
            );
        }
        // 5. scope
        if *level == ScopeLevel::Any {
            return (Outcome::Accepted, Rule::Alias, say(&|| "scope any".into()));
        }
        if ctx.origin.is_some_and(|c| own.contains(&c)) {
            return (Outcome::Accepted, Rule::Origin, say(&|| ctx.about()));
        }
        // a generic name in a cable about a country with its own body of
        // that name is that body: the origin's, then the TAGS' (the TAGS'
        // first in a cable from Washington; a cable from abroad tagged US is
        // not about a U.S. body: "the army" in an Algiers cable is Algeria's)
        if info.weak {
            if let Some(f) = self.generic_in(mention.pattern, &ctx.homes, e) {
                let rule = if ctx
                    .origin
                    .is_some_and(|o| self.scope[f as usize].0.contains(&o))
                {
                    Rule::Origin
                } else {
                    Rule::Tags
                };
                return (
                    Outcome::Relinked(f),
                    rule,
                    say(&|| format!("{}: that country's {}", ctx.about(), self.ids[f as usize])),
                );
            }
        }
        if own.iter().any(|c| ctx.tags.contains(c)) {
            return (Outcome::Accepted, Rule::Tags, say(&|| ctx.about()));
        }
        if self.us.is_some_and(|u| own.contains(&u)) {
            return (
                Outcome::Accepted,
                Rule::Default,
                say(&|| "a U.S. body; nothing points elsewhere".into()),
            );
        }
        let local = *level == ScopeLevel::Local || info.weak;
        let named = if local {
            ctx.named_in(m.paragraph).iter().any(|c| own.contains(c))
        } else {
            ctx.named_anywhere(|c| own.contains(c))
        };
        if named {
            return (
                Outcome::Accepted,
                Rule::Named,
                say(&|| {
                    format!(
                        "{} named in {}",
                        self.names(own),
                        if local { "the paragraph" } else { "the cable" }
                    )
                }),
            );
        }
        if !local && ctx.origin.is_none() && ctx.tags.is_empty() && !ctx.named_anywhere(|_| true) {
            return (
                Outcome::Accepted,
                Rule::Alias,
                say(&|| "the cable names no country (no origin post, no country TAGS)".into()),
            );
        }
        (
            Outcome::Rejected,
            Rule::Scope,
            say(&|| {
                format!(
                    "{}; {} not named in the {}",
                    ctx.about(),
                    self.names(own),
                    if local { "paragraph" } else { "cable" }
                )
            }),
        )
    }

    /// The entity of one of `countries` whose alias is the matched alias
    /// of pattern `p` qualified by that country ("Colombian Attorney
    /// General's Office" for "Attorney General's Office"), other than `e`.
    fn generic_in(&self, p: u32, countries: &[u16], e: u32) -> Option<u32> {
        let here = self.generic.get(p as usize)?;
        countries
            .iter()
            .find_map(|c| here.iter().find(|(x, _)| x == c).map(|&(_, f)| f))
            .filter(|&f| f != e)
    }

    /// Is the long form `long` of an acronym the cable defines, no name or
    /// alias of any entity, no name of entity `e` either (rule 3 then
    /// rejects `e`'s mention of the acronym)? It is when it names another
    /// country, when `e` is not at home in the cable, or when it shares no
    /// word with `e`'s names.
    fn no_name_of(&self, ctx: &Context<'_>, e: u32, long: &str) -> bool {
        let own = &self.scope[e as usize].0;
        let named: Vec<u16> = self
            .cues_in(long)
            .into_iter()
            .filter(|(_, gov)| !gov)
            .flat_map(|(c, _)| c)
            .collect();
        let foreign = !named.is_empty() && !named.iter().any(|c| own.contains(c));
        // U.S. bodies are at home in every U.S. cable
        let home = own.iter().any(|c| ctx.home(*c) || Some(*c) == self.us);
        // at home, a long form that shares two words with a name is that
        // name said another way ("National Republican Alliance" for
        // ARENA's "Nationalist Republican Alliance") (a cable about the
        // entity's own country: U.S. bodies are at home everywhere, not
        // about every country)
        let own_country = own.iter().any(|c| ctx.home(*c));
        let related =
            self.shares_a_word(e, long) || (own_country && self.shares_words(e, long, 2, true));
        foreign || (!own.is_empty() && !home) || !related
    }

    /// Does `long` share a distinctive word (not a common or connecting
    /// word, at least three letters) with a name or alias of entity `e`?
    /// "Immigration and Cusoms Enforcement" shares "Enforcement" with
    /// ICE's name; "Workers Party" shares nothing with Mexico's "Labor
    /// Party (PT)".
    fn shares_a_word(&self, e: u32, long: &str) -> bool {
        self.shares_words(e, long, 1, false)
    }

    /// Does `long` share `n` words (of three letters or more, connectors
    /// aside, common words counted when `common`) with one name or alias of
    /// entity `e`?
    fn shares_words(&self, e: u32, long: &str, n: usize, common: bool) -> bool {
        // (the long form's words borrowed from its key: asked once, they
        // are not kept)
        let key = alias_key(long);
        let mine: Vec<&str> = key_words(&key)
            .filter(|(_, distinct)| common || *distinct)
            .map(|(w, _)| w)
            .collect();
        let theirs = self.alias_words[e as usize].get_or_init(|| {
            self.aliases[e as usize]
                .iter()
                .map(|a| shared_words(a))
                .collect()
        });
        theirs.iter().any(|words| {
            words
                .iter()
                .filter(|(w, distinct)| (common || *distinct) && mine.contains(&w.as_str()))
                .count()
                >= n
        })
    }

    /// The surname patterns among `mentions` that name someone else
    /// somewhere in the cable, sorted: the surname after a given name or a
    /// title ("Mario Uribe", "Vice Minister Morales"; the person's own
    /// titled and full forms are aliases, matched as the longer name),
    /// before a further name ("Ortega Reyes"), or inside another person's
    /// name ("Arturo Chavez Chavez").
    fn surnames_taken(&self, cable: &Cable, mentions: &[Located]) -> Vec<u32> {
        let info = |m: &Located| self.pattern.get(m.mention.pattern as usize);
        if !mentions.iter().any(|m| info(m).is_some_and(|i| i.surname)) {
            return Vec::new();
        }
        let surface = |m: &Located| {
            let t = &cable.paragraphs[m.paragraph].text;
            &t[m.mention.start..m.mention.end]
        };
        // each surname pattern of the cable: (its folded word, entity)
        let mut ours: Vec<(u32, String, u32)> = mentions
            .iter()
            .filter(|m| info(m).is_some_and(|i| i.surname))
            .map(|m| (m.mention.pattern, alias_key(surface(m)), m.mention.entity))
            .collect();
        ours.sort_unstable();
        ours.dedup_by_key(|x| x.0);
        let mut taken: Vec<u32> = Vec::new();
        for m in mentions {
            let text = &cable.paragraphs[m.paragraph].text;
            if info(m).is_some_and(|i| i.surname) {
                if self.name_before(text, m.mention.start).is_some()
                    || self.name_after(text, m.mention.end).is_some()
                {
                    taken.push(m.mention.pattern);
                }
                continue;
            }
            if !self
                .scope
                .get(m.mention.entity as usize)
                .is_some_and(|s| s.2)
            {
                continue;
            }
            let words = alias_key(surface(m));
            for (p, word, e) in &ours {
                if *e != m.mention.entity && words.split(' ').any(|w| w == word) {
                    taken.push(*p);
                }
            }
        }
        taken.sort_unstable();
        taken.dedup();
        taken
    }

    /// The word right before a bare surname at `s` that makes it someone's
    /// name: a title ("Minister", "Mr.", "MINISTER"), or a capitalised word
    /// that is no English word, no country's word and no possessive owner
    /// (a given name: "Mario", "ARTURO"). None after punctuation, a
    /// lower-case word or an English word ("When Chavez", "SAID CHAVEZ").
    fn name_before<'t>(&self, text: &'t str, s: usize) -> Option<&'t str> {
        let head = text[..s].trim_end_matches([' ', '\t', '\r', '\n']);
        if head.len() == s {
            return None;
        }
        let start = head
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '\'' | '’' | '.' | '-'))
            .last()
            .map(|(i, _)| i)?;
        let w = &head[start..];
        let bare = w.trim_end_matches('.');
        if !bare.chars().next().is_some_and(char::is_uppercase)
            || w.ends_with("'s")
            || w.ends_with("’s")
            || self.cue_at(bare).is_some()
        {
            return None;
        }
        let lower = bare.to_lowercase();
        let mut title_case = lower.clone();
        if let Some(f) = title_case.get_mut(..1) {
            f.make_ascii_uppercase();
        }
        if is_title_listed(&title_case) || lower.ends_with("ister") {
            return Some(w);
        }
        if is_free_before(&title_case)
            || is_calendar_word(&title_case)
            || crate::cable::words::is_word(&lower)
        {
            return None;
        }
        Some(w)
    }

    /// The word right after a bare surname ending at `e` that makes it part
    /// of a longer name: a capitalised word that is no English word and no
    /// country's word ("Quintana Roo", "Garcia Linera"; the person's own
    /// second surname is an alias, matched as the longer name).
    fn name_after<'t>(&self, text: &'t str, e: usize) -> Option<&'t str> {
        let rest = text[e..].trim_start_matches([' ', '\t', '\r', '\n']);
        if rest.len() == text.len() - e {
            return None;
        }
        let end = rest
            .char_indices()
            .find(|(_, c)| !(c.is_alphanumeric() || matches!(c, '-')))
            .map_or(rest.len(), |(i, _)| i);
        let w = &rest[..end];
        if !w.chars().next().is_some_and(char::is_uppercase)
            || !w.chars().any(char::is_lowercase)
            || self.cue_at(w).is_some()
            || crate::cable::words::is_word(&w.to_lowercase())
            || is_title_word(w)
            || is_calendar_word(w)
        {
            return None;
        }
        Some(w)
    }

    /// Judge a bare surname (the gazetteer's `surname` column): the
    /// person's in a cable about the person's country (origin, TAGS or
    /// named in the text) where the surname names no one else.
    fn surname_use(
        &self,
        ctx: &mut Context<'_>,
        m: &Located,
        text: &str,
        own: &[u16],
        explain: bool,
    ) -> (Outcome, Rule, String) {
        let surface = &text[m.mention.start..m.mention.end];
        let say = |f: &dyn Fn() -> String| if explain { f() } else { String::new() };
        // (a name before or after this very use put the surname among
        // those taken: only then is it worth saying which)
        if ctx.surnames_taken.binary_search(&m.mention.pattern).is_ok() {
            if let Some(w) = self.name_before(text, m.mention.start) {
                return (
                    Outcome::Rejected,
                    Rule::Boundary,
                    say(&|| format!("a bare surname after \"{w}\": someone else's name")),
                );
            }
            if let Some(w) = self.name_after(text, m.mention.end) {
                return (
                    Outcome::Rejected,
                    Rule::Boundary,
                    say(&|| format!("part of the longer name \"{surface} {w}\"")),
                );
            }
            return (
                Outcome::Rejected,
                Rule::Scope,
                say(&|| format!("the cable names someone else \"{surface}\"")),
            );
        }
        if ctx.origin.is_some_and(|c| own.contains(&c)) {
            let why = say(&|| format!("a bare surname; {}", ctx.about()));
            return (Outcome::Accepted, Rule::Origin, why);
        }
        if own.iter().any(|c| ctx.tags.contains(c)) {
            let why = say(&|| format!("a bare surname; {}", ctx.about()));
            return (Outcome::Accepted, Rule::Tags, why);
        }
        if ctx.named_anywhere(|c| own.contains(c)) {
            return (
                Outcome::Accepted,
                Rule::Named,
                say(&|| format!("a bare surname; {} named in the cable", self.names(own))),
            );
        }
        (
            Outcome::Rejected,
            Rule::Scope,
            say(&|| format!("a bare surname in a cable not about {}", self.names(own))),
        )
    }

    /// Is entity `f` at home in this cable: international, a U.S. body, or
    /// of a country the cable is about?
    fn at_home(&self, ctx: &Context<'_>, f: u32) -> bool {
        let own = &self.scope[f as usize].0;
        own.is_empty() || own.iter().any(|c| ctx.home(*c) || Some(*c) == self.us)
    }

    fn cue_at(&self, w: &str) -> Option<&Cue> {
        let w = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .unwrap_or(w);
        self.cues
            .longest_at(w, 0)
            .filter(|&(e, _)| e == w.len())
            .map(|(_, p)| &self.cue_of[p])
    }

    /// A hyphenated neighbour that makes the alias part of a longer name.
    fn compound(&self, text: &str, s: usize, e: usize, surface: &str) -> Option<String> {
        // "a National Security Council-like body" is a kind of body
        if let Some(t) = text[e..].strip_prefix('-') {
            let w: String = t.chars().take_while(|c| c.is_alphabetic()).collect();
            if ["like", "style", "type", "esque"].contains(&w.to_lowercase().as_str()) {
                return Some(format!(
                    "\"{surface}-{w}\": a kind of body, not {surface} itself"
                ));
            }
        }
        let is_acronym = |w: &str| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 1
                && !w.chars().any(char::is_lowercase)
                && w.chars().all(|c| c.is_alphanumeric())
        };
        let before = text[..s].strip_suffix('-').map(|t| {
            let start = t
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_alphanumeric())
                .last()
                .map_or(t.len(), |(i, _)| i);
            &t[start..]
        });
        let after = text[e..].strip_prefix('-').map(|t| {
            let end = t
                .char_indices()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(t.len(), |(i, _)| i);
            &t[..end]
        });
        // no hyphenated neighbour (most mentions): nothing to look at
        if before.is_none() && after.is_none() {
            return None;
        }
        // only short acronyms: "NATO-ISAF" is still NATO
        if !is_acronym(surface) || surface.chars().filter(|c| c.is_alphabetic()).count() > 3 {
            return None;
        }
        for (w, joined) in [(before, true), (after, false)] {
            let Some(w) = w else { continue };
            if w.is_empty() || !is_acronym(w) || self.known.contains(&alias_key(w)) {
                continue;
            }
            if self.by_code.contains_key(w) || self.cue_at(w).is_some() {
                continue;
            }
            return Some(if joined {
                format!("inside the compound \"{w}-{surface}\"")
            } else {
                format!("inside the compound \"{surface}-{w}\"")
            });
        }
        None
    }

    /// The country the words right before `s` name: `Russian`, `Brazil's`,
    /// `GOM's`, `ROK` (and the word).
    fn qualifier<'t>(
        &self,
        ctx: &mut Context<'_>,
        text: &'t str,
        s: usize,
    ) -> Option<(Vec<u16>, &'t str)> {
        // (most mentions: no white space before them, told by one
        // character instead of a trim)
        if !text[..s]
            .chars()
            .next_back()
            .is_some_and(char::is_whitespace)
        {
            return None;
        }
        let head = text[..s].trim_end_ws();
        // every cue starts with a capital: a quick test before the search
        let word = &head[last_word_start(head)..];
        if !word.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let window = qualifier_window(head);
        // the cue must end the window (a possessive aside), so it ends in
        // bytes some cue ends in: a second quick test (most capitalised
        // words before a mention are names and titles)
        let ends_a_cue =
            |p: &str| window.ends_with(p) && self.cues.may_end_at(window, window.len() - p.len());
        if !POSSESSIVES.into_iter().any(ends_a_cue) {
            return None;
        }
        self.cue_ending(ctx, window)
    }

    /// The cue that ends `window` (the text before a mention), its
    /// possessive aside, if any: the countries it names and the words from
    /// its start.
    fn cue_ending<'t>(
        &self,
        ctx: &mut Context<'_>,
        window: &'t str,
    ) -> Option<(Vec<u16>, &'t str)> {
        let (cs, ce, cue) = self.cue_spans(window).last()?;
        let rest = &window[ce..];
        if !POSSESSIVES.contains(&rest) {
            return None;
        }
        let countries = if cue.government {
            ctx.government(&window[cs..ce], cue)?
        } else {
            cue.countries.clone()
        };
        Some((countries, &window[cs..]))
    }
}

/// What may follow a qualifier's cue before the mention (`Brazil's`).
const POSSESSIVES: [&str; 4] = ["", "'s", "’s", "'"];

/// The last 40 bytes or so of `head` (the text before a mention, trimmed),
/// where a qualifier's cue is searched: from the first character boundary
/// 40 bytes before its end.
fn qualifier_window(head: &str) -> &str {
    let lo = head.len().saturating_sub(40);
    let lo = (lo..=head.len())
        .find(|&i| head.is_char_boundary(i))
        .unwrap_or(head.len());
    &head[lo..]
}

/// Where the last word of `head` starts: after its last white space or
/// `(`, else at 0.
fn last_word_start(head: &str) -> usize {
    run_start(head, |c| !c.is_whitespace() && c != '(')
}

/// Where the run of characters that `in_run` says yes to, that ends `head`,
/// starts (`head.len()` for none). Its ASCII bytes are walked as bytes; from
/// the first byte that is not ASCII on, it is read as characters (the words
/// before a mention are most often ASCII, and decoding each character
/// backwards was most of [`tail_of_name`]).
fn run_start(head: &str, in_run: impl Fn(char) -> bool) -> usize {
    let b = head.as_bytes();
    let mut i = b.len();
    while i > 0 && b[i - 1].is_ascii() && in_run(char::from(b[i - 1])) {
        i -= 1;
    }
    if i > 0 && !b[i - 1].is_ascii() {
        return head[..i]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| in_run(c))
            .last()
            .map_or(i, |(j, _)| j);
    }
    i
}

/// `Paragraph N` of a cable (its own number).
fn cable_paragraph(cable: &Cable, pi: usize) -> String {
    match cable.paragraphs.get(pi) {
        Some(p) => format!("¶{}", p.number),
        None => "the cable".into(),
    }
}

fn strip_article(long: &str) -> &str {
    for a in ["the ", "The ", "THE "] {
        if let Some(r) = long.strip_prefix(a) {
            return r;
        }
    }
    long
}

/// The bit of `s`'s length in [`Context::def_lens`].
fn length_bit(s: &str) -> u64 {
    1 << s.len().min(63)
}

/// The capitalised word right before `s` (one space apart) that makes the
/// alias the tail of a longer proper name, if any.
pub(crate) fn tail_of_name<'t>(text: &'t str, s: usize, surface: &str) -> Option<&'t str> {
    // a name with lower-case letters: an acronym after a place name
    // ("Bucharest NATO summit") is still the acronym
    if !surface.chars().next().is_some_and(char::is_uppercase)
        || !surface.chars().any(char::is_lowercase)
    {
        return None;
    }
    // an all-capitals alias in all-capitals text says nothing
    let head = text[..s].strip_suffix(' ')?;
    let w = &head[last_name_word(head)?..];
    let first = w.chars().next()?;
    if !first.is_uppercase() || !w.chars().any(char::is_lowercase) {
        return None;
    }
    if w.ends_with("'s") || w.ends_with("’s") {
        // a possessive owner: "Putin's White House" is still that house
        // (told first: any other word is its own form without the
        // possessive, looked up once)
        return None;
    }
    if is_free_before(w) || is_calendar_word(w) {
        return None;
    }
    Some(w)
}

/// Where the word of letters, digits and apostrophes (`'`, `’`) that ends
/// `head` starts, if it is not empty.
fn last_name_word(head: &str) -> Option<usize> {
    let i = run_start(head, |c| c.is_alphanumeric() || matches!(c, '\'' | '’'));
    (i < head.len()).then_some(i)
}

/// Words that say how far a body reaches, not which body it is: a long form
/// sharing only one of them with a name is no name of it ("International
/// Oil Companies (IOC)" is not the International Olympic Committee).
/// Per alias of an entity, its words as [`shared_words`] gives them.
type AliasWords = Vec<Vec<(String, bool)>>;

/// The words of `s` that [`Resolver::shares_words`] compares: its alias
/// key's words of three letters or more, connectors aside, each with
/// whether it is distinctive (no common or scope word).
fn shared_words(s: &str) -> Vec<(String, bool)> {
    key_words(&alias_key(s))
        .map(|(w, distinct)| (w.to_string(), distinct))
        .collect()
}

/// The words of an alias key `key` that [`shared_words`] keeps, borrowed.
fn key_words(key: &str) -> impl Iterator<Item = (&str, bool)> {
    key.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 3 && !CONNECTORS.contains(w))
        .map(|w| (w, !(is_common_word(w) || SCOPE_WORDS.contains(&w))))
}

const SCOPE_WORDS: &[&str] = &["international", "world", "global", "regional", "united"];

/// Words that stand before a surname as a title or a rank, not as another
/// name: "President Calderon", "Gen. Naranjo", "FM Moratinos".
const TITLE_WORDS: &[&str] = &[
    "President",
    "Vice",
    "Minister",
    "Ministers",
    "Secretary",
    "Secretaries",
    "Ambassador",
    "Ambassadors",
    "General",
    "Gen",
    "Senator",
    "Senators",
    "Sen",
    "Deputy",
    "Deputies",
    "Governor",
    "Gov",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Sheikh",
    "Sheik",
    "Emir",
    "Premier",
    "PM",
    "FM",
    "DFM",
    "MFA",
    "Chancellor",
    "Colonel",
    "Col",
    "Admiral",
    "Adm",
    "Judge",
    "Justice",
    "Director",
    "Commissioner",
    "Mayor",
    "Leader",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Speaker",
    "Spokesman",
    "Spokeswoman",
    "Counselor",
    "Adviser",
    "Advisor",
    "Former",
    "Ex",
    "Lieutenant",
    "Lt",
    "Captain",
    "Capt",
    "Major",
    "Maj",
    "Marshal",
    "Commander",
    "Cdr",
    "Candidate",
    "Congressman",
    "Congresswoman",
    "Representative",
    "Rep",
    "Minster",
    "Prosecutor",
    "Attorney",
    "Chief",
    "Head",
    "Presidents",
    "Pres",
    "Comandante",
    "Presidente",
    "Ministro",
    "Secretario",
    "Embajador",
    "Senador",
    "Diputado",
    "Licenciado",
    "Lic",
    "Ing",
    "Don",
    "Dona",
    "Doña",
    "Sir",
    "Lord",
    "Lady",
    "Father",
    "Pope",
    "Cardinal",
    "Archbishop",
    "Bishop",
    "Rev",
    "Ayatollah",
    "Mullah",
    "Imam",
    "Sultan",
    "Crown",
    "Acting",
    "Interim",
    "Undersecretary",
    "Under",
    "Assistant",
    "Opposition",
];

/// Is `w` one of [`TITLE_WORDS`]?
fn is_title_listed(w: &str) -> bool {
    static SET: WordSet = WordSet::new(|| TITLE_WORDS.iter().copied().collect());
    SET.contains(w)
}

/// Is `w` (the word before a surname) a title or a rank?
fn is_title_word(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    is_title_listed(w)
        || w.ends_with("ister") // Minister, Prime-minister spellings
        || w.chars().all(|c| c.is_ascii_uppercase()) // DCM, DAS, A/S
}

/// The preposition right before `s` that makes a name a place (`in
/// Merida`).
fn place_use(text: &str, s: usize) -> Option<&'static str> {
    let head = text[..s].strip_suffix(' ')?;
    ["in", "near", "In", "Near"].into_iter().find(|p| {
        head.strip_suffix(p)
            .is_some_and(|h| h.is_empty() || h.ends_with([' ', '\n', '(']))
    })
}

/// The model after a company's name that makes it a product (`Boeing
/// 737`, `Airbus A-380`, `Microsoft Word`): a capitalised word of letters
/// and digits, a three-digit number, or a product word.
fn product_use(text: &str, e: usize) -> Option<&str> {
    let rest = text[e..]
        .strip_prefix(' ')
        .or_else(|| text[e..].strip_prefix('-'))?;
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '-'))
        .unwrap_or(rest.len());
    let w = rest[..end].trim_end_matches('-');
    // a model is letters and digits ("A-380", "F-18") or a three-digit
    // number ("737"); other numbers are counts, years or resolutions ("EU
    // 27", "UN 1267 Committee", "Gazprom 11 bcm")
    let digits = w.chars().filter(char::is_ascii_digit).count();
    let model = if digits == w.len() {
        digits == 3
    } else {
        digits > 0 && w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
    };
    (model || is_product_word(w)).then_some(w)
}

/// Is `w` one of [`PRODUCT_WORDS`]?
fn is_product_word(w: &str) -> bool {
    static SET: WordSet = WordSet::new(|| PRODUCT_WORDS.iter().copied().collect());
    SET.contains(w)
}

/// Words after a company's name that name its product.
const PRODUCT_WORDS: &[&str] = &["Word", "Windows", "Excel", "Outlook", "Dreamliner", "Jumbo"];

/// Is the acronym at `s..e` used as a person's title?
pub(crate) fn title_use(text: &str, s: usize, e: usize) -> Option<String> {
    let surface = &text[s..e];
    let before = text[..s].trim_end();
    let prev = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    if before.len() < s && TITLE_PREFIXES.contains(&prev) {
        return Some(format!("a title: \"{prev} {surface}\""));
    }
    let after = &text[e..];
    let gap = after.len() - after.trim_start_matches(' ').len();
    if gap == 1 {
        let next: &str = after[1..]
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .next()
            .unwrap_or("");
        let mut cs = next.chars();
        if cs.next().is_some_and(char::is_uppercase)
            && next.chars().any(char::is_lowercase)
            && !crate::acronyms::AGENCY_WORDS.contains(&next.to_lowercase().as_str())
            && !NOT_NAMES.contains(&next)
        {
            return Some(format!("a title before a name: \"{surface} {next}\""));
        }
    }
    None
}

/// Capitalised words after a title acronym that are not a person's name.
const NOT_NAMES: &[&str] = &[
    "Secretary",
    "General",
    "Director",
    "Chairman",
    "Advisor",
    "Adviser",
    "Staff",
    "Senior",
    "Deputy",
    "Ambassador",
    "Member",
    "Members",
    "Meeting",
    "Summit",
    "Council",
    "Commission",
    "Presidency",
    "President",
    "Representative",
    "Special",
    "Foreign",
    "Minister",
    "Ministers",
    "Allies",
    "Ally",
    "Headquarters",
    "Spokesman",
    "Spokesperson",
    "Official",
    "Officials",
    "Partners",
    "Defense",
    "Defence",
    "Security",
    "Affairs",
    "The",
    "In",
    "On",
    "At",
    "And",
    "For",
    "Mission",
    "Delegation",
    "Troika",
    "Operation",
    "Operations",
    "Forces",
    "Force",
    "Policy",
    "High",
    "Strategic",
    "Foreign",
    "Interior",
    "Trade",
    "Parliament",
];

/// What rule 3 (the cable's own definition) found out about a definition's
/// long form, for the acronym's next use.
#[derive(Clone, Copy, Debug, Default)]
struct LongForm {
    /// The entity whose name or alias the long form is, once looked up.
    entity: Option<Option<u32>>,
    /// The last entity asked about when no entity has the long form, and
    /// whether the long form is no name of it ([`Resolver::no_name_of`]).
    no_name_of: Option<(u32, bool)>,
}

/// What is known about the cable being resolved.
struct Context<'c> {
    r: &'c Resolver,
    cable: &'c Cable,
    origin: Option<u16>,
    tags: Vec<u16>,
    /// The countries the cable is about, in the order a generic name looks
    /// for their bodies: the origin post's, then the TAGS'; a cable from
    /// Washington puts its own country last, a cable from abroad leaves
    /// out a `US` tag.
    homes: Vec<u16>,
    /// Acronym definitions by their short form without possessive:
    /// (paragraph, start of the short form, definition, its index in
    /// `long_forms`), in cable order.
    defs: TextMap<String, Vec<(usize, usize, &'c Definition, usize)>>,
    /// Per definition, what rule 3 of [`Resolver::decide`] found out about
    /// its long form, kept for the acronym's next use.
    long_forms: Vec<LongForm>,
    /// Is every list of `defs` in (paragraph, start) order (as the
    /// acronym finder gives them)? Then a lookup is a binary search.
    defs_sorted: bool,
    /// The lengths of the short forms in `defs`, one bit each (bit 63 for
    /// 63 bytes or more): a mention of another length is no defined
    /// acronym, without hashing it.
    def_lens: u64,
    /// The first bytes of the short forms in `defs`, one bit each: most
    /// mentions of a defined acronym's length start with another letter.
    def_firsts: [u64; 4],
    /// Per paragraph, the countries it names, once scanned
    /// ([`Context::named_in`]).
    named: Vec<Option<Vec<u16>>>,
    /// The surname patterns that name someone else somewhere in the cable
    /// ([`Resolver::surnames_taken`]), sorted.
    surnames_taken: Vec<u32>,
}

impl<'c> Context<'c> {
    fn new(
        r: &'c Resolver,
        cable: &'c Cable,
        definitions: &'c [(usize, Vec<Definition>)],
    ) -> Context<'c> {
        let origin = cable.origin.as_deref().and_then(|o| r.post(o));
        let mut tags: Vec<u16> = cable
            .tags
            .iter()
            .flat_map(|t| t.split([' ', ',']))
            .filter_map(|t| r.by_code.get(t.trim()).copied())
            .collect();
        tags.sort_unstable();
        tags.dedup();
        // (sized for every definition a key: no growing while it fills)
        let count = definitions.iter().map(|(_, ds)| ds.len()).sum();
        let mut defs: TextMap<String, Vec<(usize, usize, &Definition, usize)>> =
            TextMap::with_capacity(count);
        let mut k = 0;
        for (pi, ds) in definitions {
            for d in ds {
                let short = d
                    .short
                    .strip_suffix("'s")
                    .or_else(|| d.short.strip_suffix("’s"))
                    .unwrap_or(&d.short)
                    .to_string();
                defs.entry(short)
                    .or_default()
                    .push((*pi, d.short_span.0, d, k));
                k += 1;
            }
        }
        let defs_sorted = defs
            .values()
            .all(|v| v.is_sorted_by_key(|&(dp, ds, _, _)| (dp, ds)));
        let def_lens = defs.keys().fold(0u64, |m, k| m | length_bit(k));
        let mut def_firsts = [0u64; 4];
        for &b in defs.keys().filter_map(|k| k.as_bytes().first()) {
            def_firsts[usize::from(b / 64)] |= 1 << (b % 64);
        }
        let from_us = origin.is_some() && origin == r.us;
        let abroad = origin.is_some() && !from_us;
        let homes = origin
            .filter(|_| !from_us)
            .into_iter()
            .chain(
                tags.iter()
                    .copied()
                    .filter(|t| !(abroad && Some(*t) == r.us)),
            )
            .chain(origin.filter(|_| from_us))
            .collect();
        Context {
            r,
            cable,
            origin,
            tags,
            homes,
            defs,
            defs_sorted,
            def_lens,
            def_firsts,
            long_forms: vec![LongForm::default(); count],
            named: Vec::new(),
            surnames_taken: Vec::new(),
        }
    }

    fn home(&self, c: u16) -> bool {
        self.origin == Some(c) || self.tags.contains(&c)
    }

    /// `cable about Morocco (origin Embassy Rabat, TAGS MO)`.
    fn about(&self) -> String {
        let mut home: Vec<u16> = self
            .origin
            .into_iter()
            .chain(self.tags.iter().copied())
            .collect();
        home.dedup();
        let mut parts = Vec::new();
        if let Some(o) = &self.cable.origin {
            parts.push(format!("origin {o}"));
        }
        if !self.tags.is_empty() {
            parts.push(format!(
                "TAGS {}",
                self.tags
                    .iter()
                    .map(|&c| self.r.countries[c as usize].code.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            ));
        }
        let what = if home.is_empty() {
            "cable about no country".to_string()
        } else {
            let mut seen = Vec::new();
            for c in home {
                if !seen.contains(&c) {
                    seen.push(c);
                }
            }
            format!("cable about {}", self.r.names(&seen))
        };
        if parts.is_empty() {
            what
        } else {
            format!("{what} ({})", parts.join(", "))
        }
    }

    /// The definition in force for `short` at (paragraph, start): the
    /// latest one before it, else the first one after it (a cable may use
    /// an acronym before defining it).
    /// Also the definition's index in [`Context::long_forms`].
    fn definition(
        &self,
        short: &str,
        pi: usize,
        s: usize,
    ) -> Option<(usize, &'c Definition, usize)> {
        if self.def_lens & length_bit(short) == 0 {
            return None;
        }
        // (an empty `short` has no capital either)
        let &b = short.as_bytes().first()?;
        if self.def_firsts[usize::from(b / 64)] >> (b % 64) & 1 == 0
            || !short.chars().any(char::is_uppercase)
        {
            return None;
        }
        let all = self.defs.get(short)?;
        // in cable order (as they always are): a binary search, so a
        // paragraph of many definitions stays linear
        if self.defs_sorted {
            let i = all.partition_point(|&(dp, ds, _, _)| (dp, ds) <= (pi, s));
            let (dp, _, d, k) = if i > 0 { all[i - 1] } else { *all.first()? };
            return Some((dp, d, k));
        }
        let mut before = None;
        let mut after = None;
        for &(dp, ds, d, k) in all {
            if (dp, ds) <= (pi, s) {
                before = Some((dp, d, k));
            } else if after.is_none() {
                after = Some((dp, d, k));
            }
        }
        before.or(after)
    }

    /// The one country a government abbreviation names here, for
    /// [`Resolver::governments`] (stricter than [`Context::government`]).
    fn government_of(
        &self,
        word: &str,
        countries: &[u16],
        mixed: impl FnOnce() -> bool,
    ) -> Option<u16> {
        if let Some((_, d, _)) = self.definition(word, usize::MAX, 0) {
            // the cable says what it means ("Russian Orthodox Church (ROC)")
            if !d.long.to_lowercase().contains("government") {
                return None;
            }
            let named: Vec<u16> = self
                .r
                .cues_in(&d.long)
                .into_iter()
                .filter(|(_, g)| !g)
                .flat_map(|(c, _)| c)
                .collect();
            if !named.is_empty() {
                return (named.len() == 1).then(|| named[0]);
            }
        }
        // (the first two of them tell one from none and from several)
        let mut home = countries.iter().copied().filter(|&c| self.home(c));
        match (home.next(), home.next()) {
            (Some(c), None) => Some(c),
            (None, _) if countries.len() == 1 && mixed() && word != "ROC" => Some(countries[0]),
            _ => None,
        }
    }

    /// The countries a government abbreviation names in this cable.
    fn government(&self, word: &str, cue: &Cue) -> Option<Vec<u16>> {
        if let Some((_, d, _)) = self.definition(word, usize::MAX, 0) {
            let named: Vec<u16> = self
                .r
                .cues_in(&d.long)
                .into_iter()
                .filter(|(_, g)| !g)
                .flat_map(|(c, _)| c)
                .collect();
            if !named.is_empty() {
                return Some(named);
            }
        }
        let home: Vec<u16> = cue
            .countries
            .iter()
            .copied()
            .filter(|&c| self.home(c))
            .collect();
        if !home.is_empty() {
            return Some(home);
        }
        (cue.countries.len() == 1).then(|| cue.countries.clone())
    }

    /// The countries paragraph `pi` names, sorted, each once (scanned for
    /// country words the first time a rule asks: most rules ask about one
    /// paragraph, and the scan is the stage's largest cost).
    fn named_in(&mut self, pi: usize) -> &[u16] {
        let n = self.cable.paragraphs.len();
        if pi >= n {
            return &[];
        }
        if self.named.is_empty() {
            self.named = vec![None; n];
        }
        if self.named[pi].is_none() {
            let cable = self.cable;
            let text = &cable.paragraphs[pi].text;
            let mut v: Vec<u16> = Vec::new();
            for (s, e, cue) in self.r.cue_spans(text) {
                // (a country word's countries copied from its cue, not
                // through a vector of their own)
                if !cue.government {
                    v.extend_from_slice(&cue.countries);
                } else if let Some(cs) = self.government(&text[s..e], cue) {
                    v.extend(cs);
                }
            }
            v.sort_unstable();
            v.dedup();
            self.named[pi] = Some(v);
        }
        self.named[pi].as_deref().expect("just set")
    }

    /// Does some paragraph of the cable name a country `wanted` takes? The
    /// paragraphs are scanned in order only until one does (an entity's
    /// country is most often named early: the subject, the summary).
    fn named_anywhere(&mut self, wanted: impl Fn(&u16) -> bool) -> bool {
        (0..self.cable.paragraphs.len()).any(|pi| self.named_in(pi).iter().any(&wanted))
    }
}

/// The names, other names and demonyms of `data/countries.csv`, lower-cased;
/// `true` for a demonym.
static COUNTRY_WORDS: std::sync::LazyLock<HashMap<String, bool>> = std::sync::LazyLock::new(|| {
    let mut out = HashMap::default();
    let mut rdr = csv::Reader::from_reader(COUNTRIES.as_bytes());
    for rec in rdr.records() {
        let rec = rec.expect("data/countries.csv is valid (a test keeps it so)");
        for x in std::iter::once(&rec[1]).chain(split_list(&rec[2])) {
            out.entry(x.to_lowercase()).or_insert(false);
        }
        for x in split_list(&rec[3]) {
            out.insert(x.to_lowercase(), true);
        }
    }
    out
});

/// Is `w` a country's name, other name or demonym in `data/countries.csv`
/// ("Israel", "Chad", "Jordanian")? A surname that is one ("Representative
/// Israel") is no back-reference when written bare: the bare word is the
/// country.
pub(crate) fn is_country_word(w: &str) -> bool {
    COUNTRY_WORDS.contains_key(&w.to_lowercase())
}

/// Does the word at `s..e` of `t` stand between two words in capitals
/// ("HANDS OF GOD AND IRAN"), or end a heading in capitals, only a rule
/// line or nothing after it ("AS VENEZUELA GOES" over `-----`)? Words of
/// letters only, two or more each.
fn in_capitals(t: &str, s: usize, e: usize) -> bool {
    fn word(w: &str) -> &str {
        w.trim_matches(|c: char| !c.is_alphanumeric())
    }
    let capitals = |w: &str| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase());
    let before = t[..s].split_whitespace().next_back().map(word);
    let after = t[e..].split_whitespace().next().map(word);
    before.is_some_and(capitals) && after.is_none_or(|w| w.is_empty() || capitals(w))
}

/// Is `w` a demonym in `data/countries.csv` ("Spanish", "Afghans")?
pub(crate) fn is_demonym(w: &str) -> bool {
    COUNTRY_WORDS.get(&w.to_lowercase()) == Some(&true)
}

/// Is `w` the city of a diplomatic post in `data/posts.csv` ("Lagos",
/// "Peshawar")? A bare one is the city, not a person of that surname.
pub(crate) fn is_post_city(w: &str) -> bool {
    static CITIES: std::sync::LazyLock<HashSet<String>> = std::sync::LazyLock::new(|| {
        let mut rdr = csv::Reader::from_reader(POSTS.as_bytes());
        rdr.records()
            .map(|rec| rec.expect("data/posts.csv is valid (a test keeps it so)")[0].to_lowercase())
            .collect()
    });
    CITIES.contains(&w.to_lowercase())
}

/// The government abbreviations of `data/countries.csv` (`GOC`, `HMG`),
/// each once, in the file's order.
fn government_abbreviations() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rdr = csv::Reader::from_reader(COUNTRIES.as_bytes());
    for rec in rdr.records() {
        let rec = rec.expect("data/countries.csv is valid (a test keeps it so)");
        for w in split_list(&rec[4]) {
            if !out.iter().any(|x| x == w) {
                out.push(w.to_string());
            }
        }
    }
    out
}

/// Every `Government` and `government` in `text`: (start, end).
///
/// [`Resolver::governments`] once searched these two words and the
/// abbreviations with one automaton, leftmost-longest; two searches (this
/// one, on SIMD, and the abbreviations') are three times faster and keep
/// the same whole-word results: every pattern is letters, so of two
/// overlapping matches the whole-word test rejects every one the single
/// search would not have reported.
fn government_words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    static FINDER: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("overnment"));
    let b = text.as_bytes();
    FINDER
        .find_iter(b)
        .filter(move |&i| i > 0 && matches!(b[i - 1], b'G' | b'g'))
        .map(|i| (i - 1, i + "overnment".len()))
}

/// Two streams of (start, end, tag) in start order, merged in start order.
fn merge_by_start<T>(
    a: impl Iterator<Item = (usize, usize, T)>,
    b: impl Iterator<Item = (usize, usize, T)>,
) -> impl Iterator<Item = (usize, usize, T)> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(x), Some(y)) if y.0 < x.0 => b.next(),
        (Some(_), _) => a.next(),
        (None, _) => b.next(),
    })
}

/// Mark every mention as accepted by the matcher alone (`--no-context`).
pub fn unresolved(mentions: &mut [Located]) {
    for m in mentions {
        m.mention.rule = Rule::Match;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cable::{text::parse_text, KnownMeta};
    use crate::gazetteer::COMMON_WORDS;
    use crate::normalize::{normalize_into, Normalized};

    /// (entity id, surface, rule name) of every kept mention, and the
    /// decisions, of `text` through the built-in gazetteer.
    /// The built-in gazetteer's matcher and stage, `text` as a cable, and
    /// its acronym definitions per paragraph.
    #[allow(clippy::type_complexity)]
    fn prepared(
        text: &str,
    ) -> (
        Gazetteer,
        Matcher,
        Resolver,
        Cable,
        Vec<(usize, Vec<Definition>)>,
    ) {
        let g = Gazetteer::builtin();
        let m = Matcher::new(&g).unwrap();
        let r = Resolver::new(&g, &m);
        let cable = parse_text(text, "t.txt", &KnownMeta::default()).expect("a cable");
        let mut norm = Normalized::new();
        let defs = (cable.paragraphs.iter().enumerate())
            .map(|(pi, p)| {
                normalize_into(&p.text, &mut norm);
                (pi, crate::acronyms::find_in(&norm))
            })
            .collect();
        (g, m, r, cable, defs)
    }

    fn run(text: &str) -> (Vec<(String, String, &'static str)>, Vec<Decision>) {
        let (g, m, r, cable, defs) = prepared(text);
        let mut mentions: Vec<Located> = Vec::new();
        for (pi, p) in cable.paragraphs.iter().enumerate() {
            for mention in m.find(&p.text) {
                mentions.push(Located {
                    paragraph: pi,
                    mention,
                });
            }
        }
        let mut decisions = Vec::new();
        r.resolve(&cable, &mut mentions, &defs, Some(&mut decisions));
        let kept = mentions
            .iter()
            .map(|x| {
                let p = &cable.paragraphs[x.paragraph].text;
                (
                    g.entities()[x.mention.entity as usize].id.clone(),
                    p[x.mention.start..x.mention.end].to_string(),
                    x.mention.rule.name(),
                )
            })
            .collect();
        (kept, decisions)
    }

    fn cable(fm: &str, tags: &str, body: &str) -> String {
        format!("FM {fm}\nTO SECSTATE WASHDC\nTAGS: {tags}\nSUBJECT: TEST\n\n{body}\n")
    }

    fn ids<'a>(kept: &'a [(String, String, &str)]) -> Vec<&'a str> {
        kept.iter()
            .map(|k| k.0.as_str())
            .filter(|id| !id.starts_with("place-"))
            .collect()
    }

    #[test]
    fn weak_aliases() {
        assert!(weak_alias("PT"));
        assert!(weak_alias("GOM"));
        assert!(weak_alias("Federal Police"));
        assert!(weak_alias("Chamber of Deputies"));
        assert!(weak_alias("Attorney General's Office"));
        assert!(!weak_alias("SEDENA"));
        assert!(!weak_alias("Sinaloa Cartel"));
        assert!(!weak_alias("Mexican Federal Police"));
    }

    /// What `shares_words` answered before it kept each entity's words:
    /// every alias read afresh.
    fn shares_words_afresh(r: &Resolver, e: u32, long: &str, n: usize, common: bool) -> bool {
        let words = |s: &str| -> Vec<String> {
            alias_key(s)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| {
                    w.len() >= 3
                        && !CONNECTORS.contains(w)
                        && (common || !(COMMON_WORDS.contains(w) || SCOPE_WORDS.contains(w)))
                })
                .map(str::to_string)
                .collect()
        };
        let mine = words(long);
        r.aliases[e as usize]
            .iter()
            .any(|a| words(a).iter().filter(|w| mine.contains(w)).count() >= n)
    }

    #[test]
    fn long_forms_share_words_with_an_entitys_aliases() {
        let g = Gazetteer::builtin();
        let r = Resolver::new(&g, &Matcher::new(&g).unwrap());
        let id = |id: &str| {
            g.entities()
                .iter()
                .position(|x| x.id == id)
                .unwrap_or_else(|| panic!("{id} in the gazetteer")) as u32
        };
        let (pt, pdt) = (id("mx-party-pt"), id("br-party-pdt"));
        // "Partido del Trabajo" is one of the PT's aliases
        assert!(r.shares_words(pt, "Partido del Trabajo", 2, true));
        assert!(!r.shares_words(pt, "Partido Verde Ecologista", 2, true));
        assert!(r.shares_a_word(pdt, "Partido Democratico Trabalhista"));
        // asked again and again (from the words kept after the first
        // time): what reading every alias afresh answers
        for _ in 0..2 {
            for e in [pt, pdt, id("mx-sedena"), id("mx-pgr")] {
                for long in [
                    "Workers Party",
                    "Labor Party of Mexico",
                    "Partido del Trabajo",
                    "Democratic Labor Party",
                    "National Defense Secretariat",
                    "Office of the Attorney General",
                    "International Labor Organization",
                ] {
                    for (n, common) in [(1, false), (2, true), (1, true), (2, false)] {
                        assert_eq!(
                            r.shares_words(e, long, n, common),
                            shares_words_afresh(&r, e, long, n, common),
                            "{e} {long} {n} {common}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn posts_and_codes() {
        let g = Gazetteer::builtin();
        let r = Resolver::new(&g, &Matcher::new(&g).unwrap());
        assert_eq!(r.post_country("Embassy Rabat"), Some("MO"));
        assert_eq!(r.post_country("Consulate Monterrey"), Some("MX"));
        assert_eq!(r.post_country("Consulate Rio De Janeiro"), Some("BR"));
        assert_eq!(r.post_country("Iran RPO Dubai"), Some("IR"));
        assert_eq!(r.post_country("Secretary of State"), None);
        assert_eq!(r.country_name("IS"), Some("Israel"));
        assert_eq!(r.country_name("RU"), Some("Russia"));
        // lower-cased on the stack (ASCII of up to 64 bytes) or not: as
        // `to_lowercase` lower-cases it
        let long = format!("Embassy {}", "X".repeat(60));
        let mut origins = vec![
            " AMEMBASSY RABAT\t".to_string(),
            "Embassy Rabat".into(),
            "CONSULATE RIO DE JANEIRO".into(),
            "Embassy Rabat ’".into(),
            "EMBASSY ÉTAT".into(),
            long.clone(),
            format!("{long}X"),
            String::new(),
        ];
        for rec in csv::Reader::from_reader(POSTS.as_bytes()).records() {
            let post = rec.unwrap()[0].to_string();
            origins.push(format!("AMEMBASSY {}", post.to_uppercase()));
            origins.push(format!("Consulate {post}"));
        }
        for o in &origins {
            assert_eq!(r.post(o), r.post_lowered(&o.trim().to_lowercase()), "{o:?}");
        }
    }

    #[test]
    fn the_data_tables_parse_and_every_post_has_a_country() {
        let mut codes = HashSet::default();
        for rec in csv::Reader::from_reader(COUNTRIES.as_bytes()).records() {
            let rec = rec.unwrap();
            assert_eq!(rec.len(), 5);
            assert!(codes.insert(rec[0].to_string()), "code {} twice", &rec[0]);
        }
        for rec in csv::Reader::from_reader(POSTS.as_bytes()).records() {
            let rec = rec.unwrap();
            assert!(
                codes.contains(&rec[1]),
                "post {} has unknown code {}",
                &rec[0],
                &rec[1]
            );
        }
        // every country of the shipped gazetteer is in the table
        let g = Gazetteer::builtin();
        for e in 0..g.len() as u32 {
            for c in &g.scope(e).countries {
                assert!(
                    codes.contains(c),
                    "{} has unknown country {c}",
                    g.entities()[e as usize].id
                );
            }
        }
    }

    #[test]
    fn origin_tags_and_naming() {
        let body = "1. (C) The PGR and SEDENA met.";
        let (k, _) = run(&cable("AMEMBASSY MEXICO", "PGOV", body));
        assert_eq!(
            k.iter().map(|x| x.2).collect::<Vec<_>>(),
            ["origin", "origin"]
        );
        let (k, _) = run(&cable("SECSTATE WASHDC", "SNAR MX", body));
        assert_eq!(k.iter().map(|x| x.2).collect::<Vec<_>>(), ["tags", "tags"]);
        // a Bogota cable: SEDENA needs Mexico named somewhere, the PGR
        // (three letters) in its paragraph
        let (k, _) = run(&cable(
            "AMEMBASSY BOGOTA",
            "PGOV CO",
            "1. (C) Mexico sent a delegation.\n\n2. (C) The PGR and SEDENA met.",
        ));
        assert_eq!(ids(&k), ["mx-sedena"]);
        assert!(
            k.iter().any(|x| x.0 == "mx-sedena" && x.2 == "named"),
            "{k:?}"
        );
        let (k, _) = run(&cable(
            "AMEMBASSY BOGOTA",
            "PGOV CO",
            "1. (C) In Mexico the PGR and SEDENA met.",
        ));
        assert_eq!(ids(&k), ["mx-pgr", "mx-sedena"]);
    }

    /// The definition in force is the latest before the mention, else the
    /// first after it (kept when the lookup became a binary search).
    #[test]
    fn the_definition_in_force_is_the_latest_before_else_the_first_after() {
        let (_, d) = run(&cable(
            "AMEMBASSY RABAT",
            "PTER MO",
            "1. (C) The GOM agreed first.\n\n\
             2. (C) The Government of Morocco (GOM) acted.\n\n\
             3. (C) The Government of Mexico (GOM) replied.\n\n\
             4. (C) The GOM agreed.",
        ));
        let gom = |pi: usize| {
            d.iter()
                .find(|x| x.candidate.paragraph == pi && x.evidence.contains("defines GOM"))
                .unwrap_or_else(|| panic!("a GOM decision in paragraph index {pi}: {d:?}"))
        };
        assert_eq!(gom(0).outcome, Outcome::Rejected, "{:?}", gom(0));
        assert!(
            gom(0).evidence.contains("Government of Morocco"),
            "{:?}",
            gom(0)
        );
        assert_ne!(gom(3).outcome, Outcome::Rejected, "{:?}", gom(3));
        assert!(
            gom(3).evidence.contains("Government of Mexico"),
            "{:?}",
            gom(3)
        );
    }

    #[test]
    fn definitions_win() {
        let (k, d) = run(&cable(
            "AMEMBASSY RABAT",
            "PTER MO",
            "1. (C) The Government of Morocco's (GOM's) services acted.\n\n2. (C) The GOM agreed.",
        ));
        assert!(!ids(&k).contains(&"mx-gom"), "{k:?}");
        let gom: Vec<&Decision> = d
            .iter()
            .filter(|d| d.outcome == Outcome::Rejected)
            .collect();
        assert!(!gom.is_empty());
        assert!(gom.iter().all(|d| d.rule == Rule::Defined), "{gom:?}");
        assert!(
            gom[0]
                .evidence
                .contains("defines GOM = Government of Morocco"),
            "{gom:?}"
        );
        // a long form that is an alias of another entity re-links
        let (k, _) = run(&cable(
            "AMEMBASSY BRASILIA",
            "PGOV BR",
            "1. (C) The Federal Bureau of Investigation (PF) trained them. The PF agreed.",
        ));
        assert!(
            k.iter()
                .any(|x| x.0 == "us-fbi" && x.1 == "PF" && x.2 == "defined"),
            "{k:?}"
        );
    }

    #[test]
    fn boundaries_and_titles() {
        let (k, d) = run(&cable(
            "AMEMBASSY HARARE",
            "PGOV ZI",
            "1. (C) ZANU-PF won. Kata'ib Hizbollah is in Iraq. NSA Kim and Deputy NSA Park met.",
        ));
        // ZANU-PF is the Zimbabwean party's own row; its "PF" is never
        // Mexico's Federal Police
        assert_eq!(k.len(), 1, "{k:?}");
        assert_eq!(
            (k[0].0.as_str(), k[0].1.as_str(), k[0].2),
            ("zw-party-zanu-pf", "ZANU-PF", "alias")
        );
        let rules: Vec<&str> = d.iter().map(|d| d.rule.name()).collect();
        assert_eq!(rules, ["alias", "boundary", "title", "title"]);
        // an acronym joined to a known name, or a four-letter one, stays
        let (k, _) = run(&cable(
            "AMEMBASSY PARIS",
            "PREL FR",
            "1. (C) US-EU talks; NATO-ISAF forces; Hizballah.",
        ));
        assert_eq!(ids(&k), ["int-eu", "int-nato", "int-isaf", "grp-hizballah"]);
    }

    #[test]
    fn qualifiers() {
        let (k, d) = run(&cable(
            "AMEMBASSY MOSCOW",
            "PGOV RS",
            "1. (C) The Russian White House and the ROK National Security Council. \
             Mexico's Federal Police and the Mexican Government agreed.",
        ));
        assert_eq!(ids(&k), ["mx-pf", "mx-gom"]);
        assert!(k.iter().all(|x| x.2 == "qualified"));
        let why: Vec<&str> = d
            .iter()
            .filter(|d| d.outcome == Outcome::Rejected)
            .map(|d| d.evidence.as_str())
            .collect();
        assert_eq!(
            why,
            [
                "qualified by \"Russian\": Russia, not United States",
                "qualified by \"ROK\": South Korea, not United States",
            ]
        );
    }

    #[test]
    fn us_bodies_are_the_default_and_unknown_cables_keep_distinctive_names() {
        let (k, _) = run(&cable(
            "AMEMBASSY SEOUL",
            "PREL KS",
            "1. (C) The White House and the FBI agreed.",
        ));
        assert_eq!(
            k.iter().map(|x| x.2).collect::<Vec<_>>(),
            ["default", "default"]
        );
        // no origin, no TAGS, no country: SEDENA stays, the PGR does not
        let (k, _) = run("SUBJECT: X\n\n1. (C) The PGR and SEDENA met.\n");
        assert_eq!(ids(&k), ["mx-sedena"]);
        assert_eq!(k[0].2, "alias");
    }

    #[test]
    fn generic_names_go_to_the_cable_s_country() {
        // a Bogota cable: the Attorney General's Office is Colombia's
        let (k, d) = run(&cable(
            "AMEMBASSY BOGOTA",
            "PGOV CO",
            "1. (C) The Attorney General's Office charged him.",
        ));
        assert_eq!(ids(&k), ["co-fiscalia"]);
        assert_eq!(k[0].2, "origin");
        assert_eq!(d[0].outcome, Outcome::Relinked(k_index("co-fiscalia")));
        // qualified: the Colombian one, in a Madrid cable
        let (k, _) = run(&cable(
            "AMEMBASSY MADRID",
            "PREL SP",
            "1. (C) Colombia's Attorney General's Office asked for help.",
        ));
        assert_eq!(ids(&k), ["co-fiscalia"]);
        assert_eq!(
            k.iter().find(|x| x.0 == "co-fiscalia").unwrap().2,
            "qualified"
        );
    }

    fn k_index(id: &str) -> u32 {
        Gazetteer::builtin()
            .entities()
            .iter()
            .position(|e| e.id == id)
            .unwrap() as u32
    }

    #[test]
    fn places() {
        let (k, d) = run(&cable(
            "AMEMBASSY CARACAS",
            "PGOV VE",
            "1. (U) Elections in Merida were calm.",
        ));
        assert!(k.is_empty());
        assert_eq!(d[0].rule, Rule::Place);
    }

    #[test]
    fn a_definition_worded_otherwise_is_the_entity_in_its_own_country() {
        // "National Republican Alliance" for ARENA's "Nationalist
        // Republican Alliance": two shared words, a San Salvador cable
        let (k, d) = run(&cable(
            "AMEMBASSY SAN SALVADOR",
            "PGOV ES",
            "1. (C) The National Republican Alliance (ARENA) lost. ARENA split.",
        ));
        assert_eq!(ids(&k), ["sv-party-arena", "sv-party-arena"], "{d:?}");
        // (not turned down by the definition: the scope rules accept it)
        assert!(d.iter().all(|x| x.outcome == Outcome::Accepted), "{d:?}");
        // the same two words ("National Security") in a cable not about the
        // entity's country are no such evidence: a Libyan office, not the
        // U.S. agency
        let (k, _) = run(&cable(
            "AMEMBASSY TRIPOLI",
            "PREL LY",
            "1. (C) The National Security Advisor's (NSA) office called.",
        ));
        assert!(!ids(&k).contains(&"us-nsa"), "{k:?}");
    }

    #[test]
    fn a_government_abbreviation_the_cable_gives_another_country_is_not_this_one() {
        // "GOB" matches Brazil's "GoB"; in a La Paz cable it is Bolivia's,
        // even with Brazil named in the paragraph
        let (k, d) = run(&cable(
            "AMEMBASSY LA PAZ",
            "PGOV BL",
            "1. (C) Unlike Brazil, the GOB required companies to sign new contracts.",
        ));
        assert!(!ids(&k).contains(&"br-gob"), "{k:?}");
        assert!(d.iter().any(|x| x.rule == Rule::Scope
            && x.evidence.contains("GOB here is the Government of Bolivia")));
        // in a Brasilia cable it stays Brazil's
        let (k, _) = run(&cable(
            "AMEMBASSY BRASILIA",
            "PGOV BR",
            "1. (C) The GOB required companies to sign new contracts.",
        ));
        assert_eq!(ids(&k), ["br-gob"]);
    }

    #[test]
    fn a_company_s_name_before_a_model_is_its_product() {
        assert_eq!(product_use("a Boeing 737 airframe", 8), Some("737"));
        assert_eq!(product_use("the Airbus A-380.", 10), Some("A-380"));
        assert_eq!(product_use("the Airbus A380.", 10), Some("A380"));
        assert_eq!(product_use("a Microsoft Word file", 11), Some("Word"));
        assert_eq!(product_use("Boeing 2009 results", 6), None);
        assert_eq!(product_use("the UN 1267 Committee", 6), None);
        assert_eq!(product_use("the EU-27 met", 6), None);
        assert_eq!(product_use("owes Gazprom 11 bcm", 12), None);
        assert_eq!(product_use("Boeing and Airbus", 6), None);
        assert_eq!(product_use("Boeing's offer", 6), None);
        let (k, d) = run(&cable(
            "AMEMBASSY ALGIERS",
            "PREL AG",
            "1. (C) Boeing offered a Boeing 737 with a radar.",
        ));
        assert_eq!(ids(&k), ["co-boeing"], "{d:?}");
        assert!(d
            .iter()
            .any(|x| x.outcome == Outcome::Rejected && x.rule == Rule::Place));
    }

    proptest::proptest! {
        /// The two searches for government words find what one automaton
        /// of all of them, leftmost-longest, finds as whole words.
        #[test]
        fn government_candidates_are_one_search(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Government", "government", "overnment", "Gov", "G", "g", "GO", "GOC",
                    "GOV", "ROYG", "RO", "YG", "HMG", "GIRoA", "GOTT", "GOT", "USG", " ",
                    "-", ".", "é", "x", "s",
                ]),
                0..14,
            )
        ) {
            static R: LazyLock<Resolver> = LazyLock::new(|| {
                let g = Gazetteer::builtin();
                let m = Matcher::new(&g).unwrap();
                Resolver::new(&g, &m)
            });
            let text = parts.concat();
            let mut words = vec!["Government".to_string(), "government".to_string()];
            words.extend(government_abbreviations());
            let one = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(&words)
                .unwrap();
            let word = |c: Option<char>| c.is_some_and(crate::matcher::is_word_char);
            let want: Vec<(usize, usize, bool)> = one
                .find_iter(&text)
                .map(|m| (m.start(), m.end(), m.pattern().as_usize() >= 2))
                .filter(|&(s, e, _)| {
                    !word(text[..s].chars().next_back()) && !word(text[e..].chars().next())
                })
                .collect();
            let got: Vec<_> = R.government_candidates(&text).collect();
            proptest::prop_assert_eq!(got, want, "{:?}", text);
        }
    }

    /// (surface, government name) of every government `text` names.
    fn governments_in(text: &str) -> Vec<(String, String)> {
        let (_, _, r, cable, defs) = prepared(text);
        r.governments(&cable, &defs)
            .into_iter()
            .map(|u| {
                let t = &cable.paragraphs[u.paragraph].text;
                (t[u.start..u.end].to_string(), r.government_name(u.country))
            })
            .collect()
    }

    #[track_caller]
    fn no_government(post: &str, tags: &str, body: &str) {
        let found = governments_in(&cable(post, tags, body));
        assert!(found.is_empty(), "{found:?}");
    }

    fn pairs(v: &[(String, String)]) -> Vec<(&str, &str)> {
        v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
    }

    #[test]
    fn government_abbreviations_go_to_the_cable_s_country() {
        // GOC is Cuba's in a Havana cable, Colombia's in a Bogota one
        let havana = governments_in(&cable(
            "USINT HAVANA",
            "ECON CU",
            "1. (C) The GOC's plans are on hold; GOC officials said so.",
        ));
        assert_eq!(
            pairs(&havana),
            [("GOC", "Government of Cuba"), ("GOC", "Government of Cuba")]
        );
        let bogota = governments_in(&cable(
            "AMEMBASSY BOGOTA",
            "PREL CO",
            "1. (C) The GOC agreed.",
        ));
        assert_eq!(pairs(&bogota), [("GOC", "Government of Colombia")]);
        // a cable about two countries of the abbreviation decides nothing
        no_government("AMEMBASSY BOGOTA", "PREL CO CU", "1. (C) The GOC agreed.");
        // one country only: decided in mixed-case text, not in an
        // all-capitals cable (GOD is a word there)
        let one = governments_in(&cable(
            "AMEMBASSY PARIS",
            "PREL FR",
            "1. (C) GODJ officials met.",
        ));
        assert_eq!(pairs(&one), [("GODJ", "Government of Djibouti")]);
        no_government("AMEMBASSY PARIS", "PREL FR", "1. (C) GOD WILLING.");
        // part of a longer word, lower case: nothing
        no_government("AMEMBASSY BOGOTA", "PREL CO", "1. (C) GOCO and goc.");
        // GIRoA as cables in capitals (and OCR's o for O) write it
        let kabul = governments_in(&cable(
            "AMEMBASSY KABUL",
            "PREL AF",
            "1. (C) THE GIROA AGREED.",
        ));
        assert_eq!(pairs(&kabul), [("GIROA", "Government of Afghanistan")]);
    }

    #[test]
    fn the_cable_s_definition_decides_a_government_abbreviation() {
        // defined: the long form's country, wherever the cable is from
        let rabat = governments_in(&cable(
            "AMEMBASSY MADRID",
            "PREL SP",
            "1. (C) The Government of Morocco's (GOM's) services acted.\n\n2. (C) The GOM agreed.",
        ));
        assert_eq!(
            pairs(&rabat),
            [
                ("Government of Morocco", "Government of Morocco"),
                ("GOM", "Government of Morocco"),
                ("GOM", "Government of Morocco")
            ]
        );
        // defined as something else: no government
        no_government(
            "AMEMBASSY MOSCOW",
            "PREL RS CY",
            "1. (C) The Russian Orthodox Church (ROC) met. The ROC said no.",
        );
    }

    #[test]
    fn governments_named_in_words() {
        let k = governments_in(&cable(
            "AMEMBASSY KAMPALA",
            "PREL UG",
            "1. (C) The Government of Uganda and the Kenyan government met; \
             Uganda's Government and the Government of the United Kingdom \
             agreed. The government of Uganda, the Government of National \
             Unity and the Ugandan governmental body did not.",
        ));
        assert_eq!(
            pairs(&k),
            [
                ("Government of Uganda", "Government of Uganda"),
                ("Kenyan government", "Government of Kenya"),
                ("Uganda's Government", "Government of Uganda"),
                (
                    "Government of the United Kingdom",
                    "Government of the United Kingdom"
                ),
            ]
        );
    }

    /// [`tail_of_name`] as it was before its word was walked as bytes and
    /// looked up once: every character decoded.
    fn tail_of_name_by_chars<'t>(text: &'t str, s: usize, surface: &str) -> Option<&'t str> {
        if !surface.chars().next().is_some_and(char::is_uppercase)
            || !surface.chars().any(char::is_lowercase)
        {
            return None;
        }
        let head = text[..s].strip_suffix(' ')?;
        let start = head
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '\'' | '’'))
            .last()
            .map(|(i, _)| i)?;
        let w = &head[start..];
        if !w.chars().next()?.is_uppercase() || !w.chars().any(char::is_lowercase) {
            return None;
        }
        let bare = w.trim_end_matches("'s").trim_end_matches("’s");
        if is_free_before(bare) || is_free_before(w) || is_calendar_word(bare) {
            return None;
        }
        if w.ends_with("'s") || w.ends_with("’s") {
            return None;
        }
        Some(w)
    }

    /// [`Resolver::qualifier`] as it was before its two quick tests (white
    /// space before the mention told by one character, the window's last
    /// bytes by [`WordSearch::may_end_at`]): the search always run.
    fn qualifier_searched<'t>(
        r: &Resolver,
        ctx: &mut Context<'_>,
        text: &'t str,
        s: usize,
    ) -> Option<(Vec<u16>, &'t str)> {
        let head = text[..s].trim_end();
        if head.len() == text[..s].len() {
            return None;
        }
        let word = head
            .rfind(|c: char| c.is_whitespace() || c == '(')
            .map_or(head, |i| &head[i + 1..]);
        if !word.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        r.cue_ending(ctx, qualifier_window(head))
    }

    #[test]
    fn every_cue_may_end_where_it_ends() {
        let g = Gazetteer::builtin();
        let r = Resolver::new(&g, &Matcher::new(&g).unwrap());
        let mut cues = 0;
        for c in &r.countries {
            for w in std::iter::once(&c.name).chain(&c.demonyms) {
                for w in [w.clone(), w.to_uppercase()] {
                    let text = format!("the {w}");
                    assert!(r.cues.may_end_at(&text, text.len()), "{w}");
                    cues += 1;
                }
            }
        }
        for w in government_abbreviations() {
            assert!(r.cues.may_end_at(&w, w.len()), "{w}");
        }
        assert!(cues > 300);
        // most names before a mention end no cue
        for w in ["President", "Minister", "Calderon", "Party"] {
            assert!(!r.cues.may_end_at(w, w.len()), "{w}");
        }
    }

    proptest::proptest! {
        /// The word before a mention walked as bytes and looked up once:
        /// what decoding every character found.
        #[test]
        fn tail_of_name_as_by_chars(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Mr", "The", "Puerto", "Putin", "'s", "’s", "'", "’", "s", "January",
                    "ed", "é", "É", "Ñ", "x", "X", "9", " ", "  ", "-", ".", "(", "\n",
                ]),
                0..8,
            ),
            surface in proptest::sample::select(vec![
                "Cabello", "NATO", "White House", "Ñu", "Ñ", "ÉTAT", "Émile", "x", "Xy", "",
            ]),
        ) {
            let text = format!("{}{surface} said", parts.concat());
            let s = text.len() - surface.len() - " said".len();
            proptest::prop_assert_eq!(
                tail_of_name(&text, s, surface),
                tail_of_name_by_chars(&text, s, surface),
                "{:?}", text
            );
        }

        /// The country word before a mention, told by the quick tests
        /// first: what the search alone found.
        #[test]
        fn qualifier_as_searched(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Mexican", "Mexico", "MEXICO", "Brazil", "GOM", "ROK", "US", "U.S.",
                    "New Zealand", "New", "Zealand", "President", "Calderon", "the", "'s", "’s",
                    "'", "’", "s", " ", "  ", "\n", "\t", "(", "-", "é", "x", "Xcan", "zil",
                    "a long run of lower-case words",
                ]),
                0..10,
            ),
        ) {
            static R: LazyLock<Resolver> = LazyLock::new(|| {
                let g = Gazetteer::builtin();
                let m = Matcher::new(&g).unwrap();
                Resolver::new(&g, &m)
            });
            let cable = parse_text(
                &cable("AMEMBASSY MEXICO", "PREL MX", "1. (C) The GOM met."),
                "t.txt",
                &KnownMeta::default(),
            )
            .expect("a cable");
            let mut ctx = Context::new(&R, &cable, &[]);
            let text = format!("{}PT said", parts.concat());
            let s = text.len() - "PT said".len();
            let got = R.qualifier(&mut ctx, &text, s);
            proptest::prop_assert_eq!(got, qualifier_searched(&R, &mut ctx, &text, s), "{:?}", text);
        }
    }
}
