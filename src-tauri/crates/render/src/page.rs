//! The standalone guide page: one HTML5 document, inline CSS and SVG, no script, no external
//! request (a Content-Security-Policy meta tag says so to the browser too).
//!
//! Every part is written by one function of [`Part`], in page order. Each part carries
//! `id="part-…"` and `data-path` (the validation path of the field it shows: `tldr`,
//! `takeaways[0]`, `deals[2]`, …) so an editor can scroll the preview to the field being
//! edited; every list item has its own stable id derived from the item's `id`.

use crate::charts;
use crate::escape::{id_token, push_href, push_id_token, push_text, safe_url, UrlPolicy};
use crate::markdown::{push_inline, push_markdown, MarkdownOptions};
use crate::time::{format_absolute, parse_when, push_age, push_partial_date};
use crate::{page_css_for, PageOptions, Theme};
use almanac_guide::{is_safe_slug, FigureKind, Guide, GuideStatus, RelatedLink, VersionInfo};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// The parts of a page, in page order. [`render_part`](crate::render_part) renders one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// Site name, kind · depth, title, topic / depth / status / version / generated date.
    Header,
    /// "On this page": links to every part present.
    Contents,
    Tldr,
    Takeaways,
    Sections,
    Figures,
    Deals,
    Timeline,
    RelatedTopics,
    Faq,
    /// The site's newsletter block (site chrome, not guide content).
    StayCurrent,
    Versions,
    RelatedGuides,
    Sources,
    /// Site footer: what the page is, which version, when last updated, and (in preview) the
    /// clock its ages were computed against.
    Footer,
}

impl Part {
    /// Every part, top to bottom.
    pub const ALL: [Part; 15] = [
        Part::Header,
        Part::Contents,
        Part::Tldr,
        Part::Takeaways,
        Part::Sections,
        Part::Figures,
        Part::Deals,
        Part::Timeline,
        Part::RelatedTopics,
        Part::Faq,
        Part::StayCurrent,
        Part::Versions,
        Part::RelatedGuides,
        Part::Sources,
        Part::Footer,
    ];

    /// The anchor id of the part's element (`part-tldr`, …).
    pub fn anchor(self) -> &'static str {
        match self {
            Part::Header => "part-meta",
            Part::Contents => "part-contents",
            Part::Tldr => "part-tldr",
            Part::Takeaways => "part-takeaways",
            Part::Sections => "part-sections",
            Part::Figures => "part-figures",
            Part::Deals => "part-deals",
            Part::Timeline => "part-timeline",
            Part::RelatedTopics => "part-related-topics",
            Part::Faq => "part-faq",
            Part::StayCurrent => "part-stay-current",
            Part::Versions => "part-versions",
            Part::RelatedGuides => "part-related-guides",
            Part::Sources => "part-sources",
            Part::Footer => "part-footer",
        }
    }

    /// Is there anything to show for this part? Empty parts are left out of the page.
    pub fn is_present(self, g: &Guide) -> bool {
        match self {
            Part::Header | Part::Contents | Part::StayCurrent | Part::Footer => true,
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
}

fn is_blank_event(e: &almanac_guide::TimelineEvent) -> bool {
    e.title.trim().is_empty() && e.date.trim().is_empty()
}

/// Writes a page or a part. Keeps the set of ids already used so duplicate item ids in a
/// draft still give unique anchors (deterministically: the second gets `-2`).
pub(crate) struct Writer<'g> {
    pub out: String,
    g: &'g Guide,
    opts: &'g PageOptions,
    ids: BTreeSet<String>,
}

impl<'g> Writer<'g> {
    pub(crate) fn new(g: &'g Guide, opts: &'g PageOptions, capacity: usize) -> Self {
        Writer { out: String::with_capacity(capacity), g, opts, ids: BTreeSet::new() }
    }

    /// A unique anchor id `prefix-<item id>`.
    fn anchor(&mut self, prefix: &str, item_id: &str) -> String {
        let mut base = String::with_capacity(prefix.len() + item_id.len() + 1);
        base.push_str(prefix);
        base.push('-');
        push_id_token(&mut base, item_id);
        if self.ids.insert(base.clone()) {
            return base;
        }
        let mut n = 2;
        loop {
            let id = format!("{base}-{n}");
            if self.ids.insert(id.clone()) {
                return id;
            }
            n += 1;
        }
    }

    fn s(&mut self, s: &str) {
        self.out.push_str(s);
    }
    fn t(&mut self, s: &str) {
        push_text(&mut self.out, s);
    }
    fn inline(&mut self, md: &str) {
        push_inline(&mut self.out, md);
    }
    fn age(&mut self, raw: &str) {
        push_age(&mut self.out, raw, self.opts.now);
    }

    /// `<section id="part-x" data-path="x" aria-labelledby="part-x-h"><h2 …>heading</h2>`
    fn open_part(&mut self, part: Part, path: &str, class: &str, heading: &str) {
        let id = part.anchor();
        let _ = write!(
            self.out,
            "<section class=\"part {class}\" id=\"{id}\" data-path=\"{path}\" \
             aria-labelledby=\"{id}-h\"><h2 class=\"part-title\" id=\"{id}-h\">"
        );
        self.t(heading);
        self.s("</h2>");
    }

    pub(crate) fn document(&mut self, theme: Theme) {
        let g = self.g;
        self.s("<!DOCTYPE html>\n<html lang=\"");
        self.s(page_lang(&g.meta.lang));
        self.s("\"");
        if let Some(name) = theme.attr() {
            let _ = write!(self.out, " data-theme=\"{name}\"");
        }
        self.s(">\n<head>\n<meta charset=\"utf-8\">\n\
                <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
                <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
                style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n");
        let scheme = match theme {
            Theme::System => "light dark",
            Theme::Light | Theme::Print => "light",
            Theme::Dark => "dark",
        };
        let _ = writeln!(self.out, "<meta name=\"color-scheme\" content=\"{scheme}\">");
        self.s("<meta name=\"generator\" content=\"Almanac Studio\">\n<title>");
        let title = g.meta.title.trim();
        self.t(if title.is_empty() { "Untitled guide" } else { title });
        self.s(" · Almanac</title>\n<style>");
        self.s(page_css_for(theme));
        self.s("</style>\n</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">Skip to content</a>\n\
                <div class=\"page\">\n");
        self.part(Part::Header);
        self.part(Part::Contents);
        self.s("<main id=\"main\" class=\"main\">\n");
        for part in &Part::ALL[2..Part::ALL.len() - 1] {
            self.part(*part);
        }
        self.s("</main>\n");
        self.part(Part::Footer);
        self.s("</div>\n</body>\n</html>\n");
    }

    pub(crate) fn part(&mut self, part: Part) {
        if !part.is_present(self.g) {
            return;
        }
        match part {
            Part::Header => self.header(),
            Part::Contents => self.contents(),
            Part::Tldr => self.tldr(),
            Part::Takeaways => self.takeaways(),
            Part::Sections => self.sections(),
            Part::Figures => self.figures(),
            Part::Deals => self.deals(),
            Part::Timeline => self.timeline(),
            Part::RelatedTopics => {
                self.links(Part::RelatedTopics, "related_topics", "rt", "Related topics", false)
            }
            Part::Faq => self.faq(),
            Part::StayCurrent => self.stay_current(),
            Part::Versions => self.versions(),
            Part::RelatedGuides => {
                self.links(Part::RelatedGuides, "related_guides", "rg", "Related guides", true)
            }
            Part::Sources => self.sources(),
            Part::Footer => self.footer(),
        }
    }

    fn header(&mut self) {
        let m = &self.g.meta;
        self.s("<header class=\"masthead\" id=\"part-meta\" data-path=\"meta\">\n\
                <p class=\"site-bar\"><span class=\"site-name\">Almanac</span>");
        let kind: Vec<&str> =
            [m.kind.trim(), m.depth.trim()].into_iter().filter(|s| !s.is_empty()).collect();
        if !kind.is_empty() {
            self.s("<span class=\"kind\" data-path=\"meta.kind\">");
            self.t(&kind.join(" · "));
            self.s("</span>");
        }
        self.s("</p>\n<h1 class=\"title\" data-path=\"meta.title\">");
        let title = m.title.trim();
        self.t(if title.is_empty() { "Untitled guide" } else { title });
        self.s("</h1>\n<ul class=\"meta-line\" aria-label=\"About this guide\">");
        if !m.topic.trim().is_empty() {
            self.s("<li class=\"topic\" data-path=\"meta.topic\">");
            self.t(m.topic.trim());
            self.s("</li>");
        }
        if !m.depth.trim().is_empty() {
            self.s("<li data-path=\"meta.depth\">");
            self.t(m.depth.trim());
            self.s("</li>");
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
        self.s("<li data-path=\"meta.version\"><span class=\"version-label\">");
        self.t(label);
        let _ = write!(
            self.out,
            "</span> · <span class=\"state state-{}\">{state}</span></li>",
            m.version.state.as_str(),
        );
        self.s("<li data-path=\"meta.generated\">generated ");
        self.age(&m.generated);
        self.s("</li></ul>\n</header>\n");
    }

    fn contents(&mut self) {
        let g = self.g;
        let mut items: Vec<(String, String)> = Vec::new();
        let mut push = |part: Part, label: &str| {
            if part.is_present(g) {
                items.push((part.anchor().to_string(), label.to_string()));
            }
        };
        push(Part::Tldr, "TL;DR");
        push(Part::Takeaways, "Key takeaways");
        let mut section_ids = BTreeSet::new();
        let mut entries = Vec::new();
        for s in &g.sections {
            if s.heading.trim().is_empty() {
                continue;
            }
            // Same de-duplication as the section anchors themselves.
            let base = format!("sec-{}", id_token(&s.id));
            let mut id = base.clone();
            let mut n = 2;
            while section_ids.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            section_ids.insert(id.clone());
            entries.push((id, s.heading.trim().to_string()));
        }
        let mut push_after = Vec::new();
        for (part, label) in [
            (Part::Figures, "Figures"),
            (Part::Deals, "Deals"),
            (Part::Timeline, "Timeline"),
            (Part::RelatedTopics, "Related topics"),
            (Part::Faq, "FAQ"),
            (Part::Versions, "Versions"),
            (Part::RelatedGuides, "Related guides"),
            (Part::Sources, "Sources"),
        ] {
            if part.is_present(g) {
                push_after.push((part.anchor().to_string(), label.to_string()));
            }
        }
        if items.is_empty() && entries.is_empty() && push_after.is_empty() {
            return;
        }
        self.s("<nav class=\"toc\" id=\"part-contents\" aria-labelledby=\"part-contents-h\">\
                <h2 class=\"toc-title\" id=\"part-contents-h\">On this page</h2><ol>");
        for (id, label) in &items {
            let _ = write!(self.out, "<li><a href=\"#{id}\">");
            self.t(label);
            self.s("</a></li>");
        }
        if !entries.is_empty() {
            self.s("<li><a href=\"#part-sections\">In depth</a><ol>");
            for (id, label) in &entries {
                let _ = write!(self.out, "<li><a href=\"#{id}\">");
                self.t(label);
                self.s("</a></li>");
            }
            self.s("</ol></li>");
        }
        for (id, label) in &push_after {
            let _ = write!(self.out, "<li><a href=\"#{id}\">");
            self.t(label);
            self.s("</a></li>");
        }
        self.s("</ol></nav>\n");
    }

    fn tldr(&mut self) {
        self.s("<section class=\"part tldr\" id=\"part-tldr\" data-path=\"tldr\" \
                aria-labelledby=\"part-tldr-h\"><h2 class=\"tldr-label\" id=\"part-tldr-h\">\
                <abbr title=\"Too long; didn’t read\">TL;DR</abbr></h2><p>");
        self.inline(self.g.tldr.trim());
        self.s("</p></section>\n");
    }

    fn takeaways(&mut self) {
        self.open_part(Part::Takeaways, "takeaways", "takeaways", "Key takeaways");
        self.s("<ol class=\"takeaway-list\">");
        for (i, t) in self.g.takeaways.iter().enumerate() {
            if t.text.trim().is_empty() {
                continue;
            }
            let id = self.anchor("tk", &t.id);
            let _ = write!(self.out, "<li id=\"{id}\" data-path=\"takeaways[{i}]\">");
            self.inline(t.text.trim());
            self.s("</li>");
        }
        self.s("</ol></section>\n");
    }

    fn sections(&mut self) {
        self.s("<div class=\"sections\" id=\"part-sections\" data-path=\"sections\">\n");
        for (i, s) in self.g.sections.iter().enumerate() {
            let heading = s.heading.trim();
            if heading.is_empty() && s.body.trim().is_empty() {
                continue;
            }
            let id = self.anchor("sec", &s.id);
            let _ = write!(
                self.out,
                "<section class=\"prose-section\" id=\"{id}\" data-path=\"sections[{i}]\""
            );
            if heading.is_empty() {
                self.s(">");
            } else {
                let _ = write!(self.out, " aria-labelledby=\"{id}-h\"><h2 id=\"{id}-h\">");
                self.t(heading);
                self.s("</h2>");
            }
            self.s("<div class=\"prose\">");
            let prefix = format!("{id}-");
            push_markdown(
                &mut self.out,
                &s.body,
                &MarkdownOptions { heading_offset: 2, id_prefix: &prefix },
            );
            self.s("</div></section>\n");
        }
        self.s("</div>\n");
    }

    fn figures(&mut self) {
        self.open_part(Part::Figures, "figures", "figures", "Figures");
        for (i, f) in self.g.figures.iter().enumerate() {
            let id = self.anchor("fig", &f.id);
            let kind = match f.kind {
                FigureKind::DealCapacity => "deal-capacity",
                FigureKind::Timeline => "timeline",
            };
            let _ = write!(
                self.out,
                "<figure class=\"chart-figure fig-{kind}\" id=\"{id}\" data-path=\"figures[{i}]\" \
                 aria-labelledby=\"{id}-cap\">"
            );
            let caption = f.caption.trim();
            let title = if caption.is_empty() {
                match f.kind {
                    FigureKind::DealCapacity => "Committed capacity by lab and partner",
                    FigureKind::Timeline => "Timeline of events",
                }
            } else {
                caption
            };
            match f.kind {
                FigureKind::DealCapacity => {
                    charts::deal_capacity(&mut self.out, &id, title, &self.g.deals.rows)
                }
                FigureKind::Timeline => {
                    charts::timeline(&mut self.out, &id, title, &self.g.timeline)
                }
            }
            let _ = write!(
                self.out,
                "<figcaption id=\"{id}-cap\"><span class=\"fig-n\">Figure {}</span> ",
                i + 1
            );
            self.t(title);
            self.s("</figcaption></figure>\n");
        }
        self.s("</section>\n");
    }

    fn deals(&mut self) {
        self.open_part(Part::Deals, "deals", "deals", "Deals");
        self.s("<div class=\"table-scroll\"><table class=\"deal-table\">");
        let caption = self.g.deals.caption.trim();
        if !caption.is_empty() {
            self.s("<caption data-path=\"deals.caption\">");
            self.t(caption);
            self.s("</caption>");
        }
        self.s("<thead><tr><th scope=\"col\">Lab</th><th scope=\"col\">Partner</th>\
                <th scope=\"col\">Committed capacity</th><th scope=\"col\">Timeline</th>\
                <th scope=\"col\">Notable terms</th></tr></thead><tbody>");
        for (i, row) in self.g.deals.rows.iter().enumerate() {
            let id = self.anchor("deal", &row.id);
            let _ = write!(self.out, "<tr id=\"{id}\" data-path=\"deals[{i}]\">");
            self.cell("th scope=\"row\"", "th", row.lab.as_deref());
            self.cell("td", "td", row.partner.as_deref());
            match &row.capacity {
                Some(c) if !c.text.trim().is_empty() => {
                    self.s("<td class=\"capacity\">");
                    match c.gw {
                        Some(gw) if gw.is_finite() => {
                            let _ = write!(self.out, "<data value=\"{gw}\">");
                            self.t(c.text.trim());
                            self.s("</data>");
                        }
                        _ => self.t(c.text.trim()),
                    }
                    self.s("</td>");
                }
                _ => self.cell("td", "td", None),
            }
            self.cell("td", "td", row.timeline.as_deref());
            self.cell("td", "td", row.terms.as_deref());
            self.s("</tr>");
        }
        self.s("</tbody></table></div>");
        let note = self.g.deals.footnote.trim();
        if !note.is_empty() {
            self.s("<p class=\"table-note\" data-path=\"deals.footnote\">");
            self.inline(note);
            self.s("</p>");
        }
        self.s("</section>\n");
    }

    /// A table cell; an absent (or blank) value is an em dash announced as "unknown".
    fn cell(&mut self, open: &str, close: &str, value: Option<&str>) {
        let _ = write!(self.out, "<{open}>");
        match value.map(str::trim).filter(|v| !v.is_empty()) {
            Some(v) => self.t(v),
            None => {
                self.s("<abbr class=\"unknown\" title=\"unknown\" aria-label=\"unknown\">—</abbr>")
            }
        }
        let _ = write!(self.out, "</{close}>");
    }

    fn timeline(&mut self) {
        self.open_part(Part::Timeline, "timeline", "timeline", "Timeline");
        self.s("<ol class=\"timeline-list\">");
        for (i, e) in self.g.timeline.iter().enumerate() {
            if is_blank_event(e) {
                continue;
            }
            let id = self.anchor("tl", &e.id);
            let _ = write!(
                self.out,
                "<li id=\"{id}\" data-path=\"timeline[{i}]\" value=\"{}\"><p class=\"when\">",
                i + 1
            );
            push_partial_date(&mut self.out, &e.date, e.precision);
            self.s("</p><p class=\"what\">");
            let link = e.link.as_deref().and_then(|l| safe_url(l, UrlPolicy::AbsoluteHttp));
            self.t(e.title.trim());
            if let Some(detail) = e.detail.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
                self.s("</p><p class=\"detail\">");
                self.inline(detail);
            }
            if let Some(url) = link {
                self.s(" <a class=\"more\" href=\"");
                push_href(&mut self.out, &url);
                self.s("\" rel=\"noopener noreferrer\">source<span class=\"vh\"> for event ");
                let _ = write!(self.out, "{}", i + 1);
                self.s("</span> <span aria-hidden=\"true\">↗</span></a>");
            }
            self.s("</p></li>");
        }
        self.s("</ol></section>\n");
    }

    fn links(&mut self, part: Part, path: &str, prefix: &str, heading: &str, count: bool) {
        let items: Vec<(usize, &RelatedLink)> = self
            .g_links(path)
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.title.trim().is_empty())
            .collect();
        let heading =
            if count { format!("{heading} ({})", items.len()) } else { heading.to_string() };
        self.open_part(part, path, "links", &heading);
        let class = if count { "guide-list" } else { "chip-list" };
        let _ = write!(self.out, "<ul class=\"{class}\">");
        for (i, l) in items {
            let id = self.anchor(prefix, &l.id);
            let _ = write!(self.out, "<li id=\"{id}\" data-path=\"{path}[{i}]\">");
            match related_href(&l.target) {
                Some(href) => {
                    self.s("<a href=\"");
                    push_href(&mut self.out, &href);
                    self.s("\"");
                    if href.starts_with("http") {
                        self.s(" rel=\"noopener noreferrer\"");
                    }
                    self.s(">");
                    self.t(l.title.trim());
                    self.s("</a>");
                }
                None => self.t(l.title.trim()),
            }
            self.s("</li>");
        }
        self.s("</ul></section>\n");
    }

    fn g_links(&self, path: &str) -> &'g [RelatedLink] {
        if path == "related_topics" {
            &self.g.related_topics
        } else {
            &self.g.related_guides
        }
    }

    fn faq(&mut self) {
        self.open_part(Part::Faq, "faq", "faq", "Frequently asked questions");
        for (i, f) in self.g.faq.iter().enumerate() {
            let q = f.question.trim();
            if q.is_empty() && f.answer.trim().is_empty() {
                continue;
            }
            let id = self.anchor("faq", &f.id);
            let _ = write!(self.out, "<div class=\"faq-item\" id=\"{id}\" data-path=\"faq[{i}]\">");
            if !q.is_empty() {
                self.s("<h3>");
                self.t(q);
                self.s("</h3>");
            }
            if !f.answer.trim().is_empty() {
                self.s("<div class=\"answer prose\">");
                let prefix = format!("{id}-");
                push_markdown(
                    &mut self.out,
                    &f.answer,
                    &MarkdownOptions { heading_offset: 3, id_prefix: &prefix },
                );
                self.s("</div>");
            }
            self.s("</div>\n");
        }
        self.s("</section>\n");
    }

    fn stay_current(&mut self) {
        self.s("<aside class=\"stay-current\" id=\"part-stay-current\" \
                aria-labelledby=\"part-stay-current-h\"><h2 id=\"part-stay-current-h\">Stay current</h2>\
                <p>The <strong>Almanac newsletter</strong> arrives on Wednesdays and Sundays: \
                the week’s developments in AI, set beside topic guides like this one.</p></aside>\n");
    }

    fn versions(&mut self) {
        self.open_part(Part::Versions, "versions", "versions", "Versions");
        self.s("<ul class=\"version-list\">");
        let version = &self.g.meta.version;
        // The working draft is none of the named versions; it builds on one of them.
        let (current, base) = if version.is_working_draft() {
            (None, version.based_on.as_deref().map(str::trim).filter(|b| !b.is_empty()))
        } else {
            (Some(version.label.trim()), None)
        };
        for (i, v) in self.g.versions.iter().enumerate() {
            let id = self.anchor("ver", v.label.trim());
            let is_current = current == Some(v.label.trim());
            let is_base = base == Some(v.label.trim());
            let _ = write!(self.out, "<li id=\"{id}\" data-path=\"versions[{i}]\"");
            if is_current {
                self.s(" aria-current=\"true\" class=\"current\"");
            }
            self.s("><span class=\"version-label\">");
            self.t(v.label.trim());
            let _ = write!(
                self.out,
                "</span> <span class=\"state state-{}\">{}</span> ",
                v.state.as_str(),
                v.state.label()
            );
            self.age(&v.at);
            if is_current {
                self.s(" <span class=\"this-version\">this version</span>");
            } else if is_base {
                self.s(" <span class=\"draft-base\">draft builds on this</span>");
            }
            self.s("</li>");
        }
        self.s("</ul></section>\n");
    }

    fn sources(&mut self) {
        let items: Vec<usize> = (0..self.g.sources.len())
            .filter(|&i| !self.g.sources[i].title.trim().is_empty())
            .collect();
        let topic = self.g.meta.topic.trim();
        let heading = format!(
            "More on {} ({})",
            if topic.is_empty() { "this topic" } else { topic },
            items.len()
        );
        self.open_part(Part::Sources, "sources", "sources", &heading);
        self.s("<div class=\"source-list\">");
        for i in items {
            let src = &self.g.sources[i];
            let id = self.anchor("src", &src.id);
            let _ = write!(
                self.out,
                "<article class=\"source\" id=\"{id}\" data-path=\"sources[{i}]\" \
                 aria-labelledby=\"{id}-h\"><p class=\"source-meta\">\
                 <span class=\"score\" title=\"relevance {0} of 10\">\
                 <span class=\"vh\">relevance </span>{0}<span class=\"vh\"> of 10</span></span>",
                src.score
            );
            let name = src.source.trim();
            if !name.is_empty() {
                self.s("<span class=\"source-name\">");
                self.t(name);
                self.s("</span>");
            }
            self.s("<span class=\"source-age\">");
            self.age(&src.published);
            self.s("</span>");
            if let Some(url) = safe_url(&src.url, UrlPolicy::AbsoluteHttp) {
                self.s("<a class=\"source-link\" href=\"");
                push_href(&mut self.out, &url);
                self.s("\" rel=\"noopener noreferrer\">source<span class=\"vh\">: ");
                self.t(src.title.trim());
                self.s("</span> <span aria-hidden=\"true\">↗</span></a>");
            }
            let _ = write!(self.out, "</p><h3 id=\"{id}-h\">");
            self.t(src.title.trim());
            self.s("</h3>");
            let summary = src.summary.trim();
            if !summary.is_empty() {
                self.s("<p class=\"summary\">");
                self.t(summary);
                self.s("</p>");
            }
            self.s("</article>\n");
        }
        self.s("</div></section>\n");
    }

    fn footer(&mut self) {
        let m = &self.g.meta;
        self.s("<footer class=\"site-footer\" id=\"part-footer\"><p><span class=\"site-name\">Almanac</span> ");
        self.t(m.kind.trim());
        let (label, state) = version_words(&m.version);
        if !label.is_empty() {
            self.s(" · ");
            self.t(label);
            // "v3 live", "v3 draft, unpublished edits", "draft, not yet versioned".
            self.s(if state == NOT_YET_VERSIONED { ", " } else { " " });
            self.s(state);
        }
        self.s(".");
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
        self.s("</p></footer>\n");
    }
}

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

/// The document language: the guide's language tag when it looks like one (letters, digits
/// and hyphens, as in "en" or "en-GB"), else "en".
fn page_lang(lang: &str) -> &str {
    let l = lang.trim();
    let ok = !l.is_empty()
        && l.len() <= 35
        && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && l.as_bytes()[0].is_ascii_alphabetic();
    if ok {
        l
    } else {
        "en"
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
