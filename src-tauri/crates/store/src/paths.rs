//! Where the app's database lives by default.

use std::path::PathBuf;

use crate::error::{Result, StoreError};

/// The database the app and the CLI use unless told otherwise: `$ALMANAC_DB` when set and
/// not empty, else `$XDG_DATA_HOME/almanac-studio/almanac.db`, else
/// `~/.local/share/almanac-studio/almanac.db`.
pub fn default_db_path() -> Result<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(p) = var("ALMANAC_DB") {
        return Ok(p);
    }
    let data = match var("XDG_DATA_HOME").filter(|p| p.is_absolute()) {
        Some(d) => d,
        None => var("HOME").map(|h| h.join(".local/share")).ok_or_else(|| {
            StoreError::invalid(
                "Cannot tell where to keep the database: HOME is not set. Set ALMANAC_DB to a \
                 file path.",
            )
        })?,
    };
    Ok(data.join("almanac-studio").join("almanac.db"))
}
