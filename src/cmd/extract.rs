//! `cablegraph extract`, `mentions` and `graph`: match the gazetteer,
//! aggregate the graph and write it out.

use std::io::Write;

use anyhow::{Context, Result};

use super::{expand_inputs, init_threads, load_gazetteer, type_filter, Problems, Status};
use crate::cli::{ExtractArgs, FormatArg, GraphArgs, MatchArgs, UnitArg};
use crate::export::{dot, finish, report, tables, Staging};
use crate::graph::{Aggregate, Unit};
use crate::pipeline::Pipeline;
use crate::progress;

pub(crate) fn unit(u: UnitArg) -> Unit {
    match u {
        UnitArg::Paragraph => Unit::Paragraph,
        UnitArg::Cable => Unit::Cable,
    }
}

/// Run `extract`.
pub fn run(args: ExtractArgs) -> Result<Status> {
    init_threads(&args.matching.input);
    // fail before any output on a bad gazetteer or output directory
    let gaz = load_gazetteer(&args.matching)?;
    let mut staging = Staging::new(&args.output)?;
    let mut problems = Problems::default();
    let inputs = expand_inputs(&args.matching.input, &mut problems);
    let pipeline = Pipeline::new(&gaz, &type_filter(&args.matching), true);
    let matcher = pipeline.matcher().expect("matching pipeline");
    let unit = unit(args.unit);
    let mut html = args
        .format
        .contains(&FormatArg::Html)
        .then(|| report::Collector::new(unit, report::Limits::default()));

    let mut cables = tables::writer(staging.create("cables.csv")?);
    let mut mentions = tables::writer(staging.create("mentions.csv")?);
    let mut evidence = tables::writer(staging.create("cooccurrences.csv")?);
    // headers even when nothing is found
    cables.write_record([
        "id",
        "created",
        "released",
        "classification",
        "origin",
        "subject",
        "tags",
        "paragraphs",
        "source",
    ])?;
    mentions.write_record([
        "cable",
        "paragraph",
        "entity",
        "label",
        "type",
        "surface",
        "start",
        "end",
        "alias",
    ])?;
    evidence.write_record(["source", "target", "cable", "paragraph"])?;

    let mut agg = Aggregate::new();
    let mut failure: Option<anyhow::Error> = None;
    let pb = progress::bar(&inputs, args.matching.input.quiet);
    let mut done_jobs = 0u64;
    pipeline.run(
        &inputs,
        &mut |r| match r {
            Ok(m) => {
                if failure.is_some() {
                    return;
                }
                let res = (|| -> Result<()> {
                    cables.serialize(tables::CableRow::new(&m.cable))?;
                    tables::write_mentions(&mut mentions, &gaz, matcher, &m.cable, &m.mentions)?;
                    let mut ev_err = None;
                    agg.add_cable(&gaz, &m.cable, &m.mentions, unit, |ev| {
                        if ev_err.is_none() {
                            if let Err(e) = tables::write_evidence(&mut evidence, &gaz, &ev) {
                                ev_err = Some(e);
                            }
                        }
                    });
                    if let Some(e) = ev_err {
                        return Err(e.into());
                    }
                    if let Some(h) = html.as_mut() {
                        h.add_cable(&m.cable, &m.mentions);
                    }
                    Ok(())
                })();
                if let Err(e) = res {
                    failure = Some(e);
                }
            }
            Err(p) => pb.suspend(|| problems.report(&p)),
        },
        &mut |bytes, jobs| {
            pb.inc(bytes);
            done_jobs += jobs;
            pb.set_message(format!("{done_jobs} documents"));
        },
    );
    pb.finish_and_clear();
    if let Some(e) = failure {
        return Err(e.context("writing results"));
    }
    for w in [cables, mentions, evidence] {
        finish(w.into_inner().map_err(|e| e.into_error())?)?;
    }

    let graph = agg.graph(&gaz);
    let mut nodes = tables::writer(staging.create("nodes.csv")?);
    nodes.write_record(["Id", "Label", "Type", "Mentions", "Paragraphs", "Cables"])?;
    tables::write_nodes(&mut nodes, &gaz, &agg, &graph)?;
    finish(nodes.into_inner().map_err(|e| e.into_error())?)?;
    let mut edges = tables::writer(staging.create("edges.csv")?);
    edges.write_record(["Source", "Target", "Type", "Weight", "Cables"])?;
    tables::write_edges(&mut edges, &gaz, &graph)?;
    finish(edges.into_inner().map_err(|e| e.into_error())?)?;
    staging.write("graph.dot", dot::render(&gaz, &agg, &graph).as_bytes())?;
    let _ = &args.format; // csv and dot are always written
    let mut html_note = String::new();
    if let Some(h) = &html {
        let title = report::title(&args.matching.input.inputs);
        let (page, _) = h.render(&gaz, &agg, &graph, &title);
        staging.write("report.html", page.as_bytes())?;
        html_note = format!(", report.html {}", report::human_size(page.len() as u64));
    }

    staging.commit().context("committing results")?;
    if !args.matching.input.quiet {
        eprintln!(
            "cablegraph: {} cables, {} paragraphs, {} mentions, {} entities, {} links -> {}{}",
            agg.cables,
            agg.paragraphs,
            agg.mentions,
            graph.node_count(),
            graph.edge_count(),
            args.output.display(),
            html_note
        );
    }
    Ok(problems.finish("cables", agg.cables))
}

/// Run `mentions`: `mentions.csv` to standard output.
pub fn mentions(args: MatchArgs) -> Result<Status> {
    init_threads(&args.input);
    let gaz = load_gazetteer(&args)?;
    let mut problems = Problems::default();
    let inputs = expand_inputs(&args.input, &mut problems);
    let pipeline = Pipeline::new(&gaz, &type_filter(&args), true);
    let matcher = pipeline.matcher().expect("matching pipeline");
    let stdout = std::io::stdout();
    let mut w = tables::writer(stdout.lock());
    w.write_record([
        "cable",
        "paragraph",
        "entity",
        "label",
        "type",
        "surface",
        "start",
        "end",
        "alias",
    ])?;
    let mut failure = None;
    let mut n = 0;
    pipeline.run(
        &inputs,
        &mut |r| match r {
            Ok(m) => {
                n += 1;
                if failure.is_none() {
                    if let Err(e) =
                        tables::write_mentions(&mut w, &gaz, matcher, &m.cable, &m.mentions)
                    {
                        failure = Some(e);
                    }
                }
            }
            Err(p) => problems.report(&p),
        },
        &mut |_, _| {},
    );
    if let Some(e) = failure {
        return Err(e.into());
    }
    w.flush()?;
    Ok(problems.finish("cables", n))
}

/// Run `graph`: one graph format to standard output.
pub fn graph(args: GraphArgs) -> Result<Status> {
    if args.format == FormatArg::Html {
        anyhow::bail!("html is a page, not a graph: use `cablegraph report`");
    }
    init_threads(&args.matching.input);
    let gaz = load_gazetteer(&args.matching)?;
    let mut problems = Problems::default();
    let inputs = expand_inputs(&args.matching.input, &mut problems);
    let pipeline = Pipeline::new(&gaz, &type_filter(&args.matching), true);
    let unit = unit(args.unit);
    let mut agg = Aggregate::new();
    pipeline.run(
        &inputs,
        &mut |r| match r {
            Ok(m) => agg.add_cable(&gaz, &m.cable, &m.mentions, unit, |_| {}),
            Err(p) => problems.report(&p),
        },
        &mut |_, _| {},
    );
    let graph = agg.graph(&gaz);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        FormatArg::Dot => out.write_all(dot::render(&gaz, &agg, &graph).as_bytes())?,
        FormatArg::Html => unreachable!("refused above"),
        FormatArg::Csv => {
            let mut w = tables::writer(&mut out);
            w.write_record(["Source", "Target", "Type", "Weight", "Cables"])?;
            tables::write_edges(&mut w, &gaz, &graph)?;
            w.flush()?;
        }
    }
    out.flush()?;
    Ok(problems.finish("cables", agg.cables))
}
