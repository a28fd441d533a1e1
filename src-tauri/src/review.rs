//! Review commands: named versions, comparisons, restore, review states and notes, export.
//! Thin calls into almanac-store, almanac-diff and almanac-bundle, like `commands`.

use std::path::{Path, PathBuf};

use almanac_diff::{GuideDiff, Layout, ReportOptions, View};
use almanac_guide::{Guide, VersionState};
use almanac_store::{
    Approval, ApprovalStatus, Draft, GuideId, ItemRef, Note, Store, Version, VersionContent,
    VersionId,
};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, State};
use ts_rs::TS;

use crate::dialog::{pick_folder, FolderPurpose};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// One side of a comparison, or what to export: a guide's current draft or a named version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(rename = "DiffSide")]
pub enum GuideRef {
    Draft {
        #[ts(type = "number")]
        guide_id: GuideId,
    },
    Version {
        #[ts(type = "number")]
        version_id: VersionId,
    },
}

impl GuideRef {
    /// The content as editors wrote it (derived fields cleared), for comparisons: only what
    /// an editor changed differs. Also the version, to name the side.
    pub fn load_for_diff(self, store: &Store) -> ApiResult<(Guide, Option<Version>)> {
        Ok(match self {
            GuideRef::Draft { guide_id } => (store.draft(guide_id)?.guide.stripped(), None),
            GuideRef::Version { version_id } => {
                let c = store.open_version(version_id)?;
                (c.guide, Some(c.version))
            }
        })
    }

    /// The guide this names as its page is published: `meta.version`, the version list and
    /// the times derived by the store (a version as named, the draft as a draft on top of the
    /// newest version).
    pub fn load(self, store: &Store) -> ApiResult<Guide> {
        Ok(match self {
            GuideRef::Draft { guide_id } => store.publishable_draft(guide_id)?,
            GuideRef::Version { version_id } => store.publishable_version(version_id)?,
        })
    }
}

/// Progress of a multi-guide export, emitted as the `export-progress` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportProgress {
    #[ts(type = "number")]
    pub done: u32,
    #[ts(type = "number")]
    pub total: u32,
    /// The bundle folder just written.
    pub path: String,
}

#[tauri::command]
pub async fn list_versions(app: State<'_, AppState>, id: GuideId) -> ApiResult<Vec<Version>> {
    app.with_store(|s| Ok(s.list_versions(id)?))
}

/// Names the current draft as a version (Ctrl+S in the editor).
#[tauri::command]
pub async fn snapshot(
    app: State<'_, AppState>,
    id: GuideId,
    label: String,
    state: VersionState,
    note: String,
) -> ApiResult<Version> {
    app.with_store(|s| Ok(s.snapshot(id, label.trim(), state, &note)?))
}

#[tauri::command]
pub async fn open_version(
    app: State<'_, AppState>,
    version_id: VersionId,
) -> ApiResult<VersionContent> {
    app.with_store(|s| {
        Ok(VersionContent {
            version: s.version(version_id)?,
            guide: s.publishable_version(version_id)?,
        })
    })
}

/// The structured difference from `a` (old) to `b` (new).
#[tauri::command]
pub async fn diff(app: State<'_, AppState>, a: GuideRef, b: GuideRef) -> ApiResult<GuideDiff> {
    let (old, new) = app.with_store(|s| Ok((a.load_for_diff(s)?, b.load_for_diff(s)?)))?;
    Ok(compare(&old, &new))
}

/// Diffs stored contents; a side that is a named version is named by its label and state.
fn compare(old: &(Guide, Option<Version>), new: &(Guide, Option<Version>)) -> GuideDiff {
    let mut diff = almanac_diff::diff_guides(&old.0, &new.0);
    for (side, version) in [(&mut diff.old, &old.1), (&mut diff.new, &new.1)] {
        if let Some(v) = version {
            side.version = v.label.clone();
            side.state = v.state.as_str().to_string();
        }
    }
    diff
}

/// The comparison of `a` (old) and `b` (new) as a standalone HTML report (almanac-diff).
#[tauri::command]
pub async fn diff_report_html(
    app: State<'_, AppState>,
    a: GuideRef,
    b: GuideRef,
    layout: Layout,
    view: View,
) -> ApiResult<String> {
    let (old, new) = app.with_store(|s| Ok((a.load_for_diff(s)?, b.load_for_diff(s)?)))?;
    Ok(report(&old, &new, layout, view))
}

/// Writes the diff report into `dir` (null: the folder dialog, or `--export-to`) as
/// `<slug>-<old version>-to-<new version>.diff.html` and returns the file's path.
#[tauri::command]
pub async fn save_diff_report(
    handle: AppHandle,
    app: State<'_, AppState>,
    a: GuideRef,
    b: GuideRef,
    layout: Layout,
    view: View,
    dir: Option<String>,
) -> ApiResult<String> {
    let (old, new) = app.with_store(|s| Ok((a.load_for_diff(s)?, b.load_for_diff(s)?)))?;
    let html = report(&old, &new, layout, view);
    let dir = export_dir(&handle, &app, dir).await?;
    let path = write_report(&dir, &report_file_name(&old, &new), &html)?;
    Ok(path.display().to_string())
}

fn report(
    old: &(Guide, Option<Version>),
    new: &(Guide, Option<Version>),
    layout: Layout,
    view: View,
) -> String {
    let diff = compare(old, new);
    almanac_diff::render_report(&old.0, &new.0, &diff, &ReportOptions { layout, view })
}

/// `training-infrastructure-v1-to-v2.diff.html`: only lowercase letters, digits and hyphens.
fn report_file_name(old: &(Guide, Option<Version>), new: &(Guide, Option<Version>)) -> String {
    let label = |side: &(Guide, Option<Version>)| match &side.1 {
        Some(v) => v.label.clone(),
        None => "draft".to_string(),
    };
    let clean = |s: &str| {
        let t: String = s
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
            .collect();
        let t = t.trim_matches('-').to_string();
        if t.is_empty() {
            "guide".to_string()
        } else {
            t
        }
    };
    format!(
        "{}-{}-to-{}.diff.html",
        clean(&new.0.meta.slug),
        clean(&label(old)),
        clean(&label(new))
    )
}

/// Writes `name` in `dir` through a temporary file and a rename: never a half-written report.
fn write_report(dir: &Path, name: &str, html: &str) -> ApiResult<PathBuf> {
    let fail = |e: std::io::Error, what: &Path| {
        ApiError::new("io", format!("Cannot write the report {}: {e}", what.display()))
    };
    std::fs::create_dir_all(dir).map_err(|e| fail(e, dir))?;
    let path = dir.join(name);
    let tmp = dir.join(format!(".{name}.tmp"));
    std::fs::write(&tmp, html).map_err(|e| fail(e, &tmp))?;
    std::fs::rename(&tmp, &path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e, &path)
    })?;
    Ok(path)
}

#[tauri::command]
pub async fn restore_version(
    app: State<'_, AppState>,
    id: GuideId,
    version_id: VersionId,
    base_revision: Option<i64>,
) -> ApiResult<Draft> {
    app.with_store(|s| Ok(s.restore_version(id, version_id, base_revision)?))
}

#[tauri::command]
pub async fn restore_item(
    app: State<'_, AppState>,
    id: GuideId,
    version_id: VersionId,
    item: ItemRef,
    base_revision: Option<i64>,
) -> ApiResult<Draft> {
    app.with_store(|s| Ok(s.restore_item(id, version_id, &item, base_revision)?))
}

#[tauri::command]
pub async fn restore_field(
    app: State<'_, AppState>,
    id: GuideId,
    version_id: VersionId,
    path: String,
    base_revision: Option<i64>,
) -> ApiResult<Draft> {
    app.with_store(|s| Ok(s.restore_field(id, version_id, &path, base_revision)?))
}

#[tauri::command]
pub async fn set_version_state(
    app: State<'_, AppState>,
    version_id: VersionId,
    state: VersionState,
) -> ApiResult<Version> {
    app.with_store(|s| Ok(s.set_version_state(version_id, state)?))
}

/// Approves a version in review as `reviewer` (the name from the app's settings).
#[tauri::command]
pub async fn approve(
    app: State<'_, AppState>,
    version_id: VersionId,
    reviewer: String,
) -> ApiResult<Approval> {
    app.with_store(|s| Ok(s.approve(version_id, &reviewer)?))
}

#[tauri::command]
pub async fn approval_status(app: State<'_, AppState>, id: GuideId) -> ApiResult<ApprovalStatus> {
    app.with_store(|s| Ok(s.approval_status(id)?))
}

#[tauri::command]
pub async fn add_note(
    app: State<'_, AppState>,
    version_id: VersionId,
    path: Option<String>,
    item_id: Option<String>,
    text: String,
) -> ApiResult<Note> {
    app.with_store(|s| Ok(s.add_note(version_id, path.as_deref(), item_id.as_deref(), &text)?))
}

#[tauri::command]
pub async fn list_notes(app: State<'_, AppState>, version_id: VersionId) -> ApiResult<Vec<Note>> {
    app.with_store(|s| Ok(s.list_notes(version_id)?))
}

#[tauri::command]
pub async fn delete_note(app: State<'_, AppState>, note_id: i64) -> ApiResult<()> {
    app.with_store(|s| Ok(s.delete_note(note_id)?))
}

/// Exports the draft or a version as `<dir>/<slug>/` (the CLI's bundle, byte for byte) and
/// returns that folder. `dir: null` opens the folder dialog (or takes `--export-to`). Refused
/// with `validation.errors` (nothing written) while the guide has validation errors.
#[tauri::command]
pub async fn export_bundle(
    handle: AppHandle,
    app: State<'_, AppState>,
    target: GuideRef,
    dir: Option<String>,
) -> ApiResult<String> {
    let guide = app.with_store(|s| target.load(s))?;
    check_exportable(&guide)?;
    let dir = export_dir(&handle, &app, dir).await?;
    let path = almanac_bundle::export_bundle(&guide, &dir)?;
    Ok(path.display().to_string())
}

/// Exports several guides' drafts into one folder, emitting `export-progress` after each.
/// Every guide is loaded and checked first: when any has validation errors nothing is written.
#[tauri::command]
pub async fn export_bundles(
    handle: AppHandle,
    app: State<'_, AppState>,
    targets: Vec<GuideRef>,
    dir: Option<String>,
) -> ApiResult<Vec<String>> {
    let guides =
        app.with_store(|s| targets.iter().map(|t| t.load(s)).collect::<ApiResult<Vec<_>>>())?;
    let mut bundles = Vec::with_capacity(guides.len());
    for guide in &guides {
        check_exportable(guide).map_err(|e| {
            ApiError::new(
                e.code,
                format!("\"{}\" cannot be exported: {}", guide.meta.title, e.message),
            )
        })?;
        bundles.push(almanac_bundle::build_bundle(guide)?);
    }
    let dir = export_dir(&handle, &app, dir).await?;
    let total = bundles.len() as u32;
    let mut paths = Vec::with_capacity(bundles.len());
    for (i, files) in bundles.iter().enumerate() {
        let path = almanac_bundle::write_bundle(files, &dir)?.display().to_string();
        let _ = handle.emit(
            "export-progress",
            ExportProgress { done: i as u32 + 1, total, path: path.clone() },
        );
        paths.push(path);
    }
    Ok(paths)
}

/// Opens the system's file manager on `path` (a folder, or the folder holding a file).
#[tauri::command]
pub async fn show_in_folder(path: String) -> ApiResult<()> {
    let path = PathBuf::from(path);
    let folder = if path.is_dir() {
        path.clone()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    if !folder.is_dir() {
        return Err(ApiError::new(
            "io",
            format!("{} is not a folder that exists.", folder.display()),
        ));
    }
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener).arg(&folder).spawn().map(drop).map_err(|e| {
        ApiError::new("io", format!("Could not open {} with {opener}: {e}", folder.display()))
    })
}

fn check_exportable(guide: &Guide) -> ApiResult<()> {
    let findings = almanac_guide::validate(guide);
    if almanac_guide::has_errors(&findings) {
        return Err(ApiError::validation(&findings));
    }
    Ok(())
}

async fn export_dir(app: &AppHandle, state: &AppState, dir: Option<String>) -> ApiResult<PathBuf> {
    match dir {
        Some(d) => Ok(PathBuf::from(d)),
        None => pick_folder(app, &state.launch, FolderPurpose::Export).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::launch::Launch;

    #[test]
    fn refs_load_drafts_and_publishable_versions_and_export_refuses_errors() {
        let dir = tempfile::tempdir().unwrap();
        let state =
            AppState::open(Launch { db: Some(dir.path().join("a.db")), ..Launch::default() });
        let (draft, v1, versions) = state
            .with_store(|s| {
                let id = s.guide_by_slug("training-infrastructure")?.id;
                let versions = s.list_versions(id)?;
                let v1 = versions.iter().find(|v| v.label == "v1").expect("seeded v1").id;
                Ok((
                    GuideRef::Draft { guide_id: id }.load(s)?,
                    GuideRef::Version { version_id: v1 }.load(s)?,
                    versions,
                ))
            })
            .unwrap();
        assert_eq!(v1.meta.version, almanac_guide::VersionInfo::named("v1", VersionState::Live));
        assert_eq!(v1.versions.len(), 1);
        assert_eq!(draft.meta.version, almanac_guide::VersionInfo::working_draft(Some("v1")));
        assert!(!versions.is_empty());
        let d = almanac_diff::diff_guides(&v1, &draft);
        assert!(!d.is_empty(), "the seeded draft (v2 content) differs from v1");

        assert!(check_exportable(&draft).is_ok());
        let mut bad = draft.clone();
        bad.meta.title.clear();
        let err = check_exportable(&bad).unwrap_err();
        assert_eq!(err.code, "validation.errors");
        assert!(err.message.contains("meta.title"), "{}", err.message);
    }

    #[test]
    fn the_diff_report_is_written_whole_under_a_safe_name() {
        let old = Guide::new_empty("my-guide", "Old", "2026-01-01T00:00:00Z");
        let mut new = old.clone();
        new.meta.title = "New".into();
        let version = |label: &str| Version {
            id: 1,
            guide_id: 1,
            number: 1,
            label: label.into(),
            state: VersionState::Draft,
            note: String::new(),
            created: String::new(),
            state_changed: String::new(),
            content_updated: String::new(),
            content_hash: String::new(),
            edit_hash: String::new(),
        };
        let (old, new) = ((old, Some(version("V 2/../x"))), (new, None));
        let name = report_file_name(&old, &new);
        assert_eq!(name, "my-guide-v-2----x-to-draft.diff.html");
        let dir = tempfile::tempdir().unwrap();
        let html = report(&old, &new, Layout::Inline, View::Rendered);
        assert!(html.contains("New"), "the report shows the change");
        let path = write_report(&dir.path().join("reports"), &name, &html).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), html);
        let names: Vec<_> = std::fs::read_dir(dir.path().join("reports"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
    }

    #[test]
    fn guide_refs_cross_ipc_tagged_by_kind() {
        let r: GuideRef = serde_json::from_str(r#"{"kind":"version","version_id":7}"#).unwrap();
        assert_eq!(r, GuideRef::Version { version_id: 7 });
        assert_eq!(
            serde_json::to_string(&GuideRef::Draft { guide_id: 2 }).unwrap(),
            r#"{"kind":"draft","guide_id":2}"#
        );
    }
}
