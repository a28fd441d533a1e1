//! The library and editor IPC commands: each passes its arguments through to the core crates.
//!
//! Commands are `async` so Tauri runs them on its thread pool, never on the window's main
//! thread: a slow disk or a native dialog never freezes the window.

use std::path::Path;

use almanac_guide::{Finding, Guide};
use almanac_store::{
    Draft, GuideId, GuideSummary, ImportMode, ImportOutcome, ListQuery, SearchHit, REVIEWER_SETTING,
};
use tauri::{AppHandle, State};

use crate::dialog::{given_or_picked, FolderPurpose};
use crate::error::ApiResult;
use crate::preview;
use crate::state::AppState;
use crate::types::{AppInfo, BundleInspection, PreviewTheme, SaveOutcome};

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

/// Reads and checks a bundle (nothing is written) and says what importing it would do: its
/// guide, and when a guide with its slug exists, that guide and the comparison of its draft
/// with the bundle. `path: null` opens the native folder dialog (or takes the `--import-from`
/// test seam).
#[tauri::command]
pub async fn inspect_bundle(
    app: AppHandle,
    state: State<'_, AppState>,
    path: Option<String>,
) -> ApiResult<BundleInspection> {
    let dir = given_or_picked(&app, &state.launch, path, FolderPurpose::Import).await?;
    inspect_dir(&state, &dir)
}

/// `inspect_bundle` for a folder.
pub fn inspect_dir(state: &AppState, dir: &Path) -> ApiResult<BundleInspection> {
    let guide = almanac_bundle::read_bundle(dir)?;
    state.with_store(|s| {
        let existing = s.guide_by_slug(&guide.meta.slug).ok();
        let changes = match &existing {
            Some(g) => {
                let draft = s.draft(g.id)?.guide.stripped();
                let mut diff = almanac_diff::diff_guides(&draft, &guide.stripped());
                diff.new.version = guide.meta.version.label.clone();
                diff.new.state = guide.meta.version.state.as_str().to_string();
                Some(diff)
            }
            None => None,
        };
        Ok(BundleInspection {
            path: dir.display().to_string(),
            guide: guide.clone(),
            existing,
            changes,
        })
    })
}

/// Imports a checked bundle folder as `mode` says: a new guide, a new named version of the
/// guide with its slug, or that guide's draft (the old draft stays a kept revision). `path:
/// null` opens the folder dialog. The bundle is fully checked (manifest, checksums, format
/// version, validation) before anything is written.
#[tauri::command]
pub async fn import_bundle(
    app: AppHandle,
    state: State<'_, AppState>,
    path: Option<String>,
    mode: ImportMode,
) -> ApiResult<ImportOutcome> {
    let dir = given_or_picked(&app, &state.launch, path, FolderPurpose::Import).await?;
    import_dir(&state, &dir, mode)
}

/// Reads and checks the bundle at `dir`, then brings its guide into the store.
pub fn import_dir(state: &AppState, dir: &Path, mode: ImportMode) -> ApiResult<ImportOutcome> {
    let guide = almanac_bundle::read_bundle(dir)?;
    state.with_store(|s| Ok(s.import_guide(&guide, mode)?))
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

/// `save_draft`: the store normalizes and saves the edit; the outcome carries the draft as
/// the store now holds it.
pub fn save(
    state: &AppState,
    id: GuideId,
    base_revision: i64,
    guide: Guide,
) -> ApiResult<SaveOutcome> {
    let draft = state.with_store(|s| {
        s.save_draft(id, base_revision, &guide)?;
        Ok(s.draft(id)?)
    })?;
    let findings = almanac_guide::validate(&draft.guide);
    Ok(SaveOutcome { revision: draft.revision, findings, guide: draft.guide })
}

#[tauri::command]
pub async fn validate_guide(mut guide: Guide) -> ApiResult<Vec<Finding>> {
    guide.normalize();
    Ok(almanac_guide::validate(&guide))
}

/// The published page for `guide`, rendered by the one renderer against the wall clock, read
/// to the minute: relative ages need no more, and the page (its footer's "as of" time) stays
/// the same from keystroke to keystroke, so the preview patches only what the edit changed.
/// With `draft_of`, `guide` is that guide's draft being edited: what its page derives (which
/// version it builds on, the version list, the times) comes from the store, not from `guide`.
#[tauri::command]
pub async fn render_preview(
    state: State<'_, AppState>,
    mut guide: Guide,
    theme: PreviewTheme,
    draft_of: Option<GuideId>,
) -> ApiResult<String> {
    guide.normalize();
    if let Some(id) = draft_of {
        state.with_store(|s| Ok(s.stamp_draft(id, &mut guide)?))?;
    }
    Ok(preview::render(&guide, theme, preview::clock_to_minute(chrono::Utc::now())))
}

/// The reviewer name approvals record, as set in the app (`None` until set).
#[tauri::command]
pub async fn reviewer_name(state: State<'_, AppState>) -> ApiResult<Option<String>> {
    state.with_store(|s| Ok(s.setting(REVIEWER_SETTING)?))
}

/// Sets the reviewer name approvals record (an empty name clears it).
#[tauri::command]
pub async fn set_reviewer_name(state: State<'_, AppState>, name: String) -> ApiResult<()> {
    state.with_store(|s| Ok(s.set_setting(REVIEWER_SETTING, &name)?))
}

/// Gigawatts read from a capacity as typed ("300 MW" → 0.3), `null` when none can be read.
#[tauri::command]
pub async fn parse_capacity(text: String) -> ApiResult<Option<f64>> {
    Ok(almanac_guide::parse_capacity_gw(&text))
}

/// The UI has flushed its pending edits after a `quit` menu event: close now (saving what an
/// open draft still lacks first).
#[tauri::command]
pub async fn quit_app(app: AppHandle, state: State<'_, AppState>) -> ApiResult<()> {
    if let Some(d) = &state.drafts {
        d.flush_all();
    }
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
        let mut guide = state.with_store(|s| Ok(s.publishable_draft(id)?)).unwrap();
        guide.meta.slug = "imported-guide".into();
        let out = dir.path().join("out");
        let bundle = almanac_bundle::export_bundle(&guide, &out).unwrap();

        // A tampered bundle is refused and adds nothing.
        let before = state.with_store(|s| Ok(s.list_guides(&ListQuery::default())?.len())).unwrap();
        let md = bundle.join("guide.md");
        let original = std::fs::read_to_string(&md).unwrap();
        std::fs::write(&md, format!("{original}tampered\n")).unwrap();
        let err = inspect_dir(&state, &bundle).unwrap_err();
        assert_eq!(err.code, "bundle.checksum_mismatch", "{err:?}");
        let err = import_dir(&state, &bundle, ImportMode::NewGuide).unwrap_err();
        assert_eq!(err.code, "bundle.checksum_mismatch", "{err:?}");
        let after = state.with_store(|s| Ok(s.list_guides(&ListQuery::default())?.len())).unwrap();
        assert_eq!(before, after);

        std::fs::write(&md, original).unwrap();
        let seen = inspect_dir(&state, &bundle).unwrap();
        assert!(seen.existing.is_none() && seen.changes.is_none(), "a new slug");
        let done = import_dir(&state, &bundle, ImportMode::NewGuide).unwrap();
        assert_eq!(done.guide.slug, "imported-guide");
        let draft = state.with_store(|s| Ok(s.draft(done.guide.id)?)).unwrap();
        assert_eq!(draft.guide.stripped(), guide.stripped());

        // Importing it again as a new guide collides with the slug now taken...
        let err = import_dir(&state, &bundle, ImportMode::NewGuide).unwrap_err();
        assert_eq!(err.code, "store.slug_taken");
        // ...and inspecting it shows the guide it would update, with no content changes.
        let seen = inspect_dir(&state, &bundle).unwrap();
        assert_eq!(seen.existing.unwrap().id, done.guide.id);
        assert!(seen.changes.unwrap().is_empty());
        // Not a bundle at all.
        let err = import_dir(&state, dir.path(), ImportMode::AsVersion).unwrap_err();
        assert!(err.code.starts_with("bundle."));
    }

    #[test]
    fn the_preview_of_a_draft_says_what_the_store_says() {
        let (_dir, state) = app();
        let id = guide_id(&state, "training-infrastructure");
        let mut guide = state.with_store(|s| Ok(s.draft(id)?)).unwrap().guide;
        // Whatever the editor's copy says, the page is the store's draft on top of v1.
        guide.meta.version =
            almanac_guide::VersionInfo::named("v9", almanac_guide::VersionState::Live);
        guide.meta.generated = "2001-01-01T00:00:00Z".into();
        let html = tauri::async_runtime::block_on(async {
            let mut g = guide.clone();
            state.with_store(|s| Ok(s.stamp_draft(id, &mut g)?)).unwrap();
            preview::render(&g, PreviewTheme::Auto, preview::clock_to_minute(chrono::Utc::now()))
        });
        assert!(html.contains("draft, unpublished edits"), "the draft line");
        assert!(!html.contains("v9"), "a typed label never reaches the page");
    }
}
