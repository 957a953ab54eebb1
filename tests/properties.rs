//! Issue 7: the invariants, as property tests over generated text built
//! from the shipped gazetteer's aliases, mangled the ways real cables are
//! (line breaks, doubled spaces, accents, curly quotes, end-of-line
//! hyphens, case), mixed with arbitrary characters.

use std::sync::LazyLock;

use cablegraph::gazetteer::Gazetteer;
use cablegraph::matcher::Matcher;
use cablegraph::normalize::{normalize, normalize_into, Normalized};
use proptest::prelude::*;

static GAZ: LazyLock<(Gazetteer, Matcher, Vec<String>)> = LazyLock::new(|| {
    let g = Gazetteer::builtin();
    let m = Matcher::new(&g).unwrap();
    let aliases = g
        .entities()
        .iter()
        .flat_map(|e| e.aliases.clone())
        .collect();
    (g, m, aliases)
});

/// One alias, mangled.
fn mangled_alias() -> impl Strategy<Value = String> {
    let n = GAZ.2.len();
    (0..n, any::<u8>(), any::<u8>()).prop_map(|(i, how, case)| {
        let a = &GAZ.2[i];
        let mut s = String::new();
        for (k, c) in a.chars().enumerate() {
            match c {
                ' ' => s.push_str(match (how as usize + k) % 4 {
                    0 => " ",
                    1 => "  ",
                    2 => "\n",
                    _ => " \n  ",
                }),
                '\'' if how % 3 == 0 => s.push('’'),
                'o' if how % 5 == 0 => s.push('ó'),
                c if case % 4 == 0 => s.extend(c.to_uppercase()),
                c if case % 4 == 1 => s.extend(c.to_lowercase()),
                c => s.push(c),
            }
        }
        s
    })
}

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        mangled_alias(),
        "[ \n.,;:()'’\"“-]{1,3}",
        "[a-zA-Zé¶0-9]{1,8}",
        "\\PC{0,6}",
        Just("-\n".to_string()),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn normalising_is_idempotent(t in text()) {
        let once = normalize(&t);
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn spans_map_back_inside_the_text(t in text()) {
        let mut n = Normalized::new();
        normalize_into(&t, &mut n);
        for s in 0..n.text.len() {
            if !n.text.is_char_boundary(s) { continue; }
            let e = (s + 1..=n.text.len()).find(|&e| n.text.is_char_boundary(e)).unwrap();
            let (os, oe) = n.original_span(s, e);
            prop_assert!(os < oe && oe <= t.len());
            prop_assert!(t.is_char_boundary(os) && t.is_char_boundary(oe));
        }
    }

    #[test]
    fn every_mention_is_an_exact_slice_of_a_normalised_alias(t in text()) {
        let (g, m, _) = &*GAZ;
        let mut last_end = 0;
        for x in m.find(&t) {
            // surface == text[start..end], char-aligned, in order, no overlap
            prop_assert!(x.start >= last_end && x.start < x.end && x.end <= t.len());
            prop_assert!(t.is_char_boundary(x.start) && t.is_char_boundary(x.end));
            last_end = x.end;
            let surface = &t[x.start..x.end];
            let p = &m.patterns()[x.pattern as usize];
            prop_assert_eq!(p.entity, x.entity);
            // the surface folds to the alias (ASCII case aside)
            prop_assert_eq!(normalize(surface).trim().to_ascii_lowercase(), p.normalized.to_ascii_lowercase(),
                "surface {:?} alias {:?} of {}", surface, p.alias, g.entities()[x.entity as usize].id);
            if p.exact_case {
                let folded = normalize(surface);
                prop_assert_eq!(folded.trim(), p.normalized.as_str());
            }
        }
    }
}
