//! The subcommands, one module each: read the arguments, run the pipeline,
//! write the results. Each returns the exit status.

pub mod explain;
pub mod extract;
pub mod gazetteer;
pub mod merge;
pub mod parse;
pub mod report;
pub mod stats;
pub mod suggest;

use std::io::Write;

use anyhow::Result;

use crate::cable::DocProblem;
use crate::cli::{Cli, Command, GraphOptions, InputArgs, MatchArgs};
use crate::gazetteer::Gazetteer;
use crate::graph::{Aggregate, Filter};
use crate::pipeline::{Matched, Pipeline, TypeFilter};
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
        Command::Stats(a) => stats::run(a),
        Command::Report(a) => report::run(a),
        Command::Merge(a) => merge::run(a),
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
        self.inputs.insert(input_of(&p.location).to_string());
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

/// The input a problem location names: `FILE`, `FILE:LINE`, `FILE:row N`
/// and `FILE:row N: line L` all name `FILE`.
fn input_of(location: &str) -> &str {
    let base = location.split(":row ").next().unwrap_or(location);
    match base.rsplit_once(':') {
        Some((file, line)) if !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()) => file,
        _ => base,
    }
}

/// Run the pipeline and write each cable's output to standard output
/// (buffered), after `header`. Writing stops at the first error, which is
/// returned (a closed pipe then ends the run quietly in `main`); problems
/// with inputs are reported as they come. Returns the cables read.
pub fn stream(
    pipeline: &Pipeline,
    inputs: &[InputPath],
    problems: &mut Problems,
    header: &[u8],
    mut write: impl FnMut(&mut dyn Write, &Matched) -> std::io::Result<()>,
) -> Result<u64> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(128 * 1024, stdout.lock());
    out.write_all(header)?;
    let (mut n, mut failed) = (0u64, None);
    pipeline.run(
        inputs,
        &mut |r| match r {
            Ok(m) => {
                n += 1;
                if failed.is_none() {
                    failed = write(&mut out, &m).err();
                }
            }
            Err(p) => problems.report(&p),
        },
        &mut |_, _| {},
    );
    if let Some(e) = failed {
        return Err(e.into());
    }
    out.flush()?;
    Ok(n)
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

/// The `--from`/`--to` window on cable creation dates (inclusive). With
/// either bound set, a cable without a `created` date is left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateRange {
    /// First day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`.
    pub to: Option<String>,
}

impl DateRange {
    /// The window the options ask for.
    pub fn new(opts: &GraphOptions) -> DateRange {
        DateRange {
            from: opts.from.clone(),
            to: opts.to.clone(),
        }
    }

    /// Is a cable created at `created` (`YYYY-MM-DD HH:MM`) inside?
    pub fn contains(&self, created: Option<&str>) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        let Some(day) = created.and_then(|c| c.get(..10)) else {
            return false;
        };
        self.from.as_deref().is_none_or(|f| day >= f) && self.to.as_deref().is_none_or(|t| day <= t)
    }
}

/// The edge filters the options ask for.
pub fn graph_filter(opts: &GraphOptions) -> Filter {
    Filter {
        min_weight: opts.min_weight,
        top: opts.top,
        drop_isolated: opts.drop_isolated,
    }
}

/// What [`aggregate`] gathered.
pub struct Gathered {
    /// The gazetteer.
    pub gazetteer: Gazetteer,
    /// The counts.
    pub aggregate: Aggregate,
    /// Problems reported.
    pub problems: Problems,
    /// Cables left out by `--from`/`--to`.
    pub out_of_range: u64,
}

/// Read, match and aggregate every input (for `graph` and `stats`).
pub fn aggregate(matching: &MatchArgs, opts: &GraphOptions) -> Result<Gathered> {
    init_threads(&matching.input);
    let gazetteer = load_gazetteer(matching)?;
    let mut problems = Problems::default();
    let inputs = expand_inputs(&matching.input, &mut problems);
    let pipeline = Pipeline::new(&gazetteer, &type_filter(matching), true)
        .with_context(!matching.no_context)
        .with_discovery(matching.discovery());
    let range = DateRange::new(opts);
    let mut agg = Aggregate::new();
    let mut out_of_range = 0;
    // discovered entities numbered after the gazetteer's, in input order
    let mut registry = crate::discover::Registry::new(&gazetteer);
    let mut extended = gazetteer.clone();
    pipeline.run(
        &inputs,
        &mut |r| match r {
            Ok(mut m) if range.contains(m.cable.created.as_deref()) => {
                for e in registry.absorb(&m.discovered, &mut m.mentions) {
                    extended.push_discovered(e);
                }
                agg.add_cable(&extended, &m.cable, &m.mentions, opts.unit, |_| {})
            }
            Ok(_) => out_of_range += 1,
            Err(p) => problems.report(&p),
        },
        &mut |_, _| {},
    );
    drop(pipeline);
    Ok(Gathered {
        gazetteer: extended,
        aggregate: agg,
        problems,
        out_of_range,
    })
}

#[cfg(test)]
mod tests {
    use super::DateRange;

    #[test]
    fn date_range() {
        let all = DateRange::default();
        assert!(all.contains(None));
        let r = DateRange {
            from: Some("2009-01-01".into()),
            to: Some("2009-02-04".into()),
        };
        assert!(r.contains(Some("2009-02-04 17:08")), "--to is inclusive");
        assert!(r.contains(Some("2009-01-01 00:00")));
        assert!(!r.contains(Some("2008-12-31 23:59")));
        assert!(!r.contains(Some("2009-02-05 00:00")));
        assert!(!r.contains(None), "undated cables are left out");
    }
}

#[cfg(test)]
mod problem_tests {
    use super::input_of;

    #[test]
    fn problems_group_by_input() {
        for (loc, want) in [
            ("a/b.csv", "a/b.csv"),
            ("a/b.csv:row 7", "a/b.csv"),
            ("a/b.csv:row 7: line 9", "a/b.csv"),
            ("c.jsonl:12", "c.jsonl"),
            ("odd:name.txt", "odd:name.txt"),
        ] {
            assert_eq!(input_of(loc), want, "{loc}");
        }
    }
}
