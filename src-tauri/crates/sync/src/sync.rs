//! Linking a library to a shared git repository and syncing with it.
//!
//! The app keeps its own clone of the shared repository beside its database
//! ([`clone_dir`]). The store is the truth for everything made here; the clone only carries
//! files between the store and the remote, so a sync can always start over from the remote:
//!
//! 1. take the sync lock (one sync at a time per clone), clear what a killed git left behind;
//! 2. `git fetch`, then put the clone exactly at the remote branch (any commit of an earlier
//!    sync that never reached the remote is dropped: its content is still in the store);
//! 3. bring in the files changed since the commit last brought in ([`Store::import_shared`]:
//!    new guides, versions and review events; a same-label version made here is renamed);
//! 4. write what the store has not shared yet ([`Store::to_share`]), commit, push;
//! 5. on success record it as shared ([`Store::mark_shared`]); a rejected push (a colleague
//!    pushed meanwhile) goes back to 2, a few times.
//!
//! A sync killed at any moment leaves a consistent store (every store write is one
//! transaction) and a clone that step 2 resets; bringing the same files in twice changes
//! nothing, so the next sync finishes the job.

use std::fs::{File, OpenOptions as FsOpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::Instant;

use almanac_store::{
    LabelRef, SharedImport, Store, BEHIND_SETTING, LIBRARY_SETTING, REVIEWER_SETTING,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Result, SyncError};
use crate::git::{Git, GitCli};
use crate::layout::{self, Entry, README};

/// The setting holding the remote commit whose files the store has brought in.
pub const IMPORTED_SETTING: &str = "shared.commit";

/// How long a sync waits for another one on the same clone before it reports `sync.busy`.
pub const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// How many times a sync fetches again after a rejected push before giving up.
pub const PUSH_ATTEMPTS: usize = 4;

/// Where the clone of the shared library of the database at `db_path` lives: beside it.
pub fn clone_dir(db_path: &Path) -> PathBuf {
    db_path.parent().unwrap_or(Path::new(".")).join("shared-library")
}

/// What the library knows of its link, without touching the network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LibraryStatus {
    /// The shared library's remote (a URL or a path); `None` when not linked.
    pub remote: Option<String>,
    /// The clone the app keeps.
    #[ts(type = "string")]
    pub clone: PathBuf,
    /// This machine's name as colleagues see it.
    pub machine: String,
    /// The name this library's acts are recorded under (empty when unset).
    pub author: String,
    /// Folders the last check found changed in the shared library and not brought in yet.
    pub behind: Vec<String>,
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct SyncReport {
    /// What arrived from colleagues.
    pub imported: SharedImport,
    /// Versions shared by this sync.
    pub shared_versions: Vec<LabelRef>,
    /// How many review events this sync shared.
    #[ts(type = "number")]
    pub shared_events: usize,
    /// The commit pushed, if one was.
    pub commit: Option<String>,
    /// How many times the push was rejected (a colleague pushed meanwhile) and redone.
    #[ts(type = "number")]
    pub retries: usize,
    /// How long it took, in milliseconds.
    #[ts(type = "number")]
    pub millis: u64,
}

impl SyncReport {
    /// One line for people: "Shared v2 of energy-for-ai; brought in 1 version and 2 notes".
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if !self.shared_versions.is_empty() {
            let list: Vec<String> =
                self.shared_versions.iter().map(|l| format!("{} {}", l.slug, l.label)).collect();
            parts.push(format!("shared {}", list.join(", ")));
        }
        if self.shared_events > 0 {
            parts.push(format!(
                "shared {} review event{}",
                self.shared_events,
                plural(self.shared_events)
            ));
        }
        let i = &self.imported;
        if !i.new_guides.is_empty() {
            parts.push(format!(
                "new guide{}: {}",
                plural(i.new_guides.len()),
                i.new_guides.join(", ")
            ));
        }
        if !i.new_versions.is_empty() {
            let list: Vec<String> =
                i.new_versions.iter().map(|l| format!("{} {}", l.slug, l.label)).collect();
            parts.push(format!("brought in {}", list.join(", ")));
        }
        if i.events > 0 {
            parts.push(format!("brought in {} review event{}", i.events, plural(i.events)));
        }
        for r in &i.renamed {
            parts.push(format!(
                "your {} of {} is now {} (a colleague shared a {} first)",
                r.from, r.slug, r.to, r.from
            ));
        }
        if parts.is_empty() {
            "Everything is in sync.".into()
        } else {
            let mut s = parts.join("; ");
            s[..1].make_ascii_uppercase();
            s.push('.');
            s
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A library's link to a shared repository: the git program and the clone.
#[derive(Debug, Clone)]
pub struct Library {
    git: GitCli,
    clone: PathBuf,
}

impl Library {
    /// The library of the database at `db_path`, with the system git.
    pub fn for_store(store: &Store) -> Library {
        Library::new(GitCli::system(), clone_dir(store.path()))
    }

    /// A library with an explicit git and clone folder (tests, other layouts).
    pub fn new(git: GitCli, clone: impl Into<PathBuf>) -> Library {
        Library { git, clone: clone.into() }
    }

    /// The clone folder.
    pub fn clone_path(&self) -> &Path {
        &self.clone
    }

    /// The link as the store records it.
    pub fn status(&self, store: &Store) -> Result<LibraryStatus> {
        let behind = store
            .setting(BEHIND_SETTING)?
            .and_then(|v| serde_json::from_str::<Vec<String>>(&v).ok())
            .unwrap_or_default();
        Ok(LibraryStatus {
            remote: store.setting(LIBRARY_SETTING)?,
            clone: self.clone.clone(),
            machine: store.machine_name()?,
            author: store.setting(REVIEWER_SETTING)?.unwrap_or_default(),
            behind,
        })
    }

    /// Links the library to `remote` (a URL, or the path of a repository, bare or not; an empty
    /// one is fine): clones it, records the link, then syncs. Linking to another remote than
    /// before shares everything again there. Nothing is recorded when the clone fails.
    pub fn link(&self, store: &mut Store, remote: &str) -> Result<SyncReport> {
        let remote = remote.trim();
        if remote.is_empty() {
            return Err(SyncError::GitFailed {
                command: "git clone".into(),
                detail: "no remote was given: name a git URL or the path of a repository".into(),
            });
        }
        self.git.version()?;
        let _lock = self.lock()?;
        let fresh = self.clone.with_extension("linking");
        remove_dir(&fresh)?;
        if let Some(parent) = fresh.parent() {
            std::fs::create_dir_all(parent).map_err(|e| SyncError::io(parent, e))?;
        }
        self.git.clone_into(&absolute_remote(remote), &fresh)?;
        remove_dir(&self.clone)?;
        std::fs::rename(&fresh, &self.clone).map_err(|e| SyncError::io(&self.clone, e))?;
        let before = store.setting(LIBRARY_SETTING)?;
        if before.as_deref() != Some(remote) {
            store.forget_shared()?;
        }
        store.set_setting(LIBRARY_SETTING, remote)?;
        store.set_setting(IMPORTED_SETTING, "")?;
        store.set_setting(BEHIND_SETTING, "")?;
        self.sync_locked(store)
    }

    /// Syncs (module docs). `sync.not_linked` before a link; `sync.unreachable` /
    /// `sync.auth_refused` when the remote cannot be used (the store is untouched: work goes
    /// on, sync later); `sync.push_rejected` when colleagues kept pushing through every retry.
    pub fn sync(&self, store: &mut Store) -> Result<SyncReport> {
        if store.setting(LIBRARY_SETTING)?.is_none() {
            return Err(SyncError::NotLinked);
        }
        let _lock = self.lock()?;
        self.sync_locked(store)
    }

    /// [`Library::sync`] with the sync lock held.
    fn sync_locked(&self, store: &mut Store) -> Result<SyncReport> {
        let started = Instant::now();
        let git = self.open_clone(store)?;
        clear_leftovers(git.dir());
        let mut report = SyncReport::default();
        for attempt in 0..PUSH_ATTEMPTS {
            report.retries = attempt;
            git.fetch()?;
            let branch = git.remote_branch()?;
            git.checkout_remote(&branch)?;
            let head = git.rev_parse(&format!("origin/{branch}"))?;
            let imported = self.bring_in(&git, store, head.as_deref())?;
            merge_import(&mut report.imported, imported);
            let out = store.to_share()?;
            if out.iter().all(|s| s.versions.is_empty() && s.events.is_empty()) {
                if !out.is_empty() {
                    // Guides with versions all shared already: only their folders are new.
                    store.mark_shared(&out)?;
                }
                break;
            }
            let mut paths = Vec::new();
            let root = git.dir().to_path_buf();
            if !root.join("README.md").exists() {
                write_file(&root, "README.md", README.as_bytes())?;
                paths.push("README.md".to_string());
            }
            let mut message = Vec::new();
            for s in &out {
                for (_, label, bytes) in &s.versions {
                    let p = layout::version_path(&s.folder, label);
                    write_file(&root, &p, bytes)?;
                    paths.push(p);
                }
                for (id, bytes) in &s.events {
                    let p = layout::event_path(&s.folder, id);
                    write_file(&root, &p, bytes)?;
                    paths.push(p);
                }
                let labels: Vec<&str> = s.versions.iter().map(|v| v.1.as_str()).collect();
                let mut what = s.folder.clone();
                if !labels.is_empty() {
                    what.push(' ');
                    what.push_str(&labels.join(", "));
                }
                if !s.events.is_empty() {
                    what.push_str(&format!(
                        " ({} review event{})",
                        s.events.len(),
                        plural(s.events.len())
                    ));
                }
                message.push(what);
            }
            git.add_paths(&paths)?;
            let machine = store.machine_name()?;
            let subject = format!("Share {} from {machine}", message.join("; "));
            git.commit(&subject)?;
            match git.push() {
                Ok(()) => {
                    store.mark_shared(&out)?;
                    let new_head = git.head()?;
                    if let Some(h) = &new_head {
                        store.set_setting(IMPORTED_SETTING, h)?;
                    }
                    for s in &out {
                        let slug = s.folder.clone();
                        report.shared_versions.extend(
                            s.versions
                                .iter()
                                .map(|v| LabelRef { slug: slug.clone(), label: v.1.clone() }),
                        );
                        report.shared_events += s.events.len();
                    }
                    report.commit = new_head;
                    break;
                }
                Err(SyncError::PushRejected { detail }) => {
                    if attempt + 1 == PUSH_ATTEMPTS {
                        return Err(SyncError::PushRejected { detail });
                    }
                }
                Err(e) => return Err(e),
            }
        }
        store.set_setting(BEHIND_SETTING, "")?;
        report.millis = started.elapsed().as_millis() as u64;
        Ok(report)
    }

    /// Asks the remote what changed since the last sync, without bringing anything in: the
    /// folders found are recorded (the library shows those guides as behind) and returned.
    pub fn check(&self, store: &mut Store) -> Result<Vec<String>> {
        if store.setting(LIBRARY_SETTING)?.is_none() {
            return Err(SyncError::NotLinked);
        }
        let _lock = self.lock()?;
        let git = self.open_clone(store)?;
        clear_leftovers(git.dir());
        git.fetch()?;
        let branch = git.remote_branch()?;
        let Some(head) = git.rev_parse(&format!("origin/{branch}"))? else {
            return Ok(Vec::new());
        };
        let paths = self.changed_paths(&git, store, &head)?;
        let mut folders: Vec<String> = paths
            .iter()
            .filter_map(|p| match layout::entry(p) {
                Some(Entry::Version { folder, .. } | Entry::Event { folder, .. }) => Some(folder),
                None => None,
            })
            .collect();
        folders.sort();
        folders.dedup();
        let value = if folders.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&folders).expect("strings serialise")
        };
        store.set_setting(BEHIND_SETTING, &value)?;
        Ok(folders)
    }

    /// The clone, cloned again from the recorded remote when it is missing or damaged (the
    /// caller holds the sync lock).
    fn open_clone(&self, store: &Store) -> Result<Git> {
        match self.git.open(&self.clone) {
            Ok(git) if git.remote_url()?.is_some() => Ok(git),
            _ => {
                let remote = store.setting(LIBRARY_SETTING)?.ok_or(SyncError::NotLinked)?;
                let fresh = self.clone.with_extension("linking");
                remove_dir(&fresh)?;
                self.git.clone_into(&absolute_remote(&remote), &fresh)?;
                remove_dir(&self.clone)?;
                std::fs::rename(&fresh, &self.clone).map_err(|e| SyncError::io(&self.clone, e))?;
                self.git.open(&self.clone)
            }
        }
    }

    /// The paths changed between the commit last brought in and `head` (every path when none
    /// was, or when that commit is gone from the remote's history).
    fn changed_paths(&self, git: &Git, store: &Store, head: &str) -> Result<Vec<String>> {
        let last = store.setting(IMPORTED_SETTING)?;
        match last {
            Some(last) if last == head => Ok(Vec::new()),
            Some(last) if git.rev_parse(&last)?.is_some() => git.diff_names(&last, head),
            _ => git.ls_files(head, ""),
        }
    }

    fn bring_in(&self, git: &Git, store: &mut Store, head: Option<&str>) -> Result<SharedImport> {
        let Some(head) = head else { return Ok(SharedImport::default()) };
        let paths = self.changed_paths(git, store, head)?;
        let incoming = layout::read_entries(git.dir(), &paths)?;
        let imported = if incoming.is_empty() {
            SharedImport::default()
        } else {
            store.import_shared(&incoming)?
        };
        store.set_setting(IMPORTED_SETTING, head)?;
        Ok(imported)
    }

    /// One sync at a time per clone (the app and the CLI may share a database): an exclusive
    /// lock on a file beside the clone, released when dropped (also when the process dies).
    fn lock(&self) -> Result<File> {
        let path = self.clone.with_extension("lock");
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| SyncError::io(parent, e))?;
        }
        let file = FsOpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| SyncError::io(&path, e))?;
        // A lock just released can stay held for a moment by a process another thread is
        // starting (the descriptor lives in the child until it runs its program), and a quick
        // check of the app's may be finishing: wait a little before calling it busy.
        let deadline = Instant::now() + LOCK_WAIT;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(file),
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(TryLockError::WouldBlock) => return Err(SyncError::Busy),
                Err(TryLockError::Error(e)) => return Err(SyncError::io(&path, e)),
            }
        }
    }
}

/// A remote given as a relative path is made absolute (git resolves it against the clone's
/// own folder otherwise).
fn absolute_remote(remote: &str) -> String {
    let looks_like_url = remote.contains("://") || remote.contains('@') && remote.contains(':');
    if looks_like_url {
        return remote.to_string();
    }
    let path = Path::new(remote);
    if path.is_absolute() {
        remote.to_string()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path).display().to_string())
            .unwrap_or_else(|_| remote.to_string())
    }
}

/// Removes the lock files a git killed mid-operation leaves behind (the sync lock guarantees no
/// git of ours is running in this clone).
fn clear_leftovers(dir: &Path) {
    let git_dir = dir.join(".git");
    for name in ["index.lock", "HEAD.lock", "config.lock", "packed-refs.lock", "shallow.lock"] {
        let _ = std::fs::remove_file(git_dir.join(name));
    }
    remove_locks_under(&git_dir.join("refs"));
}

fn remove_locks_under(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            remove_locks_under(&p);
        } else if p.extension().is_some_and(|x| x == "lock") {
            let _ = std::fs::remove_file(&p);
        }
    }
}

fn remove_dir(dir: &Path) -> Result<()> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(SyncError::io(dir, e)),
    }
}

/// Writes a file of the clone (its folders made as needed). The files are written once and
/// never changed; an existing file with other bytes is overwritten only in the working tree,
/// where git then refuses nothing: the next sync resets it.
fn write_file(root: &Path, rel: &str, bytes: &[u8]) -> Result<()> {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| SyncError::io(parent, e))?;
    }
    std::fs::write(&path, bytes).map_err(|e| SyncError::io(&path, e))
}

fn merge_import(into: &mut SharedImport, more: SharedImport) {
    into.new_guides.extend(more.new_guides);
    into.new_versions.extend(more.new_versions);
    into.renamed.extend(more.renamed);
    into.events += more.events;
    into.refused.extend(more.refused);
    into.to_merge.extend(more.to_merge);
}
