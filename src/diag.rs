//! Lines for the user on standard error (warnings, notes, summaries),
//! written so that a closed standard error (`… 2>&1 | head`) never panics:
//! `eprintln!` panics there, and on a worker thread that panic would end
//! the run with exit 101.

use std::io::Write;

/// Write `args` and a newline to standard error, ignoring a closed stream.
pub fn line(args: std::fmt::Arguments<'_>) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_fmt(args);
    let _ = err.write_all(b"\n");
}

/// `eprintln!` that never panics: see [`crate::diag::line`].
#[macro_export]
macro_rules! note {
    ($($arg:tt)*) => {
        $crate::diag::line(format_args!($($arg)*))
    };
}
