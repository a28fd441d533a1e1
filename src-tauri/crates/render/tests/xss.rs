//! XSS payloads: none may survive `render_markdown`, `render_inline`, or `render_page` with the
//! payload in every rendered guide field (titles, ids, dates, URLs, cells, captions, …).
//! The check (`common::assert_safe`) walks every tag of the output: only known tags and
//! attributes, no `on*=` handler, no `<script`, no `<style>` or `<svg>` from Markdown, and no
//! `href` a browser would resolve to anything but http(s), mailto or this page.

mod common;

use almanac_guide::{Capacity, DatePrecision, Guide, RelatedLink, Source, VersionInfo, VersionRef};
use almanac_render::{
    parse_when, render_inline, render_markdown, render_page, render_page_with_theme, PageOptions,
    Theme,
};
use common::*;

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert(1)\">",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\">",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<style>body{background:url(https://evil.example/x)}</style>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"https://evil.example/\">",
    "<form action=\"https://evil.example\"><button>go</button></form>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<!-- --><script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](jav&#x09;ascript:alert(1))",
    "[x](jav&#x0A;ascript:alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](&#1;javascript:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](DATA:text/html,<script>alert(1)</script>)",
    "[x](vbscript:msgbox(1))",
    "[x](//evil.example/x)",
    "[x](\\\\evil.example/x)",
    "<javascript:alert(1)>",
    "<vbscript:msgbox(1)>",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "[x][r]\n\n[r]: <jav\tascript:alert(1)> \"t\"",
    "![x](javascript:alert(1))",
    "![x\" onerror=\"alert(1)](https://evil.example/x.png)",
    "![x](https://evil.example/x.png \"\\\" onload=\\\"alert(1)\")",
    "[x](https://example.org \"\\\" onmouseover=\\\"alert(1)\")",
    "[x](https://example.org 'a\" onclick=\"alert(1)')",
    "# <img src=x onerror=alert(1)>",
    "| <script>a</script> | [x](javascript:y) |\n| --- | --- |\n| <b onclick=z>c</b> | ![i](javascript:q) |",
    "note[^1]\n\n[^1]: <iframe src=javascript:alert(1)></iframe>",
    "[^\"><script>alert(1)</script>]\n\n[^\"><script>alert(1)</script>]: x",
    "```\"><svg onload=alert(1)>\nx\n```",
    "```js\tonclick=alert(1)\nx\n```",
    "\" onmouseover=\"alert(1)",
    "' onfocus='alert(1)' autofocus='",
    "javascript:alert(1)",
    "jav\tascript:alert(1)",
    " \u{1}javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "]]><script>alert(1)</script>",
    "<x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert(1)</x:script>",
];

#[test]
fn there_are_enough_payloads() {
    assert!(PAYLOADS.len() >= 25);
}

#[test]
fn markdown_and_inline_neutralise_every_payload() {
    for p in PAYLOADS {
        assert_safe(&render_markdown(p), false, &format!("render_markdown({p:?})"));
        assert_safe(&render_inline(p), false, &format!("render_inline({p:?})"));
        // Inside emphasis, links, lists and quotes too.
        let nested = format!("> - *{p}* [{p}](https://example.org) **{p}**\n");
        assert_safe(&render_markdown(&nested), false, &format!("nested {p:?}"));
    }
}

/// A guide with `p` in every field the page renders.
fn poisoned(base: &Guide, p: &str) -> Guide {
    let mut g = base.clone();
    let s = || p.to_string();
    let m = &mut g.meta;
    (m.slug, m.title, m.topic, m.kind, m.depth, m.lang) = (s(), s(), s(), s(), s(), s());
    (m.created, m.updated, m.generated) = (s(), s(), s());
    m.version.label = s();
    g.tldr = s();
    for t in &mut g.takeaways {
        (t.id, t.text, t.lang) = (s(), s(), Some(s()));
    }
    for x in &mut g.sections {
        (x.id, x.heading, x.body, x.lang) = (s(), s(), s(), Some(s()));
    }
    for f in &mut g.figures {
        (f.id, f.caption) = (s(), s());
        // Every row has the payload as its lab and partner, so these filters keep them all.
        (f.lab, f.partner) = (Some(s()), Some(s()));
        (f.from, f.to) = (Some(s()), Some(s()));
    }
    (g.deals.caption, g.deals.footnote) = (s(), s());
    for r in &mut g.deals.rows {
        r.id = s();
        (r.lab, r.partner, r.timeline, r.terms) = (Some(s()), Some(s()), Some(s()), Some(s()));
        r.capacity = Some(Capacity { text: s(), gw: Some(1.0) });
    }
    for (i, e) in g.timeline.iter_mut().enumerate() {
        (e.id, e.title, e.detail, e.link) = (s(), s(), Some(s()), Some(s()));
        // Half the events keep a readable date so the chart draws the payload titles.
        if i % 2 == 0 {
            e.date = s();
            e.precision = DatePrecision::Day;
        }
    }
    let link = || RelatedLink { id: s(), title: s(), target: s() };
    g.related_topics.push(link());
    g.related_guides.push(link());
    for l in g.related_topics.iter_mut().chain(g.related_guides.iter_mut()) {
        (l.id, l.title, l.target) = (s(), s(), s());
    }
    for f in &mut g.faq {
        (f.id, f.question, f.answer, f.lang) = (s(), s(), s(), Some(s()));
    }
    g.sources.push(Source {
        id: s(),
        score: 10,
        source: s(),
        published: s(),
        url: s(),
        title: s(),
        summary: s(),
        lang: None,
    });
    for x in &mut g.sources {
        (x.id, x.source, x.published, x.url, x.title, x.summary) = (s(), s(), s(), s(), s(), s());
        x.lang = Some(s());
    }
    g.versions.push(VersionRef { label: s(), state: g.meta.version.state, at: s() });
    for v in &mut g.versions {
        (v.label, v.at) = (s(), s());
    }
    g
}

#[test]
fn page_neutralises_payloads_in_every_field() {
    let base = load_guide(&crate_dir().join("tests/fixtures/pages/full/guide.json"));
    for p in PAYLOADS {
        let g = poisoned(&base, p);
        // The working draft shows the label of the version it builds on.
        let mut draft = g.clone();
        draft.meta.version = VersionInfo::working_draft(Some(p));
        let preview = PageOptions::at(parse_when("2026-03-09T09:30:00Z").unwrap());
        for (g, opts) in [
            (&g, PageOptions::published()),
            (&g, preview),
            (&draft, PageOptions::published()),
            (&draft, preview),
        ] {
            let html = render_page(g, &opts);
            assert_safe(&html, true, &format!("render_page with {p:?}"));
            // The page's own chrome stays intact: one title, one h1, one main.
            assert_eq!(html.matches("<title>").count(), 1, "{p:?}");
            assert_eq!(html.matches("<h1").count(), 1, "{p:?}");
            assert_eq!(html.matches("<main").count(), 1, "{p:?}");
            for theme in [Theme::Dark, Theme::Print] {
                assert_safe(&render_page_with_theme(g, &opts, theme), true, "themed");
            }
        }
    }
}

#[test]
fn payload_urls_in_guide_fields_are_never_linked() {
    let base = load_guide(&crate_dir().join("tests/fixtures/pages/full/guide.json"));
    for p in ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "vbscript:x"] {
        let g = poisoned(&base, p);
        let html = render_page(&g, &PageOptions::published());
        for t in tags(&html) {
            if let Some(h) = t.attr("href") {
                let scheme = &p.to_ascii_lowercase()[..p.find(':').unwrap() + 1];
                assert!(!h.to_ascii_lowercase().contains(scheme), "{p}: {h}");
            }
        }
    }
}

#[test]
fn the_page_makes_no_external_request() {
    let g = load_guide(&crate_dir().join("tests/fixtures/pages/full/guide.json"));
    let html = render_page(&g, &PageOptions::published());
    for t in tags(&html) {
        for banned in ["src", "srcset", "poster", "data", "xlink:href", "action", "background"] {
            assert!(t.attr(banned).is_none(), "<{} {banned}=…>", t.name);
        }
        assert!(!matches!(t.name.as_str(), "img" | "link" | "script" | "iframe" | "object"));
    }
    let css = almanac_render::page_css();
    assert!(!css.contains("url("), "no url() in CSS");
    assert!(!css.contains("@import"), "no @import in CSS");
    assert!(!css.contains("@font-face"), "no web fonts");
    assert!(html.contains("default-src 'none'"), "CSP forbids every fetch");
}

#[test]
fn the_checker_itself_rejects_unsafe_html() {
    let bad = [
        "<p onclick=\"x\">a</p>",
        "<a href=\"javascript:alert(1)\">a</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">a</a>",
        "<a href=\" &#1;JAVASCRIPT:alert(1)\">a</a>",
        "<a href=\"data:text/html,x\">a</a>",
        "<a href=\"//evil.example\">a</a>",
        "<img src=\"x\">",
        "<p style=\"color:red\">a</p>",
        "<script>alert(1)</script>",
        "<iframe></iframe>",
        "a < b",
        "<p class=x>a</p>",
        "<!-- c -->",
        "<style>p{}</style>",
        "<svg role=\"img\"></svg>",
    ];
    for html in bad {
        let caught = std::panic::catch_unwind(|| assert_safe(html, false, "probe"));
        assert!(caught.is_err(), "the checker accepted {html:?}");
    }
    assert_safe("<p><a href=\"https://example.org/?a=1&amp;b=2\" rel=\"noopener noreferrer\">ok</a> &lt;b&gt;</p>", false, "good");
}
