//! Publishing every guide's live version to a site: a git repository or a folder.
//!
//! The site holds, at its top, one bundle folder `<slug>/` per guide that has a live version
//! (guides in the trash are not published), exactly as `almanac export SLUG@LABEL` writes it,
//! and `index.json` listing them ([`SiteIndex`]). A bundle folder of a guide that is no longer
//! live (archived, moved back, trashed) is removed; anything else at the top of the site (files,
//! hidden folders, folders that are not bundles) is left alone.
//!
//! # Steps
//! 1. Every live version is read as published (`Store::publishable_version`) and built in
//!    memory (`almanac_bundle::build_bundle`), as `almanac export` does. A guide that does not
//!    build (validation errors) is `sync.check_failed`, before anything is written.
//! 2. The site is compared with what it should hold: a bundle whose files are already byte for
//!    byte the same is left as it is. Something that is not a bundle where a bundle goes, or an
//!    `index.json` that is not a file, is `sync.target_exists`.
//! 3. The bundles that change are written into a hidden staging folder inside the site
//!    (`.almanac-publish.staging-...`) and each is read back with `almanac_bundle::check_bundle`.
//!    One failing is `sync.check_failed`: the staging folder is removed and the site is as it
//!    was.
//! 4. Only then is the site changed: each bundle renamed into place whole (an existing one
//!    replaced by renames), stale bundle folders removed, `index.json` written atomically.
//!
//! # Sites
//! - [`Site::Dir`]: a folder (created when missing). No commit.
//! - [`Site::Git`] with a URL or the path of a bare repository: cloned into the caller's working
//!   folder (or that clone reused: fetched and put exactly at the remote branch, stray files
//!   removed), written, committed (`git add -A`) with a message naming what changed, and
//!   pushed. A push rejected because the remote moved on is retried once from a fresh fetch,
//!   then `sync.push_rejected`. An empty remote works: the first publish creates `main`. Any
//!   failure leaves the clone at the remote's state for the next publish.
//! - [`Site::Git`] with the path of a repository with a working tree: written into its working
//!   tree and committed there (only the paths publishing wrote), never pushed. Refused with
//!   `sync.uncommitted` when the working tree has changes where publishing would write.
//!
//! Publishing is deterministic: the same live versions in the same states give the same bytes,
//! and publishing again with no change writes nothing and makes no commit
//! ([`PublishReport::unchanged`]).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use almanac_bundle::{files, BundleFiles, Manifest, MANIFEST_JSON};
use almanac_store::{ListQuery, Store};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::{Result, SyncError};
use crate::git::{Git, GitCli};

/// The site index at the top of a published site.
pub const INDEX_JSON: &str = "index.json";
/// The format version written to `index.json`.
pub const INDEX_FORMAT: u32 = 1;
/// The prefix of the hidden folders publishing works in inside a site.
const WORK_PREFIX: &str = "almanac-publish";

/// Where to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Site {
    /// A git repository: a URL, the path of a bare repository, or the path of a repository
    /// with a working tree (committed there, not pushed).
    Git(String),
    /// A plain folder.
    Dir(PathBuf),
}

/// What a publish did.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct PublishReport {
    /// Every guide the site now holds, as (slug, live version label), sorted by slug.
    pub published: Vec<(String, String)>,
    /// The slugs whose bundle was written this time (new or changed), sorted.
    pub written: Vec<String>,
    /// The slugs whose bundle folder was removed (no longer live), sorted.
    pub removed: Vec<String>,
    /// True when nothing changed: the site already held exactly this (no file written, no
    /// commit).
    pub unchanged: bool,
    /// The commit made (full hash), when one was.
    pub commit: Option<String>,
    /// True when the commit was pushed.
    pub pushed: bool,
}

/// `index.json`: the published guides. Field order here is the field order in the file;
/// written pretty-printed with a final newline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SiteIndex {
    /// [`INDEX_FORMAT`].
    pub format: u32,
    /// Sorted by slug.
    pub guides: Vec<SiteIndexEntry>,
}

/// One published guide in `index.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SiteIndexEntry {
    /// The bundle folder's name.
    pub slug: String,
    pub title: String,
    /// The live version's label.
    pub version: String,
    /// When the version's content last changed (`meta.updated` of the published guide).
    pub updated: String,
    /// sha256 (hex) of the bundle's `manifest.json`, which holds the sha256 of every other
    /// file: equal exactly when the bundle is.
    pub manifest_sha256: String,
}

/// A live version, built as a bundle in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveBundle {
    /// The live version's label.
    pub label: String,
    pub title: String,
    /// `meta.updated` of the published guide.
    pub updated: String,
    pub files: BundleFiles,
}

impl LiveBundle {
    pub fn slug(&self) -> &str {
        &self.files.slug
    }
}

/// A name for the folder a site's clone lives in, made from the site's address (the first 16
/// hex digits of its sha256): `<data folder>/sites/<this>`.
pub fn work_dir_name(site: &str) -> String {
    let digest = Sha256::digest(site.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Publishes every live guide of `store` to `site` with the system git. `work_dir` is the
/// folder the clone of a git site lives in (missing, empty, or a clone made by an earlier
/// publish of the same site); it is not used for a folder or a repository with a working tree.
pub fn publish(store: &Store, site: &Site, work_dir: &Path) -> Result<PublishReport> {
    publish_with(store, site, work_dir, &GitCli::system())
}

/// [`publish`] with a given git program (and fallback identity).
pub fn publish_with(
    store: &Store,
    site: &Site,
    work_dir: &Path,
    git: &GitCli,
) -> Result<PublishReport> {
    let bundles = live_bundles(store)?;
    publish_bundles(&bundles, site, work_dir, git, &mut |_| {})
}

/// Every live version of a guide not in the trash, built as a bundle, sorted by slug.
/// `sync.check_failed` for a version that does not build (validation errors, an unsafe slug) or
/// for two guides that would publish to the same folder.
pub fn live_bundles(store: &Store) -> Result<Vec<LiveBundle>> {
    let mut out: Vec<LiveBundle> = Vec::new();
    for g in store.list_guides(&ListQuery::default())? {
        let Some(label) = g.live.clone() else { continue };
        let version = store.version_by_label(g.id, &label)?;
        let guide = store.publishable_version(version.id)?;
        let files = almanac_bundle::build_bundle(&guide).map_err(|e| SyncError::CheckFailed {
            slug: g.slug.clone(),
            label: label.clone(),
            reason: format!("{e} [{}]", e.code()),
        })?;
        if let Some(other) = out.iter().find(|b| b.files.slug == files.slug) {
            return Err(SyncError::CheckFailed {
                slug: g.slug.clone(),
                label,
                reason: format!(
                    "its slug \"{}\" is also the slug of the live version {} of another guide \
                     (\"{}\"), and one folder holds one bundle",
                    files.slug, other.label, other.title
                ),
            });
        }
        out.push(LiveBundle {
            label,
            title: guide.meta.title.clone(),
            updated: guide.meta.updated.clone(),
            files,
        });
    }
    out.sort_by(|a, b| a.files.slug.cmp(&b.files.slug));
    Ok(out)
}

/// `index.json` for `bundles` (sorted by slug), pretty JSON with a final newline.
pub fn site_index(bundles: &[LiveBundle]) -> String {
    let mut guides: Vec<SiteIndexEntry> = bundles
        .iter()
        .map(|b| SiteIndexEntry {
            slug: b.files.slug.clone(),
            title: b.title.clone(),
            version: b.label.clone(),
            updated: b.updated.clone(),
            manifest_sha256: almanac_bundle::sha256_hex(b.files.manifest_json.as_bytes()),
        })
        .collect();
    guides.sort_by(|a, b| a.slug.cmp(&b.slug));
    let index = SiteIndex { format: INDEX_FORMAT, guides };
    let mut out = serde_json::to_string_pretty(&index).expect("an index always serialises");
    out.push('\n');
    out
}

/// Publishes `bundles`; `before_push` runs before each push attempt (1, 2) of a git site.
fn publish_bundles(
    bundles: &[LiveBundle],
    site: &Site,
    work_dir: &Path,
    cli: &GitCli,
    before_push: &mut dyn FnMut(u32),
) -> Result<PublishReport> {
    match site {
        Site::Dir(root) => publish_dir(bundles, root),
        Site::Git(address) => {
            let local = Path::new(address);
            if local.exists() {
                let canonical = fs::canonicalize(local).map_err(|e| SyncError::io(local, e))?;
                if let Some(repo) = worktree_repo(cli, &canonical)? {
                    return publish_worktree(bundles, &repo);
                }
                let url = canonical.to_string_lossy().into_owned();
                publish_clone(bundles, &url, work_dir, cli, before_push)
            } else {
                publish_clone(bundles, address, work_dir, cli, before_push)
            }
        }
    }
}

/// The repository whose working tree's top is `path`, if it is one.
fn worktree_repo(cli: &GitCli, path: &Path) -> Result<Option<Git>> {
    if !path.join(".git").exists() {
        return Ok(None);
    }
    let repo = cli.open(path)?;
    if repo.is_bare()? {
        return Ok(None);
    }
    let top = repo.toplevel()?;
    let top = fs::canonicalize(&top).unwrap_or(top);
    Ok((top == path).then_some(repo))
}

fn base_report(bundles: &[LiveBundle], changes: &Changes) -> PublishReport {
    PublishReport {
        published: bundles.iter().map(|b| (b.files.slug.clone(), b.label.clone())).collect(),
        written: changes.written.iter().map(|w| w.slug.clone()).collect(),
        removed: changes.removed.clone(),
        unchanged: changes.is_empty(),
        commit: None,
        pushed: false,
    }
}

fn publish_dir(bundles: &[LiveBundle], root: &Path) -> Result<PublishReport> {
    let created = files::create_dir_all_tracked(root).map_err(|e| SyncError::io(root, e))?;
    match write_site(root, bundles) {
        Ok(changes) => Ok(base_report(bundles, &changes)),
        Err(e) => {
            files::remove_created(&created);
            Err(e)
        }
    }
}

fn publish_worktree(bundles: &[LiveBundle], repo: &Git) -> Result<PublishReport> {
    let root = repo.dir().to_path_buf();
    let planned = plan(&root, bundles)?;
    let mut paths: Vec<String> = bundles.iter().map(|b| b.files.slug.clone()).collect();
    paths.extend(planned.removes.iter().cloned());
    paths.push(INDEX_JSON.into());
    let dirty = repo.status_paths(&paths)?;
    if !dirty.is_empty() {
        return Err(SyncError::Uncommitted { repo: root, paths: dirty });
    }
    let changes = write_site(&root, bundles)?;
    let mut report = base_report(bundles, &changes);
    let changed = changes.paths();
    if changed.is_empty() {
        return Ok(report);
    }
    repo.add_paths(&changed)?;
    if repo.commit_paths(&commit_message(&changes), &changed)? {
        report.commit = repo.head()?;
    } else {
        report.unchanged = true;
    }
    Ok(report)
}

fn publish_clone(
    bundles: &[LiveBundle],
    url: &str,
    work_dir: &Path,
    cli: &GitCli,
    before_push: &mut dyn FnMut(u32),
) -> Result<PublishReport> {
    let git = open_clone(cli, url, work_dir)?;
    let mut attempt = 0;
    loop {
        attempt += 1;
        git.fetch()?;
        let branch = git.remote_branch()?;
        git.checkout_remote(&branch)?;
        let outcome = commit_site(&git, bundles);
        let (changes, committed) = match outcome {
            Ok(done) => done,
            Err(e) => {
                let _ = git.checkout_remote(&branch);
                return Err(e);
            }
        };
        let mut report = base_report(bundles, &changes);
        if !committed {
            report.unchanged = true;
            return Ok(report);
        }
        before_push(attempt);
        match git.push() {
            Ok(()) => {
                report.commit = git.head()?;
                report.pushed = true;
                return Ok(report);
            }
            Err(SyncError::PushRejected { .. }) if attempt == 1 => continue,
            Err(e) => {
                let _ = git.checkout_remote(&branch);
                return Err(e);
            }
        }
    }
}

/// Writes the site into the clone and commits it; whether a commit was made.
fn commit_site(git: &Git, bundles: &[LiveBundle]) -> Result<(Changes, bool)> {
    let changes = write_site(git.dir(), bundles)?;
    if changes.is_empty() {
        return Ok((changes, false));
    }
    git.add_all()?;
    let committed = git.commit(&commit_message(&changes))?;
    Ok((changes, committed))
}

/// The clone of `url` in `work_dir`: the one there, or a new one when the folder is missing or
/// empty. A folder holding anything else is `sync.target_exists`.
fn open_clone(cli: &GitCli, url: &str, work_dir: &Path) -> Result<Git> {
    if work_dir.join(".git").is_dir() {
        let git = cli.open(work_dir)?;
        let origin = git.remote_url()?;
        if origin.as_deref() == Some(url) {
            return Ok(git);
        }
        return Err(SyncError::TargetExists {
            path: work_dir.to_path_buf(),
            what: format!(
                "a clone of {}, not of {url}",
                origin.as_deref().unwrap_or("no remote repository")
            ),
        });
    }
    match fs::read_dir(work_dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(SyncError::TargetExists {
                    path: work_dir.to_path_buf(),
                    what: "a folder that is not a clone of the site".into(),
                });
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(SyncError::io(work_dir, e)),
    }
    cli.clone_into(url, work_dir)
}

/// What writing a site changed.
#[derive(Debug, Default)]
struct Changes {
    written: Vec<Written>,
    removed: Vec<String>,
    index: bool,
}

#[derive(Debug)]
struct Written {
    slug: String,
    label: String,
    /// The label of the bundle it replaced, when it replaced one.
    previous: Option<String>,
}

impl Changes {
    fn is_empty(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty() && !self.index
    }

    /// The site paths that changed: bundle folders, then `index.json`.
    fn paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = self.written.iter().map(|w| w.slug.clone()).collect();
        paths.extend(self.removed.iter().cloned());
        if self.index {
            paths.push(INDEX_JSON.into());
        }
        paths
    }
}

/// "Publish energy-for-ai v2 (was v1), training-infrastructure v1; remove old-guide".
fn commit_message(changes: &Changes) -> String {
    let mut parts = Vec::new();
    if !changes.written.is_empty() {
        let list: Vec<String> = changes
            .written
            .iter()
            .map(|w| match &w.previous {
                Some(p) if *p != w.label => format!("{} {} (was {p})", w.slug, w.label),
                Some(_) => format!("{} {} (rebuilt)", w.slug, w.label),
                None => format!("{} {}", w.slug, w.label),
            })
            .collect();
        parts.push(format!("publish {}", list.join(", ")));
    }
    if !changes.removed.is_empty() {
        parts.push(format!("remove {}", changes.removed.join(", ")));
    }
    if parts.is_empty() {
        parts.push(format!("update {INDEX_JSON}"));
    }
    let message = parts.join("; ");
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => message,
    }
}

/// What a site needs: which bundles to write (indices into the bundles), which folders to
/// remove, and the index.
#[derive(Debug)]
struct Plan {
    writes: Vec<(usize, Option<String>)>,
    removes: Vec<String>,
    index: String,
    index_changed: bool,
}

/// Compares the site at `root` (which may not exist) with `bundles`. Reads only.
fn plan(root: &Path, bundles: &[LiveBundle]) -> Result<Plan> {
    let mut writes = Vec::new();
    for (i, b) in bundles.iter().enumerate() {
        let target = root.join(b.slug());
        match fs::symlink_metadata(&target) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => writes.push((i, None)),
            Err(e) => return Err(SyncError::io(&target, e)),
            Ok(_) if !almanac_bundle::is_bundle_folder(&target) => {
                return Err(SyncError::TargetExists {
                    path: target,
                    what: "not a bundle folder: it holds other files, or is a file or a link"
                        .into(),
                })
            }
            Ok(_) => {
                if !same_files(&target, &b.files)? {
                    writes.push((i, previous_label(&target)));
                }
            }
        }
    }

    let published: BTreeSet<&str> = bundles.iter().map(LiveBundle::slug).collect();
    let mut removes = Vec::new();
    match fs::read_dir(root) {
        Ok(entries) => {
            for entry in entries {
                let entry = entry.map_err(|e| SyncError::io(root, e))?;
                let Ok(name) = entry.file_name().into_string() else { continue };
                if almanac_guide::is_safe_slug(&name)
                    && !published.contains(name.as_str())
                    && almanac_bundle::is_bundle_folder(&entry.path())
                {
                    removes.push(name);
                }
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(SyncError::io(root, e)),
    }
    removes.sort();

    let index = site_index(bundles);
    let index_path = root.join(INDEX_JSON);
    let index_changed = match fs::symlink_metadata(&index_path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
        Err(e) => return Err(SyncError::io(&index_path, e)),
        Ok(m) if !m.is_file() => {
            return Err(SyncError::TargetExists { path: index_path, what: "not a file".into() })
        }
        Ok(_) => {
            fs::read(&index_path).map_err(|e| SyncError::io(&index_path, e))? != index.as_bytes()
        }
    };
    Ok(Plan { writes, removes, index, index_changed })
}

/// True when the bundle folder `dir` holds exactly `files`.
fn same_files(dir: &Path, files: &BundleFiles) -> Result<bool> {
    let count = fs::read_dir(dir).map_err(|e| SyncError::io(dir, e))?.count();
    if count != files.files().len() {
        return Ok(false);
    }
    for (name, text) in files.files() {
        let path = dir.join(name);
        match fs::read(&path) {
            Ok(bytes) if bytes == text.as_bytes() => {}
            Ok(_) => return Ok(false),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(SyncError::io(path, e)),
        }
    }
    Ok(true)
}

/// The version label in a bundle folder's manifest, when it has a readable one.
fn previous_label(dir: &Path) -> Option<String> {
    let bytes = fs::read(dir.join(MANIFEST_JSON)).ok()?;
    Manifest::parse(&bytes).ok().map(|m| m.version)
}

/// Makes the site at `root` (an existing folder) hold exactly `bundles` and their index: see
/// the module docs, steps 2 to 4.
fn write_site(root: &Path, bundles: &[LiveBundle]) -> Result<Changes> {
    remove_leftovers(root);
    let plan = plan(root, bundles)?;
    let staged: Vec<&LiveBundle> = plan.writes.iter().map(|(i, _)| &bundles[*i]).collect();
    let staging = stage_and_check(root, &staged)?;
    let applied = apply(root, &plan, bundles, staging.as_deref());
    if let Some(staging) = &staging {
        let _ = fs::remove_dir_all(staging);
    }
    applied?;
    files::sync_dir(root);
    Ok(Changes {
        written: plan
            .writes
            .iter()
            .map(|(i, previous)| Written {
                slug: bundles[*i].files.slug.clone(),
                label: bundles[*i].label.clone(),
                previous: previous.clone(),
            })
            .collect(),
        removed: plan.removes,
        index: plan.index_changed,
    })
}

/// Removes the hidden work folders an interrupted publish left at the top of the site.
fn remove_leftovers(root: &Path) {
    let prefix = format!(".{WORK_PREFIX}.");
    let Ok(entries) = fs::read_dir(root) else { return };
    for entry in entries.flatten() {
        let is_ours = entry.file_name().to_str().is_some_and(|n| n.starts_with(&prefix));
        if is_ours && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Writes `bundles` into a new hidden folder inside `root` and checks each there; the folder,
/// or `None` when there is nothing to write. On failure nothing is left.
fn stage_and_check(root: &Path, bundles: &[&LiveBundle]) -> Result<Option<PathBuf>> {
    if bundles.is_empty() {
        return Ok(None);
    }
    let staging = root.join(files::temp_name(WORK_PREFIX, "staging"));
    let result = bundles.iter().try_for_each(|b| stage_one(&staging, b));
    match result {
        Ok(()) => Ok(Some(staging)),
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            Err(e)
        }
    }
}

fn stage_one(staging: &Path, b: &LiveBundle) -> Result<()> {
    let check_failed = |e: almanac_bundle::BundleError| SyncError::CheckFailed {
        slug: b.files.slug.clone(),
        label: b.label.clone(),
        reason: format!("{e} [{}]", e.code()),
    };
    let path = almanac_bundle::write_bundle(&b.files, staging).map_err(|e| match e {
        almanac_bundle::BundleError::WriteFailed { path, source }
        | almanac_bundle::BundleError::Io { path, source } => SyncError::io(path, source),
        other => check_failed(other),
    })?;
    almanac_bundle::check_bundle(&path).map_err(check_failed)?;
    Ok(())
}

/// Moves the staged bundles into place, removes the stale ones and writes the index.
fn apply(root: &Path, plan: &Plan, bundles: &[LiveBundle], staging: Option<&Path>) -> Result<()> {
    for (i, _) in &plan.writes {
        let slug = bundles[*i].slug();
        let staged = staging.expect("bundles to write were staged").join(slug);
        let target = root.join(slug);
        if fs::symlink_metadata(&target).is_ok() {
            let old = root.join(files::temp_name(WORK_PREFIX, "previous"));
            fs::rename(&target, &old).map_err(|e| SyncError::io(&target, e))?;
            if let Err(e) = fs::rename(&staged, &target) {
                let _ = fs::rename(&old, &target);
                return Err(SyncError::io(&target, e));
            }
            let _ = fs::remove_dir_all(&old);
        } else {
            fs::rename(&staged, &target).map_err(|e| SyncError::io(&target, e))?;
        }
    }
    for slug in &plan.removes {
        let target = root.join(slug);
        let old = root.join(files::temp_name(WORK_PREFIX, "removed"));
        fs::rename(&target, &old).map_err(|e| SyncError::io(&target, e))?;
        fs::remove_dir_all(&old).map_err(|e| SyncError::io(&old, e))?;
    }
    if plan.index_changed {
        let path = root.join(INDEX_JSON);
        files::write_atomic(&path, plan.index.as_bytes()).map_err(|e| SyncError::io(&path, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use almanac_guide::VersionState;
    use almanac_store::OpenOptions;

    use super::*;
    use crate::git::tests::{bare, git};

    /// A seeded store in `dir`: energy-for-ai v1 and training-infrastructure v1 live.
    fn store(dir: &Path) -> Store {
        Store::open_with(dir.join("almanac.db"), OpenOptions::default()).unwrap()
    }

    fn live(store: &Store) -> Vec<(String, String)> {
        live_bundles(store)
            .unwrap()
            .iter()
            .map(|b| (b.files.slug.clone(), b.label.clone()))
            .collect()
    }

    /// Every file under `dir` (not `.git`), by path, with its bytes.
    fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in fs::read_dir(&d).unwrap() {
                let e = e.unwrap();
                if e.file_name() == ".git" {
                    continue;
                }
                if e.file_type().unwrap().is_dir() {
                    stack.push(e.path());
                } else {
                    let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                    out.insert(rel, fs::read(e.path()).unwrap());
                }
            }
        }
        out
    }

    /// Names `slug`'s draft as a new version and takes it live; its label.
    fn new_live_version(store: &mut Store, slug: &str, label: &str) {
        let g = store.guide_by_slug(slug).unwrap();
        let d = store.draft(g.id).unwrap();
        let mut e = d.guide.clone();
        e.tldr = format!("{} Edited for {label}.", e.tldr);
        store.save_draft(g.id, d.revision, &e).unwrap();
        let v = store.snapshot(g.id, label, VersionState::InReview, "").unwrap();
        store.approve(v.id, "Rita Moreno").unwrap();
        store.set_version_state(v.id, VersionState::Live).unwrap();
    }

    #[test]
    fn a_folder_gets_the_live_bundles_and_an_index_and_a_second_publish_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let expected = live(&store);
        assert!(!expected.is_empty(), "the sample guides have live versions");
        let site = dir.path().join("site");
        fs::create_dir(&site).unwrap();
        fs::write(site.join("README.md"), "mine\n").unwrap();
        fs::create_dir(site.join("assets")).unwrap();

        let first = publish(&store, &Site::Dir(site.clone()), dir.path()).unwrap();
        assert_eq!(first.published, expected);
        assert!(!first.unchanged && first.commit.is_none() && !first.pushed);
        let slugs: Vec<String> = expected.iter().map(|(s, _)| s.clone()).collect();
        assert_eq!(first.written, slugs);
        for (slug, label) in &expected {
            let checked = almanac_bundle::check_bundle(&site.join(slug)).unwrap();
            assert_eq!(&checked.guide.meta.version.label, label);
        }
        let index: SiteIndex =
            serde_json::from_slice(&fs::read(site.join(INDEX_JSON)).unwrap()).unwrap();
        assert_eq!(index.format, INDEX_FORMAT);
        let listed: Vec<_> =
            index.guides.iter().map(|g| (g.slug.clone(), g.version.clone())).collect();
        assert_eq!(listed, expected);
        let text = fs::read_to_string(site.join(INDEX_JSON)).unwrap();
        assert!(text.ends_with("}\n") && text.contains("\n  \"guides\": ["), "{text}");

        let before = tree(&site);
        let second = publish(&store, &Site::Dir(site.clone()), dir.path()).unwrap();
        assert!(second.unchanged && second.written.is_empty() && second.removed.is_empty());
        assert_eq!(tree(&site), before, "byte for byte the same, nothing left over");
        assert_eq!(fs::read(site.join("README.md")).unwrap(), b"mine\n");
        assert!(site.join("assets").is_dir());
    }

    #[test]
    fn the_bundles_are_the_bytes_export_writes() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let site = dir.path().join("site");
        publish(&store, &Site::Dir(site.clone()), dir.path()).unwrap();
        for g in store.list_guides(&ListQuery::default()).unwrap() {
            let Some(label) = g.live else { continue };
            let v = store.version_by_label(g.id, &label).unwrap();
            let guide = store.publishable_version(v.id).unwrap();
            let out = dir.path().join("export");
            let path = almanac_bundle::export_bundle(&guide, &out).unwrap();
            assert_eq!(tree(&path), tree(&site.join(&g.slug)), "{}", g.slug);
        }
    }

    #[test]
    fn a_guide_no_longer_live_is_removed_and_a_new_live_version_replaces_the_old() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(dir.path());
        let site = dir.path().join("site");
        let expected = live(&store);
        let (gone, _) = expected[0].clone();
        let (moved, old_label) = expected[1].clone();
        publish(&store, &Site::Dir(site.clone()), dir.path()).unwrap();
        // A bundle of another guide, and a folder that is not a bundle: kept.
        fs::create_dir(site.join("notes")).unwrap();
        fs::write(site.join("notes/todo.txt"), "x").unwrap();

        let g = store.guide_by_slug(&gone).unwrap();
        let v = store.version_by_label(g.id, g.live.as_deref().unwrap()).unwrap();
        store.set_version_state(v.id, VersionState::Archived).unwrap();
        new_live_version(&mut store, &moved, "v9");

        let report = publish(&store, &Site::Dir(site.clone()), dir.path()).unwrap();
        assert_eq!(report.removed, vec![gone.clone()]);
        assert_eq!(report.written, vec![moved.clone()]);
        assert!(!site.join(&gone).exists());
        let checked = almanac_bundle::check_bundle(&site.join(&moved)).unwrap();
        assert_eq!(checked.guide.meta.version.label, "v9");
        assert_ne!(old_label, "v9");
        assert_eq!(fs::read(site.join("notes/todo.txt")).unwrap(), b"x");
        let names: Vec<String> = fs::read_dir(&site)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(names.is_empty(), "no work folder left: {names:?}");
    }

    #[test]
    fn a_folder_in_the_way_is_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let (slug, _) = live(&store)[1].clone();
        let site = dir.path().join("site");
        fs::create_dir_all(site.join(&slug)).unwrap();
        fs::write(site.join(&slug).join("mine.txt"), "x").unwrap();
        let before = tree(&site);
        let e = publish(&store, &Site::Dir(site.clone()), dir.path()).unwrap_err();
        assert_eq!(e.code(), "sync.target_exists", "{e}");
        assert_eq!(tree(&site), before);
    }

    #[test]
    fn a_bundle_failing_its_check_publishes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let mut bundles = live_bundles(&store).unwrap();
        let site = dir.path().join("site");
        publish(&store, &Site::Dir(site.clone()), dir.path()).unwrap();
        let before = tree(&site);

        // The page of the second bundle is not what its guide.json renders to.
        bundles[0].files.guide_md.push_str("\nchanged\n");
        bundles[1].files.index_html = bundles[1].files.index_html.replace("<h1", "<h1 x");
        let e =
            publish_bundles(&bundles, &Site::Dir(site.clone()), dir.path(), &git(), &mut |_| {})
                .unwrap_err();
        assert_eq!(e.code(), "sync.check_failed", "{e}");
        let msg = e.to_string();
        assert!(msg.contains(bundles[0].slug()) && msg.contains("Nothing was published"), "{msg}");
        assert_eq!(tree(&site), before, "the site is as it was, no staging folder left");

        // A git site: no commit, no push, and the clone is back at the remote's state.
        let remote = bare(dir.path());
        let url = remote.dir().to_str().unwrap().to_string();
        let work = dir.path().join("work");
        let e = publish_bundles(&bundles, &Site::Git(url), &work, &git(), &mut |_| {}).unwrap_err();
        assert_eq!(e.code(), "sync.check_failed", "{e}");
        assert_eq!(remote.rev_parse("refs/heads/main").unwrap(), None);
        let clone = git().open(&work).unwrap();
        assert!(clone.status_clean().unwrap());
        assert!(tree(&work).is_empty());
    }

    #[test]
    fn a_live_version_with_validation_errors_is_check_failed() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(dir.path());
        let (slug, _) = live(&store)[0].clone();
        let g = store.guide_by_slug(&slug).unwrap();
        let d = store.draft(g.id).unwrap();
        let mut e = d.guide.clone();
        e.meta.title = String::new();
        store.save_draft(g.id, d.revision, &e).unwrap();
        let v = store.snapshot(g.id, "broken", VersionState::InReview, "").unwrap();
        store.approve(v.id, "Rita Moreno").unwrap();
        store.set_version_state(v.id, VersionState::Live).unwrap();
        let site = dir.path().join("site");
        let err = publish(&store, &Site::Dir(site.clone()), dir.path()).unwrap_err();
        assert_eq!(err.code(), "sync.check_failed", "{err}");
        assert!(err.to_string().contains(&format!("{slug} broken")), "{err}");
        assert!(!site.exists(), "the folder publishing would have made is not left");
    }

    #[test]
    fn a_git_site_is_committed_and_pushed_once_and_an_empty_remote_gets_main() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(dir.path());
        let remote = bare(dir.path());
        // Its HEAD names a branch that will never exist, as `git init --bare` may leave it.
        remote.run(&["symbolic-ref", "HEAD", "refs/heads/master"]).unwrap();
        let url = remote.dir().to_str().unwrap().to_string();
        let work = dir.path().join("sites").join(work_dir_name(&url));
        let site = Site::Git(url.clone());

        let first = publish_with(&store, &site, &work, &git()).unwrap();
        assert!(first.pushed && !first.unchanged);
        let head = remote.rev_parse("refs/heads/main").unwrap().unwrap();
        assert_eq!(first.commit.as_deref(), Some(&*head));
        let message = remote.run(&["log", "-1", "--format=%s", "main"]).unwrap();
        let (a, la) = &first.published[0];
        let (b, lb) = &first.published[1];
        assert_eq!(message.trim(), format!("Publish {a} {la}, {b} {lb}"));
        let mut expected = vec![a.clone(), b.clone(), INDEX_JSON.to_string()];
        expected.sort();
        assert_eq!(remote.ls_tree_names("main", "").unwrap(), expected);

        let second = publish_with(&store, &site, &work, &git()).unwrap();
        assert!(second.unchanged && second.commit.is_none() && !second.pushed);
        assert_eq!(remote.rev_parse("refs/heads/main").unwrap().unwrap(), head);
        // A fresh clone (another computer) finds the site unchanged too.
        fs::remove_dir_all(&work).unwrap();
        let fresh = publish_with(&store, &site, &work, &git()).unwrap();
        assert!(fresh.unchanged && fresh.commit.is_none());

        // The clone is reused; a stray file in it does not reach the site.
        fs::write(work.join("stray.txt"), "x").unwrap();
        let g = store.guide_by_slug(a).unwrap();
        let v = store.version_by_label(g.id, la).unwrap();
        store.set_version_state(v.id, VersionState::Archived).unwrap();
        new_live_version(&mut store, b, "v7");
        let third = publish_with(&store, &site, &work, &git()).unwrap();
        assert_eq!(third.removed, vec![a.clone()]);
        assert_eq!(third.published, [(b.clone(), "v7".to_string())]);
        let message = remote.run(&["log", "-1", "--format=%s", "main"]).unwrap();
        assert_eq!(message.trim(), format!("Publish {b} v7 (was {lb}); remove {a}"));
        assert_eq!(remote.ls_tree_names("main", "").unwrap(), [INDEX_JSON, b.as_str()]);
        let count = remote.run(&["rev-list", "--count", "main"]).unwrap();
        assert_eq!(count.trim(), "2");
    }

    #[test]
    fn a_push_rejected_once_is_retried_from_a_fresh_fetch() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let remote = bare(dir.path());
        let url = remote.dir().to_str().unwrap().to_string();
        // Someone else's commit on the remote.
        let other = git().clone_into(&url, dir.path().join("other")).unwrap();
        other.checkout_remote("main").unwrap();
        fs::write(other.dir().join("CNAME"), "almanac.example.org\n").unwrap();
        other.add_all().unwrap();
        other.commit("Add CNAME").unwrap();
        other.push().unwrap();

        let work = dir.path().join("work");
        let bundles = live_bundles(&store).unwrap();
        let mut pushed_meanwhile = |attempt: u32| {
            if attempt == 1 {
                fs::write(other.dir().join("CNAME"), "site.example.org\n").unwrap();
                other.add_all().unwrap();
                other.commit("Change CNAME").unwrap();
                other.push().unwrap();
            }
        };
        let report = publish_bundles(
            &bundles,
            &Site::Git(url.clone()),
            &work,
            &git(),
            &mut pushed_meanwhile,
        )
        .unwrap();
        assert!(report.pushed);
        let head = remote.rev_parse("refs/heads/main").unwrap();
        assert_eq!(report.commit, head);
        assert_eq!(remote.show_file("main", "CNAME").unwrap(), b"site.example.org\n");
        let count = remote.run(&["rev-list", "--count", "main"]).unwrap();
        assert_eq!(count.trim(), "3");

        // Rejected on both attempts: push_rejected, nothing of ours on the remote.
        let mut store = store;
        let (slug, _) = live(&store)[0].clone();
        new_live_version(&mut store, &slug, "v5");
        let bundles = live_bundles(&store).unwrap();
        let mut always = |attempt: u32| {
            other.fetch().unwrap();
            other.checkout_remote("main").unwrap();
            fs::write(other.dir().join("CNAME"), format!("{attempt}\n")).unwrap();
            other.add_all().unwrap();
            other.commit("Again").unwrap();
            other.push().unwrap();
        };
        let e = publish_bundles(&bundles, &Site::Git(url), &work, &git(), &mut always).unwrap_err();
        assert_eq!(e.code(), "sync.push_rejected", "{e}");
        let index = String::from_utf8(remote.show_file("main", INDEX_JSON).unwrap()).unwrap();
        assert!(!index.contains("\"v5\""), "{index}");
    }

    #[test]
    fn a_repository_with_a_working_tree_is_committed_in_place_and_never_pushed() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let repo = git().init(dir.path().join("site"), false).unwrap();
        fs::write(repo.dir().join("README.md"), "site\n").unwrap();
        repo.add_all().unwrap();
        repo.commit("Start").unwrap();
        // Someone's staged work elsewhere stays staged and out of the commit.
        fs::write(repo.dir().join("other.txt"), "theirs\n").unwrap();
        repo.run(&["add", "other.txt"]).unwrap();

        let path = repo.dir().to_str().unwrap().to_string();
        let site = Site::Git(path);
        let report = publish_with(&store, &site, &dir.path().join("unused"), &git()).unwrap();
        assert!(!report.pushed && report.commit.is_some());
        assert!(!dir.path().join("unused").exists());
        let committed = repo.ls_tree_names("HEAD", "").unwrap();
        assert!(committed.contains(&INDEX_JSON.to_string()), "{committed:?}");
        assert!(!committed.contains(&"other.txt".to_string()), "{committed:?}");
        assert_eq!(repo.status_paths(&[]).unwrap(), ["other.txt"]);

        let again = publish_with(&store, &site, &dir.path().join("unused"), &git()).unwrap();
        assert!(again.unchanged && again.commit.is_none());

        // A change where publishing writes: refused, nothing written.
        let (slug, _) = report.published[0].clone();
        fs::write(repo.dir().join(&slug).join("guide.md"), "edited\n").unwrap();
        let e = publish_with(&store, &site, &dir.path().join("unused"), &git()).unwrap_err();
        assert_eq!(e.code(), "sync.uncommitted", "{e}");
        assert!(e.to_string().contains(&format!("{slug}/guide.md")), "{e}");
        assert_eq!(fs::read(repo.dir().join(&slug).join("guide.md")).unwrap(), b"edited\n");
    }

    #[test]
    fn an_unreachable_site_and_a_foreign_work_folder_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let missing = dir.path().join("no-such.git").to_str().unwrap().to_string();
        let e =
            publish_with(&store, &Site::Git(missing), &dir.path().join("w"), &git()).unwrap_err();
        assert_eq!(e.code(), "sync.unreachable", "{e}");

        let remote = bare(dir.path());
        let url = remote.dir().to_str().unwrap().to_string();
        let busy = dir.path().join("busy");
        fs::create_dir(&busy).unwrap();
        fs::write(busy.join("x"), "x").unwrap();
        let e = publish_with(&store, &Site::Git(url), &busy, &git()).unwrap_err();
        assert_eq!(e.code(), "sync.target_exists", "{e}");
        assert_eq!(fs::read(busy.join("x")).unwrap(), b"x");
    }

    #[test]
    fn the_commit_message_names_what_changed() {
        let w = |slug: &str, label: &str, previous: Option<&str>| Written {
            slug: slug.into(),
            label: label.into(),
            previous: previous.map(Into::into),
        };
        let changes = Changes {
            written: vec![
                w("energy-for-ai", "v2", Some("v1")),
                w("training-infrastructure", "v1", None),
            ],
            removed: vec!["old-guide".into()],
            index: true,
        };
        assert_eq!(
            commit_message(&changes),
            "Publish energy-for-ai v2 (was v1), training-infrastructure v1; remove old-guide"
        );
        let changes = Changes { written: vec![w("a", "v2", Some("v2"))], ..Changes::default() };
        assert_eq!(commit_message(&changes), "Publish a v2 (rebuilt)");
        let changes = Changes { removed: vec!["a".into()], index: true, ..Changes::default() };
        assert_eq!(commit_message(&changes), "Remove a");
        let changes = Changes { index: true, ..Changes::default() };
        assert_eq!(commit_message(&changes), "Update index.json");
    }

    #[test]
    fn work_folder_names_are_short_and_stable() {
        assert_eq!(work_dir_name("https://example.org/site.git").len(), 16);
        assert_eq!(work_dir_name("a"), work_dir_name("a"));
        assert_ne!(work_dir_name("a"), work_dir_name("b"));
    }
}
