//! A small wrapper around the system `git` program (`std::process::Command`, no libgit2).
//!
//! [`GitCli`] is the program and how it is run; [`Git`] is one repository (a folder) it runs in.
//! Every run:
//!
//! - reads nothing: standard input is null;
//! - never prompts: `GIT_TERMINAL_PROMPT=0` (a missing credential fails instead of asking for
//!   it) and `SSH_ASKPASS_REQUIRE=never`; the user's credential helpers, SSH configuration and
//!   `GIT_SSH_COMMAND` are used as they are;
//! - speaks English: `LC_ALL=C`, `LANG=C` (and no `LANGUAGE`), so failures can be classified
//!   from git's standard error;
//! - works on the folder it names: `git -C <dir>`, with `GIT_DIR`, `GIT_WORK_TREE`,
//!   `GIT_INDEX_FILE` and the other variables that point git elsewhere removed from its
//!   environment (set, say, when the program itself runs from a git hook).
//!
//! A failure becomes a [`SyncError`] by its standard error (see [`classify`]): authentication
//! wording first (`sync.auth_refused`), then a remote that cannot be reached
//! (`sync.unreachable`), then a push rejected because the remote moved on
//! (`sync.push_rejected`), and anything else is `sync.git_failed` with git's words. A program
//! that cannot be started is `sync.git_missing`.
//!
//! Commits work on a machine with no git identity: when `user.name` or `user.email` is not
//! configured, the commit is made as [`Identity::default`] ("Almanac Studio
//! <almanac-studio@localhost>") or the identity the caller gives ([`GitCli::identity`]); a
//! configured identity always wins.
//!
//! The program is `git` from the PATH, or the program `$ALMANAC_GIT` names ([`PROGRAM_ENV`]),
//! or the one given to [`GitCli::with_program`].

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::error::{Result, SyncError};

/// The environment variable naming the git program to run instead of `git` from the PATH.
pub const PROGRAM_ENV: &str = "ALMANAC_GIT";

/// The branch a first push to an empty remote creates.
pub const DEFAULT_BRANCH: &str = "main";

/// Environment variables that would make git work on another repository than `-C <dir>`.
const REPOSITORY_ENV: [&str; 8] = [
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
];

/// Who a commit is made by when git has no `user.name` / `user.email` configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub name: String,
    pub email: String,
}

impl Default for Identity {
    fn default() -> Identity {
        Identity { name: "Almanac Studio".into(), email: "almanac-studio@localhost".into() }
    }
}

/// The git program and how it is run: which program, the identity commits fall back to, and
/// any extra environment.
#[derive(Debug, Clone)]
pub struct GitCli {
    program: OsString,
    identity: Identity,
    env: Vec<(OsString, OsString)>,
}

impl Default for GitCli {
    fn default() -> GitCli {
        GitCli::system()
    }
}

impl GitCli {
    /// `git` from the PATH, or the program `$ALMANAC_GIT` names.
    pub fn system() -> GitCli {
        let program = std::env::var_os(PROGRAM_ENV)
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| OsString::from("git"));
        GitCli::with_program(program)
    }

    /// A given program (a name looked up on the PATH, or a path).
    pub fn with_program(program: impl Into<OsString>) -> GitCli {
        GitCli { program: program.into(), identity: Identity::default(), env: Vec::new() }
    }

    /// The identity commits are made with when git has none configured.
    pub fn identity(mut self, name: impl Into<String>, email: impl Into<String>) -> GitCli {
        self.identity = Identity { name: name.into(), email: email.into() };
        self
    }

    /// Sets an environment variable for every run (after the ones this module sets, so it can
    /// override them).
    pub fn env(mut self, key: impl Into<OsString>, value: impl Into<OsString>) -> GitCli {
        self.env.push((key.into(), value.into()));
        self
    }

    /// The program this runs.
    pub fn program(&self) -> &OsStr {
        &self.program
    }

    /// `git --version` ("git version 2.47.3"); `sync.git_missing` when the program cannot be
    /// started.
    pub fn version(&self) -> Result<String> {
        let out = self.run_in(None, &["--version"])?;
        Ok(out.trim().to_string())
    }

    /// The repository at `dir` (bare or not; a folder inside a working tree opens the
    /// repository holding it). `sync.git_failed` when there is none; `sync.io` when `dir` does
    /// not exist.
    pub fn open(&self, dir: impl AsRef<Path>) -> Result<Git> {
        let dir = dir.as_ref();
        if let Err(e) = std::fs::metadata(dir) {
            return Err(SyncError::io(dir, e));
        }
        let git = Git { cli: self.clone(), dir: dir.to_path_buf() };
        git.run(&["rev-parse", "--git-dir"])?;
        Ok(git)
    }

    /// Clones `url` (a URL or a path to a repository) into `dir`, which must be missing or
    /// empty. An empty remote clones too (its branch is born by the first push).
    pub fn clone_into(&self, url: &str, dir: impl AsRef<Path>) -> Result<Git> {
        let dir = dir.as_ref();
        let dir_arg = dir.as_os_str().to_string_lossy().into_owned();
        self.run_in(None, &["clone", "--quiet", "--", url, &dir_arg])?;
        Ok(Git { cli: self.clone(), dir: dir.to_path_buf() })
    }

    /// `git init` (`--bare` when `bare`) of `dir`, its first branch [`DEFAULT_BRANCH`].
    pub fn init(&self, dir: impl AsRef<Path>, bare: bool) -> Result<Git> {
        let dir = dir.as_ref();
        let dir_arg = dir.as_os_str().to_string_lossy().into_owned();
        let mut args = vec!["init", "--quiet"];
        if bare {
            args.push("--bare");
        }
        let head = format!("--initial-branch={DEFAULT_BRANCH}");
        args.extend([head.as_str(), "--", &dir_arg]);
        self.run_in(None, &args)?;
        Ok(Git { cli: self.clone(), dir: dir.to_path_buf() })
    }

    /// A `Command` for `args`, in `dir` when given, with the environment described in the
    /// module docs.
    fn command(&self, dir: Option<&Path>, args: &[&str]) -> Command {
        let mut cmd = Command::new(&self.program);
        if let Some(dir) = dir {
            cmd.arg("-C").arg(dir);
        }
        cmd.args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("SSH_ASKPASS_REQUIRE", "never")
            .env("LC_ALL", "C")
            .env("LANG", "C")
            .env_remove("LANGUAGE");
        for key in REPOSITORY_ENV {
            cmd.env_remove(key);
        }
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd
    }

    /// Runs `args` and returns its output whatever its exit status; only a program that cannot
    /// be started is an error (`sync.git_missing`).
    fn output(&self, dir: Option<&Path>, args: &[&str]) -> Result<Output> {
        self.command(dir, args).output().map_err(|e| SyncError::GitMissing {
            program: self.program.to_string_lossy().into_owned(),
            detail: e.to_string(),
        })
    }

    /// Runs `args`; standard output on success, the classified failure otherwise.
    fn run_in(&self, dir: Option<&Path>, args: &[&str]) -> Result<String> {
        let out = self.output(dir, args)?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err(failure(args, &out))
        }
    }
}

/// The classified error of a failed run of `git args`.
fn failure(args: &[&str], out: &Output) -> SyncError {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut detail = stderr.trim().to_string();
    if detail.is_empty() {
        detail = match out.status.code() {
            Some(code) => format!("git exited with status {code}"),
            None => "git was stopped by a signal".into(),
        };
    }
    classify(&format!("git {}", args.join(" ")), &detail)
}

/// Classifies a failed git command (`command`, e.g. `git push origin main`) by its standard
/// error `stderr` (English: every run sets `LC_ALL=C`).
///
/// - `sync.auth_refused`: "Authentication failed", "could not read Username/Password",
///   "terminal prompts disabled", HTTP 401/403, "Permission denied (publickey...)", "Host key
///   verification failed", "Invalid username or password", "Access denied";
/// - `sync.unreachable`: "Could not resolve host", "Connection refused/timed out/reset",
///   "Network is unreachable", "No route to host", "Failed to connect", "does not appear to be
///   a git repository", "repository '...' not found / does not exist", "unable to access" and
///   "Could not read from remote repository" (without the wording above);
/// - `sync.push_rejected`: "`[rejected]`", "non-fast-forward", "fetch first";
/// - `sync.git_failed`: anything else, with `stderr`.
pub fn classify(command: &str, stderr: &str) -> SyncError {
    let lower = stderr.to_ascii_lowercase();
    let any = |needles: &[&str]| needles.iter().any(|n| lower.contains(n));
    let detail = stderr.trim().to_string();
    if any(&[
        "authentication failed",
        "could not read username",
        "could not read password",
        "terminal prompts disabled",
        "returned error: 401",
        "returned error: 403",
        " 401 ",
        " 403 ",
        "401 unauthorized",
        "403 forbidden",
        "permission denied (publickey",
        "permission denied, please try again",
        "host key verification failed",
        "invalid username or password",
        "invalid credentials",
        "access denied",
    ]) {
        return SyncError::AuthRefused { detail };
    }
    let repository_missing = lower.lines().any(|l| {
        l.contains("repository")
            && (l.contains("not found") || l.contains("does not exist"))
            && !l.contains("remote rejected")
    });
    if repository_missing
        || any(&[
            "could not resolve host",
            "could not resolve hostname",
            "temporary failure in name resolution",
            "name or service not known",
            "connection refused",
            "connection timed out",
            "connection reset",
            "operation timed out",
            "network is unreachable",
            "no route to host",
            "failed to connect",
            "couldn't connect to server",
            "does not appear to be a git repository",
            "unable to access",
            "could not read from remote repository",
            "the remote end hung up unexpectedly",
        ])
    {
        return SyncError::Unreachable { detail };
    }
    if any(&["[rejected]", "non-fast-forward", "fetch first"]) {
        return SyncError::PushRejected { detail };
    }
    SyncError::GitFailed { command: command.to_string(), detail }
}

/// One repository (its top folder) and the git program that runs in it.
#[derive(Debug, Clone)]
pub struct Git {
    cli: GitCli,
    dir: PathBuf,
}

impl Git {
    /// `git --version` of the system git ([`GitCli::system`]).
    pub fn version() -> Result<String> {
        GitCli::system().version()
    }

    /// The repository at `dir`, with the system git. See [`GitCli::open`].
    pub fn open(dir: impl AsRef<Path>) -> Result<Git> {
        GitCli::system().open(dir)
    }

    /// Clones `url` into `dir` with the system git. See [`GitCli::clone_into`].
    pub fn clone_into(url: &str, dir: impl AsRef<Path>) -> Result<Git> {
        GitCli::system().clone_into(url, dir)
    }

    /// A [`GitCli`] running `program` instead of the system git.
    pub fn with_program(program: impl Into<OsString>) -> GitCli {
        GitCli::with_program(program)
    }

    /// The repository's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The program this repository is driven with.
    pub fn cli(&self) -> &GitCli {
        &self.cli
    }

    /// Runs `git -C <dir> <args>` and returns its standard output (lossy UTF-8); a non-zero
    /// exit is the classified error.
    pub fn run(&self, args: &[&str]) -> Result<String> {
        self.cli.run_in(Some(&self.dir), args)
    }

    /// Runs `args` and returns its standard output as bytes.
    pub fn run_bytes(&self, args: &[&str]) -> Result<Vec<u8>> {
        let out = self.cli.output(Some(&self.dir), args)?;
        if out.status.success() {
            Ok(out.stdout)
        } else {
            Err(failure(args, &out))
        }
    }

    /// Runs `args` and returns its standard output when it exits 0, `None` when it exits 1
    /// (git's "no" for `config`, `rev-parse --verify -q`, `diff --quiet`, ...); any other
    /// status is the classified error.
    pub fn run_maybe(&self, args: &[&str]) -> Result<Option<String>> {
        let out = self.cli.output(Some(&self.dir), args)?;
        match out.status.code() {
            Some(0) => Ok(Some(String::from_utf8_lossy(&out.stdout).into_owned())),
            Some(1) if out.stderr.iter().all(u8::is_ascii_whitespace) => Ok(None),
            _ => Err(failure(args, &out)),
        }
    }

    /// True for a bare repository.
    pub fn is_bare(&self) -> Result<bool> {
        Ok(self.run(&["rev-parse", "--is-bare-repository"])?.trim() == "true")
    }

    /// The top folder of the working tree (canonical, as git gives it).
    pub fn toplevel(&self) -> Result<PathBuf> {
        Ok(PathBuf::from(self.run(&["rev-parse", "--show-toplevel"])?.trim()))
    }

    /// A configuration value, `None` when it is not set.
    pub fn config_get(&self, key: &str) -> Result<Option<String>> {
        Ok(self.run_maybe(&["config", "--get", key])?.map(|v| v.trim().to_string()))
    }

    /// The URL of the remote `origin`, `None` when there is no such remote.
    pub fn remote_url(&self) -> Result<Option<String>> {
        self.config_get("remote.origin.url")
    }

    /// `git fetch --prune origin`.
    pub fn fetch(&self) -> Result<()> {
        self.run(&["fetch", "--quiet", "--prune", "origin"]).map(drop)
    }

    /// The commit `HEAD` is at, `None` on an unborn branch (a new or empty repository).
    pub fn head(&self) -> Result<Option<String>> {
        self.rev_parse("HEAD")
    }

    /// The commit `rev` names, `None` when it names none.
    pub fn rev_parse(&self, rev: &str) -> Result<Option<String>> {
        let spec = format!("{rev}^{{commit}}");
        Ok(self.run_maybe(&["rev-parse", "--verify", "--quiet", &spec])?.map(|s| s.trim().into()))
    }

    /// The branch `HEAD` is on (also when unborn), `None` when detached.
    pub fn current_branch(&self) -> Result<Option<String>> {
        let out = self.run_maybe(&["symbolic-ref", "--quiet", "--short", "HEAD"])?;
        Ok(out.map(|s| s.trim().to_string()))
    }

    /// The branches of `origin` (asked of the remote: `git ls-remote`), and the branch its
    /// `HEAD` points to when it points to one that exists.
    pub fn remote_heads(&self) -> Result<(Vec<String>, Option<String>)> {
        let out = self.run(&["ls-remote", "--symref", "origin"])?;
        let mut heads = Vec::new();
        let mut head = None;
        for line in out.lines() {
            if let Some(rest) = line.strip_prefix("ref: ") {
                if let Some((target, "HEAD")) = rest.split_once('\t') {
                    head = target.strip_prefix("refs/heads/").map(str::to_string);
                }
            } else if let Some((_, name)) = line.split_once('\t') {
                if let Some(branch) = name.strip_prefix("refs/heads/") {
                    heads.push(branch.to_string());
                }
            }
        }
        let head = head.filter(|h| heads.contains(h));
        Ok((heads, head))
    }

    /// The branch to work on: the remote's `HEAD` branch; when that names no branch, `main`
    /// if the remote has it, else its only branch; `main` for an empty remote.
    pub fn remote_branch(&self) -> Result<String> {
        let (heads, head) = self.remote_heads()?;
        if let Some(head) = head {
            return Ok(head);
        }
        if heads.len() == 1 && !heads.iter().any(|h| h == DEFAULT_BRANCH) {
            return Ok(heads[0].clone());
        }
        Ok(DEFAULT_BRANCH.to_string())
    }

    /// Puts the working tree, the index and the local `branch` exactly at `origin/<branch>`
    /// (after a [`Git::fetch`]), untracked and ignored files removed; when the remote has no
    /// such branch, at an unborn `branch` with nothing in it.
    pub fn checkout_remote(&self, branch: &str) -> Result<()> {
        let remote = format!("origin/{branch}");
        if self.rev_parse(&remote)?.is_some() {
            self.run(&["checkout", "--quiet", "--force", "-B", branch, &remote])?;
        } else {
            let local = format!("refs/heads/{branch}");
            self.run(&["symbolic-ref", "HEAD", &local])?;
            if self.rev_parse(&local)?.is_some() {
                self.run(&["update-ref", "-d", &local])?;
            }
            self.run(&["read-tree", "--empty"])?;
        }
        self.clean()
    }

    /// `git add -A`: every change of the working tree into the index.
    pub fn add_all(&self) -> Result<()> {
        self.run(&["add", "--all"]).map(drop)
    }

    /// `git add -A -- <paths>`.
    pub fn add_paths(&self, paths: &[String]) -> Result<()> {
        let mut args = vec!["add", "--all", "--"];
        args.extend(paths.iter().map(String::as_str));
        self.run(&args).map(drop)
    }

    /// Commits what is in the index; `false` (and no commit) when it holds no change.
    pub fn commit(&self, message: &str) -> Result<bool> {
        self.commit_paths(message, &[])
    }

    /// Commits the index's changes to `paths` only (every change when `paths` is empty), as
    /// `git commit -- <paths>` does; `false` (and no commit) when there is none. Commit hooks
    /// are not run (`--no-verify`).
    pub fn commit_paths(&self, message: &str, paths: &[String]) -> Result<bool> {
        let mut diff = vec!["diff", "--cached", "--quiet", "--"];
        diff.extend(paths.iter().map(String::as_str));
        if self.run_maybe(&diff)?.is_some() {
            return Ok(false);
        }
        let identity = self.identity_args()?;
        let mut args: Vec<&str> = identity.iter().map(String::as_str).collect();
        args.extend(["commit", "--quiet", "--no-verify", "-m", message]);
        if !paths.is_empty() {
            args.push("--");
            args.extend(paths.iter().map(String::as_str));
        }
        self.run(&args)?;
        Ok(true)
    }

    /// `-c user.name=... -c user.email=...` for what git has no value of.
    fn identity_args(&self) -> Result<Vec<String>> {
        let mut args = Vec::new();
        if self.config_get("user.name")?.is_none_or(|v| v.is_empty()) {
            args.extend(["-c".into(), format!("user.name={}", self.cli.identity.name)]);
        }
        if self.config_get("user.email")?.is_none_or(|v| v.is_empty()) {
            args.extend(["-c".into(), format!("user.email={}", self.cli.identity.email)]);
        }
        Ok(args)
    }

    /// Pushes the current branch to the branch of the same name on `origin` (creating it on an
    /// empty remote), without running the `pre-push` hook. A rejection because the remote moved
    /// on is `sync.push_rejected`.
    pub fn push(&self) -> Result<()> {
        let branch = self.current_branch()?.ok_or_else(|| SyncError::GitFailed {
            command: "git push".into(),
            detail: "HEAD is not on a branch".into(),
        })?;
        let refspec = format!("HEAD:refs/heads/{branch}");
        self.run(&["push", "--quiet", "--no-verify", "origin", &refspec]).map(drop)
    }

    /// True when the working tree and the index hold no change against `HEAD` and no untracked
    /// file.
    pub fn status_clean(&self) -> Result<bool> {
        Ok(self.status_paths(&[])?.is_empty())
    }

    /// The paths `git status` reports changed or untracked under `paths` (everywhere when
    /// empty).
    pub fn status_paths(&self, paths: &[String]) -> Result<Vec<String>> {
        let mut args = vec!["status", "--porcelain=v1", "-z", "--untracked-files=all", "--"];
        args.extend(paths.iter().map(String::as_str));
        let out = self.run_bytes(&args)?;
        let mut found = Vec::new();
        let mut entries = out.split(|b| *b == 0).filter(|e| !e.is_empty());
        while let Some(entry) = entries.next() {
            let (status, path) = entry.split_at(entry.len().min(3));
            found.push(String::from_utf8_lossy(path).into_owned());
            if status.first().is_some_and(|s| *s == b'R' || *s == b'C') {
                // A rename names its source next.
                if let Some(from) = entries.next() {
                    found.push(String::from_utf8_lossy(from).into_owned());
                }
            }
        }
        Ok(found)
    }

    /// `git reset --hard <rev>`.
    pub fn reset_hard(&self, rev: &str) -> Result<()> {
        self.run(&["reset", "--quiet", "--hard", rev]).map(drop)
    }

    /// `git clean -ffdx`: removes every untracked and ignored file and folder.
    pub fn clean(&self) -> Result<()> {
        self.run(&["clean", "-ffdxq"]).map(drop)
    }

    /// The paths that differ between the commits `from` and `to` (renames as a removal and an
    /// addition).
    pub fn diff_names(&self, from: &str, to: &str) -> Result<Vec<String>> {
        let out = self.run_bytes(&["diff", "--name-only", "-z", "--no-renames", from, to, "--"])?;
        Ok(split_z(&out))
    }

    /// The names of the entries directly in the folder `dir` of commit `rev` (`""`: its top
    /// folder), files and folders alike, sorted; empty when there is no such folder.
    pub fn ls_tree_names(&self, rev: &str, dir: &str) -> Result<Vec<String>> {
        let dir = dir.trim_matches('/');
        let mut args = vec!["ls-tree", "-z", "--name-only", "--full-tree", rev];
        let inside = format!("{dir}/");
        if !dir.is_empty() {
            args.extend(["--", &inside]);
        }
        let out = self.run_bytes(&args)?;
        let names = split_z(&out).into_iter();
        Ok(names.map(|p| p.strip_prefix(&inside).map(str::to_string).unwrap_or(p)).collect())
    }

    /// Every file under the folder `dir` of commit `rev` (`""`: all), as paths from the top.
    pub fn ls_files(&self, rev: &str, dir: &str) -> Result<Vec<String>> {
        let dir = dir.trim_matches('/');
        let mut args = vec!["ls-tree", "-r", "-z", "--name-only", "--full-tree", rev];
        if !dir.is_empty() {
            args.extend(["--", dir]);
        }
        let out = self.run_bytes(&args)?;
        Ok(split_z(&out))
    }

    /// The bytes of the file `path` in commit `rev`.
    pub fn show_file(&self, rev: &str, path: &str) -> Result<Vec<u8>> {
        let spec = format!("{rev}:{}", path.trim_start_matches('/'));
        self.run_bytes(&["cat-file", "blob", &spec])
    }
}

fn split_z(out: &[u8]) -> Vec<String> {
    out.split(|b| *b == 0)
        .filter(|e| !e.is_empty())
        .map(|e| String::from_utf8_lossy(e).into_owned())
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The system git, kept from the user's and the system's configuration (no identity, no
    /// credential helper), identified as the default.
    pub fn git() -> GitCli {
        GitCli::system()
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", std::env::temp_dir())
    }

    /// A bare repository `remote.git` in `dir`, empty.
    pub fn bare(dir: &Path) -> Git {
        git().init(dir.join("remote.git"), true).unwrap()
    }

    fn s(p: &Path) -> &str {
        p.to_str().unwrap()
    }

    fn write(dir: &Path, name: &str, text: &str) {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn the_version_is_read_and_a_missing_program_is_git_missing() {
        assert!(git().version().unwrap().starts_with("git version "));
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-git");
        let e = Git::with_program(&missing).version().unwrap_err();
        assert_eq!(e.code(), "sync.git_missing", "{e}");
        assert!(e.to_string().contains("Install git"), "{e}");
        let e = Git::with_program("almanac-no-such-git-program").open(dir.path()).unwrap_err();
        assert_eq!(e.code(), "sync.git_missing", "{e}");
    }

    #[test]
    fn an_empty_remote_clones_and_its_first_push_creates_main() {
        let dir = tempfile::tempdir().unwrap();
        let remote = bare(dir.path());
        let work = git().clone_into(s(remote.dir()), dir.path().join("work")).unwrap();
        assert_eq!(work.head().unwrap(), None);
        assert_eq!(work.remote_branch().unwrap(), "main");
        work.fetch().unwrap();
        work.checkout_remote("main").unwrap();
        assert!(work.status_clean().unwrap());
        assert!(!work.commit("nothing").unwrap(), "nothing to commit");

        write(work.dir(), "a/one.txt", "one\n");
        write(work.dir(), "two.txt", "two\n");
        assert!(!work.status_clean().unwrap());
        work.add_all().unwrap();
        assert!(work.commit("First").unwrap(), "committed with the fallback identity");
        let first = work.head().unwrap().unwrap();
        let author = work.run(&["log", "-1", "--format=%an <%ae>"]).unwrap();
        assert_eq!(author.trim(), "Almanac Studio <almanac-studio@localhost>");
        work.push().unwrap();
        assert_eq!(remote.rev_parse("refs/heads/main").unwrap().as_deref(), Some(&*first));
        assert_eq!(work.remote_branch().unwrap(), "main");

        std::fs::remove_file(work.dir().join("two.txt")).unwrap();
        write(work.dir(), "a/three.txt", "three\n");
        work.add_all().unwrap();
        assert!(work.commit("Second").unwrap());
        let second = work.head().unwrap().unwrap();
        assert_eq!(work.diff_names(&first, &second).unwrap(), ["a/three.txt", "two.txt"]);
        assert_eq!(work.ls_tree_names(&second, "").unwrap(), ["a"]);
        assert_eq!(work.ls_tree_names(&second, "a").unwrap(), ["one.txt", "three.txt"]);
        assert!(work.ls_tree_names(&second, "none").unwrap().is_empty());
        assert_eq!(work.ls_files(&first, "").unwrap(), ["a/one.txt", "two.txt"]);
        assert_eq!(work.show_file(&second, "a/three.txt").unwrap(), b"three\n");

        // Back to the remote's state: the local commit and stray files are gone.
        write(work.dir(), "stray.txt", "x");
        work.reset_hard(&first).unwrap();
        work.clean().unwrap();
        assert!(work.status_clean().unwrap());
        assert_eq!(work.head().unwrap().as_deref(), Some(&*first));
    }

    #[test]
    fn a_configured_identity_wins_and_a_given_one_is_the_fallback() {
        let dir = tempfile::tempdir().unwrap();
        let repo = git().identity("Rita Moreno", "rita@example.org");
        let repo = repo.init(dir.path().join("r"), false).unwrap();
        write(repo.dir(), "x", "x");
        repo.add_all().unwrap();
        assert!(repo.commit("one").unwrap());
        let who = |r: &Git| r.run(&["log", "-1", "--format=%an <%ae>"]).unwrap().trim().to_string();
        assert_eq!(who(&repo), "Rita Moreno <rita@example.org>");
        repo.run(&["config", "user.name", "Configured"]).unwrap();
        repo.run(&["config", "user.email", "c@example.org"]).unwrap();
        write(repo.dir(), "y", "y");
        repo.add_all().unwrap();
        assert!(repo.commit("two").unwrap());
        assert_eq!(who(&repo), "Configured <c@example.org>");
    }

    #[test]
    fn a_push_behind_the_remote_is_rejected() {
        let dir = tempfile::tempdir().unwrap();
        let remote = bare(dir.path());
        let url = s(remote.dir()).to_string();
        let a = git().clone_into(&url, dir.path().join("a")).unwrap();
        a.checkout_remote("main").unwrap();
        write(a.dir(), "f", "a");
        a.add_all().unwrap();
        a.commit("a").unwrap();
        a.push().unwrap();
        let b = git().clone_into(&url, dir.path().join("b")).unwrap();
        write(a.dir(), "f", "a2");
        a.add_all().unwrap();
        a.commit("a2").unwrap();
        a.push().unwrap();
        write(b.dir(), "g", "b");
        b.add_all().unwrap();
        b.commit("b").unwrap();
        let e = b.push().unwrap_err();
        assert_eq!(e.code(), "sync.push_rejected", "{e}");
        // Fetched and put at the remote's state, it pushes.
        b.fetch().unwrap();
        b.checkout_remote(&b.remote_branch().unwrap()).unwrap();
        assert_eq!(b.head().unwrap(), a.head().unwrap());
    }

    #[test]
    fn status_names_changed_and_untracked_paths_under_the_given_ones() {
        let dir = tempfile::tempdir().unwrap();
        let repo = git().init(dir.path().join("r"), false).unwrap();
        write(repo.dir(), "a/x", "x");
        write(repo.dir(), "b/y", "y");
        repo.add_all().unwrap();
        repo.commit("one").unwrap();
        assert!(repo.status_clean().unwrap());
        write(repo.dir(), "a/x", "changed");
        write(repo.dir(), "c/new", "new");
        assert_eq!(repo.status_paths(&["a".into(), "b".into()]).unwrap(), ["a/x"]);
        assert_eq!(repo.status_paths(&[]).unwrap(), ["a/x", "c/new"]);
        assert!(repo.status_paths(&["b".into()]).unwrap().is_empty());
    }

    #[test]
    fn a_path_that_does_not_exist_is_unreachable() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no/such/remote.git");
        let e = git().clone_into(s(&missing), dir.path().join("work")).unwrap_err();
        assert_eq!(e.code(), "sync.unreachable", "{e}");
        assert!(e.to_string().contains("work goes on offline"), "{e}");
        assert!(!dir.path().join("work").exists());

        // A folder that is not a repository, and a remote that went away after the clone.
        std::fs::create_dir(dir.path().join("plain")).unwrap();
        let plain = dir.path().join("plain");
        let e = git().clone_into(s(&plain), dir.path().join("w2")).unwrap_err();
        assert_eq!(e.code(), "sync.unreachable", "{e}");
        let remote = bare(dir.path());
        let work = git().clone_into(s(remote.dir()), dir.path().join("w3")).unwrap();
        std::fs::rename(remote.dir(), dir.path().join("moved.git")).unwrap();
        let e = work.fetch().unwrap_err();
        assert_eq!(e.code(), "sync.unreachable", "{e}");
    }

    #[test]
    fn failures_are_classified_by_what_git_says() {
        let code = |stderr: &str| classify("git x", stderr).code();
        let unreachable = [
            "fatal: unable to access 'https://example.invalid/x/': Could not resolve host: \
             example.invalid",
            "ssh: Could not resolve hostname example.invalid: Name or service not known\n\
             fatal: Could not read from remote repository.\n\nPlease make sure you have the \
             correct access rights\nand the repository exists.",
            "fatal: unable to access 'http://127.0.0.1:1/x/': Failed to connect to 127.0.0.1 \
             port 1: Connection refused",
            "fatal: '/nope' does not appear to be a git repository\nfatal: Could not read from \
             remote repository.",
            "fatal: repository '/nope' does not exist",
            "remote: Repository not found.\nfatal: repository 'https://github.com/a/b/' not found",
            "ssh: connect to host example.org port 22: Connection timed out",
            "fatal: unable to access 'https://example.org/x/': Failed to connect to example.org \
             port 443 after 2 ms: Couldn't connect to server",
        ];
        for e in unreachable {
            assert_eq!(code(e), "sync.unreachable", "{e}");
        }
        let auth = [
            "remote: Invalid username or password.\nfatal: Authentication failed for \
             'https://github.com/a/b/'",
            "fatal: could not read Username for 'https://github.com': terminal prompts disabled",
            "fatal: unable to access 'https://example.org/x/': The requested URL returned \
             error: 403",
            "git@github.com: Permission denied (publickey).\nfatal: Could not read from remote \
             repository.",
            "Host key verification failed.\nfatal: Could not read from remote repository.",
        ];
        for e in auth {
            assert_eq!(code(e), "sync.auth_refused", "{e}");
        }
        let rejected = [
            "To /r.git\n ! [rejected]        main -> main (fetch first)\nerror: failed to push \
             some refs to '/r.git'",
            " ! [rejected]        main -> main (non-fast-forward)",
        ];
        for e in rejected {
            assert_eq!(code(e), "sync.push_rejected", "{e}");
        }
        let other = classify(
            "git push origin HEAD:refs/heads/main",
            "  ! [remote rejected] main -> main (pre-receive hook declined)\n",
        );
        assert_eq!(other.code(), "sync.git_failed");
        let msg = other.to_string();
        assert!(msg.starts_with("`git push origin HEAD:refs/heads/main` failed: !"), "{msg}");
        assert!(msg.ends_with("(pre-receive hook declined)"), "{msg}");
    }

    #[test]
    fn opening_a_folder_that_is_not_a_repository_fails() {
        let dir = tempfile::tempdir().unwrap();
        let e = git().env("GIT_CEILING_DIRECTORIES", dir.path()).open(dir.path()).unwrap_err();
        assert_eq!(e.code(), "sync.git_failed", "{e}");
        let e = git().open(dir.path().join("missing")).unwrap_err();
        assert_eq!(e.code(), "sync.io", "{e}");
        let repo = git().init(dir.path().join("r"), false).unwrap();
        let opened = git().open(repo.dir()).unwrap();
        assert!(!opened.is_bare().unwrap());
        assert_eq!(opened.current_branch().unwrap().as_deref(), Some("main"));
        let remote = bare(dir.path());
        assert!(git().open(remote.dir()).unwrap().is_bare().unwrap());
    }
}
