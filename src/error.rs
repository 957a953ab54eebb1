//! The library's error: what stopped a run (an output that cannot be
//! written, a shard folder that cannot be read), as opposed to a
//! [`DocProblem`](crate::problem::DocProblem) with one input, which is reported
//! and skipped.
//!
//! Its message reads like a chain: the context first, then the cause
//! (`out/edges.csv: cannot write: permission denied`); the cause is also
//! the error's [`source`](std::error::Error::source), so a program can
//! walk it (the binary prints it with anyhow's `{:#}`).

use std::io;

/// What stopped a run of the library; see the [module](self).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A problem said in words.
    #[error("{0}")]
    Message(String),
    /// Reading or writing failed.
    #[error(transparent)]
    Io(#[from] io::Error),
    /// A CSV file could not be written or read back.
    #[error(transparent)]
    Csv(#[from] csv::Error),
    /// A JSON file could not be written or read.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// The workbook could not be written.
    #[error(transparent)]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// The cause, with what was being done (`FILE: cannot write`).
    #[error("{context}")]
    Context {
        /// What was being done, or on which file.
        context: String,
        /// Why it failed.
        #[source]
        source: Box<Error>,
    },
}

/// The library's result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error said in words.
    pub fn msg(message: impl Into<String>) -> Error {
        Error::Message(message.into())
    }

    /// Did the error come from a reader that closed its pipe (`… | head`)?
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            Error::Io(e) => e.kind() == io::ErrorKind::BrokenPipe,
            Error::Csv(e) => {
                matches!(e.kind(), csv::ErrorKind::Io(e) if e.kind() == io::ErrorKind::BrokenPipe)
            }
            Error::Context { source, .. } => source.is_broken_pipe(),
            _ => false,
        }
    }
}

/// `.context(…)` and `.with_context(|| …)` on results whose error becomes
/// an [`Error`]: the error gains what was being done.
pub(crate) trait Context<T> {
    /// Say what was being done.
    fn context(self, context: impl Into<String>) -> Result<T>;
    /// Say what was being done, worded only on failure.
    fn with_context<S: Into<String>>(self, f: impl FnOnce() -> S) -> Result<T>;
}

impl<T, E: Into<Error>> Context<T> for std::result::Result<T, E> {
    fn context(self, context: impl Into<String>) -> Result<T> {
        self.map_err(|e| Error::Context {
            context: context.into(),
            source: Box::new(e.into()),
        })
    }

    fn with_context<S: Into<String>>(self, f: impl FnOnce() -> S) -> Result<T> {
        self.map_err(|e| Error::Context {
            context: f().into(),
            source: Box::new(e.into()),
        })
    }
}

impl<T> Context<T> for Option<T> {
    fn context(self, context: impl Into<String>) -> Result<T> {
        self.ok_or_else(|| Error::Message(context.into()))
    }

    fn with_context<S: Into<String>>(self, f: impl FnOnce() -> S) -> Result<T> {
        self.ok_or_else(|| Error::Message(f().into()))
    }
}

/// Return early with an [`Error::Message`] worded like `format!`.
macro_rules! bail {
    ($($arg:tt)*) => {
        return Err($crate::error::Error::Message(format!($($arg)*)))
    };
}
pub(crate) use bail;
