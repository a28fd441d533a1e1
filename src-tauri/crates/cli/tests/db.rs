//! The store commands (`guides`, `versions`, `snapshot`, `restore`, `search`, `version-show`)
//! run by the built `almanac` binary against a database written the way the app writes it
//! (`almanac_store::Store::open`, which creates and seeds it).

use std::process::Command;

use almanac_guide::{Guide, VersionState};
use almanac_store::Store;

mod common;
use common::{almanac, app_db, err, ok};

/// A database as the app leaves it: created, seeded, then one edit saved.
#[test]
fn guides_lists_filters_and_prints_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = app_db(dir.path(), "scaling-science");
    let db = db.to_str().unwrap();
    let out = ok(&almanac(&["--db", db, "guides"]));
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("SLUG"), "{out}");
    assert!(lines[1].starts_with("scaling-science") && lines[1].contains("live"), "{out}");
    assert!(lines[2].starts_with("training-infrastructure"), "{out}");
    // --db after the subcommand works too (global option).
    let out = ok(&almanac(&["guides", "--search", "training", "--db", db]));
    assert_eq!(out.lines().count(), 2, "{out}");
    let out = ok(&almanac(&["--db", db, "guides", "--state", "in-review"]));
    assert!(out.is_empty());
    let out = ok(&almanac(&["--db", db, "guides", "--format", "json", "--sort", "updated"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["slug"], "scaling-science", "edited last, listed first");
    assert_eq!(v.as_array().unwrap().len(), 2);
}

#[test]
fn versions_snapshot_restore_and_version_show() {
    let dir = tempfile::tempdir().unwrap();
    let db = app_db(dir.path(), "scaling-science");
    let dbs = db.to_str().unwrap();
    let out = ok(&almanac(&["--db", dbs, "versions", "training-infrastructure"]));
    assert!(out.lines().nth(1).unwrap().contains("v1") && out.contains("live"), "{out}");

    let out = ok(&almanac(&[
        "--db",
        dbs,
        "snapshot",
        "training-infrastructure",
        "--label",
        "v2",
        "--state",
        "in-review",
        "--note",
        "Q4 deals",
    ]));
    assert!(out.contains("v2 (in review)"), "{out}");
    let e =
        err(&almanac(&["--db", dbs, "snapshot", "training-infrastructure", "--label", "v2"]), 5);
    assert!(e.contains("already has a version labelled \"v2\""), "{e}");

    let out =
        ok(&almanac(&["--db", dbs, "versions", "training-infrastructure", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!((v[0]["label"].as_str(), v[0]["state"].as_str()), (Some("v2"), Some("in_review")));
    assert_eq!(v[0]["note"], "Q4 deals");

    // version-show prints exactly the stored content; its sha256 is the content hash.
    let out = ok(&almanac(&["--db", dbs, "version-show", "training-infrastructure", "v1"]));
    let v1 = Guide::from_json(&out).unwrap();
    assert_eq!(almanac_store::content_hash(&v1), v[1]["content_hash"].as_str().unwrap());
    let file = dir.path().join("v2.json");
    ok(&almanac(&[
        "--db",
        dbs,
        "version-show",
        "training-infrastructure",
        "v2",
        "--publish",
        "-o",
        file.to_str().unwrap(),
    ]));
    let v2 = Guide::from_json(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(
        (v2.meta.version.label.as_str(), v2.meta.version.state),
        ("v2", VersionState::InReview)
    );
    assert_eq!(v2.versions.len(), 2);

    // restore v1: the draft becomes v1; the previous draft is kept.
    let out = ok(&almanac(&["--db", dbs, "restore", "training-infrastructure", "v1"]));
    assert!(
        out.contains("restored v1 as draft revision 3") && out.contains("kept as revision 2"),
        "{out}"
    );
    let s = Store::open(&db).unwrap();
    let g = s.guide_by_slug("training-infrastructure").unwrap();
    // The draft as the store hands it out carries derived fields (meta.version, versions,
    // times); its content is v1's.
    assert_eq!(s.draft(g.id).unwrap().guide.stripped(), v1);
    assert_ne!(s.revision(g.id, 2).unwrap().stripped(), v1);

    let e = err(&almanac(&["--db", dbs, "restore", "training-infrastructure", "v9"]), 3);
    assert!(e.contains("Version \"v9\""), "{e}");
    let e = err(&almanac(&["--db", dbs, "versions", "no-such-guide"]), 3);
    assert!(e.contains("no-such-guide"), "{e}");
}

#[test]
fn search_prints_ranked_highlighted_hits() {
    let dir = tempfile::tempdir().unwrap();
    let db = app_db(dir.path(), "scaling-science");
    let db = db.to_str().unwrap();
    let out = ok(&almanac(&["--db", db, "search", "zanzibar"]));
    assert!(out.starts_with("scaling-science"), "{out}");
    assert!(out.contains("«Zanzibar»"), "{out}");
    let out = ok(&almanac(&["--db", db, "search", "gigawatt", "--format", "json", "--limit", "1"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    let runs = v[0]["snippet"].as_array().unwrap();
    assert!(runs.iter().any(|r| r["mark"] == true && r["text"].is_string()), "{runs:?}");
    // Punctuation is never a syntax error.
    ok(&almanac(&["--db", db, "search", "\"(AND*", "NEAR:"]));
}

#[test]
fn missing_or_damaged_databases_are_reported_not_created_or_moved() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.db");
    let e = err(&almanac(&["--db", missing.to_str().unwrap(), "guides"]), 3);
    assert!(e.contains("no database at"), "{e}");
    assert!(!missing.exists(), "the CLI does not create a database");

    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all, just some text ".repeat(100)).unwrap();
    let e = err(&almanac(&["--db", junk.to_str().unwrap(), "guides"]), 3);
    assert!(e.contains("damaged") && e.contains("left where it is"), "{e}");
    assert!(junk.exists());

    // ALMANAC_DB is the default when --db is not given.
    let db = app_db(dir.path(), "scaling-science");
    let o = Command::new(env!("CARGO_BIN_EXE_almanac"))
        .arg("guides")
        .env("ALMANAC_DB", &db)
        .output()
        .unwrap();
    assert!(ok(&o).contains("training-infrastructure"));
}
