//! Bringing a guide in from outside (a bundle): as a new guide, as a new named version of the
//! guide with its slug, or as that guide's draft. Never a silent overwrite: the draft an import
//! replaces stays a kept revision.

use almanac_guide::{Guide, VersionState};

use crate::error::{Result, StoreError};
use crate::guides::{create_at, current_revision, guide_by_id, stored_time, write_draft_at};
use crate::shared::{draft_parent_ids, set_draft_parents};
use crate::types::{ImportMode, ImportOutcome};
use crate::versions::{free_label, name_version_in, NewVersion};
use crate::Store;

/// The review state an imported version starts in: a bundle's approval does not travel with
/// it, so anything past in review comes back in review, to be approved here.
fn imported_state(bundle_state: VersionState) -> VersionState {
    match bundle_state {
        VersionState::Draft => VersionState::Draft,
        _ => VersionState::InReview,
    }
}

impl Store {
    /// Imports `guide` (an already checked bundle's guide) as `mode` says. The guide need not
    /// be valid; its slug must be. See [`ImportMode`].
    pub fn import_guide(&mut self, guide: &Guide, mode: ImportMode) -> Result<ImportOutcome> {
        let mut guide = guide.clone();
        guide.normalize();
        let slug = guide.meta.slug.clone();
        if !almanac_guide::is_safe_slug(&slug) {
            return Err(StoreError::InvalidSlug {
                slug,
                reason: "use lowercase letters, digits and single hyphens".into(),
            });
        }
        let existing = self.guide_by_slug(&slug).ok().map(|g| g.id);
        let bundle_label = guide.meta.version.label.trim().to_string();
        let bundle_state = guide.meta.version.state;
        let content_time = stored_time(&guide.meta.updated);
        let created_time = stored_time(&guide.meta.created);
        self.write(|tx, ctx| {
            let content_time = content_time.unwrap_or_else(|| ctx.now.clone());
            let (guide_id, created) = match (existing, mode) {
                (Some(_), ImportMode::NewGuide) => {
                    let title = guide_by_id(tx, existing.expect("matched Some"))?.title;
                    return Err(StoreError::SlugTaken { slug: slug.clone(), title });
                }
                (Some(id), ImportMode::AsDraft) => {
                    let rev = current_revision(tx, id)?;
                    write_draft_at(tx, ctx, id, rev + 1, &guide, "import", &content_time)?;
                    return Ok(ImportOutcome {
                        guide: guide_by_id(tx, id)?,
                        created: false,
                        version: None,
                    });
                }
                (Some(id), ImportMode::AsVersion) => (id, false),
                (None, _) => {
                    let created = created_time.clone().unwrap_or_else(|| ctx.now.clone());
                    let g = create_at(tx, ctx, &guide, "import", &created, &content_time)?;
                    if mode != ImportMode::AsVersion {
                        return Ok(ImportOutcome { guide: g, created: true, version: None });
                    }
                    (g.id, true)
                }
            };
            // The draft does not contain the imported version: what it contains is fixed first.
            let parents = draft_parent_ids(tx, guide_id)?;
            set_draft_parents(tx, guide_id, &parents)?;
            let label = free_label(tx, guide_id, &bundle_label)?;
            let note = if bundle_label.is_empty() {
                "Imported from a bundle.".to_string()
            } else {
                format!("Imported from a bundle of {bundle_label} ({}).", bundle_state.label())
            };
            let version = name_version_in(
                tx,
                ctx,
                guide_id,
                NewVersion {
                    label: &label,
                    state: imported_state(bundle_state),
                    note: &note,
                    content: Some(&guide),
                    content_updated: Some(content_time),
                },
            )?;
            Ok(ImportOutcome { guide: guide_by_id(tx, guide_id)?, created, version: Some(version) })
        })
    }
}
