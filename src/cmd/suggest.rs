//! `cablegraph suggest`: candidate gazetteer rows the cables support but
//! the gazetteer lacks ([`crate::suggest`]), as CSV on standard output.

use std::io::Write;

use anyhow::Result;

use super::{expand_inputs, init_threads, load_gazetteer, Problems, Status};
use crate::cli::MatchArgs;
use crate::pipeline::{Pipeline, TypeFilter};
use crate::suggest::Suggester;

/// Run `suggest`.
pub fn run(args: MatchArgs) -> Result<Status> {
    init_threads(&args.input);
    let gaz = load_gazetteer(&args)?;
    let mut problems = Problems::default();
    let inputs = expand_inputs(&args.input, &mut problems);
    // every type: a place the gazetteer knows is not a new name
    let pipeline = Pipeline::new(&gaz, &TypeFilter::All, true);
    let mut sugg = Suggester::new(&gaz);
    let mut n = 0u64;
    pipeline.run(
        &inputs,
        &mut |r| match r {
            Ok(m) => {
                n += 1;
                sugg.add(&m);
            }
            Err(p) => problems.report(&p),
        },
        &mut |_, _| {},
    );
    let stdout = std::io::stdout();
    let mut w = csv::Writer::from_writer(std::io::BufWriter::new(stdout.lock()));
    w.write_record(["id", "type", "name", "aliases", "notes", "count", "example"])?;
    for s in sugg.finish() {
        w.write_record([
            s.id.as_str(),
            &s.kind,
            &s.name,
            &s.aliases.join("|"),
            &s.notes,
            &s.count.to_string(),
            &s.example,
        ])?;
    }
    w.into_inner().map_err(|e| e.into_error())?.flush()?;
    Ok(problems.finish("cables", n))
}
