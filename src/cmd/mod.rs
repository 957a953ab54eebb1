//! The subcommands, one module each: read the arguments, run the pipeline,
//! write the results. Each returns the exit status.

pub mod completions;
pub mod explain;
pub mod extract;
pub mod gazetteer;
pub mod man;
pub mod merge;
pub mod parse;
pub mod report;
pub mod stats;
pub mod suggest;

use std::io::Write;

use anyhow::Result;

use crate::cable::DocProblem;
use crate::cli::{Cli, Command, InputArgs, MatchArgs};
use crate::gazetteer::Gazetteer;
use crate::graph::{Aggregate, Filter, GraphSpec};
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
        Command::Completions(a) => completions::run(a),
        Command::Man(a) => man::run(a),
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
        crate::note!(
            "cablegraph: {} problem{} in {} input{}; {} read",
            self.count,
            if self.count == 1 { "" } else { "s" },
            self.inputs.len(),
            if self.inputs.len() == 1 { "" } else { "s" },
            // `what` is plural ("cables"); one of it drops the s
            counted(done, what.strip_suffix('s').unwrap_or(what), what)
        );
        Status::Skipped
    }
}

/// `1 cable`, `2 cables`: a count with its noun in the right number.
pub fn counted(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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
pub fn stream<F>(
    pipeline: &Pipeline,
    inputs: &[InputPath],
    problems: &mut Problems,
    header: &[u8],
    write: F,
) -> Result<u64>
where
    F: FnMut(&mut dyn Write, &Matched) -> std::io::Result<()>,
{
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(128 * 1024, stdout.lock());
    out.write_all(header)?;
    let mut sink = ToStdout {
        out,
        write,
        problems,
        n: 0,
    };
    pipeline.run_into(inputs, &|_| (), &mut sink)?;
    Ok(sink.n)
}

/// The sink of [`stream`]: each cable's output to standard output.
struct ToStdout<'a, W: Write, F> {
    out: std::io::BufWriter<W>,
    write: F,
    problems: &'a mut Problems,
    /// Cables read.
    n: u64,
}

impl<W: Write, F> crate::pipeline::CableSink for ToStdout<'_, W, F>
where
    F: FnMut(&mut dyn Write, &Matched) -> std::io::Result<()>,
{
    type Error = std::io::Error;

    fn cable(&mut self, m: Matched, (): ()) -> std::io::Result<()> {
        self.n += 1;
        (self.write)(&mut self.out, &m)
    }

    fn problem(&mut self, p: DocProblem) -> std::io::Result<()> {
        self.problems.report(&p);
        Ok(())
    }

    fn finish(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Set the worker thread count (once per process): `-j N`, else
/// `RAYON_NUM_THREADS`, else one per core; at most [`max_threads`], with a
/// message when more were asked for.
pub fn init_threads(input: &InputArgs) {
    let env = std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0);
    let (asked, from) = match (input.threads, env) {
        (Some(n), _) => (Some(n), "-j"),
        (None, Some(n)) => (Some(n), "RAYON_NUM_THREADS"),
        (None, None) => (None, ""),
    };
    let Some(n) = asked else { return };
    let cap = max_threads();
    let n = if n > cap {
        crate::note!(
            "cablegraph: {from} {n} is more threads than useful; using {cap} (4 per core, {} cores)",
            cap / 4
        );
        cap
    } else {
        n.max(1)
    };
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build_global();
}

/// The most worker threads a run starts: 4 per core.
pub fn max_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()) * 4
}

/// The files a results folder of `extract` (or `merge`) holds with these
/// formats (the manifest aside).
pub fn result_names(formats: &[crate::export::Format], shard: bool) -> Vec<String> {
    let mut v: Vec<String> = [
        "cables.csv",
        "mentions.csv",
        "cooccurrences.csv",
        "nodes.csv",
        "edges.csv",
        "graph.dot",
    ]
    .map(String::from)
    .to_vec();
    for f in formats {
        if let Some(n) = f.file_name() {
            v.push(n.to_string());
        }
    }
    if formats.contains(&crate::export::Format::Html) {
        v.push("report.html".into());
    }
    if shard {
        v.push(crate::shard::SHARD_FILE.into());
    }
    v.sort();
    v.dedup();
    v
}

/// Refuse (before any work) a run whose output files `names` would replace
/// one of its inputs; see [`crate::export::Staging::protect`].
pub fn protect_inputs(
    staging: &mut crate::export::Staging,
    inputs: &[InputPath],
    names: &[String],
) -> Result<()> {
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    staging.protect(
        inputs.iter().filter_map(|i| match i {
            InputPath::File(p) => Some(p.as_path()),
            // standard input redirected from a file (`- < out/cables.csv`)
            InputPath::Stdin if cfg!(unix) => Some(std::path::Path::new("/dev/stdin")),
            InputPath::Stdin => None,
        }),
        &names,
    )
}

/// A run that read no cable (a mistyped path, an empty directory) fails
/// with a message, so it never replaces earlier results.
pub fn nothing_read(
    cables: u64,
    inputs: &[InputPath],
    problems: &Problems,
    output: Option<&std::path::Path>,
) -> Result<()> {
    if cables > 0 {
        return Ok(());
    }
    let why = if problems.count > 0 {
        format!(
            "{} problem{} reported above",
            problems.count,
            if problems.count == 1 { "" } else { "s" }
        )
    } else if inputs.is_empty() {
        "no input files found".to_string()
    } else {
        format!(
            "{} input file{} held none",
            inputs.len(),
            if inputs.len() == 1 { "" } else { "s" }
        )
    };
    match output {
        Some(o) => anyhow::bail!(
            "no cable read ({why}); nothing written, earlier results in {} left as they were",
            o.display()
        ),
        None => anyhow::bail!("no cable read ({why}); nothing written"),
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
    let gaz = if args.gazetteers.is_empty() {
        Gazetteer::builtin()
    } else {
        let g = Gazetteer::load(&args.gazetteers)?;
        for w in g.warnings() {
            crate::note!("{}: warning: {}", w.location, w.message);
        }
        g
    };
    if let Some(types) = &args.types {
        check_types(&TypeFilter::parse(types), &gaz)?;
    }
    Ok(gaz)
}

/// Reject a `--types` value naming a type the gazetteer does not have.
fn check_types(filter: &TypeFilter, gaz: &Gazetteer) -> Result<()> {
    let mut known: Vec<&str> = gaz.entities().iter().map(|e| e.kind.as_str()).collect();
    known.sort_unstable();
    known.dedup();
    let known = known.join(", ");
    match filter.unknown(gaz) {
        Some(bad) if bad.is_empty() => Ok(()),
        Some(bad) => anyhow::bail!(
            "--types: unknown type{} {}; the gazetteer has: {known} (or \"all\")",
            if bad.len() == 1 { "" } else { "s" },
            bad.iter()
                .map(|t| format!("{t:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => anyhow::bail!("--types: no type given; the gazetteer has: {known} (or \"all\")"),
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
    pub fn new(opts: &GraphSpec) -> DateRange {
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

/// The error of a gazetteer whose automaton cannot be built, in words.
pub fn automaton_error(e: crate::matcher::BuildError) -> anyhow::Error {
    anyhow::anyhow!("the gazetteer is too large to compile into one automaton: {e}")
}

/// The edge filters the options ask for.
pub fn graph_filter(opts: &GraphSpec) -> Filter {
    opts.filter()
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
pub fn aggregate(matching: &MatchArgs, opts: &GraphSpec) -> Result<Gathered> {
    init_threads(&matching.input);
    let gazetteer = load_gazetteer(matching)?;
    let mut problems = Problems::default();
    let inputs = expand_inputs(&matching.input, &mut problems);
    let pipeline = Pipeline::new(&gazetteer, &type_filter(matching), true)
        .map_err(automaton_error)?
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
