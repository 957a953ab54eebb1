//! cablegraph reads US diplomatic cables and turns them into an
//! evidence-linked entity graph.
//!
//! # The pipeline
//!
//! Each stage is one module, and hands plain data to the next:
//!
//! | stage | module | from → to |
//! | --- | --- | --- |
//! | 1 read | [`read`] | paths, directories, stdin, gzip → jobs (documents or dump rows) |
//! | 2 decode | [`decode`] | bytes (UTF-8 or Windows-1252) → text |
//! | 3 cable structure | [`cable`] | text, HTML, CSV dump, JSON Lines → [`cable::Cable`] with numbered paragraphs |
//! | 4 normalise | [`normalize`] | paragraph text → folded text + offset map |
//! | 5 match | [`gazetteer`], [`matcher`] | folded text → [`matcher::Mention`]s |
//! | 5b resolve | [`resolve`] | candidate mentions + their cable → accepted, re-linked or rejected, with the rule |
//! | 6 aggregate graph | [`graph`] | mentions → co-occurrence counts → `petgraph` graph |
//! | 7 export | [`export`] | graph + evidence → CSV tables, Graphviz DOT, GraphML, GEXF, node-link JSON |
//!
//! [`pipeline`] runs stages 1–5 in parallel over cables and returns
//! results in input order; the `cablegraph` binary's commands do the rest.
//!
//! # Library and binary
//!
//! The library holds the stages, the results folder and the shard format,
//! and depends on no command-line crate. The `cablegraph` program (the
//! default feature `cli`) adds the command line (clap), progress bars, the
//! Ctrl-C handler and `anyhow`; `cargo build --lib --no-default-features`
//! builds the library alone. What a user of the library needs is
//! re-exported here; an input that cannot be read is a [`DocProblem`] at a
//! [`Location`] (the run goes on without it), and whatever stops a run is
//! an [`Error`].
//!
//! # Example
//!
//! The whole pipeline: read and parse a cable, match the gazetteer and
//! resolve the candidates, add the cable to the co-occurrence graph, and
//! write the graph as GraphML.
//!
//! ```
//! use cablegraph::{Aggregate, Filter, Format, Gazetteer, InputPath, Pipeline, TypeFilter, Unit};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = tempfile::tempdir()?;
//! let cable = dir.path().join("cable.txt");
//! std::fs::write(
//!     &cable,
//!     "SUBJECT: TEST\n\n1. (C) The Attorney General's Office met the PGR's critics \
//!      and SEDENA.\n",
//! )?;
//! let gazetteer = Gazetteer::from_sources(&[(
//!     "g.csv".to_string(),
//!     "id,type,name,aliases,notes\n\
//!      mx-pgr,agency,PGR,Attorney General's Office,\n\
//!      mx-sedena,agency,SEDENA,,\n"
//!         .as_bytes(),
//! )])?;
//! // stages 1-5b: read, decode, parse, match, resolve (in parallel, in input order)
//! let pipeline = Pipeline::new(&gazetteer, &TypeFilter::All, true)?;
//! let mut graph = Aggregate::new();
//! pipeline.run(
//!     &[InputPath::File(cable)],
//!     &mut |result| match result {
//!         Ok(m) => graph.add_cable(&gazetteer, &m.cable, &m.mentions, Unit::Paragraph, |_| {}),
//!         Err(problem) => eprintln!("{problem}"),
//!     },
//!     &mut |_, _| {},
//! );
//! // stages 6 and 7: the graph, exported
//! let network = graph.network(&gazetteer, Unit::Paragraph, &Filter::default());
//! let mut graphml = Vec::new();
//! Format::Graphml.write(&mut graphml, &network, &[])?;
//! assert_eq!((network.nodes.len(), network.edges.len()), (2, 1));
//! assert!(String::from_utf8(graphml)?.contains("SEDENA"));
//! # Ok(())
//! # }
//! ```

#![deny(missing_docs)]
#![warn(clippy::too_many_lines)]

pub mod acronyms;
mod byte_classes;
pub mod cable;
pub mod decode;
pub mod dedup;
pub mod diag;
pub mod discover;
pub mod error;
pub mod explain;
pub mod export;
pub mod gazetteer;
pub mod graph;
mod hash;
pub mod matcher;
pub mod normalize;
pub mod ocr;
pub mod ocr_match;
mod ocr_page;
pub mod pipeline;
pub mod problem;
pub mod read;
pub mod resolve;
pub mod rule;
pub mod segment;
pub mod shard;
pub mod suggest;

pub use cable::{Cable, KnownMeta, Paragraph};
pub use error::{Error, Result};
pub use export::{Format, Staging};
pub use gazetteer::{Entity, Gazetteer, GazetteerError};
pub use graph::{Aggregate, Filter, GraphSpec, Measure, Network, Unit};
pub use matcher::{BuildError, Matcher, Mention};
pub use pipeline::{Matched, Pipeline, TypeFilter};
pub use problem::{DocProblem, Location};
pub use read::InputPath;
pub use resolve::Resolver;
