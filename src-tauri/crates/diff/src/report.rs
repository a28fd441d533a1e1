//! The HTML report: a standalone page (inline CSS, no script, no external request) drawn from
//! a `GuideDiff` and the two guides, in inline or side-by-side layout, rendered or source view.
//!
//! Safety: guide text reaches the report only escaped (`esc`) or through the project renderer
//! (`almanac_render`), which sanitises. Diff marks are the fixed tags `<ins>`/`<del>`, added
//! to escaped source text, or to rendered HTML through `mark` (which verifies that the marks
//! change nothing else and otherwise marks whole blocks).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write;

use almanac_guide::Guide;
use almanac_render::{page_css, render_inline, render_markdown, render_part, PageOptions};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::compute::{merged_order, Field, Item};
use crate::mark::{prose_source, render_marked, source, Show};
use crate::model::{
    FieldChange, FieldKind, GuideDiff, ItemChange, ItemKind, ParagraphDiff, ParagraphOp, Part,
    PartDiff, PartSummary, Segment, SegmentOp,
};
use crate::terminal::counts;

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
    let mut r = Report { out: String::with_capacity(64 * 1024), old, new, diff, opts: *opts };
    r.document();
    r.out
}

/// Escapes text for element content and double-quoted attributes.
fn esc(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// An id-safe token: ASCII letters and digits, everything else a hyphen.
fn token(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect()
}

/// Escaped source text of segments with `<ins>`/`<del>` marks.
fn source_html(segments: &[Segment], show: Show) -> String {
    let mut out = String::new();
    for s in segments {
        match s.op {
            SegmentOp::Equal => out.push_str(&esc(&s.text)),
            SegmentOp::Delete if show != Show::New => {
                let _ = write!(out, "<del>{}</del>", esc(&s.text));
            }
            SegmentOp::Insert if show != Show::Old => {
                let _ = write!(out, "<ins>{}</ins>", esc(&s.text));
            }
            _ => {}
        }
    }
    out
}

/// A list item as the report sees it: the fields the diff compares, and its JSON.
struct ItemData {
    id: String,
    label: String,
    fields: Vec<(&'static str, FieldKind, Option<String>)>,
    json: String,
}

impl Item for ItemData {
    fn id(&self) -> &str {
        &self.id
    }
    fn fields(&self) -> Vec<Field<'_>> {
        self.fields
            .iter()
            .map(|(name, kind, value)| Field {
                name,
                kind: *kind,
                value: value.as_deref().map(Cow::Borrowed),
            })
            .collect()
    }
    fn label(&self) -> String {
        self.label.clone()
    }
}

fn item_data<T: Item + Serialize>(items: &[T]) -> Vec<ItemData> {
    items
        .iter()
        .map(|it| ItemData {
            id: it.id().to_string(),
            label: it.label(),
            fields: it
                .fields()
                .into_iter()
                .map(|f| (f.name, f.kind, f.value.map(Cow::into_owned)))
                .collect(),
            json: serde_json::to_string_pretty(it).expect("guide items serialise"),
        })
        .collect()
}

fn list_of(g: &Guide, part: Part) -> Vec<ItemData> {
    match part {
        Part::Meta | Part::Tldr => vec![],
        Part::Takeaways => item_data(&g.takeaways),
        Part::Sections => item_data(&g.sections),
        Part::Figures => item_data(&g.figures),
        Part::Deals => item_data(&g.deals.rows),
        Part::Timeline => item_data(&g.timeline),
        Part::RelatedTopics => item_data(&g.related_topics),
        Part::Faq => item_data(&g.faq),
        Part::Versions => item_data(&g.versions),
        Part::RelatedGuides => item_data(&g.related_guides),
        Part::Sources => item_data(&g.sources),
    }
}

fn render_part_of(part: Part) -> almanac_render::Part {
    use almanac_render::Part as R;
    match part {
        Part::Meta => R::Header,
        Part::Tldr => R::Tldr,
        Part::Takeaways => R::Takeaways,
        Part::Sections => R::Sections,
        Part::Figures => R::Figures,
        Part::Deals => R::Deals,
        Part::Timeline => R::Timeline,
        Part::RelatedTopics => R::RelatedTopics,
        Part::Faq => R::Faq,
        Part::Versions => R::Versions,
        Part::RelatedGuides => R::RelatedGuides,
        Part::Sources => R::Sources,
    }
}

struct Report<'a> {
    out: String,
    old: &'a Guide,
    new: &'a Guide,
    diff: &'a GuideDiff,
    opts: ReportOptions,
}

impl Report<'_> {
    fn s(&mut self, s: &str) {
        self.out.push_str(s);
    }
    fn t(&mut self, s: &str) {
        let e = esc(s);
        self.out.push_str(&e);
    }

    fn document(&mut self) {
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
        self.t(title);
        let _ = write!(
            self.out,
            " {} → {} · Almanac</title>\n<style>",
            esc(&o.version),
            esc(&n.version)
        );
        self.s(page_css());
        self.s(REPORT_CSS);
        self.s("</style>\n</head>\n<body class=\"diff-report\">\n\
                <a class=\"skip-link\" href=\"#main\">Skip to the changes</a>\n\
                <div class=\"diff-page\">\n<header class=\"masthead\">\n\
                <div class=\"site-bar\"><span class=\"site-name\">Almanac</span>\
                <span class=\"kind\">Version comparison</span></div>\n<h1 class=\"title\">");
        self.t(title);
        self.s("</h1>\n<p class=\"diff-sides\">");
        self.side(o.version.as_str(), o.state.as_str(), "old");
        self.s("<span class=\"arrow\" aria-label=\"to\">→</span>");
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
        self.t(&n.slug);
        self.s("</code></span></p>\n</header>\n<main id=\"main\">\n");
        self.summary();
        for pd in &self.diff.parts {
            self.part(pd);
        }
        self.s("</main>\n<footer class=\"diff-footer\"><p>Almanac Studio version comparison. \
                Items are matched by their stable ids; unchanged parts and items are collapsed. \
                Deleted text is struck through, inserted text underlined.</p></footer>\n\
                </div>\n</body>\n</html>\n");
    }

    fn side(&mut self, version: &str, state: &str, which: &str) {
        let _ = write!(
            self.out,
            "<span class=\"diff-side-{which}\">{which}: <span class=\"version-label\">{}</span> \
             <span class=\"state state-{}\">{}</span></span>",
            esc(version),
            token(state).replace('-', "_"),
            esc(&state.replace('_', " "))
        );
    }

    fn summary(&mut self) {
        let s = &self.diff.summary;
        self.s("<section class=\"diff-summary\" aria-labelledby=\"diff-summary-h\">\n\
                <h2 id=\"diff-summary-h\" class=\"part-title\">Summary</h2>\n<p class=\"diff-total\">");
        if self.diff.is_empty() {
            self.s("No changes: the two versions are the same in every part.");
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
        self.s("</p>\n");
        if s.coarse {
            self.s("<p class=\"diff-coarse\" role=\"note\"><strong>Coarse:</strong> the time \
                    budget ran out, so some changes (marked “coarse”) are shown as whole \
                    paragraphs or fields replaced rather than word by word.</p>\n");
        }
        self.s("<table class=\"diff-summary-table\"><thead><tr><th scope=\"col\">Part</th>\
                <th scope=\"col\">Added</th><th scope=\"col\">Removed</th>\
                <th scope=\"col\">Changed</th><th scope=\"col\">Moved</th>\
                <th scope=\"col\">Fields</th><th scope=\"col\">Text</th></tr></thead><tbody>\n");
        for p in &s.parts {
            let cls = if p.is_empty() { "same" } else { "changed" };
            let _ = write!(
                self.out,
                "<tr class=\"{cls}\"><th scope=\"row\"><a href=\"#diff-{}\">{}</a></th>",
                token(p.part.key()),
                esc(p.part.label())
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
        self.s("</tbody></table>\n<p class=\"diff-legend\"><span>Legend:</span> \
                <del>deleted text</del> <ins>inserted text</ins> \
                <span class=\"diff-badge diff-badge-moved\">moved</span> = order changed, \
                content the same</p>\n</section>\n");
    }

    fn part(&mut self, pd: &PartDiff) {
        let key = token(pd.part.key());
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
        if pd.is_empty() {
            let _ = writeln!(
                self.out,
                "<details class=\"diff-part diff-unchanged\" id=\"diff-{key}\"><summary>{} \
                 <span class=\"diff-counts\">unchanged</span></summary>",
                esc(label)
            );
            self.unchanged_part(pd.part);
            self.s("</details>\n");
            return;
        }
        let _ = writeln!(
            self.out,
            "<section class=\"diff-part\" id=\"diff-{key}\" aria-labelledby=\"diff-{key}-h\">\
             <h2 id=\"diff-{key}-h\">{} <span class=\"diff-counts\">{}</span></h2>",
            esc(label),
            esc(&counts(&ps))
        );
        for f in &pd.fields {
            self.field(f);
        }
        if pd.part.is_list() {
            let old_items = list_of(self.old, pd.part);
            let new_items = list_of(self.new, pd.part);
            if pd.part == Part::Deals {
                self.deal_table(pd, &old_items, &new_items);
            } else {
                for item in &pd.items {
                    self.item(pd.part, item, &old_items, &new_items);
                }
                self.unchanged_items(pd, &new_items);
            }
        }
        self.s("</section>\n");
    }

    /// An unchanged part, collapsed: as the page renders it, or its `guide.json` source.
    fn unchanged_part(&mut self, part: Part) {
        match self.opts.view {
            View::Rendered => {
                let html = render_part(self.new, &PageOptions::published(), render_part_of(part));
                if html.trim().is_empty() {
                    self.s("<p class=\"diff-empty\">Empty in both versions.</p>\n");
                } else {
                    self.s(&html);
                }
            }
            View::Source => {
                let value = serde_json::to_value(self.new).expect("a guide serialises");
                let json = serde_json::to_string_pretty(&value[part.key()])
                    .expect("a JSON value serialises");
                let _ = writeln!(self.out, "<pre class=\"diff-src\">{}</pre>", esc(&json));
            }
        }
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
            let _ = write!(
                self.out,
                "<li><div class=\"diff-item-head\"><span class=\"diff-item-label\">{}</span> \
                 <code class=\"diff-path\">{}[{j}]</code> <code class=\"diff-id\">{}</code></div>",
                esc(&it.label),
                pd.part.key(),
                esc(&it.id)
            );
            self.item_fields(it);
            self.s("</li>");
        }
        self.s("</ol></details>\n");
    }

    /// All of an item's non-empty fields: a definition list (rendered) or its JSON (source).
    fn item_fields(&mut self, it: &ItemData) {
        if self.opts.view == View::Source {
            let _ = write!(self.out, "<pre class=\"diff-src\">{}</pre>", esc(&it.json));
            return;
        }
        self.s("<dl class=\"diff-fields\">");
        for (name, kind, value) in &it.fields {
            let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) else { continue };
            let _ = write!(self.out, "<dt>{name}</dt><dd>");
            match kind {
                FieldKind::Prose => {
                    self.s("<div class=\"prose\">");
                    self.s(&render_markdown(v));
                    self.s("</div>");
                }
                FieldKind::InlineMarkdown => self.s(&render_inline(v)),
                FieldKind::Text | FieldKind::Value => self.t(v),
            }
            self.s("</dd>");
        }
        self.s("</dl>");
    }

    fn item(
        &mut self,
        part: Part,
        item: &ItemChange,
        old_items: &[ItemData],
        new_items: &[ItemData],
    ) {
        let kind = kind_name(item.kind);
        let _ = write!(
            self.out,
            "<article class=\"diff-item diff-item-{kind}\" id=\"diff-{}-{}\">\
             <div class=\"diff-item-head\"><span class=\"diff-badge diff-badge-{kind}\">{kind}</span>",
            token(part.key()),
            token(&item.id)
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
            "<span class=\"diff-item-label\">{}</span> <code class=\"diff-path\">{}</code> \
             <code class=\"diff-id\">{}</code></div>",
            esc(&item.label),
            esc(&item.path),
            esc(&item.id)
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
                    self.item_fields(data);
                    self.s("</div>");
                }
            }
            ItemKind::Changed => {
                for f in &item.fields {
                    self.field(f);
                }
            }
            ItemKind::Moved => {}
        }
        self.s("</article>\n");
    }

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
             <span class=\"diff-field-name\">{}</span><code class=\"diff-path\">{}</code>{coarse}</div>",
            esc(&f.field),
            esc(&f.path)
        );
        match self.opts.layout {
            Layout::Inline => {
                let body = self.field_side(f, Show::Merged);
                self.s(&body);
            }
            Layout::SideBySide => {
                let (o, n) = (self.field_side(f, Show::Old), self.field_side(f, Show::New));
                self.sbs(&o, &n);
            }
        }
        self.s("</div>\n");
    }

    fn sbs(&mut self, old: &str, new: &str) {
        let (ov, nv) =
            (esc(&self.diff.old.version).into_owned(), esc(&self.diff.new.version).into_owned());
        let _ = writeln!(
            self.out,
            "<div class=\"diff-sbs\"><div class=\"diff-col diff-col-old\">\
             <div class=\"diff-col-label\">{ov}</div>{old}</div>\
             <div class=\"diff-col diff-col-new\"><div class=\"diff-col-label\">{nv}</div>{new}</div></div>"
        );
    }

    /// One side (or the merged view) of a changed field, as HTML.
    fn field_side(&self, f: &FieldChange, show: Show) -> String {
        let absent = |present: bool| {
            if present {
                None
            } else {
                Some("<p class=\"diff-col-empty\">(empty)</p>".to_string())
            }
        };
        match show {
            Show::Old => {
                if let Some(e) = absent(!f.old_text().is_empty()) {
                    return e;
                }
            }
            Show::New => {
                if let Some(e) = absent(!f.new_text().is_empty()) {
                    return e;
                }
            }
            Show::Merged => {}
        }
        match (f.kind, self.opts.view) {
            (FieldKind::Value, _) => {
                let (o, n) = (f.old_text(), f.new_text());
                let empty = "<span class=\"diff-unknown\">(empty)</span>";
                let del =
                    if o.is_empty() { empty.to_string() } else { format!("<del>{}</del>", esc(o)) };
                let ins =
                    if n.is_empty() { empty.to_string() } else { format!("<ins>{}</ins>", esc(n)) };
                match show {
                    Show::Old => format!("<p class=\"diff-value\">{del}</p>"),
                    Show::New => format!("<p class=\"diff-value\">{ins}</p>"),
                    Show::Merged => format!(
                        "<p class=\"diff-value\">{del} <span aria-label=\"changed to\">→</span> {ins}</p>"
                    ),
                }
            }
            (FieldKind::Prose, View::Source) => self.prose_source_html(&f.paragraphs, show),
            (_, View::Source) => {
                format!("<p class=\"diff-src\">{}</p>", source_html(&f.segments, show))
            }
            (FieldKind::Text, View::Rendered) => {
                format!("<p class=\"diff-text\">{}</p>", source_html(&f.segments, show))
            }
            (FieldKind::InlineMarkdown, View::Rendered) => {
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
            (FieldKind::Prose, View::Rendered) => {
                let marked = render_marked(
                    &render_markdown,
                    &prose_source(&f.paragraphs, show, true),
                    &prose_source(&f.paragraphs, show, false),
                );
                match marked {
                    Some(html) => format!("<div class=\"prose diff-prose\">{html}</div>"),
                    None => block_fallback(show, |s| {
                        render_markdown(&prose_source(&f.paragraphs, s, false))
                    }),
                }
            }
        }
    }

    /// Prose as typed: changed paragraphs with word marks, unchanged runs collapsed.
    fn prose_source_html(&self, paragraphs: &[ParagraphDiff], show: Show) -> String {
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
                        write!(out, "<p class=\"diff-src\">{}</p>", source_html(&p.segments, show));
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
                let _ = write!(out, "<p class=\"diff-src\">{}</p>", source_html(&p.segments, show));
            } else {
                out.push_str("<p class=\"diff-col-empty\">(no paragraph here)</p>");
            }
            i += 1;
        }
        out
    }

    /// The deal table cell by cell: every row of both versions in review order.
    fn deal_table(&mut self, pd: &PartDiff, old_rows: &[ItemData], new_rows: &[ItemData]) {
        let changes: HashMap<(Option<u32>, Option<u32>), &ItemChange> =
            pd.items.iter().map(|i| ((i.old_index, i.new_index), i)).collect();
        self.s("<div class=\"table-scroll\"><table class=\"deal-table diff-deal-table\">\
                <thead><tr><th scope=\"col\">Row</th><th scope=\"col\">Lab</th>\
                <th scope=\"col\">Partner</th><th scope=\"col\">Committed capacity</th>\
                <th scope=\"col\">Timeline</th><th scope=\"col\">Notable terms</th></tr></thead><tbody>\n");
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
            let _ = write!(
                self.out,
                "<tr class=\"diff-row-{cls}\" id=\"diff-deals-{}\"><td class=\"diff-row-status\">",
                token(&data.id)
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
            let _ = write!(self.out, "<code>{}</code></td>", esc(&path));
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
            self.s("</tr>\n");
        }
        self.s("</tbody></table></div>\n");
    }

    fn unknown(&self) -> &'static str {
        match self.opts.view {
            View::Rendered => {
                "<abbr class=\"unknown\" title=\"unknown\" aria-label=\"unknown\">—</abbr>"
            }
            View::Source => "<span class=\"diff-unknown\">(unknown)</span>",
        }
    }

    fn cell_value(&mut self, value: Option<&str>, mark: Option<&str>) {
        match value.filter(|v| !v.trim().is_empty()) {
            Some(v) => match mark {
                Some(m) => {
                    let _ = write!(self.out, "<{m}>{}</{m}>", esc(v));
                }
                None => self.t(v),
            },
            None => {
                let u = self.unknown();
                self.s(u);
            }
        }
    }

    fn cell_change(&mut self, fc: &FieldChange) {
        let unknown = self.unknown();
        let side = |present: bool, show: Show| {
            if present {
                source_html(&fc.segments, show)
            } else {
                unknown.to_string()
            }
        };
        let (has_old, has_new) = (!fc.old_text().is_empty(), !fc.new_text().is_empty());
        match self.opts.layout {
            Layout::Inline => {
                if !has_old {
                    let _ = write!(self.out, "<del>{unknown}</del> ");
                }
                self.s(&source_html(&fc.segments, Show::Merged));
                if !has_new {
                    let _ = write!(self.out, " <ins>{unknown}</ins>");
                }
            }
            Layout::SideBySide => {
                let (o, n) = (side(has_old, Show::Old), side(has_new, Show::New));
                let _ = write!(
                    self.out,
                    "<span class=\"diff-cell-old\">{o}</span><span class=\"diff-cell-new\">{n}</span>"
                );
            }
        }
    }
}

fn kind_name(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Added => "added",
        ItemKind::Removed => "removed",
        ItemKind::Changed => "changed",
        ItemKind::Moved => "moved",
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
