// Edits as patches (almanac-edit's `Patch`): the form changes its copy of the guide through
// `recordPatches`, which watches what a change writes and says it as patches addressed by the
// field paths validation uses (`deals[3].partner`, an item of `takeaways` inserted, removed or
// moved by id); `applyPatch` applies a patch to the form's copy (undo and redo).
import type { Patch } from './bindings/Patch';
import type { Part } from './bindings/Part';
import { LIST_PARTS } from './shape';
import type { Guide } from './types';

export type { Patch };

type Key = string | number;
type Obj = Record<string, unknown>;

/** A plain copy of a value (the form's guide is a reactive proxy). */
function plain<T>(v: T): T {
  return v === undefined ? (null as T) : (JSON.parse(JSON.stringify(v)) as T);
}

function read(root: unknown, at: readonly Key[]): unknown {
  let v = root;
  for (const k of at) v = (v as Obj | undefined)?.[k as string];
  return v;
}

const LISTS = LIST_PARTS.map((p) => ({ key: p.key, part: p.part as Part, path: p.list_path as string[] }));

function listAt(path: readonly Key[]): (typeof LISTS)[number] | undefined {
  return LISTS.find((l) => l.path.length <= path.length && l.path.every((k, i) => path[i] === k));
}

interface ListTouch {
  part: Part;
  key: string;
  path: string[];
  before: { id: string }[];
}

/** What a change wrote, gathered as it runs. */
class Recorder {
  sets = new Map<string, Key[]>();
  /** Each set field's value before the change (undefined: the field was absent). */
  olds = new Map<string, unknown>();
  /** The list item of an item field set, and each such item before the change. */
  itemOf = new Map<string, string>();
  items = new Map<string, unknown>();
  lists = new Map<string, ListTouch>();
  /** Item fields written, by list key (a list reordered after them is replaced whole). */
  fieldsIn = new Set<string>();
  whole = false;

  constructor(private readonly root: Guide) {}

  note(at: Key[]): void {
    if (this.whole) return;
    const [first, second] = at;
    if (first === 'tldr' && at.length >= 1) return this.set('tldr', ['tldr']);
    if (first === 'meta') {
      if (at.length === 1) return this.set('meta', ['meta']);
      if (second === 'version' && at.length >= 3) return this.set(`meta.version.${String(at[2])}`, at.slice(0, 3));
      return this.set(`meta.${String(second)}`, at.slice(0, 2));
    }
    const list = listAt(at);
    if (list) {
      const n = list.path.length;
      if (at.length === n) {
        this.whole = true;
        return;
      }
      if (at.length === n + 1) {
        // The list itself: an item added, removed, moved or put in place.
        if (this.fieldsIn.has(list.key)) {
          this.whole = true;
          return;
        }
        if (!this.lists.has(list.key)) {
          const before = plain(read(this.root, list.path) as { id: string }[]);
          this.lists.set(list.key, { part: list.part, key: list.key, path: list.path, before });
        }
        return;
      }
      if (this.lists.has(list.key)) return; // the list's diff covers it
      this.fieldsIn.add(list.key);
      const item = `${list.key}[${String(at[n])}]`;
      if (!this.items.has(item)) this.items.set(item, plain(read(this.root, at.slice(0, n + 1))));
      return this.set(`${item}.${String(at[n + 1])}`, at.slice(0, n + 2), item);
    }
    if (first === 'deals' && (second === 'caption' || second === 'footnote')) return this.set(`deals.${second}`, at.slice(0, 2));
    this.whole = true;
  }

  private set(path: string, at: Key[], item: string | null = null): void {
    if (this.sets.has(path)) return;
    this.sets.set(path, at);
    const old = read(this.root, at);
    this.olds.set(path, old === undefined ? undefined : plain(old));
    if (item) this.itemOf.set(path, item);
  }

  patches(): Recorded {
    const whole = (): Recorded => ({ patches: [{ op: 'replace', guide: plain(this.root) }], inverses: [null] });
    if (this.whole) return whole();
    const out: Recorded = { patches: [], inverses: [] };
    const wholeItems = new Set<string>();
    for (const [path, at] of this.sets) {
      const now = read(this.root, at);
      const old = this.olds.get(path);
      if (JSON.stringify(now) === JSON.stringify(old)) continue;
      const item = this.itemOf.get(path);
      if (item && (now === undefined || old === undefined)) {
        // A field that leaves or enters its item (an option taken away): the item is set whole,
        // so the field is absent, not null.
        wholeItems.add(item);
        continue;
      }
      out.patches.push({ op: 'set', path, value: plain(now) });
      out.inverses.push({ op: 'set', path, value: old ?? null });
    }
    for (const item of wholeItems) {
      const at = this.sets.get([...this.itemOf].find(([, i]) => i === item)![0])!.slice(0, -1);
      out.patches.push({ op: 'set', path: item, value: plain(read(this.root, at)) });
      out.inverses.push({ op: 'set', path: item, value: this.items.get(item) });
    }
    for (const t of this.lists.values()) {
      const ops = listPatches(t, read(this.root, t.path) as { id: string }[]);
      if (!ops) return whole();
      out.patches.push(...ops.patches);
      out.inverses.push(...ops.inverses);
    }
    return out;
  }
}

/** A change as patches, each with its inverse where it is known here (null: the shell's answer brings it). */
export interface Recorded {
  patches: Patch[];
  inverses: (Patch | null)[];
}

/** Insert, remove and move (by id) turning `t.before` into `after`, then sets of the items that changed, with their inverses; null when ids repeat. */
function listPatches(t: ListTouch, after: { id: string }[]): Recorded | null {
  const was = t.before.map((x) => x.id);
  const now = after.map((x) => x.id);
  if (new Set(was).size !== was.length || new Set(now).size !== now.length) return null;
  const out: Recorded = { patches: [], inverses: [] };
  const push = (p: Patch, inv: Patch) => {
    out.patches.push(p);
    out.inverses.push(inv);
  };
  const item = new Map(t.before.map((x) => [x.id, x]));
  const keep = new Set(now);
  const work = [...was];
  for (const id of was) {
    if (keep.has(id)) continue;
    const i = work.indexOf(id);
    work.splice(i, 1);
    push({ op: 'remove', list: t.part, id }, { op: 'insert', list: t.part, index: i, item: item.get(id) });
  }
  const old = new Set(was);
  for (let j = 0; j < now.length; j++) {
    const id = now[j];
    if (!old.has(id)) {
      push({ op: 'insert', list: t.part, index: j, item: plain(after[j]) }, { op: 'remove', list: t.part, id });
      work.splice(j, 0, id);
    } else if (work[j] !== id) {
      const from = work.indexOf(id);
      work.splice(from, 1);
      work.splice(j, 0, id);
      push({ op: 'move', list: t.part, id, to: j }, { op: 'move', list: t.part, id, to: from });
    }
  }
  after.forEach((x, j) => {
    const b = item.get(x.id);
    if (b !== undefined && JSON.stringify(b) !== JSON.stringify(x)) {
      push({ op: 'set', path: `${t.key}[${j}]`, value: plain(x) }, { op: 'set', path: `${t.key}[${j}]`, value: b });
    }
  });
  return out;
}

const RAW = Symbol('raw');

function unwrap(v: unknown): unknown {
  return v !== null && typeof v === 'object' ? ((v as { [RAW]?: unknown })[RAW] ?? v) : v;
}

function watch<T extends object>(target: T, at: Key[], rec: Recorder): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (prop === RAW) return t;
      const v = Reflect.get(t, prop, receiver) as unknown;
      if (typeof prop === 'symbol' || v === null || typeof v !== 'object') return v;
      const k = Array.isArray(t) && /^\d+$/.test(prop) ? Number(prop) : prop;
      return watch(v as object, [...at, k], rec);
    },
    set(t, prop, value) {
      if (typeof prop !== 'symbol') rec.note([...at, Array.isArray(t) && /^\d+$/.test(prop) ? Number(prop) : prop]);
      return Reflect.set(t, prop, unwrap(value));
    },
    deleteProperty(t, prop) {
      if (typeof prop !== 'symbol') rec.note([...at, prop]);
      return Reflect.deleteProperty(t, prop);
    },
  });
}

/**
 * Runs `mutate` on `guide` (changing it) and returns the change as patches: a `set` per field
 * written, the inserts, removes, moves and item sets of a list whose items changed, or one
 * `replace` of the whole guide when the change wrote elsewhere.
 */
export function recordPatches(guide: Guide, mutate: (g: Guide) => void): Recorded {
  const rec = new Recorder(guide);
  mutate(watch(guide, [], rec));
  return rec.patches();
}

function listOfKey(g: Guide, key: string): Obj[] {
  const l = LISTS.find((x) => x.key === key || x.part === key);
  if (!l) throw new Error(`no list ${key}`);
  return read(g, l.path) as Obj[];
}

/** Applies a patch (not `replace`: the caller puts that guide in place) to the form's guide. */
export function applyPatch(g: Guide, p: Patch): void {
  switch (p.op) {
    case 'set': {
      const m = /^([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?(?:\.([a-z_]+))?$/.exec(p.path);
      if (!m) throw new Error(`bad path ${p.path}`);
      const [, part, index, field, sub] = m;
      const value = plain(p.value);
      if (index !== undefined) {
        const list = listOfKey(g, part);
        const i = Number(index);
        if (field === undefined) list[i] = value as Obj;
        else if (field === 'capacity' && typeof value === 'string') list[i][field] = { text: value, gw: null };
        else list[i][field] = value;
      } else if (field === undefined) {
        (g as unknown as Obj)[part] = value;
      } else if (sub !== undefined) {
        ((g as unknown as Record<string, Obj>)[part][field] as Obj)[sub] = value;
      } else {
        (g as unknown as Record<string, Obj>)[part][field] = value;
      }
      return;
    }
    case 'insert':
      listOfKey(g, p.list).splice(p.index, 0, plain(p.item) as Obj);
      return;
    case 'remove': {
      const list = listOfKey(g, p.list);
      const i = list.findIndex((x) => x.id === p.id);
      if (i >= 0) list.splice(i, 1);
      return;
    }
    case 'move': {
      const list = listOfKey(g, p.list);
      const i = list.findIndex((x) => x.id === p.id);
      if (i < 0) return;
      const [it] = list.splice(i, 1);
      list.splice(p.to, 0, it);
      return;
    }
    case 'replace':
      throw new Error('replace is applied by the caller');
  }
}

/** Sets a derived value (`deals[3].capacity.gw`) in the form's guide, where its item still exists. */
export function setDerived(g: Guide, path: string, value: unknown): boolean {
  const m = /^([a-z_]+)\[(\d+)\]\.([a-z_]+)\.([a-z_]+)$/.exec(path);
  if (m) {
    const item = listOfKey(g, m[1])[Number(m[2])] as Obj | undefined;
    const cell = item?.[m[3]] as Obj | null | undefined;
    if (!cell || cell[m[4]] === value) return false;
    cell[m[4]] = value;
    return true;
  }
  const top = /^meta\.([a-z_]+)$/.exec(path);
  if (top) {
    (g.meta as unknown as Obj)[top[1]] = plain(value);
    return true;
  }
  if (path === 'versions') {
    g.versions = plain(value) as Guide['versions'];
    return true;
  }
  return false;
}
