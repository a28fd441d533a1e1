//! The summary at the top of the report: the totals, the coarse note, one row of counts per
//! part (linking to the part), and the legend.

use std::fmt::Write;

use super::writer::{anchor_token, escape, Report};

impl Report<'_> {
    pub(super) fn summary(&mut self) {
        let s = &self.diff.summary;
        self.raw(
            "<section class=\"diff-summary\" aria-labelledby=\"diff-summary-h\">\n\
             <h2 id=\"diff-summary-h\" class=\"part-title\">Summary</h2>\n<p class=\"diff-total\">",
        );
        if self.diff.is_empty() {
            self.raw("No changes: the two versions are the same in every part.");
        } else {
            let _ = write!(
                self.out,
                "{} added, {} removed, {} changed, {} moved; {} field{} changed. {}",
                s.added,
                s.removed,
                s.changed,
                s.moved,
                s.fields_changed,
                if s.fields_changed == 1 { "" } else { "s" },
                if s.text_changed { "Text changed." } else { "No text changed." }
            );
        }
        self.raw("</p>\n");
        if s.coarse {
            self.raw(
                "<p class=\"diff-coarse\" role=\"note\"><strong>Coarse:</strong> the time \
                 budget ran out, so some changes (marked “coarse”) are shown as whole \
                 paragraphs or fields replaced rather than word by word.</p>\n",
            );
        }
        self.raw(
            "<table class=\"diff-summary-table\"><thead><tr><th scope=\"col\">Part</th>\
             <th scope=\"col\">Added</th><th scope=\"col\">Removed</th>\
             <th scope=\"col\">Changed</th><th scope=\"col\">Moved</th>\
             <th scope=\"col\">Fields</th><th scope=\"col\">Text</th></tr></thead><tbody>\n",
        );
        for p in &s.parts {
            let cls = if p.is_empty() { "same" } else { "changed" };
            let _ = write!(
                self.out,
                "<tr class=\"{cls}\"><th scope=\"row\"><a href=\"#diff-{}\">{}</a></th>",
                anchor_token(p.part.key()),
                escape(p.part.label())
            );
            for n in [p.added, p.removed, p.changed, p.moved, p.fields_changed] {
                let zero = if n == 0 { " class=\"zero\"" } else { "" };
                let _ = write!(self.out, "<td{zero}>{n}</td>");
            }
            let text = match (p.text_changed, p.coarse) {
                (true, true) => "changed (coarse)",
                (true, false) => "changed",
                _ => "—",
            };
            let zero = if p.text_changed { "" } else { " class=\"zero\"" };
            let _ = writeln!(self.out, "<td{zero}>{text}</td></tr>");
        }
        self.raw(
            "</tbody></table>\n<p class=\"diff-legend\"><span>Legend:</span> \
             <del>deleted text</del> <ins>inserted text</ins> \
             <span class=\"diff-badge diff-badge-moved\">moved</span> = order changed, \
             content the same</p>\n</section>\n",
        );
    }
}
