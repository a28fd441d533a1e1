//! Property test: the figures of any guide (seeded pseudo-random deal rows, timeline events and
//! figures with every option, odd values included: blank and unknown cells, zero, tiny, huge,
//! negative and non-finite capacities, unreadable dates and ranges) render without panicking,
//! deterministically, as well-formed markup, with every SVG coordinate inside the chart: the
//! charts have no `viewBox` (nothing in them is scaled), so "inside" is horizontal coordinates
//! in 0–100 % of the width and vertical ones in 0 to the SVG's height (em). The HTML label rows
//! laid over the SVG add up to its height less the axis band, so each label sits on its bar.

mod common;

use almanac_guide::{
    BarLayout, Capacity, DatePrecision, DealRow, Figure, FigureKind, Guide, TimelineEvent,
};
use almanac_render::{figure_ids, render_figure};
use common::tags;

/// A small deterministic generator (64-bit LCG), as in the diff crate's tests.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const LABS: &[&str] = &["Anthropic", " anthropic ", "OpenAI", "xAI", "", "  ", "Lab <b>&</b>"];
const PARTNERS: &[&str] = &[
    "Amazon",
    "NVIDIA",
    "nvidia",
    "Google / Broadcom (TPU)",
    "",
    "A partner whose name is long enough to be cut short on any phone screen at all",
];

fn capacity(rng: &mut Rng) -> Option<Capacity> {
    let gw = match rng.below(12) {
        0 => return None,
        1 => None,
        2 => Some(0.0),
        3 => Some(1e-7),
        4 => Some(1e9),
        5 => Some(-3.0),
        6 => Some(f64::NAN),
        7 => Some(f64::INFINITY),
        _ => Some((rng.below(2000) as f64) / 100.0),
    };
    Some(Capacity { text: "as typed".into(), gw })
}

fn date(rng: &mut Rng) -> (String, DatePrecision) {
    let y = 1990 + rng.below(40);
    match rng.below(8) {
        0 => (format!("{y}"), DatePrecision::Year),
        1 | 2 => (format!("{y}-{:02}", 1 + rng.below(12)), DatePrecision::Month),
        3 => ("20xx".into(), DatePrecision::Year),
        4 => (format!("{y}-02-30"), DatePrecision::Day),
        5 => (format!("{y}"), DatePrecision::Day),
        _ => (format!("{y}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)), DatePrecision::Day),
    }
}

fn range_end(rng: &mut Rng) -> Option<String> {
    match rng.below(5) {
        0 => Some(format!("{}", 1995 + rng.below(35))),
        1 => Some(format!("{}-{:02}", 1995 + rng.below(35), 1 + rng.below(12))),
        2 => Some("soon".into()),
        _ => None,
    }
}

fn guide(rng: &mut Rng) -> Guide {
    let mut g = Guide::new_empty("g", "G", "2026-01-01T00:00:00Z");
    for i in 0..rng.below(14) {
        g.deals.rows.push(DealRow {
            id: format!("d{i}"),
            lab: rng.chance(90).then(|| rng.pick(LABS).to_string()),
            partner: rng.chance(90).then(|| rng.pick(PARTNERS).to_string()),
            capacity: capacity(rng),
            timeline: None,
            terms: None,
        });
    }
    let mut events: Vec<TimelineEvent> = (0..rng.below(16))
        .map(|i| {
            let (date, precision) = date(rng);
            TimelineEvent {
                id: format!("e{i}"),
                date,
                precision,
                title: if rng.chance(10) { String::new() } else { format!("Event {i} <i>") },
                detail: None,
                link: None,
                key: rng.chance(40),
            }
        })
        .collect();
    events.sort_by(|a, b| a.date.cmp(&b.date));
    g.timeline = events;
    for i in 0..1 + rng.below(4) {
        let kind = [FigureKind::DealCapacity, FigureKind::ComputeStack, FigureKind::Timeline]
            [rng.below(3)];
        let mut f =
            Figure::new(&format!("f{i}"), kind, if rng.chance(20) { "" } else { "Caption" });
        f.lab = rng.chance(50).then(|| rng.pick(LABS).to_string());
        f.partner = rng.chance(25).then(|| rng.pick(&["nvidia", "a", "Nobody", " "]).to_string());
        f.bars = if rng.chance(50) { BarLayout::Grouped } else { BarLayout::Stacked };
        f.key_only = rng.chance(50);
        f.from = range_end(rng);
        f.to = range_end(rng);
        g.figures.push(f);
    }
    g
}

/// A percentage attribute ("37.5%"), in tenths.
fn pct(v: &str, what: &str) -> i64 {
    let n = v.strip_suffix('%').unwrap_or_else(|| panic!("{what}: {v:?} is not a percentage"));
    tenths(n, 10, what)
}

/// An `em` length ("2.75em", or "0"), in hundredths.
fn em(v: &str, what: &str) -> i64 {
    if v == "0" {
        return 0;
    }
    let n = v.strip_suffix("em").unwrap_or_else(|| panic!("{what}: {v:?} is not in em"));
    tenths(n, 100, what)
}

/// A decimal number as an integer count of 1/`scale`, checking it is written exactly.
fn tenths(n: &str, scale: i64, what: &str) -> i64 {
    let (int, frac) = n.split_once('.').unwrap_or((n, ""));
    assert!(!int.starts_with('-'), "{what}: negative {n:?}");
    assert!(frac.len() <= scale.ilog10() as usize, "{what}: {n:?} has too many decimals");
    let i: i64 = int.parse().unwrap_or_else(|_| panic!("{what}: {n:?}"));
    let mut f: i64 = if frac.is_empty() { 0 } else { frac.parse().unwrap() };
    for _ in frac.len()..scale.ilog10() as usize {
        f *= 10;
    }
    i * scale + f
}

/// Checks one rendered figure; returns the number of bars or dots it draws.
fn check(html: &str, anchor: &str, what: &str) -> usize {
    let tags = tags(html);
    // Ids: the figure's own, each once.
    let ids: Vec<&str> = tags.iter().filter_map(|t| t.attr("id")).collect();
    let allowed = figure_ids(anchor);
    for id in &ids {
        assert!(allowed.iter().any(|a| a == id), "{what}: id {id}");
        assert_eq!(ids.iter().filter(|x| *x == id).count(), 1, "{what}: id {id} twice");
    }
    let Some(svg) = tags.iter().find(|t| t.name == "svg" && !t.closing) else {
        assert!(html.contains("class=\"fig-empty\""), "{what}: no chart and no word why");
        return 0;
    };
    assert_eq!(tags.iter().filter(|t| t.name == "svg" && !t.closing).count(), 1, "{what}");
    assert_eq!(svg.attr("role"), Some("img"), "{what}");
    assert_eq!(svg.attr("viewbox"), None, "{what}: nothing in a chart is scaled");
    assert_eq!(svg.attr("width"), Some("100%"), "{what}");
    let height = em(svg.attr("height").expect("height"), what);
    let x_in = |v: i64, w: &str| assert!((0..=1000).contains(&v), "{what}: {w} = {v}‰ outside");
    let y_in = |v: i64, w: &str| assert!((0..=height).contains(&v), "{what}: {w} = {v} outside");
    let mut marks = 0;
    let end = tags.iter().find(|t| t.name == "svg" && t.closing).expect("</svg>").at;
    let inside_svg = |t: &&common::Tag| t.at > svg.at && t.at < end;
    for t in tags.iter().filter(inside_svg).filter(|t| !t.closing) {
        match t.name.as_str() {
            "rect" => {
                let (x, w) = (pct(t.attr("x").unwrap(), what), pct(t.attr("width").unwrap(), what));
                let (y, h) = (em(t.attr("y").unwrap(), what), em(t.attr("height").unwrap(), what));
                x_in(x, "rect x");
                x_in(x + w, "rect x + width");
                y_in(y, "rect y");
                y_in(y + h, "rect y + height");
                if t.attr("class") != Some("band") {
                    marks += 1;
                }
            }
            "line" => {
                for a in ["x1", "x2"] {
                    x_in(pct(t.attr(a).unwrap(), what), a);
                }
                for a in ["y1", "y2"] {
                    y_in(em(t.attr(a).unwrap(), what), a);
                }
            }
            "circle" => {
                x_in(pct(t.attr("cx").unwrap(), what), "cx");
                let (cy, r) = (em(t.attr("cy").unwrap(), what), em(t.attr("r").unwrap(), what));
                y_in(cy - r, "cy - r");
                y_in(cy + r, "cy + r");
                marks += 1;
            }
            "text" => {
                x_in(pct(t.attr("x").unwrap(), what), "text x");
                y_in(em(t.attr("y").unwrap(), what), "text y");
            }
            "g" | "title" | "desc" => {}
            other => panic!("{what}: <{other}> in a chart"),
        }
    }
    // The label rows over the SVG: a row (2.75 em) per bar or dot, a heading (1.7 em) per lab
    // of a grouped chart, then the axis band (1.75 em).
    let rows = html.matches("<li class=\"chart-row").count() as i64;
    let heads = html.matches("<li class=\"chart-head\"").count() as i64;
    assert_eq!(rows * 275 + heads * 170 + 175, height, "{what}: label rows match the SVG");
    assert!(html.contains("class=\"vh\""), "{what}: the data list follows the chart");
    marks
}

#[test]
fn any_guide_s_figures_render_inside_their_charts() {
    let mut drawn = 0;
    for seed in 0..400u64 {
        let mut rng = Rng(seed);
        let g = guide(&mut rng);
        for (i, f) in g.figures.iter().enumerate() {
            let what = format!("seed {seed}, figure {i} ({:?})", f.kind);
            let html = render_figure(&g, i, "fig-x");
            assert_eq!(html, render_figure(&g, i, "fig-x"), "{what}: deterministic");
            drawn += check(&html, "fig-x", &what);
        }
    }
    assert!(drawn > 1000, "the generator draws charts ({drawn} bars and dots)");
}
