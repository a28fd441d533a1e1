//! The Almanac guide model: every part of a published topic guide, the publishing format
//! (`guide.json`, format v1), and validation.
//!
//! This crate knows nothing about rendering, storage or Tauri. Everything else builds on it.

mod capacity;
mod model;
mod shape;
mod validate;

pub use capacity::parse_capacity_gw;
pub use model::*;
pub use shape::limits::{FAQ_ANSWER_MAX, SLUG_MAX, TAKEAWAY_MAX, TITLE_MAX, TLDR_MAX};
pub use shape::{
    limits, path_label, FieldShape, GuideShape, LimitsShape, ListItem, Part, PartShape, StateShape,
};
pub use validate::{
    has_errors, is_http_url, is_safe_slug, sortable_partial_date, validate, Finding, Severity,
};

/// The publishing format version written to `guide.json` (`"format": 2`).
///
/// Format 2 added `meta.version.based_on` (the working draft names the version it builds on)
/// and made `meta.version`, `versions` and the timestamps derived by the store. Format 1 files
/// read unchanged and are upgraded to 2 when read.
pub const FORMAT_VERSION: u32 = 2;

/// The oldest publishing format this build reads.
pub const OLDEST_FORMAT: u32 = 1;

/// Errors reading a guide from its publishing format.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    #[error("guide.json is not valid JSON for format v{FORMAT_VERSION}: {0}")]
    Json(#[from] serde_json::Error),
    #[error("guide.json has format version {found}; this build reads formats {OLDEST_FORMAT} to {FORMAT_VERSION}")]
    UnsupportedVersion { found: u64 },
    #[error("guide.json has no \"format\" field")]
    MissingVersion,
}

impl Guide {
    /// Parses `guide.json` text, checking the format version before the rest.
    pub fn from_json(text: &str) -> Result<Guide, FormatError> {
        let value: serde_json::Value = serde_json::from_str(text)?;
        match value.get("format").and_then(|v| v.as_u64()) {
            None => return Err(FormatError::MissingVersion),
            Some(v) if !(u64::from(OLDEST_FORMAT)..=u64::from(FORMAT_VERSION)).contains(&v) => {
                return Err(FormatError::UnsupportedVersion { found: v })
            }
            Some(_) => {}
        }
        let mut guide: Guide = serde_json::from_value(value)?;
        // Format 1 has the same fields (minus the optional `based_on`): upgrading is a relabel.
        guide.format = FORMAT_VERSION;
        guide.normalize();
        Ok(guide)
    }

    /// The canonical `guide.json` text: pretty-printed, fields in declaration order, a final
    /// newline. Same guide, same bytes.
    pub fn to_canonical_json(&self) -> String {
        let mut out = serde_json::to_string_pretty(self).expect("a guide always serialises");
        out.push('\n');
        out
    }

    /// Recomputes derived data (parsed capacities) from what the editor typed.
    pub fn normalize(&mut self) {
        for row in &mut self.deals.rows {
            if let Some(c) = &mut row.capacity {
                c.gw = parse_capacity_gw(&c.text);
            }
        }
    }

    /// The JSON Schema of the publishing format, as committed in `content/guide.schema.json`.
    pub fn json_schema() -> String {
        let schema = schemars::schema_for!(Guide);
        let mut out = serde_json::to_string_pretty(&schema).expect("schema serialises");
        out.push('\n');
        out
    }
}
