import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import CompareView from './CompareView.svelte';
import Toasts from './Toasts.svelte';
import { draftOf, sampleGuide } from '../../test/fixtures';
import { installIpc, oneGuideStore } from '../../test/ipc';
import { editor } from '../editor.svelte';
import { toasts } from '../toasts.svelte';
import type { Version } from '../types';
import sample from '../../test/data/diff-v1-v2.json';

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

function setup() {
  const draft = sampleGuide('training-infrastructure-v2');
  const restored = structuredClone(draft);
  restored.deals.rows.push(structuredClone(sampleGuide().deals.rows.find((r) => r.id === 'deal-anthropic-spacex')!));
  const store = oneGuideStore();
  const ipc = installIpc({
    ...store.handlers,
    diff: () => structuredClone(sample),
    diff_report_html: (a) => `<!doctype html><html><body><h1>Report ${a.layout} ${a.view}</h1></body></html>`,
    restore_item: (a) => draftOf(restored, (a.baseRevision as number) + 1, 7),
    save_diff_report: () => '/out/training-infrastructure-v1-to-draft.diff.html',
  });
  editor.load(draftOf(structuredClone(draft), 4, 7));
  const onClose = vi.fn();
  render(CompareView, { guideId: 7, versions: [v1], a: { kind: 'version', version_id: 1 }, b: { kind: 'draft', guide_id: 7 }, onClose });
  render(Toasts);
  return { ipc, onClose };
}

const item = (id: string) => screen.getAllByTestId('diff-item').find((el) => el.getAttribute('data-item-id') === id)!;

describe('compare view', () => {
  beforeEach(() => {
    editor.close();
    toasts.items = [];
  });

  it('asks the core for the diff of the two sides and names them', async () => {
    const { ipc } = setup();
    await screen.findByTestId('diff-view');
    expect(ipc.calls('diff')[0]).toEqual({ a: { kind: 'version', version_id: 1 }, b: { kind: 'draft', guide_id: 7 } });
    expect(screen.getByTestId('diff-summary')).toHaveTextContent('v1');
    expect(screen.getByTestId('diff-summary')).toHaveTextContent('Current draft');
  });

  it('moves between changes with N and P from anywhere in the comparison', async () => {
    setup();
    const view = await screen.findByTestId('diff-view');
    const changes = view.querySelectorAll<HTMLElement>('[data-change]');
    await fireEvent.keyDown(document.body, { key: 'n' });
    expect(document.activeElement).toBe(changes[0]);
    await fireEvent.keyDown(document.body, { key: 'n' });
    expect(document.activeElement).toBe(changes[1]);
    await userEvent.click(screen.getByTestId('prev-change'));
    expect(document.activeElement).toBe(changes[0]);
  });

  it('restores one deal row from the version into the draft, undoably', async () => {
    const { ipc } = setup();
    await screen.findByTestId('diff-view');
    await userEvent.click(within(item('deal-anthropic-spacex')).getByTestId('restore-item'));
    await waitFor(() => expect(ipc.calls('restore_item')).toHaveLength(1));
    expect(ipc.calls('restore_item')[0]).toEqual({
      id: 7,
      versionId: 1,
      item: { list: 'deals', id: 'deal-anthropic-spacex' },
      baseRevision: 4,
    });
    await waitFor(() => expect(editor.guide!.deals.rows.some((r) => r.id === 'deal-anthropic-spacex')).toBe(true));
    expect(editor.revision).toBe(5);
    expect(await screen.findByTestId('toast')).toHaveTextContent('Restored');
    editor.undo();
    expect(editor.guide!.deals.rows.some((r) => r.id === 'deal-anthropic-spacex')).toBe(false);
  });

  it('takes an item added since the version out of the draft as a local, undoable edit', async () => {
    setup();
    await screen.findByTestId('diff-view');
    expect(editor.guide!.deals.rows.some((r) => r.id === 'deal-openai-aws')).toBe(true);
    await userEvent.click(within(item('deal-openai-aws')).getByTestId('restore-item'));
    await waitFor(() => expect(editor.guide!.deals.rows.some((r) => r.id === 'deal-openai-aws')).toBe(false));
    editor.undo();
    expect(editor.guide!.deals.rows.some((r) => r.id === 'deal-openai-aws')).toBe(true);
  });

  it('shows the rendered report from the core, and saves it', async () => {
    const { ipc } = setup();
    await screen.findByTestId('diff-view');
    await userEvent.click(screen.getByTestId('layout-sbs'));
    await userEvent.click(screen.getByTestId('view-rendered'));
    await waitFor(() => expect(screen.getByTestId('report-frame').getAttribute('srcdoc')).toContain('Report side_by_side rendered'));
    expect(screen.getByTestId('report-frame')).toHaveAttribute('sandbox', 'allow-same-origin');
    await userEvent.click(screen.getByTestId('save-report'));
    await waitFor(() => expect(ipc.calls('save_diff_report')).toHaveLength(1));
    expect(ipc.calls('save_diff_report')[0]).toMatchObject({ layout: 'side_by_side', view: 'rendered', dir: null });
    expect(await screen.findByTestId('toast')).toHaveTextContent('/out/training-infrastructure-v1-to-draft.diff.html');
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    setup();
    await screen.findByTestId('diff-view');
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
