//! What every part of the report shares: the writer's state, escaping, ids and badge names,
//! and the list items as the report reads them from the two guides.

use std::borrow::Cow;
use std::collections::BTreeSet;

use almanac_guide::{Guide, ListItem, Part};
use almanac_render::{escape_attr, push_escaped_attr};
use serde::Serialize;

use super::ReportOptions;
use crate::items::{Field, Item};
use crate::model::{FieldKind, GuideDiff, ItemKind};

/// The report being written, and what it is drawn from.
pub(super) struct Report<'a> {
    pub(super) out: String,
    pub(super) old: &'a Guide,
    pub(super) new: &'a Guide,
    pub(super) diff: &'a GuideDiff,
    pub(super) opts: ReportOptions,
    /// Every id given out so far, so that none is given twice (see [`Report::unique_id`]).
    pub(super) ids: BTreeSet<String>,
}

impl Report<'_> {
    /// Appends markup as it is.
    pub(super) fn raw(&mut self, html: &str) {
        self.out.push_str(html);
    }

    /// Appends text, escaped (see [`escape`]).
    pub(super) fn text(&mut self, s: &str) {
        push_escaped_attr(&mut self.out, s);
    }

    /// `base` as an id no other element of the report has (`base-2`, `base-3`… when taken).
    pub(super) fn unique_id(&mut self, base: String) -> String {
        let mut id = base.clone();
        let mut n = 2;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    /// The id prefix of one block of rendered Markdown (its footnotes' ids start with it):
    /// `diff-md-<words as tokens>-`, unique in the report. No other id of the report starts
    /// with `diff-md-`.
    pub(super) fn markdown_prefix(&mut self, words: &[&str]) -> String {
        let mut base = String::from("diff-md");
        for w in words {
            base.push('-');
            base.push_str(&anchor_token(w));
        }
        let mut prefix = self.unique_id(base);
        prefix.push('-');
        prefix
    }
}

/// Text escaped for the report. The report escapes quotes too wherever the text goes (the
/// renderer's attribute escaper): one rule for element content and attribute values.
pub(super) fn escape(s: &str) -> String {
    escape_attr(s)
}

/// An id-safe token for the report's anchors (`diff-related-topics`): ASCII letters (made
/// lowercase) and digits; everything else a hyphen.
pub(super) fn anchor_token(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect()
}

/// The word for an item change, in badges and class names.
pub(super) fn kind_name(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Added => "added",
        ItemKind::Removed => "removed",
        ItemKind::Changed => "changed",
        ItemKind::Moved => "moved",
    }
}

/// A list item as the report sees it: the fields the diff compares, and its JSON.
pub(super) struct ItemData {
    pub(super) id: String,
    pub(super) label: String,
    pub(super) fields: Vec<(&'static str, FieldKind, Option<String>)>,
    pub(super) json: String,
}

impl ListItem for ItemData {
    fn item_id(&self) -> &str {
        &self.id
    }
    fn item_name(&self) -> String {
        self.label.clone()
    }
}

impl Item for ItemData {
    fn fields(&self) -> Vec<Field<'_>> {
        self.fields
            .iter()
            .map(|(name, kind, value)| Field {
                name,
                kind: *kind,
                value: value.as_deref().map(Cow::Borrowed),
            })
            .collect()
    }
    fn label(&self) -> String {
        self.label.clone()
    }
}

fn item_data<T: Item + Serialize>(items: &[T]) -> Vec<ItemData> {
    items
        .iter()
        .map(|it| ItemData {
            id: it.item_id().to_string(),
            label: it.label(),
            fields: it
                .fields()
                .into_iter()
                .map(|f| (f.name, f.kind, f.value.map(Cow::into_owned)))
                .collect(),
            json: serde_json::to_string_pretty(it).expect("guide items serialise"),
        })
        .collect()
}

/// The items of a part's list in `g` (none for a part without a list).
pub(super) fn list_items(g: &Guide, part: Part) -> Vec<ItemData> {
    match part {
        Part::Meta | Part::Tldr => vec![],
        Part::Takeaways => item_data(&g.takeaways),
        Part::Sections => item_data(&g.sections),
        Part::Figures => item_data(&g.figures),
        Part::Deals => item_data(&g.deals.rows),
        Part::Timeline => item_data(&g.timeline),
        Part::RelatedTopics => item_data(&g.related_topics),
        Part::Faq => item_data(&g.faq),
        Part::Versions => item_data(&g.versions),
        Part::RelatedGuides => item_data(&g.related_guides),
        Part::Sources => item_data(&g.sources),
    }
}
