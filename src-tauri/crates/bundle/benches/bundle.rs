//! Bundle benchmarks on the sample guide (content/training-infrastructure/guide.json):
//! parse + validate, guide.md alone, build the bundle in memory, export to disk (with fsync),
//! and read (import-check) it.
//!
//! Run: cargo bench -p almanac-bundle --bench bundle

use std::hint::black_box;
use std::path::PathBuf;

use almanac_guide::{validate, Guide};
use criterion::{criterion_group, criterion_main, Criterion};

fn sample_text() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../content/training-infrastructure/guide.json");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the sample guide {} is needed: {e}", path.display()))
}

fn benches(c: &mut Criterion) {
    let text = sample_text();
    let guide = Guide::from_json(&text).expect("the sample guide parses");

    c.bench_function("parse_and_validate", |b| {
        b.iter(|| {
            let g = Guide::from_json(black_box(&text)).expect("parses");
            black_box(validate(&g))
        })
    });

    c.bench_function("build_bundle_in_memory", |b| {
        b.iter(|| black_box(almanac_bundle::build_bundle(black_box(&guide)).expect("builds")))
    });

    c.bench_function("guide_markdown", |b| {
        b.iter(|| black_box(almanac_bundle::guide_markdown(black_box(&guide))))
    });

    let dir = tempfile::tempdir().expect("temp dir");
    c.bench_function("export_bundle_to_disk", |b| {
        b.iter(|| {
            black_box(
                almanac_bundle::export_bundle(black_box(&guide), dir.path()).expect("exports"),
            )
        })
    });

    let bundle = almanac_bundle::export_bundle(&guide, dir.path()).expect("exports");
    c.bench_function("read_bundle_checked", |b| {
        b.iter(|| black_box(almanac_bundle::read_bundle(black_box(&bundle)).expect("reads")))
    });
}

criterion_group!(bundle, benches);
criterion_main!(bundle);
