//! Guides named in the store on the command line: `SLUG@LABEL` (a named version) and
//! `SLUG@draft` (the guide's working draft), as `diff` and `export` take them next to files and
//! folders. An argument is a store reference only when it is not an existing path; the store
//! it is read from is opened with `database::open`.

use std::path::Path;

use almanac_guide::DRAFT_LABEL;
use almanac_store::{GuideSummary, Store, StoreError, Version};

use crate::database;
use crate::exit::CliError;

/// `slug@label`, split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreRef<'a> {
    pub slug: &'a str,
    pub label: &'a str,
}

/// A store reference `slug@label`, if `arg` is one (and not an existing path).
pub fn parse(arg: &str) -> Option<StoreRef<'_>> {
    if Path::new(arg).exists() {
        return None;
    }
    let (slug, label) = arg.split_once('@')?;
    (almanac_guide::is_safe_slug(slug) && !label.is_empty()).then_some(StoreRef { slug, label })
}

/// What a store reference names.
#[derive(Debug)]
pub enum Stored {
    /// A named version of the guide.
    Version(GuideSummary, Box<Version>),
    /// The guide's working draft (`slug@draft`, when no version is labelled "draft").
    Draft(GuideSummary),
}

/// Finds what `r` (written `arg` on the command line) names in `store`.
pub fn resolve(store: &Store, arg: &str, r: StoreRef<'_>) -> Result<Stored, CliError> {
    let g = store.guide_by_slug(r.slug).map_err(|e| database::read_error(arg, e))?;
    match store.version_by_label(g.id, r.label) {
        Ok(v) => Ok(Stored::Version(g, Box::new(v))),
        Err(StoreError::NotFound { .. }) if r.label == DRAFT_LABEL => Ok(Stored::Draft(g)),
        Err(e) => Err(database::read_error(arg, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::{parse, StoreRef};

    #[test]
    fn store_refs_are_slug_at_label() {
        let r = |slug, label| Some(StoreRef { slug, label });
        assert_eq!(parse("training-infrastructure@v1"), r("training-infrastructure", "v1"));
        assert_eq!(parse("training-infrastructure@draft"), r("training-infrastructure", "draft"));
        assert_eq!(parse("Bad Slug@v1"), None);
        assert_eq!(parse("slug@"), None);
        assert_eq!(parse("guide.json"), None);
    }
}
