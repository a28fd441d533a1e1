#![allow(dead_code)]

use almanac_guide::Guide;
use almanac_guide::VersionState;
use almanac_store::{GuideId, OpenOptions, Store, Version};

pub fn content(dir: &str) -> Guide {
    let json = almanac_store::seed_files()
        .iter()
        .find(|(d, _)| *d == dir)
        .unwrap_or_else(|| panic!("content/{dir}/guide.json is embedded"))
        .1;
    Guide::from_json(json).unwrap()
}

/// The training-infrastructure v1 guide.
pub fn sample() -> Guide {
    content("training-infrastructure")
}

pub fn mem() -> Store {
    Store::open_in_memory().unwrap()
}

pub fn unseeded(path: &std::path::Path) -> Store {
    Store::open_with(path, OpenOptions { seed: false, ..OpenOptions::default() }).unwrap()
}

pub fn guide(slug: &str, title: &str) -> Guide {
    let mut g = sample();
    g.meta.slug = slug.into();
    g.meta.title = title.into();
    g
}

/// The reviewer name the tests approve with.
pub const REVIEWER: &str = "Rita Reviewer";

/// Names the draft `label` in review, approves it and makes it live: the only way to live.
pub fn publish(s: &mut Store, guide_id: GuideId, label: &str) -> Version {
    let v = s.snapshot(guide_id, label, VersionState::InReview, "").unwrap();
    s.approve(v.id, REVIEWER).unwrap();
    s.set_version_state(v.id, VersionState::Live).unwrap()
}
