//! Opening the database: pragmas, integrity check, moving a damaged file aside, migrations.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Result, StoreError};
use crate::types::{OpenReport, Recovery};

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 4;

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
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions { seed: true, recover_corrupt: true, read_only: false, integrity_check: true }
    }
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

/// Opens `path` with the pragmas every connection uses. Returns the connection and whether the
/// file was new.
pub(crate) fn open_file(path: &Path, opts: &OpenOptions) -> Result<(Connection, OpenReport)> {
    if !opts.read_only {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir)
                .map_err(|source| StoreError::Io { path: dir.into(), source })?;
        }
    }
    match try_open(path, opts) {
        Ok(ok) => Ok(ok),
        Err(OpenFailure::Other(e)) => Err(e),
        Err(OpenFailure::Damaged(detail)) if opts.recover_corrupt && !opts.read_only => {
            let moved_to = move_aside(path)?;
            match try_open(path, opts) {
                Ok((conn, mut report)) => {
                    report.recovered = Some(Recovery { moved_to, detail });
                    Ok((conn, report))
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

fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) | Some(rusqlite::ErrorCode::NotADatabase)
    )
}

fn try_open(path: &Path, opts: &OpenOptions) -> Result<(Connection, OpenReport), OpenFailure> {
    let created = fs::metadata(path).map(|m| m.len() == 0).unwrap_or(true);
    if opts.read_only && created {
        return Err(StoreError::not_found(format!("The database {}", path.display())).into());
    }
    let flags = if opts.read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
    };
    let sql_err = |e: rusqlite::Error| -> OpenFailure {
        if is_damage(&e) {
            OpenFailure::Damaged(e.to_string())
        } else {
            OpenFailure::Other(StoreError::from_sqlite(e, path))
        }
    };
    let conn = Connection::open_with_flags(path, flags).map_err(sql_err)?;
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
