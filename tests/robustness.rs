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
    while !std::fs::read_dir(&out).unwrap().any(|e| {
        e.unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with(".cablegraph-")
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
