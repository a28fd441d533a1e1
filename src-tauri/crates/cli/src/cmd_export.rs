//! `almanac export`: write a guide's publishing bundle, from a file, a folder or the store.

use std::path::{Path, PathBuf};

use almanac_bundle::BundleError;
use almanac_guide::Guide;
use clap::Args;

use crate::exit::{CliError, INPUT, OK, VALIDATION, WRITE};
use crate::input::{self, finding_line};
use crate::store_ref::{self, Stored};
use crate::{database, output};

#[derive(Debug, Args)]
#[command(
    about = "Export a guide as a publishing bundle <dir>/<slug>/",
    long_about = "Export a guide as a publishing bundle: the folder <dir>/<slug>/ with guide.json,\n\
                  index.html, guide.md and manifest.json. The same guide always gives the same bytes.\n\
                  A guide with validation errors is refused. An existing bundle at <dir>/<slug>/ is\n\
                  replaced as a whole; any other existing folder there is left alone and the export refused.\n\
                  Prints the bundle's path.\n\n\
                  The guide is a guide.json file, a bundle or content folder, or a version in the store\n\
                  (--db, else $ALMANAC_DB, else the app's database) written SLUG@LABEL, or SLUG@draft\n\
                  for the guide's working draft. From the store, the guide is published as that\n\
                  version: meta.version is its label and current review state, the version list and\n\
                  dates come from the store, so the same version in the same state exports the same\n\
                  bytes every time.",
    after_help = "Examples:\n  almanac export content/training-infrastructure/guide.json -o dist\n  \
                  almanac export dist/training-infrastructure -o public\n  \
                  almanac export training-infrastructure@v1 -o public\n  \
                  almanac export training-infrastructure@draft -o preview"
)]
pub struct ExportArgs {
    /// The guide.json file, bundle folder, or SLUG@LABEL / SLUG@draft in the store
    #[arg(value_name = "GUIDE.JSON|BUNDLE|SLUG@LABEL")]
    pub guide: String,
    /// The folder to write the bundle into (created if missing)
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
}

pub fn run(args: ExportArgs, db: Option<&Path>) -> Result<u8, CliError> {
    let guide = load(&args.guide, db)?;
    match almanac_bundle::export_bundle(&guide, &args.output) {
        Ok(path) => {
            output::stdout(&format!("{}\n", path.display()))?;
            Ok(OK)
        }
        Err(err) => Err(export_error(&args, err)),
    }
}

/// The guide to export: from a path, or as published from the store.
fn load(arg: &str, db: Option<&Path>) -> Result<Guide, CliError> {
    let Some(r) = store_ref::parse(arg) else {
        return input::load_guide(Path::new(arg));
    };
    let store = database::open_to_read(db, Some(arg))?;
    let (guide, what) = match store_ref::resolve(&store, arg, r)? {
        Stored::Version(g, v) => (
            store.publishable_version(v.id),
            format!("{} {} ({})", g.slug, v.label, v.state.label()),
        ),
        Stored::Draft(g) => (store.publishable_draft(g.id), format!("{} draft", g.slug)),
    };
    let guide = guide.map_err(|e| database::read_error(arg, e))?;
    let what = match &guide.meta.version.based_on {
        Some(base) if guide.meta.version.is_working_draft() => format!("{what} (based on {base})"),
        _ => what,
    };
    output::errln!("exporting {what} from the store");
    Ok(guide)
}

fn export_error(args: &ExportArgs, err: BundleError) -> CliError {
    match &err {
        BundleError::InvalidGuide { findings } => {
            let mut e = CliError::new(
                VALIDATION,
                format!("refusing to export {}: the guide has validation errors", args.guide),
            )
            .with_code(err.code());
            e.details = findings
                .iter()
                .filter(|f| f.severity == almanac_guide::Severity::Error)
                .map(finding_line)
                .collect();
            e
        }
        BundleError::UnsafePath { .. } => {
            CliError::new(VALIDATION, format!("refusing to export: {err}")).with_code(err.code())
        }
        BundleError::Io { .. } | BundleError::NotFound { .. } => {
            CliError::new(INPUT, err.to_string()).with_code(err.code())
        }
        _ => CliError::new(WRITE, format!("export failed: {err}")).with_code(err.code()),
    }
}
