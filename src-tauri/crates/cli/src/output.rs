//! Where a command's output goes: standard output, or the file `-o` names, written atomically
//! (`almanac_bundle::files::write_atomic`). A failure is exit 5.

use std::io::Write;
use std::path::Path;

use crate::exit::{CliError, WRITE};

/// Writes `text` to `output` when given (see [`write_file`]), else to standard output.
pub fn write(text: &str, output: Option<&Path>) -> Result<(), CliError> {
    match output {
        None => stdout(text),
        Some(path) => write_file(path, text.as_bytes()),
    }
}

/// Writes `text` to standard output.
pub fn stdout(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| CliError::new(WRITE, format!("cannot write to standard output: {e}")))
}

/// Writes an output file atomically and says so on standard error.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    almanac_bundle::files::write_atomic(path, bytes)
        .map_err(|e| CliError::new(WRITE, format!("cannot write {}: {e}", path.display())))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}
