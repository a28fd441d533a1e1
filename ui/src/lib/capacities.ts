import type { Guide } from './types';

/**
 * Takes the GW figures the store parsed from deal capacities into the form's rows whose capacity
 * text is still the text the store parsed. Returns whether any figure changed.
 */
export function takeParsedCapacities(form: Guide, saved: Guide): boolean {
  const savedRows = new Map(saved.deals.rows.map((r) => [r.id, r]));
  let touched = false;
  for (const row of form.deals.rows) {
    const s = savedRows.get(row.id);
    if (row.capacity && s?.capacity && s.capacity.text === row.capacity.text && row.capacity.gw !== s.capacity.gw) {
      row.capacity.gw = s.capacity.gw;
      touched = true;
    }
  }
  return touched;
}
