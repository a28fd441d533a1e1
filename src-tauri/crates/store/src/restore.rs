//! Restoring from a named version into the draft: the whole version, one field, or one list
//! item by its stable id. A restore is a new draft revision; the draft before it stays as a
//! kept revision, so a restore never destroys anything.

use almanac_guide::{Guide, Part};
use serde_json::Value;

use crate::error::{Result, StoreError};
use crate::guides::{current_revision, load_draft, write_draft};
use crate::types::{Draft, GuideId, ItemRef, VersionId};
use crate::versions::version_content;
use crate::Store;

fn to_value(g: &Guide) -> Value {
    serde_json::to_value(g).expect("a guide always serialises")
}

fn from_value(v: Value) -> Result<Guide> {
    let mut g: Guide = serde_json::from_value(v)
        .map_err(|e| StoreError::InvalidGuide { detail: format!("the restored guide: {e}") })?;
    g.normalize();
    Ok(g)
}

fn get_path<'a>(v: &'a mut Value, keys: &[&str]) -> Option<&'a mut Value> {
    keys.iter().try_fold(v, |v, k| v.get_mut(*k))
}

/// Where the list `list` (a key of one of [`Part::LISTS`]) lives in the guide's JSON.
fn list_path(list: &str) -> Result<&'static [&'static str]> {
    Part::from_key(list).filter(|p| Part::LISTS.contains(p)).and_then(Part::list_path).ok_or_else(
        || {
            let names: Vec<&str> = Part::LISTS.iter().map(|p| p.key()).collect();
            StoreError::invalid(format!(
                "\"{list}\" is not a list of a guide; lists are: {}.",
                names.join(", ")
            ))
        },
    )
}

/// Puts the item `item.id` of `version`'s list into `draft`'s list: in place when the draft
/// has an item with that id, otherwise right after the item that precedes it in the version
/// (or first, when none of its predecessors is in the draft).
pub(crate) fn apply_item(draft: &Guide, version: &Guide, item: &ItemRef) -> Result<Guide> {
    let keys = list_path(&item.list)?;
    let mut from = to_value(version);
    let source = get_path(&mut from, keys).and_then(|v| v.as_array().cloned()).unwrap_or_default();
    let id_of = |v: &Value| v.get("id").and_then(Value::as_str).map(str::to_string);
    let pos = source
        .iter()
        .position(|v| id_of(v).as_deref() == Some(item.id.as_str()))
        .ok_or_else(|| {
            StoreError::not_found(format!("Item \"{}\" in {} of that version", item.id, item.list))
        })?;
    let mut into = to_value(draft);
    let target = get_path(&mut into, keys)
        .and_then(Value::as_array_mut)
        .ok_or_else(|| StoreError::invalid(format!("The draft has no list {}.", item.list)))?;
    if let Some(i) = target.iter().position(|v| id_of(v).as_deref() == Some(item.id.as_str())) {
        target[i] = source[pos].clone();
    } else {
        let after = source[..pos].iter().rev().filter_map(id_of).find_map(|prev| {
            target.iter().position(|v| id_of(v).as_deref() == Some(prev.as_str()))
        });
        let at = after.map_or(0, |i| i + 1);
        target.insert(at, source[pos].clone());
    }
    from_value(into)
}

/// Copies the field at `path` (dot-separated object keys: `tldr`, `meta.title`,
/// `deals.caption`, or a whole list such as `faq`) from `version` into `draft`.
pub(crate) fn apply_field(draft: &Guide, version: &Guide, path: &str) -> Result<Guide> {
    let keys: Vec<&str> = path.split('.').map(str::trim).collect();
    if path.trim().is_empty() || keys.iter().any(|k| k.is_empty()) || keys == ["format"] {
        return Err(StoreError::invalid(format!(
            "\"{path}\" is not a field path; use a path such as \"tldr\", \"meta.title\" or \
             \"deals.caption\"."
        )));
    }
    let mut from = to_value(version);
    let value = get_path(&mut from, &keys)
        .cloned()
        .ok_or_else(|| StoreError::invalid(format!("A guide has no field \"{path}\".")))?;
    let mut into = to_value(draft);
    let slot = get_path(&mut into, &keys)
        .ok_or_else(|| StoreError::invalid(format!("A guide has no field \"{path}\".")))?;
    *slot = value;
    from_value(into)
}

impl Store {
    /// Writes a new draft revision computed from the version's content and the current draft,
    /// after checking `base_revision` (when given) against the current revision.
    fn restore_with(
        &mut self,
        guide_id: GuideId,
        version_id: VersionId,
        base_revision: Option<i64>,
        what: impl FnOnce(&Guide, &Guide) -> Result<Guide>,
    ) -> Result<Draft> {
        self.write(|tx, ctx| {
            let current = current_revision(tx, guide_id)?;
            if let Some(base) = base_revision.filter(|b| *b != current) {
                return Err(StoreError::Conflict { guide_id, base, current });
            }
            let version = version_content(tx, &ctx.cache, version_id)?;
            if version.version.guide_id != guide_id {
                return Err(StoreError::invalid(format!(
                    "Version {} belongs to another guide.",
                    version.version.label
                )));
            }
            let draft = load_draft(tx, guide_id)?;
            // Every write keeps its revision already; make sure of it for the draft being
            // replaced, so a restore can always be walked back.
            crate::guides::keep_revision(tx, ctx, guide_id, current, &draft.updated, &draft.guide)?;
            let restored = what(&draft.guide, &version.guide)?;
            write_draft(tx, ctx, guide_id, current + 1, &restored, "restore")?;
            crate::guides::stamped_draft(tx, guide_id)
        })
    }

    /// Makes a whole version the draft again, as a new revision; the current draft stays as a
    /// kept revision. `base_revision` (when given) must be the current revision, else
    /// `store.conflict`.
    pub fn restore_version(
        &mut self,
        guide_id: GuideId,
        version_id: VersionId,
        base_revision: Option<i64>,
    ) -> Result<Draft> {
        self.restore_with(guide_id, version_id, base_revision, |_, v| Ok(v.clone()))
    }

    /// Restores one list item (by stable id) from a version into the draft: `item.list`
    /// is the key of one of [`Part::LISTS`] (`deals` for the deal rows).
    pub fn restore_item(
        &mut self,
        guide_id: GuideId,
        version_id: VersionId,
        item: &ItemRef,
        base_revision: Option<i64>,
    ) -> Result<Draft> {
        self.restore_with(guide_id, version_id, base_revision, |d, v| apply_item(d, v, item))
    }

    /// Restores one field (`tldr`, `meta.title`, `deals.caption`, a whole list like `faq`)
    /// from a version into the draft.
    pub fn restore_field(
        &mut self,
        guide_id: GuideId,
        version_id: VersionId,
        path: &str,
        base_revision: Option<i64>,
    ) -> Result<Draft> {
        self.restore_with(guide_id, version_id, base_revision, |d, v| apply_field(d, v, path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restorable_lists_are_the_guide_shape_lists() {
        assert_eq!(list_path("deals").unwrap(), ["deals", "rows"]);
        assert_eq!(list_path("related_topics").unwrap(), ["related_topics"]);
        for not_a_list in ["versions", "meta", "tldr", "rows", ""] {
            let e = list_path(not_a_list).unwrap_err();
            assert_eq!(e.code(), "store.invalid_input");
            let message = e.to_string();
            for p in Part::LISTS {
                assert!(message.contains(p.key()), "{message}");
            }
        }
    }
}
