//! Staged output that an interrupt must remove, and what an interrupt
//! means for the results at each moment of a run.
//!
//! The library installs no signal handler: the program that uses it does
//! (the `cablegraph` binary handles Ctrl-C and SIGTERM), and calls
//! [`interrupted`] from that handler. Output is staged in hidden temporary
//! paths ([`crate::export::Staging`]) that register here. Moving staged
//! files into place holds the same lock, so an interrupt
//! during the final renames waits for them to finish: a run is either
//! wholly in place or not at all, and the message says which — "earlier
//! results left as they were" before the commit, "this run's results were
//! already in place" after it (see [`message`]).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

struct State {
    staged: Vec<PathBuf>,
    /// What an interrupt now means for the output, once a commit ended.
    after_commit: Option<String>,
}

static STATE: Mutex<State> = Mutex::new(State {
    staged: Vec::new(),
    after_commit: None,
});

fn state() -> MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(|e| e.into_inner())
}

/// The line an interrupt prints now.
pub fn message() -> String {
    let s = state();
    interrupt_line(&s)
}

fn interrupt_line(s: &State) -> String {
    match &s.after_commit {
        None => "cablegraph: interrupted; earlier results left as they were".into(),
        Some(m) => format!("cablegraph: interrupted; {m}"),
    }
}

/// For a signal handler: remove every staged path now, and hold off any
/// commit (the returned guard keeps the lock) while the handler says
/// [`Interrupted::message`] and ends the process.
pub fn interrupted() -> Interrupted {
    let s = state();
    for p in s.staged.iter() {
        let _ = if p.is_dir() {
            std::fs::remove_dir_all(p)
        } else {
            std::fs::remove_file(p)
        };
    }
    Interrupted(s)
}

/// See [`interrupted`]: staged output is gone, and no commit can start
/// while this lives.
pub struct Interrupted(MutexGuard<'static, State>);

impl Interrupted {
    /// The line to print: what state the results are in.
    pub fn message(&self) -> String {
        interrupt_line(&self.0)
    }
}

/// Remove `path` if the run is interrupted.
pub(crate) fn register(path: &Path) {
    state().staged.push(path.to_path_buf());
}

/// No longer remove `path` on interrupt.
pub(crate) fn unregister(path: &Path) {
    state().staged.retain(|p| p != path);
}

/// Hold off interrupts while results are moved into place; unregister
/// the staged path before releasing.
pub(crate) fn commit_guard() -> CommitGuard {
    CommitGuard(state())
}

/// See [`commit_guard`].
pub(crate) struct CommitGuard(MutexGuard<'static, State>);

impl CommitGuard {
    /// The commit of the staged `path` ended; `outcome` says what state
    /// the output is in now (printed after "interrupted; " if a signal
    /// comes before the process ends).
    pub(crate) fn done(mut self, path: &Path, outcome: &str) {
        self.0.staged.retain(|p| p != path);
        self.0.after_commit = Some(outcome.to_string());
    }
}

/// Serialises the unit tests that commit (the state above is global).
#[cfg(test)]
pub(crate) static TEST_LOCK: Mutex<()> = Mutex::new(());

/// Forget what an earlier commit said (tests run commits one after another
/// in one process).
#[cfg(test)]
pub(crate) fn forget_commit() {
    state().after_commit = None;
}
