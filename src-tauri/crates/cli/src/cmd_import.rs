//! `almanac import`: check a bundle and, with `--into`, add its guide to a content folder, or
//! with `--as-version`, to the store as a new named version.
//!
//! The bundle is checked whole (`almanac_bundle::check_bundle`; a format 2 bundle's index.html
//! and guide.md are derived again and compared) and the summary says whether its derived files
//! were. `--into` writes only inside the content folder: a `<slug>` there that is a symbolic
//! link is refused (exit 5, `bundle.unsafe_target`), and a failed write removes the folders the
//! import created.

use std::path::{Path, PathBuf};

use almanac_bundle::{BundleError, CheckedBundle};
use almanac_guide::{validate, Guide, DRAFT_LABEL};
use almanac_store::ImportMode;
use clap::Args;

use crate::database;
use crate::exit::{CliError, OK};
use crate::input::{bundle_refused, finding_line};

#[derive(Debug, Args)]
#[command(
    about = "Check a bundle and import its guide (into a content folder, or the store)",
    long_about = "Check a bundle folder whole (manifest, format version, sha256 of each file, safe\n\
                  paths, slug, validation) and print a summary of its guide. With --into, also write\n\
                  the guide to <content dir>/<slug>/guide.json. Nothing is written unless every check passes.\n\n\
                  With --as-version, add the guide to the store (--db, else $ALMANAC_DB, else the app's\n\
                  database; it must exist) as a new named version of the guide with the bundle's slug:\n\
                  labelled as in the bundle (renamed, e.g. v2-imported, when the label is taken), in\n\
                  review (or draft, when the bundle is a draft: an approval does not travel with a\n\
                  bundle). When no guide has that slug, a new guide is created with that version.\n\
                  The guide's working draft is left as it is.",
    after_help = "Examples:\n  almanac import dist/training-infrastructure\n  \
                  almanac import dist/training-infrastructure --into content\n  \
                  almanac import dist/training-infrastructure --into content --replace\n  \
                  almanac import dist/training-infrastructure --as-version\n  \
                  almanac --db ~/almanac.db import dist/training-infrastructure --as-version"
)]
pub struct ImportArgs {
    /// The bundle folder (<slug>/ holding manifest.json)
    #[arg(value_name = "BUNDLE")]
    pub bundle: PathBuf,
    /// Write the guide to <DIR>/<slug>/guide.json
    #[arg(long, value_name = "DIR")]
    pub into: Option<PathBuf>,
    /// Replace an existing, different <DIR>/<slug>/guide.json
    #[arg(long, requires = "into")]
    pub replace: bool,
    /// Add the guide to the store as a new named version (a new guide when the slug is new)
    #[arg(long, conflicts_with = "into")]
    pub as_version: bool,
}

pub fn run(args: ImportArgs, db: Option<&Path>) -> Result<u8, CliError> {
    let checked =
        almanac_bundle::check_bundle(&args.bundle).map_err(|e| bundle_refused(&args.bundle, &e))?;
    print_summary(&args, &checked);
    let guide = checked.guide;
    if args.as_version {
        return import_as_version(&guide, db);
    }
    if let Some(dest) = &args.into {
        match almanac_bundle::import_bundle(&args.bundle, dest, args.replace) {
            Ok(path) => crate::output::outln!("imported: {}", path.display()),
            Err(e @ BundleError::TargetExists { .. }) => {
                let err = CliError::new(
                    crate::exit::WRITE,
                    format!(
                        "{} already exists with different content; pass --replace to overwrite it",
                        existing(&e)
                    ),
                )
                .with_code(e.code());
                return Err(err);
            }
            Err(e @ BundleError::UnsafeTarget { .. }) => {
                return Err(CliError::new(crate::exit::WRITE, e.to_string()).with_code(e.code()));
            }
            Err(e) => return Err(bundle_refused(&args.bundle, &e)),
        }
    }
    Ok(OK)
}

/// Adds a checked bundle's guide to the store as a new named version.
fn import_as_version(guide: &Guide, db: Option<&Path>) -> Result<u8, CliError> {
    let mut store = database::open(db, None)?;
    let outcome =
        store.import_guide(guide, ImportMode::AsVersion).map_err(database::store_error)?;
    let g = &outcome.guide;
    let v = outcome.version.as_ref().expect("an import as a version names a version");
    let wanted = guide.meta.version.label.trim();
    let renamed = if wanted.is_empty() || wanted.eq_ignore_ascii_case(DRAFT_LABEL) {
        " (the bundle holds a working draft: labelled with the next number)".to_string()
    } else if wanted != v.label {
        format!(" (the bundle's label {wanted} is taken here)")
    } else {
        String::new()
    };
    if outcome.created {
        crate::output::outln!(
            "created guide {} with version {} ({}){renamed}",
            g.slug,
            v.label,
            v.state.label()
        );
    } else {
        crate::output::outln!(
            "added version {} ({}) to {}{renamed}; its draft is unchanged",
            v.label,
            v.state.label(),
            g.slug
        );
    }
    crate::output::outln!("sha256 {}", v.content_hash);
    Ok(OK)
}

fn existing(e: &BundleError) -> String {
    match e {
        BundleError::TargetExists { path } => path.display().to_string(),
        other => other.to_string(),
    }
}

fn print_summary(args: &ImportArgs, checked: &CheckedBundle) {
    let g = &checked.guide;
    let m = &g.meta;
    let findings = validate(g);
    if checked.rederived {
        crate::output::outln!(
            "bundle ok: {} (manifest, checksums and guide checked; index.html and guide.md derived again)",
            args.bundle.display()
        );
    } else {
        crate::output::outln!(
            "bundle ok: {} (manifest, checksums and guide checked; format {} bundle: derived files not re-derived)",
            args.bundle.display(),
            checked.format
        );
    }
    crate::output::outln!("title:    {}", m.title);
    crate::output::outln!("slug:     {}", m.slug);
    crate::output::outln!("version:  {} ({})", m.version.label, m.version.state.label());
    crate::output::outln!("updated:  {}", m.updated);
    crate::output::outln!(
        "contents: {} takeaways, {} sections, {} figures, {} deal rows, {} timeline events, {} FAQ, {} sources",
        g.takeaways.len(),
        g.sections.len(),
        g.figures.len(),
        g.deals.rows.len(),
        g.timeline.len(),
        g.faq.len(),
        g.sources.len()
    );
    crate::output::outln!("warnings: {}", findings.len());
    for f in &findings {
        crate::output::outln!("  {}", finding_line(f));
    }
}
