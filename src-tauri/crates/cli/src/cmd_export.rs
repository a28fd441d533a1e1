//! `almanac export`: write a guide's publishing bundle.

use std::path::PathBuf;

use almanac_bundle::BundleError;
use clap::Args;

use crate::exit::{CliError, INPUT, OK, VALIDATION, WRITE};
use crate::input::{self, finding_line};

#[derive(Debug, Args)]
#[command(
    about = "Export a guide as a publishing bundle <dir>/<slug>/",
    long_about = "Export a guide as a publishing bundle: the folder <dir>/<slug>/ with guide.json,\n\
                  index.html, guide.md and manifest.json. The same guide always gives the same bytes.\n\
                  A guide with validation errors is refused. An existing bundle at <dir>/<slug>/ is\n\
                  replaced as a whole; any other existing folder there is left alone and the export refused.\n\
                  Prints the bundle's path.",
    after_help = "Examples:\n  almanac export content/training-infrastructure/guide.json -o dist\n  \
                  almanac export dist/training-infrastructure -o public"
)]
pub struct ExportArgs {
    /// The guide.json file (or bundle folder) to export
    #[arg(value_name = "GUIDE.JSON|BUNDLE")]
    pub guide: PathBuf,
    /// The folder to write the bundle into (created if missing)
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
}

pub fn run(args: ExportArgs) -> Result<u8, CliError> {
    let guide = input::load_guide(&args.guide)?;
    match almanac_bundle::export_bundle(&guide, &args.output) {
        Ok(path) => {
            println!("{}", path.display());
            Ok(OK)
        }
        Err(err) => Err(export_error(&args, err)),
    }
}

fn export_error(args: &ExportArgs, err: BundleError) -> CliError {
    match &err {
        BundleError::InvalidGuide { findings } => {
            let mut e = CliError::new(
                VALIDATION,
                format!(
                    "refusing to export {}: the guide has validation errors",
                    args.guide.display()
                ),
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
