//! `cablegraph parse`: the structure of each cable, as JSON Lines or as a
//! one-line summary per cable.

use std::io::Write;

use anyhow::Result;

use super::{expand_inputs, init_threads, Problems, Status};
use crate::cli::ParseArgs;
use crate::gazetteer::Gazetteer;
use crate::pipeline::{Pipeline, TypeFilter};

/// Run `parse`.
pub fn run(args: ParseArgs) -> Result<Status> {
    init_threads(&args.input);
    let mut problems = Problems::default();
    let inputs = expand_inputs(&args.input, &mut problems);
    let gaz = Gazetteer::default();
    let pipeline = Pipeline::new(&gaz, &TypeFilter::All, false);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut n = 0u64;
    let mut write_err: Option<std::io::Error> = None;
    pipeline.run(
        &inputs,
        &mut |r| match r {
            Ok(m) => {
                n += 1;
                if write_err.is_some() {
                    return;
                }
                let res = if args.json {
                    serde_json::to_writer(&mut out, &m.cable)
                        .map_err(std::io::Error::from)
                        .and_then(|_| out.write_all(b"\n"))
                } else {
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
                };
                if let Err(e) = res {
                    write_err = Some(e);
                }
            }
            Err(p) => problems.report(&p),
        },
        &mut |_, _| {},
    );
    if let Some(e) = write_err {
        return Err(e.into());
    }
    out.flush()?;
    Ok(problems.finish("cables", n))
}
