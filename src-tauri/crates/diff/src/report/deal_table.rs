//! The deal table, cell by cell: every row of both versions in review order (matched by id,
//! removed rows at their old place), each changed cell marked in the report's layout.

use std::collections::HashMap;
use std::fmt::Write;

use almanac_render::UNKNOWN_CELL;

use super::writer::{anchor_token, escape, kind_name, ItemData, Report};
use super::{Layout, View};
use crate::lists::merged_order;
use crate::model::{FieldChange, ItemChange, ItemKind, PartDiff};

impl Report<'_> {
    pub(super) fn deal_table(
        &mut self,
        pd: &PartDiff,
        old_rows: &[ItemData],
        new_rows: &[ItemData],
    ) {
        let changes: HashMap<(Option<u32>, Option<u32>), &ItemChange> =
            pd.items.iter().map(|i| ((i.old_index, i.new_index), i)).collect();
        self.raw(
            "<div class=\"table-scroll\"><table class=\"deal-table diff-deal-table\">\
             <thead><tr><th scope=\"col\">Row</th><th scope=\"col\">Lab</th>\
             <th scope=\"col\">Partner</th><th scope=\"col\">Committed capacity</th>\
             <th scope=\"col\">Timeline</th><th scope=\"col\">Notable terms</th></tr></thead><tbody>\n",
        );
        for (o, n) in merged_order(old_rows, new_rows) {
            let key = (o.map(|i| i as u32), n.map(|j| j as u32));
            let change = changes.get(&key).copied();
            let data = match (n, o) {
                (Some(j), _) => &new_rows[j],
                (None, Some(i)) => &old_rows[i],
                (None, None) => continue,
            };
            let (cls, badge) = match change {
                Some(c) => (kind_name(c.kind), kind_name(c.kind)),
                None => ("same", ""),
            };
            let path = match (n, o) {
                (Some(j), _) => format!("deals[{j}]"),
                (None, Some(i)) => format!("was deals[{i}]"),
                _ => String::new(),
            };
            let id = self.unique_id(format!("diff-deals-{}", anchor_token(&data.id)));
            let _ = write!(
                self.out,
                "<tr class=\"diff-row-{cls}\" id=\"{id}\"><td class=\"diff-row-status\">"
            );
            if !badge.is_empty() {
                let _ = write!(
                    self.out,
                    "<span class=\"diff-badge diff-badge-{badge}\">{badge}</span>"
                );
            }
            if let Some(c) = change.filter(|c| c.moved) {
                if let (Some(a), Some(b)) = (c.old_index, c.new_index) {
                    let _ = write!(
                        self.out,
                        " <span class=\"diff-badge diff-badge-moved\">{} → {}</span>",
                        a + 1,
                        b + 1
                    );
                }
            }
            let _ = write!(self.out, "<code>{}</code></td>", escape(&path));
            for (idx, (name, _, value)) in data.fields.iter().enumerate() {
                let tag = if idx == 0 { "th scope=\"row\"" } else { "td" };
                let close = if idx == 0 { "th" } else { "td" };
                let _ = write!(self.out, "<{tag}>");
                let fc = change.and_then(|c| c.fields.iter().find(|f| f.field == *name));
                match (change.map(|c| c.kind), fc) {
                    (Some(ItemKind::Changed), Some(fc)) => self.cell_change(fc),
                    (Some(ItemKind::Added), _) => self.cell_value(value.as_deref(), Some("ins")),
                    (Some(ItemKind::Removed), _) => self.cell_value(value.as_deref(), Some("del")),
                    _ => self.cell_value(value.as_deref(), None),
                }
                let _ = write!(self.out, "</{close}>");
            }
            self.raw("</tr>\n");
        }
        self.raw("</tbody></table></div>\n");
    }

    /// How an absent (unknown) cell shows: as on the page, or as a plain note in source view.
    fn unknown(&self) -> &'static str {
        match self.opts.view {
            View::Rendered => UNKNOWN_CELL,
            View::Source => "<span class=\"diff-unknown\">(unknown)</span>",
        }
    }

    /// An unchanged cell, or a cell of an added (`ins`) or removed (`del`) row.
    fn cell_value(&mut self, value: Option<&str>, mark: Option<&str>) {
        match value.filter(|v| !v.trim().is_empty()) {
            Some(v) => match mark {
                Some(m) => {
                    let _ = write!(self.out, "<{m}>{}</{m}>", escape(v));
                }
                None => self.text(v),
            },
            None => {
                let u = self.unknown();
                self.raw(u);
            }
        }
    }

    /// A changed cell of a changed row, in the report's layout.
    fn cell_change(&mut self, fc: &FieldChange) {
        let unknown = self.unknown();
        match self.opts.layout {
            Layout::Inline => self.cell_change_inline(fc, unknown),
            Layout::SideBySide => self.cell_change_side_by_side(fc, unknown),
        }
    }
}
