//! Database size for 1,000 guides × 50 versions against the size of their raw JSON. Not a
//! timing: it builds the database and prints the sizes.
//! Run: `cargo bench -p almanac-store --bench size`.

use std::time::Instant;

use almanac_guide::{Guide, VersionState};
use almanac_store::{OpenOptions, Store};

fn sample() -> Guide {
    almanac_store::seed_files()
        .iter()
        .map(|(_, json)| Guide::from_json(json).expect("sample guide parses"))
        .max_by_key(|g| g.to_canonical_json().len())
        .expect("content/ has sample guides")
}

/// Guide `i` after edit `v`: its own slug and title, the TL;DR and one takeaway edited.
fn variant(base: &Guide, i: usize, v: usize) -> Guide {
    let mut g = base.clone();
    g.meta.slug = format!("guide-{i:04}");
    g.meta.title = format!("{} {i}", base.meta.title);
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

/// 1,000 guides × 50 versions: prints the database size against the raw JSON size.
fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("size.db");
    let mut store = file_store(&dir, "size.db");
    // The file size does not depend on syncing; skip it to fill 50,000 versions quickly.
    store.connection().execute_batch("PRAGMA synchronous = OFF").unwrap();
    let base = sample();
    let mut raw: u64 = 0;
    let t = Instant::now();
    for i in 0..1000 {
        let id = store.create_guide(&variant(&base, i, 0)).unwrap().id;
        let mut rev = 1;
        for v in 0..50 {
            let g = variant(&base, i, v);
            if v > 0 {
                rev = store.save_draft(id, rev, &g).unwrap();
            }
            raw += g.to_canonical_json().len() as u64;
            store.snapshot(id, &format!("v{}", v + 1), VersionState::Draft, "").unwrap();
        }
    }
    let built = t.elapsed();
    store.connection().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    let db = std::fs::metadata(&path).unwrap().len();
    let sum = |sql: &str| -> u64 {
        store.connection().query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap() as u64
    };
    let mib = |b: u64| b as f64 / 1_048_576.0;
    println!(
        "size breakdown: version blobs {:.1} MiB ({} blobs, {} deltas), kept draft revisions \
         {:.1} MiB ({} rows), drafts {:.1} MiB, search index text {:.1} MiB, free pages {}",
        mib(sum("SELECT COALESCE(SUM(length(data)), 0) FROM blobs")),
        sum("SELECT COUNT(*) FROM blobs"),
        sum("SELECT COUNT(*) FROM blobs WHERE base_id IS NOT NULL"),
        mib(sum("SELECT COALESCE(SUM(length(data)), 0) FROM draft_revisions")),
        sum("SELECT COUNT(*) FROM draft_revisions"),
        mib(sum("SELECT COALESCE(SUM(length(json)), 0) FROM drafts")),
        mib(sum("SELECT COALESCE(SUM(length(title) + length(tldr) + length(takeaways) \
             + length(sections) + length(faq) + length(sources)), 0) FROM guide_fts")),
        sum("PRAGMA freelist_count"),
    );
    let mb = |b: u64| b as f64 / 1_048_576.0;
    println!(
        "size: 1000 guides x 50 versions (+ drafts and kept revisions): database {:.1} MiB, \
         raw JSON of the versions {:.1} MiB, ratio {:.3} (built in {:.1?})",
        mb(db),
        mb(raw),
        db as f64 / raw as f64,
        built
    );
}
