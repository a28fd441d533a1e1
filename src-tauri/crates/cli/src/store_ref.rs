//! Guides named in the store on the command line: `SLUG@LABEL` (a named version) and
//! `SLUG@draft` (the guide's working draft), as `diff` and `export` take them next to files and
//! folders. An argument is a store reference only when it is not an existing path.

use std::path::Path;

use almanac_guide::DRAFT_LABEL;
use almanac_store::{GuideSummary, Store, StoreError, Version};

use crate::db;
use crate::exit::{CliError, INPUT};

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
    Version(GuideSummary, Version),
    /// The guide's working draft (`slug@draft`, when no version is labelled "draft").
    Draft(GuideSummary),
}

/// Opens the database a store reference `arg` is read from (`--db`, else `$ALMANAC_DB`, else
/// the default); a missing database is an error, never created.
pub fn open(db: Option<&Path>, arg: &str) -> Result<Store, CliError> {
    let path = db::db_path(db).map_err(|e| error(arg, e))?;
    if !path.is_file() {
        return Err(CliError::new(
            INPUT,
            format!(
                "{arg} is neither a file nor a folder, and there is no store database at {} to \
                 find it in (pass --db <path> or set ALMANAC_DB)",
                path.display()
            ),
        )
        .with_code("store.not_found"));
    }
    db::open_existing(&path).map_err(|mut e| {
        e.message = format!("cannot read {arg} from the store: {}", e.message);
        e
    })
}

/// Finds what `r` (written `arg` on the command line) names in `store`.
pub fn resolve(store: &Store, arg: &str, r: StoreRef<'_>) -> Result<Stored, CliError> {
    let g = store.guide_by_slug(r.slug).map_err(|e| error(arg, e))?;
    match store.version_by_label(g.id, r.label) {
        Ok(v) => Ok(Stored::Version(g, v)),
        Err(StoreError::NotFound { .. }) if r.label == DRAFT_LABEL => Ok(Stored::Draft(g)),
        Err(e) => Err(error(arg, e)),
    }
}

/// A store error met while reading `arg`.
pub fn error(arg: &str, e: StoreError) -> CliError {
    let mut err = db::store_error(e);
    err.message = format!("cannot read {arg} from the store: {}", err.message);
    err
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
