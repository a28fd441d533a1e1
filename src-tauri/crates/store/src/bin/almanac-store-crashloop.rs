//! Test helper for the crash test (`tests/crash.rs`): saves drafts of one guide in a tight
//! loop and prints `saved <revision> <marker>` to stdout (flushed) after each save returned.
//! The parent kills it with SIGKILL at random moments and checks that the last reported
//! revision is in the database.
//!
//! Usage: almanac-store-crashloop <db path> <slug>
//! Creates the guide when it does not exist, then saves forever.

use std::io::Write;
use std::process::ExitCode;

use almanac_guide::Guide;
use almanac_store::{OpenOptions, Store};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(slug)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: almanac-store-crashloop <db path> <slug>");
        return ExitCode::from(2);
    };
    let opts = OpenOptions { seed: false, ..OpenOptions::default() };
    let mut store = match Store::open_with(path, opts) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("open: {e}");
            return ExitCode::FAILURE;
        }
    };
    let id = match store.guide_by_slug(slug) {
        Ok(g) => g.id,
        Err(_) => {
            let guide = Guide::new_empty(slug, "Crash loop", "2026-01-01T00:00:00Z");
            match store.create_guide(&guide) {
                Ok(g) => g.id,
                Err(e) => {
                    eprintln!("create: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
    };
    let mut out = std::io::stdout().lock();
    loop {
        let draft = match store.draft(id) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("draft: {e}");
                return ExitCode::FAILURE;
            }
        };
        let mut guide = draft.guide;
        // The marker ties the content to the revision: the parent checks both.
        let marker = format!("saved-after-revision-{}", draft.revision);
        guide.tldr = format!("{marker} {}", "text ".repeat(200));
        match store.save_draft(id, draft.revision, &guide) {
            Ok(rev) => {
                if writeln!(out, "saved {rev} {marker}").and_then(|_| out.flush()).is_err() {
                    return ExitCode::FAILURE;
                }
            }
            Err(e) => {
                eprintln!("save: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
}
