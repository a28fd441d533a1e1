//! Almanac Studio's desktop shell: Tauri wiring over the core crates. All logic lives in the
//! Tauri-free crates under `src-tauri/crates/`; the commands here are thin calls into them.
//!
//! - `launch`: database path (`--db`, `ALMANAC_DB`, default) and the folder-dialog test seams.
//! - `state`: the open store behind a mutex, and what happened when it was opened.
//! - `commands` (library, editor) and `review` (versions, diffs, review, export): the IPC
//!   IPC commands; `error`: `ApiError { code, message }`.
//! - `preview`: the live preview (the published page, with a forced light/dark/print look).
//! - `menu`: the native menu, emitting the `menu` event to the UI.
//! - `bindings` (tests): the TypeScript types in `ui/src/lib/bindings/`, checked for staleness.

pub mod commands;
pub mod dialog;
pub mod error;
pub mod launch;
pub mod menu;
pub mod preview;
pub mod review;
pub mod state;
pub mod types;
pub mod window;

#[cfg(test)]
mod bindings;
#[cfg(test)]
mod grants;

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
            app.manage(AppState::open(launch));
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
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::list_guides,
            commands::search,
            commands::create_guide,
            commands::inspect_bundle,
            commands::import_bundle,
            commands::trash_guide,
            commands::untrash_guide,
            commands::list_trash,
            commands::open_draft,
            commands::save_draft,
            commands::validate_guide,
            commands::render_preview,
            commands::parse_capacity,
            commands::reviewer_name,
            commands::set_reviewer_name,
            commands::quit_app,
            review::list_versions,
            review::snapshot,
            review::open_version,
            review::diff,
            review::diff_report_html,
            review::save_diff_report,
            review::restore_version,
            review::restore_item,
            review::restore_field,
            review::set_version_state,
            review::approve,
            review::approval_status,
            review::add_note,
            review::list_notes,
            review::delete_note,
            review::export_bundle,
            review::export_bundles,
            review::show_in_folder,
        ])
        .run(context)
        .unwrap_or_else(|e| {
            eprintln!("Almanac Studio could not start: {e}");
            std::process::exit(1);
        });
}
