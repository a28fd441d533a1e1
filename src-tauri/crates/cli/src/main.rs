//! `almanac`: check, render, export and import Almanac topic guides from the command line.
//!
//! One module per command group (`cmd_*.rs`). To add a command: add a variant to [`Commands`]
//! holding its clap `Args` struct, and one arm in [`run`] calling the module's `run`. Commands
//! return `Result<u8, CliError>`: the exit code on success paths that still report something
//! (validation errors), or an error that carries its own exit code.
//!
//! # Modules
//! - `cmd_check`, `cmd_render`, `cmd_export`, `cmd_import`, `cmd_diff`: the commands on files,
//!   bundles and (`SLUG@LABEL`) stored versions.
//! - `cmd_library`: `library link|status` and `sync`: the shared library, through almanac-sync.
//! - `cmd_publish`: every live version to a site (a git repository or a folder), through
//!   almanac-sync.
//! - `db`: the commands on the store (init, guides, versions, snapshot, state, approve,
//!   restore, search, version-show).
//! - `database`: which database file, and opening it (the one place; never created there).
//! - `store_ref`: `SLUG@LABEL` / `SLUG@draft` arguments, resolved in the store.
//! - `input`: reading a guide from a `guide.json` or a bundle folder.
//! - `output`: standard output or the `-o` file (written atomically).
//! - `exit`: exit codes and [`CliError`].

mod cmd_check;
mod cmd_diff;
mod cmd_export;
mod cmd_import;
mod cmd_library;
mod cmd_publish;
mod cmd_render;
mod database;
mod db;
mod exit;
#[cfg(test)]
mod generated;
mod input;
mod output;
mod store_ref;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use exit::CliError;

const AFTER_HELP: &str = "\
Examples:
  almanac check content/training-infrastructure/guide.json
  almanac check dist/training-infrastructure --format json
  almanac render content/training-infrastructure/guide.json -o page.html
  almanac export content/training-infrastructure/guide.json -o dist
  almanac import dist/training-infrastructure --into content

  almanac --db review.db init --seed
  almanac --db review.db snapshot training-infrastructure --label v2 --state in-review
  almanac --db review.db approve training-infrastructure v2 --reviewer \"Rita Moreno\"
  almanac --db review.db state training-infrastructure v2 live
  almanac --db review.db export training-infrastructure@v2 -o public
  almanac --db review.db import dist/training-infrastructure --as-version
  almanac --db review.db diff training-infrastructure@v1 training-infrastructure@v2
  almanac --db review.db publish --site git@example.org:almanac/site.git
  almanac --db review.db library link git@example.org:almanac/library.git
  almanac --db review.db sync

Exit codes:
  0  ok (warnings may have been printed)
  1  the guide has validation errors
  2  usage error (unknown command or option, bad argument, no reviewer name to approve with)
  3  input unreadable: file or folder missing, not a guide, not JSON; no such database,
     guide or version
  4  bundle refused: bad manifest, checksum, format version, unsafe path, invalid guide;
     a bundle to publish failed its check (nothing was published)
  5  write failed, or the target exists and may not be replaced (a database for init, a
     version label, a folder that is not a bundle, a site with uncommitted changes)
  6  review state move refused (store.invalid_transition): the version's state does not
     allow that move or approval; nothing was changed
  7  git or a remote failed (publish, library link, sync): git missing, remote
     unreachable (work goes on offline; sync later), authentication refused, push
     rejected, other git error; nothing was published or shared";

#[derive(Debug, Parser)]
#[command(
    name = "almanac",
    version,
    about = "Check, render, export and import Almanac topic guides; review their versions",
    long_about = "Check, render, export and import Almanac topic guides; review their versions.\n\n\
                  A guide is a guide.json file in the publishing format (format 2). A bundle is \
                  the folder `almanac export` writes: <slug>/ with guide.json, index.html, \
                  guide.md and manifest.json (sha256 of each file).\n\n\
                  The store is the app's database: its guides, their working drafts and named \
                  versions, each in a review state (draft, in review, approved, live, archived). \
                  Store commands take --db, else $ALMANAC_DB, else the app's database; only \
                  `almanac init` creates one. SLUG@LABEL names a stored version and SLUG@draft a \
                  guide's working draft wherever a guide is read (export, diff).",
    after_help = AFTER_HELP
)]
struct Cli {
    #[command(subcommand)]
    command: Commands,
    /// The store database: for init, the store commands, SLUG@LABEL in export and diff, and
    /// import --as-version (default: $ALMANAC_DB, else the app's database in the user's data dir)
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<std::path::PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Commands {
    Check(cmd_check::CheckArgs),
    Render(cmd_render::RenderArgs),
    Export(cmd_export::ExportArgs),
    Import(cmd_import::ImportArgs),
    Diff(cmd_diff::DiffArgs),
    Publish(cmd_publish::PublishArgs),
    /// The link to a shared library (a git repository colleagues share)
    #[command(subcommand)]
    Library(cmd_library::LibraryCommand),
    Sync(cmd_library::SyncArgs),
    #[command(flatten)]
    Db(db::DbCommands),
}

fn run(cli: Cli) -> Result<u8, CliError> {
    match cli.command {
        Commands::Check(args) => cmd_check::run(args),
        Commands::Render(args) => cmd_render::run(args),
        Commands::Export(args) => cmd_export::run(args, cli.db.as_deref()),
        Commands::Import(args) => cmd_import::run(args, cli.db.as_deref()),
        Commands::Diff(args) => cmd_diff::run(args, cli.db.as_deref()),
        Commands::Publish(args) => cmd_publish::run(args, cli.db.as_deref()),
        Commands::Library(cmd) => cmd_library::run_library(cmd, cli.db.as_deref()),
        Commands::Sync(args) => cmd_library::run_sync(args, cli.db.as_deref()),
        Commands::Db(cmd) => db::run(cmd, cli.db.as_deref()),
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(output::clap_exit(&e)),
    };
    match output::finish(run(cli)) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            err.print();
            ExitCode::from(err.exit)
        }
    }
}
