//! A progress bar on standard error for long runs: cables done, MB/s and
//! the time left. Hidden when standard error is not a terminal, or with
//! `--quiet`.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::read::InputPath;

/// The bar for a run over `inputs`.
pub fn bar(inputs: &[InputPath], quiet: bool) -> ProgressBar {
    crate::ocr::set_quiet(quiet);
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let total: u64 = inputs
        .iter()
        .map(|i| match i {
            InputPath::File(p) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
            InputPath::Stdin => 0,
        })
        .sum();
    let pb = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr_with_hz(8));
    pb.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {binary_bytes_per_sec} {msg} ETA {eta}",
        )
        .expect("valid template"),
    );
    pb.enable_steady_tick(Duration::from_millis(250));
    pb
}
