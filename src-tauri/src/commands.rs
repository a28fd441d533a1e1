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
    import_dir(&state, &dir)
}

/// Reads and checks the bundle at `dir`, then adds its guide to the store.
pub fn import_dir(state: &AppState, dir: &std::path::Path) -> ApiResult<GuideSummary> {
    let guide = almanac_bundle::read_bundle(dir)?;
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

/// The published page for `guide`, rendered by the one renderer against the wall clock, read
/// to the minute: relative ages need no more, and the page (its footer's "as of" time) stays
/// the same from keystroke to keystroke, so the preview patches only what the edit changed.
#[tauri::command]
pub async fn render_preview(mut guide: Guide, theme: PreviewTheme) -> ApiResult<String> {
    guide.normalize();
    Ok(preview::render(&guide, theme, preview::clock_to_minute(chrono::Utc::now())))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::launch::Launch;

    fn app() -> (tempfile::TempDir, AppState) {
        let dir = tempfile::tempdir().unwrap();
        let state =
            AppState::open(Launch { db: Some(dir.path().join("a.db")), ..Launch::default() });
        (dir, state)
    }

    fn guide_id(state: &AppState, slug: &str) -> GuideId {
        state.with_store(|s| Ok(s.guide_by_slug(slug)?.id)).unwrap()
    }

    #[test]
    fn save_normalizes_validates_and_refuses_a_stale_base() {
        let (_dir, state) = app();
        let id = guide_id(&state, "training-infrastructure");
        let draft = state.with_store(|s| Ok(s.draft(id)?)).unwrap();
        let mut guide = draft.guide.clone();
        let cap = guide.deals.rows[0].capacity.as_mut().expect("sample row has a capacity");
        cap.text = "300 MW".into();
        cap.gw = Some(99.0);
        guide.tldr = String::new();

        let out = save(&state, id, draft.revision, guide.clone()).unwrap();
        assert_eq!(out.revision, draft.revision + 1);
        assert_eq!(out.guide.deals.rows[0].capacity.as_ref().unwrap().gw, Some(0.3), "normalized");
        assert!(out.findings.iter().any(|f| f.path == "tldr"), "{:?}", out.findings);

        // Same base again: the draft has moved on, so nothing is written.
        guide.tldr = "Another edit".into();
        let err = save(&state, id, draft.revision, guide).unwrap_err();
        assert_eq!(err.code, "store.conflict");
        let now = state.with_store(|s| Ok(s.draft(id)?)).unwrap();
        assert_eq!(now.revision, out.revision);
        assert_eq!(now.guide.tldr, "");
    }

    #[test]
    fn import_checks_the_bundle_before_writing() {
        let (dir, state) = app();
        let id = guide_id(&state, "scaling-science");
        let mut guide = state.with_store(|s| Ok(s.draft(id)?)).unwrap().guide;
        guide.meta.slug = "imported-guide".into();
        let out = dir.path().join("out");
        let bundle = almanac_bundle::export_bundle(&guide, &out).unwrap();

        // A tampered bundle is refused and adds nothing.
        let before = state.with_store(|s| Ok(s.list_guides(&ListQuery::default())?.len())).unwrap();
        let md = bundle.join("guide.md");
        let original = std::fs::read_to_string(&md).unwrap();
        std::fs::write(&md, format!("{original}tampered\n")).unwrap();
        let err = import_dir(&state, &bundle).unwrap_err();
        assert_eq!(err.code, "bundle.checksum_mismatch", "{err:?}");
        let after = state.with_store(|s| Ok(s.list_guides(&ListQuery::default())?.len())).unwrap();
        assert_eq!(before, after);

        std::fs::write(&md, original).unwrap();
        let summary = import_dir(&state, &bundle).unwrap();
        assert_eq!(summary.slug, "imported-guide");
        let draft = state.with_store(|s| Ok(s.draft(summary.id)?)).unwrap();
        assert_eq!(draft.guide, guide);

        // Importing it again collides with the slug now taken.
        assert_eq!(import_dir(&state, &bundle).unwrap_err().code, "store.slug_taken");
        // Not a bundle at all.
        assert!(import_dir(&state, dir.path()).unwrap_err().code.starts_with("bundle."));
    }
}
