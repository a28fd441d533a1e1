//! Criterion benchmarks of almanac-merge: the sample v2 (theirs) merged into an edited copy of
//! v1 (ours), with v1 as the base; and the same merge resolved, every conflict as theirs.

#[path = "../tests/common/mod.rs"]
mod common;

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Duration;

use almanac_merge::{merge, resolve, Resolution};
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let (base, ours, theirs) = (common::v1(), common::draft_on_v1(), common::v2());
    let m = merge(&base, &ours, &theirs);
    eprintln!("sample merge: {} applied, {} conflicts", m.applied.len(), m.conflicts.len());
    assert!(!m.conflicts.is_empty() && !m.applied.is_empty());
    let theirs_all: BTreeMap<String, Resolution> =
        m.conflicts.iter().map(|c| (c.key.clone(), Resolution::Theirs)).collect();

    let mut g = c.benchmark_group("merge");
    g.bench_function("sample_v2_into_draft", |b| {
        b.iter(|| merge(black_box(&base), black_box(&ours), black_box(&theirs)))
    });
    g.bench_function("sample_v2_into_draft_resolved", |b| {
        b.iter(|| resolve(black_box(&base), black_box(&ours), black_box(&theirs), &theirs_all))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
