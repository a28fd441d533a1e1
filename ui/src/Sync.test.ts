import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import App from './App.svelte';
import { draftOf, smallGuide, summaryOf } from './test/fixtures';
import { installIpc, oneGuideStore, type Handler } from './test/ipc';
import { editor } from './lib/editor.svelte';
import { shared } from './lib/shared.svelte';
import { toasts } from './lib/toasts.svelte';
import type { Conflict, LibraryStatus, MergePreview, SyncReport, Version } from './lib/types';

function version(id: number, label: string, state: Version['state'], more: Partial<Version> = {}): Version {
  const t = '2026-11-20T09:00:00Z';
  return {
    id,
    guide_id: 7,
    number: id,
    label,
    state,
    note: '',
    created: t,
    state_changed: t,
    content_updated: t,
    content_hash: 'h' + id,
    edit_hash: 'h' + id,
    author: '',
    machine: '',
    shared: false,
    ...more,
  };
}

const LINKED: LibraryStatus = {
  remote: '/srv/almanac.git',
  clone: '/tmp/clone',
  machine: 'editor-laptop',
  author: 'Ed Editor',
  behind: [],
};
const UNLINKED: LibraryStatus = { ...LINKED, remote: null };

function report(more: Partial<SyncReport> = {}, imported: Partial<SyncReport['imported']> = {}): SyncReport {
  return {
    imported: { new_guides: [], new_versions: [], renamed: [], events: 0, refused: [], to_merge: [], ...imported },
    shared_versions: [],
    shared_events: 0,
    commit: 'abc',
    retries: 0,
    millis: 120,
    ...more,
  };
}

const V3 = version(3, 'v3', 'in_review', { author: 'Rita Reviewer', machine: 'review-desk', shared: true });
const V2 = version(2, 'v2', 'draft', { author: 'Ed Editor', machine: 'editor-laptop', shared: true });
const V1 = version(1, 'v1', 'live', { author: '', machine: 'old-box' });

function start(extra: Record<string, Handler> = {}, status: LibraryStatus = LINKED) {
  const g = smallGuide();
  const store = oneGuideStore();
  const ipc = installIpc({
    ...store.handlers,
    app_info: () => ({ db_path: '/tmp/x.db', version: '0.1.0', recovered_from: null, recovery_detail: null, open_error: null, seeded: [] }),
    list_guides: () => [{ ...summaryOf(g, 7), sync: 'shared' }],
    open_draft: () => draftOf(structuredClone(g), 3, 7),
    list_versions: () => [V3, V2, V1],
    approval_status: () => ({ approved: null, draft_hash: 'hd', covers_draft: false }),
    reviewer_name: () => 'Ed Editor',
    list_notes: () => [],
    library_status: () => status,
    check_library: () => [],
    merge_offers: () => [],
    review_log: () => [],
    site_target: () => null,
    ...extra,
  });
  render(App);
  return ipc;
}

const toastTexts = () => screen.queryAllByTestId('toast').map((t) => t.textContent ?? '');

describe('the shared library', () => {
  beforeEach(() => {
    editor.close();
    shared.status = null;
    shared.syncing = false;
    toasts.items = [];
    localStorage.clear();
  });

  it('links to a shared library from the library, then closes and refreshes', async () => {
    let status = UNLINKED;
    const ipc = start({
      library_status: () => status,
      link_library: (a) => {
        status = { ...LINKED, remote: a.remote as string };
        return report({ shared_versions: [{ slug: 'small-guide', label: 'v1' }] });
      },
    });
    await screen.findByTestId('editor-form');
    await userEvent.click(await screen.findByTestId('link-library'));
    const dialog = await screen.findByTestId('link-dialog');
    expect(dialog).toHaveTextContent('Drafts stay private');
    expect(document.activeElement).toBe(within(dialog).getByTestId('link-remote'));
    await userEvent.type(within(dialog).getByTestId('link-remote'), 'git@example.org:team/almanac.git');
    const listed = ipc.calls('list_guides').length;
    await userEvent.click(within(dialog).getByTestId('link-submit'));
    await waitFor(() => expect(screen.queryByTestId('link-dialog')).toBeNull());
    expect(ipc.calls('link_library')).toEqual([{ remote: 'git@example.org:team/almanac.git' }]);
    expect(toastTexts().join('\n')).toContain('Linked to git@example.org:team/almanac.git. Synced: shared v1 of small-guide.');
    await waitFor(() => expect(ipc.calls('list_guides').length).toBeGreaterThan(listed));
    // Linked now: the bar shows the link, which re-opens the dialog with the current remote.
    await userEvent.click(await screen.findByTestId('library-link'));
    const again = await screen.findByTestId('link-dialog');
    expect(within(again).getByTestId('link-current')).toHaveTextContent('git@example.org:team/almanac.git');
    expect(within(again).getByTestId('link-submit')).toHaveTextContent('Re-link');
  });

  it('shows a failed link in the dialog, with its code, and keeps focus in the dialog while linking', async () => {
    let fail: (e: unknown) => void = () => {};
    start({ link_library: () => new Promise((_, reject) => (fail = reject)) }, UNLINKED);
    await screen.findByTestId('editor-form');
    await userEvent.click(await screen.findByTestId('link-library'));
    const dialog = await screen.findByTestId('link-dialog');
    await userEvent.type(within(dialog).getByTestId('link-remote'), '/nowhere');
    await userEvent.click(within(dialog).getByTestId('link-submit'));
    await waitFor(() => expect(within(dialog).getByTestId('link-submit')).toHaveAttribute('aria-disabled', 'true'));
    expect(dialog.contains(document.activeElement)).toBe(true);
    fail({ code: 'sync.git_failed', message: 'git clone failed: repository not found.' });
    const err = await within(dialog).findByTestId('link-error');
    expect(err).toHaveTextContent('git clone failed: repository not found.');
    expect(err).toHaveTextContent('sync.git_failed');
    expect(screen.getByTestId('link-dialog')).toBeInTheDocument();
  });

  it('syncs from the Sync button and with Ctrl+Shift+S, saying what was shared and brought in', async () => {
    let done: (r: SyncReport) => void = () => {};
    const ipc = start({
      sync_library: () => new Promise((resolve) => (done = resolve)),
    });
    await screen.findByTestId('editor-form');
    const button = await screen.findByTestId('sync-button');
    await userEvent.click(button);
    await waitFor(() => expect(button).toBeDisabled());
    expect(button).toHaveTextContent('Syncing');
    // Editing goes on while it runs.
    await userEvent.type(screen.getByTestId('tldr'), ' More.');
    expect(screen.getByTestId('tldr')).toHaveValue('A short summary. More.');
    done(
      report(
        { shared_versions: [{ slug: 'small-guide', label: 'v3' }], shared_events: 2 },
        { new_versions: [{ slug: 'chips', label: 'v2' }], events: 1 },
      ),
    );
    await waitFor(() => expect(button).not.toBeDisabled());
    expect(toastTexts().join('\n')).toContain(
      'Synced: shared v3 of small-guide and 2 review events; brought in v2 of chips, 1 review event.',
    );
    // Ctrl+Shift+S runs it again (Ctrl+S stays Save version).
    const before = ipc.calls('sync_library').length;
    await fireEvent.keyDown(window, { key: 'S', ctrlKey: true, shiftKey: true });
    expect(ipc.calls('sync_library').length).toBe(before + 1);
    expect(screen.queryByTestId('save-version-dialog')).toBeNull();
    done(report());
    await waitFor(() => expect(toastTexts().join('\n')).toContain('Synced: nothing new'));
  });

  it('explains a renamed version, lists refusals, and offers to merge a version the draft lacks', async () => {
    const preview: MergePreview = {
      base: V2,
      theirs: V3,
      merge: { merged: smallGuide(), applied: [{ key: 'tldr', label: 'TL;DR' }], conflicts: [] },
    };
    const ipc = start({
      sync_library: () =>
        report(
          {},
          {
            renamed: [{ slug: 'energy-for-ai', from: 'v3', to: 'v4' }],
            refused: ['Rita Reviewer moved v2 to live after Ed Editor archived it.'],
            to_merge: [{ slug: 'small-guide', label: 'v3' }],
          },
        ),
      merge_preview: () => preview,
    });
    await screen.findByTestId('editor-form');
    await fireEvent.keyDown(window, { key: 's', ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(toastTexts().join('\n')).toContain('Your v3 of energy-for-ai is now v4: a colleague shared a v3 first.'));
    expect(screen.getAllByTestId('toast-detail').map((d) => d.textContent)).toEqual([
      'Your v3 of energy-for-ai is now v4: a colleague shared a v3 first.',
      'Refused: Rita Reviewer moved v2 to live after Ed Editor archived it.',
    ]);
    const offer = screen.getAllByTestId('toast').find((t) => t.textContent?.includes('v3 of small-guide is not in your draft'))!;
    await userEvent.click(within(offer).getByTestId('toast-action'));
    const dialog = await screen.findByTestId('merge-dialog');
    await waitFor(() => expect(ipc.calls('merge_preview')).toHaveLength(1));
    expect(ipc.calls('merge_preview')[0]).toMatchObject({ id: 7, versionId: 3 });
    expect(within(dialog).getByTestId('merge-applied')).toHaveTextContent('1 change from v3 applied');
  });

  it('reads as offline when the shared library is unreachable', async () => {
    start({ sync_library: () => Promise.reject({ code: 'sync.unreachable', message: 'Could not reach /srv/almanac.git.' }) });
    await screen.findByTestId('editor-form');
    await userEvent.click(await screen.findByTestId('sync-button'));
    await waitFor(() => expect(toastTexts().join('\n')).toContain('Offline: your work is kept here; sync again later.'));
    expect(toastTexts().join('\n')).toContain('sync.unreachable');
  });

  it('shows other sync errors with their code', async () => {
    start({ sync_library: () => Promise.reject({ code: 'sync.auth_refused', message: 'The shared library refused the credentials.' }) });
    await screen.findByTestId('editor-form');
    await userEvent.click(await screen.findByTestId('sync-button'));
    await waitFor(() => expect(toastTexts().join('\n')).toContain('The shared library refused the credentials. (sync.auth_refused)'));
  });

  it('opens the link dialog when the library is not linked', async () => {
    start({ sync_library: () => Promise.reject({ code: 'sync.not_linked', message: 'Not linked.' }) }, UNLINKED);
    await screen.findByTestId('editor-form');
    await fireEvent.keyDown(window, { key: 'S', ctrlKey: true, shiftKey: true });
    expect(await screen.findByTestId('link-dialog')).toBeInTheDocument();
  });

  it('checks quietly when the window gains focus, and shows where each guide stands', async () => {
    const g = smallGuide();
    const kinds = ['local_only', 'shared', 'changes_to_share', 'behind'] as const;
    const ipc = start({
      list_guides: () => [
        ...kinds.map((s, i) => ({ ...summaryOf(g, 7 + i), slug: `g-${s}`, sync: s })),
        { ...summaryOf(g, 20), slug: 'g-null' },
      ],
      check_library: () => ['g-behind'],
    });
    await screen.findByTestId('editor-form');
    const items = await screen.findAllByTestId('guide-item');
    const badges = screen.getAllByTestId('sync-state');
    expect(badges.map((b) => b.getAttribute('data-state'))).toEqual([...kinds]);
    expect(badges.map((b) => b.textContent?.trim())).toEqual(['local only', 'shared', 'changes to share', 'behind']);
    expect(within(items[4]).queryByTestId('sync-state')).toBeNull();
    await waitFor(() => expect(ipc.calls('check_library').length).toBeGreaterThan(0));
    expect(await screen.findByTestId('sync-behind')).toHaveTextContent('1 change to bring in');
    // The window gains focus a while later: another quiet check, and the library is listed again.
    const checks = ipc.calls('check_library').length;
    const listed = ipc.calls('list_guides').length;
    const later = Date.now() + 60_000;
    const clock = vi.spyOn(Date, 'now').mockReturnValue(later);
    try {
      await fireEvent.focus(window);
      await waitFor(() => expect(ipc.calls('check_library').length).toBe(checks + 1));
      await waitFor(() => expect(ipc.calls('list_guides').length).toBeGreaterThan(listed));
    } finally {
      clock.mockRestore();
    }
  });

  it('a failed quiet check shows nothing', async () => {
    const ipc = start({ check_library: () => Promise.reject({ code: 'sync.unreachable', message: 'offline' }) });
    await screen.findByTestId('editor-form');
    await waitFor(() => expect(ipc.calls('check_library').length).toBeGreaterThan(0));
    expect(toastTexts()).toEqual([]);
  });
});

describe('versions from colleagues', () => {
  beforeEach(() => {
    editor.close();
    shared.status = null;
    toasts.items = [];
  });

  it('shows who named each version where, approvals with the machine, and the history with refusals', async () => {
    start({
      approval_status: () => ({
        approved: [
          V1,
          {
            id: 1,
            version_id: 1,
            content_hash: 'h1',
            approved_at: '2026-11-20T09:00:00Z',
            reviewer: 'Rita Reviewer',
            machine: 'review-desk',
          },
        ],
        draft_hash: 'hd',
        covers_draft: false,
      }),
      review_log: () => [
        {
          id: 'e1',
          kind: 'named',
          version: 'v3',
          at: '2026-11-20T09:00:00Z',
          author: 'Rita Reviewer',
          machine: 'review-desk',
          summary: 'named',
          refused: null,
          shared: true,
        },
        {
          id: 'e2',
          kind: 'state',
          version: 'v2',
          at: '2026-11-21T09:00:00Z',
          author: 'Ed Editor',
          machine: 'editor-laptop',
          summary: 'moved to live',
          refused: 'Rita Reviewer archived v2 first.',
          shared: false,
        },
      ],
    });
    await screen.findByTestId('editor-form');
    await userEvent.click(screen.getByTestId('tab-versions'));
    const items = await screen.findAllByTestId('version-item');
    expect(items.map((i) => within(i).getByTestId('version-author').textContent)).toEqual([
      'named by Rita Reviewer on review-desk',
      'named by Ed Editor on editor-laptop',
      'named on old-box',
    ]);
    expect(within(items[0]).getByTestId('version-shared')).toBeInTheDocument();
    expect(within(items[2]).queryByTestId('version-shared')).toBeNull();
    expect(screen.getByTestId('approved-by')).toHaveTextContent('Approved by Rita Reviewer on review-desk.');
    const history = screen.getByTestId('review-history');
    await userEvent.click(within(history).getByText('History'));
    const events = await within(history).findAllByTestId('history-event');
    expect(events).toHaveLength(2);
    expect(events[0]).not.toHaveAttribute('data-refused');
    expect(events[0]).toHaveTextContent('Rita Reviewer on review-desk');
    expect(events[1]).toHaveAttribute('data-refused', 'true');
    expect(events[1]).toHaveClass('refused');
    expect(within(events[1]).getByTestId('history-refused')).toHaveTextContent('Refused: Rita Reviewer archived v2 first.');
    expect(events[1]).toHaveTextContent('not shared yet');
  });

  it('merges a version: every conflict needs a choice, the choices are sent, and the merge is one undo step', async () => {
    const g = smallGuide();
    const conflicts: Conflict[] = [
      {
        key: 'tldr',
        part: 'tldr',
        path: 'tldr',
        item_id: null,
        label: 'TL;DR',
        kind: 'both_changed',
        base: 'A summary.',
        ours: 'A short summary.',
        theirs: 'A longer summary from Rita.',
      },
      {
        key: 'deals#deal-b.partner',
        part: 'deals',
        path: 'deals[1].partner',
        item_id: 'deal-b',
        label: 'Deal row Lab B · Cloud B: Partner',
        kind: 'both_changed',
        base: 'Cloud',
        ours: 'Cloud B',
        theirs: 'Cloud Bee',
      },
      {
        key: 'faq#faq-1',
        part: 'faq',
        path: 'faq[0]',
        item_id: 'faq-1',
        label: 'FAQ item Why?',
        kind: 'removed_by_them',
        base: { id: 'faq-1', question: 'Why?', answer: 'Because.' },
        ours: { id: 'faq-1', question: 'Why?', answer: 'Because it is.' },
        theirs: null,
      },
    ];
    const merged = structuredClone(g);
    merged.tldr = 'Edited by hand.';
    merged.deals.rows[1].partner = 'Cloud Bee';
    merged.sections[0].heading = 'From Rita';
    const ipc = start({
      merge_offers: () => [V3],
      merge_preview: () => ({
        base: V2,
        theirs: V3,
        merge: { merged: g, applied: [{ key: 'sections#sec-a.heading', label: 'Section What it covers: Heading' }], conflicts },
      }),
      merge_resolve: () => merged,
      record_merge: () => null,
    });
    const tldr = await screen.findByTestId('tldr');
    await userEvent.click(screen.getByTestId('tab-versions'));
    const items = await screen.findAllByTestId('version-item');
    expect(within(items[1]).queryByTestId('merge-into-draft')).toBeNull();
    const opener = await within(items[0]).findByTestId('merge-into-draft');
    await userEvent.click(opener);
    const dialog = await screen.findByTestId('merge-dialog');
    const rows = await within(dialog).findAllByTestId('merge-conflict');
    expect(rows.map((r) => r.getAttribute('data-key'))).toEqual(conflicts.map((c) => c.key));
    // Labels and values in words: no keys or ids.
    expect(rows[0]).toHaveTextContent('TL;DR');
    expect(rows[0]).toHaveTextContent('A short summary.');
    expect(rows[0]).toHaveTextContent('A longer summary from Rita.');
    expect(rows[2]).toHaveTextContent('Answer');
    expect(rows[2]).toHaveTextContent('Because it is.');
    expect(rows[2]).not.toHaveTextContent('faq-1');
    expect(within(dialog).getByTestId('merge-applied')).toHaveTextContent('1 change from v3 applied');
    const apply = within(dialog).getByTestId('merge-apply');
    expect(apply).toBeDisabled();
    await userEvent.click(within(rows[0]).getByRole('radio', { name: 'Edit' }));
    const box = within(rows[0]).getByTestId('merge-edit');
    expect(box).toHaveValue('A longer summary from Rita.');
    await userEvent.clear(box);
    await userEvent.type(box, 'Edited by hand.');
    expect(apply).toBeDisabled();
    await userEvent.click(rows[1].querySelector<HTMLInputElement>('[data-choice="theirs"]')!);
    expect(apply).toBeDisabled();
    await userEvent.click(rows[2].querySelector<HTMLInputElement>('[data-choice="ours"]')!);
    expect(apply).toBeEnabled();
    await userEvent.click(apply);
    await waitFor(() => expect(screen.queryByTestId('merge-dialog')).toBeNull());
    expect(ipc.calls('merge_resolve')).toHaveLength(1);
    expect(ipc.calls('merge_resolve')[0].choices).toEqual({
      tldr: { kind: 'edited', value: 'Edited by hand.' },
      'deals#deal-b.partner': { kind: 'theirs' },
      'faq#faq-1': { kind: 'ours' },
    });
    expect(ipc.calls('merge_resolve')[0]).toMatchObject({ id: 7, versionId: 3 });
    expect(tldr).toHaveValue('Edited by hand.');
    expect(editor.guide!.deals.rows[1].partner).toBe('Cloud Bee');
    expect(editor.guide!.sections[0].heading).toBe('From Rita');
    // Saved before it was recorded.
    const order = ipc.mock.mock.calls.map((c) => c[0]);
    expect(order.lastIndexOf('save_draft')).toBeLessThan(order.indexOf('record_merge'));
    expect(ipc.calls('record_merge')).toEqual([{ id: 7, versionId: 3 }]);
    expect(toastTexts().join('\n')).toContain('Merged v3 into your draft.');
    await waitFor(() => expect(document.activeElement).toBe(opener));
    // One Ctrl+Z undoes the whole merge.
    await fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(tldr).toHaveValue('A short summary.');
    expect(editor.guide!.deals.rows[1].partner).toBe('Cloud B');
    expect(editor.guide!.sections[0].heading).toBe('What it covers');
    expect(editor.canUndo).toBe(false);
  });

  it('a merge without conflicts lists what it applies and merges at once; Escape closes the dialog', async () => {
    start({
      merge_offers: () => [V3],
      merge_preview: () => ({ base: null, theirs: V3, merge: { merged: smallGuide(), applied: [], conflicts: [] } }),
    });
    await screen.findByTestId('editor-form');
    await userEvent.click(screen.getByTestId('tab-versions'));
    const opener = await screen.findByTestId('merge-into-draft');
    await userEvent.click(opener);
    const dialog = await screen.findByTestId('merge-dialog');
    await waitFor(() => expect(within(dialog).getByTestId('merge-apply')).toBeEnabled());
    expect(within(dialog).queryAllByTestId('merge-conflict')).toEqual([]);
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByTestId('merge-dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('shows a failed merge with its code and leaves the draft as it was', async () => {
    start({
      merge_offers: () => [V3],
      merge_preview: () => ({ base: V2, theirs: V3, merge: { merged: smallGuide(), applied: [], conflicts: [] } }),
      merge_resolve: () => Promise.reject({ code: 'merge.unresolved', message: 'A conflict has no choice.' }),
    });
    const tldr = await screen.findByTestId('tldr');
    await userEvent.click(screen.getByTestId('tab-versions'));
    await userEvent.click(await screen.findByTestId('merge-into-draft'));
    const dialog = await screen.findByTestId('merge-dialog');
    await waitFor(() => expect(within(dialog).getByTestId('merge-apply')).toBeEnabled());
    await userEvent.click(within(dialog).getByTestId('merge-apply'));
    const err = await within(dialog).findByTestId('merge-error');
    expect(err).toHaveTextContent('A conflict has no choice. (merge.unresolved)');
    expect(tldr).toHaveValue('A short summary.');
  });

  it("shows colleagues' notes at the fields they point to, following the item, and resolves them", async () => {
    const ipc = start({
      list_notes: (a) =>
        a.versionId === 3
          ? [
              {
                id: 11,
                version_id: 3,
                path: 'tldr',
                item_id: null,
                text: 'Too vague.',
                created: 'now',
                author: 'Rita Reviewer',
                machine: 'review-desk',
              },
              // Named when deal-b was the first row; the draft has it second.
              {
                id: 12,
                version_id: 3,
                path: 'deals[0].partner',
                item_id: 'deal-b',
                text: 'Check the partner.',
                created: 'now',
                author: 'Rita Reviewer',
                machine: 'review-desk',
              },
              {
                id: 13,
                version_id: 3,
                path: 'faq[0]',
                item_id: 'faq-1',
                text: 'Is this needed?',
                created: 'now',
                author: '',
                machine: 'review-desk',
              },
            ]
          : [],
      delete_note: () => null,
    });
    await screen.findByTestId('editor-form');
    const notes = await screen.findAllByTestId('field-note');
    expect(notes).toHaveLength(3);
    const tldrField = document.querySelector('.field[data-path="tldr"]')!;
    expect(within(tldrField as HTMLElement).getByTestId('field-note')).toHaveTextContent(
      'Note from Rita Reviewer (review-desk): Too vague.',
    );
    const tldr = screen.getByTestId('tldr');
    expect(document.getElementById(tldr.getAttribute('aria-describedby')!.split(' ')[0])).toHaveTextContent('Too vague.');
    const partner = document.querySelector('.field[data-path="deals[1].partner"], .cell[data-path="deals[1].partner"]') as HTMLElement;
    expect(partner).not.toBeNull();
    expect(within(partner).getByTestId('field-note')).toHaveTextContent('Check the partner.');
    const faq = document.querySelector('li[data-path="faq[0]"]') as HTMLElement;
    expect(within(faq).getByTestId('field-note')).toHaveTextContent('Note from review-desk: Is this needed?');
    await userEvent.click(within(tldrField as HTMLElement).getByTestId('field-note-resolve'));
    await waitFor(() => expect(screen.getAllByTestId('field-note')).toHaveLength(2));
    expect(ipc.calls('delete_note')).toEqual([{ noteId: 11 }]);
  });

  it('saves the site repository and publishes, showing what was published', async () => {
    let target: string | null = null;
    const ipc = start({
      site_target: () => target,
      set_site_target: (a) => {
        target = a.target as string;
        return null;
      },
      publish_site: () => ({
        published: [
          ['chips', 'v2'],
          ['small-guide', 'v1'],
        ],
        written: ['small-guide'],
        removed: ['old-guide'],
        unchanged: false,
        commit: '0123456789abcdef',
        pushed: true,
      }),
    });
    await screen.findByTestId('editor-form');
    await userEvent.click(screen.getByTestId('tab-versions'));
    await userEvent.type(await screen.findByTestId('site-target'), '/srv/site.git');
    await userEvent.click(screen.getByTestId('site-save'));
    await waitFor(() => expect(ipc.calls('set_site_target')).toEqual([{ target: '/srv/site.git' }]));
    expect(screen.getByTestId('site-settings')).toHaveTextContent('Publishing to /srv/site.git');
    await userEvent.click(screen.getByTestId('publish-site'));
    const result = await screen.findByTestId('publish-result');
    expect(result).toHaveTextContent('Published 2 guides; wrote small-guide; removed old-guide. Commit 0123456789, pushed.');
    expect(result).toHaveTextContent('chips v2');
    expect(result).toHaveAttribute('data-unchanged', 'false');
  });

  it('says when publishing changed nothing, and shows a publish error with its code', async () => {
    let fail = true;
    start({
      site_target: () => '/srv/site.git',
      publish_site: () =>
        fail
          ? Promise.reject({ code: 'sync.no_site', message: 'No site repository is set.' })
          : { published: [['small-guide', 'v1']], written: [], removed: [], unchanged: true, commit: null, pushed: false },
    });
    await screen.findByTestId('editor-form');
    await userEvent.click(screen.getByTestId('tab-versions'));
    await userEvent.click(await screen.findByTestId('publish-site'));
    expect(await screen.findByTestId('publish-error')).toHaveTextContent('No site repository is set. (sync.no_site)');
    fail = false;
    await userEvent.click(screen.getByTestId('publish-site'));
    expect(await screen.findByTestId('publish-result')).toHaveTextContent('Nothing changed');
  });

  it('the merge dialog and the link dialog have no serious accessibility violations (axe-core)', async () => {
    start({
      merge_offers: () => [V3],
      merge_preview: () => ({
        base: V2,
        theirs: V3,
        merge: {
          merged: smallGuide(),
          applied: [{ key: 'tldr', label: 'TL;DR' }],
          conflicts: [
            {
              key: 'meta.title',
              part: 'meta',
              path: 'meta.title',
              item_id: null,
              label: 'Details · Title',
              kind: 'both_changed',
              base: 'a',
              ours: 'b',
              theirs: 'c',
            },
          ],
        },
      }),
      list_notes: () => [
        { id: 1, version_id: 3, path: 'tldr', item_id: null, text: 'Hm.', created: 'now', author: 'Rita', machine: 'desk' },
      ],
    });
    await screen.findByTestId('editor-form');
    await screen.findAllByTestId('field-note');
    await userEvent.click(screen.getByTestId('tab-versions'));
    await userEvent.click(await screen.findByTestId('merge-into-draft'));
    const dialog = await screen.findByTestId('merge-dialog');
    await within(dialog).findAllByTestId('merge-conflict');
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Edit' }));
    const result = await axe.run(document.body, { iframes: false, rules: { 'color-contrast': { enabled: false } } });
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      bad.map(
        (v) =>
          `${v.id}: ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      ),
    ).toEqual([]);
  }, 60_000);
});
