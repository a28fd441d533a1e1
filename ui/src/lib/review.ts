import { DRAFT_LABEL, stateName } from './shape';
import type { GuideRef, VersionState } from './types';

/** How the page names a version: "v3 · live", "v3 · draft, unpublished edits", "draft · not yet versioned". */
export function versionLine(v: { label: string; state: VersionState; based_on?: string; same_as_base?: boolean }): string {
  if (v.label.trim() === DRAFT_LABEL) {
    if (!v.based_on) return `${DRAFT_LABEL} · not yet versioned`;
    return `${v.based_on} · ${DRAFT_LABEL}, ${v.same_as_base ? 'no edits since' : 'unpublished edits'}`;
  }
  return `${v.label} · ${stateName(v.state)}`;
}

/** The next free version label: "v1", "v2", … after the highest "vN" in use. */
export function nextLabel(labels: string[]): string {
  let max = 0;
  for (const l of labels) {
    const m = /^v(\d+)$/i.exec(l.trim());
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `v${max + 1}`;
}

export function sameSide(a: GuideRef, b: GuideRef): boolean {
  return a.kind === b.kind && (a.kind === 'draft' ? a.guide_id === (b as typeof a).guide_id : a.version_id === (b as typeof a).version_id);
}
