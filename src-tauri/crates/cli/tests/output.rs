//! Output that cannot be written: every command, run as the real binary, with standard output
//! that fails (`/dev/full`: exit 5 and a message, never a panic) and with standard output a
//! pipe its reader has closed (`almanac guides | head -1`: quiet, the command's own status);
//! and with standard error that fails (ignored).
#![cfg(unix)]

mod common;

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::init_db;

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Everything the commands below read: a guide.json, a second one, a bundle, a seeded store.
struct Inputs {
    dir: tempfile::TempDir,
    guide: PathBuf,
    bundle: PathBuf,
    db: PathBuf,
}

fn inputs() -> Inputs {
    let dir = tempfile::tempdir().unwrap();
    let guide = crate_dir().join("../bundle/tests/fixtures/grid-storage/guide.json");
    let text = fs::read_to_string(&guide).unwrap();
    let g = almanac_guide::Guide::from_json(&text).unwrap();
    let bundle = almanac_bundle::export_bundle(&g, &dir.path().join("bundles")).unwrap();
    let db = init_db(dir.path(), true);
    Inputs { dir, guide, bundle, db }
}

/// Each command with its arguments (store commands after `--db`), and its exit status when its
/// output is written.
fn commands(i: &Inputs) -> Vec<(&'static str, Vec<String>, i32)> {
    let guide = s(&i.guide).to_string();
    let out = s(&i.dir.path().join("out")).to_string();
    let v1 = "training-infrastructure@v1".to_string();
    let draft = "training-infrastructure@draft".to_string();
    let args = |a: &[&str]| a.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    vec![
        ("check", args(&["check", &guide]), 0),
        ("check json", args(&["check", &guide, "--format", "json"]), 0),
        ("render", args(&["render", &guide]), 0),
        ("export", args(&["export", &guide, "-o", &out]), 0),
        ("export from the store", args(&["export", &v1, "-o", &out]), 0),
        ("import", args(&["import", s(&i.bundle)]), 0),
        ("diff", vec!["diff".into(), v1.clone(), draft.clone()], 0),
        ("diff json", vec!["diff".into(), v1.clone(), draft, "--format".into(), "json".into()], 0),
        ("guides", args(&["guides"]), 0),
        ("guides json", args(&["guides", "--format", "json"]), 0),
        ("versions", args(&["versions", "training-infrastructure"]), 0),
        ("search", args(&["search", "gigawatt"]), 0),
        ("version-show", args(&["version-show", "training-infrastructure", "v1"]), 0),
    ]
}

fn run(i: &Inputs, args: &[String], stdout: Stdio) -> Output {
    Command::new(env!("CARGO_BIN_EXE_almanac"))
        .arg("--db")
        .arg(&i.db)
        .args(args)
        .env_remove("ALMANAC_DB")
        .env("NO_COLOR", "1")
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .expect("almanac runs")
}

fn dev_full() -> Option<Stdio> {
    match fs::OpenOptions::new().write(true).open("/dev/full") {
        Ok(f) => Some(f.into()),
        Err(_) => {
            eprintln!("skipped: no /dev/full here");
            None
        }
    }
}

/// A stream whose reading end is already closed: the first write fails with EPIPE.
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::os::unix::net::UnixStream::pair().unwrap();
    drop(reader);
    std::os::fd::OwnedFd::from(writer).into()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_full_standard_output_is_exit_5_with_a_message_for_every_command() {
    let i = inputs();
    for (name, args, _) in commands(&i) {
        let Some(full) = dev_full() else { return };
        let o = run(&i, &args, full);
        let err = text(&o.stderr);
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert_eq!(o.status.code(), Some(5), "{name}: {err}");
        assert!(
            err.contains("error: cannot write to standard output: No space left on device"),
            "{name}: {err}"
        );
    }
    // With -o, standard output is not written at all.
    let Some(full) = dev_full() else { return };
    let page = i.dir.path().join("page.html");
    let o = run(&i, &["render".into(), s(&i.guide).into(), "-o".into(), s(&page).into()], full);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(page.is_file());
}

#[test]
fn a_closed_standard_output_ends_quietly_with_the_command_s_status() {
    let i = inputs();
    for (name, args, status) in commands(&i) {
        let o = run(&i, &args, closed_pipe());
        let err = text(&o.stderr);
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(!err.contains("error:"), "{name}: quiet, but: {err}");
        assert_eq!(o.status.code(), Some(status), "{name}: {err}");
    }
    // Validation errors keep their status: exit 1.
    let mut g = almanac_guide::Guide::from_json(&fs::read_to_string(&i.guide).unwrap()).unwrap();
    g.meta.title.clear();
    let bad = i.dir.path().join("bad.json");
    fs::write(&bad, g.to_canonical_json()).unwrap();
    let o = run(&i, &["check".into(), s(&bad).into()], closed_pipe());
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    // What the command does is done: the export's bundle is written.
    let out = i.dir.path().join("piped");
    let o =
        run(&i, &["export".into(), s(&i.guide).into(), "-o".into(), s(&out).into()], closed_pipe());
    assert_eq!(o.status.code(), Some(0));
    assert!(out.join("grid-storage").join("manifest.json").is_file());
}

/// `almanac check … | head -1`: the reader goes away after the first line.
#[test]
fn a_reader_that_stops_early_ends_no_command_with_a_panic() {
    let i = inputs();
    // Many inputs, so that check is still writing when the reader has gone.
    let many: Vec<String> = vec![s(&i.guide).to_string(); 400];
    let mut args = vec!["check".to_string()];
    args.extend(many);
    for args in [args, vec!["search".into(), "the".into(), "--limit".into(), "500".into()]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_almanac"))
            .arg("--db")
            .arg(&i.db)
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        assert!(!first.is_empty());
        // The reader is dropped here: later writes meet a closed pipe.
        let o = child.wait_with_output().unwrap();
        let err = text(&o.stderr);
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(o.status.code(), Some(0), "{err}");
    }
}

/// Help and version go to standard output too: the same rules.
#[test]
fn help_and_version_on_a_full_or_closed_standard_output() {
    for args in [vec!["--help"], vec!["--version"], vec!["export", "--help"]] {
        let Some(full) = dev_full() else { return };
        let o = Command::new(env!("CARGO_BIN_EXE_almanac"))
            .args(&args)
            .stdout(full)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(5), "{args:?}: {err}");
        assert!(err.contains("cannot write to standard output"), "{err}");
        let o = Command::new(env!("CARGO_BIN_EXE_almanac"))
            .args(&args)
            .stdout(closed_pipe())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", text(&o.stderr));
        assert!(o.stderr.is_empty(), "{}", text(&o.stderr));
    }
    // A usage error is still exit 2, on standard error.
    let o = Command::new(env!("CARGO_BIN_EXE_almanac")).arg("--bogus").output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--bogus"));
}

/// Notes and errors on a standard error that cannot be written are dropped; the exit status
/// still tells.
#[test]
fn a_full_standard_error_changes_nothing() {
    let i = inputs();
    let Some(full) = dev_full() else { return };
    let page = i.dir.path().join("page.html");
    let o = Command::new(env!("CARGO_BIN_EXE_almanac"))
        .args(["render", s(&i.guide), "-o", s(&page)])
        .stderr(full)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(page.is_file(), "written; its \"wrote\" note dropped");
    let Some(full) = dev_full() else { return };
    let o = Command::new(env!("CARGO_BIN_EXE_almanac"))
        .args(["check", s(&i.dir.path().join("missing.json"))])
        .stderr(full)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3));
}
