// How field paths and list items read for people, from the guide's shape: the part's label,
// the item's noun and its name, the field's label. Notes, toasts and the compare view use these
// instead of raw paths ("tldr", "deals[3]") or ids.
import { itemNoun, listOf, partShape, type ListPart } from './shape';
import type { Part } from './bindings/Part';
import type { Guide } from './types';

/** At most this many characters of a name, on one line (as the diff's item labels). */
const NAME_MAX = 60;

function short(text: string): string {
  const flat = text.split(/\s+/).filter(Boolean).join(' ');
  const chars = [...flat];
  return chars.length <= NAME_MAX
    ? flat
    : chars
        .slice(0, NAME_MAX - 1)
        .join('')
        .trimEnd() + '…';
}

/**
 * An item's name: the shape's name fields joined by " · ", an empty one as "—" ("Mirage AI ·
 * Sahara Grid" for a deal row); empty when every name field is empty.
 */
export function itemName(part: Part, item: object): string {
  const fields = partShape(part)?.name_fields ?? [];
  const values = fields.map((k) => {
    const v = (item as Record<string, unknown>)[k];
    return typeof v === 'string' ? v.trim() : '';
  });
  if (values.every((v) => v === '')) return '';
  return short(values.map((v) => v || '—').join(' · '));
}

/**
 * An item as running text names it: its noun and its name ("deal row Mirage AI · Sahara
 * Grid"), or its noun and position (1-based `index`) when it has no name yet ("deal row 4").
 */
export function itemLabel(part: ListPart, item: object, index: number): string {
  const name = itemName(part, item);
  return `${itemNoun(part)} ${name || index + 1}`;
}

/**
 * How a field path reads for people, as almanac-guide's `path_label` reads it: `tldr` →
 * "TL;DR", `meta.title` → "Details · Title", `deals[3].partner` → "Deal table · deal row 4 ·
 * Partner". Given the guide, an item is named instead of numbered ("Deal table · deal row
 * Mirage AI · Sahara Grid · Partner"). A path of no part is returned as written.
 */
export function pathLabel(path: string, guide: Guide | null = null): string {
  const m = /^([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?/.exec(path);
  const shape = m ? partShape(m[1] as Part) : undefined;
  if (!m || !shape || shape.key !== m[1]) return path;
  const out = [shape.label];
  if (m[2] !== undefined && shape.item_noun) {
    const i = Number(m[2]);
    const item = guide ? listOf(guide, shape.key)?.[i] : undefined;
    out.push(item ? itemLabel(shape.part as ListPart, item, i) : `${shape.item_noun} ${i + 1}`);
  }
  // A part that is one field (`tldr`) is named by the part alone.
  if (m[3] !== undefined) out.push(shape.fields.find((f) => f.key === m[3])?.label ?? m[3]);
  return out.join(' · ');
}

/** How a Markdown field takes text, from the shape: "inline", "block", or null for plain text. */
export function markdownOf(path: string): 'inline' | 'block' | null {
  const m = /^([a-z_]+)(?:\[\d+\])?(?:\.([a-z_]+))?$/.exec(path);
  const shape = m ? partShape(m[1] as Part) : undefined;
  if (!m || !shape) return null;
  return shape.fields.find((f) => f.key === (m[2] ?? m[1]))?.markdown ?? null;
}

/**
 * The name people see for the field `field` at `path` ("deals[3].partner" → "Partner"); a field
 * inside another (`meta.version.state`) is named after both ("Version · state"), as the diff
 * report names it.
 */
export function fieldLabelAt(path: string, field: string): string {
  const m = /^([a-z_]+)(?:\[\d+\])?(?:\.([a-z_]+))?/.exec(path);
  const shape = m ? partShape(m[1] as Part) : undefined;
  const own = shape?.fields.find((f) => f.key === field)?.label;
  if (own || !shape || !m?.[2] || m[2] === field) return own ?? field;
  return `${shape.fields.find((f) => f.key === m[2])?.label ?? m[2]} · ${field}`;
}
