// Editing one field of one list item, as the part components do.
import { editor } from '../../editor.svelte';
import { listOf, partShape, type ItemOf, type ListPart } from '../../shape';

/** The field path of an item's field, as validation reports it: `faq[2].answer`. */
export function itemPath(part: ListPart, index: number, field: string): string {
  return `${partShape(part)?.key ?? part}[${index}].${field}`;
}

/** Edits the item with `id` in a part's list, as one typing burst per field. */
export function editItem<P extends ListPart>(part: P, id: string, field: string, set: (item: ItemOf<P>) => void): void {
  editor.edit(
    (g) => {
      const item = listOf(g, part).find((x) => x.id === id);
      if (item) set(item);
    },
    `${partShape(part)?.key ?? part}:${id}.${field}`,
  );
}

/** An optional text: empty means absent. */
export function optional(v: string): string | null {
  return v === '' ? null : v;
}
