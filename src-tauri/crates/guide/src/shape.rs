//! The shape of a guide, written down once: its parts in page order, the list each part holds,
//! the names people see for parts, items and fields, the limits validation applies, and the
//! review states with their moves. Every crate and the UI (through the generated
//! `ui/src/lib/bindings/shape.ts`, a serialisation of [`GuideShape::get`]) read it from here.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Guide, VersionState, DRAFT_LABEL};

/// The parts of a guide, in the order the page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The header: title, slug, topic, kind, depth, status, language, version and times.
    Meta,
    Tldr,
    Takeaways,
    Sections,
    Figures,
    Deals,
    Timeline,
    RelatedTopics,
    Faq,
    Versions,
    RelatedGuides,
    Sources,
}

/// A list item of a guide, borrowed: its stable id.
pub trait ListItem {
    fn item_id(&self) -> &str;
    /// The short name people know the item by: its part's [`Part::name_fields`] joined by
    /// " · " (an empty one as "—"), at most 60 characters on one line ([`short_label`]); empty
    /// when every name field is empty ("Mirage AI · Sahara Grid" for a deal row).
    fn item_name(&self) -> String;
}

macro_rules! list_items {
    ($($t:ty => |$x:ident| $id:expr, $part:expr),* $(,)?) => {
        $(impl ListItem for $t {
            fn item_id(&self) -> &str {
                let $x = self;
                $id
            }
            fn item_name(&self) -> String {
                serde_json::to_value(self)
                    .map(|v| item_name_of($part, &v))
                    .unwrap_or_default()
            }
        })*
    };
}

list_items! {
    crate::Takeaway => |x| &x.id, Part::Takeaways,
    crate::Section => |x| &x.id, Part::Sections,
    crate::Figure => |x| &x.id, Part::Figures,
    crate::DealRow => |x| &x.id, Part::Deals,
    crate::TimelineEvent => |x| &x.id, Part::Timeline,
    crate::RelatedLink => |x| &x.id, Part::RelatedTopics,
    crate::FaqItem => |x| &x.id, Part::Faq,
    crate::Source => |x| &x.id, Part::Sources,
    crate::VersionRef => |x| &x.label, Part::Versions,
}

/// At most 60 characters of a text, on one line (runs of white space as one space; a longer
/// text is cut at 59 characters and ends with "…"): how labels quote what editors wrote.
pub fn short_label(text: &str) -> String {
    const MAX: usize = 60;
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= MAX {
        flat
    } else {
        let cut: String = flat.chars().take(MAX - 1).collect();
        format!("{}\u{2026}", cut.trim_end())
    }
}

/// The name of a list item given as JSON (as a merge or a patch holds it): see
/// [`ListItem::item_name`].
pub fn item_name_of(part: Part, item: &serde_json::Value) -> String {
    let values: Vec<&str> = part
        .name_fields()
        .iter()
        .map(|k| item.get(*k).and_then(serde_json::Value::as_str).map(str::trim).unwrap_or(""))
        .collect();
    if values.iter().all(|v| v.is_empty()) {
        return String::new();
    }
    let shown: Vec<&str> =
        values.iter().map(|v| if v.is_empty() { "\u{2014}" } else { v }).collect();
    short_label(&shown.join(" \u{b7} "))
}

impl Part {
    /// Every part, in page order.
    pub const ALL: [Part; 12] = [
        Part::Meta,
        Part::Tldr,
        Part::Takeaways,
        Part::Sections,
        Part::Figures,
        Part::Deals,
        Part::Timeline,
        Part::RelatedTopics,
        Part::Faq,
        Part::Versions,
        Part::RelatedGuides,
        Part::Sources,
    ];

    /// The parts that hold a list of items with stable ids (the versions list is keyed by
    /// label and derived by the store: it is not among them).
    pub const LISTS: [Part; 9] = [
        Part::Takeaways,
        Part::Sections,
        Part::Figures,
        Part::Deals,
        Part::Timeline,
        Part::RelatedTopics,
        Part::Faq,
        Part::RelatedGuides,
        Part::Sources,
    ];

    /// The part's key: the first segment of its field paths (`related_topics[2].title`) and its
    /// name in `guide.json`.
    pub fn key(self) -> &'static str {
        match self {
            Part::Meta => "meta",
            Part::Tldr => "tldr",
            Part::Takeaways => "takeaways",
            Part::Sections => "sections",
            Part::Figures => "figures",
            Part::Deals => "deals",
            Part::Timeline => "timeline",
            Part::RelatedTopics => "related_topics",
            Part::Faq => "faq",
            Part::Versions => "versions",
            Part::RelatedGuides => "related_guides",
            Part::Sources => "sources",
        }
    }

    /// The part with this key.
    pub fn from_key(key: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.key() == key)
    }

    /// The part a field path (`deals[3].partner`, `meta.title`, `tldr`) belongs to.
    pub fn of_path(path: &str) -> Option<Part> {
        let end = path.find(['.', '[']).unwrap_or(path.len());
        Part::from_key(&path[..end])
    }

    /// The name people see for the part, in the form, the diff and its report, notes and
    /// messages: one name per part everywhere the app shows it. Only the published page words
    /// two headings for its readers (almanac-render's page writer): the sources are headed
    /// "More on <topic>", and the contents call the deal table "Deals".
    pub fn label(self) -> &'static str {
        match self {
            Part::Meta => "Details",
            Part::Tldr => "TL;DR",
            Part::Takeaways => "Key takeaways",
            Part::Sections => "Sections",
            Part::Figures => "Figures",
            Part::Deals => "Deal table",
            Part::Timeline => "Timeline",
            Part::RelatedTopics => "Related topics",
            Part::Faq => "FAQ",
            Part::Versions => "Versions",
            Part::RelatedGuides => "Related guides",
            Part::Sources => "Sources",
        }
    }

    /// The anchor of the part on the page (`part-related-topics`).
    pub fn anchor(self) -> &'static str {
        match self {
            Part::Meta => "part-meta",
            Part::Tldr => "part-tldr",
            Part::Takeaways => "part-takeaways",
            Part::Sections => "part-sections",
            Part::Figures => "part-figures",
            Part::Deals => "part-deals",
            Part::Timeline => "part-timeline",
            Part::RelatedTopics => "part-related-topics",
            Part::Faq => "part-faq",
            Part::Versions => "part-versions",
            Part::RelatedGuides => "part-related-guides",
            Part::Sources => "part-sources",
        }
    }

    /// What one item of the part's list is called ("deal row"); `None` for parts without a
    /// list.
    pub fn item_noun(self) -> Option<&'static str> {
        Some(match self {
            Part::Meta | Part::Tldr => return None,
            Part::Takeaways => "takeaway",
            Part::Sections => "section",
            Part::Figures => "figure",
            Part::Deals => "deal row",
            Part::Timeline => "event",
            Part::RelatedTopics => "related topic",
            Part::Faq => "question",
            Part::Versions => "version",
            Part::RelatedGuides => "related guide",
            Part::Sources => "source",
        })
    }

    /// True for a part the store derives and editors never type (the versions list).
    pub fn derived(self) -> bool {
        self == Part::Versions
    }

    /// Where the part's list lives in `guide.json` (`["deals", "rows"]`); `None` for parts
    /// without a list.
    pub fn list_path(self) -> Option<&'static [&'static str]> {
        Some(match self {
            Part::Meta | Part::Tldr => return None,
            Part::Takeaways => &["takeaways"],
            Part::Sections => &["sections"],
            Part::Figures => &["figures"],
            Part::Deals => &["deals", "rows"],
            Part::Timeline => &["timeline"],
            Part::RelatedTopics => &["related_topics"],
            Part::Faq => &["faq"],
            Part::Versions => &["versions"],
            Part::RelatedGuides => &["related_guides"],
            Part::Sources => &["sources"],
        })
    }

    /// The ids of the part's list items, in order (empty for parts without a list).
    pub fn item_ids(self, g: &Guide) -> Vec<&str> {
        fn ids<T: ListItem>(items: &[T]) -> Vec<&str> {
            items.iter().map(ListItem::item_id).collect()
        }
        match self {
            Part::Meta | Part::Tldr => Vec::new(),
            Part::Takeaways => ids(&g.takeaways),
            Part::Sections => ids(&g.sections),
            Part::Figures => ids(&g.figures),
            Part::Deals => ids(&g.deals.rows),
            Part::Timeline => ids(&g.timeline),
            Part::RelatedTopics => ids(&g.related_topics),
            Part::Faq => ids(&g.faq),
            Part::Versions => ids(&g.versions),
            Part::RelatedGuides => ids(&g.related_guides),
            Part::Sources => ids(&g.sources),
        }
    }

    /// The fields of the part (for a list: of each item), with the names people see, in form
    /// order. The key is the last segment of the field's path (`partner` in
    /// `deals[3].partner`; `caption` in `deals.caption`; the part's own key for a part that is
    /// one field, such as `tldr`).
    pub fn fields(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Part::Meta => &[
                ("title", "Title"),
                ("slug", "Slug"),
                ("topic", "Topic"),
                ("lang", "Language"),
                ("kind", "Kind"),
                ("depth", "Depth"),
                ("status", "Status"),
                ("version", "Version"),
                ("created", "Created"),
                ("updated", "Last updated"),
                ("generated", "Generated"),
            ],
            Part::Tldr => &[("tldr", "Summary paragraph")],
            Part::Takeaways => &[("text", "Text"), ("lang", "Language")],
            Part::Sections => &[("heading", "Heading"), ("body", "Body"), ("lang", "Language")],
            Part::Figures => &[
                ("kind", "Chart"),
                ("caption", "Caption"),
                ("lab", "Lab"),
                ("partner", "Partner"),
                ("bars", "Bars"),
                ("key_only", "Key events only"),
                ("from", "From"),
                ("to", "To"),
            ],
            Part::Deals => &[
                ("caption", "Caption"),
                ("footnote", "Footnote"),
                ("lab", "Lab"),
                ("partner", "Partner"),
                ("capacity", "Committed capacity"),
                ("timeline", "Timeline"),
                ("terms", "Notable terms"),
            ],
            Part::Timeline => &[
                ("date", "Date"),
                ("precision", "Precision"),
                ("title", "Title"),
                ("detail", "Detail"),
                ("link", "Link"),
                ("key", "Key event"),
            ],
            Part::RelatedTopics | Part::RelatedGuides => {
                &[("title", "Title"), ("target", "Slug or URL")]
            }
            Part::Faq => &[("question", "Question"), ("answer", "Answer"), ("lang", "Language")],
            Part::Versions => &[("label", "Label"), ("state", "State"), ("at", "Date")],
            Part::Sources => &[
                ("score", "Relevance"),
                ("source", "Source name"),
                ("published", "Published"),
                ("url", "URL"),
                ("title", "Title"),
                ("summary", "Summary"),
                ("lang", "Language"),
            ],
        }
    }

    /// The fields whose text names one item of the part's list, joined by " · " (an empty one
    /// as "—"): "Mirage AI · Sahara Grid" for a deal row, "2019-07 · Paper" for an event.
    /// Empty for parts without a list.
    pub fn name_fields(self) -> &'static [&'static str] {
        match self {
            Part::Meta | Part::Tldr => &[],
            Part::Takeaways => &["text"],
            Part::Sections => &["heading"],
            Part::Figures => &["caption"],
            Part::Deals => &["lab", "partner"],
            Part::Timeline => &["date", "title"],
            Part::RelatedTopics | Part::RelatedGuides => &["title"],
            Part::Faq => &["question"],
            Part::Versions => &["label"],
            Part::Sources => &["title"],
        }
    }

    /// Whether the field `key` of this part holds Markdown: `Some("inline")` for one paragraph
    /// of inline Markdown, `Some("block")` for block Markdown, `None` for plain text.
    pub fn markdown(self, key: &str) -> Option<&'static str> {
        match (self, key) {
            (Part::Tldr, "tldr")
            | (Part::Takeaways, "text")
            | (Part::Deals, "footnote")
            | (Part::Timeline, "detail") => Some("inline"),
            (Part::Sections, "body") | (Part::Faq, "answer") => Some("block"),
            _ => None,
        }
    }

    /// The name people see for the field `key` of this part.
    pub fn field_label(self, key: &str) -> Option<&'static str> {
        self.fields().iter().find(|(k, _)| *k == key).map(|(_, l)| *l)
    }
}

/// How a field path reads for people: `deals[3].partner` → "Deal table · deal row 4 · Partner",
/// `tldr` → "TL;DR", `meta.title` → "Details · Title". Unknown paths are returned as written.
pub fn path_label(path: &str) -> String {
    let Some(part) = Part::of_path(path) else {
        return path.to_string();
    };
    let rest = &path[part.key().len()..];
    let mut out = part.label().to_string();
    let mut rest = rest;
    if let Some(inner) = rest.strip_prefix('[') {
        if let Some((n, after)) = inner.split_once(']') {
            if let (Ok(i), Some(noun)) = (n.parse::<usize>(), part.item_noun()) {
                out.push_str(&format!(" · {noun} {}", i + 1));
                rest = after;
            }
        }
    }
    if let Some(field) = rest.strip_prefix('.') {
        let key = field.split(['.', '[']).next().unwrap_or(field);
        out.push_str(" · ");
        out.push_str(part.field_label(key).unwrap_or(key));
    }
    out
}

/// Limits validation applies (characters).
pub mod limits {
    /// The TL;DR.
    pub const TLDR_MAX: usize = 800;
    /// One key takeaway.
    pub const TAKEAWAY_MAX: usize = 400;
    /// One FAQ answer.
    pub const FAQ_ANSWER_MAX: usize = 1200;
    /// The title.
    pub const TITLE_MAX: usize = 160;
    /// The slug (bytes: it is ASCII).
    pub const SLUG_MAX: usize = 80;
}

/// One part as the UI reads it from [`GuideShape`].
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PartShape {
    pub part: Part,
    pub key: String,
    pub label: String,
    pub anchor: String,
    /// What one list item is called; `null` for parts without a list.
    pub item_noun: Option<String>,
    /// Derived by the store, never typed (the versions list).
    pub derived: bool,
    /// Where the list lives in `guide.json`; `null` for parts without a list.
    pub list_path: Option<Vec<String>>,
    /// The fields (of each item, for a list): key and the name people see.
    pub fields: Vec<FieldShape>,
    /// The fields whose text names one item, joined by " · " (see [`Part::name_fields`]).
    pub name_fields: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FieldShape {
    pub key: String,
    pub label: String,
    /// "inline" or "block" for a Markdown field, `null` for plain text ([`Part::markdown`]).
    #[ts(type = "\"inline\" | \"block\" | null")]
    pub markdown: Option<&'static str>,
}

/// One review state as the UI reads it from [`GuideShape`].
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StateShape {
    pub state: VersionState,
    /// "In review".
    pub label: String,
    /// The states a plain move may reach from here.
    pub moves: Vec<VersionState>,
    /// Whether Approve applies (only in review).
    pub approvable: bool,
    /// Whether a new version may start in this state.
    pub initial: bool,
}

/// The limits as the UI reads them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LimitsShape {
    #[ts(type = "number")]
    pub title_max: usize,
    #[ts(type = "number")]
    pub slug_max: usize,
    #[ts(type = "number")]
    pub tldr_max: usize,
    #[ts(type = "number")]
    pub takeaway_max: usize,
    #[ts(type = "number")]
    pub faq_answer_max: usize,
}

/// Everything above in one value, serialised for the UI (`ui/src/lib/bindings/shape.ts`).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct GuideShape {
    /// Every part, in page order.
    pub parts: Vec<PartShape>,
    pub limits: LimitsShape,
    /// Every review state, in review order.
    pub states: Vec<StateShape>,
    /// The label of the working draft (`<slug>@draft`, `meta.version.label`).
    pub draft_label: String,
    #[ts(type = "number")]
    pub format_version: u32,
}

impl GuideShape {
    /// The shape, built from the definitions above.
    pub fn get() -> GuideShape {
        let s = |x: &str| x.to_string();
        GuideShape {
            parts: Part::ALL
                .into_iter()
                .map(|p| PartShape {
                    part: p,
                    key: s(p.key()),
                    label: s(p.label()),
                    anchor: s(p.anchor()),
                    item_noun: p.item_noun().map(s),
                    derived: p.derived(),
                    list_path: p.list_path().map(|l| l.iter().map(|k| s(k)).collect()),
                    fields: p
                        .fields()
                        .iter()
                        .map(|(k, l)| FieldShape {
                            key: s(k),
                            label: s(l),
                            markdown: p.markdown(k),
                        })
                        .collect(),
                    name_fields: p.name_fields().iter().map(|k| s(k)).collect(),
                })
                .collect(),
            limits: LimitsShape {
                title_max: limits::TITLE_MAX,
                slug_max: limits::SLUG_MAX,
                tldr_max: limits::TLDR_MAX,
                takeaway_max: limits::TAKEAWAY_MAX,
                faq_answer_max: limits::FAQ_ANSWER_MAX,
            },
            states: VersionState::ALL
                .into_iter()
                .map(|st| StateShape {
                    state: st,
                    label: s(st.title()),
                    moves: st.moves(),
                    approvable: st.approvable(),
                    initial: VersionState::INITIAL.contains(&st),
                })
                .collect(),
            draft_label: s(DRAFT_LABEL),
            format_version: crate::FORMAT_VERSION,
        }
    }

    /// `shape.ts`: the shape as a typed constant for the UI.
    pub fn typescript() -> String {
        let json = serde_json::to_string_pretty(&GuideShape::get()).expect("the shape serialises");
        format!(
            "// Generated from almanac-guide (GuideShape::get); do not edit. Refresh:\n\
             // UPDATE_BINDINGS=1 cargo test -p almanac-studio bindings\n\
             import type {{ GuideShape }} from './GuideShape';\n\n\
             export const SHAPE: GuideShape = {json};\n"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_follow_serde() {
        for p in Part::ALL {
            assert_eq!(Part::from_key(p.key()), Some(p));
            assert_eq!(serde_json::to_value(p).unwrap(), p.key());
            assert_eq!(p.anchor(), format!("part-{}", p.key().replace('_', "-")));
        }
        assert_eq!(Part::of_path("deals[3].partner"), Some(Part::Deals));
        assert_eq!(Part::of_path("deals.caption"), Some(Part::Deals));
        assert_eq!(Part::of_path("meta.version.label"), Some(Part::Meta));
        assert_eq!(Part::of_path("format"), None);
    }

    #[test]
    fn paths_read_as_people_name_them() {
        assert_eq!(path_label("deals[3].partner"), "Deal table · deal row 4 · Partner");
        assert_eq!(path_label("deals.caption"), "Deal table · Caption");
        assert_eq!(path_label("tldr"), "TL;DR");
        assert_eq!(path_label("meta.title"), "Details · Title");
        assert_eq!(path_label("faq[0]"), "FAQ · question 1");
        assert_eq!(
            path_label("deals[0].capacity.text"),
            "Deal table · deal row 1 · Committed capacity"
        );
        assert_eq!(path_label("nonsense"), "nonsense");
    }

    #[test]
    fn lists_are_the_parts_with_item_ids() {
        let value =
            serde_json::to_value(Guide::new_empty("a", "A", "2026-01-01T00:00:00Z")).unwrap();
        for p in Part::ALL {
            let path = p.list_path();
            assert_eq!(path.is_some(), p.item_noun().is_some(), "{p:?}");
            if let Some(path) = path {
                let mut v = &value;
                for k in path {
                    v = &v[*k];
                }
                assert!(v.is_array(), "{p:?} lives at {path:?}");
            }
        }
        assert!(Part::LISTS.iter().all(|p| p.list_path().is_some() && *p != Part::Versions));
    }

    #[test]
    fn item_names_and_markdown_fields_are_fields_of_the_part() {
        for p in Part::ALL {
            assert_eq!(p.name_fields().is_empty(), p.item_noun().is_none(), "{p:?}");
            for k in p.name_fields() {
                assert!(p.field_label(k).is_some(), "{p:?}.{k}");
            }
            for (k, _) in p.fields() {
                assert!(matches!(p.markdown(k), None | Some("inline" | "block")));
            }
        }
        assert_eq!(Part::Sections.markdown("body"), Some("block"));
        assert_eq!(Part::Tldr.markdown("tldr"), Some("inline"));
        assert_eq!(Part::Sections.markdown("heading"), None);
    }
}
