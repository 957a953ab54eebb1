//! `cablegraph parse`: the structure of each cable, as JSON Lines or as a
//! one-line summary per cable.

use std::io::Write;

use anyhow::Result;

use super::{pipeline, stream_rendered, Session, Status};
use crate::cli::ParseArgs;
use cablegraph::export::cable_json;
use cablegraph::pipeline::TypeFilter;

/// Run `parse`.
pub fn run(args: ParseArgs) -> Result<Status> {
    let session = Session::start(&args.input, None)?;
    let (gaz, mut problems, inputs) = session.with_inputs(&args.input);
    let pipeline = pipeline(&gaz, &TypeFilter::All, false)?;
    let n = stream_rendered(&pipeline, &inputs, &mut problems, |m, out| {
        if args.json {
            // room for the line at once (not grown by doubling and copying):
            // mostly the paragraphs' text, then a little more for the other
            // fields and the escapes
            let text: usize = m.cable.paragraphs.iter().map(|p| p.text.len() + 64).sum();
            out.reserve(text + text / 16 + 4096);
            cable_json::write_cable(out, &m.cable).map_err(std::io::Error::other)?;
            out.push(b'\n');
            return Ok(());
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
