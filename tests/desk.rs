//! Issue 16, the analyst's desk: the first run (completions, man page,
//! `--types` typos, broken pipes, licences), the workbook and
//! `evidence.csv`, and `graph.dot`'s settings — through the real binary.

mod common;

use std::os::unix::net::UnixStream;
use std::process::Stdio;

use common::{cablegraph, fixture};

const SEED: &str = "09MEXICO283.txt";

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

// ---- item 6: first run ------------------------------------------------

#[test]
fn completions_for_each_shell_name_the_commands_and_flags() {
    for (shell, marker) in [
        ("bash", "_cablegraph()"),
        ("zsh", "#compdef cablegraph"),
        ("fish", "complete -c cablegraph"),
    ] {
        let out = cablegraph().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}: {}", text(&out.stderr));
        let s = text(&out.stdout);
        assert!(s.contains(marker), "{shell}: no {marker:?}");
        for word in ["extract", "report", "gazetteer", "format", "types", "xlsx"] {
            assert!(s.contains(word), "{shell}: {word} missing");
        }
    }
    let out = cablegraph().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bash_completion_script_is_valid_bash() {
    let out = cablegraph().args(["completions", "bash"]).output().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cablegraph.bash");
    std::fs::write(&path, &out.stdout).unwrap();
    let Ok(check) = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .output()
    else {
        return; // no bash on this machine
    };
    assert!(check.status.success(), "{}", text(&check.stderr));
}

#[test]
fn man_page_is_roff_from_the_clap_definitions() {
    let out = cablegraph().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = text(&out.stdout);
    assert!(
        page.contains(".TH cablegraph 1"),
        "{}",
        &page[..200.min(page.len())]
    );
    assert!(page.contains(".SH SUBCOMMANDS") && page.contains("completions"));

    let dir = tempfile::tempdir().unwrap();
    let out = cablegraph()
        .args(["man", "--dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let extract = std::fs::read_to_string(dir.path().join("cablegraph-extract.1")).unwrap();
    assert!(extract.contains(".TH cablegraph-extract 1"));
    assert!(extract.contains("csv\\-bom") || extract.contains("csv-bom"));
    assert!(dir.path().join("cablegraph-gazetteer-check.1").exists());
}

#[test]
fn unknown_types_are_rejected_with_the_known_ones() {
    let dir = tempfile::tempdir().unwrap();
    for cmd in ["extract", "mentions", "stats", "report", "explain"] {
        let mut c = cablegraph();
        c.arg(cmd)
            .arg(fixture(SEED))
            .args(["--types", "person,agencys"]);
        if matches!(cmd, "extract" | "report") {
            c.arg("-o").arg(dir.path().join(cmd));
        }
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        let err = text(&out.stderr);
        assert!(
            err.contains("unknown type \"agencys\"") && err.contains("agency, "),
            "{cmd}: {err}"
        );
        assert!(out.stdout.is_empty(), "{cmd}");
    }
    // nothing was written by the rejected extract
    assert!(!dir.path().join("extract/nodes.csv").exists());
    // known types and "all" still work
    for ok in ["person,agency", "all", " Agency "] {
        let out = cablegraph()
            .args(["mentions", &fixture(SEED), "--types", ok])
            .output()
            .unwrap();
        if ok == " Agency " {
            // types are case-sensitive words of the gazetteer
            assert_eq!(out.status.code(), Some(2));
        } else {
            assert!(out.status.success(), "{ok}: {}", text(&out.stderr));
        }
    }
}

/// Run `args` with standard output and standard error both on a socket
/// whose other end is already closed (as `… 2>&1 | head` once `head`
/// has finished): every write fails with a broken pipe.
fn run_into_closed_pipe(args: &[&str], stderr_too: bool) -> std::process::Output {
    let (ours, theirs) = UnixStream::pair().unwrap();
    drop(ours);
    let out_end = theirs.try_clone().unwrap();
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("cablegraph"));
    c.args(args).stdin(Stdio::null());
    c.stdout(Stdio::from(std::os::fd::OwnedFd::from(out_end)));
    if stderr_too {
        c.stderr(Stdio::from(std::os::fd::OwnedFd::from(theirs)));
    } else {
        c.stderr(Stdio::piped());
    }
    c.output().unwrap()
}

#[test]
fn a_closed_pipe_ends_every_printing_command_quietly() {
    let seed = fixture(SEED);
    let inputs = fixture("inputs");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out").display().to_string();
    let runs: Vec<Vec<&str>> = vec![
        // extract prints only its summary, to the closed standard error
        vec!["extract", &seed, "-o", &out],
        vec!["extract", &inputs, "-o", &out],
        vec!["suggest", &seed],
        vec!["mentions", &seed],
        vec!["parse", &seed, "--json"],
        vec!["graph", &seed, "--format", "gexf"],
        vec!["stats", &seed],
        vec!["explain", &seed],
        vec!["completions", "zsh"],
        vec!["man"],
        vec!["--help"],
        vec!["man", "--dir", &out],
        // problems with some inputs are reported on the closed stderr too
        vec!["mentions", &inputs],
    ];
    for args in &runs {
        for stderr_too in [false, true] {
            let _ = std::fs::remove_dir_all(&out);
            let out = run_into_closed_pipe(args, stderr_too);
            let err = text(&out.stderr);
            assert!(
                !err.contains("panicked") && !err.contains("Broken pipe"),
                "{args:?}: {err}"
            );
            // 0, or 1 when an input really was skipped; never 2 or 101
            // (a panic)
            assert!(
                matches!(out.status.code(), Some(0 | 1)),
                "{args:?} (stderr closed: {stderr_too}): {:?} {err}",
                out.status
            );
        }
    }
    // the extract runs finished their work before the summary failed
    cablegraph()
        .args(["extract", &seed, "-o", &out, "-q"])
        .assert()
        .success();
    assert!(dir.path().join("out/edges.csv").exists());
}

#[test]
fn both_licences_are_shipped_and_named_in_cargo_toml() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mit = std::fs::read_to_string(root.join("LICENSE-MIT")).unwrap();
    assert!(mit.contains("Permission is hereby granted, free of charge"));
    assert!(mit.contains("Copyright (c) 2026 the cablegraph authors"));
    let apache = std::fs::read_to_string(root.join("LICENSE-APACHE")).unwrap();
    assert!(apache.contains("Apache License") && apache.contains("Version 2.0, January 2004"));
    assert!(apache.contains("Copyright 2026 the cablegraph authors"));
    let toml = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(toml.contains(r#"license = "MIT OR Apache-2.0""#));
}

#[test]
fn readme_facts_match_the_code() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let toml = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let msrv = toml
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = "))
        .unwrap()
        .trim_matches('"');
    assert!(
        readme.contains(&format!("Rust toolchain ({msrv} or newer")),
        "README names another Rust version than Cargo.toml's {msrv}"
    );
    assert!(readme.contains("cargo install --locked --path ."));
    // every subcommand the binary has is in the README
    let help = text(&cablegraph().arg("--help").output().unwrap().stdout);
    let commands = help
        .split("Commands:")
        .nth(1)
        .unwrap()
        .split("Options:")
        .next()
        .unwrap();
    // command lines are indented by two; wrapped descriptions by more
    for line in commands
        .lines()
        .filter(|l| l.len() > 2 && !l[2..].starts_with(' '))
    {
        let name = line.split_whitespace().next().unwrap();
        if name != "help" {
            assert!(readme.contains(&format!("cablegraph {name}")), "{name}");
        }
    }
}

/// Run `extract` on the seed: the folder and standard error.
fn extract_seed() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = cablegraph()
        .args(["extract", &fixture(SEED), "-o"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    (dir, text(&out.stderr))
}

#[test]
fn one_cable_is_not_one_cables() {
    let (_dir, err) = extract_seed();
    assert!(err.contains("cablegraph: 1 cable, "), "{err}");
    assert!(!err.contains("1 cables"), "{err}");
}

// ---- item 3: graph.dot renders in seconds -------------------------------

/// A corpus where `n` entities all share paragraphs: `n·(n-1)/2` links.
fn dense_corpus(dir: &std::path::Path, n: usize) -> (String, String) {
    let gaz = dir.join("gaz.csv");
    let mut g = String::from("id,type,name,aliases,notes\n");
    for i in 0..n {
        g.push_str(&format!("e{i:03},agency,Agency {i},AGENCY{i:03}X,\n"));
    }
    std::fs::write(&gaz, g).unwrap();
    let cables = dir.join("cables");
    std::fs::create_dir_all(&cables).unwrap();
    for c in 0..3 {
        let names: Vec<String> = (0..n).map(|i| format!("AGENCY{i:03}X")).collect();
        let text = format!(
            "UNCLAS\nSUBJECT: DENSE {c}\n\n1. (U) Officials of {} met.\n\n2. (U) Nothing else.\n",
            names.join(", ")
        );
        std::fs::write(cables.join(format!("10DENSE{c}.txt")), text).unwrap();
    }
    (cables.display().to_string(), gaz.display().to_string())
}

fn dot_counts(dot: &str) -> (usize, usize) {
    let edges = dot.lines().filter(|l| l.contains(" -- ")).count();
    let nodes = dot
        .lines()
        .filter(|l| l.starts_with("  \"") && !l.contains(" -- "))
        .count();
    (nodes, edges)
}

#[test]
fn a_large_dot_keeps_everything_draws_straight_edges_and_says_how_to_filter() {
    let dir = tempfile::tempdir().unwrap();
    let (cables, gaz) = dense_corpus(dir.path(), 40);
    let out = dir.path().join("out");
    let res = cablegraph()
        .args(["extract", &cables, "-g", &gaz, "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(res.status.success());
    let err = text(&res.stderr);
    assert!(err.contains("40 entities and 780 links"), "{err}");
    assert!(
        err.contains("--top 150 --drop-isolated") && err.contains("--min-weight"),
        "{err}"
    );
    let dot = std::fs::read_to_string(out.join("graph.dot")).unwrap();
    assert_eq!(dot_counts(&dot), (40, 780), "every node and edge kept");
    assert!(dot.contains("splines=false") && dot.contains("outputorder=edgesfirst"));
    assert!(!dot.contains("splines=true"));
    // --quiet silences the note; graph --format dot gives it too
    let res = cablegraph()
        .args(["graph", &cables, "-g", &gaz, "--format", "dot"])
        .output()
        .unwrap();
    assert!(text(&res.stderr).contains("--top 150"));
    assert_eq!(dot_counts(&text(&res.stdout)), (40, 780));
    let res = cablegraph()
        .args(["graph", &cables, "-g", &gaz, "--format", "dot", "-q"])
        .output()
        .unwrap();
    assert!(res.stderr.is_empty());

    // Graphviz lays it out in seconds (it took minutes with spline routing)
    if let Ok(t) = timed_dot(&out.join("graph.dot")) {
        assert!(t < 20.0, "dot -Tsvg took {t:.1} s");
    }
}

/// `dot -Tsvg` on a file: its wall time in seconds, or `Err` when Graphviz
/// is not installed (required in CI by `CABLEGRAPH_REQUIRE_DOT`).
fn timed_dot(path: &std::path::Path) -> Result<f64, ()> {
    let start = std::time::Instant::now();
    match std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(path)
        .stdout(Stdio::piped())
        .output()
    {
        Ok(o) => {
            assert!(o.status.success(), "{}", text(&o.stderr));
            assert!(text(&o.stdout).contains("<svg"));
            Ok(start.elapsed().as_secs_f64())
        }
        Err(_) => {
            assert!(
                std::env::var_os("CABLEGRAPH_REQUIRE_DOT").is_none(),
                "dot is required"
            );
            Err(())
        }
    }
}

#[test]
fn a_small_dot_keeps_curved_edges_and_no_note() {
    let (dir, err) = extract_seed();
    assert!(!err.contains("--top"));
    let dot = std::fs::read_to_string(dir.path().join("graph.dot")).unwrap();
    assert!(dot.contains("layout=neato") && dot.contains("splines=true"));
}

// ---- item 1: the workbook and evidence.csv -------------------------------

/// The Evidence sheet's and evidence.csv's columns.
const EVIDENCE_COLUMNS: [&str; 7] = [
    "cable",
    "paragraph",
    "marking",
    "date",
    "subject",
    "text",
    "entities",
];

/// A small corpus for the workbook (`tests/fixtures/desk/`): accents, a
/// paragraph of 40,000 characters (longer than a spreadsheet cell), text
/// that looks like a formula, a dated cable; paragraphs 1-3 link the PGR
/// and the SSP (and Calderón in 1), paragraph 4 mentions nobody.
fn workbook_corpus(_dir: &std::path::Path) -> (String, String) {
    (fixture("desk/cables"), fixture("desk/gazetteer.csv"))
}

#[test]
fn the_workbook_reads_back_with_sheets_accents_dates_and_capped_cells() {
    use calamine::{open_workbook, Data, DataType, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let (cables, gaz) = workbook_corpus(dir.path());
    let out = dir.path().join("out");
    let res = cablegraph()
        .args([
            "extract",
            &cables,
            "-g",
            &gaz,
            "--format",
            "xlsx,evidence",
            "-o",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(res.status.success(), "{}", text(&res.stderr));
    assert!(text(&res.stderr).contains("cablegraph.xlsx (3 evidence paragraphs)"));

    let mut wb: Xlsx<_> = open_workbook(out.join("cablegraph.xlsx")).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["Cables", "Entities", "Links", "Evidence"]
    );

    let cables = wb.worksheet_range("Cables").unwrap();
    assert_eq!(cables.get((0, 0)), Some(&Data::String("id".into())));
    let created = cables.get((1, 1)).unwrap();
    assert!(created.is_datetime(), "created is a date: {created:?}");
    // 2009-02-04 17:08 as a spreadsheet serial number
    let Data::DateTime(created) = created else {
        unreachable!()
    };
    assert!((created.as_f64() - (39848.0 + (17.0 * 60.0 + 8.0) / 1440.0)).abs() < 1e-6);
    assert_eq!(
        cables.get((1, 5)),
        Some(&Data::String("ÑANDÚ AND THE PGR".into()))
    );

    let ents = wb.worksheet_range("Entities").unwrap();
    let labels: Vec<String> = ents.rows().skip(1).map(|r| r[1].to_string()).collect();
    assert!(
        labels.contains(&"Felipe Calderón".to_string()),
        "{labels:?}"
    );
    assert!(matches!(
        ents.get((1, 3)),
        Some(Data::Float(_) | Data::Int(_))
    ));

    let links = wb.worksheet_range("Links").unwrap();
    assert_eq!(links.height(), 1 + 3, "three links");

    let ev = wb.worksheet_range("Evidence").unwrap();
    let header: Vec<String> = ev
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header, EVIDENCE_COLUMNS);
    assert_eq!(ev.height(), 1 + 3, "paragraphs 1-3 back links, 4 does not");
    let row1: Vec<&Data> = ev.rows().nth(1).unwrap().iter().collect();
    assert_eq!(row1[1].as_f64(), Some(1.0));
    assert_eq!(row1[2], &Data::String("C".into()));
    assert!(row1[3].is_datetime());
    assert_eq!(
        row1[5],
        &Data::String("Calderón met the PGR and the SSP in Querétaro.".into())
    );
    assert_eq!(
        row1[6],
        &Data::String(
            "Felipe Calderón; Procuraduría General de la República (PGR); \
             Secretaría de Seguridad Pública (SSP)"
                .into()
        )
    );
    // text that looks like a formula stays text
    let row2 = ev.rows().nth(2).unwrap();
    assert!(row2[5].to_string().starts_with("=HYPERLINK("));
    let formulas = wb.worksheet_formula("Evidence").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    // the long paragraph is cut to Excel's limit, with the marker
    let long = ev.rows().nth(3).unwrap()[5].to_string();
    assert_eq!(long.encode_utf16().count(), 32_767);
    assert!(long.ends_with("…[truncated]"));

    // evidence.csv: the same paragraphs, the same cut
    let (head, rows) = common::read_csv(&out.join("evidence.csv"));
    assert_eq!(head, EVIDENCE_COLUMNS);
    let nums: Vec<&str> = rows.iter().map(|r| r["paragraph"].as_str()).collect();
    assert_eq!(nums, ["1", "2", "3"]);
    assert_eq!(rows[0]["date"], "2009-02-04 17:08");
    assert_eq!(rows[2]["text"], long);
}

#[test]
fn evidence_follows_the_kept_links_and_is_written_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let (cables, gaz) = workbook_corpus(dir.path());
    // the default run writes neither
    let plain = dir.path().join("plain");
    cablegraph()
        .args(["extract", &cables, "-g", &gaz, "-q", "-o"])
        .arg(&plain)
        .assert()
        .success();
    assert!(!plain.join("evidence.csv").exists());
    assert!(!plain.join("cablegraph.xlsx").exists());
    // only the PGR–SSP link (weight 3) is kept: paragraph 1 backs it too,
    // with Calderón; every paragraph of evidence.csv backs a kept link,
    // exactly the paragraphs of cooccurrences.csv
    // evidence.csv and cooccurrences.csv of a run with `extra` options
    let run = |name: &str, extra: &[&str]| {
        let out = dir.path().join(name);
        cablegraph()
            .args(["extract", &cables, "-g", &gaz, "-q", "--format", "evidence"])
            .args(extra)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        let (_, ev) = common::read_csv(&out.join("evidence.csv"));
        let (_, co) = common::read_csv(&out.join("cooccurrences.csv"));
        (ev, co)
    };
    let (ev, co) = run("top", &["--min-weight", "2"]);
    let mut co_paras: Vec<&str> = co.iter().map(|r| r["paragraph"].as_str()).collect();
    co_paras.dedup();
    let ev_paras: Vec<&str> = ev.iter().map(|r| r["paragraph"].as_str()).collect();
    assert_eq!(ev_paras, co_paras);
    assert_eq!(ev_paras, ["1", "2", "3"]);
    let (ev, _) = run("top4", &["--min-weight", "4"]);
    assert!(ev.is_empty(), "no link is kept, so no evidence");
    // whole-cable links: every paragraph with a mention is evidence
    let (ev, _) = run("cable", &["--unit", "cable"]);
    assert_eq!(ev.len(), 3);
    // sharded runs refuse it (merge has no text)
    cablegraph()
        .args([
            "extract", &cables, "-g", &gaz, "--format", "xlsx", "--shard", "1/2", "-o",
        ])
        .arg(dir.path().join("shard"))
        .assert()
        .code(2);
}

// ---- item 2: the report at corpus scale -----------------------------------

/// The data blob of a report page, and the page.
fn report_data(args: &[&str]) -> (serde_json::Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.html");
    let res = cablegraph()
        .arg("report")
        .args(args)
        .arg("-q")
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(res.status.success(), "{}", text(&res.stderr));
    let html = std::fs::read_to_string(&out).unwrap();
    (blob(&html), html)
}

/// The inlined data of a report page.
fn blob(html: &str) -> serde_json::Value {
    let start = r#"<script id="cablegraph-data" type="application/json">"#;
    let from = html.find(start).unwrap() + start.len();
    let len = html[from..].find("</script>").unwrap();
    serde_json::from_str(&html[from..from + len]).unwrap()
}

fn graph_fixture() -> (String, String) {
    (fixture("graph/cables"), fixture("graph/gazetteer.csv"))
}

#[test]
fn the_title_comes_from_the_cables_or_from_title() {
    let (_, html) = report_data(&[&fixture(SEED)]);
    assert!(
        html.contains("<title>09MEXICO283: THE U.S. -MEXICAN RELATIONSHIP"),
        "{}",
        &html[..400]
    );
    let (cables, gaz) = graph_fixture();
    let (d, html) = report_data(&[&cables, "-g", &gaz]);
    assert_eq!(
        d["meta"]["title"],
        "4 cables from Embassy Mexico, 2008-12-15 to 2009-03-10"
    );
    assert!(!html.contains("<title>cablegraph report: cables"));
    let (d, html) = report_data(&[&cables, "-g", &gaz, "--title", "Mexico <desk>"]);
    assert_eq!(d["meta"]["title"], "Mexico <desk>");
    assert!(html.contains("<title>Mexico &lt;desk&gt;</title>"));
}

/// `(cable, paragraph)` of every paragraph behind an edge of the page.
fn page_evidence(
    d: &serde_json::Value,
) -> std::collections::BTreeMap<(String, String), Vec<(String, String)>> {
    let nodes = d["nodes"].as_array().unwrap();
    let cables = d["cables"].as_array().unwrap();
    let paras = d["paras"].as_array().unwrap();
    let mut out = std::collections::BTreeMap::new();
    for e in d["edges"].as_array().unwrap() {
        let id = |k: &str| {
            nodes[e[k].as_u64().unwrap() as usize]["id"]
                .as_str()
                .unwrap()
                .to_string()
        };
        let (a, b) = (id("s"), id("t"));
        let ev = e["ev"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let p = &paras[p.as_u64().unwrap() as usize];
                let c = &cables[p["c"].as_u64().unwrap() as usize];
                (c["id"].as_str().unwrap().to_string(), p["n"].to_string())
            })
            .collect();
        let key = if a <= b { (a, b) } else { (b, a) };
        out.insert(key, ev);
    }
    out
}

#[test]
fn the_page_shows_the_evidence_of_cooccurrences_csv_under_every_unit() {
    let (cables, gaz) = graph_fixture();
    for unit in ["paragraph", "sentence", "window:3", "cable"] {
        let dir = tempfile::tempdir().unwrap();
        cablegraph()
            .args([
                "extract", &cables, "-g", &gaz, "-q", "--format", "html", "--unit", unit, "-o",
            ])
            .arg(dir.path())
            .assert()
            .success();
        let d = blob(&std::fs::read_to_string(dir.path().join("report.html")).unwrap());
        let page = page_evidence(&d);
        let (_, co) = common::read_csv(&dir.path().join("cooccurrences.csv"));
        let mut want: std::collections::BTreeMap<
            (String, String),
            std::collections::BTreeSet<(String, String)>,
        > = Default::default();
        for r in &co {
            want.entry((r["source"].clone(), r["target"].clone()))
                .or_default()
                .insert((r["cable"].clone(), r["paragraph"].clone()));
        }
        let pairs: Vec<_> = page.keys().cloned().collect();
        let want_pairs: Vec<_> = want.keys().cloned().collect();
        assert_eq!(pairs, want_pairs, "{unit}: the page's links are the CSV's");
        for (pair, ev) in &page {
            assert!(!ev.is_empty(), "{unit}: {pair:?} has no evidence");
            if unit == "cable" {
                // whole-cable links show paragraphs of the cables behind them
                let cables: std::collections::BTreeSet<&String> =
                    want[pair].iter().map(|(c, _)| c).collect();
                assert!(
                    ev.iter().all(|(c, _)| cables.contains(c)),
                    "{unit}: {pair:?}"
                );
            } else {
                let got: std::collections::BTreeSet<(String, String)> =
                    ev.iter().cloned().collect();
                assert_eq!(got, want[pair], "{unit}: {pair:?}");
            }
        }
    }
    // Calderón and the PGR share ¶1 of 09MEXICO100 and of 08MEXICO300 but
    // no sentence there; only 09MEXICO200 ¶2 has them in one sentence
    let pair = ("mx-calderon".to_string(), "mx-pgr".to_string());
    let (d, _) = report_data(&[&cables, "-g", &gaz, "--unit", "paragraph"]);
    assert_eq!(page_evidence(&d)[&pair].len(), 3);
    let (d, _) = report_data(&[&cables, "-g", &gaz, "--unit", "sentence"]);
    assert_eq!(
        page_evidence(&d)[&pair],
        [("09MEXICO200".to_string(), "2".to_string())]
    );
}

#[test]
fn evidence_is_in_date_order_with_months_for_the_date_filter() {
    let (cables, gaz) = graph_fixture();
    let (d, _) = report_data(&[&cables, "-g", &gaz]);
    let cables_ = d["cables"].as_array().unwrap();
    let paras = d["paras"].as_array().unwrap();
    let date_of = |p: &serde_json::Value| {
        let c = &cables_[paras[p.as_u64().unwrap() as usize]["c"].as_u64().unwrap() as usize];
        c["date"].as_str().unwrap_or("~").to_string()
    };
    let mut checked = 0;
    for e in d["edges"].as_array().unwrap() {
        let dates: Vec<String> = e["ev"].as_array().unwrap().iter().map(date_of).collect();
        let mut sorted = dates.clone();
        sorted.sort();
        assert_eq!(dates, sorted, "oldest first");
        // the months add up to the weight of the dated units
        let dm: Vec<u64> = e["d"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_u64().unwrap())
            .collect();
        let sum: u64 = dm.chunks(2).map(|c| c[1]).sum();
        assert!(sum <= e["w"].as_u64().unwrap());
        for c in dm.chunks(2) {
            assert!((2008 * 12..=2009 * 12 + 11).contains(&c[0]), "{c:?}");
        }
        checked += (dates.len() > 1) as usize;
    }
    assert!(checked > 0);
    // the PGR–SEDENA link: 09MEXICO100 (Feb 2009) ¶1, 09MEXICO200 (Mar 2009)
    // ¶2, and the undated note, which counts but has no month
    let nodes = d["nodes"].as_array().unwrap();
    let idx = |id: &str| nodes.iter().position(|n| n["id"] == id).unwrap() as u64;
    let (pgr, sedena) = (idx("mx-pgr"), idx("mx-sedena"));
    let e = d["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            let (s, t) = (e["s"].as_u64().unwrap(), e["t"].as_u64().unwrap());
            (s, t) == (pgr, sedena) || (t, s) == (pgr, sedena)
        })
        .unwrap();
    assert_eq!(e["w"], 3);
    assert_eq!(
        e["d"],
        serde_json::json!([2009 * 12 + 1, 1, 2009 * 12 + 2, 1])
    );
    let dates: Vec<String> = e["ev"].as_array().unwrap().iter().map(date_of).collect();
    assert_eq!(dates, ["2009-02-04 17:08", "2009-03-10 12:00", "~"]);
    // every cable links to its source file and, for a cable id, WikiLeaks
    for c in cables_ {
        assert!(c["href"].as_str().unwrap().starts_with("file:///"), "{c}");
    }
    let m = cables_.iter().find(|c| c["id"] == "09MEXICO100").unwrap();
    assert_eq!(
        m["web"],
        "https://wikileaks.org/plusd/cables/09MEXICO100_a.html"
    );
}

#[test]
fn the_page_keeps_the_earliest_paragraphs_and_the_heaviest_links() {
    let (cables, gaz) = graph_fixture();
    let (d, _) = report_data(&[&cables, "-g", &gaz, "--evidence", "1", "--max-links", "3"]);
    let edges = d["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 3);
    assert_eq!(
        d["meta"]["edges_left_out"].as_u64().unwrap() + 3,
        d["meta"]["edges_total"].as_u64().unwrap()
    );
    let min_kept = edges
        .iter()
        .map(|e| e["w"].as_u64().unwrap())
        .min()
        .unwrap();
    assert!(min_kept >= 2, "the heaviest links are kept");
    // with one paragraph per link, it is the earliest
    let cables_ = d["cables"].as_array().unwrap();
    let paras = d["paras"].as_array().unwrap();
    for e in edges {
        let ev = e["ev"].as_array().unwrap();
        assert_eq!(ev.len(), 1);
        let c = &cables_[paras[ev[0].as_u64().unwrap() as usize]["c"]
            .as_u64()
            .unwrap() as usize];
        let month = c["date"].as_str().map(|d| &d[..7]);
        let first = e["d"][0]
            .as_u64()
            .map(|m| format!("{}-{:02}", m / 12, m % 12 + 1));
        assert_eq!(month.map(str::to_string), first, "{e}");
    }
    // fCoSE and its dependencies are in the page, with their licences
    let (_, html) = report_data(&[&fixture(SEED)]);
    for s in [
        "cytoscape-fcose 2.2.0",
        "cose-base 2.2.0",
        "layout-base 2.0.1",
        "cytoscapeFcose",
    ] {
        assert!(html.contains(s), "{s}");
    }
}
