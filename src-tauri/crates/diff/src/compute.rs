//! Computing a `GuideDiff`: every part in page order, part-level fields compared by kind,
//! lists matched by stable id (see `lists`) and their items compared field by field (see
//! `items`), then the summary counted.

use std::time::{Duration, Instant};

use almanac_guide::{Guide, GuideStatus, Part};

use crate::items::Item;
use crate::lists::{merged_order, stayed};
use crate::model::{
    FieldChange, FieldKind, GuideDiff, ItemChange, ItemKind, ParagraphDiff, PartDiff, PartSummary,
    SideInfo, Summary,
};
use crate::text::{diff_prose, diff_words, replace_value, Budget};

/// How much work a diff may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiffOptions {
    /// Time budget for the whole diff. When it runs out, the remaining text changes are shown
    /// coarser (whole paragraphs or fields) and marked `coarse`. `None`: no limit.
    pub budget: Option<Duration>,
}

/// The default budget: leaves room, inside 200 ms, for the work after the deadline (building
/// the coarse replacements) even for two unrelated megabyte-sized sections.
pub const DEFAULT_BUDGET: Duration = Duration::from_millis(100);

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions { budget: Some(DEFAULT_BUDGET) }
    }
}

/// Diffs two guides with the default budget.
pub fn diff_guides(old: &Guide, new: &Guide) -> GuideDiff {
    diff_guides_with(old, new, &DiffOptions::default())
}

/// Diffs two guides.
pub fn diff_guides_with(old: &Guide, new: &Guide, options: &DiffOptions) -> GuideDiff {
    let start = Instant::now();
    let budget = Budget::new(options.budget.map(|b| start + b));
    let mut parts = Vec::with_capacity(Part::ALL.len());
    for part in Part::ALL {
        let diff = match part {
            Part::Meta => PartDiff { part, fields: meta_fields(old, new, &budget), items: vec![] },
            Part::Tldr => PartDiff {
                part,
                fields: compare(
                    "tldr",
                    None,
                    "tldr",
                    FieldKind::InlineMarkdown,
                    Some(&old.tldr),
                    Some(&new.tldr),
                    &budget,
                )
                .into_iter()
                .collect(),
                items: vec![],
            },
            Part::Takeaways => list(part, &old.takeaways, &new.takeaways, &budget),
            Part::Sections => list(part, &old.sections, &new.sections, &budget),
            Part::Figures => list(part, &old.figures, &new.figures, &budget),
            Part::Deals => {
                let mut d = list(part, &old.deals.rows, &new.deals.rows, &budget);
                let (o, n) = (&old.deals, &new.deals);
                let caption = Some(o.caption.as_str());
                let footnote = Some(o.footnote.as_str());
                d.fields = [
                    ("caption", caption, Some(n.caption.as_str())),
                    ("footnote", footnote, Some(n.footnote.as_str())),
                ]
                .into_iter()
                .filter_map(|(name, a, b)| {
                    let kind = if name == "footnote" {
                        FieldKind::InlineMarkdown
                    } else {
                        FieldKind::Text
                    };
                    compare(&format!("deals.{name}"), None, name, kind, a, b, &budget)
                })
                .collect();
                d
            }
            Part::Timeline => list(part, &old.timeline, &new.timeline, &budget),
            Part::RelatedTopics => list(part, &old.related_topics, &new.related_topics, &budget),
            Part::Faq => list(part, &old.faq, &new.faq, &budget),
            Part::Versions => list(part, &old.versions, &new.versions, &budget),
            Part::RelatedGuides => list(part, &old.related_guides, &new.related_guides, &budget),
            Part::Sources => list(part, &old.sources, &new.sources, &budget),
        };
        parts.push(diff);
    }
    let summary = summarise(&parts);
    GuideDiff { old: side(old), new: side(new), summary, parts }
}

fn side(g: &Guide) -> SideInfo {
    SideInfo {
        slug: g.meta.slug.clone(),
        title: g.meta.title.clone(),
        version: g.meta.version.label.clone(),
        state: g.meta.version.state.as_str().to_string(),
    }
}

fn status_str(s: GuideStatus) -> &'static str {
    match s {
        GuideStatus::Active => "active",
        GuideStatus::Paused => "paused",
        GuideStatus::Archived => "archived",
    }
}

fn meta_fields(old: &Guide, new: &Guide, budget: &Budget) -> Vec<FieldChange> {
    let (o, n) = (&old.meta, &new.meta);
    let (of, nf) = (old.format.to_string(), new.format.to_string());
    let rows: [(&str, &str, FieldKind, &str, &str); 13] = [
        ("format", "format", FieldKind::Value, &of, &nf),
        ("meta.slug", "slug", FieldKind::Value, &o.slug, &n.slug),
        ("meta.title", "title", FieldKind::Text, &o.title, &n.title),
        ("meta.topic", "topic", FieldKind::Text, &o.topic, &n.topic),
        ("meta.kind", "kind", FieldKind::Text, &o.kind, &n.kind),
        ("meta.depth", "depth", FieldKind::Text, &o.depth, &n.depth),
        ("meta.status", "status", FieldKind::Value, status_str(o.status), status_str(n.status)),
        ("meta.version.label", "label", FieldKind::Value, &o.version.label, &n.version.label),
        (
            "meta.version.state",
            "state",
            FieldKind::Value,
            o.version.state.as_str(),
            n.version.state.as_str(),
        ),
        ("meta.lang", "lang", FieldKind::Value, &o.lang, &n.lang),
        ("meta.created", "created", FieldKind::Value, &o.created, &n.created),
        ("meta.updated", "updated", FieldKind::Value, &o.updated, &n.updated),
        ("meta.generated", "generated", FieldKind::Value, &o.generated, &n.generated),
    ];
    rows.into_iter()
        .filter_map(|(path, name, kind, a, b)| {
            compare(path, None, name, kind, Some(a), Some(b), budget)
        })
        .collect()
}

/// Compares one field; `None` when the values are equal (absent compares as empty).
fn compare(
    path: &str,
    item_id: Option<&str>,
    field: &str,
    kind: FieldKind,
    old: Option<&str>,
    new: Option<&str>,
    budget: &Budget,
) -> Option<FieldChange> {
    let (a, b) = (old.unwrap_or(""), new.unwrap_or(""));
    if a == b {
        return None;
    }
    let (segments, paragraphs, coarse): (_, Vec<ParagraphDiff>, bool) = match kind {
        FieldKind::Text | FieldKind::InlineMarkdown => {
            let (s, c) = diff_words(a, b, budget);
            (s, vec![], c)
        }
        FieldKind::Value => (replace_value(a, b), vec![], false),
        FieldKind::Prose => {
            let (p, c) = diff_prose(a, b, budget);
            (vec![], p, c)
        }
    };
    Some(FieldChange {
        path: path.to_string(),
        item_id: item_id.map(str::to_string),
        field: field.to_string(),
        kind,
        old: old.map(str::to_string),
        new: new.map(str::to_string),
        segments,
        paragraphs,
        coarse,
    })
}

fn list<T: Item>(part: Part, old: &[T], new: &[T], budget: &Budget) -> PartDiff {
    let key = part.key();
    let order = merged_order(old, new);
    let stays = stayed(&order, new.len());
    let mut items = Vec::new();
    for (o, n) in order {
        let change = match (o, n) {
            (None, Some(j)) => {
                let item = &new[j];
                let path = format!("{key}[{j}]");
                ItemChange {
                    id: item.item_id().to_string(),
                    kind: ItemKind::Added,
                    moved: false,
                    fields: whole(&path, item, Side::New),
                    path,
                    old_index: None,
                    new_index: Some(j as u32),
                    label: item.label(),
                }
            }
            (Some(i), None) => {
                let item = &old[i];
                let path = format!("{key}[{i}]");
                ItemChange {
                    id: item.item_id().to_string(),
                    kind: ItemKind::Removed,
                    moved: false,
                    fields: whole(&path, item, Side::Old),
                    path,
                    old_index: Some(i as u32),
                    new_index: None,
                    label: item.label(),
                }
            }
            (Some(i), Some(j)) => {
                let item = &new[j];
                let path = format!("{key}[{j}]");
                let moved = !stays[j];
                let fields = changed_fields(&path, &old[i], item, budget);
                let kind = if !fields.is_empty() {
                    ItemKind::Changed
                } else if moved {
                    ItemKind::Moved
                } else {
                    continue;
                };
                ItemChange {
                    id: item.item_id().to_string(),
                    kind,
                    moved,
                    path,
                    old_index: Some(i as u32),
                    new_index: Some(j as u32),
                    label: item.label(),
                    fields,
                }
            }
            (None, None) => continue,
        };
        items.push(change);
    }
    PartDiff { part, fields: vec![], items }
}

#[derive(Clone, Copy)]
enum Side {
    Old,
    New,
}

/// Every non-empty field of an added (removed) item, as an insertion (deletion).
fn whole<T: Item>(path: &str, item: &T, side: Side) -> Vec<FieldChange> {
    // An empty side never needs the budget: the change is the whole value.
    let budget = Budget::new(None);
    item.fields()
        .into_iter()
        .filter_map(|fl| {
            let p = format!("{path}.{}", fl.name);
            let v = fl.value.as_deref();
            let (a, b) = match side {
                Side::Old => (v, None),
                Side::New => (None, v),
            };
            compare(&p, Some(item.item_id()), fl.name, fl.kind, a, b, &budget)
        })
        .collect()
}

fn changed_fields<T: Item>(path: &str, old: &T, new: &T, budget: &Budget) -> Vec<FieldChange> {
    old.fields()
        .into_iter()
        .zip(new.fields())
        .filter_map(|(a, b)| {
            debug_assert_eq!(a.name, b.name);
            let p = format!("{path}.{}", a.name);
            compare(
                &p,
                Some(new.item_id()),
                a.name,
                a.kind,
                a.value.as_deref(),
                b.value.as_deref(),
                budget,
            )
        })
        .collect()
}

fn summarise(parts: &[PartDiff]) -> Summary {
    let mut s = Summary {
        parts: Vec::with_capacity(parts.len()),
        added: 0,
        removed: 0,
        changed: 0,
        moved: 0,
        fields_changed: 0,
        text_changed: false,
        coarse: false,
    };
    for p in parts {
        let mut ps = PartSummary {
            part: p.part,
            added: 0,
            removed: 0,
            changed: 0,
            moved: 0,
            fields_changed: p.fields.len() as u32,
            text_changed: p.fields.iter().any(|f| f.kind.is_text()),
            coarse: p.fields.iter().any(|f| f.coarse),
        };
        for it in &p.items {
            match it.kind {
                ItemKind::Added => ps.added += 1,
                ItemKind::Removed => ps.removed += 1,
                ItemKind::Changed => ps.changed += 1,
                ItemKind::Moved => {}
            }
            if it.moved {
                ps.moved += 1;
            }
            ps.text_changed |= it.fields.iter().any(|f| f.kind.is_text());
            ps.coarse |= it.fields.iter().any(|f| f.coarse);
        }
        s.added += ps.added;
        s.removed += ps.removed;
        s.changed += ps.changed;
        s.moved += ps.moved;
        s.fields_changed += ps.fields_changed;
        s.text_changed |= ps.text_changed;
        s.coarse |= ps.coarse;
        s.parts.push(ps);
    }
    s
}
