//! The Almanac Studio local store: one SQLite file (rusqlite, bundled SQLite with FTS5) holding
//! every guide's working draft, its recent draft revisions, its immutable named versions, review
//! notes and approvals, and a full-text search index. Tauri-free: the app and the `almanac` CLI
//! share this API.
//!
//! # Model
//! - **Guides** (`guides`): id, slug (unique among guides not in the trash), title, review
//!   state, created/updated, `trashed_at`. The slug and title follow the draft's `meta.slug` /
//!   `meta.title` on every save (the slug only when it is a valid, free slug, so a half-typed
//!   slug never breaks a save; a slug used by another guide refuses the save with
//!   `store.slug_taken`).
//! - **Draft** (`drafts`): one per guide, with a revision counter starting at 1. Every save
//!   names the revision it started from ([`Store::save_draft`]); a stale base is refused with
//!   `store.conflict` carrying the current revision, and nothing is written. Drafts may fail
//!   validation (an editor's draft can be unfinished) but must be a `Guide`.
//! - **Draft revisions** (`draft_revisions`): every write of the draft (save, rename, restore)
//!   is also kept as a revision, so the content before any restore is always kept.
//! - **Versions** (`versions`): named, numbered (1, 2, ...), labelled ("v1", unique per guide),
//!   with a review state, a note, a created time and the sha256 of the canonical JSON. Their
//!   content lives in content-addressed **blobs** (`blobs`): identical content is stored once,
//!   and a new blob is stored as a line delta against the guide's newest version (zlib;
//!   chains at most [`MAX_DELTA_DEPTH`] deep, each blob's hash checked when read). Draft
//!   revisions are deltas against the guide's newest version too. Triggers make versions and blobs immutable (only `state` and
//!   `note` of a version change) and undeletable: **named versions are never pruned**.
//! - **Review** (`version_notes`, `approvals`): notes on a version or on one field path;
//!   each approval records the content hash it approved ([`Store::approval_status`] says
//!   whether that still covers the draft).
//! - **Search** (`guide_fts`, FTS5): title, TL;DR, takeaways, sections, FAQ and sources of
//!   each guide's current draft. See [`Store::search`].
//!
//! # Draft revision pruning policy
//! Every write of a draft keeps a revision. Every 10th revision of a guide, older revisions
//! are pruned to: the **newest 50 revisions**, plus **the newest revision of every clock hour
//! within the last 7 days** (so a week of work can be walked back hour by hour). Everything
//! else is deleted. The current draft is always the newest revision and so is always kept.
//! Named versions are never pruned. Constants: [`KEEP_RECENT_REVISIONS`],
//! [`KEEP_HOURLY_DAYS`], [`PRUNE_EVERY`].
//!
//! # Version states
//! `draft → in_review → approved → live` forwards, one step back at a time
//! (`live → approved → in_review → draft`), `archived` from any state, and from `archived`
//! back to `draft` only. Entering `approved` records an approval of the version's content
//! hash. When a version goes `live`, the guide's other live version (if any) is archived: a
//! guide has at most one live version. See [`allowed_transition`].
//!
//! # Durability
//! WAL journal, `foreign_keys = ON`, a 5 s busy timeout, and `PRAGMA integrity_check` at open.
//!
//! The WAL is checkpointed by a background thread (its own connection, every 0.5 s, PASSIVE), so
//! saves never pay for a checkpoint; the saving connection checkpoints by itself only when the
//! WAL passes 10,000 pages (a backstop).
//!
//! `synchronous`: **FULL for every deliberate act** (create, rename, trash, snapshot, state
//! change, approval, note, restore): the commit is synced to disk before the call returns, so it
//! survives an application crash, an OS crash and a power loss. **NORMAL for autosaves**
//! ([`Store::save_draft`]): in WAL mode a NORMAL commit is atomic and survives any application
//! crash (the SIGKILL crash test proves it), and the database can never be corrupted, but after
//! a power loss or OS crash the autosaves of the last moments (those not yet synced by a later
//! FULL commit, a checkpoint or the OS, typically seconds) may be rolled back to an earlier
//! revision. Why: an autosave is superseded by the next one seconds later, and a FULL sync costs
//! about as much as the whole rest of the save (see BENCHMARKS.md: the save budget is 2 ms
//! median); the editor's deliberate acts get the full guarantee. A damaged file (not a database, or failing the check) is moved aside to
//! `<name>.corrupt-<UTC timestamp>` (with its `-wal`/`-shm`), never deleted, and a new database
//! is started and seeded; [`OpenReport::recovered`] says where the old file went. A read-only
//! or full disk fails the write with `store.read_only` / `store.disk_full`; every write is one
//! transaction, so nothing is half-written and the caller keeps its edit to retry. A full disk
//! is `store.disk_full` also when SQLite meets it growing the WAL index (`-shm`), which it calls
//! an I/O error. A store opened read-only still reads where the WAL index cannot be made (a
//! read-only folder, a full disk) as long as the WAL holds no changes: see
//! [`Store::immutable_reason`]. [`OpenOptions::create`] says whether a missing or empty file may
//! become a new database.
//!
//! # Seeding
//! A newly created database is seeded from the guides of `content/` embedded at build time
//! (see `build.rs`): `content/<slug>/guide.json` becomes a guide whose named version (label and
//! state from its `meta.version`, e.g. "v1", live) is that file, and whose draft is the same
//! content, except when `content/<slug>-v<N>/guide.json` files exist: then those are later
//! versions of `<slug>`; the newest of them becomes the draft (not a named version) and any in
//! between become named versions. So `training-infrastructure` is seeded with version "v1"
//! (live) and its draft holds the v2 content, ready to compare.
//!
//! # Errors
//! Every operation returns [`Result`]; [`StoreError::code`] is a stable machine code (listed
//! in [`StoreError::CODES`]) and `Display` is a message for people.
//!
//! # Modules
//! - this file: [`Store`], its read and write transactions (`synchronous` per write).
//! - `db`: opening the database (pragmas, integrity check, moving a damaged file aside),
//!   [`OpenOptions`], the migrations.
//! - `paths`: where the database lives by default ([`default_db_path`]).
//! - `guides`: guides and drafts (create, list, rename, trash, autosave, kept revisions, pruning).
//! - `versions`: named versions, review states, notes, approvals, and what a page derives from
//!   the store (`stamp_draft`, `publishable_version`).
//! - `restore`: a version, one field or one list item back into the draft.
//! - `import`: a bundle's guide as a new guide, a new version or the draft.
//! - `search`: the full-text index and [`Store::search`] (snippets as [`SnippetRun`]s).
//! - `blobs`, `codec`: stored content (delta-encoded blobs, hashes, compression).
//! - `seed`: the sample guides a new database starts with.
//! - `settings`: small named values (the reviewer name).
//! - `types`: what the store hands out (IPC types); `error`: [`StoreError`].

mod blobs;
mod codec;
mod db;
mod error;
mod guides;
mod import;
mod paths;
mod restore;
mod search;
mod seed;
mod settings;
mod shared;
mod types;
mod versions;

use std::path::{Path, PathBuf};

use chrono::Utc;
use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use blobs::MAX_DEPTH as MAX_DELTA_DEPTH;
pub use codec::{content_hash, edit_hash, parse_guide};
pub use db::{Migration, OpenOptions, BUSY_TIMEOUT, MIGRATIONS, SCHEMA_VERSION};
pub use error::{Result, StoreError};
pub use guides::{KEEP_HOURLY_DAYS, KEEP_RECENT_REVISIONS, PRUNE_EVERY};
pub use paths::default_db_path;
pub use search::fts_query;
pub use seed::seed_files;
pub use settings::REVIEWER_SETTING;
pub use shared::{
    canonical_bytes, event_file, version_file, EventKind, LabelRef, LoggedEvent, Renamed,
    ReviewEvent, ShareOut, SharedGuideIn, SharedImport, SyncState, BEHIND_SETTING, LIBRARY_SETTING,
    MACHINE_SETTING,
};
pub use types::*;
pub use versions::allowed_transition;

/// An open store. Not `Sync`: share it behind a mutex. Reads take `&self`, writes `&mut self`.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    report: OpenReport,
    clock: db::Clock,
    cache: blobs::SharedCache,
    /// Why a read-only store was opened immutable, when it was (see [`Store::immutable_reason`]).
    immutable: Option<String>,
    /// Declared last: dropped after the connection.
    _checkpointer: Option<db::Checkpointer>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).field("report", &self.report).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` with [`OpenOptions::default`]: a new
    /// database is seeded, a damaged one is moved aside and replaced (see `open_report`).
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        Store::open_with(path, OpenOptions::default())
    }

    /// Opens the database at `path` with explicit options.
    pub fn open_with(path: impl AsRef<Path>, opts: OpenOptions) -> Result<Store> {
        let path = path.as_ref();
        let db::Opened { conn, report, immutable } = db::open_file(path, &opts)?;
        let checkpointer = if opts.read_only {
            None
        } else {
            conn.pragma_update(None, "wal_autocheckpoint", db::AUTOCHECKPOINT_BACKSTOP)
                .map_err(|e| StoreError::from_sqlite(e, path))?;
            db::Checkpointer::start(path)
        };
        let mut store = Store {
            conn,
            path: path.into(),
            report,
            clock: Box::new(Utc::now),
            cache: Default::default(),
            immutable,
            _checkpointer: checkpointer,
        };
        if store.report.created && opts.seed && !opts.read_only {
            store.report.seeded = store.seed_from_content()?;
        }
        Ok(store)
    }

    /// A new, empty, unseeded database in memory (tests, benchmarks, previews).
    pub fn open_in_memory() -> Result<Store> {
        let path = PathBuf::from(":memory:");
        let mut conn =
            Connection::open_in_memory().map_err(|e| StoreError::from_sqlite(e, &path))?;
        db::configure(&conn).map_err(|e| StoreError::from_sqlite(e, &path))?;
        let mut report = OpenReport { created: true, ..OpenReport::default() };
        db::migrate(&mut conn, &path, false, &mut report)?;
        Ok(Store {
            conn,
            path,
            report,
            clock: Box::new(Utc::now),
            cache: Default::default(),
            immutable: None,
            _checkpointer: None,
        })
    }

    /// What happened at open: created, migrated, seeded, recovered from a damaged file.
    pub fn open_report(&self) -> &OpenReport {
        &self.report
    }

    /// When a read-only store ([`OpenOptions::read_only`]) could not use the database's WAL
    /// index (a read-only folder, a full disk) and its WAL held no changes, it was opened as an
    /// unchanging file instead (SQLite's `immutable`: no locks, no WAL): this is why (the error
    /// met first). It reads what the database file holds; what another program writes while it
    /// is open is not seen. `None` for a store opened the usual way.
    pub fn immutable_reason(&self) -> Option<&str> {
        self.immutable.as_deref()
    }

    /// The database file (`:memory:` in memory).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Replaces the clock that stamps created/updated/saved times (tests of time-based rules).
    pub fn set_clock(&mut self, clock: impl Fn() -> chrono::DateTime<Utc> + Send + 'static) {
        self.clock = Box::new(clock);
    }

    /// Runs `PRAGMA integrity_check` now; `Ok(())` when it says "ok".
    pub fn check_integrity(&self) -> Result<()> {
        let problems = db::integrity_problems(&self.conn).map_err(|e| self.sql(e))?;
        if problems.is_empty() {
            Ok(())
        } else {
            Err(StoreError::Corrupt {
                path: self.path.clone(),
                moved_to: None,
                detail: problems.join("; "),
            })
        }
    }

    /// The underlying connection, for read-only inspection (tests, diagnostics).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn now(&self) -> String {
        db::stamp((self.clock)())
    }

    pub(crate) fn sql(&self, e: rusqlite::Error) -> StoreError {
        StoreError::from_sqlite(e, &self.path)
    }

    /// Runs the read `f` and fills the database path into its errors.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        f(&self.conn).map_err(|e| locate(e, &self.path))
    }

    /// `write` for autosaves: the transaction commits with `synchronous = NORMAL` (crate docs,
    /// Durability), then the connection returns to FULL.
    pub(crate) fn write_autosave<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>, &WriteCtx) -> Result<T>,
    ) -> Result<T> {
        self.conn.execute_batch("PRAGMA synchronous = NORMAL").map_err(|e| self.sql(e))?;
        let out = self.write(f);
        let reset = self.conn.execute_batch("PRAGMA synchronous = FULL").map_err(|e| self.sql(e));
        let out = out?;
        reset?;
        Ok(out)
    }

    /// Runs `f` in one IMMEDIATE transaction (the write lock is taken up front, so a save never
    /// fails half-way on a lock upgrade) and commits; any error rolls everything back.
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>, &WriteCtx) -> Result<T>,
    ) -> Result<T> {
        let at = (self.clock)();
        let ctx =
            WriteCtx { now: db::stamp(at), at, path: self.path.clone(), cache: self.cache.clone() };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::from_sqlite(e, &ctx.path))?;
        let out = f(&tx, &ctx).map_err(|e| ctx.locate(e))?;
        tx.commit().map_err(|e| StoreError::from_sqlite(e, &ctx.path))?;
        Ok(out)
    }
}

/// What a write transaction knows: the time stamp for every row it writes and the file.
pub(crate) struct WriteCtx {
    pub now: String,
    pub at: chrono::DateTime<Utc>,
    pub path: PathBuf,
    pub cache: blobs::SharedCache,
}

impl WriteCtx {
    /// Fills in the database path of errors made without it.
    pub fn locate(&self, e: StoreError) -> StoreError {
        locate(e, &self.path)
    }
}

pub(crate) fn locate(e: StoreError, path: &Path) -> StoreError {
    match e {
        StoreError::Corrupt { path: p, moved_to, detail } if p.as_os_str().is_empty() => {
            StoreError::Corrupt { path: path.into(), moved_to, detail }
        }
        StoreError::ReadOnly { path: p, detail } if p.as_os_str().is_empty() => {
            StoreError::ReadOnly { path: path.into(), detail }
        }
        StoreError::DiskFull { path: p, detail } if p.as_os_str().is_empty() => {
            StoreError::DiskFull { path: path.into(), detail }
        }
        StoreError::Busy { path: p } if p.as_os_str().is_empty() => {
            StoreError::Busy { path: path.into() }
        }
        other => other,
    }
}

impl From<rusqlite::Error> for StoreError {
    /// A SQLite error without its file; `Store` fills the path in before returning it.
    fn from(e: rusqlite::Error) -> Self {
        StoreError::from_sqlite(e, Path::new(""))
    }
}

/// A damaged stored row (decompression or parse failure), reported as `store.corrupt`.
pub(crate) fn damaged(detail: String) -> StoreError {
    StoreError::Corrupt { path: PathBuf::new(), moved_to: None, detail }
}
