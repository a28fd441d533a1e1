//! The source view: text as the editor typed it (Markdown unrendered), escaped, with word
//! marks; whole items and unchanged parts as their `guide.json`.

use std::fmt::Write;

use almanac_guide::Part;

use super::value_html;
use super::writer::{escape, ItemData, Report};
use crate::mark::Show;
use crate::model::{FieldChange, FieldKind, ParagraphDiff, ParagraphOp, Segment, SegmentOp};

/// Escaped source text of segments with `<ins>`/`<del>` marks, for one side or both. This is
/// text as typed, not rendered content: a number replaced by another (`Segment::numeric`) is
/// marked `class="diff-num"` on both sides, and where both are shown a space keeps them
/// apart (`<del class="diff-num">2</del> <ins class="diff-num">3</ins>`).
pub(super) fn segments_html(segments: &[Segment], show: Show) -> String {
    let mut out = String::new();
    for (i, s) in segments.iter().enumerate() {
        if show == Show::Merged && i > 0 && segments[i - 1].starts_numeric_pair(Some(s)) {
            out.push(' ');
        }
        let class = if s.numeric { NUMBER_CLASS } else { "" };
        match s.op {
            SegmentOp::Equal => out.push_str(&escape(&s.text)),
            SegmentOp::Delete if show != Show::New => {
                let _ = write!(out, "<del{class}>{}</del>", escape(&s.text));
            }
            SegmentOp::Insert if show != Show::Old => {
                let _ = write!(out, "<ins{class}>{}</ins>", escape(&s.text));
            }
            _ => {}
        }
    }
    out
}

/// The attribute that marks a number replaced by another outside rendered content (see
/// `segments_html`).
pub(super) const NUMBER_CLASS: &str = " class=\"diff-num\"";

/// One side (or both merged) of a changed field, as typed.
pub(super) fn field_html(f: &FieldChange, show: Show) -> String {
    match f.kind {
        FieldKind::Value => value_html(f, show),
        FieldKind::Prose => prose_html(&f.paragraphs, show),
        FieldKind::Text | FieldKind::InlineMarkdown => {
            format!("<p class=\"diff-src\">{}</p>", segments_html(&f.segments, show))
        }
    }
}

/// Prose as typed: changed paragraphs with word marks, unchanged runs collapsed.
fn prose_html(paragraphs: &[ParagraphDiff], show: Show) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < paragraphs.len() {
        if paragraphs[i].op == ParagraphOp::Equal {
            let start = i;
            while i < paragraphs.len() && paragraphs[i].op == ParagraphOp::Equal {
                i += 1;
            }
            let n = i - start;
            let _ = write!(
                out,
                "<details class=\"diff-context\"><summary>{n} unchanged paragraph{}</summary>",
                if n == 1 { "" } else { "s" }
            );
            for p in &paragraphs[start..i] {
                let _ =
                    write!(out, "<p class=\"diff-src\">{}</p>", segments_html(&p.segments, show));
            }
            out.push_str("</details>");
            continue;
        }
        let p = &paragraphs[i];
        let visible = !matches!(
            (show, p.op),
            (Show::Old, ParagraphOp::Insert) | (Show::New, ParagraphOp::Delete)
        );
        if visible {
            let _ = write!(out, "<p class=\"diff-src\">{}</p>", segments_html(&p.segments, show));
        } else {
            out.push_str("<p class=\"diff-col-empty\">(no paragraph here)</p>");
        }
        i += 1;
    }
    out
}

impl Report<'_> {
    /// An unchanged part: its `guide.json` (the new side's).
    pub(super) fn unchanged_part_source(&mut self, part: Part) {
        let value = serde_json::to_value(self.new).expect("a guide serialises");
        let json =
            serde_json::to_string_pretty(&value[part.key()]).expect("a JSON value serialises");
        let _ = writeln!(self.out, "<pre class=\"diff-src\">{}</pre>", escape(&json));
    }

    /// A whole item (added, removed or unchanged): its `guide.json`.
    pub(super) fn item_source(&mut self, it: &ItemData) {
        let _ = write!(self.out, "<pre class=\"diff-src\">{}</pre>", escape(&it.json));
    }
}
