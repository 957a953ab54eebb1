//! Issue 18: PDFs, scans and photographs read directly.
//!
//! The fixtures in `tests/fixtures/pdf/` are cables written for these tests
//! (`09TIJUANA417.txt`, `08MONTERREY902.txt`, `monterrey-ocr.txt`, the last
//! with OCR confusions typed in), printed with `scripts/text2pdf.py` into
//! text-layer PDFs (`09TIJUANA417.pdf`, `two-cables.pdf`), and "scanned":
//! `tijuana-scan.pdf` (an image-only PDF, 150 dpi, skewed, blurred, noisy)
//! and `monterrey-scan.png` (a 150 dpi bilevel page). Tests that need
//! Poppler or Tesseract say so on stderr and pass when the program is
//! absent; CI installs both (`.ci/run`).

mod common;

use std::path::Path;
use std::process::Command as Std;

use common::{cablegraph, fixture, read_csv};
use serde_json::Value;

fn have(program: &str) -> bool {
    let ok = Std::new(program)
        .arg("-v")
        .output()
        .is_ok_and(|o| o.status.success() || !o.stderr.is_empty() || !o.stdout.is_empty());
    if !ok && std::env::var_os("CABLEGRAPH_REQUIRE_OCR").is_some() {
        panic!("{program} is required (CABLEGRAPH_REQUIRE_OCR is set) but not installed");
    }
    if !ok {
        eprintln!(
            "SKIPPED: {program} is not installed (Debian: apt-get install poppler-utils tesseract-ocr tesseract-ocr-eng)"
        );
    }
    ok
}

fn pdf(name: &str) -> String {
    fixture(&format!("pdf/{name}"))
}

/// `parse --json` on the inputs: the cables, and the exit code.
fn parse(args: &[&str]) -> (Vec<Value>, i32, String) {
    let o = cablegraph()
        .args(["parse", "--json", "--quiet"])
        .args(args)
        .output()
        .unwrap();
    let cables = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (
        cables,
        o.status.code().unwrap(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn numbers(c: &Value) -> Vec<u64> {
    c["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["number"].as_u64().unwrap())
        .collect()
}

fn markings(c: &Value) -> Vec<String> {
    c["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["classification"].as_str().unwrap_or("").to_string())
        .collect()
}

/// OCR'd text as a 150 dpi scan leaves it (no Tesseract needed: the text
/// is given): specks around the section line and the DTG, a comma for a
/// marker's dot, a dash or a degree sign before the marking, a brace for
/// its parenthesis, a pilcrow read as `$`, `G`, `4` or `2`.
#[test]
fn damaged_ocr_text_keeps_its_id_date_and_numbers() {
    let (cables, code, err) = parse(&[&pdf("ocr-damaged-150dpi.txt")]);
    assert_eq!(code, 0, "{err}");
    let c = &cables[0];
    assert_eq!(c["id"], "09GUADALAJARA417");
    assert_eq!(c["created"], "2009-06-11 15:30");
    assert_eq!(numbers(c), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(markings(c), ["U", "C", "C", "C", "U", "U", "C", "C"]);
    assert!(c["paragraphs"][6]["text"]
        .as_str()
        .unwrap()
        .starts_with("SEDENA continues"));
}

/// A second 150 dpi page as OCR leaves it (written for this test): the
/// classification line unreadable, so the id comes from the `DE` serial and
/// the `FM` post; the DTG run together and cased; no blank line after the
/// REF block; markers read as `fa (C)`, `CC)`, `474.`, `4S.`, `G6. «(C)`,
/// `T7..`, `--q8:`.
#[test]
fn damaged_ocr_header_and_markers_are_read() {
    let (cables, code, err) = parse(&[&pdf("ocr-damaged-header-150dpi.txt")]);
    assert_eq!(code, 0, "{err}");
    let c = &cables[0];
    assert_eq!(c["id"], "09MONTERREY214");
    assert_eq!(c["created"], "2009-10-12 18:45");
    assert_eq!(c["origin"], "Consulate Monterrey");
    assert_eq!(numbers(c), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(markings(c), ["C", "C", "C", "C", "C", "C", "SBU", "C"]);
    assert!(c["paragraphs"][1]["text"]
        .as_str()
        .unwrap()
        .starts_with("The Center for Investigation"));
}

#[test]
fn a_text_layer_pdf_parses_like_its_text() {
    if !have("pdftotext") {
        return;
    }
    let (from_pdf, code, err) = parse(&[&pdf("09TIJUANA417.pdf")]);
    assert_eq!(code, 0, "{err}");
    let (from_text, _, _) = parse(&[&pdf("09TIJUANA417.txt")]);
    assert_eq!(from_pdf.len(), 1);
    let (p, t) = (&from_pdf[0], &from_text[0]);
    for field in [
        "id",
        "created",
        "classification",
        "origin",
        "tags",
        "subject",
        "classified_by",
        "signer",
        "paragraphs",
    ] {
        assert_eq!(p[field], t[field], "{field}");
    }
    assert_eq!(p["id"], "09TIJUANA417");
    assert_eq!(numbers(p), vec![1, 2, 3, 4]);
    assert_eq!(markings(p), vec!["C", "C", "SBU", "C"]);
    assert_eq!(p["provenance"]["text_from"], "text-layer");
    assert_eq!(p["provenance"]["pages"], "1");
    // text inputs carry no provenance
    assert!(t.get("provenance").is_none());
}

#[test]
fn a_pdf_of_two_cables_gives_two_with_their_pages() {
    if !have("pdftotext") {
        return;
    }
    let (cables, code, err) = parse(&[&pdf("two-cables.pdf")]);
    assert_eq!(code, 0, "{err}");
    let ids: Vec<&str> = cables.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["09TIJUANA417", "08MONTERREY902"]);
    assert_eq!(cables[0]["provenance"]["pages"], "1");
    assert_eq!(cables[1]["provenance"]["pages"], "2");
    assert_eq!(numbers(&cables[0]), vec![1, 2, 3, 4]);
    assert_eq!(numbers(&cables[1]), vec![1, 2, 3]);
    assert_eq!(
        cables[1]["subject"],
        "NUEVO LEON GOVERNOR ASKS FOR BORDER CROSSING HELP"
    );
}

#[test]
fn cables_csv_says_file_page_and_where_the_text_came_from() {
    if !have("pdftotext") {
        return;
    }
    let dir = common::extract(&[&pdf("two-cables.pdf"), &pdf("08MONTERREY902.txt")]);
    let (headers, rows) = read_csv(&dir.path().join("out/cables.csv"));
    assert_eq!(
        headers[headers.len() - 2..],
        ["source_page".to_string(), "text_from".to_string()]
    );
    let row = |source: &str, page: &str| {
        rows.iter()
            .find(|r| r["source"].ends_with(source) && r["source_page"] == page)
            .unwrap_or_else(|| panic!("no row for {source} page {page}: {rows:?}"))
    };
    assert_eq!(row("two-cables.pdf", "1")["id"], "09TIJUANA417");
    assert_eq!(row("two-cables.pdf", "2")["id"], "08MONTERREY902");
    assert_eq!(row("two-cables.pdf", "2")["text_from"], "text-layer");
    assert_eq!(row("08MONTERREY902.txt", "")["text_from"], "text");
}

#[test]
fn a_pdf_on_standard_input() {
    if !have("pdftotext") {
        return;
    }
    let bytes = std::fs::read(pdf("09TIJUANA417.pdf")).unwrap();
    let o = cablegraph()
        .args(["parse", "--json", "--quiet", "-"])
        .write_stdin(bytes)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let c: Value = serde_json::from_slice(o.stdout.split(|&b| b == b'\n').next().unwrap()).unwrap();
    assert_eq!(c["id"], "09TIJUANA417");
    assert_eq!(c["source"], "-");
}

#[test]
fn a_scanned_pdf_is_ocrd() {
    if !have("pdftoppm") || !have("tesseract") {
        return;
    }
    let (cables, code, err) = parse(&[&pdf("tijuana-scan.pdf")]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(cables.len(), 1);
    let c = &cables[0];
    // the name says nothing: the id comes from the page
    assert_eq!(c["id"], "09TIJUANA417");
    assert_eq!(c["created"], "2009-03-13 15:30");
    assert_eq!(c["classification"], "CONFIDENTIAL");
    assert_eq!(numbers(c), vec![1, 2, 3, 4]);
    assert_eq!(markings(c), vec!["C", "C", "SBU", "C"]);
    assert_eq!(c["provenance"]["text_from"], "ocr");
}

#[test]
fn a_scanned_image_is_ocrd_and_its_ocr_confusions_matched() {
    if !have("tesseract") {
        return;
    }
    let (cables, code, err) = parse(&[&pdf("monterrey-scan.png")]);
    assert_eq!(code, 0, "{err}");
    let c = &cables[0];
    assert_eq!(c["id"], "08MONTERREY902");
    assert_eq!(c["created"], "2008-11-21 16:45");
    assert_eq!(numbers(c), vec![1, 2, 3]);
    assert_eq!(c["provenance"]["text_from"], "ocr");

    // "Departrnent of Homeland Security" as printed: an OCR mention (rn/m)
    let dir = common::extract(&[&pdf("monterrey-scan.png"), "--types", "all"]);
    let (headers, rows) = read_csv(&dir.path().join("out/mentions.csv"));
    assert_eq!(headers.last().unwrap(), "ocr");
    let dhs = rows
        .iter()
        .find(|r| r["entity"] == "us-dhs")
        .unwrap_or_else(|| panic!("DHS not found: {rows:?}"));
    assert_eq!(dhs["ocr"], "ocr");
    assert_eq!(dhs["surface"], "Departrnent of Homeland Security");
    // exact mentions are not marked
    assert!(rows
        .iter()
        .any(|r| r["entity"] == "us-cbp" && r["ocr"].is_empty()));
}

#[test]
fn ocr_tolerant_matching_never_runs_on_clean_text() {
    // the same words, typed: no OCR mention, and no DHS
    let dir = common::extract(&[&pdf("monterrey-ocr.txt"), "--types", "all"]);
    let (_, rows) = read_csv(&dir.path().join("out/mentions.csv"));
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["ocr"].is_empty()), "{rows:?}");
    assert!(!rows.iter().any(|r| r["entity"] == "us-dhs"));
}

#[test]
fn without_tesseract_one_line_says_what_to_install_and_text_still_works() {
    let empty = tempfile::tempdir().unwrap();
    let o = cablegraph()
        .env("PATH", empty.path())
        .args(["parse", "--quiet"])
        .arg(pdf("monterrey-scan.png"))
        .arg(pdf("09TIJUANA417.pdf"))
        .arg(pdf("08MONTERREY902.txt"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.starts_with("08MONTERREY902\t"), "{stdout}");
    let stderr = String::from_utf8_lossy(&o.stderr);
    let line = |file: &str| {
        stderr
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("nothing on {file}: {stderr}"))
            .to_string()
    };
    assert!(line("monterrey-scan.png").contains(
        "tesseract not found: install it to read PDFs and scans (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-eng)"
    ));
    assert!(line("09TIJUANA417.pdf").contains("apt-get install poppler-utils"));
}

#[test]
fn fixtures_are_small() {
    for entry in std::fs::read_dir(Path::new(&fixture("pdf"))).unwrap() {
        let e = entry.unwrap();
        let len = e.metadata().unwrap().len();
        assert!(len < 200 * 1024, "{}: {len} bytes", e.path().display());
    }
}

#[test]
fn the_report_says_where_each_paragraph_came_from() {
    if !have("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    cablegraph()
        .args(["report", "--quiet", "--types", "all"])
        .arg(pdf("two-cables.pdf"))
        .arg("-o")
        .arg(&page)
        .assert()
        .success();
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("two-cables.pdf (text layer)"),
        "no file and text source"
    );
    // the second cable's paragraphs are on page 2
    assert!(html.contains("\"pg\":2"), "no page");
    assert!(html.contains("'From: '"), "the page does not show it");
}
