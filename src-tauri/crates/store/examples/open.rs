//! Opens a store the way the app does (creating and seeding a new one, moving a damaged one
//! aside) and prints what happened. Usage:
//! `cargo run -p almanac-store --example open -- [path]` (default: `default_db_path()`).

use std::process::ExitCode;

fn main() -> ExitCode {
    let path = match std::env::args_os().nth(1) {
        Some(p) => p.into(),
        None => match almanac_store::default_db_path() {
            Ok(p) => p,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    match almanac_store::Store::open(&path) {
        Ok(store) => {
            let r = store.open_report();
            println!("{}", serde_json::to_string_pretty(r).expect("report serialises"));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error [{}]: {e}", e.code());
            ExitCode::FAILURE
        }
    }
}
