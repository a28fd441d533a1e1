//! `almanac render`: the full page HTML of a guide.

use std::path::PathBuf;

use almanac_guide::{has_errors, validate};
use chrono::{DateTime, FixedOffset};
use clap::Args;

use crate::exit::{CliError, OK};
use crate::{input, output};

#[derive(Debug, Args)]
#[command(
    about = "Render a guide as a standalone HTML page",
    long_about = "Render a guide (guide.json or bundle folder) as the full standalone HTML page, the\n\
                  same page a bundle's index.html holds: dates are absolute, as on a published page.\n\
                  With --now, the page is rendered as the app's preview shows it instead, with\n\
                  relative ages (\"7d ago\") computed against that time.",
    after_help = "Examples:\n  almanac render content/training-infrastructure/guide.json > page.html\n  \
                  almanac render content/training-infrastructure/guide.json -o page.html\n  \
                  almanac render guide.json --now 2026-11-25T12:00:00Z -o page.html"
)]
pub struct RenderArgs {
    /// The guide.json file or bundle folder to render
    #[arg(value_name = "GUIDE.JSON|BUNDLE")]
    pub guide: PathBuf,
    /// Write the page to this file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Render in preview mode, with relative ages computed against this RFC 3339 time
    /// (default: the published page, absolute dates only)
    #[arg(long, value_name = "RFC3339", value_parser = parse_now)]
    pub now: Option<DateTime<FixedOffset>>,
}

fn parse_now(s: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(s)
        .map_err(|e| format!("not an RFC 3339 time such as 2026-11-25T12:00:00Z ({e})"))
}

pub fn run(args: RenderArgs) -> Result<u8, CliError> {
    let guide = input::load_guide(&args.guide)?;
    let findings = validate(&guide);
    if has_errors(&findings) {
        let errors =
            findings.iter().filter(|f| f.severity == almanac_guide::Severity::Error).count();
        output::errln!(
            "warning: the guide has {errors} validation error(s); rendering anyway (run `almanac check {}`)",
            args.guide.display()
        );
    }
    let opts = match args.now {
        Some(now) => almanac_render::PageOptions::at(now),
        None => almanac_render::PageOptions::published(),
    };
    let html = almanac_render::render_page(&guide, &opts);
    output::write(&html, args.output.as_deref())?;
    Ok(OK)
}
