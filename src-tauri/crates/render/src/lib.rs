//! almanac-render: the one renderer that preview, diff reports and export share.
//!
//! - [`render_page`]: a guide as a standalone HTML5 page (inline CSS and SVG, no script, no
//!   external request), semantic and accessible, light/dark/print styles.
//! - [`render_markdown`] / [`render_inline`]: the sanitised Markdown used everywhere.
//! - [`page_css`]: the page stylesheet, for other standalone documents (the diff report).
//!
//! Nothing here reads the wall clock. Relative ages ("7d ago") are computed against
//! [`PageOptions::now`]: the preview passes the wall clock, export passes [`export_clock`]
//! (the guide's own `meta.generated`), so an export is byte-for-byte deterministic.
//! Invalid dates in a draft never panic: they are shown as typed.

mod charts;
mod escape;
mod markdown;
mod page;
mod time;

use almanac_guide::Guide;
use chrono::{DateTime, FixedOffset};
use std::sync::OnceLock;

pub use escape::{safe_url, UrlPolicy};
pub use markdown::{render_inline, render_markdown, render_markdown_with, MarkdownOptions};
pub use page::Part;
pub use time::{format_absolute, parse_when, relative_age};

/// How a page is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageOptions {
    /// The clock relative ages are computed against.
    pub now: DateTime<FixedOffset>,
}

impl PageOptions {
    /// Options with the given clock.
    pub fn at(now: DateTime<FixedOffset>) -> PageOptions {
        PageOptions { now }
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

/// One part of the page as an HTML fragment (empty when the part has nothing to show), the
/// same bytes the page contains for it. Styled by [`page_css`].
pub fn render_part(guide: &Guide, opts: &PageOptions, part: Part) -> String {
    let mut w = page::Writer::new(guide, opts, 8 * 1024);
    w.part(part);
    w.out
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

/// The deterministic export clock: `now` = the guide's `meta.generated`, falling back to
/// `meta.updated`, then `meta.created`, then the Unix epoch when none can be read.
pub fn export_clock(guide: &Guide) -> PageOptions {
    let m = &guide.meta;
    let now = [&m.generated, &m.updated, &m.created]
        .into_iter()
        .find_map(|s| parse_when(s))
        .unwrap_or_else(|| DateTime::UNIX_EPOCH.fixed_offset());
    PageOptions { now }
}
