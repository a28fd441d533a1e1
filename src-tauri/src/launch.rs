//! How the app was started: which database to open and the folder-dialog test seams.
//!
//! Precedence for the database: `--db <path>` (or `--db=<path>`), then the `ALMANAC_DB`
//! environment variable, then `almanac_store::default_db_path()`.
//!
//! Native folder dialogs cannot be driven through WebDriver, so the end-to-end tests pass the
//! folder the dialog would return instead: `--import-from <bundle dir>` (or `ALMANAC_IMPORT_FROM`)
//! answers the "Import bundle…" dialog, `--export-to <dir>` (or `ALMANAC_EXPORT_TO`) answers the
//! export folder dialog. Without them the real dialog opens.
//!
//! Unknown arguments are ignored: WebKitWebDriver adds its own (`--automation`).

use std::ffi::OsString;
use std::path::PathBuf;

/// Everything the command line and environment decide.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Launch {
    /// The database chosen by flag or environment; `None` means the default location.
    pub db: Option<PathBuf>,
    pub import_from: Option<PathBuf>,
    pub export_to: Option<PathBuf>,
}

impl Launch {
    /// Reads `std::env::args_os()` and the environment.
    pub fn from_process() -> Launch {
        Launch::parse(std::env::args_os().skip(1), |k| std::env::var_os(k))
    }

    /// Flags win over environment variables; empty values count as unset.
    pub fn parse(
        args: impl IntoIterator<Item = OsString>,
        env: impl Fn(&str) -> Option<OsString>,
    ) -> Launch {
        let mut launch = Launch::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let text = arg.to_string_lossy().into_owned();
            let (flag, inline) = match text.split_once('=') {
                Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(OsString::from(v))),
                _ => (text.clone(), None),
            };
            let slot = match flag.as_str() {
                "--db" => &mut launch.db,
                "--import-from" => &mut launch.import_from,
                "--export-to" => &mut launch.export_to,
                _ => continue,
            };
            if let Some(v) = inline.or_else(|| args.next()).filter(|v| !v.is_empty()) {
                *slot = Some(PathBuf::from(v));
            }
        }
        let from_env = |key: &str| env(key).filter(|v| !v.is_empty()).map(PathBuf::from);
        launch.db = launch.db.or_else(|| from_env("ALMANAC_DB"));
        launch.import_from = launch.import_from.or_else(|| from_env("ALMANAC_IMPORT_FROM"));
        launch.export_to = launch.export_to.or_else(|| from_env("ALMANAC_EXPORT_TO"));
        launch
    }

    /// The database file to open (the default one fails only when the system names no data
    /// directory, e.g. no HOME).
    pub fn db_path(&self) -> Result<PathBuf, almanac_store::StoreError> {
        match &self.db {
            Some(p) => Ok(p.clone()),
            None => almanac_store::default_db_path(),
        }
    }

    /// The D-Bus name suffix that makes "one instance at a time" hold per database: the
    /// default database keeps the app's identifier, another database gets its own instance
    /// (so tests on temporary databases never collide with a running app).
    pub fn instance_id(&self, identifier: &str) -> String {
        match &self.db {
            None => identifier.to_string(),
            Some(path) => {
                let abs = std::path::absolute(path).unwrap_or_else(|_| path.clone());
                format!("{identifier}.db{:016x}", fnv1a(abs.as_os_str().as_encoded_bytes()))
            }
        }
    }
}

/// FNV-1a 64: a stable (across runs and builds) hash for the instance name.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str], env: &[(&str, &str)]) -> Launch {
        let env: Vec<(String, String)> =
            env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Launch::parse(args.iter().map(OsString::from), move |k| {
            env.iter().find(|(key, _)| key == k).map(|(_, v)| OsString::from(v))
        })
    }

    #[test]
    fn flag_beats_environment_which_beats_default() {
        assert_eq!(parse(&[], &[]).db, None);
        assert_eq!(parse(&[], &[("ALMANAC_DB", "/e.db")]).db, Some("/e.db".into()));
        assert_eq!(parse(&["--db", "/f.db"], &[("ALMANAC_DB", "/e.db")]).db, Some("/f.db".into()));
        assert_eq!(parse(&["--db=/g.db"], &[]).db, Some("/g.db".into()));
        assert_eq!(parse(&[], &[("ALMANAC_DB", "")]).db, None);
    }

    #[test]
    fn unknown_arguments_are_ignored_and_seams_are_read() {
        let l = parse(
            &["--automation", "--import-from", "/b/guide", "x", "--export-to=/out"],
            &[("ALMANAC_EXPORT_TO", "/ignored")],
        );
        assert_eq!(l.db, None);
        assert_eq!(l.import_from, Some("/b/guide".into()));
        assert_eq!(l.export_to, Some("/out".into()));
        let l = parse(&["--db"], &[("ALMANAC_IMPORT_FROM", "/env/b")]);
        assert_eq!(l.db, None, "a flag without a value sets nothing");
        assert_eq!(l.import_from, Some("/env/b".into()));
    }

    #[test]
    fn instance_id_is_per_database() {
        let a = parse(&["--db", "/tmp/a.db"], &[]).instance_id("org.almanac.studio");
        let b = parse(&["--db", "/tmp/b.db"], &[]).instance_id("org.almanac.studio");
        let d = parse(&[], &[]).instance_id("org.almanac.studio");
        assert_eq!(d, "org.almanac.studio");
        assert_ne!(a, b);
        assert!(a.starts_with("org.almanac.studio.db") && a.len() == d.len() + 19, "{a}");
        assert_eq!(a, parse(&["--db", "/tmp/a.db"], &[]).instance_id("org.almanac.studio"));
    }
}
