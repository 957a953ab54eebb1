//! Issue 15: the report's evidence comes from the same co-occurrence
//! engine as `cooccurrences.csv`. Two entities that share a paragraph but
//! not a sentence have no evidence in the report under `--unit sentence`
//! (nor under a window too small to join them), and keep it under
//! `--unit paragraph`; both `extract --format html` and `report` agree.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::cablegraph;
use serde_json::Value;

/// ¶1: the PGR and SEDENA share the paragraph, not a sentence (and are
/// six words apart); ¶2: the PGR and the CISEN share a sentence.
const CABLE: &str = "\
SUBJECT: EVIDENCE BY UNIT

1. (C) The PGR opened a case. Separately, SEDENA moved troops north.

2. (U) The PGR briefed the CISEN on the case.
";

const GAZETTEER: &str = "\
id,type,name,aliases,notes
mx-pgr,agency,PGR,,
mx-sedena,agency,SEDENA,,
mx-cisen,agency,CISEN,,
";

/// The inlined data blob of a report page.
fn blob(html: &str) -> Value {
    let start = r#"<script id="cablegraph-data" type="application/json">"#;
    let from = html.find(start).expect("data blob") + start.len();
    let len = html[from..].find("</script>").expect("end of blob");
    serde_json::from_str(&html[from..from + len]).expect("JSON blob")
}

/// The report's evidence: `(source, target)` → paragraph numbers.
fn evidence(html: &str) -> Evidence {
    let d = blob(html);
    let nodes = d["nodes"].as_array().unwrap();
    let paras = d["paras"].as_array().unwrap();
    let mut out = BTreeMap::new();
    for e in d["edges"].as_array().unwrap() {
        let id = |k: &str| {
            nodes[e[k].as_u64().unwrap() as usize]["id"]
                .as_str()
                .unwrap()
                .to_string()
        };
        let (a, b) = (id("s"), id("t"));
        let key = if a <= b { (a, b) } else { (b, a) };
        let ev: BTreeSet<String> = e["ev"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| paras[p.as_u64().unwrap() as usize]["n"].to_string())
            .collect();
        out.insert(key, ev);
    }
    out
}

/// The pairs of `cooccurrences.csv` with their paragraph numbers.
fn csv_evidence(dir: &Path) -> Evidence {
    let (_, rows) = common::read_csv(&dir.join("cooccurrences.csv"));
    let mut out: BTreeMap<_, BTreeSet<String>> = BTreeMap::new();
    for r in rows {
        out.entry((r["source"].clone(), r["target"].clone()))
            .or_default()
            .insert(r["paragraph"].clone());
    }
    out
}

/// Paragraph numbers behind each `(source, target)` pair.
type Evidence = BTreeMap<(String, String), BTreeSet<String>>;

/// Write the cable and gazetteer, run `extract --format html` and `report`
/// under `unit`; return the evidence of both pages and of the CSV.
fn run(unit: &str) -> (Evidence, Evidence, Evidence) {
    let dir = tempfile::tempdir().unwrap();
    let cable = dir.path().join("10MEXICO1.txt");
    let gaz = dir.path().join("g.csv");
    std::fs::write(&cable, CABLE).unwrap();
    std::fs::write(&gaz, GAZETTEER).unwrap();
    let out = dir.path().join("out");
    cablegraph()
        .arg("extract")
        .arg(&cable)
        .arg("-g")
        .arg(&gaz)
        .args(["-q", "--format", "html", "--unit", unit, "-o"])
        .arg(&out)
        .assert()
        .success();
    let extracted = evidence(&std::fs::read_to_string(out.join("report.html")).unwrap());
    let page = dir.path().join("r.html");
    cablegraph()
        .arg("report")
        .arg(&cable)
        .arg("-g")
        .arg(&gaz)
        .args(["-q", "--unit", unit, "-o"])
        .arg(&page)
        .assert()
        .success();
    let reported = evidence(&std::fs::read_to_string(&page).unwrap());
    (extracted, reported, csv_evidence(&out))
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

fn paras(ns: &[&str]) -> BTreeSet<String> {
    ns.iter().map(|s| s.to_string()).collect()
}

#[test]
fn r15_report_evidence_follows_the_unit() {
    let pgr_sedena = pair("mx-pgr", "mx-sedena");
    let cisen_pgr = pair("mx-cisen", "mx-pgr");

    let (extracted, reported, csv) = run("paragraph");
    assert_eq!(extracted[&pgr_sedena], paras(&["1"]), "{extracted:?}");
    assert_eq!(extracted[&cisen_pgr], paras(&["2"]), "{extracted:?}");
    assert_eq!(
        extracted, reported,
        "extract --format html and report agree"
    );
    assert_eq!(extracted, csv, "the page's evidence is the CSV's");

    for unit in ["sentence", "window:3"] {
        let (extracted, reported, csv) = run(unit);
        assert!(
            !extracted.contains_key(&pgr_sedena),
            "{unit}: no evidence for a pair that shares no {unit}: {extracted:?}"
        );
        assert_eq!(
            extracted[&cisen_pgr],
            paras(&["2"]),
            "{unit}: {extracted:?}"
        );
        assert_eq!(extracted, reported, "{unit}: extract and report agree");
        assert_eq!(extracted, csv, "{unit}: the page's evidence is the CSV's");
    }
}
