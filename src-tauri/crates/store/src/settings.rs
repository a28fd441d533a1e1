//! The app's settings: small named values kept in the database (the reviewer name approvals
//! record, ...), so the app and the CLI on the same database agree.

use rusqlite::{params, OptionalExtension};

use crate::error::{Result, StoreError};
use crate::Store;

/// The setting that holds the name approvals record.
pub const REVIEWER_SETTING: &str = "reviewer";

impl Store {
    /// A setting's value, `None` when it was never set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        self.read(|c| {
            Ok(c.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
                .optional()?)
        })
    }

    /// Sets a setting (trimmed; an empty value removes it).
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let key = key.trim();
        if key.is_empty() {
            return Err(StoreError::invalid("A setting needs a name."));
        }
        let value = value.trim();
        self.write(|tx, _| {
            if value.is_empty() {
                tx.execute("DELETE FROM settings WHERE key = ?1", [key])?;
            } else {
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![key, value],
                )?;
            }
            Ok(())
        })
    }
}
