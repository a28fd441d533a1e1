//! The page's frame: the header (the guide's [`Part::Meta`]) and the site chrome, which shows
//! no guide part of its own: the contents ("On this page"), the stay-current block and the
//! footer. Also the words the page uses for its version.

use super::{has_content, Anchors, Writer};
use crate::time::{format_absolute, parse_when};
use almanac_guide::{GuideStatus, Part, Section, VersionInfo};
use std::fmt::Write as _;

const UNPUBLISHED_EDITS: &str = "draft, unpublished edits";
const NO_EDITS_SINCE: &str = "draft, no edits since";
const NOT_YET_VERSIONED: &str = "not yet versioned";

/// What a page says about its version, as (label, state words), shown "label · state":
///
/// - a named version: its label and review state, ("v3", "live");
/// - the working draft on top of a named version: that version's label and
///   ("v3", "draft, unpublished edits"), or ("v3", "draft, no edits since") while its content
///   is exactly that version's;
/// - the working draft before any named version: ("draft", "not yet versioned").
///
/// `guide.md` in a bundle uses the same words.
pub fn version_words(v: &VersionInfo) -> (&str, &'static str) {
    if !v.is_working_draft() {
        return (v.label.trim(), v.state.label());
    }
    match v.based_on.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
        Some(base) if v.same_as_base => (base, NO_EDITS_SINCE),
        Some(base) => (base, UNPUBLISHED_EDITS),
        None => (v.label.trim(), NOT_YET_VERSIONED),
    }
}

/// A part's entry in the contents: its shared label, except the deal table, which the page
/// calls "Deals".
fn contents_label(part: Part) -> &'static str {
    match part {
        Part::Deals => "Deals",
        _ => part.label(),
    }
}

impl Writer<'_> {
    /// The header ([`Part::Meta`]): site name, kind · depth, title, and the line with topic,
    /// depth, status, version and generated date.
    pub(super) fn header(&mut self) {
        let m = &self.guide.meta;
        let _ = write!(
            self.out,
            "<header class=\"masthead\" id=\"{}\" data-path=\"{}\">\n\
             <p class=\"site-bar\"><span class=\"site-name\">Almanac</span>",
            Part::Meta.anchor(),
            Part::Meta.key()
        );
        let kind: Vec<&str> =
            [m.kind.trim(), m.depth.trim()].into_iter().filter(|s| !s.is_empty()).collect();
        if !kind.is_empty() {
            self.raw("<span class=\"kind\" data-path=\"meta.kind\" dir=\"auto\">");
            self.text(&kind.join(" · "));
            self.raw("</span>");
        }
        // Inside another document (the diff report) the title is no heading: that document
        // has its own h1.
        let title_tag = if self.nested { "p" } else { "h1" };
        let _ = write!(
            self.out,
            "</p>\n<{title_tag} class=\"title\" data-path=\"meta.title\" dir=\"auto\">"
        );
        let title = m.title.trim();
        self.text(if title.is_empty() { "Untitled guide" } else { title });
        let _ = writeln!(self.out, "</{title_tag}>");
        self.raw("<h2 class=\"vh\">About this guide</h2><ul class=\"meta-line\">");
        if !m.topic.trim().is_empty() {
            self.raw("<li class=\"topic\" data-path=\"meta.topic\" dir=\"auto\">");
            self.text(m.topic.trim());
            self.raw("</li>");
        }
        if !m.depth.trim().is_empty() {
            self.raw("<li data-path=\"meta.depth\" dir=\"auto\">");
            self.text(m.depth.trim());
            self.raw("</li>");
        }
        let status = match m.status {
            GuideStatus::Active => "active",
            GuideStatus::Paused => "paused",
            GuideStatus::Archived => "archived",
        };
        let _ = write!(
            self.out,
            "<li data-path=\"meta.status\"><span class=\"badge status-{status}\">{status}</span></li>"
        );
        let (label, state) = version_words(&m.version);
        self.raw("<li data-path=\"meta.version\"><span class=\"version-label\">");
        self.text(label);
        let _ = write!(
            self.out,
            "</span> · <span class=\"state state-{}\">{state}</span></li>",
            m.version.state.as_str(),
        );
        self.raw("<li data-path=\"meta.generated\">generated ");
        self.age(&m.generated);
        self.raw("</li></ul>\n</header>\n");
    }

    /// "On this page": a link to every part shown, the sections nested under "In depth".
    /// Nothing when the page shows no part beyond the header.
    pub(super) fn contents(&mut self) {
        let g = self.guide;
        // Anchors made as the sections part makes them (a set of their own is enough: only
        // section anchors start with "sec-"). Only sections with a heading are counted, so in
        // a draft where a heading-less section shares its id with a later one, the link
        // lacks the later one's "-2".
        let mut anchors = Anchors::default();
        let sections: Vec<(String, &Section)> = g
            .sections
            .iter()
            .filter(|s| !s.heading.trim().is_empty())
            .map(|s| (anchors.unique(Part::Sections, &s.id), s))
            .collect();
        let listed: Vec<Part> = Part::ALL
            .into_iter()
            .filter(|&p| p != Part::Meta && p != Part::Sections && has_content(g, p))
            .collect();
        if listed.is_empty() && sections.is_empty() {
            return;
        }
        self.raw(
            "<nav class=\"toc\" id=\"part-contents\" aria-labelledby=\"part-contents-h\">\
             <h2 class=\"toc-title\" id=\"part-contents-h\">On this page</h2><ol>",
        );
        for part in Part::ALL {
            if part == Part::Sections {
                if sections.is_empty() {
                    continue;
                }
                let _ = write!(
                    self.out,
                    "<li><a href=\"#{}\">In depth</a><ol>",
                    Part::Sections.anchor()
                );
                for (id, s) in &sections {
                    // A section's heading is guide text: in its own language and direction.
                    let _ = write!(self.out, "<li><a href=\"#{id}\"");
                    self.lang_attr(s.lang.as_deref());
                    self.raw(" dir=\"auto\">");
                    self.text(s.heading.trim());
                    self.raw("</a></li>");
                }
                self.raw("</ol></li>");
            } else if listed.contains(&part) {
                self.contents_entry(part.anchor(), contents_label(part));
            }
        }
        self.raw("</ol></nav>\n");
    }

    fn contents_entry(&mut self, anchor: &str, label: &str) {
        let _ = write!(self.out, "<li><a href=\"#{anchor}\">");
        self.text(label);
        self.raw("</a></li>");
    }

    /// The site's newsletter block (site chrome, not guide content).
    pub(super) fn stay_current(&mut self) {
        self.raw(
            "<aside class=\"stay-current\" id=\"part-stay-current\" \
             aria-labelledby=\"part-stay-current-h\"><h2 id=\"part-stay-current-h\">Stay current</h2>\
             <p>The <strong>Almanac newsletter</strong> arrives on Wednesdays and Sundays: \
             the week’s developments in AI, set beside topic guides like this one.</p></aside>\n",
        );
    }

    /// The site footer: what the page is, which version, when last updated, and (in preview)
    /// the clock its ages were computed against.
    pub(super) fn footer(&mut self) {
        let m = &self.guide.meta;
        self.raw(
            "<footer class=\"site-footer\" id=\"part-footer\"><p><span class=\"site-name\">Almanac</span> ",
        );
        self.text(m.kind.trim());
        let (label, state) = version_words(&m.version);
        if !label.is_empty() {
            self.raw(" · ");
            self.text(label);
            // "v3 live", "v3 draft, unpublished edits", "draft, not yet versioned".
            self.raw(if state == NOT_YET_VERSIONED { ", " } else { " " });
            self.raw(state);
        }
        self.raw(".");
        if let Some(now) = self.opts.now {
            let _ = write!(
                self.out,
                " Ages are as of <time datetime=\"{}\">{}</time>.",
                now.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
                format_absolute(now, false)
            );
        }
        if let Some(updated) = parse_when(&m.updated) {
            // A published page gives dates only; the preview gives the time of day as well.
            let date_only = self.opts.is_published() || m.updated.trim().len() == 10;
            let _ = write!(
                self.out,
                " Last updated <time datetime=\"{}\">{}</time>.",
                updated.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
                format_absolute(updated, date_only)
            );
        }
        self.raw("</p></footer>\n");
    }
}
