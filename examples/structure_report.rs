//! Structure report: how well cablegraph recovers the structure of real
//! cables.
//!
//! ```text
//! cargo run --release --example structure_report -- [--truth HTMLDIR] [--misses] INPUT...
//! ```
//!
//! Every input (files, directories, gzip, any format cablegraph reads) is
//! parsed as `cablegraph parse` would. A WikiLeaks page is its own truth:
//! its reference table (Reference ID, Created, Released, Classification,
//! Origin) and its paragraph anchors `<a id='parN'>`. Other renderings of
//! the same cables (plain text, OCR'd text) are compared with the page of
//! the same file stem found under `--truth HTMLDIR`. The truth is read here
//! with its own small regexes, not with cablegraph's HTML reader, so the
//! report does not grade the reader against itself.
//!
//! For each INPUT the report prints: files, cables, problems, panics; the
//! share of cables whose paragraph numbers equal the page's anchors (pages
//! with anchors only; pages without anchors are counted apart, as their
//! cables are split at blank lines); and the share whose `id`,
//! `classification`, `origin`, `created` and `released` equal the table.
//! Without truth it still checks that paragraph numbers run 1, 2, … without
//! a gap or a step back. `--misses` lists every disagreement.
//!
//! Header fields (issue 13): the page's own tag links in its TAGS line
//! (`<a href='/tag/PREL_0.html'>PREL</a>`) are the truth for `tags`; for a
//! rendering of a page (text, OCR'd text) every header field (tags,
//! subject, signers, classified_by, references, recipients, info) is
//! compared with what cablegraph reads from the page itself.
//!
//! `--anchor-errors tests/labels/anchor-errors.csv` replaces the anchors of
//! the pages listed there (page-anchor errors judged by hand: years and
//! wrapped numbers made anchors, markers written without a space left
//! unanchored) by the corrected list, and reports agreement with those.
//!
//! `--ocr` also grades an OCR'd rendering of every page, made here: the
//! page's text with doubled spaces and damaged paragraph markers the way
//! the seed shows them (the pilcrow read as `1`, `1.` or `I. `, so `¶2.`
//! becomes `12.`, `1.2.` or `I. 2.`; `1` read as `I` or `l`, `0` as `O` or
//! `Q`), chosen by a fixed-seed generator per file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cablegraph::cable::{self, Cable};
use cablegraph::decode::decode;
use cablegraph::read::{self, Job};
use regex::Regex;

/// What a page says about its cable.
#[derive(Debug, Default, Clone)]
struct Truth {
    id: String,
    created: String,
    released: String,
    classification: String,
    origin: String,
    anchors: Vec<u32>,
    /// Paragraph numbers cablegraph reads from the page itself.
    parsed: Vec<u32>,
    /// The tag links of the page's TAGS line.
    tags: Vec<String>,
    /// What cablegraph reads from the page itself, for renderings.
    page_cable: Option<Cable>,
    /// Anchors corrected by hand (`--anchor-errors`), if listed.
    corrected: Option<Vec<u32>>,
}

#[derive(Default)]
struct Tally {
    files: usize,
    cables: usize,
    problems: usize,
    panics: usize,
    with_truth: usize,
    anchored: usize,
    paragraphs_agree: usize,
    same_as_page: usize,
    unanchored: usize,
    sequential: usize,
    fields: BTreeMap<&'static str, usize>,
    misses: Vec<String>,
    /// Agreement with the anchors after the listed page-anchor errors.
    corrected_agree: usize,
    corrected_listed: usize,
    /// Pages with tag links, and how many agree.
    tagged: usize,
    tags_agree: usize,
    /// Renderings graded field by field against the page.
    renderings: usize,
    header_fields: BTreeMap<&'static str, usize>,
}

/// Header fields compared between a rendering and its page.
const HEADER_FIELDS: [&str; 7] = [
    "tags",
    "subject",
    "signers",
    "classified_by",
    "references",
    "recipients",
    "info",
];

fn header_value(c: &Cable, f: &str) -> String {
    match f {
        "tags" => c.tags.join("|"),
        "subject" => c.subject.clone().unwrap_or_default(),
        "signers" => c.signers.join("|"),
        "classified_by" => c.classified_by.clone().unwrap_or_default(),
        "references" => c
            .cited
            .iter()
            .map(|r| {
                format!(
                    "{}:{}",
                    r.letter.as_deref().unwrap_or("-"),
                    r.id.as_deref().unwrap_or(&r.text)
                )
            })
            .collect::<Vec<_>>()
            .join("|"),
        "recipients" => c.recipients.join("|"),
        _ => c.info.join("|"),
    }
}

/// Corrected anchors by cable id (`tests/labels/anchor-errors.csv`).
fn read_anchor_errors(path: &Path) -> BTreeMap<String, Vec<u32>> {
    let mut out = BTreeMap::new();
    let Ok(mut rdr) = csv::Reader::from_path(path) else {
        eprintln!("{}: cannot read", path.display());
        std::process::exit(2);
    };
    for rec in rdr.records().flatten() {
        let nums = rec
            .get(3)
            .unwrap_or("")
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        out.insert(rec.get(0).unwrap_or("").to_string(), nums);
    }
    out
}

/// A small fixed-seed generator (xorshift), one per file.
struct Rng(u64);

impl Rng {
    fn new(seed: &str) -> Rng {
        Rng(seed.bytes().fold(0x9e37_79b9_7f4a_7c15, |h, b| {
            (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
        }) | 1)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// The OCR'd rendering of a page's text (see the module docs).
fn ocr_damage(text: &str, seed: &str) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(text.len() * 2);
    for line in text.lines() {
        let mut l = line.to_string();
        if let Some(rest) = l.trim_start().strip_prefix('¶') {
            let lead = match rng.below(5) {
                0 => "1",
                1 => "1.",
                2 => "I. ",
                3 => "",
                _ => " ",
            };
            let mut rest = rest.to_string();
            // a digit of the number misread
            if rng.below(3) == 0 {
                if let Some(k) = rest.find(|c: char| c.is_ascii_digit()) {
                    let d = rest.as_bytes()[k];
                    let by = match (d, rng.below(2)) {
                        (b'1', 0) => Some("I"),
                        (b'1', _) => Some("l"),
                        (b'0', 0) => Some("O"),
                        (b'0', _) => Some("Q"),
                        _ => None,
                    };
                    if let Some(by) = by {
                        rest.replace_range(k..k + 1, by);
                    }
                }
            }
            l = format!("{lead}{rest}");
        }
        if rng.below(2) == 0 {
            l = l.replace(' ', "  ");
        }
        out.push_str(&l);
        out.push('\n');
    }
    out
}

const FIELDS: [&str; 6] = [
    "id",
    "classification",
    "origin",
    "created",
    "created date",
    "released",
];

fn main() {
    let mut args = std::env::args().skip(1);
    let mut truth_dir: Option<PathBuf> = None;
    let mut show_misses = false;
    let mut corrections = BTreeMap::new();
    let mut ocr = false;
    let mut inputs = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--truth" => truth_dir = args.next().map(PathBuf::from),
            "--misses" => show_misses = true,
            "--anchor-errors" => {
                corrections = args
                    .next()
                    .map(|p| read_anchor_errors(Path::new(&p)))
                    .unwrap_or_default()
            }
            "--ocr" => ocr = true,
            _ => inputs.push(PathBuf::from(a)),
        }
    }
    if inputs.is_empty() {
        eprintln!("usage: structure_report [--truth HTMLDIR] [--anchor-errors CSV] [--ocr] [--misses] INPUT...");
        std::process::exit(2);
    }
    // quiet panics: they are counted, not printed
    std::panic::set_hook(Box::new(|_| {}));
    let pages = truth_dir.as_deref().map(index_pages).unwrap_or_default();
    for input in &inputs {
        let t = report(input, &pages, &corrections, false);
        print_tally(input, &t, show_misses);
        if ocr {
            let t = report(input, &pages, &corrections, true);
            println!("(OCR'd renderings of the pages above)");
            print_tally(input, &t, show_misses);
        }
    }
}

/// Every `*.html` under `dir`, by file stem.
fn index_pages(dir: &Path) -> BTreeMap<String, PathBuf> {
    let (paths, _) = read::expand(&[dir.to_path_buf()]);
    paths
        .into_iter()
        .filter_map(|p| match p {
            read::InputPath::File(f) if f.extension().is_some_and(|e| e == "html") => {
                Some((stem(&f.display().to_string()), f))
            }
            _ => None,
        })
        .collect()
}

fn stem(source: &str) -> String {
    let base = source.rsplit('/').next().unwrap_or(source);
    base.split('.').next().unwrap_or(base).to_string()
}

fn report(
    input: &Path,
    pages: &BTreeMap<String, PathBuf>,
    corrections: &BTreeMap<String, Vec<u32>>,
    ocr: bool,
) -> Tally {
    let mut t = Tally::default();
    let (paths, bad) = read::expand(&[input.to_path_buf()]);
    t.problems += bad.len();
    for path in paths {
        t.files += 1;
        let mut results: Vec<(String, Result<Cable, String>, Option<Truth>)> = Vec::new();
        read::jobs(&path, &mut |job| match job {
            Err(p) => results.push((p.location.to_string(), Err(p.to_string()), None)),
            Ok(Job::Document { source, bytes }) => {
                let own_truth = std::str::from_utf8(&bytes)
                    .ok()
                    .filter(|s| s.contains("<th>Reference ID</th>"))
                    .map(page_truth);
                if ocr && own_truth.is_none() {
                    // only pages have an OCR'd rendering
                    return;
                }
                let parsed = std::panic::catch_unwind(|| {
                    let (text, _) = decode(&bytes);
                    let text = if ocr {
                        ocr_damage(&cable::html::cable_text(&text), &source)
                    } else {
                        text
                    };
                    let mut v = Vec::new();
                    cable::parse_document(&text, &source, &mut |c| v.push(c));
                    v
                });
                match parsed {
                    Ok(v) => {
                        for c in v {
                            results.push((
                                source.clone(),
                                c.map_err(|p| p.to_string()),
                                own_truth.clone(),
                            ))
                        }
                    }
                    Err(_) => results.push((source.clone(), Err("PANIC".into()), None)),
                }
            }
            Ok(row @ Job::Row { .. }) => {
                let source = row.source().to_string();
                let parsed = std::panic::catch_unwind(|| {
                    cable::parse_job_row(row).map_err(|p| p.to_string())
                });
                results.push((source, parsed.unwrap_or_else(|_| Err("PANIC".into())), None))
            }
            Ok(Job::Scan {
                source, kind, file, ..
            }) => {
                for c in cable::pdf::read_scan(file.path(), kind, &source) {
                    results.push((source.clone(), c.map_err(|p| p.to_string()), None));
                }
            }
        });
        for (source, result, own) in results {
            let cable = match result {
                Ok(c) => c,
                Err(e) => {
                    if e == "PANIC" {
                        t.panics += 1;
                    } else {
                        t.problems += 1;
                    }
                    t.misses.push(format!("{source}: {e}"));
                    continue;
                }
            };
            t.cables += 1;
            let rendering = own.is_none() || ocr;
            let truth = own.or_else(|| {
                pages
                    .get(&stem(&source))
                    .or_else(|| pages.get(&cable.id))
                    .and_then(|p| std::fs::read_to_string(p).ok())
                    .map(|s| page_truth(&s))
            });
            let mut truth = truth;
            if let Some(tr) = truth.as_mut() {
                if let Some(fixed) = corrections.get(&tr.id) {
                    tr.corrected = Some(fixed.clone());
                }
            }
            grade(&mut t, &source, &cable, truth.as_ref(), rendering);
        }
    }
    t
}

fn grade(t: &mut Tally, source: &str, c: &Cable, truth: Option<&Truth>, rendering: bool) {
    let nums: Vec<u32> = c.paragraphs.iter().map(|p| p.number).collect();
    let Some(truth) = truth else {
        // no truth: numbers must count up from one
        t.unanchored += 1;
        if nums.iter().enumerate().all(|(i, &n)| n == i as u32 + 1) {
            t.sequential += 1;
        } else {
            t.misses.push(format!("{source}: numbers {nums:?}"));
        }
        return;
    };
    t.with_truth += 1;
    if !truth.tags.is_empty() {
        t.tagged += 1;
        if c.tags == truth.tags {
            t.tags_agree += 1;
        } else {
            t.misses.push(format!(
                "{source}: tags {:?} but the page links {:?}",
                c.tags, truth.tags
            ));
        }
    }
    if rendering {
        if let Some(page) = &truth.page_cable {
            t.renderings += 1;
            for f in HEADER_FIELDS {
                let (got, want) = (header_value(c, f), header_value(page, f));
                if got == want {
                    *t.header_fields.entry(f).or_default() += 1;
                } else {
                    t.misses.push(format!(
                        "{source}: header {f} {got:?} but {want:?} on the page"
                    ));
                }
            }
        }
    }
    if nums == truth.parsed {
        t.same_as_page += 1;
    } else {
        t.misses.push(format!(
            "{source}: paragraphs {} but {} from the page",
            compact(&nums),
            compact(&truth.parsed)
        ));
    }
    if truth.anchors.is_empty() {
        t.unanchored += 1;
        if nums.iter().enumerate().all(|(i, &n)| n == i as u32 + 1) {
            t.sequential += 1;
        }
    } else {
        t.anchored += 1;
        let want = truth.corrected.as_ref().unwrap_or(&truth.anchors);
        if truth.corrected.is_some() {
            t.corrected_listed += 1;
        }
        if nums == *want {
            t.corrected_agree += 1;
        } else {
            t.misses.push(format!(
                "{source}: paragraphs {} want {} (page-anchor errors excluded)",
                compact(&nums),
                compact(want)
            ));
        }
        if nums == truth.anchors {
            t.paragraphs_agree += 1;
        } else {
            t.misses.push(format!(
                "{source}: paragraphs {} want {}",
                compact(&nums),
                compact(&truth.anchors)
            ));
        }
    }
    for f in FIELDS {
        let (got, want) = match f {
            "id" => (Some(c.id.as_str()), &truth.id),
            "classification" => (c.classification.as_deref(), &truth.classification),
            "origin" => (c.origin.as_deref(), &truth.origin),
            "created" => (c.created.as_deref(), &truth.created),
            "created date" => (
                c.created.as_deref().and_then(|d| d.get(..10)),
                &truth.created.chars().take(10).collect::<String>(),
            ),
            _ => (c.released.as_deref(), &truth.released),
        };
        if got == Some(want.as_str()) {
            *t.fields.entry(f).or_default() += 1;
        } else {
            t.misses
                .push(format!("{source}: {f} {got:?} want {want:?}"));
        }
    }
}

/// `1-12` for a run, else the list.
fn compact(v: &[u32]) -> String {
    if !v.is_empty() && v.iter().enumerate().all(|(i, &n)| n == v[0] + i as u32) {
        format!("{}-{}", v[0], v[v.len() - 1])
    } else {
        format!("{v:?}")
    }
}

fn pct(a: usize, b: usize) -> String {
    if b == 0 {
        "-".into()
    } else {
        format!("{:.1}% ({a}/{b})", 100.0 * a as f64 / b as f64)
    }
}

fn print_tally(input: &Path, t: &Tally, show_misses: bool) {
    println!("== {}", input.display());
    println!(
        "files {}  cables {}  problems {}  panics {}",
        t.files, t.cables, t.problems, t.panics
    );
    if t.with_truth > 0 {
        println!(
            "paragraph numbers = anchors: {}",
            pct(t.paragraphs_agree, t.anchored)
        );
        println!(
            "paragraph numbers = anchors, {} listed page-anchor errors excluded: {}",
            t.corrected_listed,
            pct(t.corrected_agree, t.anchored)
        );
        println!(
            "paragraph numbers = cablegraph on the page: {}",
            pct(t.same_as_page, t.with_truth)
        );
        println!(
            "tags = the page's tag links: {}",
            pct(t.tags_agree, t.tagged)
        );
        if t.renderings > 0 {
            for f in HEADER_FIELDS {
                println!(
                    "{f:>15} = on the page: {}",
                    pct(t.header_fields.get(f).copied().unwrap_or(0), t.renderings)
                );
            }
        }
        println!(
            "pages without anchors: {} (numbered 1..N: {})",
            t.unanchored, t.sequential
        );
        for f in FIELDS {
            println!(
                "{f:>15} = table: {}",
                pct(t.fields.get(f).copied().unwrap_or(0), t.with_truth)
            );
        }
    } else {
        println!(
            "no truth; paragraph numbers run 1..N: {}",
            pct(t.sequential, t.unanchored)
        );
    }
    if show_misses {
        for m in &t.misses {
            println!("  miss {m}");
        }
    }
}

/// Read a page's truth with plain regexes.
fn page_truth(page: &str) -> Truth {
    let mut t = Truth::default();
    if let Some(at) = page.find("<th>Reference ID</th>") {
        let rest = &page[at..];
        let cell = Regex::new(r"(?s)<td>\s*(?:<a[^>]*>)?(.*?)(?:</a>)?\s*</td>").expect("regex");
        let cells: Vec<String> = cell
            .captures_iter(rest)
            .take(5)
            .map(|c| c[1].trim().to_string())
            .collect();
        if cells.len() == 5 {
            t.id = cells[0].clone();
            t.created = cells[1].clone();
            t.released = cells[2].clone();
            t.classification = cells[3].clone();
            t.origin = cells[4].clone();
        }
    }
    if let Ok(c) = cablegraph::cable::html::parse_html(page, "page") {
        t.parsed = c.paragraphs.iter().map(|p| p.number).collect();
        t.page_cable = Some(c);
    }
    // the tag links of the TAGS line in the first body block
    let tag_link = Regex::new(r"<a href='/tag/[^']*'>([^<]*)</a>").expect("regex");
    if let Some(at) = page.find("<pre>") {
        let body = &page[at..];
        if let Some(line_at) = body.find("TAGS") {
            let line = &body[line_at..];
            let line = &line[..line
                .find("&#x000A;SUBJ")
                .or_else(|| line.find("SUBJECT"))
                .unwrap_or(line.len().min(2000))];
            t.tags = tag_link
                .captures_iter(line)
                .map(|c| c[1].trim().to_string())
                .collect();
        }
    }
    // anchors of the first copy of the body
    let pre = Regex::new(r"(?s)<pre>(.*?)</pre>").expect("regex");
    let anchor = Regex::new(r"<a id='par(\d+)'").expect("regex");
    let mut seen = Vec::new();
    for p in pre.captures_iter(page) {
        let body = p.get(1).map_or("", |m| m.as_str());
        if seen.contains(&body) {
            continue;
        }
        seen.push(body);
        t.anchors.extend(
            anchor
                .captures_iter(body)
                .filter_map(|c| c[1].parse::<u32>().ok()),
        );
    }
    t
}
