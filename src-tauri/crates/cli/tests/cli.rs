//! Runs the built `almanac` binary: every command, its output and its exit code.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use almanac_guide::Guide;

fn almanac(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_almanac")).args(args).output().expect("almanac runs")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture_path() -> PathBuf {
    crate_dir().join("../bundle/tests/fixtures/grid-storage/guide.json")
}

fn fixture() -> Guide {
    Guide::from_json(&fs::read_to_string(fixture_path()).unwrap()).unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Writes a guide.json into a temp dir and returns its path.
fn write_guide(dir: &Path, g: &Guide) -> PathBuf {
    let p = dir.join("guide.json");
    fs::write(&p, g.to_canonical_json()).unwrap();
    p
}

fn invalid_guide() -> Guide {
    let mut g = fixture();
    g.meta.title = String::new();
    g.sources[0].url = "not a url".into();
    g
}

fn list(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = match fs::read_dir(dir) {
        Ok(rd) => rd.map(|e| e.unwrap().file_name().into_string().unwrap()).collect(),
        Err(_) => Vec::new(),
    };
    v.sort();
    v
}

// ---------------------------------------------------------------------------------------------
// Help and usage.

#[test]
fn help_documents_commands_examples_and_exit_codes() {
    let o = almanac(&["--help"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    for part in [
        "check",
        "render",
        "export",
        "import",
        "init",
        "approve",
        "state",
        "Examples:",
        "Exit codes:",
        "4  bundle refused",
        "5  write failed",
        "6  review state move refused (store.invalid_transition)",
    ] {
        assert!(out.contains(part), "--help lacks {part:?}:\n{out}");
    }
    for cmd in ["check", "render", "export", "import", "init", "snapshot", "state", "approve"] {
        let o = almanac(&[cmd, "--help"]);
        assert_eq!(code(&o), 0);
        assert!(stdout(&o).contains("Examples:"), "{cmd} --help has no examples");
    }
    assert!(stdout(&almanac(&["--version"])).starts_with("almanac "));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(code(&almanac(&[])), 2);
    assert_eq!(code(&almanac(&["publish"])), 2);
    assert_eq!(code(&almanac(&["check"])), 2);
    assert_eq!(code(&almanac(&["export", s(&fixture_path())])), 2, "export needs -o");
    assert_eq!(code(&almanac(&["check", "--format", "yaml", s(&fixture_path())])), 2);
    let o = almanac(&["render", s(&fixture_path()), "--now", "yesterday"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("RFC 3339"), "{}", stderr(&o));
    assert_eq!(code(&almanac(&["import", "x", "--replace"])), 2, "--replace needs --into");
}

// ---------------------------------------------------------------------------------------------
// check

#[test]
fn check_passes_a_valid_guide() {
    let o = almanac(&["check", s(&fixture_path())]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains(": ok (0 errors"), "{out}");
    // The fixture's second source has no summary: a warning, which does not fail the check.
    assert!(out.contains("warning[empty_summary] sources[1].summary: "), "{out}");
}

#[test]
fn check_passes_every_content_guide() {
    let content = crate_dir().join("../../../content");
    let mut paths = Vec::new();
    for e in fs::read_dir(&content).unwrap() {
        let p = e.unwrap().path().join("guide.json");
        if p.is_file() {
            paths.push(p.to_str().unwrap().to_string());
        }
    }
    assert!(!paths.is_empty());
    let mut args = vec!["check"];
    args.extend(paths.iter().map(String::as_str));
    let o = almanac(&args);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_eq!(stdout(&o).matches(": ok (").count(), paths.len());
}

#[test]
fn check_accepts_a_content_folder_holding_just_guide_json() {
    let d = tempfile::tempdir().unwrap();
    write_guide(d.path(), &fixture());
    let o = almanac(&["check", s(d.path())]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    // An empty folder is neither: refused as a bundle without a manifest.
    let empty = tempfile::tempdir().unwrap();
    let o = almanac(&["check", s(empty.path())]);
    assert_eq!(code(&o), 4);
    assert!(stderr(&o).contains("[bundle.missing_file]"), "{}", stderr(&o));
}

#[test]
fn check_reports_validation_errors_with_exit_1() {
    let d = tempfile::tempdir().unwrap();
    let p = write_guide(d.path(), &invalid_guide());
    let o = almanac(&["check", s(&p)]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(out.contains("error[required] meta.title: The title is required."), "{out}");
    assert!(out.contains("error[bad_url] sources[0].url: "), "{out}");
    assert!(out.contains(": failed (2 errors, 1 warning)"), "{out}");
}

#[test]
fn check_json_prints_one_report_per_input() {
    let d = tempfile::tempdir().unwrap();
    let bad = write_guide(d.path(), &invalid_guide());
    let missing = d.path().join("missing.json");
    let o = almanac(&["check", "--format", "json", s(&fixture_path()), s(&bad), s(&missing)]);
    assert_eq!(code(&o), 3, "the worst outcome wins: unreadable input");
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("stdout is JSON");
    let reports = v.as_array().unwrap();
    assert_eq!(reports.len(), 3);
    assert_eq!(reports[0]["ok"], true);
    assert_eq!(reports[0]["kind"], "guide");
    assert_eq!(reports[0]["errors"], 0);
    assert_eq!(reports[0]["warnings"], 1);
    assert_eq!(reports[1]["ok"], false);
    assert_eq!(reports[1]["errors"], 2);
    let f = &reports[1]["findings"][0];
    assert_eq!(f["severity"], "error");
    assert_eq!(f["path"], "meta.title");
    assert_eq!(f["code"], "required");
    assert_eq!(reports[2]["failure"]["code"], "input.unreadable");
    assert_eq!(reports[2]["kind"], serde_json::Value::Null);

    let o = almanac(&["check", "--format", "json", s(&bad)]);
    assert_eq!(code(&o), 1);
}

#[test]
fn check_unreadable_input_exits_3() {
    let d = tempfile::tempdir().unwrap();
    let o = almanac(&["check", s(&d.path().join("nope.json"))]);
    assert_eq!(code(&o), 3);
    assert!(stderr(&o).starts_with("error: cannot read "), "{}", stderr(&o));

    let junk = d.path().join("junk.json");
    fs::write(&junk, "{ not json").unwrap();
    let o = almanac(&["check", s(&junk)]);
    assert_eq!(code(&o), 3);
    assert!(stderr(&o).contains("is not a readable guide"), "{}", stderr(&o));

    // A format newer than this build reads.
    let newer = almanac_guide::FORMAT_VERSION + 1;
    let future = d.path().join("future.json");
    let text = fixture().to_canonical_json().replace(
        &format!("\"format\": {}", almanac_guide::FORMAT_VERSION),
        &format!("\"format\": {newer}"),
    );
    fs::write(&future, text).unwrap();
    let o = almanac(&["check", s(&future)]);
    assert_eq!(code(&o), 3);
    assert!(stderr(&o).contains(&format!("format version {newer}")), "{}", stderr(&o));
}

#[test]
fn check_verifies_bundles() {
    let d = tempfile::tempdir().unwrap();
    let b = almanac_bundle::export_bundle(&fixture(), d.path()).unwrap();
    let o = almanac(&["check", s(&b)]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));

    let o = almanac(&["check", "--format", "json", s(&b)]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[0]["kind"], "bundle");

    fs::write(b.join("guide.md"), "tampered").unwrap();
    let o = almanac(&["check", s(&b)]);
    assert_eq!(code(&o), 4);
    let err = stderr(&o);
    assert!(
        err.starts_with("error: bundle ") && err.contains("[bundle.checksum_mismatch]"),
        "{err}"
    );

    let o = almanac(&["check", "--format", "json", s(&b)]);
    assert_eq!(code(&o), 4);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[0]["failure"]["code"], "bundle.checksum_mismatch");
}

#[test]
fn check_lists_the_findings_of_a_bundle_whose_guide_is_invalid() {
    let d = tempfile::tempdir().unwrap();
    let b = almanac_bundle::export_bundle(&fixture(), d.path()).unwrap();
    // Make the guide invalid but keep the checksums right.
    let bad = invalid_guide().to_canonical_json();
    fs::write(b.join("guide.json"), &bad).unwrap();
    let manifest = fs::read_to_string(b.join("manifest.json")).unwrap();
    let mut m: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    m["files"][0]["sha256"] = almanac_bundle::sha256_hex(bad.as_bytes()).into();
    m["files"][0]["bytes"] = bad.len().into();
    fs::write(b.join("manifest.json"), serde_json::to_string_pretty(&m).unwrap()).unwrap();

    let o = almanac(&["check", s(&b)]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stdout(&o).contains("error[required] meta.title"), "{}", stdout(&o));

    // Import refuses the same bundle, listing the errors.
    let o = almanac(&["import", s(&b)]);
    assert_eq!(code(&o), 4);
    let err = stderr(&o);
    assert!(
        err.contains("[bundle.invalid_guide]") && err.contains("error[bad_url] sources[0].url"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// render

#[test]
fn render_prints_the_published_page_by_default() {
    let g = fixture();
    let o = almanac(&["render", s(&fixture_path())]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        almanac_render::render_page(&g, &almanac_render::PageOptions::published())
    );
}

#[test]
fn render_writes_a_file_and_previews_against_a_clock() {
    let g = fixture();
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("page.html");
    let now = "2026-12-01T10:00:00+01:00";
    let o = almanac(&["render", s(&fixture_path()), "-o", s(&out), "--now", now]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    let opts = almanac_render::PageOptions::at(chrono::DateTime::parse_from_rfc3339(now).unwrap());
    assert_eq!(fs::read_to_string(&out).unwrap(), almanac_render::render_page(&g, &opts));
    assert_eq!(list(d.path()), ["page.html"], "no temporary file left");
}

#[test]
fn render_reports_a_failed_write_with_exit_5() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("no/such/dir/page.html");
    let o = almanac(&["render", s(&fixture_path()), "-o", s(&out)]);
    assert_eq!(code(&o), 5);
    assert!(stderr(&o).starts_with("error: cannot write "), "{}", stderr(&o));
}

#[test]
fn render_of_a_missing_guide_exits_3() {
    assert_eq!(code(&almanac(&["render", "/no/such/guide.json"])), 3);
}

// ---------------------------------------------------------------------------------------------
// export

#[test]
fn export_writes_the_bundle_and_prints_its_path() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("dist");
    let o = almanac(&["export", s(&fixture_path()), "-o", s(&out)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let bundle = out.join("grid-storage");
    assert_eq!(stdout(&o).trim(), s(&bundle));
    let files = almanac_bundle::build_bundle(&fixture()).unwrap();
    for (name, text) in files.files() {
        assert_eq!(fs::read_to_string(bundle.join(name)).unwrap(), text, "{name}");
    }

    // Exporting from the bundle itself gives the same bytes.
    let again = d.path().join("again");
    let o = almanac(&["export", s(&bundle), "-o", s(&again)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for (name, text) in files.files() {
        assert_eq!(
            fs::read_to_string(again.join("grid-storage").join(name)).unwrap(),
            text,
            "{name}"
        );
    }
}

#[test]
fn export_of_every_content_guide_works() {
    let content = crate_dir().join("../../../content");
    let d = tempfile::tempdir().unwrap();
    let mut n = 0;
    for e in fs::read_dir(&content).unwrap() {
        let p = e.unwrap().path().join("guide.json");
        if p.is_file() {
            let o = almanac(&["export", s(&p), "-o", s(d.path())]);
            assert_eq!(code(&o), 0, "{}: {}", p.display(), stderr(&o));
            let bundle = PathBuf::from(stdout(&o).trim());
            assert_eq!(code(&almanac(&["check", s(&bundle)])), 0);
            n += 1;
        }
    }
    assert!(n >= 1);
}

#[test]
fn export_refuses_an_invalid_guide_with_exit_1_and_writes_nothing() {
    let d = tempfile::tempdir().unwrap();
    let p = write_guide(d.path(), &invalid_guide());
    let out = d.path().join("dist");
    let o = almanac(&["export", s(&p), "-o", s(&out)]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.starts_with("error: refusing to export"), "{err}");
    assert!(err.contains("error[required] meta.title"), "{err}");
    assert!(!out.exists());
}

#[test]
fn export_refuses_to_replace_a_folder_that_is_not_a_bundle_with_exit_5() {
    let d = tempfile::tempdir().unwrap();
    fs::create_dir(d.path().join("grid-storage")).unwrap();
    fs::write(d.path().join("grid-storage/keep.txt"), "mine").unwrap();
    let o = almanac(&["export", s(&fixture_path()), "-o", s(d.path())]);
    assert_eq!(code(&o), 5);
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    assert_eq!(list(&d.path().join("grid-storage")), ["keep.txt"]);
}

// ---------------------------------------------------------------------------------------------
// import

#[test]
fn import_prints_a_summary_without_writing() {
    let d = tempfile::tempdir().unwrap();
    let b = almanac_bundle::export_bundle(&fixture(), d.path()).unwrap();
    let o = almanac(&["import", s(&b)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("bundle ok: "), "{out}");
    assert!(out.contains("slug:     grid-storage"), "{out}");
    assert!(out.contains("version:  v3 (live)"), "{out}");
    assert!(out.contains("3 deal rows, 3 timeline events, 2 FAQ, 2 sources"), "{out}");
    assert_eq!(list(d.path()), ["grid-storage"]);
}

#[test]
fn import_into_a_content_folder() {
    let d = tempfile::tempdir().unwrap();
    let b = almanac_bundle::export_bundle(&fixture(), d.path()).unwrap();
    let content = d.path().join("content");
    let o = almanac(&["import", s(&b), "--into", s(&content)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let written = content.join("grid-storage/guide.json");
    assert!(stdout(&o).contains(&format!("imported: {}", written.display())));
    assert_eq!(fs::read_to_string(&written).unwrap(), fixture().to_canonical_json());

    // A different guide already there is kept unless --replace is given.
    fs::write(&written, "local edits").unwrap();
    let o = almanac(&["import", s(&b), "--into", s(&content)]);
    assert_eq!(code(&o), 5);
    assert!(stderr(&o).contains("--replace"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&written).unwrap(), "local edits");
    let o = almanac(&["import", s(&b), "--into", s(&content), "--replace"]);
    assert_eq!(code(&o), 0);
    assert_eq!(fs::read_to_string(&written).unwrap(), fixture().to_canonical_json());
}

#[test]
fn import_refuses_a_bad_bundle_with_exit_4_and_writes_nothing() {
    let d = tempfile::tempdir().unwrap();
    let b = almanac_bundle::export_bundle(&fixture(), d.path()).unwrap();
    let m = fs::read_to_string(b.join("manifest.json")).unwrap();
    fs::write(
        b.join("manifest.json"),
        m.replace("\"slug\": \"grid-storage\"", "\"slug\": \"../grid-storage\""),
    )
    .unwrap();
    let content = d.path().join("content");
    let o = almanac(&["import", s(&b), "--into", s(&content)]);
    assert_eq!(code(&o), 4);
    assert!(stderr(&o).contains("[bundle.unsafe_path]"), "{}", stderr(&o));
    assert!(!content.exists());

    let o = almanac(&["import", s(&d.path().join("nothing-here"))]);
    assert_eq!(code(&o), 3);
    assert!(stderr(&o).starts_with("error: "), "{}", stderr(&o));
}
