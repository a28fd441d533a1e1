//! Accessibility and structure checks on whole pages: the fixture guides and the sample
//! guide in content/, each rendered published and in preview.

mod common;

use almanac_render::{parse_when, render_page, PageOptions};
use common::*;
use std::collections::BTreeSet;

fn pages() -> Vec<(String, String)> {
    let mut guides: Vec<(String, almanac_guide::Guide)> = fixture_dirs("pages")
        .into_iter()
        .map(|(name, dir)| (name, load_guide(&dir.join("guide.json"))))
        .collect();
    guides.push(("content/training-infrastructure".into(), load_guide(&content_guide_path())));
    let preview = PageOptions::at(parse_when("2026-12-01T12:00:00Z").expect("test clock"));
    let mut out = Vec::new();
    for (name, g) in guides {
        out.push((name.clone(), render_page(&g, &PageOptions::published())));
        out.push((format!("{name} (preview)"), render_page(&g, &preview)));
    }
    out
}

fn count(tags: &[Tag], name: &str) -> usize {
    tags.iter().filter(|t| t.name == name && !t.closing).count()
}

#[test]
fn one_h1_lang_and_landmarks() {
    for (name, html) in pages() {
        let t = tags(&html);
        assert_eq!(count(&t, "h1"), 1, "{name}: exactly one h1");
        let root = t.iter().find(|t| t.name == "html").expect("html");
        let lang = root.attr("lang").expect("lang attribute");
        assert!(!lang.is_empty(), "{name}: lang is set");
        assert_eq!(count(&t, "main"), 1, "{name}: one main");
        assert_eq!(count(&t, "header"), 1, "{name}: one header");
        assert_eq!(count(&t, "footer"), 1, "{name}: one footer");
        assert_eq!(count(&t, "aside"), 1, "{name}: the newsletter aside");
        assert!(count(&t, "nav") <= 1, "{name}: at most one nav");
        let head_end = html.find("</head>").unwrap();
        assert_eq!(html[..head_end].matches("<title>").count(), 1, "{name}: a document title");
        assert!(html.contains("<meta name=\"viewport\""), "{name}: viewport");
    }
}

#[test]
fn headings_never_skip_a_level() {
    for (name, html) in pages() {
        let mut last = 0;
        for t in tags(&html).iter().filter(|t| !t.closing) {
            let level = match t.name.as_str() {
                "h1" => 1,
                "h2" => 2,
                "h3" => 3,
                "h4" => 4,
                "h5" => 5,
                "h6" => 6,
                _ => continue,
            };
            assert!(level <= last + 1, "{name}: h{level} after h{last}");
            last = level;
        }
    }
}

#[test]
fn tables_have_headers_with_scope_and_the_deal_table_a_caption() {
    for (name, html) in pages() {
        let t = tags(&html);
        for th in t.iter().filter(|t| t.name == "th" && !t.closing) {
            assert!(matches!(th.attr("scope"), Some("col" | "row")), "{name}: th without scope");
        }
        if html.contains("class=\"deal-table\"") && !name.contains("draft") {
            let start = html.find("class=\"deal-table\"").unwrap();
            let after = &html[start..];
            assert!(
                after.find("<caption").unwrap() < after.find("<thead").unwrap(),
                "{name}: caption first"
            );
        }
        // Unknown cells are an em dash announced as "unknown", never a bare dash.
        for (i, _) in html.match_indices(">—</abbr>") {
            assert!(html[..i].ends_with("aria-label=\"unknown\""), "{name}: unknown cell label");
        }
    }
}

#[test]
fn charts_are_images_with_title_and_description() {
    for (name, html) in pages() {
        let t = tags(&html);
        let ids: BTreeSet<&str> = t.iter().filter_map(|t| t.attr("id")).collect();
        for svg in t.iter().filter(|t| t.name == "svg" && !t.closing) {
            assert_eq!(svg.attr("role"), Some("img"), "{name}: svg role=img");
            let labels = svg.attr("aria-labelledby").expect("aria-labelledby");
            for id in labels.split_whitespace() {
                assert!(ids.contains(id), "{name}: {id} exists");
            }
            let rest = &html[svg.at..];
            let title = &rest[rest.find("<title").unwrap()..rest.find("</title>").unwrap()];
            assert!(title.len() > "<title id=\"x\">".len() + 3, "{name}: svg title has text");
            assert!(rest.find("<desc").unwrap() < rest.find("</svg>").unwrap(), "{name}: desc");
            // A visually hidden data list follows the chart.
            let after = &rest[rest.find("</svg>").unwrap()..];
            assert!(after.find("class=\"vh\"").unwrap() < after.find("</figure>").unwrap());
        }
    }
}

#[test]
fn every_age_has_an_absolute_time_and_ids_are_unique() {
    for (name, html) in pages() {
        let t = tags(&html);
        for time in t.iter().filter(|t| t.name == "time" && !t.closing) {
            let dt = time.attr("datetime").expect("datetime");
            assert!(dt.len() >= 4 && dt.as_bytes()[0].is_ascii_digit(), "{name}: datetime {dt}");
        }
        for (i, _) in html.match_indices(" ago</time>") {
            let open = html[..i].rfind("<time").unwrap();
            assert!(
                html[open..i].contains("title=\""),
                "{name}: relative age carries absolute title"
            );
        }
        let mut seen = BTreeSet::new();
        for id in t.iter().filter_map(|t| t.attr("id")) {
            assert!(seen.insert(id.to_string()), "{name}: duplicate id {id}");
        }
        for href in t.iter().filter_map(|t| t.attr("href")) {
            if let Some(frag) = href.strip_prefix('#') {
                assert!(seen.contains(frag), "{name}: link to missing #{frag}");
            }
        }
    }
}

#[test]
fn lists_are_ordered_where_order_matters() {
    for (name, html) in pages() {
        for class in ["takeaway-list", "timeline-list"] {
            if let Some(i) = html.find(&format!("class=\"{class}\"")) {
                assert!(html[..i].ends_with("<ol "), "{name}: {class} is an <ol>");
            }
        }
    }
}
