//! The parts that list items: figures (charts drawn from the deal table and the timeline),
//! the deal table, the timeline, related topics and guides, versions, and sources.

use super::{is_blank_event, Writer};
use crate::charts;
use crate::escape::{push_href, safe_url, UrlPolicy};
use crate::time::push_partial_date;
use almanac_guide::{is_safe_slug, FigureKind, Part, RelatedLink};
use std::fmt::Write as _;

/// An unknown deal cell: an em dash, hidden from screen readers, which read the visually
/// hidden word "unknown" instead; the title says it to a pointer.
pub const UNKNOWN_CELL: &str = "<abbr class=\"unknown\" title=\"unknown\">\
     <span aria-hidden=\"true\">—</span><span class=\"vh\">unknown</span></abbr>";

impl Writer<'_> {
    pub(super) fn figures(&mut self) {
        self.open_part(Part::Figures, "figures", Part::Figures.label());
        for (i, f) in self.guide.figures.iter().enumerate() {
            let id = self.item_anchor(Part::Figures, &f.id);
            self.figure(i, &id);
        }
        self.raw("</section>\n");
    }

    /// Figure `i` of the guide (none when there is no such figure): its chart and caption in a
    /// `<figure>` whose id is `id`; every id inside starts with `id` (see
    /// [`crate::figure_ids`]).
    pub(crate) fn figure(&mut self, i: usize, id: &str) {
        let Some(f) = self.guide.figures.get(i) else { return };
        let kind = match f.kind {
            FigureKind::DealCapacity => "deal-capacity",
            FigureKind::ComputeStack => "compute-stack",
            FigureKind::Timeline => "timeline",
        };
        let _ = write!(
            self.out,
            "<figure class=\"chart-figure fig-{kind}\" id=\"{id}\" data-path=\"figures[{i}]\" \
             aria-labelledby=\"{id}-cap\">"
        );
        let caption = f.caption.trim();
        let title = if caption.is_empty() { charts::default_title(f) } else { caption.into() };
        charts::figure(&mut self.out, self.guide, f, id, &title);
        let _ = write!(
            self.out,
            "<figcaption id=\"{id}-cap\"><span class=\"fig-n\">Figure {}</span> \
             <span dir=\"auto\">",
            i + 1
        );
        self.text(&title);
        self.raw("</span></figcaption></figure>\n");
    }

    /// The deal table (the page calls it "Deals"): caption, one row per deal, footnote.
    pub(super) fn deals(&mut self) {
        self.open_part(Part::Deals, "deals", "Deals");
        // A table wider than the column scrolls sideways: its wrapper takes keyboard focus so
        // the scroll can be reached without a mouse, and is named by the table's caption.
        let caption = self.guide.deals.caption.trim();
        if caption.is_empty() {
            self.raw(
                "<div class=\"table-scroll\" tabindex=\"0\" role=\"group\" aria-label=\"Deals\">\
                 <table class=\"deal-table\">",
            );
        } else {
            self.raw(
                "<div class=\"table-scroll\" tabindex=\"0\" role=\"group\" \
                 aria-labelledby=\"part-deals-caption\"><table class=\"deal-table\">",
            );
        }
        if !caption.is_empty() {
            self.raw(
                "<caption id=\"part-deals-caption\" data-path=\"deals.caption\" dir=\"auto\">",
            );
            self.text(caption);
            self.raw("</caption>");
        }
        self.raw(
            "<thead><tr><th scope=\"col\">Lab</th><th scope=\"col\">Partner</th>\
             <th scope=\"col\">Committed capacity</th><th scope=\"col\">Timeline</th>\
             <th scope=\"col\">Notable terms</th></tr></thead><tbody>",
        );
        for (i, row) in self.guide.deals.rows.iter().enumerate() {
            let id = self.item_anchor(Part::Deals, &row.id);
            let _ = write!(self.out, "<tr id=\"{id}\" data-path=\"deals[{i}]\">");
            self.cell("th scope=\"row\" dir=\"auto\"", "th", row.lab.as_deref());
            self.cell("td dir=\"auto\"", "td", row.partner.as_deref());
            match &row.capacity {
                Some(c) if !c.text.trim().is_empty() => {
                    self.raw("<td class=\"capacity\" dir=\"auto\">");
                    match c.gw {
                        Some(gw) if gw.is_finite() => {
                            let _ = write!(self.out, "<data value=\"{gw}\">");
                            self.text(c.text.trim());
                            self.raw("</data>");
                        }
                        _ => self.text(c.text.trim()),
                    }
                    self.raw("</td>");
                }
                _ => self.cell("td", "td", None),
            }
            self.cell("td dir=\"auto\"", "td", row.timeline.as_deref());
            self.cell("td dir=\"auto\"", "td", row.terms.as_deref());
            self.raw("</tr>");
        }
        self.raw("</tbody></table></div>");
        let note = self.guide.deals.footnote.trim();
        if !note.is_empty() {
            self.raw("<p class=\"table-note\" data-path=\"deals.footnote\" dir=\"auto\">");
            self.inline_markdown(note);
            self.raw("</p>");
        }
        self.raw("</section>\n");
    }

    /// A table cell; an absent (or blank) value is an em dash announced as "unknown"
    /// ([`UNKNOWN_CELL`]).
    fn cell(&mut self, open: &str, close: &str, value: Option<&str>) {
        let _ = write!(self.out, "<{open}>");
        match value.map(str::trim).filter(|v| !v.is_empty()) {
            Some(v) => self.text(v),
            None => self.raw(UNKNOWN_CELL),
        }
        let _ = write!(self.out, "</{close}>");
    }

    pub(super) fn timeline(&mut self) {
        self.open_part(Part::Timeline, "timeline", Part::Timeline.label());
        self.raw("<ol class=\"timeline-list\">");
        for (i, e) in self.guide.timeline.iter().enumerate() {
            if is_blank_event(e) {
                continue;
            }
            let id = self.item_anchor(Part::Timeline, &e.id);
            let _ = write!(
                self.out,
                "<li id=\"{id}\" data-path=\"timeline[{i}]\" value=\"{}\"><p class=\"when\">",
                i + 1
            );
            push_partial_date(&mut self.out, &e.date, e.precision);
            self.raw("</p><p class=\"what\" dir=\"auto\">");
            let link = e.link.as_deref().and_then(|l| safe_url(l, UrlPolicy::AbsoluteHttp));
            self.text(e.title.trim());
            if let Some(detail) = e.detail.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
                self.raw("</p><p class=\"detail\" dir=\"auto\">");
                self.inline_markdown(detail);
            }
            if let Some(url) = link {
                self.raw(" <a class=\"more\" href=\"");
                push_href(&mut self.out, &url);
                self.raw("\" rel=\"noopener noreferrer\">source<span class=\"vh\"> for event ");
                let _ = write!(self.out, "{}", i + 1);
                self.raw("</span> <span aria-hidden=\"true\">↗</span></a>");
            }
            self.raw("</p></li>");
        }
        self.raw("</ol></section>\n");
    }

    /// Related topics (chips) or related guides (a list, counted in the heading).
    pub(super) fn related_links(&mut self, part: Part) {
        let (links, counted) = match part {
            Part::RelatedGuides => (&self.guide.related_guides, true),
            _ => (&self.guide.related_topics, false),
        };
        let items: Vec<(usize, &RelatedLink)> =
            links.iter().enumerate().filter(|(_, l)| !l.title.trim().is_empty()).collect();
        let heading = if counted {
            format!("{} ({})", part.label(), items.len())
        } else {
            part.label().to_string()
        };
        self.open_part(part, "links", &heading);
        let class = if counted { "guide-list" } else { "chip-list" };
        let _ = write!(self.out, "<ul class=\"{class}\">");
        let path = part.key();
        for (i, l) in items {
            let id = self.item_anchor(part, &l.id);
            let _ = write!(self.out, "<li id=\"{id}\" data-path=\"{path}[{i}]\" dir=\"auto\">");
            match related_href(&l.target) {
                Some(href) => {
                    self.raw("<a href=\"");
                    push_href(&mut self.out, &href);
                    self.raw("\"");
                    if href.starts_with("http") {
                        self.raw(" rel=\"noopener noreferrer\"");
                    }
                    self.raw(">");
                    self.text(l.title.trim());
                    self.raw("</a>");
                }
                None => self.text(l.title.trim()),
            }
            self.raw("</li>");
        }
        self.raw("</ul></section>\n");
    }

    /// The named versions; the one shown is marked current, and on the working draft the one
    /// it builds on is marked.
    pub(super) fn versions(&mut self) {
        self.open_part(Part::Versions, "versions", Part::Versions.label());
        self.raw("<ul class=\"version-list\">");
        let version = &self.guide.meta.version;
        // The working draft is none of the named versions; it builds on one of them.
        let (current, base) = if version.is_working_draft() {
            (None, version.based_on.as_deref().map(str::trim).filter(|b| !b.is_empty()))
        } else {
            (Some(version.label.trim()), None)
        };
        for (i, v) in self.guide.versions.iter().enumerate() {
            let id = self.item_anchor(Part::Versions, v.label.trim());
            let is_current = current == Some(v.label.trim());
            let is_base = base == Some(v.label.trim());
            let _ = write!(self.out, "<li id=\"{id}\" data-path=\"versions[{i}]\"");
            if is_current {
                self.raw(" aria-current=\"true\" class=\"current\"");
            }
            self.raw("><span class=\"version-label\">");
            self.text(v.label.trim());
            let _ = write!(
                self.out,
                "</span> <span class=\"state state-{}\">{}</span> ",
                v.state.as_str(),
                v.state.label()
            );
            self.age(&v.at);
            if is_current {
                self.raw(" <span class=\"this-version\">this version</span>");
            } else if is_base {
                self.raw(" <span class=\"draft-base\">draft builds on this</span>");
            }
            self.raw("</li>");
        }
        self.raw("</ul></section>\n");
    }

    /// The sources, headed "More on <topic> (n)".
    pub(super) fn sources(&mut self) {
        let items: Vec<usize> = (0..self.guide.sources.len())
            .filter(|&i| !self.guide.sources[i].title.trim().is_empty())
            .collect();
        let topic = self.guide.meta.topic.trim();
        let heading = format!(
            "More on {} ({})",
            if topic.is_empty() { "this topic" } else { topic },
            items.len()
        );
        self.open_part(Part::Sources, "sources", &heading);
        self.raw("<div class=\"source-list\">");
        for i in items {
            let src = &self.guide.sources[i];
            let id = self.item_anchor(Part::Sources, &src.id);
            let _ = write!(
                self.out,
                "<article class=\"source\" id=\"{id}\" data-path=\"sources[{i}]\" \
                 aria-labelledby=\"{id}-h\""
            );
            self.lang_attr(src.lang.as_deref());
            let _ = write!(
                self.out,
                "><p class=\"source-meta\"><span class=\"score\" title=\"relevance {0} of 10\">\
                 <span class=\"vh\">relevance </span>{0}<span class=\"vh\"> of 10</span></span>",
                src.score
            );
            let name = src.source.trim();
            if !name.is_empty() {
                self.raw("<span class=\"source-name\" dir=\"auto\">");
                self.text(name);
                self.raw("</span>");
            }
            self.raw("<span class=\"source-age\">");
            self.age(&src.published);
            self.raw("</span>");
            if let Some(url) = safe_url(&src.url, UrlPolicy::AbsoluteHttp) {
                self.raw("<a class=\"source-link\" href=\"");
                push_href(&mut self.out, &url);
                self.raw("\" rel=\"noopener noreferrer\">source<span class=\"vh\">: ");
                self.text(src.title.trim());
                self.raw("</span> <span aria-hidden=\"true\">↗</span></a>");
            }
            let _ = write!(self.out, "</p><h3 id=\"{id}-h\" dir=\"auto\">");
            self.text(src.title.trim());
            self.raw("</h3>");
            let summary = src.summary.trim();
            if !summary.is_empty() {
                self.raw("<p class=\"summary\" dir=\"auto\">");
                self.text(summary);
                self.raw("</p>");
            }
            self.raw("</article>\n");
        }
        self.raw("</div></section>\n");
    }
}

/// Where a related link points: a slug is a sibling bundle (`../<slug>/index.html`), else an
/// absolute http(s) URL; anything else is shown as text without a link.
fn related_href(target: &str) -> Option<String> {
    let t = target.trim();
    if is_safe_slug(t) {
        Some(format!("../{t}/index.html"))
    } else {
        safe_url(t, UrlPolicy::AbsoluteHttp)
    }
}
