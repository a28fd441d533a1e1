//! `almanac library link` and `almanac sync`, run by the built binary, against bare
//! repositories the test makes with the system git; and a sync killed (SIGKILL) at random
//! moments, over and over, that the next sync finishes with nothing lost or doubled.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use almanac_guide::VersionState;

mod common;
use common::{bare, err, git, init_db, ok, open_store, run};

fn almanac_cmd(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_almanac"));
    cmd.arg("--db").arg(db).args(args);
    cmd.env_remove("ALMANAC_DB").env_remove("ALMANAC_GIT");
    cmd.env("GIT_CONFIG_GLOBAL", "/dev/null").env("GIT_CONFIG_NOSYSTEM", "1");
    cmd
}

#[test]
fn link_status_sync_and_their_errors() {
    let dir = tempfile::tempdir().unwrap();
    let remote = bare(dir.path(), "library.git").display().to_string();
    let a = init_db(&dir.path().join("a"), true);
    let b = init_db(&dir.path().join("b"), false);

    let e = err(&run(&a, &["sync"]), 3);
    assert!(e.contains("not linked"), "{e}");
    let out = ok(&run(&a, &["library", "status"]));
    assert!(out.contains("not linked"), "{out}");

    let out = ok(&run(&a, &["library", "link", &remote]));
    assert!(out.starts_with("Shared ") && out.contains("training-infrastructure v1"), "{out}");
    let out = ok(&run(&a, &["library", "status"]));
    assert!(out.contains(&format!("linked to: {remote}")), "{out}");
    let out = ok(&run(&a, &["sync"]));
    assert!(out.contains("Everything is in sync."), "{out}");

    let out = ok(&run(&b, &["library", "link", &format!("file://{remote}")]));
    assert!(out.contains("ew guides: scaling-science, training-infrastructure"), "{out}");
    let out = ok(&run(&b, &["versions", "training-infrastructure"]));
    assert!(out.contains("v1"), "{out}");

    let out = ok(&run(
        &a,
        &["snapshot", "training-infrastructure", "--label", "v2", "--state", "in-review"],
    ));
    assert!(out.contains("v2"), "{out}");
    let out = ok(&run(&b, &["sync", "--check"]));
    assert!(out.contains("up to date"), "{out}");
    ok(&run(&a, &["sync"]));
    let out = ok(&run(&b, &["sync", "--check"]));
    assert!(out.contains("changed in the shared library: training-infrastructure"), "{out}");
    let out = ok(&run(&b, &["sync"]));
    assert!(out.contains("training-infrastructure v2"), "{out}");

    let gone = dir.path().join("gone.git");
    let e = err(
        &run(&init_db(&dir.path().join("c"), false), &["library", "link", gone.to_str().unwrap()]),
        7,
    );
    assert!(e.contains("cannot be reached"), "{e}");
}

/// Shares many versions while being killed at random moments; then one last sync finishes.
#[test]
fn a_sync_killed_at_any_moment_is_finished_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let remote = bare(dir.path(), "library.git").display().to_string();
    let a = init_db(&dir.path().join("a"), false);
    ok(&run(&a, &["library", "link", &remote]));
    {
        let mut s = open_store(&a);
        for i in 0..40 {
            let mut g = almanac_guide::Guide::from_json(
                almanac_store::seed_files()
                    .iter()
                    .find(|(d, _)| *d == "training-infrastructure")
                    .unwrap()
                    .1,
            )
            .unwrap();
            g.meta.slug = format!("guide-{i:02}");
            g.meta.title = format!("Guide {i}");
            let id = s.create_guide(&g).unwrap().id;
            for v in 1..=3 {
                let mut d = s.draft(id).unwrap();
                d.guide.tldr = format!("Version {v} of guide {i}.");
                s.save_draft(id, d.revision, &d.guide).unwrap();
                let ver = s.snapshot(id, &format!("v{v}"), VersionState::InReview, "").unwrap();
                if v == 3 {
                    s.add_note(ver.id, Some("tldr"), None, "Shorter, please.").unwrap();
                }
            }
        }
    }
    // Kill it at spread-out moments: early (before the fetch), mid-import, mid-write, mid-push.
    let mut killed = 0;
    for round in 0..12u64 {
        let mut child =
            almanac_cmd(&a, &["sync"]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(20 + round * 37 % 400));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            killed += 1;
        }
        child.wait().unwrap();
    }
    assert!(killed > 0, "at least one sync was killed mid-way");
    let out = ok(&run(&a, &["sync"]));
    let again = ok(&run(&a, &["sync"]));
    assert!(again.contains("Everything is in sync."), "{out}\n{again}");

    // Every version is shared exactly once, the repository is sound, and a colleague gets it
    // all.
    git(Path::new(&remote), &["fsck", "--no-progress"]);
    let files = git(Path::new(&remote), &["ls-tree", "-r", "--name-only", "main"]);
    let versions = files.lines().filter(|l| l.contains("/versions/")).count();
    assert_eq!(versions, 40 * 3, "{files}");
    let s = open_store(&a);
    s.check_integrity().unwrap();
    let b = init_db(&dir.path().join("b"), false);
    ok(&run(&b, &["library", "link", &remote]));
    let sb = open_store(&b);
    for i in [0, 17, 39] {
        let slug = format!("guide-{i:02}");
        let ga = s.guide_by_slug(&slug).unwrap().id;
        let gb = sb.guide_by_slug(&slug).unwrap().id;
        let va = s.list_versions(ga).unwrap();
        let vb = sb.list_versions(gb).unwrap();
        let key = |v: &Vec<almanac_store::Version>| {
            v.iter().map(|x| (x.label.clone(), x.edit_hash.clone(), x.shared)).collect::<Vec<_>>()
        };
        assert_eq!(key(&va), key(&vb), "{slug}");
        assert_eq!(sb.list_notes(vb[0].id).unwrap().len(), 1, "{slug}: the note arrived once");
    }
}
