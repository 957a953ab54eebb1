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

use crate::cli::{Cli, Command, InputArgs, MatchArgs};
use cablegraph::cable::DocProblem;
use cablegraph::gazetteer::Gazetteer;
use cablegraph::graph::{Aggregate, Filter, GraphSpec};
use cablegraph::pipeline::{Matched, Pipeline, TypeFilter};
use cablegraph::read::{self, InputPath};

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
        self.inputs.insert(p.location.file.clone());
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "{p}");
    }

    /// Print the summary line and return the status.
    pub fn finish(&self, what: &str, done: u64) -> Status {
        if self.count == 0 {
            return Status::Ok;
        }
        cablegraph::note!(
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

/// Run the pipeline and write each cable's output to standard output
/// (buffered), after `header`. Writing stops at the first error, which is
/// returned (a closed pipe then ends the run quietly in `main`); problems
/// with inputs are reported as they come. Returns the cables read.
pub fn stream<F>(
    pipeline: &Pipeline,
    inputs: &[InputPath],
    problems: &mut Problems,
    header: &[u8],
    mut write: F,
) -> Result<u64>
where
    F: FnMut(&mut dyn Write, &Matched) -> std::io::Result<()>,
{
    to_stdout(pipeline, inputs, problems, header, &|_| (), |out, m, ()| {
        write(out, &m)
    })
}

/// [`stream`] for output each cable makes alone: `render` runs on the
/// worker threads, in parallel, and each cable is dropped there too, so
/// its text is freed by the thread that allocated it (a free from another
/// thread costs the allocator more) and this thread only writes bytes.
/// Returns the cables read.
pub fn stream_rendered<F>(
    pipeline: &Pipeline,
    inputs: &[InputPath],
    problems: &mut Problems,
    render: F,
) -> Result<u64>
where
    F: Fn(&Matched, &mut Vec<u8>) -> std::io::Result<()> + Sync,
{
    let prepare = |m: &mut Matched| {
        let mut bytes = Vec::new();
        let rendered = render(m, &mut bytes).map(|()| bytes);
        // what the writing thread still reads of the cable: its source and
        // warnings (noted as it is delivered)
        let cable = std::mem::take(&mut m.cable);
        m.cable.source = cable.source;
        m.cable.warnings = cable.warnings;
        m.mentions = Vec::new();
        m.discovered = Vec::new();
        m.ocr = Vec::new();
        rendered
    };
    to_stdout(
        pipeline,
        inputs,
        problems,
        b"",
        &prepare,
        |out, _, rendered| out.write_all(&rendered?),
    )
}

/// Run the pipeline with `prepare` on the worker threads and `write` on
/// this one, to standard output after `header` (what [`stream`] and
/// [`stream_rendered`] share).
fn to_stdout<T: Send, F>(
    pipeline: &Pipeline,
    inputs: &[InputPath],
    problems: &mut Problems,
    header: &[u8],
    prepare: &(dyn Fn(&mut Matched) -> T + Sync),
    write: F,
) -> Result<u64>
where
    F: FnMut(&mut dyn Write, Matched, T) -> std::io::Result<()>,
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
    pipeline.run_into(inputs, prepare, &mut sink)?;
    Ok(sink.n)
}

/// The sink of [`to_stdout`]: each cable's output to standard output.
struct ToStdout<'a, W: Write, F> {
    out: std::io::BufWriter<W>,
    write: F,
    problems: &'a mut Problems,
    /// Cables read.
    n: u64,
}

impl<T, W: Write, F> cablegraph::pipeline::CableSink<T> for ToStdout<'_, W, F>
where
    F: FnMut(&mut dyn Write, Matched, T) -> std::io::Result<()>,
{
    type Error = std::io::Error;

    fn cable(&mut self, m: Matched, prepared: T) -> std::io::Result<()> {
        self.n += 1;
        (self.write)(&mut self.out, m, prepared)
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
fn init_threads(input: &InputArgs) {
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
        cablegraph::note!(
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
pub fn result_names(formats: &[cablegraph::export::Format], shard: bool) -> Vec<String> {
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
    if formats.contains(&cablegraph::export::Format::Html) {
        v.push("report.html".into());
    }
    if shard {
        v.push(cablegraph::shard::SHARD_FILE.into());
    }
    v.sort();
    v.dedup();
    v
}

/// Refuse (before any work) a run whose output files `names` would replace
/// one of its inputs; see [`cablegraph::export::Staging::protect`].
pub fn protect_inputs(
    staging: &mut cablegraph::export::Staging,
    inputs: &[InputPath],
    names: &[String],
) -> Result<()> {
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    Ok(staging.protect(
        inputs.iter().filter_map(|i| match i {
            InputPath::File(p) => Some(p.as_path()),
            // standard input redirected from a file (`- < out/cables.csv`)
            InputPath::Stdin if cfg!(unix) => Some(std::path::Path::new("/dev/stdin")),
            InputPath::Stdin => None,
        }),
        &names,
    )?)
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

/// What every command that reads cables sets up, in this order: the
/// worker threads, the gazetteer (checked before any output), then the
/// inputs (unreadable paths reported as problems). The pipeline over the
/// gazetteer comes from [`pipeline`] or [`matching_pipeline`], the progress
/// bar from [`crate::progress::bar`]; [`Session::with_inputs`] hands a
/// command the parts to run on.
pub struct Session {
    /// The gazetteer: `-g` paths or the built-in one (empty for `parse`).
    pub gazetteer: Gazetteer,
    /// Problems reported so far.
    pub problems: Problems,
    /// The inputs, once [`Session::with_inputs`] listed them.
    pub inputs: Vec<InputPath>,
}

impl Session {
    /// Start the threads and load the gazetteer of `matching` (`None`:
    /// an empty one, for commands that match nothing).
    pub fn start(input: &InputArgs, matching: Option<&MatchArgs>) -> Result<Session> {
        init_threads(input);
        let gazetteer = match matching {
            Some(m) => {
                // the structure stage's patterns are compiled on the other
                // core while this one loads the gazetteer and the automaton
                // is built (a detached thread: nothing waits for it)
                let _ = std::thread::Builder::new()
                    .name("warm-up".into())
                    .spawn(cablegraph::cable::warm_up);
                load_gazetteer(m)?
            }
            None => Gazetteer::default(),
        };
        Ok(Session {
            gazetteer,
            problems: Problems::default(),
            inputs: Vec::new(),
        })
    }

    /// List the inputs, reporting paths that cannot be read (call it after
    /// any check that must fail before the first problem line, like the
    /// output folder's), then hand over the session's parts: the gazetteer,
    /// the problems so far and the inputs, for the command to run on.
    pub fn with_inputs(mut self, input: &InputArgs) -> (Gazetteer, Problems, Vec<InputPath>) {
        let (paths, bad) = read::expand(&input.inputs);
        for p in &bad {
            self.problems.report(p);
        }
        self.inputs = paths;
        (self.gazetteer, self.problems, self.inputs)
    }
}

/// The pipeline over `gazetteer` keeping `types` (`matching: false` only
/// parses); a gazetteer too large for one automaton is an error in words.
pub fn pipeline<'g>(
    gazetteer: &'g Gazetteer,
    types: &TypeFilter,
    matching: bool,
) -> Result<Pipeline<'g>> {
    Pipeline::new(gazetteer, types, matching).map_err(|e| {
        anyhow::anyhow!("the gazetteer is too large to compile into one automaton: {e}")
    })
}

/// The matching pipeline the match options ask for: `--types`, the
/// resolve stage unless `--no-context`, `--discover`.
pub fn matching_pipeline<'g>(gazetteer: &'g Gazetteer, args: &MatchArgs) -> Result<Pipeline<'g>> {
    let pipeline = pipeline(gazetteer, &type_filter(args), true)?
        .with_context(!args.no_context)
        .with_discovery(args.discovery());
    // the automaton's trie (dropped once its NFA is made) and the rest of
    // start-up's scratch go back to the system before the run
    crate::release_freed_memory();
    Ok(pipeline)
}

/// The gazetteer a command matches: `-g` paths or the built-in one.
fn load_gazetteer(args: &MatchArgs) -> Result<Gazetteer> {
    let gaz = if args.gazetteers.is_empty() {
        Gazetteer::builtin()
    } else {
        let g = Gazetteer::load(&args.gazetteers)?;
        for w in g.warnings() {
            cablegraph::note!("{}: warning: {}", w.location, w.message);
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
    let session = Session::start(&matching.input, Some(matching))?;
    let (gazetteer, mut problems, inputs) = session.with_inputs(&matching.input);
    let pipeline = matching_pipeline(&gazetteer, matching)?;
    let range = DateRange::new(opts);
    let mut agg = Aggregate::new();
    let mut out_of_range = 0;
    // discovered entities numbered after the gazetteer's, in input order
    let mut registry = cablegraph::discover::Registry::new(&gazetteer);
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
    // the matcher's and the resolve stage's memory goes before the caller
    // makes the graph (as in `extract`)
    drop(pipeline);
    crate::release_freed_memory();
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
