//! The `cablegraph` binary: parse the command line, run, map the outcome
//! to an exit code (0 ok, 1 some inputs skipped, 2 nothing done). A broken
//! pipe (`cablegraph mentions … | head`) is a normal end.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc: the pipeline allocates many small, short-lived strings per
/// cable on two threads; glibc's allocator spent about 13% of a run on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cablegraph::cli::Cli::parse();
    cablegraph::interrupt::install();
    match cablegraph::cmd::run(cli) {
        Ok(status) => ExitCode::from(status.code()),
        Err(err) => {
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            if let Some(g) = err.downcast_ref::<cablegraph::gazetteer::GazetteerError>() {
                for p in &g.0 {
                    eprintln!("{p}");
                }
                eprintln!(
                    "cablegraph: gazetteer has {} problem{}; nothing written",
                    g.0.len(),
                    if g.0.len() == 1 { "" } else { "s" }
                );
            } else {
                eprintln!("cablegraph: {err:#}");
            }
            ExitCode::from(2)
        }
    }
}
