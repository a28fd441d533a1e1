import type { Guide, VersionState } from './types';
import type { DiffSide } from './diff';

/**
 * The moves the store allows between review states (mirrors almanac-store's allowed_transition;
 * the store stays the judge): forwards draft → in review → approved → live, back one step,
 * archived from any other state, and from archived only back to draft.
 */
export function allowedTransitions(from: VersionState): VersionState[] {
  const t: Record<VersionState, VersionState[]> = {
    draft: ['in_review', 'archived'],
    in_review: ['approved', 'draft', 'archived'],
    approved: ['live', 'in_review', 'archived'],
    live: ['approved', 'archived'],
    archived: ['draft'],
  };
  return t[from];
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
