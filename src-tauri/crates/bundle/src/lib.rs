//! Almanac publishing bundles (format 2; format 1 bundles are read too).
//!
//! A bundle is a folder `<slug>/` holding four files:
//!
//! | file            | what it holds                                                        |
//! |-----------------|----------------------------------------------------------------------|
//! | `guide.json`    | the guide, [`Guide::to_canonical_json`]                              |
//! | `index.html`    | the standalone page, published mode: absolute dates only             |
//! | `guide.md`      | the guide as readable Markdown ([`guide_markdown`])                  |
//! | `manifest.json` | format version, slug, version label, generator, sha256 of the others |
//!
//! Export always writes format 2: manifest `"format": 2` and a format 2 `guide.json`. Import
//! reads formats [`OLDEST_BUNDLE_FORMAT`] to [`BUNDLE_FORMAT`]: a format 1 bundle (manifest
//! format 1, `guide.json` format 1) is checked against its checksums as written, and its guide
//! is upgraded to the current publishing format when read. The two formats have the same four
//! files and the same manifest fields.
//!
//! Checksums only show that the files are the ones the manifest lists, and anyone can write a
//! manifest. So a format 2 bundle's derived files are derived again: `index.html` and
//! `guide.md` must be exactly what this build exports from the bundle's `guide.json`, or the
//! bundle is refused ([`BundleError::DerivedMismatch`]). A format 1 bundle was written by an
//! earlier release whose page had other bytes: its derived files are accepted when their
//! checksums verify, and not derived again ([`CheckedBundle::rederived`] is false).
//!
//! Export is deterministic (same guide, same bytes; no wall-clock time anywhere, and nothing on
//! a page is relative to the time it is read) and atomic (everything is rendered in memory,
//! written into a temporary folder beside the target, then renamed into place). Import checks
//! everything before it writes anything.
//!
//! # Modules
//! - this file: building, writing, reading (checking) and importing bundles.
//! - `manifest`: `manifest.json` ([`Manifest`]), parsed and checked.
//! - `markdown`: the guide as Markdown (`guide.md`, [`guide_markdown`]).
//! - `mdfield`: the guide's Markdown and text fields re-written for `guide.md`, inert under any
//!   CommonMark renderer.
//! - [`files`]: writing files atomically ([`files::write_atomic`]), for the bundle and for every
//!   other file the app and the CLI write.
//! - `error`: [`BundleError`], with a stable code per refusal.

mod error;
pub mod files;
mod manifest;
mod markdown;
mod mdfield;

use std::fs;
use std::path::{Path, PathBuf};

use almanac_guide::{has_errors, is_safe_slug, validate, Guide};
use sha2::{Digest, Sha256};

pub use error::BundleError;
pub use manifest::{Manifest, ManifestFile};
pub use markdown::{format_partial_date, guide_markdown};

/// The bundle format version written to `manifest.json`.
pub const BUNDLE_FORMAT: u32 = 2;
/// The oldest bundle format [`read_bundle`] accepts.
pub const OLDEST_BUNDLE_FORMAT: u32 = 1;
/// What wrote the bundle: `almanac <crate version>`.
pub const GENERATOR: &str = concat!("almanac ", env!("CARGO_PKG_VERSION"));

pub const GUIDE_JSON: &str = "guide.json";
pub const INDEX_HTML: &str = "index.html";
pub const GUIDE_MD: &str = "guide.md";
pub const MANIFEST_JSON: &str = "manifest.json";
/// The files the manifest lists, in the order it lists them.
pub const CONTENT_FILES: [&str; 3] = [GUIDE_JSON, INDEX_HTML, GUIDE_MD];
/// The largest file a bundle may hold; bigger files are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A bundle built in memory: the four files' text, ready to be written or served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleFiles {
    pub slug: String,
    pub guide_json: String,
    pub index_html: String,
    pub guide_md: String,
    pub manifest_json: String,
}

impl BundleFiles {
    /// (file name, text) for every file, in manifest order, `manifest.json` last.
    pub fn files(&self) -> [(&'static str, &str); 4] {
        [
            (GUIDE_JSON, &self.guide_json),
            (INDEX_HTML, &self.index_html),
            (GUIDE_MD, &self.guide_md),
            (MANIFEST_JSON, &self.manifest_json),
        ]
    }
}

/// Lowercase hex sha256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
        out.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
    }
    out
}

/// Builds a bundle in memory. Refuses a guide with validation errors (the error lists them)
/// or with a slug that is not safe as a folder name.
pub fn build_bundle(guide: &Guide) -> Result<BundleFiles, BundleError> {
    let findings = validate(guide);
    if has_errors(&findings) {
        return Err(BundleError::InvalidGuide { findings });
    }
    if !is_safe_slug(&guide.meta.slug) {
        return Err(BundleError::UnsafePath {
            what: "guide slug".into(),
            path: guide.meta.slug.clone(),
        });
    }
    Ok(build_unchecked(guide))
}

fn build_unchecked(guide: &Guide) -> BundleFiles {
    let guide_json = guide.to_canonical_json();
    let index_html = almanac_render::render_page(guide, &almanac_render::PageOptions::published());
    let guide_md = guide_markdown(guide);
    let manifest = Manifest {
        format: BUNDLE_FORMAT,
        slug: guide.meta.slug.clone(),
        version: guide.meta.version.label.clone(),
        generator: GENERATOR.to_string(),
        files: [(GUIDE_JSON, &guide_json), (INDEX_HTML, &index_html), (GUIDE_MD, &guide_md)]
            .into_iter()
            .map(|(path, text)| ManifestFile {
                path: path.to_string(),
                sha256: sha256_hex(text.as_bytes()),
                bytes: text.len() as u64,
            })
            .collect(),
    };
    BundleFiles {
        slug: guide.meta.slug.clone(),
        guide_json,
        index_html,
        guide_md,
        manifest_json: manifest.to_json(),
    }
}

/// Exports a guide as `<out_parent_dir>/<slug>/` and returns that path.
///
/// The guide must have no validation errors. `out_parent_dir` is created if missing (and
/// removed again, with any parent the export created, when the export fails). An existing
/// bundle at the target is replaced as a whole; any other existing file or folder there is left
/// alone and the export refused ([`BundleError::TargetExists`]).
pub fn export_bundle(guide: &Guide, out_parent_dir: &Path) -> Result<PathBuf, BundleError> {
    let bundle = build_bundle(guide)?;
    write_bundle(&bundle, out_parent_dir)
}

/// Writes a bundle built by [`build_bundle`] into `<out_parent_dir>/<slug>/`, atomically.
pub fn write_bundle(bundle: &BundleFiles, out_parent_dir: &Path) -> Result<PathBuf, BundleError> {
    if !is_safe_slug(&bundle.slug) {
        return Err(BundleError::UnsafePath {
            what: "guide slug".into(),
            path: bundle.slug.clone(),
        });
    }
    // Creating the parent is harmless: if a target is in the way, the parent already exists.
    // What this export creates, it removes again when it fails.
    let created = files::create_dir_all_tracked(out_parent_dir)
        .map_err(|e| BundleError::WriteFailed { path: out_parent_dir.to_path_buf(), source: e })?;
    let result = write_bundle_into(bundle, out_parent_dir);
    if result.is_err() {
        files::remove_created(&created);
    }
    result
}

fn write_bundle_into(bundle: &BundleFiles, out_parent_dir: &Path) -> Result<PathBuf, BundleError> {
    let target = out_parent_dir.join(&bundle.slug);
    let existing = match fs::symlink_metadata(&target) {
        Ok(_) => {
            if !is_bundle_folder(&target) {
                return Err(BundleError::TargetExists { path: target });
            }
            true
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(BundleError::Io { path: target, source: e }),
    };

    let tmp = out_parent_dir.join(files::temp_name(&bundle.slug, "partial"));
    if let Err(e) = write_files_into(&tmp, bundle) {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }

    let result = if existing {
        let old = out_parent_dir.join(files::temp_name(&bundle.slug, "previous"));
        fs::rename(&target, &old)
            .map_err(|e| BundleError::WriteFailed { path: target.clone(), source: e })
            .and_then(|()| match fs::rename(&tmp, &target) {
                Ok(()) => {
                    // The new bundle is in place; the old one is only a leftover now.
                    let _ = fs::remove_dir_all(&old);
                    Ok(())
                }
                Err(e) => {
                    let _ = fs::rename(&old, &target);
                    Err(BundleError::WriteFailed { path: target.clone(), source: e })
                }
            })
    } else {
        fs::rename(&tmp, &target)
            .map_err(|e| BundleError::WriteFailed { path: target.clone(), source: e })
    };
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result?;
    files::sync_dir(out_parent_dir);
    Ok(target)
}

fn write_files_into(dir: &Path, bundle: &BundleFiles) -> Result<(), BundleError> {
    fs::create_dir(dir)
        .map_err(|e| BundleError::WriteFailed { path: dir.to_path_buf(), source: e })?;
    for (name, text) in bundle.files() {
        let path = dir.join(name);
        files::write_new_synced(&path, text.as_bytes())
            .map_err(|e| BundleError::WriteFailed { path, source: e })?;
    }
    files::sync_dir(dir);
    Ok(())
}

/// True if `path` is a real folder (not a link) holding `manifest.json` and nothing but bundle
/// files: the only kind of folder an export may replace.
pub fn is_bundle_folder(path: &Path) -> bool {
    let Ok(meta) = fs::symlink_metadata(path) else { return false };
    if !meta.is_dir() {
        return false;
    }
    let Ok(entries) = fs::read_dir(path) else { return false };
    let mut has_manifest = false;
    for entry in entries {
        let Ok(entry) = entry else { return false };
        let name = entry.file_name();
        let Some(name) = name.to_str() else { return false };
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            return false;
        }
        if name == MANIFEST_JSON {
            has_manifest = true;
        } else if !CONTENT_FILES.contains(&name) {
            return false;
        }
    }
    has_manifest
}

/// True if the folder holds any of the files only a bundle has (`manifest.json`, `index.html`,
/// `guide.md`), even as a dangling link. Such a folder is a bundle, checked whole and refused
/// when incomplete; a folder holding just a `guide.json` (as `content/<slug>/` does) is not.
pub fn has_bundle_files(dir: &Path) -> bool {
    [MANIFEST_JSON, INDEX_HTML, GUIDE_MD].iter().any(|f| fs::symlink_metadata(dir.join(f)).is_ok())
}

/// A bundle that passed every check of [`check_bundle`].
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedBundle {
    /// Its guide (upgraded to the current format when the bundle is format 1).
    pub guide: Guide,
    /// The bundle format its manifest gives.
    pub format: u32,
    /// True when `index.html` and `guide.md` were derived again from `guide.json` and matched
    /// (format 2); false for a format 1 bundle, whose derived files are taken on their
    /// checksums.
    pub rederived: bool,
}

/// Reads and checks a bundle folder, returning its guide. Writes nothing. See
/// [`check_bundle`].
pub fn read_bundle(path: &Path) -> Result<Guide, BundleError> {
    check_bundle(path).map(|c| c.guide)
}

/// Reads and checks a bundle folder. Writes nothing.
///
/// Checks, in order: the folder exists; `manifest.json` is present, parses, holds no key twice
/// and has a known format (1 or 2); every path and the slug in it are safe; it lists exactly
/// the bundle's files; its slug is the folder's name; each file is present with the listed
/// size and sha256; the folder holds nothing unlisted; `guide.json` parses (a format 1 guide
/// is upgraded); the guide's slug and version label agree with the manifest; the guide has no
/// validation errors; and, for a format 2 bundle, `index.html` and `guide.md` are exactly what
/// export derives from that guide. A format 1 bundle's derived files are not derived again:
/// the release that wrote them rendered other bytes, so their checksums are what vouches for
/// them.
pub fn check_bundle(path: &Path) -> Result<CheckedBundle, BundleError> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => BundleError::NotFound { path: path.to_path_buf() },
        _ => BundleError::Io { path: path.to_path_buf(), source: e },
    })?;
    if !meta.is_dir() {
        return Err(BundleError::NotADirectory { path: path.to_path_buf() });
    }
    let canonical = fs::canonicalize(path)
        .map_err(|e| BundleError::Io { path: path.to_path_buf(), source: e })?;
    let folder = canonical.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();

    let manifest_bytes = read_listed(path, MANIFEST_JSON)?;
    let manifest = Manifest::parse(&manifest_bytes)?;

    if folder != manifest.slug {
        return Err(BundleError::SlugMismatch {
            what: "folder name".into(),
            found: folder,
            manifest: manifest.slug.clone(),
        });
    }

    let mut texts: Vec<(String, Vec<u8>)> = Vec::with_capacity(CONTENT_FILES.len());
    for entry in &manifest.files {
        let bytes = read_listed(path, &entry.path)?;
        let actual = sha256_hex(&bytes);
        if actual != entry.sha256 || bytes.len() as u64 != entry.bytes {
            return Err(BundleError::ChecksumMismatch {
                file: entry.path.clone(),
                expected: entry.sha256.clone(),
                actual,
            });
        }
        texts.push((entry.path.clone(), bytes));
    }

    check_no_unlisted(path)?;

    let listed = |name: &str| texts.iter().find(|(p, _)| p == name).map(|(_, b)| b.as_slice());
    let guide_bytes = listed(GUIDE_JSON)
        .ok_or_else(|| BundleError::BadManifest { detail: "it does not list guide.json".into() })?;
    let text = std::str::from_utf8(guide_bytes).map_err(|_| BundleError::MalformedJson {
        file: GUIDE_JSON.into(),
        detail: "it is not UTF-8 text".into(),
    })?;
    let guide = Guide::from_json(text).map_err(guide_format_error)?;

    if !is_safe_slug(&guide.meta.slug) {
        return Err(BundleError::UnsafePath {
            what: "guide.json slug".into(),
            path: guide.meta.slug.clone(),
        });
    }
    if guide.meta.slug != manifest.slug {
        return Err(BundleError::SlugMismatch {
            what: "guide.json slug".into(),
            found: guide.meta.slug.clone(),
            manifest: manifest.slug.clone(),
        });
    }
    if guide.meta.version.label != manifest.version {
        return Err(BundleError::BadManifest {
            detail: format!(
                "it gives version \"{}\" but guide.json says \"{}\"",
                manifest.version, guide.meta.version.label
            ),
        });
    }
    let findings = validate(&guide);
    if has_errors(&findings) {
        return Err(BundleError::InvalidGuide { findings });
    }

    let rederived = manifest.format >= 2;
    if rederived {
        let derived = build_unchecked(&guide);
        for (name, text) in [(INDEX_HTML, &derived.index_html), (GUIDE_MD, &derived.guide_md)] {
            if listed(name) != Some(text.as_bytes()) {
                return Err(BundleError::DerivedMismatch {
                    file: name.to_string(),
                    generator: manifest.generator.clone(),
                });
            }
        }
    }
    Ok(CheckedBundle { guide, format: manifest.format, rederived })
}

/// Why `guide.json` could not be read as a guide.
fn guide_format_error(e: almanac_guide::FormatError) -> BundleError {
    match e {
        almanac_guide::FormatError::Json(err) => {
            BundleError::MalformedJson { file: GUIDE_JSON.into(), detail: err.to_string() }
        }
        almanac_guide::FormatError::UnsupportedVersion { found } => {
            BundleError::UnknownFormat { file: GUIDE_JSON.into(), found: found.to_string() }
        }
        almanac_guide::FormatError::MissingVersion => {
            BundleError::UnknownFormat { file: GUIDE_JSON.into(), found: "none".into() }
        }
        // Any refusal the guide crate adds is about the JSON text.
        #[allow(unreachable_patterns)]
        other => BundleError::MalformedJson { file: GUIDE_JSON.into(), detail: other.to_string() },
    }
}

/// Reads one file the manifest names (already checked to be a plain file name).
fn read_listed(dir: &Path, name: &str) -> Result<Vec<u8>, BundleError> {
    let path = dir.join(name);
    match fs::symlink_metadata(&path) {
        Ok(m) if m.is_file() && m.len() > MAX_FILE_BYTES => {
            return Err(BundleError::TooLarge { file: name.to_string(), bytes: m.len() })
        }
        Ok(m) if m.is_file() => {}
        Ok(_) => {
            return Err(BundleError::UnsafePath {
                what: "bundle entry (not a plain file)".into(),
                path: name.into(),
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(BundleError::MissingFile { file: name.to_string() })
        }
        Err(e) => return Err(BundleError::Io { path, source: e }),
    }
    fs::read(&path).map_err(|e| BundleError::Io { path, source: e })
}

fn check_no_unlisted(dir: &Path) -> Result<(), BundleError> {
    let entries =
        fs::read_dir(dir).map_err(|e| BundleError::Io { path: dir.to_path_buf(), source: e })?;
    for entry in entries {
        let entry = entry.map_err(|e| BundleError::Io { path: dir.to_path_buf(), source: e })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name != MANIFEST_JSON && !CONTENT_FILES.contains(&name.as_str()) {
            return Err(BundleError::UnexpectedFile { file: name });
        }
    }
    Ok(())
}

/// Imports a bundle into a content folder: checks it whole with [`read_bundle`], then writes
/// `<dest_content_dir>/<slug>/guide.json` (canonical form) and returns that path.
///
/// An existing `guide.json` with different content is replaced only when `replace` is true;
/// otherwise the import is refused with [`BundleError::TargetExists`]. The import writes only
/// inside `<dest_content_dir>`: a `<slug>` that is a symbolic link (or not a folder), or a
/// `guide.json` there that is a symbolic link, is refused ([`BundleError::UnsafeTarget`]).
/// Nothing is written when the import is refused, and a failed write removes the folders the
/// import created.
pub fn import_bundle(
    bundle: &Path,
    dest_content_dir: &Path,
    replace: bool,
) -> Result<PathBuf, BundleError> {
    let guide = read_bundle(bundle)?;
    let text = guide.to_canonical_json();
    let dir = dest_content_dir.join(&guide.meta.slug);
    let target = dir.join(GUIDE_JSON);
    match fs::symlink_metadata(&dir) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(BundleError::UnsafeTarget {
                path: dir,
                detail:
                    "it is a symbolic link, and an import writes only inside the content folder"
                        .into(),
            })
        }
        Ok(m) if !m.is_dir() => {
            return Err(BundleError::UnsafeTarget {
                path: dir,
                detail: "it is not a folder".into(),
            })
        }
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(BundleError::Io { path: dir, source: e }),
    }
    match fs::symlink_metadata(&target) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(BundleError::UnsafeTarget {
                path: target,
                detail:
                    "it is a symbolic link, and an import writes only inside the content folder"
                        .into(),
            })
        }
        Ok(m) if !m.is_file() => return Err(BundleError::TargetExists { path: target }),
        Ok(_) => match fs::read(&target) {
            Ok(existing) if existing == text.as_bytes() => return Ok(target),
            Ok(_) if !replace => return Err(BundleError::TargetExists { path: target }),
            Ok(_) => {}
            Err(e) => return Err(BundleError::Io { path: target, source: e }),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(BundleError::Io { path: target, source: e }),
    }
    let created = files::create_dir_all_tracked(&dir)
        .map_err(|e| BundleError::WriteFailed { path: dir.clone(), source: e })?;
    if let Err(e) = files::write_atomic(&target, text.as_bytes()) {
        files::remove_created(&created);
        return Err(BundleError::WriteFailed { path: target, source: e });
    }
    Ok(target)
}
