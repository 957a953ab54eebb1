//! Issue 7: output is all-or-nothing, runs are deterministic, and the
//! output folder's problems are reported before any work.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{cablegraph, fixture};

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect()
}

fn run(args: &[&str], out: &Path) {
    cablegraph()
        .arg("extract")
        .args(args)
        .arg("-o")
        .arg(out)
        .arg("--quiet")
        .assert()
        .success();
}

#[test]
fn same_output_whatever_the_thread_count_and_input_order() {
    let tmp = tempfile::tempdir().unwrap();
    let (seed, graph) = (fixture("09MEXICO283.txt"), fixture("graph/cables"));
    let runs = [
        vec!["-j", "1", &seed, &graph],
        vec!["-j", "2", &seed, &graph],
        vec!["-j", "2", &graph, &seed],
        vec!["-j", "2", &graph, &seed, &seed],
    ];
    let mut outputs = Vec::new();
    for (i, args) in runs.iter().enumerate() {
        let out = tmp.path().join(format!("run{i}"));
        let mut a: Vec<&str> = args.to_vec();
        a.extend(["--format", "graphml,gexf,json,html", "--measure", "npmi"]);
        run(&a, &out);
        outputs.push(files(&out));
    }
    for o in &outputs[1..] {
        assert_eq!(
            o.keys().collect::<Vec<_>>(),
            outputs[0].keys().collect::<Vec<_>>()
        );
        for (name, bytes) in o {
            assert!(bytes == &outputs[0][name], "{name} differs between runs");
        }
    }
}

#[test]
fn a_failed_run_leaves_earlier_results_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    run(&[&fixture("09MEXICO283.txt")], &out);
    let before = files(&out);
    // a bad gazetteer: refused before anything is written
    let bad = tmp.path().join("bad.csv");
    std::fs::write(&bad, "id,type,name,aliases,notes\n,agency,Nameless,,\n").unwrap();
    let o = cablegraph()
        .args(["extract", &fixture("graph/cables"), "-g"])
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(files(&out), before, "results untouched, no staging left");
}

#[test]
fn output_path_that_is_a_file_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    for out in [file.clone(), file.join("below")] {
        let o = cablegraph()
            .args(["extract", &fixture("09MEXICO283.txt"), "-o"])
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{}", out.display());
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(&*file.display().to_string()), "{err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
    }
    assert_eq!(std::fs::read(&file).unwrap(), b"x");
}

/// SIGINT or SIGTERM in the middle of a run: the previous results stay, the
/// staging directory goes, exit status 130.
fn interrupted_by(signal: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    run(&[&fixture("09MEXICO283.txt")], &out);
    let before = files(&out);
    // standard input that never ends keeps the run busy
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("cablegraph"))
        .args(["extract", "-", "--quiet", "-o"])
        .arg(&out)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdin = child.stdin.take().unwrap();
    let t0 = Instant::now();
    // the staging directory (not the .cablegraph-manifest file)
    while !std::fs::read_dir(&out).unwrap().any(|e| {
        let e = e.unwrap();
        e.file_name().to_string_lossy().starts_with(".cablegraph-") && e.path().is_dir()
    }) {
        assert!(
            t0.elapsed() < Duration::from_secs(20),
            "no staging directory appeared"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let kill = std::process::Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(kill.success());
    let o = child.wait_with_output().unwrap();
    drop(stdin);
    assert_eq!(
        o.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("interrupted"));
    assert_eq!(
        files(&out),
        before,
        "earlier results intact, staging removed"
    );
}

#[test]
fn sigint_leaves_earlier_results_intact() {
    interrupted_by("INT");
}

#[test]
fn sigterm_leaves_earlier_results_intact() {
    interrupted_by("TERM");
}

// ---------------------------------------------------------------------------
// The catalogue of bad inputs: each run mixes one bad file with the seed
// cable; the message names the file and says what is wrong, in one line,
// the exit status says whether anything was skipped, and the good cable
// still comes out.

struct BadRun {
    code: i32,
    stderr: String,
    cables: Vec<String>,
}

fn with_seed(name: &str, contents: &[u8]) -> (tempfile::TempDir, BadRun) {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join(name);
    std::fs::write(&bad, contents).unwrap();
    // The seed sits beside the bad file, so the sorted input order (and
    // with it the order of rows in cables.csv) does not depend on where the
    // checkout lives: 09MEXICO283.txt sorts before every bad file's name.
    let seed = tmp.path().join("09MEXICO283.txt");
    std::fs::copy(fixture("09MEXICO283.txt"), &seed).unwrap();
    let r = run_on(
        &[bad.display().to_string(), seed.display().to_string()],
        tmp.path(),
    );
    (tmp, r)
}

fn run_on(inputs: &[String], tmp: &Path) -> BadRun {
    let out = tmp.join("out");
    let o = cablegraph()
        .arg("extract")
        .args(inputs)
        .arg("-o")
        .arg(&out)
        .arg("--quiet")
        .output()
        .unwrap();
    let (_, rows) = common::read_csv(&out.join("cables.csv"));
    BadRun {
        code: o.status.code().unwrap(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        cables: rows.iter().map(|r| r["id"].clone()).collect(),
    }
}

fn assert_skipped(r: &BadRun, file: &str, message: &str) {
    assert_eq!(r.code, 1, "{}", r.stderr);
    let line = r
        .stderr
        .lines()
        .find(|l| l.contains(file))
        .unwrap_or_else(|| panic!("no line names {file}: {}", r.stderr));
    assert!(line.contains(message), "{line:?} lacks {message:?}");
    assert!(
        r.stderr
            .contains("cablegraph: 1 problem in 1 input; 1 cable read"),
        "{}",
        r.stderr
    );
    assert!(
        r.cables.contains(&"09MEXICO283".to_string()),
        "the good cable still comes out"
    );
}

#[test]
fn bad_empty_file() {
    let (_t, r) = with_seed("empty.txt", b"");
    assert_skipped(&r, "empty.txt", ": no text");
}

#[test]
fn bad_png_image() {
    let (_t, r) = with_seed("scan.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0");
    // read through Tesseract now (issue 18): a broken image is reported
    assert_skipped(&r, "scan.png", "cannot read the PNG image: ");
}

#[test]
fn bad_pdf_document() {
    let (_t, r) = with_seed(
        "cable.pdf",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\n\0\x01\xff",
    );
    // read through Poppler now (issue 18): a broken PDF is reported
    assert_skipped(&r, "cable.pdf", "cannot read the PDF: ");
}

#[test]
fn bad_binary_without_magic() {
    let mut junk = vec![0u8; 6000];
    junk.extend_from_slice(b"PGR");
    let (_t, r) = with_seed("blob.dat", &junk);
    assert_skipped(&r, "blob.dat", "not cable text: binary data; skipped");
}

#[test]
fn bad_line_without_end() {
    // 2 MiB on one line: not cable text
    let mut long = b"SUBJECT: X\n".to_vec();
    long.extend(std::iter::repeat_n(b'x', 2 << 20));
    let (_t, r) = with_seed("oneline.txt", &long);
    assert_skipped(
        &r,
        "oneline.txt:2",
        "line of 2097152 bytes, over the 1 MiB a cable line may have; skipped",
    );
}

#[test]
fn bad_hundred_megabytes_without_newline() {
    let big = vec![b'a'; 100_000_000];
    let (_t, r) = with_seed("huge.txt", &big);
    assert_skipped(
        &r,
        "huge.txt",
        "larger than 64 MiB and not a cables.csv dump",
    );
}

#[test]
fn bad_truncated_html_is_read_as_far_as_it_goes() {
    let page =
        b"<html><body><table><tr><th>Reference ID</th></tr><tr><td>09TEST1</td></tr></table>\
<pre>SUBJECT: CUT SHORT\n\n\xc2\xb61. (C) The PGR met";
    let (_t, r) = with_seed("cut.html", page);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("cut.html: warning: page ends inside a <pre> block"),
        "{}",
        r.stderr
    );
    assert_eq!(r.cables.len(), 2);
}

#[test]
fn bad_nul_bytes_are_dropped_with_a_warning() {
    let (_t, r) = with_seed(
        "nul.txt",
        b"SUBJECT: NULS\n\n1. (C) The PGR\0 met SEDENA.\0\n",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("nul.txt: warning: 2 NUL bytes ignored"),
        "{}",
        r.stderr
    );
    assert_eq!(r.cables.len(), 2);
}

#[test]
fn bad_invalid_utf8_is_read_as_windows_1252() {
    let (t, r) = with_seed(
        "mixed.txt",
        b"SUBJECT: MIXED\n\n1. (C) Calder\xf3n\x92s plan and Calder\xc3\xb3n.\n",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (_, ms) = common::read_csv(&t.path().join("out/mentions.csv"));
    let surfaces: Vec<&str> = ms
        .iter()
        .filter(|m| m["cable"] == "mixed")
        .map(|m| m["surface"].as_str())
        .collect();
    // each stray byte is read as Windows-1252, the rest stays UTF-8: both
    // spellings are Calderón (issue 17: a stray byte costs one character)
    assert_eq!(surfaces, ["Calderón", "Calderón"], "{}", r.stderr);
    assert!(r.stderr.contains("2 stray bytes"), "{}", r.stderr);
}

#[test]
fn bad_dump_rows_are_reported_by_row() {
    let dump = b"\"1\",\"1/2/2009 10:00\",\"09TEST1\",\"Embassy Mexico\",\"UNCLASSIFIED\",\"\",\"FM AMEMBASSY MEXICO\",\"SUBJECT: ONE\n\n1. (U) PGR and SSP.\n\"\n\
\"2\",\"1/3/2009 10:00\",\"09TEST2\",\"Embassy Mexico\",\"UNCLASSIFIED\",\"\",\"FM AMEMBASSY MEXICO\"\n\
\"3\",\"1/4/2009 10:00\",\"09TEST3\",\"Embassy Mexico\",\"UNCLASSIFIED\",\"\",\"FM AMEMBASSY MEXICO\",\"SUBJECT: THREE\n\n1. (U) SEDENA.\n\"\n";
    let (_t, r) = with_seed("dump.csv", dump);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .lines()
            .any(|l| l.contains("dump.csv:row 2") && l.contains("column")),
        "{}",
        r.stderr
    );
    // dumps are read first (so a dump row wins over a copy of its cable)
    assert_eq!(r.cables, ["09TEST1", "09TEST3", "09MEXICO283"]);
}

#[test]
fn bad_json_line_is_reported_by_line() {
    let (_t, r) = with_seed("cables.jsonl", b"{\"id\": \"09J1\", \"text\": \"1. (C) PGR.\"}\n{not json\n{\"id\": \"09J3\", \"text\": \"1. (C) SSP.\"}\n");
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .lines()
            .any(|l| l.contains("cables.jsonl:2: not JSON")),
        "{}",
        r.stderr
    );
    assert_eq!(r.cables, ["09MEXICO283", "09J1", "09J3"]);
}

#[test]
fn bad_path_that_does_not_exist() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nope.txt").display().to_string();
    let r = run_on(&[missing.clone(), fixture("09MEXICO283.txt")], tmp.path());
    assert_skipped(&r, "nope.txt", ": no such file or directory");
}

#[test]
fn bad_directory_that_cannot_be_read() {
    let tmp = tempfile::tempdir().unwrap();
    let locked = tmp.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("a.txt"), "SUBJECT: X\n\n1. (C) PGR.\n").unwrap();
    let chmod = |mode: &str| {
        std::process::Command::new("chmod")
            .arg(mode)
            .arg(&locked)
            .status()
            .unwrap()
    };
    chmod("000");
    let readable = std::fs::read_dir(&locked).is_ok(); // root reads anything
    let r = run_on(
        &[locked.display().to_string(), fixture("09MEXICO283.txt")],
        tmp.path(),
    );
    chmod("755");
    if readable {
        eprintln!(
            "running as root: a mode-000 directory is still readable; checked that it is read"
        );
        assert_eq!(r.code, 0);
        return;
    }
    assert_skipped(&r, "locked", "cannot read directory: permission denied");
}

/// Every input a fuzzer found interesting stays a regression test: the
/// binary reads it without panicking (exit 0 or 1, never 101).
#[test]
fn fuzz_findings_do_not_panic() {
    let dir = common::fixtures().join("fuzz");
    let mut n = 0;
    for f in std::fs::read_dir(&dir).unwrap() {
        let f = f.unwrap().path();
        for cmd in ["parse", "mentions"] {
            let o = cablegraph().arg(cmd).arg(&f).output().unwrap();
            let code = o.status.code().unwrap();
            assert!(
                code == 0 || code == 1,
                "{cmd} {}: exit {code}\n{}",
                f.display(),
                String::from_utf8_lossy(&o.stderr)
            );
        }
        let cables = common::parse_json(&[&f.display().to_string()]);
        for c in &cables {
            assert!(c["paragraphs"]
                .as_array()
                .unwrap()
                .iter()
                .all(|p| p["number"].as_u64().unwrap() >= 1));
        }
        n += 1;
    }
    assert!(n >= 1);
}
