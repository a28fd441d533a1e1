//! Almanac Studio's desktop shell: Tauri wiring over the core crates. All logic lives in the
//! Tauri-free crates under `src-tauri/crates/`; the commands here pass their arguments through
//! to them.
//!
//! # Modules
//! - `command_list.rs`: every IPC command, written once (included here and by `build.rs`).
//! - `editing`: the open draft's commands (a session per window in `almanac_edit::Drafts`:
//!   patches in, changed page parts and findings out) and its autosave thread.
//! - `commands` (library, editor) and `review` (versions, comparisons, review, export): the IPC
//!   commands; `error`: `ApiError { code, message }`, the one error that crosses IPC.
//! - `types`: the shell's own IPC types (`AppInfo`, `SaveOutcome`, `GuideRef`, ...).
//! - `stored`: what a `GuideRef` names in the store, and comparisons of two stored guides.
//! - `desktop`: files the app writes (diff reports, bundles) and the system's file manager.
//! - `dialog`: native folder dialogs, with the `--import-from` / `--export-to` test seams.
//! - `launch`: the database path (`--db`, `ALMANAC_DB`, default) and the test seams.
//! - `state`: the open store behind a mutex, and what happened when it was opened.
//! - `preview`: the live preview (the published page, with a forced light/dark/print look).
//! - `menu`: the native menu, emitting the `menu` event to the UI; `window`: its size and place.
//! - `bindings` (tests): the TypeScript types in `ui/src/lib/bindings/`, checked for staleness;
//!   `grants` (tests): the capability's grants against the command list.

pub mod commands;
pub mod desktop;
pub mod dialog;
pub mod editing;
pub mod error;
pub mod launch;
pub mod library;
pub mod menu;
pub mod preview;
pub mod review;
pub mod spelling;
pub mod state;
pub mod stored;
pub mod types;
pub mod window;

#[cfg(test)]
mod bindings;
#[cfg(test)]
mod grants;

/// Turns the paths in `command_list.rs` into [`COMMANDS`] and the invoke handler.
macro_rules! app_commands {
    ($($module:ident :: $command:ident),* $(,)?) => {
        /// The name of every IPC command, as the UI invokes it.
        pub const COMMANDS: &[&str] = &[$(stringify!($command)),*];

        /// Tauri's handler for every IPC command.
        fn invoke_handler(
        ) -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($module::$command),*]
        }
    };
}

include!("command_list.rs");

use tauri::{Manager, WindowEvent};

use crate::launch::Launch;
use crate::state::AppState;

/// Starts the app: one instance per database, the window where it was left, the store open.
pub fn run() {
    let launch = Launch::from_process();
    let context = tauri::generate_context!();
    let instance_id = launch.instance_id(&context.config().identifier);

    tauri::Builder::default()
        // First: a second start on the same database focuses the running window and exits.
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(instance_id)
                .callback(|app, _argv, _cwd| {
                    if let Some(w) = app.get_webview_window("main") {
                        let _ = w.unminimize();
                        let _ = w.show();
                        let _ = w.set_focus();
                    }
                })
                .build(),
        )
        .plugin(
            tauri_plugin_window_state::Builder::default().with_state_flags(window::FLAGS).build(),
        )
        .plugin(tauri_plugin_dialog::init())
        // The store opens only after the single-instance check passed: a second start never
        // touches the database the running window has open.
        .setup(move |app| {
            let state = AppState::open(launch);
            editing::start_autosave(app.handle(), &state);
            app.manage(state);
            spelling::enable(app.handle(), spelling::dictionaries(&[]));
            Ok(())
        })
        .menu(menu::build)
        .on_menu_event(|app, event| menu::on_menu(app, event.id().as_ref()))
        .on_window_event(|w, event| match event {
            WindowEvent::CloseRequested { api, .. } if w.label() == "main" => {
                api.prevent_close();
                menu::request_quit(w.app_handle());
            }
            WindowEvent::Moved(_) | WindowEvent::Resized(_) => window::changed(w.app_handle()),
            _ => {}
        })
        .invoke_handler(invoke_handler())
        .run(context)
        .unwrap_or_else(|e| {
            eprintln!("Almanac Studio could not start: {e}");
            std::process::exit(1);
        });
}
