// The open draft as the form sees it. The shell owns the draft (a session per window): the form
// changes its copy of the guide through `edit`, which sends the change as patches addressed by
// field paths (edits.ts) and takes back what changed: the preview's changed parts, the findings'
// changes and derived values. Undo and redo send the patches' inverses (history.ts). The shell
// saves the draft itself and reports where saving stands; this only shows it.
import * as api from './api';
import type { Edited, Opened, Patch, SaveReport, Taken } from './api';
import { ApiError, toApiError } from './api';
import type { Chrome } from './bindings/Chrome';
import type { Part } from './bindings/Part';
import type { SaveState } from './bindings/SaveState';
import { applyPatch, recordPatches, setDerived } from './edits';
import { groupByPath } from './findings';
import { History, redoPatches, undoPatches, type Entry } from './history';
import { notesByPath as groupNotes } from './notes';
import type { Draft, Finding, Guide, Note, PreviewTheme, VersionInfo, VersionRef } from './types';

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

/** What the preview of the open draft is told: the whole page, or the parts of it that changed. */
export type PageUpdate =
  { kind: 'document'; html: string } | { kind: 'parts'; parts: [Part, string][]; chrome: [Chrome, string][]; sentAt: number };

/** One batch of patches on its way to the shell, with the history entries waiting for inverses. */
interface Batch {
  patches: Patch[];
  entries: (Entry | null)[];
  /** What to do with the answer's inverses instead (undo and redo). */
  onInverses?: (inv: Patch[]) => void;
  sentAt: number;
}

function plain<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
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
  /** Bumped on every change of `guide` (edits, undo, loads). */
  changeCount = $state(0);
  canUndo = $state(false);
  canRedo = $state(false);
  /** The field path being edited (set on focus; the preview scrolls to its part). */
  focusPath = $state<string | null>(null);
  /** What the store derives for the draft (version line, versions, times). */
  stamp = $state<PageStamp | null>(null);
  /** The unresolved review notes of the guide's versions, shown at the fields they point to. */
  notes = $state<Note[]>([]);

  notesByPath = $derived(groupNotes(this.notes, this.guide));
  findingsByPath = $derived(groupByPath(this.findings));
  errorCount = $derived(this.findings.filter((f) => f.severity === 'error').length);
  warningCount = $derived(this.findings.filter((f) => f.severity === 'warning').length);

  /** The preview's look, as the draft's page is rendered. */
  theme: PreviewTheme = 'auto';
  /** Bytes of the last edit's IPC request and answer (JSON), for the benchmark. */
  lastIpcBytes = 0;

  /** The draft as last loaded without the shell's session (tests and tools load plain drafts). */
  loaded: Draft | null = null;

  private history = new History();
  private batches: Batch[] = [];
  private tasks: (() => Promise<void>)[] = [];
  private running = false;
  private idle: (() => void)[] = [];
  // Not reactive state: the preview's subscriptions.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private listeners = new Set<(u: PageUpdate) => void>();
  /** The whole page last sent, while no part update followed it. */
  private pageDoc: string | null = null;
  private unlisten: Promise<() => void> | null = null;

  /** True when the form holds edits the store does not have yet. */
  get dirty(): boolean {
    return this.status !== 'saved' || this.batches.length > 0 || this.running;
  }

  /** Opens guide `id`'s draft in the shell and shows it. */
  async open(id: number): Promise<void> {
    this.unlisten ??= api.onDraftSaved((r) => this.onSaveReport(r)).catch(() => () => {});
    const opened = await api.openDraftSession(id, this.theme);
    this.load(opened);
  }

  /** Shows a draft: one the shell opened (with its findings and page), or a plain one. */
  load(d: Opened | Draft): void {
    const opened = 'document' in d ? d : null;
    const draft = opened ? opened.draft : (d as Draft);
    this.batches = [];
    this.tasks = [];
    this.guideId = draft.guide_id;
    this.guide = draft.guide;
    this.stamp = stampOf(draft.guide);
    this.revision = draft.revision;
    this.history.clear();
    this.syncHistoryFlags();
    this.status = 'saved';
    this.error = null;
    this.conflict = null;
    this.sideBuffer = null;
    this.findings = opened ? opened.findings : [];
    this.notes = [];
    this.focusPath = null;
    this.changeCount++;
    if (opened) this.emit({ kind: 'document', html: opened.document });
    else {
      this.loaded = plain(draft);
      const at = this.changeCount;
      setTimeout(() => void this.validatePlain(draft, at), 0);
    }
  }

  /** The findings of a draft loaded without the shell's session (it answers with them otherwise). */
  private async validatePlain(d: Draft, at: number): Promise<void> {
    if (at !== this.changeCount) return; // edited since: the shell's answers bring the findings
    try {
      const findings = await api.validateGuide(d.guide);
      if (d.guide_id === this.guideId && at === this.changeCount) this.findings = findings;
    } catch {
      /* no findings shown */
    }
  }

  close(): void {
    const was = this.guideId;
    this.batches = [];
    this.tasks = [];
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
    if (was !== null) api.closeDraftSession().catch(() => {});
  }

  /**
   * Applies a change to the guide, sends it to the shell as patches and records it for undo.
   * `key` names the field being typed in: consecutive edits with the same key within a second
   * are one undo step.
   */
  edit(mutate: (g: Guide) => void, key: string | null = null): void {
    const g = this.guide;
    if (!g) return;
    const { patches, inverses } = recordPatches(g, mutate);
    if (patches.length === 0) return;
    const entries = this.history.record(patches, key, inverses);
    this.changed();
    this.send({ patches, entries, sentAt: performance.now() });
  }

  /** Updates derived data without an undo step (the shell derives it too). */
  patchDerived(mutate: (g: Guide) => void): void {
    if (!this.guide) return;
    mutate(this.guide);
    this.changeCount++;
  }

  undo(): boolean {
    if (!this.guide || !this.history.canUndo) return false;
    const step = this.history.undo()!;
    this.syncHistoryFlags();
    const undo = () => {
      const patches = undoPatches(step);
      if (!patches) return false;
      this.applyLocal(patches);
      const entries = [...step].reverse();
      this.send({
        patches,
        entries: [],
        sentAt: performance.now(),
        onInverses: (inv) => inv.forEach((p, i) => (entries[i].fwd = p)),
      });
      return true;
    };
    // Now when the inverses are known here; else once every batch sent before has its answer
    // (a task runs after them).
    if (!undo()) this.run(async () => void undo());
    return true;
  }

  redo(): boolean {
    if (!this.guide || !this.history.canRedo) return false;
    const step = this.history.redo()!;
    this.syncHistoryFlags();
    const patches = redoPatches(step);
    this.applyLocal(patches);
    this.send({ patches, entries: [], sentAt: performance.now(), onInverses: (inv) => inv.forEach((p, i) => (step[i].inv = p)) });
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

  /** Puts `next` (a whole guide, e.g. a merge's result) in the draft as one undoable step, and saves it. */
  async applyGuide(next: Guide): Promise<void> {
    if (!this.guide) throw new ApiError('internal', 'No guide is open.');
    this.history.breakBurst();
    this.edit((g) => Object.assign(g, plain(next)));
    this.history.breakBurst();
    if (!(await this.flush()))
      throw new ApiError(
        this.status === 'conflict' ? 'store.conflict' : 'store.unsaved',
        this.conflict?.message ?? this.error ?? 'The draft could not be saved.',
      );
  }

  /**
   * Takes in the stored draft when it changed outside this form (a sync brought it in), as one
   * undoable step. Does nothing while the form has edits the store lacks.
   */
  async reloadIfChanged(): Promise<boolean> {
    const id = this.guideId;
    if (id === null || !this.guide || this.dirty) return false;
    const taken = await api.takeStoredDraft(id, true);
    if (!taken || id !== this.guideId) return false;
    this.takeIn(taken);
    return true;
  }

  /** Saves now. Resolves true when the store has every edit. */
  save(): Promise<boolean> {
    return this.flush(true);
  }

  /** Waits for pending edits to reach the store (before switching guides or quitting). */
  async flush(retry = false): Promise<boolean> {
    await this.settled();
    const id = this.guideId;
    if (id === null) return true;
    if (this.status === 'conflict') return false;
    if (this.status === 'saved' && !retry) return true;
    try {
      const r = await api.flushDraft(id);
      this.onSaveReport(r);
    } catch (e) {
      if (id === this.guideId) {
        this.status = 'failed';
        this.error = toApiError(e).message;
      }
    }
    return this.status === 'saved';
  }

  /** Conflict: keep my edits, saving them over the latest revision (theirs goes to the side buffer). */
  async keepMine(): Promise<boolean> {
    const id = this.guideId;
    if (id === null || !this.conflict) return false;
    await this.settled();
    const taken = await api.keepMyDraft(id);
    this.sideBuffer = {
      label: `Their version (revision ${taken.draft.revision}), replaced by yours`,
      json: JSON.stringify(taken.draft.guide, null, 2),
    };
    this.conflict = null;
    this.applyEdited(taken.changes, 0);
    return this.status === 'saved';
  }

  /** Conflict: take the latest revision into the form; my edits stay in the side buffer and in undo. */
  async takeTheirs(): Promise<void> {
    const id = this.guideId;
    const g = this.guide;
    if (id === null || !g || !this.conflict) return;
    await this.settled();
    const mine = $state.snapshot(g) as Guide;
    const taken = await api.takeStoredDraft(id, false);
    if (!taken) return;
    this.sideBuffer = {
      label: 'Your edits from before you took theirs (Undo also brings them back)',
      json: JSON.stringify(mine, null, 2),
    };
    this.conflict = null;
    this.takeIn(taken);
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
    if (d.guide_id !== this.guideId || !this.guide) return;
    const taken = await api.takeStoredDraft(id, false);
    if (taken && id === this.guideId) this.takeIn(taken);
  }

  /** Takes a draft the shell took in from the store as one undoable step. */
  private takeIn(t: Taken): void {
    this.history.breakBurst();
    const entries = this.history.record([{ op: 'replace', guide: t.draft.guide }], null);
    this.history.breakBurst();
    if (entries[0]) entries[0].inv = t.changes.inverses[0] ?? null;
    this.guide = t.draft.guide;
    this.stamp = stampOf(t.draft.guide);
    this.error = null;
    this.syncHistoryFlags();
    this.changeCount++;
    this.applyEdited(t.changes, performance.now(), true);
  }

  dismissSideBuffer(): void {
    this.sideBuffer = null;
  }

  /** Reads what the store now derives for the draft (after a version was named or moved). */
  async refreshStamp(): Promise<void> {
    const id = this.guideId;
    if (id === null) return;
    await this.settled();
    const out = await api.refreshDraftStamp(id);
    if (id === this.guideId) this.applyEdited(out, performance.now(), true);
  }

  // ---- the preview of the open draft ----

  /** Subscribes to the draft's page updates; returns the unsubscribe function. */
  subscribePage(fn: (u: PageUpdate) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Gives `fn` the draft's whole page in `theme`: the one it has, or one asked for. */
  pageFor(theme: PreviewTheme, fn: (u: PageUpdate) => void): void {
    if (theme === this.theme && this.pageDoc !== null) fn({ kind: 'document', html: this.pageDoc });
    else this.requestDocument(theme);
  }

  /** Asks for the draft's whole page in `theme` (sent to the page's subscribers). */
  requestDocument(theme: PreviewTheme): void {
    this.theme = theme;
    const id = this.guideId;
    if (id === null) return;
    this.run(async () => {
      if (id !== this.guideId) return;
      try {
        const html = await api.setDraftTheme(id, theme);
        if (id === this.guideId) this.emit({ kind: 'document', html });
      } catch {
        /* the preview keeps what it shows */
      }
    });
  }

  private emit(u: PageUpdate): void {
    this.pageDoc = u.kind === 'document' ? u.html : null;
    for (const fn of this.listeners) fn(u);
  }

  // ---- talking to the shell, one request at a time ----

  private send(b: Batch): void {
    const last = this.batches.at(-1);
    if (last && !last.onInverses && !b.onInverses && this.batches.length > 0) {
      last.patches.push(...b.patches);
      last.entries.push(...b.entries);
    } else {
      this.batches.push(b);
    }
    this.pump();
  }

  private run(task: () => Promise<void>): void {
    this.tasks.push(task);
    this.pump();
  }

  /** Resolves once every batch sent so far has its answer. */
  private settled(): Promise<void> {
    if (!this.running && this.batches.length === 0) return Promise.resolve();
    return new Promise((r) => this.idle.push(r));
  }

  private pump(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  private async loop(): Promise<void> {
    try {
      for (;;) {
        const b = this.batches.shift();
        if (b) {
          await this.sendNow(b);
          continue;
        }
        if (this.idle.length) {
          const waiting = this.idle;
          this.idle = [];
          waiting.forEach((r) => r());
          continue;
        }
        const t = this.tasks.shift();
        if (t) {
          await t().catch(() => {});
          continue;
        }
        break;
      }
    } finally {
      this.running = false;
      const waiting = this.idle;
      this.idle = [];
      waiting.forEach((r) => r());
    }
  }

  private async sendNow(b: Batch): Promise<void> {
    const id = this.guideId;
    if (id === null) return;
    const wantInverses = !!b.onInverses || b.entries.some((e) => e !== null && e.inv === null);
    try {
      const out = await api.editDraft(id, b.patches, wantInverses);
      if (id !== this.guideId) return;
      this.lastIpcBytes = JSON.stringify({ id, patches: b.patches, inverses: wantInverses }).length + JSON.stringify(out).length;
      if (b.onInverses) b.onInverses(out.inverses);
      else if (wantInverses) b.entries.forEach((e, i) => e && (e.inv ??= out.inverses[i] ?? null));
      this.applyEdited(out, b.sentAt);
    } catch (e) {
      if (id !== this.guideId) return;
      const err = toApiError(e);
      if (err.code.startsWith('edit.') && err.code !== 'edit.not_open' && this.guide) {
        // The shell refused a patch: bring its draft back to the form's, whole.
        const whole: Patch = { op: 'replace', guide: $state.snapshot(this.guide) as Guide };
        try {
          this.applyEdited(await api.editDraft(id, [whole], false), b.sentAt);
          return;
        } catch {
          /* reported below */
        }
      }
      this.status = 'failed';
      this.error = err.message;
    }
  }

  /** Applies what the shell says changed: findings, derived values, the page, saving. */
  private applyEdited(out: Edited, sentAt: number, document = false): void {
    for (const s of out.findings) this.findings.splice(s.start, s.remove, ...s.insert);
    const g = this.guide;
    let stamped = false;
    if (g) {
      for (const [path, value] of out.derived) {
        if (setDerived(g, path, value)) this.changeCount++;
        if (path.startsWith('meta.') || path === 'versions') stamped = true;
      }
      if (stamped) this.stamp = stampOf(g);
    }
    if (out.parts.length || out.chrome.length) this.emit({ kind: 'parts', parts: out.parts, chrome: out.chrome, sentAt });
    else if (document) this.requestDocument(this.theme);
    this.takeSave(out.save, out.revision);
  }

  /** The autosave's report (the `draft-saved` event, or a flush's answer). */
  onSaveReport(r: SaveReport): void {
    if (r.guide_id !== this.guideId) return;
    this.applyEdited(r.changes, performance.now());
  }

  private takeSave(s: SaveState, revision: number): void {
    this.revision = revision;
    switch (s.status) {
      case 'saved':
      case 'pending':
      case 'saving':
        this.status = s.status;
        this.error = null;
        if (this.conflict) this.conflict = null;
        break;
      case 'failed':
        this.status = 'failed';
        this.error = s.message;
        break;
      case 'conflict':
        this.status = 'conflict';
        this.conflict = { message: s.message };
        break;
    }
  }

  private applyLocal(patches: Patch[]): void {
    const g = this.guide;
    if (!g) return;
    for (const p of patches) {
      if (p.op === 'replace') this.guide = plain(p.guide);
      else applyPatch(this.guide!, p);
    }
    this.stamp = stampOf(this.guide!);
    this.changed();
  }

  private changed(): void {
    this.changeCount++;
    this.syncHistoryFlags();
    if (this.status === 'saved' || this.status === 'failed') this.status = 'pending';
  }

  private syncHistoryFlags(): void {
    this.canUndo = this.history.canUndo;
    this.canRedo = this.history.canRedo;
  }
}

export const editor = new EditorState();
