//! `cargo bench -p almanac-edit --bench edit -- --warm-up-time 1 --measurement-time 3`
//!
//! One keystroke as a patch (`Set` of a field to its text plus or minus one character,
//! alternately) on the sample guide `content/training-infrastructure/guide.json` and on that
//! guide ten times larger (every list but the figures repeated ten times with fresh ids
//! `<id>-x<k>`, as `tests/e2e/bench.mjs` makes it):
//!
//! - `keystroke/<guide>/tldr`, `…/section_body` (section 5's body), `…/deal_cell` (deal row 3's
//!   partner, which the capacity charts also draw): the time of `Session::apply`, which includes
//!   re-validating and re-rendering what the patch affects. The size of the answer
//!   (`Applied` as JSON) is printed for each.
//! - `baseline/<guide>`: what the app does per keystroke without a session: a full
//!   `render_page` + `validate` + a serde round trip of the whole guide (to JSON text and back).
//!
//! The load average is printed before and after.

use almanac_edit::{Patch, Session};
use almanac_guide::Guide;
use almanac_render::PageOptions;
use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::{json, Value};
use std::hint::black_box;

fn sample() -> Guide {
    let path =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../content/training-infrastructure/guide.json");
    Guide::from_json(&std::fs::read_to_string(path).expect("sample guide readable"))
        .expect("sample guide parses")
}

/// Every item of `list` ten times, with ids `<id>-x<k>`.
fn grow<T: Clone>(list: &[T], id: impl Fn(&mut T) -> &mut String) -> Vec<T> {
    let mut out = Vec::with_capacity(list.len() * 10);
    for k in 0..10 {
        for it in list {
            let mut it = it.clone();
            let slot = id(&mut it);
            *slot = format!("{slot}-x{k}");
            out.push(it);
        }
    }
    out
}

/// The guide ten times larger (`tenTimes` of `tests/e2e/bench.mjs`).
fn ten_times(g: &Guide) -> Guide {
    let mut big = g.clone();
    big.meta.slug = format!("{}-x10", g.meta.slug);
    big.meta.title = format!("{} (×10)", g.meta.title);
    big.takeaways = grow(&g.takeaways, |x| &mut x.id);
    big.sections = grow(&g.sections, |x| &mut x.id);
    big.timeline = grow(&g.timeline, |x| &mut x.id);
    big.related_topics = grow(&g.related_topics, |x| &mut x.id);
    big.related_guides = grow(&g.related_guides, |x| &mut x.id);
    big.faq = grow(&g.faq, |x| &mut x.id);
    big.sources = grow(&g.sources, |x| &mut x.id);
    big.deals.rows = grow(&g.deals.rows, |x| &mut x.id);
    big
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// The text at `path` of the guide (a string field).
fn text_at(g: &Guide, path: &str) -> String {
    let v = serde_json::to_value(g).unwrap();
    let pointer = match path {
        "tldr" => "/tldr".to_string(),
        p if p.starts_with("sections[4]") => "/sections/4/body".to_string(),
        _ => "/deals/rows/2/partner".to_string(),
    };
    v.pointer(&pointer).and_then(Value::as_str).unwrap_or_default().to_string()
}

fn bench(c: &mut Criterion) {
    eprintln!("load average before: {}", load_average());
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-25T12:00:00Z").unwrap();
    let opts = PageOptions::at(now);
    let base = sample();
    let guides = [("sample", base.clone()), ("ten_times", ten_times(&base))];
    for (name, guide) in &guides {
        let json_len = serde_json::to_string(guide).unwrap().len();
        eprintln!(
            "{name}: {json_len} bytes of JSON, {} deal rows, {} sections",
            guide.deals.rows.len(),
            guide.sections.len()
        );
        let mut group = c.benchmark_group(format!("keystroke/{name}"));
        for (case, path) in [
            ("tldr", "tldr"),
            ("section_body", "sections[4].body"),
            ("deal_cell", "deals[2].partner"),
        ] {
            let mut session = Session::new(guide.clone(), opts);
            let text = text_at(guide, path);
            let typed = json!(format!("{text}x"));
            let untyped = json!(text);
            let set = |v: &Value| Patch::Set { path: path.to_string(), value: v.clone() };
            let (plus, minus) = (set(&typed), set(&untyped));
            let applied = session.apply(&plus).unwrap();
            let bytes = serde_json::to_vec(&applied).unwrap().len();
            let parts: Vec<_> = applied.parts.iter().map(|(p, h)| (p.key(), h.len())).collect();
            eprintln!(
                "{name}/{case}: answer {bytes} bytes of JSON (parts {parts:?}, chrome {}, findings splice {}/{})",
                applied.chrome.len(),
                applied.findings.remove,
                applied.findings.insert.len()
            );
            session.apply(&minus).unwrap();
            let mut flip = false;
            group.bench_function(case, |b| {
                b.iter(|| {
                    flip = !flip;
                    black_box(session.apply(if flip { &plus } else { &minus }).unwrap())
                })
            });
        }
        group.finish();

        let mut group = c.benchmark_group("baseline");
        group.bench_function(*name, |b| {
            b.iter(|| {
                let text = serde_json::to_string(black_box(guide)).unwrap();
                let mut back: Guide = serde_json::from_str(&text).unwrap();
                back.normalize();
                let page = almanac_render::render_page(&back, &opts);
                let findings = almanac_guide::validate(&back);
                black_box((page.len(), findings.len()))
            })
        });
        group.finish();
    }
    eprintln!("load average after: {}", load_average());
}

criterion_group!(benches, bench);
criterion_main!(benches);
