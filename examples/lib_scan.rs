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
//! cablegraph decodes (UTF-8, else Windows-1252). Prints one JSON line.

use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

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
    let m = Matcher::new(&gaz);
    let load_s = t0.elapsed().as_secs_f64();
    let mut f = std::fs::File::open(&args[2]).expect("corpus");
    let chunk = 1 << 20;
    let mut buf: Vec<u8> = Vec::with_capacity(2 * chunk);
    let mut block = vec![0u8; chunk];
    let mut scratch = Scratch::new();
    let mut found = Vec::new();
    let (mut total, mut bytes, mut match_s, mut eof) = (0u64, 0u64, 0f64, false);
    while !eof {
        while buf.len() < chunk {
            let r = f.read(&mut block[..chunk - buf.len()]).expect("read");
            if r == 0 {
                eof = true;
                break;
            }
            buf.extend_from_slice(&block[..r]);
        }
        let cut = if eof {
            buf.len()
        } else {
            buf.iter()
                .rposition(|&b| b == b'\n')
                .map_or(buf.len(), |p| p + 1)
        };
        if cut == 0 {
            continue;
        }
        let (text, _) = decode(&buf[..cut]);
        let t = Instant::now();
        found.clear();
        m.find_into(&text, &mut scratch, &mut found);
        match_s += t.elapsed().as_secs_f64();
        total += found.len() as u64;
        bytes += cut as u64;
        buf.drain(..cut);
    }
    println!(
        "{{\"tool\":\"lib_scan\",\"aliases\":{},\"bytes\":{},\"load_s\":{:.6},\"match_s\":{:.6},\"matches\":{}}}",
        m.patterns().len(),
        bytes,
        load_s,
        match_s,
        total
    );
}
