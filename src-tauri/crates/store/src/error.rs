//! Store errors: each has a stable machine `code()` (the UI matches on it) and a message for
//! people that says what happened and what is kept.

use std::path::PathBuf;

use rusqlite::ErrorCode;

/// Everything a store operation can fail with. No failing operation writes anything: every
/// write runs in one transaction that is rolled back on error, and the caller keeps its edit.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A save (or restore) named a draft revision that is no longer the current one.
    #[error(
        "The draft of guide {guide_id} has changed since revision {base} (it is now at revision \
         {current}); nothing was overwritten. Reload the draft and apply the edit again."
    )]
    Conflict { guide_id: i64, base: i64, current: i64 },

    #[error("{what} was not found.")]
    NotFound { what: String },

    /// The database file is damaged or is not a database. `moved_to` is where the file was
    /// moved aside (it is never deleted), when it was moved.
    #[error("{}", corrupt_message(path, moved_to.as_deref(), detail))]
    Corrupt { path: PathBuf, moved_to: Option<PathBuf>, detail: String },

    #[error(
        "The database {} cannot be written (read-only file, folder or disk): {detail}. \
         Nothing was saved; the edit is kept so it can be saved again.",
        path.display()
    )]
    ReadOnly { path: PathBuf, detail: String },

    #[error(
        "The disk holding {} is full: {detail}. Nothing was saved; free some space and the \
         edit can be saved again.",
        path.display()
    )]
    DiskFull { path: PathBuf, detail: String },

    /// Content that is not a guide (JSON that does not parse as the publishing format).
    #[error("Not a guide: {detail}")]
    InvalidGuide { detail: String },

    #[error("The slug \"{slug}\" is already used by another guide (\"{title}\").")]
    SlugTaken { slug: String, title: String },

    #[error("The slug \"{slug}\" cannot be used: {reason}")]
    InvalidSlug { slug: String, reason: String },

    #[error("This guide already has a version labelled \"{label}\".")]
    LabelTaken { label: String },

    #[error("A version cannot move from {from} to {to}. {allowed}")]
    InvalidTransition { from: String, to: String, allowed: String },

    /// A bad argument: an unknown field path or list, an empty label, and so on.
    #[error("{detail}")]
    InvalidInput { detail: String },

    #[error(
        "The database {} was written by a newer Almanac Studio (schema version {found}; this \
         build knows up to {supported}). It was left untouched.",
        path.display()
    )]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },

    #[error(
        "The database {} is busy (another program holds a lock on it). Nothing was saved; try \
         again.",
        path.display()
    )]
    Busy { path: PathBuf },

    #[error("Cannot use {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("Database error: {detail}")]
    Internal { detail: String },
}

fn corrupt_message(
    path: &std::path::Path,
    moved_to: Option<&std::path::Path>,
    detail: &str,
) -> String {
    match moved_to {
        Some(m) => format!(
            "The database {} was damaged ({detail}). It was moved aside to {} (not deleted) and \
             a new database was started.",
            path.display(),
            m.display()
        ),
        None => format!(
            "The database {} is damaged or is not a database ({detail}). It was left where it is.",
            path.display()
        ),
    }
}

impl StoreError {
    /// The stable machine code of this error, e.g. `"store.conflict"`.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Conflict { .. } => "store.conflict",
            StoreError::NotFound { .. } => "store.not_found",
            StoreError::Corrupt { .. } => "store.corrupt",
            StoreError::ReadOnly { .. } => "store.read_only",
            StoreError::DiskFull { .. } => "store.disk_full",
            StoreError::InvalidGuide { .. } => "store.invalid_guide",
            StoreError::SlugTaken { .. } => "store.slug_taken",
            StoreError::InvalidSlug { .. } => "store.invalid_slug",
            StoreError::LabelTaken { .. } => "store.label_taken",
            StoreError::InvalidTransition { .. } => "store.invalid_transition",
            StoreError::InvalidInput { .. } => "store.invalid_input",
            StoreError::NewerSchema { .. } => "store.newer_schema",
            StoreError::Busy { .. } => "store.busy",
            StoreError::Io { .. } => "store.io",
            StoreError::Internal { .. } => "store.internal",
        }
    }

    /// Every code `code()` can return (for documentation and the UI's exhaustive match).
    pub const CODES: &'static [&'static str] = &[
        "store.conflict",
        "store.not_found",
        "store.corrupt",
        "store.read_only",
        "store.disk_full",
        "store.invalid_guide",
        "store.slug_taken",
        "store.invalid_slug",
        "store.label_taken",
        "store.invalid_transition",
        "store.invalid_input",
        "store.newer_schema",
        "store.busy",
        "store.io",
        "store.internal",
    ];

    pub(crate) fn not_found(what: impl Into<String>) -> StoreError {
        StoreError::NotFound { what: what.into() }
    }

    pub(crate) fn invalid(detail: impl Into<String>) -> StoreError {
        StoreError::InvalidInput { detail: detail.into() }
    }

    /// Maps a SQLite error on the database at `path` to the error the caller can act on.
    ///
    /// A full disk reaches SQLite two ways: a write to the database or its WAL fails with
    /// `SQLITE_FULL`, and growing the WAL index (`<name>-shm`, 32 KB, made when a connection
    /// first reads a WAL database) fails with the I/O error `SQLITE_IOERR_SHMSIZE`, which
    /// would otherwise read as a bare "disk I/O error". Both are `store.disk_full`.
    pub(crate) fn from_sqlite(err: rusqlite::Error, path: &std::path::Path) -> StoreError {
        let detail = err.to_string();
        let path = path.to_path_buf();
        let extended = match &err {
            rusqlite::Error::SqliteFailure(e, _) => e.extended_code,
            _ => 0,
        };
        match err.sqlite_error_code() {
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly { path, detail },
            Some(ErrorCode::DiskFull) => StoreError::DiskFull { path, detail },
            Some(ErrorCode::SystemIoFailure) if extended == rusqlite::ffi::SQLITE_IOERR_SHMSIZE => {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                let shm = format!("{}-shm", name.unwrap_or_default());
                StoreError::DiskFull {
                    detail: format!("{detail}: its WAL index file {shm} could not be grown"),
                    path,
                }
            }
            Some(ErrorCode::DatabaseCorrupt) | Some(ErrorCode::NotADatabase) => {
                StoreError::Corrupt { path, moved_to: None, detail }
            }
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
                StoreError::Busy { path }
            }
            Some(ErrorCode::CannotOpen) | Some(ErrorCode::PermissionDenied) => {
                StoreError::Io { path, source: std::io::Error::other(detail) }
            }
            _ => StoreError::Internal { detail },
        }
    }
}

/// Result of every store operation.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::ffi;

    fn sqlite(extended_code: std::ffi::c_int) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(ffi::Error::new(extended_code), None)
    }

    fn code(extended_code: std::ffi::c_int) -> &'static str {
        StoreError::from_sqlite(sqlite(extended_code), std::path::Path::new("/d/almanac.db")).code()
    }

    #[test]
    fn a_full_disk_is_disk_full_however_sqlite_meets_it() {
        // A write to the database or the WAL.
        assert_eq!(code(ffi::SQLITE_FULL), "store.disk_full");
        // Growing the WAL index when there is no room for it: an I/O error in SQLite's terms.
        assert_eq!(code(ffi::SQLITE_IOERR_SHMSIZE), "store.disk_full");
        let e = StoreError::from_sqlite(
            sqlite(ffi::SQLITE_IOERR_SHMSIZE),
            std::path::Path::new("/d/almanac.db"),
        );
        let msg = e.to_string();
        assert!(msg.starts_with("The disk holding /d/almanac.db is full: "), "{msg}");
        assert!(msg.contains("almanac.db-shm could not be grown"), "{msg}");
        // Other I/O errors say nothing of the disk's room.
        assert_eq!(code(ffi::SQLITE_IOERR), "store.internal");
        assert_eq!(code(ffi::SQLITE_IOERR_READ), "store.internal");
    }

    #[test]
    fn other_sqlite_errors_keep_their_meaning() {
        assert_eq!(code(ffi::SQLITE_READONLY), "store.read_only");
        assert_eq!(code(ffi::SQLITE_READONLY_CANTINIT), "store.read_only");
        assert_eq!(code(ffi::SQLITE_CORRUPT), "store.corrupt");
        assert_eq!(code(ffi::SQLITE_NOTADB), "store.corrupt");
        assert_eq!(code(ffi::SQLITE_BUSY), "store.busy");
        assert_eq!(code(ffi::SQLITE_CANTOPEN), "store.io");
    }
}
