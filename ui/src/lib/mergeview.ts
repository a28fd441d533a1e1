// How the merge dialog shows a conflict's values: text as text, an item field by field with the
// form's names, an order as the items in that order. Never ids or internal keys.
import { fieldsOf, listOf } from './shape';
import type { Conflict, ConflictKind, Guide } from './types';

export type Shown = { kind: 'absent' } | { kind: 'text'; text: string } | { kind: 'fields'; rows: { label: string; text: string }[] };

/** A cell or field value in words: text as typed, a capacity by its text, unknown as "unknown". */
function words(v: unknown): string {
  if (v === null || v === undefined) return 'unknown';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(words).join(', ');
  if (typeof v === 'object' && 'text' in v && typeof (v as { text: unknown }).text === 'string') return (v as { text: string }).text;
  return JSON.stringify(v);
}

/** What an item is called in a list of items: its first non-empty text. */
function itemName(item: Record<string, unknown>): string {
  for (const [k, v] of Object.entries(item)) {
    if (k !== 'id' && typeof v === 'string' && v.trim()) return v;
  }
  return 'an item without text';
}

/** One side of a conflict for reading. `known` holds the items the order's ids may name. */
export function shown(c: Conflict, v: unknown, known: Guide | null): Shown {
  if (v === null || v === undefined) return { kind: 'absent' };
  if (c.kind === 'order' && Array.isArray(v)) {
    const items = (known ? listOf(known, c.part) : null) as Record<string, unknown>[] | null;
    const rows = v.map((id, i) => {
      const item = items?.find((it) => it.id === id);
      return { label: String(i + 1), text: item ? itemName(item) : 'an item not in your draft' };
    });
    return { kind: 'fields', rows };
  }
  if (typeof v === 'object' && !Array.isArray(v) && !('text' in v && Object.keys(v).length <= 2)) {
    const labels = new Map(fieldsOf(c.part).map((f) => [f.key, f.label]));
    const rows = Object.entries(v as Record<string, unknown>)
      .filter(([k]) => k !== 'id')
      .map(([k, x]) => ({ label: labels.get(k) ?? k.replace(/_/g, ' '), text: words(x) }));
    return { kind: 'fields', rows };
  }
  return { kind: 'text', text: words(v) };
}

/** Whether a conflict's value is edited as text (a text field) rather than as JSON. */
export function editsAsText(c: Conflict): boolean {
  const sample = c.theirs ?? c.ours ?? c.base;
  return typeof sample === 'string';
}

/** The Edit box's first content: theirs (or what there is), as text or as JSON. */
export function editStart(c: Conflict): string {
  const v = c.theirs ?? c.ours ?? c.base;
  if (editsAsText(c)) return typeof v === 'string' ? v : '';
  return JSON.stringify(v ?? null, null, 2);
}

/** What kind of collision, in words. */
export function kindWords(k: ConflictKind): string {
  switch (k) {
    case 'both_changed':
      return 'You and they both changed this.';
    case 'removed_by_us':
      return 'You removed this; they changed it.';
    case 'removed_by_them':
      return 'They removed this; you changed it.';
    case 'added_both':
      return 'You and they both added this, differently.';
    case 'order':
      return 'You and they both reordered this list.';
  }
}
