//! Shared helpers for the integration tests: run the real binary, read
//! CSV output back.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The fixture directory.
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A fixture path as a string.
pub fn fixture(name: &str) -> String {
    fixtures().join(name).display().to_string()
}

/// The binary, ready for arguments.
pub fn cablegraph() -> Command {
    let mut c = Command::cargo_bin("cablegraph").expect("binary built");
    c.env_remove("RAYON_NUM_THREADS");
    c
}

/// Rows of a CSV file as maps from header to value.
pub fn read_csv(path: &Path) -> (Vec<String>, Vec<std::collections::BTreeMap<String, String>>) {
    let mut rdr =
        csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    let rows = rdr
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_string))
                .collect()
        })
        .collect();
    (headers, rows)
}

/// Run `extract` on the inputs into a fresh temporary directory.
pub fn extract(args: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut cmd = cablegraph();
    cmd.arg("extract")
        .args(args)
        .arg("-o")
        .arg(&out)
        .arg("--quiet");
    cmd.assert().success();
    dir
}

/// Run a command that must succeed; its standard output.
pub fn stdout_of(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Parse `parse --json` output into JSON values.
pub fn parse_json(args: &[&str]) -> Vec<serde_json::Value> {
    let out = stdout_of(cablegraph().arg("parse").arg("--json").args(args));
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Every `.rs` file under `dir`, sorted (the house and surface tests read
/// the source).
pub fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The binary's own modules: the `mod NAME;` lines of `src/main.rs` (the
/// command line, progress bars, Ctrl-C). They are not part of the library.
pub fn binary_modules() -> Vec<String> {
    let main = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/main.rs");
    std::fs::read_to_string(main)
        .unwrap()
        .lines()
        .filter_map(|l| l.trim().strip_prefix("mod ")?.strip_suffix(';'))
        .map(str::to_string)
        .collect()
}

/// `cable/mod.rs` → `cable`, `export/tables.rs` → `export::tables`,
/// `lib.rs` → `crate`; `None` for the binary's `main.rs`.
pub fn module_of(rel: &Path) -> Option<String> {
    let parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    match parts.as_slice() {
        [one] if one == "main" => None,
        [one] if one == "lib" => Some("crate".into()),
        [.., last] if last == "mod" => Some(parts[..parts.len() - 1].join("::")),
        _ => Some(parts.join("::")),
    }
}
