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
    /// Publishing format version: 2 (format 1 files are read and upgraded).
    #[schemars(range(min = 1, max = 2))]
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
    /// The guide's named versions up to this one, newest first, as the page's "Versions" block
    /// shows them. Derived by the store when a page or bundle is made, never typed.
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
    /// Which version this is. Derived by the store when a page or bundle is made, never typed.
    pub version: VersionInfo,
    /// Language tag of the content, e.g. "en".
    pub lang: String,
    /// RFC 3339 timestamps, kept by the store: when the guide was created, when its content
    /// last changed, and when this version was named (or its review state last moved) or this
    /// draft last saved. Editors never type them.
    pub created: String,
    pub updated: String,
    pub generated: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum GuideStatus {
    Active,
    Paused,
    Archived,
}

/// Which version a page shows: a named version (`{"label": "v3", "state": "live"}`) or the
/// working draft (`{"label": "draft", "state": "draft", "based_on": "v3"}`), which never carries
/// the label of another version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct VersionInfo {
    /// The version's label, e.g. "v1"; [`DRAFT_LABEL`] for the working draft.
    pub label: String,
    pub state: VersionState,
    /// For the working draft: the newest named version it builds on (none before the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub based_on: Option<String>,
    /// For the working draft: true when its content is exactly `based_on`'s (no edits since).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub same_as_base: bool,
}

/// The label of the working draft in `meta.version` and in `<slug>@draft`; never the label of a
/// named version.
pub const DRAFT_LABEL: &str = "draft";

impl VersionInfo {
    /// A named version.
    pub fn named(label: &str, state: VersionState) -> VersionInfo {
        VersionInfo { label: label.to_string(), state, based_on: None, same_as_base: false }
    }

    /// The working draft, on top of the named version `based_on` if there is one.
    pub fn working_draft(based_on: Option<&str>) -> VersionInfo {
        VersionInfo {
            label: DRAFT_LABEL.to_string(),
            state: VersionState::Draft,
            based_on: based_on.map(str::to_string),
            same_as_base: false,
        }
    }

    /// True for the working draft (not a named version).
    pub fn is_working_draft(&self) -> bool {
        self.label.trim() == DRAFT_LABEL
    }
}

/// The review state of a version. The state machine (enforced by the store, for the app and
/// the CLI alike):
///
/// | from | to |
/// | --- | --- |
/// | draft | in review, archived |
/// | in review | approved (only by the approve action, which records who and which content), draft, archived |
/// | approved | live, in review, archived |
/// | live | archived |
/// | archived | draft |
///
/// A new named version starts as draft or in review. Live is reached only from approved.
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
    /// Every state, in review order.
    pub const ALL: [VersionState; 5] = [
        VersionState::Draft,
        VersionState::InReview,
        VersionState::Approved,
        VersionState::Live,
        VersionState::Archived,
    ];

    /// The states a new named version may start in.
    pub const INITIAL: [VersionState; 2] = [VersionState::Draft, VersionState::InReview];

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

    /// The state as a badge or a menu names it: "In review".
    pub fn title(self) -> &'static str {
        match self {
            VersionState::Draft => "Draft",
            VersionState::InReview => "In review",
            VersionState::Approved => "Approved",
            VersionState::Live => "Live",
            VersionState::Archived => "Archived",
        }
    }

    /// Whether a version may move from `self` to `to` by a plain state change (the table in
    /// the type's docs). Entering approved is never a plain move: see [`Self::approvable`].
    pub fn can_move_to(self, to: VersionState) -> bool {
        use VersionState::*;
        matches!(
            (self, to),
            (Draft, InReview)
                | (InReview, Draft)
                | (Approved, Live)
                | (Approved, InReview)
                | (Draft | InReview | Approved | Live, Archived)
                | (Archived, Draft)
        )
    }

    /// Whether a version in this state can be approved (only a version in review can).
    pub fn approvable(self) -> bool {
        self == VersionState::InReview
    }

    /// The states a plain move from `self` may reach.
    pub fn moves(self) -> Vec<VersionState> {
        VersionState::ALL.into_iter().filter(|t| self.can_move_to(*t)).collect()
    }
}

impl std::str::FromStr for VersionState {
    type Err = String;

    /// Reads "draft", "in_review" (or "in-review", "in review"), "approved", "live", "archived".
    fn from_str(s: &str) -> Result<VersionState, String> {
        match s.trim() {
            "draft" => Ok(VersionState::Draft),
            "in_review" | "in-review" | "in review" => Ok(VersionState::InReview),
            "approved" => Ok(VersionState::Approved),
            "live" => Ok(VersionState::Live),
            "archived" => Ok(VersionState::Archived),
            other => Err(format!(
                "unknown version state \"{other}\" (draft, in-review, approved, live, archived)"
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Takeaway {
    pub id: String,
    /// Markdown, inline.
    pub text: String,
    /// Language tag of this item's text where it differs from the guide's (`meta.lang`),
    /// e.g. "ar"; omitted when the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub lang: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub heading: String,
    /// Markdown (tables, footnotes, strikethrough; raw HTML is shown as text).
    pub body: String,
    /// Language tag of this item's text where it differs from the guide's (`meta.lang`),
    /// e.g. "ar"; omitted when the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub lang: Option<String>,
}

/// What a figure draws. Figures carry no data of their own: they are drawn from the guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// Committed capacity (GW) by lab, one bar per lab split by partner, from the deal rows'
    /// parsed capacities.
    DealCapacity,
    /// One lab's compute stack: its deal rows' capacity by partner (the figure's `lab`).
    ComputeStack,
    /// The timeline events on a time axis.
    Timeline,
}

impl FigureKind {
    /// Whether the figure is drawn from the deal rows (and takes the lab, partner and bar
    /// options).
    pub fn is_capacity(self) -> bool {
        matches!(self, FigureKind::DealCapacity | FigureKind::ComputeStack)
    }
}

/// How a capacity figure draws several deal rows of one bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum BarLayout {
    /// One segment per row, end to end in one bar.
    #[default]
    Stacked,
    /// One bar per row, side by side.
    Grouped,
}

impl BarLayout {
    fn is_stacked(&self) -> bool {
        *self == BarLayout::Stacked
    }
}

/// A chart drawn from the guide's own data, with the options an editor chose. Options that do
/// not apply to the figure's kind are ignored (and flagged by validation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub id: String,
    pub kind: FigureKind,
    pub caption: String,
    /// Capacity figures: only the deal rows of this lab (a compute stack names its lab here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub lab: Option<String>,
    /// Capacity figures: only the deal rows whose partner contains this text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub partner: Option<String>,
    /// Capacity figures: how rows of one bar are drawn.
    #[serde(default, skip_serializing_if = "BarLayout::is_stacked")]
    #[ts(as = "Option<BarLayout>", optional)]
    pub bars: BarLayout,
    /// Timeline figures: only the events marked as key.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub key_only: bool,
    /// Timeline figures: only events from this date on ("2023", "2023-09", "2023-09-25").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub from: Option<String>,
    /// Timeline figures: only events up to this date (inclusive, at its precision).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub to: Option<String>,
}

impl Figure {
    /// A figure of `kind` with a caption and no options.
    pub fn new(id: &str, kind: FigureKind, caption: &str) -> Figure {
        Figure {
            id: id.to_string(),
            kind,
            caption: caption.to_string(),
            lab: None,
            partner: None,
            bars: BarLayout::Stacked,
            key_only: false,
            from: None,
            to: None,
        }
    }
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
    /// A key inflection point: a timeline figure may show only these.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub key: bool,
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
    /// Language tag of this item's text where it differs from the guide's (`meta.lang`),
    /// e.g. "ar"; omitted when the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub lang: Option<String>,
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
    /// Language tag of this item's text where it differs from the guide's (`meta.lang`),
    /// e.g. "ar"; omitted when the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub lang: Option<String>,
}

/// A named version as listed on the page: "v1 · live · 18 Nov 2026".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct VersionRef {
    pub label: String,
    pub state: VersionState,
    /// RFC 3339 timestamp: when the version was named, or its state last moved.
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
                version: VersionInfo::working_draft(None),
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

impl Guide {
    /// Clears what the store derives (`meta.version`, `versions`, the three timestamps), leaving
    /// only what editors write: the form the store keeps and compares content in.
    pub fn strip_derived(&mut self) {
        self.meta.version = VersionInfo::working_draft(None);
        self.versions.clear();
        self.meta.created.clear();
        self.meta.updated.clear();
        self.meta.generated.clear();
    }

    /// A copy with the derived fields cleared (see [`Guide::strip_derived`]).
    pub fn stripped(&self) -> Guide {
        let mut g = self.clone();
        g.strip_derived();
        g
    }
}
