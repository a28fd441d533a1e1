// The typed client: the only module in the UI that talks to the Tauri shell.
// Every function wraps one IPC command of the shell; errors become ApiError {code, message}.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { DiffLayout, DiffView, ExportProgress, GuideDiff } from './diff';
import type { GuideRef } from './bindings/GuideRef';
import type { SnippetRun } from './bindings/SnippetRun';
import type { Edited } from './bindings/Edited';
import type { Opened } from './bindings/Opened';
import type { Patch } from './bindings/Patch';
import type { SaveReport } from './bindings/SaveReport';
import type { Taken } from './bindings/Taken';
import type {
  Approval,
  ApprovalStatus,
  LibraryStatus,
  LoggedEvent,
  MergePreview,
  PublishReport,
  Resolution,
  SyncReport,
  BundleInspection,
  ImportMode,
  ImportOutcome,
  ItemRef,
  Note,
  Version,
  VersionContent,
  VersionState,
  AppInfo,
  Draft,
  Finding,
  Guide,
  GuideSummary,
  ListQuery,
  MenuEvent,
  PreviewTheme,
  SaveOutcome,
  SearchHit,
} from './types';

export type { GuideRef, SnippetRun, Edited, Opened, Patch, SaveReport, Taken };

/** An error from the shell. `code` is stable ("store.conflict", "dialog.cancelled", …). */
export class ApiError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

/** Normalises anything a failed invoke can throw into an ApiError. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err && typeof err === 'object') {
    const o = err as Record<string, unknown>;
    if (typeof o.code === 'string' && o.code.length > 0) {
      const message = typeof o.message === 'string' && o.message ? o.message : o.code;
      return new ApiError(o.code, message);
    }
    if (err instanceof Error) {
      if (!hasTauri()) {
        return new ApiError('ipc.unavailable', 'Almanac Studio is not connected to its core (no Tauri IPC in this window).');
      }
      return new ApiError('internal', err.message || 'Unexpected error.');
    }
  }
  if (typeof err === 'string') {
    // Tauri reports argument and unknown-command errors as plain strings.
    return new ApiError('internal', err);
  }
  return new ApiError('internal', 'Unexpected error: ' + String(err));
}

function hasTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (err) {
    throw toApiError(err);
  }
}

export const isConflict = (e: unknown) => e instanceof ApiError && e.code === 'store.conflict';
export const isCancelled = (e: unknown) => e instanceof ApiError && e.code === 'dialog.cancelled';

export function appInfo(): Promise<AppInfo> {
  return call('app_info');
}
export function listGuides(query: Partial<ListQuery> = {}): Promise<GuideSummary[]> {
  const q: ListQuery = { text: query.text ?? null, state: query.state ?? null, sort: query.sort ?? 'updated' };
  return call('list_guides', { query: q });
}
export function search(query: string): Promise<SearchHit[]> {
  return call('search', { query });
}
export function createGuide(title: string, slug: string): Promise<GuideSummary> {
  return call('create_guide', { title, slug });
}
/** Checks a bundle and says what importing it would do. `path` null shows the folder dialog. */
export function inspectBundle(path: string | null): Promise<BundleInspection> {
  return call('inspect_bundle', { path });
}
/** Imports a checked bundle as a new guide, a new version, or the draft of its guide. */
export function importBundle(path: string | null, mode: ImportMode): Promise<ImportOutcome> {
  return call('import_bundle', { path, mode });
}
export function trashGuide(id: number): Promise<void> {
  return call('trash_guide', { id });
}
export function untrashGuide(id: number): Promise<void> {
  return call('untrash_guide', { id });
}
export function listTrash(): Promise<GuideSummary[]> {
  return call('list_trash');
}
/** The folder an export goes to, chosen in the native dialog (nothing is written). */
export function pickExportFolder(): Promise<string> {
  return call('pick_export_folder', {});
}
/** Turns the spell checker's dictionaries to the languages of guide `id`; their names. */
export function setSpellingLanguages(id: number): Promise<string[]> {
  return call('set_spelling_languages', { id });
}
export function openDraft(id: number): Promise<Draft> {
  return call('open_draft', { id });
}

// ---- the open draft: a session in the shell, edited by patches, saved by the shell ----

/** Opens guide `id`'s draft for editing in this window: its guide, findings and whole preview page. */
export function openDraftSession(id: number, theme: PreviewTheme): Promise<Opened> {
  return call('open_draft_session', { id, theme });
}
/** Applies patches to the open draft; answers with the changed page parts, findings and derived values. */
export function editDraft(id: number, patches: Patch[], inverses: boolean): Promise<Edited> {
  return call('edit_draft', { id, patches, inverses });
}
/** Saves the open draft now if it has unsaved edits; where saving stands. */
export function flushDraft(id: number): Promise<SaveReport> {
  return call('flush_draft', { id });
}
/** Conflict: saves my edits over the stored draft; returns the stored one (theirs). */
export function keepMyDraft(id: number): Promise<Taken> {
  return call('keep_my_draft', { id });
}
/** Takes the stored draft into the open draft as one undoable change (null: not newer, with onlyIfNewer). */
export function takeStoredDraft(id: number, onlyIfNewer: boolean): Promise<Taken | null> {
  return call('take_stored_draft', { id, onlyIfNewer });
}
/** Reads what the store derives for the open draft's page (version line, versions, times). */
export function refreshDraftStamp(id: number): Promise<Edited> {
  return call('refresh_draft_stamp', { id });
}
/** The open draft's whole preview page in `theme`. */
export function setDraftTheme(id: number, theme: PreviewTheme): Promise<string> {
  return call('set_draft_theme', { id, theme });
}
export function closeDraftSession(): Promise<void> {
  return call('close_draft_session');
}
/** Subscribes to the autosave's reports; returns the unsubscribe function (a no-op outside the app). */
export async function onDraftSaved(handler: (r: SaveReport) => void): Promise<() => void> {
  if (!hasTauri()) return () => {};
  try {
    return await listen<SaveReport>('draft-saved', (ev) => handler(ev.payload));
  } catch (err) {
    throw toApiError(err);
  }
}

export function saveDraft(id: number, baseRevision: number, guide: Guide): Promise<SaveOutcome> {
  return call('save_draft', { id, baseRevision, guide });
}
export function validateGuide(guide: Guide): Promise<Finding[]> {
  return call('validate_guide', { guide });
}
/** `draftOf`: the guide whose draft `guide` is; its page's version line, list and times come from the store. */
export function renderPreview(guide: Guide, theme: PreviewTheme, draftOf: number | null): Promise<string> {
  return call('render_preview', { guide, theme, draftOf });
}
/** The reviewer name approvals record (null until set). */
export function reviewerName(): Promise<string | null> {
  return call('reviewer_name');
}
export function setReviewerName(name: string): Promise<void> {
  return call('set_reviewer_name', { name });
}
export function parseCapacity(text: string): Promise<number | null> {
  return call('parse_capacity', { text });
}

/** Tells the shell the UI has flushed its autosave and the app may close. */
export function quitApp(): Promise<void> {
  return call('quit_app');
}

/** Subscribes to the native menu; returns the unsubscribe function (a no-op outside the app). */
export async function onMenu(handler: (e: MenuEvent) => void): Promise<() => void> {
  if (!hasTauri()) return () => {};
  try {
    return await listen<MenuEvent>('menu', (ev) => handler(ev.payload));
  } catch (err) {
    throw toApiError(err);
  }
}

// ---- versions, review, compare, restore, export ----

export function listVersions(id: number): Promise<Version[]> {
  return call('list_versions', { id });
}
export function snapshot(id: number, label: string, versionState: VersionState, note: string): Promise<Version> {
  return call('snapshot', { id, label, versionState, note });
}
export function openVersion(versionId: number): Promise<VersionContent> {
  return call('open_version', { versionId });
}
export function setVersionState(versionId: number, versionState: VersionState): Promise<Version> {
  return call('set_version_state', { versionId, versionState });
}
export function approve(versionId: number, reviewer: string): Promise<Approval> {
  return call('approve', { versionId, reviewer });
}
export function approvalStatus(id: number): Promise<ApprovalStatus> {
  return call('approval_status', { id });
}
export function listNotes(versionId: number): Promise<Note[]> {
  return call('list_notes', { versionId });
}
export function addNote(versionId: number, path: string | null, itemId: string | null, text: string): Promise<Note> {
  return call('add_note', { versionId, path, itemId, text });
}
export function deleteNote(noteId: number): Promise<void> {
  return call('delete_note', { noteId });
}
export function restoreVersion(id: number, versionId: number, baseRevision: number): Promise<Draft> {
  return call('restore_version', { id, versionId, baseRevision });
}
export function restoreItem(id: number, versionId: number, item: ItemRef, baseRevision: number): Promise<Draft> {
  return call('restore_item', { id, versionId, item, baseRevision });
}
export function restoreField(id: number, versionId: number, path: string, baseRevision: number): Promise<Draft> {
  return call('restore_field', { id, versionId, path, baseRevision });
}
export function diff(a: GuideRef, b: GuideRef): Promise<GuideDiff> {
  return call('diff', { a, b });
}
export function diffReportHtml(a: GuideRef, b: GuideRef, layout: DiffLayout, view: DiffView): Promise<string> {
  return call('diff_report_html', { a, b, layout, view });
}
export function saveDiffReport(a: GuideRef, b: GuideRef, layout: DiffLayout, view: DiffView, dir: string | null): Promise<string> {
  return call('save_diff_report', { a, b, layout, view, dir });
}
export function exportBundle(target: GuideRef, dir: string | null): Promise<string> {
  return call('export_bundle', { target, dir });
}
/** Exports several guides into one folder; each written bundle is reported through onExportProgress. */
export function exportBundles(targets: GuideRef[], dir: string | null): Promise<string[]> {
  return call('export_bundles', { targets, dir });
}
/** Subscribes to the progress of exportBundles; returns the unsubscribe function. */
export async function onExportProgress(handler: (p: ExportProgress) => void): Promise<() => void> {
  if (!hasTauri()) return () => {};
  try {
    return await listen<ExportProgress>('export-progress', (ev) => handler(ev.payload));
  } catch (err) {
    throw toApiError(err);
  }
}
export function showInFolder(path: string): Promise<void> {
  return call('show_in_folder', { path });
}

// ---- the shared library: link, sync, review history, merge, publish ----

/** The library's link (remote, clone, machine, author) and what the last check found behind. */
export function libraryStatus(): Promise<LibraryStatus> {
  return call('library_status');
}
/** Links the library to a shared one (a git URL or a repository's path), then syncs. */
export function linkLibrary(remote: string): Promise<SyncReport> {
  return call('link_library', { remote });
}
/** Shares this library's versions and review events and brings in colleagues'. */
export function syncLibrary(): Promise<SyncReport> {
  return call('sync_library');
}
/** Folders or slugs changed in the shared library and not brought in yet. */
export function checkLibrary(): Promise<string[]> {
  return call('check_library');
}
/** The review events of a guide's versions, refused ones included. */
export function reviewLog(id: number): Promise<LoggedEvent[]> {
  return call('review_log', { id });
}
/** The versions of a guide its draft does not contain ("Merge into draft" offers them). */
export function mergeOffers(id: number): Promise<Version[]> {
  return call('merge_offers', { id });
}
/** The three-way merge of a version into `draft` (the editor's current draft), before resolving. */
export function mergePreview(id: number, versionId: number, draft: Guide): Promise<MergePreview> {
  return call('merge_preview', { id, versionId, draft });
}
/** The merged draft with every conflict settled as `choices` say (keyed by conflict key). */
export function mergeResolve(id: number, versionId: number, draft: Guide, choices: Record<string, Resolution>): Promise<Guide> {
  return call('merge_resolve', { id, versionId, draft, choices });
}
/** Records that the draft now contains the version (after the merged guide was applied). */
export function recordMerge(id: number, versionId: number): Promise<void> {
  return call('record_merge', { id, versionId });
}
/** The site repository publishing writes to (null until set). */
export function siteTarget(): Promise<string | null> {
  return call('site_target');
}
export function setSiteTarget(target: string): Promise<void> {
  return call('set_site_target', { target });
}
/** Publishes every guide's live version to the site repository. */
export function publishSite(): Promise<PublishReport> {
  return call('publish_site');
}
