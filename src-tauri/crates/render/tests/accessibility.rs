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
    let charts = crate_dir().join("tests/fixtures/charts/guide.json");
    guides.push(("tests/fixtures/charts".into(), load_guide(&charts)));
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
        // Unknown cells are an em dash announced as "unknown", never a bare dash: the dash is
        // hidden from screen readers, which read the visually hidden word instead.
        for (i, _) in html.match_indices(">—</") {
            assert!(
                html[..i].ends_with(
                    "<abbr class=\"unknown\" title=\"unknown\"><span aria-hidden=\"true\""
                ) && html[i..].starts_with(">—</span><span class=\"vh\">unknown</span></abbr>"),
                "{name}: unknown cell at {i}"
            );
        }
        // A header cell always names its column.
        for (i, _) in html.match_indices("<th ") {
            let cell = &html[i..i + html[i..].find("</th>").unwrap()];
            let text = cell[cell.find('>').unwrap() + 1..].trim();
            assert!(!text.is_empty(), "{name}: empty header cell at {i}");
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

/// Elements whose role may be named by `aria-label` (on a generic element, a paragraph, an
/// `<abbr>` or a plain list, ARIA forbids it or assistive technology ignores it).
const NAMEABLE: &[&str] = &["a", "nav", "section", "aside", "main", "figure", "table", "svg"];

#[test]
fn aria_label_only_where_a_name_is_allowed() {
    for (name, html) in pages() {
        for t in tags(&html).iter().filter(|t| t.attr("aria-label").is_some()) {
            // An explicit role that takes a name (a scrolling table's focusable wrapper is a
            // named group) makes any element nameable.
            let named_role = matches!(t.attr("role"), Some("group" | "img" | "region"));
            assert!(
                named_role || NAMEABLE.contains(&t.name.as_str()),
                "{name}: aria-label on <{}>",
                t.name
            );
        }
    }
}

/// The colour palettes of the page stylesheet, and a WCAG contrast check of every text
/// colour against the background it sits on.
mod contrast {
    use std::collections::HashMap;

    /// A rule with no rule inside it.
    pub struct Rule {
        /// The enclosing at-rule (`@media print`), or "".
        pub at: String,
        pub selector: String,
        /// (property, value), in order.
        pub decls: Vec<(String, String)>,
    }

    impl Rule {
        pub fn get(&self, property: &str) -> Option<&str> {
            self.decls.iter().find(|(k, _)| k == property).map(|(_, v)| v.as_str())
        }
    }

    /// Every rule with declarations, in order.
    pub fn rules(css: &str) -> Vec<Rule> {
        let mut text = String::with_capacity(css.len());
        let mut rest = css;
        while let Some(i) = rest.find("/*") {
            text.push_str(&rest[..i]);
            rest = &rest[i + rest[i..].find("*/").expect("comment closes") + 2..];
        }
        text.push_str(rest);
        let mut out = Vec::new();
        // (selector, body start, has a nested block)
        let mut stack: Vec<(String, usize, bool)> = Vec::new();
        let mut seg = 0;
        for (i, c) in text.char_indices() {
            match c {
                '{' => {
                    if let Some(top) = stack.last_mut() {
                        top.2 = true;
                    }
                    stack.push((text[seg..i].trim().to_string(), i + 1, false));
                    seg = i + 1;
                }
                '}' => {
                    let (sel, start, nested) = stack.pop().expect("balanced braces");
                    if !nested {
                        let at = stack.first().map(|s| s.0.clone()).unwrap_or_default();
                        let decls = text[start..i]
                            .split(';')
                            .filter_map(|d| d.split_once(':'))
                            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                            .collect();
                        out.push(Rule { at, selector: sel, decls });
                    }
                    seg = i + 1;
                }
                ';' => seg = i + 1,
                _ => {}
            }
        }
        out
    }

    fn channel(c: u8) -> f64 {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }

    /// Relative luminance of `#rgb` or `#rrggbb`.
    fn luminance(hex: &str) -> f64 {
        let h = hex.trim_start_matches('#');
        let h = if h.len() == 3 { h.chars().flat_map(|c| [c, c]).collect() } else { h.to_string() };
        let v = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).expect("hex colour");
        0.2126 * channel(v(0)) + 0.7152 * channel(v(2)) + 0.0722 * channel(v(4))
    }

    pub fn ratio(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// A colour value under a palette: `#hex`, or `var(--x)` looked up; `None` for anything
    /// else (`none`, `inherit`, gradients).
    pub fn resolve(value: &str, palette: &HashMap<String, String>) -> Option<String> {
        let v = value.trim().trim_end_matches("!important").trim();
        if v.starts_with('#') {
            return Some(v.to_string());
        }
        let name = v.strip_prefix("var(")?.strip_suffix(')')?;
        let got = palette.get(name)?;
        got.starts_with('#').then(|| got.clone())
    }
}

#[test]
fn every_text_colour_reaches_4_5_to_1_in_light_dark_and_print() {
    use contrast::{ratio, resolve, rules};
    use std::collections::HashMap;
    let rules = rules(almanac_render::page_css());
    let vars = |at: &str, sel: &str| -> HashMap<String, String> {
        let rule = rules
            .iter()
            .find(|r| r.at.starts_with(at) && r.selector == sel && r.get("--bg").is_some())
            .unwrap_or_else(|| panic!("palette {sel:?} in {at:?}"));
        rule.decls.iter().filter(|(k, _)| k.starts_with("--")).cloned().collect()
    };
    let light = vars("", ":root");
    let dark = vars("", ":root[data-theme=\"dark\"]");
    let system_dark = vars(
        "@media (prefers-color-scheme: dark)",
        ":root:not([data-theme=\"light\"]):not([data-theme=\"print\"])",
    );
    assert_eq!(dark, system_dark, "the two dark palettes are the same");
    let with = |over: &HashMap<String, String>| {
        let mut p = light.clone();
        p.extend(over.iter().map(|(k, v)| (k.clone(), v.clone())));
        p
    };
    let palettes = [
        ("light", light.clone()),
        ("dark", with(&dark)),
        ("print", with(&vars("@media print", "body"))),
    ];
    // Text drawn over a shape rather than the page: the numbers in the timeline chart's dots.
    let on_shape: HashMap<&str, &str> = HashMap::from([(".chart .dot-n", "var(--bar)")]);
    let mut checked = 0;
    let mut failures = Vec::new();
    for rule in &rules {
        let (at, sel, get) = (&rule.at, &rule.selector, |k: &str| rule.get(k));
        // SVG text is coloured by `fill`; shapes (bars, dots, bands) are not text.
        let text_fill = ["text", "label", "value", "dot-n"]
            .iter()
            .any(|w| sel.rsplit([' ', '.']).next().is_some_and(|last| last.contains(w)));
        let Some(fg) = get("color").or(get("fill").filter(|_| text_fill)) else { continue };
        let own_bg =
            get("background").or(get("background-color")).or(on_shape.get(sel.as_str()).copied());
        for (pname, palette) in &palettes {
            // Print rules apply only in print.
            if at.starts_with("@media print") && *pname != "print" {
                continue;
            }
            let Some(fg) = resolve(fg, palette) else { continue };
            let backgrounds: Vec<String> = match own_bg.and_then(|b| resolve(b, palette)) {
                Some(b) => vec![b],
                // Text with no background of its own sits on the page or on a surface (a
                // hovered table row, the TL;DR box, a code span, the newsletter block).
                None => ["var(--bg)", "var(--surface)"]
                    .iter()
                    .filter_map(|b| resolve(b, palette))
                    .collect(),
            };
            for bg in backgrounds {
                checked += 1;
                let r = ratio(&fg, &bg);
                if r < 4.5 {
                    failures.push(format!("{pname}: `{sel}` {fg} on {bg} is {r:.2}:1"));
                }
            }
        }
    }
    assert!(checked > 60, "only {checked} pairs checked: is the stylesheet parsed?");
    assert!(failures.is_empty(), "contrast below 4.5:1:\n{}", failures.join("\n"));
}

#[test]
fn the_contrast_check_itself() {
    assert!((contrast::ratio("#000", "#fff") - 21.0).abs() < 0.01);
    // The old faint grey on the page background: 3.07:1.
    assert!((contrast::ratio("#8a909a", "#fbfaf7") - 3.08).abs() < 0.01);
    let rules = contrast::rules("/* c */ a { color: red; } @media print { b { x: y } }");
    assert_eq!(rules[0].selector, "a");
    assert_eq!(rules[0].get("color"), Some("red"));
    assert_eq!(rules[1].at, "@media print");
}
