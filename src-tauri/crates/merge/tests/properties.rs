//! Properties of the merge over guides made by random edits of the sample guides: a part-level
//! field changed, a field of a random item changed, an item inserted, removed or moved. Edits
//! write one of a few values, so that both sides often make the same change, and inserted
//! items take one of a few ids, so that both sides often add the same id.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use almanac_guide::{Guide, Part};
use almanac_merge::{merge, resolve, ConflictKind, Merge, Resolution};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Value};

#[derive(Debug, Clone)]
enum Edit {
    /// A part-level field (`tldr`, `meta.title`, `deals.caption` ...).
    Field {
        which: Index,
        salt: u8,
    },
    /// A field of an item of a list.
    ItemField {
        list: Index,
        item: Index,
        field: Index,
        salt: u8,
    },
    /// A copy of an item of the list under a new id, at a position.
    Insert {
        list: Index,
        from: Index,
        at: Index,
        salt: u8,
    },
    Remove {
        list: Index,
        item: Index,
    },
    Move {
        list: Index,
        from: Index,
        to: Index,
    },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        2 => (any::<Index>(), 0..4u8).prop_map(|(which, salt)| Edit::Field { which, salt }),
        4 => (any::<Index>(), any::<Index>(), any::<Index>(), 0..4u8)
            .prop_map(|(list, item, field, salt)| Edit::ItemField { list, item, field, salt }),
        2 => (any::<Index>(), any::<Index>(), any::<Index>(), 0..3u8)
            .prop_map(|(list, from, at, salt)| Edit::Insert { list, from, at, salt }),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(list, item)| Edit::Remove { list, item }),
        2 => (any::<Index>(), any::<Index>(), any::<Index>())
            .prop_map(|(list, from, to)| Edit::Move { list, from, to }),
    ]
}

const FIELDS: [&[&str]; 10] = [
    &["tldr"],
    &["meta", "title"],
    &["meta", "slug"],
    &["meta", "topic"],
    &["meta", "kind"],
    &["meta", "depth"],
    &["meta", "lang"],
    &["meta", "status"],
    &["deals", "caption"],
    &["deals", "footnote"],
];

/// The values an edit may write into a field, tried in turn until the guide still reads.
fn candidates(field: &str, salt: u8) -> Vec<Value> {
    let pick = |options: &[&str]| json!(options[salt as usize % options.len()]);
    match field {
        "status" => vec![pick(&["active", "paused", "archived"])],
        "kind" => vec![
            pick(&["deal_capacity", "compute_stack", "timeline"]),
            json!(format!("Kind {salt}")),
        ],
        "bars" => vec![pick(&["stacked", "grouped"])],
        "precision" => vec![pick(&["year", "month", "day"])],
        "key" | "key_only" => vec![json!(salt.is_multiple_of(2))],
        "score" => vec![json!(salt * 3)],
        "capacity" if salt == 0 => vec![Value::Null],
        "capacity" => vec![json!({"text": format!("{salt}00 MW"), "gw": null})],
        _ if salt == 0 => vec![Value::Null, json!("")],
        _ => vec![json!(format!("edit {salt}"))],
    }
}

fn list_of(g: &mut Value, part: Part) -> &mut Vec<Value> {
    let mut v = g;
    for k in part.list_path().expect("a list part") {
        v = &mut v[*k];
    }
    v.as_array_mut().expect("a list")
}

fn reads(g: &Value) -> bool {
    serde_json::from_value::<Guide>(g.clone()).is_ok()
}

/// Applies an edit; one that would not leave a guide (or has nothing to work on) does nothing.
fn apply(g: &mut Value, e: &Edit) {
    let before = g.clone();
    match e {
        Edit::Field { which, salt } => {
            let path = FIELDS[which.index(FIELDS.len())];
            let field = path[path.len() - 1];
            for value in candidates(field, *salt) {
                let mut slot = &mut *g;
                for k in path {
                    slot = &mut slot[*k];
                }
                *slot = value;
                if reads(g) {
                    return;
                }
                *g = before.clone();
            }
        }
        Edit::ItemField { list, item, field, salt } => {
            let part = Part::LISTS[list.index(Part::LISTS.len())];
            let items = list_of(g, part);
            if items.is_empty() {
                return;
            }
            let i = item.index(items.len());
            let fields: Vec<&str> = part
                .fields()
                .iter()
                .map(|(k, _)| *k)
                .filter(|k| !(part == Part::Deals && matches!(*k, "caption" | "footnote")))
                .collect();
            let f = fields[field.index(fields.len())];
            for value in candidates(f, *salt) {
                list_of(g, part)[i][f] = value;
                if reads(g) {
                    return;
                }
                *g = before.clone();
            }
        }
        Edit::Insert { list, from, at, salt } => {
            let part = Part::LISTS[list.index(Part::LISTS.len())];
            let items = list_of(g, part);
            let id = format!("new-{salt}");
            if items.is_empty() || items.iter().any(|it| it["id"] == id.as_str()) {
                return;
            }
            let mut copy = items[from.index(items.len())].clone();
            copy["id"] = json!(id);
            let at = at.index(items.len() + 1);
            items.insert(at, copy);
        }
        Edit::Remove { list, item } => {
            let items = list_of(g, Part::LISTS[list.index(Part::LISTS.len())]);
            if !items.is_empty() {
                items.remove(item.index(items.len()));
            }
        }
        Edit::Move { list, from, to } => {
            let items = list_of(g, Part::LISTS[list.index(Part::LISTS.len())]);
            if !items.is_empty() {
                let it = items.remove(from.index(items.len()));
                items.insert(to.index(items.len() + 1), it);
            }
        }
    }
}

fn samples() -> &'static [Guide] {
    static SAMPLES: std::sync::OnceLock<Vec<Guide>> = std::sync::OnceLock::new();
    SAMPLES.get_or_init(|| vec![common::v1(), common::v2(), common::load("scaling-science")])
}

fn edited(g: &Guide, edits: &[Edit]) -> Guide {
    let mut v = serde_json::to_value(g).unwrap();
    for e in edits {
        apply(&mut v, e);
    }
    let mut g: Guide = serde_json::from_value(v).expect("edits keep a guide");
    g.normalize();
    g
}

/// A base and two sides edited from it.
fn triple() -> impl Strategy<Value = (Guide, Guide, Guide)> {
    (
        0..3usize,
        prop::collection::vec(edit(), 0..3),
        prop::collection::vec(edit(), 0..6),
        prop::collection::vec(edit(), 0..6),
    )
        .prop_map(|(sample, b, o, t)| {
            let base = edited(&samples()[sample], &b);
            let ours = edited(&base, &o);
            let theirs = edited(&base, &t);
            (base, ours, theirs)
        })
}

/// What the merge compares, keyed as conflicts are: part-level fields (`tldr`,
/// `meta.title`), item fields (`faq#faq-x.answer`) and whole items (`faq#faq-x`); a `null` is
/// no value. The sample ids and generated ids need no escaping.
fn leaves(g: &Guide) -> BTreeMap<String, Value> {
    let v = serde_json::to_value(g).unwrap();
    let mut out = BTreeMap::new();
    let mut put = |k: String, v: &Value| {
        if !v.is_null() {
            out.insert(k, v.clone());
        }
    };
    for (key, value) in v.as_object().unwrap() {
        match (key.as_str(), value) {
            ("meta" | "deals", Value::Object(m)) => {
                for (f, fv) in m {
                    if f != "rows" {
                        put(format!("{key}.{f}"), fv);
                    }
                }
            }
            (k, _) if Part::from_key(k).is_some_and(|p| Part::LISTS.contains(&p)) => {}
            (k, v) => put(k.to_string(), v),
        }
    }
    for part in Part::LISTS {
        for item in order(g, part).iter().zip(list(g, part)) {
            let (id, value) = item;
            put(format!("{}#{id}", part.key()), &value);
            for (f, fv) in value.as_object().unwrap() {
                if f != "id" {
                    put(format!("{}#{id}.{f}", part.key()), fv);
                }
            }
        }
    }
    out
}

fn list(g: &Guide, part: Part) -> Vec<Value> {
    let mut v = serde_json::to_value(g).unwrap();
    list_of(&mut v, part).clone()
}

fn order(g: &Guide, part: Part) -> Vec<String> {
    part.item_ids(g).into_iter().map(str::to_string).collect()
}

fn all(m: &Merge, how: Resolution) -> BTreeMap<String, Resolution> {
    m.conflicts.iter().map(|c| (c.key.clone(), how.clone())).collect()
}

/// The ids of `ids` that all three sides have, in `ids`' order.
fn common(ids: &[String], sides: [&[String]; 3]) -> Vec<String> {
    ids.iter().filter(|id| sides.iter().all(|s| s.contains(id))).cloned().collect()
}

/// Every change of one side is in the result, every collision is a conflict, and nothing
/// else is.
fn check_nothing_dropped(b: &Guide, o: &Guide, t: &Guide, m: &Merge) {
    let (lb, lo, lt, lm) = (leaves(b), leaves(o), leaves(t), leaves(&m.merged));
    let conflicts: BTreeMap<&str, ConflictKind> =
        m.conflicts.iter().map(|c| (c.key.as_str(), c.kind)).collect();
    assert_eq!(conflicts.len(), m.conflicts.len(), "conflict keys are unique");
    let mut expected = BTreeSet::new();
    let keys: BTreeSet<&String> = lb.keys().chain(lo.keys()).chain(lt.keys()).collect();
    for key in keys {
        // An item field counts when the item is on all three sides; the item itself otherwise.
        let item = key.split_once('.').filter(|_| key.contains('#')).map(|(item, _)| item);
        if let Some(item) = item {
            if !(lb.contains_key(item) && lo.contains_key(item) && lt.contains_key(item)) {
                continue;
            }
        } else if key.contains('#') && [&lb, &lo, &lt].iter().all(|l| l.contains_key(key)) {
            // An item on all three sides: its fields are checked one by one.
            assert!(lm.contains_key(key), "{key} is kept");
            continue;
        }
        let (vb, vo, vt, vm) = (lb.get(key), lo.get(key), lt.get(key), lm.get(key));
        if vo == vt {
            assert_eq!(vm, vo, "{key}: the same on both sides");
        } else if vo == vb {
            assert_eq!(vm, vt, "{key}: changed by theirs only");
        } else if vt == vb {
            assert_eq!(vm, vo, "{key}: changed by ours only");
        } else {
            assert!(conflicts.contains_key(key.as_str()), "{key}: changed on both sides");
            assert_eq!(vm, vo, "{key}: a conflict is ours in the merge");
            expected.insert(key.clone());
        }
    }
    for part in Part::LISTS {
        let (ob, oo, ot, om) =
            (order(b, part), order(o, part), order(t, part), order(&m.merged, part));
        let sides = [&ob[..], &oo[..], &ot[..]];
        let (cb, co, ct, cm) =
            (common(&ob, sides), common(&oo, sides), common(&ot, sides), common(&om, sides));
        let key = format!("{}#order", part.key());
        if co == ct || ct == cb {
            assert_eq!(cm, co, "{key}: ours");
        } else if co == cb {
            assert_eq!(cm, ct, "{key}: reordered by theirs only");
        } else {
            assert_eq!(conflicts.get(key.as_str()), Some(&ConflictKind::Order), "{key}");
            assert_eq!(cm, co, "{key}: a conflict is ours in the merge");
            expected.insert(key.clone());
        }
        // An item only theirs has follows its nearest kept predecessor there.
        for (i, id) in ot.iter().enumerate() {
            if oo.contains(id) || ob.contains(id) {
                continue;
            }
            let at = om.iter().position(|x| x == id).expect("an item theirs added is kept");
            if let Some(p) = ot[..i].iter().rev().find_map(|p| om.iter().position(|x| x == p)) {
                assert!(p < at, "{}#{id} follows its predecessor", part.key());
            }
        }
    }
    let got: BTreeSet<String> = conflicts.keys().map(|k| k.to_string()).collect();
    assert_eq!(got, expected, "no conflict without a collision");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn theirs_on_an_untouched_draft_is_theirs((b, _o, t) in triple()) {
        let m = merge(&b, &b, &t);
        prop_assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        prop_assert_eq!(&m.merged, &t);
        let back = resolve(&b, &b, &t, &BTreeMap::new()).unwrap();
        prop_assert_eq!(back, t);
    }

    #[test]
    fn an_untouched_theirs_leaves_ours((b, o, _t) in triple()) {
        let m = merge(&b, &o, &b);
        prop_assert!(m.conflicts.is_empty() && m.applied.is_empty(), "{:?}", m);
        prop_assert_eq!(m.merged, o);
    }

    #[test]
    fn the_same_edits_on_both_sides_merge_cleanly((b, x, _t) in triple()) {
        let m = merge(&b, &x, &x);
        prop_assert!(m.conflicts.is_empty() && m.applied.is_empty(), "{:?}", m);
        prop_assert_eq!(m.merged, x);
    }

    #[test]
    fn no_edit_is_dropped_without_a_conflict((b, o, t) in triple()) {
        let m = merge(&b, &o, &t);
        check_nothing_dropped(&b, &o, &t, &m);
        // The merged guide is whole and canonical.
        let text = m.merged.to_canonical_json();
        prop_assert_eq!(&Guide::from_json(&text).unwrap().stripped(), &m.merged);
    }

    #[test]
    fn resolutions_give_the_side_they_name((b, o, t) in triple()) {
        let m = merge(&b, &o, &t);
        let ours = resolve(&b, &o, &t, &all(&m, Resolution::Ours)).unwrap();
        prop_assert_eq!(&ours, &m.merged);
        let theirs = resolve(&b, &o, &t, &all(&m, Resolution::Theirs)).unwrap();
        let lt = leaves(&theirs);
        for c in &m.conflicts {
            if c.kind == ConflictKind::Order {
                let sides = [&order(&b, c.part)[..], &order(&o, c.part)[..], &order(&t, c.part)[..]];
                let got = common(&order(&theirs, c.part), sides);
                prop_assert_eq!(Some(json!(got)), c.theirs.clone(), "{}", c.key);
            } else {
                prop_assert_eq!(lt.get(&c.key), c.theirs.as_ref(), "{}", c.key);
            }
        }
        // A conflict left out is named.
        if let Some(c) = m.conflicts.first() {
            let mut missing = all(&m, Resolution::Ours);
            missing.remove(&c.key);
            let e = resolve(&b, &o, &t, &missing).unwrap_err();
            prop_assert_eq!(e.code(), "merge.unresolved");
            prop_assert!(e.to_string().contains(&c.label));
        }
        // With our side untouched, every resolution as theirs is theirs.
        let m = merge(&b, &b, &t);
        prop_assert_eq!(resolve(&b, &b, &t, &all(&m, Resolution::Theirs)).unwrap(), t);
    }
}

/// The generator reaches every rule: over a fixed run of generated triples, every kind of
/// conflict and every kind of applied change turns up (so the properties above are not
/// passing on easy cases only).
#[test]
fn the_generated_guides_reach_every_rule() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = triple();
    let mut kinds = BTreeSet::new();
    let mut applied = BTreeSet::new();
    for _ in 0..300 {
        let (b, o, t) = strategy.new_tree(&mut runner).unwrap().current();
        let m = merge(&b, &o, &t);
        kinds.extend(m.conflicts.iter().map(|c| format!("{:?}", c.kind)));
        applied.extend(m.applied.iter().map(|c| {
            let item = c.key.contains('#');
            match c.label.rsplit(": ").next() {
                _ if c.key.ends_with("#order") => "order",
                Some("added") if item => "added",
                Some("removed") if item => "removed",
                _ if item && c.key.contains('.') => "item field",
                _ => "field",
            }
        }));
    }
    let all_kinds = ["AddedBoth", "BothChanged", "Order", "RemovedByThem", "RemovedByUs"];
    assert_eq!(kinds, all_kinds.iter().map(|k| k.to_string()).collect(), "conflict kinds");
    assert_eq!(
        applied,
        ["added", "field", "item field", "order", "removed"].into_iter().collect(),
        "applied changes"
    );
}
