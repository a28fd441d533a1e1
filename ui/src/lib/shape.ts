// The shape of a guide as the UI reads it: parts, lists, labels, limits and review states, all
// taken from the generated SHAPE (almanac-guide's GuideShape). Nothing here is written down twice.
import { SHAPE } from './bindings/shape';
import type { FieldShape } from './bindings/FieldShape';
import type { PartShape } from './bindings/PartShape';
import type { StateShape } from './bindings/StateShape';
import type { Part } from './bindings/Part';
import type { Guide, VersionState } from './types';

/** Every part, in page order. */
export const PARTS: readonly PartShape[] = SHAPE.parts;

/**
 * Whether the store derives the part when it makes a page (the named versions, keyed by label):
 * shown, compared and noted, never typed in the form nor restored item by item.
 */
export function isDerived(part: Part): boolean {
  return PARTS.some((p) => p.part === part && p.derived);
}

/** The parts the form edits, in page order. */
export const FORM_PARTS: readonly PartShape[] = PARTS.filter((p) => !p.derived);

/** What a guide holds where a part's list lives (`list_path`): an array, or nothing. */
type ListAt<K extends Part> = K extends keyof Guide
  ? Guide[K] extends readonly (infer T)[]
    ? T[]
    : Guide[K] extends { rows: readonly (infer R)[] }
      ? R[]
      : never
  : never;

/** The parts that hold a list of items with stable ids. */
export type ListPart = {
  [K in Part]: [ListAt<K>] extends [never] ? never : ListAt<K> extends { id: string }[] ? K : never;
}[Part];

/** One item of a list part (`ItemOf<'deals'>` is a DealRow). */
export type ItemOf<P extends ListPart> = ListAt<P>[number];

/** The list parts whose items are `T` (`PartsHolding<RelatedLink>`: related topics and guides). */
export type PartsHolding<T> = { [K in ListPart]: ItemOf<K> extends T ? K : never }[ListPart];

/** The parts that hold a list of items with stable ids, in page order. */
export const LIST_PARTS: readonly (PartShape & { part: ListPart })[] = FORM_PARTS.filter(
  (p): p is PartShape & { part: ListPart } => p.list_path !== null,
);

/** The shape of one part. */
export function partShape(part: Part): PartShape | undefined {
  return PARTS.find((p) => p.part === part);
}

/** The name people see for a part: "Key takeaways". */
export function partLabel(part: Part): string {
  return partShape(part)?.label ?? part;
}

/** What one item of a list part is called: "deal row". */
export function itemNoun(part: ListPart): string {
  return partShape(part)?.item_noun ?? 'item';
}

/** The fields of a part (of each item, for a list), in order, with the names people see. */
export function fieldsOf(part: Part): readonly FieldShape[] {
  return partShape(part)?.fields ?? [];
}

/**
 * The list a part holds in `g` (`deals` → `g.deals.rows`), or null for a part without one, for
 * the derived versions and for anything that is not a part.
 */
export function listOf<P extends ListPart>(g: Guide, part: P): ItemOf<P>[];
export function listOf(g: Guide, part: string): { id: string }[] | null;
export function listOf(g: Guide, part: string): unknown[] | null {
  const path = LIST_PARTS.find((p) => p.key === part)?.list_path;
  if (!path) return null;
  let at: unknown = g;
  for (const key of path) at = (at as Record<string, unknown> | undefined)?.[key];
  return Array.isArray(at) ? at : null;
}

/** The limits validation applies (characters, as Rust counts them). */
export const LIMITS = SHAPE.limits;

/** Every review state, in review order. */
export const STATES: readonly VersionState[] = SHAPE.states.map((s) => s.state);

function stateShape(state: string): StateShape | undefined {
  return SHAPE.states.find((s) => s.state === state);
}

/** The name people see for a review state: "In review". */
export function stateLabel(state: string): string {
  return stateShape(state)?.label ?? state;
}

/** A review state as running text names it: "in review". */
export function stateName(state: string): string {
  return stateLabel(state).toLowerCase();
}

/**
 * The states a plain move ("Move to…") may reach from `state`; the store stays the judge.
 * Approved is never among them: only Approve reaches it, recording the reviewer and the content.
 */
export function movesFrom(state: VersionState): VersionState[] {
  return [...(stateShape(state)?.moves ?? [])];
}

/** Whether Approve applies to a version in `state`. */
export function isApprovable(state: VersionState): boolean {
  return stateShape(state)?.approvable ?? false;
}

/** The states a new version may start in. */
export const INITIAL_STATES: readonly VersionState[] = SHAPE.states.filter((s) => s.initial).map((s) => s.state);

/** The label of the working draft (`meta.version.label` of a draft not yet named). */
export const DRAFT_LABEL = SHAPE.draft_label;
