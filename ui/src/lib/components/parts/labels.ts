// The names people see for a part's fields, as the guide's shape gives them.
import type { Part } from '../../diff';
import { fieldsOf } from '../../shape';

/** The label of `field` in `part` ("Key events only"); the field's key when the shape has none. */
export function fieldLabel(part: Part, field: string): string {
  return fieldsOf(part).find((f) => f.key === field)?.label ?? field;
}
