//! The HTML report: a standalone page (inline CSS, no script, no external request) drawn from
//! a `GuideDiff` and the two guides, in inline or side-by-side layout, rendered or source view.
//!
//! Safety: guide text reaches the report only escaped (almanac-render's escaper) or through
//! the project renderer (`almanac_render`), which sanitises. Diff marks are the fixed tags
//! `<ins>`/`<del>`, added to escaped source text, or to rendered HTML through `mark` (which
//! verifies that the marks change nothing else and otherwise marks whole blocks). Rendered
//! HTML gets attribute-less marks only; a number replaced by another is two marks apart
//! there (`<del>2</del> <ins>3</ins>`), and in escaped text (plain text fields, deal cells,
//! values, the source view) its marks also carry `class="diff-num"`.
//!
//! The report is one valid page: its title is its only `<h1>` (an unchanged header is shown
//! with its title as a paragraph), rendered Markdown starts its headings at `<h3>` under the
//! part's `<h2>`, and every id is unique: each block of rendered Markdown has an id prefix of
//! its own (`diff-md-<path>-<side>-`), so footnote links land on their own note.
//!
//! This module writes the document (head, masthead, footer) and each part, item and changed
//! field; the rest is split by view:
//!
//! - `writer`: what all of it shares: the writer, escaping, ids, the items as read from the
//!   guides;
//! - `summary`: the summary table at the top;
//! - `inline` / `side_by_side`: the two layouts of a changed field or deal cell;
//! - `rendered` / `source`: the two views of text, whole items and unchanged parts;
//! - `deal_table`: the deal table, cell by cell;
//! - `figures`: figures drawn as the page draws them (a changed figure's old and new drawing
//!   side by side).

mod deal_table;
mod figures;
mod inline;
mod rendered;
mod side_by_side;
mod source;
mod summary;
mod writer;

use std::collections::BTreeSet;
use std::fmt::Write;

use almanac_guide::{path_label, Guide, Part};
use almanac_render::page_css;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::mark::Show;
use crate::model::{
    FieldChange, FieldKind, GuideDiff, ItemChange, ItemKind, PartDiff, PartSummary, SideInfo,
};
use crate::terminal::counts;
use writer::{anchor_token, escape, kind_name, list_items, ItemData, Report};

const REPORT_CSS: &str = include_str!("report.css");

/// One column with deletions and insertions inline, or the old and new sides next to each other.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    #[default]
    Inline,
    SideBySide,
}

/// Text as the page shows it (Markdown rendered), or as the editor typed it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum View {
    #[default]
    Rendered,
    Source,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct ReportOptions {
    pub layout: Layout,
    pub view: View,
}

/// The report as a standalone HTML5 document. `diff` must be the diff of `old` against `new`
/// (unchanged content is read from the guides). Deterministic: no clock, no randomness.
pub fn render_report(old: &Guide, new: &Guide, diff: &GuideDiff, opts: &ReportOptions) -> String {
    let mut r = Report {
        out: String::with_capacity(64 * 1024),
        old,
        new,
        diff,
        opts: *opts,
        ids: BTreeSet::new(),
    };
    r.document();
    r.out
}

/// The file name a report is saved under: `<slug>-<old>-to-<new>.diff.html`
/// (`training-infrastructure-v1-to-v2.diff.html`), from the new side's slug and each side's
/// `version` (a named version's label; "draft" for the working draft). Only lowercase ASCII
/// letters, digits and hyphens: every other character becomes a hyphen, hyphens at either end
/// of a name are dropped, and a name left empty becomes "guide".
pub fn report_file_name(old: &SideInfo, new: &SideInfo) -> String {
    let clean = |s: &str| {
        let t: String = s
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
            .collect();
        match t.trim_matches('-') {
            "" => "guide".to_string(),
            t => t.to_string(),
        }
    };
    format!("{}-{}-to-{}.diff.html", clean(&new.slug), clean(&old.version), clean(&new.version))
}

/// The arrow between an old and a new value: read as "changed to".
const CHANGED_TO: &str =
    "<span aria-hidden=\"true\">→</span><span class=\"vh\"> changed to </span>";

/// A changed field's value (dates, URLs, states…): replaced whole, in either view; marked
/// `diff-num` when it is a number replaced by another (`Segment::numeric`).
fn value_html(f: &FieldChange, show: Show) -> String {
    let (o, n) = (f.old_text(), f.new_text());
    let empty = "<span class=\"diff-unknown\">(empty)</span>";
    let class = if f.segments.iter().any(|s| s.numeric) { source::NUMBER_CLASS } else { "" };
    let del =
        if o.is_empty() { empty.to_string() } else { format!("<del{class}>{}</del>", escape(o)) };
    let ins =
        if n.is_empty() { empty.to_string() } else { format!("<ins{class}>{}</ins>", escape(n)) };
    match show {
        Show::Old => format!("<p class=\"diff-value\">{del}</p>"),
        Show::New => format!("<p class=\"diff-value\">{ins}</p>"),
        Show::Merged => format!("<p class=\"diff-value\">{del} {CHANGED_TO} {ins}</p>"),
    }
}

impl Report<'_> {
    fn document(&mut self) {
        // The ids the report writes itself: the skip link's target, the summary and the parts.
        self.ids.insert("main".to_string());
        self.ids.insert("diff-summary-h".to_string());
        for part in Part::ALL {
            let key = anchor_token(part.key());
            self.ids.insert(format!("diff-{key}"));
            self.ids.insert(format!("diff-{key}-h"));
        }
        let (o, n) = (&self.diff.old, &self.diff.new);
        let lang = self.new.meta.lang.trim();
        let lang =
            if lang.is_empty() || !lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                "en"
            } else {
                lang
            };
        let _ = write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
             style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n\
             <meta name=\"color-scheme\" content=\"light dark\">\n\
             <meta name=\"generator\" content=\"Almanac Studio\">\n<title>Changes: "
        );
        let title = if n.title.trim().is_empty() { "Untitled guide" } else { n.title.trim() };
        self.text(title);
        let _ = write!(
            self.out,
            " {} → {} · Almanac</title>\n<style>",
            escape(&o.version),
            escape(&n.version)
        );
        self.raw(page_css());
        self.raw(REPORT_CSS);
        self.raw(
            "</style>\n</head>\n<body class=\"diff-report\">\n\
             <a class=\"skip-link\" href=\"#main\">Skip to the changes</a>\n\
             <div class=\"diff-page\">\n<header class=\"masthead\">\n\
             <div class=\"site-bar\"><span class=\"site-name\">Almanac</span>\
             <span class=\"kind\">Version comparison</span></div>\n<h1 class=\"title\">",
        );
        self.text(title);
        self.raw("</h1>\n<p class=\"diff-sides\">");
        self.side(o.version.as_str(), o.state.as_str(), "old");
        self.raw(
            "<span class=\"arrow\" aria-hidden=\"true\">→</span><span class=\"vh\"> to </span>",
        );
        self.side(n.version.as_str(), n.state.as_str(), "new");
        let layout = match self.opts.layout {
            Layout::Inline => "inline",
            Layout::SideBySide => "side by side",
        };
        let view = match self.opts.view {
            View::Rendered => "rendered",
            View::Source => "source",
        };
        let _ = write!(self.out, "<span class=\"diff-view\">{layout} · {view} view · <code>");
        self.text(&n.slug);
        self.raw("</code></span></p>\n</header>\n<main id=\"main\">\n");
        self.summary();
        for pd in &self.diff.parts {
            self.part(pd);
        }
        self.raw(
            "</main>\n<footer class=\"diff-footer\"><p>Almanac Studio version comparison. \
             Items are matched by their stable ids; unchanged parts and items are collapsed. \
             Deleted text is struck through, inserted text underlined.</p></footer>\n\
             </div>\n</body>\n</html>\n",
        );
    }

    /// One side in the masthead: "old: v1 live".
    fn side(&mut self, version: &str, state: &str, which: &str) {
        let _ = write!(
            self.out,
            "<span class=\"diff-side-{which}\">{which}: <span class=\"version-label\">{}</span> \
             <span class=\"state state-{}\">{}</span></span>",
            escape(version),
            anchor_token(state).replace('-', "_"),
            escape(&state.replace('_', " "))
        );
    }

    /// One part: collapsed when unchanged; else its field changes, then its items (the deal
    /// table cell by cell), then its unchanged items collapsed.
    fn part(&mut self, pd: &PartDiff) {
        let key = anchor_token(pd.part.key());
        let label = pd.part.label();
        let ps = self.diff.summary.parts.iter().find(|p| p.part == pd.part).cloned().unwrap_or(
            PartSummary {
                part: pd.part,
                added: 0,
                removed: 0,
                changed: 0,
                moved: 0,
                fields_changed: 0,
                text_changed: false,
                coarse: false,
            },
        );
        // Figures whose own fields are unchanged may still be drawn differently.
        let redrawn = if pd.part == Part::Figures && self.opts.view == View::Rendered {
            figures::redrawn(self.old, self.new, pd)
        } else {
            Vec::new()
        };
        if pd.is_empty() {
            let (open, note) = match redrawn.len() {
                0 => ("", String::new()),
                1 => (" open", " · one figure drawn differently".to_string()),
                n => (" open", format!(" · {n} figures drawn differently")),
            };
            let _ = writeln!(
                self.out,
                "<details class=\"diff-part diff-unchanged\" id=\"diff-{key}\"{open}><summary>{} \
                 <span class=\"diff-counts\">unchanged{note}</span></summary>",
                escape(label)
            );
            self.redrawn_figures(&redrawn);
            match self.opts.view {
                View::Rendered => self.unchanged_part_rendered(pd.part),
                View::Source => self.unchanged_part_source(pd.part),
            }
            self.raw("</details>\n");
            return;
        }
        let _ = writeln!(
            self.out,
            "<section class=\"diff-part\" id=\"diff-{key}\" aria-labelledby=\"diff-{key}-h\">\
             <h2 id=\"diff-{key}-h\">{} <span class=\"diff-counts\">{}</span></h2>",
            escape(label),
            escape(&counts(&ps))
        );
        for f in &pd.fields {
            self.field(f);
        }
        // The parts that hold a list (versions included).
        if pd.part.list_path().is_some() {
            let old_items = list_items(self.old, pd.part);
            let new_items = list_items(self.new, pd.part);
            if pd.part == Part::Deals {
                self.deal_table(pd, &old_items, &new_items);
            } else {
                for item in &pd.items {
                    self.item(pd.part, item, &old_items, &new_items);
                }
                self.redrawn_figures(&redrawn);
                self.unchanged_items(pd, &new_items);
            }
        }
        self.raw("</section>\n");
    }

    /// The unchanged items of a changed list, collapsed.
    fn unchanged_items(&mut self, pd: &PartDiff, new_items: &[ItemData]) {
        let changed: std::collections::HashSet<u32> =
            pd.items.iter().filter_map(|i| i.new_index).collect();
        let same: Vec<usize> =
            (0..new_items.len()).filter(|j| !changed.contains(&(*j as u32))).collect();
        if same.is_empty() {
            return;
        }
        let _ = write!(
            self.out,
            "<details class=\"diff-unchanged-items\"><summary>{} unchanged item{}</summary>\
             <ol class=\"diff-plain-items\">",
            same.len(),
            if same.len() == 1 { "" } else { "s" }
        );
        for j in same {
            let it = &new_items[j];
            let prefix = self.markdown_prefix(&[pd.part.key(), &it.id, "same"]);
            let _ = write!(
                self.out,
                "<li><div class=\"diff-item-head\">{}</div>",
                item_name(pd.part, &it.label, Some(j as u32))
            );
            self.item_fields(pd.part, it, &prefix);
            self.raw("</li>");
        }
        self.raw("</ol></details>\n");
    }

    /// All of an item's non-empty fields, in the report's view; `prefix` starts the ids of
    /// its rendered Markdown.
    fn item_fields(&mut self, part: Part, it: &ItemData, prefix: &str) {
        match self.opts.view {
            View::Rendered => self.item_rendered(part, it, prefix),
            View::Source => self.item_source(it),
        }
    }

    /// One changed item: badges, its name and position; then the whole item (added, removed) or
    /// its field changes (changed).
    fn item(
        &mut self,
        part: Part,
        item: &ItemChange,
        old_items: &[ItemData],
        new_items: &[ItemData],
    ) {
        let kind = kind_name(item.kind);
        let id =
            self.unique_id(format!("diff-{}-{}", anchor_token(part.key()), anchor_token(&item.id)));
        let _ = write!(
            self.out,
            "<article class=\"diff-item diff-item-{kind}\" id=\"{id}\">\
             <div class=\"diff-item-head\"><span class=\"diff-badge diff-badge-{kind}\">{kind}</span>"
        );
        if item.moved {
            if let (Some(a), Some(b)) = (item.old_index, item.new_index) {
                let badge = if item.kind == ItemKind::Moved { "position" } else { "moved" };
                let _ = write!(
                    self.out,
                    "<span class=\"diff-badge diff-badge-moved\">{badge} {} → {}</span>",
                    a + 1,
                    b + 1
                );
            }
        }
        let _ = writeln!(
            self.out,
            "{}</div>",
            item_name(part, &item.label, item.new_index.or(item.old_index))
        );
        match item.kind {
            ItemKind::Added | ItemKind::Removed => {
                let data = match (item.kind, item.old_index, item.new_index) {
                    (ItemKind::Added, _, Some(j)) => new_items.get(j as usize),
                    (_, Some(i), _) => old_items.get(i as usize),
                    _ => None,
                };
                if let Some(data) = data {
                    let _ = write!(self.out, "<div class=\"diff-whole diff-whole-{kind}\">");
                    let prefix = self.markdown_prefix(&[part.key(), &item.id, kind]);
                    self.item_fields(part, data, &prefix);
                    self.raw("</div>");
                }
                if part == Part::Figures && self.opts.view == View::Rendered {
                    self.whole_figure(item);
                }
            }
            ItemKind::Changed => {
                for f in &item.fields {
                    self.field(f);
                }
                if part == Part::Figures && self.opts.view == View::Rendered {
                    self.changed_figure(item);
                }
            }
            ItemKind::Moved => {}
        }
        self.raw("</article>\n");
    }

    /// One changed field: its name and path, then the change in the report's layout.
    fn field(&mut self, f: &FieldChange) {
        let coarse = if f.coarse {
            "<span class=\"diff-badge diff-badge-coarse\" title=\"The time budget ran out: \
             shown as a whole replacement\">coarse</span>"
        } else {
            ""
        };
        let _ = writeln!(
            self.out,
            "<div class=\"diff-field\"><div class=\"diff-field-head\">\
             <span class=\"diff-field-name\">{}</span>{coarse}</div>",
            escape(&field_label(&f.path, &f.field))
        );
        match self.opts.layout {
            Layout::Inline => self.field_inline(f),
            Layout::SideBySide => self.field_side_by_side(f),
        }
        self.raw("</div>\n");
    }

    /// One side (or both merged) of a changed field as HTML, in the report's view; a side
    /// where the field is empty says so.
    fn field_side(&mut self, f: &FieldChange, show: Show) -> String {
        let present = match show {
            Show::Old => !f.old_text().is_empty(),
            Show::New => !f.new_text().is_empty(),
            Show::Merged => true,
        };
        if !present {
            return "<p class=\"diff-col-empty\">(empty)</p>".to_string();
        }
        match self.opts.view {
            View::Rendered => {
                let side = match show {
                    Show::Old => "old",
                    Show::New => "new",
                    Show::Merged => "both",
                };
                let prefix = match f.kind {
                    FieldKind::Prose => self.markdown_prefix(&[&f.path, side]),
                    _ => String::new(),
                };
                rendered::field_html(f, show, &prefix)
            }
            View::Source => source::field_html(f, show),
        }
    }
}

/// The name people see for the field `field` at `path` ("Committed capacity"), from the shape.
/// A field inside another (`meta.version.state`) is named after both ("Version · state").
fn field_label(path: &str, field: &str) -> String {
    let Some(part) = Part::of_path(path) else { return field.to_string() };
    if let Some(label) = part.field_label(field) {
        return label.to_string();
    }
    let outer = path_label(path);
    match outer.rsplit_once(" · ") {
        Some((_, last)) if last != field => format!("{last} · {field}"),
        _ => field.to_string(),
    }
}

/// An item's head as people read it: its label, then its noun and position ("deal row 4");
/// never its internal id or field path.
fn item_name(part: Part, label: &str, index: Option<u32>) -> String {
    let noun = part.item_noun().unwrap_or("item");
    let position = index.map_or_else(|| noun.to_string(), |i| format!("{noun} {}", i + 1));
    if label.trim().is_empty() {
        format!("<span class=\"diff-item-label\">{}</span>", escape(&position))
    } else {
        format!(
            "<span class=\"diff-item-label\">{}</span> <span class=\"diff-path\">{}</span>",
            escape(label),
            escape(&position)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(slug: &str, version: &str) -> SideInfo {
        SideInfo {
            slug: slug.into(),
            title: "T".into(),
            version: version.into(),
            state: "draft".into(),
        }
    }

    #[test]
    fn report_file_names_are_safe() {
        let name = |old: SideInfo, new: SideInfo| report_file_name(&old, &new);
        assert_eq!(
            name(side("training-infrastructure", "v1"), side("training-infrastructure", "v2")),
            "training-infrastructure-v1-to-v2.diff.html"
        );
        // A named version against the working draft (whose version is "draft").
        assert_eq!(
            name(side("my-guide", "V 2/../x"), side("my-guide", "draft")),
            "my-guide-v-2----x-to-draft.diff.html"
        );
        // The slug is the new side's; nothing left of a name gives "guide".
        assert_eq!(name(side("old", "v1"), side("", "--")), "guide-v1-to-guide.diff.html");
        assert_eq!(
            name(side("a", "Ünï v3"), side("Über Guide", "v4")),
            "ber-guide-n--v3-to-v4.diff.html"
        );
        for n in [
            name(side("a", "../../etc"), side("x/y\\z", "v 1")),
            name(side("a", "<b>"), side("\"q\"", "v'2")),
        ] {
            assert!(n.ends_with(".diff.html"));
            let stem = n.trim_end_matches(".diff.html");
            assert!(stem.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
        }
    }
}
