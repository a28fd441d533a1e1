//! Running the built `almanac` binary in tests, with the environment it would read cleared.
//! Each test binary uses some of these helpers.
#![allow(dead_code)]

use std::process::{Command, Output};

/// Runs `almanac` with `args`, without `ALMANAC_DB` or `NO_COLOR` from the test's environment.
pub fn almanac(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_almanac"))
        .args(args)
        .env_remove("ALMANAC_DB")
        .env_remove("NO_COLOR")
        .output()
        .expect("almanac runs")
}

/// Asserts exit 0 and returns stdout.
pub fn ok(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// Asserts exit `exit` and returns stderr.
pub fn err(o: &Output, exit: i32) -> String {
    assert_eq!(o.status.code(), Some(exit), "stdout: {}", String::from_utf8_lossy(&o.stdout));
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A database as the app leaves it: created and seeded by `Store::open`, then the draft of
/// `slug` edited once (its TL;DR gains "Zanzibar edit.").
pub fn app_db(dir: &std::path::Path, slug: &str) -> std::path::PathBuf {
    let path = dir.join("almanac.db");
    let mut s = almanac_store::Store::open(&path).unwrap();
    assert!(!s.open_report().seeded.is_empty(), "a new database is seeded");
    let g = s.guide_by_slug(slug).unwrap();
    let d = s.draft(g.id).unwrap();
    let mut e = d.guide.clone();
    e.tldr = format!("{} Zanzibar edit.", e.tldr);
    s.save_draft(g.id, d.revision, &e).unwrap();
    path
}

/// A new database made by `almanac init` (with `--seed`: the sample guides) in `dir`.
pub fn init_db(dir: &std::path::Path, seed: bool) -> std::path::PathBuf {
    let path = dir.join("almanac.db");
    let db = path.to_str().unwrap();
    let args = if seed { vec!["--db", db, "init", "--seed"] } else { vec!["--db", db, "init"] };
    ok(&almanac(&args));
    path
}

/// Opens a database made by `almanac init` from the test, as the app would (never seeding).
pub fn open_store(path: &std::path::Path) -> almanac_store::Store {
    let opts = almanac_store::OpenOptions { seed: false, ..almanac_store::OpenOptions::default() };
    almanac_store::Store::open_with(path, opts).unwrap()
}
