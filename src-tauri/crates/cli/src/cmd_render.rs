//! `almanac render`: the full page HTML of a guide.

use std::io::Write;
use std::path::{Path, PathBuf};

use almanac_guide::{has_errors, validate};
use chrono::{DateTime, FixedOffset};
use clap::Args;

use crate::exit::{CliError, OK, WRITE};
use crate::input;

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
        eprintln!(
            "warning: the guide has {errors} validation error(s); rendering anyway (run `almanac check {}`)",
            args.guide.display()
        );
    }
    let opts = match args.now {
        Some(now) => almanac_render::PageOptions::at(now),
        None => almanac_render::PageOptions::published(),
    };
    let html = almanac_render::render_page(&guide, &opts);
    match &args.output {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(html.as_bytes()).and_then(|()| out.flush()).map_err(|e| {
                CliError::new(WRITE, format!("cannot write to standard output: {e}"))
            })?;
        }
        Some(path) => {
            write_file(path, html.as_bytes())?;
        }
    }
    Ok(OK)
}

/// Writes an output file (`-o`) atomically and says so on stderr; a failure is exit 5.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    write_file_atomic(path, bytes)
        .map_err(|e| CliError::new(WRITE, format!("cannot write {}: {e}", path.display())))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

/// Writes a file through a temporary file beside it, so a reader never sees half a page.
pub fn write_file_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.partial-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
