//! Issue 17, the input side: never read our own results back, each real
//! file once (symlink loops), one cable counted once (richest copy wins),
//! formats recognised past the first line, per-line decoding, gzip however
//! it arrives, and linear time on pathological input. Every test here
//! fails on commit fedebbc.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{cablegraph, fixture, read_csv};
use serde_json::Value;

/// One `parse --json` run: exit code, cables, standard error.
struct Run {
    code: i32,
    cables: Vec<Value>,
    stderr: String,
}

impl Run {
    fn ids(&self) -> Vec<&str> {
        self.cables
            .iter()
            .map(|c| c["id"].as_str().unwrap())
            .collect()
    }
    fn sources(&self) -> Vec<&str> {
        self.cables
            .iter()
            .map(|c| c["source"].as_str().unwrap())
            .collect()
    }
}

fn parse_in(dir: &Path, args: &[&str], stdin: Option<Vec<u8>>) -> Run {
    let mut cmd = cablegraph();
    cmd.current_dir(dir).arg("parse").arg("--json").args(args);
    if let Some(b) = stdin {
        cmd.write_stdin(b);
    }
    let out = cmd.timeout(Duration::from_secs(120)).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        cables: String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `parse --json ARGS` in `dir` on four worker threads (so that workers
/// finish in varying order: the tests of warnings in reading order).
fn parse_on_four_threads(dir: &Path, args: &[&str]) -> std::process::Output {
    cablegraph()
        .current_dir(dir)
        .env("RAYON_NUM_THREADS", "4")
        .args(["parse", "--json"])
        .args(args)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap()
}

fn seed() -> Vec<u8> {
    std::fs::read(fixture("09MEXICO283.txt")).unwrap()
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// A dump row (the `cables.csv` layout) with the given row, date and id.
fn row(n: u32, date: &str, id: &str, body: &str) -> String {
    format!(
        "\"{n}\",\"{date}\",\"{id}\",\"Embassy Mexico\",\"CONFIDENTIAL\",\"\",\"FM AMEMBASSY MEXICO\",\"SUBJECT: ROW {n}\n\n1. (C) {body}\n\"\n"
    )
}

/// A WikiLeaks-style page for `id`.
fn page(id: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><body><table><tr><th>Reference ID</th><th>Created</th></tr>\
         <tr><td>{id}</td><td>2009-02-04 17:08</td></tr></table>\
         <pre>SUBJECT: A PAGE&#x000A;&#x000A;1. (C) {body}</pre></body></html>"
    )
}

// ---- item 2: results and staging folders are not inputs ----

#[test]
fn results_and_staging_folders_are_not_read_back() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(&d.join("09MEXICO283.txt"), &seed());
    // an earlier run's results folder, marked by its manifest
    let out = d.join("output");
    write(&out.join(".cablegraph-manifest"), b"cables.csv\n");
    for name in ["cables.csv", "mentions.csv", "nodes.csv", "edges.csv"] {
        write(&out.join(name), b"id,created\n09X1,2009\n");
    }
    write(&out.join("graph.dot"), b"graph { a -- b }\n");
    // a staging folder a killed run left behind, given by name
    let staging = d.join(".cablegraph-AbC123");
    write(&staging.join("nodes.csv"), b"Id,Label\nx,y\n");
    let r = parse_in(d, &[".", "output/cables.csv", ".cablegraph-AbC123"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.ids(), ["09MEXICO283"], "{}", r.stderr);
    assert!(
        r.stderr.contains("a cablegraph result, not a cable"),
        "{}",
        r.stderr
    );
    // a dump called cables.csv outside a results folder is still read
    write(
        &d.join("dump/cables.csv"),
        row(1, "1/2/2009 10:00", "09TEST1", "PGR.").as_bytes(),
    );
    let r = parse_in(d, &["dump/cables.csv"], None);
    assert_eq!(r.ids(), ["09TEST1"], "{}", r.stderr);
}

/// `extract . -o .` run twice in a folder of cables: the second run reads
/// the cable again, but none of the first run's results.
#[test]
fn extract_into_its_own_input_folder_twice_reads_the_cable_once() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(&d.join("09MEXICO283.txt"), &seed());
    let mut summaries = Vec::new();
    for _ in 0..2 {
        let o = cablegraph()
            .current_dir(d)
            .args(["extract", ".", "-o", "."])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let (_, cables) = read_csv(&d.join("cables.csv"));
        let (_, edges) = read_csv(&d.join("edges.csv"));
        summaries.push((cables.len(), edges.len()));
    }
    // the second run reads the same one cable, none of the first run's
    // tables: the same cables and links
    assert_eq!(summaries[0].0, 1);
    assert!(summaries[0].1 > 0);
    assert_eq!(summaries[0], summaries[1]);
}

// ---- item 4: symlink loops, each real file once ----

#[cfg(unix)]
#[test]
fn symlink_loops_and_links_read_each_real_file_once() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path().join("d");
    write(&d.join("a.txt"), &seed());
    write(
        &d.join("sub/b.txt"),
        b"SUBJECT: OTHER\n\n1. (C) The PGR met SEDENA.\n",
    );
    std::os::unix::fs::symlink(".", d.join("loop")).unwrap();
    std::os::unix::fs::symlink("..", d.join("sub/up")).unwrap();
    std::os::unix::fs::symlink("a.txt", d.join("link.txt")).unwrap();
    std::fs::hard_link(d.join("a.txt"), d.join("hard.txt")).unwrap();
    let start = Instant::now();
    let r = parse_in(t.path(), &["d", "./d/a.txt", "d/a.txt"], None);
    assert!(start.elapsed() < Duration::from_secs(60));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // each real file under its first name in sorted order
    assert_eq!(r.sources(), ["./d/a.txt", "d/sub/b.txt"], "{}", r.stderr);
    assert!(r.stderr.contains("symlink loop"), "{}", r.stderr);
    assert!(r.stderr.contains("the same file as"), "{}", r.stderr);
}

// ---- item 5: one cable, counted once ----

#[test]
fn the_same_cable_in_several_inputs_is_read_once_richest_first() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    // text copies of 09MEXICO283 sort before and after the page
    write(&d.join("a-copy.txt"), &seed());
    write(
        &d.join("m-page.html"),
        page("09MEXICO283", "The PGR met SEDENA.").as_bytes(),
    );
    write(&d.join("z-copy.txt"), &seed());
    let r = parse_in(d, &["."], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.sources(), ["./m-page.html"], "{}", r.stderr);
    assert!(
        r.stderr
            .contains("./a-copy.txt: warning: cable 09MEXICO283 also read from ./m-page.html"),
        "{}",
        r.stderr
    );

    // a dump row beats a text copy that sorts before the dump
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let text = "09TEST7\nSUBJECT: TEXT\n\n1. (C) The PGR met SEDENA.\n";
    write(&d.join("a.txt"), text.as_bytes());
    let dump = row(7, "1/2/2009 10:00", "09TEST7", "The PGR.")
        + &row(8, "1/2/2009 10:00", "09TEST7", "Again.");
    write(&d.join("b.csv"), dump.as_bytes());
    let r = parse_in(d, &["a.txt", "b.csv"], None);
    assert_eq!(r.ids(), ["09TEST7"], "{}", r.stderr);
    assert_eq!(r.sources(), ["b.csv:row 7"], "{}", r.stderr);
    assert!(r
        .stderr
        .contains("b.csv:row 8: warning: cable 09TEST7 also read from b.csv:row 7"));
    assert!(r
        .stderr
        .contains("a.txt: warning: cable 09TEST7 also read from b.csv:row 7"));
}

#[test]
fn warnings_about_skipped_copies_come_in_reading_order_every_run() {
    // 80 cables, each as a page in a/ and as text in b/, and a dump that
    // has 20 of them twice: the workers find the copies in any order, the
    // warnings must not come in any order
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let mut dump = String::new();
    for n in 0..80u32 {
        let id = format!("09TEST{n}");
        write(
            &d.join(format!("a/{n:03}.html")),
            page(&id, "The PGR met SEDENA.").as_bytes(),
        );
        let text = format!("{id}\nSUBJECT: TEXT\n\n1. (C) The PGR met SEDENA.\n");
        write(&d.join(format!("b/{n:03}.txt")), text.as_bytes());
        if n % 4 == 0 {
            dump += &row(n, "1/2/2009 10:00", &id, "The PGR.");
            dump += &row(1000 + n, "1/2/2009 10:00", &id, "Again.");
        }
    }
    write(&d.join("c.csv"), dump.as_bytes());
    let run = || {
        let out = parse_on_four_threads(d, &["a", "b", "c.csv"]);
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let first = run();
    let skipped: Vec<&str> = first
        .lines()
        .filter(|l| l.contains("this copy skipped"))
        .map(|l| l.split(": warning:").next().unwrap())
        .collect();
    // 20 second dump rows, then per cable the copy that lost, in the
    // order the documents are read (sorted: a/ before b/)
    assert_eq!(skipped.len(), 20 + 80 + 20, "{first}");
    assert!(
        skipped[..20].iter().all(|s| s.starts_with("c.csv:row 10")),
        "{first}"
    );
    let docs = &skipped[20..];
    let mut sorted = docs.to_vec();
    sorted.sort_unstable();
    assert_eq!(docs, &sorted[..], "{first}");
    for _ in 0..3 {
        assert_eq!(run(), first);
    }
}

#[test]
fn clean_text_beats_an_ocr_copy_in_either_order() {
    let body = "The Attorney General met the Defense Secretary and the Public Security Secretary to talk about the plan for the northern border states this year.";
    let clean = format!("09TEST9\nSUBJECT: CLEAN\n\n1. (C) {body}\n");
    let ocr = format!(
        "09TEST9\nSUBJECT: OCR\n\n1. (C) {}\n",
        body.replace(' ', "  ")
    );
    for (first, second) in [(&clean, &ocr), (&ocr, &clean)] {
        let t = tempfile::tempdir().unwrap();
        write(&t.path().join("1.txt"), first.as_bytes());
        write(&t.path().join("2.txt"), second.as_bytes());
        let r = parse_in(t.path(), &["1.txt", "2.txt"], None);
        assert_eq!(r.cables.len(), 1, "{}", r.stderr);
        assert_eq!(r.cables[0]["subject"], "CLEAN", "{}", r.stderr);
    }
}

#[test]
fn duplicates_do_not_multiply_weights_and_shards_merge_exactly() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path().join("in");
    write(&d.join("a.txt"), &seed());
    write(&d.join("b.txt"), &seed());
    write(&d.join("c/09MEXICO283.txt"), &seed());
    let once = t.path().join("once");
    let twice = t.path().join("twice");
    for (out, inputs) in [
        (&once, vec![fixture("09MEXICO283.txt")]),
        (&twice, vec![d.display().to_string()]),
    ] {
        cablegraph()
            .arg("extract")
            .args(&inputs)
            .arg("-o")
            .arg(out)
            .arg("--quiet")
            .assert()
            .success();
    }
    let (_, a) = read_csv(&once.join("edges.csv"));
    let (_, b) = read_csv(&twice.join("edges.csv"));
    assert!(!a.is_empty());
    assert_eq!(a, b, "the same edges and weights as one copy");
    let (_, cables) = read_csv(&twice.join("cables.csv"));
    assert_eq!(cables.len(), 1);
    // shards drop the same copies, so merge gives the single run
    let mut shards = Vec::new();
    for i in 1..=3 {
        let s = t.path().join(format!("s{i}"));
        cablegraph()
            .arg("extract")
            .arg(&d)
            .arg("-o")
            .arg(&s)
            .args(["--quiet", "--shard", &format!("{i}/3")])
            .assert()
            .success();
        shards.push(s);
    }
    let merged = t.path().join("merged");
    cablegraph()
        .arg("merge")
        .args(&shards)
        .arg("-o")
        .arg(&merged)
        .arg("--quiet")
        .assert()
        .success();
    for f in [
        "cables.csv",
        "mentions.csv",
        "edges.csv",
        "nodes.csv",
        "cooccurrences.csv",
    ] {
        assert_eq!(
            std::fs::read(merged.join(f)).unwrap(),
            std::fs::read(twice.join(f)).unwrap(),
            "{f}"
        );
    }
}

// ---- item 6: format detection past the first line ----

#[test]
fn dumps_and_json_lines_are_recognised_past_the_first_line() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let two =
        row(1, "1/2/2009 10:00", "09TEST1", "PGR.") + &row(2, "1/3/2009 10:00", "09TEST2", "SSP.");
    // a header row
    write(
        &d.join("header.csv"),
        format!("row,date,refid,origin,classification,references,header,content\n{two}").as_bytes(),
    );
    let r = parse_in(d, &["header.csv"], None);
    assert_eq!(
        (r.code, r.ids()),
        (0, vec!["09TEST1", "09TEST2"]),
        "{}",
        r.stderr
    );
    // a piece of a split dump: the end of a row first
    write(
        &d.join("piece.csv"),
        format!("the end of a paragraph cut off\n\n2. (C) More.\n\"\n{two}").as_bytes(),
    );
    let r = parse_in(d, &["piece.csv"], None);
    assert_eq!(r.ids(), ["09TEST1", "09TEST2"], "{}", r.stderr);
    assert!(
        r.stderr
            .contains("piece.csv:1: 3 lines before the first dump row"),
        "{}",
        r.stderr
    );
    // a first row dated 1/1/01
    write(
        &d.join("short-year.csv"),
        (row(1, "1/1/01 0:00", "01TEST1", "PGR.") + &row(2, "1/2/01 0:00", "01TEST2", "SSP."))
            .as_bytes(),
    );
    let r = parse_in(d, &["short-year.csv"], None);
    assert_eq!(r.ids(), ["01TEST1", "01TEST2"], "{}", r.stderr);
    // JSON Lines with a comment line first
    write(
        &d.join("c.jsonl"),
        b"# exported from the archive\n{\"id\": \"09J1\", \"text\": \"1. (C) PGR.\"}\n{\"id\": \"09J2\", \"text\": \"1. (C) SSP.\"}\n",
    );
    let r = parse_in(d, &["c.jsonl"], None);
    assert_eq!((r.code, r.ids()), (0, vec!["09J1", "09J2"]), "{}", r.stderr);
    // a text file full of records is still one cable, with a warning
    write(
        &d.join("odd.txt"),
        b"Notes\n\n{\"a\": 1}\n{\"a\": 2}\n{\"a\": 3}\n",
    );
    let r = parse_in(d, &["odd.txt"], None);
    assert!(
        r.stderr
            .contains("odd.txt: warning: read as one cable of text, but 3 lines are JSON objects"),
        "{}",
        r.stderr
    );
}

// ---- item 7: decoding ----

#[test]
fn a_stray_byte_does_not_cost_the_accents() {
    let t = tempfile::tempdir().unwrap();
    let mut text =
        "SUBJECT: ACCENTS\n\n1. (C) Calderón met the PGR in Querétaro.\n\n2. (C) The embassy"
            .as_bytes()
            .to_vec();
    text.push(0x92);
    text.extend_from_slice("s view: Calderón again.\n".as_bytes());
    write(&t.path().join("accents.txt"), &text);
    let out = t.path().join("out");
    let o = cablegraph()
        .arg("extract")
        .arg(t.path().join("accents.txt"))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success());
    let (_, ms) = read_csv(&out.join("mentions.csv"));
    let surfaces: Vec<&str> = ms
        .iter()
        .filter(|m| m["surface"].starts_with("Calder"))
        .map(|m| m["surface"].as_str())
        .collect();
    assert_eq!(surfaces, ["Calderón", "Calderón"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("1 stray byte read as Windows-1252"),
        "{stderr}"
    );
}

#[test]
fn utf16_text_is_decoded() {
    let t = tempfile::tempdir().unwrap();
    let text = "09TEST16\nSUBJECT: WIDE\n\n1. (C) The PGR met SEDENA.\n";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    write(&t.path().join("wide.txt"), &le);
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    write(&t.path().join("wide-be.txt"), &be);
    for f in ["wide.txt", "wide-be.txt"] {
        let r = parse_in(t.path(), &[f], None);
        assert_eq!((r.code, r.ids()), (0, vec!["09TEST16"]), "{}", r.stderr);
        assert_eq!(r.cables[0]["subject"], "WIDE");
    }
}

#[test]
fn gzip_nested_with_trailing_bytes_or_arriving_in_pieces() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let cable = seed();
    write(&d.join("nested.gz"), &gzip(&gzip(&cable)));
    let mut trailing = gzip(&cable);
    trailing.extend_from_slice(b"\0\0\0\0junk after the stream");
    write(&d.join("trailing.gz"), &trailing);
    for f in ["nested.gz", "trailing.gz"] {
        let r = parse_in(d, &[f], None);
        assert_eq!(
            (r.code, r.ids()),
            (0, vec!["09MEXICO283"]),
            "{f}: {}",
            r.stderr
        );
    }
    let r = parse_in(d, &["trailing.gz"], None);
    assert!(
        r.stderr
            .contains("after the end of the gzip stream ignored"),
        "{}",
        r.stderr
    );
    // standard input that delivers the magic bytes one at a time
    let gz = gzip(&cable);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("cablegraph"))
        .args(["parse", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for piece in [&gz[..1], &gz[1..2], &gz[2..]] {
        stdin.write_all(piece).unwrap();
        stdin.flush().unwrap();
        std::thread::sleep(Duration::from_millis(150));
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout.lines().count(), 1);
    assert!(stdout.contains("\"id\":\"09MEXICO283\""), "{stdout}");
}

/// The warning about bytes after a gzip stream is given once, with
/// several inputs too (the first pass of de-duplication reads a document a
/// second time), and in the same place among the other warnings every run
/// (it was written by the reader thread as it read, while the warnings of
/// the cables before it came later from the main thread).
#[test]
fn a_gzip_stream_s_trailing_bytes_are_told_once_and_in_place() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let mut doc = gzip(&seed());
    doc.extend_from_slice(b"junk");
    write(&d.join("a.txt.gz"), &doc);
    write(
        &d.join("b.html"),
        page("09TESTB1", "The PGR met SEDENA.").as_bytes(),
    );
    // a dump with a broken row (a problem, reported when its batch is
    // delivered) and, after its stream, 3 bytes
    let mut dump = String::new();
    for n in 1..=60u32 {
        dump += &row(n, "1/2/2009 10:00", &format!("09TESTD{n}"), "The PGR.");
    }
    dump += "\"61\",\"1/2/2009 10:00\",\"09TESTD61\"\n";
    let mut gz = gzip(dump.as_bytes());
    gz.extend_from_slice(b"xyz");
    write(&d.join("c.csv.gz"), &gz);
    let run = || {
        let out = parse_on_four_threads(d, &["a.txt.gz", "b.html", "c.csv.gz"]);
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let first = run();
    let told = |file: &str, n: &str| {
        first
            .lines()
            .filter(|l| {
                l == &format!("{file}: warning: {n} after the end of the gzip stream ignored")
            })
            .count()
    };
    assert_eq!(told("a.txt.gz", "4 bytes"), 1, "{first}");
    assert_eq!(told("c.csv.gz", "3 bytes"), 1, "{first}");
    assert!(first.contains("c.csv.gz:row 61"), "{first}");
    for _ in 0..4 {
        assert_eq!(run(), first);
    }
}

// ---- item 9: linear time on pathological input ----

#[test]
fn many_marker_lines_and_unclosed_tags_parse_in_linear_time() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    // 90,000 consecutive `1.` lines
    let mut markers = String::from("SUBJECT: MARKERS\n\n");
    for _ in 0..90_000 {
        markers.push_str("1. the same marker line again and again\n");
    }
    write(&d.join("markers.txt"), markers.as_bytes());
    // a page full of `<b` without `>`, and many <pre> blocks
    let tags = format!(
        "<html><body><pre>1. (C) {}</pre></body></html>",
        "<b PGR ".repeat(150_000)
    );
    write(&d.join("tags.html"), tags.as_bytes());
    let pres: String = (0..20_000)
        .map(|i| format!("<pre>{i}. (C) Block {i}.</pre>\n"))
        .collect();
    write(
        &d.join("pres.html"),
        format!("<html>{pres}</html>").as_bytes(),
    );
    for f in ["markers.txt", "tags.html", "pres.html"] {
        let start = Instant::now();
        let r = parse_in(d, &[f], None);
        let took = start.elapsed();
        assert_eq!(r.code, 0, "{f}: {}", r.stderr);
        assert_eq!(r.cables.len(), 1);
        // quadratic took minutes here; linear takes well under a second
        assert!(took < Duration::from_secs(30), "{f}: {took:?}");
    }
}

// ---- item 11: script and comment text is not cable text ----

#[test]
fn script_and_comment_text_is_not_cable_text() {
    let t = tempfile::tempdir().unwrap();
    let p = "<html><body><!-- <pre>1. (C) SEDENA in a comment.</pre> -->\
             <script>var s = '<pre>1. (C) SEDENA in a script.</pre>';</script>\
             <pre>SUBJECT: SCRIPTS&#x000A;&#x000A;1. (C) The PGR spoke.<script>document.write('SEDENA')</script><!-- SEDENA --></pre></body></html>";
    write(&t.path().join("p.html"), p.as_bytes());
    let r = parse_in(t.path(), &["p.html"], None);
    let text = r.cables[0]["paragraphs"].to_string();
    assert!(text.contains("The PGR spoke."), "{text}");
    assert!(!text.contains("SEDENA"), "{text}");
}

// ---- item 12: long lines, cables without ids ----

#[test]
fn long_json_and_html_lines_are_read_and_idless_cables_stay_apart() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let long = "The PGR met SEDENA. ".repeat(60_000); // 1.2 MB
    write(
        &d.join("long.jsonl"),
        format!("{{\"id\": \"09LONG1\", \"text\": \"1. (C) {long}\"}}\n").as_bytes(),
    );
    write(
        &d.join("long.html"),
        page("09LONG2", &long).replace('\n', " ").as_bytes(),
    );
    let r = parse_in(d, &["long.jsonl", "long.html"], None);
    assert_eq!(
        (r.code, r.ids()),
        (0, vec!["09LONG2", "09LONG1"]),
        "{}",
        r.stderr
    );
    // JSON Lines and dump rows without ids: one id each, not the file's
    write(
        &d.join("noid.jsonl"),
        b"{\"text\": \"1. (C) PGR.\"}\n{\"text\": \"1. (C) SSP.\"}\n",
    );
    write(
        &d.join("09MEXICO1.jsonl"),
        b"{\"text\": \"1. (C) PGR.\"}\n{\"text\": \"1. (C) SSP.\"}\n",
    );
    let r = parse_in(d, &["noid.jsonl", "09MEXICO1.jsonl"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.ids(),
        ["09MEXICO1-1", "09MEXICO1-2", "noid-1", "noid-2"],
        "{}",
        r.stderr
    );
}

#[test]
fn standard_input_is_read_last_and_skips_what_a_file_gave() {
    let t = tempfile::tempdir().unwrap();
    write(&t.path().join("a.txt"), &seed());
    let r = parse_in(t.path(), &["-", "a.txt"], Some(seed()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.sources(), ["a.txt"], "{}", r.stderr);
    assert!(
        r.stderr
            .contains("-: warning: cable 09MEXICO283 also read from a.txt"),
        "{}",
        r.stderr
    );
    // JSON Lines on standard input: the first copy of an id wins
    let lines = b"{\"id\": \"09J1\", \"text\": \"1. (C) PGR.\"}\n{\"id\": \"09J1\", \"text\": \"1. (C) SSP.\"}\n";
    let r = parse_in(t.path(), &["-"], Some(lines.to_vec()));
    assert_eq!(r.sources(), ["-:1"], "{}", r.stderr);
}
