//! `almanac library link|status` and `almanac sync`: the store's link to a shared library (a git
//! repository colleagues share), through `almanac_sync::Library`. The clone lives beside the
//! database (`<database folder>/shared-library/`), the same one the app uses.

use std::path::Path;

use almanac_sync::{Library, SyncReport};
use clap::{Args, Subcommand};

use crate::cmd_publish::sync_error;
use crate::exit::{CliError, OK};
use crate::{database, output};

#[derive(Debug, Subcommand)]
pub enum LibraryCommand {
    /// Link this library to a shared git repository (a URL or a path, an empty one is fine),
    /// then sync
    #[command(
        long_about = "Link this library to a shared git repository, then sync: clone it beside the\n\
                      database (<database folder>/shared-library/), bring in the guides, versions and\n\
                      review events colleagues shared, and share the versions and review events made\n\
                      here. Drafts are never shared. Linking to another repository than before shares\n\
                      everything again there.",
        after_help = "Examples:\n  almanac library link git@example.org:almanac/library.git\n  \
                      almanac --db review.db library link /srv/share/library.git"
    )]
    Link(LinkArgs),
    /// Show what the library is linked to (nothing is asked of the remote)
    Status,
}

#[derive(Debug, Args)]
pub struct LinkArgs {
    /// The shared repository: a URL (ssh, https, file, git) or the path of a repository
    #[arg(value_name = "URL|PATH")]
    pub remote: String,
}

#[derive(Debug, Args)]
#[command(
    about = "Sync with the shared library: bring in what colleagues shared, share what was made here",
    long_about = "Sync with the shared library: commit the versions and review events made here that are\n\
                  not shared yet, fetch, bring in what colleagues shared (new guides arrive with a draft\n\
                  equal to their newest version; a version named here with a label a colleague shared\n\
                  first is renamed to the next free label), and push. A push rejected because a colleague\n\
                  pushed meanwhile is redone after fetching. git runs without prompting: credentials come\n\
                  from git's own configuration. A sync stopped at any moment is finished by the next one.",
    after_help = "Examples:\n  almanac sync\n  almanac sync --check"
)]
pub struct SyncArgs {
    /// Only ask the shared library which guides changed there (nothing is brought in or shared)
    #[arg(long)]
    pub check: bool,
}

pub fn run_library(cmd: LibraryCommand, db: Option<&Path>) -> Result<u8, CliError> {
    let mut store = database::open(db, None)?;
    let library = Library::for_store(&store);
    match cmd {
        LibraryCommand::Link(args) => {
            output::errln!(
                "linking to {} (clone in {})",
                args.remote,
                library.clone_path().display()
            );
            let report = library.link(&mut store, &args.remote).map_err(sync_error)?;
            print_report(&report);
        }
        LibraryCommand::Status => {
            let status = library.status(&store).map_err(sync_error)?;
            match &status.remote {
                Some(remote) => output::outln!("linked to: {remote}"),
                None => output::outln!("not linked to a shared library"),
            }
            output::outln!("clone: {}", status.clone.display());
            output::outln!("machine: {}", status.machine);
            let author = if status.author.is_empty() { "(not set)" } else { &status.author };
            output::outln!("name: {author}");
            if !status.behind.is_empty() {
                output::outln!("behind: {}", status.behind.join(", "));
            }
        }
    }
    Ok(OK)
}

pub fn run_sync(args: SyncArgs, db: Option<&Path>) -> Result<u8, CliError> {
    let mut store = database::open(db, None)?;
    let library = Library::for_store(&store);
    if args.check {
        let behind = library.check(&mut store).map_err(sync_error)?;
        if behind.is_empty() {
            output::outln!("up to date: nothing new in the shared library");
        } else {
            output::outln!("changed in the shared library: {}", behind.join(", "));
        }
        return Ok(OK);
    }
    let report = library.sync(&mut store).map_err(sync_error)?;
    print_report(&report);
    Ok(OK)
}

fn print_report(report: &SyncReport) {
    output::outln!("{}", report.summary());
    for r in &report.imported.renamed {
        output::outln!(
            "renamed: {} {} -> {} (a colleague shared a {} first; yours is kept as {})",
            r.slug,
            r.from,
            r.to,
            r.from,
            r.to
        );
    }
    for l in &report.imported.to_merge {
        output::outln!(
            "to merge: {} {} is not in your draft (merge it in the app)",
            l.slug,
            l.label
        );
    }
    for r in &report.imported.refused {
        output::outln!("refused: {r}");
    }
    if let Some(c) = &report.commit {
        output::outln!("commit: {c} (pushed)");
    }
}
