//! Writing files so that a reader never sees half of one: [`write_atomic`] for a single file
//! (the bundle's `guide.json` on import, the CLI's `-o` outputs, the app's diff reports), and
//! the pieces a bundle export is made of (a new file synced to disk, a folder's entries synced,
//! a name for a temporary sibling, folders created so that a failure can remove them again).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Writes `bytes` to `path` through a temporary file beside it: the temporary file is written
/// and synced to disk, then renamed over `path`, and the folder's entries are synced. Readers
/// see the old file or the new one, never a part of it. On failure the temporary file is
/// removed and `path` is as it was. The folder holding `path` must exist.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = parent_dir(path);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(temp_name(&name, "partial"));
    let written = write_new_synced(&tmp, bytes).and_then(|()| fs::rename(&tmp, path));
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    sync_dir(&dir);
    Ok(())
}

/// Creates `path` (refused when it exists), writes `bytes` and syncs the file to disk.
pub fn write_new_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = fs::File::create_new(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Flushes a folder's entries (renames) to disk where the platform allows it.
pub fn sync_dir(dir: &Path) {
    if let Ok(f) = fs::File::open(dir) {
        let _ = f.sync_all();
    }
}

/// Creates `dir` and any missing parents, as [`fs::create_dir_all`] does, and returns the
/// folders it created, outermost first, so that an operation that then fails can remove them
/// again with [`remove_created`] (and nothing that was there before it).
pub fn create_dir_all_tracked(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut missing = Vec::new();
    let mut next = Some(dir);
    while let Some(p) = next.filter(|p| !p.as_os_str().is_empty()) {
        match fs::symlink_metadata(p) {
            Ok(_) => break,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                missing.push(p.to_path_buf());
                next = p.parent();
            }
            Err(e) => return Err(e),
        }
    }
    let mut created = Vec::with_capacity(missing.len());
    for p in missing.into_iter().rev() {
        match fs::create_dir(&p) {
            Ok(()) => created.push(p),
            // Made meanwhile by someone else: theirs, not ours to remove.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && p.is_dir() => {}
            Err(e) => {
                remove_created(&created);
                return Err(e);
            }
        }
    }
    Ok(created)
}

/// Removes the folders [`create_dir_all_tracked`] created, innermost first, each only if it
/// is empty.
pub fn remove_created(created: &[PathBuf]) {
    for dir in created.iter().rev() {
        let _ = fs::remove_dir(dir);
    }
}

/// A hidden name for a temporary sibling of `name`, unique within this process:
/// `.<name>.<what>-<pid>-<n>`.
pub fn temp_name(name: &str, what: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    format!(".{name}.{what}-{}-{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// The folder holding `path` (`.` for a bare file name).
fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_and_replaces_whole_files_leaving_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.html");
        write_atomic(&path, b"first").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"first");
        write_atomic(&path, b"second, longer").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second, longer");
        assert_eq!(names(dir.path()), ["page.html"]);
    }

    #[test]
    fn a_failed_write_leaves_the_target_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // A folder in the way: the rename fails.
        let path = dir.path().join("taken");
        fs::create_dir(&path).unwrap();
        fs::write(path.join("inside"), b"kept").unwrap();
        assert!(write_atomic(&path, b"new").is_err());
        assert_eq!(fs::read(path.join("inside")).unwrap(), b"kept");
        assert_eq!(names(dir.path()), ["taken"]);
        // A missing folder: nothing is created.
        assert!(write_atomic(&dir.path().join("no/such/file"), b"x").is_err());
        assert_eq!(names(dir.path()), ["taken"]);
    }

    #[test]
    fn created_folders_are_tracked_and_removed_again() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("there")).unwrap();
        let deep = dir.path().join("there/a/b/c");
        let created = create_dir_all_tracked(&deep).unwrap();
        assert_eq!(
            created,
            [dir.path().join("there/a"), dir.path().join("there/a/b"), deep.clone()]
        );
        assert!(deep.is_dir());
        assert!(create_dir_all_tracked(&deep).unwrap().is_empty(), "nothing new to create");
        // A folder that gained content is kept, and so is what it is in.
        fs::write(dir.path().join("there/a/b/kept"), "x").unwrap();
        remove_created(&created);
        assert_eq!(names(&dir.path().join("there/a/b")), ["kept"]);
        fs::remove_file(dir.path().join("there/a/b/kept")).unwrap();
        remove_created(&created);
        assert_eq!(names(dir.path()), ["there"]);
        assert!(names(&dir.path().join("there")).is_empty());
        // A file in the way: an error, and nothing left behind.
        fs::write(dir.path().join("file"), "x").unwrap();
        assert!(create_dir_all_tracked(&dir.path().join("file/x")).is_err());
        assert_eq!(names(dir.path()), ["file", "there"]);
    }

    #[test]
    fn temporary_names_are_hidden_and_distinct() {
        let (a, b) = (temp_name("guide.json", "partial"), temp_name("guide.json", "partial"));
        assert!(a.starts_with(".guide.json.partial-"), "{a}");
        assert_ne!(a, b);
    }
}
