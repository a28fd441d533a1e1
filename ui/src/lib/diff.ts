// The comparison types generated from almanac-diff and the shell (ts-rs), under the names the UI uses.
export type { Layout as DiffLayout } from './bindings/Layout';
export type { View as DiffView } from './bindings/View';
export type { GuideDiff } from './bindings/GuideDiff';
export type { SideInfo } from './bindings/SideInfo';
export type { Summary } from './bindings/Summary';
export type { PartSummary } from './bindings/PartSummary';
export type { PartDiff } from './bindings/PartDiff';
export type { Part } from './bindings/Part';
export type { ItemChange } from './bindings/ItemChange';
export type { ItemKind } from './bindings/ItemKind';
export type { FieldChange } from './bindings/FieldChange';
export type { FieldKind } from './bindings/FieldKind';
export type { Segment } from './bindings/Segment';
export type { SegmentOp } from './bindings/SegmentOp';
export type { ParagraphDiff } from './bindings/ParagraphDiff';
export type { ExportProgress } from './bindings/ExportProgress';
