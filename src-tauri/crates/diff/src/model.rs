//! The diff model: one serialisable value from which every view (app, terminal, HTML report)
//! is drawn. Only changes are recorded; unchanged content is read from the two guides. Parts
//! are the guide's own ([`almanac_guide::Part`]: serialised by key, `"related_topics"`).

use almanac_guide::Part;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The structured difference between an old and a new guide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GuideDiff {
    /// The old side, as a reviewer names it.
    pub old: SideInfo,
    /// The new side.
    pub new: SideInfo,
    /// What a reviewer reads first.
    pub summary: Summary,
    /// Every part of a guide, always in page order (`Part::ALL`), changed or not.
    pub parts: Vec<PartDiff>,
}

/// Who a side of the diff is: enough to title a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SideInfo {
    pub slug: String,
    pub title: String,
    /// Version label, e.g. "v1".
    pub version: String,
    /// Version state as stored, e.g. "live".
    pub state: String,
}

/// The summary: per part counts, and whether anything was diffed coarsely.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Summary {
    /// One entry per part, in page order.
    pub parts: Vec<PartSummary>,
    pub added: u32,
    pub removed: u32,
    pub changed: u32,
    pub moved: u32,
    /// Part-level fields changed (metadata, TL;DR, the deal table's caption and footnote).
    pub fields_changed: u32,
    /// Whether any text (a text or prose field) differs anywhere.
    pub text_changed: bool,
    /// Whether the time budget ran out somewhere, so that some change is shown coarser than
    /// word level (see `FieldChange::coarse`).
    pub coarse: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PartSummary {
    pub part: Part,
    /// Items added, removed, changed (a field differs) and moved (relative order changed). An
    /// item that both moved and changed counts in both `changed` and `moved`.
    pub added: u32,
    pub removed: u32,
    pub changed: u32,
    pub moved: u32,
    /// Part-level fields that changed (`meta.title`, `tldr`, `deals.caption` ...).
    pub fields_changed: u32,
    /// Whether a text or prose field differs in this part, including the text of added and
    /// removed items.
    pub text_changed: bool,
    pub coarse: bool,
}

impl PartSummary {
    /// Whether nothing changed in this part.
    pub fn is_empty(&self) -> bool {
        self.added == 0
            && self.removed == 0
            && self.changed == 0
            && self.moved == 0
            && self.fields_changed == 0
    }
}

/// The changes to one part of the guide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PartDiff {
    pub part: Part,
    /// Changes of the part's own fields (metadata fields, TL;DR, deal caption and footnote).
    pub fields: Vec<FieldChange>,
    /// Changes of the part's list items, in new order with removed items at their old place.
    pub items: Vec<ItemChange>,
}

impl PartDiff {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.items.is_empty()
    }
}

/// What happened to a list item, matched across the sides by its stable id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// Only in the new guide.
    Added,
    /// Only in the old guide.
    Removed,
    /// In both, with at least one field changed (it may also have moved: see `moved`).
    Changed,
    /// In both, unchanged, but its order relative to the other items changed.
    Moved,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ItemChange {
    /// The stable id the item is matched by.
    pub id: String,
    pub kind: ItemKind,
    /// Whether the item's relative order changed (always true for `Moved`; may be true for
    /// `Changed`).
    pub moved: bool,
    /// Path of the item: `deals[3]`, with the index in the new guide (the old one if removed).
    pub path: String,
    /// Index in the old guide's list, if the item is there.
    pub old_index: Option<u32>,
    /// Index in the new guide's list, if the item is there.
    pub new_index: Option<u32>,
    /// A short name for the item (heading, question, "lab · partner" ...), from the new side
    /// when there is one.
    pub label: String,
    /// Field changes: for a changed item, each changed field; for an added (removed) item,
    /// each non-empty field as an insertion (deletion); empty for a pure move.
    pub fields: Vec<FieldChange>,
}

/// How a field is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// Short plain text, diffed word by word (Unicode word boundaries; a number, date or
    /// quantity is one unit: see `Segment::numeric`).
    Text,
    /// Inline Markdown (TL;DR, takeaways, notes), diffed word by word like `Text`.
    InlineMarkdown,
    /// Markdown prose: paragraphs aligned first, then words inside changed paragraphs.
    Prose,
    /// An atomic value (date, URL, slug, state, score): replaced as a whole.
    Value,
}

/// One changed field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FieldChange {
    /// Field path in the validation style: `deals[3].partner`, `meta.version.label`, `tldr`.
    pub path: String,
    /// The stable id of the item the field belongs to, if any.
    pub item_id: Option<String>,
    /// The field's name: "partner", "title", "label" ...
    pub field: String,
    pub kind: FieldKind,
    /// The old value; `None` when absent (an unknown deal cell, a missing detail, an added
    /// item). An absent value compares equal to an empty one.
    pub old: Option<String>,
    /// The new value; `None` when absent.
    pub new: Option<String>,
    /// Inline changes for `Text`, `InlineMarkdown` and `Value` fields: concatenating the `Equal` and `Delete`
    /// segments gives the old text, `Equal` and `Insert` the new. Empty for `Prose`.
    pub segments: Vec<Segment>,
    /// Paragraph alignment for `Prose` fields; empty otherwise.
    pub paragraphs: Vec<ParagraphDiff>,
    /// True when the time budget ran out and the change is shown coarser than word level
    /// (whole field or whole paragraphs replaced).
    pub coarse: bool,
}

/// A run of text that is equal on both sides, only in the old, or only in the new.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Segment {
    pub op: SegmentOp,
    pub text: String,
    /// True on a number, date or quantity replaced by another one (`2` → `3`, `2 GW` → `3 GW`,
    /// `2026-11-29` → `2026-12-01`, `v1` → `v2`): such segments always come as a pair, a
    /// `Delete` of the whole old token immediately followed by an `Insert` of the whole new
    /// one, never merged with the text around them. Views show the two apart (a space between
    /// them, a style of their own) so that `2` struck next to `3` never reads as `23`. Omitted
    /// from JSON when false.
    #[serde(default, skip_serializing_if = "is_false")]
    pub numeric: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Segment {
    /// A segment that is not part of a number replacement.
    pub fn new(op: SegmentOp, text: impl Into<String>) -> Segment {
        Segment { op, text: text.into(), numeric: false }
    }

    /// Whether this segment and `next` are the old and new sides of one number replacement
    /// (see [`Segment::numeric`]).
    pub fn starts_numeric_pair(&self, next: Option<&Segment>) -> bool {
        self.numeric
            && self.op == SegmentOp::Delete
            && next.is_some_and(|n| n.numeric && n.op == SegmentOp::Insert)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SegmentOp {
    Equal,
    Insert,
    Delete,
}

/// One paragraph of a prose field, aligned across the sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ParagraphDiff {
    pub op: ParagraphOp,
    pub old_index: Option<u32>,
    pub new_index: Option<u32>,
    /// The paragraph's text as segments: one `Equal` segment for an equal paragraph, one
    /// `Insert`/`Delete` segment for an inserted/deleted one, word-level for a changed one.
    pub segments: Vec<Segment>,
    /// True when the budget ran out: the paragraph is shown as a whole replacement.
    pub coarse: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphOp {
    Equal,
    Insert,
    Delete,
    Changed,
}

impl GuideDiff {
    /// Whether the two guides are the same in every compared field.
    pub fn is_empty(&self) -> bool {
        self.parts.iter().all(PartDiff::is_empty)
    }

    /// The diff of one part.
    pub fn part(&self, part: Part) -> &PartDiff {
        self.parts.iter().find(|p| p.part == part).expect("a diff holds every part")
    }

    /// Every field change, part-level and inside items, in order.
    pub fn field_changes(&self) -> impl Iterator<Item = &FieldChange> {
        self.parts
            .iter()
            .flat_map(|p| p.fields.iter().chain(p.items.iter().flat_map(|i| i.fields.iter())))
    }

    /// The diff as pretty JSON (the app and `almanac diff --format json` use this).
    pub fn to_json(&self) -> String {
        let mut out = serde_json::to_string_pretty(self).expect("a diff always serialises");
        out.push('\n');
        out
    }
}

impl FieldKind {
    /// Whether the field holds text a reader reads (not an atomic value).
    pub fn is_text(self) -> bool {
        !matches!(self, FieldKind::Value)
    }
}

impl FieldChange {
    /// The old text of the field as compared: absent is empty.
    pub fn old_text(&self) -> &str {
        self.old.as_deref().unwrap_or("")
    }
    pub fn new_text(&self) -> &str {
        self.new.as_deref().unwrap_or("")
    }
}
