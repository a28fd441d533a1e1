//! The side-by-side layout: the old side and the new side in two columns, each with its own
//! marks (deletions on the old side, insertions on the new).

use std::fmt::Write;

use super::source::segments_html;
use super::writer::{escape, Report};
use crate::mark::Show;
use crate::model::FieldChange;

impl Report<'_> {
    /// A changed field as two columns headed by the versions' labels.
    pub(super) fn field_side_by_side(&mut self, f: &FieldChange) {
        let (old, new) = (self.field_side(f, Show::Old), self.field_side(f, Show::New));
        let (ov, nv) = (escape(&self.diff.old.version), escape(&self.diff.new.version));
        let _ = writeln!(
            self.out,
            "<div class=\"diff-sbs\"><div class=\"diff-col diff-col-old\">\
             <div class=\"diff-col-label\">{ov}</div>{old}</div>\
             <div class=\"diff-col diff-col-new\"><div class=\"diff-col-label\">{nv}</div>{new}</div></div>"
        );
    }

    /// A changed deal cell as its old and its new value; an absent side shows as `unknown`.
    pub(super) fn cell_change_side_by_side(&mut self, fc: &FieldChange, unknown: &str) {
        let side = |present: bool, show: Show| {
            if present {
                segments_html(&fc.segments, show)
            } else {
                unknown.to_string()
            }
        };
        let old = side(!fc.old_text().is_empty(), Show::Old);
        let new = side(!fc.new_text().is_empty(), Show::New);
        let _ = write!(
            self.out,
            "<span class=\"diff-cell-old\">{old}</span><span class=\"diff-cell-new\">{new}</span>"
        );
    }
}
