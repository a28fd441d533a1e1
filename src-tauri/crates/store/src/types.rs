//! Data the store hands out. These cross IPC (ts-rs types, numbers as `number`).

use std::path::PathBuf;

use almanac_guide::{Guide, VersionState};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Row id of a guide.
pub type GuideId = i64;
/// Row id of a named version.
pub type VersionId = i64;

/// A guide as the library lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GuideSummary {
    #[ts(type = "number")]
    pub id: GuideId,
    pub slug: String,
    pub title: String,
    /// Where the guide is in review: the state of its newest version that is not archived
    /// (`archived` when all are, `draft` when it has none).
    pub state: VersionState,
    /// The newest named version, whatever its state (`None` before the first).
    pub newest: Option<VersionBadge>,
    /// The label of the live version, if one is live.
    pub live: Option<String>,
    /// True when a version is live and the draft's content differs from it (by content hash):
    /// the page on the site is not what the editors have now.
    pub unpublished_edits: bool,
    /// Where it stands against the shared library; `None` when the library is not linked.
    pub sync: Option<crate::shared::SyncState>,
    /// RFC 3339 UTC timestamps.
    pub created: String,
    pub updated: String,
    /// When it was moved to the trash; `None` outside the trash.
    pub trashed_at: Option<String>,
}

/// A version as a badge shows it: "v2 in review".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VersionBadge {
    pub label: String,
    pub state: VersionState,
}

/// Sort order of `list_guides`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SortBy {
    /// By title, case-insensitively, A to Z.
    #[default]
    Title,
    /// Most recently updated first.
    Updated,
}

/// Filter and order of `list_guides`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ListQuery {
    /// Only guides whose title or slug contains this text (case-insensitive for ASCII).
    pub text: Option<String>,
    /// Only guides in this state.
    pub state: Option<VersionState>,
    #[serde(default)]
    pub sort: SortBy,
}

/// The working draft of a guide at one revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Draft {
    #[ts(type = "number")]
    pub guide_id: GuideId,
    /// The revision to name as `base_revision` when saving an edit of this draft.
    #[ts(type = "number")]
    pub revision: i64,
    pub updated: String,
    pub guide: Guide,
}

/// A kept draft revision (without its content; `get_revision` reads that).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RevisionInfo {
    #[ts(type = "number")]
    pub guide_id: GuideId,
    #[ts(type = "number")]
    pub revision: i64,
    pub saved_at: String,
    /// Why it was written: `create`, `save`, `rename`, `restore`, `seed`.
    pub reason: String,
}

/// A named, immutable version of a guide. Only `state` and `note` ever change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Version {
    #[ts(type = "number")]
    pub id: VersionId,
    #[ts(type = "number")]
    pub guide_id: GuideId,
    /// 1, 2, 3... in the order versions were named.
    #[ts(type = "number")]
    pub number: i64,
    /// The name people use, e.g. "v1"; unique within the guide.
    pub label: String,
    pub state: VersionState,
    pub note: String,
    /// When it was named.
    pub created: String,
    /// When its review state last moved (its naming, at first): the "generated" time of the
    /// page published from it.
    pub state_changed: String,
    /// When the content it holds last changed as a draft: the page's "last updated" time.
    pub content_updated: String,
    /// sha256 (hex) of the version's stored canonical JSON.
    pub content_hash: String,
    /// sha256 (hex) of its content with the derived fields cleared: equal to a draft's
    /// `content_hash` exactly when the draft holds the same content.
    pub edit_hash: String,
    /// Who named it (the reviewer name set where it was named; empty when unset).
    pub author: String,
    /// The machine it was named on.
    pub machine: String,
    /// Whether the shared library holds it (a shared version keeps its label forever).
    pub shared: bool,
}

/// One side of a comparison read from the store: the content compared (derived fields cleared,
/// so only what editors changed differs), the same content as its page is published (what a
/// report shows for unchanged parts), and the named version it is (`None` for the draft).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredSide {
    pub guide: Guide,
    pub page: Guide,
    pub version: Option<Version>,
}

/// A version with its content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VersionContent {
    pub version: Version,
    pub guide: Guide,
}

/// A reviewer's note on a version, or on one field of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Note {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub version_id: VersionId,
    /// Field path in validation's shape (`deals[3].partner`, `faq[0].answer`, `tldr`);
    /// `None` for a note on the whole version.
    pub path: Option<String>,
    /// Stable id of the list item the path points into, when it does.
    pub item_id: Option<String>,
    pub text: String,
    pub created: String,
    /// Who wrote it and on which machine.
    pub author: String,
    pub machine: String,
}

/// A recorded approval: exactly which content was approved, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Approval {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub version_id: VersionId,
    pub content_hash: String,
    pub approved_at: String,
    /// Who approved (the reviewer name set in the app's settings, `--reviewer` on the CLI).
    pub reviewer: String,
    /// The machine it was approved on.
    pub machine: String,
}

/// Whether the guide's current approval still covers its draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ApprovalStatus {
    /// The newest version that is approved or live, with its latest approval.
    pub approved: Option<(Version, Approval)>,
    /// Content hash of the current draft.
    pub draft_hash: String,
    /// True when the draft's content is exactly the approved content.
    pub covers_draft: bool,
}

/// How `Store::import_guide` brings a guide in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// A new guide; refused with `store.slug_taken` when the slug is in use.
    NewGuide,
    /// A new named version of the guide with that slug (its label from the bundle, renamed if
    /// taken); a new guide with that version when the slug is new.
    AsVersion,
    /// The draft of the guide with that slug (the old draft stays a kept revision); a new
    /// guide when the slug is new.
    AsDraft,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportOutcome {
    pub guide: GuideSummary,
    /// True when the guide was created by this import.
    pub created: bool,
    /// The version the import named, if it named one.
    pub version: Option<Version>,
}

/// A list item in a guide, by its stable id: `ItemRef { list: "deals", id: "deal-x" }`.
/// Lists: `takeaways`, `sections`, `figures`, `deals` (the deal rows), `timeline`,
/// `related_topics`, `related_guides`, `faq`, `sources`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ItemRef {
    pub list: String,
    pub id: String,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchHit {
    #[ts(type = "number")]
    pub guide_id: GuideId,
    pub slug: String,
    pub title: String,
    pub state: VersionState,
    /// A short excerpt of the best-matching field, as runs of plain text in order: the
    /// matched terms are the runs with `mark` set; "…" marks cut text.
    pub snippet: Vec<SnippetRun>,
    /// bm25 score (lower is better); results come best first.
    pub rank: f64,
}

/// A run of a search snippet: plain text (never markup), highlighted when `mark` is set
/// because it matched the query. Neighbouring runs differ in `mark`; none is empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SnippetRun {
    pub text: String,
    pub mark: bool,
}

/// What happened when the database was opened.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct OpenReport {
    /// The database file (`None` in memory).
    #[ts(type = "string | null")]
    pub path: Option<PathBuf>,
    /// The file did not exist (or was empty) and a new database was made.
    pub created: bool,
    /// Schema version found before migrations ran (0 for a new database).
    #[ts(type = "number")]
    pub migrated_from: i64,
    /// Schema version now.
    #[ts(type = "number")]
    pub schema_version: i64,
    /// Slugs of the guides seeded from the built-in sample content.
    pub seeded: Vec<String>,
    /// A damaged database was found and moved aside; a new one was started.
    pub recovered: Option<Recovery>,
}

/// A damaged database that was moved aside at open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Recovery {
    /// Where the damaged file is now (never deleted).
    #[ts(type = "string")]
    pub moved_to: PathBuf,
    /// What was wrong with it.
    pub detail: String,
}
