/** The id of the form control for a field path (`deals[3].partner` → `f-deals_3__partner`). */
export function fieldId(path: string): string {
  return 'f-' + path.replace(/[^A-Za-z0-9_-]/g, '_');
}
