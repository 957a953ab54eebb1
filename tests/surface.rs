//! Issue 15: the library's public surface is pinned. Every `pub` item of
//! `src/` (module, type, function, method, constant, re-export) is listed
//! as `module kind name`, and the list must equal
//! `tests/public_surface.txt`: a change to what a library user can name is
//! then a visible change of that file in review. (Read from the source
//! text, which is enough for a list: `pub(crate)` items and test modules
//! are left out.)
//!
//! The binary's own modules (`mod …;` in `src/main.rs`) are left out: they
//! are not part of the library.
//!
//! After an intended change: `CABLEGRAPH_BLESS=1 cargo test --test surface`
//! rewrites the file.

mod common;

use common::{binary_modules, module_of, rust_files};
use std::path::PathBuf;

const KINDS: [&str; 11] = [
    "fn", "struct", "enum", "const", "static", "type", "trait", "mod", "use", "macro", "union",
];

/// The public items of one file: `module kind name` lines.
fn items(module: &str, src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_tests = false;
    let mut use_buf: Option<String> = None;
    for line in src.lines() {
        // everything after `#[cfg(test)] mod tests {` at the top level is
        // test code
        if line.starts_with("mod tests") || line.starts_with("pub mod tests") {
            in_tests = true;
        }
        if in_tests {
            continue;
        }
        if let Some(buf) = &mut use_buf {
            buf.push_str(line.trim());
            if line.trim_end().ends_with(';') {
                out.push(format!("{module} use {}", buf.trim_end_matches(';')));
                use_buf = None;
            }
            continue;
        }
        let t = line.trim_start();
        let Some(rest) = t.strip_prefix("pub ") else {
            if t.starts_with("macro_rules!") && src.contains("#[macro_export]") {
                let name = t["macro_rules!".len()..]
                    .trim()
                    .trim_end_matches('{')
                    .trim();
                out.push(format!("crate macro {name}"));
            }
            continue;
        };
        let rest = rest
            .trim_start_matches("async ")
            .trim_start_matches("const fn")
            .trim_start_matches("unsafe ");
        let rest = if t.starts_with("pub const fn") {
            format!("fn{rest}")
        } else {
            rest.to_string()
        };
        let Some(kind) = KINDS
            .iter()
            .find(|k| rest.starts_with(&format!("{k} ")) || rest.starts_with(&format!("{k}<")))
        else {
            continue; // a pub field
        };
        let after = rest[kind.len()..].trim_start();
        if *kind == "use" {
            if after.trim_end().ends_with(';') {
                out.push(format!(
                    "{module} use {}",
                    after.trim_end().trim_end_matches(';')
                ));
            } else {
                use_buf = Some(after.trim().to_string());
            }
            continue;
        }
        let name: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        // a method or associated item is indented
        let indent = line.len() - t.len();
        let kind = if indent > 0 && *kind == "fn" {
            "method"
        } else {
            kind
        };
        out.push(format!("{module} {kind} {name}"));
    }
    out
}

fn surface() -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let binary = binary_modules();
    let mut all = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap();
        if let Some(m) = module_of(rel) {
            // the binary's modules are no part of the library
            if binary
                .iter()
                .any(|b| m == *b || m.starts_with(&format!("{b}::")))
            {
                continue;
            }
            all.extend(items(&m, &std::fs::read_to_string(f).unwrap()));
        }
    }
    all.sort();
    all.dedup();
    all.join("\n") + "\n"
}

#[test]
fn the_public_surface_is_the_pinned_one() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let pinned_path = root.join("tests/public_surface.txt");
    let now = surface();
    if std::env::var_os("CABLEGRAPH_BLESS").is_some() {
        std::fs::write(&pinned_path, &now).unwrap();
        return;
    }
    let pinned = std::fs::read_to_string(&pinned_path).unwrap_or_default();
    if pinned != now {
        let old: std::collections::BTreeSet<&str> = pinned.lines().collect();
        let new: std::collections::BTreeSet<&str> = now.lines().collect();
        let added: Vec<&&str> = new.difference(&old).collect();
        let removed: Vec<&&str> = old.difference(&new).collect();
        panic!(
            "the library's public surface changed (CABLEGRAPH_BLESS=1 cargo test --test surface \
             rewrites tests/public_surface.txt if that is intended)\nadded: {added:#?}\nremoved: \
             {removed:#?}"
        );
    }
}

#[test]
fn the_names_a_library_user_imports_are_there() {
    let s = surface();
    for item in [
        "cable fn parse_document",
        "cable::text fn parse_text",
        "cable use meta::KnownMeta",
        "gazetteer struct Gazetteer",
        "matcher struct Matcher",
        "matcher struct Located",
        "graph struct Aggregate",
        "graph struct GraphSpec",
        "pipeline struct Pipeline",
        "read fn stream_jobs",
        "shard struct ShardFile",
        "export enum Format",
        "error enum Error",
        "problem struct Location",
    ] {
        assert!(s.lines().any(|l| l == item), "{item} missing");
    }
    // the crate root re-exports what the lib's doctest uses
    let root: String = s
        .lines()
        .filter(|l| l.starts_with("crate use "))
        .collect::<Vec<_>>()
        .join(" ");
    for name in [
        "Pipeline",
        "Gazetteer",
        "Aggregate",
        "Format",
        "InputPath",
        "Error",
        "DocProblem",
    ] {
        assert!(root.contains(name), "crate root re-exports no {name}");
    }
}
