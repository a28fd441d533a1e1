//! `almanac publish`: every guide's live version, as a bundle, to a site (a git repository or a
//! folder), through `almanac_sync::publish`.
//!
//! A git site is cloned into `<database folder>/sites/<hash of the site>/` (`almanac_sync::
//! work_dir_name`) and that clone is reused by the next publish of the same site.

use std::path::{Path, PathBuf};

use almanac_sync::{PublishReport, Site, SyncError};
use clap::{ArgGroup, Args};

use crate::exit::{CliError, GIT, INPUT, OK, REFUSED, WRITE};
use crate::{database, output};

#[derive(Debug, Args)]
#[command(
    about = "Publish every guide's live version to a site (a git repository or a folder)",
    long_about = "Publish every guide's live version to a site: a git repository (--site) or a folder\n\
                  (--dir). The site gets one bundle <slug>/ per guide with a live version (exactly what\n\
                  `almanac export SLUG@LABEL` writes) and index.json listing them; the bundle folder of a\n\
                  guide no longer live is removed, and nothing else in the site is touched. Every bundle is\n\
                  checked as `almanac check` does before anything is written: one failing publishes nothing.\n\n\
                  --site takes a URL or the path of a bare repository: it is cloned next to the database\n\
                  (<database folder>/sites/), committed with a message naming what changed, and pushed (a\n\
                  push rejected because the site changed meanwhile is retried once). An empty repository\n\
                  gets the branch main. The path of a repository with a working tree is committed there\n\
                  and not pushed; it is refused when it has uncommitted changes where publishing writes.\n\
                  git runs without prompting: credentials come from git's own configuration.\n\n\
                  Publishing the same live versions again changes nothing and makes no commit.",
    after_help = "Examples:\n  almanac publish --dir public\n  \
                  almanac --db review.db publish --site git@example.org:almanac/site.git\n  \
                  almanac publish --site ../site.git",
    group(ArgGroup::new("target").required(true).args(["site", "dir"]))
)]
pub struct PublishArgs {
    /// The git repository to publish to: a URL, a bare repository, or a repository with a
    /// working tree (committed there, not pushed)
    #[arg(long, value_name = "URL|PATH")]
    pub site: Option<String>,
    /// The folder to publish to (created if missing)
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub fn run(args: PublishArgs, db: Option<&Path>) -> Result<u8, CliError> {
    let store = database::open_to_read(db, None)?;
    let (site, shown, work_dir) = match (args.site, args.dir) {
        (Some(address), _) => {
            // A local path is named by its canonical form, as the library clones it.
            let key = std::fs::canonicalize(&address)
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_else(|_| address.clone());
            let work_dir = sites_folder(store.path()).join(almanac_sync::work_dir_name(&key));
            (Site::Git(address.clone()), address, work_dir)
        }
        (None, Some(dir)) => {
            let shown = dir.display().to_string();
            (Site::Dir(dir), shown, PathBuf::new())
        }
        (None, None) => unreachable!("clap requires --site or --dir"),
    };
    output::errln!("publishing the live guides to {shown}");
    let report = almanac_sync::publish(&store, &site, &work_dir).map_err(sync_error)?;
    print_report(&report, &shown);
    Ok(OK)
}

/// `<database folder>/sites`: where the clones of git sites live.
fn sites_folder(db: &Path) -> PathBuf {
    let db = std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf());
    match db.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join("sites"),
        _ => PathBuf::from("sites"),
    }
}

fn print_report(report: &PublishReport, site: &str) {
    let published: Vec<String> =
        report.published.iter().map(|(slug, label)| format!("{slug} {label}")).collect();
    let published = if published.is_empty() { "(none)".into() } else { published.join(", ") };
    if report.unchanged {
        output::outln!("nothing changed: {site} already holds {published}");
        return;
    }
    output::outln!("published: {published}");
    if !report.written.is_empty() {
        output::outln!("written: {}", report.written.join(", "));
    }
    if !report.removed.is_empty() {
        output::outln!("removed: {}", report.removed.join(", "));
    }
    if let Some(commit) = &report.commit {
        let pushed = if report.pushed { " (pushed)" } else { " (not pushed: a working tree)" };
        output::outln!("commit: {commit}{pushed}");
    }
}

/// A sync error as a CLI error, its code kept: 4 for a bundle that fails its check, 5 for what
/// cannot be written or is in the way, 7 for git and the remote, a store error as the store
/// commands map it.
pub(crate) fn sync_error(e: SyncError) -> CliError {
    let exit = match e {
        SyncError::Store(inner) => return database::store_error(inner),
        SyncError::CheckFailed { .. } => REFUSED,
        SyncError::Io { .. } | SyncError::Uncommitted { .. } | SyncError::TargetExists { .. } => {
            WRITE
        }
        SyncError::NotLinked | SyncError::Damaged { .. } => INPUT,
        SyncError::Busy => WRITE,
        SyncError::GitMissing { .. }
        | SyncError::Unreachable { .. }
        | SyncError::AuthRefused { .. }
        | SyncError::PushRejected { .. }
        | SyncError::GitFailed { .. } => GIT,
    };
    CliError::new(exit, e.to_string()).with_code(e.code())
}
