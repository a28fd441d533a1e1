//! Criterion benchmarks of almanac-diff (see BENCHMARKS.md).

use almanac_diff::diff_guides;
use almanac_guide::Guide;
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let g = Guide::new_empty("bench", "Bench", "2026-11-01T00:00:00Z");
    c.bench_function("diff/empty_guides", |b| b.iter(|| diff_guides(&g, &g)));
}

criterion_group!(benches, bench);
criterion_main!(benches);
