//! Computing a `GuideDiff`: parts, lists matched by stable id, fields compared by kind.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use almanac_guide::{
    DatePrecision, DealRow, FaqItem, Figure, FigureKind, Guide, GuideStatus, RelatedLink, Section,
    Source, Takeaway, TimelineEvent, VersionRef,
};

use crate::model::{
    FieldChange, FieldKind, GuideDiff, ItemChange, ItemKind, ParagraphDiff, Part, PartDiff,
    PartSummary, SideInfo, Summary,
};
use crate::text::{diff_prose, diff_words, replace, Budget};

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
        FieldKind::Value => (replace(a, b), vec![], false),
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

/// One field of a list item, as compared.
pub(crate) struct Field<'a> {
    pub name: &'static str,
    pub kind: FieldKind,
    pub value: Option<std::borrow::Cow<'a, str>>,
}

fn f<'a>(name: &'static str, kind: FieldKind, value: &'a str) -> Field<'a> {
    Field { name, kind, value: Some(value.into()) }
}

fn opt<'a>(name: &'static str, kind: FieldKind, value: Option<&'a str>) -> Field<'a> {
    Field { name, kind, value: value.map(Into::into) }
}

/// A list item with a stable id and comparable fields.
pub(crate) trait Item {
    fn id(&self) -> &str;
    fn fields(&self) -> Vec<Field<'_>>;
    /// A short name for reports.
    fn label(&self) -> String;
}

impl Item for Takeaway {
    fn id(&self) -> &str {
        &self.id
    }
    fn fields(&self) -> Vec<Field<'_>> {
        vec![f("text", FieldKind::InlineMarkdown, &self.text)]
    }
    fn label(&self) -> String {
        short(&self.text)
    }
}

impl Item for Section {
    fn id(&self) -> &str {
        &self.id
    }
    fn fields(&self) -> Vec<Field<'_>> {
        vec![f("heading", FieldKind::Text, &self.heading), f("body", FieldKind::Prose, &self.body)]
    }
    fn label(&self) -> String {
        short(&self.heading)
    }
}

pub(crate) fn figure_kind(k: FigureKind) -> &'static str {
    match k {
        FigureKind::DealCapacity => "deal_capacity",
        FigureKind::Timeline => "timeline",
    }
}

impl Item for Figure {
    fn id(&self) -> &str {
        &self.id
    }
    fn fields(&self) -> Vec<Field<'_>> {
        vec![
            f("kind", FieldKind::Value, figure_kind(self.kind)),
            f("caption", FieldKind::Text, &self.caption),
        ]
    }
    fn label(&self) -> String {
        short(&self.caption)
    }
}

impl Item for DealRow {
    fn id(&self) -> &str {
        &self.id
    }
    fn fields(&self) -> Vec<Field<'_>> {
        vec![
            opt("lab", FieldKind::Text, self.lab.as_deref()),
            opt("partner", FieldKind::Text, self.partner.as_deref()),
            opt("capacity", FieldKind::Text, self.capacity.as_ref().map(|c| c.text.as_str())),
            opt("timeline", FieldKind::Text, self.timeline.as_deref()),
            opt("terms", FieldKind::Text, self.terms.as_deref()),
        ]
    }
    fn label(&self) -> String {
        fn cell(c: &Option<String>) -> &str {
            c.as_deref().filter(|s| !s.is_empty()).unwrap_or("—")
        }
        short(&format!("{} · {}", cell(&self.lab), cell(&self.partner)))
    }
}

fn precision_str(p: DatePrecision) -> &'static str {
    match p {
        DatePrecision::Year => "year",
        DatePrecision::Month => "month",
        DatePrecision::Day => "day",
    }
}

impl Item for TimelineEvent {
    fn id(&self) -> &str {
        &self.id
    }
    fn fields(&self) -> Vec<Field<'_>> {
        vec![
            f("date", FieldKind::Value, &self.date),
            f("precision", FieldKind::Value, precision_str(self.precision)),
            f("title", FieldKind::Text, &self.title),
            opt("detail", FieldKind::InlineMarkdown, self.detail.as_deref()),
            opt("link", FieldKind::Value, self.link.as_deref()),
        ]
    }
    fn label(&self) -> String {
        short(&format!("{} {}", self.date, self.title))
    }
}

impl Item for RelatedLink {
    fn id(&self) -> &str {
        &self.id
    }
    fn fields(&self) -> Vec<Field<'_>> {
        vec![f("title", FieldKind::Text, &self.title), f("target", FieldKind::Value, &self.target)]
    }
    fn label(&self) -> String {
        short(&self.title)
    }
}

impl Item for FaqItem {
    fn id(&self) -> &str {
        &self.id
    }
    fn fields(&self) -> Vec<Field<'_>> {
        vec![
            f("question", FieldKind::Text, &self.question),
            f("answer", FieldKind::Prose, &self.answer),
        ]
    }
    fn label(&self) -> String {
        short(&self.question)
    }
}

impl Item for Source {
    fn id(&self) -> &str {
        &self.id
    }
    fn fields(&self) -> Vec<Field<'_>> {
        vec![
            Field {
                name: "score",
                kind: FieldKind::Value,
                value: Some(self.score.to_string().into()),
            },
            f("source", FieldKind::Text, &self.source),
            f("published", FieldKind::Value, &self.published),
            f("url", FieldKind::Value, &self.url),
            f("title", FieldKind::Text, &self.title),
            f("summary", FieldKind::Text, &self.summary),
        ]
    }
    fn label(&self) -> String {
        short(&self.title)
    }
}

/// Versions carry no id of their own: the label ("v2") is their identity.
impl Item for VersionRef {
    fn id(&self) -> &str {
        &self.label
    }
    fn fields(&self) -> Vec<Field<'_>> {
        vec![
            f("label", FieldKind::Value, &self.label),
            f("state", FieldKind::Value, self.state.as_str()),
            f("at", FieldKind::Value, &self.at),
        ]
    }
    fn label(&self) -> String {
        short(&self.label)
    }
}

/// At most 60 characters of a text, on one line, for labels.
fn short(text: &str) -> String {
    const MAX: usize = 60;
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= MAX {
        flat
    } else {
        let cut: String = flat.chars().take(MAX - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Items keyed by (id, occurrence), so duplicate ids in a draft still pair up in order.
fn keys<T: Item>(items: &[T]) -> Vec<(String, usize)> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    items
        .iter()
        .map(|it| {
            let n = seen.entry(it.id()).or_insert(0);
            *n += 1;
            (it.id().to_string(), *n - 1)
        })
        .collect()
}

/// Indices (into `seq`) of a longest strictly increasing subsequence of `seq`. Among the longest, the one with the least
/// total `cost` is chosen, so that the items reported as moved are the ones that travelled
/// furthest. O(n log n) with a Fenwick tree of prefix maxima over values.
pub(crate) fn longest_increasing(seq: &[usize], cost: &[u64]) -> Vec<usize> {
    debug_assert_eq!(seq.len(), cost.len());
    let size = seq.iter().max().map_or(0, |m| m + 1);
    // Best chain ending at a value: (length, -cost, index of its last element).
    type Best = (usize, i64, usize);
    let mut tree: Vec<Option<Best>> = vec![None; size + 1];
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    let mut best_all: Option<Best> = None;
    for (k, &v) in seq.iter().enumerate() {
        // Prefix maximum over values < v (Fenwick positions 1..=v).
        let mut found: Option<Best> = None;
        let mut pos = v;
        while pos > 0 {
            found = found.max(tree[pos]);
            pos &= pos - 1;
        }
        let here: Best = match found {
            Some((len, neg, last)) => {
                prev[k] = Some(last);
                (len + 1, neg - cost[k] as i64, k)
            }
            None => (1, -(cost[k] as i64), k),
        };
        best_all = best_all.max(Some(here));
        let mut pos = v + 1;
        while pos <= size {
            tree[pos] = tree[pos].max(Some(here));
            pos += pos & pos.wrapping_neg();
        }
    }
    let mut out = Vec::new();
    let mut cur = best_all.map(|b| b.2);
    while let Some(k) = cur {
        out.push(k);
        cur = prev[k];
    }
    out.reverse();
    out
}

/// A list in review order, as (old index, new index) pairs: the new items in new order, and
/// each removed item right after the new place of the nearest earlier old item that is still
/// there (first, if none). Items match by (id, occurrence), so duplicate ids in a draft still
/// pair up in order.
pub(crate) fn merged_order<T: Item>(old: &[T], new: &[T]) -> Vec<(Option<usize>, Option<usize>)> {
    let old_keys = keys(old);
    let new_keys = keys(new);
    let old_pos: HashMap<&(String, usize), usize> =
        old_keys.iter().enumerate().map(|(i, k)| (k, i)).collect();
    let mut old_matched = vec![None; old.len()];
    // (sort key, (old index, new index)).
    type Slot = ((i64, u8, usize), (Option<usize>, Option<usize>));
    let mut out: Vec<Slot> = Vec::with_capacity(old.len().max(new.len()));
    for (j, k) in new_keys.iter().enumerate() {
        let i = old_pos.get(k).copied();
        if let Some(i) = i {
            old_matched[i] = Some(j);
        }
        out.push(((j as i64, 0, 0), (i, Some(j))));
    }
    let mut anchor: i64 = -1;
    for (i, m) in old_matched.iter().enumerate() {
        match m {
            Some(j) => anchor = *j as i64,
            None => out.push(((anchor, 1, i), (Some(i), None))),
        }
    }
    out.sort_by_key(|(k, _)| *k);
    out.into_iter().map(|(_, v)| v).collect()
}

/// New indices of the matched items that kept their relative order; the others moved.
pub(crate) fn stayed(order: &[(Option<usize>, Option<usize>)], new_len: usize) -> Vec<bool> {
    // Matched items in new order (the order is sorted by new index for matched items).
    let common: Vec<(usize, usize)> = order.iter().filter_map(|&(o, n)| Some((n?, o?))).collect();
    let olds_in_new_order: Vec<usize> = common.iter().map(|&(_, i)| i).collect();
    let travel: Vec<u64> = common.iter().map(|&(j, i)| j.abs_diff(i) as u64).collect();
    let mut stays = vec![false; new_len];
    for k in longest_increasing(&olds_in_new_order, &travel) {
        stays[common[k].0] = true;
    }
    stays
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
                    id: item.id().to_string(),
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
                    id: item.id().to_string(),
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
                    id: item.id().to_string(),
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
            compare(&p, Some(item.id()), fl.name, fl.kind, a, b, &budget)
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
                Some(new.id()),
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

#[cfg(test)]
mod tests {
    use super::longest_increasing;

    fn lis(seq: &[usize]) -> Vec<usize> {
        longest_increasing(seq, &vec![0; seq.len()])
    }

    #[test]
    fn lis_finds_a_longest_run() {
        assert_eq!(lis(&[]), Vec::<usize>::new());
        assert_eq!(lis(&[0, 1, 2]), vec![0, 1, 2]);
        assert_eq!(lis(&[1, 0]).len(), 1);
        let seq = [3, 0, 1, 4, 2, 5];
        let found = lis(&seq);
        assert_eq!(found.len(), 4);
        assert!(found.windows(2).all(|w| w[0] < w[1] && seq[w[0]] < seq[w[1]]));
    }

    #[test]
    fn lis_keeps_the_items_that_travelled_least() {
        // Old indices in new order; the travel of each is |new - old|.
        let seq = [0, 1, 5, 2, 4, 3];
        let travel: Vec<u64> = seq.iter().enumerate().map(|(j, &i)| j.abs_diff(i) as u64).collect();
        // [0,1,2,4] (travel 1) beats [0,1,2,3] (travel 3): 5 and 3 are the moved ones.
        assert_eq!(longest_increasing(&seq, &travel), vec![0, 1, 3, 4]);
    }
}
