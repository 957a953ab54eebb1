//! Ctrl-C and SIGTERM: stop at once and leave the previous results as they
//! were.
//!
//! Output is staged in hidden temporary paths (see [`crate::export`]) that
//! register here. On an interrupt, the handler removes every registered
//! path and exits with status 130; the files already in the output folder
//! are never touched. Moving staged files into place holds the same lock
//! ([`commit_guard`]), so an interrupt during the final renames waits for
//! them to finish: a run is either wholly in place or not at all.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

static STAGED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn staged() -> MutexGuard<'static, Vec<PathBuf>> {
    STAGED.lock().unwrap_or_else(|e| e.into_inner())
}

/// Install the handler (once, from `main`).
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        let paths = staged();
        for p in paths.iter() {
            let _ = if p.is_dir() {
                std::fs::remove_dir_all(p)
            } else {
                std::fs::remove_file(p)
            };
        }
        eprintln!("cablegraph: interrupted; earlier results left as they were");
        std::process::exit(130);
    });
}

/// Remove `path` if the run is interrupted.
pub fn register(path: &Path) {
    staged().push(path.to_path_buf());
}

/// No longer remove `path` on interrupt.
pub fn unregister(path: &Path) {
    staged().retain(|p| p != path);
}

/// Hold off interrupts while results are moved into place; unregister
/// `path` before releasing.
pub fn commit_guard() -> CommitGuard {
    CommitGuard(staged())
}

/// See [`commit_guard`].
pub struct CommitGuard(MutexGuard<'static, Vec<PathBuf>>);

impl CommitGuard {
    /// The staged path is committed: no longer remove it.
    pub fn done(mut self, path: &Path) {
        self.0.retain(|p| p != path);
    }
}
