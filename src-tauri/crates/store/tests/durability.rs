//! Opening, seeding, damaged files, read-only and full disks, revision pruning.

mod common;

use std::fs;

use almanac_guide::VersionState;
use almanac_store::{OpenOptions, Store, StoreError, KEEP_RECENT_REVISIONS, SCHEMA_VERSION};
use chrono::{Duration, TimeZone, Utc};
use common::*;

#[test]
fn a_new_database_is_seeded_once_from_the_built_in_content() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/dir/almanac.db");
    let s = Store::open(&path).unwrap();
    let r = s.open_report();
    assert!(r.created && r.recovered.is_none());
    assert_eq!((r.migrated_from, r.schema_version), (0, SCHEMA_VERSION));
    assert_eq!(r.seeded, ["scaling-science", "training-infrastructure"]);

    // training-infrastructure: version v1 (live) is the v1 file; the draft is the v2 file.
    let ti = s.guide_by_slug("training-infrastructure").unwrap();
    assert_eq!(ti.state, VersionState::Live);
    let versions = s.list_versions(ti.id).unwrap();
    assert_eq!(versions.len(), 1);
    assert_eq!((versions[0].label.as_str(), versions[0].state), ("v1", VersionState::Live));
    let v1 = content("training-infrastructure");
    assert_eq!(
        versions[0].created, "2026-11-18T09:00:00.000Z",
        "named at the file's meta.generated"
    );
    assert_eq!(versions[0].content_updated, "2026-11-18T08:30:00.000Z", "the file's meta.updated");
    assert_eq!(s.open_version(versions[0].id).unwrap().guide, v1.stripped());
    let draft = s.draft(ti.id).unwrap().guide;
    assert_eq!(draft.stripped(), content("training-infrastructure-v2").stripped());
    assert_eq!(draft.meta.created, "2026-10-20T09:00:00.000Z", "the file's meta.created");
    assert_eq!(draft.meta.updated, "2026-11-24T16:00:00.000Z", "the v2 file's meta.updated");
    assert_eq!(draft.meta.version, almanac_guide::VersionInfo::working_draft(Some("v1")));
    assert_eq!(s.approvals(versions[0].id).unwrap()[0].reviewer, "Almanac sample content");
    assert!(!s.approval_status(ti.id).unwrap().covers_draft, "v2 edits are not approved");

    // scaling-science: one file, named v1 live, draft equal to it.
    let sc = s.guide_by_slug("scaling-science").unwrap();
    let v = s.list_versions(sc.id).unwrap();
    assert_eq!((v.len(), v[0].label.as_str(), v[0].state), (1, "v1", VersionState::Live));
    assert!(s.approval_status(sc.id).unwrap().covers_draft);
    assert!(s.search("scaling", 10).unwrap().iter().any(|h| h.slug == "scaling-science"));
    drop(s);

    // Reopening does not seed again, even after the guides were trashed.
    let mut s = Store::open(&path).unwrap();
    assert!(!s.open_report().created && s.open_report().seeded.is_empty());
    s.trash_guide(sc.id).unwrap();
    s.trash_guide(ti.id).unwrap();
    drop(s);
    let s = Store::open(&path).unwrap();
    assert!(s.open_report().seeded.is_empty());
    assert_eq!(s.list_trash().unwrap().len(), 2);
}

#[test]
fn the_database_is_wal_with_full_sync_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = unseeded(&dir.path().join("a.db"));
    // An autosave commits with NORMAL and puts the connection back to FULL.
    let id = s.create_guide(&sample()).unwrap().id;
    s.save_draft(id, 1, &sample()).unwrap();
    let c = s.connection();
    let q = |sql: &str| -> String {
        c.query_row(sql, [], |r| r.get::<_, rusqlite::types::Value>(0))
            .map(|v| format!("{v:?}"))
            .unwrap()
    };
    assert_eq!(q("PRAGMA journal_mode"), "Text(\"wal\")");
    assert_eq!(q("PRAGMA synchronous"), "Integer(2)", "FULL");
    assert_eq!(q("PRAGMA foreign_keys"), "Integer(1)");
    assert_eq!(q("PRAGMA busy_timeout"), "Integer(5000)");
    s.check_integrity().unwrap();
}

#[test]
fn a_file_that_is_not_a_database_is_moved_aside_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("almanac.db");
    let junk = b"this is not a database, it is a shopping list. ".repeat(200);
    fs::write(&path, &junk).unwrap();

    // Without recovery: a clear error, the file untouched.
    let opts = OpenOptions { recover_corrupt: false, ..OpenOptions::default() };
    let err = Store::open_with(&path, opts).unwrap_err();
    assert_eq!(err.code(), "store.corrupt");
    assert!(err.to_string().contains(&path.display().to_string()), "{err}");
    assert_eq!(fs::read(&path).unwrap(), junk);

    // With recovery (the default): moved aside, never deleted, a fresh seeded database.
    let s = Store::open(&path).unwrap();
    let rec = s.open_report().recovered.clone().expect("recovery reported");
    assert!(rec.moved_to.file_name().unwrap().to_str().unwrap().starts_with("almanac.db.corrupt-"));
    assert_eq!(fs::read(&rec.moved_to).unwrap(), junk, "the damaged file is kept as it was");
    assert!(rec.detail.contains("not a database"), "{}", rec.detail);
    assert!(!s.open_report().seeded.is_empty());
    s.check_integrity().unwrap();
}

#[test]
fn a_database_with_damaged_pages_is_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("almanac.db");
    {
        let mut s = unseeded(&path);
        for i in 0..40 {
            s.create_guide(&guide(&format!("g-{i}"), &format!("Guide {i}"))).unwrap();
        }
        s.connection().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    }
    // Overwrite the middle of the file (b-tree pages) with garbage, keep the header.
    let mut bytes = fs::read(&path).unwrap();
    let len = bytes.len();
    assert!(len > 64 * 1024, "database is {len} bytes");
    for b in &mut bytes[len / 3..len / 3 + 16 * 1024] {
        *b = 0x5a;
    }
    fs::write(&path, &bytes).unwrap();

    let s = Store::open(&path).unwrap();
    let rec = s.open_report().recovered.clone().expect("damage detected at open");
    assert_eq!(fs::read(&rec.moved_to).unwrap(), bytes);
    assert!(s.guide_by_slug("g-1").is_err(), "a new database was started");
}

#[test]
fn a_database_from_a_newer_build_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("almanac.db");
    drop(unseeded(&path));
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    }
    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.code(), "store.newer_schema");
    assert!(err.to_string().contains("newer"), "{err}");
    let c = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, SCHEMA_VERSION + 1);
}

/// What this proves: a write refused by SQLite as read-only (SQLITE_READONLY) is reported
/// as `store.read_only` with a clear message, nothing is written, and the same edit saves
/// once the database is writable. The read-only condition is made with SQLite's read-only
/// open flag, because tests run as root in CI and root ignores file permissions; a read-only
/// file or folder for a normal user, or a read-only mount, produce the same SQLITE_READONLY.
#[test]
fn a_read_only_database_refuses_writes_clearly_and_keeps_the_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("almanac.db");
    let id = {
        let mut s = unseeded(&path);
        s.create_guide(&sample()).unwrap().id
    };
    let opts = OpenOptions { read_only: true, ..OpenOptions::default() };
    let mut ro = Store::open_with(&path, opts).unwrap();
    let draft = ro.draft(id).unwrap();
    let mut edit = draft.guide.clone();
    edit.tldr = "an edit made while the disk was read-only".into();
    let err = ro.save_draft(id, draft.revision, &edit).unwrap_err();
    assert_eq!(err.code(), "store.read_only");
    let msg = err.to_string();
    assert!(msg.contains("cannot be written") && msg.contains("edit is kept"), "{msg}");
    assert_eq!(
        ro.snapshot(id, "v1", VersionState::Draft, "").unwrap_err().code(),
        "store.read_only"
    );
    drop(ro);

    let mut rw = unseeded(&path);
    assert_eq!(rw.draft(id).unwrap().revision, draft.revision, "nothing was written");
    // The caller kept the edit: the retry succeeds.
    assert_eq!(rw.save_draft(id, draft.revision, &edit).unwrap(), draft.revision + 1);
}

/// What this proves: when SQLite reports the disk full (SQLITE_FULL, here reached through
/// `max_page_count`, the same error SQLite returns for ENOSPC), the save fails with
/// `store.disk_full`, the transaction is rolled back, and the edit saves once there is room.
#[test]
fn a_full_disk_refuses_the_save_clearly_and_keeps_the_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("almanac.db");
    let mut s = unseeded(&path);
    let id = s.create_guide(&sample()).unwrap().id;
    let pages: i64 = s.connection().query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    s.connection().execute_batch(&format!("PRAGMA max_page_count = {pages}")).unwrap();
    let draft = s.draft(id).unwrap();
    let mut big = draft.guide.clone();
    big.tldr = "a long edit that needs new pages ".repeat(2000);
    let err = s.save_draft(id, draft.revision, &big).unwrap_err();
    assert_eq!(err.code(), "store.disk_full");
    assert!(err.to_string().contains("full"), "{err}");
    assert_eq!(s.draft(id).unwrap().revision, draft.revision, "rolled back");
    s.connection().execute_batch("PRAGMA max_page_count = 1073741823").unwrap();
    assert_eq!(s.save_draft(id, draft.revision, &big).unwrap(), draft.revision + 1);
    s.check_integrity().unwrap();
}

#[test]
fn a_locked_database_reports_busy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("almanac.db");
    let mut s = unseeded(&path);
    let id = s.create_guide(&sample()).unwrap().id;
    let other = rusqlite::Connection::open(&path).unwrap();
    other.busy_timeout(std::time::Duration::from_millis(0)).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    // Keep this test fast: the store waits BUSY_TIMEOUT; shorten it on its connection.
    s.connection().busy_timeout(std::time::Duration::from_millis(50)).unwrap();
    let d = s.draft(id).unwrap();
    let err = s.save_draft(id, d.revision, &d.guide).unwrap_err();
    assert_eq!(err.code(), "store.busy");
    other.execute_batch("ROLLBACK").unwrap();
    s.save_draft(id, d.revision, &d.guide).unwrap();
}

#[test]
fn revisions_are_pruned_by_the_written_policy() {
    let mut s = mem();
    let start = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
    // 300 saves, one every 3 minutes: 15 hours of work, starting 10 days ago...
    let clock = std::sync::Arc::new(std::sync::atomic::AtomicI64::new(0));
    let c2 = clock.clone();
    s.set_clock(move || start + Duration::minutes(c2.load(std::sync::atomic::Ordering::SeqCst)));
    let id = s.create_guide(&sample()).unwrap().id;
    let mut d = s.draft(id).unwrap();
    let mut rev = d.revision;
    let mut at_minute = std::collections::BTreeMap::from([(1, 0)]);
    for i in 0..300i64 {
        // ...the first 150 saves 10 days back, the other 150 within the last 7 days.
        let minute = if i < 150 { i * 3 } else { 3 * 24 * 60 + i * 3 };
        clock.store(minute, std::sync::atomic::Ordering::SeqCst);
        d.guide.tldr = format!("save {i}");
        rev = s.save_draft(id, rev, &d.guide).unwrap();
        at_minute.insert(rev, minute);
    }
    // "Now" is the time of the last save.
    let now_min = *at_minute.values().last().unwrap();
    let week_ago = now_min - 7 * 24 * 60;
    let kept: Vec<i64> = s.list_revisions(id).unwrap().into_iter().map(|r| r.revision).collect();
    let newest: Vec<i64> = (rev - KEEP_RECENT_REVISIONS + 1..=rev).rev().collect();
    assert!(newest.iter().all(|r| kept.contains(r)), "the newest 50 are kept");
    // Older ones: exactly the newest revision of each hour within the last 7 days. (Pruning
    // runs every 10th revision, so revisions newer than the last prune also remain.)
    let last_prune = rev - rev % 10;
    for r in 1..=rev {
        let hourly_newest = at_minute.get(&r).is_some_and(|m| {
            *m >= week_ago && !at_minute.iter().any(|(r2, m2)| *r2 > r && m2 / 60 == m / 60)
        });
        let expected = r > last_prune - KEEP_RECENT_REVISIONS || hourly_newest;
        assert_eq!(kept.contains(&r), expected, "revision {r} (minute {:?})", at_minute.get(&r));
    }
    assert!(kept.len() < 300 / 2, "pruning removed most revisions: kept {}", kept.len());
    // Versions are never pruned.
    s.snapshot(id, "v1", VersionState::Draft, "").unwrap();
    assert_eq!(s.list_versions(id).unwrap().len(), 1);
}

#[test]
fn error_codes_are_stable_and_listed() {
    let e = StoreError::Conflict { guide_id: 1, base: 1, current: 2 };
    assert_eq!(e.code(), "store.conflict");
    assert!(StoreError::CODES.contains(&"store.read_only"));
    assert!(StoreError::CODES.contains(&"store.disk_full"));
    assert!(StoreError::CODES.contains(&"store.corrupt"));
    assert_eq!(StoreError::CODES.len(), 15);
}
