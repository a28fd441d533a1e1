// One import point for the IPC types generated from Rust (ui/src/lib/bindings, ts-rs).
export type { Guide } from './bindings/Guide';
export type { Meta } from './bindings/Meta';
export type { GuideStatus } from './bindings/GuideStatus';
export type { VersionInfo } from './bindings/VersionInfo';
export type { VersionState } from './bindings/VersionState';
export type { Takeaway } from './bindings/Takeaway';
export type { Section } from './bindings/Section';
export type { Figure } from './bindings/Figure';
export type { FigureKind } from './bindings/FigureKind';
export type { DealTable } from './bindings/DealTable';
export type { DealRow } from './bindings/DealRow';
export type { Capacity } from './bindings/Capacity';
export type { DatePrecision } from './bindings/DatePrecision';
export type { TimelineEvent } from './bindings/TimelineEvent';
export type { RelatedLink } from './bindings/RelatedLink';
export type { FaqItem } from './bindings/FaqItem';
export type { Source } from './bindings/Source';
export type { VersionRef } from './bindings/VersionRef';
export type { Severity } from './bindings/Severity';
export type { Finding } from './bindings/Finding';
export type { AppInfo } from './bindings/AppInfo';
export type { ListQuery } from './bindings/ListQuery';
export type { SortBy } from './bindings/SortBy';
export type { MenuAction } from './bindings/MenuAction';
export type { MenuEvent } from './bindings/MenuEvent';
export type { GuideSummary } from './bindings/GuideSummary';
export type { SearchHit } from './bindings/SearchHit';
export type { Draft } from './bindings/Draft';
export type { SaveOutcome } from './bindings/SaveOutcome';
export type { PreviewTheme } from './bindings/PreviewTheme';
export type { Version } from './bindings/Version';
export type { VersionContent } from './bindings/VersionContent';
export type { Note } from './bindings/Note';
export type { Approval } from './bindings/Approval';
export type { ApprovalStatus } from './bindings/ApprovalStatus';
export type { ItemRef } from './bindings/ItemRef';
export type { RevisionInfo } from './bindings/RevisionInfo';
export type { VersionBadge } from './bindings/VersionBadge';
export type { ImportMode } from './bindings/ImportMode';
export type { ImportOutcome } from './bindings/ImportOutcome';
export type { BundleInspection } from './bindings/BundleInspection';

/** Limits mirrored from almanac-guide (validate.rs); the Rust validator stays the judge. */
export const TLDR_MAX = 800;
export const TAKEAWAY_MAX = 400;
export const FAQ_ANSWER_MAX = 1200;
export const TITLE_MAX = 160;

export const VERSION_STATES = ['draft', 'in_review', 'approved', 'live', 'archived'] as const;
export const STATE_LABELS: Record<string, string> = {
  draft: 'Draft',
  in_review: 'In review',
  approved: 'Approved',
  live: 'Live',
  archived: 'Archived',
};
