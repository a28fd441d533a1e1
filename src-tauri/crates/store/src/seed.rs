//! Seeding a new database from the sample guides built into the binary (see `build.rs` and the
//! crate docs for the rule that turns `content/<slug>-v<N>` into later versions of a guide).

use std::collections::BTreeMap;

use almanac_guide::{Guide, VersionState};
use chrono::DateTime;

/// The reviewer recorded on the approvals of the built-in sample guides' approved or live
/// versions.
pub const SAMPLE_REVIEWER: &str = "Almanac sample content";

use crate::codec::parse_guide;
use crate::error::{Result, StoreError};
use crate::guides::{create_at, current_revision, stored_time, write_draft_at};
use crate::versions::{name_version_in, record_seed_approval, NewVersion};
use crate::{Store, WriteCtx};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/seed_files.rs"));
}

/// The sample guides embedded at build time: (folder name under `content/`, guide.json text).
pub fn seed_files() -> &'static [(&'static str, &'static str)] {
    embedded::SEED_FILES
}

/// Splits "training-infrastructure-v2" into ("training-infrastructure", 2); a folder without a
/// `-v<N>` suffix is its guide's first file (0).
fn split_dir(dir: &str) -> (&str, u32) {
    if let Some((base, digits)) = dir.rsplit_once("-v") {
        if !base.is_empty() && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(n) = digits.parse::<u32>() {
                return (base, n);
            }
        }
    }
    (dir, 0)
}

/// The seed plan: for each guide (by base folder), its files in version order.
fn plan() -> Result<BTreeMap<String, Vec<(String, Guide)>>> {
    let mut groups: BTreeMap<String, Vec<(u32, String, Guide)>> = BTreeMap::new();
    for (dir, json) in seed_files() {
        let guide = parse_guide(json).map_err(|e| StoreError::InvalidGuide {
            detail: format!("built-in sample content/{dir}/guide.json: {e}"),
        })?;
        let (base, n) = split_dir(dir);
        groups.entry(base.to_string()).or_default().push((n, dir.to_string(), guide));
    }
    // A "-vN" folder whose base folder does not exist is a guide of its own.
    let mut out = BTreeMap::new();
    for (base, mut files) in groups {
        files.sort_by_key(|(n, _, _)| *n);
        if files[0].0 != 0 && !seed_files().iter().any(|(d, _)| *d == base) {
            for (_, dir, g) in files {
                out.insert(dir.clone(), vec![(dir, g)]);
            }
        } else {
            out.insert(base, files.into_iter().map(|(_, d, g)| (d, g)).collect());
        }
    }
    Ok(out)
}

impl Store {
    /// Seeds the built-in sample guides (normally done automatically when a new database is
    /// created). Per guide: the first file is created as the guide and named as a version
    /// (label and state from its `meta.version`, created at its `meta.updated`); later files
    /// (`<slug>-v<N>`) are saved as draft revisions, each but the newest also named; the newest
    /// file stays the draft. All in one transaction. Returns the seeded slugs.
    pub fn seed_from_content(&mut self) -> Result<Vec<String>> {
        let plan = plan()?;
        self.write(|tx, ctx| {
            let mut slugs = Vec::new();
            for files in plan.values() {
                let (_, first) = &files[0];
                let time = |raw: &str| stored_time(raw).unwrap_or_else(|| ctx.now.clone());
                let summary = create_at(
                    tx,
                    ctx,
                    first,
                    "seed",
                    &time(&first.meta.created),
                    &time(&first.meta.updated),
                )?;
                let last = files.len() - 1;
                for (i, (_, guide)) in files.iter().enumerate() {
                    if i > 0 {
                        let rev = current_revision(tx, summary.id)?;
                        write_draft_at(
                            tx,
                            ctx,
                            summary.id,
                            rev + 1,
                            guide,
                            "seed",
                            &time(&guide.meta.updated),
                        )?;
                    }
                    if i < last || files.len() == 1 {
                        // Named when its page was generated, in the state the file gives.
                        let at = DateTime::parse_from_rfc3339(&guide.meta.generated)
                            .map(|t| t.to_utc())
                            .unwrap_or(ctx.at);
                        let vctx = WriteCtx {
                            now: crate::db::stamp(at),
                            at,
                            path: ctx.path.clone(),
                            cache: ctx.cache.clone(),
                        };
                        let label = match guide.meta.version.label.trim() {
                            "" | almanac_guide::DRAFT_LABEL => format!("v{}", i + 1),
                            l => l.to_string(),
                        };
                        let state = guide.meta.version.state;
                        let v = name_version_in(
                            tx,
                            &vctx,
                            summary.id,
                            NewVersion {
                                label: &label,
                                state,
                                note: "",
                                content: Some(guide),
                                content_updated: Some(time(&guide.meta.updated)),
                            },
                        )?;
                        if matches!(state, VersionState::Approved | VersionState::Live) {
                            record_seed_approval(tx, &vctx, &v, SAMPLE_REVIEWER)?;
                        }
                    }
                }
                // The draft builds on the newest version seeded.
                let parents = crate::shared::draft_parent_ids(tx, summary.id)?;
                crate::shared::set_draft_parents(tx, summary.id, &parents)?;
                slugs.push(crate::guides::guide_by_id(tx, summary.id)?.slug);
            }
            Ok(slugs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_folders_split() {
        assert_eq!(split_dir("training-infrastructure-v2"), ("training-infrastructure", 2));
        assert_eq!(split_dir("scaling-science"), ("scaling-science", 0));
        assert_eq!(split_dir("a-very-long"), ("a-very-long", 0));
        assert_eq!(split_dir("-v2"), ("-v2", 0));
    }
}
