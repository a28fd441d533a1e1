//! The store's side of a shared library, without git: what one store shares, another brings in.

mod common;

use std::collections::BTreeMap;

use almanac_guide::{Guide, VersionState};
use almanac_store::{
    EventKind, ReviewEvent, ShareOut, SharedGuideIn, Store, SyncState, LIBRARY_SETTING,
    MACHINE_SETTING, REVIEWER_SETTING,
};
use common::*;

/// A "remote": the files shared so far, by path.
#[derive(Default)]
struct Remote(BTreeMap<String, Vec<u8>>);

impl Remote {
    /// What `s` has to share, written here and recorded as shared.
    fn push(&mut self, s: &mut Store) -> Vec<ShareOut> {
        let out = s.to_share().unwrap();
        for g in &out {
            for (_, label, bytes) in &g.versions {
                let path = format!("{}/versions/{label}.json", g.folder);
                if let Some(old) = self.0.get(&path) {
                    assert_eq!(old, bytes, "{path} is written once");
                }
                self.0.insert(path, bytes.clone());
            }
            for (id, bytes) in &g.events {
                self.0.insert(format!("{}/review/{id}.json", g.folder), bytes.clone());
            }
        }
        s.mark_shared(&out).unwrap();
        out
    }

    /// Everything, as a store brings it in.
    fn read(&self) -> Vec<SharedGuideIn> {
        let mut by: BTreeMap<String, SharedGuideIn> = BTreeMap::new();
        for (path, bytes) in &self.0 {
            let parts: Vec<&str> = path.split('/').collect();
            let slot = by.entry(parts[0].into()).or_insert_with(|| SharedGuideIn {
                folder: parts[0].into(),
                versions: vec![],
                events: vec![],
            });
            let text = String::from_utf8(bytes.clone()).unwrap();
            if parts[1] == "versions" {
                let label = parts[2].trim_end_matches(".json").to_string();
                slot.versions.push((label, Guide::from_json(&text).unwrap()));
            } else {
                slot.events.push(serde_json::from_str::<ReviewEvent>(&text).unwrap());
            }
        }
        by.into_values().collect()
    }
}

fn store(machine: &str, person: &str) -> Store {
    let mut s = mem();
    s.set_setting(MACHINE_SETTING, machine).unwrap();
    s.set_setting(REVIEWER_SETTING, person).unwrap();
    s.set_setting(LIBRARY_SETTING, "file:///shared.git").unwrap();
    s
}

#[test]
fn versions_notes_and_approvals_travel_between_two_stores() {
    let mut remote = Remote::default();
    let mut editor = store("editor-laptop", "Ed Editor");
    let mut reviewer = store("review-desk", "Rita Reviewer");

    let g = editor.create_guide(&sample()).unwrap();
    assert_eq!(editor.guide(g.id).unwrap().sync, Some(SyncState::LocalOnly));
    let v1 = editor.snapshot(g.id, "v1", VersionState::InReview, "first").unwrap();
    assert_eq!((v1.author.as_str(), v1.machine.as_str()), ("Ed Editor", "editor-laptop"));
    remote.push(&mut editor);
    assert_eq!(editor.guide(g.id).unwrap().sync, Some(SyncState::Shared));

    let got = reviewer.import_shared(&remote.read()).unwrap();
    assert_eq!(got.new_guides, ["training-infrastructure"]);
    let rg = reviewer.guide_by_slug("training-infrastructure").unwrap();
    let rv = reviewer.list_versions(rg.id).unwrap();
    assert_eq!(rv.len(), 1);
    assert_eq!((rv[0].label.as_str(), rv[0].state), ("v1", VersionState::InReview));
    assert_eq!((rv[0].author.as_str(), rv[0].machine.as_str()), ("Ed Editor", "editor-laptop"));
    assert_eq!(reviewer.open_version(rv[0].id).unwrap().guide, sample().stripped());
    // The guide arrived with a draft equal to its newest version.
    assert_eq!(reviewer.draft(rg.id).unwrap().guide.stripped(), sample().stripped());
    assert_eq!(reviewer.guide(rg.id).unwrap().sync, Some(SyncState::Shared));

    // The reviewer notes on a deal row and approves.
    let deal = sample().deals.rows[0].id.clone();
    reviewer
        .add_note(rv[0].id, Some("deals[0].partner"), Some(&deal), "Check the partner.")
        .unwrap();
    reviewer.approve(rv[0].id, "Rita Reviewer").unwrap();
    assert_eq!(reviewer.guide(rg.id).unwrap().sync, Some(SyncState::ChangesToShare));
    remote.push(&mut reviewer);
    // Bringing the same files in again changes nothing.
    let again = reviewer.import_shared(&remote.read()).unwrap();
    assert_eq!((again.events, again.new_versions.len()), (0, 0));

    let got = editor.import_shared(&remote.read()).unwrap();
    assert_eq!(got.events, 2, "{got:?}");
    let v = editor.version(v1.id).unwrap();
    assert_eq!(v.state, VersionState::Approved);
    let a = &editor.approvals(v1.id).unwrap()[0];
    assert_eq!((a.reviewer.as_str(), a.machine.as_str()), ("Rita Reviewer", "review-desk"));
    let notes = editor.list_notes(v1.id).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(
        (notes[0].item_id.as_deref(), notes[0].author.as_str(), notes[0].machine.as_str()),
        (Some(deal.as_str()), "Rita Reviewer", "review-desk")
    );

    // Resolving the note travels too.
    editor.delete_note(notes[0].id).unwrap();
    remote.push(&mut editor);
    reviewer.import_shared(&remote.read()).unwrap();
    assert!(reviewer.list_notes(rv[0].id).unwrap().is_empty());
}

#[test]
fn the_same_label_on_two_machines_renames_the_later_one() {
    let mut remote = Remote::default();
    let mut a = store("a", "Ann");
    let mut b = store("b", "Bob");
    let g = a.create_guide(&sample()).unwrap();
    a.snapshot(g.id, "v1", VersionState::Draft, "").unwrap();
    remote.push(&mut a);
    b.import_shared(&remote.read()).unwrap();
    let bg = b.guide_by_slug("training-infrastructure").unwrap().id;

    // Both edit and name "v2".
    let mut ea = a.draft(g.id).unwrap().guide;
    ea.tldr = "Ann's TL;DR.".into();
    a.save_draft(g.id, a.draft(g.id).unwrap().revision, &ea).unwrap();
    a.snapshot(g.id, "v2", VersionState::InReview, "").unwrap();
    let mut eb = b.draft(bg).unwrap().guide;
    eb.tldr = "Bob's TL;DR.".into();
    b.save_draft(bg, b.draft(bg).unwrap().revision, &eb).unwrap();
    let bv2 = b.snapshot(bg, "v2", VersionState::InReview, "").unwrap();
    remote.push(&mut a);

    let got = b.import_shared(&remote.read()).unwrap();
    assert_eq!(got.renamed.len(), 1);
    assert_eq!((got.renamed[0].from.as_str(), got.renamed[0].to.as_str()), ("v2", "v3"));
    assert_eq!(b.version(bv2.id).unwrap().label, "v3");
    assert_eq!(b.open_version(bv2.id).unwrap().guide.tldr, "Bob's TL;DR.");
    let ann = b.version_by_label(bg, "v2").unwrap();
    assert_eq!(b.open_version(ann.id).unwrap().guide.tldr, "Ann's TL;DR.");
    // Bob's draft contains his v3, not Ann's v2: merging is offered.
    let offers: Vec<String> = b.merge_offers(bg).unwrap().into_iter().map(|v| v.label).collect();
    assert_eq!(offers, ["v2"]);
    assert_eq!(b.merge_base(bg, ann.id).unwrap().unwrap().label, "v1");
    remote.push(&mut b);
    a.import_shared(&remote.read()).unwrap();
    let labels: Vec<String> = a.list_versions(g.id).unwrap().into_iter().map(|v| v.label).collect();
    assert_eq!(labels, ["v3", "v2", "v1"]);
    b.record_merge(bg, ann.id).unwrap();
    assert!(b.merge_offers(bg).unwrap().is_empty());
}

#[test]
fn a_move_a_colleague_made_first_is_refused_and_shown() {
    let mut remote = Remote::default();
    let mut a = store("a", "Ann");
    let mut b = store("b", "Bob");
    let g = a.create_guide(&sample()).unwrap();
    let v1 = a.snapshot(g.id, "v1", VersionState::InReview, "").unwrap();
    remote.push(&mut a);
    b.import_shared(&remote.read()).unwrap();
    let bg = b.guide_by_slug("training-infrastructure").unwrap().id;
    let bv1 = b.version_by_label(bg, "v1").unwrap();

    // Ann sends it back to draft; later, Bob (not yet synced) approves it.
    a.set_version_state(v1.id, VersionState::Draft).unwrap();
    remote.push(&mut a);
    std::thread::sleep(std::time::Duration::from_millis(5));
    b.approve(bv1.id, "Bob").unwrap();
    remote.push(&mut b);

    for s in [&mut a, &mut b] {
        s.import_shared(&remote.read()).unwrap();
    }
    for (s, id) in [(&a, g.id), (&b, bg)] {
        let v = s.version_by_label(id, "v1").unwrap();
        assert_eq!(v.state, VersionState::Draft, "both fold to the same state");
        let log = s.review_log(id).unwrap();
        let refused: Vec<_> = log.iter().filter(|e| e.refused.is_some()).collect();
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0].kind, EventKind::Approval);
        assert!(refused[0].refused.as_ref().unwrap().contains("moved first"));
        assert!(s.approvals(v.id).unwrap().is_empty(), "a refused approval approves nothing");
    }
}
