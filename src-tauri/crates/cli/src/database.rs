//! The store database a command works on, found and opened here only: `--db <path>`, else
//! `$ALMANAC_DB`, else the app's database in the user's data dir
//! (`almanac_store::default_db_path`).
//!
//! Only `almanac init` creates a database. [`open`] never does: a mistyped `--db` must not start
//! an empty one, and an empty (zero-byte) file is "not a database" (`store.corrupt`), left as it
//! is. Nor does it move a damaged database aside (that is reported; the app recovers it at
//! start).
//!
//! Commands that only read open with [`open_to_read`]: when the database cannot be opened for
//! writing (a read-only folder or file, a full disk), it is opened read-only instead, with a
//! note on standard error; the write commands report the error (`store.read_only`,
//! `store.disk_full`, exit 5).

use std::path::{Path, PathBuf};

use almanac_store::{OpenOptions, Store, StoreError};

use crate::exit::{CliError, INPUT, STATE, WRITE};
use crate::output;

/// The database file: `db`, else `$ALMANAC_DB`, else the app's default.
pub fn path(db: Option<&Path>) -> Result<PathBuf, StoreError> {
    match db {
        Some(p) => Ok(p.to_path_buf()),
        None => almanac_store::default_db_path(),
    }
}

/// Opens the existing database at [`path`] to read and write: never created, never seeded,
/// never moved aside. `reading` is the `SLUG@LABEL` argument the store is opened to read, when
/// that is why: the errors then say so.
pub fn open(db: Option<&Path>, reading: Option<&str>) -> Result<Store, CliError> {
    let (path, opts) = existing(db, reading)?;
    Store::open_with(&path, opts).map_err(|e| fail(reading, e))
}

/// Like [`open`], for a command that only reads: when the database cannot be opened for writing
/// (`store.read_only`, `store.disk_full`, `store.io`), it is opened read-only, and a note on
/// standard error says so and why. Read-only, an older schema is not upgraded (that needs
/// writing: `store.read_only`), and where SQLite cannot make the WAL index beside the file the
/// store reads the file as it is (`Store::immutable_reason`). When the read-only open fails too
/// (its WAL holds changes that cannot be read without the index), the error is exit 3.
pub fn open_to_read(db: Option<&Path>, reading: Option<&str>) -> Result<Store, CliError> {
    let (path, opts) = existing(db, reading)?;
    let err = match Store::open_with(&path, opts) {
        Ok(store) => return Ok(store),
        Err(e) if read_only_may_help(&e) => e,
        Err(e) => return Err(fail(reading, e)),
    };
    // Failing read-only too, the database cannot be read: exit 3 whatever the cause.
    let store = Store::open_with(&path, OpenOptions { read_only: true, ..opts })
        .map_err(|e| CliError { exit: INPUT, ..fail(reading, e) })?;
    output::errln!("note: {}", read_only_note(&path, &err, store.immutable_reason()));
    Ok(store)
}

/// Whether opening read-only may succeed where opening to write failed with `e`.
fn read_only_may_help(e: &StoreError) -> bool {
    matches!(e, StoreError::ReadOnly { .. } | StoreError::DiskFull { .. } | StoreError::Io { .. })
}

/// The note printed when a database is read read-only.
fn read_only_note(path: &Path, why: &StoreError, immutable: Option<&str>) -> String {
    let reason = match why {
        StoreError::DiskFull { .. } => "the disk holding it is full".to_string(),
        StoreError::ReadOnly { detail, .. } => detail.clone(),
        other => other.to_string(),
    };
    let mut note =
        format!("reading {} read-only: it cannot be opened for writing ({reason})", path.display());
    if immutable.is_some() {
        note.push_str(
            "; read as the file is, without its WAL index or locks, so what another program \
             writes to it meanwhile is not seen",
        );
    }
    note
}

fn fail(reading: Option<&str>, e: StoreError) -> CliError {
    match reading {
        Some(arg) => read_error(arg, e),
        None => store_error(e),
    }
}

/// The database path, checked to be a file, and the options that open it without creating,
/// seeding or moving anything.
fn existing(db: Option<&Path>, reading: Option<&str>) -> Result<(PathBuf, OpenOptions), CliError> {
    let path = path(db).map_err(|e| fail(reading, e))?;
    if !path.is_file() {
        let message = match reading {
            Some(arg) => format!(
                "{arg} is neither a file nor a folder, and there is no store database at {} to \
                 find it in (pass --db <path> or set ALMANAC_DB)",
                path.display()
            ),
            None => format!(
                "no database at {} (create one with `almanac init`, or the app creates it on \
                 first start; pass --db <path> or set ALMANAC_DB to use another)",
                path.display()
            ),
        };
        return Err(CliError::new(INPUT, message).with_code("store.not_found"));
    }
    let opts = OpenOptions {
        seed: false,
        recover_corrupt: false,
        create: false,
        ..OpenOptions::default()
    };
    Ok((path, opts))
}

/// A store error as a CLI error: its code kept; exit 3 for what cannot be found or read,
/// 6 for a review-state move the workflow does not allow, 5 for what cannot be written.
pub fn store_error(e: StoreError) -> CliError {
    let exit = match e {
        StoreError::NotFound { .. }
        | StoreError::InvalidInput { .. }
        | StoreError::InvalidGuide { .. }
        | StoreError::InvalidSlug { .. }
        | StoreError::Corrupt { .. }
        | StoreError::NewerSchema { .. } => INPUT,
        StoreError::InvalidTransition { .. } => STATE,
        _ => WRITE,
    };
    let message = match e {
        StoreError::InvalidTransition { .. } => format!("[{}] {e}", e.code()),
        _ => e.to_string(),
    };
    CliError::new(exit, message).with_code(e.code())
}

/// A store error met while reading the guide `arg` (`SLUG@LABEL`) names.
pub fn read_error(arg: &str, e: StoreError) -> CliError {
    let mut err = store_error(e);
    err.message = format!("cannot read {arg} from the store: {}", err.message);
    err
}
