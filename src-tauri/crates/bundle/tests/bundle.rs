//! Bundle round trips, determinism, the JSON Schema, every way a bundle is refused, format 1
//! bundles, and guide.md.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use almanac_bundle::{
    build_bundle, check_bundle, export_bundle, has_bundle_files, import_bundle, read_bundle,
    sha256_hex, BundleError, BUNDLE_FORMAT, GENERATOR,
};
use almanac_guide::Guide;

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn content_dir() -> PathBuf {
    crate_dir().join("../../../content")
}

fn fixture() -> Guide {
    let text =
        fs::read_to_string(crate_dir().join("tests/fixtures/grid-storage/guide.json")).unwrap();
    Guide::from_json(&text).unwrap()
}

/// Every guide under content/<slug>/guide.json.
fn content_guides() -> Vec<(PathBuf, Guide)> {
    let mut out = Vec::new();
    for entry in fs::read_dir(content_dir()).expect("content/ exists") {
        let path = entry.unwrap().path().join("guide.json");
        if path.is_file() {
            let text = fs::read_to_string(&path).unwrap();
            let guide =
                Guide::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            out.push((path, guide));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Every file under `dir`, relative path → bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let Ok(entries) = fs::read_dir(dir) else { return };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.insert(p.strip_prefix(root).unwrap().join(""), Vec::new());
                walk(root, &p, out);
            } else {
                out.insert(p.strip_prefix(root).unwrap().to_path_buf(), fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn schema_validator() -> jsonschema::Validator {
    let committed = content_dir().join("guide.schema.json");
    let text = fs::read_to_string(&committed).unwrap_or_else(|_| Guide::json_schema());
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

fn assert_schema_valid(validator: &jsonschema::Validator, guide_json: &str, what: &str) {
    let instance: serde_json::Value = serde_json::from_str(guide_json).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what}: guide.json does not validate against the schema: {errors:#?}"
    );
}

fn round_trip(guide: &Guide, what: &str) {
    let validator = schema_validator();
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let c = tempfile::tempdir().unwrap();

    // Same guide, same bytes: in memory and on disk, twice.
    let files1 = build_bundle(guide).unwrap_or_else(|e| panic!("{what}: {e}"));
    let files2 = build_bundle(guide).unwrap();
    assert_eq!(files1, files2, "{what}: build_bundle is not deterministic");
    let p1 = export_bundle(guide, a.path()).unwrap();
    let p2 = export_bundle(guide, b.path()).unwrap();
    assert_eq!(p1.file_name().unwrap(), guide.meta.slug.as_str());
    let s1 = snapshot(a.path());
    assert_eq!(s1, snapshot(b.path()), "{what}: two exports differ");
    assert_eq!(
        s1.len(),
        5,
        "{what}: a bundle is one folder with four files and nothing else: {:?}",
        s1.keys()
    );
    for (name, text) in files1.files() {
        assert_eq!(
            fs::read(p1.join(name)).unwrap(),
            text.as_bytes(),
            "{what}: {name} on disk differs from memory"
        );
    }

    // Export → import → export is byte-identical.
    let imported = read_bundle(&p1).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(&imported, guide, "{what}: import changed the guide");
    export_bundle(&imported, c.path()).unwrap();
    assert_eq!(s1, snapshot(c.path()), "{what}: export → import → export differs");
    // Re-exporting over an existing bundle replaces it with the same bytes and leaves no temp.
    export_bundle(&imported, c.path()).unwrap();
    assert_eq!(s1, snapshot(c.path()), "{what}: export over an existing bundle differs");

    assert_schema_valid(&validator, &files1.guide_json, what);
    assert_standalone(&files1.index_html, what);
    let _ = p2;
}

/// index.html is a standalone page: no script, and nothing fetched from elsewhere.
fn assert_standalone(html: &str, what: &str) {
    let lower = html.to_ascii_lowercase();
    assert!(lower.starts_with("<!doctype html>"), "{what}: index.html is not an HTML5 document");
    for bad in
        ["<script", "<iframe", "<link", "@import", " src=\"http", " src=\"//", "url(http", "url(//"]
    {
        assert!(!lower.contains(bad), "{what}: index.html holds {bad:?}");
    }
}

#[test]
fn fixture_round_trips_byte_identically() {
    round_trip(&fixture(), "fixture grid-storage");
}

#[test]
fn every_content_guide_exports_deterministically_and_round_trips() {
    let guides = content_guides();
    assert!(!guides.is_empty(), "content/ holds no guides");
    for (path, guide) in guides {
        round_trip(&guide, &path.display().to_string());
    }
}

#[test]
fn committed_schema_accepts_every_content_guide_file_as_stored() {
    let validator = schema_validator();
    for (path, _) in content_guides() {
        assert_schema_valid(
            &validator,
            &fs::read_to_string(&path).unwrap(),
            &path.display().to_string(),
        );
    }
}

#[test]
fn schema_rejects_a_guide_json_of_the_wrong_shape() {
    // The schema check above must be able to fail.
    let validator = schema_validator();
    let mut v: serde_json::Value = serde_json::from_str(&fixture().to_canonical_json()).unwrap();
    v["deals"]["rows"][0]["capacity"] = serde_json::json!("5 GW");
    v["meta"]["status"] = serde_json::json!("sleeping");
    assert!(!validator.is_valid(&v));
}

#[test]
fn manifest_lists_files_in_order_with_their_checksums() {
    let files = build_bundle(&fixture()).unwrap();
    let m: serde_json::Value = serde_json::from_str(&files.manifest_json).unwrap();
    assert_eq!(m["format"], BUNDLE_FORMAT);
    assert_eq!(m["slug"], "grid-storage");
    assert_eq!(m["version"], "v3");
    assert_eq!(m["generator"], GENERATOR);
    assert!(GENERATOR.starts_with("almanac "));
    let listed: Vec<&str> =
        m["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(listed, ["guide.json", "index.html", "guide.md"]);
    for f in m["files"].as_array().unwrap() {
        let text = match f["path"].as_str().unwrap() {
            "guide.json" => &files.guide_json,
            "index.html" => &files.index_html,
            _ => &files.guide_md,
        };
        assert_eq!(f["sha256"], sha256_hex(text.as_bytes()));
        assert_eq!(f["bytes"], text.len());
    }
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    // No timestamps: the manifest holds exactly these keys.
    let keys: Vec<&str> = m.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["files", "format", "generator", "slug", "version"]);
}

#[test]
fn bundle_page_and_guide_json_are_the_shared_renderer_and_canonical_json() {
    let g = fixture();
    let files = build_bundle(&g).unwrap();
    assert_eq!(files.guide_json, g.to_canonical_json());
    assert_eq!(
        files.index_html,
        almanac_render::render_page(&g, &almanac_render::PageOptions::published())
    );
}

#[test]
fn guide_markdown_has_every_part() {
    let md = build_bundle(&fixture()).unwrap().guide_md;
    let expected = [
        "# Grid Storage: Batteries Behind the Data Centre Boom\n",
        "*Energy · Topic guide · Brief · active · v3 (live) · updated 10 Nov 2026 · generated 18 Nov 2026*",
        "## TL;DR\n\nLarge battery sites are becoming the **shock absorber**",
        "## Key takeaways\n\n1. Storage is sold by *power*",
        "2. Pipes \\| and \\<b>tags\\</b> in text stay text.\n   A second line stays in the item.",
        "## What this covers\n\nUtility-scale batteries",
        "## Why it matters",
        "- **Figure 1** (committed capacity by lab, stacked): Contracted storage by buyer and seller\n- **Figure 2** (timeline, all events 2019–2026): Milestones",
        "## Deals\n\n*Storage contracts*",
        "| Lab | Partner | Committed capacity | Timeline | Notable terms |\n| --- | --- | --- | --- | --- |",
        "| Northwind | Voltaic | Up to 2 GW | 2027 | Ten-year tolling \\| fixed fee |",
        "| Contoso | — | 300 MW | — | — |",
        "1. **2019** — First grid-scale lithium site",
        "2. **March 2024** — Capacity auction opens to storage. A *rule change* lets batteries bid. [link](https://example.org/auction)",
        "3. **7 October 2026** — Largest contract signed [link](<https://example.org/a_(b)>)",
        "## Related topics\n\n- [Training Infrastructure](../training-infrastructure/)",
        "## FAQ\n\n### Why pair storage with compute?\n\nIt smooths demand peaks",
        "## Versions\n\n- v3 · live · 10 Nov 2026 · this version\n- v2 · archived · 1 Oct 2026\n",
        "## Related guides\n\n- [Power \\[markets\\] primer](https://example.org/power)",
        "## Sources\n\n- [A big storage deal](https://example.org/news/1) — Example Energy News · 14 Oct 2026 · score 8/10\n  A buyer signs for two gigawatts of storage.",
    ];
    for part in expected {
        assert!(md.contains(part), "guide.md lacks {part:?}:\n{md}");
    }
    assert!(md.ends_with("score 5/10\n"), "{md}");
    // The deal table has one row per deal and every row has five cells.
    let deals = &md[md.find("## Deals").unwrap()..md.find("## Timeline").unwrap()];
    let rows: Vec<&str> = deals.lines().filter(|l| l.starts_with("| ")).collect();
    assert_eq!(rows.len(), 2 + 3);
    for r in rows {
        assert_eq!(r.replace("\\|", "").matches('|').count(), 6, "{r}");
    }
}

// ---------------------------------------------------------------------------------------------
// Refusals: each bad bundle gets its own error, and nothing is written.

/// A fresh exported bundle of the fixture in a temp dir: (tempdir, bundle path).
fn fresh_bundle() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = export_bundle(&fixture(), dir.path()).unwrap();
    (dir, path)
}

fn edit_manifest(bundle: &Path, f: impl FnOnce(&mut serde_json::Value)) {
    let p = bundle.join("manifest.json");
    let mut v: serde_json::Value = serde_json::from_slice(&fs::read(&p).unwrap()).unwrap();
    f(&mut v);
    fs::write(&p, serde_json::to_string_pretty(&v).unwrap()).unwrap();
}

/// Replaces a file and updates its checksum in the manifest, so only the content is wrong.
fn replace_sealed(bundle: &Path, name: &str, bytes: &[u8]) {
    fs::write(bundle.join(name), bytes).unwrap();
    let (sha, len) = (sha256_hex(bytes), bytes.len());
    edit_manifest(bundle, |m| {
        for f in m["files"].as_array_mut().unwrap() {
            if f["path"] == name {
                f["sha256"] = sha.clone().into();
                f["bytes"] = len.into();
            }
        }
    });
}

fn edit_guide_json(bundle: &Path, f: impl FnOnce(&mut serde_json::Value)) {
    let mut v: serde_json::Value =
        serde_json::from_slice(&fs::read(bundle.join("guide.json")).unwrap()).unwrap();
    f(&mut v);
    replace_sealed(bundle, "guide.json", serde_json::to_string_pretty(&v).unwrap().as_bytes());
}

/// Asserts read_bundle and import_bundle both refuse with `code`, and that neither the bundle
/// nor the destination changed.
fn assert_refused(bundle: &Path, code: &str) -> BundleError {
    let parent = bundle.parent().unwrap().to_path_buf();
    let before = snapshot(&parent);
    let err = read_bundle(bundle).expect_err("the bundle must be refused");
    assert_eq!(err.code(), code, "wrong refusal: {err}");
    assert!(!err.to_string().is_empty());

    let dest = tempfile::tempdir().unwrap();
    let err2 = import_bundle(bundle, dest.path(), true).expect_err("import must refuse");
    assert_eq!(err2.code(), code, "import refused differently: {err2}");
    assert!(snapshot(dest.path()).is_empty(), "import wrote something while refusing");
    assert_eq!(before, snapshot(&parent), "checking the bundle changed files");
    err
}

#[test]
fn refuses_a_tampered_file() {
    let (_d, b) = fresh_bundle();
    let mut html = fs::read(b.join("index.html")).unwrap();
    html.extend_from_slice(b"<script>alert(1)</script>");
    fs::write(b.join("index.html"), html).unwrap();
    let err = assert_refused(&b, "bundle.checksum_mismatch");
    assert!(err.to_string().contains("index.html"), "{err}");
}

#[test]
fn refuses_a_resigned_page_with_a_script_added() {
    // The checksum is made to match: only re-deriving the page can tell.
    let (_d, b) = fresh_bundle();
    let html = fs::read_to_string(b.join("index.html")).unwrap();
    let tampered = html.replace("</body>", "<script>alert(1)</script></body>");
    assert_ne!(html, tampered);
    replace_sealed(&b, "index.html", tampered.as_bytes());
    let err = assert_refused(&b, "bundle.derived_mismatch");
    assert!(err.to_string().starts_with("index.html is not what its guide.json exports"), "{err}");
    assert!(err.to_string().contains(GENERATOR), "{err}");
}

#[test]
fn refuses_a_resigned_guide_md_or_guide_json_its_files_were_not_derived_from() {
    let (_d, b) = fresh_bundle();
    let md = fs::read_to_string(b.join("guide.md")).unwrap();
    replace_sealed(
        &b,
        "guide.md",
        md.replace("TL;DR", "TL;DR <img src=x onerror=alert(1)>").as_bytes(),
    );
    let err = assert_refused(&b, "bundle.derived_mismatch");
    assert!(err.to_string().starts_with("guide.md "), "{err}");

    // A valid guide.json, re-signed, that the page and guide.md do not show.
    let (_d, b) = fresh_bundle();
    edit_guide_json(&b, |g| g["tldr"] = "A different summary.".into());
    let err = assert_refused(&b, "bundle.derived_mismatch");
    assert!(err.to_string().starts_with("index.html "), "{err}");
}

#[test]
fn a_format_2_bundle_is_re_derived_and_says_so() {
    let (_d, b) = fresh_bundle();
    let checked = check_bundle(&b).unwrap();
    assert_eq!((checked.format, checked.rederived), (2, true));
    assert_eq!(checked.guide, fixture());
}

#[test]
fn refuses_a_manifest_with_a_key_given_twice() {
    let (_d, b) = fresh_bundle();
    let text = fs::read_to_string(b.join("manifest.json")).unwrap();
    let twice = text.replacen(
        "\"slug\": \"grid-storage\",",
        "\"slug\": \"x\",\n  \"slug\": \"grid-storage\",",
        1,
    );
    assert_ne!(text, twice);
    fs::write(b.join("manifest.json"), twice).unwrap();
    let err = assert_refused(&b, "bundle.duplicate_key");
    assert!(err.to_string().contains("manifest.json has the key \"slug\" more than once"), "{err}");

    let (_d, b) = fresh_bundle();
    let text = fs::read_to_string(b.join("manifest.json")).unwrap();
    let at = text.find("\"sha256\"").unwrap();
    let twice =
        format!("{}\"sha256\": \"{}\",\n      {}", &text[..at], "0".repeat(64), &text[at..]);
    fs::write(b.join("manifest.json"), twice).unwrap();
    let err = assert_refused(&b, "bundle.duplicate_key");
    assert!(err.to_string().contains("\"files[0].sha256\""), "{err}");
}

#[test]
fn tells_bundle_folders_from_guide_folders() {
    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join("guide.json"), fixture().to_canonical_json()).unwrap();
    assert!(!has_bundle_files(d.path()));
    for name in ["index.html", "guide.md", "manifest.json"] {
        let d = tempfile::tempdir().unwrap();
        fs::write(d.path().join("guide.json"), "{}").unwrap();
        fs::write(d.path().join(name), "").unwrap();
        assert!(has_bundle_files(d.path()), "{name}");
    }
    // A dangling manifest.json link still makes the folder a bundle (a broken one).
    #[cfg(unix)]
    {
        let d = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(d.path().join("nowhere"), d.path().join("manifest.json"))
            .unwrap();
        assert!(has_bundle_files(d.path()));
    }
}

#[test]
fn refuses_a_tampered_checksum() {
    let (_d, b) = fresh_bundle();
    edit_manifest(&b, |m| m["files"][2]["sha256"] = "0".repeat(64).into());
    let err = assert_refused(&b, "bundle.checksum_mismatch");
    assert!(err.to_string().contains("guide.md"), "{err}");
}

#[test]
fn refuses_a_checksum_that_is_not_hex() {
    let (_d, b) = fresh_bundle();
    edit_manifest(&b, |m| m["files"][0]["sha256"] = "not-a-sha".into());
    assert_refused(&b, "bundle.bad_manifest");
}

#[test]
fn refuses_a_missing_file() {
    let (_d, b) = fresh_bundle();
    fs::remove_file(b.join("guide.md")).unwrap();
    let err = assert_refused(&b, "bundle.missing_file");
    assert!(err.to_string().contains("guide.md"), "{err}");
}

#[test]
fn refuses_a_missing_manifest() {
    let (_d, b) = fresh_bundle();
    fs::remove_file(b.join("manifest.json")).unwrap();
    let err = assert_refused(&b, "bundle.missing_file");
    assert!(err.to_string().contains("manifest.json"), "{err}");
}

#[test]
fn refuses_an_unknown_manifest_format() {
    for bad in [0, 3, 99] {
        let (_d, b) = fresh_bundle();
        edit_manifest(&b, |m| m["format"] = bad.into());
        let err = assert_refused(&b, "bundle.unknown_format");
        assert!(
            err.to_string().contains(&format!(
                "manifest.json has format version {bad}; this build reads formats 1 to 2"
            )),
            "{err}"
        );
    }
    let (_d, b) = fresh_bundle();
    edit_manifest(&b, |m| m["format"] = "2".into());
    assert_refused(&b, "bundle.unknown_format");
}

#[test]
fn refuses_a_manifest_without_format() {
    let (_d, b) = fresh_bundle();
    edit_manifest(&b, |m| {
        m.as_object_mut().unwrap().remove("format");
    });
    assert_refused(&b, "bundle.unknown_format");
}

#[test]
fn refuses_an_unknown_guide_format() {
    let (_d, b) = fresh_bundle();
    edit_guide_json(&b, |g| g["format"] = 7.into());
    let err = assert_refused(&b, "bundle.unknown_format");
    assert!(err.to_string().contains("guide.json has format version 7"), "{err}");
}

#[test]
fn refuses_a_malformed_manifest() {
    let (_d, b) = fresh_bundle();
    let text = fs::read_to_string(b.join("manifest.json")).unwrap();
    fs::write(b.join("manifest.json"), &text[..text.len() / 2]).unwrap();
    let err = assert_refused(&b, "bundle.malformed_json");
    assert!(err.to_string().starts_with("manifest.json is not valid JSON"), "{err}");
}

#[test]
fn refuses_malformed_guide_json_even_with_a_matching_checksum() {
    let (_d, b) = fresh_bundle();
    replace_sealed(&b, "guide.json", b"{ \"format\": 1, \"meta\": ");
    let err = assert_refused(&b, "bundle.malformed_json");
    assert!(err.to_string().starts_with("guide.json is not valid JSON"), "{err}");
}

#[test]
fn refuses_guide_json_of_the_wrong_shape() {
    let (_d, b) = fresh_bundle();
    edit_guide_json(&b, |g| g["surprise"] = true.into());
    assert_refused(&b, "bundle.malformed_json");
}

#[test]
fn refuses_a_manifest_of_the_wrong_shape() {
    let (_d, b) = fresh_bundle();
    edit_manifest(&b, |m| {
        m.as_object_mut().unwrap().remove("generator");
    });
    assert_refused(&b, "bundle.bad_manifest");

    let (_d, b) = fresh_bundle();
    edit_manifest(&b, |m| {
        m["files"].as_array_mut().unwrap().pop();
    });
    let err = assert_refused(&b, "bundle.bad_manifest");
    assert!(err.to_string().contains("guide.json, index.html"), "{err}");
}

#[test]
fn refuses_dot_dot_in_a_manifest_path() {
    for bad in ["../guide.json", "sub/../../etc/passwd", "..", "a\\..\\b", ".hidden"] {
        let (_d, b) = fresh_bundle();
        edit_manifest(&b, |m| m["files"][1]["path"] = bad.into());
        let err = assert_refused(&b, "bundle.unsafe_path");
        assert!(err.to_string().contains(bad), "{err}");
    }
}

#[test]
fn refuses_an_absolute_manifest_path() {
    for bad in ["/etc/passwd", "C:\\Windows\\win.ini", "c:guide.json"] {
        let (_d, b) = fresh_bundle();
        edit_manifest(&b, |m| m["files"][0]["path"] = bad.into());
        assert_refused(&b, "bundle.unsafe_path");
    }
}

#[test]
fn refuses_dot_dot_in_the_manifest_slug() {
    for bad in ["../grid-storage", "grid-storage/..", "/tmp/x", "Grid Storage"] {
        let (_d, b) = fresh_bundle();
        edit_manifest(&b, |m| m["slug"] = bad.into());
        assert_refused(&b, "bundle.unsafe_path");
    }
}

#[test]
fn refuses_dot_dot_in_the_guide_slug() {
    let (_d, b) = fresh_bundle();
    edit_guide_json(&b, |g| g["meta"]["slug"] = "../grid-storage".into());
    assert_refused(&b, "bundle.unsafe_path");
}

#[test]
fn refuses_a_manifest_slug_that_is_not_the_folder_name() {
    let (_d, b) = fresh_bundle();
    edit_manifest(&b, |m| m["slug"] = "other-guide".into());
    let err = assert_refused(&b, "bundle.slug_mismatch");
    assert!(err.to_string().contains("other-guide"), "{err}");
}

#[test]
fn refuses_a_renamed_bundle_folder() {
    let (d, b) = fresh_bundle();
    let renamed = d.path().join("renamed");
    fs::rename(&b, &renamed).unwrap();
    assert_refused(&renamed, "bundle.slug_mismatch");
}

#[test]
fn refuses_a_guide_slug_that_differs_from_the_manifest() {
    let (_d, b) = fresh_bundle();
    edit_guide_json(&b, |g| g["meta"]["slug"] = "grid-storage-two".into());
    assert_refused(&b, "bundle.slug_mismatch");
}

#[test]
fn refuses_a_version_label_that_differs_from_the_manifest() {
    let (_d, b) = fresh_bundle();
    edit_manifest(&b, |m| m["version"] = "v9".into());
    assert_refused(&b, "bundle.bad_manifest");
}

#[test]
fn refuses_a_file_too_large_to_read() {
    let (_d, b) = fresh_bundle();
    let f = fs::OpenOptions::new().write(true).open(b.join("index.html")).unwrap();
    f.set_len(almanac_bundle::MAX_FILE_BYTES + 1).unwrap();
    drop(f);
    let err = assert_refused(&b, "bundle.too_large");
    assert!(err.to_string().contains("index.html"), "{err}");
}

#[test]
fn refuses_an_unlisted_file() {
    let (_d, b) = fresh_bundle();
    fs::write(b.join("extra.js"), "alert(1)").unwrap();
    let err = assert_refused(&b, "bundle.unexpected_file");
    assert!(err.to_string().contains("extra.js"), "{err}");
}

#[test]
fn refuses_a_guide_with_validation_errors() {
    let (_d, b) = fresh_bundle();
    edit_guide_json(&b, |g| {
        g["meta"]["title"] = "".into();
        g["sources"][0]["url"] = "javascript:alert(1)".into();
    });
    let err = assert_refused(&b, "bundle.invalid_guide");
    let BundleError::InvalidGuide { findings } = &err else { panic!("{err}") };
    let codes: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
    assert!(codes.contains(&"required") && codes.contains(&"bad_url"), "{codes:?}");
    assert!(err.to_string().contains("meta.title"), "{err}");
}

#[test]
fn refuses_what_is_not_a_bundle_folder() {
    let d = tempfile::tempdir().unwrap();
    assert_eq!(read_bundle(&d.path().join("nope")).unwrap_err().code(), "bundle.not_found");
    let file = d.path().join("guide.json");
    fs::write(&file, fixture().to_canonical_json()).unwrap();
    assert_eq!(read_bundle(&file).unwrap_err().code(), "bundle.not_a_directory");
}

#[test]
fn error_codes_are_distinct() {
    use std::io::{Error, ErrorKind};
    let p = PathBuf::from("x");
    let s = || String::from("x");
    let all = [
        BundleError::NotFound { path: p.clone() },
        BundleError::NotADirectory { path: p.clone() },
        BundleError::MissingFile { file: s() },
        BundleError::MalformedJson { file: s(), detail: s() },
        BundleError::UnknownFormat { file: s(), found: s() },
        BundleError::BadManifest { detail: s() },
        BundleError::DuplicateKey { file: s(), key: s() },
        BundleError::UnsafePath { what: s(), path: s() },
        BundleError::SlugMismatch { what: s(), found: s(), manifest: s() },
        BundleError::ChecksumMismatch { file: s(), expected: s(), actual: s() },
        BundleError::TooLarge { file: s(), bytes: 1 },
        BundleError::UnexpectedFile { file: s() },
        BundleError::InvalidGuide { findings: Vec::new() },
        BundleError::DerivedMismatch { file: s(), generator: s() },
        BundleError::TargetExists { path: p.clone() },
        BundleError::UnsafeTarget { path: p.clone(), detail: s() },
        BundleError::Io { path: p.clone(), source: Error::from(ErrorKind::Other) },
        BundleError::WriteFailed { path: p, source: Error::from(ErrorKind::Other) },
    ];
    let mut codes: Vec<&str> = all.iter().map(|e| e.code()).collect();
    assert!(codes.iter().all(|c| c.starts_with("bundle.")));
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), all.len());
}

// ---------------------------------------------------------------------------------------------
// Export refusals and replacement.

#[test]
fn export_refuses_an_invalid_guide_and_writes_nothing() {
    let mut g = fixture();
    g.meta.title.clear();
    g.faq[0].answer = "  ".into();
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("dist");
    let err = export_bundle(&g, &out).unwrap_err();
    assert_eq!(err.code(), "bundle.invalid_guide");
    let msg = err.to_string();
    assert!(msg.contains("2 validation error(s)") && msg.contains("faq[0].answer"), "{msg}");
    assert!(!out.exists(), "export created its output folder for an invalid guide");
    assert!(build_bundle(&g).is_err());
}

#[test]
fn export_refuses_to_replace_a_folder_that_is_not_a_bundle() {
    let d = tempfile::tempdir().unwrap();
    let target = d.path().join("grid-storage");
    fs::create_dir(&target).unwrap();
    fs::write(target.join("notes.txt"), "mine").unwrap();
    let before = snapshot(d.path());
    let err = export_bundle(&fixture(), d.path()).unwrap_err();
    assert_eq!(err.code(), "bundle.target_exists");
    assert_eq!(before, snapshot(d.path()));

    // A plain file in the way is refused the same way.
    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join("grid-storage"), "a file").unwrap();
    assert_eq!(export_bundle(&fixture(), d.path()).unwrap_err().code(), "bundle.target_exists");
}

#[test]
fn export_replaces_an_older_bundle_whole_and_leaves_no_temporary_folders() {
    let d = tempfile::tempdir().unwrap();
    let mut g = fixture();
    let path = export_bundle(&g, d.path()).unwrap();
    g.tldr = "A changed summary.".into();
    export_bundle(&g, d.path()).unwrap();
    assert_eq!(read_bundle(&path).unwrap().tldr, "A changed summary.");
    let names: Vec<String> = fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["grid-storage"]);
}

/// A folder under `base` whose path is `len` bytes long (made of long names, none created).
#[cfg(target_os = "linux")]
fn path_of_length(base: &Path, len: usize) -> PathBuf {
    let mut p = base.to_path_buf();
    while p.as_os_str().len() < len {
        let room = len - p.as_os_str().len() - 1;
        let name = "d".repeat(room.min(200));
        // Leave no single-byte remainder that a name could not fill.
        let name = if room > 200 && room - 200 < 3 { "d".repeat(room - 3) } else { name };
        p.push(name);
    }
    assert_eq!(p.as_os_str().len(), len);
    p
}

/// Linux refuses paths of 4096 bytes or more (PATH_MAX): a way to make a write fail after the
/// folders above it were created.
#[cfg(target_os = "linux")]
const PATH_MAX: usize = 4096;

#[test]
#[cfg(target_os = "linux")]
fn a_failed_export_removes_the_folders_it_created_and_nothing_else() {
    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join("keep.txt"), "mine").unwrap();
    fs::create_dir(d.path().join("there")).unwrap();
    // <out>/grid-storage fits, the temporary <out>/.grid-storage.partial-… does not.
    let out = path_of_length(&d.path().join("there"), PATH_MAX - 1 - "/grid-storage".len() - 2);
    let before = snapshot(d.path());
    let err = export_bundle(&fixture(), &out).unwrap_err();
    assert_eq!(err.code(), "bundle.write_failed", "{err}");
    // It failed after creating <out>: writing the temporary bundle folder inside it.
    assert!(err.to_string().contains(".grid-storage.partial-"), "{err}");
    assert!(!d.path().join("there").read_dir().unwrap().any(|_| true), "left folders behind");
    assert_eq!(before, snapshot(d.path()));
}

#[test]
#[cfg(target_os = "linux")]
fn a_failed_import_removes_the_folders_it_created_and_nothing_else() {
    let (_b, bundle) = fresh_bundle();
    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join("keep.txt"), "mine").unwrap();
    // <into>/grid-storage/guide.json fits, its temporary sibling does not.
    let into = path_of_length(d.path(), PATH_MAX - 1 - "/grid-storage/guide.json".len() - 4);
    let before = snapshot(d.path());
    let err = import_bundle(&bundle, &into, false).unwrap_err();
    assert_eq!(err.code(), "bundle.write_failed", "{err}");
    // It failed after creating <into>/grid-storage: writing guide.json there.
    assert!(err.to_string().contains("grid-storage/guide.json"), "{err}");
    assert_eq!(before, snapshot(d.path()), "the import left folders behind");
}

#[test]
#[cfg(unix)]
fn import_refuses_to_write_through_a_symlinked_slug_folder() {
    let (_d, b) = fresh_bundle();
    let dest = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), dest.path().join("grid-storage")).unwrap();
    let before = (snapshot(dest.path()), snapshot(elsewhere.path()));
    for replace in [false, true] {
        let err = import_bundle(&b, dest.path(), replace).unwrap_err();
        assert_eq!(err.code(), "bundle.unsafe_target", "{err}");
        assert!(err.to_string().contains("symbolic link"), "{err}");
    }
    assert_eq!(before, (snapshot(dest.path()), snapshot(elsewhere.path())));
    assert!(fs::read_dir(elsewhere.path()).unwrap().next().is_none(), "wrote outside the target");

    // A guide.json that is a link out of the content folder is refused the same way.
    let dest = tempfile::tempdir().unwrap();
    fs::create_dir(dest.path().join("grid-storage")).unwrap();
    let outside = elsewhere.path().join("victim.json");
    fs::write(&outside, "not yours").unwrap();
    std::os::unix::fs::symlink(&outside, dest.path().join("grid-storage/guide.json")).unwrap();
    let err = import_bundle(&b, dest.path(), true).unwrap_err();
    assert_eq!(err.code(), "bundle.unsafe_target", "{err}");
    assert_eq!(fs::read_to_string(&outside).unwrap(), "not yours");

    // A file where the folder should be is refused too, and left alone.
    let dest = tempfile::tempdir().unwrap();
    fs::write(dest.path().join("grid-storage"), "a file").unwrap();
    let err = import_bundle(&b, dest.path(), true).unwrap_err();
    assert_eq!(err.code(), "bundle.unsafe_target", "{err}");
    assert_eq!(fs::read_to_string(dest.path().join("grid-storage")).unwrap(), "a file");
}

#[test]
fn export_fails_cleanly_when_the_output_cannot_be_created() {
    let d = tempfile::tempdir().unwrap();
    let blocker = d.path().join("file");
    fs::write(&blocker, "x").unwrap();
    let err = export_bundle(&fixture(), &blocker.join("dist")).unwrap_err();
    assert_eq!(err.code(), "bundle.write_failed", "{err}");
}

// ---------------------------------------------------------------------------------------------
// Import into a content folder.

#[test]
fn import_writes_the_guide_into_the_content_folder() {
    let (_d, b) = fresh_bundle();
    let dest = tempfile::tempdir().unwrap();
    let written = import_bundle(&b, dest.path(), false).unwrap();
    assert_eq!(written, dest.path().join("grid-storage/guide.json"));
    assert_eq!(fs::read_to_string(&written).unwrap(), fixture().to_canonical_json());
    assert_eq!(snapshot(dest.path()).len(), 2, "only <slug>/ and its guide.json");
    // Importing the same bundle again is a no-op.
    import_bundle(&b, dest.path(), false).unwrap();
}

#[test]
fn import_refuses_to_overwrite_a_different_guide_unless_told() {
    let (_d, b) = fresh_bundle();
    let dest = tempfile::tempdir().unwrap();
    let target = dest.path().join("grid-storage/guide.json");
    fs::create_dir_all(target.parent().unwrap()).unwrap();
    fs::write(&target, "my unsaved work").unwrap();
    let err = import_bundle(&b, dest.path(), false).unwrap_err();
    assert_eq!(err.code(), "bundle.target_exists");
    assert_eq!(fs::read_to_string(&target).unwrap(), "my unsaved work");
    import_bundle(&b, dest.path(), true).unwrap();
    assert_eq!(fs::read_to_string(&target).unwrap(), fixture().to_canonical_json());
    assert_eq!(snapshot(dest.path()).len(), 2, "no temporary file left behind");
}

// ---------------------------------------------------------------------------------------------
// Format 1 bundles, as an earlier release exported them.

/// A format 1 bundle exported by an earlier release (manifest format 1, guide.json format 1).
fn v1_bundle() -> PathBuf {
    crate_dir().join("tests/fixtures/v1-bundle/scaling-science")
}

fn json_file(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

#[test]
fn reads_a_format_1_bundle_and_upgrades_its_guide() {
    let dir = v1_bundle();
    assert_eq!(json_file(&dir.join("manifest.json"))["format"], 1);
    let raw = json_file(&dir.join("guide.json"));
    assert_eq!(raw["format"], 1);

    let before = snapshot(&dir);
    let guide = read_bundle(&dir).unwrap_or_else(|e| panic!("the format 1 bundle: {e}"));
    assert_eq!(before, snapshot(&dir), "reading the bundle changed it");
    assert_eq!(guide.format, almanac_guide::FORMAT_VERSION);
    assert_eq!(guide.format, 2);
    assert_eq!(guide.meta.slug, "scaling-science");
    assert_eq!(guide.meta.version.label, "v1");
    // Upgrading changes the format number and nothing else.
    let mut upgraded = serde_json::to_value(&guide).unwrap();
    upgraded["format"] = 1.into();
    assert_eq!(upgraded, raw, "the upgrade changed more than the format");
}

#[test]
fn a_format_1_bundle_exports_as_a_valid_format_2_bundle() {
    let guide = read_bundle(&v1_bundle()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let path = export_bundle(&guide, out.path()).unwrap();
    let manifest = json_file(&path.join("manifest.json"));
    assert_eq!(manifest["format"], 2);
    assert_eq!(manifest["format"], BUNDLE_FORMAT);
    assert_eq!(manifest["version"], "v1");
    assert_eq!(json_file(&path.join("guide.json"))["format"], 2);
    // The new bundle reads back to the same guide, and exports to the same bytes again.
    assert_eq!(read_bundle(&path).unwrap(), guide);
    round_trip(&guide, "format 1 bundle, upgraded");
    // Its page and guide.md are the published kind: absolute dates only.
    let html = fs::read_to_string(path.join("index.html")).unwrap();
    let body = html.replace(almanac_render::page_css(), "");
    assert!(!body.contains(" ago<") && !body.contains("just now"), "relative age in index.html");
    assert!(body.contains("generated <time datetime=\"2026-11-18T09:00:00Z\">18 Nov 2026</time>"));
    let md = fs::read_to_string(path.join("guide.md")).unwrap();
    assert!(md.contains("v1 (live) · updated 16 Nov 2026 · generated 18 Nov 2026"), "{md}");
    // Importing the format 1 bundle writes a format 2 guide.json.
    let dest = tempfile::tempdir().unwrap();
    let written = import_bundle(&v1_bundle(), dest.path(), false).unwrap();
    assert_eq!(fs::read_to_string(written).unwrap(), guide.to_canonical_json());
}

#[test]
fn a_format_1_bundle_is_taken_on_its_checksums_without_re_deriving() {
    // Its page was rendered by an earlier release: this build renders other bytes.
    let checked = check_bundle(&v1_bundle()).unwrap();
    assert_eq!((checked.format, checked.rederived), (1, false));
    let page = fs::read_to_string(v1_bundle().join("index.html")).unwrap();
    let files = build_bundle(&checked.guide).unwrap();
    assert_ne!(page, files.index_html, "the fixture would not show what format 1 allows");
}

#[test]
fn a_format_1_bundle_is_checked_against_its_checksums_as_written() {
    let d = tempfile::tempdir().unwrap();
    let copy = d.path().join("scaling-science");
    fs::create_dir(&copy).unwrap();
    for name in ["manifest.json", "guide.json", "index.html", "guide.md"] {
        fs::copy(v1_bundle().join(name), copy.join(name)).unwrap();
    }
    read_bundle(&copy).unwrap();
    let mut md = fs::read(copy.join("guide.md")).unwrap();
    md.extend_from_slice(b"\nAn added line.\n");
    fs::write(copy.join("guide.md"), md).unwrap();
    let err = assert_refused(&copy, "bundle.checksum_mismatch");
    assert!(err.to_string().contains("guide.md"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// guide.md: absolute dates, and what it says about the version.

fn md_guides() -> Vec<(String, Guide)> {
    let mut out = vec![("fixture grid-storage".to_string(), fixture())];
    out.extend(content_guides().into_iter().map(|(p, g)| (p.display().to_string(), g)));
    out
}

#[test]
fn guide_markdown_gives_absolute_dates_only() {
    for (what, g) in md_guides() {
        let md = almanac_bundle::guide_markdown(&g);
        for bad in [" ago", "just now", "Ages are as of"] {
            assert!(!md.contains(bad), "{what}: guide.md says {bad:?}");
        }
        // No timestamp is written raw: each is its date.
        let m = &g.meta;
        let stamps = [&m.updated, &m.generated]
            .into_iter()
            .chain(g.versions.iter().map(|v| &v.at))
            .chain(g.sources.iter().map(|s| &s.published));
        for raw in stamps {
            let t = almanac_render::parse_when(raw).expect("content dates parse");
            assert!(!md.contains(raw.as_str()), "{what}: guide.md writes {raw} as stored");
            assert!(md.contains(&almanac_render::format_absolute(t, true)), "{what}: {raw}");
        }
    }
}

#[test]
fn guide_markdown_says_which_version_it_is() {
    let named = almanac_bundle::guide_markdown(&fixture());
    assert!(named.contains("· active · v3 (live) ·"), "{named}");
    assert!(
        named.contains("- v3 · live · 10 Nov 2026 · this version\n- v2 · archived · 1 Oct 2026\n")
    );
    assert!(!named.contains("draft builds on this"));

    let mut g = fixture();
    g.meta.version = almanac_guide::VersionInfo::working_draft(Some("v3"));
    let draft = almanac_bundle::guide_markdown(&g);
    assert!(draft.contains("· active · v3 (draft, unpublished edits) ·"), "{draft}");
    assert!(draft.contains("- v3 · live · 10 Nov 2026 · draft builds on this\n"), "{draft}");
    assert!(!draft.contains("this version"));

    g.meta.version = almanac_guide::VersionInfo::working_draft(None);
    let unversioned = almanac_bundle::guide_markdown(&g);
    assert!(unversioned.contains("· active · draft (not yet versioned) ·"), "{unversioned}");
    assert!(!unversioned.contains("this version") && !unversioned.contains("builds on this"));
}

#[test]
fn the_working_draft_exports_with_version_draft() {
    let mut g = fixture();
    g.meta.version = almanac_guide::VersionInfo::working_draft(Some("v3"));
    let files = build_bundle(&g).unwrap();
    let m: serde_json::Value = serde_json::from_str(&files.manifest_json).unwrap();
    assert_eq!(m["version"], "draft");
    assert!(files.index_html.contains("draft, unpublished edits"));
    let d = tempfile::tempdir().unwrap();
    let path = export_bundle(&g, d.path()).unwrap();
    assert_eq!(read_bundle(&path).unwrap(), g);
}
