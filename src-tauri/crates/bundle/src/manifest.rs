//! `manifest.json`: what a bundle holds and the checksums that prove it.

use serde::{Deserialize, Serialize};

use crate::{BundleError, BUNDLE_FORMAT, CONTENT_FILES, MANIFEST_JSON, OLDEST_BUNDLE_FORMAT};

/// The bundle manifest. Field order here is the field order in `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Bundle format version: 2 when written, 1 or 2 when read.
    pub format: u32,
    /// The guide's slug, which is also the bundle folder's name.
    pub slug: String,
    /// The guide's version label (`meta.version.label`), e.g. "v1"; "draft" for the working
    /// draft.
    pub version: String,
    /// What wrote the bundle, e.g. "almanac 0.1.0".
    pub generator: String,
    /// Every other file of the bundle, in a fixed order: guide.json, index.html, guide.md.
    pub files: Vec<ManifestFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestFile {
    /// A plain file name inside the bundle folder.
    pub path: String,
    /// Lowercase hex sha256 of the file's bytes.
    pub sha256: String,
    /// The file's size in bytes.
    pub bytes: u64,
}

impl Manifest {
    /// Pretty-printed JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut out = serde_json::to_string_pretty(self).expect("a manifest always serialises");
        out.push('\n');
        out
    }

    /// Parses and checks `manifest.json`: JSON, then that no object holds a key twice, then the
    /// format version, then the shape, then that every path and the slug are safe and the file
    /// list is exactly the bundle's files.
    pub fn parse(bytes: &[u8]) -> Result<Manifest, BundleError> {
        let malformed =
            |detail: String| BundleError::MalformedJson { file: MANIFEST_JSON.into(), detail };
        let text =
            std::str::from_utf8(bytes).map_err(|_| malformed("it is not UTF-8 text".into()))?;
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| malformed(e.to_string()))?;
        if let Some(key) = almanac_guide::duplicate_key(text) {
            return Err(BundleError::DuplicateKey { file: MANIFEST_JSON.into(), key });
        }
        match value.get("format") {
            Some(serde_json::Value::Number(n))
                if n.as_u64().is_some_and(|v| {
                    (u64::from(OLDEST_BUNDLE_FORMAT)..=u64::from(BUNDLE_FORMAT)).contains(&v)
                }) => {}
            Some(other) => {
                return Err(BundleError::UnknownFormat {
                    file: MANIFEST_JSON.into(),
                    found: other.to_string(),
                })
            }
            None => {
                return Err(BundleError::UnknownFormat {
                    file: MANIFEST_JSON.into(),
                    found: "none".into(),
                })
            }
        }
        // Unsafe paths are reported as such even when the rest of the manifest is off.
        if let Some(files) = value.get("files").and_then(|f| f.as_array()) {
            for f in files {
                if let Some(p) = f.get("path").and_then(|p| p.as_str()) {
                    if !is_plain_file_name(p) {
                        return Err(BundleError::UnsafePath {
                            what: "manifest file path".into(),
                            path: p.to_string(),
                        });
                    }
                }
            }
        }
        if let Some(slug) = value.get("slug").and_then(|s| s.as_str()) {
            if !almanac_guide::is_safe_slug(slug) {
                return Err(BundleError::UnsafePath {
                    what: "manifest slug".into(),
                    path: slug.to_string(),
                });
            }
        }
        let manifest: Manifest = serde_json::from_value(value)
            .map_err(|e| BundleError::BadManifest { detail: e.to_string() })?;

        let listed: Vec<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
        if listed != CONTENT_FILES {
            return Err(BundleError::BadManifest {
                detail: format!(
                    "it lists [{}]; a bundle lists exactly [{}] in that order",
                    listed.join(", "),
                    CONTENT_FILES.join(", ")
                ),
            });
        }
        for f in &manifest.files {
            if f.sha256.len() != 64
                || !f.sha256.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            {
                return Err(BundleError::BadManifest {
                    detail: format!("the sha256 of {} is not 64 lowercase hex digits", f.path),
                });
            }
        }
        Ok(manifest)
    }
}

/// A file name with no directory part: no separators, no `.`/`..`, not absolute, no NUL, no
/// leading dot, no drive letter.
pub(crate) fn is_plain_file_name(p: &str) -> bool {
    !p.is_empty()
        && p.len() <= 255
        && !p.starts_with('.')
        && !p.contains(['/', '\\', ':', '\0'])
        && p.chars().all(|c| !c.is_control())
}
