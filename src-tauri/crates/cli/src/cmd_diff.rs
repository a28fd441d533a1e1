//! `almanac diff`: what changed between two versions of a guide, field by field, row by row,
//! word by word (almanac-diff), as terminal text, JSON or a standalone HTML report.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use almanac_diff::{diff_guides, render_report, render_terminal, Layout, ReportOptions, View};
use almanac_guide::Guide;
use almanac_store::Store;
use clap::{Args, ValueEnum};

use crate::database;
use crate::exit::{CliError, OK};
use crate::store_ref::{self, Stored};
use crate::{input, output};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A reviewer's text report (coloured on a terminal)
    Text,
    /// The structured diff the app uses
    Json,
    /// A standalone HTML report (inline CSS, no script)
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Colour when writing text to a terminal and NO_COLOR is not set
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    Inline,
    SideBySide,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewArg {
    Rendered,
    Source,
}

#[derive(Debug, Args)]
#[command(
    about = "Show what changed between two versions of a guide",
    long_about = "Show what changed between two versions of a guide: metadata, text word by word,\n\
                  prose paragraph by paragraph, list items matched by their stable ids (added,\n\
                  removed, changed, moved), the deal table cell by cell.\n\n\
                  Each side is a guide.json file, a bundle folder, a content folder holding a\n\
                  guide.json, or a version in the store written SLUG@LABEL (SLUG@draft: the\n\
                  guide's current draft, unless a version is labelled \"draft\").",
    after_help = "Examples:\n  \
                  almanac diff content/training-infrastructure content/training-infrastructure-v2\n  \
                  almanac diff training-infrastructure@v1 training-infrastructure@draft\n  \
                  almanac diff a/guide.json b/guide.json --format json -o diff.json\n  \
                  almanac diff a/guide.json b/guide.json --format html --layout side-by-side -o diff.html"
)]
pub struct DiffArgs {
    /// The old side: guide.json, bundle folder, or SLUG@LABEL
    #[arg(value_name = "OLD")]
    pub old: String,
    /// The new side: guide.json, bundle folder, or SLUG@LABEL
    #[arg(value_name = "NEW")]
    pub new: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Colour for the text format
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// HTML report layout
    #[arg(long, value_enum, default_value_t = LayoutArg::Inline)]
    pub layout: LayoutArg,
    /// HTML report view: Markdown rendered as on the page, or as typed
    #[arg(long, value_enum, default_value_t = ViewArg::Rendered)]
    pub view: ViewArg,
    /// Write to this file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: DiffArgs, db: Option<&Path>) -> Result<u8, CliError> {
    let mut store = None;
    let (old, old_page, old_version) = load_side(&args.old, db, &mut store)?;
    let (new, new_page, new_version) = load_side(&args.new, db, &mut store)?;
    let mut diff = diff_guides(&old, &new);
    // A stored version is named by its own label and state (its content may still carry the
    // draft's), as the app names it.
    for (side, version) in [(&mut diff.old, old_version), (&mut diff.new, new_version)] {
        if let Some((label, state)) = version {
            side.version = label;
            side.state = state;
        }
    }
    let text = match args.format {
        DiffFormat::Json => diff.to_json(),
        DiffFormat::Html => {
            let opts = ReportOptions {
                layout: match args.layout {
                    LayoutArg::Inline => Layout::Inline,
                    LayoutArg::SideBySide => Layout::SideBySide,
                },
                view: match args.view {
                    ViewArg::Rendered => View::Rendered,
                    ViewArg::Source => View::Source,
                },
            };
            render_report(&old_page, &new_page, &diff, &opts)
        }
        DiffFormat::Text => {
            let color = match args.color {
                ColorArg::Always => true,
                ColorArg::Never => false,
                ColorArg::Auto => {
                    args.output.is_none()
                        && std::io::stdout().is_terminal()
                        && !matches!(std::env::var_os("NO_COLOR"), Some(v) if !v.is_empty())
                }
            };
            render_terminal(&diff, color)
        }
    };
    output::write(&text, args.output.as_deref())?;
    Ok(OK)
}

/// A stored version's (label, state), for naming a side.
type VersionName = Option<(String, String)>;

/// One side: the guide compared, the guide a report shows for unchanged parts, and the name of
/// a stored version. A file or bundle is both; a store side compares its content as editors
/// wrote it (derived fields cleared) and shows its page as published, as the app does.
fn load_side(
    arg: &str,
    db: Option<&Path>,
    store: &mut Option<Store>,
) -> Result<(Guide, Guide, VersionName), CliError> {
    let Some(r) = store_ref::parse(arg) else {
        let guide = input::load_guide(Path::new(arg))?;
        return Ok((guide.clone(), guide, None));
    };
    if store.is_none() {
        *store = Some(database::open_to_read(db, Some(arg))?);
    }
    let store = store.as_ref().expect("opened above");
    let side = match store_ref::resolve(store, arg, r)? {
        Stored::Version(_, v) => store.version_side(v.id),
        Stored::Draft(g) => store.draft_side(g.id),
    }
    .map_err(|e| database::read_error(arg, e))?;
    let name = side.version.map(|v| (v.label, v.state.as_str().to_string()));
    Ok((side.guide, side.page, name))
}
