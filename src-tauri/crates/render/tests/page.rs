//! Page behaviour: determinism, published and preview dates, the version line, parts and
//! anchors, themes, drafts.

mod common;

use almanac_guide::{Guide, Part, VersionInfo};
use almanac_render::{
    page_css, parse_when, relative_age, render_page, render_page_with_theme, render_part,
    PageOptions, Theme,
};
use common::*;

fn full() -> Guide {
    load_guide(&crate_dir().join("tests/fixtures/pages/full/guide.json"))
}

fn at(s: &str) -> PageOptions {
    PageOptions::at(parse_when(s).expect("test clock"))
}

fn published(g: &Guide) -> String {
    render_page(g, &PageOptions::published())
}

/// The page without its stylesheet (which names every class).
fn without_css(html: &str) -> String {
    html.replace(page_css(), "")
}

/// The text of every `<time>` element in a page.
fn time_texts(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<time ") {
        rest = &rest[i..];
        let open_end = rest.find('>').expect("<time> closes");
        let close = rest.find("</time>").expect("</time>");
        out.push(rest[open_end + 1..close].to_string());
        rest = &rest[close..];
    }
    out
}

/// "18 Nov 2026", "Nov 2026" or "2026": an absolute date, nothing relative.
fn is_absolute_date(s: &str) -> bool {
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let parts: Vec<&str> = s.split(' ').collect();
    let year = |y: &str| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => year(y),
        [m, y] => MONTHS.contains(m) && year(y),
        [d, m, y] => {
            d.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)) && MONTHS.contains(m) && year(y)
        }
        _ => false,
    }
}

/// Fails if a published page says anything relative to a "now".
fn assert_no_relative_dates(html: &str, what: &str) {
    let text = without_css(html).to_ascii_lowercase();
    for bad in ["ago", "just now", "ages are as of"] {
        assert!(!text.contains(bad), "{what}: published page says {bad:?}");
    }
    for t in time_texts(html) {
        assert!(is_absolute_date(&t), "{what}: <time> shows {t:?}, not an absolute date");
    }
}

#[test]
fn same_input_same_bytes() {
    for g in [full(), load_guide(&content_guide_path())] {
        let a = published(&g);
        let b = render_page(&g.clone(), &PageOptions::published());
        assert_eq!(a, b);
        assert_eq!(PageOptions::default(), PageOptions::published());
        assert!(PageOptions::published().is_published());
        assert!(!at("2026-03-02T09:30:00Z").is_published());
    }
}

#[test]
fn published_pages_show_absolute_dates_only() {
    let mut pages = vec![("content/training-infrastructure".to_string(), {
        load_guide(&content_guide_path())
    })];
    for (name, dir) in fixture_dirs("pages") {
        pages.push((name, load_guide(&dir.join("guide.json"))));
    }
    for (name, g) in &pages {
        for theme in [Theme::System, Theme::Print] {
            let html = render_page_with_theme(g, &PageOptions::published(), theme);
            assert_no_relative_dates(&html, name);
        }
        // The working draft, on a version or before any, is no different.
        for base in [Some("v1"), None] {
            let mut g = g.clone();
            g.meta.version = VersionInfo::working_draft(base);
            assert_no_relative_dates(&published(&g), &format!("{name} as the working draft"));
        }
    }
}

#[test]
fn published_dates_keep_the_full_value_in_datetime() {
    let html = published(&full());
    assert!(html.contains(
        "<li data-path=\"meta.generated\">generated <time datetime=\"2026-03-02T09:30:00Z\">2 Mar 2026</time></li>"
    ));
    // Versions: a timestamp with an offset is shown as the date written.
    assert!(html.contains(
        "<span class=\"state state-in_review\">in review</span> <time datetime=\"2026-03-01T12:00:00+01:00\">1 Mar 2026</time>"
    ));
    assert!(html.contains(
        "<span class=\"state state-live\">live</span> <time datetime=\"2026-01-20T09:00:00Z\">20 Jan 2026</time>"
    ));
    // Sources: a bare date and a timestamp.
    assert!(html.contains(
        "<span class=\"source-age\"><time datetime=\"2026-02-20\">20 Feb 2026</time></span>"
    ));
    assert!(html.contains(
        "<span class=\"source-age\"><time datetime=\"2026-03-02T08:00:00Z\">2 Mar 2026</time></span>"
    ));
    assert!(html.contains(
        "Topic guide · v2 in review. Last updated <time datetime=\"2026-03-01T12:00:00+01:00\">1 Mar 2026</time>.</p></footer>"
    ));
    assert!(!html.contains(" title=\"2 Mar 2026"), "no relative age, so no title for one");
}

#[test]
fn preview_ages_follow_the_clock_passed_in() {
    let g = full();
    let same_time = render_page(&g, &at("2026-03-02T09:30:00Z"));
    assert!(same_time.contains("generated <time datetime=\"2026-03-02T09:30:00Z\" title=\"2 Mar 2026, 09:30 UTC\">just now</time>"));
    let week_later = render_page(&g, &at("2026-03-09T09:30:00Z"));
    assert!(week_later.contains(">7d ago</time>"), "generated 7d ago");
    assert!(week_later.contains("title=\"20 Feb 2026\">17d ago</time>"), "source age");
    assert!(
        week_later.contains("<time datetime=\"2026-01-20T09:00:00Z\" title=\"20 Jan 2026, 09:00 UTC\">1mo ago</time>"),
        "version age"
    );
    assert!(week_later.contains(
        ". Ages are as of <time datetime=\"2026-03-09T09:30:00Z\">9 Mar 2026, 09:30 UTC</time>. \
         Last updated <time datetime=\"2026-03-01T12:00:00+01:00\">1 Mar 2026, 12:00 +01:00</time>."
    ));
    let month_later = render_page(&g, &at("2026-04-25T00:00:00Z"));
    assert!(month_later.contains(">1mo ago</time>"));
    let before = render_page(&g, &at("2026-02-27T09:30:00Z"));
    assert!(before.contains(">in 3d</time>"), "future times read 'in …'");
    assert_eq!(
        relative_age(parse_when("2026-01-01").unwrap(), parse_when("2026-01-01").unwrap()),
        "just now"
    );
    // The sample guide in preview: every source and the header carry a relative age.
    let sample = load_guide(&content_guide_path());
    let html = render_page(&sample, &at("2026-12-01T12:00:00Z"));
    assert!(
        html.matches(" ago</time>").count() >= 1 + sample.sources.len() + sample.versions.len()
    );
    assert!(html.contains("Ages are as of"));
}

#[test]
fn a_named_version_is_its_label_and_state() {
    let html = without_css(&published(&full()));
    assert!(html.contains(
        "<li data-path=\"meta.version\"><span class=\"version-label\">v2</span> · \
         <span class=\"state state-in_review\">in review</span></li>"
    ));
    assert!(html.contains(
        "<li id=\"ver-v2\" data-path=\"versions[0]\" aria-current=\"true\" class=\"current\">"
    ));
    assert_eq!(html.matches("this-version").count(), 1);
    assert!(
        html.contains("1 Mar 2026</time> <span class=\"this-version\">this version</span></li>")
    );
    assert!(!html.contains("draft-base"));
    assert!(!html.contains("unpublished edits") && !html.contains("not yet versioned"));
}

#[test]
fn the_working_draft_on_a_version_names_its_base() {
    let mut g = full();
    g.meta.version = VersionInfo::working_draft(Some("v1"));
    for opts in [PageOptions::published(), at("2026-03-09T09:30:00Z")] {
        let html = without_css(&render_page(&g, &opts));
        assert!(
            html.contains(
                "<li data-path=\"meta.version\"><span class=\"version-label\">v1</span> · \
                 <span class=\"state state-draft\">draft, unpublished edits</span></li>"
            ),
            "header"
        );
        assert!(html.contains("Topic guide · v1 draft, unpublished edits."), "footer");
        // No named version is this one; the base carries a note instead.
        assert!(!html.contains("this-version") && !html.contains("aria-current"));
        let v1 = &html[html.find("<li id=\"ver-v1\"").unwrap()..];
        let v1 = &v1[..v1.find("</li>").unwrap()];
        assert!(v1.ends_with(" <span class=\"draft-base\">draft builds on this</span>"), "{v1}");
        assert_eq!(html.matches("draft builds on this").count(), 1);
    }
    // A draft with no edits since its base says so.
    g.meta.version.same_as_base = true;
    let html = without_css(&published(&g));
    assert!(html.contains("<span class=\"state state-draft\">draft, no edits since</span>"));
    assert!(!html.contains("unpublished edits"));
    // The label "draft" never marks a named version, even one labelled "draft" by mistake.
    g.versions[0].label = "draft".into();
    g.meta.version = VersionInfo::working_draft(None);
    assert!(!without_css(&published(&g)).contains("this-version"));
}

#[test]
fn the_working_draft_before_any_version_says_so() {
    for mut g in [full(), load_guide(&crate_dir().join("tests/fixtures/pages/empty/guide.json"))] {
        g.meta.version = VersionInfo::working_draft(None);
        let html = without_css(&published(&g));
        assert!(html.contains(
            "<li data-path=\"meta.version\"><span class=\"version-label\">draft</span> · \
             <span class=\"state state-draft\">not yet versioned</span></li>"
        ));
        assert!(html.contains(" · draft, not yet versioned."), "footer");
        assert!(!html.contains("this-version") && !html.contains("draft-base"));
        assert!(!html.contains("unpublished edits"));
    }
}

#[test]
fn every_part_has_an_anchor_and_a_data_path() {
    let g = load_guide(&content_guide_path());
    let html = published(&g);
    for anchor in [
        "part-meta",
        "part-tldr",
        "part-takeaways",
        "part-sections",
        "part-figures",
        "part-deals",
        "part-timeline",
        "part-related-topics",
        "part-faq",
        "part-stay-current",
        "part-versions",
        "part-related-guides",
        "part-sources",
    ] {
        assert!(html.contains(&format!("id=\"{anchor}\"")), "{anchor}");
    }
    for path in [
        "meta",
        "tldr",
        "takeaways[0]",
        "sections[1]",
        "figures[1]",
        "deals[2]",
        "deals.caption",
        "deals.footnote",
        "timeline[4]",
        "related_topics[0]",
        "faq[0]",
        "versions[0]",
        "related_guides[0]",
        "sources[5]",
    ] {
        assert!(html.contains(&format!("data-path=\"{path}\"")), "{path}");
    }
    for s in &g.sections {
        assert!(html.contains(&format!("id=\"sec-{}\"", s.id)), "section anchor {}", s.id);
    }
    for r in &g.deals.rows {
        assert!(html.contains(&format!("id=\"deal-{}\"", r.id)), "deal anchor {}", r.id);
    }
}

#[test]
fn seed_parts_are_all_on_the_sample_page_in_order() {
    let g = load_guide(&content_guide_path());
    let html = published(&g);
    let order = [
        ">Almanac<",
        "Topic guide · In-depth",
        "<h1",
        "TL;DR",
        "Key takeaways",
        &g.sections[0].heading,
        "<svg",
        "<table class=\"deal-table\"",
        "class=\"timeline-list\"",
        "Related topics",
        "Frequently asked questions",
        "Stay current",
        "Versions",
        "Related guides (",
        "More on Training Infrastructure (6)",
        "<footer",
    ];
    let mut from = 0;
    for needle in order {
        let i = html[from..].find(needle).unwrap_or_else(|| panic!("{needle} after byte {from}"));
        from += i + needle.len();
    }
    // Every deal row, timeline event, FAQ and source is on the page.
    assert_eq!(html.matches("data-path=\"deals[").count(), g.deals.rows.len());
    assert_eq!(html.matches("data-path=\"timeline[").count(), g.timeline.len());
    assert_eq!(html.matches("class=\"faq-item\"").count(), g.faq.len());
    assert_eq!(html.matches("<article class=\"source\"").count(), g.sources.len());
    assert_eq!(
        html.matches("rel=\"noopener noreferrer\">source").count(),
        g.sources.len() + g.timeline.iter().filter(|e| e.link.is_some()).count()
    );
    // Both charts: the compute stack is one bar with a segment per quantified row of its
    // lab, "not quantified" for the rest; the timeline a dot per key event.
    let stack = &g.figures[0];
    let quantified =
        stack.rows(&g).iter().filter(|r| r.capacity.as_ref().and_then(|c| c.gw).is_some()).count();
    assert_eq!(html.matches("<g class=\"bar\">").count(), 1);
    let bar = &html[html.find("<g class=\"bar\">").unwrap()..];
    assert_eq!(bar[..bar.find("</g>").unwrap()].matches("<rect").count(), quantified);
    assert!(html.contains("Not quantified:"));
    let key = g.timeline.iter().filter(|e| e.key).count();
    assert_eq!(html.matches("<g class=\"event\">").count(), key);
}

#[test]
fn timeline_dates_show_their_precision() {
    let html = published(&full());
    assert!(html.contains("<time datetime=\"1998\">1998</time>"));
    assert!(html.contains("<time datetime=\"2012-08\">Aug 2012</time>"));
    assert!(html.contains("<time datetime=\"2025-04-09\">9 Apr 2025</time>"));
}

#[test]
fn empty_parts_are_left_out() {
    let g = load_guide(&crate_dir().join("tests/fixtures/pages/empty/guide.json"));
    let html = published(&g);
    for absent in [
        "part-tldr",
        "part-takeaways",
        "part-sections",
        "part-figures",
        "part-deals",
        "part-timeline",
        "part-related-topics",
        "part-faq",
        "part-versions",
        "part-related-guides",
        "part-sources",
        "part-contents",
    ] {
        assert!(!html.contains(absent), "{absent} should be left out");
    }
    assert!(html.contains("<h1"));
    assert!(!html.contains("<h2></h2>") && !html.contains("<h3></h3>"), "no empty headings");
    // A blank takeaway / section in the full fixture leaves no empty element either.
    let full = published(&full());
    assert!(!full.contains("<li id=\"tk-tk-empty\""));
    assert!(!full.contains("sec-blank"));
}

#[test]
fn a_broken_draft_renders_raw_text_without_panicking() {
    let g = load_guide(&crate_dir().join("tests/fixtures/pages/draft/guide.json"));
    let html = render_page(&g, &at("2026-05-01T00:00:00Z"));
    for raw in ["2026-13-45", "20xx", "2024-02-30", "someday", "whenever"] {
        assert!(html.contains(&format!("<span class=\"raw-date\">{raw}</span>")), "{raw}");
    }
    assert!(html.contains("<html lang=\"en\""), "empty lang falls back to en");
    assert!(
        html.contains("id=\"tk-dup\"") && html.contains("id=\"tk-dup-2\""),
        "duplicate ids made unique"
    );
    assert!(!html.contains("href=\"javascript"), "bad timeline link not linked");
    assert!(
        html.contains("id=\"rt-x\" data-path=\"related_topics[0]\" dir=\"auto\">Nowhere</li>"),
        "bad target shown as text"
    );
}

#[test]
fn render_part_is_the_same_bytes_as_the_page() {
    let g = full();
    let opts = PageOptions::published();
    let html = render_page(&g, &opts);
    for part in Part::ALL {
        let frag = render_part(&g, &opts, part);
        assert!(!frag.is_empty(), "{part:?} present in the full fixture");
        assert!(html.contains(&frag), "{part:?} fragment appears verbatim in the page");
    }
    let empty = load_guide(&crate_dir().join("tests/fixtures/pages/empty/guide.json"));
    assert_eq!(render_part(&empty, &opts, Part::Deals), "");
}

#[test]
fn themes_force_the_colour_scheme() {
    let g = full();
    let opts = PageOptions::published();
    let system = render_page(&g, &opts);
    assert_eq!(render_page_with_theme(&g, &opts, Theme::System), system);
    assert!(system.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
    assert!(system.contains("content=\"light dark\""));
    let dark = render_page_with_theme(&g, &opts, Theme::Dark);
    assert!(dark.contains("<html lang=\"en-GB\" data-theme=\"dark\">"));
    assert!(dark.contains("<meta name=\"color-scheme\" content=\"dark\">"));
    let light = render_page_with_theme(&g, &opts, Theme::Light);
    assert!(light.contains("data-theme=\"light\"") && light.contains("content=\"light\""));
    let print = render_page_with_theme(&g, &opts, Theme::Print);
    assert!(print.contains("data-theme=\"print\""));
    assert!(print.contains(":root[data-theme=\"print\"] .toc"), "print rules scoped on screen");
    let css = page_css();
    assert!(css.contains("@media (prefers-color-scheme: dark)"));
    assert!(css.contains(":root[data-theme=\"dark\"]"));
    assert!(css.contains("@media print{") && !css.contains("PRINT "));
    assert!(css.contains("font-family") && !css.contains("@font-face"));
}

#[test]
fn no_script_anywhere() {
    for g in [full(), load_guide(&content_guide_path())] {
        let html = published(&g).to_ascii_lowercase();
        assert!(!html.contains("<script"));
        assert!(!html.contains("javascript:"));
    }
}

#[test]
fn guide_text_reads_in_its_own_direction_and_language() {
    let mut g = full();
    g.sections[0].heading = "نظرة عامة".into();
    g.sections[0].lang = Some("ar".into());
    g.faq[0].lang = Some("he".into());
    g.takeaways[0].lang = Some("ar".into());
    g.sources[0].lang = Some(" fr ".into());
    // Not a language tag: left out.
    g.takeaways[1].lang = Some("en\" onload=\"x".into());
    let html = published(&g);
    let (s, f, t, src) = (&g.sections[0], &g.faq[0], &g.takeaways[0], &g.sources[0]);
    for needle in [
        format!("<section class=\"prose-section\" id=\"sec-{}\" data-path=\"sections[0]\" lang=\"ar\" aria-labelledby=", s.id),
        format!("<h2 id=\"sec-{}-h\" dir=\"auto\">نظرة عامة</h2>", s.id),
        // The contents link to the section is in its language too.
        format!("<li><a href=\"#sec-{}\" lang=\"ar\" dir=\"auto\">نظرة عامة</a></li>", s.id),
        format!("<div class=\"faq-item\" id=\"faq-{}\" data-path=\"faq[0]\" lang=\"he\"><h3 dir=\"auto\">", f.id),
        "<div class=\"answer prose\" dir=\"auto\">".to_string(),
        format!("<li id=\"tk-{}\" data-path=\"takeaways[0]\" lang=\"ar\" dir=\"auto\">", t.id),
        format!("<article class=\"source\" id=\"src-{0}\" data-path=\"sources[0]\" aria-labelledby=\"src-{0}-h\" lang=\"fr\">", src.id),
        format!("<h3 id=\"src-{}-h\" dir=\"auto\">", src.id),
        "<p class=\"summary\" dir=\"auto\">".to_string(),
        "<section class=\"part tldr\"".to_string(),
        "</abbr></h2><p dir=\"auto\">".to_string(),
        "<h1 class=\"title\" data-path=\"meta.title\" dir=\"auto\">".to_string(),
        "<caption id=\"part-deals-caption\" data-path=\"deals.caption\" dir=\"auto\">".to_string(),
        "<th scope=\"row\" dir=\"auto\">".to_string(),
        "<p class=\"table-note\" data-path=\"deals.footnote\" dir=\"auto\">".to_string(),
        "<p class=\"what\" dir=\"auto\">".to_string(),
    ] {
        assert!(html.contains(&needle), "missing {needle}");
    }
    assert!(!html.contains("onload"), "a lang that is no tag is not written");
    assert_eq!(html.matches(" lang=\"").count(), 1 + 5, "the page's and the items' own");
    // Markdown: paragraphs, list items, headings and table cells.
    let body = &html[html.find("<div class=\"prose\">").unwrap()..];
    assert!(
        body.contains("<p dir=\"auto\">") && body.contains("<td class=\"al-left\" dir=\"auto\">")
    );
    // Without a lang of their own, items carry none, and the rest of the page is unchanged.
    let plain = published(&full());
    assert_eq!(plain.matches(" lang=\"").count(), 1);
}

#[test]
fn long_words_and_urls_wrap() {
    let css = page_css();
    let rule = css
        .lines()
        .find(|l| l.contains("overflow-wrap: anywhere"))
        .expect("an overflow-wrap: anywhere rule");
    for sel in ["h1", "h2", "h3", "caption"] {
        assert!(rule.split('{').next().unwrap().split(", ").any(|s| s.trim() == sel), "{sel}");
    }
    assert!(css.contains("overflow-wrap: break-word"), "body text breaks long words");
    // Table cells break only a word too long for its line: "anywhere" would let a narrow
    // column break every word ("Ant|hro|pic").
    assert!(css.contains("th, td { overflow-wrap: break-word; }"), "cells keep whole words");
}
