//! Any bytes: decode, recognise the format, parse every cable. Must not
//! panic; every paragraph text must be a real slice of text (valid UTF-8 by
//! construction) and numbers must count up.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (text, _) = cablegraph::decode::decode(data);
    cablegraph::cable::parse_document(&text, "fuzz.txt", &mut |c| {
        if let Ok(c) = c {
            let mut last = 0;
            for p in &c.paragraphs {
                assert!(p.number > last || c.paragraphs.len() == 1, "numbers go up");
                last = p.number;
            }
        }
    });
});
