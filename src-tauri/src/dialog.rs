//! Native folder dialogs, with the test seam: when the app was launched with `--import-from` /
//! `--export-to` (or `ALMANAC_IMPORT_FROM` / `ALMANAC_EXPORT_TO`), that path is the answer and
//! no dialog opens. WebDriver cannot drive a native dialog; the end-to-end tests use the seam.

use std::path::PathBuf;

use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

use crate::error::{ApiError, ApiResult};
use crate::launch::Launch;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FolderPurpose {
    /// Choose a bundle folder (`<slug>/` holding `manifest.json`) to import.
    Import,
    /// Choose the folder that receives the exported `<slug>/` bundle folder(s).
    Export,
}

impl FolderPurpose {
    fn title(self) -> &'static str {
        match self {
            FolderPurpose::Import => "Import a bundle: choose the bundle folder",
            FolderPurpose::Export => "Export: choose the folder that receives the bundle",
        }
    }
    fn action(self) -> &'static str {
        match self {
            FolderPurpose::Import => "Import",
            FolderPurpose::Export => "Export",
        }
    }
    fn seam(self, launch: &Launch) -> Option<PathBuf> {
        match self {
            FolderPurpose::Import => launch.import_from.clone(),
            FolderPurpose::Export => launch.export_to.clone(),
        }
    }
}

/// The folder a command was given, else the one the user picks (or the test seam names).
pub async fn given_or_picked(
    app: &AppHandle,
    launch: &Launch,
    given: Option<String>,
    purpose: FolderPurpose,
) -> ApiResult<PathBuf> {
    match given {
        Some(dir) => Ok(PathBuf::from(dir)),
        None => pick_folder(app, launch, purpose).await,
    }
}

/// Asks for a folder; `dialog.cancelled` when the user closes the dialog without one.
pub async fn pick_folder(
    app: &AppHandle,
    launch: &Launch,
    purpose: FolderPurpose,
) -> ApiResult<PathBuf> {
    if let Some(path) = purpose.seam(launch) {
        return Ok(path);
    }
    let app = app.clone();
    let picked = tauri::async_runtime::spawn_blocking(move || {
        let mut dialog = app.dialog().file().set_title(purpose.title());
        if let Some(window) = app.get_webview_window("main") {
            dialog = dialog.set_parent(&window);
        }
        dialog.blocking_pick_folder()
    })
    .await
    .map_err(|e| ApiError::internal(format!("The folder dialog failed: {e}")))?;
    match picked {
        None => Err(ApiError::cancelled(purpose.action())),
        Some(p) => p
            .into_path()
            .map_err(|e| ApiError::new("io", format!("The chosen folder cannot be used: {e}"))),
    }
}
