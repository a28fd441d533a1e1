//! Why a bundle was refused. Each variant has a stable [`BundleError::code`] (the UI and the
//! CLI match on it) and a message for people.

use std::path::PathBuf;

use almanac_guide::{Finding, Severity};

#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("{} does not exist", .path.display())]
    NotFound { path: PathBuf },
    #[error("{} is not a bundle folder (a bundle is a folder holding manifest.json)", .path.display())]
    NotADirectory { path: PathBuf },
    #[error("the bundle has no {file}")]
    MissingFile { file: String },
    #[error("{file} is not valid JSON: {detail}")]
    MalformedJson { file: String, detail: String },
    #[error("{file} has format version {found}; this build reads formats {}", readable_formats(.file))]
    UnknownFormat { file: String, found: String },
    #[error("manifest.json is not a valid bundle manifest: {detail}")]
    BadManifest { detail: String },
    #[error("{file} has the key \"{key}\" more than once; refusing to guess which one counts")]
    DuplicateKey { file: String, key: String },
    #[error("unsafe {what} \"{path}\": only plain file names and lowercase-hyphen slugs are allowed (no \"..\", slashes or absolute paths)")]
    UnsafePath { what: String, path: String },
    #[error("the {what} \"{found}\" does not match the manifest's slug \"{manifest}\"")]
    SlugMismatch { what: String, found: String, manifest: String },
    #[error("{file} does not match its checksum in manifest.json (expected sha256 {expected}, found {actual}); the file was changed or damaged")]
    ChecksumMismatch { file: String, expected: String, actual: String },
    #[error("{file} is {bytes} bytes; a bundle file may be at most 64 MiB")]
    TooLarge { file: String, bytes: u64 },
    #[error("the bundle holds \"{file}\", which manifest.json does not list")]
    UnexpectedFile { file: String },
    #[error("the guide has {} validation error(s): {}", count_errors(.findings), summarize(.findings))]
    InvalidGuide { findings: Vec<Finding> },
    #[error("{file} is not what its guide.json exports to with this build ({}); it was changed after export, or written by another build (the manifest names {generator}): export the bundle again from its guide.json", crate::GENERATOR)]
    DerivedMismatch { file: String, generator: String },
    #[error("{} already exists and is not a bundle this export may replace; move it away or choose another folder", .path.display())]
    TargetExists { path: PathBuf },
    #[error("refusing to write through {}: {detail}; nothing was written", .path.display())]
    UnsafeTarget { path: PathBuf, detail: String },
    #[error("cannot read {}: {source}", .path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("cannot write {}: {source}", .path.display())]
    WriteFailed { path: PathBuf, source: std::io::Error },
}

impl BundleError {
    /// A stable machine code, e.g. `bundle.checksum_mismatch`.
    pub fn code(&self) -> &'static str {
        match self {
            BundleError::NotFound { .. } => "bundle.not_found",
            BundleError::NotADirectory { .. } => "bundle.not_a_directory",
            BundleError::MissingFile { .. } => "bundle.missing_file",
            BundleError::MalformedJson { .. } => "bundle.malformed_json",
            BundleError::UnknownFormat { .. } => "bundle.unknown_format",
            BundleError::BadManifest { .. } => "bundle.bad_manifest",
            BundleError::DuplicateKey { .. } => "bundle.duplicate_key",
            BundleError::UnsafePath { .. } => "bundle.unsafe_path",
            BundleError::SlugMismatch { .. } => "bundle.slug_mismatch",
            BundleError::ChecksumMismatch { .. } => "bundle.checksum_mismatch",
            BundleError::TooLarge { .. } => "bundle.too_large",
            BundleError::UnexpectedFile { .. } => "bundle.unexpected_file",
            BundleError::InvalidGuide { .. } => "bundle.invalid_guide",
            BundleError::DerivedMismatch { .. } => "bundle.derived_mismatch",
            BundleError::TargetExists { .. } => "bundle.target_exists",
            BundleError::UnsafeTarget { .. } => "bundle.unsafe_target",
            BundleError::Io { .. } => "bundle.io",
            BundleError::WriteFailed { .. } => "bundle.write_failed",
        }
    }
}

/// The formats this build reads for `file`: "1 to 2".
fn readable_formats(file: &str) -> String {
    let (oldest, newest) = if file == crate::GUIDE_JSON {
        (almanac_guide::OLDEST_FORMAT, almanac_guide::FORMAT_VERSION)
    } else {
        (crate::OLDEST_BUNDLE_FORMAT, crate::BUNDLE_FORMAT)
    };
    format!("{oldest} to {newest}")
}

fn count_errors(findings: &[Finding]) -> usize {
    findings.iter().filter(|f| f.severity == Severity::Error).count()
}

fn summarize(findings: &[Finding]) -> String {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("[{}] {}: {}", f.code, f.path, f.message))
        .collect::<Vec<_>>()
        .join("; ")
}
