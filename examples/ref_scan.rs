//! The reference for the speed targets: the bare `aho-corasick` scan.
//!
//! What the matching engine alone does on a file, with nothing of
//! cablegraph around it: no decoding, no cable structure, no
//! normalisation, no graph. By default it is the crate's plain
//! leftmost-longest `find_iter`, ASCII case-insensitive, with the crate's
//! own choice of automaton (`auto`), over the file in 1 MiB chunks cut at a
//! newline: the reference the speed targets are stated against.
//!
//! ```text
//! cargo run --release --example ref_scan -- ALIASES CORPUS [auto|dfa|cnfa] [plain|words]
//! ```
//!
//! `words` instead keeps whole-word matches only (a rejected longest match
//! retries shorter aliases anchored at the same start, as cablegraph's
//! matcher does), to compare match counts with cablegraph's.
//!
//! `ALIASES` is a gazetteer CSV (`id,type,name,aliases,notes`; every name
//! and alias is used), a directory of them, or a text file with one alias
//! per line. Prints one JSON line: `{"matches": N, "match_s": S, ...}`.

use std::path::PathBuf;
use std::time::Instant;

#[path = "common/chunks.rs"]
mod chunks;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

fn word(c: Option<char>) -> bool {
    c.is_some_and(|c| c == '_' || c.is_alphanumeric())
}

fn char_before(hay: &[u8], i: usize) -> Option<char> {
    let mut s = i.checked_sub(1)?;
    while s > 0 && i - s < 4 && (hay[s] & 0xC0) == 0x80 {
        s -= 1;
    }
    std::str::from_utf8(&hay[s..i]).ok()?.chars().next_back()
}

fn char_at(hay: &[u8], i: usize) -> Option<char> {
    let e = (i + 4).min(hay.len());
    let b = hay.get(i..e)?;
    let t = match std::str::from_utf8(b) {
        Ok(t) => t,
        Err(err) => std::str::from_utf8(&b[..err.valid_up_to()]).ok()?,
    };
    t.chars().next()
}

fn count(ac: &AhoCorasick, hay: &[u8]) -> u64 {
    let (mut n, mut pos) = (0, 0);
    while pos < hay.len() {
        let Some(m) = ac.find(Input::new(hay).span(pos..hay.len())) else {
            break;
        };
        let (s, e) = (m.start(), m.end());
        if word(char_before(hay, s)) {
            pos = s + 1;
            continue;
        }
        let mut end = (!word(char_at(hay, e))).then_some(e);
        let mut lim = e - 1;
        while end.is_none() && lim > s {
            match ac.find(Input::new(hay).span(s..lim).anchored(Anchored::Yes)) {
                Some(m2) if !word(char_at(hay, m2.end())) => end = Some(m2.end()),
                Some(m2) => lim = m2.end() - 1,
                None => break,
            }
        }
        match end {
            Some(e2) => {
                n += 1;
                pos = e2;
            }
            None => pos = s + 1,
        }
    }
    n
}

fn aliases(path: &PathBuf) -> Vec<String> {
    let mut files = vec![path.clone()];
    if path.is_dir() {
        files = std::fs::read_dir(path)
            .expect("alias directory")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "csv"))
            .collect();
        files.sort();
    }
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("aliases are UTF-8");
        if f.extension().is_some_and(|x| x == "csv") {
            let mut r = csv::Reader::from_reader(text.as_bytes());
            for rec in r.records() {
                let rec = rec.expect("gazetteer row");
                out.push(rec[2].to_string());
                out.extend(
                    rec[3]
                        .split('|')
                        .filter(|a| !a.trim().is_empty())
                        .map(|a| a.trim().to_string()),
                );
            }
        } else {
            out.extend(text.lines().filter(|l| !l.is_empty()).map(str::to_string));
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: ref_scan ALIASES CORPUS [auto|dfa|cnfa] [plain|words]");
        std::process::exit(2);
    }
    let t0 = Instant::now();
    let pats = aliases(&PathBuf::from(&args[1]));
    let kind = match args.get(3).map(String::as_str) {
        Some("dfa") => Some(AhoCorasickKind::DFA),
        Some("cnfa") => Some(AhoCorasickKind::ContiguousNFA),
        _ => None,
    };
    let words = args.get(4).is_some_and(|m| m == "words");
    let mut builder = AhoCorasick::builder();
    builder
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .kind(kind);
    if words {
        builder
            .start_kind(StartKind::Both)
            .prefilter(std::env::var_os("REF_NO_PREFILTER").is_none());
    }
    let ac = builder.build(&pats).expect("automaton");
    let load_s = t0.elapsed().as_secs_f64();
    let (mut total, mut match_s) = (0u64, 0f64);
    let bytes = chunks::for_each_chunk(&args[2], |text| {
        let t = Instant::now();
        total += if words {
            count(&ac, text)
        } else {
            ac.find_iter(text).count() as u64
        };
        match_s += t.elapsed().as_secs_f64();
    });
    println!(
        "{{\"tool\":\"ref_scan\",\"mode\":\"{}\",\"kind\":\"{:?}\",\"aliases\":{},\"bytes\":{},\"load_s\":{:.6},\"match_s\":{:.6},\"matches\":{}}}",
        if words { "words" } else { "plain" },
        ac.kind(),
        pats.len(),
        bytes,
        load_s,
        match_s,
        total
    );
}
