//! Store benchmarks. Run: `cargo bench -p almanac-store --bench store`.
//!
//! - save_draft: autosave of the sample guide into a file database (WAL, synchronous=FULL);
//!   also prints p50/p99 over 1,000 measured saves.
//! - list_guides / search: over 1,000 guides.
//! - open_version: read, decompress, verify and parse one version of the sample guide.
//!
//! The database size for 1,000 guides × 50 versions is `benches/size.rs`.

use std::time::{Duration, Instant};

use almanac_guide::{Guide, VersionState};
use almanac_store::{ListQuery, OpenOptions, SortBy, Store};
use criterion::{criterion_group, criterion_main, Criterion};

/// The largest embedded sample guide (the training-infrastructure guide), else a built one.
fn sample() -> Guide {
    almanac_store::seed_files()
        .iter()
        .map(|(_, json)| Guide::from_json(json).expect("sample guide parses"))
        .max_by_key(|g| g.to_canonical_json().len())
        .expect("content/ has sample guides")
}

fn variant(base: &Guide, i: usize, v: usize) -> Guide {
    let mut g = base.clone();
    g.meta.slug = format!("guide-{i:04}");
    g.meta.title = format!("{} {i} ({})", base.meta.title, ["alpha", "beta", "gamma"][i % 3]);
    g.tldr = format!("{} Edit {v} of guide {i}.", base.tldr);
    if let Some(t) = g.takeaways.get_mut(v % base.takeaways.len().max(1)) {
        t.text = format!("{} (revised in edit {v})", t.text);
    }
    g
}

fn file_store(dir: &tempfile::TempDir, name: &str) -> Store {
    let opts = OpenOptions { seed: false, ..OpenOptions::default() };
    Store::open_with(dir.path().join(name), opts).expect("open bench db")
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn bench_save(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = file_store(&dir, "save.db");
    let base = sample();
    let id = store.create_guide(&base).unwrap().id;
    // As seeded, the sample guide has a named version (v1): draft revisions are stored as
    // deltas against it.
    store.snapshot(id, "v1", VersionState::InReview, "").unwrap();
    let mut rev = 1;
    let edited: Vec<Guide> = (0..16).map(|v| variant(&base, 0, v)).collect();
    let mut guides = edited.iter().cycle();
    // Measured loop for the tail: 1,000 saves back to back, each timed.
    let mut times = Vec::with_capacity(1000);
    for _ in 0..1000 {
        let g = guides.next().unwrap();
        let t = Instant::now();
        rev = store.save_draft(id, rev, g).unwrap();
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "save_draft tight loop (sample guide, {} bytes, 1000 saves): p50 {:?}  p99 {:?}  max {:?}",
        base.to_canonical_json().len(),
        percentile(&times, 0.50),
        percentile(&times, 0.99),
        times[times.len() - 1]
    );
    // Paced like an editor's autosave (a save every 20 ms, far more often than the app's
    // autosave): the background checkpointer works in the gaps, as it does in the app.
    let mut paced = Vec::with_capacity(300);
    for _ in 0..300 {
        std::thread::sleep(Duration::from_millis(20));
        let g = guides.next().unwrap();
        let t = Instant::now();
        rev = store.save_draft(id, rev, g).unwrap();
        paced.push(t.elapsed());
    }
    paced.sort();
    println!(
        "save_draft paced (300 saves, one per 20 ms): p50 {:?}  p99 {:?}  max {:?}",
        percentile(&paced, 0.50),
        percentile(&paced, 0.99),
        paced[paced.len() - 1]
    );
    c.bench_function("save_draft sample guide", |b| {
        b.iter(|| {
            rev = store.save_draft(id, rev, guides.next().unwrap()).unwrap();
        })
    });
}

/// 1,000 guides, each with a draft (search and list run over these).
fn thousand(dir: &tempfile::TempDir) -> Store {
    let mut store = file_store(dir, "thousand.db");
    // Set-up only: skip the per-commit sync while filling (what is measured is reading).
    store.connection().execute_batch("PRAGMA synchronous = OFF").unwrap();
    let base = sample();
    for i in 0..1000 {
        store.create_guide(&variant(&base, i, 0)).unwrap();
    }
    store
}

fn bench_list_search(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = thousand(&dir);
    let by_title = ListQuery::default();
    let by_updated = ListQuery { sort: SortBy::Updated, ..ListQuery::default() };
    assert_eq!(store.list_guides(&by_title).unwrap().len(), 1000);
    c.bench_function("list 1000 guides by title", |b| {
        b.iter(|| store.list_guides(&by_title).unwrap())
    });
    c.bench_function("list 1000 guides by updated", |b| {
        b.iter(|| store.list_guides(&by_updated).unwrap())
    });
    let filtered = ListQuery { text: Some("beta".into()), ..ListQuery::default() };
    c.bench_function("list 1000 guides filtered by text", |b| {
        b.iter(|| store.list_guides(&filtered).unwrap())
    });
    let hits = store.search("gigawatt", 1000).unwrap();
    println!("search \"gigawatt\" over 1000 guides: {} hits", hits.len());
    c.bench_function("search 1000 guides (one word, top 50)", |b| {
        b.iter(|| store.search("gigawatt", 50).unwrap())
    });
    c.bench_function("search 1000 guides (two words, all hits)", |b| {
        b.iter(|| store.search("power deal", 1000).unwrap())
    });
}

fn bench_open_version(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = file_store(&dir, "versions.db");
    let base = sample();
    let id = store.create_guide(&base).unwrap().id;
    let v = store.snapshot(id, "v1", VersionState::InReview, "").unwrap();
    c.bench_function("open_version sample guide", |b| b.iter(|| store.open_version(v.id).unwrap()));
    c.bench_function("publishable_version sample guide", |b| {
        b.iter(|| store.publishable_version(v.id).unwrap())
    });
    // The preview's cost of asking the store what the draft's page says (an unsaved edit).
    let mut edited = base.clone();
    edited.tldr.push_str(" An unsaved edit.");
    c.bench_function("stamp_draft sample guide", |b| {
        b.iter(|| {
            let mut g = edited.clone();
            store.stamp_draft(id, &mut g).unwrap();
            g
        })
    });
    c.bench_function("clone sample guide (baseline for stamp_draft)", |b| {
        b.iter(|| edited.clone())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50).measurement_time(Duration::from_secs(5));
    targets = bench_save, bench_list_search, bench_open_version
}
criterion_main!(benches);
