//! The shard file format, `shard.json`: what an `extract --shard I/N` run
//! leaves beside its tables so that `merge` can combine the shares into the
//! folder one run would have written (see `cablegraph merge`). Versioned:
//! a file of another version is refused with a message.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use crate::error::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use crate::export::Format;
use crate::gazetteer::Gazetteer;
use crate::graph::{Aggregate, AggregateState, GraphSpec};
use crate::pipeline::Shard;

/// The name of a shard's side file.
pub const SHARD_FILE: &str = "shard.json";

/// The layout version of `shard.json` this build writes and reads. 2 added
/// the entities' aliases, the writing cablegraph's version and the size of
/// every table; a shard file of another version is refused with a message.
pub const SHARD_VERSION: u32 = 2;

/// The tables a shard folder holds, in the order merge copies them.
pub const SHARD_TABLES: [&str; 3] = ["cables.csv", "mentions.csv", "cooccurrences.csv"];

/// Rows one input job produced in each table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobRows {
    /// The job (counted from 0 over the whole input).
    pub job: u64,
    /// Rows of `cables.csv`.
    pub cables: u64,
    /// Rows of `mentions.csv`.
    pub mentions: u64,
    /// Rows of `cooccurrences.csv`.
    pub evidence: u64,
    /// Rows of `references.csv`.
    #[serde(default)]
    pub references: u64,
    /// Rows of `recipients.csv`.
    #[serde(default)]
    pub recipients: u64,
}

/// The options a shard ran with; every shard of a job must agree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardOptions {
    /// Counting and filters.
    pub graph: GraphSpec,
    /// Formats asked for.
    pub formats: Vec<Format>,
    /// Byte-order marks on CSV files.
    pub csv_bom: bool,
    /// Entity types kept (`--types`), as given.
    pub types: Option<String>,
}

/// One entity of the gazetteer the shard matched.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardEntity {
    /// Id.
    pub id: String,
    /// Type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Label.
    pub name: String,
    /// Every surface form matched, the name first.
    pub aliases: Vec<String>,
    /// `discovered` for an entity discovery found in this share (see
    /// [`crate::discover`]); empty for a gazetteer row.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub provenance: String,
}

impl ShardEntity {
    /// Was this entity discovered in its share (not a gazetteer row)?
    pub fn discovered(&self) -> bool {
        self.provenance == "discovered"
    }
}

/// One table of a shard folder, as the shard run wrote it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardTable {
    /// File name (`cables.csv`, …).
    pub name: String,
    /// Size in bytes.
    pub bytes: u64,
}

/// `shard.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShardFile {
    /// Always `cablegraph-shard`.
    pub format: String,
    /// Version of this file's layout ([`SHARD_VERSION`]).
    pub version: u32,
    /// The cablegraph version that wrote it.
    pub cablegraph: String,
    /// Which share this is.
    pub shard: Shard,
    /// The options of the run.
    pub options: ShardOptions,
    /// The gazetteer's entities, in index order.
    pub entities: Vec<ShardEntity>,
    /// The graph counts of this share.
    pub aggregate: AggregateState,
    /// Rows per job, in job order (jobs without rows are left out).
    pub jobs: Vec<JobRows>,
    /// Cables left out by --from/--to.
    pub out_of_range: u64,
    /// The tables beside this file, with their sizes: merge refuses a
    /// folder whose tables changed since (a later run into it).
    pub tables: Vec<ShardTable>,
}

impl ShardFile {
    /// The side file for a finished shard run.
    pub fn new(
        shard: Shard,
        options: ShardOptions,
        gaz: &Gazetteer,
        agg: &Aggregate,
        jobs: Vec<JobRows>,
        out_of_range: u64,
        tables: Vec<ShardTable>,
    ) -> ShardFile {
        ShardFile {
            format: "cablegraph-shard".into(),
            version: SHARD_VERSION,
            cablegraph: env!("CARGO_PKG_VERSION").into(),
            tables,
            shard,
            options,
            entities: gaz
                .entities()
                .iter()
                .map(|e| ShardEntity {
                    id: e.id.clone(),
                    kind: e.kind.clone(),
                    name: e.name.clone(),
                    aliases: e.aliases.clone(),
                    provenance: if e.provenance() == "discovered" {
                        "discovered".into()
                    } else {
                        String::new()
                    },
                })
                .collect(),
            aggregate: agg.state(),
            jobs,
            out_of_range,
        }
    }

    /// Read and check the shard file of the folder `dir`: its format,
    /// its version, and that the tables beside it are the ones it describes.
    pub fn read(dir: &Path) -> Result<ShardFile> {
        let path = dir.join(SHARD_FILE);
        let f = File::open(&path).with_context(|| {
            format!(
                "{}: not a shard folder (no {SHARD_FILE}; run extract --shard I/N)",
                dir.display()
            )
        })?;
        let v: serde_json::Value = serde_json::from_reader(BufReader::new(f))
            .with_context(|| format!("{}: unreadable", path.display()))?;
        if v.get("format").and_then(|f| f.as_str()) != Some("cablegraph-shard") {
            bail!("{}: not a cablegraph shard file", path.display());
        }
        let version = v.get("version").and_then(|v| v.as_u64());
        if version != Some(u64::from(SHARD_VERSION)) {
            let was = version.map_or("no".to_string(), |n| n.to_string());
            bail!(
                "{}: shard file of version {was}, this cablegraph reads version {SHARD_VERSION} \
                 only; run that shard again with this cablegraph",
                path.display()
            );
        }
        let s: ShardFile =
            serde_json::from_value(v).with_context(|| format!("{}: unreadable", path.display()))?;
        // the tables must be the ones this shard run wrote
        for t in &s.tables {
            let p = dir.join(&t.name);
            let bytes = std::fs::metadata(&p)
                .with_context(|| format!("{}: cannot read", p.display()))?
                .len();
            if bytes != t.bytes {
                bail!(
                    "{}: {bytes} bytes, but {SHARD_FILE} says {}: the folder changed after \
                     its shard run (a later run into it?); run that shard again",
                    p.display(),
                    t.bytes
                );
            }
        }
        for name in SHARD_TABLES {
            if !s.tables.iter().any(|t| t.name == name) {
                bail!("{}: does not describe {name}", path.display());
            }
        }
        Ok(s)
    }

    /// The first difference between two shards' gazetteers, in words.
    pub fn gazetteer_difference(&self, other: &ShardFile) -> Option<String> {
        // discovered entities differ from share to share by design: only the
        // gazetteer's rows must agree
        let rows = |s: &ShardFile| -> Vec<ShardEntity> {
            s.entities
                .iter()
                .filter(|e| !e.discovered())
                .cloned()
                .collect()
        };
        let (mine, theirs) = (rows(self), rows(other));
        if mine.len() != theirs.len() {
            return Some(format!(
                "{} entities there, {} here",
                theirs.len(),
                mine.len()
            ));
        }
        mine.iter()
            .zip(&theirs)
            .find(|(a, b)| a != b)
            .map(|(a, b)| {
                if a.id != b.id {
                    format!("entity {:?} here where {:?} is there", a.id, b.id)
                } else if a.aliases != b.aliases {
                    let only_here: Vec<&String> = a
                        .aliases
                        .iter()
                        .filter(|x| !b.aliases.contains(x))
                        .collect();
                    let only_there: Vec<&String> = b
                        .aliases
                        .iter()
                        .filter(|x| !a.aliases.contains(x))
                        .collect();
                    format!(
                        "entity {:?} has other aliases (only here: {only_here:?}; only there: \
                         {only_there:?})",
                        a.id
                    )
                } else {
                    format!("entity {:?} has another type or name", a.id)
                }
            })
    }
}
