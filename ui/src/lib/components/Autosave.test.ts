import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import EditorHarness from '../../test/EditorHarness.svelte';
import { draftOf, smallGuide } from '../../test/fixtures';
import { installIpc, oneGuideStore, type Handler } from '../../test/ipc';
import { editor } from '../editor.svelte';
import type { Guide } from '../types';

const slow = { timeout: 3000 };
const status = () => screen.getByTestId('save-status');

function setup(extra: Record<string, Handler> = {}) {
  const store = oneGuideStore();
  const ipc = installIpc({ ...store.handlers, ...extra });
  editor.load(draftOf(smallGuide(), 1));
  render(EditorHarness);
  return ipc;
}

describe('autosave', () => {
  beforeEach(() => editor.close());

  it('goes from edited to saving to saved, sending the edit on the loaded base revision', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const ipc = setup({
      save_draft: async (a) => {
        await gate;
        return { revision: 2, findings: [], guide: a.guide };
      },
    });
    expect(status()).toHaveAttribute('data-status', 'saved');
    await userEvent.type(screen.getByTestId('tldr'), ' More.');
    expect(status()).toHaveAttribute('data-status', 'pending');
    await waitFor(() => expect(status()).toHaveAttribute('data-status', 'saving'), slow);
    expect(status()).toHaveTextContent('Saving…');
    release();
    await waitFor(() => expect(status()).toHaveAttribute('data-status', 'saved'), slow);
    expect(status()).toHaveTextContent('Saved');
    const saves = ipc.calls('save_draft');
    expect(saves).toHaveLength(1);
    expect(saves[0].baseRevision).toBe(1);
    expect((saves[0].guide as Guide).tldr).toBe('A short summary. More.');
    expect(editor.revision).toBe(2);
  });

  it('a failed save shows Retry, keeps the edit, and Retry saves it', async () => {
    let fail = true;
    const ipc = setup({
      save_draft: (a) => {
        if (fail) throw { code: 'store.disk_full', message: 'The disk is full.' };
        return { revision: 2, findings: [], guide: a.guide };
      },
    });
    const tldr = screen.getByTestId('tldr');
    await userEvent.clear(tldr);
    await userEvent.type(tldr, 'Rewritten summary.');
    await waitFor(() => expect(status()).toHaveAttribute('data-status', 'failed'), slow);
    expect(status()).toHaveTextContent('Save failed');
    expect(tldr).toHaveValue('Rewritten summary.');
    expect(editor.guide!.tldr).toBe('Rewritten summary.');
    fail = false;
    await userEvent.click(screen.getByTestId('save-retry'));
    await waitFor(() => expect(status()).toHaveAttribute('data-status', 'saved'), slow);
    const saves = ipc.calls('save_draft');
    expect(saves.length).toBeGreaterThanOrEqual(2);
    expect((saves[saves.length - 1].guide as Guide).tldr).toBe('Rewritten summary.');
    expect(saves[saves.length - 1].baseRevision).toBe(1);
  });

  it('a conflict shows the banner; "Keep mine" saves mine on their revision and keeps theirs aside', async () => {
    const theirs = smallGuide();
    theirs.tldr = 'Their summary.';
    let conflict = true;
    const ipc = setup({
      save_draft: (a) => {
        if (conflict) throw { code: 'store.conflict', message: 'Another window saved revision 5.' };
        return { revision: (a.baseRevision as number) + 1, findings: [], guide: a.guide };
      },
      open_draft: () => draftOf(theirs, 5),
    });
    const tldr = screen.getByTestId('tldr');
    await userEvent.clear(tldr);
    await userEvent.type(tldr, 'My summary.');
    const banner = await screen.findByTestId('conflict-banner', {}, slow);
    expect(banner).toHaveTextContent('Another window saved revision 5.');
    expect(status()).toHaveAttribute('data-status', 'conflict');
    // No more autosaves while the conflict is open.
    const before = ipc.calls('save_draft').length;
    await userEvent.type(tldr, '!');
    await new Promise((r) => setTimeout(r, 800));
    expect(ipc.calls('save_draft').length).toBe(before);

    conflict = false;
    await userEvent.click(screen.getByTestId('conflict-keep-mine'));
    await waitFor(() => expect(status()).toHaveAttribute('data-status', 'saved'), slow);
    const last = ipc.calls('save_draft').at(-1)!;
    expect(last.baseRevision).toBe(5);
    expect((last.guide as Guide).tldr).toBe('My summary.!');
    expect(editor.revision).toBe(6);
    expect(screen.queryByTestId('conflict-banner')).toBeNull();
    const side = screen.getByTestId('side-buffer');
    expect(side).toHaveTextContent('Their version (revision 5)');
    expect((side.querySelector('textarea') as HTMLTextAreaElement).value).toContain('Their summary.');
  });

  it('"Take theirs" loads their revision, keeps mine aside, and Undo brings mine back', async () => {
    const theirs = smallGuide();
    theirs.tldr = 'Their summary.';
    setup({
      save_draft: () => {
        throw { code: 'store.conflict', message: 'Revision 5 is newer.' };
      },
      open_draft: () => draftOf(theirs, 5),
    });
    const tldr = screen.getByTestId('tldr');
    await userEvent.clear(tldr);
    await userEvent.type(tldr, 'My summary.');
    await screen.findByTestId('conflict-banner', {}, slow);
    await userEvent.click(screen.getByTestId('conflict-take-theirs'));
    await waitFor(() => expect(screen.getByTestId('tldr')).toHaveValue('Their summary.'));
    expect(editor.revision).toBe(5);
    expect(status()).toHaveAttribute('data-status', 'saved');
    const side = screen.getByTestId('side-buffer');
    expect((side.querySelector('textarea') as HTMLTextAreaElement).value).toContain('My summary.');
    editor.undo();
    await waitFor(() => expect(screen.getByTestId('tldr')).toHaveValue('My summary.'));
  });
});

describe('TL;DR counter', () => {
  beforeEach(() => editor.close());

  it('counts characters against the 800 limit and flags going over', async () => {
    setup();
    const tldr = screen.getByTestId('tldr');
    const counter = screen.getByTestId('tldr-counter');
    expect(counter).toHaveTextContent(`${'A short summary.'.length} / 800`);
    expect(counter).not.toHaveClass('over');
    await fireEvent.input(tldr, { target: { value: 'é'.repeat(800) } });
    expect(counter).toHaveTextContent('800 / 800');
    expect(counter).not.toHaveClass('over');
    await fireEvent.input(tldr, { target: { value: 'x'.repeat(801) } });
    expect(counter).toHaveTextContent('801 / 800');
    expect(counter).toHaveClass('over');
    expect(tldr.getAttribute('aria-describedby')).toContain(counter.id);
  });
});
