//! Issue 15: the house has no import circles. Reads every `src/**/*.rs`,
//! takes each file as a module, and collects the modules it names:
//! `crate::…` paths (in `use` trees too), `super::…` paths and a `mod.rs`
//! file's own children (`table::rows`). A module may name its ancestors
//! (a parent module is the facade of its children, which may use what it
//! defines); every other edge counts, and the test fails on any cycle,
//! printing it. Comments are ignored; test modules inside a file count.
//!
//! The binary's modules (`mod …;` in `src/main.rs`) name the library's
//! as `cablegraph::…`, read the same way; the library names none of them.
//!
//! Run it alone with `cargo test --test house`.

use std::collections::{BTreeMap, BTreeSet};
mod common;

use common::{module_of, rust_files};
use std::path::PathBuf;

/// The text without `//` comments (doc comments included) and without the
/// contents of string literals (so `"crate::x"` in a message is no edge).
fn code_only(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let b = src.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' => {
                // a raw string's hashes are not needed: paths never hold quotes
                out.push('"');
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                out.push('"');
                i += 1;
            }
            b'\'' => {
                // a char literal ('"', '\'') or a lifetime ('a)
                let end = if b.get(i + 1) == Some(&b'\\') {
                    src[i + 2..].find('\'').map(|k| i + 2 + k)
                } else if b.get(i + 2) == Some(&b'\'') {
                    Some(i + 2)
                } else {
                    None
                };
                match end {
                    Some(e) => {
                        out.push_str("' '");
                        i = e + 1;
                    }
                    None => {
                        out.push('\'');
                        i += 1;
                    }
                }
            }
            _ => {
                let ch = src[i..].chars().next().unwrap();
                out.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The paths of a path tree starting at `s` (after `crate::`): `a::b`,
/// `{a, b::{c, d}}`; each as its segments.
fn path_tree(s: &str) -> Vec<Vec<String>> {
    fn walk(s: &[char], i: &mut usize, prefix: &[String], out: &mut Vec<Vec<String>>) {
        let mut segs = prefix.to_vec();
        loop {
            while *i < s.len() && s[*i].is_whitespace() {
                *i += 1;
            }
            if *i < s.len() && s[*i] == '{' {
                *i += 1;
                loop {
                    walk(s, i, &segs, out);
                    while *i < s.len() && s[*i].is_whitespace() {
                        *i += 1;
                    }
                    match s.get(*i) {
                        Some(',') => *i += 1,
                        Some('}') => {
                            *i += 1;
                            return;
                        }
                        _ => return,
                    }
                    while *i < s.len() && s[*i].is_whitespace() {
                        *i += 1;
                    }
                    if s.get(*i) == Some(&'}') {
                        *i += 1;
                        return;
                    }
                }
            }
            let start = *i;
            while *i < s.len() && is_ident(s[*i]) {
                *i += 1;
            }
            if *i == start {
                out.push(segs);
                return;
            }
            segs.push(s[start..*i].iter().collect());
            if s.get(*i) == Some(&':') && s.get(*i + 1) == Some(&':') {
                *i += 2;
            } else {
                out.push(segs);
                return;
            }
        }
    }
    let chars: Vec<char> = s.chars().take(4000).collect();
    let mut out = Vec::new();
    walk(&chars, &mut 0, &[], &mut out);
    out
}

/// The longest prefix of `segs` under `base` that names a module.
fn resolve(base: &[String], segs: &[String], modules: &BTreeSet<String>) -> Option<String> {
    (1..=segs.len()).rev().find_map(|n| {
        let mut p = base.to_vec();
        p.extend_from_slice(&segs[..n]);
        let name = p.join("::");
        modules.contains(&name).then_some(name)
    })
}

/// The modules `code` of module `me` (a `mod.rs` file when `is_mod`) names.
fn names(me: &str, is_mod: bool, code: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let me_segs: Vec<String> = me.split("::").map(str::to_string).collect();
    // the binary's modules name the library's as `cablegraph::…`; the two
    // crates' module names differ, so one graph holds both
    for root in ["crate::", "cablegraph::"] {
        for (at, _) in code.match_indices(root) {
            if at > 0 && code[..at].ends_with(|c: char| is_ident(c) || c == ':') {
                continue;
            }
            for segs in path_tree(&code[at + root.len()..]) {
                out.extend(resolve(&[], &segs, modules));
            }
        }
    }
    for (at, _) in code.match_indices("super::") {
        if at > 0 && code[..at].ends_with(|c: char| is_ident(c) || c == ':') {
            continue;
        }
        let mut rest = &code[at..];
        // a file module's `super` is its parent; a mod.rs module's too
        let mut base = me_segs.clone();
        while let Some(r) = rest.strip_prefix("super::") {
            base.pop();
            rest = r;
        }
        for segs in path_tree(rest) {
            out.extend(resolve(&base, &segs, modules).or_else(|| {
                let name = base.join("::");
                modules.contains(&name).then_some(name)
            }));
        }
    }
    if is_mod {
        // a facade's own children, named without `crate::` or `self::`
        for (at, _) in code.match_indices("::") {
            let head = &code[..at];
            let start = head.rfind(|c: char| !is_ident(c)).map_or(0, |k| k + 1);
            let word = &head[start..];
            if word.is_empty() || head[..start].ends_with(':') {
                continue;
            }
            let child = format!("{me}::{word}");
            if modules.contains(&child) {
                out.insert(child);
            }
        }
    }
    out.remove(me);
    // naming an ancestor is allowed
    out.retain(|m| !me.starts_with(&format!("{m}::")));
    out
}

/// Every module's edges.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut texts = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap();
        // the crate roots (`lib.rs`, `main.rs`) hold no module of the house
        if let Some(m) = module_of(rel).filter(|m| m != "crate") {
            let is_mod = rel.file_name().is_some_and(|n| n == "mod.rs");
            texts.push((m, is_mod, code_only(&std::fs::read_to_string(f).unwrap())));
        }
    }
    let modules: BTreeSet<String> = texts.iter().map(|(m, _, _)| m.clone()).collect();
    texts
        .iter()
        .map(|(m, is_mod, code)| (m.clone(), names(m, *is_mod, code, &modules)))
        .collect()
}

/// One cycle through every strongly connected set of modules (Tarjan),
/// each as the modules in order, the first repeated at the end.
fn cycles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct T<'a> {
        g: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        sets: Vec<Vec<&'a str>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        let n = t.index.len();
        t.index.insert(v, n);
        t.low.insert(v, n);
        t.stack.push(v);
        t.on.insert(v);
        for w in t.g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !t.g.contains_key(w) {
                continue;
            }
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if t.low[v] == t.index[v] {
            let mut set = Vec::new();
            loop {
                let w = t.stack.pop().unwrap();
                t.on.remove(w);
                set.push(w);
                if w == v {
                    break;
                }
            }
            if set.len() > 1 {
                t.sets.push(set);
            }
        }
    }
    let mut t = T {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        sets: Vec::new(),
    };
    for v in g.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    // within each set, a shortest way from its first module back to it
    t.sets
        .iter()
        .map(|set| {
            let inside: BTreeSet<&str> = set.iter().copied().collect();
            let start = *inside.iter().next().unwrap();
            let mut prev: BTreeMap<&str, &str> = BTreeMap::new();
            let mut queue = std::collections::VecDeque::from([start]);
            let mut end = None;
            while let Some(v) = queue.pop_front() {
                for w in &g[v] {
                    let w = w.as_str();
                    if w == start {
                        end = Some(v);
                        break;
                    }
                    if inside.contains(w) && !prev.contains_key(w) {
                        prev.insert(w, v);
                        queue.push_back(w);
                    }
                }
                if end.is_some() {
                    break;
                }
            }
            let mut path = vec![start.to_string()];
            let mut v = end.unwrap();
            while v != start {
                path.push(v.to_string());
                v = prev[v];
            }
            path.push(start.to_string());
            path.reverse();
            let mut listed: Vec<String> = set.iter().map(|s| s.to_string()).collect();
            listed.sort();
            path.push(format!("(the whole circle: {})", listed.join(", ")));
            path
        })
        .collect()
}

#[test]
fn no_import_cycles_between_modules() {
    let g = module_graph();
    assert!(g.contains_key("cable::table"), "the walk found the modules");
    assert!(
        g["cable"].contains("cable::table"),
        "a facade's children are seen: {:?}",
        g["cable"]
    );
    let found = cycles(&g);
    let shown: Vec<String> = found
        .iter()
        .map(|c| {
            let (circle, whole) = c.split_at(c.len() - 1);
            format!("  {}  {}", circle.join(" -> "), whole[0])
        })
        .collect();
    assert!(
        found.is_empty(),
        "import cycles between modules:\n{}",
        shown.join("\n")
    );
}

#[test]
fn the_library_names_no_module_of_the_binary() {
    let g = module_graph();
    let binary = common::binary_modules();
    assert!(binary.contains(&"cli".to_string()), "{binary:?}");
    let of_binary = |m: &str| {
        binary
            .iter()
            .any(|b| m == b || m.starts_with(&format!("{b}::")))
    };
    for (m, names) in &g {
        if of_binary(m) {
            continue;
        }
        let wrong: Vec<&String> = names.iter().filter(|n| of_binary(n)).collect();
        assert!(wrong.is_empty(), "library module {m} names {wrong:?}");
    }
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let g: BTreeMap<String, BTreeSet<String>> = [
        ("a", &["b"][..]),
        ("b", &["c"][..]),
        ("c", &["a"][..]),
        ("d", &["a"][..]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
    .collect();
    let c = cycles(&g);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0][..4], ["a", "b", "c", "a"]);
    let modules: BTreeSet<String> = ["a", "a::x", "b", "b::y"]
        .into_iter()
        .map(str::to_string)
        .collect();
    let code = code_only(
        "use crate::{b::{y, Z}, a};\n// crate::gone\nlet s = \"crate::b\";\nx::f(super::Q);",
    );
    let got = names("a", true, &code, &modules);
    assert_eq!(
        got,
        ["a::x", "b", "b::y"]
            .into_iter()
            .map(str::to_string)
            .collect()
    );
}
