//! `almanac diff` run as the built binary: sides from files, folders and the store; text,
//! JSON and HTML output; colour rules; errors.

use std::path::Path;
use std::process::Command;

use almanac_store::Store;

mod common;
use common::{almanac, app_db, err, init_db, ok};

fn content(folder: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../content")
        .join(folder)
        .to_str()
        .unwrap()
        .to_string()
}

fn v1() -> String {
    content("training-infrastructure")
}

fn v2() -> String {
    format!("{}/guide.json", content("training-infrastructure-v2"))
}

#[test]
fn text_diff_shows_exactly_the_sample_edits() {
    let out = ok(&almanac(&["diff", &v1(), &v2()]));
    assert!(!out.contains('\x1b'), "no colour when stdout is not a terminal");
    for line in [
        "diff training-infrastructure v1 → training-infrastructure v2",
        "  meta.version.state: [-live-] → {+draft+}",
        "  ↕ takeaways[2] (id tk-physical-security) moved from position 6 to 3",
        "  - deals[3] removed (id deal-anthropic-spacex)",
        "  + deals[7] added (id deal-openai-aws)",
        "    deals[4].terms: Strategic partnership{+; NVIDIA to invest up to $100B as each GW is deployed+}",
        "  ~ faq[3] changed (id faq-vendor-concentration)",
        "  total: 1 added, 1 removed, 2 changed, 2 moved, 4 fields changed; text changed",
    ] {
        assert!(out.lines().any(|l| l == line), "missing line {line:?} in:\n{out}");
    }
    assert!(out.contains("[-machines-]{+systems+}"));
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let coloured = ok(&almanac(&["diff", &v1(), &v2(), "--color", "always"]));
    assert!(coloured.contains("\x1b[31m[-live-]\x1b[0m"));
    let plain = ok(&almanac(&["diff", &v1(), &v2(), "--color", "never"]));
    assert!(!plain.contains('\x1b'));
    // NO_COLOR only affects `auto`; here stdout is a pipe anyway.
    let o = Command::new(env!("CARGO_BIN_EXE_almanac"))
        .args(["diff", &v1(), &v2()])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!ok(&o).contains('\x1b'));
}

#[test]
fn json_and_html_formats() {
    let json = ok(&almanac(&["diff", &v1(), &v2(), "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let s = &v["summary"];
    assert_eq!(
        (s["added"].as_u64(), s["removed"].as_u64(), s["changed"].as_u64(), s["moved"].as_u64()),
        (Some(1), Some(1), Some(2), Some(2))
    );
    assert_eq!(v["parts"].as_array().unwrap().len(), 12);

    let dir = tempfile::tempdir().unwrap();
    for (layout, view) in
        [("inline", "rendered"), ("side-by-side", "source"), ("side-by-side", "rendered")]
    {
        let path = dir.path().join(format!("{layout}-{view}.html"));
        let o = almanac(&[
            "diff",
            &v1(),
            &v2(),
            "--format",
            "html",
            "--layout",
            layout,
            "--view",
            view,
            "-o",
            path.to_str().unwrap(),
        ]);
        assert!(ok(&o).is_empty(), "nothing on stdout with -o");
        assert!(String::from_utf8_lossy(&o.stderr).contains("wrote"));
        let html = std::fs::read_to_string(&path).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains(&format!("{} · {view} view", layout.replace('-', " "))));
    }
}

#[test]
fn a_bundle_is_a_side_too() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let bundle = ok(&almanac(&["export", &v1(), "-o", out]));
    let bundle = bundle.trim();
    assert!(Path::new(bundle).join("manifest.json").is_file(), "{bundle}");
    let from_bundle = ok(&almanac(&["diff", bundle, &v2()]));
    assert_eq!(from_bundle, ok(&almanac(&["diff", &v1(), &v2()])));
    // A bundle whose files were tampered with is refused, as `import` refuses it.
    std::fs::write(Path::new(bundle).join("guide.md"), "changed").unwrap();
    let e = err(&almanac(&["diff", bundle, &v2()]), 4);
    assert!(!e.is_empty());
}

#[test]
fn a_guide_against_itself_has_no_changes() {
    let out = ok(&almanac(&["diff", &v1(), &v1()]));
    assert!(out.lines().any(|l| l == "No changes."), "{out}");
}

#[test]
fn bad_input_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.html");
    let t = target.to_str().unwrap();
    let missing = dir.path().join("missing.json");
    let e =
        err(&almanac(&["diff", missing.to_str().unwrap(), &v2(), "--format", "html", "-o", t]), 3);
    assert!(e.contains("cannot read"), "{e}");
    let junk = dir.path().join("junk.json");
    std::fs::write(&junk, "{ not json").unwrap();
    let e = err(&almanac(&["diff", &v1(), junk.to_str().unwrap(), "-o", t]), 3);
    assert!(e.contains("not a readable guide"), "{e}");
    assert!(!target.exists(), "no output file on failure");
    assert!(std::fs::read_dir(dir.path()).unwrap().count() == 1, "only junk.json");
    // A store reference without a database says what it looked for.
    let db = dir.path().join("none.db");
    let e = err(
        &almanac(&["--db", db.to_str().unwrap(), "diff", "training-infrastructure@v1", &v2()]),
        3,
    );
    assert!(e.contains("no store database"), "{e}");
    assert!(!db.exists(), "the CLI never creates a database");
    // Usage errors are clap's (exit 2).
    err(&almanac(&["diff", &v1(), &v2(), "--format", "yaml"]), 2);
}

/// A database as the app leaves it: created and seeded, then the draft edited.
#[test]
fn store_versions_and_the_draft_can_be_compared() {
    let dir = tempfile::tempdir().unwrap();
    let db = app_db(dir.path(), "training-infrastructure");
    let dbs = db.to_str().unwrap();
    let store = Store::open(&db).unwrap();
    let g = store.guide_by_slug("training-infrastructure").unwrap();
    let versions = store.list_versions(g.id).unwrap();
    let oldest = versions.last().expect("the seeded guide has a version").label.clone();
    let newest = versions.first().unwrap().label.clone();
    drop(store);

    let old_ref = format!("training-infrastructure@{oldest}");
    let out = ok(&almanac(&["--db", dbs, "diff", &old_ref, "training-infrastructure@draft"]));
    // The stored version is named by its own label.
    assert!(out.starts_with(&format!("diff training-infrastructure {oldest} → ")), "{out}");
    assert!(out.contains("supplier.{+ Zanzibar edit.+}"), "{out}");

    // A stored version compares like the file it was seeded from.
    let newest_ref = format!("training-infrastructure@{newest}");
    let from_store = ok(&almanac(&["--db", dbs, "diff", &newest_ref, &newest_ref]));
    assert!(from_store.contains("No changes."));

    let e = err(&almanac(&["--db", dbs, "diff", "training-infrastructure@v99", &v1()]), 3);
    assert!(e.contains("training-infrastructure@v99"), "{e}");
    let e = err(&almanac(&["--db", dbs, "diff", "no-such-guide@v1", &v1()]), 3);
    assert!(e.contains("no-such-guide@v1"), "{e}");
}

/// A stored version against the stored draft compares what editors wrote: the version line,
/// the version list and the times the store derives are not edits, and the report's unchanged
/// header shows the draft's page as published.
#[test]
fn store_sides_compare_content_and_show_their_pages() {
    let dir = tempfile::tempdir().unwrap();
    let db = init_db(dir.path(), true);
    let db = db.to_str().unwrap();
    let out = almanac(&[
        "--db",
        db,
        "diff",
        "training-infrastructure@v1",
        "training-infrastructure@draft",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let diff: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<String> = diff["parts"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["fields"].as_array().unwrap().iter().map(|f| f["path"].to_string()))
        .collect();
    assert!(paths.iter().all(|p| !p.contains("meta.")), "only content edits: {paths:?}");
    let versions = diff["parts"].as_array().unwrap().iter().find(|p| p["part"] == "versions");
    assert!(versions.unwrap()["items"].as_array().unwrap().is_empty());
    assert_eq!(
        (diff["old"]["version"].as_str(), diff["new"]["version"].as_str()),
        (Some("v1"), Some("draft"))
    );

    let out = almanac(&[
        "--db",
        db,
        "diff",
        "training-infrastructure@v1",
        "training-infrastructure@draft",
        "--format",
        "html",
    ]);
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("draft, unpublished edits"), "the draft's page as published");
    assert!(!html.contains("not yet versioned"));
}
