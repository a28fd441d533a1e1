//! Crash test: a child process saves drafts in a tight loop and reports each
//! completed save; it is killed with SIGKILL at random moments, 60 times. After each kill the
//! database must open (without being treated as damaged), pass `integrity_check`, and hold
//! the last save the child reported (with that save's content).

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use almanac_store::{OpenOptions, Store};

const KILLS: usize = 60;

/// xorshift64*: a small, seeded generator (the seed is printed so a failure can be replayed).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

#[test]
fn sigkill_during_saves_never_loses_a_reported_save() {
    let seed = std::env::var("CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos() as u64 | 1
    });
    println!("crash test seed: {seed} (set CRASH_SEED to replay)");
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    let exe = env!("CARGO_BIN_EXE_almanac-store-crashloop");
    let started = Instant::now();
    let mut last_reported: Option<(i64, String)> = None;
    let mut kills_after_a_save = 0;
    // Each run can complete at most one save it did not live to report; runs that reported
    // nothing add up.
    let mut unreported_allowed = 0;

    for round in 0..KILLS {
        let mut child = Command::new(exe)
            .arg(&db)
            .arg("crash-guide")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the crash loop");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Most kills land at a random moment of the save loop (after the first reported
        // save); every fifth lands at a random moment from the start (open, migration,
        // first saves).
        let mut lines = Vec::new();
        if round % 5 != 4 {
            match rx.recv_timeout(Duration::from_secs(10)) {
                Ok(first) => lines.push(first),
                Err(e) => panic!("round {round}: the child reported no save: {e}"),
            }
            std::thread::sleep(Duration::from_millis(rng.below(40)));
        } else {
            std::thread::sleep(Duration::from_millis(rng.below(30)));
        }
        child.kill().expect("SIGKILL the child"); // Child::kill sends SIGKILL on Unix.
        let status = child.wait().unwrap();
        reader.join().unwrap();
        lines.extend(rx.try_iter());
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
        assert!(stderr.is_empty(), "round {round}: the child reported an error: {stderr}");
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(status.signal(), Some(9), "round {round}: killed by SIGKILL");
        }
        // Lines are written whole; only a line cut by the kill may be partial: ignore it.
        for line in &lines {
            let mut parts = line.split(' ');
            if let (Some("saved"), Some(rev), Some(marker), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            {
                if let Ok(rev) = rev.parse::<i64>() {
                    last_reported = Some((rev, marker.to_string()));
                }
            }
        }
        if lines.is_empty() {
            unreported_allowed += 1;
        } else {
            kills_after_a_save += 1;
            unreported_allowed = 1;
        }

        let opts = OpenOptions { seed: false, recover_corrupt: false, ..OpenOptions::default() };
        let store = Store::open_with(&db, opts)
            .unwrap_or_else(|e| panic!("round {round}: the database does not open: {e}"));
        store.check_integrity().unwrap_or_else(|e| panic!("round {round}: {e}"));
        if let Some((rev, marker)) = &last_reported {
            let g = store.guide_by_slug("crash-guide").unwrap();
            let draft = store.draft(g.id).unwrap();
            // The child may have finished a save it was killed before printing.
            assert!(
                draft.revision >= *rev && draft.revision <= rev + unreported_allowed,
                "round {round}: reported revision {rev}, database has {}",
                draft.revision
            );
            let saved = store.revision(g.id, *rev).unwrap();
            assert!(saved.tldr.starts_with(marker.as_str()), "round {round}: content of {rev}");
            if draft.revision == *rev {
                assert!(draft.guide.tldr.starts_with(marker.as_str()));
            }
        }
    }
    let (rev, _) = last_reported.expect("the child reported saves");
    println!(
        "{KILLS} kills ({kills_after_a_save} after at least one save in that run), \
         {rev} revisions saved, {:.1?}",
        started.elapsed()
    );
    assert!(kills_after_a_save >= KILLS / 2, "most kills must land while saving");
    assert!(rev > KILLS as i64, "saves happened across the runs");
    assert!(started.elapsed() < Duration::from_secs(60));
}
