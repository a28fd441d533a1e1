//! Shared library benchmarks, with a real git on a bare repository in a temporary folder.
//! Run: `cargo bench -p almanac-sync --bench sync` (sizes: `BENCH_GUIDES`, default 1,000;
//! `BENCH_VERSIONS`, default 20).
//!
//! 1. Builds a shared library of GUIDES × VERSIONS versions (each with its `named` event) of
//!    the scaling-science sample guide, varied, straight as files, and pushes it.
//! 2. **First link**: a new, empty database links to it (clone + bringing everything in).
//! 3. **Sync with nothing to do**, repeated.
//! 4. **Sync of one new version**: name a version of one guide, sync (shares it), repeated on
//!    other guides; before 3, the baselines: `git fetch` alone, and `git add` + `commit` +
//!    `push` of one file.
//! 5. **Merge** of the sample guide's v2 into an edited draft (`almanac_merge::merge`).
//!
//! Prints the median and the slowest of each, with the load average.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use almanac_guide::{Guide, VersionState};
use almanac_store::{
    edit_hash, event_file, version_file, EventKind, OpenOptions, ReviewEvent, Store,
    MACHINE_SETTING, REVIEWER_SETTING,
};
use almanac_sync::{layout, GitCli, Library};
use serde_json::json;

fn env_usize(key: &str, default: usize) -> usize {
    std::env::var(key).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn sample(dir: &str) -> Guide {
    let json = almanac_store::seed_files().iter().find(|(d, _)| *d == dir).unwrap().1;
    Guide::from_json(json).unwrap()
}

fn git() -> GitCli {
    GitCli::system()
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", std::env::temp_dir())
}

fn sh(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Bench", "-c", "user.email=bench@localhost"])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn stats(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = times[times.len() / 2];
    println!(
        "{name:<44} n={:<3} median {:>9.1} ms   max {:>9.1} ms   (load {})",
        times.len(),
        ms(median),
        ms(*times.last().unwrap()),
        load()
    );
}

fn desk(dir: &Path, machine: &str) -> (Store, Library) {
    std::fs::create_dir_all(dir).unwrap();
    let mut s = Store::open_with(
        dir.join("almanac.db"),
        OpenOptions { seed: false, ..OpenOptions::default() },
    )
    .unwrap();
    s.set_setting(MACHINE_SETTING, machine).unwrap();
    s.set_setting(REVIEWER_SETTING, "Bench").unwrap();
    let lib = Library::new(git(), dir.join("shared-library"));
    (s, lib)
}

fn main() {
    let guides = env_usize("BENCH_GUIDES", 1000);
    let versions = env_usize("BENCH_VERSIONS", 20);
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    println!("shared library: {guides} guides x {versions} versions; load {}", load());

    // 1. The library, as files.
    let t = Instant::now();
    let remote = root.join("library.git");
    git().init(&remote, true).unwrap();
    let work = root.join("build");
    sh(root, &["init", "-q", "-b", "main", work.to_str().unwrap()]);
    let base = sample("scaling-science");
    let mut n = 0u64;
    for i in 0..guides {
        let folder = format!("guide-{i:04}");
        let mut parent: Option<String> = None;
        for v in 1..=versions {
            let mut g = base.clone();
            g.meta.slug = folder.clone();
            g.meta.title = format!("Guide {i}");
            g.tldr = format!("{} Edit {v} of guide {i}.", base.tldr);
            let label = format!("v{v}");
            let bytes = version_file(&g, &label, VersionState::Draft);
            let path = work.join(layout::version_path(&folder, &label));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, bytes).unwrap();
            n += 1;
            let at = format!(
                "2026-11-01T00:{:02}:{:02}.{:03}Z",
                (n / 60000) % 60,
                (n / 1000) % 60,
                n % 1000
            );
            let id = format!("{}-bench-{n:08x}", at.replace([':', '-', '.'], ""));
            let mut data = serde_json::Map::new();
            let parents: Vec<String> = parent.iter().cloned().collect();
            for (k, val) in [
                ("state", json!("draft")),
                ("note", json!("")),
                ("content_updated", json!(at)),
                ("content_hash", json!(edit_hash(&g.stripped()))),
                ("parents", json!(parents)),
            ] {
                data.insert(k.into(), val);
            }
            let e = ReviewEvent {
                id: id.clone(),
                kind: EventKind::Named,
                version: label.clone(),
                at,
                author: "Bench".into(),
                machine: "bench".into(),
                data,
            };
            let path = work.join(layout::event_path(&folder, &id));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, event_file(&e)).unwrap();
            parent = Some(label);
        }
    }
    sh(&work, &["add", "-A"]);
    sh(&work, &["commit", "-qm", "bench library"]);
    sh(&work, &["push", "-q", remote.to_str().unwrap(), "main"]);
    println!("built the shared library in {:.1} s", t.elapsed().as_secs_f64());
    let url = format!("file://{}", remote.display());

    // 2. First link.
    let (mut a, lib_a) = desk(&root.join("a"), "desk-a");
    let t = Instant::now();
    let r = lib_a.link(&mut a, &url).unwrap();
    stats("first link (clone + bring everything in)", vec![t.elapsed()]);
    assert_eq!(r.imported.new_guides.len(), guides);

    // Baselines in the same run: what git alone costs on this library.
    let clone = lib_a.clone_path().to_path_buf();
    let mut times = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        sh(&clone, &["fetch", "-q", "origin"]);
        times.push(t.elapsed());
    }
    stats("baseline: git fetch alone (nothing new)", times);
    let mut times = Vec::new();
    for k in 0..10 {
        let t = Instant::now();
        let rel = format!("bench-baseline-{k}.txt");
        std::fs::write(clone.join(&rel), "x").unwrap();
        sh(&clone, &["add", &rel]);
        sh(&clone, &["commit", "-qm", "baseline"]);
        sh(&clone, &["push", "-q", "origin", "HEAD:main"]);
        times.push(t.elapsed());
    }
    stats("baseline: git add + commit + push one file", times);

    // 3. Nothing to do.
    let mut times = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        let r = lib_a.sync(&mut a).unwrap();
        times.push(t.elapsed());
        assert!(r.commit.is_none());
    }
    stats("sync with nothing to do", times);

    // 4. One new version each time.
    let mut times = Vec::new();
    for k in 0..10 {
        let slug = format!("guide-{:04}", (k * 97) % guides);
        let id = a.guide_by_slug(&slug).unwrap().id;
        let mut d = a.draft(id).unwrap();
        d.guide.tldr = format!("A new edit, {k}.");
        a.save_draft(id, d.revision, &d.guide).unwrap();
        a.snapshot(id, &format!("v{}", versions + 1), VersionState::InReview, "").unwrap();
        let t = Instant::now();
        let r = lib_a.sync(&mut a).unwrap();
        times.push(t.elapsed());
        assert_eq!(r.shared_versions.len(), 1, "{r:?}");
    }
    stats("sync of one new version", times);

    // 5. Merge of the sample v2 into an edited draft.
    let base = sample("training-infrastructure").stripped();
    let theirs = sample("training-infrastructure-v2").stripped();
    let mut ours = base.clone();
    ours.tldr = "An editor's own summary.".into();
    ours.faq[0].answer = "An editor's own answer.".into();
    let mut times = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        let m = almanac_merge::merge(&base, &ours, &theirs);
        times.push(t.elapsed());
        assert!(!m.applied.is_empty());
    }
    stats("merge sample v2 into an edited draft", times);
}
