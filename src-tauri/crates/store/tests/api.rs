//! The store's operations: guides, drafts, versions, review, restore, search, seeding.

mod common;

use almanac_guide::VersionState::{self, *};
use almanac_store::{allowed_transition, content_hash, ItemRef, ListQuery, SortBy, StoreError};
use common::*;

fn code<T: std::fmt::Debug>(r: Result<T, StoreError>) -> &'static str {
    r.expect_err("expected an error").code()
}

#[test]
fn fts5_is_compiled_in() {
    let s = mem();
    let opts: Vec<String> = s
        .connection()
        .prepare("PRAGMA compile_options")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(opts.iter().any(|o| o == "ENABLE_FTS5"), "{opts:?}");
}

#[test]
fn create_list_sort_filter() {
    let mut s = mem();
    let b = s.create_guide(&guide("bravo", "Bravo guide")).unwrap();
    let a = s.create_guide(&guide("alpha", "alpha guide")).unwrap();
    let e = s.create_empty_guide("charlie", "Charlie").unwrap();
    assert_eq!(e.state, Draft);
    assert_eq!(s.draft(e.id).unwrap().guide.meta.title, "Charlie");
    assert_eq!(s.draft(e.id).unwrap().revision, 1);

    let titles = |q: &ListQuery, s: &almanac_store::Store| -> Vec<String> {
        s.list_guides(q).unwrap().into_iter().map(|g| g.slug).collect()
    };
    assert_eq!(titles(&ListQuery::default(), &s), ["alpha", "bravo", "charlie"]);

    // Updated order: a save makes bravo the most recent.
    s.set_clock(|| "2030-01-01T00:00:00Z".parse().unwrap());
    let d = s.draft(b.id).unwrap();
    s.save_draft(b.id, d.revision, &d.guide).unwrap();
    let by_updated = ListQuery { sort: SortBy::Updated, ..Default::default() };
    assert_eq!(titles(&by_updated, &s)[0], "bravo");

    let text = ListQuery { text: Some("ALPHA".into()), ..Default::default() };
    assert_eq!(titles(&text, &s), ["alpha"]);
    let wild = ListQuery { text: Some("%_".into()), ..Default::default() };
    assert!(titles(&wild, &s).is_empty(), "LIKE wildcards are matched literally");

    s.snapshot(a.id, "v1", InReview, "").unwrap();
    let in_review = ListQuery { state: Some(InReview), ..Default::default() };
    assert_eq!(titles(&in_review, &s), ["alpha"]);
}

#[test]
fn slugs_are_checked() {
    let mut s = mem();
    s.create_guide(&guide("alpha", "A")).unwrap();
    assert_eq!(code(s.create_guide(&guide("alpha", "B"))), "store.slug_taken");
    assert_eq!(code(s.create_guide(&guide("Not A Slug", "B"))), "store.invalid_slug");
    assert_eq!(s.list_guides(&ListQuery::default()).unwrap().len(), 1);
}

#[test]
fn rename_trash_and_restore_from_trash() {
    let mut s = mem();
    let g = s.create_guide(&guide("alpha", "Alpha")).unwrap();
    let d = s.rename_guide(g.id, "Alpha renamed", Some("alpha-2")).unwrap();
    assert_eq!(d.revision, 2);
    assert_eq!(d.guide.meta.title, "Alpha renamed");
    let g2 = s.guide(g.id).unwrap();
    assert_eq!((g2.title.as_str(), g2.slug.as_str()), ("Alpha renamed", "alpha-2"));
    assert_eq!(code(s.rename_guide(g.id, "  ", None)), "store.invalid_input");

    s.trash_guide(g.id).unwrap();
    assert!(s.list_guides(&ListQuery::default()).unwrap().is_empty());
    assert_eq!(s.list_trash().unwrap()[0].id, g.id);
    assert_eq!(code(s.guide_by_slug("alpha-2")), "store.not_found");
    // The slug is free while the guide is in the trash...
    let other = s.create_guide(&guide("alpha-2", "Usurper")).unwrap();
    // ...so bringing it back is refused until one of them is renamed.
    assert_eq!(code(s.restore_from_trash(g.id)), "store.slug_taken");
    s.rename_guide(other.id, "Usurper", Some("usurper")).unwrap();
    s.restore_from_trash(g.id).unwrap();
    assert!(s.list_trash().unwrap().is_empty());
    assert_eq!(s.guide_by_slug("alpha-2").unwrap().id, g.id);
    // Draft and history survived the trash.
    assert_eq!(s.draft(g.id).unwrap().revision, 2);
    assert_eq!(code(s.restore_from_trash(g.id)), "store.invalid_input");
}

#[test]
fn saves_name_their_base_and_stale_saves_conflict() {
    let mut s = mem();
    let g = s.create_guide(&sample()).unwrap();
    let d = s.draft(g.id).unwrap();
    let mut a = d.guide.clone();
    a.tldr = "edit A".into();
    let mut b = d.guide.clone();
    b.tldr = "edit B".into();
    assert_eq!(s.save_draft(g.id, 1, &a).unwrap(), 2);
    // B started from revision 1 too: refused, carrying the current revision.
    match s.save_draft(g.id, 1, &b) {
        Err(StoreError::Conflict { guide_id, base, current }) => {
            assert_eq!((guide_id, base, current), (g.id, 1, 2))
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    let now = s.draft(g.id).unwrap();
    assert_eq!((now.revision, now.guide.tldr.as_str()), (2, "edit A"));
    assert_eq!(code(s.save_draft(g.id, 7, &b)), "store.conflict");
    assert_eq!(code(s.save_draft(999, 1, &b)), "store.not_found");
    // The conflict message tells the editor what happened.
    let msg = s.save_draft(g.id, 1, &b).unwrap_err().to_string();
    assert!(msg.contains("revision 2") && msg.contains("nothing was overwritten"), "{msg}");
}

#[test]
fn drafts_may_be_unfinished_but_must_be_guides() {
    let mut s = mem();
    let g = s.create_guide(&sample()).unwrap();
    let mut unfinished = s.draft(g.id).unwrap().guide;
    unfinished.meta.title.clear();
    unfinished.deals.rows[0].capacity.as_mut().unwrap().text = "300 MW".into();
    unfinished.deals.rows[0].capacity.as_mut().unwrap().gw = None;
    assert!(almanac_guide::has_errors(&almanac_guide::validate(&unfinished)));
    let rev = s.save_draft(g.id, 1, &unfinished).unwrap();
    let back = s.draft(g.id).unwrap();
    assert_eq!(back.revision, rev);
    assert_eq!(back.guide.meta.title, "");
    // Saved normalized: the capacity was parsed.
    assert_eq!(back.guide.deals.rows[0].capacity.as_ref().unwrap().gw, Some(0.3));

    for bad in ["", "{", "{\"format\": 1}", "[1,2]", "{\"format\": 99, \"meta\": {}}"] {
        assert_eq!(code(s.save_draft_json(g.id, rev, bad)), "store.invalid_guide", "{bad:?}");
    }
    assert_eq!(s.draft(g.id).unwrap().revision, rev, "a refused save writes nothing");
    let json = back.guide.to_canonical_json();
    assert_eq!(s.save_draft_json(g.id, rev, &json).unwrap(), rev + 1);
}

fn blob_count(s: &almanac_store::Store) -> i64 {
    s.connection().query_row("SELECT COUNT(*) FROM blobs", [], |r| r.get(0)).unwrap()
}

#[test]
fn snapshots_are_immutable_numbered_and_deduplicated() {
    let mut s = mem();
    let g = s.create_guide(&sample()).unwrap();
    let v1 = s.snapshot(g.id, "v1", Draft, "first").unwrap();
    assert_eq!((v1.number, v1.label.as_str(), v1.note.as_str()), (1, "v1", "first"));
    assert_eq!(v1.content_hash, content_hash(&s.draft(g.id).unwrap().guide.stripped()));
    // Same content again: a second version, the same stored blob.
    let again = s.snapshot(g.id, "v1-again", Draft, "").unwrap();
    assert_eq!(again.content_hash, v1.content_hash);
    assert_eq!(blob_count(&s), 1);
    assert_eq!(code(s.snapshot(g.id, "v1", Draft, "")), "store.label_taken");
    assert_eq!(code(s.snapshot(g.id, " ", Draft, "")), "store.invalid_input");

    let mut edited = s.draft(g.id).unwrap().guide;
    edited.tldr.push_str(" More.");
    s.save_draft(g.id, 1, &edited).unwrap();
    let v2 = s.snapshot(g.id, "v2", InReview, "").unwrap();
    assert_eq!(v2.number, 3);
    assert_eq!(blob_count(&s), 2);

    let labels: Vec<String> = s.list_versions(g.id).unwrap().into_iter().map(|v| v.label).collect();
    assert_eq!(labels, ["v2", "v1-again", "v1"]);
    assert_eq!(s.open_version(v1.id).unwrap().guide, sample().stripped());
    assert_eq!(s.open_version(v2.id).unwrap().guide, edited.stripped());
    assert_eq!(s.version_by_label(g.id, "v2").unwrap().id, v2.id);
    assert_eq!(code(s.version_by_label(g.id, "v9")), "store.not_found");
    assert_eq!(code(s.open_version(12345)), "store.not_found");

    // The database itself refuses to change or delete a version or a blob, and to relabel a
    // version the shared library holds (one not yet shared may be renamed by a sync).
    let c = s.connection();
    assert!(c.execute("UPDATE versions SET content_hash = 'x' WHERE id = ?1", [v1.id]).is_err());
    c.execute("UPDATE versions SET shared = 1 WHERE id = ?1", [v1.id]).unwrap();
    assert!(c.execute("UPDATE versions SET label = 'x' WHERE id = ?1", [v1.id]).is_err());
    assert!(c.execute("DELETE FROM versions WHERE id = ?1", [v1.id]).is_err());
    assert!(c.execute("UPDATE blobs SET data = x'00'", []).is_err());
    assert!(c.execute("DELETE FROM blobs", []).is_err());
    assert_eq!(s.guide(g.id).unwrap().state, InReview);
}

#[test]
fn state_transitions_follow_the_documented_moves() {
    let all = [Draft, InReview, Approved, Live, Archived];
    let allowed: Vec<(VersionState, VersionState)> = all
        .iter()
        .flat_map(|a| all.iter().map(move |b| (*a, *b)))
        .filter(|(a, b)| allowed_transition(*a, *b))
        .collect();
    assert_eq!(
        allowed,
        [
            (Draft, InReview),
            (Draft, Archived),
            (InReview, Draft),
            (InReview, Archived),
            (Approved, InReview),
            (Approved, Live),
            (Approved, Archived),
            (Live, Archived),
            (Archived, Draft),
        ]
    );

    let mut s = mem();
    let g = s.create_guide(&sample()).unwrap();
    let v = s.snapshot(g.id, "v1", Draft, "").unwrap();
    assert_eq!(code(s.set_version_state(v.id, Live)), "store.invalid_transition");
    let msg = s.set_version_state(v.id, Live).unwrap_err().to_string();
    assert!(msg.contains("in review"), "{msg}");
    assert_eq!(code(s.approve(v.id, REVIEWER)), "store.invalid_transition");
    s.set_version_state(v.id, InReview).unwrap();
    assert_eq!(s.guide(g.id).unwrap().state, InReview);
    // Approved only through approve, which needs a reviewer.
    let msg = s.set_version_state(v.id, Approved).unwrap_err().to_string();
    assert!(msg.contains("only through Approve"), "{msg}");
    assert_eq!(code(s.approve(v.id, "  ")), "store.invalid_input");
    let a = s.approve(v.id, REVIEWER).unwrap();
    assert_eq!((a.content_hash.as_str(), a.reviewer.as_str()), (v.content_hash.as_str(), REVIEWER));
    assert_eq!(s.approvals(v.id).unwrap(), [a]);
    assert_eq!(s.version(v.id).unwrap().state, Approved);
    assert_eq!(code(s.approve(v.id, REVIEWER)), "store.invalid_transition", "approved twice");
    s.set_version_state(v.id, Live).unwrap();
    assert_eq!(s.guide(g.id).unwrap().state, Live);
    assert_eq!(code(s.set_version_state(v.id, Approved)), "store.invalid_transition");
    assert_eq!(code(s.set_version_state(v.id, InReview)), "store.invalid_transition");
    assert_eq!(code(s.set_version_state(v.id, Draft)), "store.invalid_transition");

    // A new version starts as draft or in review: never approved or live.
    for state in [Approved, Live, Archived] {
        assert_eq!(
            code(s.snapshot(g.id, "v2", state, "")),
            "store.invalid_transition",
            "{state:?}"
        );
    }
    assert!(s.list_versions(g.id).unwrap().len() == 1, "refused snapshots write nothing");
    // A second version going live archives the first.
    let v2 = publish(&mut s, g.id, "v2");
    assert_eq!(s.approvals(v2.id).unwrap().len(), 1);
    assert_eq!(s.version(v.id).unwrap().state, Archived);
    assert_ne!(s.version(v.id).unwrap().state_changed, "", "the archiving is timed");
    s.set_version_state(v2.id, Archived).unwrap();
    assert_eq!(s.guide(g.id).unwrap().state, Archived);
    assert_eq!(code(s.set_version_state(v2.id, Live)), "store.invalid_transition");
    s.set_version_state(v2.id, Draft).unwrap();
    assert_eq!(s.guide(g.id).unwrap().state, Draft);
    // Every refused move, from every state, writes nothing.
    for from in all {
        for to in all {
            if allowed_transition(from, to) {
                continue;
            }
            let mut s = mem();
            let g = s.create_guide(&sample()).unwrap();
            let v = reach(&mut s, g.id, from);
            let before = s.version(v.id).unwrap();
            assert_eq!(code(s.set_version_state(v.id, to)), "store.invalid_transition");
            assert_eq!(s.version(v.id).unwrap(), before, "{from:?} -> {to:?}");
        }
    }
}

/// A version of `guide_id` named and moved to `state` through allowed moves only.
fn reach(
    s: &mut almanac_store::Store,
    guide_id: i64,
    state: VersionState,
) -> almanac_store::Version {
    let v = s.snapshot(guide_id, "v1", InReview, "").unwrap();
    let v = match state {
        Draft => s.set_version_state(v.id, Draft).unwrap(),
        InReview => v,
        Archived => s.set_version_state(v.id, Archived).unwrap(),
        Approved | Live => {
            s.approve(v.id, REVIEWER).unwrap();
            if state == Live {
                s.set_version_state(v.id, Live).unwrap()
            } else {
                s.version(v.id).unwrap()
            }
        }
    };
    assert_eq!(v.state, state);
    v
}

#[test]
fn approval_names_content_and_a_later_edit_is_not_covered() {
    let mut s = mem();
    let g = s.create_guide(&sample()).unwrap();
    assert!(s.approval_status(g.id).unwrap().approved.is_none());
    let v = s.snapshot(g.id, "v1", InReview, "").unwrap();
    s.approve(v.id, REVIEWER).unwrap();
    let st = s.approval_status(g.id).unwrap();
    assert!(st.covers_draft);
    assert_eq!(st.approved.as_ref().unwrap().0.id, v.id);
    let d = s.draft(g.id).unwrap();
    let mut edited = d.guide.clone();
    edited.faq[0].answer.push_str(" Edited.");
    s.save_draft(g.id, d.revision, &edited).unwrap();
    let st = s.approval_status(g.id).unwrap();
    assert!(!st.covers_draft);
    assert_eq!(st.approved.unwrap().1.content_hash, v.content_hash);
    assert_ne!(st.draft_hash, v.content_hash);
    // Undoing the edit makes the approval cover the draft again.
    s.save_draft(g.id, d.revision + 1, &d.guide).unwrap();
    assert!(s.approval_status(g.id).unwrap().covers_draft);
}

#[test]
fn review_notes_on_versions_and_fields() {
    let mut s = mem();
    let g = s.create_guide(&sample()).unwrap();
    let v = s.snapshot(g.id, "v1", InReview, "").unwrap();
    let whole = s.add_note(v.id, None, None, "Looks good overall.").unwrap();
    let row = s.add_note(v.id, Some("deals[3].partner"), Some("deal-x"), "Source?").unwrap();
    assert_eq!(code(s.add_note(v.id, None, None, "  ")), "store.invalid_input");
    assert_eq!(code(s.add_note(999, None, None, "x")), "store.not_found");
    let notes = s.list_notes(v.id).unwrap();
    assert_eq!(notes, [whole.clone(), row.clone()]);
    assert_eq!(notes[1].path.as_deref(), Some("deals[3].partner"));
    s.delete_note(whole.id).unwrap();
    assert_eq!(s.list_notes(v.id).unwrap(), [row]);
    assert_eq!(code(s.delete_note(whole.id)), "store.not_found");
}

#[test]
fn restoring_a_version_keeps_the_draft_it_replaces() {
    let mut s = mem();
    let g = s.create_guide(&sample()).unwrap();
    let v1 = publish(&mut s, g.id, "v1");
    let v2_content = content("training-infrastructure-v2");
    s.save_draft(g.id, 1, &v2_content).unwrap();
    let restored = s.restore_version(g.id, v1.id, Some(2)).unwrap();
    assert_eq!(restored.revision, 3);
    assert_eq!(restored.guide.stripped(), sample().stripped());
    // The draft that was replaced is kept and readable.
    assert_eq!(s.revision(g.id, 2).unwrap(), v2_content.stripped());
    let reasons: Vec<String> =
        s.list_revisions(g.id).unwrap().into_iter().map(|r| r.reason).collect();
    assert_eq!(reasons, ["restore", "save", "create"]);
    // A stale base is refused.
    assert_eq!(code(s.restore_version(g.id, v1.id, Some(2))), "store.conflict");
    // A version of another guide is refused.
    let other = s.create_guide(&guide("other", "Other")).unwrap();
    assert_eq!(code(s.restore_version(other.id, v1.id, None)), "store.invalid_input");
    assert_eq!(s.draft(other.id).unwrap().revision, 1);
}

#[test]
fn restoring_one_item_by_id() {
    let mut s = mem();
    let v1_guide = sample();
    let g = s.create_guide(&v1_guide).unwrap();
    let v1 = publish(&mut s, g.id, "v1");
    let mut d = s.draft(g.id).unwrap().guide;
    // Edit row 0, delete row 2, reorder: the restore must find rows by id, not index.
    let id0 = d.deals.rows[0].id.clone();
    let id1 = d.deals.rows[1].id.clone();
    let id2 = d.deals.rows[2].id.clone();
    d.deals.rows[0].partner = Some("Someone else".into());
    d.deals.rows.remove(2);
    d.deals.rows.swap(0, 1);
    let rev = s.save_draft(g.id, 1, &d).unwrap();

    let item = |id: &str| ItemRef { list: "deals".into(), id: id.into() };
    let after = s.restore_item(g.id, v1.id, &item(&id0), Some(rev)).unwrap();
    let rows = &after.guide.deals.rows;
    assert_eq!(rows[1], v1_guide.deals.rows[0], "edited row restored in place");
    assert_eq!(rows[0].id, id1);
    // The deleted row comes back right after its predecessor in v1 (row 1).
    let after = s.restore_item(g.id, v1.id, &item(&id2), None).unwrap();
    let ids: Vec<&str> = after.guide.deals.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(&ids[..3], [id1.as_str(), id2.as_str(), id0.as_str()]);
    assert_eq!(after.guide.deals.rows.len(), v1_guide.deals.rows.len());

    let faq_id = v1_guide.faq[1].id.clone();
    let mut d = after.guide.clone();
    d.faq[1].answer = "Changed.".into();
    let rev = s.save_draft(g.id, after.revision, &d).unwrap();
    let faq = ItemRef { list: "faq".into(), id: faq_id };
    let back = s.restore_item(g.id, v1.id, &faq, Some(rev)).unwrap();
    assert_eq!(back.guide.faq, v1_guide.faq);

    assert_eq!(code(s.restore_item(g.id, v1.id, &item("no-such-row"), None)), "store.not_found");
    let bad = ItemRef { list: "meta".into(), id: "x".into() };
    let err = s.restore_item(g.id, v1.id, &bad, None).unwrap_err();
    assert_eq!(err.code(), "store.invalid_input");
    assert!(err.to_string().contains("deals"), "{err}");
}

#[test]
fn restoring_one_field() {
    let mut s = mem();
    let v1_guide = sample();
    let g = s.create_guide(&v1_guide).unwrap();
    let v1 = publish(&mut s, g.id, "v1");
    let mut d = s.draft(g.id).unwrap().guide;
    d.tldr = "new tldr".into();
    d.meta.title = "New title".into();
    d.deals.caption = "new caption".into();
    d.faq.clear();
    let mut rev = s.save_draft(g.id, 1, &d).unwrap();
    for path in ["tldr", "meta.title", "deals.caption", "faq"] {
        rev = s.restore_field(g.id, v1.id, path, Some(rev)).unwrap().revision;
    }
    let back = s.draft(g.id).unwrap().guide;
    assert_eq!(back.tldr, v1_guide.tldr);
    assert_eq!(back.meta.title, v1_guide.meta.title);
    assert_eq!(s.guide(g.id).unwrap().title, v1_guide.meta.title, "library title follows");
    assert_eq!(back.deals.caption, v1_guide.deals.caption);
    assert_eq!(back.faq, v1_guide.faq);
    for bad in ["", "nope", "meta.nope", "meta..title", "format"] {
        assert_eq!(code(s.restore_field(g.id, v1.id, bad, None)), "store.invalid_input", "{bad}");
    }
    assert_eq!(s.draft(g.id).unwrap().revision, rev, "refused restores write nothing");
}

#[test]
fn search_ranks_highlights_and_survives_any_input() {
    let mut s = mem();
    let ti = s.create_guide(&sample()).unwrap();
    let sc = s.create_guide(&content("scaling-science")).unwrap();
    let mut third = guide("third", "Gigawatt economics");
    third.tldr = "Power <b>&</b> gigawatt quuxly budgets.".into();
    let th = s.create_guide(&third).unwrap();

    let hits = s.search("gigawatt", 10).unwrap();
    assert!(hits.len() >= 2, "{hits:?}");
    assert_eq!(hits[0].guide_id, th.id, "a title match ranks first");
    assert!(hits.iter().all(|h| h.snippet.iter().any(|r| r.mark)), "{hits:?}");
    assert!(hits.windows(2).all(|w| w[0].rank <= w[1].rank));
    // Text stays text (no markup, nothing escaped); the matches are the marked runs.
    let tldr_hit = s.search("quuxly", 10).unwrap();
    assert_eq!(tldr_hit.len(), 1);
    let snippet = &tldr_hit[0].snippet;
    assert!(snippet.iter().any(|r| !r.mark && r.text.contains("<b>&</b>")), "{snippet:?}");
    let marked: Vec<&str> = snippet.iter().filter(|r| r.mark).map(|r| r.text.as_str()).collect();
    assert_eq!(marked, ["quuxly"], "{snippet:?}");

    // Scaling-science words find that guide; prefixes work.
    assert!(s.search("scaling law", 10).unwrap().iter().any(|h| h.guide_id == sc.id));
    assert_eq!(s.search("gigawa", 10).unwrap().len(), hits.len());

    for nasty in [
        "\"",
        "\"\"",
        "'",
        "(",
        ")",
        "*",
        "AND",
        "OR NOT",
        "NEAR(a b)",
        "a:b",
        "title:x",
        "^",
        "-",
        "--",
        "+",
        "{}",
        "[",
        "\\",
        ";",
        "\u{0}",
        "日本語",
        "🙂",
        "a\"b",
        "x OR",
        "",
        "   ",
        "col:*",
        "\u{E000}",
    ] {
        s.search(nasty, 10).unwrap_or_else(|e| panic!("{nasty:?}: {e}"));
    }

    // The index follows the draft and skips the trash.
    let d = s.draft(ti.id).unwrap();
    let mut g = d.guide.clone();
    g.tldr = "zyzzyva appears here".into();
    s.save_draft(ti.id, d.revision, &g).unwrap();
    assert_eq!(s.search("zyzzyva", 10).unwrap()[0].guide_id, ti.id);
    s.trash_guide(ti.id).unwrap();
    assert!(s.search("zyzzyva", 10).unwrap().is_empty());
}

#[test]
fn publishable_version_stamps_label_state_and_history() {
    let mut s = mem();
    let g = s.create_guide(&sample()).unwrap();
    let v1 = publish(&mut s, g.id, "v1");
    let d = s.draft(g.id).unwrap();
    let mut e = d.guide.clone();
    e.tldr.push('!');
    s.save_draft(g.id, d.revision, &e).unwrap();
    let v2 = s.snapshot(g.id, "v2", InReview, "").unwrap();
    let p = s.publishable_version(v2.id).unwrap();
    assert_eq!((p.meta.version.label.as_str(), p.meta.version.state), ("v2", InReview));
    let labels: Vec<&str> = p.versions.iter().map(|v| v.label.as_str()).collect();
    assert_eq!(labels, ["v2", "v1"]);
    let p1 = s.publishable_version(v1.id).unwrap();
    assert_eq!(p1.versions.len(), 1, "later versions are not listed on an earlier one");
    // The stored content is untouched.
    assert_eq!(s.open_version(v2.id).unwrap().version.content_hash, v2.content_hash);
}

#[test]
fn content_is_delta_encoded_and_reads_back_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("delta.db");
    let mut s = unseeded(&path);
    let g = s.create_guide(&sample()).unwrap();
    let mut expected = Vec::new();
    let mut rev = 1;
    let mut guide = sample();
    for i in 0..40 {
        guide.tldr = format!("{} Edit {i}.", sample().tldr);
        guide.deals.rows[i % 8].terms = Some(format!("terms edit {i}"));
        if i % 7 == 3 {
            guide.faq.swap(0, 1);
        }
        rev = s.save_draft(g.id, rev, &guide).unwrap();
        let v = s.snapshot(g.id, &format!("v{i}"), Draft, "").unwrap();
        expected.push((v.id, guide.clone(), rev));
    }
    let depths: Vec<(Option<i64>, i64)> = s
        .connection()
        .prepare("SELECT base_id, depth FROM blobs ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(depths.iter().filter(|(b, _)| b.is_some()).count() >= 35, "{depths:?}");
    assert!(depths.iter().all(|(_, d)| *d <= almanac_store::MAX_DELTA_DEPTH));
    let deltas: i64 = s
        .connection()
        .query_row("SELECT COUNT(*) FROM draft_revisions WHERE base_blob_id IS NOT NULL", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(deltas >= 35, "draft revisions are deltas against the newest version: {deltas}");
    drop(s);
    // A fresh store (nothing cached) reads every version and kept revision back exactly.
    let s = unseeded(&path);
    for (vid, guide, rev) in &expected {
        assert_eq!(s.open_version(*vid).unwrap().guide, guide.stripped());
        assert_eq!(s.revision(g.id, *rev).unwrap(), guide.stripped());
    }
}

#[test]
fn a_store_can_move_between_threads() {
    fn send<T: Send>(_: T) {}
    send(mem());
    let mut s = mem();
    let (id, s) = std::thread::spawn(move || s.create_guide(&sample()).map(|g| (g.id, s)))
        .join()
        .unwrap()
        .unwrap();
    assert_eq!(s.draft(id).unwrap().revision, 1);
}
