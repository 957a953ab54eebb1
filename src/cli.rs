//! The command line: raw arguments as `clap` parses them.
//!
//! Validation that needs more than a type (reading the gazetteer, checking
//! the output directory) happens in the commands, which turn these into a
//! working configuration.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  cablegraph extract tests/fixtures/09MEXICO283.txt        # graph into output/
  cablegraph extract cables/ -o results --unit cable       # a folder, whole-cable links
  cablegraph extract cables.csv.gz -g my-gazetteers/       # the dump, your own gazetteer
  cablegraph parse 09MEXICO283.txt --json                  # structure as JSON Lines
  cablegraph mentions cables/ > mentions.csv               # every mention, to stdout
  cablegraph graph cables/ --format dot | dot -Tsvg > g.svg
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
    /// Work with gazetteers.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
    /// Print candidate gazetteer rows the cables support but the gazetteer
    /// lacks (defined acronyms, people introduced by titles), as CSV.
    ///
    /// Columns: id,type,name,aliases,notes,count,example. Review the rows
    /// and append the ones you want (without count and example).
    Suggest(MatchArgs),
    /// Show every match in context with the alias and rule behind it, and
    /// the candidate matches that lost.
    Explain(ExplainArgs),
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

    /// Worker threads (default: one per core).
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
}

/// What counts as "together".
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum UnitArg {
    /// Entities in the same paragraph are linked.
    Paragraph,
    /// Entities in the same cable are linked.
    Cable,
}

/// Graph formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// nodes.csv, edges.csv (and the other tables).
    Csv,
    /// Graphviz graph.dot.
    Dot,
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

    /// Unit of co-occurrence.
    #[arg(long, value_enum, default_value_t = UnitArg::Paragraph)]
    pub unit: UnitArg,

    /// Formats to write, comma-separated (csv and dot are always written).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "FORMATS")]
    pub format: Vec<FormatArg>,
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

    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Csv)]
    pub format: FormatArg,

    /// Unit of co-occurrence.
    #[arg(long, value_enum, default_value_t = UnitArg::Paragraph)]
    pub unit: UnitArg,
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
