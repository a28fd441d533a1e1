//! Opening the database: pragmas, integrity check, moving a damaged file aside, migrations.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Result, StoreError};
use crate::types::{OpenReport, Recovery};

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 5;

/// How long a statement waits for another connection's lock before failing with `store.busy`.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// One numbered migration: the SQL kept in `migrations/`, plus an optional Rust step that
/// fills derived data (run in the same transaction).
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
    pub(crate) after: Option<fn(&Transaction<'_>) -> Result<()>>,
}

impl Migration {
    /// Runs this migration alone on `conn` (its SQL, its Rust step, `user_version`), in one
    /// transaction: how tests build a database exactly as an older build left it.
    #[doc(hidden)]
    pub fn apply(&self, conn: &mut Connection) -> Result<()> {
        let path = Path::new("");
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::from_sqlite(e, path))?;
        tx.execute_batch(self.sql).map_err(|e| StoreError::from_sqlite(e, path))?;
        if let Some(after) = self.after {
            after(&tx)?;
        }
        tx.pragma_update(None, "user_version", self.version)
            .map_err(|e| StoreError::from_sqlite(e, path))?;
        tx.commit().map_err(|e| StoreError::from_sqlite(e, path))
    }
}

/// Every migration, in order. Migration N takes a database from schema N-1 to N.
pub static MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "0001_core",
        sql: include_str!("../migrations/0001_core.sql"),
        after: None,
    },
    Migration {
        version: 2,
        name: "0002_review_search",
        sql: include_str!("../migrations/0002_review_search.sql"),
        after: Some(crate::search::reindex_all),
    },
    Migration {
        version: 3,
        name: "0003_delta",
        sql: include_str!("../migrations/0003_delta.sql"),
        after: None,
    },
    Migration {
        version: 4,
        name: "0004_version_model",
        sql: include_str!("../migrations/0004_version_model.sql"),
        after: Some(crate::versions::migrate_version_model),
    },
    Migration {
        version: 5,
        name: "0005_shared_library",
        sql: include_str!("../migrations/0005_shared_library.sql"),
        after: Some(crate::shared::migrate_shared_library),
    },
];

/// How `Store::open_with` opens a database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenOptions {
    /// Seed a newly created database from the built-in sample guides. Default: true.
    pub seed: bool,
    /// Move a damaged database aside and start a new one (reported in `OpenReport::recovered`)
    /// instead of failing with `store.corrupt`. Default: true.
    pub recover_corrupt: bool,
    /// Open read-only: no migrations, no seeding, every write fails with `store.read_only`.
    /// Default: false.
    pub read_only: bool,
    /// Run `PRAGMA integrity_check` (a full check of every page) at open. Default: true.
    pub integrity_check: bool,
    /// Make a new database when the file is missing or empty (zero bytes), creating its folder.
    /// Default: true (the app's own database is made on first start). When false, a missing
    /// file is `store.not_found` and an empty one `store.corrupt` ("not a database"), and
    /// nothing is written: a mistyped or wrong path never becomes a database.
    pub create: bool,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            seed: true,
            recover_corrupt: true,
            read_only: false,
            integrity_check: true,
            create: true,
        }
    }
}

/// A database opened by [`open_file`].
pub(crate) struct Opened {
    pub conn: Connection,
    pub report: OpenReport,
    /// Why the database was opened `immutable` (read-only, without locks or the WAL), when it
    /// was: see [`open_file`].
    pub immutable: Option<String>,
}

/// The wall clock the store stamps rows with; tests replace it.
pub(crate) type Clock = Box<dyn Fn() -> DateTime<Utc> + Send>;

pub(crate) fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Why a first attempt to open failed.
enum OpenFailure {
    /// The file is damaged or not a database.
    Damaged(String),
    Other(StoreError),
}

impl From<StoreError> for OpenFailure {
    fn from(e: StoreError) -> Self {
        OpenFailure::Other(e)
    }
}

/// Opens `path` with the pragmas every connection uses, reporting whether the file was new.
///
/// Read-only, a database in WAL mode is normally read through its `-shm` index, which SQLite
/// creates and sizes (32 KB) beside the file. Where that cannot be done (a read-only folder, a
/// full disk) and the WAL holds nothing (no `-wal` file, or an empty one: every change is in
/// the database file), the file is opened `immutable` instead, without locks or the index;
/// [`Opened::immutable`] says why. When the WAL holds changes, they cannot be read that way,
/// and the open fails with `store.read_only` saying so.
pub(crate) fn open_file(path: &Path, opts: &OpenOptions) -> Result<Opened> {
    if !opts.read_only && opts.create {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir)
                .map_err(|source| StoreError::Io { path: dir.into(), source })?;
        }
    }
    match try_open(path, opts, false) {
        Ok(ok) => Ok(Opened { conn: ok.0, report: ok.1, immutable: None }),
        Err(OpenFailure::Other(e)) if opts.read_only && needs_wal_index(&e) => {
            if wal_holds_changes(path) {
                return Err(StoreError::ReadOnly {
                    path: path.into(),
                    detail: format!(
                        "its write-ahead log ({}) holds changes not yet in the database file, and                          reading them needs the shared-memory index beside it, which cannot be                          made ({e})",
                        side_file(path, "-wal").display()
                    ),
                });
            }
            match try_open(path, opts, true) {
                Ok((conn, report)) => {
                    Ok(Opened { conn, report, immutable: Some(short_reason(&e)) })
                }
                Err(OpenFailure::Damaged(detail)) => {
                    Err(StoreError::Corrupt { path: path.into(), moved_to: None, detail })
                }
                // The first failure says more than the fallback's.
                Err(OpenFailure::Other(_)) => Err(e),
            }
        }
        Err(OpenFailure::Other(e)) => Err(e),
        Err(OpenFailure::Damaged(detail))
            if opts.recover_corrupt && !opts.read_only && opts.create =>
        {
            let moved_to = move_aside(path)?;
            match try_open(path, opts, false) {
                Ok((conn, mut report)) => {
                    report.recovered = Some(Recovery { moved_to, detail });
                    Ok(Opened { conn, report, immutable: None })
                }
                Err(OpenFailure::Other(e)) => Err(e),
                Err(OpenFailure::Damaged(again)) => Err(StoreError::Corrupt {
                    path: path.into(),
                    moved_to: Some(moved_to),
                    detail: format!("{detail}; the new database is damaged too: {again}"),
                }),
            }
        }
        Err(OpenFailure::Damaged(detail)) => {
            Err(StoreError::Corrupt { path: path.into(), moved_to: None, detail })
        }
    }
}

/// Whether a read-only open failed for want of the WAL index: the `-shm` file could not be
/// created, opened or sized (read-only folder, full disk).
fn needs_wal_index(e: &StoreError) -> bool {
    matches!(
        e,
        StoreError::ReadOnly { .. }
            | StoreError::DiskFull { .. }
            | StoreError::Io { .. }
            | StoreError::Internal { .. }
    )
}

/// Why a read-only open could not use the WAL index, in a few words for a note.
fn short_reason(e: &StoreError) -> String {
    match e {
        StoreError::DiskFull { detail, .. } => format!("the disk is full ({detail})"),
        StoreError::ReadOnly { detail, .. } | StoreError::Internal { detail } => detail.clone(),
        StoreError::Io { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

/// `path` with `suffix` appended to its file name: `almanac.db-wal`.
fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Whether the database's `-wal` file exists and is not empty (it may hold committed changes
/// the database file does not have yet).
fn wal_holds_changes(path: &Path) -> bool {
    fs::metadata(side_file(path, "-wal")).is_ok_and(|m| m.len() > 0)
}

/// Why SQLite cannot open the files it keeps beside a WAL database (`<name>-wal`, `<name>-shm`),
/// when that is the trouble: one exists and cannot be opened for writing, or one is missing and
/// the folder cannot be written (probed with a file of this process's own, removed at once).
fn side_files_problem(path: &Path) -> Option<StoreError> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut missing = false;
    for suffix in ["-wal", "-shm"] {
        let side = side_file(path, suffix);
        if !side.exists() {
            missing = true;
        } else if let Err(e) = fs::OpenOptions::new().read(true).write(true).open(&side) {
            return Some(StoreError::ReadOnly {
                path: path.into(),
                detail: format!("SQLite cannot write {name}{suffix} beside it ({e})"),
            });
        }
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let probe = dir.join(format!(".{name}-probe-{}", std::process::id()));
    match fs::OpenOptions::new().write(true).create_new(true).open(&probe) {
        Ok(_) => {
            let _ = fs::remove_file(&probe);
            None
        }
        Err(e) if missing => Some(StoreError::ReadOnly {
            path: path.into(),
            detail: format!(
                "SQLite keeps {name}-wal and {name}-shm beside it, and cannot create them: its \
                 folder cannot be written ({e})"
            ),
        }),
        Err(_) => None,
    }
}

/// What is at the database path before opening. (SQLite writes a new database's first page
/// when it switches it to WAL, so a database is never a zero-byte file.)
#[derive(Debug, PartialEq, Eq)]
enum Found {
    Nothing,
    Empty,
    Database,
}

fn found_at(path: &Path) -> Found {
    match fs::metadata(path) {
        Err(_) => Found::Nothing,
        Ok(m) if m.len() == 0 => Found::Empty,
        Ok(_) => Found::Database,
    }
}

fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) | Some(rusqlite::ErrorCode::NotADatabase)
    )
}

/// One attempt to open: `immutable` opens the file read-only as an unchanging file (the
/// `immutable=1` URI parameter: no locks, no WAL).
fn try_open(
    path: &Path,
    opts: &OpenOptions,
    immutable: bool,
) -> Result<(Connection, OpenReport), OpenFailure> {
    let found = found_at(path);
    let created = found != Found::Database;
    if created && (opts.read_only || !opts.create) {
        return Err(match found {
            Found::Empty => StoreError::Corrupt {
                path: path.into(),
                moved_to: None,
                detail: "it is an empty file, 0 bytes".into(),
            },
            _ => StoreError::not_found(format!("The database {}", path.display())),
        }
        .into());
    }
    let flags = if immutable {
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
    } else if opts.read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
    };
    let sql_err = |e: rusqlite::Error| -> OpenFailure {
        if is_damage(&e) {
            OpenFailure::Damaged(e.to_string())
        } else if e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen) && path.is_file() {
            // The file opened: what could not be was a file SQLite makes beside it.
            OpenFailure::Other(
                side_files_problem(path).unwrap_or_else(|| StoreError::from_sqlite(e, path)),
            )
        } else {
            OpenFailure::Other(StoreError::from_sqlite(e, path))
        }
    };
    let conn = if immutable {
        Connection::open_with_flags(immutable_uri(path), flags)
    } else {
        Connection::open_with_flags(path, flags)
    }
    .map_err(sql_err)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(sql_err)?;
    if !opts.read_only {
        let mode: String =
            conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(sql_err)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(OpenFailure::Other(StoreError::Internal {
                detail: format!("{} could not be switched to WAL (mode {mode})", path.display()),
            }));
        }
    }
    configure(&conn).map_err(sql_err)?;
    if opts.integrity_check {
        let problems = integrity_problems(&conn).map_err(sql_err)?;
        if !problems.is_empty() {
            return Err(OpenFailure::Damaged(format!("integrity_check: {}", problems.join("; "))));
        }
    }
    let mut report = OpenReport { path: Some(path.into()), created, ..OpenReport::default() };
    let mut conn = conn;
    migrate(&mut conn, path, opts.read_only, &mut report).map_err(|e| match e {
        StoreError::Corrupt { detail, .. } => OpenFailure::Damaged(detail),
        other => OpenFailure::Other(other),
    })?;
    Ok((conn, report))
}

/// The `file:` URI that opens `path` immutable: its bytes percent-encoded where a URI needs it.
fn immutable_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for b in absolute.as_os_str().as_encoded_bytes() {
        // Windows: `C:\dir\almanac.db` is `file:/C:/dir/almanac.db`.
        let b = if cfg!(windows) && *b == b'\\' { b'/' } else { *b };
        if uri.len() == 5 && b != b'/' {
            uri.push('/');
        }
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' | b':' => {
                uri.push(char::from(b))
            }
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Per-connection settings.
///
/// `synchronous = FULL` is the connection's setting: in WAL mode every commit syncs the WAL to
/// disk before the call returns, so a named version, an approval, a restore, a rename or a
/// trash survives an application crash *and* a power loss or OS crash. Autosaves
/// (`save_draft`) alone commit with `NORMAL` (see `Store::write_autosave`).
pub(crate) fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;",
    )
}

/// Rows of `PRAGMA integrity_check` other than "ok".
pub(crate) fn integrity_problems(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for row in rows {
        let row = row?;
        if row != "ok" {
            out.push(row);
        }
    }
    Ok(out)
}

/// Moves a damaged database (and its `-wal`/`-shm` files, paired under the new name so SQLite
/// still finds them) to `<name>.corrupt-<UTC timestamp>`. Never deletes anything.
fn move_aside(path: &Path) -> Result<PathBuf> {
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut target = path.with_file_name(format!("{name}.corrupt-{stamp}"));
    let mut n = 2;
    while target.exists() {
        target = path.with_file_name(format!("{name}.corrupt-{stamp}-{n}"));
        n += 1;
    }
    fs::rename(path, &target).map_err(|source| StoreError::Io { path: path.into(), source })?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", path.display()));
        if side.exists() {
            let to = PathBuf::from(format!("{}{suffix}", target.display()));
            fs::rename(&side, &to).map_err(|source| StoreError::Io { path: side, source })?;
        }
    }
    Ok(target)
}

/// Brings the schema up to `SCHEMA_VERSION`, one migration per transaction.
pub(crate) fn migrate(
    conn: &mut Connection,
    path: &Path,
    read_only: bool,
    report: &mut OpenReport,
) -> Result<()> {
    let found: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| StoreError::from_sqlite(e, path))?;
    report.migrated_from = found;
    report.schema_version = found;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.into(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found < SCHEMA_VERSION && read_only {
        return Err(StoreError::ReadOnly {
            path: path.into(),
            detail: format!(
                "it has schema version {found} and must be upgraded to {SCHEMA_VERSION}, which \
                 needs write access"
            ),
        });
    }
    for m in MIGRATIONS.iter().filter(|m| m.version > found) {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::from_sqlite(e, path))?;
        tx.execute_batch(m.sql).map_err(|e| StoreError::from_sqlite(e, path))?;
        if let Some(after) = m.after {
            after(&tx)?;
        }
        tx.pragma_update(None, "user_version", m.version)
            .map_err(|e| StoreError::from_sqlite(e, path))?;
        tx.commit().map_err(|e| StoreError::from_sqlite(e, path))?;
        report.schema_version = m.version;
    }
    Ok(())
}

/// How often the background checkpointer copies the WAL into the database file.
pub const CHECKPOINT_EVERY: Duration = Duration::from_millis(500);

/// The WAL size (pages) at which the saving connection checkpoints by itself: a backstop in
/// case the background checkpointer falls behind.
pub(crate) const AUTOCHECKPOINT_BACKSTOP: i64 = 10_000;

/// Checkpoints the WAL from a background thread with its own connection, so a save never pays
/// for copying the WAL into the database file (which made SQLite's automatic checkpoint the
/// slowest 1–3 % of saves). Stopped and joined on drop.
pub(crate) struct Checkpointer {
    stop: Option<std::sync::mpsc::Sender<()>>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl Checkpointer {
    /// Starts the thread; `None` when its connection cannot be opened (the saving connection's
    /// automatic checkpoint then does the work, as SQLite does by default).
    pub(crate) fn start(path: &Path) -> Option<Checkpointer> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).ok()?;
        conn.busy_timeout(Duration::from_millis(50)).ok()?;
        let (stop, rx) = std::sync::mpsc::channel::<()>();
        let handle = std::thread::Builder::new()
            .name("almanac-store-checkpoint".into())
            .spawn(move || {
                while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
                    rx.recv_timeout(CHECKPOINT_EVERY)
                {
                    // PASSIVE: copies what it can without waiting for readers or writers. A
                    // failure (busy) is retried at the next tick.
                    let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                }
            })
            .ok()?;
        Some(Checkpointer { stop: Some(stop), handle: Some(handle) })
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_immutable_uri_escapes_what_a_uri_must() {
        let uri = immutable_uri(Path::new("/data/my guides/a?b#c%.db"));
        assert_eq!(uri, "file:/data/my%20guides/a%3Fb%23c%25.db?immutable=1");
    }

    /// The read-only fallback is taken for what a missing WAL index causes, and only when the
    /// WAL holds nothing.
    #[test]
    fn the_read_only_fallback_is_for_a_missing_wal_index_only() {
        let p = PathBuf::from("/d/a.db");
        let full = StoreError::DiskFull { path: p.clone(), detail: "x".into() };
        let ro = StoreError::ReadOnly { path: p.clone(), detail: "y".into() };
        assert!(needs_wal_index(&full) && needs_wal_index(&ro));
        assert!(!needs_wal_index(&StoreError::Busy { path: p.clone() }));
        assert!(!needs_wal_index(&StoreError::NewerSchema { path: p, found: 9, supported: 4 }));
        assert_eq!(short_reason(&full), "the disk is full (x)");
        assert_eq!(short_reason(&ro), "y");

        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("a.db");
        assert!(!wal_holds_changes(&db));
        fs::write(side_file(&db, "-wal"), b"").unwrap();
        assert!(!wal_holds_changes(&db), "an empty WAL holds nothing");
        fs::write(side_file(&db, "-wal"), b"frames").unwrap();
        assert!(wal_holds_changes(&db));
    }
}
