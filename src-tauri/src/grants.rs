//! The capability grants checked against the command list (`command_list.rs`, the one place the
//! commands are written): `src-tauri/capabilities/main.json` grants `allow-<name>` for exactly
//! the registered commands. A command registered but not granted would be refused at run time;
//! one granted but not registered is dead weight.

use std::collections::BTreeSet;

fn capability() -> serde_json::Value {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/capabilities/main.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn permissions(cap: &serde_json::Value) -> Vec<&str> {
    cap["permissions"].as_array().unwrap().iter().filter_map(|p| p.as_str()).collect()
}

#[test]
fn every_registered_command_is_granted_and_nothing_else() {
    let registered: BTreeSet<String> = crate::COMMANDS.iter().map(|c| c.to_string()).collect();
    assert_eq!(registered.len(), crate::COMMANDS.len(), "a command is listed twice");
    assert!(registered.len() >= 14, "{registered:?}");

    let cap = capability();
    let granted: BTreeSet<String> = permissions(&cap)
        .into_iter()
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect();
    assert_eq!(registered, granted, "command_list.rs vs capabilities/main.json grants");
}

#[test]
fn the_window_gets_no_core_or_plugin_permission_beyond_events() {
    let cap = capability();
    let others: Vec<&str> =
        permissions(&cap).into_iter().filter(|p| !p.starts_with("allow-")).collect();
    assert_eq!(others, ["core:event:allow-listen", "core:event:allow-unlisten"]);
}
