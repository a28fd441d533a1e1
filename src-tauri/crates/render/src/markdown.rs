//! The one wrapper around pulldown-cmark. Everything Markdown in Almanac goes through here.
//!
//! Safety is decided at the event level, never by cleaning HTML afterwards:
//! - `Html` / `InlineHtml` events become `Text`, so raw HTML is shown as typed, escaped;
//!   an HTML block becomes a paragraph of that text.
//! - Links are written by this module, with destinations passed through
//!   [`safe_url`](crate::safe_url) (`http`, `https`, `mailto`, relative); a refused link keeps
//!   its text and loses the anchor. Non-ASCII characters in a destination are percent-encoded.
//! - Images are never loaded (a page makes no external request): an image becomes its alt
//!   text in `<span class="md-image">`.
//! - Tables are written by this module too (header cells get `scope="col"`, an empty header
//!   cell a visually hidden "(empty)", alignment is a class, not a style attribute);
//!   code-block languages and footnote labels are reduced to id-safe tokens.
//! - Footnotes are written by this module: a reference shows its note's number in order of
//!   first use ("[1]") and links to the note; the notes follow the text in one `<ol
//!   class="footnotes">`, in number order, each with a back-link ("↩") to every reference
//!   to it.
//! - Only pulldown-cmark's own HTML writer emits markup for everything else, and it escapes
//!   all text and attribute values.
//!
//! Paragraphs, list items, headings and table cells carry `dir="auto"`, so text in a
//! right-to-left script reads right to left whatever the page's language.
//!
//! Smart punctuation (block and inline) is pulldown-cmark's: straight quotes become curly
//! quotes, `--` and `---` en and em dashes, `...` an ellipsis. Nothing else is replaced:
//! `(c)`, `(r)`, `(tm)` and `+-` stay as typed.

use crate::escape::{id_token, push_escaped_attr, push_href, safe_url, UrlPolicy};
use pulldown_cmark::{
    html, Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag,
    TagEnd,
};
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

/// How block Markdown is rendered (see [`render_markdown_with`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MarkdownOptions<'a> {
    /// 0 keeps heading levels as written. Otherwise headings are renumbered as an outline
    /// under an `h<offset>`: a heading nests one level below the nearest earlier heading
    /// written with a smaller level (top-level ones become `h<offset+1>`), so levels never
    /// skip (capped at `h6`). The page renders section bodies with 2, so `# A` / `### B` in a body
    /// become `h3` / `h4` under the section's `h2`, and a page never has a second `h1`.
    pub heading_offset: u8,
    /// Prefix for footnote ids, so several Markdown bodies on one page cannot collide.
    /// Reduced to id-safe characters.
    pub id_prefix: &'a str,
}

const BLOCK_OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_SMART_PUNCTUATION);

const INLINE_OPTIONS: Options =
    Options::ENABLE_STRIKETHROUGH.union(Options::ENABLE_SMART_PUNCTUATION);

/// Sanitised block Markdown → HTML (tables, footnotes, strikethrough, smart punctuation).
pub fn render_markdown(md: &str) -> String {
    render_markdown_with(md, &MarkdownOptions::default())
}

/// [`render_markdown`] with heading offset and footnote id prefix.
pub fn render_markdown_with(md: &str, opts: &MarkdownOptions<'_>) -> String {
    let mut out = String::with_capacity(md.len() + md.len() / 4 + 16);
    push_markdown(&mut out, md, opts);
    out
}

/// Appends the rendering of `md` to `out`.
pub(crate) fn push_markdown(out: &mut String, md: &str, opts: &MarkdownOptions<'_>) {
    let prefix = if opts.id_prefix.is_empty() { String::new() } else { id_token(opts.id_prefix) };
    let parsed: Vec<Event<'_>> = Parser::new_ext(md, BLOCK_OPTIONS).collect();
    let mut f = BlockFilter {
        heading_offset: opts.heading_offset as usize,
        outline: Vec::new(),
        open_heading: HeadingLevel::H1,
        notes: Notes::new(prefix, &parsed),
        links: Vec::new(),
        aligns: Vec::new(),
        in_head: false,
        col: 0,
        cell_empty: false,
    };
    let mut events: Vec<Event<'_>> = Vec::with_capacity(parsed.len() + 8);
    // The footnote definitions being read (innermost last): which note, and its events so far.
    let mut open_notes: Vec<(usize, Vec<Event<'_>>)> = Vec::new();
    for ev in parsed {
        match ev {
            Event::Start(Tag::FootnoteDefinition(_)) => {
                open_notes.push((f.notes.next_definition(), Vec::new()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((note, body)) = open_notes.pop() {
                    f.notes.defs[note].body = body;
                }
            }
            ev => {
                if let Some(mapped) = f.map(ev) {
                    match open_notes.last_mut() {
                        Some((_, body)) => body.push(mapped),
                        None => events.push(mapped),
                    }
                }
            }
        }
    }
    f.notes.push_list(&mut events);
    let mut html = String::with_capacity(md.len() + md.len() / 4 + 16);
    html::push_html(&mut html, events.into_iter());
    push_with_dir(out, &html);
}

/// Appends `html`, giving every bare `<p>` and `<li>` `dir="auto"`. (Every `<` in the
/// renderer's output starts a tag: text is escaped.)
fn push_with_dir(out: &mut String, html: &str) {
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if let Some(after) = rest.strip_prefix("<p>") {
            out.push_str("<p dir=\"auto\">");
            rest = after;
        } else if let Some(after) = rest.strip_prefix("<li>") {
            out.push_str("<li dir=\"auto\">");
            rest = after;
        } else {
            out.push('<');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
}

/// One footnote definition.
struct Note<'a> {
    /// The label, reduced to an id token.
    token: String,
    /// Its number, from 1.
    number: usize,
    /// Its id.
    id: String,
    /// The ids of the references to it, in order.
    refs: Vec<String>,
    /// Its content's events, already filtered.
    body: Vec<Event<'a>>,
}

/// The footnotes of one Markdown body. Numbered in order of first reference (notes never
/// referenced follow, in the order written); ids are `<prefix>fn-<label>` for a note and
/// `<prefix>fnref-<label>` for a reference to it, made unique within the body by `-2`, `-3`…
/// (a note referenced twice, labels that reduce to the same token).
struct Notes<'a> {
    prefix: String,
    /// Label, compared as pulldown-cmark does (case-insensitively) → its first definition.
    by_label: HashMap<String, usize>,
    /// The definitions, in the order written.
    defs: Vec<Note<'a>>,
    /// `defs` indices in number order.
    order: Vec<usize>,
    /// The next definition the main pass meets.
    next_def: usize,
    ids: BTreeSet<String>,
}

impl<'a> Notes<'a> {
    fn new(prefix: String, events: &[Event<'_>]) -> Notes<'a> {
        let mut notes = Notes {
            prefix,
            by_label: HashMap::new(),
            defs: Vec::new(),
            order: Vec::new(),
            next_def: 0,
            ids: BTreeSet::new(),
        };
        for ev in events {
            if let Event::Start(Tag::FootnoteDefinition(label)) = ev {
                let key = label.to_lowercase();
                notes.by_label.entry(key.clone()).or_insert(notes.defs.len());
                notes.defs.push(Note {
                    token: id_token(&key),
                    number: 0,
                    id: String::new(),
                    refs: Vec::new(),
                    body: Vec::new(),
                });
            }
        }
        if notes.defs.is_empty() {
            return notes;
        }
        let referenced = events.iter().filter_map(|ev| match ev {
            Event::FootnoteReference(label) => notes.by_label.get(&label.to_lowercase()).copied(),
            _ => None,
        });
        let mut order: Vec<usize> = Vec::with_capacity(notes.defs.len());
        for i in referenced.chain(0..notes.defs.len()) {
            if notes.defs[i].number == 0 {
                order.push(i);
                notes.defs[i].number = order.len();
            }
        }
        for &i in &order {
            let token = notes.defs[i].token.clone();
            notes.defs[i].id = notes.unique_id("fn", &token);
        }
        notes.order = order;
        notes
    }

    /// A unique id `<prefix><kind>-<token>` (`-2`, `-3`… when taken).
    fn unique_id(&mut self, kind: &str, token: &str) -> String {
        let base = format!("{}{kind}-{token}", self.prefix);
        let mut id = base.clone();
        let mut n = 2;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    /// The note of the next definition, in the order written.
    fn next_definition(&mut self) -> usize {
        self.next_def += 1;
        self.next_def - 1
    }

    /// A reference to the note `label`: its number, linked to the note, with an id the
    /// note's back-link points to. (pulldown-cmark only reports references to defined
    /// notes; anything else is shown as typed.)
    fn reference(&mut self, label: &str) -> Event<'a> {
        let Some(&i) = self.by_label.get(&label.to_lowercase()) else {
            return Event::Text(CowStr::from(format!("[^{label}]")));
        };
        let token = self.defs[i].token.clone();
        let ref_id = self.unique_id("fnref", &token);
        let note = &mut self.defs[i];
        let html = format!(
            "<sup class=\"footnote-reference\"><a href=\"#{}\" id=\"{ref_id}\">[{}]</a></sup>",
            note.id, note.number
        );
        note.refs.push(ref_id);
        Event::InlineHtml(CowStr::from(html))
    }

    /// The notes, in number order, as `<ol class="footnotes">`: each note's content and its
    /// back-links ("↩", then "↩²"… for a note referenced more than once), inside its last
    /// paragraph. A note of one paragraph is written without the `<p>`.
    fn push_list(&mut self, events: &mut Vec<Event<'a>>) {
        if self.order.is_empty() {
            return;
        }
        events.push(Event::Html("<ol class=\"footnotes\">\n".into()));
        for &i in &self.order {
            let note = &mut self.defs[i];
            let mut body = std::mem::take(&mut note.body);
            let mut back = String::new();
            let total = note.refs.len();
            for (k, r) in note.refs.iter().enumerate() {
                let _ = write!(back, " <a class=\"footnote-backref\" href=\"#{r}\" aria-label=\"Back to reference {}", note.number);
                if total > 1 {
                    let _ = write!(back, " ({} of {total})", k + 1);
                }
                back.push_str("\">↩");
                if k > 0 {
                    let _ = write!(back, "<sup>{}</sup>", k + 1);
                }
                back.push_str("</a>");
            }
            events.push(Event::Html(CowStr::from(format!("<li id=\"{}\" dir=\"auto\">", note.id))));
            let paragraphs =
                body.iter().filter(|e| matches!(e, Event::Start(Tag::Paragraph))).count();
            let ends_in_paragraph = matches!(body.last(), Some(Event::End(TagEnd::Paragraph)));
            let single = paragraphs == 1
                && ends_in_paragraph
                && matches!(body.first(), Some(Event::Start(Tag::Paragraph)));
            if single {
                body.pop();
                events.extend(body.drain(1..));
            } else if ends_in_paragraph {
                let end = body.pop();
                events.append(&mut body);
                events.push(Event::InlineHtml(CowStr::from(back)));
                events.extend(end);
                events.push(Event::Html("</li>\n".into()));
                continue;
            } else {
                events.append(&mut body);
            }
            events.push(Event::InlineHtml(CowStr::from(back)));
            events.push(Event::Html("</li>\n".into()));
        }
        events.push(Event::Html("</ol>\n".into()));
    }
}

struct BlockFilter<'a> {
    heading_offset: usize,
    /// Open headings: (level as written, level written at).
    outline: Vec<(usize, usize)>,
    /// Level the currently open heading was written at (for its end tag).
    open_heading: HeadingLevel,
    notes: Notes<'a>,
    /// For each open link: was its anchor written?
    links: Vec<bool>,
    aligns: Vec<Alignment>,
    in_head: bool,
    col: usize,
    /// Nothing has been written in the open table cell yet.
    cell_empty: bool,
}

impl<'a> BlockFilter<'a> {
    fn shift(&mut self, level: HeadingLevel) -> HeadingLevel {
        if self.heading_offset == 0 {
            return level;
        }
        // An outline stack of (level as written, level written at): a heading nests one
        // below the nearest earlier heading written with a smaller level.
        let level = level as usize;
        while self.outline.last().is_some_and(|&(written, _)| written >= level) {
            self.outline.pop();
        }
        let out = self.outline.last().map_or(self.heading_offset + 1, |&(_, o)| o + 1).min(6);
        self.outline.push((level, out));
        HeadingLevel::try_from(out).unwrap_or(HeadingLevel::H6)
    }

    fn map(&mut self, ev: Event<'a>) -> Option<Event<'a>> {
        let in_cell_before = self.cell_empty;
        self.cell_empty = false;
        Some(match ev {
            Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
            Event::Start(tag) => match tag {
                Tag::HtmlBlock => Event::Start(Tag::Paragraph),
                Tag::Heading { level, .. } => {
                    self.open_heading = self.shift(level);
                    Event::Start(Tag::Heading {
                        level: self.open_heading,
                        id: None,
                        classes: Vec::new(),
                        attrs: vec![(CowStr::Borrowed("dir"), Some(CowStr::Borrowed("auto")))],
                    })
                }
                Tag::CodeBlock(kind) => Event::Start(Tag::CodeBlock(code_kind(kind))),
                Tag::Link { link_type, dest_url, title, .. } => {
                    let html = link_open(link_type, &dest_url, &title);
                    self.links.push(html.is_some());
                    return html.map(|h| Event::InlineHtml(h.into()));
                }
                Tag::Image { .. } => Event::InlineHtml("<span class=\"md-image\">".into()),
                Tag::Table(aligns) => {
                    self.aligns = aligns;
                    // Focusable, so a table wider than the column can be scrolled by keyboard.
                    Event::Html(
                        "<div class=\"table-scroll\" tabindex=\"0\" role=\"group\" aria-label=\"Table\"><table>"
                            .into(),
                    )
                }
                Tag::TableHead => {
                    self.in_head = true;
                    self.col = 0;
                    Event::Html("<thead><tr>".into())
                }
                Tag::TableRow => {
                    self.col = 0;
                    Event::Html("<tr>".into())
                }
                Tag::TableCell => {
                    let class = match self.aligns.get(self.col) {
                        Some(Alignment::Left) => " class=\"al-left\"",
                        Some(Alignment::Center) => " class=\"al-center\"",
                        Some(Alignment::Right) => " class=\"al-right\"",
                        _ => "",
                    };
                    self.cell_empty = true;
                    let open = if self.in_head {
                        format!("<th scope=\"col\"{class} dir=\"auto\">")
                    } else {
                        format!("<td{class} dir=\"auto\">")
                    };
                    Event::Html(open.into())
                }
                other => Event::Start(other),
            },
            Event::End(end) => match end {
                TagEnd::HtmlBlock => Event::End(TagEnd::Paragraph),
                TagEnd::Heading(_) => Event::End(TagEnd::Heading(self.open_heading)),
                TagEnd::Link => {
                    return self
                        .links
                        .pop()
                        .unwrap_or(false)
                        .then(|| Event::InlineHtml("</a>".into()))
                }
                TagEnd::Image => Event::InlineHtml("</span>".into()),
                TagEnd::TableHead => {
                    self.in_head = false;
                    Event::Html("</tr></thead><tbody>\n".into())
                }
                TagEnd::TableRow => Event::Html("</tr>\n".into()),
                TagEnd::TableCell => {
                    self.col += 1;
                    Event::Html(match (self.in_head, in_cell_before) {
                        // An empty header cell still names its column for a screen reader.
                        (true, true) => "<span class=\"vh\">(empty)</span></th>".into(),
                        (true, false) => "</th>".into(),
                        (false, _) => "</td>".into(),
                    })
                }
                TagEnd::Table => Event::Html("</tbody></table></div>\n".into()),
                other => Event::End(other),
            },
            Event::FootnoteReference(label) => self.notes.reference(&label),
            other => other,
        })
    }
}

/// A code block's language, reduced to a token (`language-…` class) or dropped.
fn code_kind(kind: CodeBlockKind<'_>) -> CodeBlockKind<'_> {
    match kind {
        CodeBlockKind::Fenced(info) => {
            let lang: String = info
                .split_whitespace()
                .next()
                .unwrap_or("")
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '.' | '#'))
                .take(32)
                .collect();
            if lang.is_empty() {
                CodeBlockKind::Indented
            } else {
                CodeBlockKind::Fenced(CowStr::from(lang))
            }
        }
        indented => indented,
    }
}

/// The opening `<a …>` for a Markdown link, or `None` when its destination is refused.
fn link_open(link_type: LinkType, dest: &str, title: &str) -> Option<String> {
    let url = if link_type == LinkType::Email {
        safe_url(&format!("mailto:{dest}"), UrlPolicy::MarkdownLink)?
    } else {
        safe_url(dest, UrlPolicy::MarkdownLink)?
    };
    let mut a = String::with_capacity(url.len() + title.len() + 48);
    a.push_str("<a href=\"");
    push_href(&mut a, &url);
    a.push('"');
    if !title.is_empty() {
        a.push_str(" title=\"");
        push_escaped_attr(&mut a, title);
        a.push('"');
    }
    let lower = url.get(..5).map(|s| s.to_ascii_lowercase());
    if matches!(lower.as_deref(), Some("http:" | "https")) {
        a.push_str(" rel=\"noopener noreferrer\"");
    }
    a.push('>');
    Some(a)
}

/// Sanitised inline Markdown → HTML, without a `<p>` (emphasis, code, links, strikethrough,
/// smart punctuation). Block syntax typed into an inline field is shown as the text that was
/// typed: "1. First" stays "1. First", not a list; paragraphs are joined by a space.
pub fn render_inline(md: &str) -> String {
    let mut out = String::with_capacity(md.len() + md.len() / 4 + 8);
    push_inline(&mut out, md);
    out
}

/// The events of `md` read as an inline field, the way the page shows one: a block's marker
/// ("1.", "#", ">") typed into it is text, blocks are joined by one space, and a thematic break
/// is its own text. Smart punctuation as on the page when `smart` is set. Every event left is an
/// inline event (text, emphasis, code, links, images, breaks, raw HTML for the caller to
/// refuse). `guide.md` writes inline fields from the same events.
pub fn inline_events(md: &str, smart: bool) -> Vec<Event<'_>> {
    let options = if smart {
        INLINE_OPTIONS
    } else {
        INLINE_OPTIONS.difference(Options::ENABLE_SMART_PUNCTUATION)
    };
    let mut events: Vec<Event<'_>> = Vec::new();
    // Where the block whose marker has not been shown yet starts, if any.
    let mut pending: Option<usize> = None;
    let mut need_space = false;
    for (ev, range) in Parser::new_ext(md, options).into_offset_iter() {
        let content = match ev {
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::List(_)
                | Tag::Item,
            ) => {
                pending.get_or_insert(range.start);
                need_space |= !events.is_empty();
                continue;
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::List(_)
                | TagEnd::Item,
            ) => {
                need_space = !events.is_empty();
                continue;
            }
            Event::Rule => {
                Event::Text(CowStr::from(md.get(range.clone()).unwrap_or("").trim().to_string()))
            }
            other => other,
        };
        // The first event inside a block: show the block's marker as text.
        if let Some(start) = pending.take() {
            let marker = md.get(start..range.start).unwrap_or("").trim();
            if !marker.is_empty() {
                if need_space {
                    events.push(Event::Text(" ".into()));
                    need_space = false;
                }
                events.push(Event::Text(CowStr::from(format!("{marker} "))));
            }
        }
        if need_space {
            events.push(Event::Text(" ".into()));
            need_space = false;
        }
        events.push(content);
    }
    events
}

/// Appends the rendering of inline Markdown `md` to `out`.
pub(crate) fn push_inline(out: &mut String, md: &str) {
    let mut links: Vec<bool> = Vec::new();
    let mut html_events: Vec<Event<'_>> = Vec::new();
    for ev in inline_events(md, true) {
        let ev = match ev {
            Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
            Event::Start(Tag::Link { link_type, dest_url, title, .. }) => {
                let html = link_open(link_type, &dest_url, &title);
                links.push(html.is_some());
                match html {
                    Some(h) => Event::InlineHtml(h.into()),
                    None => continue,
                }
            }
            Event::End(TagEnd::Link) => {
                if links.pop().unwrap_or(false) {
                    Event::InlineHtml("</a>".into())
                } else {
                    continue;
                }
            }
            Event::Start(Tag::Image { .. }) => {
                Event::InlineHtml("<span class=\"md-image\">".into())
            }
            Event::End(TagEnd::Image) => Event::InlineHtml("</span>".into()),
            other => other,
        };
        html_events.push(ev);
    }
    html::push_html(out, html_events.into_iter());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_text() {
        assert_eq!(render_markdown("<b>x</b>"), "<p dir=\"auto\">&lt;b&gt;x&lt;/b&gt;</p>\n");
        assert_eq!(render_inline("a <b>x</b>"), "a &lt;b&gt;x&lt;/b&gt;");
    }

    #[test]
    fn inline_keeps_block_markers_as_text() {
        assert_eq!(render_inline("1. First"), "1. First");
        assert_eq!(render_inline("# Title"), "# Title");
        assert_eq!(render_inline("one\n\ntwo"), "one two");
        assert_eq!(render_inline("*em* and `code`"), "<em>em</em> and <code>code</code>");
    }

    #[test]
    fn headings_shift_and_cap() {
        let o = MarkdownOptions { heading_offset: 2, id_prefix: "" };
        let h = |html: String| html.replace(" dir=\"auto\"", "");
        assert_eq!(h(render_markdown_with("# A", &o)), "<h3>A</h3>\n");
        assert_eq!(h(render_markdown_with("##### A", &o)), "<h3>A</h3>\n");
        assert_eq!(
            h(render_markdown_with("## A\n#### B\n### C\n# D\n###### E\n###### F", &o)),
            "<h3>A</h3>\n<h4>B</h4>\n<h4>C</h4>\n<h3>D</h3>\n<h4>E</h4>\n<h4>F</h4>\n"
        );
        assert_eq!(h(render_markdown("### As written")), "<h3>As written</h3>\n");
    }

    #[test]
    fn links_filtered_and_marked() {
        assert_eq!(
            render_inline("[a](https://x.example)"),
            "<a href=\"https://x.example\" rel=\"noopener noreferrer\">a</a>"
        );
        assert_eq!(render_inline("[a](javascript:alert(1))"), "a");
        assert_eq!(
            render_inline("<ed@example.com>"),
            "<a href=\"mailto:ed@example.com\">ed@example.com</a>"
        );
    }

    #[test]
    fn non_ascii_link_paths_are_percent_encoded_once() {
        let want = "<a href=\"https://de.wikipedia.org/wiki/%C3%9Cberblick\" \
                    rel=\"noopener noreferrer\">Ü</a>";
        assert_eq!(render_inline("[Ü](https://de.wikipedia.org/wiki/Überblick)"), want);
        assert_eq!(render_inline("[Ü](https://de.wikipedia.org/wiki/%C3%9Cberblick)"), want);
        assert_eq!(
            render_markdown("<https://de.wikipedia.org/wiki/Überblick>"),
            "<p dir=\"auto\"><a href=\"https://de.wikipedia.org/wiki/%C3%9Cberblick\" \
             rel=\"noopener noreferrer\">https://de.wikipedia.org/wiki/Überblick</a></p>\n"
        );
        assert_eq!(
            render_inline("[x](../a/ß.html#ü)"),
            "<a href=\"../a/%C3%9F.html#%C3%BC\">x</a>"
        );
    }

    #[test]
    fn text_elements_take_their_direction_from_their_text() {
        let html = render_markdown("# عنوان\n\nשלום\n\n- one\n- two\n\n| a |\n| - |\n| b |\n");
        assert!(html.contains("<h1 dir=\"auto\">عنوان</h1>"), "{html}");
        assert!(html.contains("<p dir=\"auto\">שלום</p>"), "{html}");
        assert!(html.contains("<li dir=\"auto\">one</li>"), "{html}");
        assert!(html.contains("<th scope=\"col\" dir=\"auto\">a</th>"), "{html}");
        assert!(html.contains("<td dir=\"auto\">b</td>"), "{html}");
        assert!(!html.contains("<p>") && !html.contains("<li>"), "{html}");
    }

    #[test]
    fn an_empty_header_cell_is_named() {
        let html = render_markdown("| | Share |\n| --- | --- |\n| Grain | 40% |\n");
        assert!(
            html.contains(
                "<thead><tr><th scope=\"col\" dir=\"auto\"><span class=\"vh\">(empty)</span></th>\
                 <th scope=\"col\" dir=\"auto\">Share</th></tr></thead>"
            ),
            "{html}"
        );
        // An empty body cell stays empty.
        let html = render_markdown("| A | B |\n| --- | --- |\n| | x |\n");
        assert!(html.contains("<tr><td dir=\"auto\"></td><td dir=\"auto\">x</td></tr>"), "{html}");
    }

    #[test]
    fn footnotes_are_numbered_in_order_of_use_with_back_links() {
        let md = "First[^b], second[^a], first again[^b].\n\n[^a]: Note A.\n[^b]: Note B.\n";
        let o = MarkdownOptions { heading_offset: 0, id_prefix: "s1-" };
        let html = render_markdown_with(md, &o);
        assert_eq!(
            html,
            "<p dir=\"auto\">First<sup class=\"footnote-reference\"><a href=\"#s1-fn-b\" \
             id=\"s1-fnref-b\">[1]</a></sup>, second<sup class=\"footnote-reference\">\
             <a href=\"#s1-fn-a\" id=\"s1-fnref-a\">[2]</a></sup>, first again\
             <sup class=\"footnote-reference\"><a href=\"#s1-fn-b\" id=\"s1-fnref-b-2\">[1]</a>\
             </sup>.</p>\n\
             <ol class=\"footnotes\">\n\
             <li id=\"s1-fn-b\" dir=\"auto\">Note B. <a class=\"footnote-backref\" \
             href=\"#s1-fnref-b\" aria-label=\"Back to reference 1 (1 of 2)\">↩</a> \
             <a class=\"footnote-backref\" href=\"#s1-fnref-b-2\" \
             aria-label=\"Back to reference 1 (2 of 2)\">↩<sup>2</sup></a></li>\n\
             <li id=\"s1-fn-a\" dir=\"auto\">Note A. <a class=\"footnote-backref\" \
             href=\"#s1-fnref-a\" aria-label=\"Back to reference 2\">↩</a></li>\n\
             </ol>\n"
        );
    }

    #[test]
    fn footnote_ids_are_unique_and_every_link_lands() {
        // Labels that reduce to one token, a label in another case, a note of two
        // paragraphs, a note never referenced.
        let md = "A[^x y] B[^x-y] C[^X y] D[^long]\n\n[^x y]: One.\n[^x-y]: Two.\n\
                  [^long]: Para one.\n\n    Para two.\n\n[^unused]: Never cited.\n";
        let html = render_markdown(md);
        let ids: Vec<&str> =
            html.split(" id=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
        let mut seen = std::collections::BTreeSet::new();
        for id in &ids {
            assert!(seen.insert(*id), "duplicate id {id} in {html}");
        }
        for href in html.split("href=\"#").skip(1).map(|s| &s[..s.find('"').unwrap()]) {
            assert!(seen.contains(href), "#{href} lands nowhere in {html}");
        }
        assert!(html.contains(">[1]</a>") && html.contains(">[3]</a>"), "{html}");
        assert!(html.contains("<p dir=\"auto\">Para two. <a class=\"footnote-backref\""), "{html}");
        assert!(html.contains("dir=\"auto\">Never cited.</li>"), "{html}");
        assert_eq!(html.matches("<ol class=\"footnotes\">").count(), 1);
    }

    #[test]
    fn the_typographer_replaces_quotes_dashes_and_ellipses_only() {
        // pulldown-cmark's smart punctuation; (c), (r), (tm) and +- stay as typed.
        let md = "\"a\" 'b' -- --- ... (c) (C) (r) (tm) (TM) +- 1+-2";
        let want = "“a” ‘b’ – — … (c) (C) (r) (tm) (TM) +- 1+-2";
        assert_eq!(render_inline(md), want);
        assert_eq!(render_markdown(md), format!("<p dir=\"auto\">{want}</p>\n"));
    }
}
