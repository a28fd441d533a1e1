//! Two libraries (two databases, two clones) sharing one bare repository through a real git,
//! over `file://` and over a `git daemon` this test starts on 127.0.0.1: the editor → reviewer
//! round trip, the same label named on both machines, a merge with one conflict, offline, a
//! remote that demands credentials, and a push rejected because a colleague pushed first.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use almanac_guide::{Guide, VersionState};
use almanac_store::{
    OpenOptions, Store, SyncState, LIBRARY_SETTING, MACHINE_SETTING, REVIEWER_SETTING,
};
use almanac_sync::{GitCli, Library};

/// The system git, kept from the user's and the system's configuration.
fn git() -> GitCli {
    GitCli::system()
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", std::env::temp_dir())
}

fn sample(dir: &str) -> Guide {
    let json = almanac_store::seed_files().iter().find(|(d, _)| *d == dir).unwrap().1;
    Guide::from_json(json).unwrap()
}

/// One person's machine: a database and a clone in its own folder.
struct Desk {
    store: Store,
    library: Library,
}

impl Desk {
    fn new(root: &Path, machine: &str, person: &str) -> Desk {
        Desk::with_git(root, machine, person, git())
    }

    fn with_git(root: &Path, machine: &str, person: &str, git: GitCli) -> Desk {
        let dir = root.join(machine);
        std::fs::create_dir_all(&dir).unwrap();
        let mut store = Store::open_with(
            dir.join("almanac.db"),
            OpenOptions { seed: false, ..OpenOptions::default() },
        )
        .unwrap();
        store.set_setting(MACHINE_SETTING, machine).unwrap();
        store.set_setting(REVIEWER_SETTING, person).unwrap();
        let library = Library::new(git, dir.join("shared-library"));
        Desk { store, library }
    }

    fn sync(&mut self) -> almanac_sync::SyncReport {
        self.library.sync(&mut self.store).unwrap()
    }

    fn guide(&self, slug: &str) -> i64 {
        self.store.guide_by_slug(slug).unwrap().id
    }

    fn edit(&mut self, slug: &str, f: impl FnOnce(&mut Guide)) {
        let id = self.guide(slug);
        let d = self.store.draft(id).unwrap();
        let mut g = d.guide;
        f(&mut g);
        self.store.save_draft(id, d.revision, &g).unwrap();
    }
}

fn bare(root: &Path) -> PathBuf {
    let path = root.join("library.git");
    git().init(&path, true).unwrap();
    path
}

fn file_url(p: &Path) -> String {
    format!("file://{}", p.display())
}

/// The editor → reviewer round trip against `remote`.
fn round_trip(root: &Path, remote: &str) {
    let mut ed = Desk::new(root, "editor-laptop", "Ed Editor");
    let mut rita = Desk::new(root, "review-desk", "Rita Reviewer");
    let g = ed.store.create_guide(&sample("training-infrastructure")).unwrap();
    ed.store.snapshot(g.id, "v1", VersionState::Draft, "first").unwrap();
    let linked = ed.library.link(&mut ed.store, remote).unwrap();
    assert_eq!(linked.shared_versions.len(), 1, "{linked:?}");
    assert_eq!(ed.store.guide(g.id).unwrap().sync, Some(SyncState::Shared));

    // The editor names v2 (in review) and syncs.
    let v2_content = sample("training-infrastructure-v2");
    ed.edit("training-infrastructure", |d| *d = v2_content.clone());
    assert_eq!(ed.store.guide(g.id).unwrap().sync, Some(SyncState::Shared), "drafts stay private");
    ed.store.snapshot(g.id, "v2", VersionState::InReview, "").unwrap();
    assert_eq!(ed.store.guide(g.id).unwrap().sync, Some(SyncState::ChangesToShare));
    let r = ed.sync();
    assert_eq!(r.shared_versions.len(), 1, "{r:?}");

    // The reviewer links, compares v1 → v2, notes on a deal row, approves, syncs.
    let got = rita.library.link(&mut rita.store, remote).unwrap();
    assert_eq!(got.imported.new_guides, ["training-infrastructure"], "{got:?}");
    let rg = rita.guide("training-infrastructure");
    let v1 = rita.store.version_by_label(rg, "v1").unwrap();
    let v2 = rita.store.version_by_label(rg, "v2").unwrap();
    assert_eq!((v2.author.as_str(), v2.machine.as_str()), ("Ed Editor", "editor-laptop"));
    assert_eq!(v2.state, VersionState::InReview);
    let old = rita.store.version_side(v1.id).unwrap();
    let new = rita.store.version_side(v2.id).unwrap();
    let diff = almanac_diff::diff_guides(&old.guide, &new.guide);
    let s = &diff.summary;
    assert!(s.added + s.changed + s.fields_changed > 0, "v1 → v2 differ: {s:?}");
    assert_eq!(rita.store.open_version(v2.id).unwrap().guide, v2_content.stripped());
    let deal = v2_content.deals.rows[1].id.clone();
    rita.store
        .add_note(v2.id, Some("deals[1].capacity"), Some(&deal), "Is this 1 GW or 1.2 GW?")
        .unwrap();
    rita.store.approve(v2.id, "Rita Reviewer").unwrap();
    let r = rita.sync();
    assert_eq!(r.shared_events, 2, "{r:?}");

    // The editor syncs and sees the approval and the note.
    let r = ed.sync();
    assert_eq!(r.imported.events, 2, "{r:?}");
    let ev2 = ed.store.version_by_label(g.id, "v2").unwrap();
    assert_eq!(ev2.state, VersionState::Approved);
    let a = &ed.store.approvals(ev2.id).unwrap()[0];
    assert_eq!((a.reviewer.as_str(), a.machine.as_str()), ("Rita Reviewer", "review-desk"));
    assert_eq!(a.content_hash, ev2.content_hash);
    let notes = ed.store.list_notes(ev2.id).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].item_id.as_deref(), Some(deal.as_str()));
    assert_eq!(notes[0].author, "Rita Reviewer");

    // The publisher (the editor here) makes it live; the reviewer sees it live.
    ed.store.set_version_state(ev2.id, VersionState::Live).unwrap();
    ed.sync();
    rita.sync();
    assert_eq!(rita.store.version(v2.id).unwrap().state, VersionState::Live);
    // Nothing left to do: a sync changes nothing and pushes nothing.
    let r = rita.sync();
    assert_eq!((r.commit.as_deref(), r.shared_events, r.imported.events), (None, 0, 0));
    for d in [&ed, &rita] {
        let id = d.store.guide_by_slug("training-infrastructure").unwrap().id;
        assert_eq!(d.store.guide(id).unwrap().sync, Some(SyncState::Shared));
    }
}

#[test]
fn editor_and_reviewer_round_trip_over_file_url() {
    let root = tempfile::tempdir().unwrap();
    let remote = bare(root.path());
    round_trip(root.path(), &file_url(&remote));
}

/// `git daemon` serving `base` on 127.0.0.1 (pushes allowed), stopped when dropped.
struct Daemon {
    child: Child,
    port: u16,
}

impl Daemon {
    fn start(base: &Path) -> Daemon {
        let port = TcpListener::bind(("127.0.0.1", 0)).unwrap().local_addr().unwrap().port();
        let child = Command::new("git")
            .args([
                "daemon",
                "--reuseaddr",
                "--export-all",
                "--enable=receive-pack",
                "--listen=127.0.0.1",
                &format!("--port={port}"),
                &format!("--base-path={}", base.display()),
                &base.display().to_string(),
            ])
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("git daemon starts");
        let d = Daemon { child, port };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return d;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("git daemon did not listen on 127.0.0.1:{port}");
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn editor_and_reviewer_round_trip_over_git_daemon() {
    let root = tempfile::tempdir().unwrap();
    bare(root.path());
    let daemon = Daemon::start(root.path());
    round_trip(root.path(), &format!("git://127.0.0.1:{}/library.git", daemon.port));
}

#[test]
fn the_same_label_on_two_machines_is_renamed_for_the_second_and_nothing_is_lost() {
    let root = tempfile::tempdir().unwrap();
    let remote = file_url(&bare(root.path()));
    let mut ann = Desk::new(root.path(), "ann", "Ann");
    let mut bob = Desk::new(root.path(), "bob", "Bob");
    let g = ann.store.create_guide(&sample("training-infrastructure")).unwrap();
    ann.store.snapshot(g.id, "v1", VersionState::Draft, "").unwrap();
    ann.library.link(&mut ann.store, &remote).unwrap();
    bob.library.link(&mut bob.store, &remote).unwrap();

    ann.edit("training-infrastructure", |d| d.tldr = "Ann's summary.".into());
    ann.store.snapshot(g.id, "v2", VersionState::InReview, "").unwrap();
    bob.edit("training-infrastructure", |d| d.tldr = "Bob's summary.".into());
    let bg = bob.guide("training-infrastructure");
    let bobs = bob.store.snapshot(bg, "v2", VersionState::InReview, "").unwrap();
    ann.sync();
    let r = bob.sync();
    assert_eq!(r.imported.renamed.len(), 1, "{r:?}");
    assert_eq!(
        (r.imported.renamed[0].from.as_str(), r.imported.renamed[0].to.as_str()),
        ("v2", "v3")
    );
    assert!(
        r.summary().contains("your v2 of training-infrastructure is now v3"),
        "{}",
        r.summary()
    );
    assert_eq!(bob.store.version(bobs.id).unwrap().label, "v3");
    ann.sync();
    for d in [&ann, &bob] {
        let id = d.guide("training-infrastructure");
        let tldr = |label: &str| {
            let v = d.store.version_by_label(id, label).unwrap();
            d.store.open_version(v.id).unwrap().guide.tldr
        };
        assert_eq!(
            (tldr("v2"), tldr("v3")),
            ("Ann's summary.".to_string(), "Bob's summary.".to_string())
        );
    }
}

#[test]
fn a_colleagues_version_merges_into_the_draft_with_one_conflict() {
    let root = tempfile::tempdir().unwrap();
    let remote = file_url(&bare(root.path()));
    let mut ann = Desk::new(root.path(), "ann", "Ann");
    let mut bob = Desk::new(root.path(), "bob", "Bob");
    let g = ann.store.create_guide(&sample("training-infrastructure")).unwrap();
    ann.store.snapshot(g.id, "v1", VersionState::Draft, "").unwrap();
    ann.library.link(&mut ann.store, &remote).unwrap();
    bob.library.link(&mut bob.store, &remote).unwrap();

    // Both edit from v1: the same field differently, and one field each.
    ann.edit("training-infrastructure", |d| {
        d.tldr = "Ann's summary.".into();
        d.meta.title = "Training Infrastructure, revised".into();
    });
    ann.store.snapshot(g.id, "v2", VersionState::InReview, "").unwrap();
    ann.sync();
    bob.edit("training-infrastructure", |d| {
        d.tldr = "Bob's summary.".into();
        d.faq[0].answer = "Bob's answer.".into();
    });
    let r = bob.sync();
    assert_eq!(r.imported.to_merge.len(), 1, "{r:?}");
    let bg = bob.guide("training-infrastructure");
    let offers = bob.store.merge_offers(bg).unwrap();
    assert_eq!(offers.len(), 1);
    let theirs = bob.store.open_version(offers[0].id).unwrap().guide;
    let base = bob.store.merge_base(bg, offers[0].id).unwrap().expect("v1 is common");
    assert_eq!(base.label, "v1");
    let base = bob.store.open_version(base.id).unwrap().guide;
    let ours = bob.store.draft(bg).unwrap().guide;
    let m = almanac_merge::merge(&base, &ours, &theirs);
    assert_eq!(m.conflicts.len(), 1, "{:?}", m.conflicts);
    assert_eq!(m.conflicts[0].key, "tldr");
    assert_eq!(m.merged.meta.title, "Training Infrastructure, revised", "their change applied");
    assert_eq!(m.merged.faq[0].answer, "Bob's answer.", "our change kept");
    let choices = [("tldr".to_string(), almanac_merge::Resolution::Theirs)].into();
    let merged = almanac_merge::resolve(&base, &ours, &theirs, &choices).unwrap();
    assert_eq!(merged.tldr, "Ann's summary.");
    let d = bob.store.draft(bg).unwrap();
    bob.store.save_draft(bg, d.revision, &merged).unwrap();
    bob.store.record_merge(bg, offers[0].id).unwrap();
    assert!(bob.store.merge_offers(bg).unwrap().is_empty());
    // Bob's next version builds on both.
    let v3 = bob.store.snapshot(bg, "v3", VersionState::InReview, "").unwrap();
    bob.sync();
    ann.sync();
    assert!(ann.store.merge_offers(g.id).unwrap().iter().any(|v| v.label == "v3"));
    let ann_v3 = ann.store.version_by_label(g.id, "v3").unwrap();
    assert_eq!(ann.store.merge_base(g.id, ann_v3.id).unwrap().unwrap().label, "v2");
    assert_eq!(bob.store.version(v3.id).unwrap().label, "v3");
}

#[test]
fn offline_keeps_everything_here_and_the_next_sync_shares_it() {
    let root = tempfile::tempdir().unwrap();
    let remote_path = bare(root.path());
    let remote = file_url(&remote_path);
    let mut ann = Desk::new(root.path(), "ann", "Ann");
    let g = ann.store.create_guide(&sample("training-infrastructure")).unwrap();
    ann.store.snapshot(g.id, "v1", VersionState::Draft, "").unwrap();
    ann.library.link(&mut ann.store, &remote).unwrap();

    let away = root.path().join("away.git");
    std::fs::rename(&remote_path, &away).unwrap();
    ann.edit("training-infrastructure", |d| d.tldr = "Written offline.".into());
    ann.store.snapshot(g.id, "v2", VersionState::InReview, "").unwrap();
    let e = ann.library.sync(&mut ann.store).unwrap_err();
    assert_eq!(e.code(), "sync.unreachable", "{e}");
    assert!(e.to_string().contains("offline"), "{e}");
    let v2 = ann.store.version_by_label(g.id, "v2").unwrap();
    assert!(!v2.shared);
    assert_eq!(ann.store.guide(g.id).unwrap().sync, Some(SyncState::ChangesToShare));

    std::fs::rename(&away, &remote_path).unwrap();
    let r = ann.sync();
    assert_eq!(r.shared_versions.len(), 1, "{r:?}");
    assert!(ann.store.version(v2.id).unwrap().shared);
}

#[test]
fn not_linked_and_missing_git_are_clear_errors() {
    let root = tempfile::tempdir().unwrap();
    let mut ann = Desk::new(root.path(), "ann", "Ann");
    assert_eq!(ann.library.sync(&mut ann.store).unwrap_err().code(), "sync.not_linked");
    let mut nogit =
        Desk::with_git(root.path(), "nogit", "N", GitCli::with_program("/nonexistent/git"));
    let remote = file_url(&bare(root.path()));
    let e = nogit.library.link(&mut nogit.store, &remote).unwrap_err();
    assert_eq!(e.code(), "sync.git_missing", "{e}");
    assert_eq!(nogit.store.setting(LIBRARY_SETTING).unwrap(), None, "nothing recorded");
}

/// A server on 127.0.0.1 answering every request with 401 and a Basic challenge.
fn unauthorized_server() -> (u16, Arc<AtomicBool>, std::thread::JoinHandle<()>) {
    let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = stop.clone();
    let handle = std::thread::spawn(move || {
        while !stopped.load(Ordering::Relaxed) {
            match listener.accept() {
                Ok((mut stream, _)) => {
                    stream.set_nonblocking(false).unwrap();
                    let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(5)));
                    let mut request = Vec::new();
                    let mut buf = [0u8; 1024];
                    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                        match stream.read(&mut buf) {
                            Ok(0) | Err(_) => break,
                            Ok(n) => request.extend_from_slice(&buf[..n]),
                        }
                    }
                    let _ = stream.write_all(
                        b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"library\"\r\n\
                          Content-Length: 0\r\nConnection: close\r\n\r\n",
                    );
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                Err(_) => break,
            }
        }
    });
    (port, stop, handle)
}

#[test]
fn a_remote_that_demands_credentials_is_auth_refused_and_nothing_is_recorded() {
    let root = tempfile::tempdir().unwrap();
    let (port, stop, handle) = unauthorized_server();
    let mut ann = Desk::new(root.path(), "ann", "Ann");
    let e = ann
        .library
        .link(&mut ann.store, &format!("http://127.0.0.1:{port}/library.git"))
        .unwrap_err();
    stop.store(true, Ordering::Relaxed);
    handle.join().unwrap();
    assert_eq!(e.code(), "sync.auth_refused", "{e}");
    assert_eq!(ann.store.setting(LIBRARY_SETTING).unwrap(), None);
}

#[test]
fn a_push_rejected_because_a_colleague_pushed_first_is_redone_after_a_fetch() {
    let root = tempfile::tempdir().unwrap();
    let remote_path = bare(root.path());
    let remote = file_url(&remote_path);
    let mut bob = Desk::new(root.path(), "bob", "Bob");
    bob.store.create_guide(&sample("training-infrastructure")).unwrap();
    let bg = bob.guide("training-infrastructure");
    bob.store.snapshot(bg, "v1", VersionState::Draft, "").unwrap();
    bob.library.link(&mut bob.store, &remote).unwrap();

    // Ann's git pushes a colleague's commit just before her own first push.
    let other = root.path().join("other");
    git().clone_into(&remote, &other).unwrap();
    std::fs::write(other.join("NOTES.md"), "A colleague's commit.\n").unwrap();
    let run = |args: &[&str]| {
        let ok = Command::new("git")
            .arg("-C")
            .arg(&other)
            .args(["-c", "user.name=C", "-c", "user.email=c@localhost"])
            .args(args)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .status()
            .unwrap()
            .success();
        assert!(ok, "{args:?}");
    };
    run(&["add", "-A"]);
    run(&["commit", "-qm", "colleague"]);
    let script = root.path().join("racing-git");
    let marker = root.path().join("raced");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nif [ \"$3\" = push ] || [ \"$1\" = push ] || echo \"$*\" | grep -q ' push '; then\n\
             if [ ! -e '{m}' ]; then touch '{m}'; git -C '{o}' push -q origin HEAD:main; fi\nfi\nexec git \"$@\"\n",
            m = marker.display(),
            o = other.display()
        ),
    )
    .unwrap();
    std::process::Command::new("chmod").arg("+x").arg(&script).status().unwrap();
    let racing = GitCli::with_program(&script)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", std::env::temp_dir());
    let mut ann = Desk::with_git(root.path(), "ann", "Ann", racing);
    let g = ann.store.create_guide(&sample("scaling-science")).unwrap();
    ann.store.snapshot(g.id, "v1", VersionState::Draft, "").unwrap();
    let r = ann.library.link(&mut ann.store, &remote).unwrap();
    assert!(marker.exists(), "the colleague's push happened");
    assert_eq!(r.retries, 1, "{r:?}");
    assert_eq!(r.shared_versions.len(), 1);
    let log = Command::new("git")
        .arg("-C")
        .arg(&remote_path)
        .args(["log", "--format=%s", "main"])
        .output()
        .unwrap();
    let log = String::from_utf8(log.stdout).unwrap();
    assert!(log.contains("colleague") && log.contains("Share scaling-science v1"), "{log}");
}
