//! Grow the gazetteer from the cables: candidate rows for names the text
//! defines or uses that the gazetteer lacks.
//!
//! Two kinds of evidence, both read per paragraph after matching:
//!
//! - **Acronym definitions** ([`crate::acronyms`]): "Federal
//!   Investigative Agency (AFI)" proposes an entity named by the long form
//!   with the acronym as alias, unless a gazetteer entity already claims
//!   the acronym. When the long form is already a gazetteer entity (a
//!   mention ends where the long form ends), the row proposes the acronym
//!   as a further alias of that entity: same `id`, and `notes` says so.
//!   Its `count` is the definitions plus the later bare uses in the same
//!   cables. The type is guessed from the long form's last words
//!   (`Agency`, `Secretariat`… → `agency`; `Initiative`, `Agreement`… →
//!   `program`; otherwise `organization`).
//! - **People introduced by a title**: "President X", "Ambassador X Y",
//!   "Attorney General X", "DNI X Y", "Foreign Minister X"… followed by
//!   one to four capitalised name words (initials and `de`, `la`, `del`
//!   inside allowed), unless a gazetteer mention covers any of the name.
//!   Forms sharing a surname are one person, named by the longest form;
//!   the titled forms (`Ambassador Pascual`) become aliases, as the
//!   shipped gazetteer does, since bare surnames are ambiguous.
//!
//! Rows are ranked by `count` (descending), then name; ids are slugs
//! (`new-afi`, `new-carlos-pascual`). An alias is never proposed twice, nor
//! one the gazetteer claims, so appending the new-entity rows (without the
//! `count` and `example` columns) keeps the gazetteer valid.

use crate::hash::{HashSet, TextMap, TextSet};
use std::collections::BTreeMap;

use crate::acronyms::Definition;
use crate::cable::Cable;
use crate::gazetteer::Gazetteer;
use crate::matcher::Located;
use crate::normalize::{alias_key, normalize};

/// One candidate gazetteer row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// A slug, `new-…`, or the id of the existing entity for a new alias.
    pub id: String,
    /// Guessed type.
    pub kind: String,
    /// Display label.
    pub name: String,
    /// Further surface forms.
    pub aliases: Vec<String>,
    /// Why it is proposed.
    pub notes: String,
    /// How often the cables support it.
    pub count: usize,
    /// The first place it was seen, `CABLE¶N`.
    pub example: String,
    /// True for a further alias of an entity the gazetteer has (same id).
    pub existing: bool,
}

impl Suggestion {
    /// A row for an entity the gazetteer lacks (it appends to the
    /// gazetteer as it is).
    pub fn is_new(&self) -> bool {
        !self.existing
    }
}

/// Titles that introduce a person's name, longest first where one starts
/// another.
const TITLES: &[&str] = &[
    "Deputy Attorney General",
    "Assistant Attorney General",
    "Attorney General",
    "Deputy Foreign Minister",
    "Foreign Minister",
    "Foreign Secretary",
    "Interior Minister",
    "Interior Secretary",
    "Defense Minister",
    "Defense Secretary",
    "Defence Minister",
    "Finance Minister",
    "Finance Secretary",
    "Public Security Secretary",
    "Prime Minister",
    // (Singapore's "Minister Mentor Lee Kuan Yew")
    "Minister Mentor",
    "Deputy Secretary",
    "Assistant Secretary",
    "Under Secretary",
    "Undersecretary",
    "Secretary General",
    "Secretary-General",
    "Secretary",
    "Vice President",
    "President-elect",
    "President",
    "Ambassador-designate",
    // ("Defense Attache Wally Scales", "SecGen Rasmussen")
    "Attache",
    "Attaché",
    "SecGen",
    "Ambassador",
    "Amb.",
    "DNI",
    "Director General",
    "Director",
    "Governor",
    "General",
    "Gen.",
    "Admiral",
    "Adm.",
    "Senator",
    "Sen.",
    "Congressman",
    "Congresswoman",
    "Representative",
    "Rep.",
    "Mayor",
    "Minister",
    "Commissioner",
    "Colonel",
    "Col.",
    "Judge",
    "Chancellor",
    "Prince",
    "Sheikh",
    "Shaykh",
    "Lady",
    "Lord",
    "Baroness",
    "Sir",
    "Dame",
    "Maulavi",
    "Maulana",
    "Mullah",
    "Mallam",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    // a congressional or staff delegation by its leader ("CODEL Corzine")
    "Codel",
    "CODEL",
    "Staffdel",
    "STAFFDEL",
];

/// Capitalised words that follow a title without being a name.
const NOT_NAMES: &[&str] = &[
    "Office",
    // a rank's or a heading's word after a title ("General Officers'
    // talks", "Military Secretary Outreach to Middle East")
    "Officers",
    "Outreach",
    // (a title's word: "General Managing Director")
    "Managing",
    // a title's word ("The Secretary Acting Assistant Secretary …"), a
    // heading's ("Main Israeli Participants")
    "Acting",
    "Main",
    // a title's plural ("former Minister Presidents"), a document
    // ("the General Authorization"), a place ("Ambassador Bridge")
    "Presidents",
    "Ministers",
    "Authorization",
    "Bridge",
    // a body's word after a title's ("the General People's Committee for
    // Planning"), the second word of a title ("Minister Mentor (MM) Lee")
    "People",
    "Mentor",
    // a heading's word ("General Comments"), a title's ("Minister
    // Responsible for Foreign Affairs")
    "Comments",
    "Responsible",
    // a region's name ("Additional Secretary for South Asia Aizaz
    // Chaudhry"), a Turkish honorific after a given name ("Tayyip Bey")
    "Asia",
    "Africa",
    "Europe",
    "America",
    "Americas",
    "Caribbean",
    "Caucasus",
    "Balkans",
    "Bey",
    "Security",
    "Staff",
    "Council",
    "Assembly",
    "Agreement",
    "Directorate",
    "Accounting",
    "Services",
    "Counsel",
    "Secretariat",
    "Embassy",
    "Government",
    "Congress",
    "Administration",
    "Department",
    "Ministry",
    "Mission",
    "Cabinet",
    "Law",
    "Motors",
    "Electric",
    "Consulate",
    "The",
    "A",
    "An",
    "And",
    "In",
    "On",
    "Of",
    "For",
    "To",
    "This",
    "That",
    "His",
    "Her",
    "Their",
    "Our",
    "With",
    "As",
    "At",
    "By",
    "From",
    "Is",
    "Was",
    "Has",
    "Had",
    "Will",
    "Would",
    "Said",
    "Election",
    "Elections",
    "Campaign",
    "Plan",
    "Initiative",
    "Party",
    "Affairs",
    "Command",
    "Commission",
    "Court",
    "Prosecutor",
    "Police",
    "Army",
    "Navy",
    "State",
    "States",
    "Minister",
    "Secretary",
    "President",
    "Ambassador",
    "General",
    "Director",
    "Governor",
    "Attorney",
    "Deputy",
    "Assistant",
    "Under",
    "Vice",
    "Foreign",
    "Interior",
    "Defense",
    "Public",
    "National",
    "Federal",
    "Mexican",
    "Mexico",
    "U.S.",
    "US",
    "USG",
    "GOM",
    "Post",
    "Embassy's",
    "Summary",
    "Comment",
    "Note",
    "Bureau",
    "Agency",
    "Division",
    "Plenipotentiary",
    "Senior",
    "Economic",
    "Political",
    "High",
    "Chief",
    "Counselor",
    "Counsellor",
    "Manager",
    "Foundation",
    "Without",
    "Maulavi",
    "Maulana",
    "Mullah",
    "Prince",
    "Sheikh",
    "Shaykh",
    "Intelligence",
    "Institute",
    "Research",
    "Commissioner",
    "Headquarters",
    "LtGen",
    "MajGen",
    "BrigGen",
    "Committee",
    "Committees",
    "Conference",
    "Staffs",
    "Officer",
    "Guards",
    "Engineer",
    "Charge",
    "Colonel",
    "Lieutenant",
    "Captain",
    "Policy",
    "Adviser",
    "Advisor",
    "Chief",
    "Special",
    "Spokesman",
    "Spokesperson",
    // a title's abbreviation after another title ("Deputy Assistant
    // Secretary Amb. Tina Kaidanow"), an honorific, and what follows
    // "General" in a body's or a company's name
    "Amb",
    "Mallam",
    "Comptroller",
    "Motors",
    "Electric",
    "Dynamics",
];

/// Is `w` a word in capitals that may be a surname (`BEDJAOUI`, `BARA`):
/// four letters or more, capitals and hyphens only, and no redaction
/// (`XXXXXXXXXXXX`)?
pub(crate) fn caps_word(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 4
        && w.chars().all(|c| c.is_uppercase() || c == '-')
        && !w.chars().all(|c| c == 'X')
}

/// Name particles allowed between capitalised name words.
pub(crate) const PARTICLES: &[&str] = &[
    "de", "del", "la", "las", "los", "van", "von", "zu", "der", "den", "ter", "du", "da", "do",
    "dos", "das", "y", "bin", "ibn", "bint", "al", "el", "ben",
];

/// Ranks: no given names ("Brigadier Mohammed al Qemzi"), and the first
/// word of a compound rank is no surname ("J5 Major General Robert
/// Allardice").
pub(crate) const RANKS: &[&str] = &[
    "Brigadier",
    "Major",
    "Captain",
    "Lieutenant",
    "Sergeant",
    "Commander",
    "Marshal",
];

/// Words of a body's name: a titled "name" run into one is part of the
/// body's name.
const BODY_WORDS: &[&str] = &[
    "Foundation",
    "Intelligence",
    "Institute",
    "Research",
    "Council",
    "Committee",
    "Agency",
    "Bureau",
    "Commission",
    "Ministry",
    "Department",
    "Directorate",
    "Secretariat",
    "Administration",
    "Services",
    "Court",
];

/// Is `w` a title word a person's name follows (`PM`, `President`)?
pub(crate) fn is_title(w: &str) -> bool {
    TITLES.contains(&w) || crate::resolve::TITLE_ACRONYMS.contains(&w)
}

/// Collects suggestions over the cables of a run.
#[derive(Debug)]
pub struct Suggester {
    claimed: HashSet<String>,
    ids: Vec<String>,
    names: Vec<String>,
    kinds: Vec<String>,
    acronyms: BTreeMap<String, AcronymEvidence>,
    people: BTreeMap<String, PersonEvidence>,
}

#[derive(Debug, Default)]
struct AcronymEvidence {
    /// Long form → times seen, first-seen order kept by `order`.
    long: TextMap<String, usize>,
    order: Vec<String>,
    /// Existing entity the long form names.
    entity: Option<u32>,
    count: usize,
    example: String,
}

#[derive(Debug, Default)]
struct PersonEvidence {
    /// Name forms (without title) → times seen.
    forms: BTreeMap<String, usize>,
    /// Titled forms, e.g. `Ambassador Pascual`.
    titled: Vec<String>,
    titles: Vec<String>,
    count: usize,
    example: String,
}

impl Suggester {
    /// A suggester for what `gazetteer` lacks.
    pub fn new(gazetteer: &Gazetteer) -> Suggester {
        let ents = gazetteer.entities();
        // a surname is no alias, but a row claiming it would not pass
        // `gazetteer check`
        let mut claimed = gazetteer.alias_keys();
        claimed.extend(
            (0..ents.len() as u32)
                .flat_map(|e| gazetteer.surnames(e))
                .map(String::as_str)
                .map(alias_key),
        );
        Suggester {
            claimed,
            ids: ents.iter().map(|e| e.id.clone()).collect(),
            names: ents.iter().map(|e| e.name.clone()).collect(),
            kinds: ents.iter().map(|e| e.kind.clone()).collect(),
            acronyms: BTreeMap::new(),
            people: BTreeMap::new(),
        }
    }

    /// Read one matched cable (matched with every type kept), with the
    /// acronym definitions the pipeline found in each paragraph
    /// ([`crate::pipeline::Record::definitions`]: no paragraph is
    /// normalised again).
    ///
    /// Linear in the cable's size: mentions are bucketed by paragraph once,
    /// and the later uses of every acronym the cable defines are counted in
    /// one pass (`count_uses`).
    pub fn add(
        &mut self,
        cable: &Cable,
        mentions: &[Located],
        definitions: &[(usize, Vec<Definition>)],
    ) {
        let mut by_para: Vec<Vec<(usize, usize, u32)>> = vec![Vec::new(); cable.paragraphs.len()];
        for x in mentions {
            if let Some(v) = by_para.get_mut(x.paragraph) {
                v.push((x.mention.start, x.mention.end, x.mention.entity));
            }
        }
        let mut defs: Vec<(usize, Definition, String)> = Vec::new();
        let example = |p: &crate::cable::Paragraph| format!("{}¶{}", cable.id, p.number);
        for (pi, ds) in definitions {
            for d in ds {
                if !self.claimed.contains(&alias_key(&d.short)) {
                    defs.push((*pi, d.clone(), example(&cable.paragraphs[*pi])));
                }
            }
        }
        for (pi, p) in cable.paragraphs.iter().enumerate() {
            self.add_people(&p.text, &by_para[pi], &example(p));
        }
        if defs.is_empty() {
            return;
        }
        let uses = count_uses(cable, &defs);
        for (i, (pi, d, example)) in defs.iter().enumerate() {
            self.add_definition(d, &by_para[*pi], example, uses[i]);
        }
    }

    fn add_definition(
        &mut self,
        d: &Definition,
        here: &[(usize, usize, u32)],
        example: &str,
        uses: usize,
    ) {
        // a long form the finder took with a dash before it ("--Government
        // of Israel (GOI)") is named without it: a gazetteer name may not
        // begin like a spreadsheet formula
        let long = d
            .long
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .to_string();
        // a government's abbreviation (GOI: Israel, Iraq, India,
        // Indonesia…) is the `government` discovery rule's, never one row;
        // nor an acronym that is a common word (WHO, IT): `gazetteer check`
        // refuses such an alias
        if long.is_empty()
            || long.starts_with("Government of ")
            || crate::gazetteer::is_stop_phrase(&d.short)
        {
            return;
        }
        let entity = here
            .iter()
            .find(|&&(s, e, _)| e == d.long_span.1 && s < e && e > d.long_span.0)
            .map(|&(_, _, x)| x);
        let ev = self.acronyms.entry(d.short.clone()).or_default();
        if ev.count == 0 {
            ev.example = example.to_string();
        }
        ev.count += 1 + uses;
        if ev.entity.is_none() {
            ev.entity = entity;
        }
        let n = ev.long.entry(long.clone()).or_insert(0);
        if *n == 0 {
            ev.order.push(long);
        }
        *n += 1;
    }

    fn add_people(&mut self, text: &str, here: &[(usize, usize, u32)], example: &str) {
        for (title, name, s, e) in titled_names(text) {
            if here.iter().any(|&(ms, me, _)| ms < e && s < me) {
                continue; // the gazetteer knows (part of) this name
            }
            let form = normalize(&name);
            if self.claimed.contains(&alias_key(&form)) {
                continue;
            }
            let key = alias_key(form.rsplit(' ').next().unwrap_or(&form));
            let ev = self.people.entry(key).or_default();
            if ev.count == 0 {
                ev.example = example.to_string();
            }
            ev.count += 1;
            *ev.forms.entry(form.clone()).or_insert(0) += 1;
            let t = normalize(&title);
            let titled = format!("{t} {}", form.rsplit(' ').next().unwrap_or(&form));
            if !ev.titled.contains(&titled) {
                ev.titled.push(titled);
            }
            if !ev.titles.contains(&t) {
                ev.titles.push(t);
            }
        }
    }

    /// The suggestions, ranked by count (descending), then name.
    pub fn finish(self) -> Vec<Suggestion> {
        let mut rows: Vec<Suggestion> = Vec::new();
        for (sf, ev) in &self.acronyms {
            let long = ev
                .order
                .iter()
                .max_by_key(|l| {
                    (
                        ev.long[*l],
                        std::cmp::Reverse(ev.order.iter().position(|x| x == *l)),
                    )
                })
                .cloned()
                .unwrap_or_default();
            let row = match ev.entity {
                Some(e) => Suggestion {
                    id: self.ids[e as usize].clone(),
                    kind: self.kinds[e as usize].clone(),
                    name: self.names[e as usize].clone(),
                    aliases: vec![sf.clone()],
                    notes: format!(
                        "new alias for existing entity {}: add {sf} to its aliases (\"{long} ({sf})\")",
                        self.ids[e as usize]
                    ),
                    count: ev.count,
                    example: ev.example.clone(),
                    existing: true,
                },
                None => {
                    let mut aliases = vec![sf.clone()];
                    aliases.extend(ev.order.iter().filter(|l| **l != long).cloned());
                    Suggestion {
                        id: format!("new-{}", slug(sf)),
                        kind: guess_kind(&long).to_string(),
                        name: long.clone(),
                        aliases,
                        notes: format!("acronym defined in the cables: \"{long} ({sf})\""),
                        count: ev.count,
                        example: ev.example.clone(),
                        existing: false,
                    }
                }
            };
            rows.push(row);
        }
        for ev in self.people.values() {
            let name = ev
                .forms
                .iter()
                .max_by_key(|(f, n)| (f.split(' ').count(), **n, std::cmp::Reverse(f.len())))
                .map(|(f, _)| f.clone())
                .unwrap_or_default();
            let mut aliases: Vec<String> = ev
                .forms
                .keys()
                .filter(|f| **f != name && f.contains(' '))
                .cloned()
                .collect();
            aliases.extend(ev.titled.iter().cloned());
            rows.push(Suggestion {
                id: format!("new-{}", slug(&name)),
                kind: "person".into(),
                name,
                aliases,
                notes: format!("introduced by title: {}", ev.titles.join(", ")),
                count: ev.count,
                example: ev.example.clone(),
                existing: false,
            });
        }
        rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        // no alias twice, none the gazetteer claims; unique ids
        let mut taken = self.claimed;
        let mut ids: TextSet<String> = self.ids.into_iter().collect();
        let mut out = Vec::new();
        for mut r in rows {
            let existing = r.existing;
            if !existing {
                if taken.contains(&alias_key(&r.name)) {
                    continue;
                }
                taken.insert(alias_key(&r.name));
                let base = r.id.clone();
                let mut k = 2;
                while ids.contains(&r.id) {
                    r.id = format!("{base}-{k}");
                    k += 1;
                }
                ids.insert(r.id.clone());
            }
            r.aliases.retain(|a| taken.insert(alias_key(a)));
            if existing && r.aliases.is_empty() {
                continue;
            }
            out.push(r);
        }
        out
    }
}

/// For each definition, the whole-word, exact-case uses of its acronym
/// after it in the cable and before the next definition of the same
/// acronym (so no use counts twice): one automaton over the cable's
/// acronyms, one pass over its text.
fn count_uses(cable: &crate::cable::Cable, defs: &[(usize, Definition, String)]) -> Vec<usize> {
    let mut counts = vec![0; defs.len()];
    let at: Vec<(usize, &Definition)> = defs.iter().map(|(p, d, _)| (*p, d)).collect();
    acronym_uses(cable, &at, |_, _, _, i| counts[i] += 1);
    counts
}

/// Every whole-word, exact-case use of an acronym of `defs` (paragraph,
/// definition, in text order) after one of its definitions in the cable,
/// as `(paragraph, start, end, index of the latest definition before it)`:
/// one automaton over the cable's acronyms, one pass over its text.
pub(crate) fn acronym_uses(
    cable: &crate::cable::Cable,
    defs: &[(usize, &Definition)],
    mut each: impl FnMut(usize, usize, usize, usize),
) {
    let mut shorts: Vec<&str> = defs.iter().map(|(_, d)| d.short.as_str()).collect();
    shorts.sort_unstable();
    shorts.dedup();
    let Ok(ac) = aho_corasick::AhoCorasick::new(&shorts) else {
        return;
    };
    // each acronym's definitions, in text order (as `defs` is)
    let mut by_short: Vec<Vec<usize>> = vec![Vec::new(); shorts.len()];
    for (i, (_, d)) in defs.iter().enumerate() {
        if let Ok(k) = shorts.binary_search(&d.short.as_str()) {
            by_short[k].push(i);
        }
    }
    let is_word = |c: Option<char>| c.is_some_and(|c| c == '_' || c.is_alphanumeric());
    for (qi, q) in cable.paragraphs.iter().enumerate() {
        let t = q.text.as_str();
        for hit in ac.find_overlapping_iter(t) {
            let (s, e) = (hit.start(), hit.end());
            if is_word(t[..s].chars().next_back()) || is_word(t[e..].chars().next()) {
                continue;
            }
            // the latest definition of this acronym before the use
            let mine = &by_short[hit.pattern().as_usize()];
            let before = mine.partition_point(|&i| (defs[i].0, defs[i].1.end) <= (qi, s));
            if before > 0 {
                each(qi, s, e, mine[before - 1]);
            }
        }
    }
}

/// Is the lower-case long form `l` (last word `last`) an organization's
/// name whatever its head word: a body of several states, of the UN or
/// NATO, a business council, a party organ, the media, a think tank?
fn association(l: &str, last: &str) -> bool {
    // a body of several states ("European Court of Human Rights",
    // "International Civilian Office", "Transatlantic Economic Council"),
    // not a state's department of international affairs or a programme
    let international = ["european ", "transatlantic ", "inter-american ", "international "]
        .iter()
        .any(|p| l.starts_with(p))
        // its head word ("European Court of Human Rights", "International
        // Criminal Tribunal for the former Yugoslavia", "International
        // Olympic Committee")
        && [
            "court",
            "office",
            "council",
            "board",
            "commission",
            "tribunal",
            "agency",
            "committee",
            // ("International Water Management Institute")
            "institute",
            // ("European Central Bank", "Inter-American Development Bank")
            "bank",
        ]
        .contains(&head_word(l))
        && !l
            .split(' ')
            .any(|w| ["ministry", "department", "directorate", "secretariat"].contains(&w));
    // a business council or a UN programme is an organization, and so is
    // a communist party's organ ("Politburo Standing Committee", "Central
    // Propaganda Department")
    international
        || ["politburo", "central committee", "propaganda department"]
            .iter()
            .any(|w| l.contains(w))
        || l.contains("business ")
        // media ("Inter Press Service"), a think tank ("German Foreign
        // Relations Council")
        || l.split([' ', '-']).any(|w| ["press", "news"].contains(&w))
            && !l.split(' ').any(|w| {
                ["ministry", "department", "directorate", "secretariat", "office", "board", "bureau"]
                    .contains(&w)
            })
        || l.contains("foreign relations")
        || l.contains("foreign policy")
        || l.contains("strategic studies")
        || ((l.starts_with("world ") || l.starts_with("un ") || l.starts_with("united nations "))
            && ["program", "programme"].contains(&last))
        // a body of the United Nations or NATO ("UN Relief and Works
        // Agency", "Office of the High Commissioner for Refugees",
        // "North Atlantic Council") (not its conventions and treaties)
        || ((["un ", "u.n. ", "united nations ", "north atlantic ", "nato ", "nato-"]
            .iter()
            .any(|p| l.starts_with(p))
            || l.contains("high commissioner"))
            && !l.split(' ').any(|w| {
                ["convention", "treaty", "agreement", "protocol", "declaration", "charter"]
                    .contains(&w)
            }))
}

/// `Federal Investigative Agency` → `agency`, …
pub(crate) fn guess_kind(long: &str) -> &'static str {
    let l = long.to_lowercase();
    let last = l.rsplit(' ').next().unwrap_or("");
    const PROGRAM: &[&str] = &[
        "initiative",
        "program",
        "programme",
        "plan",
        "strategy",
        "project",
        "fund",
        "agreement",
        "treaty",
        "accord",
        "act",
        "law",
        "operation",
        "system",
        "convention",
        "platform",
        "funds",
    ];
    let words: Vec<&str> = long.split(' ').collect();
    let named = words.iter().all(|w| {
        w.chars().next().is_some_and(char::is_uppercase) || ["bin", "de", "al"].contains(w)
    });
    let association = association(&l, last);
    if association {
        "organization"
    } else if armed_group(&l) {
        "group"
    } else if crate::acronyms::AGENCY_WORDS.contains(&last)
        // (a command's area after a hyphen: "Combined Security Transition
        // Command-Afghanistan")
        || last
            .split_once('-')
            .is_some_and(|(head, _)| crate::acronyms::AGENCY_WORDS.contains(&head))
        || l.starts_with("office ")
        || l.starts_with("government of ")
        // a government by another name ("Transitional Federal Government"),
        // a prosecutor's office, an air force
        || last == "government"
        // a central bank ("Reserve Bank of Zimbabwe", "Bank Negara"), a
        // state security service ("Committee for National Security")
        || l.contains("central bank")
        || l.starts_with("reserve bank")
        || l.starts_with("bank negara")
        || ((l.contains("national security") || l.contains("state security"))
            && !PROGRAM.contains(&last))
        // a legislature ("Assembly of Experts", "National Assembly")
        || head_word(&l) == "assembly"
            && !["world ", "parliamentary "].iter().any(|p| l.starts_with(p))
            && !l.contains("general assembly")
        // a security or intelligence service by another name ("Political
        // Security Organization", "Inter-Services Intelligence")
        || l.ends_with("security organization")
        || l.ends_with("intelligence organization")
        // a military formation ("Multi-National Division-South", "III
        // Corps", "4th Infantry Brigade")
        || l.split([' ', '-'])
            .any(|w| ["division", "corps", "brigade", "battalion", "regiment"].contains(&w))
        || l.split(' ').any(|w| w.starts_with("prosecutor"))
        || l.contains("air force")
        // a ministry's or directorate's word anywhere ("Department for
        // Transport", "Directorate General of Forces Intelligence",
        // "Argentina's State Secretariat for Intelligence")
        || l.split(' ').any(|w| ["ministry", "secretariat", "directorate", "department"].contains(&w))
        // a state body's word, then "of" ("Federal Office of Criminal
        // Investigation"; not "Institute of …" or "Council of …", which
        // name think tanks, parties and international bodies as often)
        || [" of ", " for "].iter().any(|sep| {
            l.split_once(sep).is_some_and(|(head, _)| {
                head.rsplit(' ').next().is_some_and(|w| STATE_HEADS.contains(&w))
            })
        })
        // a state's forces abroad ("U.S. Forces in Korea")
        || l.split_once(" in ").is_some_and(|(head, _)| {
            head.rsplit(' ')
                .next()
                .is_some_and(|w| ["forces", "force", "command", "army", "navy"].contains(&w))
        })
    {
        "agency"
    } else if PROGRAM.contains(&last)
        || ["operation ", "agreement ", "treaty ", "convention "]
            .iter()
            .any(|p| l.starts_with(p))
        || [
            " agreement on ",
            " treaty on ",
            " convention on ",
            " plan on ",
            " plan for ",
        ]
        .iter()
        .any(|p| l.contains(p))
    {
        "program"
    } else if named && (2..=4).contains(&words.len()) && !crate::acronyms::institutional(long) {
        "person" // an acronym for a person: "Mohammed bin Zayed (MbZ)"
    } else {
        "organization"
    }
}

/// Words that, before "of", make a long form a state body.
const STATE_HEADS: &[&str] = &[
    "ministry",
    "department",
    "office",
    "directorate",
    "secretariat",
    "agency",
    "bureau",
    "service",
    "services",
    "command",
    "administration",
    "court",
    "tribunal",
    "board",
    "authority",
    "police",
    "army",
    "navy",
    "forces",
    "force",
    "guard",
    "corps",
    "division",
    "commission",
];

/// Does a lower-cased long form name an armed group: forces, an army or
/// brigades that call themselves revolutionary, rebel, liberating or democratic
/// ("Revolutionary Armed Forces of Colombia", "Allied Democratic Forces",
/// "Popular Revolutionary Army"), not a state's army ("People's Liberation
/// Army", Cuba's "Revolutionary Armed Forces")?
fn armed_group(l: &str) -> bool {
    const MARKERS: &[&str] = &[
        "revolutionary",
        "liberation",
        "rebel",
        "insurgent",
        "guerrilla",
        "militia",
        "resistance",
        "democratic",
        "mujahideen",
    ];
    // the head noun: the last word before any "of" or "for" ("… Forces of
    // Colombia", "Democratic Forces for the Liberation of Rwanda")
    let l = l.replace('’', "'").replace(",s ", "'s ");
    let head = head_of(&l);
    let last = head_word(&l);
    let fighting = ["fighting", "combatant", "jihad", "mujahideen"];
    (["forces", "force", "army", "brigade", "brigades"].contains(&last)
        && l.split([' ', '-']).any(|w| MARKERS.contains(&w))
        // a liberation front, a fighting group ("Oromo Liberation Front",
        // "Libyan Islamic Fighting Group")
        || (last == "front" && head.split(' ').any(|w| w == "liberation"))
        || (last == "group" && head.split(' ').any(|w| fighting.contains(&w))))
        && !l.contains("people's liberation army")
        // a state's guard and its units ("Islamic Revolutionary Guards
        // Corps-Qods Force")
        && !l.contains("revolutionary guard")
        && !l.contains("cuba")
        && !l.starts_with("ministry")
}

/// A long form's head: its words before `of` and `for` ("Revolutionary
/// Armed Forces" of "… of Colombia").
fn head_of(l: &str) -> &str {
    let head = l.split(" of ").next().unwrap_or(l);
    head.split(" for ").next().unwrap_or(head)
}

/// The last word of [`head_of`] ("court" of "european court of human
/// rights").
fn head_word(l: &str) -> &str {
    head_of(l).rsplit(' ').next().unwrap_or("")
}

/// A lower-case ASCII slug: `García Luna` → `garcia-luna`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in normalize(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let t = out.trim_end_matches('-').to_string();
    if t.is_empty() {
        "x".into()
    } else {
        t
    }
}

pub(crate) fn is_name_word(w: &str) -> bool {
    // an Arabic article joined to the name (`al-Alimi`, `el-Baradei`)
    if let Some(rest) = w.strip_prefix("al-").or_else(|| w.strip_prefix("el-")) {
        // (an ayn's apostrophe: `al-'Anisi`)
        return is_name_word(rest.trim_start_matches(['\'', '’']));
    }
    let mut cs = w.chars();
    let Some(first) = cs.next() else { return false };
    if !first.is_uppercase() {
        return false;
    }
    let rest: String = cs.collect();
    if rest == "." {
        return true; // an initial
    }
    !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && rest.chars().any(char::is_lowercase)
        && !NOT_NAMES.contains(&w.trim_end_matches(['\'', '’']))
        && !english_compound(w)
        // a title after a title ("Lord Mayor Afzal Khan")
        && !TITLES.contains(&w)
        && !crate::segment::is_calendar_word(w)
}

/// English words joined by a hyphen, lower-case after it ("Deputy Minister
/// for Counter-narcotics Mohammad Daud"; not "Paul Van-Son")?
fn english_compound(w: &str) -> bool {
    w.split('-')
        .skip(1)
        .any(|p| p.starts_with(char::is_lowercase))
        && w.split('-').all(crate::cable::words::is_word)
}

/// Lines shorter than this are a list's (participants, addressees); prose
/// wraps at 60–70 characters.
const LIST_LINE: usize = 45;

/// Does a line break stand between `end` and `next` (a name's last word
/// and the next word of `t`), on a list's line: short, and after another
/// line (the name starts at `start`)? A name in prose wraps on long lines;
/// a list's line ends it.
pub(crate) fn short_line_ends(t: &str, start: usize, end: usize, next: usize) -> bool {
    t[..start]
        .rfind('\n')
        .is_some_and(|i| end - (i + 1) < LIST_LINE)
        && t.get(end..next).is_some_and(|gap| gap.contains('\n'))
}

/// What a list's lines make of a titled name's next word.
enum ListLine {
    /// Nothing: the name may go on.
    Goes,
    /// The name ended with its short line ("Senator Amy Klobuchar / Mr.
    /// Paul Grove").
    Ends,
    /// The word is a nationality after two name words, the next line's
    /// ("Ali Mamlouk / Syrian Ambassador").
    Next,
    /// The short line ended with a post's city: the title was its, and the
    /// name is the next line's ("Consul General Hong Kong / Robert Goldberg").
    WasPost,
}

/// [`ListLine`] of the word at `next` (its core `core`) after a name of `n`
/// words spanning `so_far` in `text`.
fn list_line(text: &str, so_far: (usize, usize), next: usize, n: usize, core: &str) -> ListLine {
    if short_line_ends(text, so_far.0, so_far.1, next) {
        if crate::resolve::is_post_city(&normalize(&text[so_far.0..so_far.1])) {
            ListLine::WasPost
        } else {
            ListLine::Ends
        }
    } else if n >= 2 && crate::resolve::is_demonym(core) {
        ListLine::Next
    } else {
        ListLine::Goes
    }
}

/// `(title, name, start, end)` for every titled name in `text`; the span
/// is the name's, in `text`'s byte offsets.
///
/// Long by design: one walk over the words with an arm per kind of name
/// word, one grammar read in one place (as `Header::scan` for a header).
#[allow(clippy::too_many_lines)]
pub fn titled_names(text: &str) -> Vec<(String, String, usize, usize)> {
    // words with byte spans, split on any white space
    let words = crate::segment::word_spans(text);
    let w = |k: usize| &text[words[k].0..words[k].1];
    let mut out = Vec::new();
    let mut k = 0;
    'outer: while k < words.len() {
        for t in TITLES {
            if !t.starts_with(w(k)) {
                continue; // (cheap test before splitting the title)
            }
            let tw: Vec<&str> = t.split(' ').collect();
            if k + tw.len() >= words.len() {
                continue;
            }
            if !(0..tw.len()).all(|j| w(k + j) == tw[j]) {
                continue;
            }
            // a consulate's name, not a title (`Consulate General Peshawar`)
            if k > 0 && ["Consulate", "Consulates"].contains(&w(k - 1)) {
                continue;
            }

            // a title preceded by a capitalised word is part of a name
            // ("Attorney General" in "Deputy Attorney General" is handled
            // by the longer title first)
            let mut j = k + tw.len();
            // the name's first word (the next line's when a list's line
            // ends with a post's city: "Consul General Guangzhou / Mark
            // Lambert")
            let mut first_word = j;
            let mut last_name_word: Option<usize> = None;
            let mut n = 0;
            let mut after_initial = false;
            let mut stopped = false;
            // a surname in capitals goes on only in capitals (`Mohamed
            // Kamel REZAG BARA, Counselor`)
            let mut in_caps = false;
            while j < words.len() && n < 4 {
                let raw = w(j);
                let (core, stop) = name_core(raw);
                if let Some(l) = last_name_word {
                    let so_far = (words[first_word].0, words[l].1);
                    match list_line(text, so_far, words[j].0, n, core) {
                        ListLine::Goes => {}
                        ListLine::Ends => {
                            stopped = true;
                            break;
                        }
                        ListLine::Next => break,
                        ListLine::WasPost => {
                            first_word = j;
                            last_name_word = None;
                            n = 0;
                            continue;
                        }
                    }
                }
                // the words that are names only between name words need
                // the next word to be one
                let before_name = || {
                    last_name_word.is_some()
                        && j + 1 < words.len()
                        && is_name_word(name_core(w(j + 1)).0)
                };
                // `Said` is a name before another name word (`Hassan Said
                // Khaireh`), else the verb
                let said_name = core == "Said" && !stop && before_name();
                // a surname in capitals after a given name (`Mohammed
                // BEDJAOUI`); the capitals then go on (`REZAG BARA`)
                let caps_surname = last_name_word.is_some()
                    && caps_word(core)
                    && (in_caps || core.chars().count() >= 5);
                // an initial written without its full stop (`Naresh C
                // Saxena`)
                let bare_initial = core.len() == 1
                    && core.chars().all(|c| c.is_ascii_uppercase())
                    && !stop
                    && before_name();
                if caps_surname && !in_caps {
                    in_caps = true;
                } else if in_caps && !caps_surname {
                    break; // the capitals end the name
                }
                // `Bin`, `Ibn` capitalised are still particles
                let capital_particle =
                    ["Bin", "Ibn", "Bint", "Al", "El", "Ben"].contains(&core) && before_name();
                if (is_name_word(core) && !capital_particle)
                    || said_name
                    || caps_surname
                    || bare_initial
                {
                    // a capitalised particle opening the surname (`Vann H.
                    // Van Diepen`)
                    let opens_surname =
                        PARTICLES.iter().any(|p| p.eq_ignore_ascii_case(core)) && before_name();
                    last_name_word = Some(j);
                    n += 1;
                    j += 1;
                    // one surname after a middle initial (`William B.
                    // Wood Cynthia Echeverria` lists two people), unless
                    // a particle goes on (`John F. van Dyke`)
                    let initial =
                        bare_initial || (core.chars().count() == 2 && core.ends_with('.'));
                    if stop || (after_initial && !initial && !opens_surname) {
                        stopped = stop;
                        break;
                    }
                    after_initial = initial && n > 1;
                } else if (PARTICLES.contains(&core) || capital_particle)
                    && last_name_word.is_some()
                    && !stop
                {
                    j += 1;
                } else if last_name_word.is_some()
                    && raw.starts_with(['"', '“'])
                    && raw.ends_with(['"', '”'])
                    && raw.chars().count() > 2
                {
                    // a nickname in quotes inside the name (`Manuel "Mel"
                    // Zelaya`)
                    j += 1;
                } else {
                    break;
                }
            }
            // a name run into a body's word is that body's name
            // (`Director Tata Energy Research Institute`, `Director
            // Military Intelligence and Security`)
            if last_name_word.is_some()
                && !stopped
                && j < words.len()
                && BODY_WORDS.contains(&name_core(w(j)).0)
                && last_name_word == Some(j - 1)
            {
                k = j + 1;
                continue 'outer;
            }
            // a body after `General` ("General Society of Authors")
            if *t == "General" && n == 1 && j < words.len() && w(j) == "of" {
                k = j;
                continue 'outer;
            }
            if let Some(l) = last_name_word {
                let mut s = words[first_word].0;
                // the end of a longer title, a noun ("Director of General
                // Procurement Obaid Al Ketbi"), before a full name
                let first = name_core(w(first_word)).0;
                if n >= 3
                    && ["ment", "tion", "sion", "ship", "ity"]
                        .iter()
                        .any(|x| first.ends_with(x))
                    && crate::cable::words::is_word(first)
                {
                    s = words[first_word + 1].0;
                }
                let (core, _) = name_core(w(l));
                let e = words[l].0 + core.len();
                let name = text[s..e].to_string();
                let prev = (k > 0).then(|| w(k - 1));
                let next = (l + 1 < words.len()).then(|| w(l + 1));
                if !(n == 1 && no_person(t, &name, prev, next)) {
                    out.push((t.to_string(), name, s, e));
                }
                k = l + 1;
                continue 'outer;
            }
        }
        k += 1;
    }
    out
}

/// Is the one-word `name` after title `title` no person? A lone initial;
/// a royal's given name alone (`Prince Charles`, `Sheikh Khalifa`: one
/// node per cable named "Charles" would tell the reader nothing); a post
/// (`Consul General Lagos`); a demonym ("told the Ambassador Spanish
/// public opinion …"; a country's name may be a surname: Representative
/// Israel); a rank's first word ("J5 Major General Robert Allardice").
fn no_person(title: &str, name: &str, prev: Option<&str>, next: Option<&str>) -> bool {
    name.ends_with('.')
        || ["Prince", "Sheikh", "Shaykh"].contains(&title)
        || (prev == Some("Consul") && crate::resolve::is_post_city(name))
        || crate::resolve::is_demonym(name)
        || (RANKS.contains(&name) && next == Some("General"))
}

/// A word without trailing punctuation or possessive, and whether the
/// punctuation ends the name.
pub(crate) fn name_core(raw: &str) -> (&str, bool) {
    let mut core = raw;
    let mut stop = false;
    // a dash written as two hyphens ends the name (`Mejia--who`)
    if let Some(at) = core.find("--") {
        core = &core[..at];
        stop = true;
    }
    // peel the word's end until nothing more comes off: a possessive
    // (cables write `,s`: `Goldberg,s useful talks`), signs, and a full
    // stop unless the word is an initial (`Jaafar).`, `Mallik's*`)
    loop {
        let before = core.len();
        for suffix in ["'s", "’s", ",s"] {
            core = core.strip_suffix(suffix).unwrap_or(core);
        }
        // a cable's word run in by a dash (`Guebuza-septel)`)
        for word in ["septels", "septel", "reftels", "reftel"] {
            if let Some(c) = core.strip_suffix(word) {
                let c = c.trim_end_matches(['-', '‐', '‑', '–', '—']);
                if c.len() < core.len() - word.len() && !c.is_empty() {
                    core = c;
                }
            }
        }
        // (and, in some pages, a Q for the apostrophe: `MbekiQs`)
        if let Some(c) = core
            .strip_suffix("Qs")
            .filter(|c| c.ends_with(|l: char| l.is_lowercase()))
        {
            core = c;
        }
        // a bare apostrophe after an s (`Dos Santos' China policy`)
        if let Some(c) = core.strip_suffix(['\'', '’']).filter(|c| c.ends_with('s')) {
            core = c;
        }
        core = core.trim_end_matches([',', ';', ':', ')', '"', '”', '!', '?', '*']);
        if core.ends_with('.') && core.chars().count() > 2 {
            core = &core[..core.len() - 1];
        }
        if core.len() == before {
            break;
        }
        stop = true;
    }
    (core, stop)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, String)> {
        titled_names(text)
            .into_iter()
            .map(|(t, n, s, e)| {
                assert_eq!(&text[s..e], n);
                (t, n)
            })
            .collect()
    }

    #[test]
    fn cuts_of_titled_names_keep_char_boundaries() {
        let just = |t: &str| names(t).into_iter().map(|x| x.1).collect::<Vec<_>>();
        // a cable's word after any dash; the span ends before the dash
        assert_eq!(
            just("President Armando Guebuza\u{2010}septel) won"),
            ["Armando Guebuza"]
        );
        // a short list line ends the name; a post's city ending it was the
        // title's
        assert_eq!(
            just("Participants:\nSenator Amy Klobuchar\nMr. Paul Grove, Clerk"),
            ["Amy Klobuchar", "Paul Grove"]
        );
        assert_eq!(
            just("Participants:\nConsul General Guangzhou\nMark Lambert"),
            ["Mark Lambert"]
        );
        // a long line is prose: the name wraps
        assert_eq!(
            just("the delegation met at length with Foreign Minister Armando\nGuebuza"),
            ["Armando\nGuebuza"]
        );
        // a nationality after a name of two words is the next line's
        assert_eq!(
            just("Participants:\nDirector General Ali Mamlouk\nSyrian Ambassador"),
            ["Ali Mamlouk"]
        );
        // two words are left alone ("Representative Steve Israel")
        assert_eq!(just("Rep. Steve Israel"), ["Steve Israel"]);
    }

    #[test]
    fn an_abbreviated_title_an_honorific_and_a_company_are_no_names() {
        assert_eq!(
            names(
                "Deputy Assistant Secretary Amb. Tina Kaidanow met Kano State Governor \
                 Mallam Ibrahim Shekarau about General Motors' plant and the General \
                 Comptroller"
            ),
            [
                ("Amb.".into(), "Tina Kaidanow".into()),
                ("Mallam".into(), "Ibrahim Shekarau".into())
            ]
        );
    }

    #[test]
    fn a_delegation_s_leader_and_a_longer_title_s_last_noun() {
        assert_eq!(
            names("CODEL Kerry met the GHQ Director of General Procurement Obaid Al Ketbi."),
            [
                ("CODEL".into(), "Kerry".into()),
                ("General".into(), "Obaid Al Ketbi".into()),
            ]
        );
        // a given name that is a word, not a noun's ending, stays
        assert_eq!(
            names("Ambassador Frank G. Wisner"),
            [("Ambassador".into(), "Frank G. Wisner".into())]
        );
    }

    #[test]
    fn a_lower_case_ben_goes_on_and_a_rank_is_no_name() {
        assert_eq!(
            names("Senator Monique Cerisier ben Guiga (author), General Officers' talks"),
            [("Senator".into(), "Monique Cerisier ben Guiga".into())]
        );
        assert_eq!(
            names("Military Secretary Outreach to Middle East"),
            Vec::<(String, String)>::new()
        );
        // a demonym, a title's word, a rank's
        assert_eq!(
            names(
                "told the Ambassador Spanish public opinion; General Managing Director; \
                 J5 Major General Robert Allardice"
            ),
            [("General".into(), "Robert Allardice".into())]
        );
        assert_eq!(
            names("Prime Minister John Major"),
            [("Prime Minister".into(), "John Major".into())]
        );
        // a post after a consul's title; a person after it stays
        assert_eq!(
            names("and Consul General Lagos. Consul General Donna Blair"),
            [("General".into(), "Donna Blair".into())]
        );
    }

    #[test]
    fn titled_names_are_found() {
        assert_eq!(
            names(
                "Ambassador Carlos Pascual met President Calderon's aide, DNI Dennis C. Blair \
                 and Attorney General Eduardo Medina Mora. Secretary of State Clinton"
            ),
            [
                ("Ambassador".into(), "Carlos Pascual".into()),
                ("President".into(), "Calderon".into()),
                ("DNI".into(), "Dennis C. Blair".into()),
                ("Attorney General".into(), "Eduardo Medina Mora".into()),
            ]
        );
        assert_eq!(
            names("General Security of Military Information; the Attorney General's Office"),
            Vec::<(String, String)>::new()
        );
        assert_eq!(
            names("Governor Jose  Reyes\nBaeza  said"),
            [("Governor".into(), "Jose  Reyes\nBaeza".into())]
        );
        assert_eq!(
            names("Rafael Macedo de la Concha"),
            Vec::<(String, String)>::new()
        );
        assert_eq!(
            names("General Rafael Macedo de la Concha."),
            [("General".into(), "Rafael Macedo de la Concha".into())]
        );
        // the cables' possessive `,s`; a title after the name ends it; a
        // rank or a body's word after a title is no name
        assert_eq!(
            names("Ambassador Philip Goldberg,s talks with Director Ken Yamashita Political Counselor"),
            [
                ("Ambassador".into(), "Philip Goldberg".into()),
                ("Director".into(), "Ken Yamashita".into())
            ]
        );
        assert_eq!(
            names("Division Director LtGen (ret) Kidwai; Army General Headquarters (GHQ)"),
            Vec::<(String, String)>::new()
        );
        // a name ends at `).` and `'s*`, goes on past a quoted nickname
        // and an Arabic article; a body after `General` is no name
        assert_eq!(
            names(
                "Secretary General Mustapha Ben Jaafar). Dr. Amitav Mallik's* work. \
                 President Manuel \"Mel\" Zelaya and Minister Rashad al-Alimi"
            ),
            [
                ("Secretary General".into(), "Mustapha Ben Jaafar".into()),
                ("Dr.".into(), "Amitav Mallik".into()),
                ("President".into(), "Manuel \"Mel\" Zelaya".into()),
                ("Minister".into(), "Rashad al-Alimi".into()),
            ]
        );
        assert_eq!(
            names("Foreign Minister Abdullah bin Zayid Al-Nahyan met Director Colonel Frank Childress"),
            [
                ("Foreign Minister".into(), "Abdullah bin Zayid Al-Nahyan".into()),
                ("Colonel".into(), "Frank Childress".into()),
            ]
        );
        assert_eq!(
            names("IAEA General Conference; Consulate General Peshawar; General Staffs"),
            Vec::<(String, String)>::new()
        );
        // one surname after a middle initial; `Said` before a name word; a
        // surname in capitals; `van der`; a name run into a body's word is
        // the body's
        assert_eq!(
            names(
                "Ambassador William B. Wood Cynthia Echeverria; NSS Director Hassan Said \
                 Khaireh; Mr. Mohammed BEDJAOUI, Minister; Mr. Jon XXXXXXXXXXXX; PACE \
                 President Rene van der Linden; Director Tata Energy Research Institute \
                 and Director Military Intelligence and Security; Political Minister \
                 Counsellor Scott Dewar; Director General Zafarullah Khan, Intelligence Bureau"
            ),
            [
                ("Ambassador".into(), "William B. Wood".into()),
                ("Director".into(), "Hassan Said Khaireh".into()),
                ("Mr.".into(), "Mohammed BEDJAOUI".into()),
                ("Mr.".into(), "Jon".into()),
                ("President".into(), "Rene van der Linden".into()),
                ("Director General".into(), "Zafarullah Khan".into()),
            ]
        );
        // `zu`; a surname of two words in capitals; an initial without its
        // full stop; `Prince` is a title, `General Manager` no name
        assert_eq!(
            names(
                "Secretary General Karl-Theodor zu Guttenberg; Mr. Mohamed Kamel REZAG \
                 BARA, Counselor; Secretary Naresh C Saxena; Dr. Prince Turki met the \
                 General Manager (GM) Hussein Obeid"
            ),
            [
                (
                    "Secretary General".into(),
                    "Karl-Theodor zu Guttenberg".into()
                ),
                ("Mr.".into(), "Mohamed Kamel REZAG BARA".into()),
                ("Secretary".into(), "Naresh C Saxena".into()),
            ]
        );
        assert_eq!(
            names(
                "Foreign Minister Saud al Faisal; President Zine El Abidine Ben Ali; Minister \
                 Without Portfolio; ex-Foreign Minister Maulavi Ahmad Mutawakkil; Spain's \
                 General Society of Authors"
            ),
            [
                ("Foreign Minister".into(), "Saud al Faisal".into()),
                ("President".into(), "Zine El Abidine Ben Ali".into()),
                ("Maulavi".into(), "Ahmad Mutawakkil".into()),
            ]
        );
        assert_eq!(
            names(
                "Interior Minister Prince Nayif bin Abdalaziz; Prince Charles; Sheikh Khalifa \
                   bin Zayed Charitable Foundation"
            ),
            [("Prince".into(), "Nayif bin Abdalaziz".into())]
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("García Luna"), "garcia-luna");
        assert_eq!(slug("AFI"), "afi");
        assert_eq!(slug("S/NF--"), "s-nf");
        assert_eq!(slug("¶"), "x");
    }

    #[test]
    fn kinds() {
        for (long, kind) in [
            ("Federal Investigative Agency", "agency"),
            ("Secretariat of National Defense", "agency"),
            ("Attorney General's Office", "agency"),
            (
                "General Security of Military Information Agreement",
                "program",
            ),
            ("Popular Revolutionary Army", "group"),
            ("ALLIED DEMOCRATIC FORCES", "group"),
            ("Revolutionary Armed Forces of Columbia", "group"),
            ("People's Liberation Army", "agency"),
            ("UN Convention on the Law of the Sea", "program"),
            ("National Action Party", "organization"),
            ("Agreement on Defense Cooperation", "program"),
            ("People,s Liberation Army", "agency"),
            ("French-American Business Council", "organization"),
            ("World Food Program", "organization"),
            ("Council of Europe", "organization"),
            ("Malaysian Institute of Economic Research", "organization"),
            ("Government Security Program", "program"),
            ("Government of Estonia", "agency"),
            ("Transitional Federal Government", "agency"),
            ("International Olympic Committee", "organization"),
            (
                "Prosecutor’s Office for the Suppression of Organized Crime and Corruption",
                "agency",
            ),
            ("Air Force and Air Defence", "agency"),
            ("DEMOCRATIC FORCES FOR THE LIBERATION OF RWANDA", "group"),
            ("Department for Transport", "agency"),
            ("Directorate General of Forces Intelligence", "agency"),
            ("Federal Office of Criminal Investigation", "agency"),
            (
                "Office for Suppression of Corruption and Organized Crime",
                "agency",
            ),
            ("Oromo Liberation Front", "group"),
            ("Libyan Islamic Fighting Group", "group"),
            ("Moroccan Islamic Combatant Group", "group"),
            ("Law Enforcement Working Group", "organization"),
            ("UN Relief and Works Agency", "organization"),
            (
                "Office of the High Commissioner for Refugees",
                "organization",
            ),
            ("International Court of Justice", "organization"),
            ("North Atlantic Council", "organization"),
            // (seed 39's)
            ("Reserve Bank of Zimbabwe", "agency"),
            ("Bank Negara", "agency"),
            ("Committee for National Security", "agency"),
            ("National Service for Combating Organized Crime", "agency"),
            ("Politburo Standing Committee", "organization"),
            ("Central Propaganda Department", "organization"),
            ("Coalition Support Funds", "program"),
            (
                "Center for Strategic and International Studies",
                "organization",
            ),
            ("National Security Strategy", "program"),
            (
                "International Criminal Tribunal for the former Yugoslavia",
                "organization",
            ),
            // (seed 38's)
            ("European Court of Human Rights", "organization"),
            ("International Civilian Office", "organization"),
            ("Transatlantic Economic Council", "organization"),
            ("International Renewable Energy Agency", "organization"),
            ("U.S. Forces in Korea", "agency"),
            ("International Relations Department", "agency"),
            ("International Narcotics Control Program", "program"),
        ] {
            assert_eq!(guess_kind(long), kind, "{long}");
        }
    }

    #[test]
    fn no_panic_on_odd_text() {
        for t in [
            "President",
            "President ",
            "Mr. A.",
            "General É",
            "Dr. X'",
            "Gen. ’s",
        ] {
            let _ = titled_names(t);
        }
    }
}
