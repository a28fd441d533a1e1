//! The store database a command works on, found and opened here only: `--db <path>`, else
//! `$ALMANAC_DB`, else the app's database in the user's data dir
//! (`almanac_store::default_db_path`).
//!
//! Only `almanac init` creates a database. [`open`] never does: a mistyped `--db` must not start
//! an empty one. Nor does it move a damaged database aside (that is reported; the app recovers
//! it at start).

use std::path::{Path, PathBuf};

use almanac_store::{OpenOptions, Store, StoreError};

use crate::exit::{CliError, INPUT, STATE, WRITE};

/// The database file: `db`, else `$ALMANAC_DB`, else the app's default.
pub fn path(db: Option<&Path>) -> Result<PathBuf, StoreError> {
    match db {
        Some(p) => Ok(p.to_path_buf()),
        None => almanac_store::default_db_path(),
    }
}

/// Opens the existing database at [`path`]: never created, never seeded, never moved aside.
/// `reading` is the `SLUG@LABEL` argument the store is opened to read, when that is why: the
/// errors then say so.
pub fn open(db: Option<&Path>, reading: Option<&str>) -> Result<Store, CliError> {
    let fail = |e: StoreError| match reading {
        Some(arg) => read_error(arg, e),
        None => store_error(e),
    };
    let path = path(db).map_err(fail)?;
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
    let opts = OpenOptions { seed: false, recover_corrupt: false, ..OpenOptions::default() };
    Store::open_with(&path, opts).map_err(fail)
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
