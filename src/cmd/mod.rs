//! The subcommands, one module each: read the arguments, run the pipeline,
//! write the results. Each returns the exit status.

pub mod explain;
pub mod extract;
pub mod gazetteer;
pub mod parse;
pub mod suggest;

use std::io::Write;

use anyhow::Result;

use crate::cable::DocProblem;
use crate::cli::{Cli, Command, InputArgs, MatchArgs};
use crate::gazetteer::Gazetteer;
use crate::pipeline::TypeFilter;
use crate::read::{self, InputPath};

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Everything was read.
    Ok,
    /// Some inputs were skipped (each reported).
    Skipped,
}

impl Status {
    /// The process exit code: 0 or 1 (2 is for fatal errors).
    pub fn code(self) -> u8 {
        match self {
            Status::Ok => 0,
            Status::Skipped => 1,
        }
    }
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> Result<Status> {
    match cli.command {
        Command::Extract(a) => extract::run(a),
        Command::Parse(a) => parse::run(a),
        Command::Mentions(a) => extract::mentions(a),
        Command::Graph(a) => extract::graph(a),
        Command::Gazetteer(c) => gazetteer::run(c),
        Command::Suggest(a) => suggest::run(a),
        Command::Explain(a) => explain::run(a),
    }
}

/// Counts problems as they are reported to standard error.
#[derive(Debug, Default)]
pub struct Problems {
    /// Problems reported.
    pub count: usize,
    /// Distinct inputs with a problem.
    pub inputs: std::collections::BTreeSet<String>,
}

impl Problems {
    /// Report one problem as `FILE: what is wrong`.
    pub fn report(&mut self, p: &DocProblem) {
        self.count += 1;
        let input = p
            .location
            .split(":row ")
            .next()
            .unwrap_or(&p.location)
            .to_string();
        self.inputs.insert(input);
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "{p}");
    }

    /// Print the summary line and return the status.
    pub fn finish(&self, what: &str, done: u64) -> Status {
        if self.count == 0 {
            return Status::Ok;
        }
        eprintln!(
            "cablegraph: {} problem{} in {} input{}; {} {what} read",
            self.count,
            if self.count == 1 { "" } else { "s" },
            self.inputs.len(),
            if self.inputs.len() == 1 { "" } else { "s" },
            done
        );
        Status::Skipped
    }
}

/// Set the worker thread count (once per process).
pub fn init_threads(input: &InputArgs) {
    if let Some(n) = input.threads {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
}

/// Expand the inputs, reporting paths that cannot be read.
pub fn expand_inputs(input: &InputArgs, problems: &mut Problems) -> Vec<InputPath> {
    let (paths, bad) = read::expand(&input.inputs);
    for p in &bad {
        problems.report(p);
    }
    paths
}

/// The gazetteer a command matches: `-g` paths or the built-in one.
pub fn load_gazetteer(args: &MatchArgs) -> Result<Gazetteer> {
    if args.gazetteers.is_empty() {
        Ok(Gazetteer::builtin())
    } else {
        Ok(Gazetteer::load(&args.gazetteers)?)
    }
}

/// The `--types` filter.
pub fn type_filter(args: &MatchArgs) -> TypeFilter {
    args.types
        .as_deref()
        .map_or(TypeFilter::NotPlaces, TypeFilter::parse)
}
