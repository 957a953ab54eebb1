//! Any text: normalising is idempotent, and every mention of the shipped
//! gazetteer is an exact, char-aligned slice whose normalised form equals a
//! normalised alias of its entity (case-insensitively).
#![no_main]

use std::sync::LazyLock;

use cablegraph::gazetteer::Gazetteer;
use cablegraph::matcher::Matcher;
use cablegraph::normalize::normalize;
use libfuzzer_sys::fuzz_target;

static GAZ: LazyLock<(Gazetteer, Matcher)> = LazyLock::new(|| {
    let g = Gazetteer::builtin();
    let m = Matcher::new(&g);
    (g, m)
});

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let once = normalize(&text);
    assert_eq!(normalize(&once), once, "idempotent");
    let (_, m) = &*GAZ;
    for x in m.find(&text) {
        assert!(x.start < x.end && x.end <= text.len());
        assert!(text.is_char_boundary(x.start) && text.is_char_boundary(x.end));
        let surface = normalize(&text[x.start..x.end]).to_lowercase();
        let alias = m.patterns()[x.pattern as usize].normalized.to_lowercase();
        assert_eq!(surface.trim(), alias, "surface {:?}", &text[x.start..x.end]);
    }
});
