//! Named versions, review states, notes and approvals.

use almanac_guide::{Guide, VersionState};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use crate::blobs::{blob_text, put_blob, SharedCache};
use crate::codec::{hash_text, parse_stored};
use crate::error::{Result, StoreError};
use crate::guides::{guide_by_id, load_draft, parse_state, refresh_state};
use crate::types::{Approval, ApprovalStatus, GuideId, Note, Version, VersionContent, VersionId};
use crate::{damaged, Store, WriteCtx};

const VERSION_COLS: &str = "id, guide_id, number, label, state, note, created, content_hash";

fn version_from_row(r: &Row<'_>) -> rusqlite::Result<Version> {
    Ok(Version {
        id: r.get(0)?,
        guide_id: r.get(1)?,
        number: r.get(2)?,
        label: r.get(3)?,
        state: parse_state(&r.get::<_, String>(4)?)?,
        note: r.get(5)?,
        created: r.get(6)?,
        content_hash: r.get(7)?,
    })
}

fn approval_from_row(r: &Row<'_>) -> rusqlite::Result<Approval> {
    Ok(Approval {
        id: r.get(0)?,
        version_id: r.get(1)?,
        content_hash: r.get(2)?,
        approved_at: r.get(3)?,
    })
}

fn note_from_row(r: &Row<'_>) -> rusqlite::Result<Note> {
    Ok(Note {
        id: r.get(0)?,
        version_id: r.get(1)?,
        path: r.get(2)?,
        item_id: r.get(3)?,
        text: r.get(4)?,
        created: r.get(5)?,
    })
}

/// Whether a version may move from `from` to `to`:
/// forwards `draft → in_review → approved → live`; back one step
/// (`live → approved → in_review → draft`); `archived` from any other state; from
/// `archived` only back to `draft`. Staying in the same state is not a move.
pub fn allowed_transition(from: VersionState, to: VersionState) -> bool {
    use VersionState::*;
    matches!(
        (from, to),
        (Draft, InReview)
            | (InReview, Approved)
            | (Approved, Live)
            | (Live, Approved)
            | (Approved, InReview)
            | (InReview, Draft)
            | (Draft | InReview | Approved | Live, Archived)
            | (Archived, Draft)
    )
}

fn allowed_from(from: VersionState) -> String {
    use VersionState::*;
    let to: Vec<&str> = [Draft, InReview, Approved, Live, Archived]
        .into_iter()
        .filter(|t| allowed_transition(from, *t))
        .map(|t| t.label())
        .collect();
    format!("From {} it can move to: {}.", from.label(), to.join(", "))
}

pub(crate) fn version_by_id(c: &Connection, id: VersionId) -> Result<Version> {
    c.query_row(
        &format!("SELECT {VERSION_COLS} FROM versions WHERE id = ?1"),
        [id],
        version_from_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::not_found(format!("Version {id}")))
}

pub(crate) fn version_content(
    c: &Connection,
    cache: &SharedCache,
    id: VersionId,
) -> Result<VersionContent> {
    let version = version_by_id(c, id)?;
    let blob_id: i64 =
        c.query_row("SELECT blob_id FROM versions WHERE id = ?1", [id], |r| r.get(0))?;
    let what = format!("The content of version {} ({})", version.label, version.id);
    let json = blob_text(c, cache, blob_id)?;
    if hash_text(&json) != version.content_hash {
        return Err(damaged(format!("{what} does not match its content hash")));
    }
    let guide = parse_stored(&json, &what).map_err(damaged)?;
    Ok(VersionContent { version, guide })
}

fn record_approval(tx: &Transaction<'_>, ctx: &WriteCtx, v: &Version) -> Result<Approval> {
    tx.execute(
        "INSERT INTO approvals (version_id, content_hash, approved_at) VALUES (?1, ?2, ?3)",
        params![v.id, v.content_hash, ctx.now],
    )?;
    Ok(Approval {
        id: tx.last_insert_rowid(),
        version_id: v.id,
        content_hash: v.content_hash.clone(),
        approved_at: ctx.now.clone(),
    })
}

/// Archives the guide's other live versions (a guide has at most one live version).
fn archive_other_live(tx: &Transaction<'_>, guide_id: GuideId, except: VersionId) -> Result<()> {
    tx.execute(
        "UPDATE versions SET state = 'archived' WHERE guide_id = ?1 AND state = 'live' AND id <> ?2",
        params![guide_id, except],
    )?;
    Ok(())
}

/// Names the current draft as a new version (see `Store::snapshot`).
pub(crate) fn snapshot_in(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    guide_id: GuideId,
    label: &str,
    state: VersionState,
    note: &str,
) -> Result<Version> {
    let label = label.trim();
    if label.is_empty() {
        return Err(StoreError::invalid("A version needs a label, e.g. \"v2\"."));
    }
    guide_by_id(tx, guide_id)?;
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM versions WHERE guide_id = ?1 AND label = ?2)",
        params![guide_id, label],
        |r| r.get(0),
    )?;
    if taken {
        return Err(StoreError::LabelTaken { label: label.into() });
    }
    let draft = load_draft(tx, guide_id)?;
    let (blob_id, hash) = put_blob(tx, &ctx.cache, guide_id, &draft.guide.to_canonical_json())?;
    let number: i64 = tx.query_row(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM versions WHERE guide_id = ?1",
        [guide_id],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO versions (guide_id, number, label, state, note, created, content_hash, blob_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![guide_id, number, label, state.as_str(), note, ctx.now, hash, blob_id],
    )?;
    let v = version_by_id(tx, tx.last_insert_rowid())?;
    if matches!(state, VersionState::Approved | VersionState::Live) {
        record_approval(tx, ctx, &v)?;
    }
    if state == VersionState::Live {
        archive_other_live(tx, guide_id, v.id)?;
    }
    refresh_state(tx, ctx, guide_id)?;
    Ok(v)
}

impl Store {
    /// Names the current draft as a new version with `label` (unique within the guide),
    /// initial `state` and `note`. The content is stored once per distinct content (a version
    /// identical to an earlier one shares its blob). A version created `approved` or `live`
    /// records an approval of its content; a new `live` version archives the previous one.
    pub fn snapshot(
        &mut self,
        guide_id: GuideId,
        label: &str,
        state: VersionState,
        note: &str,
    ) -> Result<Version> {
        self.write(|tx, ctx| snapshot_in(tx, ctx, guide_id, label, state, note))
    }

    /// The guide's versions, newest first.
    pub fn list_versions(&self, guide_id: GuideId) -> Result<Vec<Version>> {
        self.read(|c| {
            guide_by_id(c, guide_id)?;
            let mut stmt = c.prepare_cached(&format!(
                "SELECT {VERSION_COLS} FROM versions WHERE guide_id = ?1 ORDER BY number DESC"
            ))?;
            let rows = stmt.query_map([guide_id], version_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// One version by id.
    pub fn version(&self, id: VersionId) -> Result<Version> {
        self.read(|c| version_by_id(c, id))
    }

    /// One version of a guide by its label ("v1").
    pub fn version_by_label(&self, guide_id: GuideId, label: &str) -> Result<Version> {
        self.read(|c| {
            c.query_row(
                &format!("SELECT {VERSION_COLS} FROM versions WHERE guide_id = ?1 AND label = ?2"),
                params![guide_id, label],
                version_from_row,
            )
            .optional()?
            .ok_or_else(|| {
                StoreError::not_found(format!("Version \"{label}\" of guide {guide_id}"))
            })
        })
    }

    /// A version with its content, exactly as named (its hash is checked on the way out).
    pub fn open_version(&self, id: VersionId) -> Result<VersionContent> {
        self.read(|c| version_content(c, &self.cache, id))
    }

    /// Moves a version to another review state (see [`allowed_transition`]); refused with
    /// `store.invalid_transition` otherwise. Entering `approved` records an approval; entering
    /// `live` archives the guide's previous live version.
    pub fn set_version_state(&mut self, id: VersionId, to: VersionState) -> Result<Version> {
        self.write(|tx, ctx| {
            let v = version_by_id(tx, id)?;
            if !allowed_transition(v.state, to) {
                return Err(StoreError::InvalidTransition {
                    from: v.state.label().into(),
                    to: to.label().into(),
                    allowed: allowed_from(v.state),
                });
            }
            tx.execute("UPDATE versions SET state = ?2 WHERE id = ?1", params![id, to.as_str()])?;
            if to == VersionState::Approved && v.state == VersionState::InReview {
                record_approval(tx, ctx, &v)?;
            }
            if to == VersionState::Live {
                archive_other_live(tx, v.guide_id, id)?;
            }
            refresh_state(tx, ctx, v.guide_id)?;
            version_by_id(tx, id)
        })
    }

    /// Approves a version in review: moves it to `approved` and records its content hash.
    pub fn approve(&mut self, id: VersionId) -> Result<Approval> {
        self.write(|tx, ctx| {
            let v = version_by_id(tx, id)?;
            if v.state != VersionState::InReview {
                return Err(StoreError::InvalidTransition {
                    from: v.state.label().into(),
                    to: VersionState::Approved.label().into(),
                    allowed: "Only a version in review can be approved.".into(),
                });
            }
            tx.execute("UPDATE versions SET state = 'approved' WHERE id = ?1", [id])?;
            let a = record_approval(tx, ctx, &v)?;
            refresh_state(tx, ctx, v.guide_id)?;
            Ok(a)
        })
    }

    /// Every approval of a version, newest first.
    pub fn approvals(&self, version_id: VersionId) -> Result<Vec<Approval>> {
        self.read(|c| {
            version_by_id(c, version_id)?;
            let mut stmt = c.prepare_cached(
                "SELECT id, version_id, content_hash, approved_at FROM approvals
                 WHERE version_id = ?1 ORDER BY id DESC",
            )?;
            let rows = stmt.query_map([version_id], approval_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Whether the guide's newest approved-or-live version's approval covers the draft's
    /// current content (a later edit of the draft shows `covers_draft: false`).
    pub fn approval_status(&self, guide_id: GuideId) -> Result<ApprovalStatus> {
        self.read(|c| {
            let draft = load_draft(c, guide_id)?;
            let draft_hash = hash_text(&draft.guide.to_canonical_json());
            let approved = c
                .query_row(
                    "SELECT v.id, a.id, a.version_id, a.content_hash, a.approved_at
                         FROM versions v JOIN approvals a ON a.version_id = v.id
                         WHERE v.guide_id = ?1 AND v.state IN ('approved', 'live')
                         ORDER BY v.number DESC, a.id DESC LIMIT 1",
                    [guide_id],
                    |r| {
                        Ok((
                            r.get::<_, i64>(0)?,
                            Approval {
                                id: r.get(1)?,
                                version_id: r.get(2)?,
                                content_hash: r.get(3)?,
                                approved_at: r.get(4)?,
                            },
                        ))
                    },
                )
                .optional()?;
            let approved = match approved {
                Some((vid, a)) => Some((version_by_id(c, vid)?, a)),
                None => None,
            };
            let covers_draft = approved.as_ref().is_some_and(|(_, a)| a.content_hash == draft_hash);
            Ok(ApprovalStatus { approved, draft_hash, covers_draft })
        })
    }

    /// Adds a review note to a version, on the whole version (`path` None) or on a field path
    /// such as `deals[3].partner` (`item_id` is the stable id of the list item, if any).
    pub fn add_note(
        &mut self,
        version_id: VersionId,
        path: Option<&str>,
        item_id: Option<&str>,
        text: &str,
    ) -> Result<Note> {
        let text = text.trim();
        if text.is_empty() {
            return Err(StoreError::invalid("A note cannot be empty."));
        }
        let path = path.map(str::trim).filter(|p| !p.is_empty());
        let item_id = item_id.map(str::trim).filter(|p| !p.is_empty());
        self.write(|tx, ctx| {
            version_by_id(tx, version_id)?;
            tx.execute(
                "INSERT INTO version_notes (version_id, path, item_id, text, created)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![version_id, path, item_id, text, ctx.now],
            )?;
            Ok(Note {
                id: tx.last_insert_rowid(),
                version_id,
                path: path.map(str::to_string),
                item_id: item_id.map(str::to_string),
                text: text.to_string(),
                created: ctx.now.clone(),
            })
        })
    }

    /// A version's notes, oldest first.
    pub fn list_notes(&self, version_id: VersionId) -> Result<Vec<Note>> {
        self.read(|c| {
            version_by_id(c, version_id)?;
            let mut stmt = c.prepare_cached(
                "SELECT id, version_id, path, item_id, text, created FROM version_notes
                 WHERE version_id = ?1 ORDER BY id",
            )?;
            let rows = stmt.query_map([version_id], note_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Deletes one review note.
    pub fn delete_note(&mut self, note_id: i64) -> Result<()> {
        self.write(|tx, _| {
            let n = tx.execute("DELETE FROM version_notes WHERE id = ?1", [note_id])?;
            if n == 0 {
                return Err(StoreError::not_found(format!("Note {note_id}")));
            }
            Ok(())
        })
    }

    /// The guide as it should be published from version `id`: its content with
    /// `meta.version` set to the version's label and current state, and `versions` listing the
    /// guide's versions up to this one that are not archived (this one always), newest first. (The stored content and its hash
    /// are unchanged.)
    pub fn publishable_version(&self, id: VersionId) -> Result<Guide> {
        let content = self.open_version(id)?;
        let mut guide = content.guide;
        guide.meta.version.label = content.version.label.clone();
        guide.meta.version.state = content.version.state;
        guide.versions = self
            .list_versions(content.version.guide_id)?
            .into_iter()
            .filter(|v| v.number <= content.version.number)
            .filter(|v| v.state != VersionState::Archived || v.id == id)
            .map(|v| almanac_guide::VersionRef { label: v.label, state: v.state, at: v.created })
            .collect();
        Ok(guide)
    }
}
