//! The one wrapper around pulldown-cmark. Everything Markdown in Almanac goes through here.
//!
//! Safety is decided at the event level, never by cleaning HTML afterwards:
//! - `Html` / `InlineHtml` events become `Text`, so raw HTML is shown as typed, escaped;
//!   an HTML block becomes a paragraph of that text.
//! - Links are written by this module, with destinations passed through
//!   [`safe_url`](crate::safe_url) (`http`, `https`, `mailto`, relative); a refused link keeps
//!   its text and loses the anchor.
//! - Images are never loaded (a page makes no external request): an image becomes its alt
//!   text in `<span class="md-image">`.
//! - Tables are written by this module too (header cells get `scope="col"`, alignment is a
//!   class, not a style attribute); code-block languages and footnote labels are reduced to
//!   id-safe tokens.
//! - Only pulldown-cmark's own HTML writer emits markup for everything else, and it escapes
//!   all text and attribute values.

use crate::escape::{id_token, push_escaped_attr, push_href, safe_url, UrlPolicy};
use pulldown_cmark::{
    html, Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag,
    TagEnd,
};

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
    let mut f = BlockFilter {
        heading_offset: opts.heading_offset as usize,
        outline: Vec::new(),
        open_heading: HeadingLevel::H1,
        prefix,
        links: Vec::new(),
        aligns: Vec::new(),
        in_head: false,
        col: 0,
    };
    let parser = Parser::new_ext(md, BLOCK_OPTIONS).filter_map(|ev| f.map(ev));
    html::push_html(out, parser);
}

struct BlockFilter {
    heading_offset: usize,
    /// Open headings: (level as written, level written at).
    outline: Vec<(usize, usize)>,
    /// Level the currently open heading was written at (for its end tag).
    open_heading: HeadingLevel,
    prefix: String,
    /// For each open link: was its anchor written?
    links: Vec<bool>,
    aligns: Vec<Alignment>,
    in_head: bool,
    col: usize,
}

impl BlockFilter {
    fn footnote_id<'a>(&self, label: &str) -> CowStr<'a> {
        let mut id = self.prefix.clone();
        id.push_str("fn-");
        id.push_str(&id_token(label));
        CowStr::from(id)
    }

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

    fn map<'a>(&mut self, ev: Event<'a>) -> Option<Event<'a>> {
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
                        attrs: Vec::new(),
                    })
                }
                Tag::CodeBlock(kind) => Event::Start(Tag::CodeBlock(code_kind(kind))),
                Tag::Link { link_type, dest_url, title, .. } => {
                    let html = link_open(link_type, &dest_url, &title);
                    self.links.push(html.is_some());
                    return html.map(|h| Event::InlineHtml(h.into()));
                }
                Tag::Image { .. } => Event::InlineHtml("<span class=\"md-image\">".into()),
                Tag::FootnoteDefinition(label) => {
                    Event::Start(Tag::FootnoteDefinition(self.footnote_id(&label)))
                }
                Tag::Table(aligns) => {
                    self.aligns = aligns;
                    Event::Html("<div class=\"table-scroll\"><table>".into())
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
                    let open = if self.in_head {
                        format!("<th scope=\"col\"{class}>")
                    } else {
                        format!("<td{class}>")
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
                    Event::Html(if self.in_head { "</th>" } else { "</td>" }.into())
                }
                TagEnd::Table => Event::Html("</tbody></table></div>\n".into()),
                other => Event::End(other),
            },
            Event::FootnoteReference(label) => Event::FootnoteReference(self.footnote_id(&label)),
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

/// Appends the rendering of inline Markdown `md` to `out`.
pub(crate) fn push_inline(out: &mut String, md: &str) {
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut links: Vec<bool> = Vec::new();
    // Where the block whose marker has not been shown yet starts, if any.
    let mut pending: Option<usize> = None;
    let mut need_space = false;
    for (ev, range) in Parser::new_ext(md, INLINE_OPTIONS).into_offset_iter() {
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
            other => other,
        };
        // The first event inside a block: show the block's marker ("1.", "#", ">") as text.
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
        let content = match content {
            Event::Rule => {
                Event::Text(CowStr::from(md.get(range.clone()).unwrap_or("").trim().to_string()))
            }
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
        if need_space {
            events.push(Event::Text(" ".into()));
            need_space = false;
        }
        events.push(content);
    }
    html::push_html(out, events.into_iter());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_text() {
        assert_eq!(render_markdown("<b>x</b>"), "<p>&lt;b&gt;x&lt;/b&gt;</p>\n");
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
        assert_eq!(render_markdown_with("# A", &o), "<h3>A</h3>\n");
        assert_eq!(render_markdown_with("##### A", &o), "<h3>A</h3>\n");
        assert_eq!(
            render_markdown_with("## A\n#### B\n### C\n# D\n###### E\n###### F", &o),
            "<h3>A</h3>\n<h4>B</h4>\n<h4>C</h4>\n<h3>D</h3>\n<h4>E</h4>\n<h4>F</h4>\n"
        );
        assert_eq!(render_markdown("### As written"), "<h3>As written</h3>\n");
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
}
