//! The command line: raw arguments as `clap` parses them.
//!
//! Validation that needs more than a type (reading the gazetteer, checking
//! the output directory) happens in the commands, which turn these into a
//! working configuration.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

use cablegraph::export::report::Limits;
use cablegraph::export::Format;
use cablegraph::graph::{GraphSpec, Measure, Unit};

const EXAMPLES: &str = "\
Examples:
  cablegraph extract tests/fixtures/09MEXICO283.txt        # graph into output/
  cablegraph extract cables/ -o results --unit cable       # a folder, whole-cable links
  cablegraph extract cables.csv.gz -g my-gazetteers/       # the dump, your own gazetteer
  cablegraph parse 09MEXICO283.txt --json                  # structure as JSON Lines
  cablegraph mentions cables/ > mentions.csv               # every mention, to stdout
  cablegraph extract cables/ --unit window:10 --measure npmi --format graphml,gexf,json
  cablegraph extract cables/ --from 2008-01-01 --to 2008-12-31 --top 200 --drop-isolated
  cablegraph graph cables/ --format dot | dot -Tsvg > g.svg
  cablegraph stats cables/ --unit sentence                 # overview on the terminal
  cablegraph gazetteer check gazetteers/                   # validate a gazetteer

Exit status: 0 all inputs read; 1 some inputs were skipped (each reported on
stderr as FILE: what is wrong); 2 nothing done (bad arguments, bad gazetteer,
unusable output directory).";

/// Read US diplomatic cables and turn them into an evidence-linked entity graph.
///
/// Cables come as plain or OCR'd text, WikiLeaks HTML pages, the Cablegate
/// cables.csv dump or JSON Lines, in UTF-8 or Windows-1252, optionally
/// gzipped; each file is recognised by its content. A gazetteer of agencies,
/// programs and people is matched in every paragraph; entities that share a
/// paragraph are linked, and every link keeps the paragraphs that prove it.
#[derive(Debug, Parser)]
#[command(name = "cablegraph", version, after_help = EXAMPLES, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Find entities and write the graph and its evidence into a folder.
    ///
    /// Writes cables.csv, mentions.csv, nodes.csv, edges.csv,
    /// cooccurrences.csv and graph.dot into DIR (default: output/). Results
    /// replace earlier ones only when the run succeeds.
    Extract(ExtractArgs),
    /// Show the structure of cables: metadata and numbered paragraphs.
    Parse(ParseArgs),
    /// Print every mention as mentions.csv to standard output.
    Mentions(MatchArgs),
    /// Print the co-occurrence graph to standard output in one format.
    Graph(GraphArgs),
    /// Print a short overview: cables, mentions per type, top entities and links.
    Stats(StatsArgs),
    /// Write one self-contained HTML page to click through the graph and
    /// the paragraphs behind every link.
    ///
    /// Writes FILE (default: output/report.html): an interactive graph,
    /// search, filters, sortable tables of entities and links, and the
    /// evidence paragraphs with the entities highlighted. Opens offline.
    Report(ReportArgs),
    /// Combine the result folders of `extract --shard I/N` runs into the
    /// folder one run over the whole input would have written.
    Merge(MergeArgs),
    /// Work with gazetteers.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
    /// Print candidate gazetteer rows the cables support but the gazetteer
    /// lacks (defined acronyms, people introduced by titles), as CSV.
    ///
    /// Columns: id,type,name,aliases,notes,count,example; with --format
    /// gazetteer (or --append FILE) exactly the gazetteer's columns, rows
    /// that append to the gazetteer and still pass `gazetteer check`.
    Suggest(SuggestArgs),
    /// Show every match in context with the alias and rule behind it, and
    /// the candidate matches that lost.
    Explain(ExplainArgs),
    /// Print a shell completion script to standard output.
    ///
    /// bash: `cablegraph completions bash > ~/.local/share/bash-completion/completions/cablegraph`;
    /// zsh: into a directory of your $fpath as `_cablegraph`; fish:
    /// `~/.config/fish/completions/cablegraph.fish`.
    Completions(CompletionsArgs),
    /// Print the manual page (roff) to standard output, or write one page
    /// per command into a directory.
    ///
    /// `cablegraph man | man -l -` reads it; `cablegraph man --dir DIR`
    /// writes cablegraph.1, cablegraph-extract.1, … for `MANPATH`.
    Man(ManArgs),
}

/// `cablegraph explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Inputs and gazetteer.
    #[command(flatten)]
    pub matching: MatchArgs,

    /// Only matches and candidates of this entity id.
    #[arg(long, value_name = "ID")]
    pub entity: Option<String>,
}

/// Inputs shared by every command that reads cables.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or directories of cables (recursed, sorted), or - for stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Worker threads (default: one per core; at most 4 per core).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,

    /// No progress bar.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Options of the commands that match a gazetteer.
#[derive(Debug, Args)]
pub struct MatchArgs {
    /// Inputs.
    #[command(flatten)]
    pub input: InputArgs,

    /// Gazetteer file, or directory of *.csv, replacing the built-in one
    /// (repeatable).
    #[arg(short = 'g', long = "gazetteer", value_name = "PATH")]
    pub gazetteers: Vec<PathBuf>,

    /// Entity types to keep: a comma-separated list, or "all"
    /// (default: every type but place).
    #[arg(long, value_name = "TYPES")]
    pub types: Option<String>,

    /// Keep every candidate the gazetteer matches, without the resolve
    /// stage that judges each one in its cable (country scope, the cable's
    /// own acronym definitions, boundaries, titles): for comparison.
    #[arg(long)]
    pub no_context: bool,

    /// Discovery of entities the gazetteer lacks (extract, mentions,
    /// graph, stats): none, all, or a list of
    /// acronym,title,backref,government,name (default: government).
    #[arg(long, value_name = "RULES", value_parser = parse_discovery)]
    pub discover: Option<cablegraph::discover::Rules>,

    /// Turn discovery off (same as --discover none).
    #[arg(long)]
    pub no_discovery: bool,
}

fn parse_discovery(s: &str) -> Result<cablegraph::discover::Rules, String> {
    cablegraph::discover::Rules::parse(s)
}

impl MatchArgs {
    /// The discovery rules asked for.
    pub fn discovery(&self) -> cablegraph::discover::Rules {
        if self.no_discovery {
            cablegraph::discover::Rules::NONE
        } else {
            self.discover
                .unwrap_or(cablegraph::discover::Rules::DEFAULT)
        }
    }
}

/// How the graph is counted and filtered (extract, graph, stats); the
/// commands work with its [`GraphOptions::spec`].
#[derive(Clone, Debug, PartialEq, Eq, Args)]
pub struct GraphOptions {
    /// Unit of co-occurrence: paragraph, sentence, cable, or window:N
    /// (within N words of each other in a paragraph).
    #[arg(long, value_name = "UNIT", default_value = "paragraph", value_parser = parse_unit)]
    pub unit: Unit,

    /// Association measures to add to every edge, comma-separated.
    #[arg(long, value_parser = measure_arg(), value_delimiter = ',', value_name = "MEASURES")]
    pub measure: Vec<Measure>,

    /// Drop edges with a smaller weight.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_weight: u64,

    /// Keep only the N strongest edges (by weight, then cables, then ids).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,

    /// Drop entities left without any edge (by default every mentioned
    /// entity is a node).
    #[arg(long)]
    pub drop_isolated: bool,

    /// Only cables created on or after this date; cables without a date
    /// are left out when --from or --to is given.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub from: Option<String>,

    /// Only cables created on or before this date (inclusive).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub to: Option<String>,
}

impl GraphOptions {
    /// The library's plain description of these options.
    pub fn spec(&self) -> GraphSpec {
        GraphSpec {
            unit: self.unit,
            measure: self.measure.clone(),
            min_weight: self.min_weight,
            top: self.top,
            drop_isolated: self.drop_isolated,
            from: self.from.clone(),
            to: self.to.clone(),
        }
    }
}

pub(crate) fn parse_unit(s: &str) -> Result<Unit, String> {
    s.parse()
}

/// Accept an ISO date `YYYY-MM-DD`.
fn parse_date(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(0..4)
        && digits(5..7)
        && digits(8..10)
        && (1..=12).contains(&s[5..7].parse::<u8>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u8>().unwrap_or(0));
    if ok {
        Ok(s.to_string())
    } else {
        Err(format!("{s:?} is not a date like 2009-02-04"))
    }
}

/// `cablegraph extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Inputs and gazetteer.
    #[command(flatten)]
    pub matching: MatchArgs,

    /// Output directory.
    #[arg(
        short = 'o',
        long = "output",
        value_name = "DIR",
        default_value = "output"
    )]
    pub output: PathBuf,

    /// Counting and filters.
    #[command(flatten)]
    pub graph: GraphOptions,

    /// Formats to write, comma-separated (csv and dot are always written).
    #[arg(long, value_parser = format_arg(), value_delimiter = ',', value_name = "FORMATS")]
    pub format: Vec<Format>,

    /// Start every CSV file with a UTF-8 byte-order mark, so that Excel
    /// opens it by double-click with the right encoding.
    #[arg(long)]
    pub csv_bom: bool,

    /// Process only share I of N of the input (job k goes to share
    /// k mod N + 1), for running one job on several machines; combine the
    /// result folders with `cablegraph merge`.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<cablegraph::pipeline::Shard>,

    /// Title of report.html (--format html; default: from the cables, e.g.
    /// "426 cables from 12 posts, 2004-01-05 to 2010-02-24").
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
}

/// The values of `--format`: the library's [`Format`] as the command line
/// lists and documents it (the library's enum knows nothing of `clap`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// nodes.csv and edges.csv (on standard output: edges.csv).
    Csv,
    /// Graphviz graph.dot.
    Dot,
    /// graph.graphml (Gephi, yEd, networkx, igraph).
    Graphml,
    /// graph.gexf, GEXF 1.3 (Gephi).
    Gexf,
    /// graph.json, node-link JSON (networkx, d3).
    Json,
    /// report.html, the interactive evidence report (extract only; see
    /// `cablegraph report`).
    Html,
    /// cablegraph.xlsx, one workbook: sheets Cables, Entities, Links and
    /// Evidence (the paragraph text behind every link) (extract only).
    Xlsx,
    /// evidence.csv, one row per evidence paragraph with its text
    /// (extract only).
    Evidence,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Csv => Format::Csv,
            FormatArg::Dot => Format::Dot,
            FormatArg::Graphml => Format::Graphml,
            FormatArg::Gexf => Format::Gexf,
            FormatArg::Json => Format::Json,
            FormatArg::Html => Format::Html,
            FormatArg::Xlsx => Format::Xlsx,
            FormatArg::Evidence => Format::Evidence,
        }
    }
}

/// The values of `--measure`: the library's [`Measure`] on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MeasureArg {
    /// Pointwise mutual information.
    Pmi,
    /// Normalised pointwise mutual information.
    Npmi,
    /// Dice coefficient.
    Dice,
    /// Jaccard index.
    Jaccard,
}

impl From<MeasureArg> for Measure {
    fn from(m: MeasureArg) -> Measure {
        match m {
            MeasureArg::Pmi => Measure::Pmi,
            MeasureArg::Npmi => Measure::Npmi,
            MeasureArg::Dice => Measure::Dice,
            MeasureArg::Jaccard => Measure::Jaccard,
        }
    }
}

/// `--format`'s parser: a [`FormatArg`], handed on as a [`Format`].
fn format_arg() -> impl clap::builder::TypedValueParser<Value = Format> {
    clap::builder::TypedValueParser::map(
        clap::builder::EnumValueParser::<FormatArg>::new(),
        Format::from,
    )
}

/// `--measure`'s parser: a [`MeasureArg`], handed on as a [`Measure`].
fn measure_arg() -> impl clap::builder::TypedValueParser<Value = Measure> {
    clap::builder::TypedValueParser::map(
        clap::builder::EnumValueParser::<MeasureArg>::new(),
        Measure::from,
    )
}

/// The formats `graph` can print: the graph formats, listed with their
/// descriptions as `extract --format` lists them.
fn graph_format() -> impl clap::builder::TypedValueParser<Value = Format> {
    let values: Vec<clap::builder::PossibleValue> = FormatArg::value_variants()
        .iter()
        .filter(|f| Format::from(**f).is_graph())
        .filter_map(FormatArg::to_possible_value)
        .collect();
    clap::builder::TypedValueParser::map(
        clap::builder::PossibleValuesParser::new(values),
        |s: String| Format::from(FormatArg::from_str(&s, false).expect("a listed value")),
    )
}

/// `cablegraph parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Inputs.
    #[command(flatten)]
    pub input: InputArgs,

    /// One JSON object per cable, one per line.
    #[arg(long)]
    pub json: bool,
}

/// `cablegraph graph`.
#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Inputs and gazetteer.
    #[command(flatten)]
    pub matching: MatchArgs,

    /// Format to print (csv prints edges.csv).
    #[arg(long, default_value = "csv", value_name = "FORMAT", value_parser = graph_format())]
    pub format: Format,

    /// Counting and filters.
    #[command(flatten)]
    pub graph: GraphOptions,
}

/// `cablegraph stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Inputs and gazetteer.
    #[command(flatten)]
    pub matching: MatchArgs,

    /// Counting and filters.
    #[command(flatten)]
    pub graph: GraphOptions,

    /// Entities and links to list.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub limit: usize,
}

/// `cablegraph gazetteer …`.
#[derive(Debug, Subcommand)]
pub enum GazetteerCommand {
    /// Validate gazetteer files; report every bad row as FILE:LINE.
    Check {
        /// Gazetteer files or directories (default: the built-in gazetteer).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
}

/// `cablegraph report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Inputs and gazetteer.
    #[command(flatten)]
    pub matching: MatchArgs,

    /// Output file, or - for standard output.
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        default_value = "output/report.html"
    )]
    pub output: PathBuf,

    /// Unit of co-occurrence: paragraph, sentence, cable, or window:N.
    #[arg(long, value_name = "UNIT", default_value = "paragraph", value_parser = parse_unit)]
    pub unit: Unit,

    /// Evidence paragraphs kept per entity and per link.
    #[arg(long, value_name = "N", default_value_t = Limits::default().per_edge)]
    pub evidence: usize,

    /// Cap on the evidence text in the page, in MiB (the page says when
    /// it was reached).
    #[arg(long, value_name = "MIB", default_value_t = Limits::default().text_bytes >> 20)]
    pub max_text: usize,

    /// The page's title (default: from the cables, e.g. "426 cables from
    /// 12 posts, 2004-01-05 to 2010-02-24", or a cable's id and subject).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// Links kept in the page: the heaviest N (the page says how many
    /// were left out; edges.csv has them all).
    #[arg(long, value_name = "N", default_value_t = Limits::default().edges)]
    pub max_links: usize,
}

/// `cablegraph merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The shards' result folders (each written by `extract --shard I/N`).
    #[arg(required = true, value_name = "DIR")]
    pub dirs: Vec<PathBuf>,

    /// Output directory.
    #[arg(
        short = 'o',
        long = "output",
        value_name = "DIR",
        default_value = "output"
    )]
    pub output: PathBuf,

    /// No summary line.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Output format of `suggest`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum SuggestFormat {
    /// Gazetteer columns plus `count` and `example`.
    #[default]
    Csv,
    /// Exactly the gazetteer's columns: appends to a gazetteer and passes
    /// `gazetteer check`.
    Gazetteer,
}

/// Options of `suggest`.
#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// Inputs and gazetteer.
    #[command(flatten)]
    pub matching: MatchArgs,

    /// csv (with count and example columns) or gazetteer (exactly the
    /// gazetteer's columns; appendable).
    #[arg(long, value_enum, default_value_t = SuggestFormat::Csv)]
    pub format: SuggestFormat,

    /// No header row (for `>> my-gazetteer.csv`).
    #[arg(long)]
    pub no_header: bool,

    /// Append the rows (gazetteer format) to this gazetteer file, which
    /// also counts as part of the gazetteer; a header only when it is new
    /// or empty.
    #[arg(long, value_name = "FILE")]
    pub append: Option<PathBuf>,
}

/// `cablegraph completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, elvish, fish, powershell or zsh.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,
}

/// `cablegraph man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write cablegraph.1 and one page per subcommand
    /// (cablegraph-extract.1, …) into this directory instead of printing
    /// the main page.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    #[test]
    fn unit_and_dates_parse() {
        let cli = Cli::try_parse_from([
            "cablegraph",
            "graph",
            "x",
            "--unit",
            "window:7",
            "--from",
            "2009-01-31",
        ])
        .unwrap();
        let Command::Graph(g) = cli.command else {
            panic!("graph")
        };
        assert_eq!(g.graph.unit, Unit::Window(7));
        assert_eq!(g.graph.from.as_deref(), Some("2009-01-31"));
        for bad in [
            ["--unit", "window:x"],
            ["--from", "2009-13-01"],
            ["--to", "09-01-01"],
        ] {
            let mut argv = vec!["cablegraph", "graph", "x"];
            argv.extend(bad);
            assert!(Cli::try_parse_from(argv).is_err(), "{bad:?}");
        }
    }
}
