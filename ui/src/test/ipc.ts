// Mocked IPC for component tests: each test file does
//   vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
// and then installs command handlers here. An unhandled command fails the call loudly.
import { invoke } from '@tauri-apps/api/core';
import { vi } from 'vitest';
import { editor } from '../lib/editor.svelte';

export type Handler = (args: Record<string, unknown>) => unknown;

/** The draft the last `restore_*` command answered with (the store's draft after it). */
let restored: import('../lib/types').Draft | null = null;

export function installIpc(handlers: Record<string, Handler>) {
  restored = null;
  const mock = vi.mocked(invoke);
  mock.mockImplementation(async (cmd: string, args?: unknown) => {
    const h = handlers[cmd];
    if (!h) throw { code: 'internal', message: `test: no handler for command ${cmd}` };
    const out = await h((args ?? {}) as Record<string, unknown>);
    // What a restore wrote is the stored draft the mocked draft session takes in next.
    if (cmd.startsWith('restore_')) restored = out as import('../lib/types').Draft;
    return out as never;
  });
  return {
    mock,
    calls(cmd: string): Record<string, unknown>[] {
      return mock.mock.calls.filter((c) => c[0] === cmd).map((c) => (c[1] ?? {}) as Record<string, unknown>);
    },
  };
}

/**
 * Handlers for a store holding the one guide a test opens (the test serves `open_draft`):
 * the draft session (`draftSession`), validation, preview, capacities and saves, with a
 * counter for revisions.
 */
export function oneGuideStore() {
  let revision = 1;
  const session = draftSession();
  return {
    get revision() {
      return revision;
    },
    session,
    handlers: {
      ...session.handlers,
      validate_guide: () => [],
      render_preview: (a: Record<string, unknown>) => {
        const g = a.guide as import('../lib/types').Guide;
        return `<!doctype html><html><body><h1>${g.meta.title}</h1><p data-path="tldr">${g.tldr}</p></body></html>`;
      },
      parse_capacity: (a: Record<string, unknown>) => {
        const m = /([\d.]+)\s*(GW|MW)/i.exec(String(a.text));
        if (!m) return null;
        return m[2].toUpperCase() === 'MW' ? Number(m[1]) / 1000 : Number(m[1]);
      },
      save_draft: (a: Record<string, unknown>) => {
        revision = (a.baseRevision as number) + 1;
        return { revision, findings: [], guide: a.guide };
      },
    } as Record<string, Handler>,
  };
}

type Obj = Record<string, unknown>;
type Patch = import('../lib/bindings/Patch').Patch;
type Guide = import('../lib/types').Guide;
type SaveReport = import('../lib/bindings/SaveReport').SaveReport;
type SaveState = import('../lib/bindings/SaveState').SaveState;

const LIST_PATHS: Record<string, string[]> = {
  takeaways: ['takeaways'],
  sections: ['sections'],
  figures: ['figures'],
  deals: ['deals', 'rows'],
  timeline: ['timeline'],
  related_topics: ['related_topics'],
  faq: ['faq'],
  related_guides: ['related_guides'],
  sources: ['sources'],
  versions: ['versions'],
};

function listIn(g: Guide, key: string): Obj[] {
  let v: unknown = g;
  for (const k of LIST_PATHS[key]) v = (v as Obj)[k];
  return v as Obj[];
}

function gwOf(text: string): number | null {
  const m = /([\d.]+)\s*(GW|MW)/i.exec(text);
  if (!m) return null;
  return m[2].toUpperCase() === 'MW' ? Number(m[1]) / 1000 : Number(m[1]);
}

/** Applies a patch to the mocked shell's copy of the draft; returns the inverse and derived values. */
function applyMock(copy: { g: Guide }, p: Patch): { inverse: Patch; derived: [string, unknown][] } {
  const g = copy.g;
  const clone = <T>(v: T): T => (v === undefined ? (null as T) : (JSON.parse(JSON.stringify(v)) as T));
  switch (p.op) {
    case 'set': {
      const m = /^([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?(?:\.([a-z_]+))?$/.exec(p.path)!;
      const [, part, index, field, sub] = m;
      let holder: Obj;
      let key: string;
      if (index !== undefined) {
        const list = listIn(g, part);
        holder = field === undefined ? (list as unknown as Obj) : list[Number(index)];
        key = field ?? index;
      } else if (field === undefined) {
        holder = g as unknown as Obj;
        key = part;
      } else if (sub !== undefined) {
        holder = (g as unknown as Record<string, Record<string, Obj>>)[part][field];
        key = sub;
      } else {
        holder = (g as unknown as Record<string, Obj>)[part];
        key = field;
      }
      const old = clone(holder[key]);
      let value = clone(p.value);
      const derived: [string, unknown][] = [];
      if (part === 'deals' && field === 'capacity') {
        if (typeof value === 'string') value = { text: value, gw: null };
        if (value && typeof value === 'object') {
          const gw = gwOf(String((value as Obj).text));
          (value as Obj).gw = gw;
          derived.push([`deals[${index}].capacity.gw`, gw]);
        }
      }
      holder[key] = value;
      return { inverse: { op: 'set', path: p.path, value: old }, derived };
    }
    case 'insert':
      listIn(g, p.list).splice(p.index, 0, clone(p.item) as Obj);
      return { inverse: { op: 'remove', list: p.list, id: (p.item as Obj).id as string }, derived: [] };
    case 'remove': {
      const list = listIn(g, p.list);
      const i = list.findIndex((x) => x.id === p.id);
      if (i < 0) throw { code: 'edit.no_such_item', message: `no item ${p.id}` };
      const [item] = list.splice(i, 1);
      return { inverse: { op: 'insert', list: p.list, index: i, item }, derived: [] };
    }
    case 'move': {
      const list = listIn(g, p.list);
      const i = list.findIndex((x) => x.id === p.id);
      if (i < 0) throw { code: 'edit.no_such_item', message: `no item ${p.id}` };
      const [item] = list.splice(i, 1);
      list.splice(p.to, 0, item);
      return { inverse: { op: 'move', list: p.list, id: p.id, to: i }, derived: [] };
    }
    case 'replace': {
      const old = copy.g;
      copy.g = clone(p.guide);
      return { inverse: { op: 'replace', guide: old }, derived: [] };
    }
  }
}

function pageOf(g: Guide): string {
  return `<!doctype html><html><body><h1>${g.meta.title}</h1><p data-path="tldr">${g.tldr}</p></body></html>`;
}

/**
 * The shell's draft session, mocked: its copy of the draft (the draft `editor.load` showed), patches applied with their inverses, and the autosave, which saves through the
 * `save_draft` command (so a test's own `save_draft` handler decides how a save goes) and
 * reports to the editor as the `draft-saved` event does.
 */
export function draftSession(autosaveMs = 50) {
  let copy: { g: Guide } | null = null;
  let id = 1;
  let revision = 1;
  let state: SaveState = { status: 'saved' };
  let timer: ReturnType<typeof setTimeout> | null = null;
  const edited = () => ({ inverses: [], parts: [], chrome: [], findings: [], derived: [], save: state, revision });
  const start = () => {
    if (copy) return copy;
    const d = editor.loaded!;
    copy = { g: JSON.parse(JSON.stringify(d.guide)) as Guide };
    id = d.guide_id;
    revision = d.revision;
    return copy;
  };
  /** How many findings the editor holds (the mock answers with a splice replacing them all). */
  let shownFindings = 0;
  const findingsOf = async (g: Guide) => {
    try {
      const f = (await invoke('validate_guide', { guide: JSON.parse(JSON.stringify(g)) })) as unknown[];
      shownFindings = f.length;
      return f;
    } catch {
      shownFindings = 0;
      return [];
    }
  };
  const documentOf = async (g: Guide, theme: unknown) => {
    try {
      return (await invoke('render_preview', { guide: JSON.parse(JSON.stringify(g)), theme, draftOf: id })) as string;
    } catch {
      return pageOf(g);
    }
  };
  const report = (): SaveReport => ({ guide_id: id, revision, save: state, changes: edited() });
  async function save(retry: boolean): Promise<SaveReport> {
    const c = start();
    if (state.status === 'conflict' || (state.status === 'failed' && !retry) || state.status === 'saved') return report();
    state = { status: 'saving' };
    try {
      const out = (await invoke('save_draft', { id, baseRevision: revision, guide: JSON.parse(JSON.stringify(c.g)) })) as {
        revision: number;
      };
      revision = out.revision;
      state = { status: 'saved' };
    } catch (e) {
      const err = e as { code: string; message: string };
      state = err.code === 'store.conflict' ? { status: 'conflict', ...err } : { status: 'failed', ...err };
    }
    return report();
  }
  const schedule = async () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(async () => {
      timer = null;
      if (state.status !== 'pending') return;
      state = { status: 'saving' };
      editor.onSaveReport(report());
      state = { status: 'pending' };
      editor.onSaveReport(await save(false));
    }, autosaveMs);
  };
  return {
    get guide() {
      return copy?.g ?? null;
    },
    handlers: {
      open_draft_session: async (a: Obj) => {
        const d = (await invoke('open_draft', { id: a.id })) as import('../lib/types').Draft;
        copy = { g: JSON.parse(JSON.stringify(d.guide)) as Guide };
        id = d.guide_id;
        revision = d.revision;
        state = { status: 'saved' };
        return { draft: d, findings: await findingsOf(copy.g), document: await documentOf(copy.g, a.theme) };
      },
      edit_draft: async (a: Obj) => {
        const c = start();
        const before = shownFindings;
        const out = { ...edited(), inverses: [] as Patch[], derived: [] as [string, unknown][], parts: [] as [string, string][] };
        for (const p of a.patches as Patch[]) {
          const r = applyMock(c, p);
          out.inverses.push(r.inverse);
          out.derived.push(...r.derived);
        }
        if (!a.inverses) out.inverses = [];
        const after = await findingsOf(c.g);
        (out as Obj).findings = [{ start: 0, remove: before, insert: after }];
        out.parts = [['tldr', `<section id="part-tldr">${c.g.tldr}</section>\n`]];
        if (state.status !== 'conflict') state = { status: 'pending' };
        out.save = state;
        void schedule();
        return out;
      },
      flush_draft: () => save(true),
      keep_my_draft: async () => {
        const theirs = (await invoke('open_draft', { id })) as import('../lib/types').Draft;
        revision = theirs.revision;
        state = { status: 'pending' };
        const r = await save(true);
        return { draft: theirs, changes: r.changes };
      },
      take_stored_draft: async (a: Obj) => {
        const c = start();
        let stored = restored;
        restored = null;
        if (!stored) stored = (await invoke('open_draft', { id })) as import('../lib/types').Draft;
        if (a.onlyIfNewer && (stored.revision <= revision || state.status !== 'saved')) return null;
        const old = c.g;
        c.g = JSON.parse(JSON.stringify(stored.guide)) as Guide;
        revision = stored.revision;
        state = { status: 'saved' };
        return { draft: stored, changes: { ...edited(), inverses: [{ op: 'replace', guide: old }] } };
      },
      refresh_draft_stamp: () => edited(),
      set_draft_theme: (a: Obj) => documentOf(start().g, a.theme),
      close_draft_session: () => null,
    } as Record<string, Handler>,
  };
}
