//! Issue 4: a gazetteer analysts can trust (`gazetteer check`), and tools
//! to grow it from the cables (`suggest`, `explain`, defined acronyms).

mod common;

use common::{cablegraph, fixture};

/// A gazetteer fixture of this issue.
fn gaz(name: &str) -> String {
    fixture(&format!("gaztools/{name}"))
}

const SEED: &str = "09MEXICO283.txt";

// ---- gazetteer check ------------------------------------------------------

/// One bad fixture per kind of bad row: (file, line, message).
const BAD: &[(&str, u32, &str)] = &[
    ("missing_id.csv", 3, "missing id"),
    ("duplicate_id.csv", 3, "duplicate id \"mx-pgr\" (first at "),
    ("missing_type.csv", 2, "missing type"),
    ("missing_name.csv", 2, "missing name"),
    ("empty_alias.csv", 2, "empty alias (item 2 of aliases)"),
    (
        "unknown_column.csv",
        1,
        "unknown column \"colour\" (expected id,type,name,aliases,notes)",
    ),
    (
        "bad_quoting.csv",
        2,
        "3 fields, header has 5 (unbalanced quotes or a stray comma?)",
    ),
    (
        "stray_quote.csv",
        2,
        "bad quoting in field 3: a quote inside an unquoted field",
    ),
    (
        "alias_clash.csv",
        3,
        "alias \"pgr\" is also claimed by \"mx-pgr\" (",
    ),
    (
        "punctuation_alias.csv",
        2,
        "alias \"--\" has no letter or digit",
    ),
];

#[test]
fn check_reports_every_kind_of_bad_row_as_file_line() {
    for (file, line, msg) in BAD {
        let path = gaz(file);
        let out = cablegraph()
            .args(["gazetteer", "check", &path])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{file}: {stderr}");
        let want = format!("{path}:{line}: {msg}");
        assert!(
            stderr.lines().next().is_some_and(|l| l.starts_with(&want)),
            "{file}: want {want:?}, got:\n{stderr}"
        );
        assert!(out.stdout.is_empty(), "{file}: no summary when invalid");
    }
}

#[test]
fn check_prints_a_summary_per_type_when_valid() {
    let out = cablegraph()
        .args(["gazetteer", "check", &gaz("good.csv")])
        .output()
        .unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<&str>> = s.lines().map(|l| l.split_whitespace().collect()).collect();
    assert_eq!(
        rows,
        [
            vec!["type", "entities", "aliases"],
            vec!["agency", "2", "5"],
            vec!["person", "1", "2"],
            vec!["program", "1", "2"],
            vec!["total", "4", "9"],
        ]
    );
}

#[test]
fn check_accepts_a_header_only_gazetteer() {
    cablegraph()
        .args(["gazetteer", "check", &gaz("empty.csv")])
        .assert()
        .success();
}

#[test]
fn shipped_gazetteer_passes_check() {
    // no PATH: the built-in gazetteer (compiled from gazetteers/*.csv)
    cablegraph().args(["gazetteer", "check"]).assert().success();
}

#[test]
fn extract_with_a_bad_gazetteer_fails_before_writing_anything() {
    for (file, line, msg) in BAD {
        let dir = tempfile::tempdir().unwrap();
        // a fresh output directory is not created
        let fresh = dir.path().join("fresh");
        // an existing one keeps its earlier results
        let old = dir.path().join("old");
        std::fs::create_dir(&old).unwrap();
        std::fs::write(old.join("nodes.csv"), "earlier results\n").unwrap();
        for out_dir in [&fresh, &old] {
            let path = gaz(file);
            let out = cablegraph()
                .arg("extract")
                .arg(fixture(SEED))
                .args(["-g", &path, "-q", "-o"])
                .arg(out_dir)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{file}: {stderr}");
            assert!(
                stderr.contains(&format!("{path}:{line}: {msg}")),
                "{file}: {stderr}"
            );
        }
        assert!(!fresh.exists(), "{file}: output directory created");
        let left: Vec<_> = std::fs::read_dir(&old)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["nodes.csv"], "{file}");
        assert_eq!(
            std::fs::read_to_string(old.join("nodes.csv")).unwrap(),
            "earlier results\n"
        );
    }
}
