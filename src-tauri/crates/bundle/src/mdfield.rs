//! The guide's Markdown fields, re-written for `guide.md` so that any CommonMark renderer shows
//! what the page shows and nothing more.
//!
//! A field is parsed with pulldown-cmark, as the page parses it, and written back out from the
//! parse, never copied: structure (paragraphs, headings, lists, quotes, code, tables,
//! footnotes, emphasis, links) is written in one plain form, and every piece of text is
//! escaped so that it stays text. So, as on the page:
//! - raw HTML is written as escaped text;
//! - a link keeps its anchor only when [`almanac_render::safe_url`] accepts its destination
//!   ([`UrlPolicy::MarkdownLink`]); a refused link (`javascript:` and the like) is written as
//!   its text. Of the links the page keeps, guide.md keeps the absolute ones (`http`, `https`,
//!   `mailto`): a link to a fragment (`#part-faq`) points at an id only the page has, and a
//!   relative path points nowhere once guide.md is read outside its bundle, so both are
//!   written as their text;
//! - an image is written as its alt text (nothing is loaded);
//! - headings are renumbered as an outline under the heading the field sits under, never
//!   deeper than h6 (the page's `heading_offset`);
//! - footnote labels get a prefix per field, so that fields concatenated in one file cannot
//!   take each other's notes;
//! - a code fence left open is closed at the end of its field, and each field closes every
//!   block it opens, so no field can swallow the parts written after it;
//! - text is escaped where Markdown would read it (markup characters anywhere, `&` before what
//!   could be an entity, block markers at the start of a line), and a bare URL that markup or
//!   an escape follows without a space is written so that no renderer autolinks it: GFM's
//!   autolinks run on over whatever follows and would let it be read as raw HTML.
//!
//! Fields the page renders inline (TL;DR, takeaways, the deal footnote, timeline details) are
//! written as the page shows them: block syntax typed there ("1. First", "# Title") is text.

use almanac_render::{safe_url, UrlPolicy};
use pulldown_cmark::{Alignment, CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

/// The page's block Markdown options, less smart punctuation (typography the page adds to the
/// author's text, not part of it).
const BLOCK_OPTIONS: Options =
    Options::ENABLE_TABLES.union(Options::ENABLE_FOOTNOTES).union(Options::ENABLE_STRIKETHROUGH);

/// A block Markdown field (a section body, a FAQ answer) as inert Markdown: headings nest
/// under an `h<heading_offset>`, footnote labels start with `footnote_prefix`. No trailing
/// newline.
pub(crate) fn block_field(md: &str, heading_offset: usize, footnote_prefix: &str) -> String {
    let mut w = BlockWriter {
        out: Out::new(),
        heading_offset,
        footnote_prefix,
        outline: Vec::new(),
        containers: Vec::new(),
        need_blank: false,
        ended_list: None,
        lists: Vec::new(),
        links: Vec::new(),
        code: None,
        aligns: Vec::new(),
    };
    for ev in Parser::new_ext(md, BLOCK_OPTIONS) {
        w.event(ev);
    }
    w.out.finish()
}

/// An inline Markdown field (the TL;DR, a takeaway, the deal footnote, a timeline detail) as
/// the page shows it, as inert Markdown: block markers typed into it are text, paragraphs are
/// joined by a space. Line breaks are kept. No trailing newline.
pub(crate) fn inline_field(md: &str) -> String {
    let mut out = Out::new();
    let mut links: Vec<Option<String>> = Vec::new();
    for ev in almanac_render::inline_events(md, false) {
        match ev {
            Event::Start(Tag::Link { link_type, dest_url, title, .. }) => {
                let close = link_close(link_type, &dest_url, &title);
                if close.is_some() {
                    out.raw_bracket("[");
                }
                links.push(close);
            }
            Event::End(TagEnd::Link) => {
                if let Some(close) = links.pop().flatten() {
                    out.raw(&close);
                }
            }
            other => out.span_event(other),
        }
    }
    out.finish()
}

/// Plain text (a title, a heading, a cell) on one line: whitespace runs become one space,
/// and everything Markdown or HTML would read is escaped, so it reads as the same text.
pub(crate) fn plain_text(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Out::new();
    out.single_line = 1;
    out.text(&flat);
    out.finish()
}

/// The end of a Markdown link, `](<dest> "title")`, or `None` when the link is written as its
/// text: its destination is refused, or it is a fragment only the page has.
fn link_close(link_type: LinkType, dest: &str, title: &str) -> Option<String> {
    let url = if link_type == LinkType::Email {
        safe_url(&format!("mailto:{dest}"), UrlPolicy::MarkdownLink)?
    } else {
        safe_url(dest, UrlPolicy::MarkdownLink)?
    };
    // Only absolute web and mail links: a fragment points at an id only the page has, and
    // guide.md is read outside its bundle too (pasted, previewed), where a relative path
    // points nowhere.
    let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    if !matches!(scheme.as_deref(), Some("http" | "https" | "mailto")) {
        return None;
    }
    let mut close = String::from("](");
    close.push_str(&link_destination(&url));
    if !title.is_empty() {
        close.push_str(" \"");
        for c in title.chars() {
            match c {
                '"' | '\\' => {
                    close.push('\\');
                    close.push(c);
                }
                '&' => close.push_str("\\&"),
                '\n' | '\r' => close.push(' '),
                c => close.push(c),
            }
        }
        close.push('"');
    }
    close.push(')');
    Some(close)
}

/// A link destination for an accepted URL: bare when that is unambiguous, else in `<>` with
/// the characters Markdown would read escaped or percent-encoded (as the page's `href` has
/// them).
pub(crate) fn link_destination(url: &str) -> String {
    if !url.contains(['(', ')', ' ', '<', '>', '\\', '&']) && !url.chars().any(char::is_control) {
        return url.to_string();
    }
    let mut d = String::with_capacity(url.len() + 8);
    d.push('<');
    for c in url.chars() {
        match c {
            '<' => d.push_str("%3C"),
            '>' => d.push_str("%3E"),
            ' ' => d.push_str("%20"),
            '\\' | '&' => {
                d.push('\\');
                d.push(c);
            }
            c if c.is_control() => {}
            c => d.push(c),
        }
    }
    d.push('>');
    d
}

/// A footnote label or code language reduced to ASCII letters, digits, `-` and `_`.
fn token(s: &str) -> String {
    let t: String = s
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_') { c } else { '-' })
        .collect();
    if t.is_empty() {
        "x".into()
    } else {
        t
    }
}

/// The output of one field: lines, each started by the prefixes of the containers it is in,
/// and text escaped as it is written.
struct Out {
    buf: String,
    /// One per open container (quote, list item, footnote definition).
    prefixes: Vec<Prefix>,
    /// Nothing, not even the prefixes, has been written on the current line yet.
    at_line_start: bool,
    /// Where the current line's content (after the prefixes) starts in `buf`.
    content_start: usize,
    /// While positive, line breaks are written as spaces (headings, table rows).
    single_line: usize,
    /// Inside a table: `|` in code spans is escaped too.
    in_table: bool,
    /// Where, in the current run of text without whitespace, a bare URL starts that a GFM
    /// renderer would turn into a link (`://`, `www.`): the place a backslash defuses it.
    /// Such a link runs to the next whitespace or `<` and would swallow markup written right
    /// after it (the backslash of `\<`, the backtick opening a code span) and so let what
    /// follows be read as raw Markdown or HTML; see [`Out::defuse`].
    bare_urls: Vec<usize>,
}

struct Prefix {
    /// What starts the container's continuation lines.
    cont: String,
    /// What starts its first line (a list marker, a footnote label) until that is written.
    first: Option<String>,
}

impl Out {
    fn new() -> Out {
        Out {
            buf: String::new(),
            prefixes: Vec::new(),
            at_line_start: true,
            content_start: 0,
            single_line: 0,
            in_table: false,
            bare_urls: Vec::new(),
        }
    }

    /// Starts the current line if nothing is on it yet: writes the containers' prefixes.
    fn line_start(&mut self) {
        if !self.at_line_start {
            return;
        }
        for p in &mut self.prefixes {
            match p.first.take() {
                Some(first) => self.buf.push_str(&first),
                None => self.buf.push_str(&p.cont),
            }
        }
        self.at_line_start = false;
        self.content_start = self.buf.len();
    }

    /// True when nothing but the prefixes is on the current line.
    fn line_is_fresh(&self) -> bool {
        self.at_line_start || self.buf.len() == self.content_start
    }

    fn newline(&mut self) {
        // A line holding only prefixes keeps no trailing spaces.
        let trimmed = self.buf.trim_end_matches([' ', '\t']).len();
        self.buf.truncate(trimmed);
        self.buf.push('\n');
        self.at_line_start = true;
        self.bare_urls.clear();
    }

    /// Before markup or an escape that follows text without whitespace: turns every bare URL
    /// of the current run back into plain text (`https:\//…`, `www\.…`), as the page shows
    /// it, so that no renderer's autolinking can run on into the markup.
    fn defuse(&mut self) {
        for &at in self.bare_urls.iter().rev() {
            self.buf.insert(at, '\\');
        }
        self.bare_urls.clear();
    }

    /// Ends the current line if something is on it.
    fn end_line(&mut self) {
        if !self.at_line_start {
            self.newline();
        }
    }

    /// A blank line inside the current containers (`>` inside a quote).
    fn blank_line(&mut self) {
        self.end_line();
        if self.buf.is_empty() {
            return;
        }
        for p in &self.prefixes {
            self.buf.push_str(&p.cont);
        }
        self.newline();
    }

    /// Markup, written as it is (never holds a line break).
    fn raw(&mut self, s: &str) {
        self.line_start();
        if s.starts_with([' ', '\t']) {
            self.bare_urls.clear();
        } else {
            self.defuse();
        }
        self.buf.push_str(s);
    }

    /// Markup that starts with `[` (a link, a footnote reference): a `!` written just before
    /// it as text is escaped, so that the two cannot make an image.
    fn raw_bracket(&mut self, s: &str) {
        self.line_start();
        self.defuse();
        if self.buf.ends_with('!') {
            let before = &self.buf[..self.buf.len() - 1];
            let backslashes = before.len() - before.trim_end_matches('\\').len();
            if backslashes.is_multiple_of(2) {
                self.buf.insert(self.buf.len() - 1, '\\');
            }
        }
        self.buf.push_str(s);
    }

    /// Text, escaped so that it reads as the same text and never as markup.
    fn text(&mut self, s: &str) {
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\n' || c == '\r' {
                if self.single_line > 0 {
                    self.line_start();
                    self.buf.push(' ');
                } else if c == '\n' {
                    self.newline();
                }
                continue;
            }
            let fresh = self.line_is_fresh();
            if fresh && (c == ' ' || c == '\t') {
                // Leading blanks would make an indented code block, or be dropped anyway.
                continue;
            }
            let escape = match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '|' | '~' => true,
                // Before what could make it an entity, here or in the text written next.
                '&' => !matches!(chars.peek(), Some(n) if !n.is_ascii_alphanumeric() && *n != '#'),
                '#' => fresh || self.buf.ends_with([' ', '\t']),
                '>' | '-' | '+' | '=' => fresh,
                // "1." or "1)" starting a line would start a list.
                '.' | ')' => {
                    !fresh && self.buf[self.content_start..].bytes().all(|b| b.is_ascii_digit())
                }
                _ => false,
            };
            self.line_start();
            if escape {
                self.defuse();
                self.buf.push('\\');
            }
            self.buf.push(c);
            if c.is_whitespace() {
                self.bare_urls.clear();
            } else if c == '/' && self.buf.ends_with("://") {
                self.bare_urls.push(self.buf.len() - 2);
            } else if c == '.' {
                let b = self.buf.as_bytes();
                if b.len() >= 4 && b[b.len() - 4..].eq_ignore_ascii_case(b"www.") {
                    self.bare_urls.push(self.buf.len() - 1);
                }
            }
        }
    }

    /// An inline code span holding `code` exactly.
    fn code_span(&mut self, code: &str) {
        let code = code.replace(['\n', '\r'], " ");
        let code = if self.in_table { code.replace('|', "\\|") } else { code };
        let fence = "`".repeat(longest_run(&code, '`') + 1);
        let pad = code.starts_with('`')
            || code.ends_with('`')
            || (code.starts_with(' ') && code.ends_with(' ') && !code.trim().is_empty());
        self.raw(&fence);
        if pad {
            self.buf.push(' ');
        }
        self.buf.push_str(&code);
        if pad {
            self.buf.push(' ');
        }
        self.buf.push_str(&fence);
    }

    /// The inline events both kinds of field share.
    fn span_event(&mut self, ev: Event<'_>) {
        match ev {
            Event::Text(s) | Event::Html(s) | Event::InlineHtml(s) => self.text(&s),
            Event::InlineMath(s) | Event::DisplayMath(s) => self.text(&s),
            Event::Code(s) => self.code_span(&s),
            Event::SoftBreak => {
                if self.single_line > 0 {
                    self.text(" ");
                } else {
                    self.newline();
                }
            }
            Event::HardBreak => {
                if self.single_line > 0 {
                    self.text(" ");
                } else {
                    self.raw("\\");
                    self.newline();
                }
            }
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => self.raw("*"),
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => self.raw("**"),
            Event::Start(Tag::Strikethrough) | Event::End(TagEnd::Strikethrough) => self.raw("~~"),
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
            Event::Rule => self.text("***"),
            // Images are their alt text; anything else carries no text of its own.
            _ => {}
        }
    }

    /// The field's text, without the final line break.
    fn finish(self) -> String {
        let mut s = self.buf;
        let len = s.trim_end().len();
        s.truncate(len);
        s
    }
}

/// The length of the longest run of `c` in `s`.
fn longest_run(s: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for x in s.chars() {
        if x == c {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    Quote,
    Item,
    Footnote,
}

struct List {
    /// The next item's number; `None` for a bullet list.
    next: Option<u64>,
    /// `-` or `+` for bullets, `.` or `)` for numbers.
    delimiter: char,
    /// A paragraph sat directly in an item: items are separated by blank lines.
    loose: bool,
    items: usize,
}

struct BlockWriter<'a> {
    out: Out,
    heading_offset: usize,
    footnote_prefix: &'a str,
    /// Open headings: (level as written, level written at).
    outline: Vec<(usize, usize)>,
    containers: Vec<Container>,
    /// A block ended in the current container: the next one starts after a blank line.
    need_blank: bool,
    /// The delimiter of a list that just ended: a list right after it uses the other one, so
    /// the two stay two lists.
    ended_list: Option<char>,
    lists: Vec<List>,
    /// For each open link, how it ends (`None`: written as its text).
    links: Vec<Option<String>>,
    /// An open code block: (language, content).
    code: Option<(String, String)>,
    aligns: Vec<Alignment>,
}

impl BlockWriter<'_> {
    /// Separates a new block from what came before it in its container.
    fn begin_block(&mut self) {
        if self.need_blank {
            self.out.blank_line();
        } else {
            self.out.end_line();
        }
        self.need_blank = false;
        self.ended_list = None;
    }

    fn end_block(&mut self) {
        self.out.end_line();
        self.need_blank = true;
    }

    /// Heading levels as an outline under `h<heading_offset>`, as the page numbers them.
    fn shift(&mut self, level: usize) -> usize {
        while self.outline.last().is_some_and(|&(written, _)| written >= level) {
            self.outline.pop();
        }
        let out = self.outline.last().map_or(self.heading_offset + 1, |&(_, o)| o + 1).min(6);
        self.outline.push((level, out));
        out
    }

    fn open_container(&mut self, kind: Container, cont: String, first: Option<String>) {
        self.containers.push(kind);
        self.out.prefixes.push(Prefix { cont, first });
        self.need_blank = false;
        self.ended_list = None;
    }

    fn close_container(&mut self) {
        // A container with nothing in it still shows its marker.
        if self.out.prefixes.last().is_some_and(|p| p.first.is_some()) {
            self.out.line_start();
        }
        self.out.end_line();
        self.out.prefixes.pop();
        self.containers.pop();
    }

    fn event(&mut self, ev: Event<'_>) {
        if let Some((_, content)) = &mut self.code {
            match ev {
                Event::Text(s) => content.push_str(&s),
                Event::End(TagEnd::CodeBlock) => self.close_code(),
                _ => {}
            }
            return;
        }
        match ev {
            Event::Start(tag) => self.start(tag),
            Event::End(end) => self.end(end),
            Event::Rule => {
                self.begin_block();
                self.out.raw("***");
                self.end_block();
            }
            Event::FootnoteReference(label) => {
                self.out.raw_bracket(&format!("[^{}{}]", self.footnote_prefix, token(&label)));
            }
            other => self.out.span_event(other),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::HtmlBlock => {
                if self.containers.last() == Some(&Container::Item) {
                    if let Some(l) = self.lists.last_mut() {
                        l.loose = true;
                    }
                }
                self.begin_block();
            }
            Tag::Heading { level, .. } => {
                self.begin_block();
                let n = self.shift(level as usize);
                self.out.raw(&"#".repeat(n));
                self.out.raw(" ");
                self.out.single_line += 1;
            }
            Tag::BlockQuote(_) => {
                self.begin_block();
                self.open_container(Container::Quote, "> ".into(), None);
            }
            Tag::CodeBlock(kind) => {
                self.begin_block();
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        let lang: String = info
                            .split_whitespace()
                            .next()
                            .unwrap_or("")
                            .chars()
                            .filter(|c| {
                                c.is_ascii_alphanumeric()
                                    || matches!(c, '-' | '_' | '+' | '.' | '#')
                            })
                            .take(32)
                            .collect();
                        lang
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Tag::List(start) => {
                let after = self.ended_list.take();
                self.begin_block();
                let delimiter = match (start.is_some(), after) {
                    (false, Some('-')) => '+',
                    (false, _) => '-',
                    (true, Some('.')) => ')',
                    (true, _) => '.',
                };
                self.lists.push(List { next: start, delimiter, loose: false, items: 0 });
            }
            Tag::Item => {
                let Some(list) = self.lists.last_mut() else { return };
                let marker = match &mut list.next {
                    Some(n) => {
                        let m = format!("{n}{} ", list.delimiter);
                        *n += 1;
                        m
                    }
                    None => format!("{} ", list.delimiter),
                };
                let blank = list.items > 0 && list.loose;
                list.items += 1;
                if blank {
                    self.out.blank_line();
                } else {
                    self.out.end_line();
                }
                let pad = " ".repeat(marker.len());
                self.open_container(Container::Item, pad, Some(marker));
            }
            Tag::FootnoteDefinition(label) => {
                self.begin_block();
                let first = format!("[^{}{}]: ", self.footnote_prefix, token(&label));
                self.open_container(Container::Footnote, "    ".into(), Some(first));
            }
            Tag::Table(aligns) => {
                self.begin_block();
                self.aligns = aligns;
                self.out.single_line += 1;
                self.out.in_table = true;
            }
            Tag::TableHead | Tag::TableRow => {}
            Tag::TableCell => self.out.raw("| "),
            Tag::Link { link_type, dest_url, title, .. } => {
                let close = link_close(link_type, &dest_url, &title);
                if close.is_some() {
                    self.out.raw_bracket("[");
                }
                self.links.push(close);
            }
            Tag::Emphasis => self.out.raw("*"),
            Tag::Strong => self.out.raw("**"),
            Tag::Strikethrough => self.out.raw("~~"),
            // Images are their alt text; sub- and superscript are not enabled.
            Tag::Image { .. } | Tag::Superscript | Tag::Subscript => {}
            // Not enabled: written as plain blocks should they ever appear.
            Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => self.begin_block(),
        }
    }

    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Paragraph | TagEnd::HtmlBlock => self.end_block(),
            TagEnd::Heading(_) => {
                self.out.single_line -= 1;
                self.end_block();
            }
            TagEnd::BlockQuote(_) => {
                self.close_container();
                self.need_blank = true;
            }
            TagEnd::CodeBlock => {}
            TagEnd::List(_) => {
                let delimiter = self.lists.pop().map(|l| l.delimiter);
                self.out.end_line();
                self.need_blank = true;
                self.ended_list = delimiter;
            }
            TagEnd::Item => {
                self.close_container();
                // In a tight list the next item follows on the next line.
                self.need_blank = false;
            }
            TagEnd::FootnoteDefinition => {
                self.close_container();
                self.need_blank = true;
            }
            TagEnd::TableHead => {
                self.out.raw("|");
                self.out.newline();
                let mut delim = String::new();
                for a in &self.aligns {
                    delim.push_str(match a {
                        Alignment::None => "| --- ",
                        Alignment::Left => "| :-- ",
                        Alignment::Center => "| :-: ",
                        Alignment::Right => "| --: ",
                    });
                }
                delim.push('|');
                self.out.raw(&delim);
                self.out.newline();
            }
            TagEnd::TableRow => {
                self.out.raw("|");
                self.out.newline();
            }
            TagEnd::TableCell => self.out.raw(" "),
            TagEnd::Table => {
                self.out.single_line -= 1;
                self.out.in_table = false;
                self.end_block();
            }
            TagEnd::Link => {
                if let Some(close) = self.links.pop().flatten() {
                    self.out.raw(&close);
                }
            }
            TagEnd::Emphasis => self.out.raw("*"),
            TagEnd::Strong => self.out.raw("**"),
            TagEnd::Strikethrough => self.out.raw("~~"),
            TagEnd::Image | TagEnd::Superscript | TagEnd::Subscript => {}
            TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_) => self.end_block(),
        }
    }

    /// Writes the open code block, fenced with more backticks than any run in it (so nothing
    /// inside can close it), and closed.
    fn close_code(&mut self) {
        let Some((lang, content)) = self.code.take() else { return };
        let fence = "`".repeat((longest_run(&content, '`') + 1).max(3));
        self.out.raw(&fence);
        self.out.raw(&lang);
        self.out.newline();
        for line in content.lines() {
            self.out.raw(line);
            self.out.newline();
        }
        self.out.raw(&fence);
        self.end_block();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_stays_text() {
        assert_eq!(block_field("a <b>x</b> & \\&amp; |", 2, ""), "a \\<b>x\\</b> & \\&amp; \\|");
        assert_eq!(block_field("&lt;b&gt; &amp;", 2, ""), "\\<b> \\&");
        // An entity cannot be made of two pieces of text either.
        assert_eq!(block_field("a &\\#38; b", 2, ""), "a \\&#38; b");
        assert_eq!(inline_field("1. First\n- two"), "1\\. First - two");
        assert_eq!(inline_field("# Title"), "\\# Title");
        assert_eq!(block_field("a\\\n\\- b", 2, ""), "a\\\n\\- b");
    }

    #[test]
    fn refused_and_fragment_links_are_text() {
        assert_eq!(block_field("[x](javascript:alert(1))", 2, ""), "x");
        assert_eq!(block_field("[FAQ](#part-faq)", 2, ""), "FAQ");
        assert_eq!(block_field("![alt](https://e.org/x.png)", 2, ""), "alt");
        assert_eq!(
            inline_field("[a *b*](https://e.org/a_(b) \"t\\\"\")"),
            "[a *b*](<https://e.org/a_(b)> \"t\\\"\")"
        );
        assert_eq!(
            block_field("<ed@example.com>", 2, ""),
            "[ed@example.com](mailto:ed@example.com)"
        );
    }

    #[test]
    fn headings_nest_under_the_offset() {
        assert_eq!(block_field("# A\n\n### B\n\nC\n===", 2, ""), "### A\n\n#### B\n\n### C");
        assert_eq!(
            block_field("# A\n## B\n### C\n#### D", 4, ""),
            "##### A\n\n###### B\n\n###### C\n\n###### D"
        );
    }

    #[test]
    fn fences_are_closed_and_long_enough() {
        assert_eq!(block_field("```js\nlet a = 1;\n", 2, ""), "```js\nlet a = 1;\n```");
        assert_eq!(block_field("~~~\n````\n~~~", 2, ""), "`````\n````\n`````");
    }

    #[test]
    fn footnotes_are_prefixed() {
        assert_eq!(
            block_field("x[^1]\n\n[^1]: A note.\n  more", 2, "s1-"),
            "x[^s1-1]\n\n[^s1-1]: A note.\n    more"
        );
    }

    #[test]
    fn lists_quotes_and_tables() {
        assert_eq!(
            block_field("- one\n- two\n  1. a\n  2. b", 2, ""),
            "- one\n- two\n  1. a\n  2. b"
        );
        assert_eq!(block_field("- one\n\n- two", 2, ""), "- one\n\n- two");
        assert_eq!(block_field("- a\n\n\n+ b", 2, ""), "- a\n\n+ b");
        assert_eq!(block_field("> q\n>\n> r", 2, ""), "> q\n>\n> r");
        assert_eq!(
            block_field("A | B\n:-|-:\n`a\\|b` | 2", 2, ""),
            "| A | B |\n| :-- | --: |\n| `a\\|b` | 2 |"
        );
    }
}
