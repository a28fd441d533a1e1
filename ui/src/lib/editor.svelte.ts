// The open draft: the guide being edited, its undo history, autosave and validation findings.
// Components change the guide only through `edit` (recorded for undo) and read it reactively.
import * as api from './api';
import { ApiError, isConflict, toApiError } from './api';
import { takeParsedCapacities } from './capacities';
import { groupByPath } from './findings';
import { History } from './history';
import { notesByPath as groupNotes } from './notes';
import type { Draft, Finding, Guide, Note, VersionInfo, VersionRef } from './types';

/**
 * What the store derives for the open draft's page: which version it builds on, the named
 * versions, and its times. Shown read-only; never edited in the form.
 */
export interface PageStamp {
  version: VersionInfo;
  versions: VersionRef[];
  created: string;
  updated: string;
}

function stampOf(g: Guide): PageStamp {
  return { version: g.meta.version, versions: g.versions, created: g.meta.created, updated: g.meta.updated };
}

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'failed' | 'conflict';

export interface SideBuffer {
  /** What the buffer holds, e.g. "Your edits from before you took theirs". */
  label: string;
  json: string;
}

export interface EditorOptions {
  autosaveMs?: number;
  validateMs?: number;
}

export class EditorState {
  guideId = $state<number | null>(null);
  guide = $state<Guide | null>(null);
  revision = $state(0);
  findings = $state<Finding[]>([]);
  status = $state<SaveStatus>('saved');
  /** Message of the last failed save. */
  error = $state<string | null>(null);
  /** Set while a save was refused because another window saved first. */
  conflict = $state<{ message: string } | null>(null);
  /** The side of a resolved conflict that is not in the form, kept so nothing is lost. */
  sideBuffer = $state<SideBuffer | null>(null);
  /** Bumped on every change of `guide` (edits, undo, loads): the preview listens to it. */
  changeCount = $state(0);
  canUndo = $state(false);
  canRedo = $state(false);
  /** The field path being edited (set on focus; the preview scrolls to its part). */
  focusPath = $state<string | null>(null);
  /** What the store derives for the draft (version line, versions, times), as of the last load or save. */
  stamp = $state<PageStamp | null>(null);
  /** The unresolved review notes of the guide's versions, shown at the fields they point to. */
  notes = $state<Note[]>([]);

  notesByPath = $derived(groupNotes(this.notes, this.guide));
  findingsByPath = $derived(groupByPath(this.findings));
  errorCount = $derived(this.findings.filter((f) => f.severity === 'error').length);
  warningCount = $derived(this.findings.filter((f) => f.severity === 'warning').length);

  private history = new History<Guide>();
  private editSeq = 0;
  private savedSeq = 0;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private validateTimer: ReturnType<typeof setTimeout> | null = null;
  private validateSeq = 0;
  private inflight: Promise<boolean> | null = null;
  private again = false;
  private readonly autosaveMs: number;
  private readonly validateMs: number;

  constructor(opts: EditorOptions = {}) {
    this.autosaveMs = opts.autosaveMs ?? 600;
    this.validateMs = opts.validateMs ?? 150;
  }

  /** True when the form holds edits the store does not have yet. */
  get dirty(): boolean {
    return this.editSeq !== this.savedSeq;
  }

  load(draft: Draft): void {
    this.clearTimers();
    this.guideId = draft.guide_id;
    this.guide = draft.guide;
    this.stamp = stampOf(draft.guide);
    this.revision = draft.revision;
    this.history.clear();
    this.syncHistoryFlags();
    this.editSeq = 0;
    this.savedSeq = 0;
    this.status = 'saved';
    this.error = null;
    this.conflict = null;
    this.sideBuffer = null;
    this.findings = [];
    this.notes = [];
    this.focusPath = null;
    this.changeCount++;
    this.scheduleValidate(0);
  }

  close(): void {
    this.clearTimers();
    this.guideId = null;
    this.guide = null;
    this.stamp = null;
    this.findings = [];
    this.notes = [];
    this.history.clear();
    this.syncHistoryFlags();
    this.status = 'saved';
    this.conflict = null;
    this.sideBuffer = null;
  }

  /**
   * Applies a change to the guide and records it for undo. `key` names the field being typed in:
   * consecutive edits with the same key within a second are one undo step.
   */
  edit(mutate: (g: Guide) => void, key: string | null = null): void {
    const g = this.guide;
    if (!g) return;
    this.history.record(() => $state.snapshot(g) as Guide, key);
    mutate(g);
    this.changed();
  }

  /** Updates derived data (parsed capacities) without an undo step. */
  patchDerived(mutate: (g: Guide) => void): void {
    if (!this.guide) return;
    mutate(this.guide);
    this.changeCount++;
  }

  undo(): boolean {
    if (!this.guide) return false;
    const prev = this.history.undo($state.snapshot(this.guide) as Guide);
    if (!prev) return false;
    this.guide = prev;
    this.changed();
    return true;
  }

  redo(): boolean {
    if (!this.guide) return false;
    const next = this.history.redo($state.snapshot(this.guide) as Guide);
    if (!next) return false;
    this.guide = next;
    this.changed();
    return true;
  }

  /** Ends a typing burst (e.g. when focus moves to another field). */
  breakBurst(): void {
    this.history.breakBurst();
  }

  findingsFor(path: string): Finding[] {
    return this.findingsByPath.get(path) ?? [];
  }

  /** The unresolved notes pointing at `path` (list items followed by their stable id). */
  notesFor(path: string): Note[] {
    return this.notesByPath.get(path) ?? [];
  }

  /**
   * Reads the unresolved notes of every version of the open guide. Quiet: a failure keeps the
   * notes shown so far.
   */
  async loadNotes(): Promise<void> {
    const id = this.guideId;
    if (id === null) return;
    try {
      const versions = await api.listVersions(id);
      const lists = await Promise.all(versions.map((v) => api.listNotes(v.id)));
      if (id !== this.guideId) return;
      // One note per id, in the order listed.
      this.notes = lists.flat().filter((n, i, all) => all.findIndex((x) => x.id === n.id) === i);
    } catch {
      /* the Versions panel lists the notes too */
    }
  }

  /** Resolves a note: it leaves the fields and the lists (the review history keeps it). */
  async resolveNote(n: Note): Promise<void> {
    await api.deleteNote(n.id);
    this.notes = this.notes.filter((x) => x.id !== n.id);
  }

  /**
   * Puts `next` (a whole guide, e.g. a merge's result) in the draft as one undoable step: it is
   * saved on the current revision and taken in as a restore is.
   */
  async applyGuide(next: Guide): Promise<void> {
    await this.applyStoreChange(async (id, base) => {
      const out = await api.saveDraft(id, base, next);
      return { guide_id: id, revision: out.revision, updated: out.guide.meta.updated, guide: out.guide };
    });
  }

  /**
   * Takes in the stored draft when it changed outside this form (a sync brought it in), as one
   * undoable step. Does nothing while the form has edits the store lacks: their save reports the
   * conflict instead.
   */
  async reloadIfChanged(): Promise<boolean> {
    const id = this.guideId;
    const g = this.guide;
    if (id === null || !g || this.dirty || this.inflight || this.status !== 'saved') return false;
    const d = await api.openDraft(id);
    if (id !== this.guideId || d.revision <= this.revision || this.dirty) return false;
    this.takeIn(() => $state.snapshot(g) as Guide, d);
    return true;
  }

  /** Saves now (cancelling the autosave timer). Resolves true when the store has every edit. */
  save(): Promise<boolean> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
    }
    if (this.inflight) {
      this.again = true;
      return this.inflight;
    }
    const p = this.runSaves().finally(() => {
      if (this.inflight === p) this.inflight = null;
    });
    this.inflight = p;
    return p;
  }

  /** Waits for pending edits to reach the store (before switching guides or quitting). */
  async flush(): Promise<boolean> {
    if (this.inflight) await this.inflight;
    if (this.status === 'conflict') return false;
    if (this.dirty || this.saveTimer) return this.save();
    return true;
  }

  /** Conflict: keep my edits, saving them over the latest revision (theirs goes to the side buffer). */
  async keepMine(): Promise<boolean> {
    const id = this.guideId;
    if (id === null || !this.conflict) return false;
    const latest = await api.openDraft(id);
    this.sideBuffer = {
      label: `Their version (revision ${latest.revision}), replaced by yours`,
      json: JSON.stringify(latest.guide, null, 2),
    };
    this.revision = latest.revision;
    this.conflict = null;
    this.status = 'pending';
    if (this.savedSeq === this.editSeq) this.editSeq++;
    return this.save();
  }

  /** Conflict: take the latest revision into the form; my edits stay in the side buffer and in undo. */
  async takeTheirs(): Promise<void> {
    const id = this.guideId;
    const g = this.guide;
    if (id === null || !g || !this.conflict) return;
    const latest = await api.openDraft(id);
    const mine = $state.snapshot(g) as Guide;
    this.sideBuffer = {
      label: 'Your edits from before you took theirs (Undo also brings them back)',
      json: JSON.stringify(mine, null, 2),
    };
    this.conflict = null;
    this.takeIn(() => mine, latest);
  }

  /**
   * Runs a store-side change of the draft (restore a version, an item or a field) on the current
   * revision and takes its result into the form as one undoable step. Pending edits are saved first.
   */
  async applyStoreChange(run: (guideId: number, baseRevision: number) => Promise<Draft>): Promise<void> {
    const id = this.guideId;
    if (id === null || !this.guide) throw new ApiError('internal', 'No guide is open.');
    if (!(await this.flush())) {
      throw new ApiError('store.unsaved', 'The draft has edits that are not saved yet; save them (Retry) first.');
    }
    const d = await run(id, this.revision);
    const g = this.guide;
    if (d.guide_id !== this.guideId || !g) return;
    this.takeIn(() => $state.snapshot(g) as Guide, d);
  }

  /**
   * Takes a draft the store already holds into the form as one undoable step: Undo brings back
   * `before`. The form then has no edits the store lacks.
   */
  private takeIn(before: () => Guide, d: Draft): void {
    this.history.record(before, null);
    this.history.breakBurst();
    this.guide = d.guide;
    this.stamp = stampOf(d.guide);
    this.revision = d.revision;
    this.editSeq++;
    this.savedSeq = this.editSeq;
    this.status = 'saved';
    this.error = null;
    this.syncHistoryFlags();
    this.changeCount++;
    this.scheduleValidate(0);
  }

  dismissSideBuffer(): void {
    this.sideBuffer = null;
  }

  private changed(): void {
    this.editSeq++;
    this.changeCount++;
    this.syncHistoryFlags();
    if (this.status === 'saved') this.status = 'pending';
    this.scheduleSave();
    this.scheduleValidate(this.validateMs);
  }

  private syncHistoryFlags(): void {
    this.canUndo = this.history.canUndo;
    this.canRedo = this.history.canRedo;
  }

  private scheduleSave(): void {
    if (this.status === 'conflict') return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.save();
    }, this.autosaveMs);
  }

  private scheduleValidate(ms: number): void {
    if (this.validateTimer) clearTimeout(this.validateTimer);
    this.validateTimer = setTimeout(() => {
      this.validateTimer = null;
      void this.validateNow();
    }, ms);
  }

  private async validateNow(): Promise<void> {
    const g = this.guide;
    if (!g) return;
    const seq = ++this.validateSeq;
    const id = this.guideId;
    try {
      const findings = await api.validateGuide($state.snapshot(g) as Guide);
      if (seq === this.validateSeq && id === this.guideId) this.findings = findings;
    } catch {
      // Validation also arrives with every save; a failed check changes nothing in the form.
    }
  }

  private async runSaves(): Promise<boolean> {
    do {
      this.again = false;
      const id = this.guideId;
      const g = this.guide;
      if (id === null || !g || this.status === 'conflict') return false;
      const seq = this.editSeq;
      const snap = $state.snapshot(g) as Guide;
      this.status = 'saving';
      try {
        const out = await api.saveDraft(id, this.revision, snap);
        if (id !== this.guideId) return true;
        this.revision = out.revision;
        this.savedSeq = seq;
        this.error = null;
        this.applyNormalized(out.guide);
        if (seq === this.editSeq) this.findings = out.findings;
        this.status = this.dirty ? 'pending' : 'saved';
      } catch (e) {
        if (id !== this.guideId) return false;
        const err: ApiError = toApiError(e);
        if (isConflict(err)) {
          this.status = 'conflict';
          this.conflict = { message: err.message };
        } else {
          this.status = 'failed';
          this.error = err.message;
        }
        return false;
      }
    } while (this.again);
    if (this.dirty && !this.saveTimer) this.scheduleSave();
    return !this.dirty;
  }

  /**
   * Reads what the store now derives for the draft (after a version was named or moved), without
   * touching the form or its history.
   */
  async refreshStamp(): Promise<void> {
    const id = this.guideId;
    if (id === null) return;
    const d = await api.openDraft(id);
    if (id !== this.guideId) return;
    this.stamp = stampOf(d.guide);
    // The preview's version line and list follow.
    this.changeCount++;
  }

  /**
   * Takes the parsed capacities from the store's normalized copy, where the text still matches,
   * and what the store derives for the page.
   */
  private applyNormalized(saved: Guide): void {
    const g = this.guide;
    if (!g) return;
    this.stamp = stampOf(saved);
    if (takeParsedCapacities(g, saved)) this.changeCount++;
  }

  private clearTimers(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    if (this.validateTimer) clearTimeout(this.validateTimer);
    this.saveTimer = null;
    this.validateTimer = null;
  }
}

export const editor = new EditorState();
