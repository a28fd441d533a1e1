//! Random patch sequences on the sample guides of `content/`. After every step:
//!
//! - (a) the session's findings are exactly `validate(guide)`, and so is the list the UI holds
//!   when it applies each answer's findings splice;
//! - (b) the session's document is exactly a full render of its guide, and the chunks the answer
//!   reports are exactly those whose HTML changed;
//! - (c) the inverse patch gives back the previous guide, document and findings exactly, and
//!   its own inverse the patch's result;
//! - (d) the guide stays normalised and every derived value reported is the normalised one;
//!
//! and a refused patch changes nothing.

use almanac_edit::{apply, Applied, Chrome, EditError, Patch, Session};
use almanac_guide::{validate, Finding, Guide, Part};
use almanac_render::{render_page_with_theme, PageChunk, PageOptions, Theme};
use proptest::prelude::*;
use serde_json::{json, Value};

fn load(name: &str) -> Guide {
    let path = format!("{}/../../../content/{name}/guide.json", env!("CARGO_MANIFEST_DIR"));
    Guide::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn samples() -> &'static [Guide] {
    static SAMPLES: std::sync::OnceLock<Vec<Guide>> = std::sync::OnceLock::new();
    SAMPLES.get_or_init(|| {
        ["training-infrastructure", "training-infrastructure-v2", "scaling-science"]
            .into_iter()
            .map(load)
            .collect()
    })
}

fn preview() -> PageOptions {
    PageOptions::at(chrono::DateTime::parse_from_rfc3339("2026-11-25T12:00:00Z").unwrap())
}

/// Text (and a few typed) fields an editor edits: `{}` is the item's position.
const FIELDS: &[(Part, &str)] = &[
    (Part::Tldr, "tldr"),
    (Part::Meta, "meta.title"),
    (Part::Meta, "meta.topic"),
    (Part::Meta, "meta.kind"),
    (Part::Meta, "meta.depth"),
    (Part::Meta, "meta.lang"),
    (Part::Meta, "meta.slug"),
    (Part::Meta, "meta.updated"),
    (Part::Meta, "meta.generated"),
    (Part::Meta, "meta.status"),
    (Part::Meta, "meta.version.label"),
    (Part::Meta, "meta.version.based_on"),
    (Part::Deals, "deals.caption"),
    (Part::Deals, "deals.footnote"),
    (Part::Takeaways, "takeaways[{}].text"),
    (Part::Takeaways, "takeaways[{}].lang"),
    (Part::Sections, "sections[{}].heading"),
    (Part::Sections, "sections[{}].body"),
    (Part::Sections, "sections[{}].id"),
    (Part::Figures, "figures[{}].caption"),
    (Part::Figures, "figures[{}].lab"),
    (Part::Figures, "figures[{}].partner"),
    (Part::Figures, "figures[{}].kind"),
    (Part::Figures, "figures[{}].from"),
    (Part::Figures, "figures[{}].key_only"),
    (Part::Figures, "figures[{}].bars"),
    (Part::Deals, "deals[{}].lab"),
    (Part::Deals, "deals[{}].partner"),
    (Part::Deals, "deals[{}].capacity"),
    (Part::Deals, "deals[{}].capacity.text"),
    (Part::Deals, "deals[{}].timeline"),
    (Part::Deals, "deals[{}].terms"),
    (Part::Deals, "deals[{}].id"),
    (Part::Timeline, "timeline[{}].title"),
    (Part::Timeline, "timeline[{}].date"),
    (Part::Timeline, "timeline[{}].detail"),
    (Part::Timeline, "timeline[{}].link"),
    (Part::Timeline, "timeline[{}].key"),
    (Part::RelatedTopics, "related_topics[{}].title"),
    (Part::RelatedTopics, "related_topics[{}].target"),
    (Part::RelatedGuides, "related_guides[{}].title"),
    (Part::Faq, "faq[{}].question"),
    (Part::Faq, "faq[{}].answer"),
    (Part::Sources, "sources[{}].title"),
    (Part::Sources, "sources[{}].summary"),
    (Part::Sources, "sources[{}].url"),
    (Part::Sources, "sources[{}].published"),
    (Part::Sources, "sources[{}].score"),
    (Part::Versions, "versions[{}].at"),
];

/// Values typed in whole (pasted, chosen): odd, invalid, limit-breaking and well-formed.
fn special(k: usize) -> Value {
    let long = "word ".repeat(200);
    let values = [
        json!(""),
        json!("—"),
        json!("bad\u{0}char\u{1b}"),
        json!(long),
        json!("https://example.com/a?b=c"),
        json!("2024-05"),
        json!("2019"),
        json!("300 MW"),
        json!("Multi-GW"),
        json!("OpenAI"),
        json!("Microsoft"),
        json!("see [link](javascript:alert(1)) and *this*"),
        json!("# Head\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1].\n\n[^1]: Note."),
        json!("<script>x</script>"),
        json!(null),
        json!(true),
        json!(7),
        json!(300),
        json!("timeline"),
        json!("compute_stack"),
        json!("grouped"),
        json!("paused"),
        json!("2026-11-20T10:00:00Z"),
        json!("ar"),
        json!("training-infrastructure"),
        json!({ "text": "1.5 GW", "gw": 99.0 }),
    ];
    values[k % values.len()].clone()
}

#[derive(Debug, Clone)]
enum Edit {
    Append(char),
    Clear,
    Pop,
    Special(usize),
}

#[derive(Debug, Clone)]
enum Op {
    Set {
        field: usize,
        item: usize,
        edit: Edit,
    },
    /// Sets an item whole to a copy of another item of its list (its own id kept).
    SetItem {
        list: usize,
        item: usize,
        from: usize,
    },
    /// `reuse`: 0 a fresh id, 1 the id of an item of the same list, 2 of another list.
    Insert {
        list: usize,
        at: usize,
        from: usize,
        reuse: u8,
    },
    /// Sets an item's id to the id of an item of any list.
    SetId {
        list: usize,
        item: usize,
        from_list: usize,
        from: usize,
    },
    Remove {
        list: usize,
        item: usize,
    },
    Move {
        list: usize,
        item: usize,
        to: usize,
    },
    Replace {
        sample: usize,
    },
    Bad {
        k: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let edit = prop_oneof![
        4 => proptest::char::range('a', 'z').prop_map(Edit::Append),
        1 => Just(Edit::Append(' ')),
        1 => Just(Edit::Append('é')),
        1 => Just(Edit::Append('\u{7}')),
        3 => Just(Edit::Pop),
        2 => Just(Edit::Clear),
        3 => any::<usize>().prop_map(Edit::Special),
    ];
    prop_oneof![
        12 => (any::<usize>(), any::<usize>(), edit)
            .prop_map(|(field, item, edit)| Op::Set { field, item, edit }),
        1 => (any::<usize>(), any::<usize>(), any::<usize>())
            .prop_map(|(list, item, from)| Op::SetItem { list, item, from }),
        2 => (any::<usize>(), any::<usize>(), any::<usize>(), prop_oneof![6 => Just(0u8), 1 => Just(1u8), 2 => Just(2u8)])
            .prop_map(|(list, at, from, reuse)| Op::Insert { list, at, from, reuse }),
        1 => (any::<usize>(), any::<usize>(), any::<usize>(), any::<usize>())
            .prop_map(|(list, item, from_list, from)| Op::SetId { list, item, from_list, from }),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(list, item)| Op::Remove { list, item }),
        2 => (any::<usize>(), any::<usize>(), any::<usize>())
            .prop_map(|(list, item, to)| Op::Move { list, item, to }),
        1 => any::<usize>().prop_map(|sample| Op::Replace { sample }),
        1 => any::<usize>().prop_map(|k| Op::Bad { k }),
    ]
}

/// The JSON of the guide at a validation path (`deals[2].capacity` is the row's capacity).
fn value_at(g: &Guide, path: &str) -> Value {
    let v = serde_json::to_value(g).unwrap();
    let mut pointer = String::new();
    for seg in path.split('.') {
        let (key, index) = match seg.split_once('[') {
            Some((k, i)) => (k, Some(i.trim_end_matches(']'))),
            None => (seg, None),
        };
        pointer.push('/');
        pointer.push_str(key);
        if key == "deals" && index.is_some() {
            pointer.push_str("/rows");
        }
        if let Some(i) = index {
            pointer.push('/');
            pointer.push_str(i);
        }
    }
    v.pointer(&pointer).cloned().unwrap_or(Value::Null)
}

fn list_len(g: &Guide, part: Part) -> usize {
    part.item_ids(g).len()
}

fn list_items(g: &Guide, part: Part) -> Vec<Value> {
    let v = serde_json::to_value(g).unwrap();
    let mut at = &v;
    for k in part.list_path().unwrap() {
        at = &at[*k];
    }
    at.as_array().cloned().unwrap_or_default()
}

/// An item for `list`: one of its own, or of a sample guide when it is empty.
fn template(g: &Guide, part: Part, from: usize) -> Option<Value> {
    let own = list_items(g, part);
    let pool = if own.is_empty() { list_items(&samples()[0], part) } else { own };
    (!pool.is_empty()).then(|| pool[from % pool.len()].clone())
}

/// The patch `op` stands for on guide `g` (`None` when it does not apply, e.g. an empty list).
fn patch_for(g: &Guide, op: &Op, step: usize) -> Option<Patch> {
    let lists = Part::LISTS;
    Some(match op {
        Op::Set { field, item, edit } => {
            let (part, pattern) = FIELDS[field % FIELDS.len()];
            let path = if pattern.contains("{}") {
                let n = list_len(g, part);
                if n == 0 {
                    return None;
                }
                pattern.replace("{}", &(item % n).to_string())
            } else {
                pattern.to_string()
            };
            let current = match value_at(g, &path) {
                // A capacity is edited as its text.
                Value::Object(o) if path.ends_with("capacity") => {
                    o.get("text").cloned().unwrap_or(Value::Null)
                }
                v => v,
            };
            let value = match (edit, current) {
                (Edit::Append(c), Value::String(s)) => Value::String(format!("{s}{c}")),
                (Edit::Append(c), Value::Null) => Value::String(c.to_string()),
                (Edit::Pop, Value::String(mut s)) => {
                    s.pop();
                    Value::String(s)
                }
                (Edit::Special(k), _) => special(*k),
                (Edit::Clear, Value::String(_)) => json!(""),
                // A typed field, or nothing left to delete: a value typed in whole.
                _ => special(field.wrapping_add(*item)),
            };
            Patch::Set { path, value }
        }
        Op::SetItem { list, item, from } => {
            let part = lists[list % lists.len()];
            let items = list_items(g, part);
            if items.is_empty() {
                return None;
            }
            let i = item % items.len();
            let mut new = items[from % items.len()].clone();
            new["id"] = items[i]["id"].clone();
            let key = part.key();
            Patch::Set { path: format!("{key}[{i}]"), value: new }
        }
        Op::Insert { list, at, from, reuse } => {
            let part = lists[list % lists.len()];
            let mut item = template(g, part, *from)?;
            match reuse {
                0 => item["id"] = json!(format!("new-{step}-{from}")),
                1 => {}
                _ => {
                    let other = lists[(list + 1 + from % 8) % lists.len()];
                    let ids = other.item_ids(g);
                    if let Some(id) = ids.get(from % ids.len().max(1)) {
                        item["id"] = json!(id);
                    }
                }
            }
            Patch::Insert { list: part, index: at % (list_len(g, part) + 1), item }
        }
        Op::SetId { list, item, from_list, from } => {
            let part = lists[list % lists.len()];
            let n = list_len(g, part);
            let other = lists[from_list % lists.len()];
            let ids = other.item_ids(g);
            if n == 0 || ids.is_empty() {
                return None;
            }
            let id = ids[from % ids.len()].to_string();
            Patch::Set { path: format!("{}[{}].id", part.key(), item % n), value: json!(id) }
        }
        Op::Remove { list, item } => {
            let part = lists[list % lists.len()];
            let ids = part.item_ids(g);
            if ids.is_empty() {
                return None;
            }
            Patch::Remove { list: part, id: ids[item % ids.len()].to_string() }
        }
        Op::Move { list, item, to } => {
            let part = lists[list % lists.len()];
            let ids = part.item_ids(g);
            if ids.is_empty() {
                return None;
            }
            Patch::Move { list: part, id: ids[item % ids.len()].to_string(), to: to % ids.len() }
        }
        Op::Replace { sample } => {
            let s = &samples()[sample % samples().len()];
            Patch::Replace { guide: Box::new(s.clone()) }
        }
        Op::Bad { k } => {
            let bad = [
                Patch::Set { path: "nope".into(), value: json!("x") },
                Patch::Set { path: "format".into(), value: json!(2) },
                Patch::Set { path: "meta.nofield".into(), value: json!("x") },
                Patch::Set { path: "tldr.x".into(), value: json!("x") },
                Patch::Set { path: "tldr".into(), value: json!(3) },
                Patch::Set { path: "takeaways".into(), value: json!([]) },
                Patch::Set { path: "deals[999].lab".into(), value: json!("x") },
                Patch::Set { path: "deals[0].lab.x".into(), value: json!("x") },
                Patch::Set { path: "deals[x].lab".into(), value: json!("x") },
                Patch::Set { path: "sources[0].score".into(), value: json!(-1) },
                Patch::Set { path: "meta.status".into(), value: json!("gone") },
                Patch::Remove { list: Part::Faq, id: "no-such-id".into() },
                Patch::Remove { list: Part::Meta, id: "x".into() },
                Patch::Insert { list: Part::Versions, index: 0, item: json!({}) },
                Patch::Insert { list: Part::Faq, index: 9999, item: json!({}) },
                Patch::Insert { list: Part::Faq, index: 0, item: json!({ "id": "q" }) },
                Patch::Move { list: Part::Takeaways, id: "nope".into(), to: 0 },
            ];
            bad[k % bad.len()].clone()
        }
    })
}

fn chrome_chunk(c: Chrome) -> PageChunk {
    match c {
        Chrome::Head => PageChunk::Head,
        Chrome::Contents => PageChunk::Contents,
        Chrome::Footer => PageChunk::Footer,
    }
}

fn check_step(
    before: &Session,
    after: &Session,
    patch: &Patch,
    applied: &Applied,
    ui_findings: &mut Vec<Finding>,
    theme: Theme,
) -> Result<(), TestCaseError> {
    let g = after.guide();
    let (opts, _) = after.view();
    // (a) findings.
    let full = validate(g);
    prop_assert_eq!(&after.findings(), &full, "findings after {:?}", patch);
    applied.findings.apply_to(ui_findings);
    prop_assert_eq!(&*ui_findings, &full, "spliced findings after {:?}", patch);
    // (b) the document, and exactly the changed chunks reported.
    let page = render_page_with_theme(g, &opts, theme);
    prop_assert!(after.document() == page, "document after {:?}", patch);
    for chunk in PageChunk::ALL {
        let changed = before.chunk(chunk) != after.chunk(chunk);
        let reported = match chunk {
            PageChunk::Part(p) => applied.parts.iter().find(|(q, _)| *q == p).map(|(_, h)| h),
            _ => applied.chrome.iter().find(|(c, _)| chrome_chunk(*c) == chunk).map(|(_, h)| h),
        };
        prop_assert_eq!(changed, reported.is_some(), "{:?} after {:?}", chunk, patch);
        if let Some(html) = reported {
            prop_assert_eq!(html.as_str(), after.chunk(chunk));
        }
    }
    // (c) undo, then redo.
    let mut undo = after.clone();
    let redo = undo.apply(&applied.inverse).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(undo.guide(), before.guide(), "undo of {:?}", patch);
    prop_assert!(undo.document() == before.document(), "undo document of {:?}", patch);
    prop_assert_eq!(undo.findings(), before.findings());
    let mut again = undo.clone();
    again.apply(&redo.inverse).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(again.guide(), g, "redo of {:?}", patch);
    // The plain function does the same.
    let mut plain = before.guide().clone();
    let inverse = apply(&mut plain, patch).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&plain, g);
    prop_assert_eq!(&inverse, &applied.inverse);
    // (d) derived values.
    let mut normal = g.clone();
    normal.normalize();
    prop_assert_eq!(&normal, g, "not normalised after {:?}", patch);
    for (path, value) in &applied.derived {
        let cell = path.strip_suffix(".gw").unwrap();
        let gw = value_at(&normal, cell).get("gw").cloned().unwrap_or(Value::Null);
        prop_assert_eq!(value, &gw, "{}", path);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn patch_sequences_stay_exact(
        sample in 0usize..3,
        published in proptest::bool::weighted(0.25),
        dark in proptest::bool::weighted(0.2),
        ops in proptest::collection::vec(op(), 1..14),
    ) {
        let opts = if published { PageOptions::published() } else { preview() };
        let theme = if dark { Theme::Dark } else { Theme::System };
        let mut session = Session::with_theme(samples()[sample].clone(), opts, theme);
        let mut ui_findings = session.findings();
        prop_assert_eq!(&ui_findings, &validate(session.guide()));
        prop_assert!(session.document() == render_page_with_theme(session.guide(), &opts, theme));
        for (step, op) in ops.iter().enumerate() {
            let Some(patch) = patch_for(session.guide(), op, step) else { continue };
            let before = session.clone();
            match session.apply(&patch) {
                Ok(applied) => {
                    check_step(&before, &session, &patch, &applied, &mut ui_findings, theme)?;
                }
                Err(e) => {
                    prop_assert!(EditError::CODES.contains(&e.code()));
                    prop_assert!(!e.to_string().is_empty());
                    prop_assert_eq!(session.guide(), before.guide(), "{:?} changed the guide", patch);
                    prop_assert!(session.document() == before.document());
                    let mut plain = before.guide().clone();
                    prop_assert_eq!(apply(&mut plain, &patch), Err(e));
                    prop_assert_eq!(&plain, before.guide());
                }
            }
        }
    }
}

#[test]
fn keystrokes_answer_small() {
    let mut s = Session::new(samples()[0].clone(), preview());
    let a = s
        .apply(&Patch::Set { path: "tldr".into(), value: json!(format!("{}x", s.guide().tldr)) })
        .unwrap();
    assert_eq!(a.parts.len(), 1);
    assert_eq!(a.parts[0].0, Part::Tldr);
    assert!(a.chrome.is_empty());
    assert!(a.findings.is_empty());
    let a = s
        .apply(&Patch::Set { path: "deals[0].capacity.text".into(), value: json!("300 MW") })
        .unwrap();
    assert_eq!(a.derived, vec![("deals[0].capacity.gw".to_string(), json!(0.3))]);
    assert!(a.parts.iter().any(|(p, _)| *p == Part::Figures), "the chart follows the capacity");
    assert!(matches!(&a.inverse, Patch::Set { path, .. } if path == "deals[0].capacity"));
}

#[test]
fn errors_have_codes_and_words() {
    let mut s = Session::new(samples()[0].clone(), PageOptions::published());
    let cases = [
        (Patch::Set { path: "meta.nofield".into(), value: json!("x") }, "edit.bad_path"),
        (Patch::Set { path: "figures[0].options.lab".into(), value: json!("x") }, "edit.bad_path"),
        (Patch::Set { path: "faq[0].answer".into(), value: json!(5) }, "edit.bad_value"),
        (Patch::Set { path: "faq[99].answer".into(), value: json!("x") }, "edit.no_such_item"),
        (Patch::Remove { list: Part::Faq, id: "nope".into() }, "edit.no_such_item"),
        (
            Patch::Move { list: Part::Faq, id: s.guide().faq[0].id.clone(), to: 99 },
            "edit.bad_index",
        ),
        (Patch::Remove { list: Part::Tldr, id: "x".into() }, "edit.not_a_list"),
        (Patch::Remove { list: Part::Versions, id: "v1".into() }, "edit.not_a_list"),
    ];
    for (patch, code) in cases {
        let e = s.apply(&patch).unwrap_err();
        assert_eq!(e.code(), code, "{patch:?}: {e}");
        assert!(EditError::CODES.contains(&e.code()));
    }
    let faq = serde_json::to_value(&s.guide().faq[0]).unwrap();
    let e = s.apply(&Patch::Insert { list: Part::Faq, index: 0, item: faq }).unwrap_err();
    assert_eq!(e.code(), "edit.duplicate_id");
    let other = s.guide().faq[1].id.clone();
    s.apply(&Patch::Set { path: "faq[0].id".into(), value: json!(other) }).unwrap();
    let e = s.apply(&Patch::Remove { list: Part::Faq, id: other }).unwrap_err();
    assert_eq!(e.code(), "edit.ambiguous_id");
    assert!(e.to_string().contains("FAQ has more than one question"), "{e}");
}

#[test]
fn patches_serialise_with_their_op() {
    let p = Patch::Move { list: Part::Deals, id: "d1".into(), to: 2 };
    assert_eq!(
        serde_json::to_value(&p).unwrap(),
        json!({ "op": "move", "list": "deals", "id": "d1", "to": 2 })
    );
    let back: Patch =
        serde_json::from_value(json!({ "op": "set", "path": "tldr", "value": "x" })).unwrap();
    assert_eq!(back, Patch::Set { path: "tldr".into(), value: json!("x") });
}
