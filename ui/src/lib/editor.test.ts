// The editor sends edits to the shell's draft session as patches and shows the save state the
// shell reports; undo and redo send inverses.
import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
import { waitFor } from '@testing-library/svelte';
import { draftOf, smallGuide } from '../test/fixtures';
import { installIpc, oneGuideStore } from '../test/ipc';
import type { Patch } from './bindings/Patch';
import { editor } from './editor.svelte';

function setup() {
  const store = oneGuideStore();
  const ipc = installIpc({ ...store.handlers, open_draft: () => draftOf(smallGuide(), 3) });
  return { ipc, store };
}

const sent = (ipc: ReturnType<typeof installIpc>) => ipc.calls('edit_draft').flatMap((c) => c.patches as Patch[]);

describe('the editor and the shell’s draft session', () => {
  beforeEach(() => editor.close());

  it('opens the draft in the shell and sends typing as sets of the field’s path, never the guide', async () => {
    const { ipc, store } = setup();
    await editor.open(1);
    expect(ipc.calls('open_draft_session')).toEqual([{ id: 1, theme: 'auto' }]);
    editor.edit((g) => (g.tldr = 'One.'), 'tldr');
    editor.edit((g) => (g.tldr = 'One. Two.'), 'tldr');
    await waitFor(() => expect(store.session.guide!.tldr).toBe('One. Two.'));
    expect(sent(ipc).every((p) => p.op === 'set' && p.path === 'tldr')).toBe(true);
    // No whole guide crosses, no capacity is parsed, and the page came once, at open (the
    // mocked shell renders it with render_preview).
    expect(ipc.calls('parse_capacity')).toHaveLength(0);
    expect(ipc.calls('render_preview')).toHaveLength(1);
    // The second keystroke continues the undo step: its inverse is not asked for.
    expect(ipc.calls('edit_draft').at(-1)!.inverses).toBe(false);
  });

  it('undoes a typing burst in one step and a list removal by its inverse, and redoes them', async () => {
    const { ipc, store } = setup();
    await editor.open(1);
    const first = smallGuide().tldr;
    editor.edit((g) => (g.tldr = 'A'), 'tldr');
    editor.edit((g) => (g.tldr = 'AB'), 'tldr');
    editor.breakBurst();
    const ids = editor.guide!.takeaways.map((t) => t.id);
    editor.edit((g) => void g.takeaways.splice(0, 1));
    expect(editor.guide!.takeaways.map((t) => t.id)).toEqual(ids.slice(1));
    expect(editor.undo()).toBe(true);
    expect(editor.guide!.takeaways.map((t) => t.id)).toEqual(ids);
    expect(editor.undo()).toBe(true);
    expect(editor.guide!.tldr).toBe(first);
    await waitFor(() => expect(store.session.guide!.tldr).toBe(first));
    expect(store.session.guide!.takeaways.map((t) => t.id)).toEqual(ids);
    expect(sent(ipc).some((p) => p.op === 'insert' && p.list === 'takeaways' && p.index === 0)).toBe(true);
    expect(editor.redo()).toBe(true);
    expect(editor.guide!.tldr).toBe('AB');
    expect(editor.redo()).toBe(true);
    expect(editor.guide!.takeaways.map((t) => t.id)).toEqual(ids.slice(1));
    await waitFor(() => expect(store.session.guide!.takeaways.map((t) => t.id)).toEqual(ids.slice(1)));
  });

  it('shows the save state the shell reports, with the code and message of a failure', async () => {
    setup();
    await editor.open(1);
    editor.edit((g) => (g.tldr = 'Typed.'), 'tldr');
    expect(editor.status).toBe('pending');
    editor.onSaveReport({
      guide_id: 1,
      revision: 3,
      save: { status: 'saving' },
      changes: { inverses: [], parts: [], chrome: [], findings: [], derived: [], save: { status: 'saving' }, revision: 3 },
    });
    expect(editor.status).toBe('saving');
    const failed = { status: 'failed' as const, code: 'store.io', message: 'The disk is full.' };
    editor.onSaveReport({
      guide_id: 1,
      revision: 3,
      save: failed,
      changes: { inverses: [], parts: [], chrome: [], findings: [], derived: [], save: failed, revision: 3 },
    });
    expect(editor.status).toBe('failed');
    expect(editor.error).toBe('The disk is full.');
    const ok = { status: 'saved' as const };
    editor.onSaveReport({
      guide_id: 1,
      revision: 4,
      save: ok,
      changes: {
        inverses: [],
        parts: [],
        chrome: [],
        findings: [],
        derived: [['meta.updated', '2026-11-29T00:00:00Z']],
        save: ok,
        revision: 4,
      },
    });
    expect(editor.status).toBe('saved');
    expect(editor.revision).toBe(4);
    expect(editor.stamp!.updated).toBe('2026-11-29T00:00:00Z');
    // A report about another guide changes nothing.
    editor.onSaveReport({
      guide_id: 9,
      revision: 1,
      save: failed,
      changes: { inverses: [], parts: [], chrome: [], findings: [], derived: [], save: failed, revision: 1 },
    });
    expect(editor.status).toBe('saved');
  });

  it('applies the findings splices and derived values the shell answers with', async () => {
    setup();
    await editor.open(1);
    const f = { severity: 'error' as const, path: 'tldr', item_id: null, code: 'x', message: 'm' };
    editor.findings = [f, { ...f, path: 'meta.title' }];
    editor.onSaveReport({
      guide_id: 1,
      revision: 3,
      save: { status: 'saved' },
      changes: {
        inverses: [],
        parts: [],
        chrome: [],
        findings: [{ start: 0, remove: 1, insert: [] }],
        derived: [['deals[0].capacity.gw', 0.3]],
        save: { status: 'saved' },
        revision: 3,
      },
    });
    expect(editor.findings.map((x) => x.path)).toEqual(['meta.title']);
    expect(editor.guide!.deals.rows[0].capacity!.gw).toBe(0.3);
  });
});
