//! The charts of every figure kind and option: tests/fixtures/charts/guide.json has one figure
//! per case (deal capacity: all, grouped, by lab, by partner, none matching; compute stack:
//! stacked, grouped, only unquantified rows; timeline: all, key only, a range, an empty
//! selection). Each is checked for what it draws and snapshotted as `render_figure` draws it
//! (the page's bytes), with a line break before each element so that a change reads as a
//! change of the element.

mod common;

use almanac_guide::Guide;
use almanac_render::{figure_ids, render_figure, render_page, PageOptions};
use common::*;

fn fixture() -> Guide {
    load_guide(&crate_dir().join("tests/fixtures/charts/guide.json"))
}

/// The figure with id `id`, as the page draws it.
fn chart(g: &Guide, id: &str) -> String {
    let i = g.figures.iter().position(|f| f.id == id).unwrap_or_else(|| panic!("no figure {id}"));
    render_figure(g, i, &format!("fig-{id}"))
}

/// One element per line.
fn readable(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    for (i, c) in html.char_indices() {
        if c == '<' && i > 0 && !html[i..].starts_with("</") {
            out.push('\n');
        }
        out.push(c);
    }
    out
}

/// The text of every element `<tag class="class"…>…</tag>` (no nested element of the same tag).
fn texts<'a>(html: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    html.match_indices(open)
        .map(|(i, _)| {
            let rest = &html[i + open.len()..];
            let start = rest.find('>').unwrap() + 1;
            &rest[start..start + rest[start..].find(close).unwrap()]
        })
        .collect()
}

fn labels(html: &str) -> Vec<&str> {
    texts(html, "<span class=\"chart-label\"", "</span>")
}

fn values(html: &str) -> Vec<&str> {
    texts(html, "<span class=\"chart-value\"", "</span>")
}

#[test]
fn every_kind_and_option_is_snapshotted() {
    let g = fixture();
    for f in &g.figures {
        insta::assert_snapshot!(format!("chart__{}", f.id), readable(&chart(&g, &f.id)));
    }
}

#[test]
fn a_figure_alone_is_the_page_s_figure() {
    let g = fixture();
    let page = render_page(&g, &PageOptions::published());
    for f in &g.figures {
        let html = chart(&g, &f.id);
        assert!(page.contains(&html), "{}: render_figure gives the page's bytes", f.id);
        // Every id inside starts with the anchor.
        let ids: Vec<&str> =
            html.split(" id=\"").skip(1).map(|r| &r[..r.find('"').unwrap()]).collect();
        let expected = figure_ids(&format!("fig-{}", f.id));
        for id in &ids {
            assert!(expected.iter().any(|e| e == id), "{}: unexpected id {id}", f.id);
        }
    }
    assert_eq!(render_figure(&g, g.figures.len(), "x"), "", "no such figure: nothing");
}

#[test]
fn deal_capacity_has_a_bar_per_lab_split_by_partner() {
    let g = fixture();
    let html = chart(&g, "deal-capacity");
    // Labs by total, largest first; " openai " is OpenAI; a row without a lab is shown as such.
    assert_eq!(labels(&html), ["OpenAI", "Anthropic", "Mistral AI", "Unknown lab"]);
    assert_eq!(values(&html)[..4], ["28 GW", "6.3 GW", "1 GW", "250 MW"]);
    assert_eq!(html.matches("<g class=\"bar\">").count(), 4);
    // Partners are segments, in the legend largest first; "nvidia" is NVIDIA (10 + 2 GW).
    let legend = &html[html.find("chart-legend").unwrap()..];
    assert!(
        legend.contains("<span class=\"sw s1\"></span>NVIDIA <span class=\"chart-value\">12 GW")
    );
    let openai_bar = &html[html.find("<g class=\"bar\">").unwrap()..];
    assert_eq!(openai_bar[..openai_bar.find("</g>").unwrap()].matches("<rect").count(), 3);
    // Rows without a quantity are listed, not drawn.
    assert!(
        html.contains("Not quantified:</span> Anthropic — Google / Broadcom (TPU) (“Multi-GW”)")
    );
    assert!(html.contains("Mistral AI — —"));
}

#[test]
fn deal_capacity_options() {
    let g = fixture();
    let grouped = chart(&g, "deal-capacity-grouped");
    assert_eq!(grouped.matches("<li class=\"chart-head\">").count(), 4, "a heading per lab");
    assert_eq!(grouped.matches("<g class=\"bar\">").count(), 8, "a bar per lab and partner");
    assert!(!grouped.contains("chart-legend"), "bars are labelled: no legend");
    let lab = chart(&g, "deal-capacity-lab");
    assert_eq!(labels(&lab), ["OpenAI"]);
    assert!(lab.contains("Only the deals of openai."));
    let partner = chart(&g, "deal-capacity-partner");
    assert_eq!(labels(&partner), ["OpenAI", "Anthropic"]);
    assert!(partner.contains("Only deals whose partner contains “nvidia”."));
    let none = chart(&g, "deal-capacity-none");
    assert!(none.contains("<p class=\"fig-empty\">Nothing to draw: no deal row matches"));
    assert!(!none.contains("<svg"));
}

#[test]
fn compute_stack_is_one_lab_by_partner() {
    let g = fixture();
    let stacked = chart(&g, "compute-stack");
    assert_eq!(labels(&stacked), ["Anthropic"]);
    assert_eq!(stacked.matches("<rect").count(), 3, "a segment per quantified partner");
    assert!(stacked.contains("Not quantified:</span> Google / Broadcom (TPU) (“Multi-GW”)."));
    assert!(stacked.contains("6.3 GW in total from 3 partners"));
    let grouped = chart(&g, "compute-stack-grouped");
    assert_eq!(
        labels(&grouped),
        [
            "Amazon (Trainium2–4)",
            "Microsoft / NVIDIA (Azure + Grace Blackwell/Vera Rubin)",
            "SpaceX Colossus"
        ]
    );
    assert_eq!(values(&grouped), ["5 GW", "1 GW", "300 MW"]);
    let unquantified = chart(&g, "compute-stack-unquantified");
    assert!(!unquantified.contains("<svg"));
    assert!(unquantified.contains("no deal row it shows states a capacity"));
    assert!(unquantified.contains("Amazon (AWS + Trainium) (“$38B AWS + $100B Trainium”)"));
    // An empty caption: the chart is named after its lab.
    assert!(unquantified.contains(">Compute stack of OpenAI</span></figcaption>"));
}

#[test]
fn timeline_selection_and_range() {
    let g = fixture();
    let numbers = |html: &str| texts(html, "<span class=\"chart-n\"", "</span>").join(" ");
    let all = chart(&g, "timeline");
    assert_eq!(numbers(&all), "1 2 3 4 5 6 7 9 10", "event 8's date cannot be read");
    assert!(all.contains("One event left out: its date cannot be read."));
    assert_eq!(all.matches("<li class=\"chart-row key\">").count(), 6, "key events stand out");
    let key = chart(&g, "timeline-key");
    assert_eq!(numbers(&key), "1 2 4 5 6 9", "key events only, numbered as in the list");
    assert!(!key.contains("chart-row key"));
    let range = chart(&g, "timeline-range");
    assert_eq!(numbers(&range), "4 5 6 7", "September 2023 to the end of 2025");
    assert!(range.contains("Only events from Sep 2023 to 2025."));
    // The axis covers the range: 2023 to the end of 2025.
    assert!(range.contains(">2023</text>") && range.contains(">2026</text>"));
    let empty = chart(&g, "timeline-empty");
    assert!(empty.contains("no timeline event matches this figure’s options"));
    assert!(empty.contains(">Timeline of key events</span></figcaption>"));
}
