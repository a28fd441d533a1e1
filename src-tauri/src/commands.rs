//! The IPC commands (see /work/notes/IPC.md): each is a thin call into the core crates.
//!
//! Commands are `async` so Tauri runs them on its thread pool, never on the window's main
//! thread: a slow disk or a native dialog never freezes the window.

use std::path::PathBuf;

use almanac_guide::{Finding, Guide};
use almanac_store::{Draft, GuideId, GuideSummary, ListQuery, SearchHit};
use tauri::{AppHandle, State};

use crate::dialog::{pick_folder, FolderPurpose};
use crate::error::ApiResult;
use crate::preview;
use crate::state::AppState;
use crate::types::{AppInfo, PreviewTheme, SaveOutcome};

/// Most search hits returned to the library.
pub const SEARCH_LIMIT: usize = 50;

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> ApiResult<AppInfo> {
    Ok(state.info.clone())
}

#[tauri::command]
pub async fn list_guides(
    state: State<'_, AppState>,
    query: ListQuery,
) -> ApiResult<Vec<GuideSummary>> {
    state.with_store(|s| Ok(s.list_guides(&query)?))
}

#[tauri::command]
pub async fn search(state: State<'_, AppState>, query: String) -> ApiResult<Vec<SearchHit>> {
    state.with_store(|s| Ok(s.search(&query, SEARCH_LIMIT)?))
}

#[tauri::command]
pub async fn create_guide(
    state: State<'_, AppState>,
    title: String,
    slug: String,
) -> ApiResult<GuideSummary> {
    state.with_store(|s| Ok(s.create_empty_guide(slug.trim(), title.trim())?))
}

/// Imports a bundle folder as a new guide. `path: null` opens the native folder dialog (or
/// takes the `--import-from` test seam). The bundle is fully checked (manifest, checksums,
/// format version, validation) before anything is written.
#[tauri::command]
pub async fn import_bundle(
    app: AppHandle,
    state: State<'_, AppState>,
    path: Option<String>,
) -> ApiResult<GuideSummary> {
    let dir = match path {
        Some(p) => PathBuf::from(p),
        None => pick_folder(&app, &state.launch, FolderPurpose::Import).await?,
    };
    let guide = almanac_bundle::read_bundle(&dir)?;
    state.with_store(|s| Ok(s.create_guide(&guide)?))
}

#[tauri::command]
pub async fn trash_guide(state: State<'_, AppState>, id: GuideId) -> ApiResult<()> {
    state.with_store(|s| s.trash_guide(id).map(drop).map_err(Into::into))
}

#[tauri::command]
pub async fn untrash_guide(state: State<'_, AppState>, id: GuideId) -> ApiResult<()> {
    state.with_store(|s| s.restore_from_trash(id).map(drop).map_err(Into::into))
}

#[tauri::command]
pub async fn list_trash(state: State<'_, AppState>) -> ApiResult<Vec<GuideSummary>> {
    state.with_store(|s| Ok(s.list_trash()?))
}

#[tauri::command]
pub async fn open_draft(state: State<'_, AppState>, id: GuideId) -> ApiResult<Draft> {
    state.with_store(|s| Ok(s.draft(id)?))
}

/// Autosave: stores the edit on top of `base_revision` (refused as `store.conflict` when the
/// draft moved on; nothing is written then) and returns the new revision with the findings.
#[tauri::command]
pub async fn save_draft(
    state: State<'_, AppState>,
    id: GuideId,
    base_revision: i64,
    guide: Guide,
) -> ApiResult<SaveOutcome> {
    save(&state, id, base_revision, guide)
}

pub fn save(
    state: &AppState,
    id: GuideId,
    base_revision: i64,
    mut guide: Guide,
) -> ApiResult<SaveOutcome> {
    guide.normalize();
    let revision = state.with_store(|s| Ok(s.save_draft(id, base_revision, &guide)?))?;
    let findings = almanac_guide::validate(&guide);
    Ok(SaveOutcome { revision, findings, guide })
}

#[tauri::command]
pub async fn validate_guide(mut guide: Guide) -> ApiResult<Vec<Finding>> {
    guide.normalize();
    Ok(almanac_guide::validate(&guide))
}

/// The published page for `guide`, rendered by the one renderer against the wall clock.
#[tauri::command]
pub async fn render_preview(mut guide: Guide, theme: PreviewTheme) -> ApiResult<String> {
    guide.normalize();
    Ok(preview::render(&guide, theme, chrono::Utc::now().fixed_offset()))
}

/// Gigawatts read from a capacity as typed ("300 MW" → 0.3), `null` when none can be read.
#[tauri::command]
pub async fn parse_capacity(text: String) -> ApiResult<Option<f64>> {
    Ok(almanac_guide::parse_capacity_gw(&text))
}

/// The UI has flushed its pending edits after a `quit` menu event: close now.
#[tauri::command]
pub async fn quit_app(app: AppHandle) -> ApiResult<()> {
    app.exit(0);
    Ok(())
}
