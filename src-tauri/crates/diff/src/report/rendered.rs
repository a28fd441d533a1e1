//! The rendered view: text as the page shows it, through the project renderer. Word marks are
//! placed in the rendered HTML by `mark`, which checks that they change nothing else; where
//! they cannot be placed, each side is rendered whole and marked as a block.

use std::fmt::Write;

use almanac_guide::Part;
use almanac_render::{
    render_inline, render_markdown_with, render_part_nested, MarkdownOptions, PageOptions,
};

use super::source::segments_html;
use super::value_html;
use super::writer::{escape, ItemData, Report};
use crate::mark::{prose_source, render_marked, source, Show};
use crate::model::{FieldChange, FieldKind};

/// Block Markdown as the report shows it: headings from `h3` (under the part's `h2`), footnote
/// ids starting with `prefix` (one per rendered block, so that ids are unique in the report
/// and footnote links land on their own note).
fn render_block(md: &str, prefix: &str) -> String {
    render_markdown_with(md, &MarkdownOptions { heading_offset: 2, id_prefix: prefix })
}

/// One side (or both merged) of a changed field, rendered; `prefix` starts the ids of its
/// rendered Markdown.
pub(super) fn field_html(f: &FieldChange, show: Show, prefix: &str) -> String {
    match f.kind {
        FieldKind::Value => value_html(f, show),
        FieldKind::Text => {
            format!("<p class=\"diff-text\">{}</p>", segments_html(&f.segments, show))
        }
        FieldKind::InlineMarkdown => {
            let marked = render_marked(
                &render_inline,
                &source(&f.segments, show, true),
                &source(&f.segments, show, false),
            );
            match marked {
                Some(html) => format!("<p class=\"diff-text\">{html}</p>"),
                None => {
                    let side = |s: Show| render_inline(&source(&f.segments, s, false));
                    block_fallback(show, |s| format!("<p>{}</p>", side(s)))
                }
            }
        }
        FieldKind::Prose => {
            let marked = render_marked(
                &|md: &str| render_block(md, prefix),
                &prose_source(&f.paragraphs, show, true),
                &prose_source(&f.paragraphs, show, false),
            );
            match marked {
                Some(html) => format!("<div class=\"prose diff-prose\">{html}</div>"),
                None => block_fallback(show, |s| {
                    // Both sides may be shown: each has ids of its own.
                    let side = if s == Show::Old { "old-" } else { "new-" };
                    render_block(&prose_source(&f.paragraphs, s, false), &format!("{prefix}{side}"))
                }),
            }
        }
    }
}

/// When word marks cannot be placed in the rendering, each side is rendered whole and marked
/// as a block: the old in a deletion block, the new in an insertion block.
fn block_fallback(show: Show, side: impl Fn(Show) -> String) -> String {
    let old = || {
        format!(
            "<div class=\"diff-block diff-block-old\" title=\"old text\">{}</div>",
            side(Show::Old)
        )
    };
    let new = || {
        format!(
            "<div class=\"diff-block diff-block-new\" title=\"new text\">{}</div>",
            side(Show::New)
        )
    };
    match show {
        Show::Old => old(),
        Show::New => new(),
        Show::Merged => format!("{}{}", old(), new()),
    }
}

impl Report<'_> {
    /// An unchanged part as the page renders it (the new side's), inside the report: the
    /// header's title is no `<h1>` (the report has its own).
    pub(super) fn unchanged_part_rendered(&mut self, part: Part) {
        let html = render_part_nested(self.new, &PageOptions::published(), part);
        if html.trim().is_empty() {
            self.raw("<p class=\"diff-empty\">Empty in both versions.</p>\n");
        } else {
            self.raw(&html);
        }
    }

    /// A whole item (added, removed or unchanged): its non-empty fields as a definition list;
    /// `prefix` starts the ids of its rendered Markdown.
    pub(super) fn item_rendered(&mut self, part: Part, it: &ItemData, prefix: &str) {
        self.raw("<dl class=\"diff-fields\">");
        for (name, kind, value) in &it.fields {
            let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) else { continue };
            let label = part.field_label(name).unwrap_or(name);
            let _ = write!(self.out, "<dt>{}</dt><dd>", escape(label));
            match kind {
                FieldKind::Prose => {
                    self.raw("<div class=\"prose\">");
                    self.raw(&render_block(v, &format!("{prefix}{name}-")));
                    self.raw("</div>");
                }
                FieldKind::InlineMarkdown => self.raw(&render_inline(v)),
                FieldKind::Text | FieldKind::Value => self.text(v),
            }
            self.raw("</dd>");
        }
        self.raw("</dl>");
    }
}
