//! A progress bar on standard error for long runs: cables done, MB/s and
//! the time left; and one per OCR'd input, page by page. Hidden when
//! standard error is not a terminal, or with `--quiet`.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use cablegraph::read::InputPath;

/// The bar for a run over `inputs`.
pub fn bar(inputs: &[InputPath], quiet: bool) -> ProgressBar {
    cablegraph::ocr::set_quiet(quiet);
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

/// Draw the library's OCR page progress (once, from `main`).
pub fn install() {
    cablegraph::ocr::set_progress(Box::new(OcrBars));
}

/// The OCR page bars: on a terminal only, and not with `--quiet` (the
/// library asks for none then).
struct OcrBars;

impl cablegraph::ocr::OcrProgress for OcrBars {
    fn start(&self, source: &str, pages: u64) -> Box<dyn cablegraph::ocr::PageBar> {
        if !std::io::stderr().is_terminal() {
            return Box::new(PageBar(ProgressBar::hidden()));
        }
        let pb = ProgressBar::new(pages);
        pb.set_style(
            ProgressStyle::with_template(
                "{spinner} OCR {msg} page {pos}/{len} {wide_bar} {elapsed_precise}",
            )
            .expect("valid template"),
        );
        pb.set_message(source.to_string());
        pb.enable_steady_tick(Duration::from_millis(250));
        Box::new(PageBar(pb))
    }
}

/// One input's OCR bar; cleared when dropped.
struct PageBar(ProgressBar);

impl cablegraph::ocr::PageBar for PageBar {
    fn page_done(&self) {
        self.0.inc(1);
    }
}

impl Drop for PageBar {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}
