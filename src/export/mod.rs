//! Stage 7, export: the result files, written all-or-nothing.
//!
//! Every file of a run is first written into a hidden staging directory
//! inside the output directory (`DIR/.cablegraph-XXXXXX/`) and moved into
//! place only when the whole run has succeeded ([`Staging::commit`]). A
//! run that fails or is interrupted leaves the previous results as they
//! were; its staging directory is removed (or, after a kill, left hidden
//! and ignored by the next run's input walk).
//!
//! The tables ([`tables`]) are CSV with a header row, UTF-8, RFC 4180
//! quoting, sorted rows; the picture ([`dot`]) is Graphviz DOT.

pub mod dot;
pub mod report;
pub mod tables;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// A staging directory for one run's output files.
pub struct Staging {
    dir: PathBuf,
    tmp: tempfile::TempDir,
    files: Vec<String>,
}

impl Staging {
    /// Prepare `dir` (created if missing) for a run's output.
    pub fn new(dir: &Path) -> Result<Staging> {
        if dir.exists() && !dir.is_dir() {
            bail!(
                "{}: output path exists and is not a directory",
                dir.display()
            );
        }
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create output directory", dir.display()))?;
        let tmp = tempfile::Builder::new()
            .prefix(".cablegraph-")
            .tempdir_in(dir)
            .with_context(|| format!("{}: output directory is not writable", dir.display()))?;
        Ok(Staging {
            dir: dir.to_path_buf(),
            tmp,
            files: Vec::new(),
        })
    }

    /// Create a staged file named `name`, buffered.
    pub fn create(&mut self, name: &str) -> Result<BufWriter<File>> {
        let path = self.tmp.path().join(name);
        let f = File::create(&path).with_context(|| format!("{}: cannot write", path.display()))?;
        if !self.files.iter().any(|n| n == name) {
            self.files.push(name.to_string());
        }
        Ok(BufWriter::with_capacity(128 * 1024, f))
    }

    /// Write a whole staged file at once.
    pub fn write(&mut self, name: &str, contents: &[u8]) -> Result<()> {
        let mut w = self.create(name)?;
        w.write_all(contents)?;
        finish(w)
    }

    /// Move every staged file into the output directory.
    pub fn commit(self) -> Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        for name in &self.files {
            let from = self.tmp.path().join(name);
            let to = self.dir.join(name);
            std::fs::rename(&from, &to)
                .with_context(|| format!("{}: cannot move result into place", to.display()))?;
            out.push(to);
        }
        Ok(out)
    }
}

/// Flush and sync a staged file, turning errors into messages.
pub fn finish(mut w: BufWriter<File>) -> Result<()> {
    w.flush()?;
    let f = w.into_inner().map_err(|e| e.into_error())?;
    f.sync_all().or_else(|e| {
        if e.kind() == io::ErrorKind::InvalidInput {
            Ok(())
        } else {
            Err(e)
        }
    })?;
    Ok(())
}
