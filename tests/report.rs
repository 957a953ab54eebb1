//! Issue 8: the evidence report, `report.html`, as the binary writes it.
//! (The page's behaviour in a browser is checked by
//! `scripts/report_browser_test.sh`.)

mod common;

use std::path::Path;

use common::{cablegraph, fixture, parse_json};
use serde_json::Value;

const SEED: &str = "09MEXICO283.txt";
const GAZ: &str = "report/gazetteer.csv";

/// Run `report` and return the page and the stderr summary.
fn report(args: &[&str], out: &Path) -> (String, String) {
    let res = cablegraph()
        .arg("report")
        .args(args)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&res.stderr).into_owned();
    assert!(res.status.success(), "{stderr}");
    (std::fs::read_to_string(out).unwrap(), stderr)
}

/// The inlined data blob.
fn data(html: &str) -> Value {
    let start = r#"<script id="cablegraph-data" type="application/json">"#;
    let from = html.find(start).expect("data element") + start.len();
    let len = html[from..].find("</script>").expect("data element closed");
    serde_json::from_str(&html[from..from + len]).expect("data is JSON")
}

fn node_index(d: &Value, id: &str) -> usize {
    d["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .position(|n| n["id"] == id)
        .unwrap_or_else(|| panic!("no node {id}"))
}

fn edge<'a>(d: &'a Value, a: &str, b: &str) -> &'a Value {
    let (a, b) = (node_index(d, a), node_index(d, b));
    d["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            let (s, t) = (
                e["s"].as_u64().unwrap() as usize,
                e["t"].as_u64().unwrap() as usize,
            );
            (s, t) == (a, b) || (s, t) == (b, a)
        })
        .expect("edge")
}

/// The text of a paragraph put back together from its segments.
fn joined(p: &Value) -> String {
    p["t"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| match s {
            Value::String(t) => t.as_str(),
            Value::Array(m) => m[1].as_str().unwrap(),
            _ => panic!("bad segment {s}"),
        })
        .collect()
}

#[test]
fn seed_report_is_self_contained_and_has_the_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("nested/report.html");
    let (html, stderr) = report(&[&fixture(SEED), "-g", &fixture(GAZ)], &out);

    // one file, nothing fetched
    let lower = html.to_ascii_lowercase();
    for bad in [
        "<script src",
        "src=\"http",
        "src='http",
        "href=\"http",
        "href='http",
        "<link",
        "@import",
        "url(http",
        "<iframe",
    ] {
        assert!(!lower.contains(bad), "report refers outside itself: {bad}");
    }
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Cytoscape.js 3.35.0"));
    assert_eq!(
        lower.matches("<script").count(),
        lower.matches("</script>").count()
    );
    for id in [
        "mx-pgr",
        "mx-ssp",
        "mx-afi",
        "mx-cisen",
        "mx-semar",
        "mx-sedena",
        "prog-merida-initiative",
        "mx-person-felipe-calderon",
    ] {
        assert!(html.contains(&format!("\"id\":\"{id}\"")), "{id} missing");
    }

    // the PGR–SSP link is backed by paragraph 3 with both highlighted
    let d = data(&html);
    let e = edge(&d, "mx-pgr", "mx-ssp");
    assert_eq!(e["w"], 1);
    let ev = e["ev"].as_array().unwrap();
    assert_eq!(ev.len(), 1);
    let p = &d["paras"][ev[0].as_u64().unwrap() as usize];
    let cable = &d["cables"][p["c"].as_u64().unwrap() as usize];
    assert_eq!(cable["id"], "09MEXICO283");
    assert_eq!(cable["date"], "2009-02-04 17:08");
    assert_eq!(cable["classification"], "CONFIDENTIAL");
    assert_eq!(p["n"], 3);
    assert_eq!(p["m"], "U");
    let (pgr, ssp) = (node_index(&d, "mx-pgr"), node_index(&d, "mx-ssp"));
    let marked: Vec<(usize, String)> = p["t"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s.as_array())
        .map(|m| {
            let words: Vec<&str> = m[1].as_str().unwrap().split_whitespace().collect();
            (m[0].as_u64().unwrap() as usize, words.join(" "))
        })
        .collect();
    let has = |node: usize, text: &str| marked.iter().any(|(n, t)| *n == node && t == text);
    assert!(has(pgr, "Attorney General's Office"), "{marked:?}");
    assert!(has(ssp, "Secretariat of Public Security"), "{marked:?}");
    assert!(has(ssp, "SSP"), "{marked:?}");

    // the segments are exactly the paragraph's text
    let parsed = &parse_json(&[&fixture(SEED)])[0];
    assert_eq!(joined(p), parsed["paragraphs"][2]["text"].as_str().unwrap());
    // every node has evidence, every edge too
    for n in d["nodes"].as_array().unwrap() {
        assert!(!n["ev"].as_array().unwrap().is_empty(), "{n}");
    }
    for e in d["edges"].as_array().unwrap() {
        assert!(!e["ev"].as_array().unwrap().is_empty(), "{e}");
    }

    // the summary line says where and how big
    assert!(stderr.contains("report.html"), "{stderr}");
    assert!(stderr.contains(" KB)"), "{stderr}");
}

#[test]
fn report_is_byte_identical_across_runs_and_extract_writes_the_same_page() {
    let dir = tempfile::tempdir().unwrap();
    let args = [fixture(SEED), "-g".into(), fixture(GAZ), "-q".into()];
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (one, _) = report(&args, &dir.path().join("a.html"));
    let mut two_args = args.clone();
    two_args.extend(["-j", "1"]);
    let (two, _) = report(&two_args, &dir.path().join("b.html"));
    assert!(one == two, "report differs between runs");

    let out = dir.path().join("out");
    let res = cablegraph()
        .arg("extract")
        .args(&args)
        .args(["--format", "html", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(res.status.success());
    let via_extract = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        via_extract == one,
        "extract --format html differs from report"
    );
}

#[test]
fn hostile_text_cannot_break_out_of_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let gaz = dir.path().join("g.csv");
    std::fs::write(
        &gaz,
        "id,type,name,aliases,notes\n\
         x-evil,<b>type</b>,\"</script><script>alert(1)</script>\",Evil Agency,\n\
         x-good,agency,Good Agency,,\n",
    )
    .unwrap();
    let cable = dir.path().join("c.txt");
    std::fs::write(
        &cable,
        "SUBJECT: <!-- TEST </script>\n\n\
         1. (C) The Evil Agency met the Good Agency </script><img src=x onerror=alert(1)> \u{2028} here.\n",
    )
    .unwrap();
    let out = dir.path().join("r.html");
    let (html, _) = report(
        &[cable.to_str().unwrap(), "-g", gaz.to_str().unwrap(), "-q"],
        &out,
    );
    let lower = html.to_ascii_lowercase();
    assert_eq!(
        lower.matches("<script").count(),
        3,
        "only the data, the library and the page script"
    );
    assert_eq!(lower.matches("</script>").count(), 3);
    assert!(!html.contains("<img"));
    assert!(!html.contains("<!-- TEST"));
    assert!(!html.contains('\u{2028}'));
    let d = data(&html);
    assert_eq!(d["nodes"][0]["label"], "</script><script>alert(1)</script>");
    assert!(joined(&d["paras"][0]).contains("</script><img src=x onerror=alert(1)>"));
}

#[test]
fn text_cap_is_applied_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.html");
    let (html, stderr) = report(
        &[&fixture(SEED), "-g", &fixture(GAZ), "--max-text", "0"],
        &out,
    );
    let d = data(&html);
    assert_eq!(d["meta"]["capped"], true);
    assert!(d["meta"]["omitted"].as_u64().unwrap() > 0);
    assert!(d["paras"].as_array().unwrap().is_empty());
    // the graph itself is whole: every link of the uncapped page
    let (whole, _) = report(
        &[&fixture(SEED), "-g", &fixture(GAZ)],
        &dir.path().join("whole.html"),
    );
    let whole = data(&whole)["edges"].as_array().unwrap().len();
    assert!(whole >= 6, "{whole}");
    assert_eq!(d["edges"].as_array().unwrap().len(), whole);
    assert!(stderr.contains("left out by --max-text"), "{stderr}");
}

#[test]
fn evidence_limit_per_link_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.html");
    let (html, _) = report(
        &[&fixture(SEED), "-g", &fixture(GAZ), "--evidence", "1", "-q"],
        &out,
    );
    let d = data(&html);
    let e = edge(&d, "mx-pgr", "mx-person-felipe-calderon");
    assert_eq!(e["w"], 2);
    assert_eq!(e["ev"].as_array().unwrap().len(), 1);
    assert_eq!(d["meta"]["per_edge"], 1);
}
