// Issue 6 types the shell does not export with ts-rs yet. They mirror almanac-diff's model.rs and
// the IPC proposal in /work/notes/ui-notes.md exactly; replace with ./bindings/* once generated.

export type DiffSide = { kind: 'draft'; guide_id: number } | { kind: 'version'; version_id: number };
export type DiffLayout = 'inline' | 'side_by_side';
export type DiffView = 'rendered' | 'source';

export type Part =
  | 'meta'
  | 'tldr'
  | 'takeaways'
  | 'sections'
  | 'figures'
  | 'deals'
  | 'timeline'
  | 'related_topics'
  | 'faq'
  | 'versions'
  | 'related_guides'
  | 'sources';
export type SideInfo = { slug: string; title: string; version: string; state: string };
export type PartSummary = {
  part: Part;
  added: number;
  removed: number;
  changed: number;
  moved: number;
  fields_changed: number;
  text_changed: boolean;
  coarse: boolean;
};
export type Summary = {
  parts: Array<PartSummary>;
  added: number;
  removed: number;
  changed: number;
  moved: number;
  fields_changed: number;
  text_changed: boolean;
  coarse: boolean;
};
export type SegmentOp = 'equal' | 'insert' | 'delete';
export type Segment = { op: SegmentOp; text: string };
export type ParagraphOp = 'equal' | 'insert' | 'delete' | 'changed';
export type ParagraphDiff = { op: ParagraphOp; old_index: number | null; new_index: number | null; segments: Array<Segment>; coarse: boolean };
export type FieldKind = 'text' | 'inline_markdown' | 'prose' | 'value';
export type FieldChange = {
  path: string;
  item_id: string | null;
  field: string;
  kind: FieldKind;
  old: string | null;
  new: string | null;
  segments: Array<Segment>;
  paragraphs: Array<ParagraphDiff>;
  coarse: boolean;
};
export type ItemKind = 'added' | 'removed' | 'changed' | 'moved';
export type ItemChange = {
  id: string;
  kind: ItemKind;
  moved: boolean;
  path: string;
  old_index: number | null;
  new_index: number | null;
  label: string;
  fields: Array<FieldChange>;
};
export type PartDiff = { part: Part; fields: Array<FieldChange>; items: Array<ItemChange> };
export type GuideDiff = { old: SideInfo; new: SideInfo; summary: Summary; parts: Array<PartDiff> };

export const PART_LABELS: Record<Part, string> = {
  meta: 'Metadata',
  tldr: 'TL;DR',
  takeaways: 'Key takeaways',
  sections: 'Sections',
  figures: 'Figures',
  deals: 'Deal table',
  timeline: 'Timeline',
  related_topics: 'Related topics',
  faq: 'FAQ',
  versions: 'Versions',
  related_guides: 'Related guides',
  sources: 'More on the topic',
};
