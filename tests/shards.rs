//! Issue 6: `extract --shard I/N` on several machines, then `merge`, gives
//! byte for byte the folder of one run over the whole input.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{cablegraph, fixture};

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn extract(inputs: &[String], out: &Path, extra: &[&str]) {
    cablegraph()
        .arg("extract")
        .args(inputs)
        .arg("-o")
        .arg(out)
        .arg("--quiet")
        .args(extra)
        .assert()
        .success();
}

fn check(n: u64, extra: &[&str]) {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = vec![fixture("09MEXICO283.txt"), fixture("graph/cables")];
    let single = tmp.path().join("single");
    extract(&inputs, &single, extra);
    let mut dirs = Vec::new();
    for i in 1..=n {
        let d = tmp.path().join(format!("shard{i}"));
        let mut args: Vec<&str> = extra.to_vec();
        let spec = format!("{i}/{n}");
        args.extend(["--shard", &spec]);
        extract(&inputs, &d, &args);
        assert!(d.join("shard.json").is_file());
        dirs.push(d);
    }
    let merged = tmp.path().join("merged");
    // shards in any order
    dirs.reverse();
    cablegraph()
        .arg("merge")
        .args(&dirs)
        .arg("-o")
        .arg(&merged)
        .arg("--quiet")
        .assert()
        .success();
    let (a, b) = (files(&single), files(&merged));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(
            bytes == &b[name],
            "{name} differs after merge with {extra:?}"
        );
    }
    assert!(
        a["mentions.csv"].len() > 1000,
        "the fixtures produce mentions"
    );
}

#[test]
fn merged_shards_equal_one_run() {
    check(3, &[]);
}

#[test]
fn merged_shards_equal_one_run_with_filters_measures_and_formats() {
    check(
        2,
        &[
            "--min-weight",
            "2",
            "--measure",
            "pmi,jaccard",
            "--format",
            "graphml,gexf,json",
            "--unit",
            "sentence",
            "--csv-bom",
        ],
    );
}

#[test]
fn one_shard_of_one_is_the_whole_run() {
    check(1, &["--unit", "window:5", "--top", "5"]);
}

#[test]
fn merge_refuses_incomplete_or_mismatched_shards() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = vec![fixture("09MEXICO283.txt")];
    let s1 = tmp.path().join("s1");
    let s2 = tmp.path().join("s2");
    extract(&inputs, &s1, &["--shard", "1/2"]);
    extract(&inputs, &s2, &["--shard", "2/2", "--unit", "cable"]);
    let out = tmp.path().join("out");
    let a = cablegraph()
        .arg("merge")
        .arg(&s1)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(a.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&a.stderr).contains("missing shard 2/2"));
    let b = cablegraph()
        .arg("merge")
        .arg(&s1)
        .arg(&s2)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(b.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&b.stderr).contains("other options"));
    assert!(
        !out.join("edges.csv").exists(),
        "nothing written on refusal"
    );
    let c = cablegraph()
        .args(["extract", "x", "--shard", "3/2"])
        .output()
        .unwrap();
    assert_eq!(c.status.code(), Some(2));
}
