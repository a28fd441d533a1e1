//! Named versions, review states, notes and approvals, and what a page derives from them.

use almanac_guide::{Guide, VersionInfo, VersionRef, VersionState, DRAFT_LABEL};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use crate::blobs::{blob_text, put_blob, SharedCache};
use crate::codec::{hash_text, parse_stored};
use crate::error::{Result, StoreError};
use crate::guides::{guide_by_id, load_draft, read_state, refresh_state, stored_time};
use crate::shared::{after_naming, draft_parent_ids, identity, record_event, EventKind};
use crate::types::{
    Approval, ApprovalStatus, GuideId, Note, StoredSide, Version, VersionContent, VersionId,
};
use crate::{damaged, Store, WriteCtx};
use serde_json::json;

const VERSION_COLS: &str = "id, guide_id, number, label, state, note, created, content_hash, \
                            state_changed, content_updated, edit_hash, author, machine, shared";

fn version_from_row(r: &Row<'_>) -> rusqlite::Result<Version> {
    Ok(Version {
        id: r.get(0)?,
        guide_id: r.get(1)?,
        number: r.get(2)?,
        label: r.get(3)?,
        state: read_state(&r.get::<_, String>(4)?)?,
        note: r.get(5)?,
        created: r.get(6)?,
        content_hash: r.get(7)?,
        state_changed: r.get(8)?,
        content_updated: r.get(9)?,
        edit_hash: r.get(10)?,
        author: r.get(11)?,
        machine: r.get(12)?,
        shared: r.get(13)?,
    })
}

const APPROVAL_COLS: &str = "id, version_id, content_hash, approved_at, reviewer, machine";

fn approval_from_row(r: &Row<'_>) -> rusqlite::Result<Approval> {
    Ok(Approval {
        id: r.get(0)?,
        version_id: r.get(1)?,
        content_hash: r.get(2)?,
        approved_at: r.get(3)?,
        reviewer: r.get(4)?,
        machine: r.get(5)?,
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
        author: r.get(6)?,
        machine: r.get(7)?,
    })
}

/// Whether a version may move from `from` to `to` by a state change: the state machine of
/// [`VersionState`] (approved is entered only through [`Store::approve`]).
pub fn allowed_transition(from: VersionState, to: VersionState) -> bool {
    from.can_move_to(to)
}

fn refused_move(from: VersionState, to: VersionState) -> StoreError {
    let moves: Vec<&str> = from.moves().into_iter().map(VersionState::label).collect();
    let mut allowed = if moves.is_empty() {
        format!("From {} it cannot move.", from.label())
    } else {
        format!("From {} it can move to: {}.", from.label(), moves.join(", "))
    };
    if to == VersionState::Approved {
        allowed.push_str(
            " A version becomes approved only through Approve, which records the reviewer and \
             the exact content approved.",
        );
    } else if from.approvable() {
        allowed.push_str(" Or approve it.");
    }
    StoreError::InvalidTransition { from: from.label().into(), to: to.label().into(), allowed }
}

/// The columns of `versions` before schema 5 (for the schema 4 migration step), in
/// `version_from_row`'s order.
const VERSION_COLS_V4: &str = "id, guide_id, number, label, state, note, created, content_hash, \
                               state_changed, content_updated, edit_hash, '', '', 0";

pub(crate) fn version_by_id(c: &Connection, id: VersionId) -> Result<Version> {
    version_by_id_cols(c, id, VERSION_COLS)
}

fn version_by_id_cols(c: &Connection, id: VersionId, cols: &str) -> Result<Version> {
    c.query_row(&format!("SELECT {cols} FROM versions WHERE id = ?1"), [id], version_from_row)
        .optional()?
        .ok_or_else(|| StoreError::not_found(format!("Version {id}")))
}

/// A guide's versions, newest first.
pub(crate) fn versions_of(c: &Connection, guide_id: GuideId) -> Result<Vec<Version>> {
    versions_of_cols(c, guide_id, VERSION_COLS)
}

fn versions_of_cols(c: &Connection, guide_id: GuideId, cols: &str) -> Result<Vec<Version>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {cols} FROM versions WHERE guide_id = ?1 ORDER BY number DESC"
    ))?;
    let rows = stmt.query_map([guide_id], version_from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// A version with its content exactly as stored (its hash checked on the way out).
pub(crate) fn version_content(
    c: &Connection,
    cache: &SharedCache,
    id: VersionId,
) -> Result<VersionContent> {
    version_content_cols(c, cache, id, VERSION_COLS)
}

fn version_content_cols(
    c: &Connection,
    cache: &SharedCache,
    id: VersionId,
    cols: &str,
) -> Result<VersionContent> {
    let version = version_by_id_cols(c, id, cols)?;
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

fn version_ref(v: &Version) -> VersionRef {
    let at = if v.state_changed.is_empty() { &v.created } else { &v.state_changed };
    VersionRef { label: v.label.clone(), state: v.state, at: at.clone() }
}

fn guide_created(c: &Connection, guide_id: GuideId) -> Result<String> {
    Ok(guide_by_id(c, guide_id)?.created)
}

/// Fills in what a page of the working draft derives: `meta.version` = the draft on top of the
/// newest version (saying whether `guide`, which may be an unsaved edit, has edits since: by
/// content hash), `versions` = every named version, `created` = the guide's creation,
/// `updated` and `generated` = when the draft's content last changed.
pub(crate) fn stamp_draft(c: &Connection, guide_id: GuideId, guide: &mut Guide) -> Result<()> {
    let versions = versions_of(c, guide_id)?;
    let (updated, content_updated): (String, String) = c.query_row(
        "SELECT updated, content_updated FROM drafts WHERE guide_id = ?1",
        [guide_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let content_time = if content_updated.is_empty() { updated } else { content_updated };
    let base_id = crate::shared::draft_parent_ids(c, guide_id)?.first().copied();
    let newest = versions.iter().find(|v| Some(v.id) == base_id).or(versions.first());
    let same = newest.is_some_and(|v| v.edit_hash == crate::codec::edit_hash(guide));
    guide.meta.version = VersionInfo::working_draft(newest.map(|v| v.label.as_str()));
    guide.meta.version.same_as_base = same;
    guide.versions = versions.iter().map(version_ref).collect();
    guide.meta.created = guide_created(c, guide_id)?;
    guide.meta.updated = content_time.clone();
    guide.meta.generated = content_time;
    Ok(())
}

/// Fills in what a page of version `v` derives: its label and state, the versions up to it,
/// the guide's creation, its content time and the time its state last moved.
fn stamp_version(c: &Connection, v: &Version, guide: &mut Guide) -> Result<()> {
    guide.meta.version = VersionInfo::named(&v.label, v.state);
    guide.versions = versions_of(c, v.guide_id)?
        .iter()
        .filter(|o| o.number <= v.number)
        .map(version_ref)
        .collect();
    guide.meta.created = guide_created(c, v.guide_id)?;
    guide.meta.updated =
        if v.content_updated.is_empty() { v.created.clone() } else { v.content_updated.clone() };
    guide.meta.generated = version_ref(v).at;
    Ok(())
}

fn record_approval(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    v: &Version,
    reviewer: &str,
    history: bool,
) -> Result<Approval> {
    let event = record_event(
        tx,
        &ctx.now,
        v.guide_id,
        v.id,
        EventKind::Approval,
        if history {
            json!({"content_hash": v.content_hash, "history": true})
        } else {
            json!({"content_hash": v.content_hash})
        },
    )?;
    tx.execute("UPDATE review_events SET author = ?2 WHERE id = ?1", params![event, reviewer])?;
    let machine = identity(tx)?.1;
    tx.execute(
        "INSERT INTO approvals (version_id, content_hash, approved_at, reviewer, event_id, machine)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![v.id, v.content_hash, ctx.now, reviewer, event, machine],
    )?;
    Ok(Approval {
        id: tx.last_insert_rowid(),
        version_id: v.id,
        content_hash: v.content_hash.clone(),
        approved_at: ctx.now.clone(),
        reviewer: reviewer.to_string(),
        machine,
    })
}

/// Archives the guide's other live versions (a guide has at most one live version).
fn archive_other_live(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    guide_id: GuideId,
    except: VersionId,
) -> Result<()> {
    tx.execute(
        "UPDATE versions SET state = 'archived', state_changed = ?3
         WHERE guide_id = ?1 AND state = 'live' AND id <> ?2",
        params![guide_id, except, ctx.now],
    )?;
    Ok(())
}

fn set_state(tx: &Transaction<'_>, ctx: &WriteCtx, v: &Version, to: VersionState) -> Result<()> {
    tx.execute(
        "UPDATE versions SET state = ?2, state_changed = ?3 WHERE id = ?1",
        params![v.id, to.as_str(), ctx.now],
    )?;
    if to == VersionState::Live {
        archive_other_live(tx, ctx, v.guide_id, v.id)?;
    }
    refresh_state(tx, ctx, v.guide_id)
}

/// Checks a label for a new version of `guide_id`: not empty, not the draft's, not taken.
fn check_label(tx: &Transaction<'_>, guide_id: GuideId, label: &str) -> Result<()> {
    if label.is_empty() {
        return Err(StoreError::invalid("A version needs a label, e.g. \"v2\"."));
    }
    if label.eq_ignore_ascii_case(DRAFT_LABEL) {
        return Err(StoreError::invalid(format!(
            "\"{label}\" names the working draft; give the version another label, e.g. \"v2\"."
        )));
    }
    if label_taken(tx, guide_id, label)? {
        return Err(StoreError::LabelTaken { label: label.into() });
    }
    Ok(())
}

fn label_taken(c: &Connection, guide_id: GuideId, label: &str) -> Result<bool> {
    Ok(c.query_row(
        "SELECT EXISTS (SELECT 1 FROM versions WHERE guide_id = ?1 AND label = ?2)",
        params![guide_id, label],
        |r| r.get(0),
    )?)
}

/// The label for a version brought in with `wanted` as its label: `wanted` when free, else
/// `wanted-imported`, `wanted-imported-2`, ...; the next "v<N>" when `wanted` is empty or the
/// draft's.
pub(crate) fn free_label(c: &Connection, guide_id: GuideId, wanted: &str) -> Result<String> {
    let wanted = wanted.trim();
    if wanted.is_empty() || wanted.eq_ignore_ascii_case(DRAFT_LABEL) {
        let n: i64 = c.query_row(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM versions WHERE guide_id = ?1",
            [guide_id],
            |r| r.get(0),
        )?;
        return free_label(c, guide_id, &format!("v{n}"));
    }
    if !label_taken(c, guide_id, wanted)? {
        return Ok(wanted.to_string());
    }
    let mut candidate = format!("{wanted}-imported");
    let mut n = 2;
    while label_taken(c, guide_id, &candidate)? {
        candidate = format!("{wanted}-imported-{n}");
        n += 1;
    }
    Ok(candidate)
}

/// What a new named version holds and when it was made.
pub(crate) struct NewVersion<'a> {
    pub label: &'a str,
    pub state: VersionState,
    pub note: &'a str,
    /// The content: the current draft when `None`.
    pub content: Option<&'a Guide>,
    /// When the content last changed: the draft's content time when `None`.
    pub content_updated: Option<String>,
}

/// Names a version of `guide_id` (see `Store::snapshot`). Any state is accepted here: the
/// public entry points check it.
pub(crate) fn name_version_in(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    guide_id: GuideId,
    new: NewVersion<'_>,
) -> Result<Version> {
    let label = new.label.trim();
    guide_by_id(tx, guide_id)?;
    check_label(tx, guide_id, label)?;
    let from_draft = new.content.is_none();
    let parents: Vec<VersionId> = if from_draft {
        draft_parent_ids(tx, guide_id)?
    } else {
        versions_of(tx, guide_id)?.first().map(|v| v.id).into_iter().collect()
    };
    let (content, content_updated) = match new.content {
        Some(g) => (g.stripped(), new.content_updated.unwrap_or_else(|| ctx.now.clone())),
        None => {
            let draft = load_draft(tx, guide_id)?;
            let t: String = tx.query_row(
                "SELECT CASE WHEN content_updated = '' THEN updated ELSE content_updated END
                 FROM drafts WHERE guide_id = ?1",
                [guide_id],
                |r| r.get(0),
            )?;
            (draft.guide.stripped(), new.content_updated.unwrap_or(t))
        }
    };
    let (blob_id, hash) = put_blob(tx, &ctx.cache, guide_id, &content.to_canonical_json())?;
    let number: i64 = tx.query_row(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM versions WHERE guide_id = ?1",
        [guide_id],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO versions (guide_id, number, label, state, note, created, content_hash, blob_id,
                               edit_hash, content_updated, state_changed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7, ?9, ?6)",
        params![
            guide_id,
            number,
            label,
            new.state.as_str(),
            new.note,
            ctx.now,
            hash,
            blob_id,
            content_updated
        ],
    )?;
    let v = version_by_id(tx, tx.last_insert_rowid())?;
    after_naming(tx, &v, &parents, from_draft)?;
    if new.state == VersionState::Live {
        archive_other_live(tx, ctx, guide_id, v.id)?;
    }
    refresh_state(tx, ctx, guide_id)?;
    version_by_id(tx, v.id)
}

/// Records an approval for a version named approved or live outside the review flow (the
/// built-in sample content only).
pub(crate) fn record_seed_approval(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    v: &Version,
    reviewer: &str,
) -> Result<()> {
    record_approval(tx, ctx, v, reviewer, true).map(drop)
}

/// The migration step of schema 4 (see `migrations/0004_version_model.sql`).
pub(crate) fn migrate_version_model(tx: &Transaction<'_>) -> Result<()> {
    let cache = SharedCache::default();
    let now = chrono::Utc::now();
    let ctx = WriteCtx {
        now: crate::db::stamp(now),
        at: now,
        path: std::path::PathBuf::new(),
        cache: cache.clone(),
    };
    let ids: Vec<VersionId> = {
        let mut stmt = tx.prepare("SELECT id FROM versions ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    for id in ids {
        let VersionContent { version: v, guide } =
            version_content_cols(tx, &cache, id, VERSION_COLS_V4)?;
        let edit_hash = hash_text(&guide.stripped().to_canonical_json());
        let content_updated = stored_time(&guide.meta.updated).unwrap_or_else(|| v.created.clone());
        let typed = &guide.meta.version;
        let mut note = v.note.clone();
        if typed.label.trim() != v.label || typed.state != v.state {
            if !note.is_empty() {
                note.push('\n');
            }
            note.push_str(&format!(
                "When this version was named, its Details said \"{}\" ({}).",
                typed.label.trim(),
                typed.state.label()
            ));
        }
        tx.execute(
            "UPDATE versions SET edit_hash = ?2, content_updated = ?3, state_changed = created,
             note = ?4 WHERE id = ?1",
            params![id, edit_hash, content_updated, note],
        )?;
    }
    let drafts: Vec<(GuideId, i64)> = {
        let mut stmt = tx.prepare("SELECT guide_id, revision FROM drafts ORDER BY guide_id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    for (guide_id, revision) in drafts {
        let draft = load_draft(tx, guide_id)?;
        let g = &draft.guide;
        let versions = versions_of_cols(tx, guide_id, VERSION_COLS_V4)?;
        let typed = g.meta.version.label.trim();
        if !typed.is_empty() && !versions.iter().any(|v| v.label == typed) {
            if let Some(newest) = versions.first() {
                tx.execute(
                    "INSERT INTO version_notes (version_id, path, item_id, text, created)
                     VALUES (?1, 'meta.version', NULL, ?2, ?3)",
                    params![
                        newest.id,
                        format!(
                            "The draft's Details said \"{typed}\" ({}), which names no version; \
                             versions are now the named versions listed here.",
                            g.meta.version.state.label()
                        ),
                        ctx.now
                    ],
                )?;
            }
        }
        if let Some(created) = stored_time(&g.meta.created) {
            tx.execute("UPDATE guides SET created = ?2 WHERE id = ?1", params![guide_id, created])?;
        }
        let content_time = stored_time(&g.meta.updated).unwrap_or(draft.updated.clone());
        let keep: String =
            tx.query_row("SELECT updated FROM guides WHERE id = ?1", [guide_id], |r| r.get(0))?;
        crate::guides::write_draft_at(
            tx,
            &ctx,
            guide_id,
            revision + 1,
            g,
            "migrate",
            &content_time,
        )?;
        // The draft's content did not change: keep the library's "updated" as it was.
        tx.execute("UPDATE guides SET updated = ?2 WHERE id = ?1", params![guide_id, keep])?;
        tx.execute(
            "UPDATE drafts SET content_updated = ?2 WHERE guide_id = ?1",
            params![guide_id, content_time],
        )?;
    }
    Ok(())
}

impl Store {
    /// Names the current draft as a new version with `label` (unique within the guide, not
    /// "draft"), initial `state` and `note`. A new version starts as draft or in review
    /// (`VersionState::INITIAL`); anything else is refused with `store.invalid_transition`:
    /// approved comes only from [`Store::approve`], live only from approved. The content is
    /// stored once per distinct content (a version identical to an earlier one shares its blob).
    pub fn snapshot(
        &mut self,
        guide_id: GuideId,
        label: &str,
        state: VersionState,
        note: &str,
    ) -> Result<Version> {
        if !VersionState::INITIAL.contains(&state) {
            return Err(StoreError::InvalidTransition {
                from: "a new version".into(),
                to: state.label().into(),
                allowed: "A new version starts as draft or in review; approve it to make it \
                          approved, then publish it live."
                    .into(),
            });
        }
        self.write(|tx, ctx| {
            name_version_in(
                tx,
                ctx,
                guide_id,
                NewVersion { label, state, note, content: None, content_updated: None },
            )
        })
    }

    /// The guide's versions, newest first.
    pub fn list_versions(&self, guide_id: GuideId) -> Result<Vec<Version>> {
        self.read(|c| {
            guide_by_id(c, guide_id)?;
            versions_of(c, guide_id)
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

    /// A version with its content as editors wrote it (derived fields cleared), for
    /// comparisons and restores. Its hash is checked on the way out.
    pub fn open_version(&self, id: VersionId) -> Result<VersionContent> {
        self.read(|c| {
            let mut content = version_content(c, &self.cache, id)?;
            content.guide.strip_derived();
            Ok(content)
        })
    }

    /// The guide as published from version `id`: its content with `meta.version` = its label
    /// and current state, `versions` = the named versions up to it (newest first, with their
    /// states and times), `created` = the guide's creation, `updated` = when its content last
    /// changed, `generated` = when its state last moved. Same version in the same state, same
    /// guide: an export of it is byte-for-byte repeatable.
    pub fn publishable_version(&self, id: VersionId) -> Result<Guide> {
        self.read(|c| {
            let content = version_content(c, &self.cache, id)?;
            let mut guide = content.guide;
            guide.strip_derived();
            stamp_version(c, &content.version, &mut guide)?;
            Ok(guide)
        })
    }

    /// The working draft as one side of a comparison: its content as editors wrote it, and its
    /// page as published.
    pub fn draft_side(&self, guide_id: GuideId) -> Result<StoredSide> {
        let page = self.publishable_draft(guide_id)?;
        Ok(StoredSide { guide: page.stripped(), page, version: None })
    }

    /// A named version as one side of a comparison: its content as editors wrote it, its page
    /// as published, and the version.
    pub fn version_side(&self, id: VersionId) -> Result<StoredSide> {
        let content = self.open_version(id)?;
        let page = self.publishable_version(id)?;
        Ok(StoredSide { guide: content.guide, page, version: Some(content.version) })
    }

    /// The guide's working draft as its page shows it (see [`Store::stamp_draft`]).
    pub fn publishable_draft(&self, guide_id: GuideId) -> Result<Guide> {
        self.read(|c| {
            let mut guide = load_draft(c, guide_id)?.guide;
            stamp_draft(c, guide_id, &mut guide)?;
            Ok(guide)
        })
    }

    /// Overwrites what a page of `guide_id`'s working draft derives in `guide` (an editor's
    /// unsaved edit, for the preview): `meta.version` names the draft on top of the newest
    /// version, `versions` lists every named version, the times are the store's.
    pub fn stamp_draft(&self, guide_id: GuideId, guide: &mut Guide) -> Result<()> {
        self.read(|c| stamp_draft(c, guide_id, guide))
    }

    /// Moves a version to another review state along [`VersionState`]'s state machine;
    /// anything else (approved included: see [`Store::approve`]) is refused with
    /// `store.invalid_transition` and nothing changes. Entering `live` archives the guide's
    /// previous live version.
    pub fn set_version_state(&mut self, id: VersionId, to: VersionState) -> Result<Version> {
        self.write(|tx, ctx| {
            let v = version_by_id(tx, id)?;
            if !v.state.can_move_to(to) {
                return Err(refused_move(v.state, to));
            }
            set_state(tx, ctx, &v, to)?;
            record_event(
                tx,
                &ctx.now,
                v.guide_id,
                v.id,
                EventKind::State,
                json!({"to": to.as_str()}),
            )?;
            version_by_id(tx, id)
        })
    }

    /// Approves a version in review: moves it to `approved` and records `reviewer` and its
    /// content hash. Refused with `store.invalid_transition` unless the version is in review,
    /// and with `store.invalid_input` without a reviewer name.
    pub fn approve(&mut self, id: VersionId, reviewer: &str) -> Result<Approval> {
        let reviewer = reviewer.trim();
        if reviewer.is_empty() {
            return Err(StoreError::invalid(
                "Approving needs the reviewer's name: set it in Settings (or pass --reviewer).",
            ));
        }
        self.write(|tx, ctx| {
            let v = version_by_id(tx, id)?;
            if !v.state.approvable() {
                return Err(refused_move(v.state, VersionState::Approved));
            }
            set_state(tx, ctx, &v, VersionState::Approved)?;
            record_approval(tx, ctx, &v, reviewer, false)
        })
    }

    /// Every approval of a version, newest first.
    pub fn approvals(&self, version_id: VersionId) -> Result<Vec<Approval>> {
        self.read(|c| {
            version_by_id(c, version_id)?;
            let mut stmt = c.prepare_cached(&format!(
                "SELECT {APPROVAL_COLS} FROM approvals WHERE version_id = ?1 ORDER BY id DESC"
            ))?;
            let rows = stmt.query_map([version_id], approval_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Whether the guide's newest approved-or-live version's approval covers the draft's
    /// current content (a later edit of the draft shows `covers_draft: false`).
    pub fn approval_status(&self, guide_id: GuideId) -> Result<ApprovalStatus> {
        self.read(|c| {
            let draft_hash: String = c
                .query_row("SELECT content_hash FROM drafts WHERE guide_id = ?1", [guide_id], |r| {
                    r.get(0)
                })
                .optional()?
                .ok_or_else(|| StoreError::not_found(format!("The draft of guide {guide_id}")))?;
            let approved = c
                .query_row(
                    "SELECT v.id, a.id FROM versions v JOIN approvals a ON a.version_id = v.id
                     WHERE v.guide_id = ?1 AND v.state IN ('approved', 'live')
                     ORDER BY v.number DESC, a.id DESC LIMIT 1",
                    [guide_id],
                    |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
                )
                .optional()?;
            let approved = match approved {
                Some((vid, aid)) => {
                    let a = c.query_row(
                        &format!("SELECT {APPROVAL_COLS} FROM approvals WHERE id = ?1"),
                        [aid],
                        approval_from_row,
                    )?;
                    Some((version_by_id(c, vid)?, a))
                }
                None => None,
            };
            let covers_draft = approved.as_ref().is_some_and(|(v, _)| v.edit_hash == draft_hash);
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
            let v = version_by_id(tx, version_id)?;
            let event = record_event(
                tx,
                &ctx.now,
                v.guide_id,
                version_id,
                EventKind::Note,
                json!({"path": path, "item_id": item_id, "text": text}),
            )?;
            let (author, machine) = identity(tx)?;
            tx.execute(
                "INSERT INTO version_notes (version_id, path, item_id, text, created, event_id,
                                            author, machine)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![version_id, path, item_id, text, ctx.now, event, author, machine],
            )?;
            Ok(Note {
                id: tx.last_insert_rowid(),
                version_id,
                path: path.map(str::to_string),
                item_id: item_id.map(str::to_string),
                text: text.to_string(),
                created: ctx.now.clone(),
                author,
                machine,
            })
        })
    }

    /// A version's notes not resolved, oldest first.
    pub fn list_notes(&self, version_id: VersionId) -> Result<Vec<Note>> {
        self.read(|c| {
            version_by_id(c, version_id)?;
            let mut stmt = c.prepare_cached(
                "SELECT id, version_id, path, item_id, text, created, author, machine
                 FROM version_notes WHERE version_id = ?1 AND resolved IS NULL ORDER BY id",
            )?;
            let rows = stmt.query_map([version_id], note_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Resolves one review note: it leaves the lists, and a `resolved` event tells the shared
    /// library (the note's own event stays, so the history is kept).
    pub fn delete_note(&mut self, note_id: i64) -> Result<()> {
        self.write(|tx, ctx| {
            let row: Option<(VersionId, Option<String>)> = tx
                .query_row(
                    "SELECT version_id, event_id FROM version_notes
                     WHERE id = ?1 AND resolved IS NULL",
                    [note_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((version_id, event)) = row else {
                return Err(StoreError::not_found(format!("Note {note_id}")));
            };
            let v = version_by_id(tx, version_id)?;
            tx.execute(
                "UPDATE version_notes SET resolved = ?2 WHERE id = ?1",
                params![note_id, ctx.now],
            )?;
            if let Some(event) = event {
                record_event(
                    tx,
                    &ctx.now,
                    v.guide_id,
                    version_id,
                    EventKind::Resolved,
                    json!({ "note": event }),
                )?;
            }
            Ok(())
        })
    }
}
