//! Almanac sync: sharing a library through git, and publishing live bundles to a site.
//! Tauri-free: the app and the `almanac` CLI share this API.
//!
//! - **Publishing** ([`publish`]): every guide's live version, as the bundle `almanac export
//!   SLUG@LABEL` writes, into `<slug>/` of a site (a plain folder, or a git repository that is
//!   committed and pushed), with an `index.json` listing them; bundles of guides no longer live
//!   removed. Every bundle is checked (`almanac check`) before the site is touched, and
//!   publishing the same live versions again changes nothing. See [`publish`] for the steps.
//! - **Sharing a library** ([`Library`]): a local library linked to a shared git repository;
//!   [`Library::sync`] brings in what colleagues shared and shares what was made here. The
//!   files and why git never merges one: [`layout`]; the steps and why a killed sync is safe:
//!   `sync`.
//! - **Git** ([`git`]): a small wrapper around the system `git` program that the library sync
//!   and publishing both drive: no prompts, English messages, classified failures, and commits
//!   that work without a configured identity.
//!
//! # Why the system git
//! The remotes people share a library through are the ones their git already reaches: SSH keys
//! and agents, `~/.ssh/config`, credential helpers and tokens, proxies, `insteadOf` rewrites,
//! hosts with their own certificates. Running the `git` program uses all of that exactly as the
//! user's own `git push` would, with nothing to configure twice, and keeps a C library and its
//! TLS and SSH stacks out of the build. The price is parsing git's messages, which is why every
//! run sets `LC_ALL=C` and why the classification lives in one place ([`git::classify`]); a
//! missing `git` is its own error (`sync.git_missing`).
//!
//! # Errors
//! Every operation returns [`Result`]; [`SyncError::code`] is a stable machine code and
//! `Display` is a message for people saying what happened and what to do:
//!
//! | code                  | when                                                           |
//! |-----------------------|----------------------------------------------------------------|
//! | `sync.not_linked`     | the library is not linked to a shared repository               |
//! | `sync.git_missing`    | the `git` program cannot be started                            |
//! | `sync.unreachable`    | the remote cannot be reached (network, host, missing path)     |
//! | `sync.auth_refused`   | the remote refused or needs credentials (git never prompts)    |
//! | `sync.push_rejected`  | the push was rejected, also after fetching and trying again    |
//! | `sync.git_failed`     | any other git failure, with git's own words                    |
//! | `sync.check_failed`   | a bundle could not be built or failed `almanac check`          |
//! | `sync.uncommitted`    | a site's working tree has changes where publishing would write |
//! | `sync.target_exists`  | something that is not a bundle is where publishing would write |
//! | `sync.busy`           | another sync of the same library is running                    |
//! | `sync.damaged`        | a file of the shared library is not what this app writes       |
//! | `sync.io`             | a file system error, with its path                             |
//! | `store.*`             | a store error ([`SyncError::Store`]), its own code kept        |
//!
//! A wrapped store error keeps its own code: [`SyncError::code`] returns it (`store.busy`), and
//! [`SyncError::kind`] returns `sync.store`. [`SyncError::CODES`] lists every `kind`.
//!
//! # Modules
//! - `error`: [`SyncError`].
//! - [`git`]: [`git::GitCli`] (the program and how it runs) and [`git::Git`] (a repository).
//! - `sync`: [`Library`] (link, sync, check), [`SyncReport`], [`LibraryStatus`].
//! - [`layout`]: the shared library's files.
//! - `publish`: [`publish`], [`Site`], [`PublishReport`], `index.json` ([`SiteIndex`]).

mod error;
pub mod git;
pub mod layout;
mod publish;
mod sync;

pub use error::{Result, SyncError};
pub use git::{Git, GitCli, Identity};
pub use publish::{
    live_bundles, publish, publish_with, site_index, work_dir_name, LiveBundle, PublishReport,
    Site, SiteIndex, SiteIndexEntry, INDEX_FORMAT, INDEX_JSON,
};
pub use sync::{
    clone_dir, Library, LibraryStatus, SyncReport, IMPORTED_SETTING, LOCK_WAIT, PUSH_ATTEMPTS,
};
