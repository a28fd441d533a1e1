//! The store's file and disk going wrong under the CLI: an empty file given as `--db`, a full
//! disk, a read-only folder. Reads go on where the database file can be read; writes say why
//! they cannot be done; nothing becomes a database that was not asked to be one.
//!
//! The full-disk and read-only tests mount a small tmpfs (root with CAP_SYS_ADMIN, as in CI's
//! container); where that is not allowed they say so and pass without checking (the store's
//! own tests cover the error mapping everywhere).

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{almanac, err, init_db, ok};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn side(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

#[test]
fn an_empty_file_given_as_db_is_not_a_database_and_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.db");
    fs::write(&empty, b"").unwrap();
    for args in [
        vec!["guides"],
        vec!["versions", "training-infrastructure"],
        vec!["snapshot", "training-infrastructure", "--label", "v9"],
        vec!["export", "training-infrastructure@v1", "-o", "out"],
    ] {
        let mut all = vec!["--db", s(&empty)];
        all.extend(args.iter());
        let e = err(&almanac(&all), 3);
        assert!(e.contains("is not a database (it is an empty file, 0 bytes)"), "{args:?}: {e}");
        assert!(e.contains("left where it is"), "{e}");
        assert_eq!(fs::metadata(&empty).unwrap().len(), 0, "{args:?}: nothing written");
        assert!(!side(&empty, "-wal").exists() && !side(&empty, "-shm").exists());
    }
    // init never touches an existing file, empty or not.
    let e = err(&almanac(&["--db", s(&empty), "init"]), 5);
    assert!(e.contains("already exists"), "{e}");
    assert_eq!(fs::metadata(&empty).unwrap().len(), 0);
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

    /// Fills the file system until only `free` bytes are left.
    fn fill_leaving(&self, free: u64) {
        let mut f = fs::File::create(self.path().join("filler")).unwrap();
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

/// A seeded database made by `almanac init --seed`, copied into `dir` (closed: no `-wal`).
fn seeded_in(dir: &Path) -> PathBuf {
    let made = tempfile::tempdir().unwrap();
    let db = init_db(made.path(), true);
    let path = dir.join("almanac.db");
    fs::copy(db, &path).unwrap();
    path
}

/// The commands that only read, and one that writes.
fn reads(db: &Path, out: &Path) -> Vec<Vec<String>> {
    let db = s(db).to_string();
    let v = |a: &[&str]| {
        let mut all = vec!["--db".to_string(), db.clone()];
        all.extend(a.iter().map(|x| x.to_string()));
        all
    };
    vec![
        v(&["guides"]),
        v(&["versions", "training-infrastructure"]),
        v(&["search", "gigawatt"]),
        v(&["version-show", "training-infrastructure", "v1"]),
        v(&["diff", "training-infrastructure@v1", "training-infrastructure@draft"]),
        v(&["export", "training-infrastructure@v1", "-o", s(out)]),
    ]
}

fn run(args: &[String]) -> std::process::Output {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    almanac(&args)
}

#[test]
fn a_full_disk_still_reads_and_refuses_writes_as_full() {
    let Some(fs_) = Tmpfs::mount(2048) else { return };
    let db = seeded_in(fs_.path());
    let out = tempfile::tempdir().unwrap();
    fs_.fill_leaving(16 * 1024);
    for args in reads(&db, out.path()) {
        let o = run(&args);
        let e = String::from_utf8_lossy(&o.stderr).into_owned();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {e}");
        assert!(
            e.contains("read-only: it cannot be opened for writing (the disk holding it is full)"),
            "{e}"
        );
    }
    assert!(ok(&run(&reads(&db, out.path())[0])).contains("training-infrastructure"));
    let e =
        err(&almanac(&["--db", s(&db), "snapshot", "training-infrastructure", "--label", "v9"]), 5);
    assert!(e.contains("The disk holding") && e.contains("is full"), "{e}");
    assert!(!e.contains("disk I/O error.") && !e.contains("Database error"), "{e}");
}

#[test]
fn a_read_only_folder_still_reads_and_says_why_writes_fail() {
    let Some(fs_) = Tmpfs::mount(2048) else { return };
    let db = seeded_in(fs_.path());
    let out = tempfile::tempdir().unwrap();
    // A copy taken while the store's WAL holds a change: the WAL cannot be read in a
    // read-only folder.
    let pending = fs_.path().join("pending.db");
    {
        let mut store = common::open_store(&db);
        store.set_setting(almanac_store::REVIEWER_SETTING, "Rita").unwrap();
        fs::copy(&db, &pending).unwrap();
        fs::copy(side(&db, "-wal"), side(&pending, "-wal")).unwrap();
    }
    fs_.remount_read_only();
    let e = err(&almanac(&["--db", s(&pending), "guides"]), 3);
    assert!(e.contains("pending.db-wal) holds changes not yet in the database file"), "{e}");
    for args in reads(&db, out.path()) {
        let o = run(&args);
        let e = String::from_utf8_lossy(&o.stderr).into_owned();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {e}");
        assert!(e.contains("its folder cannot be written"), "{e}");
        assert!(e.contains("without its WAL index or locks"), "{e}");
    }
    let e =
        err(&almanac(&["--db", s(&db), "snapshot", "training-infrastructure", "--label", "v9"]), 5);
    assert!(e.contains("cannot be written") && e.contains("its folder cannot be written"), "{e}");
}
