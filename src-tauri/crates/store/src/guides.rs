//! Guides and their drafts: create, list, rename, trash, save (autosave), revisions.

use almanac_guide::{is_safe_slug, Guide, VersionState};
use chrono::Duration;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use crate::blobs::{decode_revision, encode_revision};
use crate::codec::{hash_text, parse_guide, parse_stored};
use crate::error::{Result, StoreError};
use crate::shared::SyncState;
use crate::types::{Draft, GuideId, GuideSummary, ListQuery, RevisionInfo, SortBy, VersionBadge};
use crate::{damaged, search, Store, WriteCtx};

/// Pruning keeps this many newest revisions of each guide.
pub const KEEP_RECENT_REVISIONS: i64 = 50;
/// Pruning also keeps the newest revision of every hour of this many past days.
pub const KEEP_HOURLY_DAYS: i64 = 7;
/// Pruning runs when a guide's draft revision is a multiple of this.
pub const PRUNE_EVERY: i64 = 10;

/// The columns `guide_from_row` reads, for `SELECT … FROM guides`: the row, then the newest
/// version, the live version and whether the draft differs from it (by content hash).
pub(crate) const GUIDE_COLS: &str = "guides.id, guides.slug, guides.title, guides.state, \
     guides.created, guides.updated, guides.trashed_at, \
     (SELECT label FROM versions WHERE guide_id = guides.id ORDER BY number DESC LIMIT 1), \
     (SELECT state FROM versions WHERE guide_id = guides.id ORDER BY number DESC LIMIT 1), \
     (SELECT label FROM versions WHERE guide_id = guides.id AND state = 'live' \
      ORDER BY number DESC LIMIT 1), \
     COALESCE((SELECT v.edit_hash <> d.content_hash FROM versions v, drafts d \
      WHERE v.guide_id = guides.id AND d.guide_id = guides.id AND v.state = 'live' \
      ORDER BY v.number DESC LIMIT 1), 0), \
     EXISTS (SELECT 1 FROM settings WHERE key = 'shared.remote'), \
     (SELECT folder FROM shared_guides WHERE guide_id = guides.id), \
     EXISTS (SELECT 1 FROM versions WHERE guide_id = guides.id AND shared = 0) \
      OR EXISTS (SELECT 1 FROM review_events WHERE guide_id = guides.id AND shared = 0), \
     EXISTS (SELECT 1 FROM settings, shared_guides s WHERE settings.key = 'shared.behind' \
      AND s.guide_id = guides.id AND instr(settings.value, '\"' || s.folder || '\"') > 0)";

/// A review state as stored (`VersionState::as_str`).
pub(crate) fn read_state(s: &str) -> rusqlite::Result<VersionState> {
    s.parse().map_err(|e: String| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
    })
}

pub(crate) fn guide_from_row(r: &Row<'_>) -> rusqlite::Result<GuideSummary> {
    let newest = match (r.get::<_, Option<String>>(7)?, r.get::<_, Option<String>>(8)?) {
        (Some(label), Some(state)) => Some(VersionBadge { label, state: read_state(&state)? }),
        _ => None,
    };
    Ok(GuideSummary {
        id: r.get(0)?,
        slug: r.get(1)?,
        title: r.get(2)?,
        state: read_state(&r.get::<_, String>(3)?)?,
        newest,
        live: r.get(9)?,
        unpublished_edits: r.get(10)?,
        sync: sync_state(r)?,
        created: r.get(4)?,
        updated: r.get(5)?,
        trashed_at: r.get(6)?,
    })
}

fn sync_state(r: &Row<'_>) -> rusqlite::Result<Option<SyncState>> {
    let linked: bool = r.get(11)?;
    if !linked {
        return Ok(None);
    }
    let folder: Option<String> = r.get(12)?;
    let unshared: bool = r.get(13)?;
    let behind: bool = r.get(14)?;
    Ok(Some(if behind {
        SyncState::Behind
    } else if folder.is_none() {
        SyncState::LocalOnly
    } else if unshared {
        SyncState::ChangesToShare
    } else {
        SyncState::Shared
    }))
}

pub(crate) fn guide_by_id(c: &Connection, id: GuideId) -> Result<GuideSummary> {
    c.query_row(
        &format!("SELECT {GUIDE_COLS} FROM guides WHERE guides.id = ?1"),
        [id],
        guide_from_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::not_found(format!("Guide {id}")))
}

pub(crate) fn guide_by_slug(c: &Connection, slug: &str) -> Result<GuideSummary> {
    c.query_row(
        &format!("SELECT {GUIDE_COLS} FROM guides WHERE slug = ?1 AND trashed_at IS NULL"),
        [slug],
        guide_from_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::not_found(format!("A guide with the slug \"{slug}\"")))
}

fn check_slug(slug: &str) -> Result<()> {
    if is_safe_slug(slug) {
        Ok(())
    } else {
        Err(StoreError::InvalidSlug {
            slug: slug.into(),
            reason: "use lowercase letters, digits and single hyphens (at most 80), e.g. \
                     \"training-infrastructure\""
                .into(),
        })
    }
}

/// Refuses `slug` when a guide other than `except`, not in the trash, uses it.
fn check_slug_free(c: &Connection, slug: &str, except: Option<GuideId>) -> Result<()> {
    let other: Option<(GuideId, String)> = c
        .query_row(
            "SELECT id, title FROM guides WHERE slug = ?1 AND trashed_at IS NULL",
            [slug],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match other {
        Some((id, title)) if Some(id) != except => {
            Err(StoreError::SlugTaken { slug: slug.into(), title })
        }
        _ => Ok(()),
    }
}

pub(crate) fn current_revision(c: &Connection, guide_id: GuideId) -> Result<i64> {
    c.query_row("SELECT revision FROM drafts WHERE guide_id = ?1", [guide_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::not_found(format!("The draft of guide {guide_id}")))
}

pub(crate) fn load_draft(c: &Connection, guide_id: GuideId) -> Result<Draft> {
    let row: Option<(i64, String, String)> = c
        .query_row(
            "SELECT revision, json, updated FROM drafts WHERE guide_id = ?1",
            [guide_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (revision, json, updated) =
        row.ok_or_else(|| StoreError::not_found(format!("The draft of guide {guide_id}")))?;
    let guide = parse_stored(&json, &format!("The draft of guide {guide_id}")).map_err(damaged)?;
    Ok(Draft { guide_id, revision, updated, guide })
}

/// The draft as editors see it: `load_draft` with the derived fields filled in
/// (`versions::stamp_draft`).
pub(crate) fn stamped_draft(c: &Connection, guide_id: GuideId) -> Result<Draft> {
    let mut draft = load_draft(c, guide_id)?;
    crate::versions::stamp_draft(c, guide_id, &mut draft.guide)?;
    Ok(draft)
}

/// Writes `guide` as draft revision `revision` of `guide_id`: the draft row (its derived
/// fields cleared, its content hash, and its content time moved to now only when the content
/// changed), a kept revision, the guide's slug/title/updated, and the search index. Prunes old
/// revisions every `PRUNE_EVERY` revisions.
pub(crate) fn write_draft(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    guide_id: GuideId,
    revision: i64,
    guide: &Guide,
    reason: &str,
) -> Result<()> {
    write_draft_at(tx, ctx, guide_id, revision, guide, reason, &ctx.now)
}

/// `write_draft`, with `content_time` as the content's time when it changed (an import keeps
/// the bundle's own time).
pub(crate) fn write_draft_at(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    guide_id: GuideId,
    revision: i64,
    guide: &Guide,
    reason: &str,
    content_time: &str,
) -> Result<()> {
    let guide = &guide.stripped();
    let json = guide.to_canonical_json();
    let hash = hash_text(&json);
    tx.prepare_cached(
        "INSERT INTO drafts (guide_id, revision, json, updated, content_hash, content_updated)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (guide_id) DO UPDATE
         SET revision = excluded.revision, json = excluded.json, updated = excluded.updated,
             content_updated = CASE WHEN drafts.content_hash = excluded.content_hash
                               THEN drafts.content_updated ELSE excluded.content_updated END,
             content_hash = excluded.content_hash",
    )?
    .execute(params![guide_id, revision, json, ctx.now, hash, content_time])?;
    let (base, data) = encode_revision(tx, &ctx.cache, guide_id, &json)?;
    tx.prepare_cached(
        "INSERT OR REPLACE INTO draft_revisions
         (guide_id, revision, saved_at, reason, data, base_blob_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![guide_id, revision, ctx.now, reason, data, base])?;
    // The row's own columns only: this also runs inside migrations, before later tables exist.
    let (row_slug, trashed): (String, Option<String>) = tx
        .query_row("SELECT slug, trashed_at FROM guides WHERE id = ?1", [guide_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .ok_or_else(|| StoreError::not_found(format!("Guide {guide_id}")))?;
    let slug = &guide.meta.slug;
    let slug = if *slug != row_slug && is_safe_slug(slug) {
        if trashed.is_none() {
            check_slug_free(tx, slug, Some(guide_id))?;
        }
        slug.as_str()
    } else {
        row_slug.as_str()
    };
    tx.execute(
        "UPDATE guides SET slug = ?1, title = ?2, updated = ?3 WHERE id = ?4",
        params![slug, guide.meta.title, ctx.now, guide_id],
    )?;
    search::index_guide(tx, guide_id, guide)?;
    if revision % PRUNE_EVERY == 0 {
        prune_revisions(tx, ctx, guide_id, revision)?;
    }
    Ok(())
}

/// Makes sure revision `revision` of the draft is kept (it normally is: every write keeps one).
pub(crate) fn keep_revision(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    guide_id: GuideId,
    revision: i64,
    saved_at: &str,
    guide: &Guide,
) -> Result<()> {
    let (base, data) = encode_revision(tx, &ctx.cache, guide_id, &guide.to_canonical_json())?;
    tx.execute(
        "INSERT OR IGNORE INTO draft_revisions
         (guide_id, revision, saved_at, reason, data, base_blob_id)
         VALUES (?1, ?2, ?3, 'save', ?4, ?5)",
        params![guide_id, revision, saved_at, data, base],
    )?;
    Ok(())
}

/// Applies the pruning policy (crate docs) to one guide's revisions.
fn prune_revisions(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    guide_id: GuideId,
    current: i64,
) -> Result<()> {
    let week_ago = crate::db::stamp(ctx.at - Duration::days(KEEP_HOURLY_DAYS));
    tx.execute(
        "DELETE FROM draft_revisions
         WHERE guide_id = ?1 AND revision <= ?2
           AND NOT (saved_at >= ?3 AND revision IN (
               SELECT MAX(revision) FROM draft_revisions WHERE guide_id = ?1
               GROUP BY substr(saved_at, 1, 13)))",
        params![guide_id, current - KEEP_RECENT_REVISIONS, week_ago],
    )?;
    Ok(())
}

/// Sets a guide's review state from its versions (see `GuideSummary::state`).
pub(crate) fn refresh_state(tx: &Transaction<'_>, ctx: &WriteCtx, guide_id: GuideId) -> Result<()> {
    tx.execute(
        "UPDATE guides SET updated = ?2, state = COALESCE(
             (SELECT state FROM versions WHERE guide_id = ?1 AND state <> 'archived'
              ORDER BY number DESC LIMIT 1),
             (SELECT 'archived' FROM versions WHERE guide_id = ?1 LIMIT 1),
             'draft')
         WHERE id = ?1",
        params![guide_id, ctx.now],
    )?;
    Ok(())
}

fn like_pattern(text: &str) -> String {
    let mut p = String::from("%");
    for ch in text.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(ch);
    }
    p.push('%');
    p
}

impl Store {
    /// Creates a guide from `guide` (sample content, an imported bundle, a new empty guide):
    /// its draft is revision 1. The slug must be valid and not used by a guide outside the
    /// trash. The guide need not pass validation.
    pub fn create_guide(&mut self, guide: &Guide) -> Result<GuideSummary> {
        check_slug(&guide.meta.slug)?;
        let mut guide = guide.clone();
        guide.normalize();
        self.write(|tx, ctx| create_in(tx, ctx, &guide, "create"))
    }

    /// Creates a new, empty guide ("New guide").
    pub fn create_empty_guide(&mut self, slug: &str, title: &str) -> Result<GuideSummary> {
        let guide = Guide::new_empty(slug, title, &self.now());
        self.create_guide(&guide)
    }

    /// One guide by id (also in the trash).
    pub fn guide(&self, id: GuideId) -> Result<GuideSummary> {
        self.read(|c| guide_by_id(c, id))
    }

    /// The guide outside the trash with this slug.
    pub fn guide_by_slug(&self, slug: &str) -> Result<GuideSummary> {
        self.read(|c| guide_by_slug(c, slug))
    }

    /// Guides not in the trash, filtered and sorted by `query`.
    pub fn list_guides(&self, query: &ListQuery) -> Result<Vec<GuideSummary>> {
        self.read(|c| {
            let mut sql = format!("SELECT {GUIDE_COLS} FROM guides WHERE trashed_at IS NULL");
            let mut args: Vec<String> = Vec::new();
            if let Some(state) = query.state {
                args.push(state.as_str().into());
                sql.push_str(&format!(" AND state = ?{}", args.len()));
            }
            if let Some(text) = query.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                args.push(like_pattern(text));
                let n = args.len();
                sql.push_str(&format!(
                    " AND (title LIKE ?{n} ESCAPE '\\' OR slug LIKE ?{n} ESCAPE '\\')"
                ));
            }
            sql.push_str(match query.sort {
                SortBy::Title => " ORDER BY title COLLATE NOCASE, id",
                SortBy::Updated => " ORDER BY updated DESC, id DESC",
            });
            let mut stmt = c.prepare_cached(&sql)?;
            let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), guide_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Guides in the trash, most recently trashed first.
    pub fn list_trash(&self) -> Result<Vec<GuideSummary>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(&format!(
                "SELECT {GUIDE_COLS} FROM guides WHERE trashed_at IS NOT NULL
                 ORDER BY trashed_at DESC, id DESC"
            ))?;
            let rows = stmt.query_map([], guide_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Moves a guide to the trash. Nothing is deleted: its draft, revisions and versions stay,
    /// and `restore_from_trash` brings it back.
    pub fn trash_guide(&mut self, id: GuideId) -> Result<GuideSummary> {
        self.write(|tx, ctx| {
            let g = guide_by_id(tx, id)?;
            if g.trashed_at.is_some() {
                return Err(StoreError::invalid(format!(
                    "\"{}\" is already in the trash.",
                    g.title
                )));
            }
            tx.execute("UPDATE guides SET trashed_at = ?2 WHERE id = ?1", params![id, ctx.now])?;
            guide_by_id(tx, id)
        })
    }

    /// Brings a guide back from the trash; refused with `store.slug_taken` when another guide
    /// took its slug meanwhile (rename one of them first).
    pub fn restore_from_trash(&mut self, id: GuideId) -> Result<GuideSummary> {
        self.write(|tx, _ctx| {
            let g = guide_by_id(tx, id)?;
            if g.trashed_at.is_none() {
                return Err(StoreError::invalid(format!("\"{}\" is not in the trash.", g.title)));
            }
            check_slug_free(tx, &g.slug, Some(id))?;
            tx.execute("UPDATE guides SET trashed_at = NULL WHERE id = ?1", [id])?;
            guide_by_id(tx, id)
        })
    }

    /// Renames a guide: sets the draft's `meta.title` (and `meta.slug` when `slug` is given)
    /// as a new draft revision. Returns the new draft (an open editor must reload it).
    pub fn rename_guide(&mut self, id: GuideId, title: &str, slug: Option<&str>) -> Result<Draft> {
        let title = title.trim();
        if title.is_empty() {
            return Err(StoreError::invalid("A guide's title cannot be empty."));
        }
        if let Some(s) = slug {
            check_slug(s)?;
        }
        self.write(|tx, ctx| {
            let mut draft = load_draft(tx, id)?;
            if let Some(s) = slug {
                check_slug_free(tx, s, Some(id))?;
                draft.guide.meta.slug = s.to_string();
            }
            draft.guide.meta.title = title.to_string();
            write_draft(tx, ctx, id, draft.revision + 1, &draft.guide, "rename")?;
            stamped_draft(tx, id)
        })
    }

    /// The guide's current draft and its revision, with the derived fields (`meta.version`,
    /// `versions`, the times) filled in from the store.
    pub fn draft(&self, guide_id: GuideId) -> Result<Draft> {
        self.read(|c| stamped_draft(c, guide_id))
    }

    /// Saves an edit of the draft (autosave). `base_revision` is the revision the edit started
    /// from; when the draft has moved on since, the save is refused with `store.conflict`
    /// (carrying the current revision) and nothing is written. Returns the new revision. The
    /// guide is normalized (parsed capacities) and its derived fields cleared before it is
    /// stored; the content time moves only when the content changed. Commits with
    /// `synchronous = NORMAL` (crate docs, Durability).
    pub fn save_draft(
        &mut self,
        guide_id: GuideId,
        base_revision: i64,
        guide: &Guide,
    ) -> Result<i64> {
        let mut guide = guide.clone();
        guide.normalize();
        self.write_autosave(|tx, ctx| {
            let current = current_revision(tx, guide_id)?;
            if current != base_revision {
                return Err(StoreError::Conflict { guide_id, base: base_revision, current });
            }
            write_draft(tx, ctx, guide_id, current + 1, &guide, "save")?;
            Ok(current + 1)
        })
    }

    /// `save_draft` for JSON text: anything that is not a guide is refused with
    /// `store.invalid_guide` before any write.
    pub fn save_draft_json(
        &mut self,
        guide_id: GuideId,
        base_revision: i64,
        json: &str,
    ) -> Result<i64> {
        let guide = parse_guide(json)?;
        self.save_draft(guide_id, base_revision, &guide)
    }

    /// The kept revisions of a guide's draft, newest first.
    pub fn list_revisions(&self, guide_id: GuideId) -> Result<Vec<RevisionInfo>> {
        self.read(|c| {
            guide_by_id(c, guide_id)?;
            let mut stmt = c.prepare_cached(
                "SELECT revision, saved_at, reason FROM draft_revisions WHERE guide_id = ?1
                 ORDER BY revision DESC",
            )?;
            let rows = stmt.query_map([guide_id], |r| {
                Ok(RevisionInfo {
                    guide_id,
                    revision: r.get(0)?,
                    saved_at: r.get(1)?,
                    reason: r.get(2)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// The content of one kept draft revision.
    pub fn revision(&self, guide_id: GuideId, revision: i64) -> Result<Guide> {
        self.read(|c| {
            let row: Option<(Vec<u8>, Option<i64>)> = c
                .query_row(
                    "SELECT data, base_blob_id FROM draft_revisions
                     WHERE guide_id = ?1 AND revision = ?2",
                    params![guide_id, revision],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let (data, base) = row.ok_or_else(|| {
                StoreError::not_found(format!("Revision {revision} of guide {guide_id}"))
            })?;
            let what = format!("Revision {revision} of guide {guide_id}");
            let json = decode_revision(c, &self.cache, base, &data, &what)?;
            parse_stored(&json, &what).map_err(damaged)
        })
    }
}

/// Inserts a new guide with `guide` as draft revision 1, created now.
pub(crate) fn create_in(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    guide: &Guide,
    reason: &str,
) -> Result<GuideSummary> {
    create_at(tx, ctx, guide, reason, &ctx.now, &ctx.now)
}

/// `create_in` with the guide's own creation and content times (sample content and imported
/// bundles keep theirs).
pub(crate) fn create_at(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    guide: &Guide,
    reason: &str,
    created: &str,
    content_time: &str,
) -> Result<GuideSummary> {
    check_slug_free(tx, &guide.meta.slug, None)?;
    tx.execute(
        "INSERT INTO guides (slug, title, state, created, updated) VALUES (?1, ?2, 'draft', ?3, ?4)",
        params![guide.meta.slug, guide.meta.title, created, ctx.now],
    )?;
    let id = tx.last_insert_rowid();
    write_draft_at(tx, ctx, id, 1, guide, reason, content_time)?;
    guide_by_id(tx, id)
}

/// An RFC 3339 time from a guide file, in the store's own form; `None` when it cannot be read.
pub(crate) fn stored_time(raw: &str) -> Option<String> {
    chrono::DateTime::parse_from_rfc3339(raw.trim()).ok().map(|t| crate::db::stamp(t.to_utc()))
}
