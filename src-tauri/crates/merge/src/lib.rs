//! almanac-merge: the three-way merge of Almanac guides behind "Merge into draft".
//!
//! Three versions of one guide meet: the **base** (the version both sides started from), **ours**
//! (the editor's draft) and **theirs** (a colleague's version). [`merge`] computes the draft with
//! every change of theirs that does not collide with ours applied, lists what it applied, and
//! lists the conflicts; [`resolve`] builds the draft again with one [`Resolution`] per conflict.
//!
//! # The model
//!
//! A guide is merged field by field, and its lists item by item:
//!
//! - A **field** is one value the form edits: a part-level field (`tldr`, `meta.title`,
//!   `deals.caption`) or a field of a list item (`deals[3].partner`). A field is compared as a
//!   whole value (a deal row's capacity is one field: its text and the gigawatts read from it).
//!   A change on one side only is applied; the same change on both sides is simply taken; a
//!   field changed on both sides to different values is a **conflict**
//!   ([`ConflictKind::BothChanged`]). An unknown cell (`null`) and an absent option are the
//!   same value.
//! - **List items** are matched by their stable id ([`almanac_guide::ListItem`]), never by
//!   position: an item keeps its id when it is edited or moved, so a reorder on one side and an
//!   edit of the same item on the other are both kept, and two items never get mixed up because
//!   something was inserted above them. An item on all three sides is merged field by field. An
//!   item added on one side is kept; an item removed on one side and left alone on the other
//!   is removed. An item removed on one side and changed on the other is a conflict
//!   ([`ConflictKind::RemovedByUs`], [`ConflictKind::RemovedByThem`]), and so is an item added
//!   on both sides under the same id with different content ([`ConflictKind::AddedBoth`]).
//!   Items carrying the same id twice (a half-written draft) pair up by occurrence.
//! - **List order**: if only one side changed the relative order of the items all three sides
//!   have, its order is taken; if both did, differently, the list's order is a conflict
//!   ([`ConflictKind::Order`]). Items one side inserted (or kept, where the other removed them)
//!   go right after their nearest predecessor on that side.
//!
//! Only what editors type is merged. The three guides are read as
//! [`stripped`](almanac_guide::Guide::stripped) (the version line, the versions list and the
//! times are the store's, not the editors'), and what the guide derives from typed text is
//! derived again in the result with [`Guide::normalize`] (a deal row's gigawatts). Results
//! are stripped guides.
//!
//! # Conflicts and resolutions
//!
//! A [`Conflict`] carries a key that is stable across runs of the same merge (`tldr`,
//! `meta.title`, `deals#deal-openai-aws.partner`, `deals#deal-openai-aws` for a whole item,
//! `takeaways#order`), the field path on our side in validation's scheme (`deals[3].partner`),
//! the item's id, a label in the form's words ("Deal row OpenAI · Amazon: Partner", from the
//! part labels, item nouns and field labels of [`almanac_guide::Part`]) and the three values.
//! [`Merge::merged`] takes every conflict as ours, so it is always a whole guide; [`resolve`]
//! takes a resolution per key: ours, theirs, or an edited value that must read as the field's
//! type.
//!
//! # Modules
//!
//! - this file: the API and its types;
//! - `walk`: the merge itself, one walk over the three guides' JSON in page order;
//! - `names`: conflict keys and labels;
//! - `error`: [`MergeError`].

mod error;
mod names;
mod walk;

use std::collections::{BTreeMap, BTreeSet};

use almanac_guide::{Guide, Part};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use error::MergeError;

/// The outcome of a three-way merge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Merge {
    /// The result with every conflict resolved as ours (so it is always a whole guide), derived
    /// fields cleared.
    pub merged: Guide,
    /// The changes of theirs applied automatically, in page order.
    pub applied: Vec<MergeChange>,
    /// Where both sides changed the same thing differently, in page order.
    pub conflicts: Vec<Conflict>,
}

/// One change of theirs that the merge applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MergeChange {
    /// Stable key, in the same scheme as [`Conflict::key`]: `tldr`, `deals#deal-openai-aws`
    /// (an item added or removed), `deals#deal-openai-aws.terms`, `takeaways#order`.
    pub key: String,
    /// What changed, in the form's words: "TL;DR", "Deal row OpenAI · Amazon: added",
    /// "Key takeaways: order of takeaways".
    pub label: String,
}

/// What kind of collision a conflict is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// A field both sides changed, to different values.
    BothChanged,
    /// An item we removed and they changed.
    RemovedByUs,
    /// An item they removed and we changed.
    RemovedByThem,
    /// An item both sides added under the same id, with different content.
    AddedBoth,
    /// A list both sides reordered, differently. The values are the ids of the items all three
    /// sides have, in each side's order.
    Order,
}

/// A place where the sides disagree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Conflict {
    /// Stable and unique within the merge: `tldr`, `meta.title`, `deals.caption`,
    /// `deals#deal-abc.partner` (a field of an item), `deals#deal-abc` (a whole item),
    /// `takeaways#order`. An id holding `%`, `#`, `.` or `~` is percent-escaped in a key, the id
    /// `order` is written `%6Frder`, and the second item with an id already seen gets `~2`.
    pub key: String,
    pub part: Part,
    /// The field path on our side, in validation's scheme (`deals[3].partner`, `tldr`); the
    /// list's path (`deals`) when we have no such item, and for an order.
    pub path: String,
    /// The stable id of the item, for a conflict on an item or one of its fields.
    pub item_id: Option<String>,
    /// What the conflict is about, in the form's words: "TL;DR", "Details · Title",
    /// "Deal row Mirage AI · Sahara Grid: Partner", "Key takeaways: order of takeaways".
    pub label: String,
    pub kind: ConflictKind,
    /// The value in the base; `null` when absent (an added item, an unknown cell, an unset
    /// option). A field's value, a whole item, or a list of ids for an order.
    #[ts(type = "unknown")]
    pub base: Option<serde_json::Value>,
    /// Our value; `null` when absent (an item we removed).
    #[ts(type = "unknown")]
    pub ours: Option<serde_json::Value>,
    /// Their value; `null` when absent (an item they removed).
    #[ts(type = "unknown")]
    pub theirs: Option<serde_json::Value>,
}

/// How one conflict is settled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Resolution {
    /// Our value (for an item: our item, or no item if we removed it).
    Ours,
    /// Their value.
    Theirs,
    /// A value of its own: for a field, a value of the field's type (`null` for an unset
    /// option or an unknown cell); for an item conflict, the whole item with its id unchanged,
    /// or `null` for no item; for an order, the ids of the items all three sides have, each
    /// once, in the order wanted (the other items are placed as in a merge).
    Edited {
        #[ts(type = "unknown")]
        value: serde_json::Value,
    },
}

/// Merges `theirs` into `ours`, both descended from `base`: the merged guide with every
/// conflict taken as ours, what was applied from theirs, and the conflicts.
pub fn merge(base: &Guide, ours: &Guide, theirs: &Guide) -> Merge {
    let [b, o, t] = [base, ours, theirs].map(walk::prepare);
    let mut walk = walk::Walk::new(walk::Mode::Report, &o);
    let value = walk.guide(&b, &o, &t);
    let merged = finish(value).expect("every value of a merge comes from one of the guides");
    Merge { merged, applied: walk.applied, conflicts: walk.conflicts }
}

/// Merges as [`merge`] does, settling each conflict by the resolution under its key in
/// `choices`.
///
/// Refused, with nothing built, when a conflict has no resolution (`merge.unresolved`, naming
/// every such conflict by its label), when a key names no conflict of this merge
/// (`merge.unknown_conflict`), or when an edited value does not read as the type of what it
/// resolves (`merge.invalid_value`).
pub fn resolve(
    base: &Guide,
    ours: &Guide,
    theirs: &Guide,
    choices: &BTreeMap<String, Resolution>,
) -> Result<Guide, MergeError> {
    let [b, o, t] = [base, ours, theirs].map(walk::prepare);
    let mut walk = walk::Walk::new(walk::Mode::Resolve(choices), &o);
    let value = walk.guide(&b, &o, &t);
    if !walk.unresolved.is_empty() {
        return Err(MergeError::Unresolved { labels: walk.unresolved });
    }
    let keys: BTreeSet<&str> = walk.conflicts.iter().map(|c| c.key.as_str()).collect();
    if let Some(key) = choices.keys().find(|k| !keys.contains(k.as_str())) {
        return Err(MergeError::UnknownConflict { key: key.clone() });
    }
    if let Some(e) = walk.invalid.into_iter().next() {
        return Err(e);
    }
    finish(value).map_err(|e| MergeError::InvalidValue {
        label: "the merged guide".to_string(),
        detail: e.to_string(),
    })
}

/// The merged JSON as a guide, with what the guide derives from typed text derived again.
fn finish(value: serde_json::Value) -> Result<Guide, serde_json::Error> {
    let mut guide: Guide = serde_json::from_value(value)?;
    guide.normalize();
    guide.strip_derived();
    Ok(guide)
}
