//! Tauri's build step: reads `tauri.conf.json` (at the repository root, next to Cargo.toml),
//! the capabilities in `src-tauri/capabilities/`, and declares the app's own commands so each
//! must be granted by a capability (nothing is allowed by default).

/// The names of the commands listed in `src/command_list.rs` (the last segment of each path).
macro_rules! app_commands {
    ($($module:ident :: $command:ident),* $(,)?) => {
        const COMMANDS: &[&str] = &[$(stringify!($command)),*];
    };
}

include!("src/command_list.rs");

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=src-tauri/src/command_list.rs");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri-build failed (see the message above)");
}
