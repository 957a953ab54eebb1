//! cablegraph's matcher alone over a raw file: the same text `ref_scan`
//! sees, with cablegraph's rules (white-space, diacritic, quote and
//! end-of-line-hyphen folding; exact case for all-caps aliases;
//! definitions counted once). For comparing match counts with the bare
//! crate, and the matcher's speed with the crate's.
//!
//! ```text
//! cargo run --release --example lib_scan -- GAZETTEER CORPUS
//! ```
//!
//! The corpus is read in 1 MiB chunks cut at a newline and decoded as
//! cablegraph decodes (UTF-8, else Windows-1252); the matcher searches
//! them four at a time, as `extract` hands it a cable's paragraphs.
//! Prints one JSON line.

use std::path::PathBuf;
use std::time::Instant;

#[path = "common/chunks.rs"]
mod chunks;

use cablegraph::decode::decode;
use cablegraph::gazetteer::Gazetteer;
use cablegraph::matcher::{Matcher, Scratch};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: lib_scan GAZETTEER CORPUS");
        std::process::exit(2);
    }
    let t0 = Instant::now();
    let gaz = match Gazetteer::load(&[PathBuf::from(&args[1])]) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let m = Matcher::new(&gaz).unwrap();
    let load_s = t0.elapsed().as_secs_f64();
    let mut scratch = Scratch::new();
    let (mut total, mut match_s) = (0u64, 0f64);
    // chunks go to the matcher in fours, as a cable's paragraphs do
    let mut pending: Vec<String> = Vec::new();
    let mut search = |pending: &mut Vec<String>| {
        let t = Instant::now();
        m.find_each(
            pending.len(),
            |i| &pending[i],
            &mut scratch,
            |_, _, found| {
                total += found.len() as u64;
            },
        );
        match_s += t.elapsed().as_secs_f64();
        pending.clear();
    };
    let bytes = chunks::for_each_chunk(&args[2], |chunk| {
        pending.push(decode(chunk).0);
        if pending.len() == 4 {
            search(&mut pending);
        }
    });
    search(&mut pending);
    println!(
        "{{\"tool\":\"lib_scan\",\"aliases\":{},\"bytes\":{},\"load_s\":{:.6},\"match_s\":{:.6},\"matches\":{}}}",
        m.searched_patterns().len(),
        bytes,
        load_s,
        match_s,
        total
    );
}
