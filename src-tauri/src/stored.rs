//! What a [`GuideRef`] names in the store, loaded for each use: as its page is published
//! (export), or as editors wrote it together with the version it is (a [`Side`] of a
//! [`Comparison`]: its diff and its standalone report).

use almanac_diff::{GuideDiff, Layout, ReportOptions, View};
use almanac_guide::Guide;
use almanac_store::{GuideId, Store, VersionId};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::ApiResult;

/// A guide's current draft or one of its named versions: one side of a comparison, or what to
/// export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
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

/// One side of a comparison as stored.
pub type Side = almanac_store::StoredSide;

impl GuideRef {
    /// The guide this names as its page is published: `meta.version`, the version list and
    /// the times derived by the store (a version as named, the draft as a draft on top of the
    /// newest version).
    pub fn publishable(self, store: &Store) -> ApiResult<Guide> {
        Ok(match self {
            GuideRef::Draft { guide_id } => store.publishable_draft(guide_id)?,
            GuideRef::Version { version_id } => store.publishable_version(version_id)?,
        })
    }

    /// This side of a comparison.
    pub fn side(self, store: &Store) -> ApiResult<Side> {
        Ok(match self {
            GuideRef::Draft { guide_id } => store.draft_side(guide_id)?,
            GuideRef::Version { version_id } => store.version_side(version_id)?,
        })
    }
}

/// Two stored guides compared: from `old` to `new`.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub old: Side,
    pub new: Side,
}

/// A standalone HTML diff report and the name of its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// `<slug>-<old version>-to-<new version>.diff.html` (`almanac_diff::report_file_name`).
    pub file_name: String,
    pub html: String,
}

impl Comparison {
    /// The comparison of `a` (old) with `b` (new).
    pub fn load(store: &Store, a: GuideRef, b: GuideRef) -> ApiResult<Comparison> {
        Ok(Comparison { old: a.side(store)?, new: b.side(store)? })
    }

    /// The structured difference; a side that is a named version is named by its label and
    /// state.
    pub fn diff(&self) -> GuideDiff {
        let mut diff = almanac_diff::diff_guides(&self.old.guide, &self.new.guide);
        for (info, side) in [(&mut diff.old, &self.old), (&mut diff.new, &self.new)] {
            if let Some(v) = &side.version {
                info.version = v.label.clone();
                info.state = v.state.as_str().to_string();
            }
        }
        diff
    }

    /// The difference as a standalone HTML report (almanac-diff).
    pub fn report(&self, layout: Layout, view: View) -> Report {
        let diff = self.diff();
        let options = ReportOptions { layout, view };
        Report {
            file_name: almanac_diff::report_file_name(&diff.old, &diff.new),
            html: almanac_diff::render_report(&self.old.page, &self.new.page, &diff, &options),
        }
    }
}

#[cfg(test)]
mod tests {
    use almanac_guide::VersionState;

    use super::*;
    use crate::error::ApiError;
    use crate::launch::Launch;
    use crate::state::AppState;

    #[test]
    fn refs_load_publishable_drafts_and_versions_and_sides_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let state =
            AppState::open(Launch { db: Some(dir.path().join("a.db")), ..Launch::default() });
        let (draft, v1, versions, comparison) = state
            .with_store(|s| {
                let id = s.guide_by_slug("training-infrastructure")?.id;
                let versions = s.list_versions(id)?;
                let v1 = versions.iter().find(|v| v.label == "v1").expect("seeded v1").id;
                let (draft, version) =
                    (GuideRef::Draft { guide_id: id }, GuideRef::Version { version_id: v1 });
                Ok((
                    draft.publishable(s)?,
                    version.publishable(s)?,
                    versions,
                    Comparison::load(s, version, draft)?,
                ))
            })
            .unwrap();
        assert_eq!(v1.meta.version, almanac_guide::VersionInfo::named("v1", VersionState::Live));
        assert_eq!(v1.versions.len(), 1);
        assert_eq!(draft.meta.version, almanac_guide::VersionInfo::working_draft(Some("v1")));
        assert!(!versions.is_empty());
        let d = almanac_diff::diff_guides(&v1, &draft);
        assert!(!d.is_empty(), "the seeded draft (v2 content) differs from v1");

        // Export validates once, in almanac-bundle: errors are `validation.errors`.
        assert!(almanac_bundle::build_bundle(&draft).is_ok());
        let mut bad = draft.clone();
        bad.meta.title.clear();
        let err = ApiError::export(almanac_bundle::build_bundle(&bad).unwrap_err());
        assert_eq!(err.code, "validation.errors");
        assert!(err.message.contains("meta.title"), "{}", err.message);

        let Comparison { old, new } = &comparison;
        assert_eq!(old.version.as_ref().map(|v| v.label.as_str()), Some("v1"));
        assert_eq!(new.version, None);
        assert_eq!(new.guide, draft.stripped(), "the draft as written");
        let diff = comparison.diff();
        assert_eq!((diff.old.version.as_str(), diff.old.state.as_str()), ("v1", "live"));
        assert_eq!(diff.new.version, almanac_guide::DRAFT_LABEL);
    }

    #[test]
    fn the_report_is_named_by_slug_and_versions() {
        let old = Guide::new_empty("my-guide", "Old", "2026-01-01T00:00:00Z");
        let mut new = old.clone();
        new.meta.title = "New".into();
        let version = |label: &str| almanac_store::Version {
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
            author: String::new(),
            machine: String::new(),
            shared: false,
        };
        let comparison = Comparison {
            old: Side { page: old.clone(), guide: old, version: Some(version("V 2/../x")) },
            new: Side { page: new.clone(), guide: new, version: None },
        };
        let report = comparison.report(Layout::Inline, View::Rendered);
        assert_eq!(report.file_name, "my-guide-v-2----x-to-draft.diff.html");
        assert!(report.html.contains("New"), "the report shows the change");
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
