//! The inline layout: one column, deleted text struck through and inserted text underlined in
//! place.

use std::fmt::Write;

use super::source::segments_html;
use super::writer::Report;
use crate::mark::Show;
use crate::model::FieldChange;

impl Report<'_> {
    /// A changed field, both sides merged in one column.
    pub(super) fn field_inline(&mut self, f: &FieldChange) {
        let body = self.field_side(f, Show::Merged);
        self.raw(&body);
    }

    /// A changed deal cell in one column; a side that is absent shows as a deleted or inserted
    /// `unknown`.
    pub(super) fn cell_change_inline(&mut self, fc: &FieldChange, unknown: &str) {
        if fc.old_text().is_empty() {
            let _ = write!(self.out, "<del>{unknown}</del> ");
        }
        self.raw(&segments_html(&fc.segments, Show::Merged));
        if fc.new_text().is_empty() {
            let _ = write!(self.out, " <ins>{unknown}</ins>");
        }
    }
}
