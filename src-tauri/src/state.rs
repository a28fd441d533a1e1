//! The app's managed state: the open store behind a mutex, the drafts open for editing on it,
//! what happened at open, and how the app was launched.

use std::sync::{Arc, Mutex};

use almanac_edit::Drafts;
use almanac_store::Store;

use crate::error::{ApiError, ApiResult};
use crate::launch::Launch;
use crate::types::AppInfo;

pub struct AppState {
    /// The store, or why it could not be opened (every command then returns that error).
    store: Result<Arc<Mutex<Store>>, ApiError>,
    /// The drafts open for editing, by window, on the same store (none without a store).
    pub drafts: Option<Arc<Drafts>>,
    pub info: AppInfo,
    pub launch: Launch,
}

impl AppState {
    /// Opens (creating and seeding when new) the database the launch options name. A damaged
    /// database is moved aside by the store and reported in `info.recovered_from`.
    pub fn open(launch: Launch) -> AppState {
        let path = launch.db_path();
        let mut info = AppInfo {
            db_path: path.as_ref().map(|p| p.display().to_string()).unwrap_or_default(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            recovered_from: None,
            recovery_detail: None,
            open_error: None,
            seeded: Vec::new(),
        };
        let store = match path.and_then(Store::open) {
            Ok(store) => {
                let report = store.open_report();
                if let Some(r) = &report.recovered {
                    info.recovered_from = Some(r.moved_to.display().to_string());
                    info.recovery_detail = Some(r.detail.clone());
                }
                info.seeded = report.seeded.clone();
                Ok(Arc::new(Mutex::new(store)))
            }
            Err(e) => {
                let e = ApiError::from(e);
                info.open_error = Some(e.clone());
                Err(e)
            }
        };
        let drafts = store.as_ref().ok().map(|s| Arc::new(Drafts::new(s.clone())));
        AppState { store, drafts, info, launch }
    }

    /// Runs `f` with the store locked. A panic in an earlier call cannot leave a write
    /// half-done (every write is one transaction, rolled back when dropped), so a poisoned lock
    /// is taken over rather than failing every later call.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> ApiResult<T>) -> ApiResult<T> {
        let mutex = self.store.as_ref().map_err(Clone::clone)?;
        let mut store = mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut store)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_and_seeds_a_new_database_and_reports_a_damaged_one() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("sub").join("almanac.db");
        let state = AppState::open(Launch { db: Some(db.clone()), ..Launch::default() });
        assert_eq!(state.info.open_error, None);
        assert!(!state.info.seeded.is_empty(), "a new database is seeded from content/");
        let n = state.with_store(|s| Ok(s.list_guides(&Default::default())?.len())).unwrap();
        assert!(n >= 2, "sample guides listed: {n}");
        drop(state);

        let bad = dir.path().join("bad.db");
        std::fs::write(&bad, b"this is not a SQLite database, just some text ........").unwrap();
        let state = AppState::open(Launch { db: Some(bad.clone()), ..Launch::default() });
        let moved = state.info.recovered_from.clone().expect("recovery reported");
        assert!(std::path::Path::new(&moved).exists(), "damaged file kept at {moved}");
        assert_ne!(moved, bad.display().to_string());
        assert!(state.with_store(|s| Ok(s.list_guides(&Default::default())?.len())).unwrap() >= 2);
    }

    #[test]
    fn an_unopenable_database_fails_every_command_with_its_reason() {
        let dir = tempfile::tempdir().unwrap();
        // A directory where the file should be cannot be opened as a database.
        let db = dir.path().join("is-a-dir.db");
        std::fs::create_dir(&db).unwrap();
        let state = AppState::open(Launch { db: Some(db), ..Launch::default() });
        let err = state.info.open_error.clone().expect("open error reported");
        assert!(err.code.starts_with("store."), "{err:?}");
        assert_eq!(state.with_store(|_| Ok(())).unwrap_err(), err);
    }
}
