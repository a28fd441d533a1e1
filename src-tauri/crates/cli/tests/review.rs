//! The review workflow from the command line, run by the built `almanac` binary, each test on
//! its own database made by `almanac init`: init, snapshot, state, approve, export from the
//! store (`SLUG@LABEL`, `SLUG@draft`) and import of a bundle as a new version.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use almanac_guide::{Guide, VersionState};

mod common;
use common::{almanac, err, init_db, ok, open_store};

const SLUG: &str = "training-infrastructure";

fn content(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../content").join(folder)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `almanac --db <db> <args>`.
fn run(db: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--db", s(db)];
    all.extend_from_slice(args);
    almanac(&all)
}

/// `almanac versions <slug> --format json`, as text and parsed.
fn versions(db: &Path, slug: &str) -> (String, serde_json::Value) {
    let text = ok(&run(db, &["versions", slug, "--format", "json"]));
    let v = serde_json::from_str(&text).unwrap();
    (text, v)
}

/// The state of version `label` in `versions --format json`.
fn state_of(db: &Path, slug: &str, label: &str) -> String {
    let (_, v) = versions(db, slug);
    let found = v.as_array().unwrap().iter().find(|x| x["label"] == label);
    found.unwrap_or_else(|| panic!("no version {label}"))["state"].as_str().unwrap().to_string()
}

/// Every file of a bundle folder, by name.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.file_name().into_string().unwrap(), std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn json_file(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Exports the guide.json in folder `src` as a bundle into `out`; returns the bundle's path.
fn bundle_of(src: &Path, out: &Path) -> PathBuf {
    let printed = ok(&almanac(&["export", s(&src.join("guide.json")), "-o", s(out)]));
    PathBuf::from(printed.trim())
}

// ---------------------------------------------------------------------------------------------
// init

#[test]
fn init_refuses_an_existing_file_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("almanac.db");
    std::fs::write(&path, "not mine to replace").unwrap();
    let e = err(&almanac(&["--db", s(&path), "init", "--seed"]), 5);
    assert!(e.contains("already exists"), "{e}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "not mine to replace");
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(names, [path], "no -wal, -shm or other file made");

    // A database init made is refused the second time too.
    let dir = tempfile::tempdir().unwrap();
    let db = init_db(dir.path(), false);
    let before = std::fs::read(&db).unwrap();
    err(&almanac(&["--db", s(&db), "init"]), 5);
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn init_makes_an_empty_database_and_seed_fills_it_with_the_samples() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.db");
    let out = ok(&almanac(&["--db", s(&empty), "init"]));
    assert!(out.contains(&format!("created {}", empty.display())), "{out}");
    assert!(out.contains("no guides yet"), "{out}");
    assert_eq!(ok(&run(&empty, &["guides", "--format", "json"])).trim(), "[]");

    let seeded = tempfile::tempdir().unwrap();
    let db = seeded.path().join("almanac.db");
    let out = ok(&almanac(&["--db", s(&db), "init", "--seed"]));
    assert!(out.contains("seeded 2 sample guide(s): scaling-science, training-infrastructure"));
    let list = ok(&run(&db, &["guides"]));
    let slugs: Vec<&str> =
        list.lines().skip(1).map(|l| l.split_whitespace().next().unwrap()).collect();
    assert_eq!(slugs, ["scaling-science", SLUG], "{list}");

    // ALMANAC_DB is where init creates the database when --db is not given.
    let env_db = dir.path().join("from-env.db");
    let o = Command::new(env!("CARGO_BIN_EXE_almanac"))
        .arg("init")
        .env("ALMANAC_DB", &env_db)
        .output()
        .unwrap();
    ok(&o);
    assert!(env_db.is_file());
}

// ---------------------------------------------------------------------------------------------
// The full flow, and export from the store

#[test]
fn new_guide_to_live_version_then_export_from_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = init_db(dir.path(), false);
    // A new guide, as the app creates one.
    let text = std::fs::read_to_string(content(SLUG).join("guide.json")).unwrap();
    open_store(&db).create_guide(&Guide::from_json(&text).unwrap()).unwrap();

    let out = ok(&run(&db, &["snapshot", SLUG, "--label", "v1", "--state", "in-review"]));
    assert!(out.contains("v1 (in review)"), "{out}");
    let out = ok(&run(&db, &["approve", SLUG, "v1", "--reviewer", "Rita"]));
    assert!(out.starts_with(&format!("approved {SLUG} v1 (reviewer: Rita, sha256 ")), "{out}");
    assert_eq!(state_of(&db, SLUG, "v1"), "approved");
    let out = ok(&run(&db, &["state", SLUG, "v1", "live"]));
    assert_eq!(out, format!("{SLUG} v1: approved -> live\n"));

    let first = dir.path().join("first");
    let printed = ok(&run(&db, &["export", &format!("{SLUG}@v1"), "-o", s(&first)]));
    let bundle = first.join(SLUG);
    assert_eq!(printed.trim(), s(&bundle));
    assert_eq!(json_file(&bundle.join("manifest.json"))["version"], "v1");
    let guide = json_file(&bundle.join("guide.json"));
    let version = &guide["meta"]["version"];
    assert_eq!((&version["label"], &version["state"]), (&"v1".into(), &"live".into()));
    assert!(version.get("based_on").is_none(), "{version}");
    let html = std::fs::read_to_string(bundle.join("index.html")).unwrap();
    assert!(
        html.contains(
            "<span class=\"version-label\">v1</span> · <span class=\"state state-live\">live</span>"
        ),
        "the page names v1 live"
    );
    assert!(!html.contains("ago") && !html.contains("just now"), "a published page has no ages");
    ok(&almanac(&["check", s(&bundle)]));

    // The same version in the same state exports the same bytes.
    let second = dir.path().join("second");
    ok(&run(&db, &["export", &format!("{SLUG}@v1"), "-o", s(&second)]));
    assert_eq!(files(&bundle), files(&second.join(SLUG)));

    // The working draft exports as the draft, on top of v1.
    let draft = dir.path().join("draft");
    let o = run(&db, &["export", &format!("{SLUG}@draft"), "-o", s(&draft)]);
    ok(&o);
    assert!(String::from_utf8_lossy(&o.stderr).contains("draft (based on v1)"));
    let bundle = draft.join(SLUG);
    assert_eq!(json_file(&bundle.join("manifest.json"))["version"], "draft");
    let guide = json_file(&bundle.join("guide.json"));
    let version = &guide["meta"]["version"];
    assert_eq!(
        (&version["label"], &version["state"], &version["based_on"]),
        (&"draft".into(), &"draft".into(), &"v1".into())
    );
    let html = std::fs::read_to_string(bundle.join("index.html")).unwrap();
    assert!(html.contains("state-draft"));
    ok(&almanac(&["check", s(&bundle)]));
}

#[test]
fn export_from_the_store_refuses_what_it_cannot_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = init_db(dir.path(), true);
    // A draft with validation errors: refused with exit 1, nothing written.
    let mut store = open_store(&db);
    let g = store.guide_by_slug("scaling-science").unwrap();
    let d = store.draft(g.id).unwrap();
    let mut bad = d.guide.clone();
    bad.meta.title = String::new();
    store.save_draft(g.id, d.revision, &bad).unwrap();
    drop(store);
    let out = dir.path().join("out");
    let e = err(&run(&db, &["export", "scaling-science@draft", "-o", s(&out)]), 1);
    assert!(e.contains("refusing to export scaling-science@draft"), "{e}");
    assert!(e.contains("error[required] meta.title"), "{e}");
    assert!(!out.exists());

    // No such version, no such guide: exit 3.
    let e = err(&run(&db, &["export", &format!("{SLUG}@v9"), "-o", s(&out)]), 3);
    assert!(e.contains("Version \"v9\""), "{e}");
    err(&run(&db, &["export", "no-such-guide@v1", "-o", s(&out)]), 3);
    assert!(!out.exists());

    // No database: exit 3, and none is created.
    let missing = dir.path().join("missing.db");
    let e = err(&run(&missing, &["export", &format!("{SLUG}@v1"), "-o", s(&out)]), 3);
    assert!(e.contains("no store database"), "{e}");
    assert!(!missing.exists());
}

// ---------------------------------------------------------------------------------------------
// state and approve: the review workflow's rules

#[test]
fn every_refused_state_move_fails_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = init_db(dir.path(), true);
    // One version in each state: v1 is live in the samples.
    ok(&run(&db, &["snapshot", SLUG, "--label", "d", "--state", "draft"]));
    ok(&run(&db, &["snapshot", SLUG, "--label", "r", "--state", "in-review"]));
    ok(&run(&db, &["snapshot", SLUG, "--label", "a", "--state", "in-review"]));
    ok(&run(&db, &["approve", SLUG, "a", "--reviewer", "Rita"]));
    ok(&run(&db, &["snapshot", SLUG, "--label", "x", "--state", "draft"]));
    ok(&run(&db, &["state", SLUG, "x", "archived"]));
    let by_state = [
        ("d", VersionState::Draft, "draft"),
        ("r", VersionState::InReview, "in_review"),
        ("a", VersionState::Approved, "approved"),
        ("v1", VersionState::Live, "live"),
        ("x", VersionState::Archived, "archived"),
    ];
    for (label, _, stored) in by_state {
        assert_eq!(state_of(&db, SLUG, label), stored, "{label}");
    }

    let refused = [
        ("d", "draft"),
        ("d", "live"),
        ("r", "in-review"),
        ("r", "live"),
        ("a", "draft"),
        ("v1", "draft"),
        ("v1", "in-review"),
        ("v1", "live"),
        ("x", "in-review"),
        ("x", "live"),
        ("x", "archived"),
    ];
    // The list is every move the state machine refuses among the values `state` takes.
    let targets = [
        ("draft", VersionState::Draft),
        ("in-review", VersionState::InReview),
        ("live", VersionState::Live),
        ("archived", VersionState::Archived),
    ];
    let mut expected = Vec::new();
    for (label, from, _) in by_state {
        for (arg, to) in targets {
            if !from.can_move_to(to) {
                expected.push((label, arg));
            }
        }
    }
    assert_eq!(refused.to_vec(), expected);

    let (before, _) = versions(&db, SLUG);
    for (label, to) in refused {
        let e = err(&run(&db, &["state", SLUG, label, to]), 6);
        assert!(e.contains("store.invalid_transition"), "{label} -> {to}: {e}");
        assert!(e.contains(&format!("cannot move {SLUG} {label} to")), "{e}");
        assert_eq!(versions(&db, SLUG).0, before, "{label} -> {to} changed something");
    }

    // An allowed move still works, and making a version live archives the previous one.
    let out = ok(&run(&db, &["state", SLUG, "a", "live"]));
    assert_eq!(out, format!("{SLUG} a: approved -> live\n{SLUG} v1: live -> archived\n"));
}

#[test]
fn approved_is_not_a_state_move_and_new_versions_start_in_draft_or_review() {
    let dir = tempfile::tempdir().unwrap();
    let db = init_db(dir.path(), true);
    ok(&run(&db, &["snapshot", SLUG, "--label", "v2", "--state", "in-review"]));
    let (before, _) = versions(&db, SLUG);

    let e = err(&run(&db, &["state", SLUG, "v2", "approved"]), 2);
    assert!(e.contains("invalid value 'approved'"), "{e}");
    assert!(e.contains("almanac approve"), "{e}");
    let help = ok(&almanac(&["state", "--help"]));
    assert!(help.contains("[possible values: draft, in-review, live, archived]"), "{help}");
    assert!(help.contains("almanac approve"), "{help}");

    for state in ["approved", "live", "archived"] {
        let e = err(&run(&db, &["snapshot", SLUG, "--label", "v3", "--state", state]), 2);
        assert!(e.contains("[possible values: draft, in-review]"), "{e}");
    }
    assert_eq!(versions(&db, SLUG).0, before);
}

#[test]
fn approve_needs_a_reviewer_and_a_version_in_review() {
    let dir = tempfile::tempdir().unwrap();
    let db = init_db(dir.path(), true);
    ok(&run(&db, &["snapshot", SLUG, "--label", "v2", "--state", "in-review"]));
    let (before, _) = versions(&db, SLUG);

    let e = err(&run(&db, &["approve", SLUG, "v2"]), 2);
    assert!(e.contains("--reviewer"), "{e}");
    err(&run(&db, &["approve", SLUG, "v2", "--reviewer", "  "]), 2);
    assert_eq!(versions(&db, SLUG).0, before);

    // Only a version in review can be approved.
    let e = err(&run(&db, &["approve", SLUG, "v1", "--reviewer", "Rita"]), 6);
    assert!(e.contains("store.invalid_transition"), "{e}");
    err(&run(&db, &["approve", SLUG, "v9", "--reviewer", "Rita"]), 3);
    assert_eq!(versions(&db, SLUG).0, before);

    // The reviewer name set in the app's settings is the default.
    open_store(&db).set_setting(almanac_store::REVIEWER_SETTING, "Rita Moreno").unwrap();
    let out = ok(&run(&db, &["approve", SLUG, "v2"]));
    assert!(out.contains("(reviewer: Rita Moreno, sha256 "), "{out}");
    assert_eq!(state_of(&db, SLUG, "v2"), "approved");
}

// ---------------------------------------------------------------------------------------------
// import --as-version

#[test]
fn import_as_version_adds_versions_and_creates_new_guides() {
    let dir = tempfile::tempdir().unwrap();
    let db = init_db(dir.path(), false);
    let v1 = bundle_of(&content(SLUG), &dir.path().join("b1"));
    let v2 = bundle_of(&content("training-infrastructure-v2"), &dir.path().join("b2"));

    // A new slug: a new guide with that version (live in the bundle, in review here).
    let out = ok(&run(&db, &["import", s(&v1), "--as-version"]));
    assert!(out.contains(&format!("created guide {SLUG} with version v1 (in review)")), "{out}");
    // The revision: a new version of the same guide.
    let out = ok(&run(&db, &["import", s(&v2), "--as-version"]));
    assert!(out.contains(&format!("added version v2 (draft) to {SLUG}")), "{out}");
    let (_, list) = versions(&db, SLUG);
    let labels: Vec<&str> =
        list.as_array().unwrap().iter().map(|v| v["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["v2", "v1"]);

    let diff = ok(&run(&db, &["diff", &format!("{SLUG}@v1"), &format!("{SLUG}@v2")]));
    for line in [
        "  ↕ takeaways[2] (id tk-physical-security) moved from position 6 to 3",
        "  - deals[3] removed (id deal-anthropic-spacex)",
        "  + deals[7] added (id deal-openai-aws)",
        "  ~ faq[3] changed (id faq-vendor-concentration)",
    ] {
        assert!(diff.lines().any(|l| l == line), "missing line {line:?} in:\n{diff}");
    }
    assert!(diff.contains("[-machines-]{+systems+}"), "{diff}");

    // A label that is taken is renamed, never overwritten.
    let out = ok(&run(&db, &["import", s(&v1), "--as-version"]));
    assert!(out.contains("added version v1-imported (in review)"), "{out}");
    assert!(out.contains("the bundle's label v1 is taken"), "{out}");

    // Into a seeded database, a guide with a new slug is created beside the samples.
    let seeded = tempfile::tempdir().unwrap();
    let db = init_db(seeded.path(), true);
    let grid = Path::new(env!("CARGO_MANIFEST_DIR")).join("../bundle/tests/fixtures/grid-storage");
    let grid = bundle_of(&grid, &seeded.path().join("b"));
    let out = ok(&run(&db, &["import", s(&grid), "--as-version"]));
    assert!(out.contains("created guide grid-storage with version"), "{out}");
    let list = ok(&run(&db, &["guides"]));
    assert_eq!(list.lines().count(), 4, "{list}");
}

#[test]
fn import_as_version_needs_an_existing_database_and_no_into() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = bundle_of(&content(SLUG), &dir.path().join("b"));
    let missing = dir.path().join("missing.db");
    let e = err(&run(&missing, &["import", s(&bundle), "--as-version"]), 3);
    assert!(e.contains("no database at"), "{e}");
    assert!(!missing.exists());
    let into = dir.path().join("content");
    err(&almanac(&["import", s(&bundle), "--as-version", "--into", s(&into)]), 2);
    assert!(!into.exists());
}
