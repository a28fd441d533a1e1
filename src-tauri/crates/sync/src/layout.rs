//! The shared library's files: where each version and review event lives, and how they are
//! read back.
//!
//! ```text
//! README.md                         what this repository is (written once)
//! <slug>/versions/<label>.json      one immutable file per named version: the guide as
//!                                   guide.json of that version, canonical bytes
//! <slug>/review/<event-id>.json     one file per review event
//! ```
//!
//! Every file is written once and never changed, and every name is unique (a label once shared
//! is never reused; an event id carries its time, machine and a random part): two machines
//! never write the same path with different bytes, so git never has to merge a file.

use std::collections::BTreeMap;
use std::path::Path;

use almanac_guide::Guide;
use almanac_store::{ReviewEvent, SharedGuideIn};

use crate::error::{Result, SyncError};

/// The folder of a guide's versions.
pub const VERSIONS_DIR: &str = "versions";
/// The folder of a guide's review events.
pub const REVIEW_DIR: &str = "review";

/// The top README of a shared library.
pub const README: &str = "# Almanac shared library\n\n\
This repository is an Almanac Studio team library. Each guide has a folder named by its slug:\n\n\
- `<slug>/versions/<label>.json`: one file per named version, the guide as `guide.json` of that\n  \
version. Written once, never changed.\n\
- `<slug>/review/<event-id>.json`: one file per review event (a version named, a state change,\n  \
an approval with the reviewer and the content hash, a note, a note resolved).\n\n\
Almanac Studio reads and writes these files through Sync; drafts are never shared.\n";

/// A version label as a file name: letters, digits, `.`, `_` and `-` as they are; every other
/// byte as `%XX` (so "first cut" is `first%20cut.json`).
pub fn label_file(label: &str) -> String {
    let mut out = String::new();
    for b in label.bytes() {
        let plain =
            b.is_ascii_alphanumeric() || (matches!(b, b'.' | b'_' | b'-') && !out.is_empty());
        if plain {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    format!("{out}.json")
}

/// The label a version file name holds (`None` for a name `label_file` does not make).
pub fn file_label(name: &str) -> Option<String> {
    let stem = name.strip_suffix(".json")?;
    let mut bytes = Vec::new();
    let raw = stem.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' {
            let hex = std::str::from_utf8(raw.get(i + 1..i + 3)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            bytes.push(raw[i]);
            i += 1;
        }
    }
    String::from_utf8(bytes).ok()
}

/// The path of a version file, from the library's top.
pub fn version_path(folder: &str, label: &str) -> String {
    format!("{folder}/{VERSIONS_DIR}/{}", label_file(label))
}

/// The path of an event file, from the library's top.
pub fn event_path(folder: &str, id: &str) -> String {
    format!("{folder}/{REVIEW_DIR}/{id}.json")
}

/// What a path from the library's top is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Version { folder: String, label: String },
    Event { folder: String, id: String },
}

/// Which file a path names; `None` for anything else (the README, stray files).
pub fn entry(path: &str) -> Option<Entry> {
    let mut parts = path.split('/');
    let (folder, dir, name) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || !almanac_guide::is_safe_slug(folder) {
        return None;
    }
    match dir {
        VERSIONS_DIR => Some(Entry::Version { folder: folder.into(), label: file_label(name)? }),
        REVIEW_DIR => {
            let id = name.strip_suffix(".json")?;
            let ok = !id.is_empty()
                && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            ok.then(|| Entry::Event { folder: folder.into(), id: id.into() })
        }
        _ => None,
    }
}

/// Reads the files `paths` (from the top of the working tree `root`) into one value per guide
/// folder. A file that is not a guide or an event is an error naming it: a shared library is
/// written by this code only, so a bad file is damage to report, not to skip.
pub fn read_entries(root: &Path, paths: &[String]) -> Result<Vec<SharedGuideIn>> {
    let mut by_folder: BTreeMap<String, SharedGuideIn> = BTreeMap::new();
    for path in paths {
        let Some(e) = entry(path) else { continue };
        let file = root.join(path);
        let bytes = match std::fs::read(&file) {
            Ok(b) => b,
            // Removed in the range read: nothing to bring in.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(SyncError::io(file, e)),
        };
        let text = String::from_utf8_lossy(&bytes);
        let folder = match &e {
            Entry::Version { folder, .. } | Entry::Event { folder, .. } => folder.clone(),
        };
        let slot = by_folder.entry(folder.clone()).or_insert_with(|| SharedGuideIn {
            folder,
            versions: Vec::new(),
            events: Vec::new(),
        });
        match e {
            Entry::Version { label, .. } => {
                let guide =
                    Guide::from_json(&text).map_err(|err| damaged(path, &err.to_string()))?;
                slot.versions.push((label, guide));
            }
            Entry::Event { id, .. } => {
                let event: ReviewEvent =
                    serde_json::from_str(&text).map_err(|err| damaged(path, &err.to_string()))?;
                if event.id != id {
                    return Err(damaged(path, "its id is not its file name"));
                }
                slot.events.push(event);
            }
        }
    }
    Ok(by_folder.into_values().collect())
}

fn damaged(path: &str, why: &str) -> SyncError {
    SyncError::Damaged { path: path.into(), detail: why.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_through_file_names() {
        for label in ["v1", "v12", "first cut", "ré/v", ".hidden", "a.b_c-d", "%"] {
            let name = label_file(label);
            assert!(!name.contains('/') && !name.starts_with('.'), "{name}");
            assert_eq!(file_label(&name).as_deref(), Some(label), "{name}");
        }
        assert_eq!(label_file("v2"), "v2.json");
        assert_eq!(label_file("first cut"), "first%20cut.json");
    }

    #[test]
    fn paths_name_versions_and_events() {
        assert_eq!(
            entry("energy-for-ai/versions/v2.json"),
            Some(Entry::Version { folder: "energy-for-ai".into(), label: "v2".into() })
        );
        assert_eq!(
            entry("energy-for-ai/review/20261129T0010Z-ab12-cd34.json"),
            Some(Entry::Event {
                folder: "energy-for-ai".into(),
                id: "20261129T0010Z-ab12-cd34".into()
            })
        );
        assert_eq!(entry("README.md"), None);
        assert_eq!(entry("Bad Folder/versions/v1.json"), None);
        assert_eq!(entry("x/review/../../etc.json"), None);
    }
}
