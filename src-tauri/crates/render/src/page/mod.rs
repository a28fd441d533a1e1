//! The standalone guide page: one HTML5 document, inline CSS and SVG, no script, no external
//! request (a Content-Security-Policy meta tag says so to the browser too).
//!
//! The page shows the guide's parts ([`Part`], in page order) inside the site's chrome. This
//! module holds the [`Writer`], the document around the parts, and the ids; the parts are
//! written by:
//!
//! - [`chrome`]: the header (the guide's [`Part::Meta`]), and the site chrome, which is no
//!   guide part: the contents, the stay-current block and the footer; plus the words the page
//!   uses for its version ([`version_words`]);
//! - [`prose`]: the parts people read through: TL;DR, key takeaways, sections, FAQ;
//! - [`lists`]: the parts that list items: figures, the deal table, the timeline, related
//!   topics and guides, versions, sources.
//!
//! Every part's element has `id` = [`Part::anchor`] (`part-tldr`) and `data-path` = the
//! part's key, and every item `data-path` = its validation path (`takeaways[0]`, `deals[2]`,
//! …) so an editor can scroll the preview to the field being edited; every list item has its
//! own stable anchor derived from the item's id. Parts with nothing to show are left out.

mod chrome;
mod lists;
mod prose;

pub use chrome::version_words;
pub use lists::UNKNOWN_CELL;

use crate::escape::{lang_tag, push_escaped, push_id_token};
use crate::markdown::push_inline;
use crate::time::push_age;
use crate::{page_css_for, PageOptions, Theme};
use almanac_guide::{Guide, Part, TimelineEvent};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// A piece of the page document. The page is its chunks of [`PageChunk::ALL`] written one
/// after the other, and each chunk is the same bytes whether written inside the page or alone
/// ([`crate::render_chunk`]): an editor can keep a page as its chunks, re-render only those an
/// edit can change and splice them in.
///
/// What each chunk reads of the guide (besides the [`Theme`] and the [`crate::PageOptions`]):
///
/// - `Head` (doctype to `</title>`): `meta.lang`, `meta.title`;
/// - `Stylesheet` (the `<style>`, the end of the head, the start of the body), `MainStart`,
///   `StayCurrent` (the newsletter block), `MainEnd`, `End`: nothing; the stylesheet depends on
///   the theme only;
/// - `Part(p)`: what [`crate::render_part`] reads for `p`: the part itself, and also `meta.topic`
///   for the sources (their heading), `meta.version` for the versions list, the deal rows and
///   the timeline for the figures (their charts);
/// - `Contents`: which parts other than the header have something to show, and the ids,
///   headings and languages of the sections;
/// - `Footer`: `meta.kind`, `meta.version`, `meta.updated`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageChunk {
    Head,
    Stylesheet,
    Part(Part),
    Contents,
    MainStart,
    StayCurrent,
    MainEnd,
    Footer,
    End,
}

impl PageChunk {
    /// Every chunk, in document order: the head, the stylesheet, the header (`Part::Meta`),
    /// the contents, the parts in `<main>` with the stay-current block after the FAQ, the
    /// footer.
    pub const ALL: [PageChunk; 20] = [
        PageChunk::Head,
        PageChunk::Stylesheet,
        PageChunk::Part(Part::Meta),
        PageChunk::Contents,
        PageChunk::MainStart,
        PageChunk::Part(Part::Tldr),
        PageChunk::Part(Part::Takeaways),
        PageChunk::Part(Part::Sections),
        PageChunk::Part(Part::Figures),
        PageChunk::Part(Part::Deals),
        PageChunk::Part(Part::Timeline),
        PageChunk::Part(Part::RelatedTopics),
        PageChunk::Part(Part::Faq),
        // The site's stay-current block sits between the parts people read and the reference
        // lists (versions, related guides, sources).
        PageChunk::StayCurrent,
        PageChunk::Part(Part::Versions),
        PageChunk::Part(Part::RelatedGuides),
        PageChunk::Part(Part::Sources),
        PageChunk::MainEnd,
        PageChunk::Footer,
        PageChunk::End,
    ];
}

/// Is there anything to show for this part? Empty parts are left out of the page.
fn has_content(g: &Guide, part: Part) -> bool {
    match part {
        Part::Meta => true,
        Part::Tldr => !g.tldr.trim().is_empty(),
        Part::Takeaways => g.takeaways.iter().any(|t| !t.text.trim().is_empty()),
        Part::Sections => {
            g.sections.iter().any(|s| !s.heading.trim().is_empty() || !s.body.trim().is_empty())
        }
        Part::Figures => !g.figures.is_empty(),
        Part::Deals => !g.deals.rows.is_empty(),
        Part::Timeline => g.timeline.iter().any(|e| !is_blank_event(e)),
        Part::RelatedTopics => g.related_topics.iter().any(|l| !l.title.trim().is_empty()),
        Part::Faq => {
            g.faq.iter().any(|f| !f.question.trim().is_empty() || !f.answer.trim().is_empty())
        }
        Part::Versions => !g.versions.is_empty(),
        Part::RelatedGuides => g.related_guides.iter().any(|l| !l.title.trim().is_empty()),
        Part::Sources => g.sources.iter().any(|s| !s.title.trim().is_empty()),
    }
}

/// A timeline event with neither title nor date is not shown.
fn is_blank_event(e: &TimelineEvent) -> bool {
    e.title.trim().is_empty() && e.date.trim().is_empty()
}

/// The prefix of the anchors of a part's items (`deal-<id>`).
fn item_anchor_prefix(part: Part) -> &'static str {
    match part {
        Part::Takeaways => "tk",
        Part::Sections => "sec",
        Part::Figures => "fig",
        Part::Deals => "deal",
        Part::Timeline => "tl",
        Part::RelatedTopics => "rt",
        Part::Faq => "faq",
        Part::Versions => "ver",
        Part::RelatedGuides => "rg",
        Part::Sources => "src",
        // No items: the part's own anchor.
        Part::Meta | Part::Tldr => part.anchor(),
    }
}

/// The item anchors given out so far, so that duplicate item ids in a draft still get unique
/// anchors (deterministically: the second `deal-x` is `deal-x-2`).
#[derive(Default)]
struct Anchors(BTreeSet<String>);

impl Anchors {
    /// A unique anchor `<prefix>-<item id as a token>` for an item of `part`.
    fn unique(&mut self, part: Part, item_id: &str) -> String {
        let prefix = item_anchor_prefix(part);
        let mut base = String::with_capacity(prefix.len() + item_id.len() + 1);
        base.push_str(prefix);
        base.push('-');
        push_id_token(&mut base, item_id);
        if self.0.insert(base.clone()) {
            return base;
        }
        let mut n = 2;
        loop {
            let id = format!("{base}-{n}");
            if self.0.insert(id.clone()) {
                return id;
            }
            n += 1;
        }
    }
}

/// Writes a page or one part of it.
pub(crate) struct Writer<'g> {
    pub(crate) out: String,
    guide: &'g Guide,
    opts: &'g PageOptions,
    anchors: Anchors,
    /// Writing a part shown inside another document (see [`crate::render_part_nested`]).
    pub(crate) nested: bool,
}

impl<'g> Writer<'g> {
    pub(crate) fn new(guide: &'g Guide, opts: &'g PageOptions, capacity: usize) -> Self {
        Writer {
            out: String::with_capacity(capacity),
            guide,
            opts,
            anchors: Anchors::default(),
            nested: false,
        }
    }

    /// Appends markup as it is.
    fn raw(&mut self, html: &str) {
        self.out.push_str(html);
    }

    /// Appends text, escaped.
    fn text(&mut self, s: &str) {
        push_escaped(&mut self.out, s);
    }

    /// Appends inline Markdown, rendered and sanitised.
    fn inline_markdown(&mut self, md: &str) {
        push_inline(&mut self.out, md);
    }

    /// Appends ` lang="…"` for an item's own language, when it has one that looks like a
    /// language tag.
    fn lang_attr(&mut self, lang: Option<&str>) {
        if let Some(tag) = lang.and_then(lang_tag) {
            self.raw(" lang=\"");
            self.raw(tag);
            self.raw("\"");
        }
    }

    /// Appends a date or timestamp as the page's mode shows it (see [`PageOptions`]).
    fn age(&mut self, raw: &str) {
        push_age(&mut self.out, raw, self.opts.now);
    }

    /// A unique anchor for an item of `part` (see [`Anchors`]).
    fn item_anchor(&mut self, part: Part, item_id: &str) -> String {
        self.anchors.unique(part, item_id)
    }

    /// `<section class="part {class}" id="part-x" data-path="x" aria-labelledby="part-x-h">`
    /// and the part's `<h2>`.
    fn open_part(&mut self, part: Part, class: &str, heading: &str) {
        let (id, path) = (part.anchor(), part.key());
        let _ = write!(
            self.out,
            "<section class=\"part {class}\" id=\"{id}\" data-path=\"{path}\" \
             aria-labelledby=\"{id}-h\"><h2 class=\"part-title\" id=\"{id}-h\">"
        );
        self.text(heading);
        self.raw("</h2>");
    }

    /// The whole document: head, header, contents, the parts in `<main>`, footer: every
    /// [`PageChunk`] of [`PageChunk::ALL`], in order.
    pub(crate) fn document(&mut self, theme: Theme) {
        for chunk in PageChunk::ALL {
            self.chunk(theme, chunk);
        }
    }

    /// One chunk of the document (see [`PageChunk`]).
    pub(crate) fn chunk(&mut self, theme: Theme, chunk: PageChunk) {
        let g = self.guide;
        match chunk {
            PageChunk::Head => {
                self.raw("<!DOCTYPE html>\n<html lang=\"");
                self.raw(page_lang(&g.meta.lang));
                self.raw("\"");
                if let Some(name) = theme.attr() {
                    let _ = write!(self.out, " data-theme=\"{name}\"");
                }
                self.raw(
                    ">\n<head>\n<meta charset=\"utf-8\">\n\
                     <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
                     <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
                     style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n",
                );
                let scheme = match theme {
                    Theme::System => "light dark",
                    Theme::Light | Theme::Print => "light",
                    Theme::Dark => "dark",
                };
                let _ = writeln!(self.out, "<meta name=\"color-scheme\" content=\"{scheme}\">");
                self.raw("<meta name=\"generator\" content=\"Almanac Studio\">\n<title>");
                let title = g.meta.title.trim();
                self.text(if title.is_empty() { "Untitled guide" } else { title });
                self.raw(" · Almanac</title>\n");
            }
            PageChunk::Stylesheet => {
                self.raw("<style>");
                self.raw(page_css_for(theme));
                self.raw(
                    "</style>\n</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">Skip to content</a>\n\
                     <div class=\"page\">\n",
                );
            }
            PageChunk::Part(part) => self.part(part),
            PageChunk::Contents => self.contents(),
            PageChunk::MainStart => self.raw("<main id=\"main\" class=\"main\">\n"),
            PageChunk::StayCurrent => self.stay_current(),
            PageChunk::MainEnd => self.raw("</main>\n"),
            PageChunk::Footer => self.footer(),
            PageChunk::End => self.raw("</div>\n</body>\n</html>\n"),
        }
    }

    /// One part, as the page shows it; nothing when it has nothing to show.
    pub(crate) fn part(&mut self, part: Part) {
        if !has_content(self.guide, part) {
            return;
        }
        match part {
            Part::Meta => self.header(),
            Part::Tldr => self.tldr(),
            Part::Takeaways => self.takeaways(),
            Part::Sections => self.sections(),
            Part::Figures => self.figures(),
            Part::Deals => self.deals(),
            Part::Timeline => self.timeline(),
            Part::RelatedTopics => self.related_links(Part::RelatedTopics),
            Part::Faq => self.faq(),
            Part::Versions => self.versions(),
            Part::RelatedGuides => self.related_links(Part::RelatedGuides),
            Part::Sources => self.sources(),
        }
    }
}

/// The document language: the guide's language tag when it looks like one (letters, digits
/// and hyphens, as in "en" or "en-GB"), else "en".
fn page_lang(lang: &str) -> &str {
    lang_tag(lang).unwrap_or("en")
}
