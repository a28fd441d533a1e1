//! Merge cases, one rule at a time, on the sample guides.

mod common;

use std::collections::BTreeMap;

use almanac_guide::{Capacity, DealRow, Guide, Part, VersionInfo, VersionState};
use almanac_merge::{
    merge, resolve, Conflict, ConflictKind, Merge, MergeChange, MergeError, Resolution,
};
use common::{draft_on_v1, v1, v2};
use serde_json::json;

fn keys(m: &Merge) -> Vec<&str> {
    m.conflicts.iter().map(|c| c.key.as_str()).collect()
}

fn applied(m: &Merge) -> Vec<&str> {
    m.applied.iter().map(|c| c.key.as_str()).collect()
}

fn conflict<'m>(m: &'m Merge, key: &str) -> &'m Conflict {
    m.conflicts.iter().find(|c| c.key == key).unwrap_or_else(|| panic!("no conflict {key}"))
}

fn all(m: &Merge, how: Resolution) -> BTreeMap<String, Resolution> {
    m.conflicts.iter().map(|c| (c.key.clone(), how.clone())).collect()
}

fn ids(items: &[impl almanac_guide::ListItem]) -> Vec<&str> {
    items.iter().map(|x| x.item_id()).collect()
}

fn row<'g>(g: &'g mut Guide, id: &str) -> &'g mut DealRow {
    g.deals.rows.iter_mut().find(|r| r.id == id).expect("deal row")
}

const NVIDIA: &str = "deal-openai-nvidia";

#[test]
fn a_change_on_one_side_applies() {
    let base = v1();
    let mut theirs = base.clone();
    theirs.tldr = "Their summary.".into();
    theirs.meta.title = "Their title".into();
    row(&mut theirs, NVIDIA).terms = Some("Their terms".into());
    let mut ours = base.clone();
    ours.deals.caption = "Our caption".into();
    row(&mut ours, NVIDIA).partner = Some("Our partner".into());

    let m = merge(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    assert_eq!(m.merged.tldr, "Their summary.");
    assert_eq!(m.merged.meta.title, "Their title");
    assert_eq!(m.merged.deals.caption, "Our caption");
    let merged_row = m.merged.deals.rows.iter().find(|r| r.id == NVIDIA).unwrap();
    assert_eq!(merged_row.terms.as_deref(), Some("Their terms"));
    assert_eq!(merged_row.partner.as_deref(), Some("Our partner"));
    assert_eq!(
        m.applied,
        [
            MergeChange { key: "meta.title".into(), label: "Details \u{b7} Title".into() },
            MergeChange { key: "tldr".into(), label: "TL;DR".into() },
            MergeChange {
                key: "deals#deal-openai-nvidia.terms".into(),
                label: "Deal row OpenAI \u{b7} Our partner: Notable terms".into()
            },
        ],
        "in page order, labelled in the form's words"
    );
}

#[test]
fn the_same_change_on_both_sides_is_no_conflict() {
    let base = v1();
    let mut ours = base.clone();
    ours.tldr = "Same words.".into();
    row(&mut ours, NVIDIA).lab = None;
    let theirs = ours.clone();
    let m = merge(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty() && m.applied.is_empty());
    assert_eq!(m.merged, ours);
}

#[test]
fn different_changes_of_a_field_conflict_and_merge_takes_ours() {
    let base = v1();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.tldr = "Ours.".into();
    theirs.tldr = "Theirs.".into();
    let m = merge(&base, &ours, &theirs);
    assert_eq!(keys(&m), ["tldr"]);
    let c = conflict(&m, "tldr");
    assert_eq!((c.part, c.path.as_str(), c.label.as_str()), (Part::Tldr, "tldr", "TL;DR"));
    assert_eq!(c.kind, ConflictKind::BothChanged);
    assert_eq!(c.item_id, None);
    assert_eq!(c.base, Some(json!(base.tldr)));
    assert_eq!((c.ours.clone(), c.theirs.clone()), (Some(json!("Ours.")), Some(json!("Theirs."))));
    assert_eq!(m.merged, ours);
}

#[test]
fn an_item_field_conflict_names_the_item_and_our_path() {
    let base = v1();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    row(&mut ours, NVIDIA).partner = Some("Mirage AI partner".into());
    row(&mut theirs, NVIDIA).partner = Some("Sahara Grid".into());
    // Ours also moves the row first: the path is the row's place on our side.
    let r = ours.deals.rows.iter().position(|r| r.id == NVIDIA).unwrap();
    let moved = ours.deals.rows.remove(r);
    ours.deals.rows.insert(0, moved);
    let m = merge(&base, &ours, &theirs);
    assert_eq!(keys(&m), ["deals#deal-openai-nvidia.partner"]);
    let c = &m.conflicts[0];
    assert_eq!(c.path, "deals[0].partner");
    assert_eq!(c.part, Part::Deals);
    assert_eq!(c.item_id.as_deref(), Some(NVIDIA));
    assert_eq!(c.label, "Deal row OpenAI \u{b7} Mirage AI partner: Partner");
    assert_eq!(ids(&m.merged.deals.rows), ids(&ours.deals.rows), "our move is kept");
}

#[test]
fn removed_on_one_side_and_changed_on_the_other_conflicts() {
    let base = v1();
    let at = base.deals.rows.iter().position(|r| r.id == NVIDIA).unwrap();
    let mut removed = base.clone();
    removed.deals.rows.remove(at);
    let mut changed = base.clone();
    row(&mut changed, NVIDIA).terms = Some("New terms".into());

    let m = merge(&base, &removed, &changed);
    assert_eq!(keys(&m), ["deals#deal-openai-nvidia"]);
    let c = &m.conflicts[0];
    assert_eq!(c.kind, ConflictKind::RemovedByUs);
    assert_eq!(c.path, "deals", "we have no such row: the list's path");
    assert_eq!(c.label, "Deal row OpenAI \u{b7} NVIDIA");
    assert!(c.ours.is_none() && c.theirs.is_some() && c.base.is_some());
    assert_eq!(m.merged, removed);
    let back = resolve(&base, &removed, &changed, &all(&m, Resolution::Theirs)).unwrap();
    assert_eq!(back, changed, "taking theirs puts the row back where it was");

    let m = merge(&base, &changed, &removed);
    assert_eq!(m.conflicts[0].kind, ConflictKind::RemovedByThem);
    assert_eq!(m.conflicts[0].path, format!("deals[{at}]"));
    assert_eq!(m.merged, changed);
    let gone = resolve(&base, &changed, &removed, &all(&m, Resolution::Theirs)).unwrap();
    assert_eq!(gone, removed);
}

#[test]
fn a_removal_against_no_change_applies() {
    let base = v1();
    let mut theirs = base.clone();
    theirs.sources.remove(2);
    let mut ours = base.clone();
    ours.sources[0].title = "Our title".into();
    let m = merge(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty());
    assert_eq!(applied(&m), ["sources#src-openai-stargate-compute"]);
    assert!(m.applied[0].label.starts_with("Source ") && m.applied[0].label.ends_with(": removed"));
    assert_eq!(m.merged.sources.len(), 5);
    assert_eq!(m.merged.sources[0].title, "Our title");
}

#[test]
fn added_on_both_sides_conflicts_only_when_different() {
    let base = v1();
    let item = |answer: &str| almanac_guide::FaqItem {
        id: "faq-new".into(),
        question: "New?".into(),
        answer: answer.into(),
        lang: None,
    };
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.faq.push(item("Yes."));
    theirs.faq.push(item("Yes."));
    let m = merge(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty());
    assert_eq!(m.merged, ours);

    theirs.faq.last_mut().unwrap().answer = "No.".into();
    let m = merge(&base, &ours, &theirs);
    assert_eq!(keys(&m), ["faq#faq-new"]);
    let c = &m.conflicts[0];
    assert_eq!(
        (c.kind, c.path.as_str(), c.label.as_str()),
        (ConflictKind::AddedBoth, "faq[5]", "Question New?")
    );
    assert_eq!(c.base, None);
    assert_eq!(m.merged, ours);
    assert_eq!(resolve(&base, &ours, &theirs, &all(&m, Resolution::Theirs)).unwrap(), theirs);
    let edited = Resolution::Edited {
        value: json!({"id": "faq-new", "question": "New?", "answer": "Maybe."}),
    };
    let g = resolve(&base, &ours, &theirs, &all(&m, edited)).unwrap();
    assert_eq!(g.faq.last().unwrap().answer, "Maybe.");
    let no_item = Resolution::Edited { value: serde_json::Value::Null };
    let g = resolve(&base, &ours, &theirs, &all(&m, no_item)).unwrap();
    assert_eq!(g.faq, base.faq, "an edited null removes the item");
    let other_id = Resolution::Edited {
        value: json!({"id": "faq-other", "question": "New?", "answer": "Maybe."}),
    };
    let e = resolve(&base, &ours, &theirs, &all(&m, other_id)).unwrap_err();
    assert_eq!(e.code(), "merge.invalid_value");
    assert!(e.to_string().contains("Question New?") && e.to_string().contains("faq-new"), "{e}");
}

#[test]
fn one_sided_reorders_are_taken() {
    let base = v1();
    let mut theirs = base.clone();
    theirs.takeaways.reverse();
    let m = merge(&base, &base, &theirs);
    assert_eq!(ids(&m.merged.takeaways), ids(&theirs.takeaways));
    assert_eq!(
        m.applied,
        [MergeChange {
            key: "takeaways#order".into(),
            label: "Key takeaways: order of takeaways".into()
        }]
    );
    let m = merge(&base, &theirs, &base);
    assert_eq!(ids(&m.merged.takeaways), ids(&theirs.takeaways));
    assert!(m.applied.is_empty() && m.conflicts.is_empty());
    // The same reorder on both sides.
    let m = merge(&base, &theirs, &theirs);
    assert!(m.applied.is_empty() && m.conflicts.is_empty());
    assert_eq!(m.merged, theirs);
}

#[test]
fn inserted_items_follow_their_predecessor_on_the_side_that_inserted_them() {
    let base = v1();
    let mut ours = base.clone();
    ours.takeaways.reverse();
    let mut theirs = base.clone();
    let mut added = theirs.takeaways[2].clone();
    added.id = "tk-new".into();
    added.text = "Inserted after the third.".into();
    theirs.takeaways.insert(3, added.clone());
    let mut first = added.clone();
    first.id = "tk-first".into();
    theirs.takeaways.insert(0, first);
    let m = merge(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty());
    let merged = ids(&m.merged.takeaways);
    let mut want = ids(&ours.takeaways);
    let after = want.iter().position(|id| *id == base.takeaways[2].id).unwrap();
    want.insert(after + 1, "tk-new");
    want.insert(0, "tk-first");
    assert_eq!(merged, want);
    assert_eq!(applied(&m), ["takeaways#tk-first", "takeaways#tk-new"]);
}

#[test]
fn different_reorders_conflict_on_the_order() {
    let base = v1();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.takeaways.swap(0, 1);
    theirs.takeaways.swap(4, 5);
    theirs.takeaways[0].text = "Their text".into();
    let m = merge(&base, &ours, &theirs);
    assert_eq!(keys(&m), ["takeaways#order"]);
    let c = &m.conflicts[0];
    assert_eq!((c.kind, c.path.as_str()), (ConflictKind::Order, "takeaways"));
    assert_eq!(c.label, "Key takeaways: order of takeaways");
    assert_eq!(c.ours, Some(json!(ids(&ours.takeaways))));
    assert_eq!(c.theirs, Some(json!(ids(&theirs.takeaways))));
    assert_eq!(ids(&m.merged.takeaways), ids(&ours.takeaways));
    assert_eq!(applied(&m), ["takeaways#tk-anthropic-stack.text"], "the edit still applies");

    let g = resolve(&base, &ours, &theirs, &all(&m, Resolution::Theirs)).unwrap();
    assert_eq!(g, theirs);
    let mut wanted = ids(&base.takeaways);
    wanted.reverse();
    let g = resolve(&base, &ours, &theirs, &all(&m, Resolution::Edited { value: json!(wanted) }))
        .unwrap();
    assert_eq!(ids(&g.takeaways), wanted);
    let short = Resolution::Edited { value: json!(&wanted[1..]) };
    let e = resolve(&base, &ours, &theirs, &all(&m, short)).unwrap_err();
    assert_eq!(e.code(), "merge.invalid_value");
    assert!(e.to_string().contains("Key takeaways: order of takeaways"), "{e}");
}

#[test]
fn the_sample_v2_merges_into_a_draft() {
    let (base, ours, theirs) = (v1(), draft_on_v1(), v2());
    let m = merge(&base, &ours, &theirs);
    assert_eq!(keys(&m), ["deals#deal-openai-nvidia.terms", "faq#faq-vendor-concentration.answer"]);
    assert_eq!(m.conflicts[0].label, "Deal row OpenAI \u{b7} NVIDIA: Notable terms");
    assert_eq!(m.conflicts[1].path, "faq[3].answer");
    assert_eq!(
        applied(&m),
        ["tldr", "takeaways#order", "deals#deal-anthropic-spacex", "deals#deal-openai-aws"]
    );
    let g = &m.merged;
    assert_eq!(g.tldr, theirs.tldr);
    assert_eq!(g.sections, ours.sections);
    assert_eq!(g.timeline, ours.timeline);
    assert_eq!(g.sources, ours.sources);
    assert_eq!(g.faq, ours.faq);
    assert_eq!(ids(&g.takeaways), ids(&theirs.takeaways));
    assert_eq!(g.takeaways[0].text, ours.takeaways[0].text, "our edit moved with the item");
    assert_eq!(ids(&g.deals.rows), ids(&theirs.deals.rows));

    let g = resolve(&base, &ours, &theirs, &all(&m, Resolution::Theirs)).unwrap();
    assert_eq!(g.deals.rows, theirs.deals.rows);
    assert_eq!(g.faq[3], theirs.faq[3]);
    assert_eq!(g.faq.last().unwrap().id, "faq-editor");
}

#[test]
fn resolutions_each_way() {
    let base = v1();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.tldr = "Ours.".into();
    theirs.tldr = "Theirs.".into();
    row(&mut ours, NVIDIA).capacity = Some(Capacity { text: "3 GW".into(), gw: Some(3.0) });
    row(&mut theirs, NVIDIA).capacity = None;
    let m = merge(&base, &ours, &theirs);
    assert_eq!(keys(&m), ["tldr", "deals#deal-openai-nvidia.capacity"]);
    assert_eq!(m.conflicts[1].theirs, None, "an unknown cell is no value");

    let g = resolve(&base, &ours, &theirs, &all(&m, Resolution::Ours)).unwrap();
    assert_eq!(g, m.merged);
    assert_eq!(g, ours);
    let g = resolve(&base, &ours, &theirs, &all(&m, Resolution::Theirs)).unwrap();
    assert_eq!(g, theirs);

    let mut choices = all(&m, Resolution::Ours);
    choices.insert("tldr".into(), Resolution::Edited { value: json!("Both.") });
    choices.insert(
        "deals#deal-openai-nvidia.capacity".into(),
        Resolution::Edited { value: json!({"text": "750 MW", "gw": null}) },
    );
    let g = resolve(&base, &ours, &theirs, &choices).unwrap();
    assert_eq!(g.tldr, "Both.");
    let c = g.deals.rows.iter().find(|r| r.id == NVIDIA).unwrap().capacity.clone().unwrap();
    assert_eq!((c.text.as_str(), c.gw), ("750 MW", Some(0.75)), "derived again in the result");
}

#[test]
fn edited_values_must_fit_the_field() {
    let base = v1();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.tldr = "Ours.".into();
    theirs.tldr = "Theirs.".into();
    ours.sources[0].score = 3;
    theirs.sources[0].score = 7;
    ours.meta.status = almanac_guide::GuideStatus::Paused;
    theirs.meta.status = almanac_guide::GuideStatus::Archived;
    let m = merge(&base, &ours, &theirs);
    let source = m.conflicts.iter().find(|c| c.key.starts_with("sources#")).unwrap();
    assert!(source.label.ends_with(": Relevance"), "{}", source.label);

    for (key, value, label) in [
        ("tldr", json!(42), "TL;DR"),
        ("tldr", json!(null), "TL;DR"),
        ("meta.status", json!("retired"), "Details \u{b7} Status"),
        (source.key.as_str(), json!("high"), source.label.as_str()),
        (source.key.as_str(), json!(300), source.label.as_str()),
    ] {
        let mut choices = all(&m, Resolution::Ours);
        choices.insert(key.into(), Resolution::Edited { value: value.clone() });
        let e = resolve(&base, &ours, &theirs, &choices).unwrap_err();
        assert_eq!(e.code(), "merge.invalid_value", "{key} = {value}");
        assert!(matches!(&e, MergeError::InvalidValue { label: l, .. } if l == label), "{e:?}");
        assert!(e.to_string().contains(label), "{e}");
    }
    let mut choices = all(&m, Resolution::Ours);
    choices.insert("meta.status".into(), Resolution::Edited { value: json!("active") });
    choices.insert(source.key.clone(), Resolution::Edited { value: json!(5) });
    let g = resolve(&base, &ours, &theirs, &choices).unwrap();
    assert_eq!((g.meta.status, g.sources[0].score), (almanac_guide::GuideStatus::Active, 5));
}

#[test]
fn every_conflict_needs_a_resolution_and_only_those() {
    let (base, ours, theirs) = (v1(), draft_on_v1(), v2());
    let m = merge(&base, &ours, &theirs);
    let e = resolve(&base, &ours, &theirs, &BTreeMap::new()).unwrap_err();
    assert_eq!(e.code(), "merge.unresolved");
    let text = e.to_string();
    assert!(text.starts_with("2 conflicts have no resolution"), "{text}");
    assert!(text.contains("Deal row OpenAI \u{b7} NVIDIA: Notable terms"), "{text}");

    let mut one = all(&m, Resolution::Ours);
    one.remove("deals#deal-openai-nvidia.terms");
    let e = resolve(&base, &ours, &theirs, &one).unwrap_err();
    assert_eq!(
        e,
        MergeError::Unresolved {
            labels: vec!["Deal row OpenAI \u{b7} NVIDIA: Notable terms".into()]
        }
    );
    assert!(e.to_string().starts_with("The conflict on \u{201c}Deal row OpenAI"), "{e}");

    let mut extra = all(&m, Resolution::Ours);
    extra.insert("tldr".into(), Resolution::Theirs);
    let e = resolve(&base, &ours, &theirs, &extra).unwrap_err();
    assert_eq!(e.code(), "merge.unknown_conflict");
    assert!(e.to_string().contains("\u{201c}tldr\u{201d}"), "{e}");
    for e in [
        MergeError::Unresolved { labels: vec![] },
        MergeError::InvalidValue { label: String::new(), detail: String::new() },
        MergeError::UnknownConflict { key: String::new() },
    ] {
        assert!(MergeError::CODES.contains(&e.code()));
    }
}

#[test]
fn derived_fields_are_not_merged() {
    let base = v1();
    let mut ours = base.clone();
    ours.meta.version = VersionInfo::working_draft(Some("v2"));
    ours.meta.updated = "2026-12-01T00:00:00Z".into();
    let mut theirs = v2();
    theirs.meta.version = VersionInfo::named("v3", VersionState::InReview);
    theirs.versions = vec![almanac_guide::VersionRef {
        label: "v1".into(),
        state: VersionState::Live,
        at: "2026-11-18T09:00:00Z".into(),
    }];
    theirs.meta.generated = "2026-12-02T00:00:00Z".into();
    let m = merge(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty());
    assert!(m.applied.iter().all(|c| !c.key.starts_with("meta") && c.key != "versions"));
    assert_eq!(m.merged, theirs.stripped());
}

#[test]
fn derived_values_are_derived_again() {
    // A stale parsed capacity on one side is no change, and never reaches the result.
    let base = v1();
    let mut ours = base.clone();
    row(&mut ours, NVIDIA).capacity.as_mut().unwrap().gw = Some(99.0);
    let mut theirs = base.clone();
    row(&mut theirs, NVIDIA).capacity.as_mut().unwrap().text = "2 GW".into();
    let m = merge(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty());
    assert_eq!(applied(&m), ["deals#deal-openai-nvidia.capacity"]);
    let c = m.merged.deals.rows.iter().find(|r| r.id == NVIDIA).unwrap().capacity.clone();
    assert_eq!(c, Some(Capacity { text: "2 GW".into(), gw: Some(2.0) }));
}

#[test]
fn keys_stay_unique_whatever_the_ids() {
    let base = v1();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let mut a = base.takeaways[0].clone();
    a.id = "order".into();
    let mut b = a.clone();
    b.text = "Other".into();
    ours.takeaways.push(a);
    theirs.takeaways.push(b);
    ours.takeaways.swap(0, 1);
    theirs.takeaways.swap(2, 3);
    let m = merge(&base, &ours, &theirs);
    assert_eq!(keys(&m), ["takeaways#%6Frder", "takeaways#order"]);
}

#[test]
fn the_types_serialise_as_the_ui_reads_them() {
    assert_eq!(serde_json::to_value(Resolution::Ours).unwrap(), json!({"kind": "ours"}));
    assert_eq!(
        serde_json::to_value(Resolution::Edited { value: json!("x") }).unwrap(),
        json!({"kind": "edited", "value": "x"})
    );
    let r: Resolution = serde_json::from_value(json!({"kind": "theirs"})).unwrap();
    assert_eq!(r, Resolution::Theirs);
    assert_eq!(serde_json::to_value(ConflictKind::RemovedByUs).unwrap(), json!("removed_by_us"));
    let m = merge(&v1(), &draft_on_v1(), &v2());
    let back: Merge = serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
    assert_eq!(back, m);
    use ts_rs::TS;
    let decl = Conflict::decl();
    assert!(decl.contains("base: unknown") && decl.contains("part: Part"), "{decl}");
    assert!(Resolution::decl().contains("\"kind\": \"edited\""), "{}", Resolution::decl());
}
