//! Keeps the three lists of IPC commands in step: the handlers registered in `lib.rs`
//! (`generate_handler!`), the commands declared in `build.rs` (each gets an `allow-…`
//! permission), and the grants in `src-tauri/capabilities/main.json`. A command registered but
//! not granted would be refused at run time; one granted but not registered is dead weight.

use std::collections::BTreeSet;

fn source(rel: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("{start:?} not found")) + start.len();
    let len = text[from..].find(end).unwrap_or_else(|| panic!("{end:?} not found"));
    &text[from..from + len]
}

#[test]
fn every_registered_command_is_declared_and_granted() {
    let lib = source("src-tauri/src/lib.rs");
    let registered: BTreeSet<String> = between(&lib, "generate_handler![", "]")
        .split(',')
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| s.rsplit("::").next().unwrap().to_string())
        .collect();

    let build = source("src-tauri/build.rs");
    let declared: BTreeSet<String> = between(&build, "const COMMANDS: &[&str] = &[", "];")
        .split(',')
        .map(|s| s.trim().trim_matches('"').to_string())
        .filter(|s| !s.is_empty())
        .collect();

    let cap: serde_json::Value =
        serde_json::from_str(&source("src-tauri/capabilities/main.json")).unwrap();
    let granted: BTreeSet<String> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect();

    assert!(registered.len() >= 14, "{registered:?}");
    assert_eq!(registered, declared, "lib.rs handlers vs build.rs COMMANDS");
    assert_eq!(registered, granted, "lib.rs handlers vs capabilities/main.json grants");
}

#[test]
fn the_window_gets_no_core_or_plugin_permission_beyond_events() {
    let cap: serde_json::Value =
        serde_json::from_str(&source("src-tauri/capabilities/main.json")).unwrap();
    let others: Vec<&str> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| !p.starts_with("allow-"))
        .collect();
    assert_eq!(others, ["core:event:allow-listen", "core:event:allow-unlisten"]);
}
