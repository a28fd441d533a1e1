// Keyboard regions and the layout toggles: F6 / Shift+F6, the skip links, the library as one tab
// stop (arrow keys, Delete with Undo), dialogs that keep the focus while busy and give it back
// to their opener, Escape in Compare from the changes list, the library rail and drawer, and
// the preview pane toggle.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from './App.svelte';
import Library from './lib/components/Library.svelte';
import Toasts from './lib/components/Toasts.svelte';
import ExportDialog from './lib/components/ExportDialog.svelte';
import CompareView from './lib/components/CompareView.svelte';
import { draftOf, sampleGuide, smallGuide, summaryOf } from './test/fixtures';
import { installIpc, oneGuideStore, type Handler } from './test/ipc';
import { editor } from './lib/editor.svelte';
import { toasts } from './lib/toasts.svelte';
import { nextRegion } from './lib/layout';
import type { Version } from './lib/types';
import sampleDiff from './test/data/diff-v1-v2.json';

const v1: Version = {
  id: 1,
  guide_id: 7,
  number: 1,
  label: 'v1',
  state: 'live',
  note: '',
  created: '2026-11-18T09:00:00Z',
  state_changed: '2026-11-18T09:00:00Z',
  content_updated: '2026-11-18T09:00:00Z',
  content_hash: 'h1',
  edit_hash: 'h1',
  author: '',
  machine: '',
  shared: false,
};

/** Makes matchMedia answer `narrow` for the layout's breakpoint. */
function mediaWidth(narrow: boolean) {
  window.matchMedia = ((q: string) => ({
    matches: narrow && q.includes('max-width'),
    media: q,
    onchange: null,
    addEventListener: () => {},
    removeEventListener: () => {},
    addListener: () => {},
    removeListener: () => {},
    dispatchEvent: () => false,
  })) as unknown as typeof window.matchMedia;
}

function startApp(extra: Record<string, Handler> = {}) {
  const g = smallGuide();
  const store = oneGuideStore();
  const ipc = installIpc({
    ...store.handlers,
    app_info: () => ({ db_path: '/tmp/x.db', version: '0.1.0', recovered_from: null, recovery_detail: null, open_error: null, seeded: [] }),
    list_guides: () => [summaryOf(g, 7), { ...summaryOf(smallGuide(), 8), slug: 'other', title: 'Other guide' }],
    open_draft: () => draftOf(structuredClone(g), 3, 7),
    list_versions: () => [v1],
    approval_status: () => ({ approved: null, draft_hash: 'hd', covers_draft: false }),
    reviewer_name: () => null,
    ...extra,
  });
  render(App);
  return ipc;
}

const active = () => document.activeElement as HTMLElement | null;
const f6 = (shiftKey = false) => fireEvent.keyDown(active() ?? document.body, { key: 'F6', shiftKey });

describe('regions and layout', () => {
  const media = window.matchMedia;
  beforeEach(() => {
    editor.close();
    localStorage.clear();
    toasts.items = [];
  });
  afterEach(() => {
    window.matchMedia = media;
  });

  it('picks the next region in order, wrapping, and starts at an end from outside', () => {
    const order = ['library', 'form', 'pane'] as const;
    expect(nextRegion([...order], 'library', false)).toBe('form');
    expect(nextRegion([...order], 'pane', false)).toBe('library');
    expect(nextRegion([...order], 'library', true)).toBe('pane');
    expect(nextRegion([...order], null, false)).toBe('library');
    expect(nextRegion([...order], null, true)).toBe('pane');
  });

  it('F6 and Shift+F6 go round library → form → right pane, back to the field last focused', async () => {
    mediaWidth(false);
    startApp();
    const title = await screen.findByTestId('meta-title');
    await f6();
    expect(active()).toHaveAttribute('data-testid', 'open-guide');
    expect(active()).toHaveAttribute('aria-current', 'true');
    await f6();
    expect(active()).toBe(title);
    await f6();
    expect(active()).toBe(screen.getByTestId('tab-preview'));
    await f6();
    expect(active()?.closest('.library')).not.toBeNull();
    await f6(true);
    expect(active()).toBe(screen.getByTestId('tab-preview'));
    await f6(true);
    expect(active()).toBe(title);
  });

  it('the skip links go to the editor and to the preview', async () => {
    mediaWidth(false);
    startApp();
    const title = await screen.findByTestId('meta-title');
    await userEvent.click(screen.getByTestId('skip-editor'));
    expect(active()).toBe(title);
    await userEvent.click(screen.getByTestId('skip-preview'));
    expect(active()).toBe(screen.getByTestId('tab-preview'));
  });

  it('Escape in a dialog closes it and gives the focus back to its opener', async () => {
    mediaWidth(false);
    startApp();
    await screen.findByTestId('editor-form');
    const opener = screen.getByTestId('toolbar-save-version');
    opener.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByTestId('save-version-dialog');
    expect(dialog.contains(active())).toBe(true);
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('save-version-dialog')).toBeNull());
    expect(active()).toBe(opener);
  });

  it('on a narrow window the library is a rail; its button and Ctrl+Shift+L open and close the drawer', async () => {
    mediaWidth(true);
    startApp();
    await screen.findByTestId('editor-form');
    const lib = screen.getByTestId('library');
    expect(lib).toHaveAttribute('hidden');
    const toggle = screen.getByTestId('library-toggle');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(lib).not.toHaveAttribute('hidden');
    expect(lib).toHaveAttribute('data-mode', 'drawer');
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    // The focus goes into the drawer, and Escape there closes it, back to the rail's button.
    await waitFor(() => expect(lib.contains(active())).toBe(true));
    await fireEvent.keyDown(active()!, { key: 'Escape' });
    await waitFor(() => expect(lib).toHaveAttribute('hidden'));
    await waitFor(() => expect(active()).toBe(toggle));
    await fireEvent.keyDown(window, { key: 'L', ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(lib).toHaveAttribute('data-mode', 'drawer'));
    // Opening a guide closes the drawer.
    await userEvent.click(within(lib).getAllByTestId('open-guide')[0]);
    await waitFor(() => expect(lib).toHaveAttribute('hidden'));
  });

  it('on a wide window Ctrl+Shift+L folds the library column into the rail and back', async () => {
    mediaWidth(false);
    startApp();
    await screen.findByTestId('editor-form');
    expect(screen.queryByTestId('library-rail')).toBeNull();
    await fireEvent.keyDown(window, { key: 'L', ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(screen.getByTestId('library')).toHaveAttribute('hidden'));
    expect(screen.getByTestId('library-rail')).toBeInTheDocument();
    expect(screen.getByTestId('app')).toHaveClass('railed');
    await fireEvent.keyDown(window, { key: 'L', ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(screen.getByTestId('library')).toHaveAttribute('data-mode', 'column'));
  });

  it('the preview pane hides and shows from its button and with Ctrl+Shift+P', async () => {
    mediaWidth(false);
    startApp();
    await screen.findByTestId('editor-form');
    const pane = document.getElementById('preview-pane')!;
    const button = screen.getByTestId('pane-toggle');
    expect(button).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(button);
    expect(pane).toHaveAttribute('hidden');
    expect(screen.getByTestId('app')).toHaveClass('pane-hidden');
    expect(button).toHaveAttribute('aria-pressed', 'false');
    await fireEvent.keyDown(window, { key: 'P', ctrlKey: true, shiftKey: true });
    expect(pane).not.toHaveAttribute('hidden');
    // F6 to a hidden pane shows it.
    await userEvent.click(button);
    screen.getByTestId('meta-title').focus();
    await f6();
    await waitFor(() => expect(active()).toBe(screen.getByTestId('tab-preview')));
    expect(pane).not.toHaveAttribute('hidden');
  });
});

describe('the library list is one tab stop', () => {
  beforeEach(() => {
    toasts.items = [];
  });

  function setupLibrary(handlers: Record<string, Handler> = {}) {
    const a = summaryOf(smallGuide(), 1);
    const b = { ...summaryOf(smallGuide(), 2), slug: 'other', title: 'Other guide' };
    const c = { ...summaryOf(smallGuide(), 3), slug: 'third', title: 'Third guide' };
    let list = [a, b, c];
    const ipc = installIpc({
      list_guides: () => list,
      trash_guide: (x) => {
        list = list.filter((g) => g.id !== x.id);
        return null;
      },
      untrash_guide: () => null,
      ...handlers,
    });
    const onOpen = vi.fn();
    const onTrashed = vi.fn();
    render(Library, { currentId: 2, onOpen, onTrashed });
    render(Toasts);
    return { ipc, onOpen, onTrashed };
  }

  it('only the open guide is in the tab order; arrows, Home and End move; Enter opens', async () => {
    const { onOpen } = setupLibrary();
    const entries = await screen.findAllByTestId('open-guide');
    expect(entries.map((e) => e.tabIndex)).toEqual([-1, 0, -1]);
    expect(screen.getAllByTestId('trash-guide').every((t) => t.tabIndex === -1)).toBe(true);
    entries[1].focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(active()).toBe(entries[2]);
    expect(entries.map((e) => e.tabIndex)).toEqual([-1, -1, 0]);
    await userEvent.keyboard('{Home}');
    expect(active()).toBe(entries[0]);
    await userEvent.keyboard('{End}');
    expect(active()).toBe(entries[2]);
    await userEvent.keyboard('{ArrowUp}');
    await userEvent.keyboard('{Enter}');
    expect(onOpen).toHaveBeenCalledWith(2);
    // Tab leaves the list in one step.
    await userEvent.tab();
    expect(active()?.closest('[data-testid="guide-list"]')).toBeNull();
  });

  it('Delete moves the focused guide to the trash, with Undo, and the focus goes to the next entry', async () => {
    const { ipc, onTrashed } = setupLibrary();
    const entries = await screen.findAllByTestId('open-guide');
    entries[0].focus();
    await userEvent.keyboard('{Delete}');
    await waitFor(() => expect(ipc.calls('trash_guide')).toEqual([{ id: 1 }]));
    expect(onTrashed).toHaveBeenCalledWith(1);
    await waitFor(() => expect(screen.getAllByTestId('open-guide')).toHaveLength(2));
    await waitFor(() => expect(active()).toBe(screen.getAllByTestId('open-guide')[0]));
    expect(active()).toHaveTextContent('Other guide');
    const toast = await screen.findByText(/Moved .* to the trash/);
    await userEvent.click(within(toast.closest('.toast') as HTMLElement).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(ipc.calls('untrash_guide')).toEqual([{ id: 1 }]));
  });
});

describe('dialogs keep the focus while busy', () => {
  beforeEach(() => {
    editor.close();
  });

  it('Export: the busy Browse button keeps the focus, Tab stays inside, Escape still closes', async () => {
    let finish: (v: string) => void = () => {};
    installIpc({
      ...oneGuideStore().handlers,
      export_bundle: () => new Promise<string>((r) => (finish = r)),
      pick_export_folder: () => '/out',
    });
    editor.load(draftOf(sampleGuide(), 3, 7));
    const opener = document.createElement('button');
    document.body.appendChild(opener);
    opener.focus();
    const onClose = vi.fn();
    const { unmount } = render(ExportDialog, { guideId: 7, versions: [v1], onClose, onJump: () => {} });
    const dialog = await screen.findByTestId('export-dialog');
    const browse = within(dialog).getByTestId('export-browse');
    browse.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(browse).toHaveAttribute('aria-disabled', 'true'));
    expect(browse).not.toBeDisabled();
    expect(active()).toBe(browse);
    // Pressing it again does nothing while busy.
    await userEvent.keyboard('{Enter}');
    const submit = within(dialog).getByTestId('export-submit');
    expect(submit).toHaveAttribute('aria-disabled', 'true');
    // Tab from the last control wraps to the first, inside the dialog.
    submit.focus();
    await userEvent.tab();
    expect(dialog.contains(active())).toBe(true);
    // Focus dropped to the page (a control gone) still answers Escape.
    (active() as HTMLElement).blur();
    expect(active()).toBe(document.body);
    await fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
    finish('/out/slug');
    unmount();
    expect(active()).toBe(opener);
    opener.remove();
  });
});

describe('Escape in Compare', () => {
  beforeEach(() => {
    editor.close();
  });

  it('closes it from inside the changes list, and the focus goes back to its opener', async () => {
    installIpc({
      ...oneGuideStore().handlers,
      diff: () => structuredClone(sampleDiff),
      diff_report_html: () => '<!doctype html><html><body></body></html>',
    });
    editor.load(draftOf(sampleGuide('training-infrastructure-v2'), 4, 7));
    const opener = document.createElement('button');
    document.body.appendChild(opener);
    opener.focus();
    const onClose = vi.fn();
    const { unmount } = render(CompareView, {
      guideId: 7,
      versions: [v1],
      a: { kind: 'version', version_id: 1 },
      b: { kind: 'draft', guide_id: 7 },
      onClose,
    });
    const view = await screen.findByTestId('compare-view');
    expect(active()).toBe(view);
    const list = await screen.findByTestId('diff-view');
    const inside = within(list).getAllByRole('button')[0];
    inside.focus();
    await fireEvent.keyDown(inside, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    unmount();
    await waitFor(() => expect(active()).toBe(opener));
    opener.remove();
  });
});
