//! The Almanac guide model: every part of a published topic guide, the publishing format
//! (`guide.json`, format v1), and validation.
//!
//! This crate knows nothing about rendering, storage or Tauri. Everything else builds on it.

mod capacity;
mod figures;
mod lang;
mod model;
mod reader;
mod shape;
mod validate;

pub use capacity::parse_capacity_gw;
pub use figures::partial_date_precision;
pub use lang::dictionary_names;
pub use model::*;
pub use reader::duplicate_key;
pub use shape::limits::{FAQ_ANSWER_MAX, SLUG_MAX, TAKEAWAY_MAX, TITLE_MAX, TLDR_MAX};
pub use shape::{
    item_name_of, limits, path_label, short_label, FieldShape, GuideShape, LimitsShape, ListItem,
    Part, PartShape, StateShape,
};
pub use validate::{
    has_errors, is_http_url, is_safe_slug, sortable_partial_date, validate, validate_check, Check,
    Finding, Severity,
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
    /// Text that is not JSON ("guide.json is not valid JSON: ..." with the line and column), or
    /// JSON that is not a guide ("guide.json is not a format v2 guide: ..."): a field missing,
    /// unknown or of the wrong type, a key given twice (named with its object, line and
    /// column), a `format` that is not a whole number (named with what it is instead).
    #[error("{}", json_message(.0))]
    Json(#[from] serde_json::Error),
    #[error("guide.json has format version {found}; this build reads formats {OLDEST_FORMAT} to {FORMAT_VERSION}")]
    UnsupportedVersion { found: u64 },
    #[error("guide.json has no \"format\" field")]
    MissingVersion,
}

fn json_message(e: &serde_json::Error) -> String {
    match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            format!("guide.json is not valid JSON: {e}")
        }
        _ => format!("guide.json is not a format v{FORMAT_VERSION} guide: {e}"),
    }
}

/// A [`FormatError::Json`] for JSON that is not a guide.
fn not_a_guide(detail: String) -> FormatError {
    FormatError::Json(<serde_json::Error as serde::de::Error>::custom(detail))
}

/// The error for a `format` field that is not a whole number.
fn bad_format_field(found: &serde_json::Value) -> FormatError {
    not_a_guide(format!(
        "\"format\" must be a whole number from {OLDEST_FORMAT} to {FORMAT_VERSION}, not {}",
        describe_json(found)
    ))
}

/// A JSON value as a message names it: `1.5`, `-1`, `the string "2"`, `an array`.
fn describe_json(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "null".into(),
        serde_json::Value::Bool(b) => b.to_string(),
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::String(s) => {
            format!("the string {}", serde_json::Value::from(s.as_str()))
        }
        serde_json::Value::Array(_) => "an array".into(),
        serde_json::Value::Object(_) => "an object".into(),
    }
}

impl Guide {
    /// Parses `guide.json` text, checking the format version before the rest.
    ///
    /// Stricter than plain JSON in one way and as lenient as the JSON Schema in another: a key
    /// given twice in an object is refused (naming the key, the object and the line), and a
    /// whole number written with a fraction (`"score": 5.0`, `"format": 2.0`) reads as that
    /// number, since the schema's `"type": "integer"` accepts it.
    pub fn from_json(text: &str) -> Result<Guide, FormatError> {
        let value = reader::parse(text)?;
        let Some(top) = value.as_object() else {
            return Err(not_a_guide(format!(
                "the top level is {}, not an object",
                describe_json(&value)
            )));
        };
        let formats = u64::from(OLDEST_FORMAT)..=u64::from(FORMAT_VERSION);
        match top.get("format") {
            None => return Err(FormatError::MissingVersion),
            Some(serde_json::Value::Number(n)) => match n.as_u64() {
                Some(v) if formats.contains(&v) => {}
                Some(v) => return Err(FormatError::UnsupportedVersion { found: v }),
                None => return Err(bad_format_field(&value["format"])),
            },
            Some(other) => return Err(bad_format_field(other)),
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
            row.normalize();
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
