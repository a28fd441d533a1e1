import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import App from './App.svelte';
import { draftOf, smallGuide, summaryOf } from './test/fixtures';
import { installIpc, oneGuideStore, type Handler } from './test/ipc';
import { editor } from './lib/editor.svelte';
import type { ApprovalStatus, Finding, Guide, Version } from './lib/types';

function version(id: number, label: string, state: Version['state'], note = ''): Version {
  const t = '2026-11-20T09:00:00Z';
  return {
    id,
    guide_id: 7,
    number: id,
    label,
    state,
    note,
    created: t,
    state_changed: t,
    content_updated: t,
    content_hash: 'h' + id,
    edit_hash: 'h' + id,
    author: '',
    machine: '',
    shared: false,
  };
}

function start(extra: Record<string, Handler> = {}) {
  const g = smallGuide();
  const store = oneGuideStore();
  const versions = [version(2, 'v2', 'in_review', 'Second pass'), version(1, 'v1', 'live')];
  const status: ApprovalStatus = {
    approved: [
      versions[1],
      { id: 1, version_id: 1, content_hash: 'h1', approved_at: '2026-11-20T09:00:00Z', reviewer: 'Rita', machine: '' },
    ],
    draft_hash: 'hd',
    covers_draft: false,
  };
  const ipc = installIpc({
    ...store.handlers,
    app_info: () => ({ db_path: '/tmp/x.db', version: '0.1.0', recovered_from: null, recovery_detail: null, open_error: null, seeded: [] }),
    list_guides: () => [summaryOf(g, 7)],
    open_draft: () => draftOf(structuredClone(g), 3, 7),
    list_versions: () => versions,
    approval_status: () => status,
    reviewer_name: () => null,
    set_reviewer_name: () => null,
    list_notes: () => [
      { id: 1, version_id: 2, path: 'deals[1]', item_id: 'deal-b', text: 'Check this figure', created: '2026-11-21T09:00:00Z' },
    ],
    ...extra,
  });
  render(App);
  return ipc;
}

describe('versions and review', () => {
  beforeEach(() => {
    editor.close();
    localStorage.clear();
  });

  it('Ctrl+S saves pending edits, then names the draft as the next version', async () => {
    const ipc = start({ snapshot: (a) => version(3, a.label as string, a.versionState as Version['state'], a.note as string) });
    const tldr = await screen.findByTestId('tldr');
    await userEvent.type(tldr, ' Edited.');
    await fireEvent.keyDown(window, { key: 's', ctrlKey: true });
    const dialog = await screen.findByTestId('save-version-dialog');
    await waitFor(() => expect(within(dialog).getByTestId('version-label')).toHaveValue('v3'));
    await userEvent.type(within(dialog).getByTestId('version-note'), 'Ready for review');
    await userEvent.selectOptions(within(dialog).getByTestId('version-state'), 'in_review');
    await userEvent.click(within(dialog).getByTestId('version-save'));
    await waitFor(() => expect(ipc.calls('snapshot')).toHaveLength(1));
    expect(ipc.calls('snapshot')[0]).toEqual({ id: 7, label: 'v3', versionState: 'in_review', note: 'Ready for review' });
    // The edit reached the store before the version was taken.
    const saves = ipc.calls('save_draft');
    expect((saves.at(-1)!.guide as Guide).tldr).toContain('Edited.');
    const saveOrder = ipc.mock.mock.calls.findIndex((c) => c[0] === 'save_draft');
    const snapOrder = ipc.mock.mock.calls.findIndex((c) => c[0] === 'snapshot');
    expect(saveOrder).toBeLessThan(snapOrder);
    await waitFor(() => expect(screen.queryByTestId('save-version-dialog')).toBeNull());
  });

  it('lists versions with state and note, and says when the approval no longer covers the draft', async () => {
    start();
    await screen.findByTestId('editor-form');
    await userEvent.click(screen.getByTestId('tab-versions'));
    const items = await screen.findAllByTestId('version-item');
    expect(items.map((i) => i.getAttribute('data-label'))).toEqual(['v2', 'v1']);
    expect(items[0]).toHaveTextContent('In review');
    expect(items[0]).toHaveTextContent('Second pass');
    const st = screen.getByTestId('approval-status');
    expect(st).toHaveAttribute('data-covers', 'false');
    expect(st).toHaveTextContent('v1 is approved, but the draft has changed since');
    expect(st).toHaveTextContent('Approved by Rita');
    // Only plain moves are offered: in review → draft, archived (approved only through Approve).
    const opts = within(items[0]).getByTestId('version-set-state').querySelectorAll('option:not([disabled])');
    expect(Array.from(opts).map((o) => (o as HTMLOptionElement).value)).toEqual(['draft', 'archived']);
    // A live version can only be archived.
    const live = within(items[1]).getByTestId('version-set-state').querySelectorAll('option:not([disabled])');
    expect(Array.from(live).map((o) => (o as HTMLOptionElement).value)).toEqual(['archived']);
  });

  it('approves a version in review under the reviewer name, asked once', async () => {
    let name: string | null = null;
    const ipc = start({
      approve: (a) => ({ id: 9, version_id: a.versionId, content_hash: 'h2', approved_at: 'now', reviewer: a.reviewer }),
      reviewer_name: () => name,
      set_reviewer_name: (a) => {
        name = a.name as string;
        return null;
      },
    });
    await screen.findByTestId('editor-form');
    await userEvent.click(screen.getByTestId('tab-versions'));
    const [v2] = await screen.findAllByTestId('version-item');
    await userEvent.click(within(v2).getByTestId('version-approve'));
    // No name yet: it is asked for, and nothing is approved without it.
    expect(ipc.calls('approve')).toEqual([]);
    expect(screen.getByTestId('reviewer-save')).toBeDisabled();
    await userEvent.type(screen.getByTestId('reviewer-name'), 'Rita Reviewer');
    await userEvent.click(screen.getByTestId('reviewer-save'));
    await waitFor(() => expect(ipc.calls('approve')).toEqual([{ versionId: 2, reviewer: 'Rita Reviewer' }]));
    expect(ipc.calls('set_reviewer_name')).toEqual([{ name: 'Rita Reviewer' }]);
    expect(screen.getByTestId('reviewer-line')).toHaveTextContent('Approving as Rita Reviewer');
    // The second approval uses the kept name.
    await userEvent.click(within(v2).getByTestId('version-approve'));
    await waitFor(() => expect(ipc.calls('approve')).toHaveLength(2));
    expect(screen.queryByTestId('reviewer-form')).toBeNull();
  });

  it('offers only draft and in review when naming a version', async () => {
    start();
    await screen.findByTestId('tldr');
    await fireEvent.keyDown(window, { key: 's', ctrlKey: true });
    const dialog = await screen.findByTestId('save-version-dialog');
    const opts = within(dialog).getByTestId('version-state').querySelectorAll('option');
    expect(Array.from(opts).map((o) => (o as HTMLOptionElement).value)).toEqual(['draft', 'in_review']);
  });

  it('restores a whole version as one undoable change', async () => {
    const old = smallGuide();
    old.tldr = 'The v1 summary.';
    start({ restore_version: (a) => ({ ...draftOf(old, (a.baseRevision as number) + 1, 7) }) });
    const tldr = await screen.findByTestId('tldr');
    await userEvent.click(screen.getByTestId('tab-versions'));
    const items = await screen.findAllByTestId('version-item');
    await userEvent.click(within(items[1]).getByTestId('version-restore'));
    await waitFor(() => expect(tldr).toHaveValue('The v1 summary.'));
    expect(editor.revision).toBe(4);
    await fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(tldr).toHaveValue('A short summary.');
  });

  it('blocks export while validation has errors, and a listed error jumps to its field', async () => {
    const bad: Finding = {
      severity: 'error',
      path: 'faq[0].answer',
      item_id: 'faq-1',
      code: 'empty_answer',
      message: 'FAQ 1 has no answer.',
    };
    const ipc = start({ validate_guide: () => [bad], export_bundle: () => '/out/small-guide' });
    await screen.findByTestId('editor-form');
    await userEvent.click(screen.getByTestId('tab-versions'));
    await userEvent.click(await screen.findByTestId('export-draft'));
    const dialog = await screen.findByTestId('export-dialog');
    await userEvent.type(within(dialog).getByTestId('export-dir'), '/out');
    await userEvent.click(within(dialog).getByTestId('export-submit'));
    const blocked = await within(dialog).findByTestId('export-blocked');
    expect(blocked).toHaveTextContent('FAQ 1 has no answer.');
    expect(ipc.calls('export_bundle')).toHaveLength(0);
    await userEvent.click(within(blocked).getByTestId('export-finding'));
    await waitFor(() => expect(screen.queryByTestId('export-dialog')).toBeNull());
    expect((document.activeElement as HTMLElement).getAttribute('data-path')).toBe('faq[0].answer');
  });

  it('exports the draft to the typed folder when it is valid and offers to show it', async () => {
    const ipc = start({ export_bundle: (a) => `${a.dir}/small-guide`, show_in_folder: () => null });
    await screen.findByTestId('editor-form');
    await userEvent.click(screen.getByTestId('tab-versions'));
    await userEvent.click(await screen.findByTestId('export-draft'));
    const dialog = await screen.findByTestId('export-dialog');
    await userEvent.type(within(dialog).getByTestId('export-dir'), '/out');
    await userEvent.click(within(dialog).getByTestId('export-submit'));
    await within(dialog).findByTestId('export-done');
    expect(ipc.calls('export_bundle')).toEqual([{ target: { kind: 'draft', guide_id: 7 }, dir: '/out' }]);
    expect(within(dialog).getByTestId('export-path')).toHaveTextContent('/out/small-guide');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Show in folder' }));
    expect(ipc.calls('show_in_folder')).toEqual([{ path: '/out/small-guide' }]);
  });

  it('exports several guides at once into one folder, after checking each of them', async () => {
    const other = { ...summaryOf(smallGuide(), 8), slug: 'other', title: 'Other' };
    const ipc = start({
      list_guides: () => [summaryOf(smallGuide(), 7), other],
      open_draft: (a) => draftOf(smallGuide(), 3, a.id as number),
      export_bundles: (a) => (a.targets as { guide_id: number }[]).map((t) => `${a.dir}/guide-${t.guide_id}`),
    });
    await screen.findByTestId('editor-form');
    await userEvent.click(screen.getByTestId('tab-versions'));
    await userEvent.click(await screen.findByTestId('export-draft'));
    const dialog = await screen.findByTestId('export-dialog');
    await userEvent.click(within(dialog).getByTestId('export-what-many'));
    await waitFor(() => expect(within(dialog).getAllByRole('checkbox')).toHaveLength(2));
    await userEvent.type(within(dialog).getByTestId('export-dir'), '/out');
    await userEvent.click(within(dialog).getByTestId('export-submit'));
    const done = await within(dialog).findByTestId('export-done');
    expect(
      within(done)
        .getAllByTestId('export-path')
        .map((e) => e.textContent),
    ).toEqual(['/out/guide-7', '/out/guide-8']);
    expect(ipc.calls('export_bundles')).toEqual([
      {
        targets: [
          { kind: 'draft', guide_id: 7 },
          { kind: 'draft', guide_id: 8 },
        ],
        dir: '/out',
      },
    ]);
    expect(within(dialog).getByTestId('export-progress')).toHaveAttribute('value', '2');
    // Each guide was validated before anything was written.
    expect(ipc.calls('validate_guide').length).toBeGreaterThanOrEqual(2);
  });

  it('the versions panel and the export dialog have no serious accessibility violations (axe-core)', async () => {
    start();
    await screen.findByTestId('editor-form');
    await userEvent.click(screen.getByTestId('tab-versions'));
    await screen.findAllByTestId('version-item');
    await userEvent.click(screen.getAllByTestId('version-notes')[0]);
    await userEvent.click(screen.getByTestId('export-draft'));
    await screen.findByTestId('export-dialog');
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

  it("adds a review note on a deal row of a version, with the row's stable id", async () => {
    const ipc = start({
      add_note: (a) => ({ id: 2, version_id: a.versionId, path: a.path, item_id: a.itemId, text: a.text, created: 'now' }),
    });
    await screen.findByTestId('editor-form');
    await userEvent.click(screen.getByTestId('tab-versions'));
    const [v2] = await screen.findAllByTestId('version-item');
    await userEvent.click(within(v2).getByTestId('version-notes'));
    const notes = await within(v2).findByTestId('notes');
    expect(within(notes).getAllByTestId('note')[0]).toHaveTextContent('Check this figure');
    // A note's field path leads to that field of the draft.
    await userEvent.click(within(notes).getByTestId('note-jump'));
    expect((document.activeElement as HTMLElement).getAttribute('data-path')).toBe('deals[1].lab');
    await userEvent.type(within(notes).getByTestId('note-path'), 'deals[[1]'); // user-event: [[ types a literal [;
    await userEvent.type(within(notes).getByTestId('note-text'), 'Source for 300 MW?');
    await userEvent.click(within(notes).getByTestId('note-add'));
    await waitFor(() =>
      expect(ipc.calls('add_note')).toEqual([{ versionId: 2, path: 'deals[1]', itemId: 'deal-b', text: 'Source for 300 MW?' }]),
    );
  });
});
