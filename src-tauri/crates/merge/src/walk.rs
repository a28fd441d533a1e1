//! The merge itself: one walk over the three guides' JSON, part by part in page order, that
//! builds the merged guide and records what it applied and where the sides conflict. The same
//! walk serves [`crate::merge`] (every conflict taken as ours) and [`crate::resolve`] (every
//! conflict taken as its resolution says).

use std::collections::{BTreeMap, HashMap, HashSet};

use almanac_guide::{
    DealRow, FaqItem, Figure, Guide, Part, RelatedLink, Section, Source, Takeaway, TimelineEvent,
};
use serde_json::{Map, Value};

use crate::names::{field_label, item_key, item_label, item_segment, order_key, order_label};
use crate::{Conflict, ConflictKind, MergeChange, MergeError, Resolution};

/// How conflicts are settled during a walk.
pub(crate) enum Mode<'a> {
    /// Every conflict as ours (and recorded).
    Report,
    /// Every conflict as the resolution under its key says.
    Resolve(&'a BTreeMap<String, Resolution>),
}

/// The guide as the walk reads it: derived fields cleared and re-derived values recomputed,
/// so that only what editors typed can differ.
pub(crate) fn prepare(g: &Guide) -> Value {
    let mut g = g.stripped();
    g.normalize();
    serde_json::to_value(&g).expect("a guide always serialises")
}

/// How one conflict was settled.
enum Pick {
    Ours,
    Theirs,
    Edited(Value),
}

/// An item in a list, identified by its id and which occurrence of that id it is.
type ItemId = (String, usize);

/// Where a field lives, for its key, path, label and for checking an edited value.
enum At<'x> {
    /// A field of the guide or of one of its parts: `tldr`, `meta.title`, `deals.caption`.
    Part { part: Part, path: String, json: Vec<&'x str> },
    /// A field of a list item.
    Item { item: &'x ItemAt<'x>, field: &'x str },
}

/// A list item being merged.
struct ItemAt<'x> {
    part: Part,
    id: &'x str,
    /// `deals#deal-openai-aws`.
    key: String,
    /// The item's path on our side (`deals[3]`), or the list's (`deals`) when we have no such
    /// item.
    path: String,
    /// "Deal row OpenAI · Amazon".
    label: String,
    /// One side's version of the item: an edited field is checked by putting it in here.
    probe: &'x Value,
}

impl At<'_> {
    fn key(&self) -> String {
        match self {
            At::Part { path, .. } => path.clone(),
            At::Item { item, field } => format!("{}.{field}", item.key),
        }
    }

    fn label(&self) -> String {
        match self {
            At::Part { path, .. } => field_label(path),
            At::Item { item, field } => {
                format!("{}: {}", item.label, item.part.field_label(field).unwrap_or(field))
            }
        }
    }
}

pub(crate) struct Walk<'a> {
    mode: Mode<'a>,
    /// Our side's guide: an edited part-level field is checked by putting it in a copy.
    ours: &'a Value,
    pub applied: Vec<MergeChange>,
    pub conflicts: Vec<Conflict>,
    /// Labels of the conflicts that had no resolution.
    pub unresolved: Vec<String>,
    /// Edited values that did not fit.
    pub invalid: Vec<MergeError>,
}

/// A present value: `null` (an unknown deal cell, an unset option) counts as absent.
fn present(v: Option<&Value>) -> Option<&Value> {
    v.filter(|v| !v.is_null())
}

fn empty_array() -> &'static Vec<Value> {
    static EMPTY: Vec<Value> = Vec::new();
    &EMPTY
}

fn as_array(v: Option<&Value>) -> &Vec<Value> {
    v.and_then(Value::as_array).unwrap_or(empty_array())
}

/// The list part whose list lives at `json` in a guide.
fn list_at(json: &[&str]) -> Option<Part> {
    Part::LISTS.into_iter().find(|p| p.list_path() == Some(json))
}

/// The keys of three objects, in the order the part's form shows them (unknown keys last, by
/// name).
fn keys_in_form_order(part: Option<Part>, sides: [Option<&Map<String, Value>>; 3]) -> Vec<&str> {
    let mut keys: Vec<&str> = Vec::new();
    for m in sides.into_iter().flatten() {
        for k in m.keys() {
            if !keys.contains(&k.as_str()) {
                keys.push(k);
            }
        }
    }
    let rank = |k: &str| {
        part.and_then(|p| p.fields().iter().position(|(f, _)| *f == k)).unwrap_or(usize::MAX)
    };
    keys.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.cmp(b)));
    keys
}

/// The guide's top-level keys in page order (`format` first).
fn guide_keys(sides: [Option<&Map<String, Value>>; 3]) -> Vec<&str> {
    let mut keys = keys_in_form_order(None, sides);
    let rank = |k: &str| Part::from_key(k).map_or(0, |p| 1 + p as usize);
    keys.sort_by_key(|k| rank(k));
    keys
}

/// Checks that `value` reads as an item of `part`'s list.
fn check_item(part: Part, value: Value) -> Result<(), serde_json::Error> {
    use serde_json::from_value as read;
    match part {
        Part::Takeaways => read::<Takeaway>(value).map(drop),
        Part::Sections => read::<Section>(value).map(drop),
        Part::Figures => read::<Figure>(value).map(drop),
        Part::Deals => read::<DealRow>(value).map(drop),
        Part::Timeline => read::<TimelineEvent>(value).map(drop),
        Part::RelatedTopics | Part::RelatedGuides => read::<RelatedLink>(value).map(drop),
        Part::Faq => read::<FaqItem>(value).map(drop),
        Part::Sources => read::<Source>(value).map(drop),
        Part::Versions => read::<almanac_guide::VersionRef>(value).map(drop),
        // Not lists: never asked.
        Part::Meta | Part::Tldr => Ok(()),
    }
}

/// Items keyed by (id, occurrence), so that duplicate ids in a draft still pair up in order.
fn item_ids(items: &[Value]) -> Vec<ItemId> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    items
        .iter()
        .map(|it| {
            let id = it.get("id").and_then(Value::as_str).unwrap_or("");
            let n = seen.entry(id).or_insert(0);
            *n += 1;
            (id.to_string(), *n - 1)
        })
        .collect()
}

/// One side of a list: its items, their ids in order, and where each id is.
struct Side<'v> {
    items: &'v [Value],
    ids: Vec<ItemId>,
    at: HashMap<ItemId, usize>,
}

impl<'v> Side<'v> {
    fn new(items: &'v [Value]) -> Side<'v> {
        let ids = item_ids(items);
        let at = ids.iter().cloned().enumerate().map(|(i, k)| (k, i)).collect();
        Side { items, ids, at }
    }

    fn get(&self, id: &ItemId) -> Option<(usize, &'v Value)> {
        self.at.get(id).map(|&i| (i, &self.items[i]))
    }
}

impl<'a> Walk<'a> {
    pub(crate) fn new(mode: Mode<'a>, ours: &'a Value) -> Walk<'a> {
        Walk {
            mode,
            ours,
            applied: Vec::new(),
            conflicts: Vec::new(),
            unresolved: Vec::new(),
            invalid: Vec::new(),
        }
    }

    /// Records a conflict and says how it is settled.
    fn decide(&mut self, conflict: Conflict) -> Pick {
        let pick = match &self.mode {
            Mode::Report => Pick::Ours,
            Mode::Resolve(choices) => match choices.get(&conflict.key) {
                None => {
                    self.unresolved.push(conflict.label.clone());
                    Pick::Ours
                }
                Some(Resolution::Ours) => Pick::Ours,
                Some(Resolution::Theirs) => Pick::Theirs,
                Some(Resolution::Edited { value }) => Pick::Edited(value.clone()),
            },
        };
        self.conflicts.push(conflict);
        pick
    }

    fn refuse(&mut self, label: String, detail: impl ToString) {
        self.invalid.push(MergeError::InvalidValue { label, detail: detail.to_string() });
    }

    fn apply(&mut self, key: String, label: String) {
        self.applied.push(MergeChange { key, label });
    }

    /// The merged guide (as JSON).
    pub(crate) fn guide(&mut self, b: &Value, o: &Value, t: &Value) -> Value {
        let sides = [b.as_object(), o.as_object(), t.as_object()];
        let mut out = Map::new();
        for key in guide_keys(sides) {
            let [bv, ov, tv] = sides.map(|m| m.and_then(|m| m.get(key)));
            let objects = [bv, ov, tv].into_iter().flatten().all(Value::is_object);
            let value = match (list_at(&[key]), Part::from_key(key)) {
                (Some(part), _) => {
                    Some(Value::Array(self.list(part, as_array(bv), as_array(ov), as_array(tv))))
                }
                (None, Some(part)) if objects && !part.derived() => {
                    Some(self.part_object(part, key, bv, ov, tv))
                }
                (None, part) => {
                    let at = At::Part {
                        part: part.unwrap_or(Part::Meta),
                        path: key.to_string(),
                        json: vec![key],
                    };
                    self.field(&at, bv, ov, tv)
                }
            };
            if let Some(v) = value {
                out.insert(key.to_string(), v);
            }
        }
        Value::Object(out)
    }

    /// A part that is an object of fields (the details, the deal table with its rows).
    fn part_object(
        &mut self,
        part: Part,
        name: &str,
        b: Option<&Value>,
        o: Option<&Value>,
        t: Option<&Value>,
    ) -> Value {
        let sides = [b, o, t].map(|v| v.and_then(Value::as_object));
        let mut out = Map::new();
        for key in keys_in_form_order(Some(part), sides) {
            let [bv, ov, tv] = sides.map(|m| m.and_then(|m| m.get(key)));
            let value = match list_at(&[name, key]) {
                Some(list) => {
                    Some(Value::Array(self.list(list, as_array(bv), as_array(ov), as_array(tv))))
                }
                None => {
                    let at =
                        At::Part { part, path: format!("{name}.{key}"), json: vec![name, key] };
                    self.field(&at, bv, ov, tv)
                }
            };
            if let Some(v) = value {
                out.insert(key.to_string(), v);
            }
        }
        Value::Object(out)
    }

    /// One field, merged as a whole value: a change on one side applies, the same change on
    /// both sides is no conflict, different changes on both sides are.
    fn field(
        &mut self,
        at: &At,
        b: Option<&Value>,
        o: Option<&Value>,
        t: Option<&Value>,
    ) -> Option<Value> {
        let (pb, po, pt) = (present(b), present(o), present(t));
        if po == pt {
            return o.cloned();
        }
        if po == pb {
            self.apply(at.key(), at.label());
            return t.cloned();
        }
        if pt == pb {
            return o.cloned();
        }
        let (part, path, item_id) = match at {
            At::Part { part, path, .. } => (*part, path.clone(), None),
            At::Item { item, field } => {
                (item.part, format!("{}.{field}", item.path), Some(item.id.to_string()))
            }
        };
        let conflict = Conflict {
            key: at.key(),
            part,
            path,
            item_id,
            label: at.label(),
            kind: ConflictKind::BothChanged,
            base: pb.cloned(),
            ours: po.cloned(),
            theirs: pt.cloned(),
        };
        match self.decide(conflict) {
            Pick::Ours => o.cloned(),
            Pick::Theirs => t.cloned(),
            Pick::Edited(value) => match self.check_field(at, &value) {
                Ok(()) => Some(value),
                Err(e) => {
                    self.refuse(at.label(), e);
                    o.cloned()
                }
            },
        }
    }

    /// Checks that an edited value reads as the field's type.
    fn check_field(&self, at: &At, value: &Value) -> Result<(), serde_json::Error> {
        match at {
            At::Part { json, .. } => {
                let mut probe = self.ours.clone();
                let mut slot = &mut probe;
                for k in json {
                    slot = &mut slot[*k];
                }
                *slot = value.clone();
                serde_json::from_value::<Guide>(probe).map(drop)
            }
            At::Item { item, field } => {
                let mut probe = item.probe.clone();
                probe[*field] = value.clone();
                check_item(item.part, probe)
            }
        }
    }

    /// A list of items with stable ids: each item merged field by field, then the order.
    fn list(&mut self, part: Part, b: &[Value], o: &[Value], t: &[Value]) -> Vec<Value> {
        let (bs, os, ts) = (Side::new(b), Side::new(o), Side::new(t));
        // Every item of any side: ours in order, then theirs only, then base only.
        let mut every: Vec<&ItemId> = os.ids.iter().collect();
        every.extend(ts.ids.iter().filter(|k| !os.at.contains_key(*k)));
        every.extend(bs.ids.iter().filter(|k| !os.at.contains_key(*k) && !ts.at.contains_key(*k)));

        let mut kept: HashMap<&ItemId, Value> = HashMap::with_capacity(every.len());
        for id in every {
            let (bi, oi, ti) = (bs.get(id), os.get(id), ts.get(id));
            if let Some(item) = self.item(part, id, bi, oi, ti) {
                kept.insert(id, item);
            }
        }

        // The order of the items all three sides have.
        let in_all = |k: &&ItemId| {
            bs.at.contains_key(*k) && os.at.contains_key(*k) && ts.at.contains_key(*k)
        };
        let common = |s: &'_ Side<'_>| -> Vec<ItemId> {
            s.ids.iter().filter(|k| in_all(k)).cloned().collect()
        };
        let (bc, oc, tc) = (common(&bs), common(&os), common(&ts));
        let first: Vec<ItemId> = if oc == tc || tc == bc {
            os.ids.clone()
        } else if oc == bc {
            self.apply(order_key(part), order_label(part));
            ts.ids.clone()
        } else {
            let ids =
                |c: &[ItemId]| Value::from(c.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>());
            let conflict = Conflict {
                key: order_key(part),
                part,
                path: part.key().to_string(),
                item_id: None,
                label: order_label(part),
                kind: ConflictKind::Order,
                base: Some(ids(&bc)),
                ours: Some(ids(&oc)),
                theirs: Some(ids(&tc)),
            };
            match self.decide(conflict) {
                Pick::Ours => os.ids.clone(),
                Pick::Theirs => ts.ids.clone(),
                Pick::Edited(value) => match edited_order(&value, &oc) {
                    Ok(order) => order,
                    Err(detail) => {
                        self.refuse(order_label(part), detail);
                        os.ids.clone()
                    }
                },
            }
        };
        place(&first, [&os.ids, &ts.ids], &kept)
            .into_iter()
            .filter_map(|k| kept.remove(k))
            .collect()
    }

    /// One item, given each side's version (with its index): the merged item, or `None` when
    /// it is not in the result.
    fn item(
        &mut self,
        part: Part,
        id: &ItemId,
        b: Option<(usize, &Value)>,
        o: Option<(usize, &Value)>,
        t: Option<(usize, &Value)>,
    ) -> Option<Value> {
        // The side that names the item, and where it stands there.
        let (position, named) = o.or(t).or(b).expect("an item is on some side");
        let at = ItemAt {
            part,
            id: &id.0,
            key: item_key(part, &item_segment(&id.0, id.1)),
            path: match o {
                Some((i, _)) => format!("{}[{i}]", part.key()),
                None => part.key().to_string(),
            },
            label: item_label(part, named, position),
            probe: named,
        };
        let (bv, ov, tv) = (b.map(|x| x.1), o.map(|x| x.1), t.map(|x| x.1));
        let kind = match (bv, ov, tv) {
            (Some(bv), Some(ov), Some(tv)) => return Some(self.item_fields(&at, bv, ov, tv)),
            (None, Some(ov), None) => return Some(ov.clone()),
            (Some(_), None, None) => return None,
            (None, None, Some(tv)) => {
                self.apply(at.key.clone(), format!("{}: added", at.label));
                return Some(tv.clone());
            }
            (Some(bv), Some(ov), None) if ov == bv => {
                self.apply(at.key.clone(), format!("{}: removed", at.label));
                return None;
            }
            (Some(bv), None, Some(tv)) if tv == bv => return None,
            (None, Some(ov), Some(tv)) if ov == tv => return Some(ov.clone()),
            (Some(_), Some(_), None) => ConflictKind::RemovedByThem,
            (Some(_), None, Some(_)) => ConflictKind::RemovedByUs,
            (None, Some(_), Some(_)) => ConflictKind::AddedBoth,
            (None, None, None) => return None,
        };
        let conflict = Conflict {
            key: at.key.clone(),
            part,
            path: at.path.clone(),
            item_id: Some(id.0.clone()),
            label: at.label.clone(),
            kind,
            base: bv.cloned(),
            ours: ov.cloned(),
            theirs: tv.cloned(),
        };
        match self.decide(conflict) {
            Pick::Ours => ov.cloned(),
            Pick::Theirs => tv.cloned(),
            Pick::Edited(Value::Null) => None,
            Pick::Edited(value) => {
                let id_ok = value.get("id").and_then(Value::as_str) == Some(id.0.as_str());
                let checked = if id_ok {
                    check_item(part, value.clone()).map_err(|e| e.to_string())
                } else {
                    Err(format!("the item must keep its id \"{}\"", id.0))
                };
                match checked {
                    Ok(()) => Some(value),
                    Err(detail) => {
                        self.refuse(at.label.clone(), detail);
                        ov.cloned()
                    }
                }
            }
        }
    }

    /// An item all three sides have, merged field by field.
    fn item_fields(&mut self, at: &ItemAt, b: &Value, o: &Value, t: &Value) -> Value {
        if o == t {
            return o.clone();
        }
        let sides = [b, o, t].map(Value::as_object);
        let mut out = Map::new();
        for key in keys_in_form_order(Some(at.part), sides) {
            let [bv, ov, tv] = sides.map(|m| m.and_then(|m| m.get(key)));
            if key == "id" {
                if let Some(id) = ov {
                    out.insert(key.to_string(), id.clone());
                }
                continue;
            }
            if let Some(v) = self.field(&At::Item { item: at, field: key }, bv, ov, tv) {
                out.insert(key.to_string(), v);
            }
        }
        Value::Object(out)
    }
}

/// Reads an edited order: the ids of the items both sides kept, each once, in the order
/// wanted.
fn edited_order(value: &Value, common: &[ItemId]) -> Result<Vec<ItemId>, String> {
    let ids = value
        .as_array()
        .and_then(|a| a.iter().map(Value::as_str).collect::<Option<Vec<&str>>>())
        .ok_or("the order must be a list of item ids")?;
    let order = item_ids(&ids.iter().map(|id| serde_json::json!({ "id": id })).collect::<Vec<_>>());
    let mut sorted_order = order.clone();
    let mut sorted_common = common.to_vec();
    sorted_order.sort();
    sorted_common.sort();
    if sorted_order != sorted_common {
        let names: Vec<&str> = common.iter().map(|(id, _)| id.as_str()).collect();
        return Err(format!("the order must list each of these ids once: {}", names.join(", ")));
    }
    Ok(order)
}

/// The merged order of the kept items: `first` (one side's order, or an edited one), then each
/// kept item it lacks, from our side and then theirs, right after its nearest predecessor on
/// that side that is already placed (first in the list when there is none).
fn place<'k>(
    first: &[ItemId],
    sides: [&[ItemId]; 2],
    kept: &HashMap<&'k ItemId, Value>,
) -> Vec<&'k ItemId> {
    let key = |k: &ItemId| kept.get_key_value(k).map(|(k, _)| *k);
    let mut placed: Vec<&'k ItemId> = first.iter().filter_map(key).collect();
    let mut done: HashSet<&ItemId> = placed.iter().copied().collect();
    for side in sides {
        let mut previous: Option<&ItemId> = None;
        for id in side {
            let Some(k) = key(id) else { continue };
            if done.insert(k) {
                let at =
                    previous.and_then(|p| placed.iter().position(|x| *x == p)).map_or(0, |i| i + 1);
                placed.insert(at, k);
            }
            previous = Some(k);
        }
    }
    placed
}
