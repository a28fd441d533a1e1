//! Faults of the file and the disk under the database: each gives the error the user can act
//! on, and reading goes on wherever the database file can still be read.
//!
//! The full-disk and read-only-folder tests need a small file system of their own, made with
//! `mount -t tmpfs` (root with CAP_SYS_ADMIN, as in CI's container). Where that is not allowed
//! they say so and pass without checking; the error mapping they rest on is covered by the
//! unit tests in `src/error.rs` whatever the environment.

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use almanac_store::{ListQuery, OpenOptions, Store};
use common::*;

fn side(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

fn no_side_files(path: &Path) -> bool {
    !side(path, "-wal").exists() && !side(path, "-shm").exists()
}

/// What this proves: a zero-byte file is not taken for a database unless the caller asked to
/// create one: `create: false` (the CLI's `--db`) refuses it as `store.corrupt`, "not a
/// database", and writes nothing; a missing file is `store.not_found` and no folder is made.
/// The app's own open (`create: true`, the default) still makes its database in an empty file.
#[test]
fn an_empty_file_is_a_database_only_when_asked_to_create_one() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.db");
    fs::write(&empty, b"").unwrap();
    let no_create = OpenOptions { create: false, seed: false, ..OpenOptions::default() };

    let err = Store::open_with(&empty, no_create).unwrap_err();
    assert_eq!(err.code(), "store.corrupt");
    let msg = err.to_string();
    assert!(msg.contains("is not a database (it is an empty file, 0 bytes)"), "{msg}");
    assert!(msg.contains("left where it is"), "{msg}");
    assert_eq!(fs::metadata(&empty).unwrap().len(), 0, "nothing written");
    assert!(no_side_files(&empty));
    // Read-only, the same.
    let ro = OpenOptions { read_only: true, ..no_create };
    assert_eq!(Store::open_with(&empty, ro).unwrap_err().code(), "store.corrupt");
    assert_eq!(fs::metadata(&empty).unwrap().len(), 0);

    let missing = dir.path().join("sub").join("missing.db");
    assert_eq!(Store::open_with(&missing, no_create).unwrap_err().code(), "store.not_found");
    assert!(!dir.path().join("sub").exists(), "no folder made");

    // Creating, an empty file becomes a new database (the app's first start).
    let s = Store::open_with(&empty, OpenOptions { seed: false, ..OpenOptions::default() });
    assert!(s.unwrap().open_report().created);
    // And once it is one, `create: false` opens it.
    let s = Store::open_with(&empty, no_create).unwrap();
    assert!(!s.open_report().created);
}

/// A tmpfs mounted on a temporary folder, unmounted on drop.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(kib: u64) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("skipped: cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN)");
            return None;
        }
        Some(Tmpfs { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the file system until only `free` bytes (rounded to pages) are left.
    fn fill_leaving(&self, free: u64) {
        let path = self.path().join("filler");
        let mut f = fs::File::create(&path).unwrap();
        let chunk = vec![0u8; 4096];
        while f.write_all(&chunk).is_ok() {}
        let len = f.metadata().unwrap().len();
        f.set_len(len.saturating_sub(free)).unwrap();
    }

    fn remount_read_only(&self) {
        let ok = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(self.path())
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "remount read-only");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(self.dir.path()).status();
    }
}

/// A closed database with one guide, copied into `dir`. Closed, it has no `-wal` or `-shm`.
fn database_in(dir: &Path) -> (PathBuf, i64) {
    let src = tempfile::tempdir().unwrap();
    let made = src.path().join("almanac.db");
    let id = unseeded(&made).create_guide(&sample()).unwrap().id;
    assert!(no_side_files(&made));
    let path = dir.join("almanac.db");
    fs::copy(&made, &path).unwrap();
    (path, id)
}

fn read_only() -> OpenOptions {
    OpenOptions { read_only: true, create: false, seed: false, ..OpenOptions::default() }
}

fn titles(s: &Store) -> Vec<String> {
    s.list_guides(&ListQuery::default()).unwrap().into_iter().map(|g| g.title).collect()
}

/// What this proves: with less room left than the WAL index needs (32 KB), opening to write
/// says the disk is full (`store.disk_full`, not "disk I/O error") and changes nothing, while a
/// read-only open still reads the database (immutable, as the WAL holds nothing).
#[test]
fn a_full_disk_still_reads_and_says_full_when_writing() {
    let Some(fs_) = Tmpfs::mount(2048) else { return };
    let (path, _) = database_in(fs_.path());
    let before = fs::read(&path).unwrap();
    fs_.fill_leaving(16 * 1024);

    let err =
        Store::open_with(&path, OpenOptions { seed: false, ..OpenOptions::default() }).unwrap_err();
    assert_eq!(err.code(), "store.disk_full", "{err}");
    assert!(err.to_string().contains("is full"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before, "nothing written");

    let s = Store::open_with(&path, read_only()).unwrap();
    assert_eq!(titles(&s), [sample().meta.title]);
    let why = s.immutable_reason().expect("opened immutable");
    assert!(why.starts_with("the disk is full"), "{why}");
}

/// What this proves: a store opened before the disk filled keeps reading, and a write says the
/// disk is full (SQLITE_FULL) and keeps nothing half-written.
#[test]
fn a_disk_that_fills_while_open_refuses_writes_as_full() {
    let Some(fs_) = Tmpfs::mount(2048) else { return };
    let (path, id) = database_in(fs_.path());
    let mut s =
        Store::open_with(&path, OpenOptions { seed: false, ..OpenOptions::default() }).unwrap();
    fs_.fill_leaving(0);
    let draft = s.draft(id).unwrap();
    let mut big = draft.guide.clone();
    big.tldr = "an edit that needs new pages ".repeat(4000);
    let err = s.save_draft(id, draft.revision, &big).unwrap_err();
    assert_eq!(err.code(), "store.disk_full", "{err}");
    assert_eq!(s.draft(id).unwrap().revision, draft.revision);
    assert_eq!(titles(&s), [sample().meta.title]);
}

/// What this proves: in a read-only folder (here a read-only mount: as root, permissions do
/// not stop writes), a read-only open reads the database although SQLite cannot make its WAL
/// index there; opening to write fails with a clear error. When the WAL holds changes that
/// cannot be read without the index, the read-only open says exactly that.
#[test]
fn a_read_only_folder_still_reads() {
    let Some(fs_) = Tmpfs::mount(2048) else { return };
    let (path, _) = database_in(fs_.path());
    // A second database whose WAL holds changes: copied while a connection keeps them there.
    let pending = fs_.path().join("pending.db");
    {
        let (src, _) = database_in(tempfile::tempdir().unwrap().keep().as_path());
        let c = rusqlite::Connection::open(&src).unwrap();
        c.execute_batch("PRAGMA wal_autocheckpoint = 0; UPDATE guides SET title = 'Changed';")
            .unwrap();
        fs::copy(&src, &pending).unwrap();
        fs::copy(side(&src, "-wal"), side(&pending, "-wal")).unwrap();
        assert!(fs::metadata(side(&pending, "-wal")).unwrap().len() > 0);
    }
    fs_.remount_read_only();

    let err =
        Store::open_with(&path, OpenOptions { seed: false, ..OpenOptions::default() }).unwrap_err();
    assert_eq!(err.code(), "store.read_only", "{err}");
    let msg = err.to_string();
    assert!(
        msg.contains(
            "keeps almanac.db-wal and almanac.db-shm beside it, and cannot create them: \
                      its folder cannot be written"
        ),
        "{msg}"
    );

    let s = Store::open_with(&path, read_only()).unwrap();
    assert_eq!(titles(&s), [sample().meta.title]);
    let why = s.immutable_reason().expect("opened immutable");
    assert!(why.contains("its folder cannot be written"), "{why}");

    let err = Store::open_with(&pending, read_only()).unwrap_err();
    assert_eq!(err.code(), "store.read_only", "{err}");
    let msg = err.to_string();
    assert!(msg.contains("pending.db-wal) holds changes not yet in the database file"), "{msg}");
}
