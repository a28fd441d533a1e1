//! The guide model. Field order here is the field order of `guide.json`.
//!
//! Text that an editor types is kept as typed (`String`), including dates and URLs: the model
//! must be able to hold a half-finished draft. `validate` says what is wrong with it.
//! Every list item carries a stable `id` that survives edits and reorders; diffs match on it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One Almanac topic guide: everything the published page shows that belongs to the guide
/// (site chrome such as the newsletter block is the renderer's, not the guide's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    /// Publishing format version; always 1 for this format.
    #[schemars(range(min = 1, max = 1))]
    pub format: u32,
    pub meta: Meta,
    /// One-paragraph summary (Markdown, inline).
    pub tldr: String,
    /// Key takeaways, in reading order.
    pub takeaways: Vec<Takeaway>,
    /// Headed prose sections.
    pub sections: Vec<Section>,
    /// Charts drawn from the guide's own data.
    pub figures: Vec<Figure>,
    pub deals: DealTable,
    pub timeline: Vec<TimelineEvent>,
    pub related_topics: Vec<RelatedLink>,
    pub related_guides: Vec<RelatedLink>,
    pub faq: Vec<FaqItem>,
    /// "More on the topic": source items.
    pub sources: Vec<Source>,
    /// The guide's published versions, newest first, as the page's "Versions" block shows them.
    #[serde(default)]
    pub versions: Vec<VersionRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// URL-safe name, also the bundle's folder name: lowercase letters, digits and hyphens.
    pub slug: String,
    pub title: String,
    /// The topic the guide belongs to, e.g. "Training Infrastructure".
    pub topic: String,
    /// e.g. "Topic guide".
    pub kind: String,
    /// e.g. "In-depth".
    pub depth: String,
    pub status: GuideStatus,
    pub version: VersionInfo,
    /// Language tag of the content, e.g. "en".
    pub lang: String,
    /// RFC 3339 timestamps.
    pub created: String,
    pub updated: String,
    /// When the guide was last generated; exports compute relative ages against it.
    pub generated: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum GuideStatus {
    Active,
    Paused,
    Archived,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct VersionInfo {
    /// e.g. "v1".
    pub label: String,
    pub state: VersionState,
}

/// The review state of a version: draft → in review → approved → live (or archived).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum VersionState {
    Draft,
    InReview,
    Approved,
    Live,
    Archived,
}

impl VersionState {
    pub fn as_str(self) -> &'static str {
        match self {
            VersionState::Draft => "draft",
            VersionState::InReview => "in_review",
            VersionState::Approved => "approved",
            VersionState::Live => "live",
            VersionState::Archived => "archived",
        }
    }
    /// How a reader sees the state: "in review".
    pub fn label(self) -> &'static str {
        match self {
            VersionState::InReview => "in review",
            other => other.as_str(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Takeaway {
    pub id: String,
    /// Markdown, inline.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub heading: String,
    /// Markdown (tables, footnotes, strikethrough; raw HTML is shown as text).
    pub body: String,
}

/// What a figure draws. Figures carry no data of their own: they are drawn from the guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// Committed capacity (GW) by lab and partner, from the deal rows' parsed capacities.
    DealCapacity,
    /// The timeline events on a time axis.
    Timeline,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub id: String,
    pub kind: FigureKind,
    pub caption: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct DealTable {
    pub caption: String,
    /// Markdown, inline.
    pub footnote: String,
    pub rows: Vec<DealRow>,
}

/// One row of the deal table. `None` is an unknown cell: rendered as an em dash, compared as
/// empty. The text "—" is never stored for an unknown cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct DealRow {
    pub id: String,
    pub lab: Option<String>,
    pub partner: Option<String>,
    pub capacity: Option<Capacity>,
    pub timeline: Option<String>,
    pub terms: Option<String>,
}

/// Committed capacity as the editor typed it, plus the quantity read from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Capacity {
    pub text: String,
    /// Gigawatts read from `text` ("300 MW" → 0.3); `null` when none can be read ("Multi-GW").
    /// Derived: recomputed from `text` whenever a guide is loaded or saved.
    pub gw: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Year,
    Month,
    Day,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct TimelineEvent {
    pub id: String,
    /// "2019", "2019-07" or "2019-07-22", matching `precision`.
    pub date: String,
    pub precision: DatePrecision,
    pub title: String,
    /// Markdown, inline.
    pub detail: Option<String>,
    pub link: Option<String>,
}

/// A related topic or guide: a title and either a slug ("training-infrastructure") or a URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct RelatedLink {
    pub id: String,
    pub title: String,
    pub target: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct FaqItem {
    pub id: String,
    pub question: String,
    /// Markdown.
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    /// Relevance score, 0 to 10.
    #[schemars(range(max = 10))]
    pub score: u8,
    /// The source's name, e.g. "Anthropic News".
    pub source: String,
    /// RFC 3339 date or timestamp ("2026-10-14" or "2026-10-14T09:00:00Z").
    pub published: String,
    pub url: String,
    pub title: String,
    pub summary: String,
}

/// A published version as listed on the page: "v1 · live · 7d ago".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct VersionRef {
    pub label: String,
    pub state: VersionState,
    /// RFC 3339 timestamp.
    pub at: String,
}

impl Guide {
    /// A new, empty guide with the given slug and title: the starting point of "New guide".
    pub fn new_empty(slug: &str, title: &str, now_rfc3339: &str) -> Guide {
        Guide {
            format: crate::FORMAT_VERSION,
            meta: Meta {
                slug: slug.to_string(),
                title: title.to_string(),
                topic: String::new(),
                kind: "Topic guide".to_string(),
                depth: "In-depth".to_string(),
                status: GuideStatus::Active,
                version: VersionInfo { label: "v1".to_string(), state: VersionState::Draft },
                lang: "en".to_string(),
                created: now_rfc3339.to_string(),
                updated: now_rfc3339.to_string(),
                generated: now_rfc3339.to_string(),
            },
            tldr: String::new(),
            takeaways: Vec::new(),
            sections: Vec::new(),
            figures: Vec::new(),
            deals: DealTable { caption: String::new(), footnote: String::new(), rows: Vec::new() },
            timeline: Vec::new(),
            related_topics: Vec::new(),
            related_guides: Vec::new(),
            faq: Vec::new(),
            sources: Vec::new(),
            versions: Vec::new(),
        }
    }
}
