// What a sync, a link or a publish did, in plain words for toasts and dialogs.
import type { ApiError } from './api';
import type { LabelRef, LoggedEvent, Note, PublishReport, Renamed, SyncReport, SyncState, Version } from './types';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "v3 of energy-for-ai" */
export const labelOf = (l: LabelRef) => `${l.label} of ${l.slug}`;

function listed(refs: LabelRef[]): string {
  const shown = refs.slice(0, 4).map(labelOf).join(', ');
  return refs.length > 4 ? `${shown} and ${refs.length - 4} more` : shown;
}

/** The one-line summary of a sync: what was shared, what came in. */
export function syncSummary(r: SyncReport): string {
  const said: string[] = [];
  const shared: string[] = [];
  if (r.shared_versions.length) shared.push(listed(r.shared_versions));
  if (r.shared_events) shared.push(plural(r.shared_events, 'review event', 'review events'));
  if (shared.length) said.push(`shared ${shared.join(' and ')}`);
  const im = r.imported;
  const came: string[] = [];
  if (im.new_guides.length) came.push(`${plural(im.new_guides.length, 'new guide', 'new guides')} (${im.new_guides.join(', ')})`);
  if (im.new_versions.length) came.push(listed(im.new_versions));
  if (im.events) came.push(plural(im.events, 'review event', 'review events'));
  if (came.length) said.push(`brought in ${came.join(', ')}`);
  if (!said.length) return 'Synced: nothing new to share or bring in.';
  const text = said.join('; ');
  return `Synced: ${text}.`;
}

/** "Your v3 of energy-for-ai is now v4: a colleague shared a v3 first." */
export function renameLine(r: Renamed): string {
  return `Your ${r.from} of ${r.slug} is now ${r.to}: a colleague shared a ${r.from} first.`;
}

/** The lines under a sync's summary: renames, then refusals. */
export function syncDetails(r: SyncReport): string[] {
  return [...r.imported.renamed.map(renameLine), ...r.imported.refused.map((why) => `Refused: ${why}`)];
}

/** The toast text offering to merge a version its guide's draft does not contain. */
export function mergeOfferLine(l: LabelRef): string {
  return `${labelOf(l)} is not in your draft:`;
}

/** An error of a sync or a link, with its code. */
export function syncErrorText(e: ApiError): string {
  if (e.code === 'sync.unreachable') return `Offline: your work is kept here; sync again later. (${e.code})`;
  return `Sync failed: ${e.message} (${e.code})`;
}

/** What a publish did. */
export function publishSummary(r: PublishReport): string {
  if (r.unchanged) return `Nothing changed: the site already holds ${plural(r.published.length, 'live guide', 'live guides')}.`;
  const said = [`Published ${plural(r.published.length, 'guide', 'guides')}`];
  if (r.written.length) said.push(`wrote ${r.written.join(', ')}`);
  if (r.removed.length) said.push(`removed ${r.removed.join(', ')}`);
  const commit = r.commit ? ` Commit ${r.commit.slice(0, 10)}${r.pushed ? ', pushed' : ', not pushed'}.` : '';
  return said.join('; ') + '.' + commit;
}

/** What a guide's sync state is called. */
export function syncStateName(s: SyncState): string {
  switch (s) {
    case 'shared':
      return 'Shared';
    case 'local_only':
      return 'Local only';
    case 'changes_to_share':
      return 'Changes to share';
    case 'behind':
      return 'Behind';
  }
}

/** "named by Ed Editor on editor-laptop", or "named on editor-laptop" without a name. */
export function namedBy(v: Pick<Version, 'author' | 'machine'>): string {
  const on = v.machine ? ` on ${v.machine}` : '';
  return v.author ? `named by ${v.author}${on}` : v.machine ? `named${on}` : 'named here';
}

/** "Ed Editor on editor-laptop" / "editor-laptop" / "" for who did something where. */
export function whoWhere(author: string, machine: string): string {
  if (author && machine) return `${author} on ${machine}`;
  return author || machine;
}

/** "Note from Rita Reviewer (review-desk)" */
export function noteFrom(n: Pick<Note, 'author' | 'machine'>): string {
  if (n.author) return `Note from ${n.author}${n.machine ? ` (${n.machine})` : ''}`;
  return n.machine ? `Note from ${n.machine}` : 'Note';
}

/** "Rita Reviewer on review-desk" for a history line's who. */
export function eventWho(e: LoggedEvent): string {
  return whoWhere(e.author, e.machine) || 'someone';
}
