//! `cablegraph merge`: combine the result folders of `extract --shard I/N`
//! runs into exactly the folder one run over the whole input would have
//! written, byte for byte.
//!
//! How: a shard processes input jobs `k` with `k mod N = I - 1` (a job is
//! a document, or one row of a CSV dump), writes its rows of `cables.csv`,
//! `mentions.csv` and (unfiltered) `cooccurrences.csv` in job order, and
//! saves in `shard.json` its options, the gazetteer's entity table, its
//! graph counts and how many rows of each table every job produced. Merge
//! checks that the shards belong together (same options, same entities,
//! shares 1..N each once), adds up the counts — every count is a sum over
//! cables, and a cable lives in one shard — and copies the rows back in
//! global job order. Node measures, filters and every graph format are
//! then computed from the merged counts by the same code as `extract`.
//!
//! `report.html` is not sharded (it samples evidence across the whole run).

use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};

use super::{graph_filter, Status};
use crate::cli::MergeArgs;
use cablegraph::export::results::{
    csv_file, finish_csv, write_directed, write_graph, CABLES_HEADER, MENTIONS_HEADER,
};
use cablegraph::export::{directed, tables, Staging};
use cablegraph::gazetteer::{Entity, Gazetteer};
use cablegraph::graph::Aggregate;
use cablegraph::shard::{JobRows, ShardEntity, ShardFile, SHARD_FILE, SHARD_TABLES};

/// Run `merge`.
///
/// Long by design: the merge read top to bottom: check the shards, combine their tables, write
/// the folder once.
#[allow(clippy::too_many_lines)]
pub fn run(args: MergeArgs) -> Result<Status> {
    let mut shards: Vec<(PathBuf, ShardFile)> = Vec::new();
    for d in &args.dirs {
        shards.push((d.clone(), ShardFile::read(d)?));
    }
    let (_, first) = &shards[0];
    let count = first.shard.count;
    let mut seen = BTreeSet::new();
    for (d, s) in &shards {
        if s.shard.count != count {
            bail!(
                "{}: shard {} does not belong with shards of {count}",
                d.display(),
                s.shard
            );
        }
        if s.options != first.options {
            bail!(
                "{}: shard ran with other options than {}",
                d.display(),
                shards[0].0.display()
            );
        }
        if s.cablegraph != first.cablegraph {
            bail!(
                "{}: shard written by cablegraph {}, {} by cablegraph {}; run every shard with \
                 one version",
                d.display(),
                s.cablegraph,
                shards[0].0.display(),
                first.cablegraph
            );
        }
        if let Some(diff) = s.gazetteer_difference(first) {
            bail!(
                "{}: shard matched another gazetteer than {}: {diff}",
                d.display(),
                shards[0].0.display()
            );
        }
        if !seen.insert(s.shard.index) {
            bail!("{}: shard {} given twice", d.display(), s.shard);
        }
    }
    // (no list of every missing share: N may be huge)
    let n_missing = count - seen.len() as u64;
    if n_missing > 0 {
        let first_missing: Vec<String> = (1..=count)
            .filter(|i| !seen.contains(i))
            .take(5)
            .map(|i| format!("{i}/{count}"))
            .collect();
        if n_missing == 1 {
            bail!("missing shard {}", first_missing[0]);
        }
        bail!(
            "missing {n_missing} shards: {}{}",
            first_missing.join(", "),
            if n_missing > 5 { ", …" } else { "" }
        );
    }

    // the gazetteer's entities, then every share's discovered ones (one
    // per id, sorted by id), each share's counts renumbered to that table
    let mut table: Vec<&ShardEntity> = first.entities.iter().filter(|e| !e.discovered()).collect();
    let mut found: Vec<&ShardEntity> = shards
        .iter()
        .flat_map(|(_, s)| s.entities.iter().filter(|e| e.discovered()))
        .collect();
    found.sort_by(|a, b| a.id.cmp(&b.id));
    found.dedup_by(|a, b| a.id == b.id);
    table.extend(found);
    let number: std::collections::HashMap<&str, u32> = table
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i as u32))
        .collect();
    let gaz = Gazetteer::from_entities(
        table
            .iter()
            .map(|e| Entity {
                id: e.id.clone(),
                kind: e.kind.clone(),
                name: e.name.clone(),
                aliases: e.aliases.clone(),
                notes: String::new(),
                origin: if e.discovered() {
                    cablegraph::discover::DISCOVERED_ORIGIN.to_string()
                } else {
                    String::new()
                },
            })
            .collect(),
    );
    let opts = first.options.clone();
    let mut agg = Aggregate::new();
    for (d, s) in &shards {
        let to = |i: u32| -> Result<u32> {
            s.entities
                .get(i as usize)
                .and_then(|e| number.get(e.id.as_str()).copied())
                .with_context(|| {
                    format!(
                        "{}: counts for entity {i}, which the shard does not list",
                        d.display()
                    )
                })
        };
        let mut state = s.aggregate.clone();
        for n in &mut state.nodes {
            n.0 = to(n.0)?;
        }
        for e in &mut state.edges {
            (e.0, e.1) = (to(e.0)?, to(e.1)?);
        }
        agg.merge(Aggregate::from_state(state));
    }
    // every job's rows, in global job order: (job, shard position, rows)
    let mut order: Vec<(u64, usize, JobRows)> = shards
        .iter()
        .enumerate()
        .flat_map(|(i, (_, s))| s.jobs.iter().map(move |j| (j.job, i, *j)))
        .collect();
    order.sort_by_key(|(job, i, _)| (*job, *i));

    let mut staging = Staging::new(&args.output)?;
    let shard_files: Vec<PathBuf> = shards
        .iter()
        .flat_map(|(d, _)| {
            SHARD_TABLES
                .iter()
                .chain(&[SHARD_FILE])
                .map(move |n| d.join(n))
        })
        .collect();
    staging.protect(
        shard_files.iter().map(PathBuf::as_path),
        &super::result_names(&opts.formats, false)
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    )?;
    let filter = graph_filter(&opts.graph);
    let bom = opts.csv_bom;
    let filtered = filter.min_weight > 1 || filter.top.is_some();
    let mut evidence_scratch = None;
    let mut directed_graphs = directed::Directed::default();
    let mut origins: std::collections::HashMap<String, String> = Default::default();
    for (name, header, rows_of) in [
        (
            "cables.csv",
            &CABLES_HEADER[..],
            (|j: &JobRows| j.cables) as fn(&JobRows) -> u64,
        ),
        ("mentions.csv", &MENTIONS_HEADER[..], |j: &JobRows| {
            j.mentions
        }),
        (
            "cooccurrences.csv",
            &tables::COOCCURRENCES_HEADER[..],
            |j: &JobRows| j.evidence,
        ),
        (
            "references.csv",
            &directed::REFERENCES_HEADER[..],
            |j: &JobRows| j.references,
        ),
        (
            "recipients.csv",
            &directed::RECIPIENTS_HEADER[..],
            |j: &JobRows| j.recipients,
        ),
    ] {
        let mut readers = shards
            .iter()
            .map(|(d, _)| {
                let p = d.join(name);
                csv::ReaderBuilder::new()
                    .has_headers(true)
                    .from_path(&p)
                    .with_context(|| format!("{}: cannot read", p.display()))
            })
            .collect::<Result<Vec<_>>>()?;
        let scratch = name == "cooccurrences.csv" && filtered;
        let (scratch_path, mut w) = if scratch {
            let (path, f) = staging.scratch("cooccurrences.all.csv")?;
            (Some(path), tables::writer(f))
        } else {
            (None, csv_file(&mut staging, name, bom)?)
        };
        w.write_record(header)?;
        let mut rec = csv::ByteRecord::new();
        for (_, i, rows) in &order {
            for _ in 0..rows_of(rows) {
                if !readers[*i].read_byte_record(&mut rec)? {
                    bail!(
                        "{}: fewer rows than {SHARD_FILE} says",
                        shards[*i].0.join(name).display()
                    );
                }
                w.write_byte_record(&rec)?;
                // the directed graphs are rebuilt from the merged rows
                let field =
                    |k: usize| String::from_utf8_lossy(rec.get(k).unwrap_or(b"")).into_owned();
                match name {
                    "cables.csv" => {
                        directed_graphs.add_node(&field(0), &field(5), &field(1));
                        origins.insert(field(0), field(4));
                    }
                    "references.csv" => directed_graphs.add_citation(&field(0), &field(2)),
                    "recipients.csv" => {
                        let cable = field(0);
                        let origin = origins.get(&cable).cloned().unwrap_or_default();
                        let entity = field(3);
                        directed_graphs.add_route(
                            &cable,
                            &origin,
                            field(1) == "to",
                            &field(2),
                            Some(&entity),
                        );
                    }
                    _ => {}
                }
            }
        }
        for (r, (d, _)) in readers.iter_mut().zip(&shards) {
            if r.read_byte_record(&mut rec)? {
                bail!(
                    "{}: more rows than {SHARD_FILE} says",
                    d.join(name).display()
                );
            }
        }
        finish_csv(w)?;
        if scratch_path.is_some() {
            evidence_scratch = scratch_path;
        }
    }
    write_directed(&mut staging, &directed_graphs, bom)?;
    let (nodes, edges, _) = write_graph(
        &mut staging,
        &gaz,
        &agg,
        opts.graph.unit,
        &opts.graph.measure,
        &filter,
        &opts.formats,
        bom,
        evidence_scratch,
    )?;
    staging.commit().context("committing results")?;
    if !args.quiet {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(
            err,
            "cablegraph: merged {} shards: {} cables, {} paragraphs, {} mentions, {} entities, {} links -> {}",
            args.dirs.len(),
            agg.cables,
            agg.paragraphs,
            agg.mentions,
            nodes,
            edges,
            args.output.display()
        );
    }
    Ok(Status::Ok)
}
