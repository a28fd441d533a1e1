//! One version model: what a page says about its version, its history and its times comes
//! from the store's named versions, never from typed fields.

mod common;

use std::sync::{Arc, Mutex};

use almanac_guide::{VersionInfo, VersionState::*};
use almanac_store::{ImportMode, Store, StoreError};
use chrono::{DateTime, Duration, Utc};
use common::*;

fn code<T: std::fmt::Debug>(r: Result<T, StoreError>) -> &'static str {
    r.expect_err("expected an error").code()
}

/// A store whose clock the test moves.
fn clocked() -> (Store, Arc<Mutex<DateTime<Utc>>>) {
    let mut s = mem();
    let t = Arc::new(Mutex::new(
        DateTime::parse_from_rfc3339("2026-11-18T09:00:00Z").unwrap().to_utc(),
    ));
    let clock = t.clone();
    s.set_clock(move || *clock.lock().unwrap());
    (s, t)
}

fn advance(t: &Arc<Mutex<DateTime<Utc>>>, minutes: i64) {
    *t.lock().unwrap() += Duration::minutes(minutes);
}

#[test]
fn typed_version_fields_and_times_are_never_kept() {
    let (mut s, t) = clocked();
    let mut typed = sample();
    typed.meta.version = VersionInfo::named("v9", Live);
    typed.meta.created = "1999-01-01T00:00:00Z".into();
    let g = s.create_guide(&typed).unwrap();
    let d = s.draft(g.id).unwrap();
    assert_eq!(d.guide.meta.version, VersionInfo::working_draft(None));
    assert!(d.guide.versions.is_empty());
    assert_eq!(d.guide.meta.created, "2026-11-18T09:00:00.000Z");
    assert_eq!(d.guide.meta.updated, "2026-11-18T09:00:00.000Z");

    // `updated` moves on a save that changes content, and only then.
    advance(&t, 25);
    let mut e = d.guide.clone();
    e.tldr.push_str(" More.");
    let rev = s.save_draft(g.id, d.revision, &e).unwrap();
    assert_eq!(s.draft(g.id).unwrap().guide.meta.updated, "2026-11-18T09:25:00.000Z");
    advance(&t, 5);
    let mut same = e.clone();
    same.meta.version = VersionInfo::named("v1", Approved);
    same.meta.updated = "2000-01-01T00:00:00Z".into();
    s.save_draft(g.id, rev, &same).unwrap();
    let d = s.draft(g.id).unwrap();
    assert_eq!(d.guide.meta.updated, "2026-11-18T09:25:00.000Z", "no content change");
    assert_eq!(d.guide.meta.created, "2026-11-18T09:00:00.000Z");
    assert_eq!(d.guide.meta.version, VersionInfo::working_draft(None), "typed label ignored");
}

#[test]
fn pages_of_versions_and_of_the_draft_say_which_they_are() {
    let (mut s, t) = clocked();
    let g = s.create_guide(&sample()).unwrap();
    advance(&t, 10);
    let v1 = publish(&mut s, g.id, "v1");
    advance(&t, 60);
    let d = s.draft(g.id).unwrap();
    let mut e = d.guide.clone();
    e.tldr.push_str(" Edited.");
    s.save_draft(g.id, d.revision, &e).unwrap();
    assert!(s.guide(g.id).unwrap().unpublished_edits);
    advance(&t, 5);
    let v2 = s.snapshot(g.id, "v2", InReview, "").unwrap();
    assert_eq!(code(s.snapshot(g.id, "draft", Draft, "")), "store.invalid_input");

    let p1 = s.publishable_version(v1.id).unwrap();
    assert_eq!(p1.meta.version, VersionInfo::named("v1", Live));
    assert_eq!(p1.versions.len(), 1);
    assert_eq!(p1.meta.generated, v1.state_changed);
    assert_eq!(p1.meta.updated, "2026-11-18T09:00:00.000Z", "v1's content time");
    let p2 = s.publishable_version(v2.id).unwrap();
    assert_eq!(p2.meta.version, VersionInfo::named("v2", InReview));
    let history: Vec<(&str, _)> = p2.versions.iter().map(|v| (v.label.as_str(), v.state)).collect();
    assert_eq!(history, [("v2", InReview), ("v1", Live)]);
    assert_eq!(p2.meta.updated, "2026-11-18T10:10:00.000Z");
    // The draft: on top of v2, never carrying v2's label as its own.
    let draft = s.publishable_draft(g.id).unwrap();
    let mut on_v2 = VersionInfo::working_draft(Some("v2"));
    on_v2.same_as_base = true;
    assert_eq!(draft.meta.version, on_v2, "named from the draft: no edits since");
    assert_eq!(draft.versions.len(), 2);
    let d = s.draft(g.id).unwrap();
    let mut e = d.guide.clone();
    e.faq[0].question.push('?');
    s.save_draft(g.id, d.revision, &e).unwrap();
    let edited = s.publishable_draft(g.id).unwrap().meta.version;
    assert_eq!(edited, VersionInfo::working_draft(Some("v2")), "unpublished edits");
    s.save_draft(g.id, d.revision + 1, &d.guide).unwrap();

    // Same version in the same state, same page: the clock does not enter it.
    advance(&t, 600);
    assert_eq!(s.publishable_version(v2.id).unwrap(), p2);
    s.approve(v2.id, REVIEWER).unwrap();
    s.set_version_state(v2.id, Live).unwrap();
    let live2 = s.publishable_version(v2.id).unwrap();
    assert_eq!(live2.meta.version, VersionInfo::named("v2", Live));
    let history: Vec<(&str, _)> =
        live2.versions.iter().map(|v| (v.label.as_str(), v.state)).collect();
    assert_eq!(history, [("v2", Live), ("v1", Archived)]);
    assert_eq!(live2.meta.generated, "2026-11-18T20:15:00.000Z", "when it went live");
    assert!(!s.guide(g.id).unwrap().unpublished_edits, "the draft is v2's content");
}

#[test]
fn the_library_badge_tells_the_truth() {
    let mut s = mem();
    let g = s.create_guide(&sample()).unwrap();
    let row = s.guide(g.id).unwrap();
    assert_eq!((row.newest, row.live, row.unpublished_edits), (None, None, false));
    publish(&mut s, g.id, "v1");
    let row = s.guide(g.id).unwrap();
    assert_eq!(row.live.as_deref(), Some("v1"));
    assert!(!row.unpublished_edits);
    let d = s.draft(g.id).unwrap();
    let mut e = d.guide.clone();
    e.deals.rows[0].partner = Some("Someone".into());
    let rev = s.save_draft(g.id, d.revision, &e).unwrap();
    s.snapshot(g.id, "v2", InReview, "").unwrap();
    let listed = s.list_guides(&Default::default()).unwrap();
    let row = listed.iter().find(|r| r.id == g.id).unwrap();
    let newest = row.newest.as_ref().unwrap();
    assert_eq!((newest.label.as_str(), newest.state), ("v2", InReview));
    assert_eq!(row.live.as_deref(), Some("v1"));
    assert!(row.unpublished_edits);
    // Putting the live content back clears the flag (content hash, not time).
    s.save_draft(g.id, rev, &d.guide).unwrap();
    assert!(!s.guide(g.id).unwrap().unpublished_edits);
}

#[test]
fn importing_a_revised_bundle_adds_a_version_or_replaces_the_draft() {
    let mut s = mem();
    let g = s.create_guide(&sample()).unwrap();
    publish(&mut s, g.id, "v1");
    let mut revised = content("training-infrastructure-v2");
    revised.meta.version = VersionInfo::named("v1", Live);

    // As a new guide: refused, the slug is taken, nothing written.
    assert_eq!(code(s.import_guide(&revised, ImportMode::NewGuide)), "store.slug_taken");
    // As a version: "v1" is taken, so it is renamed; a live bundle comes back in review.
    let out = s.import_guide(&revised, ImportMode::AsVersion).unwrap();
    assert!(!out.created);
    let v = out.version.unwrap();
    assert_eq!((v.label.as_str(), v.state), ("v1-imported", InReview));
    assert!(v.note.contains("v1 (live)"), "{}", v.note);
    assert_eq!(s.open_version(v.id).unwrap().guide, revised.stripped());
    assert_eq!(s.draft(g.id).unwrap().guide.stripped(), sample().stripped(), "draft untouched");
    let again = s.import_guide(&revised, ImportMode::AsVersion).unwrap().version.unwrap();
    assert_eq!(again.label, "v1-imported-2");
    // A draft bundle is named with the next number.
    let mut draft_bundle = revised.clone();
    draft_bundle.meta.version = VersionInfo::working_draft(Some("v1"));
    let next = s.import_guide(&draft_bundle, ImportMode::AsVersion).unwrap().version.unwrap();
    assert_eq!((next.label.as_str(), next.state), ("v4", Draft));

    // As the draft: the old draft stays a kept revision.
    let before = s.draft(g.id).unwrap();
    let out = s.import_guide(&revised, ImportMode::AsDraft).unwrap();
    assert!(out.version.is_none());
    let after = s.draft(g.id).unwrap();
    assert_eq!(after.revision, before.revision + 1);
    assert_eq!(after.guide.stripped(), revised.stripped());
    assert_eq!(s.revision(g.id, before.revision).unwrap(), before.guide.stripped());
    let reasons: Vec<String> =
        s.list_revisions(g.id).unwrap().into_iter().map(|r| r.reason).collect();
    assert_eq!(reasons[0], "import");

    // A new slug: a new guide, with its version when asked for one.
    let mut other = content("scaling-science");
    other.meta.slug = "scaling-science-2".into();
    let out = s.import_guide(&other, ImportMode::AsVersion).unwrap();
    assert!(out.created);
    assert_eq!(out.version.unwrap().label, "v1");
    let d = s.draft(out.guide.id).unwrap();
    assert_eq!(d.guide.meta.version.based_on.as_deref(), Some("v1"));
    assert!(d.guide.meta.version.same_as_base, "the draft is the imported version's content");
    assert_eq!(d.guide.meta.created, "2026-11-02T10:00:00.000Z", "the bundle's own times");
}

#[test]
fn settings_hold_the_reviewer_name() {
    let mut s = mem();
    assert_eq!(s.setting(almanac_store::REVIEWER_SETTING).unwrap(), None);
    s.set_setting(almanac_store::REVIEWER_SETTING, "  Rita ").unwrap();
    assert_eq!(s.setting(almanac_store::REVIEWER_SETTING).unwrap().as_deref(), Some("Rita"));
    s.set_setting(almanac_store::REVIEWER_SETTING, "").unwrap();
    assert_eq!(s.setting(almanac_store::REVIEWER_SETTING).unwrap(), None);
    assert_eq!(code(s.set_setting(" ", "x")), "store.invalid_input");
}
