//! Issue 3, "real cables in every form they come in": the binary reads each
//! input form and `parse --json` reports the same structure.
//!
//! The fixtures under `tests/fixtures/inputs/` are short synthetic cables
//! with the quirks of the real ones; the byte-exact ones (Windows-1252,
//! gzip) are written by `make_binary_fixtures.py` there.

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/inputs")
        .join(name)
}

/// Output of one `cablegraph parse --json` run.
struct Run {
    cables: Vec<Value>,
    stderr: String,
    code: i32,
}

fn parse(args: &[&str], stdin: Option<Vec<u8>>) -> Run {
    let mut cmd = Command::cargo_bin("cablegraph").expect("binary");
    cmd.arg("parse").arg("--json").arg("-q").args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    let out = cmd.output().expect("run");
    let stdout = String::from_utf8(out.stdout).expect("utf-8 output");
    Run {
        cables: stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
            .collect(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

fn parse_file(name: &str) -> Run {
    let path = fixture(name);
    parse(&[path.to_str().expect("utf-8 path")], None)
}

/// `(number, classification, heading)` of each paragraph.
fn shape(cable: &Value) -> Vec<(u64, Option<String>, Option<String>)> {
    cable["paragraphs"]
        .as_array()
        .expect("paragraphs")
        .iter()
        .map(|p| {
            (
                p["number"].as_u64().expect("number"),
                p["classification"].as_str().map(str::to_string),
                p["heading"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn texts(cable: &Value) -> Vec<&str> {
    cable["paragraphs"]
        .as_array()
        .expect("paragraphs")
        .iter()
        .map(|p| p["text"].as_str().expect("text"))
        .collect()
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

#[test]
fn html_page() {
    let r = parse_file("page.html");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.cables.len(), 1, "repeated <pre> blocks are read once");
    let c = &r.cables[0];
    // the reference table, not the navigation pane
    assert_eq!(c["id"], "09TESTPOST42");
    assert_eq!(c["created"], "2009-03-06 09:55");
    assert_eq!(c["released"], "2010-11-28 18:06");
    assert_eq!(c["classification"], "CONFIDENTIAL");
    assert_eq!(c["origin"], "Embassy Testville");
    assert_eq!(c["tags"], serde_json::json!(["PREL", "PGOV", "XX"]));
    assert_eq!(
        c["subject"],
        "MINISTER & AMBASSADOR DISCUSS \"NEW\" BORDER PLAN"
    );
    // the person; the title is a field of its own (issue 13)
    assert_eq!(c["classified_by"], "Jane Q. Doe");
    assert_eq!(c["classified_by_title"], "Ambassador");
    assert_eq!(c["signer"], "DOE");
    assert_eq!(
        shape(c),
        [
            (1, s("C"), None),
            (2, s("S/NF"), s("AFGHANISTAN")),
            (3, s("U"), None)
        ]
    );
    assert_eq!(
        texts(c),
        [
            "Summary: The Minister told the Ambassador <privately>\nthat the plan would go ahead. End Summary.",
            "The Minister\u{2019}s staff said 60-80 percent\nof the funds were ready.",
            "Comment: a short last word.",
        ],
        "entities decoded, routing, SIPDIS and the page break left out"
    );
}

#[test]
fn csv_dump_rows() {
    let r = parse_file("dump.csv");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ids: Vec<&str> = r.cables.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["66TESTPORT101", "72TESTPORT7", "09TESTPORT300"]);
    let sources: Vec<String> = r
        .cables
        .iter()
        .map(|c| {
            c["source"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        sources,
        ["dump.csv:row 1", "dump.csv:row 2", "dump.csv:row 3"]
    );

    let old = &r.cables[0];
    assert_eq!(old["created"], "1966-12-28 18:48");
    assert_eq!(old["origin"], "Embassy Testport");
    assert_eq!(old["classification"], "UNCLASSIFIED");
    // the dump's references column, as structured references (issue 13)
    assert_eq!(
        old["references"],
        serde_json::json!([{"letter": null, "id": "66STATE9", "text": "", "kind": "cable"}])
    );
    assert_eq!(old["subject"], "FISHING LIMITS");
    assert_eq!(old["signer"], "SMITH");
    assert_eq!(shape(old), [(1, None, None), (2, None, None)]);
    assert_eq!(
        texts(old),
        [
            "PRESS REPORTS CONFIRM \"NEW\" SEA LIMITS\nUNDER REVIEW.",
            "NAVY'S VIEW IS \"200 MILES\".",
        ],
        "backslash escapes undone, newlines kept"
    );

    let second = &r.cables[1];
    assert_eq!(second["created"], "1972-02-05 09:30");
    assert_eq!(shape(second), [(1, s("C"), None), (2, s("U"), None)]);
    assert_eq!(
        texts(second)[0],
        "THE SHAH'S REQUEST, \"URGENT\",\nWAS PASSED ON."
    );

    // a Windows-1252 cell: ¶ as byte 0xB6
    let third = &r.cables[2];
    assert_eq!(third["classification"], "SECRET//NOFORN");
    assert_eq!(shape(third), [(1, s("S/NF"), None), (2, s("C"), None)]);
}

#[test]
fn csv_dump_bad_row_is_reported_and_the_others_come_out() {
    let r = parse_file("dump_bad.csv");
    assert_eq!(r.code, 1, "a skipped row makes the exit code non-zero");
    let ids: Vec<&str> = r.cables.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "66TESTPORT101",
            "72TESTPORT7",
            "09TESTPORT300",
            "09TESTPORT302"
        ]
    );
    assert!(
        r.stderr
            .contains("dump_bad.csv:row 4: line 41: expected 8 columns"),
        "{}",
        r.stderr
    );
}

#[test]
fn gzip_dump_is_streamed_too() {
    let r = parse_file("dump.csv.gz");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.cables.len(), 3);
    assert!(r.cables[2]["source"]
        .as_str()
        .unwrap()
        .ends_with("dump.csv.gz:row 3"));
    assert_eq!(
        shape(&r.cables[2]),
        [(1, s("S/NF"), None), (2, s("C"), None)]
    );
}

#[test]
fn windows_1252_text_with_crlf() {
    let r = parse_file("latin1.txt");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let c = &r.cables[0];
    assert_eq!(c["id"], "09TESTPARIS77");
    assert_eq!(c["created"], "2009-07-24 15:55");
    assert_eq!(c["classification"], "CONFIDENTIAL");
    assert_eq!(c["origin"], "Embassy Testparis");
    assert_eq!(c["tags"], serde_json::json!(["PGOV", "PREL", "FR"]));
    assert_eq!(
        c["subject"],
        "MIDDLE EAST: THE PRESIDENT AND HIS GUEST CONFER ON NEXT STEPS"
    );
    assert_eq!(c["classified_by"], "Kathleen Smith");
    assert_eq!(c["classified_by_title"], "POL M/C");
    assert_eq!(c["signer"], "RIVKIN");
    assert_eq!(shape(c), [(1, s("C"), None), (2, s("SBU"), None)]);
    let t = texts(c);
    assert_eq!(
        t[0],
        "Summary: The President\u{2019}s advisor said the two leaders agree.\nEnd Summary."
    );
    assert_eq!(t[1], "Sarkozy,s key advisor met Calder\u{f3}n.");
    assert!(!t.concat().contains(['\u{fffd}', '\r']));
}

#[test]
fn cable_without_markers_splits_at_blank_lines() {
    let r = parse_file("unmarked.txt");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let c = &r.cables[0];
    assert_eq!(c["id"], "72TESTVILLE1164");
    assert_eq!(c["created"], "1972-02-25 09:30");
    assert_eq!(c["classification"], "UNCLASSIFIED");
    assert_eq!(c["subject"], "ACCELERATION OF DELIVERIES FOR TESTLAND");
    assert_eq!(c["signer"], "HECK");
    assert_eq!(
        shape(c),
        [
            (1, None, None),
            (2, None, s("ACTION REQUESTED")),
            (3, None, None)
        ]
    );
    assert_eq!(
        texts(c)[2],
        "THE GOVERNMENT WAS BEING KEPT INFORMED OF THE DISCUSSIONS.",
        "the page break is not text"
    );
}

#[test]
fn json_lines() {
    let r = parse_file("cables.jsonl");
    assert_eq!(r.code, 1, "the bad line is reported");
    assert!(
        r.stderr.contains("cables.jsonl:2: not JSON"),
        "{}",
        r.stderr
    );
    assert_eq!(r.cables.len(), 2);
    let first = &r.cables[0];
    assert_eq!(first["id"], "09TESTJSON1");
    assert_eq!(first["created"], "2009-07-24 15:55");
    assert_eq!(first["classification"], "SECRET");
    assert_eq!(first["origin"], "Embassy Testjson");
    assert_eq!(shape(first), [(1, s("S"), None), (2, s("C"), None)]);
    let second = &r.cables[1];
    assert_eq!(second["id"], "09TESTJSON2");
    assert_eq!(second["created"], "2009-02-04 17:08");
    assert!(second["source"]
        .as_str()
        .unwrap()
        .ends_with("cables.jsonl:3"));
    assert_eq!(texts(second), ["FIRST BLOCK.", "SECOND BLOCK."]);
}

#[test]
fn stdin_dash() {
    let page = std::fs::read(fixture("page.html")).expect("fixture");
    let r = parse(&["-"], Some(page));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.cables.len(), 1);
    assert_eq!(r.cables[0]["id"], "09TESTPOST42");
    assert_eq!(r.cables[0]["source"], "-");
    assert_eq!(shape(&r.cables[0]).len(), 3);
}

#[test]
fn stdin_gzip() {
    let gz = std::fs::read(fixture("dump.csv.gz")).expect("fixture");
    let r = parse(&["-"], Some(gz));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let sources: Vec<&str> = r
        .cables
        .iter()
        .map(|c| c["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["-:row 1", "-:row 2", "-:row 3"]);
}

#[test]
fn directory_recursed_in_sorted_order() {
    let dir = fixture("tree");
    // given twice, and in reverse: the same sorted, de-duplicated list
    let b = dir.join("b");
    let r = parse(&[b.to_str().unwrap(), dir.to_str().unwrap()], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let subjects: Vec<&str> = r
        .cables
        .iter()
        .map(|c| c["subject"].as_str().unwrap())
        .collect();
    assert_eq!(subjects, ["FIRST FILE", "NESTED FILE", "SECOND FILE"]);
    let first = &r.cables[0];
    assert_eq!(shape(first), [(1, s("U"), None)]);
    assert_eq!(texts(first), ["From a."]);
}

#[test]
fn missing_input_is_reported_and_the_rest_goes_on() {
    let page = fixture("page.html");
    let r = parse(&["/no/such/cable.txt", page.to_str().unwrap()], None);
    assert_eq!(r.code, 1);
    assert!(r
        .stderr
        .contains("/no/such/cable.txt: no such file or directory"));
    assert_eq!(r.cables.len(), 1);
}
