//! What `check`, `import` and `diff` vouch for: a bundle's derived files are derived again, an
//! incomplete bundle is not taken for a guide folder, a manifest says each thing once, and
//! `import --into` writes only inside the content folder and leaves nothing behind when it
//! fails.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use almanac_guide::Guide;
use common::{almanac, err, ok};

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture_path() -> PathBuf {
    crate_dir().join("../bundle/tests/fixtures/grid-storage/guide.json")
}

fn fixture() -> Guide {
    Guide::from_json(&fs::read_to_string(fixture_path()).unwrap()).unwrap()
}

fn v1_bundle() -> PathBuf {
    crate_dir().join("../bundle/tests/fixtures/v1-bundle/scaling-science")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn exported(dir: &Path) -> PathBuf {
    almanac_bundle::export_bundle(&fixture(), dir).unwrap()
}

/// Replaces a bundle file and re-signs the manifest, as someone who edits a bundle by hand and
/// fixes its checksum would.
fn replace_sealed(bundle: &Path, name: &str, bytes: &[u8]) {
    fs::write(bundle.join(name), bytes).unwrap();
    let p = bundle.join("manifest.json");
    let mut m: serde_json::Value = serde_json::from_slice(&fs::read(&p).unwrap()).unwrap();
    for f in m["files"].as_array_mut().unwrap() {
        if f["path"] == name {
            f["sha256"] = almanac_bundle::sha256_hex(bytes).into();
            f["bytes"] = bytes.len().into();
        }
    }
    fs::write(&p, serde_json::to_string_pretty(&m).unwrap()).unwrap();
}

/// Every entry under `dir`, as relative paths.
fn tree(dir: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else { return };
        for e in entries {
            let p = e.unwrap().path();
            out.push(p.strip_prefix(root).unwrap().to_path_buf());
            if p.is_dir() && !p.is_symlink() {
                walk(root, &p, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn a_re_signed_page_with_a_script_is_refused_by_check_import_and_diff() {
    let d = tempfile::tempdir().unwrap();
    let b = exported(d.path());
    let html = fs::read_to_string(b.join("index.html")).unwrap();
    replace_sealed(
        &b,
        "index.html",
        html.replace("</body>", "<script>x()</script></body>").as_bytes(),
    );

    let e = err(&almanac(&["check", s(&b)]), 4);
    assert!(e.contains("[bundle.derived_mismatch]") && e.contains("index.html"), "{e}");
    let o = almanac(&["check", "--format", "json", s(&b)]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["failure"]["code"], "bundle.derived_mismatch");

    let content = d.path().join("content");
    let e = err(&almanac(&["import", s(&b), "--into", s(&content)]), 4);
    assert!(e.contains("[bundle.derived_mismatch]"), "{e}");
    assert!(!content.exists(), "import wrote something for a refused bundle");

    let e = err(&almanac(&["diff", s(&b), s(&fixture_path())]), 4);
    assert!(e.contains("[bundle.derived_mismatch]"), "{e}");
}

#[test]
fn a_format_2_bundle_is_re_derived_and_a_format_1_bundle_says_it_is_not() {
    let d = tempfile::tempdir().unwrap();
    let b = exported(d.path());
    let out = ok(&almanac(&["check", s(&b)]));
    assert!(!out.contains("not re-derived"), "{out}");
    let out = ok(&almanac(&["import", s(&b)]));
    assert!(out.contains("index.html and guide.md derived again"), "{out}");

    let v1 = v1_bundle();
    let out = ok(&almanac(&["check", s(&v1)]));
    assert!(
        out.contains(&format!("{}: format 1 bundle: derived files not re-derived", s(&v1))),
        "{out}"
    );
    assert!(out.contains(": ok ("), "{out}");
    let o = almanac(&["check", "--format", "json", s(&v1)]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["kind"], "bundle");
    assert!(v[0]["note"]
        .as_str()
        .unwrap()
        .starts_with("format 1 bundle: derived files not re-derived"));
    let out = ok(&almanac(&["import", s(&v1)]));
    assert!(out.contains("format 1 bundle: derived files not re-derived"), "{out}");
}

#[test]
fn a_folder_with_bundle_files_is_a_bundle_and_refused_when_incomplete() {
    let d = tempfile::tempdir().unwrap();
    let b = exported(d.path());
    // The manifest is gone: once a bundle, the folder is not a guide folder now.
    fs::remove_file(b.join("manifest.json")).unwrap();
    let e = err(&almanac(&["check", s(&b)]), 4);
    assert!(e.contains("[bundle.missing_file]") && e.contains("manifest.json"), "{e}");
    let e = err(&almanac(&["diff", s(&b), s(&fixture_path())]), 4);
    assert!(e.contains("[bundle.missing_file]"), "{e}");

    // A dangling manifest.json link.
    #[cfg(unix)]
    {
        let f = tempfile::tempdir().unwrap();
        let dir = f.path().join("grid-storage");
        fs::create_dir(&dir).unwrap();
        fs::write(dir.join("guide.json"), fixture().to_canonical_json()).unwrap();
        std::os::unix::fs::symlink(f.path().join("nowhere.json"), dir.join("manifest.json"))
            .unwrap();
        let e = err(&almanac(&["check", s(&dir)]), 4);
        assert!(e.contains("[bundle.unsafe_path]") && e.contains("manifest.json"), "{e}");
        err(&almanac(&["diff", s(&dir), s(&fixture_path())]), 4);
        err(&almanac(&["import", s(&dir)]), 4);
    }

    // Just a guide.md beside the guide.json makes a (broken) bundle too.
    let f = tempfile::tempdir().unwrap();
    fs::write(f.path().join("guide.json"), fixture().to_canonical_json()).unwrap();
    fs::write(f.path().join("guide.md"), "# Notes\n").unwrap();
    err(&almanac(&["check", s(f.path())]), 4);
}

#[test]
fn a_guide_folder_is_checked_as_one_and_says_so() {
    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join("guide.json"), fixture().to_canonical_json()).unwrap();
    let out = ok(&almanac(&["check", s(d.path())]));
    assert!(
        out.contains(&format!(
            "{}: checked as a guide folder (its guide.json), not as a bundle",
            s(d.path())
        )),
        "{out}"
    );
    assert!(out.contains(": ok ("), "{out}");
    let o = almanac(&["check", "--format", "json", s(d.path())]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["kind"], "guide_folder");
    assert!(v[0]["note"].as_str().unwrap().contains("not as a bundle"), "{v}");
    // A guide.json file itself needs no note.
    let o = almanac(&["check", "--format", "json", s(&fixture_path())]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!((v[0]["kind"].as_str(), v[0]["note"].is_null()), (Some("guide"), true));
}

#[test]
fn a_manifest_key_given_twice_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let b = exported(d.path());
    let m = fs::read_to_string(b.join("manifest.json")).unwrap();
    let twice =
        m.replacen("\"version\": \"v3\",", "\"version\": \"v9\",\n  \"version\": \"v3\",", 1);
    assert_ne!(m, twice);
    fs::write(b.join("manifest.json"), twice).unwrap();
    let e = err(&almanac(&["check", s(&b)]), 4);
    assert!(e.contains("[bundle.duplicate_key]") && e.contains("\"version\""), "{e}");
    err(&almanac(&["import", s(&b)]), 4);
}

#[test]
#[cfg(unix)]
fn import_into_never_follows_a_symlinked_slug_folder() {
    let d = tempfile::tempdir().unwrap();
    let b = exported(&d.path().join("dist"));
    let content = d.path().join("content");
    let outside = d.path().join("outside");
    fs::create_dir_all(&content).unwrap();
    fs::create_dir_all(&outside).unwrap();
    std::os::unix::fs::symlink(&outside, content.join("grid-storage")).unwrap();
    for extra in [None, Some("--replace")] {
        let mut args = vec!["import", s(&b), "--into", s(&content)];
        args.extend(extra);
        let e = err(&almanac(&args), 5);
        assert!(e.contains("symbolic link") && e.contains("nothing was written"), "{e}");
    }
    assert!(tree(&outside).is_empty(), "the import wrote through the link");
    assert_eq!(tree(&content), [PathBuf::from("grid-storage")]);
}

/// Linux refuses paths of 4096 bytes or more: a way to make a write fail after the folders
/// above it were created.
#[test]
#[cfg(target_os = "linux")]
fn a_failed_import_or_export_leaves_no_new_folders() {
    const PATH_MAX: usize = 4096;
    fn path_of_length(base: &Path, len: usize) -> PathBuf {
        let mut p = base.to_path_buf();
        while p.as_os_str().len() < len {
            let room = len - p.as_os_str().len() - 1;
            let n = if room > 200 && room - 200 < 3 { room - 3 } else { room.min(200) };
            p.push("d".repeat(n));
        }
        assert_eq!(p.as_os_str().len(), len);
        p
    }
    let d = tempfile::tempdir().unwrap();
    let b = exported(&d.path().join("dist"));
    let work = d.path().join("work");
    fs::create_dir(&work).unwrap();

    let into = path_of_length(&work, PATH_MAX - 1 - "/grid-storage/guide.json".len() - 4);
    let e = err(&almanac(&["import", s(&b), "--into", s(&into)]), 5);
    assert!(e.contains("grid-storage/guide.json"), "{e}");
    assert!(tree(&work).is_empty(), "import left {:?}", tree(&work).first());

    let out = path_of_length(&work, PATH_MAX - 1 - "/grid-storage".len() - 2);
    let e = err(&almanac(&["export", s(&fixture_path()), "-o", s(&out)]), 5);
    assert!(e.contains(".grid-storage.partial-"), "{e}");
    assert!(tree(&work).is_empty(), "export left {:?}", tree(&work).first());
}
