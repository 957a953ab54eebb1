//! `cablegraph suggest`: candidate gazetteer rows the cables support but
//! the gazetteer lacks ([`cablegraph::suggest`]), as CSV on standard output or
//! appended to a gazetteer file.
//!
//! Two formats:
//!
//! - `csv` (default): the gazetteer's columns plus `count` and `example`,
//!   every row, including "new alias for an existing entity" rows (which
//!   repeat that entity's id and so cannot be appended as they are).
//! - `gazetteer`: exactly the gazetteer's columns, so the output appends to
//!   the gazetteer it was run against and still passes `gazetteer check`:
//!   only new-entity rows (no id or alias already taken), `count` and
//!   `example` moved into `notes`, ranked by the mentions each row would
//!   add. The new-alias rows go to standard error as hints. `--no-header`
//!   drops the header row for `>>`; `--append FILE` appends to FILE itself
//!   (header only when FILE is new or empty, FILE's own columns when it has
//!   extra ones, and FILE's rows count as part of the gazetteer).

use std::io::Write;

use anyhow::{Context, Result};

use super::{pipeline, Session, Status};
use crate::cli::{SuggestArgs, SuggestFormat};
use cablegraph::gazetteer::Gazetteer;
use cablegraph::pipeline::{Recording, TypeFilter};
use cablegraph::suggest::{Suggester, Suggestion};

/// The columns of a gazetteer file.
pub const GAZETTEER_COLUMNS: [&str; 5] = ["id", "type", "name", "aliases", "notes"];

/// Run `suggest`.
pub fn run(args: SuggestArgs) -> Result<Status> {
    let m = &args.matching;
    let mut session = Session::start(&m.input, Some(m))?;
    let gaz = &mut session.gazetteer;
    let mut columns: Vec<String> = GAZETTEER_COLUMNS.iter().map(|c| c.to_string()).collect();
    let mut target_empty = true;
    if let Some(file) = &args.append {
        let existing = std::fs::read(file).unwrap_or_default();
        target_empty = existing.iter().all(u8::is_ascii_whitespace);
        if !target_empty {
            columns = header_of(&existing);
            // the target's rows are part of the gazetteer, unless -g has it
            let listed = m.gazetteers.iter().any(|g| same_file(g, file));
            if !listed {
                let own = Gazetteer::load(std::slice::from_ref(file))?;
                *gaz = std::mem::take(gaz).append(own);
            }
        }
    }
    let (gaz, mut problems, inputs) = session.with_inputs(&m.input);
    // every type: a place the gazetteer knows is not a new name
    // the definitions the pipeline finds, kept for the suggester
    let pipeline = pipeline(&gaz, &TypeFilter::All, true)?.with_recording(Recording {
        definitions: true,
        ..Recording::default()
    });
    let mut sugg = Suggester::new(&gaz);
    let mut n = 0u64;
    pipeline.run(
        &inputs,
        &mut |r| match r {
            Ok(m) => {
                n += 1;
                let defs = m.record.as_deref().map_or(&[][..], |r| &r.definitions);
                sugg.add(&m.cable, &m.mentions, defs);
            }
            Err(p) => problems.report(&p),
        },
        &mut |_, _| {},
    );
    let rows = sugg.finish();
    let gazetteer_format = args.format == SuggestFormat::Gazetteer || args.append.is_some();
    let mut out = Vec::new();
    if gazetteer_format {
        let header = !args.no_header && target_empty;
        write_gazetteer_rows(&mut out, &rows, &columns, header)?;
        for r in rows.iter().filter(|r| !r.is_new()) {
            eprintln!(
                "suggest: {} (seen {}, first {})",
                r.notes, r.count, r.example
            );
        }
    } else {
        write_csv_rows(&mut out, &rows, !args.no_header)?;
    }
    match &args.append {
        Some(file) => append(file, &out)?,
        None => {
            let stdout = std::io::stdout();
            let mut w = stdout.lock();
            w.write_all(&out)?;
            w.flush()?;
        }
    }
    Ok(problems.finish("cables", n))
}

/// The column names of a gazetteer file's first line (the standard ones
/// when it has none).
fn header_of(bytes: &[u8]) -> Vec<String> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes));
    match r.records().next() {
        Some(Ok(h)) => h.iter().map(|c| c.trim().to_string()).collect(),
        _ => GAZETTEER_COLUMNS.iter().map(|c| c.to_string()).collect(),
    }
}

fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y || (x.is_dir() && y.starts_with(&x)),
        _ => a == b,
    }
}

/// Gazetteer-format rows: the new-entity suggestions only, in `columns`
/// (unknown columns left empty), `count` and `example` in `notes`.
pub fn write_gazetteer_rows(
    out: &mut Vec<u8>,
    rows: &[Suggestion],
    columns: &[String],
    header: bool,
) -> Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    if header {
        w.write_record(columns)?;
    }
    for s in rows.iter().filter(|s| s.is_new()) {
        let notes = format!(
            "{}; {} mention{} in the cables, first {}",
            s.notes,
            s.count,
            if s.count == 1 { "" } else { "s" },
            s.example
        );
        let aliases = s.aliases.join("|");
        let record: Vec<&str> = columns
            .iter()
            .map(|c| match c.as_str() {
                "id" => s.id.as_str(),
                "type" => s.kind.as_str(),
                "name" => s.name.as_str(),
                "aliases" => aliases.as_str(),
                "notes" => notes.as_str(),
                _ => "",
            })
            .collect();
        w.write_record(&record)?;
    }
    w.flush()?;
    Ok(())
}

/// The scoring format: gazetteer columns plus `count` and `example`.
fn write_csv_rows(out: &mut Vec<u8>, rows: &[Suggestion], header: bool) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    if header {
        w.write_record(["id", "type", "name", "aliases", "notes", "count", "example"])?;
    }
    for s in rows {
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
    w.flush()?;
    Ok(())
}

/// Append `rows` to `file`, starting on a new line.
fn append(file: &std::path::Path, rows: &[u8]) -> Result<()> {
    let ends_open = std::fs::read(file)
        .ok()
        .is_some_and(|b| !b.is_empty() && !b.ends_with(b"\n"));
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(file)
        .with_context(|| format!("{}: cannot append", file.display()))?;
    if ends_open {
        f.write_all(b"\n")?;
    }
    f.write_all(rows)
        .and_then(|()| f.flush())
        .with_context(|| format!("{}: cannot append", file.display()))
}
