//! `cablegraph parse`: the structure of each cable, as JSON Lines or as a
//! one-line summary per cable.

use anyhow::Result;

use super::{expand_inputs, init_threads, stream, Problems, Status};
use crate::cli::ParseArgs;
use cablegraph::gazetteer::Gazetteer;
use cablegraph::pipeline::{Pipeline, TypeFilter};

/// Run `parse`.
pub fn run(args: ParseArgs) -> Result<Status> {
    init_threads(&args.input);
    let mut problems = Problems::default();
    let inputs = expand_inputs(&args.input, &mut problems);
    let gaz = Gazetteer::default();
    let pipeline = Pipeline::new(&gaz, &TypeFilter::All, false).map_err(super::automaton_error)?;
    let n = stream(&pipeline, &inputs, &mut problems, b"", |out, m| {
        if args.json {
            serde_json::to_writer(&mut *out, &m.cable)?;
            return out.write_all(b"\n");
        }
        let c = &m.cable;
        let date = c
            .created
            .as_deref()
            .map_or("-", |d| d.get(..10).unwrap_or(d));
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{} ¶\t{}",
            c.id,
            date,
            c.classification.as_deref().unwrap_or("-"),
            c.origin.as_deref().unwrap_or("-"),
            c.paragraphs.len(),
            c.subject.as_deref().unwrap_or("-")
        )
    })?;
    Ok(problems.finish("cables", n))
}
