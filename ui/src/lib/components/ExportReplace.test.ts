import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { draftOf, smallGuide } from '../../test/fixtures';
import { installIpc, oneGuideStore } from '../../test/ipc';
import { editor } from '../editor.svelte';
import ExportDialog from './ExportDialog.svelte';

describe('exporting into a folder that already holds the bundle', () => {
  let ipc: ReturnType<typeof installIpc>;
  let existing: Set<string>;
  beforeEach(() => {
    existing = new Set();
    ipc = installIpc({
      ...oneGuideStore().handlers,
      inspect_bundle: (a) => {
        if (existing.has(String(a.path))) return { path: a.path, guide: smallGuide(), existing: null, changes: null };
        throw { code: 'bundle.not_found', message: `${a.path} does not exist` };
      },
      export_bundle: (a) => `${String(a.dir).replace(/\/+$/, '')}/small-guide`,
      pick_export_folder: () => '/picked',
    });
    ipc.mock.mockClear();
    editor.load(draftOf(smallGuide()));
  });

  const open = () => render(ExportDialog, { guideId: 1, versions: [], onClose: vi.fn(), onJump: vi.fn() });

  it('writes at once when nothing is there', async () => {
    const user = userEvent.setup();
    open();
    await user.type(screen.getByTestId('export-dir'), '/out');
    await user.click(screen.getByTestId('export-submit'));
    await waitFor(() => expect(ipc.calls('export_bundle')).toHaveLength(1));
    expect(ipc.calls('inspect_bundle')).toEqual([{ path: '/out/small-guide' }]);
    expect(screen.queryByTestId('export-replace-confirm')).toBeNull();
  });

  it('asks first, and writes only after Replace', async () => {
    existing.add('/out/small-guide');
    const user = userEvent.setup();
    open();
    await user.type(screen.getByTestId('export-dir'), '/out/');
    await user.click(screen.getByTestId('export-submit'));
    const ask = await screen.findByTestId('export-replace-confirm');
    expect(ask).toHaveTextContent('This folder already holds a bundle: exporting replaces it.');
    expect(ask).toHaveTextContent('/out/small-guide');
    expect(ipc.calls('export_bundle')).toHaveLength(0);
    await user.click(screen.getByTestId('export-replace-cancel'));
    expect(screen.queryByTestId('export-replace-confirm')).toBeNull();
    expect(ipc.calls('export_bundle')).toHaveLength(0);
    await user.click(screen.getByTestId('export-submit'));
    await user.click(await screen.findByTestId('export-replace'));
    await waitFor(() => expect(ipc.calls('export_bundle')).toHaveLength(1));
    expect(await screen.findByTestId('export-done')).toHaveTextContent('/out/small-guide');
  });

  it('asks first for a folder chosen with Browse too', async () => {
    existing.add('/picked/small-guide');
    const user = userEvent.setup();
    open();
    await user.click(screen.getByTestId('export-browse'));
    const ask = await screen.findByTestId('export-replace-confirm');
    expect(ask).toHaveTextContent('/picked/small-guide');
    expect(screen.getByTestId('export-dir')).toHaveValue('/picked');
    expect(ipc.calls('export_bundle')).toHaveLength(0);
    await user.click(await screen.findByTestId('export-replace'));
    await waitFor(() => expect(ipc.calls('export_bundle')).toEqual([{ target: expect.anything(), dir: '/picked' }]));
  });
});
