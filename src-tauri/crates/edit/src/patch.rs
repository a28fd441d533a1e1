//! Patches, their application to a guide, and their inverses.

use almanac_guide::{
    path_label, DealRow, DealTable, FaqItem, Figure, Guide, ListItem, Meta, Part, RelatedLink,
    Section, Source, Takeaway, TimelineEvent, VersionInfo, VersionRef,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

/// One edit of a guide. Serialised with its kind in `op` (`{"op": "set", "path": "tldr",
/// "value": "…"}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Patch {
    /// Sets the field at `path` (a validation path: `tldr`, `meta.title`,
    /// `meta.version.label`, `deals.caption`, `deals[3].partner`, `faq[0].answer`,
    /// `figures[1].lab`) to `value`, which must deserialise into the field's type. A path that
    /// ends at a list item (`deals[3]`) sets the whole item. A deal row's capacity takes its
    /// text as a string (or `null` for unknown, or the `{text, gw}` object); `deals[3].capacity.text`
    /// is the same field as `deals[3].capacity`. Item indices are positions in the list.
    Set {
        path: String,
        #[ts(type = "unknown")]
        value: Value,
    },
    /// Inserts `item` (the list's item type, as in `guide.json`) at position `index` (0 to the
    /// list's length) of the list `list`. Its id must not be used by another item of the list.
    Insert {
        list: Part,
        #[ts(type = "number")]
        index: usize,
        #[ts(type = "unknown")]
        item: Value,
    },
    /// Removes the item with id `id` from the list `list`.
    Remove { list: Part, id: String },
    /// Moves the item with id `id` of the list `list` to position `to` (its position once moved:
    /// 0 to the list's length minus one).
    Move {
        list: Part,
        id: String,
        #[ts(type = "number")]
        to: usize,
    },
    /// Replaces the whole guide (a restore, an import, a merge).
    Replace { guide: Box<Guide> },
}

/// Why a patch was refused. A refused patch changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The path names no field of the guide.
    #[error("There is no field \"{path}\" to edit: {reason}.")]
    BadPath { path: String, reason: String },
    /// The value is not of the field's type (or the item not of the list's).
    #[error("{what} cannot take this value: {reason}.")]
    BadValue { path: String, what: String, reason: String },
    /// No item of the list has this id, or the path's position is past the list's end.
    #[error("{} has no {noun} {which}.", .list.label())]
    NoSuchItem { list: Part, noun: &'static str, which: String },
    /// An insert or move position outside the list.
    #[error("{} has {len} items: position {index} is outside it.", .list.label())]
    BadIndex { list: Part, index: usize, len: usize },
    /// The part is not a list items can be added to, removed from or moved in.
    #[error("{} is not a list of items that can be added, removed or moved.", .part.label())]
    NotAList { part: Part },
    /// An inserted item's id is already used by an item of the list.
    #[error("{} already has a {noun} with the id \"{id}\"; give the new one another id.", .list.label())]
    DuplicateId { list: Part, noun: &'static str, id: String },
    /// Several items of the list share this id, so it names none of them; give them different
    /// ids first (a `Set` of `list[i].id`).
    #[error("{} has more than one {noun} with the id \"{id}\"; give them different ids first.", .list.label())]
    AmbiguousId { list: Part, noun: &'static str, id: String },
}

impl EditError {
    /// Every code [`EditError::code`] gives.
    pub const CODES: [&'static str; 7] = [
        "edit.bad_path",
        "edit.bad_value",
        "edit.no_such_item",
        "edit.bad_index",
        "edit.not_a_list",
        "edit.duplicate_id",
        "edit.ambiguous_id",
    ];

    /// The stable machine code of the error (tests and the UI match on it).
    pub fn code(&self) -> &'static str {
        match self {
            EditError::BadPath { .. } => "edit.bad_path",
            EditError::BadValue { .. } => "edit.bad_value",
            EditError::NoSuchItem { .. } => "edit.no_such_item",
            EditError::BadIndex { .. } => "edit.bad_index",
            EditError::NotAList { .. } => "edit.not_a_list",
            EditError::DuplicateId { .. } => "edit.duplicate_id",
            EditError::AmbiguousId { .. } => "edit.ambiguous_id",
        }
    }
}

/// What an applied patch touched: the session decides from it what to re-validate and
/// re-render.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Effect {
    /// A field of `meta` (its first key below `meta`), or the whole of it (`None`).
    Meta(Option<String>),
    Tldr,
    /// `deals.caption` or `deals.footnote`.
    DealTable,
    /// An item's field (`None`: the whole item), at `index` of `part`'s list.
    Item {
        part: Part,
        index: usize,
        field: Option<String>,
        id_changed: bool,
    },
    /// Items of `part`'s list added, removed or moved; `inserted` is the position of an
    /// inserted item.
    List {
        part: Part,
        inserted: Option<usize>,
    },
    Replace,
}

/// Applies `patch` to `guide` and returns its inverse: the patch that, applied next, gives
/// back the guide as it was. An error leaves the guide unchanged.
///
/// Derived values are recomputed for what changed: a deal row whose capacity (or which as a
/// whole) was set or inserted is normalised ([`DealRow::normalize`]), a replacing guide
/// wholly ([`Guide::normalize`]). On a normalised guide, the inverse restores it exactly.
pub fn apply(guide: &mut Guide, patch: &Patch) -> Result<Patch, EditError> {
    apply_effect(guide, patch).map(|(inverse, _)| inverse)
}

pub(crate) fn apply_effect(g: &mut Guide, patch: &Patch) -> Result<(Patch, Effect), EditError> {
    match patch {
        Patch::Set { path, value } => set(g, path, value),
        Patch::Insert { list, index, item } => {
            let index = *index;
            on_list(g, *list, Insert { part: *list, index, item }).map(|id| {
                (
                    Patch::Remove { list: *list, id },
                    Effect::List { part: *list, inserted: Some(index) },
                )
            })
        }
        Patch::Remove { list, id } => {
            on_list(g, *list, Remove { part: *list, id }).map(|(index, item)| {
                (
                    Patch::Insert { list: *list, index, item },
                    Effect::List { part: *list, inserted: None },
                )
            })
        }
        Patch::Move { list, id, to } => {
            on_list(g, *list, Move { part: *list, id, to: *to }).map(|from| {
                (
                    Patch::Move { list: *list, id: id.clone(), to: from },
                    Effect::List { part: *list, inserted: None },
                )
            })
        }
        Patch::Replace { guide } => {
            let mut new = (**guide).clone();
            new.normalize();
            let old = std::mem::replace(g, new);
            Ok((Patch::Replace { guide: Box::new(old) }, Effect::Replace))
        }
    }
}

/// A segment of a field path: `deals[3].partner` is `deals`, `[3]`, `partner`.
#[derive(Debug, Clone, PartialEq)]
enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

fn bad_path(path: &str, reason: impl Into<String>) -> EditError {
    EditError::BadPath { path: path.to_string(), reason: reason.into() }
}

/// Splits a validation path into its segments: keys (`[a-z_][a-z0-9_]*`) joined by `.`, and
/// positions in `[n]`.
fn parse_path(path: &str) -> Result<Vec<Seg<'_>>, EditError> {
    let mut segs = Vec::new();
    let mut rest = path;
    let mut first = true;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('[') {
            let (n, after) =
                r.split_once(']').ok_or_else(|| bad_path(path, "a \"[\" is not closed"))?;
            let n = n
                .parse::<usize>()
                .ok()
                .filter(|_| !n.starts_with('+'))
                .ok_or_else(|| bad_path(path, format!("\"[{n}]\" is not a position")))?;
            if first {
                return Err(bad_path(path, "a path starts with the name of a part"));
            }
            segs.push(Seg::Index(n));
            rest = after;
        } else {
            let r = if first {
                rest
            } else {
                rest.strip_prefix('.').ok_or_else(|| bad_path(path, "names are joined by \".\""))?
            };
            let end = r.find(['.', '[']).unwrap_or(r.len());
            let key = &r[..end];
            let ok = key.bytes().next().is_some_and(|b| b.is_ascii_lowercase() || b == b'_')
                && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !ok {
                return Err(bad_path(path, format!("\"{key}\" is not a field name")));
            }
            segs.push(Seg::Key(key));
            rest = &r[end..];
        }
        first = false;
    }
    if segs.is_empty() {
        return Err(bad_path(path, "the path is empty"));
    }
    Ok(segs)
}

/// Deserialises `value` into the slot's type, puts it in the slot and returns the old value
/// as JSON.
fn set_slot<T: Serialize + DeserializeOwned>(
    slot: &mut T,
    value: &Value,
) -> Result<Value, serde_json::Error> {
    let new = T::deserialize(value)?;
    let old = std::mem::replace(slot, new);
    Ok(serde_json::to_value(&old).expect("the guide's values serialise"))
}

/// A model type whose fields a `Set` reaches by name.
trait Fields {
    /// Sets field `key`; `None` when the type has no such field.
    fn set_field(&mut self, key: &str, value: &Value) -> Option<Result<Value, serde_json::Error>>;
}

macro_rules! fields {
    ($($t:ty { $($f:ident),* $(,)? })*) => {
        $(impl Fields for $t {
            fn set_field(
                &mut self,
                key: &str,
                value: &Value,
            ) -> Option<Result<Value, serde_json::Error>> {
                match key {
                    $(stringify!($f) => Some(set_slot(&mut self.$f, value)),)*
                    _ => None,
                }
            }
        })*
    };
}

fields! {
    Meta { slug, title, topic, kind, depth, status, version, lang, created, updated, generated }
    VersionInfo { label, state, based_on, same_as_base }
    DealTable { caption, footnote }
    Takeaway { id, text, lang }
    Section { id, heading, body, lang }
    Figure { id, kind, caption, lab, partner, bars, key_only, from, to }
    DealRow { id, lab, partner, capacity, timeline, terms }
    TimelineEvent { id, date, precision, title, detail, link, key }
    RelatedLink { id, title, target }
    FaqItem { id, question, answer, lang }
    Source { id, score, source, published, url, title, summary, lang }
    VersionRef { label, state, at }
}

/// A list item type: its fields, its id, and the derived data it recomputes once changed.
trait Item: Fields + ListItem + Serialize + DeserializeOwned {
    /// Recomputes derived data after the item, or the field `field` of it, was set.
    fn derive(&mut self, _field: Option<&str>) {}
    /// The value a `Set` of `field` takes, in the form the field's type reads.
    fn field_value(field: &str, value: &Value) -> Value {
        let _ = field;
        value.clone()
    }
}

impl Item for Takeaway {}
impl Item for Section {}
impl Item for Figure {}
impl Item for TimelineEvent {}
impl Item for RelatedLink {}
impl Item for FaqItem {}
impl Item for Source {}
impl Item for VersionRef {}

impl Item for DealRow {
    fn derive(&mut self, field: Option<&str>) {
        if matches!(field, None | Some("capacity")) {
            self.normalize();
        }
    }

    /// A capacity is given as its text (the gigawatts are derived from it).
    fn field_value(field: &str, value: &Value) -> Value {
        match (field, value) {
            ("capacity", Value::String(text)) => {
                serde_json::json!({ "text": text, "gw": null })
            }
            _ => value.clone(),
        }
    }
}

/// An operation on one of the guide's lists, whatever its item type.
trait ListOp {
    type Out;
    fn run<T: Item>(self, list: &mut Vec<T>) -> Result<Self::Out, EditError>;
}

/// Runs `op` on the list of `part` (the deal table's rows for `Part::Deals`).
fn on_list<O: ListOp>(g: &mut Guide, part: Part, op: O) -> Result<O::Out, EditError> {
    match part {
        Part::Takeaways => op.run(&mut g.takeaways),
        Part::Sections => op.run(&mut g.sections),
        Part::Figures => op.run(&mut g.figures),
        Part::Deals => op.run(&mut g.deals.rows),
        Part::Timeline => op.run(&mut g.timeline),
        Part::RelatedTopics => op.run(&mut g.related_topics),
        Part::RelatedGuides => op.run(&mut g.related_guides),
        Part::Faq => op.run(&mut g.faq),
        Part::Sources => op.run(&mut g.sources),
        Part::Versions => op.run(&mut g.versions),
        Part::Meta | Part::Tldr => Err(EditError::NotAList { part }),
    }
}

fn noun(part: Part) -> &'static str {
    part.item_noun().unwrap_or("item")
}

/// The position of the one item of `list` with id `id`.
fn find_unique<T: ListItem>(list: &[T], part: Part, id: &str) -> Result<usize, EditError> {
    let mut found = list.iter().enumerate().filter(|(_, x)| x.item_id() == id).map(|(i, _)| i);
    match (found.next(), found.next()) {
        (Some(i), None) => Ok(i),
        (None, _) => Err(EditError::NoSuchItem {
            list: part,
            noun: noun(part),
            which: format!("with the id \"{id}\""),
        }),
        (Some(_), Some(_)) => {
            Err(EditError::AmbiguousId { list: part, noun: noun(part), id: id.to_string() })
        }
    }
}

/// Insert, remove and move apply to the lists editors keep ([`Part::LISTS`]); the versions
/// list is derived by the store.
fn editable_list(part: Part) -> Result<(), EditError> {
    if Part::LISTS.contains(&part) {
        Ok(())
    } else {
        Err(EditError::NotAList { part })
    }
}

struct Insert<'a> {
    part: Part,
    index: usize,
    item: &'a Value,
}

impl ListOp for Insert<'_> {
    /// The inserted item's id.
    type Out = String;
    fn run<T: Item>(self, list: &mut Vec<T>) -> Result<String, EditError> {
        editable_list(self.part)?;
        if self.index > list.len() {
            return Err(EditError::BadIndex {
                list: self.part,
                index: self.index,
                len: list.len(),
            });
        }
        let mut item = T::deserialize(self.item).map_err(|e| EditError::BadValue {
            path: self.part.key().to_string(),
            what: format!("A new {} of {}", noun(self.part), self.part.label()),
            reason: e.to_string(),
        })?;
        let id = item.item_id().to_string();
        if list.iter().any(|x| x.item_id() == id) {
            return Err(EditError::DuplicateId { list: self.part, noun: noun(self.part), id });
        }
        item.derive(None);
        list.insert(self.index, item);
        Ok(id)
    }
}

struct Remove<'a> {
    part: Part,
    id: &'a str,
}

impl ListOp for Remove<'_> {
    /// Where the item was, and the item as JSON.
    type Out = (usize, Value);
    fn run<T: Item>(self, list: &mut Vec<T>) -> Result<(usize, Value), EditError> {
        editable_list(self.part)?;
        let i = find_unique(list, self.part, self.id)?;
        let item = list.remove(i);
        Ok((i, serde_json::to_value(&item).expect("the guide's values serialise")))
    }
}

struct Move<'a> {
    part: Part,
    id: &'a str,
    to: usize,
}

impl ListOp for Move<'_> {
    /// Where the item was.
    type Out = usize;
    fn run<T: Item>(self, list: &mut Vec<T>) -> Result<usize, EditError> {
        editable_list(self.part)?;
        let from = find_unique(list, self.part, self.id)?;
        if self.to >= list.len() {
            return Err(EditError::BadIndex { list: self.part, index: self.to, len: list.len() });
        }
        let item = list.remove(from);
        list.insert(self.to, item);
        Ok(from)
    }
}

struct SetItem<'a> {
    part: Part,
    path: &'a str,
    index: usize,
    field: Option<&'a str>,
    value: &'a Value,
}

impl ListOp for SetItem<'_> {
    /// The old value, and whether the item's id changed.
    type Out = (Value, bool);
    fn run<T: Item>(self, list: &mut Vec<T>) -> Result<(Value, bool), EditError> {
        let len = list.len();
        let Some(item) = list.get_mut(self.index) else {
            return Err(EditError::NoSuchItem {
                list: self.part,
                noun: noun(self.part),
                which: format!("{} (it has {len})", self.index + 1),
            });
        };
        let bad_value = |e: serde_json::Error| EditError::BadValue {
            path: self.path.to_string(),
            what: path_label(self.path),
            reason: e.to_string(),
        };
        let old_id = item.item_id().to_string();
        let old = match self.field {
            None => set_slot(item, self.value).map_err(bad_value)?,
            Some(field) => {
                let value = T::field_value(field, self.value);
                match item.set_field(field, &value) {
                    Some(r) => r.map_err(bad_value)?,
                    None => {
                        return Err(bad_path(
                            self.path,
                            format!("a {} has no field \"{field}\"", noun(self.part)),
                        ))
                    }
                }
            }
        };
        item.derive(self.field);
        Ok((old, item.item_id() != old_id))
    }
}

/// The `Set` of `path` to `value`.
fn set(g: &mut Guide, path: &str, value: &Value) -> Result<(Patch, Effect), EditError> {
    let segs = parse_path(path)?;
    let Seg::Key(first) = segs[0] else { unreachable!("a path starts with a key") };
    let part = Part::from_key(first)
        .ok_or_else(|| bad_path(path, format!("\"{first}\" is not a part of the guide")))?;
    let bad_value = |e: serde_json::Error| EditError::BadValue {
        path: path.to_string(),
        what: path_label(path),
        reason: e.to_string(),
    };
    let no_field = |what: &str, key: &str| bad_path(path, format!("{what} has no field \"{key}\""));
    let inverse = |old: Value| Patch::Set { path: path.to_string(), value: old };
    match (part, &segs[1..]) {
        (Part::Tldr, []) => {
            let old = set_slot(&mut g.tldr, value).map_err(bad_value)?;
            Ok((inverse(old), Effect::Tldr))
        }
        (Part::Meta, []) => {
            let old = set_slot(&mut g.meta, value).map_err(bad_value)?;
            Ok((inverse(old), Effect::Meta(None)))
        }
        (Part::Meta, [Seg::Key(key)]) => {
            let old = g.meta.set_field(key, value).ok_or_else(|| no_field("Details", key))?;
            Ok((inverse(old.map_err(bad_value)?), Effect::Meta(Some(key.to_string()))))
        }
        (Part::Meta, [Seg::Key("version"), Seg::Key(key)]) => {
            let old =
                g.meta.version.set_field(key, value).ok_or_else(|| no_field("The version", key))?;
            Ok((inverse(old.map_err(bad_value)?), Effect::Meta(Some("version".into()))))
        }
        (Part::Deals, [Seg::Key(key)]) if *key != "rows" => {
            let old =
                g.deals.set_field(key, value).ok_or_else(|| no_field("The deal table", key))?;
            Ok((inverse(old.map_err(bad_value)?), Effect::DealTable))
        }
        (Part::Deals, [Seg::Index(i), Seg::Key("capacity"), Seg::Key("text")]) => {
            // The capacity's text is the capacity cell: set it as such.
            if !value.is_string() {
                return Err(EditError::BadValue {
                    path: path.to_string(),
                    what: path_label(path),
                    reason: "a capacity's text is a string".into(),
                });
            }
            let canonical = format!("deals[{i}].capacity");
            set(g, &canonical, value)
        }
        (p, [Seg::Index(index), rest @ ..]) if p.list_path().is_some() => {
            let field = match rest {
                [] => None,
                [Seg::Key(key)] => Some(*key),
                _ => return Err(bad_path(path, "an item's fields hold no further fields")),
            };
            let op = SetItem { part, path, index: *index, field, value };
            let (old, id_changed) = on_list(g, part, op)?;
            let effect =
                Effect::Item { part, index: *index, field: field.map(str::to_string), id_changed };
            Ok((inverse(old), effect))
        }
        (p, []) if p.list_path().is_some() => Err(bad_path(
            path,
            "a whole list is edited item by item (insert, remove, move) or by replacing the guide",
        )),
        _ => Err(bad_path(path, format!("{} has no such field", part.label()))),
    }
}
