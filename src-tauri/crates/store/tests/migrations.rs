//! Every earlier schema version opens with the current code and keeps its data.
//!
//! For each schema version k < SCHEMA_VERSION the test builds a database exactly as a build of
//! schema k left it (the SQL of migrations 1..=k from `migrations/`, `user_version = k`), fills
//! it with data in that schema's shape, then opens it with `Store::open` and finds the data.

mod common;

use std::path::Path;

use almanac_guide::VersionState;
use almanac_store::{ListQuery, Store, MIGRATIONS, SCHEMA_VERSION};
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
        fill(&build_at(&path, k), k);

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
        let draft = s.draft(1).unwrap();
        assert_eq!((draft.revision, &draft.guide), (2, &content("training-infrastructure-v2")));
        assert_eq!(s.revision(1, 1).unwrap(), sample());
        let v = s.list_versions(1).unwrap();
        assert_eq!((v.len(), v[0].label.as_str(), v[0].note.as_str()), (1, "v1", "first"));
        assert_eq!(s.open_version(v[0].id).unwrap().guide, sample());

        // What later schemas added works on the old data: the search index was filled from
        // the drafts, notes and approvals can be written.
        assert_eq!(s.search("gigawatt", 10).unwrap()[0].guide_id, 1);
        s.restore_from_trash(2).unwrap();
        assert_eq!(s.search("quasars", 10).unwrap()[0].slug, "old-guide");
        if k >= 2 {
            let notes = s.list_notes(v[0].id).unwrap();
            assert_eq!(notes[0].path.as_deref(), Some("deals[0].partner"));
            let status = s.approval_status(1).unwrap();
            assert_eq!(status.approved.unwrap().1.content_hash, v[0].content_hash);
        }
        s.add_note(v[0].id, Some("tldr"), None, "Noted after the upgrade.").unwrap();
        assert!(!s.approval_status(1).unwrap().covers_draft);
        // New content written after the upgrade (a delta against the old full blob) reads back.
        let v2 = s.snapshot(1, "v2", VersionState::InReview, "").unwrap();
        assert_eq!(s.open_version(v2.id).unwrap().guide, content("training-infrastructure-v2"));
        assert_eq!(s.save_draft(1, 2, &sample()).unwrap(), 3);
        assert_eq!(s.revision(1, 3).unwrap(), sample());
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
