//! Header fields (issue 13), through the real binary.
//!
//! `tests/labels/headers-written.csv` is a table of messy header cases
//! written by hand, one rule each (TAGS label variants, continuation, codes
//! run together, person and subject tags, page breaks; SUBJECT run-ons,
//! entities and backslash joins; signers; `Classified By` name, title and
//! reasons; references; routing). Every case is a whole small cable; all
//! of them are parsed in one run and each case's field is compared.
//! `scripts/eval_headers.py --written` scores the same table.

mod common;

use std::collections::BTreeMap;

use common::{cablegraph, read_csv};
use serde_json::Value;

/// A field as the table writes it: lists joined with `|`; references as
/// `L:ID` (a cable) or `L:KIND:TEXT` (`-` when there is no letter).
fn field(c: &Value, name: &str) -> String {
    let v = &c[name];
    if name == "references" {
        return v
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let letter = r["letter"].as_str().unwrap_or("-");
                match r["id"].as_str() {
                    Some(id) => format!("{letter}:{id}"),
                    None => format!(
                        "{letter}:{}:{}",
                        r["kind"].as_str().unwrap(),
                        r["text"].as_str().unwrap()
                    ),
                }
            })
            .collect::<Vec<_>>()
            .join("|");
    }
    match v {
        Value::Array(a) => a
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect::<Vec<_>>()
            .join("|"),
        Value::Bool(b) => b.to_string(),
        Value::String(s) => s.clone(),
        _ => String::new(),
    }
}

fn parse_dir(dir: &std::path::Path) -> BTreeMap<String, Value> {
    let out = cablegraph()
        .args(["parse", "--json", "-q"])
        .arg(dir)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| {
            let c: Value = serde_json::from_str(l).unwrap();
            let stem = std::path::Path::new(c["source"].as_str().unwrap())
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (stem, c)
        })
        .collect()
}

#[test]
fn every_written_header_case() {
    written_cases("headers-written.csv", 60, &[]);
}

/// The blind written sets, scored once on frozen rules and tuned on after
/// (see `tests/labels/headers-README.md`): they stay read as they are now.
#[test]
fn blind_written_sets_after_their_fixes() {
    written_cases("headers-written2.csv", 114, &[]);
    written_cases("headers-written3.csv", 135, &[]);
    written_cases("headers-written4.csv", 180, &[]);
    written_cases("headers-written5.csv", 200, &[]);
    // `SE` / `CRETLY`, `PROCEE` / `DINGS`: words broken by the line end,
    // mended with the English word list
    written_cases("headers-written6.csv", 200, &[]);
    written_cases("headers-written7.csv", 200, &[]);
    written_cases("headers-written8.csv", 200, &[]);
    written_cases("headers-written9.csv", 200, &[]);
    written_cases("headers-written10.csv", 200, &[]);
    written_cases("headers-written11.csv", 200, &[]);
    written_cases("headers-written12.csv", 200, &[]);
    written_cases("headers-written13.csv", 200, &[]);
}

fn written_cases(file: &str, at_least: usize, left: &[&str]) {
    let table = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/labels")
        .join(file);
    let (_, cases) = read_csv(&table);
    assert!(
        cases.len() >= at_least,
        "at least {at_least} cases in {file}"
    );
    // one run per case: many cases share a cable id, and one run reads
    // each cable id once (issue 17)
    let mut got = BTreeMap::new();
    for c in &cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(format!("{}.txt", c["case"])), &c["text"]).unwrap();
        got.extend(parse_dir(dir.path()));
    }
    let mut misses = Vec::new();
    for c in &cases {
        let g = got
            .get(&c["case"])
            .map(|v| field(v, &c["field"]))
            .unwrap_or_default();
        if (g == c["expected"]) == left.contains(&c["case"].as_str()) {
            misses.push(format!(
                "{} [{}] {}: got {g:?} want {:?}",
                c["case"], c["kind"], c["field"], c["expected"]
            ));
        }
    }
    assert!(
        misses.is_empty(),
        "{file}: {} misses (or cases left as misses that now pass):\n{}",
        misses.len(),
        misses.join("\n")
    );
}

/// The hand-labelled samples of real header blocks, each drawn held out and
/// tuned on after its first run (`test5`, the last, since 2026-12-02): the
/// samples `test2`, `test3` (scored by `scripts/eval_headers.py --labels
/// tests/labels/headers-dev2.csv --corpus CORPUS --subset test2`, and the
/// same for `headers-dev3.csv` / `test3`) … `headers-dev5.csv` / `test5`
/// label all 8 fields of 100, 80, 80 and 28 cables, none of them a cable of
/// an earlier sample.
#[test]
fn held_out_header_labels_are_whole_and_disjoint() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (cols, first) = read_csv(&root.join("tests/labels/headers-dev.csv"));
    let fields = [
        "tags",
        "subject",
        "signers",
        "classified_by",
        "classification_reasons",
        "references",
        "recipients",
        "info",
    ];
    let mut earlier: Vec<String> = first.iter().map(|r| r["cable"].clone()).collect();
    for (file, subset, at_least) in [
        ("tests/labels/headers-dev2.csv", "test2", 100),
        ("tests/labels/headers-dev3.csv", "test3", 80),
        ("tests/labels/headers-dev4.csv", "test4", 80),
        // the last sample (held out until its first run): every cable of the
        // dev corpus left
        ("tests/labels/headers-dev5.csv", "test5", 28),
    ] {
        let (cols2, sample) = read_csv(&root.join(file));
        assert_eq!(cols, cols2, "{file}: the same columns as headers-dev.csv");
        let mut by_cable: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for r in &sample {
            assert_eq!(r["subset"], subset, "{file}: {}", r["cable"]);
            assert!(
                r["source"].starts_with("cablegate-html/")
                    || r["source"].starts_with("latin1-text/"),
                "{}",
                r["source"]
            );
            assert!(r["source"].contains(r["cable"].as_str()), "{}", r["cable"]);
            by_cable.entry(&r["cable"]).or_default().push(&r["field"]);
        }
        assert!(
            by_cable.len() >= at_least,
            "{file}: {} cables",
            by_cable.len()
        );
        for (cable, got) in &by_cable {
            let mut got = got.clone();
            got.sort_unstable();
            let mut want = fields.to_vec();
            want.sort_unstable();
            assert_eq!(got, want, "{file}: {cable}: every field once");
        }
        for c in &earlier {
            assert!(
                !by_cable.contains_key(c.as_str()),
                "{c} is in {file} and an earlier sample"
            );
        }
        earlier.extend(by_cable.keys().map(|c| c.to_string()));
    }
}

const ROUTED: &str = "\
R 041708Z FEB 09
FM AMEMBASSY MEXICO
TO RUEHC/SECSTATE WASHDC 4895
INFO RUEAHLA/DEA HQS WASHINGTON DC
RHMFIUU/CDR USNORTHCOM PETERSON AFB CO
RUEAWJA/DEPT OF JUSTICE WASHDC
RUEHXC/ALL US CONSULATES IN MEXICO COLLECTIVE
CONFIDENTIAL SECTION 01 OF 02 MEXICO 000100

SIPDIS

E.O. 12958: DECL: 01/15/2019
TAGS: PGOV, PREL,
SNAR, MX
SUBJECT: CARTELS AND THE BORDER
REF: A. MEXICO 90 B. 08 STATE 12345 C. EMAIL FROM POL 1/2/09

Classified By: POLCOUNS Jane Roe, reasons 1.4 (b) and (d)

1. (C) The PGR and SEDENA met.

ROE
";

const CITED: &str = "\
R 011200Z FEB 09
FM AMEMBASSY MEXICO
TO RUEHC/SECSTATE WASHDC 4000
CONFIDENTIAL MEXICO 000090

E.O. 12958: DECL: 01/15/2019
TAGS: PGOV, MX
SUBJECT: AN EARLIER CABLE

1. (C) Earlier words.

ROE
";

#[test]
fn extract_writes_references_recipients_and_directed_graphs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("09MEXICO100.txt"), ROUTED).unwrap();
    std::fs::write(dir.path().join("09MEXICO90.txt"), CITED).unwrap();
    let out = dir.path().join("out");
    cablegraph()
        .arg("extract")
        .arg(dir.path().join("09MEXICO100.txt"))
        .arg(dir.path().join("09MEXICO90.txt"))
        .arg("-o")
        .arg(&out)
        .arg("-q")
        .assert()
        .success();

    let (h, refs) = read_csv(&out.join("references.csv"));
    assert_eq!(h, ["cable", "letter", "reference", "text", "kind"]);
    let rows: Vec<(String, String, String)> = refs
        .iter()
        .map(|r| {
            (
                r["letter"].clone(),
                r["reference"].clone(),
                r["kind"].clone(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("A".into(), "09MEXICO90".into(), "cable".into()),
            ("B".into(), "08STATE12345".into(), "cable".into()),
            ("C".into(), String::new(), "email".into()),
        ]
    );
    assert_eq!(refs[2]["text"], "EMAIL FROM POL 1/2/09");

    let (h, recips) = read_csv(&out.join("recipients.csv"));
    assert_eq!(h, ["cable", "route", "addressee", "entity"]);
    let rows: Vec<(&str, &str, &str)> = recips
        .iter()
        .filter(|r| r["cable"] == "09MEXICO100")
        .map(|r| {
            (
                r["route"].as_str(),
                r["addressee"].as_str(),
                r["entity"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("to", "SECSTATE WASHDC", ""),
            ("info", "DEA HQS WASHINGTON DC", "us-dea"),
            ("info", "CDR USNORTHCOM PETERSON AFB CO", "us-northcom"),
            ("info", "DEPT OF JUSTICE WASHDC", "us-doj"),
            ("info", "ALL US CONSULATES IN MEXICO COLLECTIVE", ""),
        ]
    );

    // the routing graph: post -> addressee, weighted by cables
    let (h, edges) = read_csv(&out.join("routing_edges.csv"));
    assert_eq!(h, ["Source", "Target", "Type", "Weight", "To", "Info"]);
    let secstate = edges
        .iter()
        .find(|e| e["Target"] == "addr-secstate-washdc")
        .unwrap();
    assert_eq!(secstate["Source"], "post-embassy-mexico");
    assert_eq!(secstate["Weight"], "2", "two cables to SECSTATE");
    assert!(edges.iter().all(|e| e["Type"] == "Directed"));
    assert!(edges
        .iter()
        .any(|e| e["Target"] == "us-dea" && e["Info"] == "1"));
    let (_, nodes) = read_csv(&out.join("routing_nodes.csv"));
    assert!(nodes
        .iter()
        .any(|n| n["Id"] == "post-embassy-mexico" && n["Kind"] == "post"));

    // both GEXF files are well-formed and directed; the citation graph
    // carries the subject and date of the cables the run read
    for name in ["references.gexf", "routing.gexf"] {
        let xml = std::fs::read_to_string(out.join(name)).unwrap();
        let mut r = quick_xml::Reader::from_str(&xml);
        loop {
            match r.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name}: {e}"),
            }
        }
        assert!(xml.contains("defaultedgetype=\"directed\""), "{name}");
    }
    let cites = std::fs::read_to_string(out.join("references.gexf")).unwrap();
    assert!(cites.contains("source=\"09MEXICO100\" target=\"09MEXICO90\""));
    assert!(cites.contains("source=\"09MEXICO100\" target=\"08STATE12345\""));
    assert!(cites.contains("value=\"AN EARLIER CABLE\""));
    assert!(cites.contains("value=\"2009-02-01 12:00\""));

    // never in the undirected co-occurrence tables
    let (_, nodes) = read_csv(&out.join("nodes.csv"));
    assert!(nodes.iter().all(|n| !n["Id"].starts_with("post-")));

    // cables.csv: tags joined with `|`, header fields at the end
    let (h, cables) = read_csv(&out.join("cables.csv"));
    assert_eq!(
        h[..9].join(","),
        "id,created,released,classification,origin,subject,tags,paragraphs,source"
    );
    let c = cables.iter().find(|c| c["id"] == "09MEXICO100").unwrap();
    assert_eq!(c["tags"], "PGOV|PREL|SNAR|MX");
    assert_eq!(c["classified_by"], "Jane Roe");
    assert_eq!(c["classified_by_title"], "POLCOUNS");
    assert_eq!(c["signers"], "ROE");
    assert_eq!(c["precedence"], "ROUTINE");
    assert_eq!(c["references"], "3");
}
