//! Issue 17 (output half) and issue 16 item 4: the output folder. An
//! output never replaces an input; the commit is all-or-nothing and locked;
//! killed runs are cleaned up; the folder's manifest lets a run replace its
//! own earlier files and nothing else; `merge` refuses shards that do not
//! belong together; CSV cells never start a spreadsheet formula; limits
//! end with messages, not panics or unbounded memory.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant};

use common::{cablegraph, fixture};

/// Every file of a folder (hidden ones too) with its bytes.
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

fn names(dir: &Path) -> Vec<String> {
    files(dir).into_keys().collect()
}

fn staging_dirs(dir: &Path) -> Vec<String> {
    names(dir)
        .into_iter()
        .filter(|n| n.starts_with(".cablegraph-") && dir.join(n).is_dir())
        .collect()
}

fn run(args: &[&str]) -> Output {
    cablegraph().args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn extract_into(inputs: &[&str], out: &Path, extra: &[&str]) -> Output {
    cablegraph()
        .arg("extract")
        .args(inputs)
        .arg("-o")
        .arg(out)
        .arg("--quiet")
        .args(extra)
        .output()
        .unwrap()
}

fn ok(o: &Output) {
    assert!(o.status.success(), "{}", stderr(o));
}

/// Run a shell command line (for `ulimit`), the binary as `$CG`.
fn sh(script: &str, cwd: &Path) -> Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .env("CG", assert_cmd::cargo::cargo_bin("cablegraph"))
        .current_dir(cwd)
        .output()
        .unwrap()
}

/// `extract -` on standard input that never ends, into `out`, once its
/// staging folder exists (the run holds the folder's lock by then).
fn endless_run(out: &Path) -> Child {
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("cablegraph"))
        .args(["extract", "-", "--quiet", "-o"])
        .arg(out)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    while !out.is_dir() || staging_dirs(out).is_empty() {
        assert!(t0.elapsed() < Duration::from_secs(20), "no staging folder");
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

fn signal(child: &Child, sig: &str) {
    let st = std::process::Command::new("kill")
        .arg(format!("-{sig}"))
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(st.success());
}

// --- item 1: an output never overwrites an input ----------------------------

#[test]
fn extract_into_the_folder_of_a_dump_named_cables_csv_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dump = tmp.path().join("cables.csv");
    // one Cablegate dump row
    let row = "\"1\",\"2/4/2009 17:08\",\"09MEXICO1\",\"Embassy Mexico\",\"CONFIDENTIAL\",\"\",\
\"FM AMEMBASSY MEXICO\",\"SUBJECT: ROW\n\n1. (C) The PGR met SEDENA.\n\"\n";
    std::fs::write(&dump, row).unwrap();
    let o = sh("$CG extract cables.csv -o . --quiet", tmp.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("cables.csv") && err.contains("would overwrite the input"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&dump).unwrap(), row, "dump intact");
    assert_eq!(names(tmp.path()), ["cables.csv"], "nothing else written");
}

#[test]
fn report_onto_its_own_input_page_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("page.html");
    let html = "<html><body><pre>SUBJECT: PAGE\n\n1. (C) The PGR met SEDENA.\n</pre></body></html>";
    std::fs::write(&page, html).unwrap();
    let o = sh("$CG report page.html -o page.html --quiet", tmp.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("would overwrite the input"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&page).unwrap(), html);
}

#[test]
fn the_same_file_by_another_name_hard_link_or_symlink_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    ok(&extract_into(&[&fixture("09MEXICO283.txt")], &out, &[]));
    let before = files(&out);
    let before_mentions = std::fs::read(out.join("mentions.csv")).unwrap();
    // an earlier result given as an input under other names
    let link = tmp.path().join("hard.csv");
    std::fs::hard_link(out.join("edges.csv"), &link).unwrap();
    let sym = tmp.path().join("sym.csv");
    std::os::unix::fs::symlink(out.join("nodes.csv"), &sym).unwrap();
    let dotted = format!("{}/./mentions.csv", out.display());
    for input in [link.display().to_string(), sym.display().to_string()] {
        let o = extract_into(&[&fixture("09MEXICO283.txt"), &input], &out, &[]);
        assert_eq!(o.status.code(), Some(2), "{input}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("would overwrite the input"),
            "{}",
            stderr(&o)
        );
        assert_eq!(files(&out), before, "{input}: folder untouched");
    }
    // a result named inside its own results folder is not read as a cable
    // at all (issue 17 item 2), so it is no input the run could overwrite
    let o = extract_into(&[&fixture("09MEXICO283.txt"), &dotted], &out, &[]);
    ok(&o);
    assert!(
        stderr(&o).contains("a cablegraph result, not a cable; not read as input"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read(out.join("mentions.csv")).unwrap(),
        before_mentions
    );
}

#[test]
fn standard_input_redirected_from_a_result_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    ok(&extract_into(&[&fixture("09MEXICO283.txt")], &out, &[]));
    let before = files(&out);
    let o = sh(
        "$CG extract - -o out --quiet < out/mentions.csv",
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("mentions.csv: this output would overwrite the input /dev/stdin"),
        "{}",
        stderr(&o)
    );
    assert_eq!(files(&out), before);
}

#[test]
fn merge_into_one_of_its_shards_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let (s1, s2) = (tmp.path().join("s1"), tmp.path().join("s2"));
    let g = fixture("graph/cables");
    ok(&extract_into(&[&g], &s1, &["--shard", "1/2"]));
    ok(&extract_into(&[&g], &s2, &["--shard", "2/2"]));
    let before = files(&s1);
    let o = cablegraph()
        .arg("merge")
        .arg(&s1)
        .arg(&s2)
        .arg("-o")
        .arg(&s1)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("would overwrite the input"),
        "{}",
        stderr(&o)
    );
    assert_eq!(files(&s1), before);
}

// --- item 3: all or nothing, a lock, stale staging cleaned ------------------

#[test]
fn a_result_that_cannot_be_replaced_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    ok(&extract_into(&[&fixture("09MEXICO283.txt")], &out, &[]));
    // a directory where nodes.csv goes: no file can replace it
    std::fs::remove_file(out.join("nodes.csv")).unwrap();
    std::fs::create_dir(out.join("nodes.csv")).unwrap();
    std::fs::write(out.join("nodes.csv/keep"), "x").unwrap();
    let before = files(&out);
    let o = extract_into(&[&fixture("graph/cables")], &out, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("nodes.csv") && err.contains("nothing was changed"),
        "{err}"
    );
    assert_eq!(files(&out), before, "every file as before, no staging left");
}

#[test]
fn an_immutable_result_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    ok(&extract_into(&[&fixture("09MEXICO283.txt")], &out, &[]));
    let chattr = |flag: &str| {
        std::process::Command::new("chattr")
            .arg(flag)
            .arg(out.join("edges.csv"))
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if !chattr("+i") {
        eprintln!("chattr +i not available here (not root, or the file system has no flags)");
        return;
    }
    let before = files(&out);
    let o = extract_into(&[&fixture("graph/cables")], &out, &[]);
    let after = files(&out);
    chattr("-i");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("edges.csv") && err.contains("nothing was changed"),
        "{err}"
    );
    assert_eq!(after, before, "3 new and 3 old files is what this prevents");
}

#[test]
fn a_second_run_into_a_busy_folder_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let mut first = endless_run(&out);
    let o = extract_into(&[&fixture("09MEXICO283.txt")], &out, &[]);
    let listing = names(&out);
    signal(&first, "TERM");
    let _ = first.wait();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("another cablegraph run"),
        "{}",
        stderr(&o)
    );
    assert!(
        !listing.iter().any(|n| n.ends_with(".csv")),
        "the second run wrote nothing: {listing:?}"
    );
}

#[test]
fn staging_left_by_a_killed_run_is_removed_by_the_next() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let mut killed = endless_run(&out);
    signal(&killed, "KILL");
    let _ = killed.wait();
    assert_eq!(staging_dirs(&out).len(), 1, "SIGKILL leaves its staging");
    let o = extract_into(&[&fixture("09MEXICO283.txt")], &out, &[]);
    ok(&o);
    assert!(
        stderr(&o).contains("left by an earlier run that was killed"),
        "{}",
        stderr(&o)
    );
    assert_eq!(staging_dirs(&out), Vec::<String>::new());
}

// --- issue 16 item 4: the folder the tool owns ------------------------------

#[test]
fn a_run_replaces_its_own_earlier_files_and_only_those() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    ok(&extract_into(
        &[&fixture("graph/cables")],
        &out,
        &["--format", "gexf,json"],
    ));
    assert!(out.join("graph.gexf").exists() && out.join(".cablegraph-manifest").exists());
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    std::fs::write(out.join("graph.graphml"), "not cablegraph's").unwrap();
    ok(&extract_into(&[&fixture("09MEXICO283.txt")], &out, &[]));
    assert_eq!(
        names(&out),
        [
            ".cablegraph-manifest",
            "cables.csv",
            "cooccurrences.csv",
            "edges.csv",
            "graph.dot",
            "graph.graphml",
            "mentions.csv",
            "nodes.csv",
            "notes.txt",
            "recipients.csv",
            "references.csv",
            "references.gexf",
            "routing.gexf",
            "routing_edges.csv",
            "routing_nodes.csv"
        ],
        "the old graph.gexf and graph.json are gone; files cablegraph did not write stay"
    );
    assert_eq!(std::fs::read(out.join("notes.txt")).unwrap(), b"mine");
    let manifest = std::fs::read_to_string(out.join(".cablegraph-manifest")).unwrap();
    assert!(manifest.contains("\tcables.csv\n") && !manifest.contains("graph.gexf"));
}

#[test]
fn a_run_that_reads_no_cable_keeps_earlier_results_and_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    ok(&extract_into(&[&fixture("09MEXICO283.txt")], &out, &[]));
    let before = files(&out);
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let typo = tmp.path().join("09MEXICO238.txt");
    for input in [typo, empty] {
        let o = extract_into(&[&input.display().to_string()], &out, &[]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("no cable read"), "{}", stderr(&o));
        assert_eq!(files(&out), before, "{}: results kept", input.display());
    }
    // report too
    let page = out.join("report.html");
    let o = cablegraph()
        .arg("report")
        .arg(tmp.path().join("empty"))
        .arg("-o")
        .arg(&page)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!page.exists());
}

// --- item 8: no panics, bounded memory ---------------------------------------

#[test]
fn gazetteer_check_into_a_full_disk_fails_cleanly() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let o = sh(
        &format!(
            "$CG gazetteer check {} > /dev/full",
            fixture("../../gazetteers")
        ),
        Path::new("."),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("No space left"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"));
}

#[test]
fn too_many_threads_are_capped_with_a_message() {
    let tmp = tempfile::tempdir().unwrap();
    // with a memory limit (without one, 10,000 threads spin for minutes)
    let o = sh(
        &format!(
            "ulimit -v 4000000; $CG extract {} -j 10000 -o out --quiet",
            fixture("09MEXICO283.txt")
        ),
        tmp.path(),
    );
    ok(&o);
    assert!(
        stderr(&o).contains("-j 10000 is more threads than useful; using"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_endless_gazetteer_file_is_refused_without_reading_it_all() {
    if !Path::new("/dev/zero").exists() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    // 2 GB of address space: reading /dev/zero whole would die here
    let o = sh(
        &format!(
            "ulimit -v 2000000; $CG extract {} -g /dev/zero -o out --quiet",
            fixture("09MEXICO283.txt")
        ),
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("/dev/zero: larger than 64 MiB"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn merge_of_a_shard_of_a_hundred_million_says_what_is_missing() {
    let tmp = tempfile::tempdir().unwrap();
    ok(&extract_into(
        &[&fixture("09MEXICO283.txt")],
        &tmp.path().join("s1"),
        &["--shard", "1/100000000"],
    ));
    let o = sh("ulimit -v 2000000; $CG merge s1 -o out", tmp.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("missing 99999999 shards: 2/100000000, 3/100000000"),
        "{}",
        stderr(&o)
    );
}

// --- item 10: merge checks ---------------------------------------------------

fn shards(tmp: &Path, g1: Option<&Path>, g2: Option<&Path>) -> (PathBuf, PathBuf) {
    let (s1, s2) = (tmp.join("s1"), tmp.join("s2"));
    let g = fixture("graph/cables");
    for (dir, share, gaz) in [(&s1, "1/2", g1), (&s2, "2/2", g2)] {
        let mut extra = vec!["--shard", share];
        let gs;
        if let Some(p) = gaz {
            gs = p.display().to_string();
            extra.extend(["-g", &gs]);
        }
        ok(&extract_into(&[&g], dir, &extra));
    }
    (s1, s2)
}

fn merge(tmp: &Path, dirs: &[&Path]) -> Output {
    cablegraph()
        .arg("merge")
        .args(dirs)
        .arg("-o")
        .arg(tmp.join("merged"))
        .output()
        .unwrap()
}

#[test]
fn merge_refuses_shards_whose_gazetteers_differ_in_aliases() {
    let tmp = tempfile::tempdir().unwrap();
    let (g1, g2) = (tmp.path().join("g1.csv"), tmp.path().join("g2.csv"));
    std::fs::write(
        &g1,
        "id,type,name,aliases,notes\nmx-pgr,agency,PGR,Attorney General,\n",
    )
    .unwrap();
    std::fs::write(
        &g2,
        "id,type,name,aliases,notes\nmx-pgr,agency,PGR,Procuraduria,\n",
    )
    .unwrap();
    let (s1, s2) = shards(tmp.path(), Some(&g1), Some(&g2));
    let o = merge(tmp.path(), &[&s1, &s2]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("another gazetteer") && err.contains("mx-pgr"),
        "{err}"
    );
    assert!(!tmp.path().join("merged").exists());
}

#[test]
fn a_stale_shard_file_in_a_reused_folder_is_never_merged() {
    let tmp = tempfile::tempdir().unwrap();
    let (s1, s2) = shards(tmp.path(), None, None);
    // s1 reused for an ordinary run: its shard.json goes with the old tables
    ok(&extract_into(&[&fixture("09MEXICO283.txt")], &s1, &[]));
    assert!(!s1.join("shard.json").exists());
    let o = merge(tmp.path(), &[&s1, &s2]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not a shard folder"), "{}", stderr(&o));

    // a table changed behind shard.json's back (copied over, edited)
    let (s1, s2) = shards(tmp.path(), None, None);
    let mut rows = std::fs::read(s1.join("cables.csv")).unwrap();
    rows.extend_from_slice(b"09X1,,,,,,,0,x\n");
    std::fs::write(s1.join("cables.csv"), rows).unwrap();
    let o = merge(tmp.path(), &[&s1, &s2]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the folder changed after"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_older_shard_file_version_is_refused_with_a_message() {
    let tmp = tempfile::tempdir().unwrap();
    let (s1, s2) = shards(tmp.path(), None, None);
    let p = s1.join("shard.json");
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
    assert_eq!(v["version"], 2);
    v["version"] = 1.into();
    std::fs::write(&p, serde_json::to_vec(&v).unwrap()).unwrap();
    let o = merge(tmp.path(), &[&s1, &s2]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("shard file of version 1, this cablegraph reads version 2"),
        "{}",
        stderr(&o)
    );
}

// --- item 11: spreadsheet formulas -------------------------------------------

#[test]
fn formula_like_cells_are_neutralised_and_surfaces_stay_exact() {
    let tmp = tempfile::tempdir().unwrap();
    let cable = tmp.path().join("=cmd.txt");
    std::fs::write(
        &cable,
        "SUBJECT: =HYPERLINK(\"http://example.com\",\"open\")\n\n1. (C) The PGR met SEDENA.\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    ok(&extract_into(&[&cable.display().to_string()], &out, &[]));
    let (_, cables) = common::read_csv(&out.join("cables.csv"));
    assert_eq!(
        cables[0]["subject"],
        "'=HYPERLINK(\"http://example.com\",\"open\")"
    );
    assert!(!cables[0]["source"].starts_with(['=', '+', '-', '@']));
    let (_, ms) = common::read_csv(&out.join("mentions.csv"));
    assert!(!ms.is_empty());
    for m in &ms {
        let (s, e): (usize, usize) = (m["start"].parse().unwrap(), m["end"].parse().unwrap());
        assert_eq!(m["surface"].len(), e - s, "surface exact: {m:?}");
        assert!(!m["surface"].starts_with('\''));
    }
}

#[test]
fn gazetteer_check_refuses_formula_aliases_and_stop_words() {
    let tmp = tempfile::tempdir().unwrap();
    let formula = tmp.path().join("f.csv");
    std::fs::write(&formula, "id,type,name,aliases,notes\nx,agency,Ex,=1+1,\n").unwrap();
    let o = run(&["gazetteer", "check", &formula.display().to_string()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("f.csv:2: alias \"=1+1\" begins with '='"),
        "{}",
        stderr(&o)
    );

    let stop = tmp.path().join("s.csv");
    std::fs::write(
        &stop,
        "id,type,name,aliases,notes\nx,organization,Organization of American States,OAS|of the,\n",
    )
    .unwrap();
    let o = run(&["gazetteer", "check", &stop.display().to_string()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("s.csv:2: alias \"of the\""),
        "{}",
        stderr(&o)
    );
    // extract still runs with it, and says so
    let o = extract_into(
        &[&fixture("09MEXICO283.txt")],
        &tmp.path().join("out"),
        &["-g", &stop.display().to_string()],
    );
    ok(&o);
    assert!(
        stderr(&o).contains("s.csv:2: warning: alias \"of the\""),
        "{}",
        stderr(&o)
    );
}

// --- item 12: messages that say what happened ---------------------------------

#[test]
fn a_dangling_output_symlink_gets_a_clear_message() {
    let tmp = tempfile::tempdir().unwrap();
    let link = tmp.path().join("results");
    std::os::unix::fs::symlink(tmp.path().join("gone"), &link).unwrap();
    let o = extract_into(&[&fixture("09MEXICO283.txt")], &link, &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("symbolic link") && err.contains("does not exist"),
        "{err}"
    );
    assert!(!err.contains("File exists"), "{err}");
}

/// A dump of `n` distinct cables (ids renumbered), each naming the same
/// agencies in three paragraphs.
fn many_cables_dump(n: usize) -> String {
    let mut s = String::new();
    for i in 1..=n {
        s.push_str(&format!(
            "\"{i}\",\"2/5/2009 9:30\",\"09TESTPORT{i}\",\"Embassy Mexico\",\"CONFIDENTIAL\",\"\",\"\",\
             \"CONFIDENTIAL MEXICO {i}\n\nSUBJECT: PGR AND SEDENA\n\n\
             1. (C) The PGR and SEDENA met the SSP and SEMAR on the Merida Initiative.\n\n\
             2. (C) CISEN told the PGR that SEDENA and SEMAR would share data.\n\n\
             3. (U) The SSP and the PGR agreed.\n\"\n"
        ));
    }
    s
}

#[test]
fn results_are_the_same_bytes_written_direct_or_through_the_page_cache() {
    // staged files are written around the page cache where the system
    // allows it (`O_DIRECT`: whole blocks, the last one padded and cut
    // back); `CABLEGRAPH_PAGE_CACHE` asks for the ordinary way. Tables
    // larger than the 1 MiB buffer, so whole buffers and a tail are written
    let tmp = tempfile::tempdir().unwrap();
    let dump = tmp.path().join("dump.csv");
    std::fs::write(&dump, many_cables_dump(3000)).unwrap();
    let (direct, cached) = (tmp.path().join("direct"), tmp.path().join("cached"));
    ok(&extract_into(&[dump.to_str().unwrap()], &direct, &[]));
    let o = cablegraph()
        .env("CABLEGRAPH_PAGE_CACHE", "1")
        .args(["extract", dump.to_str().unwrap(), "--quiet", "-o"])
        .arg(&cached)
        .output()
        .unwrap();
    ok(&o);
    let (a, b) = (files(&direct), files(&cached));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs");
    }
    let mentions = &a["mentions.csv"];
    assert!(mentions.len() > 1 << 20, "{} bytes", mentions.len());
    // 3,000 cables of 11 mentions each (5, 4 and 2 in the three
    // paragraphs; the subject line is no paragraph), and the header
    assert_eq!(
        mentions.iter().filter(|&&c| c == b'\n').count(),
        1 + 3000 * 11
    );
    assert!(mentions.ends_with(b"\n"), "no padding left at the end");
}
