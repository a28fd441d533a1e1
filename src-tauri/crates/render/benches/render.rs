//! `cargo bench -p almanac-render -- --warm-up-time 1 --measurement-time 3`
//!
//! - `render_page/sample`: the whole standalone page of the sample guide (target ≤ 200 µs).
//! - `markdown/almanac` vs `markdown/pulldown_bare`: the guide's Markdown (every section body
//!   and FAQ answer, joined) through `render_markdown` and through bare pulldown-cmark
//!   `push_html` with the same options (target: almanac ≤ 2× bare).

use almanac_guide::Guide;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pulldown_cmark::{html, Options, Parser};
use std::hint::black_box;
use std::path::Path;

fn sample_guide() -> (Guide, &'static str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let content = root.join("../../../content/training-infrastructure/guide.json");
    let (path, name) = if content.exists() {
        (content, "content/training-infrastructure")
    } else {
        (root.join("tests/fixtures/pages/full/guide.json"), "tests/fixtures/pages/full")
    };
    let text = std::fs::read_to_string(&path).expect("sample guide readable");
    (Guide::from_json(&text).expect("sample guide parses"), name)
}

fn bench(c: &mut Criterion) {
    let (guide, name) = sample_guide();
    eprintln!("sample guide: {name}");
    let opts = almanac_render::PageOptions::published();

    let mut g = c.benchmark_group("render_page");
    g.bench_function("sample", |b| {
        b.iter(|| almanac_render::render_page(black_box(&guide), &opts))
    });
    g.finish();

    let mut md = String::new();
    for s in &guide.sections {
        md.push_str(&s.body);
        md.push_str("\n\n");
    }
    for f in &guide.faq {
        md.push_str(&f.answer);
        md.push_str("\n\n");
    }
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut g = c.benchmark_group("markdown");
    g.throughput(Throughput::Bytes(md.len() as u64));
    g.bench_function("almanac", |b| b.iter(|| almanac_render::render_markdown(black_box(&md))));
    g.bench_function("pulldown_bare", |b| {
        b.iter(|| {
            let mut out = String::with_capacity(md.len() + md.len() / 4 + 16);
            html::push_html(&mut out, Parser::new_ext(black_box(&md), options));
            out
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
