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

/// `almanac --db <db> <args>` with git kept from the user's and the system's configuration
/// (so commits are made as the fallback identity), and `env` on top.
pub fn run_with(db: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_almanac"));
    cmd.arg("--db").arg(db).args(args);
    cmd.env_remove("ALMANAC_DB").env_remove("NO_COLOR").env_remove("ALMANAC_GIT");
    cmd.env("GIT_CONFIG_GLOBAL", "/dev/null").env("GIT_CONFIG_NOSYSTEM", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("almanac runs")
}

pub fn run(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    run_with(db, args, &[])
}

/// The system git in `dir`, kept from the user's configuration; its standard output.
pub fn git(dir: &std::path::Path, args: &[&str]) -> String {
    let o = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("LC_ALL", "C")
        .output()
        .expect("git runs");
    assert!(o.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

/// An empty bare repository `<dir>/<name>`.
pub fn bare(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    git(dir, &["init", "--quiet", "--bare", name]);
    dir.join(name)
}
