// Review notes on the draft's fields: a note names a field path and, inside a list, the item's
// stable id, so it follows its item when the list is reordered.
import { listOf } from './shape';
import type { Guide, Note } from './types';

/**
 * Where a note points in `g`: its path with the list index of its item as the draft has it now
 * (`deals[3].partner` → `deals[1].partner` after a move); the note's own path when it names no
 * item or the draft no longer has that item. Null for a note on the whole version.
 */
export function notePath(n: Note, g: Guide | null): string | null {
  if (!n.path) return null;
  const m = /^([a-z_]+)\[(\d+)\](.*)$/.exec(n.path);
  if (!m || !n.item_id || !g) return n.path;
  const i = listOf(g, m[1])?.findIndex((it) => it.id === n.item_id) ?? -1;
  return i >= 0 ? `${m[1]}[${i}]${m[3]}` : n.path;
}

/** Notes grouped by the path they point at in `g`, each group in the given order. */
export function notesByPath(notes: readonly Note[], g: Guide | null): Map<string, Note[]> {
  const out = new Map<string, Note[]>();
  for (const n of notes) {
    const p = notePath(n, g);
    if (p === null) continue;
    const group = out.get(p);
    if (group) group.push(n);
    else out.set(p, [n]);
  }
  return out;
}
