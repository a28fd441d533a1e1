//! Where a command's output goes: standard output, or the file `-o` names, written atomically
//! (`almanac_bundle::files::write_atomic`); and standard error for notes and errors.
//!
//! Every write to standard output or standard error goes through here, never through `print!`
//! or `eprint!` (which panic when the write fails):
//!
//! - Standard output closed by its reader (`EPIPE`: `almanac guides | head -2`): the reader has
//!   what it wanted. Output stops quietly; the command finishes what it does and exits with its
//!   own status.
//! - Any other failure to write standard output (`>/dev/full`, an I/O error): exit 5,
//!   "cannot write to standard output: ...". What the command had already done stays done (an
//!   export's bundle is written before its path is printed).
//! - Standard error that cannot be written: ignored, as there is nowhere left to say so; the
//!   exit status still tells.
//!
//! A failed `-o` file is exit 5 too.

use std::io::{ErrorKind, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use crate::exit::{CliError, WRITE};

/// Standard output was closed by its reader: later output is dropped.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// The first failure of [`out`], which its callers cannot return: [`finish`] reports it.
static STDOUT_FAILED: Mutex<Option<CliError>> = Mutex::new(None);

/// Writes `text` to `output` when given (see [`write_file`]), else to standard output.
pub fn write(text: &str, output: Option<&Path>) -> Result<(), CliError> {
    match output {
        None => stdout(text),
        Some(path) => write_file(path, text.as_bytes()),
    }
}

/// Writes `text` to standard output and flushes it. A closed pipe is not an error (see the
/// module docs); any other failure is exit 5.
pub fn stdout(text: &str) -> Result<(), CliError> {
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) => outcome(&e),
    }
}

/// What a failed write to standard output means: nothing, when the reader closed the pipe.
fn outcome(e: &std::io::Error) -> Result<(), CliError> {
    if e.kind() == ErrorKind::BrokenPipe {
        STDOUT_CLOSED.store(true, Ordering::Relaxed);
        return Ok(());
    }
    Err(CliError::new(WRITE, format!("cannot write to standard output: {e}")))
}

/// [`stdout`] for code that cannot return an error: the first failure is kept, later output is
/// dropped, and [`finish`] turns the command's result into that failure (exit 5).
pub fn out(text: &str) {
    let mut failed = STDOUT_FAILED.lock().unwrap_or_else(|p| p.into_inner());
    if failed.is_none() {
        if let Err(e) = stdout(text) {
            *failed = Some(e);
        }
    }
}

/// Writes `text` to standard error; a failure is ignored (see the module docs).
pub fn err(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// `println!` through [`out`].
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::output::out(&format!("{}\n", format_args!($($arg)*)))
    };
}
pub(crate) use outln;

/// `eprintln!` through [`err`].
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::output::err(&format!("{}\n", format_args!($($arg)*)))
    };
}
pub(crate) use errln;

/// Prints clap's help, version or usage error as clap does, and gives the exit status: clap's
/// own (0 for help and version, 2 for a usage error), or 5 when help or version cannot be
/// written to standard output (a closed pipe is not an error, as above).
pub fn clap_exit(e: &clap::Error) -> u8 {
    let status = u8::try_from(e.exit_code()).unwrap_or(crate::exit::USAGE);
    match e.print() {
        Err(io) if !e.use_stderr() => match outcome(&io) {
            Ok(()) => status,
            Err(err) => {
                err.print();
                err.exit
            }
        },
        _ => status,
    }
}

/// A command's result, made a failure when its output could not be written through [`out`].
pub fn finish(result: Result<u8, CliError>) -> Result<u8, CliError> {
    let failed = STDOUT_FAILED.lock().unwrap_or_else(|p| p.into_inner()).take();
    match (result, failed) {
        (Ok(_), Some(e)) => Err(e),
        (result, _) => result,
    }
}

/// Writes an output file atomically and says so on standard error.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    almanac_bundle::files::write_atomic(path, bytes)
        .map_err(|e| CliError::new(WRITE, format!("cannot write {}: {e}", path.display())))?;
    errln!("wrote {}", path.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_is_quiet_and_other_failures_are_exit_5() {
        assert!(outcome(&std::io::Error::from_raw_os_error(28)).is_err_and(|e| e.exit == WRITE
            && e.message.starts_with("cannot write to standard output: No space left")));
        assert!(outcome(&ErrorKind::BrokenPipe.into()).is_ok());
        assert!(STDOUT_CLOSED.load(Ordering::Relaxed), "later output is dropped");
    }
}
