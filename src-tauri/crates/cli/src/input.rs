//! Reading the guide a command works on: a `guide.json` file or a bundle folder.

use std::path::Path;

use almanac_bundle::BundleError;
use almanac_guide::{Finding, Guide};

use crate::exit::{CliError, INPUT, REFUSED};

/// Where a guide came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    GuideJson,
    Bundle,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::GuideJson => "guide",
            Source::Bundle => "bundle",
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

/// Reads a guide from a `guide.json` file, a folder holding just a `guide.json` (as in
/// `content/<slug>/`), or a bundle folder. A bundle is checked whole (manifest, checksums,
/// format, slug); a refused bundle is a [`REFUSED`] error.
pub fn load(path: &Path) -> Result<Loaded, CliError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| CliError::new(INPUT, format!("cannot read {}: {e}", path.display())))?;
    if meta.is_dir() {
        // A content folder (`content/<slug>/`) holds a guide.json but no manifest: check that.
        let guide_json = path.join(almanac_bundle::GUIDE_JSON);
        if !path.join(almanac_bundle::MANIFEST_JSON).exists() && guide_json.is_file() {
            return load(&guide_json);
        }
        return match almanac_bundle::read_bundle(path) {
            Ok(g) => Ok(Loaded::Guide(Box::new(g), Source::Bundle)),
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
