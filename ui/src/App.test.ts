import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import App from './App.svelte';
import { draftOf, sampleGuide, summaryOf } from './test/fixtures';
import type { Patch } from './lib/bindings/Patch';
import { installIpc, oneGuideStore, type Handler } from './test/ipc';
import { editor } from './lib/editor.svelte';
import type { Finding, Guide } from './lib/types';

function start(guide: Guide, extra: Record<string, Handler> = {}) {
  const store = oneGuideStore();
  const ipc = installIpc({
    ...store.handlers,
    app_info: () => ({ db_path: '/tmp/x.db', version: '0.1.0', recovered_from: null, recovery_detail: null, open_error: null, seeded: [] }),
    list_guides: () => [summaryOf(guide, 7)],
    open_draft: () => draftOf(structuredClone(guide), 3, 7),
    ...extra,
  });
  render(App);
  return ipc;
}

const takeawayIds = () => screen.getAllByTestId('takeaways-item').map((li) => li.getAttribute('data-item-id'));

describe('the app with the sample guide', () => {
  beforeEach(() => {
    editor.close();
    localStorage.clear();
  });

  it('opens the most recent guide from the library and shows it in the form and the preview', async () => {
    const g = sampleGuide();
    const ipc = start(g);
    await screen.findByTestId('editor-form');
    expect(screen.getByTestId('meta-title')).toHaveValue(g.meta.title);
    expect(within(screen.getByTestId('guide-list')).getByTestId('open-guide')).toHaveAttribute('aria-current', 'true');
    await waitFor(() => expect(ipc.calls('render_preview').length).toBeGreaterThan(0));
    expect(ipc.calls('render_preview')[0].theme).toBe('auto');
    await waitFor(() => expect(screen.getByTestId('preview-frame').getAttribute('srcdoc')).toContain(g.meta.title));
  });

  it('re-renders the preview with the typed text and the chosen look', async () => {
    const g = sampleGuide();
    const ipc = start(g);
    const tldr = await screen.findByTestId('tldr');
    await userEvent.type(tldr, ' Zebra.');
    // The edit goes to the shell as a patch of the TL;DR; the page comes back in the chosen look.
    await waitFor(() => {
      const sets = ipc.calls('edit_draft').flatMap((c) => c.patches as Patch[]);
      expect(sets.some((p) => p.op === 'set' && p.path === 'tldr' && String(p.value).endsWith(' Zebra.'))).toBe(true);
    });
    await userEvent.click(screen.getByTestId('preview-theme-dark'));
    await waitFor(() => expect(ipc.calls('set_draft_theme').at(-1)!.theme).toBe('dark'));
    expect((ipc.calls('render_preview').at(-1)!.guide as Guide).tldr.endsWith(' Zebra.')).toBe(true);
    expect(screen.getByTestId('preview-theme-dark')).toHaveAttribute('aria-pressed', 'true');
  });

  it('undoes a list removal with Ctrl+Z and redoes it with Ctrl+Shift+Z', async () => {
    const g = sampleGuide();
    start(g);
    await screen.findByTestId('editor-form');
    const before = takeawayIds();
    expect(before.length).toBeGreaterThan(2);
    const second = screen.getAllByTestId('takeaways-item')[1];
    await userEvent.click(within(second).getByTestId('remove'));
    expect(takeawayIds()).toEqual([before[0], ...before.slice(2)]);
    await fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(takeawayIds()).toEqual(before);
    await fireEvent.keyDown(window, { key: 'Z', ctrlKey: true, shiftKey: true });
    expect(takeawayIds()).toEqual([before[0], ...before.slice(2)]);
  });

  it('undoes a typing burst as one step, and a reorder as another', async () => {
    const g = sampleGuide();
    start(g);
    const title = await screen.findByTestId('meta-title');
    const ids = takeawayIds();
    await userEvent.click(within(screen.getAllByTestId('takeaways-item')[0]).getByTestId('move-down'));
    expect(takeawayIds().slice(0, 2)).toEqual([ids[1], ids[0]]);
    await userEvent.type(title, ' (draft)');
    expect(title).toHaveValue(g.meta.title + ' (draft)');
    await userEvent.click(screen.getByTestId('undo'));
    expect(title).toHaveValue(g.meta.title);
    expect(takeawayIds().slice(0, 2)).toEqual([ids[1], ids[0]]);
    await userEvent.click(screen.getByTestId('undo'));
    expect(takeawayIds()).toEqual(ids);
    expect(screen.getByTestId('undo')).toBeDisabled();
  });

  it('lists findings errors first, shows them at the field, and a click jumps to the field', async () => {
    const g = sampleGuide();
    const findings: Finding[] = [
      {
        severity: 'warning',
        path: 'sources[0].summary',
        item_id: g.sources[0].id,
        code: 'empty_summary',
        message: 'Source 1 has no summary.',
      },
      {
        severity: 'error',
        path: 'deals[2].partner',
        item_id: g.deals.rows[2].id,
        code: 'dash_cell',
        message: 'Deal row 3: the partner cell holds "—".',
      },
    ];
    start(g, { validate_guide: () => findings });
    const panel = await screen.findByTestId('findings-panel');
    await waitFor(() => expect(within(panel).getAllByTestId('finding')).toHaveLength(2));
    const items = within(panel).getAllByTestId('finding');
    expect(items[0]).toHaveAttribute('data-finding-path', 'deals[2].partner');
    expect(items[1]).toHaveAttribute('data-finding-path', 'sources[0].summary');
    expect(screen.getByTestId('problems-toggle')).toHaveTextContent('1 error, 1 warning');
    expect(screen.getByTestId('error-count')).toHaveTextContent('1');

    const field = document.querySelector<HTMLInputElement>('input[data-path="deals[2].partner"]')!;
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(document.getElementById(field.getAttribute('aria-describedby')!)).toHaveTextContent('the partner cell holds');

    await userEvent.click(items[0]);
    expect(document.activeElement).toBe(field);
    await userEvent.click(items[1]);
    expect((document.activeElement as HTMLElement).getAttribute('data-path')).toBe('sources[0].summary');
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    const g = sampleGuide();
    start(g, {
      validate_guide: () => [{ severity: 'error', path: 'tldr', item_id: null, code: 'too_long', message: 'The TL;DR is too long.' }],
    });
    await screen.findByTestId('editor-form');
    await waitFor(() => expect(screen.getAllByTestId('finding').length).toBe(1));
    const result = await axe.run(document.body, {
      iframes: false, // the preview frame holds the renderer's page, checked by its own tests
      // jsdom does no layout, so colour contrast cannot be measured here.
      rules: { 'color-contrast': { enabled: false } },
    });
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
    // The check is real: an unlabelled control would be reported.
    const stray = document.createElement('input');
    document.body.appendChild(stray);
    const again = await axe.run(stray, { runOnly: ['label'] });
    expect(again.violations.map((v) => v.id)).toContain('label');
    stray.remove();
  }, 60_000);
});
