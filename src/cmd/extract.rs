//! `cablegraph extract`, `mentions` and `graph`: match the gazetteer,
//! aggregate the graph and write it out.

use std::io::{BufWriter, Write};

use anyhow::{bail, Context, Result};

use super::{
    aggregate, graph_filter, matching_pipeline, stream, DateRange, Problems, Session, Status,
};
use crate::cli::{ExtractArgs, GraphArgs, MatchArgs};
use crate::progress;
use cablegraph::export::results::{
    close, csv_file, directed_files, finish_csv, write_graph, CABLES_HEADER, MENTIONS_HEADER,
};
use cablegraph::export::{directed, finish, report, tables, xlsx, Format, StagedFile, Staging};
use cablegraph::graph::Aggregate;
use cablegraph::pipeline::{CableSink, Matched};
use cablegraph::shard::{JobRows, ShardFile, ShardOptions, ShardTable, SHARD_FILE, SHARD_TABLES};

/// One cable's output, made by a worker thread.
#[derive(Default)]
struct Rendered {
    cables: Vec<u8>,
    mentions: Vec<u8>,
    evidence: Vec<u8>,
    n_evidence: u64,
    references: Vec<u8>,
    recipients: Vec<u8>,
    addressee_entities: Vec<Option<std::sync::Arc<str>>>,
    /// Evidence paragraphs with their text (`--format xlsx,evidence`).
    paragraphs: Vec<u8>,
    /// The evidence units of the cable (for the report and the workbook).
    pairs: xlsx::CablePairs,
    /// The cable has discovered entities: rendered by the sink once they
    /// are numbered (in input order, so numbers are deterministic).
    deferred: bool,
    /// The worker that rendered it ([`Graves`]).
    worker: usize,
}

/// Cables written out, each waiting for the worker that made it to free
/// it (at its next cable): freed by the delivering thread, every block of
/// a cable went back to the worker's heap through mimalloc's
/// cross-thread list, and the worker's next allocations waited on
/// collecting them. One list per worker, and one for cables made outside
/// the pool (freed at the end).
struct Graves(Vec<std::sync::Mutex<Vec<(Matched, Rendered)>>>);

/// The slot of the thread that runs this, of `n` (one per worker of
/// rayon's pool and one more): a worker's own, or the last for any other
/// thread. The workers' graph counts ([`Aggregate`]) and [`Graves`] are
/// kept by it.
fn worker_slot(n: usize) -> usize {
    rayon::current_thread_index().map_or(n - 1, |i| i.min(n - 1))
}

impl Graves {
    /// `n` lists ([`worker_slot`]).
    fn new(n: usize) -> Graves {
        Graves((0..n).map(|_| Default::default()).collect())
    }

    /// `m` and `r` are written: for `r.worker` to free.
    fn bury(&self, m: Matched, r: Rendered) {
        let mut list = self.0[r.worker].lock().unwrap_or_else(|e| e.into_inner());
        list.push((m, r));
    }

    /// Free the cables the worker `worker` made that were written since.
    fn free(&self, worker: usize) {
        let dead = {
            let mut list = self.0[worker].lock().unwrap_or_else(|e| e.into_inner());
            std::mem::take(&mut *list)
        };
        drop(dead);
    }
}

/// Where `extract`'s results go, in input order (a [`CableSink`]): the
/// staged tables, the directed graphs, the shard's counts per job and the
/// report's collector all take the same stream of cables. The graph counts
/// are added up by the workers (`render`), except for a cable with
/// discovered entities, which is rendered and counted here once they are
/// numbered (in input order, so numbers are deterministic).
struct Writers<'a> {
    /// Written cables, for their workers to free.
    graves: &'a Graves,
    addressees: &'a directed::AddresseeEntities<'a>,
    unit: cablegraph::graph::Unit,
    want_paragraphs: bool,
    want_pairs: bool,
    /// Only a shard needs its rows per job (for `merge`).
    sharded: bool,
    cables: StagedFile,
    mentions: StagedFile,
    evidence: StagedFile,
    references: StagedFile,
    recipients: StagedFile,
    directed: directed::Directed,
    /// Evidence paragraphs with their text (`--format xlsx,evidence`).
    paragraphs: Option<(std::path::PathBuf, StagedFile)>,
    /// The cables table again, for the workbook.
    cables_xlsx: Option<(std::path::PathBuf, StagedFile)>,
    job_rows: Vec<JobRows>,
    html: Option<report::Collector>,
    /// Discovered entities, numbered after the gazetteer's.
    registry: cablegraph::discover::Registry,
    /// The gazetteer and the workers' row writer, copied at the first
    /// discovered entity (a run that discovers none copies nothing) into
    /// `gaz_ext` and `rows_ext`, which take the discovered entities.
    base: (&'a cablegraph::gazetteer::Gazetteer, &'a tables::RowWriter),
    gaz_ext: Option<cablegraph::gazetteer::Gazetteer>,
    rows_ext: Option<tables::RowWriter>,
    agg_ext: Aggregate,
    /// Cables written.
    done: u64,
    /// Cables outside `--from`/`--to`.
    out_of_range: u64,
    pb: &'a indicatif::ProgressBar,
    problems: &'a mut Problems,
}

impl CableSink<Option<Rendered>> for Writers<'_> {
    type Error = anyhow::Error;

    fn cable(&mut self, mut m: Matched, rendered: Option<Rendered>) -> Result<()> {
        let Some(mut r) = rendered else {
            self.out_of_range += 1;
            return Ok(());
        };
        if r.deferred {
            self.render_discovered(&mut m, &mut r);
        }
        self.done += 1;
        self.cables.write_all(&r.cables)?;
        self.mentions.write_all(&r.mentions)?;
        self.evidence.write_all(&r.evidence)?;
        self.references.write_all(&r.references)?;
        self.recipients.write_all(&r.recipients)?;
        self.directed.add_cable(&m.cable, &r.addressee_entities);
        if let Some((_, w)) = self.paragraphs.as_mut() {
            w.write_all(&r.paragraphs)?;
        }
        if let Some((_, w)) = self.cables_xlsx.as_mut() {
            w.write_all(&r.cables)?;
        }
        // an ordinary run keeps nothing per input row
        let sharded = self.sharded;
        if sharded && self.job_rows.last().is_none_or(|j| j.job != m.job) {
            self.job_rows.push(JobRows {
                job: m.job,
                ..JobRows::default()
            });
        }
        if let Some(rows) = self.job_rows.last_mut().filter(|_| sharded) {
            rows.cables += 1;
            rows.mentions += m.mentions.len() as u64;
            rows.evidence += r.n_evidence;
            rows.references += m.cable.cited.len() as u64;
            rows.recipients += r.addressee_entities.len() as u64;
        }
        if let Some(h) = self.html.as_mut() {
            h.add_cable(&m.cable, &m.mentions, &r.pairs);
        }
        self.graves.bury(m, r);
        Ok(())
    }

    fn problem(&mut self, p: cablegraph::cable::DocProblem) -> Result<()> {
        self.pb.suspend(|| self.problems.report(&p));
        Ok(())
    }

    fn progress(&mut self, bytes: u64, _jobs: u64) {
        self.pb.inc(bytes);
        self.pb.set_message(format!("{} cables", self.done));
    }
}

impl Writers<'_> {
    /// Number a cable's discovered entities and render its rows and
    /// counts (what `render` left for this thread).
    fn render_discovered(&mut self, m: &mut Matched, r: &mut Rendered) {
        let (base, base_rows) = self.base;
        let gaz_ext = self.gaz_ext.get_or_insert_with(|| base.clone());
        let rows_ext = self.rows_ext.get_or_insert_with(|| base_rows.clone());
        for e in self.registry.absorb(&m.discovered, &mut m.mentions) {
            rows_ext.push_entity(&e);
            gaz_ext.push_discovered(e);
        }
        rows_ext.cable(&mut r.cables, &m.cable);
        directed::reference_rows(&mut r.references, &m.cable);
        r.addressee_entities =
            directed::recipient_rows(&mut r.recipients, &m.cable, self.addressees);
        rows_ext.mentions(&mut r.mentions, &m.cable, &m.mentions, &m.ocr);
        let mut id = Vec::new();
        tables::push_field(&mut id, &m.cable.id);
        let mut pairs = xlsx::CablePairs::new();
        let (rows_ext, want_pairs) = (&*rows_ext, self.want_pairs);
        reserve_evidence(&mut r.evidence, m.mentions.len());
        self.agg_ext
            .add_cable(gaz_ext, &m.cable, &m.mentions, self.unit, |ev| {
                r.n_evidence += 1;
                rows_ext.evidence(&mut r.evidence, &id, &ev);
                if want_pairs {
                    xlsx::note_pair(&mut pairs, &ev);
                }
            });
        if self.want_paragraphs {
            xlsx::evidence_rows(&mut r.paragraphs, gaz_ext, &m.cable, &m.mentions, &pairs);
        }
        r.pairs = pairs;
    }
}

/// Free, on the worker that rendered it, what of a cable the delivering
/// thread does not read: it reads the cable's id, subject, date, origin,
/// addressees and references, for the directed graphs; its warnings and
/// source, which the pipeline prints before the cable is handed on; and
/// its mentions when `keep_mentions` (a sharded run counts them). Freed
/// there instead, every block went back to the worker's heap through the
/// allocator's cross-thread list, and the worker's next allocations waited
/// on collecting them (`shed` alone: 2.4–4.8% of the wall time on the
/// 270 MB benchmark dump in three rounds of alternating runs, session 56).
fn shed(m: &mut Matched, keep_mentions: bool) {
    let c = &mut m.cable;
    c.paragraphs = Vec::new();
    c.tags = Vec::new();
    c.person_tags = Vec::new();
    c.subject_tags = Vec::new();
    c.references = Vec::new();
    c.signers = Vec::new();
    c.signer = None;
    c.classified_by = None;
    c.classified_by_title = None;
    c.classification_reasons = None;
    c.provenance = None;
    m.ocr = Vec::new();
    if !keep_mentions {
        m.mentions = Vec::new();
    }
}

/// Make room in `out` for about as many `cooccurrences.csv` rows as a
/// cable has mentions (a row is about 64 bytes: two entity ids, a cable id,
/// two small numbers), at once, for both ways a cable is rendered: its
/// rows were grown by doubling, seven times a cable.
fn reserve_evidence(out: &mut Vec<u8>, mentions: usize) {
    out.reserve(64 * mentions);
}

/// Run `extract`.
///
/// Long by design: one run's orchestration (pipeline, per-thread aggregation, staged writers,
/// shard bookkeeping, report) read top to bottom.
#[allow(clippy::too_many_lines)]
pub fn run(args: ExtractArgs) -> Result<Status> {
    // fail before any output on a bad gazetteer or output directory
    let session = Session::start(&args.matching.input, Some(&args.matching))?;
    let mut staging = Staging::new(&args.output)?;
    let (gaz, mut problems, inputs) = session.with_inputs(&args.matching.input);
    let names = super::result_names(&args.format, args.shard.is_some());
    super::protect_inputs(&mut staging, &inputs, &names)?;
    if args.shard.is_some() && args.format.contains(&Format::Html) {
        bail!("--format html cannot be sharded: the report samples evidence across the whole run");
    }
    // the workbook and evidence.csv carry paragraph text: only when asked
    let want_xlsx = args.format.contains(&Format::Xlsx);
    let want_evidence_csv = args.format.contains(&Format::Evidence);
    let want_paragraphs = want_xlsx || want_evidence_csv;
    if args.shard.is_some() && want_paragraphs {
        bail!("--format xlsx and evidence cannot be sharded (merge does not read paragraph text)");
    }
    let pipeline = matching_pipeline(&gaz, &args.matching)?.with_shard(args.shard);
    let matcher = pipeline.matcher().expect("matching pipeline");
    let opts = &args.graph.spec();
    let filter = graph_filter(opts);
    let range = DateRange::new(opts);
    let bom = args.csv_bom;
    // with edge filters, evidence goes to a scratch file first and only the
    // rows of kept edges are copied into cooccurrences.csv at the end; a
    // shard keeps all of it, for `merge` to filter
    let filtered = (filter.min_weight > 1 || filter.top.is_some()) && args.shard.is_none();
    let job_rows: Vec<JobRows> = Vec::new();
    let html = args
        .format
        .contains(&Format::Html)
        .then(|| report::Collector::new(opts.unit, report::Limits::default()));

    let mut cables = csv_file(&mut staging, "cables.csv", bom)?;
    let mut mentions = csv_file(&mut staging, "mentions.csv", bom)?;
    let mut references = csv_file(&mut staging, "references.csv", bom)?;
    let mut recipients = csv_file(&mut staging, "recipients.csv", bom)?;
    references.write_record(directed::REFERENCES_HEADER)?;
    recipients.write_record(directed::RECIPIENTS_HEADER)?;
    let references = close(references)?;
    let recipients = close(recipients)?;
    let directed_graphs = directed::Directed::default();
    let (scratch_path, mut evidence) = if filtered {
        let (path, f) = staging.scratch("cooccurrences.all.csv")?;
        (Some(path), tables::writer(f))
    } else {
        (None, csv_file(&mut staging, "cooccurrences.csv", bom)?)
    };
    let para_scratch = match want_paragraphs {
        true => Some(staging.scratch("evidence.all.csv")?),
        false => None,
    };
    let cables_scratch = match want_xlsx {
        true => Some(staging.scratch("cables.xlsx.csv")?),
        false => None,
    };
    // headers even when nothing is found
    cables.write_record(CABLES_HEADER)?;
    mentions.write_record(MENTIONS_HEADER)?;
    evidence.write_record(tables::COOCCURRENCES_HEADER)?;

    let mut agg = Aggregate::new();
    let pb = progress::bar(&inputs, args.matching.input.quiet);
    // every cable's rows and graph counts are made by the worker threads;
    // this thread only writes the bytes and adds the counts up
    let cables = close(cables)?;
    let mentions = close(mentions)?;
    let evidence = close(evidence)?;
    let rows = tables::RowWriter::new(&gaz, matcher);
    // discovered entities: numbered after the gazetteer's, in input order
    let registry = cablegraph::discover::Registry::new(&gaz);
    let agg_ext = Aggregate::new();
    // graph counts are added up per worker thread (sums do not depend on
    // which thread saw which cable) and merged once at the end
    let slots: Vec<std::sync::Mutex<Aggregate>> = (0..=rayon::current_num_threads())
        .map(|_| Default::default())
        .collect();
    let keep_text = html.is_some();
    let want_pairs = want_paragraphs || keep_text;
    let addressees = directed::AddresseeEntities::new(&gaz, matcher);
    let sharded = args.shard.is_some();
    let graves = Graves::new(slots.len());
    let render = |m: &mut Matched| -> Option<Rendered> {
        let worker = worker_slot(slots.len());
        graves.free(worker);
        if !range.contains(m.cable.created.as_deref()) {
            // (nothing of it is written)
            shed(m, false);
            return None;
        }
        let mut r = Rendered {
            worker,
            ..Rendered::default()
        };
        if !m.discovered.is_empty() {
            r.deferred = true;
            return Some(r);
        }
        rows.cable(&mut r.cables, &m.cable);
        directed::reference_rows(&mut r.references, &m.cable);
        r.addressee_entities = directed::recipient_rows(&mut r.recipients, &m.cable, &addressees);
        rows.mentions(&mut r.mentions, &m.cable, &m.mentions, &m.ocr);
        let mut id = Vec::new();
        tables::push_field(&mut id, &m.cable.id);
        let mut part = slots[worker].lock().unwrap_or_else(|e| e.into_inner());
        let mut pairs = xlsx::CablePairs::new();
        reserve_evidence(&mut r.evidence, m.mentions.len());
        part.add_cable(&gaz, &m.cable, &m.mentions, opts.unit, |ev| {
            r.n_evidence += 1;
            rows.evidence(&mut r.evidence, &id, &ev);
            if want_pairs {
                xlsx::note_pair(&mut pairs, &ev);
            }
        });
        drop(part);
        if want_paragraphs {
            xlsx::evidence_rows(&mut r.paragraphs, &gaz, &m.cable, &m.mentions, &pairs);
        }
        r.pairs = pairs;
        if !keep_text {
            // (the report reads the whole cable)
            shed(m, sharded);
        }
        Some(r)
    };
    let mut sink = Writers {
        graves: &graves,
        addressees: &addressees,
        unit: opts.unit,
        want_paragraphs,
        want_pairs,
        sharded: args.shard.is_some(),
        cables,
        mentions,
        evidence,
        references,
        recipients,
        directed: directed_graphs,
        paragraphs: para_scratch,
        cables_xlsx: cables_scratch,
        job_rows,
        html,
        registry,
        base: (&gaz, &rows),
        gaz_ext: None,
        rows_ext: None,
        agg_ext,
        done: 0,
        out_of_range: 0,
        pb: &pb,
        problems: &mut problems,
    };
    let written = pipeline.run_into(&inputs, &render, &mut sink);
    let Writers {
        cables,
        mentions,
        evidence,
        references,
        recipients,
        directed: directed_graphs,
        paragraphs: para_scratch,
        cables_xlsx: cables_scratch,
        job_rows,
        html,
        gaz_ext,
        agg_ext,
        done,
        out_of_range,
        ..
    } = sink;
    pb.finish_and_clear();
    // the matcher, the resolve stage's tables and the acronym linker are
    // done with: their memory (most of a large gazetteer's) goes before
    // the graph files are made
    drop(rows);
    drop(addressees);
    drop(pipeline);
    crate::release_freed_memory();
    let gaz = gaz_ext.unwrap_or(gaz);
    written.context("writing results")?;
    if args.shard.is_none() {
        // a shard may own no job; any other run that read nothing keeps
        // the earlier results
        super::nothing_read(done + out_of_range, &inputs, &problems, Some(&args.output))?;
    }
    // the five tables go to disk (flush and sync) on a thread of their own
    // while the counts are added up and the graphs made and written: with
    // the harness's large gazetteer the tables are 1.4 GB, whose sync this
    // thread used to wait for before it could start on the graphs
    let mut tables = vec![cables, mentions, references, recipients];
    if scratch_path.is_some() {
        // `write_graph` reads the evidence back from its scratch file
        finish(evidence)?;
    } else {
        tables.push(evidence);
    }
    // the directed graphs are written on a thread of their own too, while
    // this one adds the counts up and writes the co-occurrence graph
    let directed_out = directed_files(&mut staging, bom)?;
    let (n_nodes, n_edges, dot_hint) = std::thread::scope(|s| -> Result<_> {
        let synced = s.spawn(move || tables.into_iter().try_for_each(finish));
        let directed = s.spawn(move || directed_out.write(&directed_graphs));
        for slot in slots {
            agg.merge(slot.into_inner().unwrap_or_else(|e| e.into_inner()));
        }
        agg.merge(agg_ext);
        let graph = write_graph(
            &mut staging,
            &gaz,
            &agg,
            opts.unit,
            &opts.measure,
            &filter,
            &args.format,
            bom,
            scratch_path,
        )?;
        synced
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        directed
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        Ok(graph)
    })?;
    if let Some(shard) = args.shard {
        let options = ShardOptions {
            graph: opts.clone(),
            formats: args.format.clone(),
            csv_bom: bom,
            types: args.matching.types.clone(),
        };
        let tables = SHARD_TABLES
            .iter()
            .map(|n| {
                Ok(ShardTable {
                    name: n.to_string(),
                    bytes: staging.staged_len(n)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let file = ShardFile::new(shard, options, &gaz, &agg, job_rows, out_of_range, tables);
        staging.write(SHARD_FILE, &serde_json::to_vec(&file)?)?;
    }
    let mut html_note = String::new();
    if let Some((para_path, w)) = para_scratch {
        finish(w)?;
        let net = agg.network(&gaz, opts.unit, &filter);
        let keep = xlsx::keep_set(&net);
        if want_evidence_csv {
            let mut out = csv_file(&mut staging, "evidence.csv", bom)?;
            xlsx::write_evidence_csv(&mut out, &para_path, &keep)?;
            finish_csv(out)?;
        }
        if let Some((cables_path, w)) = cables_scratch {
            finish(w)?;
            let (book, stats) =
                xlsx::workbook(&cables_path, &net, &opts.measure, &para_path, &keep)?;
            staging.write(xlsx::FILE_NAME, &book)?;
            let _ = std::fs::remove_file(&cables_path);
            html_note.push_str(&format!(
                ", {} ({})",
                xlsx::FILE_NAME,
                super::counted(stats.evidence, "evidence paragraph", "evidence paragraphs")
            ));
            if stats.left_out > 0 {
                html_note.push_str(&format!(
                    "; {} rows over Excel's limit left out of it",
                    stats.left_out
                ));
            }
        }
        let _ = std::fs::remove_file(&para_path);
    }
    if let Some(h) = &html {
        let graph = agg.graph_with(&gaz, &filter);
        let title = args.title.clone().unwrap_or_else(|| h.default_title());
        let (page, _) = h.render(&gaz, &agg, &graph, &title);
        staging.write("report.html", page.as_bytes())?;
        html_note = format!(", report.html {}", report::human_size(page.len() as u64));
    }

    staging.commit().context("committing results")?;
    if !args.matching.input.quiet {
        if out_of_range > 0 {
            cablegraph::note!(
                "cablegraph: {out_of_range} cables outside --from/--to (or undated) left out"
            );
        }
        cablegraph::note!(
            "cablegraph: {}, {}, {}, {}, {} -> {}{}",
            super::counted(agg.cables, "cable", "cables"),
            super::counted(agg.paragraphs, "paragraph", "paragraphs"),
            super::counted(agg.mentions, "mention", "mentions"),
            super::counted(n_nodes as u64, "entity", "entities"),
            super::counted(n_edges as u64, "link", "links"),
            args.output.display(),
            html_note
        );
        if let Some(h) = dot_hint {
            cablegraph::note!("{h}");
        }
    }
    Ok(problems.finish("cables", agg.cables))
}

/// Run `mentions`: `mentions.csv` to standard output.
pub fn mentions(args: MatchArgs) -> Result<Status> {
    let session = Session::start(&args.input, Some(&args))?;
    let (gaz, mut problems, inputs) = session.with_inputs(&args.input);
    let pipeline = matching_pipeline(&gaz, &args)?;
    let matcher = pipeline.matcher().expect("matching pipeline");
    let mut rows = tables::RowWriter::new(&gaz, matcher);
    let mut registry = cablegraph::discover::Registry::new(&gaz);
    let mut header = tables::writer(Vec::new());
    header.write_record(MENTIONS_HEADER)?;
    let header = header.into_inner().map_err(|e| e.into_error())?;
    let mut buf = Vec::new();
    let mut renumbered = Vec::new();
    let n = stream(&pipeline, &inputs, &mut problems, &header, |out, m| {
        buf.clear();
        let mut ms = &m.mentions;
        if !m.discovered.is_empty() {
            renumbered.clone_from(&m.mentions);
            for e in registry.absorb(&m.discovered, &mut renumbered) {
                rows.push_entity(&e);
            }
            ms = &renumbered;
        }
        rows.mentions(&mut buf, &m.cable, ms, &m.ocr);
        out.write_all(&buf)
    })?;
    Ok(problems.finish("cables", n))
}

/// Run `graph`: one graph format to standard output.
pub fn graph(args: GraphArgs) -> Result<Status> {
    let spec = args.graph.spec();
    let g = aggregate(&args.matching, &spec)?;
    let net = g
        .aggregate
        .network(&g.gazetteer, spec.unit, &graph_filter(&spec));
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    args.format.write(&mut out, &net, &spec.measure)?;
    out.flush()?;
    if args.format == Format::Dot && !args.matching.input.quiet {
        if let Some(h) = cablegraph::export::dot::hint(&net) {
            cablegraph::note!("{h}");
        }
    }
    Ok(g.problems.finish("cables", g.aggregate.cables))
}

#[cfg(test)]
mod tests {
    use super::{shed, worker_slot, Graves, Rendered};
    use cablegraph::cable::meta::KnownMeta;
    use cablegraph::cable::text::parse_text;
    use cablegraph::export::directed::Directed;
    use cablegraph::pipeline::Matched;

    /// The directed graphs' files of these cables, as bytes.
    fn directed_files(cables: &[&cablegraph::cable::Cable]) -> Vec<u8> {
        let mut d = Directed::default();
        for c in cables {
            d.add_cable(c, &[]);
        }
        let mut out = Vec::new();
        d.write_citations_gexf(&mut out).unwrap();
        d.write_routing_gexf(&mut out).unwrap();
        let mut w = csv::Writer::from_writer(Vec::new());
        d.write_routing_nodes(&mut w).unwrap();
        out.extend(w.into_inner().unwrap());
        let mut w = csv::Writer::from_writer(Vec::new());
        d.write_routing_edges(&mut w).unwrap();
        out.extend(w.into_inner().unwrap());
        out
    }

    /// A written cable waits for the worker that rendered it, and only that
    /// worker's next cable frees it.
    #[test]
    fn a_written_cable_is_freed_by_its_worker() {
        let graves = Graves::new(3);
        let cable = cablegraph::cable::Cable::default();
        let m = |job| Matched {
            job,
            cable: cable.clone(),
            mentions: Vec::new(),
            discovered: Vec::new(),
            ocr: Vec::new(),
            record: None,
        };
        let r = |worker| Rendered {
            worker,
            ..Rendered::default()
        };
        graves.bury(m(0), r(1));
        graves.bury(m(1), r(0));
        graves.bury(m(2), r(1));
        let jobs = |w: usize| -> Vec<u64> {
            let list = graves.0[w].lock().unwrap();
            list.iter().map(|(m, _)| m.job).collect()
        };
        assert_eq!((jobs(0), jobs(1)), (vec![1], vec![0, 2]));
        graves.free(0);
        assert_eq!((jobs(0), jobs(1)), (vec![], vec![0, 2]));
        graves.free(1);
        assert!(jobs(1).is_empty());
        // off the pool (no worker of rayon's): the last list
        assert_eq!(worker_slot(3), 2);
    }

    /// `shed` frees what the delivering thread does not read, and keeps
    /// what it does: the directed graphs of a shed cable are those of the
    /// whole one.
    #[test]
    fn a_shed_cable_makes_the_same_directed_graphs() {
        let text = "\
C O N F I D E N T I A L KAMPALA 000007

SIPDIS

R 061204Z JAN 09
FM AMEMBASSY KAMPALA
TO SECSTATE WASHDC 0003
INFO AMEMBASSY NAIROBI
AMEMBASSY KIGALI

E.O. 12958: DECL: 01/05/2019
TAGS: PREL PGOV UG
SUBJECT: UGANDA: GOVERNMENT ASKS FOR HELP

REF: A. 08 KAMPALA 1512 B. 08 STATE 1234

Classified By: Ambassador Jerry Lanier for reasons 1.4 (b) and (d).

1. (C) The Government of Uganda asked for help with the police.

LANIER
";
        let meta = KnownMeta {
            created: Some("2009-01-06 12:04".into()),
            ..KnownMeta::default()
        };
        let mut cable = parse_text(text, "t.txt", &meta).unwrap();
        cable.warnings.push("2 NUL bytes ignored".into());
        assert!(!cable.recipients.is_empty() && !cable.info.is_empty());
        assert!(!cable.cited.is_empty() && !cable.tags.is_empty());
        let mut m = Matched {
            job: 0,
            cable: cable.clone(),
            mentions: Vec::new(),
            discovered: Vec::new(),
            ocr: Vec::new(),
            record: None,
        };
        shed(&mut m, false);
        assert!(m.cable.tags.is_empty() && m.cable.classified_by.is_none());
        assert_eq!(directed_files(&[&m.cable]), directed_files(&[&cable]));
        // the pipeline prints a cable's warnings, with its source, after
        // `render` and before the sink takes it
        assert_eq!(
            (&m.cable.warnings, &m.cable.source),
            (&cable.warnings, &cable.source)
        );
    }
}
