//! The glue: runs the stages over every input, in parallel, in order.
//!
//! ```text
//! read ─▶ decode ─▶ cable structure ─▶ normalise ─▶ match ─▶ aggregate ─▶ export
//! read.rs decode.rs  cable/            normalize.rs matcher.rs graph.rs  export/
//! ```
//!
//! A reader thread fills batches of jobs (whole documents, or rows of a
//! CSV dump; about 512 KiB or 128 jobs each). Each batch is decoded, parsed
//! and matched in parallel with `rayon`, one job at a time per worker
//! (one call of the matcher for its paragraphs; see
//! [`crate::matcher`]), with one [`Scratch`] per worker thread, and the
//! results come back **in input order**, so every output is the same
//! whatever the thread count. The consumer (a command) aggregates and
//! writes them. At most sixteen batches are in flight: memory holds a few
//! MiB of cables, never the corpus.

use std::cell::RefCell;

use rayon::prelude::*;

use crate::acronyms::{Definition, Linked, Linker};
use crate::cable::{self, Cable, DocProblem};
use crate::decode::{binary_kind, decode_owned, overlong_line, MAX_LINE_BYTES};
use crate::dedup;
use crate::gazetteer::Gazetteer;
use crate::matcher::{Candidate, Located, Matcher, Scratch};
use crate::read::{self, InputPath, Job};
use crate::resolve::{Decision, Resolver};

pub use crate::gazetteer::TypeFilter;

/// A deterministic share of the input, for splitting a job across
/// machines: input job `k` (a document, or a row of a CSV dump, counted
/// from 0 in input order) belongs to shard `k mod count + 1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shard {
    /// Which share, from 1.
    pub index: u64,
    /// How many shares.
    pub count: u64,
}

impl Shard {
    /// Does job `k` belong to this shard?
    pub fn owns(&self, k: u64) -> bool {
        k % self.count == self.index - 1
    }
}

impl std::str::FromStr for Shard {
    type Err = String;

    /// Parse `I/N` with `1 <= I <= N`.
    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("{s:?} is not a shard like 2/8 (share 2 of 8, counted from 1)");
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u64 = i.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if count == 0 || index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// A parsed cable and the mentions found in it.
#[derive(Clone, Debug)]
pub struct Matched {
    /// The input job it came from (counted from 0 in input order).
    pub job: u64,
    /// The cable.
    pub cable: Cable,
    /// Mentions in paragraph order, then text order.
    pub mentions: Vec<Located>,
    /// Entities discovery found in this cable ([`crate::discover`]); a
    /// mention of the `k`-th has entity number `gazetteer.len() + k` until
    /// a [`crate::discover::Registry`] renumbers it.
    pub discovered: Vec<crate::discover::NewEntity>,
    /// `(paragraph, start)` of the mentions found by the OCR-tolerant
    /// matching ([`crate::ocr_match`]), sorted; empty for clean text.
    pub ocr: Vec<(usize, usize)>,
    /// What the stages recorded of their work on this cable, when the
    /// pipeline was asked to ([`Pipeline::with_recording`]); `None`
    /// otherwise.
    pub record: Option<Box<Record>>,
}

/// What a run records of each cable beyond its mentions, for the tools
/// that show or reuse the stages' work (`explain`, `suggest`). Nothing is
/// recorded by default: `extract` pays for none of it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Recording {
    /// Keep the acronym definitions found in each paragraph
    /// ([`Record::definitions`]).
    pub definitions: bool,
    /// Keep the decisions: every candidate the matcher saw, every decision
    /// of the resolve stage and every mention a definition added
    /// ([`Record::candidates`], [`Record::decisions`], [`Record::links`]).
    pub decisions: bool,
}

/// The decisions the stages took on one cable, as data (see
/// [`Recording`]); a list that was not asked for is empty.
#[derive(Clone, Debug, Default)]
pub struct Record {
    /// The acronym definitions of each paragraph that has any
    /// parenthesis: `(paragraph index, definitions)`, in paragraph order,
    /// found on the text the matcher normalised.
    pub definitions: Vec<(usize, Vec<Definition>)>,
    /// Every occurrence of every alias, with the matcher's verdict:
    /// `(paragraph index, candidate)`, by paragraph, then as
    /// [`Matcher::candidates_into`] orders them.
    pub candidates: Vec<(usize, Candidate)>,
    /// Every decision of the resolve stage, in the order taken (empty with
    /// the stage off).
    pub decisions: Vec<Decision>,
    /// The mentions the cable's acronym definitions added, with the
    /// definition behind each, by paragraph, then start.
    pub links: Vec<Linked>,
}

/// Where the results of a run go (as ripgrep's `Sink`): every matched
/// cable and every problem, **in input order**, on the thread that called
/// [`Pipeline::run_into`], then `finish` once. A results folder's tables,
/// the graph counts and the report are each a sink, or parts of one; the
/// closures of [`Pipeline::run`] and [`Pipeline::run_prepared`] are one too.
pub trait CableSink<T = ()> {
    /// What a failing sink says; the first error ends the run (reading
    /// stops; the batches already in flight are dropped) and is what the
    /// run returns.
    type Error;

    /// One matched cable, with what the run's `prepare` made of it on a
    /// worker thread (rows rendered in parallel, say).
    fn cable(&mut self, matched: Matched, prepared: T) -> Result<(), Self::Error>;

    /// An input, or a part of one, that could not be read.
    fn problem(&mut self, problem: DocProblem) -> Result<(), Self::Error>;

    /// A batch of `jobs` jobs (`bytes` bytes of input) is done: for a
    /// progress bar.
    fn progress(&mut self, _bytes: u64, _jobs: u64) {}

    /// Every result has been handed on (and none failed): flush, close,
    /// sum up.
    fn finish(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
}

/// The closures of [`Pipeline::run_prepared`] as a [`CableSink`].
struct Closures<'a, T> {
    sink: &'a mut dyn FnMut(Result<(Matched, T), DocProblem>),
    progress: &'a mut dyn FnMut(u64, u64),
}

impl<T> CableSink<T> for Closures<'_, T> {
    type Error = std::convert::Infallible;

    fn cable(&mut self, matched: Matched, prepared: T) -> Result<(), Self::Error> {
        (self.sink)(Ok((matched, prepared)));
        Ok(())
    }

    fn problem(&mut self, problem: DocProblem) -> Result<(), Self::Error> {
        (self.sink)(Err(problem));
        Ok(())
    }

    fn progress(&mut self, bytes: u64, jobs: u64) {
        (self.progress)(bytes, jobs);
    }
}

/// Everything the per-cable stages need, shared by all workers.
pub struct Pipeline<'g> {
    gazetteer: &'g Gazetteer,
    matcher: Option<Matcher>,
    keep: Vec<bool>,
    acronyms: Option<Linker>,
    shard: Option<Shard>,
    /// The resolve stage (off with `--no-context`).
    resolver: Option<Resolver>,
    /// Discovery (off unless a command asks for it).
    discoverer: Option<crate::discover::Discoverer>,
    /// The type filter (discovered entities go through it too).
    filter: TypeFilter,
    /// The OCR-tolerant matcher, built at the first OCR cable.
    ocr: std::sync::OnceLock<crate::ocr_match::OcrMatcher>,
    /// What each cable's [`Record`] keeps (nothing by default).
    recording: Recording,
}

/// The de-duplication state of one run (see [`crate::dedup`]).
struct Dedup<'a> {
    inputs: &'a [InputPath],
    /// Per input: is it a dump?
    dumps: Vec<bool>,
    /// The documents' best copies.
    plan: dedup::Plan,
    /// Ids taken by dump rows, in reading order.
    taken: std::sync::Mutex<dedup::Taken>,
}

impl Dedup<'_> {
    /// The order inputs are read in: dumps, then documents, then standard
    /// input (each group in sorted order).
    fn order(&self) -> Vec<usize> {
        let stdin = |j: &usize| matches!(self.inputs[*j], InputPath::Stdin);
        let all = 0..self.inputs.len();
        let dumps = all.clone().filter(|j| self.dumps[*j] && !stdin(j));
        let docs = all.clone().filter(|j| !self.dumps[*j] && !stdin(j));
        dumps.chain(docs).chain(all.filter(stdin)).collect()
    }

    /// `FILE`, `FILE:LINE` or `FILE:row N` of an origin.
    fn name(&self, o: dedup::Origin) -> String {
        let name = self.inputs[o.input as usize].name();
        match (o.at, self.dumps[o.input as usize]) {
            (0, _) => name,
            (at, true) => format!("{name}:row {at}"),
            (at, false) => format!("{name}:{at}"),
        }
    }

    /// The warning for a copy of a cable that is not read: noted in
    /// `notes`, which reach standard error in reading order with the
    /// cables (the workers find them in any order).
    fn skipped(
        &self,
        notes: &mut Vec<String>,
        source: &str,
        id: &str,
        other: dedup::Origin,
        form: &str,
    ) {
        notes.push(format!(
            "{source}: warning: cable {id} also read from {} ({form}); this copy skipped",
            self.name(other)
        ));
    }

    /// Should this dump row be read? The first row of an id is; a later
    /// row of it, or a row on standard input whose id a document has, is
    /// not (with a warning in `notes`). Called in reading order.
    fn keep_row(&self, input: u32, row: &Job, notes: &mut Vec<String>) -> bool {
        let Job::Row { source, meta, .. } = row else {
            return true;
        };
        let Some(id) = meta.id.as_deref() else {
            return true;
        };
        let key = dedup::id_key(id);
        if matches!(self.inputs[input as usize], InputPath::Stdin) {
            if let Some((rank, other, _)) = self.plan.winner(key) {
                self.skipped(notes, source, id, other, dedup::rank_name(rank));
                return false;
            }
        }
        let origin = dedup::Origin {
            input,
            at: number_after(source, ":row "),
        };
        let mut taken = self.taken.lock().unwrap_or_else(|e| e.into_inner());
        match taken.take(key, origin) {
            None => true,
            Some(other) => {
                drop(taken);
                self.skipped(notes, source, id, other, "a dump row read first");
                false
            }
        }
    }

    /// Drop the cables of a document (input `input`) that are not the copy
    /// of their id that is read: a dump row has the id, a richer or earlier
    /// document copy does, or the same document had it already (with a
    /// warning in `notes`).
    fn filter_document(
        &self,
        input: u32,
        parsed: &mut Vec<Result<Cable, DocProblem>>,
        notes: &mut Vec<String>,
    ) {
        let stdin = matches!(self.inputs[input as usize], InputPath::Stdin);
        let mut here: std::collections::HashSet<u64> = Default::default();
        let mut index = 0u32;
        parsed.retain(|r| {
            let i = index;
            index += 1;
            let Ok(c) = r else { return true };
            if cable::text::is_fallback_id(&c.id, &c.source) {
                return true; // no id of its own: nothing to compare
            }
            let key = dedup::id_key(&c.id);
            let taken = self
                .taken
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .get(key);
            if let Some(other) = taken {
                self.skipped(notes, &c.source, &c.id, other, "a dump row, read first");
                return false;
            }
            // (standard input has no first pass: any document copy wins)
            if let Some((rank, other, at)) = self.plan.winner(key) {
                if other.input != input {
                    self.skipped(notes, &c.source, &c.id, other, dedup::rank_name(rank));
                    return false;
                }
                debug_assert!(stdin || at <= i, "the first copy in a document wins");
            }
            if !here.insert(key) {
                notes.push(format!(
                    "{}: warning: cable {} twice in this input; this copy skipped",
                    c.source, c.id
                ));
                return false;
            }
            true
        });
    }
}

/// The number after `marker` at the end of `source` (`FILE:row 12` → 12;
/// `FILE:7` with `:` → 7), 0 when there is none or it does not fit.
fn number_after(source: &str, marker: &str) -> u32 {
    source
        .rsplit_once(marker)
        .and_then(|(_, n)| n.parse().ok())
        .unwrap_or(0)
}

/// Bytes of input gathered before a batch is processed: 512 KiB (with
/// [`BATCH_JOBS`], about 128 cables of the dump), where 256 KiB (about 73)
/// took 3-4% more wall time for `extract` in paired runs on the 270 MB dump
/// (session 57; fewer batches to hand out, send back and free), and 1 MiB
/// with 256 jobs 3.6% more than 512 KiB, with 169 MiB of memory instead
/// of 118.
const BATCH_BYTES: usize = 512 * 1024;
/// Jobs gathered before a batch is processed.
const BATCH_JOBS: usize = 128;

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::new());
}

impl<'g> Pipeline<'g> {
    /// A pipeline that matches `gazetteer`, keeping the types `filter`
    /// allows. Without matching (`parse`), pass `matching = false`. Fails
    /// when the gazetteer's automaton cannot be built (see
    /// [`Matcher::new`]).
    pub fn new(
        gazetteer: &'g Gazetteer,
        filter: &TypeFilter,
        matching: bool,
    ) -> Result<Pipeline<'g>, crate::matcher::BuildError> {
        let keep = gazetteer
            .entities()
            .iter()
            .map(|e| filter.keeps(&e.kind))
            .collect();
        // the automaton is built on a thread of its own while the tables
        // that need only the matcher's patterns are made here
        let building = matching.then(|| Matcher::start(gazetteer));
        let acronyms = building
            .as_ref()
            .map(|b| Linker::new(gazetteer, b.tables()));
        let resolver = building
            .as_ref()
            .map(|b| Resolver::new(gazetteer, b.tables()));
        let matcher = building.map(crate::matcher::Building::finish).transpose()?;
        Ok(Pipeline {
            gazetteer,
            matcher,
            keep,
            acronyms,
            shard: None,
            resolver,
            discoverer: None,
            filter: filter.clone(),
            ocr: std::sync::OnceLock::new(),
            recording: Recording::default(),
        })
    }

    /// Record the stages' work on each cable in [`Matched::record`], as
    /// `recording` asks (by default nothing is recorded, and nothing is
    /// paid for).
    pub fn with_recording(mut self, recording: Recording) -> Pipeline<'g> {
        self.recording = recording;
        self
    }

    /// Turn discovery ([`crate::discover`]) on with these rules (none:
    /// off). The caller then owns a [`crate::discover::Registry`] that
    /// renumbers each cable's discovered entities.
    pub fn with_discovery(mut self, rules: crate::discover::Rules) -> Pipeline<'g> {
        self.discoverer = (self.matcher.is_some() && !rules.is_none())
            .then(|| crate::discover::Discoverer::new(self.gazetteer, rules, &self.filter));
        self
    }

    /// Turn the resolve stage ([`crate::resolve`]) on (the default) or off
    /// (`--no-context`: every candidate the matcher finds is kept).
    pub fn with_context(mut self, on: bool) -> Pipeline<'g> {
        if !on {
            self.resolver = None;
        }
        self
    }

    /// The resolve stage, when on.
    pub fn resolver(&self) -> Option<&Resolver> {
        self.resolver.as_ref()
    }

    /// Process only the jobs of one shard (the others are read, counted
    /// and dropped before parsing).
    pub fn with_shard(mut self, shard: Option<Shard>) -> Pipeline<'g> {
        self.shard = shard;
        self
    }

    /// The matcher, when matching.
    pub fn matcher(&self) -> Option<&Matcher> {
        self.matcher.as_ref()
    }

    /// Match the paragraphs of a job's cables, in one call of the matcher.
    /// Results are in the order of `cables`.
    fn match_cables(&self, cables: Vec<Cable>, scratch: &mut Scratch) -> Vec<Matched> {
        let mut mentions: Vec<Vec<Located>> = vec![Vec::new(); cables.len()];
        let mut definitions: Vec<Vec<_>> = vec![Vec::new(); cables.len()];
        let recording = self.recording != Recording::default() && self.matcher.is_some();
        let mut records: Vec<Record> = if recording {
            vec![Record::default(); cables.len()]
        } else {
            Vec::new()
        };
        if let Some(m) = &self.matcher {
            // (cable, paragraph) of every paragraph, in order
            let texts: Vec<(usize, usize)> = cables
                .iter()
                .enumerate()
                .flat_map(|(c, cable)| (0..cable.paragraphs.len()).map(move |p| (c, p)))
                .collect();
            let text = |i: usize| cables[texts[i].0].paragraphs[texts[i].1].text.as_str();
            let mut candidates = Vec::new();
            m.find_each(texts.len(), text, scratch, |i, norm, found| {
                let (c, paragraph) = texts[i];
                mentions[c].extend(found.iter().map(|&mention| Located { paragraph, mention }));
                // (`memchr`: the paragraph is long and mostly has none)
                let paren = || memchr::memchr(b'(', text(i).as_bytes()).is_some();
                if (self.acronyms.is_some() || self.resolver.is_some()) && paren() {
                    // on the text the matcher has just normalised
                    definitions[c].push((paragraph, crate::acronyms::find_in(norm)));
                }
                if recording && self.recording.decisions {
                    // every candidate, on the same normalised text
                    m.candidates_into(norm, &mut candidates);
                    let r = &mut records[c].candidates;
                    r.extend(candidates.drain(..).map(|x| (paragraph, x)));
                }
            });
        }
        let mut records = records.into_iter();
        cables
            .into_iter()
            .zip(mentions.into_iter().zip(definitions))
            .map(|(cable, (mut mentions, definitions))| {
                let mut discovered = Vec::new();
                let mut record = records.next().map(Box::new);
                if let Some(r) = record.as_deref_mut().filter(|_| self.recording.definitions) {
                    r.definitions = definitions.clone();
                }
                let kept_definitions = self.discoverer.as_ref().map(|_| definitions.clone());
                let mut ocr = Vec::new();
                if let Some(m) = &self.matcher {
                    // OCR text: aliases also through the usual OCR confusions
                    if cable.is_ocr() {
                        let loose = self
                            .ocr
                            .get_or_init(|| crate::ocr_match::OcrMatcher::new(m, self.gazetteer));
                        ocr = loose.extend(&cable, &mut mentions);
                    }
                    let decisions = record.as_deref_mut().filter(|_| self.recording.decisions);
                    let (decisions, links) = match decisions {
                        Some(r) => (Some(&mut r.decisions), Some(&mut r.links)),
                        None => (None, None),
                    };
                    // every candidate judged in its cable
                    match &self.resolver {
                        Some(r) => r.resolve(&cable, &mut mentions, &definitions, decisions),
                        // without the stage a bare surname (a common one,
                        // no alias) is never its person
                        None => mentions.retain(|x| !m.is_surname(x.mention.pattern)),
                    }
                    // acronyms the cable defines name their long form's entity
                    if let Some(l) = &self.acronyms {
                        l.link_with(&cable, &mut mentions, definitions, links);
                    }
                    mentions.retain(|x| self.keep[x.mention.entity as usize]);
                    // names the gazetteer lacks
                    if let (Some(d), Some(defs)) = (&self.discoverer, kept_definitions) {
                        let base = self.gazetteer.len() as u32;
                        discovered =
                            d.discover(&cable, &mut mentions, &defs, base, self.resolver.as_ref());
                    }
                }
                Matched {
                    job: 0,
                    cable,
                    mentions,
                    discovered,
                    ocr,
                    record,
                }
            })
            .collect()
    }

    /// Decode and parse one job: its cables (or what was wrong).
    fn parse(&self, job: Job) -> Vec<Result<Cable, DocProblem>> {
        self.parse_doc(job, false).1
    }

    /// [`Pipeline::parse`], with the format a document was read as. With
    /// `ids_only`, a cable page whose reference table names its id comes
    /// back as a cable with only that id (what the first pass of
    /// de-duplication needs; the page's text parser would find the same).
    fn parse_doc(
        &self,
        job: Job,
        ids_only: bool,
    ) -> (Option<cable::Format>, Vec<Result<Cable, DocProblem>>) {
        let mut cables = Vec::new();
        let format;
        match job {
            Job::Document { source, bytes } => {
                if let Some(kind) = binary_kind(&bytes) {
                    return (
                        None,
                        vec![Err(DocProblem {
                            location: crate::problem::Location::file(source),
                            message: format!("not cable text: {kind}; skipped"),
                        })],
                    );
                }
                // counted only when there are any (a fast scan first)
                let nuls = if bytes.contains(&0) {
                    bytes.iter().filter(|&&b| b == 0).count()
                } else {
                    0
                };
                let (text, encoding) = decode_owned(bytes);
                // a long line is fine in HTML or JSON Lines (a page or an
                // object on one line); in text it is not a cable line
                let (detected, parse) = cable::format::document(&text, &source);
                format = Some(detected);
                let overlong = if detected == cable::Format::Text {
                    overlong_line(&text)
                } else {
                    None
                };
                if let Some((line, len)) = overlong {
                    return (
                        format,
                        vec![Err(DocProblem {
                            location: crate::problem::Location::file(source).line(line as u64),
                            message: format!(
                                "line of {len} bytes, over the {} MiB a cable line may have; skipped",
                                MAX_LINE_BYTES >> 20
                            ),
                        })],
                    );
                }
                if ids_only && detected == cable::Format::Html {
                    if let Some(id) = cable::html::reference_table(&text).id {
                        let c = Cable {
                            id,
                            source,
                            ..Cable::default()
                        };
                        return (format, vec![Ok(c)]);
                    }
                }
                parse(&text, &source, &mut |c| cables.push(c));
                if let (crate::decode::Encoding::Mixed(n), Some(Ok(c))) =
                    (encoding, cables.first_mut())
                {
                    c.warnings.push(format!(
                        "not all UTF-8: {n} stray byte{} read as Windows-1252, the rest as UTF-8",
                        if n == 1 { "" } else { "s" }
                    ));
                }
                if nuls > 0 {
                    if let Some(Ok(c)) = cables.first_mut() {
                        c.warnings.push(format!(
                            "{nuls} NUL byte{} ignored",
                            if nuls == 1 { "" } else { "s" }
                        ));
                    }
                }
            }
            row @ Job::Row { .. } => {
                format = Some(cable::Format::CablegateCsv);
                cables.push(cable::parse_job_row(row))
            }
            Job::Scan {
                source, kind, file, ..
            } => return (None, cable::pdf::read_scan(file.path(), kind, &source)),
        }
        (format, cables)
    }

    /// Decode, parse and match one job (numbered `k`): the result of each
    /// of its cables, in order (a document holds one cable, a dump row one,
    /// a file of several cables each of them), and the warnings about
    /// copies of its cables not read.
    fn process_job(
        &self,
        (k, input, job): (u64, u32, Result<Job, DocProblem>),
        dedup: &Dedup<'_>,
    ) -> (Vec<Result<Matched, DocProblem>>, Vec<String>) {
        let document = matches!(job, Ok(Job::Document { .. }));
        let mut parsed = job.map_or_else(|p| vec![Err(p)], |job| self.parse(job));
        let mut notes = Vec::new();
        if document {
            dedup.filter_document(input, &mut parsed, &mut notes);
        }
        let mut good = Vec::new();
        let slots: Vec<Result<(), DocProblem>> = parsed
            .into_iter()
            .map(|c| c.map(|cable| good.push(cable)))
            .collect();
        let mut matched = SCRATCH
            .with(|s| self.match_cables(good, &mut s.borrow_mut()))
            .into_iter();
        let results = slots
            .into_iter()
            .map(|slot| {
                slot.map(|()| Matched {
                    job: k,
                    ..matched.next().expect("one match per parsed cable")
                })
            })
            .collect();
        (results, notes)
    }

    /// The first pass of de-duplication: which inputs are dumps, and the
    /// id and rank of every document cable (see [`crate::dedup`]). Inputs
    /// are read in chunks, in parallel, and only a few bytes per distinct
    /// id are kept. A run of one input needs no first pass.
    fn first_pass<'a>(&self, inputs: &'a [InputPath]) -> Dedup<'a> {
        let mut dumps = vec![false; inputs.len()];
        let mut plan_seen: Vec<dedup::Seen> = Vec::new();
        let mut plan = dedup::Plan::default();
        if inputs.len() > 1 {
            for (c, chunk) in inputs.chunks(256).enumerate() {
                let found: Vec<(bool, Vec<dedup::Seen>)> = chunk
                    .par_iter()
                    .enumerate()
                    .map(|(i, input)| self.first_look(input, (c * 256 + i) as u32))
                    .collect();
                for (i, (dump, seen)) in found.into_iter().enumerate() {
                    dumps[c * 256 + i] = dump;
                    plan_seen.extend(seen);
                }
                plan.extend(plan_seen.drain(..));
            }
        }
        Dedup {
            inputs,
            dumps,
            plan,
            taken: Default::default(),
        }
    }

    /// One input in the first pass: a dump (not read past its head), or a
    /// document's cables as `Seen`.
    fn first_look(&self, input: &InputPath, j: u32) -> (bool, Vec<dedup::Seen>) {
        if matches!(input, InputPath::Stdin) {
            return (false, Vec::new());
        }
        // (a warning reading gives is dropped here: the second pass reads
        // the input again and gives it then, in its place)
        match read::collect_notes(|| read::document(input)).0 {
            None => (true, Vec::new()),
            Some(Err(_)) => (false, Vec::new()),
            Some(Ok(job)) => {
                let (format, results) = self.parse_doc(job, true);
                let seen = results
                    .iter()
                    .enumerate()
                    .filter_map(|(i, r)| {
                        let c = r.as_ref().ok()?;
                        if cable::text::is_fallback_id(&c.id, &c.source) {
                            return None;
                        }
                        Some(dedup::Seen {
                            key: dedup::id_key(&c.id),
                            rank: format.map_or(dedup::RANK_TEXT, |f| dedup::rank(f, c)),
                            index: i as u32,
                            origin: dedup::Origin {
                                input: j,
                                at: number_after(&c.source, ":"),
                            },
                        })
                    })
                    .collect();
                (false, seen)
            }
        }
    }

    /// Run every input through the stages, handing results to `sink` in
    /// input order. `progress` is told the bytes and jobs of each finished
    /// batch.
    pub fn run(
        &self,
        inputs: &[InputPath],
        sink: &mut dyn FnMut(Result<Matched, DocProblem>),
        progress: &mut dyn FnMut(u64, u64),
    ) {
        self.run_prepared(inputs, &|_| (), &mut |r| sink(r.map(|(m, ())| m)), progress);
    }

    /// [`Pipeline::run`], with `prepare` run on each matched cable by the
    /// worker threads, in parallel, before the result reaches the sink on
    /// the calling thread: the place for per-cable work such as rendering
    /// output rows, so the sink only writes and adds up. `prepare` may also
    /// drop what the sink will not need (freed on the thread that made it).
    pub fn run_prepared<T: Send>(
        &self,
        inputs: &[InputPath],
        prepare: &(dyn Fn(&mut Matched) -> T + Sync),
        sink: &mut dyn FnMut(Result<(Matched, T), DocProblem>),
        progress: &mut dyn FnMut(u64, u64),
    ) {
        let mut closures = Closures { sink, progress };
        match self.run_into(inputs, prepare, &mut closures) {
            Ok(()) => {}
            Err(never) => match never {},
        }
    }

    /// Run every input through the stages into `sink` ([`CableSink`]):
    /// `prepare` runs on each matched cable on the worker threads, in
    /// parallel; the sink gets the results in input order on this thread,
    /// then `finish`. The first error of the sink ends the deliveries and
    /// is returned (the rest of the input is still read, and dropped).
    pub fn run_into<T: Send, S: CableSink<T>>(
        &self,
        inputs: &[InputPath],
        prepare: &(dyn Fn(&mut Matched) -> T + Sync),
        sink: &mut S,
    ) -> Result<(), S::Error> {
        let mut failed = None;
        // Three stages overlap: a reader thread fills batches of jobs; a
        // dispatcher thread hands each batch to the rayon pool as soon as
        // one of IN_FLIGHT slots is free, so a batch's last, longest cable
        // never holds the pool up; and this thread takes the results back
        // in batch order (a small reorder buffer) and gives them to the
        // sink. Memory holds at most a few batches, never the corpus: 16
        // batches in flight (of 256 KiB from session 44 to 56, the same
        // 4 MiB as four of 1 MiB before; of 512 KiB since), and a batch
        // whose last cable is still being worked on holds up 15 small
        // batches' worth of work, not three large ones': both cores were
        // idle 8.7% of a run on the 0.54 GB dump with four, 4.6% with
        // sixteen (`perf sched`).
        const IN_FLIGHT: usize = 16;
        /// Slots a batch of `bytes` takes: one per 2 MiB, all of them from
        /// 32 MiB on (so huge documents are parsed one at a time).
        fn slots_for(bytes: usize) -> usize {
            bytes.div_ceil(2 << 20).clamp(1, IN_FLIGHT)
        }
        // one cable, counted once: the documents' ids first (see
        // `crate::dedup`), then dumps, documents and standard input
        let dedup = self.first_pass(inputs);
        let dedup = &dedup;
        /// Jobs, their bytes, and the warnings given while the batch was
        /// filled (dump rows skipped as copies, bytes after a gzip stream).
        type Batch = (Vec<(u64, u32, Result<Job, DocProblem>)>, usize, Vec<String>);
        type Done<T> = (u64, Vec<JobResults<T>>, usize, u64, Vec<String>);
        let (batch_tx, batch_rx) = std::sync::mpsc::sync_channel::<Batch>(2);
        let (done_tx, done_rx) = std::sync::mpsc::channel::<Done<T>>();
        let (slot_tx, slot_rx) = std::sync::mpsc::sync_channel::<()>(IN_FLIGHT);
        for _ in 0..IN_FLIGHT {
            let _ = slot_tx.send(());
        }
        std::thread::scope(|scope| {
            scope.spawn(move || {
                let mut batch: Vec<(u64, u32, Result<Job, DocProblem>)> = Vec::new();
                let mut batch_bytes = 0usize;
                let mut notes: Vec<String> = Vec::new();
                let mut next_job = 0u64;
                let mut open = true;
                for j in dedup.order() {
                    let input = j as u32;
                    let ((), read_notes) = read::collect_notes(|| {
                        read::jobs(&inputs[j], &mut |j| {
                            let k = next_job;
                            next_job += 1;
                            if !open || self.shard.is_some_and(|s| !s.owns(k)) {
                                // a shard still takes the ids of the rows it
                                // skips, so every shard drops the same copies
                                if let Ok(row @ Job::Row { .. }) = &j {
                                    dedup.keep_row(input, row, &mut notes);
                                }
                                return;
                            }
                            if let Ok(row @ Job::Row { .. }) = &j {
                                if !dedup.keep_row(input, row, &mut notes) {
                                    return;
                                }
                            }
                            if let Ok(job) = &j {
                                batch_bytes += job.len();
                            }
                            batch.push((k, input, j));
                            if batch_bytes >= BATCH_BYTES || batch.len() >= BATCH_JOBS {
                                let full = (
                                    std::mem::take(&mut batch),
                                    std::mem::take(&mut batch_bytes),
                                    std::mem::take(&mut notes),
                                );
                                open = batch_tx.send(full).is_ok();
                            }
                        })
                    });
                    // (the input's reading warnings go with the batch its
                    // last cables are in: delivered in reading order)
                    notes.extend(read_notes);
                    if !open {
                        return;
                    }
                }
                if !batch.is_empty() || !notes.is_empty() {
                    let _ = batch_tx.send((batch, batch_bytes, notes));
                }
            });
            scope.spawn(move || {
                rayon::in_place_scope(|pool| {
                    for (seq, (jobs, bytes, notes)) in (0u64..).zip(batch_rx) {
                        // a big batch (one huge document) takes more
                        // slots, so huge documents are not parsed side by
                        // side: memory is bounded by the largest one
                        for _ in 0..slots_for(bytes) {
                            if slot_rx.recv().is_err() {
                                return;
                            }
                        }
                        let done_tx = done_tx.clone();
                        pool.spawn(move |_| {
                            let n = jobs.len() as u64;
                            let work = |job| -> JobResults<T> {
                                let prepared = |r: Result<Matched, DocProblem>| {
                                    r.map(|mut m| {
                                        let t = prepare(&mut m);
                                        (m, t)
                                    })
                                };
                                let (results, notes) = self.process_job(job, dedup);
                                (notes, results.into_iter().map(prepared).collect())
                            };
                            // a batch of dump rows (many small jobs) is one
                            // worker's: the batches in flight keep the
                            // others busy, and nothing is split or stolen
                            // (3% less wall time for `extract` and `parse`
                            // on the 270 MB dump, paired runs); documents
                            // and scans, which may be few in a batch and
                            // slow (OCR), are shared among the workers
                            let rows = jobs
                                .iter()
                                .all(|(_, _, j)| matches!(j, Ok(Job::Row { .. })));
                            let results: Vec<JobResults<T>> = if rows {
                                jobs.into_iter().map(work).collect()
                            } else {
                                jobs.into_par_iter().map(work).collect()
                            };
                            let _ = done_tx.send((seq, results, bytes, n, notes));
                        });
                    }
                });
            });
            let mut waiting = std::collections::BTreeMap::new();
            let mut next = 0u64;
            'run: for (seq, results, bytes, n, notes) in done_rx {
                waiting.insert(seq, (results, bytes, n, notes));
                while let Some((results, bytes, n, notes)) = waiting.remove(&next) {
                    next += 1;
                    deliver(sink, &mut failed, &notes, results, bytes as u64, n);
                    if failed.is_some() {
                        break 'run;
                    }
                    for _ in 0..slots_for(bytes) {
                        let _ = slot_tx.send(());
                    }
                }
            }
            // a failed sink (a closed pipe, a full disk) ends the run: no
            // more slots, so the dispatcher stops taking batches and the
            // reader stops at its next send; only the batches already in
            // flight are finished
            drop(slot_tx);
        });
        match failed {
            Some(e) => Err(e),
            None => sink.finish(),
        }
    }
}

/// A job's results, prepared, after its warnings.
type JobResults<T> = (Vec<String>, Vec<Result<(Matched, T), DocProblem>>);

/// Hand one batch's results to `sink`, in order: the warnings given while
/// the batch was read first (dump rows skipped as copies, bytes after a
/// gzip stream), then job by job the warnings about copies not read and
/// each cable's own warnings before it; nothing more once the sink has
/// `failed` (the run then stops reading). So standard error is the same
/// from run to run, whichever worker finished first.
fn deliver<T, S: CableSink<T>>(
    sink: &mut S,
    failed: &mut Option<S::Error>,
    read_notes: &[String],
    results: Vec<JobResults<T>>,
    bytes: u64,
    jobs: u64,
) {
    for n in read_notes {
        crate::note!("{n}");
    }
    for (notes, job) in results {
        for n in &notes {
            crate::note!("{n}");
        }
        deliver_job(sink, failed, job);
    }
    if failed.is_none() {
        sink.progress(bytes, jobs);
    }
}

/// [`deliver`] one job's results.
fn deliver_job<T, S: CableSink<T>>(
    sink: &mut S,
    failed: &mut Option<S::Error>,
    results: Vec<Result<(Matched, T), DocProblem>>,
) {
    for r in results {
        if let Ok((m, _)) = &r {
            for w in &m.cable.warnings {
                crate::note!("{}: warning: {w}", m.cable.source);
            }
        }
        if failed.is_none() {
            let handed = match r {
                Ok((m, t)) => sink.cable(m, t),
                Err(p) => sink.problem(p),
            };
            *failed = handed.err();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sink that keeps the ids of the cables, fails at the `fail_at`-th
    /// one, and notes its `finish`.
    #[derive(Default)]
    struct Ids {
        ids: Vec<String>,
        fail_at: Option<usize>,
        finished: bool,
    }

    impl CableSink<usize> for Ids {
        type Error = String;

        fn cable(&mut self, matched: Matched, prepared: usize) -> Result<(), String> {
            assert_eq!(prepared, matched.mentions.len(), "prepared on a worker");
            if self.fail_at == Some(self.ids.len()) {
                return Err(format!("full at {}", matched.cable.id));
            }
            self.ids.push(matched.cable.id);
            Ok(())
        }

        fn problem(&mut self, problem: DocProblem) -> Result<(), String> {
            Err(problem.to_string())
        }

        fn finish(&mut self) -> Result<(), String> {
            self.finished = true;
            Ok(())
        }
    }

    fn inputs() -> Vec<InputPath> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/context");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| InputPath::File(e.unwrap().path()))
            .collect();
        files.sort();
        files
    }

    /// Issue 15: results reach a sink in input order, then `finish`; the
    /// first error of the sink ends the deliveries and is the run's.
    #[test]
    fn a_sink_gets_every_cable_in_order_then_finish() {
        let gaz = Gazetteer::builtin();
        let pipeline = Pipeline::new(&gaz, &TypeFilter::All, true).unwrap();
        let inputs = inputs();
        let prepare = |m: &mut Matched| m.mentions.len();
        let mut all = Ids::default();
        pipeline.run_into(&inputs, &prepare, &mut all).unwrap();
        assert_eq!(all.ids.len(), inputs.len());
        assert!(all.finished);
        let mut again = Vec::new();
        pipeline.run(
            &inputs,
            &mut |r| again.push(r.unwrap().cable.id),
            &mut |_, _| {},
        );
        assert_eq!(all.ids, again, "the closures are a sink too");
        let mut full = Ids {
            fail_at: Some(2),
            ..Ids::default()
        };
        let err = pipeline.run_into(&inputs, &prepare, &mut full).unwrap_err();
        assert_eq!(err, format!("full at {}", all.ids[2]));
        assert_eq!(full.ids, all.ids[..2]);
        assert!(!full.finished);
    }

    /// A failed sink ends the run: the rest of a long dump is not parsed
    /// and matched (`cablegraph mentions dump.csv | head` stops at once).
    #[test]
    fn a_failed_sink_stops_the_reading() {
        let dir = tempfile::tempdir().unwrap();
        let dump = dir.path().join("dump.csv");
        let rows = 20_000;
        let text: String = (0..rows)
            .map(|n| format!("\"{n}\",\"1/1/2001 0:00\",\"01X{n}\",\"E\",\"U\",\"\",\"h\",\"c\"\n"))
            .collect();
        std::fs::write(&dump, text).unwrap();
        let gaz = Gazetteer::builtin();
        let pipeline = Pipeline::new(&gaz, &TypeFilter::All, true).unwrap();
        let prepared = std::sync::atomic::AtomicUsize::new(0);
        let prepare = |_: &mut Matched| {
            prepared.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            0
        };
        let mut full = Ids {
            fail_at: Some(0),
            ..Ids::default()
        };
        let err = pipeline.run_into(&[InputPath::File(dump)], &prepare, &mut full);
        assert_eq!(err.unwrap_err(), "full at 01X0");
        let n = prepared.into_inner();
        // at most the batches in flight when it failed
        assert!(
            n < rows / 4,
            "{n} of {rows} rows parsed after the sink failed"
        );
    }
}
