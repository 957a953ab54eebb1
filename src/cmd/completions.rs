//! `cablegraph completions SHELL`: a completion script generated from the
//! same clap definitions the binary parses with, so it never goes stale.

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;

use super::Status;
use crate::cli::{Cli, CompletionsArgs};

/// The completion script for `shell`.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    // into memory first: clap_complete panics on a failed write, and a
    // closed pipe must end the run quietly instead
    clap_complete::generate(shell, &mut cmd, "cablegraph", &mut buf);
    buf
}

/// Run `completions`.
pub fn run(args: CompletionsArgs) -> Result<Status> {
    let mut out = std::io::stdout().lock();
    out.write_all(&script(args.shell))?;
    out.flush()?;
    Ok(Status::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shell_gets_a_script_naming_the_subcommands() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
            let s = String::from_utf8(script(shell)).unwrap();
            for word in ["extract", "report", "format", "types", "xlsx"] {
                assert!(s.contains(word), "{shell}: {word}");
            }
        }
    }
}
