//! App-level types that cross IPC (the guide, store and diff types come from their crates;
//! `GuideRef` lives with its loading in `stored`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::ApiError;

/// What the UI shows about the running app and its database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AppInfo {
    /// The database file in use.
    pub db_path: String,
    /// The app's version.
    pub version: String,
    /// When the database was found damaged at start: where the damaged file was moved (it is
    /// never deleted). A new database was started in its place.
    pub recovered_from: Option<String>,
    /// What was wrong with the damaged database.
    pub recovery_detail: Option<String>,
    /// When the database could not be opened at all (newer schema, no permission, ...): every
    /// command then fails with this error, and the UI shows it.
    pub open_error: Option<ApiError>,
    /// Slugs of the sample guides seeded into a new database at this start.
    pub seeded: Vec<String>,
}

/// The result of an autosave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SaveOutcome {
    /// The draft's new revision: the base of the next save.
    #[ts(type = "number")]
    pub revision: i64,
    /// Validation of the saved guide.
    pub findings: Vec<almanac_guide::Finding>,
    /// The guide as saved (normalized: parsed capacities recomputed), with what the store
    /// derives (version, version list, times) filled in.
    pub guide: almanac_guide::Guide,
}

/// A checked bundle, before it is imported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BundleInspection {
    /// The bundle folder (what the dialog picked).
    pub path: String,
    /// Its guide, as the bundle holds it.
    pub guide: almanac_guide::Guide,
    /// The guide in the library with the same slug, if there is one.
    pub existing: Option<almanac_store::GuideSummary>,
    /// What the bundle changes against that guide's current draft.
    pub changes: Option<almanac_diff::GuideDiff>,
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

/// Which look of the page the preview shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PreviewTheme {
    /// Follows the system's light or dark setting, as the published page does.
    #[default]
    Auto,
    Light,
    Dark,
    /// The print stylesheet, on screen.
    Print,
}

/// A native menu command. The shell emits the event `menu` with `{ id }` to the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MenuAction {
    NewGuide,
    ImportBundle,
    Export,
    Undo,
    Redo,
    PreviewAuto,
    PreviewLight,
    PreviewDark,
    PreviewPrint,
    /// Link this library to a shared library (a git URL or a repository's path), or re-link it.
    LinkLibrary,
    /// Share this library's versions and review events and bring in colleagues'.
    Sync,
    /// Publish every guide's live version to the site repository.
    PublishSite,
    /// The window is about to close (Quit or the window's close button): flush pending edits,
    /// then call `quit_app`. The app closes by itself after a grace period otherwise.
    Quit,
}

impl MenuAction {
    pub const ALL: [MenuAction; 13] = [
        MenuAction::NewGuide,
        MenuAction::ImportBundle,
        MenuAction::Export,
        MenuAction::Undo,
        MenuAction::Redo,
        MenuAction::PreviewAuto,
        MenuAction::PreviewLight,
        MenuAction::PreviewDark,
        MenuAction::PreviewPrint,
        MenuAction::LinkLibrary,
        MenuAction::Sync,
        MenuAction::PublishSite,
        MenuAction::Quit,
    ];

    /// The menu item id (the same string the event carries).
    pub fn id(self) -> &'static str {
        match self {
            MenuAction::NewGuide => "new_guide",
            MenuAction::ImportBundle => "import_bundle",
            MenuAction::Export => "export",
            MenuAction::Undo => "undo",
            MenuAction::Redo => "redo",
            MenuAction::PreviewAuto => "preview_auto",
            MenuAction::PreviewLight => "preview_light",
            MenuAction::PreviewDark => "preview_dark",
            MenuAction::PreviewPrint => "preview_print",
            MenuAction::LinkLibrary => "link_library",
            MenuAction::Sync => "sync",
            MenuAction::PublishSite => "publish_site",
            MenuAction::Quit => "quit",
        }
    }

    pub fn from_id(id: &str) -> Option<MenuAction> {
        MenuAction::ALL.into_iter().find(|a| a.id() == id)
    }
}

/// Payload of the `menu` event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MenuEvent {
    pub id: MenuAction,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menu_ids_are_the_event_payload_names() {
        for a in MenuAction::ALL {
            assert_eq!(MenuAction::from_id(a.id()), Some(a));
            assert_eq!(serde_json::to_value(a).unwrap(), serde_json::json!(a.id()));
        }
        let ids: std::collections::BTreeSet<_> = MenuAction::ALL.iter().map(|a| a.id()).collect();
        assert_eq!(ids.len(), MenuAction::ALL.len(), "ids are distinct");
        assert_eq!(MenuAction::from_id("paste"), None, "system items are not ours");
        assert_eq!(
            serde_json::to_string(&MenuEvent { id: MenuAction::PreviewDark }).unwrap(),
            r#"{"id":"preview_dark"}"#
        );
    }
}
