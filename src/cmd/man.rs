//! `cablegraph man`: manual pages generated from the clap definitions.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::CommandFactory;

use super::Status;
use crate::cli::{Cli, ManArgs};

/// The main page, `cablegraph.1`, as roff.
pub fn page() -> Vec<u8> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut buf)
        .expect("writing into memory cannot fail");
    buf
}

/// Write every page into `dir`; returns the files written.
pub fn write_all(dir: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create directory", dir.display()))?;
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut out = Vec::new();
    pages(cmd, dir, &mut out)?;
    out.sort();
    Ok(out)
}

/// The page of `cmd` (built: subcommands carry display names such as
/// `cablegraph-extract`) and of each of its subcommands.
fn pages(cmd: clap::Command, dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned() {
        pages(sub, dir, out)?;
    }
    let path = clap_mangen::Man::new(cmd)
        .generate_to(dir)
        .with_context(|| format!("{}: cannot write", dir.display()))?;
    out.push(path);
    Ok(())
}

/// Run `man`.
pub fn run(args: ManArgs) -> Result<Status> {
    match args.dir {
        Some(dir) => {
            let files = write_all(&dir)?;
            cablegraph::note!(
                "cablegraph: {} manual pages -> {}",
                files.len(),
                dir.display()
            );
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&page())?;
            out.flush()?;
        }
    }
    Ok(Status::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_is_roff_with_every_subcommand() {
        let p = String::from_utf8(page()).unwrap();
        assert!(p.starts_with(".ie \\n(.g .ds Aq") || p.contains(".TH cablegraph 1"));
        for word in ["extract", "report", "completions", "SUBCOMMANDS"] {
            assert!(p.contains(word), "{word}");
        }
    }

    #[test]
    fn one_page_per_subcommand() {
        let dir = tempfile::tempdir().unwrap();
        let files = write_all(dir.path()).unwrap();
        let names: Vec<String> = files
            .iter()
            .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        for want in [
            "cablegraph.1",
            "cablegraph-extract.1",
            "cablegraph-gazetteer-check.1",
        ] {
            assert!(names.iter().any(|n| n == want), "{want} in {names:?}");
        }
    }
}
