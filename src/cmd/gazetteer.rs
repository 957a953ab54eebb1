//! `cablegraph gazetteer check`: validate gazetteer files.

use std::io::Write;

use anyhow::{Context, Result};

use super::Status;
use crate::cli::GazetteerCommand;
use cablegraph::gazetteer::Gazetteer;

/// Run a `gazetteer` subcommand.
pub fn run(cmd: GazetteerCommand) -> Result<Status> {
    match cmd {
        GazetteerCommand::Check { paths } => {
            // likely mistakes (stop-word aliases) are problems here
            let g = if paths.is_empty() {
                Gazetteer::builtin()
            } else {
                Gazetteer::load_strict(&paths)?
            };
            for w in cablegraph::resolve::check_warnings(&g) {
                eprintln!("{w}");
            }
            let summary = g.summary();
            let (mut ents, mut aliases) = (0, 0);
            // a full disk or closed pipe is an error, never a panic
            let mut out = std::io::stdout().lock();
            let mut table = || -> std::io::Result<()> {
                writeln!(out, "{:<14} {:>8} {:>8}", "type", "entities", "aliases")?;
                for (kind, (e, a)) in &summary {
                    writeln!(out, "{kind:<14} {e:>8} {a:>8}")?;
                    ents += e;
                    aliases += a;
                }
                writeln!(out, "{:<14} {ents:>8} {aliases:>8}", "total")?;
                out.flush()
            };
            table().context("cannot write to standard output")?;
            Ok(Status::Ok)
        }
    }
}
