//! Problems with inputs: what went wrong with one part of an input, where,
//! in words. Below every stage that reads, so each reports the same way.

use std::io;

/// What went wrong with one part of an input (a file, a row, a line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocProblem {
    /// Where: `FILE`, `FILE:LINE` or `FILE:row N`.
    pub location: String,
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
}

impl std::fmt::Display for DocProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// A short, lowercase description of an I/O error.
pub fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            // drop the " (os error N)" tail
            let s = s.split(" (os error").next().unwrap_or(&s).to_string();
            let mut c = s.chars();
            match c.next() {
                Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
                None => s,
            }
        }
    }
}
