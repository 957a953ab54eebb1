//! `cablegraph explain`: every match in context with the alias and rule
//! behind it, and the candidates that lost ([`cablegraph::explain`]).

use anyhow::{bail, Result};

use super::{pipeline, stream, Session, Status};
use crate::cli::ExplainArgs;
use cablegraph::explain::{Explainer, Outcome};
use cablegraph::pipeline::{Recording, TypeFilter};

/// Run `explain`.
pub fn run(args: ExplainArgs) -> Result<Status> {
    let session = Session::start(&args.matching.input, Some(&args.matching))?;
    let gaz = &session.gazetteer;
    let only = match &args.entity {
        Some(id) => match gaz.entities().iter().position(|e| &e.id == id) {
            Some(i) => Some(i as u32),
            None => bail!("unknown entity id {id:?} (not in the gazetteer)"),
        },
        None => None,
    };
    let shown = args
        .matching
        .types
        .as_deref()
        .map_or(TypeFilter::All, TypeFilter::parse);
    let (gaz, mut problems, inputs) = session.with_inputs(&args.matching.input);
    // match every type: overlaps with places explain losses; the stages
    // record their decisions, which the explainer words
    let pipeline = pipeline(&gaz, &TypeFilter::All, true)?
        .with_context(!args.matching.no_context)
        .with_recording(Recording {
            decisions: true,
            ..Recording::default()
        });
    let matcher = pipeline.matcher().expect("matching pipeline");
    let explainer = Explainer::new(&gaz, matcher);
    let ents = gaz.entities();
    let (mut matched, mut lost) = (0usize, 0usize);
    let n = stream(&pipeline, &inputs, &mut problems, b"", |out, m| {
        for item in explainer.explain(m) {
            let of = |e: u32| Some(e) == only || (only.is_none());
            if !(of(item.entity) || item.winner.is_some_and(of)) {
                continue;
            }
            let kind = &ents[item.entity as usize].kind;
            let winner_kind = item.winner.map(|w| ents[w as usize].kind.as_str());
            if !(shown.keeps(kind) || winner_kind.is_some_and(|k| shown.keeps(k))) {
                continue;
            }
            match item.outcome {
                Outcome::Matched(_) => matched += 1,
                Outcome::Lost(_) => lost += 1,
            }
            out.write_all(explainer.render(m, &item).as_bytes())?;
        }
        Ok(())
    })?;
    if !args.matching.input.quiet {
        cablegraph::note!(
            "cablegraph: {}, {}, {} lost",
            super::counted(n, "cable", "cables"),
            super::counted(matched as u64, "match", "matches"),
            super::counted(lost as u64, "candidate", "candidates")
        );
    }
    Ok(problems.finish("cables", n))
}
