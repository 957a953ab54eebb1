//! Issue 5: graph analysis and exports that open in Gephi, Graphviz,
//! networkx and a spreadsheet without a fix.
//!
//! Every test runs the real binary on the fixtures in
//! `tests/fixtures/graph/` (three dated cables, one undated; a gazetteer
//! whose names hold quotes, `&`, `<`, commas, semicolons, a backslash and
//! non-ASCII letters) and reads what it wrote. GraphML and GEXF are read
//! back with `quick-xml`, JSON with `serde_json`, CSV with `csv`;
//! `scripts/check_exports.py` repeats the round trip with networkx and
//! pandas.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};

const CABLES: &str = "tests/fixtures/graph/cables";
const GAZ: &str = "tests/fixtures/graph/gazetteer.csv";

/// Run `cablegraph extract` on the fixtures into a fresh directory.
fn extract(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    // (discovery has its own tests, tests/discovery.rs)
    let mut args = vec!["extract", CABLES, "-g", GAZ, "-q", "--no-discovery", "-o"];
    args.push(out.to_str().unwrap());
    args.extend(extra);
    Command::cargo_bin("cablegraph")
        .unwrap()
        .args(&args)
        .assert()
        .success();
    (dir, out)
}

fn read(p: &Path) -> String {
    fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A CSV file as (header, rows).
fn table(p: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(p).unwrap();
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// Nodes as id → (label, type, mentions); edges as (source, target) → weight.
type Graph = (
    BTreeMap<String, (String, String, u64)>,
    BTreeMap<(String, String), f64>,
);

fn from_csv(out: &Path) -> Graph {
    let (_, nodes) = table(&out.join("nodes.csv"));
    let (_, edges) = table(&out.join("edges.csv"));
    (
        nodes
            .into_iter()
            .map(|r| {
                (
                    r[0].clone(),
                    (r[1].clone(), r[2].clone(), r[3].parse().unwrap()),
                )
            })
            .collect(),
        edges
            .into_iter()
            .map(|r| ((r[0].clone(), r[1].clone()), r[3].parse().unwrap()))
            .collect(),
    )
}

fn from_json(text: &str) -> Graph {
    let v: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(v["directed"], false);
    assert_eq!(v["multigraph"], false);
    assert_eq!(v["edges"], v["links"], "both keys carry the same edges");
    let nodes = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["id"].as_str().unwrap().to_string(),
                (
                    n["label"].as_str().unwrap().to_string(),
                    n["type"].as_str().unwrap().to_string(),
                    n["mentions"].as_u64().unwrap(),
                ),
            )
        })
        .collect();
    let edges = v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                (
                    e["source"].as_str().unwrap().to_string(),
                    e["target"].as_str().unwrap().to_string(),
                ),
                e["weight"].as_f64().unwrap(),
            )
        })
        .collect();
    (nodes, edges)
}

/// Elements as (name, unescaped attributes, unescaped text), in order.
fn xml_elements(text: &str) -> Vec<(String, BTreeMap<String, String>, String)> {
    let mut r = Reader::from_str(text);
    let mut out: Vec<(String, BTreeMap<String, String>, String)> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut raw = String::new();
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => {
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap();
                        (
                            a.key.as_ref().to_string(),
                            a.normalized_value(XmlVersion::Explicit1_0)
                                .unwrap()
                                .into_owned(),
                        )
                    })
                    .collect();
                let name = e.name().as_ref().to_string();
                out.push((name, attrs, String::new()));
                raw.clear();
                // Empty elements close at once; remember only Start ones
                if text[..r.buffer_position() as usize].ends_with("/>") {
                    continue;
                }
                open.push(out.len() - 1);
            }
            Event::Text(t) => raw.push_str(&t.into_inner()),
            Event::GeneralRef(g) => raw.push_str(&format!("&{};", g.into_inner())),
            Event::End(_) => {
                let i = open.pop().unwrap();
                if out[i].2.is_empty() {
                    out[i].2 = quick_xml::escape::unescape(&raw)
                        .unwrap()
                        .trim()
                        .to_string();
                }
                raw.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn from_graphml(text: &str) -> Graph {
    let els = xml_elements(text);
    let mut nodes = BTreeMap::new();
    let mut edges = BTreeMap::new();
    let mut i = 0;
    while i < els.len() {
        let (name, attrs, _) = &els[i];
        let data = |key: &str| {
            els[i + 1..]
                .iter()
                .take_while(|e| e.0 == "data")
                .find(|e| e.1["key"] == key)
                .map(|e| e.2.clone())
                .unwrap()
        };
        if name == "node" {
            nodes.insert(
                attrs["id"].clone(),
                (
                    data("n_label"),
                    data("n_type"),
                    data("n_mentions").parse().unwrap(),
                ),
            );
        } else if name == "edge" {
            edges.insert(
                (attrs["source"].clone(), attrs["target"].clone()),
                data("e_weight").parse().unwrap(),
            );
        }
        i += 1;
    }
    (nodes, edges)
}

fn from_gexf(text: &str) -> Graph {
    let els = xml_elements(text);
    let mut nodes = BTreeMap::new();
    let mut edges = BTreeMap::new();
    for (i, (name, attrs, _)) in els.iter().enumerate() {
        let att = |key: &str| {
            els[i + 1..]
                .iter()
                .take_while(|e| e.0 != "node")
                .find(|e| e.0 == "attvalue" && e.1["for"] == key)
                .map(|e| e.1["value"].clone())
                .unwrap()
        };
        if name == "node" {
            nodes.insert(
                attrs["id"].clone(),
                (
                    attrs["label"].clone(),
                    att("type"),
                    att("mentions").parse().unwrap(),
                ),
            );
        } else if name == "edge" {
            edges.insert(
                (attrs["source"].clone(), attrs["target"].clone()),
                attrs["weight"].parse().unwrap(),
            );
        }
    }
    (nodes, edges)
}

#[test]
fn every_format_carries_the_same_nodes_and_edges() {
    let (_d, out) = extract(&["--format", "graphml,gexf,json"]);
    let csv = from_csv(&out);
    assert_eq!(csv.0.len(), 8, "{:?}", csv.0.keys());
    assert_eq!(csv.1.len(), 18);
    assert_eq!(from_json(&read(&out.join("graph.json"))), csv, "json");
    assert_eq!(
        from_graphml(&read(&out.join("graph.graphml"))),
        csv,
        "graphml"
    );
    assert_eq!(from_gexf(&read(&out.join("graph.gexf"))), csv, "gexf");
    let dot = read(&out.join("graph.dot"));
    assert_eq!(dot.matches(" -- ").count(), csv.1.len());
    for ((s, t), w) in &csv.1 {
        assert!(
            dot.contains(&format!("\"{s}\" -- \"{t}\" [weight={w},")),
            "{s} -- {t}"
        );
    }
}

#[test]
fn awkward_names_round_trip_in_every_format() {
    let (_d, out) = extract(&["--format", "graphml,gexf,json", "--types", "all"]);
    let want = [
        ("merida", "Merida Initiative, Phase 1; \"Plan Mexico\""),
        ("mx-ssp", "Public Security Secretariat \"SSP\""),
        ("us-dea", "DEA & Partners <Task Force>"),
        ("mx-calderon", "Felipe Calderón Hinojosa"),
        ("mx-zetas", "Los Zetas \\\\ 'Z' wing"),
        ("mx-juarez", "Ciudad Juárez"),
    ];
    let graphs = [
        ("csv", from_csv(&out)),
        ("json", from_json(&read(&out.join("graph.json")))),
        ("graphml", from_graphml(&read(&out.join("graph.graphml")))),
        ("gexf", from_gexf(&read(&out.join("graph.gexf")))),
    ];
    for (fmt, g) in &graphs {
        for (id, label) in want {
            assert_eq!(g.0[id].0, label, "{fmt}: {id}");
        }
        assert_eq!(g.0["mx-zetas"].1, "cartel", "{fmt}");
    }
    // raw escapes, so a reader that does not unescape would fail above
    let gexf = read(&out.join("graph.gexf"));
    assert!(gexf.contains("label=\"DEA &amp; Partners &lt;Task Force&gt;\""));
    let dot = read(&out.join("graph.dot"));
    assert!(dot.contains(r#"label="Public Security Secretariat \"SSP\"""#));
    assert!(dot.contains(r#"label="Los Zetas \\\\ 'Z' wing""#));
}

#[test]
fn node_measures_and_contract_columns() {
    let (_d, out) = extract(&[]);
    let (h, rows) = table(&out.join("nodes.csv"));
    assert_eq!(
        h,
        [
            "Id",
            "Label",
            "Type",
            "Mentions",
            "Paragraphs",
            "Cables",
            "Degree",
            "WeightedDegree",
            "PageRank",
            "Component",
            "Provenance"
        ]
    );
    let pgr = rows.iter().find(|r| r[0] == "mx-pgr").unwrap();
    // PGR: 7 mentions in 5 paragraphs of 4 cables; linked to 5 entities
    assert_eq!(&pgr[3..8], ["7", "5", "4", "5", "13"]);
    let ranks: Vec<f64> = rows.iter().map(|r| r[8].parse().unwrap()).collect();
    assert!(
        rows.iter().all(|r| r[8].len() == 8),
        "PageRank has 6 decimals"
    );
    assert!((ranks.iter().sum::<f64>() - 1.0).abs() < 1e-5);
    let top = rows
        .iter()
        .max_by(|a, b| a[8].partial_cmp(&b[8]).unwrap())
        .unwrap();
    assert_eq!(top[0], "mx-pgr");
    assert!(rows.iter().all(|r| r[9] == "1"), "one component");
    let (h, _) = table(&out.join("edges.csv"));
    assert_eq!(h, ["Source", "Target", "Type", "Weight", "Cables"]);
    let (h, _) = table(&out.join("cooccurrences.csv"));
    assert_eq!(h, ["source", "target", "cable", "paragraph", "unit"]);
    let (h, _) = table(&out.join("cables.csv"));
    assert_eq!(h[..2], ["id", "created"]);
}

#[test]
fn measures_add_edge_columns_with_the_documented_formulas() {
    let (_d, out) = extract(&["--measure", "pmi,npmi,dice,jaccard", "--format", "json"]);
    let (h, rows) = table(&out.join("edges.csv"));
    assert_eq!(h[5..], ["PMI", "NPMI", "Dice", "Jaccard"]);
    // merida (2 paragraphs) and mx-calderon (3 paragraphs) share 2 of the 8
    let r = rows
        .iter()
        .find(|r| r[0] == "merida" && r[1] == "mx-calderon")
        .unwrap();
    let (ab, a, b, n) = (2.0f64, 2.0f64, 3.0f64, 8.0f64);
    let pmi = (ab * n / (a * b)).log2();
    assert_eq!(r[5], format!("{pmi:.6}"));
    assert_eq!(r[6], format!("{:.6}", pmi / -(ab / n).log2()));
    assert_eq!(r[7], format!("{:.6}", 2.0 * ab / (a + b)));
    assert_eq!(r[8], format!("{:.6}", ab / (a + b - ab)));
    let json = read(&out.join("graph.json"));
    assert!(json.contains("\"pmi\": 1.415037"), "{json}");
}

#[test]
fn units_sentence_cable_and_window() {
    let weight = |extra: &[&str], s: &str, t: &str| -> Option<String> {
        let (_d, out) = extract(extra);
        let (_, rows) = table(&out.join("edges.csv"));
        rows.into_iter()
            .find(|r| r[0] == s && r[1] == t)
            .map(|r| r[3].clone())
    };
    // PGR and DEA: three paragraphs. By sentence, 09MEXICO100 ¶1 counts
    // twice ("The PGR and SEDENA met with DEA officials. PGR agreed to
    // share files with DEA.") and 09MEXICO200 ¶2 not at all ("PGR opened an
    // inquiry. … The DEA offered help"), so the weight is 3 again
    assert_eq!(weight(&[], "mx-pgr", "us-dea").as_deref(), Some("3"));
    assert_eq!(
        weight(&["--unit", "sentence"], "mx-pgr", "us-dea").as_deref(),
        Some("3")
    );
    assert_eq!(
        weight(&["--unit", "cable"], "mx-pgr", "us-dea").as_deref(),
        Some("3")
    );
    // Calderon and DEA share two paragraphs but no sentence
    assert_eq!(weight(&[], "mx-calderon", "us-dea").as_deref(), Some("2"));
    assert_eq!(
        weight(&["--unit", "sentence"], "mx-calderon", "us-dea"),
        None
    );
    // "Mr. Smith of the U.S. Embassy said SEDENA" stays one sentence
    assert_eq!(
        weight(&["--unit", "sentence"], "mx-sedena", "mx-zetas").as_deref(),
        Some("2")
    );
    // SEDENA and the SSP: "SEDENA and the SSP responded" (2 words between)
    assert_eq!(weight(&["--unit", "window:1"], "mx-sedena", "mx-ssp"), None);
    assert_eq!(
        weight(&["--unit", "window:2"], "mx-sedena", "mx-ssp").as_deref(),
        Some("1")
    );
    let (_d, out) = extract(&["--unit", "window:2"]);
    let (_, ev) = table(&out.join("cooccurrences.csv"));
    assert!(ev
        .iter()
        .any(|r| r[..5] == ["mx-sedena", "mx-ssp", "09MEXICO200", "1", "2"]));
    let (_d, out) = extract(&["--unit", "sentence"]);
    let (_, ev) = table(&out.join("cooccurrences.csv"));
    let sentences: Vec<&str> = ev
        .iter()
        .filter(|r| r[0] == "mx-pgr" && r[1] == "us-dea" && r[2] == "09MEXICO100")
        .map(|r| r[4].as_str())
        .collect();
    assert_eq!(sentences, ["1", "2"]);
}

#[test]
fn bad_unit_is_refused_with_help() {
    Command::cargo_bin("cablegraph")
        .unwrap()
        .args(["graph", CABLES, "-g", GAZ, "--unit", "window:many"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("window:10"));
}

#[test]
fn filters_min_weight_top_isolated_and_dates() {
    let (_d, out) = extract(&["--min-weight", "3"]);
    let (n, e) = from_csv(&out);
    assert!(e.values().all(|w| *w >= 3.0) && e.len() == 3, "{e:?}");
    assert_eq!(n.len(), 8, "nodes stay without --drop-isolated");
    let (_, ev) = table(&out.join("cooccurrences.csv"));
    assert_eq!(ev.len(), 9, "evidence only for kept edges");

    let (_d, out) = extract(&["--top", "2", "--drop-isolated"]);
    let (n, e) = from_csv(&out);
    // three edges have weight 3 and 3 cables; ties broken by ids
    assert_eq!(
        e.keys().cloned().collect::<Vec<_>>(),
        [
            ("mx-calderon".to_string(), "mx-pgr".to_string()),
            ("mx-pgr".to_string(), "mx-sedena".to_string())
        ]
    );
    assert_eq!(n.len(), 3);

    let (_d, out) = extract(&["--from", "2009-01-01", "--to", "2009-02-04"]);
    let (_, cables) = table(&out.join("cables.csv"));
    let ids: Vec<&str> = cables.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        ids,
        ["09MEXICO100"],
        "undated and out-of-range cables left out"
    );
    let (_, mentions) = table(&out.join("mentions.csv"));
    assert!(mentions.iter().all(|r| r[0] == "09MEXICO100"));
}

#[test]
fn output_is_byte_identical_across_runs_and_threads() {
    let args = ["--format", "graphml,gexf,json", "--measure", "npmi,dice"];
    let (_a, one) = extract(&[&args[..], &["-j", "1"]].concat());
    let (_b, two) = extract(&[&args[..], &["-j", "2"]].concat());
    let mut names: Vec<_> = fs::read_dir(&one)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    // 9 graph and table files, the 6 of the header fields (issue 13) and
    // .cablegraph-manifest
    assert_eq!(names.len(), 16, "{names:?}");
    for name in names {
        assert_eq!(
            fs::read(one.join(&name)).unwrap(),
            fs::read(two.join(&name)).unwrap(),
            "{name:?}"
        );
    }
}

#[test]
fn graph_streams_each_format_like_extract_writes_it() {
    let (_d, out) = extract(&["--format", "graphml,gexf,json", "--unit", "sentence"]);
    for (format, file) in [
        ("dot", "graph.dot"),
        ("graphml", "graph.graphml"),
        ("gexf", "graph.gexf"),
        ("json", "graph.json"),
        ("csv", "edges.csv"),
    ] {
        let got = Command::cargo_bin("cablegraph")
            .unwrap()
            .args([
                "graph",
                CABLES,
                "-g",
                GAZ,
                "-q",
                "--no-discovery",
                "--unit",
                "sentence",
                "--format",
                format,
            ])
            .output()
            .unwrap();
        assert!(got.status.success(), "{format}");
        assert_eq!(
            String::from_utf8(got.stdout).unwrap(),
            read(&out.join(file)),
            "{format}"
        );
    }
}

#[test]
fn dot_is_styled_with_a_legend_of_present_types() {
    let (_d, out) = extract(&[]);
    let dot = read(&out.join("graph.dot"));
    assert!(dot.starts_with("graph cablegraph {\n"));
    assert!(dot.contains(
        "\"mx-sedena\" [label=\"SEDENA\", type=\"agency\", mentions=7, paragraphs=5, cables=3, \
degree=6, weighted_degree=12, pagerank=0.175776, component=1, provenance=gazetteer, shape=box, \
fillcolor=\"#8dd3c7\"];"
    ));
    assert!(dot.contains("\"mx-pgr\" -- \"us-dea\" [weight=3, cables=3, penwidth=3.08"));
    assert!(dot.contains("<b>entity type</b>"));
    for kind in [
        "agency (box)",
        "cartel (ellipse)",
        "person (ellipse)",
        "program (note)",
    ] {
        assert!(dot.contains(kind), "{kind}");
    }
    assert!(!dot.contains("place ("), "places are not in this graph");
}

#[test]
fn stats_prints_an_overview() {
    let got = Command::cargo_bin("cablegraph")
        .unwrap()
        .args([
            "stats",
            CABLES,
            "-g",
            GAZ,
            "-q",
            "--no-discovery",
            "--limit",
            "3",
        ])
        .output()
        .unwrap();
    assert!(got.status.success());
    let text = String::from_utf8(got.stdout).unwrap();
    for line in [
        "cables      4",
        "paragraphs  8",
        "units       8 (paragraph)",
        "mentions    32 (agency 23, cartel 3, person 3, program 3)",
        "entities    8 in 1 component",
        "links       18",
        "         7      4      5 0.182103  Attorney General's Office (PGR) (mx-pgr, agency)",
        "         3      3  mx-calderon -- mx-pgr",
    ] {
        assert!(text.contains(line), "{line:?} not in\n{text}");
    }
    assert_eq!(text.matches(" -- ").count(), 3, "--limit 3");
}

#[test]
fn csv_cells_fit_excel_and_bom_is_optional() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("long.txt");
    let subject = "LONG ".repeat(8000);
    fs::write(
        &input,
        format!("SUBJECT: {subject}\n\n1. (C) SEDENA met the PGR.\n"),
    )
    .unwrap();
    let out = dir.path().join("out");
    Command::cargo_bin("cablegraph")
        .unwrap()
        .args([
            "extract",
            input.to_str().unwrap(),
            "-g",
            GAZ,
            "-q",
            "--csv-bom",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    let bytes = fs::read(out.join("cables.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}id,created,".as_bytes()));
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let row = r.records().next().unwrap().unwrap();
    assert_eq!(row[5].chars().count(), 32_767);
    assert!(row[5].ends_with("…[truncated]"));
    let (_, edges) = table(&out.join("edges.csv"));
    assert_eq!(edges.len(), 1);
}
