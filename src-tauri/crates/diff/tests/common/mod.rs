//! Shared fixtures: the sample guides in `content/`.
#![allow(dead_code)]

pub mod gen;

use std::path::{Path, PathBuf};

use almanac_diff::{diff_guides_with, DiffOptions, GuideDiff};
use almanac_guide::Guide;

pub fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../content")
}

pub fn load(folder: &str) -> Guide {
    let path = content_dir().join(folder).join("guide.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    Guide::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn v1() -> Guide {
    load("training-infrastructure")
}

pub fn v2() -> Guide {
    load("training-infrastructure-v2")
}

/// A diff without a time budget: the same answer on a busy machine as on an idle one.
pub fn diff(old: &Guide, new: &Guide) -> GuideDiff {
    diff_guides_with(old, new, &DiffOptions { budget: None })
}
