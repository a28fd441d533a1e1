//! Figures in the rendered view: a figure is drawn from the guide's data, so the report shows
//! the drawings themselves, as the page draws them (`almanac_render::render_figure`), under ids
//! of the report's own (`diff-fig-<item id>-<side>`, every id they give out reserved):
//!
//! - a changed figure (an option or its caption changed): its old and new drawing side by side,
//!   after its field changes;
//! - an added or removed figure: its drawing, after its fields;
//! - a figure whose own fields are unchanged but whose drawing differs (the deal rows or
//!   timeline events it draws changed): its old and new drawing side by side, in the Figures
//!   part, which is then open rather than collapsed.

use std::fmt::Write;

use almanac_guide::{Figure, Guide};
use almanac_render::{figure_ids, render_figure};

use super::writer::{anchor_token, escape, Report};
use crate::model::{ItemChange, ItemKind, PartDiff};

/// The figures drawn differently by the two guides although their own fields are the same:
/// (old index, new index, id). A figure that only moved is compared at its own place.
pub(super) fn redrawn(old: &Guide, new: &Guide, pd: &PartDiff) -> Vec<(usize, usize, String)> {
    let changed = |id: &str| {
        pd.items.iter().any(|c| c.id == id && matches!(c.kind, ItemKind::Changed | ItemKind::Added))
    };
    // A figure draws only the deal rows and the timeline: compare it alone, at one place, so
    // that its number and position cannot differ.
    let alone = |g: &Guide, f: &Figure| {
        let mut one = Guide::new_empty("", "", "");
        one.deals.rows = g.deals.rows.clone();
        one.timeline = g.timeline.clone();
        one.figures = vec![f.clone()];
        render_figure(&one, 0, "x")
    };
    let mut out = Vec::new();
    for (j, f) in new.figures.iter().enumerate() {
        if changed(&f.id) {
            continue;
        }
        let Some(i) = old.figures.iter().position(|o| o == f) else { continue };
        if alone(old, &old.figures[i]) != alone(new, f) {
            out.push((i, j, f.id.clone()));
        }
    }
    out
}

impl Report<'_> {
    /// An anchor for a figure drawn in the report, unique with every id the drawing gives out.
    fn figure_anchor(&mut self, item_id: &str, side: &str) -> String {
        let base = format!("diff-fig-{}-{side}", anchor_token(item_id));
        let mut n = 1;
        loop {
            let anchor = if n == 1 { base.clone() } else { format!("{base}-{n}") };
            let ids = figure_ids(&anchor);
            if ids.iter().all(|id| !self.ids.contains(id)) {
                self.ids.extend(ids);
                return anchor;
            }
            n += 1;
        }
    }

    /// Figure `i` of the old guide and figure `j` of the new one, drawn next to each other
    /// under the versions' labels.
    pub(super) fn figure_sides(&mut self, i: usize, j: usize, id: &str) {
        let old = render_figure(self.old, i, &self.figure_anchor(id, "old"));
        let new = render_figure(self.new, j, &self.figure_anchor(id, "new"));
        let (ov, nv) = (escape(&self.diff.old.version), escape(&self.diff.new.version));
        let _ = writeln!(
            self.out,
            "<div class=\"diff-sbs diff-figures\"><div class=\"diff-col diff-col-old\">\
             <div class=\"diff-col-label\">{ov}</div>{old}</div>\
             <div class=\"diff-col diff-col-new\"><div class=\"diff-col-label\">{nv}</div>{new}\
             </div></div>"
        );
    }

    /// A changed figure's old and new drawing.
    pub(super) fn changed_figure(&mut self, item: &ItemChange) {
        if let (Some(i), Some(j)) = (item.old_index, item.new_index) {
            self.figure_sides(i as usize, j as usize, &item.id);
        }
    }

    /// An added (removed) figure's drawing, from the new (old) guide.
    pub(super) fn whole_figure(&mut self, item: &ItemChange) {
        let (guide, index, side) = match (item.kind, item.old_index, item.new_index) {
            (ItemKind::Added, _, Some(j)) => (self.new, j, "new"),
            (ItemKind::Removed, Some(i), _) => (self.old, i, "old"),
            _ => return,
        };
        let anchor = self.figure_anchor(&item.id, side);
        let html = render_figure(guide, index as usize, &anchor);
        let _ = writeln!(self.out, "<div class=\"diff-figures\">{html}</div>");
    }

    /// The figures of an unchanged Figures part that are drawn differently, each with a line
    /// saying why.
    pub(super) fn redrawn_figures(&mut self, redrawn: &[(usize, usize, String)]) {
        for (i, j, id) in redrawn {
            let _ = writeln!(
                self.out,
                "<p class=\"diff-redrawn\">Figure {}{} is drawn differently: the data it draws \
                 changed.</p>",
                j + 1,
                self.new
                    .figures
                    .get(*j)
                    .map(|f| f.caption.trim())
                    .filter(|c| !c.is_empty())
                    .map(|c| format!(" (\u{201c}{}\u{201d})", escape(c)))
                    .unwrap_or_default()
            );
            self.figure_sides(*i, *j, id);
        }
    }
}
