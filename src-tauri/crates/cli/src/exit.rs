//! Exit codes and the error every command returns.

use almanac_bundle::BundleError;

/// Success; warnings may have been printed.
pub const OK: u8 = 0;
/// The guide has validation errors.
pub const VALIDATION: u8 = 1;
/// A usage error: clap reports most (unknown command or option, bad value) and exits with 2
/// itself; a command uses this for what it finds missing after parsing (a reviewer name).
pub const USAGE: u8 = 2;
/// Input missing or unreadable, not a guide, not JSON.
pub const INPUT: u8 = 3;
/// A bundle was refused on import or check, or a bundle to publish failed its check
/// (`sync.check_failed`).
pub const REFUSED: u8 = 4;
/// Writing failed (a file, the store, or standard output: see `output`; a pipe closed by its
/// reader is not a failure), or the target exists and may not be replaced.
pub const WRITE: u8 = 5;
/// A review-state move or approval that the version's state does not allow
/// (`store.invalid_transition`); nothing was changed.
pub const STATE: u8 = 6;
/// git or the remote repository failed (`almanac publish --site`): git is missing
/// (`sync.git_missing`), the remote cannot be reached (`sync.unreachable`), refused the
/// credentials (`sync.auth_refused`) or the push (`sync.push_rejected`), or git failed otherwise
/// (`sync.git_failed`). Nothing was published.
pub const GIT: u8 = 7;

/// An error for the user: printed as `error: ...` on stderr, then the process exits with `exit`.
#[derive(Debug)]
pub struct CliError {
    pub exit: u8,
    /// A stable machine code: a bundle, store or sync error's own code
    /// (`bundle.checksum_mismatch`, `store.invalid_transition`, `sync.unreachable`), or
    /// `input.unreadable`, `guide.invalid`, `bundle.refused`, `write.failed`, `cli.usage`,
    /// `cli.target_exists`.
    pub code: &'static str,
    pub message: String,
    /// Further lines printed under the message (e.g. validation findings).
    pub details: Vec<String>,
}

impl CliError {
    pub fn new(exit: u8, message: impl Into<String>) -> CliError {
        let code = match exit {
            VALIDATION => "guide.invalid",
            INPUT => "input.unreadable",
            REFUSED => "bundle.refused",
            WRITE => "write.failed",
            USAGE => "cli.usage",
            STATE => "store.invalid_transition",
            GIT => "sync.git_failed",
            _ => "error",
        };
        CliError { exit, code, message: message.into(), details: Vec::new() }
    }

    pub fn with_code(mut self, code: &'static str) -> CliError {
        self.code = code;
        self
    }

    /// Prints the error on standard error (through `output::err`: never panics).
    pub fn print(&self) {
        let mut text = format!("error: {}\n", self.message);
        for line in &self.details {
            text.push_str(&format!("  {line}\n"));
        }
        crate::output::err(&text);
    }

    /// The exit code a bundle error maps to when reading a bundle.
    pub fn from_bundle_read(err: &BundleError) -> u8 {
        match err {
            BundleError::NotFound { .. } | BundleError::Io { .. } => INPUT,
            BundleError::TargetExists { .. } | BundleError::WriteFailed { .. } => WRITE,
            _ => REFUSED,
        }
    }
}
