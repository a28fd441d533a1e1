import type { Finding } from './types';

/** Validation findings grouped by the field path they point at, each group in report order. */
export function groupByPath(findings: readonly Finding[]): Map<string, Finding[]> {
  const byPath = new Map<string, Finding[]>();
  for (const f of findings) {
    const group = byPath.get(f.path);
    if (group) group.push(f);
    else byPath.set(f.path, [f]);
  }
  return byPath;
}
