import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Library from './Library.svelte';
import Toasts from './Toasts.svelte';
import { invoke } from '@tauri-apps/api/core';
import { smallGuide, summaryOf } from '../../test/fixtures';
import { installIpc } from '../../test/ipc';
import type { GuideSummary } from '../types';
import sampleDiff from '../../test/data/diff-v1-v2.json';

function guides(): GuideSummary[] {
  const a = summaryOf(smallGuide(), 1);
  const b = {
    ...summaryOf(smallGuide(), 2),
    slug: 'other',
    title: 'Other guide',
    state: 'live' as const,
    newest: { label: 'v1', state: 'live' as const },
    live: 'v1',
  };
  return [a, b];
}

function setup(handlers: Parameters<typeof installIpc>[0] = {}) {
  const onOpen = vi.fn();
  const onTrashed = vi.fn();
  const ipc = installIpc({ list_guides: () => guides(), ...handlers });
  render(Library, { currentId: 1, onOpen, onTrashed });
  render(Toasts);
  return { ipc, onOpen, onTrashed };
}

describe('library', () => {
  beforeEach(() => {
    vi.useRealTimers();
    vi.mocked(invoke).mockReset();
  });

  it('lists guides with title and state, marks the open one, and opens on click', async () => {
    const { onOpen } = setup();
    const items = await screen.findAllByTestId('guide-item');
    expect(items.map((i) => i.getAttribute('data-slug'))).toEqual(['small-guide', 'other']);
    expect(items[1]).toHaveTextContent('v1 live');
    expect(items[0]).toHaveTextContent('draft');
    expect(within(items[0]).getByTestId('open-guide')).toHaveAttribute('aria-current', 'true');
    await userEvent.click(within(items[1]).getByTestId('open-guide'));
    expect(onOpen).toHaveBeenCalledWith(2);
  });

  it('shows search hits with highlighted snippets as text, never parsing them as HTML', async () => {
    setup({
      search: () => [
        {
          guide_id: 2,
          slug: 'other',
          title: 'Other guide',
          state: 'live',
          snippet: [
            { text: 'up to 5 GW from ', mark: false },
            { text: 'Trainium', mark: true },
            { text: ' <script>', mark: false },
          ],
          rank: 1,
        },
      ],
    });
    await userEvent.type(screen.getByTestId('library-search'), 'trainium');
    const hit = await screen.findByTestId('search-hit');
    expect(hit.querySelector('mark')).toHaveTextContent('Trainium');
    expect(hit.querySelector('script')).toBeNull();
    expect(hit).toHaveTextContent('<script>');
  });

  it('moves a guide to the trash and Undo brings it back', async () => {
    const { ipc, onTrashed } = setup({ trash_guide: () => null, untrash_guide: () => null });
    const items = await screen.findAllByTestId('guide-item');
    await userEvent.click(within(items[1]).getByTestId('trash-guide'));
    expect(onTrashed).toHaveBeenCalledWith(2);
    expect(ipc.calls('trash_guide')).toEqual([{ id: 2 }]);
    const toast = await screen.findByTestId('toast');
    expect(toast).toHaveTextContent('Moved “Other guide” to the trash.');
    await userEvent.click(within(toast).getByTestId('toast-action'));
    await waitFor(() => expect(ipc.calls('untrash_guide')).toEqual([{ id: 2 }]));
  });

  it('creates a guide with a slug made from the title, which can be edited', async () => {
    const created = { ...summaryOf(smallGuide(), 9), slug: 'chip-supply', title: 'Chip Supply Chains' };
    const { ipc, onOpen } = setup({ create_guide: () => created });
    await userEvent.click(screen.getByTestId('new-guide'));
    await userEvent.type(screen.getByTestId('new-guide-title'), 'Chip Supply Chains');
    expect(screen.getByTestId('new-guide-slug')).toHaveValue('chip-supply-chains');
    await userEvent.clear(screen.getByTestId('new-guide-slug'));
    await userEvent.type(screen.getByTestId('new-guide-slug'), 'chip-supply');
    await userEvent.type(screen.getByTestId('new-guide-title'), '!');
    expect(screen.getByTestId('new-guide-slug')).toHaveValue('chip-supply');
    await userEvent.click(screen.getByTestId('new-guide-create'));
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith(9));
    expect(ipc.calls('create_guide')).toEqual([{ title: 'Chip Supply Chains!', slug: 'chip-supply' }]);
    expect(screen.queryByTestId('new-guide-dialog')).toBeNull();
  });

  it('keeps the new-guide dialog open with the store message when creation fails', async () => {
    setup({
      create_guide: () => {
        throw { code: 'store.slug_taken', message: 'A guide with the slug "small-guide" exists.' };
      },
    });
    await userEvent.click(screen.getByTestId('new-guide'));
    await userEvent.type(screen.getByTestId('new-guide-title'), 'Small guide');
    await userEvent.click(screen.getByTestId('new-guide-create'));
    expect(await screen.findByTestId('new-guide-error')).toHaveTextContent('exists');
    expect(screen.getByTestId('new-guide-dialog')).toBeInTheDocument();
  });

  it("shows each guide's newest version, its live version and unpublished edits", async () => {
    const [a, b] = guides();
    const withVersions = [
      { ...a, newest: { label: 'v2', state: 'in_review' as const }, live: 'v1', unpublished_edits: true },
      { ...b, newest: { label: 'v1', state: 'live' as const }, live: 'v1', unpublished_edits: false },
    ];
    setup({ list_guides: () => withVersions });
    const items = await screen.findAllByTestId('guide-item');
    const badges = items.map((i) => within(i).getByTestId('guide-badge').textContent!.replace(/\s+/g, ' ').trim());
    expect(badges).toEqual(['v2 in review v1 live unpublished edits', 'v1 live']);
  });

  it('imports a bundle from a typed path, shows refusals, and ignores a cancelled dialog', async () => {
    let refuse = true;
    const imported = { ...summaryOf(smallGuide(), 5), slug: 'imported', title: 'Imported' };
    const bundle = { ...smallGuide(), meta: { ...smallGuide().meta, slug: 'imported' } };
    const { ipc, onOpen } = setup({
      inspect_bundle: (a) => {
        if (a.path === null) throw { code: 'dialog.cancelled', message: 'No folder chosen.' };
        if (refuse) throw { code: 'bundle.checksum_mismatch', message: 'index.html does not match the manifest.' };
        return { path: a.path, guide: bundle, existing: null, changes: null };
      },
      import_bundle: () => ({ guide: imported, created: true, version: null }),
    });
    await userEvent.click(screen.getByTestId('import-bundle'));
    await userEvent.click(screen.getByTestId('import-browse'));
    await waitFor(() => expect(ipc.calls('inspect_bundle')).toEqual([{ path: null }]));
    expect(screen.queryByTestId('import-error')).toBeNull();
    await userEvent.type(screen.getByTestId('import-path'), '/tmp/bundle/imported');
    await userEvent.click(screen.getByTestId('import-submit'));
    expect(await screen.findByTestId('import-error')).toHaveTextContent('does not match the manifest');
    expect(ipc.calls('import_bundle')).toEqual([]);
    refuse = false;
    await userEvent.click(screen.getByTestId('import-submit'));
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith(5));
    expect(ipc.calls('import_bundle')).toEqual([{ path: '/tmp/bundle/imported', mode: 'new_guide' }]);
  });

  it('shows what a bundle of a guide already in the library changes, then adds it as a version', async () => {
    const existing = summaryOf(smallGuide(), 5);
    const changes = JSON.parse(JSON.stringify(sampleDiff));
    const { ipc, onOpen } = setup({
      inspect_bundle: (a) => ({ path: a.path, guide: smallGuide(), existing, changes }),
      import_bundle: (a) => ({
        guide: existing,
        created: false,
        version: {
          id: 3,
          guide_id: 5,
          number: 2,
          label: 'v2',
          state: 'in_review',
          note: '',
          created: 't',
          state_changed: 't',
          content_updated: 't',
          content_hash: 'h',
          edit_hash: 'h',
          mode: a.mode,
        },
      }),
    });
    await userEvent.click(screen.getByTestId('import-bundle'));
    await userEvent.type(screen.getByTestId('import-path'), '/tmp/bundle/small');
    await userEvent.click(screen.getByTestId('import-submit'));
    // Nothing is imported before the editor has seen the comparison and chosen.
    expect(await screen.findByTestId('import-diff')).toBeInTheDocument();
    expect(ipc.calls('import_bundle')).toEqual([]);
    expect(screen.getByTestId('import-as-version')).toBeChecked();
    await userEvent.click(screen.getByTestId('import-as-draft'));
    await userEvent.click(screen.getByTestId('import-as-version'));
    await userEvent.click(screen.getByTestId('import-confirm'));
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith(5));
    expect(ipc.calls('import_bundle')).toEqual([{ path: '/tmp/bundle/small', mode: 'as_version' }]);
  });
});
