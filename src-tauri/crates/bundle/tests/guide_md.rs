//! guide.md is faithful to the page and inert: rendered by an independent CommonMark renderer
//! (comrak, with raw HTML allowed, as the least careful reader of a bundle would render it),
//! it holds no live element or attribute beyond a small allow-list, whatever the guide's
//! fields hold; footnotes, code fences and heading levels come out as the page has them.

use std::path::PathBuf;

use almanac_bundle::guide_markdown;
use almanac_guide::{DatePrecision, Guide};

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture() -> Guide {
    let text = std::fs::read_to_string(crate_dir().join("tests/fixtures/grid-storage/guide.json"))
        .unwrap();
    Guide::from_json(&text).unwrap()
}

/// The XSS payloads the renderer's tests use, one JSON string each.
fn payloads() -> Vec<String> {
    serde_json::from_str(include_str!("fixtures/xss-payloads.json")).expect("a JSON string list")
}

/// guide.md as a renderer that trusts it renders it: GitHub-flavoured (tables, footnotes,
/// strikethrough, bare-URL autolinks) with raw HTML passed through.
fn render(md: &str) -> String {
    let mut o = comrak::Options::default();
    o.extension.table = true;
    o.extension.footnotes = true;
    o.extension.strikethrough = true;
    o.extension.autolink = true;
    o.render.r#unsafe = true;
    comrak::markdown_to_html(md, &o)
}

// ---------------------------------------------------------------------------------------------
// A strict reader of the renderer's output.

struct Tag {
    name: String,
    closing: bool,
    attrs: Vec<(String, String)>,
    at: usize,
}

fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|&e| e <= 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..end];
        let ch = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ if ent.starts_with("#x") || ent.starts_with("#X") => {
                u32::from_str_radix(&ent[2..], 16).ok().and_then(char::from_u32)
            }
            _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn ctx(html: &str, at: usize) -> String {
    let s = html[..at].char_indices().rev().nth(60).map_or(0, |(k, _)| k);
    let e = html[at..].char_indices().nth(80).map_or(html.len(), |(k, _)| at + k);
    html[s..e].to_string()
}

/// Every tag of `html`. A `<` that starts no tag, a comment or a declaration fails: the
/// renderer escapes every `<` of text, so any of those came from raw HTML.
fn tags(html: &str, what: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let at = i + off;
        let mut j = at + 1;
        let closing = b.get(j) == Some(&b'/');
        if closing {
            j += 1;
        }
        let start = j;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
            j += 1;
        }
        assert!(j > start, "{what}: '<' that starts no tag: {}", ctx(html, at));
        let name = html[start..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            assert!(j < b.len(), "{what}: unterminated tag: {}", ctx(html, at));
            if b[j] == b'>' {
                j += 1;
                break;
            }
            let ns = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/')
            {
                j += 1;
            }
            let aname = html[ns..j].to_ascii_lowercase();
            let mut value = String::new();
            if b.get(j) == Some(&b'=') {
                j += 1;
                match b.get(j) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let vs = j + 1;
                        let ve = vs + html[vs..].find(char::from(q)).expect("closing quote");
                        value = decode_entities(&html[vs..ve]);
                        j = ve + 1;
                    }
                    _ => {
                        let vs = j;
                        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                            j += 1;
                        }
                        value = decode_entities(&html[vs..j]);
                    }
                }
            }
            attrs.push((aname, value));
        }
        out.push(Tag { name, closing, attrs, at });
        i = j;
    }
    out
}

const TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "em",
    "strong",
    "a",
    "code",
    "pre",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "br",
    "del",
    "sup",
    // comrak's footnotes: <section class="footnotes" data-footnotes><ol><li id="fn-…">.
    "section",
];

/// Attributes the renderer writes itself: table alignment, list start, code language,
/// link title, and its footnote markup.
const ATTRS: &[&str] = &[
    "href",
    "title",
    "align",
    "start",
    "class",
    "id",
    "data-footnotes",
    "data-footnote-ref",
    "data-footnote-backref",
    "data-footnote-backref-idx",
    "aria-label",
];

/// Would a browser go anywhere but the web, mail, a footnote on this page, or (for a
/// related guide given by its slug) the sibling bundle folder `../<slug>/`?
fn href_ok(raw: &str) -> bool {
    let cleaned: String = raw.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let u = cleaned.trim_matches(|c: char| c <= ' ').to_ascii_lowercase();
    let sibling = u
        .strip_prefix("../")
        .and_then(|s| s.strip_suffix('/'))
        .is_some_and(almanac_guide::is_safe_slug);
    !u.chars().any(char::is_control)
        && (sibling
            || u.starts_with("https://")
            || u.starts_with("http://")
            || u.starts_with("mailto:")
            || u.starts_with("#fn-")
            || u.starts_with("#fnref-"))
}

fn assert_inert(html: &str, what: &str) {
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "{what}: <script in {html}");
    for t in tags(html, what) {
        assert!(TAGS.contains(&t.name.as_str()), "{what}: <{}> in: {}", t.name, ctx(html, t.at));
        if t.closing {
            continue;
        }
        for (n, v) in &t.attrs {
            assert!(!n.starts_with("on"), "{what}: handler {n}= in: {}", ctx(html, t.at));
            assert!(ATTRS.contains(&n.as_str()), "{what}: attribute {n}= in: {}", ctx(html, t.at));
            if n == "href" {
                // The scheme decides: an https URL may hold "javascript:" in its path.
                assert_eq!(t.name, "a", "{what}: href on <{}>", t.name);
                assert!(href_ok(v), "{what}: href {v:?} in: {}", ctx(html, t.at));
            } else if n != "title" {
                let lv: String = v.to_ascii_lowercase().split_whitespace().collect();
                for scheme in ["javascript:", "vbscript:", "data:"] {
                    assert!(!lv.contains(scheme), "{what}: {scheme} in {n}: {}", ctx(html, t.at));
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// The fixture with `p` in every field guide.md writes: each Markdown and each text field,
/// dates, URLs and link targets.
fn poisoned(base: &Guide, p: &str) -> Guide {
    let mut g = base.clone();
    let s = || p.to_string();
    let m = &mut g.meta;
    (m.title, m.topic, m.kind, m.depth) = (s(), s(), s(), s());
    (m.updated, m.generated) = (s(), s());
    m.version.label = s();
    g.tldr = s();
    for t in &mut g.takeaways {
        t.text = s();
    }
    for x in &mut g.sections {
        (x.heading, x.body) = (s(), s());
    }
    for f in &mut g.figures {
        f.caption = s();
        // Options are written into the figure's line too.
        (f.lab, f.partner) = (Some(s()), Some(s()));
    }
    (g.deals.caption, g.deals.footnote) = (s(), s());
    for r in &mut g.deals.rows {
        (r.lab, r.partner, r.timeline, r.terms) = (Some(s()), Some(s()), Some(s()), Some(s()));
        if let Some(c) = &mut r.capacity {
            c.text = s();
        }
    }
    for (i, e) in g.timeline.iter_mut().enumerate() {
        (e.title, e.detail, e.link) = (s(), Some(s()), Some(s()));
        if i % 2 == 0 {
            e.date = s();
            e.precision = DatePrecision::Day;
        }
    }
    for l in g.related_topics.iter_mut().chain(g.related_guides.iter_mut()) {
        (l.title, l.target) = (s(), s());
    }
    for f in &mut g.faq {
        (f.question, f.answer) = (s(), s());
    }
    for x in &mut g.sources {
        (x.source, x.published, x.url, x.title, x.summary) = (s(), s(), s(), s(), s());
    }
    for v in &mut g.versions {
        (v.label, v.at) = (s(), s());
    }
    g
}

#[test]
fn every_payload_in_every_field_renders_inert() {
    let base = fixture();
    let payloads = payloads();
    assert!(payloads.len() >= 25, "the payload list is the renderer's");
    for p in &payloads {
        let g = poisoned(&base, p);
        let md = guide_markdown(&g);
        let html = render(&md);
        let what = format!("guide.md with {p:?}");
        assert_inert(&html, &what);
        // The title is the only h1: nothing in a field becomes a second one.
        assert_eq!(html.matches("<h1").count(), 1, "{what}:\n{md}");
        // Inside emphasis, links, lists and quotes too.
        let mut nested = g.clone();
        let wrapped = format!("> - *{p}* [{p}](https://example.org) **{p}**\n");
        nested.sections[0].body = wrapped.clone();
        nested.faq[0].answer = wrapped.clone();
        nested.tldr = wrapped;
        assert_inert(&render(&guide_markdown(&nested)), &format!("nested {what}"));
    }
}

/// A bare URL that a GFM renderer autolinks runs on to the next whitespace or `<`, over any
/// markup written right after it: guide.md must not let it swallow an escape or the start of a
/// code span or link and so turn what follows into live HTML or a live link.
#[test]
fn bare_urls_cannot_swallow_markup() {
    let tricks = [
        "https://evil.example`<script>alert(1)</script>`",
        "https://evil.example`a <img src=x onerror=alert(1)>`",
        "www.evil.example`a <img src=x onerror=alert(1)>`",
        "https://evil.example\\<img src=x onerror=alert(1)>",
        "https://evil.example[a b](https://example.org \"<img src=x onerror=alert(1)>\")",
        "https://evil.example[a b](https://example.org/[x](javascript:alert(1)))",
        "https://evil.example*a <img src=x onerror=alert(1)>*",
        "x[^1] https://evil.example[^1]\n\n[^1]: <img src=x onerror=alert(1)>",
        "\\![x](https://evil.example/x.png)",
        "![y] ![x](https://evil.example/x.png)",
    ];
    let base = fixture();
    for p in tricks {
        let md = guide_markdown(&poisoned(&base, p));
        let html = render(&md);
        assert_inert(&html, &format!("{p:?}:\n{md}"));
        assert!(!html.contains("<img"), "{p:?}: an image is loaded:\n{md}");
    }
}

#[test]
fn the_checker_itself_rejects_live_html() {
    let bad = [
        "<p onclick=\"x\">a</p>",
        "<a href=\"javascript:alert(1)\">a</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">a</a>",
        "<a href=\"data:text/html,x\">a</a>",
        "<a href=\"//evil.example\">a</a>",
        "<img src=x>",
        "<p style=\"color:red\">a</p>",
        "<iframe></iframe>",
        "a < b",
        "<!-- c -->",
        "<svg onload=alert(1)>",
    ];
    for html in bad {
        let caught = std::panic::catch_unwind(|| assert_inert(html, "probe"));
        assert!(caught.is_err(), "the checker accepted {html:?}");
    }
    assert_inert("<p><a href=\"https://example.org/?a=1&amp;b=2\">ok</a> &lt;b&gt;</p>", "good");
    // And the old guide.md, which copied Markdown fields as typed, fails it.
    let caught = std::panic::catch_unwind(|| {
        assert_inert(&render("<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))"), "old")
    });
    assert!(caught.is_err());
}

#[test]
fn raw_html_and_refused_links_show_as_the_page_shows_them() {
    let mut g = fixture();
    g.sections[0].body = "Some <b>bold</b> text and [a link](javascript:alert(1)) and \
                          [the FAQ](#part-faq) and ![a chart](https://example.org/x.png) and \
                          [a page](https://example.org/page)."
        .into();
    g.sources[0].url = "javascript:alert(1)".into();
    g.related_topics[0].target = "../../etc".into();
    let md = guide_markdown(&g);
    let html = render(&md);
    assert_inert(&html, "links");
    assert!(
        html.contains(
            "<p>Some &lt;b&gt;bold&lt;/b&gt; text and a link and the FAQ and a chart and \
             <a href=\"https://example.org/page\">a page</a>.</p>"
        ),
        "{md}\n{html}"
    );
    // Fields the page does not link are their text.
    assert!(html.contains("<li>A big storage deal — Example Energy News"), "{html}");
    assert!(html.contains("<li>Training Infrastructure</li>"), "{html}");
    assert!(!html.contains("part-faq") && !html.contains("<img"), "{html}");
}

#[test]
fn footnotes_of_different_sections_keep_their_own_text() {
    let mut g = fixture();
    g.sections[0].body = "First claim.[^1]\n\n[^1]: The first section's note.".into();
    g.sections[1].body = "Second claim.[^1]\n\n[^1]: The second section's note.".into();
    g.faq[0].answer = "An answer.[^1]\n\n[^1]: The answer's note.".into();
    g.faq[1].answer = "Another answer.[^note]\n\n[^note]: A named note.".into();
    let md = guide_markdown(&g);
    let html = render(&md);
    assert_inert(&html, "footnotes");
    for note in [
        "The first section's note.",
        "The second section's note.",
        "The answer's note.",
        "A named note.",
    ] {
        assert_eq!(html.matches(note).count(), 1, "{note} lost or doubled:\n{md}\n{html}");
    }
    // Four references, each to a note of its own.
    let refs: Vec<&str> = html
        .match_indices("data-footnote-ref")
        .map(|(i, _)| &html[html[..i].rfind("href=\"").unwrap()..i])
        .collect();
    assert_eq!(refs.len(), 4, "{html}");
    let mut distinct = refs.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 4, "{refs:?}");
}

#[test]
fn an_unclosed_fence_swallows_nothing_after_its_field() {
    for fence in ["```", "~~~", "````rust", "  ```"] {
        let mut g = fixture();
        g.sections[0].body = format!("Before.\n\n{fence}\nlet x = 1;\n");
        g.sections[1].heading = "After the fence".into();
        g.sections[1].body = "Plain *text* again.".into();
        let md = guide_markdown(&g);
        let html = render(&md);
        assert_inert(&html, "fence");
        assert_eq!(html.matches("<pre").count(), 1, "{fence}: {html}");
        let pre_end = html.find("</pre>").expect("the code block is closed");
        let after = html.find("<h2>After the fence</h2>").expect("the next heading is a heading");
        assert!(pre_end < after);
        assert!(html.contains("<p>Plain <em>text</em> again.</p>"), "{html}");
        assert!(html.contains("<h2>FAQ</h2>") && html.contains("<h2>Sources</h2>"), "{html}");
    }
    // A fence inside the code (shorter than the opening one) stays code.
    let mut g = fixture();
    g.sections[0].body = "````\n```\nstill code\n".into();
    let html = render(&guide_markdown(&g));
    assert!(html.contains("<pre><code>```\nstill code\n</code></pre>"), "{html}");
}

#[test]
fn headings_in_bodies_nest_under_their_section_and_question() {
    let mut g = fixture();
    g.sections[0].body = "# Top\n\nText.\n\n## Under\n\n#### Skipped a level".into();
    g.sections[1].body = "Intro\n=====\n\n# a\n## b\n### c\n#### d\n##### e\n###### f".into();
    g.faq[0].answer = "# In an answer\n\n## Below it".into();
    let md = guide_markdown(&g);
    let html = render(&md);
    assert_inert(&html, "headings");
    assert_eq!(html.matches("<h1").count(), 1, "{md}");
    for h in [
        "<h2>What this covers</h2>",
        "<h3>Top</h3>",
        "<h4>Under</h4>",
        "<h5>Skipped a level</h5>",
        "<h3>Intro</h3>",
        "<h3>a</h3>",
        "<h4>b</h4>",
        "<h5>c</h5>",
        "<h6>d</h6>",
        "<h6>e</h6>",
        "<h6>f</h6>",
        "<h3>Why pair storage with compute?</h3>",
        "<h4>In an answer</h4>",
        "<h5>Below it</h5>",
    ] {
        assert!(html.contains(h), "no {h}:\n{md}\n{html}");
    }
}

#[test]
fn plain_text_fields_stay_text() {
    let mut g = fixture();
    g.meta.title = "1. *Not* a list & not &amp; an entity".into();
    g.sections[0].heading = "Heading ### with hashes #".into();
    g.sources[0].summary = "- not a list\n===".into();
    g.sources[0].title = "[x](javascript:alert(1)) ~~no~~".into();
    g.deals.rows[0].terms = Some("a | b `c`".into());
    let md = guide_markdown(&g);
    let html = render(&md);
    assert_inert(&html, "plain text");
    assert!(html.contains("<h1>1. *Not* a list &amp; not &amp;amp; an entity</h1>"), "{html}");
    assert!(html.contains("<h2>Heading ### with hashes #</h2>"), "{html}");
    assert!(html.contains("- not a list ==="), "{html}");
    assert!(html.contains(">[x](javascript:alert(1)) ~~no~~</a>"), "{html}");
    assert!(html.contains("<td>a | b `c`</td>"), "{html}");
}

#[test]
fn content_guides_render_inert_with_the_page_s_links() {
    let content = crate_dir().join("../../../content");
    let mut guides = vec![fixture()];
    for e in std::fs::read_dir(&content).unwrap() {
        let p = e.unwrap().path().join("guide.json");
        if p.is_file() {
            guides.push(Guide::from_json(&std::fs::read_to_string(&p).unwrap()).unwrap());
        }
    }
    for g in guides {
        let html = render(&guide_markdown(&g));
        let what = g.meta.slug.clone();
        assert_inert(&html, &what);
        assert_eq!(html.matches("<h1").count(), 1, "{what}");
    }
}

#[test]
fn each_figure_line_says_what_it_draws() {
    use almanac_guide::{BarLayout, Figure, FigureKind};
    let mut g = fixture();
    let figure = |kind, caption: &str, set: &dyn Fn(&mut Figure)| {
        let mut f = Figure::new("f", kind, caption);
        set(&mut f);
        f
    };
    g.timeline[1].key = true;
    g.timeline[2].key = true;
    g.figures = vec![
        figure(FigureKind::ComputeStack, "Northwind", &|f| f.lab = Some("Northwind".into())),
        figure(FigureKind::ComputeStack, "By partner", &|f| {
            f.lab = Some(" *Northwind* ".into());
            f.partner = Some("volt".into());
            f.bars = BarLayout::Grouped;
        }),
        figure(FigureKind::DealCapacity, "All", &|_| {}),
        figure(FigureKind::Timeline, "Key", &|f| f.key_only = true),
        figure(FigureKind::Timeline, "Range", &|f| {
            f.from = Some("2024-03".into());
            f.to = Some("2026".into());
        }),
        figure(FigureKind::Timeline, "From", &|f| f.from = Some("2020".into())),
        figure(FigureKind::Timeline, "Unreadable", &|f| f.to = Some("soon".into())),
        figure(FigureKind::Timeline, "None", &|f| {
            f.key_only = true;
            f.to = Some("2019".into());
        }),
    ];
    let md = guide_markdown(&g);
    let figures = &md[md.find("## Figures").unwrap()..md.find("## Deals").unwrap()];
    assert_eq!(
        figures.trim_end(),
        "## Figures\n\n\
         - **Figure 1** (compute stack of Northwind, stacked): Northwind\n\
         - **Figure 2** (compute stack of \\*Northwind\\*, partners containing “volt”, grouped): By partner\n\
         - **Figure 3** (committed capacity by lab, stacked): All\n\
         - **Figure 4** (timeline, key events 2024–2026): Key\n\
         - **Figure 5** (timeline, all events March 2024–2026): Range\n\
         - **Figure 6** (timeline, all events from 2020): From\n\
         - **Figure 7** (timeline, all events 2019–2026): Unreadable\n\
         - **Figure 8** (timeline, key events up to 2019): None"
    );
}
