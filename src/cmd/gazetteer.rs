//! `cablegraph gazetteer check`: validate gazetteer files.

use anyhow::Result;

use super::Status;
use crate::cli::GazetteerCommand;
use crate::gazetteer::Gazetteer;

/// Run a `gazetteer` subcommand.
pub fn run(cmd: GazetteerCommand) -> Result<Status> {
    match cmd {
        GazetteerCommand::Check { paths } => {
            let g = if paths.is_empty() {
                Gazetteer::builtin()
            } else {
                Gazetteer::load(&paths)?
            };
            for w in crate::resolve::check_warnings(&g) {
                eprintln!("{w}");
            }
            let summary = g.summary();
            let (mut ents, mut aliases) = (0, 0);
            println!("{:<14} {:>8} {:>8}", "type", "entities", "aliases");
            for (kind, (e, a)) in &summary {
                println!("{kind:<14} {e:>8} {a:>8}");
                ents += e;
                aliases += a;
            }
            println!("{:<14} {ents:>8} {aliases:>8}", "total");
            Ok(Status::Ok)
        }
    }
}
