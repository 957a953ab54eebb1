//! Issue 12: entities the gazetteer lacks — `suggest --format gazetteer`,
//! and discovery (acronym definitions, titled people, back-references,
//! merging across cables) on short cables written for these tests.

mod common;

use std::collections::BTreeMap;

use common::{cablegraph, fixture, read_csv, stdout_of};

fn cables() -> String {
    fixture("discovery/cables")
}

fn gaz() -> String {
    fixture("discovery/gazetteer.csv")
}

/// CSV text as rows of maps.
fn rows_of(text: &[u8]) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let mut r = csv::Reader::from_reader(text);
    let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|x| {
            let x = x.unwrap();
            headers
                .iter()
                .cloned()
                .zip(x.iter().map(str::to_string))
                .collect()
        })
        .collect();
    (headers, rows)
}

fn check(path: &std::path::Path) -> std::process::Output {
    cablegraph()
        .args(["gazetteer", "check"])
        .arg(path)
        .output()
        .unwrap()
}

// ---- suggest --format gazetteer --------------------------------------------

#[test]
fn suggest_gazetteer_format_has_exactly_the_gazetteer_columns() {
    let out = stdout_of(cablegraph().args([
        "suggest",
        "-q",
        &cables(),
        "-g",
        &gaz(),
        "--format",
        "gazetteer",
    ]));
    let (headers, rows) = rows_of(&out);
    assert_eq!(headers, ["id", "type", "name", "aliases", "notes"]);
    assert!(!rows.is_empty());
    let dbwg = rows
        .iter()
        .find(|r| r["name"] == "Defense Bilateral Working Group")
        .expect("the DBWG both cables define");
    assert_eq!(dbwg["aliases"], "DBWG");
    // count and example moved into the notes
    assert!(
        dbwg["notes"].contains("3 mentions in the cables, first 09BRASILIA901¶1"),
        "{dbwg:?}"
    );
    // ranked by the mentions each row would add
    let counts: Vec<usize> = rows
        .iter()
        .map(|r| {
            let n = &r["notes"];
            let at = n.rfind("; ").unwrap() + 2;
            n[at..].split(' ').next().unwrap().parse().unwrap()
        })
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    // a further alias of an existing entity is not a row (its id exists)
    assert!(rows.iter().all(|r| r["id"] != "br-sisfron"));
}

#[test]
fn suggest_gazetteer_rows_append_and_pass_check() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.csv");
    std::fs::copy(gaz(), &file).unwrap();
    let out = cablegraph()
        .args(["suggest", "-q", &cables(), "-g"])
        .arg(&file)
        .args(["--format", "gazetteer", "--no-header"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stdout).starts_with("id,"));
    // the hint for the existing entity goes to standard error
    assert!(String::from_utf8_lossy(&out.stderr).contains("add SISFRON to its aliases"));
    let mut text = std::fs::read(&file).unwrap();
    text.extend_from_slice(&out.stdout);
    std::fs::write(&file, &text).unwrap();
    let c = check(&file);
    assert!(c.status.success(), "{}", String::from_utf8_lossy(&c.stderr));
    // with the rows in, nothing new is left to suggest
    let again = stdout_of(
        cablegraph()
            .args(["suggest", "-q", &cables(), "-g"])
            .arg(&file)
            .args(["--format", "gazetteer"]),
    );
    assert!(rows_of(&again).1.is_empty(), "{}", String::from_utf8_lossy(&again));
}

#[test]
fn suggest_append_writes_into_the_file_it_checks_against() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.csv");
    // a gazetteer with an extra column and no final newline
    let mut own = std::fs::read_to_string(gaz()).unwrap();
    own = own.replace("id,type,name,aliases,notes", "id,type,name,aliases,notes,country");
    own = own
        .lines()
        .skip(1)
        .fold(own.lines().next().unwrap().to_string(), |acc, l| {
            format!("{acc}\n{l},BR")
        });
    std::fs::write(&file, own.trim_end()).unwrap();
    let mut run = || {
        cablegraph()
            .args(["suggest", "-q", &cables(), "-g", &gaz(), "--append"])
            .arg(&file)
            .assert()
            .success();
    };
    run();
    let (headers, rows) = read_csv(&file);
    assert_eq!(headers, ["id", "type", "name", "aliases", "notes", "country"]);
    assert!(rows.iter().any(|r| r["aliases"] == "DBWG" && r["country"].is_empty()));
    assert_eq!(
        std::fs::read_to_string(&file)
            .unwrap()
            .matches("id,type")
            .count(),
        1,
        "no second header"
    );
    // appending again adds nothing: the file's rows are part of the gazetteer
    let before = std::fs::read(&file).unwrap();
    run();
    assert_eq!(std::fs::read(&file).unwrap(), before);

    // into a new file: with its header
    let fresh = dir.path().join("fresh.csv");
    cablegraph()
        .args(["suggest", "-q", &cables(), "-g", &gaz(), "--append"])
        .arg(&fresh)
        .assert()
        .success();
    let (headers, rows) = read_csv(&fresh);
    assert_eq!(headers, ["id", "type", "name", "aliases", "notes"]);
    assert!(!rows.is_empty());
}
