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

// ---- acronyms the cable defines -------------------------------------------

/// `mentions` output as (paragraph, entity, surface, alias) rows.
fn mentions(gazetteer: &str) -> Vec<(u32, String, String, String)> {
    let out = cablegraph()
        .args(["mentions", "-q", "--types", "all", "-g", &gaz(gazetteer)])
        .arg(fixture(SEED))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut rdr = csv::Reader::from_reader(out.stdout.as_slice());
    let h = rdr.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (p, e, s, a) = (
        col("paragraph"),
        col("entity"),
        col("surface"),
        col("alias"),
    );
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[p].parse().unwrap(),
                r[e].to_string(),
                r[s].to_string(),
                r[a].to_string(),
            )
        })
        .collect()
}

const DEFINED: &str = "(acronym defined in the cable)";

#[test]
fn acronyms_defined_in_the_seed_link_to_their_long_forms() {
    // the gazetteer knows the long forms but none of the acronyms
    let m = mentions("seed_longforms.csv");
    let linked: Vec<(u32, &str, &str)> = m
        .iter()
        .filter(|x| x.3 == DEFINED)
        .map(|x| (x.0, x.1.as_str(), x.2.as_str()))
        .collect();
    assert_eq!(
        linked,
        [
            // ¶3 "merging of SSP and AFI", right after their definitions
            (3, "mx-ssp", "SSP"),
            (3, "mx-afi", "AFI"),
            // "assist PGR", "help the PGR", defined in ¶3
            (9, "mx-pgr", "PGR"),
            (10, "mx-pgr", "PGR"),
        ]
    );
    // the definitions themselves count once: no mention of the
    // parenthesised acronyms
    assert_eq!(m.iter().filter(|x| x.0 == 3 && x.1 == "mx-ssp").count(), 2);
    assert_eq!(m.iter().filter(|x| x.1 == "mx-sedena").count(), 1);
    assert_eq!(m.iter().filter(|x| x.1 == "mx-gsomia").count(), 1);
}

#[test]
fn claimed_acronyms_are_matched_as_aliases_not_linked() {
    let m = mentions("seed_covered.csv");
    assert!(m.iter().all(|x| x.3 != DEFINED), "{m:?}");
    for (p, id, surface) in [
        (3, "mx-ssp", "SSP"),
        (3, "mx-afi", "AFI"),
        (9, "mx-pgr", "PGR"),
    ] {
        assert!(
            m.iter()
                .any(|x| x.0 == p && x.1 == id && x.2 == surface && x.3 == surface),
            "{id} in ¶{p}: {m:?}"
        );
    }
}

#[test]
fn linked_mentions_keep_order_and_exact_surfaces() {
    let dir = common::extract(&[
        &fixture(SEED),
        "-g",
        &gaz("seed_longforms.csv"),
        "--types",
        "all",
    ]);
    let cable = &common::parse_json(&[&fixture(SEED)])[0];
    let paras = cable["paragraphs"].as_array().unwrap();
    let (_, rows) = common::read_csv(&dir.path().join("out/mentions.csv"));
    let mut last = (0u64, 0usize);
    for r in &rows {
        let n: u64 = r["paragraph"].parse().unwrap();
        let (s, e): (usize, usize) = (r["start"].parse().unwrap(), r["end"].parse().unwrap());
        let text = paras[n as usize - 1]["text"].as_str().unwrap();
        assert_eq!(&text[s..e], r["surface"], "{r:?}");
        assert!((n, s) > last, "order: {r:?} after {last:?}");
        last = (n, s);
    }
    // SSP and AFI share ¶3 with the other agencies: linked in the graph
    let (_, edges) = common::read_csv(&dir.path().join("out/edges.csv"));
    assert!(edges.iter().any(|e| {
        let pair = [e["Source"].as_str(), e["Target"].as_str()];
        pair.contains(&"mx-afi") && pair.contains(&"mx-ssp")
    }));
}
