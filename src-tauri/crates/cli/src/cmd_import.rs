//! `almanac import`: check a bundle and, with `--into`, add its guide to a content folder.

use std::path::PathBuf;

use almanac_bundle::BundleError;
use almanac_guide::{validate, Guide};
use clap::Args;

use crate::exit::{CliError, OK};
use crate::input::{bundle_refused, finding_line};

#[derive(Debug, Args)]
#[command(
    about = "Check a bundle and import its guide",
    long_about = "Check a bundle folder whole (manifest, format version, sha256 of each file, safe\n\
                  paths, slug, validation) and print a summary of its guide. With --into, also write\n\
                  the guide to <content dir>/<slug>/guide.json. Nothing is written unless every check passes.",
    after_help = "Examples:\n  almanac import dist/training-infrastructure\n  \
                  almanac import dist/training-infrastructure --into content\n  \
                  almanac import dist/training-infrastructure --into content --replace"
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
}

pub fn run(args: ImportArgs) -> Result<u8, CliError> {
    let guide =
        almanac_bundle::read_bundle(&args.bundle).map_err(|e| bundle_refused(&args.bundle, &e))?;
    print_summary(&args, &guide);
    if let Some(dest) = &args.into {
        match almanac_bundle::import_bundle(&args.bundle, dest, args.replace) {
            Ok(path) => println!("imported: {}", path.display()),
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
            Err(e) => return Err(bundle_refused(&args.bundle, &e)),
        }
    }
    Ok(OK)
}

fn existing(e: &BundleError) -> String {
    match e {
        BundleError::TargetExists { path } => path.display().to_string(),
        other => other.to_string(),
    }
}

fn print_summary(args: &ImportArgs, g: &Guide) {
    let m = &g.meta;
    let findings = validate(g);
    println!("bundle ok: {} (manifest, checksums and guide checked)", args.bundle.display());
    println!("title:    {}", m.title);
    println!("slug:     {}", m.slug);
    println!("version:  {} ({})", m.version.label, m.version.state.label());
    println!("updated:  {}", m.updated);
    println!(
        "contents: {} takeaways, {} sections, {} figures, {} deal rows, {} timeline events, {} FAQ, {} sources",
        g.takeaways.len(),
        g.sections.len(),
        g.figures.len(),
        g.deals.rows.len(),
        g.timeline.len(),
        g.faq.len(),
        g.sources.len()
    );
    println!("warnings: {}", findings.len());
    for f in &findings {
        println!("  {}", finding_line(f));
    }
}
