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
    assert!(page.contains(".TH cablegraph 1"), "{}", &page[..200.min(page.len())]);
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
        c.arg(cmd).arg(fixture(SEED)).args(["--types", "person,agencys"]);
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
    for line in commands.lines().filter(|l| l.len() > 2 && !l[2..].starts_with(' ')) {
        let name = line.split_whitespace().next().unwrap();
        if name != "help" {
            assert!(readme.contains(&format!("cablegraph {name}")), "{name}");
        }
    }
}

#[test]
fn one_cable_is_not_one_cables() {
    let dir = tempfile::tempdir().unwrap();
    let out = cablegraph()
        .args(["extract", &fixture(SEED), "-o"])
        .arg(dir.path())
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert!(err.contains("cablegraph: 1 cable, "), "{err}");
    assert!(!err.contains("1 cables"), "{err}");
}
