//! Page behaviour: determinism, the clock, parts and anchors, themes, drafts.

mod common;

use almanac_guide::Guide;
use almanac_render::{
    export_clock, page_css, parse_when, relative_age, render_page, render_page_with_theme,
    render_part, PageOptions, Part, Theme,
};
use common::*;

fn full() -> Guide {
    load_guide(&crate_dir().join("tests/fixtures/pages/full/guide.json"))
}

fn at(s: &str) -> PageOptions {
    PageOptions::at(parse_when(s).expect("test clock"))
}

#[test]
fn same_input_same_bytes() {
    for g in [full(), load_guide(&content_guide_path())] {
        let opts = export_clock(&g);
        let a = render_page(&g, &opts);
        let b = render_page(&g.clone(), &export_clock(&g.clone()));
        assert_eq!(a, b);
    }
}

#[test]
fn export_clock_is_the_generated_time_with_fallbacks() {
    let mut g = full();
    assert_eq!(export_clock(&g).now, parse_when("2026-03-02T09:30:00Z").unwrap());
    g.meta.generated = "garbage".into();
    assert_eq!(export_clock(&g).now, parse_when("2026-03-01T12:00:00+01:00").unwrap());
    g.meta.updated = "".into();
    assert_eq!(export_clock(&g).now, parse_when("2026-01-05T10:00:00Z").unwrap());
    g.meta.created = "x".into();
    assert_eq!(export_clock(&g).now.timestamp(), 0);
}

#[test]
fn ages_follow_the_clock_passed_in() {
    let g = full();
    let export = render_page(&g, &export_clock(&g));
    assert!(export.contains("generated <time datetime=\"2026-03-02T09:30:00Z\" title=\"2 Mar 2026, 09:30 UTC\">just now</time>"));
    let week_later = render_page(&g, &at("2026-03-09T09:30:00Z"));
    assert!(week_later.contains(">7d ago</time>"), "generated 7d ago");
    assert!(week_later.contains("title=\"20 Feb 2026\">17d ago</time>"), "source age");
    let month_later = render_page(&g, &at("2026-04-25T00:00:00Z"));
    assert!(month_later.contains(">1mo ago</time>"));
    let before = render_page(&g, &at("2026-02-27T09:30:00Z"));
    assert!(before.contains(">in 3d</time>"), "future times read 'in …'");
    assert_eq!(
        relative_age(parse_when("2026-01-01").unwrap(), parse_when("2026-01-01").unwrap()),
        "just now"
    );
}

#[test]
fn every_part_has_an_anchor_and_a_data_path() {
    let g = load_guide(&content_guide_path());
    let html = render_page(&g, &export_clock(&g));
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
    let html = render_page(&g, &export_clock(&g));
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
    // Both charts: bars for quantified rows, "not quantified" for the rest.
    let quantified =
        g.deals.rows.iter().filter(|r| r.capacity.as_ref().and_then(|c| c.gw).is_some()).count();
    assert_eq!(html.matches("<g class=\"bar\">").count(), quantified);
    assert!(html.contains("Not quantified:"));
    assert_eq!(html.matches("<g class=\"event\">").count(), g.timeline.len());
}

#[test]
fn timeline_dates_show_their_precision() {
    let html = render_page(&full(), &export_clock(&full()));
    assert!(html.contains("<time datetime=\"1998\">1998</time>"));
    assert!(html.contains("<time datetime=\"2012-08\">Aug 2012</time>"));
    assert!(html.contains("<time datetime=\"2025-04-09\">9 Apr 2025</time>"));
}

#[test]
fn empty_parts_are_left_out() {
    let g = load_guide(&crate_dir().join("tests/fixtures/pages/empty/guide.json"));
    let html = render_page(&g, &export_clock(&g));
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
    let full = render_page(&full(), &export_clock(&full()));
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
        html.contains("id=\"rt-x\" data-path=\"related_topics[0]\">Nowhere</li>"),
        "bad target shown as text"
    );
}

#[test]
fn render_part_is_the_same_bytes_as_the_page() {
    let g = full();
    let opts = export_clock(&g);
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
    let opts = export_clock(&g);
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
        let html = render_page(&g, &export_clock(&g)).to_ascii_lowercase();
        assert!(!html.contains("<script"));
        assert!(!html.contains("javascript:"));
    }
}
