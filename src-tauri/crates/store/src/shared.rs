//! The store's side of a shared library: review events, the fold of a guide's events into its
//! versions' states, what is still to share, bringing in what colleagues shared, and the
//! ancestry of versions and the draft (what a merge starts from).
//!
//! The store knows nothing of git: `almanac-sync` moves these values to and from files.
//!
//! # Events
//! Every review act is a [`ReviewEvent`]: naming a version (`named`, with the state it was
//! named in and its parents), a state change (`state`), an approval (`approval`, with the
//! content hash approved), a note (`note`, on a field path or item id) and a note resolved
//! (`resolved`). Ids are `<time>-<machine>-<random>`, so two machines never make the same id and
//! sorting by `(at, id)` gives every machine the same order.
//!
//! # The fold
//! A version's state is its `named` state, moved by its `state` and `approval` events in
//! `(at, id)` order through [`VersionState`]'s state machine (a version going live archives the
//! guide's other live version). An event the machine refuses (a colleague moved the version
//! first) is kept with the reason as its `outcome` and shown, never applied. Approvals recorded
//! before a library was shared travel as `history`: they say who approved, and move nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use almanac_guide::{Guide, VersionInfo, VersionState};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::blobs::{put_blob, SharedCache};
use crate::codec::edit_hash;
use crate::error::{Result, StoreError};
use crate::guides::{create_at, current_revision, guide_by_id, read_state, write_draft_at};
use crate::types::{GuideId, Version, VersionId};
use crate::versions::{version_by_id, version_content, versions_of};
use crate::{Store, WriteCtx};

/// The setting naming the shared library's remote (a URL or a path); set when linked.
pub const LIBRARY_SETTING: &str = "shared.remote";
/// The setting listing (JSON array) the folders a check of the shared library found changed
/// there and not yet brought in.
pub const BEHIND_SETTING: &str = "shared.behind";
/// The setting naming this machine as colleagues see it (default: the host name).
pub const MACHINE_SETTING: &str = "machine";
const MACHINE_ID_SETTING: &str = "machine.id";

/// What a review event records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Named,
    State,
    Approval,
    Note,
    Resolved,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Named => "named",
            EventKind::State => "state",
            EventKind::Approval => "approval",
            EventKind::Note => "note",
            EventKind::Resolved => "resolved",
        }
    }

    fn parse(s: &str) -> rusqlite::Result<EventKind> {
        Ok(match s {
            "named" => EventKind::Named,
            "state" => EventKind::State,
            "approval" => EventKind::Approval,
            "note" => EventKind::Note,
            "resolved" => EventKind::Resolved,
            other => {
                return Err(rusqlite::Error::FromSqlConversionFailure(
                    0,
                    rusqlite::types::Type::Text,
                    format!("unknown event kind {other:?}").into(),
                ))
            }
        })
    }
}

/// A review event as a shared library holds it: one file per event. `version` is the label of
/// the version it is about; `data` the kind's own fields (`named`: `state`, `note`, `parents`,
/// `content_hash`, `content_updated`; `state`: `to`; `approval`: `content_hash`, `history`;
/// `note`: `path`, `item_id`, `text`; `resolved`: `note`, the id of the note's event).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewEvent {
    pub id: String,
    pub kind: EventKind,
    pub version: String,
    pub at: String,
    pub author: String,
    pub machine: String,
    #[serde(flatten)]
    pub data: Map<String, Value>,
}

/// A review event as the Versions panel lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LoggedEvent {
    pub id: String,
    pub kind: EventKind,
    /// The label of the version it is about.
    pub version: String,
    pub at: String,
    pub author: String,
    pub machine: String,
    /// What it did, in words ("moved to live", "approved", "noted on TL;DR").
    pub summary: String,
    /// Why the fold refused it (a colleague moved the version first); `None` when applied.
    pub refused: Option<String>,
    /// Whether the shared library holds it.
    pub shared: bool,
}

/// Where a guide stands against the shared library (shown in the library).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncState {
    /// Never shared: the next sync shares it.
    LocalOnly,
    /// Everything it has is shared and nothing newer is known there.
    Shared,
    /// Versions or review events made here are not shared yet.
    ChangesToShare,
    /// The shared library has changes to it not brought in yet.
    Behind,
}

/// What a guide has to share: the folder, the versions not yet shared (file bytes: the guide as
/// `guide.json` of that version), the events not yet shared (file bytes).
#[derive(Debug, Clone, PartialEq)]
pub struct ShareOut {
    pub guide_id: GuideId,
    pub folder: String,
    pub versions: Vec<(VersionId, String, Vec<u8>)>,
    pub events: Vec<(String, Vec<u8>)>,
}

/// One guide's folder as read from a shared library.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedGuideIn {
    pub folder: String,
    /// `(label, content)` of each version file.
    pub versions: Vec<(String, Guide)>,
    pub events: Vec<ReviewEvent>,
}

/// A version label of a guide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LabelRef {
    pub slug: String,
    pub label: String,
}

/// A version made here renamed because a colleague shared one with the same label first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Renamed {
    pub slug: String,
    pub from: String,
    pub to: String,
}

/// What bringing in a shared library's changes did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct SharedImport {
    /// Guides that first arrived (each with a draft equal to its newest version).
    pub new_guides: Vec<String>,
    pub new_versions: Vec<LabelRef>,
    pub renamed: Vec<Renamed>,
    /// How many review events arrived.
    #[ts(type = "number")]
    pub events: usize,
    /// Events the fold refused, in words.
    pub refused: Vec<String>,
    /// Versions that arrived and that their guide's draft does not contain: "Merge into draft"
    /// offers them.
    pub to_merge: Vec<LabelRef>,
}

/// The canonical bytes of a JSON value: sorted keys, two-space indent, a final newline.
pub fn canonical_bytes(v: &Value) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(v).expect("JSON values serialise");
    out.push(b'\n');
    out
}

/// The file bytes of a version: its content with `meta.version` = its label and the state it
/// was named in, the derived fields cleared. Two machines write identical bytes.
pub fn version_file(content: &Guide, label: &str, state: VersionState) -> Vec<u8> {
    let mut g = content.stripped();
    g.meta.version = VersionInfo::named(label, state);
    let mut bytes = g.to_canonical_json().into_bytes();
    if bytes.last() != Some(&b'\n') {
        bytes.push(b'\n');
    }
    bytes
}

/// The file bytes of an event.
pub fn event_file(e: &ReviewEvent) -> Vec<u8> {
    canonical_bytes(&serde_json::to_value(e).expect("events serialise"))
}

fn setting(c: &Connection, key: &str) -> Result<Option<String>> {
    Ok(c.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "this machine".into())
}

/// Who acts here and on which machine: the reviewer name of the settings (empty when unset)
/// and the machine name (setting, else the host name).
pub(crate) fn identity(c: &Connection) -> Result<(String, String)> {
    let author = setting(c, crate::REVIEWER_SETTING)?.unwrap_or_default();
    let machine = setting(c, MACHINE_SETTING)?.unwrap_or_else(host_name);
    Ok((author, machine))
}

fn random_part(tx: &Transaction<'_>) -> Result<String> {
    let machine_id = match setting(tx, MACHINE_ID_SETTING)? {
        Some(id) => id,
        None => {
            let id = short_hash(&format!("{:?}{}", std::time::SystemTime::now(), host_name()));
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)",
                params![MACHINE_ID_SETTING, id],
            )?;
            id
        }
    };
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    Ok(format!("{machine_id}-{}", short_hash(&format!("{nanos}-{n}-{}", std::process::id()))))
}

fn short_hash(s: &str) -> String {
    let d = Sha256::digest(s.as_bytes());
    d.iter().take(4).map(|b| format!("{b:02x}")).collect()
}

/// A new event id at `at`: `20261129T004512345Z-<machine>-<random>`.
fn event_id(tx: &Transaction<'_>, at: &str) -> Result<String> {
    let compact: String = at.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    Ok(format!("{compact}-{}", random_part(tx)?))
}

/// Records an event made here (unshared, applied) and returns its id.
pub(crate) fn record_event(
    tx: &Transaction<'_>,
    at: &str,
    guide_id: GuideId,
    version_id: VersionId,
    kind: EventKind,
    data: Value,
) -> Result<String> {
    let (author, machine) = identity(tx)?;
    let id = event_id(tx, at)?;
    tx.execute(
        "INSERT INTO review_events (id, guide_id, version_id, kind, at, author, machine, data)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![id, guide_id, version_id, kind.as_str(), at, author, machine, data.to_string()],
    )?;
    Ok(id)
}

/// The draft's parents: its rows, else the guide's newest version.
pub(crate) fn draft_parent_ids(c: &Connection, guide_id: GuideId) -> Result<Vec<VersionId>> {
    let mut stmt = c.prepare_cached(
        "SELECT p.version_id FROM draft_parents p JOIN versions v ON v.id = p.version_id
         WHERE p.guide_id = ?1 ORDER BY v.number DESC",
    )?;
    let ids: Vec<VersionId> =
        stmt.query_map([guide_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    if !ids.is_empty() {
        return Ok(ids);
    }
    Ok(c.query_row(
        "SELECT id FROM versions WHERE guide_id = ?1 ORDER BY number DESC LIMIT 1",
        [guide_id],
        |r| r.get(0),
    )
    .optional()?
    .into_iter()
    .collect())
}

/// Sets the draft's parents.
pub(crate) fn set_draft_parents(
    tx: &Transaction<'_>,
    guide_id: GuideId,
    ids: &[VersionId],
) -> Result<()> {
    tx.execute("DELETE FROM draft_parents WHERE guide_id = ?1", [guide_id])?;
    for id in ids {
        tx.execute(
            "INSERT OR IGNORE INTO draft_parents (guide_id, version_id) VALUES (?1, ?2)",
            params![guide_id, id],
        )?;
    }
    Ok(())
}

/// Records what a newly named version was made from and the `named` event.
pub(crate) fn after_naming(
    tx: &Transaction<'_>,
    v: &Version,
    parents: &[VersionId],
    from_draft: bool,
) -> Result<()> {
    for p in parents {
        tx.execute(
            "INSERT OR IGNORE INTO version_parents (version_id, parent_id) VALUES (?1, ?2)",
            params![v.id, p],
        )?;
    }
    let (author, machine) = identity(tx)?;
    tx.execute(
        "UPDATE versions SET author = ?2, machine = ?3, initial_state = state WHERE id = ?1",
        params![v.id, author, machine],
    )?;
    record_event(
        tx,
        &v.created,
        v.guide_id,
        v.id,
        EventKind::Named,
        json!({"state": v.state.as_str(), "note": v.note, "content_updated": v.content_updated,
               "content_hash": v.edit_hash}),
    )?;
    if from_draft {
        set_draft_parents(tx, v.guide_id, &[v.id])?;
    }
    Ok(())
}

fn labels_of(c: &Connection, ids: &[VersionId]) -> Result<Vec<String>> {
    ids.iter().map(|id| Ok(version_by_id(c, *id)?.label)).collect()
}

fn parent_ids(c: &Connection, id: VersionId) -> Result<Vec<VersionId>> {
    let mut stmt = c.prepare_cached(
        "SELECT parent_id FROM version_parents WHERE version_id = ?1 ORDER BY parent_id",
    )?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Every version reachable from `start` through parents, `start` included.
fn ancestors(c: &Connection, start: &[VersionId]) -> Result<BTreeSet<VersionId>> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<VersionId> = start.to_vec();
    while let Some(id) = todo.pop() {
        if seen.insert(id) {
            todo.extend(parent_ids(c, id)?);
        }
    }
    Ok(seen)
}

struct EventRow {
    id: String,
    version_id: VersionId,
    kind: EventKind,
    at: String,
    data: Value,
    outcome: String,
}

fn guide_events(c: &Connection, guide_id: GuideId) -> Result<Vec<EventRow>> {
    let mut stmt = c.prepare_cached(
        "SELECT id, version_id, kind, at, data, outcome FROM review_events
         WHERE guide_id = ?1 ORDER BY at, id",
    )?;
    let rows = stmt.query_map([guide_id], |r| {
        Ok(EventRow {
            id: r.get(0)?,
            version_id: r.get(1)?,
            kind: EventKind::parse(&r.get::<_, String>(2)?)?,
            at: r.get(3)?,
            data: serde_json::from_str(&r.get::<_, String>(4)?).unwrap_or(Value::Null),
            outcome: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn data_str<'a>(data: &'a Value, key: &str) -> Option<&'a str> {
    data.get(key).and_then(Value::as_str)
}

/// Recomputes every version's state of a guide from its events (module docs: the fold), the
/// events' outcomes and the approvals they make. Returns the refusals, in words.
pub(crate) fn refold(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    guide_id: GuideId,
) -> Result<Vec<String>> {
    let versions = versions_of(tx, guide_id)?;
    let mut state: HashMap<VersionId, (VersionState, String)> = HashMap::new();
    let mut label: HashMap<VersionId, String> = HashMap::new();
    let mut hash: HashMap<VersionId, String> = HashMap::new();
    for v in &versions {
        let initial: String =
            tx.query_row("SELECT initial_state FROM versions WHERE id = ?1", [v.id], |r| r.get(0))?;
        state.insert(v.id, (read_state(&initial)?, v.created.clone()));
        label.insert(v.id, v.label.clone());
        hash.insert(v.id, v.content_hash.clone());
    }
    tx.execute(
        "DELETE FROM approvals WHERE event_id IS NOT NULL
         AND version_id IN (SELECT id FROM versions WHERE guide_id = ?1)",
        [guide_id],
    )?;
    let mut refusals = Vec::new();
    for e in guide_events(tx, guide_id)? {
        let Some((from, _)) = state.get(&e.version_id).cloned() else { continue };
        let name = label.get(&e.version_id).cloned().unwrap_or_default();
        let outcome = match e.kind {
            EventKind::State => {
                let to = data_str(&e.data, "to").and_then(|s| s.parse::<VersionState>().ok());
                match to {
                    Some(to) if from.can_move_to(to) => {
                        state.insert(e.version_id, (to, e.at.clone()));
                        if to == VersionState::Live {
                            for (id, s) in state.iter_mut() {
                                if *id != e.version_id && s.0 == VersionState::Live {
                                    *s = (VersionState::Archived, e.at.clone());
                                }
                            }
                        }
                        String::new()
                    }
                    Some(to) => format!(
                        "{name} could not move from {} to {}: it had moved first.",
                        from.label(),
                        to.label()
                    ),
                    None => format!("{name}: a state change names no state this app knows."),
                }
            }
            EventKind::Approval => {
                let history = e.data.get("history").and_then(Value::as_bool).unwrap_or(false);
                let approved_hash = data_str(&e.data, "content_hash").unwrap_or_default();
                let ok = history
                    || (from.approvable()
                        && hash.get(&e.version_id).map(String::as_str) == Some(approved_hash));
                if ok {
                    if !history {
                        state.insert(e.version_id, (VersionState::Approved, e.at.clone()));
                    }
                    let (reviewer, machine): (String, String) = tx.query_row(
                        "SELECT author, machine FROM review_events WHERE id = ?1",
                        [&e.id],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )?;
                    tx.execute(
                        "INSERT INTO approvals (version_id, content_hash, approved_at, reviewer,
                                                event_id, machine)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![e.version_id, approved_hash, e.at, reviewer, e.id, machine],
                    )?;
                    String::new()
                } else if from.approvable() {
                    format!("{name} was approved with content it does not hold.")
                } else {
                    format!(
                        "{name} could not be approved from {}: it had moved first.",
                        from.label()
                    )
                }
            }
            _ => String::new(),
        };
        if outcome != e.outcome {
            tx.execute(
                "UPDATE review_events SET outcome = ?2 WHERE id = ?1",
                params![e.id, outcome],
            )?;
        }
        if !outcome.is_empty() {
            refusals.push(outcome);
        }
    }
    for v in &versions {
        let (s, at) = &state[&v.id];
        if *s != v.state || *at != v.state_changed {
            tx.execute(
                "UPDATE versions SET state = ?2, state_changed = ?3 WHERE id = ?1",
                params![v.id, s.as_str(), at],
            )?;
        }
    }
    crate::guides::refresh_state(tx, ctx, guide_id)?;
    Ok(refusals)
}

/// A note as schema 4 stored it: id, path, item id, text, created.
type NoteRow = (i64, Option<String>, Option<String>, String, String);

/// The events of what existed before schema 5 (see `migrations/0005_shared_library.sql`).
pub(crate) fn migrate_shared_library(tx: &Transaction<'_>) -> Result<()> {
    let guides: Vec<GuideId> = {
        let mut stmt = tx.prepare("SELECT id FROM guides ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for guide_id in guides {
        let mut versions = versions_of(tx, guide_id)?;
        if let Some(newest) = versions.first() {
            set_draft_parents(tx, guide_id, &[newest.id])?;
        }
        versions.reverse();
        let mut previous: Option<VersionId> = None;
        for v in &versions {
            if let Some(p) = previous {
                tx.execute(
                    "INSERT INTO version_parents (version_id, parent_id) VALUES (?1, ?2)",
                    params![v.id, p],
                )?;
            }
            previous = Some(v.id);
            tx.execute("UPDATE versions SET initial_state = state WHERE id = ?1", [v.id])?;
            record_event(
                tx,
                &v.created,
                guide_id,
                v.id,
                EventKind::Named,
                json!({"state": v.state.as_str(), "note": v.note,
                       "content_updated": v.content_updated, "content_hash": v.edit_hash}),
            )?;
            let approvals: Vec<(i64, String, String, String)> = {
                let mut stmt = tx.prepare(
                    "SELECT id, content_hash, approved_at, reviewer FROM approvals
                     WHERE version_id = ?1 ORDER BY id",
                )?;
                let rows =
                    stmt.query_map([v.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            for (id, content_hash, at, reviewer) in approvals {
                let event = record_event(
                    tx,
                    &at,
                    guide_id,
                    v.id,
                    EventKind::Approval,
                    json!({"content_hash": content_hash, "history": true}),
                )?;
                tx.execute(
                    "UPDATE review_events SET author = ?2 WHERE id = ?1",
                    params![event, reviewer],
                )?;
                tx.execute("DELETE FROM approvals WHERE id = ?1", [id])?;
                tx.execute(
                    "INSERT INTO approvals (version_id, content_hash, approved_at, reviewer, event_id,
                                            machine)
                     SELECT ?1, ?2, ?3, ?4, ?5, machine FROM review_events WHERE id = ?5",
                    params![v.id, content_hash, at, reviewer, event],
                )?;
            }
            let notes: Vec<NoteRow> = {
                let mut stmt = tx.prepare(
                    "SELECT id, path, item_id, text, created FROM version_notes
                     WHERE version_id = ?1 ORDER BY id",
                )?;
                let rows = stmt.query_map([v.id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            for (id, path, item_id, text, created) in notes {
                let event = record_event(
                    tx,
                    &created,
                    guide_id,
                    v.id,
                    EventKind::Note,
                    json!({"path": path, "item_id": item_id, "text": text}),
                )?;
                tx.execute(
                    "UPDATE version_notes SET event_id = ?2, (author, machine) =
                         (SELECT author, machine FROM review_events WHERE id = ?2)
                     WHERE id = ?1",
                    params![id, event],
                )?;
            }
        }
    }
    Ok(())
}

fn event_summary(kind: EventKind, data: &Value) -> String {
    match kind {
        EventKind::Named => format!(
            "named it ({})",
            data_str(data, "state")
                .and_then(|s| s.parse::<VersionState>().ok())
                .map(|s| s.label())
                .unwrap_or("draft")
        ),
        EventKind::State => format!(
            "moved it to {}",
            data_str(data, "to")
                .and_then(|s| s.parse::<VersionState>().ok())
                .map(|s| s.label())
                .unwrap_or("an unknown state")
        ),
        EventKind::Approval => {
            if data.get("history").and_then(Value::as_bool).unwrap_or(false) {
                "approved it (before sharing)".into()
            } else {
                "approved it".into()
            }
        }
        EventKind::Note => match data_str(data, "path") {
            Some(p) => format!("noted on {}", almanac_guide::path_label(p)),
            None => "noted on the version".into(),
        },
        EventKind::Resolved => "resolved a note".into(),
    }
}

fn export_event(c: &Connection, id: &str) -> Result<ReviewEvent> {
    let (version_id, kind, at, author, machine, data): (
        VersionId,
        String,
        String,
        String,
        String,
        String,
    ) = c.query_row(
        "SELECT version_id, kind, at, author, machine, data FROM review_events WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
    )?;
    let kind = EventKind::parse(&kind)?;
    let mut data: Map<String, Value> = match serde_json::from_str(&data) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    if kind == EventKind::Named {
        let parents = labels_of(c, &parent_ids(c, version_id)?)?;
        data.insert("parents".into(), json!(parents));
    }
    Ok(ReviewEvent {
        id: id.to_string(),
        kind,
        version: version_by_id(c, version_id)?.label,
        at,
        author,
        machine,
        data,
    })
}

fn next_free_label(taken: &BTreeSet<String>, wanted: &str) -> String {
    let numbered = wanted.strip_prefix('v').and_then(|n| n.parse::<u64>().ok()).is_some();
    if numbered {
        let max = taken
            .iter()
            .filter_map(|l| l.strip_prefix('v').and_then(|n| n.parse::<u64>().ok()))
            .max()
            .unwrap_or(0);
        return format!("v{}", max + 1);
    }
    let mut n = 2;
    loop {
        let candidate = format!("{wanted}-{n}");
        if !taken.contains(&candidate) {
            return candidate;
        }
        n += 1;
    }
}

fn folder_guide(tx: &Transaction<'_>, folder: &str) -> Result<Option<GuideId>> {
    if let Some(id) = tx
        .query_row("SELECT guide_id FROM shared_guides WHERE folder = ?1", [folder], |r| r.get(0))
        .optional()?
    {
        return Ok(Some(id));
    }
    Ok(tx
        .query_row(
            "SELECT id FROM guides WHERE slug = ?1 AND trashed_at IS NULL
             AND id NOT IN (SELECT guide_id FROM shared_guides)",
            [folder],
            |r| r.get(0),
        )
        .optional()?)
}

fn version_id_by_label(
    c: &Connection,
    guide_id: GuideId,
    label: &str,
) -> Result<Option<VersionId>> {
    Ok(c.query_row(
        "SELECT id FROM versions WHERE guide_id = ?1 AND label = ?2",
        params![guide_id, label],
        |r| r.get(0),
    )
    .optional()?)
}

fn event_exists(c: &Connection, id: &str) -> Result<bool> {
    Ok(c.query_row("SELECT EXISTS (SELECT 1 FROM review_events WHERE id = ?1)", [id], |r| {
        r.get(0)
    })?)
}

fn insert_event(
    tx: &Transaction<'_>,
    guide_id: GuideId,
    version_id: VersionId,
    e: &ReviewEvent,
) -> Result<()> {
    let mut data = e.data.clone();
    if e.kind == EventKind::Named {
        data.remove("parents");
    }
    tx.execute(
        "INSERT INTO review_events (id, guide_id, version_id, kind, at, author, machine, data,
                                    shared)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1)",
        params![
            e.id,
            guide_id,
            version_id,
            e.kind.as_str(),
            e.at,
            e.author,
            e.machine,
            Value::Object(data).to_string()
        ],
    )?;
    Ok(())
}

/// Brings one guide's folder in (see [`Store::import_shared`]).
fn import_guide_folder(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    cache: &SharedCache,
    incoming: &SharedGuideIn,
    out: &mut SharedImport,
) -> Result<()> {
    let folder = &incoming.folder;
    let mut named: BTreeMap<&str, &ReviewEvent> = BTreeMap::new();
    for e in incoming.events.iter().filter(|e| e.kind == EventKind::Named) {
        let keep = match named.get(e.version.as_str()) {
            Some(k) => (&e.at, &e.id) < (&k.at, &k.id),
            None => true,
        };
        if keep {
            named.insert(&e.version, e);
        }
    }
    let mut versions: Vec<(&str, &Guide, Option<&ReviewEvent>)> = incoming
        .versions
        .iter()
        .map(|(l, g)| (l.as_str(), g, named.get(l.as_str()).copied()))
        .collect();
    versions.sort_by(|a, b| {
        let key = |v: &(&str, &Guide, Option<&ReviewEvent>)| {
            v.2.map(|e| (e.at.clone(), e.id.clone())).unwrap_or_default()
        };
        key(a).cmp(&key(b)).then(a.0.cmp(b.0))
    });
    let mut guide_id = folder_guide(tx, folder)?;
    let mut created = false;
    if guide_id.is_none() {
        let Some((_, first, ev)) = versions.last() else { return Ok(()) };
        let mut content = first.stripped();
        content.meta.slug = folder.clone();
        let earliest =
            versions.first().and_then(|v| v.2).map(|e| e.at.clone()).unwrap_or(ctx.now.clone());
        let content_time = ev
            .and_then(|e| {
                data_str(&Value::Object(e.data.clone()), "content_updated").map(String::from)
            })
            .unwrap_or_else(|| earliest.clone());
        let g = create_at(tx, ctx, &content, "sync", &earliest, &content_time)?;
        guide_id = Some(g.id);
        created = true;
        out.new_guides.push(folder.clone());
    }
    let guide_id = guide_id.expect("set above");
    tx.execute(
        "INSERT OR IGNORE INTO shared_guides (guide_id, folder) VALUES (?1, ?2)",
        params![guide_id, folder],
    )?;
    let slug = guide_by_id(tx, guide_id)?.slug;
    // What the draft contains is fixed before versions arrive (no rows mean "the newest").
    let draft_parents = draft_parent_ids(tx, guide_id)?;
    set_draft_parents(tx, guide_id, &draft_parents)?;
    let contained_before = ancestors(tx, &draft_parents)?;
    let mut arrived: Vec<VersionId> = Vec::new();
    let mut parents_of: Vec<(VersionId, Vec<String>)> = Vec::new();
    for (label, content, ev) in &versions {
        let content = content.stripped();
        let hash = edit_hash(&content);
        let local = version_id_by_label(tx, guide_id, label)?;
        if let Some(local_id) = local {
            let v = version_by_id(tx, local_id)?;
            let shared: bool =
                tx.query_row("SELECT shared FROM versions WHERE id = ?1", [local_id], |r| {
                    r.get(0)
                })?;
            if v.edit_hash == hash {
                tx.execute("UPDATE versions SET shared = 1 WHERE id = ?1", [local_id])?;
                if let Some(ev) = ev {
                    if !event_exists(tx, &ev.id)? {
                        tx.execute(
                            "DELETE FROM review_events WHERE version_id = ?1 AND kind = 'named'
                             AND shared = 0",
                            [local_id],
                        )?;
                        insert_event(tx, guide_id, local_id, ev)?;
                    }
                }
                continue;
            }
            if shared {
                out.refused.push(format!(
                    "{slug} {label}: the shared library's {label} differs from the one shared \
                     before; the one here is kept."
                ));
                continue;
            }
            let mut taken: BTreeSet<String> =
                versions_of(tx, guide_id)?.into_iter().map(|v| v.label).collect();
            taken.extend(incoming.versions.iter().map(|(l, _)| l.clone()));
            let new_label = next_free_label(&taken, label);
            let max: i64 = tx.query_row(
                "SELECT MAX(number) FROM versions WHERE guide_id = ?1",
                [guide_id],
                |r| r.get(0),
            )?;
            tx.execute(
                "UPDATE versions SET label = ?2, number = ?3 WHERE id = ?1",
                params![local_id, new_label, max + 1],
            )?;
            out.renamed.push(Renamed {
                slug: slug.clone(),
                from: label.to_string(),
                to: new_label,
            });
            insert_shared_version(tx, ctx, cache, guide_id, label, &content, *ev, Some(v.number))
                .map(|id| {
                arrived.push(id);
                parents_of.push((id, parent_labels(*ev)));
            })?;
        } else {
            let id = insert_shared_version(tx, ctx, cache, guide_id, label, &content, *ev, None)?;
            arrived.push(id);
            parents_of.push((id, parent_labels(*ev)));
        }
        out.new_versions.push(LabelRef { slug: slug.clone(), label: label.to_string() });
    }
    for (id, labels) in parents_of {
        for l in labels {
            if let Some(p) = version_id_by_label(tx, guide_id, &l)? {
                tx.execute(
                    "INSERT OR IGNORE INTO version_parents (version_id, parent_id) VALUES (?1, ?2)",
                    params![id, p],
                )?;
            }
        }
    }
    for e in incoming.events.iter().filter(|e| e.kind != EventKind::Named) {
        if event_exists(tx, &e.id)? {
            tx.execute("UPDATE review_events SET shared = 1 WHERE id = ?1", [&e.id])?;
            continue;
        }
        let Some(version_id) = version_id_by_label(tx, guide_id, &e.version)? else {
            out.refused.push(format!(
                "{slug}: an event of {} names a version this library does not have.",
                e.version
            ));
            continue;
        };
        insert_event(tx, guide_id, version_id, e)?;
        out.events += 1;
        let data = Value::Object(e.data.clone());
        match e.kind {
            EventKind::Note => {
                tx.execute(
                    "INSERT INTO version_notes (version_id, path, item_id, text, created, event_id,
                                                author, machine)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        version_id,
                        data_str(&data, "path"),
                        data_str(&data, "item_id"),
                        data_str(&data, "text").unwrap_or_default(),
                        e.at,
                        e.id,
                        e.author,
                        e.machine
                    ],
                )?;
            }
            EventKind::Resolved => {
                tx.execute(
                    "UPDATE version_notes SET resolved = ?2 WHERE event_id = ?1",
                    params![data_str(&data, "note").unwrap_or_default(), e.at],
                )?;
            }
            _ => {}
        }
    }
    if created {
        if let Some(newest) = arrived.last() {
            let content = version_content(tx, cache, *newest)?;
            let rev = current_revision(tx, guide_id)?;
            let mut g = content.guide.stripped();
            g.meta.slug = folder.clone();
            write_draft_at(
                tx,
                ctx,
                guide_id,
                rev + 1,
                &g,
                "sync",
                &content.version.content_updated,
            )?;
            set_draft_parents(tx, guide_id, &[*newest])?;
        }
    } else {
        let draft_hash: String =
            tx.query_row("SELECT content_hash FROM drafts WHERE guide_id = ?1", [guide_id], |r| {
                r.get(0)
            })?;
        let mut parents = draft_parent_ids(tx, guide_id)?;
        for id in &arrived {
            if contained_before.contains(id) {
                continue;
            }
            let v = version_by_id(tx, *id)?;
            if v.edit_hash == draft_hash {
                // The draft already holds exactly this content: it contains the version.
                parents.push(*id);
                set_draft_parents(tx, guide_id, &parents)?;
            } else {
                out.to_merge.push(LabelRef { slug: slug.clone(), label: v.label });
            }
        }
    }
    out.refused.extend(refold(tx, ctx, guide_id)?.into_iter().map(|r| format!("{slug} {r}")));
    Ok(())
}

fn parent_labels(ev: Option<&ReviewEvent>) -> Vec<String> {
    ev.and_then(|e| e.data.get("parents"))
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(String::from).collect())
        .unwrap_or_default()
}

#[allow(clippy::too_many_arguments)]
fn insert_shared_version(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    cache: &SharedCache,
    guide_id: GuideId,
    label: &str,
    content: &Guide,
    ev: Option<&ReviewEvent>,
    number: Option<i64>,
) -> Result<VersionId> {
    let (blob_id, hash) = put_blob(tx, cache, guide_id, &content.to_canonical_json())?;
    let number = match number {
        Some(n) => n,
        None => tx.query_row(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM versions WHERE guide_id = ?1",
            [guide_id],
            |r| r.get(0),
        )?,
    };
    let data = ev.map(|e| Value::Object(e.data.clone())).unwrap_or(Value::Null);
    let state = data_str(&data, "state")
        .and_then(|s| s.parse::<VersionState>().ok())
        .unwrap_or(VersionState::Draft);
    let at = ev.map(|e| e.at.clone()).unwrap_or_else(|| ctx.now.clone());
    let content_updated = data_str(&data, "content_updated").unwrap_or(&at).to_string();
    tx.execute(
        "INSERT INTO versions (guide_id, number, label, state, note, created, content_hash, blob_id,
                               edit_hash, content_updated, state_changed, author, machine, shared,
                               initial_state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7, ?9, ?6, ?10, ?11, 1, ?4)",
        params![
            guide_id,
            number,
            label,
            state.as_str(),
            data_str(&data, "note").unwrap_or_default(),
            at,
            hash,
            blob_id,
            content_updated,
            ev.map(|e| e.author.as_str()).unwrap_or_default(),
            ev.map(|e| e.machine.as_str()).unwrap_or_default(),
        ],
    )?;
    let id = tx.last_insert_rowid();
    if let Some(ev) = ev {
        if !event_exists(tx, &ev.id)? {
            insert_event(tx, guide_id, id, ev)?;
        }
    }
    Ok(id)
}

impl Store {
    /// Everything not yet shared, per guide (guides in the trash wait): versions and events
    /// made here since the last sync, and guides never shared.
    pub fn to_share(&self) -> Result<Vec<ShareOut>> {
        self.read(|c| {
            let guides: Vec<(GuideId, String, Option<String>)> = {
                let mut stmt = c.prepare(
                    "SELECT g.id, g.slug, s.folder FROM guides g
                     LEFT JOIN shared_guides s ON s.guide_id = g.id
                     WHERE g.trashed_at IS NULL AND (s.folder IS NULL
                        OR EXISTS (SELECT 1 FROM versions WHERE guide_id = g.id AND shared = 0)
                        OR EXISTS (SELECT 1 FROM review_events WHERE guide_id = g.id AND shared = 0))
                     ORDER BY g.id",
                )?;
                let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            let mut out = Vec::new();
            for (guide_id, slug, folder) in guides {
                let ids: Vec<VersionId> = {
                    let mut stmt = c.prepare_cached(
                        "SELECT id FROM versions WHERE guide_id = ?1 AND shared = 0 ORDER BY number",
                    )?;
                    let rows = stmt.query_map([guide_id], |r| r.get(0))?;
                    rows.collect::<rusqlite::Result<_>>()?
                };
                if folder.is_none() && ids.is_empty() {
                    let any: bool = c.query_row(
                        "SELECT EXISTS (SELECT 1 FROM versions WHERE guide_id = ?1)",
                        [guide_id],
                        |r| r.get(0),
                    )?;
                    if !any {
                        // Nothing named yet: drafts stay private.
                        continue;
                    }
                }
                let mut versions = Vec::new();
                for id in ids {
                    let content = version_content(c, &self.cache, id)?;
                    let initial: String = c.query_row(
                        "SELECT initial_state FROM versions WHERE id = ?1",
                        [id],
                        |r| r.get(0),
                    )?;
                    let bytes = version_file(
                        &content.guide,
                        &content.version.label,
                        read_state(&initial)?,
                    );
                    versions.push((id, content.version.label, bytes));
                }
                let event_ids: Vec<String> = {
                    let mut stmt = c.prepare_cached(
                        "SELECT id FROM review_events WHERE guide_id = ?1 AND shared = 0
                         ORDER BY at, id",
                    )?;
                    let rows = stmt.query_map([guide_id], |r| r.get(0))?;
                    rows.collect::<rusqlite::Result<_>>()?
                };
                let mut events = Vec::new();
                for id in event_ids {
                    let e = export_event(c, &id)?;
                    events.push((id, event_file(&e)));
                }
                out.push(ShareOut {
                    guide_id,
                    folder: folder.unwrap_or(slug),
                    versions,
                    events,
                });
            }
            Ok(out)
        })
    }

    /// Records that the shared library now holds what `shared` lists.
    pub fn mark_shared(&mut self, shared: &[ShareOut]) -> Result<()> {
        self.write(|tx, _| {
            for s in shared {
                tx.execute(
                    "INSERT OR IGNORE INTO shared_guides (guide_id, folder) VALUES (?1, ?2)",
                    params![s.guide_id, s.folder],
                )?;
                for (id, _, _) in &s.versions {
                    tx.execute("UPDATE versions SET shared = 1 WHERE id = ?1", [id])?;
                }
                for (id, _) in &s.events {
                    tx.execute("UPDATE review_events SET shared = 1 WHERE id = ?1", [id])?;
                }
            }
            Ok(())
        })
    }

    /// Brings in what a shared library holds (all of it, or the folders that changed), in one
    /// transaction: guides that first arrive get a draft equal to their newest version; a
    /// version with a label one made here but not yet shared also has is the same version when
    /// its content is the same, else the one made here is renamed to the next free label; the
    /// events are folded into the versions' states. Nothing already here is lost.
    pub fn import_shared(&mut self, incoming: &[SharedGuideIn]) -> Result<SharedImport> {
        let cache = self.cache.clone();
        self.write(|tx, ctx| {
            let mut out = SharedImport::default();
            for g in incoming {
                if !almanac_guide::is_safe_slug(&g.folder) {
                    out.refused.push(format!(
                        "The shared library's folder \"{}\" is not a guide's slug; it was skipped.",
                        g.folder
                    ));
                    continue;
                }
                import_guide_folder(tx, ctx, &cache, g, &mut out)?;
            }
            Ok(out)
        })
    }

    /// The review events of a guide, oldest first.
    pub fn review_log(&self, guide_id: GuideId) -> Result<Vec<LoggedEvent>> {
        self.read(|c| {
            guide_by_id(c, guide_id)?;
            let mut stmt = c.prepare_cached(
                "SELECT e.id, e.kind, v.label, e.at, e.author, e.machine, e.data, e.outcome,
                        e.shared
                 FROM review_events e JOIN versions v ON v.id = e.version_id
                 WHERE e.guide_id = ?1 ORDER BY e.at, e.id",
            )?;
            let rows = stmt.query_map([guide_id], |r| {
                let kind = EventKind::parse(&r.get::<_, String>(1)?)?;
                let data: Value =
                    serde_json::from_str(&r.get::<_, String>(6)?).unwrap_or(Value::Null);
                let outcome: String = r.get(7)?;
                Ok(LoggedEvent {
                    id: r.get(0)?,
                    kind,
                    version: r.get(2)?,
                    at: r.get(3)?,
                    author: r.get(4)?,
                    machine: r.get(5)?,
                    summary: event_summary(kind, &data),
                    refused: (!outcome.is_empty()).then_some(outcome),
                    shared: r.get(8)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Versions of the guide that its draft does not contain (not the draft's parents nor any
    /// of their ancestors) and that no other such version builds on: what "Merge into draft"
    /// offers, newest first.
    pub fn merge_offers(&self, guide_id: GuideId) -> Result<Vec<Version>> {
        self.read(|c| {
            let contained = ancestors(c, &draft_parent_ids(c, guide_id)?)?;
            let versions = versions_of(c, guide_id)?;
            let outside: Vec<&Version> =
                versions.iter().filter(|v| !contained.contains(&v.id)).collect();
            let mut covered = BTreeSet::new();
            for v in &outside {
                let mut a = ancestors(c, &[v.id])?;
                a.remove(&v.id);
                covered.extend(a);
            }
            Ok(outside.into_iter().filter(|v| !covered.contains(&v.id)).cloned().collect())
        })
    }

    /// The nearest version both the draft and version `id` contain: the base of a three-way
    /// merge of `id` into the draft. `None` when they share no version.
    pub fn merge_base(&self, guide_id: GuideId, id: VersionId) -> Result<Option<Version>> {
        self.read(|c| {
            let ours = ancestors(c, &draft_parent_ids(c, guide_id)?)?;
            let theirs = ancestors(c, &[id])?;
            let common: Vec<VersionId> = ours.intersection(&theirs).copied().collect();
            let mut best: Option<Version> = None;
            for v in common {
                let v = version_by_id(c, v)?;
                if best.as_ref().is_none_or(|b| v.number > b.number) {
                    best = Some(v);
                }
            }
            Ok(best)
        })
    }

    /// Records that version `id` is merged into the guide's draft (the draft now contains it).
    pub fn record_merge(&mut self, guide_id: GuideId, id: VersionId) -> Result<()> {
        self.write(|tx, _| {
            let v = version_by_id(tx, id)?;
            if v.guide_id != guide_id {
                return Err(StoreError::invalid(format!(
                    "Version {} belongs to another guide.",
                    v.label
                )));
            }
            let mut parents = draft_parent_ids(tx, guide_id)?;
            parents.push(id);
            set_draft_parents(tx, guide_id, &parents)
        })
    }

    /// The versions the draft contains directly (the one it builds on, and any merged in).
    pub fn draft_parents(&self, guide_id: GuideId) -> Result<Vec<Version>> {
        self.read(|c| {
            draft_parent_ids(c, guide_id)?.into_iter().map(|id| version_by_id(c, id)).collect()
        })
    }

    /// Forgets what any shared library holds (linking to another one): everything is shared
    /// again by the next sync.
    pub fn forget_shared(&mut self) -> Result<()> {
        self.write(|tx, _| {
            tx.execute("UPDATE versions SET shared = 0 WHERE shared = 1", [])?;
            tx.execute("UPDATE review_events SET shared = 0 WHERE shared = 1", [])?;
            tx.execute("DELETE FROM shared_guides", [])?;
            Ok(())
        })
    }

    /// This machine's name as colleagues see it.
    pub fn machine_name(&self) -> Result<String> {
        self.read(|c| Ok(identity(c)?.1))
    }
}
