//! almanac-render: the one renderer that preview, diff reports and export share.
//!
//! - [`render_page`] / [`render_page_with_theme`]: a guide as a standalone HTML5 page (inline
//!   CSS and SVG, no script, no external request), semantic and accessible, light/dark/print
//!   styles.
//! - [`render_part`]: one part of a guide ([`almanac_guide::Part`]; `Part::Meta` is the header)
//!   as the page shows it, the same bytes; [`render_part_nested`] the same for a part shown
//!   inside another document with its own `<h1>` (the diff report).
//! - [`render_chunk`]: one [`PageChunk`] of the page (the head, the stylesheet, a part, the
//!   contents, the footer, …); the page is its chunks in order, so an editor can keep it as
//!   chunks and re-render only those an edit changes.
//! - [`render_figure`]: one figure as the page draws it, under an id of the caller's (for
//!   documents that show figures outside their page).
//! - [`render_markdown`] / [`render_inline`]: the sanitised Markdown used everywhere. Smart
//!   punctuation is pulldown-cmark's: quotes, dashes and ellipses only; `(c)`, `(r)`, `(tm)` and
//!   `+-` are not replaced. Footnotes are numbered in order of first use and link back to
//!   their references.
//! - [`escape_html`] / [`push_escaped`] (element content) and [`escape_attr`] /
//!   [`push_escaped_attr`] (attribute values; also escapes quotes): the one HTML escaper of the
//!   workspace. [`safe_url`] decides which URLs may be linked.
//! - [`page_css`]: the page stylesheet, for other standalone documents (the diff report).
//!
//! Nothing here reads the wall clock. [`PageOptions`] picks how dates are shown:
//!
//! - [`PageOptions::published()`] (export, static pages): every date is absolute ("18 Nov 2026",
//!   the date only even for a timestamp), inside `<time datetime="…">` holding the full value.
//!   A published page is read long after it was made, so it says nothing relative to any "now":
//!   the same guide gives the same bytes.
//! - [`PageOptions::at`]`(now)` (the editor's preview): relative ages ("7d ago") computed against
//!   `now`, the absolute time in the `title`, and a footer sentence saying what "now" was.
//!
//! Invalid dates in a draft never panic: they are shown as typed.
//!
//! Every element that holds guide text (headings, paragraphs, list items, table cells,
//! captions, FAQ questions and answers, source titles and summaries) has `dir="auto"`, so a
//! right-to-left script (Arabic, Hebrew) reads right to left in any page. A section, FAQ item,
//! takeaway or source whose `lang` is set (a language tag) carries it as `lang="…"`.
//!
//! The page says which version it shows ([`version_words`]): a named version as its label and
//! review state ("v3 · live"); the working draft as the label of the version it builds on and
//! "draft, unpublished edits", or "draft · not yet versioned" before the first named version.
//!
//! Modules:
//!
//! - `page`: the page writer, the document and the ids (`page/mod.rs`); the header and the
//!   site chrome: contents, stay-current block, footer (`page/chrome.rs`); the prose parts:
//!   TL;DR, takeaways, sections, FAQ (`page/prose.rs`); the list parts: figures, deal table,
//!   timeline, related links, versions, sources (`page/lists.rs`);
//! - `charts`: the inline SVG charts of the figures;
//! - `markdown`: the sanitising Markdown renderer;
//! - `escape`: HTML escaping, URL filtering, id tokens;
//! - `time`: parsing dates, absolute dates and relative ages.

mod charts;
mod escape;
mod markdown;
mod page;
mod time;

use almanac_guide::{Guide, Part};
use chrono::{DateTime, FixedOffset};
use std::sync::OnceLock;

pub use escape::{escape_attr, escape_html, push_escaped, push_escaped_attr, safe_url, UrlPolicy};
pub use markdown::{
    inline_events, render_inline, render_markdown, render_markdown_with, MarkdownOptions,
};
pub use page::{version_words, PageChunk, UNKNOWN_CELL};
pub use time::{format_absolute, parse_when, relative_age};

/// How a page is rendered: which clock, if any, its dates are read against.
///
/// `now: None` is published mode (absolute dates only; the default), `now: Some(t)` is preview
/// mode (relative ages computed against `t`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageOptions {
    /// The clock relative ages are computed against; `None` for a published page.
    pub now: Option<DateTime<FixedOffset>>,
}

impl PageOptions {
    /// Published mode, for export and every static page: absolute dates only, no clock.
    pub fn published() -> PageOptions {
        PageOptions { now: None }
    }

    /// Preview mode: relative ages against `now`.
    pub fn at(now: DateTime<FixedOffset>) -> PageOptions {
        PageOptions { now: Some(now) }
    }

    /// True in published mode.
    pub fn is_published(&self) -> bool {
        self.now.is_none()
    }
}

/// The colour scheme a page is forced to (see [`render_page_with_theme`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    /// Follow the reader's `prefers-color-scheme` (what [`render_page`] writes).
    #[default]
    System,
    /// `<html data-theme="light">`: light whatever the system says.
    Light,
    /// `<html data-theme="dark">`: dark whatever the system says.
    Dark,
    /// `<html data-theme="print">`: the print look on screen (no site chrome, URLs shown),
    /// for the editor's print preview.
    Print,
}

impl Theme {
    fn attr(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
            Theme::Print => Some("print"),
        }
    }
}

/// The guide as a standalone HTML5 document following the reader's light/dark setting.
pub fn render_page(guide: &Guide, opts: &PageOptions) -> String {
    render_page_with_theme(guide, opts, Theme::System)
}

/// [`render_page`] with a forced theme (`<html data-theme="…">` overrides
/// `prefers-color-scheme`). `Theme::System` gives exactly [`render_page`]'s bytes.
pub fn render_page_with_theme(guide: &Guide, opts: &PageOptions, theme: Theme) -> String {
    let mut w = page::Writer::new(guide, opts, page_css_for(theme).len() + 48 * 1024);
    w.document(theme);
    w.out
}

/// One chunk of the page [`render_page_with_theme`] writes for `guide`, `opts` and `theme`: the
/// same bytes, and the page is exactly its [`PageChunk::ALL`] chunks one after the other. A
/// part's chunk is [`render_part`]'s fragment.
pub fn render_chunk(guide: &Guide, opts: &PageOptions, theme: Theme, chunk: PageChunk) -> String {
    let capacity = match chunk {
        PageChunk::Stylesheet => page_css_for(theme).len() + 256,
        _ => 8 * 1024,
    };
    let mut w = page::Writer::new(guide, opts, capacity);
    w.chunk(theme, chunk);
    w.out
}

/// One part of the guide as an HTML fragment (empty when the part has nothing to show), the
/// same bytes the page contains for it: `Part::Meta` is the page's header. The site chrome
/// (contents, stay-current block, footer) is no guide part: only [`render_page`] writes it.
/// Styled by [`page_css`].
pub fn render_part(guide: &Guide, opts: &PageOptions, part: Part) -> String {
    let mut w = page::Writer::new(guide, opts, 8 * 1024);
    w.part(part);
    w.out
}

/// [`render_part`] for a part shown inside another document that has its own `<h1>` (the diff
/// report): the header's title is a `<p class="title">` rather than an `<h1>`; every other byte
/// is the same.
pub fn render_part_nested(guide: &Guide, opts: &PageOptions, part: Part) -> String {
    let mut w = page::Writer::new(guide, opts, 8 * 1024);
    w.nested = true;
    w.part(part);
    w.out
}

/// Figure `index` of the guide as the page draws it (its `<figure>`: chart, notes, caption
/// "Figure {index + 1}"), the same bytes as on the page except its id: `anchor` instead of the
/// page's `fig-<id>`, and every id inside starts with it (all of them are [`figure_ids`]).
/// Empty when the guide has no such figure. For documents that show figures outside their page
/// (the diff report shows a changed figure's old and new drawing); `anchor` must be an id no
/// other element of that document has (characters an id cannot hold become `-`).
pub fn render_figure(guide: &Guide, index: usize, anchor: &str) -> String {
    let opts = PageOptions::published();
    let mut w = page::Writer::new(guide, &opts, 4 * 1024);
    w.figure(index, &escape::id_token(anchor));
    w.out
}

/// Every id [`render_figure`] gives out for `anchor`.
pub fn figure_ids(anchor: &str) -> [String; 4] {
    let anchor = escape::id_token(anchor);
    [anchor.clone(), format!("{anchor}-title"), format!("{anchor}-desc"), format!("{anchor}-cap")]
}

const BASE_CSS: &str = include_str!("page.css");
const PRINT_CSS: &str = include_str!("print.css");

/// The page stylesheet: screen (light, dark, `data-theme` overrides) and `@media print`.
pub fn page_css() -> &'static str {
    static CSS: OnceLock<String> = OnceLock::new();
    CSS.get_or_init(|| {
        // print.css is written once, with every selector starting "PRINT ": here it becomes
        // plain selectors inside @media print...
        format!("{BASE_CSS}@media print{{\n{}}}\n", PRINT_CSS.replace("PRINT ", ""))
    })
}

/// The stylesheet for a forced theme: `Theme::Print` adds the print rules scoped to
/// `[data-theme="print"]` so the print look shows on screen.
pub(crate) fn page_css_for(theme: Theme) -> &'static str {
    static PRINT_THEME: OnceLock<String> = OnceLock::new();
    match theme {
        Theme::Print => PRINT_THEME.get_or_init(|| {
            format!("{}{}", page_css(), PRINT_CSS.replace("PRINT ", ":root[data-theme=\"print\"] "))
        }),
        _ => page_css(),
    }
}
