import { freshId } from './ids';
import type { Guide } from './types';

/** Every list-item id in the guide (new ids must not collide with any). */
export function allIds(g: Guide): Set<string> {
  const s = new Set<string>();
  for (const list of [g.takeaways, g.sections, g.figures, g.deals.rows, g.timeline, g.related_topics, g.related_guides, g.faq, g.sources]) {
    for (const it of list as { id: string }[]) s.add(it.id);
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
