//! Shared library and site commands: link, sync, check, the review log, merging a colleague's
//! version into the draft, publishing the site. Each passes its arguments through to
//! almanac-sync, almanac-merge and almanac-store.
//!
//! Sync and publish run git and the network: they use a second connection to the same database
//! (its own `Store`), so the window's store stays free for autosaves while they run.

use std::collections::BTreeMap;

use almanac_guide::Guide;
use almanac_merge::{Merge, Resolution};
use almanac_store::{GuideId, LoggedEvent, OpenOptions, Store, Version, VersionId};
use almanac_sync::{Library, LibraryStatus, PublishReport, Site, SyncReport};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The setting naming the site repository publishing writes to (a git URL or a path).
pub const SITE_SETTING: &str = "site.target";

/// A merge of a colleague's version into the draft, before the editor resolves its conflicts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MergePreview {
    /// The nearest version both contain; `None` when they share none (every difference is then
    /// a conflict).
    pub base: Option<Version>,
    /// The version merged in.
    pub theirs: Version,
    pub merge: Merge,
}

/// A second connection to the app's database, for work that runs git or the network.
fn own_store(state: &AppState) -> ApiResult<Store> {
    let path = state.launch.db_path().map_err(ApiError::from)?;
    Ok(Store::open_with(
        path,
        OpenOptions {
            seed: false,
            create: false,
            integrity_check: false,
            ..OpenOptions::default()
        },
    )?)
}

async fn run_blocking<T: Send + 'static>(
    f: impl FnOnce() -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::internal(format!("the background task failed: {e}")))?
}

#[tauri::command]
pub async fn library_status(state: State<'_, AppState>) -> ApiResult<LibraryStatus> {
    state.with_store(|s| Ok(Library::for_store(s).status(s)?))
}

/// Links the library to a shared repository (a URL or a path) and syncs.
#[tauri::command]
pub async fn link_library(state: State<'_, AppState>, remote: String) -> ApiResult<SyncReport> {
    let mut s = own_store(&state)?;
    run_blocking(move || Ok(Library::for_store(&s).link(&mut s, &remote)?)).await
}

/// Syncs with the shared library.
#[tauri::command]
pub async fn sync_library(state: State<'_, AppState>) -> ApiResult<SyncReport> {
    let mut s = own_store(&state)?;
    run_blocking(move || Ok(Library::for_store(&s).sync(&mut s)?)).await
}

/// Asks the shared library what changed (nothing is brought in): the folders behind.
#[tauri::command]
pub async fn check_library(state: State<'_, AppState>) -> ApiResult<Vec<String>> {
    let mut s = own_store(&state)?;
    run_blocking(move || Ok(Library::for_store(&s).check(&mut s)?)).await
}

#[tauri::command]
pub async fn review_log(state: State<'_, AppState>, id: GuideId) -> ApiResult<Vec<LoggedEvent>> {
    state.with_store(|s| Ok(s.review_log(id)?))
}

/// Versions the draft does not contain ("Merge into draft" offers them).
#[tauri::command]
pub async fn merge_offers(state: State<'_, AppState>, id: GuideId) -> ApiResult<Vec<Version>> {
    state.with_store(|s| Ok(s.merge_offers(id)?))
}

fn merge_sides(
    s: &Store,
    id: GuideId,
    version_id: VersionId,
) -> ApiResult<(Option<Version>, Guide, Version, Guide)> {
    let theirs = s.open_version(version_id)?;
    if theirs.version.guide_id != id {
        return Err(ApiError::new(
            "store.invalid_input",
            format!("Version {} belongs to another guide.", theirs.version.label),
        ));
    }
    let base = s.merge_base(id, version_id)?;
    let base_guide = match &base {
        Some(b) => s.open_version(b.id)?.guide,
        None => {
            let mut empty = Guide::new_empty(&theirs.guide.meta.slug, "", "");
            empty.strip_derived();
            empty
        }
    };
    Ok((base, base_guide, theirs.version, theirs.guide))
}

/// The three-way merge of version `version_id` into `draft` (the editor's current draft).
#[tauri::command]
pub async fn merge_preview(
    state: State<'_, AppState>,
    id: GuideId,
    version_id: VersionId,
    draft: Guide,
) -> ApiResult<MergePreview> {
    state.with_store(|s| {
        let (base, base_guide, theirs, theirs_guide) = merge_sides(s, id, version_id)?;
        let merge = almanac_merge::merge(&base_guide, &draft.stripped(), &theirs_guide);
        Ok(MergePreview { base, theirs, merge })
    })
}

/// The merged draft with every conflict resolved as `choices` say (keyed by conflict key).
/// The UI applies it as one undoable change, then calls `record_merge`.
#[tauri::command]
pub async fn merge_resolve(
    state: State<'_, AppState>,
    id: GuideId,
    version_id: VersionId,
    draft: Guide,
    choices: BTreeMap<String, Resolution>,
) -> ApiResult<Guide> {
    state.with_store(|s| {
        let (_, base_guide, _, theirs_guide) = merge_sides(s, id, version_id)?;
        Ok(almanac_merge::resolve(&base_guide, &draft.stripped(), &theirs_guide, &choices)?)
    })
}

/// Records that the draft now contains version `version_id` (after a merge was applied).
#[tauri::command]
pub async fn record_merge(
    state: State<'_, AppState>,
    id: GuideId,
    version_id: VersionId,
) -> ApiResult<()> {
    state.with_store(|s| Ok(s.record_merge(id, version_id)?))
}

/// The site repository publishing writes to; `None` until set.
#[tauri::command]
pub async fn site_target(state: State<'_, AppState>) -> ApiResult<Option<String>> {
    state.with_store(|s| Ok(s.setting(SITE_SETTING)?))
}

#[tauri::command]
pub async fn set_site_target(state: State<'_, AppState>, target: String) -> ApiResult<()> {
    state.with_store(|s| Ok(s.set_setting(SITE_SETTING, &target)?))
}

/// Publishes every guide's live version to the site repository of the settings.
#[tauri::command]
pub async fn publish_site(state: State<'_, AppState>) -> ApiResult<PublishReport> {
    let s = own_store(&state)?;
    let target = s.setting(SITE_SETTING)?.ok_or_else(|| {
        ApiError::new(
            "sync.no_site",
            "No site repository is set: name one (a git URL or a repository's path) first.",
        )
    })?;
    run_blocking(move || {
        let work = s.path().parent().unwrap_or(std::path::Path::new(".")).join("sites");
        Ok(almanac_sync::publish(&s, &Site::Git(target), &work)?)
    })
    .await
}
