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
//! # Example
//!
//! ```
//! use cablegraph::cable::{text::parse_text, KnownMeta};
//! use cablegraph::gazetteer::Gazetteer;
//! use cablegraph::matcher::Matcher;
//!
//! let cable = parse_text(
//!     "SUBJECT: TEST\n\n1. (C) The Attorney General's Office met the PGR's critics.\n",
//!     "example.txt",
//!     &KnownMeta::default(),
//! ).unwrap();
//! let gaz = Gazetteer::from_sources(&[(
//!     "g.csv".to_string(),
//!     "id,type,name,aliases,notes\nmx-pgr,agency,PGR,Attorney General's Office,\n".as_bytes(),
//! )]).unwrap();
//! let mentions = Matcher::new(&gaz).find(&cable.paragraphs[0].text);
//! assert_eq!(mentions.len(), 2);
//! assert_eq!(cable.paragraphs[0].classification.as_deref(), Some("C"));
//! ```

#![deny(missing_docs)]
#![warn(clippy::too_many_lines)]

pub mod acronyms;
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
pub mod matcher;
pub mod normalize;
pub mod ocr;
pub mod ocr_match;
pub mod pipeline;
pub mod problem;
pub mod read;
pub mod resolve;
pub mod rule;
pub mod segment;
pub mod shard;
pub mod suggest;
