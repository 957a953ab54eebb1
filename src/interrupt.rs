//! Ctrl-C and SIGTERM: stop at once, and say what state the results are in.
//!
//! The library keeps the staged paths and the commit lock
//! ([`cablegraph::export::pending`]); this handler removes them, prints
//! the line that says whether this run's results are in place, and exits
//! with status 130 — holding the lock, so an interrupt during the final
//! renames waits for them to finish.

/// Install the handler (once, from `main`).
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        let now = cablegraph::export::pending::interrupted();
        cablegraph::note!("{}", now.message());
        std::process::exit(130);
    });
}
