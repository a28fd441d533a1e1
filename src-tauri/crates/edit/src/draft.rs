//! The open drafts of an editor, backed by the store: per window, a [`Session`] on a guide's
//! stored draft, the revision it builds on, and its autosave.
//!
//! [`Drafts`] is what the desktop shell keeps: it opens a draft ([`Drafts::open`]), applies the
//! patches the UI sends ([`Drafts::edit`]), and saves what changed on a thread of its own
//! ([`Drafts::run_autosave`]), debounced: a draft is saved [`AUTOSAVE_IDLE`] after its last edit,
//! and while edits keep coming at least every [`AUTOSAVE_MAX_WAIT`]. A save names the revision
//! the edits build on ([`Store::save_draft`]): a stale one is a conflict, nothing is written,
//! and the edits stay in the session until the editor settles it ([`Drafts::keep_mine`],
//! [`Drafts::take_stored`]). A failed save is reported and tried again on the next edit or
//! [`Drafts::flush`].
//!
//! What the store derives for the draft's page (the version it builds on and whether the draft
//! still equals it, the named versions, the times) is read from the store when the draft is
//! opened and after every save, and set in the session then: a keystroke never waits for the
//! store.

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use almanac_guide::{Finding, Guide, Part};
use almanac_render::{PageChunk, PageOptions, Theme};
use almanac_store::{Draft, GuideId, Store, StoreError};
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use crate::{Applied, Chrome, EditError, FindingsSplice, Patch, Session};

/// How long after its last edit a draft is saved.
pub const AUTOSAVE_IDLE: Duration = Duration::from_millis(250);
/// The longest an edit waits for its save while edits keep coming: a process killed at any
/// moment loses at most the edits of this span (and of a save under way).
pub const AUTOSAVE_MAX_WAIT: Duration = Duration::from_millis(750);

/// Why something failed, as the UI shows it: a stable code and a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Problem {
    pub code: String,
    pub message: String,
}

impl From<&StoreError> for Problem {
    fn from(e: &StoreError) -> Problem {
        Problem { code: e.code().to_string(), message: e.to_string() }
    }
}

impl From<&EditError> for Problem {
    fn from(e: &EditError) -> Problem {
        Problem { code: e.code().to_string(), message: e.to_string() }
    }
}

/// Why a draft operation failed.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Edit(#[from] EditError),
    /// The window has no draft open, or another guide's.
    #[error("This guide's draft is not open for editing here; open it again.")]
    NotOpen,
}

impl DraftError {
    /// The stable machine code.
    pub fn code(&self) -> &'static str {
        match self {
            DraftError::Store(e) => e.code(),
            DraftError::Edit(e) => e.code(),
            DraftError::NotOpen => "edit.not_open",
        }
    }
}

/// Where the draft's saving stands.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SaveState {
    /// The store holds every edit.
    #[default]
    Saved,
    /// Edits wait for their save.
    Pending,
    /// A save is under way.
    Saving,
    /// The last save failed; the edits stay, and the next edit (or a flush) tries again.
    Failed(Problem),
    /// The stored draft moved on (another window, a sync): nothing is saved until the editor
    /// keeps theirs or mine.
    Conflict(Problem),
}

/// The draft as opened: its guide (normalised, with what the store derives for its page), its
/// findings and its whole preview page.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Opened {
    pub draft: Draft,
    pub findings: Vec<Finding>,
    pub document: String,
}

/// What a batch of patches (or a change the store made) changed, for the UI: the batch's
/// inverses, and the page parts, chrome, findings and derived values as the answers of the
/// single patches ([`Applied`]) say, merged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct Edited {
    /// One inverse per patch of the batch, in the batch's order (empty when not asked for).
    pub inverses: Vec<Patch>,
    /// The parts whose HTML changed, each with its last HTML, in page order.
    pub parts: Vec<(Part, String)>,
    /// The chrome pieces whose HTML changed, each with its last HTML.
    pub chrome: Vec<(Chrome, String)>,
    /// The changes to the findings list, to apply in order.
    pub findings: Vec<FindingsSplice>,
    /// Derived values by path, in the order they were computed (a later one wins).
    #[ts(type = "Array<[string, unknown]>")]
    pub derived: Vec<(String, Value)>,
    /// Where saving stands after the change.
    pub save: SaveState,
    /// The stored revision the draft builds on.
    #[ts(type = "number")]
    pub revision: i64,
}

impl Edited {
    fn absorb(&mut self, a: Applied, keep_inverse: bool) {
        if keep_inverse {
            self.inverses.push(a.inverse);
        }
        self.absorb_page(a.parts, a.chrome);
        if !a.findings.is_empty() {
            self.findings.push(a.findings);
        }
        self.derived.extend(a.derived);
    }

    fn absorb_page(&mut self, parts: Vec<(Part, String)>, chrome: Vec<(Chrome, String)>) {
        for (p, html) in parts {
            match self.parts.iter_mut().find(|(q, _)| *q == p) {
                Some(slot) => slot.1 = html,
                None => self.parts.push((p, html)),
            }
        }
        let order = |p: &Part| PageChunk::ALL.iter().position(|c| *c == PageChunk::Part(*p));
        self.parts.sort_by_key(|(p, _)| order(p));
        for (c, html) in chrome {
            match self.chrome.iter_mut().find(|(d, _)| *d == c) {
                Some(slot) => slot.1 = html,
                None => self.chrome.push((c, html)),
            }
        }
    }

    /// True when nothing on the page, in the findings or in the derived values changed.
    pub fn is_quiet(&self) -> bool {
        self.parts.is_empty()
            && self.chrome.is_empty()
            && self.findings.is_empty()
            && self.derived.is_empty()
    }
}

/// What a save (or a flush) did, as the UI is told it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SaveReport {
    #[ts(type = "number")]
    pub guide_id: GuideId,
    /// The stored revision the draft now builds on.
    #[ts(type = "number")]
    pub revision: i64,
    pub save: SaveState,
    /// What the store now derives for the page, where it changed (the content time moves
    /// with a save that changed the content).
    pub changes: Edited,
}

/// The stored draft taken into the session ([`Drafts::take_stored`]) or kept aside
/// ([`Drafts::keep_mine`]).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Taken {
    /// The stored draft.
    pub draft: Draft,
    /// What taking it in changed (its inverse, one `Replace`, brings back what was replaced),
    /// or, for keep-mine, where saving stands.
    pub changes: Edited,
}

/// One window's open draft.
#[derive(Debug)]
struct OpenDraft {
    guide_id: GuideId,
    session: Session,
    /// The stored revision the session's edits build on.
    revision: i64,
    /// Edits applied since the draft was opened, and how many of them the store holds.
    seq: u64,
    saved_seq: u64,
    state: SaveState,
    /// The first and the last edit the store does not hold yet.
    first_unsaved: Option<Instant>,
    last_edit: Option<Instant>,
}

impl OpenDraft {
    fn dirty(&self) -> bool {
        self.seq != self.saved_seq
    }

    /// When the autosave should save this draft, if it should.
    fn due(&self, idle: Duration, max_wait: Duration) -> Option<Instant> {
        if !self.dirty() || !matches!(self.state, SaveState::Pending) {
            return None;
        }
        let (first, last) = (self.first_unsaved?, self.last_edit?);
        Some((last + idle).min(first + max_wait))
    }

    fn edited(&mut self) {
        let now = Instant::now();
        self.seq += 1;
        self.first_unsaved.get_or_insert(now);
        self.last_edit = Some(now);
        if matches!(self.state, SaveState::Saved | SaveState::Failed(_)) {
            self.state = SaveState::Pending;
        }
    }

    fn answer(&self) -> Edited {
        Edited { save: self.state.clone(), revision: self.revision, ..Edited::default() }
    }

    /// Sets what the store derives for the page (`stamped`: the session's guide as the store
    /// stamps it) where it differs from the session's, reporting the page changes and the new
    /// values (`meta.version`, `meta.created`, `meta.updated`, `meta.generated`, `versions`) as
    /// derived values.
    fn restamp(&mut self, stamped: &Guide, out: &mut Edited) {
        let g = self.session.guide();
        if g.versions != stamped.versions {
            // The versions list is derived: it changes as a whole.
            let mut whole = g.clone();
            whole.meta.version = stamped.meta.version.clone();
            whole.versions = stamped.versions.clone();
            whole.meta.created = stamped.meta.created.clone();
            whole.meta.updated = stamped.meta.updated.clone();
            whole.meta.generated = stamped.meta.generated.clone();
            if let Ok(a) = self.session.apply(&Patch::Replace { guide: Box::new(whole) }) {
                out.absorb(a, false);
            }
            let g = self.session.guide();
            out.derived.extend([
                ("meta.version".into(), json(&g.meta.version)),
                ("meta.created".into(), json(&g.meta.created)),
                ("meta.updated".into(), json(&g.meta.updated)),
                ("meta.generated".into(), json(&g.meta.generated)),
                ("versions".into(), json(&g.versions)),
            ]);
            return;
        }
        let fields = [
            ("meta.version", json(&g.meta.version), json(&stamped.meta.version)),
            ("meta.created", json(&g.meta.created), json(&stamped.meta.created)),
            ("meta.updated", json(&g.meta.updated), json(&stamped.meta.updated)),
            ("meta.generated", json(&g.meta.generated), json(&stamped.meta.generated)),
        ];
        for (path, old, new) in fields {
            if old != new {
                let patch = Patch::Set { path: path.into(), value: new.clone() };
                if let Ok(a) = self.session.apply(&patch) {
                    out.absorb(a, false);
                    out.derived.push((path.into(), new));
                }
            }
        }
    }
}

fn json<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).expect("the guide's values serialise")
}

/// The session's guide as the store stamps it for the draft's page.
fn stamped(store: &Store, guide_id: GuideId, guide: &Guide) -> Result<Guide, StoreError> {
    let mut g = guide.clone();
    store.stamp_draft(guide_id, &mut g)?;
    Ok(g)
}

/// The open drafts, by window, and their autosave.
pub struct Drafts {
    store: Arc<Mutex<Store>>,
    open: Mutex<HashMap<String, OpenDraft>>,
    /// Wakes the autosave thread when a draft was edited.
    wake: Condvar,
    /// One save at a time (the autosave thread's and a flush's).
    saving: Mutex<()>,
    idle: Duration,
    max_wait: Duration,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic cannot leave a draft half-edited (a refused patch changes nothing) nor a store
    // write half-done (one transaction each): take a poisoned lock over.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Drafts {
    /// Drafts backed by `store`, saved [`AUTOSAVE_IDLE`] after their last edit.
    pub fn new(store: Arc<Mutex<Store>>) -> Drafts {
        Drafts::with_timing(store, AUTOSAVE_IDLE, AUTOSAVE_MAX_WAIT)
    }

    /// [`Drafts::new`] with other autosave timing.
    pub fn with_timing(store: Arc<Mutex<Store>>, idle: Duration, max_wait: Duration) -> Drafts {
        Drafts {
            store,
            open: Mutex::new(HashMap::new()),
            wake: Condvar::new(),
            saving: Mutex::new(()),
            idle,
            max_wait,
        }
    }

    /// Opens guide `guide_id`'s stored draft in `window` (replacing what the window had open:
    /// save that first, [`Drafts::flush`]), its page rendered with `opts` and `theme`.
    pub fn open(
        &self,
        window: &str,
        guide_id: GuideId,
        opts: PageOptions,
        theme: Theme,
    ) -> Result<Opened, DraftError> {
        let draft = lock(&self.store).draft(guide_id)?;
        let session = Session::with_theme(draft.guide.clone(), opts, theme);
        let opened = Opened {
            draft: Draft { guide: session.guide().clone(), ..draft.clone() },
            findings: session.findings(),
            document: session.document(),
        };
        let open = OpenDraft {
            guide_id,
            session,
            revision: draft.revision,
            seq: 0,
            saved_seq: 0,
            state: SaveState::Saved,
            first_unsaved: None,
            last_edit: None,
        };
        lock(&self.open).insert(window.to_string(), open);
        Ok(opened)
    }

    /// Closes the window's draft (save it first: [`Drafts::flush`]).
    pub fn close(&self, window: &str) {
        lock(&self.open).remove(window);
    }

    fn with_open<T>(
        &self,
        window: &str,
        guide_id: GuideId,
        f: impl FnOnce(&mut OpenDraft) -> Result<T, DraftError>,
    ) -> Result<T, DraftError> {
        let mut open = lock(&self.open);
        match open.get_mut(window) {
            Some(d) if d.guide_id == guide_id => f(d),
            _ => Err(DraftError::NotOpen),
        }
    }

    /// Applies `patches` in order to the window's draft of `guide_id`; all or none: when one
    /// is refused, those before it are undone and the error says why. The page is rendered
    /// against `opts` (the preview's clock). `inverses`: whether the answer carries them.
    pub fn edit(
        &self,
        window: &str,
        guide_id: GuideId,
        patches: &[Patch],
        opts: PageOptions,
        inverses: bool,
    ) -> Result<Edited, DraftError> {
        let out = self.with_open(window, guide_id, |d| {
            let mut out = Edited::default();
            let (old_opts, theme) = d.session.view();
            if old_opts != opts {
                let r = d.session.set_view(opts, theme);
                out.absorb_page(r.parts, r.chrome);
            }
            let mut done: Vec<Patch> = Vec::new();
            for p in patches {
                match d.session.apply(p) {
                    Ok(a) => {
                        done.push(a.inverse.clone());
                        out.absorb(a, inverses);
                    }
                    Err(e) => {
                        for inv in done.iter().rev() {
                            let _ = d.session.apply(inv);
                        }
                        return Err(e.into());
                    }
                }
            }
            if !patches.is_empty() {
                d.edited();
            }
            out.save = d.state.clone();
            out.revision = d.revision;
            Ok(out)
        })?;
        self.wake.notify_all();
        Ok(out)
    }

    /// Renders the window's draft page again in `theme` and returns the whole document.
    pub fn set_view(
        &self,
        window: &str,
        guide_id: GuideId,
        opts: PageOptions,
        theme: Theme,
    ) -> Result<String, DraftError> {
        self.with_open(window, guide_id, |d| {
            d.session.set_view(opts, theme);
            Ok(d.session.document())
        })
    }

    /// The window's draft: its guide as edited, with the stored revision it builds on.
    pub fn draft(&self, window: &str, guide_id: GuideId) -> Result<Draft, DraftError> {
        self.with_open(window, guide_id, |d| {
            let g = d.session.guide().clone();
            Ok(Draft { guide_id, revision: d.revision, updated: g.meta.updated.clone(), guide: g })
        })
    }

    /// Where the window's draft's saving stands.
    pub fn state(&self, window: &str, guide_id: GuideId) -> Result<SaveState, DraftError> {
        self.with_open(window, guide_id, |d| Ok(d.state.clone()))
    }

    /// Saves the window's draft now if it has edits the store lacks (waiting for a save under
    /// way), and reports where saving stands. A conflict is not saved over.
    pub fn flush(&self, window: &str, guide_id: GuideId) -> Result<SaveReport, DraftError> {
        self.with_open(window, guide_id, |_| Ok(()))?;
        if let Some(report) = self.save(window, true) {
            return Ok(report);
        }
        self.with_open(window, guide_id, |d| {
            Ok(SaveReport {
                guide_id,
                revision: d.revision,
                save: d.state.clone(),
                changes: d.answer(),
            })
        })
    }

    /// Reads what the store derives for the window's draft page (after a version was named or
    /// moved) and sets it in the session.
    pub fn refresh_stamp(&self, window: &str, guide_id: GuideId) -> Result<Edited, DraftError> {
        let guide = self.with_open(window, guide_id, |d| Ok(d.session.guide().clone()))?;
        let stamp = stamped(&lock(&self.store), guide_id, &guide)?;
        self.with_open(window, guide_id, |d| {
            let mut out = d.answer();
            d.restamp(&stamp, &mut out);
            Ok(out)
        })
    }

    /// Conflict, keep mine: the window's edits are saved over the stored draft's current
    /// revision (which is returned, to be kept aside).
    pub fn keep_mine(&self, window: &str, guide_id: GuideId) -> Result<Taken, DraftError> {
        let theirs = lock(&self.store).draft(guide_id)?;
        self.with_open(window, guide_id, |d| {
            d.revision = theirs.revision;
            d.state = SaveState::Pending;
            if !d.dirty() {
                d.seq += 1;
            }
            d.first_unsaved.get_or_insert_with(Instant::now);
            d.last_edit = Some(Instant::now());
            Ok(())
        })?;
        let report = self.flush(window, guide_id)?;
        Ok(Taken { draft: theirs, changes: report.changes })
    }

    /// Takes the stored draft into the window's session as one change (its inverse brings back
    /// what the session held): after a restore or an import wrote the draft, after a sync
    /// brought one in, or to settle a conflict with theirs. With `only_if_newer`, does nothing
    /// (`None`) unless the stored revision is newer than the session's and the session has no
    /// unsaved edits.
    pub fn take_stored(
        &self,
        window: &str,
        guide_id: GuideId,
        opts: PageOptions,
        only_if_newer: bool,
    ) -> Result<Option<Taken>, DraftError> {
        let _one_save = lock(&self.saving);
        let stored = lock(&self.store).draft(guide_id)?;
        self.with_open(window, guide_id, |d| {
            if only_if_newer && (d.dirty() || stored.revision <= d.revision) {
                return Ok(None);
            }
            let mut out = Edited::default();
            let (old_opts, theme) = d.session.view();
            if old_opts != opts {
                let r = d.session.set_view(opts, theme);
                out.absorb_page(r.parts, r.chrome);
            }
            let a = d.session.apply(&Patch::Replace { guide: Box::new(stored.guide.clone()) })?;
            out.absorb(a, true);
            d.seq += 1;
            d.saved_seq = d.seq;
            d.revision = stored.revision;
            d.state = SaveState::Saved;
            d.first_unsaved = None;
            let draft = Draft { guide: d.session.guide().clone(), ..stored.clone() };
            out.save = d.state.clone();
            out.revision = d.revision;
            Ok(Some(Taken { draft, changes: out }))
        })
    }

    /// Saves every open draft that has edits the store lacks (before the app quits).
    pub fn flush_all(&self) {
        let windows: Vec<String> = lock(&self.open).keys().cloned().collect();
        for w in windows {
            self.save(&w, true);
        }
    }

    /// Saves the window's draft if it has edits the store lacks and is not in conflict (or,
    /// with `retry`, failed before). `None` when there was nothing to do.
    fn save(&self, window: &str, retry: bool) -> Option<SaveReport> {
        let _one_save = lock(&self.saving);
        let (guide_id, base, guide, seq) = {
            let mut open = lock(&self.open);
            let d = open.get_mut(window)?;
            let failed = matches!(d.state, SaveState::Failed(_));
            if !d.dirty() || !(matches!(d.state, SaveState::Pending) || (retry && failed)) {
                return None;
            }
            d.state = SaveState::Saving;
            (d.guide_id, d.revision, d.session.guide().clone(), d.seq)
        };
        let result = {
            let mut store = lock(&self.store);
            store
                .save_draft(guide_id, base, &guide)
                .and_then(|rev| stamped(&store, guide_id, &guide).map(|s| (rev, s)))
        };
        let mut open = lock(&self.open);
        let d = open.get_mut(window).filter(|d| d.guide_id == guide_id)?;
        let mut changes = Edited::default();
        match result {
            Ok((revision, stamp)) => {
                d.revision = revision;
                d.saved_seq = seq;
                if d.dirty() {
                    d.state = SaveState::Pending;
                    d.first_unsaved = d.last_edit;
                } else {
                    d.state = SaveState::Saved;
                    d.first_unsaved = None;
                }
                d.restamp(&stamp, &mut changes);
            }
            Err(e @ StoreError::Conflict { .. }) => d.state = SaveState::Conflict((&e).into()),
            Err(e) => d.state = SaveState::Failed((&e).into()),
        }
        changes.save = d.state.clone();
        changes.revision = d.revision;
        Some(SaveReport { guide_id, revision: d.revision, save: d.state.clone(), changes })
    }

    /// The autosave loop: waits for a draft to become due, tells `notify` it is saving, saves
    /// it, and tells `notify` the outcome. Runs until the process ends; start it on a thread
    /// of its own.
    pub fn run_autosave(&self, notify: impl Fn(&str, &SaveReport)) {
        loop {
            let window = {
                let mut open = lock(&self.open);
                loop {
                    let now = Instant::now();
                    let next = open
                        .iter()
                        .filter_map(|(w, d)| d.due(self.idle, self.max_wait).map(|t| (t, w)))
                        .min_by_key(|(t, _)| *t);
                    match next {
                        Some((t, w)) if t <= now => break w.clone(),
                        Some((t, _)) => {
                            open = self
                                .wake
                                .wait_timeout(open, t - now)
                                .map(|r| r.0)
                                .unwrap_or_else(|p| p.into_inner().0);
                        }
                        None => {
                            open = self.wake.wait(open).unwrap_or_else(|p| p.into_inner());
                        }
                    }
                }
            };
            if let Some((guide_id, revision)) =
                lock(&self.open).get(&window).map(|d| (d.guide_id, d.revision))
            {
                let saving = SaveReport {
                    guide_id,
                    revision,
                    save: SaveState::Saving,
                    changes: Edited { save: SaveState::Saving, revision, ..Edited::default() },
                };
                notify(&window, &saving);
            }
            if let Some(report) = self.save(&window, false) {
                notify(&window, &report);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn opts() -> PageOptions {
        PageOptions::at(chrono::DateTime::parse_from_rfc3339("2026-11-25T12:00:00Z").unwrap())
    }

    fn store() -> (tempfile::TempDir, Arc<Mutex<Store>>, GuideId) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("a.db")).unwrap();
        let id = store.guide_by_slug("training-infrastructure").unwrap().id;
        (dir, Arc::new(Mutex::new(store)), id)
    }

    fn set(path: &str, value: Value) -> Patch {
        Patch::Set { path: path.into(), value }
    }

    #[test]
    fn an_edit_answers_with_its_part_and_a_flush_saves_it_on_the_base_revision() {
        let (_dir, store, id) = store();
        let drafts = Drafts::new(store.clone());
        let opened = drafts.open("main", id, opts(), Theme::System).unwrap();
        assert_eq!(opened.findings, almanac_guide::validate(&opened.draft.guide));
        let base = opened.draft.revision;

        let out = drafts.edit("main", id, &[set("tldr", json!("A new summary."))], opts(), true);
        let out = out.unwrap();
        assert_eq!(out.inverses, vec![set("tldr", json!(opened.draft.guide.tldr))]);
        assert_eq!(out.parts.len(), 1, "{:?}", out.parts);
        assert_eq!(out.parts[0].0, Part::Tldr);
        assert!(out.parts[0].1.contains("A new summary."));
        assert_eq!(out.save, SaveState::Pending);
        assert_eq!(drafts.state("main", id).unwrap(), SaveState::Pending);

        let report = drafts.flush("main", id).unwrap();
        assert_eq!(report.save, SaveState::Saved);
        assert_eq!(report.revision, base + 1);
        let stored = lock(&store).draft(id).unwrap();
        assert_eq!(stored.revision, base + 1);
        assert_eq!(stored.guide.tldr, "A new summary.");
        // Nothing left to save.
        assert_eq!(drafts.flush("main", id).unwrap().save, SaveState::Saved);
    }

    #[test]
    fn a_refused_batch_changes_nothing_and_another_guide_is_not_open() {
        let (_dir, store, id) = store();
        let drafts = Drafts::new(store);
        let opened = drafts.open("main", id, opts(), Theme::System).unwrap();
        let err = drafts
            .edit(
                "main",
                id,
                &[set("tldr", json!("Changed.")), set("meta.nothing", json!(1))],
                opts(),
                true,
            )
            .unwrap_err();
        assert_eq!(err.code(), "edit.bad_path");
        assert_eq!(drafts.draft("main", id).unwrap().guide, opened.draft.guide);
        assert_eq!(drafts.state("main", id).unwrap(), SaveState::Saved);
        let err = drafts.edit("main", id + 100, &[], opts(), true).unwrap_err();
        assert_eq!(err.code(), "edit.not_open");
        assert!(matches!(drafts.state("other", id).unwrap_err(), DraftError::NotOpen));
    }

    #[test]
    fn a_stale_base_is_a_conflict_that_keeps_the_edit_until_settled() {
        let (_dir, store, id) = store();
        let drafts = Drafts::new(store.clone());
        let opened = drafts.open("main", id, opts(), Theme::System).unwrap();
        // Another writer saves first.
        let mut theirs = opened.draft.guide.clone();
        theirs.tldr = "Their summary.".into();
        lock(&store).save_draft(id, opened.draft.revision, &theirs).unwrap();

        drafts.edit("main", id, &[set("tldr", json!("My summary."))], opts(), true).unwrap();
        let report = drafts.flush("main", id).unwrap();
        let SaveState::Conflict(problem) = &report.save else { panic!("{report:?}") };
        assert_eq!(problem.code, "store.conflict");
        assert_eq!(drafts.draft("main", id).unwrap().guide.tldr, "My summary.", "the edit stays");
        // No autosave over a conflict, and more edits keep it.
        drafts.edit("main", id, &[set("tldr", json!("My summary!"))], opts(), true).unwrap();
        assert!(matches!(drafts.state("main", id).unwrap(), SaveState::Conflict(_)));

        // Keep mine: saved over their revision, theirs returned to be kept aside.
        let kept = drafts.keep_mine("main", id).unwrap();
        assert_eq!(kept.draft.guide.tldr, "Their summary.");
        assert_eq!(kept.changes.save, SaveState::Saved);
        assert_eq!(lock(&store).draft(id).unwrap().guide.tldr, "My summary!");
    }

    #[test]
    fn taking_the_stored_draft_in_is_one_undoable_change() {
        let (_dir, store, id) = store();
        let drafts = Drafts::new(store.clone());
        let opened = drafts.open("main", id, opts(), Theme::System).unwrap();
        assert!(drafts.take_stored("main", id, opts(), true).unwrap().is_none(), "not newer");
        let mut theirs = opened.draft.guide.clone();
        theirs.tldr = "Brought in by a sync.".into();
        let rev = lock(&store).save_draft(id, opened.draft.revision, &theirs).unwrap();

        let taken = drafts.take_stored("main", id, opts(), true).unwrap().unwrap();
        assert_eq!(taken.draft.revision, rev);
        assert_eq!(taken.changes.save, SaveState::Saved);
        assert!(matches!(taken.changes.inverses.as_slice(), [Patch::Replace { .. }]));
        assert!(taken.changes.parts.iter().any(|(p, _)| *p == Part::Tldr));
        assert_eq!(drafts.draft("main", id).unwrap().revision, rev);
        // Its inverse brings back the session's guide, as an edit to save.
        let undo = drafts.edit("main", id, &taken.changes.inverses, opts(), true).unwrap();
        assert_eq!(undo.save, SaveState::Pending);
        assert_eq!(drafts.draft("main", id).unwrap().guide.tldr, opened.draft.guide.tldr);
    }

    #[test]
    fn the_autosave_saves_shortly_after_the_last_edit() {
        let (_dir, store, id) = store();
        let drafts = Arc::new(Drafts::with_timing(
            store.clone(),
            Duration::from_millis(20),
            Duration::from_millis(100),
        ));
        drafts.open("main", id, opts(), Theme::System).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let d = drafts.clone();
        std::thread::spawn(move || {
            d.run_autosave(|w, r| {
                let _ = tx.send((w.to_string(), r.save.clone()));
            })
        });
        drafts.edit("main", id, &[set("tldr", json!("Typed."))], opts(), false).unwrap();
        let wait = Duration::from_secs(5);
        assert_eq!(rx.recv_timeout(wait).unwrap(), ("main".into(), SaveState::Saving));
        assert_eq!(rx.recv_timeout(wait).unwrap(), ("main".into(), SaveState::Saved));
        assert_eq!(lock(&store).draft(id).unwrap().guide.tldr, "Typed.");
    }

    #[test]
    fn the_page_says_what_the_store_derives_after_a_save() {
        let (_dir, store, id) = store();
        let drafts = Drafts::new(store.clone());
        let opened = drafts.open("main", id, opts(), Theme::System).unwrap();
        let v = opened.draft.guide.meta.version.clone();
        assert!(v.is_working_draft() && v.based_on.is_some(), "{v:?}");
        // A new version named from the draft: the page lists it once refreshed.
        let before = opened.draft.guide.versions.len();
        lock(&store).snapshot(id, "v9", almanac_guide::VersionState::Draft, "").unwrap();
        let out = drafts.refresh_stamp("main", id).unwrap();
        assert!(!out.parts.is_empty());
        let now = drafts.draft("main", id).unwrap().guide;
        assert_eq!(now.versions.len(), before + 1);
        assert_eq!(now.meta.version.based_on.as_deref(), Some("v9"));
        assert!(now.meta.version.same_as_base);
    }
}
