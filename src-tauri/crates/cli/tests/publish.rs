//! `almanac publish`, run by the built `almanac` binary, each test on its own database made by
//! `almanac init --seed` (two guides with a live version each) and its own sites: a folder, and
//! bare repositories made by the test with the system git.

use std::collections::BTreeMap;
use std::path::Path;

use almanac_guide::VersionState;

mod common;
use common::{bare, err, git, init_db, ok, open_store, run, run_with};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every file under `dir`, by path, with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(e.path()).unwrap());
            }
        }
    }
    out
}

#[test]
fn publishing_a_folder_twice_changes_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let db = init_db(dir.path(), true);
    let site = dir.path().join("public");

    let out = ok(&run(&db, &["publish", "--dir", s(&site)]));
    assert!(out.contains("published: scaling-science v1, training-infrastructure v1"), "{out}");
    assert!(out.contains("written: scaling-science, training-infrastructure"), "{out}");
    for slug in ["scaling-science", "training-infrastructure"] {
        ok(&common::almanac(&["check", s(&site.join(slug))]));
    }
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("index.json")).unwrap()).unwrap();
    assert_eq!(index["format"], 1);
    assert_eq!(index["guides"][0]["slug"], "scaling-science");
    assert_eq!(index["guides"][1]["version"], "v1");

    // The same bundles as `almanac export SLUG@LABEL`.
    let exported = dir.path().join("exported");
    let printed = ok(&run(&db, &["export", "training-infrastructure@v1", "-o", s(&exported)]));
    assert_eq!(tree(Path::new(printed.trim())), tree(&site.join("training-infrastructure")));

    let before = tree(&site);
    let out = ok(&run(&db, &["publish", "--dir", s(&site)]));
    assert!(out.starts_with("nothing changed: "), "{out}");
    assert_eq!(tree(&site), before);
}

#[test]
fn publishing_to_a_bare_repository_commits_once_and_removes_what_is_no_longer_live() {
    let dir = tempfile::tempdir().unwrap();
    let db = init_db(dir.path(), true);
    let remote = bare(dir.path(), "site.git");

    let out = ok(&run(&db, &["publish", "--site", s(&remote)]));
    assert!(out.contains("(pushed)"), "{out}");
    let log = git(&remote, &["log", "--format=%an <%ae>|%s", "main"]);
    assert_eq!(
        log,
        "Almanac Studio <almanac-studio@localhost>|Publish scaling-science v1, \
         training-infrastructure v1\n"
    );
    let files = git(&remote, &["ls-tree", "--name-only", "main"]);
    assert_eq!(files, "index.json\nscaling-science\ntraining-infrastructure\n");
    // The clone lives next to the database.
    let sites: Vec<_> = std::fs::read_dir(dir.path().join("sites")).unwrap().collect();
    assert_eq!(sites.len(), 1);

    let out = ok(&run(&db, &["publish", "--site", s(&remote)]));
    assert!(out.starts_with("nothing changed: "), "{out}");
    assert_eq!(git(&remote, &["rev-list", "--count", "main"]), "1\n", "no second commit");

    // A guide moved from live to archived is removed from the site.
    ok(&run(&db, &["state", "scaling-science", "v1", "archived"]));
    let out = ok(&run(&db, &["publish", "--site", s(&remote)]));
    assert!(out.contains("removed: scaling-science"), "{out}");
    assert_eq!(git(&remote, &["log", "-1", "--format=%s", "main"]), "Remove scaling-science\n");
    let files = git(&remote, &["ls-tree", "--name-only", "main"]);
    assert_eq!(files, "index.json\ntraining-infrastructure\n");
    let index = git(&remote, &["show", "main:index.json"]);
    assert!(!index.contains("scaling-science"), "{index}");
}

#[test]
fn a_live_version_failing_its_check_publishes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = init_db(dir.path(), true);
    {
        // A live version with validation errors (an empty title), through the store.
        let mut store = open_store(&db);
        let g = store.guide_by_slug("scaling-science").unwrap();
        let d = store.draft(g.id).unwrap();
        let mut e = d.guide.clone();
        e.meta.title = String::new();
        store.save_draft(g.id, d.revision, &e).unwrap();
        let v = store.snapshot(g.id, "v2", VersionState::InReview, "").unwrap();
        store.approve(v.id, "Rita Moreno").unwrap();
        store.set_version_state(v.id, VersionState::Live).unwrap();
    }
    let site = dir.path().join("public");
    let e = err(&run(&db, &["publish", "--dir", s(&site)]), 4);
    assert!(e.contains("The bundle of scaling-science v2 failed `almanac check`"), "{e}");
    assert!(e.contains("Nothing was published"), "{e}");
    assert!(!site.exists(), "nothing written");

    let remote = bare(dir.path(), "site.git");
    err(&run(&db, &["publish", "--site", s(&remote)]), 4);
    let refs = git(&remote, &["for-each-ref"]);
    assert!(refs.is_empty(), "nothing pushed: {refs}");
}

#[test]
fn exactly_one_of_site_and_dir_is_required() {
    let dir = tempfile::tempdir().unwrap();
    let db = init_db(dir.path(), true);
    err(&run(&db, &["publish"]), 2);
    let site = dir.path().join("public");
    err(&run(&db, &["publish", "--dir", s(&site), "--site", s(&site)]), 2);
    assert!(!site.exists());
}

#[test]
fn git_failures_exit_7_with_their_code() {
    let dir = tempfile::tempdir().unwrap();
    let db = init_db(dir.path(), true);
    let remote = bare(dir.path(), "site.git");

    let missing = dir.path().join("no-such-git");
    let e =
        err(&run_with(&db, &["publish", "--site", s(&remote)], &[("ALMANAC_GIT", s(&missing))]), 7);
    assert!(e.contains("Install git"), "{e}");

    let nowhere = dir.path().join("nowhere.git");
    let e = err(&run(&db, &["publish", "--site", s(&nowhere)]), 7);
    assert!(e.contains("cannot be reached") && e.contains("sync later"), "{e}");

    // A folder publish does not need git.
    let site = dir.path().join("public");
    ok(&run_with(&db, &["publish", "--dir", s(&site)], &[("ALMANAC_GIT", s(&missing))]));
}

#[test]
fn a_missing_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let site = dir.path().join("public");
    let e = err(&run(&db, &["publish", "--dir", s(&site)]), 3);
    assert!(e.contains("no database"), "{e}");
    assert!(!site.exists() && !db.exists());
}
