//! Review commands: named versions, comparisons, restore, review states and notes, export.
//! Each passes its arguments through to almanac-store, `stored` (comparisons), almanac-bundle
//! and `desktop`, like `commands`.

use almanac_diff::{GuideDiff, Layout, View};
use almanac_guide::VersionState;
use almanac_store::{
    Approval, ApprovalStatus, Draft, GuideId, ItemRef, Note, Version, VersionContent, VersionId,
};
use tauri::{AppHandle, State};

use crate::desktop;
use crate::dialog::{given_or_picked, FolderPurpose};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::stored::{Comparison, GuideRef};

#[tauri::command]
pub async fn list_versions(state: State<'_, AppState>, id: GuideId) -> ApiResult<Vec<Version>> {
    state.with_store(|s| Ok(s.list_versions(id)?))
}

/// Names the current draft as a version (Ctrl+S in the editor), in `version_state` (draft or
/// in review).
#[tauri::command]
pub async fn snapshot(
    state: State<'_, AppState>,
    id: GuideId,
    label: String,
    version_state: VersionState,
    note: String,
) -> ApiResult<Version> {
    state.with_store(|s| Ok(s.snapshot(id, label.trim(), version_state, &note)?))
}

#[tauri::command]
pub async fn open_version(
    state: State<'_, AppState>,
    version_id: VersionId,
) -> ApiResult<VersionContent> {
    state.with_store(|s| {
        Ok(VersionContent {
            version: s.version(version_id)?,
            guide: s.publishable_version(version_id)?,
        })
    })
}

/// The structured difference from `a` (old) to `b` (new).
#[tauri::command]
pub async fn diff(state: State<'_, AppState>, a: GuideRef, b: GuideRef) -> ApiResult<GuideDiff> {
    Ok(state.with_store(|s| Comparison::load(s, a, b))?.diff())
}

/// The comparison of `a` (old) and `b` (new) as a standalone HTML report (almanac-diff).
#[tauri::command]
pub async fn diff_report_html(
    state: State<'_, AppState>,
    a: GuideRef,
    b: GuideRef,
    layout: Layout,
    view: View,
) -> ApiResult<String> {
    Ok(state.with_store(|s| Comparison::load(s, a, b))?.report(layout, view).html)
}

/// Writes the diff report into `dir` (null: the folder dialog, or `--export-to`) as
/// `<slug>-<old version>-to-<new version>.diff.html` and returns the file's path.
#[tauri::command]
pub async fn save_diff_report(
    app: AppHandle,
    state: State<'_, AppState>,
    a: GuideRef,
    b: GuideRef,
    layout: Layout,
    view: View,
    dir: Option<String>,
) -> ApiResult<String> {
    let report = state.with_store(|s| Comparison::load(s, a, b))?.report(layout, view);
    let dir = given_or_picked(&app, &state.launch, dir, FolderPurpose::Export).await?;
    Ok(desktop::write_report(&dir, &report)?.display().to_string())
}

#[tauri::command]
pub async fn restore_version(
    state: State<'_, AppState>,
    id: GuideId,
    version_id: VersionId,
    base_revision: Option<i64>,
) -> ApiResult<Draft> {
    state.with_store(|s| Ok(s.restore_version(id, version_id, base_revision)?))
}

#[tauri::command]
pub async fn restore_item(
    state: State<'_, AppState>,
    id: GuideId,
    version_id: VersionId,
    item: ItemRef,
    base_revision: Option<i64>,
) -> ApiResult<Draft> {
    state.with_store(|s| Ok(s.restore_item(id, version_id, &item, base_revision)?))
}

#[tauri::command]
pub async fn restore_field(
    state: State<'_, AppState>,
    id: GuideId,
    version_id: VersionId,
    path: String,
    base_revision: Option<i64>,
) -> ApiResult<Draft> {
    state.with_store(|s| Ok(s.restore_field(id, version_id, &path, base_revision)?))
}

#[tauri::command]
pub async fn set_version_state(
    state: State<'_, AppState>,
    version_id: VersionId,
    version_state: VersionState,
) -> ApiResult<Version> {
    state.with_store(|s| Ok(s.set_version_state(version_id, version_state)?))
}

/// Approves a version in review as `reviewer` (the name from the app's settings).
#[tauri::command]
pub async fn approve(
    state: State<'_, AppState>,
    version_id: VersionId,
    reviewer: String,
) -> ApiResult<Approval> {
    state.with_store(|s| Ok(s.approve(version_id, &reviewer)?))
}

#[tauri::command]
pub async fn approval_status(state: State<'_, AppState>, id: GuideId) -> ApiResult<ApprovalStatus> {
    state.with_store(|s| Ok(s.approval_status(id)?))
}

#[tauri::command]
pub async fn add_note(
    state: State<'_, AppState>,
    version_id: VersionId,
    path: Option<String>,
    item_id: Option<String>,
    text: String,
) -> ApiResult<Note> {
    state.with_store(|s| Ok(s.add_note(version_id, path.as_deref(), item_id.as_deref(), &text)?))
}

#[tauri::command]
pub async fn list_notes(state: State<'_, AppState>, version_id: VersionId) -> ApiResult<Vec<Note>> {
    state.with_store(|s| Ok(s.list_notes(version_id)?))
}

#[tauri::command]
pub async fn delete_note(state: State<'_, AppState>, note_id: i64) -> ApiResult<()> {
    state.with_store(|s| Ok(s.delete_note(note_id)?))
}

/// Exports the draft or a version as `<dir>/<slug>/` (the CLI's bundle, byte for byte) and
/// returns that folder. `dir: null` opens the folder dialog (or takes `--export-to`). Refused
/// with `validation.errors` (nothing written, no dialog) while the guide has validation errors.
#[tauri::command]
pub async fn export_bundle(
    app: AppHandle,
    state: State<'_, AppState>,
    target: GuideRef,
    dir: Option<String>,
) -> ApiResult<String> {
    let guide = state.with_store(|s| target.publishable(s))?;
    let bundle = almanac_bundle::build_bundle(&guide).map_err(ApiError::export)?;
    let dir = given_or_picked(&app, &state.launch, dir, FolderPurpose::Export).await?;
    Ok(almanac_bundle::write_bundle(&bundle, &dir)?.display().to_string())
}

/// Asks for the folder an export writes into (the native dialog, or the `--export-to` test
/// seam) without writing anything: the UI shows it and asks before replacing a bundle there.
/// `dialog.cancelled` when the dialog is closed without a folder.
#[tauri::command]
pub async fn pick_export_folder(app: AppHandle, state: State<'_, AppState>) -> ApiResult<String> {
    let dir = crate::dialog::pick_folder(&app, &state.launch, FolderPurpose::Export).await?;
    Ok(dir.display().to_string())
}

/// Exports several guides into one folder, emitting `export-progress` after each. Every bundle
/// is built first: when any guide cannot be exported (validation errors) nothing is written.
#[tauri::command]
pub async fn export_bundles(
    app: AppHandle,
    state: State<'_, AppState>,
    targets: Vec<GuideRef>,
    dir: Option<String>,
) -> ApiResult<Vec<String>> {
    let guides = state
        .with_store(|s| targets.iter().map(|t| t.publishable(s)).collect::<ApiResult<Vec<_>>>())?;
    let bundles = guides
        .iter()
        .map(|guide| {
            almanac_bundle::build_bundle(guide).map_err(|e| {
                let e = ApiError::export(e);
                let message = format!("\"{}\" cannot be exported: {}", guide.meta.title, e.message);
                ApiError::new(e.code, message)
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    let dir = given_or_picked(&app, &state.launch, dir, FolderPurpose::Export).await?;
    desktop::write_bundles(&app, &bundles, &dir)
}

/// Opens the system's file manager on `path` (a folder, or the folder holding a file).
#[tauri::command]
pub async fn show_in_folder(path: String) -> ApiResult<()> {
    desktop::show_in_folder(std::path::Path::new(&path))
}
