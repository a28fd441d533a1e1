//! Criterion benchmarks of almanac-diff; results and the command are in BENCHMARKS.md.
//!
//! - `structured/*`: `diff_guides` (default budget) on the sample v1/v2 and on a guide ten
//!   times larger (every list repeated ten times with new ids, the v1 → v2 edits in each copy);
//! - `lines/*`: a plain `similar` line diff of the two `guide.json` texts, for comparison;
//! - `views/*`: the JSON, terminal text and HTML report of the sample diff;
//! - `pathological/*`: two unrelated 1 MB sections, one paragraph or 80-word paragraphs; and
//!   a 1 MB section against itself with one word inserted.

#[path = "../tests/common/gen.rs"]
mod gen;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use almanac_diff::{diff_guides, render_report, render_terminal, Layout, ReportOptions, View};
use almanac_guide::Guide;
use criterion::{criterion_group, criterion_main, Criterion};
use similar::{Algorithm, TextDiff};

fn load(folder: &str) -> Guide {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../content")
        .join(folder)
        .join("guide.json");
    let text = std::fs::read_to_string(&path).expect("sample guide");
    Guide::from_json(&text).expect("valid sample guide")
}

/// Every list repeated `n` times; copies after the first get ids suffixed `-r<k>`.
fn repeated(g: &Guide, n: usize) -> Guide {
    fn rep<T: Clone>(items: &[T], n: usize, id: fn(&mut T) -> &mut String) -> Vec<T> {
        let mut out = Vec::with_capacity(items.len() * n);
        for k in 0..n {
            for it in items {
                let mut it = it.clone();
                if k > 0 {
                    let s = id(&mut it);
                    s.push_str(&format!("-r{k}"));
                }
                out.push(it);
            }
        }
        out
    }
    let mut big = g.clone();
    big.takeaways = rep(&g.takeaways, n, |x| &mut x.id);
    big.sections = rep(&g.sections, n, |x| &mut x.id);
    big.figures = rep(&g.figures, n, |x| &mut x.id);
    big.deals.rows = rep(&g.deals.rows, n, |x| &mut x.id);
    big.timeline = rep(&g.timeline, n, |x| &mut x.id);
    big.related_topics = rep(&g.related_topics, n, |x| &mut x.id);
    big.related_guides = rep(&g.related_guides, n, |x| &mut x.id);
    big.faq = rep(&g.faq, n, |x| &mut x.id);
    big.sources = rep(&g.sources, n, |x| &mut x.id);
    big.tldr = vec![g.tldr.as_str(); n].join(" ");
    big
}

fn line_diff(a: &str, b: &str) -> usize {
    TextDiff::configure().algorithm(Algorithm::Myers).diff_lines(a, b).ops().len()
}

fn bench(c: &mut Criterion) {
    let (v1, v2) = (load("training-infrastructure"), load("training-infrastructure-v2"));
    let (b1, b2) = (repeated(&v1, 10), repeated(&v2, 10));
    let (j1, j2) = (v1.to_canonical_json(), v2.to_canonical_json());
    let (bj1, bj2) = (b1.to_canonical_json(), b2.to_canonical_json());
    eprintln!(
        "sample guide.json: {} / {} bytes; ten times larger: {} / {} bytes",
        j1.len(),
        j2.len(),
        bj1.len(),
        bj2.len()
    );
    assert!(!diff_guides(&b1, &b2).summary.coarse, "the large pair fits the budget");

    let mut g = c.benchmark_group("structured");
    g.bench_function("sample_v1_v2", |b| b.iter(|| diff_guides(black_box(&v1), black_box(&v2))));
    g.bench_function("ten_times_larger", |b| {
        b.iter(|| diff_guides(black_box(&b1), black_box(&b2)))
    });
    g.finish();

    let mut g = c.benchmark_group("lines");
    g.bench_function("sample_v1_v2", |b| b.iter(|| line_diff(black_box(&j1), black_box(&j2))));
    g.bench_function("ten_times_larger", |b| {
        b.iter(|| line_diff(black_box(&bj1), black_box(&bj2)))
    });
    g.finish();

    let mut g = c.benchmark_group("views");
    let d = diff_guides(&v1, &v2);
    g.bench_function("json_sample", |b| b.iter(|| black_box(&d).to_json()));
    g.bench_function("terminal_sample", |b| b.iter(|| render_terminal(black_box(&d), true)));
    for (name, layout, view) in [
        ("report_inline_rendered_sample", Layout::Inline, View::Rendered),
        ("report_side_by_side_source_sample", Layout::SideBySide, View::Source),
    ] {
        let o = ReportOptions { layout, view };
        g.bench_function(name, |b| b.iter(|| render_report(&v1, &v2, black_box(&d), &o)));
    }
    g.finish();

    let mut g = c.benchmark_group("pathological");
    g.sample_size(10).measurement_time(Duration::from_secs(4));
    for (name, para_words) in [("one_paragraph_1mb", 0), ("paragraphs_1mb", 80)] {
        let old = gen::with_section(&v1, gen::prose(1, 1 << 20, para_words));
        let new = gen::with_section(&v1, gen::prose(2, 1 << 20, para_words));
        assert!(diff_guides(&old, &new).summary.coarse);
        g.bench_function(name, |b| b.iter(|| diff_guides(black_box(&old), black_box(&new))));
    }
    // The same size, but one word changed: aligned by paragraph, word level where it changed.
    let body = gen::prose(1, 1 << 20, 80);
    let old = gen::with_section(&v1, body.clone());
    let at = body.len() / 2 + body[body.len() / 2..].find(' ').unwrap();
    let new = gen::with_section(&v1, format!("{} edited{}", &body[..at], &body[at..]));
    let d = diff_guides(&old, &new);
    assert!(!d.summary.coarse, "one edit in a megabyte stays word level");
    g.bench_function("one_edit_in_paragraphs_1mb", |b| {
        b.iter(|| diff_guides(black_box(&old), black_box(&new)))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
