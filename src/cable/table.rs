//! The Cablegate `cables.csv` dump. Placeholder until the dump reader lands.

use std::io::Read;

use super::DocProblem;
use crate::read::Job;

/// Does this look like rows of the dump?
pub fn looks_like_dump(_head: &str) -> bool {
    false
}

/// Stream the rows of a dump as jobs.
pub fn rows(
    _reader: Box<dyn Read + Send>,
    source: &str,
    emit: &mut dyn FnMut(Result<Job, DocProblem>),
) {
    emit(Err(DocProblem {
        location: source.into(),
        message: "cables.csv dumps are not supported yet".into(),
    }));
}
