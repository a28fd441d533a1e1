//! The parts people read through: the TL;DR, the key takeaways, the sections and the FAQ.
//! Their text is Markdown (inline for the TL;DR and takeaways), rendered and sanitised.

use super::Writer;
use crate::markdown::{push_markdown, MarkdownOptions};
use almanac_guide::Part;
use std::fmt::Write as _;

impl Writer<'_> {
    pub(super) fn tldr(&mut self) {
        let id = Part::Tldr.anchor();
        let _ = write!(
            self.out,
            "<section class=\"part tldr\" id=\"{id}\" data-path=\"{}\" \
             aria-labelledby=\"{id}-h\"><h2 class=\"tldr-label\" id=\"{id}-h\">\
             <abbr title=\"Too long; didn’t read\">TL;DR</abbr></h2><p dir=\"auto\">",
            Part::Tldr.key()
        );
        self.inline_markdown(self.guide.tldr.trim());
        self.raw("</p></section>\n");
    }

    pub(super) fn takeaways(&mut self) {
        self.open_part(Part::Takeaways, "takeaways", Part::Takeaways.label());
        self.raw("<ol class=\"takeaway-list\">");
        for (i, t) in self.guide.takeaways.iter().enumerate() {
            if t.text.trim().is_empty() {
                continue;
            }
            let id = self.item_anchor(Part::Takeaways, &t.id);
            let _ = write!(self.out, "<li id=\"{id}\" data-path=\"takeaways[{i}]\"");
            self.lang_attr(t.lang.as_deref());
            self.raw(" dir=\"auto\">");
            self.inline_markdown(t.text.trim());
            self.raw("</li>");
        }
        self.raw("</ol></section>\n");
    }

    /// Each section is a `<section>` of its own (headed by its heading, if any) inside one
    /// `<div>`: the sections part has no heading of its own.
    pub(super) fn sections(&mut self) {
        let _ = writeln!(
            self.out,
            "<div class=\"sections\" id=\"{}\" data-path=\"{}\">",
            Part::Sections.anchor(),
            Part::Sections.key()
        );
        for (i, s) in self.guide.sections.iter().enumerate() {
            let heading = s.heading.trim();
            if heading.is_empty() && s.body.trim().is_empty() {
                continue;
            }
            let id = self.item_anchor(Part::Sections, &s.id);
            let _ = write!(
                self.out,
                "<section class=\"prose-section\" id=\"{id}\" data-path=\"sections[{i}]\""
            );
            self.lang_attr(s.lang.as_deref());
            if heading.is_empty() {
                self.raw(">");
            } else {
                let _ =
                    write!(self.out, " aria-labelledby=\"{id}-h\"><h2 id=\"{id}-h\" dir=\"auto\">");
                self.text(heading);
                self.raw("</h2>");
            }
            self.raw("<div class=\"prose\">");
            let prefix = format!("{id}-");
            push_markdown(
                &mut self.out,
                &s.body,
                &MarkdownOptions { heading_offset: 2, id_prefix: &prefix },
            );
            self.raw("</div></section>\n");
        }
        self.raw("</div>\n");
    }

    pub(super) fn faq(&mut self) {
        self.open_part(Part::Faq, "faq", "Frequently asked questions");
        for (i, f) in self.guide.faq.iter().enumerate() {
            let q = f.question.trim();
            if q.is_empty() && f.answer.trim().is_empty() {
                continue;
            }
            let id = self.item_anchor(Part::Faq, &f.id);
            let _ = write!(self.out, "<div class=\"faq-item\" id=\"{id}\" data-path=\"faq[{i}]\"");
            self.lang_attr(f.lang.as_deref());
            self.raw(">");
            if !q.is_empty() {
                self.raw("<h3 dir=\"auto\">");
                self.text(q);
                self.raw("</h3>");
            }
            if !f.answer.trim().is_empty() {
                self.raw("<div class=\"answer prose\" dir=\"auto\">");
                let prefix = format!("{id}-");
                push_markdown(
                    &mut self.out,
                    &f.answer,
                    &MarkdownOptions { heading_offset: 3, id_prefix: &prefix },
                );
                self.raw("</div>");
            }
            self.raw("</div>\n");
        }
        self.raw("</section>\n");
    }
}
