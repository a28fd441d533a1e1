//! Sync errors: each has a stable machine `code()` (the UI and the CLI match on it) and a message
//! for people that says what happened and what to do.

use std::path::PathBuf;

use almanac_store::StoreError;

/// Everything sharing a library or publishing a site can fail with.
///
/// `git` failures are classified from git's exit status and its (English, `LC_ALL=C`) standard
/// error: see [`crate::git`]. The git variants keep git's own words in `detail`, trimmed.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The library is not linked to a shared repository.
    #[error(
        "This library is not linked to a shared library. Link it to a shared git repository \
         first; until then everything stays on this computer."
    )]
    NotLinked,

    /// The `git` program could not be started.
    #[error(
        "The git program ({program}) could not be started: {detail}. Install git (and make sure \
         it is on the PATH), then try again; nothing was changed."
    )]
    GitMissing { program: String, detail: String },

    /// The remote repository cannot be reached: no network, an unknown host, a refused
    /// connection, a path or repository that does not exist.
    #[error(
        "The remote repository cannot be reached: {detail}. Check the address and the network; \
         work goes on offline, sync later."
    )]
    Unreachable { detail: String },

    /// The remote refused the credentials, or needs some and none were given (git never
    /// prompts here).
    #[error(
        "The remote repository refused access (authentication needed or refused): {detail}. Set \
         up credentials for it in git (a credential helper, a token or an SSH key), then try \
         again; nothing was changed there."
    )]
    AuthRefused { detail: String },

    /// A push was rejected because the remote moved on, even after fetching and trying again.
    #[error(
        "The remote repository rejected the push because it changed meanwhile, also after \
         fetching and trying again: {detail}. Nothing was pushed; try again in a moment."
    )]
    PushRejected { detail: String },

    /// Any other git failure: `command` is what was run (`git push ...`), `detail` git's
    /// standard error, trimmed.
    #[error("`{command}` failed: {detail}")]
    GitFailed { command: String, detail: String },

    /// A bundle could not be made or failed `almanac check` (`reason`, with the bundle error's
    /// code): nothing was published.
    #[error(
        "The bundle of {slug} {label} failed `almanac check`: {reason}. Nothing was published; \
         fix the guide (make a new version and publish it live), then publish again."
    )]
    CheckFailed { slug: String, label: String, reason: String },

    /// The working tree of a site repository has uncommitted changes where publishing would
    /// write.
    #[error(
        "The repository {} has uncommitted changes in what publishing would write ({}). Commit \
         or discard them, then publish again; nothing was written.",
        repo.display(), paths.join(", ")
    )]
    Uncommitted { repo: PathBuf, paths: Vec<String> },

    /// Something that is not a bundle (or not a file, for `index.json`) is where publishing
    /// would write.
    #[error(
        "{} already exists and is not something publishing may replace ({what}). Move it away, \
         then publish again; nothing was published.",
        path.display()
    )]
    TargetExists { path: PathBuf, what: String },

    /// Another sync (in this app or the `almanac` CLI) is running on the same library.
    #[error(
        "Another sync of this library is running (in the app or the almanac command). Wait for \
         it to finish, then sync again; nothing was changed."
    )]
    Busy,

    /// A file of the shared library is not what this app writes there.
    #[error(
        "The shared library's file {path} is damaged: {detail}. Nothing was brought in; repair or \
         remove that file in the shared repository, then sync again."
    )]
    Damaged { path: String, detail: String },

    /// A file system error on `path`.
    #[error("Cannot use {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A store error, its own code kept: [`SyncError::code`] returns the store error's code.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl SyncError {
    /// The stable machine code of this error, e.g. `"sync.unreachable"`.
    ///
    /// For [`SyncError::Store`] this is the store error's own code (`"store.busy"`, one of
    /// [`StoreError::CODES`]), so a caller that already handles store errors handles them here
    /// too; [`SyncError::kind`] gives `"sync.store"` for it instead.
    pub fn code(&self) -> &'static str {
        match self {
            SyncError::Store(e) => e.code(),
            other => other.kind(),
        }
    }

    /// The `sync.*` code of this error: [`SyncError::code`], except `"sync.store"` for a
    /// wrapped store error. Always one of [`SyncError::CODES`].
    pub fn kind(&self) -> &'static str {
        match self {
            SyncError::NotLinked => "sync.not_linked",
            SyncError::GitMissing { .. } => "sync.git_missing",
            SyncError::Unreachable { .. } => "sync.unreachable",
            SyncError::AuthRefused { .. } => "sync.auth_refused",
            SyncError::PushRejected { .. } => "sync.push_rejected",
            SyncError::GitFailed { .. } => "sync.git_failed",
            SyncError::CheckFailed { .. } => "sync.check_failed",
            SyncError::Uncommitted { .. } => "sync.uncommitted",
            SyncError::TargetExists { .. } => "sync.target_exists",
            SyncError::Busy => "sync.busy",
            SyncError::Damaged { .. } => "sync.damaged",
            SyncError::Io { .. } => "sync.io",
            SyncError::Store(_) => "sync.store",
        }
    }

    /// Every code [`SyncError::kind`] can return (for documentation and the UI's exhaustive
    /// match). [`SyncError::code`] returns one of these other than `"sync.store"`, or one of
    /// [`StoreError::CODES`].
    pub const CODES: &'static [&'static str] = &[
        "sync.not_linked",
        "sync.git_missing",
        "sync.unreachable",
        "sync.auth_refused",
        "sync.push_rejected",
        "sync.git_failed",
        "sync.check_failed",
        "sync.uncommitted",
        "sync.target_exists",
        "sync.busy",
        "sync.damaged",
        "sync.io",
        "sync.store",
    ];

    /// A file system error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> SyncError {
        SyncError::Io { path: path.into(), source }
    }
}

/// Result of every sync operation.
pub type Result<T, E = SyncError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    fn every_variant() -> Vec<SyncError> {
        let s = String::from;
        vec![
            SyncError::NotLinked,
            SyncError::GitMissing { program: s("git"), detail: s("not found") },
            SyncError::Unreachable { detail: s("Could not resolve host: x") },
            SyncError::AuthRefused { detail: s("Authentication failed") },
            SyncError::PushRejected { detail: s("! [rejected] main -> main (fetch first)") },
            SyncError::GitFailed { command: s("git status"), detail: s("fatal: bad") },
            SyncError::CheckFailed { slug: s("a"), label: s("v1"), reason: s("bad") },
            SyncError::Uncommitted { repo: PathBuf::from("/r"), paths: vec![s("a")] },
            SyncError::TargetExists { path: PathBuf::from("/r/a"), what: s("a folder") },
            SyncError::Busy,
            SyncError::Damaged { path: s("a/review/x.json"), detail: s("not JSON") },
            SyncError::io("/r/a", std::io::Error::other("denied")),
            SyncError::Store(StoreError::Busy { path: PathBuf::from("/d/almanac.db") }),
        ]
    }

    #[test]
    fn every_kind_is_listed_once_and_store_codes_stay_visible() {
        let all = every_variant();
        let kinds: Vec<_> = all.iter().map(SyncError::kind).collect();
        assert_eq!(kinds, SyncError::CODES);
        for e in &all {
            match e {
                SyncError::Store(inner) => {
                    assert_eq!(e.code(), "store.busy");
                    assert_eq!(e.code(), inner.code());
                    assert!(StoreError::CODES.contains(&e.code()));
                }
                _ => assert_eq!(e.code(), e.kind()),
            }
        }
    }

    #[test]
    fn messages_say_what_happened_and_what_to_do() {
        for e in every_variant() {
            let msg = e.to_string();
            assert!(!msg.is_empty() && !msg.contains("{"), "{msg}");
        }
        let msg =
            SyncError::GitMissing { program: "git".into(), detail: "nope".into() }.to_string();
        assert!(msg.contains("Install git"), "{msg}");
        let msg = SyncError::Unreachable { detail: "x".into() }.to_string();
        assert!(msg.contains("work goes on offline, sync later"), "{msg}");
        let msg =
            SyncError::CheckFailed { slug: "a".into(), label: "v1".into(), reason: "r".into() }
                .to_string();
        assert!(msg.contains("a v1") && msg.contains("Nothing was published"), "{msg}");
    }
}
