import { freshId } from './ids';
import { LIST_PARTS, listOf } from './shape';
import type { Guide } from './types';

/** Every list-item id in the guide (new ids must not collide with any). */
export function allIds(g: Guide): Set<string> {
  const s = new Set<string>();
  for (const p of LIST_PARTS) {
    for (const it of listOf(g, p.part)) s.add(it.id);
  }
  return s;
}

/** The prefix of an id ("deal-3f2a9c1d" → "deal"), or "item". */
export function idPrefix(id: string): string {
  const m = /^([A-Za-z_]+)[-_]/.exec(id);
  return m ? m[1] : 'item';
}

/** A copy of an item with a fresh id of the same prefix. */
export function cloneWithIds<T extends { id: string }>(item: T, taken: Set<string>): T {
  const copy = JSON.parse(JSON.stringify(item)) as T;
  copy.id = freshId(idPrefix(item.id), taken);
  return copy;
}
