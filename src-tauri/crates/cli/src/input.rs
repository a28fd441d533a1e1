//! Reading the guide a command works on: a `guide.json` file or a bundle folder.

use std::path::Path;

use almanac_bundle::BundleError;
use almanac_guide::{Finding, Guide};

use crate::exit::{CliError, INPUT, REFUSED};

/// Where a guide came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A `guide.json` file.
    GuideJson,
    /// A folder holding a `guide.json` and none of the files only a bundle has: checked as a
    /// guide, not as a bundle.
    GuideFolder,
    /// A bundle folder that passed every check; `rederived` is false for a format 1 bundle,
    /// whose derived files are taken on their checksums.
    Bundle { format: u32, rederived: bool },
}

impl Source {
    /// "guide", "guide_folder" or "bundle".
    pub fn as_str(self) -> &'static str {
        match self {
            Source::GuideJson => "guide",
            Source::GuideFolder => "guide_folder",
            Source::Bundle { .. } => "bundle",
        }
    }

    /// What a person should know about how the input was checked, if anything.
    pub fn note(self) -> Option<String> {
        match self {
            Source::GuideJson => None,
            Source::GuideFolder => Some(format!(
                "checked as a guide folder (its {}), not as a bundle: it holds no {}, {} or {}",
                almanac_bundle::GUIDE_JSON,
                almanac_bundle::MANIFEST_JSON,
                almanac_bundle::INDEX_HTML,
                almanac_bundle::GUIDE_MD
            )),
            Source::Bundle { rederived: true, .. } => None,
            Source::Bundle { format, rederived: false } => Some(format!(
                "format {format} bundle: derived files not re-derived (index.html and guide.md \
                 are taken on their checksums)"
            )),
        }
    }
}

/// What reading an input gave.
pub enum Loaded {
    /// A guide (from a file, or a bundle that passed every check).
    Guide(Box<Guide>, Source),
    /// A bundle whose files are intact but whose guide has validation errors.
    InvalidBundle(Vec<Finding>),
}

/// Reads a guide from a `guide.json` file, a guide folder (as `content/<slug>/`: a
/// `guide.json` and none of the files only a bundle has), or a bundle folder. A folder with
/// any of `manifest.json`, `index.html` or `guide.md` (even a dangling link) is a bundle: it
/// is checked whole (manifest, checksums, format, slug, and the derived files derived again
/// for format 2), and a bundle that is refused, or incomplete, is a [`REFUSED`] error.
pub fn load(path: &Path) -> Result<Loaded, CliError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| CliError::new(INPUT, format!("cannot read {}: {e}", path.display())))?;
    if meta.is_dir() {
        let guide_json = path.join(almanac_bundle::GUIDE_JSON);
        if !almanac_bundle::has_bundle_files(path) && guide_json.is_file() {
            return Ok(match load(&guide_json)? {
                Loaded::Guide(g, _) => Loaded::Guide(g, Source::GuideFolder),
                other => other,
            });
        }
        return match almanac_bundle::check_bundle(path) {
            Ok(c) => Ok(Loaded::Guide(
                Box::new(c.guide),
                Source::Bundle { format: c.format, rederived: c.rederived },
            )),
            Err(BundleError::InvalidGuide { findings }) => Ok(Loaded::InvalidBundle(findings)),
            Err(e) => Err(bundle_refused(path, &e)),
        };
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::new(INPUT, format!("cannot read {}: {e}", path.display())))?;
    let guide = Guide::from_json(&text).map_err(|e| {
        CliError::new(INPUT, format!("{} is not a readable guide: {e}", path.display()))
    })?;
    Ok(Loaded::Guide(Box::new(guide), Source::GuideJson))
}

/// Like [`load`], but a bundle with validation errors is refused too.
pub fn load_guide(path: &Path) -> Result<Guide, CliError> {
    match load(path)? {
        Loaded::Guide(g, _) => Ok(*g),
        Loaded::InvalidBundle(findings) => {
            Err(bundle_refused(path, &BundleError::InvalidGuide { findings }))
        }
    }
}

/// The error for a bundle that `read_bundle` refused.
pub fn bundle_refused(path: &Path, err: &BundleError) -> CliError {
    let exit = CliError::from_bundle_read(err);
    let mut e = if exit == REFUSED {
        CliError::new(exit, format!("bundle {} refused [{}]: {err}", path.display(), err.code()))
    } else {
        CliError::new(exit, format!("{err}"))
    }
    .with_code(err.code());
    if let BundleError::InvalidGuide { findings } = err {
        e.message = format!(
            "bundle {} refused [{}]: its guide has validation errors",
            path.display(),
            err.code()
        );
        e.details = findings.iter().map(finding_line).collect();
    }
    e
}

/// `error[required] meta.title: The title is required.`
pub fn finding_line(f: &Finding) -> String {
    let sev = match f.severity {
        almanac_guide::Severity::Error => "error",
        almanac_guide::Severity::Warning => "warning",
    };
    format!("{sev}[{}] {}: {}", f.code, f.path, f.message)
}
