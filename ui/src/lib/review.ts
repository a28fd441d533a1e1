import type { Guide, VersionState } from './types';
import type { DiffSide } from './diff';

/**
 * The review states a version may be moved to by "Move to…" (mirrors the state machine of
 * almanac-guide's VersionState; the store stays the judge). Approved is never a plain move: only
 * Approve reaches it, recording the reviewer and the content.
 */
export function allowedTransitions(from: VersionState): VersionState[] {
  const t: Record<VersionState, VersionState[]> = {
    draft: ['in_review', 'archived'],
    in_review: ['draft', 'archived'],
    approved: ['live', 'in_review', 'archived'],
    live: ['archived'],
    archived: ['draft'],
  };
  return t[from];
}

/** The states a new version may start in. */
export const INITIAL_STATES: VersionState[] = ['draft', 'in_review'];

/** How the page names a version: "v3 · live", "v3 · draft, unpublished edits", "draft · not yet versioned". */
export function versionLine(v: { label: string; state: VersionState; based_on?: string; same_as_base?: boolean }): string {
  if (v.label.trim() === 'draft') {
    if (!v.based_on) return 'draft · not yet versioned';
    return `${v.based_on} · draft, ${v.same_as_base ? 'no edits since' : 'unpublished edits'}`;
  }
  return `${v.label} · ${v.state.replace('_', ' ')}`;
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

export function sameSide(a: DiffSide, b: DiffSide): boolean {
  return a.kind === b.kind && (a.kind === 'draft' ? a.guide_id === (b as typeof a).guide_id : a.version_id === (b as typeof a).version_id);
}

/** The list of a guide a diff part names, for local edits (removing an item added since a version). */
export function listOf(g: Guide, part: string): { id: string }[] | null {
  switch (part) {
    case 'takeaways':
      return g.takeaways;
    case 'sections':
      return g.sections;
    case 'figures':
      return g.figures;
    case 'deals':
      return g.deals.rows;
    case 'timeline':
      return g.timeline;
    case 'related_topics':
      return g.related_topics;
    case 'related_guides':
      return g.related_guides;
    case 'faq':
      return g.faq;
    case 'sources':
      return g.sources;
    default:
      return null;
  }
}
