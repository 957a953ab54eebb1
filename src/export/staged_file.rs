//! A result file being written into the staging folder: buffered, and on
//! Linux written around the page cache.
//!
//! `extract` writes more table than it reads cable: 1.3 GB of tables for
//! the 1.8 GB benchmark dump. Written through the page cache, each of those
//! bytes is first copied into a page the kernel has to find and charge,
//! and every file is synced at the end anyway ([`StagedFile::finish`]).
//! On a virtual machine whose memory the host hands out on first touch
//! that copy is the dearest thing the kernel does for a run: writing 1.3
//! GB through the page cache took 2.8 to 4.7 s of system time on the
//! project's 2-core machine (once the pages were fresh), against 0.1 s
//! with `O_DIRECT` (`dd`, 1 MiB blocks; see the README's *Speed*).
//!
//! So a staged file is opened with `O_DIRECT` where the system allows it
//! and written in whole aligned blocks from one aligned buffer; the last,
//! partial block is padded with zeros, written, and cut back to the
//! file's true length. Where `O_DIRECT` is refused — at `open` (a
//! file system without it) or at a write (`EINVAL`: a device that wants
//! another alignment) — the file is written the ordinary way, the same
//! bytes. Elsewhere than Linux it is an ordinary buffered file.

use std::fs::{File, OpenOptions};
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Alignment of the buffer, of every write's length and of every file
/// offset written at with `O_DIRECT`: the page size, a multiple of any
/// disk's logical block size.
const ALIGN: usize = 4096;

/// The buffer: 1 MiB, so a table of 1 GB is 1,000 writes.
const CAP: usize = 1 << 20;

/// The buffer a file starts with: 64 KiB, grown to [`CAP`] when it fills
/// (a run makes a dozen files at once, and a small table never needs the
/// rest, which would be zeroed for nothing at start).
const START: usize = 64 << 10;

/// A zeroed buffer with room for `cap` bytes from an [`ALIGN`]ed offset,
/// and that offset ([`ALIGN`] itself where none could be found: then no
/// write is aligned, and `O_DIRECT` is not tried).
fn aligned_buf(cap: usize) -> (Vec<u8>, usize) {
    let buf = vec![0u8; cap + ALIGN];
    let off = buf.as_ptr().align_offset(ALIGN).min(ALIGN);
    (buf, off)
}

/// A staged result file; see the module docs. Write to it, then
/// [`StagedFile::finish`] it. Dropped without `finish`, it writes what it
/// holds and is not synced (as a `BufWriter` does).
#[derive(Debug)]
pub struct StagedFile {
    file: File,
    path: PathBuf,
    /// The buffer; its aligned part is `buf[off..off + cap]`.
    buf: Vec<u8>,
    off: usize,
    /// [`START`], then [`CAP`].
    cap: usize,
    /// Bytes held in the buffer.
    fill: usize,
    /// Bytes written to the file.
    written: u64,
    /// Is the file open with `O_DIRECT`?
    direct: bool,
}

impl StagedFile {
    /// Create (or truncate) the file at `path`: with `O_DIRECT` where the
    /// system allows it, unless the environment variable
    /// `CABLEGRAPH_PAGE_CACHE` is set (to any value).
    pub fn create(path: &Path) -> io::Result<StagedFile> {
        Self::create_with(path, std::env::var_os("CABLEGRAPH_PAGE_CACHE").is_none())
    }

    fn create_with(path: &Path, try_direct: bool) -> io::Result<StagedFile> {
        let (buf, off) = aligned_buf(START);
        let direct_file = if try_direct && off < ALIGN {
            open_direct(path)
        } else {
            None
        };
        let (file, direct) = match direct_file {
            Some(f) => (f, true),
            None => (File::create(path)?, false),
        };
        Ok(StagedFile {
            file,
            path: path.to_path_buf(),
            buf,
            off,
            cap: START,
            fill: 0,
            written: 0,
            direct,
        })
    }

    /// Write what the buffer holds, sync the file and close it.
    pub fn finish(mut self) -> io::Result<()> {
        self.write_tail()?;
        match self.file.sync_all() {
            // a file that cannot be synced (a pipe, some special files)
            Err(e) if e.kind() == io::ErrorKind::InvalidInput => Ok(()),
            r => r,
        }
    }

    /// Write the first `len` bytes of the buffer and keep the rest at
    /// its front. With `O_DIRECT`, `len` is a multiple of [`ALIGN`]; it may
    /// go past what the buffer holds (the zeros padding the last block).
    /// A failed send changes nothing but the file.
    fn send(&mut self, len: usize) -> io::Result<()> {
        let (off, written) = (self.off, self.written);
        let r = self.file.write_all(&self.buf[off..off + len]);
        if let Err(e) = r {
            if !self.direct || e.kind() != io::ErrorKind::InvalidInput {
                // part of it may be written: the file goes on from where
                // it stood (a retry, as a drop after a failed finish makes,
                // writes the same bytes at the same place)
                let _ = self.file.seek(SeekFrom::Start(written));
                return Err(e);
            }
            // refused: on the ordinary way, from where the file stands
            // (a refused write writes nothing; a short one is written again)
            self.reopen_buffered(written)?;
            self.file.write_all(&self.buf[off..off + len])?;
        }
        self.written += len as u64;
        if self.fill > len {
            self.buf.copy_within(off + len..off + self.fill, off);
        }
        self.fill = self.fill.saturating_sub(len);
        Ok(())
    }

    /// Move what the buffer holds into one of [`CAP`] bytes.
    fn grow(&mut self) {
        let (mut buf, off) = aligned_buf(CAP);
        buf[off..off + self.fill].copy_from_slice(&self.buf[self.off..self.off + self.fill]);
        self.buf = buf;
        self.off = off;
        self.cap = CAP;
    }

    /// Go on without `O_DIRECT`, the file cut to its first `len` bytes.
    fn reopen_buffered(&mut self, len: u64) -> io::Result<()> {
        let mut f = OpenOptions::new().write(true).open(&self.path)?;
        f.set_len(len)?;
        f.seek(SeekFrom::Start(len))?;
        self.file = f;
        self.direct = false;
        Ok(())
    }

    /// Write everything the buffer holds: with `O_DIRECT`, the last block
    /// padded with zeros and the file cut back to its length.
    fn write_tail(&mut self) -> io::Result<()> {
        if self.fill == 0 {
            return Ok(());
        }
        if !self.direct {
            return self.send(self.fill);
        }
        // (the buffer still holds the tail if this fails: dropped after a
        // failed `finish`, the file is tried again, not padded twice)
        let len = self.written + self.fill as u64;
        let padded = self.fill.next_multiple_of(ALIGN);
        self.buf[self.off + self.fill..self.off + padded].fill(0);
        self.send(padded)?;
        self.file.set_len(len)?;
        self.written = len;
        Ok(())
    }
}

impl Write for StagedFile {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let n = data.len().min(self.cap - self.fill);
        let at = self.off + self.fill;
        self.buf[at..at + n].copy_from_slice(&data[..n]);
        self.fill += n;
        if self.fill == self.cap {
            if self.cap < CAP {
                self.grow();
            } else {
                self.send(CAP)?;
            }
        }
        Ok(n)
    }

    /// Write the buffer's whole blocks; with `O_DIRECT` the last partial
    /// block stays until [`StagedFile::finish`].
    fn flush(&mut self) -> io::Result<()> {
        let len = if self.direct {
            self.fill / ALIGN * ALIGN
        } else {
            self.fill
        };
        if len > 0 {
            self.send(len)?;
        }
        Ok(())
    }
}

impl Drop for StagedFile {
    fn drop(&mut self) {
        let _ = self.write_tail();
    }
}

/// The file at `path`, created or truncated, open with `O_DIRECT`; `None`
/// where that is refused.
#[cfg(target_os = "linux")]
fn open_direct(path: &Path) -> Option<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .custom_flags(libc::O_DIRECT)
        .open(path)
        .ok()
}

#[cfg(not(target_os = "linux"))]
fn open_direct(_: &Path) -> Option<File> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes `0, 1, …` of length `n`, a pattern a misplaced block shows.
    fn pattern(n: usize, seed: u8) -> Vec<u8> {
        (0..n)
            .map(|i| (i as u32).wrapping_mul(2_654_435_761).to_le_bytes()[3] ^ seed)
            .collect()
    }

    fn written(pieces: &[usize], flush_every: Option<usize>) -> (Vec<u8>, Vec<u8>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        let mut f = StagedFile::create(&path).unwrap();
        let mut want = Vec::new();
        for (k, &n) in pieces.iter().enumerate() {
            let piece = pattern(n, k as u8);
            f.write_all(&piece).unwrap();
            want.extend_from_slice(&piece);
            if flush_every.is_some_and(|e| k % e == 0) {
                f.flush().unwrap();
            }
        }
        f.finish().unwrap();
        (std::fs::read(&path).unwrap(), want)
    }

    #[test]
    fn a_file_holds_exactly_the_bytes_written() {
        let cases: &[&[usize]] = &[
            &[],
            &[1],
            &[ALIGN],
            &[ALIGN + 1],
            &[START - 1, 1, ALIGN],
            &[START, ALIGN + 1],
            &[START + 1],
            &[CAP],
            &[CAP - 1, 1],
            &[CAP, 1],
            &[3 * CAP + 17],
            &[100_000, 7, 4093, 2 * CAP, 5],
        ];
        for &pieces in cases {
            for flush in [None, Some(1), Some(3)] {
                let (got, want) = written(pieces, flush);
                assert_eq!(got.len(), want.len(), "{pieces:?} {flush:?}");
                assert!(got == want, "{pieces:?} {flush:?}");
            }
        }
    }

    #[test]
    fn a_dropped_file_keeps_what_was_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        let data = pattern(CAP + 5000, 9);
        {
            let mut f = StagedFile::create(&path).unwrap();
            f.write_all(&data).unwrap();
        }
        assert!(std::fs::read(&path).unwrap() == data);
    }

    #[test]
    fn a_refused_direct_write_goes_on_the_ordinary_way() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        let mut f = StagedFile::create(&path).unwrap();
        let data = pattern(3 * CAP + 3, 4);
        // past the first buffer, into the whole one
        let first = START + ALIGN + 3;
        f.write_all(&data[..first]).unwrap();
        f.flush().unwrap();
        assert_eq!(f.cap, CAP);
        // the buffer one byte off its alignment: a write with O_DIRECT is
        // refused (EINVAL), as a device wanting another alignment refuses
        let held = f.fill;
        f.buf.copy_within(f.off..f.off + held, f.off + 1);
        f.off += 1;
        f.write_all(&data[first..]).unwrap();
        assert!(!f.direct);
        f.finish().unwrap();
        assert!(std::fs::read(&path).unwrap() == data);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_failed_write_is_reported() {
        // every write to /dev/full fails (ENOSPC), as on a full disk
        let mut f = StagedFile::create(Path::new("/dev/full")).unwrap();
        let data = pattern(CAP + 10, 1);
        let err = f.write_all(&data).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::ENOSPC));
        // the tail too, at finish (and the drop after it does not panic)
        let mut g = StagedFile::create(Path::new("/dev/full")).unwrap();
        g.write_all(b"a,b\n").unwrap();
        assert!(g.finish().is_err());
    }

    #[test]
    fn the_page_cache_can_be_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let f = StagedFile::create_with(&dir.path().join("t.csv"), false).unwrap();
        assert!(!f.direct);
    }
}
