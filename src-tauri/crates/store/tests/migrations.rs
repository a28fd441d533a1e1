//! Every earlier schema version opens with the current code and keeps its data.
//!
//! For each schema version k < SCHEMA_VERSION the test builds a database exactly as a build of
//! schema k left it (the SQL of migrations 1..=k from `migrations/`, `user_version = k`), fills
//! it with data in that schema's shape, then opens it with `Store::open` and finds the data.

mod common;

use std::path::Path;

use almanac_guide::VersionState;
use almanac_store::{content_hash, ListQuery, Store, MIGRATIONS, SCHEMA_VERSION};
use common::*;
use rusqlite::{params, Connection};

fn zlib(s: &str) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(s.as_bytes(), 3)
}

fn sha(s: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(s.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Builds a database at schema version `k` (no Rust migration steps: data is added below).
fn build_at(path: &Path, k: i64) -> Connection {
    let c = Connection::open(path).unwrap();
    for m in MIGRATIONS.iter().filter(|m| m.version <= k) {
        c.execute_batch(m.sql).unwrap();
    }
    c.pragma_update(None, "user_version", k).unwrap();
    c
}

/// Data as schema 1 stored it: two guides (one in the trash), drafts, kept revisions, blobs
/// and versions.
fn fill_v1(c: &Connection) {
    let v1 = sample().to_canonical_json();
    let v2 = content("training-infrastructure-v2").to_canonical_json();
    let t = "2026-01-02T03:04:05.000Z";
    c.execute(
        "INSERT INTO guides (id, slug, title, state, created, updated, trashed_at)
         VALUES (1, 'training-infrastructure', 'Training Infrastructure', 'live', ?1, ?1, NULL),
                (2, 'old-guide', 'Old guide', 'draft', ?1, ?1, ?1)",
        [t],
    )
    .unwrap();
    let mut old = guide("old-guide", "Old guide");
    old.tldr = "An old guide about quasars.".into();
    let old = old.to_canonical_json();
    c.execute(
        "INSERT INTO drafts (guide_id, revision, json, updated) VALUES (1, 2, ?1, ?3), (2, 1, ?2, ?3)",
        params![v2, old, t],
    )
    .unwrap();
    c.execute(
        "INSERT INTO draft_revisions (guide_id, revision, saved_at, reason, data)
         VALUES (1, 1, ?1, 'create', ?2), (1, 2, ?1, 'save', ?3), (2, 1, ?1, 'create', ?4)",
        params![t, zlib(&v1), zlib(&v2), zlib(&old)],
    )
    .unwrap();
    c.execute(
        "INSERT INTO blobs (id, hash, size, data) VALUES (1, ?1, ?2, ?3)",
        params![sha(&v1), v1.len() as i64, zlib(&v1)],
    )
    .unwrap();
    c.execute(
        "INSERT INTO versions (guide_id, number, label, state, note, created, content_hash, blob_id)
         VALUES (1, 1, 'v1', 'live', 'first', ?1, ?2, 1)",
        params![t, sha(&v1)],
    )
    .unwrap();
}

/// Data as schema 2 stored it: schema 1's, plus the search index of the drafts, a review note
/// and an approval.
fn fill_v2(c: &Connection) {
    fill_v1(c);
    let v2 = content("training-infrastructure-v2");
    let takeaways: Vec<&str> = v2.takeaways.iter().map(|t| t.text.as_str()).collect();
    c.execute(
        "INSERT INTO guide_fts (rowid, title, tldr, takeaways, sections, faq, sources)
         VALUES (1, ?1, ?2, ?3, '', '', ''), (2, 'Old guide', 'An old guide about quasars.', '', '', '', '')",
        params![v2.meta.title, v2.tldr, takeaways.join("\n")],
    )
    .unwrap();
    c.execute(
        "INSERT INTO version_notes (version_id, path, item_id, text, created)
         VALUES (1, 'deals[0].partner', 'deal-x', 'Check this partner.', '2026-01-02T03:04:05.000Z')",
        [],
    )
    .unwrap();
    c.execute(
        "INSERT INTO approvals (version_id, content_hash, approved_at)
         VALUES (1, ?1, '2026-01-02T03:04:05.000Z')",
        [sha(&sample().to_canonical_json())],
    )
    .unwrap();
}

fn fill(c: &Connection, k: i64) {
    match k {
        1 => fill_v1(c),
        2 => fill_v2(c),
        // Schema 3 only added columns whose defaults describe schema 2's rows (full blobs).
        3 => fill_v2(c),
        // Schema 4's data is what its own migration step makes of schema 3's.
        4 => {}
        other => panic!("add a data fixture for schema version {other} to this test"),
    }
}

#[test]
fn every_earlier_schema_opens_and_keeps_its_data() {
    assert_eq!(MIGRATIONS.len() as i64, SCHEMA_VERSION);
    for (i, m) in MIGRATIONS.iter().enumerate() {
        assert_eq!(m.version, i as i64 + 1, "migrations are numbered 1, 2, ...");
        assert!(m.name.starts_with(&format!("{:04}_", m.version)));
    }
    for k in 1..SCHEMA_VERSION {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        if k == 4 {
            let mut c = build_at(&path, 3);
            fill_v2(&c);
            MIGRATIONS[3].apply(&mut c).unwrap();
        } else {
            fill(&build_at(&path, k), k);
        }

        let mut s = Store::open(&path).unwrap();
        let r = s.open_report();
        assert_eq!((r.migrated_from, r.schema_version), (k, SCHEMA_VERSION), "from {k}");
        assert!(r.seeded.is_empty() && !r.created, "an existing database is not seeded");

        let guides = s.list_guides(&ListQuery::default()).unwrap();
        assert_eq!(guides.len(), 1);
        assert_eq!(
            (guides[0].slug.as_str(), guides[0].state),
            ("training-infrastructure", VersionState::Live)
        );
        assert_eq!(s.list_trash().unwrap()[0].slug, "old-guide");
        // The draft's derived fields were cleared as a new revision; the one before is kept.
        let draft = s.draft(1).unwrap();
        let v2_content = content("training-infrastructure-v2");
        assert_eq!((draft.revision, &draft.guide.stripped()), (3, &v2_content.stripped()));
        assert_eq!(s.revision(1, 2).unwrap(), v2_content);
        assert_eq!(s.revision(1, 1).unwrap(), sample());
        assert_eq!(draft.guide.meta.created, "2026-10-20T09:00:00.000Z", "the typed creation time");
        assert_eq!(draft.guide.meta.updated, "2026-11-24T16:00:00.000Z", "the typed update time");
        let v = s.list_versions(1).unwrap();
        assert_eq!((v.len(), v[0].label.as_str(), v[0].note.as_str()), (1, "v1", "first"));
        assert_eq!(s.open_version(v[0].id).unwrap().guide, sample().stripped());
        assert_eq!(v[0].edit_hash, content_hash(&sample().stripped()));
        assert_eq!(v[0].content_updated, "2026-11-18T08:30:00.000Z");
        // The draft's typed "v2 (draft)" names no version: it is kept as a note on v1.
        let kept = s.list_notes(v[0].id).unwrap();
        let kept = kept.iter().find(|n| n.path.as_deref() == Some("meta.version")).unwrap();
        assert!(kept.text.contains("\"v2\" (draft)"), "{}", kept.text);

        // What later schemas added works on the old data: the search index was filled from
        // the drafts, notes and approvals can be written.
        assert_eq!(s.search("gigawatt", 10).unwrap()[0].guide_id, 1);
        s.restore_from_trash(2).unwrap();
        assert_eq!(s.search("quasars", 10).unwrap()[0].slug, "old-guide");
        if k >= 2 {
            let notes = s.list_notes(v[0].id).unwrap();
            assert_eq!(notes.len(), 2);
            assert_eq!(notes[0].path.as_deref(), Some("deals[0].partner"));
            let status = s.approval_status(1).unwrap();
            assert_eq!(status.approved.unwrap().1.content_hash, v[0].content_hash);
        }
        s.add_note(v[0].id, Some("tldr"), None, "Noted after the upgrade.").unwrap();
        assert!(!s.approval_status(1).unwrap().covers_draft);
        // New content written after the upgrade (a delta against the old full blob) reads back.
        let v2 = s.snapshot(1, "v2", VersionState::InReview, "").unwrap();
        assert_eq!(s.open_version(v2.id).unwrap().guide, v2_content.stripped());
        assert_eq!(s.save_draft(1, 3, &sample()).unwrap(), 4);
        assert_eq!(s.revision(1, 4).unwrap(), sample().stripped());
        // v1's content is the draft's again: the library sees no unpublished edits.
        assert!(!s.guide(1).unwrap().unpublished_edits);
        s.check_integrity().unwrap();
        drop(s);

        // And it opens again without migrating.
        let s = Store::open(&path).unwrap();
        assert_eq!(s.open_report().migrated_from, SCHEMA_VERSION);
    }
}

#[test]
fn a_new_database_has_the_same_schema_as_a_migrated_one() {
    let dir = tempfile::tempdir().unwrap();
    let schema = |path: &Path| -> Vec<(String, String)> {
        let c = Connection::open(path).unwrap();
        let mut st =
            c.prepare("SELECT name, COALESCE(sql, '') FROM sqlite_schema ORDER BY name").unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
    };
    let fresh = dir.path().join("fresh.db");
    drop(unseeded(&fresh));
    let old = dir.path().join("old.db");
    drop(build_at(&old, 1));
    drop(unseeded(&old));
    let old = dir.path().join("old2.db");
    drop(build_at(&old, 2));
    drop(unseeded(&old));
    assert_eq!(schema(&fresh), schema(&old));
}

/// A database written by the previous release (the app's store at schema 3, kept in
/// `tests/fixtures/release-0.1.0.db`): the seeded sample guides, a "v2" named in review from
/// the seeded draft, and a guide made in the app whose Details typed "v7" (approved) while its
/// only version is "first cut" (approved, with a note), edited after the approval.
#[test]
fn a_database_made_by_the_previous_release_migrates_without_loss() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("release.db");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/release-0.1.0.db"), &path)
        .unwrap();
    let before = Connection::open(&path).unwrap();
    let count = |c: &Connection, table: &str| -> i64 {
        c.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    };
    let counts: Vec<i64> =
        ["guides", "versions", "blobs", "version_notes", "approvals", "draft_revisions"]
            .iter()
            .map(|t| count(&before, t))
            .collect();
    let v: i64 = before.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, 3, "the fixture is a schema-3 database");
    drop(before);

    let s = Store::open(&path).unwrap();
    assert_eq!(
        (s.open_report().migrated_from, s.open_report().schema_version),
        (3, SCHEMA_VERSION)
    );
    s.check_integrity().unwrap();
    // Nothing was lost: every row is still there (plus one "migrate" revision per draft and
    // one note keeping a typed label that named no version).
    let c = s.connection();
    let after: Vec<i64> =
        ["guides", "versions", "blobs", "version_notes", "approvals", "draft_revisions"]
            .iter()
            .map(|t| count(c, t))
            .collect();
    assert_eq!(&after[..3], &counts[..3]);
    assert_eq!(after[3], counts[3] + 1, "one kept label");
    assert_eq!(after[4], counts[4]);
    assert_eq!(after[5], counts[5] + 3, "one migrate revision per draft");

    let grid = s.guide_by_slug("grid-storage").unwrap();
    let versions = s.list_versions(grid.id).unwrap();
    assert_eq!(versions.len(), 1);
    let first = &versions[0];
    assert_eq!((first.label.as_str(), first.state), ("first cut", VersionState::Approved));
    assert!(first.note.starts_with("for review"), "{}", first.note);
    let notes = s.list_notes(first.id).unwrap();
    assert!(notes.iter().any(|n| n.text == "Say which batteries."));
    let kept = notes.iter().find(|n| n.path.as_deref() == Some("meta.version")).unwrap();
    assert!(kept.text.contains("\"v7\" (approved)"), "{}", kept.text);
    // The version's own content kept its typed label too, in the version note.
    assert!(first.note.contains("\"v7\" (approved)"), "{}", first.note);
    // The draft (edited after the approval) reads as a draft on top of "first cut".
    let draft = s.draft(grid.id).unwrap();
    assert_eq!(draft.guide.tldr, "Lithium batteries beside data centres.");
    assert_eq!(
        draft.guide.meta.version,
        almanac_guide::VersionInfo::working_draft(Some("first cut"))
    );
    let old = s.revision(grid.id, draft.revision - 1).unwrap();
    assert_eq!(
        (old.meta.version.label.as_str(), old.meta.version.state),
        ("v7", VersionState::Approved)
    );
    assert!(!s.approval_status(grid.id).unwrap().covers_draft, "edited after the approval");
    assert_eq!(s.approvals(first.id).unwrap().len(), 1);
    // The published page of the approved version says what the store says.
    let page = s.publishable_version(first.id).unwrap();
    assert_eq!(
        page.meta.version,
        almanac_guide::VersionInfo::named("first cut", VersionState::Approved)
    );
    assert_eq!(page.meta.updated, "2026-11-20T10:00:00.000Z");

    // The sample guide: v1 live, v2 in review named from the seeded draft.
    let ti = s.guide_by_slug("training-infrastructure").unwrap();
    assert_eq!(
        ti.newest.as_ref().map(|b| (b.label.as_str(), b.state)),
        Some(("v2", VersionState::InReview))
    );
    assert_eq!(ti.live.as_deref(), Some("v1"));
    assert!(ti.unpublished_edits, "the draft (v2's content) differs from live v1");
    let sc = s.guide_by_slug("scaling-science").unwrap();
    assert_eq!(sc.live.as_deref(), Some("v1"));
    assert!(!sc.unpublished_edits, "its draft is its live version's content");
    let v2 = s.version_by_label(ti.id, "v2").unwrap();
    let draft = s.draft(ti.id).unwrap();
    assert_eq!(v2.edit_hash, content_hash(&draft.guide.stripped()));
}
