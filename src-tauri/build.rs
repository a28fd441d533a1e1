//! Tauri's build step: reads `tauri.conf.json` (at the repository root, next to Cargo.toml),
//! the capabilities in `src-tauri/capabilities/`, and declares the app's own commands so each
//! must be granted by a capability (nothing is allowed by default).

/// Every IPC command the shell registers (`lib.rs`, `generate_handler!`).
const COMMANDS: &[&str] = &[
    "app_info",
    "list_guides",
    "search",
    "create_guide",
    "inspect_bundle",
    "import_bundle",
    "trash_guide",
    "untrash_guide",
    "list_trash",
    "open_draft",
    "save_draft",
    "validate_guide",
    "render_preview",
    "parse_capacity",
    "reviewer_name",
    "set_reviewer_name",
    "quit_app",
    "list_versions",
    "snapshot",
    "open_version",
    "diff",
    "diff_report_html",
    "save_diff_report",
    "restore_version",
    "restore_item",
    "restore_field",
    "set_version_state",
    "approve",
    "approval_status",
    "add_note",
    "list_notes",
    "delete_note",
    "export_bundle",
    "export_bundles",
    "show_in_folder",
];

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri-build failed (see the message above)");
}
