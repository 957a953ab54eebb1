//! The output folder: staging, locking, the manifest and the commit.
//!
//! A run writes every result file into a hidden staging folder inside the
//! output folder (`DIR/.cablegraph-XXXXXX/`) and moves them into place only
//! at the end ([`Staging::commit`]). Around that:
//!
//! - **Lock.** A run holds an exclusive lock (`flock`) on the output folder
//!   from start to end; a second run into the same folder is refused at
//!   once instead of interleaving its files. The kernel releases the lock
//!   when a run dies, however it dies.
//! - **Stale staging.** A staging folder left behind by a run that was
//!   killed (SIGKILL, power loss) is removed by the next run into the
//!   folder (it holds the lock, so no live run owns one).
//! - **Inputs.** A result file never replaces an input of the same run:
//!   [`Staging::protect`] compares the files the run will write with its
//!   inputs by device and inode (so `./a.csv`, a symbolic link or a hard
//!   link to an input are the input) and refuses before any work.
//! - **Manifest.** Every results folder holds `.cablegraph-manifest`, the
//!   list of files cablegraph wrote there (name, size, and a checksum of
//!   the first and last 64 KiB — the manifest is the same bytes whenever
//!   the results are). A run of `extract` or `merge` replaces its own
//!   earlier files and removes those it no longer writes (an old
//!   `graph.gexf` from an earlier `--format`), but only when size and
//!   checksum show the file is still the one cablegraph wrote: a file
//!   cablegraph did not write is never removed.
//!   `report -o FILE` adds its one file to the manifest of a results folder
//!   and removes nothing.
//! - **Commit, all or nothing.** First every file about to be replaced or
//!   removed is hard-linked into the staging folder (a file that cannot be
//!   replaced — immutable, append-only, a directory — fails here, before
//!   anything changed). Then the new files are renamed into place and the
//!   stale ones removed; if a step fails, the steps done are undone from
//!   the links, and the message says so. Only if undoing fails too is the
//!   folder left mixed, and the message then names every file that is new,
//!   old or missing, and keeps the staging folder with this run's files.

use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::StagedFile;
use crate::error::{bail, Context, Result};

/// The manifest's file name in every results folder.
pub const MANIFEST: &str = ".cablegraph-manifest";

/// The prefix of staging folders (and of every hidden file cablegraph
/// keeps in an output folder).
pub(crate) const STAGING_PREFIX: &str = ".cablegraph-";

const MANIFEST_HEADER: &str = "cablegraph-manifest 1";

/// Who owns the files a run writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    /// The run writes a whole results folder (`extract`, `merge`): it
    /// replaces every file an earlier such run wrote.
    Folder,
    /// The run writes one file (`report -o FILE`): it replaces that file
    /// and nothing else.
    File,
}

impl Owner {
    fn tag(self) -> &'static str {
        match self {
            Owner::Folder => "folder",
            Owner::File => "file",
        }
    }
}

/// One line of the manifest: a file cablegraph wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// `folder` or `file` (see [`Owner`]).
    pub owner: String,
    /// Size in bytes when written.
    pub size: u64,
    /// FNV-1a checksum of the first and last 64 KiB when written.
    pub sum: u64,
    /// The file's name in the folder.
    pub name: String,
}

/// The manifest of a folder: what cablegraph wrote there.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Manifest {
    /// The entries, in name order.
    pub entries: Vec<Entry>,
}

impl Manifest {
    /// Read `DIR/.cablegraph-manifest` (empty when there is none or it is
    /// unreadable: then no earlier file counts as cablegraph's).
    pub fn read(dir: &Path) -> Manifest {
        let Ok(text) = std::fs::read_to_string(dir.join(MANIFEST)) else {
            return Manifest::default();
        };
        Manifest::parse(&text)
    }

    /// Parse a manifest's text; lines that are not entries are ignored.
    pub fn parse(text: &str) -> Manifest {
        let mut lines = text.lines();
        if lines.next() != Some(MANIFEST_HEADER) {
            return Manifest::default();
        }
        let entries = lines
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.splitn(4, '\t');
                Some(Entry {
                    owner: f.next()?.to_string(),
                    size: f.next()?.parse().ok()?,
                    sum: u64::from_str_radix(f.next()?, 16).ok()?,
                    name: f.next().filter(|n| safe_name(n))?.to_string(),
                })
            })
            .collect();
        Manifest { entries }
    }

    /// The manifest as text.
    pub fn render(&self) -> String {
        let mut s = format!(
            "{MANIFEST_HEADER}\n# Files cablegraph wrote into this folder: owner, size, \
             checksum (FNV-1a of the first and last 64 KiB), name.\n# A later run replaces \
             or removes only files listed here and unchanged since.\n"
        );
        for e in &self.entries {
            s.push_str(&format!(
                "{}\t{}\t{:016x}\t{}\n",
                e.owner, e.size, e.sum, e.name
            ));
        }
        s
    }

    /// Is `DIR/name` still the file this manifest says cablegraph wrote?
    pub fn unchanged(&self, dir: &Path, name: &str) -> bool {
        let path = dir.join(name);
        let is_file = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
        let Some(id) = is_file.then(|| identity(&path)).flatten() else {
            return false;
        };
        self.entries
            .iter()
            .any(|e| e.name == name && (e.size, e.sum) == id)
    }
}

/// A name the manifest can hold: one plain file name in the folder.
fn safe_name(n: &str) -> bool {
    !n.is_empty() && n != "." && n != ".." && !n.contains(['/', '\\', '\t', '\n', '\r'])
}

/// Size and checksum of a file: FNV-1a over its first and last 64 KiB
/// (cheap however large the file; deterministic, unlike a time).
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::io::{Read, Seek, SeekFrom};
    const SAMPLE: u64 = 64 * 1024;
    let mut f = File::open(path).ok()?;
    let size = f.metadata().ok()?.len();
    let mut buf = Vec::with_capacity(2 * SAMPLE as usize);
    (&mut f).take(SAMPLE).read_to_end(&mut buf).ok()?;
    if size > 2 * SAMPLE {
        f.seek(SeekFrom::Start(size - SAMPLE)).ok()?;
    }
    f.take(SAMPLE).read_to_end(&mut buf).ok()?;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in &buf {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    Some((size, h))
}

/// Device and inode of a file (following symbolic links).
#[cfg(unix)]
fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(path: &Path) -> Option<(u64, u64)> {
    // no inodes: compare canonical paths by a hash of them
    use std::hash::{Hash, Hasher};
    let p = std::fs::canonicalize(path).ok()?;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    p.hash(&mut h);
    Some((0, h.finish()))
}

/// An exclusive lock on an output folder, held while the value lives.
struct DirLock {
    _file: File,
}

impl DirLock {
    #[cfg(unix)]
    fn take(dir: &Path) -> Result<DirLock> {
        use std::os::unix::io::AsRawFd;
        let file = File::open(dir)
            .with_context(|| format!("{}: cannot open output directory", dir.display()))?;
        // SAFETY: flock on a file descriptor we own; no memory is shared.
        let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
        if rc != 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::WouldBlock {
                bail!(
                    "{}: another cablegraph run is writing into this folder; wait for it to \
                     finish or choose another output",
                    dir.display()
                );
            }
            // a file system without locks (some network mounts): go on
        }
        Ok(DirLock { _file: file })
    }

    #[cfg(not(unix))]
    fn take(dir: &Path) -> Result<DirLock> {
        let file = File::open(dir)
            .with_context(|| format!("{}: cannot open output directory", dir.display()))?;
        Ok(DirLock { _file: file })
    }
}

/// A staging directory for one run's output files.
pub struct Staging {
    dir: PathBuf,
    tmp: Option<tempfile::TempDir>,
    files: Vec<String>,
    owner: Owner,
    /// Device and inode of every input of the run.
    inputs: HashSet<(u64, u64)>,
    /// The directory did not exist and was made by this run.
    created: bool,
    /// Write a manifest on commit.
    manifest: bool,
    _lock: DirLock,
}

/// Check an output directory path before creating it: a dangling symbolic
/// link or a file in the way get a clear message.
fn check_output_dir(dir: &Path) -> Result<()> {
    // every existing ancestor must be a directory
    for a in dir.ancestors() {
        if a.as_os_str().is_empty() {
            break;
        }
        match std::fs::symlink_metadata(a) {
            Ok(m) if m.file_type().is_symlink() => {
                if std::fs::metadata(a).is_err() {
                    let target = std::fs::read_link(a)
                        .map(|t| t.display().to_string())
                        .unwrap_or_default();
                    bail!(
                        "{}: output path is a symbolic link to {target}, which does not exist",
                        a.display()
                    );
                }
                if !a.is_dir() {
                    bail!("{}: output path exists and is not a directory", a.display());
                }
                break;
            }
            Ok(m) if !m.is_dir() => {
                bail!("{}: output path exists and is not a directory", a.display());
            }
            Ok(_) => break,
            Err(_) => continue,
        }
    }
    Ok(())
}

impl Staging {
    /// Prepare `dir` (created if missing) for a run that writes a whole
    /// results folder.
    pub fn new(dir: &Path) -> Result<Staging> {
        Staging::with_owner(dir, Owner::Folder)
    }

    /// Prepare `dir` (created if missing) for a run that writes the files
    /// of `owner`: lock it, remove staging folders of killed runs, make
    /// this run's staging folder.
    pub fn with_owner(dir: &Path, owner: Owner) -> Result<Staging> {
        check_output_dir(dir)?;
        let created = !dir.exists();
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create output directory", dir.display()))?;
        let lock = DirLock::take(dir)?;
        clean_stale(dir);
        // a folder run always keeps a manifest; a one-file run only in a
        // results folder (or one it made), so that `report -o report.html`
        // never marks the current directory as cablegraph's
        let manifest = owner == Owner::Folder
            || dir.join(MANIFEST).is_file()
            || std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none());
        let tmp = tempfile::Builder::new()
            .prefix(STAGING_PREFIX)
            .tempdir_in(dir)
            .with_context(|| format!("{}: output directory is not writable", dir.display()))?;
        crate::export::pending::register(tmp.path());
        Ok(Staging {
            dir: dir.to_path_buf(),
            tmp: Some(tmp),
            files: Vec::new(),
            owner,
            inputs: HashSet::new(),
            created,
            manifest,
            _lock: lock,
        })
    }

    /// The output directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn tmp_path(&self) -> &Path {
        self.tmp
            .as_ref()
            .expect("staging present until commit")
            .path()
    }

    /// Refuse to run when a file this run will write (`names`, in the
    /// output directory) is one of its `inputs` — the same file by path,
    /// symbolic link or hard link. Remembers the inputs, so the commit
    /// never replaces or removes one of them either.
    pub fn protect<'a>(
        &mut self,
        inputs: impl IntoIterator<Item = &'a Path>,
        names: &[&str],
    ) -> Result<()> {
        let outputs: Vec<((u64, u64), PathBuf)> = names
            .iter()
            .map(|n| self.dir.join(n))
            .filter_map(|p| file_id(&p).map(|id| (id, p)))
            .collect();
        for input in inputs {
            let Some(id) = file_id(input) else { continue };
            if let Some((_, out)) = outputs.iter().find(|(o, _)| *o == id) {
                bail!(
                    "{}: this output would overwrite the input {}; choose another output",
                    out.display(),
                    input.display()
                );
            }
            self.inputs.insert(id);
        }
        Ok(())
    }

    fn check_not_input(&self, name: &str) -> Result<()> {
        let to = self.dir.join(name);
        if file_id(&to).is_some_and(|id| self.inputs.contains(&id)) {
            bail!(
                "{}: this output would overwrite an input; choose another output",
                to.display()
            );
        }
        Ok(())
    }

    /// Create a staged file named `name`, buffered.
    pub fn create(&mut self, name: &str) -> Result<StagedFile> {
        self.check_not_input(name)?;
        let path = self.tmp_path().join(name);
        let f = StagedFile::create(&path)
            .with_context(|| format!("{}: cannot write", path.display()))?;
        if !self.files.iter().any(|n| n == name) {
            self.files.push(name.to_string());
        }
        Ok(f)
    }

    /// Create a file in the staging directory that is *not* moved into
    /// place on commit (a scratch file for a later pass).
    pub fn scratch(&mut self, name: &str) -> Result<(PathBuf, StagedFile)> {
        let path = self.tmp_path().join(name);
        let f = StagedFile::create(&path)
            .with_context(|| format!("{}: cannot write", path.display()))?;
        Ok((path, f))
    }

    /// The size of a staged file, in bytes.
    pub fn staged_len(&self, name: &str) -> Result<u64> {
        let p = self.tmp_path().join(name);
        Ok(std::fs::metadata(&p)
            .with_context(|| format!("{}: cannot read", p.display()))?
            .len())
    }

    /// Write a whole staged file at once.
    pub fn write(&mut self, name: &str, contents: &[u8]) -> Result<()> {
        let mut w = self.create(name)?;
        w.write_all(contents)?;
        super::finish(w)
    }

    /// Move every staged file into the output directory, all or nothing
    /// (see the module docs). Returns the paths written.
    pub fn commit(self) -> Result<Vec<PathBuf>> {
        self.commit_with(&mut |from, to| std::fs::rename(from, to))
    }

    /// [`Staging::commit`] with the rename step given (tests inject
    /// failures through it).
    ///
    /// Long by design: the commit protocol step by step (sync, rename, manifest, clean-up);
    /// crash safety relies on the order, so it reads top to bottom.
    #[doc(hidden)]
    #[allow(clippy::too_many_lines)]
    pub fn commit_with(
        mut self,
        rename: &mut dyn FnMut(&Path, &Path) -> io::Result<()>,
    ) -> Result<Vec<PathBuf>> {
        let guard = crate::export::pending::commit_guard();
        let tmp = self.tmp.take().expect("committed once");
        let stage = tmp.path().to_path_buf();
        let dir = self.dir.clone();
        for name in &self.files {
            self.check_not_input(name)?;
        }

        // the plan: files to move in, stale files to remove
        let old = Manifest::read(&dir);
        let mut moves: Vec<String> = self.files.clone();
        let mut stale: Vec<String> = Vec::new();
        let mut kept: Vec<Entry> = Vec::new();
        if self.manifest {
            for e in &old.entries {
                if moves.contains(&e.name) || !old.unchanged(&dir, &e.name) {
                    continue;
                }
                let ours = self.owner == Owner::Folder && e.owner == Owner::Folder.tag();
                if ours && self.check_not_input(&e.name).is_ok() {
                    if !stale.contains(&e.name) {
                        stale.push(e.name.clone());
                    }
                } else if !kept.iter().any(|k| k == e) {
                    kept.push(e.clone());
                }
            }
            let mut entries = kept;
            for name in &self.files {
                if !safe_name(name) {
                    continue;
                }
                let (size, sum) = identity(&stage.join(name))
                    .with_context(|| format!("{name}: cannot read the staged file back"))?;
                entries.push(Entry {
                    owner: self.owner.tag().into(),
                    size,
                    sum,
                    name: name.clone(),
                });
            }
            entries.sort_by(|a, b| a.name.cmp(&b.name));
            let text = Manifest { entries }.render();
            std::fs::write(stage.join(MANIFEST), text)
                .with_context(|| format!("{}: cannot write", stage.join(MANIFEST).display()))?;
            moves.push(MANIFEST.to_string());
        }

        // phase 1: keep a link to every file about to be replaced or
        // removed; nothing in the folder changes here
        let backup = stage.join(".before");
        std::fs::create_dir(&backup)
            .with_context(|| format!("{}: cannot write", backup.display()))?;
        let mut saved: BTreeMap<String, PathBuf> = BTreeMap::new();
        for name in moves.iter().chain(&stale) {
            let to = dir.join(name);
            let Ok(m) = std::fs::symlink_metadata(&to) else {
                continue;
            };
            if m.is_dir() {
                bail!(
                    "{}: is a directory, so this run's {name} cannot take its place; \
                     nothing was changed in {}",
                    to.display(),
                    dir.display()
                );
            }
            let keep = backup.join(name);
            std::fs::hard_link(&to, &keep).with_context(|| {
                format!(
                    "{}: cannot be replaced; nothing was changed in {}",
                    to.display(),
                    dir.display()
                )
            })?;
            saved.insert(name.clone(), keep);
        }

        // phase 2: move in, then remove the stale files; undo on failure
        let mut done: Vec<(String, bool)> = Vec::new(); // (name, moved in?)
        let mut failure: Option<(String, crate::error::Error)> = None;
        for name in &moves {
            let (from, to) = (stage.join(name), dir.join(name));
            match rename(&from, &to) {
                Ok(()) => done.push((name.clone(), true)),
                Err(e) => {
                    failure = Some((name.clone(), crate::error::Error::from(e)));
                    break;
                }
            }
        }
        if failure.is_none() {
            for name in &stale {
                match std::fs::remove_file(dir.join(name)) {
                    Ok(()) => done.push((name.clone(), false)),
                    Err(e) => {
                        failure = Some((name.clone(), crate::error::Error::from(e)));
                        break;
                    }
                }
            }
        }
        let Some((failed, err)) = failure else {
            guard.done(
                &stage,
                &format!(
                    "this run's results were already in place in {}",
                    dir.display()
                ),
            );
            let out = self.files.iter().map(|n| dir.join(n)).collect::<Vec<_>>();
            drop(tmp);
            return Ok(out);
        };

        // undo, newest first
        let mut not_undone: Vec<String> = Vec::new();
        for (name, moved) in done.iter().rev() {
            let to = dir.join(name);
            let res = match (saved.get(name), moved) {
                (Some(keep), _) => rename(keep, &to),
                (None, true) => std::fs::remove_file(&to),
                (None, false) => Ok(()),
            };
            if res.is_err() {
                not_undone.push(name.clone());
            }
        }
        if not_undone.is_empty() {
            let msg = format!(
                "{}: cannot move {failed} into place ({err}); the earlier files were put \
                 back: nothing was changed",
                dir.display()
            );
            guard.done(&stage, "earlier results left as they were");
            drop(tmp);
            bail!("{msg}");
        }
        // mixed: say exactly what is where, keep this run's files
        let kept_stage = tmp.keep();
        let (mut new, mut gone) = (Vec::new(), Vec::new());
        for (name, moved) in &done {
            if not_undone.contains(name) {
                if *moved {
                    new.push(name.as_str());
                } else {
                    gone.push(name.as_str());
                }
            }
        }
        let msg = format!(
            "{}: cannot move {failed} into place ({err}), and putting the earlier files \
             back failed too: the folder is MIXED — new from this run: {}; removed: {}; \
             every other file is as before; this run's files are kept in {}",
            dir.display(),
            if new.is_empty() {
                "none".into()
            } else {
                new.join(", ")
            },
            if gone.is_empty() {
                "none".into()
            } else {
                gone.join(", ")
            },
            kept_stage.display()
        );
        guard.done(&kept_stage, &msg);
        bail!("{msg}")
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if let Some(tmp) = self.tmp.take() {
            crate::export::pending::unregister(tmp.path());
            drop(tmp);
            if self.created {
                // a run that failed leaves no empty folder it made
                let _ = std::fs::remove_dir(&self.dir);
            }
        }
    }
}

/// Remove staging folders that killed runs left in `dir` (the caller holds
/// the folder's lock, so no live run owns one).
fn clean_stale(dir: &Path) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !name.starts_with(STAGING_PREFIX) || !e.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        match std::fs::remove_dir_all(e.path()) {
            Ok(()) => crate::note!(
                "cablegraph: removed {}, left by an earlier run that was killed",
                e.path().display()
            ),
            Err(err) => crate::note!(
                "cablegraph: warning: cannot remove {}, left by an earlier run: {err}",
                e.path().display()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    fn serial() -> std::sync::MutexGuard<'static, ()> {
        crate::export::pending::TEST_LOCK
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    /// One committed run writing `files`.
    fn commit_files(dir: &Path, files: &[&str], contents: &[u8]) {
        let mut s = Staging::new(dir).unwrap();
        for n in files {
            s.write(n, contents).unwrap();
        }
        s.commit().unwrap();
    }

    fn read_all(dir: &Path, files: &[&str]) -> Vec<Vec<u8>> {
        files
            .iter()
            .map(|n| std::fs::read(dir.join(n)).unwrap())
            .collect()
    }

    #[test]
    fn manifest_round_trips_and_rejects_paths() {
        let m = Manifest {
            entries: vec![Entry {
                owner: "folder".into(),
                size: 12,
                sum: 0x0123_4567_89ab_cdef,
                name: "edges.csv".into(),
            }],
        };
        assert_eq!(Manifest::parse(&m.render()), m);
        let evil = format!("{MANIFEST_HEADER}\nfolder\t1\t2\t../x\nfolder\t1\t2\t/etc/passwd\n");
        assert!(Manifest::parse(&evil).entries.is_empty());
        assert!(Manifest::parse("something else\nfolder\t1\t2\tx\n")
            .entries
            .is_empty());
    }

    #[test]
    fn a_failed_rename_is_undone() {
        let _serial = serial();
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        let abc = ["a.csv", "b.csv", "c.csv"];
        commit_files(&dir, &abc, b"old");
        let before = read_all(&dir, &abc);
        let mut s = Staging::new(&dir).unwrap();
        for n in ["a.csv", "b.csv", "c.csv", "d.csv"] {
            s.write(n, b"new").unwrap();
        }
        let mut k = 0;
        let err = s
            .commit_with(&mut |from, to| {
                k += 1;
                if k == 3 {
                    Err(io::Error::other("injected"))
                } else {
                    std::fs::rename(from, to)
                }
            })
            .unwrap_err()
            .to_string();
        assert!(err.contains("nothing was changed"), "{err}");
        assert_eq!(read_all(&dir, &abc), before);
        assert_eq!(names(&dir), [MANIFEST, "a.csv", "b.csv", "c.csv"]);
    }

    #[test]
    fn a_failed_undo_says_exactly_what_is_where() {
        let _serial = serial();
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        commit_files(&dir, &["a.csv", "b.csv"], b"old");
        let mut s = Staging::new(&dir).unwrap();
        for n in ["a.csv", "b.csv", "c.csv"] {
            s.write(n, b"new").unwrap();
        }
        // the second rename fails, and so does every rename after it
        let mut k = 0;
        let err = s
            .commit_with(&mut |from, to| {
                k += 1;
                if k >= 2 {
                    Err(io::Error::other("injected"))
                } else {
                    std::fs::rename(from, to)
                }
            })
            .unwrap_err()
            .to_string();
        assert!(err.contains("cannot move b.csv into place"), "{err}");
        assert!(
            err.contains("MIXED — new from this run: a.csv; removed: none"),
            "{err}"
        );
        assert_eq!(read_all(&dir, &["a.csv", "b.csv"]), [b"new", b"old"]);
        // this run's other files are kept where the message says
        let kept = err.rsplit("kept in ").next().unwrap();
        assert!(Path::new(kept).join("c.csv").is_file(), "{err}");
    }

    #[test]
    fn files_no_longer_written_go_and_foreign_files_stay() {
        let _serial = serial();
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        commit_files(&dir, &["a.csv", "graph.gexf"], b"1");
        std::fs::write(dir.join("mine.txt"), b"user").unwrap();
        commit_files(&dir, &["a.csv"], b"2");
        assert_eq!(names(&dir), [MANIFEST, "a.csv", "mine.txt"]);
        // a listed file changed since: not cablegraph's any more, kept
        commit_files(&dir, &["b.csv"], b"3");
        std::fs::write(dir.join("b.csv"), b"edited by hand").unwrap();
        commit_files(&dir, &["a.csv"], b"4");
        assert_eq!(names(&dir), [MANIFEST, "a.csv", "b.csv", "mine.txt"]);
    }

    #[test]
    fn a_second_run_into_a_locked_folder_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let first = Staging::new(tmp.path()).unwrap();
        let err = Staging::new(tmp.path()).err().unwrap().to_string();
        assert!(err.contains("another cablegraph run"), "{err}");
        drop(first);
        Staging::new(tmp.path()).unwrap();
    }

    // moved from interrupt.rs, which names no export module (issue 15)
    #[test]
    fn an_interrupt_after_the_commit_says_the_results_are_in_place() {
        let _serial = serial();
        crate::export::pending::forget_commit();
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        let mut s = Staging::new(&dir).unwrap();
        s.write("a.csv", b"x").unwrap();
        assert_eq!(
            crate::export::pending::message(),
            "cablegraph: interrupted; earlier results left as they were"
        );
        s.commit().unwrap();
        let m = crate::export::pending::message();
        assert!(
            m.contains("this run's results were already in place") && !m.contains("earlier"),
            "{m}"
        );
    }
}
