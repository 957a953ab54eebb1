//! Any bytes: decode, recognise the format, parse every cable. Must not
//! panic, and every paragraph has a number from 1. (Numbers need not rise
//! strictly: authors repeat a number, and a `¶N.` is taken as written.)
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (text, _) = cablegraph::decode::decode(data);
    cablegraph::cable::parse_document(&text, "fuzz.txt", &mut |c| {
        if let Ok(c) = c {
            assert!(c.paragraphs.iter().all(|p| p.number >= 1), "numbered from 1");
        }
    });
});
