// A choice between the draft and the named versions of a guide, as the value of a <select> or a
// radio button: "draft", or "v:<version id>".
import type { GuideRef } from './types';

const VERSION_PREFIX = 'v:';

/** The value that chooses the draft. */
export const DRAFT_CHOICE = 'draft';

/** The value that chooses the version with this id: "v:12". */
export function versionChoice(versionId: number): string {
  return `${VERSION_PREFIX}${versionId}`;
}

/** The version id a value chooses, or null when it chooses no version ("draft", "many"). */
export function versionOfChoice(choice: string): number | null {
  if (!choice.startsWith(VERSION_PREFIX)) return null;
  const id = Number(choice.slice(VERSION_PREFIX.length));
  return Number.isInteger(id) ? id : null;
}

/** The value that chooses a side of a comparison. */
export function sideChoice(side: GuideRef): string {
  return side.kind === 'draft' ? DRAFT_CHOICE : versionChoice(side.version_id);
}

/** The side a value chooses: a version, or else the draft of the guide. */
export function sideOfChoice(choice: string, guideId: number): GuideRef {
  const versionId = versionOfChoice(choice);
  return versionId === null ? { kind: 'draft', guide_id: guideId } : { kind: 'version', version_id: versionId };
}
