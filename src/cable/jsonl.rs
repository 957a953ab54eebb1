//! JSON Lines input. Placeholder until the JSON Lines reader lands.

use super::{Cable, DocProblem};

/// Does this look like JSON Lines?
pub fn looks_like_jsonl(_head: &str) -> bool {
    false
}

/// Parse every line.
pub fn parse_jsonl(_text: &str, source: &str, emit: &mut dyn FnMut(Result<Cable, DocProblem>)) {
    emit(Err(DocProblem {
        location: source.into(),
        message: "JSON Lines input is not supported yet".into(),
    }));
}
