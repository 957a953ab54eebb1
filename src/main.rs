//! The `cablegraph` binary: parse the command line, run, map the outcome
//! to an exit code (0 ok, 1 some inputs skipped, 2 nothing done). A broken
//! pipe (`cablegraph mentions … | head`, or `… 2>&1 | head` where standard
//! error closes too) is a normal end: the run stops quietly with 0.

#![warn(clippy::too_many_lines)]

use std::process::ExitCode;

use clap::Parser;

mod cli;
mod cmd;
mod interrupt;
mod progress;

/// mimalloc: the pipeline allocates many small, short-lived strings per
/// cable on two threads; glibc's allocator spent about 13% of a run on them.
#[global_allocator]
static GLOBAL: Mimalloc = Mimalloc;

/// mimalloc as the global allocator, its plain calls for what their
/// alignment guarantee covers (the `mimalloc` crate's `MiMalloc` asks for
/// every block through the aligned calls, whose checks were 1% of
/// `extract`'s instructions).
struct Mimalloc;

/// Do mimalloc's plain calls align a block of `size` bytes as `align`
/// asks? They give 16 bytes, or the size when it is smaller (a power of
/// two rounded up), as `std`'s `System` assumes of `malloc`.
fn plain_aligned(align: usize, size: usize) -> bool {
    align <= 16 && align <= size
}

/// A new block for `layout` from mimalloc's `plain` call (`mi_malloc`,
/// `mi_zalloc`) where its alignment does, else from the `aligned` one.
///
/// # Safety
///
/// As [`std::alloc::GlobalAlloc::alloc`]: `layout` has a non-zero size.
unsafe fn new_block(
    layout: std::alloc::Layout,
    plain: unsafe extern "C" fn(usize) -> *mut std::ffi::c_void,
    aligned: unsafe extern "C" fn(usize, usize) -> *mut std::ffi::c_void,
) -> *mut u8 {
    let (size, align) = (layout.size(), layout.align());
    // SAFETY: the caller's; both calls take any size
    unsafe {
        if plain_aligned(align, size) {
            plain(size).cast()
        } else {
            aligned(size, align).cast()
        }
    }
}

// SAFETY: every block comes from mimalloc and goes back to it (`mi_free`
// frees blocks of both kinds of call); the plain calls are used only where
// `plain_aligned` says their alignment meets the layout's.
unsafe impl std::alloc::GlobalAlloc for Mimalloc {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_malloc, mi_malloc_aligned};
        // SAFETY: as the trait asks (a layout of non-zero size)
        unsafe { new_block(layout, mi_malloc, mi_malloc_aligned) }
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_zalloc, mi_zalloc_aligned};
        // SAFETY: as for `alloc`
        unsafe { new_block(layout, mi_zalloc, mi_zalloc_aligned) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        // SAFETY: `ptr` came from this allocator
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        let align = layout.align();
        // SAFETY: `ptr` came from this allocator with `layout`
        unsafe {
            if plain_aligned(align, new_size) {
                libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast()
            } else {
                libmimalloc_sys::mi_realloc_aligned(ptr.cast(), new_size, align).cast()
            }
        }
    }
}

/// Give the memory freed so far back to the system. mimalloc keeps freed
/// pages a while for reuse; a command calls this once the matching
/// pipeline is built (its automaton's trie is dropped by then) and where it
/// has dropped the pipeline before it makes the graph, so that the graph's
/// memory is not added on top of the matcher's at the peak.
pub(crate) fn release_freed_memory() {
    // SAFETY: `mi_collect` only returns pages that hold no live allocation;
    // it takes no pointer and may be called from any thread at any time.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// The message of std's `print!`/`eprint!` family when the stream is gone.
const PRINT_FAILED: &str = "failed printing to std";

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    interrupt::install();
    progress::install();
    // `eprintln!` panics when standard error is a closed pipe; such a panic
    // unwinds (staged output is removed on the way) and ends the run quietly
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !panic_message(info.payload()).starts_with(PRINT_FAILED) {
            default_hook(info);
        }
    }));
    let outcome = std::panic::catch_unwind(|| cmd::run(cli));
    let result = match outcome {
        Ok(result) => result,
        Err(payload) if panic_message(payload.as_ref()).starts_with(PRINT_FAILED) => {
            return ExitCode::SUCCESS;
        }
        Err(payload) => std::panic::resume_unwind(payload),
    };
    match result {
        Ok(status) => ExitCode::from(status.code()),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            if let Some(g) = err.downcast_ref::<cablegraph::gazetteer::GazetteerError>() {
                for p in &g.0 {
                    report(&p.to_string());
                }
                report(&format!(
                    "cablegraph: gazetteer has {} problem{}; nothing written",
                    g.0.len(),
                    if g.0.len() == 1 { "" } else { "s" }
                ));
            } else {
                report(&format!("cablegraph: {err:#}"));
            }
            ExitCode::from(2)
        }
    }
}

/// Write one line to standard error, never panicking.
fn report(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// The text of a panic payload.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("")
}

/// Did the run end because a reader closed its pipe? (`std::io::Error`
/// anywhere in the chain, also inside a `csv::Error` or the library's
/// error.)
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        if let Some(lib) = e.downcast_ref::<cablegraph::error::Error>() {
            return lib.is_broken_pipe();
        }
        let io = e.downcast_ref::<std::io::Error>().or_else(|| {
            e.downcast_ref::<csv::Error>().and_then(|c| match c.kind() {
                csv::ErrorKind::Io(io) => Some(io),
                _ => None,
            })
        });
        io.is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod allocator_tests {
    use super::{Mimalloc, GLOBAL};
    use std::alloc::{GlobalAlloc, Layout};

    /// Every block is aligned as its layout asks, zeroed when asked, and
    /// keeps its bytes when it grows or shrinks, whichever call makes it.
    #[test]
    fn blocks_are_aligned_zeroed_and_kept() {
        let a: &Mimalloc = &GLOBAL;
        for align in [1usize, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1usize, 3, 8, 12, 16, 24, 40, 100, 4000, 70_000] {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: non-zero sizes; every block freed with its layout
                unsafe {
                    let p = a.alloc(layout);
                    assert!(!p.is_null() && p as usize % align == 0, "{size} {align}");
                    std::ptr::write_bytes(p, 0xA5, size);
                    // grown, then shrunk below its first size
                    let (mut p, mut old) = (p, layout);
                    for new in [size * 3, size / 2 + 1] {
                        p = a.realloc(p, old, new);
                        assert!(
                            !p.is_null() && p as usize % align == 0,
                            "{size} {align} {new}"
                        );
                        let kept = size.min(new);
                        assert!((0..kept).all(|i| *p.add(i) == 0xA5), "{size} {align} {new}");
                        old = Layout::from_size_align(new, align).unwrap();
                    }
                    a.dealloc(p, old);
                    let z = a.alloc_zeroed(layout);
                    assert!(!z.is_null() && z as usize % align == 0);
                    assert!((0..size).all(|i| *z.add(i) == 0), "{size} {align}");
                    a.dealloc(z, layout);
                }
            }
        }
    }
}
